//! Tests of the clustering: its decisions on made-up units, and on gva-dev
//! (read from ../shared at test time) that blocks give the corpus's answer.

use super::*;
use crate::events::{Signature, Stats};
use crate::lexicon::Lexicon;

/// The units of gva-dev (read from ../shared at test time), or `None` when the
/// dataset is absent.
fn gva_units() -> Option<Vec<Unit>> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/gva-dev/sources");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return None;
    };
    let files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    let loaded = crate::corpus::load(&files);
    let sources: Vec<&crate::corpus::Source> = loaded.sources.iter().collect();
    let lex = Lexicon::builtin();
    let stats = Stats::of(&sources, lex);
    let units = sources
        .iter()
        .flat_map(|s| Signature::of(s, None, lex, &stats).units)
        .collect();
    Some(units)
}

/// Each unit's weights by term text, as bits.
fn weights_by_term(v: &Vectors) -> Vec<Vec<(&str, u32)>> {
    v.weights
        .iter()
        .map(|w| {
            w.iter()
                .map(|&(t, x)| (v.names[t as usize].as_str(), x.to_bits()))
                .collect()
        })
        .collect()
}

/// A unit of made-up terms, for tests of the decisions alone.
fn unit(source: &str, day: u32, terms: &[String]) -> Unit {
    let term = |t: &String| crate::claim::vocab::word(t);
    Unit {
        source: source.to_string(),
        span: None,
        kind: Some(0),
        kind_counts: vec![1],
        place: None,
        places: Vec::new(),
        mapped: false,
        date: chrono::NaiveDate::from_ymd_opt(2024, 3, day),
        terms: terms.iter().map(term).collect(),
        lede: Vec::new().into(),
        copy: None,
        lang: "en".to_string(),
    }
}

#[test]
fn three_people_both_name_join_reports_told_apart_within_the_month() {
    // Names of two words, none a person's by the surname used alone.
    let victims = ["ann lee", "bo tran", "cy odum", "^lee", "^tran", "^odum"];
    let own = |tag: &'static str| (0..40).map(move |k| format!("{tag}{k}"));
    let mut a: Vec<String> = victims.iter().map(|s| s.to_string()).collect();
    a.extend(own("alpha"));
    let mut b: Vec<String> = victims.iter().map(|s| s.to_string()).collect();
    b.extend(own("beta"));
    let mut units = vec![unit("a", 1, &a), unit("b", 12, &b)];
    // Each of their other words is used once elsewhere, in other news.
    for (k, w) in own("alpha").chain(own("beta")).enumerate() {
        units.push(unit(&format!("other{k}"), 28, &[w, format!("filler{k}")]));
    }
    let stats = TermStats::of(&units);
    let clusters = cluster(&units, &stats);
    let group = clusters.groups.iter().find(|g| g.contains(&0)).unwrap();
    assert!(group.contains(&1), "{:?}", clusters.why);
    // Two of the three are not enough at that similarity.
    for u in &mut units[..2] {
        u.terms = u
            .terms
            .iter()
            .filter(|t| !t.contains("odum"))
            .cloned()
            .collect();
    }
    let clusters = cluster(&units, &TermStats::of(&units));
    let group = clusters.groups.iter().find(|g| g.contains(&0)).unwrap();
    assert!(!group.contains(&1), "{:?}", clusters.why);
}

#[test]
fn groups_join_on_most_pairs_or_when_each_of_the_smaller_links_in() {
    let accepted: HashSet<Pair> = [(0, 3), (1, 4)].into_iter().collect();
    // Two of six cross pairs, but each of the pair {3, 4} links into {0, 1, 2}.
    assert!(groups_agree(&[0, 1, 2], &[3, 4], &accepted));
    // Unit 4 links to nothing in {0, 2}: one loose pair joins no groups.
    assert!(!groups_agree(&[0, 2], &[3, 4], &accepted));
    // Half the pairs is enough.
    assert!(groups_agree(&[0, 1], &[3], &accepted));
    assert!(!groups_agree(&[1, 2], &[3], &accepted));
}

#[test]
fn on_gva_dev_every_candidate_pair_shares_a_block_key_and_blocks_score_alike() {
    let Some(units) = gva_units() else { return };
    let stats = TermStats::of(&units);
    let v = vectors(&units, &stats);
    let (pairs, _) = candidates(&units, &v);
    assert!(pairs.len() > 500, "only {} candidate pairs", pairs.len());
    let keys: Vec<Vec<String>> = units.iter().map(|u| block_keys(u, &stats)).collect();
    for &(a, b) in &pairs {
        assert!(
            keys[a].iter().any(|k| keys[b].contains(k)),
            "{} and {} are a candidate pair sharing no block key: add a key for the rule",
            units[a].name(),
            units[b].name()
        );
    }
    // Blocks: units linked by shared keys. Scored alone with the corpus's
    // statistics, a block gives each unit its weights bit for bit, and the
    // candidate pairs the whole corpus gives among its units.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::default();
    for (u, ks) in keys.iter().enumerate() {
        for k in ks {
            by_key.entry(k.as_str()).or_default().push(u);
        }
    }
    let mut root: Vec<usize> = (0..units.len()).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for list in by_key.values() {
        for &u in &list[1..] {
            let (a, b) = (find(&mut root, list[0]), find(&mut root, u));
            root[a] = b;
        }
    }
    let mut blocks: HashMap<usize, Vec<usize>> = HashMap::default();
    for u in 0..units.len() {
        let r = find(&mut root, u);
        blocks.entry(r).or_default().push(u);
    }
    // Rare names chain most of gva-dev into one block (its 400 shootings are
    // told with names other incidents share): a block is not an event.
    assert!(blocks.len() > 1, "one block");
    let whole = weights_by_term(&v);
    let mut from_blocks: Vec<(usize, usize)> = Vec::new();
    for members in blocks.values() {
        let part: Vec<Unit> = members.iter().map(|&u| units[u].clone()).collect();
        let bv = vectors(&part, &stats);
        for (i, w) in weights_by_term(&bv).into_iter().enumerate() {
            assert_eq!(w, whole[members[i]], "{}", units[members[i]].name());
        }
        let (bp, _) = candidates(&part, &bv);
        from_blocks.extend(bp.iter().map(|&(a, b)| (members[a], members[b])));
    }
    from_blocks.sort_unstable();
    assert_eq!(from_blocks, pairs);
    // Pairs accepted within each key's users are the corpus's accepted
    // pairs; the units they link, clustered apart, give the corpus's clusters.
    let all = cluster(&units, &stats);
    let mut from_keys: Vec<(usize, usize)> = Vec::new();
    for users in by_key.values().filter(|l| l.len() > 1) {
        let part: Vec<Unit> = users.iter().map(|&u| units[u].clone()).collect();
        let got = cluster(&part, &stats).accepted;
        from_keys.extend(got.iter().map(|&(a, b)| (users[a], users[b])));
    }
    from_keys.sort_unstable();
    from_keys.dedup();
    let mut accepted = all.accepted.clone();
    accepted.sort_unstable();
    assert_eq!(from_keys, accepted);
    let mut root: Vec<usize> = (0..units.len()).collect();
    for &(a, b) in &accepted {
        let (x, y) = (find(&mut root, a), find(&mut root, b));
        root[x] = y;
    }
    let mut linked: HashMap<usize, Vec<usize>> = HashMap::default();
    for u in 0..units.len() {
        let r = find(&mut root, u);
        linked.entry(r).or_default().push(u);
    }
    let largest = linked.values().map(Vec::len).max().unwrap_or(0);
    assert!(largest < 100, "a block of {largest} units");
    let mut want: Vec<Vec<usize>> = all.groups.clone();
    want.sort();
    let mut got: Vec<Vec<usize>> = Vec::new();
    for members in linked.values() {
        let part: Vec<Unit> = members.iter().map(|&u| units[u].clone()).collect();
        let c = cluster(&part, &stats);
        got.extend(
            c.groups
                .iter()
                .map(|g| g.iter().map(|&i| members[i]).collect::<Vec<_>>()),
        );
    }
    got.sort();
    assert_eq!(got, want);
    // Any subset of the units, not only a block, weighs its units alike.
    let every_seventh: Vec<Unit> = units.iter().step_by(7).cloned().collect();
    let sv = vectors(&every_seventh, &stats);
    for (i, w) in weights_by_term(&sv).into_iter().enumerate() {
        assert_eq!(w, whole[7 * i], "{}", units[7 * i].name());
    }
}
