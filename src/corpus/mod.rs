//! Reading the corpus as it comes: directories (recursively), UTF-8 or UTF-16 (with a BOM) `.txt`,
//! `.html`/`.htm`, `.jsonl`/`.ndjson` with configurable fields, each optionally `.gz` or `.zst`,
//! and `-` for standard input. Documents are streamed in batches so memory is bounded by the batch,
//! not the corpus. One bad file or line is a warning naming it, never the end of the run.

use crate::model::Document;
use crate::warning::{Warning, WarningKind};
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

/// What a directory walk has seen: the directories entered (by device and inode, so that a
/// symlink loop is entered once) and the files of kinds it does not read.
#[derive(Default)]
struct Walk {
    /// Further extensions read as text (`--ext md,json`), lower case, without the dot.
    extra: Vec<String>,
    seen: std::collections::HashSet<(u64, u64)>,
    ignored: Vec<PathBuf>,
    /// Entries that could hold text but were not read (an unreadable directory, a FIFO).
    skipped: usize,
}

/// A directory's identity: device and inode where the platform has them, else its canonical path.
fn dir_id(md: &std::fs::Metadata, p: &Path) -> (u64, u64) {
    #[cfg(unix)]
    {
        let _ = p;
        use std::os::unix::fs::MetadataExt;
        (md.dev(), md.ino())
    }
    #[cfg(not(unix))]
    {
        use std::hash::{Hash, Hasher};
        let _ = md;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()).hash(&mut h);
        (0, h.finish())
    }
}

/// Is `p` of an extension `--ext` added (`notes.md`, `a.json.gz`)?
fn extra_kind(p: &Path, extra: &[String]) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".zst")).unwrap_or(&name);
    name.rsplit_once('.').is_some_and(|(_, ext)| extra.iter().any(|e| e == ext))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, warnings: &mut Vec<Warning>, w: &mut Walk) {
    match std::fs::metadata(dir) {
        Ok(md) if !w.seen.insert(dir_id(&md, dir)) => {
            warnings.push(Warning::at(
                dir.display().to_string(),
                None,
                WarningKind::DirectoryAgain,
                "a directory already read (a symlink loop?); not read again",
            ));
            return;
        }
        _ => {}
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            warnings.push(Warning::at(
                dir.display().to_string(),
                None,
                WarningKind::UnreadableDirectory,
                format!("cannot read directory: {e}; skipped"),
            ));
            w.skipped += 1;
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        // followed through symlinks: a broken link is opened, and reported, like any unreadable file
        let md = std::fs::metadata(&p);
        if md.as_ref().is_ok_and(|m| m.is_dir()) {
            walk(&p, out, warnings, w);
        } else if kind_of(&p).is_none() && !extra_kind(&p, &w.extra) {
            w.ignored.push(p);
        } else if md.as_ref().is_ok_and(|m| !m.is_file()) {
            // a FIFO would block the build forever, a device never end
            warnings.push(Warning::at(
                p.display().to_string(),
                None,
                WarningKind::NotRegularFile,
                "not a regular file (a FIFO, socket or device); skipped",
            ));
            w.skipped += 1;
        } else {
            out.push(p);
        }
    }
}

/// Expands the inputs: directories recursively (sorted), files as given, `-` for stdin. Files in
/// directories that are neither of a kind vncite reads nor of an extension in `extra` (read as
/// text) are named in one warning per input. Returns the files and how many entries were skipped
/// (unreadable directories, FIFOs, devices).
pub fn list_inputs(inputs: &[PathBuf], extra: &[String], warnings: &mut Vec<Warning>) -> (Vec<PathBuf>, usize) {
    let mut files = Vec::new();
    let mut skipped = 0;
    for input in inputs {
        if input.as_os_str() != "-" && input.is_dir() {
            let mut w = Walk {
                extra: extra.iter().map(|e| e.trim_start_matches('.').to_lowercase()).collect(),
                ..Default::default()
            };
            walk(input, &mut files, warnings, &mut w);
            skipped += w.skipped;
            if !w.ignored.is_empty() {
                let some: Vec<String> = w.ignored.iter().take(3).map(|p| p.display().to_string()).collect();
                warnings.push(Warning::at(
                    input.display().to_string(),
                    None,
                    WarningKind::FilesNotRead,
                    format!(
                        "{} files not read (only .txt, .html, .htm, .jsonl, .ndjson, also .gz/.zst; --ext adds more): {}{}",
                        w.ignored.len(),
                        some.join(", "),
                        if w.ignored.len() > 3 { ", …" } else { "" }
                    ),
                ));
            }
        } else {
            files.push(input.clone());
        }
    }
    (files, skipped)
}

/// Decodes bytes: UTF-16 when a BOM says so, else UTF-8 (a BOM kept, so offsets stay those of the file). Invalid sequences are
/// replaced and reported once with the byte offset of the first.
pub fn decode(bytes: Vec<u8>, name: &str, warnings: &mut Vec<Warning>) -> String {
    let mut utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])
                } else {
                    u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])
                }
            })
            .collect();
        String::from_utf16(&units).unwrap_or_else(|_| {
            warnings.push(Warning::at(
                name,
                None,
                WarningKind::InvalidEncoding,
                "invalid UTF-16; decoded with replacement characters",
            ));
            String::from_utf16_lossy(&units)
        })
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(false);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(true);
    }
    // a UTF-8 byte-order mark stays: offsets count the file's bytes (normalising drops it)
    // simdutf8 checks an order of magnitude faster than std on Vietnamese text; copying the
    // checked bytes is cheaper still than std's own check
    if let Ok(s) = simdutf8::basic::from_utf8(&bytes) {
        return s.to_owned();
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            warnings.push(Warning::at(
                name,
                None,
                WarningKind::InvalidEncoding,
                format!("invalid UTF-8 at byte {at}; decoded with replacement characters"),
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Recognises the pre-Unicode Vietnamese encodings by words every political text has, read as
/// Windows-1252 bytes: TCVN3 (ABC) writes "Đảng" as `§¶ng` and "Nghị" as `NghÞ`; VNI writes them
/// as `Ñaûng` and `Nghò`.
pub fn legacy_encoding(bytes: &[u8]) -> Option<&'static str> {
    let latin1: String = bytes.iter().map(|&b| b as char).collect();
    let count = |words: &[&str]| words.iter().map(|w| latin1.matches(w).count()).sum::<usize>();
    // byte strings of the signature words in each encoding (as Latin-1 characters)
    let tcvn3 =
        count(&["\u{a7}\u{b6}ng", "Ngh\u{de}", "quy\u{d5}t", "t\u{d8}nh", "\u{f1}y ban", "Trung \u{ad}\u{ac}ng"]);
    let vni = count(&["\u{d1}a\u{fb}ng", "Ngh\u{f2}", "quye\u{e1}t", "t\u{e6}nh", "Trung \u{f6}\u{f4}ng"]);
    match (tcvn3, vni) {
        (t, v) if t >= 2 && t >= v => Some("TCVN3 (ABC)"),
        (_, v) if v >= 2 => Some("VNI"),
        _ => None,
    }
}

/// HTML to text with every offset kept: markup, scripts and styles become spaces (block tags a
/// line break), so a byte offset in the text is the same byte in the file; character references
/// stay and are decoded by normalisation. Also returns `<title>` and a published-date meta.
pub fn html_text(html: &str) -> (String, Option<String>, Option<String>) {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut title = None;
    let mut title_sought = false;
    let mut published = None;
    let mut i = 0;
    let blank = |s: &str, out: &mut String, newline: bool| {
        let mut first = true;
        for c in s.chars() {
            let fill = if first && newline { '\n' } else { ' ' };
            first = false;
            for _ in 0..c.len_utf8() {
                out.push(fill);
            }
        }
    };
    while i < html.len() {
        let Some(lt) = html[i..].find('<').map(|x| x + i) else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..lt]);
        let rest = &lower[lt..];
        // the element's end: comments, script and style bodies, or the tag itself (unclosed: to the end)
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map_or(html.len(), |e| lt + e + 3)
        } else if rest.starts_with("<script") || rest.starts_with("<style") {
            let close = if rest.starts_with("<script") { "</script" } else { "</style" };
            rest.find(close).map_or(html.len(), |e| lower[lt + e..].find('>').map_or(html.len(), |g| lt + e + g + 1))
        } else {
            rest.find('>').map_or(html.len(), |e| lt + e + 1)
        };
        let tag = &lower[lt..end];
        // the first title only: looking for the close of every one would read the rest of the
        // page once per "<title" (quadratic on a page of them)
        if !title_sought && tag.starts_with("<title") {
            title_sought = true;
            if let Some(close) = lower[end..].find("</title") {
                title = Some(html[end..end + close].trim().to_string());
            }
        }
        if tag.starts_with("<meta") && published.is_none() {
            let is_date = ["article:published_time", "pubdate", "publishdate", "date", "dc.date"]
                .iter()
                .any(|k| tag.contains(&format!("\"{k}\"")) || tag.contains(&format!("'{k}'")));
            if is_date {
                if let Some(c) = tag.find("content=") {
                    let v = &html[lt + c + 8..end];
                    let v = v.trim_start_matches(['"', '\'']);
                    let date: String = v.chars().take(10).collect();
                    if date.len() == 10 && date.as_bytes()[4] == b'-' {
                        published = Some(date);
                    }
                }
            }
        }
        let block =
            ["<p", "<br", "<div", "<li", "<h1", "<h2", "<h3", "<h4", "<tr", "</p", "</div", "<title", "</title"]
                .iter()
                .any(|b| tag.starts_with(b));
        blank(&html[lt..end], &mut out, block);
        i = end;
    }
    (out, title, published)
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
pub fn stream(
    files: &[PathBuf],
    opts: &InputOptions,
    mut sink: impl FnMut(Item),
    mut warn: impl FnMut(Warning),
) -> usize {
    let mut skipped = 0;
    for f in files {
        if opts.strict && skipped > 0 {
            warn(Warning::run(WarningKind::Strict, "--strict: stopped at the first skipped input"));
            break;
        }
        skipped += read_file(f, opts, &mut sink, &mut warn);
    }
    skipped
}

/// One input: a JSONL file's lines, or one text or HTML document. Returns how many inputs (the
/// file, or lines of it) were skipped.
fn read_file(f: &Path, opts: &InputOptions, sink: &mut impl FnMut(Item), warn: &mut impl FnMut(Warning)) -> usize {
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
        return read_jsonl(utf16_to_utf8(reader), &name, line_cap, sink, warn);
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

/// One input record as read: a whole document, or a JSONL line still to be parsed (parsing is
/// left to the workers, so it runs in parallel with everything else).
#[derive(Debug)]
pub enum Item {
    /// A document ready to analyse.
    Doc(Document),
    /// A JSONL line: its file, line number and bytes.
    Line {
        /// The file's name.
        name: std::sync::Arc<str>,
        /// 1-based line number.
        line_no: usize,
        /// The line as read.
        bytes: LineBytes,
    },
}

/// A line of a JSONL file inside the block it was read in: blocks are read whole and shared by
/// their lines, so a line costs no allocation or copy of its own.
#[derive(Debug, Clone)]
pub struct LineBytes {
    block: std::sync::Arc<Block>,
    range: std::ops::Range<usize>,
}

impl LineBytes {
    /// A line of its own (as for a test).
    pub fn new(bytes: Vec<u8>) -> LineBytes {
        let range = 0..bytes.len();
        LineBytes { block: std::sync::Arc::new(Block { bytes, back: None }), range }
    }
}

impl std::ops::Deref for LineBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.block.bytes[self.range.clone()]
    }
}

/// A block of lines that goes back to its reader when its last line is done: reading into
/// memory already in use spares the kernel clearing fresh pages for every block.
#[derive(Debug)]
struct Block {
    bytes: Vec<u8>,
    back: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
}

impl Drop for Block {
    fn drop(&mut self) {
        if let Some(back) = &self.back {
            // a full pool or a finished reader: the memory is simply freed
            let _ = back.try_send(std::mem::take(&mut self.bytes));
        }
    }
}

/// What parsing one JSONL line gave: a document or none, warnings, and whether the line was skipped.
pub struct Parsed {
    /// The document, unless the line was blank or bad.
    pub doc: Option<Document>,
    /// Problems, each with file and line.
    pub warnings: Vec<Warning>,
    /// The line was bad and left out.
    pub skipped: bool,
}

/// One JSONL line as read: an object's text and id fields and its other fields (scalars kept, in
/// the order read, a repeated field taking its last value as in a JSON object), or anything else.
enum Record {
    Object { text: Option<Value>, id: Option<Value>, meta: crate::model::Meta },
    Other,
}

/// Reads a `Record` straight from the parser: no map of the whole object is built and taken
/// apart again (a quarter of the time spent reading JSONL).
struct RecordSeed<'a> {
    text_field: &'a str,
    id_field: &'a str,
}

impl<'de> serde::de::DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RecordSeed<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let (mut text, mut id, mut meta) = (None, None, crate::model::Meta::default());
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            if key == self.text_field {
                text = Some(value);
            } else if key == self.id_field {
                id = Some(value);
            } else {
                meta.insert(key, value);
            }
        }
        // objects and arrays are left out only now: a field's last value is what counts
        meta.0.retain(|(_, v)| !v.is_object() && !v.is_array());
        Ok(Record::Object { text, id, meta })
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Record, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Record::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Record, E> {
        Ok(Record::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Record, E> {
        Ok(Record::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Record, E> {
        Ok(Record::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Record, E> {
        Ok(Record::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Record, E> {
        Ok(Record::Other)
    }
    fn visit_unit<E>(self) -> Result<Record, E> {
        Ok(Record::Other)
    }
}

/// Parses one JSONL line into a document (the text and id fields from `opts`; other scalar fields
/// such as url, date, source are kept on the document).
pub fn parse_line(name: &str, line_no: usize, bytes: &[u8], opts: &InputOptions) -> Parsed {
    let where_ = || format!("{name}:{line_no}");
    let mut warnings = Vec::new();
    let bad = |warnings: Vec<Warning>| Parsed { doc: None, warnings, skipped: true };
    // valid UTF-8 (the usual case) is checked fast; anything else is decoded lossily
    let line = match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            warnings.push(Warning::at(
                name,
                Some(line_no),
                WarningKind::InvalidEncoding,
                "invalid UTF-8; decoded with replacement characters",
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    // a UTF-8 byte-order mark before the first record
    let line = line.trim().trim_start_matches('\u{FEFF}');
    if line.is_empty() {
        return Parsed { doc: None, warnings, skipped: false };
    }
    let record = {
        let mut de = serde_json::Deserializer::from_str(line);
        let seed = RecordSeed { text_field: &opts.text_field, id_field: &opts.id_field };
        serde::de::DeserializeSeed::deserialize(seed, &mut de).and_then(|r| de.end().map(|()| r))
    };
    let (text, id, meta) = match record {
        Ok(Record::Object { text, id, meta }) => (text, id, meta),
        Ok(Record::Other) => {
            warnings.push(Warning::at(name, Some(line_no), WarningKind::NotJson, "not a JSON object; line skipped"));
            return bad(warnings);
        }
        Err(e) => {
            warnings.push(Warning::at(
                name,
                Some(line_no),
                WarningKind::NotJson,
                format!("not JSON ({e}); line skipped"),
            ));
            return bad(warnings);
        }
    };
    let Some(Value::String(text)) = text else {
        warnings.push(Warning::at(
            name,
            Some(line_no),
            WarningKind::NoText,
            format!("no \"{}\" string; line skipped", opts.text_field),
        ));
        return bad(warnings);
    };
    let source = match id {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => where_(),
    };
    Parsed { doc: Some(Document { source, text, meta }), warnings, skipped: false }
}

/// Reads `reader` into `buf` until `buf` is full or the input ends; returns whether it ended.
fn fill(reader: &mut dyn Read, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    let free = buf.capacity() - buf.len();
    // `take` reads until the limit or the end of the input
    let n = reader.take(free as u64).read_to_end(buf)?;
    Ok(n < free)
}

fn read_jsonl(
    reader: Box<dyn Read>,
    name: &str,
    line_cap: usize,
    sink: &mut impl FnMut(Item),
    warn: &mut impl FnMut(Warning),
) -> usize {
    read_jsonl_blocks(reader, name, 2 << 20, line_cap, sink, warn)
}

/// The longest JSONL line read (bytes), whatever `--max-file-size` says: a longer one is skipped
/// with a warning, so memory stays bounded on any input.
pub const MAX_JSONL_LINE: usize = 256 << 20;

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

/// A reader of UTF-8: the input as it is, or decoded from UTF-16 when it starts with a UTF-16
/// byte-order mark.
fn utf16_to_utf8<R: BufRead + 'static>(mut reader: R) -> Box<dyn Read> {
    let head = reader.fill_buf().unwrap_or(&[]);
    let be = match head {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return Box::new(reader),
    };
    reader.consume(2);
    Box::new(Utf16Reader { inner: reader, be, out: Vec::new(), at: 0, carry: Vec::new() })
}

/// Decodes UTF-16 to UTF-8 as it is read (unpaired surrogates become U+FFFD).
struct Utf16Reader<R> {
    inner: R,
    be: bool,
    out: Vec<u8>,
    at: usize,
    /// Bytes not decoded yet: an odd byte, or a high surrogate waiting for its pair.
    carry: Vec<u8>,
}

impl<R: BufRead> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.out.len() {
            self.out.clear();
            self.at = 0;
            let chunk = self.inner.fill_buf()?;
            let end = chunk.is_empty();
            let mut bytes = std::mem::take(&mut self.carry);
            bytes.extend_from_slice(chunk);
            let n = chunk.len();
            self.inner.consume(n);
            if end && bytes.is_empty() {
                return Ok(0);
            }
            let unit =
                |c: &[u8]| if self.be { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_le_bytes([c[0], c[1]]) };
            let mut whole = bytes.len() / 2 * 2;
            // a high surrogate at the end waits for its pair in the next chunk
            if !end && whole >= 2 && (0xD800..0xDC00).contains(&unit(&bytes[whole - 2..whole])) {
                whole -= 2;
            }
            let units: Vec<u16> = bytes[..whole].chunks_exact(2).map(unit).collect();
            self.carry = bytes[whole..].to_vec();
            if end {
                // an odd byte at the very end is no character
                self.carry.clear();
            }
            self.out = char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect::<String>().into_bytes();
            if end && self.out.is_empty() {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// `read_jsonl` in blocks of `block` bytes of whole lines; a line longer than a block makes the
/// next block bigger.
fn read_jsonl_blocks(
    mut reader: Box<dyn Read>,
    name: &str,
    block: usize,
    line_cap: usize,
    sink: &mut impl FnMut(Item),
    warn: &mut impl FnMut(Warning),
) -> usize {
    let name: std::sync::Arc<str> = name.into();
    let mut line_no = 0;
    let mut skipped = 0;
    // passing over the rest of a line longer than `line_cap`
    let mut skipping = false;
    let mut carry: Vec<u8> = Vec::new();
    // blocks done with come back here (as many as a few batches hold)
    let (back, pool) = std::sync::mpsc::sync_channel::<Vec<u8>>(16);
    loop {
        let want = block.max(2 * carry.len());
        let mut buf = match pool.try_recv() {
            Ok(mut b) if b.capacity() >= want => {
                b.clear();
                b
            }
            _ => Vec::with_capacity(want),
        };
        buf.append(&mut carry);
        let (ended, error) = match fill(&mut reader, &mut buf) {
            Ok(ended) => (ended, None),
            Err(e) => (true, Some(e)),
        };
        if skipping {
            match memchr::memchr(b'\n', &buf) {
                Some(i) => {
                    buf.drain(..=i);
                    skipping = false;
                }
                None if ended => return skipped,
                None => continue,
            }
        }
        // the last line is whole only at the end of a cleanly read input
        let cut = match memchr::memrchr(b'\n', &buf) {
            _ if ended && error.is_none() => buf.len(),
            Some(i) => i + 1,
            None if ended => 0,
            None if buf.len() > line_cap => {
                line_no += 1;
                warn(Warning::at(
                    &*name,
                    Some(line_no),
                    WarningKind::LineTooLong,
                    format!("a line over {line_cap} bytes; skipped"),
                ));
                skipped += 1;
                skipping = true;
                continue;
            }
            None => {
                carry = buf;
                continue;
            }
        };
        carry = buf[cut..].to_vec();
        buf.truncate(cut);
        let block = std::sync::Arc::new(Block { bytes: buf, back: Some(back.clone()) });
        line_no = lines_of(&block, &name, line_no, sink);
        if let Some(e) = error {
            warn(Warning::at(
                &*name,
                Some(line_no + 1),
                WarningKind::ReadError,
                format!("read error: {e}; rest of file skipped"),
            ));
            return skipped + 1;
        }
        if ended {
            return skipped;
        }
    }
}

/// Hands `sink` every line of a block of whole lines, numbered on from `line_no`; returns the
/// last line's number.
fn lines_of(
    block: &std::sync::Arc<Block>,
    name: &std::sync::Arc<str>,
    mut line_no: usize,
    sink: &mut impl FnMut(Item),
) -> usize {
    let mut start = 0;
    while start < block.bytes.len() {
        let end = memchr::memchr(b'\n', &block.bytes[start..]).map_or(block.bytes.len(), |i| start + i + 1);
        line_no += 1;
        sink(Item::Line { name: name.clone(), line_no, bytes: LineBytes { block: block.clone(), range: start..end } });
        start = end;
    }
    line_no
}

/// Turns an item into a document (parsing a JSONL line), with its warnings and skip count.
pub fn finish(item: Item, opts: &InputOptions) -> Parsed {
    match item {
        Item::Doc(d) => Parsed { doc: Some(d), warnings: vec![], skipped: false },
        Item::Line { name, line_no, bytes } => parse_line(&name, line_no, &bytes, opts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(text: &str, opts: &InputOptions) -> (Vec<Document>, Vec<String>, usize) {
        let (docs, warns, n) = jsonl_typed(text, opts);
        (docs, warns.iter().map(|w| w.to_string()).collect(), n)
    }

    fn jsonl_typed(text: &str, opts: &InputOptions) -> (Vec<Document>, Vec<Warning>, usize) {
        let mut items = Vec::new();
        let mut warns = Vec::new();
        let cursor = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        let mut n = read_jsonl(cursor, "f.jsonl", MAX_JSONL_LINE, &mut |d| items.push(d), &mut |w| warns.push(w));
        let mut docs = Vec::new();
        for it in items {
            let p = finish(it, opts);
            warns.extend(p.warnings);
            n += usize::from(p.skipped);
            docs.extend(p.doc);
        }
        (docs, warns, n)
    }

    #[test]
    fn jsonl_bad_line_is_reported_with_its_number() {
        let (docs, w, n) = jsonl(
            "{\"id\":\"a\",\"text\":\"x\",\"url\":\"http://u\"}\nnot json\n{\"id\":7,\"text\":\"y\"}\n{\"id\":\"b\"}\n",
            &InputOptions::default(),
        );
        assert_eq!(docs.len(), 2);
        assert_eq!(n, 2);
        assert_eq!(docs[1].source, "7");
        assert_eq!(docs[0].meta.get("url"), Some(&Value::String("http://u".into())));
        assert!(w[0].starts_with("f.jsonl:2:"));
        assert!(w[1].starts_with("f.jsonl:4:"));
        let (_, typed, _) = jsonl_typed("not json\n{\"id\":\"b\"}\n", &InputOptions::default());
        let kinds: Vec<(WarningKind, Option<usize>)> = typed.iter().map(|w| (w.kind, w.line)).collect();
        assert_eq!(kinds, [(WarningKind::NotJson, Some(1)), (WarningKind::NoText, Some(2))]);
    }

    #[test]
    fn jsonl_lines_across_blocks_keep_their_numbers() {
        let input =
            "{\"id\":\"a\",\"text\":\"một\"}\n\n{\"id\":\"b\",\"text\":\"một dòng dài hơn một khối\"}\n{\"id\":\"c\"";
        for block in [1, 7, 64, 1 << 20] {
            let mut lines = Vec::new();
            let reader = Box::new(std::io::Cursor::new(input.as_bytes().to_vec()));
            let skipped = read_jsonl_blocks(reader, "x.jsonl", block, usize::MAX, &mut |i| lines.push(i), &mut |_| {});
            assert_eq!(skipped, 0);
            let got: Vec<(usize, String)> = lines
                .into_iter()
                .filter_map(|i| match i {
                    Item::Line { line_no, bytes, .. } => Some((line_no, String::from_utf8_lossy(&bytes).into_owned())),
                    Item::Doc(_) => None,
                })
                .collect();
            let want: Vec<(usize, String)> =
                input.split_inclusive('\n').enumerate().map(|(k, l)| (k + 1, l.to_string())).collect();
            assert_eq!(got, want, "block {block}");
        }
    }

    #[test]
    fn jsonl_read_error_keeps_the_whole_lines_before_it() {
        /// Gives its bytes, then fails.
        struct Failing(Vec<u8>);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Err(std::io::Error::other("disk gone"));
                }
                let n = buf.len().min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0.drain(..n);
                Ok(n)
            }
        }
        let (mut lines, mut warnings) = (0, Vec::new());
        let reader = Box::new(Failing(b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"te".to_vec()));
        let skipped =
            read_jsonl_blocks(reader, "x.jsonl", 1 << 10, usize::MAX, &mut |_| lines += 1, &mut |w| warnings.push(w));
        assert_eq!((skipped, lines), (1, 2));
        let warnings: Vec<String> = warnings.iter().map(Warning::to_string).collect();
        assert_eq!(warnings, ["x.jsonl:3: read error: disk gone; rest of file skipped"]);
    }

    #[test]
    fn jsonl_records_read_like_json_objects() {
        let opts = InputOptions::default();
        let p =
            parse_line("x", 1, br#"{"a":{"x":1},"text":"mot","id":7,"b":[1],"a":"hai","text":"ba","c":null}"#, &opts);
        let d = p.doc.expect("a document");
        // a repeated field takes its last value; objects and arrays are left out
        assert_eq!((d.source.as_str(), d.text.as_str()), ("7", "ba"));
        let meta: Vec<(&str, String)> = d.meta.iter().map(|(k, v)| (k.as_str(), v.to_string())).collect();
        assert_eq!(meta, [("a", "\"hai\"".to_string()), ("c", "null".to_string())]);
        for (line, want) in [
            (&b"[1, 2]"[..], "x:2: not a JSON object; line skipped"),
            (b"\"text\"", "x:2: not a JSON object; line skipped"),
            (b"{\"text\": 5}", "x:2: no \"text\" string; line skipped"),
        ] {
            let p = parse_line("x", 2, line, &opts);
            assert!(p.skipped && p.doc.is_none());
            assert_eq!(p.warnings.iter().map(Warning::to_string).collect::<Vec<_>>(), [want]);
        }
        let p = parse_line("x", 3, br#"{"text":"t"} x"#, &opts);
        assert!(
            p.skipped && p.warnings[0].to_string().starts_with("x:3: not JSON (trailing characters"),
            "{:?}",
            p.warnings
        );
    }

    #[test]
    fn jsonl_custom_fields() {
        let opts = InputOptions { text_field: "body".into(), id_field: "doc".into(), ..Default::default() };
        let (docs, _, _) = jsonl("{\"doc\":\"d1\",\"body\":\"z\"}\n", &opts);
        assert_eq!((docs[0].source.as_str(), docs[0].text.as_str()), ("d1", "z"));
    }

    #[test]
    fn invalid_utf8_is_lossy_with_offset() {
        let mut w = Vec::new();
        let s = decode(b"ab\xffcd".to_vec(), "x.txt", &mut w);
        assert_eq!(s, "ab\u{FFFD}cd");
        assert!(w[0].message.contains("byte 2") && w[0].kind == WarningKind::InvalidEncoding);
    }

    #[test]
    fn legacy_encodings_are_named() {
        // "Nghị quyết của Đảng" in TCVN3 and in VNI, as the bytes a legacy file holds
        let tcvn3: Vec<u8> = "NghÞ quyÕt cña §¶ng, §¶ng bé tØnh".chars().map(|c| c as u32 as u8).collect();
        let vni: Vec<u8> = "Nghò quyeát cuûa Ñaûng, Ñaûng boä tænh".chars().map(|c| c as u32 as u8).collect();
        assert_eq!(legacy_encoding(&tcvn3), Some("TCVN3 (ABC)"));
        assert_eq!(legacy_encoding(&vni), Some("VNI"));
        assert_eq!(legacy_encoding("Nghị quyết".as_bytes()), None);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Nghị quyết".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(bytes, "x", &mut Vec::new()), "Nghị quyết");
    }

    #[test]
    fn html_keeps_offsets_and_drops_scripts() {
        let html = "<html><head><title>Tin &amp; bài</title><meta property=\"article:published_time\" content=\"2019-05-30T08:00\"><script>var s = '02-NQ/TU';</script></head><body><p>Thực hiện Nghị quyết số 02-NQ/TU</p></body></html>";
        let (t, title, published) = html_text(html);
        assert_eq!(t.len(), html.len());
        assert_eq!(title.as_deref(), Some("Tin &amp; bài"));
        assert_eq!(published.as_deref(), Some("2019-05-30"));
        assert_eq!(t.matches("02-NQ/TU").count(), 1);
        let at = t.find("02-NQ/TU").expect("symbol");
        assert_eq!(&html[at..at + 8], "02-NQ/TU");
        assert!(!t.contains("<p>"));
    }

    #[test]
    fn html_unclosed_and_nested() {
        let (t, _, _) = html_text("<div><div><p>a<b>b</p><script>x");
        assert!(t.contains('a') && t.contains('b') && !t.contains('x'));
    }
}
