//! Stage 6: write the graph out, one file per format.
//!
//! Types: [`Format`] (what a graph can be written as, and the files each gives), [`Writer`] (one
//! run's writers: the DOT text made once for dot, svg and png, the picture's options, the
//! annotated pages graph.html links to), [`Staged`] (an output written to its temporary file,
//! renamed into place with the rest of its set by [`Staged::commit`]).
//! Files: [`json`] (graph.json, mentions.jsonl), [`dot`], [`svg`] (Graphviz), [`picture`] (the
//! cascade), [`graphml`], [`gexf`], [`csv`] and [`parquet`] (through [`table`]), [`html`] (the
//! explorer), [`annotate`] (each citing text as a page), [`atomic`] (temporary files, renames).
//!
//! All corpus text is escaped for its format (serde_json for JSON, [`dot_quote`] for DOT, XML
//! escaping for GraphML, GEXF and SVG, formula guards for CSV, `<` escaped in scripts).
//!
//! ```
//! use vncite::export::{Format, Writer};
//! let g = vncite::graph::CiteGraph::default();
//! let dir = std::env::temp_dir().join(format!("vncite-export-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let writer = Writer::new(&g, Some(Default::default()));
//! for staged in writer.stage(Format::Json, &dir, false).unwrap() {
//!     staged.commit().unwrap();
//! }
//! assert!(dir.join("graph.json").exists());
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

pub mod annotate;
pub mod atomic;
pub mod csv;
pub mod dot;
pub mod error;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod parquet;
pub mod picture;
pub mod svg;
pub mod table;

// the verbs most callers want, here on purpose
pub use atomic::{remove_pending, stage, stage_with, write_atomic, write_atomic_with, Staged};
pub use dot::{citing_documents, dot_quote, to_dot, to_dot_with, PICTURE_DIRECTIVES, PICTURE_DOCUMENTS};
pub use error::{Error, Result};
pub use json::{mention_nodes, to_json, write_json, write_mentions};

use crate::graph::{CiteGraph, Node};
use error::Context;
use std::path::Path;

/// The formats a graph can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// graph.json: node-link JSON.
    Json,
    /// graph.dot.
    Dot,
    /// graph.svg: the cascade picture (or the documents' picture).
    Svg,
    /// graph.png: the same picture.
    Png,
    /// graph.graphml.
    Graphml,
    /// graph.gexf.
    Gexf,
    /// nodes.csv and edges.csv.
    Csv,
    /// graph.html: the offline explorer.
    Html,
    /// nodes.parquet and edges.parquet (mentions.parquet is written by `build`).
    Parquet,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 9] = [
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Graphml,
        Format::Gexf,
        Format::Csv,
        Format::Html,
        Format::Parquet,
    ];

    /// The name on the command line (`json`, `graphml` …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Parquet => "parquet",
        }
    }

    /// The files a graph gives in this format, in an output directory.
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["graph.json"],
            Format::Dot => &["graph.dot"],
            Format::Svg => &["graph.svg"],
            Format::Png => &["graph.png"],
            Format::Graphml => &["graph.graphml"],
            Format::Gexf => &["graph.gexf"],
            Format::Csv => &["nodes.csv", "edges.csv"],
            Format::Html => &["graph.html"],
            Format::Parquet => &["nodes.parquet", "edges.parquet"],
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(s.trim())).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format {s:?} ({})", names.join(", "))
        })
    }
}

/// One run's writers for one graph: every format is staged from here, on any thread.
pub struct Writer<'a> {
    g: &'a CiteGraph,
    /// graph.dot's text, made once whichever writer asks first.
    full: std::sync::OnceLock<String>,
    /// The documents' picture's DOT when it leaves documents out.
    picture: std::sync::OnceLock<String>,
    /// The cascade picture's options; `None` for the documents' picture.
    pub cascade: Option<picture::Options>,
    /// Who draws the picture ([`picture::Engine::Auto`]: decided when it is drawn).
    pub engine: picture::Engine,
    /// Annotated pages for graph.html to link: their folder and each document's page.
    pub pages: Option<(String, std::collections::BTreeMap<String, String>)>,
    /// Notes for the reader (what a picture left out), gathered while writing.
    notes: std::sync::Mutex<Vec<String>>,
}

impl<'a> Writer<'a> {
    /// Writers for `g`: the cascade picture with `cascade`'s options, or the documents' picture
    /// when `None`; Graphviz when installed, else the built-in layout (decided when drawing, so
    /// making a writer runs nothing).
    pub fn new(g: &'a CiteGraph, cascade: Option<picture::Options>) -> Writer<'a> {
        Writer {
            g,
            full: Default::default(),
            picture: Default::default(),
            cascade,
            engine: picture::Engine::Auto,
            pages: None,
            notes: Default::default(),
        }
    }

    /// The graph written.
    pub fn graph(&self) -> &'a CiteGraph {
        self.g
    }

    /// What the writers had to say (a picture that shows part of the graph), once written.
    pub fn notes(&self) -> Vec<String> {
        self.notes.lock().map(|n| n.clone()).unwrap_or_default()
    }

    fn dot(&self) -> &str {
        self.full.get_or_init(|| to_dot(self.g))
    }

    /// The documents' picture's DOT: the most-mentioned directives of a large graph, without the
    /// document notes past [`PICTURE_DOCUMENTS`].
    fn documents_picture(&self) -> &str {
        let g = self.g;
        let directives = g.graph.node_weights().filter(|n| matches!(n, Node::Directive(_))).count();
        if directives > PICTURE_DIRECTIVES {
            self.picture.get_or_init(|| {
                let view = crate::graph::view::View { max_nodes: Some(PICTURE_DIRECTIVES), ..Default::default() };
                let (small, _) = crate::graph::view::apply(g, &view);
                if let Ok(mut n) = self.notes.lock() {
                    n.push(format!(
                        "the picture shows the {PICTURE_DIRECTIVES} most-mentioned of {directives} directives (graph.dot and the other formats keep all)"
                    ));
                }
                to_dot_with(&small, false)
            })
        } else if citing_documents(g) <= PICTURE_DOCUMENTS {
            self.dot()
        } else {
            self.picture.get_or_init(|| to_dot_with(g, false))
        }
    }

    /// Writes one format to temporary files and returns them staged: the caller renames every
    /// output of a run into place together, or none. `to_file`: `path` is the file itself (one-file
    /// formats), else the output directory.
    pub fn stage(&self, f: Format, path: &Path, to_file: bool) -> Result<Vec<Staged>> {
        let g = self.g;
        let target = |name: &str| if to_file { path.to_path_buf() } else { path.join(name) };
        let dir = || std::fs::create_dir_all(path).with_context(|| format!("creating {}", path.display()));
        Ok(match f {
            Format::Json => vec![stage_with(&target("graph.json"), |w| write_json(g, w))?],
            Format::Dot => vec![stage(&target("graph.dot"), self.dot().as_bytes())?],
            Format::Graphml => vec![stage_with(&target("graph.graphml"), |w| graphml::write(g, w))?],
            Format::Gexf => vec![stage_with(&target("graph.gexf"), |w| gexf::write(g, w))?],
            Format::Parquet => {
                dir()?;
                let t = table::Table::of(g);
                let write = |cols: Vec<parquet::Column>, name: &str| {
                    stage_with(&path.join(name), |w| parquet::write_columns(&cols, w))
                };
                vec![write(parquet::nodes(&t), "nodes.parquet")?, write(parquet::edges(&t), "edges.parquet")?]
            }
            Format::Csv => {
                dir()?;
                let t = table::Table::of(g);
                vec![
                    stage_with(&path.join("nodes.csv"), |w| csv::write_nodes(&t, w))?,
                    stage_with(&path.join("edges.csv"), |w| csv::write_edges(&t, w))?,
                ]
            }
            Format::Html => {
                if let Some(why) = html::missing() {
                    return Err(Error::msg(why));
                }
                let pages = self.pages.as_ref().map(|(dir, pages)| html::Pages { dir, pages });
                vec![stage_with(&target("graph.html"), |w| html::write(g, pages.as_ref(), w))?]
            }
            Format::Svg | Format::Png => self.stage_picture(f, &target)?,
        })
    }

    fn stage_picture(&self, f: Format, target: &dyn Fn(&str) -> std::path::PathBuf) -> Result<Vec<Staged>> {
        let (name, pf) = if f == Format::Svg {
            ("graph.svg", picture::PictureFormat::Svg)
        } else {
            ("graph.png", picture::PictureFormat::Png)
        };
        if let Some(opts) = &self.cascade {
            return Ok(vec![stage(&target(name), &picture::render(self.g, opts, self.engine, pf)?)?]);
        }
        if f == Format::Svg {
            return Ok(vec![stage(&target(name), &svg::svg(self.documents_picture())?)?]);
        }
        if !svg::have_dot() {
            return Err(Error::msg("PNG needs Graphviz (apt-get install graphviz); SVG works without it"));
        }
        Ok(vec![stage(&target(name), &svg::with_graphviz(self.documents_picture(), "png")?)?])
    }
}

/// Everything `build` writes into `dir`, staged as one set (each file on its own thread; Graphviz's
/// layout is the slowest): mentions.jsonl and warnings.jsonl always, mentions.parquet with
/// Parquet, and `formats` of the writer's graph (which may be a view of `full`). The caller
/// renames them into place together ([`Staged::commit`]) or, dropping them, leaves the previous
/// outputs as they were.
pub fn stage_build(
    writer: &Writer,
    formats: &[Format],
    dir: &Path,
    analyses: &[crate::model::DocAnalysis],
    full: &CiteGraph,
    warnings: &[crate::warning::Warning],
) -> Result<Vec<Staged>> {
    std::thread::scope(|s| -> Result<Vec<Staged>> {
        let mut jobs = vec![
            s.spawn(|| Ok(vec![stage_with(&dir.join("mentions.jsonl"), |w| write_mentions(analyses, full, w))?])),
            s.spawn(|| Ok(vec![stage_with(&dir.join("warnings.jsonl"), |w| json::write_warnings(warnings, w))?])),
        ];
        if formats.contains(&Format::Parquet) {
            jobs.push(s.spawn(|| {
                let cols = parquet::mentions(analyses, full)?;
                Ok(vec![stage_with(&dir.join("mentions.parquet"), |w| parquet::write_columns(&cols, w))?])
            }));
        }
        for f in formats {
            jobs.push(s.spawn(move || writer.stage(*f, dir, false)));
        }
        let mut all = Vec::new();
        let mut first_error = None;
        for j in jobs {
            match j.join().map_err(|_| Error::msg("a writer thread failed")).and_then(|r| r) {
                Ok(v) => all.extend(v),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        first_error.map_or(Ok(all), Err)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        assert_eq!("GraphML".parse::<Format>(), Ok(Format::Graphml));
        assert!("xls".parse::<Format>().is_err_and(|e| e.contains("json, dot")));
        assert_eq!(Format::Csv.files(), ["nodes.csv", "edges.csv"]);
    }
}
