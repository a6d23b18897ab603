//! Claim files as claimdiff writes them, read without a general TOML parser: one
//! `key = value` a line, the values claimdiff writes. `check` reads every claim file
//! of a corpus, and the general parser (a tree of values, then serde) cost it more
//! than all the rest. Anything this reader does not know for certain — another
//! layout, an escape it does not read, a key twice, an unknown key, a missing one —
//! gives `None`, and the file is read by the TOML parser, whose answer (or error,
//! with its line and column) stands. So the result is always the TOML parser's.

use super::{ClaimFile, SourceEvent};
use crate::claim::{Claim, Metric, Qualifier, Span, Status, Subject};
use chrono::NaiveDate;

/// A value as claimdiff writes it.
enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
    Pair(usize, usize),
}

/// The file, when it is in claimdiff's own form; `None` to leave it to TOML.
pub fn parse(text: &str) -> Option<ClaimFile> {
    if text.contains('\r') {
        return None;
    }
    let mut source = None;
    let mut source_hash = None;
    let mut extraction = None;
    let mut event: Option<EventParts> = None;
    let mut claims: Vec<ClaimParts> = Vec::new();
    let mut table = Table::Top;
    for line in text.split('\n') {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line {
            "[event]" if event.is_none() => {
                event = Some(EventParts::default());
                table = Table::Event;
                continue;
            }
            "[[claim]]" => {
                claims.push(ClaimParts::default());
                table = Table::Claim;
                continue;
            }
            _ => {}
        }
        let (key, raw) = key_value(line)?;
        let value = value(raw)?;
        match table {
            Table::Top => match key {
                "source" => set(&mut source, string(value)?)?,
                "source_hash" => set(&mut source_hash, string(value)?)?,
                "extraction" => match value {
                    Value::Int(n) => set(&mut extraction, u32::try_from(n).ok()?)?,
                    _ => return None,
                },
                _ => return None,
            },
            Table::Event => {
                let e = event.as_mut()?;
                match key {
                    "name" => set(&mut e.name, string(value)?)?,
                    "status" => set(&mut e.status, status(value)?)?,
                    _ => return None,
                }
            }
            Table::Claim => claims.last_mut()?.set(key, value)?,
        }
    }
    let source: String = source?;
    let claims = claims
        .into_iter()
        .map(|c| c.finish(&source))
        .collect::<Option<Vec<Claim>>>()?;
    let event = match event {
        Some(e) => Some(SourceEvent {
            name: e.name?,
            status: e.status.unwrap_or_default(),
        }),
        None => None,
    };
    Some(ClaimFile {
        source,
        source_hash: source_hash?,
        extraction: extraction.unwrap_or(1),
        event,
        claims,
    })
}

/// The status of the event a file in claimdiff's own form records, read without
/// its claims: `Some(None)` when it records none, `Some(Some(status))` when it
/// does (`extracted` when none is given); `None` when unsure, for the whole file
/// to be read. The `events` stage needs only the name a person gave, and reading
/// the claims of every file (about ten times the sources' bytes) was most of its
/// time and memory.
///
/// Only the lines above the claims and the `[event]` table are read as [`parse`]
/// reads them. The claims' lines cannot name an event, so they are only made
/// sure to be claims' lines: no line opens another table or is indented (a
/// table's header may be), and nothing opens a string of several lines that
/// could hold what looks like a header.
pub fn event_status(text: &str) -> Option<Option<Status>> {
    if text.contains('\r') || text.contains("\"\"\"") || text.contains("'''") {
        return None;
    }
    let mut event: Option<Option<Status>> = None;
    let mut table = Table::Top;
    for line in text.split('\n') {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line {
            "[event]" if event.is_none() => {
                event = Some(None);
                table = Table::Event;
                continue;
            }
            "[[claim]]" => {
                table = Table::Claim;
                continue;
            }
            _ if line.starts_with(['[', ' ', '\t']) => return None,
            _ => {}
        }
        if let Table::Claim = table {
            continue;
        }
        let (key, raw) = key_value(line)?;
        let value = value(raw)?;
        match (&table, key) {
            (Table::Top, "source" | "source_hash" | "extraction") => {}
            (Table::Event, "name") => {}
            (Table::Event, "status") => set(event.as_mut()?, status(value)?)?,
            _ => return None,
        }
    }
    Some(event.map(Option::unwrap_or_default))
}

/// `key = value` split at the first ` = `. The first `=` is nearly always it, and
/// one byte is cheaper to find than three (this runs on every line of a corpus).
fn key_value(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    match b.iter().position(|&c| c == b'=') {
        Some(i) if i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' ') => {
            Some((&line[..i - 1], &line[i + 2..]))
        }
        _ => line.split_once(" = "),
    }
}

enum Table {
    Top,
    Event,
    Claim,
}

#[derive(Default)]
struct EventParts {
    name: Option<String>,
    status: Option<Status>,
}

#[derive(Default)]
struct ClaimParts {
    id: Option<String>,
    status: Option<Status>,
    metric: Option<String>,
    subject: Option<String>,
    location: Option<String>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<Qualifier>,
    unit: Option<String>,
    as_of: Option<NaiveDate>,
    attribution: Option<String>,
    quote: Option<String>,
    span: Option<Span>,
    line: Option<usize>,
    flags: [Option<bool>; 8],
}

/// The flags in the order of [`ClaimParts::flags`].
const FLAGS: [&str; 8] = [
    "superseded",
    "part",
    "revised",
    "implicit",
    "headline",
    "derived",
    "place_assumed",
    "increment",
];

impl ClaimParts {
    /// Takes one `key = value`; `None` for a key claims do not have, a key seen
    /// before, or a value of the wrong form.
    fn set(&mut self, key: &str, v: Value) -> Option<()> {
        match key {
            "id" => set(&mut self.id, string(v)?),
            "status" => set(&mut self.status, status(v)?),
            "metric" => set(&mut self.metric, string(v)?),
            "subject" => set(&mut self.subject, string(v)?),
            "location" => set(&mut self.location, string(v)?),
            "value" => set(&mut self.value, number(v)?),
            "low" => set(&mut self.low, number(v)?),
            "high" => set(&mut self.high, number(v)?),
            "qualifier" => set(&mut self.qualifier, qualifier(v)?),
            "unit" => set(&mut self.unit, string(v)?),
            "as_of" => match v {
                Value::Date(d) => set(&mut self.as_of, d),
                _ => None,
            },
            "attribution" => set(&mut self.attribution, string(v)?),
            "quote" => set(&mut self.quote, string(v)?),
            "span" => match v {
                Value::Pair(start, end) => set(&mut self.span, Span { start, end }),
                _ => None,
            },
            "line" => match v {
                Value::Int(n) => set(&mut self.line, usize::try_from(n).ok()?),
                _ => None,
            },
            _ => {
                let i = FLAGS.iter().position(|f| *f == key)?;
                match v {
                    Value::Bool(b) => set(&mut self.flags[i], b),
                    _ => None,
                }
            }
        }
    }

    fn finish(self, source: &str) -> Option<Claim> {
        let flag = |i: usize| self.flags[i].unwrap_or(false);
        Some(Claim {
            id: self.id?.into(),
            source: source.into(),
            status: self.status.unwrap_or_default(),
            metric: Metric(self.metric?.into()),
            subject: self.subject.map(|s| Subject(s.into())),
            location: self.location?.into(),
            value: self.value.into(),
            low: self.low.into(),
            high: self.high.into(),
            qualifier: self.qualifier?,
            unit: self
                .unit
                .map_or_else(|| crate::claim::vocab::word("people"), Into::into),
            as_of: self.as_of,
            attribution: self.attribution.map(Into::into),
            quote: self.quote?.into(),
            span: self.span.unwrap_or_default(),
            line: self.line.unwrap_or(0),
            superseded: flag(0),
            part: flag(1),
            revised: flag(2),
            implicit: flag(3),
            headline: flag(4),
            derived: flag(5),
            place_assumed: flag(6),
            increment: flag(7),
            event: None,
        })
    }
}

/// Sets a key once: a second time is TOML's error to report.
fn set<T>(slot: &mut Option<T>, v: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(v);
            Some(())
        }
    }
}

fn string(v: Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

fn number(v: Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        _ => None,
    }
}

fn status(v: Value) -> Option<Status> {
    match string(v)?.as_str() {
        "extracted" => Some(Status::Extracted),
        "confirmed" => Some(Status::Confirmed),
        "rejected" => Some(Status::Rejected),
        "manual" => Some(Status::Manual),
        _ => None,
    }
}

fn qualifier(v: Value) -> Option<Qualifier> {
    let name = string(v)?;
    serde::Deserialize::deserialize(
        serde::de::value::StrDeserializer::<serde::de::value::Error>::new(&name),
    )
    .ok()
}

/// A value in one of the forms claimdiff writes, with nothing after it.
fn value(raw: &str) -> Option<Value> {
    let b = raw.as_bytes();
    match *b.first()? {
        b'"' => basic_string(raw).map(Value::Str),
        b'[' => pair(raw),
        b't' if raw == "true" => Some(Value::Bool(true)),
        b'f' if raw == "false" => Some(Value::Bool(false)),
        b'-' | b'0'..=b'9' => number_or_date(raw),
        _ => None,
    }
}

/// `"…"` with the escapes claimdiff's writer uses; any other is left to TOML.
fn basic_string(raw: &str) -> Option<String> {
    let body = raw.strip_prefix('"')?.strip_suffix('"')?;
    if !body.contains('\\') {
        // A quote inside would end the string early; control characters are not allowed.
        let plain = body
            .bytes()
            .all(|c| c != b'"' && (c >= 0x20 || c == b'\t') && c != 0x7f);
        return plain.then(|| body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(match chars.next()? {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    if hex.len() != 4 || !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                        return None;
                    }
                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                }
                _ => return None,
            }),
            '"' => return None,
            c if (c < ' ' && c != '\t') || c == '\u{7f}' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// `[start, end]`.
fn pair(raw: &str) -> Option<Value> {
    let (a, b) = raw.strip_prefix('[')?.strip_suffix(']')?.split_once(", ")?;
    Some(Value::Pair(unsigned(a)?, unsigned(b)?))
}

fn unsigned(s: &str) -> Option<usize> {
    let plain =
        !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    if plain { s.parse().ok() } else { None }
}

/// An integer, a float written `1.5`, or a date `2022-01-06`.
fn number_or_date(raw: &str) -> Option<Value> {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    if let Some(n) = unsigned(digits) {
        let n = i64::try_from(n).ok()?;
        return Some(Value::Int(if digits.len() < raw.len() { -n } else { n }));
    }
    if let Some((whole, frac)) = digits.split_once('.') {
        let ok = unsigned(whole).is_some()
            && !frac.is_empty()
            && frac.bytes().all(|c| c.is_ascii_digit());
        return if ok {
            raw.parse().ok().map(Value::Float)
        } else {
            None
        };
    }
    let b = raw.as_bytes();
    let date_form = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if date_form {
        // The digits are checked above; a month or day out of range is no date.
        let n = |r: std::ops::Range<usize>| raw[r].parse::<u32>().ok();
        let year = i32::try_from(n(0..4)?).ok()?;
        return NaiveDate::from_ymd_opt(year, n(5..7)?, n(8..10)?).map(Value::Date);
    }
    None
}

/// The TOML the general writer (`toml::to_string`) makes of `file`, byte for byte,
/// when every string is one it writes as a plain `"…"` and every number one it
/// writes as Rust does; `None` otherwise, for the general writer to do it.
pub fn write(file: &ClaimFile) -> Option<String> {
    let mut out = String::with_capacity(160 + 420 * file.claims.len());
    put_str(&mut out, "source", &file.source)?;
    put_str(&mut out, "source_hash", &file.source_hash)?;
    out.push_str(&format!("extraction = {}\n", file.extraction));
    if file.claims.is_empty() {
        out.push_str("claim = []\n");
    }
    if let Some(e) = &file.event {
        out.push_str("\n[event]\n");
        put_str(&mut out, "name", &e.name)?;
        put_str(&mut out, "status", status_name(e.status))?;
    }
    for c in &file.claims {
        out.push_str("\n[[claim]]\n");
        put_str(&mut out, "id", &c.id)?;
        put_str(&mut out, "status", status_name(c.status))?;
        put_str(&mut out, "metric", &c.metric.0)?;
        if let Some(s) = &c.subject {
            put_str(&mut out, "subject", &s.0)?;
        }
        put_str(&mut out, "location", &c.location)?;
        for (key, v) in
            [("value", c.value), ("low", c.low), ("high", c.high)].map(|(k, v)| (k, v.get()))
        {
            if let Some(v) = v {
                put_number(&mut out, key, v)?;
            }
        }
        put_str(&mut out, "qualifier", c.qualifier.as_str())?;
        put_str(&mut out, "unit", &c.unit)?;
        if let Some(d) = c.as_of {
            out.push_str(&format!("as_of = {}\n", d.format("%Y-%m-%d")));
        }
        if let Some(a) = &c.attribution {
            put_str(&mut out, "attribution", a)?;
        }
        put_str(&mut out, "quote", &c.quote)?;
        out.push_str(&format!(
            "span = [{}, {}]\nline = {}\n",
            c.span.start, c.span.end, c.line
        ));
        let flags = [
            c.superseded,
            c.part,
            c.revised,
            c.implicit,
            c.headline,
            c.derived,
            c.place_assumed,
            c.increment,
        ];
        for (name, on) in FLAGS.iter().zip(flags) {
            if on {
                out.push_str(name);
                out.push_str(" = true\n");
            }
        }
    }
    Some(out)
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Extracted => "extracted",
        Status::Confirmed => "confirmed",
        Status::Rejected => "rejected",
        Status::Manual => "manual",
    }
}

/// `key = "value"`, for a value that needs no escape and no other quoting.
fn put_str(out: &mut String, key: &str, v: &str) -> Option<()> {
    let plain = v.chars().all(|c| !c.is_control() && c != '"' && c != '\\');
    if !plain {
        return None;
    }
    out.push_str(key);
    out.push_str(" = \"");
    out.push_str(v);
    out.push_str("\"\n");
    Some(())
}

/// A figure as [`crate::claim::number_opt`] writes it: whole numbers as integers.
fn put_number(out: &mut String, key: &str, v: f64) -> Option<()> {
    let text = if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        let t = format!("{v}");
        if !v.is_finite() || !t.contains('.') || t.contains('e') {
            return None;
        }
        t
    };
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(&text);
    out.push('\n');
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_toml(text: &str) -> Option<ClaimFile> {
        super::super::parse(std::path::Path::new("x.toml"), text).ok()
    }

    #[test]
    fn the_project_claim_files_read_as_toml_reads_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let fast = parse(&text);
                assert!(fast.is_some(), "{} is claimdiff's own form", path.display());
                assert_eq!(fast, by_toml(&text), "{}", path.display());
                n += 1;
            }
        }
        assert!(n > 0);
    }

    const FILE: &str = "source = \"a\"\nsource_hash = \"sha256:00\"\n\n[event]\nname = \"fire · Lyon\"\nstatus = \"confirmed\"\n\n[[claim]]\nid = \"k-1\"\nmetric = \"killed\"\nsubject = \"people\"\nlocation = \"Lyon\"\nvalue = 12\nlow = -1.5\nqualifier = \"about\"\nas_of = 2024-05-02\nquote = \"tab\\there \\\"q\\\" \\u00e9 \\\\ é\"\nspan = [3, 17]\nline = 2\npart = true\nrevised = false\n";

    #[test]
    fn what_it_reads_it_reads_as_toml_does() {
        let fast = parse(FILE).expect("claimdiff's form");
        assert_eq!(Some(fast.clone()), by_toml(FILE));
        assert_eq!(fast.claims[0].quote, "tab\there \"q\" é \\ é");
        assert_eq!(fast.claims[0].source, "a");
    }

    #[test]
    fn what_it_writes_the_general_writer_writes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
        let mut files: Vec<ClaimFile> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "toml") {
                files.push(by_toml(&std::fs::read_to_string(&path).unwrap()).unwrap());
            }
        }
        files.push(parse(FILE).unwrap());
        let mut varied = files[0].clone();
        varied.event = None;
        let c = &mut varied.claims[0];
        (c.value, c.low, c.high) = (67.5.into(), (-3.0).into(), 95700000000.00002.into());
        (c.subject, c.attribution, c.as_of) = (None, None, None);
        (c.superseded, c.headline, c.derived) = (true, true, true);
        files.push(varied);
        let mut empty = files[0].clone();
        empty.claims.clear();
        files.push(empty);
        for file in &files {
            let general = toml::to_string(file).unwrap();
            match write(file) {
                Some(ours) => assert_eq!(ours, general),
                None => assert!(file.claims.iter().any(|c| c.quote.contains(['"', '\\']))),
            }
        }
        let mut quoted = files[0].clone();
        quoted.claims[0].quote = "he said \"12\"".into();
        assert_eq!(write(&quoted), None);
        quoted.claims[0].quote = "it's 12".into();
        assert_eq!(write(&quoted), Some(toml::to_string(&quoted).unwrap()));
    }

    /// The status of the event the whole file records, as the parsers read it.
    fn status_by_parsing(text: &str) -> Option<Option<Status>> {
        by_toml(text).map(|f| f.event.map(|e| e.status))
    }

    #[test]
    fn the_event_status_is_read_as_the_whole_file_reads_it_or_not_at_all() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(event_status(&text).is_some(), "{}", path.display());
                assert_eq!(event_status(&text), status_by_parsing(&text));
            }
        }
        assert_eq!(event_status(FILE), Some(Some(Status::Confirmed)));
        let extracted = FILE.replace("\"confirmed\"", "\"extracted\"");
        assert_eq!(event_status(&extracted), Some(Some(Status::Extracted)));
        let none = FILE.replace(
            "[event]\nname = \"fire · Lyon\"\nstatus = \"confirmed\"\n",
            "",
        );
        assert_eq!(event_status(&none), Some(None));
        assert_eq!(status_by_parsing(&none), Some(None));
        let unsaid = FILE.replace("status = \"confirmed\"\n", "");
        assert_eq!(event_status(&unsaid), Some(Some(Status::Extracted)));
        assert_eq!(event_status(&unsaid), status_by_parsing(&unsaid));
        // The event after the claims is read too.
        let after = format!("{none}\n[event]\nname = \"x\"\nstatus = \"manual\"\n");
        assert_eq!(event_status(&after), Some(Some(Status::Manual)));
        assert_eq!(event_status(&after), status_by_parsing(&after));
        // What could hide or name an event otherwise leaves it to the parsers.
        for (from, to) in [
            ("[event]", "  [event]"),
            ("[event]", "[ event ]"),
            ("[event]", "[event]\n[event]"),
            (
                "[event]\nname = \"fire · Lyon\"\nstatus = \"confirmed\"\n",
                "event = { name = \"x\", status = \"manual\" }\n",
            ),
            (
                "source = \"a\"",
                "source = \"a\"\nevent.name = \"x\"\nevent.status = \"manual\"",
            ),
            ("status = \"confirmed\"", "status = \"confirmed\" # checked"),
            ("status = \"confirmed\"", "status = 'confirmed'"),
            ("line = 2", "line = 2\nnote = \"\"\"\n[event]\n\"\"\""),
            ("line = 2", "line = 2\n[claim.more]"),
            ("\n", "\r\n"),
        ] {
            let text = FILE.replacen(from, to, 1);
            assert_ne!(text, FILE, "{from}");
            assert_eq!(event_status(&text), None, "{to}");
        }
    }

    #[test]
    fn anything_else_is_left_to_toml() {
        for (from, to) in [
            ("value = 12", "value = 012"),
            ("value = 12", "value = 1_2"),
            ("value = 12", "value = 1e3"),
            ("value = 12", "value  = 12"),
            ("value = 12", "value = 12 # said twice"),
            ("value = 12", "value = \"12\""),
            ("line = 2", "line = 2\nline = 3"),
            ("line = 2", "lines = 2"),
            ("line = 2", "  line = 2"),
            ("span = [3, 17]", "span = { start = 3, end = 17 }"),
            ("as_of = 2024-05-02", "as_of = \"2024-05-02\""),
            ("as_of = 2024-05-02", "as_of = 2024-02-30"),
            ("qualifier = \"about\"", "qualifier = \"roughly\""),
            ("status = \"confirmed\"", "status = \"done\""),
            ("\\u00e9", "\\U000000e9"),
            ("\\u00e9", "\\x"),
            ("\"fire · Lyon\"", "'fire · Lyon'"),
            ("\"fire · Lyon\"", "\"\"\"fire\"\"\""),
            ("[event]", "[event]\n[event]"),
            ("id = \"k-1\"\n", ""),
            ("\n", "\r\n"),
        ] {
            let text = FILE.replacen(from, to, 1);
            assert_ne!(text, FILE, "{from}");
            assert_eq!(parse(&text), None, "{to}");
        }
    }
}
