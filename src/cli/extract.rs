//! `claimdiff extract`: write or refresh the claims store.

use super::{Context, warn_all};
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
    let options = ctx.options();
    // Always extract anew (the extractor may have improved) and keep what people reviewed.
    let results: Vec<Result<store::ClaimFile>> = loaded
        .sources
        .par_iter()
        .map(|s| {
            let stored = store.load(&s.id)?;
            let fresh = crate::extract::extract(s, &ctx.lexicon, &options).claims;
            Ok(store::merge(s, stored.as_ref(), fresh))
        })
        .collect();
    let mut failed = !loaded.skipped.is_empty();
    let mut files: Vec<(&crate::corpus::Source, store::ClaimFile)> = Vec::new();
    for (source, result) in loaded.sources.iter().zip(results) {
        match result {
            Ok(file) => files.push((source, file)),
            Err(e) => {
                // Never overwrite a claim file we cannot read: a person's review may be in it.
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    // Each file records the event its source was grouped into, for a person to correct.
    let sources: Vec<&crate::corpus::Source> = files.iter().map(|(s, _)| *s).collect();
    let by_id: std::collections::HashMap<&str, &store::ClaimFile> =
        files.iter().map(|(s, f)| (s.id.as_str(), f)).collect();
    let config = |id: &str| ctx.project.event_for(id);
    let named = |s: &crate::corpus::Source| {
        crate::pipeline::named_event(s, by_id.get(s.id.as_str()).copied(), &config)
    };
    let grouping = crate::events::group(&sources, &named, &ctx.lexicon);
    let mut files: Vec<store::ClaimFile> = files.into_iter().map(|(_, f)| f).collect();
    crate::pipeline::assign_events(&mut files.iter_mut().collect::<Vec<_>>(), &grouping);
    let (mut written, mut unchanged, mut claims) = (0, 0, 0);
    for file in files {
        claims += file.claims.len();
        if store.save(&file)? {
            written += 1;
        } else {
            unchanged += 1;
        }
    }
    if !args.quiet {
        eprintln!(
            "claimdiff: {} sources, {claims} claims; {written} claim files written, {unchanged} unchanged, in {}",
            loaded.sources.len(),
            store.dir().display()
        );
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
