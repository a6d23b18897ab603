//! The README shows the real `claimdiff -h`, so the docs cannot drift.

#[test]
fn readme_usage_is_the_real_help() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("$ claimdiff -h\n")
        .expect("the README shows `claimdiff -h`")
        + "$ claimdiff -h\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let out = assert_cmd::Command::cargo_bin("claimdiff")
        .unwrap()
        .arg("-h")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        &readme[start..end],
        help,
        "update the Usage block of README.md"
    );
}

#[test]
fn readme_leads_with_the_run_and_test_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let head: String = readme.lines().take(12).collect::<Vec<_>>().join("\n");
    assert!(
        head.contains("cargo run --release -- report") && head.contains("cargo test"),
        "{head}"
    );
}

/// Every finding kind and every metric's rule is in the README's tables, with an example.
#[test]
fn readme_lists_every_finding_kind_and_metric_rule() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let row = |first_cell: &str| {
        readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{first_cell}` |")))
            .map(|l| l.to_string())
    };
    for kind in claimdiff::compare::Kind::ALL {
        let line = row(kind.as_str()).unwrap_or_else(|| panic!("no README row for {kind}"));
        assert!(
            line.contains('"'),
            "the row for {kind} quotes an example: {line}"
        );
    }
    let lex = claimdiff::lexicon::Lexicon::builtin();
    for m in &lex.metrics {
        let line = row(m.rule.as_str())
            .unwrap_or_else(|| panic!("no README row for the rule {}", m.rule.as_str()));
        assert!(
            line.contains(&format!(" {}", m.name.0)),
            "the {} row names {}: {line}",
            m.rule.as_str(),
            m.name
        );
    }
}
