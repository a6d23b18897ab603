//! The HTML report in a real browser: headless Chromium loads the page, and the
//! DOM it ends with must hold the findings, the chart marks and the quotes, and
//! show no sign that the XSS probe ran. A screenshot is kept under target/.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it). Without it the test is
//! skipped on a developer's machine and fails in CI (CI=true).

mod common;
use common::{PROBE, Project};
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
}

fn run_chromium(bin: &Path, profile: &Path, extra: &[&str], page: &Path) -> std::process::Output {
    Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
        ])
        .args([
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

#[test]
fn the_report_renders_in_a_browser_and_the_probe_does_not_run() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (see .ci/run)"
        );
        eprintln!("skipped: no chromium on this machine (apt-get install chromium)");
        return;
    };
    let p = Project::bundled();
    p.write("sources/zz-probe.md", PROBE);
    let (code, _, err) = p.run(&["report", "--format", "html", "-o", "report.html"]);
    assert_eq!(code, 0, "{err}");
    let page = p.path("report.html");
    let profile = tempfile::tempdir().unwrap();

    let out = run_chromium(
        &bin,
        profile.path(),
        &["--virtual-time-budget=3000", "--dump-dom"],
        &page,
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("<main>"),
        "chromium gave no DOM: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The probe's figures join an existing key (detained protesters in Almaty): still four.
    assert_eq!(dom.matches("<article class=\"card").count(), 4);
    assert!(dom.contains("13 security officials were killed"));
    assert!(dom.contains("Their number increased to 18"));
    assert!(dom.contains("Over 5,000 people have been detained"));
    // One mark per distinct figure per source: Izvestia's two mentions of 13 are one.
    for (chart, marks) in [
        ("killed security_forces in Kazakhstan", 4),
        ("damage in Kazakhstan", 2),
        ("participants protesters in Almaty", 2),
    ] {
        let start = dom
            .find(&format!("<figcaption>{chart}</figcaption>"))
            .unwrap_or_else(|| panic!("no chart for {chart}"));
        let end = start + dom[start..].find("</figure>").unwrap();
        assert_eq!(
            dom[start..end].matches("class=\"mark\"").count(),
            marks,
            "marks in the {chart} chart"
        );
    }
    // Run, the probe would set a data-xss attribute; as text it only shows its source.
    assert!(!dom.contains("data-xss=\""), "the probe ran");
    assert!(!dom.contains("<img"), "the probe's img element was parsed");
    assert!(
        dom.contains("&lt;script&gt;document.body.setAttribute"),
        "the probe is shown as text"
    );

    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    let out = run_chromium(
        &bin,
        profile.path(),
        &[
            "--window-size=1280,2400",
            &format!("--screenshot={}", shot.display()),
        ],
        &page,
    );
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
