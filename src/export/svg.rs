//! Pictures: Graphviz `dot` when it is installed, else a pure-Rust layout (layout-rs), so a
//! picture comes out on any machine.

use crate::export::error::{Context, Error, Result};
use std::io::Write;
use std::process::{Command, Stdio};

/// Whether Graphviz `dot` can be run.
pub fn have_dot() -> bool {
    Command::new("dot").arg("-V").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// How long Graphviz may draw one picture before it is stopped.
pub const DOT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Renders DOT text with Graphviz to `format` (svg, png). `dot` is stopped after
/// [`DOT_TIMEOUT`], and (on Linux) dies with vncite: a killed run leaves no `dot` behind.
pub fn with_graphviz(dot: &str, format: &str) -> Result<Vec<u8>> {
    run_graphviz("dot", &[format!("-T{format}")], dot)
}

/// Renders DOT text whose nodes are pinned (`pos`, cluster `bb`) with `neato -n2` and `args`
/// (`-Tsvg`): Graphviz keeps the places and routes the edges. Same limits as [`with_graphviz`].
pub fn with_graphviz_pinned(dot: &str, args: &[&str]) -> Result<Vec<u8>> {
    let args: Vec<String> = std::iter::once("-n2").chain(args.iter().copied()).map(str::to_string).collect();
    run_graphviz("neato", &args, dot)
}

fn run_graphviz(program: &str, args: &[String], dot: &str) -> Result<Vec<u8>> {
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe and touches only the child about to exec
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
    let mut child = cmd.spawn().with_context(|| format!("running Graphviz {program}"))?;
    let mut stdin = child.stdin.take().with_context(|| format!("{program}'s standard input"))?;
    let text = dot.to_string();
    // feed and drain dot from threads: a large graph would otherwise fill the pipes
    let feeder = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let err = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().with_context(|| format!("waiting for {program}"))? {
            break st;
        }
        if started.elapsed() > DOT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::msg(format!("{program} took more than {} s and was stopped", DOT_TIMEOUT.as_secs())));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    feeder.join().ok();
    let (out, err) = (out.join().unwrap_or_default(), err.join().unwrap_or_default());
    if !status.success() {
        return Err(Error::msg(format!("{program} failed: {}", String::from_utf8_lossy(&err).trim())));
    }
    Ok(out)
}

/// Renders DOT text to SVG with the built-in layout (no Graphviz needed).
fn with_layout_rs(dot: &str) -> Result<String> {
    use layout::backends::svg::SVGWriter;
    use layout::gv::{DotParser, GraphBuilder};
    let dot = dot.to_string();
    // the layout library is young: a panic in it becomes an error, not a crash
    std::panic::catch_unwind(move || -> Result<String> {
        let mut parser = DotParser::new(&dot);
        let graph = parser.process().map_err(|e| Error::msg(format!("layout: cannot read the DOT: {e}")))?;
        let mut builder = GraphBuilder::new();
        builder.visit_graph(&graph);
        let mut vg = builder.get();
        let mut svg = SVGWriter::new();
        vg.do_it(false, false, false, &mut svg);
        Ok(svg.finalize())
    })
    .map_err(|_| Error::msg("layout: the built-in layout failed on this graph"))?
}

/// SVG through Graphviz when present, else the built-in layout.
pub fn svg(dot: &str) -> Result<Vec<u8>> {
    if have_dot() {
        with_graphviz(dot, "svg")
    } else {
        with_layout_rs(dot).map(String::into_bytes)
    }
}
