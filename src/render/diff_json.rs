//! `diff --format json`: the alignment and the claim rows, for other tools.

use crate::claim::{Claim, Span};
use crate::diff::{Diff, Side};
use serde_json::{Value, json};

fn spans(v: &[Span]) -> Value {
    Value::Array(v.iter().map(|s| json!([s.start, s.end])).collect())
}

fn sentence(side: &Side, i: Option<usize>, changed: &[Span]) -> Value {
    match i {
        None => Value::Null,
        Some(i) => {
            let span = side.sentences[i].span;
            let claims: Vec<&str> = side
                .figures_in(span)
                .iter()
                .map(|(_, id)| id.as_str())
                .collect();
            json!({
                "line": side.line_of(i),
                "span": [span.start, span.end],
                "text": side.sentence_text(i),
                "changed": spans(changed),
                "claims": claims,
            })
        }
    }
}

/// Whole numbers as integers (13, not 13.0).
fn num(v: Option<f64>) -> Value {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Some(x) => json!(x),
        None => Value::Null,
    }
}

fn claim(c: &Claim) -> Value {
    json!({
        "id": c.id,
        "figure": c.figure(),
        "value": num(c.value.get()),
        "low": num(c.low.get()),
        "high": num(c.high.get()),
        "qualifier": c.qualifier.as_str(),
        "as_of": c.as_of.map(|d| d.to_string()),
        "quote": c.quote,
        "line": c.line,
    })
}

fn side(s: &Side) -> Value {
    json!({
        "id": s.source.id,
        "path": s.source.path.display().to_string(),
        "published": s.source.meta.published.map(|d| d.to_string()),
    })
}

/// Renders the diff as JSON.
pub fn render(d: &Diff) -> String {
    let rows: Vec<Value> = d
        .rows
        .iter()
        .map(|r| json!({ "kind": r.kind.as_str(), "a": sentence(&d.a, r.a, &r.a_changed), "b": sentence(&d.b, r.b, &r.b_changed) }))
        .collect();
    let claims: Vec<Value> = d
        .claims
        .iter()
        .map(|r| {
            json!({
                "metric": r.key.metric.0,
                "subject": r.key.subject.as_ref().map(|s| s.0.as_str()),
                "location": r.key.location,
                "unit": r.key.unit,
                "a": r.a.iter().map(claim).collect::<Vec<_>>(),
                "b": r.b.iter().map(claim).collect::<Vec<_>>(),
                "verdict": match r.verdict {
                    crate::diff::Verdict::OnlyA => "only_a",
                    crate::diff::Verdict::OnlyB => "only_b",
                    crate::diff::Verdict::NotCompared(u) => match u {
                        crate::compare::Unchecked::DifferentDays => "different_days",
                        crate::compare::Unchecked::PartAndWhole => "part_and_whole",
                        crate::compare::Unchecked::Implied => "implied_count",
                        crate::compare::Unchecked::Updates => "updated_during_the_day",
                        crate::compare::Unchecked::DifferentEvents => "different_events",
                    },
                    v => v.as_str(),
                },
            })
        })
        .collect();
    let doc = json!({ "version": 1, "a": side(&d.a), "b": side(&d.b), "identical": d.identical, "rows": rows, "claims": claims });
    let mut s = serde_json::to_string_pretty(&doc).expect("plain JSON values serialize");
    s.push('\n');
    s
}
