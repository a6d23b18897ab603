//! The grammar of figures: digits and words, scales, ranges, qualifiers, currencies,
//! and the numbers that are not counts at all (dates, times, years, model numbers).

mod skip;

pub use skip::not_a_count;

use super::tokens::{Kind, Lower, Tokens};
use crate::claim::Qualifier;
use crate::lexicon::{Lexicon, Word, word_key};

/// A figure as written: where it stands and the interval it implies.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// First token of the phrase (qualifier or currency included).
    pub first: usize,
    /// First token of the number itself.
    pub number: usize,
    /// One past the last token (scale word and currency included).
    pub end: usize,
    /// The figure as stated; `None` for vague quantities.
    pub value: Option<f64>,
    /// Lower end of the interval.
    pub low: Option<f64>,
    /// Upper end of the interval.
    pub high: Option<f64>,
    /// The hedge.
    pub qualifier: Qualifier,
    /// Currency, when the figure is money.
    pub currency: Option<String>,
    /// "dozens", "hundreds": a quantity without a figure.
    pub vague: bool,
    /// Whether the written number had a fractional part ("5.8").
    pub fractional: bool,
}

/// The number words below twenty, and the tens.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn unit_word(w: &str) -> Option<f64> {
    let n = match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    };
    Some(f64::from(n))
}

fn tens_word(w: &str) -> Option<f64> {
    let n = match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(f64::from(n))
}

/// `DD.MM.YYYY`, read only when the number has the two dots such a date needs.
pub fn dotted_date(raw: &str) -> Option<chrono::NaiveDate> {
    let dots = raw.bytes().filter(|&b| b == b'.').count();
    (dots >= 2)
        .then(|| crate::corpus::dates::dotted(raw))
        .flatten()
}

/// The value of a number word another language's gloss gives as a value, "+200"
/// for "двести", "+1.5" for "полутора": the sign keeps it apart from digits.
fn glossed_value(w: &str) -> Option<f64> {
    w.strip_prefix('+')?.parse().ok()
}

/// True for a word a figure may be written in ("seven", "forty", "hundreds"), for
/// finding a figure in a quote that has no digits.
pub fn is_number_word(w: &str) -> bool {
    unit_word(w).is_some_and(|v| v > 0.0)
        || tens_word(w).is_some()
        || matches!(
            w,
            "dozen"
                | "dozens"
                | "hundred"
                | "hundreds"
                | "thousand"
                | "thousands"
                | "million"
                | "millions"
                | "billion"
        )
}

/// The multiplier a scale word stands for: "thousand", "million", "bn", "k".
pub fn scale_word(w: &str, attached: bool) -> Option<f64> {
    match w {
        "thousand" | "thousands" => Some(1e3),
        "million" | "millions" | "mln" | "mn" => Some(1e6),
        "billion" | "billions" | "bn" | "bln" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        // Single letters are scales only when written onto the digits: "200m", "5k".
        "k" if attached => Some(1e3),
        "m" if attached => Some(1e6),
        "b" if attached => Some(1e9),
        _ => None,
    }
}

/// True when a word can start a number written in words.
#[inline]
pub fn starts_word_number(lower: &[Lower], i: usize) -> bool {
    // Most words are no number word: one bit of a filter of their keys says so.
    static FILTER: std::sync::OnceLock<[u64; 64]> = std::sync::OnceLock::new();
    let filter = FILTER.get_or_init(|| {
        let mut set = [0u64; 64];
        let words = UNITS
            .into_iter()
            .chain(TENS)
            .chain(["dozen", "hundred", "a", "an", "half"]);
        for w in words {
            let bit = word_key(w) >> 52;
            set[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        set
    });
    let word = &lower[i];
    let bit = word.key() >> 52;
    let w = word.as_str();
    // A glossed numeral ("+200" for "двести") is no English word: it passes.
    if filter[(bit / 64) as usize] & (1 << (bit % 64)) == 0
        && !(w.len() >= 9 && w.contains('-'))
        && !w.starts_with('+')
    {
        return false;
    }
    word_number_at(lower, i)
}

/// [`starts_word_number`] past its filter.
#[inline(never)]
fn word_number_at(lower: &[Lower], i: usize) -> bool {
    let w = lower[i].as_str();
    // "twenty-four": the shortest is "forty-one".
    let hyphenated = || {
        w.len() >= 9
            && w.split_once('-')
                .is_some_and(|(a, b)| tens_word(a).is_some() && unit_word(b).is_some())
    };
    unit_word(w).is_some()
        || tens_word(w).is_some()
        || glossed_value(w).is_some()
        || hyphenated()
        || matches!(w, "dozen" | "hundred")
        || (matches!(w, "a" | "an" | "half")
            && lower.get(i + 1).is_some_and(|n| {
                matches!(
                    n.as_str(),
                    "hundred" | "thousand" | "million" | "billion" | "dozen" | "a"
                )
            }))
}

/// Reads a number written in words at `i`: "twenty-four", "a thousand",
/// "six thousand", "half a million", "one hundred and fifty". Returns the value
/// and the index one past its last token.
fn words_value(t: &Tokens, i: usize) -> Option<(f64, usize)> {
    let lower = &t.lower;
    let get = |j: usize| lower.get(j).map(|w| w.as_str()).unwrap_or("");
    if get(i) == "half" && get(i + 1) == "a" {
        let s = scale_word(get(i + 2), false)?;
        return Some((0.5 * s, i + 3));
    }
    let (mut total, mut current, mut any) = (0.0, 0.0, false);
    let mut j = i;
    if matches!(get(j), "a" | "an") {
        current = 1.0;
        j += 1;
    }
    loop {
        let w = get(j);
        let hyphenated = w
            .split_once('-')
            .and_then(|(a, b)| Some(tens_word(a)? + unit_word(b)?));
        if let Some(u) = unit_word(w) {
            current += u;
        } else if let Some(tens) = tens_word(w).or(hyphenated) {
            // "twenty-four" is one token
            current += tens;
        } else if let Some(v) = glossed_value(w) {
            current += v;
        } else if w == "hundred" {
            current = current.max(1.0) * 100.0;
        } else if w == "dozen" {
            current = current.max(1.0) * 12.0;
        } else if let Some(s) = scale_word(w, false).filter(|_| !w.ends_with('s')) {
            total += current.max(1.0) * s;
            current = 0.0;
        } else if w == "and"
            && any
            && (unit_word(get(j + 1)).is_some() || tens_word(get(j + 1)).is_some())
        {
            j += 1;
            continue;
        } else {
            break;
        }
        any = true;
        j += 1;
    }
    any.then_some((total + current, j))
}

/// Reads written digits: "7,939", "7 939", "7.939" (European thousands), "5.8",
/// "4,7" (decimal comma). `scaled` says a scale word follows, which makes a dot or
/// comma before one or two digits a decimal point.
fn digits_value(s: &str, scaled: bool) -> Option<(f64, bool)> {
    // Most numbers are plain digits: read them without building a string (up to
    // 15 digits, every value is exact in an f64, as parsing gives it).
    if (1..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        let v = s.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
        return Some((v as f64, false));
    }
    separated_value(s, scaled)
}

/// [`digits_value`] for any number: separators, groups and decimal marks.
fn separated_value(s: &str, scaled: bool) -> Option<(f64, bool)> {
    let plain: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    if plain.contains([':', '/']) {
        return None;
    }
    let groups: Vec<&str> = plain.split([',', '.']).collect();
    let seps: Vec<char> = plain.chars().filter(|c| matches!(c, ',' | '.')).collect();
    let int = |g: &[&str]| g.concat().parse::<f64>().ok();
    match seps.as_slice() {
        [] => Some((plain.parse().ok()?, false)),
        // Thousands groups: every group after the first has three digits.
        _ if groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && seps.iter().all(|&c| c == seps[0])
            && !(scaled && seps.len() == 1) =>
        {
            Some((int(&groups)?, false))
        }
        // "1,234.5" or "1.234,5"
        _ if seps.len() >= 2 && seps[seps.len() - 1] != seps[0] => {
            let (head, frac) = groups.split_at(groups.len() - 1);
            let v: f64 = format!("{}.{}", head.concat(), frac[0]).parse().ok()?;
            Some((v, true))
        }
        [_] => Some((format!("{}.{}", groups[0], groups[1]).parse().ok()?, true)),
        _ => None,
    }
}

fn punct_is(t: &Tokens, text: &str, i: usize, options: &[&str]) -> bool {
    t.toks
        .get(i)
        .is_some_and(|k| k.kind == Kind::Punct && options.contains(&&text[k.start..k.end]))
}

/// Reads the bare number at `i` (digits or words, with a scale): value, fractional, end.
fn bare_number(t: &Tokens, text: &str, i: usize) -> Option<(f64, bool, usize)> {
    let tok = t.toks.get(i)?;
    let (mut value, fractional, mut j) = if tok.kind == Kind::Number {
        let next_scaled = t
            .lower
            .get(i + 1)
            .is_some_and(|w| scale_word(w, !t.toks[i + 1].space_before).is_some());
        let (v, frac) = digits_value(&text[tok.start..tok.end], next_scaled)?;
        (v, frac, i + 1)
    } else {
        let (v, end) = words_value(t, i)?;
        (v, false, end)
    };
    if let Some(s) = t
        .lower
        .get(j)
        .and_then(|w| scale_word(w, !t.toks[j].space_before))
        .filter(|_| !t.lower[j].ends_with('s') || t.lower[j].len() <= 2)
    {
        value *= s;
        j += 1;
        // "4 thousand 300"
        if s == 1e3
            && let Some(next) = t.toks.get(j).filter(|k| k.kind == Kind::Number)
            && let Some((rest, false)) = digits_value(&text[next.start..next.end], false)
            && rest < 1000.0
        {
            value += rest;
            j += 1;
        }
    }
    Some((value, fractional, j))
}

/// Reads the figure that starts at token `i`, if one does: a number in digits or
/// words, or a vague quantity, with its qualifier, range and currency.
///
/// Asked of every token: the test that turns away a word no figure starts with
/// is inlined where it is called.
#[inline]
pub fn figure_at(
    t: &Tokens,
    text: &str,
    i: usize,
    lex: &Lexicon,
    about_tolerance: f64,
) -> Option<Figure> {
    let may_start = t.toks.get(i).is_none_or(|tok| {
        tok.kind == Kind::Number
            || lex.vague.longest_at(&t.lower, i).is_some()
            || starts_word_number(&t.lower, i)
    });
    if !may_start {
        return None;
    }
    figure_from(t, text, i, lex, about_tolerance)
}

/// [`figure_at`] past its first test.
#[inline(never)]
fn figure_from(
    t: &Tokens,
    text: &str,
    i: usize,
    lex: &Lexicon,
    about_tolerance: f64,
) -> Option<Figure> {
    let lower = &t.lower;
    let mut fig = if let Some((len, &(lo, hi))) = lex.vague.longest_at(lower, i) {
        let mut end = i + len;
        if lower.get(end).is_some_and(|w| w == "of") {
            end += 1;
        }
        Figure {
            first: i,
            number: i,
            end,
            value: None,
            low: Some(lo),
            high: Some(hi),
            qualifier: Qualifier::Range,
            currency: None,
            vague: true,
            fractional: false,
        }
    } else {
        let is_number = t.toks[i].kind == Kind::Number || starts_word_number(lower, i);
        if !is_number {
            return None;
        }
        let (value, fractional, mut end) = bare_number(t, text, i)?;
        let mut fig = Figure {
            first: i,
            number: i,
            end,
            value: Some(value),
            low: Some(value),
            high: Some(value),
            qualifier: Qualifier::Exact,
            currency: None,
            vague: false,
            fractional,
        };
        // "20-30", "$2-4bn", "between 5 and 10", "from 20 to 30"; a currency sign may
        // stand between "between" and the figure. "rose from 150 to 164" is a change.
        let lead = i - lex
            .unit_before
            .longest_ending_at(lower, i)
            .map_or(0, |(n, _)| n);
        let word_before = lead.checked_sub(1).map(|k| lower[k].as_str());
        let change = lead >= 2 && super::frame::CHANGE_VERBS.contains(&lower[lead - 2].as_str());
        let joiner = punct_is(t, text, end, &["-", "–", "—"])
            || (lower.get(end).is_some_and(|w| w == "and") && word_before == Some("between"))
            || (lower.get(end).is_some_and(|w| w == "to")
                && !(word_before == Some("from") && change)
                && !word_before.is_some_and(|w| super::frame::CHANGE_VERBS.contains(&w)));
        // "between $2 billion and $3 billion": the second figure may repeat the currency.
        let hi_start = end
            + 1
            + lex
                .unit_before
                .longest_at(lower, end + 1)
                .map_or(0, |(n, _)| n);
        if joiner && let Some((hi, _, hi_end)) = bare_number(t, text, hi_start) {
            let scale_of_hi = if hi_end > hi_start + 1 {
                hi / bare_unscaled(t, text, hi_start).unwrap_or(hi)
            } else {
                1.0
            };
            let lo = if end == i + 1 && scale_of_hi > 1.0 && hi_start == end + 1 {
                value * scale_of_hi
            } else {
                value
            };
            if hi > lo {
                fig.low = Some(lo);
                fig.high = Some(hi);
                fig.value = Some(lo);
                fig.qualifier = Qualifier::Range;
                end = hi_end;
                fig.end = end;
                if matches!(word_before, Some("between" | "from")) && lead == i {
                    fig.first = i - 1;
                }
            }
        }
        fig
    };
    // Currency before the number: "$200", "US$ 4 billion".
    if let Some((len, unit)) = lex.unit_before.longest_ending_at(lower, fig.first) {
        fig.currency = Some(unit.clone());
        fig.first -= len;
    }
    // Currency after: "310 billion rubles", "200 million dollars".
    if let Some((len, unit)) = lex.unit_after.longest_at(lower, fig.end) {
        fig.currency.get_or_insert_with(|| unit.clone());
        fig.end += len;
    }
    // The hedge before: "more than", "at least", "about".
    if fig.qualifier == Qualifier::Exact
        && let Some((len, &q)) = lex.qualifiers.longest_ending_at(lower, fig.first)
    {
        fig.qualifier = q;
        fig.first -= len;
        let v = fig.value.unwrap_or(0.0);
        let (lo, hi) = match q {
            Qualifier::About => (
                Some(tidy(v * (1.0 - about_tolerance))),
                Some(tidy(v * (1.0 + about_tolerance))),
            ),
            Qualifier::AtLeast | Qualifier::MoreThan => (Some(v), None),
            Qualifier::AtMost | Qualifier::LessThan => (None, Some(v)),
            Qualifier::Exact | Qualifier::Range => (Some(v), Some(v)),
        };
        fig.low = lo;
        fig.high = hi;
    }
    Some(fig)
}

/// Rounds away floating-point noise: 200 × 1.1 is 220, not 220.00000000000003.
fn tidy(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn bare_unscaled(t: &Tokens, text: &str, i: usize) -> Option<f64> {
    let tok = t.toks.get(i)?;
    if tok.kind == Kind::Number {
        digits_value(&text[tok.start..tok.end], true).map(|(v, _)| v)
    } else {
        words_value(t, i).map(|(v, _)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn fig(text: &str) -> Option<Figure> {
        let arena = crate::extract::tokens::Bump::new();
        let t = tokenize(text, 0, text.len(), &arena);
        let lex = Lexicon::builtin();
        (0..t.toks.len()).find_map(|i| figure_at(&t, text, i, lex, 0.1))
    }

    fn value(text: &str) -> Option<f64> {
        fig(text).and_then(|f| f.value)
    }

    #[test]
    fn digits_with_separators() {
        assert_eq!(value("7,939 people"), Some(7939.0));
        assert_eq!(value("7 939 people"), Some(7939.0));
        assert_eq!(value("7.939 people"), Some(7939.0));
        assert_eq!(value("5.8 thousand"), Some(5800.0));
        assert_eq!(value("4,7 billion"), Some(4.7e9));
        assert_eq!(value("1.2bn"), Some(1.2e9));
        assert_eq!(value("1,234.5 tons"), Some(1234.5));
    }

    proptest::proptest! {
        #[test]
        fn plain_digits_read_as_the_general_path_reads_them(
            s in "[0-9]{1,20}|[0-9]{1,3}([,.][0-9]{1,4}){0,3}",
            scaled: bool,
        ) {
            proptest::prop_assert_eq!(digits_value(&s, scaled), separated_value(&s, scaled));
        }
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(value("Thirteen died"), Some(13.0));
        assert_eq!(value("twenty-four people"), Some(24.0));
        assert_eq!(value("a dozen people"), Some(12.0));
        assert_eq!(value("six thousand people"), Some(6000.0));
        assert_eq!(value("half a million people"), Some(500_000.0));
        assert_eq!(value("a thousand people"), Some(1000.0));
        assert_eq!(value("4 thousand 300 people"), Some(4300.0));
        assert_eq!(value("one hundred and fifty people"), Some(150.0));
        assert_eq!(value("20 thousand radicals"), Some(20000.0));
    }

    #[test]
    fn qualifiers_make_intervals() {
        let f = fig("over 5,000 people").unwrap();
        assert_eq!(
            (f.qualifier, f.low, f.high),
            (Qualifier::MoreThan, Some(5000.0), None)
        );
        let f = fig("about $ 200 million").unwrap();
        assert_eq!(f.qualifier, Qualifier::About);
        assert_eq!(f.currency.as_deref(), Some("USD"));
        assert_eq!(f.low, Some(180e6));
        let f = fig("dozens of participants").unwrap();
        assert_eq!(
            (f.qualifier, f.low, f.high, f.value),
            (Qualifier::Range, Some(24.0), Some(99.0), None)
        );
        let f = fig("between 20 and 30 people").unwrap();
        assert_eq!(
            (f.qualifier, f.low, f.high),
            (Qualifier::Range, Some(20.0), Some(30.0))
        );
        let f = fig("$2-4bn").unwrap();
        assert_eq!((f.low, f.high), (Some(2e9), Some(4e9)));
        let f = fig("up to 300 people").unwrap();
        assert_eq!(
            (f.qualifier, f.low, f.high),
            (Qualifier::AtMost, None, Some(300.0))
        );
        let f = fig("310 billion rubles").unwrap();
        assert_eq!(f.currency.as_deref(), Some("RUB"));
    }
}
