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
fn a_figure_no_place_was_named_for_is_no_whole_of_a_named_place() {
    // A local report: "two dead in Florida" and, elsewhere, "one was killed" with
    // no place named, so the document's country by default.
    let part = claim("a", "killed", "people", "Florida", Exact, 2.0, 10);
    let mut assumed = claim("b", "killed", "people", "United States", Exact, 1.0, 10);
    assumed.place_assumed = true;
    assert_eq!(kinds(&[part.clone(), assumed.clone()]), []);
    // Named, the country's figure is a whole.
    let mut named = assumed;
    named.place_assumed = false;
    assert_eq!(kinds(&[part, named]), [Kind::PartExceedsWhole]);
}

#[test]
fn what_was_added_is_a_part_of_later_totals_only() {
    // "Four people were arrested." … "Five more were arrested" the same day: the
    // four may be the tally before the five.
    let mut more = claim("a", "detained", "people", "Almaty", Exact, 5.0, 10);
    more.part = true;
    more.increment = true;
    let same_day = claim("b", "detained", "people", "Almaty", Exact, 4.0, 10);
    assert_eq!(kinds(&[more.clone(), same_day]), []);
    // A total given the next day must hold them.
    let next_day = claim("c", "detained", "people", "Almaty", Exact, 4.0, 11);
    assert_eq!(kinds(&[more, next_day]), [Kind::PartExceedsWhole]);
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
    big_cell.value = 400.0.into();
    big_cell.low = 400.0.into();
    big_cell.high = 400.0.into();
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

#[test]
fn a_stock_may_rise_and_fall_but_not_disagree_on_one_date() {
    let missing = [
        claim("a", "missing", "people", "Kazakhstan", Exact, 850.0, 1),
        claim("b", "missing", "people", "Kazakhstan", Exact, 1100.0, 3),
        claim("c", "missing", "people", "Kazakhstan", Exact, 66.0, 10),
    ];
    assert_eq!(kinds(&missing), [Kind::Timeline]);
    let same_day = [
        claim("a", "hospitalized", "people", "Kazakhstan", Exact, 120.0, 4),
        claim("b", "hospitalized", "people", "Kazakhstan", Exact, 35.0, 4),
    ];
    assert_eq!(kinds(&same_day), [Kind::Contradiction]);
}

#[test]
fn a_fall_is_a_revision_only_when_a_source_says_so() {
    let first = claim("a", "killed", "people", "Kazakhstan", Exact, 359.0, 2);
    let mut recount = claim("b", "killed", "people", "Kazakhstan", Exact, 253.0, 9);
    assert_eq!(
        kinds(&[first.clone(), recount.clone()]),
        [Kind::Contradiction]
    );
    recount.revised = true;
    let later = claim("c", "killed", "people", "Kazakhstan", Exact, 260.0, 12);
    let f = compare(&[first, recount, later], Lexicon::builtin());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, Kind::Revision);
    assert_eq!(f[0].revisions, [("a".into(), "b".into())]);
    // After the revision the count rises again from the revised figure.
    assert!(
        f[0].message.starts_with("revised from 359 to 253"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_report_that_replaces_its_own_figure_with_a_lower_one_is_a_revision() {
    let mut old = claim("a", "killed", "people", "Kazakhstan", Exact, 115.0, 9);
    old.superseded = true;
    let mut new = claim("b", "killed", "people", "Kazakhstan", Exact, 97.0, 9);
    new.source = old.source.clone();
    assert_eq!(kinds(&[old, new]), [Kind::Revision]);
}

#[test]
fn a_contradiction_never_rests_on_implicit_counts_alone() {
    let mut one = claim("a", "killed", "people", "Kazakhstan", Exact, 1.0, 5);
    one.implicit = true;
    let three = claim("b", "killed", "people", "Kazakhstan", Exact, 3.0, 5);
    assert_eq!(kinds(&[one.clone(), three.clone()]), []);
    // Stated figures that disagree still do.
    let five = claim("c", "killed", "people", "Kazakhstan", Exact, 5.0, 5);
    assert_eq!(kinds(&[one, three, five]), [Kind::Contradiction]);
}

#[test]
fn a_stock_part_is_checked_only_against_a_whole_of_its_date() {
    let part = claim("a", "missing", "people", "Almaty", Exact, 80.0, 3);
    let later_whole = claim("b", "missing", "people", "Kazakhstan", Exact, 20.0, 9);
    assert_eq!(kinds(&[part.clone(), later_whole]), []);
    let same_day_whole = claim("c", "missing", "people", "Kazakhstan", Exact, 20.0, 3);
    assert_eq!(kinds(&[part, same_day_whole]), [Kind::PartExceedsWhole]);
}

#[test]
fn a_figure_repeated_by_one_source_is_listed_once_with_its_mentions() {
    let mut c = claim("c", "detained", "people", "Kazakhstan", Exact, 7939.0, 10);
    c.source = "live".into();
    let mut d = c.clone();
    d.id = "d".into();
    d.span.start = 99;
    let mut over = claim(
        "a",
        "detained",
        "people",
        "Kazakhstan",
        MoreThan,
        5000.0,
        10,
    );
    over.source = "live".into();
    let f = compare(&[over, c, d], Lexicon::builtin());
    assert_eq!(f[0].claims, ["a", "c"]);
    assert_eq!(f[0].times("c"), 2);
    assert_eq!(f[0].mentions["c"], ["d"]);
}

#[test]
fn the_most_conservative_current_figure_is_the_lowest_not_superseded() {
    let claims = [
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
        claim(
            "d",
            "killed",
            "security_forces",
            "Kazakhstan",
            About,
            20.0,
            26,
        ),
    ];
    let mut cell = claim(
        "e",
        "killed",
        "security_forces",
        "Kazakhstan",
        Exact,
        4.0,
        27,
    );
    cell.part = true;
    let all: Vec<Claim> = claims.iter().cloned().chain([cell]).collect();
    let findings = compare(&all, Lexicon::builtin());
    let recs = reconcile(&all, &findings, Lexicon::builtin());
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r.conservative.map(|c| c.id.as_str()), Some("c"));
    let latest: Vec<&str> = r.latest.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(latest, ["c", "d"]);
    assert_eq!(r.range, Some((13.0, 20.0)));
    // The cell's 4 is listed apart, never in the series.
    assert_eq!(r.parts.len(), 1);
    assert!(r.series.iter().all(|c| !c.part));
}

#[test]
fn a_live_page_s_current_toll_is_its_last_update_of_the_day() {
    let mut entries = Vec::new();
    for (id, v, at) in [("a", 21.0, 10), ("b", 12.0, 200), ("c", 5.0, 400)] {
        let mut c = claim(id, "killed", "people", "Almaty", Exact, v, 14);
        c.source = "live".into();
        c.span.start = at;
        entries.push(c);
    }
    let findings = compare(&entries, Lexicon::builtin());
    assert_eq!(
        findings.iter().map(|f| f.kind).collect::<Vec<_>>(),
        [Kind::Timeline]
    );
    let recs = reconcile(&entries, &findings, Lexicon::builtin());
    assert_eq!(recs[0].conservative.map(|c| c.id.as_str()), Some("a"));
}

#[test]
fn one_page_sizing_a_crowd_hour_by_hour_is_no_contradiction() {
    let mut early = claim("a", "participants", "protesters", "Almaty", Exact, 500.0, 6);
    let mut late = claim(
        "b",
        "participants",
        "protesters",
        "Almaty",
        Exact,
        5000.0,
        6,
    );
    early.source = "live".into();
    late.source = "live".into();
    late.span.start = 50;
    assert_eq!(kinds(&[early.clone(), late.clone()]), []);
    // Two outlets on one date still disagree.
    late.source = "other".into();
    assert_eq!(kinds(&[early, late]), [Kind::Contradiction]);
}

#[test]
fn one_page_crediting_two_givers_with_two_crowd_sizes_is_a_dispute() {
    let mut police = claim("a", "participants", "people", "Belgrade", About, 14000.0, 9);
    let mut organisers = claim(
        "b",
        "participants",
        "people",
        "Belgrade",
        MoreThan,
        60000.0,
        9,
    );
    police.source = "page".into();
    organisers.source = "page".into();
    organisers.span.start = 80;
    police.attribution = Some("police".into());
    organisers.attribution = Some("organisers".into());
    assert_eq!(
        kinds(&[police.clone(), organisers.clone()]),
        [Kind::Contradiction]
    );
    // The same giver sizing it twice is an update.
    organisers.attribution = Some("Police".into());
    assert_eq!(kinds(&[police, organisers]), []);
}

#[test]
fn an_undated_figure_is_placed_in_time_when_it_can_be_and_never_alone_contradicts() {
    let dated = claim("a", "killed", "people", "Nepal", Exact, 71.0, 15);
    let mut same = claim("b", "killed", "people", "Nepal", Exact, 71.0, 1);
    same.as_of = None;
    // Matching a dated figure: it may be that date's figure.
    assert_eq!(kinds(&[same.clone(), dated.clone()]), []);
    let mut other = claim("c", "killed", "people", "Nepal", Exact, 96.0, 1);
    other.as_of = None;
    let f = compare(&[other.clone(), dated.clone()], Lexicon::builtin());
    assert_eq!(
        f.iter().map(|f| f.kind).collect::<Vec<_>>(),
        [Kind::Timeline]
    );
    assert!(f[0].message.contains("96 undated"), "{}", f[0].message);
    // Dated figures that break the rule still do, whatever else is undated.
    let fell = claim("d", "killed", "people", "Nepal", Exact, 40.0, 20);
    assert_eq!(kinds(&[other.clone(), dated, fell]), [Kind::Contradiction]);
    // With no dates at all, different figures cannot be ordered.
    let mut other2 = claim("e", "killed", "people", "Nepal", Exact, 50.0, 1);
    other2.as_of = None;
    assert_eq!(kinds(&[other, other2]), [Kind::Contradiction]);
}
