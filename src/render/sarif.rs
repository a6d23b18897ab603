//! `check` as SARIF 2.1.0, so code scanning shows findings on the source lines.

use super::{claims_of, key_label_in};
use crate::check::Outcome;
use crate::compare::Kind;
use serde_json::{Value, json};

fn rule(kind: Kind) -> Value {
    let (name, text) = match kind {
        Kind::Bounds => ("Bounds", "Figures differ but one value satisfies them all."),
        Kind::Timeline => (
            "Timeline",
            "Figures that follow their metric's rule as the as-of dates advance.",
        ),
        Kind::Revision => (
            "Revision",
            "A later, lower figure a source says was revised, recounted or corrected.",
        ),
        Kind::Contradiction => (
            "Contradiction",
            "Figures for the same thing that cannot all hold.",
        ),
        Kind::PartExceedsWhole => (
            "PartExceedsWhole",
            "A figure for a part above the figure for its whole.",
        ),
    };
    json!({
        "id": kind.as_str(),
        "name": name,
        "shortDescription": { "text": text },
        "defaultConfiguration": { "level": level(kind.severity()) },
    })
}

fn level(sev: crate::compare::Severity) -> &'static str {
    match sev {
        crate::compare::Severity::Error => "error",
        crate::compare::Severity::Warning => "warning",
        crate::compare::Severity::Info => "note",
    }
}

/// Renders the outcome as a SARIF log.
pub fn render(out: &Outcome, sources_hint: &str) -> String {
    let mut results = Vec::new();
    let locator = super::Locator::default();
    for &i in &out.new {
        let f = &out.report.findings[i];
        let mut locations = Vec::new();
        for c in claims_of(&out.report, f) {
            let Some(src) = out.report.source(&c.source) else {
                continue;
            };
            let text = src.text.as_deref().unwrap_or_default();
            let (sl, sc) = locator.line_col(&src.id, text, c.span.start);
            let (el, ec) = locator.line_col(&src.id, text, c.span.end);
            locations.push(json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&src.path) },
                    "region": { "startLine": sl.max(1), "startColumn": sc, "endLine": el.max(1), "endColumn": ec },
                },
                "message": { "text": format!("{} as of {}: {}", c.figure(), c.as_of.map_or_else(|| "undated".into(), |d| d.to_string()), c.quote) },
            }));
        }
        let lvl = if out.is_failing(f) {
            "error"
        } else {
            level(f.severity())
        };
        results.push(json!({
            "ruleId": f.kind.as_str(),
            "level": lvl,
            "message": { "text": format!("{}: {}", key_label_in(&out.report, f), f.message) },
            "locations": locations,
            "partialFingerprints": { "claimdiff/v1": f.fingerprint },
        }));
    }
    for s in &out.stale {
        let mut r = json!({
            "ruleId": "stale",
            "level": "error",
            "message": { "text": format!("{}; run `{}`", s.message(), s.fix(sources_hint)) },
        });
        if let Some(src) = s.source().and_then(|id| out.report.source(id)) {
            r["locations"] =
                json!([{ "physicalLocation": { "artifactLocation": { "uri": uri(&src.path) } } }]);
        }
        results.push(r);
    }
    let mut rules: Vec<Value> = Kind::ALL.iter().map(|&k| rule(k)).collect();
    rules.push(json!({
        "id": "stale",
        "name": "Stale",
        "shortDescription": { "text": "A claim file out of date with its source." },
        "defaultConfiguration": { "level": "error" },
    }));
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "claimdiff",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("plain JSON values serialize");
    s.push('\n');
    s
}

/// A relative URI for a path: forward slashes, no leading "./", spaces escaped.
fn uri(path: &std::path::Path) -> String {
    let s = path.display().to_string().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s);
    s.replace('%', "%25").replace(' ', "%20")
}
