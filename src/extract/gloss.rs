//! Reading a source in another language: its tokens' matching forms are replaced
//! by the gloss its language file gives, so the grammar reads "погибли 13
//! человек" as "died 13 people". Spans stay those of the words as written.

use super::tokens::{Kind, Lower, Token, Tokens};
use crate::lexicon::lang::{Language, NUMBER, NUMBER_STEM, StemId};
use std::borrow::Cow;

/// The tokens of a section with `lang`'s glosses applied. A phrase glossed by
/// fewer words than it has becomes fewer tokens (the last spans the rest); one
/// glossed by more repeats its last token's span for the extra words.
pub fn apply<'a>(lang: &'static Language, t: Tokens<'a>) -> Tokens<'a> {
    // Russian writes "ё" or "е" at will; the gloss reads both as "е".
    let forms: Vec<Cow<'_, str>> = t
        .lower
        .iter()
        .map(|w| {
            if w.contains('ё') {
                Cow::Owned(w.replace('ё', "е"))
            } else {
                Cow::Borrowed(w.as_str())
            }
        })
        .collect();
    let refs: Vec<&str> = forms.iter().map(|w| w.as_ref()).collect();
    let stems: Vec<Option<StemId>> = t
        .toks
        .iter()
        .zip(&refs)
        .map(|(tok, w)| match tok.kind {
            Kind::Number => Some(NUMBER_STEM),
            Kind::Word if w.chars().next().is_some_and(|c| lang.owns_letter(c)) => lang.stem_id(w),
            _ => None,
        })
        .collect();
    let mut out = Tokens {
        toks: Vec::with_capacity(t.toks.len()),
        lower: Vec::with_capacity(t.lower.len()),
    };
    let mut i = 0;
    while i < t.toks.len() {
        let entry = (t.toks[i].kind != Kind::Punct)
            .then(|| lang.longest_at(&refs, &stems, i))
            .flatten();
        let Some(entry) = entry else {
            out.toks.push(t.toks[i].clone());
            out.lower.push(t.lower[i]);
            i += 1;
            continue;
        };
        let n = Language::entry_len(entry);
        let m = entry.gloss.len();
        for (k, word) in entry.gloss.iter().enumerate() {
            let src = i + k.min(n - 1);
            let mut tok: Token = t.toks[src].clone();
            if k == m - 1 && m < n {
                // The last gloss word stands for the rest of the phrase.
                tok.end = t.toks[i + n - 1].end;
            }
            if k >= n {
                tok.space_before = true;
                tok.capital = false;
                tok.newlines_before = 0;
            }
            out.toks.push(tok);
            out.lower.push(if word == NUMBER {
                t.lower[i + k.min(n - 1)]
            } else {
                Lower::glossed(word)
            });
        }
        i += n;
    }
    out
}

/// True when token `k` is read through a gloss: a word written in another script
/// whose matching form is plain ASCII. Checks that read a word as written (a
/// month's capital letter) read a glossed word by its gloss instead.
pub fn is_glossed(t: &Tokens, text: &str, k: usize) -> bool {
    let tok = &t.toks[k];
    tok.kind == Kind::Word && text.as_bytes()[tok.start] >= 0x80 && t.lower[k].is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;
    use crate::lexicon::lang::by_code;

    #[test]
    fn phrases_merge_and_split_keeping_their_spans() {
        let text = "До 12 человек пропали без вести, от 20 до 30 ранены";
        let arena = crate::extract::tokens::Bump::new();
        let t = apply(
            by_code("ru").unwrap(),
            tokenize(text, 0, text.len(), &arena),
        );
        let forms: Vec<&str> = t.lower.iter().map(|w| w.as_str()).collect();
        assert_eq!(
            forms,
            [
                "up", "to", "12", "people", "were", "missing", ",", "from", "20", "to", "30",
                "wounded"
            ]
        );
        let spans: Vec<&str> = t.toks.iter().map(|k| &text[k.start..k.end]).collect();
        assert_eq!(
            spans,
            [
                "До",
                "До",
                "12",
                "человек",
                "пропали",
                "без вести",
                ",",
                "от",
                "20",
                "до",
                "30",
                "ранены"
            ]
        );
        assert!(is_glossed(&t, text, 4) && !is_glossed(&t, text, 2));
    }

    #[test]
    fn yo_reads_as_ye_and_unknown_words_stay_as_written() {
        let text = "ещё 5 шахтёров";
        let arena = crate::extract::tokens::Bump::new();
        let t = apply(
            by_code("ru").unwrap(),
            tokenize(text, 0, text.len(), &arena),
        );
        let forms: Vec<&str> = t.lower.iter().map(|w| w.as_str()).collect();
        assert_eq!(forms, ["still", "5", "miners"]);
        let text = "Аким Сагинтаев";
        let arena = crate::extract::tokens::Bump::new();
        let t = apply(
            by_code("ru").unwrap(),
            tokenize(text, 0, text.len(), &arena),
        );
        assert_eq!(t.lower[1].as_str(), "сагинтаев");
    }
}
