//! Claims identity: extraction over the bundled sources, the raw seed corpus and
//! gva-dev (read from `../shared` at test time, never copied here) must give
//! exactly the claims recorded in `tests/claims.digest`: every claim's source,
//! span, metric, figures, subject, place, date and flags, and what became of
//! every other number. The file holds only hashes, one per source, so a change
//! names the sources it touched without any article text in the repository.
//!
//! When extraction changes on purpose, regenerate the file and review the diff:
//!
//! ```text
//! CLAIMDIFF_UPDATE_DIGEST=1 cargo test --test claims_digest
//! ```

use claimdiff::corpus::Source;
use claimdiff::extract::{Extraction, Options, Outcome, extract};
use claimdiff::lexicon::Lexicon;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The folders checked, by the name the digest file gives them.
fn corpora() -> Vec<(&'static str, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        ("sources", root.join("sources")),
        ("seeds", root.join("../shared/corpus")),
        ("gva-dev", root.join("../shared/datasets/gva-dev/sources")),
    ]
}

/// One line per claim and per number, in a fixed order, hashed.
fn digest(ex: &Extraction) -> (String, usize) {
    let mut lines: Vec<String> = Vec::new();
    for c in &ex.claims {
        lines.push(format!(
            "claim {} {}..{} line {} {} {:?} {:?} {:?} {:?} {} {:?} {} {:?} {:?} \
             superseded={} part={} revised={} implicit={} headline={} derived={}",
            c.id,
            c.span.start,
            c.span.end,
            c.line,
            c.metric.0,
            c.value,
            c.low,
            c.high,
            c.qualifier,
            c.unit,
            c.subject.as_ref().map(|s| &s.0),
            c.location,
            c.as_of,
            c.attribution,
            c.superseded,
            c.part,
            c.revised,
            c.implicit,
            c.headline,
            c.derived,
        ));
    }
    for e in &ex.explained {
        let outcome = match &e.outcome {
            Outcome::Claim(id) => format!("claim {id}"),
            Outcome::Skipped(skip) => format!("skipped {skip}"),
        };
        lines.push(format!(
            "number {}..{} line {} {outcome}",
            e.span.start, e.span.end, e.line
        ));
    }
    lines.sort();
    let mut h = Sha256::new();
    for l in &lines {
        h.update(l.as_bytes());
        h.update([b'\n']);
    }
    let hex: String = h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    (hex, ex.claims.len())
}

/// `corpus/file digest claims` for every article of the folders present.
fn current() -> (BTreeMap<String, String>, Vec<String>) {
    let lex = Lexicon::builtin();
    let opts = Options::default();
    let mut out = BTreeMap::new();
    let mut absent = Vec::new();
    for (name, dir) in corpora() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            absent.push(name.to_string());
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.expect("a readable folder entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        files.sort();
        for path in files {
            let source = Source::read(&path).expect("a readable article");
            let (hex, n) = digest(&extract(&source, lex, &opts));
            let file = path.file_name().expect("a file name").to_string_lossy();
            out.insert(format!("{name}/{file}"), format!("{hex} {n}"));
        }
    }
    (out, absent)
}

fn digest_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/claims.digest")
}

#[test]
fn extraction_gives_the_recorded_claims() {
    let (now, absent) = current();
    if std::env::var_os("CLAIMDIFF_UPDATE_DIGEST").is_some() {
        assert!(
            absent.is_empty(),
            "cannot record the digest without {absent:?} (../shared must be beside the repository)"
        );
        let mut text = String::from(
            "# Per article: a hash of its claims and numbers, and its claim count.\n\
             # Regenerate: CLAIMDIFF_UPDATE_DIGEST=1 cargo test --test claims_digest\n",
        );
        for (k, v) in &now {
            writeln!(text, "{k} {v}").expect("writing to a string");
        }
        std::fs::write(digest_file(), text).expect("write tests/claims.digest");
        return;
    }
    for name in &absent {
        eprintln!("skipped {name}: its folder is absent (../shared lives beside the repository)");
    }
    let recorded = std::fs::read_to_string(digest_file()).expect("tests/claims.digest");
    let mut want = BTreeMap::new();
    for line in recorded.lines().filter(|l| !l.starts_with('#')) {
        let (k, v) = line.split_once(' ').expect("`name digest count`");
        let corpus = k.split('/').next().unwrap_or_default();
        if !absent.iter().any(|a| a == corpus) {
            want.insert(k.to_string(), v.to_string());
        }
    }
    let mut changed = Vec::new();
    for k in want.keys().chain(now.keys()) {
        let (a, b) = (want.get(k), now.get(k));
        if a != b && !changed.iter().any(|(c, _, _)| c == k) {
            changed.push((k.clone(), a.cloned(), b.cloned()));
        }
    }
    assert!(
        now.len() > 1000 || !absent.is_empty(),
        "read only {} articles",
        now.len()
    );
    assert!(
        changed.is_empty(),
        "{} articles' claims differ from tests/claims.digest (recorded → now; \
         the number is the claim count):\n{}\n\
         If extraction changed on purpose: \
         CLAIMDIFF_UPDATE_DIGEST=1 cargo test --test claims_digest",
        changed.len(),
        changed
            .iter()
            .take(40)
            .map(|(k, a, b)| format!("  {k}: {a:?} → {b:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
