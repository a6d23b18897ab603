//! The grouping `extract` made, recorded beside the claim files
//! (`claims/.events.json`) with a fingerprint of what it was made from: the ids,
//! file names and content hashes of the sources and the event names people gave
//! them. A run
//! over the same sources and names (`check` in CI, `report`) takes the events from
//! here instead of reading every text again; any other run groups afresh. Like the
//! claim files, it holds what the last `extract` found: `extract` rewrites it.

use super::Store;
use crate::claim::Event;
use crate::error::{Error, Result};
use crate::events::Named;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// The file's name in a claims folder: hidden, and not a `.toml`, so it is never
/// taken for a claim file.
pub const FILE_NAME: &str = ".events.json";

/// Bumped when the file's form or the meaning of its fingerprint changes.
const FORM: u32 = 1;

/// One source as the grouping saw it.
pub struct Member<'a> {
    /// The source id.
    pub id: &'a str,
    /// Its file's name, extension included.
    pub file_name: &'a str,
    /// The hash of its bytes (`sha256:…`).
    pub hash: &'a str,
    /// The event a person named for it, if any.
    pub named: Option<&'a Named>,
}

/// What a grouping was made from, as one string: equal for the same sources
/// (in any order), the same texts and the same names, whatever the run.
pub fn fingerprint(members: &mut [Member]) -> String {
    members.sort_unstable_by(|a, b| a.id.cmp(b.id));
    let mut h = Sha256::new();
    h.update(format!(
        "claimdiff {} form {FORM} rules {}\0",
        env!("CARGO_PKG_VERSION"),
        crate::events::RULES
    ));
    for m in members.iter() {
        for part in [m.id, m.file_name, m.hash] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        match m.named {
            Some(n) => {
                h.update([1]);
                h.update(n.name.as_bytes());
                h.update([0]);
                h.update(n.by.as_bytes());
                h.update([0]);
            }
            None => h.update([2]),
        }
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Recorded {
    form: u32,
    fingerprint: String,
    events: Vec<RecordedEvent>,
}

/// [`Event`] as the file holds it (the claim's type only writes itself).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordedEvent {
    id: String,
    label: String,
    kind: String,
    place: Option<String>,
    date: Option<NaiveDate>,
    until: Option<NaiveDate>,
    sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sections: Vec<String>,
    why: Vec<String>,
    manual: bool,
}

impl From<&Event> for RecordedEvent {
    fn from(e: &Event) -> Self {
        RecordedEvent {
            id: e.id.clone(),
            label: e.label.clone(),
            kind: e.kind.clone(),
            place: e.place.clone(),
            date: e.date,
            until: e.until,
            sources: e.sources.clone(),
            sections: e.sections.clone(),
            why: e.why.clone(),
            manual: e.manual,
        }
    }
}

impl From<RecordedEvent> for Event {
    fn from(e: RecordedEvent) -> Self {
        Event {
            id: e.id,
            label: e.label,
            kind: e.kind,
            place: e.place,
            date: e.date,
            until: e.until,
            sources: e.sources,
            sections: e.sections,
            why: e.why,
            manual: e.manual,
        }
    }
}

/// Why a recorded grouping was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unused {
    /// There is none.
    Missing,
    /// It was made from other sources, other texts or other names.
    Other,
    /// It could not be read; the message says why.
    Unreadable(String),
}

impl Store {
    /// Where the grouping is recorded.
    pub fn grouping_path(&self) -> PathBuf {
        self.dir().join(FILE_NAME)
    }

    /// The events recorded for the sources with this fingerprint.
    pub fn recorded_events(&self, fingerprint: &str) -> std::result::Result<Vec<Event>, Unused> {
        let path = self.grouping_path();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unused::Missing),
            Err(e) => return Err(Unused::Unreadable(e.to_string())),
        };
        let recorded: Recorded =
            serde_json::from_slice(&bytes).map_err(|e| Unused::Unreadable(e.to_string()))?;
        if recorded.form != FORM || recorded.fingerprint != fingerprint {
            return Err(Unused::Other);
        }
        Ok(recorded.events.into_iter().map(Event::from).collect())
    }

    /// Records the events made of the sources with this fingerprint (call with the
    /// lock held, and [`Store::sync`] after). True when the file changed.
    pub fn record_events(&self, fingerprint: &str, events: &[Event]) -> Result<bool> {
        let recorded = Recorded {
            form: FORM,
            fingerprint: fingerprint.to_string(),
            events: events.iter().map(RecordedEvent::from).collect(),
        };
        let path = self.grouping_path();
        let mut text = serde_json::to_string_pretty(&recorded)
            .map_err(|e| Error::new(format!("cannot record the events: {e}")))?;
        text.push('\n');
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(false);
        }
        super::save::write_temp(&path, text.as_bytes())?.persist()?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member<'a>(id: &'a str, hash: &'a str, named: Option<&'a Named>) -> Member<'a> {
        Member {
            id,
            file_name: "",
            hash,
            named,
        }
    }

    #[test]
    fn fingerprint_follows_ids_hashes_and_names_not_order() {
        let named = Named {
            name: "the fire".into(),
            by: "its front matter".into(),
        };
        let base = fingerprint(&mut [member("a", "h1", None), member("b", "h2", None)]);
        assert_eq!(
            base,
            fingerprint(&mut [member("b", "h2", None), member("a", "h1", None)])
        );
        for other in [
            fingerprint(&mut [member("a", "h1", None), member("b", "h3", None)]),
            fingerprint(&mut [member("a", "h1", None)]),
            fingerprint(&mut [member("a", "h1", None), member("c", "h2", None)]),
            fingerprint(&mut [member("a", "h1", Some(&named)), member("b", "h2", None)]),
            // The separators keep "ab"+"c" apart from "a"+"bc".
            fingerprint(&mut [member("a", "bh1", None), member("b", "h2", None)]),
            fingerprint(&mut [
                Member {
                    file_name: "a.md",
                    ..member("a", "h1", None)
                },
                member("b", "h2", None),
            ]),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn events_come_back_only_for_their_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        assert_eq!(store.recorded_events("x"), Err(Unused::Missing));
        let event = Event {
            id: "e0123456789".into(),
            label: "fire · Lyon · 2024-05-02".into(),
            kind: "fire".into(),
            place: Some("Lyon".into()),
            date: NaiveDate::from_ymd_opt(2024, 5, 2),
            until: None,
            sources: vec!["a".into(), "b".into()],
            sections: vec!["b#120".into()],
            why: vec!["a + b: same place".into()],
            manual: false,
        };
        assert!(
            store
                .record_events("x", std::slice::from_ref(&event))
                .unwrap()
        );
        assert!(
            !store
                .record_events("x", std::slice::from_ref(&event))
                .unwrap()
        );
        assert_eq!(store.recorded_events("x"), Ok(vec![event]));
        assert_eq!(store.recorded_events("y"), Err(Unused::Other));
        std::fs::write(store.grouping_path(), "{").unwrap();
        assert!(matches!(
            store.recorded_events("x"),
            Err(Unused::Unreadable(_))
        ));
    }
}
