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

/// How many of a text's first letters detection reads: enough to tell a script.
const DETECT_SAMPLE: usize = 256;

/// Of a text's letters, the share that must be a language's for it to be detected.
const DETECT_SHARE: f64 = 0.5;

/// One entry of a gloss: the words it matches and the words the grammar reads.
#[derive(Debug)]
pub struct GlossEntry {
    /// Each matched word: its exact lower-case form, and its stem's id when the
    /// stem is long enough to match on.
    words: Vec<(String, Option<StemId>)>,
    /// What the grammar reads in its place, one word a token.
    pub gloss: Vec<String>,
}

/// A stem the gloss matches on, numbered; [`NUMBER_STEM`] stands for a number.
pub type StemId = u32;

/// The stem id every number in digits has.
pub const NUMBER_STEM: StemId = StemId::MAX;

/// A language: how it is told apart, and its gloss.
pub struct Language {
    /// ISO 639-1 code, as front matter gives it (`lang = "ru"`).
    pub code: String,
    /// English name, for messages.
    pub name: String,
    /// Its letters, sorted, for detection.
    letters: Vec<char>,
    stemmer: Stemmer,
    stems: FxHashMap<String, StemId>,
    by_form: FxHashMap<String, Vec<usize>>,
    by_stem: Vec<Vec<usize>>,
    entries: Vec<GlossEntry>,
    /// Index among the built-in languages, for the per-thread stem cache.
    slot: usize,
}

/// Words already stemmed on this thread, per language slot: news repeats its
/// words, and a hash lookup costs far less than the stemmer.
type StemCache = FxHashMap<Box<str>, Option<StemId>>;

thread_local! {
    static STEM_CACHE: std::cell::RefCell<Vec<StemCache>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Bound on each cache, so a long run over varied text does not grow without end.
const STEM_CACHE_MAX: usize = 1 << 17;

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
        let mut letters: Vec<char> = raw.language.letters.chars().collect();
        letters.sort_unstable();
        let mut lang = Language {
            code: raw.language.code,
            name: raw.language.name,
            letters,
            stemmer: Stemmer::create(algo),
            stems: FxHashMap::default(),
            by_form: FxHashMap::default(),
            by_stem: Vec::new(),
            entries: Vec::new(),
            slot: 0,
        };
        // Sections only group the file for its readers; every entry is one gloss,
        // and a phrase glossed twice (in two sections) is a mistake to name.
        let mut seen = std::collections::HashSet::new();
        for (phrase, gloss) in raw.gloss.values().flatten() {
            if !seen.insert(split_words(phrase)) {
                return Err(
                    Error::new(format!("{}: {phrase:?} is glossed twice", path.display()))
                        .with_hint("keep one entry for each phrase"),
                );
            }
            let words: Vec<(String, Option<StemId>)> = split_words(phrase)
                .into_iter()
                .map(|w| {
                    let stem = if w == NUMBER {
                        Some(NUMBER_STEM)
                    } else {
                        let stem = lang.stem(&w);
                        (!stem.is_empty()).then(|| {
                            let next = lang.stems.len() as StemId;
                            *lang.stems.entry(stem).or_insert(next)
                        })
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
            if let Some(id) = *stem {
                lang.by_stem_push(id, i);
            }
            lang.entries.push(GlossEntry { words, gloss });
        }
        // Longer phrases first, so "были убиты" wins over "были".
        let entries = &lang.entries;
        for list in lang.by_form.values_mut().chain(lang.by_stem.iter_mut()) {
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
        let lower = c.to_lowercase().next().unwrap_or(c);
        self.letters.binary_search(&lower).is_ok()
    }

    fn by_stem_push(&mut self, id: StemId, entry: usize) {
        // Numbers sit in slot 0, the stems after them.
        let slot = if id == NUMBER_STEM {
            0
        } else {
            id as usize + 1
        };
        if self.by_stem.len() <= slot {
            self.by_stem.resize(slot + 1, Vec::new());
        }
        self.by_stem[slot].push(entry);
    }

    fn entries_of_stem(&self, id: StemId) -> &[usize] {
        let slot = if id == NUMBER_STEM {
            0
        } else {
            id as usize + 1
        };
        self.by_stem.get(slot).map_or(&[], Vec::as_slice)
    }

    /// The id of a lower-case word's stem when the gloss matches on it; `None`
    /// for words no entry matches by stem. Memoised per thread.
    pub fn stem_id(&self, lower: &str) -> Option<StemId> {
        STEM_CACHE.with(|cache| {
            let mut caches = cache.borrow_mut();
            if caches.len() <= self.slot {
                caches.resize_with(self.slot + 1, StemCache::default);
            }
            let cache = &mut caches[self.slot];
            if let Some(&id) = cache.get(lower) {
                return id;
            }
            let stem = self.stem(lower);
            let id = (!stem.is_empty())
                .then(|| self.stems.get(&stem).copied())
                .flatten();
            if cache.len() >= STEM_CACHE_MAX {
                cache.clear();
            }
            cache.insert(lower.into(), id);
            id
        })
    }

    /// The longest gloss entry matching the words at `i`: a word matches by its
    /// exact form, or by its stem when that is long enough. `forms` are the
    /// lower-case words, `stems` their stem ids (as [`Language::stem_id`] gives
    /// them; [`NUMBER_STEM`] for a number in digits).
    pub fn longest_at(
        &self,
        forms: &[&str],
        stems: &[Option<StemId>],
        i: usize,
    ) -> Option<&GlossEntry> {
        let fits = |e: &GlossEntry| {
            e.words.len() <= forms.len() - i
                && e.words.iter().enumerate().all(|(k, (form, stem))| {
                    forms[i + k] == form || (stem.is_some() && stems[i + k] == *stem)
                })
        };
        let exact = self.by_form.get(forms[i]).map_or(&[][..], Vec::as_slice);
        let stemmed = stems[i].map_or(&[][..], |id| self.entries_of_stem(id));
        // An exact form wins over a stem match of the same length.
        let mut best: Option<&GlossEntry> = None;
        for &k in exact.iter().chain(stemmed) {
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
            .enumerate()
            .map(|(slot, (code, text))| {
                let mut lang =
                    Language::from_toml(text, Path::new(&format!("<built-in language {code}>")))
                        .expect("the built-in languages are valid; a unit test checks them");
                lang.slot = slot;
                lang
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
    // An opening all in ASCII (most English text) owns no other script's letters:
    // answered from its bytes, no character decoded.
    let mut ascii_letters = 0;
    for &b in text.as_bytes() {
        if b >= 0x80 {
            return detect_by_letters(text);
        }
        ascii_letters += usize::from(b.is_ascii_alphabetic());
        if ascii_letters == DETECT_SAMPLE {
            return None;
        }
    }
    None
}

/// [`detect`] by the share of each language's letters in the opening.
fn detect_by_letters(text: &str) -> Option<&'static Language> {
    let langs = builtin();
    let mut counts = vec![0usize; langs.len()];
    let mut letters = 0usize;
    // Sampling the opening is enough to tell a script and bounds the cost on huge files.
    for c in text
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(DETECT_SAMPLE)
    {
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

/// The language of a source: its front matter's `language`/`lang` when it names
/// English or a built-in language, else the one its body's letters show (a code we
/// have no file for, "uk" or "kk", is read as the nearest we have). `None` reads
/// it as English.
pub fn of_source(declared: Option<&str>, body: &str) -> Option<&'static Language> {
    let code = declared
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let base = code.split(['-', '_']).next().unwrap_or_default();
    match base {
        "en" => None,
        "" => detect(body),
        _ => by_code(base).or_else(|| detect(body)),
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
    fn an_ascii_opening_is_detected_as_by_its_letters() {
        let english = "Police said 13 people were killed. ".repeat(20);
        let russian = "В Алматы задержаны 207 человек. ".repeat(20);
        for text in [
            String::new(),
            "13 - 207".to_string(),
            english.clone(),
            russian.clone(),
            format!("{english}{russian}"),
            format!("Almaty: {russian}"),
            format!("{}{russian}", &english[..200]),
        ] {
            assert_eq!(
                detect(&text).map(|l| l.slot),
                detect_by_letters(&text).map(|l| l.slot),
                "{text:?}"
            );
        }
        assert!(detect(&format!("Almaty: {russian}")).is_some());
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
        assert!(of_source(Some("en-GB"), "погибли 13 человек").is_none());
        // A language with no file of its own is read by its letters.
        assert!(of_source(Some("uk"), "загинули 13 людей у Києві").is_some());
        assert!(of_source(Some("fr"), "13 morts à Paris").is_none());
    }

    #[test]
    fn inflections_match_by_stem_short_words_by_form() {
        let ru = by_code("ru").unwrap();
        let gloss = |phrase: &str| {
            let forms: Vec<String> = split_words(phrase);
            let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
            let stems: Vec<Option<StemId>> = forms.iter().map(|w| ru.stem_id(w)).collect();
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
        assert_eq!(gloss("ранены").as_deref(), Some("wounded"));
    }

    #[test]
    fn a_bad_language_file_is_an_error_that_says_why() {
        let file = |stemmer: &str, gloss: &str| {
            format!(
                "[language]\ncode = \"xx\"\nname = \"X\"\nstemmer = \"{stemmer}\"\nletters = \"абв\"\n{gloss}"
            )
        };
        let twice = file(
            "russian",
            "[gloss.a]\n\"да\" = \"yes\"\n[gloss.b]\n\"Да\" = \"yes\"\n",
        );
        let err = Language::from_toml(&twice, Path::new("x.toml")).unwrap_err();
        assert!(err.to_string().contains("glossed twice"), "{err}");
        let unknown = file("klingon", "[gloss.a]\n\"да\" = \"yes\"\n");
        let err = Language::from_toml(&unknown, Path::new("x.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown stemmer"), "{err}");
        let empty = file("russian", "[gloss.a]\n\"да\" = \"\"\n");
        assert!(Language::from_toml(&empty, Path::new("x.toml")).is_err());
    }
}
