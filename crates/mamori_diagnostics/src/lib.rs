//! The data that flows out of a scan: findings, per-file errors, statistics and the metadata
//! of the rules that ran. Plain serde data, no behaviour beyond small helpers.
//!
//! Invariant: knows nothing about tree-sitter, YAML, files on disk or output formats.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use mamori_text::Span;

/// How bad a finding is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// SARIF `level` for this severity.
    #[must_use]
    pub const fn sarif_level(self) -> &'static str {
        match self {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low | Severity::Info => "note",
        }
    }

    /// A CVSS-like default used when a rule gives no `security-severity`.
    #[must_use]
    pub const fn default_security_severity(self) -> f32 {
        match self {
            Severity::Critical => 9.5,
            Severity::High => 8.0,
            Severity::Medium => 5.5,
            Severity::Low => 3.0,
            Severity::Info => 1.0,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    /// Accepts mamori's names and Semgrep's (`ERROR` = high, `WARNING` = medium,
    /// `INFO` = info, `INVENTORY`/`EXPERIMENT` = info), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "note" | "inventory" | "experiment" => Ok(Severity::Info),
            "low" => Ok(Severity::Low),
            "medium" | "warning" | "moderate" => Ok(Severity::Medium),
            "high" | "error" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            other => Err(format!(
                "unknown severity `{other}` (expected one of: info, low, medium, high, critical, or Semgrep's INFO, WARNING, ERROR)"
            )),
        }
    }
}

/// How sure the rule is that a match is a real flaw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// SARIF `precision` property (GitHub uses it to rank alerts).
    #[must_use]
    pub const fn sarif_precision(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl FromStr for Confidence {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Confidence::Low),
            "medium" => Ok(Confidence::Medium),
            "high" => Ok(Confidence::High),
            other => Err(format!(
                "unknown confidence `{other}` (expected HIGH, MEDIUM or LOW)"
            )),
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything a reporter needs to describe a rule (SARIF `reportingDescriptor`, docs, text
/// output). Produced by `mamori_rules` from the YAML metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleInfo {
    pub id: String,
    /// The rule's message template (may contain `$X` placeholders).
    pub message: String,
    /// One-line summary (metadata `shortDescription`, or the message's first sentence).
    pub short_description: String,
    /// Longer description (metadata `description`, or the message).
    pub full_description: String,
    /// Help text for a developer: what is wrong and the safe alternative (plain text).
    pub help: String,
    /// The same help as Markdown (for SARIF `help.markdown` and docs pages).
    pub help_markdown: String,
    pub help_uri: Option<String>,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Exact CWE entries as written in metadata, e.g. `CWE-89: Improper Neutralization ...`.
    pub cwe: Vec<String>,
    /// OWASP ids, e.g. `A03:2021 - Injection`, `LLM05:2025 - Improper Output Handling`.
    pub owasp: Vec<String>,
    pub category: Option<String>,
    pub likelihood: Option<String>,
    pub impact: Option<String>,
    /// CVSS-like score 0.1–10.
    pub security_severity: f32,
    pub references: Vec<String>,
    pub languages: Vec<String>,
    /// Extra free-form tags from metadata.
    pub tags: Vec<String>,
}

impl RuleInfo {
    /// `CWE-89` style ids extracted from the `cwe` entries.
    #[must_use]
    pub fn cwe_ids(&self) -> Vec<String> {
        self.cwe
            .iter()
            .filter_map(|c| {
                let rest = c.trim().strip_prefix("CWE-")?;
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                (!digits.is_empty()).then(|| format!("CWE-{digits}"))
            })
            .collect()
    }
}

/// A 1-based position: `line`, `column` in Unicode code points, `utf16_column` in UTF-16
/// code units, and the byte `offset`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub utf16_column: usize,
    pub offset: usize,
}

/// A few source lines around a finding, so reporters can draw a code frame without reading
/// files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// 1-based number of the first line in `text`.
    pub first_line: usize,
    /// The lines, `\n`-separated, long lines cut and invalid UTF-8 replaced.
    pub text: String,
}

/// A replacement of a byte range in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub start: Position,
    pub end: Position,
    pub replacement: String,
}

/// An autofix proposed by a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

/// One step of a data-flow path (taint findings): where, and what happened there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    pub path: String,
    pub start: Position,
    pub end: Position,
    pub message: String,
}

/// Why a finding is suppressed, when it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    /// `mamori`, `nosemgrep` or `nosec`.
    pub kind: String,
    pub justification: Option<String>,
    /// 1-based line of the suppression comment.
    pub line: usize,
}

/// One result of a rule on one place in one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    /// Path as given/discovered, `/`-separated, relative to the scan root when possible.
    pub path: String,
    pub span: Span,
    pub start: Position,
    pub end: Position,
    /// The rule's message with metavariables filled in.
    pub message: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub snippet: Snippet,
    /// Stable identities: `primaryLocationLineHash` (GitHub's algorithm) and
    /// `mamori/v1` (rule + normalized code + enclosing scope).
    pub fingerprints: BTreeMap<String, String>,
    /// Metavariable bindings (name without `$` → matched text, cut to a sane length).
    pub bindings: BTreeMap<String, String>,
    pub fix: Option<Fix>,
    /// Data-flow path from source to sink, empty for pattern findings.
    pub flow: Vec<FlowStep>,
    pub suppression: Option<Suppression>,
}

impl Finding {
    /// The order used for every output: path, position, rule id, then end.
    #[must_use]
    pub fn sort_key(&self) -> (&str, usize, usize, &str, usize) {
        (
            self.path.as_str(),
            self.span.start,
            self.start.line,
            self.rule_id.as_str(),
            self.span.end,
        )
    }
}

/// What went wrong with a file (the file is reported, the scan goes on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileErrorKind {
    /// Could not be read (permissions, vanished, I/O error).
    Read,
    /// Looks binary (NUL bytes); skipped.
    Binary,
    /// Larger than the size limit; skipped.
    TooLarge,
    /// Not valid UTF-8 / undecodable text; scanned after lossy decoding or skipped.
    Encoding,
    /// The parser recovered from syntax errors; results may be incomplete there.
    Parse,
    /// The per-file time budget ran out.
    Timeout,
    /// The engine panicked on this file (a mamori bug); other files are unaffected.
    Internal,
}

impl FileErrorKind {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            FileErrorKind::Read => "read",
            FileErrorKind::Binary => "binary",
            FileErrorKind::TooLarge => "too-large",
            FileErrorKind::Encoding => "encoding",
            FileErrorKind::Parse => "parse",
            FileErrorKind::Timeout => "timeout",
            FileErrorKind::Internal => "internal",
        }
    }

    /// True for errors that mean mamori itself failed (exit code 2).
    #[must_use]
    pub const fn is_tool_error(self) -> bool {
        matches!(self, FileErrorKind::Internal)
    }
}

impl fmt::Display for FileErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A per-file problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileError {
    pub path: String,
    pub kind: FileErrorKind,
    pub message: String,
    /// 1-based line, where the problem has one (parse errors).
    pub line: Option<usize>,
}

/// Scan statistics.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScanStats {
    pub files_scanned: usize,
    pub files_skipped: usize,
    pub bytes_scanned: u64,
    pub rules_run: usize,
    pub elapsed_ms: u64,
    pub threads: usize,
}

/// Per-phase and per-rule timings (`--timings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// Phase name → total milliseconds summed over threads.
    pub phases: BTreeMap<String, f64>,
    /// Rule id → total milliseconds of formula evaluation.
    pub rules: BTreeMap<String, f64>,
    /// Slowest files: (path, milliseconds).
    pub slowest_files: Vec<(String, f64)>,
}

/// Everything a scan produced.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScanReport {
    pub findings: Vec<Finding>,
    pub errors: Vec<FileError>,
    /// The rules that ran, sorted by id.
    pub rules: Vec<RuleInfo>,
    pub stats: ScanStats,
    pub timings: Option<Timings>,
    /// True when the scan stopped early (interrupt); results are partial.
    pub incomplete: bool,
}

impl ScanReport {
    /// Findings that are not suppressed.
    pub fn active_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppression.is_none())
    }

    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.rules
            .binary_search_by(|r| r.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.rules[i])
    }

    #[must_use]
    pub fn has_tool_errors(&self) -> bool {
        self.errors.iter().any(|e| e.kind.is_tool_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_aliases() {
        assert_eq!("ERROR".parse::<Severity>(), Ok(Severity::High));
        assert_eq!("warning".parse::<Severity>(), Ok(Severity::Medium));
        assert_eq!("INFO".parse::<Severity>(), Ok(Severity::Info));
        assert!("bogus".parse::<Severity>().is_err());
        assert!(Severity::Critical > Severity::Low);
    }

    #[test]
    fn cwe_ids() {
        let mut r = RuleInfo {
            id: "x".into(),
            message: String::new(),
            short_description: String::new(),
            full_description: String::new(),
            help: String::new(),
            help_markdown: String::new(),
            help_uri: None,
            severity: Severity::High,
            confidence: Confidence::High,
            cwe: vec![
                "CWE-89: SQL Injection".into(),
                "CWE-78".into(),
                "nope".into(),
            ],
            owasp: vec![],
            category: None,
            likelihood: None,
            impact: None,
            security_severity: 8.0,
            references: vec![],
            languages: vec![],
            tags: vec![],
        };
        assert_eq!(r.cwe_ids(), vec!["CWE-89", "CWE-78"]);
        r.cwe.clear();
        assert!(r.cwe_ids().is_empty());
    }
}
