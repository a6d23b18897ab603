//! The JSON report, contract version 1 (README.md, "JSON contract"): fields may
//! be added, none removed or renamed without raising `version`.

use crate::claim::{Claim, number_opt};
use crate::compare::Finding;
use crate::pipeline::Report;
use serde::Serialize;

/// The contract version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    sources: Vec<SourceOut<'a>>,
    events: &'a [crate::claim::Event],
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
    event: Option<&'a crate::claim::EventRef>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    revised: bool,
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
    /// Every claim involved, repeats included (the contract's meaning).
    claims: Vec<&'a str>,
    /// For a claim its source repeats, the ids of the other mentions folded into it.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    mentions: &'a std::collections::BTreeMap<String, Vec<String>>,
    /// For a revision: the earlier figure and the claim that revised it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<Revision<'a>>,
    message: &'a str,
    event: Option<&'a crate::claim::EventRef>,
}

#[derive(Serialize)]
struct Revision<'a> {
    from: &'a str,
    to: &'a str,
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
        event: c.event.as_ref(),
        revised: c.revised,
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

/// Renders `claimdiff claims`: the report's `version`, `sources` and `claims` in the
/// report's shapes; with `--explain`, `numbers` says what became of every number.
pub fn render_claims(
    sources: &[crate::corpus::Source],
    claims: &[Claim],
    numbers: Option<Vec<serde_json::Value>>,
) -> String {
    let mut v = serde_json::json!({
        "version": VERSION,
        "sources": sources
            .iter()
            .map(|s| source_out(&s.id, &s.path, &s.meta))
            .collect::<Vec<_>>(),
        "claims": claims.iter().map(claim_out).collect::<Vec<_>>(),
    });
    if let Some(numbers) = numbers {
        v["numbers"] = serde_json::Value::Array(numbers);
    }
    pretty(&v)
}

fn source_out<'a>(
    id: &'a str,
    path: &std::path::Path,
    meta: &'a crate::corpus::Meta,
) -> SourceOut<'a> {
    SourceOut {
        id,
        path: path.display().to_string(),
        title: meta.title.as_deref(),
        outlet: meta.outlet.as_deref(),
        published: meta.published.map(|d| d.to_string()),
        url: meta.url.as_deref(),
    }
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
            .map(|s| source_out(&s.id, &s.path, &s.meta))
            .collect(),
        events: &report.events,
        claims: report.claims.iter().map(claim_out).collect(),
        findings: report.findings.iter().map(finding_out).collect(),
    }
}

fn finding_out(f: &Finding) -> FindingOut<'_> {
    FindingOut {
        fingerprint: &f.fingerprint,
        kind: f.kind.as_str(),
        severity: f.severity().as_str(),
        metric: &f.key.metric.0,
        subject: f.key.subject.as_ref().map(|s| s.0.as_str()),
        location: &f.key.location,
        unit: &f.key.unit,
        claims: f
            .claims
            .iter()
            .flat_map(|id| std::iter::once(id).chain(f.mentions.get(id).into_iter().flatten()))
            .map(String::as_str)
            .collect(),
        mentions: &f.mentions,
        revisions: f
            .revisions
            .iter()
            .map(|(from, to)| Revision { from, to })
            .collect(),
        message: &f.message,
        event: f.key.event.as_ref(),
    }
}

// One element of the report's arrays at a time, for the streaming interfaces
// (src/stream/), so their records have the report's shapes by construction.

/// One entry of the report's `sources`, as a JSON value.
pub fn source_value(
    id: &str,
    path: &std::path::Path,
    meta: &crate::corpus::Meta,
) -> serde_json::Value {
    serde_json::to_value(source_out(id, path, meta)).expect("plain data serializes")
}

/// One entry of the report's `claims`, as a JSON value.
pub fn claim_value(claim: &Claim) -> serde_json::Value {
    serde_json::to_value(claim_out(claim)).expect("plain data serializes")
}

/// One entry of the report's `findings`, as a JSON value.
pub fn finding_value(finding: &Finding) -> serde_json::Value {
    serde_json::to_value(finding_out(finding)).expect("plain data serializes")
}
