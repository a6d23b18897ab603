//! Quotes cut to a width without losing their figure: a quote is there to show
//! where a number was read, so when it is too long the cut goes around the figure.

use crate::claim::Claim;

/// The claim's quote on one line, at most `max` characters, always showing its
/// figure: cut at the end when the figure comes early, else around the figure
/// with "…" where text was left out.
pub fn around_figure(c: &Claim, max: usize) -> String {
    let folded = super::printable(&c.quote.split_whitespace().collect::<Vec<_>>().join(" "));
    let chars: Vec<char> = folded.chars().collect();
    let n = chars.len();
    if n <= max || max < 8 {
        return super::short_quote(&folded, max);
    }
    let values: Vec<f64> = [c.value.get(), c.low.get(), c.high.get()]
        .into_iter()
        .flatten()
        .collect();
    let Some((fs, fe)) = figure_in(&chars, &values) else {
        return super::short_quote(&folded, max);
    };
    // A few words after the figure say what it counts ("7,939 persons").
    let tail = 12;
    if fe + tail.min(n - fe) < max {
        return super::short_quote(&folded, max);
    }
    let mut end = (fe + tail).min(n);
    let dots_after = usize::from(end < n);
    let room = max - 1 - dots_after;
    let mut start = end.saturating_sub(room);
    if start > fs {
        // A figure longer than the room: show it from its start.
        start = fs;
        end = (fs + room).min(n);
    }
    // Begin at a word, unless that would cost too much of the room.
    if let Some(sp) = chars[start..fs].iter().position(|ch| *ch == ' ')
        && sp < 12
    {
        start += sp + 1;
    }
    let cut_end = end;
    if end < n && fe < end {
        // End at a word too.
        if let Some(sp) = chars[fe..end].iter().rposition(|ch| *ch == ' ') {
            end = fe + sp;
        }
    }
    let mut out = String::from("…");
    out.extend(&chars[start..end]);
    if cut_end < n {
        out.push('…');
    }
    out
}

/// Where the figure stands in a quote, as a character range: the digits that
/// read as one of the claim's values (also in thousands, millions, billions),
/// else the first number word, else the first digits.
fn figure_in(chars: &[char], values: &[f64]) -> Option<(usize, usize)> {
    let runs = digit_runs(chars);
    let matches = |run: &(usize, usize)| {
        let s: String = chars[run.0..run.1].iter().collect();
        readings(&s).iter().any(|r| {
            [1.0, 1e3, 1e6, 1e9, 1e12].iter().any(|scale| {
                values
                    .iter()
                    .any(|v| (r * scale - v).abs() <= 1e-9 * v.abs().max(1.0))
            })
        })
    };
    if let Some(run) = runs.iter().find(|r| matches(r)) {
        return Some(*run);
    }
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let end = (i..chars.len())
                .find(|&j| !chars[j].is_alphanumeric() && chars[j] != '-')
                .unwrap_or(chars.len());
            let word: String = chars[i..end].iter().collect::<String>().to_lowercase();
            if word.split('-').any(crate::extract::is_number_word) {
                return Some((i, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    runs.first().copied()
}

/// Runs of digits with the separators written inside numbers ("7,939", "7 939", "5.8").
fn digit_runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < chars.len() {
            let joins = matches!(chars[end], ',' | '.' | ' ' | '\u{a0}' | '\u{202f}')
                && chars.get(end + 1).is_some_and(char::is_ascii_digit);
            if chars[end].is_ascii_digit() || joins {
                end += 1;
            } else {
                break;
            }
        }
        runs.push((start, end));
        i = end;
    }
    runs
}

/// The values a run of digits may be read as: "7.939" is 7939 in some languages
/// and 7.939 in others; "2022 7" is not one number.
fn readings(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let grouped: String = s.chars().filter(char::is_ascii_digit).collect();
    out.extend(grouped.parse::<f64>());
    let decimal_point: String = s
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    out.extend(decimal_point.parse::<f64>());
    let decimal_comma: String = s
        .chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    out.extend(decimal_comma.parse::<f64>());
    // Each space-separated part alone: "since 2022 7,939" would otherwise hide the figure.
    for part in s.split([' ', '\u{a0}', '\u{202f}']) {
        let p: String = part.chars().filter(|c| *c != ',').collect();
        out.extend(p.parse::<f64>());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(quote: &str, value: f64) -> Claim {
        let mut c = crate::claim::fixtures::claim(
            "c",
            "detained",
            "people",
            "Oslo",
            crate::claim::Qualifier::Exact,
            value,
            None,
        );
        c.quote = quote.into();
        c
    }

    #[test]
    fn a_long_quote_is_cut_around_its_figure() {
        let c = claim(
            "arrested during the street protests in the capital since early 2023 has climbed to 4,512",
            4512.0,
        );
        let q = around_figure(&c, 50);
        assert!(q.contains("4,512"), "{q}");
        assert!(q.starts_with('…'), "{q}");
        assert!(q.chars().count() <= 50, "{q}");
    }

    #[test]
    fn an_early_figure_keeps_the_head_cut() {
        let c = claim(
            "4,512 people arrested during the street protests in the capital since early 2023",
            4512.0,
        );
        let q = around_figure(&c, 40);
        assert!(q.starts_with("4,512 people"), "{q}");
        assert!(q.ends_with('…') && q.chars().count() <= 40, "{q}");
    }

    #[test]
    fn a_figure_in_words_is_found() {
        let c = claim(
            "members of the banned group who organised the attacks on the town hall were seven",
            7.0,
        );
        let q = around_figure(&c, 40);
        assert!(q.contains("seven"), "{q}");
        assert!(q.chars().count() <= 40, "{q}");
    }
}
