//! One JSONL record line on arbitrary bytes: parsed or refused with a warning, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vncite::corpus::{parse_line, InputOptions};

fuzz_target!(|data: &[u8]| {
    let opts = InputOptions::default();
    let _ = parse_line("fuzz.jsonl", 1, data, &opts);
});
