//! What a claim file must say to be trusted: a person edits these files, and a typo
//! in a metric would silently drop a claim from every comparison.

use super::ClaimFile;
use crate::claim::Status;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use std::path::Path;

/// Checks a parsed claim file against the source it belongs to and the lexicon.
/// `text` is the claim file's own text, for positions; `source_len` the source's
/// length in bytes, when it is known.
pub fn validate(
    path: &Path,
    text: &str,
    file: &ClaimFile,
    source_id: &str,
    source_len: Option<usize>,
    lexicon: Option<&Lexicon>,
) -> Result<()> {
    let at_key = |k: Option<usize>, key: &str| offset_of(text, k, key);
    if file.source != source_id {
        return Err(Error::at_offset(
            path,
            text,
            at_key(None, "source"),
            format!(
                "`source` is {:?}, but this is the claim file of {source_id:?}",
                file.source
            ),
        )
        .with_hint(format!(
            "a claim file names its own source: set source = {source_id:?}"
        )));
    }
    // The metrics found in the lexicon so far: a file names a few, many times.
    let mut known_metrics: Vec<&crate::claim::Metric> = Vec::new();
    for (k, c) in file.claims.iter().enumerate() {
        if let Some(lex) = lexicon
            && !known_metrics.contains(&&c.metric)
        {
            if lex.metric(&c.metric).is_some() {
                known_metrics.push(&c.metric);
            } else {
                let known: Vec<&str> = lex.metrics.iter().map(|m| m.name.0.as_str()).collect();
                return Err(Error::at_offset(
                    path,
                    text,
                    at_key(Some(k), "metric"),
                    format!("claim {}: unknown metric {:?}", c.id, c.metric.0),
                )
                .with_hint(format!("use one of: {}", known.join(", "))));
            }
        }
        let span = c.span;
        let past_end = source_len.is_some_and(|n| span.end > n);
        // A reviewed claim whose quote left the text is flagged by `check`, not refused.
        if span.start > span.end || (past_end && c.status == Status::Extracted) {
            return Err(Error::at_offset(
                path,
                text,
                at_key(Some(k), "span"),
                format!(
                    "claim {}: span [{}, {}] is not a range inside the source ({} bytes)",
                    c.id,
                    span.start,
                    span.end,
                    source_len.map_or_else(|| "?".to_string(), |n| n.to_string())
                ),
            )
            .with_hint("fix the span by hand, or delete the claim and run `claimdiff extract`"));
        }
    }
    Ok(())
}

/// Where `key = …` stands: at the top of the file (`claim` None) or in the
/// claim-th `[[claim]]` table; the table's header when the key is not written.
fn offset_of(text: &str, claim: Option<usize>, key: &str) -> usize {
    let mut table_start = 0;
    let mut table_end = text.len();
    if let Some(k) = claim {
        let headers: Vec<usize> = line_starts(text)
            .filter(|&i| indent(&text[i..]).starts_with("[[claim]]"))
            .collect();
        let Some(&start) = headers.get(k) else {
            return 0;
        };
        table_start = start;
        table_end = headers.get(k + 1).copied().unwrap_or(text.len());
    }
    line_starts(&text[..table_end])
        .filter(|&i| i >= table_start)
        .find(|&i| {
            let line = indent(&text[i..]);
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + (text[i..].len() - indent(&text[i..]).len()))
        .unwrap_or(table_start)
}

/// The text after a line's indentation (spaces and tabs, never a newline).
fn indent(line: &str) -> &str {
    line.trim_start_matches([' ', '\t'])
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_in_their_own_table() {
        let text = "source = \"a\"\n\n\n[[claim]]\nmetric = \"x\"\n\n[[claim]]\n  metric = \"y\"\n";
        assert_eq!(offset_of(text, None, "source"), 0);
        assert_eq!(&text[offset_of(text, Some(1), "metric")..][..8], "metric =");
        assert_eq!(
            crate::error::line_col(text, offset_of(text, Some(1), "metric")),
            (8, 3)
        );
    }
}
