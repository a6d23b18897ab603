//! Bad input: a clear one-line error naming the file, exit 2, never a panic.

mod common;
use common::Project;

fn error_line(err: &str) -> &str {
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(lines.len(), 1, "one error line: {err}");
    lines[0]
}

#[test]
fn a_missing_folder() {
    let p = Project::empty();
    let (code, _, err) = p.run(&["report", "nowhere"]);
    assert_eq!(code, 2);
    assert!(
        error_line(&err).contains("nowhere: no such file or folder"),
        "{err}"
    );
}

#[test]
fn an_empty_folder() {
    let p = Project::empty();
    let (code, _, err) = p.run(&["report"]);
    assert_eq!(code, 2);
    assert!(
        error_line(&err).contains("sources: holds no .txt or .md articles"),
        "{err}"
    );
}

#[test]
fn a_lone_non_utf8_file() {
    let p = Project::empty();
    p.write(
        "sources/a.txt",
        b"Police said\n13 \xff were killed".as_slice(),
    );
    let (code, _, err) = p.run(&["report"]);
    assert_eq!(code, 2);
    assert!(
        error_line(&err).contains("a.txt:2:4: is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn a_lone_binary_file() {
    let p = Project::empty();
    p.write("sources/a.txt", b"\x89PNG\r\n\x1a\n\0\0".as_slice());
    let (code, _, err) = p.run(&["report"]);
    assert_eq!(code, 2);
    assert!(
        error_line(&err).contains("a.txt: is a binary file"),
        "{err}"
    );
}

#[test]
fn malformed_front_matter() {
    let p = Project::empty();
    p.write(
        "sources/a.md",
        "+++\ntitle = \"x\"\npublished = 2022-13-45\n+++\nText.",
    );
    let (code, _, err) = p.run(&["report"]);
    assert_eq!(code, 2);
    assert!(error_line(&err).contains("a.md:3:"), "{err}");
}

#[test]
fn one_bad_file_among_many_is_a_warning_and_the_rest_is_reported() {
    let p = Project::bundled();
    p.write("sources/zz-broken.txt", b"\xfe\xff bad".as_slice());
    let (code, out, err) = p.run(&["report"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: ") && err.contains("zz-broken.txt:1:1: is not valid UTF-8"),
        "{err}"
    );
    assert!(out.contains("claimdiff: 5 sources, 22 claims"), "{out}");
}

#[test]
fn a_claim_file_that_does_not_parse_warns_in_report() {
    let p = Project::bundled();
    p.run(&["extract"]);
    p.write(
        "claims/2022-01-29-tokayev-airport-seizure.toml",
        "source = \"x\"\n[[claim]\n",
    );
    let (code, out, err) = p.run(&["report"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: ") && err.contains("2022-01-29-tokayev-airport-seizure.toml:2:"),
        "{err}"
    );
    assert!(out.contains("claim file unreadable"), "{out}");
}

#[test]
fn unknown_keys_in_a_claim_file_are_named() {
    let p = Project::bundled();
    p.run(&["extract"]);
    let file = "claims/2022-01-29-tokayev-airport-seizure.toml";
    let text = p.read(file).replacen("status = ", "stauts = ", 1);
    p.write(file, text);
    let (code, _, err) = p.run(&["extract"]);
    assert_eq!(code, 2);
    assert!(err.contains("stauts") && err.contains(file), "{err}");
}

#[test]
fn a_broken_configuration() {
    let p = Project::empty();
    p.write(
        "claimdiff.toml",
        "sources = \"sources\"\nfail_on = \"sometimes\"\n",
    );
    let (code, _, err) = p.run(&["report"]);
    assert_eq!(code, 2);
    assert!(error_line(&err).contains("claimdiff.toml:2:"), "{err}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let p = Project::bundled();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} report | head -c 10 >/dev/null",
            assert_cmd::cargo::cargo_bin("claimdiff").display()
        ))
        .current_dir(p.dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn escape_sequences_in_sources_never_reach_the_terminal() {
    let p = Project::empty();
    p.write("sources/a.md", "+++\npublished = 2022-01-10\n+++\nPolice said 12 protesters were killed in Almaty.\x1b[2J\x1b]0;pwned\x07 More later.\n");
    p.write(
        "sources/b.md",
        "+++\npublished = 2022-01-10\n+++\nPolice said 30 protesters were killed in Almaty.\n",
    );
    p.run(&["extract"]);
    for args in [
        vec!["report"],
        vec!["check"],
        vec!["diff", "a", "b"],
        vec!["claims", "--explain"],
    ] {
        let (_, out, _) = p.run(&args);
        assert!(
            !out.contains('\x1b') && !out.contains('\x07'),
            "{args:?} printed a control character"
        );
        assert!(out.contains("12") || args[0] == "claims", "{args:?}: {out}");
    }
    // The escape sequence's digits are not a figure.
    let json = p.json(&[]);
    assert_eq!(json["claims"].as_array().unwrap().len(), 2, "{json}");
}
