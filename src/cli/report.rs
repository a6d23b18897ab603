//! `claimdiff report`: the consistency report over a folder of articles.

use super::{Context, emit, notify, warn_all};
use crate::error::Result;
use crate::pipeline::{self, Settings};
use crate::render::{self, Paint};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a terminal.
    Text,
    /// For a pull-request comment.
    Markdown,
    /// The JSON contract (version 1).
    Json,
    /// A self-contained page (write it with -o report.html).
    Html,
}

/// Arguments of `claimdiff report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of .txt/.md articles, single files, or `-` for one document on standard input
    /// [default: the project's sources/].
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read reviewed claims from this folder [default: the project's claims/, for its sources].
    #[arg(long, value_name = "DIR")]
    pub claims: Option<PathBuf>,
    /// Print no warnings and no progress on standard error (errors still).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `report`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let (paths, stdin) = super::stdin::take(&args.paths)?;
    let mut inputs = match (&stdin, paths.is_empty()) {
        (Some(_), true) => Vec::new(),
        _ => ctx.inputs(&paths),
    };
    let files = crate::corpus::list_files(&inputs)?;
    let progress = match args.quiet {
        true => indicatif::ProgressBar::hidden(),
        false => super::progress(files.len()),
    };
    if stdin.is_some() {
        inputs.push(super::stdin::placeholder());
    }
    let settings = Settings {
        lexicon: &ctx.lexicon,
        options: ctx.options(),
        store: ctx.store_for(&inputs, args.claims.as_deref()),
        ignored: &|k| ctx.project.ignored(k),
        on_source: &|| super::counted(&progress),
        named: &|id| ctx.project.event_for(id),
    };
    let mut clock = std::time::Instant::now();
    // Only the page shows quotes in their sentences and sources in full.
    let texts = match args.format {
        Format::Html => pipeline::Texts::Keep,
        Format::Text | Format::Markdown | Format::Json => pipeline::Texts::Drop,
    };
    let report = match stdin {
        // Files are read a batch at a time, each with its claim file.
        None => pipeline::run_keeping(&files, &settings, texts),
        Some(source) => {
            let mut loaded = crate::corpus::load(&files);
            loaded.sources.push(source);
            loaded.sources.sort_by(|a, b| a.id.cmp(&b.id));
            pipeline::run_loaded_keeping(loaded, &settings, texts)
        }
    };
    pipeline::lap("pipeline", &mut clock);
    progress.finish_and_clear();
    ctx.tell_events(&report.events_from, settings.store.as_ref());
    if report.sources.is_empty() {
        return Err(super::nothing_read(&report.warnings, args.quiet));
    }
    if !args.quiet {
        warn_all(&report.warnings);
        notify(&report.notices);
    }
    let color = ctx.color && args.output.is_none();
    let text = match args.format {
        Format::Text => render::text::render(&report, Paint { color }),
        Format::Markdown => render::markdown::render(&report),
        Format::Json => {
            // Written as it is made: the JSON can be larger than the sources.
            super::emit_with(args.output.as_deref(), |out| {
                render::json::write(&report, out)
            })?;
            pipeline::lap("render", &mut clock);
            return Ok(ExitCode::SUCCESS);
        }
        Format::Html => render::html_report::render(&report, &ctx.lexicon),
    };
    emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
