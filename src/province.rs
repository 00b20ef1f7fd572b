//! Which province a text, or one sentence of it, is about.
//!
//! Evidence, strongest first: the newspaper's web domain or byline (`(Baohatinh.vn)`, `ĐBP -`),
//! a committee or administrative unit named with its place (`Tỉnh ủy Ninh Bình`, `tỉnh Sơn La`,
//! `huyện Nậm Pồ` → Điện Biên through the gazetteer), then bare province names. A text whose best
//! province has too little evidence is national news and gets none.

use crate::data::Tables;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
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
    names: AhoCorasick,
    /// per pattern: what it is, the province, the pattern text
    info: Vec<(Hit, String, String)>,
    domains: AhoCorasick,
    domain_info: Vec<(String, String)>,
    bylines: Regex,
    byline_of: HashMap<String, String>,
}

static HEADER_PLACE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?m)^\s*(\p{Lu}[\p{L} .-]{1,30}?),\s*ngày\s+\d{1,2}\s+tháng").expect("header regex"));

static NUMBERED_DISTRICT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?-u:\b)(?:[Qq]uận\s+\d{1,2}|Q\.\s?\d{1,2})(?-u:\b)").expect("district regex"));

static DEFAULT: Lazy<ProvinceFinder> = Lazy::new(|| ProvinceFinder::new(Tables::embedded()));

/// Words before a place name that make it a committee or unit (stronger evidence); the first
/// group names a Party committee.
const COMMITTEE_PREFIX: &[&str] =
    &["Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng bộ tỉnh", "Đảng bộ thành phố", "Đảng bộ huyện"];
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
        let info: Vec<(Hit, String, String)> = info.into_iter().map(|(n, (h, p))| (h, p, n)).collect();
        let names = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(info.iter().map(|x| x.2.as_str()))
            .expect("place automaton");
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
        ProvinceFinder { names, info, domains, domain_info, bylines, byline_of }
    }

    /// Every place name in `text`, with the words before it.
    fn places<'s>(&'s self, text: &str) -> Vec<Place<'s>> {
        let mut out = Vec::new();
        for m in self.names.find_iter(text) {
            let before = &text[..m.start()];
            let after = &text[m.end()..];
            // whole words only
            if before.chars().next_back().is_some_and(char::is_alphanumeric)
                || after.chars().next().is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let (hit, province, name) = &self.info[m.pattern().as_usize()];
            let lead = before.trim_end();
            let committee = COMMITTEE_PREFIX.iter().any(|p| lead.ends_with(p));
            let unit = committee || UNIT_PREFIX.iter().any(|p| lead.ends_with(p));
            out.push(Place { province, name, hit: *hit, committee, unit });
        }
        out
    }

    /// The province of a place name: a province alias, or a district unique to one province.
    pub fn province_of_name(&self, name: &str) -> Option<&str> {
        let m = self.names.find(name).filter(|m| m.start() == 0 && m.end() == name.len())?;
        Some(self.info[m.pattern().as_usize()].1.as_str())
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
        if let Some(m) = self.domains.find(text) {
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
        let dated_header = head.contains("tháng");
        for c in HEADER_PLACE.captures_iter(if dated_header { head } else { "" }) {
            // "Hà Nội, ngày …" heads every central document: it says nothing of the province
            if let Some(p) = c.get(1).and_then(|m| self.province_of_name(m.as_str().trim())).filter(|p| *p != "Hà Nội")
            {
                *score.entry(p.to_string()).or_default() += 8.0;
            }
        }
        // numbered urban districts exist only in Hồ Chí Minh City ("Quận 3", "quận 8", "Q.1")
        if text.contains("uận ") || text.contains("Q.") {
            let numbered = NUMBERED_DISTRICT.find_iter(text).count();
            if numbered > 0 {
                *score.entry("Hồ Chí Minh".into()).or_default() += 2.0 * numbered as f32;
            }
        }
        let mut ranked: Vec<(String, f32)> = score.into_iter().filter(|x| x.1 > 0.0).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
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
    fn national_news_has_none() {
        assert_eq!(pf().document_province("Bộ Chính trị ban hành Chỉ thị. Đoàn công tác làm việc tại Hà Nội."), None);
    }
}
