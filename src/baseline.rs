//! The baseline: findings a dataset has accepted, so that `check` fails only on new ones.

use crate::compare::Finding;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

const HEADER: &str = "\
# claimdiff baseline: findings accepted as known. `claimdiff check` fails only on
# findings whose fingerprint is not listed here. Regenerate with
#   claimdiff check --write-baseline FILE
# and prune entries that `check` reports as no longer occurring.
";

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Its kind, for people reading the file.
    pub kind: String,
    /// Its key, for people reading the file.
    pub key: String,
    /// Its explanation when it was accepted.
    pub summary: String,
}

/// The baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// The accepted findings.
    #[serde(default, rename = "finding")]
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// Records every finding.
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                kind: f.kind.to_string(),
                key: f.key.to_string(),
                summary: f.message.clone(),
            })
            .collect();
        entries.sort_by(|a, b| {
            a.key
                .cmp(&b.key)
                .then_with(|| a.fingerprint.cmp(&b.fingerprint))
        });
        Baseline {
            version: 1,
            entries,
        }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::io(path, &e).with_hint("write one with `claimdiff check --write-baseline FILE`")
        })?;
        let b: Baseline = toml::from_str(&text).map_err(|e| {
            crate::error::from_toml(path, &text, 0, &e)
                .with_hint("fix it, or write it anew with `claimdiff check --write-baseline FILE`")
        })?;
        if b.version != 1 {
            let at = text.find("version").unwrap_or(0);
            return Err(Error::at_offset(
                path,
                &text,
                at,
                format!("baseline version {} is not supported", b.version),
            )
            .with_hint("this claimdiff reads version 1"));
        }
        Ok(b)
    }

    /// Writes the baseline atomically.
    pub fn save(&self, path: &Path) -> Result<()> {
        let body = toml::to_string(self).map_err(|e| Error::in_file(path, e.to_string()))?;
        crate::store::write_atomic(path, format!("{HEADER}\n{body}").as_bytes())
    }

    /// True when a finding is accepted.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.entries.iter().any(|e| e.fingerprint == fingerprint)
    }
}
