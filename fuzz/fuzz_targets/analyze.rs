//! normalize → extract → resolve → graph → export on arbitrary bytes: no panic, offsets in bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vncite::model::Document;
use vncite::resolve::Resolver;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = Document { source: "fuzz.txt".into(), text: text.clone(), ..Default::default() };
    let a = vncite::analyze_document(&Resolver::embedded(), &doc);
    for m in &a.mentions {
        assert!(m.start <= m.end && m.end <= text.len());
        assert_eq!(&text[m.start..m.end], m.text);
    }
    let g = vncite::graph::build(&[a]);
    let mut sink = Vec::new();
    vncite::export::write_json(&g, &mut sink).expect("json");
    let _ = vncite::export::to_dot(&g);
    vncite::export::graphml::write(&g, &mut sink).expect("graphml");
});
