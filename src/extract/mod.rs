//! Stage 2, extract: from a source's text to the figures it states.
//!
//! Every number in the text is read as a [`numbers::Figure`]; those that are not
//! counts (dates, times, model numbers…) are set aside with a reason, and the rest
//! are framed (metric, subject, place, date, attribution) into [`Claim`]s. Every
//! number ends up in [`Extraction::explained`], so nothing is dropped silently.

mod frame;
mod numbers;
mod tokens;

use crate::claim::{Claim, Metric, Qualifier, Span, Status, Subject};
use crate::corpus::Source;
use crate::lexicon::Lexicon;
use frame::{Counted, DocScope, MetricHit};
use sha2::{Digest, Sha256};
use std::fmt;

/// Settings that change what extraction produces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Half-width of the interval "about N" implies, as a share of N.
    pub about_tolerance: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            about_tolerance: 0.1,
        }
    }
}

/// Why a number did not become a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// "January 6", "10.01.2022"
    Date,
    /// "05:01", "21.00 Moscow time"
    Time,
    /// "2022"
    Year,
    /// "a 7-year-old boy"
    Age,
    /// "for 180 days"
    Duration,
    /// "40 percent"
    Percent,
    /// "Il-76"
    ModelNumber,
    /// "+7 727 …", "#12"
    Identifier,
    /// "12 Abay Avenue"
    Address,
    /// "($4.2 billion)" after "310 billion rubles": the same sum in another currency
    Conversion,
    /// "Khabar 24"
    Name,
    /// "5th"
    Ordinal,
    /// "1 of 12", a number alone on its line
    PageFurniture,
    /// "a country of 40 million"
    Population,
    /// "7.5 people": a count must be whole
    NotWhole,
    /// "2 markets": the figure counts things, not people
    NotPeople(String),
    /// a count of people with no verb or noun saying what happened to them
    NoMetric,
    /// a sum of money with no word for damage or loss
    MoneyWithoutMetric,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::Date => f.write_str("date"),
            Skip::Time => f.write_str("clock time"),
            Skip::Year => f.write_str("year"),
            Skip::Age => f.write_str("age"),
            Skip::Duration => f.write_str("duration"),
            Skip::Percent => f.write_str("percentage"),
            Skip::ModelNumber => f.write_str("model number"),
            Skip::Identifier => f.write_str("identifier or phone number"),
            Skip::Address => f.write_str("street address"),
            Skip::Conversion => f.write_str("the same sum in another currency"),
            Skip::Name => f.write_str("part of a name"),
            Skip::Ordinal => f.write_str("ordinal"),
            Skip::PageFurniture => f.write_str("page furniture"),
            Skip::Population => f.write_str("population"),
            Skip::NotWhole => f.write_str("not a whole count"),
            Skip::NotPeople(noun) => write!(f, "counts {noun}, not people"),
            Skip::NoMetric => f.write_str("no metric found"),
            Skip::MoneyWithoutMetric => f.write_str("money with no damage or loss word"),
        }
    }
}

/// What became of one number in the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// It became the claim with this id.
    Claim(String),
    /// It was set aside.
    Skipped(Skip),
}

/// One number in the text and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// The figure as written (with its qualifier).
    pub text: String,
    /// Where it stands.
    pub span: Span,
    /// 1-based line.
    pub line: usize,
    /// What became of it.
    pub outcome: Outcome,
}

/// Everything extraction found in one source.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// Every number, claim or not.
    pub explained: Vec<Explained>,
}

/// Extracts the claims a source states.
pub fn extract(source: &Source, lex: &Lexicon, opts: &Options) -> Extraction {
    let text = &source.text;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |byte: usize| line_starts.partition_point(|&s| s <= byte);
    let sections: Vec<_> = source
        .sections()
        .into_iter()
        .map(|sec| {
            let toks = tokens::tokenize(text, sec.start, sec.end);
            let sents = tokens::sentences(text, &toks);
            let places = frame::place_mentions(&toks, text, &sents, lex);
            (sec, toks, sents, places)
        })
        .collect();
    let scope = DocScope::from_mentions(
        sections
            .iter()
            .flat_map(|(_, _, _, p)| p.iter().map(|m| &m.place)),
        lex,
    );
    let mut out = Extraction::default();
    let mut seen_quotes: std::collections::HashMap<(String, String), usize> = Default::default();
    for (sec, t, sents, places) in &sections {
        let mut sentence_of = vec![0; t.toks.len()];
        for (si, s) in sents.iter().enumerate() {
            sentence_of[s.start..s.end].iter_mut().for_each(|x| *x = si);
        }
        let mut previous: Option<Previous> = None;
        let mut last_money_end: Option<usize> = None;
        let mut i = 0;
        while i < t.toks.len() {
            let Some(fig) = numbers::figure_at(t, text, i, lex, opts.about_tolerance) else {
                i += 1;
                continue;
            };
            i = fig.end.max(i + 1);
            let si = sentence_of[fig.number];
            let s = sents[si];
            let span_of = |a: usize, b: usize| Span {
                start: t.toks[a].start,
                end: t.toks[b - 1].end,
            };
            let fig_span = span_of(fig.first, fig.end.min(t.toks.len()));
            let mut explain = |outcome: Outcome| {
                out.explained.push(Explained {
                    text: text[fig_span.start..fig_span.end].to_string(),
                    span: fig_span,
                    line: line_of(fig_span.start),
                    outcome,
                });
            };
            if let Some(skip) = numbers::not_a_count(t, text, &fig, s.start, lex) {
                explain(Outcome::Skipped(skip));
                continue;
            }
            // "310 billion rubles ($4.2 billion)": the bracketed sum restates the claim before it.
            let bracketed = fig.first > 0
                && t.toks[fig.first - 1].kind == tokens::Kind::Punct
                && t.lower[fig.first - 1] == "(";
            if fig.currency.is_some() && bracketed && last_money_end == Some(fig.first - 1) {
                explain(Outcome::Skipped(Skip::Conversion));
                continue;
            }
            if fig.currency.is_some() {
                last_money_end = Some(fig.end);
            }
            let reading = Reading {
                text,
                t,
                sents,
                lex,
                opts,
            };
            let framed = frame_figure(&reading, si, &fig, previous);
            let Framed {
                hit,
                subject,
                quote: (quote_start, quote_end),
                part,
            } = match framed {
                Ok(f) => f,
                Err(skip) => {
                    explain(Outcome::Skipped(skip));
                    continue;
                }
            };
            if !part {
                previous = Some(Previous {
                    sentence: si,
                    metric: hit.metric,
                    subject,
                });
            }
            let metric = &lex.metrics[hit.metric];
            let span = span_of(quote_start, quote_end);
            let quote = text[span.start..span.end].to_string();
            let location = frame::place_for(fig.number, si, sents, places, &scope, lex)
                .unwrap_or_else(|| "unknown".to_string());
            let as_of = frame::as_of_for(t, text, &s, fig.number, sec.as_of);
            let attribution = frame::attribution(t, text, sents, si, fig.number, lex);
            let superseded = frame::superseded(t, &fig, s.start, lex);
            let occurrence = seen_quotes
                .entry((metric.name.0.clone(), quote.clone()))
                .or_default();
            *occurrence += 1;
            let id = claim_id(&source.id, &metric.name, &quote, *occurrence);
            explain(Outcome::Claim(id.clone()));
            let value = match fig.qualifier {
                Qualifier::Range => None,
                _ => fig.value,
            };
            out.claims.push(Claim {
                id,
                source: source.id.clone(),
                status: Status::Extracted,
                metric: metric.name.clone(),
                subject: subject.map(|s| lex.subjects[s].name.clone()),
                location,
                value,
                low: fig.low,
                high: fig.high,
                qualifier: fig.qualifier,
                unit: fig.currency.clone().unwrap_or_else(|| "people".to_string()),
                as_of,
                attribution,
                quote,
                span,
                line: line_of(span.start),
                superseded,
            });
        }
    }
    out
}

/// The claim before, in the same sentence: lists and superseded figures share its frame.
#[derive(Debug, Clone, Copy)]
struct Previous {
    sentence: usize,
    metric: usize,
    subject: Option<usize>,
}

/// What a figure counts: the metric, the subject (lexicon index; `None` for money)
/// and the token range of its quote.
struct Framed {
    hit: MetricHit,
    subject: Option<usize>,
    quote: (usize, usize),
    /// A part of the figure before it ("including three children"): later figures
    /// in the sentence still refer to the whole.
    part: bool,
}

/// One section as the extractor reads it.
struct Reading<'a> {
    text: &'a str,
    t: &'a tokens::Tokens<'a>,
    sents: &'a [tokens::Sentence],
    lex: &'a Lexicon,
    opts: &'a Options,
}

/// Decides what a figure counts, from the words around it.
fn frame_figure(
    r: &Reading,
    si: usize,
    fig: &numbers::Figure,
    prev: Option<Previous>,
) -> Result<Framed, Skip> {
    let Reading {
        text,
        t,
        sents,
        lex,
        opts,
    } = *r;
    let s = sents[si];
    let prev = prev.filter(|p| p.sentence == si);
    let framed = |hit: MetricHit, subject: Option<usize>, end: usize| Framed {
        hit,
        subject,
        quote: (fig.first.min(hit.start), end.max(hit.end)),
        part: false,
    };
    if fig.currency.is_some() {
        let hit = frame::metric_before(t, fig, s.start, lex, true)
            .or_else(|| frame::money_metric_after(t, fig.end, s.end, lex))
            .ok_or(Skip::MoneyWithoutMetric)?;
        return Ok(framed(hit, None, fig.end));
    }
    let people = |hit: Option<MetricHit>| hit.filter(|h| !lex.metrics[h.metric].money);
    // "a crowd of about 10,000", "a death toll of 164": the noun before "of" says it.
    if let Some(hit) = people(frame::noun_of(t, fig, lex)) {
        let (subject, end) = match frame::counted(t, fig, s.end, lex) {
            // "participation of at least 20 thousand radicals"
            Counted::People { subject, end, .. } => (subject, end),
            _ => (
                frame::toll_subject(t, &hit, fig, s.start, lex).unwrap_or(0),
                fig.end,
            ),
        };
        return Ok(framed(hit, Some(subject), end));
    }
    let result = match frame::counted(t, fig, s.end, lex) {
        Counted::Thing(noun) => Err(Skip::NotPeople(noun)),
        Counted::People {
            subject,
            end,
            partitive,
        } => {
            let head = if partitive { fig.end + 2 } else { fig.end };
            // The head is itself a toll: "23 bodies", "56 dead", "1,000 detainees".
            if let Some((len, &m)) = lex.toll_terms.longest_at(&t.lower, head) {
                let hit = MetricHit {
                    metric: m,
                    start: head,
                    end: head + len,
                    toll: true,
                };
                // "8 officers were killed and 317 injured": a bare toll word counts the
                // same people as the figure before it.
                let bare = subject == 0 && end == head + len;
                let subject = if bare {
                    prev.and_then(|p| p.subject).unwrap_or(0)
                } else {
                    subject
                };
                return Ok(framed(hit, Some(subject), end));
            }
            let found = people(frame::metric_after(t, end, s.end, lex))
                .or_else(|| people(frame::metric_before(t, fig, s.start, lex, false)))
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
            if let Some(hit) = people(frame::metric_after(t, end, s.end, lex)) {
                return Ok(framed(hit, Some(before.unwrap_or(0)), end));
            }
            if let Some(hit) = people(frame::metric_before(t, fig, s.start, lex, false)) {
                let subject = frame::toll_subject(t, &hit, fig, s.start, lex)
                    .or(if hit.toll { None } else { before })
                    .unwrap_or(0);
                return Ok(framed(hit, Some(subject), end));
            }
            // "Their number increased to 18": the frame of the sentence before.
            let anaphoric = || {
                let anaphor = frame::anaphor_before(t, fig, s.start, lex)?;
                let prev_sentence = sents[si.checked_sub(1)?];
                let (metric, subject) = frame::sentence_frame(t, &prev_sentence, lex);
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
            let part = frame::part_of_previous(t, fig, &s, lex);
            let hit = MetricHit {
                metric: p.metric,
                start: fig.first,
                end: fig.end,
                toll: false,
            };
            if frame::superseded(t, fig, s.start, lex) {
                Ok(framed(hit, p.subject, fig.end))
            } else if let Some(subject) = part {
                Ok(Framed {
                    part: true,
                    ..framed(hit, subject.or(p.subject), fig.end)
                })
            } else {
                Err(Skip::NoMetric)
            }
        }
        (r, _) => r,
    };
    // "Among the law enforcement officers, 18 people died": the group names whom.
    result.map(|mut f| {
        if f.subject == Some(0)
            && let Some(group) = frame::group_before(t, fig, s.start, lex)
        {
            f.subject = Some(group);
        }
        f
    })
}

/// "Eight protesters and two police officers were injured": a figure joined by
/// "and" to the next takes the metric that follows the next one.
fn coordinated(
    text: &str,
    t: &tokens::Tokens,
    end: usize,
    sentence_end: usize,
    lex: &Lexicon,
    opts: &Options,
) -> Option<MetricHit> {
    let joined = t.lower.get(end).is_some_and(|w| w == "and" || w == ",") && end + 1 < sentence_end;
    if !joined {
        return None;
    }
    let next = numbers::figure_at(t, text, end + 1, lex, opts.about_tolerance)?;
    let next_end = match frame::counted(t, &next, sentence_end, lex) {
        Counted::People { end, .. } | Counted::Elliptical { end } => end,
        Counted::Thing(_) => return None,
    };
    frame::metric_after(t, next_end, sentence_end, lex)
}

/// A sentence of a source: its byte range and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Byte range in the file.
    pub span: Span,
    /// Index of its paragraph, counted over the whole body.
    pub paragraph: usize,
}

/// The sentences of a source's body, in order (as the extractor reads them).
pub fn sentences(source: &Source) -> Vec<SentenceSpan> {
    let text = &source.text;
    let t = tokens::tokenize(text, source.body_start, text.len());
    tokens::sentences(text, &t)
        .into_iter()
        .map(|s| SentenceSpan {
            span: Span {
                start: t.toks[s.start].start,
                end: t.toks[s.end - 1].end,
            },
            paragraph: s.paragraph,
        })
        .collect()
}

/// An id that depends only on the source, the metric and the quote (and which
/// occurrence of that quote it is), so it survives edits elsewhere in the text.
fn claim_id(source: &str, metric: &Metric, quote: &str, occurrence: usize) -> String {
    let mut h = Sha256::new();
    for part in [source, &metric.0, quote, &occurrence.to_string()] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let hex: String = h
        .finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{}-{hex}", metric.0)
}

/// The subject a lexicon index names (re-exported for tests).
pub fn subject_name(lex: &Lexicon, i: usize) -> &Subject {
    &lex.subjects[i].name
}
