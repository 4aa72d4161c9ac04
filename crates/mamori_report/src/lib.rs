//! Output formats for a [`ScanReport`]: human-readable text, a stable JSON document,
//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers, GitHub workflow
//! annotations, Markdown for step summaries and reviewdog's rdjson.
//!
//! ```no_run
//! # use mamori_diagnostics::ScanReport;
//! # use mamori_report::{render, Format, RenderOptions};
//! # fn demo(report: &ScanReport) -> std::io::Result<()> {
//! let opts = RenderOptions { tool_version: "0.1.0".into(), ..RenderOptions::default() };
//! let mut out = Vec::new();
//! render(report, Format::Sarif, &opts, &mut out)?;
//! # Ok(()) }
//! ```
//!
//! Every format is deterministic: findings are ordered by [`Finding::sort_key`], errors by
//! path, line, kind and message, and nothing depends on the clock or the environment, so the
//! same report always renders to the same bytes.
//!
//! Invariant: renders data it is given; never reads files, walks directories, or decides
//! exit codes or terminal colour (the CLI does that and passes [`RenderOptions`]).

use std::fmt;
use std::io;
use std::str::FromStr;

use mamori_diagnostics::{FileError, Finding, ScanReport};

pub mod github;
pub mod json;
pub mod markdown;
pub mod rdjson;
pub mod sarif;
pub mod text;

#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Findings grouped by file with code frames, for terminals ([`text`]).
    Text,
    /// The stable JSON document described in `JSON_SCHEMA.md` ([`json`]).
    Json,
    /// SARIF 2.1.0 ([`sarif`]).
    Sarif,
    /// GitHub Actions workflow-command annotations ([`github`]).
    Github,
    /// GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY` ([`markdown`]).
    Markdown,
    /// reviewdog's Diagnostic Format ([`rdjson`]).
    Rdjson,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Markdown,
        Format::Rdjson,
    ];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Rdjson => "rdjson",
        }
    }

    /// The emitter that writes this format.
    #[must_use]
    pub fn emitter(self) -> &'static dyn Emitter {
        match self {
            Format::Text => &text::TextEmitter,
            Format::Json => &json::JsonEmitter,
            Format::Sarif => &sarif::SarifEmitter,
            Format::Github => &github::GithubEmitter,
            Format::Markdown => &markdown::MarkdownEmitter,
            Format::Rdjson => &rdjson::RdjsonEmitter,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown format `{s}` (expected one of: text, json, sarif, github, markdown, rdjson)"))
    }
}

/// How to render. The CLI fills this in from flags and the environment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Use ANSI colours (text format only). The CLI decides, e.g. by terminal detection and
    /// `NO_COLOR`.
    pub color: bool,
    /// mamori's version, reported as the tool version (JSON `tool.version`, SARIF
    /// `tool.driver.version`). Empty means this crate's version.
    pub tool_version: String,
    /// SARIF `runs[0].automationDetails.id` (GitHub's analysis category); a trailing `/` is
    /// added when missing. `None` leaves it out.
    pub sarif_category: Option<String>,
    /// Include suppressed findings in text and JSON output (marked as suppressed). SARIF
    /// always includes them, with a `suppressions` entry, so GitHub can show them as dismissed.
    pub show_suppressed: bool,
    /// Absolute URI of the scan root (e.g. `file:///home/me/project/`), written as SARIF
    /// `originalUriBaseIds.%SRCROOT%.uri`; a trailing `/` is added when missing. `None` leaves
    /// the base unresolved (consumers such as GitHub resolve against the checkout).
    pub root_uri: Option<String>,
}

impl RenderOptions {
    /// [`Self::tool_version`], or this crate's version when empty.
    #[must_use]
    pub fn tool_version(&self) -> &str {
        if self.tool_version.is_empty() {
            env!("CARGO_PKG_VERSION")
        } else {
            &self.tool_version
        }
    }
}

/// Writes a [`ScanReport`] in one format.
pub trait Emitter {
    /// Writes `report` to `out`.
    ///
    /// # Errors
    ///
    /// Only the errors of `out` (a broken pipe, a full disk).
    fn emit(
        &self,
        report: &ScanReport,
        opts: &RenderOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()>;
}

/// Writes `report` to `out` in `format`.
///
/// # Errors
///
/// Only the errors of `out`.
pub fn render(
    report: &ScanReport,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    format.emitter().emit(report, opts, out)
}

/// The tool's home page (SARIF `informationUri`).
pub const INFORMATION_URI: &str = env!("CARGO_PKG_HOMEPAGE");

/// Findings in output order ([`Finding::sort_key`]).
pub(crate) fn sorted_findings(report: &ScanReport) -> Vec<&Finding> {
    let mut findings: Vec<&Finding> = report.findings.iter().collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// File errors in output order: path, line, kind, message.
pub(crate) fn sorted_errors(report: &ScanReport) -> Vec<&FileError> {
    let mut errors: Vec<&FileError> = report.errors.iter().collect();
    errors.sort_by(|a, b| {
        (a.path.as_str(), a.line, a.kind, a.message.as_str()).cmp(&(
            b.path.as_str(),
            b.line,
            b.kind,
            b.message.as_str(),
        ))
    });
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert_eq!("SARIF".parse::<Format>(), Ok(Format::Sarif));
        assert!("xml".parse::<Format>().is_err());
    }

    #[test]
    fn default_tool_version() {
        let opts = RenderOptions::default();
        assert_eq!(opts.tool_version(), env!("CARGO_PKG_VERSION"));
    }
}
