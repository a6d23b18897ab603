//! Counts of one with no numeral: "a man was shot and killed", "killing a
//! 5-year-old girl", "Smith, 47, of Salem, later died", "the gunman then shot
//! himself". Local news states most tolls this way.
//!
//! A singular person (a determiner and a person noun, an age-word such as "a
//! 16-year-old", or a name with an age set off by commas) counts as one when it
//! is the one the predicate happens to: the subject of a passive or intransitive
//! verb ("was killed", "died", "suffered injuries"), or the object of an active
//! one ("killing a man", "left a woman dead"). An agent ("a man killed …") is not.

use super::{AUXILIARIES, is_punct, metric_after, shot_after, shot_wounds};
use crate::extract::tokens::{Kind, Sentence, Tokens};
use crate::lexicon::Lexicon;

/// One implicit count of one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Implicit {
    /// Index into the lexicon's metrics.
    pub metric: usize,
    /// Index into the lexicon's subjects.
    pub subject: usize,
    /// First token of the quote.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// How many: one, or one a conjunct ("a man and a woman were shot": two).
    pub count: f64,
}

/// Collective nouns that name no single person, though they do not end in "s".
const NOT_ONE: &[&str] = &[
    "police",
    "security",
    "military",
    "staff",
    "army",
    "law enforcement",
    "gendarmerie",
    "national guard",
    "special forces",
    "riot police",
    "military personnel",
    "security personnel",
    "elderly",
    "human",
    "gang",
    "criminal group",
    "organized criminal group",
    "organised criminal group",
    "extremist cell",
    "security service",
    "law enforcement personnel",
];

/// Determiners that make a singular noun one person.
fn determiner(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "another" | "the" | "his" | "her" | "their" | "its"
    )
}

/// Verbs whose object is the one hurt: "killing a man", "wounded another".
fn harms(w: &str) -> bool {
    matches!(
        w,
        "killing"
            | "killed"
            | "kill"
            | "kills"
            | "wounding"
            | "wounded"
            | "wounds"
            | "injuring"
            | "injured"
            | "injures"
            | "slaying"
    )
}

/// Terms that say what happened to their subject without a passive: "died",
/// "is dead", "suffered injuries".
fn intransitive(lower: &[crate::extract::tokens::Lower], start: usize) -> bool {
    let w = lower[start].as_str();
    matches!(
        w,
        "died"
            | "dies"
            | "die"
            | "dead"
            | "perished"
            | "succumbed"
            | "deceased"
            | "pronounced"
            | "found"
            | "injuries"
            | "injury"
            | "wounds"
            | "wound"
            | "gunshot"
            | "stab"
            | "non-life-threatening"
            | "life-threatening"
            | "non-fatally"
            | "nonfatally"
            | "hospitalized"
            | "hospitalised"
            | "treated"
            | "suffering"
    )
}

/// A singular person noun phrase starting at `k`: the end of the phrase and its
/// subject. `bare` allows no determiner (a headline: "Man killed in shooting").
fn person_at(
    t: &Tokens,
    k: usize,
    end: usize,
    lex: &Lexicon,
    bare: bool,
) -> Option<(usize, usize)> {
    let lower = &t.lower;
    let mut j = k;
    if determiner(lower.get(j)?.as_str()) {
        j += 1;
    } else if !bare {
        return None;
    }
    let limit = end.min(j + 7);
    while j < limit {
        if let Some((len, &s)) = lex.subject_terms.longest_at(lower, j) {
            let last = lower[j + len - 1].as_str();
            // "police officer" is one, "police" is many: read on to the longest noun.
            if let Some((len2, &s2)) = lex
                .subject_terms
                .longest_at(lower, j + len)
                .filter(|_| !lex.metric_terms.starts_at(lower, j + len))
            {
                let last2 = lower[j + len + len2 - 1].as_str();
                if !last2.ends_with('s') {
                    return Some((j + len + len2, s2));
                }
            }
            let collective = NOT_ONE.iter().any(|p| {
                let words = p.split(' ');
                words.clone().count() == len
                    && words.zip(&lower[j..j + len]).all(|(a, b)| a == b.as_str())
            });
            let one = !collective
                && (!last.ends_with('s') || matches!(last, "boss" | "actress" | "waitress"));
            return one.then_some((j + len, s));
        }
        let w = lower[j].as_str();
        // "a 16-year-old", "a 5-year-old girl"
        if w.ends_with("-old") {
            let noun = lex.subject_terms.longest_at(lower, j + 1);
            return match noun {
                Some(_) => {
                    j += 1;
                    continue;
                }
                None => Some((j + 1, 0)),
            };
        }
        let modifier = match t.toks[j].kind {
            Kind::Word => {
                !AUXILIARIES.contains(&w)
                    && !lex.metric_terms.starts_at(lower, j)
                    && !matches!(w, "who" | "that" | "and" | "or" | "of" | "in" | "at" | "on")
            }
            // "a 16-year-old": the digits and the hyphen before "year-old"
            Kind::Number => lower.get(j + 1).is_some_and(|n| n == "-"),
            Kind::Punct => w == "-" || w == "'",
        };
        if !modifier {
            return None;
        }
        j += 1;
    }
    None
}

/// "John Smith, 47, of Salem,": a capitalised name and an apposition holding an
/// age. The end of the apposition.
fn named_with_age(t: &Tokens, k: usize, end: usize) -> Option<usize> {
    let lower = &t.lower;
    let mut j = k;
    while j < end && j < k + 4 && t.toks[j].kind == Kind::Word && t.toks[j].capital {
        j += 1;
    }
    if j == k || lower.get(j)? != "," {
        return None;
    }
    let age = t
        .toks
        .get(j + 1)
        .filter(|x| x.kind == Kind::Number)
        .map(|_| j + 1)?;
    apposition_end(t, age - 1, end)
}

/// After a comma at `j`: the token after the apposition it opens (one or two
/// comma-closed asides: ", 25, of Oakdale,"), if it closes soon.
fn apposition_end(t: &Tokens, j: usize, end: usize) -> Option<usize> {
    let lower = &t.lower;
    if lower.get(j)? != "," {
        return None;
    }
    let close = (j + 1..end.min(j + 14)).find(|&k| lower[k] == ",")?;
    // A second aside right after: ", 25, of Oakdale,"
    if lower.get(close + 1).is_some_and(|w| w == "of")
        && let Some(second) = (close + 1..end.min(close + 8)).find(|&k| lower[k] == ",")
    {
        return Some(second + 1);
    }
    Some(close + 1)
}

/// The predicate after a person: the metric it states for them, if they are the
/// one it happened to.
fn predicate(
    t: &Tokens,
    from: usize,
    end: usize,
    lex: &Lexicon,
    bare: bool,
    no_deaths: bool,
) -> Option<(usize, usize)> {
    let lower = &t.lower;
    let hit =
        metric_after(t, from, end, lex).or_else(|| shot_after(t, from, end, lex, no_deaths))?;
    let between = &lower[from..hit.start];
    if between
        .iter()
        .any(|w| matches!(w.as_str(), "could" | "would" | "might" | "may" | "will"))
    {
        return None;
    }
    let passive = between.iter().any(|w| {
        matches!(
            w.as_str(),
            "was" | "were" | "is" | "are" | "been" | "be" | "being" | "got" | "get"
        )
    });
    // "Man killed in shooting": a headline's participle, unless an object follows.
    let headline = bare
        && between.is_empty()
        && lower[hit.start].ends_with("ed")
        && !lower
            .get(hit.end)
            .is_some_and(|w| determiner(w.as_str()) || t.toks[hit.end].kind == Kind::Number);
    let ok = passive || intransitive(lower, hit.start) || headline;
    ok.then_some((hit.metric, hit.end))
}

/// The implicit counts of one in a sentence, for the metrics `wanted` allows.
pub fn implicit_counts(
    t: &Tokens,
    s: &Sentence,
    lex: &Lexicon,
    wanted: &dyn Fn(usize) -> bool,
    no_deaths: bool,
) -> Vec<Implicit> {
    let lower = &t.lower;
    let mut out: Vec<Implicit> = Vec::new();
    let mut k = s.start;
    while k < s.end {
        let w = lower[k].as_str();
        // The one hurt as an object: "killing a man", "left a woman dead",
        // "killed his wife", "then shot himself".
        let object = harms(w) || w == "left" || w == "shot";
        if object
            && !(k > s.start && matches!(lower[k - 1].as_str(), "was" | "were" | "been" | "is"))
        {
            if matches!(
                lower.get(k + 1).map(|x| x.as_str()),
                Some("himself" | "herself")
            ) {
                // "shot himself in the leg", or in an article that tells of no death.
                let wounded = (w == "shot")
                    .then(|| shot_wounds(t, k, s.end, lex, no_deaths))
                    .flatten()
                    .filter(|_| no_deaths || lower.get(k + 2).is_some_and(|n| n == "in"));
                let metric = if let Some(hit) = wounded {
                    Some(hit.metric)
                } else if w == "shot" || w.starts_with("kill") {
                    lex.metrics.iter().position(|m| m.name.0 == "killed")
                } else {
                    lex.metric_terms.longest_at(lower, k).map(|(_, &m)| m)
                };
                if let Some(m) = metric.filter(|&m| wanted(m))
                    && (wounded.is_some() || !lower.get(k + 2).is_some_and(|n| n == "in"))
                {
                    out.push(Implicit {
                        metric: m,
                        count: 1.0,
                        subject: 0,
                        start: k,
                        end: k + 2,
                    });
                }
                k += 2;
                continue;
            }
            if let Some((first_end, subject)) = person_at(t, k + 1, s.end, lex, false) {
                // "injured a man and a woman": each conjunct is one more (not for
                // "left", whose toll word follows the last).
                let (mut np_end, mut count) = (first_end, 1.0);
                while w != "left"
                    && count < 4.0
                    && lower.get(np_end).is_some_and(|x| x == "and")
                    && let Some((next, _)) = person_at(t, np_end + 1, s.end, lex, false)
                {
                    np_end = next;
                    count += 1.0;
                }
                let metric = if w == "shot" {
                    // "shot his mother in the arm": wounded, when nothing says she died.
                    shot_wounds(t, k, s.end, lex, no_deaths).map(|h| (h.metric, np_end))
                } else if w == "left" {
                    // "left a man dead": the toll word after the person says what.
                    lex.metric_terms
                        .longest_at(lower, np_end)
                        .filter(|_| np_end < s.end)
                        .map(|(len, &m)| (m, np_end + len))
                } else {
                    lex.metric_terms
                        .longest_at(lower, k)
                        .map(|(_, &m)| (m, np_end))
                };
                if let Some((m, end)) = metric.filter(|&(m, _)| wanted(m)) {
                    out.push(Implicit {
                        metric: m,
                        count,
                        subject,
                        start: k,
                        end,
                    });
                    k = end;
                    continue;
                }
            }
        }
        // "took his own life", "turned the gun on himself"
        let suicide = (w == "took"
            && matches!(lower.get(k + 1).map(|x| x.as_str()), Some("his" | "her"))
            && lower.get(k + 2).is_some_and(|x| x == "own")
            && lower.get(k + 3).is_some_and(|x| x == "life"))
            || (matches!(w, "turned" | "turning" | "turns")
                && lower.get(k + 1).is_some_and(|x| x == "the")
                && lower.get(k + 2).is_some_and(|x| x == "gun")
                && lower.get(k + 3).is_some_and(|x| x == "on")
                && matches!(
                    lower.get(k + 4).map(|x| x.as_str()),
                    Some("himself" | "herself")
                ));
        if suicide && let Some(m) = lex.metrics.iter().position(|m| m.name.0 == "killed") {
            let len = if w == "took" { 4 } else { 5 };
            if wanted(m) {
                out.push(Implicit {
                    metric: m,
                    count: 1.0,
                    subject: 0,
                    start: k,
                    end: k + len,
                });
            }
            k += len;
            continue;
        }
        // The one hurt as a subject: "a man was shot and killed", "the victim died",
        // "Smith, 47, of Salem, later died", "Teen killed in crash" (a headline).
        let bare = k == s.start && t.toks[k].capital;
        // "a man and a woman were shot": each conjunct is one more.
        let mut count = 1.0;
        let person = person_at(t, k, s.end, lex, bare)
            .map(|(mut end, subject)| {
                while count < 4.0
                    && lower.get(end).is_some_and(|w| w == "and")
                    && let Some((next, _)) = person_at(t, end + 1, s.end, lex, false)
                {
                    end = next;
                    count += 1.0;
                }
                // "A man, 25, was killed", "The victim, a father of two, died"
                let end = apposition_end(t, end, s.end)
                    .filter(|&after| after < s.end)
                    .unwrap_or(end);
                (end, subject)
            })
            .or_else(|| {
                let named = k == s.start || is_punct(t, k - 1) || !t.toks[k - 1].capital;
                named
                    .then(|| named_with_age(t, k, s.end))
                    .flatten()
                    .map(|end| (end, 0))
            });
        // "she was pronounced dead", "he later died": a pronoun stands for a person
        // the article has named, and counts only a death (it may be the one it
        // told of as wounded; see `reconcile`).
        let pronoun = matches!(w, "he" | "she") && person.is_none();
        let person = person.or_else(|| pronoun.then_some((k + 1, 0)));
        if let Some((np_end, subject)) = person
            && let Some((m, end)) =
                predicate(t, np_end, s.end, lex, bare && !determiner(w), no_deaths)
            && wanted(m)
            && (!pronoun || lex.metrics[m].name.0 == "killed")
        {
            out.push(Implicit {
                metric: m,
                count,
                subject,
                start: k,
                end,
            });
            k = end;
            continue;
        }
        // "a man who was shot on the porch died": past a relative clause to the
        // main verb, a death.
        if let Some((np_end, subject)) = person
            && determiner(w)
            && let Some((m, end)) = relative_death(t, np_end, s.end, lex)
            && wanted(m)
        {
            out.push(Implicit {
                metric: m,
                count,
                subject,
                start: k,
                end,
            });
            k = end;
            continue;
        }
        k += 1;
    }
    out
}

/// After a person's relative clause (opening at `rel`) ("who was shot on the porch"), the main verb
/// when it states a death: "died", "succumbed", "was pronounced dead", "is dead".
/// Returns the metric and one past the verb's term. A harm word inside the
/// clause, or a word that opens another clause, leaves the main verb unknown.
fn relative_death(t: &Tokens, rel: usize, end: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let lower = &t.lower;
    if !lower
        .get(rel)
        .is_some_and(|w| matches!(w.as_str(), "who" | "that"))
    {
        return None;
    }
    for j in rel + 1..end.min(rel + 16) {
        let w = lower[j].as_str();
        if matches!(
            w,
            "when" | "after" | "before" | "while" | "because" | "where" | "said" | "says" | "told"
        ) {
            return None;
        }
        let Some((len, &m)) = lex.metric_terms.longest_at(lower, j) else {
            continue;
        };
        let prev = lower[j - 1].as_str();
        let main = match w {
            "died" | "dies" | "succumbed" | "perished" => true,
            "pronounced" | "dead" => matches!(prev, "was" | "is" | "were" | "are"),
            _ => false,
        };
        let killed = lex.metrics[m].name.0 == "killed";
        return (main && killed && j > rel + 2).then_some((m, j + len));
    }
    None
}
