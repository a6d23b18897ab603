//! `check` as JUnit XML: one test case per claim key; a case fails when a new
//! finding on that key fails the check. Stale files are cases of their own.

use super::key_label_in;
use crate::check::Outcome;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for XML content and attributes.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Renders the outcome as a JUnit `testsuites` document.
pub fn render(out: &Outcome, sources_hint: &str) -> String {
    let mut keys: BTreeMap<String, Vec<&crate::compare::Finding>> = BTreeMap::new();
    for c in &out.report.claims {
        keys.entry(c.key().to_string()).or_default();
    }
    for f in &out.report.findings {
        keys.entry(f.key.to_string()).or_default().push(f);
    }
    let mut cases = String::new();
    let mut failures = 0;
    for (key, findings) in &keys {
        let failing: Vec<_> = findings.iter().filter(|f| out.is_failing(f)).collect();
        let _ = write!(
            cases,
            "    <testcase classname=\"claimdiff.keys\" name=\"{}\"",
            xml(key)
        );
        if failing.is_empty() {
            let _ = writeln!(cases, "/>");
            continue;
        }
        failures += 1;
        let _ = writeln!(cases, ">");
        for f in failing {
            let claims: Vec<String> = super::claims_of(&out.report, f)
                .iter()
                .map(|c| {
                    format!(
                        "{}:{}: {} as of {}: {}",
                        c.source,
                        c.line,
                        c.figure(),
                        c.as_of.map_or_else(|| "undated".into(), |d| d.to_string()),
                        c.quote
                    )
                })
                .collect();
            let _ = writeln!(
                cases,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                f.kind,
                xml(&format!("{}: {}", key_label_in(&out.report, f), f.message)),
                xml(&claims.join("\n"))
            );
        }
        let _ = writeln!(cases, "    </testcase>");
    }
    for s in &out.stale {
        failures += 1;
        let _ = writeln!(
            cases,
            "    <testcase classname=\"claimdiff.stale\" name=\"{}\">\n      <failure type=\"stale\" message=\"{}\">run `{}`</failure>\n    </testcase>",
            xml(&s.message()),
            xml(&s.message()),
            xml(&s.fix(sources_hint))
        );
    }
    let tests = keys.len() + out.stale.len();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"claimdiff\" tests=\"{tests}\" failures=\"{failures}\">\n  <testsuite name=\"claimdiff check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n</testsuites>\n"
    )
}
