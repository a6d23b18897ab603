//! The pipeline, end to end: load sources, take their claims from the store when
//! it is fresh (extracting otherwise), and compare.

use crate::claim::Claim;
use crate::compare::{self, Finding};
use crate::corpus::{self, Meta, Source};
use crate::error::Error;
use crate::extract::{self, Extraction, Options};
use crate::lexicon::Lexicon;
use crate::store::{self, ClaimFile, Store};
use rayon::prelude::*;
use std::path::PathBuf;

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
    /// The whole file, for showing quotes in their lines.
    pub text: String,
    /// Where the body starts (after any front matter).
    pub body_start: usize,
}

/// Everything a report shows.
#[derive(Debug, Clone, Default)]
pub struct Report {
    claim_index: std::collections::HashMap<String, usize>,
    source_index: std::collections::HashMap<String, usize>,
    /// The sources, sorted by id.
    pub sources: Vec<SourceReport>,
    /// Every claim taken into account (rejected ones left out), by source then position.
    pub claims: Vec<Claim>,
    /// The findings, worst first.
    pub findings: Vec<Finding>,
    /// Files skipped and claim files that could not be read.
    pub warnings: Vec<Error>,
}

impl Report {
    /// A claim by id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claim_index.get(id).map(|&i| &self.claims[i])
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&SourceReport> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    /// Claims per source id.
    pub fn claims_per_source(&self) -> std::collections::HashMap<&str, usize> {
        let mut n = std::collections::HashMap::new();
        for c in &self.claims {
            *n.entry(c.source.as_str()).or_default() += 1;
        }
        n
    }

    /// Builds the id indexes; call after `claims` and `sources` are final.
    pub fn index(&mut self) {
        self.claim_index = self
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        self.source_index = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
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
    /// Keys never compared.
    pub ignored: &'a (dyn Fn(&crate::claim::Key) -> bool + Sync),
    /// Called once a source is read and its claims taken, for progress displays.
    pub on_source: &'a (dyn Fn() + Sync),
}

/// The claims of one source, from its fresh claim file or extracted now.
pub fn claims_for(source: &Source, settings: &Settings) -> (ClaimFile, Origin, Option<Error>) {
    let stored = settings
        .store
        .as_ref()
        .map(|s| s.load_for(source, settings.lexicon));
    match stored {
        Some(Ok(Some(file))) if store::is_fresh(&file, source) => (file, Origin::Store, None),
        Some(Ok(Some(file))) => {
            let fresh = extract::extract(source, settings.lexicon, &settings.options).claims;
            (
                store::merge(source, Some(&file), fresh),
                Origin::Stale,
                None,
            )
        }
        Some(Err(e)) => {
            let fresh = extract::extract(source, settings.lexicon, &settings.options).claims;
            (
                store::merge(source, None, fresh),
                Origin::Unreadable,
                Some(e),
            )
        }
        Some(Ok(None)) | None => {
            let Extraction { claims, .. } =
                extract::extract(source, settings.lexicon, &settings.options);
            (store::merge(source, None, claims), Origin::Extracted, None)
        }
    }
}

/// Runs load → extract → compare over a list of files.
pub fn run(files: &[PathBuf], settings: &Settings) -> Report {
    let loaded = corpus::load(files);
    let mut report = Report {
        warnings: loaded.skipped,
        ..Report::default()
    };
    let per_source: Vec<_> = loaded
        .sources
        .into_par_iter()
        .map(|s| {
            let claims = claims_for(&s, settings);
            (settings.on_source)();
            (s, claims)
        })
        .collect();
    for (source, (file, origin, warning)) in per_source {
        report.warnings.extend(warning);
        let rejected = file
            .claims
            .iter()
            .filter(|c| c.status == crate::claim::Status::Rejected)
            .count();
        report.claims.extend(file.claims.into_iter().filter(|c| {
            c.status != crate::claim::Status::Rejected && !(settings.ignored)(&c.key())
        }));
        report.sources.push(SourceReport {
            id: source.id,
            path: source.path,
            meta: source.meta,
            origin,
            rejected,
            text: source.text,
            body_start: source.body_start,
        });
    }
    report.findings = compare::compare(&report.claims, settings.lexicon);
    report.index();
    report
}
