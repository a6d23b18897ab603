//! Matching multi-word phrases against a token stream in linear time.

use rustc_hash::FxHashMap;

/// Splits a phrase the way the tokenizer splits text: lower case, words only.
///
/// "Alma-Ata" and "alma ata" both become `["alma", "ata"]`; symbols such as `$`
/// and `%` are kept as words of their own.
pub fn normalize_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in phrase.chars() {
        if c.is_alphanumeric() || c == '\'' || c == '’' || (c == '-' && !cur.is_empty()) {
            cur.extend(c.to_lowercase());
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur).replace('’', "'"));
            }
            if !c.is_whitespace() && c != '.' && c != ',' {
                out.push(c.to_string());
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur.replace('’', "'"));
    }
    // Possessives match their noun, as the tokenizer drops them: "city's" = "city".
    for w in &mut out {
        if let Some(stem) = w.strip_suffix("'s").filter(|s| !s.is_empty()) {
            *w = stem.to_string();
        }
    }
    out
}

/// A word as phrase matching sees it: its text and a hash of it ([`word_key`]).
///
/// Tokens carry their key, computed once when the text is cut, so each phrase set
/// looks a token up by an integer rather than hashing the word again.
pub trait Word {
    /// The word, in the form phrases are stored in (lower case).
    fn text(&self) -> &str;
    /// [`word_key`] of [`Word::text`].
    fn key(&self) -> u64;
}

impl<S: AsRef<str> + ?Sized> Word for S {
    fn text(&self) -> &str {
        self.as_ref()
    }
    fn key(&self) -> u64 {
        word_key(self.as_ref())
    }
}

/// The hash phrase sets index words by: equal words have equal keys.
pub fn word_key(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// One phrase: its words, their keys and its payload.
#[derive(Debug, Clone)]
struct Phrase<T> {
    words: Vec<String>,
    keys: Vec<u64>,
    value: T,
}

/// Bits in a set's filter of first words: most words of a text start no phrase,
/// and one bit test turns them away before any hash table is probed.
const FILTER_BITS: usize = 1 << 14;

/// A set of phrases, each with a payload, looked up by the key of their first word.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    by_first: FxHashMap<u64, Vec<Phrase<T>>>,
    /// Bit `key % FILTER_BITS` is set for the key of every first word.
    filter: Box<[u64; FILTER_BITS / 64]>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            by_first: FxHashMap::default(),
            filter: Box::new([0; FILTER_BITS / 64]),
        }
    }
}

/// The word of the filter and the bit in it that a key maps to. The key's top
/// bits are used: an Fx hash mixes its input into them.
#[inline]
fn filter_bit(key: u64) -> (usize, u64) {
    let bit = (key >> (64 - FILTER_BITS.trailing_zeros())) as usize;
    (bit / 64, 1 << (bit % 64))
}

impl<T> PhraseSet<T> {
    /// Adds a phrase; longer phrases are tried first.
    pub fn insert(&mut self, phrase: &str, value: T) {
        let words = normalize_words(phrase);
        let Some(first) = words.first() else {
            return;
        };
        let keys: Vec<u64> = words.iter().map(|w| word_key(w)).collect();
        // Phrases whose first words share a key (equal words, or a hash collision)
        // share a list; a match compares every word, so a collision finds nothing.
        let key = word_key(first);
        let (word, bit) = filter_bit(key);
        self.filter[word] |= bit;
        let list = self.by_first.entry(key).or_default();
        list.push(Phrase { words, keys, value });
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }

    /// The longest phrase that starts at `words[i]`: its length in words and its payload.
    ///
    /// Inlined where it is called, so the word most calls are about, one that starts
    /// no phrase, costs a bit test and no call.
    #[inline]
    pub fn longest_at<S: Word>(&self, words: &[S], i: usize) -> Option<(usize, &T)> {
        let key = words.get(i)?.key();
        let (word, bit) = filter_bit(key);
        if self.filter[word] & bit == 0 {
            return None;
        }
        self.longest_with_key(words, i, key)
    }

    /// [`PhraseSet::longest_at`] past its filter.
    #[inline(never)]
    fn longest_with_key<S: Word>(&self, words: &[S], i: usize, key: u64) -> Option<(usize, &T)> {
        let list = self.by_first.get(&key)?;
        let rest = &words[i..];
        list.iter().find_map(|p| {
            // Keys first: a list holds every phrase of one first word, and most
            // differ from the text in a later word's key; the words themselves
            // are compared only to rule out a collision.
            let fits = p.words.len() <= rest.len()
                && p.keys.iter().zip(rest).all(|(&k, w)| k == w.key())
                && p.words
                    .iter()
                    .zip(rest)
                    .all(|(pw, w)| pw.as_str() == w.text());
            fits.then_some((p.words.len(), &p.value))
        })
    }

    /// The longest phrase that ends at `words[end - 1]`.
    pub fn longest_ending_at<S: Word>(&self, words: &[S], end: usize) -> Option<(usize, &T)> {
        (0..end.min(6)).rev().find_map(|back| {
            let start = end - back - 1;
            self.longest_at(&words[..end], start)
                .filter(|(len, _)| start + len == end)
        })
    }

    /// True when some phrase starts at `words[i]`.
    pub fn starts_at<S: Word>(&self, words: &[S], i: usize) -> bool {
        self.longest_at(words, i).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_and_case_do_not_matter() {
        assert_eq!(normalize_words("Alma-Ata"), vec!["alma-ata"]);
        assert_eq!(normalize_words("the city's"), vec!["the", "city"]);
        assert_eq!(normalize_words("US$"), vec!["us", "$"]);
        let mut set = PhraseSet::default();
        set.insert("more than", 1);
        set.insert("more", 2);
        let words = ["more", "than", "350"];
        assert_eq!(set.longest_at(&words, 0), Some((2, &1)));
        assert_eq!(set.longest_ending_at(&words, 2), Some((2, &1)));
        assert_eq!(set.longest_at(&words, 1), None);
    }
}
