//! The JSON outputs are written straight from the report's structs. Their bytes
//! must stay what they were when they were built as a `serde_json::Value` first:
//! keys sorted at every level, two-space indentation, a final newline. Parsing an
//! output and printing it back through a `Value` gives exactly that form, so an
//! output equal to its reprint is in it.

mod common;

use common::Project;

/// The output printed again through a `serde_json::Value`.
fn reprinted(out: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(out).expect("valid JSON");
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

fn assert_canonical(what: &str, out: &str) {
    let again = reprinted(out);
    if out != again {
        let at = out
            .bytes()
            .zip(again.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(out.len().min(again.len()));
        let from = at.saturating_sub(200);
        panic!(
            "{what}: not in sorted-key form near byte {at}:\n{}\n--- reprinted ---\n{}",
            &out[from..(at + 200).min(out.len())],
            &again[from..(at + 200).min(again.len())]
        );
    }
}

#[test]
fn report_check_and_claims_json_keep_their_form_on_the_bundled_corpus() {
    let p = Project::bundled();
    // Claim files with a reviewed claim, a baseline, a stale source: every part of
    // the check object is filled.
    assert_eq!(p.run(&["extract", "--quiet"]).0, 0);
    let (code, _, err) = p.run(&["check", "--write-baseline", "base.toml"]);
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read_dir(p.path("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .min()
        .unwrap();
    let mut text = std::fs::read_to_string(&first).unwrap();
    text.push_str("\nPolice later said 4,000 people were detained in Almaty.\n");
    std::fs::write(&first, text).unwrap();

    let (code, out, err) = p.run(&["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"findings\": [\n    {"), "{out}");
    assert!(out.contains("\"events\": [\n    {"), "{out}");
    assert_canonical("report", &out);

    let (code, out, err) = p.run(&["check", "--format", "json", "--baseline", "base.toml"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("\"stale\": [\n      {"), "{out}");
    assert_canonical("check", &out);

    for args in [
        &["claims", "--format", "json"][..],
        &["claims", "--format", "json", "--explain"][..],
    ] {
        let (code, out, err) = p.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("\"claims\": [\n    {"), "{out}");
        assert_canonical(&format!("{args:?}"), &out);
    }
}

#[test]
fn the_report_on_gva_dev_keeps_its_form() {
    let gva = common::repo().join("../shared/datasets/gva-dev/sources");
    if !gva.is_dir() {
        eprintln!("skipped: {} is not beside the project", gva.display());
        return;
    }
    let p = Project::empty();
    let (code, out, err) = p.run(&["report", "--format", "json", gva.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\"mentions\": {"),
        "no folded mentions to check"
    );
    assert_canonical("gva-dev report", &out);
}
