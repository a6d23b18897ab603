//! Stage 3, events: grouping sources — and the entries of live pages that cover
//! several events — into the events they tell of, so that `compare` sets figures
//! against each other only within one event.
//!
//! An event is what happened, where and when. Each source gives signals (kind,
//! place, date, the names and streets it mentions: [`signals`]); sources are
//! blocked by rare shared words within a date window and joined when alike enough
//! ([`cluster`]). A name a person gave — front matter `event`, the `[events]`
//! table of claimdiff.toml, a reviewed claim file — always wins.

mod cluster;
pub mod kinds;
mod languages;
mod names;
mod places;
pub mod signals;
pub use cluster::TermStats;

/// The version of the grouping rules. Recorded groupings (`claims/.events.json`)
/// made under other rules are not reused: raise it with any change that may
/// group sources differently, even within one release.
pub const RULES: u32 = 12;
mod windows;
mod words;

use crate::claim::Event;
use crate::corpus::Source;
use crate::lexicon::Lexicon;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use signals::Unit;
use std::collections::HashMap;

/// An event name a person gave a source, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// The event's name, used as its label.
    pub name: String,
    /// Where it was given: "front matter", "claimdiff.toml [events] \"2022-*\"", … .
    pub by: String,
}

/// The events of a corpus and where each source's text belongs.
#[derive(Debug, Clone, Default)]
pub struct Grouping {
    /// The events, by date then label.
    pub events: Vec<Event>,
    /// Per source: (start byte of a section or 0, event index), sorted by start.
    sections: HashMap<String, Vec<(usize, usize)>>,
}

impl Grouping {
    /// The event of the text at `offset` in a source.
    pub fn event_at(&self, source: &str, offset: usize) -> Option<&Event> {
        let list = self.sections.get(source)?;
        let i = list.partition_point(|(start, _)| *start <= offset);
        let (_, e) = list[i.saturating_sub(1)];
        self.events.get(e)
    }

    /// The event of a source as a whole (its first, for a page covering several).
    pub fn event_of(&self, source: &str) -> Option<&Event> {
        self.event_at(source, 0)
    }
}

/// Groups sources into events. `named` gives the name a person set for a source.
///
/// The stage in the steps a distributed run takes one by one: corpus statistics
/// ([`Stats`]), each source's [`Signature`], term statistics over all units
/// ([`TermStats`]), clustering ([`group_block`], here one block: the corpus) and
/// the events of the clusters ([`events_of`]).
pub fn group(
    sources: &[&Source],
    named: &(dyn Fn(&Source) -> Option<Named> + Sync),
    lex: &Lexicon,
) -> Grouping {
    let signatures = signatures(sources, named, lex);
    let terms = TermStats::of(signatures.iter().flat_map(|s| &s.units));
    // The sources come in id order, as a block is grouped: the units are moved,
    // not copied, into the one block the corpus is.
    let mut named_ones = Vec::new();
    let mut units = Vec::new();
    for s in signatures {
        if s.named.is_some() {
            named_ones.push(s);
        } else {
            units.extend(s.units);
        }
    }
    let block = block_of(&units, &named_ones.iter().collect::<Vec<_>>(), &terms);
    let mut events = events_of(block.clusters, lex);
    events.extend(block.named);
    sort_events(&mut events);
    Grouping::from_events(events)
}

/// Every source's [`Signature`], with the corpus's statistics, on every core;
/// by source id.
fn signatures(
    sources: &[&Source],
    named: &(dyn Fn(&Source) -> Option<Named> + Sync),
    lex: &Lexicon,
) -> Vec<Signature> {
    let stats = Stats::of(sources, lex);
    let mut signatures: Vec<Signature> = sources
        .par_iter()
        .map(|s| Signature::of(s, named(s), lex, &stats))
        .collect();
    signatures.sort_by(|a, b| a.id.cmp(&b.id));
    signatures
}

/// Why two sources were, or were not, grouped into one event: each one's
/// signals (kind, place, date), and what the rules saw of each pair of their
/// units ([`cluster::explain`], the corpus's vectors made once). `None` when either is not among the sources.
pub fn explain_pair(
    sources: &[&Source],
    named: &(dyn Fn(&Source) -> Option<Named> + Sync),
    lex: &Lexicon,
    a: &str,
    b: &str,
) -> Option<String> {
    use std::fmt::Write as _;
    let signatures = signatures(sources, named, lex);
    // A section of a live page or a round-up is given as `events` lists it:
    // `source#offset`.
    let find = |id: &str| signatures.iter().position(|s| s.id == source_of(id));
    let (ia, ib) = (find(a)?, find(b)?);
    let mut out = String::new();
    for s in [&signatures[ia], &signatures[ib]] {
        if let Some(n) = &s.named {
            let _ = writeln!(out, "{}: named \"{}\" by {}", s.id, n.name, n.by);
        }
        for u in &s.units {
            let kind = u.kind.map_or("event", |k| kinds::kinds()[k].name.as_str());
            let place = u.place.as_deref().unwrap_or("no place");
            let date = u.date.map_or("no date".to_string(), |d| d.to_string());
            let _ = writeln!(out, "{}: {kind} · {place} · {date}", u.name());
        }
    }
    if signatures[ia].named.is_some() || signatures[ib].named.is_some() {
        let _ = writeln!(
            out,
            "a name a person gave decides: sources given one name are one event"
        );
        return Some(out);
    }
    let terms = TermStats::of(signatures.iter().flat_map(|s| &s.units));
    let units: Vec<Unit> = signatures.into_iter().flat_map(|s| s.units).collect();
    let of = |id: &str| -> Vec<usize> {
        (0..units.len())
            .filter(|&i| units[i].source == source_of(id))
            .filter(|&i| !id.contains('#') || units[i].name() == id)
            .collect()
    };
    let (of_a, of_b) = (of(a), of(b));
    let pairs: Vec<(usize, usize)> = of_a
        .iter()
        .flat_map(|&i| of_b.iter().map(move |&j| (i, j)))
        .collect();
    let whys = cluster::explain(&units, &terms, &pairs);
    for (&(i, j), why) in pairs.iter().zip(whys) {
        let _ = writeln!(out, "{} + {}: {why}", units[i].name(), units[j].name());
    }
    Some(out)
}

/// The source of a unit's id: `source`, or `source#offset` for a section.
fn source_of(id: &str) -> &str {
    id.split_once('#').map_or(id, |(source, _)| source)
}

/// Events in a report's order: by date, then label, then id.
pub fn sort_events(events: &mut [Event]) {
    events.sort_by(|a, b| (a.date, &a.label, &a.id).cmp(&(b.date, &b.label, &b.id)));
}

/// The corpus statistics the events stage reads (see [`signals::Furniture`]).
pub use signals::Furniture as Stats;

/// What the events stage reads of one source: the name a person gave it, or
/// its units' signals. Serialized, it is the "event signature" a distributed run
/// extracts per document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// The source id.
    pub id: String,
    /// The name a person gave its event; it then has no units.
    pub named: Option<Named>,
    /// Its publication date (a named event's dates are its sources').
    pub published: Option<NaiveDate>,
    /// Its units (one, or one per run of a live page's entries).
    pub units: Vec<Unit>,
}

impl Signature {
    /// The signature of a source, given the corpus's statistics.
    pub fn of(source: &Source, named: Option<Named>, lex: &Lexicon, stats: &Stats) -> Signature {
        let units = match named {
            Some(_) => Vec::new(),
            None => units_of(source, lex, stats),
        };
        Signature {
            id: source.id.clone(),
            named,
            published: source.meta.published,
            units,
        }
    }
}

/// A unit as a member of an event: what the event's kind, place, dates, id and
/// sections are read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The source id.
    pub source: String,
    /// Its byte range, for a section of a page covering several events.
    pub span: Option<(usize, usize)>,
    /// Its kind, by index into [`kinds::kinds`].
    pub kind: Option<usize>,
    /// Its place.
    pub place: Option<String>,
    /// Its date.
    pub date: Option<NaiveDate>,
    /// Its language.
    pub lang: String,
}

impl Member {
    fn of(u: &Unit) -> Member {
        Member {
            source: u.source.clone(),
            span: u.span,
            kind: u.kind,
            place: u.place.clone(),
            date: u.date,
            lang: u.lang.clone(),
        }
    }

    /// "source" or "source#offset".
    pub fn name(&self) -> String {
        match self.span {
            Some((start, _)) => format!("{}#{start}", self.source),
            None => self.source.clone(),
        }
    }

    /// Its position in the corpus: units run in source id order, a page's in
    /// text order.
    pub fn order(&self) -> (&str, usize) {
        (&self.source, self.span.map_or(0, |(start, _)| start))
    }
}

/// Units the clustering put together, before units in other languages are joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Where its root unit lies in the corpus (source id, start): clusters are
    /// taken in this order, as one clustering of the whole corpus lists them.
    pub order: (String, usize),
    /// Its units, in corpus order.
    pub members: Vec<Member>,
    /// One line per join.
    pub why: Vec<String>,
}

/// What one block of signatures groups into.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The clusters of its units.
    pub clusters: Vec<Cluster>,
    /// The events people named, whole: every source given a name is in the block
    /// of that name.
    pub named: Vec<Event>,
}

/// Groups one block of signatures. A block is the corpus, or the sources linked
/// by shared [`block_keys`]: clustering only joins units that share a key, so
/// blocks are grouped apart and give the corpus's clusters, given the corpus's
/// term statistics.
pub fn group_block(signatures: &[Signature], terms: &TermStats) -> Block {
    // Ties in the clustering follow the units' order: the corpus's, whatever
    // order the block came in.
    let mut order: Vec<&Signature> = signatures.iter().collect();
    order.sort_by(|a, b| a.id.cmp(&b.id));
    let units: Vec<Unit> = order.iter().flat_map(|s| s.units.iter().cloned()).collect();
    let named: Vec<&Signature> = order.into_iter().filter(|s| s.named.is_some()).collect();
    block_of(&units, &named, terms)
}

/// The block of these units (in corpus order) and of the sources people named.
fn block_of(units: &[Unit], order: &[&Signature], terms: &TermStats) -> Block {
    let clusters = cluster::cluster(units, terms);
    let mut block = Block::default();
    for ((members, why), root) in clusters.groups.iter().zip(clusters.why).zip(clusters.roots) {
        let u = &units[root];
        block.clusters.push(Cluster {
            order: (u.source.clone(), u.span.map_or(0, |(start, _)| start)),
            members: members.iter().map(|&i| Member::of(&units[i])).collect(),
            why,
        });
    }
    let mut by_name: HashMap<&str, Vec<&Signature>> = HashMap::new();
    for &s in order {
        if let Some(n) = &s.named {
            by_name.entry(n.name.as_str()).or_default().push(s);
        }
    }
    for (name, members) in by_name {
        block.named.push(named_event(name, &members));
    }
    block
}

/// Pairs of sources whose units the clustering of these signatures accepts as
/// one event — enough of them to link every source to the others it is linked
/// to by accepted pairs — given the corpus's term statistics: the same decisions the
/// whole corpus makes on those pairs, since each depends on its two units and
/// the statistics alone. Sources no chain of accepted pairs links are grouped
/// apart, so blocks made of accepted pairs are about the size of events.
pub fn accepted_pairs(signatures: &[Signature], terms: &TermStats) -> Vec<(String, String)> {
    let units: Vec<Unit> = signatures
        .iter()
        .flat_map(|s| s.units.iter().cloned())
        .collect();
    let mut pairs: Vec<(String, String)> = cluster::cluster(&units, terms)
        .accepted
        .into_iter()
        .map(|(a, b)| {
            let (x, y) = (&units[a].source, &units[b].source);
            (x.min(y).clone(), x.max(y).clone())
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    // Only what they link matters: a pair whose sources are linked already is
    // left out (copies of one text accept every pair among them).
    let mut root: HashMap<String, String> = HashMap::new();
    fn find(root: &HashMap<String, String>, x: &str) -> String {
        let mut x = x.to_string();
        while let Some(up) = root.get(&x).filter(|up| **up != x) {
            x = up.clone();
        }
        x
    }
    pairs.retain(|(a, b)| {
        let (ra, rb) = (find(&root, a), find(&root, b));
        let links = ra != rb;
        if links {
            root.insert(ra, rb);
        }
        links
    });
    pairs
}

/// True when the units of these signatures that use `term` (a rare name) date
/// from several separate bursts (see [`cluster::recurs`]).
pub fn recurs(term: &str, signatures: &[Signature]) -> bool {
    let dates = signatures
        .iter()
        .flat_map(|s| &s.units)
        .filter(|u| u.terms.iter().any(|t| t == term))
        .filter_map(|u| u.date)
        .collect();
    cluster::recurs(dates)
}

/// The keys of a signature's units (see [`cluster::block_keys`]), or for a source
/// a person named, its name (`n:`): a block holds every source of a named event.
pub fn block_keys(signature: &Signature, terms: &TermStats) -> Vec<String> {
    let mut keys: Vec<String> = match &signature.named {
        Some(n) => vec![format!("n:{}", n.name)],
        None => Vec::new(),
    };
    for u in &signature.units {
        keys.extend(cluster::block_keys(u, terms));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The profile of a cluster that [`joins`] reads.
pub use languages::{Join, Profile, joins};

/// The events of the clusters of a corpus (every block's): clusters of one event
/// in different languages are joined (see [`joins`]), then each becomes an event.
/// The order they come in does not matter.
pub fn events_of(mut clusters: Vec<Cluster>, lex: &Lexicon) -> Vec<Event> {
    clusters.sort_by(|a, b| a.order.cmp(&b.order));
    let profiles: Vec<Option<Profile>> = clusters.iter().map(Profile::of).collect();
    let joined = joins(&profiles, lex);
    let mut taken = vec![false; clusters.len()];
    let mut events = Vec::new();
    for join in &joined {
        let parts: Vec<&Cluster> = join.clusters.iter().map(|&c| &clusters[c]).collect();
        events.push(joined_event(&parts, &join.why));
        for &c in &join.clusters {
            taken[c] = true;
        }
    }
    for (c, taken) in clusters.iter().zip(taken) {
        if !taken {
            events.push(joined_event(&[c], &[]));
        }
    }
    events
}

/// The event of some clusters joined (or of one cluster): their members, and
/// their reasons followed by the reasons for joining them.
pub fn joined_event(parts: &[&Cluster], why: &[String]) -> Event {
    let members: Vec<&Member> = parts.iter().flat_map(|c| &c.members).collect();
    let why = parts
        .iter()
        .flat_map(|c| c.why.iter())
        .chain(why)
        .cloned()
        .collect();
    found(&members, why)
}

impl Grouping {
    /// The grouping these events make (as [`group`] made them, or as recorded).
    pub fn from_events(events: Vec<Event>) -> Grouping {
        let mut sections: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            let whole = e.sources.iter().filter(|s| {
                !e.sections
                    .iter()
                    .any(|x| x.rsplit_once('#').is_some_and(|(id, _)| id == s.as_str()))
            });
            for s in e.sections.iter().chain(whole) {
                let (id, start) = match s.rsplit_once('#') {
                    Some((id, at)) => (id.to_string(), at.parse().unwrap_or(0)),
                    None => (s.clone(), 0),
                };
                sections.entry(id).or_default().push((start, i));
            }
        }
        for list in sections.values_mut() {
            list.sort_unstable();
            // A page's first section stands for the text before it too.
            if let Some(first) = list.first_mut() {
                first.0 = 0;
            }
        }
        Grouping { events, sections }
    }
}

/// A source as one unit, or — a live page or a round-up whose entries tell of
/// events of different kinds or places — one unit per run of entries about one
/// event.
fn units_of(s: &Source, lex: &Lexicon, furniture: &signals::Furniture) -> Vec<Unit> {
    let whole = signals::read(s, None, false, lex, furniture);
    // A page split at its headings is a round-up: its title tells of every
    // entry, and would make the first one of every kind.
    let (sections, round_up) = s.stories();
    if sections.len() < 2 {
        return vec![whole];
    }
    let mut runs: Vec<Unit> = Vec::new();
    for sec in sections {
        let u = signals::read(s, Some((sec.start, sec.end)), round_up, lex, furniture);
        match runs.last_mut() {
            Some(last) if same_story(last, &u) => {
                last.span = last.span.map(|(a, _)| (a, sec.end));
                last.terms = last.terms.iter().chain(u.terms.iter()).cloned().collect();
                if last.lede.is_empty() {
                    last.lede = u.lede;
                }
                last.places.extend(u.places);
                for (n, m) in last.kind_counts.iter_mut().zip(&u.kind_counts) {
                    *n += m;
                }
                last.kind = signals::most_used_kind(&last.kind_counts);
                last.place = last.place.take().or(u.place);
            }
            _ => runs.push(u),
        }
    }
    if runs.len() < 2 { vec![whole] } else { runs }
}

/// Entries of one page about one event: no kinds or places that differ.
fn same_story(a: &Unit, b: &Unit) -> bool {
    let kinds = a.kinds_agree(b);
    let places = match (&a.place, &b.place) {
        (Some(p), Some(q)) => a.places.contains(q) || b.places.contains(p),
        _ => true,
    };
    kinds && places
}

/// The most common of some values (ties to the smallest).
fn most_common<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut all: Vec<T> = values.collect();
    all.sort();
    all.chunk_by(|a, b| a == b)
        .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b[0].cmp(&a[0])))
        .map(|run| run[0].clone())
}

fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let hex: String = h
        .finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("e{hex}")
}

/// "shooting · Houston · 2016-06-26", leaving out what is unknown.
pub fn label(kind: &str, place: Option<&str>, date: Option<NaiveDate>) -> String {
    let mut parts = vec![kind.to_string()];
    parts.extend(place.map(str::to_string));
    parts.extend(date.map(|d| d.to_string()));
    parts.join(" · ")
}

/// An event found by grouping. Its id hangs on its kind, its place and its first
/// member, so sources added elsewhere in the corpus leave it as it is.
fn found(members: &[&Member], why: Vec<String>) -> Event {
    let kinds = kinds::kinds();
    let kind = most_common(members.iter().filter_map(|u| u.kind))
        .map_or("event", |k| kinds[k].name.as_str())
        .to_string();
    let place = most_common(members.iter().filter_map(|u| u.place.clone()));
    let date = members.iter().filter_map(|u| u.date).min();
    let until = members.iter().filter_map(|u| u.date).max();
    let mut sections: Vec<String> = members.iter().map(|u| u.name()).collect();
    sections.sort();
    let first = sections.first().cloned().unwrap_or_default();
    let mut sources: Vec<String> = members.iter().map(|u| u.source.clone()).collect();
    sources.sort();
    sources.dedup();
    sections.retain(|s| s.contains('#'));
    Event {
        id: short_hash(&[&kind, place.as_deref().unwrap_or(""), &first]),
        label: label(&kind, place.as_deref(), date),
        kind,
        place,
        date,
        until,
        sources,
        sections,
        why,
        manual: false,
    }
}

/// An event a person named: its id hangs on the name alone.
fn named_event(name: &str, members: &[&Signature]) -> Event {
    let mut sources: Vec<String> = members.iter().map(|s| s.id.clone()).collect();
    sources.sort();
    let dates = members.iter().filter_map(|s| s.published);
    let mut why: Vec<String> = members
        .iter()
        .filter_map(|s| Some(format!("{}: named in {}", s.id, s.named.as_ref()?.by)))
        .collect();
    why.sort();
    Event {
        id: short_hash(&["named", name]),
        label: name.to_string(),
        kind: "event".to_string(),
        place: None,
        date: dates.clone().min(),
        until: dates.max(),
        sources,
        sections: Vec::new(),
        why,
        manual: true,
    }
}

/// True when a glob (`*` any run of characters, `?` one) matches a whole source id.
pub fn glob_match(pattern: &str, id: &str) -> bool {
    let (p, s): (Vec<char>, Vec<char>) = (pattern.chars().collect(), id.chars().collect());
    let (mut pi, mut si, mut star, mut mark) = (0, 0, None, 0);
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if let Some(st) = star {
            pi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_whole_ids() {
        assert!(glob_match("2022-01-*", "2022-01-06-izvestia"));
        assert!(glob_match("*fire*", "mine-fire-report"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("2022-*", "x2022-01"));
        assert!(!glob_match("abc", "abcd"));
    }

    #[test]
    fn labels_leave_out_what_is_unknown() {
        assert_eq!(
            label(
                "shooting",
                Some("Houston"),
                NaiveDate::from_ymd_opt(2016, 6, 26)
            ),
            "shooting · Houston · 2016-06-26"
        );
        assert_eq!(label("event", None, None), "event");
    }
}
