//! The frame around a figure: what it counts (metric), whom (subject), where
//! (place), as of when, and who gave it (attribution). One file a question.

mod attribution;
mod derived;
mod figure;
mod implicit;
mod place;
mod reconcile;
mod shot;
mod tally;
mod time;
mod what;
mod whom;

pub use attribution::attribution;
pub use derived::shot_totals;
pub use figure::{Framed, Previous, Reading, frame_figure};
pub use implicit::implicit_counts;
pub use place::{DocScope, PlaceCounts, PlaceMention, Placed, Places, place_for, place_mentions};
pub use reconcile::died_later;
pub use shot::{shot_after, shot_wounds};
pub use tally::tally;
pub use time::{gathering_day, gathering_in, named_date, past_event};
pub use what::{
    CHANGE_VERBS, MetricHit, anaphor_before, metric_after, metric_before, money_metric_after,
    noun_of, sentence_frame, superseded,
};
pub use whom::{
    Counted, counted, group_before, increment, names_a_part, part_of_previous,
    subject_after_copula, toll_subject,
};

use super::tokens::{Kind, Tokens};

/// Auxiliaries, modals and adverbs that stand between a noun and its verb
/// ("were reportedly killed", "may have been killed"): they end a noun phrase, and
/// the search for a verb after one passes over them.
const AUXILIARIES: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "be",
    "being",
    "will",
    "would",
    "could",
    "may",
    "might",
    "remain",
    "remained",
    "remains",
    "reportedly",
    "allegedly",
    "also",
    "already",
    "still",
    "now",
    "later",
    "got",
    "get",
];

/// How many tokens either side of a figure its date, place and source are looked
/// for within its sentence; it bounds the work on run-on text.
pub const WINDOW: usize = 60;

pub fn is_punct(t: &Tokens, i: usize) -> bool {
    t.toks[i].kind == Kind::Punct
}
