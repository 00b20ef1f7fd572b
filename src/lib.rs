//! vncite: find references to Vietnamese Communist Party and state documents in a corpus of
//! texts, resolve what they point to, and build a citation graph.
//!
//! The pipeline, one module a stage, plain data between them:
//! [`normalize`] → [`extract`] → [`resolve`] → [`graph`] → [`export`];
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

pub mod corpus;
pub mod data;
pub mod dates;
pub mod export;
pub mod extract;
pub mod graph;
pub mod model;
pub mod normalize;
pub mod province;
pub mod query;
pub mod resolve;
pub mod view;

use rayon::prelude::*;

/// Analyses every document in parallel; the result keeps the input order.
pub fn analyze_all(resolver: &resolve::Resolver, docs: &[model::Document]) -> Vec<model::DocAnalysis> {
    docs.par_iter()
        .map(|d| {
            // a bug on one text must not lose the corpus: that text is reported and skipped
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| resolver.analyze(d))).unwrap_or_else(|_| {
                model::DocAnalysis {
                    source: d.source.clone(),
                    warnings: vec!["internal error while reading this text; skipped".to_string()],
                    ..Default::default()
                }
            })
        })
        .collect()
}
