//! The comparator's rules on made-up claims.

use super::*;
use crate::claim::{Qualifier, Status};
use chrono::NaiveDate;

fn claim(
    id: &str,
    metric: &str,
    subject: &str,
    place: &str,
    q: Qualifier,
    v: f64,
    day: u32,
) -> Claim {
    crate::claim::fixtures::claim(
        id,
        metric,
        subject,
        place,
        q,
        v,
        NaiveDate::from_ymd_opt(2022, 1, day),
    )
}

fn kinds(claims: &[Claim]) -> Vec<Kind> {
    compare(claims, Lexicon::builtin())
        .iter()
        .map(|f| f.kind)
        .collect()
}

use Qualifier::*;

#[test]
fn a_toll_that_rises_is_a_timeline_and_one_that_falls_a_contradiction() {
    let rising = [
        claim(
            "a",
            "killed",
            "security_forces",
            "Kazakhstan",
            Exact,
            13.0,
            6,
        ),
        claim(
            "b",
            "killed",
            "security_forces",
            "Kazakhstan",
            Exact,
            18.0,
            7,
        ),
        claim(
            "c",
            "killed",
            "security_forces",
            "Kazakhstan",
            Exact,
            19.0,
            26,
        ),
    ];
    assert_eq!(kinds(&rising), [Kind::Timeline]);
    let falling = [
        claim("a", "killed", "people", "Kazakhstan", Exact, 225.0, 15),
        claim("b", "killed", "people", "Kazakhstan", Exact, 164.0, 20),
    ];
    assert_eq!(kinds(&falling), [Kind::Contradiction]);
    let same_day = [
        claim("a", "killed", "people", "Kazakhstan", Exact, 12.0, 1),
        claim("b", "killed", "people", "Kazakhstan", Exact, 30.0, 1),
    ];
    assert_eq!(kinds(&same_day), [Kind::Contradiction]);
}

#[test]
fn compatible_bounds_are_bounds_and_rounded_restatements_agree() {
    let bounds = [
        claim(
            "a",
            "detained",
            "people",
            "Kazakhstan",
            MoreThan,
            5000.0,
            10,
        ),
        claim("b", "detained", "people", "Kazakhstan", Exact, 7939.0, 10),
    ];
    assert_eq!(kinds(&bounds), [Kind::Bounds]);
    let rounded = [
        claim(
            "a",
            "injured",
            "security_forces",
            "Kazakhstan",
            MoreThan,
            350.0,
            6,
        ),
        claim(
            "b",
            "injured",
            "security_forces",
            "Kazakhstan",
            Exact,
            353.0,
            6,
        ),
    ];
    assert_eq!(kinds(&rounded), []);
    let same = [
        claim("a", "killed", "people", "Kazakhstan", Exact, 19.0, 26),
        claim("b", "killed", "people", "Kazakhstan", Exact, 19.0, 29),
    ];
    assert_eq!(kinds(&same), []);
}

#[test]
fn different_scopes_meet_only_as_part_and_whole() {
    let fine = [
        claim("a", "detained", "people", "Almaty", Exact, 207.0, 10),
        claim("b", "detained", "people", "Kazakhstan", Exact, 7939.0, 10),
        claim(
            "c",
            "injured",
            "security_forces",
            "Kazakhstan",
            Exact,
            353.0,
            6,
        ),
        claim("d", "injured", "people", "Kazakhstan", MoreThan, 1000.0, 6),
    ];
    assert_eq!(kinds(&fine), []);
    let exceeds = [
        claim("a", "killed", "security_forces", "Almaty", Exact, 30.0, 10),
        claim("b", "killed", "people", "Kazakhstan", Exact, 20.0, 12),
    ];
    assert_eq!(kinds(&exceeds), [Kind::PartExceedsWhole]);
    // A later part above an earlier whole is no contradiction: the whole may have grown.
    let later_part = [
        claim("a", "killed", "security_forces", "Almaty", Exact, 30.0, 14),
        claim("b", "killed", "people", "Kazakhstan", Exact, 20.0, 12),
    ];
    assert_eq!(kinds(&later_part), []);
}

#[test]
fn counts_of_one_group_are_parts_of_their_key() {
    let mut cell = claim("a", "detained", "protesters", "Almaty", Exact, 4.0, 9);
    cell.part = true;
    let mut district = claim("b", "detained", "protesters", "Almaty", Exact, 5.0, 26);
    district.part = true;
    let total = claim("c", "detained", "protesters", "Almaty", Exact, 300.0, 10);
    assert_eq!(kinds(&[cell.clone(), district.clone(), total.clone()]), []);
    let mut big_cell = cell;
    big_cell.value = Some(400.0);
    big_cell.low = Some(400.0);
    big_cell.high = Some(400.0);
    assert_eq!(
        kinds(&[big_cell, district, total]),
        [Kind::PartExceedsWhole]
    );
}

#[test]
fn a_superseded_figure_is_earlier_than_the_current_one_of_its_date() {
    let mut old = claim("a", "killed", "people", "Kazakhstan", Exact, 103.0, 9);
    old.superseded = true;
    let new = claim("b", "killed", "people", "Kazakhstan", Exact, 164.0, 9);
    assert_eq!(kinds(&[old, new]), [Kind::Timeline]);
}

#[test]
fn crowd_sizes_on_different_days_are_different_moments() {
    let crowds = [
        claim("a", "participants", "protesters", "Almaty", About, 200.0, 6),
        claim(
            "b",
            "participants",
            "protesters",
            "Almaty",
            AtLeast,
            20000.0,
            7,
        ),
    ];
    assert_eq!(kinds(&crowds), []);
    let same_day = [
        claim(
            "a",
            "participants",
            "protesters",
            "Almaty",
            Exact,
            5000.0,
            6,
        ),
        claim(
            "b",
            "participants",
            "protesters",
            "Almaty",
            Exact,
            50000.0,
            6,
        ),
    ];
    assert_eq!(kinds(&same_day), [Kind::Contradiction]);
}

#[test]
fn rejected_claims_take_no_part_and_fingerprints_ignore_order() {
    let mut a = claim("a", "killed", "people", "Kazakhstan", Exact, 12.0, 1);
    let b = claim("b", "killed", "people", "Kazakhstan", Exact, 30.0, 1);
    let f1 = compare(&[a.clone(), b.clone()], Lexicon::builtin());
    let f2 = compare(&[b.clone(), a.clone()], Lexicon::builtin());
    assert_eq!(f1[0].fingerprint, f2[0].fingerprint);
    a.status = Status::Rejected;
    assert_eq!(kinds(&[a, b]), []);
}
