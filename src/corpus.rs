//! Reading the corpus: files and directories of UTF-8 `.txt`, and `.jsonl` with one object a line
//! holding "id" and "text". One bad file or line is a warning, never the end of the run.

use crate::model::Document;
use std::path::{Path, PathBuf};

/// What reading the inputs gave: the documents and a warning per problem (with file and line).
#[derive(Debug, Default)]
pub struct Corpus {
    /// Documents in input order (directories sorted).
    pub documents: Vec<Document>,
    /// Problems met, each naming its file.
    pub warnings: Vec<String>,
    /// Inputs (files or lines) that could not be read at all.
    pub skipped: usize,
}

fn is_jsonl(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"))
}

fn is_text(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("txt"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, warnings: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            warnings.push(format!("{}: cannot read directory: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out, warnings);
        } else if is_text(&p) || is_jsonl(&p) {
            out.push(p);
        }
    }
}

/// Decodes bytes as UTF-8; invalid sequences are replaced and reported once with their offset.
pub fn decode(bytes: Vec<u8>, name: &str, warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            warnings.push(format!("{name}: invalid UTF-8 at byte {at}; decoded with replacement characters"));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Parses JSONL text: one document per line with a string "text" and an "id" (string or number).
pub fn parse_jsonl(text: &str, name: &str, corpus: &mut Corpus) {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let where_ = format!("{name}:{}", i + 1);
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                corpus.warnings.push(format!("{where_}: not JSON ({e}); line skipped"));
                corpus.skipped += 1;
                continue;
            }
        };
        let Some(body) = v.get("text").and_then(|t| t.as_str()) else {
            corpus.warnings.push(format!("{where_}: no \"text\" string; line skipped"));
            corpus.skipped += 1;
            continue;
        };
        let id = match v.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => where_.clone(),
        };
        corpus.documents.push(Document { source: id, text: body.to_string() });
    }
}

/// Reads every input: files as given, directories recursively (`.txt`, `.jsonl`, `.ndjson`),
/// `-` for standard input (plain text).
pub fn read_inputs(inputs: &[PathBuf]) -> Corpus {
    let mut corpus = Corpus::default();
    let mut files = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            let mut buf = Vec::new();
            if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
                corpus.warnings.push(format!("-: cannot read standard input: {e}"));
                corpus.skipped += 1;
            } else {
                let text = decode(buf, "-", &mut corpus.warnings);
                corpus.documents.push(Document { source: "-".into(), text });
            }
        } else if input.is_dir() {
            walk(input, &mut files, &mut corpus.warnings);
        } else {
            files.push(input.clone());
        }
    }
    for f in files {
        let name = f.display().to_string();
        let bytes = match std::fs::read(&f) {
            Ok(b) => b,
            Err(e) => {
                corpus.warnings.push(format!("{name}: cannot read: {e}; skipped"));
                corpus.skipped += 1;
                continue;
            }
        };
        let text = decode(bytes, &name, &mut corpus.warnings);
        if is_jsonl(&f) {
            parse_jsonl(&text, &name, &mut corpus);
        } else {
            corpus.documents.push(Document { source: name, text });
        }
    }
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_bad_line_is_reported_with_its_number() {
        let mut c = Corpus::default();
        parse_jsonl(
            "{\"id\":\"a\",\"text\":\"x\"}\nnot json\n{\"id\":7,\"text\":\"y\"}\n{\"id\":\"b\"}\n",
            "f.jsonl",
            &mut c,
        );
        assert_eq!(c.documents.len(), 2);
        assert_eq!(c.documents[1].source, "7");
        assert!(c.warnings[0].starts_with("f.jsonl:2:"));
        assert!(c.warnings[1].starts_with("f.jsonl:4:"));
    }

    #[test]
    fn invalid_utf8_is_lossy_with_offset() {
        let mut w = Vec::new();
        let s = decode(b"ab\xffcd".to_vec(), "x.txt", &mut w);
        assert_eq!(s, "ab\u{FFFD}cd");
        assert!(w[0].contains("byte 2"));
    }
}
