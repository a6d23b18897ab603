//! Tokens, sentences and paragraphs: the units the extractor reads.

use crate::lexicon::{Word, word_key};
pub use bumpalo::Bump;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (and digits after a letter): "killed", "Il", "A320".
    Word,
    /// Digits with separators: "7,939", "05:01", "10.01.2022".
    Number,
    /// Any other single character: ",", "$", "-".
    Punct,
}

/// One token with its byte range in the file.
#[derive(Debug, Clone)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is made of.
    pub kind: Kind,
    /// True when whitespace stands before it.
    pub space_before: bool,
    /// True when it starts with a capital letter.
    pub capital: bool,
    /// How many line breaks stand before it.
    pub newlines_before: usize,
}

/// A token's lower-case form with its phrase-matching key: borrowed from the
/// text when it already is one, else from the section's arena, so no token costs
/// an allocation of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lower<'a> {
    text: &'a str,
    key: u64,
}

impl<'a> Lower<'a> {
    fn new(text: &'a str) -> Self {
        Lower {
            text,
            key: word_key(text),
        }
    }

    /// The form as a string slice.
    pub fn as_str(&self) -> &'a str {
        self.text
    }
}

impl<'a> Lower<'a> {
    /// The form another language's gloss gives a word ("погибли" → "died").
    pub fn glossed(form: &'a str) -> Lower<'a> {
        Lower::new(form)
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.text
    }
}

impl Word for Lower<'_> {
    fn text(&self) -> &str {
        self.text
    }
    fn key(&self) -> u64 {
        self.key
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

/// A section's text cut into tokens, with a lower-case form of each for matching.
#[derive(Debug, Default)]
pub struct Tokens<'a> {
    /// The tokens, in order.
    pub toks: Vec<Token>,
    /// Lower-case forms, possessive "'s" dropped: "Kazakhstan’s" → "kazakhstan".
    pub lower: Vec<Lower<'a>>,
}

/// A sentence: a range of token indices and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index of the paragraph (a run of lines without a break).
    pub paragraph: usize,
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Cuts `text[start..end]` into tokens; offsets stay in `text` coordinates.
/// Lower-case forms that differ from the text are stored in `arena`.
///
/// ASCII bytes are classified byte by byte; any other byte is decoded as a
/// character and classified as one, so every script is cut the same way.
pub fn tokenize<'a>(text: &'a str, start: usize, end: usize, arena: &'a Bump) -> Tokens<'a> {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    // About one token in five bytes of prose: room for more, so it never grows.
    let mut out = Tokens {
        toks: Vec::with_capacity(slice.len() / 4 + 4),
        lower: Vec::with_capacity(slice.len() / 4 + 4),
    };
    let mut space = true;
    // A section starts on a line of its own.
    let mut newlines = 1;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Whether a word is its own lower-case form, when the byte path knows.
        let mut plain = None;
        let (kind, len, capital) = if b < 0x80 {
            // Control characters (escape sequences, stray NULs) are no text: treat them as space.
            if b <= b' ' || b == 0x7f {
                space = true;
                newlines += usize::from(b == b'\n');
                i += 1;
                continue;
            }
            // Markdown emphasis ("**13**", "_injured_") carries no words: skip it.
            if matches!(b, b'*' | b'_' | b'`' | b'~') {
                i += 1;
                continue;
            }
            if b.is_ascii_digit() {
                (Kind::Number, number_len(slice, i), false)
            } else if b.is_ascii_alphabetic() {
                let (len, p) = word_len(slice, i);
                plain = p;
                (Kind::Word, len, b.is_ascii_uppercase())
            } else {
                (Kind::Punct, 1, false)
            }
        } else if cyrillic_at(bytes, i) {
            // А..Я and Ѐ..Џ are U+0400..U+042F, written D0 80..D0 AF.
            let capital = b == 0xD0 && bytes[i + 1] <= 0xAF;
            let (len, p) = word_len(slice, i);
            plain = p;
            (Kind::Word, len, capital)
        } else {
            let c = slice[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() || c.is_control() {
                space = true;
                i += c.len_utf8();
                continue;
            }
            let kind = if is_letter(c) {
                (Kind::Word, word_len(slice, i).0)
            } else {
                (Kind::Punct, c.len_utf8())
            };
            (kind.0, kind.1, c.is_uppercase())
        };
        let word = &slice[i..i + len];
        let lower = match kind {
            Kind::Word if plain != Some(true) => lower_word(word, arena),
            _ => word,
        };
        out.toks.push(Token {
            start: start + i,
            end: start + i + len,
            kind,
            space_before: space,
            capital,
            newlines_before: newlines,
        });
        out.lower.push(Lower::new(lower));
        space = false;
        newlines = 0;
        i += len;
    }
    out
}

/// Lower case, curly apostrophes straightened, possessive "'s" dropped.
fn lower_word<'a>(word: &'a str, arena: &'a Bump) -> &'a str {
    if word.is_ascii() {
        let plain = !word.bytes().any(|b| b.is_ascii_uppercase()) && !word.ends_with("'s");
        if plain {
            return word;
        }
        let l = arena.alloc_str(word);
        l.make_ascii_lowercase();
        return match l.strip_suffix("'s") {
            Some(stem) if !stem.is_empty() => stem,
            _ => l,
        };
    }
    if let Some(lower) = lower_cyrillic(word, arena) {
        return lower;
    }
    let plain = !word.chars().any(|c| c.is_uppercase() || c == '’') && !word.ends_with("'s");
    if plain {
        return word;
    }
    let l = arena.alloc_str(&word.to_lowercase().replace('’', "'"));
    match l.strip_suffix("'s") {
        Some(stem) if !stem.is_empty() => stem,
        _ => l,
    }
}

/// True when `bytes[j..]` starts with a letter of the basic Cyrillic block
/// (U+0400..U+045F, the two bytes D0 80..D1 9F): a Russian word is read two
/// bytes at a time, with no character decoded.
#[inline]
fn cyrillic_at(bytes: &[u8], j: usize) -> bool {
    matches!(
        (bytes.get(j), bytes.get(j + 1)),
        (Some(0xD0), Some(0x80..=0xBF)) | (Some(0xD1), Some(0x80..=0x9F))
    )
}

/// [`lower_word`] for a word of ASCII and basic Cyrillic letters only, byte by
/// byte; `None` for any other word.
fn lower_cyrillic<'a>(word: &'a str, arena: &'a Bump) -> Option<&'a str> {
    let bytes = word.as_bytes();
    let mut upper = false;
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] < 0x80 {
            upper |= bytes[k].is_ascii_uppercase();
            k += 1;
        } else if cyrillic_at(bytes, k) {
            upper |= bytes[k] == 0xD0 && bytes[k + 1] <= 0xAF;
            k += 2;
        } else {
            return None;
        }
    }
    if !upper && !word.ends_with("'s") {
        return Some(word);
    }
    let l = arena.alloc_slice_copy(bytes);
    let mut k = 0;
    while k < l.len() {
        if l[k] < 0x80 {
            l[k] = l[k].to_ascii_lowercase();
            k += 1;
            continue;
        }
        // Ѐ..Џ → ѐ..џ (D1 90..9F), А..П → а..п (D0 B0..BF), Р..Я → р..я (D1 80..8F).
        match (l[k], l[k + 1]) {
            (0xD0, s @ 0x80..=0x8F) => (l[k], l[k + 1]) = (0xD1, s + 0x10),
            (0xD0, s @ 0x90..=0x9F) => l[k + 1] = s + 0x20,
            (0xD0, s @ 0xA0..=0xAF) => (l[k], l[k + 1]) = (0xD1, s - 0x20),
            _ => {}
        }
        k += 2;
    }
    let l = std::str::from_utf8(l).ok()?;
    Some(match l.strip_suffix("'s") {
        Some(stem) if !stem.is_empty() => stem,
        _ => l,
    })
}

fn number_len(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut j = i + digits(i);
    // "2022-01-06": an ISO date is one token.
    let iso = j - i == 4
        && bytes.get(j) == Some(&b'-')
        && digits(j + 1) == 2
        && bytes.get(j + 3) == Some(&b'-')
        && digits(j + 4) == 2;
    if iso {
        return j + 6 - i;
    }
    let mut space_grouped = j - i <= 3;
    while let Some(&b) = bytes.get(j) {
        if matches!(b, b',' | b'.' | b':' | b'/')
            && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
        {
            j += 1 + digits(j + 1);
            space_grouped = false;
            continue;
        }
        // "7 939": a group of exactly three digits after a space, in a number of at most three.
        let sep = text.get(j..).and_then(|s| s.chars().next());
        if let Some(c) = sep.filter(|&c| space_grouped && is_group_space(c)) {
            let k = j + c.len_utf8();
            let n = digits(k);
            let next_is_digit_or_word = bytes.get(k + n).is_some_and(|b| b.is_ascii_alphanumeric());
            if n == 3 && !next_is_digit_or_word {
                j = k + n;
                continue;
            }
        }
        break;
    }
    j - i
}

/// `char::is_alphabetic` with the basic Cyrillic block answered first: outside
/// ASCII the general lookup is slow, and a Russian text is all such letters.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{400}'..='\u{45f}').contains(&c) || c.is_alphabetic()
}

/// [`ASCII_CLASS`] bit of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`ASCII_CLASS`] bit of an ASCII capital.
const UPPER: u8 = 2;

/// What each byte is, for the word loop: [`ALNUM`], [`UPPER`] (0 above ASCII).
static ASCII_CLASS: [u8; 256] = {
    let mut class = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            class[b] |= ALNUM;
        }
        if c.is_ascii_uppercase() {
            class[b] |= UPPER;
        }
        b += 1;
    }
    class
};

/// The length of the word at `i`, and whether it is its own lower-case form
/// (no capital, no "'s"); `None` when it took the character path, which does
/// not say.
fn word_len(slice: &str, i: usize) -> (usize, Option<bool>) {
    // ASCII letters and digits and basic Cyrillic letters, joined by ' or -
    // before a letter; any other non-ASCII byte sends the whole word to the
    // character path.
    let bytes = slice.as_bytes();
    let mut j = i;
    let mut upper = false;
    let end = loop {
        // The common case, an ASCII letter or digit, costs one table lookup.
        let class = bytes.get(j).map_or(0, |&b| ASCII_CLASS[usize::from(b)]);
        if class & ALNUM != 0 {
            upper |= class & UPPER != 0;
            j += 1;
            continue;
        }
        match bytes.get(j) {
            Some(&b) if cyrillic_at(bytes, j) => {
                upper |= b == 0xD0 && bytes[j + 1] <= 0xAF;
                j += 2;
            }
            Some(b'\'' | b'-') => match bytes.get(j + 1) {
                Some(n) if n.is_ascii_alphabetic() => {
                    upper |= n.is_ascii_uppercase();
                    j += 2;
                }
                Some(&n) if cyrillic_at(bytes, j + 1) => {
                    upper |= n == 0xD0 && bytes[j + 2] <= 0xAF;
                    j += 3;
                }
                Some(n) if *n >= 0x80 => return (word_len_chars(slice, i), None),
                _ => break j,
            },
            Some(b) if *b >= 0x80 => return (word_len_chars(slice, i), None),
            _ => break j,
        }
    };
    let possessive = bytes[i..end].ends_with(b"'s");
    (end - i, Some(!upper && !possessive))
}

fn word_len_chars(slice: &str, i: usize) -> usize {
    let mut len = 0;
    let mut it = slice[i..].char_indices().peekable();
    while let Some((j, c)) = it.next() {
        let joins_letters =
            matches!(c, '\'' | '’' | '-') && it.peek().is_some_and(|&(_, n)| is_letter(n));
        if is_letter(c) || c.is_numeric() || joins_letters {
            len = j + c.len_utf8();
        } else {
            break;
        }
    }
    len
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "no", "vs", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "prof", "gov", "sen", "rep",
    "approx", "est", "inc", "ltd", "co", "corp", "etc", "e.g", "i.e",
];

/// Groups tokens into sentences and paragraphs.
///
/// A sentence ends at `.`, `!`, `?` or `…` before a capitalised word, a digit or a
/// quote; a line break ends a sentence and a paragraph unless the next line starts
/// in lower case (a hard-wrapped line).
pub fn sentences(text: &str, tokens: &Tokens) -> Vec<Sentence> {
    let toks = &tokens.toks;
    let mut out = Vec::with_capacity(toks.len() / 16 + 1);
    let mut start = 0;
    let mut paragraph = 0;
    let first_char = |t: &Token| text[t.start..].chars().next().unwrap_or(' ');
    for i in 0..toks.len() {
        let t = &toks[i];
        if i > start && t.newlines_before > 0 {
            let wrapped = t.newlines_before == 1 && first_char(t).is_lowercase();
            if !wrapped {
                out.push(Sentence {
                    start,
                    end: i,
                    paragraph,
                });
                start = i;
                paragraph += 1;
                continue;
            }
        }
        // Compared as bytes: no character boundary to check on every token.
        let stop = t.kind == Kind::Punct
            && matches!(
                &text.as_bytes()[t.start..t.end],
                b"." | b"!" | b"?" | b"\xE2\x80\xA6"
            );
        if !stop {
            continue;
        }
        // Closing quotes and brackets right after the stop belong to this sentence.
        let mut end = i + 1;
        while end < toks.len()
            && !toks[end].space_before
            && toks[end].kind == Kind::Punct
            && matches!(
                &text[toks[end].start..toks[end].end],
                "\"" | "”" | "’" | "'" | ")" | "»"
            )
        {
            end += 1;
        }
        let Some(next) = toks.get(end) else { continue };
        if !next.space_before {
            continue;
        }
        let c = first_char(next);
        let opens = c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '“' | '«' | '–' | '—' | '-' | '(');
        let prev_word = (i > 0).then(|| &tokens.lower[i - 1]);
        let abbreviation = &text[t.start..t.end] == "."
            && prev_word.is_some_and(|w| {
                ABBREVIATIONS.contains(&w.as_str())
                    || (w.chars().count() == 1 && toks[i - 1].kind == Kind::Word)
            });
        if opens && !abbreviation && next.newlines_before == 0 {
            out.push(Sentence {
                start,
                end,
                paragraph,
            });
            start = end;
        }
    }
    if start < toks.len() {
        out.push(Sentence {
            start,
            end: toks.len(),
            paragraph,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let arena = Bump::new();
        let t = tokenize(text, 0, text.len(), &arena);
        t.toks
            .iter()
            .map(|k| text[k.start..k.end].to_string())
            .collect()
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            words("7,939 and 7 939 and 05:01 GMT 10.01.2022"),
            ["7,939", "and", "7 939", "and", "05:01", "GMT", "10.01.2022"]
        );
        assert_eq!(
            words("Il-76 1.2bn $200"),
            ["Il", "-", "76", "1.2", "bn", "$", "200"]
        );
        assert_eq!(
            words("Alma-Ata twenty-four 2022-01-06"),
            ["Alma-Ata", "twenty-four", "2022-01-06"]
        );
        // A year then a count is two numbers, not a grouped one.
        assert_eq!(words("in 2022 100 people"), ["in", "2022", "100", "people"]);
        assert_eq!(words("on 5 123rd"), ["on", "5", "123", "rd"]);
    }

    /// The tokenizer as it was before its byte-level fast path, character by
    /// character: the fast path must cut every text exactly as this does.
    fn reference(text: &str) -> Vec<(usize, usize, Kind, bool, bool, usize, String)> {
        let mut out = Vec::new();
        let mut space = true;
        let mut newlines = 1;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() || c.is_control() {
                space = true;
                newlines += usize::from(c == '\n');
                continue;
            }
            if matches!(c, '*' | '_' | '`' | '~') {
                continue;
            }
            let (kind, len) = if c.is_ascii_digit() {
                (Kind::Number, number_len(text, i))
            } else if c.is_alphabetic() {
                (Kind::Word, word_len_chars(text, i))
            } else {
                (Kind::Punct, c.len_utf8())
            };
            while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                chars.next();
            }
            let word = &text[i..i + len];
            let lower = if kind != Kind::Word
                || (!word.chars().any(|c| c.is_uppercase() || c == '’') && !word.ends_with("'s"))
            {
                word.to_string()
            } else {
                let l = word.to_lowercase().replace('’', "'");
                match l.strip_suffix("'s") {
                    Some(stem) if !stem.is_empty() => stem.to_string(),
                    _ => l,
                }
            };
            out.push((i, i + len, kind, space, c.is_uppercase(), newlines, lower));
            space = false;
            newlines = 0;
        }
        out
    }

    fn fast(text: &str) -> Vec<(usize, usize, Kind, bool, bool, usize, String)> {
        let arena = Bump::new();
        let t = tokenize(text, 0, text.len(), &arena);
        t.toks
            .iter()
            .zip(&t.lower)
            .map(|(k, l)| {
                assert_eq!(l.key(), word_key(l.as_str()));
                let l = l.as_str().to_string();
                (
                    k.start,
                    k.end,
                    k.kind,
                    k.space_before,
                    k.capital,
                    k.newlines_before,
                    l,
                )
            })
            .collect()
    }

    #[test]
    fn the_fast_path_cuts_every_script_as_the_character_path_does() {
        for text in [
            "Семь человек погибли, 12 ранены в Алма-Ате.",
            "Kazakhstan’s toll: 225 dead; O’Brien’s café — 7 939 hurt",
            "ÉCOLE d'été, naïve-Über x-ray 3-D Smith's l'Ωmega",
            "tab\there\r\nNBSP\u{a0}7\u{a0}939 people\u{85}next \u{1}ctrl\u{7f}x",
            "Ⓐ ǅ İstanbul's İ ß Σ’s a-б б-a it'Б",
            "ЁЛКА Ёлка ЀЏ ѐџ ЎЇ Ѡ МВД's Алма-Ата Р-Я 7Б б7 ПРЯ«",
        ] {
            assert_eq!(fast(text), reference(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_cut_as_the_character_path_cuts_it(
            text in "([a-zA-Z0-9 ,.'’\\-*_\n\t]|[а-яА-ЯЁёЀЏѐџѠ]|[éÉßİΣǅ\u{a0}\u{85}]){0,60}"
        ) {
            proptest::prop_assert_eq!(fast(&text), reference(&text));
        }
    }

    #[test]
    fn markdown_emphasis_is_invisible() {
        assert_eq!(words("**13** were _injured_"), ["13", "were", "injured"]);
    }

    #[test]
    fn possessives_are_dropped_for_matching() {
        let text = "Kazakhstan’s police and the city's mayor";
        let arena = Bump::new();
        let t = tokenize(text, 0, text.len(), &arena);
        assert_eq!(t.lower[0], "kazakhstan");
        assert_eq!(t.lower[4], "city");
    }

    #[test]
    fn sentences_split_on_stops_and_lines_not_on_abbreviations() {
        let text = "Dr. Smith said 13 died. Then \"5 more.\" Next\nHeadline Here\nwrapped line. U.S. troops left.";
        let arena = Bump::new();
        let t = tokenize(text, 0, text.len(), &arena);
        let s = sentences(text, &t);
        let spans: Vec<&str> = s
            .iter()
            .map(|s| &text[t.toks[s.start].start..t.toks[s.end - 1].end])
            .collect();
        assert_eq!(
            spans,
            [
                "Dr. Smith said 13 died.",
                "Then \"5 more.\"",
                "Next",
                "Headline Here\nwrapped line.",
                "U.S. troops left."
            ]
        );
        assert_eq!(s[2].paragraph + 1, s[3].paragraph);
    }
}
