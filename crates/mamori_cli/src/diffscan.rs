//! Restricting a scan to some files (and optionally to changed lines): `--diff-base` (from
//! `git diff`) and `review` (the pull request's files).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use mamori_diagnostics::{Finding, ScanReport};
use mamori_engine::discover::PathFilter;
use mamori_github::diff::{Change, ChangedFiles};
use mamori_github::git::Repo;

/// Files to scan, by absolute (lexically normalised) path, with what changed in them.
#[derive(Debug, Clone, Default)]
pub struct Restriction {
    pub files: BTreeMap<PathBuf, Change>,
    /// Keep only findings that touch a changed line (`--diff-base`); `false` keeps every
    /// finding of the listed files (`review`, which sorts them itself).
    pub lines_only: bool,
}

/// `a/./b/../c` → `a/c`, without touching the file system.
#[must_use]
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The current folder, resolved (symbolic links followed, like git's paths).
///
/// # Errors
/// It cannot be read.
pub fn cwd() -> Result<PathBuf, String> {
    let d = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    Ok(std::fs::canonicalize(&d).unwrap_or(d))
}

/// `path` relative to `base` when it is inside it, else `../..`-style, else absolute.
#[must_use]
pub fn relative(path: &Path, base: &Path) -> PathBuf {
    if let Ok(r) = path.strip_prefix(base) {
        return r.to_path_buf();
    }
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    out
}

impl Restriction {
    /// Lines changed since the merge base of HEAD and `reference`, in the repository that
    /// holds `cwd`.
    ///
    /// # Errors
    /// Not a git repository, unknown reference, git failures.
    pub fn from_git(reference: &str, cwd: &Path) -> Result<Restriction, String> {
        let repo =
            Repo::discover(cwd).map_err(|e| format!("--diff-base needs a git repository: {e}"))?;
        let root = std::fs::canonicalize(&repo.root).unwrap_or(repo.root.clone());
        let base = repo.merge_base(reference)?;
        let changed = repo.changed_since(&base)?;
        Ok(Restriction {
            files: absolute(&root, changed),
            lines_only: true,
        })
    }

    /// Files of a pull request (paths relative to `root`).
    #[must_use]
    pub fn from_files(root: &Path, changed: ChangedFiles) -> Restriction {
        Restriction {
            files: absolute(root, changed),
            lines_only: false,
        }
    }

    /// The files to scan as paths relative to `cwd`, among `roots` and admitted by the
    /// user's include/exclude globs.
    #[must_use]
    pub fn scan_list(&self, cwd: &Path, roots: &[PathBuf], filter: &PathFilter) -> Vec<String> {
        let roots: Vec<PathBuf> = roots.iter().map(|r| normalize(&cwd.join(r))).collect();
        let mut out = Vec::new();
        for abs in self.files.keys() {
            if !abs.is_file() {
                continue;
            }
            let Some(root) = roots.iter().find(|r| abs.starts_with(r)) else {
                continue;
            };
            let rel = mamori_text::display_path(&relative(abs, cwd));
            let under_root = mamori_text::display_path(abs.strip_prefix(root).unwrap_or(abs));
            if filter.admits(&rel) || filter.admits(&under_root) {
                out.push(rel);
            }
        }
        out
    }

    /// Whether a finding is kept.
    #[must_use]
    pub fn keeps(&self, cwd: &Path, f: &Finding) -> bool {
        let abs = normalize(&cwd.join(&f.path));
        self.files.get(&abs).is_some_and(|c| {
            !self.lines_only || c.touches(f.start.line, f.end.line.max(f.start.line))
        })
    }

    /// Drops findings outside the restriction.
    pub fn apply(&self, cwd: &Path, report: &mut ScanReport) {
        report.findings.retain(|f| self.keeps(cwd, f));
    }
}

fn absolute(root: &Path, changed: ChangedFiles) -> BTreeMap<PathBuf, Change> {
    changed
        .into_iter()
        .map(|(p, c)| (normalize(&root.join(p)), c))
        .collect()
}

/// Glob patterns that match exactly these relative paths.
#[must_use]
pub fn exact_globs(paths: &[String]) -> Vec<String> {
    paths.iter().map(|p| globset::escape(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(
            relative(Path::new("/r/x/y.py"), Path::new("/r/z")),
            PathBuf::from("../x/y.py")
        );
        assert_eq!(
            relative(Path::new("/r/x/y.py"), Path::new("/r")),
            PathBuf::from("x/y.py")
        );
    }
}
