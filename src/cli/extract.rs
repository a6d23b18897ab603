//! `claimdiff extract`: write or refresh the claims store.

use super::{Context, notify, warn_all};
use crate::error::{Error, Result};
use crate::store;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `claimdiff extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of .txt/.md articles, or single files [default: the project's sources/].
    pub paths: Vec<PathBuf>,
    /// Write claim files to this folder [default: the project's claims/].
    #[arg(long, value_name = "DIR")]
    pub claims: Option<PathBuf>,
    /// Print nothing but errors and warnings.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `extract`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    super::stdin::refuse(&args.paths, "extract")?;
    let inputs = ctx.inputs(&args.paths);
    let files = crate::corpus::list_files(&inputs)?;
    let store = ctx
        .store_for(&inputs, args.claims.as_deref())
        .ok_or_else(|| {
            Error::new(format!(
                "{} is outside the project's sources folder ({})",
                inputs
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                ctx.project.sources_dir().display()
            ))
            .with_hint("pass --claims DIR to say where its claim files go")
        })?;
    let loaded = crate::corpus::load(&files);
    warn_all(&loaded.skipped);
    notify(&loaded.notices);
    let options = ctx.options();
    // One run at a time writes the folder; a person's edits are merged at each rename.
    let _lock = store.lock()?;
    // Always extract anew (the extractor may have improved) and keep what people
    // reviewed. The stored files are read first for the events people named.
    let mut clock = std::time::Instant::now();
    let stored: Vec<Result<Option<store::ClaimFile>>> = loaded
        .sources
        .par_iter()
        .map(|s| store.load_if_named(&s.id))
        .collect();
    crate::pipeline::lap("read claim files", &mut clock);
    // Each file records the event its source was grouped into, for a person to correct.
    let by_id: std::collections::HashMap<&str, &store::ClaimFile> = loaded
        .sources
        .iter()
        .zip(&stored)
        .filter_map(|(s, stored)| Some((s.id.as_str(), stored.as_ref().ok()?.as_ref()?)))
        .collect();
    let config = |id: &str| ctx.project.event_for(id);
    let named = |s: &crate::corpus::Source| {
        crate::pipeline::named_event(s, by_id.get(s.id.as_str()).copied(), &config)
    };
    let sources: Vec<&crate::corpus::Source> = loaded.sources.iter().collect();
    // Grouping reads the sources, not their claims: it runs beside the extraction,
    // each taking a core when the other leaves it idle.
    let (extracted, (grouping, _, fingerprint)) = rayon::join(
        || -> Vec<Vec<crate::claim::Claim>> {
            loaded
                .sources
                .par_iter()
                .map(|s| crate::extract::claims(s, &ctx.lexicon, &options))
                .collect()
        },
        || crate::pipeline::events_of(&sources, &named, &ctx.lexicon, Some(&store)),
    );
    crate::pipeline::lap("extraction and events", &mut clock);
    let results: Vec<Result<store::Saved>> = loaded
        .sources
        .par_iter()
        .zip(extracted)
        .map(|(s, fresh)| {
            let event = grouping.event_of(&s.id).map(|e| store::SourceEvent {
                name: e.label.clone(),
                status: crate::claim::Status::Extracted,
            });
            store.commit(s, fresh, &ctx.lexicon, event)
        })
        .collect();
    let mut failed = !loaded.skipped.is_empty();
    let (mut written, mut unchanged, mut claims) = (0, 0, 0);
    for result in results {
        match result {
            Ok(saved) => {
                claims += saved.claims;
                if saved.written {
                    written += 1;
                } else {
                    unchanged += 1;
                }
            }
            Err(e) => {
                // Never overwrite a claim file we cannot read: a person's review may be in it.
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    crate::pipeline::lap("claim files written", &mut clock);
    // Recorded so that `check` and `report` over these very sources need not regroup.
    let recorded = store.record_events(&fingerprint, &grouping.events)?;
    if written > 0 || recorded {
        store.sync()?;
    }
    crate::pipeline::lap("events recorded and synced", &mut clock);
    if !args.quiet {
        eprintln!(
            "claimdiff: {}, {}; {} written, {unchanged} unchanged, in {}",
            crate::render::count(loaded.sources.len(), "source"),
            crate::render::count(claims, "claim"),
            crate::render::count(written, "claim file"),
            store.dir().display()
        );
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
