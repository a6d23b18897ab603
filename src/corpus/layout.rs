//! The layout of a source's body: live-page entries and their timestamps.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// A stretch of the body whose figures share one as-of date: the whole article,
/// or one entry of a live page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        // "05:14 GMT 10.01.2022", "03:48 GMT", "10.01.2022 14:05", "2:05pm",
        // "10 January 2022, 14:05", "Jan 10, 2022 2:05 pm GMT", "Updated 14:05"
        let time = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|MSK|CET|EET|ALMT|BST|EST|ET|local time))?";
        let dotted = r"\d{1,2}\.\d{1,2}\.\d{4}";
        let written = r"\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}";
        Regex::new(&format!(
            r"(?i)^\s*(?:updated:?\s+)?(?:(?P<d1>{dotted}|{written}),?\s+)?{time}(?:,?\s+(?P<d2>{dotted}|{written}))?\s*$"
        ))
        .expect("valid regex")
    })
}

/// A date as a timestamp line writes it: "10.01.2022", "10 January 2022", "Jan 10, 2022".
fn timestamp_date(s: &str) -> Option<NaiveDate> {
    if let Some(d) = super::dates::dotted(s) {
        return Some(d);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (day, month, year) = match words.as_slice() {
        [d, m, y] if d.chars().all(|c| c.is_ascii_digit()) => (*d, *m, *y),
        [m, d, y] => (*d, *m, *y),
        _ => return None,
    };
    // The month must read as one: "10 pm 2022" is no date.
    let month = super::dates::month(&capitalised(month))?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?)
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
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
                .and_then(|m| timestamp_date(m.as_str()));
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

/// The stories of a body, for telling events apart: its [`sections`], each
/// split again before every Markdown heading line (`## …`) when `markdown` — a
/// round-up's entries, each under its own heading — and whether a heading split
/// any. Figures' dates do not change at a heading, so extraction keeps to
/// [`sections`].
pub fn stories(
    text: &str,
    body_start: usize,
    published: Option<NaiveDate>,
    markdown: bool,
) -> (Vec<Section>, bool) {
    let sections = sections(text, body_start, published);
    if !markdown {
        return (sections, false);
    }
    let count = sections.len();
    let mut out = Vec::new();
    for sec in sections {
        let mut start = sec.start;
        let mut pos = sec.start;
        // Whether a line of text (not a heading) stands since `start`: a heading
        // right under another is a subtitle, not an entry of its own.
        let mut told = false;
        for line in text[sec.start..sec.end].split_inclusive('\n') {
            let heading = is_heading(line);
            if heading && told {
                out.push(Section {
                    start,
                    end: pos,
                    ..sec
                });
                start = pos;
                told = false;
            }
            told |= !heading && !line.trim().is_empty();
            pos += line.len();
        }
        out.push(Section { start, ..sec });
    }
    let split = out.len() > count;
    (out, split)
}

/// True for a Markdown heading line: one to six `#` and a space.
fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
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
    fn timestamps_in_other_house_styles() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        for (line, date) in [
            ("10 January 2022, 14:05", d(2022, 1, 10)),
            ("Jan 10, 2022 2:05 pm GMT", d(2022, 1, 10)),
            ("Updated: 14.05 10.01.2022", d(2022, 1, 10)),
            ("2:05pm", None),
        ] {
            let text = format!("Intro.\n{line}\nEntry.\n");
            let s = sections(&text, 0, None);
            assert_eq!(s.len(), 2, "{line:?} starts an entry");
            assert_eq!(s[1].as_of, date, "{line:?}");
        }
        // A sentence with a time in it is no timestamp line.
        assert_eq!(
            sections("Clashes began at 14:05 on Monday.\n", 0, None).len(),
            1
        );
    }

    #[test]
    fn a_markdown_round_up_is_one_story_per_heading() {
        let text = "Intro.\n\n## Fire on Elm Street\nTwo died.\n\n## Crash on I-5\nOne hurt.\n";
        let (s, split) = stories(text, 0, None, true);
        assert!(split);
        assert_eq!(s.len(), 3);
        assert_eq!(
            &text[s[1].start..s[1].end],
            "## Fire on Elm Street\nTwo died.\n\n"
        );
        assert_eq!(&text[s[2].start..s[2].end], "## Crash on I-5\nOne hurt.\n");
        // A plain text's "#" lines, and headings with no text between, split nothing.
        assert_eq!(stories(text, 0, None, false).0.len(), 1);
        assert_eq!(stories("## One\n## Two\nText.\n", 0, None, true).0.len(), 1);
        assert_eq!(stories("#hashtag line\nText.\n", 0, None, true).0.len(), 1);
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
