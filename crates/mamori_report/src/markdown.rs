//! GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY` (and any Markdown viewer): a
//! headline, a table of findings per severity, then the findings ordered by severity (most
//! severe first), each with rule id, CWE ids, location and message.
//!
//! Everything that comes from scanned code or rules is escaped ([`escape`], [`code`],
//! [`cell`]), so a finding's message cannot inject HTML, links or break the table. The list
//! is capped at [`MAX_LISTED`] findings (GitHub limits a step summary to 1 MiB).

use std::fmt::Write as _;
use std::io;

use mamori_diagnostics::{Finding, ScanReport, Severity};

use crate::{Emitter, RenderOptions, sorted_errors, sorted_findings};

/// At most this many findings are listed; the rest are counted.
pub const MAX_LISTED: usize = 500;

/// Writes the Markdown summary.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarkdownEmitter;

impl Emitter for MarkdownEmitter {
    fn emit(
        &self,
        report: &ScanReport,
        opts: &RenderOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        out.write_all(to_markdown(report, opts).as_bytes())
    }
}

/// An icon and a capitalised name per severity.
#[must_use]
pub const fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "🟥 Critical",
        Severity::High => "🟧 High",
        Severity::Medium => "🟨 Medium",
        Severity::Low => "🟦 Low",
        Severity::Info => "⬜ Info",
    }
}

/// The whole summary.
#[must_use]
pub fn to_markdown(report: &ScanReport, opts: &RenderOptions) -> String {
    let mut out = String::new();
    let mut counts = [0usize; Severity::ALL.len()];
    let mut active: Vec<&Finding> = Vec::new();
    let mut suppressed = 0;
    for f in sorted_findings(report) {
        if f.suppression.is_some() {
            suppressed += 1;
            if !opts.show_suppressed {
                continue;
            }
        } else {
            counts[f.severity as usize] += 1;
        }
        active.push(f);
    }
    let total: usize = counts.iter().sum();
    let _ = writeln!(
        out,
        "## mamori: {}\n",
        match total {
            0 => "no findings".to_owned(),
            1 => "1 finding".to_owned(),
            n => format!("{n} findings"),
        }
    );
    let _ = writeln!(
        out,
        "{} files scanned, {} rules, {} ms.\n",
        report.stats.files_scanned, report.stats.rules_run, report.stats.elapsed_ms
    );
    if report.incomplete {
        out.push_str("> [!WARNING]\n> The scan was interrupted; results are incomplete.\n\n");
    }
    out.push_str("| Severity | Findings |\n| --- | ---: |\n");
    for s in Severity::ALL.iter().rev() {
        let _ = writeln!(out, "| {} | {} |", severity_label(*s), counts[*s as usize]);
    }
    if suppressed > 0 {
        let _ = writeln!(out, "| Suppressed | {suppressed} |");
    }
    out.push('\n');

    if !active.is_empty() {
        // Most severe first, then output order.
        active.sort_by(|a, b| {
            (std::cmp::Reverse(a.severity), a.sort_key())
                .cmp(&(std::cmp::Reverse(b.severity), b.sort_key()))
        });
        out.push_str("### Findings\n\n");
        out.push_str("| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n");
        for f in active.iter().take(MAX_LISTED) {
            let rule = report.rule(&f.rule_id);
            let mut rule_cell = code(&f.rule_id);
            if let Some(r) = rule {
                let cwes = r.cwe_ids();
                if !cwes.is_empty() {
                    rule_cell.push_str("<br>");
                    rule_cell.push_str(&cwes.join(", "));
                }
            }
            let mut msg = escape(&f.message);
            if let Some(s) = &f.suppression {
                let _ = write!(msg, " *(suppressed: {})*", escape(&s.kind));
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                severity_label(f.severity),
                cell(&rule_cell),
                cell(&code(&format!("{}:{}", f.path, f.start.line))),
                cell(&msg),
            );
        }
        if active.len() > MAX_LISTED {
            let _ = writeln!(
                out,
                "\n…and {} more (see the SARIF or JSON report).",
                active.len() - MAX_LISTED
            );
        }
        out.push('\n');
    }

    let errors: Vec<_> = sorted_errors(report)
        .into_iter()
        .filter(|e| e.kind != mamori_diagnostics::FileErrorKind::Parse)
        .collect();
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} file problem(s)</summary>\n",
            errors.len()
        );
        for e in errors.iter().take(MAX_LISTED) {
            let _ = writeln!(
                out,
                "- {} ({}): {}",
                code(&e.path),
                e.kind,
                escape(&e.message)
            );
        }
        out.push_str("\n</details>\n\n");
    }
    out
}

/// Escapes text for Markdown: HTML-significant characters become entities, Markdown
/// punctuation is backslash-escaped and line breaks become spaces.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' | '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!'
            | '|' | '~' | '@' | ':' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An inline code span holding `s` verbatim (line breaks become spaces): the fence is one
/// backtick longer than the longest run of backticks inside.
#[must_use]
pub fn code(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Makes already-rendered Markdown safe inside a table cell: `|` is escaped (also inside
/// code spans, as GitHub requires) and line breaks become spaces.
#[must_use]
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_backslash = false;
    for c in s.chars() {
        match c {
            '|' if !prev_backslash => out.push_str("\\|"),
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
        prev_backslash = c == '\\' && !prev_backslash;
    }
    out
}

/// A fenced code block holding `s` verbatim, with a fence longer than any inside.
#[must_use]
pub fn fenced(info: &str, s: &str) -> String {
    let mut longest = 0;
    for line in s.lines() {
        let t = line.trim_start();
        let n = t.chars().take_while(|c| *c == '`').count();
        longest = longest.max(n);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    let mut body = s.to_owned();
    if !body.ends_with('\n') {
        body.push('\n');
    }
    format!("{fence}{info}\n{body}{fence}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(escape("[a](b) *c*"), "\\[a\\]\\(b\\) \\*c\\*");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("x"), "`x`");
        assert_eq!(cell("`a|b` | c"), "`a\\|b` \\| c");
        assert_eq!(cell("a\\|b"), "a\\|b");
        assert_eq!(fenced("suggestion", "x = 1"), "```suggestion\nx = 1\n```\n");
        assert_eq!(fenced("", "```\n"), "````\n```\n````\n");
    }
}
