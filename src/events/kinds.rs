//! What kind of event a text tells of: the words of `kinds.toml`, counted.

use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Deserialize)]
struct KindFile {
    kind: Vec<KindDef>,
}

/// One kind of event and the words that say so.
#[derive(Debug, Deserialize)]
pub struct KindDef {
    /// "shooting", "fire", …
    pub name: String,
    words: Vec<String>,
}

/// The kinds of event, from `kinds.toml`.
pub fn kinds() -> &'static [KindDef] {
    static KINDS: OnceLock<Vec<KindDef>> = OnceLock::new();
    KINDS.get_or_init(|| {
        toml::from_str::<KindFile>(include_str!("kinds.toml"))
            .expect("the built-in kinds.toml parses")
            .kind
    })
}

/// Kind phrases by first word, longest first: (words, kind index).
type KindPhrases = HashMap<String, Vec<(Vec<String>, usize)>>;

fn kind_phrases() -> &'static KindPhrases {
    static P: OnceLock<KindPhrases> = OnceLock::new();
    P.get_or_init(|| {
        let mut map: KindPhrases = HashMap::default();
        for (i, k) in kinds().iter().enumerate() {
            for w in &k.words {
                let words: Vec<String> = w.split_whitespace().map(str::to_string).collect();
                map.entry(words[0].clone()).or_default().push((words, i));
            }
        }
        for list in map.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        map
    })
}

/// Adds `weight` to a kind for each of its phrases in a text's words, given in
/// lower case ([`super::words::Tokens::lower`]), longest phrases first.
pub fn count_kinds<S: AsRef<str>>(lower: &[S], weight: usize, counts: &mut [usize]) {
    let phrases = kind_phrases();
    let mut i = 0;
    while i < lower.len() {
        let hit = phrases.get(lower[i].as_ref()).and_then(|list| {
            list.iter().find(|(w, _)| {
                lower
                    .get(i..i + w.len())
                    .is_some_and(|s| s.iter().zip(w).all(|(a, b)| a.as_ref() == b))
            })
        });
        match hit {
            Some((w, k)) => {
                counts[*k] += weight;
                i += w.len();
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_counted_with_phrases_first() {
        let mut n = vec![0; kinds().len()];
        let text = "A gunman opened fire; the shooting left two dead";
        count_kinds(&super::super::words::Tokens::new(text).lower, 1, &mut n);
        let shooting = kinds().iter().position(|k| k.name == "shooting").unwrap();
        let fire = kinds().iter().position(|k| k.name == "fire").unwrap();
        assert_eq!((n[shooting], n[fire]), (3, 0));
    }
}
