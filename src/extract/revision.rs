//! Whether the words around a figure say it corrects an earlier one.
//!
//! A toll that falls is a contradiction unless someone says why: "revised down to
//! 97", "after a recount", "some victims had been counted twice". The comparator
//! turns such a fall into a `revision`; this only reads the cue.

use crate::claim::Span;

/// Word stems that announce a correction. Matched at the start of a word, so
/// "revis" covers revised, revision, revising; "recount" covers recounted.
const CUES: &[&str] = &[
    "revis",
    "recount",
    "re-count",
    // Not "correct": "Correctional Facility", "Department of Corrections".
    "corrected",
    "correcting",
    "double count",
    "double-count",
    "counted twice",
    "lowered",
    "lowering",
    "down from",
    "downgrad",
    "downward",
    "adjusted",
    "amended",
    "scaled back",
    "cut the toll",
    "reduced the toll",
    "reduced the number",
    // Russian: "пересмотрено", "скорректировано", "учтены дважды", "понижено до".
    "пересмотр",
    "скорректир",
    "учтены дважды",
    "посчитаны дважды",
    "понижен",
];

/// Cues that say only that a figure is lower than before. For a stock (the
/// missing, the displaced) that is the ordinary course of things, not a correction:
/// "40 remain missing, down from 85".
const FALLS: &[&str] = &["lowered", "lowering", "down from", "downward", "понижен"];

/// Like [`revised`], for a figure of a stock: a fall alone is a change, so only a
/// cue that says the earlier figure was wrong ("revised", "counted twice") counts.
pub fn corrected(text: &str, sentence: Span, figure: Span) -> bool {
    if !revised(text, sentence, figure) {
        return false;
    }
    let start = sentence.start.min(figure.start);
    let end = sentence.end.max(figure.end).min(text.len());
    let lower = text.get(start..end).unwrap_or_default().to_lowercase();
    CUES.iter().filter(|c| !FALLS.contains(c)).any(|cue| {
        lower.match_indices(cue).any(|(i, _)| {
            !lower[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
    })
}

/// Every cue, matched in any ASCII case, in one pass over the text: an automaton
/// (with a vectorised prefilter) rather than a test at every word start.
fn cue_set() -> Option<&'static aho_corasick::AhoCorasick> {
    static CUE_SET: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    CUE_SET
        .get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(CUES)
                .ok()
        })
        .as_ref()
}

/// True when the sentence holding the figure says the figure corrects an earlier
/// one. `sentence` and `figure` are byte ranges into `text`; a range that does not
/// fall on character boundaries reads as no cue.
pub fn revised(text: &str, sentence: Span, figure: Span) -> bool {
    let start = sentence.start.min(figure.start);
    let end = sentence.end.max(figure.end).min(text.len());
    let Some(s) = text.get(start..end) else {
        return false;
    };
    let Some(set) = cue_set() else {
        return false;
    };
    if s.is_ascii() {
        return ascii_cue(s, set) && !negated(&s.to_ascii_lowercase());
    }
    // A sentence with a curly quote or a Cyrillic word is read in lower case
    // (the cues are; matching ignores ASCII case only).
    let lower = s.to_lowercase();
    set.find_overlapping_iter(&lower).any(|m| {
        // A word start: "uncorrected" and "prerevised" are not cues.
        !lower[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    }) && !negated(&lower)
}

/// The cue test for ASCII text, without a lower-case copy: does a cue begin (in
/// any case) at a word start?
fn ascii_cue(s: &str, set: &aho_corasick::AhoCorasick) -> bool {
    let bytes = s.as_bytes();
    set.find_overlapping_iter(s)
        .any(|m| m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric())
}

/// "has not been revised", "no correction": a denial is no revision.
fn negated(lower: &str) -> bool {
    [
        "not been revised",
        "not revised",
        "no correction",
        "not been corrected",
        "не пересматрива",
        "не пересмотрен",
    ]
    .iter()
    .any(|n| lower.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> bool {
        let fig = text.find(char::is_numeric).unwrap_or(0);
        revised(
            text,
            Span {
                start: 0,
                end: text.len(),
            },
            Span {
                start: fig,
                end: fig + 1,
            },
        )
    }

    #[test]
    fn correction_words_mark_a_revision() {
        assert!(check("Officials revised the toll down to 97 on Friday."));
        assert!(check("After a recount, the ministry put the dead at 253."));
        assert!(check("The toll is 41, after double counting was found."));
        assert!(check("The figure was lowered to 12."));
        assert!(check("Now 80, down from 95."));
        assert!(check("The corrected figure is 6."));
        assert!(check("Число погибших пересмотрено: 97 человек."));
        assert!(check("После проверки данные скорректировали до 12."));
    }

    #[test]
    fn a_stock_that_falls_is_changed_not_corrected() {
        let whole = |t: &str| Span {
            start: 0,
            end: t.len(),
        };
        let t = "Forty remain missing, down from 85 on Wednesday.";
        assert!(!corrected(t, whole(t), whole(t)));
        let t = "The number of displaced was lowered to 900.";
        assert!(!corrected(t, whole(t), whole(t)));
        let t = "The missing were revised down to 40 after duplicates were found.";
        assert!(corrected(t, whole(t), whole(t)));
        let t = "Now 40 missing, down from 85: some had been counted twice.";
        assert!(corrected(t, whole(t), whole(t)));
    }

    #[test]
    fn plain_figures_and_denials_are_not_revisions() {
        assert!(!check("At least 40 people were killed on Monday."));
        assert!(!check("The toll of 40 has not been revised."));
        assert!(!check("Данные о 40 погибших не пересматривались."));
        assert!(!check("An uncorrected count of 40 circulated."));
        assert!(!check(
            "He was held at the county Correctional Facility with 40 others."
        ));
        assert!(!revised(
            "é 5",
            Span { start: 1, end: 4 },
            Span { start: 3, end: 4 }
        ));
    }
}
