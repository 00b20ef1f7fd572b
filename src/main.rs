//! The `vncite` command: a thin layer over the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vncite::{
    analyze_all, corpus, data::Tables, export, extract::Extractor, graph, province::ProvinceFinder, resolve::Resolver,
};

/// Find references to Vietnamese Party and state documents, resolve them, and build a citation graph.
///
/// Exit status: 0 when every input was read, 2 when some inputs (files or JSONL lines) were
/// skipped with a warning, 1 on a usage or output error.
#[derive(Parser)]
#[command(name = "vncite", version, about, long_about)]
struct Cli {
    /// A directory of TSV tables replacing the built-in ones of the same name (doc_types.tsv,
    /// issuers.tsv, provinces.tsv, districts.tsv, central_catalog.tsv).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a corpus and write graph.json, graph.dot and mentions.jsonl.
    Build {
        /// Files and directories to read (.txt UTF-8; .jsonl/.ndjson with "id" and "text"); `-` for stdin.
        #[arg(default_value = "data/sample")]
        inputs: Vec<PathBuf>,
        /// Output directory (created if missing).
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// No summary on standard output.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the references of one text, for inspection.
    Extract {
        /// The file to read, or `-` for standard input.
        #[arg(default_value = "-")]
        file: PathBuf,
        /// table for people, jsonl for scripts.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Jsonl,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("vncite: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let loaded;
    let tables: &Tables = match &cli.data {
        Some(dir) => {
            loaded = Tables::load(dir)?;
            &loaded
        }
        None => Tables::embedded(),
    };
    // compiled once for the whole run
    let (ex_own, pf_own);
    let (extractor, places) = if cli.data.is_some() {
        ex_own = Extractor::new(tables);
        pf_own = ProvinceFinder::new(tables);
        (&ex_own, &pf_own)
    } else {
        (Extractor::embedded(), ProvinceFinder::embedded())
    };
    let resolver = Resolver { tables, extractor, places };
    match cli.command {
        Command::Build { inputs, output, quiet } => build(&resolver, &inputs, &output, quiet),
        Command::Extract { file, format } => extract(&resolver, &file, format),
    }
}

fn build(resolver: &Resolver, inputs: &[PathBuf], output: &Path, quiet: bool) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    for i in inputs {
        if i.as_os_str() != "-" && !i.exists() {
            bail!("input {} does not exist", i.display());
        }
    }
    let corpus = corpus::read_inputs(inputs);
    for w in &corpus.warnings {
        eprintln!("vncite: warning: {w}");
    }
    let analyses = analyze_all(resolver, &corpus.documents);
    let mut skipped = corpus.skipped;
    let mut n_warnings = corpus.warnings.len();
    for a in &analyses {
        for w in &a.warnings {
            eprintln!("vncite: warning: {}: {w}", a.source);
            n_warnings += 1;
            skipped += usize::from(w.contains("internal error"));
        }
    }
    let g = graph::build(&analyses);
    std::fs::create_dir_all(output).with_context(|| format!("creating output directory {}", output.display()))?;
    let json = serde_json::to_string_pretty(&export::to_json(&g))? + "\n";
    export::write_atomic(&output.join("graph.json"), json.as_bytes())?;
    export::write_atomic(&output.join("graph.dot"), export::to_dot(&g).as_bytes())?;
    export::write_atomic(&output.join("mentions.jsonl"), export::mentions_jsonl(&analyses, &g).as_bytes())?;
    if !quiet {
        let (dirs, party, kinds) = g.counts();
        let refs: usize = analyses.iter().map(|a| a.mentions.len()).sum();
        let bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
        let secs = started.elapsed().as_secs_f64();
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "vncite build: {} documents ({:.1} MB) in {:.2} s",
            corpus.documents.len(),
            bytes as f64 / 1e6,
            secs
        )?;
        writeln!(out, "  references   {refs}")?;
        writeln!(out, "  directives   {dirs} ({party} Party, {} state)", dirs - party)?;
        let edges: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(out, "  edges        {}", edges.join(", "))?;
        writeln!(out, "  warnings     {n_warnings}")?;
        writeln!(out, "  written      {}/graph.json, graph.dot, mentions.jsonl", output.display())?;
    }
    Ok(if skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn extract(resolver: &Resolver, file: &Path, format: Format) -> Result<ExitCode> {
    let corpus = corpus::read_inputs(&[file.to_path_buf()]);
    for w in &corpus.warnings {
        eprintln!("vncite: warning: {w}");
    }
    let mut out = std::io::stdout().lock();
    for doc in &corpus.documents {
        let a = resolver.analyze(doc);
        match format {
            Format::Jsonl => {
                for m in &a.mentions {
                    writeln!(out, "{}", serde_json::to_string(m)?)?;
                }
            }
            Format::Table => {
                writeln!(out, "# {} — province: {}", a.source, a.province.as_deref().unwrap_or("-"))?;
                writeln!(
                    out,
                    "{:>7} {:>7}  {:<6} {:<22} {:<11} {:<10} {:<6} {:<14} text",
                    "start", "end", "system", "symbol", "level", "date", "term", "province"
                )?;
                for m in &a.mentions {
                    writeln!(
                        out,
                        "{:>7} {:>7}  {:<6} {:<22} {:<11} {:<10} {:<6} {:<14} {}",
                        m.start,
                        m.end,
                        m.system.as_str(),
                        m.symbol(),
                        m.level,
                        m.date.as_deref().unwrap_or("-"),
                        m.term.as_deref().unwrap_or("-"),
                        m.province.as_deref().unwrap_or("-"),
                        m.text.replace('\n', " ")
                    )?;
                }
                for r in &a.relations {
                    let (f, t) = (&a.mentions[r.from], &a.mentions[r.to]);
                    writeln!(out, "  {} --{}--> {}  (\"{}\")", f.symbol(), r.kind, t.symbol(), r.cue)?;
                }
            }
        }
    }
    Ok(if corpus.skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
