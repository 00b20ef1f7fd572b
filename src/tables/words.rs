//! The lexicon (`data/lexicon.tsv`): words vncite reads texts by — state bodies, issuing verbs,
//! cue words, stop words, centrally-run cities, company words, committee and unit prefixes —
//! one group a field of [`Words`], replaced with the rest of the tables by `--data`.

use super::TableError;

/// The lexicon's groups (see `data/lexicon.tsv` for what each is for).
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// Bodies of the state: a Party-shaped symbol issued by one is a state document.
    pub state_bodies: Vec<String>,
    /// Between a date and a reference: the date is its issuing date.
    pub date_issue_verbs: Vec<String>,
    /// Between a date and a reference: the document was only acted on then.
    pub date_cue_words: Vec<String>,
    /// Issue the citing document after a fronted cue ("Để thực hiện X, … ban hành Y").
    pub issuing_verbs: Vec<String>,
    /// Left out when comparing a sentence with a catalog title, folded (no marks, đ as d).
    pub title_stop_words: std::collections::HashSet<String>,
    /// Cities run by the centre: their Thành ủy is provincial.
    pub central_cities: Vec<String>,
    /// Open a company's or a club's name.
    pub company_words: Vec<String>,
    /// Before a place name, name a Party committee of that place.
    pub committee_prefixes: Vec<String>,
    /// Before a place name, name an administrative unit of that place.
    pub unit_prefixes: Vec<String>,
    /// Said of a text's own place without naming it ("toàn tỉnh", "tỉnh ta"): a local text.
    pub local_words: Vec<String>,
    /// Before a committee word, make it generic ("các tỉnh ủy, thành ủy").
    pub plural_words: Vec<String>,
    /// A person's position: a place in the title after it introduces the person.
    pub title_words: Vec<String>,
    /// End a bibliographic entry ("Truy cập ngày"): a place just before names a publisher.
    pub citation_words: Vec<String>,
    /// Never part of a body's name, written in lower case: a body named before one ends there
    /// ("của Bộ Chính trị vẫn chưa …", "Bộ Chính trị ký ban hành").
    pub body_end_words: Vec<String>,
}

impl Words {
    /// Reads `lexicon.tsv` (rows of group and phrase; an underscore at either end of a phrase
    /// stands for a space there). An unknown group is an error naming it.
    ///
    /// ```
    /// let w = vncite::tables::Words::parse("group\tphrase\ndate_issue_verb\t_ra_\n").unwrap();
    /// assert_eq!(w.date_issue_verbs, [" ra "]);
    /// assert!(vncite::tables::Words::parse("group\tphrase\nnope\tx\n").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Words, TableError> {
        let mut w = Words::default();
        for row in super::tsv_rows(text) {
            let (group, raw) = (super::col(&row, 0).trim(), super::col(&row, 1).trim());
            if raw.is_empty() {
                continue;
            }
            let phrase = edge_spaces(raw);
            let list = match group {
                "state_body" => &mut w.state_bodies,
                "date_issue_verb" => &mut w.date_issue_verbs,
                "date_cue_word" => &mut w.date_cue_words,
                "issuing_verb" => &mut w.issuing_verbs,
                "central_city" => &mut w.central_cities,
                "company_word" => &mut w.company_words,
                "committee_prefix" => &mut w.committee_prefixes,
                "unit_prefix" => &mut w.unit_prefixes,
                "local_word" => &mut w.local_words,
                "plural_word" => &mut w.plural_words,
                "citation_word" => &mut w.citation_words,
                "title_word" => &mut w.title_words,
                "body_end_word" => &mut w.body_end_words,
                "title_stop_word" => {
                    w.title_stop_words.insert(crate::normalize::fold(&phrase));
                    continue;
                }
                other => {
                    return Err(TableError::Row { table: "lexicon.tsv", message: format!("unknown group {other:?}") })
                }
            };
            list.push(phrase);
        }
        Ok(w)
    }
}

/// `_ra_` → ` ra `: an underscore at either end stands for a space.
fn edge_spaces(raw: &str) -> String {
    let lead = if raw.starts_with('_') { " " } else { "" };
    let trail = if raw.len() > 1 && raw.ends_with('_') { " " } else { "" };
    let core = raw.strip_prefix('_').unwrap_or(raw);
    let core = core.strip_suffix('_').unwrap_or(core);
    format!("{lead}{core}{trail}")
}
