//! Each source of a run and its claims as the run takes them: read from its
//! claim file when that is fresh, else extracted (and merged with the file's
//! reviewed claims), a batch of sources at a time on every core.
//!
//! A run takes them in two passes around the events stage: the fresh claim
//! files first (before grouping, which may need the event a person named in
//! one), and every other source's claims after it, so that grouping's working
//! memory never comes on top of extraction's.

use super::gather::{self, Gathered};
use super::{Origin, Settings, SourceReport, Texts};
use crate::claim::{Claim, Quote, Span};
use crate::corpus::{self, Source};
use crate::error::Error;
use crate::extract;
use crate::store::{self, ClaimFile};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// What the store holds for a source: nothing (no store, or no claim file), its
/// claim file, or why it could not be read.
pub(super) type Stored = Option<crate::error::Result<Option<ClaimFile>>>;

/// What the store holds for a source, its claims sharing their words.
pub(super) fn stored_file(source: &Source, settings: &Settings) -> Stored {
    let mut stored = settings
        .store
        .as_ref()
        .map(|s| s.load_for(source, settings.lexicon));
    if let Some(Ok(Some(file))) = &mut stored {
        crate::claim::vocab::share(&source.id.as_str().into(), &mut file.claims);
        // Read into the buffer of a larger record, the vector had a third more
        // room than its claims take; given back now, while the next files are
        // read into it, rather than held until the claims are gathered.
        file.claims.shrink_to_fit();
    }
    stored
}

/// The claims of one source given what the store holds for it ([`stored_file`]):
/// its claim file when fresh, else extracted now (and merged with the file's
/// reviewed claims), sharing their words.
pub(super) fn claims_given(
    source: &Source,
    stored: Stored,
    settings: &Settings,
) -> (ClaimFile, Origin, Option<Error>) {
    let (mut file, origin, warning) = match stored {
        Some(Ok(Some(file))) if store::is_fresh(&file, source) => (file, Origin::Store, None),
        Some(Ok(Some(file))) => {
            let origin = if file.source_hash == source.hash {
                Origin::Outdated
            } else {
                Origin::Stale
            };
            let fresh = extract::claims(source, settings.lexicon, &settings.options);
            (store::merge(source, Some(&file), fresh), origin, None)
        }
        Some(Err(e)) => {
            let fresh = extract::claims(source, settings.lexicon, &settings.options);
            (
                store::merge(source, None, fresh),
                Origin::Unreadable,
                Some(e),
            )
        }
        Some(Ok(None)) | None => {
            let claims = extract::claims(source, settings.lexicon, &settings.options);
            (store::merge(source, None, claims), Origin::Extracted, None)
        }
    };
    if origin != Origin::Store {
        crate::claim::vocab::share(&source.id.as_str().into(), &mut file.claims);
    }
    (file, origin, warning)
}

/// The spans and quotes of claims the text does not read as: a claim a person
/// added has no span, and is left out.
fn misquoted(claims: &[Claim], text: &str) -> Vec<(Span, Quote)> {
    claims
        .iter()
        .filter(|c| c.span.end > 0 && text.get(c.span.start..c.span.end) != Some(c.quote.as_str()))
        .map(|c| (c.span, c.quote.clone()))
        .collect()
}

/// Reads again the texts dropped early (`early[i]` for the `i`th source) for
/// grouping. A file that no longer reads as it did (edited during the run) is
/// taken as it now reads, as a run started a moment later would take it; one
/// that cannot be read keeps an empty text. Either is a warning.
fn read_again(stored: &mut [(Source, Stored)], early: &[bool]) -> Vec<Error> {
    stored
        .par_iter_mut()
        .zip(early)
        .filter(|(_, early)| **early)
        .filter_map(|((s, _), _)| match Source::read(&s.path) {
            Ok(again) if again.hash == s.hash => {
                s.text = again.text;
                None
            }
            Ok(again) => {
                *s = again;
                Some(
                    Error::in_file(&s.path, "changed while claimdiff ran".to_string())
                        .with_hint("run claimdiff again"),
                )
            }
            Err(e) => Some(e),
        })
        .collect()
}

/// A source read from its file: what the store holds for it, the notices about
/// it ([`corpus::notices_of`]), and whether it is a file on disk.
type Read = (Source, Stored, Vec<String>, bool);

/// A source's claims, where they came from, and why its claim file was not read.
type Taken = (ClaimFile, Origin, Option<Error>);

/// Every source of a run, what the store holds for it, and the claims taken so far.
pub(super) struct Taking {
    /// Each source, in the run's order, and what the store holds for it (taken
    /// once its claims are).
    stored: Vec<(Source, Stored)>,
    gathered: Gathered,
    /// Whether a source's claim file was fresh: its claims are taken.
    fresh: Vec<bool>,
    /// Whether a source's text was dropped when its fresh claim file was read.
    early: Vec<bool>,
    /// How many claims of a source a person rejected.
    rejected: Vec<usize>,
    /// Per source: its fresh claim file's claims that the text does not read
    /// as ([`SourceReport::misquoted`]).
    misquoted: Vec<Vec<(Span, Quote)>>,
    origins: Vec<Origin>,
    warnings: Vec<Option<Error>>,
    texts: Texts,
}

impl Taking {
    /// Room for `n` sources, none read yet.
    fn with_room(n: usize, texts: Texts) -> Taking {
        Taking {
            stored: Vec::with_capacity(n),
            gathered: Gathered::new(n),
            fresh: Vec::with_capacity(n),
            early: Vec::with_capacity(n),
            rejected: Vec::with_capacity(n),
            misquoted: Vec::with_capacity(n),
            origins: Vec::with_capacity(n),
            warnings: Vec::with_capacity(n),
            texts,
        }
    }

    /// Reads what the store holds for every source, taking the claims of each
    /// fresh claim file as it is read (and, unless the texts are kept, dropping
    /// that source's text: nothing but the grouping reads it, and only when the
    /// store's record of the events does not hold; the next claim files are
    /// read into its room, and it is read again from disk if it is needed).
    pub fn read_stored(sources: Vec<Source>, settings: &Settings, texts: Texts) -> Taking {
        let mut taking = Taking::with_room(sources.len(), texts);
        let mut sources = sources.into_iter();
        loop {
            let batch: Vec<Source> = sources.by_ref().take(gather::BATCH).collect();
            if batch.is_empty() {
                break;
            }
            let read: Vec<(Source, Stored, bool)> = batch
                .into_par_iter()
                .map(|s| {
                    let file = stored_file(&s, settings);
                    // Standard input cannot be read again.
                    let on_disk = s.path.is_file();
                    (s, file, on_disk)
                })
                .collect();
            for (s, file, on_disk) in read {
                taking.push(s, file, settings, on_disk);
            }
        }
        taking
    }

    /// [`Taking::read_stored`] of the sources in `files`, each read with what
    /// the store holds for it a batch at a time: a text whose claim file is
    /// fresh is dropped before the next batch is read, so a corpus's texts are
    /// never all held at once. What [`corpus::load`] does besides (publication
    /// dates inferred against the corpus's years, the notices) is done as it
    /// does, the sources in its order. Returns the files that could not be
    /// read, and the notices.
    pub fn read_files(
        files: &[PathBuf],
        settings: &Settings,
        texts: Texts,
    ) -> (Taking, Vec<Error>, Vec<String>) {
        let order = corpus::id_order(files);
        let mut taking = Taking::with_room(files.len(), texts);
        let (mut skipped, mut notices) = (Vec::new(), Vec::new());
        for batch in order.chunks(gather::BATCH) {
            let read: Vec<Result<Read, (usize, Error)>> = batch
                .par_iter()
                .map(|&i| {
                    let p = &files[i];
                    let s = Source::read(p).map_err(|e| (i, e))?;
                    let file = stored_file(&s, settings);
                    let notices = corpus::notices_of(&s);
                    let on_disk = p.is_file();
                    Ok((s, file, notices, on_disk))
                })
                .collect();
            for r in read {
                match r {
                    Ok((s, file, said, on_disk)) => {
                        notices.extend(said);
                        // An undated text is read for its date once the
                        // corpus's years are known: kept until then.
                        let dated = s.meta.published.is_some();
                        taking.push(s, file, settings, on_disk && dated);
                    }
                    Err(e) => skipped.push(e),
                }
            }
        }
        // The files that could not be read, in the order given, as a load says.
        skipped.sort_by_key(|(i, _)| *i);
        let skipped: Vec<Error> = skipped.into_iter().map(|(_, e)| e).collect();
        let hints = corpus::year_hints(taking.sources().map(Source::date_given));
        for (i, (s, _)) in taking.stored.iter_mut().enumerate() {
            if s.meta.published.is_none() {
                s.infer_published(&hints);
                if taking.fresh[i] && texts == Texts::Drop && s.path.is_file() {
                    s.text = String::new();
                    taking.early[i] = true;
                }
            }
        }
        (taking, skipped, notices)
    }

    /// Takes one source and what the store holds for it: the claims of a fresh
    /// claim file are taken now, and the text dropped if the run drops texts
    /// and `drop_now` allows (it can be read again from disk, and is not
    /// needed before the events are grouped).
    fn push(&mut self, mut s: Source, mut file: Stored, settings: &Settings, drop_now: bool) {
        let i = self.stored.len();
        self.fresh.push(false);
        self.early.push(false);
        self.rejected.push(0);
        self.misquoted.push(Vec::new());
        self.origins.push(Origin::Store);
        self.warnings.push(None);
        if let Some(Ok(Some(f))) = &mut file
            && store::is_fresh(f, &s)
        {
            self.misquoted[i] = misquoted(&f.claims, &s.text);
            // The header stays: the event a person named lives there.
            self.rejected[i] = self.gathered.take(i, std::mem::take(&mut f.claims));
            self.fresh[i] = true;
            (settings.on_source)();
            if self.texts == Texts::Drop && drop_now {
                s.text = String::new();
                self.early[i] = true;
            }
        }
        self.stored.push((s, file));
    }

    /// The sources, in the run's order.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.stored.iter().map(|(s, _)| s)
    }

    /// The claim files read, by source id.
    pub fn claim_files(&self) -> HashMap<&str, &ClaimFile> {
        self.stored
            .iter()
            .filter_map(|(s, f)| match f {
                Some(Ok(Some(file))) => Some((s.id.as_str(), file)),
                _ => None,
            })
            .collect()
    }

    /// Reads again, for grouping, the texts dropped when their claim files were
    /// read ([`read_again`]); returns the warnings.
    pub fn read_again(&mut self) -> Vec<Error> {
        read_again(&mut self.stored, &self.early)
    }

    /// Drops the texts of the sources whose claims are taken, unless the run
    /// keeps them.
    pub fn drop_fresh_texts(&mut self) {
        if self.texts == Texts::Drop {
            for ((s, _), _) in self.stored.iter_mut().zip(&self.fresh).filter(|(_, f)| **f) {
                s.text = String::new();
            }
        }
    }

    /// Takes the claims of every source whose claim file was not fresh:
    /// extracted now, a batch at a time on every core, each text dropped (unless
    /// the run keeps them) once its claims are taken.
    pub fn take_the_rest(&mut self, settings: &Settings) {
        let todo: Vec<usize> = (0..self.stored.len()).filter(|&i| !self.fresh[i]).collect();
        for batch in todo.chunks(gather::BATCH) {
            let files: Vec<(usize, Stored)> = batch
                .iter()
                .map(|&i| (i, self.stored[i].1.take()))
                .collect();
            let stored = &self.stored;
            let taken: Vec<(usize, Taken)> = files
                .into_par_iter()
                .map(|(i, file)| {
                    let claims = claims_given(&stored[i].0, file, settings);
                    (settings.on_source)();
                    (i, claims)
                })
                .collect();
            for (i, (file, origin, warning)) in taken {
                self.rejected[i] = self.gathered.take(i, file.claims);
                self.origins[i] = origin;
                self.warnings[i] = warning;
                if self.texts == Texts::Drop {
                    self.stored[i].0.text = String::new();
                }
            }
        }
    }

    /// Sets every claim's event, on every core.
    pub fn set_events(&mut self, events: &super::EventRefs) {
        let stored = &self.stored;
        self.gathered
            .per_source()
            .into_par_iter()
            .for_each(|(i, claims)| events.set(&stored[i].0.id, claims));
    }

    /// The report's sources, the warnings reading their claim files gave (in
    /// the sources' order), and every claim, by source.
    pub fn finish(mut self) -> (Vec<SourceReport>, Vec<Error>, Vec<Claim>) {
        let keep = self.texts == Texts::Keep;
        let mut warnings = self.warnings;
        let mut sources = Vec::with_capacity(self.stored.len());
        let mut found = Vec::new();
        for (i, (source, _)) in self.stored.into_iter().enumerate() {
            found.extend(warnings[i].take());
            sources.push(SourceReport {
                id: source.id,
                path: source.path,
                meta: source.meta,
                origin: self.origins[i],
                rejected: self.rejected[i],
                text: keep.then_some(source.text),
                body_start: source.body_start,
                hash: source.hash,
                misquoted: std::mem::take(&mut self.misquoted[i]),
            });
        }
        (sources, found, self.gathered.into_claims())
    }
}
