//! Intervals implied by figures, and when a hedged figure merely rounds an exact one.

use crate::claim::{Claim, Qualifier};

/// The set of true values a claim allows. Counts and sums are never negative,
/// so an open lower end is 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// True when `low` itself is excluded ("more than 350").
    pub low_open: bool,
    /// Upper end; infinite when unbounded.
    pub high: f64,
    /// True when `high` itself is excluded ("fewer than 10").
    pub high_open: bool,
}

impl Interval {
    /// The interval a claim states.
    pub fn of(c: &Claim) -> Interval {
        Interval {
            low: c.low.get().unwrap_or(0.0),
            low_open: c.qualifier == Qualifier::MoreThan,
            high: c.high.get().unwrap_or(f64::INFINITY),
            high_open: c.qualifier == Qualifier::LessThan,
        }
    }

    /// The values both intervals allow, if any.
    pub fn intersect(&self, o: &Interval) -> Option<Interval> {
        let (low, low_open) = match self.low.partial_cmp(&o.low)? {
            std::cmp::Ordering::Greater => (self.low, self.low_open),
            std::cmp::Ordering::Less => (o.low, o.low_open),
            std::cmp::Ordering::Equal => (self.low, self.low_open || o.low_open),
        };
        let (high, high_open) = match self.high.partial_cmp(&o.high)? {
            std::cmp::Ordering::Less => (self.high, self.high_open),
            std::cmp::Ordering::Greater => (o.high, o.high_open),
            std::cmp::Ordering::Equal => (self.high, self.high_open || o.high_open),
        };
        let empty = low > high || (low == high && (low_open || high_open));
        (!empty).then_some(Interval {
            low,
            low_open,
            high,
            high_open,
        })
    }

    /// True when every value here is above every value of `o`.
    pub fn above(&self, o: &Interval) -> bool {
        self.low > o.high || (self.low == o.high && (self.low_open || o.high_open))
    }
}

/// The step a round figure is given in: 350 → 10, 5,000 → 1,000, 200 million → 100 million.
fn granularity(v: f64) -> f64 {
    if v <= 0.0 || v.fract() != 0.0 {
        return 1.0;
    }
    let mut g = 1.0;
    while (v / (g * 10.0)).fract() == 0.0 && g < 1e15 {
        g *= 10.0;
    }
    g
}

/// True when a hedged figure is just an exact one rounded to the hedge's
/// precision: "more than 350" for 353, "about 200" for 195 — the same figure,
/// not a second one. "Over 5,000" for 7,939 is not: rounded down to thousands,
/// 7,939 would be "over 7,000".
pub fn rounds(hedged: &Claim, exact: &Claim) -> bool {
    let (Some(v), Some(e)) = (hedged.value.get(), exact.value.get()) else {
        return false;
    };
    if exact.qualifier != Qualifier::Exact {
        return false;
    }
    let g = granularity(v);
    let rounded = match hedged.qualifier {
        Qualifier::MoreThan | Qualifier::AtLeast => (e / g).floor() * g,
        Qualifier::LessThan | Qualifier::AtMost => (e / g).ceil() * g,
        Qualifier::About => (e / g).round() * g,
        Qualifier::Exact | Qualifier::Range => return false,
    };
    rounded == v
        && Interval::of(hedged)
            .intersect(&Interval::of(exact))
            .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(q: Qualifier, v: f64) -> Claim {
        crate::claim::fixtures::claim("c", "killed", "people", "X", q, v, None)
    }

    #[test]
    fn rounding_is_judged_at_the_hedges_precision() {
        assert!(rounds(
            &claim(Qualifier::MoreThan, 350.0),
            &claim(Qualifier::Exact, 353.0)
        ));
        assert!(!rounds(
            &claim(Qualifier::MoreThan, 5000.0),
            &claim(Qualifier::Exact, 7939.0)
        ));
        assert!(rounds(
            &claim(Qualifier::About, 200.0),
            &claim(Qualifier::Exact, 195.0)
        ));
        assert!(!rounds(
            &claim(Qualifier::MoreThan, 350.0),
            &claim(Qualifier::Exact, 350.0)
        ));
        assert!(rounds(
            &claim(Qualifier::AtMost, 300.0),
            &claim(Qualifier::Exact, 291.0)
        ));
    }

    #[test]
    fn open_ends_exclude_their_bound() {
        let over = Interval::of(&claim(Qualifier::MoreThan, 350.0));
        let exactly = Interval::of(&claim(Qualifier::Exact, 350.0));
        assert!(over.intersect(&exactly).is_none());
        assert!(
            exactly
                .intersect(&Interval::of(&claim(Qualifier::AtLeast, 350.0)))
                .is_some()
        );
        assert!(
            Interval::of(&claim(Qualifier::Exact, 19.0))
                .above(&Interval::of(&claim(Qualifier::Exact, 13.0)))
        );
    }
}
