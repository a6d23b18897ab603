//! `diff` for a terminal: two columns sized to the width, line numbers, text
//! wrapped at word boundaries by display width, figures marked `[13]`, changed
//! words marked `{…}` (or colored), and `-`/`+` gutters.

use crate::claim::Span;
use crate::diff::{ClaimRow, Diff, Row, RowKind, Side};
use std::fmt::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a piece of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Style {
    figure: bool,
    changed: bool,
    tone: Tone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tone {
    #[default]
    Plain,
    Removed,
    Added,
    Moved,
}

type Piece = (String, Style);

fn ansi(style: Style) -> &'static str {
    match (style.figure, style.changed, style.tone) {
        (true, _, _) => "\x1b[1;33m",
        (false, true, Tone::Removed) => "\x1b[1;4;31m",
        (false, true, _) => "\x1b[1;4;32m",
        (false, false, Tone::Removed) => "\x1b[31m",
        (false, false, Tone::Added) => "\x1b[32m",
        (false, false, Tone::Moved) => "\x1b[36m",
        (false, false, Tone::Plain) => "",
    }
}

/// Cuts a sentence into styled pieces; in plain mode the marks become brackets.
fn pieces(side: &Side, span: Span, changed: &[Span], tone: Tone, color: bool) -> Vec<Piece> {
    let text = &side.source.text;
    let figures: Vec<Span> = side.figures_in(span).iter().map(|(s, _)| *s).collect();
    let mut cuts: Vec<usize> = vec![span.start, span.end];
    for s in figures.iter().chain(changed) {
        cuts.push(s.start.clamp(span.start, span.end));
        cuts.push(s.end.clamp(span.start, span.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let inside =
        |list: &[Span], a: usize, b: usize| list.iter().any(|s| s.start <= a && b <= s.end);
    let mut out: Vec<Piece> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let style = Style {
            figure: inside(&figures, a, b),
            changed: inside(changed, a, b),
            tone,
        };
        let body = super::printable(&text[a..b].split_whitespace().collect::<Vec<_>>().join(" "));
        let lead = if text[a..b].starts_with(char::is_whitespace) && a > span.start {
            " "
        } else {
            ""
        };
        let tail = if text[a..b].ends_with(char::is_whitespace) && b < span.end {
            " "
        } else {
            ""
        };
        let mut s = format!("{lead}{body}{tail}");
        if !color {
            let starts = |list: &[Span]| list.iter().any(|x| x.start == a);
            let ends = |list: &[Span]| list.iter().any(|x| x.end == b);
            // A changed run usually holds the figure: "{[19] people}".
            if style.figure && starts(&figures) {
                s = format!("[{s}");
            }
            if style.changed && starts(changed) {
                s = format!("{{{s}");
            }
            if style.figure && ends(&figures) {
                s.push(']');
            }
            if style.changed && ends(changed) {
                s.push('}');
            }
        }
        out.push((s, style));
    }
    out
}

/// Wraps pieces into lines of at most `width` columns, breaking at spaces
/// (and inside a word only when it is wider than a line).
fn wrap(pieces: &[Piece], width: usize) -> Vec<Vec<Piece>> {
    let width = width.max(1);
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    let mut used = 0;
    for (text, style) in pieces {
        for token in split_keep_spaces(text) {
            let is_space = token.chars().all(char::is_whitespace);
            let w = token.width();
            if is_space {
                if used > 0 && used + w <= width {
                    push(lines.last_mut().expect("never empty"), token, *style);
                    used += w;
                }
                continue;
            }
            if used + w > width && used > 0 {
                trim_end(lines.last_mut().expect("never empty"));
                lines.push(Vec::new());
                used = 0;
            }
            if w <= width {
                push(lines.last_mut().expect("never empty"), token, *style);
                used += w;
                continue;
            }
            // A word wider than the column: break it by characters.
            for c in token.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(Vec::new());
                    used = 0;
                }
                push(
                    lines.last_mut().expect("never empty"),
                    &c.to_string(),
                    *style,
                );
                used += cw;
            }
        }
    }
    trim_end(lines.last_mut().expect("never empty"));
    lines
}

fn split_keep_spaces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in s.char_indices() {
        let sp = c.is_whitespace();
        if in_space.is_some_and(|prev| prev != sp) {
            out.push(&s[start..i]);
            start = i;
        }
        in_space = Some(sp);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn push(line: &mut Vec<Piece>, text: &str, style: Style) {
    match line.last_mut() {
        Some((t, s)) if *s == style => t.push_str(text),
        _ => line.push((text.to_string(), style)),
    }
}

fn trim_end(line: &mut [Piece]) {
    if let Some((t, _)) = line.last_mut() {
        let trimmed = t.trim_end().len();
        t.truncate(trimmed);
    }
}

fn paint(line: &[Piece], color: bool) -> (String, usize) {
    let mut out = String::new();
    let mut w = 0;
    for (t, s) in line {
        w += t.width();
        let code = if color { ansi(*s) } else { "" };
        if code.is_empty() {
            out.push_str(t);
        } else {
            let _ = write!(out, "{code}{t}\x1b[0m");
        }
    }
    (out, w)
}

struct Layout {
    line_w: usize,
    col: usize,
    color: bool,
}

fn side_lines(
    side: &Side,
    idx: Option<usize>,
    changed: &[Span],
    tone: Tone,
    layout: &Layout,
) -> (Vec<Vec<Piece>>, Option<usize>) {
    match idx {
        Some(i) => {
            let ps = pieces(side, side.sentences[i].span, changed, tone, layout.color);
            (wrap(&ps, layout.col), Some(side.line_of(i)))
        }
        None => (Vec::new(), None),
    }
}

fn gutters(kind: RowKind) -> (char, char) {
    match kind {
        RowKind::Same => (' ', ' '),
        RowKind::Changed => ('-', '+'),
        RowKind::OnlyA => ('-', ' '),
        RowKind::OnlyB => (' ', '+'),
        RowKind::Moved => ('<', '>'),
    }
}

fn write_row(out: &mut String, d: &Diff, r: &Row, layout: &Layout) {
    let (tone_a, tone_b) = match r.kind {
        RowKind::Same => (Tone::Plain, Tone::Plain),
        RowKind::Changed | RowKind::OnlyA | RowKind::OnlyB => (Tone::Removed, Tone::Added),
        RowKind::Moved => (Tone::Moved, Tone::Moved),
    };
    let (la, na) = side_lines(&d.a, r.a, &r.a_changed, tone_a, layout);
    let (lb, nb) = side_lines(&d.b, r.b, &r.b_changed, tone_b, layout);
    let (ga, gb) = gutters(r.kind);
    for k in 0..la.len().max(lb.len()) {
        let cell = |lines: &[Vec<Piece>], n: Option<usize>, g: char| -> String {
            let num = match (k, n) {
                (0, Some(n)) => format!("{n:>w$}", w = layout.line_w),
                _ => " ".repeat(layout.line_w),
            };
            let mark = if k < lines.len() { g } else { ' ' };
            let (text, w) = lines
                .get(k)
                .map_or((String::new(), 0), |l| paint(l, layout.color));
            format!(
                "{num} {mark} {text}{}",
                " ".repeat(layout.col.saturating_sub(w))
            )
        };
        let left = cell(&la, na, ga);
        let right = cell(&lb, nb, gb);
        let _ = writeln!(out, "{left} │ {}", right.trim_end());
    }
}

fn title(side: &Side, label: &str) -> String {
    let date = side
        .source
        .meta
        .published
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    format!(
        "{label}: {} ({date}, {})",
        side.source.id,
        super::count(side.claims.len(), "claim")
    )
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

/// The claims table: one row a key, A's and B's figures with dates, the verdict;
/// cells wrap at spaces so the table fits in `width` columns.
pub fn claims_table(rows: &[ClaimRow], width: usize) -> String {
    let figures = |cs: &[crate::claim::Claim]| -> String {
        if cs.is_empty() {
            return "—".to_string();
        }
        let mut v: Vec<String> = Vec::new();
        for c in cs {
            let f = format!(
                "{} ({}){}",
                c.figure(),
                c.as_of
                    .map_or_else(|| "undated".to_string(), |d| d.to_string()),
                super::claim_notes(c)
            );
            if !v.contains(&f) {
                v.push(f);
            }
        }
        v.join("; ")
    };
    let table: Vec<[String; 4]> = rows
        .iter()
        .map(|r| {
            [
                r.key.to_string(),
                figures(&r.a),
                figures(&r.b),
                r.verdict.as_str().to_string(),
            ]
        })
        .collect();
    let head = ["claim key", "A", "B", "verdict"].map(String::from);
    let mut w = [0; 4];
    for row in std::iter::once(&head).chain(&table) {
        for (k, cell) in row.iter().enumerate() {
            w[k] = w[k].max(cell.width());
        }
    }
    fit_columns(&mut w, width.saturating_sub(2 + 3 * 2));
    let mut out = String::from("Claims\n");
    for row in std::iter::once(&head).chain(&table) {
        let cells: Vec<Vec<String>> = row
            .iter()
            .zip(w)
            .map(|(cell, cw)| wrap_cell(cell, cw))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let at = |k: usize| cells[k].get(i).map_or("", String::as_str);
            let line = format!(
                "  {}  {}  {}  {}",
                pad(at(0), w[0]),
                pad(at(1), w[1]),
                pad(at(2), w[2]),
                at(3)
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    if rows.is_empty() {
        let _ = writeln!(out, "  (neither text states a figure claimdiff recognises)");
    }
    out
}

/// Narrows the widest columns until they add up to at most `room` (no column
/// below 10, or below its own width when it is already narrower).
fn fit_columns(w: &mut [usize; 4], room: usize) {
    const MIN: usize = 10;
    while w.iter().sum::<usize>() > room {
        // The verdict column (last) stays whole: it is one short word.
        let Some(widest) = (0..3).filter(|&k| w[k] > MIN).max_by_key(|&k| w[k]) else {
            return;
        };
        w[widest] -= 1;
    }
}

/// A table cell cut into lines of at most `w` columns, at spaces where it can.
fn wrap_cell(cell: &str, w: usize) -> Vec<String> {
    if cell.width() <= w {
        return vec![cell.to_string()];
    }
    let mut lines = vec![String::new()];
    for word in cell.split(' ') {
        let last = lines.last_mut().expect("never empty");
        let sep = usize::from(!last.is_empty());
        if last.width() + sep + word.width() <= w {
            if sep == 1 {
                last.push(' ');
            }
            last.push_str(word);
            continue;
        }
        if !last.is_empty() {
            lines.push(String::new());
        }
        for c in word.chars() {
            let line = lines.last_mut().expect("never empty");
            if line.width() + c.width().unwrap_or(0) > w && !line.is_empty() {
                lines.push(String::new());
            }
            lines.last_mut().expect("never empty").push(c);
        }
    }
    lines
}

/// Renders the whole diff for a terminal `width` columns wide.
pub fn render(d: &Diff, width: usize, color: bool, claims_only: bool) -> String {
    let mut out = String::new();
    let max_line =
        d.a.source
            .text
            .lines()
            .count()
            .max(d.b.source.text.lines().count());
    let line_w = max_line.to_string().len().max(3);
    let col = (width.saturating_sub(3 + 2 * (line_w + 3)) / 2).max(12);
    let layout = Layout { line_w, col, color };
    let (ta, tb) = (title(&d.a, "a"), title(&d.b, "b"));
    let _ = writeln!(
        out,
        "{} │ {}",
        pad(&truncate(&ta, line_w + 3 + col), line_w + 3 + col),
        truncate(&tb, line_w + 3 + col)
    );
    if d.identical {
        let _ = writeln!(
            out,
            "The two texts are identical ({}).\n",
            super::count(d.a.sentences.len(), "sentence")
        );
    } else if !claims_only {
        let c = d.counts();
        let counts = format!(
            "{} shared, {} changed, {} only in a, {} only in b, {} moved",
            super::count(c[0].1, "sentence"),
            c[1].1,
            c[2].1,
            c[3].1,
            c[4].1
        );
        for line in wrap_cell(&counts, width) {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(
            out,
            "{}┼{}",
            "─".repeat(line_w + 4 + col),
            "─".repeat(line_w + 4 + col)
        );
        for r in &d.rows {
            write_row(&mut out, d, r, &layout);
        }
        let _ = writeln!(out);
    }
    out.push_str(&claims_table(&d.claims, width));
    out
}

fn truncate(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Vec<Piece>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_measures_wide_characters() {
        let p = vec![("one two three four".to_string(), Style::default())];
        assert_eq!(plain(&wrap(&p, 9)), ["one two", "three", "four"]);
        // Each CJK character takes two columns.
        let p = vec![("漢字漢字 ab".to_string(), Style::default())];
        assert_eq!(plain(&wrap(&p, 6)), ["漢字漢", "字 ab"]);
        // Combining marks take none.
        let p = vec![("e\u{301}e\u{301}e\u{301} x".to_string(), Style::default())];
        assert_eq!(plain(&wrap(&p, 5)), ["e\u{301}e\u{301}e\u{301} x"]);
    }
}
