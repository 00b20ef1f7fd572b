//! Stage 2: find references in normalised text.
//!
//! Three kinds of evidence, tried in this order, each span used once:
//! 1. symbols — Party `02-NQ/TU`, `21 - NQ / TW`, `858CV/ĐUK`, `05-CT/T.Ư`, Party in state order
//!    `09/NQ-TW`, state `34/2019/NĐ-CP`, `123/QĐ-UBND`, `80/2015/QH13`, with lists before them
//!    (`Tờ trình số 200 và 202-TTr/UBKTTW`);
//! 2. plenum names — `Nghị quyết Trung ương 5 (khóa IX)`, `NQ TW4`, `Nghị quyết Hội nghị lần thứ
//!    sáu Ban Chấp hành Trung ương khóa XII`;
//! 3. a type word and bare number — `Chỉ thị 05 của Bộ Chính trị`, or `Nghị quyết 09` (kept by the
//!    resolver only as a short form of a document the text names in full).
//!
//! All regexes are compiled once per table set and run in linear time (the `regex` crate).

use crate::model::{Form, RawRef, System};
use crate::normalize::fold;
use crate::tables::{strip_zeros, Tables};
use once_cell::sync::Lazy;
use regex::Regex;

/// Compiled patterns for one set of reference tables.
pub struct Extractor {
    symbol: Regex,
    type_word_before: Regex,
    list_item_before: Regex,
    bare: Regex,
    body_after: Regex,
    /// anchored at each `plenum_start` (its digits' Unicode word boundaries keep the fast
    /// engines off non-ASCII text: run over whole texts it was most of the extractor's time)
    plenum: regex_automata::meta::Regex,
    /// a plenum named by term and topic only, tried where `plenum` finds none
    unnumbered_plenum: regex_automata::meta::Regex,
    /// where a plenum name can start: "nghị quyết" or "NQ" after an ASCII word boundary
    plenum_start: Regex,
    /// (lower-case type word, type key), longest word first
    words: Vec<(String, String)>,
    /// A body as the subject that issues a document named by its bare number, at the end of the
    /// text before the type word.
    body_before: Regex,
    /// The verbs `body_before` ends with (`issuing_verb` of the lexicon, as words).
    issuing_verbs: Vec<String>,
    /// Party bodies (lower case) and their issuer codes, from `bodies.tsv`.
    bodies: Vec<(String, String)>,
    /// any type word, or "NQ", in any case, spaced or tokenised: for `may_cite`
    type_words: Regex,
}

static DEFAULT: Lazy<Extractor> = Lazy::new(|| Extractor::new(Tables::embedded()));

const ISSUER: &str = r"(?:T\.\s?Ư|TTg|[A-ZĐƯ](?:h?[A-ZĐƯ0-9])*)(?:-[A-ZĐƯ](?:h?[A-ZĐƯ0-9])*|\s-\s[A-ZĐƯ][A-ZĐƯ0-9]+)*";
/// Ordinal words and their numbers, as plenum names write them ("Hội nghị lần thứ sáu"): the one
/// list the extractor's pattern, the resolver's and [`ordinal`] read.
const ORDINAL_WORDS: [(&str, u32); 17] = [
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("tư", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
    ("mười một", 11),
    ("mười hai", 12),
    ("mười ba", 13),
    ("mười bốn", 14),
    ("mười lăm", 15),
    ("mười sáu", 16),
];

/// The ordinal words as a regex alternation, longest first ("mười một" before "mười").
pub fn ordinals() -> String {
    let mut words: Vec<&str> = ORDINAL_WORDS.iter().map(|w| w.0).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.join("|")
}

/// Named groups of a `regex_automata` match, read like `regex::Captures`.
struct Groups<'t, 'c> {
    text: &'t str,
    caps: &'c regex_automata::util::captures::Captures,
}

impl<'t> Groups<'t, '_> {
    fn whole(&self) -> Option<Group<'t>> {
        self.caps.get_match().map(|m| Group { text: self.text, start: m.start(), end: m.end() })
    }

    fn name(&self, name: &str) -> Option<Group<'t>> {
        self.caps.get_group_by_name(name).map(|sp| Group { text: self.text, start: sp.start, end: sp.end })
    }
}

/// One group's place in the text.
struct Group<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Group<'t> {
    fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

/// Where a plenum name starts: its pattern begins with this, and it is searched for alone.
/// What leads from a reference to its issuing body: "của", "do", after a date in parentheses
/// perhaps ("(ngày 4/7/2007) của Bộ Chính trị"). The extractor's pattern of named bodies and the
/// resolver's of any body both start with it.
pub(crate) const OF_BODY: &str = r"^\s*,?\s*(?:\(?\s*ngày\s*[\d/.\- ]{6,12}\)?\s*,?\s*)?(?:của|do)\s+";

const PLENUM_START: &str = r"(?i)(?-u:\b)(?:nghị quyết|NQ)";

/// Plenum names: `Nghị quyết Trung ương 5 (khóa IX)`, `NQ TW4`, `Nghị quyết Hội nghị lần thứ
/// tư Ban Chấp hành Trung ương`.
fn plenum_pattern() -> String {
    let ordinals = ordinals();
    format!(
        r"{PLENUM_START}\s+(?:của\s+)?(?:hội nghị\s+)?(?:lần\s+thứ\s+(?P<o1>{ordinals}|\d{{1,2}})\s+(?:của\s+)?(?:ban chấp hành|BCH)\s+(?:trung ương|TW|T\.\s?Ư)(?:\s+đảng)?|(?:(?:ban chấp hành|BCH)\s+)?(?:trung ương|TW|T\.\s?Ư)\s*(?:đảng\s+)?(?:lần\s+thứ\s+(?P<o2>{ordinals}|\d{{1,2}})|(?P<d2>\d{{1,2}})\b))(?:\s*[,(]?\s*\(?\s*kh[oó]a\s+(?P<t1>[IVXLC]+(?-u:\b)|\d{{1,2}}\b)(?:\s*(?:,|và)\s*(?P<t2>[IVXLC]+(?-u:\b)|\d{{1,2}}\b))?\s*\)?)?"
    )
}

/// A plenum named by its term and the topic it states, without its number: "Nghị quyết Hội nghị
/// Trung ương khóa X về Chiến lược biển". Only the catalog can say which it is, by the topic.
fn unnumbered_plenum_pattern() -> String {
    format!(
        r"{PLENUM_START}\s+(?:của\s+)?(?:hội nghị\s+)?(?:(?:ban chấp hành|BCH)\s+)?(?:trung ương|TW|T\.\s?Ư)(?:\s+đảng)?\s*[,(]?\s*\(?\s*kh[oó]a\s+(?P<t1>[IVXLC]+(?-u:\b)|\d{{1,2}}\b)\s*\)?\s*về\s"
    )
}

/// A plenum's name at `start..end`: a central resolution whose number the catalog gives.
fn plenum_ref(start: usize, end: usize, plenum: Option<u32>, term: Option<String>) -> RawRef {
    RawRef {
        start,
        end,
        tail: end,
        doc_type: "NQ".into(),
        number: String::new(),
        issuer: "TW".into(),
        system: System::Party,
        form: Form::Plenum,
        type_word: Some("Nghị quyết".into()),
        symbol_year: None,
        plenum,
        plenum_term: term,
    }
}

fn alternation<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.map(regex::escape).collect::<Vec<_>>().join("|")
}

impl Extractor {
    /// The extractor for the embedded tables.
    pub fn embedded() -> &'static Extractor {
        &DEFAULT
    }

    /// Compiles the patterns for `tables`; panics where a pattern does not compile (the embedded
    /// tables always do: see [`Extractor::try_new`] for tables read with `--data`).
    pub fn new(tables: &Tables) -> Extractor {
        Extractor::try_new(tables).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Compiles the patterns for `tables`, or says which does not compile (a `--data` table can
    /// make one too large).
    pub fn try_new(tables: &Tables) -> Result<Extractor, String> {
        let mut party_codes: Vec<&str> =
            tables.doc_types.iter().filter(|t| t.system != "state").map(|t| t.code.as_str()).collect();
        party_codes.push("Ctr");
        // headings in capitals write the mixed-case codes in capitals too ("55-CTR/TU", "08-QĐI/TW")
        let upper: Vec<String> =
            party_codes.iter().filter(|c| c.chars().any(char::is_lowercase)).map(|c| c.to_uppercase()).collect();
        party_codes.extend(upper.iter().map(String::as_str));
        party_codes.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
        party_codes.dedup();
        let all_codes: Vec<&str> = tables.doc_types.iter().map(|t| t.code.as_str()).collect();
        let words = tables.party_type_words();
        let word_alt = alternation(words.iter().map(|w| w.0.as_str()));
        let p = alternation(party_codes.into_iter());
        let a = alternation(all_codes.into_iter());
        let symbol = format!(
            r"(?P<pnum>\d{{1,5}})(?:\s*-\s*|\s*)(?P<ptyp>{p})\s*/\s*(?P<piss>{ISSUER})|(?P<snum>\d{{1,5}})\s*/\s*(?:(?P<syear>\d{{4}})\s*/\s*)?(?P<styp>{a})\s*[-/]\s*(?P<siss>{ISSUER})|(?P<qnum>\d{{1,5}})\s*/\s*(?P<qyear>\d{{4}})\s*/\s*(?P<qiss>(?:QH|UBTVQH)\d{{1,2}})"
        );
        let body_alt = alternation(tables.bodies.iter().map(|b| b.0.as_str()));
        // the lexicon's "_ra_" is read as " ra ": the word "ra"
        let issuing_verbs: Vec<String> = tables.words.issuing_verbs.iter().map(|v| v.trim().to_string()).collect();
        let verb_alt = alternation(issuing_verbs.iter().map(String::as_str)).replace(' ', r"\s+");
        let compile = |s: &str| Regex::new(s).map_err(|e| format!("a reference pattern from the tables: {e}"));
        let meta =
            |s: &str| regex_automata::meta::Regex::new(s).map_err(|e| format!("a plenum pattern from the tables: {e}"));
        Ok(Extractor {
            symbol: compile(&symbol)?,
            type_word_before: compile(&format!(r"(?i)(?:các\s+)?({word_alt})\s*(?:số\s*)?[:.]?\s*$"))?,
            list_item_before: compile(r"(\d{1,5})\s*(?:,|;|và)\s*(?:số\s*)?$")?,
            bare: compile(&format!(
                r"(?i)(?:^|[^\p{{L}}\d])(?P<word>{word_alt})\s+(?:số\s*)?(?P<nums>\d{{1,4}}(?:\s*(?:,|và)\s*(?:số\s*)?\d{{1,4}})*)"
            ))?,
            body_after: compile(&format!(
                r"(?i){OF_BODY}(?:(?:ban thường vụ|btv|thường trực|thường vụ|ban chấp hành|bch)\s+)?(?P<body>{body_alt})(?:[^\p{{L}}\d]|$)"
            ))?,
            body_before: compile(&format!(
                r"(?i)(?:^|[^\p{{L}}])(?P<body>{body_alt})(?:\s+\p{{Lu}}[\p{{L}}.]*){{0,4}}\s+(?:đã\s+|vừa\s+|mới\s+)?(?:ký\s+)?(?:{verb_alt})(?:\s+(?:trong|tại))?\s+$"
            ))?,
            plenum_start: compile(PLENUM_START)?,
            plenum: meta(&plenum_pattern())?,
            unnumbered_plenum: meta(&unnumbered_plenum_pattern())?,
            type_words: compile(&format!(
                "(?i){}|nq",
                words.iter().map(|w| regex::escape(&w.0).replace(' ', "[\\s_]+")).collect::<Vec<_>>().join("|")
            ))?,
            words,
            issuing_verbs,
            bodies: tables.bodies.clone(),
        })
    }

    /// The type key for a type word as written (`nghị quyết` → `NQ`).
    pub fn word_key(&self, word: &str) -> Option<&str> {
        let w = word.to_lowercase();
        self.words.iter().find(|(x, _)| *x == w).map(|(_, k)| k.as_str())
    }

    /// A fast test: can `text` (as read, before normalisation) hold a reference at all? False
    /// only when it has no symbol-shaped slash (a digit shortly before, a capital after), no
    /// combining marks (NFD text), no alternative slash or character reference, and not both a
    /// central body or Party committee and a type word (which plenum names and bare numbers need).
    /// Skipping the rest of the pipeline for such texts is what makes corpus-scale runs fast: most
    /// news cites nothing. `tests/properties.rs` checks that a text it turns away yields nothing.
    ///
    /// ```
    /// let x = vncite::extract::Extractor::embedded();
    /// assert!(x.may_cite("Nghị quyết số 02-NQ/TU của Tỉnh ủy"));
    /// assert!(!x.may_cite("Dự án phòng chống HIV/AIDS ở VN, giá 20.000 đồng/kg."));
    /// ```
    pub fn may_cite(&self, text: &str) -> bool {
        let b = text.as_bytes();
        // combining marks (lead bytes CC, CD: U+0300–U+036F) mean NFD text, which is checked in full
        if memchr::memchr2_iter(0xCC, 0xCD, b).any(|i| b[i] == 0xCC || b.get(i + 1).is_some_and(|&c| c <= 0xAF)) {
            return true;
        }
        if memchr::memchr_iter(b'/', b).any(|i| symbol_slash(b, i)) {
            return true;
        }
        let mut body = false;
        for m in CITE_WORDS.find_iter(text) {
            let w = &text[m.start()..m.end()];
            if w == "&#" || w.starts_with(['\u{2044}', '\u{FF0F}', '\u{2215}']) {
                return true;
            }
            if !w.contains(['ủ', 'ỷ', 'Ủ', 'Ỷ']) || committee_before(text, m.start()) {
                body = true;
                break;
            }
        }
        body && self.type_words.is_match(text)
    }

    /// Finds every reference in `text` (normalised), in text order.
    pub fn find(&self, tables: &Tables, text: &str) -> Vec<RawRef> {
        let mut out = self.symbols(tables, text);
        let taken: Vec<(usize, usize)> = out.iter().map(|r| (r.start, r.end)).collect();
        let overlaps = |s: usize, e: usize, taken: &[(usize, usize)]| taken.iter().any(|&(a, b)| s < b && a < e);
        for r in self.plenums(text) {
            if !overlaps(r.start, r.end, &taken) {
                out.push(r);
            }
        }
        let taken: Vec<(usize, usize)> = out.iter().map(|r| (r.start, r.end)).collect();
        for r in self.bare_numbers(text) {
            if !overlaps(r.start, r.end, &taken) {
                out.push(r);
            }
        }
        out.sort_by_key(|r| (r.start, r.end));
        out
    }

    fn symbols(&self, tables: &Tables, text: &str) -> Vec<RawRef> {
        let mut out = Vec::new();
        for c in self.symbol.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            // a digit, slash or dot just before the number means it is the tail of something else
            if text[..m.start()].chars().next_back().is_some_and(|p| p.is_ascii_digit() || p == '/' || p == '.') {
                continue;
            }
            let (num, typ, iss, year, party_shape) =
                if let (Some(n), Some(t), Some(i)) = (c.name("pnum"), c.name("ptyp"), c.name("piss")) {
                    (n, t.as_str(), i.as_str(), None, true)
                } else if let (Some(n), Some(t), Some(i)) = (c.name("snum"), c.name("styp"), c.name("siss")) {
                    (n, t.as_str(), i.as_str(), c.name("syear").and_then(|y| y.as_str().parse().ok()), false)
                } else if let (Some(n), Some(i)) = (c.name("qnum"), c.name("qiss")) {
                    (n, "Luật", i.as_str(), c.name("qyear").and_then(|y| y.as_str().parse().ok()), false)
                } else {
                    continue;
                };
            let issuer = clean_issuer(iss);
            let (class, _) = tables.classify_issuer(&issuer);
            let system = match (class, party_shape) {
                (Some(s), _) => s,
                (None, true) => System::Party,
                (None, false) => System::State,
            };
            let doc_type = if typ == "Luật" { "Luật".to_string() } else { tables.type_key(typ) };
            // the type word and list items before the number
            let mut start = num.start();
            let mut numbers: Vec<(usize, usize, String)> = vec![(num.start(), m.end(), strip_zeros(num.as_str()))];
            let window_start = text.floor_char_boundary(start.saturating_sub(80));
            let mut cursor = start;
            let mut items = Vec::new();
            while let Some(li) = self.list_item_before.captures(&text[window_start..cursor]) {
                let (Some(all), Some(n)) = (li.get(0), li.get(1)) else {
                    break;
                };
                if all.start() == 0 && window_start > 0 {
                    break;
                }
                items.push((window_start + n.start(), window_start + n.end(), strip_zeros(n.as_str())));
                cursor = window_start + all.start();
            }
            let before = &text[window_start..cursor];
            let type_word = self.type_word_before.captures(before).and_then(|tw| {
                let whole = tw.get(0)?;
                start = window_start + whole.start();
                Some(tw.get(1)?.as_str().to_string())
            });
            // list items only count after a type word ("Tờ trình số 200 và 202-TTr/…")
            if type_word.is_some() {
                numbers.extend(items);
            }
            numbers.sort();
            let form = Form::Symbol;
            for (i, (s, e, n)) in numbers.into_iter().enumerate() {
                out.push(RawRef {
                    // the first item carries the type word
                    start: if i == 0 { start.min(s) } else { s },
                    end: e,
                    tail: m.end(),
                    doc_type: doc_type.clone(),
                    number: n,
                    issuer: issuer.clone(),
                    system,
                    form,
                    type_word: type_word.clone(),
                    symbol_year: year,
                    plenum: None,
                    plenum_term: None,
                });
            }
        }
        out
    }

    /// Calls `f` with every plenum name's groups, in text order: the same matches as an
    /// unanchored search, as each starts where `plenum_start` matches and the next is looked for
    /// after the last one's end.
    fn each_plenum(&self, text: &str, f: impl FnMut(&Groups)) {
        self.each_plenum_of(&self.plenum, text, &[], f);
    }

    /// Every match of `re` anchored where a plenum name may start, left to right, not inside a
    /// match before it or a span of `taken`.
    fn each_plenum_of(
        &self,
        re: &regex_automata::meta::Regex,
        text: &str,
        taken: &[(usize, usize)],
        mut f: impl FnMut(&Groups),
    ) {
        use regex_automata::{Anchored, Input};
        let mut caps = re.create_captures();
        let mut after = 0;
        for s in self.plenum_start.find_iter(text) {
            if s.start() < after || taken.iter().any(|&(a, b)| a <= s.start() && s.start() < b) {
                continue;
            }
            let input = Input::new(text).range(s.start()..).anchored(Anchored::Yes);
            // most starts begin no name: the DFA alone says so, before the captures are read
            if !re.is_match(input.clone()) {
                continue;
            }
            re.search_captures(&input, &mut caps);
            let Some(m) = caps.get_match() else { continue };
            after = m.end();
            f(&Groups { text, caps: &caps });
        }
    }

    fn plenums(&self, text: &str) -> Vec<RawRef> {
        let mut out = Vec::new();
        self.each_plenum(text, |c| {
            let Some(m) = c.whole() else { return };
            let n = c.name("o1").or(c.name("o2")).or(c.name("d2")).and_then(|x| ordinal(x.as_str()));
            let Some(n) = n.filter(|n| (1..=20).contains(n)) else {
                return;
            };
            let t1 = c.name("t1").and_then(|t| crate::resolve::dates::roman_term(t.as_str()));
            let mut push = |start, end, term: Option<String>| out.push(plenum_ref(start, end, Some(n), term));
            match c.name("t2") {
                Some(t2) => {
                    // "Nghị quyết Trung ương 4 (Khóa XI, XII)": one reference per term
                    let t1_end = c.name("t1").map_or(m.end(), |t| t.end());
                    push(m.start(), t1_end, t1);
                    push(t2.start(), t2.end(), crate::resolve::dates::roman_term(t2.as_str()));
                }
                None => push(m.start(), m.end(), t1),
            }
        });
        // then those named by term and topic only, where no numbered name was found
        let taken: Vec<(usize, usize)> = out.iter().map(|r| (r.start, r.end)).collect();
        self.each_plenum_of(&self.unnumbered_plenum, text, &taken, |c| {
            let (Some(m), Some(t1)) = (c.whole(), c.name("t1")) else { return };
            let Some(term) = crate::resolve::dates::roman_term(t1.as_str()) else { return };
            // the name ends with its term (and a closing bracket); the topic after is the
            // resolver's to read
            let end = text[t1.end()..m.end()].find(')').map_or(t1.end(), |i| t1.end() + i + 1);
            out.push(plenum_ref(m.start(), end, None, Some(term)));
        });
        out.sort_by_key(|r| (r.start, r.end));
        out
    }

    fn bare_numbers(&self, text: &str) -> Vec<RawRef> {
        static NUM: Lazy<Regex> = Lazy::new(|| Regex::new(r"\d{1,4}").expect("number regex"));
        let mut out = Vec::new();
        for c in self.bare.captures_iter(text) {
            let (Some(m), Some(word), Some(nums)) = (c.get(0), c.name("word"), c.name("nums")) else {
                continue;
            };
            let Some(key) = self.word_key(word.as_str()) else {
                continue;
            };
            // "Nghị quyết 10/NQ": the type's own code after the number, with no issuer, is part of it
            let code = own_code(&text[m.end()..], key);
            let rest = &text[m.end() + code..];
            // part of a symbol, a date, a quantity: not a bare number
            let next = rest.trim_start();
            // the body after ("Chỉ thị 05 của Bộ Chính trị"), or as the subject that issues it
            // ("Tỉnh ủy Hà Tĩnh đã ban hành Chương trình hành động số 40")
            let body =
                self.body_after.captures(rest).and_then(|b| b.name("body")).map(|b| b.as_str().to_lowercase()).or_else(
                    || {
                        let before = &text[text.floor_char_boundary(word.start().saturating_sub(90))..word.start()];
                        // the pattern ends with the issuing verb: only then is it worth running
                        let tail = before.trim_end();
                        // "mà Bộ Chính trị vừa thông qua trong Nghị quyết 48"
                        let tail = ["trong", "tại"]
                            .iter()
                            .find_map(|w| tail.strip_suffix(w).filter(|t| t.ends_with(' ')))
                            .map_or(tail, str::trim_end);
                        self.issuing_verbs
                            .iter()
                            .any(|v| tail.ends_with(v.as_str()))
                            .then(|| self.body_before.captures(before))
                            .flatten()
                            .and_then(|b| b.name("body"))
                            .map(|b| b.as_str().to_lowercase())
                    },
                );
            // "57.5", "57-NQ", "57/2020", "57%": part of something else; "số 57. Vậy" ends a sentence
            let joined_after =
                |c: char| next.strip_prefix(c).is_some_and(|r| r.starts_with(|x: char| x.is_alphanumeric()));
            if next.starts_with(['/', '%'])
                || joined_after('.')
                || joined_after('-')
                || next.starts_with(" -")
                || next.chars().next().is_some_and(|ch| ch.is_ascii_digit())
                || rest.starts_with(|ch: char| ch.is_alphanumeric())
                || ["năm ", "tháng"].iter().any(|w| next.starts_with(w))
                || (next.starts_with("ngày") && body.is_none())
            {
                continue;
            }
            let issuer = body
                .as_deref()
                .and_then(|b| self.bodies.iter().find(|(k, _)| *k == b))
                .map(|(_, code)| code.to_string());
            let form = if issuer.is_some() { Form::NumberWithBody } else { Form::ShortForm };
            let items: Vec<_> = NUM.find_iter(nums.as_str()).collect();
            for (i, n) in items.iter().enumerate() {
                // the last item's span takes in the code after it ("10/NQ")
                let end = nums.start() + n.end() + if i + 1 == items.len() { code } else { 0 };
                out.push(RawRef {
                    start: if i == 0 { word.start() } else { nums.start() + n.start() },
                    end,
                    tail: m.end() + code,
                    doc_type: key.to_string(),
                    number: strip_zeros(n.as_str()),
                    issuer: issuer.clone().unwrap_or_default(),
                    system: System::Party,
                    form,
                    type_word: Some(word.as_str().to_string()),
                    symbol_year: None,
                    plenum: None,
                    plenum_term: None,
                });
            }
        }
        out
    }
}

/// The bytes of "/NQ" at the start of `rest` when `key` is that code and no issuer follows it
/// ("Nghị quyết 10/NQ về …", an old partial symbol); else 0.
fn own_code(rest: &str, key: &str) -> usize {
    let after = rest.strip_prefix('/').map(str::trim_start).and_then(|r| r.strip_prefix(key));
    match after {
        Some(r) if !r.starts_with(|c: char| c.is_alphanumeric() || matches!(c, '-' | '/' | '_')) => {
            rest.len() - r.len()
        }
        _ => 0,
    }
}

/// Words without which a text holds no reference but a symbol: bodies and committees in every
/// spelling; and marks that let anything through (alternative slashes, character references).
static CITE_WORDS: Lazy<aho_corasick::AhoCorasick> = Lazy::new(|| {
    // few enough patterns for the vectorised (Teddy) search; "ủy" is checked for its committee
    // word by `committee_before`
    let words = [
        "TW",
        "T.Ư",
        "Trung ương",
        "trung ương",
        "TRUNG ƯƠNG",
        "Trung_ương",
        "trung_ương",
        "Bộ Chính trị",
        "Bộ_Chính_trị",
        "BỘ CHÍNH TRỊ",
        "Ban Bí thư",
        "Ban_Bí_thư",
        " ủy",
        " uỷ",
        "_ủy",
        "_uỷ",
        " Ủy",
        " Uỷ",
        " ỦY",
        " UỶ",
        // these pass at once
        "&#",
        "\u{2044}",
        "\u{FF0F}",
        "\u{2215}",
    ];
    aho_corasick::AhoCorasickBuilder::new()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(words)
        .expect("cite words automaton")
});

/// Whether the word before an "ủy" at `at` makes a Party committee (Tỉnh ủy, Đảng ủy …), not
/// "Ủy ban" or "ủy viên". Only a short word with a diacritic can be one ("Thanh ủy quyền" is a name
/// and a verb), so most words are turned away before folding.
fn committee_before(text: &str, at: usize) -> bool {
    let word = text[..at].rsplit([' ', '_', '\n', '(', ',']).next().unwrap_or("");
    word.len() <= 12
        && !word.is_ascii()
        && matches!(
            fold(word).as_str(),
            "tinh" | "thanh" | "huyen" | "dang" | "quan" | "thi" | "khoi" | "xa" | "phuong"
        )
}

/// Whether a '/' at `i` can be the slash of a symbol: a capital after it (`NQ/TU`, `34/2019/NĐ-CP`,
/// `2015/QH13`) and a digit shortly before it (the number: `02-NQ/`, `02 - NQ /`, `34/`).
fn symbol_slash(b: &[u8], i: usize) -> bool {
    let mut j = i + 1;
    // spaces, including a no-break space (C2 A0), between the slash and the issuer
    while j < b.len() && j <= i + 8 && (b[j].is_ascii_whitespace() || (b[j] == 0xC2 && b.get(j + 1) == Some(&0xA0))) {
        j += if b[j] == 0xC2 { 2 } else { 1 };
    }
    let capital =
        matches!(&b[j.min(b.len())..], [b'A'..=b'Z', ..] | [0xC4, 0x90, ..] | [0xC3, 0x90, ..] | [0xC6, 0xAF, ..]);
    capital && b[i.saturating_sub(32)..i].iter().any(u8::is_ascii_digit)
}

/// `T.Ư` → `TW`, `TƯ` → `TW`, `ƯBND` → `UBND`, spaces and dots dropped.
fn clean_issuer(raw: &str) -> String {
    let s: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    let s = if let Some(head) = s.strip_suffix("TƯ") { format!("{head}TW") } else { s };
    let s = s.replace("TƯ-", "TW-");
    if let Some(rest) = s.strip_prefix("ƯBND") {
        format!("UBND{rest}")
    } else {
        s
    }
}

/// "6" or "sáu" → 6.
pub fn ordinal(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let s = s.to_lowercase();
    ORDINAL_WORDS.iter().find(|w| w.0 == s).map(|w| w.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn find(s: &str) -> Vec<RawRef> {
        let n = normalize(s);
        Extractor::embedded().find(Tables::embedded(), &n.text)
    }

    #[test]
    fn plenums_found_from_their_starts_as_by_a_whole_search() {
        let whole = Regex::new(&plenum_pattern()).expect("plenum regex");
        let text = "Nghị quyết Trung ương 4 khóa XII; NQ TW 5 (khóa IX, X) và nghị quyết Trung ương 12ạ, \
            Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa 13, NGHỊ QUYẾT TRUNG ƯƠNG 7, \
            theo NQ Trung ương 3 khóa 9 và Nghị quyếtTrung ương 2, nghị quyết nghị quyết TW 6 khóa 12b";
        for t in [text, &text.replace(' ', "  "), "Nghị quyết", "NQ TW 1", ""] {
            let mut got = Vec::new();
            Extractor::embedded().each_plenum(t, |c| got.extend(c.whole().map(|m| (m.start(), m.end()))));
            let want: Vec<(usize, usize)> = whole.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(got, want, "{t}");
        }
        assert!(!Extractor::embedded().plenums(text).is_empty());
    }

    fn keys(s: &str) -> Vec<String> {
        find(s).iter().map(|r| format!("{} {}/{} {}", r.doc_type, r.number, r.issuer, r.system.as_str())).collect()
    }

    #[test]
    fn prefilter_lets_every_form_through() {
        for s in [
            "Nghị quyết số 02-NQ/TU",
            "Nghị_quyết số 18 - NQ / TW",
            "Nghị quyết 98 - NQ / CP",
            "Chỉ thị 05 của Bộ Chính trị",
            "Nghị quyết Trung ương 5",
            "NQ TW4",
            "Quyết định 20-QĐ&#x002F;TW",
            "Kế hoạch 97-KH/ÐUK",
        ] {
            assert!(Extractor::embedded().may_cite(s), "{s}");
        }
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Chỉ thị").collect();
        assert!(Extractor::embedded().may_cite(&nfd));
        assert!(!Extractor::embedded()
            .may_cite("Giá vàng hôm nay tăng 200.000 đồng/lượng, tỷ giá USD ổn định ngày 12/5/2019."));
    }

    #[test]
    fn plain_party_symbol_with_type_word() {
        let r = find("Thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021 của Ban Chấp hành.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].doc_type, "NQ");
        assert_eq!(r[0].number, "2");
        assert_eq!(r[0].issuer, "TU");
        assert_eq!(r[0].type_word.as_deref(), Some("Nghị quyết"));
        assert_eq!(r[0].system, System::Party);
    }

    #[test]
    fn spaced_and_dashed_variants() {
        assert_eq!(keys("theo Nghị quyết số 21 – NQ/TW nay"), ["NQ 21/TW party"]);
        assert_eq!(keys("Chỉ thị 05- CT/TW của Bộ"), ["CT 5/TW party"]);
        assert_eq!(keys("Nghị_quyết số 18 - NQ / TW Hội_nghị"), ["NQ 18/TW party"]);
        assert_eq!(keys("Công văn 858CV/ĐUK về"), ["CV 858/ĐUK party"]);
        assert_eq!(keys("Nghị quyết 113 NQ/ĐU của"), ["NQ 113/ĐU party"]);
        assert_eq!(keys("Kết luận số64-KL/TW ngày"), ["KL 64/TW party"]);
    }

    #[test]
    fn eth_nfd_and_tu_variants() {
        assert_eq!(keys("Kế hoạch số 97-KH/ÐUK"), ["KH 97/ĐUK party"]);
        assert_eq!(keys("Chỉ thị 05-CT/TƯ"), ["CT 5/TW party"]);
        assert_eq!(keys("Chỉ thị số 40-CT/ T.Ư ngày"), ["CT 40/TW party"]);
        assert_eq!(keys("theo Nghị quyết 18-NQ/TW. Sau đó"), ["NQ 18/TW party"]);
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Quyết định 31-QĐ/ĐU-MTTW").collect();
        assert_eq!(keys(&nfd), ["QĐ 31/ĐU-MTTW party"]);
    }

    #[test]
    fn state_order_party_symbols() {
        assert_eq!(keys("Nghị quyết 09/NQ-TW"), ["NQ 9/TW party"]);
        assert_eq!(keys("Nghị quyết 233/NQ-ĐU"), ["NQ 233/ĐU party"]);
        assert_eq!(keys("Quy định 66/QĐ/TW"), ["QĐ 66/TW party"]);
        let r = find("Nghị quyết 09/2007/NQ-TW");
        assert_eq!(r[0].symbol_year, Some(2007));
        assert_eq!(r[0].system, System::Party);
    }

    #[test]
    fn state_symbols_stay_state() {
        assert_eq!(keys("Nghị định 34/2019/NĐ-CP"), ["NĐ 34/CP state"]);
        assert_eq!(keys("Quyết định 123/QĐ-UBND"), ["QĐ 123/UBND state"]);
        assert_eq!(keys("Nghị quyết 15/2019/NQ-HĐND"), ["NQ 15/HĐND state"]);
        assert_eq!(keys("Quyết định 824-QĐ/TTg"), ["QĐ 824/TTg state"]);
        assert_eq!(keys("Nghị quyết 98 - NQ / CP"), ["NQ 98/CP state"]);
        assert_eq!(keys("Chỉ thị số 12/CT-TTg"), ["CT 12/TTg state"]);
        assert_eq!(keys("Luật số 80/2015/QH13"), ["Luật 80/QH13 state"]);
    }

    #[test]
    fn non_party_bodies() {
        assert_eq!(keys("Kế hoạch 204-KH/BCHTW-HLGVN"), ["KH 204/BCHTW-HLGVN other"]);
        assert_eq!(keys("kế hoạch số 204 - KH / BCHTW - HLGVN về"), ["KH 204/BCHTW-HLGVN other"]);
        assert_eq!(keys("Quyết định số 1161/QĐ-MTTW-BTT, Ban"), ["QĐ 1161/MTTW-BTT other"]);
        assert_eq!(keys("Nghị quyết 18-NQ/TW - Hội nghị"), ["NQ 18/TW party"]);
    }

    #[test]
    fn new_type_codes() {
        assert_eq!(keys("Quy định số 07-QĐi/TW, ngày"), ["QĐ 7/TW party"]);
        assert_eq!(keys("Quyết định số 476-QĐNS/TW"), ["QĐNS 476/TW party"]);
        assert_eq!(keys("Chương trình hành động số 18-CTr/TU"), ["CTr 18/TU party"]);
        assert_eq!(keys("Quyết định 20-QĐ&#x002F;TW"), ["QĐ 20/TW party"]);
    }

    #[test]
    fn lists_before_a_symbol() {
        let r = find("sau khi xem xét Tờ trình số 200 và 202 - TTr / UBKTTW , ngày");
        assert_eq!(r.iter().map(|x| x.number.as_str()).collect::<Vec<_>>(), ["200", "202"]);
        let r = find("Nghị quyết 18, 19, 20-NQ/TW");
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|x| x.issuer == "TW"));
        // a date before a symbol is not a list item
        assert_eq!(find("ngày 21/1/2021, 18-NQ/TW").len(), 1);
    }

    #[test]
    fn traps_are_not_references() {
        for s in [
            "Gọi 0912-345-678 ngay",
            "theo Điều 10 của Luật",
            "Quốc lộ QL1A",
            "dịch Covid-19 lan",
            "tỷ lệ 57,2% số đảng viên",
            "Nghị quyết đại hội Đảng bộ",
        ] {
            assert!(find(s).iter().all(|r| r.system != System::Party || r.form == Form::ShortForm), "{s}");
        }
    }

    #[test]
    fn bare_numbers_with_body() {
        let r = find("thực hiện Chỉ thị 05 của Bộ Chính trị về");
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].form, r[0].issuer.as_str(), r[0].number.as_str()), (Form::NumberWithBody, "TW", "5"));
        let r = find("Nghị quyết 02 của Thành ủy về");
        assert_eq!((r[0].form, r[0].issuer.as_str()), (Form::NumberWithBody, "TU"));
        let r = find("Chỉ thị 03, 05 của Bộ Chính trị");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].number, "5");
        let r = find("quy định 262 của Bộ Chính trị");
        assert_eq!((r[0].doc_type.as_str(), r[0].number.as_str()), ("QĐ", "262"));
        let r = find("Chỉ thị 03 của Ban Bí thư T.Ư Đảng");
        assert_eq!(r[0].issuer, "TW");
        let r = find("Thực hiện Chỉ thị số 35 ngày 30/5/2019 của Bộ chính trị về Đại hội");
        assert_eq!((r[0].form, r[0].number.as_str(), r[0].issuer.as_str()), (Form::NumberWithBody, "35", "TW"));
    }

    #[test]
    fn bodies_by_their_abbreviations_and_other_names() {
        let key =
            |t: &str| find(t).iter().map(|r| format!("{}-{}/{}", r.number, r.doc_type, r.issuer)).collect::<Vec<_>>();
        assert_eq!(key("theo Chỉ thị 12 của BCT về biển đảo"), ["12-CT/TW"]);
        assert_eq!(key("Kết luận 7 của BBT về công tác"), ["7-KL/TW"]);
        assert_eq!(key("Nghị quyết 04 của BCH Đảng bộ tỉnh Phú Thọ về nông thôn"), ["4-NQ/TU"]);
        assert_eq!(key("kết luận 292 của Ủy ban Kiểm tra trung ương về kỷ luật"), ["292-KL/UBKTTW"]);
        assert_eq!(key("Hướng dẫn 9 của Ban Tổ chức Trung ương về nhân sự"), ["9-HD/BTCTW"]);
        assert_eq!(
            key("các nghị quyết 27, 28 và 29 của Hội nghị Trung ương 6 khóa XIII"),
            ["27-NQ/TW", "28-NQ/TW", "29-NQ/TW"]
        );
        assert_eq!(key("Đề án 51 của Tỉnh ủy về đảng viên"), ["51-ĐA/TU"]);
        assert_eq!(
            key("Ngay sau đó, Tỉnh ủy Hà Tĩnh đã ban hành Chương trình hành động số 40, nhanh chóng"),
            ["40-CTr/TU"]
        );
        assert_eq!(key("Tỉnh ủy đã ban hành Đề án 5155 về phát triển đảng viên"), ["5155-ĐA/TU"]);
        // every issuing verb of the lexicon, and "in" after it
        assert_eq!(key("Năm 1990, Bộ Chính trị ra Chỉ thị 15 về kinh tế"), ["15-CT/TW"]);
        assert_eq!(key("đường lối mà Ban Bí thư vừa thông qua trong Kết luận 31. Đây"), ["31-KL/TW"]);
        assert_eq!(key("Huyện ủy đã có Nghị quyết 6 về giao thông"), ["6-NQ/HU"]);
        // the type's own code after the number is part of it ("10/NQ"): the body still decides
        let r = find("Bộ Chính trị ra Nghị quyết 10/NQ về nông nghiệp");
        assert_eq!(key("Bộ Chính trị ra Nghị quyết 10/NQ về nông nghiệp"), ["10-NQ/TW"]);
        assert_eq!(r[0].end, "Bộ Chính trị ra Nghị quyết 10/NQ".len());
        // another code, a year or an issuer after the slash is something else
        assert!(find("Bộ Chính trị ra Nghị quyết 10/CT về").is_empty());
        assert!(find("Bộ Chính trị ra Nghị quyết 10/NQTW về").is_empty());
        // a body that does not issue it is no body of it
        assert!(find("Tỉnh ủy chỉ đạo thực hiện Đề án 5 về du lịch").iter().all(|r| r.issuer.is_empty()));
        // a body's abbreviation inside another word is not the body
        assert!(find("Chỉ thị 12 của BCTV về").iter().all(|r| r.issuer.is_empty()));
    }

    #[test]
    fn bare_numbers_without_body_are_short_forms() {
        let r = find("Nghị quyết 09 đã đi vào cuộc sống");
        assert_eq!(r[0].form, Form::ShortForm);
        assert!(find("Nghị quyết 09/2019 của").is_empty());
        assert!(find("Nghị quyết 2 năm qua").is_empty());
    }

    #[test]
    fn ordinals_are_one_list() {
        assert_eq!(
            (ordinal("Mười Một"), ordinal("tư"), ordinal("12"), ordinal("mười bảy")),
            (Some(11), Some(4), Some(12), None)
        );
        // longest first: "mười một" is tried before "mười"
        let alt = ordinals();
        assert!(alt.find("mười một").unwrap_or(usize::MAX) < alt.find("|mười|").unwrap_or(0));
    }

    #[test]
    fn plenum_names() {
        let r = find("Sau 10 năm thực hiện Nghị quyết Trung ương 5 (khóa IX) về");
        assert_eq!((r[0].form, r[0].plenum, r[0].plenum_term.as_deref()), (Form::Plenum, Some(5), Some("IX")));
        let r = find("Nghị quyết TW4 khóa XII");
        assert_eq!((r[0].plenum, r[0].plenum_term.as_deref()), (Some(4), Some("XII")));
        let r = find("Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương khóa XII");
        assert_eq!((r[0].plenum, r[0].plenum_term.as_deref()), (Some(6), Some("XII")));
        let r = find("NQ TW4 về xây dựng Đảng");
        assert_eq!((r[0].plenum, r[0].plenum_term.as_deref()), (Some(4), None));
        let r = find("Nghị quyết Trung ương 4 (Khóa XI, XII)");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].plenum_term.as_deref(), Some("XII"));
        let r = find("Nghị quyết Hội nghị T.Ư 6, khóa XII (Nghị quyết số 21-NQ/TW)");
        assert_eq!(r.len(), 2);
    }
}
