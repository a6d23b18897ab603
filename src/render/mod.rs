//! Stage 4, render: one file a format.

pub mod annotated;
pub mod diff_html;
pub mod diff_json;
pub mod github;
pub mod html;
pub mod html_report;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod quote;
pub mod sarif;
pub mod side_by_side;
pub mod svg;
pub mod text;

use crate::claim::Claim;
use crate::compare::{Finding, Kind, Severity};
use crate::error::LineIndex;
use crate::pipeline::Report;

/// Styles for terminal output; all no-ops when color is off.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    /// Whether to emit ANSI escapes.
    pub color: bool,
}

impl Paint {
    fn wrap(self, s: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Bold text.
    pub fn bold(self, s: &str) -> String {
        self.wrap(s, "1")
    }

    /// Dimmed text.
    pub fn dim(self, s: &str) -> String {
        self.wrap(s, "2")
    }

    /// Text in the color of a severity.
    pub fn severity(self, s: &str, sev: Severity) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.wrap(s, code)
    }
}

/// Line and column of spans in a report's sources, each source indexed once, on
/// first use: renderers locate every claim of every finding.
#[derive(Default)]
pub struct Locator<'a> {
    indexes: std::cell::RefCell<std::collections::HashMap<&'a str, std::rc::Rc<LineIndex>>>,
}

impl<'a> Locator<'a> {
    /// 1-based line and column (in characters) of byte `offset` of `text`, the text of source `id`.
    pub fn line_col(&self, id: &'a str, text: &str, offset: usize) -> (usize, usize) {
        let index = self
            .indexes
            .borrow_mut()
            .entry(id)
            .or_insert_with(|| std::rc::Rc::new(LineIndex::new(text)))
            .clone();
        index.line_col(text, offset)
    }
}

/// The claims of a finding, in its order.
pub fn claims_of<'a>(report: &'a Report, f: &Finding) -> Vec<&'a Claim> {
    f.claims.iter().filter_map(|id| report.claim(id)).collect()
}

/// The figure of a claim in a finding, with how many times its source states it
/// when more than once: "7,939 ×3".
pub fn figure_in(f: &Finding, c: &Claim) -> String {
    match f.times(&c.id) {
        1 => c.figure(),
        n => format!("{} ×{n}", c.figure()),
    }
}

/// "2 errors, 1 warning, 3 info"-style counts of findings by kind.
pub fn count_by_kind(findings: &[Finding]) -> String {
    let parts: Vec<String> = Kind::ALL
        .iter()
        .rev()
        .filter_map(|k| {
            let n = findings.iter().filter(|f| f.kind == *k).count();
            (n > 0).then(|| format!("{n} {}", k.as_str()))
        })
        .collect();
    if parts.is_empty() {
        "no findings".to_string()
    } else {
        parts.join(", ")
    }
}

/// The noun for a count: "claim" for one, "claims" for any other number.
pub fn noun(n: usize, singular: &str) -> String {
    if n == 1 {
        singular.to_string()
    } else {
        format!("{singular}s")
    }
}

/// A count with its noun: "1 claim", "2 claims", "0 claims".
pub fn count(n: usize, singular: &str) -> String {
    format!("{n} {}", noun(n, singular))
}

/// "killed · security_forces · Kazakhstan"
pub fn key_label(f: &Finding) -> String {
    let k = &f.key;
    let mut parts = vec![k.metric.0.clone()];
    if let Some(s) = &k.subject {
        parts.push(s.0.clone());
    }
    parts.push(k.location.clone());
    if k.unit != "people" {
        parts.push(k.unit.clone());
    }
    parts.join(" · ")
}

/// The findings grouped by event, events in order of their worst finding. A report
/// of one event (or none) gives one group without a label: nothing to tell apart.
pub fn by_event<'a>(
    report: &Report,
    list: impl Iterator<Item = &'a Finding>,
) -> Vec<(Option<&'a crate::claim::EventRef>, Vec<&'a Finding>)> {
    let list: Vec<&Finding> = list.collect();
    if report.events.len() < 2 {
        return vec![(None, list)];
    }
    let mut groups: Vec<(Option<&crate::claim::EventRef>, Vec<&Finding>)> = Vec::new();
    // Where each event's group stands: a corpus has thousands of events.
    let mut at: std::collections::HashMap<Option<&crate::claim::EventRef>, usize> =
        std::collections::HashMap::new();
    for f in list {
        let e = f.key.event.as_ref();
        let i = *at.entry(e).or_insert_with(|| {
            groups.push((e, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(f);
    }
    groups
}

/// The key label, followed by the event's label in brackets when the report tells
/// of several events.
pub fn key_label_in(report: &Report, f: &Finding) -> String {
    match &f.key.event {
        Some(e) if report.events.len() > 1 => format!("{} [{}]", key_label(f), e.label),
        _ => key_label(f),
    }
}

/// What a reader should know about a claim beyond its figure: "earlier figure"
/// for a superseded one, "one group or spot" for a part, "said to be revised",
/// "implied count"; empty otherwise.
pub fn claim_notes(c: &Claim) -> String {
    let mut notes = Vec::new();
    if c.superseded {
        notes.push("earlier figure");
    }
    if c.part {
        notes.push("one group or spot");
    }
    if c.revised {
        notes.push("said to be revised");
    }
    if c.implicit {
        notes.push("implied count");
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join(", "))
    }
}

/// Source text made safe for a terminal: control characters (an escape sequence
/// hidden in an article could restyle or rewrite the screen) become U+FFFD.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Like [`printable`], but keeping every byte offset: a control character becomes
/// as many spaces as it has bytes, so spans into the text still point right.
pub fn printable_in_place(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t' && c != '\r' {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// One-line quote: whitespace folded, control characters replaced, cut at `max` characters.
pub fn short_quote(q: &str, max: usize) -> String {
    let folded = printable(&q.split_whitespace().collect::<Vec<_>>().join(" "));
    if folded.chars().count() <= max {
        folded
    } else {
        let cut: String = folded.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_sequences_from_sources_never_reach_the_terminal() {
        assert_eq!(
            super::printable("a\x1b[31mred\x07"),
            "a\u{fffd}[31mred\u{fffd}"
        );
        assert_eq!(
            super::short_quote("line\none\x1b]0;title\x07", 80),
            "line one\u{fffd}]0;title\u{fffd}"
        );
    }
}
