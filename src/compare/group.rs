//! Grouping claims by what they count, and folding a figure a source repeats.

use super::fingerprint::fingerprint;
use super::{Finding, Kind};
use crate::claim::{Claim, ClaimId, EventRef, Key, Metric, Status, Subject};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Claims by key, sorted by key, each group in time order. A group's key is
/// [`Claim::key`] of any of its members (they share it): a field added there (an
/// event) separates groups here once [`KeyRef`] has it too. Held flat, and the key
/// made only for a group that becomes a finding: most groups are one claim, and
/// an owned key per group was five strings each.
pub(super) struct Groups<'c> {
    /// Every claim that takes part, group after group.
    members: Vec<&'c Claim>,
    /// Where each group ends in `members`.
    ends: Vec<u32>,
    /// Each group's key as its fields' ranks among their values (metric,
    /// subject, place, unit, event): ascending, so a key is found by binary search.
    keys: Vec<[u32; 5]>,
    /// The rank of each subject and place the keys hold.
    subjects: FxHashMap<&'c Option<Subject>, u32>,
    places: FxHashMap<&'c str, u32>,
}

impl<'c> Groups<'c> {
    /// How many groups.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The members of the `i`th group (never empty).
    pub fn get(&self, i: usize) -> &[&'c Claim] {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        &self.members[start..self.ends[i] as usize]
    }

    /// The group whose key is the `i`th group's with another subject and place,
    /// if there is one: every other field of the key (metric, unit, event, and
    /// any added later) stays the same.
    pub fn with_subject_and_place(
        &self,
        i: usize,
        subject: &Option<Subject>,
        place: &str,
    ) -> Option<usize> {
        let mut key = self.keys[i];
        key[1] = *self.subjects.get(subject)?;
        key[2] = *self.places.get(place)?;
        self.keys.binary_search(&key).ok()
    }

    /// The subjects and places of the keys.
    pub fn subjects_and_places(
        &self,
    ) -> (
        impl Iterator<Item = &'c Option<Subject>> + '_,
        impl Iterator<Item = &'c str> + '_,
    ) {
        (self.subjects.keys().copied(), self.places.keys().copied())
    }

    /// The groups in key order.
    pub fn iter(&self) -> impl Iterator<Item = &[&'c Claim]> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// A claim's [`Key`] borrowed from it, field for field in the key's order.
type KeyRef<'c> = (
    &'c Metric,
    &'c Option<Subject>,
    &'c str,
    &'c str,
    &'c Option<EventRef>,
);

fn key_ref(c: &Claim) -> KeyRef<'_> {
    (&c.metric, &c.subject, &c.location, &c.unit, &c.event)
}

/// Groups the claims that take part (not rejected), each group sorted by as-of
/// date, a superseded figure before the current ones of its date, then source and
/// position in it.
pub(super) fn group(claims: &[Claim]) -> Groups<'_> {
    // Numbers stand for keys and sources, so the one sort below compares integers,
    // not strings (a million claims made five million strings). Each field's
    // value is numbered on its own as met (a few hundred places, a few thousand
    // events), then renumbered by rank so that the numbers order as the values
    // do: a key is its five ranks, and claims sort straight into groups in key
    // order. Nearly every key is its own (a key holds its event): numbering the
    // keys themselves took a table as large as the claims, built to be dropped.
    let mut fields = (Ranks::default(), Ranks::default(), Ranks::default());
    let (mut units, mut events) = (Ranks::default(), Ranks::default());
    let mut sources: FxHashMap<&str, u32> = FxHashMap::default();
    // A source's claims stand together and mostly share its event.
    let mut last_event: Option<(&Option<EventRef>, u32)> = None;
    let mut last_source: Option<(&str, u32)> = None;
    // Claims are counted by their position in `claims`, the rejected left out.
    let mut order: Vec<Place> = Vec::with_capacity(claims.len());
    let live = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.status != Status::Rejected);
    for (i, c) in live {
        let (metric, subject, place, unit, event) = key_ref(c);
        let event = match last_event {
            Some((last, id)) if last == event => id,
            _ => {
                let id = events.id(event);
                last_event = Some((event, id));
                id
            }
        };
        let key = [
            fields.0.id(metric),
            fields.1.id(subject),
            fields.2.id(place),
            units.id(unit),
            event,
        ];
        let source = match last_source {
            Some((last, id)) if last == c.source => id,
            _ => {
                let next = sources.len() as u32;
                let id = *sources.entry(c.source.as_str()).or_insert(next);
                last_source = Some((c.source.as_str(), id));
                id
            }
        };
        // A span's length, not its end: the same order, in fewer bytes (no
        // quote is 4 GiB long; one a person made so sorts last of its start).
        let len = c.span.end.saturating_sub(c.span.start);
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        order.push((
            key,
            c.as_of,
            !c.superseded,
            source,
            c.span.start,
            len,
            i as u32,
        ));
    }
    // Source numbers that order as the names do.
    let mut names: Vec<(&str, u32)> = sources.into_iter().collect();
    names.sort_unstable();
    let mut rank = vec![0u32; names.len()];
    for (r, (_, n)) in names.iter().enumerate() {
        rank[*n as usize] = r as u32;
    }
    let ranks = [
        fields.0.ranks(),
        fields.1.ranks(),
        fields.2.ranks(),
        units.ranks(),
        events.ranks(),
    ];
    let subjects = fields.1.by_value(&ranks[1]);
    let places = fields.2.by_value(&ranks[2]);
    for p in &mut order {
        p.0 = std::array::from_fn(|f| ranks[f][p.0[f] as usize]);
        p.3 = rank[p.3 as usize];
    }
    // The input position last: claims equal in all else keep their input order.
    order.sort_unstable();
    let members = order.iter().map(|p| &claims[p.6 as usize]).collect();
    let mut ends: Vec<u32> = order
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0].0 != w[1].0)
        .map(|(i, _)| i as u32 + 1)
        .collect();
    if !order.is_empty() {
        ends.push(order.len() as u32);
    }
    let keys = ends.iter().map(|&end| order[end as usize - 1].0).collect();
    Groups {
        members,
        ends,
        keys,
        subjects,
        places,
    }
}

/// The distinct values of one field of the keys, numbered as met, and ranked in
/// their own order.
struct Ranks<T> {
    ids: FxHashMap<T, u32>,
}

impl<T> Default for Ranks<T> {
    fn default() -> Self {
        Ranks {
            ids: FxHashMap::default(),
        }
    }
}

impl<T: Ord + std::hash::Hash> Ranks<T> {
    fn id(&mut self, v: T) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(v).or_insert(next)
    }

    /// Each id's rank among the values.
    fn ranks(&self) -> Vec<u32> {
        let mut values: Vec<(&T, u32)> = self.ids.iter().map(|(v, &id)| (v, id)).collect();
        values.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut rank = vec![0u32; values.len()];
        for (r, (_, id)) in values.iter().enumerate() {
            rank[*id as usize] = r as u32;
        }
        rank
    }

    /// Each value's rank, given each id's.
    fn by_value(self, ranks: &[u32]) -> FxHashMap<T, u32> {
        self.ids
            .into_iter()
            .map(|(v, id)| (v, ranks[id as usize]))
            .collect()
    }
}

/// Where a claim goes among the groups: its key (its fields' ranks), then its
/// place in its group (as-of date, superseded first, source's rank, span's start
/// and length), then its input position.
type Place = (
    [u32; 5],
    Option<chrono::NaiveDate>,
    bool,
    u32,
    usize,
    u32,
    u32,
);

/// The other mentions of a kept claim, by its id.
pub(super) type Mentions<'c> = FxHashMap<&'c str, Vec<&'c str>>;

/// A group with each figure a source repeats (same figure, date and standing)
/// kept once, and the other mentions by the id of the one kept.
pub(super) struct Folded<'c> {
    /// One claim per distinct figure per source, in the group's order.
    pub kept: Vec<&'c Claim>,
    /// The other mentions of a kept claim, by its id, in the group's order.
    pub mentions: Mentions<'c>,
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
    let mut index: FxHashMap<Mark, usize> =
        FxHashMap::with_capacity_and_hasher(group.len(), Default::default());
    let mut mentions = Mentions::default();
    for &c in group {
        let bits = |v: Option<f64>| v.map(f64::to_bits);
        let k: Mark = (
            c.source.as_str(),
            c.qualifier.as_str(),
            [bits(c.value.get()), bits(c.low.get()), bits(c.high.get())],
            c.as_of,
            c.superseded,
            c.implicit,
        );
        match index.get(&k) {
            Some(&i) => mentions
                .entry(kept[i].id.as_str())
                .or_default()
                .push(c.id.as_str()),
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
    pub fn into_finding(self, key: &Key, mentions: &Mentions) -> Finding {
        let ids: Vec<ClaimId> = self.claims.iter().map(|c| c.id.clone()).collect();
        let mentions: BTreeMap<ClaimId, Vec<ClaimId>> = ids
            .iter()
            .filter_map(|id| {
                let m = mentions.get(id.as_str())?;
                Some((id.clone(), m.iter().map(|&s| ClaimId::from(s)).collect()))
            })
            .collect();
        let every = ids
            .iter()
            .chain(mentions.values().flatten())
            .map(ClaimId::as_str);
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
            message: {
                let mut m = self.message;
                m.shrink_to_fit();
                m
            },
        }
    }
}
