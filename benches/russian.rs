//! Throughput of Russian extraction against English.
//!
//! `cargo bench --bench russian` builds articles of about 4 KB from two pools of
//! sentences — the English suite's (`tests/extraction`) and the Russian suite's
//! (`tests/russian`), both a figure or two a sentence — and reports, on one core,
//! the best of three runs for each: MB/s, words/s and numbers read per second
//! (Cyrillic takes two bytes a letter in UTF-8, and the pools differ in how many
//! figures a word carries, so no one rate is the whole story); then the same for
//! the bundled five against their Russian mirror, each repeated (the mirror is
//! shorter, with nearly every figure of the originals). Set CLAIMDIFF_BENCH_MB to
//! change the size (default 8 MB a pool).

use claimdiff::corpus::Source;
use claimdiff::extract::{Options, extract};
use claimdiff::lexicon::Lexicon;
use std::path::Path;
use std::time::Instant;

/// A small deterministic generator, so every run measures the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

/// Sentences of the files in `dirs`: article lines and suite cases' `text`.
fn sentences(dirs: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(root.join(dir)).expect("bundled folder") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
            for line in text.lines() {
                let line = line.trim().trim_start_matches("text = ").trim_matches('"');
                for s in line.split(". ") {
                    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
                    if letters > 15 && !s.starts_with(['[', '#', '+']) && !s.contains(" = ") {
                        out.push(format!("{}.", s.trim_end_matches('.')));
                    }
                }
            }
        }
    }
    out
}

/// Articles of about 4 KB, `total` bytes in all.
fn articles(pool: &[String], total: usize, seed: u64) -> Vec<Source> {
    let mut rng = Lcg(seed);
    let (mut docs, mut size) = (Vec::new(), 0);
    while size < total {
        let mut text = String::from("+++\npublished = 2022-01-10\n+++\n");
        while text.len() < 4096 {
            text.push_str(&pool[rng.next() % pool.len()]);
            text.push(if rng.next().is_multiple_of(5) {
                '\n'
            } else {
                ' '
            });
        }
        size += text.len();
        let name = format!("doc{}.txt", docs.len());
        docs.push(Source::from_bytes(Path::new(&name), text.into_bytes()).expect("valid text"));
    }
    docs
}

/// The files of a folder, each read `times` times.
fn folder(dir: &str, times: usize) -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(root)
        .expect("bundled folder")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let one: Vec<Source> = paths
        .iter()
        .map(|p| Source::read(p).expect("readable"))
        .collect();
    (0..times).flat_map(|_| one.clone()).collect()
}

struct Rate {
    mb_s: f64,
    words_s: f64,
    numbers_s: f64,
    claims: usize,
}

/// Best of three single-threaded passes over `docs`.
fn measure(docs: &[Source]) -> Rate {
    let lex = Lexicon::builtin();
    let opts = Options::default();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let words: usize = docs
        .iter()
        .map(|d| d.body().split_whitespace().count())
        .sum();
    let (mut best, mut claims, mut numbers) = (f64::MAX, 0, 0);
    for _ in 0..3 {
        let t = Instant::now();
        (claims, numbers) = docs
            .iter()
            .map(|d| {
                let x = extract(d, lex, &opts);
                (x.claims.len(), x.explained.len())
            })
            .fold((0, 0), |(a, b), (c, n)| (a + c, b + n));
        best = best.min(t.elapsed().as_secs_f64());
    }
    Rate {
        mb_s: bytes as f64 / 1e6 / best,
        words_s: words as f64 / best,
        numbers_s: numbers as f64 / best,
        claims,
    }
}

fn report(label: &str, en: &Rate, ru: &Rate) {
    for (name, r) in [("English", en), ("Russian", ru)] {
        println!(
            "{label}: {name} {:.1} MB/s, {:.0} words/s, {:.0} numbers/s, {} claims",
            r.mb_s, r.words_s, r.numbers_s, r.claims
        );
    }
    println!(
        "{label}: Russian/English {:.2} by bytes, {:.2} by words, {:.2} by numbers",
        ru.mb_s / en.mb_s,
        ru.words_s / en.words_s,
        ru.numbers_s / en.numbers_s
    );
}

fn main() {
    let mb: usize = std::env::var("CLAIMDIFF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let en_pool = sentences(&["tests/extraction"]);
    let ru_pool = sentences(&["tests/russian"]);
    // Warm the lexicon and the language data so the first pass does not pay for them.
    measure(&articles(&ru_pool, 10_000, 1));
    let en = measure(&articles(&en_pool, mb * 1_000_000, 7));
    let ru = measure(&articles(&ru_pool, mb * 1_000_000, 7));
    report(&format!("suite sentences, {mb} MB a language"), &en, &ru);
    let en = measure(&folder("sources", 200));
    let ru = measure(&folder("tests/fixtures/ru", 200));
    report(
        "bundled five ×200 against the Russian mirror ×200",
        &en,
        &ru,
    );
}
