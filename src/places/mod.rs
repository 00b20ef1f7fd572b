//! Which province a text, or one sentence of it, is about.
//!
//! Evidence, strongest first: the newspaper's web domain or byline (`(Baohatinh.vn)`, `ĐBP -`),
//! a committee or administrative unit named with its place (`Tỉnh ủy Ninh Bình`, `tỉnh Sơn La`,
//! `huyện Nậm Pồ` → Điện Biên through the gazetteer), then bare province names. A text whose best
//! province has too little evidence is national news and gets none.

use crate::tables::has_word;
use crate::tables::Tables;
use aho_corasick::{automaton::Automaton, dfa::DFA, AhoCorasick, AhoCorasickBuilder, Anchored, MatchKind, StartKind};
use once_cell::sync::Lazy;
use regex::Regex;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

/// What a matched name stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hit {
    /// A province alias (index into `names`).
    Province,
    /// A district unique to one province.
    District,
    /// The Party newspaper's name ("Báo Sơn La").
    Paper,
}

/// Compiled place-name patterns for one set of tables: one Aho-Corasick automaton over every
/// name, so a text is scanned once whatever the number of places.
pub struct ProvinceFinder {
    /// anchored: tried only where a word starts with a byte some name starts with (`first`)
    names: DFA,
    /// `first[byte]`: some name starts with this byte
    first: [bool; 256],
    /// `boundary[prev]`: a word may start after this byte (not a letter or digit; after a
    /// continuation byte the character is checked afterwards)
    boundary: [bool; 256],
    /// a superset of the word starts `first` and `boundary` allow, tested 16 bytes at a time
    starts: StartFilter,
    /// the names' first bytes, tried before stepping the automaton (whose table is too big for
    /// the cache)
    prefixes: Prefixes,
    /// per pattern: what it is, the province, the pattern text
    info: Vec<(Hit, String, String)>,
    domains: AhoCorasick,
    domain_info: Vec<(String, String)>,
    bylines: Regex,
    byline_of: HashMap<String, String>,
    /// The lexicon (committee and unit prefixes, company words).
    words: crate::tables::Words,
    /// One automaton for the committees of one place ("tỉnh ủy", "Thành uỷ") and the lexicon's
    /// local words, each as written mid-sentence and opening one; the first `committee_forms`
    /// patterns are the committees.
    local_forms: AhoCorasick,
    committee_forms: usize,
    /// The lexicon's citation words, as written mid-sentence and opening one.
    citation_forms: AhoCorasick,
}

/// A phrase as written mid-sentence and opening one ("toàn tỉnh", "Toàn tỉnh").
fn as_written(phrases: &[String]) -> Vec<String> {
    let capital = |p: &String| {
        let mut c = p.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect::<String>())
    };
    phrases.iter().flat_map(|p| std::iter::once(p.clone()).chain(capital(p))).collect()
}

/// ".vn" in any case: every newspaper domain has it
static VN: Lazy<AhoCorasick> =
    Lazy::new(|| AhoCorasickBuilder::new().ascii_case_insensitive(true).build([".vn"]).expect("literal automaton"));

static DEFAULT: Lazy<ProvinceFinder> = Lazy::new(|| ProvinceFinder::new(Tables::embedded()));

/// Does `s` end with the word(s) `w` (not inside a longer word)?
fn ends_with_word(s: &str, w: &str) -> bool {
    s.ends_with(w) && !s[..s.len() - w.len()].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// A bit set of the names' first 8 bytes (first 4 for names shorter than 8): a word whose first
/// bytes are not in it starts no name. About one word in twenty that begins like a name gets
/// past it (on news text), instead of every "Thủ tướng" for "Thủ Đức".
struct Prefixes {
    bits: Vec<u64>,
    /// some names are shorter than 8 bytes (tested by their first 4)
    short: bool,
    /// some name is shorter than 4 bytes: the set cannot tell, every word is stepped
    off: bool,
}

impl Prefixes {
    const BITS: usize = 1 << 16;

    fn hash(b: &[u8]) -> Option<usize> {
        let h = match b.len() {
            8 => u64::from_le_bytes(b.try_into().ok()?).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48,
            // the other half of the multiplier's range, so short and long prefixes seldom share bits
            4 => u64::from(u32::from_le_bytes(b.try_into().ok()?)).wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> 48,
            _ => return None,
        };
        Some(h as usize % Self::BITS)
    }

    fn new<'a>(names: impl Iterator<Item = &'a [u8]>) -> Prefixes {
        let mut p = Prefixes { bits: vec![0; Self::BITS / 64], short: false, off: false };
        for n in names {
            let k = if n.len() >= 8 { 8 } else { 4 };
            p.short |= k == 4;
            match Self::hash(n.get(..k).unwrap_or_default()) {
                Some(h) => p.bits[h / 64] |= 1 << (h % 64),
                None => p.off = true,
            }
        }
        p
    }

    fn has(&self, k: usize, b: &[u8]) -> bool {
        b.get(..k).and_then(Self::hash).is_some_and(|h| self.bits[h / 64] & (1 << (h % 64)) != 0)
    }

    /// Whether a name may start `b` (false only when none does).
    fn may_start(&self, b: &[u8]) -> bool {
        self.off || b.len() < 8 || self.has(8, b) || (self.short && self.has(4, b))
    }
}

/// A range of byte values as one signed comparison: `x` is in `lo..=hi` when
/// `(x + add) as i8 < bound` (the range shifted to start at -128).
#[derive(Debug, Clone, Copy)]
struct ByteRange {
    add: i8,
    bound: i8,
}

impl ByteRange {
    /// `lo..=hi`; "every byte" becomes 0..=0xFE, the same for UTF-8, which never has 0xFF.
    fn new(lo: u8, hi: u8) -> ByteRange {
        let (lo, hi) = if lo > hi { (0xFF, 0xFF) } else { (lo, hi.min(lo.saturating_add(0xFE))) };
        ByteRange { add: 0x80u8.wrapping_sub(lo) as i8, bound: 0x80u8.wrapping_add(hi - lo + 1) as i8 }
    }
}

/// Finds, 16 bytes at a time, the next byte that may start a name: a byte in the range of the
/// names' ASCII first bytes, or one of their lead bytes followed by a second (and for three-byte
/// characters a third) byte in the range those names have; after a byte that is no ASCII letter
/// or digit and no lead byte. Everything it passes is checked exactly afterwards: it only skips.
#[derive(Debug)]
struct StartFilter {
    /// the names' ASCII first bytes
    ascii: ByteRange,
    /// lead byte, range of the second byte, range of the third
    leads: Vec<(u8, ByteRange, ByteRange)>,
    /// the filter cannot express the names (a first byte that is neither ASCII nor a lead byte,
    /// or too many lead bytes): the caller goes byte by byte
    off: bool,
    /// the processor has AVX2: 32 bytes a step
    avx2: bool,
}

impl StartFilter {
    fn new<'a>(names: impl Iterator<Item = &'a [u8]>) -> StartFilter {
        let mut ascii = (u8::MAX, 0);
        // per lead byte: the range of the second byte and of the third
        let mut leads: BTreeMap<u8, [(u8, u8); 2]> = BTreeMap::new();
        let mut off = false;
        let widen = |r: &mut (u8, u8), b: u8| *r = (r.0.min(b), r.1.max(b));
        for n in names {
            match *n {
                [a, ..] if a.is_ascii() => widen(&mut ascii, a),
                [l, b1, ref rest @ ..] if l >= 0xC0 => {
                    let e = leads.entry(l).or_insert([(u8::MAX, 0); 2]);
                    widen(&mut e[0], b1);
                    // the third byte belongs to the first character only for three-byte ones
                    match rest.first() {
                        Some(&b2) if l >= 0xE0 => widen(&mut e[1], b2),
                        _ => e[1] = (0, u8::MAX),
                    }
                }
                _ => off = true,
            }
        }
        let leads: Vec<_> =
            leads.into_iter().map(|(l, [a, b])| (l, ByteRange::new(a.0, a.1), ByteRange::new(b.0, b.1))).collect();
        off |= leads.len() > 4;
        #[cfg(target_arch = "x86_64")]
        let avx2 = is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        StartFilter { ascii: ByteRange::new(ascii.0, ascii.1), leads, off, avx2 }
    }

    /// Calls `f` with every position of `b` that may start a name, in order (a superset: `f`
    /// checks each exactly).
    fn each(&self, b: &[u8], mut f: impl FnMut(usize)) {
        #[allow(unused_mut)]
        let mut from = 0;
        #[cfg(target_arch = "x86_64")]
        if !self.off && !b.is_empty() {
            f(0);
            from = 1;
            if self.avx2 {
                // SAFETY: `avx2` is set only where the processor has AVX2
                from = unsafe { avx2::each(self, b, &mut f) };
            }
            from = sse2::each(self, b, from, &mut f);
        }
        (from..b.len()).for_each(f);
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::{ByteRange, StartFilter};
    use std::arch::x86_64::*;

    /// A `ByteRange` as vectors.
    #[derive(Clone, Copy)]
    struct Range(__m128i, __m128i);

    impl Range {
        fn new(r: ByteRange) -> Range {
            // SAFETY: SSE2 is part of the x86_64 baseline
            unsafe { Range(_mm_set1_epi8(r.add), _mm_set1_epi8(r.bound)) }
        }

        /// Lanes of `x` in the range, as 0xFF.
        #[inline(always)]
        fn test(self, x: __m128i) -> __m128i {
            // SAFETY: SSE2 is part of the x86_64 baseline
            unsafe { _mm_cmplt_epi8(_mm_add_epi8(x, self.0), self.1) }
        }
    }

    /// Calls `each` with the positions from `i` (at least 1) on that the filter passes; returns
    /// where the caller goes on byte by byte (the last few bytes).
    pub(super) fn each(f: &StartFilter, b: &[u8], mut i: usize, each: &mut impl FnMut(usize)) -> usize {
        // the constants are made once a text, not once a block
        let letter = Range::new(ByteRange::new(b'a', b'z'));
        let digit = Range::new(ByteRange::new(b'0', b'9'));
        let lead = Range::new(ByteRange::new(0xC0, 0xFF));
        let ascii = Range::new(f.ascii);
        // SAFETY: SSE2 is part of the x86_64 baseline
        let (case, none) = unsafe { (_mm_set1_epi8(0x20), _mm_setzero_si128()) };
        let mut leads = [(none, ascii, ascii); 4];
        let n = f.leads.len().min(4);
        for (slot, &(l, r1, r2)) in leads.iter_mut().zip(&f.leads) {
            // SAFETY: as above
            *slot = (unsafe { _mm_set1_epi8(l as i8) }, Range::new(r1), Range::new(r2));
        }
        let leads = &leads[..n];
        // every round reads b[i - 1 .. i + 18]
        while i + 18 <= b.len() {
            // SAFETY: SSE2 is part of the x86_64 baseline; the loads stay inside `b` (checked above)
            let mask = unsafe {
                let at = |k: usize| _mm_loadu_si128(b.as_ptr().add(i + k - 1) as *const __m128i);
                let (prev, cur, n1, n2) = (at(0), at(1), at(2), at(3));
                let word = _mm_or_si128(
                    _mm_or_si128(letter.test(_mm_or_si128(prev, case)), digit.test(prev)),
                    lead.test(prev),
                );
                let mut start = ascii.test(cur);
                for &(l, r1, r2) in leads {
                    let m = _mm_and_si128(_mm_cmpeq_epi8(cur, l), _mm_and_si128(r1.test(n1), r2.test(n2)));
                    start = _mm_or_si128(start, m);
                }
                _mm_movemask_epi8(_mm_andnot_si128(word, start)) as u32
            };
            let mut m = mask;
            while m != 0 {
                each(i + m.trailing_zeros() as usize);
                m &= m - 1;
            }
            i += 16;
        }
        i
    }
}

/// `sse2`, 32 bytes a step.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::StartFilter;
    use std::arch::x86_64::*;

    /// Calls `each` with the positions from 1 on that the filter passes; returns where the
    /// caller goes on.
    ///
    /// # Safety
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn each(f: &StartFilter, b: &[u8], each: &mut impl FnMut(usize)) -> usize {
        // (x + add) < bound, as AVX2 compares only "greater than": bound > x + add
        let range = |lo: u8, hi: u8| {
            let r = super::ByteRange::new(lo, hi);
            (_mm256_set1_epi8(r.add), _mm256_set1_epi8(r.bound))
        };
        let (letter, digit, lead) = (range(b'a', b'z'), range(b'0', b'9'), range(0xC0, 0xFF));
        let ascii = (_mm256_set1_epi8(f.ascii.add), _mm256_set1_epi8(f.ascii.bound));
        let case = _mm256_set1_epi8(0x20);
        let none = _mm256_setzero_si256();
        let mut leads = [(none, ascii, ascii); 4];
        let n = f.leads.len().min(4);
        for (slot, &(l, r1, r2)) in leads.iter_mut().zip(&f.leads) {
            *slot = (
                _mm256_set1_epi8(l as i8),
                (_mm256_set1_epi8(r1.add), _mm256_set1_epi8(r1.bound)),
                (_mm256_set1_epi8(r2.add), _mm256_set1_epi8(r2.bound)),
            );
        }
        let leads = &leads[..n];
        let mut i = 1;
        // every round reads b[i - 1 .. i + 34]
        while i + 34 <= b.len() {
            // SAFETY: the loads stay inside `b` (checked above)
            let at = |k: usize| unsafe { _mm256_loadu_si256(b.as_ptr().add(i + k - 1) as *const __m256i) };
            let (prev, cur, n1, n2) = (at(0), at(1), at(2), at(3));
            let test = |x: __m256i, (add, bound): (__m256i, __m256i)| _mm256_cmpgt_epi8(bound, _mm256_add_epi8(x, add));
            let word = _mm256_or_si256(
                _mm256_or_si256(test(_mm256_or_si256(prev, case), letter), test(prev, digit)),
                test(prev, lead),
            );
            let mut start = test(cur, ascii);
            for &(l, r1, r2) in leads {
                let m = _mm256_and_si256(_mm256_cmpeq_epi8(cur, l), _mm256_and_si256(test(n1, r1), test(n2, r2)));
                start = _mm256_or_si256(start, m);
            }
            let mut m = _mm256_movemask_epi8(_mm256_andnot_si256(word, start)) as u32;
            while m != 0 {
                each(i + m.trailing_zeros() as usize);
                m &= m - 1;
            }
            i += 32;
        }
        i
    }
}

/// A place found in a text.
struct Place<'a> {
    province: &'a str,
    name: &'a str,
    hit: Hit,
    committee: bool,
    unit: bool,
    /// The end of a company's or a club's name ("Công ty Quốc Cường Gia Lai"), not the province.
    in_name: bool,
    /// Named in a person's title ("Phó Bí thư Tỉnh ủy Đắk Lắk"): people are introduced so in
    /// any news, so it is weak evidence of what the text is about.
    titled: bool,
    /// Where the name ends in the text.
    end: usize,
}

/// When the place ends a longer proper name — a capitalised word or two before it — that name
/// (`Quốc Cường Gia Lai`), and whether a company word opens it. Vietnamese news capitalise
/// institutions' names word by word too ("Công An TP HCM", "Cục Thuế Hà Nội"), which do name the
/// place: only a company's or a club's name is taken as not naming it.
fn proper_name_before(before: &str, company_words: &[String]) -> Option<(String, bool)> {
    let capital = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.clone().any(char::is_lowercase) && cs.all(char::is_alphabetic)
    };
    let words: Vec<&str> = before.split_whitespace().collect();
    let caps = words.iter().rev().take(2).take_while(|w| capital(w)).count();
    if caps == 0 {
        return None;
    }
    let name = words[words.len() - caps..].join(" ");
    let lead = words[..words.len() - caps].join(" ").to_lowercase();
    Some((name, company_words.iter().any(|c| lead.ends_with(c.as_str()))))
}

/// Every name a place is found by, with what it is and its province: districts, provinces by
/// their names, official names and capitalised aliases (also in capitals, as headings write
/// them), provincial papers, Huế; and each with old-style tone placement ("Khánh Hoà").
fn place_names(tables: &Tables) -> BTreeMap<String, (Hit, String)> {
    let mut info: BTreeMap<String, (Hit, String)> = BTreeMap::new();
    for p in &tables.provinces {
        for d in &tables.districts {
            if d.province == p.name {
                info.insert(d.name.clone(), (Hit::District, p.name.clone()));
            }
        }
    }
    for p in &tables.provinces {
        let mut names = vec![p.name.clone(), p.official.clone()];
        names.extend(p.aliases.iter().filter(|a| a.chars().any(char::is_uppercase) && a.chars().count() >= 4).cloned());
        for n in names {
            // "tỉnh Hà Giang" is written out by the unit prefix
            if n.starts_with("tỉnh ") || n.contains(" (") {
                continue;
            }
            // headings and letterheads write the name in capitals: "TỈNH SƠN LA"
            let upper = n.to_uppercase();
            if upper != n && upper.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                info.insert(upper, (Hit::Province, p.name.clone()));
            }
            info.insert(n, (Hit::Province, p.name.clone()));
        }
        for n in p.newspapers.iter().filter(|n| n.starts_with("Báo ")) {
            info.insert(n.clone(), (Hit::Paper, p.name.clone()));
        }
    }
    if let Some(hue) = tables.provinces.iter().find(|p| p.name == "Thừa Thiên Huế") {
        info.insert("Huế".into(), (Hit::Province, hue.name.clone()));
    }
    // the same names with old-style tone placement ("Khánh Hoà", "Bình Thuỷ"), for text that is
    // matched without normalising
    let old: Vec<(String, (Hit, String))> = info
        .iter()
        .filter_map(|(n, v)| {
            let o = crate::normalize::old_tones(n);
            (o != *n && !info.contains_key(&o)).then(|| (o, v.clone()))
        })
        .collect();
    info.extend(old);
    info
}

/// The bylines that name a province ("BHG - " heading a line, "(BHG)"), and whose each is.
fn bylines(tables: &Tables) -> Result<(Regex, HashMap<String, String>), String> {
    let mut byline_of = HashMap::new();
    for p in &tables.provinces {
        for b in &p.bylines {
            if !b.contains('.') && !b.contains(' ') {
                byline_of.insert(b.clone(), p.name.clone());
            }
        }
    }
    let mut byl: Vec<&String> = byline_of.keys().collect();
    byl.sort();
    let byl = byl.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
    let bylines = Regex::new(&format!(r"(?m)(?:^\s*(?P<a>{byl})\s*[-–]\s|\(\s*(?P<b>{byl})\s*\))"))
        .map_err(|e| format!("the newspaper bylines of the tables: {e}"))?;
    Ok((bylines, byline_of))
}

impl ProvinceFinder {
    /// The finder for the embedded tables.
    pub fn embedded() -> &'static ProvinceFinder {
        &DEFAULT
    }

    /// Builds the automata for `tables`.
    pub fn new(tables: &Tables) -> ProvinceFinder {
        ProvinceFinder::try_new(tables).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Builds the place automata for `tables`, or says which could not be built (a `--data`
    /// table can make one too large).
    pub fn try_new(tables: &Tables) -> Result<ProvinceFinder, String> {
        let info: Vec<(Hit, String, String)> = place_names(tables).into_iter().map(|(n, (h, p))| (h, p, n)).collect();
        let names = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(info.iter().map(|x| x.2.as_str()))
            .map_err(|e| format!("the place names of the tables: {e}"))?;
        let mut first = [false; 256];
        for x in &info {
            if let Some(&a) = x.2.as_bytes().first() {
                first[usize::from(a)] = true;
            }
        }
        let starts = StartFilter::new(info.iter().map(|x| x.2.as_bytes()));
        let prefixes = Prefixes::new(info.iter().map(|x| x.2.as_bytes()));
        let mut boundary = [false; 256];
        for (prev, x) in boundary.iter_mut().enumerate() {
            *x = match prev as u8 {
                c if c.is_ascii() => !c.is_ascii_alphanumeric(),
                0x80..=0xBF => true,
                _ => false,
            };
        }
        let domain_info: Vec<(String, String)> = tables
            .provinces
            .iter()
            .flat_map(|p| p.domains.iter().map(move |d| (d.to_lowercase(), p.name.clone())))
            .collect();
        let domains = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(domain_info.iter().map(|x| x.0.as_str()))
            .map_err(|e| format!("the newspaper domains of the tables: {e}"))?;
        let (bylines, byline_of) = bylines(tables)?;
        let words = tables.words.clone();
        // "tỉnh ủy" → "Tỉnh ủy": a committee of one place, written as its name
        let committees: Vec<String> = words
            .committee_prefixes
            .iter()
            .filter(|p| p.split(' ').count() == 2 && (p.ends_with(" ủy") || p.ends_with(" uỷ")))
            .flat_map(|p| as_written(std::slice::from_ref(p)))
            .collect();
        let committee_forms = committees.len();
        // leftmost-first: the automaton then searches with a SIMD prefilter (and any match does)
        let local_forms = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(committees.into_iter().chain(as_written(&words.local_words)))
            .map_err(|e| format!("the local words of the lexicon: {e}"))?;
        let citation_forms = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(as_written(&words.citation_words))
            .map_err(|e| format!("the citation words of the lexicon: {e}"))?;
        Ok(ProvinceFinder {
            names,
            first,
            boundary,
            starts,
            prefixes,
            info,
            domains,
            domain_info,
            bylines,
            byline_of,
            words,
            local_forms,
            committee_forms,
            citation_forms,
        })
    }

    /// The longest name starting at byte `at`, if it ends a word: (pattern, end).
    fn name_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        // stepping the anchored DFA by hand: most tries die within two bytes, and a search call
        // costs more than that
        let d = &self.names;
        let mut sid = d.start_state(Anchored::Yes).ok()?;
        let mut best = None;
        for (i, &c) in text.as_bytes()[at..].iter().enumerate() {
            sid = d.next_state(Anchored::Yes, sid, c);
            if d.is_special(sid) {
                if d.is_dead(sid) {
                    break;
                }
                if d.is_match(sid) {
                    best = Some((d.match_pattern(sid, 0).as_usize(), at + i + 1));
                }
            }
        }
        let (pattern, end) = best?;
        (text.is_char_boundary(end) && !text[end..].chars().next().is_some_and(char::is_alphanumeric))
            .then_some((pattern, end))
    }

    /// Every place name in `text` (whole words, longest first, not overlapping), with the words
    /// before it. Only word starts whose first byte begins some name are tried, so the scan is
    /// a table lookup a byte for most of the text.
    fn places<'s>(&'s self, text: &str) -> Vec<Place<'s>> {
        let mut out = Vec::new();
        let mut companies: std::collections::HashSet<String> = std::collections::HashSet::new();
        let b = text.as_bytes();
        // the first byte not inside a name already found
        let mut next = 0;
        self.starts.each(b, |at| {
            // two lookups in 256-entry tables (always in cache): a byte some name starts with,
            // after a byte that allows a word start
            let start = if at == 0 {
                self.first[usize::from(b[0])]
            } else {
                self.first[usize::from(b[at])] & self.boundary[usize::from(b[at - 1])]
            };
            if !start || at < next {
                return;
            }
            // a byte some name starts with is ASCII or a lead byte: a character boundary; the
            // names' first bytes rule out nearly every word before the slower letter test
            if !self.prefixes.may_start(&b[at..]) || (at > 0 && letter_before(text, at)) {
                return;
            }
            let Some((pattern, end)) = self.name_at(text, at) else { return };
            next = end;
            let (hit, province, name) = &self.info[pattern];
            // the words before, in any case: "Tỉnh Ủy Thừa Thiên Huế", "TỈNH SƠN LA"
            let lead = text[text.floor_char_boundary(at.saturating_sub(32))..at].trim_end().to_lowercase();
            // the lexicon's committee and unit prefixes, lower case
            let committee = self.words.committee_prefixes.iter().any(|p| ends_with_word(&lead, p));
            // an official name says its unit itself: "Tỉnh Sơn La", "TỈNH SƠN LA"
            let official = {
                let n = name.to_lowercase();
                n.starts_with("tỉnh ") || n.starts_with("thành phố ")
            };
            let unit = committee || official || self.words.unit_prefixes.iter().any(|p| ends_with_word(&lead, p));
            // a company's name once named with its company word is a company's name all along
            // ("CLB Công An TP HCM": a city named as a city is the city still)
            let in_name = !unit
                && !name.starts_with("TP")
                && match proper_name_before(
                    &text[text.floor_char_boundary(at.saturating_sub(64))..at],
                    &self.words.company_words,
                ) {
                    Some((chain, true)) => {
                        companies.insert(format!("{chain} {name}"));
                        true
                    }
                    Some((chain, false)) => companies.contains(&format!("{chain} {name}")),
                    None => false,
                };
            // a title before a committee or unit: its phrase runs back to the last punctuation
            // ("Hằng, Phó Bí thư Thường trực Thành ủy")
            let titled = unit && {
                let before = text[text.floor_char_boundary(at.saturating_sub(56))..at].to_lowercase();
                let phrase = before.rsplit([',', '.', ';', ':', '(', '\n']).next().unwrap_or_default();
                self.words.title_words.iter().any(|w| has_word(phrase, w))
            };
            out.push(Place { province, name, hit: *hit, committee, unit, in_name, titled, end });
        });
        out
    }

    /// The province of a place name: a province alias, or a district unique to one province.
    pub fn province_of_name(&self, name: &str) -> Option<&str> {
        let (pattern, _) = self.name_at(name, 0).filter(|m| m.1 == name.len())?;
        Some(self.info[pattern].1.as_str())
    }

    /// The province a committee or unit in `sentence` names (`Tỉnh ủy Ninh Bình`, `huyện Vân Hồ`);
    /// a committee or unit named with its place wins over a bare province name.
    pub fn named_in(&self, sentence: &str) -> Option<String> {
        let places = self.places(sentence);
        let strong = places.iter().find(|p| p.hit != Hit::Paper && (p.unit || p.name.starts_with("TP")));
        let bare = places.iter().find(|p| p.hit == Hit::Province && p.name != "Hồ Chí Minh" && !p.in_name);
        strong.or(bare).map(|p| p.province.to_string())
    }

    /// Newspaper evidence only: a domain, byline or the Party paper's name. Returns the province
    /// and the newspaper as written.
    pub fn newspaper(&self, text: &str) -> Option<(String, String)> {
        self.newspaper_with(text, &self.places(text))
    }

    fn newspaper_with(&self, text: &str, places: &[Place]) -> Option<(String, String)> {
        // every domain is a .vn one: the automaton runs only where ".vn" is written
        let b = text.as_bytes();
        if let Some(m) = VN.is_match(b).then(|| self.domains.find(text)).flatten() {
            let (d, p) = &self.domain_info[m.pattern().as_usize()];
            return Some((p.clone(), d.clone()));
        }
        let head = &text[..text.floor_char_boundary(4000)];
        let byline = self.byline_written(head);
        if let Some(c) = byline.then(|| self.bylines.captures(head)).flatten() {
            let b = c.name("a").or(c.name("b"))?.as_str();
            return self.byline_of.get(b).map(|p| (p.clone(), b.to_string()));
        }
        places.iter().find(|p| p.hit == Hit::Paper).map(|p| (p.province.to_string(), p.name.to_string()))
    }

    /// Whether a byline may start a line of `head` or follow a "(": where the byline regex
    /// can match (a lazy DFA over every head cost more than the rest of the newspaper search).
    fn byline_written(&self, head: &str) -> bool {
        if self.byline_of.is_empty() {
            return false;
        }
        let starts = std::iter::once(0).chain(memchr::memchr2_iter(b'\n', b'(', head.as_bytes()).map(|i| i + 1));
        starts.map(|i| head[i..].trim_start()).any(|rest| self.byline_of.keys().any(|k| rest.starts_with(k.as_str())))
    }

    /// The province the whole text is about (`None` for national news) and the newspaper named.
    pub fn document_place(&self, text: &str) -> (Option<String>, Option<String>) {
        let places = self.places(text);
        let paper = self.newspaper_with(text, &places);
        let local = OnceCell::new();
        let ranked = self.scores_with(text, places, paper.as_ref().map(|p| p.0.as_str()), &local);
        (self.decide(text, &ranked, &local), paper.map(|p| p.1))
    }

    /// The province the whole text is about, or `None` for national news.
    pub fn document_province(&self, text: &str) -> Option<String> {
        self.document_place(text).0
    }

    /// [`decide`], and Hà Nội or Hồ Chí Minh City named alone as a committee or unit in a text
    /// that speaks of its own place ("Ban Thường vụ Thành ủy", "toàn thành phố"): national news
    /// names the two cities all the time, local news of them does so and more.
    fn decide(&self, text: &str, ranked: &[(String, f32)], local: &OnceCell<bool>) -> Option<String> {
        decide(ranked).or_else(|| match ranked {
            [(best, s)] if *s >= SINGLE && self.local(text, local) => Some(best.clone()),
            _ => None,
        })
    }

    /// [`Self::speaks_locally`], read at most once a text (the paper's score and the two
    /// cities may both ask).
    fn local(&self, text: &str, cell: &OnceCell<bool>) -> bool {
        *cell.get_or_init(|| self.speaks_locally(text))
    }

    /// Whether `text` speaks of a place of its own without naming it: a committee written as a
    /// proper name with no place after it ("Ban Thường vụ Tỉnh ủy về …", "Thành ủy, HĐND và
    /// UBND"), unless generic ("các Tỉnh ủy, Thành ủy"), or a `local_word` of the lexicon
    /// ("toàn tỉnh", "tỉnh ta"). Read only where it decides: it looks at the whole text.
    fn speaks_locally(&self, text: &str) -> bool {
        let committee = |i: usize, name: &str| {
            let before = text[text.floor_char_boundary(i.saturating_sub(24))..i].to_lowercase();
            let after = &text[i + name.len()..];
            let next = after.trim_start_matches([' ', '\u{a0}', '_']);
            let generic = self.words.plural_words.iter().any(|w| ends_with_word(before.trim_end(), w))
                // one of a list of committees: "tỉnh ủy, Thành ủy", "Thành ủy, huyện ủy"
                || before.trim_end().ends_with("ủy,")
                || before.trim_end().ends_with("uỷ,")
                || next.strip_prefix(',').is_some_and(|rest| {
                    let rest = rest.trim_start().to_lowercase();
                    self.words.committee_prefixes.iter().any(|p| rest.starts_with(p.as_str()))
                });
            let named = next.chars().next().is_some_and(char::is_uppercase);
            let in_word = after.chars().next().is_some_and(char::is_alphanumeric);
            !(generic || named || in_word || (i > 0 && letter_before(text, i)))
        };
        let word_end = |end: usize| !text[end..].chars().next().is_some_and(char::is_alphanumeric);
        self.local_forms.find_iter(text).any(|m| {
            let (i, name) = (m.start(), &text[m.range()]);
            if m.pattern().as_usize() < self.committee_forms {
                committee(i, name)
            } else {
                word_end(m.end()) && (i == 0 || !letter_before(text, i))
            }
        })
    }

    /// The place a text's first line opens with before a colon, as news headlines name where
    /// they happen ("Hà Nội: Những con đường …", "TP HCM: Doanh nghiệp …"); "Hồ Chí Minh:"
    /// alone opens a quotation of the man.
    fn headline_place(&self, text: &str) -> Option<&str> {
        let first = text.trim_start().lines().next()?;
        let place = first.split_once(':')?.0.trim();
        (place.len() <= 32 && place != "Hồ Chí Minh").then(|| self.province_of_name(place)).flatten()
    }

    /// Whether a bibliographic entry ends shortly after byte `end` (a place just before
    /// "Truy cập ngày …" names a source's publisher, not what the text is about).
    fn cited_publisher(&self, text: &str, end: usize) -> bool {
        self.citation_forms.is_match(&text[end..text.floor_char_boundary(end + 120)])
    }

    /// Every province with evidence in `text`, strongest first, with its score.
    pub fn province_scores(&self, text: &str) -> Vec<(String, f32)> {
        let places = self.places(text);
        let paper = self.newspaper_with(text, &places).map(|p| p.0);
        self.scores_with(text, places, paper.as_deref(), &OnceCell::new())
    }

    fn scores_with(
        &self,
        text: &str,
        places: Vec<Place>,
        paper: Option<&str>,
        local: &OnceCell<bool>,
    ) -> Vec<(String, f32)> {
        let mut score: BTreeMap<String, f32> = BTreeMap::new();
        for pl in places {
            // "Hồ Chí Minh" alone is mostly the person (tư tưởng Hồ Chí Minh); TP.HCM is the city
            let city_alias =
                pl.name.starts_with("TP") || pl.name.starts_with("Thủ đô") || pl.name.starts_with("Thành phố");
            let mut w = match pl.hit {
                Hit::Paper => 0.0,
                _ if pl.in_name => 0.0,
                _ if pl.titled => 1.0,
                _ if city_alias => 3.0,
                Hit::Province if pl.committee => 4.0,
                Hit::Province if pl.unit => 3.0,
                Hit::Province if pl.province == "Hồ Chí Minh" => 0.0,
                Hit::Province => 1.0,
                Hit::District if pl.committee => 3.0,
                Hit::District if pl.unit => 2.0,
                Hit::District => 0.0,
            };
            // a place just before "Truy cập ngày …" is a source's publisher: looked at only
            // where the place would count
            if w > 0.0 && self.cited_publisher(text, pl.end) {
                w = 0.0;
            }
            *score.entry(pl.province.to_string()).or_default() += w;
        }
        // a document header's place and date: "Bến Tre, ngày 27 tháng 7 năm 2010"
        let head = &text[..text.floor_char_boundary(4000)];
        for place in header_places(head) {
            // "Hà Nội, ngày …" heads every central document: it says nothing of the province
            if let Some(p) = self.province_of_name(place).filter(|p| *p != "Hà Nội") {
                *score.entry(p.to_string()).or_default() += 8.0;
            }
        }
        // a headline that opens with its place: "Kiên Giang: nhân dân …", "TP HCM: …"
        if let Some(p) = self.headline_place(text) {
            *score.entry(p.to_string()).or_default() += 6.0;
        }
        // numbered urban districts exist only in Hồ Chí Minh City ("Quận 3", "quận 8", "Q.1")
        let numbered = numbered_districts(text);
        if numbered > 0 {
            *score.entry("Hồ Chí Minh".into()).or_default() += 2.0 * numbered as f32;
        }
        // a provincial paper prints national news too: its domain or byline says where the
        // paper is, and counts for a text that speaks of that place or of a place of its own
        if let Some(p) = paper {
            let own = score.get(p).is_some_and(|s| *s > 0.0) || self.local(text, local);
            if own {
                *score.entry(p.to_string()).or_default() += 10.0;
            }
        }
        let mut ranked: Vec<(String, f32)> = score.into_iter().filter(|x| x.1 > 0.0).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}

/// Whether the character before byte `at` (a character boundary) is a letter or digit; the
/// Vietnamese letters are decided by their ranges before the general Unicode lookup.
fn letter_before(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let p = b[at - 1];
    if p.is_ascii() {
        return p.is_ascii_alphanumeric();
    }
    // the usual case, a Vietnamese letter inside a word (U+00C0–U+01BF: C3–C6; U+1Exx: E1 BA/BB)
    if at >= 2 && (0xC3..=0xC6).contains(&b[at - 2]) {
        return !(b[at - 2] == 0xC3 && (p == 0x97 || p == 0xB7));
    }
    if at >= 3 && b[at - 3] == 0xE1 && (b[at - 2] == 0xBA || b[at - 2] == 0xBB) {
        return true;
    }
    match text[..at].chars().next_back() {
        Some(c @ ('\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')) => c != '\u{00D7}' && c != '\u{00F7}',
        Some(c) => c.is_alphanumeric(),
        None => false,
    }
}

/// The places of dated document headers in `head`: "Bến Tre, ngày 27 tháng 7 năm 2010" — a line
/// that starts with a capitalised name of 2 to 31 letters, spaces, dots or hyphens, then a comma,
/// "ngày", a day of one or two digits and "tháng". Found from each "ngày" (a hand-written test:
/// a Unicode regex here cost more than everything else in reading ordinary news).
fn header_places(head: &str) -> impl Iterator<Item = &str> {
    static NGAY: Lazy<memchr::memmem::Finder> = Lazy::new(|| memchr::memmem::Finder::new("ngày"));
    NGAY.find_iter(head.as_bytes()).filter_map(move |i| {
        let before = head[..i].trim_end().strip_suffix(',')?;
        let place = before[before.rfind('\n').map_or(0, |n| n + 1)..].trim_start();
        let n = place.chars().count();
        let ok = place.chars().next().is_some_and(char::is_uppercase)
            && (2..=31).contains(&n)
            && place.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-'));
        let after = &head[i + "ngày".len()..];
        let day = after.trim_start();
        let digits = day.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &day[digits..];
        let month = rest.trim_start();
        let dated = day.len() < after.len()
            && (1..=2).contains(&digits)
            && month.len() < rest.len()
            && month.starts_with("tháng");
        (ok && dated).then(|| place.trim())
    })
}

/// How many numbered urban districts `text` names: "Quận 3", "quận 8", "Q.1", "Q. 10" (a number
/// of one or two digits, ASCII word boundaries around).
fn numbered_districts(text: &str) -> usize {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let boundary_before = |i: usize| i == 0 || !word(b[i - 1]);
    // after the marker: spaces (at least one when `spaced`), one or two digits, then no word byte
    let digits_after = |mut j: usize, spaced: bool, max_spaces: usize| {
        let from = j;
        while j < b.len() && b[j].is_ascii_whitespace() && j - from < max_spaces {
            j += 1;
        }
        if spaced && j == from {
            return false;
        }
        let d = b[j.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        (1..=2).contains(&d) && !b.get(j + d).is_some_and(|&c| word(c))
    };
    // one pass over the rare letter both forms start with
    memchr::memchr2_iter(b'Q', b'q', b)
        .filter(|&i| boundary_before(i))
        .filter(|&i| {
            let quan = b[i + 1..].starts_with("uận".as_bytes()) && digits_after(i + 1 + "uận".len(), true, usize::MAX);
            quan || (b[i] == b'Q' && b.get(i + 1) == Some(&b'.') && digits_after(i + 2, false, 1))
        })
        .count()
}

/// The best province when its evidence is strong enough and well ahead of the next.
fn decide(ranked: &[(String, f32)]) -> Option<String> {
    let (best, s) = ranked.first()?.clone();
    let second = ranked.get(1).map_or(0.0, |x| x.1);
    // strong evidence that outweighs the rest, or a province named with its committee or as a unit
    // ("tỉnh Bến Tre", "TỈNH SƠN LA") in a text that names no other
    // Hà Nội and Hồ Chí Minh City are named in national news all the time: they need more
    let alone = second == 0.0 && s >= SINGLE && best != "Hà Nội" && best != "Hồ Chí Minh";
    (alone || (s >= 6.0 && s >= 2.0 * second)).then_some(best)
}

/// The score a province needs when no other is named.
const SINGLE: f32 = 3.0;

#[cfg(test)]
mod tests {
    use super::*;

    fn pf() -> &'static ProvinceFinder {
        ProvinceFinder::embedded()
    }

    #[test]
    fn a_province_ending_a_company_name_is_not_the_province() {
        // a city committee named twice, and a company named after another province many times
        let text = "Thành ủy TP HCM yêu cầu hủy hợp đồng tại huyện Nhà Bè. Công ty cổ phần Hoàng Anh Gia Lai \
                    nhận đất; Hoàng Anh Gia Lai trả tiền, Hoàng Anh Gia Lai bán lại. Thành ủy TP HCM chỉ đạo.";
        assert_eq!(pf().document_province(text).as_deref(), Some("Hồ Chí Minh"));
        assert_eq!(pf().named_in("Công ty Đức Long Gia Lai ký hợp đồng."), None);
        // institutions capitalised word by word do name their place
        assert_eq!(pf().named_in("Cục Thuế Gia Lai đã thu đủ.").as_deref(), Some("Gia Lai"));
        assert_eq!(pf().named_in("Đoàn công tác Trung ương làm việc tại Gia Lai.").as_deref(), Some("Gia Lai"));
        let company = &Tables::embedded().words.company_words;
        assert_eq!(proper_name_before("Công ty Hoàng Anh ", company), Some(("Hoàng Anh".into(), true)));
        assert_eq!(proper_name_before("UBND tỉnh ", company), None);
        assert_eq!(proper_name_before("Sở Tài chính ", company), None);
    }

    /// Texts made of names, common words and punctuation glued in every way, from a fixed seed.
    fn mixed_texts() -> Vec<String> {
        let f = pf();
        let names: Vec<&str> = f.info.iter().map(|x| x.2.as_str()).collect();
        let glue =
            [" ", "", "“", "”", "(", ")", "-", "\n", ", ", ".", "đ", "ướ", "Thủ tướng ", "ở ", "Ứng", "_", "A", "9"];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        (0..3000)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..next(12) {
                    t.push_str(glue[next(glue.len())]);
                    t.push_str(names[next(names.len())]);
                }
                t.push_str(glue[next(glue.len())]);
                t
            })
            .collect()
    }

    #[test]
    fn start_filter_passes_every_name_start() {
        let f = pf();
        // the vector widths this machine has, and bytes one by one
        let mut filters = vec![StartFilter::new(f.info.iter().map(|x| x.2.as_bytes()))];
        filters.push(StartFilter { avx2: false, ..StartFilter::new(f.info.iter().map(|x| x.2.as_bytes())) });
        filters.push(StartFilter { off: true, ..StartFilter::new(f.info.iter().map(|x| x.2.as_bytes())) });
        for (t, starts) in mixed_texts().iter().flat_map(|t| filters.iter().map(move |s| (t, s))) {
            let b = t.as_bytes();
            let mut passed = Vec::new();
            starts.each(b, |p| passed.push(p));
            for p in (0..b.len()).filter(|&p| t.is_char_boundary(p)) {
                let start = f.first[usize::from(b[p])] && (p == 0 || f.boundary[usize::from(b[p - 1])]);
                if start && f.name_at(t, p).is_some() {
                    assert!(passed.binary_search(&p).is_ok(), "{t:?} at {p}");
                }
            }
        }
    }

    #[test]
    fn prefixes_pass_every_name() {
        let f = pf();
        for x in &f.info {
            assert!(f.prefixes.may_start(format!("{} và", x.2).as_bytes()), "{}", x.2);
        }
        assert!(!f.prefixes.may_start("Thủ tướng Chính phủ".as_bytes()));
    }

    #[test]
    fn byline_and_domain() {
        let p = |t: &str| pf().document_province(t);
        assert_eq!(p("Tiêu đề\n\n(Baohatinh.vn) - Sau 15 năm, Tỉnh ủy đã sơ kết").as_deref(), Some("Hà Tĩnh"));
        assert_eq!(p("Tiêu đề\nĐBP - Xác định chi bộ là nền tảng, toàn tỉnh đã").as_deref(), Some("Điện Biên"));
        assert_eq!(p("(BLC) - Sau 10 năm, tỉnh ta đã hoàn thành").as_deref(), Some("Lai Châu"));
    }

    #[test]
    fn a_provincial_paper_prints_national_news_too() {
        let p = |t: &str| pf().document_province(t);
        // the byline alone: the paper is of Nghệ An, the news is of the Politburo
        let national = "Tiêu đề\n\n(Baonghean.vn) - Bộ Chính trị vừa ban hành Quy định số 9-QĐ/TW về đảng viên.";
        assert_eq!(p(national), None);
        // a committee of its own, unnamed, or a place of the paper's province: local news
        let own = "Tiêu đề\n\n(Baonghean.vn) - Ban Thường vụ Tỉnh ủy vừa ban hành Kế hoạch số 9-KH/TU.";
        assert_eq!(p(own).as_deref(), Some("Nghệ An"));
        let place = "Tiêu đề\n\n(Baonghean.vn) - Người dân huyện Quỳ Hợp đón nhận Quy định số 9-QĐ/TW.";
        assert_eq!(p(place).as_deref(), Some("Nghệ An"));
        // committees named in general are no committee of its own
        let generic = "Tiêu đề\n\n(Baonghean.vn) - Bộ Chính trị yêu cầu các tỉnh ủy, thành ủy quán triệt Quy định.";
        assert_eq!(p(generic), None);
        let listed = "Tiêu đề\n\n(Baonghean.vn) - Bộ Chính trị yêu cầu Tỉnh ủy, Thành ủy, Đảng ủy khối quán triệt.";
        assert_eq!(p(listed), None);
    }

    #[test]
    fn the_two_big_cities_named_once_in_local_news() {
        let p = |t: &str| pf().document_province(t);
        let unit = "Quyết định của UBND thành phố Hà Nội về thực hiện Chương trình hành động";
        // national news names Hà Nội all the time
        assert_eq!(p(&format!("{unit} của Chính phủ.")), None);
        // "Ban Thường vụ Thành ủy", unnamed, is the city's own committee: local news
        assert_eq!(p(&format!("{unit} số 06-CTr/TU của Ban Thường vụ Thành ủy.")).as_deref(), Some("Hà Nội"));
        assert_eq!(p(&format!("{unit}. Toàn thành phố có 30 quận, huyện.")).as_deref(), Some("Hà Nội"));
        assert_eq!(p(&format!("{unit} của Bộ Chính trị gửi các thành ủy.")), None);
    }

    #[test]
    fn a_headline_opening_with_its_place() {
        let p = |t: &str| pf().document_province(t);
        assert_eq!(p("Phú Yên: 10 ngày mất sóng truyền hình\nNgười dân phản ánh.").as_deref(), Some("Phú Yên"));
        assert_eq!(p("TP.HCM: Bắt một đường dây\nCông an cho biết.").as_deref(), Some("Hồ Chí Minh"));
        assert_eq!(p("Đà Lạt: Hồ cạn trơ đáy\nMùa khô năm nay.").as_deref(), Some("Lâm Đồng"));
        // a quotation, and a place later in the line, are no headline place
        assert_eq!(p("Hồ Chí Minh: Không có gì quý hơn độc lập, tự do\nBài viết."), None);
        assert_eq!(p("Mất sóng truyền hình ở Phú Yên: người dân bức xúc\nBài viết."), None);
    }

    #[test]
    fn a_place_in_a_citation_is_the_publisher() {
        let entry = "\"Kết luận số 9-KL/TW\". *Cổng thông tin tỉnh Nam Định*. ngày 2 tháng 1 năm 2025. Truy cập ngày 3 tháng 1 năm 2025.\n";
        let text = format!("Bộ Chính trị ban hành Kết luận số 9-KL/TW.\n\nTham khảo\n{entry}{entry}");
        assert_eq!(pf().document_province(&text), None);
        // the same portal named in the text, not as a source
        let named = "Cổng thông tin tỉnh Nam Định đăng Kết luận số 9-KL/TW. Tỉnh Nam Định triển khai ngay.";
        assert_eq!(pf().document_province(named).as_deref(), Some("Nam Định"));
    }

    #[test]
    fn a_place_in_a_persons_title_is_weak_evidence() {
        let p = |t: &str| pf().document_province(t);
        let titled = "Bộ Chính trị thi hành kỷ luật ông Trần Văn B, Phó Bí thư Tỉnh ủy Đắk Lắk. \
                      Ông Trần Văn B, Phó Bí thư Tỉnh ủy Đắk Lắk, đã vi phạm Quy định của Đảng.";
        assert_eq!(p(titled), None);
        let acting = "Tỉnh ủy Đắk Lắk ban hành Kế hoạch số 5-KH/TU. Tỉnh ủy Đắk Lắk yêu cầu các huyện ủy thực hiện.";
        assert_eq!(p(acting).as_deref(), Some("Đắk Lắk"));
    }

    #[test]
    fn districts_point_to_their_province() {
        let t = "Huyện ủy Nậm Pồ họp. Bí thư Huyện ủy Nậm Pồ cho biết.";
        assert_eq!(pf().document_province(t).as_deref(), Some("Điện Biên"));
        assert_eq!(pf().named_in("chi bộ bản Chiềng Nưa, huyện Vân Hồ").as_deref(), Some("Sơn La"));
    }

    #[test]
    fn committees_named() {
        assert_eq!(pf().named_in("năm 2008, Tỉnh ủy Ninh Bình đã ban hành").as_deref(), Some("Ninh Bình"));
        assert_eq!(pf().document_province("Tỉnh ủy Thanh Hóa chỉ đạo; tỉnh Thanh Hóa").as_deref(), Some("Thanh Hóa"));
    }

    #[test]
    fn old_tone_spellings_and_quotes() {
        // text that is not normalised keeps "uỷ" and "Hoà"
        let t = "Thành uỷ Khánh Hoà họp. Tỉnh Khánh Hoà và “Thành ủy Nha Trang”.";
        assert_eq!(pf().document_province(t).as_deref(), Some("Khánh Hòa"));
        assert_eq!(pf().named_in("theo “huyện Vân Hồ” cho biết").as_deref(), Some("Sơn La"));
        // inside a word, no name
        assert_eq!(pf().named_in("xyzHà Nội"), None);
    }

    #[test]
    fn dated_headers_name_their_place() {
        let head = "TỈNH ỦY BẾN TRE\n  Bến Tre, ngày 27 tháng 7 năm 2010\nHà Nội,ngày 5 tháng 1\nSố 5, ngày 12/3\nx, ngày 1 tháng 2";
        assert_eq!(header_places(head).collect::<Vec<_>>(), ["Bến Tre", "Hà Nội"]);
        assert_eq!(pf().document_province(head).as_deref(), Some("Bến Tre"));
    }

    #[test]
    fn numbered_districts_are_counted() {
        assert_eq!(numbered_districts("Quận 3, quận 10 và Q.1, Q. 5; Quận 123 và Quận Ba Đình, XQuận 4"), 4);
    }

    #[test]
    fn national_news_has_none() {
        assert_eq!(pf().document_province("Bộ Chính trị ban hành Chỉ thị. Đoàn công tác làm việc tại Hà Nội."), None);
    }
}
