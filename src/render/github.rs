//! `check` as GitHub Actions workflow commands: `::error file=…,line=…,col=…::…`.

use super::{claims_of, key_label_in};
use crate::check::Outcome;
use std::fmt::Write;

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders one annotation per claim of each new finding, and one per stale item.
pub fn render(out: &Outcome, sources_hint: &str) -> String {
    let mut text = String::new();
    let locator = super::Locator::default();
    for &i in &out.new {
        let f = &out.report.findings[i];
        let command = if out.is_failing(f) {
            "error"
        } else if f.kind == crate::compare::Kind::Bounds {
            "notice"
        } else {
            "warning"
        };
        for c in claims_of(&out.report, f) {
            let Some(src) = out.report.source(&c.source) else {
                continue;
            };
            let source_text = src.text.as_deref().unwrap_or_default();
            let (line, col) = locator.line_col(&src.id, source_text, c.span.start);
            let message = format!(
                "{} ({} as of {}): {}",
                f.message,
                c.figure(),
                c.as_of.map_or_else(|| "undated".into(), |d| d.to_string()),
                c.quote
            );
            let _ = writeln!(
                text,
                "::{command} file={},line={line},col={col},title={}::{}",
                property(&src.path.display().to_string()),
                property(&format!(
                    "claimdiff {}: {}",
                    f.kind,
                    key_label_in(&out.report, f)
                )),
                data(&message)
            );
        }
    }
    for s in &out.stale {
        let file = s
            .source()
            .and_then(|id| out.report.source(id))
            .map(|src| src.path.display().to_string());
        let location = file
            .map(|f| format!(" file={}", property(&f)))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "::error{location},title=claimdiff stale::{}",
            data(&format!("{}; run `{}`", s.message(), s.fix(sources_hint)))
        );
    }
    let _ = writeln!(text, "{}", super::annotated::summary(out));
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn commands_are_escaped() {
        assert_eq!(super::data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(super::property("a,b:c"), "a%2Cb%3Ac");
    }
}
