//! `cargo xtask tidy`: the conventions every built-in rule follows (STYLE.md §3.6–3.8),
//! checked on the files under `rules/`. Every problem is reported, not just the first.

use std::collections::BTreeMap;
use std::path::Path;

use mamori_rules::yaml::{self, Y, YVal};

use crate::{LANGS, lang_family, slash};

/// Metadata keys every built-in rule carries.
pub const REQUIRED_METADATA: &[&str] = &[
    "cwe",
    "owasp",
    "category",
    "confidence",
    "likelihood",
    "impact",
    "security-severity",
    "references",
    "help",
];

/// Words that name the cure instead of the hazard (STYLE.md §3.8).
pub const BANNED_ID_WORDS: &[&str] = &["no-", "avoid-", "disallow-", "banned-"];

/// The marker `new-rule` leaves in scaffolds.
pub const SCAFFOLD_MARKER: &str = "TODO(new-rule)";

/// Every problem found under `<root>/rules`, as `path: message` lines, sorted by path.
#[must_use]
pub fn check(root: &Path) -> Vec<String> {
    let rules_dir = root.join("rules");
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let files = mamori_rules::rule_files(&rules_dir);
    if files.is_empty() {
        problems.push(("rules".into(), "no rule files found".into()));
    }
    for file in &files {
        let rel = file.strip_prefix(root).map_or_else(|_| slash(file), slash);
        let mut p = |msg: String| problems.push((rel.clone(), msg));
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                p(format!("cannot read: {e}"));
                continue;
            }
        };
        for id in check_file(root, file, &rel, &text, &mut p) {
            ids.entry(id).or_default().push(rel.clone());
        }
    }
    for (id, files) in &ids {
        if files.len() > 1 {
            problems.push((
                files.join(", "),
                format!("rule id `{id}` is defined {} times", files.len()),
            ));
        }
    }
    orphan_fixtures(root, &rules_dir, &mut problems);
    if problems.is_empty() {
        // Only worth compiling once the files themselves are sound.
        if let Err(errs) = mamori_rules::builtin_defs().and_then(mamori_rules::RuleSet::compile) {
            for e in errs {
                problems.push((e.origin.name.clone(), format!("{} ({})", e.message, e.code)));
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems
        .into_iter()
        .map(|(path, msg)| format!("{path}: {msg}"))
        .collect()
}

/// Check one rule file; returns the ids it defines.
fn check_file(
    root: &Path,
    file: &Path,
    rel: &str,
    text: &str,
    p: &mut impl FnMut(String),
) -> Vec<String> {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let under = rel.strip_prefix("rules/").unwrap_or(rel);
    let lang = match lang_family(under) {
        Some((lang, _family)) => {
            let known = LANGS.iter().find(|(f, ..)| *f == lang);
            if known.is_none() {
                let folders: Vec<&str> = LANGS.iter().map(|(f, ..)| *f).collect();
                p(format!(
                    "unknown language folder `{lang}` (expected one of: {})",
                    folders.join(", ")
                ));
            }
            known
        }
        None => {
            p("rules live at rules/<language>/<family>/<id>.yaml".into());
            None
        }
    };
    if text.contains(SCAFFOLD_MARKER) {
        p(format!(
            "still has `{SCAFFOLD_MARKER}` placeholders from `cargo xtask new-rule`"
        ));
    }
    let defs = match mamori_rules::load_str(rel, text) {
        Ok(d) => d,
        Err(errs) => {
            for e in errs {
                p(format!("{} ({})", e.message, e.code));
            }
            return Vec::new();
        }
    };
    if defs.len() != 1 {
        p(format!(
            "holds {} rules; keep exactly one rule per file",
            defs.len()
        ));
    }
    let raw = yaml::parse(text).ok();
    let raw_rules: Vec<&Y> = match raw.as_ref().and_then(|y| y.get("rules")).map(|r| &r.val) {
        Some(YVal::Seq(items)) => items.iter().collect(),
        _ => Vec::new(),
    };
    let mut ids = Vec::new();
    for d in &defs {
        let id = d.info.id.clone();
        let mut q = |msg: String| p(format!("`{id}`: {msg}"));
        if id != stem {
            q(format!("the file stem `{stem}` must equal the rule id"));
        }
        check_id(&id, lang.map(|l| l.1), &mut q);
        let fixtures = mamori_engine::fixtures::fixtures_for(&root.join(rel));
        if fixtures.is_empty() {
            q(format!(
                "no fixture: add {}.<ext> beside the rule with `ruleid:` and `ok:` lines",
                rel.trim_end_matches(".yaml").trim_end_matches(".yml")
            ));
        } else {
            let (mut hits, mut oks) = (0, 0);
            for fx in &fixtures {
                if let Ok(src) = std::fs::read_to_string(fx) {
                    if src.contains(SCAFFOLD_MARKER) {
                        q(format!(
                            "fixture {} still has `{SCAFFOLD_MARKER}` placeholders",
                            fx.strip_prefix(root).map_or_else(|_| slash(fx), slash)
                        ));
                    }
                    let e = mamori_engine::fixtures::expectations(&src, &id);
                    hits += e.ruleid.len();
                    oks += e.ok.len();
                }
            }
            if hits == 0 {
                q("the fixture has no `ruleid:` line for this rule".into());
            }
            if oks == 0 {
                q("the fixture has no `ok:` line for this rule".into());
            }
        }
        let raw_rule = raw_rules
            .iter()
            .find(|r| r.get("id").and_then(Y::as_str).as_deref() == Some(id.as_str()));
        let severity = raw_rule
            .and_then(|r| r.get("severity"))
            .and_then(Y::as_str)
            .unwrap_or_default();
        match raw_rule.and_then(|r| r.get("metadata")) {
            Some(md) => check_metadata(md, &severity, &mut q),
            None => q(format!(
                "no `metadata`; add {}",
                REQUIRED_METADATA.join(", ")
            )),
        }
        ids.push(id);
    }
    ids
}

/// Kebab-case, the language prefix, and no cure words after it.
pub fn check_id(id: &str, prefix: Option<&str>, q: &mut impl FnMut(String)) {
    let kebab = !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !kebab {
        q("the id must be kebab-case (lowercase words joined by `-`)".into());
    }
    if let Some(prefix) = prefix {
        match id.strip_prefix(prefix) {
            Some(rest) => {
                if let Some(w) = BANNED_ID_WORDS.iter().find(|w| rest.starts_with(**w)) {
                    q(format!(
                        "name the hazard, not the cure: drop `{w}` after `{prefix}` (ids read as \"allow <id>\")"
                    ));
                }
            }
            None => q(format!(
                "the id must start with `{prefix}` (its language folder)"
            )),
        }
    }
}

fn list(y: &Y) -> Vec<String> {
    match &y.val {
        YVal::Seq(items) => items.iter().filter_map(Y::as_str).collect(),
        _ => y.as_str().into_iter().collect(),
    }
}

fn check_metadata(md: &Y, severity: &str, q: &mut impl FnMut(String)) {
    for key in REQUIRED_METADATA {
        let present = md.get(key).is_some_and(|v| match &v.val {
            YVal::Null => false,
            YVal::Str(s) => !s.trim().is_empty(),
            YVal::Seq(s) => !s.is_empty(),
            _ => true,
        });
        if !present {
            q(format!("metadata `{key}` is missing or empty"));
        }
    }
    if let Some(cwe) = md.get("cwe") {
        for c in list(cwe) {
            if !is_cwe_entry(&c) {
                q(format!("`cwe` entry `{c}` must read `CWE-<n>: <title>`"));
            }
        }
    }
    for key in ["confidence", "likelihood", "impact"] {
        if let Some(v) = md.get(key).and_then(Y::as_str)
            && !["HIGH", "MEDIUM", "LOW"].contains(&v.as_str())
        {
            q(format!("`{key}` is `{v}`; use HIGH, MEDIUM or LOW"));
        }
    }
    if let Some(refs) = md.get("references") {
        for r in list(refs) {
            if !(r.starts_with("https://") || r.starts_with("http://")) {
                q(format!("reference `{r}` is not a URL"));
            }
        }
    }
    if let Some(help) = md.get("help").and_then(Y::as_str)
        && !help.contains("Tell your assistant")
    {
        q("`help` must end with a `Tell your assistant: \"...\"` line".into());
    }
    if let Some(v) = md.get("security-severity") {
        let score = match &v.val {
            YVal::Int(i) => Some(*i as f64),
            YVal::Float(f) => Some(*f),
            YVal::Str(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        match score {
            Some(s) if (0.1..=10.0).contains(&s) => {
                if let Some(why) = severity_mismatch(severity, s) {
                    q(why);
                }
            }
            _ => q("`security-severity` must be a number from 0.1 to 10".into()),
        }
    }
}

/// `CWE-<digits>: <title>`.
#[must_use]
pub fn is_cwe_entry(c: &str) -> bool {
    let Some(rest) = c.strip_prefix("CWE-") else {
        return false;
    };
    let Some((n, title)) = rest.split_once(": ") else {
        return false;
    };
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !title.trim().is_empty()
}

/// Why `score` does not fit the rule's `severity`, if it does not.
#[must_use]
pub fn severity_mismatch(severity: &str, score: f64) -> Option<String> {
    let (fits, range) = match severity.to_ascii_uppercase().as_str() {
        "ERROR" | "HIGH" | "CRITICAL" => (score >= 7.0, "7.0 or more"),
        "WARNING" | "MEDIUM" => ((4.0..=8.9).contains(&score), "4.0–8.9"),
        "INFO" | "LOW" => (score < 7.0, "below 7.0"),
        other => return Some(format!("unknown severity `{other}`")),
    };
    (!fits).then(|| {
        format!("`security-severity` {score} does not fit severity {severity} (expected {range})")
    })
}

/// Source files under `rules/` that belong to no rule file.
fn orphan_fixtures(root: &Path, dir: &Path, problems: &mut Vec<(String, String)>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(Result::ok) {
            let path = e.path();
            if path.is_dir() {
                // `<stem>/` folders of multi-file fixtures belong to `<stem>.yaml`.
                let owner = path.with_extension("yaml");
                if owner.is_file() || path.with_extension("yml").is_file() {
                    continue;
                }
                stack.push(path);
            } else if mamori_lang::Language::from_path(&path).is_some()
                && !path.with_extension("yaml").is_file()
                && !path.with_extension("yml").is_file()
            {
                let rel = path.strip_prefix(root).map_or_else(|_| slash(&path), slash);
                problems.push((rel, "fixture without a rule file beside it".into()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_problems(id: &str, prefix: &str) -> Vec<String> {
        let mut v = Vec::new();
        check_id(id, Some(prefix), &mut |m| v.push(m));
        v
    }

    #[test]
    fn ids() {
        assert!(id_problems("python-eval-of-non-literal", "python-").is_empty());
        assert_eq!(id_problems("python-no-eval", "python-").len(), 1);
        assert_eq!(id_problems("js-eval", "python-").len(), 1);
        assert_eq!(id_problems("python_Eval", "python-").len(), 2);
        assert_eq!(id_problems("python--x", "python-").len(), 1);
    }

    #[test]
    fn cwe_format() {
        assert!(is_cwe_entry("CWE-89: SQL Injection"));
        assert!(!is_cwe_entry("CWE-89"));
        assert!(!is_cwe_entry("CWE-x: y"));
        assert!(!is_cwe_entry("89: y"));
    }

    #[test]
    fn severity_ranges() {
        assert!(severity_mismatch("ERROR", 9.0).is_none());
        assert!(severity_mismatch("ERROR", 6.9).is_some());
        assert!(severity_mismatch("WARNING", 4.0).is_none());
        assert!(severity_mismatch("WARNING", 9.0).is_some());
        assert!(severity_mismatch("INFO", 6.9).is_none());
        assert!(severity_mismatch("INFO", 7.0).is_some());
        assert!(severity_mismatch("BOGUS", 5.0).is_some());
    }
}
