//! Shared helpers for mamori's workspace-level tests: where the repository's rules and
//! examples are, and a readable rendering of fixture outcomes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mamori_engine::fixtures::Outcome;

/// The repository root (this package lives in `tests/`).
#[must_use]
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The built-in rules folder.
#[must_use]
pub fn rules_dir() -> PathBuf {
    repo_root().join("rules")
}

/// A failure report for one rule: problems, missed and unexpected lines.
#[must_use]
pub fn describe(o: &Outcome) -> String {
    let mut s = format!("rule {} ({})\n", o.rule_id, o.rule_file.display());
    for p in &o.problems {
        let _ = writeln!(s, "  problem: {p}");
    }
    for (f, l) in &o.missing {
        let _ = writeln!(s, "  - missed (false negative)     {}:{l}", f.display());
    }
    for (f, l) in &o.unexpected {
        let _ = writeln!(s, "  + unexpected (false positive) {}:{l}", f.display());
    }
    s
}
