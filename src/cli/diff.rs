//! `claimdiff diff A B`: two sources side by side.

use super::{Context, emit};
use crate::corpus::Source;
use crate::diff::{Diff, Side};
use crate::error::{Error, Result};
use crate::pipeline::{Settings, claims_for};
use crate::render;
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Two columns for a terminal.
    Text,
    /// A self-contained page.
    Html,
    /// The alignment and claim rows.
    Json,
}

/// Arguments of `claimdiff diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The left source: an id from the project's sources, or a path.
    pub a: String,
    /// The right source: an id from the project's sources, or a path.
    pub b: String,
    /// Total width in columns [default: $COLUMNS, else the terminal's, else 120].
    #[arg(long, short, value_name = "N")]
    pub width: Option<usize>,
    /// Print only the claims table.
    #[arg(long)]
    pub claims_only: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the output to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Finds a source by path or by id in the project's sources folder.
fn resolve(ctx: &Context, what: &str) -> Result<PathBuf> {
    let as_path = Path::new(what);
    if as_path.is_dir() {
        return Err(Error::in_file(as_path, "is a folder")
            .with_hint("diff takes two files or two source ids"));
    }
    if as_path.is_file() {
        return Ok(as_path.to_path_buf());
    }
    let dir = ctx.project.sources_dir();
    let files = crate::corpus::list_files(std::slice::from_ref(&dir)).unwrap_or_default();
    let stem = |p: &PathBuf| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if let Some(p) = files.iter().find(|p| stem(p) == what) {
        return Ok(p.clone());
    }
    let mut near: Vec<(f64, String)> = files
        .iter()
        .map(|p| (strsim::jaro_winkler(what, &stem(p)), stem(p)))
        .collect();
    near.sort_by(|x, y| y.0.total_cmp(&x.0));
    let suggestions: Vec<String> = near
        .into_iter()
        .filter(|(s, _)| *s > 0.6)
        .take(3)
        .map(|(_, id)| id)
        .collect();
    let mut err = Error::new(format!(
        "no source file or id {what:?} (looked in {})",
        dir.display()
    ));
    if !suggestions.is_empty() {
        err = err.with_hint(format!("did you mean {}?", suggestions.join(", ")));
    }
    Err(err)
}

fn terminal_width(flag: Option<usize>) -> usize {
    flag.or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse().ok())
    })
    .or_else(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
    .unwrap_or(120)
    .clamp(40, 1000)
}

/// Runs `diff`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let pa = resolve(ctx, &args.a)?;
    let pb = resolve(ctx, &args.b)?;
    let store = ctx.store_for(&[pa.clone(), pb.clone()], None);
    let settings = Settings {
        lexicon: &ctx.lexicon,
        options: ctx.options(),
        store,
        ignored: &|_| false,
        on_source: &|| {},
        named: &|id| ctx.project.event_for(id),
    };
    let (sa, sb) = (Source::read(&pa)?, Source::read(&pb)?);
    let (mut fa, mut fb) = (claims_for(&sa, &settings).0, claims_for(&sb, &settings).0);
    // The two sources are grouped into events as a report over them would be, so
    // the claims table gives the report's verdicts. A project's claim files record
    // the event the whole corpus put each source in: that wins over grouping two
    // sources alone, which sees far less of the story.
    let grouping = {
        let recorded = |f: &crate::store::ClaimFile| {
            f.event.as_ref().map(|e| crate::events::Named {
                name: e.name.clone(),
                by: format!("its claim file ({}.toml)", f.source),
            })
        };
        let named = |s: &Source| {
            let file = if s.id == sa.id {
                Some(&fa)
            } else if s.id == sb.id {
                Some(&fb)
            } else {
                None
            };
            file.and_then(recorded)
                .or_else(|| crate::pipeline::named_event(s, file, settings.named))
        };
        // Two sources of the project are grouped as the project's report groups
        // them, with all its sources as context.
        let dir = ctx.project.sources_dir();
        let inside = |p: &Path| {
            let canon = |q: &Path| q.canonicalize().ok();
            matches!((canon(p), canon(&dir)), (Some(p), Some(d)) if p.starts_with(&d))
        };
        let corpus = if inside(&pa) && inside(&pb) {
            crate::corpus::list_files(std::slice::from_ref(&dir))
                .map(|files| crate::corpus::load(&files).sources)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut all: Vec<&Source> = corpus
            .iter()
            .filter(|s| s.id != sa.id && s.id != sb.id)
            .collect();
        all.extend([&sa, &sb]);
        all.sort_by(|x, y| x.id.cmp(&y.id));
        crate::events::group(&all, &named, &ctx.lexicon)
    };
    crate::pipeline::assign_events(&mut [&mut fa, &mut fb], &grouping);
    let side = |source: Source, file: crate::store::ClaimFile| {
        let claims = file
            .claims
            .into_iter()
            .filter(|c| c.status != crate::claim::Status::Rejected)
            .collect();
        Side::new(source, claims, &ctx.lexicon, &settings.options)
    };
    let (a, b) = (side(sa, fa), side(sb, fb));
    let d = Diff::new(a, b, &ctx.lexicon);
    let color = ctx.color && args.output.is_none();
    let text = match args.format {
        Format::Text if args.claims_only => {
            render::side_by_side::claims_table(&d.claims, terminal_width(args.width))
        }
        Format::Text => render::side_by_side::render(&d, terminal_width(args.width), color, false),
        Format::Html => render::diff_html::render(&d),
        Format::Json => render::diff_json::render(&d),
    };
    emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
