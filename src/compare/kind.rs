//! What a finding is: its kind, how much it matters, and what it carries.

use crate::claim::{ClaimId, Key};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// How sources disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The figures differ but one value satisfies them all ("over 5,000" and 7,939).
    Bounds,
    /// Figures that follow their metric's rule as the as-of dates advance.
    Timeline,
    /// A later, lower figure that a source says was revised, recounted or corrected.
    Revision,
    /// Figures that cannot all hold.
    Contradiction,
    /// A part's figure above its whole's at the same or a later date.
    PartExceedsWhole,
}

impl Kind {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Bounds => "bounds",
            Kind::Timeline => "timeline",
            Kind::Revision => "revision",
            Kind::Contradiction => "contradiction",
            Kind::PartExceedsWhole => "part_exceeds_whole",
        }
    }

    /// How much a finding of this kind matters.
    pub fn severity(self) -> Severity {
        match self {
            Kind::Bounds => Severity::Info,
            Kind::Timeline | Kind::Revision => Severity::Warning,
            Kind::Contradiction | Kind::PartExceedsWhole => Severity::Error,
        }
    }

    /// Every kind, mildest first.
    pub const ALL: [Kind; 5] = [
        Kind::Bounds,
        Kind::Timeline,
        Kind::Revision,
        Kind::PartExceedsWhole,
        Kind::Contradiction,
    ];
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Explained by the figures themselves.
    Info,
    /// Explained by time; worth a look.
    Warning,
    /// Unexplained.
    Error,
}

impl Severity {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A disagreement between claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable across runs: the kind, the key and the ids of every mention involved.
    pub fingerprint: String,
    /// How they disagree.
    pub kind: Kind,
    /// The key of the group (for part_exceeds_whole, the part's).
    pub key: Key,
    /// The claims involved, once per distinct figure per source, ordered by as-of
    /// date then source.
    pub claims: Vec<ClaimId>,
    /// For a claim in `claims` that its source repeats, the ids of the other
    /// mentions of the same figure (folded into it).
    pub mentions: BTreeMap<ClaimId, Vec<ClaimId>>,
    /// For a `revision`: each (earlier figure, the claim that revised it), by id.
    pub revisions: Vec<(ClaimId, ClaimId)>,
    /// One line that explains the finding.
    pub message: String,
}

impl Finding {
    /// How much it matters.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// How many times the source states the figure of claim `id` (1 when not repeated).
    pub fn times(&self, id: &str) -> usize {
        1 + self.mentions.get(id).map_or(0, Vec::len)
    }
}
