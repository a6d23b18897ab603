//! The consistency report as Markdown, for a pull-request comment.

use super::{claims_of, count_by_kind, key_label, short_quote};
use crate::pipeline::Report;
use std::fmt::Write;

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Renders the report as GitHub-flavoured Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## claimdiff report\n");
    let _ = writeln!(
        out,
        "{} sources, {} claims, {}.\n",
        report.sources.len(),
        report.claims.len(),
        count_by_kind(&report.findings)
    );
    findings(&mut out, report, report.findings.iter());
    sources(&mut out, report);
    out
}

/// Renders a check outcome for a pull-request comment: the verdict, the new
/// findings and what is stale.
pub fn render_check(outcome: &crate::check::Outcome, sources_hint: &str) -> String {
    let mut out = String::new();
    let verdict = if outcome.failed() {
        "❌ failed"
    } else {
        "✅ passed"
    };
    let _ = writeln!(out, "## claimdiff check {verdict}\n");
    let _ = writeln!(out, "{}\n", cell(&super::annotated::summary(outcome)));
    findings(
        &mut out,
        &outcome.report,
        outcome.new.iter().map(|&i| &outcome.report.findings[i]),
    );
    if !outcome.stale.is_empty() {
        let _ = writeln!(out, "### Stale claim files\n");
        for s in &outcome.stale {
            let _ = writeln!(
                out,
                "- {} — run `{}`",
                cell(&s.message()),
                s.fix(sources_hint)
            );
        }
        let _ = writeln!(out);
    }
    sources(&mut out, &outcome.report);
    out
}

fn findings<'a>(
    out: &mut String,
    report: &Report,
    list: impl Iterator<Item = &'a crate::compare::Finding>,
) {
    for (event, list) in super::by_event(report, list) {
        if let Some(e) = event {
            let _ = writeln!(out, "### Event: {} (`{}`)\n", cell(&e.label), e.id);
        }
        for f in list {
            finding(out, report, f);
        }
    }
}

fn finding(out: &mut String, report: &Report, f: &crate::compare::Finding) {
    let icon = match f.severity() {
        crate::compare::Severity::Error => "🔴",
        crate::compare::Severity::Warning => "🟡",
        crate::compare::Severity::Info => "🔵",
    };
    let _ = writeln!(out, "### {icon} `{}` {}\n", f.kind, cell(&key_label(f)));
    let _ = writeln!(out, "{}\n", cell(&f.message));
    let _ = writeln!(out, "| figure | as of | source | quote | according to |");
    let _ = writeln!(out, "|---:|---|---|---|---|");
    for c in claims_of(report, f) {
        let _ = writeln!(
            out,
            "| {} | {} | {}:{} | {} | {} |",
            cell(&format!("{}{}", c.figure(), super::claim_notes(c))),
            c.as_of.map_or_else(|| "—".to_string(), |d| d.to_string()),
            cell(&c.source),
            c.line,
            cell(&short_quote(&c.quote, 90)),
            cell(c.attribution.as_deref().unwrap_or("—")),
        );
    }
    let _ = writeln!(out);
}

fn sources(out: &mut String, report: &Report) {
    let _ = writeln!(out, "<details><summary>Sources</summary>\n");
    let _ = writeln!(out, "| source | outlet | published | claims |");
    let _ = writeln!(out, "|---|---|---|---:|");
    let claims_per = report.claims_per_source();
    for s in &report.sources {
        let n = claims_per.get(s.id.as_str()).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&s.id),
            cell(s.meta.outlet.as_deref().unwrap_or("—")),
            s.meta
                .published
                .map_or_else(|| "—".to_string(), |d| d.to_string()),
            n
        );
    }
    let _ = writeln!(out, "\n</details>");
}
