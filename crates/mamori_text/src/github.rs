//! GitHub code scanning's `primaryLocationLineHash`.
//!
//! GitHub matches alerts across commits with `partialFingerprints.primaryLocationLineHash`.
//! When a SARIF file lacks it, the upload action computes it itself; a tool that fills it in
//! must produce exactly the same value, or GitHub sees a different alert after every upload.
//!
//! The algorithm (GitHub's upload action, `fingerprints.ts`):
//!
//! - The file is decoded as UTF-8 (invalid sequences become U+FFFD, one per maximal invalid
//!   subpart, as Node does) and read as a stream of UTF-16 code units. A BOM is kept.
//! - Spaces and tabs are skipped. `\r\n`, `\r` and `\n` each end a line and become one `\n`
//!   (an `\n` right after a `\r` is dropped; a space or tab in between cancels that, so
//!   `"\r \n"` is two line breaks).
//! - After the last character an end marker `0xFFFF` is appended, so a text ending with a line
//!   break has one more (empty) line, and the empty text has one line.
//! - Each line's hash is a polynomial rolling hash (base 37, wrapping 64-bit arithmetic) over
//!   the 100 code units starting at the line's first non-blank unit (padded with zeros past
//!   the end), written in lowercase hex without leading zeros.
//! - Identical hashes are told apart by a counter in file order: `hash:1`, `hash:2`, ...
//!
//! Line numbers are GitHub's: a lone `\r` starts a new line here, unlike in
//! [`crate::LineIndex`]. For files without lone `\r` both agree.

use std::collections::HashMap;
use std::ops::ControlFlow;

/// Number of code units hashed for each line.
const BLOCK_SIZE: usize = 100;
/// Base of the rolling hash.
const MOD: u64 = 37;
/// Appended after the last character (`65535` in the reference implementation).
const END_OF_TEXT: u16 = 0xFFFF;

const TAB: u16 = b'\t' as u16;
const SPACE: u16 = b' ' as u16;
const LF: u16 = b'\n' as u16;
const CR: u16 = b'\r' as u16;

/// The `primaryLocationLineHash` of every line of `text`, in line order (index 0 is line 1).
///
/// A text ending with a line break gets a hash for the empty line after it, as GitHub does.
#[must_use]
pub fn line_hashes(text: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let _ = for_each_line_hash(text, |_, hash| {
        out.push(hash);
        ControlFlow::<()>::Continue(())
    });
    out
}

/// The `primaryLocationLineHash` of the 1-based `line` of `text` (GitHub's line numbering), or
/// `None` when the text has no such line. Stops hashing once that line is done.
#[must_use]
pub fn line_hash(text: &[u8], line: usize) -> Option<String> {
    if line == 0 {
        return None;
    }
    let found = for_each_line_hash(text, |n, hash| {
        if n == line {
            ControlFlow::Break(hash)
        } else {
            ControlFlow::Continue(())
        }
    });
    match found {
        ControlFlow::Break(hash) => Some(hash),
        ControlFlow::Continue(()) => None,
    }
}

/// Calls `emit(line, hash)` for every line in increasing line order until it breaks.
fn for_each_line_hash<B>(
    text: &[u8],
    emit: impl FnMut(usize, String) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let decoded = String::from_utf8_lossy(text);
    let mut hasher = RollingHasher::new(emit);
    for unit in decoded.encode_utf16() {
        hasher.push(unit)?;
    }
    hasher.push(END_OF_TEXT)?;
    hasher.flush()
}

struct RollingHasher<F> {
    /// The last `BLOCK_SIZE` code units, a ring buffer indexed by `index`.
    window: [u16; BLOCK_SIZE],
    /// For each window slot: the 1-based line that starts there, or 0.
    line_starts: [usize; BLOCK_SIZE],
    index: usize,
    hash: u64,
    /// `MOD^BLOCK_SIZE`, to remove the unit leaving the window.
    first_mod: u64,
    line: usize,
    at_line_start: bool,
    prev_cr: bool,
    seen: HashMap<u64, usize>,
    emit: F,
}

impl<B, F: FnMut(usize, String) -> ControlFlow<B>> RollingHasher<F> {
    fn new(emit: F) -> Self {
        let mut first_mod: u64 = 1;
        for _ in 0..BLOCK_SIZE {
            first_mod = first_mod.wrapping_mul(MOD);
        }
        Self {
            window: [0; BLOCK_SIZE],
            line_starts: [0; BLOCK_SIZE],
            index: 0,
            hash: 0,
            first_mod,
            line: 0,
            at_line_start: true,
            prev_cr: false,
            seen: HashMap::new(),
            emit,
        }
    }

    fn push(&mut self, unit: u16) -> ControlFlow<B> {
        if unit == SPACE || unit == TAB || (self.prev_cr && unit == LF) {
            self.prev_cr = false;
            return ControlFlow::Continue(());
        }
        let unit = if unit == CR {
            self.prev_cr = true;
            LF
        } else {
            self.prev_cr = false;
            unit
        };
        // The slot about to be overwritten has seen BLOCK_SIZE units since a line started
        // there: that line's hash is complete.
        self.emit_if_line_start()?;
        if self.at_line_start {
            self.at_line_start = false;
            self.line += 1;
            self.line_starts[self.index] = self.line;
        }
        if unit == LF {
            self.at_line_start = true;
        }
        self.roll(unit);
        ControlFlow::Continue(())
    }

    /// Pads with zeros until every pending line has been emitted.
    fn flush(&mut self) -> ControlFlow<B> {
        for _ in 0..BLOCK_SIZE {
            self.emit_if_line_start()?;
            self.roll(0);
        }
        ControlFlow::Continue(())
    }

    fn emit_if_line_start(&mut self) -> ControlFlow<B> {
        let line = std::mem::take(&mut self.line_starts[self.index]);
        if line == 0 {
            return ControlFlow::Continue(());
        }
        let count = self.seen.entry(self.hash).or_insert(0);
        *count += 1;
        (self.emit)(line, format!("{:x}:{count}", self.hash))
    }

    fn roll(&mut self, unit: u16) {
        let leaving = std::mem::replace(&mut self.window[self.index], unit);
        self.hash = self
            .hash
            .wrapping_mul(MOD)
            .wrapping_add(u64::from(unit))
            .wrapping_sub(self.first_mod.wrapping_mul(u64::from(leaving)));
        self.index = (self.index + 1) % BLOCK_SIZE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_has_one_line() {
        assert_eq!(line_hashes(b""), vec!["c129715d7a2bc9a3:1".to_owned()]);
        assert_eq!(line_hash(b"", 1).as_deref(), Some("c129715d7a2bc9a3:1"));
        assert_eq!(line_hash(b"", 0), None);
        assert_eq!(line_hash(b"", 2), None);
    }

    #[test]
    fn single_line_agrees_with_all_lines() {
        let text = b"a\n  b\r\nc\rd\n\n";
        let all = line_hashes(text);
        assert_eq!(all.len(), 6);
        for (i, h) in all.iter().enumerate() {
            assert_eq!(line_hash(text, i + 1).as_ref(), Some(h));
        }
    }

    #[test]
    fn blank_between_cr_and_lf_breaks_twice() {
        assert_eq!(line_hashes(b"a\r \nb").len(), 3);
        assert_eq!(line_hashes(b"a\r\nb").len(), 2);
    }
}
