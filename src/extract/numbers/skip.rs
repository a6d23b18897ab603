//! Numbers that are not counts: dates, clock times, years, ages, durations,
//! percentages, model numbers, names, ids, addresses, page furniture, populations.

use super::{Figure, punct_is, starts_word_number};
use crate::claim::Qualifier;
use crate::extract::Skip;
use crate::extract::calendar;
use crate::extract::tokens::{Kind, Tokens};
use crate::lexicon::{Lexicon, NotCount};

/// Why a figure is not a count of anything, judged from the figure and the words
/// right around it; `None` when it may be one.
pub fn not_a_count(
    t: &Tokens,
    text: &str,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
) -> Option<Skip> {
    let lower = &t.lower;
    let tok = &t.toks[fig.number];
    let raw = &text[tok.start..tok.end];
    let prev = |k: usize| {
        fig.number
            .checked_sub(k)
            .filter(|&j| j >= sentence_start)
            .map(|j| lower[j].as_str())
    };
    let next = |k: usize| lower.get(fig.end + k - 1).map(|w| w.as_str());
    let after_number = lower.get(fig.number + 1).map(|w| w.as_str());
    if tok.kind == Kind::Number {
        if raw.contains(':') {
            return Some(Skip::Time);
        }
        if super::dotted_date(raw).is_some() || raw.matches('.').count() == 2 && raw.len() >= 8 {
            return Some(Skip::Date);
        }
        if raw.contains(['/', '-']) {
            return Some(Skip::Date);
        }
        // "21.00 Moscow time", "from 00.00 on January 26"
        let clock = raw.len() <= 5
            && raw.split_once('.').is_some_and(|(h, m)| {
                m.len() == 2
                    && h.parse::<u32>().is_ok_and(|h| h <= 24)
                    && m.parse::<u32>().is_ok_and(|m| m < 60)
            });
        let clock_context = matches!(
            after_number,
            Some(
                "hours"
                    | "h"
                    | "hrs"
                    | "moscow"
                    | "local"
                    | "time"
                    | "gmt"
                    | "utc"
                    | "on"
                    | "am"
                    | "pm"
            )
        ) || matches!(
            prev(1),
            Some("from" | "at" | "to" | "until" | "till" | "by" | "since")
        );
        if clock && clock_context && fig.currency.is_none() {
            return Some(Skip::Time);
        }
        if matches!(after_number, Some("st" | "nd" | "rd" | "th"))
            && !t.toks[fig.number + 1].space_before
        {
            return Some(Skip::Ordinal);
        }
        // "Il-76", "An-124", "COVID-19": digits hyphenated onto a word.
        if fig.number >= 2
            && !tok.space_before
            && punct_is(t, text, fig.number - 1, &["-"])
            && !t.toks[fig.number - 1].space_before
            && t.toks[fig.number - 2].kind == Kind::Word
            && !starts_word_number(lower, fig.number - 2)
        {
            return Some(Skip::ModelNumber);
        }
        if fig.number >= 1 && punct_is(t, text, fig.number - 1, &["+", "#", "№"]) {
            return Some(Skip::Identifier);
        }
        if prev(1).is_some_and(|w| {
            matches!(
                w,
                "no" | "id"
                    | "number"
                    | "article"
                    | "case"
                    | "code"
                    | "ticket"
                    | "flight"
                    | "room"
                    | "page"
                    | "tel"
                    | "phone"
            )
        }) && fig.first == fig.number
        {
            return Some(Skip::Identifier);
        }
        // Long runs of digits with no separators are ids, not counts: "1234567".
        let digits_only = raw.chars().all(|c| c.is_ascii_digit());
        if digits_only
            && raw.len() >= 6
            && fig.currency.is_none()
            && fig.end == fig.number + 1
            && !lex.subject_terms.starts_at(lower, fig.end)
        {
            return Some(Skip::Identifier);
        }
        // "555-0134": a hyphenated run of digit groups is a phone number.
        if fig.qualifier == Qualifier::Range && fig.end > fig.number + 2 {
            let hi = &t.toks[fig.end - 1];
            let tight = !t.toks[fig.number + 1].space_before && !hi.space_before;
            if tight && text[hi.start..hi.end].len() >= 4 && raw.len() >= 3 {
                return Some(Skip::Identifier);
            }
        }
        let year_like = raw.len() == 4
            && !raw.contains([',', '.'])
            && (1800..=2100).contains(&raw.parse::<u32>().unwrap_or(0));
        if year_like
            && fig.currency.is_none()
            && fig.end == fig.number + 1
            && fig.qualifier == Qualifier::Exact
        {
            // "2014 people" may be a count; "2014 criminal code" is a year.
            let counted = next(1).is_some_and(|w| {
                lex.subject_terms.starts_at(lower, fig.end) && w != "in" && w.ends_with(['s', 'e'])
            });
            if !counted {
                return Some(Skip::Year);
            }
        }
    }
    // Dates written with month names: "January 6", "6 January", "January 4-8, 2022".
    let day_like = fig
        .value
        .is_some_and(|v| (1.0..=31.0).contains(&v) && v.fract() == 0.0)
        && !fig.vague;
    if day_like {
        // Month names are read from the text as written: "May" is a month, "may" a verb.
        let month_at = |k: Option<usize>| {
            k.filter(|&k| k >= sentence_start && k < t.toks.len())
                .is_some_and(|k| {
                    let w = text_at(t, text, k);
                    (w.starts_with(char::is_uppercase) && calendar::month(w).is_some())
                        || (crate::extract::gloss::is_glossed(t, text, k)
                            && calendar::month(&t.lower[k]).is_some())
                })
        };
        // "January 6", "6 of January", "Jan. 6"
        let before_is_month = month_at(fig.number.checked_sub(1))
            || (matches!(prev(1), Some("of" | ".")) && month_at(fig.number.checked_sub(2)));
        // "с 4 по 6 января": a range of days closed by its month.
        let after_is_month = month_at(Some(fig.number + 1))
            || (fig.qualifier == Qualifier::Range && month_at(Some(fig.end)))
            || (after_number == Some("of") && month_at(Some(fig.number + 2)));
        // The second day of "January 4 to 6" or "4-8 January".
        let second_day = matches!(prev(1), Some("to" | "and" | "-" | "–"))
            && fig.number >= 3
            && t.toks[fig.number - 2].kind == Kind::Number
            && month_at(fig.number.checked_sub(3));
        if before_is_month || after_is_month || second_day {
            return Some(Skip::Date);
        }
        if after_number == Some("th") || prev(1) == Some("the") && matches!(next(1), Some("of")) {
            return Some(Skip::Date);
        }
    }
    // "a 7-year-old boy", "aged 7", "at the age of 79", "children aged 15, 13 and 9"
    if ages_before(t, fig.number, sentence_start) {
        return Some(Skip::Age);
    }
    // "Smith, 33, of Oakdale, died": a figure set off by commas after a name.
    if fig.first == fig.number && after_name(t, text, fig, sentence_start) {
        return Some(Skip::Age);
    }
    // "12 deaths per 100,000 people", "a rate of 5 per 1,000"
    let per_after = (fig.end..lower.len().min(fig.end + 4))
        .take_while(|&k| !is_punct_tok(t, k))
        .any(|k| lower[k] == "per");
    if prev(1) == Some("per") || per_after || yearly(t, fig) {
        return Some(Skip::Rate);
    }

    // "called 911", "apartment 304", "Route 9"
    if fig.first == fig.number
        && prev(1).is_some_and(|w| {
            matches!(
                w,
                "called"
                    | "call"
                    | "calling"
                    | "dialed"
                    | "dialled"
                    | "apartment"
                    | "apt"
                    | "unit"
                    | "suite"
                    | "lot"
                    | "route"
                    | "interstate"
                    | "highway"
                    | "exit"
                    | "badge"
                    | "precinct"
                    | "channel"
                    | "station"
                    | "engine"
                    | "ward"
                    | "gate"
                    | "floor"
                    | "bus"
                    | "pier"
                    | "platform"
            )
        })
    {
        return Some(Skip::Identifier);
    }
    if matches!(
        lower.get(fig.end).map(|w| w.as_str()),
        Some("year" | "years")
    ) && matches!(lower.get(fig.end + 1).map(|w| w.as_str()), Some("old"))
    {
        return Some(Skip::Age);
    }
    // "a 14 year-old boy"
    if lower.get(fig.end).is_some_and(|w| w.ends_with("-old")) {
        return Some(Skip::Age);
    }
    if punct_is(t, text, fig.end, &["-"]) {
        let unit = lower.get(fig.end + 1).map(|w| w.as_str()).unwrap_or("");
        if unit.ends_with("-old") {
            return Some(Skip::Age);
        }
        if ["year", "month", "day", "week", "hour", "minute"]
            .iter()
            .any(|u| unit.starts_with(u))
        {
            return Some(Skip::Duration);
        }
    }
    // "12 Abay Avenue": a figure before a capitalised name and a street type.
    let capitalised_after = t
        .toks
        .get(fig.end)
        .is_some_and(|k| k.kind == Kind::Word && text[k.start..].starts_with(char::is_uppercase));
    if capitalised_after
        && fig.first == fig.number
        && (fig.end + 1..fig.end + 4).any(|k| {
            lex.streets.starts_at(lower, k)
                && t.toks
                    .get(k)
                    .is_some_and(|x| text[x.start..].starts_with(char::is_uppercase))
        })
    {
        return Some(Skip::Address);
    }
    match lex.not_counts.longest_at(lower, fig.end) {
        Some((_, NotCount::Duration)) => return Some(Skip::Duration),
        Some((_, NotCount::Percent)) => return Some(Skip::Percent),
        Some((_, NotCount::Furniture)) => return Some(Skip::PageFurniture),
        _ => {}
    }
    // The value first: it is cheaper to ask than the phrases.
    if fig.first > sentence_start
        && fig.value.is_some_and(|v| v >= 10_000.0)
        && lex
            .population_before
            .longest_ending_at(lower, fig.first)
            .is_some()
    {
        return Some(Skip::Population);
    }
    // "1 of 12": gallery counters.
    if lower.get(fig.end).is_some_and(|w| w == "of")
        && t.toks
            .get(fig.end + 1)
            .is_some_and(|k| k.kind == Kind::Number)
    {
        return Some(Skip::PageFurniture);
    }
    // A number alone on its line.
    let alone =
        tok.newlines_before > 0 && t.toks.get(fig.end).is_none_or(|k| k.newlines_before > 0);
    if alone && fig.first == fig.number {
        return Some(Skip::PageFurniture);
    }
    // "Khabar 24", "Channel 4": a number right after a name.
    if fig.first == fig.number && fig.number > sentence_start {
        let p = &t.toks[fig.number - 1];
        let word = &text[p.start..p.end];
        let capitalised =
            p.kind == Kind::Word && word.chars().next().is_some_and(char::is_uppercase);
        // Asked only of a capitalised word (most are not): the phrase lookups are
        // the costly part.
        let known = || {
            // A place before a figure ("In Almaty 40 people") is no name for it.
            let place_before = lex
                .place_terms
                .longest_ending_at(lower, fig.number)
                .is_some();
            place_before
                || lex.metric_terms.starts_at(lower, fig.number - 1)
                || lex.subject_terms.starts_at(lower, fig.number - 1)
                || COMMON_BEFORE_FIGURES.contains(&lower[fig.number - 1].as_str())
        };
        let counted_after = || {
            lex.subject_terms.starts_at(lower, fig.end)
                || lex.metric_terms.starts_at(lower, fig.end)
        };
        if capitalised && !known() && !counted_after() {
            return Some(Skip::Name);
        }
    }
    if fig.fractional && fig.currency.is_none() && fig.value.is_some_and(|v| v.fract() != 0.0) {
        return Some(Skip::NotWhole);
    }
    None
}

/// Words that may stand capitalised before a figure in a headline without naming it.
const COMMON_BEFORE_FIGURES: &[&str] = &[
    "the", "a", "at", "of", "to", "in", "on", "by", "for", "and", "or", "with", "from", "as",
    "reach", "reaches", "reached", "rise", "rises", "rose", "climb", "climbs", "climbed", "top",
    "tops", "topped", "hit", "hits", "leave", "leaves", "left", "pass", "passes", "exceed",
    "exceeds", "total", "totals", "nearly", "almost", "some", "over", "about", "number", "toll",
    "all", "only", "least", "than", "were", "are", "is", "was", "has", "have", "had", "least",
    "more", "up", "down", "now", "says", "said", "after", "before", "another", "kill", "kills",
    "killed", "injure", "injures", "injured", "detain", "detains", "detained", "arrest", "arrests",
    "arrested",
];

/// "2,500 people die in home fires each year", "one in five": a rate or a share,
/// not the count of one event.
fn yearly(t: &Tokens, fig: &Figure) -> bool {
    let lower = &t.lower;
    let word = |k: usize| lower.get(k).map(|w| w.as_str());
    // "one in five": a share (of either figure; "11 in 2019" is a year).
    let small = |k: usize| {
        t.toks
            .get(k)
            .is_some_and(|x| x.kind == Kind::Number && x.end - x.start <= 3)
            || starts_word_number(lower, k)
    };
    let before = fig
        .first
        .checked_sub(2)
        .filter(|&j| word(j + 1) == Some("in"));
    if (word(fig.end) == Some("in") && small(fig.end + 1)) || before.is_some_and(small) {
        return true;
    }
    let end = (fig.end..lower.len().min(fig.end + 12))
        .find(|&k| is_punct_tok(t, k))
        .unwrap_or(lower.len().min(fig.end + 12));
    (fig.end..end).any(|k| {
        let period = |j: usize| {
            matches!(
                word(j),
                Some("year" | "month" | "week" | "day" | "summer" | "winter")
            )
        };
        word(k) == Some("annually")
            || (matches!(word(k), Some("each" | "every")) && period(k + 1))
            // "a year" only at the clause's end: "died a year later" is no rate.
            || (matches!(word(k), Some("a" | "per")) && period(k + 1) && k + 2 >= end)
    })
}

fn text_at<'a>(t: &Tokens, text: &'a str, i: usize) -> &'a str {
    let k = &t.toks[i];
    &text[k.start..k.end]
}

/// True when the figure stands in a list of ages: after "aged", "age", "ages",
/// "age of", or after other ages joined by commas and "and".
fn ages_before(t: &Tokens, number: usize, sentence_start: usize) -> bool {
    let lower = &t.lower;
    let mut k = number;
    let floor = sentence_start.max(number.saturating_sub(12));
    while k > floor {
        k -= 1;
        let w = lower[k].as_str();
        if matches!(w, "aged" | "age" | "ages") {
            return true;
        }
        if w == "of" && k > floor && matches!(lower[k - 1].as_str(), "age" | "ages") {
            return true;
        }
        let joins = matches!(w, "," | "and" | "or" | "-" | "–" | "to" | "between");
        if !(joins || t.toks[k].kind == Kind::Number) {
            return false;
        }
    }
    false
}

/// "Smith, 33, of Oakdale", "Jane Doe, 41, died", "(Smith, 19)": a small figure
/// right after a capitalised name and a comma, closed by a comma, bracket or "of".
fn after_name(t: &Tokens, text: &str, fig: &Figure, sentence_start: usize) -> bool {
    let lower = &t.lower;
    let small = fig.value.is_some_and(|v| v < 120.0) && fig.qualifier == Qualifier::Exact;
    if !small || fig.number < sentence_start + 2 || t.toks[fig.number].kind != Kind::Number {
        return false;
    }
    // "her son (12)": a bracketed small number after a word is an age.
    let bracketed = lower[fig.number - 1] == "("
        && lower.get(fig.end).is_some_and(|w| w == ")")
        && t.toks[fig.number - 2].kind == Kind::Word;
    if bracketed {
        return true;
    }
    let comma_before = lower[fig.number - 1] == "," || lower[fig.number - 1] == "(";
    let name = &t.toks[fig.number - 2];
    let named = name.kind == Kind::Word
        && name.capital
        && !starts_word_number(lower, fig.number - 2)
        && text[name.start..name.end].chars().count() > 1;
    // "… and Jo Hale, 30." closes the last of a list of names and ages.
    let full_stop = lower.get(fig.end).is_some_and(|w| w == ".")
        && t.toks.get(fig.end + 1).is_none_or(|n| n.space_before);
    let closed = full_stop
        || lower
            .get(fig.end)
            .is_some_and(|w| matches!(w.as_str(), "," | ")" | "of" | ";"));
    comma_before && named && closed
}

fn is_punct_tok(t: &Tokens, k: usize) -> bool {
    t.toks[k].kind == Kind::Punct
}
