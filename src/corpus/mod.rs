//! Stage 1, load: finding source files and reading what they say about themselves.
//!
//! A source is one UTF-8 text or Markdown file; its id is the file stem. It may open
//! with TOML front matter; without it, the publication date is inferred from the text.

pub mod dates;
mod frontmatter;
mod layout;

pub use frontmatter::Meta;
pub use layout::Section;

use crate::error::{Error, Result};
use chrono::Datelike;
use rayon::prelude::*;
use regex::Regex;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One article, as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file stem.
    pub id: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// The whole file; every span is a byte range into it.
    pub text: String,
    /// Where the body starts (after any front matter).
    pub body_start: usize,
    /// Front matter, or what was inferred from the text.
    pub meta: Meta,
    /// `sha256:<hex>` of the file, to see when a claim file is stale.
    pub hash: String,
}

impl Source {
    /// Reads one source file.
    pub fn read(path: &Path) -> Result<Source> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        Source::from_bytes(path, bytes)
    }

    /// Builds a source from a file's bytes.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Source> {
        if bytes.contains(&0) {
            return Err(Error::in_file(path, "is a binary file, not text")
                .with_hint("remove it from the sources folder or convert it to UTF-8 text"));
        }
        let hash = hash_bytes(&bytes);
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Error::at_offset(path, &text, at, "is not valid UTF-8")
                .with_hint("convert it to UTF-8, e.g. `iconv -t UTF-8`")
        })?;
        let (mut meta, body_start) = frontmatter::split(path, &text)?;
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut body_start = body_start;
        if let Some((date, len)) = date_prefix(&text[body_start..]) {
            // "date 2022-01-07" is metadata, not article text.
            body_start += len;
            if meta.published.is_none() {
                meta.published = Some(date);
                meta.published_from = Some("text");
            }
        } else if meta.published.is_none()
            && let Some(date) = leading_date(&text[body_start..])
        {
            meta.published = Some(date);
            meta.published_from = Some("text");
        }
        Ok(Source {
            id,
            path: path.to_path_buf(),
            text,
            body_start,
            meta,
            hash,
        })
    }

    /// The body: the text after any front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The sections whose figures share an as-of date (live-page entries).
    pub fn sections(&self) -> Vec<Section> {
        layout::sections(&self.text, self.body_start, self.meta.published)
    }

    /// The date at the start of the file name (`2022-01-29-…`), if any.
    pub fn file_name_date(&self) -> Option<chrono::NaiveDate> {
        dates::iso_prefix(&self.id)
    }

    /// Fills in a missing publication date from a dated phrase in the opening
    /// paragraph ("on Saturday, January 29"), read against the years the file name
    /// and the other sources give; failing that, from a date in the file name.
    pub fn infer_published(&mut self, corpus_years: &[i32]) {
        if self.meta.published.is_some() {
            return;
        }
        let mut hints: Vec<i32> = self
            .file_name_date()
            .map(|d| d.year())
            .into_iter()
            .collect();
        for &y in corpus_years {
            if !hints.contains(&y) {
                hints.push(y);
            }
        }
        if let Some(d) = dated_phrase(self.body(), &hints) {
            self.meta.published = Some(d);
            self.meta.published_from = Some("text");
        } else if let Some(d) = self.file_name_date() {
            self.meta.published = Some(d);
            self.meta.published_from = Some("file name");
        }
    }
}

/// Hex SHA-256 of a file's bytes, prefixed with the algorithm.
pub fn hash_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// A leading `date 2022-01-07`: the date and the length of the prefix.
fn date_prefix(body: &str) -> Option<(chrono::NaiveDate, usize)> {
    let trimmed = body.trim_start();
    let rest = trimmed.strip_prefix("date ")?;
    let after = rest.trim_start();
    let date = dates::iso_prefix(after)?;
    let used = body.len() - after.len() + 10;
    Some((date, used))
}

/// A first line `06.01.2022`.
fn leading_date(body: &str) -> Option<chrono::NaiveDate> {
    dates::dotted(body.trim_start().lines().next()?)
}

/// A wire-style dateline opening the body: "ALMATY, Jan 7 (Reuters) -",
/// "MOSCOW, January 7, 2022 —".
fn dateline(body: &str, year_hints: &[i32]) -> Option<chrono::NaiveDate> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^\s*[A-Z][A-Za-z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]+){0,3},\s+(?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})(?:,\s*(?P<y>\d{4}))?\.?\s*(?:\(|[-–—]|/)",
        )
        .expect("valid regex")
    });
    let caps = re.captures(body)?;
    let month = dates::month(&caps["m"])?;
    let day: u32 = caps["d"].parse().ok()?;
    match caps.name("y").and_then(|y| y.as_str().parse().ok()) {
        Some(y) => chrono::NaiveDate::from_ymd_opt(y, month, day),
        None => dates::year_for(month, day, None, year_hints).or_else(|| {
            // "ALMATY, Jan 9 … said on Sunday": the latest year in which the date
            // fell on that weekday.
            let opening = body.split("\n\n").next().unwrap_or(body);
            let weekday = opening
                .split(|c: char| !c.is_alphabetic())
                .find_map(dates::weekday)?;
            let recent: Vec<i32> = (0..40).map(|back| this_year() - back).collect();
            dates::year_for(month, day, Some(weekday), &recent)
        }),
    }
}

/// The current year, from the system clock.
fn this_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(secs as i64, 0).map_or(2026, |d| d.year())
}

fn dated_phrase(body: &str, year_hints: &[i32]) -> Option<chrono::NaiveDate> {
    if let Some(d) = dateline(body, year_hints) {
        return Some(d);
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)\bon\s+(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?(?P<m>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?",
        )
        .expect("valid regex")
    });
    let opening = body.split("\n\n").next().unwrap_or(body);
    for caps in re.captures_iter(opening) {
        let Some(month) = dates::month(&caps["m"]) else {
            continue;
        };
        let day: u32 = caps["d"].parse().ok()?;
        let wd = caps.name("wd").and_then(|m| dates::weekday(m.as_str()));
        if let Some(y) = caps.name("y").and_then(|m| m.as_str().parse().ok()) {
            return chrono::NaiveDate::from_ymd_opt(y, month, day);
        }
        // A bare "on January 2" in an opening is as often an event as a dateline.
        if wd.is_some() {
            return dates::year_for(month, day, wd, year_hints);
        }
    }
    None
}

/// What loading a set of paths gave: the sources read and the files skipped.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Sources, sorted by id.
    pub sources: Vec<Source>,
    /// One error per file that could not be read; the rest were loaded.
    pub skipped: Vec<Error>,
}

/// Lists the source files under `paths` (folders are read one level deep,
/// `.txt` and `.md` only, hidden files skipped); single files are taken as given.
pub fn list_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| {
            Error::io(path, &e).with_hint("pass a folder of .txt/.md articles or a file")
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let entries = std::fs::read_dir(path).map_err(|e| Error::io(path, &e))?;
            for entry in entries {
                let entry = entry.map_err(|e| Error::io(path, &e))?;
                let p = entry.path();
                let hidden = p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if !hidden && p.is_file() && is_article(&p) {
                    found.push(p);
                }
            }
            if found.is_empty() {
                return Err(Error::in_file(path, "holds no .txt or .md articles")
                    .with_hint("put the articles to compare in this folder, or pass another"));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn is_article(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown")
    )
}

/// Reads every file in parallel. Files that fail are collected in `skipped`;
/// the caller decides whether that is fatal. Publication dates missing from the
/// text are inferred against the years the other sources give.
pub fn load(files: &[PathBuf]) -> Loaded {
    let results: Vec<Result<Source>> = files.par_iter().map(|p| Source::read(p)).collect();
    let mut loaded = Loaded::default();
    for r in results {
        match r {
            Ok(s) => loaded.sources.push(s),
            Err(e) => loaded.skipped.push(e),
        }
    }
    let mut years: Vec<i32> = loaded
        .sources
        .iter()
        .filter_map(|s| s.meta.published.or_else(|| s.file_name_date()))
        .map(|d| d.year())
        .collect();
    // Most common year first: the likeliest year of an undated article in this corpus.
    years.sort_unstable();
    let mut counted: Vec<(usize, i32)> = Vec::new();
    for y in years {
        match counted.last_mut() {
            Some((n, last)) if *last == y => *n += 1,
            _ => counted.push((1, y)),
        }
    }
    counted.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let hints: Vec<i32> = counted.into_iter().map(|(_, y)| y).collect();
    for s in &mut loaded.sources {
        s.infer_published(&hints);
    }
    loaded.sources.sort_by(|a, b| a.id.cmp(&b.id));
    let mut seen = std::collections::HashSet::new();
    for s in &loaded.sources {
        if !seen.insert(s.id.clone()) {
            loaded.skipped.push(
                Error::in_file(
                    &s.path,
                    format!("has the same id {:?} as another source", s.id),
                )
                .with_hint("source ids are file stems; rename one of the files"),
            );
        }
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, text: &str) -> Source {
        Source::from_bytes(Path::new(name), text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn dates_are_read_from_leading_lines() {
        let s = src("a.txt", " date 2022-01-07 Kazakh President said");
        assert_eq!(
            s.meta.published,
            chrono::NaiveDate::from_ymd_opt(2022, 1, 7)
        );
        let s = src("b.txt", "06.01.2022\nProtests");
        assert_eq!(
            s.meta.published,
            chrono::NaiveDate::from_ymd_opt(2022, 1, 6)
        );
    }

    #[test]
    fn a_weekday_phrase_is_read_against_the_corpus_years() {
        let mut s = src(
            "x.txt",
            "This was announced on Saturday, January 29, by the president.",
        );
        assert_eq!(s.meta.published, None);
        s.infer_published(&[2023, 2022]);
        assert_eq!(
            s.meta.published,
            chrono::NaiveDate::from_ymd_opt(2022, 1, 29)
        );
    }

    #[test]
    fn a_wire_dateline_gives_the_date() {
        let mut s = src(
            "x.txt",
            "ALMATY, Jan 7 (Reuters) - Police said 13 people died.",
        );
        s.infer_published(&[2022]);
        assert_eq!(
            s.meta.published,
            chrono::NaiveDate::from_ymd_opt(2022, 1, 7)
        );
        let mut s = src("y.txt", "MOSCOW, January 7, 2021 — Officials said.");
        s.infer_published(&[2022]);
        assert_eq!(
            s.meta.published,
            chrono::NaiveDate::from_ymd_opt(2021, 1, 7)
        );
    }

    #[test]
    fn binary_and_non_utf8_files_are_refused_with_a_reason() {
        let e = Source::from_bytes(Path::new("b.txt"), vec![1, 0, 2]).unwrap_err();
        assert!(e.to_string().contains("binary"));
        let e = Source::from_bytes(Path::new("c.txt"), b"ok\n\xff".to_vec()).unwrap_err();
        assert_eq!(e.position, Some((2, 1)));
    }
}
