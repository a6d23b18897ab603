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
    let deaths: Vec<Vec<String>> = claims
        .iter()
        .filter(|c| one(c, "killed"))
        .map(|c| who(&c.quote))
        .collect();
    let mut gone: Vec<usize> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| one(c, "injured"))
        .filter(|(_, c)| {
            let words = who(&c.quote);
            !words.iter().any(|w| OTHER.contains(&w.as_str()))
                && deaths.iter().any(|d| words.iter().any(|w| d.contains(w)))
        })
        .map(|(i, _)| i)
        .collect();
    // "… a woman suffering from gunshot wounds. She was pronounced dead": a death
    // told by a pronoun is the person the article named just before it, when that
    // is a wounded count of one close by (a sentence or two).
    for death in claims
        .iter()
        .filter(|c| one(c, "killed") && pronoun(&c.quote))
    {
        let before = claims
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                matches!(c.metric.0.as_str(), "killed" | "injured")
                    && c.headline == death.headline
                    && c.span.end <= death.span.start
            })
            .max_by_key(|(_, c)| c.span.start);
        if let Some((i, c)) = before
            && one(c, "injured")
            && near(text, c.span.end, death.span.start)
            && !who(&c.quote).iter().any(|w| OTHER.contains(&w.as_str()))
            && !gone.contains(&i)
        {
            gone.push(i);
        }
    }
    gone
}

/// True when a quote opens on a personal pronoun ("she was pronounced dead").
fn pronoun(quote: &str) -> bool {
    let first = quote.split_whitespace().next().unwrap_or_default();
    matches!(first.to_lowercase().as_str(), "he" | "she")
}
