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

/// A pronoun reaches back to its person in the same sentence or the one before:
/// at most one sentence end between, and no paragraph break.
fn near(text: &str, from: usize, to: usize) -> bool {
    let Some(between) = text.get(from..to) else {
        return false;
    };
    let ends = between
        .as_bytes()
        .windows(2)
        .filter(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1].is_ascii_whitespace())
        .count();
    ends <= 1 && !between.contains("\n\n")
}

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
/// `text` is the source's text, which the claims' spans point into.
pub fn died_later(claims: &[Claim], text: &str) -> Vec<usize> {
    let one = |c: &Claim, metric: &str| c.implicit && c.metric.0 == metric && c.value == Some(1.0);
    // One set of the words deaths describe people by: linear in the claims.
    let deaths: rustc_hash::FxHashSet<String> = claims
        .iter()
        .filter(|c| one(c, "killed"))
        .flat_map(|c| who(&c.quote))
        .collect();
    let mut gone: rustc_hash::FxHashSet<usize> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| one(c, "injured"))
        .filter(|(_, c)| {
            let words = who(&c.quote);
            !words.iter().any(|w| OTHER.contains(&w.as_str()))
                && words.iter().any(|w| deaths.contains(w))
        })
        .map(|(i, _)| i)
        .collect();
    // "… a woman suffering from gunshot wounds. She was pronounced dead": a death
    // told by a pronoun is the person the article named just before it, when that
    // is a wounded count of one in the same sentence or the one before. One pass
    // in text order (body, then headline), remembering the last person counted.
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| (claims[i].headline, claims[i].span.start));
    let mut last: Option<usize> = None;
    for i in order {
        let c = &claims[i];
        if !matches!(c.metric.0.as_str(), "killed" | "injured") {
            continue;
        }
        if let Some(p) = last
            && claims[p].headline == c.headline
            && one(c, "killed")
            && pronoun(&c.quote)
            && one(&claims[p], "injured")
            && claims[p].span.end <= c.span.start
            && near(text, claims[p].span.end, c.span.start)
            && !who(&claims[p].quote)
                .iter()
                .any(|w| OTHER.contains(&w.as_str()))
        {
            gone.insert(p);
        }
        last = Some(i);
    }
    let mut gone: Vec<usize> = gone.into_iter().collect();
    gone.sort_unstable();
    gone
}

/// True when a quote opens on a personal pronoun ("she was pronounced dead").
fn pronoun(quote: &str) -> bool {
    let first = quote.split_whitespace().next().unwrap_or_default();
    matches!(first.to_lowercase().as_str(), "he" | "she")
}
