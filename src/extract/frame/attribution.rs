//! Who gave a figure: "according to X", "X said", "This was reported by X".

use super::{WINDOW, is_punct};
use crate::extract::tokens::{Kind, Sentence, Tokens};
use crate::lexicon::Lexicon;

fn tokens_window(s: &Sentence, near: usize) -> Sentence {
    Sentence {
        start: s.start.max(near.saturating_sub(WINDOW)),
        end: s.end.min(near + WINDOW),
        paragraph: s.paragraph,
    }
}

/// Who gave the figure, as the sentence says: "according to X", ", X said",
/// "X said that", or a following "This was reported by X".
pub fn attribution<'a>(
    t: &Tokens,
    text: &'a str,
    sentences: &[Sentence],
    si: usize,
    fig_tok: usize,
    lex: &Lexicon,
) -> Option<&'a str> {
    // Only the stretch of a run-on sentence around the figure.
    let s = &tokens_window(&sentences[si], fig_tok);
    let lower = &t.lower;
    // Borrowed from the text: the claim makes its own copy.
    let slice = |a: usize, b: usize| -> Option<&'a str> {
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
        // "the agency now says", "police also said": the adverb is not the giver.
        let mut b = b;
        while b > a
            && matches!(
                lower[b - 1].as_str(),
                "now" | "also" | "later" | "then" | "again"
            )
        {
            b -= 1;
        }
        (a < b).then(|| text[t.toks[a].start..t.toks[b - 1].end].trim())
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
                t.toks[k].kind == Kind::Number
                    || crate::extract::numbers::starts_word_number(lower, k)
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
                    is_punct(t, j)
                        && matches!(
                            lower[j].as_str(),
                            "," | "\"" | "”" | "»" | "(" | ":" | "-" | "—" | "–"
                        )
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
    // ", сообщил МВД": the verb after the figure's clause, then the speaker.
    for k in fig_tok + 1..s.end {
        // Only in a glossed language: English titles ("said Sgt. Lee") cut the name short.
        if lex.attribution_verbs.starts_at(lower, k)
            && lower[k - 1] == ","
            && is_punct(t, k - 1)
            && crate::extract::gloss::is_glossed(t, text, k)
        {
            let from = k + 1 + usize::from(lower.get(k + 1).is_some_and(|w| w == "in"));
            let end = clause_end(from);
            if from < end && end - from <= 8 && !generic(from, end) {
                return slice(from, end);
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
