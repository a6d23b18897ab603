//! What each kind of figure may do over time, on made-up coverage written for
//! these tests (tests/fixtures/rules/): a toll revised down, a missing-persons
//! list that shrinks, a hospital count that falls, a part dated after its whole,
//! a live page updated hour by hour.

mod common;
use common::{Project, repo};
use serde_json::Value;

/// The JSON report on one fixture folder.
fn report(name: &str) -> Value {
    let dir = repo().join("tests/fixtures/rules").join(name);
    Project::empty().json(&[dir.to_str().unwrap()])
}

fn kinds(r: &Value) -> Vec<&str> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect()
}

fn claim_id(r: &Value, quote_part: &str) -> String {
    r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["quote"].as_str().unwrap().contains(quote_part))
        .unwrap_or_else(|| panic!("no claim quoting {quote_part:?}: {r:#}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_toll_revised_down_with_a_stated_reason_is_a_revision() {
    let r = report("toll-revised");
    assert_eq!(kinds(&r), ["revision"], "{r:#}");
    let f = &r["findings"][0];
    assert_eq!(f["severity"], "warning");
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("revised from 46 to 39"), "{msg}");
    assert_eq!(
        f["revisions"][0]["from"].as_str().unwrap(),
        claim_id(&r, "46 people")
    );
    assert_eq!(
        f["revisions"][0]["to"].as_str().unwrap(),
        claim_id(&r, "down to 39")
    );
}

#[test]
fn the_same_fall_without_a_stated_reason_is_a_contradiction_with_both_sides() {
    let r = report("toll-falls");
    assert_eq!(kinds(&r), ["contradiction"], "{r:#}");
    let msg = r["findings"][0]["message"].as_str().unwrap();
    // Both figures with their dates, sources and, where given, attribution.
    for part in [
        "46 (2025-03-02, 01-first-count, per Regional officials)",
        "39 (2025-03-05, 02-later)",
    ] {
        assert!(msg.contains(part), "{msg}");
    }
}

#[test]
fn a_missing_list_that_grows_then_shrinks_is_a_timeline() {
    let r = report("missing-shrinks");
    assert_eq!(kinds(&r), ["timeline"], "{r:#}");
    let msg = r["findings"][0]["message"].as_str().unwrap();
    assert!(msg.starts_with("rose and fell over time"), "{msg}");
    assert!(msg.contains("850 (2025-04-01) → 1,100 (2025-04-03) → 66 (2025-04-10)"));
}

#[test]
fn a_hospital_count_that_falls_is_a_timeline() {
    let r = report("hospitalized-falls");
    assert_eq!(kinds(&r), ["timeline"], "{r:#}");
    assert!(
        r["findings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("fell over time, 120 (2025-05-06) → 35 (2025-05-09)")
    );
}

#[test]
fn a_part_dated_after_its_whole_is_not_checked_against_it() {
    let r = report("part-after-whole");
    let places: Vec<&str> = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["location"].as_str().unwrap())
        .collect();
    assert_eq!(places, ["Peru", "Lima"], "both figures are read: {r:#}");
    // 45 in Lima a week after 30 across Peru: the national toll may have grown.
    assert_eq!(kinds(&r), Vec::<&str>::new(), "{r:#}");
}

#[test]
fn a_live_page_updated_hour_by_hour_is_a_timeline_not_a_contradiction() {
    let r = report("live-page");
    assert_eq!(kinds(&r), ["timeline"], "{r:#}");
    let msg = r["findings"][0]["message"].as_str().unwrap();
    assert!(
        msg.starts_with("updated during 2025-07-14: 5 → 12 → 21"),
        "{msg}"
    );
}

#[test]
fn the_html_reconciliation_names_the_revision_and_the_current_figure() {
    let dir = repo().join("tests/fixtures/rules/toll-revised");
    let (code, html, err) =
        Project::empty().run(&["report", dir.to_str().unwrap(), "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let row = html
        .lines()
        .find(|l| l.contains("<td>killed people in Cusco <small>cumulative</small></td>"))
        .expect("a row for the key");
    // Latest and most conservative are both the revised 39; the revision names
    // the figure it replaced and who published each.
    assert_eq!(
        row.matches("<td>39 <small>Highland Daily · 2025-03-05</small></td>")
            .count(),
        2,
        "{row}"
    );
    assert!(
        row.contains(
            "revised from 46 <small>Regional officials via Andes Wire · 2025-03-02</small> to 39"
        ),
        "{row}"
    );
}
