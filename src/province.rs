//! Which province a text, or one sentence of it, is about.
//!
//! Evidence, strongest first: the newspaper's web domain or byline (`(Baohatinh.vn)`, `ĐBP -`),
//! a committee or administrative unit named with its place (`Tỉnh ủy Ninh Bình`, `tỉnh Sơn La`,
//! `huyện Nậm Pồ` → Điện Biên through the gazetteer), then bare province names. A text whose best
//! province has too little evidence is national news and gets none.

use crate::data::Tables;
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};

/// Compiled place-name patterns for one set of tables.
pub struct ProvinceFinder {
    names: Regex,
    /// alias → province short name
    province_of: HashMap<String, String>,
    /// district name → province short name
    district_of: HashMap<String, String>,
    domains: Vec<(String, String)>,
    bylines: Regex,
    byline_of: HashMap<String, String>,
    papers: Vec<(String, String)>,
}

static HEADER_PLACE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?m)^\s*(\p{Lu}[\p{L} .-]{1,30}?),\s*ngày\s+\d{1,2}\s+tháng").expect("header regex"));

static NUMBERED_DISTRICT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b(?:[Qq]uận\s+\d{1,2}|Q\.\s?\d{1,2})\b").expect("district regex"));

static DEFAULT: Lazy<ProvinceFinder> = Lazy::new(|| ProvinceFinder::new(Tables::embedded()));

/// Words before a place name that make it a committee or unit (stronger evidence).
const UNIT_PREFIX: &str = r"(?:Ban Thường vụ |BTV |Thường trực )?(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng bộ tỉnh|Đảng bộ thành phố|Đảng bộ huyện|UBND tỉnh|UBND thành phố|UBND huyện|HĐND tỉnh|tỉnh|Tỉnh|thành phố|Thành phố|TP\.?|Tp\.?|huyện|Huyện|quận|Quận|thị xã|Thị xã|TX\.?)";

impl ProvinceFinder {
    /// The finder for the embedded tables.
    pub fn embedded() -> &'static ProvinceFinder {
        &DEFAULT
    }

    /// Compiles the patterns for `tables`.
    pub fn new(tables: &Tables) -> ProvinceFinder {
        let mut province_of = HashMap::new();
        for p in &tables.provinces {
            let mut names = vec![p.name.clone()];
            names.extend(
                p.aliases.iter().filter(|a| a.chars().any(char::is_uppercase) && a.chars().count() >= 4).cloned(),
            );
            names.push(p.official.clone());
            for n in names {
                // "tỉnh Hà Giang" is written out by the unit prefix
                if n.starts_with("tỉnh ") || n.contains(" (") {
                    continue;
                }
                province_of.insert(n, p.name.clone());
            }
        }
        if let Some(hue) = tables.provinces.iter().find(|p| p.name == "Thừa Thiên Huế") {
            province_of.insert("Huế".into(), hue.name.clone());
        }
        let district_of: HashMap<String, String> =
            tables.districts.iter().map(|d| (d.name.clone(), d.province.clone())).collect();
        let mut all: Vec<&String> = province_of.keys().chain(district_of.keys()).collect();
        all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        all.dedup();
        let alt = all.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
        let names = Regex::new(&format!(r"(?P<pre>{UNIT_PREFIX}\s+)?\b(?P<name>{alt})\b")).expect("place regex");
        let mut byline_of = HashMap::new();
        for p in &tables.provinces {
            for b in &p.bylines {
                if !b.contains('.') && !b.contains(' ') {
                    byline_of.insert(b.clone(), p.name.clone());
                }
            }
        }
        let byl = byline_of.keys().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
        let bylines =
            Regex::new(&format!(r"(?m)(?:^\s*(?P<a>{byl})\s*[-–]\s|\(\s*(?P<b>{byl})\s*\))")).expect("byline regex");
        let domains = tables
            .provinces
            .iter()
            .flat_map(|p| p.domains.iter().map(move |d| (d.to_lowercase(), p.name.clone())))
            .collect();
        let papers = tables
            .provinces
            .iter()
            .flat_map(|p| {
                p.newspapers.iter().filter(|n| n.starts_with("Báo ")).map(move |n| (n.clone(), p.name.clone()))
            })
            .collect();
        ProvinceFinder { names, province_of, district_of, domains, bylines, byline_of, papers }
    }

    /// The province of a place name: a province alias, or a district unique to one province.
    pub fn province_of_name(&self, name: &str) -> Option<&str> {
        self.province_of.get(name).or_else(|| self.district_of.get(name)).map(String::as_str)
    }

    /// The province a committee or unit in `sentence` names (`Tỉnh ủy Ninh Bình`, `huyện Vân Hồ`).
    /// A committee or unit named with its place wins over a bare province name.
    pub fn named_in(&self, sentence: &str) -> Option<String> {
        let mut bare = None;
        for c in self.names.captures_iter(sentence) {
            let Some(name) = c.name("name").map(|m| m.as_str()) else {
                continue;
            };
            if c.name("pre").is_some() || name.starts_with("TP") {
                if let Some(p) = self.province_of_name(name) {
                    return Some(p.to_string());
                }
            } else if bare.is_none() && self.province_of.contains_key(name) && name != "Hồ Chí Minh" {
                bare = self.province_of_name(name).map(String::from);
            }
        }
        bare
    }

    /// Newspaper evidence only: a domain, byline or the Party paper's name. Returns the province
    /// and the newspaper as written.
    pub fn newspaper(&self, text: &str) -> Option<(String, String)> {
        let lower_head = text.to_lowercase();
        for (d, p) in &self.domains {
            if lower_head.contains(d.as_str()) {
                return Some((p.clone(), d.clone()));
            }
        }
        if let Some(c) = self.bylines.captures(text) {
            let b = c.name("a").or(c.name("b"))?.as_str();
            return self.byline_of.get(b).map(|p| (p.clone(), b.to_string()));
        }
        for (n, p) in &self.papers {
            if text.contains(n.as_str()) {
                return Some((p.clone(), n.clone()));
            }
        }
        None
    }

    /// The province the whole text is about, or `None` for national news.
    pub fn document_province(&self, text: &str) -> Option<String> {
        let ranked = self.province_scores(text);
        let (best, s) = ranked.first()?.clone();
        let second = ranked.get(1).map_or(0.0, |x| x.1);
        (s >= 6.0 && s >= 2.0 * second).then_some(best)
    }

    /// Every province with evidence in `text`, strongest first, with its score.
    pub fn province_scores(&self, text: &str) -> Vec<(String, f32)> {
        let mut score: BTreeMap<String, f32> = BTreeMap::new();
        if let Some((p, _)) = self.newspaper(text) {
            *score.entry(p).or_default() += 10.0;
        }
        for c in self.names.captures_iter(text) {
            let Some(name) = c.name("name").map(|m| m.as_str()) else {
                continue;
            };
            let pre = c.name("pre").map_or("", |m| m.as_str());
            let is_province = self.province_of.contains_key(name);
            let Some(p) = self.province_of_name(name) else {
                continue;
            };
            // "Hồ Chí Minh" alone is mostly the person (tư tưởng Hồ Chí Minh); TP.HCM is the city
            let city_alias = name.starts_with("TP") || name.starts_with("Thủ đô") || name.starts_with("Thành phố");
            let w = match (is_province, pre.is_empty()) {
                _ if city_alias => 3.0,
                (true, true) if p == "Hồ Chí Minh" => 0.0,
                (true, false) if pre.contains("ủy") || pre.contains("Đảng bộ") => 4.0,
                (true, false) => 3.0,
                (true, true) => 1.0,
                (false, false) if pre.contains("ủy") => 3.0,
                (false, false) => 2.0,
                (false, true) => 0.0,
            };
            *score.entry(p.to_string()).or_default() += w;
        }
        // a document header's place and date: "Bến Tre, ngày 27 tháng 7 năm 2010"
        for c in HEADER_PLACE.captures_iter(text) {
            // "Hà Nội, ngày …" heads every central document: it says nothing of the province
            if let Some(p) = c.get(1).and_then(|m| self.province_of_name(m.as_str().trim())).filter(|p| *p != "Hà Nội")
            {
                *score.entry(p.to_string()).or_default() += 8.0;
            }
        }
        // numbered urban districts exist only in Hồ Chí Minh City ("Quận 3", "quận 8", "Q.1")
        let numbered = NUMBERED_DISTRICT.find_iter(text).count();
        if numbered > 0 {
            *score.entry("Hồ Chí Minh".into()).or_default() += 2.0 * numbered as f32;
        }
        let mut ranked: Vec<(String, f32)> = score.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
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
