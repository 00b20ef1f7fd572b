//! Stage 4: relations — which document implements, continues, amends, replaces, repeals, guides,
//! reviews or is the legal basis of which.
//!
//! Types: [`Span`] (a resolved mention as this stage sees it: where, which system, which type,
//! which document), [`Found`] (a relation between two spans with its cue and [`Basis`]),
//! [`Lexicon`] (the cue phrases of `data/relation_cues.tsv` and the type nouns), [`sentences`].
//!
//! The stage runs after resolution and before the graph, on plain data: the normalised text and
//! its spans in, relations out. Each sentence is read for its cues; for each cue:
//! - **what is cited**: the document named right after the cue ("thực hiện Nghị quyết số 21"),
//!   every further item of the list it heads ("… và Nghị quyết số 29", "…; số 214-QĐ/TW"), or a
//!   type noun after it that takes up the last document of that type ("về thực hiện Nghị quyết");
//! - **who cites**: the document named before the cue in the same sentence ([`Basis::CitingBefore`]);
//!   "Quy định này" before it ([`Basis::ThisDocument`]); a sentence opened by a bare type noun
//!   ("Kế hoạch đề ra …": [`Basis::Subject`]); for a fronted cue ("Thực hiện X, …", "Để cụ thể hóa
//!   X, …") the document the sentence or the next then issues ([`Basis::IssuedAfter`]); the text's
//!   own document ([`Basis::OwnDocument`]); in the passive ("X được sửa đổi bởi Y"), the agent
//!   ([`Basis::Passive`]);
//! - **no relation**: a cue inside "theo tinh thần", a clause made a plan by "sẽ", "dự kiến",
//!   "đồng ý" …, a document and itself.
//!
//! Where one text states two kinds for the same ordered pair, the more specific one stands
//! ([`RelationKind`]'s order); a guide (HD) that implements a document guides it.

mod cues;
pub(crate) mod sentences;

pub use cues::{Cue, CueKind, Lexicon};
pub use sentences::{sentences, unwrap_lines};

use crate::model::{Basis, RelationKind, System};
use std::collections::BTreeMap;

/// A resolved mention as relation reading sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Normalised byte offsets of the mention.
    pub start: usize,
    /// End of the mention (exclusive).
    pub end: usize,
    /// Party or state (mentions of other bodies take no part).
    pub system: System,
    /// The type key (`NQ`, `KH`, `HD` …).
    pub doc_type: String,
    /// Which document: spans with the same value name the same document.
    pub document: usize,
    /// The text's own document ("Số: 41-QĐ/TW", a title line in capitals).
    pub own: bool,
}

/// A relation read from a text: indexes into the spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The citing span.
    pub from: usize,
    /// The cited span.
    pub to: usize,
    /// What the citing document does to the cited one.
    pub kind: RelationKind,
    /// Normalised byte offsets of the cue.
    pub cue_start: usize,
    /// End of the cue.
    pub cue_end: usize,
    /// The construction that gave it.
    pub basis: Basis,
}

/// How far (bytes) a citing document may stand before its cue, and the cited after it.
const BEFORE: usize = 400;
const AFTER_PLAIN: usize = 60;
const AFTER_POINTED: usize = 160;
/// How many items a list may run to, and how many spans are tried for an issued document: they
/// keep the work per cue constant, so the stage stays linear in the number of references.
const LIST_MAX: usize = 16;
const ISSUED_TRIES: usize = 6;
/// How far back a clause is read before its cue, and how many documents back a noun may reach
/// for the one it takes up.
const CLAUSE: usize = 300;
const LOOK_BACK: usize = 64;

/// Reads the relations of the normalised text `t`, whose mentions are `spans` (in text order).
///
/// ```
/// use vncite::model::{RelationKind, System};
/// use vncite::relate::{relate, Lexicon, Span};
/// let t = "Kế hoạch số 42-KH/TU để thực hiện Nghị quyết số 02-NQ/TU.";
/// let span = |s: &str, ty: &str, d| {
///     let start = t.find(s).unwrap();
///     Span { start, end: start + s.len(), system: System::Party, doc_type: ty.into(), document: d, own: false }
/// };
/// let spans = [span("Kế hoạch số 42-KH/TU", "KH", 0), span("Nghị quyết số 02-NQ/TU", "NQ", 1)];
/// let lex = Lexicon::new(vncite::tables::Tables::embedded()).unwrap();
/// let found = relate(t, &spans, &lex);
/// assert_eq!((found[0].from, found[0].to, found[0].kind), (0, 1, RelationKind::Implements));
/// ```
pub fn relate(t: &str, spans: &[Span], lex: &Lexicon) -> Vec<Found> {
    if spans.is_empty() {
        return Vec::new();
    }
    let cues = lex.cues(t);
    let reader = Reader { t, spans, cues: &cues, lex, own: spans.iter().position(|s| s.own) };
    let sents = sentences(t);
    let mut best: BTreeMap<(usize, usize), Found> = BTreeMap::new();
    let mut cue_at = 0;
    for (si, &sent) in sents.iter().enumerate() {
        while cue_at < cues.len() && cues[cue_at].start < sent.0 {
            cue_at += 1;
        }
        let next = sents.get(si + 1).copied();
        let mut first_cue = None;
        while cue_at < cues.len() && cues[cue_at].start < sent.1 {
            let i = cue_at;
            cue_at += 1;
            let CueKind::Relation(kind) = cues[i].kind else { continue };
            let first_cue = *first_cue.get_or_insert(i);
            for f in reader.read(i, kind, Sentence { span: sent, next, first_cue }) {
                keep(&mut best, f, spans);
            }
        }
    }
    best.into_values().collect()
}

/// Keeps `f` unless it is a document and itself, or the pair already has a more specific kind.
fn keep(best: &mut BTreeMap<(usize, usize), Found>, f: Found, spans: &[Span]) {
    let (a, b) = (&spans[f.from], &spans[f.to]);
    if a.document == b.document || a.system == System::Other || b.system == System::Other {
        return;
    }
    let key = (a.document, b.document);
    // relations are kept per pair of documents, at the first spans that state them
    match best.get(&key) {
        Some(old) if old.kind <= f.kind => {}
        _ => {
            best.insert(key, f);
        }
    }
}

/// The sentence a cue is read in: its span, the next sentence's, and its first relation cue.
#[derive(Clone, Copy)]
struct Sentence {
    span: (usize, usize),
    next: Option<(usize, usize)>,
    first_cue: usize,
}

struct Reader<'a> {
    t: &'a str,
    spans: &'a [Span],
    cues: &'a [Cue],
    lex: &'a Lexicon,
    own: Option<usize>,
}

impl Reader<'_> {
    /// The relations one cue states.
    fn read(&self, ci: usize, kind: RelationKind, sent: Sentence) -> Vec<Found> {
        let Sentence { span: sent, next, first_cue } = sent;
        let cue = self.cues[ci];
        let t = self.t;
        let found = |from: usize, to: usize, kind: RelationKind, basis: Basis| Found {
            from,
            to,
            kind,
            cue_start: cue.start,
            cue_end: cue.end,
            basis,
        };
        // passive: "X được sửa đổi bởi Y" — Y acts on X
        if let Some(agent) = self.passive_agent(cue, sent) {
            return self
                .citing_before(cue, sent)
                .map(|x| vec![found(agent, x.0, kind, Basis::Passive)])
                .unwrap_or_default();
        }
        let cited = self.cited(cue, sent);
        if cited.is_empty() {
            return Vec::new();
        }
        // the clause before the cue, read no further back than a clause goes: the work per cue
        // stays bounded however long a sentence runs
        let prefix = crate::analyze::work::read(
            &t[t.ceil_char_boundary(cue.start.saturating_sub(CLAUSE)).max(sent.0)..cue.start],
        );
        let whole = cue.start - sent.0 <= CLAUSE;
        if self.modal_between(cue.start - prefix.len(), cue.start) {
            return Vec::new();
        }
        // the text's own document acts through the first cue of a sentence only: a later one
        // belongs to the clause of the cue before it ("Căn cứ Thông báo …, sơ kết … thực hiện …")
        let first_cue = first_cue == ci;
        let before = self.citing_before(cue, sent);
        let kind = before.and_then(|b| b.2).unwrap_or(kind);
        let citing = before
            .map(|b| (b.0, b.1))
            .or_else(|| self.this_document(prefix, cue.start))
            .or_else(|| self.subject(prefix, sent.0).filter(|_| whole))
            .or_else(|| self.issued_after(prefix, *cited.last().unwrap_or(&0), sent, next).filter(|_| whole))
            .or_else(|| self.own.filter(|_| first_cue).map(|o| (o, Basis::OwnDocument)));
        let citing = citing.or_else(|| self.demonstrative(prefix, sent.0));
        // "các văn bản hướng dẫn Quy định 366:" then one document a line: each of them acts
        if citing.is_none() && t[..sent.1].ends_with(':') && lists_documents(&t[cue.start - prefix.len()..cue.end]) {
            let listed = self.listed_after(sent.1);
            return listed.into_iter().map(|from| found(from, cited[0], kind, Basis::ListedAfter)).collect();
        }
        let Some((from, basis)) = citing else { return Vec::new() };
        let cited = self.outer_list(cited, from, basis, sent);
        cited
            .into_iter()
            .filter(|&to| to != from)
            .map(|to| {
                let mut f = found(from, to, kind, basis);
                // a guide named with the cue guides ("Hướng dẫn số 5 về thực hiện Quy định 69");
                // "Thực hiện X, … ban hành Hướng dẫn <another topic>" implements
                if f.kind == RelationKind::Implements
                    && self.spans[from].doc_type == "HD"
                    && !matches!(basis, Basis::IssuedAfter | Basis::Demonstrative)
                {
                    f.kind = RelationKind::Guides;
                }
                f
            })
            .collect()
    }

    /// The documents a cue's citing document acts on, of those `cited` lists after the cue.
    fn outer_list(&self, mut cited: Vec<usize>, from: usize, basis: Basis, sent: (usize, usize)) -> Vec<usize> {
        // a citing document that is itself an item of a list ("Chỉ thị 56, Kết luận 19 về tổng kết
        // … thực hiện Chỉ thị 56 và Thông báo 50") governs one document: the list after it is the outer one
        if basis == Basis::CitingBefore
            && from > 0
            && self.spans[from - 1].start >= sent.0
            && self.coordinated(self.spans[from - 1].end, self.spans[from].start)
        {
            cited.truncate(1);
        }
        // "… nêu tại Kết luận 121 về tổng kết Nghị quyết 18 và Kết luận 126": when the citing
        // document is itself the object of a cue, an item of its type, not the first cited one's,
        // is its fellow in that outer list (see `parallel_item`), and so is every item after it
        if basis == Basis::CitingBefore && self.is_cited(from, sent.0) {
            let (citing, head) = (&self.spans[from].doc_type, cited.first().map(|&c| &self.spans[c].doc_type));
            if head.is_some_and(|h| h != citing) {
                let fellow = |c: usize| {
                    self.spans[c].doc_type == *citing
                        && !opens_quote(self.between(self.spans[from].end, self.spans[c].start))
                };
                if let Some(k) = cited.iter().position(|&c| fellow(c)) {
                    cited.truncate(k);
                }
            }
        }
        // a sentence that opens with its citing document lists whole statements between
        // semicolons ("Chương trình 30 … thực hiện Nghị quyết 21; Chương trình 144 … về thực hiện …"):
        // the list a cue heads ends at the first semicolon
        if basis == Basis::CitingBefore && self.opens_sentence(sent.0, self.spans[from].start) {
            if let Some(k) = (1..cited.len())
                .find(|&k| self.between(self.spans[cited[k - 1]].end, self.spans[cited[k]].start).contains(';'))
            {
                cited.truncate(k);
            }
        }
        cited
    }

    /// Is span `j` the object of a relation cue right before it, in its sentence (from `sent_start`)?
    fn is_cited(&self, j: usize, sent_start: usize) -> bool {
        let at = self.spans[j].start;
        let i = self.cues.partition_point(|c| c.start < at);
        i.checked_sub(1).and_then(|i| self.cues.get(i)).is_some_and(|c| {
            matches!(c.kind, CueKind::Relation(_)) && c.start >= sent_start && self.span_from(c.end) == j
        })
    }

    /// Is there a cue of any kind that starts in `a..b`?
    fn cue_in(&self, a: usize, b: usize) -> bool {
        let i = self.cues.partition_point(|c| c.start < a);
        self.cues.get(i).is_some_and(|c| c.start < b)
    }

    /// Does a modal word ("sẽ", "dự kiến") stand in `a..b`?
    fn modal_between(&self, a: usize, b: usize) -> bool {
        let i = self.cues.partition_point(|c| c.start < a);
        self.cues[i..].iter().take_while(|c| c.start < b).any(|c| c.kind == CueKind::Modal)
    }

    /// The first span starting at or after `pos`.
    fn span_from(&self, pos: usize) -> usize {
        self.spans.partition_point(|s| s.start < pos)
    }

    /// The documents a cue acts on: the list it heads, or a type noun that takes one up.
    fn cited(&self, cue: Cue, sent: (usize, usize)) -> Vec<usize> {
        let t = self.t;
        let first = self.span_from(cue.end);
        // "về thực hiện Nghị quyết; Kế hoạch số 200 …": the noun takes up a document named before
        if let Some(j) = self.noun_after(cue) {
            return vec![j];
        }
        let Some(s) = self.spans.get(first).filter(|s| s.start < sent.1) else {
            return Vec::new();
        };
        let gap = &t[cue.end..s.start];
        // a document further than a pointing phrase reaches is no object of this cue: the gap is
        // not read (each cue would otherwise read the text up to the next document)
        if gap.len() > AFTER_PLAIN.max(AFTER_POINTED) {
            return Vec::new();
        }
        let gap = crate::analyze::work::read(gap);
        let plain = gap.len() <= AFTER_PLAIN && !gap.contains(['“', '"', ',', '(']);
        // "nêu tại Kết luận số 121-KL/TW": the type noun and "số" may stand outside the span when
        // the symbol alone was read (scrambled tone marks)
        let mut folded = crate::normalize::fold(gap.trim_end());
        if let Some(f) = folded.strip_suffix(" so") {
            folded = f.to_string();
        }
        if let Some(n) = self.lex.nouns_folded().find(|n| folded.ends_with(&format!(" {n}"))) {
            folded.truncate(folded.len() - n.len() - 1);
        }
        let pointed = gap.len() <= AFTER_POINTED
            && !gap.contains(['“', '"'])
            && ["tai", "trong", "cua", "theo"].iter().any(|w| folded.ends_with(&format!(" {w}")) || folded == *w);
        if !(plain || pointed) || self.cue_in(cue.end, s.start) || gap.contains(';') {
            return Vec::new();
        }
        let mut list = vec![first];
        let mut last = first;
        let mut j = first + 1;
        while j < (first + LIST_MAX).min(self.spans.len()) && self.spans[j].start < sent.1 {
            if self.coordinated(self.spans[last].end, self.spans[j].start) {
                last = j;
            } else if let Some(m) = self.parallel_item(first, last, j, sent) {
                last = m;
            } else {
                break;
            }
            list.push(last);
            j = last + 1;
        }
        list
    }

    /// An item of a list that a nested document interrupts: in "các nhiệm vụ nêu tại Kết luận số
    /// 121 … về tổng kết Nghị quyết số 18 … và Kết luận số 126", the nested `j` (Nghị quyết 18, of
    /// another type than the head) belongs to the last item's topic, and the document joined after
    /// it with the head's own type (Kết luận 126) is the next item of the outer list.
    fn parallel_item(&self, head: usize, last: usize, j: usize, sent: (usize, usize)) -> Option<usize> {
        let (h, nested) = (&self.spans[head], &self.spans[j]);
        let gap = self.between(self.spans[last].end, nested.start);
        if nested.doc_type == h.doc_type
            || gap.len() > CLAUSE
            || gap.contains(';')
            || new_clause(gap)
            || opens_quote(self.between(h.end, nested.start))
        {
            return None;
        }
        let m = j + 1;
        let item = self.spans.get(m).filter(|s| s.start < sent.1)?;
        (item.doc_type == h.doc_type && item.system == h.system && self.coordinated(nested.end, item.start))
            .then_some(m)
    }

    /// Does the text between two spans join them in one list ("…, ngày … của Bộ Chính trị và")?
    fn coordinated(&self, a: usize, b: usize) -> bool {
        let gap = self.between(a, b);
        if self.cue_in(a, b) || gap.len() > BEFORE {
            return false;
        }
        let g = gap.trim_end();
        let g = g.strip_suffix("số").unwrap_or(g).trim_end();
        // "và Kết lùận số 126": the type noun may stand outside the span (tone marks scrambled)
        let g = self.lex.without_noun_at_end(g);
        let joined = g.is_empty()
            || g.ends_with([',', ';', '/'])
            || ["và", "và các", "cùng", "cùng với", "với", "hoặc"].iter().any(|w| ends_with_word(g, w));
        joined && !new_clause(gap)
    }

    /// A type noun right after the cue that takes up the last document of its type named before:
    /// "về thực hiện Nghị quyết" (but not "thực hiện nghị quyết của Đảng" in general: it must
    /// have been named).
    fn noun_after(&self, cue: Cue) -> Option<usize> {
        let rest = self.t[cue.end..].trim_start();
        let rest = rest.strip_prefix("các ").unwrap_or(rest);
        let (key, len) = self.lex.noun_at(rest)?;
        let after = rest[len..].trim_start();
        // "Nghị quyết số 5" would be a mention; "Nghị quyết Đại hội" is another thing
        if after.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase()) || after.starts_with("số") {
            return None;
        }
        let before = self.span_from(cue.start);
        // "thi hành Quyết định này": the text's own document when it is of that type
        if starts_with_lower(after, "này") {
            return self.own_or_last(key, before, true);
        }
        self.last_of_type(before, key, true)
    }

    /// The document a type noun takes up: the text's own when it is of that type, else the last
    /// of that type named before span `before`.
    fn own_or_last(&self, key: &str, before: usize, party: bool) -> Option<usize> {
        self.own.filter(|&o| self.spans[o].doc_type == key).or_else(|| self.last_of_type(before, key, party))
    }

    /// The document named before the cue in its sentence, when nothing between them belongs to
    /// another clause: no other cue, no "và"/"cùng với"/"gắn với" (a sibling, not the actor), no
    /// "theo", no new subject; a document introduced by "theo tinh thần" does not act. Two
    /// constructions reach over more: a subject whose predicates are joined ("Quy định 366 … có
    /// hiệu lực từ … và thay thế …"), and a review of the implementing ("Thông báo 5 … tại Hội
    /// nghị sơ kết công tác 6 tháng … thực hiện Nghị quyết 57": the kind is then `reviews`).
    fn citing_before(&self, cue: Cue, sent: (usize, usize)) -> Option<(usize, Basis, Option<RelationKind>)> {
        let j = self.span_from(cue.start).checked_sub(1)?;
        // an alias in an aside ("Quy định số 37-QĐ/TW (sau đây gọi tắt là Quy định 37) về …"):
        // the document before the aside acts
        if self.in_aside(j, cue.start) && j > 0 {
            return self.citing_before_at(j - 1, cue, sent);
        }
        self.citing_before_at(j, cue, sent)
    }

    /// The last span of type `key` before span `before` (a Party one when `party`), among the
    /// last [`LOOK_BACK`] spans.
    fn last_of_type(&self, before: usize, key: &str, party: bool) -> Option<usize> {
        (before.saturating_sub(LOOK_BACK)..before)
            .rev()
            .find(|&j| self.spans[j].doc_type == key && (!party || self.spans[j].system == System::Party))
    }

    /// Does the text from `a` to `b` hold at most four characters but white space (a sentence that
    /// opens with the span at `b`)? Reads no further than it must.
    fn opens_sentence(&self, a: usize, b: usize) -> bool {
        let g = self.t.get(a..b).unwrap_or("").trim();
        crate::analyze::work::read(&g[..g.char_indices().nth(5).map_or(g.len(), |(i, _)| i)]);
        g.chars().nth(4).is_none()
    }

    /// The text from `a` to `b`, empty where spans overlap (`a > b`).
    fn between(&self, a: usize, b: usize) -> &str {
        crate::analyze::work::read(self.t.get(a..b).unwrap_or(""))
    }

    /// Is span `j` inside parentheses that close before `pos`?
    fn in_aside(&self, j: usize, pos: usize) -> bool {
        let mut depth = 0i32;
        self.between(self.spans[j].end, pos).chars().any(|c| {
            depth += i32::from(c == '(') - i32::from(c == ')');
            depth < 0
        })
    }

    fn citing_before_at(
        &self,
        j: usize,
        cue: Cue,
        sent: (usize, usize),
    ) -> Option<(usize, Basis, Option<RelationKind>)> {
        let t = self.t;
        let s = &self.spans[j];
        if s.end > cue.start || s.start < sent.0 || cue.start - s.end > BEFORE {
            return None;
        }
        let gap = crate::analyze::work::read(&t[s.end..cue.start]);
        let low = gap.to_lowercase();
        let i = self.cues.partition_point(|c| c.start < s.end);
        let inside: Vec<&Cue> = self.cues[i..].iter().take_while(|c| c.start < cue.start).collect();
        let reviewed = !inside.is_empty() && inside.iter().all(|c| c.kind == CueKind::Relation(RelationKind::Reviews));
        if !inside.is_empty() && !reviewed {
            return None;
        }
        // the subject of the sentence: only the same document, and no cue, stand before it
        let subject = self.spans[j.saturating_sub(8)..j].iter().all(|x| x.start < sent.0 || x.document == s.document)
            && self.spans[..j.saturating_sub(8)].last().is_none_or(|x| x.start < sent.0)
            && !self.cue_in(sent.0, s.start);
        let joined_predicates = subject && ends_with_word(low.trim_end(), "và") && !low.trim_end().ends_with(", và");
        // what follows a review cue says what is reviewed ("sơ kết công tác 6 tháng … và …")
        let own_part = match inside.first() {
            Some(c) => &t[s.end..c.start],
            None => gap,
        }
        .to_lowercase();
        // "X và xây dựng kế hoạch thực hiện Y": X is a sibling object, not the actor; a "và"
        // inside X's description ("X của Ban … về khoa học và chuyển đổi số …") is not
        let described =
            [" về ", " của ", " ngày "].iter().filter_map(|w| own_part.find(w)).min().unwrap_or(own_part.len());
        let and_at = own_part.match_indices(" và ").map(|(i, _)| i).collect::<Vec<_>>();
        let sibling = !joined_predicates
            && (own_part.trim_end().ends_with(" và")
                || and_at
                    .iter()
                    .any(|&i| i < described || self.lex.noun_at(own_part[i + " và ".len()..].trim_start()).is_some()));
        // a document named in an aside "( số 215 - TTr / ĐUCA , ngày … )" is not the actor after it
        let aside = self.in_aside(j, cue.start);
        // a quotation opened just before the cue is the citing document's title: "Kế hoạch số 129
        // … về việc “Thực hiện Kết luận số 21 …”"; one opened earlier holds another clause
        let quoted = low.trim_end().trim_end_matches(['\u{201c}', '"']).contains(['\u{201c}', '"']);
        let blocked = sibling
            || aside
            || quoted
            || low.contains("trên cơ sở")
            || ["cùng với", "gắn với", "gắn ", " theo ", ";", " khi "].iter().any(|w| low.contains(w))
            || new_clause(gap)
            || self.claimed(j);
        (!blocked).then_some((j, Basis::CitingBefore, reviewed.then_some(RelationKind::Reviews)))
    }

    /// Is span `j` the object of a cue that states no relation ("theo tinh thần Nghị quyết …")?
    fn claimed(&self, j: usize) -> bool {
        let s = &self.spans[j];
        let i = self.cues.partition_point(|c| c.end <= s.start);
        i.checked_sub(1).and_then(|k| self.cues.get(k)).is_some_and(|c| {
            c.kind == CueKind::NoRelation
                && s.start - c.end <= AFTER_PLAIN
                && !self.t[c.end..s.start].contains(['.', ';'])
        })
    }

    /// "Quy định này …", "Hướng dẫn này có hiệu lực … và thay thế …" before the cue: the last
    /// document of that type named (the text's own when it is of that type).
    fn this_document(&self, prefix: &str, cue_start: usize) -> Option<(usize, Basis)> {
        // found in the text as written: lower-casing may change byte lengths (Ⱥ → ⱥ)
        let at = rfind_word_ci(prefix, " này")?;
        let key = self.lex.noun_before(prefix[..at].trim_end())?;
        self.own_or_last(key, self.span_from(cue_start), false).map(|j| (j, Basis::ThisDocument))
    }

    /// A sentence opened by a bare type noun ("Kế hoạch đề ra …", "KẾT LUẬN CỦA BỘ CHÍNH TRỊ VỀ
    /// TIẾP TỤC THỰC HIỆN …") takes up the last document of that type named before it.
    fn subject(&self, prefix: &str, sent_start: usize) -> Option<(usize, Basis)> {
        let head = prefix.trim_start_matches(|c: char| !c.is_alphanumeric());
        let (key, len) = self.lex.noun_at(head)?;
        let after = head[len..].trim_start_matches(['*', ' ']);
        if after.starts_with(|c: char| c.is_ascii_digit()) || starts_with_lower(after, "số") {
            return None;
        }
        self.own_or_last(key, self.span_from(sent_start), false).map(|j| (j, Basis::Subject))
    }

    /// For a fronted cue ("Thực hiện X, …", "Để cụ thể hóa X, …"): the document that the rest of
    /// the sentence, or the next sentence, issues ("… đã ban hành Chương trình hành động số 71").
    fn issued_after(
        &self,
        prefix: &str,
        last_cited: usize,
        sent: (usize, usize),
        next: Option<(usize, usize)>,
    ) -> Option<(usize, Basis)> {
        // a dateline or byline may open the sentence: "Kinhtedothi - Thực hiện …", "(ĐCSVN) – Để …"
        let prefix = match prefix.rfind(" - ") {
            Some(i) if i <= 60 => &prefix[i + 3..],
            _ => prefix,
        };
        let lead = crate::normalize::fold(prefix.trim_matches(|c: char| !c.is_alphanumeric()));
        if !(lead.is_empty() || ["de", "nham", "tiep tuc", "trien khai"].contains(&lead.as_str())) {
            return None;
        }
        let end = next.map_or(sent.1, |n| n.1);
        let t = self.t;
        (last_cited + 1..self.spans.len())
            .take(ISSUED_TRIES)
            .take_while(|&j| self.spans[j].start < end)
            .find(|&j| {
                let s = &self.spans[j];
                let lead =
                    self.between(t.ceil_char_boundary(s.start.saturating_sub(80)).max(self.spans[j - 1].end), s.start);
                let from = s.start - lead.len();
                let lead = lead.to_lowercase();
                self.lex.issuing_verbs().iter().any(|v| lead.contains(v.as_str()))
                    && !self.cue_in(from, s.start)
                    && !self.modal_between(self.spans[last_cited].end, s.start)
            })
            .map(|j| (j, Basis::IssuedAfter))
    }

    /// "Đây là bước cụ thể hóa …", "…, đây là …": the first document named in the sentence before.
    fn demonstrative(&self, prefix: &str, sent_start: usize) -> Option<(usize, Basis)> {
        let clause = prefix.rsplit(", ").next().unwrap_or(prefix).trim_start();
        let low = clause.to_lowercase();
        if !(low.starts_with("đây là") || low.starts_with("đây cũng là") || low.starts_with("văn bản này")) {
            return None;
        }
        // the sentence of the last document named before, read in a bounded window
        let before = self.span_from(sent_start).checked_sub(1)?;
        let at = self.spans[before].start;
        let offset = self.t.floor_char_boundary(at.saturating_sub(600));
        let window = sentences(&self.t[offset..sent_start]);
        let (ps, _) = window.into_iter().map(|(a, b)| (a + offset, b + offset)).rfind(|&(a, _)| a <= at)?;
        Some((self.span_from(ps).min(before), Basis::Demonstrative))
    }

    /// The first document of each line after `from` (a list or table after a colon): lines without
    /// one before the first item are passed over (table rules), the first such line after ends it.
    fn listed_after(&self, from: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut skipped = 0;
        let mut at = from;
        while out.len() < LIST_MAX && at < self.t.len() {
            // `at` is the start of a line, or the colon's end at first
            // a line is looked at for its first few kilobytes only
            let window = self.t.floor_char_boundary((at + 4096).min(self.t.len()));
            let newline = self.t[at..window].find('\n');
            let line_end = newline.map_or(window, |i| at + i);
            let j = self.span_from(at);
            if self.spans.get(j).is_some_and(|s| s.start < line_end) {
                out.push(j);
            } else if !out.is_empty() || skipped >= 6 {
                break;
            } else {
                skipped += 1;
            }
            if newline.is_none() {
                break;
            }
            at = line_end + 1;
        }
        out
    }

    /// In "X được sửa đổi bởi Y" / "X bị thay thế bằng Y": the agent Y.
    fn passive_agent(&self, cue: Cue, sent: (usize, usize)) -> Option<usize> {
        let t = self.t;
        let before = t[t.ceil_char_boundary(cue.start.saturating_sub(16))..cue.start].to_lowercase();
        let before = before.trim_end();
        if !(ends_with_word(before, "được") || ends_with_word(before, "bị")) {
            return None;
        }
        let j = self.span_from(cue.end);
        let s = self.spans.get(j).filter(|s| s.start < sent.1 && s.start - cue.end <= 80)?;
        let gap = t[cue.end..s.start].trim_start().to_lowercase();
        (gap.starts_with("bởi") || gap.starts_with("bằng") || gap.starts_with("tại")).then_some(j)
    }
}

/// The last place `w` (lower case) stands in `s` in any case, as a whole word at its end: a byte
/// index into `s` itself.
fn rfind_word_ci(s: &str, w: &str) -> Option<usize> {
    let n = w.chars().count();
    s.char_indices().rev().map(|(i, _)| i).find(|&i| {
        let rest = &s[i..];
        let len: usize = rest.chars().take(n).map(char::len_utf8).sum();
        rest.chars().take(n).flat_map(char::to_lowercase).eq(w.chars())
            && rest[len..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Does `s` begin with `w` (lower case) in any case? Only as many characters as `w` has are
/// lowered: `s` may run to the end of the text, and this is asked once a reference.
fn starts_with_lower(s: &str, w: &str) -> bool {
    let n = w.chars().count();
    let head = crate::analyze::work::read(&s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]);
    head.to_lowercase().starts_with(w)
}

/// Does a phrase name a set of documents ("các văn bản hướng dẫn", "các kế hoạch thực hiện")?
fn lists_documents(phrase: &str) -> bool {
    let low = phrase.to_lowercase();
    ["văn bản", "các kế hoạch", "các chương trình", "các hướng dẫn", "các quy định"].iter().any(|w| low.contains(w))
}

fn ends_with_word(s: &str, w: &str) -> bool {
    s.len() >= w.len()
        && s.get(s.len() - w.len()..).is_some_and(|x| x.eq_ignore_ascii_case(w))
        && !s[..s.len() - w.len()].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// Does a stretch open a quotation it does not close (a title quoted after a document: what
/// follows in it belongs to the title)?
fn opens_quote(s: &str) -> bool {
    s.matches('“').count() > s.matches('”').count() || s.matches('"').count() % 2 == 1
}

/// Does a stretch start a new clause with its own subject (", Ban Thường vụ …", ". ")?
fn new_clause(gap: &str) -> bool {
    gap.match_indices(", ").any(|(i, _)| {
        let next = &gap[i + 2..];
        next.starts_with(|c: char| c.is_uppercase())
            && !next.starts_with("Kế hoạch")
            && ["Ban ", "Bộ Chính trị", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "UBND", "Ủy ban"]
                .iter()
                .any(|w| next.starts_with(w))
    }) || ["đã ban hành", "đã xây dựng", "đã có", "đã ra", "đã thông qua"].iter().any(|v| gap.contains(v))
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, Meta};
    use crate::resolve::Resolver;

    /// (citing symbol, kind, cited symbol, basis) of every relation the pipeline reads in `text`.
    fn rels(text: &str) -> Vec<(String, &'static str, String, &'static str)> {
        let doc = Document { source: "t".into(), text: text.into(), meta: Meta::default() };
        let a = Resolver::embedded().analyze(&doc);
        a.relations
            .iter()
            .map(|r| (a.mentions[r.from].symbol(), r.kind.as_str(), a.mentions[r.to].symbol(), r.basis.as_str()))
            .collect()
    }

    fn has(text: &str, from: &str, kind: &str, to: &str) {
        let r = rels(text);
        assert!(r.iter().any(|x| x.0 == from && x.1 == kind && x.2 == to), "{from} {kind} {to} not in {r:?}");
    }

    #[test]
    fn citing_document_before_the_cue() {
        let t = "Ngày 3/3/2021, Ban Thường vụ Tỉnh ủy Lai Châu ban hành Kế hoạch số 42-KH/TU về việc lãnh đạo, chỉ đạo để thực hiện Nghị quyết số 02-NQ/TU.";
        assert_eq!(rels(t), [("42-KH/TU".into(), "implements", "02-NQ/TU".into(), "citing_before")]);
        // a predicate joined to the subject: "… có hiệu lực … và thay thế …"
        has(
            "Quy định 366-QĐ/TW về kiểm điểm có hiệu lực từ ngày 30/8/2025 và thay thế Quy định 124-QĐ/TW.",
            "366-QĐ/TW",
            "replaces",
            "124-QĐ/TW",
        );
        // an alias in an aside does not hide the document before it
        has("Bộ Chính trị ban hành Quy định số 37-QĐ/TW (gọi tắt là Quy định 37) về những điều cấm, thay thế Quy định số 47-QĐ/TW.", "37-QĐ/TW", "replaces", "47-QĐ/TW");
    }

    #[test]
    fn fronted_cue_then_the_issued_document() {
        let t = "Để cụ thể hóa Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy đã ban hành Chương trình hành động số 71-CTr/TU.";
        assert_eq!(rels(t), [("71-CTr/TU".into(), "implements", "57-NQ/TW".into(), "issued_after")]);
        // the issuing sentence may follow, and a dateline may open the first
        let t = "Hà Giang - Thực hiện Chỉ thị số 05-CT/TU của Tỉnh ủy về phòng dịch. Ban Thường vụ Huyện ủy đã quán triệt và ban hành Chỉ thị số 08-CT/HU.";
        has(t, "08-CT/HU", "implements", "05-CT/TU");
    }

    #[test]
    fn this_is_found_as_written_whatever_lower_case_does_to_lengths() {
        assert_eq!(super::rfind_word_ci("Ⱥ Quy định NÀY, và", " này"), Some("Ⱥ Quy định".len()));
        assert_eq!(super::rfind_word_ci("Quy định này là", " này"), Some("Quy định".len()));
        assert_eq!(super::rfind_word_ci("Quy định nàyx", " này"), None);
    }

    #[test]
    fn a_word_after_a_cue_is_compared_in_lower_case_on_its_own_characters() {
        assert!(super::starts_with_lower("NÀY, tỉnh ủy …", "này"));
        assert!(super::starts_with_lower("Này", "này"));
        assert!(!super::starts_with_lower("nà", "này"));
        assert!(!super::starts_with_lower("nay", "này"));
        assert!(super::starts_with_lower("Số 5", "số"));
    }

    #[test]
    fn a_noun_takes_up_the_document_across_sentences() {
        let t = "Tỉnh ủy ban hành Kế hoạch số 132-KH/TU ngày 2/2/2023. Kế hoạch đề ra nhiệm vụ triển khai Chỉ thị số 15-CT/TW của Ban Bí thư.";
        assert_eq!(rels(t), [("132-KH/TU".into(), "implements", "15-CT/TW".into(), "subject")]);
        let t = "Ngày 5/1/2024, Bộ Chính trị ban hành Quy định số 41-QĐ/TW. Quy định này thay thế Quy định số 30-QĐ/TW và Quy định số 86-QĐ/TW.";
        has(t, "41-QĐ/TW", "replaces", "30-QĐ/TW");
        has(t, "41-QĐ/TW", "replaces", "86-QĐ/TW");
        // a bare type noun after the cue takes up the document of that type named before
        let t = "Nghị quyết số 45-NQ/TW ngày 24/11/2023 về trí thức; Kế hoạch số 200-KH/TU ngày 2/2/2024 của Tỉnh ủy về thực hiện Nghị quyết; Ủy ban nhân dân tỉnh ban hành kế hoạch.";
        assert_eq!(rels(t), [("200-KH/TU".into(), "implements", "45-NQ/TW".into(), "citing_before")]);
        // "đây là …" takes up the document the sentence before is about
        let t = "Ủy ban Kiểm tra Trung ương đã ban hành Hướng dẫn số 15-HD/UBKTTW về kỷ luật. Theo báo chí, đây là bước cụ thể hóa chỉ đạo tại Công văn số 134-CV/VPTW.";
        assert_eq!(rels(t), [("15-HD/UBKTTW".into(), "implements", "134-CV/VPTW".into(), "demonstrative")]);
    }

    #[test]
    fn one_document_acting_on_several() {
        let t = "Chương trình số 9-CTr/TU của Tỉnh ủy thực hiện Nghị quyết số 27-NQ/TW và Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương.";
        assert_eq!(rels(t).len(), 2);
        let t = "Kế hoạch số 4-KH/HU triển khai Chỉ thị số 3-CT/TU ngày 1/2/2021, Chỉ thị số 5-CT/TU, Kết luận số 8-KL/TU của Tỉnh ủy.";
        assert_eq!(rels(t).len(), 3, "{:?}", rels(t));
        let t = "Chỉ thị này thay thế Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị; Kết luận số 118-KL/TW về việc điều chỉnh, bổ sung Chỉ thị số 35-CT/TW.";
        let r = rels(t);
        assert!(r.iter().any(|x| x.0 == "118-KL/TW" && x.1 == "amends"), "{r:?}");
        // documents listed after a colon act, one a line
        let t = "Các văn bản hướng dẫn Quy định 366-QĐ/TW gồm:\n|\n1 | Hướng dẫn 43-HD/BTCTW năm 2025 | 31/10/2025\n2 | Công văn 100-CV/BTCTW năm 2025\n\nHết.";
        has(t, "43-HD/BTCTW", "guides", "366-QĐ/TW");
        has(t, "100-CV/BTCTW", "guides", "366-QĐ/TW");
        // a document nested in one item's topic does not end the list: the next of the head's type
        // joined after it is an item too, and the nested one is not
        let t = "Kế hoạch số 12-KH/TU nhằm thực hiện các giải pháp nêu tại Kết luận số 40-KL/TW ngày 2/3/2024 của Bộ Chính trị về sơ kết Chỉ thị số 9-CT/TW của Ban Bí thư khóa XII và Kết luận số 44-KL/TW ngày 5/4/2024 của Ban Bí thư.";
        has(t, "12-KH/TU", "implements", "40-KL/TW");
        has(t, "12-KH/TU", "implements", "44-KL/TW");
        assert!(!rels(t).iter().any(|r| r.0 == "12-KH/TU" && r.2 == "9-CT/TW"), "{:?}", rels(t));
        // the type noun of the next item with its tone marks scrambled stays outside its span
        let t = "Kế hoạch số 14-KH/TU thực hiện Kết luận số 45-KL/TW ngày 2/3/2024 về sơ kết Nghị quyết số 9-NQ/TW và Kết lùận số 46-KL/TW.";
        has(t, "14-KH/TU", "implements", "46-KL/TW");
        assert!(!rels(t).iter().any(|r| r.0 == "45-KL/TW" && r.2 == "46-KL/TW"), "{:?}", rels(t));
        // a citing document that no cue governs may act on one of its own type
        let t = "Kế hoạch số 15-KH/TU của Tỉnh ủy về việc thực hiện Kết luận số 47-KL/TW và Kế hoạch số 3-KH/TW.";
        has(t, "15-KH/TU", "implements", "03-KH/TW");
        // nor does one cited itself, when its topic is a quoted title
        let t = "Báo cáo sơ kết việc thực hiện Kế hoạch số 16-KH/TU của Tỉnh ủy về “Thực hiện Kết luận số 48-KL/TW và Kế hoạch số 4-KH/TW”.";
        has(t, "16-KH/TU", "implements", "04-KH/TW");
        // a nested document of the head's own type may be a plain item: nothing is guessed
        let t =
            "Kế hoạch số 13-KH/TU thực hiện Kết luận số 41-KL/TW về sơ kết Kết luận số 7-KL/TW và Chỉ thị số 3-CT/TW.";
        assert!(!rels(t).iter().any(|r| r.0 == "13-KH/TU" && r.2 == "3-CT/TW"), "{:?}", rels(t));
    }

    #[test]
    fn the_texts_own_document() {
        let t = "Số: 41-QĐ/TW\nHà Nội, ngày 3 tháng 11 năm 2021\nQUY ĐỊNH\n- Căn cứ Điều lệ Đảng;\n- Căn cứ Quy định số 22-QĐ/TW của Ban Chấp hành Trung ương;";
        assert_eq!(rels(t), [("41-QĐ/TW".into(), "legal_basis", "22-QĐ/TW".into(), "own_document")]);
        let t = "KẾ HOẠCH SỐ 115-KH/TU\nTHỰC HIỆN NGHỊ QUYẾT SỐ 09-NQ/TW CỦA BỘ CHÍNH TRỊ\nMục đích";
        assert_eq!(rels(t), [("115-KH/TU".into(), "implements", "09-NQ/TW".into(), "citing_before")]);
        // words glued together in a heading, a guide's own text
        let t = "Số: 05-HD/UBKTTW\nHƯỚNG DẪN THỰCHIỆN QUY ĐỊNH SỐ 69-QĐ/TW\nNội dung";
        assert_eq!(rels(t)[0].1, "guides");
        // "thi hành Quyết định này" is the document and itself
        assert!(rels("Số: 7-QĐ/TU\nCác cơ quan thi hành Quyết định này.\nTheo Quyết định số 3-QĐ/TW.").is_empty());
    }

    #[test]
    fn every_kind() {
        has("Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị số 05-CT/TW.", "01-KL/TW", "continues", "05-CT/TW");
        has(
            "Quy định số 262-QĐ/TW sửa đổi, bổ sung một số điều của Quy định số 22-QĐ/TW.",
            "262-QĐ/TW",
            "amends",
            "22-QĐ/TW",
        );
        has("Quyết định số 12-QĐ/TU bãi bỏ Quyết định số 7-QĐ/TU.", "12-QĐ/TU", "repeals", "07-QĐ/TU");
        has("Hướng dẫn số 2-HD/BTCTW hướng dẫn thực hiện Quy định số 8-QĐ/TW.", "02-HD/BTCTW", "guides", "08-QĐ/TW");
        has("Thông báo số 50-TB/TW về sơ kết 5 năm thực hiện Kết luận số 19-KL/TW.", "50-TB/TW", "reviews", "19-KL/TW");
        has(
            "Nghị quyết số 18-NQ/TW ngày 16/6/2022: sau gần 10 năm thực hiện Nghị quyết số 19-NQ/TW.",
            "18-NQ/TW",
            "reviews",
            "19-NQ/TW",
        );
        has(
            "QUY ĐỊNH SỐ 144-QĐ/TW\n- Căn cứ Kết luận số 21-KL/TW của Ban Chấp hành Trung ương;",
            "144-QĐ/TW",
            "legal_basis",
            "21-KL/TW",
        );
        has(
            "Quy định 22-QĐ/TW năm 2021 được sửa đổi bởi khoản 3 Điều 1 Quy định 262-QĐ/TW năm 2025.",
            "262-QĐ/TW",
            "amends",
            "22-QĐ/TW",
        );
    }

    #[test]
    fn scrambled_tone_marks() {
        // some sites scramble tone marks on purpose; the symbol alone is read, the cue still is
        let t = "KẾT LỦẬN 9-KL/TW CỦÀ BỘ CHÍNH TRỊ\nĐể bảỏ đảm thực hịện các nhĩệm vụ nêủ tạí Kết lúận số 12-KL/TW, ngàỷ 2/1/2025.";
        assert_eq!(rels(t), [("09-KL/TW".into(), "implements", "12-KL/TW".into(), "own_document")]);
    }

    #[test]
    fn state_documents_take_part_with_their_system() {
        let t = "Kế hoạch số 88/KH-UBND ngày 3/3/2022 của Ủy ban nhân dân tỉnh thực hiện Nghị quyết số 10-NQ/TU của Tỉnh ủy.";
        assert_eq!(rels(t), [("88/KH-UBND".into(), "implements", "10-NQ/TU".into(), "citing_before")]);
    }

    #[test]
    fn no_relation_where_none_is_stated() {
        // in the spirit of: no relation
        assert!(rels("Nghị quyết số 12-NQ/ĐU ra đời theo tinh thần Nghị quyết số 5-NQ/TW.").is_empty());
        // a plan still to be drafted
        assert!(
            rels("Sau Chỉ thị số 3-CT/TU, Tỉnh ủy sẽ xây dựng kế hoạch thực hiện Nghị quyết số 57-NQ/TW.").is_empty()
        );
        // the cue belongs to another clause: the first document is a sibling object
        assert!(rels(
            "Tỉnh ủy quán triệt Nghị quyết số 27-NQ/TW và xây dựng kế hoạch thực hiện Nghị quyết số 28-NQ/TW."
        )
        .is_empty());
        assert!(rels("Nghị quyết số 04-NQ/TW gắn với thực hiện Chỉ thị số 05-CT/TW.").is_empty());
        // a document in an aside, then a new clause
        assert!(rels("Xem xét tờ trình (số 215-TTr/ĐUCA, ngày 1/3/2019) và ý kiến, trên cơ sở tổng kết 10 năm thực hiện Chỉ thị số 21-CT/TW.").is_empty());
        // a document and itself
        assert!(
            rels("Nghị quyết số 5-NQ/TU về nông thôn. Tỉnh ủy tiếp tục thực hiện Nghị quyết số 5-NQ/TU.").is_empty()
        );
    }

    #[test]
    fn one_edge_per_pair_with_the_more_specific_kind() {
        let t = "Số: 11-HD/UBKTTW\nV/v thực hiện Quy định số 94-QĐ/TW\n- Căn cứ Quy định số 94-QĐ/TW ngày 15/10/2007 của Bộ Chính trị;";
        assert_eq!(rels(t), [("11-HD/UBKTTW".into(), "guides", "94-QĐ/TW".into(), "own_document")]);
    }
}
