//! The relation lexicon: cue phrases and their kinds, read from `data/relation_cues.tsv`, and the
//! type nouns that take up a document ("Kế hoạch đề ra …", "Quy định này").

use crate::model::RelationKind;
use crate::tables::Tables;

/// What a matched phrase says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A relation of this kind.
    Relation(RelationKind),
    /// A phrase that states no relation and claims what follows ("theo tinh thần").
    NoRelation,
    /// A word that makes its clause a plan or a wish ("sẽ", "dự kiến").
    Modal,
}

/// A cue found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Normalised byte offsets of the phrase.
    pub start: usize,
    /// End of the phrase (exclusive).
    pub end: usize,
    /// What it says.
    pub kind: CueKind,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    /// Every phrase, longest first, one pattern per row.
    phrases: regex_automata::meta::Regex,
    /// The kind of each row, by pattern (pattern i is row i).
    kinds: Vec<CueKind>,
    /// Party type nouns (lower case) and their type keys, longest first.
    nouns: Vec<(String, String)>,
    /// The same nouns folded (no marks, đ as d).
    folded: Vec<String>,
    /// The most words a noun has.
    noun_words: usize,
    /// Verbs that issue the citing document after a fronted cue (`issuing_verb` of the lexicon).
    issuing_verbs: Vec<String>,
}

static EMBEDDED: once_cell::sync::Lazy<Lexicon> = once_cell::sync::Lazy::new(|| {
    // the embedded table is part of the build and tested: failing to compile it is a build bug
    Lexicon::new(Tables::embedded()).unwrap_or_else(|e| panic!("embedded relation cues: {e}"))
});

impl Lexicon {
    /// The lexicon of the embedded tables.
    pub fn embedded() -> &'static Lexicon {
        &EMBEDDED
    }

    /// Compiles the cue table and the type nouns of `tables`.
    pub fn new(tables: &Tables) -> Result<Lexicon, String> {
        let mut rows: Vec<(String, CueKind)> = Vec::new();
        for (phrase, kind) in &tables.relation_cues {
            let k = match kind.as_str() {
                "none" => CueKind::NoRelation,
                "modal" => CueKind::Modal,
                other => CueKind::Relation(
                    RelationKind::parse(other).ok_or_else(|| format!("relation_cues.tsv: unknown kind {other:?}"))?,
                ),
            };
            // relation cues are read under scrambled tone marks; "sẽ" must not be "sẻ" (chia sẻ)
            rows.push((pattern(phrase, matches!(k, CueKind::Relation(_))), k));
        }
        // the longest pattern first: alternation takes the first that matches at a place
        rows.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        // one pattern per phrase: a match names its phrase without capture groups, so only the
        // lazy DFA runs (earlier patterns win at a place, as in an alternation)
        let phrases = regex_automata::meta::Regex::builder()
            .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
            .build_many(&rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>())
            .map_err(|e| format!("relation_cues.tsv: {e}"))?;
        let nouns = tables.party_type_words();
        let folded: Vec<String> = nouns.iter().map(|n| crate::normalize::fold(&n.0)).collect();
        let noun_words = folded.iter().map(|n| n.split(' ').count()).max().unwrap_or(0);
        let issuing_verbs = tables.words.issuing_verbs.clone();
        let kinds = rows.into_iter().map(|r| r.1).collect();
        Ok(Lexicon { phrases, kinds, nouns, folded, noun_words, issuing_verbs })
    }

    /// Verbs that issue the citing document after a fronted cue ("Để thực hiện X, … ban hành Y").
    pub fn issuing_verbs(&self) -> &[String] {
        &self.issuing_verbs
    }

    /// Every cue of `t`, in order, each a whole phrase (not inside a longer word).
    pub fn cues(&self, t: &str) -> Vec<Cue> {
        let mut out: Vec<Cue> = Vec::new();
        for m in self.phrases.find_iter(t) {
            let before = t[..m.start()].chars().next_back();
            let after = t[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some(&kind) = self.kinds.get(m.pattern().as_usize()) else { continue };
            // a chain of verbs is one cue ("triển khai thực hiện", "lãnh đạo, chỉ đạo thực hiện"):
            // the more specific kind stands
            if let Some(last) = out.last_mut() {
                if let (CueKind::Relation(a), CueKind::Relation(b)) = (last.kind, kind) {
                    let between =
                        t[last.end..m.start()].trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '_');
                    if between.is_empty() || between == "và" {
                        last.end = m.end();
                        last.kind = CueKind::Relation(a.min(b));
                        continue;
                    }
                }
            }
            out.push(Cue { start: m.start(), end: m.end(), kind });
        }
        out
    }

    /// The type nouns without tone marks ("ket luan"), for comparing with folded text.
    pub fn nouns_folded(&self) -> impl Iterator<Item = &str> {
        self.folded.iter().map(String::as_str)
    }

    /// `g` without a type noun at its end, however its tone marks are written: "… và Kết lùận"
    /// gives "… và".
    ///
    /// ```
    /// let lex = vncite::relate::Lexicon::embedded();
    /// assert_eq!(lex.without_noun_at_end("của Ban Bí thư và Kết lùận"), "của Ban Bí thư và");
    /// assert_eq!(lex.without_noun_at_end("của Ban Bí thư và"), "của Ban Bí thư và");
    /// ```
    pub fn without_noun_at_end<'a>(&self, g: &'a str) -> &'a str {
        let mut at = g.len();
        for _ in 0..self.noun_words {
            // the start of one more word from the end
            at = g[..at].trim_end().rfind(' ').map_or(0, |i| i + 1);
            let tail = crate::normalize::fold(&g[at..]);
            if self.folded.contains(&tail) {
                return g[..at].trim_end();
            }
            if at == 0 {
                break;
            }
        }
        g
    }

    /// The type key of a Party type noun at the start of `s` ("Kế hoạch đề ra" → KH), with the
    /// noun's length in bytes.
    pub fn noun_at(&self, s: &str) -> Option<(&str, usize)> {
        self.nouns.iter().find_map(|(w, key)| {
            let head = s.get(..w.len())?;
            let boundary = !s[w.len()..].chars().next().is_some_and(char::is_alphanumeric);
            (boundary && lower_is(head, w)).then_some((key.as_str(), w.len()))
        })
    }

    /// The type key of a Party type noun that ends `s` ("… Quy định" → QĐ).
    pub fn noun_before(&self, s: &str) -> Option<&str> {
        self.nouns.iter().find_map(|(w, key)| {
            let cut = s.len().checked_sub(w.len())?;
            let tail = s.get(cut..)?;
            let boundary = !s[..cut].chars().next_back().is_some_and(char::is_alphanumeric);
            (boundary && lower_is(tail, w)).then_some(key.as_str())
        })
    }
}

/// Is `s` in lower case `w`? Compared a character at a time, without a lowered copy.
fn lower_is(s: &str, w: &str) -> bool {
    s.chars().flat_map(char::to_lowercase).eq(w.chars())
}

/// The regex of one phrase: words joined by optional white space or underscores, `[word]`
/// optional, `{N}` a number with "gần", "hơn", "trên" or "tròn" before it, `[,]` an optional comma.
///
/// With `tones`, a vowel matches its letter under any tone mark: some sites scramble tone marks
/// on purpose ("thực hịện"), but the letters themselves (a/ă/â, o/ô/ơ, u/ư, e/ê, d/đ) are kept,
/// so that "căn cứ" never matches "cần cù".
fn pattern(phrase: &str, tones: bool) -> String {
    const GAP: &str = r"[\s_]*";
    let mut out = String::new();
    let mut rest = phrase.trim();
    let mut first = true;
    while !rest.is_empty() {
        let (token, optional, tail) = if let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']').unwrap_or(r.len());
            (&r[..close], true, r.get(close + 1..).unwrap_or(""))
        } else {
            let end = rest.find([' ', '[']).unwrap_or(rest.len());
            (&rest[..end], false, &rest[end..])
        };
        let word = if token == "{N}" {
            r"(?:(?:gần|hơn|trên|tròn)[\s_]+)?\d{1,3}".to_string()
        } else if tones {
            token.split(' ').map(any_tone).collect::<Vec<_>>().join(GAP).replace(',', ",?")
        } else {
            token.split(' ').map(regex::escape).collect::<Vec<_>>().join(GAP).replace(',', ",?")
        };
        let glue = if first || token == "," || token.starts_with(',') { "" } else { GAP };
        if optional {
            out.push_str(&format!("(?:{glue}{word})?"));
        } else {
            out.push_str(glue);
            out.push_str(&word);
        }
        first = false;
        rest = tail.trim_start();
    }
    out
}

/// The vowels of one letter under each tone mark (none, huyền, sắc, hỏi, ngã, nặng).
const TONES: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// A word's regex where each vowel matches its letter under any tone mark.
fn any_tone(word: &str) -> String {
    word.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match TONES.iter().find(|g| g.contains(lower)) {
                Some(g) => format!("[{g}]"),
                None => regex::escape(&c.to_string()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(String, CueKind)> {
        let lex = Lexicon::new(Tables::embedded()).expect("lexicon");
        lex.cues(t).into_iter().map(|c| (t[c.start..c.end].to_string(), c.kind)).collect()
    }

    #[test]
    fn longest_phrase_wins_and_optional_words_are_taken() {
        use RelationKind::*;
        assert_eq!(
            kinds("về tiếp tục đẩy mạnh thực hiện"),
            [("tiếp tục đẩy mạnh thực hiện".into(), CueKind::Relation(Continues))]
        );
        assert_eq!(kinds("sửa đổi, bổ sung một số điều"), [("sửa đổi, bổ sung".into(), CueKind::Relation(Amends))]);
        assert_eq!(
            kinds("Sau gần 10 năm thực hiện"),
            [("Sau gần 10 năm thực hiện".into(), CueKind::Relation(Reviews))]
        );
        assert_eq!(kinds("HƯỚNG DẪN THỰCHIỆN"), [("HƯỚNG DẪN THỰCHIỆN".into(), CueKind::Relation(Guides))]);
        assert_eq!(kinds("tổ_chức thực_hiện"), [("thực_hiện".into(), CueKind::Relation(Implements))]);
        assert_eq!(kinds("triển khai thực hiện"), [("triển khai thực hiện".into(), CueKind::Relation(Implements))]);
        assert_eq!(
            kinds("quán triệt, triển khai và thực hiện"),
            [("triển khai và thực hiện".into(), CueKind::Relation(Implements))]
        );
    }

    #[test]
    fn scrambled_tone_marks_but_not_other_letters() {
        use RelationKind::*;
        assert_eq!(kinds("về tiếp tục thực hịện"), [("tiếp tục thực hịện".into(), CueKind::Relation(Continues))]);
        assert_eq!(kinds("TIẾP TỤC THỰC HỊỆN")[0].1, CueKind::Relation(Continues));
        assert!(kinds("cần cù").is_empty(), "â is not ă, u is not ư");
        assert!(kinds("chia sẻ").is_empty(), "a modal word keeps its tone");
    }

    #[test]
    fn phrases_inside_words_and_non_relations() {
        assert!(kinds("thựchiệnnay").is_empty());
        assert_eq!(kinds("theo tinh thần")[0].1, CueKind::NoRelation);
        assert_eq!(kinds("sẽ xây dựng")[0].1, CueKind::Modal);
    }

    #[test]
    fn nouns_at_and_before() {
        let lex = Lexicon::new(Tables::embedded()).expect("lexicon");
        assert_eq!(lex.noun_at("Kế hoạch đề ra"), Some(("KH", "Kế hoạch".len())));
        assert_eq!(lex.noun_at("KẾT LUẬN CỦA"), Some(("KL", "KẾT LUẬN".len())));
        assert_eq!(lex.noun_at("Kế hoạchs"), None);
        assert_eq!(lex.noun_before("thực hiện Quy định"), Some("QĐ"));
    }
}
