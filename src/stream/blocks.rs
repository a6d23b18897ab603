//! The events stage in passes a distributed engine can spread over machines,
//! each a function of the events stage the CLI runs too (see `events::group`):
//!
//! 1. [`stats`]: documents → the corpus statistics of a part ([`events::Stats`]);
//!    [`merge_stats`]: parts → the corpus's, finished.
//! 2. `stream extract --stats FILE`: each document's event signature.
//! 3. [`keys`]: a signature and the term statistics of its terms → its block keys.
//! 4. [`group`]: the signatures of one block (the documents linked by shared keys)
//!    → its clusters and the events people named.
//! 5. [`join`]: every cluster's profile → the clusters one event told in
//!    different languages forms; [`found`]: clusters → their event.

use super::{ErrorRecord, json_lines, write_record};
use crate::events::{self, Cluster, Profile, Signature, Stats, TermStats};
use crate::lexicon::Lexicon;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use std::io::{BufRead, Write};

use super::documents::{Settings, source_of};

/// A field of a record read as `T`, or an error record naming the line.
fn field<T: DeserializeOwned>(line: usize, map: &Map<String, Value>, name: &str) -> Result<T, ErrorRecord> {
    let value = map.get(name).cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| {
        ErrorRecord::new(
            line,
            format!("`{name}` is missing or not as expected: {e}"),
            "feed the records the previous pass wrote, unchanged",
        )
    })
}

/// Reads the records of `input` and hands each on; lines that are not records
/// are written as error records and counted.
fn records(
    input: impl BufRead,
    out: &mut impl Write,
    max_bytes: usize,
    mut each: impl FnMut(usize, Map<String, Value>, &mut dyn Write) -> Result<(), ErrorRecord>,
) -> std::io::Result<usize> {
    let mut errors = 0;
    json_lines(input, max_bytes, "record", |line, parsed| {
        let done = parsed.and_then(|map| each(line, map, out));
        if let Err(e) = done {
            errors += 1;
            write_record(out, &e.to_value())?;
        }
        Ok(())
    })?;
    Ok(errors)
}

fn io_error(line: usize) -> impl Fn(std::io::Error) -> ErrorRecord {
    move |e| ErrorRecord::new(line, format!("cannot write: {e}"), "check the output")
}

/// Documents → one `{"stats": …}` record: the statistics of this part of the
/// corpus, unfinished (parts are merged with [`merge_stats`]). Bad lines become
/// error records, as in `stream extract`.
pub fn stats(input: impl BufRead, out: &mut impl Write, settings: &Settings) -> std::io::Result<usize> {
    let mut part = Stats::default();
    let mut errors = 0;
    json_lines(input, settings.max_bytes, "document", |line, parsed| {
        match parsed.and_then(|map| source_of(line, map, settings)) {
            Ok((source, _)) => part.add(&source, settings.lexicon),
            Err(e) => {
                errors += 1;
                write_record(out, &e.to_value())?;
            }
        }
        Ok(())
    })?;
    write_record(out, &json!({ "stats": part }))?;
    Ok(errors)
}

/// `{"stats": …}` records of parts → one record of them merged, and finished
/// when `finish` (then it is the corpus's, for `stream extract --stats`).
pub fn merge_stats(input: impl BufRead, out: &mut impl Write, max_bytes: usize, finish: bool) -> std::io::Result<usize> {
    let mut all = Stats::default();
    let errors = records(input, &mut std::io::sink(), max_bytes, |line, map, _| {
        let part: Stats = field(line, &map, "stats")?;
        all = std::mem::take(&mut all).merge(part);
        Ok(())
    })?;
    if finish {
        all.finish();
    }
    write_record(out, &json!({ "stats": all }))?;
    Ok(errors)
}

/// `{"id", "signature", "terms"}` records (the terms: the corpus's counts of the
/// signature's terms) → `{"id", "keys"}`: the keys that block it.
pub fn keys(input: impl BufRead, out: &mut impl Write, max_bytes: usize) -> std::io::Result<usize> {
    records(input, out, max_bytes, |line, map, out| {
        let signature: Signature = field(line, &map, "signature")?;
        let terms: TermStats = field(line, &map, "terms")?;
        let keys = events::block_keys(&signature, &terms);
        write_record(out, &json!({ "id": signature.id, "keys": keys })).map_err(io_error(line))
    })
}

/// Blocks of signatures → clusters. A `{"terms": …}` record (the corpus's unit
/// count and the counts of the block's terms) starts a block; `{"signature": …}`
/// records follow. Per block: `{"cluster": …, "profile": …}` records and
/// `{"event": …}` records for the events people named.
pub fn group(input: impl BufRead, out: &mut impl Write, max_bytes: usize) -> std::io::Result<usize> {
    let mut terms: Option<TermStats> = None;
    let mut block: Vec<Signature> = Vec::new();
    let flush = |terms: &Option<TermStats>, block: &mut Vec<Signature>, out: &mut dyn Write| {
        let Some(terms) = terms else { return Ok(()) };
        let grouped = events::group_block(block, terms);
        block.clear();
        for c in &grouped.clusters {
            write_record(&mut *out, &json!({ "cluster": c, "profile": Profile::of(c) }))?;
        }
        for e in &grouped.named {
            write_record(&mut *out, &json!({ "event": e }))?;
        }
        Ok::<(), std::io::Error>(())
    };
    let mut failed: Option<std::io::Error> = None;
    let errors = records(input, out, max_bytes, |line, map, out| {
        if map.contains_key("terms") {
            let next: TermStats = field(line, &map, "terms")?;
            if let Err(e) = flush(&terms, &mut block, out) {
                failed = Some(e);
            }
            terms = Some(next);
            return Ok(());
        }
        if terms.is_none() {
            return Err(ErrorRecord::new(
                line,
                "a signature before any `terms` record",
                "start each block with its `terms` record",
            ));
        }
        block.push(field(line, &map, "signature")?);
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    flush(&terms, &mut block, out)?;
    Ok(errors)
}

/// `{"id", "order", "profile"}` records (every cluster's id, its `order` and its
/// profile, in any order; clusters without a profile may be left out)
/// → `{"join": {"clusters": [ids], "why": […]}}` records, one per event told in
/// several languages.
pub fn join(input: impl BufRead, out: &mut impl Write, lex: &Lexicon, max_bytes: usize) -> std::io::Result<usize> {
    let mut profiles: Vec<((String, usize), String, Profile)> = Vec::new();
    let errors = records(input, out, max_bytes, |line, map, _| {
        let profile = field(line, &map, "profile")?;
        profiles.push((field(line, &map, "order")?, field(line, &map, "id")?, profile));
        Ok(())
    })?;
    // In the order one clustering of the corpus lists its clusters.
    profiles.sort_by(|a, b| a.0.cmp(&b.0));
    let only: Vec<Option<Profile>> = profiles.iter().map(|(_, _, p)| Some(p.clone())).collect();
    for j in events::joins(&only, lex) {
        let ids: Vec<&str> = j.clusters.iter().map(|&c| profiles[c].1.as_str()).collect();
        write_record(out, &json!({ "join": { "clusters": ids, "why": j.why } }))?;
    }
    Ok(errors)
}

/// `{"clusters": […], "why": […]}` records (clusters of one event, and the
/// reasons they were joined) → `{"event": …}` records.
pub fn found(input: impl BufRead, out: &mut impl Write, max_bytes: usize) -> std::io::Result<usize> {
    records(input, out, max_bytes, |line, map, out| {
        let mut clusters: Vec<Cluster> = field(line, &map, "clusters")?;
        let why: Vec<String> = field(line, &map, "why")?;
        clusters.sort_by(|a, b| a.order.cmp(&b.order));
        let parts: Vec<&Cluster> = clusters.iter().collect();
        let event = events::joined_event(&parts, &why);
        write_record(out, &json!({ "event": event })).map_err(io_error(line))
    })
}
