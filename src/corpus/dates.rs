//! Calendar words: month and weekday names, and the date phrases news text uses.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The month a word names (January = 1), in full or as a three-letter abbreviation.
///
/// "may" in lower case is the verb, not the month.
pub fn month(word: &str) -> Option<u32> {
    if word == "may" {
        return None;
    }
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let full = NAMES.iter().position(|m| *m == w);
    let short = || match w.as_str() {
        "sept" => Some(8),
        _ if w.len() == 3 => NAMES.iter().position(|m| m.starts_with(w.as_str())),
        _ => None,
    };
    full.or_else(short).map(|i| i as u32 + 1)
}

/// The weekday a word names.
pub fn weekday(word: &str) -> Option<Weekday> {
    match word.to_ascii_lowercase().as_str() {
        "monday" => Some(Weekday::Mon),
        "tuesday" => Some(Weekday::Tue),
        "wednesday" => Some(Weekday::Wed),
        "thursday" => Some(Weekday::Thu),
        "friday" => Some(Weekday::Fri),
        "saturday" => Some(Weekday::Sat),
        "sunday" => Some(Weekday::Sun),
        _ => None,
    }
}

/// The latest date on or before `reference` that falls on `day`.
pub fn last_weekday(reference: NaiveDate, day: Weekday) -> NaiveDate {
    let back = (reference.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
    reference - Duration::days(back as i64)
}

/// The latest date on or before `reference` with this month and day (the year is implied).
pub fn month_day_before(reference: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(reference.year(), month, day)?;
    if this_year <= reference {
        Some(this_year)
    } else {
        NaiveDate::from_ymd_opt(reference.year() - 1, month, day)
    }
}

/// Picks the year for "Saturday, January 29": the first hint whose calendar fits the
/// weekday (hints come nearest first), or any hint when no weekday is given.
pub fn year_for(
    month: u32,
    day: u32,
    day_of_week: Option<Weekday>,
    hints: &[i32],
) -> Option<NaiveDate> {
    hints.iter().find_map(|&y| {
        let d = NaiveDate::from_ymd_opt(y, month, day)?;
        match day_of_week {
            Some(w) if d.weekday() != w => None,
            _ => Some(d),
        }
    })
}

/// Parses `YYYY-MM-DD` at the start of `s`.
pub fn iso_prefix(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Parses `DD.MM.YYYY` exactly.
pub fn dotted(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%d.%m.%Y").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekdays_resolve_to_the_latest_on_or_before() {
        // 10 January 2022 was a Monday.
        assert_eq!(last_weekday(d(2022, 1, 10), Weekday::Sun), d(2022, 1, 9));
        assert_eq!(last_weekday(d(2022, 1, 10), Weekday::Mon), d(2022, 1, 10));
        assert_eq!(last_weekday(d(2022, 1, 10), Weekday::Thu), d(2022, 1, 6));
    }

    #[test]
    fn month_names_and_years() {
        assert_eq!(month("January"), Some(1));
        assert_eq!(month("Jan."), Some(1));
        assert_eq!(month("May"), Some(5));
        assert_eq!(month("Mayor"), None);
        assert_eq!(month("mar"), Some(3));
        assert_eq!(month("march"), Some(3));
        assert_eq!(month("Marxist"), None);
        assert_eq!(
            year_for(1, 29, Some(Weekday::Sat), &[2023, 2022]),
            Some(d(2022, 1, 29))
        );
        assert_eq!(year_for(1, 29, Some(Weekday::Sat), &[2023]), None);
        assert_eq!(
            month_day_before(d(2022, 1, 10), 12, 31),
            Some(d(2021, 12, 31))
        );
    }
}
