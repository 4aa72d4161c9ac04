//! SARIF 2.1.0, built from `serde-sarif`'s typed structs, shaped for GitHub code scanning.
//!
//! One run. `tool.driver.rules` holds the rules that ran (sorted by id, de-duplicated), each
//! with GitHub's properties (`tags` with `security` and `external/cwe/cwe-N`, `precision`,
//! `security-severity` as a one-decimal string, `problem.severity`). Results carry
//! `ruleId`/`ruleIndex`, a percent-encoded path relative to `%SRCROOT%`, 1-based regions with
//! columns in UTF-16 code units (declared by `columnKind`), `partialFingerprints`, `fixes`,
//! `codeFlows` and, for suppressed findings (which are kept), `suppressions`. File errors
//! become `toolExecutionNotifications`.
//!
//! GitHub's upload limits are respected: at most [`MAX_RESULTS`] results (the most severe
//! are kept and a notification says how many were dropped), [`MAX_TAGS`] tags per rule and
//! [`MAX_THREAD_FLOW_LOCATIONS`] steps per code flow.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;
use std::str::FromStr;

use mamori_diagnostics::{FileError, Finding, FlowStep, Position, RuleInfo, ScanReport, Severity};
use mamori_text::path_to_uri;
use serde_json::Value;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, CodeFlow, Fix, Invocation, Location,
    Message, MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region,
    Replacement, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Run, RunAutomationDetails, Sarif, Suppression, ThreadFlow, ThreadFlowLocation, Tool,
    ToolComponent,
};

use crate::{Emitter, INFORMATION_URI, RenderOptions, sorted_errors, sorted_findings};

/// Written as `$schema`.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The `uriBaseId` of every relative path.
pub const SRCROOT: &str = "%SRCROOT%";
/// GitHub rejects runs with more results.
pub const MAX_RESULTS: usize = 25_000;
/// GitHub ignores tags beyond this many per rule.
pub const MAX_TAGS: usize = 20;
/// GitHub rejects code flows with more locations.
pub const MAX_THREAD_FLOW_LOCATIONS: usize = 10_000;

/// Writes SARIF logs.
#[derive(Clone, Copy, Debug, Default)]
pub struct SarifEmitter;

impl Emitter for SarifEmitter {
    fn emit(
        &self,
        report: &ScanReport,
        opts: &RenderOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        let log = to_sarif(report, opts);
        serde_json::to_writer_pretty(&mut *out, &log)?;
        out.write_all(b"\n")
    }
}

/// Builds the SARIF log for `report`. Suppressed findings are always included.
#[must_use]
pub fn to_sarif(report: &ScanReport, opts: &RenderOptions) -> Sarif {
    let mut rules: Vec<&RuleInfo> = report.rules.iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules.dedup_by(|a, b| a.id == b.id);

    let mut notifications = Vec::new();

    let findings = sorted_findings(report);
    let total = findings.len();
    let findings = cap_results(findings);
    if findings.len() < total {
        notifications.push(note(
            "warning",
            format!(
                "results truncated: {} of {total} results omitted (GitHub accepts at most \
                 {MAX_RESULTS} per run); the most severe were kept",
                total - findings.len()
            ),
            None,
        ));
    }

    let mut flows_cut = 0;
    let results: Vec<SarifResult> = findings
        .into_iter()
        .map(|f| {
            let index = rules
                .binary_search_by(|r| r.id.as_str().cmp(&f.rule_id))
                .ok();
            if f.flow.len() > MAX_THREAD_FLOW_LOCATIONS {
                flows_cut += 1;
            }
            result(f, index)
        })
        .collect();
    if flows_cut > 0 {
        notifications.push(note(
            "warning",
            format!("code flows of {flows_cut} results cut to {MAX_THREAD_FLOW_LOCATIONS} steps"),
            None,
        ));
    }

    for e in sorted_errors(report) {
        notifications.push(file_error(e));
    }
    if report.incomplete {
        notifications.push(note(
            "error",
            "the scan was interrupted; results are incomplete".to_owned(),
            None,
        ));
    }

    let mut invocation = Invocation::builder()
        .execution_successful(!report.has_tool_errors() && !report.incomplete)
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }

    let version = opts.tool_version();
    let mut driver = ToolComponent::builder()
        .name("mamori")
        .version(version)
        .information_uri(INFORMATION_URI)
        .rules(rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>())
        .build();
    if is_semver(version) {
        driver.semantic_version = Some(version.to_owned());
    }

    let mut root = ArtifactLocation::builder()
        .description(text_message("The root of the scanned source tree."))
        .build();
    if let Some(uri) = &opts.root_uri {
        root.uri = Some(with_trailing_slash(uri));
    }

    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .original_uri_base_ids(BTreeMap::from([(SRCROOT.to_owned(), root)]))
        .column_kind("utf16CodeUnits")
        .build();
    if let Some(category) = &opts.sarif_category {
        run.automation_details = Some(
            RunAutomationDetails::builder()
                .id(with_trailing_slash(category))
                .build(),
        );
    }

    Sarif::builder()
        .schema(SARIF_SCHEMA)
        .version("2.1.0")
        .runs(vec![run])
        .build()
}

/// Keeps at most [`MAX_RESULTS`] findings: unsuppressed before suppressed, then the most
/// severe, then output order; returns them in output order.
fn cap_results(mut findings: Vec<&Finding>) -> Vec<&Finding> {
    if findings.len() <= MAX_RESULTS {
        return findings;
    }
    findings.sort_by(|a, b| {
        (
            a.suppression.is_some(),
            std::cmp::Reverse(a.severity),
            a.sort_key(),
        )
            .cmp(&(
                b.suppression.is_some(),
                std::cmp::Reverse(b.severity),
                b.sort_key(),
            ))
    });
    findings.truncate(MAX_RESULTS);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

fn descriptor(r: &RuleInfo) -> ReportingDescriptor {
    let short = first_non_empty(&[&r.short_description, &r.message, &r.id]);
    let full = first_non_empty(&[&r.full_description, short]);
    let mut help = MultiformatMessageString::builder()
        .text(first_non_empty(&[&r.help, full]))
        .build();
    if !r.help_markdown.trim().is_empty() {
        help.markdown = Some(r.help_markdown.clone());
    }
    let properties = PropertyBag::builder()
        .tags(tags(r))
        .additional_properties(BTreeMap::from([
            (
                "precision".to_owned(),
                Value::from(r.confidence.sarif_precision()),
            ),
            (
                "problem.severity".to_owned(),
                Value::from(problem_severity(r.severity)),
            ),
            (
                "security-severity".to_owned(),
                Value::from(security_severity(r)),
            ),
        ]))
        .build();
    let mut d = ReportingDescriptor::builder()
        .id(&r.id)
        .name(pascal_case(&r.id))
        .short_description(MultiformatMessageString::builder().text(short).build())
        .full_description(MultiformatMessageString::builder().text(full).build())
        .help(help)
        .default_configuration(
            ReportingConfiguration::builder()
                .level(r.severity.sarif_level())
                .build(),
        )
        .properties(properties)
        .build();
    d.help_uri = r.help_uri.clone().filter(|u| !u.trim().is_empty());
    d
}

fn first_non_empty<'a>(candidates: &[&'a str]) -> &'a str {
    candidates
        .iter()
        .copied()
        .find(|s| !s.trim().is_empty())
        .unwrap_or("")
}

/// `security`, `external/cwe/cwe-N` per CWE, `external/owasp/<id>` per OWASP entry, the
/// category, then the rule's own tags; de-duplicated, at most [`MAX_TAGS`].
#[must_use]
pub fn tags(r: &RuleInfo) -> Vec<String> {
    let mut tags = vec!["security".to_owned()];
    tags.extend(
        r.cwe_ids()
            .iter()
            .map(|id| format!("external/cwe/{}", id.to_ascii_lowercase())),
    );
    tags.extend(r.owasp.iter().filter_map(|o| {
        let id = o.split(" - ").next().unwrap_or_default().trim();
        (!id.is_empty()).then(|| format!("external/owasp/{}", id.to_ascii_lowercase()))
    }));
    tags.extend(r.category.iter().map(|c| c.trim().to_owned()));
    tags.extend(r.tags.iter().map(|t| t.trim().to_owned()));
    let mut seen = std::collections::BTreeSet::new();
    tags.retain(|t| !t.is_empty() && seen.insert(t.clone()));
    tags.truncate(MAX_TAGS);
    tags
}

/// The rule's `security-severity` as GitHub wants it: a string with one decimal, `0.0`–`10.0`.
/// A missing or nonsensical score falls back to the severity's default.
#[must_use]
pub fn security_severity(r: &RuleInfo) -> String {
    let score = if r.security_severity.is_finite() && r.security_severity > 0.0 {
        r.security_severity.min(10.0)
    } else {
        r.severity.default_security_severity()
    };
    format!("{score:.1}")
}

/// CodeQL's `problem.severity` vocabulary.
const fn problem_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "recommendation",
    }
}

/// `python-sql-injection` → `PythonSqlInjection`.
#[must_use]
pub fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

fn result(f: &Finding, rule_index: Option<usize>) -> SarifResult {
    let level = ResultLevel::from_str(f.severity.sarif_level()).unwrap_or(ResultLevel::Warning);
    let mut primary = region(f.start, f.end);
    if let Some(text) = matched_text(f) {
        primary.snippet = Some(ArtifactContent::builder().text(text).build());
    }
    let mut r = SarifResult::builder()
        .rule_id(&f.rule_id)
        .level(level)
        .message(text_message(first_non_empty(&[&f.message, &f.rule_id])))
        .locations(vec![location(&f.path, Some(primary), None)])
        .build();
    r.rule_index = rule_index.map(int);
    if !f.fingerprints.is_empty() {
        r.partial_fingerprints = Some(f.fingerprints.clone());
    }
    if let Some(fix) = f.fix.as_ref().filter(|fix| !fix.edits.is_empty()) {
        let mut edits: Vec<_> = fix.edits.iter().collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let replacements: Vec<Replacement> = edits
            .into_iter()
            .map(|e| {
                Replacement::builder()
                    .deleted_region(region(e.start, e.end))
                    .inserted_content(ArtifactContent::builder().text(&e.replacement).build())
                    .build()
            })
            .collect();
        let change = ArtifactChange::builder()
            .artifact_location(artifact(&f.path))
            .replacements(replacements)
            .build();
        r.fixes = Some(vec![
            Fix::builder()
                .description(text_message(first_non_empty(&[
                    &fix.description,
                    "Apply the suggested fix",
                ])))
                .artifact_changes(vec![change])
                .build(),
        ]);
    }
    if !f.flow.is_empty() {
        let locations: Vec<ThreadFlowLocation> = f
            .flow
            .iter()
            .take(MAX_THREAD_FLOW_LOCATIONS)
            .map(flow_location)
            .collect();
        r.code_flows = Some(vec![
            CodeFlow::builder()
                .thread_flows(vec![ThreadFlow::builder().locations(locations).build()])
                .build(),
        ]);
    }
    if let Some(s) = &f.suppression {
        let mut suppression = Suppression::builder()
            .kind("inSource")
            .status("accepted")
            .build();
        suppression.justification = s.justification.clone().filter(|j| !j.trim().is_empty());
        if s.line > 0 {
            let at = Region::builder().start_line(int(s.line)).build();
            suppression.location = Some(location(&f.path, Some(at), None));
        }
        r.suppressions = Some(vec![suppression]);
    }
    r
}

fn flow_location(step: &FlowStep) -> ThreadFlowLocation {
    let message = (!step.message.trim().is_empty()).then(|| text_message(&step.message));
    ThreadFlowLocation::builder()
        .location(location(
            &step.path,
            Some(region(step.start, step.end)),
            message,
        ))
        .build()
}

fn file_error(e: &FileError) -> Notification {
    let level = if e.kind.is_tool_error() {
        "error"
    } else {
        "warning"
    };
    let region = e
        .line
        .filter(|l| *l > 0)
        .map(|l| Region::builder().start_line(int(l)).build());
    let mut n = note(
        level,
        format!("{}: {}", e.path, e.message),
        Some(location(&e.path, region, None)),
    );
    n.properties = Some(
        PropertyBag::builder()
            .additional_properties(BTreeMap::from([(
                "kind".to_owned(),
                Value::from(e.kind.as_str()),
            )]))
            .build(),
    );
    n
}

fn note(level: &str, message: String, location: Option<Location>) -> Notification {
    let mut n = Notification::builder()
        .message(text_message(&message))
        .level(level)
        .build();
    n.locations = location.map(|l| vec![l]);
    n
}

fn text_message(text: &str) -> Message {
    Message::builder().text(text).build()
}

fn location(path: &str, region: Option<Region>, message: Option<Message>) -> Location {
    let mut physical = PhysicalLocation::builder()
        .artifact_location(artifact(path))
        .build();
    physical.region = region;
    let mut l = Location::builder().physical_location(physical).build();
    l.message = message;
    l
}

/// A relative path becomes a percent-encoded URI relative to `%SRCROOT%`; an absolute one
/// (outside the scan root) a `file://` URI.
fn artifact(path: &str) -> ArtifactLocation {
    let uri = path_to_uri(Path::new(path));
    if path.starts_with('/') {
        ArtifactLocation::builder()
            .uri(format!("file://{uri}"))
            .build()
    } else {
        ArtifactLocation::builder()
            .uri(uri)
            .uri_base_id(SRCROOT)
            .build()
    }
}

/// A 1-based region in UTF-16 columns; an end before the start is clamped to the start.
fn region(start: Position, end: Position) -> Region {
    let start_at = (start.line.max(1), start.utf16_column.max(1));
    let end_at = (end.line.max(1), end.utf16_column.max(1)).max(start_at);
    Region::builder()
        .start_line(int(start_at.0))
        .start_column(int(start_at.1))
        .end_line(int(end_at.0))
        .end_column(int(end_at.1))
        .build()
}

/// The matched text, cut out of the snippet by code point columns, when the snippet covers it.
fn matched_text(f: &Finding) -> Option<String> {
    let first = f.snippet.first_line;
    if f.snippet.text.is_empty() || first == 0 || f.start.line < first || f.end < f.start {
        return None;
    }
    let lines: Vec<&str> = f.snippet.text.split('\n').collect();
    let mut text = String::new();
    for n in f.start.line..=f.end.line {
        let line = lines.get(n - first)?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let len = line.chars().count();
        let from = if n == f.start.line {
            f.start.column.checked_sub(1)?
        } else {
            0
        };
        let to = if n == f.end.line {
            f.end.column.checked_sub(1)?
        } else {
            len
        };
        if from > len || to > len || to < from {
            return None;
        }
        if n > f.start.line {
            text.push('\n');
        }
        text.extend(line.chars().skip(from).take(to - from));
    }
    (!text.is_empty()).then_some(text)
}

fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn with_trailing_slash(s: &str) -> String {
    if s.ends_with('/') {
        s.to_owned()
    } else {
        format!("{s}/")
    }
}

fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal_case("python-sql-injection"), "PythonSqlInjection");
        assert_eq!(pascal_case("js.xss__dom"), "JsXssDom");
        assert_eq!(pascal_case(""), "");
    }

    #[test]
    fn versions() {
        assert!(is_semver("0.1.0"));
        assert!(is_semver("1.2.3-rc.1+build"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("dev"));
    }
}
