//! Why an output could not be written: [`Error`], with [`Context`] to say what was being done.

use std::fmt::Display;

/// Why an output could not be written (or a shard read).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be created, written, renamed or read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// JSON could not be written or read.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// Parquet could not be written or read.
    #[error("{0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// What a writer, Graphviz or rsvg-convert says went wrong.
    #[error("{0}")]
    Message(String),
    /// An error, and what was being done when it happened ("writing out/.graph.json.tmp-…").
    #[error("{context}: {inner}")]
    Context {
        /// What was being done.
        context: String,
        /// What went wrong.
        inner: Box<Error>,
    },
}

impl Error {
    /// An error that is a message.
    pub fn msg(m: impl Display) -> Error {
        Error::Message(m.to_string())
    }
}

/// The result of writing an output.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Says what was being done when an error happened, as `anyhow::Context` does.
pub trait Context<T> {
    /// The error, with `context` before it.
    fn context(self, context: impl Display) -> Result<T>;
    /// The error, with the context `f` makes (only made when there is an error).
    fn with_context<C: Display>(self, f: impl FnOnce() -> C) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context(self, context: impl Display) -> Result<T> {
        self.map_err(|e| Error::Context { context: context.to_string(), inner: Box::new(e.into()) })
    }

    fn with_context<C: Display>(self, f: impl FnOnce() -> C) -> Result<T> {
        self.map_err(|e| Error::Context { context: f().to_string(), inner: Box::new(e.into()) })
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, context: impl Display) -> Result<T> {
        self.ok_or_else(|| Error::msg(context))
    }

    fn with_context<C: Display>(self, f: impl FnOnce() -> C) -> Result<T> {
        self.ok_or_else(|| Error::msg(f()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_comes_first() {
        let e: Result<()> = Err(std::io::Error::other("disk full")).context("writing out/graph.json");
        assert_eq!(e.err().map(|e| e.to_string()).as_deref(), Some("writing out/graph.json: disk full"));
        let n: Result<u8> = None.with_context(|| "no column");
        assert_eq!(n.err().map(|e| e.to_string()).as_deref(), Some("no column"));
    }
}
