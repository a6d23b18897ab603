//! `claimdiff stream`: the line-oriented JSON interfaces a distributed engine
//! drives (see src/stream/ and the README's "Streaming interfaces").

use super::Context;
use crate::error::{Error, Result};
use crate::stream::{self, DEFAULT_MAX_BYTES};
use clap::Subcommand;
use std::process::ExitCode;

/// Arguments of `claimdiff stream`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which interface.
    #[command(subcommand)]
    pub mode: Mode,
}

/// The streaming interfaces.
#[derive(Debug, Subcommand)]
pub enum Mode {
    /// Documents → claims: JSON Lines documents on stdin (`id`, `text`, optional
    /// `title`, `published`, `outlet`, `url`, `event`, `path`), one record per
    /// document on stdout.
    Extract {
        /// The longest document (input line) accepted, in bytes; longer ones
        /// become error records.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
        /// Years to read undated phrases ("on Saturday, January 29") against,
        /// most likely first (a folder run takes them from the other sources).
        #[arg(long, value_name = "YEAR", value_delimiter = ',')]
        year_hints: Vec<i32>,
    },
    /// Documents of one block → events: the same document lines on stdin; one
    /// record per event, then one per document giving the event of each stretch
    /// of its text.
    Events {
        /// The longest document (input line) accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
        /// Years to read undated phrases against, most likely first.
        #[arg(long, value_name = "YEAR", value_delimiter = ',')]
        year_hints: Vec<i32>,
    },
    /// Claims of one group → findings: claim lines on stdin, consecutive lines
    /// with the same `group` compared together; findings on stdout.
    Compare {
        /// The longest input line accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
    },
}

/// Runs `stream`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let io = |e: std::io::Error| Error::new(format!("cannot stream: {e}"));
    let ignored = |k: &crate::claim::Key| ctx.project.ignored(k);
    let settings = |max_bytes, year_hints| stream::documents::Settings {
        lexicon: &ctx.lexicon,
        options: ctx.options(),
        ignored: &ignored,
        year_hints,
        max_bytes,
    };
    match args.mode {
        Mode::Extract {
            max_bytes,
            year_hints,
        } => {
            let settings = settings(max_bytes, year_hints);
            stream::documents::run(stdin, &mut stdout, &settings).map_err(io)?;
        }
        Mode::Events {
            max_bytes,
            year_hints,
        } => {
            let settings = settings(max_bytes, year_hints);
            let config = |id: &str| ctx.project.event_for(id);
            stream::events::run(stdin, &mut stdout, &settings, &config).map_err(io)?;
        }
        Mode::Compare { max_bytes } => {
            stream::groups::run(stdin, &mut stdout, &ctx.lexicon, max_bytes).map_err(io)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
