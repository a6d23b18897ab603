//! Over every article of the gva-dev dataset (read from `../shared` at test time,
//! never copied here): no extracted figure is an age, a rate or a year, judged
//! from the words right around it in the article.

use claimdiff::corpus::Source;
use claimdiff::extract::{Options, Outcome, extract};
use claimdiff::lexicon::Lexicon;
use std::path::Path;

/// Why the figure at `start..end` of `text` reads as something other than a
/// count, if it does.
fn not_a_count(text: &str, start: usize, end: usize) -> Option<&'static str> {
    let figure = &text[start..end];
    let after: String = text[end..]
        .chars()
        .take(16)
        .collect::<String>()
        .to_lowercase();
    let before: String = text[..start]
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    let after = after.as_str();
    let age_after = [
        "-year-old",
        " year-old",
        "-year old",
        " years old",
        " year old",
        ", of ",
    ]
    .iter()
    .any(|p| after.starts_with(p));
    let age_before = ["aged ", "age of ", "ages "]
        .iter()
        .any(|p| before.ends_with(p));
    if age_after || age_before {
        return Some("an age");
    }
    // "Smith, 33, died": a number set off by commas after a capitalised name.
    let name_before = before.ends_with(", ")
        && text[..start]
            .trim_end_matches(", ")
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
    if name_before && after.starts_with(',') && figure.chars().all(|c| c.is_ascii_digit()) {
        return Some("an age after a name");
    }
    if after.starts_with(" per ") || before.ends_with(" per ") {
        return Some("a rate");
    }
    let year = figure.len() == 4
        && figure.chars().all(|c| c.is_ascii_digit())
        && (1900..=2030).contains(&figure.parse::<u32>().unwrap_or(0));
    year.then_some("a year")
}

#[test]
fn no_claim_on_gva_dev_is_an_age_a_rate_or_a_year() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/gva-dev/sources");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "skipped: {} is absent (the gva-dev dataset lives beside the repository)",
            dir.display()
        );
        return;
    };
    let lex = Lexicon::builtin();
    let (mut articles, mut figures, mut wrong) = (0, 0, Vec::new());
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let source = Source::read(&path).unwrap();
        articles += 1;
        let ex = extract(&source, lex, &Options::default());
        for e in &ex.explained {
            let Outcome::Claim(id) = &e.outcome else {
                continue;
            };
            let claim = ex.claims.iter().find(|c| c.id == id).unwrap();
            if claim.implicit {
                continue;
            }
            figures += 1;
            if let Some(what) = not_a_count(&source.text, e.span.start, e.span.end) {
                wrong.push(format!(
                    "{}:{}: {:?} reads as {what}: claim {} from {:?}",
                    source.id,
                    e.line,
                    e.text(&source.text),
                    claim.metric,
                    claim.quote
                ));
            }
        }
    }
    assert!(articles > 1000, "read only {articles} articles");
    assert!(figures > 500, "only {figures} figures became claims");
    assert!(
        wrong.is_empty(),
        "{} of {figures} claimed figures are not counts:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_context_check_itself_tells_ages_rates_and_years() {
    let text = "Smith, 33, of Oakdale; a 7-year-old; 12 per 100,000; in 2019; 14 people";
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        not_a_count(text, i, i + s.len())
    };
    assert_eq!(at("33"), Some("an age"));
    assert_eq!(at("7"), Some("an age"));
    assert_eq!(at("12"), Some("a rate"));
    assert_eq!(at("2019"), Some("a year"));
    assert_eq!(at("14"), None);
}
