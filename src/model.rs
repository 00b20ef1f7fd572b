//! Plain data types passed between the stages.

use serde::{Deserialize, Serialize};

/// Which family of documents a symbol belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum System {
    /// Communist Party documents (`02-NQ/TU`).
    #[default]
    Party,
    /// State documents (`34/2019/NĐ-CP`).
    State,
    /// Other bodies that copy the Party shape (youth union, companies): kept out of the graph.
    Other,
}

impl System {
    /// The lower-case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            System::Party => "party",
            System::State => "state",
            System::Other => "other",
        }
    }
}

/// Where a document's issuer sits in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The Central Committee, the Politburo, the Secretariat, their commissions; the state's centre.
    #[default]
    Central,
    /// A province's or a centrally-run city's committee (Tỉnh ủy, Thành ủy Hà Nội).
    Provincial,
    /// A district's, a town's or a provincial city's committee (Huyện ủy, Thành ủy Quy Nhơn).
    District,
    /// A commune's, a ward's or a unit's committee (Đảng ủy xã).
    Grassroots,
}

impl Level {
    /// Every level, top to bottom.
    pub const ALL: [Level; 4] = [Level::Central, Level::Provincial, Level::District, Level::Grassroots];

    /// The name in outputs (`provincial`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Central => "central",
            Level::Provincial => "provincial",
            Level::District => "district",
            Level::Grassroots => "grassroots",
        }
    }

    /// The level named `s`.
    ///
    /// ```
    /// use vncite::model::Level;
    /// assert_eq!(Level::parse("district"), Some(Level::District));
    /// assert!(Level::District.is_local() && !Level::Central.is_local());
    /// ```
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Provincial, district or grassroots: a document of one province.
    pub fn is_local(self) -> bool {
        self != Level::Central
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// A full symbol: `02-NQ/TU`, `21 - NQ / TW`, `09/NQ-TW`, `34/2019/NĐ-CP`.
    Symbol,
    /// A type word and a number with the issuing body named: `Chỉ thị 05 của Bộ Chính trị`.
    NumberWithBody,
    /// A number alone that repeats a document the text names in full: `Nghị quyết 09`.
    ShortForm,
    /// A plenum name resolved through the catalog: `Nghị quyết Trung ương 5 (khóa IX)`.
    Plenum,
}

/// A reference found in the text, before its context is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRef {
    /// Normalised byte range of the whole mention (type word included).
    pub start: usize,
    /// End of the mention (exclusive).
    pub end: usize,
    /// Where the text that describes it starts (date, body): the end of the whole symbol for
    /// the earlier items of a list (`Tờ trình số 200 và 202-TTr/UBKTTW, ngày …`).
    pub tail: usize,
    /// Type code as the graph keys it (`NQ`, `QĐ`, `CTr`).
    pub doc_type: String,
    /// Number without leading zeros; empty for a plenum name not yet resolved.
    pub number: String,
    /// Issuer code (`TW`, `TU`, `ĐU-MTTW`, `CP`); empty when not yet known.
    pub issuer: String,
    /// Party, state or other.
    pub system: System,
    /// How it was written.
    pub form: Form,
    /// The type word before the symbol, if any (`Nghị quyết`).
    pub type_word: Option<String>,
    /// Year written inside a state-order symbol (`09/2007/NQ-TW`).
    pub symbol_year: Option<i32>,
    /// Plenum number for a plenum name (`Trung ương 5` → 5).
    pub plenum: Option<u32>,
    /// Term written with a plenum name (`khóa IX`).
    pub plenum_term: Option<String>,
}

/// What a reference resolves to: the document's identity and facts. A [`Mention`] carries them as
/// one text states them; a directive node of the graph as most of its mentions do. Both read
/// these fields through it (`m.level`, `d.number`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Resolved {
    /// Party, state or other.
    pub system: System,
    /// Type code (`NQ`).
    pub doc_type: String,
    /// Type name (`Nghị quyết`).
    pub type_name: String,
    /// Number, no leading zeros.
    pub number: String,
    /// Issuer code (`TW`, `TU`).
    pub issuer: String,
    /// Central, provincial, district or grassroots.
    pub level: Level,
    /// Issuing body as the text names it (on a node: as most often named).
    pub body: Option<String>,
    /// Issuing date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Year, when only the year is known (or the date's year).
    pub year: Option<i32>,
    /// Committee term, Roman numerals (`XIII`).
    pub term: Option<String>,
    /// Plenum of the central committee (`6` for Hội nghị Trung ương 6).
    pub plenum: Option<u32>,
    /// Province of a local document.
    pub province: Option<String>,
}

impl Resolved {
    /// Whether the document is local (provincial, district or grassroots).
    pub fn is_local(&self) -> bool {
        self.level.is_local()
    }
}

/// A fully resolved reference: one mention of one document in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset in the original input where the mention starts.
    pub start: usize,
    /// Byte offset in the original input where it ends (exclusive).
    pub end: usize,
    /// The mention exactly as written in the input.
    pub text: String,
    /// A short stretch of the sentence around it, whitespace folded.
    pub snippet: String,
    /// How it was written.
    pub form: Form,
    /// The document it points to, as this mention resolves it.
    #[serde(flatten)]
    pub doc: Resolved,
    /// The province it belongs to since the 2025 merger (34 provinces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_2025: Option<String>,
    /// Title or topic from the catalog.
    pub title: Option<String>,
    /// Where the date or number came from when not from the sentence (`catalog`, `catalog-topic`).
    pub via: Option<String>,
    /// Other documents this mention could be (symbols with dates), when the text cannot decide.
    pub candidates: Vec<String>,
    /// Things a reader should check (issuer contradicts body, ambiguous plenum …).
    pub warnings: Vec<String>,
}

impl std::ops::Deref for Mention {
    type Target = Resolved;

    fn deref(&self) -> &Resolved {
        &self.doc
    }
}

impl std::ops::DerefMut for Mention {
    fn deref_mut(&mut self) -> &mut Resolved {
        &mut self.doc
    }
}

impl Mention {
    /// The symbol as usually written: `02-NQ/TU`, `34/2019/NĐ-CP`.
    pub fn symbol(&self) -> String {
        match (self.system, self.year) {
            (System::State, Some(y)) if self.doc_type == "Luật" => {
                format!("{}/{y}/{}", self.number, self.issuer)
            }
            (System::State, Some(y)) if self.via.as_deref() == Some("symbol-year") => {
                format!("{}/{y}/{}-{}", self.number, self.doc_type, self.issuer)
            }
            _ => symbol(self.system, &self.doc_type, &self.number, &self.issuer),
        }
    }
}

/// A symbol without a year: `02-NQ/TU` (Party and other), `34/NĐ-CP` (state).
///
/// ```
/// use vncite::model::{symbol, System};
/// assert_eq!(symbol(System::Party, "NQ", "2", "TU"), "02-NQ/TU");
/// assert_eq!(symbol(System::State, "NĐ", "34", "CP"), "34/NĐ-CP");
/// ```
pub fn symbol(system: System, doc_type: &str, number: &str, issuer: &str) -> String {
    match system {
        System::State => format!("{number}/{doc_type}-{issuer}"),
        _ => format!("{}-{doc_type}/{issuer}", pad2(number)),
    }
}

/// Numbers below 10 are written with a leading zero in Party symbols.
pub fn pad2(n: &str) -> String {
    if n.len() == 1 {
        format!("0{n}")
    } else {
        n.to_string()
    }
}

/// What one document does to another. The order is the documented precedence: where texts state
/// two kinds for the same ordered pair, the edge takes the earlier (more specific) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// "thay thế": the citing document takes the cited one's place.
    Replaces,
    /// "sửa đổi, bổ sung", "điều chỉnh, bổ sung".
    Amends,
    /// "bãi bỏ".
    Repeals,
    /// "hướng dẫn thực hiện", or a guide (HD) that implements a document.
    Guides,
    /// "tiếp tục thực hiện", "đẩy mạnh thực hiện", "kế thừa".
    Continues,
    /// "sơ kết", "tổng kết", "sau N năm thực hiện".
    Reviews,
    /// "thực hiện", "triển khai", "cụ thể hóa".
    Implements,
    /// "căn cứ".
    LegalBasis,
}

impl RelationKind {
    /// Every kind, most specific first.
    pub const ALL: [RelationKind; 8] = [
        RelationKind::Replaces,
        RelationKind::Amends,
        RelationKind::Repeals,
        RelationKind::Guides,
        RelationKind::Continues,
        RelationKind::Reviews,
        RelationKind::Implements,
        RelationKind::LegalBasis,
    ];

    /// The name used in outputs (`legal_basis`).
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Replaces => "replaces",
            RelationKind::Amends => "amends",
            RelationKind::Repeals => "repeals",
            RelationKind::Guides => "guides",
            RelationKind::Continues => "continues",
            RelationKind::Reviews => "reviews",
            RelationKind::Implements => "implements",
            RelationKind::LegalBasis => "legal_basis",
        }
    }

    /// The kind named `s` in outputs.
    ///
    /// ```
    /// use vncite::model::RelationKind;
    /// assert_eq!(RelationKind::parse("legal_basis"), Some(RelationKind::LegalBasis));
    /// assert!(RelationKind::Replaces < RelationKind::Implements); // more specific first
    /// ```
    pub fn parse(s: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The construction a relation was read from, so that every edge can be audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The citing document is named before the cue in the same sentence: "Kế hoạch số 42-KH/TU …
    /// để thực hiện Nghị quyết …".
    #[default]
    CitingBefore,
    /// The cue is fronted and the sentence (or the next) then issues the citing document: "Để cụ
    /// thể hóa Nghị quyết 57 …, Ban Thường vụ đã ban hành Chương trình hành động số 71-CTr/TU".
    IssuedAfter,
    /// "Quy định này", "Chỉ thị này" before the cue: the last document of that type named.
    ThisDocument,
    /// A sentence opened by a bare type noun that takes up the last document of that type:
    /// "… ban hành Kế hoạch số 132-KH/TU. Kế hoạch đề ra nhiệm vụ triển khai …".
    Subject,
    /// The text's own document ("Số: 41-QĐ/TW" header, a title line in capitals) acts: "Căn cứ …".
    OwnDocument,
    /// Passive voice: "Quy định 22 được sửa đổi bởi Quy định 262".
    Passive,
    /// "Đây là bước cụ thể hóa …": the demonstrative takes up the document the sentence before
    /// is about (its first-named document).
    Demonstrative,
    /// The documents listed after a colon act: "các văn bản hướng dẫn Quy định 366:" then a list
    /// or table, one document a line.
    ListedAfter,
}

impl Basis {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::CitingBefore => "citing_before",
            Basis::IssuedAfter => "issued_after",
            Basis::ThisDocument => "this_document",
            Basis::Subject => "subject",
            Basis::OwnDocument => "own_document",
            Basis::Passive => "passive",
            Basis::Demonstrative => "demonstrative",
            Basis::ListedAfter => "listed_after",
        }
    }
}

/// One document acts on another: `Kế hoạch 42-KH/TU … để thực hiện Nghị quyết 02-NQ/TU`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Index into the document's mentions: the citing document.
    pub from: usize,
    /// Index into the document's mentions: the cited document.
    pub to: usize,
    /// What the citing document does to the cited one.
    pub kind: RelationKind,
    /// Original byte offsets of the cue phrase.
    pub cue_start: usize,
    /// End of the cue phrase.
    pub cue_end: usize,
    /// The cue as written.
    pub cue: String,
    /// The construction that produced it (shards written before it existed read as `citing_before`).
    #[serde(default)]
    pub basis: Basis,
    /// The words that state it, from the citing mention through the cue to the cited one (at
    /// most about 300 characters), white space folded.
    #[serde(default)]
    pub snippet: String,
}

/// One input text as read from the corpus.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The input path as given, or the JSONL record id.
    pub source: String,
    /// The full text.
    pub text: String,
    /// Other fields of a JSONL record (url, date, source …) or of an HTML page (title, published).
    pub meta: Meta,
}

/// What one document yields: its metadata, mentions and relations.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
// a shard record may leave fields out: they read as empty
#[serde(default)]
pub struct DocAnalysis {
    /// The input path or record id.
    pub source: String,
    /// First line of the text.
    pub title: String,
    /// Published date when the text carries one.
    pub published: Option<String>,
    /// Newspaper or site named in the text.
    pub newspaper: Option<String>,
    /// The province the document is about, `None` for national news.
    pub province: Option<String>,
    /// The province the text is about, as it is named since the 2025 merger.
    pub province_2025: Option<String>,
    /// Every reference, in text order.
    #[serde(default)]
    pub mentions: Vec<Mention>,
    /// Directive-to-directive relations stated in the text.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Problems noticed while reading (written to shards as their messages).
    #[serde(default, with = "crate::warning::as_messages")]
    pub warnings: Vec<crate::warning::Warning>,
    /// Fields carried over from the input record.
    #[serde(default)]
    pub meta: Meta,
}

impl DocAnalysis {
    /// Mentions no directive and is about no province: the graph counts it but, unless asked
    /// (`build --all-documents`), draws no node for it (most of a news corpus).
    pub fn is_silent(&self) -> bool {
        self.mentions.is_empty() && self.province.is_none()
    }
}

/// A record's extra fields, in the order read. A short list, not a map: a corpus has millions of
/// documents with a handful of fields each, and this keeps them small. Serialised as a JSON object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta(pub Vec<(String, serde_json::Value)>);

impl Meta {
    /// The value of a field.
    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets a field, replacing an earlier value.
    pub fn insert(&mut self, key: String, value: serde_json::Value) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// The fields.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &serde_json::Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl FromIterator<(String, serde_json::Value)> for Meta {
    fn from_iter<I: IntoIterator<Item = (String, serde_json::Value)>>(iter: I) -> Self {
        let mut m = Meta::default();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

impl Serialize for Meta {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut sorted: Vec<&(String, serde_json::Value)> = self.0.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut map = s.serialize_map(Some(sorted.len()))?;
        for (k, v) in sorted {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = std::collections::BTreeMap::<String, serde_json::Value>::deserialize(d)?;
        Ok(m.into_iter().collect())
    }
}
