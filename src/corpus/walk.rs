//! Finding source files: folders are walked to any depth, `.gitignore` respected
//! (as ripgrep does), and every file left out is kept with its reason, so nothing
//! is skipped silently while a check passes.

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The files found, and those left out with why.
#[derive(Debug, Default)]
pub struct Walk {
    /// Source files, sorted.
    pub files: Vec<PathBuf>,
    /// Files under the folders that are not read, with the reason.
    pub skipped: Vec<(PathBuf, &'static str)>,
}

static VERBOSE: AtomicBool = AtomicBool::new(false);

/// Whether [`list_files`] names each skipped file (`--verbose`) or only counts them.
pub fn set_verbose(on: bool) {
    VERBOSE.store(on, Ordering::Relaxed);
}

/// Lists the source files under `paths`, as [`walk`] does, and says on standard
/// error how many files it skipped (each with its reason under `--verbose`).
pub fn list_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let walk = walk(paths)?;
    if !walk.skipped.is_empty() {
        if VERBOSE.load(Ordering::Relaxed) {
            for (p, why) in &walk.skipped {
                eprintln!(
                    "skipped: {}: {why}",
                    crate::render::printable(&p.display().to_string())
                );
            }
        }
        let n = walk.skipped.len();
        eprintln!(
            "note: {n} file{} under the sources not read{}",
            if n == 1 { "" } else { "s" },
            if VERBOSE.load(Ordering::Relaxed) {
                ""
            } else {
                " (--verbose lists them)"
            }
        );
    }
    Ok(walk.files)
}

/// Finds the source files under `paths`: `.txt`, `.md` and `.markdown` files in
/// folders at any depth, less what `.gitignore` excludes; single files are taken as
/// given. Two files with one id (`a.txt`, `a.md`) are an error.
pub fn walk(paths: &[PathBuf]) -> Result<Walk> {
    let mut out = Walk::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| {
            Error::io(path, &e).with_hint("pass a folder of .txt/.md articles or a file")
        })?;
        if !meta.is_dir() {
            out.files.push(path.clone());
            continue;
        }
        let before = out.files.len();
        walk_dir(path, &mut out)?;
        if out.files.len() == before {
            return Err(Error::in_file(path, "holds no .txt or .md articles")
                .with_hint("put the articles to compare in this folder, or pass another"));
        }
    }
    out.files.sort();
    out.files.dedup();
    out.skipped.sort();
    let mut by_id: HashMap<String, &PathBuf> = HashMap::new();
    for f in &out.files {
        let id = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(other) = by_id.insert(id.clone(), f) {
            return Err(Error::in_file(
                f,
                format!("has the same id {id:?} as {}", other.display()),
            )
            .with_hint("a source's id is its file stem: rename or remove one of the two"));
        }
    }
    Ok(out)
}

fn walk_dir(root: &Path, out: &mut Walk) -> Result<()> {
    let real_root = std::fs::canonicalize(root).map_err(|e| Error::io(root, &e))?;
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .follow_links(false)
        .require_git(false)
        .git_global(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = match &e {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => root.to_path_buf(),
                };
                out.skipped.push((path, "could not be read"));
                continue;
            }
        };
        let p = entry.path();
        if entry.depth() == 0 {
            continue;
        }
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            // Hidden folders (.git) are walked by no one; their files are not sources.
            continue;
        }
        if hidden {
            if !matches!(
                entry.file_name().to_str(),
                Some(".gitignore" | ".ignore" | ".DS_Store")
            ) {
                out.skipped.push((p.to_path_buf(), "hidden file"));
            }
            continue;
        }
        if kind.is_symlink() {
            match std::fs::canonicalize(p) {
                Err(_) => out.skipped.push((p.to_path_buf(), "symlink to nothing")),
                Ok(target) if !target.starts_with(&real_root) => out.skipped.push((
                    p.to_path_buf(),
                    "symlink to outside the folder: not followed",
                )),
                Ok(target) if !target.is_file() => out
                    .skipped
                    .push((p.to_path_buf(), "symlink to a folder: not followed")),
                Ok(_) if is_article(p) => out.files.push(p.to_path_buf()),
                Ok(_) => out.skipped.push((p.to_path_buf(), NOT_ARTICLE)),
            }
            continue;
        }
        if !kind.is_file() {
            out.skipped.push((
                p.to_path_buf(),
                "not a regular file (a pipe, socket or device)",
            ));
        } else if is_article(p) {
            out.files.push(p.to_path_buf());
        } else {
            out.skipped.push((p.to_path_buf(), NOT_ARTICLE));
        }
    }
    Ok(())
}

const NOT_ARTICLE: &str = "not a .txt, .md or .markdown file";

fn is_article(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown")
    )
}
