//! The Russian extraction suite: one case a sentence or short text, written in
//! Russian for this project, in `tests/russian/*.toml` — the phenomena of the
//! English suite (`tests/extraction/`) in Russian grammar: numerals in every case,
//! Russian separators, hedges, inflected verbs and nouns, places in their cases.
//! A case lists the claims expected in text order, checking only the fields it
//! names; `claims = []` means the text states no claim. Cases carry no front-matter
//! language: the language is detected from the letters, as for a file.

use claimdiff::claim::Claim;
use claimdiff::corpus::Source;
use claimdiff::extract::{Options, Outcome, extract};
use claimdiff::lexicon::Lexicon;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    published: String,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
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
    part: Option<bool>,
    revised: Option<bool>,
    quote: Option<String>,
    headline: Option<bool>,
}

fn check(e: &Expect, c: &Claim) -> Vec<String> {
    let num = |v: Option<f64>| v.map_or("none".to_string(), |x| x.to_string());
    let fields = [
        ("metric", e.metric.clone(), c.metric.0.to_string()),
        (
            "subject",
            e.subject.clone(),
            c.subject
                .as_ref()
                .map_or(String::new(), |s| s.0.to_string()),
        ),
        ("location", e.location.clone(), c.location.to_string()),
        ("value", e.value.map(|v| v.to_string()), num(c.value.get())),
        ("low", e.low.map(|v| v.to_string()), num(c.low.get())),
        ("high", e.high.map(|v| v.to_string()), num(c.high.get())),
        (
            "qualifier",
            e.qualifier.clone(),
            c.qualifier.as_str().to_string(),
        ),
        ("unit", e.unit.clone(), c.unit.to_string()),
        (
            "as_of",
            e.as_of.clone(),
            c.as_of.map_or(String::new(), |d| d.to_string()),
        ),
        (
            "attribution",
            e.attribution.clone(),
            c.attribution.as_deref().unwrap_or_default().to_string(),
        ),
        (
            "superseded",
            e.superseded.map(|b| b.to_string()),
            c.superseded.to_string(),
        ),
        ("part", e.part.map(|b| b.to_string()), c.part.to_string()),
        (
            "revised",
            e.revised.map(|b| b.to_string()),
            c.revised.to_string(),
        ),
        ("quote", e.quote.clone(), c.quote.to_string()),
        (
            "headline",
            e.headline.map(|b| b.to_string()),
            c.headline.to_string(),
        ),
    ];
    fields
        .into_iter()
        .filter_map(|(name, want, got)| {
            want.filter(|w| *w != got)
                .map(|w| format!("{name}: want {w:?}, got {got:?}"))
        })
        .collect()
}

fn describe(c: &Claim) -> String {
    format!(
        "{} {:?} {} {} {} as of {:?} by {:?} ({:?})",
        c.metric,
        c.subject.as_ref().map(|s| s.0.as_str()),
        c.location,
        c.qualifier.as_str(),
        c.figure(),
        c.as_of.map(|d| d.to_string()),
        c.attribution,
        c.quote
    )
}

#[test]
fn russian_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/russian");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let lex = Lexicon::builtin();
    let (mut cases, mut failures) = (0, Vec::new());
    for path in &files {
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
            let reasons: Vec<String> = extraction
                .explained
                .iter()
                .filter_map(|e| match &e.outcome {
                    Outcome::Skipped(why) => Some(why.to_string()),
                    Outcome::Claim(_) => None,
                })
                .collect();
            let mut problems = Vec::new();
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
                    "{name} case {}: {:?}\n    {}\n    got: {}\n    skipped: {reasons:?}",
                    i + 1,
                    case.text,
                    problems.join("\n    "),
                    got.join("\n         ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        cases >= 300,
        "the suite has {cases} cases; keep it at 300 or more"
    );
}
