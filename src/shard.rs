//! The shard format: `extract --format jsonl` writes one record a line — a `document`, its
//! `mention`s, its `relation`s — and `build --from-mentions` reads them back into analyses, so a
//! corpus can be analysed in pieces and on several machines.
//!
//! Types: [`ShardError`] (why one line was skipped). [`records`] writes one analysis,
//! [`read`] reads a shard, skipping (and reporting) each bad line: not JSON, not UTF-8, longer than
//! [`MAX_LINE`], a mention or relation before its document, a relation whose indices name no
//! mention.

use crate::model::DocAnalysis;
use crate::warning::{Warning, WarningKind};
use std::io::BufRead;

/// The longest line read (bytes): a longer one is skipped, so memory stays bounded on any input.
pub const MAX_LINE: usize = 64 << 20;

/// Why a shard line was skipped.
#[derive(Debug, thiserror::Error)]
pub enum ShardError {
    /// Not UTF-8.
    #[error("not UTF-8")]
    Encoding,
    /// Longer than [`MAX_LINE`].
    #[error("a line over {MAX_LINE} bytes")]
    TooLong,
    /// Not a JSON object of a known record.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// Not an object, or an unknown `record`.
    #[error("{0}")]
    Shape(String),
    /// A mention or relation with no document before it, or indices that name no mention.
    #[error("{0}")]
    Order(&'static str),
}

/// One analysis as shard lines: its document record, its mention records, its relation records.
pub fn records(a: &DocAnalysis) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    let mut doc = serde_json::to_value(DocAnalysis { mentions: vec![], relations: vec![], ..a.clone() })?;
    if let Some(o) = doc.as_object_mut() {
        o.remove("mentions");
        o.remove("relations");
        o.insert("record".into(), "document".into());
    }
    out.push_str(&doc.to_string());
    out.push('\n');
    for (i, m) in a.mentions.iter().enumerate() {
        let mut v = serde_json::to_value(m)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("record".into(), "mention".into());
            o.insert("document".into(), a.source.clone().into());
            o.insert("index".into(), i.into());
        }
        out.push_str(&v.to_string());
        out.push('\n');
    }
    for r in &a.relations {
        let mut v = serde_json::to_value(r)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("record".into(), "relation".into());
            o.insert("document".into(), a.source.clone().into());
        }
        out.push_str(&v.to_string());
        out.push('\n');
    }
    Ok(out)
}

/// Reads one shard line into `docs` (a document record starts a new analysis; mentions and
/// relations join the last one).
///
/// ```
/// let mut docs = Vec::new();
/// vncite::shard::parse_line(r#"{"record":"document","source":"a.txt"}"#, &mut docs).unwrap();
/// assert!(vncite::shard::parse_line(r#"{"record":"relation","from":0,"to":1,"kind":"implements","cue_start":0,"cue_end":1,"cue":"x"}"#, &mut docs).is_err());
/// assert_eq!(docs.len(), 1);
/// ```
pub fn parse_line(line: &str, docs: &mut Vec<DocAnalysis>) -> Result<(), ShardError> {
    let mut v: serde_json::Value = serde_json::from_str(line)?;
    let record = v.get("record").and_then(|r| r.as_str()).unwrap_or("").to_string();
    let obj = v.as_object_mut().ok_or_else(|| ShardError::Shape("not an object".into()))?;
    obj.remove("record");
    match record.as_str() {
        "document" => docs.push(serde_json::from_value(v)?),
        "mention" => {
            obj.remove("document");
            obj.remove("index");
            let m = serde_json::from_value(v)?;
            docs.last_mut().ok_or(ShardError::Order("a mention before its document"))?.mentions.push(m);
        }
        "relation" => {
            obj.remove("document");
            let r: crate::model::Relation = serde_json::from_value(v)?;
            let d = docs.last_mut().ok_or(ShardError::Order("a relation before its document"))?;
            if r.from >= d.mentions.len() || r.to >= d.mentions.len() {
                return Err(ShardError::Order("a relation that names no mention of its document"));
            }
            d.relations.push(r);
        }
        other => return Err(ShardError::Shape(format!("unknown record {other:?}"))),
    }
    Ok(())
}

/// Reads a shard into `docs`; each bad line is reported through `warn` with its line number and
/// skipped. Returns how many lines were skipped; an error only when the reader itself fails.
pub fn read(
    mut reader: impl BufRead,
    name: &str,
    docs: &mut Vec<DocAnalysis>,
    mut warn: impl FnMut(Warning),
) -> std::io::Result<usize> {
    let mut skipped = 0;
    let mut line = Vec::new();
    for line_no in 1.. {
        line.clear();
        let (read, whole) = read_capped(&mut reader, &mut line, MAX_LINE)?;
        if read == 0 {
            break;
        }
        let result = if !whole {
            Err(ShardError::TooLong)
        } else {
            match std::str::from_utf8(&line) {
                Ok(s) if s.trim().is_empty() => Ok(()),
                Ok(s) => parse_line(s, docs),
                Err(_) => Err(ShardError::Encoding),
            }
        };
        if let Err(e) = result {
            warn(Warning::at(name, Some(line_no), WarningKind::BadShardLine, format!("{e}; line skipped")));
            skipped += 1;
        }
    }
    Ok(skipped)
}

/// Reads shard files — `extract --format jsonl` output, or Parquet with the records in a `json`
/// column (`.parquet`) — into `docs`, in order; each bad line or row is reported through `warn`
/// and skipped. Returns how many were skipped; an error when a file cannot be read at all.
pub fn read_files(
    files: &[std::path::PathBuf],
    docs: &mut Vec<DocAnalysis>,
    warn: &mut dyn FnMut(Warning),
) -> crate::export::Result<usize> {
    use crate::export::error::Context;
    let mut skipped = 0;
    for f in files {
        if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet")) {
            skipped += crate::export::parquet::read_shard(f, docs, warn)?;
            continue;
        }
        let file = std::fs::File::open(f).with_context(|| format!("opening {}", f.display()))?;
        skipped += read(std::io::BufReader::new(file), &f.display().to_string(), docs, &mut *warn)
            .with_context(|| format!("reading {}", f.display()))?;
    }
    Ok(skipped)
}

/// Reads a line (without its `\n`) into `buf`, keeping at most `cap` bytes and passing over the
/// rest: returns the bytes consumed and whether the line was kept whole.
pub fn read_capped(reader: &mut impl BufRead, buf: &mut Vec<u8>, cap: usize) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut whole = true;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok((consumed, whole));
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        if take > room {
            whole = false;
        }
        buf.extend_from_slice(&chunk[..take.min(room)]);
        let used = take + usize::from(done);
        reader.consume(used);
        consumed += used;
        if done {
            return Ok((consumed, whole));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_skipped_and_named() {
        let good = r#"{"record":"document","source":"a.txt"}"#;
        let input =
            [good.as_bytes(), b"\n", b"\xff\xfe not utf-8\n", b"{\"record\":\"nope\"}\n", b"\n", good.as_bytes()]
                .concat();
        let mut docs = Vec::new();
        let mut warnings = Vec::new();
        let skipped = read(&input[..], "s.jsonl", &mut docs, |w| warnings.push(w)).expect("read");
        assert_eq!((docs.len(), skipped), (2, 2));
        assert_eq!(warnings[0].to_string(), "s.jsonl:2: not UTF-8; line skipped");
        assert!(warnings[1].to_string().starts_with("s.jsonl:3: unknown record"));
        assert!(warnings.iter().all(|w| w.kind == WarningKind::BadShardLine));
    }

    #[test]
    fn a_long_line_is_passed_over_within_the_cap() {
        let input = [&b"x".repeat(100)[..], b"\nabc\n"].concat();
        let mut r = std::io::BufReader::with_capacity(7, &input[..]);
        let mut buf = Vec::new();
        assert_eq!(read_capped(&mut r, &mut buf, 10).expect("read"), (101, false));
        assert_eq!(buf.len(), 10);
        buf.clear();
        assert_eq!(read_capped(&mut r, &mut buf, 10).expect("read"), (4, true));
        assert_eq!(buf, b"abc");
    }
}
