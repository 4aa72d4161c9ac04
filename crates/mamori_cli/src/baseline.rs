//! `--baseline`: hide findings already present in an earlier mamori JSON or SARIF report,
//! and `review --input`: read a mamori JSON report back into a [`ScanReport`].

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use mamori_diagnostics::{
    Edit, Finding, FlowStep, Position, RuleInfo, ScanReport, Snippet, Span, Suppression,
};
use mamori_report::json::{JsonPosition, JsonReport};
use serde_json::Value;

const MAMORI_FP: &str = "mamori/v1";
const LINE_HASH: &str = "primaryLocationLineHash";

/// The identities of an earlier report's findings.
#[derive(Debug, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
    /// `(rule id, primaryLocationLineHash)`.
    line_hashes: HashSet<(String, String)>,
    pub results: usize,
}

impl Baseline {
    /// Reads a mamori JSON report or a SARIF log.
    ///
    /// # Errors
    /// Unreadable file, not JSON, or neither format.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
        let v: Value = serde_json::from_str(&text)
            .map_err(|e| format!("the baseline {} is not JSON: {e}", path.display()))?;
        let mut b = Baseline::default();
        if let Some(runs) = v.get("runs").and_then(Value::as_array) {
            for r in runs
                .iter()
                .filter_map(|run| run.get("results").and_then(Value::as_array))
                .flatten()
            {
                let rule = r.get("ruleId").and_then(Value::as_str).unwrap_or_default();
                b.add(rule, r.get("partialFingerprints"));
            }
        } else if let Some(results) = v.get("results").and_then(Value::as_array) {
            for r in results {
                let rule = r.get("rule_id").and_then(Value::as_str).unwrap_or_default();
                b.add(rule, r.get("fingerprints"));
            }
        } else {
            return Err(format!(
                "the baseline {} is neither a mamori JSON report nor a SARIF log",
                path.display()
            ));
        }
        Ok(b)
    }

    fn add(&mut self, rule: &str, fps: Option<&Value>) {
        self.results += 1;
        let get = |k: &str| fps.and_then(|f| f.get(k)).and_then(Value::as_str);
        if let Some(fp) = get(MAMORI_FP) {
            self.fingerprints.insert(fp.to_owned());
        }
        if let Some(h) = get(LINE_HASH) {
            self.line_hashes.insert((rule.to_owned(), h.to_owned()));
        }
    }

    /// Whether `f` was already in the baseline.
    #[must_use]
    pub fn contains(&self, f: &Finding) -> bool {
        f.fingerprints
            .get(MAMORI_FP)
            .is_some_and(|fp| self.fingerprints.contains(fp))
            || f.fingerprints
                .get(LINE_HASH)
                .is_some_and(|h| self.line_hashes.contains(&(f.rule_id.clone(), h.clone())))
    }

    /// Removes known findings from `report`; returns how many.
    pub fn apply(&self, report: &mut ScanReport) -> usize {
        let before = report.findings.len();
        report.findings.retain(|f| !self.contains(f));
        before - report.findings.len()
    }
}

fn pos(p: JsonPosition) -> Position {
    Position {
        line: p.line,
        column: p.column,
        utf16_column: p.utf16_column,
        offset: p.offset,
    }
}

/// Reads a mamori JSON report (`scan -f json`) back into a [`ScanReport`] (rule metadata is
/// rebuilt from each result's `metadata`).
///
/// # Errors
/// Unreadable file or not a mamori JSON report.
pub fn read_json_report(path: &Path) -> Result<ScanReport, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let doc: JsonReport = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a mamori JSON report: {e}", path.display()))?;
    let mut rules: BTreeMap<String, RuleInfo> = BTreeMap::new();
    let mut findings = Vec::new();
    for r in doc.results {
        if let Some(m) = &r.metadata {
            rules.entry(r.rule_id.clone()).or_insert_with(|| RuleInfo {
                id: r.rule_id.clone(),
                message: r.message.clone(),
                short_description: m.short_description.clone(),
                full_description: m.short_description.clone(),
                help: m.help.clone(),
                help_markdown: String::new(),
                help_uri: m.help_uri.clone(),
                severity: r.severity,
                confidence: r.confidence,
                cwe: m.cwe_names.clone(),
                owasp: r.owasp.clone(),
                category: m.category.clone(),
                likelihood: m.likelihood.clone(),
                impact: m.impact.clone(),
                security_severity: m.security_severity,
                references: m.references.clone(),
                languages: m.languages.clone(),
                tags: m.tags.clone(),
            });
        }
        findings.push(Finding {
            span: Span::new(r.start.offset, r.end.offset.max(r.start.offset)),
            start: pos(r.start),
            end: pos(r.end),
            message: r.message,
            severity: r.severity,
            confidence: r.confidence,
            snippet: Snippet {
                first_line: r.lines_start,
                text: r.lines,
            },
            fingerprints: r.fingerprints,
            bindings: BTreeMap::new(),
            fix: r.fix.map(|fix| mamori_diagnostics::Fix {
                description: fix.description,
                edits: fix
                    .edits
                    .into_iter()
                    .map(|e| Edit {
                        span: Span::new(e.start.offset, e.end.offset.max(e.start.offset)),
                        start: pos(e.start),
                        end: pos(e.end),
                        replacement: e.replacement,
                    })
                    .collect(),
            }),
            flow: r
                .flow
                .into_iter()
                .map(|s| FlowStep {
                    path: s.path,
                    start: pos(s.start),
                    end: pos(s.end),
                    message: s.message,
                })
                .collect(),
            suppression: r.suppression.map(|s| Suppression {
                kind: s.kind,
                justification: s.justification,
                line: s.line,
            }),
            rule_id: r.rule_id,
            path: r.path,
        });
    }
    Ok(ScanReport {
        findings,
        rules: rules.into_values().collect(),
        incomplete: doc.incomplete,
        ..ScanReport::default()
    })
}
