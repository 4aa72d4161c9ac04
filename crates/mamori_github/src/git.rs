//! `git` as a subprocess (no libgit2): the repository root, merge bases and the lines changed
//! since a base commit, for `mamori scan --diff-base`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diff::{Change, ChangedFiles, parse_git_diff};

/// A git work tree.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The top-level folder (as `git rev-parse --show-toplevel` prints it).
    pub root: PathBuf,
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| format!("cannot run git (is it installed and on PATH?): {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "`git {}` failed: {}",
            args.join(" "),
            err.trim().lines().next().unwrap_or("no message")
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Repo {
    /// The repository that contains `dir`.
    ///
    /// # Errors
    /// `dir` is not in a git work tree, or git cannot run.
    pub fn discover(dir: &Path) -> Result<Repo, String> {
        let root = git(dir, &["rev-parse", "--show-toplevel"])?;
        Ok(Repo {
            root: PathBuf::from(root.trim_end_matches(['\n', '\r'])),
        })
    }

    /// `git merge-base HEAD <reference>`.
    ///
    /// # Errors
    /// An unknown reference, or no common ancestor (e.g. a shallow clone).
    pub fn merge_base(&self, reference: &str) -> Result<String, String> {
        if reference.starts_with('-') || reference.is_empty() {
            return Err(format!("`{reference}` is not a git reference"));
        }
        git(
            &self.root,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{reference}^{{commit}}"),
            ],
        )
        .map_err(|_| {
            format!(
                "`{reference}` is not a commit in this repository (in CI, fetch it first, e.g. \
                     actions/checkout with `fetch-depth: 0`)"
            )
        })?;
        let base = git(&self.root, &["merge-base", "HEAD", reference]).map_err(|e| {
            format!(
                "HEAD and `{reference}` have no merge base ({e}); with a shallow clone, fetch more \
                 history (actions/checkout `fetch-depth: 0`)"
            )
        })?;
        Ok(base.trim().to_owned())
    }

    /// Lines added or changed in the work tree since `base` (committed or not), with renames
    /// followed, plus untracked files (not ignored) as wholly added. Paths are relative to
    /// [`Self::root`].
    ///
    /// # Errors
    /// git fails.
    pub fn changed_since(&self, base: &str) -> Result<ChangedFiles, String> {
        let diff = git(
            &self.root,
            &[
                "diff",
                "--unified=0",
                "--find-renames",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                base,
                "--",
            ],
        )?;
        let mut changed = parse_git_diff(&diff);
        let untracked = git(
            &self.root,
            &["ls-files", "--others", "--exclude-standard", "-z"],
        )?;
        for p in untracked.split('\0').filter(|p| !p.is_empty()) {
            changed.insert(p.to_owned(), Change::All);
        }
        Ok(changed)
    }
}
