//! Whether two candidate units tell one event: the rules, each with the
//! similarity it asks for, and the line that says why a pair was joined.

use super::{
    CLOSE_DAYS, MAX_DAYS, NEAR_DAYS, Pair, RARE_DF, Vectors, cosine, days_apart, is_name,
    is_rare_name,
};
use crate::events::signals::Unit;
use crate::events::words::Term;
use rustc_hash::FxHashSet as HashSet;

/// Similarity (cosine of tf-idf) needed within `NEAR_DAYS`, and beyond.
const NEAR_SIMILARITY: f32 = 0.22;
const FAR_SIMILARITY: f32 = 0.3;
/// A person both units name (first and last name, the surname used alone) is the
/// strongest sign of one incident: follow-ups months later (an arrest, a trial)
/// name the victim and the suspect again. Similarity needed then, near and far.
const PERSON_NEAR_SIMILARITY: f32 = 0.1;
const PERSON_FAR_SIMILARITY: f32 = 0.15;
/// Similarity that, with a person both units name, joins them however far apart:
/// a trial years later, or a name used in several bursts (the shooting, the
/// arrest, the verdict) that the burst test takes for a place's. Officials
/// (a police chief, a mayor) are named in many incidents, never with texts
/// this alike.
const PERSON_STRONG_SIMILARITY: f32 = 0.3;
/// Within the month, this many rare names of two words both reports use (the
/// victims, the gunman, the street; not a place either names) tell one incident
/// however differently the rest is told: a vigil's page, a fund-raiser's.
const MANY_NAMES: usize = 3;
/// Similarity needed then: anything beyond chance.
const MANY_NAMES_SIMILARITY: f32 = 0.1;
/// Similarity needed within `CLOSE_DAYS`, with a name both use.
const CLOSE_SIMILARITY: f32 = 0.2;
/// Similarity needed, with two rare names, to join reports placed in places that
/// differ.
const PLACES_DIFFER_SIMILARITY: f32 = 0.25;
/// Similarity of the headlines and opening paragraphs alone that joins reports
/// that close without a name: two ledes that tell the same thing, on pages whose
/// sidebars and background pull the whole texts apart.
pub(super) const LEDE_SIMILARITY: f32 = 0.25;
/// A name at most this many units use, and at most one in `SCARCE_SHARE` of them
/// (so never in a folder of a few hundred reports or less, where every name is
/// that rare): within days, in one place, it joins two reports however
/// differently they are told — a victim's surname, a street, a family's.
const SCARCE_DF: usize = 3;
const SCARCE_SHARE: usize = 100;
/// Similarity needed with such a name: anything beyond chance.
const SCARCE_SIMILARITY: f32 = 0.05;

/// What two units share: their cosine similarity, the rare names both use, and
/// the names few units use that recur over the years (a town's, a hospital's).
struct Shared {
    score: f32,
    rare: Vec<u32>,
    local: Vec<u32>,
}

fn similarity(v: &Vectors, a: usize, b: usize) -> Shared {
    let (x, y) = (&v.weights[a], &v.weights[b]);
    let (mut i, mut j) = (0, 0);
    let mut shared = Shared {
        score: 0.0,
        rare: Vec::new(),
        local: Vec::new(),
    };
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared.score += x[i].1 * y[j].1;
                let t = x[i].0;
                if is_rare_name(v, t) {
                    shared.rare.push(t);
                } else if is_name(v, t) && v.df[t as usize] <= RARE_DF {
                    shared.local.push(t);
                }
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// How alike two units are, and the names few units use that both name (the
/// rare and the recurring ones), for saying why a pair was or was not joined.
pub(super) fn shared_names(v: &Vectors, a: usize, b: usize) -> (f32, Vec<String>) {
    let Shared { score, rare, local } = similarity(v, a, b);
    let mut names: Vec<String> = rare
        .iter()
        .chain(&local)
        .map(|&t| {
            v.names[t as usize]
                .trim_start_matches(['^', '@'])
                .to_string()
        })
        .collect();
    names.sort_by_key(|n| (std::cmp::Reverse(n.len()), n.clone()));
    names.dedup();
    (score, names)
}

/// True when two units are places on the map neither of which lies within what
/// the other names.
fn places_differ(a: &Unit, b: &Unit) -> bool {
    match (&a.place, &b.place) {
        (Some(p), Some(q)) if a.mapped && b.mapped => {
            !b.places.contains(p) && !a.places.contains(q)
        }
        _ => false,
    }
}

/// True when two units share no name of two words (a person, a street, a venue)
/// while each names such things of its own: two incidents in one town, each
/// told with its own people and streets.
/// A hospital, a court or a police department both name is no name of theirs:
/// it serves every incident in town.
fn apart(v: &Vectors, shared: &[u32], a: usize, b: usize) -> bool {
    let pair = |t: &u32| {
        let name = &v.names[*t as usize];
        name.contains(' ') && !institution(name)
    };
    !shared.iter().any(pair) && v.own_pairs[a] && v.own_pairs[b]
}

/// True for a name of two words either of which is an institution's.
fn institution(name: &str) -> bool {
    name.trim_start_matches(['^', '@'])
        .split(' ')
        .any(|w| crate::events::words::INSTITUTIONS.contains(&w))
}

/// True when each opening names a rare pair of words (a victim, a street) the
/// other does not: two incidents told in one house style, which alike openings
/// alone must not join.
fn ledes_apart(v: &Vectors, a: usize, b: usize) -> bool {
    let pairs = |u: usize| {
        v.ledes[u]
            .iter()
            .map(|(t, _)| *t)
            .filter(|&t| v.df[t as usize] <= RARE_DF && v.names[t as usize].contains(' '))
            .collect::<Vec<u32>>()
    };
    let (x, y) = (pairs(a), pairs(b));
    !x.is_empty() && !y.is_empty() && !x.iter().any(|t| y.contains(t))
}

/// True when each unit names a two-word name (a person, a street, a venue) and
/// they share none, whether or not other units use them. An institution's or
/// an agency's name, or one holding a place the unit names ("Kentucky State",
/// "Harlan County"), is no name of an incident's own: two reports of one
/// incident that name different agencies are not two incidents.
fn own_names_each(a: &Unit, b: &Unit) -> bool {
    fn pairs(u: &Unit) -> HashSet<&str> {
        u.terms
            .iter()
            .filter(|t| t.contains(' ') && !t.starts_with('@') && !incidental(t, u))
            .map(Term::as_str)
            .collect()
    }
    let (x, y) = (pairs(a), pairs(b));
    !x.is_empty() && !y.is_empty() && x.is_disjoint(&y)
}

/// True for a two-word name that serves every incident of its area: an
/// institution's, an agency's, or one holding a place the unit names.
fn incidental(name: &str, u: &Unit) -> bool {
    institution(name)
        || name
            .trim_start_matches(['^', '@'])
            .split(' ')
            .any(|w| crate::events::words::AGENCIES.contains(&w) || names_place(u, w))
}

/// The shared rare names, not places either unit names, that at most
/// [`SCARCE_DF`] units use in a corpus large enough for that to be telling.
fn scarce_names(v: &Vectors, rare: &[u32], a: &Unit, b: &Unit) -> Vec<u32> {
    let most = SCARCE_DF.min(v.n / SCARCE_SHARE);
    rare.iter()
        .copied()
        .filter(|&t| v.df[t as usize] <= most && !places_either(v, t, a, b))
        .collect()
}

/// True when a name is a place either unit names, or a word of one.
fn places_either(v: &Vectors, t: u32, a: &Unit, b: &Unit) -> bool {
    let word = v.names[t as usize].trim_start_matches(['^', '@']);
    names_place(a, word) || names_place(b, word)
}

/// True when the unit gives a word as the last of a two-word name: "Desmond
/// Okafor" makes "Okafor" a person's.
fn is_surname(u: &Unit, word: &str) -> bool {
    u.terms.iter().any(|t| {
        t.contains(' ')
            && t.rsplit(' ')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(word))
    })
}

/// True when a term is a place the unit names, or a word of one.
fn names_place(u: &Unit, term: &str) -> bool {
    u.places.iter().any(|p| names_word(p, term))
}

/// True when a term is a place's name or a word of it.
fn names_word(place: &str, term: &str) -> bool {
    place.eq_ignore_ascii_case(term)
        || crate::events::words::words(place).any(|w| w.eq_ignore_ascii_case(term))
}

/// An accepted pair: similarity and a line saying why.
pub(super) struct Edge {
    /// The two units, by index, the lower first.
    pub a: usize,
    pub b: usize,
    /// How alike they are (of their texts, or of their openings).
    pub score: f32,
    /// Accepted on a person both name and texts alike, at any distance.
    pub person: bool,
    /// Accepted on the looser evidence of openings alike or a scarce name
    /// alone: joined only after every pair the main rules accept.
    pub weak: bool,
}

/// Why a candidate pair was judged apart: the rule that turned it away.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Apart {
    /// Two sections of one source.
    OneSource,
    /// Their kinds of event differ.
    Kinds,
    /// Each is placed in a place the other does not name, and the evidence
    /// that outweighs that (two rare names and texts alike within weeks, or
    /// the far rule's) is missing.
    Places,
    /// More than `MAX_DAYS` apart, with no person both name and texts alike.
    TooFar,
    /// Each names people or streets of its own, and they share none.
    OwnNames,
    /// They share no name few units use, within days (a town's counts then).
    NoName,
    /// Not alike enough: how alike they are, and what the rule asks for.
    Unalike { score: f32, needed: f32 },
    /// Months apart, fewer than three rare names of their own in common.
    FewNames,
}

impl std::fmt::Display for Apart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Apart::OneSource => write!(f, "two parts of one source"),
            Apart::Kinds => write!(f, "they tell of different kinds of event"),
            Apart::Places => write!(
                f,
                "each is placed where the other names no place of it, and they lack what \
                 outweighs that (within {NEAR_DAYS} days: two rare names and texts \
                 {PLACES_DIFFER_SIMILARITY:.2} alike)"
            ),
            Apart::TooFar => write!(
                f,
                "over {MAX_DAYS} days apart, without a person both name and texts \
                 {PERSON_STRONG_SIMILARITY:.2} alike"
            ),
            Apart::OwnNames => write!(
                f,
                "each names people or streets of its own, and they share none"
            ),
            Apart::NoName => write!(f, "no name few reports use that both name"),
            Apart::Unalike { score, needed } => {
                write!(f, "{score:.2} alike where the rule asks for {needed:.2}")
            }
            Apart::FewNames => write!(
                f,
                "over {NEAR_DAYS} days apart, fewer than 3 rare names of their own in common"
            ),
        }
    }
}

/// What a rule asks of a pair: enough likeness, and no other reason apart.
fn rule(score: f32, needed: f32, apart: Option<Apart>) -> Result<(), Apart> {
    match apart {
        Some(why) => Err(why),
        None if score >= needed => Ok(()),
        None => Err(Apart::Unalike { score, needed }),
    }
}

/// Whether two candidate units tell one event: the accepted pair and a line
/// saying why, or the rule that turned them away.
pub(super) fn judge(
    units: &[Unit],
    v: &Vectors,
    duplicates: &HashSet<Pair>,
    a: usize,
    b: usize,
) -> Result<(Edge, String), Apart> {
    let (ua, ub) = (&units[a], &units[b]);
    // Different kinds of event are never one.
    if ua.source == ub.source {
        return Err(Apart::OneSource);
    }
    if !ua.kinds_agree(ub) {
        return Err(Apart::Kinds);
    }
    let days = days_apart(ua, ub);
    let near = days.is_none_or(|d| d <= NEAR_DAYS);
    let close = days.is_some_and(|d| d <= CLOSE_DAYS);
    let Shared { score, rare, local } = similarity(v, a, b);
    // The looser rules below ask for the person to be given as one in this
    // very pair; the strong one, for a person by the corpus's account.
    let person = rare.iter().any(|&t| v.names[t as usize].starts_with('@'));
    let someone = |t: &u32| v.person[*t as usize];
    let strong_person = score >= PERSON_STRONG_SIMILARITY
        && (rare.iter().any(someone) || local.iter().any(someone));
    // The rare names that are not the places either report names.
    let own = |ua: &Unit, ub: &Unit| {
        rare.iter()
            .filter(|&&t| !places_either(v, t, ua, ub))
            .count()
    };
    let mut names = rare.clone();
    let mut score = score;
    let mut alike = "alike";
    let verdict = if places_differ(ua, ub) {
        // A report's place is the one it names most, which can be the gunman's
        // home town or an earlier attack it recalls: within weeks, two rare
        // names (a person, a street) and texts alike outweigh it.
        let pair = rare.iter().any(|&t| v.names[t as usize].contains(' '));
        let strong = days.is_some_and(|d| d <= NEAR_DAYS)
            && rare.len() >= 2
            && pair
            && score >= PLACES_DIFFER_SIMILARITY;
        // Months later an arrest or a trial is told from where it happens (the
        // town the accused was caught in, his home town): the far rule's
        // evidence, with two names of two words both repeat, outweighs it.
        let pairs = rare
            .iter()
            .filter(|&&t| {
                let name = &v.names[t as usize];
                name.contains(' ') && !name.starts_with('@') && !places_either(v, t, ua, ub)
            })
            .count();
        // A person both name, with texts this alike, outweighs it at any
        // distance: a trial moved to another county, a verdict years on.
        let strong = strong
            || strong_person
            || (days.is_some_and(|d| d <= MAX_DAYS)
                && pairs >= 2
                && score >= FAR_SIMILARITY
                && own(ua, ub) >= 3);
        if strong {
            alike = "alike, told from two places";
            Ok(())
        } else {
            Err(Apart::Places)
        }
    } else if duplicates.contains(&(a, b)) {
        Ok(())
    } else if strong_person {
        if !person {
            names.extend(local.iter().filter(|t| someone(t)));
        }
        Ok(())
    } else if days.is_some_and(|d| d > MAX_DAYS) {
        Err(Apart::TooFar)
    } else if person {
        let needed = if near {
            PERSON_NEAR_SIMILARITY
        } else {
            PERSON_FAR_SIMILARITY
        };
        rule(score, needed, None)
    } else if close && score >= CLOSE_SIMILARITY {
        // Within days, a town's name counts as much as a street's — but not
        // when each report names people or streets of its own and they share
        // none: two incidents in one city on one weekend.
        names.extend(&local);
        let pair = names.iter().any(|&t| v.names[t as usize].contains(' '));
        if names.is_empty() {
            Err(Apart::NoName)
        } else if apart(v, &names, a, b) || (!pair && own_names_each(ua, ub)) {
            Err(Apart::OwnNames)
        } else {
            Ok(())
        }
    } else if near {
        // Weeks apart, the town two reports name says nothing when each
        // names people or streets of its own: a city has another shooting
        // within the month. Reports that name no one still join on it.
        let named = own(ua, ub) > 0 || (!rare.is_empty() && !own_names_each(ua, ub));
        let pairs = rare
            .iter()
            .filter(|&&t| v.names[t as usize].contains(' ') && !places_either(v, t, ua, ub))
            .count();
        let reason = if rare.is_empty() {
            Some(Apart::NoName)
        } else if !named || apart(v, &rare, a, b) {
            Some(Apart::OwnNames)
        } else {
            None
        };
        let many = pairs >= MANY_NAMES && score >= MANY_NAMES_SIMILARITY;
        if many {
            Ok(())
        } else {
            rule(score, NEAR_SIMILARITY, reason)
        }
    } else {
        // Months apart, a follow-up names the people, streets and venues of
        // the incident again.
        let reason = (own(ua, ub) < 3).then_some(Apart::FewNames);
        rule(score, FAR_SIMILARITY, reason)
    };
    let lede = cosine(&v.ledes[a], &v.ledes[b]);
    let verdict = verdict.or_else(|why| {
        let by_lede = close
            && !places_differ(ua, ub)
            && lede >= LEDE_SIMILARITY
            && !apart(v, &rare, a, b)
            && !ledes_apart(v, a, b);
        if by_lede {
            score = lede;
            alike = "openings alike";
            Ok(())
        } else {
            Err(why)
        }
    });
    let mut by_scarce_name = false;
    let verdict = verdict.or_else(|why| {
        // One such word alone may be a town no gazetteer lists: unless one
        // report gives it as a surname, it does not join reports that each
        // name people or streets of their own.
        let scarce = scarce_names(v, &rare, ua, ub);
        let telling = scarce.len() >= 2
            || scarce.iter().any(|&t| {
                let name = &v.names[t as usize];
                let word = name.trim_start_matches(['^', '@']);
                name.contains(' ') || is_surname(ua, word) || is_surname(ub, word)
            })
            || (!scarce.is_empty() && !own_names_each(ua, ub));
        let by_scarce = close && !places_differ(ua, ub) && score >= SCARCE_SIMILARITY && telling;
        if by_scarce {
            by_scarce_name = true;
            names = scarce;
            Ok(())
        } else {
            Err(why)
        }
    });
    verdict?;
    let mut named: Vec<&str> = names
        .iter()
        .map(|&t| v.names[t as usize].trim_start_matches(['^', '@']))
        .collect();
    named.sort_by_key(|n| (std::cmp::Reverse(n.len()), *n));
    named.dedup();
    named.truncate(4);
    let why = format!(
        "{} + {}: {:.2} {alike}{}{}",
        ua.name(),
        ub.name(),
        score,
        if named.is_empty() {
            String::new()
        } else {
            format!("; both name {}", named.join(", "))
        },
        match days {
            None => String::new(),
            Some(0) => "; same day".to_string(),
            Some(1) => "; 1 day apart".to_string(),
            Some(d) => format!("; {d} days apart"),
        }
    );
    Ok((
        Edge {
            a,
            b,
            score,
            person: strong_person,
            weak: alike == "openings alike" || by_scarce_name,
        },
        why,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(terms: &[&str], places: &[&str]) -> Unit {
        Unit {
            source: "s".to_string(),
            span: None,
            kind: Some(0),
            kind_counts: vec![1],
            place: places.first().map(|p| p.to_string()),
            places: places.iter().map(|p| p.to_string()).collect(),
            mapped: true,
            date: None,
            terms: terms.iter().map(|t| crate::claim::vocab::word(t)).collect(),
            lede: Vec::new().into(),
            copy: None,
            lang: "en".to_string(),
        }
    }

    #[test]
    fn agencies_and_places_are_no_names_of_an_incidents_own() {
        // One toddler's shooting: state police in one report, the county
        // sheriff's office in the other; no person in common.
        let a = unit(&["kentucky state", "shane jacobs"], &["Harlan", "Kentucky"]);
        let b = unit(
            &["harlan county", "travis caudill"],
            &["Harlan", "Kentucky"],
        );
        assert!(own_names_each(&a, &b), "each names a person of its own");
        let a = unit(&["kentucky state", "state police"], &["Harlan", "Kentucky"]);
        let b = unit(
            &["harlan county", "highway patrol"],
            &["Harlan", "Kentucky"],
        );
        assert!(!own_names_each(&a, &b), "agencies and places name no one");
        assert!(incidental("national guard", &a));
        assert!(incidental("^harlan county", &b));
        assert!(!incidental("travis caudill", &b));
    }
}
