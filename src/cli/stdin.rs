//! `-` as a path: one document read from standard input, as `cat a.txt |
//! claimdiff report -` or `curl … | claimdiff claims -`.

use crate::corpus::Source;
use crate::error::{Error, Result};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// The path that means standard input.
pub const DASH: &str = "-";

/// The name standard input goes by in messages ("<stdin>:3:7").
const NAME: &str = "<stdin>";

/// The paths without `-`, and the document on standard input when `-` was given.
pub fn take(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Option<Source>)> {
    let (dashes, files): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| p.as_os_str() == DASH);
    if dashes.is_empty() {
        return Ok((files, None));
    }
    if dashes.len() > 1 {
        return Err(Error::new("`-` (standard input) is given more than once")
            .with_hint("standard input holds one document: pass `-` once"));
    }
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("claimdiff: reading one document from standard input (end it with Ctrl-D)");
    }
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(format!("cannot read standard input: {e}")))?;
    let mut source = Source::from_bytes(Path::new(NAME), bytes)?;
    source.id = "stdin".to_string();
    source.infer_published(&[]);
    Ok((files, Some(source)))
}

/// An error for commands that work on files only: claim files and baselines
/// belong to a source file, and standard input has none.
pub fn refuse(paths: &[PathBuf], command: &str) -> Result<()> {
    if paths.iter().any(|p| p.as_os_str() == DASH) {
        return Err(Error::new(format!(
            "`claimdiff {command}` cannot read standard input (`-`): its claim files belong to source files"
        ))
        .with_hint("save the document in the sources folder, or use `claimdiff report -`")
        );
    }
    Ok(())
}

/// A path standing for standard input where claim files are looked for: it lies
/// in no sources folder, so standard input never borrows a project's claim file.
pub fn placeholder() -> PathBuf {
    PathBuf::from(NAME)
}
