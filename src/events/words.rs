//! Words: splitting text, and the lists of words that carry no signal.

use crate::claim::Word;
use aho_corasick::AhoCorasick;
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

/// Words too common in news to tell events apart, even capitalised.
const STOP: &[&str] = &[
    "the",
    "and",
    "but",
    "for",
    "with",
    "from",
    "that",
    "this",
    "these",
    "those",
    "they",
    "their",
    "there",
    "then",
    "when",
    "where",
    "what",
    "who",
    "which",
    "while",
    "after",
    "before",
    "about",
    "into",
    "have",
    "has",
    "had",
    "was",
    "were",
    "been",
    "being",
    "are",
    "his",
    "her",
    "him",
    "she",
    "its",
    "our",
    "your",
    "you",
    "not",
    "also",
    "said",
    "says",
    "say",
    "according",
    "police",
    "officer",
    "officers",
    "department",
    "news",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    "copyright",
    "rights",
    "reserved",
    "posted",
    "updated",
    "more",
    "other",
    "than",
    "some",
    "will",
    "would",
    "could",
    "should",
    "just",
    "over",
    "under",
    "people",
    "year",
    "years",
    "time",
    "today",
    "yesterday",
    "tonight",
    "night",
    "morning",
    "evening",
    "afternoon",
    "last",
    "first",
    "one",
    "two",
    "three",
    "four",
    "five",
    "here",
    "them",
    "because",
    "only",
    "still",
    "very",
    "detective",
    "sgt",
    "sergeant",
    "lieutenant",
    "capt",
    "captain",
    "chief",
    "sheriff",
    "deputy",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "trooper",
    "investigator",
    "superintendent",
    "president",
    "governor",
    "judge",
    "prosecutor",
    "coroner",
    "source",
];

/// Words that make a name an institution's: "General Hospital", "County Court".
pub const INSTITUTIONS: &[&str] = &[
    "hospital",
    "medical",
    "health",
    "clinic",
    "center",
    "centre",
    "police",
    "department",
    "sheriff's",
    "court",
    "office",
    "university",
    "college",
];

/// Words that make a name an agency's: "Kentucky State Police", "National
/// Guard", "Highway Patrol". Like an institution, an agency serves every
/// incident in its area, and names no one of this one.
pub const AGENCIES: &[&str] = &[
    "state",
    "national",
    "guard",
    "patrol",
    "rescue",
    "fire",
    "highway",
    "emergency",
    "service",
    "bureau",
    "agency",
    "commission",
    "sheriff",
];

/// Words of place names rather than people's: compass points and what places are.
pub const PLACE_WORDS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "city",
    "county",
    "parish",
    "park",
    "valley",
    "heights",
    "village",
    "township",
    "lake",
    "beach",
    "hills",
    "street",
    "avenue",
    "road",
    "drive",
    "lane",
    "boulevard",
    "hospital",
    "center",
    "centre",
    "medical",
    "university",
    "college",
    "school",
    "church",
    "fort",
    "port",
    "mount",
    "saint",
];

/// True for a word of place names in general ([`PLACE_WORDS`], given in lower case).
pub fn place_word(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| PLACE_WORDS.iter().copied().collect())
        .contains(w)
}

/// True for a word too common in news to tell events apart (given in lower case).
pub fn stop(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP.iter().copied().collect())
        .contains(w)
}

/// True for a word (in lower case) that marks a paragraph as the story's.
pub fn story(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STORY.iter().copied().collect())
        .contains(w)
}

/// Words that mark a paragraph as telling the story rather than page furniture.
const STORY: &[&str] = &[
    "shot",
    "shooting",
    "killed",
    "dead",
    "died",
    "death",
    "wounded",
    "injured",
    "victim",
    "victims",
    "suspect",
    "police",
    "officers",
    "sheriff",
    "homicide",
    "murder",
    "fire",
    "arrested",
    "charged",
    "hospital",
    "blast",
    "explosion",
    "earthquake",
    "flood",
    "protest",
    "protesters",
    "crash",
    "attack",
    "detained",
    "casualties",
    "toll",
    "injuries",
    "rescue",
    "missing",
    "hospitalized",
    "evacuated",
    "gunman",
    "stabbed",
    "murdered",
    "slain",
    "trial",
    "sentenced",
    "convicted",
    "pleaded",
    "indicted",
    "funeral",
    "vigil",
    "identified",
];

/// Phrases that mark a paragraph as the page's furniture (rights notices, sign-up
/// boxes, share buttons), however many words it has.
pub const FURNITURE_MARKS: &[&str] = &[
    "copyright",
    "all rights reserved",
    "©",
    "may not be published",
    "contributed to this report",
    "notification",
    "newsletter",
    "subscribe",
    "sign up",
    "follow us",
    "click here",
    "terms of use",
    "terms of service",
    "privacy policy",
    "advertisement",
    "share this",
    "new content",
    "inbox",
    "buy photo",
    "full caption",
    "image 1 of",
];

/// True when a paragraph is a notice or a box rather than the story.
pub fn furniture_marked(p: &str) -> bool {
    // Asked of every paragraph of every text: a few short patterns make a
    // small table, walked a byte a step (a DFA) rather than through the states'
    // lists.
    static MARKS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(FURNITURE_MARKS)
            .expect("valid patterns")
    });
    MARKS.is_match(p)
}

/// A word in lower case, copied only when it has capitals.
pub fn lowercase(w: &str) -> Cow<'_, str> {
    if w.is_ascii() {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(w.to_ascii_lowercase())
        } else {
            Cow::Borrowed(w)
        }
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// A term of a text, held once however many texts use it
/// ([`crate::claim::vocab::word`]).
pub type Term = Word;

/// Splits a text into words, keeping inner hyphens and apostrophes but not a
/// possessive's: "Belgrade's Emergency Centre" names Belgrade, and "Bell's sister"
/// uses the surname Bell alone.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    Words { rest: text }
}

/// The words of a text: runs of letters, digits, hyphens and apostrophes (what
/// lies between the other characters), trimmed of hyphens and apostrophes and of
/// a possessive's "'s". Every text of a corpus is cut into words twice, so runs
/// are found byte by byte, decoding only the characters outside ASCII.
struct Words<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let start = run_end(self.rest, 0, OTHER);
            if start == self.rest.len() {
                self.rest = "";
                return None;
            }
            let end = run_end(self.rest, start, WORD);
            let run = &self.rest[start..end];
            self.rest = &self.rest[end..];
            if plain(run) {
                return Some(run);
            }
            let w = run.trim_matches(|c| c == '-' || c == '\'' || c == '’');
            let w = ["'s", "’s", "'S", "’S"]
                .iter()
                .find_map(|s| w.strip_suffix(s))
                .unwrap_or(w);
            if !w.is_empty() {
                return Some(w);
            }
        }
    }
}

/// Classes of bytes: a character that is not a word's, a word's, or a byte of
/// a character outside ASCII (either, decoded to tell).
const OTHER: u8 = 0;
const WORD: u8 = 1;
const WIDE: u8 = 2;

static CLASS: [u8; 256] = {
    let mut class = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_alphanumeric() || c == b'-' || c == b'\'' {
            WORD
        } else {
            OTHER
        };
        b += 1;
    }
    class
};

/// Where the run of bytes of class `want` (WORD or OTHER) that starts at byte
/// `i` of `s` ends.
fn run_end(s: &str, mut i: usize, want: u8) -> usize {
    let bytes = s.as_bytes();
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[b as usize];
        if class == want {
            i += 1;
            continue;
        }
        if class != WIDE {
            break;
        }
        let c = s[i..].chars().next().unwrap_or_default();
        let class = if c.is_alphanumeric() || c == '’' {
            WORD
        } else {
            OTHER
        };
        if class != want {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// True when a run is a word as it stands: it starts and ends with a letter or
/// digit of ASCII, and no apostrophe stands before its last letter.
fn plain(run: &str) -> bool {
    let b = run.as_bytes();
    let (first, last) = (b[0], b[b.len() - 1]);
    // "’" ends in byte 0x99, which nothing in ASCII is.
    let possessive = b.len() >= 2 && matches!(b[b.len() - 2], b'\'' | 0x99);
    first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() && !possessive
}

/// A text cut into words once, each with its lower-case form. Reading a unit's
/// signals walks the same words for story words, kinds, places, the date and
/// terms: cut and lowered once, a paragraph costs one pass, not one a walk.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    /// The text the words were cut from.
    pub text: &'a str,
    /// Its words as written ([`words`]).
    pub words: Vec<&'a str>,
    /// Each word in lower case ([`lowercase`]): copied only when it has capitals.
    pub lower: Vec<Cow<'a, str>>,
}

impl<'a> Tokens<'a> {
    /// The words of `text`.
    pub fn new(text: &'a str) -> Tokens<'a> {
        // Room for a word every six bytes, about what news has, so that the
        // vector is rarely grown while cut (and never more than once or twice).
        let mut words: Vec<&str> = Vec::with_capacity(text.len() / 6 + 1);
        words.extend(self::words(text));
        let lower = words.iter().map(|w| lowercase(w)).collect();
        Tokens { text, words, lower }
    }

    /// Where word `i` starts in `text`: each word is a slice of it, so its start
    /// is its distance from the text's.
    fn start(&self, i: usize) -> usize {
        self.words[i].as_ptr() as usize - self.text.as_ptr() as usize
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when word `i` opens a sentence: it is the first, or a full stop, a
    /// question or exclamation mark, a colon or a semicolon lies between it and
    /// the word before. The same sentences as splitting the text at those marks
    /// first, since no word holds one.
    pub fn opens_sentence(&self, i: usize) -> bool {
        i == 0 || {
            let end = self.start(i - 1) + self.words[i - 1].len();
            self.text[end..self.start(i)].contains(['.', '!', '?', ';', ':'])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_hyphens_and_drop_possessives() {
        assert_eq!(
            words("Belgrade's Emergency-Centre, -- 'quoted' Bell’s 5-year-old").collect::<Vec<_>>(),
            [
                "Belgrade",
                "Emergency-Centre",
                "quoted",
                "Bell",
                "5-year-old"
            ]
        );
    }

    #[test]
    fn words_are_the_runs_between_other_characters() {
        // The words as splitting at every other character and trimming each piece.
        fn by_split(text: &str) -> Vec<&str> {
            text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
                .map(|w| w.trim_matches(|c| c == '-' || c == '\'' || c == '’'))
                .map(|w| {
                    ["'s", "’s", "'S", "’S"]
                        .iter()
                        .find_map(|s| w.strip_suffix(s))
                        .unwrap_or(w)
                })
                .filter(|w| !w.is_empty())
                .collect()
        }
        for text in [
            "",
            " ",
            "Belgrade's Emergency-Centre, -- 'quoted' Bell’s 5-year-old",
            "ÉCOLE Zürich — Ğazi’s «café» 東京 ٣٤ x's 's '' -",
            "a\u{a0}b\tc\nd’’s 'S it's-",
            "one",
            "-one-",
            "Ñ",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), by_split(text), "{text}");
        }
    }

    #[test]
    fn a_word_is_lowered_and_copied_only_when_it_has_capitals() {
        assert!(matches!(lowercase("street"), Cow::Borrowed("street")));
        assert_eq!(lowercase("McAllen"), "mcallen");
        assert_eq!(lowercase("ÉCOLE"), "école");
    }

    #[test]
    fn tokens_lower_words_once_and_know_where_sentences_end() {
        let t = Tokens::new("Ann Lee's car; the CAR. Then - 'Lee' left");
        assert_eq!(
            t.words,
            ["Ann", "Lee", "car", "the", "CAR", "Then", "Lee", "left"]
        );
        assert_eq!(
            t.lower,
            ["ann", "lee", "car", "the", "car", "then", "lee", "left"]
        );
        let opens: Vec<usize> = (0..t.len()).filter(|&i| t.opens_sentence(i)).collect();
        assert_eq!(opens, [0, 3, 5]);
    }

    #[test]
    fn marks_of_furniture_are_found_in_any_case() {
        assert!(furniture_marked("SUBSCRIBE to our Newsletter"));
        assert!(furniture_marked("© 2016 The Ledger"));
        assert!(!furniture_marked("Two men were shot on Main Street."));
    }
}
