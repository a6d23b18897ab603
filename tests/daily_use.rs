//! What a daily user of ripgrep, typos or lychee expects, through the binary:
//! configuration found from the path given, `-q`/`-v`, standard input,
//! completions and a man page, counts in the singular, quotes that keep their
//! figure, tables that fit the width, and one JSON contract everywhere.

mod common;
use common::Project;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// A project in `some/folder` of a scratch folder, whose sources live in `articles/`
/// and whose configuration ignores detentions.
fn nested() -> Project {
    let p = Project::empty();
    p.write(
        "some/folder/claimdiff.toml",
        "sources = \"articles\"\nignore = [\"detained/*/*\"]\n",
    );
    p.write(
        "some/folder/articles/harbour.txt",
        "date 2023-03-02\nThe harbour master said 6 people were injured in Bergen. \
         Police said 14 people were detained in Bergen.\n",
    );
    p.write(
        "some/folder/articles/wire.txt",
        "date 2023-03-02\nA union spokesman said 9 people were injured in Bergen. \
         Police said 15 people were detained in Bergen.\n",
    );
    p
}

fn metrics(json: &Value) -> Vec<String> {
    json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["metric"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_configuration_is_found_from_the_path_given() {
    let p = nested();
    // The project folder itself stands for its sources, read with its configuration.
    let json = p.json(&["some/folder"]);
    assert_eq!(json["sources"].as_array().unwrap().len(), 2, "{json}");
    assert_eq!(metrics(&json), ["injured", "injured"], "ignore applied");
    // A folder or file inside it finds the same configuration upward.
    let json = p.json(&["some/folder/articles"]);
    assert_eq!(metrics(&json), ["injured", "injured"]);
    let json = p.json(&["some/folder/articles/wire.txt"]);
    assert_eq!(metrics(&json), ["injured"]);
}

#[test]
fn verbose_says_which_configuration_and_claims_folder_are_used() {
    let p = nested();
    let (code, _, err) = p.run(&["-v", "report", "some/folder"]);
    assert_eq!(code, 0, "{err}");
    let config = std::path::Path::new("some/folder/claimdiff.toml");
    let claims = std::path::Path::new("some/folder/claims");
    assert!(
        err.contains(&format!("configuration {}", config.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("claims folder {}", claims.display())),
        "{err}"
    );
    // Outside any project: defaults, and no claims folder.
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(
        bare.path().join("a.txt"),
        "Police said 3 people were detained.\n",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("claimdiff")
        .unwrap()
        .current_dir(bare.path())
        .args(["report", "a.txt", "--verbose"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no claimdiff.toml found: defaults"), "{err}");
    assert!(err.contains("no claims folder"), "{err}");
}

#[test]
fn quiet_report_prints_no_warnings_and_quiet_check_only_exits() {
    let p = Project::bundled();
    p.write("sources/broken.txt", b"binary\0junk".as_slice());
    // Read, but worth a word: a page with no text, a front-matter key misspelt.
    p.write("sources/blank.txt", b"\n\n".as_slice());
    p.write(
        "sources/typo.md",
        b"---\ntitel: Floods\n---\nTwo people died.\n".as_slice(),
    );
    let (code, out, err) = p.run(&["report"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning:") && err.contains("broken.txt"),
        "{err}"
    );
    assert!(err.contains("blank.txt: is empty"), "{err}");
    assert!(err.contains("typo.md:2:1"), "{err}");
    assert!(out.contains("claimdiff: 7 sources"), "{out}");
    let (code, out, err) = p.run(&["report", "-q"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("claimdiff: 7 sources"), "{out}");
    // The listings are as quiet, and list the same.
    for cmd in ["claims", "events"] {
        let (code, loud, err) = p.run(&[cmd]);
        assert!(
            code == 0 && err.contains("blank.txt: is empty"),
            "{cmd}: {err}"
        );
        let (code, out, err) = p.run(&[cmd, "-q"]);
        assert_eq!((code, err.as_str()), (0, ""), "{cmd} -q");
        assert_eq!(out, loud, "{cmd} -q lists what {cmd} does");
    }

    let p = Project::bundled();
    let (code, out, _) = p.run(&["check"]);
    assert_eq!(code, 1, "no claim files yet: stale");
    assert!(out.contains("FAILED"), "{out}");
    let (code, out, err) = p.run(&["check", "--quiet"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    // -o still writes the verdict for a later step.
    let (code, out, _) = p.run(&["check", "-q", "--format", "json", "-o", "check.json"]);
    assert_eq!((code, out.as_str()), (1, ""));
    let json: Value = serde_json::from_str(&p.read("check.json")).unwrap();
    assert_eq!(json["check"]["failed"], true);
}

#[test]
fn a_document_on_standard_input_is_read_with_a_dash() {
    let p = Project::empty();
    let text = "date 2023-05-04\nThe mayor said 31 people were evacuated in Tromso. \
                Rescuers said 2 people were killed in Tromso. A later count said 3 people were killed in Tromso.\n";
    let out = p
        .cmd(&["report", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["sources"][0]["id"], "stdin");
    assert_eq!(json["sources"][0]["published"], "2023-05-04");
    assert!(
        json["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["metric"] == "killed" && c["value"] == 3),
        "{json}"
    );
    let out = p.cmd(&["claims", "-"]).write_stdin(text).output().unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.contains("<stdin>:2: killed"), "{listed}");
    // Bad input on standard input is named as such.
    let out = p
        .cmd(&["report", "-"])
        .write_stdin(b"\xff\xfe not text".as_slice())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>:1:1") && err.contains("UTF-8"),
        "{err}"
    );
}

#[test]
fn completions_and_the_man_page_are_generated() {
    let p = Project::empty();
    for (what, marker) in [
        ("complete-bash", "complete -F _claimdiff"),
        ("complete-zsh", "#compdef claimdiff"),
        ("complete-fish", "complete -c claimdiff"),
        ("complete-powershell", "Register-ArgumentCompleter"),
        ("man", ".TH claimdiff 1"),
    ] {
        let (code, out, err) = p.run(&["--generate", what]);
        assert_eq!(code, 0, "{what}: {err}");
        assert!(out.contains(marker), "{what}: {out}");
        if what != "man" {
            assert!(out.contains("report") && out.contains("format"), "{what}");
        }
    }
    let (_, man, _) = p.run(&["--generate", "man"]);
    for section in [
        "COMMAND: report",
        "COMMAND: check",
        "EXIT STATUS",
        "NO_COLOR",
    ] {
        assert!(man.contains(section), "man page lacks {section}");
    }
    assert!(man.contains("\\-\\-fail\\-on"), "flags are roff-escaped");
    let (code, _, err) = p.run(&["--generate", "man", "report"]);
    assert_eq!(code, 2);
    assert!(err.contains("--generate takes no command"), "{err}");
}

#[test]
fn help_documents_the_exit_codes() {
    let (code, out, _) = Project::empty().run(&["-h"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Exit codes: 0 success; 1 `check` failed; 2 bad usage"),
        "{out}"
    );
}

#[test]
fn counts_of_one_are_singular() {
    let p = Project::empty();
    p.write(
        "sources/only.txt",
        "date 2023-01-09\nThe ministry said 12 people were injured in Narvik.\n",
    );
    let (_, out, _) = p.run(&["report"]);
    assert!(
        out.starts_with("claimdiff: 1 source, 1 claim, no findings"),
        "{out}"
    );
    let (_, out, _) = p.run(&["report", "--format", "markdown"]);
    assert!(out.contains("1 source, 1 claim,"), "{out}");
    let (_, out, _) = p.run(&["report", "--format", "html"]);
    assert!(out.contains("<b>1</b> source</span> <span><b>1</b> claim</span>"));
    let (_, out, _) = p.run(&["claims", "--explain"]);
    assert!(out.contains("1 number: 1 claim, 0 skipped"), "{out}");
    let (_, _, err) = p.run(&["extract"]);
    assert!(
        err.contains("1 source, 1 claim; 1 claim file written"),
        "{err}"
    );
    let (_, out, _) = p.run(&["check"]);
    assert!(out.contains("1 source, 1 claim; 0 new findings"), "{out}");
}

#[test]
fn a_cut_quote_keeps_its_figure() {
    let p = Project::empty();
    p.write(
        "sources/ministry.txt",
        "+++\nevent = \"northern strikes\"\n+++\ndate 2023-02-11\nThe number of people detained during the long strikes in the northern \
         provinces since early 2023 has reached 4,512, the ministry said.\n",
    );
    p.write(
        "sources/agency.txt",
        "+++\nevent = \"northern strikes\"\n+++\ndate 2023-02-11\nPolice detained 3,100 people during the strikes.\n",
    );
    let (code, out, err) = p.run(&["report"]);
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains("ministry:5"))
        .unwrap_or_else(|| panic!("no ministry claim: {out}"));
    assert!(line.contains("4,512"), "{line}");
    assert!(line.contains("\"…"), "cut before the figure: {line}");
    let (_, out, _) = p.run(&["claims"]);
    let line = out.lines().find(|l| l.contains("ministry.txt")).unwrap();
    assert!(line.contains("4,512"), "{line}");
}

fn widest_line(text: &str) -> (usize, String) {
    text.lines()
        .map(|l| (l.width(), l.to_string()))
        .max()
        .unwrap_or_default()
}

#[test]
fn the_diff_claims_table_fits_the_width() {
    let p = Project::bundled();
    for width in [100, 80, 60] {
        let w = width.to_string();
        let (code, out, err) = p.run(&[
            "diff",
            "2022-01-07-tokayev-six-waves",
            "2022-01-10-sputnik-live-csto-summit",
            "--claims-only",
            "--width",
            &w,
        ]);
        assert_eq!(code, 0, "{err}");
        let (widest, line) = widest_line(&out);
        assert!(widest <= width, "{widest} > {width}: {line}\n{out}");
        // Nothing is lost to the wrapping.
        let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("7,939 (2022-01-10)"), "{out}");
        let (_, out, _) = p.run(&[
            "diff",
            "2022-01-07-tokayev-six-waves",
            "2022-01-10-sputnik-live-csto-summit",
            "--width",
            &w,
        ]);
        assert!(out.contains("\nClaims\n"), "{out}");
        let (widest, line) = widest_line(&out);
        assert!(widest <= width, "{widest} > {width}: {line}");
    }
}

#[test]
fn claims_json_has_the_version_and_the_report_claim_shape() {
    let p = Project::bundled();
    let report = p.json(&[]);
    let (code, out, err) = p.run(&["claims", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let claims: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(claims["version"], 1);
    assert_eq!(claims["sources"], report["sources"]);
    // The same claims, field for field, as the report has.
    assert_eq!(claims["claims"], report["claims"]);

    let (code, out, err) = p.run(&["claims", "--explain", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let explained: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(explained["version"], 1);
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let shape = keys(&report["claims"][0]);
    for c in explained["claims"].as_array().unwrap() {
        assert_eq!(keys(c), shape, "{c}");
    }
    let numbers = explained["numbers"].as_array().unwrap();
    assert!(numbers.len() > explained["claims"].as_array().unwrap().len());
    for n in numbers {
        if n["outcome"] == "claim" {
            let id = n["claim"].as_str().unwrap();
            assert!(
                explained["claims"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["id"] == id),
                "number points at a listed claim: {n}"
            );
        } else {
            assert!(n["reason"].is_string(), "{n}");
        }
        assert!(
            n["span"]["start"].is_u64() && n["span"]["end"].is_u64(),
            "{n}"
        );
    }
    // -o, as every other command has.
    let (code, out, _) = p.run(&["claims", "--format", "json", "-o", "claims.json"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let written: Value = serde_json::from_str(&p.read("claims.json")).unwrap();
    assert_eq!(written, claims);
}

#[test]
fn claims_of_many_sources_are_listed_in_the_sources_order() {
    // More sources than `claims` reads on the cores at once: taken in batches, in
    // parallel, and listed as the sources sort, each with its own figure.
    let p = Project::empty();
    for i in 0..600 {
        p.write(
            &format!("sources/town-{i:03}.txt"),
            format!(
                "date 2023-03-02\nThe mayor said {} people were injured in Bergen.\n",
                i + 2
            ),
        );
    }
    let (code, out, err) = p.run(&["claims", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let claims: Value = serde_json::from_str(&out).unwrap();
    let listed: Vec<(String, u64)> = claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let id = c["source"].as_str().unwrap().to_string();
            (id, c["value"].as_u64().unwrap())
        })
        .collect();
    let expected: Vec<(String, u64)> = (0..600)
        .map(|i| (format!("town-{i:03}"), i as u64 + 2))
        .collect();
    assert_eq!(listed, expected);
    let (code, text, err) = p.run(&["claims"]);
    assert_eq!(code, 0, "{err}");
    let first: Vec<&str> = text.lines().take(2).collect();
    assert!(
        first[0].contains("town-000.txt") && first[0].contains(" 2 "),
        "{text}"
    );
    assert!(
        first[1].contains("town-001.txt") && first[1].contains(" 3 "),
        "{text}"
    );
}

#[test]
fn every_json_output_carries_the_version() {
    let p = Project::bundled();
    let runs: [&[&str]; 5] = [
        &["report", "--format", "json"],
        &["check", "--format", "json", "--no-exit"],
        &["claims", "--format", "json"],
        &["claims", "--explain", "--format", "json"],
        &[
            "diff",
            "2022-01-07-tokayev-six-waves",
            "2022-01-10-sputnik-live-csto-summit",
            "--format",
            "json",
        ],
    ];
    for args in runs {
        let (code, out, err) = p.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], 1, "{args:?}");
    }
}

#[test]
fn paths_under_two_configurations_get_a_warning() {
    let p = Project::empty();
    for project in ["north", "south"] {
        p.write(&format!("{project}/claimdiff.toml"), "");
        p.write(
            &format!("{project}/sources/a-{project}.txt"),
            "date 2023-04-01\nPolice said 8 people were detained in Lund.\n",
        );
    }
    let (code, _, err) = p.run(&["report", "north/sources", "south/sources"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("is under another configuration") && err.contains("north"),
        "{err}"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `claimdiff claims | head -1`: the reader leaves early; like ripgrep, exit 0 quietly.
    let p = Project::empty();
    for i in 0..400 {
        p.write(
            &format!("sources/report-{i:03}.txt"),
            format!(
                "date 2023-06-{:02}\nThe council said {} people were injured in Kiruna. \
                 Medics said {} people were hospitalized in Kiruna.\n",
                i % 28 + 1,
                i + 3,
                i + 1
            ),
        );
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdiff"))
        .current_dir(p.dir.path())
        .arg("claims")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn articles_outside_any_project_keep_the_working_folders_configuration() {
    let p = nested();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        elsewhere.path().join("loose.txt"),
        "date 2023-03-02\nPolice said 20 people were detained in Bergen. \
         The harbour master said 4 people were injured in Bergen.\n",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("claimdiff")
        .unwrap()
        .current_dir(p.path("some/folder"))
        .args(["report", "--format", "json"])
        .arg(elsewhere.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // From inside the project, its `ignore` still applies to articles kept elsewhere.
    assert_eq!(
        metrics(&serde_json::from_slice(&out.stdout).unwrap()),
        ["injured"]
    );
}
