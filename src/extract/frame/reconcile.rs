//! One person, two fates: "a 16-year-old was critically injured" and, further on,
//! "the 16-year-old died". Within one article a death of the person a count of one
//! was wounded wins: the wounded count of one is the same person, not another.

use crate::claim::Claim;

/// Words of a quote that say nothing of who the person is.
const NOT_WHO: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "was",
    "were",
    "is",
    "has",
    "had",
    "have",
    "been",
    "be",
    "and",
    "later",
    "then",
    "critically",
    "seriously",
    "fatally",
    "mortally",
    "pronounced",
    "found",
    "shot",
    "killed",
    "killing",
    "injured",
    "injuring",
    "wounded",
    "wounding",
    "hurt",
    "died",
    "dies",
    "dead",
    "death",
    "to",
    "in",
    "at",
    "by",
    "of",
    "with",
    "suffered",
    "suffering",
    "injuries",
    "wounds",
    "gunshot",
];

/// Words that say a second person: "another man was wounded".
const OTHER: &[&str] = &[
    "another", "other", "second", "third", "fourth", "both", "also",
];

/// The words of a quote that describe the person ("16-year-old", "girl").
fn who(quote: &str) -> Vec<String> {
    quote
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !NOT_WHO.contains(&w.as_str()))
        .collect()
}

/// Indices of the implicit wounded counts of one whom an implicit death in the
/// same article names too.
pub fn died_later(claims: &[Claim]) -> Vec<usize> {
    let one = |c: &Claim, metric: &str| c.implicit && c.metric.0 == metric && c.value == Some(1.0);
    let deaths: Vec<Vec<String>> = claims
        .iter()
        .filter(|c| one(c, "killed"))
        .map(|c| who(&c.quote))
        .collect();
    claims
        .iter()
        .enumerate()
        .filter(|(_, c)| one(c, "injured"))
        .filter(|(_, c)| {
            let words = who(&c.quote);
            !words.iter().any(|w| OTHER.contains(&w.as_str()))
                && deaths.iter().any(|d| words.iter().any(|w| d.contains(w)))
        })
        .map(|(i, _)| i)
        .collect()
}
