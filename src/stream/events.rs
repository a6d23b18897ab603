//! Documents of one block → events: the events stage run on a block of documents
//! (the whole input is one block). Out: one record per event (the report's `events`
//! entries) and one per document saying which event each stretch of its text
//! belongs to, so claims can be given their events by source and position.

use super::documents::{Settings, source_of};
use super::{ErrorRecord, json_lines, write_record};
use crate::corpus::Source;
use crate::events::{self, Named};
use serde_json::json;
use std::collections::BTreeSet;
use std::io::{BufRead, Write};

/// How many documents and events a run wrote, and the lines it refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents given events.
    pub documents: usize,
    /// Events found.
    pub events: usize,
    /// Lines written as error records.
    pub errors: usize,
}

/// Reads a block of documents, groups them into events and writes
/// `{"event": {…}}` records, then `{"id": …, "events": [{"start", "event"}]}`
/// records: from byte `start` of the document's text on, its claims belong to
/// `event` (`{"id", "label"}`). `config` names the event the configuration's
/// `[events]` table gives a source id.
pub fn run(
    input: impl BufRead,
    out: &mut impl Write,
    settings: &Settings,
    config: &(dyn Fn(&str) -> Option<Named> + Sync),
) -> std::io::Result<Counts> {
    let mut counts = Counts::default();
    let mut sources: Vec<Source> = Vec::new();
    json_lines(input, settings.max_bytes, "document", |line, parsed| {
        match parsed.and_then(|map| source_of(line, map, settings)) {
            Ok((source, _)) => sources.push(source),
            Err(e) => {
                counts.errors += 1;
                write_record(out, &e.to_value())?;
            }
        }
        Ok(())
    })?;
    // A folder run groups its sources in id order, and ties in the grouping follow
    // that order: so must a block, whatever order its lines came in.
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    let duplicates = duplicate_ids(&sources);
    for (line, id) in &duplicates {
        counts.errors += 1;
        let e = ErrorRecord {
            id: Some(id.clone()),
            ..ErrorRecord::new(
                *line,
                "another document of this block has the same id",
                "give every document its own id",
            )
        };
        write_record(out, &e.to_value())?;
    }
    let refs: Vec<&Source> = sources.iter().collect();
    let named = |s: &Source| crate::pipeline::named_event(s, None, config);
    let grouping = events::group(&refs, &named, settings.lexicon);
    for e in &grouping.events {
        counts.events += 1;
        write_record(out, &json!({ "event": e }))?;
    }
    for s in &sources {
        // The event of a position is a step function of it, stepping only where a
        // section of a page starts: probing those starts gives it whole.
        let mut starts: BTreeSet<usize> = BTreeSet::from([0]);
        for e in &grouping.events {
            for section in &e.sections {
                if let Some((id, at)) = section.rsplit_once('#')
                    && id == s.id
                    && let Ok(at) = at.parse()
                {
                    starts.insert(at);
                }
            }
        }
        let mut steps: Vec<serde_json::Value> = Vec::new();
        let mut last: Option<String> = None;
        for start in starts {
            let Some(e) = grouping.event_at(&s.id, start) else {
                continue;
            };
            if last.as_deref() != Some(e.id.as_str()) {
                steps.push(json!({ "start": start, "event": e.to_ref() }));
                last = Some(e.id.clone());
            }
        }
        counts.documents += 1;
        write_record(out, &json!({ "id": s.id, "events": steps }))?;
    }
    Ok(counts)
}

/// Documents whose id another of the block already has (their 1-based position
/// in id order, and the id).
fn duplicate_ids(sources: &[Source]) -> Vec<(usize, String)> {
    let mut seen = std::collections::HashSet::new();
    sources
        .iter()
        .enumerate()
        .filter(|(_, s)| !seen.insert(s.id.as_str()))
        .map(|(i, s)| (i + 1, s.id.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Options;
    use crate::lexicon::Lexicon;
    use serde_json::Value;

    #[test]
    fn two_fires_far_apart_are_two_events_and_each_document_gets_one() {
        let docs = [
            json!({"id": "fire-1", "published": "2019-02-03",
                "text": "A fire at a textile factory in Dhaka killed 9 workers on Saturday, firefighters said."}),
            json!({"id": "fire-2", "published": "2019-02-04",
                "text": "The Dhaka textile factory fire killed 11 workers, officials said on Sunday."}),
            json!({"id": "quake", "published": "2021-09-10",
                "text": "An earthquake in Peru injured 30 people on Thursday, officials said."}),
        ];
        let input: String = docs.iter().map(|d| format!("{d}\n")).collect::<String>() + "oops\n";
        let settings = Settings {
            lexicon: Lexicon::builtin(),
            options: Options::default(),
            ignored: &|_| false,
            year_hints: vec![],
            max_bytes: 1 << 20,
        };
        let mut out = Vec::new();
        let counts = run(input.as_bytes(), &mut out, &settings, &|_| None).unwrap();
        assert_eq!((counts.documents, counts.errors), (3, 1));
        let records: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let event_of = |id: &str| {
            records
                .iter()
                .find(|r| r["id"] == id && r.get("events").is_some())
                .map(|r| r["events"][0]["event"]["id"].clone())
                .unwrap()
        };
        assert_eq!(event_of("fire-1"), event_of("fire-2"));
        assert_ne!(event_of("fire-1"), event_of("quake"));
        let events = records.iter().filter(|r| r.get("event").is_some()).count();
        assert_eq!(events, counts.events);
        assert!(records.iter().any(|r| r["error"]["line"] == 4));
    }
}
