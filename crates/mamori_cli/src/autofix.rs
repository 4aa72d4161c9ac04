//! `--autofix`: apply the edits of findings that carry a fix, or (`--dry-run`) show them as
//! a unified diff. Overlapping edits in one file keep the first (by position) and skip the
//! rest; the file is rewritten atomically.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use mamori_diagnostics::{Edit, ScanReport};

/// Outcome of applying fixes.
#[derive(Debug, Default)]
pub struct Applied {
    pub files: usize,
    pub edits: usize,
    pub skipped_overlapping: usize,
    /// Unified diff (dry run) or empty.
    pub diff: String,
    pub errors: Vec<String>,
}

/// Apply (or, with `dry_run`, describe) every fix of the active findings.
pub fn apply(
    report: &ScanReport,
    dry_run: bool,
    write: &dyn Fn(&Path, &[u8]) -> std::io::Result<()>,
) -> Applied {
    let mut by_file: BTreeMap<&str, Vec<&Edit>> = BTreeMap::new();
    for f in report.active_findings() {
        if let Some(fix) = &f.fix {
            by_file
                .entry(f.path.as_str())
                .or_default()
                .extend(fix.edits.iter());
        }
    }
    let mut out = Applied::default();
    for (path, mut edits) in by_file {
        let original = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                out.errors
                    .push(format!("{path}: cannot read for autofix: {e}"));
                continue;
            }
        };
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut chosen: Vec<&Edit> = Vec::new();
        for e in edits {
            if e.span.end > original.len() {
                out.skipped_overlapping += 1;
                continue;
            }
            if chosen
                .last()
                .is_some_and(|prev| e.span.start < prev.span.end)
            {
                out.skipped_overlapping += 1;
                continue;
            }
            chosen.push(e);
        }
        let mut fixed = Vec::with_capacity(original.len());
        let mut at = 0;
        for e in &chosen {
            fixed.extend_from_slice(&original[at..e.span.start]);
            fixed.extend_from_slice(e.replacement.as_bytes());
            at = e.span.end;
        }
        fixed.extend_from_slice(&original[at..]);
        if fixed == original {
            continue;
        }
        out.files += 1;
        out.edits += chosen.len();
        if dry_run {
            out.diff.push_str(&unified_diff(path, &original, &fixed));
        } else if let Err(e) = write(Path::new(path), &fixed) {
            out.errors.push(format!("{path}: cannot write fixes: {e}"));
        }
    }
    out
}

/// A line-based unified diff with 2 lines of context (changed region per hunk).
#[must_use]
pub fn unified_diff(path: &str, a: &[u8], b: &[u8]) -> String {
    let a_text = String::from_utf8_lossy(a);
    let b_text = String::from_utf8_lossy(b);
    let al: Vec<&str> = a_text.split_inclusive('\n').collect();
    let bl: Vec<&str> = b_text.split_inclusive('\n').collect();
    // Common prefix and suffix; the middle is the change (fixes are local, so one hunk
    // per contiguous region is enough in practice: split by the edits' lines).
    let mut pre = 0;
    while pre < al.len() && pre < bl.len() && al[pre] == bl[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < al.len() - pre
        && suf < bl.len() - pre
        && al[al.len() - 1 - suf] == bl[bl.len() - 1 - suf]
    {
        suf += 1;
    }
    let ctx = 2;
    let start = pre.saturating_sub(ctx);
    let a_end = (al.len() - suf + ctx).min(al.len());
    let b_end = (bl.len() - suf + ctx).min(bl.len());
    let mut s = String::new();
    let _ = writeln!(s, "--- a/{path}\n+++ b/{path}");
    let _ = writeln!(
        s,
        "@@ -{},{} +{},{} @@",
        start + 1,
        a_end - start,
        start + 1,
        b_end - start
    );
    for l in &al[start..pre] {
        push_line(&mut s, ' ', l);
    }
    for l in &al[pre..al.len() - suf] {
        push_line(&mut s, '-', l);
    }
    for l in &bl[pre..bl.len() - suf] {
        push_line(&mut s, '+', l);
    }
    for l in &al[al.len() - suf..a_end] {
        push_line(&mut s, ' ', l);
    }
    s
}

fn push_line(s: &mut String, mark: char, l: &str) {
    s.push(mark);
    s.push_str(l.trim_end_matches('\n'));
    s.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shape() {
        let d = unified_diff("a.py", b"x\ny = f(1)\nz\n", b"x\ny = g(1)\nz\n");
        assert_eq!(
            d,
            "--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n x\n-y = f(1)\n+y = g(1)\n z\n"
        );
    }
}
