//! `claimdiff diff A B`: two sources side by side.

mod common;
use common::Project;

const SIX_WAVES: &str = "2022-01-07-tokayev-six-waves";
const TURKSIB: &str = "2022-01-26-almaty-turksib-ato";
const AIRPORT: &str = "2022-01-29-tokayev-airport-seizure";

fn diff(p: &Project, args: &[&str]) -> String {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    let (code, out, err) = p.run(&all);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn a_toll_that_rose_is_a_timeline_and_shared_sentences_face_each_other() {
    let p = Project::bundled();
    let out = diff(&p, &[SIX_WAVES, TURKSIB, "--width", "160"]);
    let row = out
        .lines()
        .find(|l| l.contains("Protests in Kazakhstan began on January 2."))
        .expect(&out);
    assert_eq!(
        row.matches("Protests in Kazakhstan began on January 2.")
            .count(),
        2,
        "faces itself: {row}"
    );
    let (left, right) = row.split_once('│').unwrap();
    assert!(left.contains("Protests") && right.contains("Protests"));
    let killed = out
        .lines()
        .find(|l| l.contains("killed security_forces in Kazakhstan"))
        .expect(&out);
    assert!(
        killed.contains("18 (2022-01-07)")
            && killed.contains("19 (2022-01-26)")
            && killed.ends_with("timeline"),
        "{killed}"
    );
    assert!(
        out.contains("[18]") && out.contains("[19]"),
        "figures are marked"
    );
    insta::assert_snapshot!("diff_six_waves_turksib_160", out);
}

#[test]
fn shared_background_aligns_pair_by_pair_with_only_changed_words_marked() {
    let p = Project::bundled();
    let out = diff(&p, &[TURKSIB, AIRPORT, "--width", "160"]);
    for shared in [
        "The protests soon turned into riots.",
        "On January 10, Tokayev announced",
        "The successful completion of the CSTO mission",
    ] {
        let row = out.lines().find(|l| l.contains(shared)).expect(shared);
        assert_eq!(row.matches(shared).count(), 2, "{row}");
        assert!(
            !row.contains(" - ") && !row.contains(" + "),
            "unchanged rows have blank gutters: {row}"
        );
    }
    // The CSTO sentence differs in a few words: it is paired, and only those are marked.
    let row = out
        .lines()
        .find(|l| l.contains("Tokayev said on January 5"))
        .expect(&out);
    assert!(
        row.contains("{Kazakh President Kassym-Jomart} Tokayev said"),
        "{row}"
    );
    assert!(row.contains("{turned}"), "{row}");
    let killed = out
        .lines()
        .find(|l| l.contains("killed security_forces in Kazakhstan"))
        .expect(&out);
    assert!(
        killed.contains("19 (2022-01-26)")
            && killed.contains("19 (2022-01-29)")
            && killed.ends_with("agree"),
        "{killed}"
    );
    insta::assert_snapshot!("diff_turksib_airport_160", out);
}

#[test]
fn narrow_terminals_wrap_at_word_boundaries() {
    let p = Project::bundled();
    let out = diff(&p, &[TURKSIB, AIRPORT, "--width", "80"]);
    for line in out.lines().take_while(|l| !l.starts_with("Claims")) {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "{line:?}"
        );
    }
    insta::assert_snapshot!("diff_turksib_airport_80", out);
}

#[test]
fn columns_is_honoured() {
    let p = Project::bundled();
    let out = p
        .cmd(&["diff", TURKSIB, AIRPORT])
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let widest = text
        .lines()
        .take(40)
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap();
    assert!(widest <= 100 && widest > 90, "{widest}");
}

#[test]
fn claims_only_prints_the_table() {
    let p = Project::bundled();
    let out = diff(&p, &[SIX_WAVES, TURKSIB, "--claims-only"]);
    assert!(out.starts_with("Claims\n"), "{out}");
    insta::assert_snapshot!("diff_claims_only", out);
}

#[test]
fn json_gives_the_alignment_and_the_claim_rows() {
    let p = Project::bundled();
    let out = diff(&p, &[TURKSIB, AIRPORT, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["identical"], false);
    let rows = v["rows"].as_array().unwrap();
    let same = rows.iter().filter(|r| r["kind"] == "same").count();
    assert!(same >= 10, "{same}");
    let changed = rows.iter().find(|r| r["kind"] == "changed").unwrap();
    assert!(!changed["a"]["changed"].as_array().unwrap().is_empty());
    let killed = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == "killed")
        .unwrap();
    assert_eq!(killed["verdict"], "agree");
    insta::assert_snapshot!("diff_json", out);
}

#[test]
fn html_is_self_contained_and_escapes_the_sources() {
    let p = Project::empty();
    p.write(
        "a.txt",
        "Police said 13 people were killed. <script>alert('a')</script> was posted.",
    );
    p.write(
        "b.txt",
        "Police said 15 people were killed. \"><img src=x onerror=alert(1)> was posted.",
    );
    let out = diff(&p, &["a.txt", "b.txt", "--format", "html"]);
    assert!(!out.contains("<script>alert"), "{out}");
    assert!(out.contains("&lt;script&gt;alert(&#39;a&#39;)&lt;/script&gt;"));
    assert!(!out.contains("<img"), "{out}");
    assert!(
        !out.contains("http://") && !out.contains("https://"),
        "no external assets"
    );
    assert!(out.contains("<mark"), "figures are marked");
}

#[test]
fn identical_files_are_said_to_be_identical() {
    let p = Project::empty();
    p.write("a.txt", "Police said 13 people were killed.");
    p.write("b.txt", "Police said 13 people were killed.");
    let out = diff(&p, &["a.txt", "b.txt"]);
    assert!(
        out.contains("The two texts are identical (1 sentence)."),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.contains("killed people") && l.ends_with("agree")),
        "{out}"
    );
}

#[test]
fn no_color_when_piped_or_with_no_color() {
    let p = Project::bundled();
    let out = p
        .cmd(&["diff", TURKSIB, AIRPORT])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\x1b'));
    let forced = p
        .run(&[
            "--color", "always", "diff", TURKSIB, AIRPORT, "--width", "120",
        ])
        .1;
    assert!(forced.contains("\x1b[1;33m19\x1b[0m"), "color on request");
}

#[test]
fn bad_input_is_a_clear_error() {
    let p = Project::bundled();
    let (code, _, err) = p.run(&["diff", "2022-01-07-tokayev-six-wave", TURKSIB]);
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean 2022-01-07-tokayev-six-waves"),
        "{err}"
    );
    let (code, _, err) = p.run(&["diff", "missing.txt", TURKSIB]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no source file or id \"missing.txt\""),
        "{err}"
    );
    let (code, _, err) = p.run(&["diff", "sources", TURKSIB]);
    assert_eq!(code, 2);
    assert!(err.contains("sources: is a folder"), "{err}");
    p.write("bin.txt", b"\0\x01\x02".as_slice());
    let (code, _, err) = p.run(&["diff", "bin.txt", TURKSIB]);
    assert_eq!(code, 2);
    assert!(err.contains("bin.txt: is a binary file"), "{err}");
    p.write("latin1.txt", b"caf\xe9".as_slice());
    let (code, _, err) = p.run(&["diff", TURKSIB, "latin1.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("latin1.txt:1:4: is not valid UTF-8"), "{err}");
}

#[test]
fn a_moved_paragraph_is_a_move_not_a_wall_of_deletions() {
    let p = Project::empty();
    let first = "Protesters gathered in the square on Monday. Police closed the roads.";
    let second = "The government resigned in the evening. Prices were cut by decree.";
    let third = "Officials said 13 people were killed. The internet was restored.";
    p.write("a.txt", format!("{first}\n\n{second}\n\n{third}\n"));
    p.write("b.txt", format!("{third}\n\n{first}\n\n{second}\n"));
    let out = diff(&p, &["a.txt", "b.txt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "same").count(),
        4,
        "{kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == "moved").count(),
        4,
        "{kinds:?}"
    );
    assert!(
        !kinds.contains(&"only_a") && !kinds.contains(&"only_b"),
        "{kinds:?}"
    );
}

/// `diff`'s claims table and `report` use one verdict logic: on every pair of the
/// bundled sources, a key's verdict is the kind of the report's finding for it
/// (the report run on just those two sources), and "agree" only when it has none.
#[test]
fn diff_verdicts_match_the_report_on_every_pair_of_bundled_sources() {
    let p = Project::bundled();
    let mut ids: Vec<String> = std::fs::read_dir(p.path("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    let mut findings_seen = 0;
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let pair = format!("pair-{i}-{b}");
            for id in [a, b] {
                let text = p.read(&format!("sources/{id}.txt"));
                p.write(&format!("{pair}/{id}.txt"), text);
            }
            let report = p.json(&[pair.as_str()]);
            let kind_of = |row: &serde_json::Value| {
                report["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|f| {
                        ["metric", "subject", "location", "unit"]
                            .iter()
                            .all(|k| f[*k] == row[*k])
                    })
                    .map(|f| f["kind"].as_str().unwrap().to_string())
            };
            let (pa, pb) = (format!("{pair}/{a}.txt"), format!("{pair}/{b}.txt"));
            let (code, out, err) = p.run(&["diff", &pa, &pb, "--format", "json"]);
            assert_eq!(code, 0, "{err}");
            let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
            for row in doc["claims"].as_array().unwrap() {
                let verdict = row["verdict"].as_str().unwrap();
                match kind_of(row) {
                    Some(kind) => {
                        findings_seen += 1;
                        assert_eq!(verdict, kind, "{a} vs {b}: {row:#}");
                    }
                    None => assert!(
                        [
                            "agree",
                            "only_a",
                            "only_b",
                            "different_days",
                            "part_and_whole",
                            "implied_count",
                            "updated_during_the_day",
                            "different_events"
                        ]
                        .contains(&verdict),
                        "{a} vs {b}: the report has no finding, yet the diff says {verdict}: {row:#}"
                    ),
                }
            }
        }
    }
    assert!(
        findings_seen >= 3,
        "the pairs exercise findings: {findings_seen}"
    );
}

#[test]
fn crowds_on_different_days_are_not_said_to_agree() {
    let p = Project::bundled();
    let out = diff(
        &p,
        &[
            "2022-01-06-izvestia-situation-tense",
            SIX_WAVES,
            "--claims-only",
        ],
    );
    let row = out
        .lines()
        .find(|l| l.contains("participants protesters in Almaty"))
        .expect(&out);
    assert!(
        row.contains("about 200") && row.contains("at least 20,000"),
        "{row}"
    );
    assert!(row.trim_end().ends_with("different days"), "{row}");
}
