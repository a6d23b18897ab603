//! Files people edit never make the program panic: claim files, the configuration
//! and front matter, mutated at random from valid ones. The budget is fixed
//! (`CLAIMDIFF_FUZZ_CASES`, 128 cases a target by default; CI runs more).

use claimdiff::config::Project;
use claimdiff::corpus::Source;
use claimdiff::lexicon::Lexicon;
use claimdiff::store::Store;
use proptest::prelude::*;
use std::path::Path;

fn cases() -> u32 {
    std::env::var("CLAIMDIFF_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(128)
}

const SOURCE: &str =
    "Police said 13 people were killed in Almaty on Sunday.\n\nAbout 200 were detained.\n";

const CLAIMS: &str = "# a reviewer's note\nsource = \"a\"\nsource_hash = \"sha256:00\"\n\n[[claim]]\nid = \"killed-1\"\nstatus = \"confirmed\"\nmetric = \"killed\"\nsubject = \"people\"\nlocation = \"Almaty\"\nvalue = 13\nqualifier = \"exact\"\nquote = \"13 people were killed\"\nspan = [12, 33]\nline = 1\n";

const CONFIG: &str = "sources = \"sources\"\nclaims = \"claims\"\nfail_on = \"bounds\"\nabout_tolerance = 0.1\nignore = [\"killed/*/Almaty\"]\n[aliases.places]\n\"Alma-Ata\" = \"Almaty\"\n";

const FRONT: &str = "+++\ntitle = \"A report\"\noutlet = \"Desk\"\npublished = 2022-01-08\nurl = \"https://example.org/a\"\n+++\n";

/// Pieces that break TOML and its values.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("=".to_string()),
        Just("\n".to_string()),
        Just("#".to_string()),
        Just("[[claim]]\n".to_string()),
        Just("span = [99999999999999999999, 1]\n".to_string()),
        Just("span = [30, 2]\n".to_string()),
        Just("-1".to_string()),
        Just("1e400".to_string()),
        Just("nan".to_string()),
        Just("\u{0}".to_string()),
        Just("é".to_string()),
        Just("\"\"\"".to_string()),
        Just("../../".to_string()),
        Just("2022-13-45".to_string()),
        "[a-z_ ]{0,8}".prop_map(|s| s),
    ]
}

/// `base` with up to six pieces inserted and up to six bytes' worth cut.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec((any::<prop::sample::Index>(), piece(), 0..6usize), 1..6).prop_map(
        move |edits| {
            let mut s = base.to_string();
            for (at, text, cut) in edits {
                let mut i = at.index(s.len() + 1);
                while !s.is_char_boundary(i) {
                    i -= 1;
                }
                let mut j = (i + cut).min(s.len());
                while !s.is_char_boundary(j) {
                    j -= 1;
                }
                s.replace_range(i..j, &text);
            }
            s
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn claim_files_load_merge_and_save_or_fail_cleanly(text in mutated(CLAIMS)) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("claims"));
        std::fs::create_dir_all(store.dir()).unwrap();
        std::fs::write(store.path_for("a"), &text).unwrap();
        let source = Source::from_bytes(Path::new("a.txt"), SOURCE.as_bytes().to_vec()).unwrap();
        let lexicon = Lexicon::builtin();
        let loaded = store.load_for(&source, lexicon);
        let fresh = claimdiff::extract::extract(&source, lexicon, &Default::default()).claims;
        match store.commit(&source, fresh, lexicon, None) {
            Ok(saved) => {
                prop_assert!(loaded.is_ok());
                // What was written reads back.
                prop_assert!(store.load_for(&source, lexicon).is_ok());
                prop_assert_eq!(saved.claims, store.load_for(&source, lexicon).unwrap().unwrap().claims.len());
            }
            Err(e) => {
                prop_assert!(loaded.is_err());
                // A file that cannot be read is never overwritten.
                prop_assert_eq!(std::fs::read_to_string(store.path_for("a")).unwrap(), text);
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }

    #[test]
    fn configurations_load_or_fail_cleanly(text in mutated(CONFIG)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claimdiff.toml");
        std::fs::write(&path, &text).unwrap();
        if let Err(e) = Project::from_file(&path) {
            prop_assert!(e.to_string().contains("claimdiff.toml"));
        }
    }

    #[test]
    fn front_matter_loads_or_fails_cleanly(text in mutated(FRONT)) {
        let bytes = format!("{text}{SOURCE}").into_bytes();
        if let Ok(s) = Source::from_bytes(Path::new("a.txt"), bytes) {
            prop_assert!(s.body_start <= s.text.len());
            let lexicon = Lexicon::builtin();
            let _ = claimdiff::extract::extract(&s, lexicon, &Default::default());
        }
    }
}
