//! The graph as DOT (graph.dot): documents as notes, directives as boxes coloured by level,
//! provinces as ellipses; every corpus string quoted by [`dot_quote`].

use crate::graph::{CiteGraph, Node};
use crate::model::System;
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;

/// Quotes a string for DOT: backslashes, quotes and line breaks escaped, and `&` written `&amp;`
/// (Graphviz reads character references in labels: a title holding `&#0;` would otherwise put a
/// NUL reference into graph.svg).
pub fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
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

/// Fill colour by level, so the cascade reads at a glance (the picture's colours).
fn level_colour(level: crate::model::Level, system: System) -> &'static str {
    if system == System::State {
        return "#e0e0e0";
    }
    level.colour()
}

/// Above this many citing documents a picture (SVG, PNG) leaves documents out: Graphviz's layout
/// grows faster than the graph, and thousands of notes hide the directives. graph.dot keeps them.
pub const PICTURE_DOCUMENTS: usize = 200;

/// Above this many directives a picture keeps the most-mentioned ones (and says so): a picture
/// of thousands is unreadable and Graphviz would take minutes. graph.dot keeps them all.
pub const PICTURE_DIRECTIVES: usize = 300;

/// The graph as DOT, drawn left to right: documents as notes, directives as boxes coloured by
/// level, provinces as ellipses.
pub fn to_dot(g: &CiteGraph) -> String {
    to_dot_with(g, true)
}

/// How many documents mention a directive (the document notes a picture would draw).
pub fn citing_documents(g: &CiteGraph) -> usize {
    g.graph
        .node_indices()
        .filter(|&i| matches!(g.graph[i], Node::Document(_)))
        .filter(|&i| g.graph.edges(i).any(|e| e.weight().kind == crate::graph::EdgeKind::Mentions))
        .count()
}

/// [`to_dot`], with or without the document notes.
pub fn to_dot_with(g: &CiteGraph, documents: bool) -> String {
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
    // documents that cite nothing would bury the picture: they stay in the other formats
    let silent: std::collections::HashSet<petgraph::graph::NodeIndex> = g
        .graph
        .node_indices()
        .filter(|&i| matches!(g.graph[i], Node::Document(_)))
        .filter(|&i| !documents || !g.graph.edges(i).any(|e| e.weight().kind == crate::graph::EdgeKind::Mentions))
        .collect();
    let referenced: std::collections::HashSet<petgraph::graph::NodeIndex> = g
        .graph
        .edge_references()
        .filter(|e| !silent.contains(&e.source()))
        .flat_map(|e| [e.source(), e.target()])
        .collect();
    for (ix, n) in g.graph.node_indices().map(|i| (i, &g.graph[i])) {
        if silent.contains(&ix) || (matches!(n, Node::Province(_)) && !referenced.contains(&ix)) {
            continue;
        }
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
                    attr("style", if d.system == System::State { "filled,dashed" } else { "filled,rounded" }),
                    attr("fillcolor", level_colour(d.level, d.system)),
                    attr("label", &label),
                ]
            }
            Node::Province(p) => vec![attr("shape", "ellipse"), attr("fillcolor", "#b8e186"), attr("label", &p.name)],
        };
        stmts.push(Stmt::Node(DotNode::new(NodeId(Id::Escaped(dot_quote(n.id())), None), attrs)));
    }
    for e in g.graph.edge_references().filter(|e| !silent.contains(&e.source())) {
        let w = e.weight();
        let mut attrs =
            vec![attr("label", &if w.count > 1 { format!("{} ×{}", w.kind, w.count) } else { w.kind.to_string() })];
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
}
