//! The speed regression gate, and the comparison of a million claims.
//!
//! `cargo bench --bench gate -- --quick` (what .ci/run runs, a few seconds) times,
//! on one core, a report over generated articles (extraction, events, comparison
//! and the JSON written) against a bare scan of the same bytes for lines with a
//! digit (what `grep -c '[0-9]'` does), in the same run. The ratio of the two
//! holds on a noisy or a faster machine where a time would not; it fails (exit 1)
//! when the ratio is more than twice the one in `benches/gate-baseline.toml`.
//! After a change that makes the report faster or slower on purpose, set the
//! baseline again with `cargo bench --bench gate -- --quick --write-baseline`.
//!
//! Without `--quick` it also times the comparison of 1,000,000 claims (the
//! claims of the generated articles, repeated under other source names), on
//! every core, by the clock and in CPU time; CLAIMDIFF_BENCH_ONLY=compare times
//! only that. CLAIMDIFF_BENCH_MB sets the size of the text (default 2 MB quick,
//! 20 MB else). The gate's times are CPU times of the one thread that does the work.

mod common;

use claimdiff::claim::Claim;
use claimdiff::corpus::{Loaded, Source};
use claimdiff::extract::Options;
use claimdiff::lexicon::Lexicon;
use claimdiff::pipeline::{self, Settings};
use common::mb;
use std::path::Path;
use std::time::{Duration, Instant};

/// How much slower than the baseline ratio fails the gate.
const TOLERANCE: f64 = 2.0;

/// Passes of the bare scan per timed run.
const SCAN_PASSES: usize = 10;

fn baseline_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/gate-baseline.toml")
}

/// CPU time of the calling thread: unlike the time on the clock, it does not grow
/// when other programs share the cores, and the report runs seconds where the scan
/// runs milliseconds, so the clock would tax the one far more than the other.
fn cpu_time() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid clock id and a pointer to a live timespec.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
            return Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// CPU time of the whole process, every thread: comparison runs on all cores.
fn process_cpu_time() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid clock id and a pointer to a live timespec.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0 {
            return Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
        }
    }
    Duration::ZERO
}

/// The least CPU time of `f` over at least `runs` runs and at least `budget` of
/// it: noise only ever adds time. Call on the thread that does the work.
fn best<T>(runs: usize, budget: Duration, mut f: impl FnMut() -> T) -> (Duration, T) {
    let started = cpu_time();
    let mut best: Option<(Duration, T)> = None;
    let mut n = 0;
    while n < runs || cpu_time() - started < budget {
        let t = cpu_time();
        let out = std::hint::black_box(f());
        let took = cpu_time() - t;
        if best.as_ref().is_none_or(|(b, _)| took < *b) {
            best = Some((took, out));
        }
        n += 1;
    }
    best.expect("at least one run")
}

/// Lines with a digit in them, the way `grep -c '[0-9]'` reads a file: every byte
/// looked at once.
fn bare_scan(docs: &[Source]) -> usize {
    docs.iter()
        .map(|d| {
            d.text
                .as_bytes()
                .split(|&b| b == b'\n')
                .filter(|line| line.iter().any(u8::is_ascii_digit))
                .count()
        })
        .sum()
}

/// The report the CLI makes, start to end: extraction, events, comparison, JSON.
fn report(docs: &[Source], lex: &Lexicon) -> usize {
    let settings = Settings {
        lexicon: lex,
        options: Options::default(),
        store: None,
        ignored: &|_| false,
        on_source: &|| {},
        named: &|_| None,
    };
    let loaded = Loaded {
        sources: docs.to_vec(),
        ..Loaded::default()
    };
    let report = pipeline::run_loaded(loaded, &settings);
    claimdiff::render::json::render(&report).len()
}

fn read_baseline() -> Option<f64> {
    let text = std::fs::read_to_string(baseline_path()).ok()?;
    let table: toml::Table = text.parse().expect("benches/gate-baseline.toml is TOML");
    table.get("ratio")?.as_float()
}

fn write_baseline(ratio: f64, scan: Duration, report: Duration, bytes: usize) {
    let text = format!(
        "# The speed gate's baseline (benches/gate.rs): a report's time over a bare\n\
         # scan of the same bytes, one core, in the same run. Set it again with\n\
         #   cargo bench --bench gate -- --quick --write-baseline\n\
         # Measured on {:.1} MB: scan {:.1} ms, report {:.0} ms.\n\
         ratio = {ratio:.1}\n",
        mb(bytes),
        scan.as_secs_f64() * 1e3,
        report.as_secs_f64() * 1e3,
    );
    std::fs::write(baseline_path(), text).expect("benches/ is writable");
    println!("baseline written: ratio = {ratio:.1}");
}

/// The claims of `docs`, repeated under other source names until there are `n`.
fn many_claims(docs: &[Source], lex: &Lexicon, n: usize) -> Vec<Claim> {
    let opts = Options::default();
    let base: Vec<Claim> = docs
        .iter()
        .flat_map(|d| claimdiff::extract::extract(d, lex, &opts).claims)
        .collect();
    assert!(!base.is_empty(), "the generated articles state figures");
    let mut out = Vec::with_capacity(n);
    for copy in 0.. {
        for c in &base {
            if out.len() == n {
                return out;
            }
            let mut c = c.clone();
            c.source = format!("{}-{copy}", c.source).into();
            c.id = format!("{}-{copy}", c.id).into();
            out.push(c);
        }
    }
    out
}

/// Times the comparison of 1,000,000 claims, then of a quarter and a half of them
/// (it must grow no faster than n log n): the clock and the CPU time of every core.
fn compare_million(docs: &[Source], lex: &Lexicon) {
    let n = 1_000_000;
    let claims = many_claims(docs, lex, n);
    for share in [1, 4, 2] {
        let some = &claims[..n / share];
        let (t, cpu) = (Instant::now(), process_cpu_time());
        let findings = claimdiff::compare::compare(some, lex).len();
        println!(
            "compare {} claims: {:.2} s ({:.2} s of CPU; {findings} findings)",
            some.len(),
            t.elapsed().as_secs_f64(),
            (process_cpu_time() - cpu).as_secs_f64()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let write = args.iter().any(|a| a == "--write-baseline");
    let size_mb: usize = std::env::var("CLAIMDIFF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 2 } else { 20 });
    let lex = Lexicon::builtin();
    let pool = common::sentences();
    let docs = common::articles(&pool, size_mb * 1_000_000, 1);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // CLAIMDIFF_BENCH_ONLY=compare: only the comparison of a million claims.
    if std::env::var("CLAIMDIFF_BENCH_ONLY").is_ok_and(|v| v == "compare") {
        compare_million(&docs, lex);
        return;
    }

    // One core for both, so the ratio does not depend on how many there are.
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    // Ten passes a run, so the scan's time is well above the clock's grain.
    let (scan, lines) = one.install(|| {
        best(5, Duration::from_millis(300), || {
            (0..SCAN_PASSES).map(|_| bare_scan(&docs)).sum::<usize>() / SCAN_PASSES
        })
    });
    let scan = scan / SCAN_PASSES as u32;
    let (full, out) = one.install(|| {
        best(if quick { 2 } else { 3 }, Duration::from_secs(1), || {
            report(&docs, lex)
        })
    });
    let ratio = full.as_secs_f64() / scan.as_secs_f64().max(1e-6);
    println!(
        "bare scan, 1 core: {:.1} MB in {:.1} ms of CPU = {:.0} MB/s ({lines} lines with a digit)",
        mb(bytes),
        scan.as_secs_f64() * 1e3,
        mb(bytes) / scan.as_secs_f64()
    );
    println!(
        "report, 1 core: {:.1} MB in {:.0} ms of CPU = {:.1} MB/s ({:.1} MB of JSON)",
        mb(bytes),
        full.as_secs_f64() * 1e3,
        mb(bytes) / full.as_secs_f64(),
        mb(out)
    );
    println!("ratio: {ratio:.1} (report time / scan time)");

    if !quick {
        compare_million(&docs, lex);
    }

    if write {
        write_baseline(ratio, scan, full, bytes);
        return;
    }
    match read_baseline() {
        Some(base) if ratio > TOLERANCE * base => {
            eprintln!(
                "FAIL: the report is {:.1}x slower relative to a bare scan than the baseline \
                 (ratio {ratio:.1} against {base:.1}; the gate allows {TOLERANCE}x). If the \
                 change is meant to be, run `cargo bench --bench gate -- --quick --write-baseline`.",
                ratio / base
            );
            std::process::exit(1);
        }
        Some(base) => println!("gate: ratio {ratio:.1} within {TOLERANCE}x of baseline {base:.1}"),
        None => {
            eprintln!(
                "FAIL: no baseline at {}; run `cargo bench --bench gate -- --quick --write-baseline`",
                baseline_path().display()
            );
            std::process::exit(1);
        }
    }
}
