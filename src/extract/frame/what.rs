//! What a figure counts: the verb or noun that states the metric, on either side.

use super::is_punct;
use crate::extract::numbers::Figure;
use crate::extract::tokens::{Kind, Sentence, Tokens};
use crate::lexicon::Lexicon;

/// Words allowed between a noun phrase and the metric verb: the auxiliaries, and
/// "were left homeless", "slightly injured", "were among those killed", "said to".
fn fills_before_verb(w: &str) -> bool {
    super::AUXILIARIES.contains(&w)
        || matches!(
            w,
            "left"
                | "made"
                | "rendered"
                | "slightly"
                | "seriously"
                | "severely"
                | "badly"
                | "critically"
                | "fatally"
                | "lightly"
                | "mortally"
                | "gravely"
                | "feared"
                | "believed"
                | "thought"
                | "likely"
                | "among"
                | "those"
                | "the"
                | "subsequently"
                | "said"
                | "to"
                | "confirmed"
                | "officially"
                | "then"
                | "since"
                | "who"
                | "that"
                | "shot"
                | "stabbed"
                | "and"
                | "both"
                | "all"
                | "suffered"
                | "suffering"
                | "sustained"
                | "with"
                | "from"
                | "serious"
                | "minor"
                | "critical"
                | "multiple"
                | "apparently"
                | "later"
                | "eventually"
                | "each"
                | "found"
                | "inside"
                | "there"
                | "nearby"
                | "altogether"
                | "aboard"
        )
}

/// A metric stated near a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricHit {
    /// Index into the lexicon's metrics.
    pub metric: usize,
    /// First token of the term.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// True for a noun that is a count of people by itself ("the death toll").
    pub toll: bool,
}

/// The metric after the noun phrase: "13 security officials were killed".
pub fn metric_after(
    t: &Tokens,
    from: usize,
    sentence_end: usize,
    lex: &Lexicon,
) -> Option<MetricHit> {
    let lower = &t.lower;
    let mut j = from;
    let mut skipped = 0;
    while j < sentence_end && skipped <= 5 {
        if let Some((len, &m)) = lex.metric_terms.longest_at(lower, j) {
            let toll = lex.toll_terms.longest_at(lower, j).is_some();
            return Some(MetricHit {
                metric: m,
                start: j,
                end: j + len,
                toll,
            });
        }
        // An aside between the noun and its verb: "164 people, including three
        // children, had been killed"; "30 people (mostly students) were held".
        if let Some(after) = aside_end(t, j, sentence_end) {
            j = after;
            continue;
        }
        if is_punct(t, j) && matches!(lower[j].as_str(), "\"" | "“" | "”" | "«" | "»") {
            j += 1;
            continue;
        }
        if is_punct(t, j) || !fills_before_verb(lower[j].as_str()) {
            return None;
        }
        // Some fillers only in their phrase: "were said to have been killed",
        // "were among the dead" — not "said the crowd was calm".
        let w = lower[j].as_str();
        let next = lower.get(j + 1).map(|x| x.as_str());
        let prev = j.checked_sub(1).map(|k| lower[k].as_str());
        let in_phrase = match w {
            "said" | "thought" | "believed" | "feared" => {
                next == Some("to") || next == Some("dead")
            }
            "the" | "those" => prev == Some("among"),
            // "13 officers who died", never "who said".
            "who" | "that" => j == from,
            // "were shot and killed", "shot and critically wounded"
            "shot" | "stabbed" => matches!(next, Some("and" | "," | "but")),
            "and" => matches!(prev, Some("shot" | "stabbed")),
            "from" => prev == Some("suffering"),
            "serious" | "minor" | "critical" | "multiple" => {
                matches!(
                    prev,
                    Some("suffered" | "suffering" | "sustained" | "with" | "from")
                )
            }
            _ => true,
        };
        if !in_phrase {
            return None;
        }
        j += 1;
        skipped += 1;
    }
    None
}

/// Words that open an aside after a noun phrase.
const ASIDE_OPENERS: &[&str] = &[
    "including",
    "ages",
    "aged",
    "among",
    "mostly",
    "mainly",
    "many",
    "most",
    "some",
    "all",
    "both",
    "of",
    "according",
    "officials",
    "police",
    "the",
    "a",
];

/// If an aside opens at `j` (", including …," or "(…)"), the token after it.
pub(super) fn aside_end(t: &Tokens, j: usize, sentence_end: usize) -> Option<usize> {
    let lower = &t.lower;
    if lower.get(j).is_some_and(|w| w == ",")
        && let Some(close) = names_aside(t, j + 1, sentence_end)
    {
        return Some(close + 1);
    }
    let close = match lower.get(j).map(|w| w.as_str()) {
        Some(",")
            if lower
                .get(j + 1)
                .is_some_and(|w| ASIDE_OPENERS.contains(&w.as_str())) =>
        {
            ","
        }
        Some("(") => ")",
        // "five people -- including a child -- were hurt", "— two men and a woman —"
        Some(d @ ("—" | "–")) if is_punct(t, j) => {
            let end = (j + 1..sentence_end.min(j + 16)).find(|&k| lower[k] == d)?;
            return (end + 1 < sentence_end).then_some(end + 1);
        }
        Some("-") if lower.get(j + 1).is_some_and(|w| w == "-") => {
            let end = (j + 2..sentence_end.min(j + 18))
                .find(|&k| lower[k] == "-" && lower.get(k + 1).is_some_and(|w| w == "-"))?;
            return (end + 2 < sentence_end).then_some(end + 2);
        }
        _ => return None,
    };
    let end = (j + 1..sentence_end.min(j + 16)).find(|&k| lower[k] == close && is_punct(t, k))?;
    // The aside must leave a verb after it, or it was the end of the clause.
    (end + 1 < sentence_end).then_some(end + 1)
}

/// "Two of the men, 23-year-old Carl Ames and Dee Voss, 24, died": an aside of
/// names and ages only (capitalised words, numbers, "year-old", "and") up to the
/// closing comma, which a verb must follow. Returns that comma.
fn names_aside(t: &Tokens, from: usize, sentence_end: usize) -> Option<usize> {
    let lower = &t.lower;
    let mut named = false;
    let stop = sentence_end.min(from + 20).min(lower.len());
    for (k, w) in lower.iter().enumerate().take(stop).skip(from) {
        let w = w.as_str();
        // A comma before another name or age continues the list; one before a
        // lower-case word closes the aside.
        if w == "," && is_punct(t, k) {
            let next = t.toks.get(k + 1).filter(|_| k + 1 < sentence_end);
            if next.is_some_and(|n| n.capital || n.kind == Kind::Number) {
                continue;
            }
            return (named && k > from && next.is_some()).then_some(k);
        }
        let age = matches!(
            w,
            "year" | "years" | "old" | "year-old" | "-" | "and" | "both"
        ) || w.ends_with("-year-old")
            || t.toks[k].kind == Kind::Number;
        if t.toks[k].capital && t.toks[k].kind == Kind::Word {
            named = true;
        } else if !age {
            return None;
        }
    }
    None
}

/// Words that open a clause of their own: a verb before them does not reach a
/// figure after them.
const SUBORDINATORS: &[&str] = &[
    "while", "after", "when", "before", "because", "until", "where", "but", "though", "although",
    "whereas", "whose", "that", "which", "who",
];

/// The nearest metric before the figure in its clause: "detained 207 people",
/// "the death toll … reached 164". `money` restricts the search to money metrics.
pub fn metric_before(
    t: &Tokens,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
    money: bool,
) -> Option<MetricHit> {
    let lower = &t.lower;
    let floor = sentence_start.max(fig.first.saturating_sub(16));
    let mut k = fig.first;
    while k > floor {
        k -= 1;
        // The clause ends at a comma, a bracket, a dash, or a full stop before a space.
        let stop = matches!(
            lower[k].as_str(),
            "," | ";" | ":" | "(" | ")" | "[" | "]" | "–" | "—"
        ) || (matches!(lower[k].as_str(), "." | "!" | "?")
            && t.toks.get(k + 1).is_some_and(|n| n.space_before));
        if is_punct(t, k) && stop {
            return None;
        }
        // "died while three people …", "dead after seven were hurt": a new clause.
        if SUBORDINATORS.contains(&lower[k].as_str()) {
            return None;
        }
        // "wounding four and sending 400 patrons running": a second verb after
        // "and" governs the figure, not the harm verb before it.
        if k > floor
            && lower[k - 1] == "and"
            && lower[k].len() > 4
            && lower[k].ends_with("ing")
            && lex.metric_terms.longest_at(lower, k).is_none()
        {
            return None;
        }
        // "arrested in the shooting of 15 people": the figure is the event's.
        if lower[k] == "of"
            && k > floor
            && matches!(
                lower[k - 1].as_str(),
                "shooting" | "shootings" | "stabbing" | "attack" | "robbery" | "standoff"
            )
        {
            return None;
        }
        // "detained after Saturday's march rose to 31": an event named as a time
        // ("after the march") is no metric; the search goes on before it.
        // Not a verb right before the figure: "arrested after killing 1 officer".
        if let Some((len, _)) = lex.metric_terms.longest_at(lower, k)
            && k + len < fig.first
            && lex
                .qualifiers
                .longest_at(lower, k + len)
                .is_none_or(|(l, _)| k + len + l != fig.number)
            && let Some(p) = (k.saturating_sub(3).max(floor)..k).find(|&j| {
                matches!(
                    lower[j].as_str(),
                    "after" | "during" | "following" | "since"
                )
            })
            && (p + 1..k).all(|j| !lex.metric_terms.starts_at(lower, j))
            && (floor..p).any(|j| lex.metric_terms.starts_at(lower, j))
        {
            k = p;
            continue;
        }
        if let Some((len, &m)) = lex.metric_terms.longest_at(lower, k)
            && k + len <= fig.first
            && lex.metrics[m].money == money
        {
            // Read backwards, "toll" is met before "death toll": take the longer term.
            let (start, len, m) = (k.saturating_sub(3).max(floor)..k)
                .find_map(|j| {
                    lex.metric_terms
                        .longest_at(lower, j)
                        .filter(|&(l, &m2)| {
                            j + l >= k + len && j + l <= fig.first && lex.metrics[m2].money == money
                        })
                        .map(|(l, &m2)| (j, l, m2))
                })
                .unwrap_or((k, len, m));
            let toll = lex.toll_terms.longest_at(lower, start).is_some();
            return Some(MetricHit {
                metric: m,
                start,
                end: start + len,
                toll,
            });
        }
    }
    None
}

/// The metric of a money figure stated after it: "€1.5 billion of damage",
/// "$5 million in losses", "$2bn worth of damage".
pub fn money_metric_after(
    t: &Tokens,
    from: usize,
    sentence_end: usize,
    lex: &Lexicon,
) -> Option<MetricHit> {
    let lower = &t.lower;
    let mut j = from;
    while j < sentence_end && j < from + 4 {
        if let Some((len, &m)) = lex.metric_terms.longest_at(lower, j) {
            return lex.metrics[m].money.then_some(MetricHit {
                metric: m,
                start: j,
                end: j + len,
                toll: false,
            });
        }
        if !matches!(
            lower[j].as_str(),
            "of" | "in" | "worth" | "the" | "was" | "were" | "is" | "caused" | "estimated"
        ) {
            return None;
        }
        j += 1;
    }
    None
}

/// "a crowd of about 10,000", "a death toll of 164": the noun just before "of"
/// (and any hedge) states the metric.
pub fn noun_of(t: &Tokens, fig: &Figure, lex: &Lexicon) -> Option<MetricHit> {
    let lower = &t.lower;
    let of = fig.first.checked_sub(1).filter(|&k| lower[k] == "of")?;
    let (len, &m) = lex.metric_terms.longest_ending_at(lower, of)?;
    let toll = lex.toll_terms.longest_ending_at(lower, of).is_some();
    Some(MetricHit {
        metric: m,
        start: of - len,
        end: of,
        toll,
    })
}

/// Verbs of change: "rose from 150 to 164" gives 150 as the superseded figure.
pub const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "increased",
    "increases",
    "climbed",
    "climbs",
    "jumped",
    "grew",
    "grown",
    "fell",
    "fallen",
    "dropped",
    "declined",
    "revised",
    "raised",
    "lowered",
    "up",
    "down",
    "corrected",
];

/// True when the figure is given as an earlier one that a later figure replaced:
/// "up from 150", "the previous toll was 150", "rose from 150 to 164".
pub fn superseded(t: &Tokens, fig: &Figure, sentence_start: usize, lex: &Lexicon) -> bool {
    let lower = &t.lower;
    // "revised down from 19 to 17": the figure after "to" is the new one.
    let new_one = fig.first >= 3
        && lower[fig.first - 1] == "to"
        && lower[fig.first - 3] == "from"
        && t.toks[fig.first - 2].kind == crate::extract::tokens::Kind::Number;
    if new_one {
        return false;
    }
    // "raised to 31 from 27": the figure after "from" is the old one.
    let old_one = fig.first >= 3
        && lower[fig.first - 1] == "from"
        && lower[fig.first - 3] == "to"
        && t.toks[fig.first - 2].kind == crate::extract::tokens::Kind::Number;
    if old_one {
        return true;
    }
    let floor = sentence_start.max(fig.first.saturating_sub(8));
    let mut k = fig.first;
    while k > floor {
        k -= 1;
        if is_punct(t, k) && matches!(lower[k].as_str(), "," | ";" | "(" | ":") {
            break;
        }
        if SUBORDINATORS.contains(&lower[k].as_str()) {
            break;
        }
        if lex.superseded.starts_at(lower, k) {
            // "revised down to 8 (from 9)": what a change went to is the new figure.
            let to_it = lower[fig.first - 1] == "to" && lower[k].starts_with("revis");
            return !to_it;
        }
    }
    fig.first >= 2
        && lower[fig.first - 1] == "from"
        && CHANGE_VERBS.contains(&lower[fig.first - 2].as_str())
}

/// An anaphor before the figure ("their number increased to 18") in its clause.
pub fn anaphor_before(
    t: &Tokens,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
) -> Option<usize> {
    let floor = sentence_start.max(fig.first.saturating_sub(8));
    let clause_start = (floor..fig.first)
        .rev()
        .find(|&k| is_punct(t, k) && matches!(t.lower[k].as_str(), "," | ";"))
        .map_or(floor, |k| k + 1);
    (clause_start..fig.first)
        .rev()
        .find(|&k| lex.anaphors.starts_at(&t.lower, k))
}

/// The first metric and the most specific subject a sentence names, for anaphors.
pub fn sentence_frame(t: &Tokens, s: &Sentence, lex: &Lexicon) -> (Option<usize>, Option<usize>) {
    let mut metric = None;
    let mut subject = None;
    let mut k = s.start;
    while k < s.end {
        if metric.is_none()
            && let Some((len, &m)) = lex.metric_terms.longest_at(&t.lower, k)
        {
            metric = Some(m);
            k += len;
            continue;
        }
        if let Some((len, &sub)) = lex.subject_terms.longest_at(&t.lower, k) {
            if subject.is_none_or(|cur| cur == 0) {
                subject = Some(sub);
            }
            k += len;
            continue;
        }
        k += 1;
    }
    (metric, subject)
}
