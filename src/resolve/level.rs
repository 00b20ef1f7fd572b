//! A reference's level (central, provincial, district, grassroots) and, for a local one, its
//! province: from the issuer, the body named (a city's committee under a province is a district
//! one), the sentence, and the document's own province.

use super::Draft;
use super::Resolver;
use crate::model::{Form, Level};
use crate::normalize::fold;

/// Does a body name the committee of a city under a province ("Thành ủy Quy Nhơn", "Thành ủy TP.
/// Bến Tre", or "Thành ủy" alone in an article about a province that is not a centrally-run city)?
fn city_committee_under_province(body: &str, doc_province: Option<&str>, central_cities: &[String]) -> bool {
    let lower = body.to_lowercase();
    let Some(at) = ["thành ủy", "đảng bộ thành phố"].iter().filter_map(|w| lower.find(w).map(|i| i + w.len())).min()
    else {
        return false;
    };
    let rest = body[body.floor_char_boundary(at)..].trim_start();
    let rest = rest.strip_prefix("TP.").or_else(|| rest.strip_prefix("thành phố")).unwrap_or(rest).trim_start();
    let central = |name: &str| {
        let folded = fold(name);
        name.starts_with("HCM") || central_cities.iter().any(|c| folded.starts_with(&fold(c)))
    };
    if rest.starts_with(|c: char| c.is_uppercase()) {
        !central(rest)
    } else {
        doc_province.is_some_and(|p| !central(p))
    }
}

impl Resolver<'_> {
    /// Settles the level (`level` as the issuer and body gave it; `lvl_class` the issuer's own
    /// class) and the province of a local document.
    pub(super) fn settle_level(
        &self,
        d: &mut Draft,
        body: Option<&str>,
        mut level: String,
        lvl_class: &str,
        sentence: &str,
        doc_province: Option<&str>,
    ) {
        if d.raw.form == Form::NumberWithBody && d.raw.issuer.is_empty() {
            if let Some(code) = body.and_then(|b| self.tables.body_issuer(b)) {
                d.raw.issuer = code.into();
            }
        }
        // the committee of a city under a province is a district-level one: "Thành ủy Quy Nhơn",
        // "Ban Chấp hành Đảng bộ Thành phố" in a provincial paper; its bare numbers key as HU
        let city_under_province =
            body.is_some_and(|b| city_committee_under_province(b, doc_province, &self.tables.words.central_cities));
        if city_under_province && d.raw.form == Form::NumberWithBody && d.raw.issuer == "TU" {
            d.raw.issuer = "HU".into();
        }
        if matches!(d.raw.form, Form::NumberWithBody | Form::ShortForm | Form::Plenum) {
            level = self.tables.classify_issuer(&d.raw.issuer).1.to_string();
        }
        if city_under_province && level == "provincial" {
            level = "district".into();
        }
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
        // the level is one of the four by now ("context" and "unknown" are decided above)
        d.level = Level::parse(&level).unwrap_or(Level::Central);
        if d.level.is_local() {
            d.province = body
                .and_then(|b| self.places.named_in(b))
                .or_else(|| self.places.named_in(sentence).filter(|_| d.level != Level::Grassroots))
                .or_else(|| doc_province.map(String::from));
        }
    }
}
