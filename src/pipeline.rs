//! The corpus pipeline: inputs in, analyses out, streamed in batches on all workers.
//!
//! Types: [`Observer`] (what a caller hears as the run goes: each [`Warning`], progress),
//! [`RunStats`] (what the run saw), [`Tally`] (warnings grouped by kind, for a short report),
//! [`Analysed`] (a whole corpus's analyses at once), [`Error`].
//! Functions: [`run`] streams the inputs through [`crate::analyze_guarded`] and hands each
//! batch's kept analyses, in input order, to a callback — memory holds a couple of batches, not
//! the corpus; [`run_map`] does the same with each analysis turned into what the caller wants on
//! the workers, beside its text (the Python package's rows); [`analyze_inputs`] collects
//! everything (small corpora, tests, the Python package's `build`).
//!
//! ```
//! use vncite::{corpus::InputOptions, pipeline, resolve::Resolver};
//! let dir = std::env::temp_dir().join(format!("vncite-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.").unwrap();
//! let all = pipeline::analyze_inputs(&Resolver::embedded(), &[dir.clone()], &InputOptions::default()).unwrap();
//! assert_eq!(all.analyses[0].mentions[0].number, "5");
//! assert_eq!(all.stats.skipped, 0);
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use crate::corpus::{self, InputOptions};
use crate::model::{DocAnalysis, Document};
use crate::resolve::Resolver;
use crate::warning::{Warning, WarningKind};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc;

/// Why a run could not go on (a bad input is a warning, never this).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input named on the command line does not exist.
    #[error("input {0} does not exist")]
    NoInput(PathBuf),
    /// The thread reading the inputs failed (a bug).
    #[error("the input reader failed")]
    Reader,
    /// The callback handed the batches failed (writing records to a closed pipe, say).
    #[error("{0}")]
    Sink(#[from] std::io::Error),
}

/// What a caller hears while a run goes on. Both methods do nothing by default.
pub trait Observer {
    /// A warning, as it comes.
    fn warning(&mut self, _w: Warning) {}
    /// Progress: bytes of text analysed of `total` bytes of input files, documents so far.
    fn progress(&mut self, _bytes: u64, _total: u64, _documents: usize) {}
}

/// Collects every warning (and ignores progress).
impl Observer for Vec<Warning> {
    fn warning(&mut self, w: Warning) {
        self.push(w);
    }
}

/// What a run saw.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunStats {
    /// Documents read (kept or not).
    pub documents: usize,
    /// Bytes of text read.
    pub bytes: usize,
    /// Inputs, lines or texts skipped in whole or in part.
    pub skipped: usize,
    /// Warnings given.
    pub warnings: usize,
}

/// A whole corpus's analyses, in input order, with every warning.
#[derive(Debug, Default)]
pub struct Analysed {
    /// One per document read.
    pub analyses: Vec<DocAnalysis>,
    /// Every warning, in the order given.
    pub warnings: Vec<Warning>,
    /// What the run saw.
    pub stats: RunStats,
}

/// Reads and analyses every input at once (documents in input order, directories sorted).
pub fn analyze_inputs(resolver: &Resolver, inputs: &[PathBuf], opts: &InputOptions) -> Result<Analysed, Error> {
    let mut out = Analysed::default();
    let mut analyses = Vec::new();
    out.stats = run(
        resolver,
        inputs,
        opts,
        &mut out.warnings,
        |_| true,
        |batch| {
            analyses.extend(batch);
            Ok(())
        },
    )?;
    out.analyses = analyses;
    Ok(out)
}

/// Bytes of text a batch holds before the workers take it.
const BATCH_BYTES: usize = 8 << 20;
/// Items a batch holds at most (short JSONL lines).
const BATCH_ITEMS: usize = 8192;

/// Streams the inputs in batches through the analysis on all workers; `on_batch` sees every
/// batch's analyses that `keep` keeps, in input order (the others are counted and their warnings
/// given). Each document's warnings and the reader's reach `observer` in input order too.
pub fn run(
    resolver: &Resolver,
    inputs: &[PathBuf],
    opts: &InputOptions,
    observer: &mut dyn Observer,
    keep: impl Fn(&DocAnalysis) -> bool + Sync,
    on_batch: impl FnMut(Vec<DocAnalysis>) -> std::io::Result<()>,
) -> Result<RunStats, Error> {
    run_map(resolver, inputs, opts, observer, |_, a| keep(&a).then_some(a), on_batch)
}

/// [`run`] with each analysis turned, on the workers, into what the caller wants from it and its
/// document (`None` leaves it out): the Python package makes its rows there, where the text is.
pub fn run_map<T: Send>(
    resolver: &Resolver,
    inputs: &[PathBuf],
    opts: &InputOptions,
    observer: &mut dyn Observer,
    map: impl Fn(&Document, DocAnalysis) -> Option<T> + Sync,
    mut on_batch: impl FnMut(Vec<T>) -> std::io::Result<()>,
) -> Result<RunStats, Error> {
    if let Some(i) = inputs.iter().find(|i| i.as_os_str() != "-" && !i.exists()) {
        return Err(Error::NoInput(i.clone()));
    }
    let mut stats = RunStats::default();
    let warn = |w: Warning, stats: &mut RunStats, observer: &mut dyn Observer| {
        stats.warnings += 1;
        observer.warning(w);
    };
    let mut listed = Vec::new();
    let (files, listing_skipped) = corpus::list_inputs(inputs, &opts.ext, &mut listed);
    stats.skipped = listing_skipped;
    listed.into_iter().for_each(|w| warn(w, &mut stats, observer));
    let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let (tx, rx) = mpsc::sync_channel::<Vec<corpus::Item>>(2);
    let (wtx, wrx) = mpsc::channel::<Warning>();
    let reader_opts = opts.clone();
    let reader = std::thread::spawn(move || {
        let mut batch = Vec::new();
        let mut size = 0;
        // the run ended early (its caller stopped taking batches): stop reading too
        let gone = std::cell::Cell::new(false);
        let skipped = corpus::stream_while(
            &files,
            &reader_opts,
            &|| !gone.get(),
            |d| {
                size += match &d {
                    corpus::Item::Doc(d) => d.text.len(),
                    corpus::Item::Line { bytes, .. } => bytes.len(),
                };
                batch.push(d);
                if size >= BATCH_BYTES || batch.len() >= BATCH_ITEMS {
                    size = 0;
                    gone.set(tx.send(std::mem::take(&mut batch)).is_err());
                }
            },
            |w| {
                let _ = wtx.send(w);
            },
        );
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        skipped
    });
    for batch in rx {
        wrx.try_iter().for_each(|w| warn(w, &mut stats, observer));
        let mut kept = Vec::with_capacity(batch.len());
        for done in analyze_batch(resolver, opts, batch, &map) {
            stats.skipped += usize::from(done.skipped);
            done.warnings.into_iter().for_each(|w| warn(w, &mut stats, observer));
            if let Some(bytes) = done.bytes {
                stats.bytes += bytes;
                stats.documents += 1;
            }
            kept.extend(done.analysis);
        }
        on_batch(kept)?;
        observer.progress((stats.bytes as u64).min(total.max(1)), total, stats.documents);
    }
    stats.skipped += reader.join().map_err(|_| Error::Reader)?;
    wrx.try_iter().for_each(|w| warn(w, &mut stats, observer));
    Ok(stats)
}

/// What one item of a batch gave.
struct Done<T> {
    /// What the caller made of the analysis, when it kept it.
    analysis: Option<T>,
    /// The line's and the analysis's warnings, in that order.
    warnings: Vec<Warning>,
    /// The line was skipped, or the text was not read to its end.
    skipped: bool,
    /// The text's size, when the item was a document.
    bytes: Option<usize>,
}

/// Parses (JSONL lines, here on the workers, in parallel with the analysis) and analyses one
/// batch; documents left out are dropped on the workers, not one by one after.
fn analyze_batch<T: Send>(
    resolver: &Resolver,
    opts: &InputOptions,
    batch: Vec<corpus::Item>,
    map: &(impl Fn(&Document, DocAnalysis) -> Option<T> + Sync),
) -> Vec<Done<T>> {
    use rayon::prelude::*;
    batch
        .into_par_iter()
        .map(|item| {
            let p = corpus::finish(item, opts);
            let mut done = Done { analysis: None, warnings: p.warnings, skipped: p.skipped, bytes: None };
            if let Some(d) = p.doc {
                let a = crate::analyze_guarded(resolver, &d);
                // a text not read to its end (an internal error, the time limit) was skipped in part
                done.skipped |= a.warnings.iter().any(|w| w.kind.skips());
                done.warnings.extend(a.warnings.iter().cloned());
                done.bytes = Some(d.text.len());
                done.analysis = map(&d, a);
            }
            done
        })
        .collect()
}

/// How many warnings of one kind a short report shows before it only counts them.
pub const SHOWN_PER_KIND: usize = 5;

/// Warnings grouped by kind: which to show (the first [`SHOWN_PER_KIND`] of each kind), how many
/// of each kind there were, and all of them kept for `warnings.jsonl`.
#[derive(Debug, Default)]
pub struct Tally {
    /// Warnings of each kind so far.
    pub kinds: BTreeMap<WarningKind, usize>,
    /// Every warning, in order.
    pub all: Vec<Warning>,
}

impl Tally {
    /// Adds a warning; returns whether a short report shows it.
    pub fn add(&mut self, w: Warning) -> bool {
        let n = self.kinds.entry(w.kind).or_default();
        *n += 1;
        let shown = *n <= SHOWN_PER_KIND;
        self.all.push(w);
        shown
    }

    /// The kinds some of whose warnings a short report left out, with how many it left out.
    pub fn not_shown(&self) -> impl Iterator<Item = (WarningKind, usize)> + '_ {
        self.kinds.iter().filter(|(_, n)| **n > SHOWN_PER_KIND).map(|(k, n)| (*k, n - SHOWN_PER_KIND))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_shows_the_first_of_each_kind() {
        let mut t = Tally::default();
        let shown: Vec<bool> = (1..=7)
            .map(|i| t.add(Warning::at("a.jsonl", Some(i), WarningKind::NotJson, "not JSON; line skipped")))
            .collect();
        assert_eq!(shown, [true, true, true, true, true, false, false]);
        assert!(t.add(Warning::at("b.txt", None, WarningKind::Binary, "binary file; skipped")));
        assert_eq!(t.not_shown().collect::<Vec<_>>(), [(WarningKind::NotJson, 2)]);
        assert_eq!(t.all.len(), 8);
    }

    #[test]
    fn a_missing_input_is_an_error_and_a_bad_line_a_warning() {
        let r = Resolver::embedded();
        let opts = InputOptions::default();
        let missing = std::path::Path::new("/nonexistent/vncite-input").to_path_buf();
        assert!(matches!(analyze_inputs(&r, &[missing], &opts), Err(Error::NoInput(_))));
        let dir = std::env::temp_dir().join(format!("vncite-pipeline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let f = dir.join("c.jsonl");
        std::fs::write(&f, "{\"id\":\"x\",\"text\":\"Nghị quyết số 02-NQ/TU của Tỉnh ủy Sơn La\"}\nnot json\n")
            .unwrap_or_default();
        let all = analyze_inputs(&r, &[f], &opts).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(all.analyses.len(), 1);
        assert_eq!(all.analyses[0].mentions[0].issuer, "TU");
        assert_eq!((all.stats.documents, all.stats.skipped, all.stats.warnings), (1, 1, 1));
        assert_eq!((all.warnings[0].kind, all.warnings[0].line), (WarningKind::NotJson, Some(2)));
    }
}
