//! The graph of a corpus's analyses: mentions grouped into directive nodes (see `identity.rs`),
//! a node's fields as most of its mentions state them, edges with every place they are stated.

use super::identity::{document_ids, Epochs};
use super::{CiteGraph, DirectiveNode, DocumentNode, Edge, EdgeKind, Evidence, Node, ProvinceNode};
use crate::model::{DocAnalysis, Mention, RelationKind, Resolved, System};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

/// A mention placed on a node: its document, the mention, the node's other candidates.
type Member<'a> = (&'a DocAnalysis, &'a Mention, Vec<String>);

/// The most frequent value, ties to the smallest: deterministic.
fn mode<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let max = counts.values().copied().max()?;
    counts.into_iter().find(|(_, c)| *c == max).map(|(v, _)| v)
}

/// What the documents say, gathered before any node is made.
#[derive(Default)]
struct Gathered<'a> {
    /// Each directive node's mentions.
    members: BTreeMap<String, Vec<Member<'a>>>,
    /// (document node, directive node) → where the document mentions it.
    mention_edges: BTreeMap<(String, String), Vec<Evidence>>,
    /// (citing, cited, kind) → where a text states it.
    rel_edges: BTreeMap<(String, String, RelationKind), Vec<Evidence>>,
    /// Provinces named by documents and local directives.
    provinces: BTreeSet<String>,
    /// Each province's name since 2025, as the analyses give it.
    merged: BTreeMap<String, String>,
    /// (document node, province) for each document about a province.
    about: BTreeSet<(String, String)>,
}

impl<'a> Gathered<'a> {
    /// Adds one document: its province, its mentions on their nodes, its relations.
    fn add(&mut self, d: &'a DocAnalysis, doc_id: &str, epochs: &Epochs) {
        if let (Some(p), Some(p25)) = (&d.province, &d.province_2025) {
            self.merged.insert(p.clone(), p25.clone());
        }
        for m in &d.mentions {
            if let (Some(p), Some(p25)) = (&m.province, &m.province_2025) {
                self.merged.insert(p.clone(), p25.clone());
            }
        }
        if let Some(p) = &d.province {
            self.provinces.insert(p.clone());
            self.about.insert((doc_id.to_string(), p.clone()));
        }
        let mut ids = Vec::with_capacity(d.mentions.len());
        for m in &d.mentions {
            if m.system == System::Other || m.number.is_empty() {
                ids.push(None);
                continue;
            }
            let (id, cands) = epochs.node_of(m);
            self.members.entry(id.clone()).or_default().push((d, m, cands));
            self.mention_edges.entry((doc_id.to_string(), id.clone())).or_default().push(Evidence {
                document: d.source.clone(),
                start: m.start,
                end: m.end,
                snippet: m.snippet.clone(),
                cue: None,
                basis: None,
            });
            ids.push(Some(id));
        }
        self.add_relations(d, &ids);
    }

    /// A document's relations between two different nodes, with the cue as evidence.
    fn add_relations(&mut self, d: &DocAnalysis, ids: &[Option<String>]) {
        for r in &d.relations {
            let (Some(Some(a)), Some(Some(b))) = (ids.get(r.from), ids.get(r.to)) else { continue };
            if a == b {
                continue;
            }
            let snippet = if r.snippet.is_empty() {
                d.mentions.get(r.from).map(|m| m.snippet.clone()).unwrap_or_default()
            } else {
                r.snippet.clone()
            };
            self.rel_edges.entry((a.clone(), b.clone(), r.kind)).or_default().push(Evidence {
                document: d.source.clone(),
                start: r.cue_start,
                end: r.cue_end,
                snippet,
                cue: Some(r.cue.clone()),
                basis: Some(r.basis.as_str().to_string()),
            });
        }
    }
}

/// A document's node; its record's extra fields kept, but not under the names the node uses.
fn document_node(d: &DocAnalysis, id: String) -> Node {
    const RESERVED: [&str; 8] =
        ["id", "kind", "source", "title", "province", "province_2025", "published", "newspaper"];
    Node::Document(DocumentNode {
        id,
        source: d.source.clone(),
        title: d.title.clone(),
        province: d.province.clone(),
        province_2025: d.province_2025.clone(),
        published: d.published.clone(),
        newspaper: d.newspaper.clone(),
        meta: d
            .meta
            .iter()
            .filter(|(k, _)| !RESERVED.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    })
}

/// How sure the node's identity is: 1.0 when the text dates it (or it is local), lower when the
/// catalog or a guess does, 0.5 when it could be another document.
fn confidence(ms: &[Member], candidates: bool) -> f64 {
    let first = ms[0].1;
    let dated_by_text = ms.iter().any(|x| x.1.date.is_some() && x.1.via.is_none());
    if candidates || ms.iter().any(|x| !x.1.candidates.is_empty()) {
        0.5
    } else if dated_by_text || first.is_local() {
        1.0
    } else if ms.iter().any(|x| x.1.via.as_deref() == Some("catalog")) {
        0.9
    } else if ms.iter().any(|x| x.1.via.is_some()) {
        0.7
    } else {
        0.8
    }
}

/// `Nghị quyết 02-NQ/TU (Sơn La)`, `Chỉ thị 05-CT/TW (2016)`.
fn label(type_name: &str, sym: &str, province: Option<&String>, date: Option<&String>, year: Option<i32>) -> String {
    match (province, date, year) {
        (Some(p), _, _) => format!("{type_name} {sym} ({p})"),
        // a date read from a shard may be anything: its year only when it has one
        (None, Some(d), _) if d.get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit())) => {
            format!("{type_name} {sym} ({})", d.get(..4).unwrap_or_default())
        }
        (None, None, Some(y)) => format!("{type_name} {sym} ({y})"),
        _ => format!("{type_name} {sym}"),
    }
}

/// A directive's node: each field as most of its mentions state it.
fn directive_node(id: &str, ms: &[Member]) -> DirectiveNode {
    let first = ms[0].1;
    let date = mode(ms.iter().filter_map(|x| x.1.date.clone()));
    let year =
        date.as_deref().and_then(crate::resolve::dates::year_of).or_else(|| mode(ms.iter().filter_map(|x| x.1.year)));
    let province = if first.is_local() { first.province.clone() } else { None };
    let own_candidates: BTreeSet<String> = ms.iter().flat_map(|x| x.2.iter().cloned()).collect();
    let confidence = confidence(ms, !own_candidates.is_empty());
    let mut candidates: Vec<String> = own_candidates.into_iter().collect();
    candidates.extend(ms.iter().flat_map(|x| x.1.candidates.iter().cloned()));
    candidates.sort();
    candidates.dedup();
    let type_name = mode(ms.iter().map(|x| x.1.type_name.clone())).unwrap_or_default();
    let label = label(&type_name, &first.symbol(), province.as_ref(), date.as_ref(), year);
    let documents: BTreeSet<&str> = ms.iter().map(|x| x.0.source.as_str()).collect();
    DirectiveNode {
        id: id.to_string(),
        doc: Resolved {
            system: first.system,
            doc_type: first.doc_type.clone(),
            type_name,
            number: first.number.clone(),
            issuer: first.issuer.clone(),
            level: first.level,
            body: mode(ms.iter().filter_map(|x| x.1.body.clone())),
            date,
            year,
            term: mode(ms.iter().filter_map(|x| x.1.term.clone())),
            plenum: mode(ms.iter().filter_map(|x| x.1.plenum)),
            province: province.clone(),
        },
        province_2025: province.as_ref().and_then(|_| first.province_2025.clone()),
        label,
        title: mode(ms.iter().filter_map(|x| x.1.title.clone())),
        candidates,
        confidence,
        mentions: ms.len(),
        documents: documents.len(),
        in_degree: 0,
        provinces: 0,
        pagerank: 0.0,
    }
}

/// Every edge, sorted by source, target, kind; one relation per pair of directives: the most
/// specific kind any text states.
fn edges(
    mention_edges: BTreeMap<(String, String), Vec<Evidence>>,
    about: BTreeSet<(String, String)>,
    issued_in: Vec<(String, String)>,
    rel_edges: BTreeMap<(String, String, RelationKind), Vec<Evidence>>,
) -> Vec<(String, String, Edge)> {
    let mut edges: Vec<(String, String, Edge)> = Vec::new();
    for ((s, t), ev) in mention_edges {
        edges.push((s, t, Edge { kind: EdgeKind::Mentions, count: ev.len(), evidence: ev }));
    }
    for (s, p) in about {
        edges.push((s, format!("province:{p}"), Edge { kind: EdgeKind::About, count: 1, evidence: vec![] }));
    }
    for (s, p) in issued_in {
        edges.push((s, format!("province:{p}"), Edge { kind: EdgeKind::IssuedIn, count: 1, evidence: vec![] }));
    }
    let mut strongest: BTreeMap<(String, String), RelationKind> = BTreeMap::new();
    for (s, t, k) in rel_edges.keys() {
        let e = strongest.entry((s.clone(), t.clone())).or_insert(*k);
        *e = (*e).min(*k);
    }
    for ((s, t, k), ev) in rel_edges {
        if strongest.get(&(s.clone(), t.clone())) == Some(&k) {
            edges.push((s, t, Edge { kind: EdgeKind::Relation(k), count: ev.len(), evidence: ev }));
        }
    }
    edges.sort_by(|a, b| (&a.0, &a.1, a.2.kind.as_str()).cmp(&(&b.0, &b.1, b.2.kind.as_str())));
    edges
}

/// Builds the corpus graph from per-document analyses: nodes sorted (documents, then directives,
/// then provinces, each by id), edges sorted by source, target and kind, centrality computed.
pub fn build(docs: &[DocAnalysis]) -> CiteGraph {
    let mut docs: Vec<&DocAnalysis> = docs.iter().collect();
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    let epochs = Epochs::of(&docs);
    let doc_ids = document_ids(&docs);
    let mut gathered = Gathered::default();
    for (d, id) in docs.iter().zip(&doc_ids) {
        gathered.add(d, id, &epochs);
    }
    let Gathered { members, mention_edges, rel_edges, mut provinces, merged, about } = gathered;
    let mut g: DiGraph<Node, Edge> = DiGraph::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for (d, id) in docs.iter().zip(doc_ids) {
        index.insert(id.clone(), g.add_node(document_node(d, id)));
    }
    let mut issued_in = Vec::new();
    for (id, ms) in &members {
        let node = directive_node(id, ms);
        if let Some(p) = node.province.clone().filter(|p| p != "?") {
            provinces.insert(p.clone());
            issued_in.push((id.clone(), p));
        }
        index.insert(id.clone(), g.add_node(Node::Directive(Box::new(node))));
    }
    for p in &provinces {
        let id = format!("province:{p}");
        let name_2025 = merged.get(p).cloned();
        index.insert(id.clone(), g.add_node(Node::Province(ProvinceNode { id, name: p.clone(), name_2025 })));
    }
    for (s, t, e) in edges(mention_edges, about, issued_in, rel_edges) {
        if let (Some(&a), Some(&b)) = (index.get(&s), index.get(&t)) {
            g.add_edge(a, b, e);
        }
    }
    let mut cg = CiteGraph { graph: g, documents: docs.len() };
    cg.compute_centrality();
    cg
}
