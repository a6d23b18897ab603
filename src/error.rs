//! Errors as values with context: which file, where in it, and what to do.
//!
//! `main` turns an [`Error`] into one line on standard error and exit code 2.

use std::fmt;
use std::path::{Path, PathBuf};

/// A failure that stops a command, or (as a warning) skips one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file concerned, when there is one.
    pub path: Option<PathBuf>,
    /// 1-based line and column inside `path`.
    pub position: Option<(usize, usize)>,
    /// What went wrong.
    pub message: String,
    /// What the user can do about it.
    pub hint: Option<String>,
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error that concerns no file in particular.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            path: None,
            position: None,
            message: message.into(),
            hint: None,
        }
    }

    /// An error about one file.
    pub fn in_file(path: &Path, message: impl Into<String>) -> Self {
        Error {
            path: Some(path.to_path_buf()),
            ..Error::new(message)
        }
    }

    /// An I/O failure on `path`, phrased for a person.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        let message = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        };
        Error::in_file(path, message)
    }

    /// A parse error at a byte offset of `text`, located as line and column.
    pub fn at_offset(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Error {
            position: Some(line_col(text, offset)),
            ..Error::in_file(path, message)
        }
    }

    /// Adds what the user should do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some((line, col)) = self.position {
                write!(f, ":{line}:{col}")?;
            }
            f.write_str(": ")?;
        }
        // One line, always: messages from parsers may span several.
        let message = self
            .message
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        f.write_str(&message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Line and column lookups in one text, each in time bounded by a block, not by the
/// text: `line_col` from the start of a 10 MB file for every claim is quadratic.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// (line, column) before byte `i * BLOCK`.
    checkpoints: Vec<(usize, usize)>,
}

const BLOCK: usize = 4096;

impl LineIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> LineIndex {
        let mut checkpoints = Vec::with_capacity(text.len() / BLOCK + 1);
        let (mut line, mut col) = (1, 1);
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if i % BLOCK == 0 {
                checkpoints.push((line, col));
            }
            (line, col) = step(line, col, b);
        }
        if checkpoints.is_empty() {
            checkpoints.push((1, 1));
        }
        LineIndex { checkpoints }
    }

    /// 1-based line and column (in characters) of a byte offset of the indexed text.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let block = (offset / BLOCK).min(self.checkpoints.len() - 1);
        let (mut line, mut col) = self.checkpoints[block];
        for &b in &text.as_bytes()[block * BLOCK..offset] {
            (line, col) = step(line, col, b);
        }
        (line, col)
    }
}

/// The position after byte `b`: a newline starts a line; a UTF-8 lead byte is a character.
fn step(line: usize, col: usize, b: u8) -> (usize, usize) {
    if b == b'\n' {
        (line + 1, 1)
    } else if b & 0xC0 != 0x80 {
        (line, col + 1)
    } else {
        (line, col)
    }
}

/// Converts a TOML error on `text` (read from `path`) into an [`Error`] with a position.
pub fn from_toml(path: &Path, text: &str, base_offset: usize, err: &toml::de::Error) -> Error {
    let message = err.message().to_string();
    match err.span() {
        Some(span) => {
            let full = base_offset + span.start;
            // The caller passes the whole file, so the position is in file coordinates.
            Error::at_offset(path, text, full, message)
        }
        None => Error::in_file(path, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let text = "ab\ncé d\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 6), (2, 3));
    }

    #[test]
    fn the_line_index_agrees_with_counting_from_the_start() {
        let text = "é\n".repeat(3000) + &"ab漢".repeat(2000) + "\nz";
        let index = LineIndex::new(&text);
        for offset in (0..text.len() + 3).step_by(7) {
            assert_eq!(
                index.line_col(&text, offset),
                line_col(&text, offset),
                "{offset}"
            );
        }
        assert_eq!(LineIndex::new("").line_col("", 5), (1, 1));
    }

    #[test]
    fn display_names_file_position_and_hint_on_one_line() {
        let e = Error::at_offset(Path::new("claims/a.toml"), "x\ny = \n", 6, "bad\nvalue")
            .with_hint("fix it");
        assert_eq!(e.to_string(), "claims/a.toml:2:5: bad value (fix it)");
    }
}
