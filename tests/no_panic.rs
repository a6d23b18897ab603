//! No input makes the program panic: arbitrary text goes through load, extract,
//! compare and every renderer.

use claimdiff::claim::Claim;
use claimdiff::corpus::Source;
use claimdiff::diff::{Diff, Side};
use claimdiff::extract::{Options, extract};
use claimdiff::lexicon::Lexicon;
use claimdiff::pipeline::{self, Settings};
use proptest::prelude::*;
use std::path::Path;

/// Text built from the pieces that trip extractors: digits with separators,
/// number words, hedges, units, dates, names, punctuation, wide characters.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("13".to_string()),
        Just("7,939".to_string()),
        Just("7 939".to_string()),
        Just("4,7".to_string()),
        Just("1.2bn".to_string()),
        Just("$".to_string()),
        Just("($4.2 billion)".to_string()),
        Just("20-30".to_string()),
        Just("between".to_string()),
        Just("and".to_string()),
        Just("from".to_string()),
        Just("to".to_string()),
        Just("over".to_string()),
        Just("about".to_string()),
        Just("dozens of".to_string()),
        Just("twenty-four".to_string()),
        Just("half a".to_string()),
        Just("million".to_string()),
        Just("people".to_string()),
        Just("police officers".to_string()),
        Just("were killed".to_string()),
        Just("detained".to_string()),
        Just("the death toll".to_string()),
        Just("their number".to_string()),
        Just("rose to".to_string()),
        Just("up from".to_string()),
        Just("including".to_string()),
        Just("Of the".to_string()),
        Just("among the".to_string()),
        Just("in Almaty".to_string()),
        Just("Alma-Ata".to_string()),
        Just("the city".to_string()),
        Just("on Sunday".to_string()),
        Just("January 6".to_string()),
        Just("05:14 GMT 10.01.2022\n".to_string()),
        Just("ALMATY, Jan 9 (Wire) -".to_string()),
        Just("according to".to_string()),
        Just("said".to_string()),
        Just("Il-76".to_string()),
        Just("…".to_string()),
        Just("漢字".to_string()),
        Just("e\u{301}".to_string()),
        Just(".".to_string()),
        Just(",".to_string()),
        Just("\n\n".to_string()),
        Just("\"".to_string()),
        Just("(".to_string()),
        Just("-".to_string()),
        "[0-9]{1,8}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

fn source(name: &str, text: &str) -> Option<Source> {
    Source::from_bytes(Path::new(name), text.as_bytes().to_vec()).ok()
}

proptest! {
    // 300 cases a property; PROPTEST_CASES=5000 searches harder.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn extraction_never_panics_and_quotes_stand_at_their_spans(text in newsy()) {
        if let Some(s) = source("a.txt", &text) {
            let ex = extract(&s, Lexicon::builtin(), &Options::default());
            for c in &ex.claims {
                prop_assert_eq!(s.text.get(c.span.start..c.span.end), Some(c.quote.as_str()));
            }
        }
    }

    #[test]
    fn any_bytes_load_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = Source::from_bytes(Path::new("b.txt"), bytes);
    }

    #[test]
    fn every_renderer_copes(a in newsy(), b in newsy()) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), &a).unwrap();
        std::fs::write(dir.path().join("b.md"), format!("+++\npublished = 2022-01-10\n+++\n{b}")).unwrap();
        let files = vec![dir.path().join("a.txt"), dir.path().join("b.md")];
        let lex = Lexicon::builtin();
        let settings = Settings {
            lexicon: lex,
            options: Options::default(),
            store: None,
            ignored: &|_| false,
            on_source: &|| {},
            named: &|_| None,
        };
        let report = pipeline::run(&files, &settings);
        let _ = claimdiff::render::text::render(&report, claimdiff::render::Paint { color: true });
        let _ = claimdiff::render::markdown::render(&report);
        let _ = claimdiff::render::json::render(&report);
        let _ = claimdiff::render::html_report::render(&report);
        if let (Some(sa), Some(sb)) = (source("a.txt", &a), source("b.txt", &b)) {
            let side = |s: Source| {
                let claims: Vec<Claim> = extract(&s, lex, &Options::default()).claims;
                Side::new(s, claims, lex, &Options::default())
            };
            let d = Diff::new(side(sa), side(sb), lex);
            for width in [40, 80, 200] {
                let _ = claimdiff::render::side_by_side::render(&d, width, width == 80, false);
            }
            let _ = claimdiff::render::diff_html::render(&d);
            let _ = claimdiff::render::diff_json::render(&d);
        }
    }
}
