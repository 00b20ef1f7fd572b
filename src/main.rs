//! The `vncite` command: a thin layer over the library.

// many small strings per document across worker threads: mimalloc is markedly faster here than
// the system allocator
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vncite::corpus::InputOptions;
use vncite::export::Format as OutFormat;
use vncite::model::DocAnalysis;
use vncite::pipeline::RunStats;
use vncite::resolve::{Knowledge, Resolver};
use vncite::warning::Warning;
use vncite::{export, graph, tables::Tables};

/// Find references to Vietnamese Party and state documents, resolve them, and build a citation graph.
///
/// Exit status: 0 when every input was read, 2 when some inputs (files or JSONL lines) were
/// skipped with a warning, 1 on a usage or output error.
#[derive(Parser)]
#[command(name = "vncite", version, about, long_about)]
struct Cli {
    /// A directory of TSV tables replacing the built-in ones of the same name (doc_types.tsv,
    /// issuers.tsv, provinces.tsv, districts.tsv, central_catalog.tsv, relation_cues.tsv, bodies.tsv,
    /// lexicon.tsv, congresses.tsv).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Worker threads, 1 to 1024 (default: all cores). Output is the same for any value.
    #[arg(long, short = 'j', global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    jobs: Option<u16>,
    /// Reading one text stops after this many seconds (a warning names it, and the run exits 2).
    #[arg(long, global = true, value_name = "SECONDS", default_value = "60", value_parser = seconds)]
    time_limit: std::time::Duration,
    #[command(subcommand)]
    command: Command,
}

/// A time limit in seconds: a number from 0 to a day.
fn seconds(s: &str) -> Result<std::time::Duration, String> {
    let n: f64 = s.trim().parse().map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(0.0..=86_400.0).contains(&n) {
        return Err(format!("{s} is not between 0 and 86400 seconds"));
    }
    Ok(std::time::Duration::from_secs_f64(n))
}

#[derive(clap::Args, Clone)]
struct Inputs {
    /// JSONL field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// JSONL field holding the record id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// Skip (with a warning) a text or HTML file larger than this many bytes once decompressed,
    /// and a JSONL line longer.
    #[arg(long, default_value_t = 512 * 1024 * 1024, value_name = "BYTES")]
    max_file_size: u64,
    /// Also read files with these extensions in directories, as text (e.g. `--ext md,json`).
    #[arg(long, value_delimiter = ',', value_name = "EXT")]
    ext: Vec<String>,
    /// No progress bar, no summary, and only the count of warnings (all are in warnings.jsonl).
    #[arg(short, long)]
    quiet: bool,
    /// Stop at the first input that has to be skipped.
    #[arg(long)]
    strict: bool,
}

impl Inputs {
    /// How the library reads JSONL records under these options.
    fn input_options(&self) -> InputOptions {
        InputOptions {
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            ext: self.ext.clone(),
            max_file_size: self.max_file_size,
            strict: self.strict,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read a corpus and write graph.json, graph.dot and mentions.jsonl.
    Build {
        /// Files and directories (.txt UTF-8/UTF-16, .html, .jsonl/.ndjson, each optionally .gz/.zst); `-` for stdin.
        #[arg(default_value = "data/sample")]
        inputs: Vec<PathBuf>,
        /// Output directory (created if missing).
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Build from `vncite extract --format jsonl` outputs (shards) instead of reading texts.
        #[arg(long, num_args = 1.., value_name = "FILE")]
        from_mentions: Vec<PathBuf>,
        /// Outputs, comma-separated: json, dot, svg, png, graphml, gexf, csv, html, parquet
        /// (nodes, edges and mentions); mentions.jsonl always.
        #[arg(long, value_delimiter = ',', default_value = "json,dot,svg,html")]
        format: Vec<OutFormat>,
        /// Keep a node for every document read, also those that mention no directive and are
        /// about no province (by default they are only counted: the graph's `documents`).
        #[arg(long)]
        all_documents: bool,
        /// Also write each citing text as a highlighted page in DIR/annotated/, linked from
        /// graph.html (the inputs are read a second time).
        #[arg(long)]
        annotate: bool,
        #[command(flatten)]
        inputs_opts: Inputs,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        picture: PictureArgs,
    },
    /// Convert a built graph.json to another format (with an optional view).
    Export {
        /// The graph.json to read.
        graph: PathBuf,
        /// The format to write.
        #[arg(long, value_enum)]
        format: OutFormat,
        /// The file to write (for csv: a directory for nodes.csv and edges.csv).
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        picture: PictureArgs,
    },
    /// A directive's fields, the documents that mention it, what it cites and what cites it.
    Show(QueryArgs),
    /// What a directive cites (implements, continues, amends …).
    Cites(QueryArgs),
    /// What cites a directive.
    CitedBy(QueryArgs),
    /// The most central directives.
    Top {
        /// Rank by mentions, documents, provinces or pagerank.
        #[arg(long, default_value = "mentions", value_parser = ["mentions", "documents", "provinces", "pagerank"])]
        by: String,
        /// How many.
        #[arg(short, default_value_t = 20)]
        n: usize,
        /// The graph to read.
        #[arg(long, default_value = "output/graph.json")]
        graph: PathBuf,
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Counts of directives by type, level, province and year.
    Stats {
        /// The graph to read.
        #[arg(long, default_value = "output/graph.json")]
        graph: PathBuf,
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Each text as an HTML page with every reference highlighted, titled with its resolution
    /// and linked to its node in graph.html.
    Annotate {
        /// Files and directories (.txt, .html, .jsonl …).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Folder for the pages (created if missing).
        #[arg(short, long, default_value = "output/annotated")]
        output: PathBuf,
        /// The graph.json whose nodes the pages link to (default: a graph of these inputs).
        #[arg(long)]
        graph: Option<PathBuf>,
        /// graph.html as seen from the pages.
        #[arg(long, default_value = "../graph.html")]
        explorer: String,
        #[command(flatten)]
        inputs_opts: Inputs,
    },
    /// Print the references of texts: a table for people, JSONL records for scripts and shards.
    Extract {
        /// Files or directories to read, or `-` for standard input.
        #[arg(default_value = "-")]
        inputs: Vec<PathBuf>,
        /// table for people; jsonl: one record a line (document, mention, relation), which
        /// `vncite build --from-mentions` reads back.
        #[arg(long, value_enum, default_value_t = RecordFormat::Table)]
        format: RecordFormat,
        #[command(flatten)]
        inputs_opts: Inputs,
    },
}

#[derive(clap::Args, Clone)]
struct QueryArgs {
    /// A node id or what a person types: "21-NQ/TW", "Nghị quyết 21", "NQ 21 2022".
    reference: String,
    /// The graph to read.
    #[arg(long, default_value = "output/graph.json")]
    graph: PathBuf,
    /// JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// What the picture (graph.svg, graph.png) draws.
#[derive(clap::Args, Clone)]
struct PictureArgs {
    /// cascade: directives ranked by level, provinces boxed, relations drawn, documents counted
    /// on each directive; documents: every citing document drawn too (small graphs).
    #[arg(long, value_enum, default_value_t = PictureKind::Cascade)]
    picture: PictureKind,
    /// At most N directives in the cascade picture (the cascade around the most-cited).
    #[arg(long, value_name = "N", default_value_t = vncite::export::picture::DEFAULT_MAX_DIRECTIVES)]
    picture_max: usize,
    /// Draw state documents in the cascade too (by default Party directives only).
    #[arg(long)]
    picture_state: bool,
    /// Who lays the picture out: graphviz when installed (auto), or the built-in layout.
    #[arg(long, value_enum, default_value_t = LayoutEngine::Auto)]
    picture_layout: LayoutEngine,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum PictureKind {
    Cascade,
    Documents,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum LayoutEngine {
    Auto,
    Graphviz,
    Builtin,
}

impl PictureArgs {
    fn engine(&self) -> vncite::export::picture::Engine {
        use vncite::export::picture::Engine;
        match self.picture_layout {
            LayoutEngine::Auto => Engine::Auto,
            LayoutEngine::Graphviz => Engine::Graphviz,
            LayoutEngine::Builtin => Engine::Builtin,
        }
        .resolve()
    }
}

#[derive(clap::Args, Clone, Default)]
struct ViewArgs {
    /// Keep directives issued in, or mentioned by documents about, this province.
    #[arg(long)]
    province: Option<String>,
    /// The same for a province of the 2025 merger (34): all the provinces merged into it.
    #[arg(long, value_name = "PROVINCE", conflicts_with = "province")]
    province_2025: Option<String>,
    /// Keep directives of this level (central, provincial, district, grassroots).
    #[arg(long, value_parser = ["central", "provincial", "district", "grassroots"])]
    level: Option<String>,
    /// party, state or all.
    #[arg(long, value_parser = ["party", "state", "all"])]
    system: Option<String>,
    /// Keep directives dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = vncite::graph::view::date_bound)]
    since: Option<String>,
    /// Keep directives dated on or before (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = vncite::graph::view::date_bound)]
    until: Option<String>,
    /// Keep directives mentioned at least N times.
    #[arg(long, value_name = "N")]
    min_mentions: Option<usize>,
    /// Keep the neighbourhood of one node (an id).
    #[arg(long, value_name = "ID")]
    ego: Option<String>,
    /// Steps out from --ego.
    #[arg(long, value_name = "N")]
    depth: Option<usize>,
    /// Keep at most N directives, the most mentioned (and say what was dropped).
    #[arg(long, value_name = "N")]
    max_nodes: Option<usize>,
}

impl ViewArgs {
    fn view(&self) -> vncite::graph::view::View {
        vncite::graph::view::View {
            province: self.province.clone(),
            province_2025: self.province_2025.clone(),
            level: self.level.clone(),
            system: self.system.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            min_mentions: self.min_mentions,
            ego: self.ego.clone(),
            depth: self.depth,
            max_nodes: self.max_nodes,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum RecordFormat {
    Table,
    Jsonl,
}

/// Writes a line to standard error; a closed or full standard error loses the message, never
/// the run (`eprintln!` would panic).
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

fn main() -> ExitCode {
    no_huge_pages();
    // an interrupted run removes its temporary files (the outputs before it stay as they were)
    let _ = ctrlc::set_handler(|| {
        // held until the process is gone: nothing is created or renamed after the removal
        let _held = export::remove_pending();
        std::process::exit(130);
    });
    // a usage error exits 1 like every other error the README lists (clap's own code is 2, which
    // here means "inputs skipped"); --help and --version exit 0
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        // the reader of our output went away (`vncite extract … | head`): nothing left to say
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("vncite: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(n) = cli.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
            .context("setting up worker threads")?;
    }
    // the tables and the patterns compiled from them, once for the whole run
    let knowledge = cli.data.as_deref().map(Knowledge::load).transpose()?;
    let mut resolver = match &knowledge {
        Some(k) => k.resolver(),
        None => Resolver::embedded(),
    };
    resolver.time_limit = cli.time_limit;
    match cli.command {
        Command::Build {
            inputs,
            output,
            from_mentions,
            format,
            all_documents,
            annotate,
            inputs_opts,
            view,
            picture,
        } => {
            let sources = Sources { inputs: &inputs, from: &from_mentions, all_documents, annotate };
            let corpus = export::picture::corpus_name(if from_mentions.is_empty() { &inputs } else { &from_mentions });
            let choice = PictureChoice::new(&picture, corpus);
            build(&resolver, &sources, &output, &inputs_opts, &format, &view, &choice)
        }
        Command::Annotate { inputs, output, graph, explorer, inputs_opts } => {
            annotate(&resolver, &inputs, &output, graph.as_deref(), &explorer, &inputs_opts)
        }
        Command::Extract { inputs, format, inputs_opts } => extract(&resolver, &inputs, format, &inputs_opts),
        Command::Export { graph, format, output, view, picture } => {
            export_graph(&graph, format, &output, &view, &picture)
        }
        Command::Show(q) => query(&q, "show"),
        Command::Cites(q) => query(&q, "cites"),
        Command::CitedBy(q) => query(&q, "cited-by"),
        Command::Top { by, n, graph, json } => top(&load(&graph)?, &by, n, json),
        Command::Stats { graph, json } => stats(&load(&graph)?, json),
    }
}

/// `vncite export`: one format of a built graph (with a view), to a file.
fn export_graph(
    graph: &Path,
    format: OutFormat,
    output: &Path,
    view: &ViewArgs,
    picture: &PictureArgs,
) -> Result<ExitCode> {
    let g = load(graph)?;
    let g = apply_view(&g, view)?;
    // a built graph is named by its folder (output/graph.json: "output")
    let named = match graph.parent() {
        Some(p) if graph.file_name().is_some_and(|n| n == "graph.json") && !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => graph.to_path_buf(),
    };
    let writer = PictureChoice::new(picture, export::picture::corpus_name(std::slice::from_ref(&named))).writer(&g);
    for st in writer.stage(format, output, true)? {
        st.commit()?;
    }
    for n in writer.notes() {
        say!("vncite: {n}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `vncite top`: the most-cited directives.
fn top(g: &graph::CiteGraph, by: &str, n: usize, json: bool) -> Result<ExitCode> {
    let rows = vncite::graph::query::top(g, by, n);
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:>4}  {:>8} {:>9} {:>9} {:>9}  directive",
        "rank", "mentions", "documents", "provinces", "pagerank"
    )?;
    for (i, r) in rows.iter().enumerate() {
        writeln!(
            out,
            "{:>4}  {:>8} {:>9} {:>9} {:>9.6}  {}",
            i + 1,
            r["mentions"],
            r["documents"],
            r["provinces"],
            r["pagerank"].as_f64().unwrap_or(0.0),
            r["label"].as_str().unwrap_or("")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `vncite stats`: nodes and edges by kind, directives by level, province, year …
fn stats(g: &graph::CiteGraph, json: bool) -> Result<ExitCode> {
    let s = vncite::graph::query::stats(g);
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "nodes: {}", kv(&s["nodes"]))?;
    writeln!(out, "edges: {}", kv(&s["edges"]))?;
    if let Some(by) = s["directives_by"].as_object() {
        for (k, v) in by {
            writeln!(out, "directives by {k}: {}", kv(v))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Turns transparent huge pages off for this process. Batches of documents come and go; with
/// huge pages the kernel clears 2 MiB for each one the allocator takes anew, which on VNTC was a
/// tenth of all the work (measured: 0.92 → 0.82 s). Nothing else changes; elsewhere than on Linux
/// there is nothing to do.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours; if the kernel
    // refuses, nothing changes
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Warnings as they come: the first few of each kind printed (none with `-q`), the rest counted,
/// every one kept for `warnings.jsonl`; and the progress bar.
struct Reporter {
    quiet: bool,
    tally: vncite::pipeline::Tally,
    bar: indicatif::ProgressBar,
}

impl Reporter {
    fn new(quiet: bool) -> Reporter {
        Reporter { quiet, tally: Default::default(), bar: indicatif::ProgressBar::hidden() }
    }

    /// The count of what was not printed, by kind; with `-q` the total only.
    fn summary(&self) {
        if self.quiet {
            if !self.tally.all.is_empty() {
                say!("vncite: {} warnings (all of them in warnings.jsonl)", self.tally.all.len());
            }
            return;
        }
        for (kind, n) in self.tally.not_shown() {
            say!("vncite: … and {n} more warnings of the kind “{kind}”");
        }
    }
}

impl vncite::pipeline::Observer for Reporter {
    fn warning(&mut self, w: Warning) {
        if self.tally.add(w.clone()) && !self.quiet {
            self.bar.suspend(|| say!("vncite: warning: {w}"));
        }
    }

    fn progress(&mut self, bytes: u64, total: u64, documents: usize) {
        if self.bar.is_hidden() {
            return;
        }
        self.bar.set_length(total.max(1));
        self.bar.set_position(bytes);
        self.bar.set_message(format!("{documents} documents"));
    }
}

/// Runs the pipeline over `inputs` with a progress bar on a terminal (not with `-q`).
fn process(
    resolver: &Resolver,
    inputs: &[PathBuf],
    opts: &Inputs,
    report: &mut Reporter,
    keep: impl Fn(&DocAnalysis) -> bool + Sync,
    on_batch: impl FnMut(Vec<DocAnalysis>) -> std::io::Result<()>,
) -> Result<RunStats> {
    process_map(resolver, inputs, opts, report, |_, a| keep(&a).then_some(a), on_batch)
}

/// [`process`] with each analysis turned into what is written on the worker threads.
fn process_map<T: Send>(
    resolver: &Resolver,
    inputs: &[PathBuf],
    opts: &Inputs,
    report: &mut Reporter,
    map: impl Fn(&vncite::model::Document, DocAnalysis) -> Option<T> + Sync,
    on_batch: impl FnMut(Vec<T>) -> std::io::Result<()>,
) -> Result<RunStats> {
    report.bar = progress_bar(opts.quiet);
    let stats = vncite::pipeline::run_map(resolver, inputs, &opts.input_options(), report, map, on_batch)?;
    report.bar.finish_and_clear();
    Ok(stats)
}

fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(1);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// A spinner on standard error (a terminal only) while the picture is drawn.
fn picture_spinner(show: bool, dots: &export::Writer) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !show || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let what = if dots.cascade.is_some() { "the cascade" } else { "the documents" };
    bar.set_message(format!("writing the outputs; drawing {what} with {}", dots.engine.name()));
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Refuses an output directory inside an input directory (see [`export::atomic::input_holding`]).
fn refuse_output_inside_inputs(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    if let Some(i) = export::atomic::input_holding(output, inputs) {
        bail!("the output directory {} is inside the input {}; choose another -o", output.display(), i.display());
    }
    Ok(())
}

fn kv(v: &serde_json::Value) -> String {
    v.as_object().map_or_else(String::new, |m| m.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", "))
}

fn load(path: &Path) -> Result<graph::CiteGraph> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading {} (run `vncite build` first?)", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    graph::CiteGraph::from_json(&v).with_context(|| format!("reading the graph in {}", path.display()))
}

/// Applies a view after checking what it names exists in `g` (else "no such …" with the
/// closest names); prints the view's note.
fn apply_view(g: &graph::CiteGraph, view: &ViewArgs) -> Result<graph::CiteGraph> {
    let v = view.view().checked(g)?;
    let (g, note) = vncite::graph::view::apply(g, &v);
    if let Some(n) = note {
        say!("vncite: {n}");
    }
    Ok(g)
}

/// The picture chosen on the command line: the cascade's options (`None`: the documents'
/// picture) and who draws it.
struct PictureChoice {
    cascade: Option<vncite::export::picture::Options>,
    engine: vncite::export::picture::Engine,
}

impl PictureChoice {
    fn new(p: &PictureArgs, corpus: String) -> PictureChoice {
        let cascade = (p.picture == PictureKind::Cascade).then_some(vncite::export::picture::Options {
            max_directives: p.picture_max,
            state: p.picture_state,
            corpus,
        });
        PictureChoice { cascade, engine: p.engine() }
    }

    /// The writers for `g` with this picture.
    fn writer<'a>(&self, g: &'a graph::CiteGraph) -> export::Writer<'a> {
        let mut w = export::Writer::new(g, self.cascade.clone());
        w.engine = self.engine;
        w
    }
}

fn query(q: &QueryArgs, what: &str) -> Result<ExitCode> {
    let g = load(&q.graph)?;
    let found = vncite::graph::query::find(&g, &q.reference);
    let mut out = std::io::stdout().lock();
    let label = |i: petgraph::graph::NodeIndex| match &g.graph[i] {
        graph::Node::Directive(d) => d.label.clone(),
        n => n.id().to_string(),
    };
    match found.as_slice() {
        [] => {
            // a central document no text cites may still be in the catalog
            let cat = vncite::graph::query::find_in_catalog(Tables::embedded(), &q.reference);
            if what == "show" && !cat.is_empty() {
                for e in &cat {
                    print_catalog_row(&mut out, e, q.json)?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            say!("vncite: no directive matches {:?}", q.reference);
            Ok(ExitCode::from(1))
        }
        [i] => {
            let v = match what {
                "show" => vncite::graph::query::show(&g, *i),
                "cites" => serde_json::Value::Array(vncite::graph::query::cites(&g, *i, petgraph::Direction::Outgoing)),
                _ => serde_json::Value::Array(vncite::graph::query::cites(&g, *i, petgraph::Direction::Incoming)),
            };
            if q.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
            } else if what == "show" {
                writeln!(out, "{}  [{}]", label(*i), g.graph[*i].id())?;
                print_show(&mut out, &v)?;
            } else {
                for r in v.as_array().into_iter().flatten() {
                    writeln!(
                        out,
                        "{:<12} {}  [{}]",
                        r["kind"].as_str().unwrap_or(""),
                        r["label"].as_str().unwrap_or(""),
                        r["id"].as_str().unwrap_or("")
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        many => {
            say!("vncite: {:?} is ambiguous; candidates:", q.reference);
            for &i in many {
                say!("  {}  [{}]", label(i), g.graph[i].id());
            }
            if q.json {
                let ids: Vec<&str> = many.iter().map(|&i| g.graph[i].id()).collect();
                writeln!(out, "{}", serde_json::json!({"ambiguous": q.reference, "candidates": ids}))?;
            }
            Ok(ExitCode::from(1))
        }
    }
}

/// A catalog document no text of the graph cites (`vncite show`).
fn print_catalog_row(out: &mut impl Write, e: &vncite::tables::CatalogEntry, json: bool) -> Result<()> {
    if json {
        let v = serde_json::json!({"symbol": e.symbol, "type_name": e.type_name, "date": e.date, "body": e.body,
            "term": e.term, "plenum": e.plenum, "title": e.title, "status": e.status,
            "source": e.source, "cited_in_graph": false});
        writeln!(out, "{v}")?;
        return Ok(());
    }
    writeln!(
        out,
        "{} {} — {} ({}, khóa {}{}): {}\n  not cited by any document of this graph; catalog row {}, source: {}",
        e.type_name,
        e.symbol,
        e.date.as_deref().unwrap_or("date unknown"),
        e.body,
        e.term.as_deref().unwrap_or("?"),
        e.plenum.map(|p| format!(", Hội nghị Trung ương {p}")).unwrap_or_default(),
        e.title,
        e.status,
        e.source
    )?;
    Ok(())
}

/// `vncite show` for people: the directive's fields, who mentions it (with the sentences), what
/// it cites and what cites it.
fn print_show(out: &mut impl Write, v: &serde_json::Value) -> Result<()> {
    const FIELDS: [&str; 18] = [
        "system",
        "doc_type",
        "number",
        "issuer",
        "level",
        "body",
        "date",
        "year",
        "term",
        "plenum",
        "province",
        "title",
        "mentions",
        "documents",
        "provinces",
        "pagerank",
        "confidence",
        "candidates",
    ];
    for k in FIELDS {
        let x = &v[k];
        if !x.is_null() && x.as_array().is_none_or(|a| !a.is_empty()) {
            writeln!(out, "  {k:<11} {}", x.as_str().map_or_else(|| x.to_string(), String::from))?;
        }
    }
    writeln!(out, "mentioned by:")?;
    for d in v["mentioned_by"].as_array().into_iter().flatten() {
        let (doc, title) = (d["document"].as_str().unwrap_or(""), d["title"].as_str().unwrap_or(""));
        writeln!(out, "  {doc} ×{}  {title}", d["count"])?;
        for s in d["sentences"].as_array().into_iter().flatten() {
            writeln!(out, "      “{}”", s.as_str().unwrap_or(""))?;
        }
    }
    for (head, key) in [("cites:", "cites"), ("cited by:", "cited_by")] {
        writeln!(out, "{head}")?;
        for r in v[key].as_array().into_iter().flatten() {
            writeln!(out, "  {:<12} {}", r["kind"].as_str().unwrap_or(""), r["label"].as_str().unwrap_or(""))?;
        }
    }
    Ok(())
}

/// What `build` reads: texts, or `extract` records, and which documents become nodes.
struct Sources<'a> {
    inputs: &'a [PathBuf],
    from: &'a [PathBuf],
    all_documents: bool,
    /// Write annotated pages too (`--annotate`).
    annotate: bool,
}

fn build(
    resolver: &Resolver,
    src: &Sources,
    output: &Path,
    opts: &Inputs,
    formats: &[OutFormat],
    view: &ViewArgs,
    choice: &PictureChoice,
) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    refuse_output_inside_inputs(output, src.inputs)?;
    // a binary built without Node.js has no explorer: say how to get it, write the rest
    let formats: Vec<OutFormat> = match export::html::missing() {
        Some(why) if formats.contains(&OutFormat::Html) => {
            say!("vncite: {why}; graph.html is not written");
            formats.iter().copied().filter(|f| *f != OutFormat::Html).collect()
        }
        _ => formats.to_vec(),
    };
    let (analyses, stats, warnings) = read_for_build(resolver, src, opts)?;
    // --strict stops at the first skipped input: a partial graph must not replace the outputs
    if opts.strict && stats.skipped > 0 {
        say!("vncite: --strict: an input was skipped; no output written ({} left as it was)", output.display());
        return Ok(ExitCode::from(2));
    }
    let timing = std::env::var_os("VNCITE_TIMING").is_some();
    if timing {
        say!("timing: analysed at {:.2}s, rss {} MB", started.elapsed().as_secs_f64(), rss_mb());
    }
    let mut full = graph::build(&analyses);
    full.documents = stats.documents;
    if timing {
        say!("timing: graph at {:.2}s, rss {} MB", started.elapsed().as_secs_f64(), rss_mb());
    }
    std::fs::create_dir_all(output).with_context(|| format!("creating output directory {}", output.display()))?;
    let pages = if src.annotate && !src.inputs.is_empty() {
        let a = annotate_pages(resolver, src.inputs, &output.join("annotated"), &full, "../graph.html", opts)?;
        for w in &a.warnings {
            say!("vncite: annotate: {w}");
        }
        Some(("annotated".to_string(), a.pages))
    } else {
        None
    };
    let viewed;
    let g = if view.view().is_all() {
        &full
    } else {
        viewed = apply_view(&full, view)?;
        &viewed
    };
    let mut writer = choice.writer(g);
    writer.pages = pages;
    let drawn = formats.iter().any(|f| matches!(f, OutFormat::Svg | OutFormat::Png));
    if drawn && writer.cascade.is_none() && !export::svg::have_dot() && !opts.quiet {
        say!("vncite: Graphviz not found; drawing graph.svg with the built-in layout");
    }
    let spinner = picture_spinner(drawn && !opts.quiet, &writer);
    // every output is written to a temporary file first; only when all are written are they
    // renamed into place, so a failed run leaves the previous outputs as they were
    let staged = export::stage_build(&writer, &formats, output, &analyses, &full, &warnings)?;
    spinner.finish_and_clear();
    for st in staged {
        st.commit()?;
    }
    if timing {
        say!("timing: written at {:.2}s", started.elapsed().as_secs_f64());
    }
    if !opts.quiet {
        for n in writer.notes() {
            say!("vncite: {n}");
        }
        let refs: usize = analyses.iter().map(|a| a.mentions.len()).sum();
        let summary = Summary { stats: &stats, refs, secs: started.elapsed().as_secs_f64(), output, formats: &formats };
        summary.print(&writer, drawn)?;
    }
    Ok(if stats.skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// The analyses `build` makes its graph of — from the texts, or from shards — with what the
/// run saw and every warning (the first few of each kind printed as they come).
fn read_for_build(
    resolver: &Resolver,
    src: &Sources,
    opts: &Inputs,
) -> Result<(Vec<DocAnalysis>, RunStats, Vec<Warning>)> {
    let mut analyses: Vec<DocAnalysis> = Vec::new();
    // silent documents are dropped as they come, so memory follows the graph, not the corpus
    let keep = |a: &DocAnalysis| src.all_documents || !a.is_silent();
    let mut report = Reporter::new(opts.quiet);
    let stats = if src.from.is_empty() {
        process(resolver, src.inputs, opts, &mut report, keep, |batch| {
            analyses.extend(batch);
            Ok(())
        })?
    } else {
        let (mut a, skipped) = read_records(src.from, &mut report)?;
        let documents = a.len();
        a.retain(keep);
        analyses = a;
        RunStats { documents, skipped, warnings: report.tally.all.len(), ..Default::default() }
    };
    report.summary();
    Ok((analyses, stats, report.tally.all))
}

/// What `build` prints when it is done.
struct Summary<'a> {
    stats: &'a RunStats,
    refs: usize,
    secs: f64,
    output: &'a Path,
    formats: &'a [OutFormat],
}

impl Summary<'_> {
    fn print(&self, writer: &export::Writer, drawn: bool) -> Result<()> {
        let g = writer.graph();
        let (dirs, party, kinds) = g.counts();
        let (stats, secs) = (self.stats, self.secs);
        let mb = stats.bytes as f64 / 1e6;
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "vncite build: {} documents ({mb:.1} MB) in {secs:.2} s ({:.1} MB/s)",
            stats.documents,
            mb / secs.max(1e-9)
        )?;
        writeln!(out, "  references   {}", self.refs)?;
        writeln!(out, "  directives   {dirs} ({party} Party, {} state)", dirs - party)?;
        let edges: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(out, "  edges        {}", edges.join(", "))?;
        writeln!(out, "  warnings     {} ({} inputs skipped)", stats.warnings, stats.skipped)?;
        let mut written = vec!["mentions.jsonl".to_string(), "warnings.jsonl".to_string()];
        for f in self.formats {
            let mut files = f.files().join(", ");
            if *f == OutFormat::Parquet {
                files.push_str(", mentions.parquet");
            }
            written.push(files);
        }
        writeln!(out, "  written      {}/{}", self.output.display(), written.join(", "))?;
        if let (true, Some(o)) = (drawn, &writer.cascade) {
            let c = vncite::export::picture::cascade(g, o);
            let mut left = Vec::new();
            if c.left_out > 0 {
                left.push(format!("{} less-cited left out: --picture-max", c.left_out));
            }
            if c.state_left_out > 0 {
                left.push(format!("{} state documents: --picture-state", c.state_left_out));
            }
            let left = if left.is_empty() { String::new() } else { format!(" ({})", left.join("; ")) };
            let what = if c.items.len() == 1 { "directive" } else { "directives" };
            writeln!(
                out,
                "  picture      cascade of {} {what}{left}, drawn by {}",
                c.items.len(),
                writer.engine.name()
            )?;
        }
        let citing = export::citing_documents(g);
        if writer.cascade.is_none() && citing > export::PICTURE_DOCUMENTS && drawn {
            writeln!(
                out,
                "  picture      directives and provinces only: {citing} citing documents are more than {} (graph.dot and the other files have them; a view such as --province or --ego draws fewer)",
                export::PICTURE_DOCUMENTS
            )?;
        }
        Ok(())
    }
}

/// Writes the annotated page of every citing text of `inputs` into `dir`, linked to the nodes of `g`.
fn annotate_pages(
    resolver: &Resolver,
    inputs: &[PathBuf],
    dir: &Path,
    g: &graph::CiteGraph,
    explorer: &str,
    opts: &Inputs,
) -> Result<export::annotate::Annotated> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let node_at = export::mention_nodes(g);
    let node_of = |doc: &str, s: usize, e: usize| node_at.get(&(doc, s, e)).map(|n| n.to_string());
    let in_opts = opts.input_options();
    let pages = export::annotate::annotate_corpus(resolver, inputs, &in_opts, &node_of, explorer, |name, html| {
        export::write_atomic(&dir.join(name), html.as_bytes())
    })?;
    Ok(pages)
}

/// `vncite annotate`: the pages, linked to `graph` or to a graph of the inputs themselves.
fn annotate(
    resolver: &Resolver,
    inputs: &[PathBuf],
    output: &Path,
    graph_json: Option<&Path>,
    explorer: &str,
    opts: &Inputs,
) -> Result<ExitCode> {
    let g = match graph_json {
        Some(p) => load(p)?,
        None => {
            let all = vncite::pipeline::analyze_inputs(resolver, inputs, &opts.input_options())?;
            graph::build(&all.analyses)
        }
    };
    let a = annotate_pages(resolver, inputs, output, &g, explorer, opts)?;
    for w in &a.warnings {
        say!("vncite: warning: {w}");
    }
    if !opts.quiet {
        println!("vncite annotate: {} pages in {}", a.pages.len(), output.display());
    }
    Ok(if a.skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Reads `extract` records (JSONL or Parquet shards) back into analyses; bad lines are skipped
/// with a warning each.
fn read_records(files: &[PathBuf], report: &mut Reporter) -> Result<(Vec<DocAnalysis>, usize)> {
    use vncite::pipeline::Observer as _;
    let mut docs = Vec::new();
    let skipped = vncite::shard::read_files(files, &mut docs, &mut |w| report.warning(w))?;
    Ok((docs, skipped))
}

fn extract(resolver: &Resolver, inputs: &[PathBuf], format: RecordFormat, opts: &Inputs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut report = Reporter::new(false);
    let opts = Inputs { quiet: true, ..opts.clone() };
    let stats = match format {
        // the records are made on the workers, beside the analysis
        RecordFormat::Jsonl => process_map(
            resolver,
            inputs,
            &opts,
            &mut report,
            |_, a| Some(vncite::shard::records(&a)),
            |batch| {
                for records in batch {
                    out.write_all(records?.as_bytes())?;
                }
                Ok(())
            },
        )?,
        RecordFormat::Table => process(
            resolver,
            inputs,
            &opts,
            &mut report,
            |_| true,
            |batch| batch.iter().try_for_each(|a| table(&mut out, a)),
        )?,
    };
    out.flush()?;
    Ok(if stats.skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn table(out: &mut impl Write, a: &DocAnalysis) -> std::io::Result<()> {
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
        writeln!(
            out,
            "  {} --{}--> {}  (\"{}\", {})",
            f.symbol(),
            r.kind.as_str(),
            t.symbol(),
            r.cue,
            r.basis.as_str()
        )?;
    }
    Ok(())
}

/// Resident memory in MB (Linux), for `VNCITE_TIMING`.
fn rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|x| x.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4096 / 1_000_000)
}
