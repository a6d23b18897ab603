//! `report --format html`: one self-contained page with the findings as cards,
//! a timeline chart per key, a per-key reconciliation, and every source with its
//! claims marked. All text from sources is escaped; only http(s) URLs are links.

use super::html::{escape, page_around, safe_url};
use super::{claims_of, count_by_kind, key_label, svg};
use crate::claim::{Claim, format_number};
use crate::compare::{Reconciliation, reconcile};
use crate::lexicon::Lexicon;
use crate::pipeline::Report;
use std::collections::HashMap;
use std::fmt::Write;

const CSS: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// Stable, markup-safe anchors for sources and claims.
struct Anchors {
    source: HashMap<String, String>,
    claim: HashMap<String, String>,
}

impl Anchors {
    fn new(report: &Report) -> Anchors {
        Anchors {
            source: report
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), format!("s{i}")))
                .collect(),
            claim: report
                .claims
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.to_string(), format!("c{i}")))
                .collect(),
        }
    }

    fn claim(&self, c: &Claim) -> String {
        self.claim.get(c.id.as_str()).cloned().unwrap_or_default()
    }
}

/// A source in full: its id, and its outlet when the text names one.
fn source_and_outlet(report: &Report, id: &str) -> String {
    match report.source(id).and_then(|s| s.meta.outlet.as_deref()) {
        Some(outlet) => format!("{id} ({outlet})"),
        None => id.to_string(),
    }
}

/// A source as a reader knows it: its outlet, else its id.
fn source_name(report: &Report, id: &str) -> String {
    report
        .source(id)
        .and_then(|s| s.meta.outlet.clone())
        .unwrap_or_else(|| id.to_string())
}

fn date(c: &Claim) -> String {
    c.as_of
        .map_or_else(|| "undated".to_string(), |d| d.to_string())
}

/// The sentence around a quote, with the quote marked.
fn quote_in_sentence(report: &Report, c: &Claim) -> String {
    let Some(src) = report.source(&c.source) else {
        return escape(&c.quote);
    };
    let text = src.text.as_deref().unwrap_or_default();
    if c.span.end <= c.span.start || text.get(c.span.start..c.span.end) != Some(c.quote.as_str()) {
        return format!("<mark>{}</mark>", escape(&c.quote));
    }
    let stop = |ch: char| matches!(ch, '.' | '!' | '?' | '…' | '\n');
    // A headline's figure sits in the front matter, before the body: its sentence
    // is the title itself.
    let (floor, ceiling) = match src.meta.title_span {
        Some((a, b)) if a <= c.span.start && c.span.end <= b => (a, b),
        _ if c.span.start < src.body_start => (c.span.start, c.span.end),
        _ => (src.body_start, text.len()),
    };
    // Widen to the sentence, stepping over whole characters ("…" is three bytes).
    let before = text[..c.span.start]
        .char_indices()
        .rev()
        .find(|&(_, ch)| stop(ch));
    let mut start = before.map_or(floor, |(i, ch)| i + ch.len_utf8()).max(floor);
    if c.span.start - start > 400 {
        start = text.ceil_char_boundary(c.span.start - 400);
    }
    let after = text[c.span.end..ceiling]
        .char_indices()
        .find(|&(_, ch)| stop(ch));
    let mut end = after.map_or(ceiling, |(i, ch)| c.span.end + i + ch.len_utf8());
    if end - c.span.end > 400 {
        end = text.floor_char_boundary(c.span.end + 400);
    }
    format!(
        "{}<mark>{}</mark>{}",
        escape(text[start..c.span.start].trim_start()),
        escape(&c.quote),
        escape(text[c.span.end..end].trim_end())
    )
}

fn header(report: &Report, out: &mut String) {
    let _ = writeln!(out, "<header>\n<h1>claimdiff report</h1>");
    let _ = writeln!(
        out,
        "<p class=\"counts\"><span><b>{}</b> {}</span> <span><b>{}</b> {}</span> <span>{}</span></p>",
        report.sources.len(),
        super::noun(report.sources.len(), "source"),
        report.claims.len(),
        super::noun(report.claims.len(), "claim"),
        escape(&count_by_kind(&report.findings))
    );
    let mut kinds: Vec<&str> = report.findings.iter().map(|f| f.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut metrics: Vec<&str> = report.claims.iter().map(|c| c.metric.0.as_str()).collect();
    metrics.sort_unstable();
    metrics.dedup();
    let options = |v: &[&str]| {
        v.iter()
            .map(|k| format!("<option value=\"{0}\">{0}</option>", escape(k)))
            .collect::<String>()
    };
    let _ = writeln!(
        out,
        "<nav class=\"filters\" aria-label=\"Filters\"><label>Kind <select id=\"f-kind\"><option value=\"\">all</option>{}</select></label> <label>Metric <select id=\"f-metric\"><option value=\"\">all</option>{}</select></label> <a href=\"#findings\">Findings</a> <a href=\"#keys\">Figures by key</a> <a href=\"#timelines\">Timelines</a> <a href=\"#sources\">Sources</a></nav>\n</header>",
        options(&kinds),
        options(&metrics)
    );
}

fn findings(report: &Report, anchors: &Anchors, out: &mut String) {
    let _ = writeln!(out, "<section id=\"findings\">\n<h2>Findings</h2>");
    if report.findings.is_empty() {
        let _ = writeln!(
            out,
            "<p>No disagreements: every figure agrees with the others for its key.</p>"
        );
    }
    for (event, list) in super::by_event(report, report.findings.iter()) {
        if let Some(e) = event {
            let _ = writeln!(
                out,
                "<h3 class=\"event\" id=\"event-{}\">{}</h3>",
                escape(&e.id),
                escape(&e.label)
            );
        }
        for f in list {
            finding(report, anchors, f, out);
        }
    }
    let _ = writeln!(out, "</section>");
}

fn finding(report: &Report, anchors: &Anchors, f: &crate::compare::Finding, out: &mut String) {
    let sev = f.severity().as_str();
    let _ = writeln!(
        out,
        "<article class=\"card sev-{sev}\" data-kind=\"{}\" data-metric=\"{}\">\n<h3><span class=\"badge\">{} · {sev}</span> {}</h3>\n<p class=\"message\">{}</p>\n<ul class=\"claims\">",
        f.kind,
        escape(&f.key.metric.0),
        f.kind,
        escape(&key_label(f)),
        escape(&f.message)
    );
    for c in claims_of(report, f) {
        let by = c
            .attribution
            .as_deref()
            .map(|a| format!(" · according to {}", escape(a)))
            .unwrap_or_default()
            + &escape(&super::claim_notes(c));
        let _ = writeln!(
            out,
            "<li><a class=\"fig\" href=\"#{}\">{}</a> <span class=\"meta\">{} · as of {}{by}</span><blockquote>{}</blockquote></li>",
            anchors.claim(c),
            escape(&super::figure_in(f, c)),
            escape(&source_and_outlet(report, &c.source)),
            date(c),
            quote_in_sentence(report, c)
        );
    }
    let _ = writeln!(out, "</ul>\n</article>");
}

/// "19 <small>Tengrinews · 2022-01-26</small>": a figure with who gave it and when.
fn given(report: &Report, c: &Claim) -> String {
    let by = c
        .attribution
        .as_deref()
        .map(|a| format!("{} via {}", a, source_name(report, &c.source)))
        .unwrap_or_else(|| source_name(report, &c.source));
    format!(
        "{} <small>{} · {}</small>",
        escape(&c.figure()),
        escape(&by),
        date(c)
    )
}

fn keys<'a>(report: &'a Report, lex: &Lexicon, out: &mut String) -> Vec<Reconciliation<'a>> {
    let recs = reconcile(&report.claims, &report.findings, lex);
    let _ = writeln!(
        out,
        "<section id=\"keys\">\n<h2>Figures by key</h2>\n<p class=\"note\">The range of figures, the latest, and the most conservative current figure (the lowest no later figure superseded), with who gave each; revisions with who announced them. Figures for one group or spot are listed apart and never enter the range or the chart.</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>key</th><th>as the sources give it</th><th>range</th><th>latest</th><th>most conservative</th><th>revised</th></tr></thead><tbody>"
    );
    for r in &recs {
        let mut cells: Vec<String> = r
            .series
            .iter()
            .map(|c| match r.mentions.get(c.id.as_str()) {
                Some(n) => format!("{} ×{n}", given(report, c)),
                None => given(report, c),
            })
            .collect();
        if !r.parts.is_empty() {
            let parts: Vec<String> = r.parts.iter().map(|c| given(report, c)).collect();
            cells.push(format!(
                "<em>parts (one group or spot):</em> {}",
                parts.join(", ")
            ));
        }
        let n = |v: f64| format_number(v, &r.key.unit);
        let range = match r.range {
            None => "—".to_string(),
            Some((lo, hi)) if hi.is_infinite() => format!("{} or more", n(lo)),
            Some((lo, hi)) if lo == hi => n(lo),
            Some((lo, hi)) => format!("{}–{}", n(lo), n(hi)),
        };
        let latest: Vec<String> = r.latest.iter().map(|c| given(report, c)).collect();
        let revised: Vec<String> = r
            .revisions
            .iter()
            .map(|(from, to)| {
                format!(
                    "revised from {} to {}",
                    given(report, from),
                    given(report, to)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr data-metric=\"{}\"><td>{} <small>{}</small></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.key.metric.0),
            escape(&r.key.to_string()),
            r.rule.as_str(),
            cells.join("<br>"),
            escape(&range),
            latest.join("<br>"),
            r.conservative.map(|c| given(report, c)).unwrap_or_default(),
            revised.join("<br>"),
        );
    }
    let _ = writeln!(out, "</tbody></table></div>\n</section>");
    recs
}

/// A chart per key whose whole has figures on more than one date; parts are
/// never drawn in their whole's series.
fn timelines(report: &Report, anchors: &Anchors, recs: &[Reconciliation], out: &mut String) {
    let _ = writeln!(out, "<section id=\"timelines\">\n<h2>Timelines</h2>");
    let mut any = false;
    for r in recs {
        let mut dates: Vec<_> = r.series.iter().filter_map(|c| c.as_of).collect();
        dates.sort();
        dates.dedup();
        if dates.len() < 2 {
            continue;
        }
        any = true;
        let chart = svg::timeline(
            &r.key.to_string(),
            &r.series,
            &|c| source_name(report, &c.source),
            &|c| anchors.claim(c),
        );
        let _ = writeln!(
            out,
            "<figure class=\"chart\" data-metric=\"{}\"><figcaption>{}</figcaption>{chart}</figure>",
            escape(&r.key.metric.0),
            escape(&r.key.to_string())
        );
    }
    if !any {
        let _ = writeln!(out, "<p>No key has figures on more than one date.</p>");
    }
    let _ = writeln!(out, "</section>");
}

fn sources(report: &Report, anchors: &Anchors, out: &mut String) {
    let _ = writeln!(out, "<section id=\"sources\">\n<h2>Sources</h2>");
    // Each source's claims, found once: a corpus has thousands of sources and
    // hundreds of thousands of claims.
    let by_source = report.claims_by_source();
    for s in &report.sources {
        let anchor = anchors.source.get(&s.id).cloned().unwrap_or_default();
        let title = s.meta.title.clone().unwrap_or_else(|| s.id.clone());
        let mut meta = vec![escape(&s.id)];
        if let Some(o) = &s.meta.outlet {
            meta.push(escape(o));
        }
        meta.push(
            s.meta
                .published
                .map_or_else(|| "undated".to_string(), |d| format!("published {d}")),
        );
        if let Some(u) = &s.meta.url {
            meta.push(format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                safe_url(u),
                escape(u)
            ));
        }
        let _ = writeln!(
            out,
            "<article class=\"reader\" id=\"{anchor}\">\n<h3>{}</h3>\n<p class=\"meta\">{}</p>",
            escape(&title),
            meta.join(" · ")
        );
        let source_text = s.text.as_deref().unwrap_or_default();
        let mut marks: Vec<&Claim> = (by_source.get(s.id.as_str()).into_iter().flatten())
            .flat_map(|run| run.iter())
            .filter(|c| {
                c.span.end > c.span.start
                    && source_text.get(c.span.start..c.span.end) == Some(c.quote.as_str())
            })
            .collect();
        marks.sort_by_key(|c| c.span.start);
        let mut text = String::new();
        let mut pos = s.body_start;
        for c in marks {
            if c.span.start < pos {
                continue;
            }
            text.push_str(&escape(&source_text[pos..c.span.start]));
            let _ = write!(
                text,
                "<mark class=\"claim\" id=\"{}\" tabindex=\"0\" title=\"{}\">{}</mark>",
                anchors.claim(c),
                escape(&format!("{} · {} as of {}", c.key(), c.figure(), date(c))),
                escape(&c.quote)
            );
            pos = c.span.end;
        }
        text.push_str(&escape(&source_text[pos.min(source_text.len())..]));
        let _ = writeln!(out, "<div class=\"text\">{}</div>\n</article>", text.trim());
    }
    let _ = writeln!(out, "</section>");
}

/// Renders the report as an HTML page.
pub fn render(report: &Report, lex: &Lexicon) -> String {
    let anchors = Anchors::new(report);
    // The body is written in place inside the page (over a corpus it is the
    // sources' texts, marked up: hundreds of megabytes), not copied into it.
    let (head, tail) = page_around("claimdiff report", CSS, Some(SCRIPT));
    let mut body = head;
    header(report, &mut body);
    body.push_str("<main>\n");
    findings(report, &anchors, &mut body);
    let recs = keys(report, lex, &mut body);
    timelines(report, &anchors, &recs, &mut body);
    sources(report, &anchors, &mut body);
    body.push_str("</main>");
    body.push_str(&tail);
    body
}
