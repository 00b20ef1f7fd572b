//! Stage 5: one graph for the corpus — documents, provinces and directives, with the edges between.
//!
//! Types: [`CiteGraph`] (a petgraph `DiGraph` of [`Node`]s — [`DocumentNode`], [`DirectiveNode`],
//! [`ProvinceNode`] — and [`Edge`]s of an [`EdgeKind`], each with its [`Evidence`]).
//! Files: `build.rs` makes the graph of a corpus's analyses ([`build`]); `identity.rs` decides
//! which mentions are one document; [`view`] cuts a graph down to a question (a province, a
//! level, years, an ego network); [`query`] answers questions about it (show, cites, top, stats).
//!
//! Identity: one directive node per real document. Central numbers restart every term, so a
//! central symbol is keyed with its term; a local symbol belongs to its province and is keyed with
//! its date. A mention with no date or term joins the one dated node of its symbol when there is
//! exactly one, and otherwise stays an undated node that lists the candidates.

mod build;
mod identity;
pub mod query;
pub mod view;

pub use build::build;

use crate::model::RelationKind;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Where an edge is stated: a document and a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Evidence {
    /// The document's source (path or record id).
    pub document: String,
    /// Start byte in the original input.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// A short stretch of text around it.
    pub snippet: String,
    /// For a relation: the cue as written ("để thực hiện").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// For a relation: the construction it was read from (`citing_before`, `own_document` …; see
    /// [`crate::model::Basis`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// A document (article) node.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct DocumentNode {
    /// `doc:` + source.
    #[serde(skip_serializing, default)]
    pub id: String,
    /// Input path as given, or the JSONL id.
    pub source: String,
    /// First line of the text.
    pub title: String,
    /// The province the document is about.
    pub province: Option<String>,
    /// That province as named since the 2025 merger (34 provinces).
    #[serde(default)]
    pub province_2025: Option<String>,
    /// Published date when the text carries one.
    pub published: Option<String>,
    /// Newspaper named.
    pub newspaper: Option<String>,
    /// Fields carried over from the input record (url, date, source …).
    #[serde(flatten)]
    pub meta: crate::model::Meta,
}

/// A directive (Party or state document) node; its fields read through to [`DirectiveNode::doc`]
/// (`d.level`, `d.number`).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct DirectiveNode {
    /// `party:02-NQ/TU@Sơn La#2021-01-21`, `party:28-NQ/TW#XIII`.
    #[serde(skip_serializing, default)]
    pub id: String,
    /// The document, each field as most of its mentions state it.
    #[serde(flatten)]
    pub doc: crate::model::Resolved,
    /// That province as named since the 2025 merger.
    #[serde(default)]
    pub province_2025: Option<String>,
    /// Readable label: `Nghị quyết 02-NQ/TU (Sơn La)`.
    pub label: String,
    /// Title from the catalog.
    pub title: Option<String>,
    /// Other nodes this undated directive could be.
    pub candidates: Vec<String>,
    /// 1.0 when the text dates it, lower when the catalog or a guess does.
    pub confidence: f64,
    /// Mentions across the corpus.
    pub mentions: usize,
    /// Documents that mention it.
    pub documents: usize,
    /// Incoming mention and relation edges.
    #[serde(default)]
    pub in_degree: usize,
    /// Provinces whose documents mention it.
    #[serde(default)]
    pub provinces: usize,
    /// PageRank over documents and directives (mention and relation edges), 6 decimals.
    #[serde(default)]
    pub pagerank: f64,
}

impl std::ops::Deref for DirectiveNode {
    type Target = crate::model::Resolved;

    fn deref(&self) -> &crate::model::Resolved {
        &self.doc
    }
}

impl std::ops::DerefMut for DirectiveNode {
    fn deref_mut(&mut self) -> &mut crate::model::Resolved {
        &mut self.doc
    }
}

/// A province node.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ProvinceNode {
    /// `province:` + name.
    #[serde(skip_serializing, default)]
    pub id: String,
    /// Short name (`Sơn La`).
    pub name: String,
    /// The province it became part of on 1 July 2025 (`Hà Giang` → `Tuyên Quang`).
    #[serde(default)]
    pub name_2025: Option<String>,
}

/// Any node.
#[derive(Debug, Clone)]
pub enum Node {
    /// An input text.
    Document(DocumentNode),
    /// A Party or state document referred to.
    Directive(Box<DirectiveNode>),
    /// A province.
    Province(ProvinceNode),
}

impl Node {
    /// The node's id.
    pub fn id(&self) -> &str {
        match self {
            Node::Document(d) => &d.id,
            Node::Directive(d) => &d.id,
            Node::Province(p) => &p.id,
        }
    }

    /// document, directive or province.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Document(_) => "document",
            Node::Directive(_) => "directive",
            Node::Province(_) => "province",
        }
    }
}

/// What an edge says: a document mentions a directive, a document is about a province, a
/// directive was issued in one, or one directive acts on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// Document → directive it cites.
    Mentions,
    /// Document → the province it is about.
    About,
    /// Local directive → its province.
    IssuedIn,
    /// Directive → directive (implements, amends …).
    Relation(RelationKind),
}

impl EdgeKind {
    /// The name in every output (`mentions`, `issued_in`, `implements` …).
    ///
    /// ```
    /// use vncite::graph::EdgeKind;
    /// assert_eq!(EdgeKind::parse("legal_basis").map(EdgeKind::as_str), Some("legal_basis"));
    /// assert!(EdgeKind::parse("about").is_some_and(EdgeKind::is_place));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Mentions => "mentions",
            EdgeKind::About => "about",
            EdgeKind::IssuedIn => "issued_in",
            EdgeKind::Relation(r) => r.as_str(),
        }
    }

    /// The kind named `s`.
    pub fn parse(s: &str) -> Option<EdgeKind> {
        match s {
            "mentions" => Some(EdgeKind::Mentions),
            "about" => Some(EdgeKind::About),
            "issued_in" => Some(EdgeKind::IssuedIn),
            _ => RelationKind::parse(s).map(EdgeKind::Relation),
        }
    }

    /// A place edge (about, issued_in): not part of the citation structure.
    pub fn is_place(self) -> bool {
        matches!(self, EdgeKind::About | EdgeKind::IssuedIn)
    }

    /// The relation, for a directive-to-directive edge.
    pub fn relation(self) -> Option<RelationKind> {
        match self {
            EdgeKind::Relation(r) => Some(r),
            _ => None,
        }
    }
}

impl std::fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EdgeKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// An edge: its kind, how often the texts state it, and where.
#[derive(Debug, Clone)]
pub struct Edge {
    /// The edge kind.
    pub kind: EdgeKind,
    /// How many times it is stated.
    pub count: usize,
    /// Where.
    pub evidence: Vec<Evidence>,
}

/// The citation graph.
#[derive(Debug, Default)]
pub struct CiteGraph {
    /// Nodes sorted by kind then id; edges sorted by source, target, kind.
    pub graph: DiGraph<Node, Edge>,
    /// Documents read.
    pub documents: usize,
}

impl CiteGraph {
    /// In-degree, province count and PageRank of every directive (stored on the nodes).
    pub fn compute_centrality(&mut self) {
        use petgraph::visit::EdgeRef;
        let g = &self.graph;
        let n = g.node_count();
        let mut in_degree = vec![0usize; n];
        let mut provinces: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); n];
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
        for e in g.edge_references().filter(|e| !e.weight().kind.is_place()) {
            in_degree[e.target().index()] += 1;
            out[e.source().index()].push(e.target().index());
            if let Node::Document(d) = &g[e.source()] {
                if let Some(p) = &d.province {
                    provinces[e.target().index()].insert(p.as_str());
                }
            }
        }
        // PageRank by power iteration over the sparse citation edges; dangling mass spread evenly
        let damping = 0.85;
        let mut rank = vec![1.0 / n.max(1) as f64; n];
        for _ in 0..40 {
            let dangling: f64 = (0..n).filter(|&i| out[i].is_empty()).map(|i| rank[i]).sum();
            let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
            let mut next = vec![base; n];
            for i in 0..n {
                if !out[i].is_empty() {
                    let share = damping * rank[i] / out[i].len() as f64;
                    for &j in &out[i] {
                        next[j] += share;
                    }
                }
            }
            rank = next;
        }
        let province_counts: Vec<usize> = provinces.iter().map(BTreeSet::len).collect();
        for i in 0..n {
            if let Node::Directive(d) = &mut self.graph[NodeIndex::new(i)] {
                d.in_degree = in_degree[i];
                d.provinces = province_counts[i];
                d.pagerank = (rank[i] * 1e6).round() / 1e6;
            }
        }
    }

    /// Reads a graph written by `export::write_json` (for `vncite export` and the queries).
    pub fn from_json(v: &serde_json::Value) -> crate::export::Result<CiteGraph> {
        use crate::export::error::{Context, Error};
        let mut g: DiGraph<Node, Edge> = DiGraph::new();
        let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
        let mut documents = 0;
        for n in v.get("nodes").and_then(|n| n.as_array()).context("no \"nodes\" list")? {
            let mut n = n.clone();
            let obj = n.as_object_mut().context("a node is not an object")?;
            let kind = obj.remove("kind").and_then(|k| k.as_str().map(String::from)).unwrap_or_default();
            let id = obj.get("id").and_then(|i| i.as_str()).context("a node without an id")?.to_string();
            let node = match kind.as_str() {
                "document" => {
                    documents += 1;
                    obj.remove("id");
                    let mut d: DocumentNode = serde_json::from_value(n)?;
                    d.id = id.clone();
                    Node::Document(d)
                }
                "directive" => Node::Directive(Box::new(serde_json::from_value(n)?)),
                "province" => Node::Province(serde_json::from_value(n)?),
                other => return Err(Error::msg(format!("node {id}: unknown kind {other:?}"))),
            };
            index.insert(id, g.add_node(node));
        }
        for l in v.get("links").or(v.get("edges")).and_then(|l| l.as_array()).context("no \"links\" list")? {
            let get = |k: &str| l.get(k).and_then(|x| x.as_str()).unwrap_or("");
            let (Some(&a), Some(&b)) = (index.get(get("source")), index.get(get("target"))) else {
                return Err(Error::msg(format!("a link between unknown nodes {} → {}", get("source"), get("target"))));
            };
            let evidence = l.get("evidence").cloned().map(serde_json::from_value).transpose()?.unwrap_or_default();
            let count = l.get("count").and_then(|c| c.as_u64()).unwrap_or(1) as usize;
            let kind =
                EdgeKind::parse(get("kind")).with_context(|| format!("a link of unknown kind {:?}", get("kind")))?;
            g.add_edge(a, b, Edge { kind, count, evidence });
        }
        // documents read, counted also when they have no node
        let read = v.pointer("/graph/documents").and_then(|d| d.as_u64()).map(|d| d as usize);
        Ok(CiteGraph { graph: g, documents: read.unwrap_or(documents).max(documents) })
    }

    /// Counts for the summary: (directives, party directives, edges by kind).
    pub fn counts(&self) -> (usize, usize, BTreeMap<String, usize>) {
        let mut dirs = 0;
        let mut party = 0;
        for n in self.graph.node_weights() {
            if let Node::Directive(d) = n {
                dirs += 1;
                party += usize::from(d.system == crate::model::System::Party);
            }
        }
        let mut kinds = BTreeMap::new();
        for e in self.graph.edge_weights() {
            *kinds.entry(e.kind.as_str().to_string()).or_default() += 1;
        }
        (dirs, party, kinds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::resolve::Resolver;

    fn graph(texts: &[(&str, &str)]) -> CiteGraph {
        let docs: Vec<Document> = texts
            .iter()
            .map(|(s, t)| Document { source: s.to_string(), text: t.to_string(), ..Default::default() })
            .collect();
        build(&crate::analyze_all(&Resolver::embedded(), &docs))
    }

    fn ids(g: &CiteGraph) -> Vec<String> {
        g.graph.node_weights().filter(|n| n.kind() == "directive").map(|n| n.id().to_string()).collect()
    }

    #[test]
    fn central_numbers_restart_every_term() {
        let g = graph(&[
            ("a.txt", "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương về bộ máy."),
            ("b.txt", "Nghị quyết số 18-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương về đất đai."),
        ]);
        let ids = ids(&g);
        assert!(ids.contains(&"party:18-NQ/TW#XII".to_string()), "{ids:?}");
        assert!(ids.contains(&"party:18-NQ/TW#XIII".to_string()), "{ids:?}");
    }

    #[test]
    fn local_symbols_belong_to_their_province() {
        let g = graph(&[
            ("a.txt", "Tỉnh ủy Sơn La ban hành Nghị quyết số 02-NQ/TU ngày 21/1/2021. Tỉnh ủy Sơn La chỉ đạo. Báo Sơn La"),
            ("b.txt", "Tỉnh ủy Hà Tĩnh ban hành Nghị quyết số 02-NQ/TU ngày 3/3/2016. Tỉnh ủy Hà Tĩnh chỉ đạo. (Baohatinh.vn)"),
        ]);
        let ids = ids(&g);
        assert!(ids.iter().any(|i| i.starts_with("party:02-NQ/TU@Sơn La")), "{ids:?}");
        assert!(ids.iter().any(|i| i.starts_with("party:02-NQ/TU@Hà Tĩnh")), "{ids:?}");
    }

    #[test]
    fn undated_local_mention_joins_the_single_dated_node() {
        let g = graph(&[
            ("a.txt", "(Baohatinh.vn) - Nghị quyết số 09-NQ/TU ngày 19/8/2009 của BTV Tỉnh ủy Hà Tĩnh."),
            ("b.txt", "(Baohatinh.vn) - Tiếp tục thực hiện Nghị quyết số 09-NQ/TU của Tỉnh ủy Hà Tĩnh."),
        ]);
        assert_eq!(ids(&g), ["party:09-NQ/TU@Hà Tĩnh#2009-08-19"]);
    }

    #[test]
    fn undated_mention_of_a_reused_symbol_lists_candidates() {
        let g = graph(&[
            ("a.txt", "(Baohatinh.vn) - Nghị quyết số 05-NQ/TU ngày 1/2/2011 của Tỉnh ủy Hà Tĩnh."),
            ("b.txt", "(Baohatinh.vn) - Nghị quyết số 05-NQ/TU ngày 1/2/2016 của Tỉnh ủy Hà Tĩnh."),
            ("c.txt", "(Baohatinh.vn) - Thực hiện Nghị quyết số 05-NQ/TU của Tỉnh ủy Hà Tĩnh."),
        ]);
        let undated = g
            .graph
            .node_weights()
            .find_map(|n| match n {
                Node::Directive(d) if d.date.is_none() => Some(d.clone()),
                _ => None,
            })
            .expect("an undated node");
        assert_eq!(undated.candidates.len(), 2);
        assert!(undated.confidence < 1.0);
    }

    #[test]
    fn relations_never_loop_and_keep_the_most_specific_kind() {
        let g = graph(&[(
            "a.txt",
            "Quy định 37-QĐ/TW thay thế Quy định 47-QĐ/TW. Quy định 37-QĐ/TW để thực hiện Quy định 47-QĐ/TW. Nghị quyết 05-NQ/TW về thực hiện Nghị quyết 05-NQ/TW.",
        )]);
        let kinds: Vec<&str> = g.graph.edge_weights().map(|e| e.kind.as_str()).filter(|k| *k != "mentions").collect();
        assert_eq!(kinds, ["replaces"]);
    }
}
