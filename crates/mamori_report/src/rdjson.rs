//! reviewdog's Diagnostic Format (`rdjson`), so reviewdog users can post mamori's findings
//! with any of its reporters: `mamori scan -f rdjson | reviewdog -f=rdjson -reporter=github-pr-review`.
//!
//! One JSON document: `source`, `severity` and `diagnostics`, each with `message`,
//! `location.path`, a 1-based `location.range` (columns count UTF-8 bytes, as reviewdog
//! expects; the end is exclusive), `severity` (`ERROR`, `WARNING` or `INFO`), `code` (rule id
//! and help URL) and `suggestions` for findings with a fix. Suppressed findings are left out
//! unless [`RenderOptions::show_suppressed`].

use std::io;

use mamori_diagnostics::{Finding, Position, ScanReport, Severity};
use serde::Serialize;

use crate::{Emitter, INFORMATION_URI, RenderOptions, sorted_findings};

/// Writes rdjson documents.
#[derive(Clone, Copy, Debug, Default)]
pub struct RdjsonEmitter;

impl Emitter for RdjsonEmitter {
    fn emit(
        &self,
        report: &ScanReport,
        opts: &RenderOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &to_rdjson(report, opts))?;
        out.write_all(b"\n")
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticResult {
    pub source: Source,
    pub severity: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub name: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub message: String,
    pub location: Location,
    pub severity: &'static str,
    pub source: Source,
    pub code: Code,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Location {
    pub path: String,
    pub range: Range,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Range {
    pub start: Pos,
    pub end: Pos,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Code {
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Suggestion {
    pub range: Range,
    pub text: String,
}

/// reviewdog's severity names.
#[must_use]
pub const fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "ERROR",
        Severity::Medium => "WARNING",
        Severity::Low | Severity::Info => "INFO",
    }
}

/// Builds the document.
#[must_use]
pub fn to_rdjson(report: &ScanReport, opts: &RenderOptions) -> DiagnosticResult {
    let source = Source {
        name: "mamori".to_owned(),
        url: INFORMATION_URI.to_owned(),
    };
    let diagnostics = sorted_findings(report)
        .into_iter()
        .filter(|f| opts.show_suppressed || f.suppression.is_none())
        .map(|f| diagnostic(report, f, &source))
        .collect();
    DiagnosticResult {
        source,
        severity: "WARNING",
        diagnostics,
    }
}

fn diagnostic(report: &ScanReport, f: &Finding, source: &Source) -> Diagnostic {
    let rule = report.rule(&f.rule_id);
    let mut message = f.message.clone();
    if let Some(r) = rule {
        let cwes = r.cwe_ids();
        if !cwes.is_empty() {
            message.push_str(&format!(" ({})", cwes.join(", ")));
        }
    }
    let suggestions = f
        .fix
        .iter()
        .flat_map(|fix| &fix.edits)
        .map(|e| Suggestion {
            range: Range {
                start: pos(f, e.start),
                end: pos(f, e.end),
            },
            text: e.replacement.clone(),
        })
        .collect();
    Diagnostic {
        message,
        location: Location {
            path: f.path.clone(),
            range: Range {
                start: pos(f, f.start),
                end: pos(f, f.end),
            },
        },
        severity: severity(f.severity),
        source: source.clone(),
        code: Code {
            value: f.rule_id.clone(),
            url: rule.and_then(|r| r.help_uri.clone()),
        },
        suggestions,
    }
}

/// A position with its column in UTF-8 bytes, computed from the finding's snippet; when the
/// line is not in the snippet, the code-point column is used.
fn pos(f: &Finding, p: Position) -> Pos {
    let line = p.line.max(1);
    let column = p
        .line
        .checked_sub(f.snippet.first_line)
        .filter(|_| f.snippet.first_line > 0)
        .and_then(|i| f.snippet.text.split('\n').nth(i))
        .map_or(p.column.max(1), |text| {
            text.chars()
                .take(p.column.saturating_sub(1))
                .map(char::len_utf8)
                .sum::<usize>()
                + 1
        });
    Pos { line, column }
}
