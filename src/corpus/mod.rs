//! Stage 1, load: finding source files and reading what they say about themselves.
//!
//! A source is one UTF-8 text or Markdown file; its id is the file stem. It may open
//! with TOML front matter; without it, the publication date is inferred from the text.

pub mod dates;
mod frontmatter;
mod layout;
mod walk;

pub use frontmatter::Meta;
pub use layout::Section;
pub use walk::{Walk, list_files, set_verbose, walk};

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
    /// Reads one source file, refusing one larger than [`max_source_size`]
    /// before reading it (or, for a device or pipe, once past the bound).
    pub fn read(path: &Path) -> Result<Source> {
        use std::io::Read;
        let max = max_source_size();
        let too_big = || {
            Error::in_file(
                path,
                format!("is larger than --max-source-size ({})", show_size(max)),
            )
            .with_hint("split the article, or raise the bound with --max-source-size")
        };
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len > max {
            return Err(too_big());
        }
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, &e))?;
        if bytes.len() as u64 > max {
            return Err(too_big());
        }
        Source::from_bytes(path, bytes)
    }

    /// Builds a source from a file's bytes.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Source> {
        if is_utf16(&bytes) {
            return Err(
                Error::in_file(path, "is UTF-16 text; claimdiff reads UTF-8")
                    .with_hint("convert it: `iconv -f UTF-16 -t UTF-8 FILE > OUT`"),
            );
        }
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

    /// The stories the body tells, for grouping into events: its sections,
    /// and in Markdown the entries under each heading; and whether headings
    /// split any (see [`layout::stories`]).
    pub fn stories(&self) -> (Vec<Section>, bool) {
        let markdown = self
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        layout::stories(&self.text, self.body_start, self.meta.published, markdown)
    }

    /// The date at the start of the file name (`2022-01-29-…`), if any.
    pub fn file_name_date(&self) -> Option<chrono::NaiveDate> {
        dates::iso_prefix(&self.id)
    }

    /// The date the source gives without reading its text: its publication
    /// date, or the date its file name carries.
    pub fn date_given(&self) -> Option<chrono::NaiveDate> {
        self.meta.published.or_else(|| self.file_name_date())
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

/// The default bound on one source: ample for any article, small enough that
/// one file cannot exhaust memory or stall a CI run.
pub const DEFAULT_MAX_SOURCE_SIZE: u64 = 16 * 1024 * 1024;

static MAX_SOURCE_SIZE: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(DEFAULT_MAX_SOURCE_SIZE);

/// The largest source, in bytes, that [`Source::read`] accepts.
pub fn max_source_size() -> u64 {
    MAX_SOURCE_SIZE.load(std::sync::atomic::Ordering::Relaxed)
}

/// Sets the bound (`--max-source-size`).
pub fn set_max_source_size(bytes: u64) {
    MAX_SOURCE_SIZE.store(bytes, std::sync::atomic::Ordering::Relaxed);
}

/// "16 MiB", "300 bytes".
pub fn show_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Reads "16M", "16MiB", "1G", "500k", "2000" as bytes (powers of 1024).
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let n: u64 = t[..digits]
        .parse()
        .map_err(|_| format!("{s:?} is not a size; write e.g. 16M, 500k or 1G"))?;
    let shift = match t[digits..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        other => {
            return Err(format!(
                "unknown unit {other:?}; write e.g. 16M, 500k or 1G"
            ));
        }
    };
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// True for UTF-16 text: a byte-order mark before text with zero bytes (the high
/// halves of Latin letters), or Latin text with every other byte zero.
fn is_utf16(bytes: &[u8]) -> bool {
    let bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if bom && bytes.len().is_multiple_of(2) && bytes.contains(&0) {
        return true;
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return false;
    }
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    zeros(0) * 10 >= half * 9 || zeros(1) * 10 >= half * 9
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
    /// Warnings about files that were read (an unknown front-matter key, an
    /// empty body), one line each; the caller prints them unless told to be quiet.
    pub notices: Vec<String>,
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
    let hints = year_hints(loaded.sources.iter().map(Source::date_given));
    for s in &mut loaded.sources {
        s.infer_published(&hints);
    }
    loaded.sources.sort_by(|a, b| a.id.cmp(&b.id));
    loaded.notices = loaded.sources.iter().flat_map(notices_of).collect();
    loaded
}

/// The positions of the files in the order [`load`] gives their sources: by id
/// (the file's stem), equal ids in the order given. A run that reads them in
/// this order, a batch at a time, takes the sources in the order a whole load
/// would.
pub fn id_order(files: &[PathBuf]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_cached_key(|&i| {
        files[i]
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    order
}

/// The years of the dates a corpus's sources give ([`Source::date_given`]), most
/// common first: the likeliest years of an undated article in it
/// ([`Source::infer_published`]).
pub fn year_hints(dates: impl Iterator<Item = Option<chrono::NaiveDate>>) -> Vec<i32> {
    let mut years: Vec<i32> = dates.flatten().map(|d| d.year()).collect();
    years.sort_unstable();
    let mut counted: Vec<(usize, i32)> = Vec::new();
    for y in years {
        match counted.last_mut() {
            Some((n, last)) if *last == y => *n += 1,
            _ => counted.push((1, y)),
        }
    }
    counted.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    counted.into_iter().map(|(_, y)| y).collect()
}

/// The warnings about a source that was read: its front matter's, and an empty
/// body's.
pub fn notices_of(s: &Source) -> Vec<String> {
    let mut notices = s.meta.warnings.clone();
    if s.body().trim().is_empty() {
        notices.push(format!(
            "{}: is empty: it states no figures to compare",
            s.path.display()
        ));
    }
    notices
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
    fn sizes_are_read_in_powers_of_1024() {
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("500 kb"), Ok(500 << 10));
        assert_eq!(parse_size("2000"), Ok(2000));
        assert!(parse_size("lots").is_err() && parse_size("3 parsecs").is_err());
        assert_eq!(show_size(16 << 20), "16 MiB");
    }

    #[test]
    fn utf16_is_named_as_such() {
        let text: Vec<u8> = "Police said 13"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = Source::from_bytes(Path::new("u.txt"), text).unwrap_err();
        assert!(e.to_string().contains("UTF-16"), "{e}");
    }

    #[test]
    fn binary_and_non_utf8_files_are_refused_with_a_reason() {
        let e = Source::from_bytes(Path::new("b.txt"), vec![1, 0, 2]).unwrap_err();
        assert!(e.to_string().contains("binary"));
        let e = Source::from_bytes(Path::new("c.txt"), b"ok\n\xff".to_vec()).unwrap_err();
        assert_eq!(e.position, Some((2, 1)));
    }
}
