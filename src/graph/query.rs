//! Questions to a built graph: what a directive is and who cites it, what it cites, the most
//! central directives, and counts. A reference may be a node id or what a person types:
//! "21-NQ/TW", "Nghị quyết 21", "NQ 21 2022".

use crate::graph::{CiteGraph, DirectiveNode, Node};
use crate::normalize::{fold, normalize};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// What a person typed, read: type key, number, issuer and year ("Nghị quyết 21", "NQ 21 2022",
/// "21-NQ/TW"). Type words come from the tables, so every type the extractor knows is known here.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reference {
    /// Type key (`NQ`).
    pub doc_type: Option<String>,
    /// Number without leading zeros.
    pub number: Option<String>,
    /// Issuer code after a slash (`TW`).
    pub issuer: Option<String>,
    /// A year written beside the number.
    pub year: Option<i32>,
}

/// Reads a reference as a person types it.
///
/// ```
/// let r = vncite::graph::query::parse_reference("Đề án 5");
/// assert_eq!((r.doc_type.as_deref(), r.number.as_deref()), (Some("ĐA"), Some("5")));
/// let r = vncite::graph::query::parse_reference("NQ 21 2022");
/// assert_eq!((r.doc_type.as_deref(), r.year), (Some("NQ"), Some(2022)));
/// ```
pub fn parse_reference(reference: &str) -> Reference {
    let text = normalize(reference).text;
    let folded = fold(&text);
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ',').filter(|w| !w.is_empty()).collect();
    let numbers: Vec<u32> = words.iter().filter_map(|w| w.parse().ok()).collect();
    let number = numbers.iter().find(|n| **n < 1900 || numbers.len() == 1).map(|n| n.to_string());
    let year = numbers.iter().find(|n| (1930..2100).contains(*n)).filter(|_| numbers.len() > 1).map(|&y| y as i32);
    let tables = crate::tables::Tables::embedded();
    // a type word ("nghị quyết", "đề án"), longest first, else a type code ("NQ", "QĐi")
    let doc_type =
        tables.party_type_words().into_iter().find(|(w, _)| folded.contains(&fold(w))).map(|(_, key)| key).or_else(
            || {
                words.iter().find_map(|w| {
                    let up = w.to_uppercase();
                    tables.doc_types.iter().find(|t| t.code.to_uppercase() == up).map(|t| t.key.clone())
                })
            },
        );
    let issuer = text
        .split_once('/')
        .map(|(_, r)| r.split(|c: char| c.is_whitespace() || c == '@').next().unwrap_or("").replace("TƯ", "TW"))
        .filter(|s| !s.is_empty());
    Reference { doc_type, number, issuer, year }
}

/// The directives a reference can mean (one when it is exact; several when it is ambiguous).
pub fn find(g: &CiteGraph, reference: &str) -> Vec<NodeIndex> {
    if let Some(i) = g.graph.node_indices().find(|&i| g.graph[i].id() == reference) {
        return vec![i];
    }
    let r = parse_reference(reference);
    g.graph
        .node_indices()
        .filter(|&i| {
            let Node::Directive(d) = &g.graph[i] else { return false };
            r.number.as_deref().is_some_and(|n| d.number == n)
                && r.doc_type.as_deref().is_none_or(|t| d.doc_type == t)
                && r.issuer.as_deref().is_none_or(|s| d.issuer == s)
                && r.year.is_none_or(|y| d.year == Some(y))
        })
        .collect()
}

/// The central catalog's documents a reference can mean, cited by the graph or not.
pub fn find_in_catalog<'t>(tables: &'t crate::tables::Tables, reference: &str) -> Vec<&'t crate::tables::CatalogEntry> {
    let r = parse_reference(reference);
    tables
        .catalog
        .iter()
        .filter(|e| {
            r.number.as_deref().is_some_and(|n| e.number == n)
                && r.doc_type.as_deref().is_none_or(|t| e.doc_type == t)
                && r.issuer.as_deref().is_none_or(|s| e.issuer == s)
                && r.year.is_none_or(|y| e.date.as_deref().and_then(crate::resolve::dates::year_of) == Some(y))
        })
        .collect()
}

fn directive(g: &CiteGraph, i: NodeIndex) -> Option<&DirectiveNode> {
    match &g.graph[i] {
        Node::Directive(d) => Some(d),
        _ => None,
    }
}

/// The relations of a directive: (other node id, label, kind, count) out or in.
fn relations(g: &CiteGraph, i: NodeIndex, dir: Direction) -> Vec<Value> {
    let mut out: Vec<Value> = g
        .graph
        .edges_directed(i, dir)
        .filter(|e| e.weight().kind.relation().is_some())
        .map(|e| {
            let other = if dir == Direction::Outgoing { e.target() } else { e.source() };
            let label = directive(g, other).map_or_else(|| g.graph[other].id().to_string(), |d| d.label.clone());
            json!({"id": g.graph[other].id(), "label": label, "kind": e.weight().kind, "count": e.weight().count})
        })
        .collect();
    out.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    out
}

/// Everything about one directive: fields, the documents that mention it (with the sentence),
/// what it cites and what cites it.
pub fn show(g: &CiteGraph, i: NodeIndex) -> Value {
    let mut v = match &g.graph[i] {
        Node::Directive(d) => serde_json::to_value(d.as_ref()).unwrap_or(Value::Null),
        n => json!({"kind": n.kind()}),
    };
    v["id"] = json!(g.graph[i].id());
    let mut docs: Vec<Value> = g
        .graph
        .edges_directed(i, Direction::Incoming)
        .filter(|e| e.weight().kind == crate::graph::EdgeKind::Mentions)
        .map(|e| {
            let doc = &g.graph[e.source()];
            let title = if let Node::Document(d) = doc { d.title.clone() } else { String::new() };
            let snippets: Vec<&str> = e.weight().evidence.iter().map(|x| x.snippet.as_str()).collect();
            json!({"document": doc.id(), "title": title, "count": e.weight().count, "sentences": snippets})
        })
        .collect();
    docs.sort_by(|a, b| a["document"].as_str().cmp(&b["document"].as_str()));
    v["mentioned_by"] = Value::Array(docs);
    v["cites"] = Value::Array(relations(g, i, Direction::Outgoing));
    v["cited_by"] = Value::Array(relations(g, i, Direction::Incoming));
    v
}

/// What a directive cites (`Outgoing`) or what cites it (`Incoming`).
pub fn cites(g: &CiteGraph, i: NodeIndex, dir: Direction) -> Vec<Value> {
    relations(g, i, dir)
}

/// The top directives by mentions, documents, provinces or pagerank.
pub fn top(g: &CiteGraph, by: &str, n: usize) -> Vec<Value> {
    let mut ds: Vec<&DirectiveNode> = g
        .graph
        .node_weights()
        .filter_map(|x| match x {
            Node::Directive(d) => Some(d.as_ref()),
            _ => None,
        })
        .collect();
    let score = |d: &DirectiveNode| -> f64 {
        match by {
            "documents" => d.documents as f64,
            "provinces" => d.provinces as f64,
            "pagerank" => d.pagerank,
            _ => d.mentions as f64,
        }
    };
    ds.sort_by(|a, b| score(b).total_cmp(&score(a)).then(a.id.cmp(&b.id)));
    ds.into_iter()
        .take(n)
        .map(|d| json!({"id": d.id, "label": d.label, "mentions": d.mentions, "documents": d.documents, "provinces": d.provinces, "pagerank": d.pagerank}))
        .collect()
}

/// Counts of directives by type, level, province and year; of documents and edges.
pub fn stats(g: &CiteGraph) -> Value {
    let mut by: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for n in g.graph.node_weights() {
        *kinds.entry(n.kind().to_string()).or_default() += 1;
        if let Node::Directive(d) = n {
            *by.entry("type").or_default().entry(d.doc_type.clone()).or_default() += 1;
            *by.entry("level").or_default().entry(d.level.to_string()).or_default() += 1;
            *by.entry("system").or_default().entry(d.system.as_str().to_string()).or_default() += 1;
            *by.entry("province").or_default().entry(d.province.clone().unwrap_or_else(|| "-".into())).or_default() +=
                1;
            // the same grouped by the 34 provinces of the 2025 merger
            *by.entry("province_2025")
                .or_default()
                .entry(d.province_2025.clone().unwrap_or_else(|| "-".into()))
                .or_default() += 1;
            *by.entry("year").or_default().entry(d.year.map_or_else(|| "-".into(), |y| y.to_string())).or_default() +=
                1;
        }
    }
    let mut edges: BTreeMap<String, usize> = BTreeMap::new();
    for e in g.graph.edge_weights() {
        *edges.entry(e.kind.to_string()).or_default() += 1;
    }
    json!({"nodes": kinds, "edges": edges, "directives_by": by})
}
