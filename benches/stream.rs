//! Throughput of the streaming interfaces (`claimdiff stream`), per core.
//!
//! `cargo bench --bench stream` builds ~50 MB of JSON Lines documents from the
//! sentences of the bundled corpus and the extraction suite, runs documents →
//! claims over them on one thread (one executor core runs one such process), then
//! routes the claims into (key) groups with their wholes as context, as the Spark
//! job does, and runs groups → findings. Set CLAIMDIFF_BENCH_MB to change the size.

mod common;

use claimdiff::extract::Options;
use claimdiff::lexicon::Lexicon;
use claimdiff::stream::{DEFAULT_MAX_BYTES, documents, groups};
use common::{Lcg, mb, sentences};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::Instant;

/// JSON Lines documents of about 4 KB, `total` bytes in all.
fn jsonl(pool: &[String], total: usize) -> (Vec<u8>, usize, usize) {
    let mut rng = Lcg(1);
    let (mut out, mut text_bytes, mut n) = (Vec::new(), 0, 0);
    while out.len() < total {
        let text = common::text(pool, 4096, &mut rng);
        n += 1;
        text_bytes += text.len();
        let doc = json!({"id": format!("doc{n}"), "published": "2022-01-10", "text": text});
        serde_json::to_writer(&mut out, &doc).expect("in memory");
        out.push(b'\n');
    }
    (out, text_bytes, n)
}

fn main() {
    let total_mb: usize = std::env::var("CLAIMDIFF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let lex = Lexicon::builtin();
    let (input, text_bytes, docs) = jsonl(&sentences(), total_mb * 1_000_000);
    let settings = documents::Settings {
        lexicon: lex,
        options: Options::default(),
        ignored: &|_| false,
        year_hints: vec![],
        max_bytes: DEFAULT_MAX_BYTES,
    };
    let mut out = Vec::new();
    let t = Instant::now();
    let counts = documents::run(&input[..], &mut out, &settings).expect("in memory");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "stream extract, 1 core: {:.1} MB of JSON Lines ({:.1} MB of text, {docs} documents) in {secs:.2} s = {:.1} MB/s, {:.0} documents/s ({} errors)",
        mb(input.len()),
        mb(text_bytes),
        mb(input.len()) / secs,
        docs as f64 / secs,
        counts.errors
    );

    // Route the claims as the Spark job does: a group per key, with the claims of
    // the keys it lies within as context.
    let mut by_key: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut wholes: Vec<(String, String)> = Vec::new();
    for line in String::from_utf8(out).expect("UTF-8").lines() {
        let record: Value = serde_json::from_str(line).expect("JSON");
        for claim in record["claims"].as_array().into_iter().flatten() {
            let mut claim = claim.clone();
            let key =
                |s: &Value, l: &Value| json!([claim["metric"], s, l, claim["unit"]]).to_string();
            let own = key(&claim["subject"], &claim["location"]);
            for w in claim["within"].as_array().into_iter().flatten() {
                wholes.push((key(&w[0], &w[1]), own.clone()));
            }
            claim.as_object_mut().expect("object").remove("within");
            by_key.entry(own).or_default().push(claim);
        }
    }
    wholes.sort();
    wholes.dedup();
    let mut groups_in: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut claims = 0;
    for (key, members) in &by_key {
        for c in members {
            claims += 1;
            let mut c = c.clone();
            c["group"] = json!(key);
            groups_in
                .entry(key.clone())
                .or_default()
                .push(c.to_string());
        }
    }
    for (whole, part) in &wholes {
        for c in by_key.get(whole).into_iter().flatten() {
            let mut c = c.clone();
            c["group"] = json!(part);
            c["context"] = json!(true);
            groups_in
                .entry(part.clone())
                .or_default()
                .push(c.to_string());
        }
    }
    let lines: Vec<String> = groups_in.into_values().flatten().collect();
    let input = lines.join("\n");
    let mut out = Vec::new();
    let t = Instant::now();
    let counts =
        groups::run(input.as_bytes(), &mut out, lex, DEFAULT_MAX_BYTES).expect("in memory");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "stream compare, 1 core: {claims} claims ({} lines with context) in {} groups: {secs:.2} s = {:.0} lines/s, {} findings",
        lines.len(),
        counts.groups,
        lines.len() as f64 / secs,
        counts.findings
    );
}
