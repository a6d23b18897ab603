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
