//! Unified diffs: the added lines of `git diff --unified=0` output (diff-aware scans) and the
//! commentable lines of a pull request file's `patch` (reviews).

use std::collections::{BTreeMap, BTreeSet};

/// What changed in one file, on the new side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new, untracked or otherwise wholly added file: every line counts as changed.
    All,
    /// These 1-based lines were added or changed.
    Lines(BTreeSet<usize>),
}

impl Change {
    /// Whether any line of `first..=last` changed.
    #[must_use]
    pub fn touches(&self, first: usize, last: usize) -> bool {
        match self {
            Change::All => true,
            Change::Lines(lines) => lines.range(first..=last.max(first)).next().is_some(),
        }
    }
}

/// Changed files (new-side paths, `/`-separated, relative to the repository root).
pub type ChangedFiles = BTreeMap<String, Change>;

/// Parses `git diff --unified=0 --find-renames --src-prefix=a/ --dst-prefix=b/` output.
///
/// Only the new side matters: deleted files and pure renames (no hunks) have no changed
/// lines and are left out; a renamed and edited file is listed under its new path with only
/// the edited lines.
#[must_use]
pub fn parse_git_diff(text: &str) -> ChangedFiles {
    let mut out = ChangedFiles::new();
    let mut current: Option<String> = None;
    let mut new_file = false;
    for line in text.lines() {
        if line.starts_with("diff --git ") {
            current = None;
            new_file = false;
            continue;
        }
        if line.starts_with("new file mode") {
            new_file = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix("+++ ") {
            current = parse_path(rest, "b/");
            if let (Some(p), true) = (&current, new_file) {
                out.insert(p.clone(), Change::All);
            }
            continue;
        }
        if line.starts_with("--- ") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@@ ") {
            let Some(path) = &current else { continue };
            let Some((start, count)) = new_range(rest) else {
                continue;
            };
            let entry = out
                .entry(path.clone())
                .or_insert_with(|| Change::Lines(BTreeSet::new()));
            if let Change::Lines(lines) = entry {
                lines.extend(start..start + count);
            }
        }
    }
    // Files whose hunks only deleted lines have nothing to report.
    out.retain(|_, c| match c {
        Change::All => true,
        Change::Lines(l) => !l.is_empty(),
    });
    out
}

/// `-a,b +c,d @@ ...` → `(c, d)`; a missing count means 1.
fn new_range(hunk_header: &str) -> Option<(usize, usize)> {
    let plus = hunk_header
        .split_whitespace()
        .find(|t| t.starts_with('+'))?;
    let plus = &plus[1..];
    let (start, count) = match plus.split_once(',') {
        Some((s, c)) => (s.parse().ok()?, c.parse().ok()?),
        None => (plus.parse().ok()?, 1),
    };
    Some((start, count))
}

/// The path of a `+++`/`---` line: `/dev/null` is none; git's C-style quoting is undone and
/// the `b/` prefix removed; a trailing tab (git adds one after names with spaces) is dropped.
fn parse_path(rest: &str, prefix: &str) -> Option<String> {
    let rest = rest.strip_suffix('\t').unwrap_or(rest);
    if rest == "/dev/null" {
        return None;
    }
    let unquoted = if rest.starts_with('"') {
        unquote(rest)?
    } else {
        rest.to_owned()
    };
    Some(
        unquoted
            .strip_prefix(prefix)
            .map_or(unquoted.clone(), str::to_owned),
    )
}

/// Undoes git's C-style path quoting (`"a\tb\303\251"`).
#[must_use]
pub fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let b = inner.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let c = *b.get(i + 1)?;
        i += 2;
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let digits = b.get(i - 1..i + 2)?;
                let mut v: u32 = 0;
                for d in digits {
                    if !(b'0'..=b'7').contains(d) {
                        return None;
                    }
                    v = v * 8 + u32::from(d - b'0');
                }
                out.push(u8::try_from(v).ok()?);
                i += 2;
            }
            other => out.push(other),
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// The right-side lines of one pull-request file's `patch` that may receive review comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PatchLines {
    /// Line → index of its hunk, for every context or added line (commentable).
    pub commentable: BTreeMap<usize, usize>,
    /// Added lines only.
    pub added: BTreeSet<usize>,
}

impl PatchLines {
    /// Whether `first..=last` can carry one (multi-line) comment: both ends commentable
    /// and in the same hunk.
    #[must_use]
    pub fn can_comment(&self, first: usize, last: usize) -> bool {
        match (self.commentable.get(&first), self.commentable.get(&last)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }
}

/// Parses a pull-request file's `patch` (hunks with context, no file headers).
#[must_use]
pub fn parse_patch(patch: &str) -> PatchLines {
    let mut out = PatchLines::default();
    let mut right = 0usize;
    let mut hunk = 0usize;
    let mut in_hunk = false;
    for line in patch.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(rest) = line.strip_prefix("@@ ") {
            match new_range(rest) {
                Some((start, _)) => {
                    right = start;
                    hunk += 1;
                    in_hunk = true;
                }
                None => in_hunk = false,
            }
            continue;
        }
        if !in_hunk {
            continue;
        }
        match line.as_bytes().first() {
            Some(b'+') => {
                out.commentable.insert(right, hunk);
                out.added.insert(right);
                right += 1;
            }
            Some(b' ') => {
                out.commentable.insert(right, hunk);
                right += 1;
            }
            // Deleted lines and "\ No newline at end of file".
            Some(b'-' | b'\\') => {}
            // An empty line inside a hunk is an empty context line (some tools strip the
            // leading space), except after the last hunk line.
            None => {}
            Some(_) => in_hunk = false,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_diff() {
        let text = "\
diff --git a/src/a.py b/src/a.py
index 1..2 100644
--- a/src/a.py
+++ b/src/a.py
@@ -3,0 +4,2 @@ def f():
+    x = 1
+    y = 2
@@ -10 +12 @@
-old
+new
@@ -20,3 +23,0 @@
-gone
diff --git a/old.py b/new.py
similarity index 100%
rename from old.py
rename to new.py
diff --git a/m.py b/moved/m.py
similarity index 90%
rename from m.py
rename to moved/m.py
--- a/m.py
+++ b/moved/m.py
@@ -1 +1 @@
-a
+b
diff --git a/n.py b/n.py
new file mode 100644
--- /dev/null
+++ b/n.py
@@ -0,0 +1,3 @@
+1
+2
+3
diff --git a/d.py b/d.py
deleted file mode 100644
--- a/d.py
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git \"a/caf\\303\\251 x.py\" \"b/caf\\303\\251 x.py\"
--- \"a/caf\\303\\251 x.py\"
+++ \"b/caf\\303\\251 x.py\"
@@ -1 +1 @@
-a
+b
";
        let c = parse_git_diff(text);
        assert_eq!(
            c.keys().collect::<Vec<_>>(),
            vec!["café x.py", "moved/m.py", "n.py", "src/a.py"]
        );
        assert_eq!(c["src/a.py"], Change::Lines([4, 5, 12].into()));
        assert_eq!(c["moved/m.py"], Change::Lines([1].into()));
        assert_eq!(c["n.py"], Change::All);
        assert!(c["src/a.py"].touches(3, 4));
        assert!(!c["src/a.py"].touches(6, 11));
    }

    #[test]
    fn patch() {
        let p = parse_patch(
            "@@ -1,3 +1,4 @@\n a\n-b\n+c\n+d\n e\n@@ -10,2 +11,2 @@ fn x\n f\n+g\n\\ No newline at end of file",
        );
        assert_eq!(p.added, [2, 3, 12].into());
        assert_eq!(
            p.commentable.keys().copied().collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 11, 12]
        );
        assert!(p.can_comment(2, 4));
        assert!(!p.can_comment(4, 11));
    }
}
