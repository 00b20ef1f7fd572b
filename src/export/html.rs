//! graph.html: the explorer, one self-contained page that opens from disk with no network — the
//! graph as node-link JSON (the same document as graph.json) inlined, node positions computed
//! here ([`positions`]: levels as bands, a column per province), and the renderer (web/, built by
//! build.rs with esbuild from sigma.js and graphology) embedded in the binary ([`EXPLORER`]).
//!
//! Every inlined JSON text has its `<` written `\u003c`, so no corpus string can close the script.

use crate::export::error::{Error, Result};
use crate::graph::{CiteGraph, Node};
use crate::model::Level;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// The explorer's script, bundled by build.rs; empty when the binary was built without Node.js.
pub static EXPLORER: &str = include_str!(concat!(env!("OUT_DIR"), "/explorer.js"));
static MISSING: &str = include_str!(concat!(env!("OUT_DIR"), "/explorer-missing.txt"));

/// Why this binary has no explorer, and how to get one; `None` when it has.
pub fn missing() -> Option<String> {
    EXPLORER.trim().is_empty().then(|| {
        format!(
            "graph.html needs the explorer, which this vncite was built without ({}): install Node.js and npm \
             (apt-get install nodejs npm), then `cargo build --release` again; build.rs bundles web/ from the npm registry",
            if MISSING.trim().is_empty() { "no bundle" } else { MISSING.trim() }
        )
    })
}

/// A writer that escapes `<` as `\u003c`: inside JSON it only occurs within strings, where the
/// escape means the same character, and so nothing written can end the enclosing `<script>`.
struct ScriptSafe<'a>(&'a mut dyn Write);

impl Write for ScriptSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr(b'<', rest) {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Annotated pages to link from the explorer: their folder (relative to graph.html) and the page
/// of each document id.
pub struct Pages<'a> {
    /// Folder, relative to graph.html (`annotated`).
    pub dir: &'a str,
    /// Document node id → page file name.
    pub pages: &'a BTreeMap<String, String>,
}

/// Writes graph.html. Fails when the binary has no explorer (see [`missing`]).
pub fn write(g: &CiteGraph, pages: Option<&Pages>, w: &mut dyn Write) -> Result<()> {
    if let Some(why) = missing() {
        return Err(Error::msg(why));
    }
    w.write_all(
        b"<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
          <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
          <title>vncite explorer</title>\n</head>\n<body>\n<script type=\"application/json\" id=\"vncite-data\">",
    )?;
    super::write_json(g, &mut ScriptSafe(w))?;
    w.write_all(b"</script>\n<script type=\"application/json\" id=\"vncite-positions\">")?;
    let pos = positions(g);
    let mut s = ScriptSafe(w);
    s.write_all(b"[")?;
    for (i, (x, y)) in pos.iter().enumerate() {
        write!(s, "{}[{x:.1},{y:.1}]", if i == 0 { "" } else { "," })?;
    }
    s.write_all(b"]")?;
    w.write_all(b"</script>\n")?;
    if let Some(p) = pages {
        w.write_all(b"<script type=\"application/json\" id=\"vncite-pages\" data-dir=\"")?;
        w.write_all(crate::export::table::xml_escape(p.dir).as_bytes())?;
        w.write_all(b"\">")?;
        serde_json::to_writer(&mut ScriptSafe(w), p.pages)?;
        w.write_all(b"</script>\n")?;
    }
    w.write_all(b"<script>")?;
    // the bundle is code, where "</script" can only be inside a string or a regular expression
    w.write_all(EXPLORER.replace("</script", "<\\/script").as_bytes())?;
    w.write_all(b"</script>\n</body>\n</html>\n")?;
    Ok(())
}

/// Golden-angle spiral: the k-th of a cluster's points, unit spacing.
fn spiral(k: usize) -> (f64, f64) {
    let r = (k as f64 + 0.5).sqrt();
    let a = k as f64 * 2.399_963_229_728_653;
    (r * a.cos(), r * a.sin())
}

/// Where each node starts: directives in bands by level (central on top), then documents, then
/// provinces; within a band a column per province (sorted by name, the unplaced last), each
/// column's nodes packed in a spiral — so a province's cascade reads down its column.
pub fn positions(g: &CiteGraph) -> Vec<(f64, f64)> {
    let gr = &g.graph;
    let names: BTreeSet<String> = gr.node_weights().filter_map(province_of).collect();
    let column: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let cols = names.len() + 1;
    // clusters: (band, column) → members in node order
    let mut clusters: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, n) in gr.node_weights().enumerate() {
        let col = match (band_of(n), province_of(n)) {
            (0, _) => cols / 2,
            (_, Some(p)) => column.get(p.as_str()).copied().unwrap_or(cols - 1),
            (_, None) => cols - 1,
        };
        clusters.entry((band_of(n), col)).or_default().push(i);
    }
    let spacing = clusters
        .iter()
        .filter(|((band, _), _)| *band != 0)
        .map(|((band, _), m)| 2.0 * step(*band) * (m.len() as f64).sqrt())
        .fold(0.0, f64::max)
        + 6.0;
    let width = cols as f64 * spacing;
    let mut out = place(&clusters, gr.node_count(), spacing, width);
    // stretched to about 3:2, the shape of a screen: the bands are wide and shallow
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for p in &out {
        lo = lo.min(p.1);
        hi = hi.max(p.1);
    }
    let tall = (hi - lo).max(1.0);
    let stretch = (width / 1.5 / tall).max(1.0);
    for p in &mut out {
        p.1 *= stretch;
    }
    out
}

/// A node's band, top to bottom: central, provincial, district, grassroots and other directives,
/// documents, provinces.
fn band_of(n: &Node) -> usize {
    match n {
        Node::Directive(d) => match d.level {
            Level::Central => 0,
            Level::Provincial => 1,
            Level::District => 2,
            Level::Grassroots => 3,
        },
        Node::Document(_) => 5,
        Node::Province(_) => 6,
    }
}

/// The province whose column a node stands in (none for central directives).
fn province_of(n: &Node) -> Option<String> {
    match n {
        Node::Directive(d) if d.level == Level::Central => None,
        Node::Directive(d) => d.province.clone(),
        Node::Document(d) => d.province.clone(),
        Node::Province(p) => Some(p.name.clone()),
    }
}

/// Spiral step by band: local directives wider apart than documents.
fn step(band: usize) -> f64 {
    if band <= 4 {
        2.0
    } else {
        1.0
    }
}

/// Each node's place: central directives in a grid across the whole width, a few rows deep (so
/// the most important nodes are apart at the first view); the others in a spiral in their
/// cluster's column, band under band.
fn place(clusters: &BTreeMap<(usize, usize), Vec<usize>>, n: usize, spacing: f64, width: f64) -> Vec<(f64, f64)> {
    let central = clusters.iter().filter(|((band, _), _)| *band == 0).map(|(_, m)| m.len()).sum::<usize>();
    let per_row = ((central as f64).sqrt() * 4.0).ceil().max(8.0) as usize;
    let gap = width / per_row as f64;
    let mut band_height = [0.0f64; 7];
    for ((band, _), m) in clusters {
        let h = if *band == 0 {
            gap * central.div_ceil(per_row) as f64
        } else {
            2.0 * step(*band) * (m.len() as f64).sqrt()
        };
        band_height[*band] = band_height[*band].max(h + 6.0);
    }
    let mut band_y = [0.0f64; 7];
    let mut y = 0.0;
    for b in 0..7 {
        band_y[b] = y - band_height[b] / 2.0;
        y -= band_height[b];
    }
    let mut out = vec![(0.0, 0.0); n];
    for ((band, col), members) in clusters {
        for (k, &i) in members.iter().enumerate() {
            out[i] = if *band == 0 {
                let (r, c) = (k / per_row, k % per_row);
                ((c as f64 + 0.5) * gap, band_y[0] + band_height[0] / 2.0 - 3.0 - (r as f64 + 0.5) * gap)
            } else {
                let (dx, dy) = spiral(k);
                ((*col as f64 + 0.5) * spacing + dx * step(*band), band_y[*band] + dy * step(*band))
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_escapes_every_angle_bracket() {
        let mut buf = Vec::new();
        serde_json::to_writer(&mut ScriptSafe(&mut buf), &serde_json::json!({"t": "</script><!--"})).expect("write");
        let s = String::from_utf8(buf).expect("utf8");
        assert_eq!(s, r#"{"t":"\u003c/script>\u003c!--"}"#);
        let back: serde_json::Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back["t"], "</script><!--");
    }

    #[test]
    fn spirals_never_stack_two_nodes() {
        let pts: Vec<(f64, f64)> = (0..200).map(spiral).collect();
        for (i, a) in pts.iter().enumerate() {
            for b in &pts[i + 1..] {
                assert!((a.0 - b.0).hypot(a.1 - b.1) > 0.3);
            }
        }
    }
}
