//! The HTML report in a real browser: headless Chromium loads the page, and the
//! DOM it ends with must hold the findings, the chart marks and the quotes, and
//! show no sign that the XSS probe ran. A screenshot is kept under target/.
//! The layout is measured at a phone's width (412 px) and a desktop's (1400 px):
//! no horizontal overflow, no table cut off, chart labels at least 10 px, and the
//! diff's header over its columns.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it). Without it each test says
//! "skipped: chromium not found" in the `cargo test` output (written past the
//! test harness's capture, so it shows even when the test passes), and fails in
//! CI (CI=true).

mod common;
use common::{PROBE, Project};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Chromium, or None after saying so where `cargo test` shows it.
fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (see .ci/run)"
        );
        // Not eprintln!: the harness would swallow it for a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped: chromium not found (apt-get install chromium)"
        );
    }
    found
}

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
    let Some(bin) = chromium_or_skip("the_report_renders_in_a_browser") else {
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

/// A page that frames `target` at `width` px and writes what it measured into
/// its own DOM, for `--dump-dom` to print: the framed page's overflow, tables
/// that need scrolling, the smallest chart label as rendered, and whether the
/// first row of `table.diff` has its visible cells under visible header cells.
fn measure(bin: &Path, dir: &Path, target: &str, width: u32) -> serde_json::Value {
    let harness = dir.join(format!("measure-{width}.html"));
    std::fs::write(
        &harness,
        format!(
            r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{target}" style="width:{width}px;height:1200px;border:0"></iframe>
<pre id="out">not measured</pre>
<script>
document.getElementById('f').addEventListener('load', function () {{
  var w = this.contentWindow, d = this.contentDocument, root = d.documentElement;
  var r = {{ page: root.scrollWidth - root.clientWidth, cut: [], smallest: null, label: '', misaligned: [] }};
  d.querySelectorAll('body *').forEach(function (e) {{
    var ox = w.getComputedStyle(e).overflowX;
    if ((ox === 'auto' || ox === 'hidden' || ox === 'scroll') && e.scrollWidth > e.clientWidth + 1) {{
      r.cut.push((e.parentElement.id || e.parentElement.className || e.tagName) + ' ' + e.scrollWidth + '>' + e.clientWidth);
    }}
  }});
  d.querySelectorAll('svg text').forEach(function (t) {{
    var px = parseFloat(w.getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    if (r.smallest === null || px < r.smallest) {{ r.smallest = px; r.label = t.textContent; }}
  }});
  var table = d.querySelector('table.diff');
  if (table) {{
    var visible = function (row) {{
      return Array.prototype.filter.call(row.cells, function (c) {{ return w.getComputedStyle(c).display !== 'none'; }});
    }};
    var head = visible(table.rows[0]), body = visible(table.rows[1]);
    if (head.length !== body.length) r.misaligned.push(head.length + ' header cells over ' + body.length);
    head.forEach(function (h, i) {{
      if (body[i] && Math.abs(h.getBoundingClientRect().left - body[i].getBoundingClientRect().left) > 1) r.misaligned.push('column ' + i);
    }});
  }}
  document.getElementById('out').textContent = JSON.stringify(r);
}});
</script></body></html>"#
        ),
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = run_chromium(
        bin,
        profile.path(),
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--window-size=1600,1400",
            "--dump-dom",
        ],
        &harness,
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let marker = "<pre id=\"out\">";
    let start = dom.find(marker).expect("the harness page") + marker.len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end].replace("&gt;", ">").replace("&amp;", "&");
    serde_json::from_str(&text).unwrap_or_else(|_| {
        panic!(
            "the harness measured nothing: {text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn the_pages_fit_a_phone_and_a_desktop() {
    let Some(bin) = chromium_or_skip("the_pages_fit_a_phone_and_a_desktop") else {
        return;
    };
    let p = Project::bundled();
    let (code, _, err) = p.run(&["report", "--format", "html", "-o", "report.html"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = p.run(&[
        "diff",
        "2022-01-07-tokayev-six-waves",
        "2022-01-10-sputnik-live-csto-summit",
        "--format",
        "html",
        "-o",
        "diff.html",
    ]);
    assert_eq!(code, 0, "{err}");
    for width in [412, 1400] {
        let report = measure(&bin, p.dir.path(), "report.html", width);
        assert_eq!(
            report["page"], 0,
            "report at {width} px overflows: {report}"
        );
        assert_eq!(
            report["cut"],
            serde_json::json!([]),
            "report at {width} px: {report}"
        );
        let smallest = report["smallest"].as_f64().expect("the report has charts");
        assert!(
            smallest >= 10.0,
            "report at {width} px: chart label {:?} is {smallest:.1} px",
            report["label"]
        );
        let diff = measure(&bin, p.dir.path(), "diff.html", width);
        assert_eq!(diff["page"], 0, "diff at {width} px overflows: {diff}");
        assert_eq!(
            diff["cut"],
            serde_json::json!([]),
            "diff at {width} px: {diff}"
        );
        assert_eq!(
            diff["misaligned"],
            serde_json::json!([]),
            "diff at {width} px: {diff}"
        );
    }
}
