//! vncite: find references to Vietnamese Communist Party and state documents in a corpus of
//! texts, resolve what they point to, and build a citation graph.
//!
//! The pipeline, one module a stage, plain data between them:
//! [`normalize`] → [`extract`] → [`resolve`] → [`relate`] → [`graph`] → [`export`];
//! [`corpus`] reads the inputs and [`data`] holds the reference tables; [`view`] cuts a graph
//! down to a question and [`query`] answers questions about it.
//!
//! ```
//! use vncite::{analyze_all, model::Document, resolve::Resolver};
//! let docs = vec![Document {
//!     source: "a.txt".into(),
//!     text: "Ban Thường vụ Tỉnh ủy Sơn La ban hành Kế hoạch số 42-KH/TU để thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021.".into(),
//!     ..Default::default()
//! }];
//! let analyses = analyze_all(&Resolver::embedded(), &docs);
//! let g = vncite::graph::build(&analyses);
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
