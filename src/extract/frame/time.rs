//! When: the date a figure refers to.

use super::WINDOW;
use crate::corpus::dates;
use crate::extract::calendar;
use crate::extract::tokens::{Kind, Sentence, Tokens};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The date a figure's sentence names for it: nearest first, never after
/// `reference`, never the start or end of a span such as "from January 4 to 6" or
/// "since early 2022". None when it names none (the caller falls back on the
/// section's date).
pub fn named_date(
    t: &Tokens,
    text: &str,
    s: &Sentence,
    near: usize,
    reference: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let reference = reference?;
    let lower = &t.lower;
    let word = |k: usize| &text[t.toks[k].start..t.toks[k].end];
    // A date that starts or ends a span is no as-of date: "from January 4 to 6",
    // "since the invasion began on 24 February" (as far back as the clause goes).
    let blocked = |k: usize| {
        let near = (k.saturating_sub(2).max(s.start)..k).any(|j| {
            matches!(
                lower[j].as_str(),
                "from"
                    | "until"
                    | "till"
                    | "by"
                    | "before"
                    | "between"
                    | "through"
                    | "to"
                    | "after"
            )
        });
        let clause_start = (s.start..k)
            .rev()
            .find(|&j| lower[j] == "," || lower[j] == ";")
            .unwrap_or(s.start);
        near || (clause_start..k).any(|j| lower[j] == "since")
    };
    let (lo, hi) = (
        s.start.max(near.saturating_sub(WINDOW)),
        s.end.min(near + WINDOW),
    );
    // "40 remain missing, down from 85 on Wednesday": a date after "up/down from N"
    // dates that earlier figure, not the one before it.
    let earlier_figure = |k: usize| {
        k > near
            && (near + 1..k).any(|j| {
                lower[j] == "from"
                    && matches!(lower[j - 1].as_str(), "up" | "down")
                    && t.toks.get(j + 1).is_some_and(|x| x.kind == Kind::Number)
                    && (j..k).all(|i| !matches!(lower[i].as_str(), "," | ";"))
            })
    };
    let mut best: Option<(usize, NaiveDate)> = None;
    let mut consider = |k: usize, d: NaiveDate| {
        if d <= reference
            && !blocked(k)
            && !earlier_figure(k)
            && best.is_none_or(|(b, _)| k.abs_diff(near) < b.abs_diff(near))
        {
            best = Some((k, d));
        }
    };
    for k in lo..hi {
        // A mark (a comma, a dash) names no date: no branch below reads one.
        if t.toks[k].kind == Kind::Punct {
            continue;
        }
        let w = lower[k].as_str();
        // A glossed word reads as its gloss: Russian months and weekdays are lower case.
        let glossed = crate::extract::gloss::is_glossed(t, text, k);
        let capital = glossed || word(k).chars().next().is_some_and(char::is_uppercase);
        let written = if glossed { w } else { word(k) };
        if capital && let Some(m) = calendar::month(written) {
            // "Jan. 5": the abbreviation's full stop stands between.
            let dot = usize::from(
                t.toks.get(k + 1).is_some_and(|x| x.kind == Kind::Punct)
                    && lower.get(k + 1).is_some_and(|w| w == "."),
            );
            let day_after = t
                .toks
                .get(k + 1 + dot)
                .filter(|x| x.kind == Kind::Number)
                .and_then(|_| word(k + 1 + dot).parse::<u32>().ok());
            let day_before = (k > s.start && t.toks[k - 1].kind == Kind::Number)
                .then(|| word(k - 1).parse::<u32>().ok())
                .flatten();
            let ranged = t
                .toks
                .get(k + 2)
                .is_some_and(|x| x.kind == Kind::Punct && matches!(word(k + 2), "-" | "–"));
            if let Some(day) = day_after.or(day_before).filter(|_| !ranged)
                && let Some(d) = dates::month_day_before(reference, m, day)
            {
                consider(k, d);
            }
        } else if capital
            && let Some(wd) = calendar::weekday(w)
            && (k == s.start
                || !matches!(
                    lower[k - 1].as_str(),
                    "black" | "good" | "cyber" | "super" | "ash" | "easter" | "holy" | "next"
                ))
        {
            consider(k, dates::last_weekday(reference, wd));
        } else if w == "yesterday" {
            consider(k, reference - Duration::days(1));
        } else if w == "week" && k > s.start && lower[k - 1] == "last" && k < near {
            // Only "Last week, 80 people were detained": after the figure, "last week"
            // dates some other event ("the unrest that rocked … last week").
            consider(k, reference - Duration::days(7));
        } else if w == "weekend" && k > s.start && lower[k - 1] == "last" && k < near {
            // "Last weekend, 27 people were shot": the Sunday of the weekend before
            // the one just gone when published on one (or the Monday after it).
            consider(
                k,
                dates::last_weekday(reference - Duration::days(2), Weekday::Sun),
            );
        } else if t.toks[k].kind == Kind::Number
            && k > s.start
            && matches!(lower[k - 1].as_str(), "in" | "of")
            && let Ok(year) = word(k).parse::<i32>()
            && (1900..reference.year()).contains(&year)
            && let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31)
        {
            // "in 2011": a figure about an earlier year, as of that year's end.
            consider(k, end);
        } else if t.toks[k].kind == Kind::Number
            && let Some(d) = crate::extract::numbers::dotted_date(word(k))
        {
            consider(k, d);
        }
    }
    best.map(|(_, d)| d)
}

/// The day of the gathering a crowd figure measures, when the figure's own sentence
/// names none: the date named in the first earlier sentence of its section that
/// tells of a gathering ("Tens of thousands marched on Saturday"). A crowd is the size of
/// one moment; "Police said about 14,000 took part" in Sunday's paper is Saturday's.
pub fn gathering_day(
    t: &Tokens,
    text: &str,
    sents: &[Sentence],
    si: usize,
    reference: Option<NaiveDate>,
    lex: &crate::lexicon::Lexicon,
) -> Option<NaiveDate> {
    sents[..si]
        .iter()
        .find_map(|s| gathering_in(t, text, s, reference, lex))
}

/// The day of the gathering sentence `s` tells of, if it tells of one and names
/// its day: what [`gathering_day`] asks of each earlier sentence.
pub fn gathering_in(
    t: &Tokens,
    text: &str,
    s: &Sentence,
    reference: Option<NaiveDate>,
    lex: &crate::lexicon::Lexicon,
) -> Option<NaiveDate> {
    let crowd = lex
        .metrics
        .iter()
        .position(|m| m.name.0 == "participants")?;
    let reference_day = reference?;
    let term = (s.start..s.end).find(|&k| {
        lex.metric_terms
            .longest_at(&t.lower, k)
            .is_some_and(|(_, &m)| m == crowd)
    })?;
    // "Saturday's march", "Sunday's anti-government rally": the day owns the
    // gathering, whatever "after" stands before it.
    let owner = (term.saturating_sub(4).max(s.start)..term).find_map(|k| {
        let written = &text[t.toks[k].start..t.toks[k].end];
        // The lower-case form drops the possessive; the text keeps it.
        let day = calendar::weekday(&t.lower[k]).filter(|_| {
            written.starts_with(char::is_uppercase)
                && (written.ends_with("'s") || written.ends_with("’s"))
        })?;
        Some(dates::last_weekday(reference_day, day))
    });
    owner.or_else(|| named_date(t, text, s, term, reference))
}

/// When an earlier event a figure is about happened, as the text says it: "the
/// 2018 fire, which killed 85" (2018), "the worst since March, when a tremor killed
/// 96" (March), "last year, 12 died" (last year). A year or a month counts when it
/// ends well before publication (so a story from early January may still date its
/// events in December) and stands in the figure's sentence, before the figure or
/// (a year) after it behind "in", "since" or "of".
pub fn past_event(
    t: &Tokens,
    text: &str,
    s: &Sentence,
    first: usize,
    end: usize,
    published: Option<NaiveDate>,
) -> Option<String> {
    let published = published?;
    past_year(t, text, s, first, end, published)
        .map(|y| y.to_string())
        .or_else(|| past_period(t, text, s, first, end, published))
        .or_else(|| recalled_above(t, text, s, published))
}

/// "… fled the Carr Fire eight years ago. In that fire, eight people died.": a
/// sentence that opens on "in that" after one that told of years ago is about
/// that earlier event.
fn recalled_above(t: &Tokens, text: &str, s: &Sentence, published: NaiveDate) -> Option<String> {
    let lower = &t.lower;
    let opens = s.start + 1 < s.end
        && matches!(lower[s.start].as_str(), "in" | "during")
        && lower[s.start + 1] == "that";
    if !opens || s.start == 0 {
        return None;
    }
    // The sentence before: back from its full stop to the one before it.
    let stop = s.start - 1;
    let begin = (0..stop)
        .rev()
        .take(60)
        .find(|&k| matches!(lower[k].as_str(), "." | "!" | "?"))
        .map_or(stop.saturating_sub(60), |k| k + 1);
    let before = Sentence {
        start: begin,
        end: stop,
        ..*s
    };
    let ago = (begin..stop).find(|&k| {
        matches!(lower[k].as_str(), "years" | "decades")
            && lower.get(k + 1).is_some_and(|w| w == "ago")
    });
    ago.map(|k| text[t.toks[k].start..t.toks[k + 1].end].to_string())
        .or_else(|| past_year(t, text, &before, stop, stop, published).map(|y| y.to_string()))
}

/// Days a month or a year must have ended before publication to be the past.
const LONG_AGO: i64 = 45;

/// "since March, when …", "in April, 30 died", "last year", "a year ago": a month
/// named without a day or a year, or a past year named in words, before the figure.
fn past_period(
    t: &Tokens,
    text: &str,
    s: &Sentence,
    first: usize,
    end: usize,
    published: NaiveDate,
) -> Option<String> {
    let lower = &t.lower;
    let from = s.start.max(first.saturating_sub(14));
    // Up to the figure's end: a count of one read from words ("another shooting
    // last October, when one person was killed") holds its own time.
    (from..end.min(s.end))
        .rev()
        .take_while(|&k| !matches!(lower[k].as_str(), ";" | "—" | "–"))
        .find_map(|k| {
            let w = lower[k].as_str();
            let prev = k
                .checked_sub(1)
                .filter(|&j| j >= s.start)
                .map(|j| lower[j].as_str());
            let next = lower.get(k + 1).map(|x| x.as_str());
            let written = &text[t.toks[k].start..t.toks[k].end];
            // "last year" / "a year ago": the words themselves say when.
            let phrase = match (prev, w, next) {
                (Some("last"), "year" | "summer" | "winter" | "spring" | "autumn", _) => {
                    Some((k - 1, k))
                }
                (_, "year" | "years", Some("ago" | "earlier")) if k + 1 < end => Some((k, k + 1)),
                _ => None,
            };
            // Only as a clause's opening ("Last year, a fire killed 11", "the worst
            // since last year, when …"): "a shooting last year that left three
            // dead" is often the very event a follow-up story is about.
            if let Some((a, b)) = phrase {
                // "two years ago", "a year ago": the count before "years" opens it.
                let counted = a > s.start
                    && (t.toks[a - 1].kind == Kind::Number
                        || matches!(
                            lower[a - 1].as_str(),
                            "a" | "two" | "three" | "several" | "many"
                        ));
                let opener = if counted { a - 1 } else { a };
                let opens =
                    opener == s.start || matches!(lower[opener - 1].as_str(), "," | "since");
                return opens.then(|| text[t.toks[opener].start..t.toks[b].end].to_string());
            }
            // The cheap tests first: most words have no capital.
            if !(written.len() > 3 && written.starts_with(char::is_uppercase)) {
                return None;
            }
            let month = crate::extract::calendar::month(written)?;
            // A day or a year beside it makes it a date, read elsewhere.
            let dated = [k.checked_sub(1), Some(k + 1)]
                .into_iter()
                .flatten()
                .any(|j| t.toks.get(j).is_some_and(|x| x.kind == Kind::Number));
            if dated || !matches!(prev, Some("since" | "in" | "last")) {
                return None;
            }
            let year = if month > published.month()
                || prev == Some("last") && month >= published.month()
            {
                published.year() - 1
            } else {
                published.year()
            };
            let month_end = NaiveDate::from_ymd_opt(year, month, 1)?
                .checked_add_months(chrono::Months::new(1))?
                - Duration::days(1);
            (published - month_end > Duration::days(LONG_AGO)).then(|| written.to_string())
        })
}

fn past_year(
    t: &Tokens,
    text: &str,
    s: &Sentence,
    first: usize,
    end: usize,
    published: NaiveDate,
) -> Option<i32> {
    let year_at = |k: usize| -> Option<i32> {
        let tok = &t.toks[k];
        let raw = &text[tok.start..tok.end];
        if tok.kind != Kind::Number || raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = raw.parse().ok()?;
        let year_end = NaiveDate::from_ymd_opt(year, 12, 31)?;
        ((1900..=published.year()).contains(&year)
            && published - year_end > Duration::days(LONG_AGO))
        .then_some(year)
    };
    let before = (s.start.max(first.saturating_sub(14))..first)
        .rev()
        .take_while(|&k| !matches!(t.lower[k].as_str(), ";" | "—" | "–"))
        .find_map(year_at);
    let after = || {
        (end..s.end.min(end + 10))
            .take_while(|&k| !matches!(t.lower[k].as_str(), "," | ";" | "—" | "–"))
            .find_map(|k| {
                let y = year_at(k)?;
                (k > 0 && matches!(t.lower[k - 1].as_str(), "in" | "since" | "of")).then_some(y)
            })
    };
    before.or_else(after)
}
