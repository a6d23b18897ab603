//! Claim files under concurrent review and kills: a person's save during a run
//! is never lost, and a kill -9 at any moment leaves every claim file whole, in
//! its old version or its new one.

mod common;

use common::Project;
use std::path::Path;
use std::time::Instant;

/// An article of our own with a few figures, varied by `k`.
fn article(k: usize) -> String {
    format!(
        "Officials said {} people were killed in the town of Town{k}ville on Sunday.\n\n\
         Police detained about {} protesters there, according to the interior ministry.\n",
        k % 50 + 3,
        k % 400 + 100
    )
}

fn project_with(n: usize) -> Project {
    let p = Project::empty();
    for k in 0..n {
        p.write(&format!("sources/s{k:04}.txt"), article(k));
    }
    p
}

/// Sets the first claim of a claim file to `confirmed`, the way an editor saves:
/// a new file renamed over the old one.
fn confirm_first(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let confirmed = in_first_claim(
        &text,
        "status = \"extracted\"",
        "status = \"confirmed\" # seen by a person",
    );
    let tmp = path.with_extension("edit");
    std::fs::write(&tmp, confirmed).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// `text` with the first `from` after the first `[[claim]]` replaced: the claim's
/// own status, not the `[event]` table's.
fn in_first_claim(text: &str, from: &str, to: &str) -> String {
    let at = text.find("[[claim]]").expect("a claim");
    format!("{}{}", &text[..at], text[at..].replacen(from, to, 1))
}

#[test]
fn a_review_saved_while_extract_runs_is_never_lost() {
    let p = project_with(150);
    assert_eq!(p.run(&["extract", "--quiet"]).0, 0);
    let target = p.path("claims/s0075.toml");
    let started = Instant::now();
    p.write("sources/s0075.txt", article(75) + "A line added later.\n");
    assert_eq!(p.run(&["extract", "--quiet"]).0, 0);
    let took = started.elapsed();
    for trial in 0..20u32 {
        // Each trial changes the source, so extract rewrites its claim file, and
        // saves the review at a different moment of the run.
        p.write(
            "sources/s0075.txt",
            article(75) + &format!("Trial {trial}.\n"),
        );
        let mut child = spawn(&p, &["extract", "--quiet"]);
        std::thread::sleep(took * trial / 20);
        confirm_first(&target);
        assert!(child.wait().unwrap().success(), "trial {trial}");
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(
            text.contains("status = \"confirmed\" # seen by a person"),
            "trial {trial}: the review was lost:\n{text}"
        );
        assert!(text.contains(&format!("Trial {trial}")) || text.contains("source_hash"));
        // Back to extracted for the next trial.
        let undone = text.replace(
            "status = \"confirmed\" # seen by a person",
            "status = \"extracted\"",
        );
        std::fs::write(&target, undone).unwrap();
    }
}

/// `claimdiff ARGS` started in the project folder, not waited for.
fn spawn(p: &Project, args: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdiff"))
        .args(args)
        .current_dir(p.dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn a_kill_at_any_moment_leaves_each_claim_file_old_or_new() {
    let p = project_with(300);
    assert_eq!(p.run(&["extract", "--quiet"]).0, 0);
    let old = common::snapshot_dir(&p.path("claims"));
    for k in 0..300 {
        p.write(&format!("sources/s{k:04}.txt"), article(k) + "Updated.\n");
    }
    // The new version, made in a copy.
    let copy = project_with(0);
    for k in 0..300 {
        copy.write(&format!("sources/s{k:04}.txt"), article(k) + "Updated.\n");
    }
    assert_eq!(copy.run(&["extract", "--quiet"]).0, 0);
    let new = common::snapshot_dir(&copy.path("claims"));
    let run_time = {
        let c = project_with(300);
        let t = Instant::now();
        c.run(&["extract", "--quiet"]);
        t.elapsed()
    };
    for trial in 1..=12u32 {
        let mut child = spawn(&p, &["extract", "--quiet"]);
        std::thread::sleep(run_time * trial / 12);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        for (name, bytes) in common::snapshot_dir(&p.path("claims")) {
            if name.starts_with(".claimdiff-") {
                continue; // a temporary file of the killed run, cleaned up by the next
            }
            let was = old.iter().any(|(n, b)| n == &name && b == &bytes);
            let now = new.iter().any(|(n, b)| n == &name && b == &bytes);
            assert!(was || now, "trial {trial}: {name} is neither version");
        }
    }
    assert_eq!(p.run(&["extract", "--quiet"]).0, 0);
    let after = common::snapshot_dir(&p.path("claims"));
    assert_eq!(
        after, new,
        "a full run writes the new version, temporary files gone"
    );
}

#[test]
fn a_kill_during_a_first_extract_leaves_no_torn_claim_file() {
    // With no claim files yet, the "old version" of each is none at all; the run
    // writes them in parallel and syncs the folder once, so a kill must leave
    // each file absent or whole.
    let n = 300;
    let copy = project_with(n);
    let t = Instant::now();
    assert_eq!(copy.run(&["extract", "--quiet"]).0, 0);
    let run_time = t.elapsed();
    let new = common::snapshot_dir(&copy.path("claims"));
    // One claim file a source, and the record of the events they were grouped into.
    assert_eq!(new.len(), n + 1);
    assert!(new.iter().any(|(name, _)| name == ".events.json"));
    for trial in 1..=12u32 {
        let p = project_with(n);
        let mut child = spawn(&p, &["extract", "--quiet"]);
        std::thread::sleep(run_time * trial / 12);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let dir = p.path("claims");
        if !dir.exists() {
            continue; // killed before it made the folder
        }
        for (name, bytes) in common::snapshot_dir(&dir) {
            if name.starts_with(".claimdiff-") {
                continue; // a temporary file of the killed run, cleaned up by the next
            }
            assert!(
                new.iter().any(|(n, b)| n == &name && b == &bytes),
                "trial {trial}: {name} is not the version a full run writes"
            );
        }
        assert_eq!(p.run(&["extract", "--quiet"]).0, 0);
        assert_eq!(common::snapshot_dir(&dir), new, "trial {trial}");
    }
}
