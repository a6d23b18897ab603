//! The JSON report, contract version 1 (README.md, "JSON contract"): fields may
//! be added, none removed or renamed without raising `version`.

use crate::claim::{Amount, Claim, number_opt};
use crate::compare::Finding;
use crate::pipeline::Report;
use serde::Serialize;

/// The contract version.
pub const VERSION: u32 = 1;

// The report is written straight from these structs, never built as a
// `serde_json::Value` tree first (that tree doubled the report's memory and its
// tail). A `Value` prints object keys sorted, and the contract's output has always
// been in that order, so every struct below declares its fields alphabetically;
// a test checks the output is in that canonical form.

#[derive(Serialize)]
struct Doc<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<CheckOut<'a>>,
    claims: Each<'a, Claim, ClaimOut<'a>>,
    events: Each<'a, crate::claim::Event, EventOut<'a>>,
    findings: Each<'a, Finding, FindingOut<'a>>,
    sources: Each<'a, crate::pipeline::SourceReport, SourceOut<'a>>,
    version: u32,
}

/// A slice written element by element in its output shape: no array of output
/// structs is built (a report of 20,000 sources has about a million claims).
struct Each<'a, T, O>(&'a [T], fn(&'a T) -> O);

impl<'a, T, O: Serialize> Serialize for Each<'a, T, O> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

#[derive(Serialize)]
struct CheckOut<'a> {
    baseline_gone: Vec<&'a str>,
    failed: bool,
    failing: Vec<&'a str>,
    new: Vec<&'a str>,
    stale: Vec<StaleOut<'a>>,
}

#[derive(Serialize)]
struct StaleOut<'a> {
    fix: String,
    message: String,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    outlet: Option<&'a str>,
    path: String,
    published: Option<String>,
    title: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    date: Option<String>,
    id: &'a str,
    kind: &'a str,
    label: &'a str,
    manual: bool,
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    sections: &'a [String],
    sources: &'a [String],
    until: Option<String>,
    why: &'a [String],
}

#[derive(Serialize)]
struct Span {
    end: usize,
    start: usize,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    as_of: Option<String>,
    attribution: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    derived: bool,
    event: Option<&'a crate::claim::EventRef>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    headline: bool,
    #[serde(with = "number_opt")]
    high: Amount,
    id: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    implicit: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    increment: bool,
    line: usize,
    location: &'a str,
    #[serde(with = "number_opt")]
    low: Amount,
    metric: &'a str,
    part: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    place_assumed: bool,
    qualifier: &'static str,
    quote: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    revised: bool,
    source: &'a str,
    span: Span,
    status: crate::claim::Status,
    subject: Option<&'a str>,
    superseded: bool,
    unit: &'a str,
    #[serde(with = "number_opt")]
    value: Amount,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    /// Every claim involved, repeats included (the contract's meaning).
    claims: Vec<&'a str>,
    event: Option<&'a crate::claim::EventRef>,
    fingerprint: &'a str,
    kind: &'static str,
    location: &'a str,
    /// For a claim its source repeats, the ids of the other mentions folded into it.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    mentions: &'a std::collections::BTreeMap<crate::claim::ClaimId, Vec<crate::claim::ClaimId>>,
    message: &'a str,
    metric: &'a str,
    /// For a revision: the earlier figure and the claim that revised it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<Revision<'a>>,
    severity: &'static str,
    subject: Option<&'a str>,
    unit: &'a str,
}

#[derive(Serialize)]
struct Revision<'a> {
    from: &'a str,
    to: &'a str,
}

/// `claimdiff claims`: `numbers` holds values, which print their keys sorted.
#[derive(Serialize)]
struct ClaimsDoc<'a> {
    claims: Each<'a, Claim, ClaimOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    numbers: Option<Vec<serde_json::Value>>,
    sources: Each<'a, crate::corpus::Source, SourceOut<'a>>,
    version: u32,
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
        place_assumed: c.place_assumed,
        increment: c.increment,
    }
}

fn event_out(e: &crate::claim::Event) -> EventOut<'_> {
    EventOut {
        date: e.date.map(|d| d.to_string()),
        id: &e.id,
        kind: &e.kind,
        label: &e.label,
        manual: e.manual,
        place: e.place.as_deref(),
        sections: &e.sections,
        sources: &e.sources,
        until: e.until.map(|d| d.to_string()),
        why: &e.why,
    }
}

/// Renders the report as pretty-printed JSON.
pub fn render(report: &Report) -> String {
    pretty(&doc(report, None))
}

/// Writes the report as pretty-printed JSON to `out` as it is made, so the
/// whole text is never held (it can be larger than the sources).
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_pretty(out, &doc(report, None))
}

/// Renders a check outcome: the report, plus a `check` object with the verdict.
pub fn render_check(out: &crate::check::Outcome, sources_hint: &str) -> String {
    pretty(&doc(&out.report, Some(check_out(out, sources_hint))))
}

/// Writes a check outcome as [`render_check`] renders it, as it is made.
pub fn write_check(
    out: &crate::check::Outcome,
    sources_hint: &str,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_pretty(to, &doc(&out.report, Some(check_out(out, sources_hint))))
}

fn check_out<'a>(out: &'a crate::check::Outcome, sources_hint: &str) -> CheckOut<'a> {
    CheckOut {
        baseline_gone: out.gone.iter().map(|e| e.fingerprint.as_str()).collect(),
        failed: out.failed(),
        failing: out
            .failing()
            .iter()
            .map(|f| f.fingerprint.as_str())
            .collect(),
        new: out
            .new
            .iter()
            .map(|&i| out.report.findings[i].fingerprint.as_str())
            .collect(),
        stale: out
            .stale
            .iter()
            .map(|s| StaleOut {
                fix: s.fix(sources_hint),
                message: s.message(),
                source: s.source(),
            })
            .collect(),
    }
}

/// Writes `claimdiff claims` as it is made: the report's `version`, `sources`
/// and `claims` in the report's shapes; with `--explain`, `numbers` says what
/// became of every number.
pub fn write_claims(
    out: &mut dyn std::io::Write,
    sources: &[crate::corpus::Source],
    claims: &[Claim],
    numbers: Option<Vec<serde_json::Value>>,
) -> std::io::Result<()> {
    write_pretty(
        out,
        &ClaimsDoc {
            claims: Each(claims, claim_out),
            numbers,
            sources: Each(sources, |s| source_out(&s.id, &s.path, &s.meta)),
            version: VERSION,
        },
    )
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

fn pretty<T: Serialize>(v: &T) -> String {
    let mut out = Vec::new();
    write_pretty(&mut out, v).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

fn write_pretty<T: Serialize>(out: &mut dyn std::io::Write, v: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    out.write_all(b"\n")
}

fn doc<'a>(report: &'a Report, check: Option<CheckOut<'a>>) -> Doc<'a> {
    Doc {
        version: VERSION,
        sources: Each(&report.sources, |s| source_out(&s.id, &s.path, &s.meta)),
        events: Each(&report.events, event_out),
        claims: Each(&report.claims, claim_out),
        check,
        findings: Each(&report.findings, finding_out),
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
            .map(crate::claim::ClaimId::as_str)
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
