//! Stage 3, compare: grouping claims by what they count and classifying the
//! disagreements.
//!
//! Claims are grouped by key (metric, subject, place, unit). In a group whose
//! figures differ, a [`Finding`] is made: `bounds` when one value satisfies every
//! figure, `timeline` when a cumulative count rises with the as-of dates,
//! `contradiction` otherwise. Figures for a part and its whole (Almaty within
//! Kazakhstan, police among people) are never a discrepancy, but a part above its
//! whole is `part_exceeds_whole`. Everything is sorting and linear scans:
//! O(n log n) in claims.

mod interval;

pub use interval::{Interval, rounds};

use crate::claim::{Claim, Key, format_number};
use crate::lexicon::Lexicon;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// How sources disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The figures differ but one value satisfies them all ("over 5,000" and 7,939).
    Bounds,
    /// A cumulative count that rose as the as-of dates advanced.
    Timeline,
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
            Kind::Contradiction => "contradiction",
            Kind::PartExceedsWhole => "part_exceeds_whole",
        }
    }

    /// How much a finding of this kind matters.
    pub fn severity(self) -> Severity {
        match self {
            Kind::Bounds => Severity::Info,
            Kind::Timeline => Severity::Warning,
            Kind::Contradiction | Kind::PartExceedsWhole => Severity::Error,
        }
    }

    /// Every kind, mildest first.
    pub const ALL: [Kind; 4] = [
        Kind::Bounds,
        Kind::Timeline,
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
    /// Stable across runs: the kind, the key and the ids of the claims involved.
    pub fingerprint: String,
    /// How they disagree.
    pub kind: Kind,
    /// The key of the group (for part_exceeds_whole, the part's).
    pub key: Key,
    /// The claims involved, ordered by as-of date then source.
    pub claims: Vec<String>,
    /// One line that explains the finding.
    pub message: String,
}

impl Finding {
    /// How much it matters.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// Compares claims: every finding, ordered by severity (worst first) then key.
/// Rejected claims take no part.
pub fn compare(claims: &[Claim], lex: &Lexicon) -> Vec<Finding> {
    let live: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.status != crate::claim::Status::Rejected)
        .collect();
    let mut groups: BTreeMap<Key, Vec<&Claim>> = BTreeMap::new();
    for c in &live {
        groups.entry(c.key()).or_default().push(c);
    }
    for g in groups.values_mut() {
        // A superseded figure stands before the current ones of its date.
        g.sort_by(|a, b| {
            a.as_of
                .cmp(&b.as_of)
                .then_with(|| b.superseded.cmp(&a.superseded))
                .then_with(|| a.source.cmp(&b.source))
                .then_with(|| a.span.cmp(&b.span))
        });
    }
    // Counts of one group or spot (`part`) are never set against the whole's figures.
    let mut findings: Vec<Finding> = groups
        .iter()
        .filter_map(|(key, group)| {
            let whole: Vec<&Claim> = group.iter().copied().filter(|c| !c.part).collect();
            classify(key, &whole, lex)
        })
        .collect();
    findings.extend(parts_above_wholes(&groups, lex));
    findings.sort_by(|a, b| {
        b.severity()
            .cmp(&a.severity())
            .then_with(|| a.key.cmp(&b.key))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    findings
}

fn fingerprint(kind: Kind, key: &Key, ids: &[String]) -> String {
    let mut sorted: Vec<&str> = ids.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let subject = key.subject.as_ref().map_or("", |s| s.0.as_str());
    let mut h = Sha256::new();
    for part in [
        kind.as_str(),
        &key.metric.0,
        subject,
        &key.location,
        &key.unit,
    ]
    .into_iter()
    // Ungrouped claims hash as before, so old baselines stay valid.
    .chain(key.event.as_ref().map(|e| e.id.as_str()))
    .chain(sorted)
    {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn date(c: &Claim) -> String {
    c.as_of
        .map_or_else(|| "undated".to_string(), |d| d.to_string())
}

fn finding(kind: Kind, key: &Key, claims: &[&Claim], message: String) -> Finding {
    let ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
    Finding {
        fingerprint: fingerprint(kind, key, &ids),
        kind,
        key: key.clone(),
        claims: ids,
        message,
    }
}

/// Classifies one group, sorted by as-of date; `None` when its figures agree.
fn classify(key: &Key, group: &[&Claim], lex: &Lexicon) -> Option<Finding> {
    let distinct = |cs: &[&Claim]| {
        cs.windows(2)
            .any(|w| Interval::of(w[0]) != Interval::of(w[1]) || w[0].qualifier != w[1].qualifier)
    };
    if group.len() < 2 || !distinct(group) {
        return None;
    }
    let cumulative = lex.metric(&key.metric).is_none_or(|m| m.cumulative);
    if !cumulative {
        // A snapshot (a crowd) at different times is two moments, not a conflict:
        // only figures for the same date are compared.
        let mut worst: Option<Finding> = None;
        for same_day in group.chunk_by(same_moment) {
            if let Some(f) = classify_same_time(key, same_day)
                && worst.as_ref().is_none_or(|w| f.kind > w.kind)
            {
                worst = Some(f);
            }
        }
        return worst;
    }
    if let Some(common) = common_interval(group) {
        return agreement_or_bounds(key, group, common);
    }
    // No single value fits every figure: explained only if the count rose with time.
    let days: Vec<&[&Claim]> = group.chunk_by(same_moment).collect();
    let undated = group.iter().any(|c| c.as_of.is_none());
    if undated {
        return Some(finding(
            Kind::Contradiction,
            key,
            group,
            format!(
                "{} cannot all hold, and without as-of dates they cannot be ordered in time",
                list_figures(group)
            ),
        ));
    }
    for day in &days {
        if common_interval(day).is_none() {
            return Some(finding(
                Kind::Contradiction,
                key,
                group,
                format!(
                    "{} all as of {}: the sources give incompatible figures for the same date",
                    list_figures(day),
                    date(day[0])
                ),
            ));
        }
    }
    // A rise: nothing earlier may lie wholly above anything later. Superseded
    // figures take no part: the reports themselves replaced them, at a date
    // they rarely give.
    let mut earlier: Vec<&Claim> = Vec::new();
    for day in &days {
        for &later in day.iter().filter(|c| !c.superseded) {
            if let Some(&before) = earlier
                .iter()
                .find(|e| Interval::of(e).above(&Interval::of(later)))
            {
                return Some(finding(
                    Kind::Contradiction,
                    key,
                    group,
                    format!(
                        "fell from {} ({}) to {} ({}): a cumulative count cannot fall",
                        before.figure(),
                        date(before),
                        later.figure(),
                        date(later)
                    ),
                ));
            }
        }
        // Keeping only the highest-starting claim so far keeps this linear. A
        // superseded figure binds nothing after it: the report replaced it.
        earlier.extend(day.iter().copied().filter(|c| !c.superseded));
        if let Some(top) = earlier
            .iter()
            .copied()
            .max_by(|a, b| Interval::of(a).low.total_cmp(&Interval::of(b).low))
        {
            earlier = vec![top];
        }
    }
    let sources = group
        .iter()
        .map(|c| c.source.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    Some(finding(
        Kind::Timeline,
        key,
        group,
        format!(
            "{}, {} ({} source{})",
            if revised_down(group) {
                "revised down"
            } else {
                "rose over time"
            },
            progression(&days),
            sources,
            if sources == 1 { "" } else { "s" },
        ),
    ))
}

/// "13 (2022-01-06) → 18 (2022-01-07) → 19 (2022-01-26, 2022-01-29)"; figures a
/// report replaced come first, as "earlier 2,300", since their dates are unknown.
fn progression(days: &[&[&Claim]]) -> String {
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    let mut earlier: Vec<String> = Vec::new();
    for d in days {
        let mut figs: Vec<String> = d.iter().map(|c| c.figure()).collect();
        figs.dedup();
        let fig = figs.join(" / ");
        if d.iter().all(|c| c.superseded) {
            earlier.push(format!("earlier {fig}"));
            continue;
        }
        match steps.last_mut() {
            Some((last, dates)) if *last == fig => dates.push(date(d[0])),
            _ => steps.push((fig, vec![date(d[0])])),
        }
    }
    earlier
        .into_iter()
        .chain(
            steps
                .into_iter()
                .map(|(fig, dates)| format!("{fig} ({})", dates.join(", "))),
        )
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Figures for one moment: the same as-of date, both current or both superseded.
fn same_moment(a: &&Claim, b: &&Claim) -> bool {
    a.as_of == b.as_of && a.superseded == b.superseded
}

/// True when a superseded figure lies above a current one: a report revised its toll down.
fn revised_down(group: &[&Claim]) -> bool {
    group.iter().filter(|c| c.superseded).any(|old| {
        group
            .iter()
            .any(|new| !new.superseded && Interval::of(old).above(&Interval::of(new)))
    })
}

fn classify_same_time(key: &Key, group: &[&Claim]) -> Option<Finding> {
    if group.len() < 2 {
        return None;
    }
    match common_interval(group) {
        Some(common) => agreement_or_bounds(key, group, common),
        None => Some(finding(
            Kind::Contradiction,
            key,
            group,
            format!(
                "{} as of {}: incompatible figures for the same moment",
                list_figures(group),
                date(group[0])
            ),
        )),
    }
}

fn common_interval(group: &[&Claim]) -> Option<Interval> {
    let mut acc = Interval::of(group.first()?);
    for c in &group[1..] {
        acc = acc.intersect(&Interval::of(c))?;
    }
    Some(acc)
}

/// Figures that share a value: the same figure restated (no finding), or bounds.
fn agreement_or_bounds(key: &Key, group: &[&Claim], common: Interval) -> Option<Finding> {
    let exact: Vec<&Claim> = group
        .iter()
        .copied()
        .filter(|c| c.qualifier == crate::claim::Qualifier::Exact)
        .collect();
    let one_exact = exact.windows(2).all(|w| w[0].value == w[1].value);
    let restated = !exact.is_empty()
        && one_exact
        && group
            .iter()
            .all(|c| c.qualifier == crate::claim::Qualifier::Exact || rounds(c, exact[0]));
    let all_same = group
        .windows(2)
        .all(|w| Interval::of(w[0]) == Interval::of(w[1]) && w[0].qualifier == w[1].qualifier);
    if restated || all_same {
        return None;
    }
    let fits = if common.low == common.high {
        format!(
            "only {} satisfies them all",
            format_number(common.low, &key.unit)
        )
    } else if common.high.is_infinite() {
        format!(
            "any figure above {} satisfies them all",
            format_number(common.low, &key.unit)
        )
    } else {
        format!(
            "figures between {} and {} satisfy them all",
            format_number(common.low, &key.unit),
            format_number(common.high, &key.unit)
        )
    };
    Some(finding(
        Kind::Bounds,
        key,
        group,
        format!(
            "{} are compatible but not the same: {fits}",
            list_figures(group)
        ),
    ))
}

/// "13, 18 and 19"; at most eight distinct figures, then how many more.
fn list_figures(group: &[&Claim]) -> String {
    const SHOWN: usize = 8;
    let mut seen = std::collections::HashSet::new();
    let figs: Vec<String> = group
        .iter()
        .map(|c| c.figure())
        .filter(|f| seen.insert(f.clone()))
        .collect();
    match figs.len() {
        0 | 1 => figs.concat(),
        n if n <= SHOWN => format!("{} and {}", figs[..n - 1].join(", "), figs[n - 1]),
        n => format!("{} and {} more", figs[..SHOWN].join(", "), n - SHOWN),
    }
}

/// Parts above their wholes: for every pair of groups where one key lies inside
/// the other (same metric and unit), and for the counts of one group or spot
/// within a key, a part figure that exceeds a whole figure of the same or a later
/// date.
fn parts_above_wholes(groups: &BTreeMap<Key, Vec<&Claim>>, lex: &Lexicon) -> Vec<Finding> {
    // For each key, its whole figures (not parts) by date, with the lowest upper end
    // from each date on: whether any later whole lies below a part is one binary search.
    type Dated<'c> = (Vec<Option<chrono::NaiveDate>>, Vec<&'c Claim>);
    let lowest_from: BTreeMap<&Key, Dated> = groups
        .iter()
        .map(|(k, g)| {
            let mut wholes: Vec<&Claim> = g
                .iter()
                .copied()
                .filter(|c| !c.part && c.as_of.is_some())
                .collect();
            let dates = wholes.iter().map(|c| c.as_of).collect();
            for i in (0..wholes.len().saturating_sub(1)).rev() {
                if Interval::of(wholes[i + 1]).high < Interval::of(wholes[i]).high {
                    wholes[i] = wholes[i + 1];
                }
            }
            (k, (dates, wholes))
        })
        .collect();
    let mut out = Vec::new();
    for (part_key, members) in groups {
        // The keys this one lies within are its own subject's and place's ancestors,
        // a handful at most: looked up, not searched for.
        for whole_key in enclosing(part_key, lex) {
            let Some((dates, lowest)) = lowest_from.get(&whole_key) else {
                continue;
            };
            // Within one key, only the counts of a group or spot are parts.
            let offending = members
                .iter()
                .filter(|c| (part_key != &whole_key || c.part) && c.as_of.is_some())
                .find_map(|p| {
                    let from = dates.partition_point(|d| *d < p.as_of);
                    let w = *lowest.get(from)?;
                    Interval::of(p).above(&Interval::of(w)).then_some((*p, w))
                });
            if let Some((p, w)) = offending {
                out.push(finding(Kind::PartExceedsWhole, part_key, &[p, w], format!(
                    "{} for {} ({}) is more than {} for {} ({}): a part cannot exceed its whole",
                    p.figure(), describe(part_key), date(p), w.figure(), describe(&whole_key), date(w)
                )));
            }
        }
    }
    out
}

/// Every key a key lies within, itself included: each enclosing subject (security
/// forces, people) with each enclosing place (Almaty, Kazakhstan).
fn enclosing(k: &Key, lex: &Lexicon) -> Vec<Key> {
    let subjects: Vec<Option<crate::claim::Subject>> = match &k.subject {
        Some(s) => lex.subject_chain(s).into_iter().map(Some).collect(),
        None => vec![None],
    };
    let places = lex.place_chain(&k.location);
    subjects
        .iter()
        .flat_map(|s| {
            places.iter().map(move |p| Key {
                metric: k.metric.clone(),
                subject: s.clone(),
                location: p.clone(),
                unit: k.unit.clone(),
                event: k.event.clone(),
            })
        })
        .collect()
}

fn describe(k: &Key) -> String {
    match &k.subject {
        Some(s) => format!("{s} in {}", k.location),
        None => k.location.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Qualifier, Status};
    use chrono::NaiveDate;

    fn claim(
        id: &str,
        metric: &str,
        subject: &str,
        place: &str,
        q: Qualifier,
        v: f64,
        day: u32,
    ) -> Claim {
        crate::claim::fixtures::claim(
            id,
            metric,
            subject,
            place,
            q,
            v,
            NaiveDate::from_ymd_opt(2022, 1, day),
        )
    }

    fn kinds(claims: &[Claim]) -> Vec<Kind> {
        compare(claims, Lexicon::builtin())
            .iter()
            .map(|f| f.kind)
            .collect()
    }

    use Qualifier::*;

    #[test]
    fn a_toll_that_rises_is_a_timeline_and_one_that_falls_a_contradiction() {
        let rising = [
            claim(
                "a",
                "killed",
                "security_forces",
                "Kazakhstan",
                Exact,
                13.0,
                6,
            ),
            claim(
                "b",
                "killed",
                "security_forces",
                "Kazakhstan",
                Exact,
                18.0,
                7,
            ),
            claim(
                "c",
                "killed",
                "security_forces",
                "Kazakhstan",
                Exact,
                19.0,
                26,
            ),
        ];
        assert_eq!(kinds(&rising), [Kind::Timeline]);
        let falling = [
            claim("a", "killed", "people", "Kazakhstan", Exact, 225.0, 15),
            claim("b", "killed", "people", "Kazakhstan", Exact, 164.0, 20),
        ];
        assert_eq!(kinds(&falling), [Kind::Contradiction]);
        let same_day = [
            claim("a", "killed", "people", "Kazakhstan", Exact, 12.0, 1),
            claim("b", "killed", "people", "Kazakhstan", Exact, 30.0, 1),
        ];
        assert_eq!(kinds(&same_day), [Kind::Contradiction]);
    }

    #[test]
    fn compatible_bounds_are_bounds_and_rounded_restatements_agree() {
        let bounds = [
            claim(
                "a",
                "detained",
                "people",
                "Kazakhstan",
                MoreThan,
                5000.0,
                10,
            ),
            claim("b", "detained", "people", "Kazakhstan", Exact, 7939.0, 10),
        ];
        assert_eq!(kinds(&bounds), [Kind::Bounds]);
        let rounded = [
            claim(
                "a",
                "injured",
                "security_forces",
                "Kazakhstan",
                MoreThan,
                350.0,
                6,
            ),
            claim(
                "b",
                "injured",
                "security_forces",
                "Kazakhstan",
                Exact,
                353.0,
                6,
            ),
        ];
        assert_eq!(kinds(&rounded), []);
        let same = [
            claim("a", "killed", "people", "Kazakhstan", Exact, 19.0, 26),
            claim("b", "killed", "people", "Kazakhstan", Exact, 19.0, 29),
        ];
        assert_eq!(kinds(&same), []);
    }

    #[test]
    fn different_scopes_meet_only_as_part_and_whole() {
        let fine = [
            claim("a", "detained", "people", "Almaty", Exact, 207.0, 10),
            claim("b", "detained", "people", "Kazakhstan", Exact, 7939.0, 10),
            claim(
                "c",
                "injured",
                "security_forces",
                "Kazakhstan",
                Exact,
                353.0,
                6,
            ),
            claim("d", "injured", "people", "Kazakhstan", MoreThan, 1000.0, 6),
        ];
        assert_eq!(kinds(&fine), []);
        let exceeds = [
            claim("a", "killed", "security_forces", "Almaty", Exact, 30.0, 10),
            claim("b", "killed", "people", "Kazakhstan", Exact, 20.0, 12),
        ];
        assert_eq!(kinds(&exceeds), [Kind::PartExceedsWhole]);
        // A later part above an earlier whole is no contradiction: the whole may have grown.
        let later_part = [
            claim("a", "killed", "security_forces", "Almaty", Exact, 30.0, 14),
            claim("b", "killed", "people", "Kazakhstan", Exact, 20.0, 12),
        ];
        assert_eq!(kinds(&later_part), []);
    }

    #[test]
    fn counts_of_one_group_are_parts_of_their_key() {
        let mut cell = claim("a", "detained", "protesters", "Almaty", Exact, 4.0, 9);
        cell.part = true;
        let mut district = claim("b", "detained", "protesters", "Almaty", Exact, 5.0, 26);
        district.part = true;
        let total = claim("c", "detained", "protesters", "Almaty", Exact, 300.0, 10);
        assert_eq!(kinds(&[cell.clone(), district.clone(), total.clone()]), []);
        let mut big_cell = cell;
        big_cell.value = Some(400.0);
        big_cell.low = Some(400.0);
        big_cell.high = Some(400.0);
        assert_eq!(
            kinds(&[big_cell, district, total]),
            [Kind::PartExceedsWhole]
        );
    }

    #[test]
    fn a_superseded_figure_is_earlier_than_the_current_one_of_its_date() {
        let mut old = claim("a", "killed", "people", "Kazakhstan", Exact, 103.0, 9);
        old.superseded = true;
        let new = claim("b", "killed", "people", "Kazakhstan", Exact, 164.0, 9);
        assert_eq!(kinds(&[old, new]), [Kind::Timeline]);
    }

    #[test]
    fn crowd_sizes_on_different_days_are_different_moments() {
        let crowds = [
            claim("a", "participants", "protesters", "Almaty", About, 200.0, 6),
            claim(
                "b",
                "participants",
                "protesters",
                "Almaty",
                AtLeast,
                20000.0,
                7,
            ),
        ];
        assert_eq!(kinds(&crowds), []);
        let same_day = [
            claim(
                "a",
                "participants",
                "protesters",
                "Almaty",
                Exact,
                5000.0,
                6,
            ),
            claim(
                "b",
                "participants",
                "protesters",
                "Almaty",
                Exact,
                50000.0,
                6,
            ),
        ];
        assert_eq!(kinds(&same_day), [Kind::Contradiction]);
    }

    #[test]
    fn rejected_claims_take_no_part_and_fingerprints_ignore_order() {
        let mut a = claim("a", "killed", "people", "Kazakhstan", Exact, 12.0, 1);
        let b = claim("b", "killed", "people", "Kazakhstan", Exact, 30.0, 1);
        let f1 = compare(&[a.clone(), b.clone()], Lexicon::builtin());
        let f2 = compare(&[b.clone(), a.clone()], Lexicon::builtin());
        assert_eq!(f1[0].fingerprint, f2[0].fingerprint);
        a.status = Status::Rejected;
        assert_eq!(kinds(&[a, b]), []);
    }
}
