//! Node-link JSON (graph.json, read by networkx's `node_link_graph`) and the mentions JSONL.

use crate::export::error::Result;
use crate::graph::{CiteGraph, Node};
use crate::model::DocAnalysis;
use petgraph::visit::EdgeRef;
use serde_json::{json, Value};
use std::io::Write;

/// A node as JSON: "id" and "kind" first, then its own fields.
#[derive(serde::Serialize)]
struct Tagged<'a, T: serde::Serialize> {
    id: &'a str,
    kind: &'a str,
    #[serde(flatten)]
    fields: &'a T,
}

fn write_node(w: &mut (impl Write + ?Sized), n: &Node) -> serde_json::Result<()> {
    let (id, kind) = (n.id(), n.kind());
    match n {
        Node::Document(d) => serde_json::to_writer(&mut *w, &Tagged { id, kind, fields: d }),
        Node::Directive(d) => serde_json::to_writer(&mut *w, &Tagged { id, kind, fields: d.as_ref() }),
        Node::Province(p) => serde_json::to_writer(&mut *w, &Tagged { id, kind, fields: p }),
    }
}

#[derive(serde::Serialize)]
struct Link<'a> {
    source: &'a str,
    target: &'a str,
    kind: crate::graph::EdgeKind,
    key: crate::graph::EdgeKind,
    count: usize,
    evidence: &'a [crate::graph::Evidence],
}

/// Writes the graph as node-link JSON, one node or link a line, streamed (no copy of the graph
/// in memory): `networkx.node_link_graph(data, edges="links")` reads it.
pub fn write_json(g: &CiteGraph, w: &mut (impl Write + ?Sized)) -> Result<()> {
    let (dirs, party, kinds) = g.counts();
    let head = json!({
        "name": "vncite citation graph",
        "generator": concat!("vncite ", env!("CARGO_PKG_VERSION")),
        "documents": g.documents,
        "document_nodes": g.graph.node_weights().filter(|n| matches!(n, Node::Document(_))).count(),
        "directives": dirs,
        "party_directives": party,
        "edges_by_kind": kinds,
    });
    write!(w, "{{\"directed\": true, \"multigraph\": true,\n\"graph\": {head},\n\"nodes\": [")?;
    for (i, n) in g.graph.node_weights().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        write_node(w, n)?;
    }
    w.write_all(b"\n],\n\"links\": [")?;
    for (i, e) in g.graph.edge_references().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let x = e.weight();
        let link = Link {
            source: g.graph[e.source()].id(),
            target: g.graph[e.target()].id(),
            kind: x.kind,
            key: x.kind,
            count: x.count,
            evidence: &x.evidence,
        };
        serde_json::to_writer(&mut *w, &link)?;
    }
    w.write_all(b"\n]}\n")?;
    Ok(())
}

/// The graph as a JSON value (small graphs, tests); `write_json` streams the same document.
pub fn to_json(g: &CiteGraph) -> Value {
    let mut buf = Vec::new();
    match write_json(g, &mut buf) {
        Ok(()) => serde_json::from_slice(&buf).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

/// One JSON object a line per mention: document, node, offsets, exact text and resolved fields.
pub fn write_mentions(docs: &[DocAnalysis], g: &CiteGraph, w: &mut (impl Write + ?Sized)) -> Result<()> {
    let node_at = mention_nodes(g);
    #[derive(serde::Serialize)]
    struct Row<'a> {
        document: &'a str,
        node: Option<&'a str>,
        #[serde(flatten)]
        mention: &'a crate::model::Mention,
    }
    let mut docs: Vec<&DocAnalysis> = docs.iter().filter(|d| !d.mentions.is_empty()).collect();
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    for d in docs {
        for m in &d.mentions {
            let node = node_at.get(&(d.source.as_str(), m.start, m.end)).copied();
            serde_json::to_writer(&mut *w, &Row { document: &d.source, node, mention: m })?;
            w.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// The node each mention landed on, by (document source, start, end).
pub fn mention_nodes(g: &CiteGraph) -> std::collections::HashMap<(&str, usize, usize), &str> {
    let mut node_at = std::collections::HashMap::new();
    for e in g.graph.edge_references().filter(|e| e.weight().kind == crate::graph::EdgeKind::Mentions) {
        for ev in &e.weight().evidence {
            node_at.insert((ev.document.as_str(), ev.start, ev.end), g.graph[e.target()].id());
        }
    }
    node_at
}

/// Every warning a line (`warnings.jsonl`): its text as printed, kind, file and line.
pub fn write_warnings(warnings: &[crate::warning::Warning], w: &mut (impl Write + ?Sized)) -> Result<()> {
    for x in warnings {
        serde_json::to_writer(&mut *w, x)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
