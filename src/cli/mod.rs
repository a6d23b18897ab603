//! The command line: the only place that knows about flags. Arguments are parsed
//! once here and turned into validated settings before any stage runs.

mod check;
mod claims;
mod diff;
mod events;
mod extract;
mod report;
mod stream;

use crate::config::Project;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::store::Store;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Checks news sources against each other: extracts the figures articles state
/// (death tolls, detentions, damage, crowd sizes) and reports where they disagree.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about = None)]
pub struct Cli {
    /// Read this configuration file instead of looking for claimdiff.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to color the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to color output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write or refresh claims/<source-id>.toml, keeping reviewed claims.
    Extract(extract::Args),
    /// Print a consistency report: findings first, then a summary per source.
    Report(report::Args),
    /// Fail (exit 1) on unexplained conflicts or stale claim files: a dataset's CI gate.
    Check(check::Args),
    /// Show two sources side by side, their figures marked, and compare their claims.
    Diff(diff::Args),
    /// List claims; with --explain, every number in the text and what became of it.
    Claims(claims::Args),
    /// List the events the sources tell of: id, label, dates, sources, and why joined.
    Events(events::Args),
    /// Line-oriented JSON interfaces for distributed engines (Spark): stdin to stdout.
    Stream(stream::Args),
}

/// Parses the command line, runs it and returns the exit code:
/// 0 success, 1 findings (`check`), 2 bad usage or unreadable input.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let ctx = Context::new(&cli)?;
    match cli.command {
        Command::Extract(args) => extract::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Claims(args) => claims::run(&ctx, args),
        Command::Events(args) => events::run(&ctx, args),
        Command::Stream(args) => stream::run(&ctx, args),
    }
}

/// What every subcommand needs: the project, its lexicon and output settings.
pub struct Context {
    /// The project's configuration.
    pub project: Project,
    /// The lexicon with the project's aliases.
    pub lexicon: Lexicon,
    /// Whether standard output gets color.
    pub color: bool,
}

impl Context {
    fn new(cli: &Cli) -> Result<Context> {
        let project = match &cli.config {
            Some(file) => Project::from_file(file)?,
            None => {
                let cwd = std::env::current_dir()
                    .map_err(|e| Error::new(format!("cannot read the working folder: {e}")))?;
                Project::discover(&cwd)?
            }
        };
        let lexicon =
            // An alias error is the configuration's: name its file.
            Lexicon::with_aliases(&project.aliases()).map_err(|e| match (&project.file, &e.path) {
                (Some(f), None) => Error {
                    path: Some(f.clone()),
                    ..e
                },
                _ => e,
            })?;
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        Ok(Context {
            project,
            lexicon,
            color,
        })
    }

    /// The paths to read: those given, or the project's sources folder.
    pub fn inputs(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        if paths.is_empty() {
            vec![self.project.sources_dir()]
        } else {
            paths.to_vec()
        }
    }

    /// The claims store for these inputs: `--claims` when given; the project's
    /// claims folder when every input lies in the project's sources folder; else none.
    pub fn store_for(&self, inputs: &[PathBuf], claims: Option<&Path>) -> Option<Store> {
        if let Some(dir) = claims {
            return Some(Store::new(dir));
        }
        let sources = std::fs::canonicalize(self.project.sources_dir()).ok()?;
        let inside = inputs
            .iter()
            .all(|p| std::fs::canonicalize(p).is_ok_and(|p| p.starts_with(&sources)));
        inside.then(|| Store::new(self.project.claims_dir()))
    }

    /// Extraction settings from the configuration.
    pub fn options(&self) -> crate::extract::Options {
        crate::extract::Options {
            about_tolerance: self.project.config.about_tolerance,
        }
    }
}

/// A progress bar on standard error for runs long enough to wait for: hidden when
/// standard error is not a terminal, and for fewer than 200 files.
pub fn progress(files: usize) -> indicatif::ProgressBar {
    if files < 200 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} sources {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Prints warnings (files skipped, claim files unreadable) on standard error.
pub fn warn_all(warnings: &[Error]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// Writes command output to a file (atomically) or to standard output.
pub fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, &e))?;
            tmp.write_all(text.as_bytes())
                .map_err(|e| Error::io(path, &e))?;
            tmp.persist(path).map_err(|e| Error::io(path, &e.error))?;
            Ok(())
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| Error::new(format!("cannot write the output: {e}")))
        }
    }
}

fn is_broken_pipe(e: &Error) -> bool {
    e.message.contains("Broken pipe") || e.message.contains("broken pipe")
}
