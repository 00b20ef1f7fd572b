//! The library alone, without the CLI: read a directory, analyse every document, build the
//! citation graph and write it as graph.json — the same graph.json as `vncite build`.
//!
//! ```text
//! cargo run --release --example build_graph -- data/sample /tmp/graph.json
//! ```

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let input = PathBuf::from(args.next().unwrap_or_else(|| "data/sample".into()));
    let output = PathBuf::from(args.next().unwrap_or_else(|| "graph.json".into()));
    let resolver = vncite::resolve::Resolver::embedded();
    let all = vncite::pipeline::analyze_inputs(&resolver, &[input], &Default::default())?;
    for w in &all.warnings {
        eprintln!("warning: {w}");
    }
    let mut analyses = all.analyses;
    // as the CLI does: documents that cite nothing and are about no province are only counted
    let documents = analyses.len();
    analyses.retain(|a| !a.is_silent());
    let mut graph = vncite::graph::build(&analyses);
    graph.documents = documents;
    vncite::export::write_atomic_with(&output, |w| vncite::export::write_json(&graph, w))?;
    let (directives, party, _) = graph.counts();
    println!("{documents} documents, {directives} directives ({party} Party) → {}", output.display());
    Ok(())
}
