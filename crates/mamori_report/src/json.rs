//! The JSON format: one pretty-printed document, schema version `1.0`.
//!
//! The types here *are* the schema; `JSON_SCHEMA.md` in this crate documents every field.
//! Adding a field is a compatible change (minor version bump); renaming or removing one, or
//! changing its meaning, needs a new major `version`.

use std::collections::BTreeMap;
use std::io;

use mamori_diagnostics::{
    Confidence, FileError, Finding, Position, RuleInfo, ScanReport, Severity, Timings,
};
use serde::{Deserialize, Serialize};

use crate::{Emitter, RenderOptions, sorted_errors, sorted_findings};

/// The schema version written to `version`.
pub const SCHEMA_VERSION: &str = "1.0";

/// The name of the fingerprint copied to [`JsonResult::fingerprint`].
pub const MAMORI_FINGERPRINT: &str = "mamori/v1";

/// The whole document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonReport {
    /// Schema version, [`SCHEMA_VERSION`].
    pub version: String,
    pub tool: JsonTool,
    pub results: Vec<JsonResult>,
    pub errors: Vec<JsonError>,
    pub stats: JsonStats,
    /// Present only when timings were collected (`--timings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings: Option<Timings>,
    /// True when the scan stopped early; results are partial.
    pub incomplete: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonTool {
    pub name: String,
    pub version: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonResult {
    pub rule_id: String,
    pub path: String,
    pub start: JsonPosition,
    pub end: JsonPosition,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: String,
    /// `CWE-89` style ids of the rule.
    pub cwe: Vec<String>,
    /// OWASP entries of the rule, e.g. `A03:2021 - Injection`.
    pub owasp: Vec<String>,
    /// The `mamori/v1` fingerprint, `null` when the engine computed none.
    pub fingerprint: Option<String>,
    /// Every fingerprint by name (`mamori/v1`, `primaryLocationLineHash`).
    pub fingerprints: BTreeMap<String, String>,
    /// The source lines around the finding, `\n`-separated.
    pub lines: String,
    /// 1-based line number of the first line of `lines`.
    pub lines_start: usize,
    pub fix: Option<JsonFix>,
    /// Data-flow path from source to sink; empty for pattern findings.
    pub flow: Vec<JsonFlowStep>,
    pub suppressed: bool,
    pub suppression: Option<JsonSuppression>,
    /// Rule metadata; `null` when the rule is not in the report's rule list.
    pub metadata: Option<JsonMetadata>,
}

/// A 1-based position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonPosition {
    pub line: usize,
    /// In Unicode code points.
    pub column: usize,
    /// In UTF-16 code units.
    pub utf16_column: usize,
    /// Byte offset into the file.
    pub offset: usize,
}

impl From<Position> for JsonPosition {
    fn from(p: Position) -> Self {
        Self {
            line: p.line,
            column: p.column,
            utf16_column: p.utf16_column,
            offset: p.offset,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFix {
    pub description: String,
    pub edits: Vec<JsonEdit>,
}

/// Replace the text from `start` to `end` (byte offsets in the positions) by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonEdit {
    pub start: JsonPosition,
    pub end: JsonPosition,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFlowStep {
    pub path: String,
    pub start: JsonPosition,
    pub end: JsonPosition,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSuppression {
    /// The comment that suppressed it: `mamori`, `nosemgrep` or `nosec`.
    pub kind: String,
    pub justification: Option<String>,
    /// 1-based line of the suppression comment.
    pub line: usize,
}

/// What the rule says about itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonMetadata {
    pub short_description: String,
    pub help: String,
    pub help_uri: Option<String>,
    /// The CWE entries as written in the rule, e.g. `CWE-89: Improper Neutralization ...`.
    pub cwe_names: Vec<String>,
    pub category: Option<String>,
    pub likelihood: Option<String>,
    pub impact: Option<String>,
    /// CVSS-like score, 0.1–10.
    pub security_severity: f32,
    pub references: Vec<String>,
    pub languages: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonError {
    pub path: String,
    /// `read`, `binary`, `too-large`, `encoding`, `parse`, `timeout` or `internal`.
    pub kind: String,
    pub message: String,
    pub line: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonStats {
    pub files_scanned: usize,
    pub files_skipped: usize,
    pub bytes_scanned: u64,
    pub rules_run: usize,
    pub elapsed_ms: u64,
    pub threads: usize,
    /// Findings that are not suppressed.
    pub findings: usize,
    /// Suppressed findings (counted even when they are not listed).
    pub suppressed: usize,
    /// Unsuppressed findings per severity; every severity is present.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Number of entries in `errors`.
    pub errors: usize,
}

/// Writes [`JsonReport`] documents.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonEmitter;

impl Emitter for JsonEmitter {
    fn emit(
        &self,
        report: &ScanReport,
        opts: &RenderOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        let doc = to_json_report(report, opts);
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        out.write_all(b"\n")
    }
}

/// Builds the JSON document. Suppressed findings are listed only with
/// [`RenderOptions::show_suppressed`].
#[must_use]
pub fn to_json_report(report: &ScanReport, opts: &RenderOptions) -> JsonReport {
    let results = sorted_findings(report)
        .into_iter()
        .filter(|f| opts.show_suppressed || f.suppression.is_none())
        .map(|f| result(f, report.rule(&f.rule_id)))
        .collect();
    let errors = sorted_errors(report).into_iter().map(error).collect();
    JsonReport {
        version: SCHEMA_VERSION.to_owned(),
        tool: JsonTool {
            name: "mamori".to_owned(),
            version: opts.tool_version().to_owned(),
        },
        results,
        errors,
        stats: stats(report),
        timings: report.timings.clone(),
        incomplete: report.incomplete,
    }
}

fn result(f: &Finding, rule: Option<&RuleInfo>) -> JsonResult {
    JsonResult {
        rule_id: f.rule_id.clone(),
        path: f.path.clone(),
        start: f.start.into(),
        end: f.end.into(),
        severity: f.severity,
        confidence: f.confidence,
        message: f.message.clone(),
        cwe: rule.map(RuleInfo::cwe_ids).unwrap_or_default(),
        owasp: rule.map(|r| r.owasp.clone()).unwrap_or_default(),
        fingerprint: f.fingerprints.get(MAMORI_FINGERPRINT).cloned(),
        fingerprints: f.fingerprints.clone(),
        lines: f.snippet.text.clone(),
        lines_start: f.snippet.first_line,
        fix: f.fix.as_ref().map(|fix| {
            let mut edits: Vec<_> = fix.edits.iter().collect();
            edits.sort_by_key(|e| (e.span.start, e.span.end));
            JsonFix {
                description: fix.description.clone(),
                edits: edits
                    .into_iter()
                    .map(|e| JsonEdit {
                        start: e.start.into(),
                        end: e.end.into(),
                        replacement: e.replacement.clone(),
                    })
                    .collect(),
            }
        }),
        flow: f
            .flow
            .iter()
            .map(|s| JsonFlowStep {
                path: s.path.clone(),
                start: s.start.into(),
                end: s.end.into(),
                message: s.message.clone(),
            })
            .collect(),
        suppressed: f.suppression.is_some(),
        suppression: f.suppression.as_ref().map(|s| JsonSuppression {
            kind: s.kind.clone(),
            justification: s.justification.clone(),
            line: s.line,
        }),
        metadata: rule.map(metadata),
    }
}

fn metadata(r: &RuleInfo) -> JsonMetadata {
    JsonMetadata {
        short_description: r.short_description.clone(),
        help: r.help.clone(),
        help_uri: r.help_uri.clone(),
        cwe_names: r.cwe.clone(),
        category: r.category.clone(),
        likelihood: r.likelihood.clone(),
        impact: r.impact.clone(),
        security_severity: r.security_severity,
        references: r.references.clone(),
        languages: r.languages.clone(),
        tags: r.tags.clone(),
    }
}

fn error(e: &FileError) -> JsonError {
    JsonError {
        path: e.path.clone(),
        kind: e.kind.as_str().to_owned(),
        message: e.message.clone(),
        line: e.line,
    }
}

fn stats(report: &ScanReport) -> JsonStats {
    let s = &report.stats;
    let mut by_severity: BTreeMap<Severity, usize> =
        Severity::ALL.into_iter().map(|sev| (sev, 0)).collect();
    let mut findings = 0;
    for f in report.active_findings() {
        findings += 1;
        *by_severity.entry(f.severity).or_insert(0) += 1;
    }
    JsonStats {
        files_scanned: s.files_scanned,
        files_skipped: s.files_skipped,
        bytes_scanned: s.bytes_scanned,
        rules_run: s.rules_run,
        elapsed_ms: s.elapsed_ms,
        threads: s.threads,
        findings,
        suppressed: report.findings.len() - findings,
        by_severity,
        errors: report.errors.len(),
    }
}
