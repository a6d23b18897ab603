//! A unit's paragraphs cut into words a window at a time, so that reading one
//! long document holds the words of one window rather than of the whole text.
//!
//! Reading a unit's signals walks its paragraphs' words several times (which
//! paragraphs tell the story, the places they name, the names they use, then
//! the terms). A text that fits in one window is cut into words once and every
//! walk reads those; a longer one is cut again, a window at a time, for each
//! walk: the same words, in the same order, without holding them all.

use super::words::{Tokens, words};
use std::borrow::Cow;

/// How many bytes of paragraphs are cut into words at a time. A window holds
/// about seven times its bytes in words (a slice and a lower-case form each);
/// a text up to this size is cut once for every walk.
pub const WINDOW: usize = 1 << 20;

/// Paragraphs, with their words when they fit in one window.
pub struct Paragraphs<'a> {
    texts: Vec<&'a str>,
    /// The words of every paragraph, when they all fit in one window.
    tokens: Option<Vec<Tokens<'a>>>,
    window: usize,
}

impl<'a> Paragraphs<'a> {
    /// Paragraphs read `window` bytes at a time (at least one paragraph each).
    pub fn new(texts: Vec<&'a str>, window: usize) -> Paragraphs<'a> {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let tokens = (bytes <= window).then(|| texts.iter().map(|t| Tokens::new(t)).collect());
        Paragraphs {
            texts,
            tokens,
            window,
        }
    }

    /// The paragraphs' texts.
    pub fn texts(&self) -> &[&'a str] {
        &self.texts
    }

    /// How many paragraphs there are.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Every paragraph's words, when the text was cut into words once.
    pub fn cut_once(&self) -> Option<&[Tokens<'a>]> {
        self.tokens.as_deref()
    }

    /// The words of the first `n` paragraphs.
    pub fn first_words(&self, n: usize) -> Box<dyn Iterator<Item = &'a str> + '_> {
        match &self.tokens {
            Some(tokens) => Box::new(tokens.iter().take(n).flat_map(|t| t.words.iter().copied())),
            None => Box::new(self.texts.iter().take(n).flat_map(|t| words(t))),
        }
    }

    /// Walks the paragraphs' words in order, a window at a time: `f` gets the
    /// index of the window's first paragraph and the window's words.
    pub fn each(&self, mut f: impl FnMut(usize, &[Tokens<'a>])) {
        if let Some(tokens) = &self.tokens {
            f(0, tokens);
            return;
        }
        let mut first = 0;
        while first < self.texts.len() {
            let mut end = first;
            let mut bytes = 0;
            while end < self.texts.len()
                && (end == first || bytes + self.texts[end].len() <= self.window)
            {
                bytes += self.texts[end].len();
                end += 1;
            }
            let tokens: Vec<Tokens<'a>> = self.texts[first..end]
                .iter()
                .map(|t| Tokens::new(t))
                .collect();
            f(first, &tokens);
            first = end;
        }
    }

    /// The paragraphs `keep` keeps (given each one's index), their words kept
    /// with them.
    pub fn keep(self, keep: impl Fn(usize) -> bool) -> Paragraphs<'a> {
        if (0..self.len()).all(&keep) {
            return self;
        }
        let texts = self
            .texts
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, t)| t)
            .collect();
        let tokens = self.tokens.map(|tokens| {
            tokens
                .into_iter()
                .enumerate()
                .filter(|(i, _)| keep(*i))
                .map(|(_, t)| t)
                .collect()
        });
        Paragraphs {
            texts,
            tokens,
            window: self.window,
        }
    }

    /// The paragraphs as `cut` (one text a paragraph, borrowed when it is the
    /// paragraph or a start of it) rewrites them: a paragraph left whole keeps
    /// its words, one rewritten is cut into words again.
    pub fn rewritten<'c>(self, cut: &'c [Cow<'a, str>]) -> Paragraphs<'c>
    where
        'a: 'c,
    {
        let texts = cut.iter().map(AsRef::as_ref).collect();
        let tokens = self.tokens.map(|tokens| {
            tokens
                .into_iter()
                .zip(cut)
                .map(|(p, t)| match t {
                    Cow::Borrowed(t) if t.len() == p.text.len() => p,
                    t => Tokens::new(t),
                })
                .collect()
        });
        Paragraphs {
            texts,
            tokens,
            window: self.window,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every paragraph's words as the walk gives them, with its index.
    fn walked(p: &Paragraphs) -> Vec<(usize, Vec<String>)> {
        let mut out = Vec::new();
        p.each(|first, tokens| {
            for (i, t) in tokens.iter().enumerate() {
                out.push((first + i, t.lower.iter().map(|w| w.to_string()).collect()));
            }
        });
        out
    }

    #[test]
    fn windows_walk_the_words_the_whole_text_has() {
        let texts = vec![
            "Ann Lee left.",
            "The CAR stopped",
            "",
            "on Main Street today",
        ];
        let whole = walked(&Paragraphs::new(texts.clone(), WINDOW));
        for window in [0, 1, 14, 20, 40] {
            let p = Paragraphs::new(texts.clone(), window);
            assert_eq!(walked(&p), whole, "window {window}");
            let kept = |p: Paragraphs| walked(&p.keep(|i| i != 1));
            assert_eq!(
                kept(Paragraphs::new(texts.clone(), window)),
                kept(Paragraphs::new(texts.clone(), WINDOW))
            );
            let cut: Vec<Cow<str>> = texts
                .iter()
                .map(|t| match t.find(' ') {
                    Some(at) if t.starts_with('T') => Cow::Owned(t[at..].to_string()),
                    Some(at) => Cow::Borrowed(&t[..at]),
                    None => Cow::Borrowed(*t),
                })
                .collect();
            let rewritten = |p: Paragraphs, cut| walked(&p.rewritten(cut));
            assert_eq!(
                rewritten(Paragraphs::new(texts.clone(), window), &cut),
                rewritten(Paragraphs::new(texts.clone(), WINDOW), &cut)
            );
        }
    }
}
