//! Timeline charts as SVG, drawn by hand: x is the as-of date, y the figure. An
//! exact figure is a dot; a hedged one is a bar over the interval it allows (an
//! open end runs to the edge of the chart, with an arrow).

use super::html::escape;
use crate::claim::{Claim, format_number};
use chrono::NaiveDate;
use std::fmt::Write;

// Drawn small and lettered large (report.css: 15 units), so that on a phone,
// where the chart shrinks to about 355 px, its labels still render above 10 px.
const W: f64 = 480.0;
const H: f64 = 240.0;
const LEFT: f64 = 110.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 16.0;
/// The labels' font size in chart units (report.css sets the same).
const LABEL_EM: f64 = 15.0;
const BOTTOM: f64 = 44.0;

/// The vertical scale: linear, or logarithmic when figures span two orders of magnitude.
struct Scale {
    lo: f64,
    hi: f64,
    log: bool,
}

impl Scale {
    fn new(values: &[f64]) -> Scale {
        let max = values.iter().copied().fold(0.0_f64, f64::max).max(1.0);
        let min = values
            .iter()
            .copied()
            .filter(|v| *v > 0.0)
            .fold(f64::INFINITY, f64::min);
        let log = min.is_finite() && max / min >= 50.0;
        if log {
            Scale {
                lo: (min / 2.0).log10().floor(),
                hi: (max * 2.0).log10().ceil(),
                log,
            }
        } else {
            Scale {
                lo: 0.0,
                hi: max * 1.25,
                log,
            }
        }
    }

    fn y(&self, v: f64) -> f64 {
        let t = if self.log {
            (v.max(10f64.powf(self.lo)).log10() - self.lo) / (self.hi - self.lo)
        } else {
            (v - self.lo) / (self.hi - self.lo)
        };
        TOP + (H - TOP - BOTTOM) * (1.0 - t.clamp(0.0, 1.0))
    }

    fn ticks(&self) -> Vec<f64> {
        if self.log {
            (self.lo as i32..=self.hi as i32)
                .map(|e| 10f64.powi(e))
                .collect()
        } else {
            let step = nice_step(self.hi / 4.0);
            (0..)
                .map(|k| k as f64 * step)
                .take_while(|v| *v <= self.hi)
                .collect()
        }
    }
}

fn nice_step(raw: f64) -> f64 {
    let mag = 10f64.powf(raw.max(1e-9).log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * mag).max(1.0)
}

/// One chart for one key; `label` names the key, `source_names` each claim's source.
pub fn timeline(
    label: &str,
    claims: &[&Claim],
    source_name: &dyn Fn(&Claim) -> String,
    anchor: &dyn Fn(&Claim) -> String,
) -> String {
    let dated: Vec<(&Claim, NaiveDate)> = claims
        .iter()
        .filter_map(|c| c.as_of.map(|d| (*c, d)))
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|x| x.1).min(),
        dated.iter().map(|x| x.1).max(),
    ) else {
        return String::new();
    };
    let unit = claims.first().map_or("people", |c| c.unit.as_str());
    let values: Vec<f64> = dated
        .iter()
        .flat_map(|(c, _)| {
            [c.low.get(), c.high.get(), c.value.get()]
                .into_iter()
                .flatten()
        })
        .collect();
    let scale = Scale::new(&values);
    let span_days = (last - first).num_days().max(1) as f64;
    let x = |d: NaiveDate| {
        LEFT + 24.0 + (W - LEFT - RIGHT - 48.0) * ((d - first).num_days() as f64 / span_days)
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"timeline\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(&format!("Timeline of {label}"))
    );
    let _ = write!(
        s,
        "<title>{}</title>",
        escape(&format!("Timeline of {label}"))
    );
    // Axes and grid.
    for v in scale.ticks() {
        let y = scale.y(v);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            escape(&format_number(v, unit))
        );
    }
    let mut days: Vec<NaiveDate> = dated.iter().map(|x| x.1).collect();
    days.sort();
    days.dedup();
    // Date ticks at least 110 units apart (a label is about 95); the first and last always shown.
    let mut shown: Vec<NaiveDate> = Vec::new();
    for (k, d) in days.iter().enumerate() {
        let crowded = shown.last().is_some_and(|p| x(*d) - x(*p) < 110.0);
        if crowded && k + 1 == days.len() && shown.len() > 1 {
            shown.pop();
            shown.push(*d);
        } else if !crowded {
            shown.push(*d);
        }
    }
    for d in &shown {
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x(*d),
            H - BOTTOM + 18.0,
            d.format("%b %-d, %Y")
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{LEFT}\" x2=\"{LEFT}\" y1=\"{TOP}\" y2=\"{}\"/>",
        H - BOTTOM
    );
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>",
        W - RIGHT,
        H - BOTTOM,
        H - BOTTOM
    );
    // Marks: claims on the same date are spread a little so each stays visible;
    // each figure is labelled once per date.
    let mut labelled: Vec<(NaiveDate, String)> = Vec::new();
    let mut placed: Vec<[f64; 4]> = Vec::new();
    for (i, (c, d)) in dated.iter().enumerate() {
        let same_day_before = dated[..i].iter().filter(|(_, e)| e == d).count() as f64;
        let cx = x(*d) + same_day_before * 9.0;
        if !labelled.contains(&(*d, c.figure())) {
            labelled.push((*d, c.figure()));
            let y = scale.y(c.value.get().or(c.low.get()).unwrap_or(0.0));
            // Labels near the right edge go to the left of their mark.
            let (lx, anchor) = if cx > W - RIGHT - 120.0 {
                (cx - 9.0, "end")
            } else {
                (cx + 9.0, "start")
            };
            // A label that would run into another goes below its mark instead.
            let width = c.figure().chars().count() as f64 * LABEL_EM * 0.62;
            let left = if anchor == "end" { lx - width } else { lx };
            let clashes = |ly: f64| {
                placed.iter().any(|b| {
                    left < b[2] && b[0] < left + width && ly - LABEL_EM < b[3] && b[1] < ly
                })
            };
            let mut ly = (y - 6.0).max(TOP + 10.0);
            if clashes(ly) {
                ly = (y + LABEL_EM + 6.0).min(H - BOTTOM - 2.0);
            }
            placed.push([left, ly - LABEL_EM, left + width, ly]);
            let _ = write!(
                s,
                "<text class=\"label\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text>",
                escape(&c.figure())
            );
        }
        let title = escape(&format!("{}: {} as of {}", source_name(c), c.figure(), d));
        let _ = write!(
            s,
            "<a href=\"#{}\" class=\"mark-link\"><g class=\"mark\" data-claim=\"{}\"><title>{title}</title>",
            escape(&anchor(c)),
            escape(&c.id)
        );
        match (c.low.get(), c.high.get()) {
            (Some(lo), Some(hi)) if lo == hi => {
                let _ = write!(
                    s,
                    "<circle cx=\"{cx:.1}\" cy=\"{:.1}\" r=\"5\"/>",
                    scale.y(lo)
                );
            }
            (lo, hi) => {
                let y_lo = scale.y(lo.unwrap_or(0.0));
                let y_hi = hi.map_or(TOP, |h| scale.y(h));
                let _ = write!(
                    s,
                    "<rect x=\"{:.1}\" y=\"{y_hi:.1}\" width=\"8\" height=\"{:.1}\" rx=\"2\"/>",
                    cx - 4.0,
                    (y_lo - y_hi).max(2.0)
                );
                if hi.is_none() {
                    let _ = write!(s, "<path d=\"M{:.1} {:.1} l5 8 h-10 z\"/>", cx, TOP - 2.0);
                }
            }
        }
        let _ = write!(s, "</g></a>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(4.75), 5.0);
        assert_eq!(nice_step(2500.0), 5000.0);
        assert_eq!(nice_step(0.3), 1.0);
    }

    #[test]
    fn labels_that_would_run_into_each_other_do_not() {
        use crate::claim::{Qualifier, fixtures::claim};
        let day = |d| NaiveDate::from_ymd_opt(2023, 1, d);
        let a = claim(
            "a",
            "killed",
            "people",
            "Oslo",
            Qualifier::About,
            200_000_000.0,
            day(7),
        );
        let b = claim(
            "b",
            "killed",
            "people",
            "Oslo",
            Qualifier::MoreThan,
            200_000_000.0,
            day(10),
        );
        let svg = timeline("k", &[&a, &b], &|c| c.id.to_string(), &|c| c.id.to_string());
        let ys: Vec<&str> = svg
            .split("<text class=\"label\"")
            .skip(1)
            .map(|t| t.split("y=\"").nth(1).unwrap().split('"').next().unwrap())
            .collect();
        assert_eq!(ys.len(), 2, "{svg}");
        assert_ne!(ys[0], ys[1], "both labels on one line would overlap: {svg}");
    }

    #[test]
    fn wide_ranges_use_a_log_scale() {
        assert!(Scale::new(&[200.0, 20000.0]).log);
        assert!(!Scale::new(&[13.0, 19.0]).log);
    }
}
