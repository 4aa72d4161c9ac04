//! Command-line arguments (clap derive). Converted once into settings in `lib.rs`; nothing
//! below the CLI sees these types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "mamori",
    version,
    about = "A fast, precise static analyzer for the security flaws AI coding assistants write",
    long_about = None,
    propagate_version = true,
    after_help = "Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage, rule or tool error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and folders for security flaws.
    Scan(ScanArgs),
    /// Check rules against their annotated fixtures (`ruleid:` / `ok:` comments).
    Test(TestArgs),
    /// List the rules that would run, or validate rule files.
    Rules(RulesArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FormatArg {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ProfileArg {
    /// Precise rules only (confidence medium or high): suited to gating CI.
    Default,
    /// Every rule, including noisier low-confidence ones.
    Audit,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SeverityArg {
    Info,
    Low,
    Medium,
    High,
    Critical,
    /// Never fail on findings (exit 0 unless there is an error).
    None,
}

/// Which rules run.
#[derive(Debug, Args, Clone)]
pub struct RuleSelection {
    /// Rule file or folder to run instead of the built-in rules (repeatable). The value
    /// `builtin` adds the built-in rules back.
    #[arg(long = "config", short = 'c', value_name = "FILE|DIR|builtin")]
    pub config: Vec<String>,
    /// Only run rules with these ids (repeatable).
    #[arg(long = "rule", value_name = "ID")]
    pub rule: Vec<String>,
    /// Do not run rules with these ids (repeatable).
    #[arg(long = "exclude-rule", value_name = "ID")]
    pub exclude_rule: Vec<String>,
    /// Rule profile.
    #[arg(long, value_enum, default_value_t = ProfileArg::Default)]
    pub profile: ProfileArg,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or folders to scan.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleSelection,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = SeverityArg::Info, value_name = "SEVERITY")]
    pub fail_on: SeverityArg,
    /// Worker threads (0 = one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Only scan files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also scan vendored folders (node_modules, vendor, .venv, target, ...), generated and
    /// minified files.
    #[arg(long)]
    pub include_vendored: bool,
    /// Do not read .gitignore, .ignore or .mamoriignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = mamori_engine::DEFAULT_MAX_FILE_SIZE, value_name = "BYTES")]
    pub max_file_size: u64,
    /// Per-file time budget in seconds (0 = none).
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
    /// Report time per phase, per rule, and the slowest files (on standard error).
    #[arg(long)]
    pub timings: bool,
    /// Parse and walk every file without running rules (benchmark floor).
    #[arg(long)]
    pub parse_only: bool,
    /// When to use colour in text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// SARIF `runAutomationDetails.id` category (to upload several analyses per commit).
    #[arg(long, value_name = "CATEGORY")]
    pub sarif_category: Option<String>,
    /// Also list suppressed findings in text and JSON output (SARIF always carries them).
    #[arg(long)]
    pub show_suppressed: bool,
    /// Ignore Semgrep's `nosemgrep` and Bandit's `nosec` comments (mamori's own
    /// `mamori: ignore[...]` comments still apply).
    #[arg(long)]
    pub no_legacy_suppressions: bool,
    /// Apply the fixes that rules propose (`fix:`), editing files in place.
    #[arg(long)]
    pub autofix: bool,
    /// With --autofix: show the changes as a diff instead of writing them.
    #[arg(long, requires = "autofix")]
    pub dry_run: bool,
    /// Show every file warning, including recovered syntax errors.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule files or folders with fixtures beside them.
    #[arg(value_name = "PATH", default_value = "rules")]
    pub paths: Vec<PathBuf>,
    /// Only print failures.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub rules: RuleSelection,
    /// Output as JSON (rule metadata).
    #[arg(long)]
    pub json: bool,
}
