//! The issuing body of a reference: "của Ban Thường vụ Tỉnh ủy Hà Tĩnh" after it, or the subject
//! of "… ban hành" before it; and what the body says about the reference — a state body makes a
//! Party-shaped symbol a state document, a committee that contradicts the symbol's issuer is
//! followed (with a warning).

use super::context::Window;
use super::{Draft, Resolver};
use crate::model::{Form, System};
use crate::tables::Tables;
use once_cell::sync::Lazy;
use regex::Regex;

pub(super) static BODY_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i){}(?P<body>[^,;“”()\n]{{3,90}}?)(?:\s+(?:về|ngày|đã|nhằm|để|với|tại|trong|và)\s|[,;“”()\n]|\.\s|$)",
        crate::extract::OF_BODY
    ))
    .expect("body regex")
});

/// A body's name as written after a reference, without what the sentence goes on to say: cut
/// before a straight quote (a title begins) or a colon, and before the first whole word of `end_words`
/// written in lower case ("Bộ Chính trị vẫn chưa thực hiện" → "Bộ Chính trị").
fn name_only<'s>(body: &'s str, tables: &Tables) -> &'s str {
    let body = body.split(['"', ':']).next().unwrap_or(body);
    // a whole word after a space (the name's first word is the body's own)
    let cut = tables.first_body_end_word(body).unwrap_or(body.len());
    body[..cut].trim()
}

impl Resolver<'_> {
    /// The body named after the reference, or as the subject of an issuing verb before it.
    pub(super) fn read_body(&self, d: &Draft, w: &Window) -> Option<String> {
        // issuing body: "của Ban Thường vụ Tỉnh ủy Hà Tĩnh", or the subject of "… ban hành"
        let mut body = BODY_AFTER
            .captures(w.after)
            .and_then(|c| c.name("body"))
            .map(|b| name_only(b.as_str(), self.tables).to_string())
            .filter(|b| !b.is_empty());
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
                // "… Bộ Chính trị đã ký ban hành": the verb's auxiliaries are no part of the name
                let mut clause = clause;
                while let Some(c) = [" ký", " đã", " vừa", " mới"].iter().find_map(|w| clause.strip_suffix(w)) {
                    clause = c.trim_end();
                }
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

#[cfg(test)]
mod tests {
    use crate::model::Document;
    use crate::resolve::Resolver;

    fn bodies(text: &str) -> Vec<Option<String>> {
        let doc = Document { source: "t.txt".into(), text: text.into(), ..Default::default() };
        Resolver::embedded().analyze(&doc).mentions.into_iter().map(|m| m.doc.body).collect()
    }

    #[test]
    fn a_body_named_after_a_reference_ends_where_the_sentence_goes_on() {
        let b = bodies("Chỉ thị số 35-CT/TW của Bộ Chính trị vẫn chưa được nhiều nơi thực hiện xong.");
        assert_eq!(b, [Some("Bộ Chính trị".to_string())]);
        let b = bodies("Chỉ thị số 45-CT/TW của Bộ Chính trị ký ban hành ngày 14/4 nêu rõ yêu cầu.");
        assert_eq!(b, [Some("Bộ Chính trị".to_string())]);
        // the subject of "ban hành" before, without its auxiliaries
        let b = bodies("Ngày 14/4, Tổng Bí thư thay mặt Bộ Chính trị đã ký ban hành Chỉ thị số 45-CT/TW.");
        assert_eq!(b, [Some("Bộ Chính trị".to_string())]);
        // a title in straight quotes is no part of the name
        let b =
            bodies("Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XI \"Về đổi mới căn bản giáo dục\".");
        assert_eq!(b, [Some("Ban Chấp hành Trung ương Đảng khóa XI".to_string())]);
        let b = bodies("Theo Kết luận số 12-KL/TW của Bộ Chính trị: người Việt Nam ở nước ngoài là một bộ phận.");
        assert_eq!(b, [Some("Bộ Chính trị".to_string())]);
        // the words of a name written with capitals stay ("Ban Chỉ đạo"), and so do place names
        let b = bodies("Kế hoạch số 12-KH/TU của Ban Thường vụ Tỉnh ủy Hà Tĩnh đều được triển khai.");
        assert_eq!(b, [Some("Ban Thường vụ Tỉnh ủy Hà Tĩnh".to_string())]);
        let ends = crate::tables::Tables::embedded();
        assert_eq!(
            super::name_only("Tổ giúp việc Ban chỉ đạo Trung ương", ends),
            "Tổ giúp việc Ban chỉ đạo Trung ương"
        );
        assert_eq!(super::name_only("Ban Thư ký Hội ký ban hành", ends), "Ban Thư ký Hội");
    }
}
