//! `claimdiff --generate`: shell completions and the man page, made from the
//! same flag definitions as `--help` so they cannot drift.

use clap::ValueEnum;
use clap_complete::Shell;

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// Completions for bash.
    CompleteBash,
    /// Completions for zsh.
    CompleteZsh,
    /// Completions for fish.
    CompleteFish,
    /// Completions for PowerShell.
    CompletePowershell,
    /// The man page (roff).
    Man,
}

/// The text for `what`, from the command's definition.
pub fn render(what: Generate, mut cmd: clap::Command) -> String {
    let mut out = Vec::new();
    let shell = match what {
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
        Generate::CompletePowershell => Shell::PowerShell,
        Generate::Man => return man(cmd),
    };
    clap_complete::generate(shell, &mut cmd, "claimdiff", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// One page, as ripgrep's: the global options, then each command's own, then
/// the exit status, files and environment scripts rely on. Written by hand:
/// the page is simple, and a man-page crate cost more build time than it saved.
fn man(mut cmd: clap::Command) -> String {
    cmd.build();
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    let version = cmd.get_version().unwrap_or_default();
    let mut text = format!(
        ".TH claimdiff 1 \"\" \"claimdiff {}\"\n.SH NAME\nclaimdiff \\- {}\n",
        roff(version),
        roff(&about)
    );
    text.push_str(
        ".SH SYNOPSIS\n\\fBclaimdiff\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIPATH\\fR...]\n.br\n\\fBclaimdiff\\fR \\-\\-generate \\fIWHAT\\fR\n",
    );
    text.push_str(&format!(".SH DESCRIPTION\n{}\n.SH OPTIONS\n", roff(&about)));
    for arg in cmd.get_arguments() {
        text.push_str(&option(arg));
    }
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        text.push_str(&format!(".SH \"COMMAND: {}\"\n", roff(sub.get_name())));
        if let Some(about) = sub.get_about() {
            text.push_str(&format!("{}\n", roff(&about.to_string())));
        }
        for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
            text.push_str(&option(arg));
        }
    }
    text.push_str(EXIT_AND_ENVIRONMENT);
    text
}

/// One option or positional argument as a roff tagged paragraph.
fn option(arg: &clap::Arg) -> String {
    let name = match (arg.get_short(), arg.get_long()) {
        (Some(s), Some(l)) => format!("\\fB\\-{s}\\fR, \\fB\\-\\-{}\\fR", roff(l)),
        (None, Some(l)) => format!("\\fB\\-\\-{}\\fR", roff(l)),
        (Some(s), None) => format!("\\fB\\-{s}\\fR"),
        (None, None) => format!("\\fI{}\\fR", roff(arg.get_id().as_str()).to_uppercase()),
    };
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && arg.get_long().is_some() {
        help.push_str(&format!(" [possible values: {}]", values.join(", ")));
    }
    let name = match (arg.get_long(), arg.get_value_names()) {
        (Some(_), Some(v)) if arg.get_action().takes_values() => {
            format!("{name} \\fI<{}>\\fR", roff(&v.join(" ")))
        }
        _ => name,
    };
    format!(".TP\n{name}\n{}\n", roff(&help))
}

/// Escapes text for roff: backslashes and hyphens, and a leading dot or quote.
fn roff(s: &str) -> String {
    let escaped = s.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.' | '\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
}

const EXIT_AND_ENVIRONMENT: &str = r#".SH "EXIT STATUS"
.TP
0
Success; for check, nothing at or above \-\-fail\-on outside the baseline.
.TP
1
check failed: a new finding at or above \-\-fail\-on, or a stale claim file.
.TP
2
Bad usage or unreadable input; the message names the file, line and column.
.SH FILES
.TP
claimdiff.toml
Looked for in the folder of the first PATH given and the folders above it; when
none is there, from the working folder upward; \-\-config names one instead.
.SH ENVIRONMENT
.TP
NO_COLOR
When set and not empty, no color (as \-\-color never), unless \-\-color always.
.TP
TERM
When dumb, no color.
.TP
COLUMNS
The width of diff when \-\-width is not given.
"#;
