//! Which province a text, or one sentence of it, is about.
//!
//! Evidence, strongest first: the newspaper's web domain or byline (`(Baohatinh.vn)`, `ĐBP -`),
//! a committee or administrative unit named with its place (`Tỉnh ủy Ninh Bình`, `tỉnh Sơn La`,
//! `huyện Nậm Pồ` → Điện Biên through the gazetteer), then bare province names. A text whose best
//! province has too little evidence is national news and gets none.

use crate::data::Tables;
use aho_corasick::{automaton::Automaton, dfa::DFA, AhoCorasick, AhoCorasickBuilder, Anchored, MatchKind, StartKind};
use once_cell::sync::Lazy;
use regex::Regex;
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
    /// `pairs[b0 << 8 | b1]`: some name starts with these two bytes
    pairs: Vec<bool>,
    /// per pattern: what it is, the province, the pattern text
    info: Vec<(Hit, String, String)>,
    domains: AhoCorasick,
    domain_info: Vec<(String, String)>,
    bylines: Regex,
    byline_of: HashMap<String, String>,
}

static DEFAULT: Lazy<ProvinceFinder> = Lazy::new(|| ProvinceFinder::new(Tables::embedded()));

/// Words before a place name that make it a committee or unit (stronger evidence); the first
/// group names a Party committee.
/// Old-style tone placement ("uỷ") is listed too: place names are matched in text that may not
/// have been normalised (most news cites nothing and is not).
const COMMITTEE_PREFIX: &[&str] = &[
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Tỉnh uỷ",
    "Thành uỷ",
    "Huyện uỷ",
    "Quận uỷ",
    "Thị uỷ",
    "Đảng bộ tỉnh",
    "Đảng bộ thành phố",
    "Đảng bộ huyện",
];
const UNIT_PREFIX: &[&str] = &[
    "UBND tỉnh",
    "UBND thành phố",
    "UBND huyện",
    "HĐND tỉnh",
    "tỉnh",
    "Tỉnh",
    "thành phố",
    "Thành phố",
    "TP.",
    "TP",
    "Tp.",
    "Tp",
    "huyện",
    "Huyện",
    "quận",
    "Quận",
    "thị xã",
    "Thị xã",
    "TX.",
    "TX",
];

/// A place found in a text.
struct Place<'a> {
    province: &'a str,
    name: &'a str,
    hit: Hit,
    committee: bool,
    unit: bool,
}

impl ProvinceFinder {
    /// The finder for the embedded tables.
    pub fn embedded() -> &'static ProvinceFinder {
        &DEFAULT
    }

    /// Builds the automata for `tables`.
    pub fn new(tables: &Tables) -> ProvinceFinder {
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
            names.extend(
                p.aliases.iter().filter(|a| a.chars().any(char::is_uppercase) && a.chars().count() >= 4).cloned(),
            );
            for n in names {
                // "tỉnh Hà Giang" is written out by the unit prefix
                if n.starts_with("tỉnh ") || n.contains(" (") {
                    continue;
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
        let info: Vec<(Hit, String, String)> = info.into_iter().map(|(n, (h, p))| (h, p, n)).collect();
        let names = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(info.iter().map(|x| x.2.as_str()))
            .expect("place automaton");
        let mut first = [false; 256];
        let mut pairs = vec![false; 1 << 16];
        for x in &info {
            if let [a, rest @ ..] = x.2.as_bytes() {
                first[usize::from(*a)] = true;
                if let Some(b) = rest.first() {
                    pairs[usize::from(*a) << 8 | usize::from(*b)] = true;
                }
            }
        }
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
            .expect("domain automaton");
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
        let bylines =
            Regex::new(&format!(r"(?m)(?:^\s*(?P<a>{byl})\s*[-–]\s|\(\s*(?P<b>{byl})\s*\))")).expect("byline regex");
        ProvinceFinder { names, first, boundary, pairs, info, domains, domain_info, bylines, byline_of }
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
        let b = text.as_bytes();
        let mut at = 0;
        while at < b.len() {
            // two lookups a byte in 256-entry tables (always in cache): a byte some name starts
            // with, after a byte that allows a word start
            let cand = if at == 0 && self.first[usize::from(b[0])] {
                Some(0)
            } else {
                b[at.max(1)..]
                    .iter()
                    .zip(&b[at.max(1) - 1..])
                    .position(|(&c, &p)| self.first[usize::from(c)] & self.boundary[usize::from(p)])
                    .map(|k| at.max(1) + k)
            };
            let Some(cand) = cand else { break };
            at = cand;
            // a byte some name starts with is ASCII or a lead byte: a character boundary
            let pair = b.get(at + 1).is_some_and(|&n| self.pairs[usize::from(b[at]) << 8 | usize::from(n)]);
            let found = if !pair || (at > 0 && letter_before(text, at)) { None } else { self.name_at(text, at) };
            let Some((pattern, end)) = found else {
                at += 1;
                continue;
            };
            let start = at;
            at = end;
            let before = &text[..start];
            let (hit, province, name) = &self.info[pattern];
            let lead = before.trim_end();
            let committee = COMMITTEE_PREFIX.iter().any(|p| lead.ends_with(p));
            let unit = committee || UNIT_PREFIX.iter().any(|p| lead.ends_with(p));
            out.push(Place { province, name, hit: *hit, committee, unit });
        }
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
        let bare = places.iter().find(|p| p.hit == Hit::Province && p.name != "Hồ Chí Minh");
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
        let vn =
            memchr::memchr_iter(b'.', b).any(|i| b.get(i + 1..i + 3).is_some_and(|x| x.eq_ignore_ascii_case(b"vn")));
        if let Some(m) = vn.then(|| self.domains.find(text)).flatten() {
            let (d, p) = &self.domain_info[m.pattern().as_usize()];
            return Some((p.clone(), d.clone()));
        }
        let head = &text[..floor(text, 4000)];
        let byline = self.byline_of.keys().any(|b| head.contains(b.as_str()));
        if let Some(c) = byline.then(|| self.bylines.captures(head)).flatten() {
            let b = c.name("a").or(c.name("b"))?.as_str();
            return self.byline_of.get(b).map(|p| (p.clone(), b.to_string()));
        }
        places.iter().find(|p| p.hit == Hit::Paper).map(|p| (p.province.to_string(), p.name.to_string()))
    }

    /// The province the whole text is about (`None` for national news) and the newspaper named.
    pub fn document_place(&self, text: &str) -> (Option<String>, Option<String>) {
        let places = self.places(text);
        let paper = self.newspaper_with(text, &places);
        let ranked = self.scores_with(text, places, paper.as_ref().map(|p| p.0.as_str()));
        (decide(&ranked), paper.map(|p| p.1))
    }

    /// The province the whole text is about, or `None` for national news.
    pub fn document_province(&self, text: &str) -> Option<String> {
        decide(&self.province_scores(text))
    }

    /// Every province with evidence in `text`, strongest first, with its score.
    pub fn province_scores(&self, text: &str) -> Vec<(String, f32)> {
        let places = self.places(text);
        let paper = self.newspaper_with(text, &places).map(|p| p.0);
        self.scores_with(text, places, paper.as_deref())
    }

    fn scores_with(&self, text: &str, places: Vec<Place>, paper: Option<&str>) -> Vec<(String, f32)> {
        let mut score: BTreeMap<String, f32> = BTreeMap::new();
        if let Some(p) = paper {
            *score.entry(p.to_string()).or_default() += 10.0;
        }
        for pl in places {
            // "Hồ Chí Minh" alone is mostly the person (tư tưởng Hồ Chí Minh); TP.HCM is the city
            let city_alias =
                pl.name.starts_with("TP") || pl.name.starts_with("Thủ đô") || pl.name.starts_with("Thành phố");
            let w = match pl.hit {
                Hit::Paper => 0.0,
                _ if city_alias => 3.0,
                Hit::Province if pl.committee => 4.0,
                Hit::Province if pl.unit => 3.0,
                Hit::Province if pl.province == "Hồ Chí Minh" => 0.0,
                Hit::Province => 1.0,
                Hit::District if pl.committee => 3.0,
                Hit::District if pl.unit => 2.0,
                Hit::District => 0.0,
            };
            *score.entry(pl.province.to_string()).or_default() += w;
        }
        // a document header's place and date: "Bến Tre, ngày 27 tháng 7 năm 2010"
        let head = &text[..floor(text, 4000)];
        for place in header_places(head) {
            // "Hà Nội, ngày …" heads every central document: it says nothing of the province
            if let Some(p) = self.province_of_name(place).filter(|p| *p != "Hà Nội") {
                *score.entry(p.to_string()).or_default() += 8.0;
            }
        }
        // numbered urban districts exist only in Hồ Chí Minh City ("Quận 3", "quận 8", "Q.1")
        let numbered = numbered_districts(text);
        if numbered > 0 {
            *score.entry("Hồ Chí Minh".into()).or_default() += 2.0 * numbered as f32;
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
    memchr::memmem::find_iter(head.as_bytes(), "ngày").filter_map(move |i| {
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
    let quan = memchr::memmem::find_iter(b, "uận")
        .filter(|&i| i > 0 && matches!(b[i - 1], b'Q' | b'q') && boundary_before(i - 1))
        .filter(|&i| digits_after(i + "uận".len(), true, usize::MAX))
        .count();
    let q = memchr::memmem::find_iter(b, "Q.").filter(|&i| boundary_before(i) && digits_after(i + 2, false, 1)).count();
    quan + q
}

/// The best province when its evidence is strong enough and well ahead of the next.
fn decide(ranked: &[(String, f32)]) -> Option<String> {
    let (best, s) = ranked.first()?.clone();
    let second = ranked.get(1).map_or(0.0, |x| x.1);
    (s >= 6.0 && s >= 2.0 * second).then_some(best)
}

fn floor(t: &str, mut i: usize) -> usize {
    i = i.min(t.len());
    while i > 0 && !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pf() -> &'static ProvinceFinder {
        ProvinceFinder::embedded()
    }

    #[test]
    fn byline_and_domain() {
        assert_eq!(pf().document_province("Tiêu đề\n\n(Baohatinh.vn) - Sau 15 năm").as_deref(), Some("Hà Tĩnh"));
        assert_eq!(pf().document_province("Tiêu đề\nĐBP - Xác định chi bộ").as_deref(), Some("Điện Biên"));
        assert_eq!(pf().document_province("(BLC) - Sau 10 năm").as_deref(), Some("Lai Châu"));
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
