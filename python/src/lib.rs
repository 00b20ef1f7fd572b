//! `vncite._vncite`: the native half of the Python package.
//!
//! Types: `Analysis` (one document's analysis, a native immutable object whose fields become
//! Python objects only when read; `analysis.rs`), `FileReading` (an iterator of analyses of
//! files read in Rust). Functions: `analyze_rows` (texts or records from Python, on all cores),
//! `build` and `write` (graphs, as JSON text). Analysis runs with the GIL released, in parallel
//! where there are many texts; everything handed back pickles.

// the allocator the CLI uses: the analysis allocates a great deal, from several threads
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use vncite::corpus::InputOptions;

mod analysis;
use analysis::{Analysis, Fields};

use vncite::graph::CiteGraph;
use vncite::model::{DocAnalysis, Document, Meta};

use vncite::resolve::{Knowledge, Resolver};

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
        None => Box::leak(Box::new(Resolver::embedded())),
        Some(dir) => {
            // kept for the life of the process, like the embedded tables
            let k: &'static Knowledge =
                Box::leak(Box::new(Knowledge::load(dir).map_err(|e| PyValueError::new_err(e.to_string()))?));
            Box::leak(Box::new(k.resolver()))
        }
    };
    map.insert(key, r);
    Ok(r)
}

/// Byte offsets → code-point offsets (Python string indices): the code points before a byte
/// offset are the bytes before it that do not continue a character, counted from one offset to
/// the next and no further than the last (a text without references costs nothing).
fn char_offsets(text: &str, bytes: &[usize]) -> HashMap<usize, usize> {
    let mut want: Vec<usize> = bytes.to_vec();
    want.sort_unstable();
    want.dedup();
    let mut out = HashMap::with_capacity(want.len());
    let (mut at, mut chars) = (0, 0);
    for b in want {
        let to = b.min(text.len());
        chars += text.as_bytes().get(at..to).unwrap_or_default().iter().filter(|&&c| (c as i8) >= -0x40).count();
        at = to;
        out.insert(b, chars);
    }
    out
}

fn json_err(e: serde_json::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A Python value as JSON (dicts, lists, tuples, strings, numbers, booleans, None; anything else
/// as its `str`).
fn to_json(v: &Bound<'_, PyAny>) -> PyResult<Value> {
    use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
    Ok(if v.is_none() {
        Value::Null
    } else if let Ok(b) = v.downcast::<PyBool>() {
        Value::Bool(b.is_true())
    } else if let Ok(i) = v.downcast::<PyInt>() {
        i.extract::<i64>().map(Value::from).unwrap_or_else(|_| Value::String(i.to_string()))
    } else if let Ok(f) = v.downcast::<PyFloat>() {
        json!(f.value())
    } else if let Ok(s) = v.downcast::<PyString>() {
        Value::String(s.to_cow()?.into_owned())
    } else if let Ok(d) = v.downcast::<PyDict>() {
        let mut m = Map::new();
        for (k, x) in d.iter() {
            m.insert(k.str()?.to_cow()?.into_owned(), to_json(&x)?);
        }
        Value::Object(m)
    } else if let Ok(l) = v.downcast::<PyList>() {
        Value::Array(l.iter().map(|x| to_json(&x)).collect::<PyResult<_>>()?)
    } else if let Ok(t) = v.downcast::<PyTuple>() {
        Value::Array(t.iter().map(|x| to_json(&x)).collect::<PyResult<_>>()?)
    } else {
        Value::String(v.str()?.to_cow()?.into_owned())
    })
}

/// A text, a `(text, id)` pair, or a record `{"text", "id", other fields → meta}` as a document.
fn to_document<'py>(item: &Bound<'py, PyAny>, text_field: &str, id_field: &str) -> PyResult<Document> {
    use pyo3::types::{PyDict, PyString, PyTuple};
    let text_of = |v: &Bound<'py, PyAny>| -> PyResult<String> {
        Ok(match v.downcast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => v.str()?.to_cow()?.into_owned(),
        })
    };
    // the text must be a str (a number or None is an error, not a text)
    let text = |v: &Bound<'py, PyAny>| -> PyResult<String> { Ok(v.downcast::<PyString>()?.to_cow()?.into_owned()) };
    if item.downcast::<PyString>().is_ok() {
        return Ok(Document { text: text(item)?, source: String::new(), meta: Meta::default() });
    }
    if let Ok(t) = item.downcast::<PyTuple>() {
        let id = if t.len() > 1 { t.get_item(1)? } else { item.py().None().into_bound(item.py()) };
        let source = if id.is_none() { String::new() } else { text_of(&id)? };
        return Ok(Document { text: text(&t.get_item(0)?)?, source, meta: Meta::default() });
    }
    if let Ok(d) = item.downcast::<PyDict>() {
        let body = d
            .get_item(text_field)?
            .ok_or_else(|| PyValueError::new_err(format!("a record without a {text_field:?} field")))?;
        let source = match d.get_item(id_field)? {
            Some(v) if !v.is_none() => text_of(&v)?,
            _ => String::new(),
        };
        let mut meta = Vec::new();
        for (k, v) in d.iter() {
            let k = text_of(&k)?;
            if k != text_field && k != id_field {
                meta.push((k, to_json(&v)?));
            }
        }
        return Ok(Document { text: text(&body)?, source, meta: Meta(meta) });
    }
    Err(pyo3::exceptions::PyTypeError::new_err("a text, a (text, id) pair or a record"))
}

/// An analysis's fields, made on a worker beside its text: spans in code points, the records
/// and the meta as JSON.
fn fields(a: DocAnalysis, text: &str) -> Result<Fields, serde_json::Error> {
    let offsets: Vec<usize> = a.mentions.iter().flat_map(|m| [m.start, m.end]).collect();
    let chars = char_offsets(text, &offsets);
    let spans = a
        .mentions
        .iter()
        .map(|m| (chars.get(&m.start).copied().unwrap_or(0), chars.get(&m.end).copied().unwrap_or(0), m.symbol()))
        .collect();
    let records = vncite::shard::records(&a)?;
    let meta_json = if a.meta.0.is_empty() { "{}".to_string() } else { serde_json::to_string(&a.meta)? };
    // the messages, as a shard record holds them (the id is the Analysis's own)
    let warnings = a.warnings.iter().map(|w| w.message.clone()).collect();
    Ok(Fields {
        id: a.source,
        title: a.title,
        province: a.province,
        province_2025: a.province_2025,
        published: a.published,
        newspaper: a.newspaper,
        warnings,
        records,
        spans,
        meta_json,
    })
}

/// Analyses texts, `(text, id)` pairs or records, in parallel on all cores with the GIL
/// released; one [`Analysis`] each.
#[pyfunction]
#[pyo3(signature = (items, data=None, text_field="text", id_field="id"))]
fn analyze_rows(
    py: Python<'_>,
    items: Vec<Bound<'_, PyAny>>,
    data: Option<&str>,
    text_field: &str,
    id_field: &str,
) -> PyResult<Vec<Analysis>> {
    let r = resolver(data)?;
    // Python strings become UTF-8 one chunk at a time under the GIL while a worker analyses the
    // chunks already handed over on the thread pool: the conversion, which only this thread can
    // do, overlaps the analysis
    const CHUNK: usize = 256;
    let (to_worker, chunks) = std::sync::mpsc::channel::<Vec<Document>>();
    let (to_caller, results) = std::sync::mpsc::channel::<Result<Vec<Fields>, String>>();
    let analyse = move || {
        for chunk in chunks {
            let rows = chunk
                .into_par_iter()
                .map(|doc| fields(vncite::analyze_guarded(r, &doc), &doc.text).map_err(|e| e.to_string()))
                .collect::<Result<Vec<_>, String>>();
            if to_caller.send(rows).is_err() {
                break;
            }
        }
    };
    std::thread::scope(|scope| -> PyResult<Vec<Analysis>> {
        scope.spawn(analyse);
        let mut sent = 0;
        for chunk in items.chunks(CHUNK) {
            let owned = chunk.iter().map(|i| to_document(i, text_field, id_field)).collect::<PyResult<Vec<_>>>();
            match owned {
                // a closed channel means the worker stopped: its error comes with the results
                Ok(o) => sent += usize::from(to_worker.send(o).is_ok()),
                Err(e) => {
                    drop(to_worker);
                    return Err(e);
                }
            }
        }
        drop(to_worker);
        let n = items.len();
        let all = py.allow_threads(move || -> Result<Vec<Fields>, String> {
            let mut out = Vec::with_capacity(n);
            for rows in results.iter().take(sent) {
                out.extend(rows?);
            }
            Ok(out)
        });
        Ok(all.map_err(PyValueError::new_err)?.into_iter().map(Analysis::from).collect())
    })
}

/// What the thread reading files hands the iterator: a batch's analyses with the warnings given
/// since the batch before, then the end.
enum Message {
    Rows(Vec<Fields>, Vec<String>),
    End(Result<(), String>, Vec<String>),
}

/// Keeps each warning of a run until the next batch goes to the iterator.
#[derive(Clone, Default)]
struct Forward(std::rc::Rc<std::cell::RefCell<Vec<String>>>);

impl vncite::pipeline::Observer for Forward {
    fn warning(&mut self, w: vncite::warning::Warning) {
        self.0.borrow_mut().push(w.to_string());
    }
}

impl Forward {
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// The analyses of files and directories, read as `vncite build` reads them (text, HTML, JSONL,
/// compressed), in input order, one [`Analysis`] at a time; the run's warnings go into the list
/// `warnings` as each batch arrives. A thread reads and analyses a batch or two ahead of the
/// caller; dropping the iterator stops it at the next batch.
#[pyclass(module = "vncite._vncite")]
struct FileReading {
    state: Mutex<Reading>,
    warnings: Py<PyList>,
}

/// Where a reading is: the batch being handed out, and the channel from the reading thread
/// (`None` while a caller waits on it, or after the end).
struct Reading {
    pending: VecDeque<Fields>,
    from_reader: Option<std::sync::mpsc::Receiver<Message>>,
    ended: bool,
}

#[pymethods]
impl FileReading {
    #[new]
    #[pyo3(signature = (paths, data=None, text_field="text", id_field="id", ext=Vec::new(), warnings=None))]
    fn new(
        py: Python<'_>,
        paths: Vec<String>,
        data: Option<&str>,
        text_field: &str,
        id_field: &str,
        ext: Vec<String>,
        warnings: Option<Py<PyList>>,
    ) -> PyResult<Self> {
        let r = resolver(data)?;
        let opts = InputOptions { text_field: text_field.into(), id_field: id_field.into(), ext, ..Default::default() };
        let inputs: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        let (tx, rx) = std::sync::mpsc::sync_channel::<Message>(4);
        std::thread::spawn(move || {
            let mut forward = Forward::default();
            let held = forward.clone();
            let made = |doc: &Document, a: DocAnalysis| Some(fields(a, &doc.text));
            let sent = vncite::pipeline::run_map(r, &inputs, &opts, &mut forward, made, |batch| {
                let batch = batch.into_iter().collect::<Result<Vec<_>, _>>().map_err(std::io::Error::other)?;
                // the iterator was dropped: stop reading
                tx.send(Message::Rows(batch, held.take())).map_err(|_| std::io::Error::other("no reader"))
            });
            let _ = tx.send(Message::End(sent.map(|_| ()).map_err(|e| e.to_string()), forward.take()));
        });
        let state = Reading { pending: VecDeque::new(), from_reader: Some(rx), ended: false };
        Ok(FileReading { state: Mutex::new(state), warnings: warnings.unwrap_or_else(|| PyList::empty(py).unbind()) })
    }

    /// Every warning of the run so far, worded as `vncite build` prints it.
    #[getter]
    fn warnings(&self, py: Python<'_>) -> Py<PyList> {
        self.warnings.clone_ref(py)
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next document's analysis.
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Analysis>> {
        let lock = || self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        loop {
            // the receiver is taken out for the wait, with the lock let go: a thread waiting
            // without the GIL must not hold what another thread holding the GIL waits for
            let rx = {
                let mut st = lock();
                if let Some(f) = st.pending.pop_front() {
                    return Ok(Some(f.into()));
                }
                match st.from_reader.take() {
                    Some(rx) => rx,
                    None if st.ended => return Ok(None),
                    None => return Err(PyRuntimeError::new_err("read by another thread at the same time")),
                }
            };
            let (rx, got) = py.allow_threads(move || {
                let got = rx.recv();
                (rx, got)
            });
            let mut st = lock();
            let said = match got {
                Ok(Message::Rows(rows, said)) => {
                    st.pending = rows.into();
                    st.from_reader = Some(rx);
                    said
                }
                Ok(Message::End(end, said)) => {
                    st.ended = true;
                    drop(st);
                    self.tell(py, said)?;
                    // a run that could not go on (its reader failed): an error, not an end
                    return end.map(|()| None).map_err(PyOSError::new_err);
                }
                Err(_) => {
                    st.ended = true;
                    return Ok(None);
                }
            };
            drop(st);
            self.tell(py, said)?;
        }
    }
}

impl FileReading {
    fn tell(&self, py: Python<'_>, said: Vec<String>) -> PyResult<()> {
        let list = self.warnings.bind(py);
        said.into_iter().try_for_each(|w| list.append(w))
    }
}

/// Builds a graph as `vncite build` does: from files and directories (`paths`), shard records
/// (`records`: `extract --format jsonl` text, from `Analysis.records`) and shard files
/// (`shards`: JSONL or Parquet). Returns (graph.json text, mentions.jsonl text, warnings).
#[pyfunction]
#[pyo3(signature = (paths, records, shards=Vec::new(), all_documents=false, data=None))]
fn build(
    py: Python<'_>,
    paths: Vec<String>,
    records: Vec<String>,
    shards: Vec<String>,
    all_documents: bool,
    data: Option<&str>,
) -> PyResult<(String, String, Vec<String>)> {
    let r = resolver(data)?;
    py.allow_threads(|| -> Result<(String, String, Vec<String>), String> {
        let inputs: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        let all = if inputs.is_empty() {
            Default::default()
        } else {
            vncite::pipeline::analyze_inputs(r, &inputs, &InputOptions::default()).map_err(|e| e.to_string())?
        };
        let mut warnings: Vec<String> = all.warnings.iter().map(|w| w.to_string()).collect();
        let mut analyses = all.analyses;
        for (k, rec) in records.iter().enumerate() {
            for (n, line) in rec.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                if let Err(e) = vncite::shard::parse_line(line, &mut analyses) {
                    warnings.push(format!("records {k} line {}: {e}", n + 1));
                }
            }
        }
        // shard files: extract's JSONL, or Parquet with its records in a `json` column
        let shards: Vec<PathBuf> = shards.iter().map(PathBuf::from).collect();
        vncite::shard::read_files(&shards, &mut analyses, &mut |w| warnings.push(w.to_string()))
            .map_err(|e| format!("{e:#}"))?;
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
    use vncite::export::{Format, Writer};
    std::fs::create_dir_all(dir)?;
    let formats =
        formats.iter().map(|f| f.parse::<Format>()).collect::<Result<Vec<_>, _>>().map_err(anyhow::Error::msg)?;
    let writer = Writer::new(g, Some(Default::default()));
    let mut written = Vec::new();
    for f in formats {
        for staged in writer.stage(f, dir, false)? {
            staged.commit()?;
        }
        written.extend(f.files().iter().map(|name| dir.join(name).display().to_string()));
    }
    Ok(written)
}

/// The native module.
#[pymodule]
fn _vncite(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze_rows, m)?)?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(write, m)?)?;
    m.add_class::<FileReading>()?;
    m.add_class::<Analysis>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
