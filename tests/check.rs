//! `claimdiff check`: the CI gate, on small datasets built in a temporary folder.

mod common;
use common::Project;

const A: &str = "+++\ntitle = \"A\"\npublished = 2022-03-01\n+++\nPolice said 12 protesters were killed in Almaty.\n";
const B: &str = "+++\ntitle = \"B\"\npublished = 2022-03-01\n+++\nOn Tuesday officials said\n30 protesters were killed in Almaty.\n";
const UNRELATED: &str =
    "+++\npublished = 2022-03-02\n+++\nIn Bishkek, 4 journalists were detained.\n";

/// A dataset with source A and fresh claim files.
fn dataset() -> Project {
    let p = Project::empty();
    p.write("sources/a.md", A);
    let (code, _, err) = p.run(&["extract"]);
    assert_eq!(code, 0, "{err}");
    p
}

#[test]
fn a_clean_dataset_passes() {
    let p = dataset();
    let (code, out, err) = p.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("claimdiff check ok: 1 source, 1 claim; 0 new findings"),
        "{out}"
    );
}

#[test]
fn a_contradicting_source_fails_and_names_both_quotes() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.run(&["extract"]);
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[contradiction]: killed · protesters · Almaty"),
        "{out}"
    );
    assert!(out.contains("--> sources/a.md:5:13"), "{out}");
    assert!(out.contains("::: sources/b.md:6:1"), "{out}");
    assert!(
        out.contains("12 protesters were killed") && out.contains("30 protesters were killed"),
        "{out}"
    );
    assert!(out.contains("claimdiff check FAILED"), "{out}");
    // --no-exit reports the same but exits 0.
    let (code, out2, _) = p.run(&["check", "--no-exit"]);
    assert_eq!((code, out2), (0, out));
}

#[test]
fn a_finding_in_the_baseline_passes_and_gone_entries_are_reported() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.run(&["extract"]);
    let (code, _, err) = p.run(&["check", "--write-baseline", "claimdiff-baseline.toml"]);
    assert_eq!(code, 0, "{err}");
    let baseline = p.read("claimdiff-baseline.toml");
    assert!(
        baseline.contains("kind = \"contradiction\"") && baseline.contains("12 and 30"),
        "{baseline}"
    );
    let (code, out, _) = p.run(&["check", "--baseline", "claimdiff-baseline.toml"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 new findings") && out.contains("1 in baseline"),
        "{out}"
    );

    // Adding an unrelated source does not change the fingerprint.
    p.write("sources/c.md", UNRELATED);
    p.run(&["extract"]);
    let (code, out, _) = p.run(&["check", "--baseline", "claimdiff-baseline.toml"]);
    assert_eq!(code, 0, "{out}");

    // When the conflict goes away, the baseline entry is reported for pruning.
    std::fs::remove_file(p.path("sources/b.md")).unwrap();
    std::fs::remove_file(p.path("claims/b.toml")).unwrap();
    let (code, out, _) = p.run(&["check", "--baseline", "claimdiff-baseline.toml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no longer occurs; prune it"), "{out}");
}

#[test]
fn the_baseline_can_come_from_the_configuration() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.run(&["extract"]);
    p.run(&["check", "--write-baseline", "known.toml"]);
    p.write("claimdiff.toml", "baseline = \"known.toml\"\n");
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn an_edited_source_without_re_extraction_is_stale() {
    let p = dataset();
    p.write(
        "sources/a.md",
        A.replace("Police said", "Police later said"),
    );
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[stale]: a changed since claims/a.toml was extracted"),
        "{out}"
    );
    assert!(out.contains("run `claimdiff extract`"), "{out}");
    p.run(&["extract"]);
    assert_eq!(p.run(&["check"]).0, 0);
}

#[test]
fn claim_files_from_an_older_claimdiff_are_extracted_again_keeping_reviews() {
    let p = dataset();
    // As an earlier claimdiff wrote it: no `extraction` line, and one claim a
    // reviewer confirmed.
    let file = p.read("claims/a.toml");
    assert!(file.contains("\nextraction = "), "{file}");
    let old: String = file
        .lines()
        .filter(|l| !l.starts_with("extraction = "))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replacen(
            "status = \"extracted\"\nmetric",
            "status = \"confirmed\"\nmetric",
            1,
        );
    p.write("claims/a.toml", &old);
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("claims/a.toml was extracted from a by an older claimdiff"),
        "{out}"
    );
    assert!(out.contains("run `claimdiff extract`"), "{out}");
    p.run(&["extract"]);
    let new = p.read("claims/a.toml");
    assert!(new.contains("\nextraction = "), "{new}");
    assert!(new.contains("status = \"confirmed\""), "{new}");
    assert_eq!(p.run(&["check"]).0, 0);
}

#[test]
fn missing_and_orphaned_claim_files_are_stale() {
    let p = dataset();
    p.write("sources/c.md", UNRELATED);
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 1);
    assert!(out.contains("c has no claim file"), "{out}");
    p.run(&["extract"]);
    std::fs::remove_file(p.path("sources/c.md")).unwrap();
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("claims/c.toml has no source") && out.contains("git rm claims/c.toml"),
        "{out}"
    );
}

#[test]
fn a_quote_moved_by_hand_is_stale() {
    let p = dataset();
    // Every span one byte on: still inside the text, no longer on its quote.
    let text: String = p
        .read("claims/a.toml")
        .lines()
        .map(|l| match l.strip_prefix("span = [") {
            Some(rest) => {
                let nums: Vec<usize> = rest
                    .trim_end_matches(']')
                    .split(", ")
                    .map(|n| n.parse::<usize>().unwrap() + 1)
                    .collect();
                format!("span = [{}, {}]\n", nums[0], nums[1])
            }
            None => format!("{l}\n"),
        })
        .collect();
    p.write("claims/a.toml", text);
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("its quote no longer stands at its span"),
        "{out}"
    );
}

#[test]
fn a_corrupt_claim_file_is_exit_2_with_line_and_column() {
    let p = dataset();
    let text = p
        .read("claims/a.toml")
        .replace("metric = \"killed\"", "metric = killed");
    p.write("claims/a.toml", &text);
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 2);
    let line = text.lines().position(|l| l == "metric = killed").unwrap() + 1;
    assert!(err.contains(&format!("claims/a.toml:{line}:10:")), "{err}");
}

#[test]
fn a_malformed_baseline_or_configuration_is_exit_2() {
    let p = dataset();
    p.write(
        "bad-baseline.toml",
        "version = 1\n[[finding]]\nfingerprint = 3\n",
    );
    let (code, _, err) = p.run(&["check", "--baseline", "bad-baseline.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad-baseline.toml:3:15:"), "{err}");
    p.write("claimdiff.toml", "fail-on = \"any\"\n");
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("claimdiff.toml:1:1:") && err.contains("fail-on") && err.contains("`fail_on`"),
        "{err}"
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    let p = Project::bundled();
    p.run(&["extract"]);
    assert_eq!(p.run(&["check"]).0, 0);
    assert_eq!(p.run(&["check", "--fail-on", "timeline"]).0, 1);
    assert_eq!(p.run(&["check", "--fail-on", "any"]).0, 1);
    p.write("claimdiff.toml", "fail_on = \"bounds\"\n");
    assert_eq!(p.run(&["check"]).0, 1);
    let (_, out, _) = p.run(&["check", "--dump-config", "--fail-on", "part_exceeds_whole"]);
    assert!(out.contains("fail_on = \"part_exceeds_whole\""), "{out}");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.run(&["extract"]);
    let (code, out, _) = p.run(&["check", "--format", "sarif"]);
    assert_eq!(code, 1);
    let log: serde_sarif::sarif::Sarif = serde_json::from_str(&out).expect("valid SARIF 2.1.0");
    // The schema types do reject a log without its required parts.
    assert!(
        serde_json::from_str::<serde_sarif::sarif::Sarif>(r#"{"runs":[{"results":[]}]}"#).is_err()
    );
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let results = &log.runs[0].results.as_ref().unwrap();
    assert_eq!(results.len(), 1);
    let loc = &value["runs"][0]["results"][0]["locations"][1]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "sources/b.md");
    assert_eq!(loc["region"]["startLine"], 6);
}

#[test]
fn junit_output_parses_with_one_case_per_key() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.write("sources/c.md", UNRELATED);
    p.run(&["extract"]);
    let (_, out, _) = p.run(&["check", "--format", "junit"]);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2, "{out}");
    let failing: Vec<_> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .collect();
    assert_eq!(failing.len(), 1);
    assert_eq!(
        failing[0].attribute("name"),
        Some("killed protesters in Almaty")
    );
    let root = doc.root_element();
    assert_eq!(root.attribute("failures"), Some("1"));
}

#[test]
fn github_output_is_workflow_commands() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.run(&["extract"]);
    let (_, out, _) = p.run(&["check", "--format", "github"]);
    assert!(out.contains("::error file=sources/a.md,line=5,col=13,title=claimdiff contradiction%3A killed · protesters · Almaty::"), "{out}");
    assert!(
        out.contains("::error file=sources/b.md,line=6,col=1,"),
        "{out}"
    );
}

#[test]
fn json_and_markdown_carry_the_verdict() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.run(&["extract"]);
    let (_, out, _) = p.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["check"]["failed"], true);
    assert_eq!(v["check"]["failing"].as_array().unwrap().len(), 1);
    let (_, md, _) = p.run(&["check", "--format", "markdown"]);
    assert!(md.starts_with("## claimdiff check ❌ failed"), "{md}");
}

#[test]
fn fingerprints_do_not_depend_on_claim_order() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.run(&["extract"]);
    let fp = |p: &Project| {
        p.json(&[])["findings"][0]["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let before = fp(&p);
    // Reorder the claims of a file: same fingerprint.
    let text = p.read("claims/a.toml");
    let (head, claims) = text.split_once("[[claim]]").unwrap();
    p.write("claims/a.toml", format!("{head}[[claim]]{claims}"));
    assert_eq!(fp(&p), before);
}

#[test]
fn unreadable_sources_fail_the_gate() {
    let p = dataset();
    p.write("sources/z.txt", b"\xff\xfe".as_slice());
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("z.txt:1:1: is not valid UTF-8"), "{err}");
}

#[test]
fn configuration_ignores_keys_and_adds_aliases() {
    let p = dataset();
    p.write("sources/b.md", B);
    p.run(&["extract"]);
    assert_eq!(p.run(&["check"]).0, 1);
    // Ignoring the key silences the conflict.
    p.write("claimdiff.toml", "ignore = [\"killed/protesters/*\"]\n");
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 0, "{out}");
    // A project alias names a place the gazetteer lacks, and a subject word.
    p.write(
        "claimdiff.toml",
        "[aliases.places]\n\"Zhetisu\" = \"Taldykorgan\"\n[aliases.subjects]\n\"akims\" = \"people\"\n",
    );
    p.write(
        "sources/c.md",
        "+++\npublished = 2022-03-02\n+++\nIn Zhetisu, 3 akims were detained.\n",
    );
    p.run(&["extract"]);
    let json = p.json(&["sources/c.md"]);
    let c = &json["claims"][0];
    assert_eq!(
        (c["location"].as_str(), c["metric"].as_str()),
        (Some("Taldykorgan"), Some("detained")),
        "{json}"
    );
    // An alias to an unknown subject is an error naming the file and the valid subjects.
    p.write(
        "claimdiff.toml",
        "[aliases.subjects]\n\"cops\" = \"polis\"\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("claimdiff.toml") && err.contains("security_forces"),
        "{err}"
    );
}
