//! The consistency report for a terminal: findings first, then the sources.

use super::{Paint, claims_of, count, count_by_kind, figure_in, key_label, short_quote};
use crate::pipeline::{Origin, Report};
use std::fmt::Write;

/// Renders the report as plain text (with color when `paint.color`).
pub fn render(report: &Report, paint: Paint) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}, {}, {}",
        paint.bold("claimdiff:"),
        count(report.sources.len(), "source"),
        count(report.claims.len(), "claim"),
        count_by_kind(&report.findings)
    );
    for (event, findings) in super::by_event(report, report.findings.iter()) {
        if let Some(e) = event {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "{}",
                paint.bold(&format!("== {} ({})", super::printable(&e.label), e.id))
            );
        }
        for f in findings {
            finding(&mut out, report, f, paint);
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", paint.bold("Sources"));
    let id_w = report
        .sources
        .iter()
        .map(|s| s.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let _ = writeln!(
        out,
        "  {:id_w$}  {:<12} {:<11} {:>6}  {:>8}",
        "id", "outlet", "published", "claims", "findings"
    );
    let claims_per = report.claims_per_source();
    let mut findings_per: std::collections::HashMap<&str, usize> = Default::default();
    for f in &report.findings {
        let sources: std::collections::BTreeSet<&str> = f
            .claims
            .iter()
            .filter_map(|id| report.claim(id))
            .map(|c| c.source.as_str())
            .collect();
        for s in sources {
            *findings_per.entry(s).or_default() += 1;
        }
    }
    for s in &report.sources {
        let n = claims_per.get(s.id.as_str()).copied().unwrap_or(0);
        let in_findings = findings_per.get(s.id.as_str()).copied().unwrap_or(0);
        let published = s
            .meta
            .published
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let outlet = s.meta.outlet.as_deref().unwrap_or("-");
        let note = match s.origin {
            Origin::Store => String::new(),
            Origin::Extracted => String::new(),
            Origin::Stale => "  (claim file stale: run `claimdiff extract`)".to_string(),
            Origin::Outdated => {
                "  (claim file from an older claimdiff: run `claimdiff extract`)".to_string()
            }
            Origin::Unreadable => "  (claim file unreadable: see warning)".to_string(),
        };
        let rejected = if s.rejected > 0 {
            format!("  ({} rejected)", s.rejected)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {:id_w$}  {:<12} {:<11} {:>6}  {:>8}{}{}",
            s.id,
            short_quote(outlet, 12),
            published,
            n,
            in_findings,
            rejected,
            note
        );
    }
    out
}

/// One finding: its kind and key, the message, and each claim on a line.
fn finding(out: &mut String, report: &Report, f: &crate::compare::Finding, paint: Paint) {
    let sev = f.severity();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} {}",
        paint.severity(&format!("{}[{}]", sev.as_str(), f.kind), sev),
        paint.bold(&key_label(f))
    );
    let _ = writeln!(out, "  {}", f.message);
    let claims = claims_of(report, f);
    let fig_w = claims
        .iter()
        .map(|c| figure_in(f, c).chars().count())
        .max()
        .unwrap_or(0);
    let src_w = claims
        .iter()
        .map(|c| c.source.len() + 1 + c.line.to_string().len())
        .max()
        .unwrap_or(0);
    for c in claims {
        let date = c
            .as_of
            .map_or_else(|| "undated   ".to_string(), |d| d.to_string());
        let loc = format!("{}:{}", super::printable(&c.source), c.line);
        let by = c
            .attribution
            .as_deref()
            .map(|a| format!(" — {}", super::printable(a)))
            .unwrap_or_default()
            + &super::claim_notes(c);
        let _ = writeln!(
            out,
            "    {:>fig_w$}  {}  {:src_w$}  \"{}\"{}",
            figure_in(f, c),
            date,
            paint.dim(&loc),
            super::quote::around_figure(c, 70),
            paint.dim(&by),
            src_w = src_w + if paint.color { 8 } else { 0 },
        );
    }
}
