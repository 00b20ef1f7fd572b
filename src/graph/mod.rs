//! Stage 5: one graph for the corpus — documents, provinces and directives, with the edges between.
//!
//! Identity: one directive node per real document. Central numbers restart every term, so a
//! central symbol is keyed with its term; a local symbol belongs to its province and is keyed with
//! its date. A mention with no date or term joins the one dated node of its symbol when there is
//! exactly one, and otherwise stays an undated node that lists the candidates.

pub mod query;
pub mod view;

use crate::model::{pad2, DocAnalysis, Mention, System};
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

/// A directive (Party or state document) node.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct DirectiveNode {
    /// `party:02-NQ/TU@Sơn La#2021-01-21`, `party:28-NQ/TW#XIII`.
    #[serde(skip_serializing, default)]
    pub id: String,
    /// party or state.
    pub system: String,
    /// Type code (`NQ`).
    pub doc_type: String,
    /// Type name (`Nghị quyết`).
    pub type_name: String,
    /// Number, no leading zeros.
    pub number: String,
    /// Issuer code.
    pub issuer: String,
    /// central, provincial, district, grassroots.
    pub level: String,
    /// Issuing body, as most often named.
    pub body: Option<String>,
    /// `YYYY-MM-DD` or null.
    pub date: Option<String>,
    /// Year or null.
    pub year: Option<i32>,
    /// Term (Roman numerals) or null.
    pub term: Option<String>,
    /// Plenum of the central committee.
    pub plenum: Option<u32>,
    /// Province of a local directive.
    pub province: Option<String>,
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

/// An edge: mentions, about, issued_in, or a relation kind (implements …).
#[derive(Debug, Clone)]
pub struct Edge {
    /// The edge kind.
    pub kind: String,
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

fn epoch(m: &Mention) -> Option<String> {
    match (m.system, m.is_local()) {
        (System::Party, false) => m.term.clone(),
        (System::Party, true) => m.date.clone(),
        _ => m.year.map(|y| y.to_string()),
    }
}

/// A mention placed on a node: its document, the mention, the node's other candidates.
type Member<'a> = (&'a DocAnalysis, &'a Mention, Vec<String>);

type BaseKey = (System, String, String, String, Option<String>);

fn base_key(m: &Mention) -> BaseKey {
    let prov = if m.is_local() { Some(m.province.clone().unwrap_or_else(|| "?".into())) } else { None };
    (m.system, m.doc_type.clone(), m.number.clone(), m.issuer.clone(), prov)
}

fn directive_id(k: &BaseKey, epoch: Option<&str>) -> String {
    let sym = match k.0 {
        System::State => format!("{}/{}-{}", k.2, k.1, k.3),
        _ => format!("{}-{}/{}", pad2(&k.2), k.1, k.3),
    };
    let prov = k.4.as_deref().map(|p| format!("@{p}")).unwrap_or_default();
    let ep = epoch.map(|e| format!("#{e}")).unwrap_or_default();
    format!("{}:{sym}{prov}{ep}", k.0.as_str())
}

/// The most frequent value, ties to the smallest: deterministic.
fn mode<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let max = counts.values().copied().max()?;
    counts.into_iter().find(|(_, c)| *c == max).map(|(v, _)| v)
}

/// Builds the corpus graph from per-document analyses.
pub fn build(docs: &[DocAnalysis]) -> CiteGraph {
    let mut docs: Vec<&DocAnalysis> = docs.iter().collect();
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    // 1. the epochs each symbol is known in
    let mut epochs: BTreeMap<BaseKey, BTreeSet<String>> = BTreeMap::new();
    for d in &docs {
        for m in d.mentions.iter().filter(|m| m.system != System::Other) {
            let e = epochs.entry(base_key(m)).or_default();
            if let Some(x) = epoch(m) {
                e.insert(x);
            }
        }
    }
    // 2. each mention's node
    let node_of = |m: &Mention| -> (String, BaseKey, Vec<String>) {
        let k = base_key(m);
        let known = &epochs[&k];
        match epoch(m) {
            Some(e) => (directive_id(&k, Some(&e)), k, vec![]),
            None if known.len() == 1 => (directive_id(&k, known.iter().next().map(String::as_str)), k, vec![]),
            None => {
                let cands = known.iter().map(|e| directive_id(&k, Some(e))).collect();
                (directive_id(&k, None), k, cands)
            }
        }
    };
    let mut members: BTreeMap<String, Vec<Member>> = BTreeMap::new();
    let mut mention_edges: BTreeMap<(String, String), Vec<Evidence>> = BTreeMap::new();
    let mut rel_edges: BTreeMap<(String, String, String), Vec<Evidence>> = BTreeMap::new();
    let mut provinces: BTreeSet<String> = BTreeSet::new();
    // each province's name since 2025, as the analyses give it
    let mut merged: BTreeMap<String, String> = BTreeMap::new();
    let mut about: BTreeSet<(String, String)> = BTreeSet::new();
    // a source named twice (repeated JSONL ids) still gets a node of its own
    // (ids "x", "x", "x#2": the second "x" becomes "x#3", not a second "x#2")
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut taken: BTreeSet<String> = docs.iter().map(|d| format!("doc:{}", d.source)).collect();
    let mut first: BTreeSet<&str> = BTreeSet::new();
    let doc_ids: Vec<String> = docs
        .iter()
        .map(|d| {
            if first.insert(d.source.as_str()) {
                return format!("doc:{}", d.source);
            }
            let n = seen.entry(d.source.as_str()).or_insert(1);
            loop {
                *n += 1;
                let id = format!("doc:{}#{n}", d.source);
                if taken.insert(id.clone()) {
                    return id;
                }
            }
        })
        .collect();
    for (d, doc_id) in docs.iter().zip(&doc_ids) {
        let doc_id = doc_id.clone();
        if let (Some(p), Some(p25)) = (&d.province, &d.province_2025) {
            merged.insert(p.clone(), p25.clone());
        }
        for m in &d.mentions {
            if let (Some(p), Some(p25)) = (&m.province, &m.province_2025) {
                merged.insert(p.clone(), p25.clone());
            }
        }
        if let Some(p) = &d.province {
            provinces.insert(p.clone());
            about.insert((doc_id.clone(), p.clone()));
        }
        let mut ids = Vec::with_capacity(d.mentions.len());
        for m in &d.mentions {
            if m.system == System::Other || m.number.is_empty() {
                ids.push(None);
                continue;
            }
            let (id, _, cands) = node_of(m);
            members.entry(id.clone()).or_default().push((d, m, cands));
            mention_edges.entry((doc_id.clone(), id.clone())).or_default().push(Evidence {
                document: d.source.clone(),
                start: m.start,
                end: m.end,
                snippet: m.snippet.clone(),
                cue: None,
                basis: None,
            });
            ids.push(Some(id));
        }
        for r in &d.relations {
            if let (Some(Some(a)), Some(Some(b))) = (ids.get(r.from), ids.get(r.to)) {
                if a != b {
                    rel_edges.entry((a.clone(), b.clone(), r.kind.as_str().to_string())).or_default().push(Evidence {
                        document: d.source.clone(),
                        start: r.cue_start,
                        end: r.cue_end,
                        snippet: if r.snippet.is_empty() {
                            d.mentions.get(r.from).map(|m| m.snippet.clone()).unwrap_or_default()
                        } else {
                            r.snippet.clone()
                        },
                        cue: Some(r.cue.clone()),
                        basis: Some(r.basis.as_str().to_string()),
                    });
                }
            }
        }
    }
    // 3. nodes, sorted: documents, then directives, then provinces
    let mut g: DiGraph<Node, Edge> = DiGraph::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for (d, id) in docs.iter().zip(doc_ids) {
        let n = g.add_node(Node::Document(DocumentNode {
            id: id.clone(),
            source: d.source.clone(),
            title: d.title.clone(),
            province: d.province.clone(),
            province_2025: d.province_2025.clone(),
            published: d.published.clone(),
            newspaper: d.newspaper.clone(),
            // reserved names stay ours
            meta: d
                .meta
                .iter()
                .filter(|(k, _)| {
                    !["id", "kind", "source", "title", "province", "province_2025", "published", "newspaper"]
                        .contains(&k.as_str())
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }));
        index.insert(id, n);
    }
    let mut issued_in = Vec::new();
    for (id, ms) in &members {
        let first = ms[0].1;
        let date = mode(ms.iter().filter_map(|x| x.1.date.clone()));
        let year = date
            .as_deref()
            .and_then(crate::resolve::dates::year_of)
            .or_else(|| mode(ms.iter().filter_map(|x| x.1.year)));
        let province = if first.is_local() { first.province.clone() } else { None };
        let candidates: Vec<String> =
            ms.iter().flat_map(|x| x.2.iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect();
        let dated_by_text = ms.iter().any(|x| x.1.date.is_some() && x.1.via.is_none());
        let confidence = if !candidates.is_empty() || ms.iter().any(|x| !x.1.candidates.is_empty()) {
            0.5
        } else if dated_by_text || first.is_local() {
            1.0
        } else if ms.iter().any(|x| x.1.via.as_deref() == Some("catalog")) {
            0.9
        } else if ms.iter().any(|x| x.1.via.is_some()) {
            0.7
        } else {
            0.8
        };
        let mut all_cands = candidates;
        for x in ms {
            all_cands.extend(x.1.candidates.iter().cloned());
        }
        all_cands.sort();
        all_cands.dedup();
        let sym = first.symbol();
        let type_name = mode(ms.iter().map(|x| x.1.type_name.clone())).unwrap_or_default();
        let label = match (&province, &date, year) {
            (Some(p), _, _) => format!("{type_name} {sym} ({p})"),
            // a date read from a shard may be anything: its year only when it has one
            (None, Some(d), _) if d.get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit())) => {
                format!("{type_name} {sym} ({})", &d[..4])
            }
            (None, None, Some(y)) => format!("{type_name} {sym} ({y})"),
            _ => format!("{type_name} {sym}"),
        };
        let docs_n: BTreeSet<&str> = ms.iter().map(|x| x.0.source.as_str()).collect();
        let node = DirectiveNode {
            id: id.clone(),
            system: first.system.as_str().into(),
            doc_type: first.doc_type.clone(),
            type_name,
            number: first.number.clone(),
            issuer: first.issuer.clone(),
            level: first.level.clone(),
            body: mode(ms.iter().filter_map(|x| x.1.body.clone())),
            date,
            year,
            term: mode(ms.iter().filter_map(|x| x.1.term.clone())),
            plenum: mode(ms.iter().filter_map(|x| x.1.plenum)),
            province: province.clone(),
            province_2025: province.as_ref().and_then(|_| first.province_2025.clone()),
            label,
            title: mode(ms.iter().filter_map(|x| x.1.title.clone())),
            candidates: all_cands,
            confidence,
            mentions: ms.len(),
            documents: docs_n.len(),
            in_degree: 0,
            provinces: 0,
            pagerank: 0.0,
        };
        if let Some(p) = province.filter(|p| p != "?") {
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
    // 4. edges, sorted by source, target, kind
    let mut edges: Vec<(String, String, Edge)> = Vec::new();
    for ((s, t), ev) in mention_edges {
        edges.push((s, t, Edge { kind: "mentions".into(), count: ev.len(), evidence: ev }));
    }
    for (s, p) in about {
        edges.push((s, format!("province:{p}"), Edge { kind: "about".into(), count: 1, evidence: vec![] }));
    }
    for (s, p) in issued_in {
        edges.push((s, format!("province:{p}"), Edge { kind: "issued_in".into(), count: 1, evidence: vec![] }));
    }
    // one relation per pair of directives: the most specific kind any text states
    let mut strongest: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (s, t, k) in rel_edges.keys() {
        let r = relation_rank(k);
        let e = strongest.entry((s.clone(), t.clone())).or_insert(r);
        *e = (*e).min(r);
    }
    for ((s, t, k), ev) in rel_edges {
        if strongest.get(&(s.clone(), t.clone())) == Some(&relation_rank(&k)) {
            edges.push((s, t, Edge { kind: k, count: ev.len(), evidence: ev }));
        }
    }
    edges.sort_by(|a, b| (&a.0, &a.1, &a.2.kind).cmp(&(&b.0, &b.1, &b.2.kind)));
    for (s, t, e) in edges {
        if let (Some(&a), Some(&b)) = (index.get(&s), index.get(&t)) {
            g.add_edge(a, b, e);
        }
    }
    let mut cg = CiteGraph { graph: g, documents: docs.len() };
    cg.compute_centrality();
    cg
}

/// A relation kind's precedence (lower is more specific; see [`crate::model::RelationKind`]).
fn relation_rank(kind: &str) -> usize {
    crate::model::RelationKind::parse(kind).map_or(usize::MAX, |k| k as usize)
}

/// Is this edge part of the citation structure (not a place edge)?
fn cites(kind: &str) -> bool {
    kind != "about" && kind != "issued_in"
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
        for e in g.edge_references().filter(|e| cites(&e.weight().kind)) {
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
    pub fn from_json(v: &serde_json::Value) -> anyhow::Result<CiteGraph> {
        use anyhow::Context;
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
                other => anyhow::bail!("node {id}: unknown kind {other:?}"),
            };
            index.insert(id, g.add_node(node));
        }
        for l in v.get("links").or(v.get("edges")).and_then(|l| l.as_array()).context("no \"links\" list")? {
            let get = |k: &str| l.get(k).and_then(|x| x.as_str()).unwrap_or("");
            let (Some(&a), Some(&b)) = (index.get(get("source")), index.get(get("target"))) else {
                anyhow::bail!("a link between unknown nodes {} → {}", get("source"), get("target"));
            };
            let evidence = l.get("evidence").cloned().map(serde_json::from_value).transpose()?.unwrap_or_default();
            let count = l.get("count").and_then(|c| c.as_u64()).unwrap_or(1) as usize;
            g.add_edge(a, b, Edge { kind: get("kind").to_string(), count, evidence });
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
                party += usize::from(d.system == "party");
            }
        }
        let mut kinds = BTreeMap::new();
        for e in self.graph.edge_weights() {
            *kinds.entry(e.kind.clone()).or_default() += 1;
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
