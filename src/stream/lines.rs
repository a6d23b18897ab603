//! Reading a stream one line at a time without trusting it: a line over the size
//! bound is measured and skipped, never held, and bytes that are not UTF-8 are
//! reported rather than replaced.

use std::io::{self, BufRead};

/// One line of input, as far as it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A line of UTF-8 text, without its line ending.
    Text(String),
    /// A line longer than the bound: only its length was kept.
    TooLong {
        /// Its length in bytes.
        bytes: usize,
    },
    /// A line whose bytes are not UTF-8.
    NotUtf8 {
        /// How many bytes from its start are valid UTF-8.
        valid_up_to: usize,
    },
}

/// The lines of a reader, each at most `max_bytes` long in memory.
pub struct Lines<R> {
    inner: R,
    max_bytes: usize,
    number: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    /// Reads `inner`, refusing to hold lines longer than `max_bytes`.
    pub fn new(inner: R, max_bytes: usize) -> Self {
        Lines {
            inner,
            max_bytes,
            number: 0,
            buf: Vec::new(),
        }
    }

    /// The next line and its 1-based number; `None` at the end of the input.
    /// Blank lines are passed over.
    pub fn next_line(&mut self) -> io::Result<Option<(usize, Line)>> {
        loop {
            let Some(line) = self.read_one()? else {
                return Ok(None);
            };
            if !matches!(&line, Line::Text(t) if t.trim().is_empty()) {
                return Ok(Some((self.number, line)));
            }
        }
    }

    fn read_one(&mut self) -> io::Result<Option<Line>> {
        self.buf.clear();
        let mut bytes = 0usize;
        let mut any = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if !any {
                    return Ok(None);
                }
                break;
            }
            any = true;
            let (chunk, used, ended) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..i], i + 1, true),
                None => (available, available.len(), false),
            };
            bytes += chunk.len();
            if bytes <= self.max_bytes {
                self.buf.extend_from_slice(chunk);
            } else if !self.buf.is_empty() {
                // Over the bound: stop holding it, keep counting.
                self.buf = Vec::new();
            }
            self.inner.consume(used);
            if ended {
                break;
            }
        }
        self.number += 1;
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
            bytes = bytes.saturating_sub(1);
        }
        if bytes > self.max_bytes {
            return Ok(Some(Line::TooLong { bytes }));
        }
        let raw = std::mem::take(&mut self.buf);
        Ok(Some(match String::from_utf8(raw) {
            Ok(text) => Line::Text(text),
            Err(e) => Line::NotUtf8 {
                valid_up_to: e.utf8_error().valid_up_to(),
            },
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], max: usize) -> Vec<(usize, Line)> {
        let mut lines = Lines::new(input, max);
        let mut out = Vec::new();
        while let Some(l) = lines.next_line().unwrap() {
            out.push(l);
        }
        out
    }

    #[test]
    fn long_lines_and_bad_bytes_are_reported_and_the_rest_read() {
        let input = b"{\"a\":1}\r\n\n0123456789abc\nok \xff no\nlast";
        assert_eq!(
            all(input, 10),
            [
                (1, Line::Text("{\"a\":1}".into())),
                (3, Line::TooLong { bytes: 13 }),
                (4, Line::NotUtf8 { valid_up_to: 3 }),
                (5, Line::Text("last".into())),
            ]
        );
    }

    #[test]
    fn a_line_longer_than_the_reader_buffer_is_measured_whole() {
        let mut input = vec![b'x'; 20_000];
        input.push(b'\n');
        input.extend_from_slice(b"y\n");
        let reader = std::io::BufReader::with_capacity(64, &input[..]);
        let mut lines = Lines::new(reader, 1000);
        assert_eq!(
            lines.next_line().unwrap(),
            Some((1, Line::TooLong { bytes: 20_000 }))
        );
        assert_eq!(
            lines.next_line().unwrap(),
            Some((2, Line::Text("y".into())))
        );
        assert_eq!(lines.next_line().unwrap(), None);
    }
}
