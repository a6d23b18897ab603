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

fn finding_block(out: &Outcome, f: &Finding, renderer: &Renderer) -> String {
    let failing = out.is_failing(f);
    let title = format!("{}: {}", key_label_in(&out.report, f), f.message);
    let mut group = Group::with_title(
        level(f.severity(), failing)
            .primary_title(title)
            .id(f.kind.as_str()),
    );
    let claims = claims_of(&out.report, f);
    // Each source's text made safe for a terminal, offsets kept, before the group borrows it.
    let texts: Vec<Option<std::borrow::Cow<str>>> = claims
        .iter()
        .map(|c| {
            out.report
                .source(&c.source)
                .map(|s| super::printable_in_place(&s.text))
        })
        .collect();
    for (i, c) in claims.iter().enumerate() {
        let (Some(src), Some(text)) = (out.report.source(&c.source), texts[i].as_ref()) else {
            continue;
        };
        let path = super::printable(&src.path.display().to_string());
        let label = format!(
            "{} as of {}{}",
            c.figure(),
            c.as_of.map_or_else(|| "?".to_string(), |d| d.to_string()),
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
        let usable = c.span.end > c.span.start && src.text.get(c.span.start..c.span.end).is_some();
        if usable {
            group = group.element(
                Snippet::source(text.as_ref())
                    .line_start(1)
                    .path(path)
                    .fold(true)
                    .annotation(kind.span(c.span.start..c.span.end).label(label)),
            );
        } else {
            group = group.element(Level::NOTE.message(format!(
                "{path}: \"{}\" — {label} (added by hand)",
                super::printable(&c.quote)
            )));
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
    // Failing findings in full; the others in a line each, so CI logs lead with what matters.
    for &i in &out.new {
        let f = &out.report.findings[i];
        if out.is_failing(f) {
            let _ = writeln!(text, "{}\n", finding_block(out, f, &renderer));
        }
    }
    for &i in &out.new {
        let f = &out.report.findings[i];
        if !out.is_failing(f) {
            let sev = f.severity();
            let _ = writeln!(
                text,
                "{}[{}]: {}: {}",
                sev.as_str(),
                f.kind,
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
        let _ = writeln!(
            text,
            "(below --fail-on {}: reported, not failing; `claimdiff report` shows their quotes)\n",
            fail_on_name(out)
        );
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
        "claimdiff check {verdict}: {} sources, {} claims; {} new finding{} ({failing} failing at --fail-on {}), {known} in baseline, {} stale",
        out.report.sources.len(),
        out.report.claims.len(),
        out.new.len(),
        if out.new.len() == 1 { "" } else { "s" },
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
