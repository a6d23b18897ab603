//! Being shot: wounded when the sentence says the person lived, or when the
//! article tells of no death at all.

use super::what::{MetricHit, aside_end};
use crate::extract::tokens::Tokens;
use crate::lexicon::Lexicon;

/// Words after "shot" that say the person lived: "is in stable condition".
const SURVIVED: &[&str] = &[
    "condition",
    "injuries",
    "injury",
    "wounds",
    "wound",
    "survive",
    "survived",
    "recovering",
    "recover",
    "hospitalized",
    "hospitalised",
    "non-life-threatening",
    "stable",
    "treated",
];

/// "A man was shot and is in stable condition", "four people were shot" (in an
/// article that tells of no death): being shot and not killed is being wounded. `from` is where the
/// search for the verb starts, past the noun phrase; `no_deaths` says the article
/// states no death at all, so that anyone shot in it was wounded.
pub fn shot_after(
    t: &Tokens,
    from: usize,
    sentence_end: usize,
    lex: &Lexicon,
    no_deaths: bool,
) -> Option<MetricHit> {
    let lower = &t.lower;
    let mut j = from;
    while j < sentence_end && j < from + 5 {
        let w = lower[j].as_str();
        if w == "shot" {
            return shot_wounds(t, j, sentence_end, lex, no_deaths);
        }
        // "Four people, including a child, were shot"
        if let Some(after) = aside_end(t, j, sentence_end) {
            j = after;
            continue;
        }
        if !(super::AUXILIARIES.contains(&w)
            || matches!(
                w,
                "accidentally" | "unintentionally" | "also" | "each" | "all" | "both" | "who"
            ))
        {
            return None;
        }
        j += 1;
    }
    None
}

/// "Five people are dead, six more shot", "one was killed and three others
/// were shot": "more" or "others" before "shot", after a death in the same
/// sentence, sets those shot beside the dead — they lived.
fn others_beside_the_dead(t: &Tokens, j: usize, lex: &Lexicon, killed: Option<usize>) -> bool {
    let lower = &t.lower;
    let mut k = j;
    // Back over the auxiliaries to the word that says "more" or "others".
    while k > 0
        && matches!(
            lower[k - 1].as_str(),
            "were" | "was" | "have" | "had" | "been"
        )
    {
        k -= 1;
    }
    let others = k > 0 && matches!(lower[k - 1].as_str(), "more" | "others" | "other");
    if !others {
        return false;
    }
    let from = k.saturating_sub(16);
    (from..k)
        .rev()
        .take_while(|&i| !matches!(lower[i].as_str(), "." | "!" | "?"))
        .any(|i| {
            lex.metric_terms
                .longest_at(lower, i)
                .is_some_and(|(_, &m)| Some(m) == killed)
        })
}

/// At "shot" (index `j`): an injured hit when the rest of the sentence says the
/// person was hit and lived, and nothing in it says they died.
pub fn shot_wounds(
    t: &Tokens,
    j: usize,
    sentence_end: usize,
    lex: &Lexicon,
    no_deaths: bool,
) -> Option<MetricHit> {
    let lower = &t.lower;
    let injured = lex.metrics.iter().position(|m| m.name.0 == "injured")?;
    let killed = lex.metrics.iter().position(|m| m.name.0 == "killed");
    let died = (j + 1..sentence_end).any(|k| {
        lex.metric_terms
            .longest_at(lower, k)
            .is_some_and(|(_, &m)| Some(m) == killed)
    });
    // "shot at a car", "shot by police" are no wound by themselves; "shot at" never is.
    if died || lower.get(j + 1).is_some_and(|w| w == "at") {
        return None;
    }
    let rest = &lower[j + 1..sentence_end.min(j + 16)];
    // "two did not survive" says the opposite of surviving.
    let negated = |i: usize| {
        rest[i.saturating_sub(2)..i]
            .iter()
            .any(|w| matches!(w.as_str(), "not" | "never" | "t" | "didn't" | "didn’t"))
    };
    if rest
        .iter()
        .enumerate()
        .any(|(i, w)| w.starts_with("surviv") && negated(i))
    {
        return None;
    }
    let lived = rest.iter().any(|w| SURVIVED.contains(&w.as_str()))
        || others_beside_the_dead(t, j, lex, killed);
    // A wound's place alone says nothing of survival in an article that tells of
    // deaths ("shot in the chest" may be the one who died).
    (no_deaths || lived).then_some(MetricHit {
        metric: injured,
        start: j,
        end: j + 1,
        toll: false,
    })
}
