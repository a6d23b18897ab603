//! The JSON report, contract version 1 (see DESIGN.md): fields may be added,
//! none removed or renamed without raising `version`.

use crate::claim::{Claim, number_opt};
use crate::pipeline::Report;
use serde::Serialize;

/// The contract version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    sources: Vec<SourceOut<'a>>,
    claims: Vec<ClaimOut<'a>>,
    findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    path: String,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    source: &'a str,
    metric: &'a str,
    subject: Option<&'a str>,
    location: &'a str,
    #[serde(with = "number_opt")]
    value: Option<f64>,
    #[serde(with = "number_opt")]
    low: Option<f64>,
    #[serde(with = "number_opt")]
    high: Option<f64>,
    qualifier: &'static str,
    unit: &'a str,
    as_of: Option<String>,
    attribution: Option<&'a str>,
    quote: &'a str,
    span: Span,
    line: usize,
    status: crate::claim::Status,
    superseded: bool,
    part: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    implicit: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    headline: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    derived: bool,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    fingerprint: &'a str,
    kind: &'static str,
    severity: &'static str,
    metric: &'a str,
    subject: Option<&'a str>,
    location: &'a str,
    unit: &'a str,
    claims: &'a [String],
    message: &'a str,
}

fn claim_out(c: &Claim) -> ClaimOut<'_> {
    ClaimOut {
        id: &c.id,
        source: &c.source,
        metric: &c.metric.0,
        subject: c.subject.as_ref().map(|s| s.0.as_str()),
        location: &c.location,
        value: c.value,
        low: c.low,
        high: c.high,
        qualifier: c.qualifier.as_str(),
        unit: &c.unit,
        as_of: c.as_of.map(|d| d.to_string()),
        attribution: c.attribution.as_deref(),
        quote: &c.quote,
        span: Span {
            start: c.span.start,
            end: c.span.end,
        },
        line: c.line,
        status: c.status,
        superseded: c.superseded,
        part: c.part,
        implicit: c.implicit,
        headline: c.headline,
        derived: c.derived,
    }
}

/// Renders the report as pretty-printed JSON.
pub fn render(report: &Report) -> String {
    pretty(&serde_json::to_value(doc(report)).expect("report serializes: plain data"))
}

/// Renders a check outcome: the report, plus a `check` object with the verdict.
pub fn render_check(out: &crate::check::Outcome, sources_hint: &str) -> String {
    let mut v = serde_json::to_value(doc(&out.report)).expect("report serializes: plain data");
    let new: Vec<&str> = out
        .new
        .iter()
        .map(|&i| out.report.findings[i].fingerprint.as_str())
        .collect();
    let failing: Vec<&str> = out
        .failing()
        .iter()
        .map(|f| f.fingerprint.as_str())
        .collect();
    let stale: Vec<serde_json::Value> = out
        .stale
        .iter()
        .map(|s| serde_json::json!({ "source": s.source(), "message": s.message(), "fix": s.fix(sources_hint) }))
        .collect();
    let gone: Vec<&str> = out.gone.iter().map(|e| e.fingerprint.as_str()).collect();
    v["check"] = serde_json::json!({
        "failed": out.failed(),
        "new": new,
        "failing": failing,
        "stale": stale,
        "baseline_gone": gone,
    });
    pretty(&v)
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values serialize");
    s.push('\n');
    s
}

fn doc(report: &Report) -> Doc<'_> {
    Doc {
        version: VERSION,
        sources: report
            .sources
            .iter()
            .map(|s| SourceOut {
                id: &s.id,
                path: s.path.display().to_string(),
                title: s.meta.title.as_deref(),
                outlet: s.meta.outlet.as_deref(),
                published: s.meta.published.map(|d| d.to_string()),
                url: s.meta.url.as_deref(),
            })
            .collect(),
        claims: report.claims.iter().map(claim_out).collect(),
        findings: report
            .findings
            .iter()
            .map(|f| FindingOut {
                fingerprint: &f.fingerprint,
                kind: f.kind.as_str(),
                severity: f.severity().as_str(),
                metric: &f.key.metric.0,
                subject: f.key.subject.as_ref().map(|s| s.0.as_str()),
                location: &f.key.location,
                unit: &f.key.unit,
                claims: &f.claims,
                message: &f.message,
            })
            .collect(),
    }
}
