//! `claimdiff report --format html`: a self-contained page that escapes everything.

mod common;
use common::{PROBE, Project};

#[test]
fn the_page_is_self_contained_and_escapes_every_source_string() {
    let p = Project::bundled();
    p.write("sources/zz-probe.md", PROBE);
    let (code, _, err) = p.run(&["report", "--format", "html", "-o", "report.html"]);
    assert_eq!(code, 0, "{err}");
    let html = p.read("report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Nothing is fetched from elsewhere.
    for needle in ["src=\"http", "href=\"http", "@import", "url(http", "<link"] {
        assert!(!html.contains(needle), "external reference {needle:?}");
    }
    // The page's only script is its own, allowed by hash.
    assert_eq!(html.matches("<script>").count(), 1);
    assert!(html.contains("script-src 'sha256-"));
    // Every attack is text.
    assert!(!html.contains("<img"), "an img element reached the page");
    assert!(
        !html.contains("onerror=\""),
        "an event handler attribute reached the page"
    );
    assert!(
        !html.contains("href=\"javascript:"),
        "a javascript: URL became a link"
    );
    assert!(html.contains(
        "&lt;script&gt;document.body.setAttribute(&#39;data-xss&#39;,&#39;text&#39;)&lt;/script&gt;"
    ));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror="));
}

#[test]
fn the_page_shows_findings_charts_keys_and_sources() {
    let p = Project::bundled();
    let (code, html, _) = p.run(&["report", "--format", "html"]);
    assert_eq!(code, 0);
    assert_eq!(html.matches("<article class=\"card").count(), 3);
    assert!(
        html.contains("<mark>13 security officials were killed</mark>, two of them were beheaded")
    );
    assert_eq!(
        html.matches("<svg class=\"timeline\"").count(),
        3,
        "one chart per key whose whole has figures on more than one date"
    );
    // Four detained "of the same extremist cell" and five "in the Turksib district"
    // are parts: listed apart, never drawn as a series of detained protesters.
    assert!(!html.contains("<figcaption>detained protesters in Almaty</figcaption>"));
    assert!(html.contains("<em>parts (one group or spot):</em>"));
    assert_eq!(html.matches("<article class=\"reader\"").count(), 5);
    assert!(
        html.contains("<td>killed security_forces in Kazakhstan <small>cumulative</small></td>")
    );
    insta::assert_snapshot!("report_html_bundled", html);
}

#[test]
fn a_figure_read_from_a_headline_is_quoted_from_the_title() {
    // Two sources disagree, one of them only in its headline: the page must render
    // the headline's figure in its own line, not slice the body around it.
    let p = Project::empty();
    p.write(
        "sources/a.md",
        "+++\ntitle = \"Mine blast kills 9\"\npublished = 2026-02-05\n+++\nRescuers worked through the night at the colliery in Poland.\n",
    );
    p.write(
        "sources/b.md",
        "+++\ntitle = \"Rescue goes on\"\npublished = 2026-02-05\n+++\nSeven miners were killed in the blast at the colliery in Poland, officials said.\n",
    );
    let (code, html, err) = p.run(&["report", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert!(html.contains("Mine blast <mark>kills 9</mark>"), "{html}");
}
