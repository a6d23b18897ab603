//! Documents → claims: one JSON document a line in, one record a document out,
//! with its source entry and its claims in the report's shapes.

use super::{ErrorRecord, json_lines, write_record};
use crate::claim::Key;
use crate::corpus::Source;
use crate::events::{self, Named};
use crate::extract::{self, Options};
use crate::lexicon::Lexicon;
use crate::render::json::{claim_value, source_value};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// What extraction from a stream needs.
pub struct Settings<'a> {
    /// The words to use.
    pub lexicon: &'a Lexicon,
    /// Extraction settings.
    pub options: Options,
    /// Keys never compared: their claims are left out, as in a report.
    pub ignored: &'a dyn Fn(&Key) -> bool,
    /// Years to read an undated "on Saturday, January 29" against (a folder run
    /// takes them from the other sources; a stream has none).
    pub year_hints: Vec<i32>,
    /// The longest line (document) accepted, in bytes.
    pub max_bytes: usize,
}

/// One input line.
#[derive(Debug, Deserialize)]
struct Document {
    id: String,
    text: String,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    event: Option<String>,
    path: Option<String>,
}

/// How many documents a run read and how many lines it refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents whose claims were written.
    pub documents: usize,
    /// Lines written as error records.
    pub errors: usize,
}

/// Reads documents from `input` and writes one record per line to `out`: the
/// document's claims, or an error record.
pub fn run(
    input: impl BufRead,
    out: &mut impl Write,
    settings: &Settings,
) -> std::io::Result<Counts> {
    run_with(input, out, settings, None)
}

/// What giving each document its event signature needs: the corpus statistics
/// of a first pass, and the event name the configuration gives a source id.
pub struct Signing<'a> {
    /// The corpus statistics.
    pub stats: &'a events::Stats,
    /// The event the configuration names for a source id.
    pub config: &'a (dyn Fn(&str) -> Option<Named> + Sync),
}

/// As [`run`]; with `signing`, each record also has `signature`: the document's
/// event signature ([`events::Signature`]), read from the text in the same pass.
pub fn run_with(
    input: impl BufRead,
    out: &mut impl Write,
    settings: &Settings,
    signing: Option<&Signing>,
) -> std::io::Result<Counts> {
    let mut counts = Counts::default();
    json_lines(input, settings.max_bytes, "document", |line, parsed| {
        let record = parsed.and_then(|map| {
            let (source, event) = source_of(line, map, settings)?;
            let mut record = extract_source(line, &source, event, settings)?;
            if let Some(signing) = signing {
                let named = crate::pipeline::named_event(&source, None, signing.config);
                let signature =
                    events::Signature::of(&source, named, settings.lexicon, signing.stats);
                record["signature"] = serde_json::to_value(signature).unwrap_or_default();
            }
            Ok(record)
        });
        match &record {
            Ok(_) => counts.documents += 1,
            Err(_) => counts.errors += 1,
        }
        write_record(out, &record.unwrap_or_else(|e| e.to_value()))
    })?;
    Ok(counts)
}

/// The record of one document: `id`, `event` (as given), `source` (the report's
/// source entry) and `claims` (the report's claim entries, each with `within`:
/// the subject and place of every key it lies within, for routing its wholes).
pub fn extract_document(
    line: usize,
    map: Map<String, Value>,
    settings: &Settings,
) -> Result<Value, ErrorRecord> {
    let (source, event) = source_of(line, map, settings)?;
    extract_source(line, &source, event, settings)
}

/// The record of a document read as `source`.
fn extract_source(
    line: usize,
    source: &Source,
    event: Option<String>,
    settings: &Settings,
) -> Result<Value, ErrorRecord> {
    let fail = |message: &str, hint: &str| ErrorRecord {
        id: Some(source.id.clone()),
        ..ErrorRecord::new(line, message, hint)
    };
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract::claims(source, settings.lexicon, &settings.options)
    }))
    .map_err(|_| {
        fail(
            "extraction failed on this document (an internal error)",
            "report it with the document attached",
        )
    })?;
    // In the order a report lists them (by position, as the store orders a file).
    let extracted = crate::store::merge(source, None, extracted).claims;
    let claims: Vec<Value> = extracted
        .iter()
        .filter(|c| !(settings.ignored)(&c.key()))
        .map(|c| {
            let mut v = claim_value(c);
            v["within"] = within(&c.key(), settings.lexicon);
            v
        })
        .collect();
    Ok(json!({
        "id": source.id,
        "event": event,
        "source": source_value(&source.id, &source.path, &source.meta),
        "claims": claims,
    }))
}

/// A document line as a source, as a folder run would read it from a file with
/// that text; and the event the line names, if any.
pub fn source_of(
    line: usize,
    map: Map<String, Value>,
    settings: &Settings,
) -> Result<(Source, Option<String>), ErrorRecord> {
    let id = map.get("id").and_then(Value::as_str).map(str::to_string);
    let fail = |message: String, hint: &str| ErrorRecord {
        id: id.clone(),
        ..ErrorRecord::new(line, message, hint)
    };
    let doc: Document = serde_json::from_value(Value::Object(map)).map_err(|e| {
        fail(
            format!("not a document: {e}"),
            "give at least `id` and `text` as strings",
        )
    })?;
    if doc.id.trim().is_empty() {
        return Err(fail(
            "document has an empty `id`".into(),
            "give every document an id",
        ));
    }
    if doc.text.trim().is_empty() {
        return Err(fail(
            "document has no text".into(),
            "leave out documents without text, or fill in `text`",
        ));
    }
    let published = doc
        .published
        .as_deref()
        .map(|p| {
            parse_date(p).ok_or_else(|| {
                fail(
                    format!("`published` is not a date: {p:?}"),
                    "write a date such as 2022-01-06 or an RFC 3339 date-time",
                )
            })
        })
        .transpose()?;
    // The text may open with front matter, as a file does; spans count from its
    // first byte either way, so they match a folder run on the same file.
    let mut source = Source::from_bytes(Path::new(&doc.id), doc.text.into_bytes())
        .map_err(|e| fail(e.to_string(), "fix the document's text or front matter"))?;
    source.id = doc.id;
    if let Some(path) = &doc.path {
        source.path = PathBuf::from(path);
    }
    let meta = &mut source.meta;
    meta.title = doc.title.or(meta.title.take());
    meta.outlet = doc.outlet.or(meta.outlet.take());
    meta.url = doc.url.or(meta.url.take());
    if published.is_some() {
        meta.published = published;
        meta.published_from = Some("document");
    }
    if let Some(event) = doc.event.filter(|e| !e.trim().is_empty()) {
        meta.event = Some(event);
    }
    source.infer_published(&settings.year_hints);
    let event = source.meta.event.clone();
    Ok((source, event))
}

/// `[subject, place]` of every other key of the same metric and unit that `key`
/// lies within (its subject's and place's ancestors): the comparator sets a part
/// against these wholes.
fn within(key: &Key, lex: &Lexicon) -> Value {
    let subjects: Vec<Option<String>> = match &key.subject {
        Some(s) => lex
            .subject_chain(s)
            .into_iter()
            .map(|s| Some(s.0.to_string()))
            .collect(),
        None => vec![None],
    };
    let own_subject = key.subject.as_ref().map(|s| s.0.to_string());
    let places = lex.place_chain(&key.location);
    let mut out = Vec::new();
    for s in &subjects {
        for p in &places {
            if !(s == &own_subject && p == &key.location) {
                out.push(json!([s, p]));
            }
        }
    }
    Value::Array(out)
}

/// `2022-01-06`, or an RFC 3339 date-time (its date is taken).
fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let date = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    (s.len() == 10 || chrono::DateTime::parse_from_rfc3339(s).is_ok()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &[u8]) -> (Vec<Value>, Counts) {
        let settings = Settings {
            lexicon: Lexicon::builtin(),
            options: Options::default(),
            ignored: &|_| false,
            year_hints: vec![],
            max_bytes: 2000,
        };
        let mut out = Vec::new();
        let counts = run(input, &mut out, &settings).unwrap();
        let records = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (records, counts)
    }

    #[test]
    fn each_bad_line_is_an_error_record_and_the_rest_are_read() {
        let good = json!({"id": "a", "published": "2023-05-02",
            "text": "Officials said 12 people were killed in the flood in Chile."});
        let mut input = Vec::new();
        for line in [
            "{not json".to_string(),
            json!({"id": "empty", "text": "  "}).to_string(),
            json!({"id": "big", "text": "x".repeat(3000)}).to_string(),
            good.to_string(),
        ] {
            input.extend_from_slice(line.as_bytes());
            input.push(b'\n');
        }
        input.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n");
        let (records, counts) = run_on(&input);
        assert_eq!(
            counts,
            Counts {
                documents: 1,
                errors: 4
            }
        );
        let lines: Vec<u64> = records[..3]
            .iter()
            .map(|r| r["error"]["line"].as_u64().unwrap())
            .collect();
        assert_eq!(lines, [1, 2, 3]);
        assert_eq!(records[1]["error"]["id"], "empty");
        assert!(
            records[2]["error"]["message"]
                .as_str()
                .unwrap()
                .contains("3")
        );
        assert!(
            records[4]["error"]["message"]
                .as_str()
                .unwrap()
                .contains("UTF-8")
        );
        let doc = &records[3];
        assert_eq!(doc["id"], "a");
        assert_eq!(doc["source"]["published"], "2023-05-02");
        let claim = &doc["claims"][0];
        assert_eq!(
            (claim["metric"].as_str(), claim["value"].as_u64()),
            (Some("killed"), Some(12))
        );
        assert_eq!(claim["source"], "a");
        assert_eq!(claim["as_of"], "2023-05-02");
    }

    #[test]
    fn front_matter_in_the_text_is_read_and_fields_override_it() {
        let text =
            "+++\ntitle = \"T\"\npublished = 2021-03-04\n+++\nPolice said 3 people were injured.";
        let line = json!({"id": "b", "text": text, "outlet": "Daily"}).to_string();
        let (records, _) = run_on(line.as_bytes());
        let src = &records[0]["source"];
        assert_eq!(
            (src["title"].as_str(), src["outlet"].as_str()),
            (Some("T"), Some("Daily"))
        );
        assert_eq!(src["published"], "2021-03-04");
        let claim = &records[0]["claims"][0];
        let (start, end) = (
            claim["span"]["start"].as_u64().unwrap(),
            claim["span"]["end"].as_u64().unwrap(),
        );
        assert_eq!(
            &text[start as usize..end as usize],
            claim["quote"].as_str().unwrap()
        );
    }

    #[test]
    fn dates_are_days_or_rfc3339_times() {
        assert_eq!(
            parse_date("2022-01-06"),
            NaiveDate::from_ymd_opt(2022, 1, 6)
        );
        assert_eq!(
            parse_date("2022-01-06T10:00:00Z"),
            NaiveDate::from_ymd_opt(2022, 1, 6)
        );
        assert_eq!(parse_date("2022-01-06 garbage"), None);
        assert_eq!(parse_date("Jan 6"), None);
    }
}
