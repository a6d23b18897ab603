//! `claimdiff extract` and the review workflow.

mod common;
use common::{Project, snapshot_dir};

#[test]
fn extract_writes_one_claim_file_per_source_and_is_idempotent() {
    let p = Project::bundled();
    let (code, _, err) = p.run(&["extract"]);
    assert_eq!(code, 0, "{err}");
    let first = snapshot_dir(&p.path("claims"));
    let names: Vec<&str> = first.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            ".events.json",
            "2022-01-06-izvestia-situation-tense.toml",
            "2022-01-07-tokayev-six-waves.toml",
            "2022-01-10-sputnik-live-csto-summit.toml",
            "2022-01-26-almaty-turksib-ato.toml",
            "2022-01-29-tokayev-airport-seizure.toml",
        ]
    );
    let (code, _, err) = p.run(&["extract"]);
    assert_eq!(code, 0);
    assert!(err.contains("0 claim files written, 5 unchanged"), "{err}");
    assert_eq!(
        snapshot_dir(&p.path("claims")),
        first,
        "byte-identical on a second run"
    );
}

#[test]
fn the_committed_claims_match_a_fresh_extraction() {
    let p = Project::bundled();
    p.run(&["extract"]);
    let fresh = snapshot_dir(&p.path("claims"));
    let committed = snapshot_dir(&common::repo().join("claims"));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&fresh), names(&committed));
    let stale: Vec<&str> = fresh
        .iter()
        .zip(&committed)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert!(
        stale.is_empty(),
        "claims/ is out of date for {stale:?}: run `claimdiff extract` and commit claims/"
    );
}

#[test]
fn reviewed_claims_survive_re_extraction_and_rejected_ones_are_not_compared() {
    let p = Project::bundled();
    p.run(&["extract"]);
    let file = "claims/2022-01-07-tokayev-six-waves.toml";
    let text = p.read(file);
    // Reject the 18: the timeline then runs 13 → 19 without it.
    let at = text
        .find("quote = \"Their number increased to 18\"")
        .unwrap();
    let status_at = text[..at].rfind("status = \"extracted\"").unwrap();
    let mut edited = text.clone();
    edited.replace_range(
        status_at..status_at + "status = \"extracted\"".len(),
        "status = \"rejected\"",
    );
    // Confirm the damage claim with an edited attribution, and add a manual claim.
    let dmg = edited.find("metric = \"damage\"").unwrap();
    let dmg_status = edited[..dmg].rfind("status = \"extracted\"").unwrap();
    edited.replace_range(
        dmg_status..dmg_status + "status = \"extracted\"".len(),
        "status = \"confirmed\"\nattribution = \"Tokayev\"",
    );
    edited.push_str(
        "\n[[claim]]\nid = \"manual-1\"\nstatus = \"manual\"\nmetric = \"killed\"\nsubject = \"people\"\nlocation = \"Kazakhstan\"\nvalue = 26\nlow = 26\nhigh = 26\nqualifier = \"exact\"\nas_of = 2022-01-07\nquote = \"26 armed criminals were killed\"\n",
    );
    p.write(file, &edited);

    let (code, _, err) = p.run(&["extract"]);
    assert_eq!(code, 0, "{err}");
    let after = p.read(file);
    assert!(after.contains("status = \"rejected\""), "{after}");
    assert!(
        after.contains("status = \"confirmed\"\n") && after.contains("attribution = \"Tokayev\""),
        "{after}"
    );
    assert!(after.contains("id = \"manual-1\""), "{after}");
    assert_eq!(
        after.matches("Their number increased to 18").count(),
        1,
        "the rejected claim is not extracted again"
    );

    let json = p.json(&[]);
    let quotes: Vec<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["quote"].as_str().unwrap())
        .collect();
    assert!(
        !quotes.contains(&"Their number increased to 18"),
        "rejected claims are not reported"
    );
    assert!(quotes.contains(&"26 armed criminals were killed"));
    let timeline = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "timeline" && f["subject"] == "security_forces")
        .unwrap();
    assert!(
        timeline["message"]
            .as_str()
            .unwrap()
            .contains("13 (2022-01-06) → 19 (2022-01-26, 2022-01-29)"),
        "{timeline}"
    );
}

#[test]
fn a_corrupt_claim_file_is_never_overwritten() {
    let p = Project::bundled();
    p.run(&["extract"]);
    let file = "claims/2022-01-26-almaty-turksib-ato.toml";
    let broken = p
        .read(file)
        .replacen("qualifier = \"exact\"", "qualifier = exact", 1);
    p.write(file, &broken);
    let (code, _, err) = p.run(&["extract"]);
    assert_eq!(code, 2);
    let line = broken
        .lines()
        .position(|l| l == "qualifier = exact")
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("{file}:{line}:")),
        "names file and line: {err}"
    );
    assert_eq!(p.read(file), broken, "left exactly as the person wrote it");
    // The other files are still refreshed.
    assert!(err.contains("4 unchanged"), "{err}");
}

#[test]
fn extract_outside_the_sources_folder_asks_where_claims_go() {
    let p = Project::empty();
    p.write("other/a.txt", "Police detained 5 protesters.");
    let (code, _, err) = p.run(&["extract", "other"]);
    assert_eq!(code, 2);
    assert!(err.contains("--claims"), "{err}");
    let (code, _, err) = p.run(&["extract", "other", "--claims", "other-claims"]);
    assert_eq!(code, 0, "{err}");
    assert!(p.path("other-claims/a.toml").exists());
}
