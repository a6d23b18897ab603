//! The events `extract` records beside the claim files (`claims/.events.json`):
//! `check` and `report` take them only while the sources, their texts and the
//! event names people gave are the ones they were made of, and group afresh
//! otherwise — with the same result as grouping afresh every time.

mod common;
use common::Project;

const A: &str = "+++\npublished = 2023-05-02\n+++\nRiot police said 40 protesters were detained in Almaty on Tuesday after the march on the square.\n";
const B: &str = "+++\npublished = 2023-05-03\n+++\nThe march in Almaty ended with 52 protesters detained, the city's police said on Wednesday.\n";
const C: &str = "+++\npublished = 2023-08-20\n+++\nA fire at a warehouse in Bishkek injured 3 firefighters, the emergency ministry said.\n";

fn dataset() -> Project {
    let p = Project::empty();
    p.write("sources/a.md", A);
    p.write("sources/b.md", B);
    p.write("sources/c.md", C);
    let (code, _, err) = p.run(&["extract", "-q"]);
    assert_eq!(code, 0, "{err}");
    assert!(p.path("claims/.events.json").exists());
    p
}

/// `check --format json` with -v's account of where the events came from.
fn check(p: &Project) -> (i32, serde_json::Value, String) {
    let (code, out, err) = p.run(&["-v", "check", "--format", "json"]);
    (code, serde_json::from_str(&out).expect("JSON"), err)
}

fn labels_of(report: &serde_json::Value, source: &str) -> Vec<String> {
    report["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| {
            e["sources"]
                .as_array()
                .is_some_and(|s| s.iter().any(|x| x == source))
        })
        .map(|e| e["label"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_recorded_events_are_the_ones_grouping_makes() {
    let p = dataset();
    let (code, recorded, err) = check(&p);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("events as recorded in"), "{err}");
    std::fs::remove_file(p.path("claims/.events.json")).unwrap();
    let (code, grouped, err) = check(&p);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("grouped the sources into events: no "),
        "{err}"
    );
    assert_eq!(recorded, grouped);
    assert_eq!(labels_of(&grouped, "a"), labels_of(&grouped, "b"));
    assert_ne!(labels_of(&grouped, "a"), labels_of(&grouped, "c"));
}

#[test]
fn an_event_a_person_names_in_a_claim_file_wins_over_the_record() {
    let p = dataset();
    let file = p.read("claims/c.toml");
    let start = file.find("[event]\n").expect("an [event] table");
    let end = start + file[start..].find("\n\n").expect("a blank line after it");
    let named = format!(
        "{}[event]\nname = \"Almaty march\"\nstatus = \"confirmed\"{}",
        &file[..start],
        &file[end..]
    );
    p.write("claims/c.toml", named);
    let (_, report, err) = check(&p);
    assert!(
        err.contains("was made of other sources, texts or event names"),
        "{err}"
    );
    assert_eq!(labels_of(&report, "c"), ["Almaty march"]);
}

#[test]
fn a_changed_source_is_stale_and_regrouped() {
    let p = dataset();
    p.write("sources/b.md", B.replace("52", "57"));
    let (code, out, err) = p.run(&["-v", "check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("b changed since"), "{out}");
    assert!(
        err.contains("was made of other sources, texts or event names"),
        "{err}"
    );
}

#[test]
fn a_source_added_or_removed_is_regrouped() {
    let p = dataset();
    std::fs::remove_file(p.path("sources/c.md")).unwrap();
    std::fs::remove_file(p.path("claims/c.toml")).unwrap();
    let (code, _, err) = check(&p);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("was made of other sources, texts or event names"),
        "{err}"
    );
    // Extract records the grouping of the new set, which check then takes.
    assert_eq!(p.run(&["extract", "-q"]).0, 0);
    let (_, _, err) = check(&p);
    assert!(err.contains("events as recorded in"), "{err}");
}

#[test]
fn an_unreadable_record_is_ignored_and_extract_replaces_it() {
    let p = dataset();
    let (_, before, _) = check(&p);
    p.write("claims/.events.json", "{ not json");
    let (code, after, err) = check(&p);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cannot read"), "{err}");
    assert_eq!(before, after);
    assert_eq!(p.run(&["extract", "-q"]).0, 0);
    let (_, _, err) = check(&p);
    assert!(err.contains("events as recorded in"), "{err}");
}
