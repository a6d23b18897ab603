//! `claimdiff report` over the bundled corpus and arbitrary folders.

mod common;
use common::Project;
use serde_json::Value;

fn finding<'a>(json: &'a Value, metric: &str, subject: Option<&str>, location: &str) -> &'a Value {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["metric"] == metric && f["subject"].as_str() == subject && f["location"] == location
        })
        .unwrap_or_else(|| panic!("no finding for {metric}/{subject:?}/{location}"))
}

fn claim_values(json: &Value, f: &Value) -> Vec<String> {
    let ids: Vec<&str> = f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| ids.contains(&c["id"].as_str().unwrap()))
        .map(|c| format!("{}{}", c["qualifier"].as_str().unwrap(), c["value"]))
        .collect()
}

#[test]
fn the_bundled_corpus_shows_the_three_known_discrepancies() {
    let p = Project::bundled();
    let json = p.json(&[]);
    let killed = finding(&json, "killed", Some("security_forces"), "Kazakhstan");
    assert_eq!(killed["kind"], "timeline");
    let mut values = claim_values(&json, killed);
    values.sort();
    values.dedup();
    assert_eq!(values, ["exact13", "exact18", "exact19"]);

    let detained = finding(&json, "detained", Some("people"), "Kazakhstan");
    assert_eq!(detained["kind"], "bounds");
    let values = claim_values(&json, detained);
    assert!(
        values.contains(&"more_than5000".to_string()) && values.contains(&"exact7939".to_string()),
        "{values:?}"
    );

    let damage = finding(&json, "damage", None, "Kazakhstan");
    assert_eq!(damage["kind"], "bounds");
    let mut values = claim_values(&json, damage);
    values.sort();
    assert_eq!(values, ["about200000000", "more_than200000000"]);
}

#[test]
fn figures_for_different_scopes_never_share_a_finding() {
    let p = Project::bundled();
    let json = p.json(&[]);
    let claims = json["claims"].as_array().unwrap();
    let id_of = |quote_part: &str| {
        claims
            .iter()
            .find(|c| c["quote"].as_str().unwrap().contains(quote_part))
            .unwrap_or_else(|| panic!("no claim quoting {quote_part:?}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let pairs = [
        ("207 people", "7,939 persons"),
        ("353 were injured", "more than a thousand people"),
        ("353 were injured", "more than 350"),
        ("four members", "Over 5,000"),
        ("20 thousand radicals", "about 200 demonstrators"),
    ];
    for (a, b) in pairs {
        let (a_id, b_id) = (id_of(a), id_of(b));
        for f in json["findings"].as_array().unwrap() {
            let ids: Vec<&str> = f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert!(
                !(ids.contains(&a_id.as_str()) && ids.contains(&b_id.as_str())),
                "{a:?} and {b:?} share the finding {f}"
            );
        }
    }
}

#[test]
fn the_text_report_puts_findings_first_then_sources() {
    let p = Project::bundled();
    let (code, out, _) = p.run(&["report"]);
    assert_eq!(code, 0);
    let timeline = out
        .find("warning[timeline] killed · security_forces · Kazakhstan")
        .expect(&out);
    let bounds = out
        .find("info[bounds] detained · people · Kazakhstan")
        .expect(&out);
    let sources = out.find("\nSources\n").expect(&out);
    assert!(timeline < bounds && bounds < sources);
    assert!(out.contains("\"Their number increased to 18\""), "{out}");
    assert!(!out.contains("\x1b["), "no color when piped");
    insta::assert_snapshot!("report_text_bundled", out);
}

#[test]
fn the_json_report_follows_contract_version_1() {
    let p = Project::bundled();
    let json = p.json(&[]);
    assert_eq!(json["version"], 1);
    for s in json["sources"].as_array().unwrap() {
        for k in ["id", "path", "title", "outlet", "published"] {
            assert!(s.get(k).is_some(), "source lacks {k}: {s}");
        }
    }
    let c = &json["claims"][0];
    for k in [
        "id",
        "source",
        "metric",
        "subject",
        "location",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "as_of",
        "attribution",
        "quote",
        "span",
        "line",
        "status",
    ] {
        assert!(c.get(k).is_some(), "claim lacks {k}: {c}");
    }
    assert!(c["span"]["start"].is_u64() && c["span"]["end"].is_u64());
    let f = &json["findings"][0];
    for k in [
        "fingerprint",
        "kind",
        "severity",
        "metric",
        "subject",
        "location",
        "claims",
        "message",
    ] {
        assert!(f.get(k).is_some(), "finding lacks {k}: {f}");
    }
    // Every quote is the source text at its span.
    for c in json["claims"].as_array().unwrap() {
        let src = p.read(&format!("sources/{}.txt", c["source"].as_str().unwrap()));
        let (a, b) = (
            c["span"]["start"].as_u64().unwrap() as usize,
            c["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&src[a..b], c["quote"].as_str().unwrap());
    }
}

#[test]
fn the_markdown_report_reads_as_a_pull_request_comment() {
    let p = Project::bundled();
    let (code, out, _) = p.run(&["report", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("## claimdiff report\n"));
    assert!(
        out.contains("### 🟡 `timeline` killed · security\\_forces · Kazakhstan"),
        "{out}"
    );
    assert!(out.contains("| figure | as of | source | quote | according to |"));
    assert!(out.contains("<details><summary>Sources</summary>"));
}

#[test]
fn any_folder_of_articles_works_without_front_matter_or_store() {
    let p = Project::empty();
    p.write(
        "elsewhere/a.txt",
        "date 2022-03-01 Police said 12 protesters were detained in Almaty on Monday.",
    );
    p.write(
        "elsewhere/b.md",
        "Officials said 30 protesters were detained in Almaty, Kazakhstan.\n\nThis was reported on Tuesday, March 1, 2022.",
    );
    let json = p.json(&["elsewhere"]);
    assert_eq!(json["sources"].as_array().unwrap().len(), 2);
    assert_eq!(json["claims"].as_array().unwrap().len(), 2);
    // b's date is not read, so its 30 cannot be ordered against a's 12: worth a
    // look, not an unexplained contradiction.
    assert_eq!(json["findings"][0]["kind"], "timeline", "{json}");
    assert!(
        json["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("30 undated"),
        "{json}"
    );
    assert!(
        !p.path("claims").exists(),
        "report never writes claim files"
    );
}

#[test]
fn output_can_go_to_a_file() {
    let p = Project::bundled();
    let (code, out, _) = p.run(&["report", "--format", "json", "-o", "r.json"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let json: Value = serde_json::from_str(&p.read("r.json")).unwrap();
    assert_eq!(json["version"], 1);
}
