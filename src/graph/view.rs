//! Views: the part of a graph a question is about (a province, a level, a period, one directive's
//! neighbourhood, the most-mentioned directives), for any output format.

use crate::graph::{CiteGraph, EdgeKind, Node};
use crate::normalize::fold;
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

/// Why a view cannot be applied: it names what the graph or the tables do not have.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    /// No province of that name (in any spelling the tables know).
    #[error("no such province {name:?}; the closest: {}", closest.join(", "))]
    Province {
        /// The name asked for.
        name: String,
        /// The closest names there are.
        closest: Vec<String>,
    },
    /// No province of 2025 of that name.
    #[error("no such province of 2025 {name:?}; the closest: {}", closest.join(", "))]
    Province2025 {
        /// The name asked for.
        name: String,
        /// The closest names there are.
        closest: Vec<String>,
    },
    /// No node of that id (and no single directive the words name).
    #[error("no such node {name:?}; the closest: {}", closest.join(", "))]
    Node {
        /// The id asked for.
        name: String,
        /// The closest ids, or the directives the words name.
        closest: Vec<String>,
    },
}

impl View {
    /// The view with its names checked against `g` and the embedded tables: a province by its
    /// pre- or post-2025 name in any spelling the tables know (written as the graph writes it), an
    /// --ego node by its id or by words that name one directive.
    ///
    /// ```
    /// use vncite::graph::{view::View, CiteGraph};
    /// let v = View { province: Some("tp hcm".into()), ..Default::default() };
    /// assert_eq!(v.checked(&CiteGraph::default()).unwrap().province.as_deref(), Some("Hồ Chí Minh"));
    /// let v = View { province: Some("Atlantis".into()), ..Default::default() };
    /// assert!(v.checked(&CiteGraph::default()).unwrap_err().to_string().starts_with("no such province"));
    /// ```
    pub fn checked(mut self, g: &CiteGraph) -> Result<View, ViewError> {
        let t = crate::tables::Tables::embedded();
        if let Some(p) = &self.province {
            let places = crate::places::ProvinceFinder::embedded();
            let f = fold(p);
            let name = places.province_of_name(p).map(str::to_string).or_else(|| {
                t.provinces
                    .iter()
                    .find(|x| fold(&x.name) == f || x.aliases.iter().any(|a| fold(a) == f))
                    .map(|x| x.name.clone())
            });
            let near = || closest(p, &t.provinces.iter().map(|x| x.name.clone()).collect::<Vec<_>>());
            self.province = Some(name.ok_or_else(|| ViewError::Province { name: p.clone(), closest: near() })?);
        }
        if let Some(p) = &self.province_2025 {
            let f = fold(p);
            let new: BTreeSet<String> = t.provinces.iter().filter_map(|x| t.province_2025(&x.name)).collect();
            let found = new.iter().find(|n| fold(n) == f).cloned();
            let near = || closest(p, &new.iter().cloned().collect::<Vec<_>>());
            self.province_2025 =
                Some(found.ok_or_else(|| ViewError::Province2025 { name: p.clone(), closest: near() })?);
        }
        if let Some(e) = &self.ego {
            if !g.graph.node_weights().any(|n| n.id() == e) {
                let found: Vec<String> =
                    super::query::find(g, e).into_iter().take(5).map(|i| g.graph[i].id().to_string()).collect();
                if found.len() != 1 {
                    let ids: Vec<String> = g.graph.node_weights().map(|n| n.id().to_string()).collect();
                    let closest = if found.is_empty() { closest(e, &ids) } else { found };
                    return Err(ViewError::Node { name: e.clone(), closest });
                }
                self.ego = found.into_iter().next();
            }
        }
        Ok(self)
    }
}

/// A view's date bound: a year, a month or a day that exists ("2016", "2016-05", "2016-05-15").
///
/// ```
/// use vncite::graph::view::date_bound;
/// assert!(date_bound("2016-05").is_ok() && date_bound("2016-13-45").is_err());
/// ```
pub fn date_bound(s: &str) -> Result<String, String> {
    let bad = || format!("{s:?} is no date: write YYYY, YYYY-MM or YYYY-MM-DD");
    let ok = match s.len() {
        4 => s.bytes().all(|b| b.is_ascii_digit()),
        7 => crate::resolve::dates::iso_date(&format!("{s}-01")).is_some(),
        10 => crate::resolve::dates::iso_date(s).as_deref() == Some(s),
        _ => false,
    };
    ok.then(|| s.to_string()).ok_or_else(bad)
}

/// The three names nearest `q` (by edit distance over folded letters).
pub fn closest(q: &str, names: &[String]) -> Vec<String> {
    let fq: Vec<char> = fold(q).chars().collect();
    let dist = |n: &str| {
        let f: Vec<char> = fold(n).chars().collect();
        let mut prev: Vec<usize> = (0..=f.len()).collect();
        for (i, a) in fq.iter().enumerate() {
            let mut cur = vec![i + 1];
            for (j, b) in f.iter().enumerate() {
                cur.push((prev[j] + usize::from(a != b)).min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[f.len()]
    };
    let mut scored: Vec<(usize, &String)> = names.iter().map(|n| (dist(n), n)).collect();
    scored.sort();
    scored.into_iter().take(3).map(|x| x.1.clone()).collect()
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
    let scope = Scope::new(gr, view);
    let mut keep: Vec<NodeIndex> = gr.node_indices().filter(|&i| scope.keeps(i)).collect();
    let note = view.max_nodes.and_then(|max| most_mentioned(gr, &mut keep, max));
    let mut nodes = scope.around(&keep);
    if let Some(ego) = &view.ego {
        let Some(center) = gr.node_indices().find(|&i| gr[i].id() == ego) else {
            return (clone(g, &BTreeSet::new()), Some(format!("--ego {ego}: no such node")));
        };
        let seen = neighbourhood(gr, center, view.depth.unwrap_or(1));
        let filtered = View { ego: None, depth: None, ..view.clone() };
        nodes = if filtered.is_all() { seen } else { nodes.intersection(&seen).copied().chain([center]).collect() };
    }
    (clone(g, &nodes), note)
}

type Graph = petgraph::graph::DiGraph<Node, crate::graph::Edge>;

/// What a view asks of each directive, with what it needs to know: the provinces asked for (one,
/// or every one that became part of a 2025 province) and which documents are about which.
struct Scope<'g> {
    gr: &'g Graph,
    view: &'g View,
    about: BTreeSet<(NodeIndex, String)>,
    places: Option<BTreeSet<String>>,
}

impl<'g> Scope<'g> {
    fn new(gr: &'g Graph, view: &'g View) -> Scope<'g> {
        let about = gr
            .edge_references()
            .filter(|e| e.weight().kind == EdgeKind::About)
            .filter_map(|e| match &gr[e.target()] {
                Node::Province(p) => Some((e.source(), p.name.clone())),
                _ => None,
            })
            .collect();
        let places = match (&view.province, &view.province_2025) {
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
        Scope { gr, view, about, places }
    }

    /// Is document `d` about one of the provinces asked for (or was none asked for)?
    fn doc_in_places(&self, d: NodeIndex) -> bool {
        self.places.as_ref().is_none_or(|ps| ps.iter().any(|p| self.about.contains(&(d, p.to_string()))))
    }

    /// Does the view keep node `i`, a directive?
    fn keeps(&self, i: NodeIndex) -> bool {
        let (gr, view) = (self.gr, self.view);
        let Node::Directive(d) = &gr[i] else { return false };
        let sys_ok = view.system.as_deref().is_none_or(|s| s == "all" || s == d.system.as_str());
        let level_ok = view.level.as_deref().is_none_or(|l| l == d.level.as_str());
        let prov_ok = self.places.as_ref().is_none_or(|ps| {
            d.province.as_ref().is_some_and(|p| ps.contains(p))
                || gr
                    .edges_directed(i, Direction::Incoming)
                    .any(|e| e.weight().kind == EdgeKind::Mentions && self.doc_in_places(e.source()))
        });
        let dk = date_key(d);
        let since_ok = view.since.as_deref().is_none_or(|s| dk.as_deref().is_some_and(|x| x >= s));
        let until_ok =
            view.until.as_deref().is_none_or(|u| dk.as_deref().is_some_and(|x| x.get(..u.len()).unwrap_or(x) <= u));
        let min_ok = view.min_mentions.is_none_or(|m| d.mentions >= m);
        sys_ok && level_ok && prov_ok && since_ok && until_ok && min_ok
    }

    /// The kept directives, the documents (in the provinces asked for) that mention them, and the
    /// places both are tied to.
    fn around(&self, keep: &[NodeIndex]) -> BTreeSet<NodeIndex> {
        let gr = self.gr;
        let mut nodes: BTreeSet<NodeIndex> = keep.iter().copied().collect();
        for &d in keep {
            for e in gr.edges_directed(d, Direction::Incoming).filter(|e| e.weight().kind == EdgeKind::Mentions) {
                if self.doc_in_places(e.source()) {
                    nodes.insert(e.source());
                }
            }
        }
        let linked: Vec<NodeIndex> = nodes.iter().copied().collect();
        for i in linked {
            for e in gr.edges(i).filter(|e| e.weight().kind.is_place()) {
                nodes.insert(e.target());
            }
        }
        nodes
    }
}

/// Keeps the `max` most-mentioned of `keep`; a note when some were dropped.
fn most_mentioned(gr: &Graph, keep: &mut Vec<NodeIndex>, max: usize) -> Option<String> {
    if keep.len() <= max {
        return None;
    }
    keep.sort_by_key(|&i| match &gr[i] {
        Node::Directive(d) => (std::cmp::Reverse(d.mentions), d.id.clone()),
        _ => (std::cmp::Reverse(0), String::new()),
    });
    let dropped = keep.len() - max;
    keep.truncate(max);
    Some(format!("--max-nodes {max}: kept the {max} most-mentioned directives, dropped {dropped}"))
}

/// Every node within `depth` steps of `center`, edges taken either way.
fn neighbourhood(gr: &Graph, center: NodeIndex, depth: usize) -> BTreeSet<NodeIndex> {
    let mut seen = BTreeSet::from([center]);
    let mut queue = VecDeque::from([(center, 0)]);
    while let Some((n, d)) = queue.pop_front() {
        if d >= depth {
            continue;
        }
        for m in gr.neighbors_undirected(n) {
            if seen.insert(m) {
                queue.push_back((m, d + 1));
            }
        }
    }
    seen
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
