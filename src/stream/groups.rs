//! Claims of one group → findings: the reduce side. A group is a run of
//! consecutive lines with the same `group` value (any JSON; absent is one group);
//! only one group is held at a time.
//!
//! A line is a claim in the report's shape. A claim marked `"context": true` is
//! there as a whole that the group's own claims may exceed (a claim of a key the
//! group's key lies within): findings made only of context claims belong to
//! another group and are left out, so each finding comes out of exactly one group.

use super::{ErrorRecord, json_lines, write_record};
use crate::claim::Claim;
use crate::compare;
use crate::lexicon::Lexicon;
use crate::render::json::finding_value;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::io::{BufRead, Write};

/// Fields a claim line may carry beside the report's claim fields.
const ROUTING: [&str; 4] = ["group", "context", "within", "event"];

/// How many groups a run compared, the findings it wrote and the lines it refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Groups compared.
    pub groups: usize,
    /// Findings written.
    pub findings: usize,
    /// Lines written as error records.
    pub errors: usize,
}

#[derive(Default)]
struct Group {
    label: Value,
    claims: Vec<Claim>,
    context: HashSet<String>,
}

/// Reads claim lines from `input`, compares each group as it closes and writes
/// its findings (the report's finding shape plus `group`) to `out`.
pub fn run(
    input: impl BufRead,
    out: &mut impl Write,
    lexicon: &Lexicon,
    max_bytes: usize,
) -> std::io::Result<Counts> {
    let mut counts = Counts::default();
    let mut current: Option<(String, Group)> = None;
    json_lines(input, max_bytes, "claim line", |line, parsed| {
        let claim = parsed.and_then(|map| read_claim(line, map));
        let (label, claim, context) = match claim {
            Ok(c) => c,
            Err(e) => {
                counts.errors += 1;
                return write_record(out, &e.to_value());
            }
        };
        let name = label.to_string();
        if current.as_ref().is_none_or(|(n, _)| *n != name) {
            if let Some((_, done)) = current.take() {
                finish(done, out, lexicon, &mut counts)?;
            }
            current = Some((
                name,
                Group {
                    label,
                    ..Group::default()
                },
            ));
        }
        let (_, group) = current.as_mut().expect("a group is open");
        if context {
            group.context.insert(claim.id.to_string());
        }
        group.claims.push(claim);
        Ok(())
    })?;
    if let Some((_, done)) = current {
        finish(done, out, lexicon, &mut counts)?;
    }
    Ok(counts)
}

fn read_claim(
    line: usize,
    mut map: Map<String, Value>,
) -> Result<(Value, Claim, bool), ErrorRecord> {
    let label = map.remove("group").unwrap_or(Value::Null);
    let context = map.get("context").and_then(Value::as_bool).unwrap_or(false);
    let id = map.get("id").and_then(Value::as_str).map(str::to_string);
    let event = map.get("event").cloned().unwrap_or(Value::Null);
    for field in ROUTING {
        map.remove(field);
    }
    let mut claim: Claim = serde_json::from_value(Value::Object(map)).map_err(|e| ErrorRecord {
        id,
        ..ErrorRecord::new(
            line,
            format!("not a claim: {e}"),
            "give claims as `claimdiff stream extract` writes them",
        )
    })?;
    // A claim file never holds the event, so the claim type does not read it.
    claim.event = serde_json::from_value(event).map_err(|e| ErrorRecord {
        id: Some(claim.id.to_string()),
        ..ErrorRecord::new(
            line,
            format!("`event` is not an event reference: {e}"),
            "give `event` as {\"id\": …, \"label\": …} or null",
        )
    })?;
    Ok((label, claim, context))
}

fn finish(
    group: Group,
    out: &mut impl Write,
    lexicon: &Lexicon,
    counts: &mut Counts,
) -> std::io::Result<()> {
    counts.groups += 1;
    for finding in compare::compare(&group.claims, lexicon) {
        if finding
            .claims
            .iter()
            .all(|id| group.context.contains(id.as_str()))
        {
            continue;
        }
        let mut v = finding_value(&finding);
        v["group"] = group.label.clone();
        counts.findings += 1;
        write_record(out, &v)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claim(id: &str, subject: &str, place: &str, value: u64, day: u32) -> Value {
        json!({"id": id, "source": id, "metric": "killed", "subject": subject,
            "location": place, "value": value, "low": value, "high": value,
            "qualifier": "exact", "unit": "people", "as_of": format!("2022-01-{day:02}"),
            "attribution": null, "quote": "q", "span": {"start": 0, "end": 1}, "line": 1,
            "status": "extracted", "superseded": false, "part": false})
    }

    fn with(mut v: Value, group: &str, context: bool) -> String {
        v["group"] = json!(group);
        v["context"] = json!(context);
        v.to_string()
    }

    fn run_on(lines: &[String]) -> (Vec<Value>, Counts) {
        let input = lines.join("\n");
        let mut out = Vec::new();
        let counts = run(input.as_bytes(), &mut out, Lexicon::builtin(), 1 << 20).unwrap();
        let records = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (records, counts)
    }

    #[test]
    fn each_group_is_compared_alone_and_context_only_findings_are_left_out() {
        let lines = [
            // Group 1: a falling toll.
            with(claim("a", "people", "Kazakhstan", 20, 10), "g1", false),
            with(claim("b", "people", "Kazakhstan", 10, 12), "g1", false),
            "not json".to_string(),
            // Group 2: Almaty's police toll, with the national tolls as context.
            with(claim("c", "security_forces", "Almaty", 30, 10), "g2", false),
            with(claim("a", "people", "Kazakhstan", 20, 10), "g2", true),
            with(claim("b", "people", "Kazakhstan", 10, 12), "g2", true),
        ];
        let (records, counts) = run_on(&lines);
        assert_eq!(
            counts,
            Counts {
                groups: 2,
                findings: 2,
                errors: 1
            }
        );
        // A bad line is reported at once; a group's findings when it closes.
        assert_eq!(records[0]["error"]["line"], 3);
        assert_eq!(records[1]["kind"], "contradiction");
        assert_eq!(records[1]["group"], "g1");
        assert_eq!(records[2]["kind"], "part_exceeds_whole");
        assert_eq!(records[2]["group"], "g2");
        assert_eq!(records[2]["location"], "Almaty");
    }

    #[test]
    fn findings_match_a_comparison_of_all_claims_at_once() {
        let all = [
            claim("a", "people", "Kazakhstan", 20, 10),
            claim("b", "people", "Kazakhstan", 10, 12),
            claim("c", "security_forces", "Almaty", 30, 10),
        ];
        let claims: Vec<Claim> = all
            .iter()
            .map(|v| serde_json::from_value(v.clone()).unwrap())
            .collect();
        let whole: Vec<String> = compare::compare(&claims, Lexicon::builtin())
            .iter()
            .map(|f| f.fingerprint.clone())
            .collect();
        let lines = [
            with(all[0].clone(), "k", false),
            with(all[1].clone(), "k", false),
            with(all[2].clone(), "a", false),
            with(all[0].clone(), "a", true),
            with(all[1].clone(), "a", true),
        ];
        let (records, _) = run_on(&lines);
        let mut streamed: Vec<String> = records
            .iter()
            .map(|r| r["fingerprint"].as_str().unwrap().to_string())
            .collect();
        let mut whole = whole;
        streamed.sort();
        whole.sort();
        assert_eq!(streamed, whole);
    }
}
