//! Views: the part of a graph a question is about (a province, a level, a period, one directive's
//! neighbourhood, the most-mentioned directives), for any output format.

use crate::graph::{CiteGraph, Node};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeSet, VecDeque};

/// What to keep. Empty fields keep everything.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Directives issued in, or mentioned by documents about, this province.
    pub province: Option<String>,
    /// The same by a province of the 2025 merger: every pre-2025 province that became part of it.
    pub province_2025: Option<String>,
    /// Directives of this level (central, provincial, district, grassroots).
    pub level: Option<String>,
    /// party, state or all.
    pub system: Option<String>,
    /// Directives dated on or after (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Directives dated on or before.
    pub until: Option<String>,
    /// Directives mentioned at least this many times.
    pub min_mentions: Option<usize>,
    /// The neighbourhood of one node …
    pub ego: Option<String>,
    /// … this many steps out (default 1).
    pub depth: Option<usize>,
    /// At most this many directives: the most mentioned.
    pub max_nodes: Option<usize>,
}

impl View {
    /// Whether the view keeps everything.
    pub fn is_all(&self) -> bool {
        self.province.is_none()
            && self.province_2025.is_none()
            && self.level.is_none()
            && self.system.as_deref().is_none_or(|s| s == "all")
            && self.since.is_none()
            && self.until.is_none()
            && self.min_mentions.is_none()
            && self.ego.is_none()
            && self.max_nodes.is_none()
    }
}

fn date_key(d: &crate::graph::DirectiveNode) -> Option<String> {
    d.date.clone().or_else(|| d.year.map(|y| format!("{y:04}")))
}

/// Applies `view` to `g`: kept directives, the documents that mention them, the provinces they
/// touch, and the edges among those. Returns the new graph and a note of what was dropped.
pub fn apply(g: &CiteGraph, view: &View) -> (CiteGraph, Option<String>) {
    if view.is_all() {
        return (clone(g, &g.graph.node_indices().collect()), None);
    }
    let gr = &g.graph;
    let about: BTreeSet<(NodeIndex, String)> = gr
        .edge_references()
        .filter(|e| e.weight().kind == crate::graph::EdgeKind::About)
        .filter_map(|e| match &gr[e.target()] {
            Node::Province(p) => Some((e.source(), p.name.clone())),
            _ => None,
        })
        .collect();
    // the provinces asked for: one, or every one that became part of a 2025 province
    let places: Option<BTreeSet<String>> = match (&view.province, &view.province_2025) {
        (Some(p), _) => Some(BTreeSet::from([p.clone()])),
        (None, Some(p25)) => Some(
            gr.node_weights()
                .filter_map(|n| match n {
                    Node::Province(p) if p.name_2025.as_deref() == Some(p25.as_str()) || p.name == *p25 => {
                        Some(p.name.clone())
                    }
                    _ => None,
                })
                .collect(),
        ),
        _ => None,
    };
    let doc_in = |d: NodeIndex, p: &str| about.contains(&(d, p.to_string()));
    let doc_in_places = |d: NodeIndex| places.as_ref().is_none_or(|ps| ps.iter().any(|p| doc_in(d, p)));
    let mut keep: Vec<NodeIndex> = gr
        .node_indices()
        .filter(|&i| {
            let Node::Directive(d) = &gr[i] else { return false };
            let sys_ok = view.system.as_deref().is_none_or(|s| s == "all" || s == d.system);
            let level_ok = view.level.as_deref().is_none_or(|l| l == d.level);
            let prov_ok = places.as_ref().is_none_or(|ps| {
                d.province.as_ref().is_some_and(|p| ps.contains(p))
                    || gr
                        .edges_directed(i, Direction::Incoming)
                        .any(|e| e.weight().kind == crate::graph::EdgeKind::Mentions && doc_in_places(e.source()))
            });
            let dk = date_key(d);
            let since_ok = view.since.as_deref().is_none_or(|s| dk.as_deref().is_some_and(|x| x >= s));
            let until_ok =
                view.until.as_deref().is_none_or(|u| dk.as_deref().is_some_and(|x| x.get(..u.len()).unwrap_or(x) <= u));
            let min_ok = view.min_mentions.is_none_or(|m| d.mentions >= m);
            sys_ok && level_ok && prov_ok && since_ok && until_ok && min_ok
        })
        .collect();
    let mut note = None;
    if let Some(max) = view.max_nodes {
        if keep.len() > max {
            keep.sort_by_key(|&i| match &gr[i] {
                Node::Directive(d) => (std::cmp::Reverse(d.mentions), d.id.clone()),
                _ => (std::cmp::Reverse(0), String::new()),
            });
            let dropped = keep.len() - max;
            keep.truncate(max);
            note = Some(format!("--max-nodes {max}: kept the {max} most-mentioned directives, dropped {dropped}"));
        }
    }
    let mut nodes: BTreeSet<NodeIndex> = keep.iter().copied().collect();
    // the documents that mention them, and the places both are tied to
    for &d in &keep {
        for e in
            gr.edges_directed(d, Direction::Incoming).filter(|e| e.weight().kind == crate::graph::EdgeKind::Mentions)
        {
            let doc = e.source();
            if doc_in_places(doc) {
                nodes.insert(doc);
            }
        }
    }
    let linked: Vec<NodeIndex> = nodes.iter().copied().collect();
    for i in linked {
        for e in gr.edges(i).filter(|e| e.weight().kind.is_place()) {
            nodes.insert(e.target());
        }
    }
    if let Some(ego) = &view.ego {
        let Some(center) = gr.node_indices().find(|&i| gr[i].id() == ego) else {
            return (clone(g, &BTreeSet::new()), Some(format!("--ego {ego}: no such node")));
        };
        let mut seen = BTreeSet::from([center]);
        let mut queue = VecDeque::from([(center, 0)]);
        while let Some((n, d)) = queue.pop_front() {
            if d >= view.depth.unwrap_or(1) {
                continue;
            }
            for m in gr.neighbors_undirected(n) {
                if seen.insert(m) {
                    queue.push_back((m, d + 1));
                }
            }
        }
        let filtered = View { ego: None, depth: None, ..view.clone() };
        nodes = if filtered.is_all() { seen } else { nodes.intersection(&seen).copied().chain([center]).collect() };
    }
    (clone(g, &nodes), note)
}

/// The subgraph on `nodes`, keeping the original order.
fn clone(g: &CiteGraph, nodes: &BTreeSet<NodeIndex>) -> CiteGraph {
    let mut out = petgraph::graph::DiGraph::new();
    let mut map = std::collections::HashMap::new();
    for i in g.graph.node_indices().filter(|i| nodes.contains(i)) {
        map.insert(i, out.add_node(g.graph[i].clone()));
    }
    for e in g.graph.edge_references() {
        if let (Some(&a), Some(&b)) = (map.get(&e.source()), map.get(&e.target())) {
            out.add_edge(a, b, e.weight().clone());
        }
    }
    let documents = out.node_weights().filter(|n| matches!(n, Node::Document(_))).count();
    CiteGraph { graph: out, documents }
}
