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

use super::cluster::Clusters;
use super::signals::Unit;
use crate::lexicon::Lexicon;
use chrono::NaiveDate;
use std::collections::HashMap;

/// How far apart, in days, two clusters' date spans may lie.
const NEAR_DAYS: i64 = 7;

/// What a cluster tells, language-free.
struct Profile<'u> {
    lang: &'u str,
    kind: usize,
    place: &'u str,
    first: NaiveDate,
    last: NaiveDate,
    size: usize,
}

/// The profile of a cluster all in one language with a kind, a place and a date.
fn profile<'u>(units: &'u [Unit], members: &[usize]) -> Option<Profile<'u>> {
    let lang = units[*members.first()?].lang.as_str();
    if members.iter().any(|&m| units[m].lang != lang) {
        return None;
    }
    let kind = most(members.iter().filter_map(|&m| units[m].kind))?;
    let place = most(members.iter().filter_map(|&m| units[m].place.as_deref()))?;
    let dates = members.iter().filter_map(|&m| units[m].date);
    Some(Profile {
        lang,
        kind,
        place,
        first: dates.clone().min()?,
        last: dates.max()?,
        size: members.len(),
    })
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
            || lex.place_within(a.place, b.place)
            || lex.place_within(b.place, a.place))
        && near(a.first, b.last)
        && near(b.first, a.last)
}

/// Joins clusters of one event told in different languages (see the module docs).
pub fn join(units: &[Unit], clusters: &mut Clusters, lex: &Lexicon) {
    let profiles: Vec<Option<Profile>> =
        clusters.groups.iter().map(|g| profile(units, g)).collect();
    let mut langs = profiles.iter().flatten().map(|p| p.lang);
    let Some(one) = langs.next() else {
        return;
    };
    if langs.all(|l| l == one) {
        return;
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
    let mut root: Vec<usize> = (0..clusters.groups.len()).collect();
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
    if joined.is_empty() {
        return;
    }
    let mut merged: HashMap<usize, (Vec<usize>, Vec<String>)> = HashMap::new();
    let groups = std::mem::take(&mut clusters.groups);
    let whys = std::mem::take(&mut clusters.why);
    let mut order: Vec<usize> = Vec::new();
    for (i, (g, w)) in groups.into_iter().zip(whys).enumerate() {
        let r = find(&mut root, i);
        let entry = merged.entry(r).or_insert_with(|| {
            order.push(r);
            (Vec::new(), Vec::new())
        });
        entry.0.extend(g);
        entry.1.extend(w);
    }
    for (i, j) in joined {
        let (p, q) = (profiles[i].as_ref(), profiles[j].as_ref());
        if let (Some(p), Some(q)) = (p, q) {
            let r = find(&mut root, i);
            if let Some(entry) = merged.get_mut(&r) {
                entry.1.push(format!(
                    "{} + {} (across languages): the same kind of event in {}, {} to {}",
                    units[clusters_first(&entry.0, units, p.lang)].name(),
                    units[clusters_first(&entry.0, units, q.lang)].name(),
                    q.place,
                    p.first.min(q.first),
                    p.last.max(q.last)
                ));
            }
        }
    }
    for r in order {
        if let Some((mut g, w)) = merged.remove(&r) {
            g.sort_unstable();
            clusters.groups.push(g);
            clusters.why.push(w);
        }
    }
}

/// The first member of a merged group in a language.
fn clusters_first(members: &[usize], units: &[Unit], lang: &str) -> usize {
    members
        .iter()
        .copied()
        .filter(|&m| units[m].lang == lang)
        .min()
        .unwrap_or(members[0])
}
