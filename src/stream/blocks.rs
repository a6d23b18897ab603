//! The events stage in passes a distributed engine can spread over machines,
//! each a function of the events stage the CLI runs too (see `events::group`):
//!
//! 1. [`stats`]: documents → the corpus statistics of a part ([`events::Stats`]);
//!    [`merge_stats`]: parts → the corpus's, finished.
//! 2. `stream extract --stats FILE`: each document's event signature.
//! 3. [`keys`]: a signature and the term statistics of its terms → its block keys.
//! 4. Per key, its users: [`recurring`] → whether a rare name recurs over the
//!    years; [`pairs`] → the pairs of sources the clustering accepts. Sources
//!    linked by accepted pairs form blocks about the size of events.
//! 5. [`group`]: the signatures of one block → its clusters and the events people
//!    named.
//! 6. [`join`]: every cluster's profile → the clusters one event told in
//!    different languages forms; [`found`]: clusters → their event.

use super::{ErrorRecord, json_lines, write_record};
use crate::events::{self, Cluster, Profile, Signature, Stats, TermStats};
use crate::lexicon::Lexicon;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use std::io::{BufRead, Write};

use super::documents::{Settings, source_of};

/// A field of a record read as `T`, or an error record naming the line.
fn field<T: DeserializeOwned>(
    line: usize,
    map: &Map<String, Value>,
    name: &str,
) -> Result<T, ErrorRecord> {
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
pub fn stats(
    input: impl BufRead,
    out: &mut impl Write,
    settings: &Settings,
) -> std::io::Result<usize> {
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
pub fn merge_stats(
    input: impl BufRead,
    out: &mut impl Write,
    max_bytes: usize,
    finish: bool,
) -> std::io::Result<usize> {
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
pub fn group(
    input: impl BufRead,
    out: &mut impl Write,
    max_bytes: usize,
) -> std::io::Result<usize> {
    blocks(input, out, max_bytes, |terms, block, out| {
        let grouped = events::group_block(block, terms);
        for c in &grouped.clusters {
            write_record(
                &mut *out,
                &json!({ "cluster": c, "profile": Profile::of(c) }),
            )?;
        }
        for e in &grouped.named {
            write_record(&mut *out, &json!({ "event": e }))?;
        }
        Ok(())
    })
}

/// Reads blocks — a `{"terms": …}` record, then `{"signature": …}` records —
/// and hands each on whole.
fn blocks(
    input: impl BufRead,
    out: &mut impl Write,
    max_bytes: usize,
    mut each: impl FnMut(&TermStats, &[Signature], &mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<usize> {
    let mut terms: Option<TermStats> = None;
    let mut block: Vec<Signature> = Vec::new();
    let mut failed: Option<std::io::Error> = None;
    let errors = records(input, out, max_bytes, |line, map, out| {
        if map.contains_key("terms") {
            let next: TermStats = field(line, &map, "terms")?;
            if let Some(terms) = &terms
                && let Err(e) = each(terms, &block, out)
            {
                failed.get_or_insert(e);
            }
            block.clear();
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
    if let Some(terms) = &terms {
        each(terms, &block, out)?;
    }
    Ok(errors)
}

/// `{"term", "signatures"}` records (a rare name and the signatures of every
/// source using it) → `{"recurring": term}` for the names whose users date from
/// several separate bursts (a street, a hospital: not one incident's name).
pub fn recurring(
    input: impl BufRead,
    out: &mut impl Write,
    max_bytes: usize,
) -> std::io::Result<usize> {
    records(input, out, max_bytes, |line, map, out| {
        let term: String = field(line, &map, "term")?;
        let signatures: Vec<Signature> = field(line, &map, "signatures")?;
        if events::recurs(&term, &signatures) {
            write_record(out, &json!({ "recurring": term })).map_err(io_error(line))?;
        }
        Ok(())
    })
}

/// Blocks as [`group`] reads them (any sources sharing a key, with the corpus's
/// term statistics, `recurring` included) → `{"pair": [id, id]}` for every pair
/// of sources the clustering accepts as one event.
pub fn pairs(
    input: impl BufRead,
    out: &mut impl Write,
    max_bytes: usize,
) -> std::io::Result<usize> {
    blocks(input, out, max_bytes, |terms, block, out| {
        for (a, b) in events::accepted_pairs(block, terms) {
            write_record(&mut *out, &json!({ "pair": [a, b] }))?;
        }
        Ok(())
    })
}

/// `{"id", "order", "profile"}` records (every cluster's id, its `order` and its
/// profile, in any order; clusters without a profile may be left out)
/// → `{"join": {"clusters": [ids], "why": […]}}` records, one per event told in
/// several languages.
pub fn join(
    input: impl BufRead,
    out: &mut impl Write,
    lex: &Lexicon,
    max_bytes: usize,
) -> std::io::Result<usize> {
    let mut profiles: Vec<((String, usize), String, Profile)> = Vec::new();
    let errors = records(input, out, max_bytes, |line, map, _| {
        let profile = field(line, &map, "profile")?;
        profiles.push((
            field(line, &map, "order")?,
            field(line, &map, "id")?,
            profile,
        ));
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
pub fn found(
    input: impl BufRead,
    out: &mut impl Write,
    max_bytes: usize,
) -> std::io::Result<usize> {
    records(input, out, max_bytes, |line, map, out| {
        let mut clusters: Vec<Cluster> = field(line, &map, "clusters")?;
        let why: Vec<String> = field(line, &map, "why")?;
        clusters.sort_by(|a, b| a.order.cmp(&b.order));
        let parts: Vec<&Cluster> = clusters.iter().collect();
        let event = events::joined_event(&parts, &why);
        write_record(out, &json!({ "event": event })).map_err(io_error(line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Options;
    use std::collections::{BTreeMap, HashMap};

    fn settings() -> Settings<'static> {
        Settings {
            lexicon: Lexicon::builtin(),
            options: Options::default(),
            ignored: &|_| false,
            year_hints: vec![],
            max_bytes: 1 << 20,
        }
    }

    fn lines(out: Vec<u8>) -> Vec<Value> {
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn input(records: &[Value]) -> Vec<u8> {
        records
            .iter()
            .map(|r| format!("{r}\n"))
            .collect::<String>()
            .into_bytes()
    }

    /// Our own reports: one fire told three times, another fire, a quake, two
    /// copies of one notice, a live page covering two events and a named event.
    fn documents() -> Vec<Value> {
        let fire = "A fire at the Harlow Mills textile plant in Dhaka killed {} workers, said fire chief Omar Siddiq.";
        vec![
            json!({"id": "fire-1", "published": "2019-02-03", "text": fire.replace("{}", "9")}),
            json!({"id": "fire-2", "published": "2019-02-04", "text": fire.replace("{}", "11")}),
            json!({"id": "fire-3", "published": "2019-02-05",
                "text": "Fire chief Omar Siddiq said the Harlow Mills blaze killed 12 workers in Dhaka."}),
            json!({"id": "fire-b", "published": "2019-07-10",
                "text": "A warehouse fire near Tongi Bridge in Dhaka injured 4 porters, said officer Lina Rahman."}),
            json!({"id": "quake", "published": "2021-09-10",
                "text": "An earthquake near Cusco in Peru injured 30 people on Thursday, said mayor Ana Quispe."}),
            json!({"id": "notice-a", "published": "2021-09-11", "text": "Road closed. 3 people hurt."}),
            json!({"id": "notice-b", "published": "2021-09-11", "text": "Road closed. 3 people hurt."}),
            json!({"id": "live", "published": "2021-09-10",
                "text": "## 09:00\n\nAn earthquake near Cusco in Peru injured 30 people, said mayor Ana Quispe.\n\n## 11:00\n\nA fire at the Harlow Mills plant in Dhaka killed 12 workers, said Omar Siddiq."}),
            json!({"id": "named", "event": "Port strike", "text": "Dock workers said 200 people marched."}),
        ]
    }

    #[test]
    fn the_passes_over_blocks_give_the_events_one_block_gives() {
        let docs = input(&documents());
        let s = settings();
        // The CLI's grouping: the whole input as one block.
        let mut whole = Vec::new();
        crate::stream::events::run(docs.as_slice(), &mut whole, &s, &|_| None).unwrap();
        let mut want: Vec<Value> = lines(whole)
            .into_iter()
            .filter_map(|r| r.get("event").cloned())
            .collect();
        // Pass 1 in two parts, merged.
        let (first, second) = docs.split_at(docs.iter().position(|&b| b == b'\n').unwrap() + 1);
        let mut parts = Vec::new();
        stats(first, &mut parts, &s).unwrap();
        stats(second, &mut parts, &s).unwrap();
        let mut merged = Vec::new();
        merge_stats(parts.as_slice(), &mut merged, 1 << 20, true).unwrap();
        let stats: Stats = serde_json::from_value(lines(merged)[0]["stats"].clone()).unwrap();
        // Pass 2: signatures with the claims.
        let mut extracted = Vec::new();
        let signing = crate::stream::documents::Signing {
            stats: &stats,
            config: &|_| None,
        };
        crate::stream::documents::run_with(docs.as_slice(), &mut extracted, &s, Some(&signing))
            .unwrap();
        let signatures: Vec<Value> = lines(extracted)
            .into_iter()
            .map(|r| r["signature"].clone())
            .collect();
        assert_eq!(signatures.len(), 9);
        // Term counts over every unit, then keys.
        let units: Vec<crate::events::signals::Unit> = signatures
            .iter()
            .flat_map(|s| {
                serde_json::from_value::<Signature>(s.clone())
                    .unwrap()
                    .units
            })
            .collect();
        let terms = TermStats::of(&units);
        let keyed: Vec<Value> = signatures
            .iter()
            .map(|sig| json!({"id": sig["id"], "signature": sig, "terms": terms}))
            .collect();
        let mut out = Vec::new();
        keys(input(&keyed).as_slice(), &mut out, 1 << 20).unwrap();
        // Blocks: documents linked by shared keys.
        let mut block_of: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let records = lines(out);
        for (i, r) in records.iter().enumerate() {
            block_of.insert(r["id"].as_str().unwrap().to_string(), i);
        }
        let mut root: Vec<usize> = (0..records.len()).collect();
        fn find(root: &mut [usize], mut x: usize) -> usize {
            while root[x] != x {
                x = root[x];
            }
            x
        }
        for (i, r) in records.iter().enumerate() {
            for k in r["keys"].as_array().unwrap() {
                let k = k.as_str().unwrap().to_string();
                match by_key.get(&k) {
                    Some(&j) => {
                        let (a, b) = (find(&mut root, i), find(&mut root, j));
                        root[a] = b;
                    }
                    None => {
                        by_key.insert(k, i);
                    }
                }
            }
        }
        let mut blocks: BTreeMap<usize, Vec<&Value>> = BTreeMap::new();
        for sig in &signatures {
            let b = find(&mut root, block_of[sig["id"].as_str().unwrap()]);
            blocks.entry(b).or_default().push(sig);
        }
        // The live page links the fires and the quake; the notices and the named
        // event are blocks of their own.
        assert_eq!(blocks.len(), 3, "{} blocks", blocks.len());
        // Each block grouped on its own, in reverse order, with the corpus's counts.
        let mut fed = Vec::new();
        for members in blocks.values() {
            fed.push(json!({"terms": terms}));
            fed.extend(members.iter().rev().map(|s| json!({"signature": s})));
        }
        let mut grouped = Vec::new();
        group(input(&fed).as_slice(), &mut grouped, 1 << 20).unwrap();
        let grouped = lines(grouped);
        let clusters: Vec<&Value> = grouped
            .iter()
            .filter(|r| r.get("cluster").is_some())
            .collect();
        let profiles: Vec<Value> = clusters
            .iter()
            .filter(|r| !r["profile"].is_null())
            .map(|r| json!({"id": r["cluster"]["order"].to_string(), "order": r["cluster"]["order"], "profile": r["profile"]}))
            .collect();
        let mut joined = Vec::new();
        join(
            input(&profiles).as_slice(),
            &mut joined,
            Lexicon::builtin(),
            1 << 20,
        )
        .unwrap();
        assert!(lines(joined).is_empty(), "one language, no joins");
        let fed: Vec<Value> = clusters
            .iter()
            .map(|c| json!({"clusters": [c["cluster"]], "why": []}))
            .collect();
        let mut events = Vec::new();
        found(input(&fed).as_slice(), &mut events, 1 << 20).unwrap();
        let mut got: Vec<Value> = lines(events)
            .into_iter()
            .map(|r| r["event"].clone())
            .collect();
        got.extend(grouped.iter().filter_map(|r| r.get("event").cloned()));
        let key = |e: &Value| e["id"].as_str().unwrap().to_string();
        got.sort_by_key(key);
        want.sort_by_key(key);
        assert_eq!(got, want);
        // The pairs accepted over the whole input: the fire's reports, and no
        // pair across blocks.
        let whole: Vec<Value> = std::iter::once(json!({"terms": terms}))
            .chain(signatures.iter().map(|s| json!({"signature": s})))
            .collect();
        let mut accepted = Vec::new();
        pairs(input(&whole).as_slice(), &mut accepted, 1 << 20).unwrap();
        let accepted: Vec<(String, String)> = lines(accepted)
            .iter()
            .map(|r| serde_json::from_value(r["pair"].clone()).unwrap())
            .collect();
        assert!(
            accepted.contains(&("fire-1".into(), "fire-2".into())),
            "{accepted:?}"
        );
        for (a, b) in &accepted {
            let (x, y) = (block_of[a.as_str()], block_of[b.as_str()]);
            assert_eq!(find(&mut root, x), find(&mut root, y), "{a} {b}");
        }
        // The fire told three times (and on the live page) is one event.
        let fire = want
            .iter()
            .find(|e| e["sources"].as_array().unwrap().contains(&json!("fire-1")))
            .unwrap();
        assert!(
            fire["sources"]
                .as_array()
                .unwrap()
                .contains(&json!("fire-3")),
            "{fire}"
        );
        assert!(want.iter().any(|e| e["label"] == "Port strike"));
    }

    #[test]
    fn a_signature_before_its_block_starts_is_an_error_record() {
        let mut out = Vec::new();
        let errors = group(
            b"{\"signature\": {}}\nnot json\n".as_slice(),
            &mut out,
            1 << 20,
        )
        .unwrap();
        assert_eq!(errors, 2);
        let records = lines(out);
        assert!(
            records[0]["error"]["message"]
                .as_str()
                .unwrap()
                .contains("before any `terms`")
        );
        assert_eq!(records[1]["error"]["line"], 2);
    }
}
