//! mamori's development tasks, run as `cargo xtask <command>` (see [`USAGE`]).
//!
//! Each command is a plain function so the `#[test]`s in `xtask/tests/` can call it:
//! `cargo test` is the only gate, and it runs `tidy` and `codegen --check` too.

#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod bench;
pub mod codegen;
pub mod corpus;
pub mod new_rule;
pub mod tidy;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  codegen [--check]            regenerate docs/rules/*.md and docs/rules/README.md from the
                               built-in rules; --check only reports stale files (exit 1)
  tidy                         check every built-in rule's id, layout, fixture and metadata
  new-rule <lang> <family> <id>
                               scaffold rules/<lang>/<family>/<id>.yaml and its fixture
                               (<lang>: python, javascript, rust)
  bench [--tier mid|full] [--threads N] [--runs N] [--no-compare] [--out FILE.json]
                               build the pinned corpus (cache: $MAMORI_BENCH_DIR, default
                               ~/.cache/mamori-bench), build mamori in release mode, time it
                               (parse-only floor, 1 and N threads) and, when on PATH,
                               semgrep and bandit on the same files
  help                         print this message
";

/// The workspace root (the folder holding the root `Cargo.toml`).
#[must_use]
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// A built-in rule language folder: (folder under `rules/`, id prefix, title, fixture
/// extension).
pub const LANGS: &[(&str, &str, &str, &str)] = &[
    ("python", "python-", "Python", "py"),
    ("javascript", "js-", "JavaScript / TypeScript", "js"),
    ("rust", "rust-", "Rust", "rs"),
];

/// Run `cargo xtask` with `args` (without the program name).
#[must_use]
pub fn main(args: &[String]) -> ExitCode {
    let root = workspace_root();
    let Some((cmd, rest)) = args.split_first() else {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    };
    let result = match cmd.as_str() {
        "codegen" => codegen_cmd(&root, rest),
        "tidy" => tidy_cmd(&root, rest),
        "new-rule" => new_rule::cmd(&root, rest),
        "bench" => bench::cmd(&root, rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(true)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn codegen_cmd(root: &Path, args: &[String]) -> Result<bool, String> {
    let mut check = false;
    for a in args {
        match a.as_str() {
            "--check" => check = true,
            other => return Err(format!("codegen: unknown option `{other}`")),
        }
    }
    if check {
        let stale = codegen::check(root)?;
        if stale.is_empty() {
            println!("docs/rules is up to date");
            return Ok(true);
        }
        eprintln!("{}", codegen::stale_message(&stale));
        Ok(false)
    } else {
        let changed = codegen::write(root)?;
        for c in &changed {
            println!("{c}");
        }
        println!("codegen: {} file(s) updated", changed.len());
        Ok(true)
    }
}

fn tidy_cmd(root: &Path, args: &[String]) -> Result<bool, String> {
    if let Some(a) = args.first() {
        return Err(format!("tidy: unknown option `{a}`"));
    }
    let problems = tidy::check(root);
    for p in &problems {
        eprintln!("{p}");
    }
    if problems.is_empty() {
        println!("tidy: all built-in rules are in order");
        Ok(true)
    } else {
        eprintln!("tidy: {} problem(s)", problems.len());
        Ok(false)
    }
}

/// `rules/<lang>/<family>/<stem>.yaml` → (lang, family); `None` for any other layout.
#[must_use]
pub fn lang_family(rel_under_rules: &str) -> Option<(&str, &str)> {
    let mut parts = rel_under_rules.split('/');
    let (Some(lang), Some(family), Some(_file), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Some((lang, family))
}

/// Normalise path separators to `/` for messages and generated files.
#[must_use]
pub fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
