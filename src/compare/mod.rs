//! Stage 3, compare: grouping claims by what they count and classifying the
//! disagreements under each metric's rule over time.
//!
//! Claims are grouped by key (metric, subject, place, unit); a figure a source
//! repeats is folded into one. Each metric has a rule in the lexicon: a
//! cumulative count (killed, detained, damage) may only rise, or fall by a stated
//! revision; a stock (missing, displaced, hospitalized) may rise and fall; an
//! estimate (a crowd) is compared only within one date. In a group whose figures
//! differ a [`Finding`] is made: `bounds` when one value satisfies every figure,
//! `timeline` when the figures follow the rule as the as-of dates advance,
//! `revision` when a source says a lower figure corrects an earlier one,
//! `contradiction` otherwise. Figures for a part and its whole (Almaty within
//! Kazakhstan, police among people) are never a discrepancy, but a part above its
//! whole of a comparable date is `part_exceeds_whole`. Everything is sorting and
//! linear scans: O(n log n) in claims.

mod classify;
mod describe;
mod fingerprint;
mod group;
mod interval;
mod kind;
mod parts;
mod reconcile;

pub use interval::{Interval, rounds};
pub use kind::{Finding, Kind, Severity};
pub use reconcile::{Reconciliation, reconcile};

use crate::claim::Claim;
use crate::lexicon::{Lexicon, Rule};
use rayon::prelude::*;

/// Compares claims: every finding, ordered by severity (worst first) then key.
/// Rejected claims take no part.
pub fn compare(claims: &[Claim], lex: &Lexicon) -> Vec<Finding> {
    let mut clk = std::time::Instant::now();
    let groups = group::group(claims);
    crate::pipeline::lap("  group", &mut clk);
    // Groups are classified apart from each other, so on every core (the end of a
    // report is otherwise one core's work); the order is the groups' either way.
    let (mut findings, parts) = rayon::join(
        || -> Vec<Finding> {
            (0..groups.len())
                .into_par_iter()
                .filter_map(|i| {
                    let members = groups.get(i);
                    // Counts of one group or spot (`part`) are never set against the
                    // whole's figures.
                    // One figure agrees with itself: most groups end here.
                    members.iter().filter(|c| !c.part).nth(1)?;
                    let whole: Vec<&Claim> = members.iter().copied().filter(|c| !c.part).collect();
                    let folded = group::fold(&whole);
                    let first = members[0];
                    classify::classify(&folded.kept, lex.rule(&first.metric), &first.unit)
                        .map(|o| o.into_finding(&first.key(), &folded.mentions))
                })
                .collect()
        },
        || parts::parts_above_wholes(&groups, lex),
    );
    crate::pipeline::lap("  classify+parts", &mut clk);
    findings.extend(parts);
    crate::pipeline::lap("  extend", &mut clk);
    findings.sort_by(|a, b| {
        b.severity()
            .cmp(&a.severity())
            .then_with(|| a.key.cmp(&b.key))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    findings
}

/// Why differing figures for one key make no finding, for views that set sources
/// side by side and must not call them "agree".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unchecked {
    /// Estimates of one moment (crowds) on different dates: never compared.
    DifferentDays,
    /// A part (one cell, one district) beside its whole's figure.
    PartAndWhole,
    /// The only other figure is implied ("a man was killed"), not stated.
    Implied,
    /// One source's entries of one date, updated hour by hour.
    Updates,
    /// The two sides tell of different events: their figures are never compared.
    DifferentEvents,
}

impl Unchecked {
    /// The words used in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Unchecked::DifferentDays => "different days",
            Unchecked::PartAndWhole => "part and whole",
            Unchecked::Implied => "implied count",
            Unchecked::Updates => "updated during the day",
            Unchecked::DifferentEvents => "different events",
        }
    }
}

/// For claims of one key that [`compare`] made no finding of: why, when their
/// figures differ; `None` when they agree.
pub fn unchecked(claims: &[&Claim], lex: &Lexicon) -> Option<Unchecked> {
    let live: Vec<&Claim> = claims
        .iter()
        .copied()
        .filter(|c| c.status != crate::claim::Status::Rejected)
        .collect();
    let differ = live
        .windows(2)
        .any(|w| Interval::of(w[0]) != Interval::of(w[1]) || w[0].qualifier != w[1].qualifier);
    if !differ {
        return None;
    }
    let metric = &live.first()?.metric;
    let days: std::collections::BTreeSet<_> = live.iter().map(|c| c.as_of).collect();
    if lex.rule(metric) == Rule::Estimate && days.len() > 1 {
        Some(Unchecked::DifferentDays)
    } else if live.iter().any(|c| c.part) {
        Some(Unchecked::PartAndWhole)
    } else if live.iter().any(|c| c.implicit) {
        Some(Unchecked::Implied)
    } else if live.windows(2).all(|w| w[0].source == w[1].source) {
        Some(Unchecked::Updates)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
