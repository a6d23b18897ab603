//! Where: the place a figure covers, from its sentence, its paragraph, or the
//! document's main country.

use super::WINDOW;
use crate::claim::Word;
use crate::extract::tokens::{Sentence, Tokens};
use crate::lexicon::{Lexicon, PlaceRef};
use std::collections::BTreeMap;

/// A place named in a section, at a token.
#[derive(Debug, Clone, Copy)]
pub struct PlaceMention {
    /// First token of the name.
    pub tok: usize,
    /// Index of the sentence it stands in.
    pub sentence: usize,
    /// What it names.
    pub place: PlaceRef,
    /// A wire dateline ("ALMATY, Jan 9 (Reuters) -") says where the report was
    /// filed, not what a figure covers: it counts toward the document's country only.
    pub dateline: bool,
    /// The second of two places named together ("in Turkey and Syria",
    /// "Turkey-Syria earthquake"): the figure covers both, as one scope.
    pub and: Option<PlaceRef>,
    /// The place names a body, not the scene: "Italy's civil protection department",
    /// "the Harris County Institute of Forensic Sciences". A figure takes it only
    /// when its sentence names no other place.
    pub agency: bool,
}

/// Nouns for the bodies that give figures; a place right before one (or before it
/// with "'s" and a few words) names whose body it is.
const BODIES: &[&str] = &[
    "department",
    "ministry",
    "agency",
    "authority",
    "authorities",
    "office",
    "institute",
    "police",
    "service",
    "services",
    "council",
    "centre",
    "center",
    "committee",
    "commission",
    "government",
    "army",
    "brigade",
    "sheriff",
    "sheriff's",
    "coroner",
    "examiner",
    "governor",
    "mayor",
    "hospital",
    "officials",
    "prosecutor",
    "prosecutors",
    "court",
    "bureau",
];

/// True when the place that ends before `after` names a body ("Italy's civil
/// protection department", "Cook County medical examiner").
fn names_a_body(t: &Tokens, after: usize, end: usize) -> bool {
    let lower = &t.lower;
    let mut k = after;
    if lower.get(k).is_some_and(|w| w == "'s" || w == "’s") {
        k += 1;
    } else if lower.get(k).is_some_and(|w| w == "'" || w == "’")
        && lower.get(k + 1).is_some_and(|w| w == "s")
    {
        k += 2;
    }
    let possessive = k > after;
    // Directly ("Cook County Sheriff's Office") or after up to three words of a
    // possessive ("Italy's civil protection department").
    let reach = if possessive { 4 } else { 3 };
    (k..end.min(k + reach))
        .take_while(|&j| t.toks[j].kind == crate::extract::tokens::Kind::Word)
        .any(|j| BODIES.contains(&lower[j].as_str()))
}

/// True when a body is named right before the place, joined by "in", "of" or
/// "for": "the disaster management authority in Khyber Pakhtunkhwa", "the mayor of
/// Houston".
fn body_before(t: &Tokens, k: usize, sentence_start: usize) -> bool {
    let lower = &t.lower;
    k >= sentence_start + 2
        && matches!(lower[k - 1].as_str(), "in" | "of" | "for")
        && (k.saturating_sub(4).max(sentence_start)..k - 1)
            .rev()
            .take_while(|&j| t.toks[j].kind == crate::extract::tokens::Kind::Word)
            // "the centre of Almaty" is a part of town, not a body.
            .any(|j| BODIES.contains(&lower[j].as_str()) && !lower[j].starts_with("cent"))
}

/// Nouns that say the name after "of" is a town, whatever else it names:
/// "near the town of Bahrain", "the village of Jordan".
const SETTLEMENTS: &[&str] = &["town", "village", "city", "hamlet", "district", "township"];

/// A single word that names a place ("Turkey" in "Turkey-Syria").
fn place_word(word: &str, lex: &Lexicon) -> Option<PlaceRef> {
    let w = [word.to_lowercase()];
    lex.place_terms
        .longest_at(&w, 0)
        .filter(|&(len, _)| len == 1)
        .map(|(_, &p)| p)
}

/// Finds every place name and reference ("the country") in the tokens.
/// `opens_section`: the first sentence is its section's (where a dateline stands),
/// not one of a window's context.
pub fn place_mentions(
    t: &Tokens,
    text: &str,
    sentences: &[Sentence],
    lex: &Lexicon,
    opens_section: bool,
) -> Vec<PlaceMention> {
    let mut out = Vec::new();
    // Names are capitalised ("Turkey", "Chad"); "the country" is not.
    let proper = |k: usize, p: PlaceRef| {
        !matches!(p, PlaceRef::Named(_)) || text[t.toks[k].start..].starts_with(char::is_uppercase)
    };
    for (si, s) in sentences.iter().enumerate() {
        let mut k = s.start;
        while k < s.end {
            if let Some((len, &p)) = lex
                .place_terms
                .longest_at(&t.lower, k)
                .filter(|&(_, &p)| proper(k, p))
            {
                // The first word of the text, in capitals, before a comma, a dash
                // or an agency's name: "LIMA, Peru -", "LIMA -", "LIMA (AP) —".
                let word = &text[t.toks[k].start..t.toks[k + len - 1].end];
                let dateline = opens_section
                    && si == 0
                    && k == s.start
                    && word.chars().all(|c| !c.is_lowercase())
                    && t.lower
                        .get(k + len)
                        .is_some_and(|w| matches!(w.as_str(), "," | "-" | "—" | "–" | "("));
                // "in Turkey and Syria": two places joined make one scope.
                let second = (k + len + 1 < s.end && t.lower[k + len] == "and")
                    .then(|| lex.place_terms.longest_at(&t.lower, k + len + 1))
                    .flatten()
                    .filter(|&(_, &q)| {
                        matches!((p, q), (PlaceRef::Named(_), PlaceRef::Named(_)))
                            && proper(k + len + 1, q)
                    });
                let (and, mut used) = match second {
                    Some((len2, &q)) => (Some(q), len + 1 + len2),
                    None => (None, len),
                };
                // "the town of Bahrain": a settlement named like a country is not it;
                // the figure falls back on the other places its text names.
                let settlement = k >= 2
                    && t.lower[k - 1] == "of"
                    && SETTLEMENTS.contains(&t.lower[k - 2].as_str())
                    && matches!(p, PlaceRef::Named(i) if lex.places[i].country);
                if settlement {
                    k += len;
                    continue;
                }
                // "Almaty, Kazakhstan": the country only places the city; one mention.
                if and.is_none()
                    && let PlaceRef::Named(inner) = p
                    && t.lower.get(k + len).is_some_and(|w| w == ",")
                    && let Some((len2, &PlaceRef::Named(outer))) =
                        lex.place_terms.longest_at(&t.lower, k + len + 1)
                    && inner != outer
                    && lex.place_within(&lex.places[inner].name, &lex.places[outer].name)
                {
                    used = len + 1 + len2;
                }
                out.push(PlaceMention {
                    tok: k,
                    sentence: si,
                    place: p,
                    dateline,
                    and,
                    // "the city's police department" is the scene's own: only a name
                    // can name some other, wider body.
                    agency: matches!(p, PlaceRef::Named(_))
                        && (names_a_body(t, k + used, s.end) || body_before(t, k, s.start)),
                });
                k += used;
            } else if proper(k, PlaceRef::Named(0))
                // The capital first: most words have none, and it is cheaper to ask.
                && let Some((first, second)) = t.lower[k].split_once('-')
                && let (Some(p), Some(q)) = (place_word(first, lex), place_word(second, lex))
            {
                // "Turkey-Syria earthquake"
                out.push(PlaceMention {
                    tok: k,
                    sentence: si,
                    place: p,
                    dateline: false,
                    and: Some(q),
                    agency: false,
                });
                k += 1;
            } else {
                k += 1;
            }
        }
    }
    out
}

/// The document's main country and city: the ones it names most.
#[derive(Debug, Clone, Default)]
pub struct DocScope {
    /// The main country, the default scope of a figure: shared, as most figures
    /// take it and each claim keeps its name.
    pub country: Option<Word>,
    /// The main city, for "the city".
    pub city: Option<String>,
    /// The main country's capital, for "the capital".
    pub capital: Option<String>,
}

impl DocScope {
    /// Counts the places named in a document.
    pub fn from_mentions<'a>(
        mentions: impl Iterator<Item = &'a PlaceRef>,
        lex: &Lexicon,
    ) -> DocScope {
        let mut counts = PlaceCounts::default();
        for m in mentions {
            counts.add(m, lex);
        }
        counts.scope(lex)
    }
    /// The scope a mention names: one place, or two named together ("Syria and Turkey").
    fn name_of(&self, m: &PlaceMention, lex: &Lexicon) -> Option<String> {
        let first = self.resolve(m.place, lex)?;
        match m.and.and_then(|q| self.resolve(q, lex)) {
            Some(second) if second != first => {
                let mut both = [first, second];
                both.sort();
                Some(both.join(" and "))
            }
            _ => Some(first),
        }
    }

    fn resolve(&self, p: PlaceRef, lex: &Lexicon) -> Option<String> {
        match p {
            PlaceRef::Named(i) => Some(lex.places[i].name.clone()),
            PlaceRef::Country => self.country.as_deref().map(String::from),
            PlaceRef::City => self.city.clone(),
            PlaceRef::Capital => self.capital.clone(),
        }
    }
}

/// The places a document names, counted as they are read: what
/// [`DocScope::from_mentions`] counts, for a document read a window at a time.
#[derive(Debug, Default)]
pub struct PlaceCounts<'l> {
    countries: BTreeMap<&'l str, usize>,
    cities: BTreeMap<&'l str, usize>,
}

impl<'l> PlaceCounts<'l> {
    /// Counts one mention.
    pub fn add(&mut self, m: &PlaceRef, lex: &'l Lexicon) {
        let PlaceRef::Named(i) = m else { return };
        let def = &lex.places[*i];
        if def.country {
            *self.countries.entry(&def.name).or_default() += 1;
        } else {
            *self.cities.entry(&def.name).or_default() += 1;
            if let Some(parent) = &def.parent {
                *self.countries.entry(parent.as_str()).or_default() += 1;
            }
        }
    }

    /// The document's main country and city: the ones named most.
    pub fn scope(self, lex: &Lexicon) -> DocScope {
        let PlaceCounts {
            countries,
            mut cities,
        } = self;
        let top = |m: &BTreeMap<&str, usize>| {
            m.iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(k, _)| k.to_string())
        };
        let country = top(&countries);
        cities.retain(|c, _| country.as_deref().is_none_or(|k| lex.place_within(c, k)));
        let capital = country
            .as_deref()
            .and_then(|c| lex.place(c))
            .and_then(|d| d.capital.clone());
        DocScope {
            country: country.map(Word::from),
            city: top(&cities),
            capital,
        }
    }
}

fn choose_in_sentence(
    ms: &[&PlaceMention],
    near: usize,
    scope: &DocScope,
    lex: &Lexicon,
) -> Option<String> {
    // The named places, or every mention when none is named; walked again rather
    // than collected, as this runs for nearly every figure.
    let any_named = ms.iter().any(|m| matches!(m.place, PlaceRef::Named(_)));
    let pool = || {
        ms.iter()
            .filter(move |m| !any_named || matches!(m.place, PlaceRef::Named(_)))
    };
    // Nested names ("Almaty, Kazakhstan") give the most specific; otherwise the nearest.
    // One mention (the usual case) nests in nothing: its name is not built twice.
    if pool().nth(1).is_some() {
        let names: Vec<String> = pool().filter_map(|m| scope.name_of(m, lex)).collect();
        if let Some(inner) = names
            .iter()
            .find(|a| names.iter().all(|b| lex.place_within(a, b)))
            && names.len() > 1
        {
            return Some(inner.clone());
        }
    }
    pool()
        .min_by_key(|m| m.tok.abs_diff(near))
        .and_then(|m| scope.name_of(m, lex))
}

/// What a section offers for placing its figures.
#[derive(Clone, Copy)]
pub struct Places<'a> {
    /// The section's tokens.
    pub t: &'a Tokens<'a>,
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// The places it names, in text order.
    pub mentions: &'a [PlaceMention],
    /// The document's main country and city.
    pub scope: &'a DocScope,
    /// The words.
    pub lex: &'a Lexicon,
    /// True in a live-page entry, which keeps to one story.
    pub entry: bool,
}

/// The place a figure covers: named in its clause or its sentence, else in the
/// sentences before it in its paragraph, then (for a sentence that opens on a
/// pronoun) after it; in a live-page entry (`entry`), up to two
/// paragraphs back; else the document's main country. Across paragraphs of an
/// article a figure with no place is most often national, so only a short entry,
/// which keeps to one story, lends its places further.
pub fn place_for(places: &Places, fig_tok: usize, si: usize) -> Option<Placed> {
    let stated = |name: Option<String>| {
        name.map(|name| Placed {
            name: name.into(),
            assumed: false,
        })
    };
    let Places {
        t,
        sentences,
        mentions,
        scope,
        lex,
        entry,
    } = *places;
    // Mentions come in text order: a sentence's are found by binary search, and only
    // those near the figure count, so one endless "sentence" stays linear.
    // A body's place ("Italy's civil protection department") yields to any other
    // place the sentence or its paragraph names, and stands only when there is none:
    // a sentence's mentions come split into the scene's and the bodies'.
    let in_sentence = |k: usize| -> (Vec<&PlaceMention>, Vec<&PlaceMention>) {
        let from = mentions.partition_point(|m| m.sentence < k);
        let to = from + mentions[from..].partition_point(|m| m.sentence == k);
        mentions[from..to]
            .iter()
            .filter(|m| !m.dateline && (k != si || m.tok.abs_diff(fig_tok) <= WINDOW))
            .partition(|m| !m.agency)
    };
    let (here, bodies) = in_sentence(si);
    if !here.is_empty() {
        // A place in the figure's own clause first: "the toll in Kazakhstan stands at
        // 225, although the number of dead in Almaty alone was put at 139".
        let sentence = &sentences[si];
        let boundary = |k: &usize| matches!(t.lower[*k].as_str(), "," | ";" | ":" | "—" | "–");
        let from = (sentence.start..fig_tok)
            .rev()
            .find(boundary)
            .map_or(sentence.start, |k| k + 1);
        let to = (fig_tok..sentence.end)
            .find(boundary)
            .unwrap_or(sentence.end);
        let clause: Vec<&PlaceMention> = here
            .iter()
            .copied()
            .filter(|m| (from..to).contains(&m.tok))
            .collect();
        let pool = if clause.is_empty() { &here } else { &clause };
        return stated(choose_in_sentence(pool, fig_tok, scope, lex));
    }
    let para = sentences[si].paragraph;
    let back = (0..si)
        .rev()
        .take_while(|&k| sentences[k].paragraph == para);
    // Looking ahead only for a sentence that continues a scene ("They were opposed
    // by about 200 demonstrators"): one that opens on a pronoun.
    let continues = matches!(
        t.lower.get(sentences[si].start).map(|w| w.as_str()),
        Some("they" | "it" | "he" | "she" | "these" | "those" | "there" | "this" | "them")
    );
    let ahead =
        (si + 1..sentences.len()).take_while(|&k| continues && sentences[k].paragraph == para);
    // Sentences come in paragraph order: the paragraph's first by binary search,
    // so a figure in an endless paragraph does not walk back to its start.
    let para_start = sentences[..si].partition_point(|s| s.paragraph < para);
    let earlier = (0..para_start)
        .rev()
        .take_while(|&k| entry && sentences[k].paragraph + 2 >= para);
    // The nearest body's place, should no scene be named: "Belgrade's Emergency
    // Centre said it treated 21. Four remain in hospital."
    let mut fallback = (!bodies.is_empty()).then_some((bodies, fig_tok));
    for k in back.chain(ahead).chain(earlier) {
        let (ms, ms_bodies) = in_sentence(k);
        let near = if k < si { usize::MAX } else { 0 };
        if !ms.is_empty() {
            return stated(choose_in_sentence(&ms, near, scope, lex));
        }
        if fallback.is_none() && !ms_bodies.is_empty() {
            fallback = Some((ms_bodies, near));
        }
    }
    if let Some((bodies, near)) = fallback {
        return stated(choose_in_sentence(&bodies, near, scope, lex));
    }
    scope.country.clone().map(|name| Placed {
        name,
        assumed: true,
    })
}

/// The place a figure covers, and whether the text names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The place's canonical name.
    pub name: Word,
    /// True when no place is named for it: the document's main country.
    pub assumed: bool,
}
