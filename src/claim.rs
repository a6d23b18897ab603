//! The shared vocabulary of the pipeline: what a claim is.
//!
//! Every stage speaks these types: `extract` produces [`Claim`]s, the store
//! persists them, `compare` groups them into findings and `render` prints them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// What a figure counts: `killed`, `injured`, `detained`, `damage`, … .
///
/// Metrics are named in the lexicon, which may add new ones, so this is a
/// name rather than a closed enum. Shared, not copied: the lexicon's name is
/// the one every claim of the metric holds (a corpus has about a million claims
/// and a handful of metrics).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Metric(pub Word);

/// Whom a figure counts: `people`, `security_forces`, `protesters`, … .
///
/// Subjects form a hierarchy declared in the lexicon (people ⊇ security_forces).
/// Shared like [`Metric`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Subject(pub Word);

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A claim's id: `killed-3f2a9c01b7` and the like, held in place (no
/// allocation up to 24 bytes, which every extracted id is), as a claim and each
/// finding that names it hold one.
pub type ClaimId = compact_str::CompactString;

/// A claim's quote, held in place when it is short (up to 24 bytes, which
/// nearly half of all quotes are) and on the heap without spare capacity
/// otherwise.
pub type Quote = compact_str::CompactString;

/// A string held once and shared by every claim that repeats it (see [`vocab`]):
/// cloning it copies a pointer, not the text. Reads, compares and prints as the
/// text it holds.
///
/// One pointer wide (the text's own pointer and length sit behind it): a claim
/// holds six of these, and a corpus half a million claims, so the eight bytes
/// saved on each outweigh the second hop to the text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Word(Arc<Box<str>>);

impl Word {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn new(text: Box<str>) -> Word {
        Word(Arc::new(text))
    }
}

impl Default for Word {
    fn default() -> Self {
        Word::new(Box::from(""))
    }
}

impl std::ops::Deref for Word {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Word {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Word {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Word {
    fn from(s: &str) -> Self {
        Word::new(Box::from(s))
    }
}

impl From<String> for Word {
    fn from(s: String) -> Self {
        Word::new(s.into_boxed_str())
    }
}

impl From<&String> for Word {
    fn from(s: &String) -> Self {
        Word::new(Box::from(s.as_str()))
    }
}

impl From<Word> for String {
    fn from(w: Word) -> Self {
        w.as_str().to_string()
    }
}

impl PartialEq<str> for Word {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Word {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Word {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Word> for str {
    fn eq(&self, other: &Word) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Word> for &str {
    fn eq(&self, other: &Word) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Word> for String {
    fn eq(&self, other: &Word) -> bool {
        self.as_str() == other.as_str()
    }
}

/// How a stated figure relates to the true one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "13 were killed"
    Exact,
    /// "about 200", "nearly 200"
    About,
    /// "at least 20 thousand"
    AtLeast,
    /// "over 5,000"
    MoreThan,
    /// "up to 300"
    AtMost,
    /// "fewer than 10"
    LessThan,
    /// "dozens", "20-30", "between 5 and 10"
    Range,
}

impl Qualifier {
    /// The name used in claim files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
        }
    }
}

/// Where a claim stands in the human review workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Written by the extractor; replaced when extraction runs again.
    #[default]
    Extracted,
    /// A person checked it; kept as is.
    Confirmed,
    /// A person ruled it out; kept, but never compared.
    Rejected,
    /// A person wrote it; kept as is.
    Manual,
}

impl Status {
    /// True when a person has reviewed or written the claim, so extraction must keep it.
    pub fn is_human(self) -> bool {
        !matches!(self, Status::Extracted)
    }
}

/// A byte range into the source file as stored on disk.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A figure that may be absent, in eight bytes where `Option<f64>` takes
/// sixteen: a claim holds three (its value and the ends of its interval), and
/// a corpus half a million claims. Absent is NaN, which no text states.
#[derive(Clone, Copy)]
pub struct Amount(f64);

impl Amount {
    /// No figure.
    pub const NONE: Amount = Amount(f64::NAN);

    /// The figure, if there is one.
    pub fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }

    /// True when there is no figure.
    pub fn is_none(&self) -> bool {
        self.0.is_nan()
    }
}

impl Default for Amount {
    fn default() -> Self {
        Amount::NONE
    }
}

impl From<Option<f64>> for Amount {
    fn from(v: Option<f64>) -> Self {
        Amount(v.unwrap_or(f64::NAN))
    }
}

impl From<f64> for Amount {
    fn from(v: f64) -> Self {
        Amount(v)
    }
}

impl PartialEq for Amount {
    fn eq(&self, other: &Amount) -> bool {
        self.get() == other.get()
    }
}

impl PartialEq<Option<f64>> for Amount {
    fn eq(&self, other: &Option<f64>) -> bool {
        self.get() == *other
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

/// One stated figure, keyed to the document it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable across re-extraction of an unchanged source.
    pub id: ClaimId,
    /// The source id (file stem); a claim file names it once, at the top.
    /// One string per source, shared by its claims (see [`vocab::share`]).
    #[serde(default = "no_source", skip_serializing)]
    pub source: Word,
    /// Review state.
    #[serde(default)]
    pub status: Status,
    /// What is counted.
    pub metric: Metric,
    /// Who is counted; absent for metrics that count no one (damage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    /// The place the figure covers, canonical name; shared (see [`vocab`]).
    pub location: Word,
    /// The figure as stated; absent for vague quantities ("dozens").
    #[serde(
        default,
        with = "crate::claim::number_opt",
        skip_serializing_if = "Amount::is_none"
    )]
    pub value: Amount,
    /// Lower end of the implied interval; absent when open.
    #[serde(
        default,
        with = "crate::claim::number_opt",
        skip_serializing_if = "Amount::is_none"
    )]
    pub low: Amount,
    /// Upper end of the implied interval; absent when open.
    #[serde(
        default,
        with = "crate::claim::number_opt",
        skip_serializing_if = "Amount::is_none"
    )]
    pub high: Amount,
    /// How the figure is hedged.
    pub qualifier: Qualifier,
    /// `people`, `USD`, `EUR`, …; shared (see [`vocab`]).
    #[serde(default = "people")]
    pub unit: Word,
    /// The date the figure refers to.
    #[serde(
        default,
        with = "crate::claim::date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub as_of: Option<NaiveDate>,
    /// Who the article says gave the figure; shared (see [`vocab`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Word>,
    /// The shortest clause that states the figure, as it stands in the source.
    pub quote: Quote,
    /// Byte range of `quote` in the source file (0..0 for a claim a person added).
    #[serde(default, with = "crate::claim::span_pair")]
    pub span: Span,
    /// 1-based line of the span's start (0 when unknown).
    #[serde(default)]
    pub line: usize,
    /// True when the text gives the figure as an earlier one, since replaced
    /// ("up from 150", "the previous toll was 150").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
    /// True when the figure counts one group or one spot within its subject and
    /// place — a cell, a gang, a district, two markets — not the whole: it is never
    /// set against the whole's figures, only checked not to exceed them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub part: bool,
    /// True when the text around the figure says it was revised, recounted or
    /// corrected ("revised down to 97", "after double counting"): a fall to it is a
    /// revision, not a contradiction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revised: bool,
    /// True when the count is implied rather than stated ("a man was shot and
    /// killed" is killed 1): never enough by itself for a contradiction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implicit: bool,
    /// True when the claim was read from the headline (the front matter's
    /// `title`); its span points into the title string.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub headline: bool,
    /// True for a figure the text states by its own arithmetic, not as a numeral:
    /// the wounded in "four people were shot, three fatally" (four less three).
    /// The quote is the whole span both figures stand in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
    /// True when the text names no place for the figure (not in its sentence, nor
    /// near it): its place is the document's main country by default. Such a
    /// figure is no whole a stated part can exceed — a local report's "one
    /// person was detained" is not a count for the whole country.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub place_assumed: bool,
    /// True for what was added to a count ("five more were arrested", "nine
    /// additional victims"): a part of the totals given after it, not of one
    /// given the same day, which may be the tally before it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub increment: bool,
    /// The event the figure belongs to: set by the events stage, never written to a
    /// claim's own table (a claim file records its source's event once, at the top).
    #[serde(skip)]
    pub event: Option<EventRef>,
}

/// Which event a claim or finding belongs to: its stable id and a readable label.
/// Every claim of an event holds one: a pointer to the event's names, shared,
/// not copied (a corpus has about half a million claims and a few thousand
/// events). Reads as an [`EventName`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventRef(Arc<EventName>);

/// What an [`EventRef`] points to.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EventName {
    /// Stable across runs while the event's first source stays: `e` and 10 hex digits.
    pub id: String,
    /// "shooting · Houston · 2016-06-26", or the name a person gave it.
    pub label: String,
}

impl EventRef {
    /// A reference to the event with this id and label.
    pub fn new(id: &str, label: &str) -> EventRef {
        EventRef(Arc::new(EventName {
            id: id.to_string(),
            label: label.to_string(),
        }))
    }
}

impl std::ops::Deref for EventRef {
    type Target = EventName;
    fn deref(&self) -> &EventName {
        &self.0
    }
}

/// One event: what happened, where and when, and which sources tell of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// Readable label.
    pub label: String,
    /// What happened: `shooting`, `fire`, `unrest`, … (`event` when the text does not say).
    pub kind: String,
    /// The most specific place the sources agree on, if any.
    pub place: Option<String>,
    /// The earliest event date of its sources.
    #[serde(serialize_with = "date_str")]
    pub date: Option<NaiveDate>,
    /// The latest event date of its sources.
    #[serde(serialize_with = "date_str")]
    pub until: Option<NaiveDate>,
    /// Its sources' ids.
    pub sources: Vec<String>,
    /// For pages covering several events, the part that tells of this one:
    /// `<source id>#<byte offset where it starts>`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    /// Why the sources were put together: one line per join, or the override that named it.
    pub why: Vec<String>,
    /// True when a person named the event (front matter, configuration or claim file).
    pub manual: bool,
}

impl Event {
    /// The id and label, as claims and findings carry them.
    pub fn to_ref(&self) -> EventRef {
        EventRef::new(&self.id, &self.label)
    }
}

fn date_str<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

fn people() -> Word {
    vocab::word("people")
}

fn no_source() -> Word {
    Word::default()
}

impl Claim {
    /// The grouping key used by the comparator (before aliases are applied).
    pub fn key(&self) -> Key {
        Key {
            metric: self.metric.clone(),
            subject: self.subject.clone(),
            location: self.location.clone(),
            unit: self.unit.clone(),
            event: self.event.clone(),
        }
    }

    /// The figure as a reader would say it: "13", "over 5,000", "dozens (24–99)".
    pub fn figure(&self) -> String {
        let n = |v: f64| format_number(v, &self.unit);
        match (self.qualifier, self.value.get()) {
            (Qualifier::Exact, Some(v)) => n(v),
            (Qualifier::About, Some(v)) => format!("about {}", n(v)),
            (Qualifier::AtLeast, Some(v)) => format!("at least {}", n(v)),
            (Qualifier::MoreThan, Some(v)) => format!("over {}", n(v)),
            (Qualifier::AtMost, Some(v)) => format!("up to {}", n(v)),
            (Qualifier::LessThan, Some(v)) => format!("under {}", n(v)),
            _ => match (self.low.get(), self.high.get()) {
                (Some(lo), Some(hi)) => format!("{}–{}", n(lo), n(hi)),
                (Some(lo), None) => format!("over {}", n(lo)),
                (None, Some(hi)) => format!("under {}", n(hi)),
                (None, None) => "unknown".to_string(),
            },
        }
    }
}

/// What makes two claims comparable: the same metric, subject, place and unit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// What is counted.
    pub metric: Metric,
    /// Who is counted.
    pub subject: Option<Subject>,
    /// Canonical place.
    pub location: Word,
    /// Unit of the figure.
    pub unit: Word,
    /// The event (none when claims were not grouped into events): figures of
    /// different events are never compared.
    pub event: Option<EventRef>,
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.subject {
            Some(s) => write!(f, "{} {} in {}", self.metric, s, self.location),
            None => write!(f, "{} in {}", self.metric, self.location),
        }
    }
}

/// Formats a figure with thousands separators and a currency sign: `7,939`, `$200 million`.
pub fn format_number(v: f64, unit: &str) -> String {
    let (scaled, word) = if unit != "people" && v.abs() >= 1e12 {
        (v / 1e12, " trillion")
    } else if unit != "people" && v.abs() >= 1e9 {
        (v / 1e9, " billion")
    } else if unit != "people" && v.abs() >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    let body = if scaled.fract() == 0.0 && scaled.abs() < 1e15 {
        group_thousands(scaled as i64)
    } else {
        let s = format!("{scaled:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match unit {
        "people" => format!("{body}{word}"),
        "USD" => format!("${body}{word}"),
        "EUR" => format!("€{body}{word}"),
        "GBP" => format!("£{body}{word}"),
        other => format!("{body}{word} {other}"),
    }
}

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The words claims repeat — places, units, attributions, source ids — held once
/// and shared. A corpus of 20,000 sources has about half a million claims but a
/// few hundred distinct places and attributions: each claim holding its own copy
/// of each was most of a report's memory.
pub mod vocab {
    use super::{Claim, Word};
    use rustc_hash::{FxBuildHasher, FxHashSet};
    use std::hash::BuildHasher;
    use std::sync::{Arc, LazyLock, Mutex};

    /// Shards of the table, so that threads rarely wait on each other.
    const SHARDS: usize = 16;

    /// Past this many words a shard forgets those nothing holds any more: a
    /// long-running process fed ever new texts must not grow forever.
    const SHARD_WORDS: usize = 1 << 17;

    /// The shared copy of `word`: claims' places and units, and the events
    /// stage's terms (a corpus repeats a vocabulary of some hundred thousand
    /// words millions of times).
    pub fn word(word: &str) -> Word {
        static TABLE: LazyLock<Vec<Mutex<FxHashSet<Word>>>> =
            LazyLock::new(|| (0..SHARDS).map(|_| Mutex::default()).collect());
        let shard = &TABLE[(FxBuildHasher.hash_one(word) as usize) % SHARDS];
        let mut shard = shard.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(w) = shard.get(word) {
            return w.clone();
        }
        if shard.len() >= SHARD_WORDS {
            shard.retain(|w| Arc::strong_count(&w.0) > 1);
        }
        let w = Word::from(word);
        shard.insert(w.clone());
        w
    }

    /// Makes the claims of one source share one copy of its id and of each word
    /// they repeat (metric, subject, place, unit, attribution). Asks the shared table once per distinct word of the source,
    /// not once per claim, so threads sharing sources out rarely wait on it.
    pub fn share(source: &Word, claims: &mut [Claim]) {
        let mut seen: Vec<Word> = Vec::new();
        let mut shared = |w: &mut Word| {
            *w = match seen.iter().find(|s| s.as_str() == w.as_str()) {
                Some(s) => s.clone(),
                None => {
                    let s = word(w);
                    seen.push(s.clone());
                    s
                }
            };
        };
        for c in claims {
            if c.source == *source {
                c.source = source.clone();
            }
            // A claim file's metric and subject are read as strings of their own.
            shared(&mut c.metric.0);
            if let Some(s) = &mut c.subject {
                shared(&mut s.0);
            }
            shared(&mut c.location);
            shared(&mut c.unit);
            if let Some(a) = &mut c.attribution {
                shared(a);
            }
        }
    }
}

/// Serde for dates in claim files: written as TOML dates, read from a TOML date
/// (`as_of = 2022-01-06`) or a string (`as_of = "2022-01-06"`).
pub mod date_opt {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes a date as a TOML local date.
    pub fn serialize<S: Serializer>(v: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => {
                let dt: toml::value::Datetime =
                    d.to_string().parse().map_err(serde::ser::Error::custom)?;
                serde::Serialize::serialize(&dt, s)
            }
            None => s.serialize_none(),
        }
    }

    /// Reads a TOML date or a `YYYY-MM-DD` string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Date(toml::value::Datetime),
            Text(String),
        }
        let text = match Option::<Raw>::deserialize(d)? {
            None => return Ok(None),
            Some(Raw::Date(dt)) => dt.to_string(),
            Some(Raw::Text(s)) => s,
        };
        NaiveDate::parse_from_str(text.get(..10).unwrap_or(&text), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| D::Error::custom(format!("{text:?} is not a date such as 2022-01-06")))
    }
}

/// Serde for spans in claim files: `span = [start, end]`.
pub mod span_pair {
    use super::Span;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `[start, end]`.
    pub fn serialize<S: Serializer>(v: &Span, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&[v.start, v.end], s)
    }

    /// Reads `[start, end]` or `{ start, end }`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Pair([usize; 2]),
            Table(Span),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Pair([start, end]) => Span { start, end },
            Raw::Table(s) => s,
        })
    }
}

/// Serde for optional figures: whole numbers are written as integers (13, not 13.0).
pub mod number_opt {
    use super::Amount;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes a whole number as an integer, anything else as a float, `None` as nothing.
    pub fn serialize<S: Serializer>(v: &Amount, s: S) -> Result<S::Ok, S::Error> {
        match &v.get() {
            Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
            Some(x) => s.serialize_f64(*x),
            None => s.serialize_none(),
        }
    }

    /// Reads an integer or a float.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Num {
            I(i64),
            F(f64),
        }
        let n = Option::<Num>::deserialize(d)?.map(|n| match n {
            Num::I(i) => i as f64,
            Num::F(f) => f,
        });
        Ok(n.into())
    }
}

/// Claims for unit tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// A claim with the interval its qualifier implies (about = ±10 %).
    pub fn claim(
        id: &str,
        metric: &str,
        subject: &str,
        place: &str,
        q: Qualifier,
        v: f64,
        as_of: Option<NaiveDate>,
    ) -> Claim {
        let (low, high) = match q {
            Qualifier::MoreThan | Qualifier::AtLeast => (Some(v), None),
            Qualifier::LessThan | Qualifier::AtMost => (None, Some(v)),
            Qualifier::About => (Some(v * 0.9), Some(v * 1.1)),
            Qualifier::Exact | Qualifier::Range => (Some(v), Some(v)),
        };
        Claim {
            id: id.into(),
            source: id.into(),
            status: Status::Extracted,
            metric: Metric(metric.into()),
            subject: Some(Subject(subject.into())),
            location: place.into(),
            value: Some(v).into(),
            low: low.into(),
            high: high.into(),
            qualifier: q,
            unit: "people".into(),
            as_of,
            attribution: None,
            quote: Quote::default(),
            span: Span::default(),
            line: 0,
            superseded: false,
            part: false,
            event: None,
            revised: false,
            implicit: false,
            headline: false,
            derived: false,
            place_assumed: false,
            increment: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_held_once_however_often_it_is_used() {
        let (a, b) = (
            vocab::word("^quillfield"),
            vocab::word(&format!("^{}", "quillfield")),
        );
        assert_eq!(a, b);
        assert_eq!(a.as_str().as_ptr(), b.as_str().as_ptr());
        assert_ne!(
            vocab::word("^quillfeld").as_str().as_ptr(),
            a.as_str().as_ptr()
        );
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(format_number(7939.0, "people"), "7,939");
        assert_eq!(format_number(200_000_000.0, "USD"), "$200 million");
        assert_eq!(format_number(4_200_000_000.0, "USD"), "$4.2 billion");
        assert_eq!(format_number(310e9, "RUB"), "310 billion RUB");
        assert_eq!(format_number(13.0, "people"), "13");
        assert_eq!(format_number(1.2e12, "USD"), "$1.2 trillion");
    }
}

#[cfg(test)]
mod size {
    /// A report holds every claim of a corpus (about half a million for 100 MB
    /// of news) and a finding for each disagreement: their size is its memory.
    #[test]
    fn a_claim_and_a_finding_stay_small() {
        assert!(std::mem::size_of::<super::Claim>() <= 168);
        assert!(std::mem::size_of::<crate::compare::Finding>() <= 168);
        assert_eq!(std::mem::size_of::<super::Word>(), 8);
    }
}
