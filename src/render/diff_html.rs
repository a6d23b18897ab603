//! `diff --format html`: the side-by-side view as a self-contained page.

use super::html::{escape, page};
use crate::claim::Span;
use crate::diff::{Diff, RowKind, Side};
use std::fmt::Write;

const CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:1rem;color:#1d1d1f}
table{border-collapse:collapse;width:100%}
td{vertical-align:top;padding:.2rem .5rem;border-bottom:1px solid #eee;overflow-wrap:anywhere}
table.diff{table-layout:fixed}
.ln{color:#888;text-align:right;font:12px monospace;width:3.5em}
.g{font:12px monospace;width:1.5em;color:#888}
tr.only_a td.a,tr.changed td.a{background:#fff0f0}
tr.only_b td.b,tr.changed td.b{background:#f0fff3}
tr.moved td.a,tr.moved td.b{background:#eef6ff}
del{background:#ffc9c9;text-decoration:none}
ins{background:#b7f0c1;text-decoration:none}
mark{background:#ffe58a;font-weight:600}
th{text-align:left;border-bottom:2px solid #ccc;padding:.3rem .5rem}
.claims td{font-variant-numeric:tabular-nums}
h1{overflow-wrap:anywhere}
@media (max-width:700px){body{margin:.5rem}h1{font-size:1.3rem}.ln,.g{display:none}td,th{padding:.2rem .3rem}}";

fn sentence(side: &Side, span: Span, changed: &[Span], tag: &str) -> String {
    let text = &side.source.text;
    let figures: Vec<(Span, &str)> = side
        .figures_in(span)
        .iter()
        .map(|(s, id)| (*s, id.as_str()))
        .collect();
    let mut cuts = vec![span.start, span.end];
    for s in figures.iter().map(|(s, _)| s).chain(changed) {
        cuts.push(s.start.clamp(span.start, span.end));
        cuts.push(s.end.clamp(span.start, span.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let mut piece = escape(&text[a..b]);
        if let Some((_, id)) = figures.iter().find(|(s, _)| s.start <= a && b <= s.end) {
            piece = format!("<mark title=\"{}\">{piece}</mark>", escape(id));
        }
        if changed.iter().any(|s| s.start <= a && b <= s.end) {
            piece = format!("<{tag}>{piece}</{tag}>");
        }
        out.push_str(&piece);
    }
    out
}

/// Renders the diff as an HTML page.
pub fn render(d: &Diff) -> String {
    let mut body = String::new();
    let name = |s: &Side| escape(&s.source.id);
    let _ = writeln!(body, "<h1>{} ↔ {}</h1>", name(&d.a), name(&d.b));
    if d.identical {
        let _ = writeln!(body, "<p>The two texts are identical.</p>");
    }
    let _ = writeln!(
        body,
        "<table class=\"diff\">\n<tr><th class=\"ln\"></th><th class=\"g\"></th><th>a: {}</th><th class=\"ln\"></th><th class=\"g\"></th><th>b: {}</th></tr>",
        name(&d.a),
        name(&d.b)
    );
    for r in &d.rows {
        let (ga, gb) = match r.kind {
            RowKind::Same => ("", ""),
            RowKind::Changed => ("-", "+"),
            RowKind::OnlyA => ("-", ""),
            RowKind::OnlyB => ("", "+"),
            RowKind::Moved => ("&lt;", "&gt;"),
        };
        let cell = |side: &Side, i: Option<usize>, changed: &[Span], tag: &str| match i {
            Some(i) => (
                side.line_of(i).to_string(),
                sentence(side, side.sentences[i].span, changed, tag),
            ),
            None => (String::new(), String::new()),
        };
        let (na, ta) = cell(&d.a, r.a, &r.a_changed, "del");
        let (nb, tb) = cell(&d.b, r.b, &r.b_changed, "ins");
        let _ = writeln!(
            body,
            "<tr class=\"{}\"><td class=\"ln\">{na}</td><td class=\"g\">{}</td><td class=\"a\">{ta}</td><td class=\"ln\">{nb}</td><td class=\"g\">{}</td><td class=\"b\">{tb}</td></tr>",
            r.kind.as_str(),
            if r.a.is_some() { ga } else { "" },
            if r.b.is_some() { gb } else { "" },
        );
    }
    let _ = writeln!(
        body,
        "</table>\n<h2>Claims</h2>\n<table class=\"claims\">\n<tr><th>claim key</th><th>a</th><th>b</th><th>verdict</th></tr>"
    );
    for row in &d.claims {
        let figs = |cs: &[crate::claim::Claim]| {
            cs.iter()
                .map(|c| {
                    format!(
                        "{} ({}){}",
                        escape(&c.figure()),
                        c.as_of.map_or_else(|| "undated".into(), |d| d.to_string()),
                        escape(&super::claim_notes(c))
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&row.key.to_string()),
            figs(&row.a),
            figs(&row.b),
            escape(row.verdict.as_str())
        );
    }
    let _ = writeln!(body, "</table>");
    page(
        &format!("claimdiff: {} ↔ {}", d.a.source.id, d.b.source.id),
        CSS,
        &body,
        None,
    )
}
