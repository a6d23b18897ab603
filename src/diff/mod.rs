//! Two sources side by side: their sentences aligned, the changed words within
//! aligned pairs, and their claims compared key by key.
//!
//! Alignment is on sentences, not lines, so rewrapped or moved paragraphs do not
//! turn into walls of deletions. Both diffs run under a deadline, so a huge or
//! pathological pair of texts degrades to a coarser alignment instead of hanging.

mod words;

use crate::claim::{Claim, Key, Span};
use crate::compare::{self, Kind};
use crate::corpus::Source;
use crate::extract::{self, Outcome, SentenceSpan};
use crate::lexicon::Lexicon;
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub use words::changed_words;

/// How an aligned row relates its two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// The same sentence on both sides.
    Same,
    /// Two versions of one sentence; see the changed words.
    Changed,
    /// A sentence only A has.
    OnlyA,
    /// A sentence only B has.
    OnlyB,
    /// A sentence both have, in different places: this is where it stands in A
    /// (or in B); the other side of the row is blank.
    Moved,
}

impl RowKind {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RowKind::Same => "same",
            RowKind::Changed => "changed",
            RowKind::OnlyA => "only_a",
            RowKind::OnlyB => "only_b",
            RowKind::Moved => "moved",
        }
    }
}

/// One row of the side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// How the sides relate.
    pub kind: RowKind,
    /// Index into A's sentences.
    pub a: Option<usize>,
    /// Index into B's sentences.
    pub b: Option<usize>,
    /// Byte ranges (in A's file) of words B does not have.
    pub a_changed: Vec<Span>,
    /// Byte ranges (in B's file) of words A does not have.
    pub b_changed: Vec<Span>,
}

/// One side of a diff: the source, its sentences, claims and where each figure stands.
#[derive(Debug, Clone)]
pub struct Side {
    /// The source.
    pub source: Source,
    /// Its sentences.
    pub sentences: Vec<SentenceSpan>,
    /// Its claims (from a fresh claim file, or extracted now).
    pub claims: Vec<Claim>,
    /// Byte range of each claim's figure ("more than 350"), with the claim id,
    /// sorted by position.
    pub figures: Vec<(Span, String)>,
    line_starts: Vec<usize>,
}

impl Side {
    /// Reads a side: sentences, claims and figure positions.
    pub fn new(source: Source, claims: Vec<Claim>, lex: &Lexicon, opts: &extract::Options) -> Side {
        let sentences = extract::sentences(&source);
        let explained = extract::extract(&source, lex, opts).explained;
        let ids: std::collections::HashSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
        let mut figures: Vec<(Span, String)> = explained
            .into_iter()
            .filter_map(|e| match e.outcome {
                Outcome::Claim(id) if ids.contains(id.as_str()) => Some((e.span, id)),
                _ => None,
            })
            .collect();
        // Claims a person added or moved: mark their quote if it is in the text.
        let marked: std::collections::HashSet<String> =
            figures.iter().map(|(_, id)| id.clone()).collect();
        for c in &claims {
            let in_text = c.span.end > c.span.start
                && source.text.get(c.span.start..c.span.end) == Some(c.quote.as_str());
            if in_text && !marked.contains(c.id.as_str()) {
                figures.push((c.span, c.id.to_string()));
            }
        }
        figures.sort();
        let line_starts = std::iter::once(0)
            .chain(source.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Side {
            source,
            sentences,
            claims,
            figures,
            line_starts,
        }
    }

    /// The figures that stand inside `span`, found by binary search.
    pub fn figures_in(&self, span: Span) -> &[(Span, String)] {
        let from = self.figures.partition_point(|(s, _)| s.start < span.start);
        let to = from + self.figures[from..].partition_point(|(s, _)| s.end <= span.end);
        &self.figures[from..to]
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        let s = self.sentences[i].span;
        &self.source.text[s.start..s.end]
    }

    /// 1-based line where sentence `i` starts.
    pub fn line_of(&self, i: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= self.sentences[i].span.start)
    }
}

fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Word-overlap similarity of two sentences, 0 to 1.
fn similarity(a: &str, b: &str) -> f64 {
    let mut counts: HashMap<&str, i32> = HashMap::new();
    let (mut na, mut nb) = (0, 0);
    for w in a.split_whitespace() {
        *counts.entry(w).or_default() += 1;
        na += 1;
    }
    let mut common = 0;
    for w in b.split_whitespace() {
        nb += 1;
        if let Some(n) = counts.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            common += 1;
        }
    }
    if na + nb == 0 {
        1.0
    } else {
        2.0 * common as f64 / (na + nb) as f64
    }
}

/// How long the sentence and word diffs may take before settling for less.
const DEADLINE: Duration = Duration::from_secs(2);
/// How far ahead a deleted sentence looks for its new version.
const PAIR_WINDOW: usize = 8;
/// Sentences at least this similar are two versions of one.
const PAIR_THRESHOLD: f64 = 0.5;

/// Aligns two sides sentence by sentence.
pub fn align(a: &Side, b: &Side) -> Vec<Row> {
    let ka: Vec<String> = (0..a.sentences.len())
        .map(|i| normalized(a.sentence_text(i)))
        .collect();
    let kb: Vec<String> = (0..b.sentences.len())
        .map(|i| normalized(b.sentence_text(i)))
        .collect();
    let deadline = Instant::now() + DEADLINE;
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &ka, &kb, Some(deadline));
    let mut rows = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    rows.push(row(RowKind::Same, Some(old_index + k), Some(new_index + k)));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                rows.extend(
                    (old_index..old_index + old_len).map(|i| row(RowKind::OnlyA, Some(i), None)),
                );
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                rows.extend(
                    (new_index..new_index + new_len).map(|j| row(RowKind::OnlyB, None, Some(j))),
                );
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                pair_block(
                    &ka,
                    old_index..old_index + old_len,
                    &kb,
                    new_index..new_index + new_len,
                    &mut rows,
                );
            }
        }
    }
    mark_moves(&ka, &kb, &mut rows);
    for r in rows.iter_mut().filter(|r| r.kind == RowKind::Changed) {
        let (Some(i), Some(j)) = (r.a, r.b) else {
            continue;
        };
        let (ac, bc) = changed_words(
            &a.source.text,
            a.sentences[i].span,
            &b.source.text,
            b.sentences[j].span,
            deadline,
        );
        r.a_changed = ac;
        r.b_changed = bc;
    }
    rows
}

fn row(kind: RowKind, a: Option<usize>, b: Option<usize>) -> Row {
    Row {
        kind,
        a,
        b,
        a_changed: Vec::new(),
        b_changed: Vec::new(),
    }
}

/// Pairs the sentences of a replaced block that are versions of each other, in
/// order; the rest stand alone. Each old sentence looks a few sentences ahead,
/// so the work is linear in the block.
fn pair_block(
    ka: &[String],
    old: std::ops::Range<usize>,
    kb: &[String],
    new: std::ops::Range<usize>,
    rows: &mut Vec<Row>,
) {
    let mut j = new.start;
    for i in old {
        let found = (j..new.end.min(j + PAIR_WINDOW))
            .find(|&k| similarity(&ka[i], &kb[k]) >= PAIR_THRESHOLD);
        match found {
            Some(k) => {
                rows.extend((j..k).map(|x| row(RowKind::OnlyB, None, Some(x))));
                rows.push(row(RowKind::Changed, Some(i), Some(k)));
                j = k + 1;
            }
            None => rows.push(row(RowKind::OnlyA, Some(i), None)),
        }
    }
    rows.extend((j..new.end).map(|x| row(RowKind::OnlyB, None, Some(x))));
}

/// A sentence deleted in one place and inserted in another is a move.
fn mark_moves(ka: &[String], kb: &[String], rows: &mut [Row]) {
    let mut inserted: HashMap<&str, usize> = HashMap::new();
    for r in rows.iter() {
        if let (RowKind::OnlyB, Some(j)) = (r.kind, r.b) {
            *inserted.entry(kb[j].as_str()).or_default() += 1;
        }
    }
    let mut moved: HashMap<&str, usize> = HashMap::new();
    for r in rows.iter_mut() {
        if let (RowKind::OnlyA, Some(i)) = (r.kind, r.a)
            && let Some(n) = inserted.get_mut(ka[i].as_str()).filter(|n| **n > 0)
        {
            *n -= 1;
            *moved.entry(ka[i].as_str()).or_default() += 1;
            r.kind = RowKind::Moved;
        }
    }
    for r in rows.iter_mut() {
        if let (RowKind::OnlyB, Some(j)) = (r.kind, r.b)
            && let Some(n) = moved.get_mut(kb[j].as_str()).filter(|n| **n > 0)
        {
            *n -= 1;
            r.kind = RowKind::Moved;
        }
    }
}

/// The verdict on one claim key across the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Both give the same figure.
    Agree,
    /// A finding of this kind.
    Finding(Kind),
    /// Only A states it.
    OnlyA,
    /// Only B states it.
    OnlyB,
    /// The figures differ but are not comparable (crowds on different days, a
    /// part beside its whole): no finding, and no agreement either.
    NotCompared(compare::Unchecked),
}

impl Verdict {
    /// The name used in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Finding(k) => k.as_str(),
            Verdict::OnlyA => "only in A",
            Verdict::OnlyB => "only in B",
            Verdict::NotCompared(u) => u.as_str(),
        }
    }
}

/// One row of the claims table.
#[derive(Debug, Clone)]
pub struct ClaimRow {
    /// What the figures count.
    pub key: Key,
    /// A's claims for the key.
    pub a: Vec<Claim>,
    /// B's claims for the key.
    pub b: Vec<Claim>,
    /// How they compare.
    pub verdict: Verdict,
}

/// Compares the two sides' claims key by key, with the report's own logic: the
/// verdict on a key is the kind of the finding `report` makes of the two sources'
/// claims for it.
pub fn claim_rows(a: &Side, b: &Side, lex: &Lexicon) -> Vec<ClaimRow> {
    let mut keys: std::collections::BTreeMap<Key, (Vec<Claim>, Vec<Claim>)> = Default::default();
    for c in &a.claims {
        keys.entry(c.key()).or_default().0.push(c.clone());
    }
    for c in &b.claims {
        keys.entry(c.key()).or_default().1.push(c.clone());
    }
    let both: Vec<Claim> = a.claims.iter().chain(&b.claims).cloned().collect();
    let findings = compare::compare(&both, lex);
    // A key one side has under one event and the other under another: the two
    // sources tell of different events, so the figures face each other unjudged.
    let unevented = |k: &Key| Key {
        event: None,
        ..k.clone()
    };
    let sides: std::collections::BTreeMap<Key, (bool, bool)> =
        keys.iter()
            .fold(Default::default(), |mut m, (k, (ca, cb))| {
                let e: &mut (bool, bool) = m.entry(unevented(k)).or_default();
                e.0 |= !ca.is_empty() && cb.is_empty();
                e.1 |= ca.is_empty() && !cb.is_empty();
                m
            });
    let apart = |k: &Key| sides.get(&unevented(k)) == Some(&(true, true));
    keys.into_iter()
        .map(|(key, (ca, cb))| {
            // The worst finding of the key: findings come worst first.
            let found = findings.iter().find(|f| f.key == key);
            let verdict = match (found, ca.is_empty(), cb.is_empty()) {
                (Some(f), _, _) => Verdict::Finding(f.kind),
                (None, _, _) if apart(&key) => {
                    Verdict::NotCompared(compare::Unchecked::DifferentEvents)
                }
                (None, false, true) => Verdict::OnlyA,
                (None, true, false) => Verdict::OnlyB,
                _ => {
                    let all: Vec<&Claim> = ca.iter().chain(&cb).collect();
                    compare::unchecked(&all, lex).map_or(Verdict::Agree, Verdict::NotCompared)
                }
            };
            ClaimRow {
                key,
                a: ca,
                b: cb,
                verdict,
            }
        })
        .collect()
}

/// Everything the diff views show.
#[derive(Debug, Clone)]
pub struct Diff {
    /// The left side.
    pub a: Side,
    /// The right side.
    pub b: Side,
    /// True when the two bodies are the same text.
    pub identical: bool,
    /// The aligned sentences.
    pub rows: Vec<Row>,
    /// The claims, key by key.
    pub claims: Vec<ClaimRow>,
}

impl Diff {
    /// Diffs two sides.
    pub fn new(a: Side, b: Side, lex: &Lexicon) -> Diff {
        let identical = a.source.body() == b.source.body();
        let rows = align(&a, &b);
        let claims = claim_rows(&a, &b, lex);
        Diff {
            a,
            b,
            identical,
            rows,
            claims,
        }
    }

    /// Counts of rows by kind, for a summary line.
    pub fn counts(&self) -> [(RowKind, usize); 5] {
        let n = |k| self.rows.iter().filter(|r| r.kind == k).count();
        [
            (RowKind::Same, n(RowKind::Same)),
            (RowKind::Changed, n(RowKind::Changed)),
            (RowKind::OnlyA, n(RowKind::OnlyA)),
            (RowKind::OnlyB, n(RowKind::OnlyB)),
            (RowKind::Moved, n(RowKind::Moved)),
        ]
    }
}
