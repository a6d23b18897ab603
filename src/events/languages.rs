//! One event's reports in two languages. The clustering joins sources by the
//! names they share, and texts in two scripts share none ("Токаев" is not
//! "Tokayev"); what they do share is language-free: the kind of event, the
//! canonical place (the gazetteer maps "Алма-Ата" to Almaty) and the dates.
//!
//! A cluster in one language joins a cluster in another only when it is its one
//! candidate there — same kind, the same place or one within the other, dates
//! within a few days — and either that partner has no other candidate in the
//! first language or the joining cluster is the smaller one. So several small
//! reports in one language can meet one larger story in another, but two stories
//! of one language are never joined through a single foreign report.
//!
//! The pass reads cluster profiles only (a few fields each), so a distributed run
//! makes it over every block's clusters at once.

use super::Cluster;
use crate::lexicon::Lexicon;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How far apart, in days, two clusters' date spans may lie.
const NEAR_DAYS: i64 = 7;

/// What a cluster tells, language-free: its language, kind, place and dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The language all its members are in.
    pub lang: String,
    /// The kind most members tell (index into [`super::kinds::kinds`]).
    pub kind: usize,
    /// The place most members name.
    pub place: String,
    /// Its first and last dates.
    pub first: NaiveDate,
    /// See `first`.
    pub last: NaiveDate,
    /// How many units it has.
    pub size: usize,
    /// Its first member (as "source" or "source#offset") and that member's
    /// position in the corpus (source id, start), for naming a join.
    pub lead: (String, (String, usize)),
}

impl Profile {
    /// The profile of a cluster all in one language with a kind, a place and a date.
    pub fn of(cluster: &Cluster) -> Option<Profile> {
        let members = &cluster.members;
        let lang = members.first()?.lang.as_str();
        if members.iter().any(|m| m.lang != lang) {
            return None;
        }
        let kind = most(members.iter().filter_map(|m| m.kind))?;
        let place = most(members.iter().filter_map(|m| m.place.as_deref()))?;
        let dates = members.iter().filter_map(|m| m.date);
        let lead = members.iter().min_by(|a, b| a.order().cmp(&b.order()))?;
        let (source, start) = lead.order();
        Some(Profile {
            lang: lang.to_string(),
            kind,
            place: place.to_string(),
            first: dates.clone().min()?,
            last: dates.max()?,
            size: members.len(),
            lead: (lead.name(), (source.to_string(), start)),
        })
    }
}

/// The value given most often (the least on a tie, for a stable answer).
fn most<T: Ord + std::hash::Hash + Copy>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: HashMap<T, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(v, _)| v)
}

fn alike(a: &Profile, b: &Profile, lex: &Lexicon) -> bool {
    // The spans overlap, or the gap between them is at most NEAR_DAYS.
    let near = |start: NaiveDate, end: NaiveDate| (start - end).num_days() <= NEAR_DAYS;
    a.lang != b.lang
        && a.kind == b.kind
        && (a.place == b.place
            || lex.place_within(&a.place, &b.place)
            || lex.place_within(&b.place, &a.place))
        && near(a.first, b.last)
        && near(b.first, a.last)
}

/// Clusters told in different languages that are one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Join {
    /// The clusters, by index into the profiles given, in their order.
    pub clusters: Vec<usize>,
    /// One line per join, said after the clusters' own reasons.
    pub why: Vec<String>,
}

/// Which clusters to join across languages (see the module docs). `profiles` are
/// the clusters' in corpus order (by the position of each cluster's root), `None`
/// for a cluster that has no profile.
pub fn joins(profiles: &[Option<Profile>], lex: &Lexicon) -> Vec<Join> {
    let mut langs = profiles.iter().flatten().map(|p| p.lang.as_str());
    let Some(one) = langs.next() else {
        return Vec::new();
    };
    if langs.all(|l| l == one) {
        return Vec::new();
    }
    // Candidates per cluster, by the other cluster's language. Clusters in a
    // second language are few, so this pass is over few pairs in practice.
    let candidates: Vec<Vec<usize>> = profiles
        .iter()
        .map(|p| {
            let Some(p) = p else { return Vec::new() };
            profiles
                .iter()
                .enumerate()
                .filter(|(_, q)| q.as_ref().is_some_and(|q| alike(p, q, lex)))
                .map(|(j, _)| j)
                .collect()
        })
        .collect();
    let mut root: Vec<usize> = (0..profiles.len()).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for (i, cands) in candidates.iter().enumerate() {
        let [j] = cands[..] else { continue };
        let (Some(p), Some(q)) = (&profiles[i], &profiles[j]) else {
            continue;
        };
        let back: Vec<&usize> = candidates[j]
            .iter()
            .filter(|&&k| profiles[k].as_ref().is_some_and(|r| r.lang == p.lang))
            .collect();
        if back == [&i] || p.size < q.size {
            let (a, b) = (find(&mut root, i), find(&mut root, j));
            if a != b {
                root[a] = b;
                joined.push((i, j));
            }
        }
    }
    let mut merged: HashMap<usize, Join> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    for (i, _) in joined.iter().flat_map(|&(i, j)| [(i, ()), (j, ())]) {
        let r = find(&mut root, i);
        merged.entry(r).or_insert_with(|| {
            order.push(r);
            Join {
                clusters: Vec::new(),
                why: Vec::new(),
            }
        });
    }
    for i in 0..profiles.len() {
        let r = find(&mut root, i);
        if let Some(join) = merged.get_mut(&r) {
            join.clusters.push(i);
        }
    }
    for (i, j) in joined {
        let (Some(p), Some(q)) = (&profiles[i], &profiles[j]) else {
            continue;
        };
        let r = find(&mut root, i);
        if let Some(join) = merged.get_mut(&r) {
            let lead = |lang: &str| {
                join.clusters
                    .iter()
                    .filter_map(|&c| profiles[c].as_ref())
                    .filter(|p| p.lang == lang)
                    .min_by(|a, b| a.lead.1.cmp(&b.lead.1))
                    .map(|p| p.lead.0.clone())
                    .unwrap_or_default()
            };
            let line = format!(
                "{} + {} (across languages): the same kind of event in {}, {} to {}",
                lead(&p.lang),
                lead(&q.lang),
                q.place,
                p.first.min(q.first),
                p.last.max(q.last)
            );
            join.why.push(line);
        }
    }
    order.sort_by_key(|r| merged[r].clusters[0]);
    order
        .into_iter()
        .filter_map(|r| merged.remove(&r))
        .collect()
}
