//! Text positions for mamori.
//!
//! Everything inside mamori works on byte offsets into the original file bytes. This crate
//! converts them into what humans and tools expect: 1-based lines, and columns counted in
//! bytes, UTF-16 code units (SARIF's default, and what editors use) or Unicode code points.
//! It also turns relative paths into the percent-encoded URIs SARIF wants.
//!
//! Invariant: no dependency on any other mamori crate; no I/O.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub mod github;

/// A half-open byte range `[start, end)` into a source text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    #[must_use]
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// True when `other` lies entirely within `self` (equal spans contain each other).
    #[must_use]
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    #[must_use]
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column pair. `column` unit depends on how it was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The unit in which a column is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Bytes of UTF-8.
    Byte,
    /// UTF-16 code units (SARIF `utf16CodeUnits`, LSP, GitHub).
    Utf16,
    /// Unicode scalar values (SARIF `unicodeCodePoints`).
    CodePoint,
}

/// Start offsets of every line of a text, for fast offset → line lookups.
///
/// Lines end at `\n`; a `\r` before it belongs to the line ending, so CRLF and LF files give
/// the same line numbers. A lone `\r` is not a line break (as in most editors and git).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &[u8]) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        for (i, b) in text.iter().enumerate() {
            if *b == b'\n' {
                starts.push(i + 1);
            }
        }
        Self {
            starts,
            len: text.len(),
        }
    }

    /// Number of lines (a text ending in a newline has an empty last line, which counts).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number containing `offset` (clamped to the text).
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of the 0-based `line`, without its line terminator (`\n` or `\r\n`).
    #[must_use]
    pub fn line_span(&self, text: &[u8], line: usize) -> Span {
        let Some(&start) = self.starts.get(line) else {
            return Span::new(self.len, self.len);
        };
        let mut end = self.starts.get(line + 1).map_or(self.len, |s| s - 1);
        if end > start && text.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// 1-based line and 1-based column of `offset`, the column counted in `unit`.
    #[must_use]
    pub fn line_col(&self, text: &[u8], offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = offset.min(self.len).min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let prefix = &text[start..offset];
        let column = match unit {
            ColumnUnit::Byte => prefix.len(),
            ColumnUnit::Utf16 => utf16_len(prefix),
            ColumnUnit::CodePoint => code_point_len(prefix),
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }
}

/// UTF-16 code units needed for `bytes` (invalid UTF-8 bytes count one unit each, as a
/// replacement character would).
#[must_use]
pub fn utf16_len(bytes: &[u8]) -> usize {
    let mut n = 0;
    for chunk in bytes.utf8_chunks() {
        n += chunk.valid().chars().map(char::len_utf16).sum::<usize>();
        n += chunk.invalid().len();
    }
    n
}

/// Unicode scalar values in `bytes` (each invalid byte counts as one).
#[must_use]
pub fn code_point_len(bytes: &[u8]) -> usize {
    let mut n = 0;
    for chunk in bytes.utf8_chunks() {
        n += chunk.valid().chars().count();
        n += chunk.invalid().len();
    }
    n
}

/// Turn a relative path into a URI reference for SARIF: `/`-separated, each segment
/// percent-encoded per RFC 3986 (unreserved characters and `/` kept).
#[must_use]
pub fn path_to_uri(path: &std::path::Path) -> String {
    let mut out = String::new();
    let mut first = true;
    for comp in path.components() {
        use std::path::Component;
        let seg = match comp {
            Component::Normal(s) => s.to_string_lossy(),
            Component::ParentDir => "..".into(),
            Component::CurDir => continue,
            Component::RootDir => {
                out.push('/');
                first = true;
                continue;
            }
            Component::Prefix(p) => p.as_os_str().to_string_lossy(),
        };
        if !first {
            out.push('/');
        }
        first = false;
        percent_encode_segment(&seg, &mut out);
    }
    out
}

fn percent_encode_segment(seg: &str, out: &mut String) {
    use fmt::Write as _;
    for b in seg.bytes() {
        let keep = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// A display form of a path that is always `/`-separated, for stable output across
/// platforms.
#[must_use]
pub fn display_path(path: &std::path::Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\r\ncé\n𝄞x\n".as_bytes();
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(
            idx.line_col(text, 0, ColumnUnit::Byte),
            LineCol { line: 1, column: 1 }
        );
        assert_eq!(
            idx.line_col(text, 5, ColumnUnit::Byte),
            LineCol { line: 2, column: 2 }
        );
        // "𝄞" is 4 bytes, 2 UTF-16 units, 1 code point.
        let x = text.iter().position(|b| *b == b'x').unwrap();
        assert_eq!(idx.line_col(text, x, ColumnUnit::Utf16).column, 3);
        assert_eq!(idx.line_col(text, x, ColumnUnit::CodePoint).column, 2);
        assert_eq!(idx.line_col(text, x, ColumnUnit::Byte).column, 5);
        assert_eq!(idx.line_span(text, 0), Span::new(0, 2));
    }

    #[test]
    fn uri_encoding() {
        let p = std::path::Path::new("src/my file#1/é.py");
        assert_eq!(path_to_uri(p), "src/my%20file%231/%C3%A9.py");
    }

    #[test]
    fn invalid_utf8_counts() {
        assert_eq!(utf16_len(b"a\xffb"), 3);
        assert_eq!(code_point_len(b"a\xff\xfeb"), 4);
    }
}
