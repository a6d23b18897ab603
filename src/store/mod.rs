//! The claims store: `claims/<source-id>.toml`, the layer where people review claims.
//!
//! Extraction replaces only claims whose status is `extracted`; `confirmed`,
//! `rejected` and `manual` claims are kept as they are, re-anchored to their quote
//! when the text around them moved. A run holds the folder's lock while it
//! writes; each file is re-read just before it is replaced, so a change a person
//! saved meanwhile is merged, not lost; their comments and layout are kept. A file
//! that does not parse or validate is an error, never overwritten.

mod document;
mod fast;
pub mod grouping;
pub mod save;
mod validate;

pub use save::{Lock, write_atomic, write_atomic_with};
pub use validate::validate;

use crate::claim::{Claim, Span};
use crate::corpus::Source;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use serde::{Deserialize, Serialize};
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
    /// The version of the extraction rules they were extracted under
    /// ([`crate::extract::EXTRACTION`]); files from before it was recorded read 1.
    #[serde(default = "first_extraction")]
    pub extraction: u32,
    /// The event the source tells of, as grouping found it or a person named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<SourceEvent>,
    /// The claims, in the order they stand in the text.
    #[serde(default, rename = "claim")]
    pub claims: Vec<Claim>,
}

fn first_extraction() -> u32 {
    1
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

    /// Reads a source's claim file; `Ok(None)` when there is none. Checks what can
    /// be checked without the source: that the file is this source's.
    pub fn load(&self, source_id: &str) -> Result<Option<ClaimFile>> {
        let path = self.path_for(source_id);
        let Some(text) = read_text(&path)? else {
            return Ok(None);
        };
        let file = parse(&path, &text)?;
        validate(&path, &text, &file, source_id, None, None)?;
        Ok(Some(file))
    }

    /// Reads a source's claim file as [`Store::load`] does when it may record an
    /// event a person named (`confirmed` or `manual`); `Ok(None)` when there is
    /// no file or it records none, told from the lines above its claims alone
    /// when it is in claimdiff's own form. What grouping reads of a claim file.
    pub fn load_if_named(&self, source_id: &str) -> Result<Option<ClaimFile>> {
        let path = self.path_for(source_id);
        let Some(text) = read_text(&path)? else {
            return Ok(None);
        };
        if let Some(status) = fast::event_status(&text)
            && !status.is_some_and(crate::claim::Status::is_human)
        {
            return Ok(None);
        }
        let file = parse(&path, &text)?;
        validate(&path, &text, &file, source_id, None, None)?;
        Ok(Some(file))
    }

    /// Reads and validates a source's claim file against the source and the lexicon.
    pub fn load_for(&self, source: &Source, lexicon: &Lexicon) -> Result<Option<ClaimFile>> {
        let path = self.path_for(&source.id);
        let Some(text) = read_text(&path)? else {
            return Ok(None);
        };
        self.checked(&path, &text, source, lexicon).map(Some)
    }

    fn checked(
        &self,
        path: &Path,
        text: &str,
        source: &Source,
        lex: &Lexicon,
    ) -> Result<ClaimFile> {
        let file = parse(path, text)?;
        validate(
            path,
            text,
            &file,
            &source.id,
            Some(source.text.len()),
            Some(lex),
        )?;
        Ok(file)
    }

    /// Takes the folder's lock for the rest of a run that writes to it.
    pub fn lock(&self) -> Result<Lock> {
        save::lock(&self.dir)
    }

    /// Makes every file written so far durable (one sync of the folder).
    pub fn sync(&self) -> Result<()> {
        save::sync_dir(&self.dir)
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

    /// Merges a fresh extraction into the source's claim file and writes it in
    /// place (call with the lock held; [`Store::sync`] at the end of the run). The
    /// file is read again just before it is swapped into place, and the swap itself
    /// (`renameat2` on Linux) hands back what it replaced: if a person saved the
    /// file at any moment in between, the merge is redone on their version, so
    /// their change is never dropped. A file that did not exist is put in place
    /// only while it still does not (`RENAME_NOREPLACE`), else merged with the one
    /// that appeared.
    /// `event` is the event grouping put the source in; a person's naming in the
    /// file wins over it.
    pub fn commit(
        &self,
        source: &Source,
        mut fresh: Vec<Claim>,
        lexicon: &Lexicon,
        event: Option<SourceEvent>,
    ) -> Result<Saved> {
        let path = self.path_for(&source.id);
        // After a swap that caught a person's save: (their version, ours in place).
        let mut caught: Option<(String, String)> = None;
        for _ in 0..20 {
            let (old, current) = match caught.take() {
                Some((theirs, ours)) => (Some(theirs), Some(ours)),
                None => {
                    let old = read_text(&path)?;
                    (old.clone(), old)
                }
            };
            let stored = match old
                .as_deref()
                .map(|t| self.checked(&path, t, source, lexicon))
            {
                Some(Err(e)) => {
                    if old != current {
                        // Their version is in our temporary file's place: put it back.
                        let theirs = old.as_deref().unwrap_or_default();
                        save::write_temp(&path, theirs.as_bytes())?.persist()?;
                    }
                    return Err(e);
                }
                Some(Ok(file)) => Some(file),
                None => None,
            };
            // Where no file was, the claims are moved in, and taken back if
            // one appears before ours is in place.
            let claims = match old {
                None => std::mem::take(&mut fresh),
                Some(_) => fresh.clone(),
            };
            let mut file = merge(source, stored.as_ref(), claims);
            if file.event.is_none() {
                file.event = event.clone();
            }
            let mut text = render(&file)?;
            if let Some(old) = &old {
                // Most files are unchanged and as claimdiff wrote them: no layout to keep.
                if *old != text {
                    text = document::overlay(old, &text);
                }
            }
            if current.as_deref() == Some(text.as_str()) {
                return Ok(Saved {
                    claims: file.claims.len(),
                    written: old != current,
                });
            }
            if current.is_none() {
                if save::write_new(&path, text.as_bytes())? {
                    return Ok(Saved {
                        claims: file.claims.len(),
                        written: true,
                    });
                }
                // Created by someone since we looked: merge on their version.
                fresh = file.claims;
                continue;
            }
            let pending = save::write_temp(&path, text.as_bytes())?;
            if read_text(&path)? != current {
                // Changed since we read it: merge again on the new version.
                continue;
            }
            match pending.exchange()? {
                Some(before) if before != current.as_deref().unwrap_or_default().as_bytes() => {
                    // Saved by someone in the instant between our check and the swap.
                    match String::from_utf8(before) {
                        Ok(theirs) => caught = Some((theirs, text)),
                        Err(e) => {
                            // Not ours to merge: put their bytes back and say so.
                            save::write_temp(&path, e.as_bytes())?.persist()?;
                            return Err(Error::in_file(&path, "is not valid UTF-8").with_hint(
                                "restore it from version control, or delete it and run `claimdiff extract`",
                            ));
                        }
                    }
                    continue;
                }
                _ => {
                    return Ok(Saved {
                        claims: file.claims.len(),
                        written: true,
                    });
                }
            }
        }
        Err(
            Error::in_file(&path, "keeps changing while claimdiff writes it")
                .with_hint("save your edits, then run `claimdiff extract` again"),
        )
    }
}

/// What [`Store::commit`] did.
#[derive(Debug)]
pub struct Saved {
    /// How many claims the file now holds (the file itself is not kept: a run over
    /// 20,000 sources must not hold them all).
    pub claims: usize,
    /// False when its bytes were already these.
    pub written: bool,
}

/// A file's text; `None` when it does not exist.
fn read_text(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
            Error::in_file(path, "is not valid UTF-8").with_hint(
                "restore it from version control, or delete it and run `claimdiff extract`",
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, &e)),
    }
}

fn parse(path: &Path, text: &str) -> Result<ClaimFile> {
    let mut file: ClaimFile = match fast::parse(text) {
        Some(file) => file,
        None => toml::from_str(text).map_err(|e| {
            crate::error::from_toml(path, text, 0, &e).with_hint(
                "fix the claim file by hand; claimdiff will not overwrite a file it cannot read",
            )
        })?,
    };
    for c in &mut file.claims {
        if c.source.is_empty() {
            c.source = file.source.as_str().into();
        }
    }
    let mut ids = rustc_hash::FxHashSet::default();
    ids.reserve(file.claims.len());
    for c in &file.claims {
        if !ids.insert(c.id.as_str()) {
            let at = text.find(&format!("\"{}\"", c.id)).unwrap_or(0);
            return Err(Error::at_offset(
                path,
                text,
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
    let body = match fast::write(file) {
        Some(body) => body,
        None => toml::to_string(file)
            .map_err(|e| Error::new(format!("cannot write claims for {}: {e}", file.source)))?,
    };
    Ok(format!("{HEADER}\n{body}"))
}

/// Merges a fresh extraction into a stored file: claims a person reviewed or wrote
/// are kept, moved to where their quote now stands if the text moved; the
/// extracted ones are replaced by the fresh ones (less any a reviewed claim
/// already stands for).
pub fn merge(source: &Source, stored: Option<&ClaimFile>, fresh: Vec<Claim>) -> ClaimFile {
    let mut kept: Vec<Claim> = stored
        .map(|f| {
            f.claims
                .iter()
                .filter(|c| c.status.is_human())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    for k in &mut kept {
        reanchor(k, &source.text);
    }
    let covered = |c: &Claim| {
        kept.iter().any(|k| {
            // A claim whose quote is gone stands for nothing in the text.
            let anchored = source.text.get(k.span.start..k.span.end) == Some(k.quote.as_str());
            k.id == c.id
                || (anchored
                    && k.metric == c.metric
                    && k.span.start < c.span.end
                    && c.span.start < k.span.end)
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
        extraction: crate::extract::EXTRACTION,
        event: stored
            .and_then(|f| f.event.clone())
            .filter(|e| e.status.is_human()),
        claims,
    }
}

/// Moves a reviewed claim to its quote's nearest occurrence when the text moved;
/// leaves it (for `check` to flag) when the quote is gone.
fn reanchor(c: &mut Claim, text: &str) {
    let hand_added = c.span.start == 0 && c.span.end == 0;
    if hand_added || c.quote.is_empty() || text.get(c.span.start..c.span.end) == Some(&c.quote) {
        return;
    }
    let near = c.span.start;
    if let Some(start) = text
        .match_indices(c.quote.as_str())
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(near))
    {
        c.span = Span {
            start,
            end: start + c.quote.len(),
        };
        c.line = text.as_bytes()[..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
    }
}

/// True when the claim file was made from this version of the source.
pub fn is_fresh(file: &ClaimFile, source: &Source) -> bool {
    file.source_hash == source.hash && is_current(file)
}

/// True when the claim file was made under this version of the extraction rules.
pub fn is_current(file: &ClaimFile) -> bool {
    file.extraction == crate::extract::EXTRACTION
}
