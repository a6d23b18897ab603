//! `claimdiff stream`: what a pipeline driving it sees on its pipes.

mod common;

use assert_cmd::Command;
use serde_json::{Value, json};

fn stream(mode: &str, input: Vec<u8>) -> Vec<Value> {
    let project = common::Project::empty();
    let out = Command::cargo_bin("claimdiff")
        .unwrap()
        .current_dir(project.dir.path())
        .args(["stream", mode])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn documents_to_events_to_findings_through_pipes() {
    let docs = [
        json!({"id": "slide-1", "published": "2020-08-02",
            "text": "A landslide in Nepal killed 12 people on Saturday, police said."}),
        json!({"id": "slide-2", "published": "2020-08-04",
            "text": "The Nepal landslide killed 10 people on Saturday, officials said on Monday."}),
    ];
    let mut input: Vec<u8> = Vec::new();
    for d in &docs {
        input.extend(d.to_string().bytes());
        input.push(b'\n');
    }
    input.extend(b"{\"id\": \"x\", \"text\": \"bad \xff byte\"}\n");
    let extracted = stream("extract", input.clone());
    assert_eq!(extracted.len(), 3, "one record per line: {extracted:?}");
    assert!(
        extracted[2]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8")
    );

    let events = stream("events", input);
    let steps: Vec<&Value> = events
        .iter()
        .filter(|r| r.get("events").is_some())
        .collect();
    assert_eq!(steps.len(), 2);
    let event = steps[0]["events"][0]["event"].clone();
    assert_eq!(
        steps[1]["events"][0]["event"], event,
        "one landslide: {events:?}"
    );

    // Every claim in one group, with the event the events mode gave it.
    let mut claims = Vec::new();
    for record in &extracted[..2] {
        for claim in record["claims"].as_array().unwrap() {
            let mut c = claim.clone();
            c["event"] = event.clone();
            c["group"] = json!("all");
            claims.extend(c.to_string().bytes());
            claims.push(b'\n');
        }
    }
    let findings = stream("compare", claims);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["kind"], "contradiction");
    assert_eq!(findings[0]["event"], event);
    assert_eq!(findings[0]["claims"].as_array().unwrap().len(), 2);
}

#[test]
fn statistics_then_signatures_through_pipes_and_a_bad_statistics_file_is_named() {
    let docs = [
        json!({"id": "storm-1", "published": "2021-03-02",
            "text": "A storm near Porto in Portugal injured 8 people, said mayor Rui Vaz."}),
        json!({"id": "storm-2", "published": "2021-03-03", "event": "Porto storm",
            "text": "Mayor Rui Vaz said 9 people were injured in the Porto storm."}),
    ];
    let input: Vec<u8> = docs
        .iter()
        .map(|d| format!("{d}\n"))
        .collect::<String>()
        .into_bytes();
    let part = stream("stats", input.clone());
    assert_eq!(part.len(), 1);
    let merged = stream("stats", format!("{}\n{}\n", part[0], part[0]).into_bytes());
    assert!(
        merged[0].get("error").is_some(),
        "documents expected without --merge"
    );
    let project = common::Project::empty();
    let run = |args: &[&str], input: Vec<u8>| {
        Command::cargo_bin("claimdiff")
            .unwrap()
            .current_dir(project.dir.path())
            .args(args)
            .write_stdin(input)
            .output()
            .unwrap()
    };
    let out = run(
        &["stream", "stats", "--merge"],
        format!("{}\n", part[0]).into_bytes(),
    );
    let stats = project.dir.path().join("stats.json");
    std::fs::write(&stats, &out.stdout).unwrap();
    let out = run(
        &["stream", "extract", "--stats", "stats.json"],
        input.clone(),
    );
    assert!(out.status.success());
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let units = &records[0]["signature"]["units"];
    assert_eq!(units.as_array().unwrap().len(), 1);
    assert!(
        units[0]["terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "rui vaz"),
        "{units}"
    );
    // A named document's signature carries the name and no units.
    assert_eq!(records[1]["signature"]["named"]["name"], "Porto storm");
    assert!(
        records[1]["signature"]["units"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    std::fs::write(&stats, "{\"stats\": [1, 2]}").unwrap();
    let out = run(&["stream", "extract", "--stats", "stats.json"], input);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("stats.json:1:") && err.contains("stream stats --merge"),
        "{err}"
    );
}
