//! Figures summed over several incidents: "two slain and eight wounded in six
//! separate shootings", "killed in several unrelated attacks". Such a tally is
//! no claim about one event, and compared with one it is a false contradiction.

use crate::extract::numbers::is_number_word;
use crate::extract::tokens::{Kind, Sentence, Tokens};

/// Plural nouns for incidents a count before them ("six shootings", "several
/// incidents") sets apart.
const INCIDENTS: &[&str] = &[
    "shootings",
    "incidents",
    "stabbings",
    "crashes",
    "shootouts",
];

/// Plural nouns for what may be parts of one event ("two explosions", "a series
/// of attacks" are often one bombing): only "separate" and the like set them apart.
const PARTS: &[&str] = &["attacks", "explosions", "blasts"];

/// Words that tell incidents apart.
const APART: &[&str] = &["separate", "unrelated", "different", "distinct"];

/// Words that count incidents loosely.
const SEVERAL: &[&str] = &["several", "multiple", "numerous"];

/// True when the figure's sentence says it sums several incidents: an incident
/// noun in the plural after "separate" and the like, or after a count of two or
/// more ("six shootings", "several incidents").
pub fn tally(t: &Tokens, s: &Sentence) -> bool {
    (s.start + 1..s.end).any(|k| {
        let noun = t.lower[k].as_str();
        let before = t.lower[k - 1].as_str();
        if APART.contains(&before) {
            return INCIDENTS.contains(&noun) || PARTS.contains(&noun);
        }
        INCIDENTS.contains(&noun) && counts_several(t, k - 1)
    })
}

/// True when the word at `k` counts several: "several", "six", "3".
fn counts_several(t: &Tokens, k: usize) -> bool {
    let word = t.lower[k].as_str();
    match t.toks[k].kind {
        Kind::Number => word.replace(',', "").parse::<u64>().is_ok_and(|n| n >= 2),
        Kind::Word => SEVERAL.contains(&word) || (is_number_word(word) && word != "one"),
        Kind::Punct => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::{Bump, sentences, tokenize};

    fn says_tally(text: &str) -> bool {
        let arena = Bump::new();
        let t = tokenize(text, 0, text.len(), &arena);
        let s = sentences(text, &t);
        tally(&t, &s[0])
    }

    #[test]
    fn a_figure_summed_over_several_incidents_is_a_tally() {
        assert!(says_tally(
            "Two people died and 8 were hurt in 6 separate shootings."
        ));
        assert!(says_tally(
            "Four were killed in three shootings across the city."
        ));
        assert!(says_tally(
            "Nine were wounded in several unrelated attacks."
        ));
        assert!(!says_tally(
            "Three people were killed in the shooting on Elm Street."
        ));
        assert!(!says_tally("Police said the shootings left two dead."));
        assert!(!says_tally("One of the shootings killed 2 people."));
    }
}
