//! Month and weekday names, asked of nearly every word around a figure.
//!
//! [`crate::corpus::dates`] answers the same questions with a lower-case copy of
//! the word; extraction asks them of dozens of words per figure, so these answer
//! from a lower-cased copy on the stack (no allocation), with the same results.

use chrono::Weekday;

const MONTHS: [&[u8]; 12] = [
    b"january",
    b"february",
    b"march",
    b"april",
    b"may",
    b"june",
    b"july",
    b"august",
    b"september",
    b"october",
    b"november",
    b"december",
];

/// The longest month or weekday name, in bytes.
const LONGEST: usize = 9;

/// `word` in ASCII lower case on the stack, when it is short enough to be a name.
fn lowered(word: &str) -> Option<([u8; LONGEST], usize)> {
    let b = word.as_bytes();
    if b.len() > LONGEST {
        return None;
    }
    let mut buf = [0; LONGEST];
    buf[..b.len()].copy_from_slice(b);
    buf[..b.len()].make_ascii_lowercase();
    Some((buf, b.len()))
}

/// The month (1–12) a word names: full ("January"), short ("Jan", "Jan.",
/// "Sept"), any case; not "may" in lower case (the verb). As
/// [`crate::corpus::dates::month`].
pub fn month(word: &str) -> Option<u32> {
    if word == "may" {
        return None;
    }
    let (buf, len) = lowered(word.trim_end_matches('.'))?;
    let w = &buf[..len];
    let full = MONTHS.iter().position(|m| *m == w);
    let short = || match w {
        b"sept" => Some(8),
        _ if len == 3 => MONTHS.iter().position(|m| m.starts_with(w)),
        _ => None,
    };
    full.or_else(short).map(|i| i as u32 + 1)
}

/// The weekday a word names, in any case. As [`crate::corpus::dates::weekday`].
pub fn weekday(word: &str) -> Option<Weekday> {
    let (buf, len) = lowered(word)?;
    match &buf[..len] {
        b"monday" => Some(Weekday::Mon),
        b"tuesday" => Some(Weekday::Tue),
        b"wednesday" => Some(Weekday::Wed),
        b"thursday" => Some(Weekday::Thu),
        b"friday" => Some(Weekday::Fri),
        b"saturday" => Some(Weekday::Sat),
        b"sunday" => Some(Weekday::Sun),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::dates;

    #[test]
    fn names_read_as_the_corpus_reads_them() {
        let words = [
            "January",
            "jan",
            "Jan.",
            "JAN",
            "may",
            "May",
            "MAY",
            "Sept",
            "sept.",
            "Sep",
            "september",
            "Septembers",
            "Mar",
            "ma",
            "Decembe",
            "December..",
            "Monday",
            "monday",
            "SUNDAY",
            "Sundays",
            "Fri",
            "day",
            "",
            ".",
            "Январь",
            "mayo",
            "aug",
            "Wednesday",
            "wednesdays",
            "Thursday's",
            "Ápril",
            "apr",
            "Ju",
            "jun",
        ];
        for w in words {
            assert_eq!(month(w), dates::month(w), "{w:?}");
            assert_eq!(weekday(w), dates::weekday(w), "{w:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_word_reads_as_the_corpus_reads_it(w in "[a-zA-Z.é]{0,11}") {
            proptest::prop_assert_eq!(month(&w), dates::month(&w));
            proptest::prop_assert_eq!(weekday(&w), dates::weekday(&w));
        }
    }
}
