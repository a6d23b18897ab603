//! Grouping claims by what they count, and folding a figure a source repeats.

use super::fingerprint::fingerprint;
use super::{Finding, Kind};
use crate::claim::{Claim, Key, Status};
use std::collections::{BTreeMap, HashMap};

/// Claims by key, each group in time order. The key is [`Claim::key`]: a field
/// added there (an event) separates groups here with no other change.
pub(super) type Groups<'c> = BTreeMap<Key, Vec<&'c Claim>>;

/// Groups the claims that take part (not rejected), each group sorted by as-of
/// date, a superseded figure before the current ones of its date, then source and
/// position in it.
pub(super) fn group(claims: &[Claim]) -> Groups<'_> {
    let mut groups: Groups = BTreeMap::new();
    for c in claims.iter().filter(|c| c.status != Status::Rejected) {
        groups.entry(c.key()).or_default().push(c);
    }
    for g in groups.values_mut() {
        g.sort_by(|a, b| {
            a.as_of
                .cmp(&b.as_of)
                .then_with(|| b.superseded.cmp(&a.superseded))
                .then_with(|| a.source.cmp(&b.source))
                .then_with(|| a.span.cmp(&b.span))
        });
    }
    groups
}

/// A group with each figure a source repeats (same figure, date and standing)
/// kept once, and the other mentions by the id of the one kept.
pub(super) struct Folded<'c> {
    /// One claim per distinct figure per source, in the group's order.
    pub kept: Vec<&'c Claim>,
    /// The other mentions of a kept claim, by its id.
    pub mentions: BTreeMap<String, Vec<String>>,
}

/// The parts of a claim that make its figure, date and standing: two claims of
/// one source with equal marks are one figure said twice. Compared as bits, so
/// no string is built per claim.
type Mark<'c> = (
    &'c str,
    &'static str,
    [Option<u64>; 3],
    Option<chrono::NaiveDate>,
    bool,
    bool,
);

pub(super) fn fold<'c>(group: &[&'c Claim]) -> Folded<'c> {
    let mut kept: Vec<&Claim> = Vec::new();
    let mut index: HashMap<Mark, usize> = HashMap::new();
    let mut mentions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for &c in group {
        let bits = |v: Option<f64>| v.map(f64::to_bits);
        let k: Mark = (
            c.source.as_str(),
            c.qualifier.as_str(),
            [bits(c.value), bits(c.low), bits(c.high)],
            c.as_of,
            c.superseded,
            c.implicit,
        );
        match index.get(&k) {
            Some(&i) => mentions
                .entry(kept[i].id.clone())
                .or_default()
                .push(c.id.clone()),
            None => {
                index.insert(k, kept.len());
                kept.push(c);
            }
        }
    }
    Folded { kept, mentions }
}

/// What a rule made of some claims, before it becomes a [`Finding`].
pub(super) struct Outcome<'c> {
    pub kind: Kind,
    pub claims: Vec<&'c Claim>,
    pub revisions: Vec<(&'c Claim, &'c Claim)>,
    pub message: String,
}

impl<'c> Outcome<'c> {
    pub fn new(kind: Kind, claims: &[&'c Claim], message: String) -> Outcome<'c> {
        Outcome {
            kind,
            claims: claims.to_vec(),
            revisions: Vec::new(),
            message,
        }
    }

    /// The finding, with the folded mentions of its claims.
    pub fn into_finding(self, key: &Key, mentions: &BTreeMap<String, Vec<String>>) -> Finding {
        let ids: Vec<String> = self.claims.iter().map(|c| c.id.clone()).collect();
        let mentions: BTreeMap<String, Vec<String>> = ids
            .iter()
            .filter_map(|id| mentions.get(id).map(|m| (id.clone(), m.clone())))
            .collect();
        let every = ids
            .iter()
            .chain(mentions.values().flatten())
            .map(String::as_str);
        Finding {
            fingerprint: fingerprint(self.kind, key, every),
            kind: self.kind,
            key: key.clone(),
            claims: ids,
            mentions,
            revisions: self
                .revisions
                .iter()
                .map(|(a, b)| (a.id.clone(), b.id.clone()))
                .collect(),
            message: self.message,
        }
    }
}
