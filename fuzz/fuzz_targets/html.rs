//! The HTML reader on arbitrary bytes, then the pipeline on its text: no panic, offsets in bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vncite::model::Document;
use vncite::resolve::Resolver;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let (text, _title, _published) = vncite::corpus::html_text(&html);
    // tags are blanked, not removed: the text keeps the page's length
    assert!(text.len() <= html.len() + 4 * html.len());
    let doc = Document { source: "fuzz.html".into(), text: text.clone(), ..Default::default() };
    let a = vncite::analyze_document(&Resolver::embedded(), &doc);
    for m in &a.mentions {
        assert_eq!(&text[m.start..m.end], m.text);
    }
});
