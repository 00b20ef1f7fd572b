//! Stage 6: write the graph out — node-link JSON (networkx), DOT (Graphviz), mentions JSONL.
//!
//! Every file is written to a temporary name in the destination directory and renamed into place,
//! so an interrupted run never leaves a half-written graph. All corpus text is escaped for its
//! format (serde_json for JSON, `dot_quote` for DOT).

pub mod annotate;
pub mod csv;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod parquet;
pub mod picture;
pub mod svg;
pub mod table;

use crate::graph::{CiteGraph, Node};
use crate::model::DocAnalysis;
use anyhow::{Context, Result};
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

/// Writes to `path` atomically through a buffered writer: a temporary file beside it, then a rename.
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    stage_with(path, fill)?.commit()
}

/// Temporary files not yet renamed into place: removed on SIGINT/SIGTERM ([`remove_pending`]).
/// Every creation, rename and removal of one happens under this lock, so a signal handler that
/// takes it sees every temporary file there is.
static PENDING: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());
/// Set once the run is being stopped: no temporary file is created after.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn pending() -> std::sync::MutexGuard<'static, Vec<std::path::PathBuf>> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary file not yet renamed into place and stops more from being made; for a
/// signal handler, which then exits. Returns the lock, held, so that nothing is created or renamed
/// until the process is gone.
pub fn remove_pending() -> std::sync::MutexGuard<'static, Vec<std::path::PathBuf>> {
    STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut p = pending();
    for f in p.drain(..) {
        let _ = std::fs::remove_file(f);
    }
    p
}

/// An output written to its temporary file, waiting to be renamed into place: so that a set of
/// outputs is replaced together or not at all. Dropped without [`Staged::commit`], the temporary
/// file is removed.
#[must_use]
pub struct Staged {
    tmp: std::path::PathBuf,
    path: std::path::PathBuf,
    done: bool,
}

impl Staged {
    /// Renames the output into place.
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        let mut p = pending();
        p.retain(|f| *f != self.tmp);
        std::fs::rename(&self.tmp, &self.path).with_context(|| {
            let _ = std::fs::remove_file(&self.tmp);
            format!("renaming {} to {}", self.tmp.display(), self.path.display())
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let mut p = pending();
            p.retain(|f| *f != self.tmp);
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `path`'s content to a temporary file beside it and returns it staged, not yet in place.
pub fn stage_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<Staged> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    // created exclusively under a name nobody can plant a link at in advance: a file or symlink
    // already there is never opened, and another name is tried
    let (tmp, f) = {
        let mut p = pending();
        if STOPPING.load(std::sync::atomic::Ordering::SeqCst) {
            anyhow::bail!("stopping: {} not written", path.display());
        }
        let (tmp, f) = create_temp(dir, &name)?;
        p.push(tmp.clone());
        (tmp, f)
    };
    let staged = Staged { tmp, path: path.to_path_buf(), done: false };
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    fill(&mut w).with_context(|| format!("writing {}", staged.tmp.display()))?;
    let f = w.into_inner().map_err(|e| anyhow::anyhow!("writing {}: {}", staged.tmp.display(), e.error()))?;
    f.sync_all().ok();
    Ok(staged)
}

/// Stages `bytes` for `path` (see [`stage_with`]).
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    stage_with(path, |w| Ok(w.write_all(bytes)?))
}

/// Creates `.NAME.tmp-PID-N` in `dir` exclusively (`O_EXCL`: an existing file or symlink fails),
/// with N from the clock and a counter, trying again on a name that exists.
fn create_temp(dir: &Path, name: &str) -> Result<(std::path::PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let clock = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let mut last = None;
    for _ in 0..64 {
        let n = clock ^ COUNTER.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let tmp = dir.join(format!(".{name}.tmp-{}-{n:016x}", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e).with_context(|| format!("creating {}", tmp.display())),
        }
    }
    Err(anyhow::anyhow!("creating a temporary file in {}: {:?}", dir.display(), last))
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| Ok(w.write_all(bytes)?))
}

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
    kind: &'a str,
    key: &'a str,
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
            kind: &x.kind,
            key: &x.kind,
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
    for e in g.graph.edge_references().filter(|e| e.weight().kind == "mentions") {
        for ev in &e.weight().evidence {
            node_at.insert((ev.document.as_str(), ev.start, ev.end), g.graph[e.target()].id());
        }
    }
    node_at
}

/// `write_mentions` into a string (small corpora, tests).
pub fn mentions_jsonl(docs: &[DocAnalysis], g: &CiteGraph) -> String {
    let mut buf = Vec::new();
    let _ = write_mentions(docs, g, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

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
        .filter(|&i| g.graph.edges(i).any(|e| e.weight().kind == "mentions"))
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
        .filter(|&i| !documents || !g.graph.edges(i).any(|e| e.weight().kind == "mentions"))
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
                    attr("style", if d.system == "state" { "filled,dashed" } else { "filled,rounded" }),
                    attr("fillcolor", level_colour(&d.level, &d.system)),
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
