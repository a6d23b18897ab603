//! `claimdiff claims`: the claims of each source, or with `--explain` every number
//! in the text and what became of it, so nothing the extractor ignored is hidden.

use super::{Context, emit, warn_all};
use crate::error::Result;
use crate::extract::{self, Outcome};
use crate::pipeline::{Settings, claims_for};
use clap::ValueEnum;
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

/// Arguments of `claimdiff claims`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of .txt/.md articles, or single files [default: the project's sources/].
    pub paths: Vec<PathBuf>,
    /// List every number in the text: the claim it became, or why it was skipped.
    #[arg(long)]
    pub explain: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `claims`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let inputs = ctx.inputs(&args.paths);
    let files = crate::corpus::list_files(&inputs)?;
    let loaded = crate::corpus::load(&files);
    warn_all(&loaded.skipped);
    if loaded.sources.is_empty() {
        return Err(loaded
            .skipped
            .into_iter()
            .next()
            .unwrap_or_else(|| crate::error::Error::new("no sources could be read")));
    }
    let settings = Settings {
        lexicon: &ctx.lexicon,
        options: ctx.options(),
        store: ctx.store_for(&inputs, None),
        ignored: &|_| false,
        on_source: &|| {},
        named: &|id| ctx.project.event_for(id),
    };
    let mut text = String::new();
    let mut json = Vec::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let (mut numbers, mut claimed) = (0, 0);
    for source in &loaded.sources {
        let path = source.path.display().to_string();
        if args.explain {
            // What the extractor did with the text as it stands now.
            let ex = extract::extract(source, &ctx.lexicon, &settings.options);
            let _ = writeln!(text, "{path}");
            for e in &ex.explained {
                numbers += 1;
                let col = crate::error::line_col(&source.text, e.span.start).1;
                let figure = crate::render::short_quote(e.text(&source.text), 24);
                let (what, detail) = match &e.outcome {
                    Outcome::Claim(id) => {
                        claimed += 1;
                        let c = ex
                            .claims
                            .iter()
                            .find(|c| &c.id == id)
                            .expect("every claim outcome names a claim");
                        let date = c.as_of.map_or_else(|| "undated".into(), |d| d.to_string());
                        (
                            format!("claim {id}"),
                            format!("{} · {} as of {date}", c.key(), c.figure()),
                        )
                    }
                    Outcome::Skipped(why) => {
                        *reasons.entry(why.to_string()).or_default() += 1;
                        ("skipped".to_string(), why.to_string())
                    }
                };
                let _ = writeln!(
                    text,
                    "  {:>5}:{:<4} {:<26} {what}: {detail}",
                    e.line, col, figure
                );
                json.push(serde_json::json!({
                    "source": source.id, "path": path, "line": e.line, "column": col,
                    "span": [e.span.start, e.span.end], "text": e.text(&source.text),
                    "outcome": if matches!(e.outcome, Outcome::Claim(_)) { "claim" } else { "skipped" },
                    "claim": match &e.outcome { Outcome::Claim(id) => Some(id.as_str()), _ => None },
                    "reason": match &e.outcome { Outcome::Skipped(w) => Some(w.to_string()), _ => None },
                }));
            }
        } else {
            let (file, _, warning) = claims_for(source, &settings);
            if let Some(w) = warning {
                eprintln!("warning: {w}");
            }
            for c in file
                .claims
                .iter()
                .filter(|c| c.status != crate::claim::Status::Rejected)
            {
                claimed += 1;
                let date = c.as_of.map_or_else(|| "undated".into(), |d| d.to_string());
                let _ = writeln!(
                    text,
                    "{path}:{}: {} · {} as of {date}: \"{}\"",
                    c.line,
                    c.key(),
                    c.figure(),
                    crate::render::short_quote(&c.quote, 80)
                );
                json.push(serde_json::json!({
                    "id": c.id, "source": c.source, "path": path, "line": c.line, "metric": c.metric.0,
                    "subject": c.subject.as_ref().map(|s| s.0.as_str()), "location": c.location,
                    "figure": c.figure(), "as_of": c.as_of.map(|d| d.to_string()), "quote": c.quote,
                    "status": c.status,
                }));
            }
        }
    }
    if args.explain {
        let skipped: Vec<String> = reasons.iter().map(|(r, n)| format!("{r} {n}")).collect();
        let _ = writeln!(
            text,
            "\n{numbers} numbers: {claimed} claims, {} skipped ({})",
            numbers - claimed,
            skipped.join(", ")
        );
    }
    let out = match args.format {
        Format::Text => text,
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&json).expect("plain JSON values serialize");
            s.push('\n');
            s
        }
    };
    emit(&out, None)?;
    Ok(ExitCode::SUCCESS)
}
