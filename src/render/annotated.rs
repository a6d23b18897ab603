//! `check` for a terminal: one rustc-style block per finding, with each quote
//! underlined in its source line (annotate-snippets), then what is stale.

use super::{claims_of, key_label_in};
use crate::check::Outcome;
use crate::compare::{Finding, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write;

fn level(sev: Severity, failing: bool) -> Level<'static> {
    match (failing, sev) {
        (true, _) | (false, Severity::Error) => Level::ERROR,
        (false, Severity::Warning) => Level::WARNING,
        (false, Severity::Info) => Level::INFO,
    }
}

/// How far a snippet reaches beyond its span when the line goes on: a source of
/// one 10 MB line must not be copied once per claim.
const CONTEXT: usize = 240;

/// The lines around `start..end`, cut at `CONTEXT` bytes on either side.
fn window(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut lo = start.saturating_sub(CONTEXT);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (end + CONTEXT).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let first = text[lo..start].rfind('\n').map_or(lo, |i| lo + i + 1);
    let last = text[end..hi].find('\n').map_or(hi, |i| end + i);
    (first, last)
}

fn finding_block<'a>(
    out: &'a Outcome,
    f: &Finding,
    renderer: &Renderer,
    locator: &super::Locator<'a>,
) -> String {
    let failing = out.is_failing(f);
    let title = format!("{}: {}", key_label_in(&out.report, f), f.message);
    let mut group = Group::with_title(
        level(f.severity(), failing)
            .primary_title(title)
            .id(f.kind.as_str()),
    );
    let claims = claims_of(&out.report, f);
    // Each quote's lines, made safe for a terminal (offsets kept), before the group
    // borrows them: a snippet of the lines around the span, never the whole source.
    let windows: Vec<Option<(std::borrow::Cow<str>, usize, usize)>> = claims
        .iter()
        .map(|c| {
            let src = out.report.source(&c.source)?;
            let text = src.text.as_deref()?;
            text.get(c.span.start..c.span.end)?;
            let (start, end) = window(text, c.span.start, c.span.end);
            let line = locator.line_col(&src.id, text, start).0;
            Some((super::printable_in_place(&text[start..end]), start, line))
        })
        .collect();
    for (i, c) in claims.iter().enumerate() {
        let Some(src) = out.report.source(&c.source) else {
            continue;
        };
        let path = super::printable(&src.path.display().to_string());
        let label = format!(
            "{} as of {}{}",
            c.figure(),
            c.as_of
                .map_or_else(|| "undated".to_string(), |d| d.to_string()),
            c.attribution
                .as_deref()
                .map(|a| format!(", according to {}", super::printable(a)))
                .unwrap_or_default()
        );
        let kind = if i == 0 {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        match &windows[i] {
            Some((text, start, line)) if c.span.end > c.span.start => {
                let span = c.span.start - start..c.span.end - start;
                group = group.element(
                    Snippet::source(text.as_ref())
                        .line_start(*line)
                        .path(path)
                        .fold(true)
                        .annotation(kind.span(span).label(label)),
                );
            }
            _ => {
                group = group.element(Level::NOTE.message(format!(
                    "{path}: \"{}\" — {label} (added by hand)",
                    super::printable(&c.quote)
                )));
            }
        }
    }
    renderer.render(&[group])
}

/// Renders a check outcome as annotated text.
pub fn render(out: &Outcome, color: bool, sources_hint: &str) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(120);
    let mut text = String::new();
    let locator = super::Locator::default();
    // Failing findings in full; the others in a line each, so CI logs lead with what matters.
    for &i in &out.new {
        let f = &out.report.findings[i];
        if out.is_failing(f) {
            let _ = writeln!(text, "{}\n", finding_block(out, f, &renderer, &locator));
        }
    }
    for &i in &out.new {
        let f = &out.report.findings[i];
        if !out.is_failing(f) {
            // Named "not failing" first: an `error` severity that passes the check
            // would read as a failure.
            let _ = writeln!(
                text,
                "not failing ({} {}, below --fail-on {}): {}: {}",
                f.severity().as_str(),
                f.kind,
                fail_on_name(out),
                key_label_in(&out.report, f),
                f.message
            );
        }
    }
    if out
        .new
        .iter()
        .any(|&i| !out.is_failing(&out.report.findings[i]))
    {
        let _ = writeln!(text, "(`claimdiff report` shows their quotes)\n");
    }
    for s in &out.stale {
        let groups = [Level::ERROR
            .primary_title(s.message())
            .id("stale")
            .element(Level::HELP.message(format!("run `{}`", s.fix(sources_hint))))];
        let _ = writeln!(text, "{}\n", renderer.render(&groups));
    }
    for e in &out.gone {
        let _ = writeln!(
            text,
            "note: baseline entry {} ({}, {}) no longer occurs; prune it from the baseline\n",
            e.fingerprint, e.kind, e.key
        );
    }
    let _ = writeln!(text, "{}", summary(out));
    text
}

/// The closing line: what was found and whether it fails.
pub fn summary(out: &Outcome) -> String {
    let failing = out.failing().len();
    let known = out.report.findings.len() - out.new.len();
    let verdict = if out.failed() { "FAILED" } else { "ok" };
    format!(
        "claimdiff check {verdict}: {}, {}; {} ({failing} failing at --fail-on {}), {known} in baseline, {} stale",
        super::count(out.report.sources.len(), "source"),
        super::count(out.report.claims.len(), "claim"),
        super::count(out.new.len(), "new finding"),
        fail_on_name(out),
        out.stale.len(),
    )
}

fn fail_on_name(out: &Outcome) -> &'static str {
    use crate::config::FailOn::*;
    match out.fail_on {
        Any => "any",
        Bounds => "bounds",
        Timeline => "timeline",
        PartExceedsWhole => "part_exceeds_whole",
        Contradiction => "contradiction",
    }
}
