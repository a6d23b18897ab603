//! How findings name figures, dates and who gave them.

use crate::claim::Claim;

/// The as-of date, or "undated".
pub(super) fn date(c: &Claim) -> String {
    c.as_of
        .map_or_else(|| "undated".to_string(), |d| d.to_string())
}

/// "225 (2022-01-15, source-id, per the ministry)": a figure with its date and
/// who gave it, so a reader can weigh both sides of a disagreement.
pub(super) fn dated_figure(c: &Claim) -> String {
    let by = c
        .attribution
        .as_deref()
        .map(|a| format!(", per {a}"))
        .unwrap_or_default();
    format!("{} ({}, {}{by})", c.figure(), date(c), c.source)
}

/// Who announced a figure: its attribution, else its source.
pub(super) fn giver(c: &Claim) -> &str {
    c.attribution.as_deref().unwrap_or(&c.source)
}

/// "13, 18 and 19"; at most eight distinct figures, then how many more.
pub(super) fn list_figures(group: &[&Claim]) -> String {
    const SHOWN: usize = 8;
    let mut seen = std::collections::HashSet::new();
    let figs: Vec<String> = group
        .iter()
        .map(|c| c.figure())
        .filter(|f| seen.insert(f.clone()))
        .collect();
    match figs.len() {
        0 | 1 => figs.concat(),
        n if n <= SHOWN => format!("{} and {}", figs[..n - 1].join(", "), figs[n - 1]),
        n => format!("{} and {} more", figs[..SHOWN].join(", "), n - SHOWN),
    }
}

/// "13 (2022-01-06) → 18 (2022-01-07) → 19 (2022-01-26, 2022-01-29)"; figures a
/// report replaced come first, as "2,300 (replaced)", since their dates are unknown.
pub(super) fn progression(days: &[&[&Claim]]) -> String {
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    let mut earlier: Vec<String> = Vec::new();
    for d in days {
        let mut figs: Vec<String> = d.iter().map(|c| c.figure()).collect();
        figs.dedup();
        let fig = figs.join(" / ");
        if d.iter().all(|c| c.superseded) {
            earlier.push(format!("{fig} (replaced)"));
            continue;
        }
        match steps.last_mut() {
            Some((last, dates)) if *last == fig => dates.push(date(d[0])),
            _ => steps.push((fig, vec![date(d[0])])),
        }
    }
    earlier
        .into_iter()
        .chain(
            steps
                .into_iter()
                .map(|(fig, dates)| format!("{fig} ({})", dates.join(", "))),
        )
        .collect::<Vec<_>>()
        .join(" → ")
}

/// "(3 sources)"
pub(super) fn source_count(group: &[&Claim]) -> String {
    let n = group
        .iter()
        .map(|c| c.source.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    format!("({n} source{})", if n == 1 { "" } else { "s" })
}
