//! Pictures: Graphviz `dot` when it is installed, else a pure-Rust layout (layout-rs), so a
//! picture comes out on any machine.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::process::{Command, Stdio};

/// Whether Graphviz `dot` can be run.
pub fn have_dot() -> bool {
    Command::new("dot").arg("-V").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Renders DOT text with Graphviz to `format` (svg, png).
pub fn with_graphviz(dot: &str, format: &str) -> Result<Vec<u8>> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running Graphviz dot")?;
    let mut stdin = child.stdin.take().context("dot's standard input")?;
    let text = dot.to_string();
    // feed dot from a thread: a large graph would otherwise fill both pipes
    let feeder = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().context("waiting for dot")?;
    feeder.join().ok();
    if !out.status.success() {
        bail!("dot failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(out.stdout)
}

/// Renders DOT text to SVG with the built-in layout (no Graphviz needed).
pub fn with_layout_rs(dot: &str) -> Result<String> {
    use layout::backends::svg::SVGWriter;
    use layout::gv::{DotParser, GraphBuilder};
    let dot = dot.to_string();
    // the layout library is young: a panic in it becomes an error, not a crash
    std::panic::catch_unwind(move || -> Result<String> {
        let mut parser = DotParser::new(&dot);
        let graph = parser.process().map_err(|e| anyhow::anyhow!("layout: cannot read the DOT: {e}"))?;
        let mut builder = GraphBuilder::new();
        builder.visit_graph(&graph);
        let mut vg = builder.get();
        let mut svg = SVGWriter::new();
        vg.do_it(false, false, false, &mut svg);
        Ok(svg.finalize())
    })
    .map_err(|_| anyhow::anyhow!("layout: the built-in layout failed on this graph"))?
}

/// SVG through Graphviz when present, else the built-in layout.
pub fn svg(dot: &str) -> Result<Vec<u8>> {
    if have_dot() {
        with_graphviz(dot, "svg")
    } else {
        with_layout_rs(dot).map(String::into_bytes)
    }
}
