//! The wounded by the text's own arithmetic: "four people were shot, three
//! fatally", "6 shot, 2 killed", "Five people were shot. Two of them died." The
//! sentence gives everyone shot and the dead among them; the rest were wounded.
//!
//! Only when the total is the subject of "shot", both figures are exact, and the
//! dead are the first figure after "shot" in the same sentence, or open the next
//! one — so both counts are of one group.

use super::{AUXILIARIES, Counted, counted, metric_after};
use crate::claim::Qualifier;
use crate::extract::numbers::{Figure, figure_at, not_a_count};
use crate::extract::tokens::{Sentence, Tokens};
use crate::lexicon::Lexicon;

/// Words that make a sentence a tally over a period or an area, not one shooting.
const TALLY: &[&str] = &["since", "past", "across", "throughout", "citywide"];

/// A count of wounded derived from a total shot and the dead among them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShotTotal {
    /// The sentence the total stands in.
    pub sentence: usize,
    /// The total's number token (dates and places are looked for around it).
    pub anchor: usize,
    /// Whom the total names (index into the lexicon's subjects).
    pub subject: usize,
    /// From the total to the word that says the others died.
    pub quote: (usize, usize),
    /// Everyone shot less the dead.
    pub wounded: f64,
}

/// An exact count at `k` that is a count (not an age, a date…).
fn count_at(
    t: &Tokens,
    text: &str,
    k: usize,
    s: &Sentence,
    lex: &Lexicon,
    tol: f64,
) -> Option<(Figure, f64)> {
    let fig = figure_at(t, text, k, lex, tol)?;
    let value = fig.value.filter(|_| fig.qualifier == Qualifier::Exact)?;
    if not_a_count(t, text, &fig, s.start, lex).is_some() || value.fract() != 0.0 {
        return None;
    }
    Some((fig, value))
}

/// One past the noun phrase a figure heads ("four people", "two of them"), and
/// whom it names (0 when no one in particular).
fn phrase(t: &Tokens, fig: &Figure, s: &Sentence, lex: &Lexicon) -> Option<(usize, usize)> {
    match counted(t, fig, s.end, lex) {
        Counted::People { end, subject, .. } => Some((end, subject)),
        Counted::Elliptical { end } => Some((end, 0)),
        // "4 shot", "two did not survive": a verb after the figure, read as a noun.
        Counted::Thing(_) => t
            .lower
            .get(fig.end)
            .filter(|w| {
                matches!(w.as_str(), "shot" | "did" | "didn't" | "didn’t")
                    || AUXILIARIES.contains(&w.as_str())
            })
            .map(|_| (fig.end, 0)),
    }
}

/// The dead among those shot, stated by a figure at `k`: "three fatally", "two of
/// them died", "1 killed", "two did not survive". Returns the figure's value and
/// one past the word that says they died.
fn dead_at(
    t: &Tokens,
    text: &str,
    k: usize,
    s: &Sentence,
    lex: &Lexicon,
    tol: f64,
    killed: usize,
) -> Option<(f64, usize)> {
    let (fig, value) = count_at(t, text, k, s, lex, tol)?;
    let lower = &t.lower;
    // "three fatally": the adverb stands for the verb.
    let end = if lower.get(fig.end).is_some_and(|w| w == "fatally") {
        fig.end
    } else {
        phrase(t, &fig, s, lex)?.0
    };
    if let Some(hit) = metric_after(t, end, s.end, lex) {
        return (hit.metric == killed).then_some((value, hit.end));
    }
    // "two did not survive", "two didn't survive"
    let rest = &lower[end..s.end.min(end + 5)];
    let survive = rest.iter().position(|w| w.starts_with("surviv"))?;
    let negated = rest[..survive]
        .iter()
        .any(|w| matches!(w.as_str(), "not" | "never" | "t" | "didn't" | "didn’t"));
    negated.then_some((value, end + survive + 1))
}

/// The totals shot in a section whose dead the text states, with the wounded.
pub fn shot_totals(
    t: &Tokens,
    text: &str,
    sents: &[Sentence],
    lex: &Lexicon,
    tol: f64,
) -> Vec<ShotTotal> {
    let lower = &t.lower;
    let mut out = Vec::new();
    let Some(killed) = lex.metrics.iter().position(|m| m.name.0 == "killed") else {
        return out;
    };
    for (si, s) in sents.iter().enumerate() {
        // Only sentences that say "shot" hold a total; and "28 people shot and 10
        // killed in the city since January", a tally over a period, counts many
        // shootings, whose wounded are no one group's.
        let words = &lower[s.start..s.end];
        // "Shot" first: most sentences lack it, and then no other word is compared.
        if !words.iter().any(|w| w == "shot") {
            continue;
        }
        // "Last weekend, 20 people were shot": a past period's tally too.
        let last_period = words.windows(2).any(|p| {
            p[0] == "last" && matches!(p[1].as_str(), "weekend" | "week" | "month" | "year")
        });
        if last_period || words.iter().any(|w| TALLY.contains(&w.as_str())) {
            continue;
        }
        let mut k = s.start;
        while k < s.end {
            let Some((total, n)) = count_at(t, text, k, s, lex, tol) else {
                k += 1;
                continue;
            };
            k = total.end.max(k + 1);
            let Some((mut j, subject)) = phrase(t, &total, s, lex) else {
                continue;
            };
            while j < s.end && AUXILIARIES.contains(&lower[j].as_str()) {
                j += 1;
            }
            if j >= s.end || lower[j] != "shot" {
                continue;
            }
            // The first figure after "shot" in the sentence, if it states deaths.
            let later = (j + 1..s.end.min(j + 25))
                .find_map(|m| count_at(t, text, m, s, lex, tol).map(|_| m))
                .map(|m| dead_at(t, text, m, s, lex, tol, killed));
            let dead = match later {
                Some(dead) => dead,
                // None later in this sentence: one that opens the next.
                None => sents
                    .get(si + 1)
                    .and_then(|next| dead_at(t, text, next.start, next, lex, tol, killed)),
            };
            if let Some((m, end)) = dead.filter(|&(m, _)| m < n) {
                out.push(ShotTotal {
                    sentence: si,
                    anchor: total.number,
                    subject,
                    quote: (total.first, end),
                    wounded: n - m,
                });
            }
            k = j + 1;
        }
    }
    out
}
