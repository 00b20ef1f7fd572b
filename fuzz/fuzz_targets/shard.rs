//! A shard (`extract --format jsonl`) on arbitrary bytes, then the graph and its JSON: bad lines
//! are skipped with a warning, nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut docs = Vec::new();
    let _ = vncite::shard::read(data, "fuzz.jsonl", &mut docs, |_| {});
    let g = vncite::graph::build(&docs);
    let mut sink = Vec::new();
    vncite::export::write_json(&g, &mut sink).expect("json");
    let _ = vncite::export::to_dot(&g);
});
