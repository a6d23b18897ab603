//! Grouping into events, over made-up corpora of several events
//! (tests/fixtures/multi-event, see its README).

mod common;
use common::{Project, repo};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A project whose sources are the given fixture folders (and the bundled corpus when asked).
fn project(folders: &[&str], bundled: bool) -> Project {
    let p = if bundled {
        Project::bundled()
    } else {
        Project::empty()
    };
    for folder in folders {
        let dir = repo().join("tests/fixtures/multi-event").join(folder);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            p.write(&format!("sources/{name}"), std::fs::read(&path).unwrap());
        }
    }
    p
}

/// Event label → its sources.
fn events(json: &Value) -> BTreeMap<String, Vec<String>> {
    json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let sources = e["sources"].as_array().unwrap();
            let sources = sources.iter().map(|s| s.as_str().unwrap().to_string());
            (e["label"].as_str().unwrap().to_string(), sources.collect())
        })
        .collect()
}

/// The events a finding's claims belong to (by id), checked against the finding's own.
fn finding_events(json: &Value, f: &Value) -> BTreeSet<String> {
    let claims = json["claims"].as_array().unwrap();
    let ids: BTreeSet<String> = f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| {
            let c = claims.iter().find(|c| &c["id"] == id).unwrap();
            c["event"]["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert!(ids.contains(f["event"]["id"].as_str().unwrap()), "{f}");
    ids
}

fn assert_no_finding_joins_events(json: &Value) {
    for f in json["findings"].as_array().unwrap() {
        assert_eq!(finding_events(json, f).len(), 1, "{f}");
    }
}

#[test]
fn two_earthquakes_in_one_country_months_apart_are_two_events() {
    let json = project(&["quakes"], false).json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 2, "{ev:?}");
    assert_eq!(
        ev["earthquake · Peru · 2019-03-04"],
        [
            "2019-03-04-andes-quake-first",
            "2019-03-06-andes-quake-update"
        ]
    );
    assert_no_finding_joins_events(&json);
    // Within one event the rising toll is still a timeline.
    let kinds: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["metric"].as_str().unwrap(), f["kind"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("killed", "timeline")), "{kinds:?}");
    assert!(!kinds.contains(&("killed", "contradiction")), "{kinds:?}");
}

#[test]
fn two_shootings_in_one_city_on_one_weekend_stay_apart() {
    let json = project(&["shootings"], false).json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 2, "{ev:?}");
    let groups: BTreeSet<&Vec<String>> = ev.values().collect();
    assert!(groups.contains(&vec![
        "2021-05-09-kelley-street-shooting".to_string(),
        "2021-05-10-kelley-street-victims".to_string()
    ]));
    assert_no_finding_joins_events(&json);
}

/// The label of the one event a fixture folder makes; fails when it makes more.
fn only_label(folder: &str) -> String {
    let json = project(&[folder], false).json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 1, "{folder}: {ev:?}");
    ev.into_keys().next().unwrap()
}

/// The label of the event of the claim of `source` whose quote holds `needle`.
fn event_of_claim(json: &Value, source: &str, needle: &str) -> String {
    let claims = json["claims"].as_array().unwrap();
    let claim = claims
        .iter()
        .find(|c| c["source"] == source && c["quote"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no claim of {source} quoting {needle:?} in {claims:?}"));
    claim["event"]["label"].as_str().unwrap().to_string()
}

#[test]
fn a_markdown_round_up_gives_each_entry_s_figures_to_its_own_event() {
    let json = project(&["round-up"], false).json(&[]);
    let of = |needle: &str| event_of_claim(&json, "2024-03-18-week-in-review", needle);
    let collapse = of("Five people were killed");
    assert!(
        collapse.starts_with("collapse · Marlow Falls"),
        "{collapse}"
    );
    let fire = of("31 passengers");
    assert!(fire.starts_with("fire · Port Avery"), "{fire}");
    // Each entry joins the report of its own event: two events, no more.
    assert_eq!(json["events"].as_array().unwrap().len(), 2, "{json}");
    assert_no_finding_joins_events(&json);
    assert_eq!(json["findings"].as_array().unwrap().len(), 0, "{json}");
}

#[test]
fn a_country_s_name_before_a_surname_is_a_person_not_a_place() {
    // "Jordan Clay" and "Chad Ferris" name people in a Houston story.
    let label = only_label("person-country");
    assert!(label.starts_with("shooting · Houston"), "{label}");
}

#[test]
fn the_pair_command_takes_a_section_as_the_events_list_gives_it() {
    let p = project(&["round-up"], false);
    let (code, list, err) = p.run(&["events"]);
    assert_eq!(code, 0, "{err}");
    // The fire's entry, as the list names it.
    let section = list
        .split("\n\n")
        .find(|block| block.contains("fire · Port Avery"))
        .and_then(|block| {
            block
                .lines()
                .find_map(|l| l.trim().strip_prefix("section "))
        })
        .unwrap_or_else(|| panic!("no section of the fire in {list}"))
        .to_string();
    let (code, out, err) = p.run(&[
        "events",
        "--pair",
        "2024-03-15-port-avery-ferry-fire",
        &section,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("2024-03-15-port-avery-ferry-fire + {section}: ")),
        "{out}"
    );
    assert!(out.contains("one event: "), "{out}");
}

#[test]
fn a_live_page_covering_two_events_splits_its_claims() {
    let json = project(&["live"], false).json(&[]);
    let of = |needle: &str| event_of_claim(&json, "2020-07-14-live-updates", needle);
    let flood = of("21 people were killed");
    assert!(flood.starts_with("flood · "), "{flood}");
    let blast = of("killed 4 people");
    assert!(blast.starts_with("explosion · Manila"), "{blast}");
    assert_no_finding_joins_events(&json);
}

#[test]
fn a_mine_fire_is_never_compared_with_the_unrest() {
    let json = project(&["mine-fire"], true).json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 2, "{ev:?}");
    let unrest = ev.iter().find(|(l, _)| l.starts_with("unrest")).unwrap().1;
    assert_eq!(
        unrest.len(),
        5,
        "the five bundled articles are one event: {ev:?}"
    );
    assert_no_finding_joins_events(&json);
}

#[test]
fn front_matter_and_configuration_name_events() {
    let p = project(&["quakes"], false);
    // The configuration puts every quake report in one event; front matter wins for one.
    p.write(
        "claimdiff.toml",
        "[events]\n\"2019-*-quake-*\" = \"Peru quakes of 2019\"\n",
    );
    let first = p.read("sources/2019-03-04-andes-quake-first.txt");
    p.write(
        "sources/2019-03-04-andes-quake-first.txt",
        first.replacen("+++\n", "+++\nevent = \"Arequipa quake\"\n", 1),
    );
    let json = p.json(&[]);
    let ev = events(&json);
    assert_eq!(ev["Arequipa quake"], ["2019-03-04-andes-quake-first"]);
    assert_eq!(ev["Peru quakes of 2019"].len(), 3, "{ev:?}");
    let why = json["events"][0]["why"].to_string();
    assert!(why.contains("named in"), "{why}");
}

#[test]
fn a_reviewed_event_in_a_claim_file_survives_extract() {
    let p = project(&["quakes"], false);
    let (code, _, err) = p.run(&["extract"]);
    assert_eq!(code, 0, "{err}");
    let file = "claims/2019-08-21-coast-quake-update.toml";
    let text = p.read(file);
    assert!(
        text.contains("[event]\nname = \"earthquake · Piura · 2019-08-20\""),
        "{text}"
    );
    let corrected = text.replace(
        "[event]\nname = \"earthquake · Piura · 2019-08-20\"\nstatus = \"extracted\"",
        "[event]\nname = \"Piura quake\"\nstatus = \"confirmed\"",
    );
    assert_ne!(corrected, text);
    p.write(file, &corrected);
    p.run(&["extract"]);
    assert!(p.read(file).contains("name = \"Piura quake\""));
    let ev = events(&p.json(&[]));
    assert_eq!(ev["Piura quake"], ["2019-08-21-coast-quake-update"]);
}

#[test]
fn the_events_command_takes_a_name_from_a_claim_file_only_when_the_file_reads() {
    let p = project(&["quakes"], false);
    let (code, _, err) = p.run(&["extract"]);
    assert_eq!(code, 0, "{err}");
    let file = "claims/2019-08-21-coast-quake-update.toml";
    let text = p.read(file);
    let named = text.replace(
        "[event]\nname = \"earthquake · Piura · 2019-08-20\"\nstatus = \"extracted\"",
        "[event]\nname = \"Piura quake\"\nstatus = \"confirmed\"",
    );
    assert_ne!(named, text);
    let listed = |p: &Project| {
        let (code, out, err) = p.run(&["events", "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        events(&serde_json::from_str(&out).unwrap())
    };
    p.write(file, &named);
    assert_eq!(listed(&p)["Piura quake"], ["2019-08-21-coast-quake-update"]);
    // In another layout that TOML reads alike.
    p.write(
        file,
        named.replace("status = \"confirmed\"", "  status = 'confirmed'"),
    );
    assert_eq!(listed(&p)["Piura quake"], ["2019-08-21-coast-quake-update"]);
    // A file that does not read names nothing, whatever its first lines say.
    p.write(file, format!("{named}\n[[claim]]\nid = 12\n"));
    assert!(!listed(&p).contains_key("Piura quake"));
}

#[test]
fn fingerprints_stay_when_unrelated_sources_are_added() {
    let prints = |json: &Value| -> BTreeSet<String> {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let alone = prints(&project(&["quakes"], false).json(&[]));
    assert!(!alone.is_empty());
    let together = prints(&project(&["quakes", "shootings", "live"], false).json(&[]));
    assert!(alone.is_subset(&together), "{alone:?} vs {together:?}");
}

#[test]
fn the_events_command_lists_ids_labels_sources_and_reasons() {
    let p = project(&["quakes", "shootings"], false);
    let (code, out, err) = p.run(&["events"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
    let (_, json, _) = p.run(&["events", "--format", "json"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["events"].as_array().unwrap().len(), 4);
}

/// The source ids of every event, as sorted lists.
fn groups(json: &Value) -> BTreeSet<Vec<String>> {
    events(json).into_values().collect()
}

#[test]
fn a_few_short_reports_naming_only_their_city_are_one_event() {
    for folder in ["small-flood", "small-leak"] {
        let json = project(&[folder], false).json(&[]);
        let ev = events(&json);
        assert_eq!(ev.len(), 1, "{folder}: {ev:?}");
    }
    // The flood's missing count is still compared over time.
    let json = project(&["small-flood"], false).json(&[]);
    assert!(
        !json["findings"].as_array().unwrap().is_empty(),
        "{}",
        json["findings"]
    );
}

#[test]
fn a_trial_months_later_joins_its_shooting_by_the_names_it_repeats() {
    let json = project(&["follow-up"], false).json(&[]);
    let g = groups(&json);
    assert_eq!(g.len(), 2, "{g:?}");
    assert!(g.contains(&vec![
        "2021-03-14-riverside-shooting".to_string(),
        "2021-09-02-riverside-trial".to_string()
    ]));
    // The shooting the day before in the same town, with a victim of its own, stays apart.
    assert!(g.contains(&vec!["2021-03-13-riverside-other".to_string()]));
}

#[test]
fn a_page_with_only_a_notification_box_joins_its_event_by_its_headline() {
    let json = project(&["title-only", "shootings"], false).json(&[]);
    let g = groups(&json);
    assert!(
        g.contains(&vec![
            "2022-08-14-rink-alert".to_string(),
            "2022-08-14-rink-shooting".to_string()
        ]),
        "{g:?}"
    );
    // The Houston shootings are not pulled in by it.
    assert!(g.iter().all(|e| e.len() <= 2), "{g:?}");
}

#[test]
fn a_reporter_credited_on_two_stories_does_not_make_them_one_event() {
    let json = project(&["bylines"], false).json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 2, "{ev:?}");
    let why = json["events"].to_string().to_lowercase();
    assert!(!why.contains("whitfield"), "{why}");
    assert_no_finding_joins_events(&json);
}

#[test]
fn copies_of_one_report_are_one_event() {
    let json = project(&["copies"], false).json(&[]);
    let g = groups(&json);
    assert_eq!(g.len(), 1, "{g:?}");
    assert_eq!(g.iter().next().unwrap().len(), 3, "{g:?}");
}

#[test]
fn the_reasons_for_a_grouping_are_the_same_on_every_run() {
    let p = project(&["shootings", "follow-up", "title-only"], false);
    let first = p.run(&["events", "--format", "json"]).1;
    for _ in 0..3 {
        assert_eq!(p.run(&["events", "--format", "json"]).1, first);
    }
}

#[test]
fn towns_no_gazetteer_lists_are_learnt_from_datelines_and_states() {
    let json = project(&["towns"], false).json(&[]);
    let ev = events(&json);
    assert_eq!(
        ev.get("shooting · Brambleford · 2024-05-11"),
        Some(&vec![
            "2024-05-11-brambleford-shooting".to_string(),
            "2024-05-12-brambleford-update".to_string()
        ]),
        "{ev:?}"
    );
    assert_eq!(
        ev.get("shooting · Pell Creek · 2024-05-11"),
        Some(&vec!["2024-05-11-pell-creek-shooting".to_string()]),
        "{ev:?}"
    );
    assert_no_finding_joins_events(&json);
}

#[test]
fn reports_whose_openings_tell_the_same_thing_are_one_event() {
    let json = project(&["sidebar"], false).json(&[]);
    let ev = &json["events"].as_array().unwrap();
    assert_eq!(ev.len(), 1, "{ev:?}");
    let why = ev[0]["why"].to_string();
    assert!(why.contains("openings alike"), "{why}");
}

#[test]
fn a_wire_filed_from_the_capital_places_its_event_where_it_happened() {
    let label = only_label("filed-afar");
    assert!(label.contains("Gostyn Slaski"), "{label}");
    assert!(!label.contains("Warsaw"), "{label}");
}

#[test]
fn places_recalled_months_later_join_no_reports() {
    let json = project(&["recalled"], false).json(&[]);
    assert_eq!(groups(&json).len(), 2, "{:?}", events(&json));
    assert_no_finding_joins_events(&json);
}

#[test]
fn a_possessive_names_its_place_and_its_person() {
    let json = project(&["possessive"], false).json(&[]);
    let g = groups(&json);
    assert!(
        g.contains(&vec![
            "2025-03-08-bucharest-march".to_string(),
            "2025-03-09-ambulance-service".to_string(),
            "2025-03-09-bucharest-detentions".to_string()
        ]),
        "{g:?}"
    );
    // "Pavel's cousin" uses the surname alone: Andrei Pavel is the market
    // shooting's own victim, as Sorin Dumitru is the porch shooting's.
    assert!(
        g.contains(&vec!["2025-06-14-porch-shooting".to_string()]),
        "{g:?}"
    );
    assert!(
        g.contains(&vec!["2025-06-15-market-shooting".to_string()]),
        "{g:?}"
    );
    assert_no_finding_joins_events(&json);
}

#[test]
fn a_report_from_the_gunmans_home_town_joins_its_shooting_by_the_names_it_repeats() {
    let json = project(&["told-afar", "shootings", "towns"], false).json(&[]);
    let g = groups(&json);
    assert!(
        g.contains(&vec![
            "2024-10-05-seattle-deputies".to_string(),
            "2024-10-07-portland-gunman".to_string()
        ]),
        "{g:?}"
    );
    let why = json["events"].to_string();
    assert!(why.contains("told from two places"), "{why}");
    // The Houston shootings, each with its own victims, stay two events.
    assert_eq!(g.len(), 5, "{g:?}");
}

#[test]
fn a_citys_name_alone_joins_no_reports_weeks_apart() {
    let json = project(&["weeks-apart"], false).json(&[]);
    assert_eq!(groups(&json).len(), 2, "{:?}", events(&json));
    assert_no_finding_joins_events(&json);
}

#[test]
fn a_datelines_region_date_and_agency_join_no_reports() {
    let json = project(&["datelines"], false).json(&[]);
    assert_eq!(groups(&json).len(), 4, "{:?}", events(&json));
    let why = json["events"].to_string().to_lowercase();
    assert!(!why.contains("andes wire"), "{why}");
    assert_no_finding_joins_events(&json);
}

#[test]
fn one_towns_name_in_two_states_is_two_towns() {
    let json = project(&["two-springfields"], false).json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 2, "{ev:?}");
    assert!(
        ev.contains_key("shooting · Springfield, Illinois · 2026-06-06"),
        "{ev:?}"
    );
    assert!(
        ev.contains_key("shooting · Springfield, Missouri · 2026-06-06"),
        "{ev:?}"
    );
    assert_no_finding_joins_events(&json);
}

#[test]
fn a_heading_in_capitals_is_no_dateline() {
    let label = only_label("related-box");
    assert!(!label.to_lowercase().contains("related"), "{label}");
}

#[test]
fn two_shootings_on_one_weekend_sharing_only_a_hospital_stay_apart() {
    let json = project(&["one-weekend"], false).json(&[]);
    let g = groups(&json);
    assert_eq!(g.len(), 2, "{g:?}");
    assert!(
        g.contains(&vec!["2026-11-15-wmtk-frayser-shooting".to_string()]),
        "{g:?}"
    );
    assert_no_finding_joins_events(&json);
}

/// A project holding `folder` and `n` short made-up reports of shootings and fires
/// in other towns the year before: an archive large enough for a name three
/// reports use to be rare, and for the words of a shooting report to be common.
fn in_archive(folder: &str, n: usize) -> Project {
    let p = project(&[folder], false);
    let syllables = [
        "Ash", "Bel", "Cor", "Dun", "Elm", "Fen", "Gar", "Hol", "Ivy", "Kel",
    ];
    let endings = [
        "ford", "mere", "wick", "ton", "by", "stead", "combe", "ley", "worth", "dale",
    ];
    let word = |i: usize, j: usize| format!("{}{}", syllables[i % 10], endings[j % 10]);
    let openings = [
        "was shot and killed late on Friday",
        "was wounded in a shooting on Saturday night",
        "died after being shot outside a store",
        "was shot in the leg during an argument",
    ];
    let middles = [
        "Police said officers found the victim with gunshot wounds and no arrests have been made.",
        "Investigators asked anyone with video to call detectives, police said.",
        "Witnesses told officers they heard several shots and saw a car drive away.",
        "The victim was taken to hospital, and police have not named a suspect.",
        "Officers called around midnight found the victim on the sidewalk; he died at the scene.",
        "A dark sedan was seen leaving the parking lot, and no arrests have been made.",
        "Sheriff's deputies said the shot was fired from a passing pickup truck on Sunday.",
        "Two masked men robbed a store and left with cash from the register, deputies said.",
        "A woman sitting on a bench in the park was grazed by a stray bullet in the afternoon.",
        "The clerk was taken to hospital and is expected to recover, the sheriff's office said.",
    ];
    let community = [
        "Friends lit candles along the front window and taped photographs to the glass.",
        "Regulars said the young barber gave free haircuts to children before every school year.",
        "He coached a youth basketball team on weekends, said his cousin, who organised the vigil.",
        "His mother asked the crowd to pray and to share anything they saw.",
        "A fund set up by his church had raised more than its goal by evening.",
        "He was saving to open a second shop and knew every kid's name on the street.",
        "The chairs stood empty on Saturday as hundreds gathered to remember him.",
        "He had cut hair at the shop for six years; police have not named a suspect in his killing.",
    ];
    for i in 0..n {
        // The city of the fixture's reports has had other news.
        let town = if i % 20 == 1 {
            "Memphis".to_string()
        } else {
            word(i, i / 10)
        };
        let day =
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(i as i64);
        let text = if i % 3 == 0 && i % 2 == 0 {
            // Community news in the words of a vigil, so that they are common.
            let k = i / 6;
            format!(
                "{} {} {} It happened in {town}.",
                community[k % 8],
                community[(k + 3) % 8],
                community[(k + 6) % 8]
            )
        } else if i % 3 == 0 {
            format!(
                "A barn burned down near {town} overnight, and volunteer crews kept the \
                 flames from the farmhouse. Nobody was hurt, the fire service said."
            )
        } else {
            format!(
                "A man {opening} in {town}. {middle} Relatives named him as {first} {last}.",
                opening = openings[i % 4],
                middle = middles[(i / 4) % 10],
                first = word(i / 7, i),
                last = word(i / 3, i / 5 + 3),
            )
        };
        p.write(
            &format!("sources/{day}-filler-{i}.md"),
            format!("+++\ntitle = \"News from {town}\"\npublished = {day}\n+++\n\n{text}\n"),
        );
    }
    p
}
#[test]
fn in_an_archive_a_name_few_reports_use_joins_a_vigil_to_its_shooting() {
    let json = in_archive("scarce-name", 320).json(&[]);
    // Events by their sources (an unlisted town leaves two events one label).
    let g: Vec<Vec<String>> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| serde_json::from_value::<Vec<String>>(e["sources"].clone()).unwrap())
        .filter(|g| !g[0].contains("filler"))
        .collect();
    // A small town's name few reports use joins no two incidents that each name
    // their own people and streets.
    assert_eq!(
        g,
        [
            vec!["2026-10-03-kvtx-airways-shooting".to_string()],
            vec![
                "2026-10-03-kvtx-cleland-street-shooting".to_string(),
                "2026-10-04-daily-ledger-vigil".to_string()
            ],
            vec!["2026-10-05-quillfield-courier-park-shooting".to_string()],
            vec!["2026-10-05-quillfield-courier-store-robbery".to_string()],
        ]
    );
    let why = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["sources"].to_string().contains("vigil"))
        .map(|e| e["why"].to_string())
        .unwrap();
    assert!(why.contains("both name okafor"), "{why}");
    assert_no_finding_joins_events(&json);
}

#[test]
fn a_victims_profile_joins_the_shooting_through_the_one_report_that_named_her() {
    let p = project(&["profile"], false);
    let json = p.json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let sources = ev.values().next().unwrap();
    assert!(
        sources.contains(&"2026-09-14-riverbend-weekly-crossing-guard".to_string()),
        "{ev:#?}"
    );
    let why = json["events"][0]["why"].to_string();
    assert!(why.contains("both name hattie brannigan"), "{why}");
}

#[test]
fn a_verdict_years_later_joins_its_shooting_through_the_people_it_names_again() {
    let json = project(&["verdict"], false).json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 2, "{ev:#?}");
    let diner = ev
        .get("shooting · Edgeworth · 2023-04-07")
        .unwrap_or_else(|| panic!("{ev:#?}"));
    for source in [
        "2023-04-08-edgeworth-sentinel-diner-shooting",
        "2023-04-09-wedg-diner-victim-named",
        "2023-07-21-edgeworth-sentinel-arrest",
        "2025-11-05-edgeworth-sentinel-verdict",
    ] {
        assert!(diner.contains(&source.to_string()), "{ev:#?}");
    }
    // The chief is named in both shootings: an official joins no incidents.
    assert_eq!(
        ev.get("shooting · Edgeworth · 2023-09-15"),
        Some(&vec!["2023-09-16-wedg-riverside-shooting".to_string()]),
        "{ev:#?}"
    );
}

#[test]
fn a_name_most_reports_give_as_a_persons_is_one_in_the_reports_that_do_not_say_so() {
    let json = project(&["long-case"], false).json(&[]);
    let ev = events(&json);
    assert_eq!(ev.len(), 2, "{ev:#?}");
    let killing = ev
        .get("shooting · Harlow · 2022-03-04")
        .unwrap_or_else(|| panic!("{ev:#?}"));
    for source in [
        "2022-03-05-harlow-ledger-truck-stop-shooting",
        "2022-03-06-kxhr-vigil",
        "2022-06-20-harlow-ledger-arrest",
        "2022-11-02-kxhr-hearing",
        "2023-05-16-harlow-ledger-verdict",
    ] {
        assert!(killing.contains(&source.to_string()), "{ev:#?}");
    }
    // The truck stop is named in both incidents: a venue joins no incidents.
    assert_eq!(
        ev.get("shooting · Harlow · 2022-09-13"),
        Some(&vec!["2022-09-14-kxhr-second-shooting".to_string()]),
        "{ev:#?}"
    );
}

#[test]
fn a_town_of_two_common_words_given_with_its_state_is_still_a_town() {
    let json = project(&["common-words-town"], false).json(&[]);
    let ev = events(&json);
    assert!(
        ev.contains_key("shooting · Stone Mill · 2024-02-02"),
        "{ev:#?}"
    );
}

#[test]
fn a_benefit_page_joins_its_shooting_and_a_shared_hospital_joins_nothing() {
    let json = in_archive("fund-raiser", 320).json(&[]);
    let ev = events(&json);
    let party = ev
        .values()
        .find(|s| s.contains(&"2024-06-02-lakeshore-times-block-party".to_string()))
        .unwrap();
    let why = json["events"].to_string();
    assert!(
        party.contains(&"2024-06-11-orchard-park-weekly-benefit".to_string()),
        "{party:?} {why}"
    );
    // The other shooting that week names the same hospital, and only that.
    assert!(
        !party.contains(&"2024-06-09-lakeshore-times-river-shooting".to_string()),
        "{party:?}"
    );
}

#[test]
fn an_arrest_and_a_trial_told_from_two_cities_months_apart_are_one_event() {
    // The arrest is told from the city he was caught in, the trial from the
    // city it was moved to: two places, half a year apart, the same accused and
    // lawyer named in both.
    let json = project(&["tried-elsewhere"], false).json(&[]);
    let ev = events(&json);
    let arrest = "2023-05-16-lantern-festival-arrest";
    let trial = "2023-11-21-lantern-festival-trial";
    assert!(
        ev.values()
            .any(|s| s.contains(&arrest.to_string()) && s.contains(&trial.to_string())),
        "{ev:?}"
    );
    // The flood and the fire stay events of their own.
    assert!(ev.keys().any(|l| l.starts_with("flood · Tulsa")), "{ev:?}");
    assert!(ev.keys().any(|l| l.starts_with("fire · Memphis")), "{ev:?}");
    assert_no_finding_joins_events(&json);
}

#[test]
fn a_datelines_town_places_a_story_that_names_only_its_state() {
    // "TOLEDO, Ohio —", then only "the Ohio State Highway Patrol": the crash
    // happened in Toledo, not somewhere in Ohio.
    let label = only_label("dateline-state");
    assert!(label.starts_with("crash · Toledo"), "{label}");
}

#[test]
fn the_events_command_says_why_two_sources_were_or_were_not_joined() {
    let p = project(&["shootings"], false);
    let (code, out, err) = p.run(&[
        "events",
        "--pair",
        "2021-05-09-kelley-street-shooting",
        "2021-05-10-kelley-street-victims",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("2021-05-09-kelley-street-shooting: shooting · Houston · 2021-05-08"),
        "{out}"
    );
    assert!(out.contains("both name marcus delaney"), "{out}");
    assert!(out.contains("accepted:"), "{out}");
    assert!(out.contains("one event: "), "{out}");
    // Two shootings in one city on one weekend: apart, and why.
    let (code, out, _) = p.run(&[
        "events",
        "--pair",
        "2021-05-09-kelley-street-shooting",
        "2021-05-09-westheimer-shooting",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("judged apart: each names people or streets of its own"),
        "{out}"
    );
    assert!(out.contains("two events: "), "{out}");
    // An id no source has is an error that names it.
    let (code, _, err) = p.run(&[
        "events",
        "--pair",
        "no-such-report",
        "2021-05-09-westheimer-shooting",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no source `no-such-report`"), "{err}");
}
