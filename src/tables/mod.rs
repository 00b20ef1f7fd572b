//! Reference tables: document types, issuer codes, provinces, districts, the central catalog,
//! relation cues, bodies and the lexicon of words texts are read by ([`Words`]).
//!
//! Types: [`Tables`] (every table parsed), [`DocType`], [`Issuer`], [`Province`], [`District`],
//! [`CatalogEntry`], [`Words`], [`TableError`].
//!
//! The tables live in `data/` as TSV and are embedded in the binary; `Tables::load` reads a
//! directory whose files (same names) replace the embedded ones, so a user can extend them.

use crate::model::System;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::path::Path;

const DOC_TYPES: &str = include_str!("../../data/doc_types.tsv");
const ISSUERS: &str = include_str!("../../data/issuers.tsv");
const PROVINCES: &str = include_str!("../../data/provinces.tsv");
const DISTRICTS: &str = include_str!("../../data/districts.tsv");
const CATALOG: &str = include_str!("../../data/central_catalog.tsv");
const RELATION_CUES: &str = include_str!("../../data/relation_cues.tsv");
const BODIES: &str = include_str!("../../data/bodies.tsv");
const LEXICON: &str = include_str!("../../data/lexicon.tsv");
const CONGRESSES: &str = include_str!("../../data/congresses.tsv");

mod words;
pub use words::Words;

/// Why a table set cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// A table file cannot be read.
    #[error("reading {path}: {source}")]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A row that cannot be read.
    #[error("{table}: {message}")]
    Row {
        /// The table's file name.
        table: &'static str,
        /// What is wrong with the row.
        message: String,
    },
    /// A table whose words make a pattern that does not compile (or is too large).
    #[error("a pattern built from the tables: {0}")]
    Pattern(String),
    /// An error in a table of a `--data` directory.
    #[error("data directory {dir}: {source}")]
    InDirectory {
        /// The directory.
        dir: std::path::PathBuf,
        /// The error.
        source: Box<TableError>,
    },
}

/// A document type (`NQ` Nghị quyết).
#[derive(Debug, Clone)]
pub struct DocType {
    /// Code as written in a symbol (`QĐi`).
    pub code: String,
    /// Code the graph keys it under (`QĐ`).
    pub key: String,
    /// `party`, `state` or `both`.
    pub system: String,
    /// Words that name it in running text; the first is its name.
    pub words: Vec<String>,
}

/// An issuer code after the slash (`TU` Tỉnh ủy).
#[derive(Debug, Clone)]
pub struct Issuer {
    /// The code.
    pub code: String,
    /// central, provincial, district, grassroots or context.
    pub level: String,
    /// Party or state.
    pub system: System,
    /// The body's name.
    pub name: String,
}

/// A province as it was before the July 2025 merger.
#[derive(Debug, Clone)]
pub struct Province {
    /// GSO code.
    pub code: String,
    /// Short name (`Sơn La`).
    pub name: String,
    /// Official name (`Tỉnh Sơn La`).
    pub official: String,
    /// Province it belongs to after the 2025 merger.
    pub name_2025: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Party newspapers.
    pub newspapers: Vec<String>,
    /// Web domains of its press.
    pub domains: Vec<String>,
    /// Byline abbreviations (`ĐBP`).
    pub bylines: Vec<String>,
}

/// A district name that belongs to one province only.
#[derive(Debug, Clone)]
pub struct District {
    /// Short name (`Vân Hồ`).
    pub name: String,
    /// Huyện, Quận, Thị xã, Thành phố.
    pub kind: String,
    /// The province's short name.
    pub province: String,
}

/// A central document in the catalog.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    /// The symbol as the source writes it (`08-QĐi/TW`).
    pub symbol: String,
    /// Type key (`QĐ`).
    pub doc_type: String,
    /// Number without leading zeros.
    pub number: String,
    /// Issuer code (`TW`).
    pub issuer: String,
    /// Type name (`Nghị quyết`).
    pub type_name: String,
    /// Issuing date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Issuing body.
    pub body: String,
    /// Term (`XIII`).
    pub term: Option<String>,
    /// Plenum number (TW6 → 6).
    pub plenum: Option<u32>,
    /// Short title.
    pub title: String,
    /// verified, partial or unverified.
    pub status: String,
    /// Where the facts come from.
    pub source: String,
}

/// All reference tables.
#[derive(Debug, Clone)]
pub struct Tables {
    /// Document types, longest code first.
    pub doc_types: Vec<DocType>,
    /// Issuers by code.
    pub issuers: HashMap<String, Issuer>,
    /// Provinces (63, pre-2025).
    pub provinces: Vec<Province>,
    /// Districts unique to one province.
    pub districts: Vec<District>,
    /// Central documents.
    pub catalog: Vec<CatalogEntry>,
    /// Relation cue phrases and their kinds (`relation_cues.tsv`), as written in the table.
    pub relation_cues: Vec<(String, String)>,
    /// Party bodies as texts name them (lower case) and their issuer codes (`bodies.tsv`).
    pub bodies: Vec<(String, String)>,
    /// The words texts are read by (`lexicon.tsv`).
    pub words: Words,
    /// National congresses: the date each opened and the term it began (`congresses.tsv`), in order.
    pub congresses: Vec<(String, String)>,
    /// One automaton over the names of `bodies`, pattern `i` being `bodies[i]`: a phrase is read
    /// once for all of them.
    body_names: aho_corasick::AhoCorasick,
    /// One automaton over the lexicon's `body_end_word`s: a body's name is read once for all.
    body_end_words: aho_corasick::AhoCorasick,
    /// Each type code in lower case, with the key of the first type of `doc_types` spelt so: a
    /// written code is looked up once, not compared with every type.
    type_keys: HashMap<String, String>,
    /// The catalog's titles as tokens, made at first use.
    titles: once_cell::sync::OnceCell<TitleIndex>,
}

/// The catalog's titles as tokens ([`Tables::title_tokens`]).
#[derive(Debug, Clone, Default)]
struct TitleIndex {
    /// In how many titles each token stands: a phrase of many titles ("tăng cường sự lãnh
    /// đạo") tells them apart less.
    df: HashMap<String, u32>,
    /// Each entry's title tokens, by symbol, then by term and date.
    by_symbol: HashMap<String, Vec<TitleTokens>>,
}

/// One catalog entry's term, date and title tokens.
type TitleTokens = (Option<String>, Option<String>, std::collections::BTreeSet<String>);

static EMBEDDED: Lazy<Tables> = Lazy::new(|| {
    // The embedded tables are part of the build and tested; a parse failure is a build bug.
    Tables::parse([DOC_TYPES, ISSUERS, PROVINCES, DISTRICTS, CATALOG, RELATION_CUES, BODIES, LEXICON, CONGRESSES])
        .unwrap_or_else(|e| panic!("embedded data: {e:#}"))
});

/// `central_catalog.tsv`: every row's symbol read with the document types, its date checked.
fn catalog_of(text: &str, doc_types: &[DocType]) -> Result<Vec<CatalogEntry>, TableError> {
    let mut cat = Vec::new();
    for r in tsv_rows(text) {
        let symbol = col(&r, 0).to_string();
        let Some((doc_type, number, issuer)) = split_party_symbol(&symbol, doc_types) else {
            return Err(TableError::Row {
                table: "central_catalog.tsv",
                message: format!("cannot read symbol {symbol:?}"),
            });
        };
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let date = col(&r, 2);
        if !date.is_empty() && crate::resolve::dates::iso_date(date).as_deref() != Some(date) {
            return Err(TableError::Row {
                table: "central_catalog.tsv",
                message: format!("{symbol}: date {date:?} is not a date YYYY-MM-DD"),
            });
        }
        cat.push(CatalogEntry {
            symbol,
            doc_type,
            number,
            issuer,
            type_name: col(&r, 1).into(),
            date: opt(col(&r, 2)),
            body: col(&r, 3).into(),
            term: opt(col(&r, 4)),
            plenum: col(&r, 5).trim_start_matches("TW").parse().ok(),
            title: col(&r, 6).into(),
            status: col(&r, 7).into(),
            source: col(&r, 8).into(),
        });
    }
    Ok(cat)
}

/// `congresses.tsv`: the date each congress opened and its term, in date order.
fn congresses_of(text: &str) -> Result<Vec<(String, String)>, TableError> {
    let mut rows = Vec::new();
    for r in tsv_rows(text) {
        let (date, term) = (col(&r, 0).trim(), col(&r, 1).trim());
        if crate::resolve::dates::iso_date(date).as_deref() != Some(date) || term.is_empty() {
            let message = format!("{date:?} {term:?} is not a date YYYY-MM-DD and a term");
            return Err(TableError::Row { table: "congresses.tsv", message });
        }
        rows.push((date.to_string(), term.to_string()));
    }
    rows.sort();
    Ok(rows)
}

fn tsv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1) // header
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn list(s: &str) -> Vec<String> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

fn col<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

/// Splits a Party symbol `08-QĐi/TW` into (type key, number, issuer).
fn split_party_symbol(sym: &str, types: &[DocType]) -> Option<(String, String, String)> {
    let (num, rest) = sym.split_once('-')?;
    let (typ, iss) = rest.split_once('/')?;
    let key = types.iter().find(|t| t.code == typ).map_or(typ, |t| t.key.as_str());
    Some((key.to_string(), strip_zeros(num), iss.to_string()))
}

/// Whether `s[start..end]` stands as whole words (not inside a longer word: "bct" is not in
/// "abct"); "TW4" is "TW" and a plenum: a digit may follow.
fn whole_word(s: &str, start: usize, end: usize) -> bool {
    !s[..start].chars().next_back().is_some_and(char::is_alphanumeric)
        && !s[end..].chars().next().is_some_and(char::is_alphabetic)
}

/// Does `s` hold `w` as whole words (no letter or digit joined on either side)?
///
/// ```
/// assert!(vncite::tables::has_word("của bộ chính trị khóa xii", "bộ chính trị"));
/// assert!(!vncite::tables::has_word("abct", "bct"));
/// ```
pub fn has_word(s: &str, w: &str) -> bool {
    word_starts(s, w).next().is_some()
}

/// Where `w` stands in `s` as whole words (no letter or digit joined on either side), in order.
pub fn word_starts<'a>(s: &'a str, w: &'a str) -> impl Iterator<Item = usize> + 'a {
    s.match_indices(w).map(|(i, _)| i).filter(move |&i| {
        !s[..i].chars().next_back().is_some_and(char::is_alphanumeric)
            && !s[i + w.len()..].chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// `"09"` → `"9"`; keeps a lone `"0"`.
pub fn strip_zeros(n: &str) -> String {
    let t = n.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.to_string()
    }
}

impl Tables {
    /// The tables built into the binary.
    pub fn embedded() -> &'static Tables {
        &EMBEDDED
    }

    /// Embedded tables with any file present in `dir` replacing its embedded twin.
    pub fn load(dir: &Path) -> Result<Tables, TableError> {
        let read = |name: &str, default: &'static str| -> Result<String, TableError> {
            let p = dir.join(name);
            if p.exists() {
                std::fs::read_to_string(&p).map_err(|source| TableError::Read { path: p, source })
            } else {
                Ok(default.to_string())
            }
        };
        Tables::parse([
            &read("doc_types.tsv", DOC_TYPES)?,
            &read("issuers.tsv", ISSUERS)?,
            &read("provinces.tsv", PROVINCES)?,
            &read("districts.tsv", DISTRICTS)?,
            &read("central_catalog.tsv", CATALOG)?,
            &read("relation_cues.tsv", RELATION_CUES)?,
            &read("bodies.tsv", BODIES)?,
            &read("lexicon.tsv", LEXICON)?,
            &read("congresses.tsv", CONGRESSES)?,
        ])
        .map_err(|e| TableError::InDirectory { dir: dir.to_path_buf(), source: Box::new(e) })
    }

    /// Parses the tables from their TSV texts, in this order: doc_types, issuers, provinces,
    /// districts, central_catalog, relation_cues, bodies, lexicon, congresses.
    pub fn parse(
        [types, issuers, provinces, districts, catalog, cues, bodies, lexicon, congresses]: [&str; 9],
    ) -> Result<Tables, TableError> {
        let mut doc_types: Vec<DocType> = tsv_rows(types)
            .map(|r| DocType {
                code: col(&r, 0).into(),
                key: col(&r, 1).into(),
                system: col(&r, 2).into(),
                words: list(col(&r, 3)),
            })
            .collect();
        // Longest code first, so the symbol regex tries QĐNS before QĐ.
        doc_types.sort_by(|a, b| b.code.chars().count().cmp(&a.code.chars().count()).then(a.code.cmp(&b.code)));
        let issuers = tsv_rows(issuers)
            .map(|r| {
                let system = match col(&r, 2) {
                    "state" => System::State,
                    "other" => System::Other,
                    _ => System::Party,
                };
                let code = col(&r, 0).to_string();
                (code.clone(), Issuer { code, level: col(&r, 1).into(), system, name: col(&r, 3).into() })
            })
            .collect();
        let provinces = tsv_rows(provinces)
            .map(|r| Province {
                code: col(&r, 0).into(),
                name: col(&r, 1).into(),
                official: col(&r, 2).into(),
                name_2025: col(&r, 3).into(),
                aliases: list(col(&r, 4)),
                newspapers: list(col(&r, 5)),
                domains: list(col(&r, 6)),
                bylines: list(col(&r, 7)),
            })
            .collect();
        let districts = tsv_rows(districts)
            .map(|r| District { name: col(&r, 0).into(), kind: col(&r, 1).into(), province: col(&r, 2).into() })
            .collect();
        let cat = catalog_of(catalog, &doc_types)?;
        let relation_cues = tsv_rows(cues).map(|r| (col(&r, 0).to_string(), col(&r, 1).to_string())).collect();
        let mut bodies: Vec<(String, String)> =
            tsv_rows(bodies).map(|r| (col(&r, 0).to_lowercase(), col(&r, 1).to_string())).collect();
        // the longest first: an alternation built from them takes "bộ chính trị" before "trung ương"
        bodies.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let words = Words::parse(lexicon)?;
        let congresses = congresses_of(congresses)?;
        let (catalog, relation_cues) = (cat, relation_cues);
        let body_names = aho_corasick::AhoCorasick::new(bodies.iter().map(|b| b.0.as_str()))
            .map_err(|e| TableError::Row { table: "bodies.tsv", message: e.to_string() })?;
        let body_end_words = aho_corasick::AhoCorasick::new(&words.body_end_words)
            .map_err(|e| TableError::Row { table: "lexicon.tsv", message: e.to_string() })?;
        let mut type_keys = HashMap::new();
        for t in &doc_types {
            type_keys.entry(t.code.to_lowercase()).or_insert_with(|| t.key.clone());
        }
        Ok(Tables {
            titles: once_cell::sync::OnceCell::new(),
            type_keys,
            doc_types,
            issuers,
            provinces,
            districts,
            catalog,
            relation_cues,
            bodies,
            words,
            congresses,
            body_names,
            body_end_words,
        })
    }

    /// Where the first `body_end_word` of the lexicon written as a whole word after a space
    /// starts in `s`: where a body's name written before it ends.
    ///
    /// ```
    /// let t = vncite::tables::Tables::embedded();
    /// assert_eq!(t.first_body_end_word("Bộ Chính trị vẫn chưa thực hiện"), Some("Bộ Chính trị ".len()));
    /// assert_eq!(t.first_body_end_word("Bộ Chính trị"), None);
    /// ```
    pub fn first_body_end_word(&self, s: &str) -> Option<usize> {
        self.body_end_words
            .find_overlapping_iter(s)
            .filter(|m| {
                s[..m.start()].chars().next_back().is_some_and(char::is_whitespace)
                    && !s[m.end()..].chars().next().is_some_and(char::is_alphanumeric)
            })
            .map(|m| m.start())
            .min()
    }

    /// The tokens a catalog title is compared by: its words (folded, without the lexicon's
    /// `title_stop_word`s) and its pairs of adjacent syllables ("dan so"), so that a phrase shared
    /// counts more than its syllables scattered ("công tác dân số" fits "Công tác dân số …" better
    /// than "… công tác … sức khỏe nhân dân").
    ///
    /// ```
    /// let t = vncite::tables::Tables::embedded();
    /// let tokens = t.title_tokens("Công tác dân số");
    /// assert!(tokens.contains("dan so") && tokens.contains("cong"));
    /// // the body named and the figures are no part of what a title is about
    /// let tokens = t.title_tokens("Thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị khóa IX");
    /// assert!(!tokens.iter().any(|w| w.contains("chinh") || w.contains("36")));
    /// ```
    pub fn title_tokens(&self, s: &str) -> std::collections::BTreeSet<String> {
        let stop = &self.words.title_stop_words;
        // the bodies named ("của Bộ Chính trị") say who issued, not what about: their names are
        // left out, and no pair spans the gap they leave; so are figures (numbers, years)
        let lower = s.to_lowercase();
        let mut spans: Vec<(usize, usize)> = self.bodies_in(&lower).map(|(at, len, _)| (at, at + len.0)).collect();
        spans.sort_unstable();
        let mut tokens = std::collections::BTreeSet::new();
        let mut from = 0;
        for (a, b) in spans.into_iter().chain(std::iter::once((lower.len(), lower.len()))) {
            if a > from {
                let folded = crate::normalize::fold(&lower[from..a]);
                let syllables: Vec<&str> = folded
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
                    .collect();
                tokens.extend(syllables.iter().filter(|w| w.len() >= 2 && !stop.contains(**w)).map(|w| w.to_string()));
                tokens.extend(
                    syllables
                        .windows(2)
                        .filter(|p| !(stop.contains(p[0]) && stop.contains(p[1])))
                        .map(|p| format!("{} {}", p[0], p[1])),
                );
            }
            from = from.max(b);
        }
        tokens
    }

    fn titles(&self) -> &TitleIndex {
        self.titles.get_or_init(|| {
            let mut index = TitleIndex::default();
            for e in &self.catalog {
                let tokens = self.title_tokens(&e.title);
                for t in &tokens {
                    *index.df.entry(t.clone()).or_default() += 1;
                }
                index.by_symbol.entry(e.symbol.clone()).or_default().push((e.term.clone(), e.date.clone(), tokens));
            }
            index
        })
    }

    /// The title tokens of a catalog entry, made once.
    pub fn entry_title_tokens(&self, e: &CatalogEntry) -> std::borrow::Cow<'_, std::collections::BTreeSet<String>> {
        use std::borrow::Cow;
        self.titles()
            .by_symbol
            .get(&e.symbol)
            .and_then(|v| v.iter().find(|(term, date, _)| *term == e.term && *date == e.date))
            .map_or_else(|| Cow::Owned(self.title_tokens(&e.title)), |(_, _, t)| Cow::Borrowed(t))
    }

    /// How much a title token tells catalog titles apart: ln(titles / titles holding it), 0 for
    /// one in no title.
    pub fn title_token_weight(&self, token: &str) -> f64 {
        self.titles().df.get(token).map_or(0.0, |&n| (self.catalog.len() as f64 / f64::from(n)).ln())
    }

    /// The national (Central Committee) term in force on `date` (`YYYY-MM-DD`): that of the last
    /// congress that opened on or before it.
    ///
    /// ```
    /// let t = vncite::tables::Tables::embedded();
    /// assert_eq!(t.national_term("2022-11-17").as_deref(), Some("XIII"));
    /// assert_eq!(t.national_term("2016-01-19").as_deref(), Some("XI"));
    /// ```
    pub fn national_term(&self, date: &str) -> Option<String> {
        self.congresses.iter().rev().find(|(d, _)| d.as_str() <= date).map(|(_, t)| t.clone())
    }

    /// The canonical name of a type key (`NQ` → `Nghị quyết`).
    pub fn type_name(&self, key: &str) -> String {
        self.doc_types
            .iter()
            .find(|t| t.code == key)
            .or_else(|| self.doc_types.iter().find(|t| t.key == key))
            .and_then(|t| t.words.first().cloned())
            .unwrap_or_else(|| key.to_string())
    }

    /// The graph key for a written type code (`QĐi` → `QĐ`, `Ctr` → `CTr`).
    pub fn type_key(&self, code: &str) -> String {
        // the first type whose code is `code` in any case (the same code is the same in any case)
        self.type_keys.get(&code.to_lowercase()).cloned().unwrap_or_else(|| code.to_string())
    }

    /// The province a pre-2025 province became on 1 July 2025 (`Hà Giang` → `Tuyên Quang`).
    ///
    /// ```
    /// let t = vncite::tables::Tables::embedded();
    /// assert_eq!(t.province_2025("Hà Giang").as_deref(), Some("Tuyên Quang"));
    /// assert_eq!(t.province_2025("Hà Nội").as_deref(), Some("Hà Nội"));
    /// ```
    pub fn province_2025(&self, name: &str) -> Option<String> {
        let p = self.provinces.iter().find(|p| p.name == name)?;
        let n = p.name_2025.trim();
        let n = n.strip_prefix("Tỉnh ").or_else(|| n.strip_prefix("Thành phố ")).unwrap_or(n);
        (!n.is_empty()).then(|| n.to_string())
    }

    /// The Party type words in lower case with their type keys (`nghị quyết` → NQ), longest first,
    /// each once: what extraction and relation reading both read type nouns with.
    pub fn party_type_words(&self) -> Vec<(String, String)> {
        let mut words: Vec<(String, String)> = self
            .doc_types
            .iter()
            .filter(|t| t.system != "state")
            .flat_map(|t| t.words.iter().map(move |w| (w.to_lowercase(), t.key.clone())))
            .collect();
        words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        words.dedup_by(|a, b| a.0 == b.0);
        words
    }

    /// The issuer code of the first Party body a phrase names ("Ban Thường vụ Tỉnh ủy Hà Tĩnh" →
    /// TU; "BCH Đảng bộ tỉnh Phú Thọ" → TU); the longest name at the same place.
    ///
    /// ```
    /// let t = vncite::tables::Tables::embedded();
    /// assert_eq!(t.body_issuer("Ban Thường vụ Tỉnh ủy Hà Tĩnh"), Some("TU"));
    /// assert_eq!(t.body_issuer("Ủy ban Kiểm tra Trung ương"), Some("UBKTTW"));
    /// assert_eq!(t.body_issuer("Ủy ban nhân dân tỉnh"), None);
    /// ```
    pub fn body_issuer(&self, phrase: &str) -> Option<&str> {
        let p = phrase.to_lowercase();
        self.bodies_in(&p).map(|(at, len, row)| (at, len, self.bodies[row].1.as_str())).min().map(|x| x.2)
    }

    /// Where the first Party body in a lower-case phrase starts.
    pub fn body_at(&self, lower: &str) -> Option<usize> {
        self.bodies_in(lower).map(|(at, _, _)| at).min()
    }

    /// Every body named in a lower-case phrase as whole words: (where, the name's length
    /// reversed, its row), so that the least is the first and, at one place, the longest.
    fn bodies_in<'a>(&'a self, lower: &'a str) -> impl Iterator<Item = (usize, std::cmp::Reverse<usize>, usize)> + 'a {
        self.body_names.find_overlapping_iter(lower).filter(|m| whole_word(lower, m.start(), m.end())).map(|m| {
            let row = m.pattern().as_usize();
            (m.start(), std::cmp::Reverse(m.len()), row)
        })
    }

    /// Is `code` a body that is neither Party nor state (the Front, unions, a company's board)?
    /// Their rows in `issuers.tsv` (system `other`) name the code's stem: `HND` covers `HNDT`,
    /// `HNDTW`; `UBMTTQ` covers `UBMTTQVN`.
    fn non_party(&self, code: &str) -> bool {
        self.issuers.values().any(|i| i.system == System::Other && code.starts_with(i.code.as_str()))
    }

    /// Classifies an issuer code: its system and level (`central`, `provincial`, `district`,
    /// `grassroots`, `context` when the sentence decides, or `unknown`).
    pub fn classify_issuer(&self, code: &str) -> (Option<System>, &'static str) {
        fn level_of(s: &str) -> &'static str {
            match s {
                "central" => "central",
                "provincial" => "provincial",
                "district" => "district",
                "grassroots" => "grassroots",
                "context" => "context",
                _ => "unknown",
            }
        }
        if let Some(i) = self.issuers.get(code) {
            return (Some(i.system), level_of(&i.level));
        }
        if self.non_party(code) {
            return (Some(System::Other), "unknown");
        }
        if let Some((first, _)) = code.split_once('-') {
            // `ĐU-MTTW` is a Party committee; `BCHTW-HLGVN` (youth union), `VC-ĐT` (a company) copy the shape.
            let (sys, lvl) = self.classify_issuer(first);
            if self.non_party(first) || sys != Some(System::Party) {
                return (Some(System::Other), "unknown");
            }
            let lvl = if code.ends_with("TW") { "central" } else { lvl };
            return (sys, lvl);
        }
        let party = Some(System::Party);
        if code.ends_with("TW") {
            (party, "central")
        } else if code.ends_with("TU") {
            (party, "provincial")
        } else if code.ends_with("HU") || code.ends_with("QU") {
            (party, "district")
        } else if code.starts_with("ĐUK") {
            (party, "provincial")
        } else if code.starts_with("ĐU") {
            (party, "grassroots")
        } else if code.starts_with("BCS") || code.starts_with("ĐĐ") {
            (party, "context")
        } else if code.starts_with("UBND")
            || code.starts_with("HĐND")
            || code.starts_with("QH")
            || code.starts_with("UBTVQH")
        {
            (Some(System::State), "context")
        } else if code.len() >= 2 && code.starts_with('B') && code.chars().all(|c| c.is_uppercase()) {
            // ministries: BNV, BTC, BGDĐT …
            (Some(System::State), "central")
        } else {
            (None, "unknown")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_that_copy_the_party_shape_are_other() {
        let t = Tables::embedded();
        for code in ["HĐQT", "HNDT", "HNDTW", "UBMTTQVN", "MTTQ", "ĐTN", "LĐLĐ", "BCHTW-HLGVN"] {
            assert_eq!(t.classify_issuer(code).0, Some(System::Other), "{code}");
        }
        for code in ["TU", "HU", "ĐU-MTTW", "HNTW", "UBKTTW", "ĐUK"] {
            assert_eq!(t.classify_issuer(code).0, Some(System::Party), "{code}");
        }
    }

    #[test]
    fn embedded_tables_parse() {
        let t = Tables::embedded();
        assert!(t.doc_types.len() > 20);
        assert_eq!(t.provinces.len(), 63);
        assert!(t.districts.iter().any(|d| d.name == "Nậm Pồ" && d.province == "Điện Biên"));
        assert!(t.catalog.iter().any(|c| c.symbol == "28-NQ/TW" && c.date.as_deref() == Some("2013-10-25")));
        assert_eq!(t.doc_types[0].code.chars().count(), 4);
    }

    #[test]
    fn issuer_classes() {
        let t = Tables::embedded();
        assert_eq!(t.classify_issuer("TW"), (Some(System::Party), "central"));
        assert_eq!(t.classify_issuer("KTTU"), (Some(System::Party), "provincial"));
        assert_eq!(t.classify_issuer("HU"), (Some(System::Party), "district"));
        assert_eq!(t.classify_issuer("ĐU"), (Some(System::Party), "grassroots"));
        assert_eq!(t.classify_issuer("ĐU-MTTW"), (Some(System::Party), "central"));
        assert_eq!(t.classify_issuer("CP").0, Some(System::State));
        assert_eq!(t.classify_issuer("TTg").0, Some(System::State));
        assert_eq!(t.classify_issuer("BGDĐT").0, Some(System::State));
        assert_eq!(t.classify_issuer("BCHTW-HLGVN").0, Some(System::Other));
        assert_eq!(t.classify_issuer("VC-ĐT").0, Some(System::Other));
        assert_eq!(t.classify_issuer("MTTW-BTT").0, Some(System::Other));
        assert_eq!(t.classify_issuer("BCHTW").0, Some(System::Other));
    }

    #[test]
    fn type_keys() {
        let t = Tables::embedded();
        assert_eq!(t.type_key("QĐi"), "QĐ");
        assert_eq!(t.type_key("Ctr"), "CTr");
        assert_eq!(t.type_name("CTr"), "Chương trình hành động");
        assert_eq!(t.type_name("QĐ"), "Quyết định");
        assert_eq!(strip_zeros("007"), "7");
    }
}
