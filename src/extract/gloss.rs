//! Reading a source in another language: its tokens' matching forms are replaced
//! by the gloss its language file gives, so the grammar reads "погибли 13
//! человек" as "died 13 people". Spans stay those of the words as written.

use super::tokens::{Kind, Lower, Token, Tokens};
use crate::lexicon::lang::{Language, NUMBER};

/// The tokens of a section with `lang`'s glosses applied. A phrase glossed by
/// fewer words than it has becomes fewer tokens (the last spans the rest); one
/// glossed by more repeats its last token's span for the extra words.
pub fn apply<'a>(lang: &'static Language, t: Tokens<'a>) -> Tokens<'a> {
    let forms: Vec<String> = t
        .lower
        .iter()
        .map(|w| {
            if w.contains('ё') {
                w.replace('ё', "е")
            } else {
                w.as_str().to_string()
            }
        })
        .collect();
    let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
    let stems: Vec<String> = t
        .toks
        .iter()
        .zip(&refs)
        .map(|(tok, w)| {
            let ours =
                tok.kind == Kind::Word && w.chars().next().is_some_and(|c| lang.owns_letter(c));
            if tok.kind == Kind::Number {
                NUMBER.to_string()
            } else if ours {
                lang.stem(w)
            } else {
                String::new()
            }
        })
        .collect();
    let mut out = Tokens {
        toks: Vec::with_capacity(t.toks.len()),
        lower: Vec::with_capacity(t.lower.len()),
    };
    let mut lower = t.lower.into_iter();
    let mut i = 0;
    while i < t.toks.len() {
        let entry = (t.toks[i].kind != Kind::Punct)
            .then(|| lang.longest_at(&refs, &stems, i))
            .flatten();
        let Some(entry) = entry else {
            out.toks.push(t.toks[i].clone());
            out.lower.push(lower.next().expect("one form a token"));
            i += 1;
            continue;
        };
        let n = Language::entry_len(entry);
        let m = entry.gloss.len();
        // The forms of the phrase's own tokens, for gloss words that keep them (a number).
        let own: Vec<Lower<'a>> = lower.by_ref().take(n).collect();
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
                own[k.min(n - 1)].clone()
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
    tok.kind == Kind::Word && t.lower[k].is_ascii() && !text[tok.start..tok.end].is_ascii()
}
