//! The generated corpus the benchmarks share: articles of about 4 KB made by
//! shuffling the sentences of the bundled corpus and the extraction suite, the
//! same bytes on every run. One generator, so every benchmark measures one text.
#![allow(dead_code)]

use claimdiff::corpus::Source;
use std::path::Path;

/// A small deterministic generator, so every run measures the same text.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next pseudo-random number.
    pub fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

/// The sentences of the bundled sources and of the extraction suite's cases.
pub fn sentences() -> Vec<String> {
    sentences_in(&["sources", "tests/extraction"])
}

/// The sentences of the files in `dirs` (relative to the repository): article
/// lines and suite cases' `text`.
pub fn sentences_in(dirs: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in dirs {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("bundled folder")
            .map(|e| e.expect("entry").path())
            .collect();
        // Directory order differs between machines; the text must not.
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            for line in text.lines() {
                let line = line.trim().trim_start_matches("text = ").trim_matches('"');
                for s in line.split(". ") {
                    if s.len() > 20 && !s.starts_with('[') && !s.starts_with('#') {
                        out.push(format!("{}.", s.trim_end_matches('.')));
                    }
                }
            }
        }
    }
    out
}

/// Text of at least `size` bytes: sentences drawn from `pool`, a paragraph
/// break after one in five.
pub fn text(pool: &[String], size: usize, rng: &mut Lcg) -> String {
    let mut text = String::with_capacity(size + 200);
    while text.len() < size {
        text.push_str(&pool[rng.next() % pool.len()]);
        text.push(if rng.next().is_multiple_of(5) {
            '\n'
        } else {
            ' '
        });
    }
    text
}

/// Articles of about 4 KB with a publication date, `total` bytes in all.
pub fn articles(pool: &[String], total: usize, seed: u64) -> Vec<Source> {
    let mut rng = Lcg(seed);
    let mut docs = Vec::new();
    let mut size = 0;
    while size < total {
        let mut doc = String::from("+++\npublished = 2022-01-10\n+++\n");
        doc.push_str(&text(pool, 4096 - doc.len(), &mut rng));
        size += doc.len();
        docs.push(
            Source::from_bytes(
                Path::new(&format!("doc{}.txt", docs.len() + 1)),
                doc.into_bytes(),
            )
            .expect("generated text is valid"),
        );
    }
    docs
}

/// Megabytes, for printing rates.
pub fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}
