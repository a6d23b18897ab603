//! Deciding which units tell of one event, without comparing all pairs: units are
//! blocked by the rare words they share (a victim's name, a street, a venue) within
//! a date window, each candidate pair is judged ([`judge`]: the rules), and pairs
//! are joined best first — a join between two groups only when most of their cross
//! pairs agree, so one loose pair cannot chain two incidents into one blob.

mod candidates;
mod ids;
mod judge;

use super::signals::Unit;
pub use candidates::block_keys;
use candidates::candidates;
use ids::TermIds;
use judge::{Edge, judge};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::BuildHasher;

/// A name is rare, and tells an event apart, when at most this many units use it.
/// Every join needs one, so units are blocked on them: a name shared by many
/// units makes no candidates.
const RARE_DF: usize = 10;
/// Days without a report that end a burst of reports about one incident.
const BURST_GAP: i64 = 45;
/// A name used in this many separate bursts names a place or an institution.
const MAX_BURSTS: usize = 3;
/// Units whose dates lie further apart are never one event.
const MAX_DAYS: i64 = 400;
/// Within this many days, reports of one event usually follow each other.
const NEAR_DAYS: i64 = 30;
/// Reports within this many days of each other are most often of one incident
/// when they are alike: the first report and the next day's.
const CLOSE_DAYS: i64 = 3;
/// A name in a report's opening used by at most this many units makes a
/// candidate pair of reports within `CLOSE_DAYS` (any other word, at most
/// `RARE_DF`): the lede rule, which asks for openings alike, judges them, so the
/// name need only be uncommon — a street or a bar a city's other stories also
/// name, in other weeks. Only names: the common words of a day's many reports
/// would make pairs of most of them. Not scaled with the corpus: in a large
/// archive of briefs told from one template, a street's name would pair the
/// briefs of every incident on it.
const LEDE_DF: usize = 20;

/// Units put together, and why.
#[derive(Debug, Default)]
pub struct Clusters {
    /// Groups of unit indexes, each sorted.
    pub groups: Vec<Vec<usize>>,
    /// For each group, one line per join.
    pub why: Vec<Vec<String>>,
    /// For each group, its root: the unit the others were joined to. Groups come
    /// in the order of their roots.
    pub roots: Vec<usize>,
    /// Every pair accepted as one event (a join is made along one of them only
    /// when most pairs across the two groups are accepted): units that no chain
    /// of accepted pairs links are clustered apart.
    pub accepted: Vec<(usize, usize)>,
}

struct Vectors {
    /// Per unit: (term id, weight), sorted by term, unit length.
    weights: Vec<Vec<(u32, f32)>>,
    /// Per unit: a hash of its [`SameWords`] (its term counts, date and place),
    /// equal for units told in the same words.
    same: Vec<u64>,
    /// The same for each unit's headline and opening paragraphs.
    ledes: Vec<Vec<(u32, f32)>>,
    /// Per term: how many units use it.
    df: Vec<usize>,
    /// Per term: its text.
    names: Vec<String>,
    /// Per term: true when its users' dates fall in several separate bursts — a
    /// hospital, a city, a street many incidents happen on — rather than in the
    /// days (and the later trial) of one incident.
    recurring: Vec<bool>,
    /// Per unit: true when it names a person, street or venue of two words.
    own_pairs: Vec<bool>,
    /// Per term: true for a person's name: given as one (`@`: its last word is
    /// used alone, as a surname), or a two-word name at least half of whose users
    /// give it so — the others name the person without using the surname alone.
    person: Vec<bool>,
    /// How many units the corpus has.
    n: usize,
}

/// Term statistics over every unit of a corpus: how many units there are and how
/// many use each term. A block of units is scored with the corpus's, so that its
/// scores are the scores the whole corpus gives.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TermStats {
    /// How many units the corpus has.
    pub n: usize,
    /// Per term: how many units use it.
    pub df: std::collections::HashMap<String, usize, rustc_hash::FxBuildHasher>,
    /// The rare terms whose users' dates fall in several bursts ([`recurs`]):
    /// a name shared across years tells no incident apart.
    #[serde(default)]
    pub recurring: std::collections::BTreeSet<String>,
}

/// True when the dates of a rare term's users fall in several separate bursts —
/// a hospital, a city, a street many incidents happen on — rather than in the
/// days (and the later trial) of one incident.
pub fn recurs(mut dates: Vec<chrono::NaiveDate>) -> bool {
    dates.sort_unstable();
    let bursts = 1 + dates
        .windows(2)
        .filter(|w| (w[1] - w[0]).num_days() > BURST_GAP)
        .count();
    bursts >= MAX_BURSTS
}

impl TermStats {
    /// Counts the terms of some units.
    pub fn of<'u>(units: impl IntoIterator<Item = &'u Unit>) -> TermStats {
        let units: Vec<&Unit> = units.into_iter().collect();
        let ids = TermIds::of(units.iter().flat_map(|u| u.terms.iter()));
        let mut df = vec![0usize; ids.len()];
        // Only a rare term's dates are needed; past that, one more than rare
        // is enough to know it is not.
        let mut dates: Vec<Vec<chrono::NaiveDate>> = vec![Vec::new(); ids.len()];
        // Terms in the order they are first met (each unit's in term order):
        // the table of counts is filled in that order, as it always was.
        let mut met: Vec<u32> = Vec::with_capacity(ids.len());
        let mut seen: Vec<u32> = Vec::new();
        for u in &units {
            seen.clear();
            seen.extend(u.terms.iter().map(|t| ids.id(t)));
            seen.sort_unstable();
            seen.dedup();
            for &t in &seen {
                if df[t as usize] == 0 {
                    met.push(t);
                }
                df[t as usize] += 1;
                let users = &mut dates[t as usize];
                if users.len() <= RARE_DF {
                    users.extend(u.date);
                }
            }
        }
        let mut stats = TermStats {
            n: units.len(),
            ..TermStats::default()
        };
        for &t in &met {
            stats
                .df
                .insert(ids.names[t as usize].to_string(), df[t as usize]);
        }
        stats.recurring = met
            .iter()
            .filter(|&&t| df[t as usize] <= RARE_DF)
            .filter(|&&t| recurs(std::mem::take(&mut dates[t as usize])))
            .map(|&t| ids.names[t as usize].to_string())
            .collect();
        stats
    }

    /// How many units use a term: the corpus's count, or `local` (the block's)
    /// when the statistics do not know it.
    fn df(&self, term: &str, local: usize) -> usize {
        self.df.get(term).copied().unwrap_or(local)
    }
}

fn vectors(units: &[Unit], stats: &TermStats) -> Vectors {
    // Term ids in term order, whichever units are present: every sum below runs
    // over terms in one order, so a block scores its pairs bit for bit as the
    // whole corpus does.
    let ids = TermIds::of(units.iter().flat_map(|u| u.terms.iter()));
    let tfs: Vec<Vec<(u32, u32)>> = units
        .par_iter()
        .map(|u| counts(u.terms.iter().map(|t| ids.id(t)).collect()))
        .collect();
    let names = &ids.names;
    let own_pairs = units
        .iter()
        .map(|u| u.terms.iter().any(|t| t.starts_with('@')))
        .collect();
    let mut df = vec![0usize; names.len()];
    for tf in &tfs {
        for &(t, _) in tf {
            df[t as usize] += 1;
        }
    }
    for (t, name) in names.iter().enumerate() {
        df[t] = stats.df(name, df[t]);
    }
    let recurring = names.iter().map(|t| stats.recurring.contains(*t)).collect();
    let person = names
        .iter()
        .enumerate()
        .map(|(t, name)| {
            if name.starts_with('@') {
                return true;
            }
            if !name.contains(' ') || name.starts_with('^') {
                return false;
            }
            // Only a plain two-word name is asked how many give it as a person's.
            let marked = format!("@{name}");
            let local = ids.find(&marked).map_or(0, |i| df[i as usize]);
            let given = stats.df(&marked, local);
            given > 0 && 2 * given >= df[t]
        })
        .collect();
    let count = stats.n.max(units.len());
    let n = count as f32;
    let same = units
        .iter()
        .zip(&tfs)
        .map(|(u, tf)| rustc_hash::FxBuildHasher.hash_one((tf, u.date, u.place.as_deref())))
        .collect();
    let weights = tfs.into_par_iter().map(|tf| weigh(tf, &df, n)).collect();
    let ledes = units
        .par_iter()
        .map(|u| {
            let ts = u.lede.iter().filter_map(|t| ids.get(t));
            weigh(counts(ts.collect()), &df, n)
        })
        .collect();
    Vectors {
        weights,
        same,
        ledes,
        df,
        names: names.iter().map(|t| t.to_string()).collect(),
        recurring,
        own_pairs,
        person,
        n: count,
    }
}

/// Term ids as (term, count), sorted by term, so that sums run in one order.
fn counts(mut ts: Vec<u32>) -> Vec<(u32, u32)> {
    ts.sort_unstable();
    ts.chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len() as u32))
        .collect()
}

/// Term counts as tf-idf weights of unit length, leaving out words one unit alone
/// uses. Smoothed so that in a handful of sources shared words still weigh.
fn weigh(tf: Vec<(u32, u32)>, df: &[usize], n: f32) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = tf
        .into_iter()
        .filter(|(t, _)| df[*t as usize] >= 2)
        .map(|(t, c)| {
            let idf = ((n + 20.0) / (df[t as usize] as f32 + 1.0)).ln();
            (t, (1.0 + (c as f32).ln()) * idf)
        })
        .collect();
    // Built in the counts' own room, which grew by doubling: held for the whole
    // clustering, the spare room is given back.
    v.shrink_to_fit();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
    for (_, w) in &mut v {
        *w /= norm;
    }
    v
}

/// The cosine of two sparse vectors sorted by term.
fn cosine(x: &[(u32, f32)], y: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += x[i].1 * y[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// True for a capitalised word or pair (a name, a street, a venue) few units use.
fn is_rare_name(v: &Vectors, t: u32) -> bool {
    v.df[t as usize] <= RARE_DF && !v.recurring[t as usize] && is_name(v, t)
}

/// True for a capitalised word or pair.
fn is_name(v: &Vectors, t: u32) -> bool {
    let name = &v.names[t as usize];
    name.starts_with(['^', '@']) || name.contains(' ')
}

fn days_apart(a: &Unit, b: &Unit) -> Option<i64> {
    Some((a.date? - b.date?).num_days().abs())
}

/// Two units, by index, the lower first.
type Pair = (usize, usize);

/// True when two groups of units may become one: most pairs across them are
/// accepted (average link), or every unit of the smaller group is accepted with
/// one of the larger's — a follow-up and its incident's coverage, each report
/// linked by names of its own, none by one loose pair.
fn groups_agree(ga: &[usize], gb: &[usize], accepted: &HashSet<Pair>) -> bool {
    let linked = |x: usize, y: usize| accepted.contains(&(x.min(y), x.max(y)));
    let agree = ga
        .iter()
        .flat_map(|&x| gb.iter().map(move |&y| (x, y)))
        .filter(|&(x, y)| linked(x, y))
        .count();
    let (small, big) = if ga.len() <= gb.len() {
        (ga, gb)
    } else {
        (gb, ga)
    };
    let covered = small.len() >= 2 && small.iter().all(|&x| big.iter().any(|&y| linked(x, y)));
    2 * agree >= ga.len() * gb.len() || covered
}

/// Groups units into events, scoring them with the corpus's term statistics
/// (those of `units` alone when they are the whole corpus).
pub fn cluster(units: &[Unit], stats: &TermStats) -> Clusters {
    let v = vectors(units, stats);
    let (candidates, duplicates) = candidates(units, &v);
    // Each pair is judged on its own: on every core, in the candidates' order.
    let judged: Vec<(Edge, String)> = candidates
        .par_iter()
        .filter_map(|&(a, b)| judge(units, &v, &duplicates, a, b).ok())
        .collect();
    let mut edges: Vec<Edge> = Vec::with_capacity(judged.len());
    let mut reasons: HashMap<(usize, usize), String> = HashMap::default();
    for (edge, why) in judged {
        reasons.insert((edge.a, edge.b), why);
        edges.push(edge);
    }
    edges.sort_by(|x, y| {
        x.weak
            .cmp(&y.weak)
            .then(y.score.total_cmp(&x.score))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let accepted: HashSet<(usize, usize)> = edges.iter().map(|e| (e.a, e.b)).collect();
    let mut out = Clusters {
        accepted: edges.iter().map(|e| (e.a, e.b)).collect(),
        ..Clusters::default()
    };
    let mut root: Vec<usize> = (0..units.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..units.len()).map(|u| vec![u]).collect();
    let mut why: Vec<Vec<String>> = vec![Vec::new(); units.len()];
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for e in &edges {
        let (ra, rb) = (find(&mut root, e.a), find(&mut root, e.b));
        if ra == rb {
            continue;
        }
        // Average link: most pairs across the two groups must agree. A report
        // still on its own joins the event of its strongest link within the
        // month (at any distance when that link is a person both name), as
        // nearest neighbour: a big incident's reports each name a few of its
        // people, rarely the same ones. Two groups never chain that way.
        let (ga, gb) = (&members[ra], &members[rb]);
        let alone = ga.len().min(gb.len()) == 1
            && (e.person || days_apart(&units[e.a], &units[e.b]).is_none_or(|d| d <= NEAR_DAYS));
        if !alone && !groups_agree(ga, gb, &accepted) {
            continue;
        }
        let moved = std::mem::take(&mut members[rb]);
        members[ra].extend(moved);
        let moved_why = std::mem::take(&mut why[rb]);
        why[ra].extend(moved_why);
        if let Some(r) = reasons.remove(&(e.a, e.b)) {
            why[ra].push(r);
        }
        root[rb] = ra;
    }
    for u in 0..units.len() {
        if find(&mut root, u) == u {
            let mut g = std::mem::take(&mut members[u]);
            g.sort_unstable();
            out.groups.push(g);
            out.why.push(std::mem::take(&mut why[u]));
            out.roots.push(u);
        }
    }
    out
}

/// What the rules see of each pair of units (by index): how alike they are
/// (their texts and their openings), how far apart, the names few units use
/// that both name, and the verdict — the line [`cluster`] gives an accepted
/// pair, or why the pair was never judged or was judged apart. An accepted pair
/// is one event unless the groups it would join disagree.
pub fn explain(units: &[Unit], stats: &TermStats, pairs: &[(usize, usize)]) -> Vec<String> {
    let v = vectors(units, stats);
    let (candidates, duplicates) = candidates(units, &v);
    pairs
        .iter()
        .map(|&(a, b)| explain_one(units, &v, &candidates, &duplicates, a, b))
        .collect()
}

fn explain_one(
    units: &[Unit],
    v: &Vectors,
    candidates: &[Pair],
    duplicates: &HashSet<Pair>,
    a: usize,
    b: usize,
) -> String {
    let (lo, hi) = (a.min(b), a.max(b));
    let (score, names) = judge::shared_names(v, lo, hi);
    let lede = cosine(&v.ledes[lo], &v.ledes[hi]);
    let days = match days_apart(&units[lo], &units[hi]) {
        None => "a date unknown".to_string(),
        Some(0) => "same day".to_string(),
        Some(1) => "1 day apart".to_string(),
        Some(d) => format!("{d} days apart"),
    };
    let shared = match names.len() {
        0 => "no name few reports use".to_string(),
        1..=8 => format!("both name {}", names.join(", ")),
        n => format!("both name {} and {} more", names[..8].join(", "), n - 8),
    };
    let verdict = if candidates.binary_search(&(lo, hi)).is_err() {
        format!(
            "never judged: no name few reports use within {MAX_DAYS} days ({CLOSE_DAYS} for \
             a name that recurs over the years), and no word of their openings at most \
             {RARE_DF} reports use (a name, {LEDE_DF}) within {CLOSE_DAYS} days"
        )
    } else {
        match judge(units, v, duplicates, lo, hi) {
            Ok((_, why)) => format!("accepted: {why}"),
            Err(why) => format!("judged apart: {why}"),
        }
    };
    format!("{score:.2} alike (openings {lede:.2}); {days}; {shared}\n  {verdict}")
}

#[cfg(test)]
mod tests;
