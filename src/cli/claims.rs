//! `claimdiff claims`: the claims of each source, or with `--explain` every number
//! in the text and what became of it, so nothing the extractor ignored is hidden.

use super::{Context, emit, emit_with, notify, warn_all};
use crate::error::Result;
use crate::extract::{self, Outcome};
use crate::pipeline::{Settings, claims_for};
use clap::ValueEnum;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line a claim (or a number).
    Text,
    /// A list of objects.
    Json,
}

/// How many sources are read on every core before they are listed: enough to
/// keep the cores busy, few enough that their extractions stay small.
const BATCH: usize = 256;

/// A source's claims: extracted afresh with every number's outcome
/// (`--explain`), or as a run takes them, with why its claim file was not read.
enum Taken {
    Explained(extract::Extraction),
    Stored(crate::store::ClaimFile, Option<crate::error::Error>),
}

/// Arguments of `claimdiff claims`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of .txt/.md articles, single files, or `-` for one document on standard input
    /// [default: the project's sources/].
    pub paths: Vec<PathBuf>,
    /// List every number in the text: the claim it became, or why it was skipped.
    #[arg(long)]
    pub explain: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the list to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print no warnings on standard error (errors still).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `claims`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let (paths, stdin) = super::stdin::take(&args.paths)?;
    let mut inputs = match (&stdin, paths.is_empty()) {
        (Some(_), true) => Vec::new(),
        _ => ctx.inputs(&paths),
    };
    let files = crate::corpus::list_files(&inputs)?;
    let mut loaded = crate::corpus::load(&files);
    if let Some(source) = stdin {
        loaded.sources.push(source);
        loaded.sources.sort_by(|a, b| a.id.cmp(&b.id));
        inputs.push(super::stdin::placeholder());
    }
    if loaded.sources.is_empty() {
        return Err(super::nothing_read(&loaded.skipped, args.quiet));
    }
    if !args.quiet {
        warn_all(&loaded.skipped);
        notify(&loaded.notices);
    }
    let settings = Settings {
        lexicon: &ctx.lexicon,
        options: ctx.options(),
        store: ctx.store_for(&inputs, None),
        ignored: &|_| false,
        on_source: &|| {},
        named: &|id| ctx.project.event_for(id),
    };
    // Only the format asked for is made: a list of a corpus's claims is large.
    let as_text = args.format == Format::Text;
    let mut text = String::new();
    let mut numbers_json = Vec::new();
    let mut files: Vec<(&crate::corpus::Source, crate::store::ClaimFile)> = Vec::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let (mut numbers, mut claimed) = (0, 0);
    // Each source's claims are taken on every core, a batch at a time, and
    // listed in the sources' order.
    let take = |source: &crate::corpus::Source| {
        if args.explain {
            // What the extractor did with the text as it stands now.
            Taken::Explained(extract::extract(source, &ctx.lexicon, &settings.options))
        } else {
            let (file, _, warning) = claims_for(source, &settings);
            Taken::Stored(file, warning)
        }
    };
    let taken = loaded
        .sources
        .chunks(BATCH)
        .flat_map(|batch| batch.par_iter().map(take).collect::<Vec<_>>());
    for (source, taken) in loaded.sources.iter().zip(taken) {
        let path = source.path.display().to_string();
        match taken {
            Taken::Explained(ex) => {
                let lines = crate::error::LineIndex::new(&source.text);
                let claim_at: std::collections::HashMap<&str, &crate::claim::Claim> =
                    ex.claims.iter().map(|c| (c.id.as_str(), c)).collect();
                if as_text {
                    let _ = writeln!(text, "{path}");
                }
                for e in &ex.explained {
                    numbers += 1;
                    let col = lines.line_col(&source.text, e.span.start).1;
                    match &e.outcome {
                        Outcome::Claim(_) => claimed += 1,
                        Outcome::Skipped(why) => *reasons.entry(why.to_string()).or_default() += 1,
                    }
                    if !as_text {
                        numbers_json.push(serde_json::json!({
                            "source": source.id, "line": e.line, "column": col,
                            "span": { "start": e.span.start, "end": e.span.end }, "text": e.text(&source.text),
                            "outcome": if matches!(e.outcome, Outcome::Claim(_)) { "claim" } else { "skipped" },
                            "claim": match &e.outcome { Outcome::Claim(id) => Some(id.as_str()), _ => None },
                            "reason": match &e.outcome { Outcome::Skipped(w) => Some(w.to_string()), _ => None },
                        }));
                        continue;
                    }
                    let figure = crate::render::short_quote(e.text(&source.text), 24);
                    let (what, detail) = match &e.outcome {
                        Outcome::Claim(id) => {
                            let c = claim_at[id.as_str()];
                            let date = c.as_of.map_or_else(|| "undated".into(), |d| d.to_string());
                            (
                                format!("claim {id}"),
                                format!("{} · {} as of {date}", c.key(), c.figure()),
                            )
                        }
                        Outcome::Skipped(why) => ("skipped".to_string(), why.to_string()),
                    };
                    let _ = writeln!(
                        text,
                        "  {:>5}:{:<4} {:<26} {what}: {detail}",
                        e.line, col, figure
                    );
                }
                files.push((source, crate::store::merge(source, None, ex.claims)));
            }
            Taken::Stored(file, warning) => {
                if let Some(w) = warning.filter(|_| !args.quiet) {
                    eprintln!("warning: {w}");
                }
                for c in file
                    .claims
                    .iter()
                    .filter(|c| c.status != crate::claim::Status::Rejected)
                {
                    claimed += 1;
                    if !as_text {
                        continue;
                    }
                    let date = c.as_of.map_or_else(|| "undated".into(), |d| d.to_string());
                    let _ = writeln!(
                        text,
                        "{path}:{}: {} · {} as of {date}: \"{}\"",
                        c.line,
                        c.key(),
                        c.figure(),
                        crate::render::quote::around_figure(c, 80)
                    );
                }
                files.push((source, file));
            }
        }
    }
    // Claims carry their event, as they do in the report.
    let listed: Vec<crate::claim::Claim> = {
        let mut pairs: Vec<(&crate::corpus::Source, &mut crate::store::ClaimFile)> =
            files.iter_mut().map(|(s, f)| (*s, f)).collect();
        let grouping = crate::pipeline::group_events(&pairs, &settings);
        let mut only: Vec<&mut crate::store::ClaimFile> =
            pairs.iter_mut().map(|(_, f)| &mut **f).collect();
        crate::pipeline::assign_events(&mut only, &grouping);
        files
            .into_iter()
            .flat_map(|(_, f)| f.claims)
            .filter(|c| c.status != crate::claim::Status::Rejected)
            .collect()
    };
    if args.explain {
        let skipped: Vec<String> = reasons.iter().map(|(r, n)| format!("{r} {n}")).collect();
        let why = if skipped.is_empty() {
            String::new()
        } else {
            format!(" ({})", skipped.join(", "))
        };
        let _ = writeln!(
            text,
            "\n{}: {}, {} skipped{why}",
            crate::render::count(numbers, "number"),
            crate::render::count(claimed, "claim"),
            numbers - claimed,
        );
    }
    match args.format {
        Format::Text => emit(&text, args.output.as_deref())?,
        Format::Json => emit_with(args.output.as_deref(), |out| {
            let numbers = args.explain.then_some(numbers_json);
            crate::render::json::write_claims(out, &loaded.sources, &listed, numbers)
        })?,
    }
    Ok(ExitCode::SUCCESS)
}
