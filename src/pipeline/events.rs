//! The events stage as a run wires it: the names people gave, the grouping the
//! store recorded (or a new one), and each claim's event.

use super::Settings;
use crate::claim::{Claim, Event};
use crate::corpus::Source;
use crate::lexicon::Lexicon;
use crate::store::{self, ClaimFile, Store};
use rayon::prelude::*;

/// The event a person named for a source: in its claim file (reviewed), its front
/// matter, or the configuration — in that order.
pub fn named_event(
    source: &Source,
    file: Option<&ClaimFile>,
    config: &dyn Fn(&str) -> Option<crate::events::Named>,
) -> Option<crate::events::Named> {
    if let Some(name) = file.and_then(|f| f.event.as_ref()?.human_name()) {
        return Some(crate::events::Named {
            name: name.to_string(),
            by: format!("its claim file ({}.toml)", source.id),
        });
    }
    if let Some(name) = &source.meta.event {
        return Some(crate::events::Named {
            name: name.clone(),
            by: "its front matter".to_string(),
        });
    }
    config(&source.id)
}

/// Where a run's events came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum EventsFrom {
    /// The store's record of the last grouping, made of these very sources.
    Recorded,
    /// Grouped now: there is no store.
    #[default]
    Grouped,
    /// Grouped now: the store's record is missing, unreadable or of other sources.
    Regrouped(store::grouping::Unused),
}

/// Groups the sources into events (or takes the grouping the store recorded for
/// exactly these sources, texts and names), naming each as a person named it in
/// its claim file, front matter or the configuration.
pub fn group_events(
    sources: &[(&Source, &mut ClaimFile)],
    settings: &Settings,
) -> crate::events::Grouping {
    events_of_files(sources, settings).0
}

fn events_of_files(
    sources: &[(&Source, &mut ClaimFile)],
    settings: &Settings,
) -> (crate::events::Grouping, EventsFrom, String) {
    let files: std::collections::HashMap<&str, &ClaimFile> =
        sources.iter().map(|(s, f)| (s.id.as_str(), &**f)).collect();
    let plain: Vec<&Source> = sources.iter().map(|(s, _)| *s).collect();
    let named = |s: &Source| named_event(s, files.get(s.id.as_str()).copied(), settings.named);
    events_of(&plain, &named, settings.lexicon, settings.store.as_ref())
}

/// The events of `sources`: the grouping `store` recorded when it was made of the
/// same sources (ids and content hashes) with the same names people gave them,
/// else grouped now. Also where they came from, and the fingerprint to record
/// them under.
pub fn events_of(
    sources: &[&Source],
    named: &(dyn Fn(&Source) -> Option<crate::events::Named> + Sync),
    lexicon: &Lexicon,
    store: Option<&Store>,
) -> (crate::events::Grouping, EventsFrom, String) {
    match recorded_events(sources, named, store) {
        Ok(recorded) => recorded,
        Err(regroup) => regroup.group(sources, lexicon),
    }
}

/// The events `store` recorded for exactly `sources` and the names people gave
/// them (see [`events_of`]), or what grouping them afresh needs.
pub(super) fn recorded_events(
    sources: &[&Source],
    named: &(dyn Fn(&Source) -> Option<crate::events::Named> + Sync),
    store: Option<&Store>,
) -> Result<(crate::events::Grouping, EventsFrom, String), Regroup> {
    let names: Vec<Option<crate::events::Named>> = sources.par_iter().map(|s| named(s)).collect();
    let mut members: Vec<store::grouping::Member> = sources
        .iter()
        .zip(&names)
        .map(|(s, n)| store::grouping::Member {
            id: &s.id,
            // The extension too: a `.md` and a `.txt` of one text are read apart.
            file_name: s.path.file_name().and_then(|f| f.to_str()).unwrap_or(""),
            hash: &s.hash,
            named: n.as_ref(),
        })
        .collect();
    let fingerprint = store::grouping::fingerprint(&mut members);
    let from = match store.map(|st| st.recorded_events(&fingerprint)) {
        Some(Ok(events)) => {
            let grouping = crate::events::Grouping::from_events(events);
            return Ok((grouping, EventsFrom::Recorded, fingerprint));
        }
        Some(Err(why)) => EventsFrom::Regrouped(why),
        None => EventsFrom::Grouped,
    };
    Err(Regroup {
        names,
        from,
        fingerprint,
    })
}

/// Sources to group afresh: the names people gave them, why they are grouped
/// now, and the fingerprint to record the grouping under.
pub(super) struct Regroup {
    names: Vec<Option<crate::events::Named>>,
    from: EventsFrom,
    fingerprint: String,
}

impl Regroup {
    /// Groups `sources` (the ones asked about, texts and all).
    pub(super) fn group(
        self,
        sources: &[&Source],
        lexicon: &Lexicon,
    ) -> (crate::events::Grouping, EventsFrom, String) {
        let by_id: std::collections::HashMap<&str, &Option<crate::events::Named>> = sources
            .iter()
            .zip(&self.names)
            .map(|(s, n)| (s.id.as_str(), n))
            .collect();
        let named = |s: &Source| by_id.get(s.id.as_str()).and_then(|n| (*n).clone());
        let grouping = crate::events::group(sources, &named, lexicon);
        (grouping, self.from, self.fingerprint)
    }
}

/// Sets each claim's event and each claim file's recorded event from a grouping.
pub fn assign_events(files: &mut [&mut ClaimFile], grouping: &crate::events::Grouping) {
    let events = EventRefs::new(grouping);
    files.par_iter_mut().for_each(|file| {
        let human = file.event.as_ref().is_some_and(|e| e.status.is_human());
        if !human {
            file.event = grouping.event_of(&file.source).map(|e| store::SourceEvent {
                name: e.label.clone(),
                status: crate::claim::Status::Extracted,
            });
        }
        events.set(&file.source, &mut file.claims);
    });
}

/// A grouping's events as claims refer to them: each event's reference made
/// once and shared by its claims.
pub(super) struct EventRefs<'g> {
    grouping: &'g crate::events::Grouping,
    refs: Vec<crate::claim::EventRef>,
}

impl<'g> EventRefs<'g> {
    pub(super) fn new(grouping: &'g crate::events::Grouping) -> Self {
        let refs = grouping.events.iter().map(Event::to_ref).collect();
        EventRefs { grouping, refs }
    }

    /// Sets the event of each claim of `source`.
    pub(super) fn set(&self, source: &str, claims: &mut [Claim]) {
        let range = self.grouping.events.as_ptr_range();
        let (start, end) = (range.start.addr(), range.end.addr());
        let shared = |e: &Event| {
            let at = std::ptr::from_ref(e).addr();
            if (start..end).contains(&at) {
                let i = (at - start) / std::mem::size_of::<Event>().max(1);
                self.refs[i].clone()
            } else {
                e.to_ref()
            }
        };
        for c in claims {
            c.event = self.grouping.event_at(source, c.span.start).map(shared);
        }
    }
}
