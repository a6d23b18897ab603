//! The layout of a source's body: live-page entries and their timestamps.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// A stretch of the body whose figures share one as-of date: the whole article,
/// or one entry of a live page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// First byte (in file coordinates).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The date figures in this section refer to, unless the text says otherwise.
    pub as_of: Option<NaiveDate>,
}

fn timestamp_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // "05:14 GMT 10.01.2022", "03:48 GMT", "14:05 10.01.2022", "10.01.2022 14:05 GMT"
        Regex::new(
            r"^\s*(?:(?P<d1>\d{1,2}\.\d{1,2}\.\d{4})\s+)?\d{1,2}:\d{2}(?:\s*(?:GMT|UTC|MSK|CET|EET|ALMT|[AP]M))?(?:\s+(?P<d2>\d{1,2}\.\d{1,2}\.\d{4}))?\s*$",
        )
        .expect("valid regex")
    })
}

/// Splits the body (`text[body_start..]`) into sections at timestamp lines.
///
/// Text without timestamp lines is one section dated `published`. A timestamp
/// without a date keeps the date of the entry before it. Timestamp lines
/// themselves belong to no section, so their digits are never read as figures.
pub fn sections(text: &str, body_start: usize, published: Option<NaiveDate>) -> Vec<Section> {
    let mut out = Vec::new();
    let mut current = Section {
        start: body_start,
        end: text.len(),
        as_of: published,
    };
    let mut pos = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        if let Some(caps) = timestamp_line().captures(line.trim_end()) {
            let date = caps
                .name("d1")
                .or(caps.name("d2"))
                .and_then(|m| super::dates::dotted(m.as_str()));
            current.end = pos;
            let as_of = date.or(current.as_of);
            if current.end > current.start {
                out.push(current);
            }
            current = Section {
                start: pos + line.len(),
                end: text.len(),
                as_of,
            };
        }
        pos += line.len();
    }
    if current.end > current.start || out.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_page_entries_take_their_timestamps() {
        let text = "Intro 5 people.\n05:14 GMT 10.01.2022\nEntry one.\n03:48 GMT\nEntry two.\n";
        let pub_date = NaiveDate::from_ymd_opt(2022, 1, 6);
        let s = sections(text, 0, pub_date);
        assert_eq!(s.len(), 3);
        assert_eq!(&text[s[0].start..s[0].end], "Intro 5 people.\n");
        assert_eq!(s[0].as_of, pub_date);
        assert_eq!(&text[s[1].start..s[1].end], "Entry one.\n");
        assert_eq!(s[1].as_of, NaiveDate::from_ymd_opt(2022, 1, 10));
        assert_eq!(s[2].as_of, NaiveDate::from_ymd_opt(2022, 1, 10));
    }

    #[test]
    fn an_article_is_one_section() {
        let s = sections("abc\ndef", 0, None);
        assert_eq!(
            s,
            vec![Section {
                start: 0,
                end: 7,
                as_of: None
            }]
        );
    }
}
