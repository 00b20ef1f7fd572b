//! graph.json as the query commands read it, on arbitrary bytes: refused or answered, no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let Ok(g) = vncite::graph::CiteGraph::from_json(&v) else { return };
    let _ = vncite::graph::query::stats(&g);
    let _ = vncite::graph::query::top(&g, "pagerank", 5);
    for q in ["21-NQ/TW", "Nghị quyết 21", "NQ 21 2022", "ễ"] {
        for i in vncite::graph::query::find(&g, q) {
            let _ = vncite::graph::query::show(&g, i);
            let _ = vncite::graph::query::cites(&g, i, petgraph::Direction::Incoming);
        }
    }
    let view = vncite::graph::view::View { until: Some("ễ".into()), since: Some("20".into()), ..Default::default() };
    let _ = vncite::graph::view::apply(&g, &view);
});
