//! vncite: find references to Vietnamese Communist Party and state documents in a corpus of
//! texts, resolve what they point to, and build a citation graph.
//!
//! The pipeline, one folder a stage, typed data between them ([`model`]):
//! [`corpus`] reads the inputs → [`normalize`] → [`extract`] → [`resolve`] → [`relate`] →
//! [`graph`] (with its views and questions) → [`export`] (one file per format). [`tables`] holds
//! the reference tables and the lexicon of `data/`; [`places`] finds provinces; [`shard`] writes and
//! reads `extract` records; [`warning`] is what a run reports.
//!
//! The verbs, here on purpose: [`analyze_document`] (one text, long ones in pieces, within a time
//! limit), [`analyze_all`] (many, on all workers), [`pipeline::run`] and [`analyze_inputs`]
//! (files and directories, streamed), [`build_graph`], and [`export::Writer`] /
//! [`export::stage_build`] to write it.
//!
//! ```
//! use vncite::{analyze_all, model::Document, resolve::Resolver};
//! let docs = vec![Document {
//!     source: "a.txt".into(),
//!     text: "Ban Thường vụ Tỉnh ủy Sơn La ban hành Kế hoạch số 42-KH/TU để thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021.".into(),
//!     ..Default::default()
//! }];
//! let analyses = analyze_all(&Resolver::embedded(), &docs);
//! let g = vncite::build_graph(&analyses);
//! let json = vncite::export::to_json(&g);
//! assert!(json["links"].as_array().unwrap().iter().any(|l| l["kind"] == "implements"));
//! ```

pub mod analyze;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod graph;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod places;
pub mod relate;
pub mod resolve;
pub mod shard;
pub mod tables;
pub mod warning;

pub use analyze::{analyze_all, analyze_document, analyze_guarded};
pub use graph::build as build_graph;
pub use pipeline::analyze_inputs;
