//! The central catalog: plenum names resolved to their resolution, central symbols given their
//! date, term and title — among documents that share a number (numbers restart every term) by
//! the text's term, plenum, dates and topic, never one issued after the text.

use super::{dedupe_adjacent, Draft, Resolver};
use crate::model::{Form, Level, System};
use crate::tables::{CatalogEntry, Tables};
use crate::warning::{Warning, WarningKind};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::BTreeSet;

static YEAR_ANY: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?-u:\b)(?:19[4-9]\d|20[0-4]\d)(?-u:\b)").expect("year regex"));

/// The words of `s` a catalog title is compared by: folded, two letters or more, no stop word.
/// The central bodies that issue Party documents, as the catalog's `body` column writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CentralBody {
    Politburo,
    Secretariat,
    CentralCommittee,
}

/// The one central body a text names (`Bộ Chính trị khóa XII`, `Hội nghị Trung ương 6`), if it
/// names exactly one.
fn central_body(named: &str) -> Option<CentralBody> {
    let l = named.to_lowercase();
    let found: Vec<CentralBody> = [
        (CentralBody::Politburo, &["bộ chính trị", "bct"][..]),
        (CentralBody::Secretariat, &["ban bí thư", "bbt"][..]),
        (
            CentralBody::CentralCommittee,
            &["ban chấp hành trung ương", "bch trung ương", "bch tw", "hội nghị trung ương"][..],
        ),
    ]
    .into_iter()
    .filter(|(_, words)| words.iter().any(|w| crate::tables::has_word(&l, w)))
    .map(|(b, _)| b)
    .collect();
    match found[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// The rows of the central body a text names, when any fits ("Nghị quyết 15-NQ/TW của Bộ Chính
/// trị" is not a plenum's 15-NQ/TW); else all of them.
fn of_named_body<'e>(named: Option<&str>, cands: Vec<&'e CatalogEntry>) -> Vec<&'e CatalogEntry> {
    let Some(named) = named.and_then(central_body) else { return cands };
    let fits: Vec<&CatalogEntry> =
        cands.iter().copied().filter(|c| central_bodies_of(&c.body).contains(&named)).collect();
    if fits.is_empty() {
        cands
    } else {
        fits
    }
}

/// The central bodies a catalog row's `body` names (`Bộ Chính trị, Ban Bí thư` both; `TW` any).
fn central_bodies_of(body: &str) -> Vec<CentralBody> {
    let all = vec![CentralBody::Politburo, CentralBody::Secretariat, CentralBody::CentralCommittee];
    let named: Vec<CentralBody> = all
        .iter()
        .copied()
        .filter(|b| match b {
            CentralBody::Politburo => body.contains("Bộ Chính trị"),
            CentralBody::Secretariat => body.contains("Ban Bí thư"),
            CentralBody::CentralCommittee => body.contains("BCH TW"),
        })
        .collect();
    if named.is_empty() {
        all
    } else {
        named
    }
}

/// How well a catalog title fits the words around a mention: the tokens they share, the same
/// weighted by how rare each is among catalog titles, and whether a phrase (a pair of adjacent
/// syllables) is among them.
fn topic_score(tables: &Tables, entry: &CatalogEntry, context: &BTreeSet<String>) -> (usize, f64, bool) {
    let title = tables.entry_title_tokens(entry);
    let shared: Vec<&String> = title.intersection(context).collect();
    let phrase = shared.iter().any(|t| t.contains(' '));
    (shared.len(), shared.iter().map(|t| tables.title_token_weight(t)).sum(), phrase)
}

/// Where a reference's topic is read from: its sentence, at most 300 bytes either side of it (a
/// sentence dense with references would otherwise make each one read all those before it).
fn topic_window(t: &str, d: &Draft) -> (usize, usize) {
    let from = t.ceil_char_boundary(d.raw.start.saturating_sub(300).max(d.sent.0));
    (from, t.floor_char_boundary((d.raw.end + 300).min(t.len())).max(from))
}

/// The topic a plenum's name states right after it: "Nghị quyết Trung ương 4 khóa XI, XII về
/// xây dựng, chỉnh đốn Đảng" → "xây dựng, chỉnh đốn Đảng …" (from "về", past a list of terms,
/// to the clause's end or 80 bytes). The strongest evidence of which of a plenum's resolutions
/// is meant, where the words around it may speak of others.
fn stated_topic(t: &str, d: &Draft) -> Option<(usize, usize)> {
    let after = &t[d.raw.end..t.floor_char_boundary((d.raw.end + 48).min(t.len()))];
    let at = after.find("về ")?;
    // only a list of terms between: "khóa XI, XII", "(khoá X và XI)"
    let between = after[..at].replace("khóa", "").replace("khoá", "").replace("và", "");
    if !between.chars().all(|c| c.is_whitespace() || ",()IVXLC".contains(c) || c.is_ascii_digit()) {
        return None;
    }
    let from = d.raw.end + at + "về ".len();
    let rest = &t[from..t.floor_char_boundary((from + 80).min(t.len()))];
    let to = from + rest.find(['.', ';', ':', '\n']).unwrap_or(rest.len());
    (to > from).then_some((from, to))
}

/// Whether a word just before byte `at` makes what follows plural ("các Nghị quyết Trung ương
/// 5 khóa XII"): one of the lexicon's plural words, as a whole word.
fn plural_before(t: &str, at: usize, plural_words: &[String]) -> bool {
    let before = t[t.floor_char_boundary(at.saturating_sub(24))..at].trim_end().to_lowercase();
    plural_words
        .iter()
        .any(|w| before.strip_suffix(w.as_str()).is_some_and(|rest| !rest.ends_with(char::is_alphanumeric)))
}

impl Resolver<'_> {
    pub(super) fn resolve_plenums(
        &self,
        t: &str,
        drafts: &mut Vec<Draft>,
        published: Option<&str>,
        warnings: &mut Vec<Warning>,
    ) {
        let mut last_term: Option<String> = None;
        let mut keep = vec![true; drafts.len()];
        for (i, d) in drafts.iter_mut().enumerate() {
            if d.raw.form != Form::Plenum {
                continue;
            }
            let Some(n) = d.plenum else {
                keep[i] = self.resolve_unnumbered(t, d);
                continue;
            };
            let term =
                d.term.clone().or(last_term.clone()).or_else(|| published.and_then(|p| self.tables.national_term(p)));
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
            match self.choose_plenum(t, d, &cands) {
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

    /// Which of a plenum's resolutions a name means: by the topic it states, else by the words
    /// around it; in the plural, none of several.
    fn choose_plenum<'e>(
        &self,
        t: &str,
        d: &Draft,
        cands: &[&'e CatalogEntry],
    ) -> Option<(&'e CatalogEntry, &'static str)> {
        let words = |(from, to): (usize, usize)| self.tables.title_tokens(crate::analyze::work::read(&t[from..to]));
        let stated =
            stated_topic(t, d).and_then(|w| self.pick(cands, || words(w))).filter(|(_, via)| *via == "catalog-topic");
        let chosen = stated.or_else(|| self.pick(cands, || words(topic_window(t, d))));
        // "các Nghị quyết của Hội nghị lần thứ 5 …": the plenum's resolutions, several of them;
        // the topic read around cannot make that one document
        let plural = plural_before(t, d.raw.start, &self.tables.words.plural_words) && cands.len() > 1;
        chosen.map(|(e, via)| (e, if plural { "catalog-ambiguous" } else { via }))
    }

    /// A plenum named by its term and the topic it states, without its number ("Nghị quyết Hội
    /// nghị Trung ương khóa X về Chiến lược biển"): the resolution of that term whose title the
    /// stated topic alone picks out, or none (then it is no reference).
    fn resolve_unnumbered(&self, t: &str, d: &mut Draft) -> bool {
        let Some(term) = d.term.clone() else { return false };
        // "các nghị quyết Trung ương khóa XII về …": several of them, not one
        if plural_before(t, d.raw.start, &self.tables.words.plural_words) {
            return false;
        }
        let Some((from, to)) = stated_topic(t, d) else { return false };
        // the name says no more than the term: the topic must state most of one title (two
        // thirds of its tokens, two at least) and fit no other as well ("công tác" alone is
        // half of many titles)
        let topic = self.tables.title_tokens(crate::analyze::work::read(&t[from..to]));
        let fitting: Vec<&CatalogEntry> = self
            .tables
            .catalog
            .iter()
            .filter(|c| c.doc_type == "NQ" && c.plenum.is_some() && c.term.as_deref() == Some(term.as_str()))
            .filter(|c| {
                let (score, size) = (topic_score(self.tables, c, &topic).0, self.tables.entry_title_tokens(c).len());
                score >= 2 && 3 * score >= 2 * size
            })
            .collect();
        let Some((e, "catalog" | "catalog-topic")) = self.pick(&fitting, || topic.clone()) else { return false };
        d.raw.number = e.number.clone();
        d.raw.issuer = e.issuer.clone();
        d.plenum = e.plenum;
        d.date = e.date.clone();
        d.title = Some(e.title.clone());
        d.via = Some("catalog-topic".to_string());
        true
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
                let mut scored: Vec<((usize, f64, bool), &CatalogEntry)> =
                    cands.iter().map(|c| (topic_score(self.tables, c, ctx), *c)).collect();
                // the rarer tokens shared decide ("dân số" over "tăng cường sự lãnh đạo"); a
                // token's worth is at least ln 2, so a margin of 0.5 is one token more at least;
                // syllables shared one by one ("đại", "hội" of "Hội đồng … đại diện") are no topic
                scored.sort_by(|a, b| b.0 .1.total_cmp(&a.0 .1));
                let ((count, best, phrase), (_, second, _)) = (scored[0].0, scored[1].0);
                if count >= 2 && phrase && best > second + 0.5 {
                    Some((scored[0].1, "catalog-topic"))
                } else {
                    Some((scored[0].1, "catalog-ambiguous"))
                }
            }
        }
    }

    /// Central symbols: fill date, term and title from the catalog, choosing among documents that
    /// share a number (numbers restart every term) by the text's term, plenum, dates and topic.
    pub(super) fn resolve_catalog(&self, t: &str, drafts: &mut [Draft], published: Option<&str>) {
        if !drafts.iter().any(|d| d.raw.system == System::Party && d.level == Level::Central) {
            return;
        }
        // the text cannot cite a document issued after it was written: its published date, or
        // else the latest year it mentions, bounds the candidates
        let latest_year = YEAR_ANY.find_iter(t).filter_map(|m| m.as_str().parse::<i32>().ok()).max();
        let bound = published.map(String::from).or(latest_year.map(|y| format!("{y}-12-31")));
        for d in drafts.iter_mut() {
            if d.raw.system != System::Party || d.level != Level::Central || d.raw.form == Form::Plenum {
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
            let term = d
                .term
                .clone()
                .or_else(|| d.year.map(|y| format!("{y}-12-31")).and_then(|x| self.tables.national_term(&x)));
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
            // the body the text names: a row of another central body is another document
            cands = of_named_body(d.body.as_deref(), cands);
            if let Some(b) = &bound {
                let before: Vec<&CatalogEntry> =
                    cands.iter().copied().filter(|c| c.date.as_deref().is_none_or(|x| x <= b.as_str())).collect();
                // every candidate postdates the text: the catalog does not know this document
                cands = before;
            }
            let (from, to) = topic_window(t, d);
            let Some((e, via)) =
                self.pick(&cands, || self.tables.title_tokens(crate::analyze::work::read(&t[from..to])))
            else {
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
}
