//! Streaming interfaces for distributed engines: line-oriented JSON in, one
//! record per line out, one document or one group in memory at a time.
//!
//! They cut the pipeline where a cluster shuffles: [`documents`] turns documents
//! into claims (map side, one document at a time), [`events`] groups a block of
//! documents into events, and [`groups`] turns the claims of one (event, key)
//! group into findings (reduce side, one group at a time). Neither knows about
//! files. [`blocks`] splits the events stage into passes that need only small
//! corpus-wide inputs, for archives no one task can hold. A bad line — not JSON, not UTF-8, over the size bound, a document with
//! no text — becomes an [`ErrorRecord`] on its own line and the stream goes on.

pub mod blocks;
pub mod documents;
pub mod events;
pub mod groups;
mod lines;

pub use lines::{Line, Lines};

use serde::Serialize;
use std::io::{BufRead, Write};

/// The default bound on one line (one document): 16 MiB.
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// One input line that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorRecord {
    /// The 1-based line of the input stream.
    pub line: usize,
    /// The document's (or claim's) id, when the line was read far enough to know it.
    pub id: Option<String>,
    /// What was wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl ErrorRecord {
    /// An error about input line `line`.
    pub fn new(line: usize, message: impl Into<String>, hint: impl Into<String>) -> Self {
        ErrorRecord {
            line,
            id: None,
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// The record as written to the output: `{"error": {…}}`.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::json!({ "error": self })
    }

    /// The error for a line that is too long or not UTF-8; `None` for text.
    fn for_line(number: usize, line: &Line, what: &str) -> Option<ErrorRecord> {
        match line {
            Line::Text(_) => None,
            Line::TooLong { bytes } => Some(ErrorRecord::new(
                number,
                format!("{what} of {bytes} bytes is over the bound of --max-bytes"),
                "raise --max-bytes, or split the document",
            )),
            Line::NotUtf8 { valid_up_to } => Some(ErrorRecord::new(
                number,
                format!(
                    "line is not valid UTF-8 (byte {} of the line)",
                    valid_up_to + 1
                ),
                "encode the input as UTF-8, e.g. `iconv -t UTF-8`",
            )),
        }
    }
}

/// Writes one JSON record and its newline, flushed so a reader on a pipe sees
/// every finished record.
pub fn write_record(
    out: &mut (impl Write + ?Sized),
    record: &serde_json::Value,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Reads the lines of `input`, parses each as a JSON object and hands it on;
/// lines that are too long, not UTF-8 or not a JSON object become error records.
fn json_lines(
    input: impl BufRead,
    max_bytes: usize,
    what: &str,
    mut each: impl FnMut(
        usize,
        Result<serde_json::Map<String, serde_json::Value>, ErrorRecord>,
    ) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut lines = Lines::new(input, max_bytes);
    while let Some((number, line)) = lines.next_line()? {
        if let Some(e) = ErrorRecord::for_line(number, &line, what) {
            each(number, Err(e))?;
            continue;
        }
        let Line::Text(text) = line else { continue };
        let parsed = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Object(map)) => Ok(map),
            Ok(_) => Err(ErrorRecord::new(
                number,
                "line is JSON but not an object",
                "write one JSON object per line",
            )),
            Err(e) => Err(ErrorRecord::new(
                number,
                format!("line is not JSON: {e}"),
                "write one JSON object per line (JSON Lines)",
            )),
        };
        each(number, parsed)?;
    }
    Ok(())
}
