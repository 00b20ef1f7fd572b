//! `Analysis`: one document's analysis as a native object. Its fields stay Rust strings until
//! Python asks for one, so a corpus read from Python pays for the fields it reads, not for all
//! of them (over VNTC, building every field as a Python object was most of the binding's cost).
//! `mentions`, `relations` and `meta` are made once, on first use, by the package's Python side
//! (`vncite._mentions` …) from the records, and kept.

use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyTuple, PyType};
use std::hash::{Hash, Hasher};

/// Everything vncite reads from one document: its id, title, province, the references
/// (`mentions`), the relations between them (`relations`), the input record's other fields
/// (`meta`), and all of it as `vncite extract --format jsonl` records (`records`), which `build`
/// and `vncite build --from-mentions` read back. Immutable, comparable, hashable and picklable.
#[pyclass(module = "vncite._vncite", name = "Analysis", frozen)]
pub struct Analysis {
    pub(crate) fields: Fields,
    mentions: GILOnceCell<PyObject>,
    relations: GILOnceCell<PyObject>,
    meta: GILOnceCell<PyObject>,
}

/// The plain fields, in the order `Analysis(...)` takes them.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Fields {
    pub id: String,
    pub title: String,
    pub province: Option<String>,
    pub province_2025: Option<String>,
    pub published: Option<String>,
    pub newspaper: Option<String>,
    pub warnings: Vec<String>,
    pub records: String,
    /// Per mention: start and end in code points, and the symbol.
    pub spans: Vec<(usize, usize, String)>,
    pub meta_json: String,
}

impl From<Fields> for Analysis {
    fn from(fields: Fields) -> Self {
        Analysis { fields, mentions: GILOnceCell::new(), relations: GILOnceCell::new(), meta: GILOnceCell::new() }
    }
}

impl Analysis {
    /// A value the package's Python side makes from an analysis (`vncite.<helper>(arg)`), once.
    fn made<'py>(
        py: Python<'py>,
        cell: &GILOnceCell<PyObject>,
        helper: &str,
        arg: impl FnOnce() -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<PyObject> {
        let v = cell.get_or_try_init(py, || -> PyResult<PyObject> {
            Ok(py.import("vncite")?.getattr(helper)?.call1((arg()?,))?.unbind())
        })?;
        Ok(v.clone_ref(py))
    }
}

#[pymethods]
impl Analysis {
    #[new]
    #[pyo3(signature = (id, title, province=None, province_2025=None, published=None, newspaper=None, warnings=Vec::new(), records=String::new(), spans=Vec::new(), meta_json=String::from("{}")))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: String,
        title: String,
        province: Option<String>,
        province_2025: Option<String>,
        published: Option<String>,
        newspaper: Option<String>,
        warnings: Vec<String>,
        records: String,
        spans: Vec<(usize, usize, String)>,
        meta_json: String,
    ) -> Self {
        Fields { id, title, province, province_2025, published, newspaper, warnings, records, spans, meta_json }.into()
    }

    /// The document's id (its node in a graph is `doc:` + id).
    #[getter]
    fn id(&self) -> &str {
        &self.fields.id
    }

    /// The document's title (its first line, or the record's title).
    #[getter]
    fn title(&self) -> &str {
        &self.fields.title
    }

    /// The province the text is about (`None` for national news).
    #[getter]
    fn province(&self) -> Option<&str> {
        self.fields.province.as_deref()
    }

    /// The province it belongs to since the 2025 merger.
    #[getter]
    fn province_2025(&self) -> Option<&str> {
        self.fields.province_2025.as_deref()
    }

    /// The date the document was published, when known (ISO).
    #[getter]
    fn published(&self) -> Option<&str> {
        self.fields.published.as_deref()
    }

    /// The newspaper, when its byline or domain names one.
    #[getter]
    fn newspaper(&self) -> Option<&str> {
        self.fields.newspaper.as_deref()
    }

    /// The document's warnings, as a shard record holds them.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.fields.warnings)
    }

    /// The analysis as `vncite extract --format jsonl` records.
    #[getter]
    fn records(&self) -> &str {
        &self.fields.records
    }

    /// Per mention: start and end as Python string indices, and the symbol.
    #[getter]
    fn spans<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.fields.spans)
    }

    /// The input record's other fields (url, date …) as JSON.
    #[getter]
    fn meta_json(&self) -> &str {
        &self.fields.meta_json
    }

    /// The references, in text order (a tuple of `Mention`).
    #[getter]
    fn mentions(slf: &Bound<'_, Self>) -> PyResult<PyObject> {
        Self::made(slf.py(), &slf.get().mentions, "_mentions", || Ok(slf.clone().into_any()))
    }

    /// Relations between the mentions (a tuple of `Relation`, indices into `mentions`).
    #[getter]
    fn relations(&self, py: Python<'_>) -> PyResult<PyObject> {
        Self::made(py, &self.relations, "_relations", || Ok(self.fields.records.as_str().into_pyobject(py)?.into_any()))
    }

    /// Fields kept from the input record (url, date …), as a dict.
    #[getter]
    fn meta(&self, py: Python<'_>) -> PyResult<PyObject> {
        Self::made(py, &self.meta, "_meta", || Ok(self.fields.meta_json.as_str().into_pyobject(py)?.into_any()))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.downcast::<Analysis>().is_ok_and(|o| o.get().fields == self.fields)
    }

    fn __hash__(&self) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.fields.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let opt = |v: &Option<String>| v.as_ref().map_or("None".to_string(), |s| format!("{s:?}"));
        format!(
            "Analysis(id={:?}, title={:?}, province={}, mentions={})",
            self.fields.id,
            self.fields.title,
            opt(&self.fields.province),
            self.fields.spans.len()
        )
    }

    /// Pickles as its plain fields (the cached ones are made again where it lands).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let f = &slf.get().fields;
        let args = (
            &f.id,
            &f.title,
            &f.province,
            &f.province_2025,
            &f.published,
            &f.newspaper,
            &f.warnings,
            &f.records,
            &f.spans,
            &f.meta_json,
        )
            .into_pyobject(py)?;
        Ok((py.get_type::<Analysis>(), args))
    }
}
