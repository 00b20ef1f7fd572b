//! The issuing body of a reference: "của Ban Thường vụ Tỉnh ủy Hà Tĩnh" after it, or the subject
//! of "… ban hành" before it; and what the body says about the reference — a state body makes a
//! Party-shaped symbol a state document, a committee that contradicts the symbol's issuer is
//! followed (with a warning).

use super::context::Window;
use super::{Draft, Resolver};
use crate::model::{Form, System};
use once_cell::sync::Lazy;
use regex::Regex;

pub(super) static BODY_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i){}(?P<body>[^,;“”()\n]{{3,90}}?)(?:\s+(?:về|ngày|đã|nhằm|để|với|tại|trong|và)\s|[,;“”()\n]|\.\s|$)",
        crate::extract::OF_BODY
    ))
    .expect("body regex")
});

impl Resolver<'_> {
    /// The body named after the reference, or as the subject of an issuing verb before it.
    pub(super) fn read_body(&self, d: &Draft, w: &Window) -> Option<String> {
        // issuing body: "của Ban Thường vụ Tỉnh ủy Hà Tĩnh", or the subject of "… ban hành"
        let mut body = BODY_AFTER.captures(w.after).and_then(|c| c.name("body")).map(|b| b.as_str().trim().to_string());
        if body.as_deref().is_some_and(|b| self.tables.body_issuer(b).is_none()) && d.raw.system == System::Party {
            body = body.filter(|b| {
                let l = b.to_lowercase();
                l.contains("ban ") || l.contains("ủy") || self.tables.words.state_bodies.iter().any(|s| l.contains(s))
            });
        }
        if body.is_none() {
            if let Some(v) = ["ban hành", "đã ra", " ra "].iter().filter_map(|v| w.before.rfind(v)).max() {
                let clause = &w.before[..v];
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
        body
    }

    /// What a named body says: a state body makes a Party-shaped symbol a state document; a
    /// committee that contradicts the symbol's issuer is followed (the key, or only the level).
    pub(super) fn check_body(&self, d: &mut Draft, b: &str, level: &mut String) {
        {
            let lower = b.to_lowercase();
            if d.raw.form == Form::Symbol
                && d.raw.system == System::Party
                && self.tables.body_issuer(b).is_none()
                && self
                    .tables
                    .words
                    .state_bodies
                    .iter()
                    .any(|s| lower.starts_with(s) || lower.contains(&format!(" {s}")))
            {
                d.warnings
                    .push(format!("a Party-shaped symbol issued by a state body ({b}): kept as a state document"));
                d.raw.system = System::State;
            }
        }
        {
            let bi = self.tables.body_issuer(b);
            if d.raw.form == Form::Symbol && d.raw.system == System::Party {
                match bi {
                    Some(code @ ("TU" | "HU" | "QU" | "ĐU")) if d.raw.issuer == "TW" => {
                        d.warnings.push(format!(
                            "the symbol's issuer TW contradicts the body named in its sentence ({b}); following the body"
                        ));
                        d.raw.issuer = code.to_string();
                        *level = self.tables.classify_issuer(code).1.to_string();
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
                        *level = self.tables.classify_issuer(code).1.to_string();
                    }
                    _ => {}
                }
            }
        }
    }
}
