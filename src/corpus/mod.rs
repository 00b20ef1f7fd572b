//! Reading the corpus as it comes: directories (recursively), UTF-8 or UTF-16 (with a BOM) `.txt`,
//! `.html`/`.htm`, `.jsonl`/`.ndjson` with configurable fields, each optionally `.gz` or `.zst`,
//! and `-` for standard input. One bad file or line is a warning naming it, never the end of the run.
//!
//! Types: [`InputOptions`] (fields, extensions, limits, `--strict`), [`Kind`] (what a file is by
//! its name), [`Item`] (a document, or a JSONL line still to parse), [`Parsed`] (a line parsed).
//! [`stream`] hands every input's items on in order ([`stream_while`] until told to stop);
//! [`crate::pipeline`] batches them for the workers, so memory is bounded by the batch, not the
//! corpus. Files: `list.rs` expands directories, `decode.rs` turns bytes into text, `html.rs`
//! pages into text, `jsonl.rs` reads and parses records.

mod decode;
mod html;
mod jsonl;
mod list;

pub use decode::{decode, legacy_encoding};
pub use html::html_text;
pub use jsonl::{finish, parse_line, Item, LineBytes, Parsed, MAX_JSONL_LINE};
pub use list::list_inputs;

use crate::model::Document;
use crate::warning::{Warning, WarningKind};
use decode::utf16_to_utf8;
use jsonl::read_jsonl;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest text or HTML file read by default (bytes, once decompressed), and the longest
/// JSONL line: larger ones are skipped with a warning, so memory stays bounded on any input.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 512 * 1024 * 1024;

/// How to read the inputs: JSONL fields, extra extensions, the size limit, `--strict`.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// The field holding the text (default "text").
    pub text_field: String,
    /// The field holding the record id (default "id").
    pub id_field: String,
    /// Also read files with these extensions in directories, as text (`md`, `json`).
    pub ext: Vec<String>,
    /// Skip a text or HTML file larger than this once decompressed, and a JSONL line longer.
    pub max_file_size: u64,
    /// Stop at the first input that has to be skipped.
    pub strict: bool,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            text_field: "text".into(),
            id_field: "id".into(),
            ext: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            strict: false,
        }
    }
}

/// The kinds of file vncite reads, by name (a `.gz`/`.zst` suffix is looked through).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// One JSON object a line.
    Jsonl,
}

/// The kind of a file by its name (`.gz`/`.zst` looked through); `None` for other names.
pub fn kind_of(p: &Path) -> Option<Kind> {
    let name = p.file_name()?.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".zst")).unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|x| x.1)?;
    match ext {
        "txt" => Some(Kind::Text),
        "html" | "htm" => Some(Kind::Html),
        "jsonl" | "ndjson" => Some(Kind::Jsonl),
        _ => None,
    }
}

/// Where a document came from, for warnings.
fn open(path: &Path) -> std::io::Result<Box<dyn Read>> {
    let f: Box<dyn Read> =
        if path.as_os_str() == "-" { Box::new(std::io::stdin()) } else { Box::new(std::fs::File::open(path)?) };
    let name = path.to_string_lossy().to_lowercase();
    Ok(if name.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(f))
    } else if name.ends_with(".zst") {
        Box::new(zstd::stream::read::Decoder::new(f)?)
    } else {
        f
    })
}

/// Streams every document of every input to `sink`, in input order, stopping at the first
/// skipped input under `opts.strict`. Warnings go to `warn`; returns how many inputs (files or
/// lines) were skipped.
pub fn stream(files: &[PathBuf], opts: &InputOptions, sink: impl FnMut(Item), warn: impl FnMut(Warning)) -> usize {
    stream_while(files, opts, &|| true, sink, warn)
}

/// [`stream`] while `go_on()` says so, asked before each file and after each block of JSONL
/// lines: a reader whose consumer went away stops reading.
pub fn stream_while(
    files: &[PathBuf],
    opts: &InputOptions,
    go_on: &dyn Fn() -> bool,
    mut sink: impl FnMut(Item),
    mut warn: impl FnMut(Warning),
) -> usize {
    let mut skipped = 0;
    for f in files {
        if opts.strict && skipped > 0 {
            warn(Warning::run(WarningKind::Strict, "--strict: stopped at the first skipped input"));
            break;
        }
        if !go_on() {
            break;
        }
        skipped += read_file(f, opts, go_on, &mut sink, &mut warn);
    }
    skipped
}

/// One input: a JSONL file's lines, or one text or HTML document. Returns how many inputs (the
/// file, or lines of it) were skipped.
fn read_file(
    f: &Path,
    opts: &InputOptions,
    go_on: &dyn Fn() -> bool,
    sink: &mut impl FnMut(Item),
    warn: &mut impl FnMut(Warning),
) -> usize {
    let name = f.display().to_string();
    let limit = opts.max_file_size;
    if let Ok(md) = std::fs::metadata(f) {
        if md.len() > limit && kind_of(f) != Some(Kind::Jsonl) {
            let message = format!("{} bytes is over --max-file-size {limit}; skipped", md.len());
            warn(Warning::at(&*name, None, WarningKind::TooLarge, message));
            return 1;
        }
    }
    let reader = match open(f) {
        Ok(r) => r,
        Err(e) => {
            warn(Warning::at(&*name, None, WarningKind::Unreadable, format!("cannot read: {e}; skipped")));
            return 1;
        }
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    // standard input says what it is by its first byte: '{' a JSONL stream, '<' a page
    let kind = kind_of(f).unwrap_or_else(|| if f.as_os_str() == "-" { sniff(&mut reader) } else { Kind::Text });
    if kind == Kind::Jsonl {
        let line_cap = usize::try_from(limit).unwrap_or(usize::MAX).min(MAX_JSONL_LINE);
        return read_jsonl(utf16_to_utf8(reader), &name, line_cap, go_on, sink, warn);
    }
    match read_document(reader, &name, kind, limit, warn) {
        Ok(doc) => {
            sink(Item::Doc(doc));
            0
        }
        Err(w) => {
            warn(w);
            1
        }
    }
}

/// A text or HTML file as one document, or the warning it is skipped with (too large once
/// decompressed — the limit is on what is read, as a small .zst can hold gigabytes —, binary, a
/// pre-Unicode encoding).
fn read_document(
    mut reader: impl Read,
    name: &str,
    kind: Kind,
    limit: u64,
    warn: &mut impl FnMut(Warning),
) -> Result<Document, Warning> {
    let skip = |kind: WarningKind, message: String| Warning::at(name, None, kind, message);
    let mut bytes = Vec::new();
    if let Err(e) = reader.by_ref().take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        return Err(skip(WarningKind::Unreadable, format!("cannot read: {e}; skipped")));
    }
    if bytes.len() as u64 > limit {
        return Err(skip(
            WarningKind::TooLarge,
            format!("over --max-file-size {limit} bytes once decompressed; skipped"),
        ));
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if bytes.iter().take(8192).filter(|&&b| b == 0).count() > 8 && !utf16 {
        return Err(skip(WarningKind::Binary, "binary file; skipped".into()));
    }
    if simdutf8::basic::from_utf8(&bytes).is_err() && !utf16 {
        if let Some(enc) = legacy_encoding(&bytes) {
            return Err(skip(
                WarningKind::LegacyEncoding,
                format!("looks like {enc}, a pre-Unicode Vietnamese encoding; convert it to UTF-8 first (e.g. UniKey's converter); skipped"),
            ));
        }
    }
    let mut warnings = Vec::new();
    let text = decode(bytes, name, &mut warnings);
    warnings.into_iter().for_each(&mut *warn);
    let mut meta = crate::model::Meta::default();
    let text = if kind == Kind::Html {
        let (t, title, published) = html_text(&text);
        if let Some(x) = title {
            meta.insert("html_title".to_string(), Value::String(x));
        }
        if let Some(x) = published {
            meta.insert("published".to_string(), Value::String(x));
        }
        t
    } else {
        text
    };
    Ok(Document { source: name.to_string(), text, meta })
}

/// What an unnamed stream (standard input) holds, by its first byte that is not white space.
fn sniff(reader: &mut impl BufRead) -> Kind {
    let head = reader.fill_buf().unwrap_or(&[]);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Kind::Jsonl,
        Some(b'<') => Kind::Html,
        _ => Kind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_while_stops_between_files_and_between_blocks() {
        let dir = std::env::temp_dir().join(format!("vncite-stream-while-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let line = "{\"id\": \"x\", \"text\": \"Chỉ thị 05-CT/TW của Bộ Chính trị.\"}\n";
        // 3 MiB of lines: more than one 2 MiB block
        let lines = (3 << 20) / line.len() + 1;
        std::fs::write(dir.join("a.jsonl"), line.repeat(lines)).unwrap();
        std::fs::write(dir.join("b.txt"), "Chỉ thị 05-CT/TW.").unwrap();
        let files = vec![dir.join("a.jsonl"), dir.join("b.txt")];
        let opts = InputOptions::default();
        let mut all = 0;
        stream(&files, &opts, |_| all += 1, |_| {});
        assert_eq!(all, lines + 1);
        // told to stop once the first file has begun: its first block's lines only, and no
        // second file
        let (mut some, asked) = (0, std::cell::Cell::new(0));
        let go_on = || {
            asked.set(asked.get() + 1);
            asked.get() == 1
        };
        stream_while(&files, &opts, &go_on, |_| some += 1, |_| {});
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(some > 0 && some < lines, "{some} of {lines} lines");
    }
}
