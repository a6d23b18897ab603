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
    let head: String = readme.lines().take(20).collect::<Vec<_>>().join("\n");
    assert!(
        head.contains("cargo run --release -- report") && head.contains("cargo test"),
        "{head}"
    );
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn the_json_contract_is_written_in_the_readme_itself() {
    let readme = readme();
    assert!(
        !readme.contains("DESIGN.md"),
        "the README must not send readers to a file outside the repository"
    );
    let start = readme
        .find("## JSON contract")
        .expect("a JSON contract section");
    let end = start + 1 + readme[start + 1..].find("\n## ").unwrap();
    let contract = &readme[start..end];
    let out = assert_cmd::Command::cargo_bin("claimdiff")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json", "--no-exit"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for list in ["sources", "claims", "findings"] {
        for item in json[list].as_array().unwrap() {
            keys.extend(item.as_object().unwrap().keys().map(String::as_str));
        }
    }
    keys.extend(
        json["check"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str),
    );
    keys.sort_unstable();
    keys.dedup();
    let missing: Vec<&&str> = keys
        .iter()
        .filter(|k| {
            !contract.contains(&format!("\"{k}\"")) && !contract.contains(&format!("`{k}`"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "README's JSON contract lacks {missing:?}"
    );
}

#[test]
fn the_quickstart_says_how_long_the_first_build_takes() {
    let readme = readme();
    let start = readme.find("## Quickstart").expect("a Quickstart section");
    let quick = &readme[start..start + readme[start..].find("\n## ").unwrap()];
    assert!(quick.contains("cargo run --release -- report"), "{quick}");
    assert!(
        quick.contains("minutes") && quick.contains("cores"),
        "the build time, measured: {quick}"
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
