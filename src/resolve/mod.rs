//! Stage 3: read each reference's context and resolve what it points to.
//!
//! For every reference: issuing date (after the symbol, after "của <body>", or before it in "Ngày
//! …, X ban hành …"), year, term, plenum, issuing body, level, province of a local document, the
//! catalog entry of a central one; facts stated once fill the document's other mentions; short
//! forms join the document they repeat; plenum names resolve through the catalog; the relations
//! stage ([`crate::relate`]) then reads what acts on what. Also the document's title, published
//! date, newspaper and province.

pub mod dates;

use crate::extract::Extractor;
use crate::model::{DocAnalysis, Document, Form, Mention, RawRef, Relation, System};
use crate::normalize::{fold, normalize, NormText};
use crate::places::ProvinceFinder;
use crate::relate::{relate, unwrap_lines, Lexicon, Span};
use crate::resolve::dates::{date_at_start, dates_in, national_term, terms_in, year_of};
use crate::tables::{CatalogEntry, Tables};
use crate::warning::{Warning, WarningKind};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};

/// Everything the resolver needs: tables and the patterns compiled from them.
pub struct Resolver<'a> {
    /// Reference tables.
    pub tables: &'a Tables,
    /// Reference patterns.
    pub extractor: &'a Extractor,
    /// Place-name patterns.
    pub places: &'a ProvinceFinder,
    /// Relation cues.
    pub cues: &'a Lexicon,
}

/// A reference being resolved.
#[derive(Debug, Clone)]
struct Draft {
    raw: RawRef,
    level: String,
    date: Option<String>,
    year: Option<i32>,
    term: Option<String>,
    plenum: Option<u32>,
    body: Option<String>,
    province: Option<String>,
    title: Option<String>,
    via: Option<String>,
    candidates: Vec<String>,
    warnings: Vec<String>,
    sent: (usize, usize),
    /// the text's own symbol ("Số: 06-HD/UBKTTW" at the head of a line)
    is_self: bool,
}

impl Draft {
    fn key(&self) -> (System, String, String, String) {
        (self.raw.system, self.raw.doc_type.clone(), self.raw.number.clone(), self.raw.issuer.clone())
    }
}

/// The first `n` characters of `s` (a slice: no character is copied one by one).
fn first_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

/// Short windows of `head` around each weekday ("thứ ", "chủ nhật", any case) that has a '/' within
/// the next 24 bytes: where a "Thứ hai, 12/3/2018 - 08:15" line can be. Found from the slashes
/// (fewer than "thứ", a common word): a weekday with a '/' in its next 24 bytes ends before it.
fn published_windows(head: &str) -> impl Iterator<Item = &str> {
    const WEEKDAYS: [&[u8]; 5] =
        ["hứ ".as_bytes(), "HỨ ".as_bytes(), "hủ nhật".as_bytes(), "hủ Nhật".as_bytes(), "HỦ NHẬT".as_bytes()];
    let b = head.as_bytes();
    let mut at: Vec<usize> = Vec::new();
    // every position is tried once, in order: windows of nearby slashes overlap
    let mut tried = 0;
    for slash in memchr::memchr_iter(b'/', b) {
        for i in slash.saturating_sub(23).max(tried)..slash {
            if WEEKDAYS.iter().any(|w| b[i..].starts_with(w)) {
                at.push(i);
            }
        }
        tried = slash;
    }
    at.into_iter().map(move |i| &head[head.floor_char_boundary(i.saturating_sub(16))..head.floor_char_boundary(i + 64)])
}

static PUBLISHED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật),?\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*-\s*\d{1,2}[:h]\d{2}'?|\d{1,2}:\d{2}\s*-\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật),?\s*(\d{1,2})/(\d{1,2})/(\d{4}))",
    )
    .expect("published regex")
});

static PLENUM_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^[^“”;]{0,60}?hội nghị\s+(?:lần\s+thứ\s+(\d{1,2}|một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười)|(?:ban chấp hành\s+)?(?:trung ương|TW|T\.\s?Ư)\s*(\d{1,2})(?-u:\b))")
        .expect("plenum regex")
});

static BODY_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:\(?\s*ngày\s*[\d/.\- ]{6,12}\)?\s*,?\s*)?(?:của|do)\s+(?P<body>[^,;“”()\n]{3,90}?)(?:\s+(?:về|ngày|đã|nhằm|để|với|tại|trong|và)\s|[,;“”()\n]|\.\s|$)")
        .expect("body regex")
});

static SELF_HEAD: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?i)^\s*số\s*:?\s*$").expect("self regex"));

static ISSUED_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:được\s+)?(?:ký\s+)?(?:ban hành|ký|thông qua|phê duyệt)(?:\s+vào)?\s+")
        .expect("issued regex")
});

static YEAR_BEFORE: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?im)(?:năm\s+|^\s*)(\d{4})(?-u:\b)").expect("year regex"));

static YEAR_ANY: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?-u:\b)(?:19[4-9]\d|20[0-4]\d)(?-u:\b)").expect("year regex"));

/// A year right after a symbol: ", năm 2024", " năm 2008 của …" (not "năm 2024-2025", a span).
static YEAR_AFTER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\s*,?\s*năm\s+((?:19[4-9]|20[0-4])\d)(?:[^\d\-–]|$)").expect("year regex"));

/// A document's own header date: "Hà Nội, ngày 18 tháng 12 năm 2018".
static HEADER_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?m)^[\s*_|]*\p{Lu}[\p{L} .-]{1,30}?,\s*(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})")
        .expect("header regex")
});

/// State bodies: a Party-shaped symbol issued by one of them is a state document.
const STATE_BODIES: &[&str] =
    &["quốc hội", "chính phủ", "thủ tướng", "ủy ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd"];

const ISSUE_VERBS: &[&str] = &["ban hành", " ra ", "ký ", " có "];
const CUE_WORDS: &[&str] = &["thực hiện", "theo ", "căn cứ", "triển khai"];

/// Stop words left out when comparing a sentence with a catalog title.
const STOP: &[&str] = &[
    "của", "và", "về", "các", "những", "trong", "cho", "với", "đến", "năm", "tầm", "nhìn", "một", "số", "vấn", "đề",
    "mới", "thời", "kỳ", "giai", "đoạn", "tiếp", "tục", "nghị", "quyết", "đảng", "việt", "nam", "tình", "hình",
];

/// Where sentences start and end, for reading a reference's context: computed once per text, so
/// that the bounds of each reference cost a binary search, not a scan of its whole sentence (a
/// long sentence dense with references would make that quadratic).
struct SentenceBreaks {
    /// Positions a sentence may start at: after a line break, ';', '!', '?', or a full stop and a space.
    starts: Vec<usize>,
    /// Positions a sentence ends at: a line break, ';', or '.', '!', '?' before white space.
    ends: Vec<usize>,
    len: usize,
}

impl SentenceBreaks {
    fn new(t: &str) -> SentenceBreaks {
        let b = t.as_bytes();
        // a full stop after an abbreviation ("TP. HCM", "Q. 1", "ThS. Nguyễn") does not end a sentence
        let ends_sentence = |dot: usize| -> bool {
            let word_start =
                t[..dot].char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
            let word = &t[word_start..dot];
            const ABBREVIATIONS: &[&str] = &["TP", "Tp", "TX", "TT", "ThS", "TS", "PGS", "GS", "Th", "St", "Mr", "BS"];
            let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            !(ABBREVIATIONS.contains(&word) || single_capital)
        };
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'\n' | b';' => {
                    ends.push(i);
                    starts.push(i + 1);
                }
                b'!' | b'?' => {
                    if b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
                        ends.push(i);
                    }
                    starts.push(i + 1);
                }
                b'.' if b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) && ends_sentence(i) => ends.push(i),
                b' ' if i >= 1
                    && matches!(b[i - 1], b'.' | b'!' | b'?')
                    && (b[i - 1] != b'.' || ends_sentence(i - 1)) =>
                {
                    starts.push(i + 1)
                }
                _ => {}
            }
        }
        starts.dedup();
        SentenceBreaks { starts, ends, len: b.len() }
    }

    /// The sentence around `pos`: from the last start at or before it to the first end at or after it.
    fn bounds(&self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.len);
        let s = self.starts.partition_point(|&x| x <= pos).checked_sub(1).map_or(0, |i| self.starts[i]);
        let e = self.ends.get(self.ends.partition_point(|&x| x < pos)).copied().unwrap_or(self.len);
        (s, e)
    }
}

/// The stop words, folded once.
static STOP_FOLDED: Lazy<std::collections::HashSet<String>> = Lazy::new(|| STOP.iter().map(|w| fold(w)).collect());

fn title_words(s: &str) -> BTreeSet<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2 && !STOP_FOLDED.contains(*w))
        .map(String::from)
        .collect()
}

/// How well a catalog title fits the words around a mention.
fn topic_score(entry: &CatalogEntry, context: &BTreeSet<String>) -> usize {
    title_words(&entry.title).intersection(context).count()
}

impl<'a> Resolver<'a> {
    /// A resolver over the embedded tables.
    pub fn embedded() -> Resolver<'static> {
        Resolver {
            tables: Tables::embedded(),
            extractor: Extractor::embedded(),
            places: ProvinceFinder::embedded(),
            cues: Lexicon::embedded(),
        }
    }

    /// Reads one document: its metadata, resolved mentions and relations.
    pub fn analyze(&self, doc: &Document) -> DocAnalysis {
        // most texts cite nothing: a fast test spares them normalisation and the extractor
        let cites = self.extractor.may_cite(&doc.text);
        // a text that cites nothing is read as it is for its places (old-style tones are matched
        // there), unless it is word-segmented ("Hà_Nội"), which would hide them
        let rewrite = cites || memchr::memchr(b'_', doc.text.as_bytes()).is_some();
        let norm = if rewrite { normalize(&doc.text) } else { NormText::unchanged("") };
        let t = if rewrite { norm.text.as_str() } else { doc.text.as_str() };
        let title = doc
            .text
            .lines()
            .map(|l| l.trim().trim_start_matches('\u{FEFF}').trim())
            .find(|l| !l.is_empty())
            .map(|l| first_chars(l, 160).to_string())
            .unwrap_or_default();
        let head = &t[..t.floor_char_boundary(4000)];
        // the pattern needs a weekday with a slashed date close by: the regex runs only on a
        // short window around each weekday that has a '/' after it ("thứ" is a common word)
        let published = published_windows(head).find_map(|w| PUBLISHED.captures(w)).and_then(|c| {
            let g = |i: usize| c.get(i).map(|m| m.as_str());
            let (d, m, y) = if g(1).is_some() { (g(1)?, g(2)?, g(3)?) } else { (g(4)?, g(5)?, g(6)?) };
            date_at_start(&format!("{d}/{m}/{y}")).map(|x| x.0)
        });
        let (province, newspaper) = self.places.document_place(t);

        let raws = if cites { self.extractor.find(self.tables, t) } else { Vec::new() };
        let mut drafts: Vec<Draft> = Vec::with_capacity(raws.len());
        // a reference's context is read with hand-wrapped lines joined ("… của Ban\nThường vụ Tỉnh
        // ủy Hậu Giang"): same length, same offsets
        let joined = if raws.is_empty() { String::new() } else { unwrap_lines(t) };
        let breaks = SentenceBreaks::new(&joined);
        for (i, r) in raws.iter().enumerate() {
            let prev_end = if i > 0 { raws[i - 1].end } else { 0 };
            // the next reference after this one's describing text (list items share theirs)
            let next_start = raws[i + 1..].iter().find(|n| n.start >= r.tail).map_or(t.len(), |n| n.start);
            let mut d = self.context(&joined, &breaks, r.clone(), (prev_end, next_start), province.as_deref());
            d.is_self = own_document(t, &d.raw);
            drafts.push(d);
        }
        let mut warnings = Vec::new();
        // the text's own symbol ("Số: 06-HD/UBKTTW") is dated by its header
        if let Some(d) = drafts.iter_mut().find(|d| d.is_self && d.date.is_none()) {
            let head = &t[..t.floor_char_boundary(3000)];
            d.date = HEADER_DATE.captures(head).and_then(|c| date_at_start(c.get(1)?.as_str())).map(|x| x.0);
        }
        self.merge_plenum_with_symbol(&joined, &mut drafts);
        propagate(self.tables, &mut drafts);
        self.resolve_short_forms(&mut drafts);
        self.resolve_plenums(&joined, &mut drafts, published.as_deref(), &mut warnings);
        self.resolve_catalog(&joined, &mut drafts, published.as_deref());
        propagate(self.tables, &mut drafts);
        for d in &mut drafts {
            if d.raw.system == System::Party && d.date.is_some() && d.year.is_none() {
                d.year = d.date.as_deref().and_then(year_of);
            }
            if d.raw.system == System::Party && d.level == "central" && d.term.is_none() {
                // a year alone still places a central document in its term (mid-year: congresses sit early)
                d.term = d
                    .date
                    .as_deref()
                    .and_then(national_term)
                    .or_else(|| d.year.and_then(|y| national_term(&format!("{y:04}-07-01"))));
            }
        }
        let relations = if drafts.len() > 1 || drafts.iter().any(|d| d.is_self) {
            self.relations(&doc.text, t, &norm, &drafts)
        } else {
            Vec::new()
        };
        let mentions = drafts.iter().map(|d| self.mention(&doc.text, &norm, d)).collect();
        // a record's or page's own fields fill what the text does not say
        let title = match doc.meta.get("title").or(doc.meta.get("html_title")) {
            Some(serde_json::Value::String(t)) if !t.trim().is_empty() => first_chars(t.trim(), 160).to_string(),
            _ => title,
        };
        let published = published.or_else(|| {
            ["published", "date", "published_date"].iter().find_map(|k| match doc.meta.get(k) {
                Some(serde_json::Value::String(s)) => date_at_start(&s.replace('-', "/"))
                    .map(|x| x.0)
                    // "2021-03-05T10:00": the date part, when it is one
                    .or_else(|| crate::resolve::dates::iso_date(s)),
                _ => None,
            })
        });
        DocAnalysis {
            source: doc.source.clone(),
            title,
            published,
            newspaper,
            province_2025: province.as_deref().and_then(|p| self.tables.province_2025(p)),
            province,
            mentions,
            relations,
            warnings: warnings.into_iter().map(|w| Warning { file: doc.source.clone(), ..w }).collect(),
            meta: doc.meta.clone(),
        }
    }

    fn context(
        &self,
        t: &str,
        breaks: &SentenceBreaks,
        raw: RawRef,
        near: (usize, usize),
        doc_province: Option<&str>,
    ) -> Draft {
        let (prev_end, next_start) = near;
        let sent = breaks.bounds(raw.start);
        let sent = (sent.0, breaks.bounds(raw.end.saturating_sub(1).max(raw.start)).1.max(sent.1));
        let tail = raw.tail.max(raw.end);
        let after_end = t.floor_char_boundary((tail + 160).min(sent.1.max(tail)).min(next_start.max(tail)));
        let after = &t[tail..after_end.max(tail)];
        let before_start = t.ceil_char_boundary(raw.start.saturating_sub(160).max(sent.0).max(prev_end.min(raw.start)));
        let before = &t[before_start..raw.start];
        // a wider window that may cross other mentions, for the issuing-year pattern
        let wide_start = t.ceil_char_boundary(raw.start.saturating_sub(250).max(sent.0));
        let wide_before = &t[wide_start..raw.start];
        let (lvl_class, mut level) = {
            let (_, l) = self.tables.classify_issuer(&raw.issuer);
            (l, l.to_string())
        };
        let via = (raw.system == System::State && raw.symbol_year.is_some()).then(|| "symbol-year".to_string());
        let mut d = Draft {
            level: String::new(),
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
            sent,
            // the text's own symbol: "Số: 06-HD/UBKTTW" at a line's head, or in an upper-case title line
            is_self: false,
            raw,
        };
        // date after the symbol ("ban hành ngày …" too), or after "của <body>"
        let issued_prefix = ISSUED_AFTER.find(after).map_or(0, |m| m.end());
        if let Some((date, _)) = date_at_start(&after[issued_prefix..]) {
            d.date = Some(date);
        } else if let Some(c) = BODY_AFTER.captures(after) {
            let tail_end = after.floor_char_boundary(c.get(0).map_or(0, |m| m.end()) + 40);
            let tail = &after[..tail_end];
            let stop = tail.find(['“', '"', ';']).unwrap_or(tail.len());
            if let Some((s, _, date)) = dates_in(tail).into_iter().next() {
                if s < stop {
                    d.date = Some(date);
                }
            }
        }
        // a year written after the symbol: "Kết luận 84-KL/TW năm 2024 của Bộ Chính trị"
        if d.date.is_none() && d.year.is_none() {
            d.year = YEAR_AFTER.captures(after).and_then(|c| c.get(1)?.as_str().parse().ok());
        }
        // "Ngày 04/6/2020, Bộ Chính trị ban hành Kết luận số 76-KL/TW"
        let issued_before = |window: &str, from: usize| {
            let between = &window[from..];
            ISSUE_VERBS.iter().any(|v| between.contains(v)) && !CUE_WORDS.iter().any(|c| between.contains(c))
        };
        if d.date.is_none() {
            if let Some((_, e, date)) = dates_in(before).into_iter().last() {
                // "Vào ngày 17/10/2000, Chỉ thị số 58-CT/TW được phê duyệt"
                let adjacent = before[e..].trim_matches(|c: char| c.is_whitespace() || c == ',').is_empty()
                    || d.raw.type_word.is_some()
                        && before[e..].trim_matches(|c: char| c.is_whitespace() || c == ',').chars().count() <= 2;
                if issued_before(before, e) || adjacent {
                    d.date = Some(date);
                }
            }
        }
        if d.date.is_none() && d.year.is_none() {
            if let Some(c) = YEAR_BEFORE.captures_iter(wide_before).last() {
                if let (Some(m), Some(y)) = (c.get(0), c.get(1)) {
                    if issued_before(wide_before, m.end()) {
                        d.year = y.as_str().parse().ok();
                    }
                }
            }
        }
        // term: "khóa XVI" right after (before any quoted title), or in "(khoá XVI) ban hành" before
        let quote = after.find(['“', '"']).unwrap_or(after.len());
        if d.term.is_none() {
            if let Some((s, _, term)) = terms_in(&after[..after.floor_char_boundary(120)]).into_iter().next() {
                if s < quote {
                    d.term = Some(term);
                }
            }
        }
        if d.term.is_none() {
            if let Some((_, e, term)) = terms_in(before).into_iter().last() {
                if issued_before(before, e) {
                    d.term = Some(term);
                }
            }
        }
        if d.plenum.is_none() {
            if let Some(c) = PLENUM_AFTER.captures(&after[..quote]) {
                d.plenum = c.get(1).or(c.get(2)).and_then(|m| crate::extract::ordinal(m.as_str()));
            }
        }
        // issuing body: "của Ban Thường vụ Tỉnh ủy Hà Tĩnh", or the subject of "… ban hành"
        let mut body = BODY_AFTER.captures(after).and_then(|c| c.name("body")).map(|b| b.as_str().trim().to_string());
        if body.as_deref().is_some_and(|b| self.tables.body_issuer(b).is_none()) && d.raw.system == System::Party {
            body = body.filter(|b| {
                let l = b.to_lowercase();
                l.contains("ban ") || l.contains("ủy") || STATE_BODIES.iter().any(|s| l.contains(s))
            });
        }
        if body.is_none() {
            if let Some(v) = ["ban hành", "đã ra", " ra "].iter().filter_map(|v| before.rfind(v)).max() {
                let clause = &before[..v];
                let clause = clause.rsplit([',', '(', ')']).next().unwrap_or(clause).trim();
                let clause = clause.trim_end_matches(" đã").trim_end_matches(" vừa").trim();
                if self.tables.body_issuer(clause).is_some() && clause.chars().count() <= 80 {
                    // from the body keyword on: "năm 2008, Tỉnh ủy Ninh Bình" → "Tỉnh ủy Ninh Bình"
                    let lower = clause.to_lowercase();
                    let at = self.tables.body_at(&lower).unwrap_or(0);
                    let at = ["ban thường vụ ", "btv ", "thường trực ", "ban chấp hành "]
                        .iter()
                        .filter_map(|p| lower[..at].rfind(p).filter(|i| i + p.len() == at))
                        .min()
                        .unwrap_or(at);
                    body = Some(clause[clause.floor_char_boundary(at)..].trim().to_string());
                }
            }
        }
        if let Some(b) = &body {
            let lower = b.to_lowercase();
            if d.raw.form == Form::Symbol
                && d.raw.system == System::Party
                && self.tables.body_issuer(b).is_none()
                && STATE_BODIES.iter().any(|s| lower.starts_with(s) || lower.contains(&format!(" {s}")))
            {
                d.warnings
                    .push(format!("a Party-shaped symbol issued by a state body ({b}): kept as a state document"));
                d.raw.system = System::State;
            }
        }
        if let Some(b) = &body {
            let bi = self.tables.body_issuer(b);
            if d.raw.form == Form::Symbol && d.raw.system == System::Party {
                match bi {
                    Some(code @ ("TU" | "HU" | "QU" | "ĐU")) if d.raw.issuer == "TW" => {
                        d.warnings.push(format!(
                            "the symbol's issuer TW contradicts the body named in its sentence ({b}); following the body"
                        ));
                        d.raw.issuer = code.to_string();
                        level = self.tables.classify_issuer(code).1.to_string();
                    }
                    Some("TW") if matches!(d.raw.issuer.as_str(), "TU" | "HU" | "ĐU") => {
                        d.warnings
                            .push(format!("the symbol's issuer {} differs from the body named ({b})", d.raw.issuer));
                    }
                    // "153-KH/ĐU … của Ban Thường vụ Tỉnh ủy": the key follows the symbol as
                    // written, the level the committee named
                    Some(code @ ("TU" | "HU" | "QU" | "ĐU" | "ĐUK"))
                        if code != d.raw.issuer && matches!(d.raw.issuer.as_str(), "TU" | "HU" | "QU" | "ĐU") =>
                    {
                        d.warnings
                            .push(format!("the symbol's issuer {} differs from the body named ({b})", d.raw.issuer));
                        level = self.tables.classify_issuer(code).1.to_string();
                    }
                    _ => {}
                }
            }
        }
        if d.raw.form == Form::NumberWithBody && d.raw.issuer.is_empty() {
            if let Some(code) = body.as_deref().and_then(|b| self.tables.body_issuer(b)) {
                d.raw.issuer = code.into();
            }
        }
        // the committee of a city under a province is a district-level one: "Thành ủy Quy Nhơn",
        // "Ban Chấp hành Đảng bộ Thành phố" in a provincial paper; its bare numbers key as HU
        let city_under_province = body.as_deref().is_some_and(|b| city_committee_under_province(b, doc_province));
        if city_under_province && d.raw.form == Form::NumberWithBody && d.raw.issuer == "TU" {
            d.raw.issuer = "HU".into();
        }
        if matches!(d.raw.form, Form::NumberWithBody | Form::ShortForm | Form::Plenum) {
            level = self.tables.classify_issuer(&d.raw.issuer).1.to_string();
        }
        if city_under_province && level == "provincial" {
            level = "district".into();
        }
        // the sentence around the reference, no further than a few hundred bytes either way: the
        // work per reference stays bounded however long a sentence runs
        let (rs, re) = (d.raw.start, d.raw.end);
        let near = (
            t.ceil_char_boundary(rs.saturating_sub(300).max(sent.0)),
            t.floor_char_boundary((re + 300).min(sent.1).max(re)),
        );
        let sentence = &t[near.0..near.1.max(near.0)];
        if level == "context" {
            let s = sentence.to_lowercase();
            level = if lvl_class == "context"
                && (s.contains("ubnd") || s.contains("tỉnh") || s.contains("thành phố") || s.contains(" tp"))
            {
                "provincial".into()
            } else {
                "central".into()
            };
        }
        if level == "unknown" {
            level = "central".into();
        }
        d.level = level;
        if matches!(d.level.as_str(), "provincial" | "district" | "grassroots") {
            d.province = body
                .as_deref()
                .and_then(|b| self.places.named_in(b))
                .or_else(|| self.places.named_in(sentence).filter(|_| d.level != "grassroots"))
                .or_else(|| doc_province.map(String::from));
        }
        d.body = body;
        d
    }

    /// "Nghị quyết Hội nghị T.Ư 6, khóa XII (Nghị quyết số 21-NQ/TW)": one reference, not two.
    fn merge_plenum_with_symbol(&self, t: &str, drafts: &mut Vec<Draft>) {
        let mut drop = BTreeSet::new();
        for i in 0..drafts.len().saturating_sub(1) {
            let (a, b) = (&drafts[i], &drafts[i + 1]);
            let gap = &t[a.raw.end.min(b.raw.start)..b.raw.start];
            let adjacent = gap.len() <= 24
                && gap.chars().all(|c| c.is_whitespace() || "(),-:".contains(c) || c.is_alphabetic())
                && gap.contains('(');
            if !adjacent {
                continue;
            }
            let (p, s) = match (a.raw.form, b.raw.form) {
                (Form::Plenum, Form::Symbol) => (i, i + 1),
                (Form::Symbol, Form::Plenum) => (i + 1, i),
                _ => continue,
            };
            if drafts[s].raw.issuer == "TW" && drafts[s].raw.doc_type == "NQ" {
                let (plenum, term) = (drafts[p].plenum, drafts[p].term.clone());
                let sym = &mut drafts[s];
                sym.plenum = sym.plenum.or(plenum);
                sym.term = sym.term.clone().or(term);
                drop.insert(p);
            }
        }
        let mut i = 0;
        drafts.retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }

    /// A bare number without a body is a reference only when the text names that document in full.
    fn resolve_short_forms(&self, drafts: &mut Vec<Draft>) {
        let full: Vec<(usize, Draft)> = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| matches!(d.raw.form, Form::Symbol | Form::NumberWithBody) && d.raw.system == System::Party)
            .map(|(i, d)| (i, d.clone()))
            .collect();
        let mut keep = vec![true; drafts.len()];
        for (i, d) in drafts.iter_mut().enumerate() {
            if d.raw.form != Form::ShortForm {
                continue;
            }
            let same = |f: &&(usize, Draft)| f.1.raw.doc_type == d.raw.doc_type && f.1.raw.number == d.raw.number;
            let pick = full.iter().filter(same).rfind(|f| f.0 < i).or_else(|| full.iter().find(same));
            match pick {
                Some((_, f)) => {
                    d.raw.issuer = f.raw.issuer.clone();
                    d.level = f.level.clone();
                    d.province = f.province.clone();
                    d.date = d.date.clone().or(f.date.clone());
                    d.term = d.term.clone().or(f.term.clone());
                    d.body = d.body.clone().or(f.body.clone());
                }
                None => keep[i] = false,
            }
        }
        let mut k = keep.into_iter();
        drafts.retain(|_| k.next().unwrap_or(true));
    }

    fn resolve_plenums(&self, t: &str, drafts: &mut Vec<Draft>, published: Option<&str>, warnings: &mut Vec<Warning>) {
        let mut last_term: Option<String> = None;
        let mut keep = vec![true; drafts.len()];
        for (i, d) in drafts.iter_mut().enumerate() {
            if d.raw.form != Form::Plenum {
                continue;
            }
            let Some(n) = d.plenum else { continue };
            let term = d.term.clone().or(last_term.clone()).or_else(|| published.and_then(national_term));
            last_term = term.clone().or(last_term);
            let Some(term) = term else {
                keep[i] = false;
                warnings.push(Warning::at(
                    "",
                    None,
                    WarningKind::PlenumWithoutTerm,
                    format!("plenum {n} without a term at byte {}: not resolved", d.raw.start),
                ));
                continue;
            };
            let cands: Vec<&CatalogEntry> = self
                .tables
                .catalog
                .iter()
                .filter(|c| c.doc_type == "NQ" && c.plenum == Some(n) && c.term.as_deref() == Some(term.as_str()))
                .collect();
            let (from, to) = (d.sent.0, t.floor_char_boundary((d.raw.end + 300).min(t.len())));
            match self.pick(&cands, || title_words(&t[from..to])) {
                Some((e, via)) => {
                    d.raw.number = e.number.clone();
                    d.raw.issuer = e.issuer.clone();
                    d.term = Some(term);
                    d.date = e.date.clone();
                    d.title = Some(e.title.clone());
                    d.via = Some(via.to_string());
                    if via == "catalog-ambiguous" {
                        d.candidates = cands.iter().map(|c| c.symbol.clone()).collect();
                        d.warnings.push(format!(
                            "plenum {n} (khóa {}) issued several resolutions; the topic does not say which",
                            d.term.as_deref().unwrap_or("?")
                        ));
                        // listed with its candidates, kept out of the graph
                        d.raw.number.clear();
                        d.date = None;
                        d.title = None;
                    }
                }
                None => {
                    keep[i] = false;
                    warnings.push(Warning::at(
                        "",
                        None,
                        WarningKind::PlenumNotInCatalog,
                        format!("plenum {n} khóa {term} at byte {}: no resolution in the catalog", d.raw.start),
                    ));
                }
            }
        }
        let mut k = keep.into_iter();
        drafts.retain(|_| k.next().unwrap_or(true));
        // a plenum name right beside the symbol it names is one reference
        dedupe_adjacent(drafts);
    }

    /// Chooses among catalog entries: the only one, the best topic match, or the verified one.
    fn pick<'e>(
        &self,
        cands: &[&'e CatalogEntry],
        ctx: impl Fn() -> BTreeSet<String>,
    ) -> Option<(&'e CatalogEntry, &'static str)> {
        match cands {
            [] => None,
            [one] => Some((one, "catalog")),
            _ => {
                let ctx = &ctx();
                let mut scored: Vec<(usize, &CatalogEntry)> = cands.iter().map(|c| (topic_score(c, ctx), *c)).collect();
                scored.sort_by_key(|s| std::cmp::Reverse(s.0));
                if scored[0].0 >= 2 && scored[0].0 > scored[1].0 {
                    Some((scored[0].1, "catalog-topic"))
                } else {
                    Some((scored[0].1, "catalog-ambiguous"))
                }
            }
        }
    }

    /// Central symbols: fill date, term and title from the catalog, choosing among documents that
    /// share a number (numbers restart every term) by the text's term, plenum, dates and topic.
    fn resolve_catalog(&self, t: &str, drafts: &mut [Draft], published: Option<&str>) {
        if !drafts.iter().any(|d| d.raw.system == System::Party && d.level == "central") {
            return;
        }
        // the text cannot cite a document issued after it was written: its published date, or
        // else the latest year it mentions, bounds the candidates
        let latest_year = YEAR_ANY.find_iter(t).filter_map(|m| m.as_str().parse::<i32>().ok()).max();
        let bound = published.map(String::from).or(latest_year.map(|y| format!("{y}-12-31")));
        for d in drafts.iter_mut() {
            if d.raw.system != System::Party || d.level != "central" || d.raw.form == Form::Plenum {
                continue;
            }
            let all: Vec<&CatalogEntry> = self
                .tables
                .catalog
                .iter()
                .filter(|c| c.doc_type == d.raw.doc_type && c.number == d.raw.number && c.issuer == d.raw.issuer)
                .collect();
            if all.is_empty() {
                continue;
            }
            if let Some(date) = &d.date {
                if let Some(e) = all.iter().find(|c| c.date.as_deref() == Some(date.as_str())) {
                    d.title = Some(e.title.clone());
                    d.term = d.term.clone().or(e.term.clone());
                    d.plenum = d.plenum.or(e.plenum);
                }
                continue;
            }
            let term = d.term.clone().or_else(|| d.year.map(|y| format!("{y}-12-31")).and_then(|x| national_term(&x)));
            let mut cands: Vec<&CatalogEntry> = all.clone();
            if let Some(term) = &term {
                cands.retain(|c| c.term.as_deref() == Some(term.as_str()));
            }
            if let Some(p) = d.plenum {
                let with: Vec<&CatalogEntry> = cands.iter().copied().filter(|c| c.plenum == Some(p)).collect();
                if !with.is_empty() {
                    cands = with;
                }
            }
            if let Some(b) = &bound {
                let before: Vec<&CatalogEntry> =
                    cands.iter().copied().filter(|c| c.date.as_deref().is_none_or(|x| x <= b.as_str())).collect();
                // every candidate postdates the text: the catalog does not know this document
                cands = before;
            }
            let (from, to) = (d.sent.0, t.floor_char_boundary((d.raw.end + 300).min(t.len())));
            let Some((e, via)) = self.pick(&cands, || title_words(&t[from..to])) else {
                continue;
            };
            if via == "catalog-ambiguous" {
                // two documents remain: say so rather than pick one silently
                d.candidates = cands
                    .iter()
                    .map(|c| format!("{} ({})", c.symbol, c.date.as_deref().or(c.term.as_deref()).unwrap_or("?")))
                    .collect();
                d.warnings.push("several catalog documents share this symbol; the text does not say which".into());
                d.via = Some(via.into());
                continue;
            }
            d.date = e.date.clone();
            d.term = d.term.clone().or(e.term.clone());
            d.plenum = d.plenum.or(e.plenum);
            d.title = Some(e.title.clone());
            d.via = Some(via.into());
        }
    }

    /// The relations stage over this document's drafts (see [`crate::relate`]).
    fn relations(&self, original: &str, t: &str, norm: &NormText, drafts: &[Draft]) -> Vec<Relation> {
        let mut documents: BTreeMap<(System, String, String, String), usize> = BTreeMap::new();
        let spans: Vec<Span> = drafts
            .iter()
            .map(|d| {
                let n = documents.len();
                Span {
                    start: d.raw.start,
                    end: d.raw.end,
                    system: d.raw.system,
                    doc_type: d.raw.doc_type.clone(),
                    document: *documents.entry(d.key()).or_insert(n),
                    own: d.is_self,
                }
            })
            .collect();
        relate(t, &spans, self.cues)
            .into_iter()
            .map(|f| {
                let (cue_start, cue_end) = norm.to_original(f.cue_start, f.cue_end);
                // the statement: both mentions and the cue, cut to a readable length around the cue
                let (a, b) = (drafts[f.from].raw.start.min(f.cue_start), drafts[f.to].raw.end.max(f.cue_end));
                let a = t.ceil_char_boundary(a.max(f.cue_start.saturating_sub(200)));
                let b = t.floor_char_boundary(b.min(f.cue_end + 200));
                let (oa, ob) = norm.to_original(a, b);
                let snippet = original.get(oa..ob).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
                Relation {
                    from: f.from,
                    to: f.to,
                    kind: f.kind,
                    cue_start,
                    cue_end,
                    cue: t[f.cue_start..f.cue_end].to_string(),
                    basis: f.basis,
                    snippet,
                }
            })
            .collect()
    }

    fn mention(&self, original: &str, norm: &NormText, d: &Draft) -> Mention {
        let (s, e) = norm.to_original(d.raw.start, d.raw.end);
        let t = &norm.text;
        let ss = t.ceil_char_boundary(d.raw.start.saturating_sub(80).max(d.sent.0));
        let se = t.floor_char_boundary((d.raw.end + 80).min(d.sent.1.max(d.raw.end)));
        let (os, oe) = norm.to_original(ss, se);
        let snippet = original.get(os..oe).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        let type_name = match (&d.raw.type_word, d.raw.doc_type.as_str()) {
            // QĐ is Quyết định or Quy định: the word in the text decides
            (Some(w), "QĐ") if fold(w).starts_with("quy dinh") => "Quy định".to_string(),
            _ => self.tables.type_name(&d.raw.doc_type),
        };
        Mention {
            start: s,
            end: e,
            text: original.get(s..e).unwrap_or("").to_string(),
            snippet,
            form: d.raw.form,
            system: d.raw.system,
            doc_type: d.raw.doc_type.clone(),
            type_name,
            number: d.raw.number.clone(),
            issuer: d.raw.issuer.clone(),
            level: d.level.clone(),
            body: d.body.clone(),
            date: d.date.clone(),
            year: d.year.or_else(|| d.date.as_deref().and_then(year_of)),
            term: d.term.clone(),
            plenum: d.plenum,
            province: d.province.clone(),
            province_2025: d.province.as_deref().and_then(|p| self.tables.province_2025(p)),
            title: d.title.clone(),
            via: d.via.clone(),
            candidates: d.candidates.clone(),
            warnings: d.warnings.clone(),
        }
    }
}

/// The five cities run by the centre: their Thành ủy is a provincial committee.
const CENTRAL_CITIES: &[&str] = &["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"];

/// Does a body name the committee of a city under a province ("Thành ủy Quy Nhơn", "Thành ủy TP.
/// Bến Tre", or "Thành ủy" alone in an article about a province that is not a centrally-run city)?
fn city_committee_under_province(body: &str, doc_province: Option<&str>) -> bool {
    let lower = body.to_lowercase();
    let Some(at) = ["thành ủy", "đảng bộ thành phố"].iter().filter_map(|w| lower.find(w).map(|i| i + w.len())).min()
    else {
        return false;
    };
    let rest = body[body.floor_char_boundary(at)..].trim_start();
    let rest = rest.strip_prefix("TP.").or_else(|| rest.strip_prefix("thành phố")).unwrap_or(rest).trim_start();
    let central = |name: &str| {
        let folded = fold(name);
        name.starts_with("HCM") || CENTRAL_CITIES.iter().any(|c| folded.starts_with(&fold(c)))
    };
    if rest.starts_with(|c: char| c.is_uppercase()) {
        !central(rest)
    } else {
        doc_province.is_some_and(|p| !central(p))
    }
}

/// Is this mention the text's own document? Its symbol heads a line after "Số:" ("Số: 06-HD/UBKTTW"),
/// or stands in a first line written in capitals ("KẾ HOẠCH SỐ 115-KH/TU …"), or a page announces
/// it as what follows ("toàn văn Quy định số 144 như sau"). Windows are bounded: a long line costs
/// no more per mention.
fn own_document(t: &str, raw: &RawRef) -> bool {
    let from = t.floor_char_boundary(raw.start.saturating_sub(120));
    let before = &t[from..raw.start];
    if fold(before).trim_end().trim_end_matches(':').trim_end().ends_with("toan van") {
        return true;
    }
    if raw.form != Form::Symbol {
        return false;
    }
    let line_start = before.rfind('\n').map(|i| from + i + 1);
    if SELF_HEAD.is_match(&t[line_start.unwrap_or(from)..raw.start]) && (line_start.is_some() || from == 0) {
        return true;
    }
    // the first line: nothing but capitals in it
    let to = t.floor_char_boundary((raw.end + 400).min(t.len()));
    let line_end = t[raw.end..to].find('\n').map(|i| raw.end + i);
    from == 0 && line_start.is_none() && !t[..line_end.unwrap_or(to)].chars().any(char::is_lowercase)
}

/// Drops a plenum mention that sits right beside a symbol naming the same document.
fn dedupe_adjacent(drafts: &mut Vec<Draft>) {
    let mut drop = BTreeSet::new();
    for i in 0..drafts.len() {
        if drafts[i].raw.form != Form::Plenum {
            continue;
        }
        for j in [i.wrapping_sub(1), i + 1] {
            if let Some(o) = drafts.get(j) {
                let near =
                    o.raw.start.abs_diff(drafts[i].raw.end) <= 40 || drafts[i].raw.start.abs_diff(o.raw.end) <= 40;
                if o.raw.form == Form::Symbol && near && o.key() == drafts[i].key() {
                    drop.insert(i);
                }
            }
        }
    }
    let mut i = 0;
    drafts.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
}

/// A date, term, body or province stated once for a document fills its other mentions.
fn propagate(tables: &Tables, drafts: &mut [Draft]) {
    let mut groups: BTreeMap<(System, String, String, String), Vec<usize>> = BTreeMap::new();
    for (i, d) in drafts.iter().enumerate() {
        if !d.raw.number.is_empty() {
            groups.entry(d.key()).or_default().push(i);
        }
    }
    for idx in groups.values() {
        let dates: BTreeSet<&String> = idx.iter().filter_map(|&i| drafts[i].date.as_ref()).collect();
        if dates.len() > 1 {
            continue; // two documents share the symbol (different terms): leave them apart
        }
        let date = dates.into_iter().next().cloned();
        let first = |f: &dyn Fn(&Draft) -> Option<String>| idx.iter().find_map(|&i| f(&drafts[i]));
        let term = first(&|d| d.term.clone());
        let body = first(&|d| d.body.clone().filter(|b| tables.body_issuer(b).is_some()));
        let province = first(&|d| d.province.clone());
        let title = first(&|d| d.title.clone());
        let year = idx.iter().find_map(|&i| drafts[i].year);
        for &i in idx {
            let d = &mut drafts[i];
            d.date = d.date.clone().or(date.clone());
            d.term = d.term.clone().or(term.clone());
            d.body = d.body.clone().or(body.clone());
            d.title = d.title.clone().or(title.clone());
            d.year = d.year.or(year);
            if d.level != "central" {
                d.province = d.province.clone().or(province.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_windows_are_those_of_every_weekday_with_a_slash_after() {
        let head = "Thứ hai, 12/3/2018 - 08:15 thứ ba thứ tư 1/2 CHỦ NHẬT/ hủ nhật x  x  x  x  x  x  x  x 5/6 thứ  /";
        let b = head.as_bytes();
        // every occurrence of every weekday, kept when a '/' follows within 24 bytes
        let mut want: Vec<usize> = (0..b.len())
            .filter(|&i| {
                ["hứ ", "HỨ ", "hủ nhật", "hủ Nhật", "HỦ NHẬT"].iter().any(|w| b[i..].starts_with(w.as_bytes()))
            })
            .filter(|&i| b[i..(i + 24).min(b.len())].contains(&b'/'))
            .collect();
        want.sort_unstable();
        let want: Vec<&str> = want
            .into_iter()
            .map(|i| &head[head.floor_char_boundary(i.saturating_sub(16))..head.floor_char_boundary(i + 64)])
            .collect();
        assert_eq!(published_windows(head).collect::<Vec<_>>(), want);
        assert_eq!(want.len(), 5);
    }

    fn analyze(text: &str) -> DocAnalysis {
        Resolver::embedded().analyze(&Document { source: "t.txt".into(), text: text.into(), ..Default::default() })
    }

    fn find<'m>(a: &'m DocAnalysis, sym: &str) -> Vec<&'m Mention> {
        a.mentions.iter().filter(|m| format!("{} {}/{}", m.doc_type, m.number, m.issuer) == sym).collect()
    }

    #[test]
    fn date_after_symbol_and_body() {
        let a = analyze(
            "Thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021 của Ban Chấp hành Đảng bộ tỉnh Sơn La về công tác.",
        );
        let m = &find(&a, "NQ 2/TU")[0];
        assert_eq!(m.date.as_deref(), Some("2021-01-21"));
        assert_eq!(m.level, "provincial");
        assert_eq!(m.province.as_deref(), Some("Sơn La"));
        assert_eq!(m.body.as_deref(), Some("Ban Chấp hành Đảng bộ tỉnh Sơn La"));
    }

    #[test]
    fn date_forms_after_symbol() {
        for (s, want) in [
            ("theo Nghị quyết số 28-NQ/TW, ngày 17/11/2022 Hội nghị Trung ương 6 khóa 13.", "2022-11-17"),
            ("Quy định số 181-QĐ/TW, ngày 30-3-2013 của Bộ Chính trị.", "2013-03-30"),
            ("Chỉ thị 11-CT/TW ngày 4.7.2007 của Bộ Chính trị.", "2007-07-04"),
            ("Nghị quyết số 09-NQ/TU ngày 19 tháng 8 năm 2009 của Tỉnh ủy.", "2009-08-19"),
            ("Quy định số 47 - QĐ/TWcủa BCH Trung ương Đảng, ngày 01/11/ 2011 về.", "2011-11-01"),
        ] {
            let a = analyze(s);
            assert_eq!(a.mentions[0].date.as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn date_and_term_before_with_issue_verb() {
        let a = analyze("Ngày 19/8/2009 Ban Thường vụ Tỉnh ủy (khoá XVI) ban hành Nghị quyết số 09-NQ/TU về cơ sở.");
        let m = &a.mentions[0];
        assert_eq!(m.date.as_deref(), Some("2009-08-19"));
        assert_eq!(m.term.as_deref(), Some("XVI"));
        let a = analyze("Năm 2008, Tỉnh ủy Ninh Bình đã ban hành Kế hoạch số 63-KH/TU về đảng viên.");
        assert_eq!(a.mentions[0].year, Some(2008));
        assert_eq!(a.mentions[0].date, None);
        assert_eq!(a.mentions[0].province.as_deref(), Some("Ninh Bình"));
    }

    #[test]
    fn facts_fill_other_mentions() {
        let a = analyze("Nghị quyết số 04-NQ/TU ngày 23/5/2016 của Tỉnh ủy về chi bộ. Sau đó Nghị quyết số 04-NQ/TU đi vào cuộc sống.");
        assert!(a.mentions.iter().all(|m| m.date.as_deref() == Some("2016-05-23")));
    }

    #[test]
    fn term_and_plenum_after() {
        let a = analyze("theo tinh thần Nghị quyết số 28-NQ/TW, ngày 17/11/2022 Hội nghị Trung ương 6 khóa 13.");
        let m = &a.mentions[0];
        assert_eq!((m.term.as_deref(), m.plenum), (Some("XIII"), Some(6)));
    }

    #[test]
    fn catalog_fills_central_dates() {
        let a = analyze("Học tập theo Chỉ thị số 05-CT/TW của Bộ Chính trị về tư tưởng Hồ Chí Minh.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("2016-05-15"));
        assert_eq!(a.mentions[0].via.as_deref(), Some("catalog"));
    }

    #[test]
    fn catalog_topic_picks_between_terms() {
        let a = analyze("tổng kết Nghị quyết số 18-NQ/TW về sắp xếp tổ chức bộ máy hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("2017-10-25"));
        let a = analyze("Nghị quyết số 18 - NQ / TW Hội nghị lần thứ 6 Ban Chấp hành Trung ương khoá XII về bộ máy.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("2017-10-25"));
    }

    #[test]
    fn ambiguous_central_symbol_lists_candidates() {
        let a = analyze("Thực hiện Nghị quyết số 28-NQ/TW.");
        let m = &a.mentions[0];
        assert!(m.candidates.len() >= 2, "{m:?}");
        assert_eq!(m.date, None);
    }

    #[test]
    fn plenum_resolves_through_catalog() {
        let a = analyze("Sau 10 năm thực hiện Nghị quyết Trung ương 5 (khóa IX) về “Đổi mới và nâng cao chất lượng hệ thống chính trị ở cơ sở xã, phường, thị trấn”. Chương trình hành động thực hiện Nghị quyết Trung ương 5 về hệ thống chính trị ở cơ sở.");
        let ms = find(&a, "NQ 17/TW");
        assert_eq!(ms.len(), 2, "{:?}", a.mentions);
        assert_eq!(ms[0].date.as_deref(), Some("2002-03-18"));
        assert_eq!(ms[1].term.as_deref(), Some("IX"));
    }

    #[test]
    fn plenum_beside_its_symbol_counts_once() {
        let a = analyze("như Nghị quyết Hội nghị T.Ư 6, khóa XII (Nghị quyết số 21-NQ/TW) về công tác dân số.");
        assert_eq!(a.mentions.len(), 1);
        assert_eq!(a.mentions[0].term.as_deref(), Some("XII"));
        assert_eq!(a.mentions[0].date.as_deref(), Some("2017-10-25"));
    }

    #[test]
    fn short_form_joins_full_and_lone_number_is_dropped() {
        let a =
            analyze("Nghị quyết số 09-NQ/TU của Tỉnh ủy Hà Tĩnh. Nghị quyết 09 đi vào cuộc sống. Nghị quyết 12 khác.");
        assert_eq!(find(&a, "NQ 9/TU").len(), 2);
        assert!(a.mentions.iter().all(|m| m.number != "12"));
    }

    #[test]
    fn issuer_contradiction_follows_body() {
        let a = analyze("Ban thường vụ Thành ủy Hà Nội đã ban hành Nghị quyết số 11 – NQ/TW ngày 31/5/2017 về thủ đô.");
        let m = &a.mentions[0];
        assert_eq!(m.issuer, "TU");
        assert_eq!(m.province.as_deref(), Some("Hà Nội"));
        assert!(!m.warnings.is_empty());
    }

    #[test]
    fn published_date_not_the_clock_line() {
        let a = analyze("Thứ tư, 24/04/2024, 23:04 [GMT+7]\nTiêu đề\nThứ hai, 27/08/2012 - 16:29'\n(BLC) - Nội dung");
        assert_eq!(a.published.as_deref(), Some("2012-08-27"));
        let a = analyze("Tiêu đề\n09:16 - Thứ Tư, 17/01/2018 Lượt xem");
        assert_eq!(a.published.as_deref(), Some("2018-01-17"));
    }
}
