//! Classifying one group of claims (one key, parts set aside) under its metric's
//! rule over time.

use super::describe::{date, dated_figure, giver, list_figures, progression, source_count};
use super::group::Outcome;
use super::{Interval, Kind, rounds};
use crate::claim::{Claim, Qualifier, format_number};
use crate::lexicon::Rule;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Classifies a group sorted by as-of date; `None` when its figures agree. A
/// contradiction never rests on implicit counts alone ("a man was killed" read as
/// one): when it would, the stated figures are classified without them.
pub(super) fn classify<'c>(group: &[&'c Claim], rule: Rule, unit: &str) -> Option<Outcome<'c>> {
    let made = by_rule(group, rule, unit);
    match made {
        Some(o) if o.kind == Kind::Contradiction && group.iter().any(|c| c.implicit) => {
            let stated: Vec<&Claim> = group.iter().copied().filter(|c| !c.implicit).collect();
            by_rule(&stated, rule, unit)
        }
        other => other,
    }
}

fn by_rule<'c>(group: &[&'c Claim], rule: Rule, unit: &str) -> Option<Outcome<'c>> {
    let distinct = group
        .windows(2)
        .any(|w| Interval::of(w[0]) != Interval::of(w[1]) || w[0].qualifier != w[1].qualifier);
    if group.len() < 2 || !distinct {
        return None;
    }
    if rule == Rule::Estimate {
        // The size of one moment (a crowd) on two days is two moments, not a
        // conflict: only figures for the same date are compared.
        let mut worst: Option<Outcome> = None;
        for same_day in group.chunk_by(same_moment) {
            if common_interval(same_day).is_none() && updates_within_day(same_day, rule) {
                continue;
            }
            if let Some(o) = same_time(same_day, unit)
                && worst.as_ref().is_none_or(|w| o.kind > w.kind)
            {
                worst = Some(o);
            }
        }
        return worst;
    }
    if let Some(common) = common_interval(group) {
        return agreement_or_bounds(group, common, unit);
    }
    if group.iter().any(|c| c.as_of.is_some()) && group.iter().any(|c| c.as_of.is_none()) {
        return with_undated(group, rule, unit);
    }
    if group.iter().any(|c| c.as_of.is_none()) {
        return Some(Outcome::new(
            Kind::Contradiction,
            group,
            format!(
                "{} cannot all hold, and without as-of dates they cannot be ordered in time",
                list_figures(group)
            ),
        ));
    }
    let days: Vec<&[&Claim]> = group.chunk_by(same_moment).collect();
    for day in &days {
        if common_interval(day).is_none() && !updates_within_day(day, rule) {
            return Some(Outcome::new(
                Kind::Contradiction,
                group,
                format!(
                    "{} all as of {}: the sources give incompatible figures for the same date",
                    list_figures(day),
                    date(day[0])
                ),
            ));
        }
    }
    match rule {
        Rule::Stock => Some(stock(group, &days)),
        _ => Some(cumulative(group, &days)),
    }
}

/// Dated figures with undated ones beside them. An undated figure that matches a
/// dated one may simply be that date's figure; one that matches none cannot be
/// placed in time, which is worth a look but is not, by itself, a contradiction:
/// only the dated figures can break their metric's rule.
fn with_undated<'c>(group: &[&'c Claim], rule: Rule, unit: &str) -> Option<Outcome<'c>> {
    let (dated, undated): (Vec<&Claim>, Vec<&Claim>) =
        group.iter().copied().partition(|c| c.as_of.is_some());
    let matches = |u: &Claim| {
        dated
            .iter()
            .any(|d| Interval::of(d).intersect(&Interval::of(u)).is_some())
    };
    let loose: Vec<&Claim> = undated.iter().copied().filter(|u| !matches(u)).collect();
    let among_dated = by_rule(&dated, rule, unit);
    if loose.is_empty()
        || among_dated
            .as_ref()
            .is_some_and(|o| o.kind > Kind::Timeline)
    {
        return among_dated;
    }
    let among_dated_revisions = among_dated
        .as_ref()
        .map(|o| o.revisions.clone())
        .unwrap_or_default();
    let unplaced = format!(
        "{} undated, so {} cannot be placed in time",
        list_figures(&loose),
        if loose.len() == 1 { "it" } else { "they" },
    );
    let message = match among_dated {
        Some(o) => format!("{}; {unplaced}", o.message),
        None => format!(
            "{unplaced} against {} as of {} {}",
            list_figures(&dated),
            date(dated[0]),
            source_count(group)
        ),
    };
    let mut outcome = Outcome::new(Kind::Timeline, group, message);
    outcome.revisions = among_dated_revisions;
    Some(outcome)
}

/// Figures for one moment: the same as-of date, both current or both superseded.
fn same_moment(a: &&Claim, b: &&Claim) -> bool {
    a.as_of == b.as_of && a.superseded == b.superseded
}

/// Different figures for one date from one source — the entries of a live page,
/// updated hour by hour — that follow the rule in the order the page gives them
/// (newest first or last). The as-of precision is the date, so figures from two
/// sources on one date cannot be ordered and stay comparable.
fn updates_within_day(day: &[&Claim], rule: Rule) -> bool {
    if day.windows(2).any(|w| w[0].source != w[1].source) {
        return false;
    }
    // Sizes of one crowd that a page credits to different givers ("police said
    // 14,000, organisers said 60,000") are a dispute between them, not an update.
    // A toll passed from one official to the next on a live page still is one.
    let mut givers = day.iter().filter_map(|c| c.attribution.as_deref());
    if rule == Rule::Estimate
        && let Some(first) = givers.next()
        && givers.any(|g| !g.eq_ignore_ascii_case(first))
    {
        return false;
    }
    match rule {
        Rule::Cumulative => {
            let rising = |a: &Claim, b: &Claim| !Interval::of(a).above(&Interval::of(b));
            day.windows(2).all(|w| rising(w[0], w[1])) || day.windows(2).all(|w| rising(w[1], w[0]))
        }
        // A stock may move either way within the day; a crowd grows and thins
        // by the hour, each entry sizing its own moment.
        Rule::Stock | Rule::Estimate => true,
    }
}

/// A stock (missing, displaced, in hospital) may rise and fall: any change with
/// time is a timeline.
fn stock<'c>(group: &[&'c Claim], days: &[&[&'c Claim]]) -> Outcome<'c> {
    let level = |d: &[&Claim]| {
        d.iter()
            .filter_map(|c| c.value.get().or(c.low.get()))
            .fold(f64::NAN, f64::max)
    };
    let levels: Vec<f64> = days
        .iter()
        .filter(|d| !d[0].superseded)
        .map(|d| level(d))
        .collect();
    let rose = levels.windows(2).any(|w| w[1] > w[0]);
    let fell = levels.windows(2).any(|w| w[1] < w[0]);
    let how = match (rose, fell) {
        (true, true) => "rose and fell",
        (false, true) => "fell",
        (true, false) => "rose",
        (false, false) => "changed",
    };
    Outcome::new(
        Kind::Timeline,
        group,
        format!(
            "{how} over time, {} {}: a count of people in a state may rise and fall",
            progression(days),
            source_count(group)
        ),
    )
}

/// A cumulative count may only rise, unless a source says a lower figure revised
/// an earlier one. Superseded figures take no part in the ordering: the reports
/// themselves replaced them, at a date they rarely give.
fn cumulative<'c>(group: &[&'c Claim], days: &[&[&'c Claim]]) -> Outcome<'c> {
    let below = |hi: &Claim, lo: &Claim| Interval::of(hi).above(&Interval::of(lo));
    // A report's own earlier figure above its current one: "down from 359". The
    // current figures are looked up by source and date, so this stays linear.
    let mut current_of: HashMap<(&str, Option<NaiveDate>), Vec<&Claim>> = HashMap::new();
    for &c in group.iter().filter(|c| !c.superseded) {
        current_of
            .entry((c.source.as_str(), c.as_of))
            .or_default()
            .push(c);
    }
    let mut revisions: Vec<(&Claim, &Claim)> = group
        .iter()
        .filter(|c| c.superseded)
        .filter_map(|&old| {
            current_of
                .get(&(old.source.as_str(), old.as_of))?
                .iter()
                .find(|n| below(old, n))
                .map(|&new| (old, new))
        })
        .collect();
    let mut revised_ids: HashSet<&str> = revisions.iter().map(|(_, n)| n.id.as_str()).collect();
    // Keeping only the highest-starting current figure so far keeps this linear.
    let mut top: Option<&Claim> = None;
    for day in days {
        let current: Vec<&Claim> = day.iter().copied().filter(|c| !c.superseded).collect();
        // The figures the day's stated revisions cover: a restatement of a revised
        // figure without the word is explained by it.
        let stated = current
            .iter()
            .filter(|c| c.revised)
            .map(|c| Interval::of(c))
            .fold(None, |acc: Option<(f64, f64)>, i| {
                Some(acc.map_or((i.low, i.high), |(lo, hi)| (lo.min(i.low), hi.max(i.high))))
            });
        let mut revised_today = false;
        if let Some(t) = top {
            for &c in current.iter().filter(|c| below(t, c)) {
                let i = Interval::of(c);
                let covered = stated.is_some_and(|(lo, hi)| i.low <= hi && i.high >= lo);
                let known = revised_ids.contains(c.id.as_str());
                if !(known || covered) {
                    return Outcome::new(
                        Kind::Contradiction,
                        group,
                        format!(
                            "fell from {} to {}: a cumulative count cannot fall unless a source says it was revised",
                            dated_figure(t),
                            dated_figure(c)
                        ),
                    );
                }
                if !known {
                    revisions.push((t, c));
                    revised_ids.insert(c.id.as_str());
                }
                revised_today = true;
            }
        }
        // After a revision the revised figure is the level later ones must keep.
        let pool = if revised_today { None } else { top };
        top = pool
            .into_iter()
            .chain(current)
            .max_by(|a, b| Interval::of(a).low.total_cmp(&Interval::of(b).low))
            .or(top);
    }
    if revisions.is_empty() && days.len() == 1 {
        // One date, one source (else it was a contradiction): a live page's entries.
        let mut figs: Vec<&Claim> = group.to_vec();
        figs.sort_by(|a, b| Interval::of(a).low.total_cmp(&Interval::of(b).low));
        let steps: Vec<String> = figs.iter().map(|c| c.figure()).collect();
        return Outcome::new(
            Kind::Timeline,
            group,
            format!(
                "updated during {}: {} {}, in the order the page gives them",
                date(group[0]),
                steps.join(" → "),
                source_count(group)
            ),
        );
    }
    if revisions.is_empty() {
        return Outcome::new(
            Kind::Timeline,
            group,
            format!(
                "rose over time, {} {}",
                progression(days),
                source_count(group)
            ),
        );
    }
    let said: Vec<String> = revisions
        .iter()
        .map(|(old, new)| {
            format!(
                "revised from {} to {} by {} ({})",
                old.figure(),
                new.figure(),
                giver(new),
                date(new)
            )
        })
        .collect();
    let mut o = Outcome::new(
        Kind::Revision,
        group,
        format!(
            "{}; {} {}",
            said.join("; "),
            progression(days),
            source_count(group)
        ),
    );
    o.revisions = revisions;
    o
}

fn same_time<'c>(group: &[&'c Claim], unit: &str) -> Option<Outcome<'c>> {
    if group.len() < 2 {
        return None;
    }
    match common_interval(group) {
        Some(common) => agreement_or_bounds(group, common, unit),
        None => Some(Outcome::new(
            Kind::Contradiction,
            group,
            format!(
                "{} as of {}: incompatible figures for the same moment",
                list_figures(group),
                date(group[0])
            ),
        )),
    }
}

pub(super) fn common_interval(group: &[&Claim]) -> Option<Interval> {
    let mut acc = Interval::of(group.first()?);
    for c in &group[1..] {
        acc = acc.intersect(&Interval::of(c))?;
    }
    Some(acc)
}

/// Figures that share a value: the same figure restated (no finding), or bounds.
fn agreement_or_bounds<'c>(
    group: &[&'c Claim],
    common: Interval,
    unit: &str,
) -> Option<Outcome<'c>> {
    let exact: Vec<&Claim> = group
        .iter()
        .copied()
        .filter(|c| c.qualifier == Qualifier::Exact)
        .collect();
    let one_exact = exact.windows(2).all(|w| w[0].value == w[1].value);
    let restated = !exact.is_empty()
        && one_exact
        && group
            .iter()
            .all(|c| c.qualifier == Qualifier::Exact || rounds(c, exact[0]));
    let all_same = group
        .windows(2)
        .all(|w| Interval::of(w[0]) == Interval::of(w[1]) && w[0].qualifier == w[1].qualifier);
    if restated || all_same {
        return None;
    }
    let n = |v: f64| format_number(v, unit);
    let fits = if common.low == common.high {
        format!("only {} satisfies them all", n(common.low))
    } else if common.high.is_infinite() {
        format!("any figure above {} satisfies them all", n(common.low))
    } else {
        format!(
            "figures between {} and {} satisfy them all",
            n(common.low),
            n(common.high)
        )
    };
    Some(Outcome::new(
        Kind::Bounds,
        group,
        format!(
            "{} are compatible but not the same: {fits}",
            list_figures(group)
        ),
    ))
}
