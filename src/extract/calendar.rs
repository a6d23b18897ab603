//! Month and weekday names, asked of nearly every word around a figure.
//!
//! [`crate::corpus::dates`] answers the same questions with a lower-case copy of
//! the word; extraction asks them of dozens of words per figure, so these answer
//! from a lower-cased copy on the stack (no allocation), with the same results.

use chrono::Weekday;

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
    // One match on the lower-cased bytes: every full name, and the three-letter
    // forms (each name's first three letters) and "sept".
    Some(match &buf[..len] {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sept" | b"sep" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    })
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
        // Every name and every prefix of it, in three cases, with and without a dot.
        let names = [
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
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        for name in names {
            for end in 1..=name.len() {
                let stem = &name[..end];
                let capital = format!("{}{}", stem[..1].to_uppercase(), &stem[1..]);
                for w in [stem.to_string(), stem.to_uppercase(), capital] {
                    for w in [w.clone(), format!("{w}."), format!("{w}s")] {
                        assert_eq!(month(&w), dates::month(&w), "{w:?}");
                        assert_eq!(weekday(&w), dates::weekday(&w), "{w:?}");
                    }
                }
            }
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
