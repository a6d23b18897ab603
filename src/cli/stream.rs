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
        /// The corpus statistics (a `stream stats --merge` record): each record
        /// then also has the document's event `signature`.
        #[arg(long, value_name = "FILE")]
        stats: Option<std::path::PathBuf>,
    },
    /// Documents → the corpus statistics of this part (`{"stats": …}`); with
    /// `--merge`, such records → one merged and finished record.
    Stats {
        /// The longest input line accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
        /// Years to read undated phrases against, most likely first.
        #[arg(long, value_name = "YEAR", value_delimiter = ',')]
        year_hints: Vec<i32>,
        /// Merge `{"stats": …}` records instead of reading documents.
        #[arg(long)]
        merge: bool,
        /// With --merge: leave the merged statistics open to further merging.
        #[arg(long, requires = "merge")]
        partial: bool,
    },
    /// Signatures with the counts of their terms (`{"id", "signature",
    /// "terms"}`) → their block keys (`{"id", "keys"}`).
    Keys {
        /// The longest input line accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
    },
    /// Blocks of signatures → clusters: a `{"terms": …}` record starts each
    /// block, `{"signature": …}` records follow.
    Group {
        /// The longest input line accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
    },
    /// A rare name with the signatures of its users (`{"term", "signatures"}`)
    /// → `{"recurring": term}` when their dates fall in several bursts.
    Recurring {
        /// The longest input line accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
    },
    /// Blocks as `group` reads them → the pairs of sources the clustering
    /// accepts as one event (`{"pair": [id, id]}`).
    Pairs {
        /// The longest input line accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
    },
    /// Every cluster's profile (`{"id", "order", "profile"}`) → the clusters of
    /// one event told in several languages (`{"join": …}`).
    Join {
        /// The longest input line accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
    },
    /// Clusters of one event (`{"clusters", "why"}`) → the event (`{"event": …}`).
    Found {
        /// The longest input line accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: usize,
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
            stats,
        } => {
            let settings = settings(max_bytes, year_hints);
            let config = |id: &str| ctx.project.event_for(id);
            let stats = stats.map(|path| read_stats(&path)).transpose()?;
            let signing = stats.as_ref().map(|stats| stream::documents::Signing {
                stats,
                config: &config,
            });
            stream::documents::run_with(stdin, &mut stdout, &settings, signing.as_ref())
                .map_err(io)?;
        }
        Mode::Stats {
            max_bytes,
            year_hints,
            merge,
            partial,
        } => {
            if merge {
                stream::blocks::merge_stats(stdin, &mut stdout, max_bytes, !partial).map_err(io)?;
            } else {
                let settings = settings(max_bytes, year_hints);
                stream::blocks::stats(stdin, &mut stdout, &settings).map_err(io)?;
            }
        }
        Mode::Keys { max_bytes } => {
            stream::blocks::keys(stdin, &mut stdout, max_bytes).map_err(io)?;
        }
        Mode::Group { max_bytes } => {
            stream::blocks::group(stdin, &mut stdout, max_bytes).map_err(io)?;
        }
        Mode::Recurring { max_bytes } => {
            stream::blocks::recurring(stdin, &mut stdout, max_bytes).map_err(io)?;
        }
        Mode::Pairs { max_bytes } => {
            stream::blocks::pairs(stdin, &mut stdout, max_bytes).map_err(io)?;
        }
        Mode::Join { max_bytes } => {
            stream::blocks::join(stdin, &mut stdout, &ctx.lexicon, max_bytes).map_err(io)?;
        }
        Mode::Found { max_bytes } => {
            stream::blocks::found(stdin, &mut stdout, max_bytes).map_err(io)?;
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

/// The corpus statistics a `stream stats --merge` run wrote to `path`.
fn read_stats(path: &std::path::Path) -> Result<crate::events::Stats> {
    #[derive(serde::Deserialize)]
    struct Record {
        stats: crate::events::Stats,
    }
    let hint = "pass the file `claimdiff stream stats --merge` wrote";
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e).with_hint(hint))?;
    let record: Record = serde_json::from_str(&text).map_err(|e| {
        Error {
            position: Some((e.line(), e.column())),
            ..Error::in_file(path, format!("not a statistics record: {e}"))
        }
        .with_hint(hint)
    })?;
    Ok(record.stats)
}
