//! `--data` tables on arbitrary bytes (split into the nine files): refused with an error or
//! compiled, never a panic; what compiles reads a text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts: Vec<&str> = text.splitn(9, '\u{1}').collect();
    parts.resize(9, "");
    let all: [&str; 9] = [parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7], parts[8]];
    let Ok(tables) = vncite::tables::Tables::parse(all) else { return };
    let Ok(ex) = vncite::extract::Extractor::try_new(&tables) else { return };
    let Ok(places) = vncite::places::ProvinceFinder::try_new(&tables) else { return };
    let Ok(cues) = vncite::relate::Lexicon::new(&tables) else { return };
    let r = vncite::resolve::Resolver { tables: &tables, extractor: &ex, places: &places, cues: &cues, time_limit: vncite::analyze::TIME_LIMIT };
    let doc = vncite::model::Document {
        source: "t".into(),
        text: "Kế hoạch số 42-KH/TU để thực hiện Nghị quyết số 02-NQ/TU của Tỉnh ủy Sơn La ngày 2/1/2021.".into(),
        ..Default::default()
    };
    let _ = vncite::analyze_document(&r, &doc);
});
