//! One stretch of a section as the extractor reads it: the whole section, or
//! one window of a long one with the context around it.

use super::frame::{self, PlaceMention};
use super::gloss;
use super::tokens::{self, Bump, Sentence, Tokens};
use super::window::{CONTEXT_TOKENS, Window};
use crate::corpus::Section;
use crate::lexicon::{Lexicon, lang::Language};
use std::ops::Range;

/// A stretch's tokens, sentences and place mentions, and which of them are its
/// own: the rest is context, read so that frames see what a whole reading sees.
pub struct Stretch<'a> {
    /// The section it belongs to.
    pub sec: Section,
    /// True for the headline.
    pub headline: bool,
    /// Its tokens, own and context.
    pub t: Tokens<'a>,
    /// Its sentences.
    pub sents: Vec<Sentence>,
    /// The places its sentences name.
    pub places: Vec<PlaceMention>,
    /// Its own tokens.
    pub own_toks: Range<usize>,
    /// Its own sentences (those that start in its own tokens).
    pub own_sents: Range<usize>,
}

impl<'a> Stretch<'a> {
    /// Tokenizes `window.read` of `sec`.
    pub fn read(
        text: &'a str,
        sec: Section,
        headline: bool,
        window: &Window,
        lang: Option<&'static Language>,
        lex: &Lexicon,
        arena: &'a Bump,
    ) -> Self {
        let t = tokens::tokenize(text, window.read.start, window.read.end, arena);
        let t = match lang {
            Some(lang) => gloss::apply(lang, t),
            None => t,
        };
        let sents = tokens::sentences(text, &t);
        let opens_section = window.read.start == sec.start;
        let places = frame::place_mentions(&t, text, &sents, lex, opens_section);
        let first = t.toks.partition_point(|k| k.start < window.own.start);
        let last = t.toks.partition_point(|k| k.start < window.own.end);
        let own_sents =
            sents.partition_point(|s| s.start < first)..sents.partition_point(|s| s.start < last);
        Stretch {
            sec,
            headline,
            t,
            sents,
            places,
            own_toks: first..last,
            own_sents,
        }
    }

    /// True when the context either side is long enough for every frame, or
    /// reaches the section's edge.
    pub fn has_context(&self, window: &Window) -> bool {
        let before = window.read.start == self.sec.start || self.own_toks.start >= CONTEXT_TOKENS;
        let after = window.read.end == self.sec.end
            || self.t.toks.len() - self.own_toks.end >= CONTEXT_TOKENS;
        before && after
    }

    /// The place mentions of its own sentences.
    pub fn own_places(&self) -> impl Iterator<Item = &PlaceMention> {
        self.places
            .iter()
            .filter(|m| self.own_sents.contains(&m.sentence))
    }

    /// Per own token that states harm: whether it states a death. `harms[m]`
    /// says whether metric `m` is a harm and whether a death.
    pub fn harm(&self, lex: &Lexicon, harms: &[(bool, bool)]) -> Vec<(usize, bool)> {
        let t = &self.t;
        self.own_toks
            .clone()
            .filter_map(|k| {
                let death = lex
                    .metric_terms
                    .longest_at(&t.lower, k)
                    .filter(|&(_, &m)| harms[m].0)
                    .map(|(_, &m)| harms[m].1);
                let other = matches!(t.lower[k].as_str(), "shot" | "life" | "himself" | "herself");
                death.or(other.then_some(false)).map(|d| (k, d))
            })
            .collect()
    }
}
