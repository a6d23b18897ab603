//! What a text says about the event it reports: its kind, its most specific place,
//! its date (the publication date, moved back to a weekday the opening names), and
//! the words that tell one incident from another (names, streets, venues).

use super::kinds::{count_kinds, kinds};
use super::names::{Alone, Names};
use super::places::{Towns, Whereabouts, place_of};
use super::windows::{Paragraphs, WINDOW};
use super::words::{Term, Tokens, furniture_marked, story as story_word, words};
use crate::corpus::{Source, dates};
use crate::lexicon::Lexicon;
use aho_corasick::AhoCorasick;
use chrono::{Duration, NaiveDate};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

/// One stretch of text grouped as a whole: a source, or one entry of a live page
/// that covers several events. Serialized as a document's event signature: the
/// field names are part of the streaming interface.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    /// The source id.
    pub source: String,
    /// Byte range in the file, for a section of a page covering several events.
    pub span: Option<(usize, usize)>,
    /// What happened, by index into [`kinds`]; `None` when no kind word is used.
    pub kind: Option<usize>,
    /// How often each kind's words are used (the title's count three times).
    pub kind_counts: Vec<usize>,
    /// The most specific place named most often.
    pub place: Option<String>,
    /// Every place named, with the places that contain them.
    pub places: Vec<String>,
    /// True when `place` is on the map (see [`Whereabouts::mapped`]): only such
    /// places keep two units apart.
    pub mapped: bool,
    /// When it happened, as well as the text tells.
    pub date: Option<NaiveDate>,
    /// Words that may tell this event from others, with repeats (term frequency).
    /// Held as one block a lede may share (serialized as a list, as a vector is).
    pub terms: Arc<[Term]>,
    /// The terms of the headline and the story's first paragraphs alone: what
    /// the report is about, before the sidebars and the background. A short
    /// report's lede is its terms, shared.
    pub lede: Arc<[Term]>,
    /// A fingerprint of the unit's whole text: copies of one text are one event
    /// however little of it tells the story. `None` for an empty text.
    pub copy: Option<u64>,
    /// The language it is read in ("en" unless another is declared or detected).
    pub lang: String,
}

/// The kind whose words are used most (ties to the kind listed first), if any.
pub fn most_used_kind(counts: &[usize]) -> Option<usize> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

impl Unit {
    /// True when the two units may be of one kind of event: either tells no kind,
    /// or one uses the other's kind words at least half as often as its own.
    pub fn kinds_agree(&self, other: &Unit) -> bool {
        match (self.kind, other.kind) {
            (Some(a), Some(b)) if a != b => {
                let leans =
                    |u: &Unit, k: usize, own: usize| 2 * u.kind_counts[k] >= u.kind_counts[own];
                leans(self, b, a) || leans(other, a, b)
            }
            _ => true,
        }
    }

    /// "source" or "source#offset".
    pub fn name(&self) -> String {
        match self.span {
            Some((start, _)) => format!("{}#{start}", self.source),
            None => self.source.clone(),
        }
    }
}

/// The paragraphs of `text[start..end]` with their offsets.
pub fn paragraphs(text: &str, start: usize, end: usize) -> Vec<(usize, &str)> {
    // The pieces `split("\n\n")` gives: every text is cut twice, and the
    // general search for two characters cost more than finding one.
    let mut out = Vec::new();
    let mut pos = start;
    let mut rest = &text[start..end];
    loop {
        let at = blank_line(rest);
        let chunk = &rest[..at.unwrap_or(rest.len())];
        let trimmed = chunk.trim();
        if !trimmed.is_empty() {
            out.push((pos, trimmed));
        }
        pos += chunk.len() + 2;
        match at {
            Some(at) => rest = &rest[at + 2..],
            None => return out,
        }
    }
}

/// Where the first "\n\n" of a text starts.
fn blank_line(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find('\n') {
        let at = from + i;
        if text.as_bytes().get(at + 1) == Some(&b'\n') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A paragraph's fingerprint for spotting furniture repeated across sources.
pub fn paragraph_hash(p: &str) -> u64 {
    hash_of(p)
}

/// The fingerprint of a headline and a text: the hash of the two joined by a
/// line break, hashed as they stand rather than copied into one string first.
fn copy_hash(title: &str, text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // What hashing the joined `str` writes: its bytes, then one 0xff.
    h.write(title.as_bytes());
    h.write(b"\n");
    h.write(text.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// A fingerprint of a value, the same in every process of one build (the
/// standard hasher with its fixed keys), so that executors agree on it.
pub fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// What repeats across a corpus's pages without telling a story: paragraphs
/// found in many sources, the outlet names that titles end with ("… - KSLA News
/// 12"), and the words written in lower case somewhere (so that in a Title Case
/// Headline only the others are taken for names).
///
/// These are the corpus statistics the events stage reads: a fold over sources
/// ([`Furniture::add`]), merged in any order ([`Furniture::merge`]) and then
/// [`Furniture::finish`]ed; serialized, a distributed run ships them to every
/// worker.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Furniture {
    paragraphs: HashMap<u64, usize>,
    pub(super) outlet_words: HashSet<String>,
    lowercase: HashSet<String>,
    /// Towns the gazetteer lacks, learnt from datelines and "Town, State".
    pub towns: Towns,
}

/// A paragraph repeated in this many sources is page furniture.
const FURNITURE: usize = 3;

impl Furniture {
    /// Learns the furniture of a corpus: each source's share is learnt on its
    /// own and the shares merged, in any order, on any number of threads.
    pub fn of(sources: &[&Source], lex: &Lexicon) -> Furniture {
        use rayon::prelude::*;
        let mut furniture = sources
            .par_iter()
            .fold(Furniture::default, |mut f, s| {
                f.add(s, lex);
                f
            })
            .reduce(Furniture::default, Furniture::merge);
        furniture.finish();
        furniture
    }

    /// Settles the statistics of a whole corpus once every source is added and
    /// every part merged: towns that are common words are dropped, and
    /// paragraphs too rare to be furniture forgotten (they no longer count, so
    /// finished statistics are not merged again).
    pub fn finish(&mut self) {
        let lowercase = &self.lowercase;
        self.towns.forget_common(|w| lowercase.contains(w));
        self.paragraphs.retain(|_, n| *n >= FURNITURE);
    }

    /// Adds what one source repeats of the corpus's furniture.
    pub fn add(&mut self, s: &Source, lex: &Lexicon) {
        let from_title = s.meta.title.as_deref().and_then(split_title);
        for outlet in from_title
            .map(|(_, o)| o)
            .into_iter()
            .chain(s.meta.outlet.as_deref())
        {
            self.outlet_words
                .extend(words(outlet).map(|w| w.to_lowercase()));
        }
        let body = &s.text[s.body_start..];
        let paras = paragraphs(&s.text, s.body_start, s.text.len());
        let texts: Vec<&str> = paras.iter().map(|(_, p)| *p).collect();
        self.towns
            .learn(s.meta.title.as_deref().unwrap_or(""), &texts, lex);
        let mut seen: Vec<u64> = texts.iter().map(|p| paragraph_hash(p)).collect();
        seen.sort_unstable();
        seen.dedup();
        for h in seen {
            *self.paragraphs.entry(h).or_default() += 1;
        }
        for w in words(body) {
            if w.starts_with(char::is_lowercase) && !self.lowercase.contains(w) {
                self.lowercase.insert(w.to_string());
            }
        }
    }

    /// The furniture of two parts of a corpus together.
    pub fn merge(mut self, mut other: Furniture) -> Furniture {
        if self.paragraphs.len() < other.paragraphs.len() {
            std::mem::swap(&mut self, &mut other);
        }
        for (h, n) in other.paragraphs {
            *self.paragraphs.entry(h).or_default() += n;
        }
        self.outlet_words.extend(other.outlet_words);
        self.lowercase.extend(other.lowercase);
        self.towns = self.towns.merge(other.towns);
        self
    }

    fn paragraph(&self, p: &str) -> bool {
        // Finished statistics keep only furniture: a corpus with none hashes
        // no paragraph a second time.
        !self.paragraphs.is_empty()
            && self
                .paragraphs
                .get(&paragraph_hash(p))
                .is_some_and(|n| *n >= FURNITURE)
    }

    /// True when the corpus writes this word in lower case somewhere.
    pub(super) fn common(&self, lower: &str) -> bool {
        self.lowercase.contains(lower)
    }
}

/// "Headline - Outlet Name" → (headline, outlet), at the last " - " or " | ".
fn split_title(title: &str) -> Option<(&str, &str)> {
    let at = [" - ", " | ", " – ", " — "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
        .max()?;
    let (head, outlet) = (&title[..at.0], &title[at.0 + at.1..]);
    // An outlet is a short name after a longer headline.
    (words(outlet).count() <= 6 && head.len() > outlet.len()).then_some((head, outlet))
}

/// Reads the signals of a source, or of the section `span` of it. The page's
/// title counts for the whole source and for a first section, unless
/// `untitled`: a round-up's title tells of all its entries.
pub fn read(
    source: &Source,
    span: Option<(usize, usize)>,
    untitled: bool,
    lex: &Lexicon,
    furniture: &Furniture,
) -> Unit {
    read_in_windows(source, span, untitled, lex, furniture, WINDOW)
}

/// [`read`], cutting the paragraphs into words `window` bytes at a time (see
/// [`Paragraphs`]): the signals are the same whatever the window.
fn read_in_windows(
    source: &Source,
    span: Option<(usize, usize)>,
    untitled: bool,
    lex: &Lexicon,
    furniture: &Furniture,
    window: usize,
) -> Unit {
    let (start, end) = span.unwrap_or((source.body_start, source.text.len()));
    let title = match span {
        _ if untitled => "",
        Some((s, _)) if s > source.body_start + 1 => "",
        _ => source.meta.title.as_deref().unwrap_or(""),
    };
    let title = split_title(title).map_or(title, |(head, _)| head);
    // Each paragraph is cut into words once for every signal read below (once
    // a walk, a window at a time, for a text longer than a window).
    let title = Tokens::new(title);
    let plain: Vec<&str> = paragraphs(&source.text, start, end)
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| !furniture.paragraph(p) && !furniture_marked(p))
        .collect();
    let plain = Paragraphs::new(plain, window);
    // Which paragraphs tell the story, and the kind words of those that do.
    let mut is_story = Vec::with_capacity(plain.len());
    let mut kind_count = vec![0usize; kinds().len()];
    plain.each(|_, paragraphs| {
        for p in paragraphs {
            let story = p.lower.iter().any(|w| story_word(w))
                || p.text.split_whitespace().nth(24).is_some();
            if story {
                count_kinds(&p.lower, 1, &mut kind_count);
            } else if p.text.starts_with('#') {
                // A Markdown heading is its entry's title: "## Ferry fire off Port Avery".
                count_kinds(&p.lower, 3, &mut kind_count);
            }
            is_story.push(story);
        }
    });
    // A short report may use none of the story words: all of it is the story.
    let told = is_story.contains(&true);
    let story = plain.keep(|i| is_story[i] == told);
    if !told {
        story.each(|_, paragraphs| {
            for p in paragraphs {
                count_kinds(&p.lower, 1, &mut kind_count);
            }
        });
    }
    count_kinds(&title.lower, 3, &mut kind_count);
    let kind = most_used_kind(&kind_count);
    // Terms are read without credits and datelines: a paragraph that has none
    // keeps its words.
    let cut: Vec<Cow<str>> = story
        .texts()
        .iter()
        .map(|p| without_dateline(without_credits(p)))
        .collect();
    // A text cut into words a window at a time finds the names that stand
    // alone in the walk that finds its places, rather than in a walk of its own.
    let mut alone = story.cut_once().is_none().then(|| {
        let mut alone = Alone::new(story.len() > OPENING);
        alone.add(0, &title);
        alone
    });
    let Whereabouts {
        place,
        places,
        mapped,
    } = place_of(&title, &story, lex, &furniture.towns, |i, p| {
        if let Some(alone) = &mut alone {
            match &cut[i] {
                Cow::Borrowed(t) if t.len() == p.text.len() => alone.add(i + 1, p),
                t => alone.add(i + 1, &Tokens::new(t)),
            }
        }
    });
    let date = event_date(
        source.meta.published,
        title.words.iter().copied().chain(story.first_words(2)),
    );
    let names = Names::new(&places, furniture, lex);
    let story = story.rewritten(&cut);
    // The terms of a story of two paragraphs or fewer are its lede's: they are
    // read once and held once (the units are held until the corpus is grouped).
    let (terms, lede) = match names.terms(&title, &story, OPENING, alone) {
        (terms, Some(lede)) => (terms.into(), lede.into()),
        (terms, None) => {
            let terms: Arc<[Term]> = terms.into();
            (terms.clone(), terms)
        }
    };
    Unit {
        source: source.id.clone(),
        span,
        kind,
        kind_counts: kind_count,
        place,
        places,
        mapped,
        date,
        terms,
        lede,
        // The same page under two headlines is two stories told in one frame.
        copy: Some(source.text[start..end].trim())
            .filter(|t| !t.is_empty())
            .map(|t| copy_hash(title.text, t)),
        lang: crate::lexicon::lang::of_source(source.meta.language.as_deref(), source.body())
            .map_or_else(|| "en".to_string(), |l| l.code.clone()),
    }
}

/// How many of the story's first paragraphs, after the headline, tell what a
/// report is about ([`Unit::lede`]).
pub(super) const OPENING: usize = 2;

/// The publication date moved back to the weekday or "yesterday" the opening's
/// words name ("on Saturday night", "late Sunday"), within the week before.
fn event_date<'a>(
    published: Option<NaiveDate>,
    opening: impl IntoIterator<Item = &'a str>,
) -> Option<NaiveDate> {
    let published = published?;
    for w in opening {
        if let Some(day) = dates::weekday(w)
            && w.starts_with(char::is_uppercase)
        {
            return Some(dates::last_weekday(published, day));
        }
        if w.eq_ignore_ascii_case("yesterday") {
            return Some(published - Duration::days(1));
        }
    }
    Some(published)
}

/// Where a paragraph stops telling the story and credits someone: a photo's
/// source, a byline ("(Source: Jane Roe/WXYZ)", "By Jane Roe").
const CREDITS: &[&str] = &[
    "(Source:", "(Photo:", "Photo:", "Photo by", "Source:", "Credit:", "(Credit:", "Courtesy",
];

/// A paragraph without its credits: the text before the first credit mark, or
/// nothing for a byline.
fn without_credits(p: &str) -> &str {
    // "By Jo Abbot, staff writer": a short line, a name after "By".
    let mut ws = p.split_whitespace();
    let byline = ws.next() == Some("By")
        && ws
            .clone()
            .take(2)
            .all(|w| w.starts_with(char::is_uppercase))
        && ws.nth(7).is_none();
    if byline {
        return "";
    }
    // The first mark to start, whichever it is.
    static MARKS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(CREDITS)
            .expect("valid patterns")
    });
    MARKS.find(p).map_or(p, |m| &p[..m.start()])
}

/// "TULSA, Okla. —", "LIMA, March 9 (Andes Wire) -", "GREENACRES (WXYZ) –": a
/// dateline's town, with its region, date and the agency or station in brackets.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?P<town>[A-Z][A-Z'’.\-]*[A-Z](?:\s+[A-Z][A-Z'’.\-]*[A-Z]){0,2})(?:,[^()\n—–]{1,30}?)?\s*(?:\([^)\n]{1,40}\))?\s*(?:--?|–|—)\s",
    )
    .expect("a valid pattern")
});

/// A paragraph without its dateline's region, date and agency: they tell where
/// and by whom a report was filed, and "Andes Wire" or "Okla." joined to the next
/// word is no name of the incident's. The town stays.
fn without_dateline(p: &str) -> Cow<'_, str> {
    // A dateline opens on two capitals: most paragraphs are let through unread.
    let mut opening = p.trim_start().chars();
    let caps = opening.next().is_some_and(|c| c.is_uppercase())
        && opening.next().is_some_and(|c| c.is_uppercase());
    if !caps {
        return Cow::Borrowed(p);
    }
    let Some(c) = DATELINE.captures(p) else {
        return Cow::Borrowed(p);
    };
    let (Some(town), Some(all)) = (c.name("town"), c.get(0)) else {
        return Cow::Borrowed(p);
    };
    // The town, then a full stop so that it makes no pair with the next word.
    Cow::Owned(format!("{}. {}", town.as_str(), &p[all.end()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_the_pieces_between_blank_lines() {
        let text = "\n\nA b.\n\n\n c\n d \n\n\n\n\nE\n\n";
        for (start, end) in [(0, text.len()), (2, text.len()), (3, 14), (5, 5)] {
            let mut pos = start;
            let mut by_split = Vec::new();
            for chunk in text[start..end].split("\n\n") {
                if !chunk.trim().is_empty() {
                    by_split.push((pos, chunk.trim()));
                }
                pos += chunk.len() + 2;
            }
            assert_eq!(paragraphs(text, start, end), by_split, "{start}..{end}");
        }
    }

    #[test]
    fn a_copy_is_hashed_as_its_headline_and_text_joined() {
        for (title, text) in [("", ""), ("Headline", "Two men were hurt."), ("É", "\n\nb")] {
            assert_eq!(
                copy_hash(title, text),
                paragraph_hash(&format!("{title}\n{text}"))
            );
        }
    }

    #[test]
    fn a_text_read_in_windows_gives_the_signals_of_a_whole_reading() {
        // Text written for this test: a dateline, credits, a byline, names
        // given in full and then alone, a weekday, paragraphs that tell the
        // story and some that do not, and a repeated name.
        let text = "+++\ntitle = \"Two hurt in Brambleford crash - Valley News 9\"\n\
            published = 2024-03-12\n+++\n\
            BRAMBLEFORD, Ohio (WKXT) — Two men were injured on Sunday when a truck \
            hit a bus on Harlow Street, police said.\n\n\
            By Jo Abbot\n\n\
            The driver, identified as Dana Reyes, was arrested. Reyes had left \
            Pell Creek an hour before. (Photo: Jo Abbot/WXYZ)\n\n\
            Sign up for our newsletter.\n\n\
            Weather for the week ahead looks mild and dry.\n\n\
            A vigil for the victims of the crash will be held at Saint Mary Church \
            in Brambleford on Friday, and Dana Reyes is to appear in court.\n";
        let source = Source::from_bytes(std::path::Path::new("crash.md"), text.into()).unwrap();
        let lex = Lexicon::builtin();
        let furniture = Furniture::of(&[&source], lex);
        let whole = read(&source, None, false, lex, &furniture);
        assert!(whole.terms.iter().any(|t| t.as_str() == "@dana reyes"));
        assert_eq!(whole.date, NaiveDate::from_ymd_opt(2024, 3, 10));
        for window in [0, 1, 60, 200, 400] {
            assert_eq!(
                read_in_windows(&source, None, false, lex, &furniture, window),
                whole,
                "window {window}"
            );
        }
        // One that tells no story: every paragraph is read as the story.
        let quiet = "+++\ntitle = \"Notes\"\n+++\nA note from Ann Lee.\n\nAnother from Bo Tan.\n";
        let source = Source::from_bytes(std::path::Path::new("quiet.md"), quiet.into()).unwrap();
        let whole = read(&source, None, false, lex, &furniture);
        assert!(!whole.terms.is_empty());
        assert_eq!(
            read_in_windows(&source, None, false, lex, &furniture, 0),
            whole
        );
    }

    #[test]
    fn credits_and_bylines_are_not_the_story() {
        assert_eq!(
            without_credits("Two men were hurt. (Photo: Jo Abbot/WXYZ)"),
            "Two men were hurt. "
        );
        assert_eq!(without_credits("By Jo Abbot, staff writer"), "");
        let long = "By noon the road had reopened and the two drivers were home.";
        assert_eq!(without_credits(long), long);
    }

    #[test]
    fn a_weekday_in_the_opening_moves_the_date_back() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        // 26 June 2016 was a Sunday.
        assert_eq!(
            event_date(d(2016, 6, 27), words("Two men were shot on Sunday night")),
            d(2016, 6, 26)
        );
        assert_eq!(
            event_date(d(2016, 6, 27), words("A man was shot")),
            d(2016, 6, 27)
        );
    }
}
