//! Throughput of extraction (and of the diff) on generated text.
//!
//! `cargo bench --bench extract` builds ~50 MB of articles by shuffling the
//! sentences of the bundled corpus and the extraction suite, then reports MB/s
//! for extraction on one core and on all cores, how the rate holds as the input
//! grows (it must stay flat: extraction is linear), and the time to diff two
//! large articles, and the time to group 10,000 and 100,000 generated reports of
//! incidents into events. Set CLAIMDIFF_BENCH_MB to change the size, and
//! CLAIMDIFF_BENCH_DUMP=<folder> to write the articles there instead of timing;
//! CLAIMDIFF_BENCH_ONLY=extract stops after extraction on one core,
//! CLAIMDIFF_BENCH_ONLY=documents times only extraction from single large documents
//! (adding one of 100 MB, with each document's peak memory), and
//! CLAIMDIFF_BENCH_ONLY=tokens times only the tokenizer and sentence splitter.
//! CLAIMDIFF_BENCH_ONLY=events times only the grouping of 10,000 and 100,000
//! generated reports into events.

mod common;

use claimdiff::corpus::Source;
use claimdiff::diff::{Diff, Side};
use claimdiff::extract::{Options, extract};
use claimdiff::lexicon::Lexicon;
use common::{Lcg, articles, mb, sentences};
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

/// CPU time of this thread (Linux: the first field of /proc/thread-self/schedstat,
/// in ns); on a shared machine it is steadier than the clock, which also counts
/// the time other processes hold the core.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// A field of /proc/self/status, in MB (Linux only).
fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Sets the process's peak resident memory back to what it holds now (Linux:
/// `5` to /proc/self/clear_refs), so the next VmHWM is one step's peak.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn main() {
    let total_mb: usize = std::env::var("CLAIMDIFF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let lex = Lexicon::builtin();
    let opts = Options::default();
    let pool = sentences();
    println!("sentence pool: {} sentences", pool.len());

    let docs = articles(&pool, total_mb * 1_000_000, 1);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // The same articles as files, to time the CLI (or another build) on exactly
    // this text: CLAIMDIFF_BENCH_DUMP=<folder>.
    if let Some(dir) = std::env::var_os("CLAIMDIFF_BENCH_DUMP") {
        let dir = Path::new(&dir);
        std::fs::create_dir_all(dir).expect("create the dump folder");
        for d in &docs {
            std::fs::write(dir.join(format!("{}.txt", d.id)), &d.text).expect("write an article");
        }
        println!(
            "wrote {} articles ({:.1} MB) to {}",
            docs.len(),
            mb(bytes),
            dir.display()
        );
        return;
    }
    // Warm up the lexicon and caches.
    let _ = extract(&docs[0], lex, &opts);

    // CLAIMDIFF_BENCH_ONLY=tokens: the tokenizer and sentence splitter alone (what
    // `extract::sentences` does), on these articles and on as many bytes of the
    // Russian suite's sentences; the least CPU time of five passes.
    let only = std::env::var("CLAIMDIFF_BENCH_ONLY").unwrap_or_default();
    if only == "events" {
        events_bench(lex, &opts);
        return;
    }
    if only == "tokens" {
        let russian = articles(
            &common::sentences_in(&["tests/russian"]),
            total_mb * 1_000_000,
            1,
        );
        for (language, docs) in [("English", &docs), ("Russian", &russian)] {
            let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
            let mut best = f64::INFINITY;
            let mut n = 0;
            for _ in 0..5 {
                let start = thread_cpu_secs();
                let t = Instant::now();
                n = docs
                    .iter()
                    .map(|d| claimdiff::extract::sentences(d).len())
                    .sum();
                let secs = match (start, thread_cpu_secs()) {
                    (Some(start), Some(end)) => end - start,
                    _ => t.elapsed().as_secs_f64(),
                };
                best = best.min(secs);
            }
            println!(
                "tokens and sentences, 1 core, {language}: {:.1} MB in {best:.2} s of CPU = {:.1} MB/s ({n} sentences)",
                mb(bytes),
                mb(bytes) / best
            );
        }
        return;
    }

    let t = Instant::now();
    let cpu = thread_cpu_secs();
    let claims: usize = docs
        .iter()
        .map(|d| extract(d, lex, &opts).claims.len())
        .sum();
    let one = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs().map(|end| end - cpu.unwrap_or(end));
    println!(
        "extract, 1 core:  {:.1} MB in {one:.2} s = {:.1} MB/s ({claims} claims, {} articles){}",
        mb(bytes),
        mb(bytes) / one,
        docs.len(),
        cpu.map(|c| format!("; CPU time {c:.2} s = {:.1} MB/s", mb(bytes) / c))
            .unwrap_or_default()
    );

    // CLAIMDIFF_BENCH_ONLY=extract: stop here (to profile extraction alone).
    if only == "extract" {
        return;
    }

    // CLAIMDIFF_BENCH_ONLY=documents: only the single large documents below.
    if only != "documents" {
        let t = Instant::now();
        let all_claims: Vec<_> = docs
            .par_iter()
            .flat_map_iter(|d| extract(d, lex, &opts).claims)
            .collect();
        let all = t.elapsed().as_secs_f64();
        assert_eq!(claims, all_claims.len());
        println!(
            "extract, {} cores: {:.1} MB in {all:.2} s = {:.1} MB/s",
            rayon::current_num_threads(),
            mb(bytes),
            mb(bytes) / all
        );

        // Comparison: O(n log n) in claims, so doubling the claims about doubles the time.
        for share in [4, 2, 1] {
            let some = &all_claims[..all_claims.len() / share];
            let t = Instant::now();
            let findings = claimdiff::compare::compare(some, lex).len();
            println!(
                "compare {:>7} claims: {:.2} s ({findings} findings)",
                some.len(),
                t.elapsed().as_secs_f64()
            );
        }
    }

    // Linearity: the rate per MB must not fall as one document grows; and its
    // memory must not grow with it: the peak above what the process held before
    // (the document's text included) is the extraction's.
    let largest = (only == "documents").then_some(100);
    for size in [total_mb / 8, total_mb / 4, total_mb / 2]
        .into_iter()
        .chain(largest)
        .filter(|&s| s > 0)
    {
        let mut text = String::from("+++\npublished = 2022-01-10\n+++\n");
        let mut rng = Lcg(7);
        while text.len() < size * 1_000_000 {
            text.push_str(&pool[rng.next() % pool.len()]);
            text.push(if rng.next().is_multiple_of(5) {
                '\n'
            } else {
                ' '
            });
        }
        let doc = Source::from_bytes(Path::new("big.txt"), text.into_bytes()).expect("valid");
        let before = reset_peak().then(|| status_mb("VmRSS:")).flatten();
        let t = Instant::now();
        let cpu = thread_cpu_secs();
        let claims = extract(&doc, lex, &opts).claims;
        let n = claims.len();
        let secs = t.elapsed().as_secs_f64();
        let cpu = thread_cpu_secs().map(|end| end - cpu.unwrap_or(end));
        let peak = before.zip(status_mb("VmHWM:"));
        drop(claims);
        println!(
            "one document of {:>5.1} MB: {secs:.2} s = {:.1} MB/s ({n} claims){}{}",
            mb(doc.text.len()),
            mb(doc.text.len()) / secs,
            cpu.map(|c| format!("; CPU time {c:.2} s = {:.1} MB/s", mb(doc.text.len()) / c))
                .unwrap_or_default(),
            peak.map(|(before, peak)| format!(
                "; peak {:.0} MB over the {before:.0} MB held before",
                peak - before
            ))
            .unwrap_or_default()
        );
        // What `report` needs: the claims alone, without the account of every number.
        if Some(size) == largest {
            let before = reset_peak().then(|| status_mb("VmRSS:")).flatten();
            let n = claimdiff::extract::claims(&doc, lex, &opts).len();
            if let Some((before, peak)) = before.zip(status_mb("VmHWM:")) {
                println!(
                    "  its {n} claims alone (extract::claims): peak {:.0} MB over the {before:.0} MB held before",
                    peak - before
                );
            }
        }
    }

    if only == "documents" {
        return;
    }

    events_bench(lex, &opts);

    // The diff of two large articles that differ in one sentence out of fifty.
    for size in [1, 10] {
        let mut rng = Lcg(11);
        let mut a = String::new();
        let mut b = String::new();
        let mut k: usize = 0;
        while a.len() < size * 1_000_000 {
            let s = &pool[rng.next() % pool.len()];
            a.push_str(s);
            a.push(' ');
            if k.is_multiple_of(50) {
                b.push_str("A sentence only the second article has. ");
            } else {
                b.push_str(s);
                b.push(' ');
            }
            k += 1;
        }
        let t = Instant::now();
        let side = |name: &str, text: String| {
            let src = Source::from_bytes(Path::new(name), text.into_bytes()).expect("valid");
            let claims = extract(&src, lex, &opts).claims;
            Side::new(src, claims, lex, &opts)
        };
        let d = Diff::new(side("a.txt", a), side("b.txt", b), lex);
        let text = claimdiff::render::side_by_side::render(&d, 160, false, false);
        println!(
            "diff of two {size:>2} MB articles: {:.2} s ({} rows, {:.1} MB of output)",
            t.elapsed().as_secs_f64(),
            d.rows.len(),
            mb(text.len())
        );
    }
}

/// Reports of made-up incidents: each incident (a kind, a city, a day, a street,
/// two named victims) told by two or three articles in different words.
fn incident_reports(n: usize, seed: u64) -> (Vec<Source>, Vec<usize>) {
    const KINDS: [(&str, &str); 4] = [
        ("shooting", "shot"),
        ("fire", "burned in a fire"),
        ("explosion", "hurt in an explosion"),
        ("crash", "hurt in a crash"),
    ];
    const CITIES: [&str; 12] = [
        "Houston",
        "Chicago",
        "Dallas",
        "Phoenix",
        "Denver",
        "Atlanta",
        "Boston",
        "Seattle",
        "Miami",
        "Detroit",
        "Memphis",
        "Baltimore",
    ];
    const FIRST: [&str; 16] = [
        "Aaron", "Bella", "Carlos", "Dana", "Elijah", "Fatima", "Grant", "Hana", "Isaac", "Jade",
        "Kofi", "Lena", "Marco", "Nadia", "Omar", "Priya",
    ];
    const LAST: [&str; 16] = [
        "Abbott",
        "Barros",
        "Chen",
        "Dorsey",
        "Ellison",
        "Fenwick",
        "Guzman",
        "Holloway",
        "Iverson",
        "Jankowski",
        "Kimura",
        "Lindqvist",
        "Moreau",
        "Nakamura",
        "Okafor",
        "Pruitt",
    ];
    let mut rng = Lcg(seed);
    let mut docs = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    let base = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).expect("valid date");
    let mut incident = 0;
    while docs.len() < n {
        let (kind, verb) = KINDS[rng.next() % KINDS.len()];
        let city = CITIES[rng.next() % CITIES.len()];
        let day = base + chrono::Duration::days((rng.next() % 1500) as i64);
        let street = format!(
            "{} {}",
            LAST[rng.next() % 16],
            ["Street", "Avenue", "Road"][rng.next() % 3]
        );
        let v1 = format!(
            "{} {}{}",
            FIRST[rng.next() % 16],
            LAST[rng.next() % 16],
            incident % 97
        );
        let v2 = format!(
            "{} {}{}",
            FIRST[rng.next() % 16],
            LAST[rng.next() % 16],
            incident % 89
        );
        let killed = 1 + rng.next() % 5;
        for a in 0..2 + rng.next() % 2 {
            let published = day + chrono::Duration::days(a as i64);
            let text = format!(
                "+++\ntitle = \"{killed} dead in {city} {kind}\"\npublished = {published}\n+++\n\
                 {city} police said {killed} people were killed in a {kind} on {street} on {published}.\n\n\
                 The victims were named as {v1} and {v2}; several others were {verb}, officers said.\n\n\
                 Neighbours on {street} said they heard a loud noise before emergency crews arrived.\n"
            );
            let name = format!("report-{:07}.txt", docs.len());
            docs.push(Source::from_bytes(Path::new(&name), text.into_bytes()).expect("valid"));
            truth.push(incident);
        }
        incident += 1;
    }
    (docs, truth)
}

/// Grouping into events: its time at 10k and 100k sources, next to extraction's.
fn events_bench(lex: &Lexicon, opts: &Options) {
    for n in [10_000, 100_000] {
        let (docs, truth) = incident_reports(n, 5);
        let refs: Vec<&Source> = docs.iter().collect();
        let t = Instant::now();
        let _claims: usize = docs
            .par_iter()
            .map(|d| extract(d, lex, opts).claims.len())
            .sum();
        let extracting = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let grouping = claimdiff::events::group(&refs, &|_| None, lex);
        let grouping_secs = t.elapsed().as_secs_f64();
        // Pairs of reports put in one event that are of one incident, and the reverse.
        let index: std::collections::HashMap<&str, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let (mut joined, mut right) = (0usize, 0usize);
        for e in &grouping.events {
            let members: Vec<usize> = e.sources.iter().map(|s| truth[index[s.as_str()]]).collect();
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    joined += 1;
                    right += usize::from(a == b);
                }
            }
        }
        println!(
            "events, {n:>6} sources: grouping {grouping_secs:.2} s (extraction {extracting:.2} s), \
             {} events, {right} of {joined} joined pairs of one incident",
            grouping.events.len()
        );
    }
}
