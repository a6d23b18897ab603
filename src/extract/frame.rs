//! The frame around a figure: what it counts (metric), whom (subject), where
//! (place), as of when, and who gave it (attribution).

use super::numbers::Figure;
use super::tokens::{Kind, Sentence, Tokens};
use crate::corpus::dates;
use crate::lexicon::{Lexicon, PlaceRef};
use chrono::{Datelike, Duration, NaiveDate};

/// How many tokens either side of a figure its date, place and source are looked
/// for within its sentence; it bounds the work on run-on text.
const WINDOW: usize = 60;

/// Words that end a noun phrase after a figure: auxiliaries and relatives.
const NP_STOP: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "be",
    "being",
    "will",
    "would",
    "could",
    "may",
    "might",
    "who",
    "which",
    "that",
    "whom",
    "remain",
    "remained",
    "remains",
    "reportedly",
    "allegedly",
    "also",
    "already",
    "still",
    "now",
    "later",
    "got",
    "get",
];

/// Prepositions: after the head noun, the phrase that follows refines the subject.
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "at",
    "on",
    "from",
    "to",
    "with",
    "for",
    "by",
    "during",
    "after",
    "among",
    "across",
    "throughout",
    "near",
    "since",
    "as",
    "inside",
    "outside",
    "around",
    "over",
];

/// Words allowed between a noun phrase and the metric verb: "were reportedly killed".
const VERB_FILLER: &[&str] = &[
    "may",
    "might",
    "could",
    "would",
    "will",
    "feared",
    "believed",
    "thought",
    "likely",
    "remain",
    "remained",
    "remains",
    "still",
    "among",
    "those",
    "the",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "being",
    "be",
    "reportedly",
    "allegedly",
    "also",
    "already",
    "later",
    "subsequently",
    "now",
    "got",
    "get",
    "said",
    "to",
    "confirmed",
    "officially",
    "then",
    "since",
];

/// What the figure counts, read from the noun phrase after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counted {
    /// A person noun heads the phrase: "13 security officials", "four members of …".
    People {
        /// The most specific subject named in the phrase (index into the lexicon).
        subject: usize,
        /// One past the phrase's last token.
        end: usize,
        /// "one of the protesters": a part picked out of a group, never a crowd size.
        partitive: bool,
    },
    /// No noun: "13 were killed", "reached 164 on Sunday", "two of them".
    Elliptical {
        /// One past the figure (and any "of them").
        end: usize,
    },
    /// Some other noun heads the phrase: "2 markets", "13 checkpoints".
    Thing(String),
}

fn is_punct(t: &Tokens, i: usize) -> bool {
    t.toks[i].kind == Kind::Punct
}

/// Reads the noun phrase after a figure.
pub fn counted(t: &Tokens, fig: &Figure, sentence_end: usize, lex: &Lexicon) -> Counted {
    let lower = &t.lower;
    let mut j = fig.end;
    if j < sentence_end
        && lower[j] == "of"
        && lower
            .get(j + 1)
            .is_some_and(|w| matches!(w.as_str(), "them" | "whom" | "those" | "these"))
    {
        return Counted::Elliptical { end: j + 2 };
    }
    // "one of the protesters": a partitive before the head.
    let partitive = j < sentence_end
        && lower[j] == "of"
        && lower.get(j + 1).is_some_and(|w| w == "the")
        && !fig.vague;
    if partitive {
        j += 2;
    }
    let mut content_end = j;
    let (mut head_subject, mut complement_subject) = (None::<usize>, None::<usize>);
    let mut head_words: Vec<&str> = Vec::new();
    let mut in_complement = false;
    let limit = (fig.end + 10).min(sentence_end);
    while j < limit {
        let w = lower[j].as_str();
        if is_punct(t, j) || t.toks[j].kind == Kind::Number || NP_STOP.contains(&w) {
            break;
        }
        // "40 people wounded": after the head, a toll word is the metric, not a noun.
        if lex.metric_terms.starts_at(lower, j)
            && (head_subject.is_some() || !lex.subject_terms.starts_at(lower, j))
        {
            break;
        }
        if let Some((len, &s)) = lex.subject_terms.longest_at(lower, j) {
            // "extremist cells", "police vehicles": the person word only modifies a plural noun.
            let modifies = lower.get(j + len).is_some_and(|n| {
                j + len < sentence_end
                    && n.len() > 3
                    && n.ends_with('s')
                    && t.toks[j + len].kind == Kind::Word
                    && !lex.subject_terms.starts_at(lower, j + len)
                    && !lex.metric_terms.starts_at(lower, j + len)
                    && !NP_STOP.contains(&n.as_str())
            });
            if modifies && !in_complement {
                head_words.push(lower[j + len].as_str());
                break;
            }
            if in_complement {
                if s != 0 && complement_subject.is_none() {
                    complement_subject = Some(s);
                }
            } else if head_subject.is_none_or(|h| h == 0) {
                head_subject = Some(s);
            }
            j += len;
            content_end = j;
            continue;
        }
        if lex.metric_terms.starts_at(lower, j) {
            break;
        }
        if PREPOSITIONS.contains(&w) {
            if head_subject.is_none() {
                break;
            }
            in_complement = true;
        } else if w != "and" {
            if !in_complement && head_subject.is_none() {
                head_words.push(w);
            }
            content_end = j + 1;
        }
        j += 1;
    }
    match head_subject {
        Some(h) => {
            let subject = if h != 0 {
                h
            } else {
                complement_subject.unwrap_or(0)
            };
            Counted::People {
                subject,
                end: content_end,
                partitive,
            }
        }
        None if head_words.is_empty() => Counted::Elliptical { end: fig.end },
        None => Counted::Thing(head_words.last().copied().unwrap_or_default().to_string()),
    }
}

/// A metric stated near a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricHit {
    /// Index into the lexicon's metrics.
    pub metric: usize,
    /// First token of the term.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// True for a noun that is a count of people by itself ("the death toll").
    pub toll: bool,
}

/// The metric after the noun phrase: "13 security officials were killed".
pub fn metric_after(
    t: &Tokens,
    from: usize,
    sentence_end: usize,
    lex: &Lexicon,
) -> Option<MetricHit> {
    let lower = &t.lower;
    let mut j = from;
    let mut skipped = 0;
    while j < sentence_end && skipped <= 4 {
        if let Some((len, &m)) = lex.metric_terms.longest_at(lower, j) {
            let toll = lex.toll_terms.longest_at(lower, j).is_some();
            return Some(MetricHit {
                metric: m,
                start: j,
                end: j + len,
                toll,
            });
        }
        // An aside between the noun and its verb: "164 people, including three
        // children, had been killed"; "30 people (mostly students) were held".
        if let Some(after) = aside_end(t, j, sentence_end) {
            j = after;
            continue;
        }
        if is_punct(t, j) || !VERB_FILLER.contains(&lower[j].as_str()) {
            return None;
        }
        j += 1;
        skipped += 1;
    }
    None
}

/// Words that open an aside after a noun phrase.
const ASIDE_OPENERS: &[&str] = &[
    "including",
    "among",
    "mostly",
    "mainly",
    "many",
    "most",
    "some",
    "all",
    "both",
    "of",
    "according",
    "officials",
    "police",
    "the",
    "a",
];

/// If an aside opens at `j` (", including …," or "(…)"), the token after it.
fn aside_end(t: &Tokens, j: usize, sentence_end: usize) -> Option<usize> {
    let lower = &t.lower;
    let close = match lower.get(j).map(|w| w.as_str()) {
        Some(",")
            if lower
                .get(j + 1)
                .is_some_and(|w| ASIDE_OPENERS.contains(&w.as_str())) =>
        {
            ","
        }
        Some("(") => ")",
        _ => return None,
    };
    let end = (j + 1..sentence_end.min(j + 16)).find(|&k| lower[k] == close && is_punct(t, k))?;
    // The aside must leave a verb after it, or it was the end of the clause.
    (end + 1 < sentence_end).then_some(end + 1)
}

/// The nearest metric before the figure in its clause: "detained 207 people",
/// "the death toll … reached 164". `money` restricts the search to money metrics.
pub fn metric_before(
    t: &Tokens,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
    money: bool,
) -> Option<MetricHit> {
    let lower = &t.lower;
    let floor = sentence_start.max(fig.first.saturating_sub(16));
    let mut k = fig.first;
    while k > floor {
        k -= 1;
        if is_punct(t, k) && matches!(lower[k].as_str(), "," | ";" | ":" | "(" | ")" | "–" | "—")
        {
            return None;
        }
        if let Some((len, &m)) = lex.metric_terms.longest_at(lower, k)
            && k + len <= fig.first
            && lex.metrics[m].money == money
        {
            let toll = lex.toll_terms.longest_at(lower, k).is_some();
            return Some(MetricHit {
                metric: m,
                start: k,
                end: k + len,
                toll,
            });
        }
    }
    None
}

/// The metric of a money figure stated after it: "€1.5 billion of damage",
/// "$5 million in losses", "$2bn worth of damage".
pub fn money_metric_after(
    t: &Tokens,
    from: usize,
    sentence_end: usize,
    lex: &Lexicon,
) -> Option<MetricHit> {
    let lower = &t.lower;
    let mut j = from;
    while j < sentence_end && j < from + 4 {
        if let Some((len, &m)) = lex.metric_terms.longest_at(lower, j) {
            return lex.metrics[m].money.then_some(MetricHit {
                metric: m,
                start: j,
                end: j + len,
                toll: false,
            });
        }
        if !matches!(
            lower[j].as_str(),
            "of" | "in" | "worth" | "the" | "was" | "were" | "is" | "caused" | "estimated"
        ) {
            return None;
        }
        j += 1;
    }
    None
}

/// "a crowd of about 10,000", "a death toll of 164": the noun just before "of"
/// (and any hedge) states the metric.
pub fn noun_of(t: &Tokens, fig: &Figure, lex: &Lexicon) -> Option<MetricHit> {
    let lower = &t.lower;
    let of = fig.first.checked_sub(1).filter(|&k| lower[k] == "of")?;
    let (len, &m) = lex.metric_terms.longest_ending_at(lower, of)?;
    let toll = lex.toll_terms.longest_ending_at(lower, of).is_some();
    Some(MetricHit {
        metric: m,
        start: of - len,
        end: of,
        toll,
    })
}

/// A subject named in the noun phrase of a toll: "the number of people detained",
/// "police deaths", "the toll among civilians".
pub fn toll_subject(
    t: &Tokens,
    hit: &MetricHit,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
) -> Option<usize> {
    let lower = &t.lower;
    let mut best = None;
    let from = hit.start.saturating_sub(4).max(sentence_start);
    let mut k = from;
    while k < fig.first {
        if let Some((len, &s)) = lex.subject_terms.longest_at(lower, k) {
            let after_of = k > 0 && matches!(lower[k - 1].as_str(), "of" | "among");
            let compound = k + len == hit.start;
            if after_of || compound {
                best = Some(best.map_or(s, |b: usize| if b == 0 { s } else { b }));
            }
            k += len;
        } else {
            k += 1;
        }
    }
    best
}

/// Verbs of change: "rose from 150 to 164" gives 150 as the superseded figure.
pub const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "increased",
    "increases",
    "climbed",
    "climbs",
    "jumped",
    "grew",
    "grown",
    "fell",
    "fallen",
    "dropped",
    "declined",
    "revised",
    "raised",
    "lowered",
    "up",
    "down",
    "corrected",
];

/// True when the figure is given as an earlier one that a later figure replaced:
/// "up from 150", "the previous toll was 150", "rose from 150 to 164".
pub fn superseded(t: &Tokens, fig: &Figure, sentence_start: usize, lex: &Lexicon) -> bool {
    let lower = &t.lower;
    let floor = sentence_start.max(fig.first.saturating_sub(8));
    let mut k = fig.first;
    while k > floor {
        k -= 1;
        if is_punct(t, k) && matches!(lower[k].as_str(), "," | ";" | "(" | ":") {
            break;
        }
        if lex.superseded.starts_at(lower, k) {
            return true;
        }
    }
    fig.first >= 2
        && lower[fig.first - 1] == "from"
        && CHANGE_VERBS.contains(&lower[fig.first - 2].as_str())
}

/// When the figure is a part of the figure before it in the sentence — after
/// "including", "among them", "of whom", or in "Of the 225 killed, 19 were …" —
/// the subject it names, if any (`Some(None)` when it names none).
pub fn part_of_previous(
    t: &Tokens,
    fig: &Figure,
    s: &Sentence,
    lex: &Lexicon,
) -> Option<Option<usize>> {
    let lower = &t.lower;
    let before = |k: usize| {
        fig.first
            .checked_sub(k)
            .filter(|&i| i >= s.start)
            .map(|i| lower[i].as_str())
    };
    let marked = before(1) == Some("including")
        || (before(1) == Some("them") && before(2) == Some("among"))
        || (before(1) == Some("whom") && matches!(before(2), Some("of" | "among")));
    let of_the = matches!(lower.get(s.start).map(|w| w.as_str()), Some("of" | "among"))
        && before(1) == Some(",");
    if !marked && !of_the {
        return None;
    }
    // The subject is named after the figure, or after "were"/"are": the most
    // specific one ("members of the security forces" is security forces).
    let mut found = None;
    let mut k = fig.end;
    let limit = (fig.end + 8).min(s.end);
    while k < limit && !is_punct(t, k) {
        match lex.subject_terms.longest_at(lower, k) {
            Some((len, &sub)) => {
                if found.is_none_or(|f| f == 0) {
                    found = Some(sub);
                }
                k += len;
            }
            None => k += 1,
        }
    }
    Some(found)
}

/// "Among the law enforcement officers, 18 people died": a group named before
/// the figure, in its sentence.
pub fn group_before(
    t: &Tokens,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
) -> Option<usize> {
    let lower = &t.lower;
    let floor = sentence_start.max(fig.first.saturating_sub(12));
    let among = (floor..fig.first).rev().find(|&k| lower[k] == "among")?;
    let mut k = among + 1;
    while k < fig.first && matches!(lower[k].as_str(), "the" | "them" | "those") {
        k += 1;
    }
    lex.subject_terms
        .longest_at(lower, k)
        .map(|(_, &s)| s)
        .filter(|&s| s != 0)
}

/// An anaphor before the figure ("their number increased to 18") in its clause.
pub fn anaphor_before(
    t: &Tokens,
    fig: &Figure,
    sentence_start: usize,
    lex: &Lexicon,
) -> Option<usize> {
    let floor = sentence_start.max(fig.first.saturating_sub(8));
    let clause_start = (floor..fig.first)
        .rev()
        .find(|&k| is_punct(t, k) && matches!(t.lower[k].as_str(), "," | ";"))
        .map_or(floor, |k| k + 1);
    (clause_start..fig.first)
        .rev()
        .find(|&k| lex.anaphors.starts_at(&t.lower, k))
}

/// The first metric and the most specific subject a sentence names, for anaphors.
pub fn sentence_frame(t: &Tokens, s: &Sentence, lex: &Lexicon) -> (Option<usize>, Option<usize>) {
    let mut metric = None;
    let mut subject = None;
    let mut k = s.start;
    while k < s.end {
        if metric.is_none()
            && let Some((len, &m)) = lex.metric_terms.longest_at(&t.lower, k)
        {
            metric = Some(m);
            k += len;
            continue;
        }
        if let Some((len, &sub)) = lex.subject_terms.longest_at(&t.lower, k) {
            if subject.is_none_or(|cur| cur == 0) {
                subject = Some(sub);
            }
            k += len;
            continue;
        }
        k += 1;
    }
    (metric, subject)
}

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
}

/// Finds every place name and reference ("the country") in the tokens.
pub fn place_mentions(
    t: &Tokens,
    text: &str,
    sentences: &[Sentence],
    lex: &Lexicon,
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
                // The first word of the text, in capitals, before a comma.
                let word = &text[t.toks[k].start..t.toks[k + len - 1].end];
                let dateline = si == 0
                    && k == s.start
                    && word.chars().all(|c| !c.is_lowercase())
                    && t.lower.get(k + len).is_some_and(|w| w == ",");
                out.push(PlaceMention {
                    tok: k,
                    sentence: si,
                    place: p,
                    dateline,
                });
                k += len;
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
    /// The main country, the default scope of a figure.
    pub country: Option<String>,
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
        let mut countries: std::collections::BTreeMap<&str, usize> = Default::default();
        let mut cities: std::collections::BTreeMap<&str, usize> = Default::default();
        for m in mentions {
            let PlaceRef::Named(i) = m else { continue };
            let def = &lex.places[*i];
            if def.country {
                *countries.entry(&def.name).or_default() += 1;
            } else {
                *cities.entry(&def.name).or_default() += 1;
                if let Some(parent) = &def.parent {
                    *countries.entry(parent.as_str()).or_default() += 1;
                }
            }
        }
        let top = |m: &std::collections::BTreeMap<&str, usize>| {
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
            country,
            city: top(&cities),
            capital,
        }
    }

    fn resolve(&self, p: PlaceRef, lex: &Lexicon) -> Option<String> {
        match p {
            PlaceRef::Named(i) => Some(lex.places[i].name.clone()),
            PlaceRef::Country => self.country.clone(),
            PlaceRef::City => self.city.clone(),
            PlaceRef::Capital => self.capital.clone(),
        }
    }
}

fn choose_in_sentence(
    ms: &[&PlaceMention],
    near: usize,
    scope: &DocScope,
    lex: &Lexicon,
) -> Option<String> {
    let named: Vec<&&PlaceMention> = ms
        .iter()
        .filter(|m| matches!(m.place, PlaceRef::Named(_)))
        .collect();
    let pool: Vec<&&PlaceMention> = if named.is_empty() {
        ms.iter().collect()
    } else {
        named
    };
    let names: Vec<String> = pool
        .iter()
        .filter_map(|m| scope.resolve(m.place, lex))
        .collect();
    // Nested names ("Almaty, Kazakhstan") give the most specific; otherwise the nearest.
    if let Some(inner) = names
        .iter()
        .find(|a| names.iter().all(|b| lex.place_within(a, b)))
        && names.len() > 1
    {
        return Some(inner.clone());
    }
    pool.iter()
        .min_by_key(|m| m.tok.abs_diff(near))
        .and_then(|m| scope.resolve(m.place, lex))
}

/// The place a figure covers: named in its sentence, else in the sentences before it
/// in its paragraph, then after it, then up to two paragraphs back; else the
/// document's main country.
pub fn place_for(
    fig_tok: usize,
    si: usize,
    sentences: &[Sentence],
    mentions: &[PlaceMention],
    scope: &DocScope,
    lex: &Lexicon,
) -> Option<String> {
    // Mentions come in text order: a sentence's are found by binary search, and only
    // those near the figure count, so one endless "sentence" stays linear.
    let in_sentence = |k: usize| -> Vec<&PlaceMention> {
        let from = mentions.partition_point(|m| m.sentence < k);
        let to = from + mentions[from..].partition_point(|m| m.sentence == k);
        mentions[from..to]
            .iter()
            .filter(|m| !m.dateline && (k != si || m.tok.abs_diff(fig_tok) <= WINDOW))
            .collect()
    };
    let here = in_sentence(si);
    if !here.is_empty() {
        return choose_in_sentence(&here, fig_tok, scope, lex);
    }
    let para = sentences[si].paragraph;
    let back = (0..si)
        .rev()
        .take_while(|&k| sentences[k].paragraph == para);
    let ahead = (si + 1..sentences.len()).take_while(|&k| sentences[k].paragraph == para);
    let para_start = (0..si)
        .rev()
        .take_while(|&k| sentences[k].paragraph == para)
        .last()
        .unwrap_or(si);
    let earlier = (0..para_start)
        .rev()
        .take_while(|&k| sentences[k].paragraph + 2 >= para);
    for k in back.chain(ahead).chain(earlier) {
        let ms = in_sentence(k);
        if !ms.is_empty() {
            let near = if k < si { usize::MAX } else { 0 };
            return choose_in_sentence(&ms, near, scope, lex);
        }
    }
    scope.country.clone()
}

/// The date a figure refers to: a date named in its sentence (nearest first,
/// never after `reference`, never the start or end of a span such as "from
/// January 4 to 6" or "since early 2022"), else `reference`.
pub fn as_of_for(
    t: &Tokens,
    text: &str,
    s: &Sentence,
    near: usize,
    reference: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let reference = reference?;
    let lower = &t.lower;
    let word = |k: usize| &text[t.toks[k].start..t.toks[k].end];
    let blocked = |k: usize| {
        (k.saturating_sub(2).max(s.start)..k).any(|j| {
            matches!(
                lower[j].as_str(),
                "from"
                    | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "before"
                    | "between"
                    | "through"
                    | "to"
                    | "after"
            )
        })
    };
    let (lo, hi) = (
        s.start.max(near.saturating_sub(WINDOW)),
        s.end.min(near + WINDOW),
    );
    let mut best: Option<(usize, NaiveDate)> = None;
    let mut consider = |k: usize, d: NaiveDate| {
        if d <= reference
            && !blocked(k)
            && best.is_none_or(|(b, _)| k.abs_diff(near) < b.abs_diff(near))
        {
            best = Some((k, d));
        }
    };
    for k in lo..hi {
        let w = lower[k].as_str();
        let capital = word(k).chars().next().is_some_and(char::is_uppercase);
        if capital && let Some(m) = dates::month(word(k)) {
            let day_after = t
                .toks
                .get(k + 1)
                .filter(|x| x.kind == Kind::Number)
                .and_then(|_| word(k + 1).parse::<u32>().ok());
            let day_before = (k > s.start && t.toks[k - 1].kind == Kind::Number)
                .then(|| word(k - 1).parse::<u32>().ok())
                .flatten();
            let ranged = t
                .toks
                .get(k + 2)
                .is_some_and(|x| x.kind == Kind::Punct && matches!(word(k + 2), "-" | "–"));
            if let Some(day) = day_after.or(day_before).filter(|_| !ranged)
                && let Some(d) = dates::month_day_before(reference, m, day)
            {
                consider(k, d);
            }
        } else if let Some(wd) = dates::weekday(w)
            && capital
            && k > s.start
            && matches!(lower[k - 1].as_str(), "on" | "last" | "this" | "since")
        {
            consider(k, dates::last_weekday(reference, wd));
        } else if w == "yesterday" {
            consider(k, reference - Duration::days(1));
        } else if w == "week" && k > s.start && lower[k - 1] == "last" {
            consider(k, reference - Duration::days(7));
        } else if t.toks[k].kind == Kind::Number
            && k > s.start
            && matches!(lower[k - 1].as_str(), "in" | "of")
            && let Ok(year) = word(k).parse::<i32>()
            && (1900..reference.year()).contains(&year)
            && let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31)
        {
            // "in 2011": a figure about an earlier year, as of that year's end.
            consider(k, end);
        } else if t.toks[k].kind == Kind::Number
            && let Some(d) = dates::dotted(word(k))
        {
            consider(k, d);
        }
    }
    Some(best.map_or(reference, |(_, d)| d))
}

fn tokens_window(s: &Sentence, near: usize) -> Sentence {
    Sentence {
        start: s.start.max(near.saturating_sub(WINDOW)),
        end: s.end.min(near + WINDOW),
        paragraph: s.paragraph,
    }
}

/// Who gave the figure, as the sentence says: "according to X", ", X said",
/// "X said that", or a following "This was reported by X".
pub fn attribution(
    t: &Tokens,
    text: &str,
    sentences: &[Sentence],
    si: usize,
    fig_tok: usize,
    lex: &Lexicon,
) -> Option<String> {
    // Only the stretch of a run-on sentence around the figure.
    let s = &tokens_window(&sentences[si], fig_tok);
    let lower = &t.lower;
    let slice = |a: usize, b: usize| -> Option<String> {
        let (mut a, b) = (a, b);
        while a < b
            && (is_punct(t, a)
                || matches!(
                    lower[a].as_str(),
                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "country"
                ))
        {
            a += 1;
        }
        (a < b).then(|| text[t.toks[a].start..t.toks[b - 1].end].trim().to_string())
    };
    // Not a speaker: a generic source ("the release"), a passive ("it was reported"),
    // or a stretch with a figure in it.
    let generic = |a: usize, b: usize| {
        let mut a = a;
        while a < b && matches!(lower[a].as_str(), "the" | "a" | "an") {
            a += 1;
        }
        a >= b
            || lex.attribution_generic.starts_at(lower, a)
            || matches!(
                lower[a].as_str(),
                "and" | "or" | "but" | "which" | "who" | "that"
            )
            || matches!(
                lower[b - 1].as_str(),
                "was" | "were" | "is" | "are" | "been" | "be" | "has" | "have" | "had"
            )
            || (a..b).any(|k| {
                t.toks[k].kind == Kind::Number || super::numbers::starts_word_number(lower, k)
            })
    };
    let clause_end_in = |from: usize, end: usize| {
        (from..end)
            .find(|&k| {
                is_punct(t, k) && matches!(lower[k].as_str(), "," | "." | ";" | "\"" | "”" | "»")
            })
            .unwrap_or(end)
    };
    let clause_end = |from: usize| clause_end_in(from, s.end);
    // "according to X," anywhere in the sentence.
    for k in s.start..s.end {
        if let Some((len, _)) = lex.attribution_before.longest_at(lower, k) {
            let end = clause_end(k + len);
            if !generic(k + len, end) {
                return slice(k + len, end);
            }
        }
    }
    // "X said" / ", X says": the speaker stands between a comma (or the start) and the verb.
    for k in s.start..s.end {
        if lex.attribution_verbs.starts_at(lower, k) && k > s.start {
            let from = (s.start..k)
                .rev()
                .find(|&j| {
                    is_punct(t, j) && matches!(lower[j].as_str(), "," | "\"" | "”" | "»" | "(")
                })
                .map_or(s.start, |j| j + 1);
            let from = if k > fig_tok {
                from.max(fig_tok + 1)
            } else {
                from
            };
            if from < k && k - from <= 8 && !generic(from, k) {
                return slice(from, k);
            }
        }
    }
    // "This was reported by RIA Novosti with reference to the data of X."
    let next = sentences
        .get(si + 1)
        .filter(|n| n.paragraph == s.paragraph)?;
    let opens = matches!(
        lower.get(next.start).map(|w| w.as_str()),
        Some("this" | "that" | "it")
    );
    if opens {
        let n = *next;
        for k in n.start..n.end {
            if let Some((len, _)) = lex.attribution_before.longest_at(lower, k)
                && lower[k] == "with"
            {
                return slice(k + len, clause_end_in(k + len, n.end));
            }
        }
        for k in n.start..n.end {
            if let Some((len, _)) = lex.attribution_before.longest_at(lower, k) {
                let end = (k + len..n.end)
                    .find(|&j| is_punct(t, j) || lower[j] == "with")
                    .unwrap_or(n.end);
                return slice(k + len, end);
            }
        }
    }
    None
}
