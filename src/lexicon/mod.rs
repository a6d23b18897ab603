//! The words claimdiff knows: metrics, subjects, places, qualifiers and units.
//!
//! A default lexicon is built in (`default.toml` beside this file); a project can
//! add place and subject aliases in `claimdiff.toml`. Everything here is data;
//! the grammar that uses it lives in `extract`.

pub mod lang;
mod phrases;

use crate::claim::{Metric, Qualifier, Subject};
use crate::error::{Error, Result};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

pub use phrases::{PhraseSet, Word, normalize_words, word_key};

const DEFAULT: &str = include_str!("default.toml");
const PLACES: &str = include_str!("places.toml");
/// More places, each listed under the country or state it lies in.
const REGIONS: &str = include_str!("regions.toml");

/// What a metric's figures may do as time passes: the rule the comparator applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Only grows (tolls, detentions, damage); a fall needs a stated revision.
    Cumulative,
    /// How many are in a state now (missing, displaced, hospitalized): may rise and fall.
    Stock,
    /// The size of one moment (a crowd): figures are compared only for the same date.
    Estimate,
}

impl Rule {
    /// The name used in the lexicon and the README.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Cumulative => "cumulative",
            Rule::Stock => "stock",
            Rule::Estimate => "estimate",
        }
    }
}

/// One metric: its name, its rule over time, and the words that state it.
#[derive(Debug, Clone)]
pub struct MetricDef {
    /// Canonical name.
    pub name: Metric,
    /// What its figures may do over time.
    pub rule: Rule,
    /// True when figures are sums of money.
    pub money: bool,
}

/// One subject and its parent in the hierarchy.
#[derive(Debug, Clone)]
pub struct SubjectDef {
    /// Canonical name.
    pub name: Subject,
    /// The subject this one is a part of.
    pub parent: Option<Subject>,
}

/// One place and its parent (a city's country).
#[derive(Debug, Clone)]
pub struct PlaceDef {
    /// Canonical name.
    pub name: String,
    /// True for countries.
    pub country: bool,
    /// The place that contains this one.
    pub parent: Option<String>,
    /// The capital's canonical name, for countries.
    pub capital: Option<String>,
    /// True for a country, state or province: what news names after a town
    /// ("Kahuku, Hawaii", "Mingora, Pakistan").
    pub region: bool,
}

/// A reference to a place that depends on the document ("the country").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceRef {
    /// A named place: index into [`Lexicon::places`].
    Named(usize),
    /// The document's main country.
    Country,
    /// The document's main city.
    City,
    /// The capital of the document's main country.
    Capital,
}

/// Why a number is not a count, when the noun after it says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCount {
    /// "180 days"
    Duration,
    /// "40 percent"
    Percent,
    /// "16 px"
    Furniture,
    /// "a country of 40 million"
    Population,
}

/// The loaded lexicon with its phrase matchers.
#[derive(Debug)]
pub struct Lexicon {
    /// Metrics, in declaration order.
    pub metrics: Vec<MetricDef>,
    /// Subjects, in declaration order; the first is the catch-all ("people").
    pub subjects: Vec<SubjectDef>,
    /// Places.
    pub places: Vec<PlaceDef>,
    /// Terms that state a metric → index into `metrics`.
    pub metric_terms: PhraseSet<usize>,
    /// Terms that are a count of people by themselves ("death toll") → metric index.
    pub toll_terms: PhraseSet<usize>,
    /// Terms that name people → index into `subjects`.
    pub subject_terms: PhraseSet<usize>,
    /// Place names and document-relative references.
    pub place_terms: PhraseSet<PlaceRef>,
    /// A state's short forms as written after a town ("La.", "N.C.", "TX") →
    /// index into `places`. Matched only there: alone, "La." and "IN" are words.
    pub region_abbreviations: FxHashMap<String, usize>,
    /// Hedges before a figure.
    pub qualifiers: PhraseSet<Qualifier>,
    /// Vague quantities → interval.
    pub vague: PhraseSet<(f64, f64)>,
    /// Currency words before a figure → unit.
    pub unit_before: PhraseSet<String>,
    /// Currency words after a figure → unit.
    pub unit_after: PhraseSet<String>,
    /// Reporting verbs after a speaker.
    pub attribution_verbs: PhraseSet<()>,
    /// Phrases before a speaker.
    pub attribution_before: PhraseSet<()>,
    /// Sources too generic to name.
    pub attribution_generic: PhraseSet<()>,
    /// Phrases that refer back to the previous sentence's figure.
    pub anaphors: PhraseSet<()>,
    /// Nouns after a number that make it something other than a count.
    pub not_counts: PhraseSet<NotCount>,
    /// Phrases before a number that make it a population.
    pub population_before: PhraseSet<()>,
    /// Street types: "12 Abay Avenue" is an address.
    pub streets: PhraseSet<()>,
    /// Phrases before a figure that make it one a later figure replaced.
    pub superseded: PhraseSet<()>,
    /// Words in a claim that make it a count of one group or spot.
    pub parts: PhraseSet<()>,
    // Fx, not SipHash: extraction looks places up near every figure.
    place_index: FxHashMap<String, usize>,
    subject_index: FxHashMap<Subject, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    metric: Vec<RawMetric>,
    subject: Vec<RawSubject>,
    qualifiers: BTreeMap<String, Vec<String>>,
    vague: BTreeMap<String, (f64, f64)>,
    unit: Vec<RawUnit>,
    place_refs: RawPlaceRefs,
    attribution: RawAttribution,
    anaphors: Vec<String>,
    superseded: Vec<String>,
    parts: RawParts,
    not_counts: RawNotCounts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParts {
    groups: Vec<String>,
    spots: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetric {
    name: String,
    rule: Rule,
    #[serde(default)]
    money: bool,
    terms: Vec<String>,
    #[serde(default)]
    toll_terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubject {
    name: String,
    #[serde(default)]
    parent: Option<String>,
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    name: String,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaceRefs {
    country: Vec<String>,
    city: Vec<String>,
    capital: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaces {
    place: Vec<RawPlace>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    name: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    capital: Option<String>,
    aliases: Vec<String>,
    /// Short forms used only after a town ("Shreveport, La."), never alone.
    #[serde(default)]
    abbreviations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttribution {
    verbs: Vec<String>,
    before: Vec<String>,
    generic: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotCounts {
    duration: Vec<String>,
    percent: Vec<String>,
    furniture: Vec<String>,
    population: Vec<String>,
    street: Vec<String>,
}

/// Extra aliases a project declares in `claimdiff.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    /// Alias → canonical place name (which must exist in the lexicon, or is created).
    pub places: BTreeMap<String, String>,
    /// Alias → canonical subject name.
    pub subjects: BTreeMap<String, String>,
}

impl Lexicon {
    /// The built-in lexicon, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::from_toml(
                DEFAULT,
                &Aliases::default(),
                Path::new("<built-in lexicon>"),
            )
            .expect("the built-in lexicon is valid TOML; a unit test checks it")
        })
    }

    /// The built-in lexicon with a project's aliases added.
    pub fn with_aliases(aliases: &Aliases) -> Result<Lexicon> {
        Lexicon::from_toml(DEFAULT, aliases, Path::new("<built-in lexicon>"))
    }

    fn from_toml(text: &str, aliases: &Aliases, path: &Path) -> Result<Lexicon> {
        let raw: RawLexicon =
            toml::from_str(text).map_err(|e| crate::error::from_toml(path, text, 0, &e))?;
        let places: RawPlaces = toml::from_str(PLACES).map_err(|e| {
            crate::error::from_toml(Path::new("<built-in gazetteer>"), PLACES, 0, &e)
        })?;
        let mut lex = Lexicon {
            metrics: Vec::new(),
            subjects: Vec::new(),
            places: Vec::new(),
            metric_terms: PhraseSet::default(),
            toll_terms: PhraseSet::default(),
            subject_terms: PhraseSet::default(),
            place_terms: PhraseSet::default(),
            region_abbreviations: FxHashMap::default(),
            qualifiers: PhraseSet::default(),
            vague: PhraseSet::default(),
            unit_before: PhraseSet::default(),
            unit_after: PhraseSet::default(),
            attribution_verbs: PhraseSet::default(),
            attribution_before: PhraseSet::default(),
            attribution_generic: PhraseSet::default(),
            anaphors: PhraseSet::default(),
            not_counts: PhraseSet::default(),
            population_before: PhraseSet::default(),
            streets: PhraseSet::default(),
            superseded: PhraseSet::default(),
            parts: PhraseSet::default(),
            place_index: FxHashMap::default(),
            subject_index: FxHashMap::default(),
        };
        for (i, m) in raw.metric.iter().enumerate() {
            lex.metrics.push(MetricDef {
                name: Metric(m.name.as_str().into()),
                rule: m.rule,
                money: m.money,
            });
            m.terms.iter().for_each(|t| lex.metric_terms.insert(t, i));
            m.toll_terms
                .iter()
                .for_each(|t| lex.toll_terms.insert(t, i));
        }
        for (i, s) in raw.subject.iter().enumerate() {
            let name = Subject(s.name.as_str().into());
            lex.subject_index.insert(name.clone(), i);
            lex.subjects.push(SubjectDef {
                name,
                parent: s.parent.as_deref().map(|p| Subject(p.into())),
            });
            s.terms.iter().for_each(|t| lex.subject_terms.insert(t, i));
            // "a firefighter", "one officer": the singular of each plural names one.
            for t in &s.terms {
                if let Some(one) = singular(t) {
                    lex.subject_terms.insert(&one, i);
                }
            }
        }
        for (alias, canonical) in &aliases.subjects {
            let Some(&i) = lex.subject_index.get(&Subject(canonical.as_str().into())) else {
                return Err(Error::new(format!(
                    "subject alias {alias:?} names an unknown subject {canonical:?}"
                ))
                .with_hint(format!(
                    "known subjects: {}",
                    lex.subject_names().join(", ")
                )));
            };
            lex.subject_terms.insert(alias, i);
        }
        for (name, words) in &raw.qualifiers {
            let q: Qualifier =
                serde::Deserialize::deserialize(serde::de::value::StrDeserializer::<
                    serde::de::value::Error,
                >::new(name))
                .map_err(|_| Error::new(format!("unknown qualifier {name:?} in the lexicon")))?;
            words.iter().for_each(|w| lex.qualifiers.insert(w, q));
        }
        for (words, range) in &raw.vague {
            lex.vague.insert(words, *range);
        }
        for u in &raw.unit {
            u.before
                .iter()
                .for_each(|w| lex.unit_before.insert(w, u.name.clone()));
            u.after
                .iter()
                .for_each(|w| lex.unit_after.insert(w, u.name.clone()));
        }
        raw.place_refs
            .country
            .iter()
            .for_each(|w| lex.place_terms.insert(w, PlaceRef::Country));
        raw.place_refs
            .city
            .iter()
            .for_each(|w| lex.place_terms.insert(w, PlaceRef::City));
        raw.place_refs
            .capital
            .iter()
            .for_each(|w| lex.place_terms.insert(w, PlaceRef::Capital));
        for p in &places.place {
            let i = lex.places.len();
            lex.place_index.insert(p.name.clone(), i);
            lex.places.push(PlaceDef {
                name: p.name.clone(),
                country: p.kind.as_deref() == Some("country"),
                parent: p.parent.clone(),
                capital: p.capital.clone(),
                region: matches!(p.kind.as_deref(), Some("country" | "state")),
            });
            for a in &p.abbreviations {
                lex.region_abbreviations.insert(a.clone(), i);
            }
            lex.place_terms.insert(&p.name, PlaceRef::Named(i));
            p.aliases
                .iter()
                .for_each(|a| lex.place_terms.insert(a, PlaceRef::Named(i)));
        }
        let regions: std::collections::BTreeMap<String, Vec<String>> = toml::from_str(REGIONS)
            .map_err(|e| {
                crate::error::from_toml(Path::new("<built-in gazetteer>"), REGIONS, 0, &e)
            })?;
        for (parent, names) in &regions {
            for entry in names {
                let mut spellings = entry.split('|');
                let name = spellings.next().unwrap_or_default().to_string();
                if name.is_empty() || lex.place_index.contains_key(&name) {
                    continue;
                }
                let i = lex.places.len();
                lex.place_index.insert(name.clone(), i);
                lex.places.push(PlaceDef {
                    name: name.clone(),
                    country: false,
                    parent: Some(parent.clone()),
                    capital: None,
                    region: false,
                });
                lex.place_terms.insert(&name, PlaceRef::Named(i));
                spellings.for_each(|a| lex.place_terms.insert(a, PlaceRef::Named(i)));
            }
        }
        for (alias, canonical) in &aliases.places {
            let i = match lex.place_index.get(canonical) {
                Some(&i) => i,
                None => {
                    // A project may name places the gazetteer lacks: they become new places.
                    let i = lex.places.len();
                    lex.place_index.insert(canonical.clone(), i);
                    lex.places.push(PlaceDef {
                        name: canonical.clone(),
                        country: false,
                        parent: None,
                        capital: None,
                        region: false,
                    });
                    lex.place_terms.insert(canonical, PlaceRef::Named(i));
                    i
                }
            };
            lex.place_terms.insert(alias, PlaceRef::Named(i));
        }
        raw.attribution
            .verbs
            .iter()
            .for_each(|w| lex.attribution_verbs.insert(w, ()));
        raw.attribution
            .before
            .iter()
            .for_each(|w| lex.attribution_before.insert(w, ()));
        raw.attribution
            .generic
            .iter()
            .for_each(|w| lex.attribution_generic.insert(w, ()));
        raw.anaphors.iter().for_each(|w| lex.anaphors.insert(w, ()));
        let nc = &raw.not_counts;
        nc.duration
            .iter()
            .for_each(|w| lex.not_counts.insert(w, NotCount::Duration));
        nc.percent
            .iter()
            .for_each(|w| lex.not_counts.insert(w, NotCount::Percent));
        nc.furniture
            .iter()
            .for_each(|w| lex.not_counts.insert(w, NotCount::Furniture));
        nc.population
            .iter()
            .for_each(|w| lex.population_before.insert(w, ()));
        nc.street.iter().for_each(|w| lex.streets.insert(w, ()));
        raw.superseded
            .iter()
            .for_each(|w| lex.superseded.insert(w, ()));
        raw.parts
            .groups
            .iter()
            .chain(&raw.parts.spots)
            .for_each(|w| lex.parts.insert(w, ()));
        Ok(lex)
    }

    /// The definition of a metric by name.
    pub fn metric(&self, name: &Metric) -> Option<&MetricDef> {
        self.metrics.iter().find(|m| &m.name == name)
    }

    /// The rule over time for a metric; one the lexicon does not know is cumulative,
    /// the strictest reading.
    pub fn rule(&self, name: &Metric) -> Rule {
        self.metric(name).map_or(Rule::Cumulative, |m| m.rule)
    }

    /// The definition of a place by canonical name.
    pub fn place(&self, name: &str) -> Option<&PlaceDef> {
        self.place_index.get(name).map(|&i| &self.places[i])
    }

    /// Canonical subject names, for messages.
    pub fn subject_names(&self) -> Vec<String> {
        self.subjects.iter().map(|s| s.name.0.to_string()).collect()
    }

    /// A place and every place that contains it, innermost first: Almaty, Kazakhstan.
    pub fn place_chain(&self, place: &str) -> Vec<String> {
        let mut chain = vec![place.to_string()];
        while let Some(parent) = self
            .place(chain.last().expect("never empty"))
            .and_then(|d| d.parent.clone())
        {
            if chain.contains(&parent) || chain.len() > 16 {
                break;
            }
            chain.push(parent);
        }
        chain
    }

    /// A subject and every subject it is part of: security_forces, people.
    pub fn subject_chain(&self, subject: &Subject) -> Vec<Subject> {
        let mut chain = vec![subject.clone()];
        while let Some(parent) = self
            .subject_index
            .get(chain.last().expect("never empty"))
            .and_then(|&i| self.subjects[i].parent.clone())
        {
            if chain.contains(&parent) || chain.len() > 16 {
                break;
            }
            chain.push(parent);
        }
        chain
    }

    /// True when `part` is `whole` or lies inside it (Almaty ⊂ Kazakhstan).
    pub fn place_within(&self, part: &str, whole: &str) -> bool {
        // The walk `place_chain` makes, without building the chain: extraction
        // asks this for every place near every figure.
        let mut place = part;
        for _ in 0..=16 {
            if place == whole {
                return true;
            }
            match self.place(place).and_then(|d| d.parent.as_deref()) {
                Some(parent) => place = parent,
                None => return false,
            }
        }
        false
    }

    /// True when `part` is `whole` or a subgroup of it (security_forces ⊂ people).
    pub fn subject_within(&self, part: &Subject, whole: &Subject) -> bool {
        self.subject_chain(part).contains(whole)
    }

    /// The catch-all subject ("people").
    pub fn everyone(&self) -> &Subject {
        &self.subjects[0].name
    }
}

/// The singular of a plural person noun ("firefighters" → "firefighter"); `None`
/// for words whose singular names no one person or something else ("lives",
/// "families", "others").
fn singular(term: &str) -> Option<String> {
    const KEEP: &[&str] = &[
        "lives", "families", "others", "bodies", "forces", "gangs", "humans",
    ];
    let last = term.rsplit(' ').next()?;
    if KEEP.contains(&last) || last.len() < 5 || last.ends_with("ss") || !last.ends_with('s') {
        return None;
    }
    let stem = if let Some(s) = last.strip_suffix("ies") {
        format!("{s}y")
    } else {
        last[..last.len() - 1].to_string()
    };
    Some(format!("{}{stem}", &term[..term.len() - last.len()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_metric_has_its_rule_over_time() {
        let lex = Lexicon::builtin();
        let rule = |m: &str| lex.rule(&Metric(m.into()));
        for m in ["killed", "injured", "detained", "casualties", "damage"] {
            assert_eq!(rule(m), Rule::Cumulative, "{m}");
        }
        for m in ["missing", "displaced", "hospitalized"] {
            assert_eq!(rule(m), Rule::Stock, "{m}");
        }
        assert_eq!(rule("participants"), Rule::Estimate);
        // A metric the lexicon does not know gets the strictest reading.
        assert_eq!(rule("evacuated_pets"), Rule::Cumulative);
    }

    #[test]
    fn singulars_of_person_nouns() {
        assert_eq!(singular("firefighters").as_deref(), Some("firefighter"));
        assert_eq!(
            singular("police officers").as_deref(),
            Some("police officer")
        );
        assert_eq!(singular("casualties").as_deref(), Some("casualty"));
        assert_eq!(singular("lives"), None);
        assert_eq!(singular("families"), None);
    }

    #[test]
    fn builtin_lexicon_parses_and_knows_the_hierarchies() {
        let lex = Lexicon::builtin();
        assert!(lex.place_within("Almaty", "Kazakhstan"));
        assert!(!lex.place_within("Kazakhstan", "Almaty"));
        assert!(lex.subject_within(&Subject("security_forces".into()), lex.everyone()));
        assert_eq!(lex.everyone().0, "people");
    }

    #[test]
    fn every_region_lies_in_a_known_place_and_reaches_a_country() {
        let lex = Lexicon::builtin();
        let regions: std::collections::BTreeMap<String, Vec<String>> =
            toml::from_str(REGIONS).unwrap();
        for (parent, names) in &regions {
            assert!(lex.place(parent).is_some(), "unknown parent {parent}");
            for entry in names {
                let name = entry.split('|').next().unwrap();
                let country = lex
                    .places
                    .iter()
                    .filter(|p| p.country)
                    .any(|c| lex.place_within(name, &c.name) && c.name != name);
                assert!(country, "{name} reaches no country");
            }
        }
        assert!(lex.place_within("Swat Valley", "Pakistan"));
        assert!(lex.place_within("Mingora", "Pakistan"));
        assert!(lex.place_within("Katowice", "Poland"));
    }

    #[test]
    fn unknown_subject_alias_is_an_error_listing_the_valid_ones() {
        let aliases = Aliases {
            subjects: [("cops".to_string(), "polis".to_string())].into(),
            ..Aliases::default()
        };
        let err = Lexicon::with_aliases(&aliases).unwrap_err().to_string();
        assert!(
            err.contains("polis") && err.contains("security_forces"),
            "{err}"
        );
    }
}
