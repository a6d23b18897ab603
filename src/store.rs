//! The claims store: `claims/<source-id>.toml`, the layer where people review claims.
//!
//! Extraction replaces only claims whose status is `extracted`; `confirmed`,
//! `rejected` and `manual` claims are kept as they are. Files are written
//! atomically (a temporary file in the same folder, then a rename), and a file
//! that does not parse is an error, never overwritten.

use crate::claim::Claim;
use crate::corpus::Source;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

const HEADER: &str = "\
# Claims claimdiff found in this source. Review them by editing `status`:
#   confirmed  the figure is right as extracted
#   rejected   not a claim, or wrong: kept here, never compared
#   manual     a claim you added by hand (give it a unique id)
# Claims whose status is not \"extracted\" survive `claimdiff extract`.
# [event] names the event this source tells of; to correct it, edit its name and
# set its status to confirmed: sources given one name form one event.
# `span` is the byte range of `quote` in the source file; `line` is where it starts.
";

/// The contents of one claim file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimFile {
    /// The source id.
    pub source: String,
    /// `sha256:…` of the source file when its claims were extracted.
    pub source_hash: String,
    /// The event the source tells of, as grouping found it or a person named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<SourceEvent>,
    /// The claims, in the order they stand in the text.
    #[serde(default, rename = "claim")]
    pub claims: Vec<Claim>,
}

/// A source's event as a claim file records it. With `status = "confirmed"` (or
/// `manual`) the name is a person's: it groups the source and survives `extract`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEvent {
    /// The event's label; sources a person gave the same name form one event.
    pub name: String,
    /// `extracted` (found by grouping, rewritten by `extract`) or a person's.
    #[serde(default)]
    pub status: crate::claim::Status,
}

impl SourceEvent {
    /// The name, when a person gave or confirmed it.
    pub fn human_name(&self) -> Option<&str> {
        self.status.is_human().then_some(self.name.as_str())
    }
}

/// A claims folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store kept in `dir` (which need not exist yet).
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a source's claims are kept.
    pub fn path_for(&self, source_id: &str) -> PathBuf {
        self.dir.join(format!("{source_id}.toml"))
    }

    /// Reads a source's claim file; `Ok(None)` when there is none.
    pub fn load(&self, source_id: &str) -> Result<Option<ClaimFile>> {
        let path = self.path_for(source_id);
        match std::fs::read(&path) {
            Ok(bytes) => parse(&path, bytes).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, &e)),
        }
    }

    /// Ids of every claim file in the folder, for spotting files with no source.
    pub fn ids(&self) -> Result<Vec<String>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.dir, &e)),
        };
        let mut ids: Vec<String> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Writes a claim file atomically; returns whether its bytes changed.
    pub fn save(&self, file: &ClaimFile) -> Result<bool> {
        let path = self.path_for(&file.source);
        let text = render(file)?;
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(false);
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, &e))?;
        let mut tmp =
            tempfile::NamedTempFile::new_in(&self.dir).map_err(|e| Error::io(&self.dir, &e))?;
        tmp.write_all(text.as_bytes())
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| Error::io(tmp.path(), &e))?;
        tmp.persist(&path).map_err(|e| Error::io(&path, &e.error))?;
        Ok(true)
    }
}

fn parse(path: &Path, bytes: Vec<u8>) -> Result<ClaimFile> {
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::in_file(path, "is not valid UTF-8")
            .with_hint("restore it from version control, or delete it and run `claimdiff extract`")
    })?;
    let mut file: ClaimFile = toml::from_str(&text).map_err(|e| {
        crate::error::from_toml(path, &text, 0, &e).with_hint(
            "fix the claim file by hand; claimdiff will not overwrite a file it cannot read",
        )
    })?;
    for c in &mut file.claims {
        if c.source.is_empty() {
            c.source = file.source.clone();
        }
    }
    let mut ids = std::collections::HashSet::new();
    for c in &file.claims {
        if !ids.insert(c.id.as_str()) {
            let at = text.find(&format!("\"{}\"", c.id)).unwrap_or(0);
            return Err(Error::at_offset(
                path,
                &text,
                at,
                format!("claim id {:?} is used twice", c.id),
            )
            .with_hint("give each claim its own id"));
        }
    }
    Ok(file)
}

/// The bytes of a claim file: a header that explains review, then the TOML.
pub fn render(file: &ClaimFile) -> Result<String> {
    let body = toml::to_string(file)
        .map_err(|e| Error::new(format!("cannot write claims for {}: {e}", file.source)))?;
    Ok(format!("{HEADER}\n{body}"))
}

/// Merges a fresh extraction into a stored file: claims a person reviewed or wrote
/// are kept as they are; the extracted ones are replaced by the fresh ones (less
/// any a reviewed claim already stands for).
pub fn merge(source: &Source, stored: Option<&ClaimFile>, fresh: Vec<Claim>) -> ClaimFile {
    let kept: Vec<Claim> = stored
        .map(|f| {
            f.claims
                .iter()
                .filter(|c| c.status.is_human())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let covered = |c: &Claim| {
        kept.iter().any(|k| {
            k.id == c.id
                || (k.metric == c.metric && k.span.start < c.span.end && c.span.start < k.span.end)
        })
    };
    let mut claims: Vec<Claim> = fresh.into_iter().filter(|c| !covered(c)).collect();
    claims.extend(kept);
    claims.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then_with(|| a.id.cmp(&b.id))
    });
    ClaimFile {
        source: source.id.clone(),
        source_hash: source.hash.clone(),
        event: stored
            .and_then(|f| f.event.clone())
            .filter(|e| e.status.is_human()),
        claims,
    }
}

/// True when the claim file was made from this version of the source.
pub fn is_fresh(file: &ClaimFile, source: &Source) -> bool {
    file.source_hash == source.hash
}
