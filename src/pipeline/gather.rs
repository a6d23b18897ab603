//! The one vector of claims a report holds, filled source by source as each
//! source's claims are taken.
//!
//! Each source's claims arrive in a vector of their own (its claim file, or
//! extracted), read on every core. Held until all were read and then copied into
//! one vector, the per-source vectors of a corpus stood beside their copy, and
//! once freed left holes between the strings read with them that the allocator
//! could not hand back. Gathered a batch of sources at a time instead, a batch's
//! vectors are freed before the next is read, and the next reads into them.

use crate::claim::{Claim, Status};
use std::ops::Range;

/// How many sources are read on every core before their claims are gathered:
/// enough to keep the cores busy, few enough that their vectors stay small.
pub(super) const BATCH: usize = 1024;

/// Every claim taken so far, and where each source's stand.
pub(super) struct Gathered {
    claims: Vec<Claim>,
    /// For each source, by its index in the run, where its claims stand in `claims`.
    at: Vec<Option<Range<usize>>>,
}

impl Gathered {
    /// Room for the claims of `sources` sources, none taken yet.
    pub fn new(sources: usize) -> Gathered {
        Gathered {
            claims: Vec::new(),
            at: vec![None; sources],
        }
    }

    /// Takes the claims of source `i`, leaving out those a person rejected (they
    /// are never compared); returns how many those were.
    pub fn take(&mut self, i: usize, mut claims: Vec<Claim>) -> usize {
        let start = self.claims.len();
        let all = claims.len();
        let kept = |c: &Claim| c.status != Status::Rejected;
        if self.claims.is_empty() {
            // The first claims become the vector itself rather than a copy
            // beside it: one long document's are all there is, and copying
            // them doubled the run's peak.
            claims.retain(kept);
            self.claims = claims;
        } else {
            self.claims.extend(claims.into_iter().filter(kept));
        }
        self.at[i] = Some(start..self.claims.len());
        all - (self.claims.len() - start)
    }

    /// Each source's claims, by index, for changing them in place (all on every
    /// core): the sources whose claims were taken, in the order they were.
    pub fn per_source(&mut self) -> Vec<(usize, &mut [Claim])> {
        let mut taken: Vec<(usize, Range<usize>)> = (self.at.iter().enumerate())
            .filter_map(|(i, r)| Some((i, r.clone()?)))
            .collect();
        // A source without claims stands empty where the next begins: before it.
        taken.sort_unstable_by_key(|(_, r)| (r.start, r.end));
        let mut rest: &mut [Claim] = &mut self.claims;
        let mut end = 0;
        let mut out = Vec::with_capacity(taken.len());
        for (i, r) in taken {
            let (claims, after) = std::mem::take(&mut rest).split_at_mut(r.end - end);
            out.push((i, &mut claims[r.start - end..]));
            rest = after;
            end = r.end;
        }
        out
    }

    /// Every claim, by source then position: in place, as most runs take them in
    /// that order (every claim file fresh, or none); otherwise moved there.
    pub fn into_claims(mut self) -> Vec<Claim> {
        let order: Vec<usize> = self.at.iter().flatten().flat_map(Clone::clone).collect();
        if order.windows(2).all(|w| w[0] < w[1]) {
            return self.claims;
        }
        crate::reorder::permute(&mut self.claims, &order);
        self.claims
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(source: &str, n: usize) -> Vec<Claim> {
        (0..n)
            .map(|k| {
                let q = crate::claim::Qualifier::Exact;
                let mut c = crate::claim::fixtures::claim(source, "killed", "", "X", q, 1.0, None);
                c.line = k;
                c
            })
            .collect()
    }

    #[test]
    fn claims_come_out_by_source_however_taken() {
        let mut g = Gathered::new(4);
        assert_eq!(g.take(2, claims("c", 2)), 0);
        assert_eq!(g.take(0, claims("a", 0)), 0);
        let mut b = claims("b", 3);
        b[1].status = Status::Rejected;
        assert_eq!(g.take(1, b), 1);
        g.take(3, claims("d", 1));
        let seen: Vec<(usize, usize)> = g.per_source().iter().map(|(i, c)| (*i, c.len())).collect();
        assert_eq!(seen, [(2, 2), (0, 0), (1, 2), (3, 1)]);
        let out: Vec<(String, usize)> = g
            .into_claims()
            .iter()
            .map(|c| (c.source.to_string(), c.line))
            .collect();
        let want = [("b", 0), ("b", 2), ("c", 0), ("c", 1), ("d", 0)];
        assert_eq!(out, want.map(|(s, l)| (s.to_string(), l)));
    }

    #[test]
    fn the_first_claims_taken_leave_out_the_rejected_too() {
        let mut g = Gathered::new(2);
        let mut a = claims("a", 3);
        a[0].status = Status::Rejected;
        assert_eq!(g.take(1, a), 1);
        g.take(0, claims("b", 1));
        let out: Vec<(String, usize)> = g
            .into_claims()
            .iter()
            .map(|c| (c.source.to_string(), c.line))
            .collect();
        let want = [("b", 0), ("a", 1), ("a", 2)];
        assert_eq!(out, want.map(|(s, l)| (s.to_string(), l)));
    }
}
