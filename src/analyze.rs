//! The per-document driver: one text in, its analysis out, whatever the text.
//!
//! Functions: [`analyze_document`] reads a long text in pieces of at most [`PIECE`] bytes (cut at
//! a line or sentence end) and stops after the resolver's time limit ([`TIME_LIMIT`] unless set),
//! checked between pieces and every few references inside one; [`analyze_guarded`] adds a guard, so a
//! bug on one text is a warning, not the end of the run; [`analyze_all`] runs the guarded driver
//! over many documents on all workers. The stages it drives are [`crate::resolve`] (which calls
//! [`crate::extract`] and [`crate::relate`]).

use crate::warning::{Warning, WarningKind};
use crate::{model, resolve};
use rayon::prelude::*;

/// The bytes each reference's (and each relation cue's) reading looks at, counted in test builds
/// only, so that a property test can check the work per reference stays bounded however dense
/// a text is — the linear-time promise, asserted without timing anything. Other builds count
/// nothing and pay nothing.
pub(crate) mod work {
    #[cfg(test)]
    thread_local! {
        static BYTES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Counts a stretch of text read for one reference or cue; returns it.
    #[inline]
    pub(crate) fn read(s: &str) -> &str {
        #[cfg(test)]
        BYTES.with(|b| b.set(b.get() + s.len()));
        s
    }

    /// The bytes counted on this thread so far.
    #[cfg(test)]
    pub(crate) fn bytes() -> usize {
        BYTES.with(|b| b.get())
    }
}

/// Texts longer than this are read in pieces (cut at a line or sentence end), so memory and time
/// stay bounded whatever one file holds (a 200 MB single-line dump, say).
pub const PIECE: usize = 1 << 20;

/// Reading one text stops after this long by default, with a warning.
pub const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

fn cut(text: &str, from: usize) -> usize {
    if text.len() - from <= PIECE {
        return text.len();
    }
    let end = text.floor_char_boundary(from + PIECE);
    let window = &text[from..end];
    // a line end, else a sentence end, else a space in the last quarter of the piece
    let floor = PIECE * 3 / 4;
    for pat in ["\n", ". ", " "] {
        if let Some(i) = window.rfind(pat).filter(|&i| i >= floor) {
            return from + i + pat.len();
        }
    }
    end
}

/// The warning for a text whose reading stopped at byte `at` of it.
fn stopped(resolver: &resolve::Resolver, doc: &model::Document, at: usize) -> Warning {
    let limit = resolver.time_limit.as_secs_f64();
    Warning::at(
        &*doc.source,
        None,
        WarningKind::TimeLimit,
        format!("stopped after {limit}s at byte {at}: the rest of this text is not read"),
    )
}

/// Analyses one document, in pieces when it is long, within the resolver's time limit.
pub fn analyze_document(resolver: &resolve::Resolver, doc: &model::Document) -> model::DocAnalysis {
    let started = std::time::Instant::now();
    let deadline = started.checked_add(resolver.time_limit);
    if doc.text.len() <= PIECE {
        let (mut a, at) = resolver.analyze_until(doc, deadline);
        a.warnings.extend(at.map(|at| stopped(resolver, doc, at)));
        return a;
    }
    let mut whole = model::DocAnalysis { source: doc.source.clone(), meta: doc.meta.clone(), ..Default::default() };
    let mut provinces = std::collections::BTreeMap::<String, usize>::new();
    let (mut from, mut pieces) = (0, 0);
    while from < doc.text.len() {
        if pieces > 0 && started.elapsed() > resolver.time_limit {
            whole.warnings.push(stopped(resolver, doc, from));
            break;
        }
        let to = cut(&doc.text, from);
        let piece = model::Document {
            source: doc.source.clone(),
            text: doc.text[from..to].to_string(),
            meta: doc.meta.clone(),
        };
        let (mut a, at) = resolver.analyze_until(&piece, deadline);
        if pieces == 0 {
            whole.title = a.title;
            whole.newspaper = a.newspaper.take();
        }
        whole.published = whole.published.or(a.published);
        if let Some(p) = a.province {
            *provinces.entry(p).or_default() += 1;
        }
        let shift = whole.mentions.len();
        for r in &mut a.relations {
            r.from += shift;
            r.to += shift;
            r.cue_start += from;
            r.cue_end += from;
        }
        for m in &mut a.mentions {
            m.start += from;
            m.end += from;
        }
        whole.mentions.extend(a.mentions);
        whole.relations.extend(a.relations);
        whole.warnings.extend(a.warnings);
        pieces += 1;
        if let Some(at) = at {
            whole.warnings.push(stopped(resolver, doc, from + at));
            break;
        }
        from = to;
    }
    whole.province = provinces.into_iter().max_by_key(|(p, n)| (*n, std::cmp::Reverse(p.clone()))).map(|(p, _)| p);
    whole.province_2025 = whole.province.as_deref().and_then(|p| resolver.tables.province_2025(p));
    whole.warnings.push(Warning::at(
        &*doc.source,
        None,
        WarningKind::ReadInPieces,
        format!("{} bytes read in {pieces} pieces of at most {PIECE} bytes", doc.text.len()),
    ));
    whole
}

/// Analyses every document in parallel; the result keeps the input order.
///
/// A document whose analysis fails (a bug, never expected) yields an empty analysis with a
/// warning naming it, so one bad text never loses the rest of the corpus.
pub fn analyze_all(resolver: &resolve::Resolver, docs: &[model::Document]) -> Vec<model::DocAnalysis> {
    docs.par_iter().map(|d| analyze_guarded(resolver, d)).collect()
}

/// `analyze_document` with a guard: a bug on one text yields an empty analysis with a warning
/// instead of ending the run.
pub fn analyze_guarded(resolver: &resolve::Resolver, doc: &model::Document) -> model::DocAnalysis {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze_document(resolver, doc))).unwrap_or_else(|_| {
        model::DocAnalysis {
            source: doc.source.clone(),
            warnings: vec![Warning::at(
                &*doc.source,
                None,
                WarningKind::InternalError,
                "internal error while reading this text; skipped",
            )],
            ..Default::default()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_read_in_pieces_with_offsets_kept() {
        let sentence = "Thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021 của Tỉnh ủy Sơn La về cơ sở đảng.\n";
        let filler = "Tin tức kinh tế trong ngày không nhắc văn bản nào cả. ".repeat(40_000);
        let text = format!("{sentence}{filler}{sentence}{filler}{sentence}");
        let doc = model::Document { source: "big.txt".into(), text: text.clone(), ..Default::default() };
        let a = analyze_document(&resolve::Resolver::embedded(), &doc);
        assert_eq!(a.mentions.len(), 3);
        for m in &a.mentions {
            assert_eq!(&text[m.start..m.end], m.text);
        }
        assert!(a.warnings.iter().any(|w| w.kind == WarningKind::ReadInPieces && w.file == "big.txt"));
    }
}
