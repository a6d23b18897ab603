//! `check` as a library: what is stale, what is new against the baseline, and
//! whether the check fails.

use crate::baseline::{Baseline, Entry};
use crate::compare::Finding;
use crate::config::FailOn;
use crate::pipeline::{Origin, Report};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Something out of date between the sources and their claim files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// The source changed since its claims were extracted.
    SourceChanged {
        /// The source id.
        source: String,
        /// Its claim file.
        claims: PathBuf,
    },
    /// Its claims were extracted under older extraction rules (an earlier
    /// claimdiff): this one may find other figures in the same text.
    OlderExtraction {
        /// The source id.
        source: String,
        /// Its claim file.
        claims: PathBuf,
    },
    /// A claim's quote no longer stands at its span.
    QuoteMoved {
        /// The source id.
        source: String,
        /// The claim id.
        claim: String,
        /// 1-based line the claim names.
        line: usize,
    },
    /// A source with no claim file.
    NoClaims {
        /// The source id.
        source: String,
    },
    /// A claim file with no source.
    NoSource {
        /// The claim file.
        claims: PathBuf,
    },
}

impl Stale {
    /// What is wrong, in one line.
    pub fn message(&self) -> String {
        match self {
            Stale::SourceChanged { source, claims } => {
                format!("{source} changed since {} was extracted", claims.display())
            }
            Stale::OlderExtraction { source, claims } => format!(
                "{} was extracted from {source} by an older claimdiff, whose extraction rules differ",
                claims.display()
            ),
            Stale::QuoteMoved {
                source,
                claim,
                line,
            } => {
                format!(
                    "claim {claim} of {source} (line {line}): its quote no longer stands at its span"
                )
            }
            Stale::NoClaims { source } => format!("{source} has no claim file"),
            Stale::NoSource { claims } => format!("{} has no source", claims.display()),
        }
    }

    /// The command that fixes it.
    pub fn fix(&self, sources_hint: &str) -> String {
        match self {
            Stale::SourceChanged { .. }
            | Stale::OlderExtraction { .. }
            | Stale::NoClaims { .. }
            | Stale::QuoteMoved { .. } => format!("claimdiff extract {sources_hint}")
                .trim_end()
                .to_string(),
            Stale::NoSource { claims } => format!("git rm {}", claims.display()),
        }
    }

    /// The source the problem concerns, if any.
    pub fn source(&self) -> Option<&str> {
        match self {
            Stale::SourceChanged { source, .. }
            | Stale::OlderExtraction { source, .. }
            | Stale::QuoteMoved { source, .. }
            | Stale::NoClaims { source } => Some(source),
            Stale::NoSource { .. } => None,
        }
    }
}

/// Everything `check` decided.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The report the check ran on.
    pub report: Report,
    /// Out-of-date claim files and claims.
    pub stale: Vec<Stale>,
    /// Indices into `report.findings` of findings not in the baseline.
    pub new: Vec<usize>,
    /// Baseline entries that no longer occur.
    pub gone: Vec<Entry>,
    /// The threshold.
    pub fail_on: FailOn,
    /// Fingerprints of the new findings, so renderers ask about each in constant time.
    new_fingerprints: HashSet<String>,
}

impl Outcome {
    /// Findings that fail the check: new ones at or above the threshold.
    pub fn failing(&self) -> Vec<&Finding> {
        self.new
            .iter()
            .map(|&i| &self.report.findings[i])
            .filter(|f| self.fail_on.fails(f.kind))
            .collect()
    }

    /// True when the check fails (exit 1).
    pub fn failed(&self) -> bool {
        !self.stale.is_empty() || !self.failing().is_empty()
    }

    /// True when a finding fails the check.
    pub fn is_failing(&self, f: &Finding) -> bool {
        self.fail_on.fails(f.kind) && self.new_fingerprints.contains(&f.fingerprint)
    }
}

/// Judges a report: staleness from the claim files, novelty from the baseline.
/// `orphans` are claim files whose source is not among the report's. A quote
/// that no longer stands at its span was found as the claim file was read
/// ([`crate::pipeline::SourceReport::misquoted`]): the texts need not be kept.
pub fn judge(
    report: Report,
    claim_files: &[(String, PathBuf)],
    orphans: Vec<PathBuf>,
    baseline: Option<&Baseline>,
    fail_on: FailOn,
) -> Outcome {
    // Indexed once: a scan of every claim file and claim per source is quadratic.
    let files: HashMap<&str, &PathBuf> =
        claim_files.iter().map(|(id, p)| (id.as_str(), p)).collect();
    let claims_of = report.claims_by_source();
    // Each source's quotes are checked apart from the others', so on every core.
    let claim_file = |s: &crate::pipeline::SourceReport| {
        files
            .get(s.id.as_str())
            .map(|p| (*p).clone())
            .unwrap_or_default()
    };
    let per_source: Vec<Vec<Stale>> = report
        .sources
        .par_iter()
        .map(|s| {
            let mut stale = Vec::new();
            match s.origin {
                Origin::Extracted => stale.push(Stale::NoClaims {
                    source: s.id.clone(),
                }),
                Origin::Stale => stale.push(Stale::SourceChanged {
                    source: s.id.clone(),
                    claims: claim_file(s),
                }),
                Origin::Outdated => stale.push(Stale::OlderExtraction {
                    source: s.id.clone(),
                    claims: claim_file(s),
                }),
                Origin::Store | Origin::Unreadable => {}
            }
            if s.origin != Origin::Store {
                return stale;
            }
            if s.misquoted.is_empty() {
                return stale;
            }
            let claims = claims_of.get(s.id.as_str()).into_iter().flatten();
            for c in claims.flat_map(|run| run.iter()).filter(|c| c.span.end > 0) {
                if s.misquotes(c) {
                    stale.push(Stale::QuoteMoved {
                        source: s.id.clone(),
                        claim: c.id.to_string(),
                        line: c.line,
                    });
                }
            }
            stale
        })
        .collect();
    let mut stale: Vec<Stale> = per_source.into_iter().flatten().collect();
    stale.extend(orphans.into_iter().map(|claims| Stale::NoSource { claims }));
    let accepted: HashSet<&str> = baseline
        .map(|b| b.entries.iter().map(|e| e.fingerprint.as_str()).collect())
        .unwrap_or_default();
    let new: Vec<usize> = (0..report.findings.len())
        .filter(|&i| {
            baseline.is_none() || !accepted.contains(report.findings[i].fingerprint.as_str())
        })
        .collect();
    let found: HashSet<&str> = report
        .findings
        .iter()
        .map(|f| f.fingerprint.as_str())
        .collect();
    let gone = baseline
        .map(|b| {
            b.entries
                .iter()
                .filter(|e| !found.contains(e.fingerprint.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let new_fingerprints = new
        .iter()
        .map(|&i| report.findings[i].fingerprint.clone())
        .collect();
    Outcome {
        report,
        stale,
        new,
        gone,
        fail_on,
        new_fingerprints,
    }
}
