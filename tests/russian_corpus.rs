//! The Russian mirror corpus (`tests/fixtures/ru/`, five articles written in
//! Russian for this project with the figures of the bundled five) read beside the
//! English sources: the same findings as the English sources alone, each now
//! citing both languages, and every output format carrying the Russian quotes.

mod common;

use common::{Project, repo};
use serde_json::Value;
use std::collections::BTreeSet;

/// The bundled English sources, plus the Russian mirror when `russian` is set.
/// No event is named: the events stage must put the two languages together.
fn project(russian: bool) -> Project {
    let p = Project::bundled();
    if russian {
        for entry in std::fs::read_dir(repo().join("tests/fixtures/ru")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, p.path("sources").join(path.file_name().unwrap())).unwrap();
        }
    }
    p
}

fn russian(id: &str) -> bool {
    id.contains("-ru-")
}

/// Each finding as (kind, metric, subject, location, unit), with the sources it cites.
fn findings(report: &Value) -> Vec<(String, BTreeSet<String>)> {
    let source_of = |claim: &str| {
        report["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == claim)
            .map(|c| c["source"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("finding cites unknown claim {claim}"))
    };
    let mut out: Vec<(String, BTreeSet<String>)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let key = ["kind", "metric", "subject", "location", "unit"]
                .map(|k| f[k].as_str().unwrap_or("-").to_string())
                .join(" ");
            let sources = f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| source_of(c.as_str().unwrap()))
                .collect();
            (key, sources)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn mixed_languages_give_the_english_findings_citing_both() {
    let english = findings(&project(false).json(&[]));
    let mixed_report = project(true).json(&[]);
    assert_eq!(
        mixed_report["events"].as_array().unwrap().len(),
        1,
        "one event in two languages: {}",
        mixed_report["events"]
    );
    let mixed = findings(&mixed_report);
    let keys =
        |f: &[(String, BTreeSet<String>)]| f.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    assert_eq!(
        keys(&mixed),
        keys(&english),
        "the same findings, no more, no fewer"
    );
    assert_eq!(english.len(), 3, "{english:?}");
    for (key, sources) in &mixed {
        assert!(
            sources.iter().any(|s| russian(s)) && sources.iter().any(|s| !russian(s)),
            "{key} cites {sources:?}: want a Russian and an English source"
        );
    }
    for (key, sources) in &english {
        assert!(sources.iter().all(|s| !russian(s)), "{key}: {sources:?}");
    }
}

#[test]
fn every_format_shows_the_russian_quotes_as_written() {
    let p = project(true);
    let quote = "убиты 13 сотрудников силовых структур";
    for format in ["text", "markdown", "html"] {
        let (code, out, err) = p.run(&["report", "--format", format]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(out.contains(quote), "{format} report lacks {quote:?}");
        assert!(
            out.contains("Their number increased to 18") && out.contains("Их число выросло до 18"),
            "{format} report shows each language's own quote"
        );
    }
    let report = p.json(&[]);
    let claim = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["quote"] == quote)
        .expect("the Russian claim is in the JSON report");
    assert_eq!(claim["metric"], "killed");
    assert_eq!(claim["subject"], "security_forces");
    assert_eq!(claim["location"], "Kazakhstan");
    // The span points at the quote in the file, counted in bytes of UTF-8.
    let id = claim["source"].as_str().unwrap();
    let text = p.read(&format!("sources/{id}.txt"));
    let (a, b) = (
        claim["span"]["start"].as_u64().unwrap() as usize,
        claim["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], quote);
}

#[test]
fn explain_lists_russian_numbers_with_their_reasons() {
    let p = project(true);
    let (code, out, err) = p.run(&[
        "claims",
        "--explain",
        "sources/2022-01-07-ru-shest-voln.txt",
    ]);
    assert_eq!(code, 0, "{err}");
    for want in [
        "не менее 20 тысяч",
        "participants protesters in Almaty · at least 20,000 as of 2022-01-07",
        "skipped: date",
        "skipped: model number",
        "killed security_forces in Kazakhstan · 18 as of 2022-01-07",
    ] {
        assert!(out.contains(want), "--explain lacks {want:?}:\n{out}");
    }
    let (_, json, _) = p.run(&[
        "claims",
        "--explain",
        "--format",
        "json",
        "sources/2022-01-07-ru-shest-voln.txt",
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let texts: Vec<&str> = v["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"около 200 млн долларов"), "{texts:?}");
}

#[test]
fn front_matter_language_wins_over_the_letters() {
    let p = Project::empty();
    // Russian words in an article declared English are not glossed: no claim.
    p.write(
        "sources/declared.md",
        "+++\npublished = 2022-01-10\nlang = \"en\"\n+++\nЗадержаны 207 человек.\n",
    );
    p.write(
        "sources/detected.md",
        "+++\npublished = 2022-01-10\n+++\nЗадержаны 207 человек.\n",
    );
    let report = p.json(&[]);
    let sources: Vec<&str> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["detected"]);
}

#[test]
fn the_stream_reads_russian_documents_too() {
    let p = Project::empty();
    let line = r#"{"id": "ru1", "published": "2022-01-10", "text": "По данным МВД, задержаны 7 939 человек в Алматы."}"#;
    let out = p
        .cmd(&["stream", "extract"])
        .write_stdin(format!("{line}\n"))
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    let claim = &record["claims"][0];
    assert_eq!(claim["metric"], "detained");
    assert_eq!(claim["value"], 7939.0);
    assert_eq!(claim["location"], "Almaty");
    assert_eq!(claim["attribution"], "МВД");
    assert_eq!(claim["quote"], "задержаны 7 939 человек в Алматы");
}

/// Russian text built from the pieces that trip the gloss: phrases cut short at
/// the end, numbers where a phrase wants a word, "ё", scales, dashes.
fn russian_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("до"),
        Just("от 20"),
        Just("5,8 тыс."),
        Just("7\u{a0}939"),
        Just("полутора"),
        Just("тысяч"),
        Just("пропали без"),
        Just("вести"),
        Just("были убиты"),
        Just("мужчина"),
        Just("и"),
        Just("ещё"),
        Just("6 января"),
        Just("в четверг"),
        Just("по данным"),
        Just("МВД"),
        Just(","),
        Just("—"),
        Just("."),
        Just("Алма-Ате"),
        Just("двести"),
        Just("Ил-76"),
        Just("\n\n"),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.join(" "))
}

proptest::proptest! {
    #[test]
    fn glossed_text_never_panics_and_quotes_stand_at_their_spans(body in russian_text()) {
        use claimdiff::corpus::Source;
        use claimdiff::extract::{Options, extract};
        let doc = format!("+++\npublished = 2022-01-10\nlang = \"ru\"\n+++\n{body}");
        let source = Source::from_bytes(std::path::Path::new("p.txt"), doc.clone().into_bytes()).unwrap();
        let x = extract(&source, claimdiff::lexicon::Lexicon::builtin(), &Options::default());
        for c in &x.claims {
            proptest::prop_assert_eq!(&doc[c.span.start..c.span.end], c.quote.as_str());
        }
        for e in &x.explained {
            proptest::prop_assert!(doc.get(e.span.start..e.span.end).is_some());
        }
    }
}
