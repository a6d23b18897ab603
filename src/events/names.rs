//! The names that tell one incident from another: a unit's terms (names of
//! people, streets and venues, and the longer words) read from its title and
//! story, and the names that stand alone in a sentence, which mark a person's
//! surname.

use super::places::place_words;
use super::signals::{Furniture, OPENING};
use super::windows::Paragraphs;
use super::words::{Term, Tokens, stop};
use crate::claim::vocab::word as term;
use crate::lexicon::Lexicon;
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

/// The capitalised words that stand alone in their sentence's run of capitals
/// ([`alone_words`]) in a unit's texts, and in its lede's (news gives a
/// person's full name once and then the surname alone).
pub(super) struct Alone<'t> {
    whole: HashSet<Cow<'t, str>>,
    lede: HashSet<Cow<'t, str>>,
    /// Whether the lede's are wanted: the story is longer than its opening.
    has_lede: bool,
}

impl<'t> Alone<'t> {
    pub(super) fn new(has_lede: bool) -> Self {
        Alone {
            whole: HashSet::default(),
            lede: HashSet::default(),
            has_lede,
        }
    }

    /// Adds the words of text `n` (0 the title, then the story's paragraphs),
    /// copied: its words are gone once its window is read.
    pub(super) fn add(&mut self, n: usize, t: &Tokens) {
        let remember = |set: &mut HashSet<Cow<str>>, w: &str| {
            if !set.contains(w) {
                set.insert(Cow::Owned(w.to_string()));
            }
        };
        for w in alone_words(t) {
            remember(&mut self.whole, w);
            if self.has_lede && n <= OPENING {
                remember(&mut self.lede, w);
            }
        }
    }
}

/// The capitalised words of a text that stand alone in their sentence's run
/// of capitals (not stop words, longer than two characters), in lower case.
fn alone_words<'t>(t: &'t Tokens) -> impl Iterator<Item = &'t str> {
    let capital = |i: usize| t.words[i].starts_with(char::is_uppercase) && !stop(&t.lower[i]);
    let capitals: Vec<bool> = (0..t.len()).map(capital).collect();
    (0..t.len())
        .filter(move |&i| {
            capitals[i] && {
                let before = !t.opens_sentence(i) && capitals[i - 1];
                let after = i + 1 < t.len() && !t.opens_sentence(i + 1) && capitals[i + 1];
                !before && !after && longer_than(t.words[i], 2)
            }
        })
        .map(|i| t.lower[i].as_ref())
}

/// True when a word has more than `n` characters, counted no further than that.
fn longer_than(w: &str, n: usize) -> bool {
    w.chars().nth(n).is_some()
}

/// What tells a name from other words, the same for every text of a unit: the
/// words of the places it names, the corpus's outlets and common words, and the
/// short forms of states.
pub(super) struct Names<'a> {
    /// Words of the places named: a person's name is none of them, nor a word
    /// of place names in general ("East Baltimore"; see [`Names::placey`]).
    named_places: HashSet<String>,
    furniture: &'a Furniture,
    lex: &'a Lexicon,
    /// The length of the longest short form of a state ("Okla.").
    longest: usize,
    /// The bytes short forms of states open with: most words open with none
    /// of them (a lower-case letter), and are no short form, dotted or not.
    openers: [bool; 256],
}

impl<'a> Names<'a> {
    pub(super) fn new(places: &[String], furniture: &'a Furniture, lex: &'a Lexicon) -> Names<'a> {
        let named_places = place_words(places);
        let (mut longest, mut openers) = (0, [false; 256]);
        for short in lex.region_abbreviations.keys() {
            longest = longest.max(short.len());
            if let Some(&b) = short.as_bytes().first() {
                openers[b as usize] = true;
            }
        }
        Names {
            named_places,
            furniture,
            lex,
            longest,
            openers,
        }
    }

    /// True for a word of the places named or of place names in general.
    fn placey(&self, lower: &str) -> bool {
        super::words::place_word(lower) || self.named_places.contains(lower)
    }

    /// True for a state's short form ("Okla.", "Tenn.", or "Okla" before its
    /// dot): after a town it says where, not who. `dotted` is a buffer to
    /// write the word with its dot in.
    fn abbreviation(&self, w: &str, dotted: &mut String) -> bool {
        // A word and the word with its dot open with the same byte.
        if w.as_bytes()
            .first()
            .is_some_and(|&b| !self.openers[b as usize])
        {
            return false;
        }
        let short = &self.lex.region_abbreviations;
        short.contains_key(w)
            || (w.len() < self.longest && {
                dotted.clear();
                dotted.push_str(w);
                dotted.push('.');
                short.contains_key(dotted.as_str())
            })
    }

    /// Terms: capitalised words and pairs of them (names, streets, venues), and
    /// the longer lower-case words, from the title and the story paragraphs
    /// (their credits and datelines left out). With them, when the story has
    /// more than `opening` paragraphs, the terms of the title and those first
    /// paragraphs alone (its lede), read as if they were the whole text: the
    /// words are walked once for both.
    pub(super) fn terms(
        &self,
        title: &Tokens,
        story: &Paragraphs,
        opening: usize,
        alone: Option<Alone<'static>>,
    ) -> (Vec<Term>, Option<Vec<Term>>) {
        // The texts in order, each with its number: the title's is 0.
        let texts = |f: &mut dyn FnMut(usize, &Tokens)| {
            f(0, title);
            story.each(|first, paragraphs| {
                for (i, p) in paragraphs.iter().enumerate() {
                    f(first + i + 1, p);
                }
            });
        };
        // Texts 0 (the title) to `opening` are the lede's.
        let lede = |n: usize| n <= opening;
        let has_lede = story.len() > opening;
        let furniture = self.furniture;
        let outlet = |l: &str| furniture.outlet_words.contains(l);
        // A person's name is neither a place the text names ("East Baltimore")
        // nor an acronym (a station's call letters after a reporter's name).
        let personal =
            |w: &str, lower: &str| w.chars().any(char::is_lowercase) && !self.placey(lower);
        let mut out = Vec::new();
        let mut lede_out = Vec::new();
        // In a Title Case Headline capitals mark names only on words the corpus
        // never writes in lower case.
        let long: Vec<&str> = title
            .words
            .iter()
            .copied()
            .filter(|w| w.len() > 3)
            .collect();
        let title_case = long.len() >= 3
            && long
                .iter()
                .filter(|w| w.starts_with(char::is_uppercase))
                .count()
                * 10
                >= long.len() * 6;
        let named = |n: usize, w: &str, lower: &str| {
            w.starts_with(char::is_uppercase) && !(n == 0 && title_case && furniture.common(lower))
        };
        // News gives a person's full name once and then the surname alone: a
        // capitalised word standing alone in its sentence's run of capitals
        // marks the pair ending with it as a person.
        // The lede's texts alone, for its own terms. A text cut into words
        // once lends them; a long text's were found as its places were.
        let mut lent = Alone::new(has_lede);
        let Alone {
            whole: alone,
            lede: alone_in_lede,
            ..
        } = match (alone, story.cut_once()) {
            (Some(alone), _) => alone,
            (None, paragraphs) => {
                for (n, t) in std::iter::once(title)
                    .chain(paragraphs.unwrap_or(&[]))
                    .enumerate()
                {
                    for w in alone_words(t) {
                        lent.whole.insert(Cow::Borrowed(w));
                        if has_lede && lede(n) {
                            lent.lede.insert(Cow::Borrowed(w));
                        }
                    }
                }
                lent
            }
        };
        // Terms are made in one buffer and copied only into the shared table;
        // a term of the lede is the same shared copy.
        let (mut made, mut dotted) = (String::new(), String::new());
        let mut push = |parts: &[&str], to_whole: bool, to_lede: bool| {
            made.clear();
            parts.iter().for_each(|p| made.push_str(p));
            let t = term(&made);
            if to_lede {
                lede_out.push(t.clone());
            }
            if to_whole {
                out.push(t);
            }
        };
        texts(&mut |n, t| {
            let in_lede = has_lede && lede(n);
            for (i, (&w, lower)) in t.words.iter().zip(&t.lower).enumerate() {
                let lower = lower.as_ref();
                if !longer_than(w, 2)
                    || w.chars().all(|c| c.is_ascii_digit())
                    || stop(lower)
                    || outlet(lower)
                    || self.abbreviation(w, &mut dotted)
                {
                    continue;
                }
                if named(n, w, lower) {
                    let next = (i + 1 < t.len()).then(|| (t.words[i + 1], t.lower[i + 1].as_ref()));
                    if let Some((next, l)) = next.filter(|&(x, l)| {
                        longer_than(x, 2)
                            && named(n, x, l)
                            && !stop(l)
                            && !outlet(l)
                            && !self.abbreviation(x, &mut dotted)
                    }) {
                        let person = personal(w, lower) && personal(next, l);
                        let surname = |alone: &HashSet<Cow<str>>| {
                            person && alone.contains(l) && !alone.contains(lower)
                        };
                        let (whole, lede) = (surname(&alone), in_lede && surname(&alone_in_lede));
                        if whole || lede {
                            push(&["@", lower, " ", l], whole, lede);
                        }
                        // "West Valley", "Valley City": a place, as the gazetteer's are.
                        if !(self.placey(lower) && self.placey(l)) {
                            push(&[lower, " ", l], true, in_lede);
                        }
                    }
                    if !super::words::place_word(lower) {
                        push(&["^", lower], true, in_lede);
                    }
                } else if longer_than(lower, 3) {
                    push(&[lower], true, in_lede);
                }
            }
        });
        (out, has_lede.then_some(lede_out))
    }
}
