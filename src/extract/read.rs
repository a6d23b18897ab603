//! Framing the figures and counts a stretch owns into claims, in the order a
//! whole reading of its section finds them, with what spans the document: the
//! ids' occurrences of equal quotes, and what one window hands the next.

use super::frame::{self, DocScope, Framed, Previous, Reading, frame_figure};
use super::stretch::Stretch;
use super::tokens;
use super::{Explained, Extraction, Options, Outcome, Skip, numbers, revision};
use crate::claim::Word;
use crate::claim::{Claim, Qualifier, Span, Status};
use crate::corpus::Source;
use crate::lexicon::Lexicon;
use chrono::NaiveDate;

/// The day a crowd figure with no date of its own is as of (see
/// [`frame::gathering_day`]).
#[derive(Debug, Clone, Copy)]
pub enum Gathering {
    /// Look in the stretch's sentences before the figure's: the stretch is the
    /// whole section.
    Search,
    /// Known for the whole section: the first sentence that tells of a dated
    /// gathering, by its first byte, and its day.
    Known(Option<(usize, NaiveDate)>),
}

/// What framing carries from one window of a section to the next, as offsets
/// from the end of the window's own tokens (the next window's first own token).
#[derive(Debug, Clone, Default)]
pub struct Carry {
    /// Where the search for figures goes on: past a figure that ran over.
    resume: usize,
    /// One past the last sum of money, for a bracketed conversion after it.
    money_end: Option<isize>,
    /// Figures' quotes that reach past the window's own tokens.
    quotes: Vec<(isize, isize)>,
}

/// The order a section's claims are found in whole: its figures, then the
/// wounded its arithmetic states, then its counts of one with no numeral.
/// Equal quotes take their ids' occurrences in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Figure,
    Derived,
    Implicit,
}

/// A claim whose id waits for its section's end.
struct Pending {
    phase: Phase,
    metric: usize,
    claim: usize,
    explained: Option<usize>,
}

/// Line numbers of a stretch's bytes.
struct Lines {
    /// Line breaks before the stretch.
    before: usize,
    /// Starts of the lines that begin inside it.
    starts: Vec<usize>,
}

impl Lines {
    fn line_of(&self, byte: usize) -> usize {
        1 + self.before + self.starts.partition_point(|&s| s <= byte)
    }
}

/// What the whole document decided before its figures are framed.
pub struct Doc<'a> {
    pub source: &'a Source,
    pub lex: &'a Lexicon,
    pub opts: &'a Options,
    pub scope: DocScope,
    /// The article states no death: whoever it says was shot was wounded.
    pub no_deaths: bool,
    /// It has several sections: live-page entries.
    pub live_page: bool,
    /// Per metric: whether a harm (killed or injured), and whether a death.
    pub harms: Vec<(bool, bool)>,
    /// Account for every number in [`Extraction::explained`], not only claims.
    pub explain: bool,
}

/// Frames stretches into claims, keeping what spans the document.
pub struct Reader<'a> {
    doc: Doc<'a>,
    pub out: Extraction,
    /// The byte each claim is read from, to put claims in text order at the end.
    pub anchors: Vec<usize>,
    pending: Vec<Pending>,
    /// Which occurrence of a quote a claim is, so equal quotes get distinct ids;
    /// keyed by borrowed text, as this runs for every claim.
    seen_quotes: rustc_hash::FxHashMap<(usize, &'a str), usize>,
    /// Line breaks before a byte, counted so far.
    lines_seen: (usize, usize),
    /// The source's id, the unit of a count of people and the place of a
    /// figure placed nowhere, shared by every claim that has them rather than
    /// allocated for each.
    source: Word,
    people: Word,
    unknown: Word,
    /// Room was made for the claims up front ([`Reader::reserve`]): what is
    /// left of it is handed back at the end. Other documents' vectors grew as
    /// they filled, and are left as they are (shrinking each would copy it).
    reserved: bool,
}

impl<'a> Reader<'a> {
    pub fn new(doc: Doc<'a>) -> Self {
        Reader {
            source: Word::from(doc.source.id.as_str()),
            doc,
            out: Extraction::default(),
            anchors: Vec::new(),
            pending: Vec::new(),
            seen_quotes: Default::default(),
            lines_seen: (0, 0),
            people: Word::from("people"),
            unknown: Word::from("unknown"),
            reserved: false,
        }
    }

    /// The line table of the stretch `from..to`.
    fn lines(&mut self, from: usize, to: usize) -> Lines {
        let bytes = self.doc.source.text.as_bytes();
        let (at, n) = self.lines_seen;
        let (at, n) = if from >= at { (at, n) } else { (0, 0) };
        // A plain count: the compiler makes it a vector loop.
        let before = n + bytes[at..from].iter().filter(|&&b| b == b'\n').count();
        self.lines_seen = (from, before);
        // Found a vector at a time (memchr): this reads every byte of the text,
        // and a collecting filter is not vectorised.
        let starts = memchr::memchr_iter(b'\n', &bytes[from..to])
            .map(|i| from + i + 1)
            .collect();
        Lines { before, starts }
    }

    /// Frames the figures and counts a stretch owns, in the order a whole
    /// reading of its section finds them; `harm` is [`Stretch::harm`].
    pub fn frame(
        &mut self,
        st: &Stretch,
        harm: &[(usize, bool)],
        gathering: Gathering,
        carry: &mut Carry,
    ) {
        let source: &'a Source = self.doc.source;
        let text = source.text.as_str();
        let (lex, opts, no_deaths) = (self.doc.lex, self.doc.opts, self.doc.no_deaths);
        let keep_account = self.doc.explain;
        let t = &st.t;
        let sents = &st.sents;
        let lines = self.lines(
            t.toks.first().map_or(st.sec.start, |k| k.start),
            t.toks.last().map_or(st.sec.start, |k| k.end),
        );
        let mut revised_in = Default::default();
        let mut sentence_of = vec![0; t.toks.len()];
        for (si, s) in sents.iter().enumerate() {
            sentence_of[s.start..s.end].iter_mut().for_each(|x| *x = si);
        }
        let base = st.own_toks.start as isize;
        let here = |off: isize| usize::try_from(base + off).ok();
        let mut previous: Option<Previous> = None;
        let mut last_money_end: Option<usize> = carry.money_end.and_then(here);
        let mut quoted: Vec<(usize, usize)> = carry
            .quotes
            .iter()
            .map(|&(a, b)| (here(a).unwrap_or(0), here(b).unwrap_or(0)))
            .collect();
        let mut i = st.own_toks.start + carry.resume;
        while i < st.own_toks.end {
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
                if keep_account {
                    out.explained.push(Explained {
                        span: fig_span,
                        line: lines.line_of(fig_span.start),
                        outcome,
                    });
                }
            };
            if let Some(skip) = numbers::not_a_count(t, text, &fig, s.start, lex) {
                explain(Outcome::Skipped(skip), &mut self.out);
                continue;
            }
            let published = source.meta.published;
            if let Some(year) = frame::past_event(t, text, &s, fig.first, fig.end, published) {
                explain(Outcome::Skipped(Skip::PastEvent(year)), &mut self.out);
                continue;
            }
            if frame::tally(t, &s) {
                explain(Outcome::Skipped(Skip::Tally), &mut self.out);
                continue;
            }
            // "310 billion rubles ($4.2 billion)": the bracketed sum restates the claim before it.
            let bracketed = fig.first > 0
                && t.toks[fig.first - 1].kind == tokens::Kind::Punct
                && t.lower[fig.first - 1] == "(";
            if fig.currency.is_some() && bracketed && last_money_end == Some(fig.first - 1) {
                explain(Outcome::Skipped(Skip::Conversion), &mut self.out);
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
                    explain(Outcome::Skipped(skip), &mut self.out);
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
            let found = Found {
                sentence: si,
                anchor: fig.number,
                quote,
                metric: hit.metric,
                subject,
                value,
                low: fig.low,
                high: fig.high,
                qualifier: fig.qualifier,
                unit: fig
                    .currency
                    .as_deref()
                    .map_or_else(|| self.people.clone(), Word::from),
                superseded: frame::superseded(t, &fig, s.start, lex),
                implicit: false,
                derived: false,
            };
            self.make(st, &lines, gathering, &mut revised_in, found, Phase::Figure);
            if keep_account {
                explain(Outcome::Claim(String::new()), &mut self.out);
                self.explained_last();
            }
        }
        let end = st.own_toks.end as isize;
        *carry = Carry {
            resume: i - st.own_toks.end,
            money_end: last_money_end.map(|k| k as isize - end),
            quotes: quoted
                .iter()
                .filter(|&&(_, b)| b > st.own_toks.end)
                .map(|&(a, b)| (a as isize - end, b as isize - end))
                .collect(),
        };
        // The wounded the text states by arithmetic: everyone shot less the dead.
        if let Some(injured) = lex.metrics.iter().position(|m| m.name.0 == "injured") {
            for total in frame::shot_totals(t, text, sents, lex, opts.about_tolerance)
                .into_iter()
                .filter(|total| st.own_sents.contains(&total.sentence))
            {
                let found = Found {
                    sentence: total.sentence,
                    anchor: total.anchor,
                    quote: total.quote,
                    metric: injured,
                    subject: Some(total.subject),
                    value: Some(total.wounded),
                    low: Some(total.wounded),
                    high: Some(total.wounded),
                    qualifier: Qualifier::Exact,
                    unit: self.people.clone(),
                    superseded: false,
                    implicit: false,
                    derived: true,
                };
                self.make(
                    st,
                    &lines,
                    gathering,
                    &mut revised_in,
                    found,
                    Phase::Derived,
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
        let harms = &self.doc.harms;
        let killed_or_injured = |m: usize| harms[m].0;
        // Counts of one with no numeral, where no figure's quote already stands.
        let mut implicit = Vec::new();
        for si in st.own_sents.clone() {
            let s = &sents[si];
            let from = harm.partition_point(|&(k, _)| k < s.start);
            if harm.get(from).is_none_or(|&(k, _)| k >= s.end) {
                continue;
            }
            for one in frame::implicit_counts(t, s, lex, &killed_or_injured, no_deaths) {
                if overlaps_a_quote(one.start, one.end) {
                    continue;
                }
                let published = source.meta.published;
                if frame::past_event(t, text, s, one.start, one.end, published).is_some()
                    || frame::tally(t, s)
                {
                    continue;
                }
                implicit.push(Found {
                    sentence: si,
                    anchor: one.start,
                    quote: (one.start, one.end),
                    metric: one.metric,
                    subject: Some(one.subject),
                    value: Some(one.count),
                    low: Some(one.count),
                    high: Some(one.count),
                    qualifier: Qualifier::Exact,
                    unit: self.people.clone(),
                    superseded: false,
                    implicit: true,
                    derived: false,
                });
            }
        }
        for found in implicit {
            let c = self.make(
                st,
                &lines,
                gathering,
                &mut revised_in,
                found,
                Phase::Implicit,
            );
            if !keep_account {
                continue;
            }
            let span = self.out.claims[c].span;
            self.out.explained.push(Explained {
                span,
                line: lines.line_of(span.start),
                outcome: Outcome::Claim(String::new()),
            });
            self.explained_last();
        }
    }

    /// Records that the last explained number is the last claim's.
    fn explained_last(&mut self) {
        if let Some(p) = self.pending.last_mut() {
            p.explained = Some(self.out.explained.len() - 1);
        }
    }

    /// Gives the claims of the section just framed their ids, in the order a
    /// whole reading finds them: figures, then derived counts, then implicit ones.
    pub fn end_section(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        // Stable: within a phase, in the order found (text order).
        pending.sort_by_key(|p| p.phase);
        let source: &'a Source = self.doc.source;
        let text = source.text.as_str();
        for p in &pending {
            let c = &self.out.claims[p.claim];
            let occurrence = self
                .seen_quotes
                .entry((p.metric, &text[c.span.start..c.span.end]))
                .or_default();
            *occurrence += 1;
            let id = super::claim_id(&source.id, &c.metric, &c.quote, *occurrence);
            if let Some(e) = p.explained {
                self.out.explained[e].outcome = Outcome::Claim(id.to_string());
            }
            self.out.claims[p.claim].id = id;
        }
    }

    /// Builds a claim from its frame; shared by figures and implicit counts.
    /// Its id waits for the section's end.
    fn make(
        &mut self,
        st: &Stretch,
        lines: &Lines,
        gathering: Gathering,
        revised_in: &mut rustc_hash::FxHashMap<(usize, usize), bool>,
        found: Found,
        phase: Phase,
    ) -> usize {
        let Doc {
            source,
            lex,
            ref scope,
            live_page,
            ..
        } = self.doc;
        let text = source.text.as_str();
        let (sec, t, sents, headline) = (st.sec, &st.t, &st.sents, st.headline);
        let s = sents[found.sentence];
        let span = Span {
            start: t.toks[found.quote.0].start,
            end: t.toks[found.quote.1 - 1].end,
        };
        let quote = crate::claim::Quote::from(&text[span.start..span.end]);
        let location = frame::place_for(
            &frame::Places {
                t,
                sentences: sents,
                mentions: &st.places,
                scope,
                lex,
                entry: live_page && !headline,
            },
            found.anchor,
            found.sentence,
        )
        .unwrap_or_else(|| frame::Placed {
            name: self.unknown.clone(),
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
        let gathered = || match gathering {
            Gathering::Search => {
                frame::gathering_day(t, text, sents, found.sentence, sec.as_of, lex)
            }
            Gathering::Known(first) => first
                .filter(|&(at, _)| at < t.toks[s.start].start)
                .map(|(_, day)| day),
        };
        let as_of = frame::named_date(t, text, &s, date_anchor, sec.as_of)
            .or_else(|| crowd.then(gathered).flatten())
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
        self.anchors.push(t.toks[found.anchor].start);
        self.pending.push(Pending {
            phase,
            metric: found.metric,
            claim: self.out.claims.len(),
            explained: None,
        });
        self.out.claims.push(Claim {
            id: Default::default(),
            source: self.source.clone(),
            status: Status::Extracted,
            metric: metric.name.clone(),
            subject: found.subject.map(|s| lex.subjects[s].name.clone()),
            location: location.name,
            place_assumed: location.assumed,
            increment,
            value: found.value.into(),
            low: found.low.into(),
            high: found.high.into(),
            qualifier: found.qualifier,
            unit: found.unit,
            as_of,
            attribution: attribution.map(Into::into),
            quote,
            span,
            line: lines.line_of(span.start),
            superseded: found.superseded,
            part,
            implicit: found.implicit,
            headline,
            event: None,
            revised,
            derived: found.derived,
        });
        self.out.claims.len() - 1
    }

    /// The document's extraction, and each claim's anchor byte.
    /// Makes room for about `claims` claims at once, so that a long document's
    /// vector of claims is not doubled as it fills: a doubling copies it, and
    /// for a moment holds it twice. Room never filled is never touched, so it
    /// costs address space, not memory; [`Reader::finish`] hands it back.
    pub fn reserve(&mut self, claims: usize) {
        self.out.claims.reserve_exact(claims);
        self.anchors.reserve_exact(claims);
        self.reserved = true;
    }

    pub fn finish(mut self) -> (Extraction, Vec<usize>) {
        if self.reserved {
            self.out.claims.shrink_to_fit();
            self.anchors.shrink_to_fit();
        }
        (self.out, self.anchors)
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
    unit: Word,
    superseded: bool,
    implicit: bool,
    derived: bool,
}
