//! Stage 2, extract: from a source's text to the figures it states.
//!
//! Every number in the text is read as a [`numbers::Figure`]; those that are not
//! counts (dates, times, model numbers…) are set aside with a reason, and the rest
//! are framed (metric, subject, place, date, attribution) into [`Claim`]s. Every
//! number ends up in [`Extraction::explained`], so nothing is dropped silently.

mod calendar;
mod frame;
mod gloss;
mod numbers;
mod outcome;
mod revision;
mod tokens;

pub use numbers::is_number_word;
pub use outcome::{Explained, Outcome, Skip};

use crate::claim::{Claim, Metric, Qualifier, Span, Status};
use crate::corpus::{Section, Source};
use crate::lexicon::Lexicon;
use frame::{DocScope, Framed, Previous, Reading, frame_figure};
use sha2::{Digest, Sha256};

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

/// Everything extraction found in one source.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// Every number, claim or not.
    pub explained: Vec<Explained>,
}

/// The version of the extraction rules. A claim file made under another is
/// extracted again (its reviewed claims kept), as a changed source's is: raise it
/// with any change that may extract other claims or other fields — the same
/// change that updates `tests/claims.digest`.
pub const EXTRACTION: u32 = 3;

/// Extracts the claims a source states: the body's, then the headline's.
pub fn extract(source: &Source, lex: &Lexicon, opts: &Options) -> Extraction {
    let text = &source.text;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |byte: usize| line_starts.partition_point(|&s| s <= byte);
    // A source in another language is read through its gloss (see `lexicon::lang`).
    let lang = crate::lexicon::lang::of_source(source.meta.language.as_deref(), source.body());
    let arena = tokens::Bump::new();
    let read = |sec: Section, headline: bool| {
        let toks = tokens::tokenize(text, sec.start, sec.end, &arena);
        let toks = match lang {
            Some(lang) => gloss::apply(lang, toks),
            None => toks,
        };
        let sents = tokens::sentences(text, &toks);
        let places = frame::place_mentions(&toks, text, &sents, lex);
        (sec, toks, sents, places, headline)
    };
    let mut sections: Vec<_> = source
        .sections()
        .into_iter()
        .map(|sec| read(sec, false))
        .collect();
    // The scope (the document's main places) comes from the body alone.
    let scope = DocScope::from_mentions(
        sections.iter().flat_map(|(_, _, _, p, _)| {
            p.iter()
                .flat_map(|m| std::iter::once(&m.place).chain(m.and.as_ref()))
        }),
        lex,
    );
    let live_page = sections.len() > 1;
    // The headline, read in place inside the front matter, after the body.
    if let Some((start, end)) = source.meta.title_span {
        let title = Section {
            start,
            end,
            as_of: source.meta.published,
        };
        sections.push(read(title, true));
    }
    // Per metric: whether it is a harm (killed or injured), and whether a death;
    // asked for every metric word of the text, so not by comparing names.
    let harms: Vec<(bool, bool)> = lex
        .metrics
        .iter()
        .map(|m| {
            let name = m.name.0.as_str();
            (matches!(name, "killed" | "injured"), name == "killed")
        })
        .collect();
    let killed_or_injured = |m: usize| harms[m].0;
    // An article that states no death: whoever it says was shot was wounded.
    // Per section, the tokens that state a death, and whether any states harm:
    // an article that states no death makes whoever it says was shot wounded, and
    // only sentences that state harm are read for counts with no numeral.
    let harm: Vec<Vec<(usize, bool)>> = sections
        .iter()
        .map(|(_, t, _, _, _)| {
            (0..t.lower.len())
                .filter_map(|k| {
                    let death = lex
                        .metric_terms
                        .longest_at(&t.lower, k)
                        .filter(|&(_, &m)| killed_or_injured(m))
                        .map(|(_, &m)| harms[m].1);
                    let other =
                        matches!(t.lower[k].as_str(), "shot" | "life" | "himself" | "herself");
                    death.or(other.then_some(false)).map(|d| (k, d))
                })
                .collect()
        })
        .collect();
    let no_deaths = !harm.iter().flatten().any(|&(_, death)| death);
    let mut out = Extraction::default();
    // Which occurrence of a quote a claim is, so equal quotes get distinct ids;
    // keyed by borrowed text, as this runs for every claim.
    let mut seen_quotes: rustc_hash::FxHashMap<(usize, &str), usize> = Default::default();
    // Whether the text around a claim says it was revised, by the byte range read.
    let mut revised_in: rustc_hash::FxHashMap<(usize, usize), bool> = Default::default();
    // The byte each claim is read from, to put claims in text order at the end.
    let mut anchors: Vec<usize> = Vec::new();
    for ((sec, t, sents, places, headline), harm) in sections.iter().zip(&harm) {
        let mut sentence_of = vec![0; t.toks.len()];
        for (si, s) in sents.iter().enumerate() {
            sentence_of[s.start..s.end].iter_mut().for_each(|x| *x = si);
        }
        // Builds a claim from its frame; shared by figures and implicit counts.
        let mut make = |found: Found, out: &mut Extraction| {
            let s = sents[found.sentence];
            let span = Span {
                start: t.toks[found.quote.0].start,
                end: t.toks[found.quote.1 - 1].end,
            };
            let quote = text[span.start..span.end].to_string();
            let location = frame::place_for(
                &frame::Places {
                    t,
                    sentences: sents,
                    mentions: places,
                    scope: &scope,
                    lex,
                    entry: live_page && !headline,
                },
                found.anchor,
                found.sentence,
            )
            .unwrap_or_else(|| frame::Placed {
                name: "unknown".to_string(),
                assumed: true,
            });
            let metric = &lex.metrics[found.metric];
            // A crowd whose sentence names no day is as of its gathering's day.
            let crowd = metric.rule == crate::lexicon::Rule::Estimate;
            // A count read from words is dated by its verb: "Bell, who was shot early
            // Sunday, died Wednesday" died on Wednesday.
            let date_anchor = if found.implicit {
                found.quote.1.saturating_sub(1).max(found.anchor)
            } else {
                found.anchor
            };
            let as_of = frame::named_date(t, text, &s, date_anchor, sec.as_of)
                .or_else(|| {
                    crowd
                        .then(|| {
                            frame::gathering_day(t, text, sents, found.sentence, sec.as_of, lex)
                        })
                        .flatten()
                })
                .or(sec.as_of);
            let attribution = frame::attribution(t, text, sents, found.sentence, found.anchor, lex);
            let increment = frame::increment(t, found.quote);
            let part = increment || frame::names_a_part(t, found.quote, found.metric, &s, lex);
            let sentence_span = Span {
                start: t.toks[s.start].start,
                end: t.toks[s.end.max(s.start + 1) - 1].end,
            };
            let anchor_span = Span {
                start: t.toks[found.anchor].start,
                end: t.toks[found.anchor].end,
            };
            // Claims of one sentence share its answer: read the sentence once.
            // For a stock a fall is news, not a correction: only a stated one counts.
            let revised = if metric.rule == crate::lexicon::Rule::Stock {
                revision::corrected(text, sentence_span, anchor_span)
            } else {
                *revised_in
                    .entry((
                        sentence_span.start.min(anchor_span.start),
                        sentence_span.end.max(anchor_span.end),
                    ))
                    .or_insert_with(|| revision::revised(text, sentence_span, anchor_span))
            };
            let occurrence = seen_quotes
                .entry((found.metric, &text[span.start..span.end]))
                .or_default();
            *occurrence += 1;
            let id = claim_id(&source.id, &metric.name, &quote, *occurrence);
            anchors.push(t.toks[found.anchor].start);
            out.claims.push(Claim {
                id: id.as_str().into(),
                source: source.id.as_str().into(),
                status: Status::Extracted,
                metric: metric.name.clone(),
                subject: found.subject.map(|s| lex.subjects[s].name.clone()),
                location: location.name.into(),
                place_assumed: location.assumed,
                increment,
                value: found.value,
                low: found.low,
                high: found.high,
                qualifier: found.qualifier,
                unit: found.unit.into(),
                as_of,
                attribution: attribution.map(Into::into),
                quote,
                span,
                line: line_of(span.start),
                superseded: found.superseded,
                part,
                implicit: found.implicit,
                headline: *headline,
                event: None,
                revised,
                derived: found.derived,
            });
            id
        };
        let mut previous: Option<Previous> = None;
        let mut last_money_end: Option<usize> = None;
        let mut quoted: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < t.toks.len() {
            let Some(fig) = numbers::figure_at(t, text, i, lex, opts.about_tolerance) else {
                i += 1;
                continue;
            };
            i = fig.end.max(i + 1);
            let si = sentence_of[fig.number];
            let s = sents[si];
            let fig_span = Span {
                start: t.toks[fig.first].start,
                end: t.toks[fig.end.min(t.toks.len()) - 1].end,
            };
            let explain = |outcome: Outcome, out: &mut Extraction| {
                out.explained.push(Explained {
                    span: fig_span,
                    line: line_of(fig_span.start),
                    outcome,
                });
            };
            if let Some(skip) = numbers::not_a_count(t, text, &fig, s.start, lex) {
                explain(Outcome::Skipped(skip), &mut out);
                continue;
            }
            if let Some(year) =
                frame::past_event(t, text, &s, fig.first, fig.end, source.meta.published)
            {
                explain(Outcome::Skipped(Skip::PastEvent(year)), &mut out);
                continue;
            }
            // "310 billion rubles ($4.2 billion)": the bracketed sum restates the claim before it.
            let bracketed = fig.first > 0
                && t.toks[fig.first - 1].kind == tokens::Kind::Punct
                && t.lower[fig.first - 1] == "(";
            if fig.currency.is_some() && bracketed && last_money_end == Some(fig.first - 1) {
                explain(Outcome::Skipped(Skip::Conversion), &mut out);
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
                no_deaths,
            };
            let framed = frame_figure(&reading, si, &fig, previous);
            let Framed {
                hit,
                subject,
                quote,
                subset,
            } = match framed {
                Ok(f) => f,
                Err(skip) => {
                    explain(Outcome::Skipped(skip), &mut out);
                    continue;
                }
            };
            if !subset {
                previous = Some(Previous {
                    sentence: si,
                    metric: hit.metric,
                    subject,
                });
            }
            quoted.push(quote);
            let value = match fig.qualifier {
                Qualifier::Range => None,
                _ => fig.value,
            };
            let id = make(
                Found {
                    sentence: si,
                    anchor: fig.number,
                    quote,
                    metric: hit.metric,
                    subject,
                    value,
                    low: fig.low,
                    high: fig.high,
                    qualifier: fig.qualifier,
                    unit: fig.currency.clone().unwrap_or_else(|| "people".to_string()),
                    superseded: frame::superseded(t, &fig, s.start, lex),
                    implicit: false,
                    derived: false,
                },
                &mut out,
            );
            explain(Outcome::Claim(id), &mut out);
        }
        // The wounded the text states by arithmetic: everyone shot less the dead.
        if let Some(injured) = lex.metrics.iter().position(|m| m.name.0 == "injured") {
            for total in frame::shot_totals(t, text, sents, lex, opts.about_tolerance) {
                make(
                    Found {
                        sentence: total.sentence,
                        anchor: total.anchor,
                        quote: total.quote,
                        metric: injured,
                        subject: Some(total.subject),
                        value: Some(total.wounded),
                        low: Some(total.wounded),
                        high: Some(total.wounded),
                        qualifier: Qualifier::Exact,
                        unit: "people".to_string(),
                        superseded: false,
                        implicit: false,
                        derived: true,
                    },
                    &mut out,
                );
            }
        }
        // Figures' quotes by start, with the furthest end reached so far: whether a
        // span overlaps one is a binary search, not a scan of every quote (which
        // made one long document quadratic).
        quoted.sort_unstable();
        let mut reach = 0;
        let reach_by: Vec<usize> = quoted
            .iter()
            .map(|&(_, b)| {
                reach = reach.max(b);
                reach
            })
            .collect();
        let overlaps_a_quote = |start: usize, end: usize| {
            let n = quoted.partition_point(|&(a, _)| a < end);
            n > 0 && reach_by[n - 1] > start
        };
        // Counts of one with no numeral, where no figure's quote already stands.
        for (si, s) in sents.iter().enumerate() {
            let from = harm.partition_point(|&(k, _)| k < s.start);
            if harm.get(from).is_none_or(|&(k, _)| k >= s.end) {
                continue;
            }
            for one in frame::implicit_counts(t, s, lex, &killed_or_injured, no_deaths) {
                if overlaps_a_quote(one.start, one.end) {
                    continue;
                }
                if frame::past_event(t, text, s, one.start, one.end, source.meta.published)
                    .is_some()
                {
                    continue;
                }
                let id = make(
                    Found {
                        sentence: si,
                        anchor: one.start,
                        quote: (one.start, one.end),
                        metric: one.metric,
                        subject: Some(one.subject),
                        value: Some(one.count),
                        low: Some(one.count),
                        high: Some(one.count),
                        qualifier: Qualifier::Exact,
                        unit: "people".to_string(),
                        superseded: false,
                        implicit: true,
                        derived: false,
                    },
                    &mut out,
                );
                let span = out.claims.last().map(|c| c.span).unwrap_or_default();
                out.explained.push(Explained {
                    span,
                    line: line_of(span.start),
                    outcome: Outcome::Claim(id),
                });
            }
        }
    }
    // Implicit counts were found after the figures: put both in text order, by the
    // token each is read from (headline last, as it is read last).
    // Most sources need no reordering: then the claims are not moved at all.
    let in_order = anchors
        .iter()
        .zip(&out.claims)
        .map(|(&at, c)| (c.headline, at))
        .is_sorted();
    if !in_order {
        let mut keyed: Vec<(bool, usize, Claim)> = anchors
            .into_iter()
            .zip(std::mem::take(&mut out.claims))
            .map(|(at, c)| (c.headline, at, c))
            .collect();
        keyed.sort_by_key(|(headline, at, _)| (*headline, *at));
        out.claims = keyed.into_iter().map(|(_, _, c)| c).collect();
    }
    restate_body_dates(&mut out.claims);
    // A wounded count of one whose death the article states too is that death.
    let gone: rustc_hash::FxHashSet<String> = frame::died_later(&out.claims, text)
        .into_iter()
        .map(|i| out.claims[i].id.to_string())
        .collect();
    // Nearly always none: then no id is looked up.
    if !gone.is_empty() {
        out.claims.retain(|c| !gone.contains(c.id.as_str()));
        out.explained
            .retain(|e| !matches!(&e.outcome, Outcome::Claim(id) if gone.contains(id)));
    }
    out.explained
        .sort_by_key(|e| (e.span.start < source.body_start, e.span.start));
    out
}

/// A headline restates a figure of its body in fewer words: "Fire kills 3" is as
/// of the day the body says "officials said Monday" of the same three, not of
/// publication, or the next day's report would seem to contradict it.
fn restate_body_dates(claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let h = &claims[i];
        if !h.headline {
            continue;
        }
        let body = claims.iter().find(|b| {
            !b.headline
                && b.metric == h.metric
                && b.subject == h.subject
                && (b.value, b.low, b.high) == (h.value, h.low, h.high)
        });
        if let Some(day) = body.and_then(|b| b.as_of) {
            claims[i].as_of = Some(day);
        }
    }
}

/// A claim's frame, however it was found.
struct Found {
    sentence: usize,
    /// The token dates and places are looked for around.
    anchor: usize,
    quote: (usize, usize),
    metric: usize,
    subject: Option<usize>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Qualifier,
    unit: String,
    superseded: bool,
    implicit: bool,
    derived: bool,
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
    let arena = tokens::Bump::new();
    let t = tokens::tokenize(text, source.body_start, text.len(), &arena);
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
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut h = Sha256::new();
    let occurrence = occurrence.to_string();
    for part in [source, &metric.0, quote, &occurrence] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let mut id = String::with_capacity(metric.0.len() + 11);
    id.push_str(&metric.0);
    id.push('-');
    // Hex digits by hand: this runs for every claim, and `write!` is slow.
    for &b in h.finalize().iter().take(5) {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 15)]));
    }
    id
}
