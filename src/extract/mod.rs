//! Stage 2, extract: from a source's text to the figures it states.
//!
//! Every number in the text is read as a [`numbers::Figure`]; those that are not
//! counts (dates, times, model numbers…) are set aside with a reason, and the rest
//! are framed (metric, subject, place, date, attribution) into [`Claim`]s. Every
//! number ends up in [`Extraction::explained`], so nothing is dropped silently.

mod calendar;
mod frame;
mod gloss;
mod numbers;
mod outcome;
mod read;
mod revision;
mod stretch;
mod tokens;
mod window;

pub use numbers::is_number_word;
pub use outcome::{Explained, Outcome, Skip};

use crate::claim::{Claim, ClaimId, Metric, Span};
use crate::corpus::{Section, Source};
use crate::lexicon::Lexicon;
use frame::DocScope;
use read::{Carry, Gathering, Reader};
use sha2::{Digest, Sha256};
use stretch::Stretch;
use window::Window;

/// Settings that change what extraction produces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Half-width of the interval "about N" implies, as a share of N.
    pub about_tolerance: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            about_tolerance: 0.1,
        }
    }
}

/// Everything extraction found in one source.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// Every number, claim or not.
    pub explained: Vec<Explained>,
}

/// The version of the extraction rules. A claim file made under another is
/// extracted again (its reviewed claims kept), as a changed source's is: raise it
/// with any change that may extract other claims or other fields — the same
/// change that updates `tests/claims.digest`.
pub const EXTRACTION: u32 = 7;

/// Bytes of a long document for each claim it is given room for up front: news
/// states a figure every 150–800 bytes, so this is room enough for nearly any.
const BYTES_PER_CLAIM: usize = 128;

/// Extracts the claims a source states: the body's, then the headline's.
pub fn extract(source: &Source, lex: &Lexicon, opts: &Options) -> Extraction {
    extract_in_windows(source, lex, opts, window::BYTES, true)
}

/// The claims [`extract`] finds, without its account of every other number
/// ([`Extraction::explained`], which only `claims --explain` and `diff` read):
/// for a long document that account is most of what extraction holds besides
/// the claims (about 1.4 million numbers, 90 MB, in 100 MB of news).
pub fn claims(source: &Source, lex: &Lexicon, opts: &Options) -> Vec<Claim> {
    extract_in_windows(source, lex, opts, window::BYTES, false).claims
}

/// [`extract`], reading a body longer than twice `window` bytes a window at a
/// time (see [`window`]): the same claims, in memory bounded by the window;
/// `explain`: account for every number, not only the claims.
fn extract_in_windows(
    source: &Source,
    lex: &Lexicon,
    opts: &Options,
    window: usize,
    explain: bool,
) -> Extraction {
    let text = &source.text;
    // A source in another language is read through its gloss (see `lexicon::lang`).
    let lang = crate::lexicon::lang::of_source(source.meta.language.as_deref(), source.body());
    let sections = source.sections();
    // The headline, read in place inside the front matter, after the body.
    let title = source.meta.title_span.map(|(start, end)| Section {
        start,
        end,
        as_of: source.meta.published,
    });
    // Per metric: whether it is a harm (killed or injured), and whether a death;
    // asked for every metric word of the text, so not by comparing names.
    let harms: Vec<(bool, bool)> = lex
        .metrics
        .iter()
        .map(|m| {
            let name = m.name.0.as_str();
            (matches!(name, "killed" | "injured"), name == "killed")
        })
        .collect();
    let doc = |scope, no_deaths| read::Doc {
        source,
        lex,
        opts,
        scope,
        no_deaths,
        live_page: sections.len() > 1,
        harms: harms.clone(),
        explain,
    };
    let whole = |sec: &Section| Window {
        read: sec.start..sec.end,
        own: sec.start..sec.end,
    };
    let mut reader;
    if text.len() - source.body_start <= 2 * window {
        // One reading, every section's tokens kept: the scope (the document's main
        // places) comes from the body alone, and whether the article states a
        // death (whoever it says was shot is then wounded) from all of it.
        let arena = tokens::Bump::new();
        let mut stretches: Vec<Stretch> = sections
            .iter()
            .map(|&sec| Stretch::read(text, sec, false, &whole(&sec), lang, lex, &arena))
            .collect();
        let scope = DocScope::from_mentions(
            stretches.iter().flat_map(|st| {
                st.places
                    .iter()
                    .flat_map(|m| std::iter::once(&m.place).chain(m.and.as_ref()))
            }),
            lex,
        );
        if let Some(sec) = title {
            stretches.push(Stretch::read(
                text,
                sec,
                true,
                &whole(&sec),
                lang,
                lex,
                &arena,
            ));
        }
        // Per section, the tokens that state harm, and whether a death: only
        // sentences that state harm are read for counts with no numeral.
        let harm: Vec<Vec<(usize, bool)>> =
            stretches.iter().map(|st| st.harm(lex, &harms)).collect();
        let no_deaths = !harm.iter().flatten().any(|&(_, death)| death);
        reader = Reader::new(doc(scope, no_deaths));
        for (st, harm) in stretches.iter().zip(&harm) {
            reader.frame(st, harm, Gathering::Search, &mut Carry::default());
            reader.end_section();
        }
    } else {
        // A long document, read twice a window at a time: first what the whole
        // document decides (its places, whether it states a death, each section's
        // first dated gathering), then its figures.
        let all: Vec<(Section, bool)> = sections
            .iter()
            .map(|&sec| (sec, false))
            .chain(title.map(|sec| (sec, true)))
            .collect();
        let mut places = frame::PlaceCounts::default();
        let mut death = false;
        let mut gatherings = Vec::with_capacity(all.len());
        for &(sec, headline) in &all {
            let mut gathering = None;
            for_each_window(text, sec, headline, window, lang, lex, |st| {
                if !headline {
                    for m in st.own_places() {
                        for p in std::iter::once(&m.place).chain(m.and.as_ref()) {
                            places.add(p, lex);
                        }
                    }
                }
                death = death || st.harm(lex, &harms).iter().any(|&(_, d)| d);
                if gathering.is_none() {
                    gathering = st.own_sents.clone().find_map(|si| {
                        let s = &st.sents[si];
                        frame::gathering_in(&st.t, text, s, sec.as_of, lex)
                            .map(|day| (st.t.toks[s.start].start, day))
                    });
                }
            });
            gatherings.push(gathering);
        }
        reader = Reader::new(doc(places.scope(lex), !death));
        reader.reserve(text.len() / BYTES_PER_CLAIM);
        for (&(sec, headline), &gathering) in all.iter().zip(&gatherings) {
            let mut carry = Carry::default();
            for_each_window(text, sec, headline, window, lang, lex, |st| {
                let harm = st.harm(lex, &harms);
                reader.frame(st, &harm, Gathering::Known(gathering), &mut carry);
            });
            reader.end_section();
        }
    }
    let (mut out, anchors) = reader.finish();
    // Implicit counts were found after the figures: put both in text order, by the
    // token each is read from (headline last, as it is read last).
    // Most sources need no reordering: then the claims are not moved at all.
    let in_order = anchors
        .iter()
        .zip(&out.claims)
        .map(|(&at, c)| (c.headline, at))
        .is_sorted();
    if !in_order {
        // The order sorted, then the claims moved in place: a long document's
        // claims are not copied.
        let mut order: Vec<usize> = (0..out.claims.len()).collect();
        order.sort_by_key(|&i| (out.claims[i].headline, anchors[i]));
        crate::reorder::permute(&mut out.claims, &order);
    }
    restate_body_dates(&mut out.claims);
    // A wounded count of one whose death the article states too is that death.
    let gone: rustc_hash::FxHashSet<String> = frame::died_later(&out.claims, text)
        .into_iter()
        .map(|i| out.claims[i].id.to_string())
        .collect();
    // Nearly always none: then no id is looked up.
    if !gone.is_empty() {
        out.claims.retain(|c| !gone.contains(c.id.as_str()));
        out.explained
            .retain(|e| !matches!(&e.outcome, Outcome::Claim(id) if gone.contains(id)));
    }
    out.explained
        .sort_by_key(|e| (e.span.start < source.body_start, e.span.start));
    out
}

/// Reads `sec` a window of about `size` bytes at a time, each with context
/// enough for every frame, and hands each to `each`; the window's tokens are
/// dropped before the next is read.
fn for_each_window(
    text: &str,
    sec: Section,
    headline: bool,
    size: usize,
    lang: Option<&'static crate::lexicon::lang::Language>,
    lex: &Lexicon,
    mut each: impl FnMut(&Stretch),
) {
    let windows = window::Windows::new(text, sec.start..sec.end, size);
    for own in window::Windows::new(text, sec.start..sec.end, size) {
        let mut margin = 2048;
        loop {
            let w = windows.with_margin(own.clone(), margin);
            let arena = tokens::Bump::new();
            let st = Stretch::read(text, sec, headline, &w, lang, lex, &arena);
            if st.has_context(&w) {
                each(&st);
                break;
            }
            margin *= 4;
        }
    }
}

/// A headline restates a figure of its body in fewer words: "Fire kills 3" is as
/// of the day the body says "officials said Monday" of the same three, not of
/// publication, or the next day's report would seem to contradict it.
fn restate_body_dates(claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let h = &claims[i];
        if !h.headline {
            continue;
        }
        let body = claims.iter().find(|b| {
            !b.headline
                && b.metric == h.metric
                && b.subject == h.subject
                && (b.value, b.low, b.high) == (h.value, h.low, h.high)
        });
        if let Some(day) = body.and_then(|b| b.as_of) {
            claims[i].as_of = Some(day);
        }
    }
}

/// A sentence of a source: its byte range and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Byte range in the file.
    pub span: Span,
    /// Index of its paragraph, counted over the whole body.
    pub paragraph: usize,
}

/// The sentences of a source's body, in order (as the extractor reads them).
pub fn sentences(source: &Source) -> Vec<SentenceSpan> {
    let text = &source.text;
    let arena = tokens::Bump::new();
    let t = tokens::tokenize(text, source.body_start, text.len(), &arena);
    tokens::sentences(text, &t)
        .into_iter()
        .map(|s| SentenceSpan {
            span: Span {
                start: t.toks[s.start].start,
                end: t.toks[s.end - 1].end,
            },
            paragraph: s.paragraph,
        })
        .collect()
}

/// An id that depends only on the source, the metric and the quote (and which
/// occurrence of that quote it is), so it survives edits elsewhere in the text.
fn claim_id(source: &str, metric: &Metric, quote: &str, occurrence: usize) -> ClaimId {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut h = Sha256::new();
    // The occurrence's decimal digits on the stack: this runs for every claim.
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = occurrence;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for part in [
        source.as_bytes(),
        metric.0.as_bytes(),
        quote.as_bytes(),
        &digits[at..],
    ] {
        h.update(part);
        h.update([0]);
    }
    // Hex digits by hand, on the stack: this runs for every claim, and `write!`
    // (or a push a digit) is slow.
    let mut hex = [b'-'; 11];
    for (k, &b) in h.finalize().iter().take(5).enumerate() {
        hex[1 + 2 * k] = HEX[usize::from(b >> 4)];
        hex[2 + 2 * k] = HEX[usize::from(b & 15)];
    }
    // Built in place: an id of up to 24 bytes (most) is stored inline, not on the heap.
    let mut id = ClaimId::with_capacity(metric.0.len() + hex.len());
    id.push_str(&metric.0);
    id.push_str(std::str::from_utf8(&hex).expect("hex digits are ASCII"));
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Extracts `source` read whole and in windows of `window` bytes, and asserts
    /// the two alike.
    fn alike_in_windows(source: &Source, window: usize) -> Extraction {
        let lex = Lexicon::builtin();
        let opts = Options::default();
        let whole = extract_in_windows(source, lex, &opts, usize::MAX / 4, true);
        let windowed = extract_in_windows(source, lex, &opts, window, true);
        let name = source.path.display();
        assert_eq!(whole.claims, windowed.claims, "{name}");
        assert_eq!(whole.explained, windowed.explained, "{name}");
        // Without the account of every number, the same claims.
        let bare = extract_in_windows(source, lex, &opts, window, false);
        assert_eq!(whole.claims, bare.claims, "{name}");
        assert!(bare.explained.is_empty());
        whole
    }

    #[test]
    fn claim_ids_hash_the_occurrence_as_its_decimal_digits() {
        // The ids as they were made before the digits were written on the stack.
        let reference = |occurrence: usize| {
            let mut h = Sha256::new();
            for part in ["src", "killed", "3 dead", &occurrence.to_string()] {
                h.update(part.as_bytes());
                h.update([0]);
            }
            let hex: String = h.finalize()[..5]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("killed-{hex}")
        };
        let metric = Metric("killed".into());
        for occurrence in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(
                claim_id("src", &metric, "3 dead", occurrence),
                reference(occurrence)
            );
        }
    }

    #[test]
    fn a_document_longer_than_the_window_gives_the_claims_of_its_text_read_whole() {
        // Each paragraph leans on another: the country named only at the top, a
        // march dated two paragraphs before its crowd, the dead among those shot
        // told in the next paragraph, a recalled fire, and two copies of one
        // report whose equal quotes must get the same ids as read whole.
        let report = "Five people were shot on Friday in Almaty.\n\
            Two of them died in hospital.\n\
            Police said 12 people were detained after the clashes.\n";
        let text = format!(
            "+++\npublished = 2022-01-10\ntitle = \"Five shot in Almaty\"\n+++\n\
             ALMATY, Kazakhstan (Wire) - Thousands marched on Saturday in the capital.\n\
             The march was peaceful, organisers said.\n\
             {report}\
             Officials said about 14,000 took part.\n\
             Residents fled the great fire eight years ago.\n\
             In that fire, eight people died.\n\
             A man was killed and another was wounded, they said.\n\
             {report}\
             The country's ministry said 3 more were injured on Sunday.\n"
        );
        let source = Source::from_bytes(Path::new("windows.txt"), text.into_bytes()).unwrap();
        let body = source.text.len() - source.body_start;
        for window in [1, 40, 150, body / 3] {
            assert!(body > 2 * window, "read in windows of {window} bytes");
            let whole = alike_in_windows(&source, window);
            let claims = &whole.claims;
            assert!(claims.len() >= 8, "{claims:#?}");
            // The repeated report's figures have distinct ids.
            let detained: Vec<&str> = claims
                .iter()
                .filter(|c| c.quote.starts_with("12 people"))
                .map(|c| c.id.as_str())
                .collect();
            assert_eq!(detained.len(), 2);
            assert_ne!(detained[0], detained[1]);
            // The crowd is as of the march two paragraphs up; the wounded are
            // those shot less the dead of the next paragraph; the ministry's
            // figure is the country's the dateline names.
            let find = |quote: &str| claims.iter().find(|c| c.quote.starts_with(quote));
            let crowd = find("about 14,000").unwrap();
            assert_eq!(crowd.as_of.unwrap().to_string(), "2022-01-08");
            let wounded = find("Five people were shot").unwrap();
            assert_eq!(
                (wounded.metric.0.as_str(), wounded.value.get()),
                ("injured", Some(3.0))
            );
            assert_eq!(find("3 more").unwrap().location.as_str(), "Kazakhstan");
        }
    }

    #[test]
    fn every_test_source_reads_alike_a_paragraph_at_a_time() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("sources"), root.join("tests/fixtures")];
        let mut read = 0;
        while let Some(dir) = folders.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    let bytes = std::fs::read(&path).unwrap();
                    let Ok(source) = Source::from_bytes(&path, bytes) else {
                        continue;
                    };
                    // Windows of one byte: each paragraph read on its own.
                    alike_in_windows(&source, 1);
                    read += 1;
                }
            }
        }
        assert!(read > 20, "{read} sources");
    }
}
