//! Which pairs of units are worth judging: those that share a name few units
//! use within the date window, a word of their openings within days, or the
//! same words — blocked, never all pairs — and the keys a distributed run
//! blocks units by, which must make the same pairs.

use super::{
    CLOSE_DAYS, LEDE_DF, MAX_DAYS, Pair, RARE_DF, TermStats, Vectors, cosine, days_apart, is_name,
    judge,
};
use crate::events::signals::Unit;
use crate::events::words::Term;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A report's words, date and place: equal for a story run twice.
type SameWords<'a> = (Vec<&'a str>, Option<chrono::NaiveDate>, Option<&'a str>);

/// A unit's [`SameWords`], its words sorted.
fn same_words(unit: &Unit) -> SameWords<'_> {
    let mut words: Vec<&str> = unit.terms.iter().map(Term::as_str).collect();
    words.sort_unstable();
    (words, unit.date, unit.place.as_deref())
}

/// A hash of a unit's [`SameWords`] that needs no sorting (its words' hashes
/// summed): equal for equal units, and telling nearly all others apart. The
/// block key of units told in the same words ([`block_keys`]); the clustering
/// finds them by [`Vectors::same`], from term ids, and compares them word for
/// word.
fn same_words_hash(unit: &Unit) -> u64 {
    let words = unit
        .terms
        .iter()
        .map(|t| crate::events::signals::hash_of(t.as_str()))
        .fold(0u64, u64::wrapping_add);
    crate::events::signals::hash_of(&(words, unit.terms.len(), unit.date, unit.place.as_deref()))
}

/// True for a term made mostly of letters: a date or a number written the same
/// in two reports of one day tells nothing of what happened.
fn wordy(term: &str) -> bool {
    let digits = term.chars().filter(char::is_ascii_digit).count();
    let letters = term.chars().filter(|c| c.is_alphabetic()).count();
    letters > digits
}

/// True for a word of an opening that makes candidates: a word (not a date or
/// a number) at most `RARE_DF` units use, or a name (a street, a bar) at most
/// `LEDE_DF` do.
fn lede_key(term: &str, df: usize) -> bool {
    let name = term.starts_with(['^', '@']) || term.contains(' ');
    wordy(term) && (df <= RARE_DF || (name && df <= LEDE_DF))
}

/// The pairs worth scoring, sorted, and those of them that are copies or the
/// same words. Every pair shares a key of [`block_keys`]: keep it so when adding a
/// rule, or a distributed run misses the pairs the rule makes.
pub(super) fn candidates(units: &[Unit], v: &Vectors) -> (Vec<Pair>, HashSet<Pair>) {
    // Blocking: only units sharing a name few units use, within the date window
    // (days, for a name that recurs over the years: it joins only reports that
    // close).
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::default();
    for (u, w) in v.weights.iter().enumerate() {
        for &(t, _) in w {
            if v.df[t as usize] <= RARE_DF && is_name(v, t) {
                postings.entry(t).or_default().push(u);
            }
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (&t, list) in &postings {
        let window = if v.person[t as usize] {
            i64::MAX
        } else if v.recurring[t as usize] {
            CLOSE_DAYS
        } else {
            MAX_DAYS
        };
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                if days_apart(&units[a], &units[b]).is_none_or(|d| d <= window) {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    // Reports days apart whose openings share a word few units use: the lede
    // rule below may join them without a name.
    let mut lede_postings: HashMap<u32, Vec<usize>> = HashMap::default();
    for (u, w) in v.ledes.iter().enumerate() {
        for &(t, _) in w {
            if lede_key(&v.names[t as usize], v.df[t as usize]) {
                lede_postings.entry(t).or_default().push(u);
            }
        }
    }
    // Only the lede rule can join a pair through such a word alone (every
    // other rule asks for a name both use, and names make candidates above),
    // so a pair whose openings are not alike enough for it is left out here:
    // the same verdicts, without judging the many pairs a day's reports make.
    // Each pair once, however many such words it shares.
    let mut by_lede: Vec<Pair> = Vec::new();
    for list in lede_postings.values() {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                if days_apart(&units[a], &units[b]).is_some_and(|d| d <= CLOSE_DAYS) {
                    by_lede.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    by_lede.sort_unstable();
    by_lede.dedup();
    candidates.extend(
        by_lede
            .into_iter()
            .filter(|&(a, b)| cosine(&v.ledes[a], &v.ledes[b]) >= judge::LEDE_SIMILARITY),
    );
    // Reports that tell the same thing in the same words (a wire story run by
    // several outlets, a file saved twice) are one event however few rare names
    // they hold.
    // Keyed by a hash, not the words themselves (a corpus's every word at once):
    // the few units sharing one are then compared word for word.
    let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::default();
    for (u, unit) in units.iter().enumerate() {
        if !unit.terms.is_empty() {
            by_hash.entry(v.same[u]).or_default().push(u);
        }
    }
    let mut same: Vec<Vec<usize>> = Vec::new();
    for list in by_hash.values().filter(|list| list.len() > 1) {
        let mut alike: HashMap<SameWords, Vec<usize>> = HashMap::default();
        for &u in list {
            alike.entry(same_words(&units[u])).or_default().push(u);
        }
        same.extend(alike.into_values());
    }
    // Copies of one text (a corpus of the same page saved again and again, where
    // every paragraph looks like furniture) are one event too.
    let mut copies: HashMap<u64, Vec<usize>> = HashMap::default();
    for (u, unit) in units.iter().enumerate() {
        if let Some(copy) = unit.copy {
            copies.entry(copy).or_default().push(u);
        }
    }
    let mut duplicates: HashSet<(usize, usize)> = HashSet::default();
    for list in same.iter().chain(copies.values()) {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                candidates.push((a.min(b), a.max(b)));
                duplicates.insert((a.min(b), a.max(b)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    (candidates, duplicates)
}

/// The keys a unit is blocked by: the rare names and the rare wordy words of its
/// opening (`t:` and the term), its words with its date and place (`w:`) and its
/// text (`c:`). Two units [`cluster`] may join share one, so a corpus falls into
/// independent blocks: the units linked by shared keys.
pub fn block_keys(unit: &Unit, stats: &TermStats) -> Vec<String> {
    let rare = |t: &str| (2..=RARE_DF).contains(&stats.df(t, 1));
    let mut keys: Vec<String> = unit
        .terms
        .iter()
        .filter(|t| rare(t) && (t.starts_with(['^', '@']) || t.contains(' ')))
        .chain(unit.lede.iter().filter(|t| {
            let df = stats.df(t, 1);
            df >= 2 && lede_key(t, df)
        }))
        .map(|t| format!("t:{t}"))
        .collect();
    if !unit.terms.is_empty() {
        keys.push(format!("w:{:016x}", same_words_hash(unit)));
    }
    if let Some(copy) = unit.copy {
        keys.push(format!("c:{copy:016x}"));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}
