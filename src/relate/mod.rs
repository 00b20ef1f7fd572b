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
mod sentences;

pub use cues::{Cue, CueKind, Lexicon};
pub use sentences::sentences;

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

/// Verbs that issue a document: "ban hành Kế hoạch số …", "xây dựng Chương trình …".
const ISSUE_VERBS: &[&str] = &["ban hành", "xây dựng", "đã có", " ra ", "thông qua"];

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
/// let lex = Lexicon::new(vncite::data::Tables::embedded()).unwrap();
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
        let next_sent = sents.get(si + 1).copied();
        while cue_at < cues.len() && cues[cue_at].start < sent.1 {
            let i = cue_at;
            cue_at += 1;
            let CueKind::Relation(kind) = cues[i].kind else { continue };
            for f in reader.read(i, kind, sent, next_sent) {
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

struct Reader<'a> {
    t: &'a str,
    spans: &'a [Span],
    cues: &'a [Cue],
    lex: &'a Lexicon,
    own: Option<usize>,
}

impl Reader<'_> {
    /// The relations one cue states.
    fn read(&self, ci: usize, kind: RelationKind, sent: (usize, usize), next: Option<(usize, usize)>) -> Vec<Found> {
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
            return self.citing_before(cue, sent).map(|x| vec![found(agent, x.0, kind, Basis::Passive)]).unwrap_or_default();
        }
        let cited = self.cited(cue, sent);
        if cited.is_empty() {
            return Vec::new();
        }
        let prefix = &t[sent.0..cue.start];
        if self.modal_between(sent.0, cue.start) {
            return Vec::new();
        }
        // the text's own document acts through the first cue of a sentence only: a later one
        // belongs to the clause of the cue before it ("Căn cứ Thông báo …, sơ kết … thực hiện …")
        let first_cue = !self.cues[..ci]
            .iter()
            .rev()
            .take_while(|c| c.start >= sent.0)
            .any(|c| matches!(c.kind, CueKind::Relation(_)));
        let before = self.citing_before(cue, sent);
        let kind = before.and_then(|b| b.2).unwrap_or(kind);
        let citing = before
            .map(|b| (b.0, b.1))
            .or_else(|| self.this_document(prefix, cue.start))
            .or_else(|| self.subject(prefix, sent.0))
            .or_else(|| self.issued_after(prefix, *cited.last().unwrap_or(&0), sent, next))
            .or_else(|| self.own.filter(|_| first_cue).map(|o| (o, Basis::OwnDocument)));
        let citing = citing.or_else(|| self.demonstrative(prefix, sent.0));
        // "các văn bản hướng dẫn Quy định 366:" then one document a line: each of them acts
        if citing.is_none() && t[..sent.1].ends_with(':') && lists_documents(&t[sent.0..cue.end]) {
            let listed = self.listed_after(sent.1);
            return listed.into_iter().map(|from| found(from, cited[0], kind, Basis::ListedAfter)).collect();
        }
        let Some((from, basis)) = citing else { return Vec::new() };
        let mut cited = cited;
        // a citing document that is itself an item of a list ("Chỉ thị 56, Kết luận 19 về tổng kết
        // … thực hiện Chỉ thị 56 và Thông báo 50") governs one document: the list after it is the outer one
        if basis == Basis::CitingBefore && from > 0 && self.spans[from - 1].start >= sent.0 {
            if self.coordinated(self.spans[from - 1].end, self.spans[from].start) {
                cited.truncate(1);
            }
        }
        cited
            .into_iter()
            .filter(|&to| to != from)
            .map(|to| {
                let mut f = found(from, to, kind, basis);
                // a guide named with the cue guides ("Hướng dẫn số 5 về thực hiện Quy định 69");
                // "Thực hiện X, … ban hành Hướng dẫn <another topic>" implements
                if f.kind == RelationKind::Implements && self.spans[from].doc_type == "HD" && basis != Basis::IssuedAfter {
                    f.kind = RelationKind::Guides;
                }
                f
            })
            .collect()
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
        let plain = gap.len() <= AFTER_PLAIN && !gap.contains(['“', '"', ',', '(']);
        let folded = crate::normalize::fold(gap.trim_end());
        let pointed = gap.len() <= AFTER_POINTED
            && !gap.contains(['“', '"'])
            && ["tai", "trong", "cua", "theo"].iter().any(|w| folded.ends_with(&format!(" {w}")) || folded == *w);
        if !(plain || pointed) || self.cue_in(cue.end, s.start) || gap.contains(';') {
            return Vec::new();
        }
        let mut list = vec![first];
        let mut last = first;
        for j in first + 1..(first + LIST_MAX).min(self.spans.len()) {
            let s = &self.spans[j];
            if s.start >= sent.1 || !self.coordinated(self.spans[last].end, s.start) {
                break;
            }
            list.push(j);
            last = j;
        }
        list
    }

    /// Does the text between two spans join them in one list ("…, ngày … của Bộ Chính trị và")?
    fn coordinated(&self, a: usize, b: usize) -> bool {
        let gap = &self.t[a..b];
        if self.cue_in(a, b) || gap.len() > BEFORE {
            return false;
        }
        let g = gap.trim_end();
        let g = g.strip_suffix("số").unwrap_or(g).trim_end();
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
        let (key, len) = self.lex_noun(rest)?;
        let after = rest[len..].trim_start();
        // "Nghị quyết số 5" would be a mention; "Nghị quyết Đại hội" is another thing
        if after.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase()) || after.starts_with("số") {
            return None;
        }
        // "thi hành Quyết định này": the text's own document when it is of that type
        if after.to_lowercase().starts_with("này") {
            if let Some(o) = self.own.filter(|&o| self.spans[o].doc_type == key) {
                return Some(o);
            }
        }
        let before = self.span_from(cue.start);
        (0..before).rev().find(|&j| self.spans[j].doc_type == key && self.spans[j].system == System::Party)
    }

    fn lex_noun(&self, s: &str) -> Option<(&str, usize)> {
        self.lex.noun_at(s)
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

    /// Is span `j` inside parentheses that close before `pos`?
    fn in_aside(&self, j: usize, pos: usize) -> bool {
        let mut depth = 0i32;
        self.t[self.spans[j].end..pos].chars().any(|c| {
            depth += i32::from(c == '(') - i32::from(c == ')');
            depth < 0
        })
    }

    fn citing_before_at(&self, j: usize, cue: Cue, sent: (usize, usize)) -> Option<(usize, Basis, Option<RelationKind>)> {
        let t = self.t;
        let s = &self.spans[j];
        if s.end > cue.start || s.start < sent.0 || cue.start - s.end > BEFORE {
            return None;
        }
        let gap = &t[s.end..cue.start];
        let low = gap.to_lowercase();
        let i = self.cues.partition_point(|c| c.start < s.end);
        let inside: Vec<&Cue> = self.cues[i..].iter().take_while(|c| c.start < cue.start).collect();
        let reviewed = !inside.is_empty() && inside.iter().all(|c| c.kind == CueKind::Relation(RelationKind::Reviews));
        if !inside.is_empty() && !reviewed {
            return None;
        }
        // the subject of the sentence: only the same document, and no cue, stand before it
        let subject = self.spans[..j].iter().rev().take_while(|x| x.start >= sent.0).all(|x| x.document == s.document)
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
        let described = [" về ", " của ", " ngày "].iter().filter_map(|w| own_part.find(w)).min().unwrap_or(own_part.len());
        let and_at = own_part.match_indices(" và ").map(|(i, _)| i).collect::<Vec<_>>();
        let sibling = !joined_predicates
            && (own_part.trim_end().ends_with(" và")
                || and_at.iter().any(|&i| i < described || self.lex.noun_at(own_part[i + " và ".len()..].trim_start()).is_some()));
        // a document named in an aside "( số 215 - TTr / ĐUCA , ngày … )" is not the actor after it
        let aside = self.in_aside(j, cue.start);
        let blocked = sibling
            || aside
            || low.contains("trên cơ sở")
            || ["cùng với", "gắn với", "gắn ", " theo ", "\u{201c}", ";", " khi "].iter().any(|w| low.contains(w))
            || new_clause(gap)
            || self.claimed(j);
        (!blocked).then_some((j, Basis::CitingBefore, reviewed.then_some(RelationKind::Reviews)))
    }

    /// Is span `j` the object of a cue that states no relation ("theo tinh thần Nghị quyết …")?
    fn claimed(&self, j: usize) -> bool {
        let s = &self.spans[j];
        let i = self.cues.partition_point(|c| c.end <= s.start);
        i.checked_sub(1).and_then(|k| self.cues.get(k)).is_some_and(|c| {
            c.kind == CueKind::NoRelation && s.start - c.end <= AFTER_PLAIN && !self.t[c.end..s.start].contains(['.', ';'])
        })
    }

    /// "Quy định này …", "Hướng dẫn này có hiệu lực … và thay thế …" before the cue: the last
    /// document of that type named (the text's own when it is of that type).
    fn this_document(&self, prefix: &str, cue_start: usize) -> Option<(usize, Basis)> {
        let low = prefix.to_lowercase();
        let at = low.rfind(" này").filter(|&i| low[i + " này".len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))?;
        let key = self.lex.noun_before(prefix[..at].trim_end())?;
        let before = self.span_from(cue_start);
        if let Some(o) = self.own.filter(|&o| self.spans[o].doc_type == key) {
            return Some((o, Basis::ThisDocument));
        }
        (0..before).rev().find(|&j| self.spans[j].doc_type == key).map(|j| (j, Basis::ThisDocument))
    }

    /// A sentence opened by a bare type noun ("Kế hoạch đề ra …", "KẾT LUẬN CỦA BỘ CHÍNH TRỊ VỀ
    /// TIẾP TỤC THỰC HIỆN …") takes up the last document of that type named before it.
    fn subject(&self, prefix: &str, sent_start: usize) -> Option<(usize, Basis)> {
        let head = prefix.trim_start_matches(|c: char| !c.is_alphanumeric());
        let (key, len) = self.lex.noun_at(head)?;
        let after = head[len..].trim_start_matches(['*', ' ']);
        if after.starts_with(|c: char| c.is_ascii_digit()) || after.to_lowercase().starts_with("số") {
            return None;
        }
        if let Some(o) = self.own.filter(|&o| self.spans[o].doc_type == key) {
            return Some((o, Basis::Subject));
        }
        let before = self.span_from(sent_start);
        (0..before).rev().find(|&j| self.spans[j].doc_type == key).map(|j| (j, Basis::Subject))
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
        (last_cited + 1..self.spans.len()).take(ISSUED_TRIES).take_while(|&j| self.spans[j].start < end).find(|&j| {
            let s = &self.spans[j];
            let lead = &t[t.ceil_char_boundary(s.start.saturating_sub(80)).max(self.spans[j - 1].end)..s.start];
            let from = s.start - lead.len();
            let lead = lead.to_lowercase();
            ISSUE_VERBS.iter().any(|v| lead.contains(v))
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
        let before = self.span_from(sent_start).checked_sub(1)?;
        let prev_sent = crate::relate::sentences(&self.t[self.t.floor_char_boundary(self.spans[before].start.saturating_sub(600))..sent_start]);
        let offset = self.t.floor_char_boundary(self.spans[before].start.saturating_sub(600));
        let (ps, _) = prev_sent.last().map(|&(a, b)| (a + offset, b + offset))?;
        let first = self.span_from(ps);
        (first <= before).then_some((first, Basis::Demonstrative))
    }

    /// The first document of each line after `from` (a list or table after a colon): lines without
    /// one before the first item are passed over (table rules), the first such line after ends it.
    fn listed_after(&self, from: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut skipped = 0;
        let mut at = from;
        while out.len() < LIST_MAX && at < self.t.len() {
            let line_end = self.t[at + 1..].find('\n').map_or(self.t.len(), |i| at + 1 + i);
            let j = self.span_from(at);
            if self.spans.get(j).is_some_and(|s| s.start < line_end) {
                out.push(j);
            } else if !out.is_empty() || skipped >= 6 {
                break;
            } else {
                skipped += 1;
            }
            at = line_end;
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

/// Does a stretch start a new clause with its own subject (", Ban Thường vụ …", ". ")?
fn new_clause(gap: &str) -> bool {
    gap.match_indices(", ").any(|(i, _)| {
        let next = &gap[i + 2..];
        next.starts_with(|c: char| c.is_uppercase())
            && !next.starts_with("Kế hoạch")
            && ["Ban ", "Bộ Chính trị", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "UBND", "Ủy ban"]
                .iter()
                .any(|w| next.starts_with(w))
    }) || ISSUE_VERBS.iter().any(|v| gap.contains(&format!("đã {}", v.trim())))
}
