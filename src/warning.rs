//! Warnings as values: what a run noticed, where, and of which kind.
//!
//! Types: [`Warning`] (a file or document, a line when there is one, a [`WarningKind`] and the
//! message a person reads) and [`WarningKind`] (what happened, and whether it means something
//! was skipped — what the exit code and the summary's "inputs skipped" count go by).
//!
//! ```
//! use vncite::warning::{Warning, WarningKind};
//! let w = Warning::at("a.jsonl", Some(3), WarningKind::NotJson, "not JSON (EOF); line skipped");
//! assert_eq!(w.to_string(), "a.jsonl:3: not JSON (EOF); line skipped");
//! assert!(w.kind.skips());
//! ```

use serde::Serialize;

/// What a warning is about. The name (`as_str`) is stable: `warnings.jsonl` carries it as `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// A directory reached a second time (a symlink loop); read once.
    DirectoryAgain,
    /// A directory that cannot be listed: skipped.
    UnreadableDirectory,
    /// A FIFO, socket or device inside a directory: skipped.
    NotRegularFile,
    /// Files in a directory that are not of a kind vncite reads (named, not read).
    FilesNotRead,
    /// `--strict` stopped at the first skipped input.
    Strict,
    /// Over `--max-file-size` (before or after decompression): skipped.
    TooLarge,
    /// Cannot be opened or read: skipped.
    Unreadable,
    /// A binary file: skipped.
    Binary,
    /// A pre-Unicode Vietnamese encoding (TCVN3, VNI …): skipped.
    LegacyEncoding,
    /// Invalid UTF-8 or UTF-16, decoded with replacement characters.
    InvalidEncoding,
    /// A JSONL line that is not a JSON object: skipped.
    NotJson,
    /// A JSONL record without the text field: skipped.
    NoText,
    /// A JSONL line over the line limit: skipped.
    LineTooLong,
    /// A read error inside a file: the rest of it skipped.
    ReadError,
    /// A shard line (JSONL or Parquet row) that cannot be read back: skipped.
    BadShardLine,
    /// A long text read in pieces.
    ReadInPieces,
    /// The per-text time limit stopped reading: the rest of the text skipped.
    TimeLimit,
    /// A bug while reading one text: the text skipped.
    InternalError,
    /// A plenum named without a term the text or its date gives: not resolved.
    PlenumWithoutTerm,
    /// A plenum and term the catalog has no resolution of: not resolved.
    PlenumNotInCatalog,
    /// A note read back from a shard, whose kind the shard does not record.
    Noted,
}

impl WarningKind {
    /// The stable name (`too-large`, `not-json` …).
    pub fn as_str(self) -> &'static str {
        use WarningKind::*;
        match self {
            DirectoryAgain => "directory-again",
            UnreadableDirectory => "unreadable-directory",
            NotRegularFile => "not-regular-file",
            FilesNotRead => "files-not-read",
            Strict => "strict",
            TooLarge => "too-large",
            Unreadable => "unreadable",
            Binary => "binary",
            LegacyEncoding => "legacy-encoding",
            InvalidEncoding => "invalid-encoding",
            NotJson => "not-json",
            NoText => "no-text",
            LineTooLong => "line-too-long",
            ReadError => "read-error",
            BadShardLine => "bad-shard-line",
            ReadInPieces => "read-in-pieces",
            TimeLimit => "time-limit",
            InternalError => "internal-error",
            PlenumWithoutTerm => "plenum-without-term",
            PlenumNotInCatalog => "plenum-not-in-catalog",
            Noted => "noted",
        }
    }

    /// Whether a warning of this kind means an input, or part of one, was not read: such a run
    /// exits 2 and `--strict` writes nothing.
    pub fn skips(self) -> bool {
        use WarningKind::*;
        matches!(
            self,
            UnreadableDirectory
                | NotRegularFile
                | TooLarge
                | Unreadable
                | Binary
                | LegacyEncoding
                | NotJson
                | NoText
                | LineTooLong
                | ReadError
                | BadShardLine
                | TimeLimit
                | InternalError
        )
    }
}

impl std::fmt::Display for WarningKind {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One warning: where (a file, a record id or a directory; a line when there is one), its kind,
/// and the message. Displayed as `file:line: message`, `file: message`, or the message alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file, directory or document it is about (empty for the run as a whole).
    pub file: String,
    /// The line in `file`, counting from 1, when it is about one line.
    pub line: Option<usize>,
    /// What happened.
    pub kind: WarningKind,
    /// What a person reads.
    pub message: String,
}

impl Warning {
    /// A warning about `file` (and a line of it).
    pub fn at(file: impl Into<String>, line: Option<usize>, kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning { file: file.into(), line, kind, message: message.into() }
    }

    /// A warning about the run as a whole.
    pub fn run(kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning::at("", None, kind, message)
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match (self.file.is_empty(), self.line) {
            (true, _) => f.write_str(&self.message),
            (false, Some(l)) => write!(f, "{}:{l}: {}", self.file, self.message),
            (false, None) => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The `warnings.jsonl` record: the text as printed, its kind, its file and line.
impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("warning", &self.to_string())?;
        m.serialize_entry("kind", self.kind.as_str())?;
        m.serialize_entry("file", &self.file)?;
        m.serialize_entry("line", &self.line)?;
        m.end()
    }
}

/// A document's warnings in a shard record: their messages only (the document record names the
/// file), so shards read the same as before warnings were typed. Read back, they are notes
/// ([`WarningKind::Noted`]): the shard does not record their kind.
pub mod as_messages {
    use super::{Warning, WarningKind};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the messages.
    pub fn serialize<S: Serializer>(ws: &[Warning], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(ws.iter().map(|w| w.message.as_str()))
    }

    /// Reads messages back as notes (kind [`WarningKind::Noted`]).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Warning>, D::Error> {
        let msgs = Vec::<String>::deserialize(d)?;
        Ok(msgs.into_iter().map(|m| Warning::at("", None, WarningKind::Noted, m)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displayed_with_file_and_line() {
        let w = Warning::at("d/a.txt", None, WarningKind::Binary, "binary file; skipped");
        assert_eq!(w.to_string(), "d/a.txt: binary file; skipped");
        let w = Warning::run(WarningKind::Strict, "--strict: stopped at the first skipped input");
        assert_eq!(w.to_string(), "--strict: stopped at the first skipped input");
        assert!(!WarningKind::ReadInPieces.skips() && WarningKind::TimeLimit.skips());
    }

    #[test]
    fn serialised_for_warnings_jsonl() {
        let w = Warning::at("a.jsonl", Some(2), WarningKind::NotJson, "not JSON; line skipped");
        let v = serde_json::to_value(&w).unwrap_or_default();
        assert_eq!(
            v,
            serde_json::json!({"warning": "a.jsonl:2: not JSON; line skipped", "kind": "not-json", "file": "a.jsonl", "line": 2})
        );
    }
}
