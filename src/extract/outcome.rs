//! What became of each number: a claim, or the reason it was set aside.

use crate::claim::Span;
use std::fmt;

/// Why a number did not become a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// "January 6", "10.01.2022"
    Date,
    /// "05:01", "21.00 Moscow time"
    Time,
    /// "2022"
    Year,
    /// "a 7-year-old boy"
    Age,
    /// "for 180 days"
    Duration,
    /// "40 percent"
    Percent,
    /// "12 deaths per 100,000 people": a rate, not a count
    Rate,
    /// "the 2018 fire, which killed 85", "since March, when …": a figure about an
    /// earlier event, with when the text says it happened
    PastEvent(String),
    /// "2 slain and 8 wounded in 6 separate shootings": a figure summed over
    /// several incidents, about none of them
    Tally,
    /// "Il-76"
    ModelNumber,
    /// "+7 727 …", "#12"
    Identifier,
    /// "12 Abay Avenue"
    Address,
    /// "($4.2 billion)" after "310 billion rubles": the same sum in another currency
    Conversion,
    /// "Khabar 24"
    Name,
    /// "5th"
    Ordinal,
    /// "1 of 12", a number alone on its line
    PageFurniture,
    /// "a country of 40 million"
    Population,
    /// "7.5 people": a count must be whole
    NotWhole,
    /// "2 markets": the figure counts things, not people
    NotPeople(String),
    /// a count of people with no verb or noun saying what happened to them
    NoMetric,
    /// "of whom 19 were released", "two who had been missing were pulled out
    /// alive": people who left the state the count is of
    LeftState(String),
    /// a sum of money with no word for damage or loss
    MoneyWithoutMetric,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::Date => f.write_str("date"),
            Skip::Time => f.write_str("clock time"),
            Skip::Year => f.write_str("year"),
            Skip::Age => f.write_str("age"),
            Skip::Duration => f.write_str("duration"),
            Skip::Percent => f.write_str("percentage"),
            Skip::Rate => f.write_str("rate"),
            Skip::PastEvent(year) => write!(f, "a past event ({year})"),
            Skip::Tally => f.write_str("a tally over several incidents"),
            Skip::ModelNumber => f.write_str("model number"),
            Skip::Identifier => f.write_str("identifier or phone number"),
            Skip::Address => f.write_str("street address"),
            Skip::Conversion => f.write_str("the same sum in another currency"),
            Skip::Name => f.write_str("part of a name"),
            Skip::Ordinal => f.write_str("ordinal"),
            Skip::PageFurniture => f.write_str("page furniture"),
            Skip::Population => f.write_str("population"),
            Skip::NotWhole => f.write_str("not a whole count"),
            Skip::NotPeople(noun) => write!(f, "counts {noun}, not people"),
            Skip::NoMetric => f.write_str("no metric found"),
            Skip::LeftState(how) => write!(f, "counts people {how}, no longer in the count"),
            Skip::MoneyWithoutMetric => f.write_str("money with no damage or loss word"),
        }
    }
}

/// What became of one number in the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// It became the claim with this id.
    Claim(String),
    /// It was set aside.
    Skipped(Skip),
}

/// One number in the text and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// Where it stands; the figure as written (with its qualifier) is the source
    /// text at this span (see [`Explained::text`]).
    pub span: Span,
    /// 1-based line.
    pub line: usize,
    /// What became of it.
    pub outcome: Outcome,
}

impl Explained {
    /// The figure as written, from the source text the span points into.
    pub fn text<'a>(&self, source_text: &'a str) -> &'a str {
        source_text
            .get(self.span.start..self.span.end)
            .unwrap_or_default()
    }
}
