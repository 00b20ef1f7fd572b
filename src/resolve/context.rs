//! A reference in its sentence: the windows of text its facts are read from, and the facts there
//! are — issuing date or year, term and plenum. The issuing body is read in `body.rs`, the level
//! and province in `level.rs`.

use super::body::BODY_AFTER;
use super::dates::{date_at_start, dates_in, terms_in, timeline_date};
use super::sentences::SentenceBreaks;
use super::{Draft, Resolver};
use crate::model::{Level, RawRef, System};
use crate::tables::Words;
use once_cell::sync::Lazy;
use regex::Regex;

static PLENUM_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)^[^“”;]{{0,60}}?hội nghị\s+(?:lần\s+thứ\s+(\d{{1,2}}|{})|(?:ban chấp hành\s+)?(?:trung ương|TW|T\.\s?Ư)\s*(\d{{1,2}})(?-u:\b))",
        crate::extract::ordinals()
    ))
        .expect("plenum regex")
});

static ISSUED_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:được\s+)?(?:ký\s+)?(?:ban hành|ký|thông qua|phê duyệt)(?:\s+vào)?\s+")
        .expect("issued regex")
});

static YEAR_BEFORE: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?im)(?:năm\s+|^\s*)(\d{4})(?-u:\b)").expect("year regex"));

/// A year right after a symbol: ", năm 2024", " năm 2008 của …" (not "năm 2024-2025", a span).
static YEAR_AFTER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\s*,?\s*năm\s+((?:19[4-9]|20[0-4])\d)(?:[^\d\-–]|$)").expect("year regex"));

/// "Ngày 04/6/2020, Bộ Chính trị ban hành Kết luận số 76-KL/TW": does the text from `from` to the
/// end of `window` issue the document (an issuing verb, no cue)?
/// (`date_issue_verb` and `date_cue_word` of the lexicon.)
fn issued_before(words: &Words, window: &str, from: usize) -> bool {
    let between = &window[from..];
    words.date_issue_verbs.iter().any(|v| between.contains(v.as_str()))
        && !words.date_cue_words.iter().any(|c| between.contains(c.as_str()))
}

/// The stretches of text around one reference that its facts are read from. Each is bounded, so
/// the work per reference stays bounded however long its sentence runs.
pub(super) struct Window<'t> {
    /// Its sentence's bounds.
    pub(super) sent: (usize, usize),
    /// After its describing text: to the sentence's end, the next reference, or 160 bytes.
    pub(super) after: &'t str,
    /// Before it: from the sentence's start, the previous reference, or 160 bytes back.
    pub(super) before: &'t str,
    /// Up to 250 bytes before it in its sentence, across other references (the issuing year).
    pub(super) wide_before: &'t str,
    /// Its sentence, at most 300 bytes either side of it.
    pub(super) sentence: &'t str,
}

impl<'t> Window<'t> {
    /// The windows of `raw` in `t`; `near` is where the previous reference ends and the next starts.
    pub(super) fn new(t: &'t str, breaks: &SentenceBreaks, raw: &RawRef, near: (usize, usize)) -> Window<'t> {
        let (prev_end, next_start) = near;
        let sent = breaks.bounds(raw.start);
        let sent = (sent.0, breaks.bounds(raw.end.saturating_sub(1).max(raw.start)).1.max(sent.1));
        let tail = raw.tail.max(raw.end);
        let after_end = t.floor_char_boundary((tail + 160).min(sent.1.max(tail)).min(next_start.max(tail)));
        let before_start = t.ceil_char_boundary(raw.start.saturating_sub(160).max(sent.0).max(prev_end.min(raw.start)));
        // a wider window that may cross other mentions, for the issuing-year pattern
        let wide_start = t.ceil_char_boundary(raw.start.saturating_sub(250).max(sent.0));
        let (rs, re) = (raw.start, raw.end);
        let near = (
            t.ceil_char_boundary(rs.saturating_sub(300).max(sent.0)),
            t.floor_char_boundary((re + 300).min(sent.1).max(re)),
        );
        use crate::analyze::work::read;
        Window {
            sent,
            after: read(&t[tail..after_end.max(tail)]),
            before: read(&t[before_start..raw.start]),
            wide_before: read(&t[wide_start..raw.start]),
            sentence: read(&t[near.0..near.1.max(near.0)]),
        }
    }
}

/// The issuing date or year: after the symbol ("ban hành ngày …" too), after "của <body>", a year
/// after it, or a date or year before it when an issuing verb links them.
fn read_date(d: &mut Draft, w: &Window, words: &Words) {
    // date after the symbol ("ban hành ngày …" too), or after "của <body>"
    let issued_prefix = ISSUED_AFTER.find(w.after).map_or(0, |m| m.end());
    if let Some((date, _)) = date_at_start(&w.after[issued_prefix..]) {
        d.date = Some(date);
    } else if let Some(c) = BODY_AFTER.captures(w.after) {
        let tail_end = w.after.floor_char_boundary(c.get(0).map_or(0, |m| m.end()) + 40);
        let tail = &w.after[..tail_end];
        let stop = tail.find(['“', '"', ';']).unwrap_or(tail.len());
        if let Some((s, _, date)) = dates_in(tail).into_iter().next() {
            if s < stop {
                d.date = Some(date);
            }
        }
    }
    // a year written after the symbol: "Kết luận 84-KL/TW năm 2024 của Bộ Chính trị"
    if d.date.is_none() && d.year.is_none() {
        d.year = YEAR_AFTER.captures(w.after).and_then(|c| c.get(1)?.as_str().parse().ok());
    }
    // "Ngày 04/6/2020, Bộ Chính trị ban hành Kết luận số 76-KL/TW"
    if d.date.is_none() {
        if let Some((_, e, date)) = dates_in(w.before).into_iter().last() {
            // "Vào ngày 17/10/2000, Chỉ thị số 58-CT/TW được phê duyệt"
            let adjacent = w.before[e..].trim_matches(|c: char| c.is_whitespace() || c == ',').is_empty()
                || d.raw.type_word.is_some()
                    && w.before[e..].trim_matches(|c: char| c.is_whitespace() || c == ',').chars().count() <= 2;
            if issued_before(words, w.before, e) || adjacent {
                d.date = Some(date);
            }
        }
    }
    // a chronology's line: "5/4/1988: Bộ Chính trị ra Nghị quyết 10/NQ"
    if d.date.is_none() {
        if let Some((date, _)) = timeline_date(w.before).filter(|&(_, e)| issued_before(words, w.before, e)) {
            d.date = Some(date);
        }
    }
    if d.date.is_none() && d.year.is_none() {
        if let Some(c) = YEAR_BEFORE.captures_iter(w.wide_before).last() {
            if let (Some(m), Some(y)) = (c.get(0), c.get(1)) {
                if issued_before(words, w.wide_before, m.end()) {
                    d.year = y.as_str().parse().ok();
                }
            }
        }
    }
}

/// In a table row that names one document, the date in a cell of its own after it: "2 | Công văn
/// 10072-CV/BTCTW năm 2025 … | 06/11/2025 |" (lists of documents give their issuing dates so).
/// Rows are read 1 KB either side at most.
fn table_row_date(t: &str, raw: &RawRef, (prev_end, next_start): (usize, usize)) -> Option<String> {
    let start = super::sentences::line_start(t, raw.start, 1024)?;
    let to = t.floor_char_boundary((raw.end + 1024).min(t.len()));
    let end = t[raw.end..to].find('\n').map(|i| raw.end + i).or((to == t.len()).then_some(to))?;
    // the row's only document, and a cell boundary between it and the date
    if prev_end > start || next_start < end || !t[start..raw.start].contains('|') {
        return None;
    }
    let mut dates = t[raw.end..end].split('|').skip(1).filter_map(|cell| super::dates::numeric_date(cell.trim()));
    let date = dates.next()?;
    dates.next().is_none().then_some(date)
}

/// The term ("khóa XVI" right after, before any quoted title, or "(khoá XVI) ban hành" before)
/// and the plenum ("Hội nghị Trung ương 6" after).
fn read_term_and_plenum(d: &mut Draft, w: &Window, words: &Words) {
    // term: "khóa XVI" right after (before any quoted title), or in "(khoá XVI) ban hành" before
    let quote = w.after.find(['“', '"']).unwrap_or(w.after.len());
    if d.term.is_none() {
        if let Some((s, _, term)) = terms_in(&w.after[..w.after.floor_char_boundary(120)]).into_iter().next() {
            if s < quote {
                d.term = Some(term);
            }
        }
    }
    if d.term.is_none() {
        if let Some((_, e, term)) = terms_in(w.before).into_iter().last() {
            if issued_before(words, w.before, e) {
                d.term = Some(term);
            }
        }
    }
    if d.plenum.is_none() {
        if let Some(c) = PLENUM_AFTER.captures(&w.after[..quote]) {
            d.plenum = c.get(1).or(c.get(2)).and_then(|m| crate::extract::ordinal(m.as_str()));
        }
    }
}

impl Resolver<'_> {
    /// Reads one reference in its context: date, term, plenum, issuing body, level, province.
    pub(super) fn context(
        &self,
        t: &str,
        breaks: &SentenceBreaks,
        raw: RawRef,
        near: (usize, usize),
        doc_province: Option<&str>,
    ) -> Draft {
        let w = Window::new(t, breaks, &raw, near);
        let (_, lvl_class) = self.tables.classify_issuer(&raw.issuer);
        let via = (raw.system == System::State && raw.symbol_year.is_some()).then(|| "symbol-year".to_string());
        let mut d = Draft {
            level: Level::Central,
            date: None,
            year: raw.symbol_year,
            term: raw.plenum_term.clone(),
            plenum: raw.plenum,
            body: None,
            province: None,
            title: None,
            via,
            candidates: vec![],
            warnings: vec![],
            sent: w.sent,
            // the text's own symbol: "Số: 06-HD/UBKTTW" at a line's head, or in an upper-case title line
            is_self: false,
            raw,
        };
        read_date(&mut d, &w, &self.tables.words);
        if d.date.is_none() {
            d.date = table_row_date(t, &d.raw, near).filter(|x| d.year.is_none() || super::dates::year_of(x) == d.year);
        }
        read_term_and_plenum(&mut d, &w, &self.tables.words);
        let body = self.read_body(&d, &w);
        let mut level = lvl_class.to_string();
        if let Some(b) = &body {
            self.check_body(&mut d, b, &mut level);
        }
        self.settle_level(&mut d, body.as_deref(), level, lvl_class, w.sentence, doc_province);
        d.body = body;
        d
    }
}
