//! Reconciling a key the way casualty recorders do: the range of figures, the
//! latest, the most conservative figure still current, and the revisions, with
//! who gave each. Parts (one cell, one district) are listed apart and never enter
//! the whole's series.

use super::{Finding, Interval, Kind};
use crate::claim::{Claim, Key, Status};
use crate::lexicon::{Lexicon, Rule};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// One key, reconciled.
#[derive(Debug, Clone)]
pub struct Reconciliation<'c> {
    /// What the figures count.
    pub key: Key,
    /// The metric's rule over time.
    pub rule: Rule,
    /// The whole's figures, one per distinct figure per source, in time order.
    pub series: Vec<&'c Claim>,
    /// How many times each source states the figure of a claim in `series`, by id.
    pub mentions: BTreeMap<String, usize>,
    /// Figures for one group or spot within the key: shown, never in the series.
    pub parts: Vec<&'c Claim>,
    /// The lowest and highest stated figure; the high end is infinite when a
    /// figure is open above ("over 5,000").
    pub range: Option<(f64, f64)>,
    /// The current figures of the latest date.
    pub latest: Vec<&'c Claim>,
    /// The lowest figure no later figure superseded.
    pub conservative: Option<&'c Claim>,
    /// Each (earlier figure, the claim that revised it).
    pub revisions: Vec<(&'c Claim, &'c Claim)>,
}

/// Reconciles every key of the claims (rejected ones take no part), using the
/// findings for the revisions they found.
pub fn reconcile<'c>(
    claims: &'c [Claim],
    findings: &[Finding],
    lex: &Lexicon,
) -> Vec<Reconciliation<'c>> {
    let by_id: BTreeMap<&str, &Claim> = claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let groups = super::group::group(claims);
    // The revisions of each key, found once: a corpus has tens of thousands of
    // keys and of findings.
    let mut revisions_of: std::collections::HashMap<&Key, Vec<&Finding>> =
        std::collections::HashMap::new();
    for f in findings.iter().filter(|f| f.kind == Kind::Revision) {
        revisions_of.entry(&f.key).or_default().push(f);
    }
    groups
        .iter()
        .map(|group| {
            let key = group[0].key();
            let (parts, wholes): (Vec<&Claim>, Vec<&Claim>) =
                group.iter().copied().partition(|c| c.part);
            let folded = super::group::fold(&wholes);
            let rule = lex.rule(&key.metric);
            let current = current(&folded.kept, rule);
            let latest_day = current.iter().filter_map(|c| c.as_of).max();
            let latest: Vec<&Claim> = current
                .iter()
                .copied()
                .filter(|c| c.as_of == latest_day)
                .collect();
            let conservative = current
                .iter()
                .copied()
                .min_by(|a, b| stated(a).total_cmp(&stated(b)));
            let revisions = (revisions_of.get(&key).into_iter().flatten())
                .flat_map(|f| &f.revisions)
                .filter_map(|(a, b)| Some((*by_id.get(a.as_str())?, *by_id.get(b.as_str())?)))
                .collect();
            Reconciliation {
                range: range(&folded.kept),
                mentions: folded
                    .mentions
                    .iter()
                    .map(|(id, m)| (id.to_string(), 1 + m.len()))
                    .collect(),
                key,
                rule,
                series: folded.kept,
                parts,
                latest,
                conservative,
                revisions,
            }
        })
        .collect()
}

/// The figure as stated ("about 200" is 200, "over 5,000" is 5,000).
fn stated(c: &Claim) -> f64 {
    c.value
        .get()
        .or(c.low.get())
        .or(c.high.get())
        .unwrap_or(0.0)
}

/// From the lowest figure as stated to the highest ("dozens" spans 24–99).
fn range(series: &[&Claim]) -> Option<(f64, f64)> {
    let lo = series
        .iter()
        .filter_map(|c| c.value.get().or(c.low.get()))
        .reduce(f64::min)?;
    let open = series.iter().any(|c| c.high.is_none());
    let hi = series
        .iter()
        .filter_map(|c| c.value.get().or(c.high.get()))
        .fold(lo, f64::max);
    Some((lo, if open { f64::INFINITY } else { hi }))
}

/// The figures no later one superseded. A later figure of a cumulative count
/// supersedes an earlier one it does not lie below, or any when it is a stated
/// revision; a later figure of a stock or an estimate supersedes every earlier
/// one. Undated figures count only when none is dated. `series` is in date order.
fn current<'c>(series: &[&'c Claim], rule: Rule) -> Vec<&'c Claim> {
    let live: Vec<&Claim> = series
        .iter()
        .copied()
        .filter(|c| !c.superseded && c.status != Status::Rejected)
        .collect();
    let dated: Vec<&Claim> = live.iter().copied().filter(|c| c.as_of.is_some()).collect();
    if dated.is_empty() {
        return live;
    }
    // From the latest date back: the highest upper end and whether a revision
    // came among the figures of later dates — one pass.
    let mut days: Vec<Vec<&Claim>> = Vec::new();
    let mut later_high = f64::NEG_INFINITY;
    let mut later_revised = false;
    let mut later_any = false;
    for day in dated.chunk_by(|a, b| a.as_of == b.as_of).rev() {
        days.push(
            day.iter()
                .copied()
                .filter(|c| {
                    !(later_any
                        && (rule != Rule::Cumulative
                            || later_revised
                            || later_high >= Interval::of(c).low))
                })
                .collect(),
        );
        for c in day {
            later_high = later_high.max(Interval::of(c).high);
            later_revised |= c.revised;
        }
        later_any = true;
    }
    let out: Vec<&Claim> = days.into_iter().rev().flatten().collect();
    if rule != Rule::Cumulative {
        return out;
    }
    // A live page's entries of one date: a cumulative count only rises, so its
    // lower figures of that date were updated by the higher.
    let mut top_of: HashMap<(&str, Option<NaiveDate>), f64> = HashMap::new();
    for c in &out {
        let top = top_of
            .entry((c.source.as_str(), c.as_of))
            .or_insert(f64::NEG_INFINITY);
        *top = top.max(Interval::of(c).low);
    }
    out.into_iter()
        .filter(|c| Interval::of(c).high >= top_of[&(c.source.as_str(), c.as_of)])
        .collect()
}
