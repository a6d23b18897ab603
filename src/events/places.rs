//! Where a text's event happened: the gazetteer's places, and the towns it does
//! not know, learnt from the two ways news names a town — a dateline
//! ("GREENACRES (WXYZ) –", "SHREVEPORT, La. —") and a town given with its state
//! or country ("in Kahuku, Hawaii", "near Mingora, Pakistan"). A town learnt from
//! one page is known on every page of the corpus, so a report that names it only
//! in passing is placed too.

use super::windows::Paragraphs;
use super::words::{Tokens, stop, words};
use crate::corpus::dates;
use crate::lexicon::{Lexicon, PlaceRef};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

/// "SHREVEPORT, La. (KSLA) –": capitals, an optional region, an optional
/// station or agency in brackets, then a dash.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)(?P<town>[A-Z][A-Z'’.\-]*[A-Z](?:\s+[A-Z][A-Z'’.\-]*[A-Z]){0,2})(?:,\s+(?P<region>[A-Z][A-Za-z.]*(?:\s[A-Z][a-z]+)?))?\s*(?:\([^)\n]{1,40}\))?[ \t\u{a0}]*(?:--?|–|—)\s",
    )
    .expect("a valid pattern")
});

/// "Kahuku, Hawaii", "Mingora, Pakistan", "Macon, Ga.", "Joliet, IL".
///
/// A state in two capitals (`state`, the other forms are `region`) ends where a
/// word does: a character that is no letter or digit (`\W`) follows it, or
/// nothing. Not `\b`: a Unicode word boundary stops the fast engines at the
/// first character outside ASCII (a curly quote, a dash), and the slow one
/// then read the rest of the paragraph — a tenth of the events stage's time.
/// The character taken after the state cannot open the next match, which
/// starts with a capital.
static TOWN_REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<town>(?:St\.\s+|Ft\.\s+)?(?:[A-Z][\p{L}'’\-]+\s+){0,2}[A-Z][\p{L}'’\-]+),\s+(?:(?P<region>(?:[A-Z]\.){2,3}|[A-Z][a-z]{1,4}\.(?:\s?[A-Z][a-z]\.)?)|(?P<state>[A-Z]{2})(?:\W|$)|(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}))",
    )
    .expect("a valid pattern")
});

/// Capitals that open a paragraph without being a place: a town whose every
/// word is one of these is a heading ("RELATED STORIES", "BREAKING NEWS").
const NOT_DATELINES: &[&str] = &[
    "update",
    "updated",
    "breaking",
    "news",
    "video",
    "photos",
    "photo",
    "watch",
    "live",
    "exclusive",
    "developing",
    "alert",
    "close",
    "editor's",
    "editor’s",
    "note",
    "warning",
    "correction",
    "graphic",
    "police",
    "the",
    "related",
    "stories",
    "more",
    "read",
    "also",
    "top",
    "trending",
    "recommended",
    "sponsored",
    "latest",
    "headlines",
    "advertisement",
];

/// Towns a corpus names that the gazetteer does not know (or knows as another
/// place: "Rome, Ga." is not Italy's capital), by their lower-case name.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Towns {
    by_name: HashMap<String, Town>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Town {
    /// As it is written in running text: "Kansas City".
    name: String,
    /// The states or countries it was given with (index into the lexicon's
    /// places), with how often: "Dallas, Texas" outnumbers "Dallas, Ore.".
    regions: Vec<(usize, usize)>,
}

impl Town {
    /// The region given most often, the same one every run.
    fn region(&self) -> Option<usize> {
        self.regions
            .iter()
            .max_by_key(|(r, n)| (*n, std::cmp::Reverse(*r)))
            .map(|(r, _)| *r)
    }

    fn count(&mut self, region: usize, n: usize) {
        match self.regions.iter_mut().find(|(r, _)| *r == region) {
            Some((_, m)) => *m += n,
            None => self.regions.push((region, n)),
        }
    }
}

impl Towns {
    /// Learns the towns one source names in a dateline (in its first paragraphs)
    /// or with their state or country (anywhere).
    pub fn learn(&mut self, title: &str, paragraphs: &[&str], lex: &Lexicon) {
        for p in paragraphs.iter().take(3) {
            let head = &p[..p.floor_char_boundary(400)];
            for m in DATELINE.captures_iter(head) {
                let town = title_case(&m["town"]);
                let region = m.name("region").and_then(|r| region_at(r.as_str(), lex));
                if m.name("region").is_some() && region.is_none() {
                    continue;
                }
                let lower = town.to_lowercase();
                let heading = lower.split_whitespace().all(|w| NOT_DATELINES.contains(&w));
                if heading || !has_vowel(&town) {
                    continue;
                }
                self.add(&town, region, lex);
            }
        }
        let texts = std::iter::once(title).chain(paragraphs.iter().copied());
        for text in texts.filter(|t| comma_then_capital(t)) {
            for m in TOWN_REGION.captures_iter(text) {
                let given = ["region", "state", "name"]
                    .iter()
                    .find_map(|g| m.name(g))
                    .map_or("", |g| g.as_str());
                let Some(region) = region_at(given, lex) else {
                    continue;
                };
                if let Some(town) = town_words(&m["town"]) {
                    let town = if town.chars().any(char::is_lowercase) {
                        town
                    } else {
                        title_case(&town)
                    };
                    self.add(&town, Some(region), lex);
                }
            }
        }
    }

    fn add(&mut self, town: &str, region: Option<usize>, lex: &Lexicon) {
        // Keyed as `place_of` reads text: words without their dots.
        let lower = words(town)
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(known) = gazetteer_place(&lower, lex) {
            // The gazetteer's place, unless the text puts it in another region.
            let elsewhere = region.is_some_and(|r| {
                let chain = lex.place_chain(&lex.places[known].name);
                let within = lex.place_chain(&lex.places[r].name);
                !chain.iter().any(|p| within.contains(p))
            });
            if !elsewhere || lex.places[known].region {
                return;
            }
        }
        let entry = self.by_name.entry(lower).or_insert_with(|| Town {
            name: town.to_string(),
            regions: Vec::new(),
        });
        if town < entry.name.as_str() {
            entry.name = town.to_string();
        }
        if let Some(r) = region {
            entry.count(r, 1);
        }
    }

    /// The towns of two parts of a corpus together, in any order.
    pub fn merge(mut self, other: Towns) -> Towns {
        for (lower, town) in other.by_name {
            match self.by_name.get_mut(&lower) {
                Some(t) => {
                    for (r, n) in town.regions {
                        t.count(r, n);
                    }
                    // One spelling whichever part is merged into which.
                    if town.name < t.name {
                        t.name = town.name;
                    }
                }
                None => {
                    self.by_name.insert(lower, town);
                }
            }
        }
        self
    }

    /// Drops one-word "towns" the corpus also writes in lower case: a sentence's
    /// first word before a comma ("Meanwhile, Texas …"). A name of several
    /// capitalised words given with its state ("Baton Rouge, La.") is kept even
    /// when a large corpus writes each word in lower case somewhere ("his baton",
    /// a web address).
    pub fn forget_common(&mut self, common: impl Fn(&str) -> bool) {
        self.by_name.retain(|lower, town| {
            let several = lower.contains(' ') && !town.regions.is_empty();
            several || !lower.split(' ').all(&common)
        });
    }

    /// The town whose name starts at word `k` of `lower`, longest first: its
    /// length in words, its name and the places that contain it. A name the
    /// corpus gives in several regions (Springfield, Ill. and Springfield, Mo.)
    /// is several towns, each named with its region: the one the text itself
    /// gives (`own`, the towns of the text alone, learnt when first needed), or
    /// else the one the corpus gives most. `key` is a buffer to write names in.
    fn at(
        &self,
        lower: &[Cow<str>],
        k: usize,
        lex: &Lexicon,
        own: &mut dyn FnMut() -> Towns,
        learnt: &mut Option<Towns>,
        key: &mut String,
    ) -> Option<(usize, String, Vec<String>)> {
        (1..=3).rev().find_map(|n| {
            // The name's words, joined into one key made once for every length.
            key.clear();
            for (i, w) in lower.get(k..k + n)?.iter().enumerate() {
                if i > 0 {
                    key.push(' ');
                }
                key.push_str(w);
            }
            let key = key.as_str();
            let town = self.by_name.get(key)?;
            let Some(mut region) = town.region() else {
                return Some((n, town.name.clone(), vec![town.name.clone()]));
            };
            if town.regions.len() < 2 {
                let mut chain = vec![town.name.clone()];
                chain.extend(lex.place_chain(&lex.places[region].name));
                return Some((n, town.name.clone(), chain));
            }
            let own = learnt.get_or_insert_with(&mut *own);
            if let Some(r) = own.by_name.get(key).and_then(Town::region) {
                region = r;
            }
            let region_name = &lex.places[region].name;
            let shown = region_name.split(" (").next().unwrap_or(region_name);
            let name = format!("{}, {shown}", town.name);
            let mut chain = vec![name.clone()];
            chain.extend(lex.place_chain(region_name));
            Some((n, name, chain))
        })
    }
}

/// True when a text has a comma, white space and a capital of ASCII: what
/// every "Town, Region" has ([`TOWN_REGION`]), and many paragraphs have not, so
/// that the regex, the cost of learning towns, reads only the others.
fn comma_then_capital(text: &str) -> bool {
    text.match_indices(',').any(|(i, _)| {
        let after = &text[i + 1..];
        let rest = after.trim_start();
        rest.len() < after.len() && rest.starts_with(|c: char| c.is_ascii_uppercase())
    })
}

/// The gazetteer place a whole lower-case name is, if any.
fn gazetteer_place(lower: &str, lex: &Lexicon) -> Option<usize> {
    let ws: Vec<String> = lower.split(' ').map(str::to_string).collect();
    match lex.place_terms.longest_at(&ws, 0) {
        Some((len, PlaceRef::Named(i))) if len == ws.len() => Some(*i),
        _ => None,
    }
}

/// The state or country a region is written as: a short form ("La.", "N.C.",
/// "TX") or the start of a name the gazetteer knows as a region.
fn region_at(region: &str, lex: &Lexicon) -> Option<usize> {
    let region = region.trim();
    if let Some(&i) = lex.region_abbreviations.get(region) {
        return Some(i);
    }
    let lower: Vec<String> = words(region).map(str::to_lowercase).collect();
    match lex.place_terms.longest_at(&lower, 0) {
        Some((_, PlaceRef::Named(i))) if lex.places[*i].region => Some(*i),
        _ => None,
    }
}

/// The town in the words before ", Region": without a leading "The", "In", a
/// weekday or another word that is not a name.
fn town_words(town: &str) -> Option<String> {
    let ws: Vec<&str> = town.split_whitespace().collect();
    let start = ws.iter().rposition(|w| not_a_name(w)).map_or(0, |i| i + 1);
    let kept = &ws[start..];
    (!kept.is_empty()).then(|| kept.join(" "))
}

fn not_a_name(w: &str) -> bool {
    let lower = w.to_lowercase();
    stop(&lower)
        || dates::weekday(w).is_some()
        || dates::month(w).is_some()
        || matches!(
            lower.as_str(),
            "in" | "of" | "at" | "near" | "on" | "to" | "by" | "a" | "an" | "as" | "so"
        )
}

fn has_vowel(w: &str) -> bool {
    w.chars().any(|c| "aeiouyAEIOUY".contains(c))
}

/// "KANSAS CITY" → "Kansas City", "O'FALLON" → "O'Fallon".
fn title_case(caps: &str) -> String {
    let mut out = String::with_capacity(caps.len());
    let mut start = true;
    for c in caps.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// Where a text puts its event.
#[derive(Debug, Clone, Default)]
pub struct Whereabouts {
    /// The most specific place named most often (a town before its state or
    /// country).
    pub place: Option<String>,
    /// Every place named, with the places that contain them.
    pub places: Vec<String>,
    /// True when `place` is on the map: the gazetteer's, or a town given with its
    /// state or country. A town known only from a bare dateline could lie in any
    /// of the places another report names.
    pub mapped: bool,
}

/// Where a text puts its event (see [`Whereabouts`]), from the words of its title
/// and its story's paragraphs. `also` is shown each paragraph's words (with its
/// index) as they are read: a text longer than a window is cut into words for
/// each walk, and what else reads them need not walk again.
pub fn place_of(
    title: &Tokens,
    story: &Paragraphs,
    lex: &Lexicon,
    towns: &Towns,
    mut also: impl FnMut(usize, &Tokens),
) -> Whereabouts {
    let mut counts: HashMap<String, usize> = HashMap::default();
    let mut chains: HashMap<String, Vec<String>> = HashMap::default();
    let mut own = || {
        let mut t = Towns::default();
        t.learn(title.text, story.texts(), lex);
        t
    };
    let mut learnt = None;
    let mut key = String::new();
    // The towns of the story's datelines, in order.
    let mut datelined: Vec<String> = Vec::new();
    // The title's words, then the story's, a window at a time.
    let mut count = |text: &Tokens, weight: usize| {
        let (original, lower) = (&text.words, &text.lower);
        let mut k = 0;
        while k < lower.len() {
            if !original[k].starts_with(char::is_uppercase) {
                k += 1;
                continue;
            }
            let known = lex.place_terms.longest_at(lower, k);
            // A town learnt from the corpus wins over a shorter or equal
            // gazetteer match: "Kansas City" over "Kansas", Rome, Ga. over Rome.
            let town = towns
                .at(lower, k, lex, &mut own, &mut learnt, &mut key)
                .filter(|(len, _, _)| {
                    known.is_none_or(|(n, _)| *len >= n) && placed(original, lower, k, *len, lex)
                });
            // A dateline says where the story was filed, which is often a capital
            // far from the mine or the village: it places the event only when
            // nothing else does.
            let filed = weight == 1 && dateline(original, k);
            let weight = if filed { 0 } else { weight };
            match (known, town) {
                (_, Some((len, name, chain))) => {
                    if filed {
                        datelined.push(name.clone());
                    }
                    *counts.entry(name.clone()).or_default() += weight;
                    chains.entry(name).or_insert(chain);
                    k += len;
                }
                (Some((len, PlaceRef::Named(i))), _)
                    if lex.places[*i].country && named_after(original, lower, k, len, lex) =>
                {
                    k += len + 1;
                }
                (Some((len, PlaceRef::Named(i))), _) => {
                    let name = &lex.places[*i].name;
                    if filed {
                        datelined.push(name.clone());
                    }
                    *counts.entry(name.clone()).or_default() += weight;
                    chains
                        .entry(name.clone())
                        .or_insert_with(|| lex.place_chain(name));
                    k += len;
                }
                (Some((len, _)), _) => k += len,
                (None, None) => k += 1,
            }
        }
    };
    count(title, 2);
    story.each(|first, paragraphs| {
        for (i, p) in paragraphs.iter().enumerate() {
            count(p, 1);
            also(first + i, p);
        }
    });
    let mut all: Vec<String> = chains.values().flatten().cloned().collect();
    all.sort();
    all.dedup();
    // The deepest of the places named about as often as the most named one: a
    // story about Houston names Texas once or twice, and Houston more.
    let top = counts.values().copied().max().unwrap_or(0);
    let depth = |p: &str| chains.get(p).map_or(0, Vec::len);
    let best = counts
        .iter()
        .filter(|(_, n)| 2 * **n >= top)
        .max_by(|(a, na), (b, nb)| {
            (depth(a), **na, std::cmp::Reverse(a.as_str())).cmp(&(
                depth(b),
                **nb,
                std::cmp::Reverse(b.as_str()),
            ))
        })
        .map(|(p, _)| p.clone());
    // A story that names only the state its dateline's town lies in ("TOLEDO,
    // Ohio —", then "Ohio State Patrol") happened in that town: a region is no
    // more where it happened than the town within it. A country is left as it
    // is: a wire files from the capital about anywhere in it.
    let best = best.map(|b| {
        let within_a_country = depth(&b) > 1;
        datelined
            .iter()
            .find(|d| {
                within_a_country && **d != b && chains.get(*d).is_some_and(|c| c.contains(&b))
            })
            .cloned()
            .unwrap_or(b)
    });
    let mapped = best
        .as_deref()
        .is_some_and(|p| lex.place(p).is_some() || depth(p) > 1);
    Whereabouts {
        place: best,
        places: all,
        mapped,
    }
}

/// Words before a town's name that make it a place: "in Jackson", "near Tyler".
const BEFORE_PLACE: &[&str] = &[
    "in", "near", "at", "from", "outside", "inside", "around", "across", "through", "downtown",
    "suburban", "northern", "southern", "eastern", "western", "central",
];

/// Words after a town's name that make it a place: "Jackson police".
const AFTER_PLACE: &[&str] = &[
    "police",
    "officers",
    "officials",
    "firefighters",
    "mayor",
    "residents",
    "city",
    "township",
    "county",
    "neighborhood",
    "area",
    "home",
    "resident",
    "man",
    "woman",
    "teen",
    "boy",
    "girl",
    "toddler",
    "child",
    "children",
    "family",
    "couple",
    "student",
    "students",
    "father",
    "mother",
    "officer",
    "shooting",
    "standoff",
    "homicide",
    "school",
    "community",
];

/// True when the words `k..k + len` stand as a place: in a dateline's capitals,
/// after "in" or "near", before "police" or a state ("Jackson, Miss."). A
/// corpus's towns are often surnames too, and "Jackson said" is a person.
fn placed(original: &[&str], lower: &[Cow<str>], k: usize, len: usize, lex: &Lexicon) -> bool {
    let caps = dateline(original, k);
    // A headline or a paragraph opens with its place: "Tulare man shoots …".
    let opens = k == 0;
    let before = k
        .checked_sub(1)
        .is_some_and(|i| BEFORE_PLACE.contains(&lower[i].as_ref()));
    let after = lower
        .get(k + len)
        .is_some_and(|w| AFTER_PLACE.contains(&w.as_ref()));
    let region = original.get(k + len).is_some_and(|w| {
        lex.region_abbreviations.contains_key(*w)
            || lex.region_abbreviations.contains_key(&format!("{w}."))
            || matches!(
                lex.place_terms.longest_at(lower, k + len),
                Some((_, PlaceRef::Named(i))) if lex.places[*i].region
            )
    });
    caps || opens || before || after || region
}

/// True when a place's one word is the first of a name that is not a place's:
/// "Jordan Clay" (a suspect), "Chad Day" — the next word capitalised and
/// neither a place, a word of one ("Beach", "County"), an institution's nor an
/// agency's ("Mexico Police"). Not after "in" or "near", nor in a dateline.
/// Asked of countries only, whose names are also people's: a city's or a
/// state's before a capital ("Houston Chronicle", "Texas Rangers") still
/// says where a local story happened.
fn named_after(original: &[&str], lower: &[Cow<str>], k: usize, len: usize, lex: &Lexicon) -> bool {
    use crate::events::words::{AGENCIES, INSTITUTIONS, PLACE_WORDS};
    let Some(next) = original.get(k + len) else {
        return false;
    };
    let next_lower = lower[k + len].as_ref();
    len == 1
        && next.starts_with(char::is_uppercase)
        && next.chars().any(char::is_lowercase)
        && !dateline(original, k)
        && !k
            .checked_sub(1)
            .is_some_and(|i| BEFORE_PLACE.contains(&lower[i].as_ref()))
        && lex.place_terms.longest_at(lower, k + len).is_none()
        && !lex.region_abbreviations.contains_key(*next)
        && ![PLACE_WORDS, INSTITUTIONS, AGENCIES]
            .iter()
            .any(|words| words.contains(&next_lower))
}

/// True for a word in capitals, as a dateline writes its town.
fn dateline(original: &[&str], k: usize) -> bool {
    let w = original[k];
    w.len() >= 3 && !w.chars().any(char::is_lowercase) && w.chars().any(char::is_alphabetic)
}

/// Every word of every place in `places`, in lower case: such words are not a
/// person's name.
pub fn place_words(places: &[String]) -> HashSet<String> {
    places
        .iter()
        .flat_map(|p| words(p).map(str::to_lowercase).collect::<Vec<_>>())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_town_with_its_region_follows_a_comma_white_space_and_a_capital() {
        for text in [
            "in Kahuku, Hawaii, on Sunday",
            "Joliet, IL",
            "near Macon,\u{a0}Ga. late",
            "Rome,\n\tN.Y.",
            "Kahuku,Hawaii",
            "Kahuku, hawaii and Lima, 3 May",
            "no comma at all, Ñandú, ÉLAN",
            "",
        ] {
            if !comma_then_capital(text) {
                assert!(!TOWN_REGION.is_match(text), "{text}");
            }
        }
        assert!(comma_then_capital("Joliet, IL"));
        assert!(!comma_then_capital("Kahuku,Hawaii, and then, lower"));
    }

    fn learnt(title: &str, paras: &[&str]) -> Vec<(String, Option<String>)> {
        let lex = Lexicon::builtin();
        let mut towns = Towns::default();
        towns.learn(title, paras, lex);
        let mut out: Vec<(String, Option<String>)> = towns
            .by_name
            .values()
            .map(|t| {
                (
                    t.name.clone(),
                    t.region().map(|r| lex.places[r].name.clone()),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_dateline_names_a_town() {
        assert_eq!(
            learnt("", &["BRAMBLEFORD (WKXT) – Two men were hurt on Friday."]),
            vec![("Brambleford".to_string(), None)]
        );
        assert_eq!(
            learnt("", &["NEW HARLOW, La. — A woman was shot."]),
            vec![("New Harlow".to_string(), Some("Louisiana".to_string()))]
        );
        assert!(learnt("", &["UPDATE - The road has reopened."]).is_empty());
    }

    #[test]
    fn a_town_given_with_its_state_or_country() {
        assert_eq!(
            learnt(
                "",
                &["It happened on Tuesday in Pell Creek, Ohio, police said."]
            ),
            vec![("Pell Creek".to_string(), Some("Ohio".to_string()))]
        );
        assert_eq!(
            learnt("", &["Officers in Dunmore, TX said."]),
            vec![("Dunmore".to_string(), Some("Texas".to_string()))]
        );
        // A state's two capitals end a word.
        assert!(learnt("", &["Officers in Dunmore, TXÉ said."]).is_empty());
        // "On Monday, Texas police …": a weekday is not a town.
        assert!(learnt("", &["On Monday, Texas police said."]).is_empty());
        // A town the gazetteer knows in that region is not learnt again.
        assert!(learnt("", &["Crowds gathered in Houston, Texas."]).is_empty());
    }

    #[test]
    fn a_known_name_in_another_region_is_another_town() {
        assert_eq!(
            learnt("", &["A man was shot in Rome, Ga., on Sunday."]),
            vec![("Rome".to_string(), Some("Georgia (U.S. state)".to_string()))]
        );
    }
}
