//! Windows: a long section read a run of whole paragraphs at a time, so the
//! memory extraction needs is bounded by the window, not by the document.
//!
//! A window's own paragraphs are framed; a few paragraphs either side are read
//! with them as context, because the frame of a figure looks past its sentence
//! (the paragraphs before a live-page entry's figure, the sentence before an
//! anaphor, up to 61 tokens back for an event the text recalls, up to 25 after
//! a figure and the sentence after it for the dead among those shot). Cutting
//! only where the tokenizer starts a paragraph keeps the tokens, sentences and
//! paragraphs of the context those a whole reading would make.

use std::ops::Range;

/// How many bytes of a section a window frames, about: a run of whole
/// paragraphs of at least this size (or the rest of the section). A body up to
/// twice this is read whole, in one pass (see `extract`): below that, windows
/// would save at most half of a small peak for a second reading.
pub const BYTES: usize = 1 << 20;

/// Tokens of context a window must have before and after its own text (or
/// reach the section's edge): more than any frame reads past a sentence.
pub const CONTEXT_TOKENS: usize = 64;

/// Paragraphs of context before a window's own text: a live-page entry's
/// figure takes its place from up to two paragraphs back.
const CONTEXT_PARAGRAPHS: usize = 2;

/// One window of a section, in byte offsets of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// What is tokenized: the own text with its context.
    pub read: Range<usize>,
    /// What is framed: figures and sentences that start here.
    pub own: Range<usize>,
}

/// True when the tokenizer starts a new paragraph with the first token at or
/// after `p`, the byte after a line break: a blank line stands before it, or
/// its first letter is not a lower-case one (which would continue a
/// hard-wrapped line). Anything unusual (a space outside ASCII) says no.
pub fn opens_paragraph(text: &str, p: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let mut blank = false;
    let mut i = p;
    while i < end {
        let b = bytes[i];
        if b <= b' ' || b == 0x7f {
            blank |= b == b'\n';
            i += 1;
            continue;
        }
        // Markdown emphasis is skipped by the tokenizer, as here.
        if matches!(b, b'*' | b'_' | b'`' | b'~') {
            i += 1;
            continue;
        }
        if b < 0x80 {
            return blank || !b.is_ascii_lowercase();
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        return !(c.is_whitespace() || c.is_control()) && (blank || !c.is_lowercase());
    }
    false
}

/// The first paragraph start at or after `from` and before `end`, else `end`.
fn next_cut(text: &str, from: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(k) = bytes[i.min(end)..end].iter().position(|&b| b == b'\n') {
        let p = i + k + 1;
        if opens_paragraph(text, p, end) {
            return p;
        }
        i = p;
    }
    end
}

/// The `n`th paragraph start before `before` (and at least `margin` bytes before it),
/// not before `start`; `start` when there is none.
fn cut_back(text: &str, start: usize, before: usize, n: usize, margin: usize) -> usize {
    let bytes = text.as_bytes();
    let mut found = 0;
    let mut end = before;
    while let Some(k) = bytes[start..end].iter().rposition(|&b| b == b'\n') {
        let p = start + k + 1;
        end = start + k;
        if p < before && opens_paragraph(text, p, before) {
            found += 1;
            if found >= n && before - p >= margin {
                return p;
            }
        }
    }
    start
}

/// The windows of the section `start..end`, each of about `size` own bytes,
/// with `lead` and `trail` bytes of context at least (more when the reader
/// finds too few tokens in them, see [`CONTEXT_TOKENS`]).
pub struct Windows<'a> {
    text: &'a str,
    section: Range<usize>,
    size: usize,
    next: usize,
}

impl<'a> Windows<'a> {
    /// The windows of `section`, each framing about `size` bytes.
    pub fn new(text: &'a str, section: Range<usize>, size: usize) -> Self {
        Windows {
            text,
            next: section.start,
            section,
            size: size.max(1),
        }
    }

    /// The window whose own text is `own`, with `margin` bytes of context either
    /// side at least: the caller widens it when the tokens fall short.
    pub fn with_margin(&self, own: Range<usize>, margin: usize) -> Window {
        let (start, end) = (self.section.start, self.section.end);
        let from = cut_back(self.text, start, own.start, CONTEXT_PARAGRAPHS, margin);
        let to = if own.end >= end {
            end
        } else {
            next_cut(self.text, (own.end + margin).min(end), end)
        };
        Window {
            read: from..to,
            own,
        }
    }
}

impl Iterator for Windows<'_> {
    type Item = Range<usize>;

    /// The next window's own text: whole paragraphs from where the last ended.
    fn next(&mut self) -> Option<Range<usize>> {
        let end = self.section.end;
        if self.next >= end {
            return None;
        }
        let from = self.next;
        let to = if end - from <= self.size {
            end
        } else {
            next_cut(self.text, from + self.size, end)
        };
        self.next = to;
        Some(from..to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_opens_after_a_blank_line_or_on_a_capital() {
        let text = "One.\nTwo.\nthree.\n\nfour.\n**Five**\n  \u{a0}six";
        let opens: Vec<usize> = text
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .filter(|&p| opens_paragraph(text, p, text.len()))
            .collect();
        let words: Vec<&str> = opens.iter().map(|&p| text[p..].trim_start()).collect();
        assert_eq!(
            words,
            [
                "Two.\nthree.\n\nfour.\n**Five**\n  \u{a0}six",
                "four.\n**Five**\n  \u{a0}six",
                "**Five**\n  \u{a0}six"
            ]
        );
    }

    #[test]
    fn windows_cover_the_section_in_whole_paragraphs() {
        let text = "Aa aa.\nBb bb.\ncc cc.\nDd dd.\nEe ee.\n";
        let own: Vec<&str> = Windows::new(text, 0..text.len(), 8)
            .map(|r| &text[r])
            .collect();
        assert_eq!(own, ["Aa aa.\nBb bb.\ncc cc.\n", "Dd dd.\nEe ee.\n"]);
        let w = Windows::new(text, 0..text.len(), 8).with_margin(21..text.len(), 0);
        // Two paragraphs of context before: "Aa aa." and the wrapped "Bb bb. cc cc.".
        assert_eq!(&text[w.read.clone()], text);
    }
}
