//! `vncite._vncite`: the native half of the Python package. Every function takes and returns
//! plain strings and lists (JSON where the value is a record), so the Python side builds plain,
//! picklable objects; analysis runs with the GIL released, in parallel where there are many texts.

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use vncite::corpus::InputOptions;
use vncite::data::Tables;
use vncite::extract::Extractor;
use vncite::graph::CiteGraph;
use vncite::model::{DocAnalysis, Document, Meta};
use vncite::province::ProvinceFinder;
use vncite::relate::Lexicon;
use vncite::resolve::Resolver;

/// One resolver per `data` folder, made once per process and kept (they hold compiled patterns).
fn resolver(data: Option<&str>) -> PyResult<&'static Resolver<'static>> {
    static CACHE: Mutex<Option<HashMap<Option<PathBuf>, &'static Resolver<'static>>>> = Mutex::new(None);
    let key = data.map(PathBuf::from);
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let map = cache.get_or_insert_with(HashMap::new);
    if let Some(r) = map.get(&key) {
        return Ok(r);
    }
    let r: &'static Resolver<'static> = match &key {
        None => Box::leak(Box::new(Resolver {
            tables: Tables::embedded(),
            extractor: Extractor::embedded(),
            places: ProvinceFinder::embedded(),
            cues: Lexicon::embedded(),
        })),
        Some(dir) => {
            let err = |e: String| PyValueError::new_err(format!("data {}: {e}", dir.display()));
            let tables: &'static Tables = Box::leak(Box::new(Tables::load(dir).map_err(|e| err(e.to_string()))?));
            let extractor = Box::leak(Box::new(Extractor::try_new(tables).map_err(err)?));
            let places = Box::leak(Box::new(ProvinceFinder::try_new(tables).map_err(err)?));
            let cues = Box::leak(Box::new(Lexicon::new(tables).map_err(err)?));
            Box::leak(Box::new(Resolver { tables, extractor, places, cues }))
        }
    };
    map.insert(key, r);
    Ok(r)
}

fn meta_of(meta: Option<&str>) -> PyResult<Meta> {
    match meta {
        None => Ok(Meta::default()),
        Some(m) => serde_json::from_str(m).map_err(|e| PyValueError::new_err(format!("meta: {e}"))),
    }
}

/// Byte offsets → code-point offsets (Python string indices), in one pass over the text.
fn char_offsets(text: &str, bytes: &[usize]) -> HashMap<usize, usize> {
    let mut want: Vec<usize> = bytes.to_vec();
    want.sort_unstable();
    want.dedup();
    let mut out = HashMap::with_capacity(want.len());
    let mut w = want.into_iter().peekable();
    for (ci, (bi, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        while let Some(&b) = w.peek() {
            if b > bi {
                break;
            }
            out.insert(b, ci);
            w.next();
        }
    }
    out
}

/// An analysis as the Python side reads it: the shard records (for building graphs exactly) and
/// every mention with code-point offsets beside its byte offsets.
fn analysis_json(a: &DocAnalysis, text: &str) -> Result<String, serde_json::Error> {
    let offsets: Vec<usize> = a.mentions.iter().flat_map(|m| [m.start, m.end]).collect();
    let chars = char_offsets(text, &offsets);
    let mentions: Vec<Value> = a
        .mentions
        .iter()
        .map(|m| {
            let mut v = serde_json::to_value(m)?;
            if let Value::Object(o) = &mut v {
                o.insert("start_byte".into(), json!(m.start));
                o.insert("end_byte".into(), json!(m.end));
                o.insert("start".into(), json!(chars.get(&m.start)));
                o.insert("end".into(), json!(chars.get(&m.end)));
                o.insert("symbol".into(), json!(m.symbol()));
            }
            Ok(v)
        })
        .collect::<Result<_, serde_json::Error>>()?;
    let mut doc = Map::new();
    doc.insert("id".into(), json!(a.source));
    doc.insert("title".into(), json!(a.title));
    doc.insert("published".into(), json!(a.published));
    doc.insert("newspaper".into(), json!(a.newspaper));
    doc.insert("province".into(), json!(a.province));
    doc.insert("province_2025".into(), json!(a.province_2025));
    doc.insert("warnings".into(), json!(a.warnings));
    doc.insert("meta".into(), serde_json::to_value(&a.meta)?);
    doc.insert("mentions".into(), Value::Array(mentions));
    doc.insert("relations".into(), serde_json::to_value(&a.relations)?);
    doc.insert("records".into(), json!(vncite::shard::records(a)?));
    serde_json::to_string(&Value::Object(doc))
}

fn analyze_one(r: &Resolver, text: String, id: Option<String>, meta: Meta) -> Result<String, serde_json::Error> {
    let doc = Document { source: id.unwrap_or_default(), text, meta };
    let a = r.analyze(&doc);
    analysis_json(&a, &doc.text)
}

fn json_err(e: serde_json::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// Analyses one text: a JSON object (see `vncite.Analysis`).
#[pyfunction]
#[pyo3(signature = (text, id=None, meta=None, data=None))]
fn analyze(
    py: Python<'_>,
    text: String,
    id: Option<String>,
    meta: Option<&str>,
    data: Option<&str>,
) -> PyResult<String> {
    let r = resolver(data)?;
    let meta = meta_of(meta)?;
    py.allow_threads(|| analyze_one(r, text, id, meta)).map_err(json_err)
}

/// Analyses many `(text, id, meta_json)` in parallel on all cores.
#[pyfunction]
#[pyo3(signature = (items, data=None))]
fn analyze_many(
    py: Python<'_>,
    items: Vec<(String, Option<String>, Option<String>)>,
    data: Option<&str>,
) -> PyResult<Vec<String>> {
    let r = resolver(data)?;
    let items: Vec<(String, Option<String>, Meta)> =
        items.into_iter().map(|(t, id, m)| Ok((t, id, meta_of(m.as_deref())?))).collect::<PyResult<_>>()?;
    py.allow_threads(|| items.into_par_iter().map(|(t, id, m)| analyze_one(r, t, id, m)).collect::<Result<Vec<_>, _>>())
        .map_err(json_err)
}

/// Builds a graph as `vncite build` does: from files and directories (`paths`), shard records
/// (`records`: `extract --format jsonl` text, from `Analysis.records`), texts (`texts`:
/// `(text, id, meta_json)`) and shard files (`shards`: JSONL or Parquet). Returns (graph.json
/// text, mentions.jsonl text, warnings).
#[pyfunction]
#[pyo3(signature = (paths, records, texts, shards=Vec::new(), all_documents=false, data=None))]
fn build(
    py: Python<'_>,
    paths: Vec<String>,
    records: Vec<String>,
    texts: Vec<(String, Option<String>, Option<String>)>,
    shards: Vec<String>,
    all_documents: bool,
    data: Option<&str>,
) -> PyResult<(String, String, Vec<String>)> {
    let r = resolver(data)?;
    let texts: Vec<(String, Option<String>, Meta)> =
        texts.into_iter().map(|(t, id, m)| Ok((t, id, meta_of(m.as_deref())?))).collect::<PyResult<_>>()?;
    py.allow_threads(|| -> Result<(String, String, Vec<String>), String> {
        let inputs: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        let corpus = if inputs.is_empty() {
            vncite::corpus::Corpus::default()
        } else {
            vncite::corpus::read_inputs_with(&inputs, &InputOptions::default())
        };
        let mut warnings = corpus.warnings;
        let mut analyses: Vec<DocAnalysis> = corpus.documents.par_iter().map(|d| r.analyze(d)).collect();
        analyses.extend(
            texts
                .into_par_iter()
                .map(|(text, id, meta)| r.analyze(&Document { source: id.unwrap_or_default(), text, meta }))
                .collect::<Vec<_>>(),
        );
        for (k, rec) in records.iter().enumerate() {
            for (n, line) in rec.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                if let Err(e) = vncite::shard::parse_line(line, &mut analyses) {
                    warnings.push(format!("records {k} line {}: {e}", n + 1));
                }
            }
        }
        // shard files: extract's JSONL, or Parquet with its records in a `json` column
        for f in &shards {
            let path = Path::new(f);
            let mut warn = |w: String| warnings.push(w);
            if f.ends_with(".parquet") {
                vncite::export::parquet::read_shard(path, &mut analyses, &mut warn).map_err(|e| format!("{e:#}"))?;
            } else {
                let file = std::fs::File::open(path).map_err(|e| format!("{f}: {e}"))?;
                vncite::shard::read(std::io::BufReader::new(file), f, &mut analyses, warn)
                    .map_err(|e| format!("{f}: {e}"))?;
            }
        }
        let documents = analyses.len();
        if !all_documents {
            analyses.retain(|a| !a.is_silent());
        }
        let mut g = vncite::graph::build(&analyses);
        g.documents = documents;
        let mut graph = Vec::new();
        vncite::export::write_json(&g, &mut graph).map_err(|e| e.to_string())?;
        let mut mentions = Vec::new();
        vncite::export::write_mentions(&analyses, &g, &mut mentions).map_err(|e| e.to_string())?;
        Ok((String::from_utf8_lossy(&graph).into_owned(), String::from_utf8_lossy(&mentions).into_owned(), warnings))
    })
    .map_err(PyValueError::new_err)
}

/// Writes a graph (its graph.json text) into `dir` in `formats` (json, dot, svg, png, graphml,
/// gexf, csv, html), each file atomically; returns the files written.
#[pyfunction]
fn write(py: Python<'_>, graph_json: &str, dir: &str, formats: Vec<String>) -> PyResult<Vec<String>> {
    let v: Value = serde_json::from_str(graph_json).map_err(json_err)?;
    let g = CiteGraph::from_json(&v).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let dir = PathBuf::from(dir);
    py.allow_threads(|| write_formats(&g, &dir, &formats)).map_err(|e| PyOSError::new_err(format!("{e:#}")))
}

fn write_formats(g: &CiteGraph, dir: &Path, formats: &[String]) -> anyhow::Result<Vec<String>> {
    use vncite::export::{self, picture};
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for f in formats {
        let name = match f.as_str() {
            "json" => "graph.json",
            "dot" => "graph.dot",
            "svg" => "graph.svg",
            "png" => "graph.png",
            "graphml" => "graph.graphml",
            "gexf" => "graph.gexf",
            "html" => "graph.html",
            "csv" => "nodes.csv",
            other => anyhow::bail!("unknown format {other:?} (json, dot, svg, png, graphml, gexf, csv, html)"),
        };
        let path = dir.join(name);
        let opts = picture::Options::default();
        match f.as_str() {
            "json" => export::write_atomic_with(&path, |w| export::write_json(g, w))?,
            "dot" => export::write_atomic(&path, export::to_dot(g).as_bytes())?,
            "svg" => export::write_atomic(
                &path,
                &picture::render(g, &opts, picture::Engine::Auto, picture::PictureFormat::Svg)?,
            )?,
            "png" => export::write_atomic(
                &path,
                &picture::render(g, &opts, picture::Engine::Auto, picture::PictureFormat::Png)?,
            )?,
            "graphml" => export::write_atomic_with(&path, |w| export::graphml::write(g, w))?,
            "gexf" => export::write_atomic_with(&path, |w| export::gexf::write(g, w))?,
            "html" => export::write_atomic_with(&path, |w| export::html::write(g, None, w))?,
            _ => {
                let table = export::table::Table::of(g);
                export::write_atomic_with(&path, |w| export::csv::write_nodes(&table, w))?;
                let edges = dir.join("edges.csv");
                export::write_atomic_with(&edges, |w| export::csv::write_edges(&table, w))?;
                written.push(edges.display().to_string());
            }
        }
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// The native module.
#[pymodule]
fn _vncite(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(write, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
