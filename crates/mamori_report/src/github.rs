//! GitHub Actions workflow commands: one annotation per finding, shown on the pull request's
//! "Files changed" tab and in the run summary.
//!
//! `::error file=src/app.py,line=3,col=5,endLine=3,endColumn=20,title=...::message`
//!
//! Severity maps to the command: critical and high → `error`, medium → `warning`, low and
//! info → `notice`. Columns are 1-based code points. Values are escaped per GitHub's rules
//! (`toolkit/packages/core/src/command.ts`): in the message `%`, `\r` and `\n`; in property
//! values also `:` and `,`. Suppressed findings are listed (as `notice`, marked suppressed)
//! only with [`RenderOptions::show_suppressed`]. File errors become `warning`s (`error` for
//! internal errors); recovered syntax errors are left out, like in text output. The last
//! line is the plain-text summary.

use std::io;

use mamori_diagnostics::{FileError, FileErrorKind, Finding, ScanReport, Severity};

use crate::{Emitter, RenderOptions, sorted_errors, sorted_findings};

/// Longest help text added to an annotation's message.
const MAX_HELP_CHARS: usize = 400;

/// Writes GitHub workflow-command annotations.
#[derive(Clone, Copy, Debug, Default)]
pub struct GithubEmitter;

impl Emitter for GithubEmitter {
    fn emit(
        &self,
        report: &ScanReport,
        opts: &RenderOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        out.write_all(to_github(report, opts).as_bytes())
    }
}

/// The annotation command for a severity.
#[must_use]
pub const fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

/// Renders every annotation, then the summary line.
#[must_use]
pub fn to_github(report: &ScanReport, opts: &RenderOptions) -> String {
    let mut out = String::new();
    for f in sorted_findings(report) {
        if f.suppression.is_some() && !opts.show_suppressed {
            continue;
        }
        out.push_str(&annotation(report, f));
        out.push('\n');
    }
    for e in sorted_errors(report) {
        if e.kind == FileErrorKind::Parse {
            continue;
        }
        out.push_str(&error_annotation(e));
        out.push('\n');
    }
    if report.incomplete {
        out.push_str("::error title=mamori::the scan was interrupted; results are incomplete\n");
    }
    out.push_str(&crate::text::summary(report));
    out.push('\n');
    out
}

fn annotation(report: &ScanReport, f: &Finding) -> String {
    let rule = report.rule(&f.rule_id);
    let cwes = rule
        .map(mamori_diagnostics::RuleInfo::cwe_ids)
        .unwrap_or_default();
    let mut title = format!("mamori {} [{}]", f.severity, f.rule_id);
    if !cwes.is_empty() {
        title.push_str(&format!(" {}", cwes.join(", ")));
    }
    let mut message = f.message.clone();
    if let Some(s) = &f.suppression {
        message = format!(
            "(suppressed by {} comment on line {}) {message}",
            s.kind, s.line
        );
    }
    if let Some(r) = rule {
        // The first paragraph of the help: annotations are shown inline and should stay short.
        let help = r
            .help
            .trim()
            .split("\n\n")
            .next()
            .unwrap_or_default()
            .trim();
        if !help.is_empty() && help != f.message.trim() {
            message.push_str("\n\n");
            if help.chars().count() > MAX_HELP_CHARS {
                message.extend(help.chars().take(MAX_HELP_CHARS));
                message.push('…');
            } else {
                message.push_str(help);
            }
        }
    }
    let cmd = if f.suppression.is_some() {
        "notice"
    } else {
        command(f.severity)
    };
    let start = (f.start.line.max(1), f.start.column.max(1));
    let end = (f.end.line.max(1), f.end.column.max(1)).max(start);
    let mut props = vec![
        ("file", f.path.clone()),
        ("line", start.0.to_string()),
        ("col", start.1.to_string()),
        ("endLine", end.0.to_string()),
    ];
    // GitHub only honours `endColumn` on single-line annotations.
    if end.0 == start.0 {
        props.push(("endColumn", end.1.to_string()));
    }
    props.push(("title", title));
    format_command(cmd, &props, &message)
}

fn error_annotation(e: &FileError) -> String {
    let cmd = if e.kind.is_tool_error() {
        "error"
    } else {
        "warning"
    };
    let mut props = vec![("file", e.path.clone())];
    if let Some(l) = e.line.filter(|l| *l > 0) {
        props.push(("line", l.to_string()));
    }
    props.push(("title", format!("mamori: {} problem", e.kind)));
    format_command(cmd, &props, &e.message)
}

/// `::cmd k=v,k=v::message` with every part escaped.
#[must_use]
pub fn format_command(cmd: &str, props: &[(&str, String)], message: &str) -> String {
    let mut s = format!("::{cmd}");
    for (i, (k, v)) in props.iter().enumerate() {
        s.push(if i == 0 { ' ' } else { ',' });
        s.push_str(k);
        s.push('=');
        s.push_str(&escape_property(v));
    }
    s.push_str("::");
    s.push_str(&escape_data(message));
    s
}

/// Escapes a command's message: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`.
#[must_use]
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as [`escape_data`], plus `:` → `%3A` and `,` → `%2C`.
#[must_use]
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(
            format_command(
                "error",
                &[("file", "a,b.py".into()), ("line", "3".into())],
                "x: y"
            ),
            "::error file=a%2Cb.py,line=3::x: y"
        );
    }
}
