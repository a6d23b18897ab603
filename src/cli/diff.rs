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
    let side = |p: &Path| -> Result<Side> {
        let source = Source::read(p)?;
        let claims = claims_for(&source, &settings)
            .0
            .claims
            .into_iter()
            .filter(|c| c.status != crate::claim::Status::Rejected)
            .collect();
        Ok(Side::new(source, claims, &ctx.lexicon, &settings.options))
    };
    let (a, b) = (side(&pa)?, side(&pb)?);
    let d = Diff::new(a, b, &ctx.lexicon);
    let color = ctx.color && args.output.is_none();
    let text = match args.format {
        Format::Text if args.claims_only => render::side_by_side::claims_table(&d.claims),
        Format::Text => render::side_by_side::render(&d, terminal_width(args.width), color, false),
        Format::Html => render::diff_html::render(&d),
        Format::Json => render::diff_json::render(&d),
    };
    emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
