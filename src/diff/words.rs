//! Changed words within a pair of sentences.

use crate::claim::Span;
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::time::Instant;

/// Byte ranges of the words of `text[span]`: runs of non-whitespace.
fn words(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[span.start..span.end].char_indices() {
        let at = span.start + i;
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(Span { start: s, end: at });
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Span {
            start: s,
            end: span.end,
        });
    }
    out
}

/// The words of each sentence that the other lacks, as merged byte ranges.
pub fn changed_words(
    a_text: &str,
    a: Span,
    b_text: &str,
    b: Span,
    deadline: Instant,
) -> (Vec<Span>, Vec<Span>) {
    let wa = words(a_text, a);
    let wb = words(b_text, b);
    let ka: Vec<&str> = wa.iter().map(|s| &a_text[s.start..s.end]).collect();
    let kb: Vec<&str> = wb.iter().map(|s| &b_text[s.start..s.end]).collect();
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ka, &kb, Some(deadline));
    let (mut ca, mut cb) = (Vec::new(), Vec::new());
    let merge = |list: &mut Vec<Span>, words: &[Span], range: std::ops::Range<usize>| {
        if range.is_empty() {
            return;
        }
        let span = Span {
            start: words[range.start].start,
            end: words[range.end - 1].end,
        };
        list.push(span);
    };
    for op in ops {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => merge(&mut ca, &wa, old_index..old_index + old_len),
            DiffOp::Insert {
                new_index, new_len, ..
            } => merge(&mut cb, &wb, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                merge(&mut ca, &wa, old_index..old_index + old_len);
                merge(&mut cb, &wb, new_index..new_index + new_len);
            }
        }
    }
    (ca, cb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_changed_words_are_marked() {
        let a = "It was reported that 18 officials were killed.";
        let b = "It was reported that 19 officials were killed.";
        let whole = |t: &str| Span {
            start: 0,
            end: t.len(),
        };
        let far = Instant::now() + std::time::Duration::from_secs(5);
        let (ca, cb) = changed_words(a, whole(a), b, whole(b), far);
        assert_eq!(
            ca.iter().map(|s| &a[s.start..s.end]).collect::<Vec<_>>(),
            ["18"]
        );
        assert_eq!(
            cb.iter().map(|s| &b[s.start..s.end]).collect::<Vec<_>>(),
            ["19"]
        );
    }
}
