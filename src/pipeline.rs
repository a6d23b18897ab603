//! The pipeline, end to end: load sources, take their claims from the store when
//! it is fresh (extracting otherwise), and compare.

use crate::claim::{Claim, Event, Quote, Span};
use crate::compare::{self, Finding};
use crate::corpus::{self, Meta, Source};
use crate::error::Error;
use crate::extract::Options;
use crate::lexicon::Lexicon;
use crate::store::{ClaimFile, Store};
use std::path::PathBuf;
use std::time::Instant;

mod events;
mod gather;
mod taking;

use events::{EventRefs, recorded_events};
pub use events::{EventsFrom, assign_events, events_of, group_events, named_event};
use taking::Taking;

/// With `CLAIMDIFF_TIMINGS` set (to anything), prints to standard error how long
/// the stage that ends now took since `since`, and restarts the clock: where a
/// run's wall time goes, without a profiler.
pub fn lap(stage: &str, since: &mut Instant) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("CLAIMDIFF_TIMINGS").is_some()) {
        eprintln!(
            "claimdiff: timings: {stage}: {:.3} s{}",
            since.elapsed().as_secs_f64(),
            memory()
        );
    }
    *since = Instant::now();
}

/// The process's resident memory now and at its peak, as Linux tells it
/// (`/proc/self/status`), for the timings: where the memory goes, stage by stage.
/// Empty where there is no such file.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!(" (memory {} MB, peak {} MB)", now / 1024, peak / 1024),
        _ => String::new(),
    }
}

/// Where a source's claims came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Its claim file, which matches the source.
    Store,
    /// Extracted now: there is no claim file (or no store).
    Extracted,
    /// Extracted now and merged with the reviewed claims of a claim file made
    /// from an older version of the source.
    Stale,
    /// Extracted now and merged with the reviewed claims of a claim file made
    /// under older extraction rules (an earlier claimdiff) from this version of
    /// the source.
    Outdated,
    /// Extracted now: the claim file could not be read (see the warnings).
    Unreadable,
}

/// One source and what became of it.
#[derive(Debug, Clone)]
pub struct SourceReport {
    /// The source id.
    pub id: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// What it says about itself.
    pub meta: Meta,
    /// Where its claims came from.
    pub origin: Origin,
    /// Claims a person rejected (not compared).
    pub rejected: usize,
    /// The whole file, for showing quotes in their lines; `None` when the run
    /// was asked not to keep it ([`Texts::Drop`]).
    pub text: Option<String>,
    /// Where the body starts (after any front matter).
    pub body_start: usize,
    /// The text's hash, as its claim file records it.
    pub hash: String,
    /// For a source whose claim file is fresh: the spans and quotes of its claims
    /// that the text does not read as (a span or quote edited by hand), found
    /// while the text was at hand, so that `check` need not keep every text.
    pub misquoted: Vec<(Span, Quote)>,
}

impl SourceReport {
    /// True when the claim's quote no longer stands at its span in the text
    /// its fresh claim file was read with.
    pub fn misquotes(&self, c: &Claim) -> bool {
        self.misquoted
            .iter()
            .any(|(span, quote)| *span == c.span && *quote == c.quote)
    }
}

/// Whether a run keeps each source's text once its claims are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// Kept in [`SourceReport::text`], for the views that show a quote in its
    /// line or a source in full (HTML, `check`).
    Keep,
    /// Dropped as soon as the source's claims are taken: JSON, Markdown and text
    /// reports never show them, and they are as large as the corpus.
    Drop,
}

/// Everything a report shows.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Made when first asked: `check -q` never looks a claim up by id.
    /// The claims' positions, by id (the last of equal ids first): a claim's
    /// id is not copied again for the index, as half a million of them were.
    claim_index: std::sync::OnceLock<Vec<u32>>,
    source_index: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
    /// The sources, sorted by id.
    pub sources: Vec<SourceReport>,
    /// Every claim taken into account (rejected ones left out), by source then position.
    pub claims: Vec<Claim>,
    /// The events the sources tell of, by date.
    pub events: Vec<Event>,
    /// The findings, worst first.
    pub findings: Vec<Finding>,
    /// Files skipped and claim files that could not be read.
    pub warnings: Vec<Error>,
    /// Warnings about sources that were read (see [`corpus::Loaded::notices`]).
    pub notices: Vec<String>,
    /// Where the events came from (for `--verbose`).
    pub events_from: EventsFrom,
}

impl Report {
    /// A claim by id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        let id_of = |i: u32| self.claims[i as usize].id.as_str();
        let index = self.claim_index.get_or_init(|| {
            let mut index: Vec<u32> = (0..self.claims.len() as u32).collect();
            index.sort_unstable_by(|&a, &b| id_of(a).cmp(id_of(b)).then(b.cmp(&a)));
            index
        });
        let at = index.partition_point(|&i| id_of(i) < id);
        let &i = index.get(at).filter(|&&i| id_of(i) == id)?;
        Some(&self.claims[i as usize])
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&SourceReport> {
        let index = self.source_index.get_or_init(|| {
            self.sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect()
        });
        index.get(id).map(|&i| &self.sources[i])
    }

    /// Each source's claims, by source id, as the runs they stand in (a source's
    /// claims stand together, so a corpus is indexed by runs, not claim by claim).
    pub fn claims_by_source(&self) -> std::collections::HashMap<&str, Vec<&[Claim]>> {
        let mut by_source: std::collections::HashMap<&str, Vec<&[Claim]>> = Default::default();
        for run in self.claims.chunk_by(|a, b| a.source == b.source) {
            by_source
                .entry(run[0].source.as_str())
                .or_default()
                .push(run);
        }
        by_source
    }

    /// Claims per source id.
    pub fn claims_per_source(&self) -> std::collections::HashMap<&str, usize> {
        let mut n = std::collections::HashMap::new();
        for c in &self.claims {
            *n.entry(c.source.as_str()).or_default() += 1;
        }
        n
    }

    /// Forgets the id indexes, to be made again when next asked; call after
    /// changing `claims` or `sources`.
    pub fn index(&mut self) {
        self.claim_index = Default::default();
        self.source_index = Default::default();
    }
}

/// What the pipeline needs besides the files.
pub struct Settings<'a> {
    /// The words to use.
    pub lexicon: &'a Lexicon,
    /// Extraction settings.
    pub options: Options,
    /// The claims store, when the sources are the project's.
    pub store: Option<Store>,
    /// Keys never compared. Asked once per distinct metric, subject and place, the
    /// fields the configuration's patterns name: the answer must rest on them alone.
    pub ignored: &'a (dyn Fn(&crate::claim::Key) -> bool + Sync),
    /// Called once a source is read and its claims taken, for progress displays.
    pub on_source: &'a (dyn Fn() + Sync),
    /// The event the configuration names for a source id (`[events]`), if any.
    pub named: &'a (dyn Fn(&str) -> Option<crate::events::Named> + Sync),
}

/// The claims of one source, from its fresh claim file or extracted now, sharing
/// one copy of the source id and of each word they repeat ([`crate::claim::vocab`]).
pub fn claims_for(source: &Source, settings: &Settings) -> (ClaimFile, Origin, Option<Error>) {
    taking::claims_given(source, taking::stored_file(source, settings), settings)
}

/// Drops the claims of keys never compared. The configuration's patterns name a
/// key's metric, subject and place only, so each distinct three is asked once,
/// not every claim (each ask built a key of five strings).
fn drop_ignored(claims: &mut Vec<Claim>, ignored: &(dyn Fn(&crate::claim::Key) -> bool + Sync)) {
    let keep: Vec<bool> = {
        let mut asked: rustc_hash::FxHashMap<
            (&crate::claim::Metric, &Option<crate::claim::Subject>, &str),
            bool,
        > = Default::default();
        claims
            .iter()
            .map(|c| {
                !*asked
                    .entry((&c.metric, &c.subject, c.location.as_str()))
                    .or_insert_with(|| ignored(&c.key()))
            })
            .collect()
    };
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut keep = keep.into_iter();
    claims.retain(|_| keep.next().unwrap_or(true));
}

/// Runs load → extract → compare over a list of files.
pub fn run(files: &[PathBuf], settings: &Settings) -> Report {
    run_keeping(files, settings, Texts::Keep)
}

/// Runs load → extract → compare over a list of files, keeping their texts or not.
///
/// Each file is read with its claim file, a batch at a time: a text whose claim
/// file is fresh is dropped (unless the run keeps texts) before the next batch
/// is read, so a corpus's texts are not all held at once.
pub fn run_keeping(files: &[PathBuf], settings: &Settings, texts: Texts) -> Report {
    let mut clock = Instant::now();
    let (taking, skipped, notices) = Taking::read_files(files, settings, texts);
    lap("sources and claim files", &mut clock);
    let report = Report {
        warnings: skipped,
        notices,
        ..Report::default()
    };
    run_taking(report, taking, settings, clock)
}

/// Reads again, on every core, the texts a run dropped of the sources `wanted`
/// picks: for a view that shows a few quotes in their lines, rather than every
/// text kept through the run. A file that changed since it was read (its spans
/// may no longer fit), or that cannot be read, is left without its text, and
/// said so.
pub fn read_texts(
    report: &mut Report,
    wanted: impl Fn(&SourceReport) -> bool + Sync,
) -> Vec<Error> {
    use rayon::prelude::*;
    report
        .sources
        .par_iter_mut()
        .filter(|s| s.text.is_none() && wanted(s))
        .filter_map(|s| match Source::read(&s.path) {
            Ok(again) if again.hash == s.hash => {
                s.text = Some(again.text);
                None
            }
            Ok(_) => Some(
                Error::in_file(&s.path, "changed while claimdiff ran")
                    .with_hint("run claimdiff again"),
            ),
            Err(e) => Some(e),
        })
        .collect()
}

/// Runs extract → compare over sources already loaded (standard input among them).
pub fn run_loaded(loaded: corpus::Loaded, settings: &Settings) -> Report {
    run_loaded_keeping(loaded, settings, Texts::Keep)
}

/// Runs extract → compare over sources already loaded, keeping their texts or not.
pub fn run_loaded_keeping(loaded: corpus::Loaded, settings: &Settings, texts: Texts) -> Report {
    let mut clock = Instant::now();
    let report = Report {
        warnings: loaded.skipped,
        notices: loaded.notices,
        ..Report::default()
    };
    let taking = Taking::read_stored(loaded.sources, settings, texts);
    lap("claim files", &mut clock);
    run_taking(report, taking, settings, clock)
}

/// The rest of a run once every source is read with its claim file: events,
/// the other sources' claims, comparison.
///
/// The events are grouped before any claim is extracted: grouping needs only
/// the texts and the names people gave (in claim files among other places),
/// and its working memory is the largest of a run, so it must not come on top
/// of the claims (about 470,000 for 20,000 sources). A fresh claim file's
/// claims are the source's, though: gathered as they are read.
fn run_taking(
    mut report: Report,
    mut taking: Taking,
    settings: &Settings,
    mut clock: Instant,
) -> Report {
    let recorded = {
        // The event a person named lives in the claim file's header, which a
        // stale claim file's merge keeps as it is.
        let files = taking.claim_files();
        let plain: Vec<&Source> = taking.sources().collect();
        let named = |s: &Source| named_event(s, files.get(s.id.as_str()).copied(), settings.named);
        recorded_events(&plain, &named, settings.store.as_ref())
    };
    let (grouping, from, _) = recorded.unwrap_or_else(|regroup| {
        // Grouping reads the texts: those dropped early are read again.
        report.warnings.extend(taking.read_again());
        let plain: Vec<&Source> = taking.sources().collect();
        regroup.group(&plain, settings.lexicon)
    });
    report.events_from = from;
    taking.drop_fresh_texts();
    lap("events", &mut clock);
    taking.take_the_rest(settings);
    lap("claims (claim files or extraction)", &mut clock);
    let events = EventRefs::new(&grouping);
    taking.set_events(&events);
    lap("assign events", &mut clock);
    report.events = grouping.events;
    let (sources, warnings, claims) = taking.finish();
    report.sources = sources;
    report.warnings.extend(warnings);
    report.claims = claims;
    drop_ignored(&mut report.claims, settings.ignored);
    lap("gather claims", &mut clock);
    report.findings = compare::compare(&report.claims, settings.lexicon);
    lap("compare", &mut clock);
    report.index();
    lap("index", &mut clock);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in lexicon and options, no store, nothing ignored or named.
    fn plain_settings() -> Settings<'static> {
        Settings {
            lexicon: Lexicon::builtin(),
            options: Options::default(),
            store: None,
            ignored: &|_| false,
            on_source: &|| {},
            named: &|_| None,
        }
    }

    #[test]
    fn files_read_a_batch_at_a_time_make_the_report_a_whole_load_makes() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        // Given out of id order; one undated (its date read against the
        // others' years), one empty, two that cannot be read (said in the
        // order given).
        let files = vec![
            write(
                "c.txt",
                b"date 2022-01-08\nNine people were killed in Almaty.\n",
            ),
            write("z.txt", &[0xff, 0xfe, 0x42]),
            write(
                "a.txt",
                b"On Friday, January 7, eighteen people were killed in Almaty.\n",
            ),
            write("e.txt", b""),
            write(
                "b.txt",
                b"date 2022-01-06\nAt least 13 people were killed in Almaty.\n",
            ),
            write("d.txt", &[0xff, 0xfe, 0x41]),
        ];
        let settings = plain_settings();
        for texts in [Texts::Keep, Texts::Drop] {
            let whole = run_loaded_keeping(corpus::load(&files), &settings, texts);
            let batched = run_keeping(&files, &settings, texts);
            let ids = |r: &Report| r.sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&batched), ["a", "b", "c", "e"]);
            assert_eq!(ids(&whole), ids(&batched));
            let dates = |r: &Report| {
                r.sources
                    .iter()
                    .map(|s| s.meta.published)
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                dates(&batched)[0],
                chrono::NaiveDate::from_ymd_opt(2022, 1, 7)
            );
            assert_eq!(dates(&whole), dates(&batched));
            assert_eq!(whole.notices, batched.notices);
            assert_eq!(batched.notices.len(), 1, "{:?}", batched.notices);
            let said = |r: &Report| r.warnings.iter().map(|e| e.to_string()).collect::<Vec<_>>();
            assert_eq!(said(&batched).len(), 2);
            assert!(said(&batched)[0].contains("z.txt"), "{:?}", said(&batched));
            assert_eq!(said(&whole), said(&batched));
            assert_eq!(
                crate::render::json::render(&whole),
                crate::render::json::render(&batched)
            );
        }
    }

    #[test]
    fn a_report_without_texts_is_the_same_report() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(
            &a,
            "date 2022-01-06\nAt least 13 people were killed in Almaty.\n",
        )
        .unwrap();
        std::fs::write(
            &b,
            "date 2022-01-07\nEighteen people were killed in Almaty.\n",
        )
        .unwrap();
        let settings = plain_settings();
        let run =
            |texts| run_loaded_keeping(corpus::load(&[a.clone(), b.clone()]), &settings, texts);
        let (kept, dropped) = (run(Texts::Keep), run(Texts::Drop));
        assert!(kept.sources.iter().all(|s| s.text.is_some()));
        assert!(dropped.sources.iter().all(|s| s.text.is_none()));
        assert!(!kept.findings.is_empty());
        assert_eq!(
            crate::render::json::render(&kept),
            crate::render::json::render(&dropped)
        );
    }
}
