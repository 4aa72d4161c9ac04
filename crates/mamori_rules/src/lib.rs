//! mamori's rules: YAML rule files in Semgrep's shape, loaded in two phases.
//!
//! 1. [`load_str`] / [`load_path`]: YAML (via [`yaml`], with spans) → [`RuleDef`]s; shape
//!    errors (unknown keys, wrong types, unsupported operators) point into the YAML.
//! 2. [`RuleSet::compile`]: patterns compiled per grammar, semantic checks, per-language
//!    plans for one-walk matching.
//!
//! The built-in rules under the repository's `rules/` folder are embedded at build time
//! ([`builtin`]).
//!
//! Invariant: knows nothing about files being scanned, threads or output formats.

pub mod catalog;
mod compile;
mod def;
mod error;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use compile::{PathCheck, PathFilter, Profile, Rule, RuleSet, scan_metavars};
pub use def::{BodyDef, ConjDef, FormulaDef, RuleDef, Spanned, TaintDef, TaintItemDef};
pub use error::{Origin, RuleError, RuleErrors};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// (path under `rules/`, contents) of every built-in rule file.
#[must_use]
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    embedded::BUILTIN_RULE_FILES
}

/// Parse one rule file's text.
///
/// # Errors
/// All shape problems found in the file.
pub fn load_str(name: &str, text: &str) -> Result<Vec<RuleDef>, Vec<RuleError>> {
    let origin = Origin {
        name: name.to_string(),
        text: Arc::new(text.to_string()),
    };
    let root = match yaml::parse(text) {
        Ok(y) => y,
        Err(e) => {
            let end = (e.offset + 1).min(text.len()).max(e.offset);
            return Err(vec![
                RuleError::new(
                    "rule::yaml",
                    &origin,
                    Some((e.offset.min(text.len()), end)),
                    format!("invalid YAML: {}", e.message),
                )
                .with_label("here"),
            ]);
        }
    };
    let mut cx = def::Ctx {
        origin: &origin,
        errors: Vec::new(),
    };
    let defs = def::parse_file(&root, &mut cx);
    if cx.errors.is_empty() {
        Ok(defs)
    } else {
        Err(cx.errors)
    }
}

/// Rule files (`.yaml`/`.yml`) at `path`: the file itself, or every one below a folder,
/// sorted. Fixture folders and hidden folders are skipped.
#[must_use]
pub fn rule_files(path: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if path.is_file() {
        out.push(path.to_path_buf());
        return out;
    }
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            // The taint catalogue is not a rule folder.
            if p.is_dir() && name == "catalog" {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Load every rule file at `path` (a file or a folder).
///
/// # Errors
/// Unreadable files and every shape problem, across all files.
pub fn load_path(path: &Path) -> Result<Vec<RuleDef>, Vec<RuleError>> {
    let files = rule_files(path);
    let mut defs = Vec::new();
    let mut errors = Vec::new();
    if files.is_empty() {
        let origin = Origin {
            name: path.display().to_string(),
            text: Arc::new(String::new()),
        };
        errors.push(RuleError::new(
            "rule::no-files",
            &origin,
            None,
            format!("no rule files (.yaml/.yml) found at {}", path.display()),
        ));
        return Err(errors);
    }
    for f in files {
        let name = f.display().to_string();
        match std::fs::read(&f) {
            Ok(bytes) => {
                if bytes.len() > yaml::MAX_RULE_FILE_BYTES {
                    let origin = Origin {
                        name,
                        text: Arc::new(String::new()),
                    };
                    errors.push(RuleError::new(
                        "rule::too-large",
                        &origin,
                        None,
                        format!(
                            "rule file is {} bytes; the limit is {}",
                            bytes.len(),
                            yaml::MAX_RULE_FILE_BYTES
                        ),
                    ));
                    continue;
                }
                let text = String::from_utf8_lossy(&bytes);
                match load_str(&name, &text) {
                    Ok(mut d) => defs.append(&mut d),
                    Err(mut e) => errors.append(&mut e),
                }
            }
            Err(e) => {
                let origin = Origin {
                    name: name.clone(),
                    text: Arc::new(String::new()),
                };
                errors.push(RuleError::new(
                    "rule::read",
                    &origin,
                    None,
                    format!("cannot read {name}: {e}"),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(defs)
    } else {
        Err(errors)
    }
}

/// The built-in rule definitions.
///
/// # Errors
/// Only if a built-in rule file is broken (the rule tests catch this before release).
pub fn builtin_defs() -> Result<Vec<RuleDef>, Vec<RuleError>> {
    let mut defs = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in builtin_files() {
        if name.starts_with("catalog/") {
            continue;
        }
        match load_str(&format!("rules/{name}"), text) {
            Ok(mut d) => defs.append(&mut d),
            Err(mut e) => errors.append(&mut e),
        }
    }
    for d in &mut defs {
        if d.info.help_uri.is_none() {
            d.info.help_uri = Some(format!("{DOCS_BASE}/{}.md", d.info.id));
        }
    }
    if errors.is_empty() {
        Ok(defs)
    } else {
        Err(errors)
    }
}

/// The compiled built-in rule set (all profiles).
///
/// # Errors
/// Only if a built-in rule is broken.
pub fn builtin() -> Result<RuleSet, Vec<RuleError>> {
    RuleSet::compile(builtin_defs()?)
}

/// Where the generated per-rule documentation pages live.
pub const DOCS_BASE: &str = "https://github.com/mamori-sast/mamori/blob/main/docs/rules";
