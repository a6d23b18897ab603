//! `claimdiff check`: a dataset's CI gate.

use super::{Context, emit};
use crate::baseline::Baseline;
use crate::check;
use crate::config::FailOn;
use crate::error::{Error, Result};
use crate::pipeline::{self, Origin, Settings};
use crate::render;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style blocks with each quote shown in its source line.
    Text,
    /// The JSON report plus a `check` object.
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// JUnit XML, one test case per claim key.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A pull-request comment.
    Markdown,
}

/// Arguments of `claimdiff check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of .txt/.md articles, or single files [default: the project's sources/].
    pub paths: Vec<PathBuf>,
    /// The mildest finding kind that fails the check [default: from claimdiff.toml, else contradiction].
    #[arg(long, value_enum, value_name = "KIND")]
    pub fail_on: Option<FailOn>,
    /// Accept the findings recorded in this file [default: `baseline` in claimdiff.toml].
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the baseline, then exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Report, but exit 0 even when the check fails.
    #[arg(long)]
    pub no_exit: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the output to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read claim files from this folder [default: the project's claims/].
    #[arg(long, value_name = "DIR")]
    pub claims: Option<PathBuf>,
    /// Print the effective configuration as TOML and exit.
    #[arg(long)]
    pub dump_config: bool,
    /// Print nothing but errors: the exit code tells the verdict (-o still writes).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `check`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    if args.dump_config {
        let mut config = ctx.project.config.clone();
        if let Some(f) = args.fail_on {
            config.fail_on = f;
        }
        let text = toml::to_string(&config)
            .map_err(|e| Error::new(format!("cannot print the configuration: {e}")))?;
        let mut origin = match &ctx.project.file {
            Some(f) => format!("# from {}\n", f.display()),
            None => "# no claimdiff.toml found: defaults\n".to_string(),
        };
        for (key, path) in config.paths() {
            let how = if path.is_absolute() {
                "absolute, as given: may lie outside the project"
            } else {
                "inside the project"
            };
            origin.push_str(&format!(
                "# {key}: {} ({how})\n",
                ctx.project.resolve(path).display()
            ));
        }
        emit(&format!("{origin}{text}"), None)?;
        return Ok(ExitCode::SUCCESS);
    }
    super::stdin::refuse(&args.paths, "check")?;
    let inputs = ctx.inputs(&args.paths);
    let files = crate::corpus::list_files(&inputs)?;
    let store = ctx
        .store_for(&inputs, args.claims.as_deref())
        .ok_or_else(|| {
            Error::new("the sources checked are outside the project's sources folder")
                .with_hint("pass --claims DIR to say where their claim files are")
        })?;
    let progress = match args.quiet {
        true => indicatif::ProgressBar::hidden(),
        false => super::progress(files.len()),
    };
    let settings = Settings {
        lexicon: &ctx.lexicon,
        options: ctx.options(),
        store: Some(store.clone()),
        ignored: &|k| ctx.project.ignored(k),
        on_source: &|| super::counted(&progress),
        named: &|id| ctx.project.event_for(id),
    };
    let mut clock = std::time::Instant::now();
    // The texts are read again for the views that show quotes in their lines,
    // and only those the findings quote: a corpus's texts are not held through
    // the run.
    let report = pipeline::run_keeping(&files, &settings, pipeline::Texts::Drop);
    progress.finish_and_clear();
    pipeline::lap("pipeline", &mut clock);
    ctx.tell_events(&report.events_from, Some(&store));
    if !args.quiet {
        super::notify(&report.notices);
    }
    // Unreadable input is exit 2: a gate must not pass on what it could not read.
    let unreadable: Vec<&Error> = report.warnings.iter().collect();
    if !unreadable.is_empty() || report.sources.is_empty() {
        for e in &unreadable[..unreadable.len().saturating_sub(1)] {
            eprintln!("error: {e}");
        }
        return Err(unreadable
            .last()
            .map(|e| (*e).clone())
            .unwrap_or_else(|| Error::new("no sources could be read")));
    }
    debug_assert!(
        report
            .sources
            .iter()
            .all(|s| s.origin != Origin::Unreadable)
    );

    if let Some(path) = &args.write_baseline {
        Baseline::of(&report.findings).save(path)?;
        if args.quiet {
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "claimdiff: recorded {} in {}",
            crate::render::count(report.findings.len(), "finding"),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let baseline_path = args.baseline.clone().or_else(|| {
        ctx.project
            .config
            .baseline
            .as_ref()
            .map(|b| ctx.project.resolve(b))
    });
    let baseline = baseline_path.as_deref().map(Baseline::load).transpose()?;

    let claim_files: Vec<(String, PathBuf)> = report
        .sources
        .iter()
        .map(|s| (s.id.clone(), store.path_for(&s.id)))
        .collect();
    let whole_folders = inputs.iter().all(|p| p.is_dir());
    let orphans = if whole_folders {
        let known: std::collections::HashSet<&str> =
            report.sources.iter().map(|s| s.id.as_str()).collect();
        store
            .ids()?
            .into_iter()
            .filter(|id| !known.contains(id.as_str()))
            .map(|id| store.path_for(&id))
            .collect()
    } else {
        Vec::new()
    };
    let fail_on = args.fail_on.unwrap_or(ctx.project.config.fail_on);
    let outcome = check::judge(report, &claim_files, orphans, baseline.as_ref(), fail_on);
    pipeline::lap("verdict", &mut clock);

    // The arguments that `claimdiff extract` needs to fix what is stale.
    let mut hint = args
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(dir) = &args.claims {
        hint = format!("{hint} --claims {}", dir.display())
            .trim()
            .to_string();
    }
    let color = ctx.color && args.output.is_none();
    let silent = args.quiet && args.output.is_none();
    let mut outcome = outcome;
    if !silent && matches!(args.format, Format::Text | Format::Sarif | Format::Github) {
        let quoted: std::collections::HashSet<String> = (outcome.report.findings.iter())
            .flat_map(|f| render::claims_of(&outcome.report, f))
            .map(|c| c.source.to_string())
            .collect();
        super::warn_all(&pipeline::read_texts(&mut outcome.report, |s| {
            quoted.contains(&s.id)
        }));
    }
    let text = match args.format {
        _ if silent => String::new(),
        Format::Text => render::annotated::render(&outcome, color, &hint),
        Format::Json => {
            // Written as it is made: the JSON can be larger than the sources.
            if !args.quiet || args.output.is_some() {
                super::emit_with(args.output.as_deref(), |out| {
                    render::json::write_check(&outcome, &hint, out)
                })?;
            }
            String::new()
        }
        Format::Sarif => render::sarif::render(&outcome, &hint),
        Format::Junit => render::junit::render(&outcome, &hint),
        Format::Github => render::github::render(&outcome, &hint),
        Format::Markdown => render::markdown::render_check(&outcome, &hint),
    };
    if (!args.quiet || args.output.is_some()) && args.format != Format::Json {
        emit(&text, args.output.as_deref())?;
    }
    pipeline::lap("render", &mut clock);
    let failed = outcome.failed();
    // The process ends next: freeing a corpus's claims one by one would only cost time.
    std::mem::forget(outcome);
    Ok(if failed && !args.no_exit {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
