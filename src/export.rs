//! Stage 5: write the graph out — node-link JSON (networkx), DOT (Graphviz), mentions JSONL.
//!
//! Every file is written to a temporary name in the destination directory and renamed into place,
//! so an interrupted run never leaves a half-written graph. All corpus text is escaped for its
//! format (serde_json for JSON, `dot_quote` for DOT).

use crate::graph::{CiteGraph, Node};
use crate::model::DocAnalysis;
use anyhow::{Context, Result};
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> Result<()> {
        let mut f = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        f.write_all(bytes).with_context(|| format!("writing {}", tmp.display()))?;
        f.sync_all().ok();
        std::fs::rename(&tmp, path).with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn node_json(n: &Node) -> Value {
    let mut v = match n {
        Node::Document(d) => serde_json::to_value(d),
        Node::Directive(d) => serde_json::to_value(d),
        Node::Province(p) => serde_json::to_value(p),
    }
    .unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        // "id" and "kind" first: easier to read
        let mut out = Map::new();
        out.insert("id".into(), Value::String(n.id().to_string()));
        out.insert("kind".into(), Value::String(n.kind().into()));
        for (k, val) in std::mem::take(m) {
            if k != "id" {
                out.insert(k, val);
            }
        }
        return Value::Object(out);
    }
    v
}

/// The graph as node-link JSON: `networkx.node_link_graph(data, edges="links")` reads it.
pub fn to_json(g: &CiteGraph) -> Value {
    let nodes: Vec<Value> = g.graph.node_weights().map(node_json).collect();
    let links: Vec<Value> = g
        .graph
        .edge_references()
        .map(|e| {
            let w = e.weight();
            json!({
                "source": g.graph[e.source()].id(),
                "target": g.graph[e.target()].id(),
                "kind": w.kind,
                "key": w.kind,
                "count": w.count,
                "evidence": w.evidence,
            })
        })
        .collect();
    let (dirs, party, kinds) = g.counts();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "name": "vncite citation graph",
            "generator": concat!("vncite ", env!("CARGO_PKG_VERSION")),
            "documents": g.documents,
            "directives": dirs,
            "party_directives": party,
            "edges_by_kind": kinds,
        },
        "nodes": nodes,
        "links": links,
    })
}

/// One JSON object a line per mention: document, node, offsets, exact text and resolved fields.
pub fn mentions_jsonl(docs: &[DocAnalysis], g: &CiteGraph) -> String {
    // the node each mention landed on, by (document, start, end)
    let mut node_at = std::collections::BTreeMap::new();
    for e in g.graph.edge_references().filter(|e| e.weight().kind == "mentions") {
        for ev in &e.weight().evidence {
            node_at.insert((ev.document.clone(), ev.start, ev.end), g.graph[e.target()].id().to_string());
        }
    }
    let mut docs: Vec<&DocAnalysis> = docs.iter().collect();
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    let mut out = String::new();
    for d in docs {
        for m in &d.mentions {
            let mut v = serde_json::to_value(m).unwrap_or(Value::Null);
            if let Value::Object(o) = &mut v {
                let mut head = Map::new();
                head.insert("document".into(), Value::String(d.source.clone()));
                head.insert(
                    "node".into(),
                    node_at.get(&(d.source.clone(), m.start, m.end)).map_or(Value::Null, |s| Value::String(s.clone())),
                );
                head.extend(std::mem::take(o));
                v = Value::Object(head);
            }
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    out
}

/// Quotes a string for DOT: backslashes, quotes and line breaks escaped.
pub fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\0' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), Id::Escaped(dot_quote(v)))
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// Fill colour by level, so the cascade reads at a glance.
fn level_colour(level: &str, system: &str) -> &'static str {
    if system == "state" {
        return "#e0e0e0";
    }
    match level {
        "central" => "#f4a582",
        "provincial" => "#92c5de",
        "district" => "#d1e5f0",
        "grassroots" => "#fddbc7",
        _ => "#ffffff",
    }
}

/// The graph as DOT, drawn left to right: documents as notes, directives as boxes coloured by
/// level, provinces as ellipses.
pub fn to_dot(g: &CiteGraph) -> String {
    let mut stmts: Vec<Stmt> = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
            attr("overlap", "false"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "10"),
            attr("style", "filled"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("fontname", "Helvetica"), attr("fontsize", "8")])),
    ];
    for n in g.graph.node_weights() {
        let attrs = match n {
            Node::Document(d) => vec![
                attr("shape", "note"),
                attr("fillcolor", "#f7f7f7"),
                attr("label", &format!("{}\n{}", short(&d.title, 40), short(&d.source, 40))),
            ],
            Node::Directive(d) => {
                let mut label = d.label.clone();
                if let Some(t) = &d.title {
                    label.push('\n');
                    label.push_str(&short(t, 40));
                }
                vec![
                    attr("shape", "box"),
                    attr("style", if d.system == "state" { "filled,dashed" } else { "filled,rounded" }),
                    attr("fillcolor", level_colour(&d.level, &d.system)),
                    attr("label", &label),
                ]
            }
            Node::Province(p) => vec![attr("shape", "ellipse"), attr("fillcolor", "#b8e186"), attr("label", &p.name)],
        };
        stmts.push(Stmt::Node(DotNode::new(NodeId(Id::Escaped(dot_quote(n.id())), None), attrs)));
    }
    for e in g.graph.edge_references() {
        let w = e.weight();
        let mut attrs =
            vec![attr("label", &if w.count > 1 { format!("{} ×{}", w.kind, w.count) } else { w.kind.clone() })];
        match w.kind.as_str() {
            "mentions" => attrs.push(attr("color", "#999999")),
            "about" | "issued_in" => {
                attrs.push(attr("style", "dotted"));
                attrs.push(attr("color", "#4d9221"));
            }
            _ => {
                attrs.push(attr("color", "#b2182b"));
                attrs.push(attr("penwidth", "2"));
            }
        }
        let v = |i: petgraph::graph::NodeIndex| Vertex::N(NodeId(Id::Escaped(dot_quote(g.graph[i].id())), None));
        stmts.push(Stmt::Edge(DotEdge { ty: EdgeTy::Pair(v(e.source()), v(e.target())), attributes: attrs }));
    }
    let graph = Graph::DiGraph { id: Id::Plain("vncite".into()), strict: false, stmts };
    let mut ctx = PrinterContext::default();
    let mut s = graph.print(&mut ctx);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_quote_escapes() {
        assert_eq!(dot_quote(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(dot_quote("x\ny"), r#""x\ny""#);
    }

    #[test]
    fn atomic_write_replaces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("f.txt");
        write_atomic(&p, b"one").expect("write");
        write_atomic(&p, b"two").expect("write");
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "two");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
    }
}
