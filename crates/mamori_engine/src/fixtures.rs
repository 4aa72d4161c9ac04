//! Annotated rule fixtures, Semgrep-style: a comment `ruleid: <id>` before each line where
//! a rule must report, `ok: <id>` before near-misses that must stay silent, and
//! `todoruleid:` / `todook:` for known gaps. A rule file `dir/<stem>.yaml` is tested
//! against `dir/<stem>.<ext>` files and the files of a `dir/<stem>/` folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mamori_lang::Language;
use mamori_rules::{RuleError, RuleSet};

use crate::ScanOptions;

/// What the annotations of one fixture say about one rule.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Expectations {
    pub ruleid: BTreeSet<usize>,
    pub ok: BTreeSet<usize>,
    pub todoruleid: BTreeSet<usize>,
    pub todook: BTreeSet<usize>,
}

/// Parse the annotations for `rule_id` in `src`. Lines are 1-based; each annotation
/// applies to the next line that is not itself only an annotation comment.
#[must_use]
pub fn expectations(src: &str, rule_id: &str) -> Expectations {
    let lines: Vec<&str> = src.lines().collect();
    let mut e = Expectations::default();
    for (i, line) in lines.iter().enumerate() {
        for (kind, ids) in annotations(line) {
            if !ids.iter().any(|id| id == rule_id) {
                continue;
            }
            let mut target = i + 1;
            while target < lines.len() && is_annotation_only(lines[target]) {
                target += 1;
            }
            let line_no = target + 1;
            match kind {
                "ruleid" => e.ruleid.insert(line_no),
                "ok" => e.ok.insert(line_no),
                "todoruleid" => e.todoruleid.insert(line_no),
                _ => e.todook.insert(line_no),
            };
        }
    }
    e
}

fn is_annotation_only(line: &str) -> bool {
    let t = line.trim_start();
    let starts_comment =
        t.starts_with('#') || t.starts_with("//") || t.starts_with("/*") || t.starts_with("{/*");
    starts_comment && !annotations(line).is_empty()
}

/// (kind, rule ids) annotations on a line.
fn annotations(line: &str) -> Vec<(&'static str, Vec<String>)> {
    let mut out = Vec::new();
    let Some(start) = ["#", "//", "/*"].iter().filter_map(|m| line.find(m)).min() else {
        return out;
    };
    let comment = &line[start..];
    for kind in ["todoruleid", "todook", "ruleid", "ok"] {
        let mut search = 0;
        while let Some(p) = comment[search..].find(kind) {
            let at = search + p;
            search = at + kind.len();
            let before_ok = at == 0
                || !comment.as_bytes()[at - 1].is_ascii_alphanumeric()
                    && comment.as_bytes()[at - 1] != b'_';
            let rest = comment[at + kind.len()..].trim_start();
            if !before_ok || !rest.starts_with(':') {
                continue;
            }
            // `ok` inside `todook` is handled by the todook pass.
            if (kind == "ok" && comment[..at].ends_with("todo"))
                || (kind == "ruleid" && comment[..at].ends_with("todo"))
            {
                continue;
            }
            let ids: Vec<String> = rest[1..]
                .split(|c: char| c == ',' || c.is_whitespace())
                .map(|s| s.trim_end_matches("*/").trim_end_matches('}').trim())
                .take_while(|s| !s.starts_with("*/"))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if !ids.is_empty() {
                out.push((kind, ids));
            }
        }
    }
    out
}

/// The result of checking one rule against its fixtures.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub rule_id: String,
    pub rule_file: PathBuf,
    pub fixtures: Vec<PathBuf>,
    /// (fixture, line) expected but not reported.
    pub missing: Vec<(PathBuf, usize)>,
    /// (fixture, line) reported but not expected.
    pub unexpected: Vec<(PathBuf, usize)>,
    /// Structural problems (no fixture, no `ruleid:` or `ok:` lines, unreadable fixture).
    pub problems: Vec<String>,
    pub expected_count: usize,
    pub ok_count: usize,
}

impl Outcome {
    #[must_use]
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.unexpected.is_empty() && self.problems.is_empty()
    }
}

/// Fixture files for a rule file: `<stem>.<ext>` beside it (any scanned extension) and the
/// files of a `<stem>/` folder.
#[must_use]
pub fn fixtures_for(rule_file: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let (Some(dir), Some(stem)) = (rule_file.parent(), rule_file.file_stem()) else {
        return out;
    };
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            if p.is_file() && p.file_stem() == Some(stem) && Language::from_path(&p).is_some() {
                out.push(p);
            }
        }
    }
    let folder = dir.join(stem);
    if folder.is_dir() {
        let mut stack = vec![folder];
        while let Some(d) = stack.pop() {
            if let Ok(rd) = std::fs::read_dir(&d) {
                for e in rd.filter_map(Result::ok) {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if Language::from_path(&p).is_some() {
                        out.push(p);
                    }
                }
            }
        }
    }
    out.sort();
    out
}

/// Test every rule file at `path` against its fixtures.
///
/// # Errors
/// Rule files that do not load (reported with their YAML locations).
pub fn run(path: &Path) -> Result<Vec<Outcome>, Vec<RuleError>> {
    let mut outcomes = Vec::new();
    let mut errors = Vec::new();
    for rule_file in mamori_rules::rule_files(path) {
        match run_rule_file(&rule_file) {
            Ok(mut o) => outcomes.append(&mut o),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(outcomes)
    } else {
        Err(errors)
    }
}

/// Test the rules of one rule file.
///
/// # Errors
/// The rule file does not load or compile.
pub fn run_rule_file(rule_file: &Path) -> Result<Vec<Outcome>, Vec<RuleError>> {
    let defs = mamori_rules::load_path(rule_file)?;
    let ids: Vec<String> = defs.iter().map(|d| d.info.id.clone()).collect();
    let set = RuleSet::compile(defs)?;
    let fixtures = fixtures_for(rule_file);
    // The whole pipeline over all fixture files at once, so folder fixtures exercise
    // cross-file analysis exactly as a real scan does.
    let opts = ScanOptions {
        paths: fixtures.clone(),
        discover: crate::DiscoverOptions {
            include_vendored: true,
            no_ignore: true,
            ..crate::DiscoverOptions::default()
        },
        threads: 1,
        ..ScanOptions::default()
    };
    let report = if fixtures.is_empty() {
        None
    } else {
        Some(crate::scan(&set, &opts, None).map_err(|e| {
            vec![RuleError::new(
                "rule::fixture",
                &mamori_rules::Origin {
                    name: rule_file.display().to_string(),
                    text: std::sync::Arc::new(String::new()),
                },
                None,
                e,
            )]
        })?)
    };
    let mut outcomes = Vec::new();
    for id in ids {
        let mut o = Outcome {
            rule_id: id.clone(),
            rule_file: rule_file.to_path_buf(),
            fixtures: fixtures.clone(),
            missing: Vec::new(),
            unexpected: Vec::new(),
            problems: Vec::new(),
            expected_count: 0,
            ok_count: 0,
        };
        let Some(report) = &report else {
            o.problems.push(format!(
                "no fixture: add {}.<py|js|ts|tsx|rs> beside the rule with `ruleid:` and `ok:` lines",
                rule_file.with_extension("").display()
            ));
            outcomes.push(o);
            continue;
        };
        for e in &report.errors {
            if e.kind == mamori_diagnostics::FileErrorKind::Internal {
                o.problems.push(format!("{}: {}", e.path, e.message));
            }
        }
        for fx in &fixtures {
            let src = match std::fs::read(fx) {
                Ok(b) => b,
                Err(e) => {
                    o.problems
                        .push(format!("cannot read {}: {e}", fx.display()));
                    continue;
                }
            };
            let text = String::from_utf8_lossy(&src);
            let exp = expectations(&text, &id);
            o.expected_count += exp.ruleid.len();
            o.ok_count += exp.ok.len();
            let shown = crate::discover::display(fx);
            let got: BTreeSet<usize> = report
                .findings
                .iter()
                .filter(|f| f.rule_id == id && f.suppression.is_none() && f.path == shown)
                .map(|f| f.start.line)
                .collect();
            for l in exp.ruleid.difference(&got) {
                o.missing.push((fx.clone(), *l));
            }
            for l in got.difference(&exp.ruleid) {
                if !exp.todook.contains(l) && !exp.todoruleid.contains(l) {
                    o.unexpected.push((fx.clone(), *l));
                }
            }
            for l in exp.ok.intersection(&exp.ruleid) {
                o.problems.push(format!(
                    "{}:{l}: a line cannot be both `ruleid:` and `ok:`",
                    fx.display()
                ));
            }
        }
        if o.expected_count == 0 {
            o.problems.push("the fixtures have no `ruleid:` line for this rule (every rule needs a vulnerable example)".into());
        }
        if o.ok_count == 0 {
            o.problems.push("the fixtures have no `ok:` line for this rule (every rule needs a near-miss that must stay silent)".into());
        }
        outcomes.push(o);
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_parsing() {
        let src = "# ruleid: a, b\nx()\n# ok: a\n# todook: a\ny()\n// ruleid: c\nz()\n{/* ruleid: d */}\n<A/>\n";
        let a = expectations(src, "a");
        assert_eq!(a.ruleid, [2].into());
        assert_eq!(a.ok, [5].into());
        assert_eq!(a.todook, [5].into());
        assert_eq!(expectations(src, "b").ruleid, [2].into());
        assert_eq!(expectations(src, "c").ruleid, [7].into());
        assert_eq!(expectations(src, "d").ruleid, [9].into());
    }
}
