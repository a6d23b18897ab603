//! The decision for one figure: from the words around it, what it counts and
//! whom, or why it is not a claim.

use super::{
    Counted, MetricHit, anaphor_before, counted, group_before, metric_after, metric_before,
    money_metric_after, noun_of, part_of_previous, sentence_frame, shot_after,
    subject_after_copula, superseded, toll_subject,
};
use crate::extract::numbers::Figure;
use crate::extract::tokens::{Sentence, Tokens};
use crate::extract::{Options, Skip};
use crate::lexicon::Lexicon;

/// The claim before, in the same sentence: lists and superseded figures share its frame.
#[derive(Debug, Clone, Copy)]
pub struct Previous {
    pub sentence: usize,
    pub metric: usize,
    pub subject: Option<usize>,
}

/// What a figure counts: the metric, the subject (lexicon index; `None` for money)
/// and the token range of its quote.
pub struct Framed {
    pub hit: MetricHit,
    pub subject: Option<usize>,
    pub quote: (usize, usize),
    /// A part of the figure before it ("including three children"): later figures
    /// in the sentence still refer to the whole.
    pub subset: bool,
}

/// One section as the extractor reads it.
pub struct Reading<'a> {
    pub text: &'a str,
    pub t: &'a Tokens<'a>,
    pub sents: &'a [Sentence],
    pub lex: &'a Lexicon,
    pub opts: &'a Options,
    /// The article states no death: anyone it says was shot was wounded.
    pub no_deaths: bool,
}

/// Decides what a figure counts, from the words around it.
pub fn frame_figure(
    r: &Reading,
    si: usize,
    fig: &Figure,
    prev: Option<Previous>,
) -> Result<Framed, Skip> {
    let Reading {
        text,
        t,
        sents,
        lex,
        opts,
        no_deaths,
    } = *r;
    let s = sents[si];
    let prev = prev.filter(|p| p.sentence == si);
    let framed = |hit: MetricHit, subject: Option<usize>, end: usize| Framed {
        hit,
        subject,
        quote: (fig.first.min(hit.start), end.max(hit.end)),
        subset: false,
    };
    if fig.currency.is_some() {
        let hit = metric_before(t, fig, s.start, lex, true)
            .or_else(|| money_metric_after(t, fig.end, s.end, lex))
            .ok_or(Skip::MoneyWithoutMetric)?;
        return Ok(framed(hit, None, fig.end));
    }
    let people = |hit: Option<MetricHit>| hit.filter(|h| !lex.metrics[h.metric].money);
    // What the figure counts, read once for the rules below.
    let phrase = counted(t, fig, s.end, lex);
    // "died of three gunshot wounds": the wounds are counted, whatever the
    // toll word before "of".
    if let Counted::Thing(noun) = &phrase
        && noun == "wounds"
    {
        return Err(Skip::NotPeople(noun.clone()));
    }
    // "a crowd of about 10,000", "a death toll of 164": the noun before "of" says it.
    if let Some(hit) = people(noun_of(t, fig, lex)) {
        let (subject, end) = match phrase {
            // "participation of at least 20 thousand radicals"
            Counted::People { subject, end, .. } => (subject, end),
            _ => (
                toll_subject(t, &hit, fig, s.start, lex).unwrap_or(0),
                fig.end,
            ),
        };
        return Ok(framed(hit, Some(subject), end));
    }
    let result = match phrase {
        Counted::Thing(noun) => Err(Skip::NotPeople(noun)),
        Counted::People {
            subject,
            end,
            head,
            partitive,
        } => {
            // "Two of the wounded later died": after a partitive, the verb says what happened.
            if partitive && let Some(hit) = people(metric_after(t, end, s.end, lex)) {
                return Ok(framed(hit, Some(subject), end));
            }
            // The head is itself a toll: "23 bodies", "56 dead", "1,000 detainees";
            // "lives" only when taken ("claimed 12 lives"), not saved.
            let saved =
                (fig.first.saturating_sub(3)..fig.first).any(|k| t.lower[k].starts_with("sav"));
            if let Some((len, &m)) = lex
                .toll_terms
                .longest_at(&t.lower, head)
                .filter(|_| !(saved && t.lower[head] == "lives"))
            {
                let hit = MetricHit {
                    metric: m,
                    start: head,
                    end: head + len,
                    toll: true,
                };
                // "8 officers were killed and 317 injured": a bare toll word counts the
                // same people as the figure before it; "32 of the dead were children"
                // names them after "were".
                let bare = subject == 0 && head == fig.end;
                let subject = match subject_after_copula(t, end, s.end, lex) {
                    Some(named) if subject == 0 => named,
                    _ if bare => prev.and_then(|p| p.subject).unwrap_or(0),
                    _ => subject,
                };
                return Ok(framed(hit, Some(subject), end));
            }
            // A figure followed by its own verb is the subject of its clause: a verb
            // before it ("dead, and three others were taken to hospital") is not its.
            let own_clause = opens_clause(t, end);
            // "six others shot" after a death: the verb after the phrase says it,
            // not the toll word before the figure.
            let found = people(metric_after(t, end, s.end, lex))
                .or_else(|| people(phrase_holds_metric(t, fig.end, end, lex)))
                .or_else(|| shot_after(t, end, s.end, lex, no_deaths))
                .or_else(|| {
                    people(metric_before(t, fig, s.start, lex, false))
                        .filter(|h| !own_clause || governs(t, h, fig, lex))
                })
                .or_else(|| people(coordinated(text, t, end, s.end, lex, opts)));
            match found {
                Some(hit) => Ok(framed(hit, Some(subject), end)),
                None => {
                    // A crowd with no event: "opposed by about 200 demonstrators" counts participants.
                    let crowd = lex.metrics.iter().position(|m| m.name.0 == "participants");
                    match crowd
                        .filter(|_| !partitive && lex.subjects[subject].name.0 == "protesters")
                    {
                        Some(m) => Ok(framed(
                            MetricHit {
                                metric: m,
                                start: fig.first,
                                end,
                                toll: false,
                            },
                            Some(subject),
                            end,
                        )),
                        None => Err(Skip::NoMetric),
                    }
                }
            }
        }
        Counted::Elliptical { end } => {
            let before = prev.and_then(|p| p.subject);
            if let Some(hit) = people(metric_after(t, end, s.end, lex))
                .or_else(|| shot_after(t, end, s.end, lex, no_deaths))
            {
                return Ok(framed(hit, Some(before.unwrap_or(0)), end));
            }
            if let Some(hit) = people(metric_before(t, fig, s.start, lex, false))
                .filter(|h| !opens_clause(t, end) || governs(t, h, fig, lex))
            {
                let subject = toll_subject(t, &hit, fig, s.start, lex)
                    .or(if hit.toll { None } else { before })
                    .unwrap_or(0);
                return Ok(framed(hit, Some(subject), end));
            }
            // "Of the dead, 19 were security officers": the opening phrase gives the metric.
            if let Some(hit) = people(opening_toll(t, fig, &s, lex)) {
                let subject = subject_after_copula(t, end, s.end, lex).unwrap_or(0);
                return Ok(framed(hit, Some(subject), end));
            }
            // "Their number increased to 18": the frame of the sentence before.
            let anaphoric = || {
                let anaphor = anaphor_before(t, fig, s.start, lex)?;
                let prev_sentence = sents[si.checked_sub(1)?];
                let (metric, subject) = sentence_frame(t, &prev_sentence, lex);
                let metric = metric.filter(|&m| !lex.metrics[m].money)?;
                let hit = MetricHit {
                    metric,
                    start: anaphor,
                    end,
                    toll: false,
                };
                Some(framed(hit, Some(subject.unwrap_or(0)), end))
            };
            anaphoric().ok_or(Skip::NoMetric)
        }
    };
    // A figure that qualifies the one before shares its frame: an earlier figure
    // ("up from 103 a day earlier"), or a part of it ("including three children",
    // "Of the 225 killed, 19 were members of the security forces").
    let result = match (result, prev) {
        (Err(_), Some(p)) if !lex.metrics[p.metric].money => {
            let part = part_of_previous(t, fig, &s, lex);
            let hit = MetricHit {
                metric: p.metric,
                start: fig.first,
                end: fig.end,
                toll: false,
            };
            if superseded(t, fig, s.start, lex) {
                Ok(framed(hit, p.subject, fig.end))
            } else if reported_figure(t, fig, lex) || joined_figure(t, fig) {
                // "police counted 81,000 protesters; organisers said 700,000"
                Ok(framed(hit, p.subject, fig.end))
            } else if let Some(subject) = part {
                Ok(Framed {
                    subset: true,
                    ..framed(hit, subject.or(p.subject), fig.end)
                })
            } else {
                Err(Skip::NoMetric)
            }
        }
        (r, _) => r,
    };
    // "of whom 19 were released": a figure whose own verb says its people left the
    // state (custody, the missing) counts those who left, not those in it.
    let result = result.and_then(|f| {
        let metric = &lex.metrics[f.hit.metric];
        let state = metric.rule == crate::lexicon::Rule::Stock || metric.name.0 == "detained";
        match left_state(t, f.hit.end.max(fig.end), s.end) {
            Some(how) if state => Err(Skip::LeftState(how)),
            _ => Ok(f),
        }
    });
    // "Among the law enforcement officers, 18 people died": the group names whom.
    result.map(|mut f| {
        if f.subject == Some(0)
            && let Some(group) = group_before(t, fig, s.start, lex)
        {
            f.subject = Some(group);
        }
        f
    })
}

/// True when an auxiliary follows the noun phrase: the figure is the subject of a
/// clause of its own ("three others were taken to hospital").
fn opens_clause(t: &Tokens, end: usize) -> bool {
    t.lower.get(end).is_some_and(|w| {
        matches!(
            w.as_str(),
            "were" | "was" | "are" | "is" | "have" | "has" | "had" | "will" | "remain" | "remained"
        )
    })
}

/// "14 people injured, including …", "two people injured in the shooting": the
/// noun phrase (read with "people injured" as one noun) holds the metric itself.
fn phrase_holds_metric(t: &Tokens, from: usize, end: usize, lex: &Lexicon) -> Option<MetricHit> {
    (from + 1..end).find_map(|k| {
        let (len, &m) = lex.metric_terms.longest_at(&t.lower, k)?;
        (k + len <= end).then_some(MetricHit {
            metric: m,
            start: k,
            end: k + len,
            toll: false,
        })
    })
}

/// "who killed five officers": the verb stands right before the figure (its hedge
/// aside), so the figure is its object even when a verb follows the phrase.
fn governs(t: &Tokens, hit: &MetricHit, fig: &Figure, lex: &Lexicon) -> bool {
    hit.end == fig.first
        || (hit.end < fig.first
            && lex
                .qualifiers
                .longest_at(&t.lower, hit.end)
                .is_some_and(|(len, _)| hit.end + len == fig.number))
}

/// "Eight protesters and two police officers were injured": a figure joined by
/// "and" to the next takes the metric that follows the next one.
fn coordinated(
    text: &str,
    t: &Tokens,
    end: usize,
    sentence_end: usize,
    lex: &Lexicon,
    opts: &Options,
) -> Option<MetricHit> {
    let joined = t.lower.get(end).is_some_and(|w| w == "and" || w == ",") && end + 1 < sentence_end;
    if !joined {
        return None;
    }
    let next = crate::extract::numbers::figure_at(t, text, end + 1, lex, opts.about_tolerance)?;
    let next_end = match counted(t, &next, sentence_end, lex) {
        Counted::People { end, .. } | Counted::Elliptical { end } => end,
        Counted::Thing(_) => return None,
    };
    metric_after(t, next_end, sentence_end, lex)
}

/// A figure right after a reporting verb with nothing after it: another source's
/// figure for the same thing ("organisers said 700,000", "put it at 50,000").
fn reported_figure(t: &Tokens, fig: &Figure, lex: &Lexicon) -> bool {
    let lower = &t.lower;
    let bare = t
        .toks
        .get(fig.end)
        .is_none_or(|k| k.kind == crate::extract::tokens::Kind::Punct);
    bare && (fig.first.saturating_sub(3)..fig.first).any(|k| {
        lex.attribution_verbs.starts_at(lower, k)
            || matches!(lower[k].as_str(), "put" | "counted" | "estimated" | "gave")
    })
}

/// A figure joined to the one before with nothing of its own after it: "at least
/// 2,000 people in Almaty were arrested, and a total of 9,900 across the country".
fn joined_figure(t: &Tokens, fig: &Figure) -> bool {
    let lower = &t.lower;
    let joined = (fig.first.saturating_sub(4)..fig.first)
        .any(|k| matches!(lower[k].as_str(), "and" | "or" | "while" | "whereas"));
    let nothing_after = t
        .toks
        .get(fig.end)
        .is_none_or(|k| k.kind == crate::extract::tokens::Kind::Punct)
        || matches!(
            lower[fig.end].as_str(),
            "across" | "in" | "nationwide" | "throughout" | "overall" | "in total"
        );
    joined && nothing_after
}

/// "Of the dead, …", "Among those detained, …": a sentence that opens on a toll.
fn opening_toll(t: &Tokens, fig: &Figure, s: &Sentence, lex: &Lexicon) -> Option<MetricHit> {
    let lower = &t.lower;
    if !matches!(lower.get(s.start).map(|w| w.as_str()), Some("of" | "among")) {
        return None;
    }
    let mut k = s.start + 1;
    while k < fig.first && matches!(lower[k].as_str(), "the" | "those" | "them") {
        k += 1;
    }
    let (len, &m) = lex.metric_terms.longest_at(lower, k)?;
    (k + len <= fig.first).then_some(MetricHit {
        metric: m,
        start: s.start,
        end: k + len,
        toll: true,
    })
}

/// Verbs that take people out of a state: out of custody, out of the missing, out
/// of hospital. Two-word entries need both words.
const EXITS: &[&[&str]] = &[
    &["released"],
    &["freed"],
    &["discharged"],
    &["set", "free"],
    &["let", "go"],
    &["found", "alive"],
    &["found", "safe"],
    &["pulled", "out", "alive"],
    &["pulled", "alive"],
    &["rescued", "alive"],
    &["brought", "out", "alive"],
    &["reunited"],
    &["returned", "home"],
    &["have", "since", "been", "found"],
];

/// The exit verb of the clause after a figure ("were released by Monday", "in
/// Naples were pulled out alive"), up to a comma, another figure or a new clause.
fn left_state(t: &Tokens, from: usize, sentence_end: usize) -> Option<String> {
    let lower = &t.lower;
    let stop = sentence_end.min(from + 12);
    for k in from..stop {
        let w = lower[k].as_str();
        let clause_ends = super::is_punct(t, k) && matches!(w, "," | ";" | ":" | "(" | "—" | "–");
        if clause_ends
            || t.toks[k].kind == crate::extract::tokens::Kind::Number
            || matches!(
                w,
                "after" | "while" | "when" | "but" | "and" | "as" | "because"
            )
        {
            return None;
        }
        if let Some(exit) = EXITS.iter().find(|e| {
            e.iter()
                .enumerate()
                .all(|(i, x)| lower.get(k + i).is_some_and(|y| y == x))
        }) {
            return Some(exit.join(" "));
        }
    }
    None
}
