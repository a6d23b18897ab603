//! The stable id of a finding, so a baseline can accept known ones.

use super::Kind;
use crate::claim::Key;
use sha2::{Digest, Sha256};

/// A hash of the kind, the key and the ids of the claims involved, in any order:
/// adding unrelated sources or reordering claims changes nothing.
pub(super) fn fingerprint<'a>(
    kind: Kind,
    key: &Key,
    ids: impl IntoIterator<Item = &'a str>,
) -> String {
    let mut sorted: Vec<&str> = ids.into_iter().collect();
    sorted.sort_unstable();
    let subject = key.subject.as_ref().map_or("", |s| s.0.as_str());
    let mut h = Sha256::new();
    for part in [
        kind.as_str(),
        &key.metric.0,
        subject,
        &key.location,
        &key.unit,
    ]
    .into_iter()
    // Ungrouped claims hash as before, so old baselines stay valid.
    .chain(key.event.as_ref().map(|e| &*e.id))
    .chain(sorted)
    {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}
