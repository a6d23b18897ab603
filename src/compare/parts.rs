//! Parts above their wholes: Almaty within Kazakhstan, police among people, one
//! cell among all detainees.

use super::describe::date;
use super::group::{Groups, Outcome};
use super::{Finding, Interval, Kind};
use crate::claim::{Claim, Key, Subject};
use crate::lexicon::{Lexicon, Rule};
use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU8, Ordering};

/// For every pair of groups where one key lies inside the other (same metric and
/// unit), and for the counts of one group or spot within a key, a part figure
/// above a whole figure of a comparable date: for a cumulative count the same or
/// a later date (the whole can only have grown since); for a stock or an estimate
/// the same date only (a whole that has since fallen says nothing of an earlier
/// part). A part dated after its whole is never checked against it: the whole may
/// have grown. Superseded and implicit figures are neither parts nor wholes here.
pub(super) fn parts_above_wholes(groups: &Groups, lex: &Lexicon) -> Vec<Finding> {
    // The keys a key lies within are its own subject's and place's ancestors, a
    // handful at most: each distinct subject's and place's chain is made once.
    let (subjects, places) = groups.subjects_and_places();
    let subjects: FxHashMap<&Option<Subject>, Vec<Option<Subject>>> = subjects
        .map(|subject| {
            let chain = match subject {
                Some(s) => lex.subject_chain(s).into_iter().map(Some).collect(),
                None => vec![None],
            };
            (subject, chain)
        })
        .collect();
    let places: FxHashMap<&str, Vec<String>> = places
        .map(|place| (place, lex.place_chain(place)))
        .collect();
    let wholes = Table::of(groups, &subjects, &places);
    // Each group is looked at apart from the others, so on every core; the
    // findings come out in the groups' order either way.
    (0..groups.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let members = groups.get(i);
            let first = members[0];
            let wholes = &wholes;
            // The lexicon's rules are a list searched by name: asked once a group.
            let mut rule = None;
            lookups(groups, i, &subjects, &places).filter_map(move |found| {
                let Lookup {
                    subject,
                    place,
                    whole: j,
                    elsewhere,
                    same_key,
                } = found;
                let w = wholes.get(j, elsewhere)?;
                let rule = *rule.get_or_insert_with(|| lex.rule(&first.metric));
                let (p, w) = members
                    .iter()
                    .filter(|c| (!same_key || c.part) && usable(c))
                    .filter(|c| !(elsewhere && c.place_assumed))
                    .find_map(|p| {
                        // What was added is a part of the totals given after
                        // it; one of its own day may be the tally before it.
                        let day = match (p.increment, rule) {
                            (false, _) => p.as_of?,
                            (true, Rule::Cumulative) => p.as_of?.succ_opt()?,
                            (true, Rule::Stock | Rule::Estimate) => return None,
                        };
                        let whole = w.lowest_comparable(day, rule)?;
                        Interval::of(p)
                            .above(&Interval::of(whole))
                            .then_some((*p, whole))
                    })?;
                let part_key = first.key();
                let whole_key = Key {
                    subject: subject.clone(),
                    location: place.as_str().into(),
                    ..part_key.clone()
                };
                let message = format!(
                    "{} for {} ({}) is more than {} for {} ({}): a part cannot exceed its whole",
                    p.figure(),
                    describe(&part_key),
                    date(p),
                    w.figure(),
                    describe(&whole_key),
                    date(w)
                );
                Some(
                    Outcome::new(Kind::PartExceedsWhole, &[p, w], message)
                        .into_finding(&part_key, &Default::default()),
                )
            })
        })
        .collect()
}

/// A whole a group's figures are checked against: the group of the key with
/// the given subject and place (the group's own, for its counts of one group or
/// spot).
struct Lookup<'a> {
    subject: &'a Option<Subject>,
    place: &'a String,
    /// The whole's group.
    whole: usize,
    /// True when the whole's place is another than the part's.
    elsewhere: bool,
    /// True when the whole is the group itself.
    same_key: bool,
}

/// The wholes group `i`'s figures are checked against: the groups of the keys
/// its key lies within.
fn lookups<'a>(
    groups: &'a Groups,
    i: usize,
    subjects: &'a FxHashMap<&Option<Subject>, Vec<Option<Subject>>>,
    places: &'a FxHashMap<&str, Vec<String>>,
) -> impl Iterator<Item = Lookup<'a>> + 'a {
    let members = groups.get(i);
    let first = members[0];
    let has_parts = members.iter().any(|c| c.part);
    let places = &places[first.location.as_str()];
    subjects[&first.subject]
        .iter()
        .flat_map(move |s| places.iter().map(move |p| (s, p)))
        .filter_map(move |(subject, place)| {
            let same_key = *subject == first.subject && *place == first.location;
            // Within one key, only the counts of a group or spot are parts.
            if same_key && !has_parts {
                return None;
            }
            let whole = groups.with_subject_and_place(i, subject, place)?;
            Some(Lookup {
                subject,
                place,
                whole,
                elsewhere: *place != first.location,
                same_key,
            })
        })
}

/// The wholes of every group looked up as one ([`lookups`]), made once each, on
/// every core. A whole of another place counts only its figures the text places
/// there: a figure no place was named for is the document's country by
/// default, and no whole (a local report's "one was detained" is no national
/// count). Only the groups looked up have a place in it: a table of every group
/// was as long as the claims.
struct Table<'c> {
    /// The wholes looked up, as group index × 2 + 1 when of another place, sorted.
    keys: Vec<u64>,
    /// Their wholes, in the same order.
    wholes: Vec<Wholes<'c>>,
}

impl<'c> Table<'c> {
    fn of(
        groups: &Groups<'c>,
        subjects: &FxHashMap<&Option<Subject>, Vec<Option<Subject>>>,
        places: &FxHashMap<&str, Vec<String>>,
    ) -> Table<'c> {
        // One flag a kind of whole, per group: a byte each.
        let asked: Vec<AtomicU8> = (0..groups.len()).map(|_| AtomicU8::new(0)).collect();
        (0..groups.len()).into_par_iter().for_each(|i| {
            for found in lookups(groups, i, subjects, places) {
                let flag = if found.elsewhere { 2 } else { 1 };
                asked[found.whole].fetch_or(flag, Ordering::Relaxed);
            }
        });
        let keys: Vec<u64> = (asked.iter().enumerate())
            .flat_map(|(j, flags)| {
                let flags = flags.load(Ordering::Relaxed);
                let key = 2 * j as u64;
                [
                    (flags & 1 != 0).then_some(key),
                    (flags & 2 != 0).then_some(key + 1),
                ]
            })
            .flatten()
            .collect();
        drop(asked);
        let wholes = keys
            .par_iter()
            .map(|&k| Wholes::new(groups.get((k / 2) as usize), k % 2 == 1))
            .collect();
        Table { keys, wholes }
    }

    /// The wholes of group `j`, of its own place or of another: every whole
    /// [`lookups`] gives is there.
    fn get(&self, j: usize, elsewhere: bool) -> Option<&Wholes<'c>> {
        let key = 2 * j as u64 + u64::from(elsewhere);
        let at = self.keys.binary_search(&key).ok()?;
        self.wholes.get(at)
    }
}

fn usable(c: &Claim) -> bool {
    c.as_of.is_some() && !c.superseded && !c.implicit
}

/// The whole figures of a group, for finding the lowest a part can be checked
/// against: one entry per figure, in the group's (date) order. Held in one
/// allocation: a corpus looks up the wholes of tens of thousands of groups, most
/// of one or two figures.
struct Wholes<'c> {
    entries: Box<[Whole<'c>]>,
}

/// One whole figure: its date, the figure with the lowest upper end from it on,
/// and the one with the lowest upper end of its date.
struct Whole<'c> {
    date: NaiveDate,
    lowest_from: &'c Claim,
    lowest_on: &'c Claim,
}

impl<'c> Wholes<'c> {
    /// The wholes of a group; with `placed`, only the figures whose place the
    /// text names.
    fn new(group: &[&'c Claim], placed: bool) -> Wholes<'c> {
        let high = |c: &Claim| Interval::of(c).high;
        let mut entries: Vec<Whole<'c>> = group
            .iter()
            .copied()
            .filter(|c| !c.part && usable(c) && !(placed && c.place_assumed))
            .filter_map(|c| {
                Some(Whole {
                    date: c.as_of?,
                    lowest_from: c,
                    lowest_on: c,
                })
            })
            .collect();
        for i in (0..entries.len().saturating_sub(1)).rev() {
            if high(entries[i + 1].lowest_from) < high(entries[i].lowest_from) {
                entries[i].lowest_from = entries[i + 1].lowest_from;
            }
        }
        // The first figure of the date with the lowest upper end, on every
        // entry of the date.
        for run in entries.chunk_by_mut(|a, b| a.date == b.date) {
            let mut low = run[0].lowest_on;
            for w in run.iter() {
                if high(w.lowest_on) < high(low) {
                    low = w.lowest_on;
                }
            }
            run.iter_mut().for_each(|w| w.lowest_on = low);
        }
        Wholes {
            entries: entries.into_boxed_slice(),
        }
    }

    /// The whole with the lowest upper end a part as of `day` can be checked against.
    fn lowest_comparable(&self, day: NaiveDate, rule: Rule) -> Option<&'c Claim> {
        match rule {
            Rule::Cumulative => {
                let from = self.entries.partition_point(|w| w.date < day);
                self.entries.get(from).map(|w| w.lowest_from)
            }
            Rule::Stock | Rule::Estimate => {
                let i = self.entries.binary_search_by_key(&day, |w| w.date).ok()?;
                Some(self.entries[i].lowest_on)
            }
        }
    }
}

fn describe(k: &Key) -> String {
    match &k.subject {
        Some(s) => format!("{s} in {}", k.location),
        None => k.location.to_string(),
    }
}
