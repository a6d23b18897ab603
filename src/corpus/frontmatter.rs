//! TOML front matter between two `+++` lines (the Hugo/Zola convention).

use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

/// What the front matter (or the text) says about a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Byte range of the headline's text in the file, when it is written there
    /// as is (a plain TOML string without escapes), so claims can point into it.
    pub title_span: Option<(usize, usize)>,
    /// Publisher, when the text names it.
    pub outlet: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Where `published` came from: "front matter", "text", "file name".
    pub published_from: Option<&'static str>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    /// The event the source tells of, when its author names it (`event = "…"`).
    pub event: Option<String>,
    /// What the front matter says that claimdiff cannot use (a misspelled key, a
    /// date it cannot read), each with file:line:col and what to do. The source
    /// still loads; the caller shows these as warnings.
    pub warnings: Vec<String>,
}

/// The keys claimdiff reads, TOML and Jekyll spellings together.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "outlet",
    "source",
    "publisher",
    "url",
    "link",
    "published",
    "date",
    "language",
    "lang",
    "event",
];

/// Keys blogs and static-site generators write that say nothing claimdiff uses:
/// an unknown key outside this list is more likely a slip than a habit.
const HARMLESS_KEYS: &[&str] = &[
    "author",
    "authors",
    "byline",
    "tags",
    "categories",
    "category",
    "layout",
    "draft",
    "description",
    "summary",
    "slug",
    "id",
    "section",
    "keywords",
    "image",
    "images",
    "updated",
    "lastmod",
    "modified",
    "weight",
    "type",
    "permalink",
    "aliases",
    "series",
    "toc",
    "comments",
    "excerpt",
    "subtitle",
    "translationkey",
];

/// A warning for a key claimdiff does not read, or None for a known or harmless one.
fn unknown_key(path: &Path, text: &str, at: usize, key: &str) -> Option<String> {
    let lower = key.to_lowercase();
    if KNOWN_KEYS.contains(&lower.as_str()) || HARMLESS_KEYS.contains(&lower.as_str()) {
        return None;
    }
    let close = KNOWN_KEYS
        .iter()
        .map(|k| (edit_distance(&lower, k), *k))
        .filter(|&(d, k)| d <= 2 && d < k.len() / 2 + 1)
        .min();
    let hint = match close {
        Some((_, k)) => format!("did you mean `{k}`? rename the key so claimdiff reads it"),
        None => format!(
            "claimdiff reads {}; rename the key or remove it",
            KNOWN_KEYS.join(", ")
        ),
    };
    Some(
        Error::at_offset(
            path,
            text,
            at,
            format!("front-matter key `{key}` is not read"),
        )
        .with_hint(hint)
        .to_string(),
    )
}

/// Levenshtein distance over characters: keys are a few letters long.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[derive(Deserialize)]
struct Raw {
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<toml::Value>,
    #[serde(alias = "lang")]
    language: Option<String>,
    event: Option<String>,
}

/// Splits front matter off `text`: the metadata and the byte offset where the body starts.
///
/// Text without front matter gives default metadata and offset 0 (after a BOM, if any).
pub fn split(path: &Path, text: &str) -> Result<(Meta, usize)> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    if rest.starts_with("---") {
        return Ok(yaml_like(path, text, bom).unwrap_or((Meta::default(), bom)));
    }
    let Some(after_open) = rest.strip_prefix("+++") else {
        return Ok((Meta::default(), bom));
    };
    let open_len = match after_open.find('\n') {
        Some(i) if after_open[..i].trim().is_empty() => 3 + i + 1,
        _ => return Ok((Meta::default(), bom)),
    };
    let toml_start = bom + open_len;
    let (toml_end, body_start) = find_close(text, toml_start).ok_or_else(|| {
        Error::at_offset(
            path,
            text,
            bom,
            "front matter opened with +++ is never closed",
        )
        .with_hint("add a line with +++ after the metadata")
    })?;
    let toml_text = &text[toml_start..toml_end];
    let raw: Raw = toml::from_str(toml_text).map_err(|e| {
        crate::error::from_toml(path, text, toml_start, &e)
            .with_hint("fix the front matter; it is TOML between two +++ lines")
    })?;
    let mut warnings = Vec::new();
    if let Ok(table) = toml_text.parse::<toml::Table>() {
        for key in table.keys() {
            let at = toml_start + key_offset(toml_text, key);
            warnings.extend(unknown_key(path, text, at, key));
        }
    }
    let published = match raw.published {
        None => None,
        Some(v) => Some(parse_published(&v).ok_or_else(|| {
            let at = toml_start + toml_text.find("published").unwrap_or(0);
            Error::at_offset(path, text, at, format!("`published` is not a date: {v}"))
                .with_hint("write a date such as 2022-01-06 or an RFC 3339 date-time")
        })?),
    };
    let title_span = raw
        .title
        .as_deref()
        .and_then(|title| title_span(toml_text, title))
        .map(|(a, b)| (toml_start + a, toml_start + b));
    let meta = Meta {
        title_span,
        title: raw.title,
        outlet: raw.outlet,
        url: raw.url,
        published_from: published.map(|_| "front matter"),
        published,
        language: raw.language,
        event: raw.event.filter(|e| !e.trim().is_empty()),
        warnings,
    };
    Ok((meta, body_start))
}

/// Jekyll-style front matter between `---` lines, read as simple `key: value`
/// lines (title, outlet or source, url, published or date). Anything richer is
/// skipped: the block is still kept out of the article text. A date it cannot
/// read and a key it does not know are warned of, not errors: Jekyll is lenient.
fn yaml_like(path: &Path, text: &str, bom: usize) -> Option<(Meta, usize)> {
    let rest = &text[bom..];
    let first = rest.find('\n')?;
    if rest[..first].trim() != "---" {
        return None;
    }
    let start = bom + first + 1;
    let (end, body_start) = find_close_with(text, start, "---")?;
    let mut meta = Meta::default();
    let mut pos = start;
    for line in text[start..end].split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        // Only top-level keys: an indented line belongs to a list or a map.
        let top_level = !line.starts_with([' ', '\t', '-', '#']);
        let key_at = line_start + (line.len() - line.trim_start().len());
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() {
            if top_level {
                meta.warnings
                    .extend(unknown_key(path, text, key_at, key.trim()));
            }
            continue;
        }
        match key.trim() {
            "title" => {
                // The value is a slice of the line: where it stands in the file, so
                // a headline's figures point into it.
                let at = line_start + (value.as_ptr() as usize - line.as_ptr() as usize);
                meta.title_span = Some((at, at + value.len()));
                meta.title = Some(value.to_string());
            }
            "outlet" | "source" | "publisher" => meta.outlet = Some(value.to_string()),
            "url" | "link" => meta.url = Some(value.to_string()),
            "language" | "lang" => meta.language = Some(value.to_string()),
            "event" => meta.event = Some(value.to_string()),
            "published" | "date" => {
                if let Some(d) = super::dates::iso_prefix(value) {
                    meta.published = Some(d);
                    meta.published_from = Some("front matter");
                } else {
                    let at = line_start + (value.as_ptr() as usize - line.as_ptr() as usize);
                    let message =
                        format!("`{}` is not a date claimdiff reads: {value}", key.trim());
                    meta.warnings.push(
                        Error::at_offset(path, text, at, message)
                            .with_hint(
                                "write it as 2026-04-03 (a time may follow); until then the \
                                 source is undated and its figures are not ordered in time",
                            )
                            .to_string(),
                    );
                }
            }
            other if top_level => meta.warnings.extend(unknown_key(path, text, key_at, other)),
            _ => {}
        }
    }
    Some((meta, body_start))
}

/// Where the text of `title = "…"` stands in the front matter, if it is the title as
/// parsed (no escapes to undo).
fn title_span(toml_text: &str, title: &str) -> Option<(usize, usize)> {
    let mut pos = 0;
    for line in toml_text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let Some(rest) = line.trim_start().strip_prefix("title") else {
            continue;
        };
        let rest = rest.trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|&c| c == '"' || c == '\'')?;
        let open = start + line.len() - rest.len() + 1;
        let body = &toml_text[open..];
        return body
            .starts_with(title)
            .then_some(())
            .filter(|_| body[title.len()..].starts_with(quote))
            .map(|_| (open, open + title.len()));
    }
    None
}

/// Where `key` starts in TOML text: at the start of a line, before `=`.
fn key_offset(toml_text: &str, key: &str) -> usize {
    let mut pos = 0;
    for line in toml_text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let bare = trimmed.trim_start_matches(['"', '\'']);
        if bare.starts_with(key)
            && bare[key.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with('=')
        {
            return pos + (line.len() - bare.len());
        }
        pos += line.len();
    }
    0
}

fn find_close(text: &str, from: usize) -> Option<(usize, usize)> {
    find_close_with(text, from, "+++")
}

fn find_close_with(text: &str, from: usize, fence: &str) -> Option<(usize, usize)> {
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

fn parse_published(v: &toml::Value) -> Option<NaiveDate> {
    let s = match v {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => return None,
    };
    super::dates::iso_prefix(s.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_and_read() {
        let text = "+++\ntitle = \"T\"\npublished = 2022-01-06\n+++\nBody";
        let (meta, start) = split(Path::new("a.txt"), text).unwrap();
        assert_eq!(&text[start..], "Body");
        assert_eq!(meta.title.as_deref(), Some("T"));
        let (a, b) = meta.title_span.unwrap();
        assert_eq!(&text[a..b], "T");
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2022, 1, 6));
        // An escaped title cannot be pointed into.
        let text = "+++\ntitle = \"A \\\"B\\\"\"\n+++\nBody";
        let (meta, _) = split(Path::new("a.txt"), text).unwrap();
        assert_eq!(meta.title.as_deref(), Some("A \"B\""));
        assert_eq!(meta.title_span, None);
    }

    #[test]
    fn date_times_and_strings_are_accepted() {
        let text = "+++\npublished = 2022-01-06T10:00:00Z\n+++\n";
        assert!(split(Path::new("a"), text).unwrap().0.published.is_some());
        let text = "+++\npublished = \"2022-01-06\"\n+++\n";
        assert!(split(Path::new("a"), text).unwrap().0.published.is_some());
    }

    #[test]
    fn malformed_front_matter_names_line_and_column() {
        let text = "+++\ntitle = \"T\"\noutlet = \n+++\nBody";
        let err = split(Path::new("s/a.txt"), text).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(3), "{err}");
        let unclosed = split(Path::new("a"), "+++\ntitle = 1\n").unwrap_err();
        assert!(unclosed.to_string().contains("never closed"));
        let bad_date = split(Path::new("a"), "+++\npublished = \"soon\"\n+++\n").unwrap_err();
        assert!(bad_date.to_string().contains("not a date"));
    }

    #[test]
    fn yaml_style_front_matter_is_read_and_kept_out_of_the_body() {
        let text = "---\ntitle: \"Toll rises\"\ndate: 2022-01-09 10:00\nsource: Wire\ntags: [a, b]\n---\nBody";
        let (meta, start) = split(Path::new("a.md"), text).unwrap();
        assert_eq!(&text[start..], "Body");
        assert_eq!(meta.title.as_deref(), Some("Toll rises"));
        // A headline's figures point into the file, as with TOML front matter.
        let (a, b) = meta.title_span.unwrap();
        assert_eq!(&text[a..b], "Toll rises");
        assert_eq!(meta.outlet.as_deref(), Some("Wire"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2022, 1, 9));
        // A horizontal rule that never closes is text.
        let (_, start) = split(Path::new("b.md"), "---\nNo front matter here").unwrap();
        assert_eq!(start, 0);
    }

    #[test]
    fn misspelled_keys_and_unread_dates_are_warned_of_with_a_position() {
        let text = "+++\ntitle = \"x\"\nauthor = \"y\"\npublishd = 2026-02-03\n+++\nBody";
        let (meta, _) = split(Path::new("s/a.md"), text).unwrap();
        assert_eq!(meta.published, None);
        assert_eq!(meta.warnings.len(), 1, "{:?}", meta.warnings);
        let w = &meta.warnings[0];
        assert!(
            w.starts_with("s/a.md:4:1: front-matter key `publishd`"),
            "{w}"
        );
        assert!(w.contains("did you mean `published`"), "{w}");
        // A key nothing resembles is named with the keys that are read.
        let text = "+++\nheadline = \"x\"\n+++\n";
        let (meta, _) = split(Path::new("a.md"), text).unwrap();
        assert!(
            meta.warnings[0].contains("claimdiff reads title"),
            "{:?}",
            meta.warnings
        );

        let text = "---\ntitle: Crash\ndate: April 3rd 2026\ntags:\n  - a\ntitel: b\n---\nBody";
        let (meta, start) = split(Path::new("b.md"), text).unwrap();
        assert_eq!(&text[start..], "Body");
        assert_eq!(meta.published, None);
        assert_eq!(meta.warnings.len(), 2, "{:?}", meta.warnings);
        assert!(
            meta.warnings[0].starts_with("b.md:3:7: `date` is not a date"),
            "{:?}",
            meta.warnings
        );
        assert!(meta.warnings[0].contains("2026-04-03"));
        assert!(
            meta.warnings[1].contains("did you mean `title`"),
            "{:?}",
            meta.warnings
        );
        // Well-formed front matter says nothing.
        let text = "---\ntitle: A\ndate: 2026-01-02\nlayout: post\n---\nBody";
        assert!(
            split(Path::new("c.md"), text)
                .unwrap()
                .0
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn text_without_front_matter_is_all_body() {
        let (meta, start) = split(Path::new("a"), "+++ not front matter").unwrap();
        assert_eq!((meta, start), (Meta::default(), 0));
    }
}
