//! The extraction suite: one case a sentence (or a short text), written for this
//! project, in `tests/extraction/*.toml`. Each case lists the claims expected, in
//! text order, with only the fields it names checked; `claims = []` means the
//! text states no claim. Adding a case is adding a table to a file.

use claimdiff::claim::Claim;
use claimdiff::corpus::Source;
use claimdiff::extract::{Options, Outcome, extract};
use claimdiff::lexicon::Lexicon;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Publication date for every case in the file, unless a case says otherwise.
    published: String,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    /// A headline, written into the front matter as `title`.
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    claims: Vec<Expect>,
    /// Reasons `claims --explain` must give for numbers it set aside, in text order.
    #[serde(default)]
    skipped: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expect {
    metric: Option<String>,
    /// "" for claims that count no one (damage).
    subject: Option<String>,
    location: Option<String>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<String>,
    unit: Option<String>,
    as_of: Option<String>,
    attribution: Option<String>,
    superseded: Option<bool>,
    implicit: Option<bool>,
    headline: Option<bool>,
    derived: Option<bool>,
    /// A count of one group or one spot, compared with its whole only.
    part: Option<bool>,
    /// No place named for it: the document's country by default.
    place_assumed: Option<bool>,
    /// What was added to a count ("five more").
    increment: Option<bool>,
}

fn check(e: &Expect, c: &Claim) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut field = |name: &str, want: Option<String>, got: String| {
        if let Some(w) = want
            && w != got
        {
            wrong.push(format!("{name}: want {w:?}, got {got:?}"));
        }
    };
    let num = |v: Option<f64>| v.map_or("none".to_string(), |x| x.to_string());
    field("metric", e.metric.clone(), c.metric.0.to_string());
    field(
        "subject",
        e.subject.clone(),
        c.subject
            .as_ref()
            .map_or(String::new(), |s| s.0.to_string()),
    );
    field("location", e.location.clone(), c.location.to_string());
    field("value", e.value.map(|v| v.to_string()), num(c.value.get()));
    field("low", e.low.map(|v| v.to_string()), num(c.low.get()));
    field("high", e.high.map(|v| v.to_string()), num(c.high.get()));
    field(
        "qualifier",
        e.qualifier.clone(),
        c.qualifier.as_str().to_string(),
    );
    field("unit", e.unit.clone(), c.unit.to_string());
    field(
        "as_of",
        e.as_of.clone(),
        c.as_of.map_or(String::new(), |d| d.to_string()),
    );
    field(
        "attribution",
        e.attribution.clone(),
        c.attribution.as_deref().unwrap_or_default().to_string(),
    );
    field(
        "superseded",
        e.superseded.map(|b| b.to_string()),
        c.superseded.to_string(),
    );
    field(
        "place_assumed",
        e.place_assumed.map(|b| b.to_string()),
        c.place_assumed.to_string(),
    );
    field(
        "increment",
        e.increment.map(|b| b.to_string()),
        c.increment.to_string(),
    );
    field(
        "implicit",
        e.implicit.map(|b| b.to_string()),
        c.implicit.to_string(),
    );
    field(
        "headline",
        e.headline.map(|b| b.to_string()),
        c.headline.to_string(),
    );
    field(
        "derived",
        e.derived.map(|b| b.to_string()),
        c.derived.to_string(),
    );
    field("part", e.part.map(|b| b.to_string()), c.part.to_string());
    wrong
}

fn describe(c: &Claim) -> String {
    format!(
        "{}{}{} {:?} {} {} {} as of {:?} ({:?})",
        if c.headline { "[headline] " } else { "" },
        if c.implicit { "[implicit] " } else { "" },
        c.metric,
        c.subject.as_ref().map(|s| s.0.as_str()),
        c.location,
        c.qualifier.as_str(),
        c.figure(),
        c.as_of.map(|d| d.to_string()),
        c.quote
    )
}

#[test]
fn extraction_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/extraction");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let lex = Lexicon::builtin();
    let (mut cases, mut failures) = (0, Vec::new());
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().unwrap().to_string_lossy();
        for (i, case) in file.case.iter().enumerate() {
            cases += 1;
            let published = case.published.as_deref().unwrap_or(&file.published);
            let title = case
                .title
                .as_ref()
                .map(|t| format!("title = {}\n", toml::Value::from(t.as_str())))
                .unwrap_or_default();
            let doc = format!("+++\n{title}published = {published}\n+++\n{}", case.text);
            let source = Source::from_bytes(Path::new("case.txt"), doc.into_bytes()).unwrap();
            let extraction = extract(&source, lex, &Options::default());
            let got = extraction.claims;
            let mut problems = Vec::new();
            let reasons: Vec<String> = extraction
                .explained
                .iter()
                .filter_map(|e| match &e.outcome {
                    Outcome::Skipped(why) => Some(why.to_string()),
                    Outcome::Claim(_) => None,
                })
                .collect();
            let mut rest = reasons.iter();
            for want in &case.skipped {
                if !rest.any(|r| r == want) {
                    problems.push(format!(
                        "want a number skipped as {want:?}; skipped: {reasons:?}"
                    ));
                }
            }
            if got.len() != case.claims.len() {
                problems.push(format!(
                    "want {} claims, got {}",
                    case.claims.len(),
                    got.len()
                ));
            }
            for (k, (e, c)) in case.claims.iter().zip(&got).enumerate() {
                problems.extend(
                    check(e, c)
                        .into_iter()
                        .map(|p| format!("claim {}: {p}", k + 1)),
                );
            }
            if !problems.is_empty() {
                let got: Vec<String> = got.iter().map(describe).collect();
                failures.push(format!(
                    "{name} case {}: {:?}\n    {}\n    got: {}",
                    i + 1,
                    case.text,
                    problems.join("\n    "),
                    got.join("\n         ")
                ));
            }
        }
    }
    assert!(
        cases >= 200,
        "the suite has {cases} cases; keep it at 200 or more"
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
