//! The command line: the only place that knows about flags. Arguments are parsed
//! once here and turned into validated settings before any stage runs.

mod check;
mod claims;
mod diff;
mod events;
mod extract;
mod generate;
mod report;
mod stdin;
mod stream;

use crate::config::Project;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::store::Store;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `claimdiff -h` ends with: the exit codes scripts rely on.
const EXIT_CODES: &str = "\
Exit codes: 0 success; 1 `check` failed; 2 bad usage or unreadable input.
claimdiff.toml is looked for upward from the first PATH given, then from the working folder.";

/// Checks news sources against each other: extracts the figures articles state
/// (death tolls, detentions, damage, crowd sizes) and reports where they disagree.
#[derive(Debug, Parser)]
#[command(
    name = "claimdiff",
    version,
    about,
    long_about = None,
    after_help = EXIT_CODES,
    override_usage = "claimdiff [OPTIONS] <COMMAND>\n       claimdiff --generate <WHAT>",
    arg_required_else_help = true
)]
pub struct Cli {
    /// Read this configuration file instead of looking for claimdiff.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to color the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Say on standard error which configuration and claims folder are used, and
    /// which files are skipped and why.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Refuse a source larger than this (e.g. 16M, 500k, 1G): one file must not
    /// exhaust memory or stall a CI run.
    #[arg(long, global = true, value_name = "SIZE", default_value = "16M", value_parser = crate::corpus::parse_size)]
    pub max_source_size: u64,
    /// Print shell completions or the man page to standard output.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub generate: Option<generate::Generate>,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
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
    crate::corpus::set_max_source_size(cli.max_source_size);
    crate::corpus::set_verbose(cli.verbose);
    if let (Some(_), Some(_)) = (cli.generate, &cli.command) {
        return Err(Error::new("--generate takes no command")
            .with_hint("run `claimdiff --generate man` alone"));
    }
    let Some(command) = &cli.command else {
        let Some(what) = cli.generate else {
            return Err(Error::new("no command given").with_hint("see `claimdiff -h`"));
        };
        emit(&generate::render(what, Cli::command()), None)?;
        return Ok(ExitCode::SUCCESS);
    };
    let ctx = Context::new(&cli, command)?;
    match cli.command.expect("checked above") {
        Command::Extract(args) => extract::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Claims(args) => claims::run(&ctx, args),
        Command::Events(args) => events::run(&ctx, args),
        Command::Stream(args) => stream::run(&ctx, args),
    }
}

impl Command {
    /// The paths the command reads, for finding the configuration from them.
    fn paths(&self) -> Vec<PathBuf> {
        let given = match self {
            Command::Extract(a) => &a.paths,
            Command::Report(a) => &a.paths,
            Command::Check(a) => &a.paths,
            Command::Claims(a) => &a.paths,
            Command::Events(a) => &a.paths,
            Command::Diff(a) => return [&a.a, &a.b].map(PathBuf::from).to_vec(),
            // Streams read standard input: the configuration is the working folder's.
            Command::Stream(_) => return Vec::new(),
        };
        given.clone()
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
    /// Whether to say which configuration and claims folder are used.
    pub verbose: bool,
}

impl Context {
    fn new(cli: &Cli, command: &Command) -> Result<Context> {
        let project = match &cli.config {
            Some(file) => Project::from_file(file)?,
            None => discover(&command.paths())?,
        };
        if cli.verbose {
            match &project.file {
                Some(f) => eprintln!("claimdiff: configuration {}", f.display()),
                None => eprintln!("claimdiff: no {} found: defaults", crate::config::FILE_NAME),
            }
        }
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
            verbose: cli.verbose,
        })
    }

    /// The paths to read: those given, or the project's sources folder. A folder
    /// holding the project's claimdiff.toml stands for the project: its sources.
    pub fn inputs(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        if paths.is_empty() {
            return vec![self.project.sources_dir()];
        }
        let root = self
            .project
            .file
            .as_ref()
            .and(std::fs::canonicalize(&self.project.root).ok());
        paths
            .iter()
            .map(|p| {
                let is_root = p.is_dir()
                    && root.is_some()
                    && std::fs::canonicalize(p).ok() == root
                    && p.join(crate::config::FILE_NAME).is_file();
                if is_root {
                    self.project.sources_dir()
                } else {
                    p.clone()
                }
            })
            .collect()
    }

    /// The claims store for these inputs: `--claims` when given; the project's
    /// claims folder when every input lies in the project's sources folder; else none.
    pub fn store_for(&self, inputs: &[PathBuf], claims: Option<&Path>) -> Option<Store> {
        let store = self.find_store(inputs, claims);
        if self.verbose {
            match &store {
                Some(s) => eprintln!("claimdiff: claims folder {}", s.dir().display()),
                None => eprintln!(
                    "claimdiff: no claims folder: the sources are outside {} (pass --claims DIR)",
                    self.project.sources_dir().display()
                ),
            }
        }
        store
    }

    /// With `--verbose`, says whether the events were the store's record or grouped now.
    pub fn tell_events(&self, from: &crate::pipeline::EventsFrom, store: Option<&Store>) {
        use crate::pipeline::EventsFrom;
        use crate::store::grouping::Unused;
        let (true, Some(store)) = (self.verbose, store) else {
            return;
        };
        let path = store.grouping_path();
        let path = path.display();
        match from {
            EventsFrom::Recorded => {
                eprintln!("claimdiff: events as recorded in {path} (made of these very sources)")
            }
            EventsFrom::Grouped => {}
            EventsFrom::Regrouped(Unused::Missing) => {
                eprintln!(
                    "claimdiff: grouped the sources into events: no {path} (run `claimdiff extract`)"
                )
            }
            EventsFrom::Regrouped(Unused::Other) => eprintln!(
                "claimdiff: grouped the sources into events: {path} was made of other sources, texts or event names"
            ),
            EventsFrom::Regrouped(Unused::Unreadable(why)) => {
                eprintln!("claimdiff: grouped the sources into events: cannot read {path}: {why}")
            }
        }
    }

    fn find_store(&self, inputs: &[PathBuf], claims: Option<&Path>) -> Option<Store> {
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

/// The project for these paths: claimdiff.toml looked for upward from the first
/// path that exists (as typos does); when none is there, upward from the working
/// folder, so a project's aliases still apply to articles kept elsewhere. Paths
/// under another configuration than the first's get a warning, not a silent mix.
fn discover(paths: &[PathBuf]) -> Result<Project> {
    let cwd = std::env::current_dir()
        .map_err(|e| Error::new(format!("cannot read the working folder: {e}")))?;
    let starts: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != stdin::DASH && p.exists())
        .map(|p| {
            let dir = if p.is_dir() {
                p.as_path()
            } else {
                p.parent().unwrap_or(Path::new(""))
            };
            cwd.join(dir)
        })
        .collect();
    let Some(first) = starts.first() else {
        return Project::discover(&cwd);
    };
    let project = Project::discover(first)?;
    if project.file.is_none() {
        return Project::discover(&cwd);
    }
    for other in &starts[1..] {
        let theirs = Project::discover(other)?;
        let same = match (&project.file, &theirs.file) {
            (Some(a), Some(b)) => std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok(),
            (None, None) => true,
            _ => false,
        };
        if !same {
            eprintln!(
                "warning: {} is under another configuration than {}; using {}",
                other.display(),
                first.display(),
                project
                    .file
                    .as_ref()
                    .map_or_else(|| "the defaults".to_string(), |f| f.display().to_string())
            );
            break;
        }
    }
    Ok(project)
}

/// A progress bar on standard error for runs long enough to wait for: hidden when
/// standard error is not a terminal, and for fewer than 200 files.
pub fn progress(files: usize) -> indicatif::ProgressBar {
    if files < 200 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {msg} {pos}/{len} sources {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    // Sources are grouped into events before the first one's claims are counted:
    // the spinner turns meanwhile, and `counted` says when the counting starts.
    bar.set_message("grouping into events");
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Counts one more source's claims read on a [`progress`] bar.
pub fn counted(bar: &indicatif::ProgressBar) {
    if bar.position() == 0 {
        bar.set_message("reading claims");
    }
    bar.inc(1);
}

/// Prints warnings (files skipped, claim files unreadable) on standard error.
pub fn warn_all(warnings: &[Error]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// Prints warnings about sources that were read (an empty file, an unknown
/// front-matter key) on standard error, made printable.
pub fn notify(notices: &[String]) {
    for n in notices {
        eprintln!("warning: {}", crate::render::printable(n));
    }
}

/// When no source could be read: the first problem becomes the error, the others
/// are warned of, so each is said once.
pub fn nothing_read(warnings: &[Error], quiet: bool) -> Error {
    match warnings.split_first() {
        Some((first, rest)) => {
            if !quiet {
                warn_all(rest);
            }
            first.clone()
        }
        None => Error::new("no sources could be read"),
    }
}

/// Writes command output to a file (atomically) or to standard output.
pub fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => crate::store::write_atomic(path, text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| Error::new(format!("cannot write the output: {e}")))
        }
    }
}

/// Like [`emit`], with the output written by `write` as it is made: a JSON
/// report can be larger than the sources, and is never held whole.
pub fn emit_with(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match output {
        Some(path) => crate::store::write_atomic_with(path, write),
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            write(&mut out)
                .and_then(|_| out.flush())
                .map_err(|e| Error::new(format!("cannot write the output: {e}")))
        }
    }
}

fn is_broken_pipe(e: &Error) -> bool {
    e.message.contains("Broken pipe") || e.message.contains("broken pipe")
}
