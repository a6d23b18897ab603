//! `claimdiff events`: which events the sources tell of, and why sources were joined.

use super::{Context, emit, notify, warn_all};
use crate::claim::Event;
use crate::error::Result;
use crate::render::printable;
use clap::ValueEnum;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a terminal.
    Text,
    /// `{"version": 1, "events": [...]}`, each event as in the report's `events`.
    Json,
}

/// Arguments of `claimdiff events`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of .txt/.md articles, or single files [default: the project's sources/].
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the list to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read reviewed events from the claim files in this folder [default: the project's claims/, for its sources].
    #[arg(long, value_name = "DIR")]
    pub claims: Option<PathBuf>,
    /// Print no warnings on standard error (errors still).
    #[arg(long, short)]
    pub quiet: bool,
    /// Say why two sources (by id, or a section as `source#offset`) were or
    /// were not grouped into one event: their kind, place and date, how alike
    /// they are, what they share, and the rules' verdict.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub pair: Option<Vec<String>>,
}

/// Runs `events`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let inputs = ctx.inputs(&args.paths);
    let files = crate::corpus::list_files(&inputs)?;
    let loaded = crate::corpus::load(&files);
    if loaded.sources.is_empty() {
        return Err(super::nothing_read(&loaded.skipped, args.quiet));
    }
    if !args.quiet {
        warn_all(&loaded.skipped);
        notify(&loaded.notices);
    }
    let store = ctx.store_for(&inputs, args.claims.as_deref());
    // A claim file that cannot be read names no event; `report` says why. Only
    // the files that name one are kept, and their claims are not read otherwise.
    let stored: std::collections::HashMap<&str, crate::store::ClaimFile> = loaded
        .sources
        .par_iter()
        .filter_map(|s| Some((s.id.as_str(), store.as_ref()?.load_if_named(&s.id).ok()??)))
        .collect();
    let config = |id: &str| ctx.project.event_for(id);
    let named = |s: &crate::corpus::Source| {
        crate::pipeline::named_event(s, stored.get(s.id.as_str()), &config)
    };
    let sources: Vec<&crate::corpus::Source> = loaded.sources.iter().collect();
    let grouping = crate::events::group(&sources, &named, &ctx.lexicon);
    if let Some([a, b]) = args.pair.as_deref() {
        // A source, or a section of one as the list gives it: `source#offset`.
        let event_of = |id: &str| match id.split_once('#') {
            Some((source, offset)) => offset
                .parse()
                .ok()
                .and_then(|at| grouping.event_at(source, at)),
            None => grouping.event_of(id),
        };
        let Some(why) = crate::events::explain_pair(&sources, &named, &ctx.lexicon, a, b) else {
            let missing = if event_of(a).is_none() { a } else { b };
            return Err(crate::error::Error::new(format!(
                "no source `{}` among the sources read",
                printable(missing)
            ))
            .with_hint(
                "give source ids as `claimdiff events` lists them (file names without extension, \
                 or a section as `source#offset`)",
            ));
        };
        let verdict = match (event_of(a), event_of(b)) {
            (Some(x), Some(y)) if x.id == y.id => format!("one event: {}  {}", x.id, x.label),
            (Some(x), Some(y)) => {
                format!("two events: {}  {} / {}  {}", x.id, x.label, y.id, y.label)
            }
            _ => "not grouped".to_string(),
        };
        emit(
            &format!("{}{}\n", printable(&why), printable(&verdict)),
            args.output.as_deref(),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match args.format {
        Format::Text => text(&grouping.events, sources.len()),
        Format::Json => {
            let doc = serde_json::json!({ "version": 1, "events": grouping.events });
            let mut s = serde_json::to_string_pretty(&doc).expect("events serialize: plain data");
            s.push('\n');
            s
        }
    };
    emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

/// One block per event: id, label, span of dates, sources, and why they were joined.
pub fn text(events: &[Event], sources: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} event{} in {sources} source{}",
        events.len(),
        if events.len() == 1 { "" } else { "s" },
        if sources == 1 { "" } else { "s" }
    );
    for e in events {
        let span = match (e.date, e.until) {
            (Some(a), Some(b)) if a != b => format!(" ({a} to {b})"),
            _ => String::new(),
        };
        let _ = writeln!(out, "\n{}  {}{span}", e.id, printable(&e.label));
        for s in &e.sources {
            let _ = writeln!(out, "  {}", printable(s));
        }
        for s in &e.sections {
            let _ = writeln!(out, "  section {}", printable(s));
        }
        for w in &e.why {
            let _ = writeln!(out, "  why: {}", printable(w));
        }
    }
    out
}
