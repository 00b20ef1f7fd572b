//! Node and edge attributes as a flat table, typed once for the whole graph: what GraphML, GEXF
//! and CSV write.

use crate::graph::{CiteGraph, Node};
use petgraph::visit::EdgeRef;
use serde_json::Value;
use std::collections::BTreeMap;

/// An attribute's type across the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Type {
    /// Whole numbers only.
    Long,
    /// Any number.
    Double,
    /// Anything else.
    String,
}

impl Type {
    /// The type's name in GraphML `attr.type` and GEXF `type`.
    pub fn xml_name(self) -> &'static str {
        match self {
            Type::Long => "long",
            Type::Double => "double",
            Type::String => "string",
        }
    }
}

/// Every node's attributes (id and kind first) and every edge's, with one type per name.
pub struct Table {
    /// Attribute names of nodes in a fixed order, with their types.
    pub node_keys: Vec<(String, Type)>,
    /// Per node: id and attribute values by name.
    pub nodes: Vec<(String, BTreeMap<String, Value>)>,
    /// Attribute names of edges with their types.
    pub edge_keys: Vec<(String, Type)>,
    /// Per edge: source id, target id and attribute values.
    pub edges: Vec<(String, String, BTreeMap<String, Value>)>,
}

fn flat(v: Value) -> Option<Value> {
    match v {
        Value::Null => None,
        Value::Array(a) if a.is_empty() => None,
        Value::Array(a) => Some(Value::String(
            a.into_iter()
                .map(|x| x.as_str().map(String::from).unwrap_or_else(|| x.to_string()))
                .collect::<Vec<_>>()
                .join("; "),
        )),
        Value::Object(_) => None,
        Value::Bool(b) => Some(Value::String(b.to_string())),
        v => Some(v),
    }
}

fn type_of(v: &Value) -> Type {
    match v {
        // GraphML and GEXF `long` is 64-bit signed: a larger integer is declared a double
        Value::Number(n) if n.is_i64() => Type::Long,
        Value::Number(_) => Type::Double,
        _ => Type::String,
    }
}

fn node_value(n: &Node) -> Value {
    let v = match n {
        Node::Document(d) => serde_json::to_value(d),
        Node::Directive(d) => serde_json::to_value(d.as_ref()),
        Node::Province(p) => serde_json::to_value(p),
    };
    v.unwrap_or(Value::Null)
}

impl Table {
    /// Flattens `g`.
    pub fn of(g: &CiteGraph) -> Table {
        let mut types: BTreeMap<String, Type> = BTreeMap::new();
        let mut nodes = Vec::with_capacity(g.graph.node_count());
        for n in g.graph.node_weights() {
            let mut row = BTreeMap::new();
            row.insert("kind".to_string(), Value::String(n.kind().into()));
            if let Value::Object(m) = node_value(n) {
                for (k, v) in m {
                    if let Some(v) = flat(v) {
                        row.insert(k, v);
                    }
                }
            }
            for (k, v) in &row {
                let t = types.entry(k.clone()).or_insert(type_of(v));
                *t = (*t).max(type_of(v));
            }
            nodes.push((n.id().to_string(), row));
        }
        // a readable label for every node
        for (id, row) in &mut nodes {
            let label = row
                .get("label")
                .or(row.get("name"))
                .or(row.get("title"))
                .and_then(|v| v.as_str())
                .map_or_else(|| id.clone(), String::from);
            row.insert("label".into(), Value::String(label));
        }
        types.insert("label".into(), Type::String);
        let mut node_keys: Vec<(String, Type)> = types.into_iter().collect();
        // kind and label first: what a reader looks for
        node_keys.sort_by_key(|(k, _)| (k != "kind", k != "label", k.clone()));
        let edges = g
            .graph
            .edge_references()
            .map(|e| {
                let mut row = BTreeMap::new();
                row.insert("kind".to_string(), Value::String(e.weight().kind.to_string()));
                row.insert("count".to_string(), Value::from(e.weight().count));
                (g.graph[e.source()].id().to_string(), g.graph[e.target()].id().to_string(), row)
            })
            .collect();
        let edge_keys = vec![("kind".to_string(), Type::String), ("count".to_string(), Type::Long)];
        Table { node_keys, nodes, edge_keys, edges }
    }
}

/// A value as text for XML and CSV.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// Escapes text for XML element content and attributes, dropping characters XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // as references, so attribute values keep them (parsers fold raw ones to spaces)
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod long_tests {
    use super::*;

    #[test]
    fn integers_past_i64_are_no_long() {
        assert!(matches!(type_of(&serde_json::json!(9_223_372_036_854_775_807i64)), Type::Long));
        assert!(matches!(type_of(&serde_json::json!(9_223_372_036_854_775_808u64)), Type::Double));
        assert!(matches!(type_of(&serde_json::json!(1.5)), Type::Double));
    }
}
