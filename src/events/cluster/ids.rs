//! Terms as numbers: each distinct term of some units gets an id, in the terms'
//! order, so that counting and weighing them compares integers, not strings.
//!
//! A unit's terms are shared copies ([`crate::claim::vocab::word`]): one text is
//! one copy while anything holds it, so a term is first looked up by where its
//! copy lies — a hash of an address, no string read. Copies are only
//! usually shared (units read back from a serialized signature hold copies of
//! their own), so copies of one text are then given one id by their text.

use crate::events::words::Term;
use rustc_hash::FxHashMap as HashMap;

/// The ids of the distinct terms of some units.
pub struct TermIds<'u> {
    /// Per id: its text, in order (ids follow the texts' order).
    pub names: Vec<&'u str>,
    /// Per copy (the address of its text): its id.
    by_copy: HashMap<usize, u32>,
}

/// Where a term's text lies: the same for every holder of one shared copy.
fn copy_of(t: &Term) -> usize {
    t.as_str().as_ptr() as usize
}

impl<'u> TermIds<'u> {
    /// The ids of every term in `terms`.
    pub fn of(terms: impl IntoIterator<Item = &'u Term>) -> TermIds<'u> {
        let mut first: HashMap<usize, u32> = HashMap::default();
        let mut copies: Vec<&'u str> = Vec::new();
        for t in terms {
            first.entry(copy_of(t)).or_insert_with(|| {
                copies.push(t.as_str());
                (copies.len() - 1) as u32
            });
        }
        // Copies in text order; copies of one text are one term.
        let mut order: Vec<u32> = (0..copies.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| copies[a as usize].cmp(copies[b as usize]));
        let mut id_of_copy = vec![0u32; copies.len()];
        let mut names: Vec<&'u str> = Vec::with_capacity(copies.len());
        for &c in &order {
            let text = copies[c as usize];
            if names.last() != Some(&text) {
                names.push(text);
            }
            id_of_copy[c as usize] = (names.len() - 1) as u32;
        }
        let mut by_copy = first;
        for id in by_copy.values_mut() {
            *id = id_of_copy[*id as usize];
        }
        TermIds { names, by_copy }
    }

    /// How many distinct terms there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The id of a term, whichever copy of its text it holds; `None` for a
    /// term none of the units has.
    pub fn get(&self, t: &Term) -> Option<u32> {
        self.by_copy
            .get(&copy_of(t))
            .copied()
            .or_else(|| self.find(t.as_str()))
    }

    /// The id of a term of the units, one of [`TermIds::of`]'s.
    pub fn id(&self, t: &Term) -> u32 {
        match self.by_copy.get(&copy_of(t)) {
            Some(&id) => id,
            None => self.find(t.as_str()).expect("a term of the units"),
        }
    }

    /// The id of a text, if a unit has it.
    pub fn find(&self, text: &str) -> Option<u32> {
        self.names.binary_search(&text).ok().map(|i| i as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_of_one_text_are_one_term_and_ids_follow_the_texts() {
        let shared = crate::claim::vocab::word("lee");
        // A copy of its own, as a signature read back holds.
        let own: Term = serde_json::from_str("\"lee\"").unwrap();
        assert!(!std::ptr::eq(own.as_str(), shared.as_str()));
        let b = crate::claim::vocab::word("bo");
        let terms = [shared.clone(), b.clone(), own.clone(), shared.clone()];
        let ids = TermIds::of(&terms);
        assert_eq!(ids.names, ["bo", "lee"]);
        assert_eq!(ids.len(), 2);
        assert_eq!(
            terms.iter().map(|t| ids.id(t)).collect::<Vec<_>>(),
            [1, 0, 1, 1]
        );
        let other: Term = serde_json::from_str("\"bo\"").unwrap();
        assert_eq!(ids.get(&other), Some(0));
        let absent: Term = serde_json::from_str("\"cy\"").unwrap();
        assert_eq!(ids.get(&absent), None);
        assert_eq!(ids.find("lee"), Some(1));
    }
}
