//! Pictures of the cascade a researcher can put on a slide, legible at any corpus size.
//!
//! - [`Options`]: what to draw — at most [`Options::max_directives`] directives, Party ones unless
//!   [`Options::state`], and the corpus named in the title.
//! - [`Cascade`]: the directives chosen ([`Item`]: short label, level [`Band`], province group,
//!   how many articles and provinces cite it), the relation edges among them ([`Link`]), the title
//!   and what was left out. Documents are not drawn: they are counted on each directive.
//! - [`layout::Layout`]: the built-in layout — levels as bands top to bottom, a box per province,
//!   rows wrapped so that the picture stays between 1:2 and 2:1 — written as SVG by
//!   [`layout::Layout::svg`]; [`dot::cascade_dot`] pins Graphviz to the same places.
//!
//! ```
//! use vncite::export::picture::{cascade, Options};
//! let g = vncite::graph::CiteGraph::default();
//! let c = cascade(&g, &Options::default());
//! assert!(c.items.is_empty());
//! assert!(c.layout().svg().contains("<svg"));
//! ```

pub mod dot;
pub mod layout;

use crate::export::Error;
use crate::graph::{CiteGraph, DirectiveNode, Node};
use crate::model::{Level, System};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// How many directives a picture keeps by default: about as many as stay readable on one slide.
pub const DEFAULT_MAX_DIRECTIVES: usize = 150;

/// What a cascade picture shows.
#[derive(Debug, Clone)]
pub struct Options {
    /// At most this many directives (the connected cascade around the most-cited ones).
    pub max_directives: usize,
    /// Draw state documents too (by default only Party directives).
    pub state: bool,
    /// The corpus, as named in the title (`dev`, `data/sample`).
    pub corpus: String,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_directives: DEFAULT_MAX_DIRECTIVES, state: false, corpus: String::new() }
    }
}

/// The picture's bands are the levels, top to bottom.
pub type Band = Level;

impl Level {
    /// The band's title in the picture.
    pub fn title(self) -> &'static str {
        match self {
            Level::Central => "Central",
            Level::Provincial => "Provincial",
            Level::District => "District",
            Level::Grassroots => "Grassroots",
        }
    }

    /// Fill colour of a Party directive of this level, in every drawing (state documents are grey).
    pub fn colour(self) -> &'static str {
        match self {
            Level::Central => "#f4a582",
            Level::Provincial => "#92c5de",
            Level::District => "#d1e5f0",
            Level::Grassroots => "#fddbc7",
        }
    }
}

/// Fill colour of state documents.
pub const STATE_COLOUR: &str = "#e0e0e0";

/// Stroke colour and dash pattern of a relation kind.
pub fn edge_style(kind: &str) -> (&'static str, Option<&'static str>) {
    match kind {
        "implements" => ("#b2182b", None),
        "continues" => ("#2166ac", None),
        "guides" => ("#1b7837", Some("6,3")),
        "reviews" => ("#8c510a", Some("2,3")),
        "amends" => ("#e08214", Some("6,3")),
        "replaces" => ("#542788", None),
        "repeals" => ("#000000", Some("2,3")),
        "legal_basis" => ("#878787", Some("6,3")),
        _ => ("#666666", Some("1,3")),
    }
}

/// Border width for a directive cited by `documents` articles: wider for more.
pub fn weight(documents: usize) -> f64 {
    (1.0 + 0.9 * (documents as f64).ln_1p()).min(5.0)
}

/// Stroke width of a relation edge stated `count` times.
pub fn link_width(count: usize) -> f64 {
    (1.3 + 0.6 * (count as f64).ln()).min(3.5)
}

/// One directive in the picture.
#[derive(Debug, Clone)]
pub struct Item {
    /// Node id in the graph.
    pub id: String,
    /// Short human form: `NQ 21-NQ/TW (2022)`, `KH 42-KH/TU Sơn La`.
    pub label: String,
    /// The count line: `14 articles · 6 provinces`.
    pub detail: String,
    /// Full label and title, for the tooltip.
    pub tooltip: String,
    /// The row band.
    pub band: Band,
    /// The province box it is drawn in (local directives).
    pub group: Option<String>,
    /// Articles citing it.
    pub documents: usize,
    /// A state document.
    pub state: bool,
}

/// A relation edge between two drawn directives (indices into [`Cascade::items`]).
#[derive(Debug, Clone)]
pub struct Link {
    /// The citing directive.
    pub from: usize,
    /// The cited directive.
    pub to: usize,
    /// implements, continues …
    pub kind: String,
    /// How many times it is stated.
    pub count: usize,
}

/// The directives a picture draws, and why these.
#[derive(Debug, Clone, Default)]
pub struct Cascade {
    /// Drawn directives, sorted by band, province, then in the order chosen (a cascade together,
    /// the most-cited first).
    pub items: Vec<Item>,
    /// Relation edges among them.
    pub links: Vec<Link>,
    /// First title line: what this is.
    pub title: String,
    /// Second title line: documents read, date range, what was left out.
    pub subtitle: String,
    /// Directives of the drawn system(s) not drawn (the less-cited, away from the cascade).
    pub left_out: usize,
    /// State documents not drawn because only Party directives were asked for.
    pub state_left_out: usize,
    /// Relation kinds drawn, in the order of the legend.
    pub kinds: Vec<String>,
}

/// `NQ 21-NQ/TW (2022)` for a central directive, `KH 42-KH/TU Sơn La` for a local one.
pub fn short_label(d: &DirectiveNode) -> String {
    let symbol = d
        .label
        .strip_prefix(d.type_name.as_str())
        .map(str::trim_start)
        .filter(|s| !s.is_empty())
        .map(|s| s.split(" (").next().unwrap_or(s).trim())
        .unwrap_or(d.label.as_str());
    let head = if symbol.contains(d.doc_type.as_str()) && d.label.starts_with(d.type_name.as_str()) {
        format!("{} {symbol}", d.doc_type)
    } else {
        d.label.split(" (").next().unwrap_or(&d.label).to_string()
    };
    match (&d.province, d.year) {
        (Some(p), _) => format!("{head} {p}"),
        (None, Some(y)) => format!("{head} ({y})"),
        (None, None) => head,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Chooses what to draw: directives of the drawn system(s), at most `opts.max_directives`, taken
/// as whole cascades — from the most-cited directive along relation edges (the most-cited
/// neighbours first), then the next most-cited not yet drawn — so that an implementing plan is
/// drawn with what it implements.
pub fn cascade(g: &CiteGraph, opts: &Options) -> Cascade {
    let gr = &g.graph;
    let dir = |i: NodeIndex| match &gr[i] {
        Node::Directive(d) => Some(d.as_ref()),
        _ => None,
    };
    let eligible: Vec<NodeIndex> =
        gr.node_indices().filter(|&i| dir(i).is_some_and(|d| opts.state || d.system != System::State)).collect();
    let state_left_out = gr.node_indices().filter(|&i| dir(i).is_some_and(|d| d.system == System::State)).count()
        - eligible.iter().filter(|&&i| dir(i).is_some_and(|d| d.system == System::State)).count();
    let chosen = choose(g, &eligible, opts.max_directives);
    let mut items: Vec<(NodeIndex, Item)> = chosen.iter().filter_map(|&i| dir(i).map(|d| (i, item(d)))).collect();
    // stable: within a band and province, the order of choosing
    items.sort_by(|(_, a), (_, b)| (a.band, &a.group).cmp(&(b.band, &b.group)));
    let at: HashMap<NodeIndex, usize> = items.iter().enumerate().map(|(k, (i, _))| (*i, k)).collect();
    let mut links: BTreeMap<(usize, usize, String), usize> = BTreeMap::new();
    for e in gr.edge_references().filter(|e| e.weight().kind.relation().is_some()) {
        if let (Some(&a), Some(&b)) = (at.get(&e.source()), at.get(&e.target())) {
            if a != b {
                *links.entry((a, b, e.weight().kind.to_string())).or_default() += e.weight().count;
            }
        }
    }
    // the legend's relation kinds, in their order of precedence
    let kinds: Vec<String> = crate::model::RelationKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .filter(|k| links.keys().any(|(_, _, x)| x == k))
        .collect();
    let left_out = eligible.len() - items.len();
    let years: Vec<i32> = items.iter().filter_map(|(i, _)| dir(*i).and_then(|d| d.year)).collect();
    let counts =
        Counts { documents: g.documents, drawn: items.len(), eligible: eligible.len(), left_out, state_left_out };
    Cascade {
        items: items.into_iter().map(|(_, it)| it).collect(),
        links: links.into_iter().map(|((from, to, kind), count)| Link { from, to, kind, count }).collect(),
        title: if opts.corpus.is_empty() {
            "Cascade of directives".to_string()
        } else {
            format!("Cascade of directives — {}", opts.corpus)
        },
        subtitle: subtitle(&counts, &years, opts.state),
        left_out,
        state_left_out,
        kinds,
    }
}

/// The directives drawn, in the order of choosing: the most-cited eligible directive and its
/// relation neighbours breadth first (most-cited first), then the next most-cited not yet
/// drawn, until `max` are chosen.
fn choose(g: &CiteGraph, eligible: &[NodeIndex], max: usize) -> Vec<NodeIndex> {
    let gr = &g.graph;
    let is_eligible: BTreeSet<NodeIndex> = eligible.iter().copied().collect();
    let rank = |i: NodeIndex| {
        let d = match &gr[i] {
            Node::Directive(d) => Some(d.as_ref()),
            _ => None,
        };
        (
            std::cmp::Reverse(d.map_or(0, |d| d.documents)),
            std::cmp::Reverse(d.map_or(0, |d| d.in_degree)),
            d.map_or("", |d| d.id.as_str()),
        )
    };
    // relation neighbours among the eligible, most-cited first
    let mut near: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
    for e in gr.edge_references().filter(|e| e.weight().kind.relation().is_some()) {
        let (a, b) = (e.source(), e.target());
        if a != b && is_eligible.contains(&a) && is_eligible.contains(&b) {
            near.entry(a).or_default().push(b);
            near.entry(b).or_default().push(a);
        }
    }
    for v in near.values_mut() {
        v.sort_by_key(|&i| rank(i));
        v.dedup();
    }
    let mut seeds = eligible.to_vec();
    seeds.sort_by_key(|&i| rank(i));
    let mut kept: BTreeSet<NodeIndex> = BTreeSet::new();
    let mut chosen: Vec<NodeIndex> = Vec::new();
    'seeds: for s in seeds {
        if kept.len() >= max {
            break;
        }
        if kept.contains(&s) {
            continue;
        }
        let mut queue = VecDeque::from([s]);
        kept.insert(s);
        chosen.push(s);
        while let Some(i) = queue.pop_front() {
            for &j in near.get(&i).map(Vec::as_slice).unwrap_or_default() {
                if kept.len() >= max {
                    continue 'seeds;
                }
                if kept.insert(j) {
                    chosen.push(j);
                    queue.push_back(j);
                }
            }
        }
    }
    chosen
}

/// What the subtitle counts.
struct Counts {
    documents: usize,
    drawn: usize,
    eligible: usize,
    left_out: usize,
    state_left_out: usize,
}

/// "84 documents read · dated 2016–2022 · 12 of 12 Party directives drawn · …".
fn subtitle(c: &Counts, years: &[i32], state: bool) -> String {
    let what = if state { "directives and state documents" } else { "Party directives" };
    let mut sub = vec![plural(c.documents, "document read", "documents read")];
    if let (Some(a), Some(b)) = (years.iter().min(), years.iter().max()) {
        sub.push(if a == b { format!("dated {a}") } else { format!("dated {a}–{b}") });
    }
    sub.push(format!("{} of {} {what} drawn", c.drawn, c.eligible));
    if c.left_out > 0 {
        sub.push(format!("{} less-cited left out", c.left_out));
    }
    if c.state_left_out > 0 {
        sub.push(format!("{} not drawn", plural(c.state_left_out, "state document", "state documents")));
    }
    sub.join(" · ")
}

fn item(d: &DirectiveNode) -> Item {
    let band = d.level;
    let mut detail = plural(d.documents, "article", "articles");
    if d.provinces > 0 {
        detail.push_str(&format!(" · {}", plural(d.provinces, "province", "provinces")));
    }
    let mut tooltip = d.label.clone();
    if let Some(t) = &d.title {
        tooltip.push_str(" — ");
        tooltip.push_str(t);
    }
    let group = match band {
        Band::Central => None,
        _ => Some(d.province.clone().unwrap_or_else(|| "province unknown".to_string())),
    };
    Item {
        id: d.id.clone(),
        label: short_label(d),
        detail,
        tooltip,
        band,
        group,
        documents: d.documents,
        state: d.system == System::State,
    }
}

impl Cascade {
    /// The built-in layout of this cascade.
    pub fn layout(&self) -> layout::Layout<'_> {
        layout::Layout::of(self)
    }
}

/// Who lays the picture out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// Graphviz when `dot` is installed, else the built-in layout.
    #[default]
    Auto,
    /// Graphviz `dot` (fails when it is missing).
    Graphviz,
    /// The built-in layout (SVG; PNG through `rsvg-convert` when installed).
    Builtin,
}

impl Engine {
    /// The engine that will draw: [`Engine::Auto`] decided by whether `dot` runs.
    pub fn resolve(self) -> Engine {
        match self {
            Engine::Auto if super::svg::have_dot() => Engine::Graphviz,
            Engine::Auto => Engine::Builtin,
            e => e,
        }
    }

    /// How the summary names it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Graphviz => "Graphviz",
            _ => "the built-in layout",
        }
    }
}

/// Picture file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    /// Scalable; opens in a browser.
    Svg,
    /// Bitmap, for slides.
    Png,
}

/// Draws the cascade of `g` as SVG or PNG with `engine` ([`Engine::Auto`] is resolved here).
/// Both engines draw the built-in layout: Graphviz routes the edges and renders it (SVG and PNG
/// from the same DOT); without Graphviz the SVG is written here and rasterised by `rsvg-convert`.
pub fn render(g: &CiteGraph, opts: &Options, engine: Engine, format: PictureFormat) -> crate::export::Result<Vec<u8>> {
    let c = cascade(g, opts);
    let layout = c.layout();
    match (engine.resolve(), format) {
        (Engine::Builtin, PictureFormat::Svg) => Ok(layout.svg().into_bytes()),
        // twice the size for sharp slides, at most MAX_SIDE a side
        (Engine::Builtin, PictureFormat::Png) => {
            let zoom = (layout::MAX_SIDE / layout.width.max(layout.height)).clamp(0.1, 2.0);
            rasterise(&layout.svg(), zoom)
        }
        (_, PictureFormat::Svg) => super::svg::with_graphviz_pinned(&dot::cascade_dot(&layout), &["-Tsvg"]),
        (_, PictureFormat::Png) => {
            let dpi = 96.0 * (layout::MAX_SIDE / layout.width.max(layout.height)).clamp(0.1, 2.0);
            super::svg::with_graphviz_pinned(&dot::cascade_dot(&layout), &["-Tpng", &format!("-Gdpi={dpi:.0}")])
        }
    }
}

/// SVG to PNG with `rsvg-convert` (librsvg), enlarged by `zoom` for sharp slides.
fn rasterise(svg: &str, zoom: f64) -> crate::export::Result<Vec<u8>> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new("rsvg-convert")
        .args(["--format", "png", "--zoom", &format!("{zoom:.3}")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| {
            Error::msg(
                "a PNG without Graphviz needs rsvg-convert (apt-get install librsvg2-bin, or install graphviz); graph.svg is the same picture",
            )
        })?;
    let mut stdin = child.stdin.take().ok_or_else(|| Error::msg("rsvg-convert's standard input"))?;
    let text = svg.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let mut out = Vec::new();
    if let Some(mut o) = child.stdout.take() {
        o.read_to_end(&mut out)?;
    }
    let status = child.wait()?;
    let _ = feeder.join();
    if !status.success() || out.is_empty() {
        return Err(Error::msg("rsvg-convert could not draw the picture"));
    }
    Ok(out)
}

/// The corpus as the picture's title names it: the inputs' last path parts.
pub fn corpus_name(inputs: &[std::path::PathBuf]) -> String {
    let names: Vec<String> = inputs
        .iter()
        .map(|p| {
            let p =
                p.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect::<std::path::PathBuf>();
            p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a}, {b}"),
        [a, rest @ ..] => format!("{a} and {} more", rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{CiteGraph, Edge};

    fn directive(id: &str, level: &str, province: Option<&str>, documents: usize) -> Node {
        let d = DirectiveNode {
            id: id.into(),
            doc: crate::model::Resolved {
                system: System::Party,
                doc_type: "NQ".into(),
                type_name: "Nghị quyết".into(),
                number: "21".into(),
                issuer: if province.is_some() { "TU".into() } else { "TW".into() },
                level: Level::parse(level).expect("level"),
                province: province.map(str::to_string),
                year: Some(2022),
                ..Default::default()
            },
            label: format!("Nghị quyết {id} ({})", province.unwrap_or("2022")),
            documents,
            ..Default::default()
        };
        Node::Directive(Box::new(d))
    }

    fn graph(nodes: Vec<Node>, edges: &[(usize, usize, &str)]) -> CiteGraph {
        let mut g = CiteGraph::default();
        let ix: Vec<NodeIndex> = nodes.into_iter().map(|n| g.graph.add_node(n)).collect();
        for &(a, b, k) in edges {
            g.graph.add_edge(
                ix[a],
                ix[b],
                Edge { kind: crate::graph::EdgeKind::parse(k).expect("kind"), count: 1, evidence: vec![] },
            );
        }
        g
    }

    #[test]
    fn short_labels_are_the_symbol_with_year_or_province() {
        let Node::Directive(d) = directive("21-NQ/TW", "central", None, 3) else { unreachable!() };
        assert_eq!(short_label(&d), "NQ 21-NQ/TW (2022)");
        let Node::Directive(d) = directive("42-NQ/TU", "provincial", Some("Sơn La"), 1) else { unreachable!() };
        assert_eq!(short_label(&d), "NQ 42-NQ/TU Sơn La");
    }

    #[test]
    fn keeps_the_cascade_around_the_most_cited() {
        // 0 is cited most; 1 implements it; 2 is cited more than 1 but stands alone
        let g = graph(
            vec![
                directive("21-NQ/TW", "central", None, 9),
                directive("42-NQ/TU", "provincial", Some("Sơn La"), 1),
                directive("05-CT/TW", "central", None, 5),
            ],
            &[(1, 0, "implements")],
        );
        let c = cascade(&g, &Options { max_directives: 2, ..Default::default() });
        let ids: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["21-NQ/TW", "42-NQ/TU"]);
        assert_eq!(c.left_out, 1);
        assert_eq!(c.links.len(), 1);
        assert_eq!((c.links[0].from, c.links[0].to, c.links[0].kind.as_str()), (1, 0, "implements"));
        assert_eq!(c.items[1].group.as_deref(), Some("Sơn La"));
        assert!(c.subtitle.contains("2 of 3 Party directives drawn"), "{}", c.subtitle);
        assert!(c.subtitle.contains("1 less-cited left out"), "{}", c.subtitle);
    }

    #[test]
    fn state_documents_only_on_request() {
        let mut state = directive("34/NĐ-CP", "central", None, 4);
        if let Node::Directive(d) = &mut state {
            d.system = System::State;
        }
        let g = graph(vec![directive("21-NQ/TW", "central", None, 1), state], &[]);
        let c = cascade(&g, &Options::default());
        assert_eq!((c.items.len(), c.state_left_out), (1, 1));
        assert!(c.subtitle.contains("1 state document not drawn"), "{}", c.subtitle);
        let c = cascade(&g, &Options { state: true, ..Default::default() });
        assert_eq!((c.items.len(), c.state_left_out), (2, 0));
        assert!(c.items.iter().any(|i| i.state));
    }
}
