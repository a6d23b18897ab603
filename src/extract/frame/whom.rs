//! Whom a figure counts: the noun phrase after it, and groups named around it.

use super::is_punct;
use super::what::MetricHit;
use crate::extract::numbers::Figure;
use crate::extract::tokens::{Kind, Sentence, Tokens};
use crate::lexicon::Lexicon;

/// Words that end a noun phrase after a figure: auxiliaries and relatives.
fn ends_phrase(w: &str) -> bool {
    super::AUXILIARIES.contains(&w)
        || matches!(
            w,
            "who" | "which" | "that" | "whom" | "before" | "when" | "while" | "because" | "until"
            // "six more shot": a participle, not a noun the figure counts.
                | "shot"
            // A subject pronoun opens a clause of its own: "eight rescuers as they
            // searched for the missing" ends at "as".
                | "they" | "he" | "she" | "we"
        )
}

/// Prepositions: after the head noun, the phrase that follows refines the subject.
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "at",
    "on",
    "from",
    "to",
    "with",
    "for",
    "by",
    "during",
    "after",
    "among",
    "across",
    "throughout",
    "near",
    "since",
    "as",
    "inside",
    "outside",
    "around",
    "over",
];

/// What the figure counts, read from the noun phrase after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counted {
    /// A person noun heads the phrase: "13 security officials", "four members of …".
    People {
        /// The most specific subject named in the phrase (index into the lexicon).
        subject: usize,
        /// The token of the head noun ("bodies" in "three more bodies").
        head: usize,
        /// One past the phrase's last token.
        end: usize,
        /// "one of the protesters": a part picked out of a group, never a crowd size.
        partitive: bool,
    },
    /// No noun: "13 were killed", "reached 164 on Sunday", "two of them".
    Elliptical {
        /// One past the figure (and any "of them").
        end: usize,
    },
    /// Some other noun heads the phrase: "2 markets", "13 checkpoints".
    Thing(String),
}

/// Reads the noun phrase after a figure.
pub fn counted(t: &Tokens, fig: &Figure, sentence_end: usize, lex: &Lexicon) -> Counted {
    let lower = &t.lower;
    let mut j = fig.end;
    // "two of those men": a demonstrative before a person noun is a partitive
    // like "of the"; alone ("two of those killed") it stands for the people.
    let demonstrative_noun = lower
        .get(j + 1)
        .is_some_and(|w| matches!(w.as_str(), "those" | "these"))
        && lex.subject_terms.longest_at(lower, j + 2).is_some();
    if j < sentence_end
        && lower[j] == "of"
        && !demonstrative_noun
        && lower
            .get(j + 1)
            .is_some_and(|w| matches!(w.as_str(), "them" | "whom" | "those" | "these"))
    {
        return Counted::Elliptical { end: j + 2 };
    }
    // "one of the protesters": a partitive before the head.
    let partitive = j < sentence_end
        && lower[j] == "of"
        && (lower.get(j + 1).is_some_and(|w| w == "the") || demonstrative_noun)
        && !fig.vague;
    if partitive {
        j += 2;
        // "3 of the 5 opposition parties": what the second number counts, the first does.
        if t.toks.get(j).is_some_and(|k| k.kind == Kind::Number) {
            j += 1;
        }
    }
    // "a 5,000-strong crowd": the crowd is what is counted.
    if lower.get(j).is_some_and(|w| w == "-") && lower.get(j + 1).is_some_and(|w| w == "strong") {
        j += 2;
    }
    // "killed 8 and wounded 21": a figure followed straight by "and" names no noun.
    if j < sentence_end && lower[j] == "and" {
        return Counted::Elliptical { end: fig.end };
    }
    // "died of several gunshot wounds", "three stab wounds": the figure counts
    // wounds, however near a toll word it stands.
    let wound = |k: usize| k < sentence_end && matches!(lower[k].as_str(), "wound" | "wounds");
    let kind_of_wound = |k: usize| {
        k < sentence_end && matches!(lower[k].as_str(), "gunshot" | "stab" | "bullet" | "knife")
    };
    if wound(j) || (kind_of_wound(j) && wound(j + 1)) {
        return Counted::Thing("wounds".to_string());
    }
    let mut content_end = j;
    let mut head_at = j;
    let (mut head_subject, mut complement_subject) = (None::<usize>, None::<usize>);
    // The last word of the head that names no person; only the last is asked for.
    let mut head_word: Option<&str> = None;
    let mut in_complement = false;
    let limit = (fig.end + 10).min(sentence_end);
    while j < limit {
        let w = lower[j].as_str();
        // Quotation marks around a noun are no boundary: 26 "armed criminals".
        if is_punct(t, j) && matches!(w, "\"" | "“" | "”" | "«" | "»" | "'") {
            j += 1;
            continue;
        }
        // A number inside a complement ("residents of the city of 100,000") belongs to it.
        let number_in_complement = in_complement && t.toks[j].kind == Kind::Number;
        if number_in_complement {
            j += 1;
            content_end = j;
            continue;
        }
        if is_punct(t, j) || t.toks[j].kind == Kind::Number || ends_phrase(w) {
            break;
        }
        // "40 people wounded": after the head, a toll word is the metric, not a noun.
        if lex.metric_terms.starts_at(lower, j)
            && (head_subject.is_some() || !lex.subject_terms.starts_at(lower, j))
        {
            break;
        }
        if let Some((len, &s)) = lex.subject_terms.longest_at(lower, j) {
            // "extremist cells", "police vehicles": the person word only modifies a plural noun.
            let modifies = lower.get(j + len).is_some_and(|n| {
                j + len < sentence_end
                    && n.len() > 3
                    && n.ends_with('s')
                    && t.toks[j + len].kind == Kind::Word
                    && !lex.subject_terms.starts_at(lower, j + len)
                    && !lex.metric_terms.starts_at(lower, j + len)
                    && !ends_phrase(n.as_str())
            });
            if modifies && !in_complement {
                head_word = Some(lower[j + len].as_str());
                break;
            }
            if in_complement {
                if s != 0 && complement_subject.is_none() {
                    complement_subject = Some(s);
                }
            } else if head_subject.is_none_or(|h| h == 0) {
                if head_subject.is_none() {
                    head_at = j;
                }
                head_subject = Some(s);
            }
            j += len;
            content_end = j;
            continue;
        }
        if lex.metric_terms.starts_at(lower, j) {
            break;
        }
        if PREPOSITIONS.contains(&w) {
            if head_subject.is_none() {
                break;
            }
            in_complement = true;
        } else if w != "and" {
            // After its head noun a phrase goes on only through a preposition:
            // "Two officers said the crowd …" ends at "said".
            if head_subject.is_some() && !in_complement {
                break;
            }
            // "5 more were killed", "20 further arrests": no noun of their own.
            let counts_nothing = matches!(
                w,
                "more" | "further" | "additional" | "other" | "new" | "fresh"
            );
            if !in_complement && head_subject.is_none() && !counts_nothing {
                head_word = Some(w);
            }
            content_end = j + 1;
        }
        j += 1;
    }
    match head_subject {
        Some(h) => {
            let subject = if h != 0 {
                h
            } else {
                complement_subject.unwrap_or(0)
            };
            Counted::People {
                subject,
                head: head_at,
                end: content_end,
                partitive,
            }
        }
        None if head_word.is_none() => Counted::Elliptical { end: content_end },
        // "13 Russians", "40 Uighurs": a capitalised plural that names no place is a people.
        None if demonym(t, fig.end, lex) => Counted::People {
            subject: 0,
            head: fig.end,
            end: fig.end + 1,
            partitive,
        },
        None => Counted::Thing(head_word.unwrap_or_default().to_string()),
    }
}

/// A subject named in the noun phrase of a toll: "the number of people detained",
/// "police deaths", "the toll among civilians".
pub fn toll_subject(
    t: &Tokens,
    hit: &MetricHit,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
) -> Option<usize> {
    let lower = &t.lower;
    let mut best = None;
    let from = hit.start.saturating_sub(4).max(sentence_start);
    let mut k = from;
    while k < fig.first {
        if let Some((len, &s)) = lex.subject_terms.longest_at(lower, k) {
            let after_of = k > 0 && matches!(lower[k - 1].as_str(), "of" | "among");
            let compound = k + len == hit.start;
            if after_of || compound {
                best = Some(best.map_or(s, |b: usize| if b == 0 { s } else { b }));
            }
            k += len;
        } else {
            k += 1;
        }
    }
    best
}

/// When the figure is a part of the figure before it in the sentence — after
/// "including", "among them", "of whom", or in "Of the 225 killed, 19 were …" —
/// the subject it names, if any (`Some(None)` when it names none).
pub fn part_of_previous(
    t: &Tokens,
    fig: &Figure,
    s: &Sentence,
    lex: &Lexicon,
) -> Option<Option<usize>> {
    let lower = &t.lower;
    let before = |k: usize| {
        fig.first
            .checked_sub(k)
            .filter(|&i| i >= s.start)
            .map(|i| lower[i].as_str())
    };
    let marked = before(1) == Some("including")
        || (before(1) == Some("them") && before(2) == Some("among"))
        || (before(1) == Some("whom") && matches!(before(2), Some("of" | "among")));
    let of_the = matches!(lower.get(s.start).map(|w| w.as_str()), Some("of" | "among"))
        && before(1) == Some(",");
    if !marked && !of_the {
        return None;
    }
    // The subject is named after the figure, or after "were"/"are": the most
    // specific one ("members of the security forces" is security forces).
    let mut found = None;
    let mut k = fig.end;
    let limit = (fig.end + 8).min(s.end);
    while k < limit && !is_punct(t, k) {
        match lex.subject_terms.longest_at(lower, k) {
            Some((len, &sub)) => {
                if found.is_none_or(|f| f == 0) {
                    found = Some(sub);
                }
                k += len;
            }
            None => k += 1,
        }
    }
    Some(found)
}

/// "Among the law enforcement officers, 18 people died": a group named before
/// the figure, in its sentence.
pub fn group_before(
    t: &Tokens,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
) -> Option<usize> {
    let lower = &t.lower;
    let floor = sentence_start.max(fig.first.saturating_sub(12));
    let among = (floor..fig.first).rev().find(|&k| lower[k] == "among")?;
    let mut k = among + 1;
    while k < fig.first && matches!(lower[k].as_str(), "the" | "them" | "those") {
        k += 1;
    }
    lex.subject_terms
        .longest_at(lower, k)
        .map(|(_, &s)| s)
        .filter(|&s| s != 0)
}

/// True when the words of the claim (its quote, and the rest of its clause) name
/// one group or one spot: "members of the same extremist cell", "at 2 markets",
/// "in the Turksib district". What was added ("five more", [`increment`]) is a
/// part too: the caller asks that once, as it also records it.
pub fn names_a_part(
    t: &Tokens,
    quote: (usize, usize),
    metric: usize,
    sentence: &Sentence,
    lex: &Lexicon,
) -> bool {
    let lower = &t.lower;
    if subset_of_its_own(t, quote, metric, lex) {
        return true;
    }
    let clause_end = (quote.1..sentence.end)
        .find(|&k| is_punct(t, k) && matches!(lower[k].as_str(), "," | ";" | "."))
        .unwrap_or(sentence.end);
    let clause_start = (sentence.start..quote.0)
        .rev()
        .find(|&k| is_punct(t, k) && matches!(lower[k].as_str(), ";" | "."))
        .map_or(sentence.start, |k| k + 1);
    (clause_start..clause_end).any(|k| {
        lex.parts
            .longest_at(lower, k)
            .is_some_and(|(len, _)| !names_the_event(t, k + len))
            && !where_treated(t, k, clause_start)
            && !gives_the_figure(t, k, lex)
            && !in_another_clause(t, k, quote)
    })
}

/// Nouns for what happened: a spot word before one ("a building collapse", "a
/// market fire") names the event, whose toll is whole, not a spot within it.
const EVENT_NOUNS: &[&str] = &[
    "collapse",
    "collapses",
    "fire",
    "fires",
    "blaze",
    "explosion",
    "blast",
    "attack",
    "bombing",
    "shooting",
    "raid",
    "stampede",
    "riot",
    "clashes",
    "clash",
    "protest",
    "siege",
    "crash",
    "massacre",
    "flood",
    "landslide",
];

/// "died at a hospital", "were taken to hospitals": where the hurt were treated or
/// died says nothing of which of them a figure counts.
fn where_treated(t: &Tokens, k: usize, clause_start: usize) -> bool {
    let lower = &t.lower;
    lower[k].starts_with("hospital")
        && (k.saturating_sub(4).max(clause_start)..k).any(|j| {
            matches!(
                lower[j].as_str(),
                "died"
                    | "dead"
                    | "pronounced"
                    | "succumbed"
                    | "treated"
                    | "taken"
                    | "rushed"
                    | "admitted"
                    | "transported"
                    | "airlifted"
                    | "hospitalized"
                    | "hospitalised"
            )
        })
}

/// "an independent monitoring group put the number at 40,000", "the fire brigade
/// said": the group is who gives the figure, not whom it counts.
fn gives_the_figure(t: &Tokens, k: usize, lex: &Lexicon) -> bool {
    let lower = &t.lower;
    // The group is the verb's subject: nothing but its name in apposition (", the
    // Public Assembly Archive,") stands between; "inside the building, officials
    // said" is where, not who.
    let end = (k + 12).min(lower.len());
    let mut j = k + 1;
    let mut words = 0;
    while j < end && words < 4 {
        if lower[j] == "," && is_punct(t, j) {
            let close = (j + 1..end).find(|&c| lower[c] == "," && is_punct(t, c));
            let named = close.is_some_and(|c| {
                c > j + 1
                    && (j + 1..c)
                        .all(|n| t.toks[n].capital || matches!(lower[n].as_str(), "the" | "a"))
            });
            match close {
                Some(c) if named => j = c + 1,
                _ => return false,
            }
            continue;
        }
        if is_punct(t, j) {
            return false;
        }
        if lex.attribution_verbs.starts_at(lower, j)
            || matches!(
                lower[j].as_str(),
                "put" | "puts" | "estimated" | "estimates" | "counted"
            )
        {
            return true;
        }
        words += 1;
        j += 1;
    }
    false
}

fn names_the_event(t: &Tokens, after: usize) -> bool {
    t.lower
        .get(after)
        .is_some_and(|w| EVENT_NOUNS.contains(&w.as_str()))
}

/// "Eleven of the injured remain in serious condition", "one of the wounded
/// men", "two of the three people killed": a figure taken out of a group counted
/// by the same metric is a part of it. ("Two of the injured died" counts the
/// dead, a whole of its own.)
fn subset_of_its_own(t: &Tokens, quote: (usize, usize), metric: usize, lex: &Lexicon) -> bool {
    let lower = &t.lower;
    let number = |k: usize| {
        t.toks[k].kind == Kind::Number || crate::extract::numbers::starts_word_number(lower, k)
    };
    (quote.0..quote.1.min(lower.len().saturating_sub(3))).any(|k| {
        // The group's own count may stand between: "of the three people killed".
        let group = if number(k + 3) { k + 4 } else { k + 3 };
        number(k)
            && lower[k + 1] == "of"
            && matches!(lower[k + 2].as_str(), "the" | "those" | "these" | "them")
            && (group..(group + 2).min(lower.len())).any(|j| {
                lex.metric_terms
                    .longest_at(lower, j)
                    .is_some_and(|(_, &m)| m == metric)
            })
    })
}

/// "Four more bodies were found", "20 further arrests": what was added is a part
/// of the total, never a total of its own.
pub fn increment(t: &Tokens, quote: (usize, usize)) -> bool {
    let lower = &t.lower;
    (quote.0..quote.1.min(lower.len().saturating_sub(1))).any(|k| {
        let number =
            t.toks[k].kind == Kind::Number || crate::extract::numbers::starts_word_number(lower, k);
        number
            && matches!(lower[k + 1].as_str(), "more" | "additional" | "further")
            && lower.get(k + 2).is_none_or(|w| w != "than")
    })
}

/// A group or spot word in a clause of its own — "killed when a building
/// collapsed", "after the group said" — says nothing about whom the figure counts.
fn in_another_clause(t: &Tokens, k: usize, quote: (usize, usize)) -> bool {
    const OPENERS: &[&str] = &[
        "when", "after", "as", "while", "because", "before", "since", "which", "who", "where",
        "said", "says", "told", "until",
    ];
    let between = if k >= quote.1 { quote.1..k } else { k..quote.0 };
    between
        .into_iter()
        .any(|j| OPENERS.contains(&t.lower[j].as_str()))
}

/// "32 of the dead were children": the subject named after "were"/"are" following
/// the noun phrase.
pub fn subject_after_copula(
    t: &Tokens,
    from: usize,
    sentence_end: usize,
    lex: &Lexicon,
) -> Option<usize> {
    let lower = &t.lower;
    if !lower
        .get(from)
        .is_some_and(|w| matches!(w.as_str(), "were" | "are" | "was" | "is"))
    {
        return None;
    }
    let mut k = from + 1;
    let limit = (from + 7).min(sentence_end);
    let mut found = None;
    while k < limit && !is_punct(t, k) {
        match lex.subject_terms.longest_at(lower, k) {
            Some((len, &s)) => {
                if found.is_none_or(|f| f == 0) {
                    found = Some(s);
                }
                k += len;
            }
            None => k += 1,
        }
    }
    found.filter(|&s| s != 0)
}

/// A capitalised plural right after the figure that names no place: "Russians".
fn demonym(t: &Tokens, k: usize, lex: &Lexicon) -> bool {
    let Some(tok) = t.toks.get(k) else {
        return false;
    };
    let w = t.lower[k].as_str();
    tok.kind == Kind::Word
        && tok.capital
        && w.len() > 3
        && w.ends_with('s')
        && !lex.place_terms.starts_at(&t.lower, k)
        && !lex.metric_terms.starts_at(&t.lower, k)
}
