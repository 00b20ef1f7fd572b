//! JSONL records: read in blocks of whole lines (a line over the limit passed over), each line
//! handed on as an [`Item`] and parsed on the workers ([`finish`]) into a document whose text and
//! id are the configured fields and whose other scalar fields are kept.

use super::{InputOptions, Warning, WarningKind};
use crate::model::Document;
use serde_json::Value;
use std::io::Read;

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

/// A JSONL input's lines to `sink`, a block at a time while `go_on()` says so; returns how many
/// lines were skipped.
pub(super) fn read_jsonl(
    reader: Box<dyn Read>,
    name: &str,
    line_cap: usize,
    go_on: &dyn Fn() -> bool,
    sink: &mut impl FnMut(Item),
    warn: &mut impl FnMut(Warning),
) -> usize {
    read_jsonl_blocks(reader, name, 2 << 20, line_cap, go_on, sink, warn)
}

/// The longest JSONL line read (bytes), whatever `--max-file-size` says: a longer one is skipped
/// with a warning, so memory stays bounded on any input.
pub const MAX_JSONL_LINE: usize = 256 << 20;

/// A block come back to `pool`, emptied, if it holds `want` bytes; else a new one.
fn reused(pool: &std::sync::mpsc::Receiver<Vec<u8>>, want: usize) -> Vec<u8> {
    match pool.try_recv() {
        Ok(mut b) if b.capacity() >= want => {
            b.clear();
            b
        }
        _ => Vec::with_capacity(want),
    }
}

/// `read_jsonl` in blocks of `block` bytes of whole lines; a line longer than a block makes the
/// next block bigger.
fn read_jsonl_blocks(
    mut reader: Box<dyn Read>,
    name: &str,
    block: usize,
    line_cap: usize,
    go_on: &dyn Fn() -> bool,
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
        let mut buf = reused(&pool, block.max(2 * carry.len()));
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
        if ended || !go_on() {
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
        let mut n =
            read_jsonl(cursor, "f.jsonl", MAX_JSONL_LINE, &|| true, &mut |d| items.push(d), &mut |w| warns.push(w));
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
            let skipped =
                read_jsonl_blocks(reader, "x.jsonl", block, usize::MAX, &|| true, &mut |i| lines.push(i), &mut |_| {});
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
            read_jsonl_blocks(reader, "x.jsonl", 1 << 10, usize::MAX, &|| true, &mut |_| lines += 1, &mut |w| {
                warnings.push(w)
            });
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
}
