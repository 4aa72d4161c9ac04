//! The text format, for people at a terminal.
//!
//! ```text
//! src/app.py
//! high[python-sql-injection] CWE-89: SQL query built from user input
//!   --> src/app.py:12:5
//!    |
//! 11 |     q = request.args["q"]
//! 12 |     cursor.execute("SELECT * FROM t WHERE x = " + q)
//!    |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//!    = help: Pass the value as a query parameter.
//!    = flow: request.args["q"] (line 11) → cursor.execute(...) (line 12)
//!
//! warning: src/broken.py:3: [parse] syntax error, results may be incomplete
//! 1 finding (1 high) in 3 files scanned in 12 ms, 1 file error
//! ```
//!
//! Findings are grouped by file (a header line per file), each with a code frame drawn from
//! its snippet, the matched range underlined with `^`. Tabs are shown as four spaces; control
//! and bidirectional-override characters from scanned files are replaced by visible
//! stand-ins so a hostile file cannot drive the terminal. ANSI colour only with
//! [`RenderOptions::color`].

use std::fmt::Write as _;
use std::io;

use mamori_diagnostics::{FileError, Finding, ScanReport, Severity};

use crate::{Emitter, RenderOptions, sorted_errors, sorted_findings};

/// Writes the text format.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextEmitter;

impl Emitter for TextEmitter {
    fn emit(
        &self,
        report: &ScanReport,
        opts: &RenderOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        out.write_all(to_text(report, opts).as_bytes())
    }
}

/// Renders the whole report as text (what [`TextEmitter`] writes).
#[must_use]
pub fn to_text(report: &ScanReport, opts: &RenderOptions) -> String {
    let paint = Paint { on: opts.color };
    let mut out = String::new();
    let mut current_path: Option<&str> = None;
    for f in sorted_findings(report) {
        if f.suppression.is_some() && !opts.show_suppressed {
            continue;
        }
        if current_path != Some(f.path.as_str()) {
            current_path = Some(&f.path);
            let _ = writeln!(out, "{}", paint.apply(BOLD_UNDERLINE, &inline(&f.path)));
        }
        finding(&mut out, report, f, paint);
        out.push('\n');
    }
    for e in sorted_errors(report) {
        file_error(&mut out, e, paint);
    }
    if report.incomplete {
        let _ = writeln!(
            out,
            "{} the scan was interrupted; results are incomplete",
            paint.apply(YELLOW_BOLD, "warning:")
        );
    }
    let _ = writeln!(out, "{}", paint.apply(BOLD, &summary(report)));
    out
}

/// The last line of the text output, e.g.
/// `3 findings (1 critical, 2 high) in 12 files scanned in 34 ms, 1 suppressed, 2 file errors`.
#[must_use]
pub fn summary(report: &ScanReport) -> String {
    let mut counts = [0usize; Severity::ALL.len()];
    let mut active = 0;
    for f in report.active_findings() {
        active += 1;
        counts[f.severity as usize] += 1;
    }
    let mut s = count(active, "finding");
    let by_severity: Vec<String> = Severity::ALL
        .iter()
        .rev()
        .filter(|sev| counts[**sev as usize] > 0)
        .map(|sev| format!("{} {sev}", counts[*sev as usize]))
        .collect();
    if !by_severity.is_empty() {
        let _ = write!(s, " ({})", by_severity.join(", "));
    }
    let _ = write!(
        s,
        " in {} scanned in {} ms",
        count(report.stats.files_scanned, "file"),
        report.stats.elapsed_ms
    );
    let suppressed = report.findings.len() - active;
    if suppressed > 0 {
        let _ = write!(s, ", {suppressed} suppressed");
    }
    if !report.errors.is_empty() {
        let _ = write!(s, ", {}", count(report.errors.len(), "file error"));
    }
    s
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn finding(out: &mut String, report: &ScanReport, f: &Finding, paint: Paint) {
    let rule = report.rule(&f.rule_id);

    // Header: severity, rule id, CWE ids, message.
    let sev_style = severity_style(f.severity);
    let _ = write!(
        out,
        "{}{}",
        paint.apply(sev_style, f.severity.as_str()),
        paint.apply(BOLD, &format!("[{}]", inline(&f.rule_id)))
    );
    let cwes = rule
        .map(mamori_diagnostics::RuleInfo::cwe_ids)
        .unwrap_or_default();
    if !cwes.is_empty() {
        let _ = write!(out, " {}", cwes.join(", "));
    }
    let _ = write!(out, ": {}", inline(&f.message));
    if let Some(s) = &f.suppression {
        let why = match &s.justification {
            Some(j) => format!(" (suppressed by {}: {})", inline(&s.kind), inline(j)),
            None => format!(" (suppressed by {})", inline(&s.kind)),
        };
        let _ = write!(out, "{}", paint.apply(DIM, &why));
    }
    out.push('\n');

    let lines = snippet_lines(&f.snippet.text);
    let last_line = f.snippet.first_line + lines.len().saturating_sub(1);
    let width = digits(last_line.max(f.start.line));
    let pad = " ".repeat(width);

    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        paint.apply(BLUE_BOLD, "-->"),
        inline(&f.path),
        f.start.line,
        f.start.column
    );

    let bar = paint.apply(BLUE_BOLD, "|");
    if !lines.is_empty() && f.snippet.first_line > 0 {
        let _ = writeln!(out, "{pad} {bar}");
        for (i, line) in lines.iter().enumerate() {
            let n = f.snippet.first_line + i;
            let cells = cells(line);
            let text: String = cells.iter().map(|c| c.text.as_str()).collect();
            let number = paint.apply(BLUE_BOLD, &format!("{n:>width$} |"));
            let _ = writeln!(out, "{}", format!("{number} {text}").trim_end());
            if let Some((skip, len)) = underline(f, n, &cells) {
                let _ = writeln!(
                    out,
                    "{pad} {bar} {}{}",
                    " ".repeat(skip),
                    paint.apply(sev_style, &"^".repeat(len))
                );
            }
        }
    }

    if let Some(help) = rule.map(|r| r.help.trim()).filter(|h| !h.is_empty()) {
        note(out, &pad, "help", help, paint);
    }
    if !f.flow.is_empty() {
        let steps: Vec<String> = f
            .flow
            .iter()
            .map(|s| {
                let place = if s.path == f.path {
                    format!("line {}", s.start.line)
                } else {
                    format!("{}:{}", inline(&s.path), s.start.line)
                };
                let message = inline(s.message.trim());
                if message.is_empty() {
                    place
                } else {
                    format!("{message} ({place})")
                }
            })
            .collect();
        note(out, &pad, "flow", &steps.join(" → "), paint);
    }
    if let Some(fix) = &f.fix {
        let description = if fix.description.trim().is_empty() {
            "an autofix is available"
        } else {
            fix.description.trim()
        };
        note(out, &pad, "fix", description, paint);
    }
}

/// `   = label: text`, continuation lines aligned under the text.
fn note(out: &mut String, pad: &str, label: &str, text: &str, paint: Paint) {
    let indent = " ".repeat(pad.len() + label.len() + 5);
    for (i, line) in text.lines().enumerate() {
        let line = inline(line.trim_end());
        if i == 0 {
            let _ = writeln!(
                out,
                "{pad} {} {line}",
                paint.apply(BOLD, &format!("= {label}:"))
            );
        } else if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
}

fn file_error(out: &mut String, e: &FileError, paint: Paint) {
    let place = match e.line {
        Some(line) => format!("{}:{line}", inline(&e.path)),
        None => inline(&e.path),
    };
    let _ = writeln!(
        out,
        "{} {place}: [{}] {}",
        paint.apply(YELLOW_BOLD, "warning:"),
        e.kind,
        inline(&e.message)
    );
}

/// The snippet's lines, without a trailing empty line or `\r`.
fn snippet_lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// Where to draw carets under snippet line `n`: (display columns to skip, caret count).
fn underline(f: &Finding, n: usize, cells: &[Cell]) -> Option<(usize, usize)> {
    let (start, end) = (f.start, f.end);
    if n < start.line || n > end.line {
        return None;
    }
    let single = start.line == end.line;
    // 0-based code point indexes, end exclusive.
    let from = if n == start.line {
        start.column.saturating_sub(1)
    } else {
        cells.iter().position(|c| !c.blank).unwrap_or(cells.len())
    };
    let to = if n == end.line {
        end.column.saturating_sub(1)
    } else {
        cells.len()
    };
    if !single && n == end.line && to == 0 {
        // The span ends at the start of this line: nothing of it is on the line.
        return None;
    }
    let from = from.min(cells.len());
    let to = to.min(cells.len());
    if to <= from && !single {
        return None;
    }
    let skip: usize = cells[..from].iter().map(|c| c.width).sum();
    let len: usize = cells[from..to.max(from)].iter().map(|c| c.width).sum();
    Some((skip, len.max(1)))
}

/// One source code point as displayed.
struct Cell {
    text: String,
    width: usize,
    blank: bool,
}

fn cells(line: &str) -> Vec<Cell> {
    line.chars()
        .map(|c| {
            let (text, width) = match c {
                '\t' => ("    ".to_owned(), 4),
                c => {
                    let shown = visible(c);
                    (shown.to_string(), char_width(shown))
                }
            };
            Cell {
                text,
                width,
                blank: c.is_whitespace(),
            }
        })
        .collect()
}

/// Text from a scanned file or rule made safe for one terminal line.
fn inline(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\t' { ' ' } else { visible(c) })
        .collect()
}

/// A stand-in for characters that would move the cursor, ring bells, start escape sequences
/// or reorder the display; everything else as is.
fn visible(c: char) -> char {
    match c {
        // C0 controls → their Control Pictures (␀ … ␟).
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        // C1 controls, bidi embeddings/overrides/isolates and direction marks.
        '\u{80}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => '\u{fffd}',
        c => c,
    }
}

/// Terminal columns taken by `c`: a small approximation of East Asian Width (wide CJK,
/// Hangul, full-width forms and emoji count two; combining marks zero).
fn char_width(c: char) -> usize {
    match c {
        '\u{0300}'..='\u{036f}'
        | '\u{200b}'..='\u{200d}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}' => 0,
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{303e}'
        | '\u{3041}'..='\u{33ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{a000}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{1f300}'..='\u{1f64f}'
        | '\u{1f900}'..='\u{1f9ff}'
        | '\u{20000}'..='\u{2fffd}'
        | '\u{30000}'..='\u{3fffd}' => 2,
        _ => 1,
    }
}

fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

const BOLD: &str = "1";
const DIM: &str = "2";
const BOLD_UNDERLINE: &str = "1;4";
const BLUE_BOLD: &str = "1;34";
const YELLOW_BOLD: &str = "1;33";

const fn severity_style(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "1;35",
        Severity::High => "1;31",
        Severity::Medium => "1;33",
        Severity::Low => "1;36",
        Severity::Info => "1;32",
    }
}

#[derive(Clone, Copy)]
struct Paint {
    on: bool,
}

impl Paint {
    fn apply(self, style: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{style}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_made_visible() {
        assert_eq!(inline("a\x1b[31mb\r\n\u{202e}c\td"), "a␛[31mb␍␊\u{fffd}c d");
    }

    #[test]
    fn widths() {
        assert_eq!(char_width('a'), 1);
        assert_eq!(char_width('日'), 2);
        assert_eq!(char_width('😀'), 2);
        assert_eq!(char_width('\u{301}'), 0);
        assert_eq!(digits(0), 1);
        assert_eq!(digits(9), 1);
        assert_eq!(digits(10), 2);
    }

    #[test]
    fn snippet_lines_strip_endings() {
        assert_eq!(snippet_lines("a\r\nb\n"), vec!["a", "b"]);
        assert!(snippet_lines("").is_empty());
    }
}
