//! Languages other than English: which one a source is written in, and how its
//! words map onto the words the grammar reads.
//!
//! The extractor's grammar is written over one vocabulary (the built-in lexicon's
//! English words). Each other language is one data file (`ru.toml`) that glosses its
//! words and phrases onto that vocabulary — "погибли" reads as "died", "по данным"
//! as "according to", "в Алма-Ате" as "in almaty" — matched through a Snowball
//! stemmer so one entry covers a word's cases and genders. The source text, its
//! spans and quotes stay as written; only the forms the grammar matches change.
//! A further language is a further data file, listed in [`BUILTIN`].

use crate::error::{Error, Result};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// The data files of the built-in languages: (ISO 639-1 code, TOML).
const BUILTIN: &[(&str, &str)] = &[("ru", include_str!("ru.toml"))];

/// A stem shorter than this is too rough to match on ("ран" is both "ранены",
/// wounded, and the stem of "ранее", earlier): such words match by their exact form.
const MIN_STEM: usize = 4;

/// A gloss word that stands for any number in digits: "# до" = "# to" reads "20 до
/// 30" as "20 to 30" while "до 300" stays "up to 300". In a gloss it keeps the number.
pub const NUMBER: &str = "#";

/// Of a text's letters, the share that must be a language's for it to be detected.
const DETECT_SHARE: f64 = 0.5;

/// One entry of a gloss: the words it matches and the words the grammar reads.
#[derive(Debug)]
pub struct GlossEntry {
    /// Each matched word: its exact lower-case form and its stem (empty when too short).
    words: Vec<(String, String)>,
    /// What the grammar reads in its place, one word a token.
    pub gloss: Vec<String>,
}

/// A language: how it is told apart, and its gloss.
pub struct Language {
    /// ISO 639-1 code, as front matter gives it (`lang = "ru"`).
    pub code: String,
    /// English name, for messages.
    pub name: String,
    letters: Vec<char>,
    stemmer: Stemmer,
    by_form: FxHashMap<String, Vec<usize>>,
    by_stem: FxHashMap<String, Vec<usize>>,
    entries: Vec<GlossEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    language: RawHeader,
    gloss: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    code: String,
    name: String,
    stemmer: String,
    letters: String,
}

fn algorithm(name: &str) -> Option<Algorithm> {
    Some(match name {
        "arabic" => Algorithm::Arabic,
        "danish" => Algorithm::Danish,
        "dutch" => Algorithm::Dutch,
        "english" => Algorithm::English,
        "finnish" => Algorithm::Finnish,
        "french" => Algorithm::French,
        "german" => Algorithm::German,
        "greek" => Algorithm::Greek,
        "hungarian" => Algorithm::Hungarian,
        "italian" => Algorithm::Italian,
        "norwegian" => Algorithm::Norwegian,
        "portuguese" => Algorithm::Portuguese,
        "romanian" => Algorithm::Romanian,
        "russian" => Algorithm::Russian,
        "spanish" => Algorithm::Spanish,
        "swedish" => Algorithm::Swedish,
        "tamil" => Algorithm::Tamil,
        "turkish" => Algorithm::Turkish,
        _ => return None,
    })
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Language")
            .field("code", &self.code)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl Language {
    /// Parses a language's data file.
    pub fn from_toml(text: &str, path: &Path) -> Result<Language> {
        let raw: RawLanguage =
            toml::from_str(text).map_err(|e| crate::error::from_toml(path, text, 0, &e))?;
        let algo = algorithm(&raw.language.stemmer).ok_or_else(|| {
            Error::new(format!(
                "{}: unknown stemmer {:?}",
                path.display(),
                raw.language.stemmer
            ))
            .with_hint("use a Snowball stemmer's name in lower case, e.g. \"russian\"")
        })?;
        let mut lang = Language {
            code: raw.language.code,
            name: raw.language.name,
            letters: raw.language.letters.chars().collect(),
            stemmer: Stemmer::create(algo),
            by_form: FxHashMap::default(),
            by_stem: FxHashMap::default(),
            entries: Vec::new(),
        };
        // Sections only group the file for its readers; every entry is one gloss.
        for (phrase, gloss) in raw.gloss.values().flatten() {
            let words: Vec<(String, String)> = split_words(phrase)
                .into_iter()
                .map(|w| {
                    let stem = if w == NUMBER {
                        w.clone()
                    } else {
                        lang.stem(&w)
                    };
                    (w, stem)
                })
                .collect();
            let gloss: Vec<String> = gloss.split_whitespace().map(str::to_string).collect();
            if words.is_empty() || gloss.is_empty() {
                return Err(Error::new(format!(
                    "{}: the gloss {phrase:?} = {gloss:?} has an empty side",
                    path.display()
                )));
            }
            let i = lang.entries.len();
            let (form, stem) = &words[0];
            lang.by_form.entry(form.clone()).or_default().push(i);
            if !stem.is_empty() {
                lang.by_stem.entry(stem.clone()).or_default().push(i);
            }
            lang.entries.push(GlossEntry { words, gloss });
        }
        // Longer phrases first, so "были убиты" wins over "были".
        let entries = &lang.entries;
        for list in lang.by_form.values_mut().chain(lang.by_stem.values_mut()) {
            list.sort_by_key(|&i| std::cmp::Reverse(entries[i].words.len()));
        }
        Ok(lang)
    }

    /// The stem a word is matched by; empty when it is too short to trust.
    pub fn stem(&self, lower: &str) -> String {
        let s = self.stemmer.stem(lower);
        if s.chars().count() < MIN_STEM {
            String::new()
        } else {
            s.into_owned()
        }
    }

    /// True when `c` is one of the letters that mark this language.
    pub fn owns_letter(&self, c: char) -> bool {
        self.letters.contains(&c.to_lowercase().next().unwrap_or(c))
    }

    /// The longest gloss entry matching the words at `i`: a word matches by its
    /// exact form, or by its stem when that is long enough. `forms` are the
    /// lower-case words, `stems` their stems (as [`Language::stem`] gives them;
    /// [`NUMBER`] for a number in digits).
    pub fn longest_at(&self, forms: &[&str], stems: &[String], i: usize) -> Option<&GlossEntry> {
        let fits = |e: &GlossEntry| {
            e.words.len() <= forms.len() - i
                && e.words.iter().enumerate().all(|(k, (form, stem))| {
                    forms[i + k] == form || (!stem.is_empty() && stems[i + k] == *stem)
                })
        };
        let exact = self.by_form.get(forms[i]).into_iter().flatten();
        let stemmed = (!stems[i].is_empty())
            .then(|| self.by_stem.get(&stems[i]))
            .flatten()
            .into_iter()
            .flatten();
        // An exact form wins over a stem match of the same length.
        let mut best: Option<&GlossEntry> = None;
        for &k in exact.chain(stemmed) {
            let e = &self.entries[k];
            if fits(e) && best.is_none_or(|b| e.words.len() > b.words.len()) {
                best = Some(e);
            }
        }
        best
    }

    /// Length of the entry in words.
    pub fn entry_len(entry: &GlossEntry) -> usize {
        entry.words.len()
    }
}

/// Lower-case words of a phrase, as the tokenizer cuts text (hyphens join).
fn split_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect()
}

/// The built-in languages, parsed once.
pub fn builtin() -> &'static [Language] {
    static LANGS: OnceLock<Vec<Language>> = OnceLock::new();
    LANGS.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(code, text)| {
                Language::from_toml(text, Path::new(&format!("<built-in language {code}>")))
                    .expect("the built-in languages are valid; a unit test checks them")
            })
            .collect()
    })
}

/// The built-in language with this ISO 639-1 code; English (the grammar's own
/// vocabulary) and unknown codes give `None`.
pub fn by_code(code: &str) -> Option<&'static Language> {
    let code = code.trim().to_ascii_lowercase();
    let code = code.split(['-', '_']).next().unwrap_or_default();
    builtin().iter().find(|l| l.code == code)
}

/// The language a text is written in: the one most of its letters belong to, if
/// any does (a Cyrillic share of half is Russian); `None` for English and the rest.
pub fn detect(text: &str) -> Option<&'static Language> {
    let langs = builtin();
    let mut counts = vec![0usize; langs.len()];
    let mut letters = 0usize;
    // Sampling the opening is enough to tell a script and bounds the cost on huge files.
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4096) {
        letters += 1;
        if c.is_ascii() {
            continue;
        }
        for (n, l) in counts.iter_mut().zip(langs) {
            if l.owns_letter(c) {
                *n += 1;
            }
        }
    }
    counts
        .iter()
        .zip(langs)
        .filter(|(n, _)| letters > 0 && **n as f64 / letters as f64 >= DETECT_SHARE)
        .max_by_key(|(n, _)| **n)
        .map(|(_, l)| l)
}

/// The language of a source: its front matter's `language`/`lang` when given,
/// else the one its body's letters show. `None` reads it as English.
pub fn of_source(declared: Option<&str>, body: &str) -> Option<&'static Language> {
    match declared {
        Some(code) if !code.trim().is_empty() => by_code(code),
        _ => detect(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_languages_parse() {
        let ru = by_code("ru").expect("Russian is built in");
        assert_eq!(ru.name, "Russian");
        assert!(by_code("RU-ru").is_some());
        assert!(by_code("en").is_none());
    }

    #[test]
    fn detection_goes_by_the_share_of_letters() {
        assert_eq!(
            detect("В Алматы задержаны 207 человек.").map(|l| l.code.as_str()),
            Some("ru")
        );
        assert!(detect("207 people were detained in Almaty.").is_none());
        // A Russian name in an English text does not make it Russian.
        assert!(detect("The agency (Хабар) said 13 were killed in Almaty.").is_none());
        // Front matter wins over the letters.
        assert!(of_source(Some("en"), "погибли 13 человек").is_none());
        assert!(of_source(Some("ru"), "13 died").is_some());
    }

    #[test]
    fn inflections_match_by_stem_short_words_by_form() {
        let ru = by_code("ru").unwrap();
        let gloss = |phrase: &str| {
            let forms: Vec<String> = split_words(phrase);
            let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
            let stems: Vec<String> = forms.iter().map(|w| ru.stem(w)).collect();
            ru.longest_at(&refs, &stems, 0).map(|e| e.gloss.join(" "))
        };
        assert_eq!(
            gloss("сотрудников полиции").as_deref(),
            Some("police officers")
        );
        assert_eq!(
            gloss("сотрудникам полиции").as_deref(),
            Some("police officers")
        );
        assert_eq!(gloss("ранее").as_deref(), Some("earlier"));
        assert_eq!(gloss("ранены").as_deref(), Some("injured"));
    }
}
