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
    /// Post the findings as one pull-request review on GitHub (inline comments on changed
    /// lines, a summary comment updated on every run).
    Review(ReviewArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FormatArg {
    Text,
    Json,
    Sarif,
    /// GitHub Actions annotations (`::error file=...::message`).
    Github,
    /// Markdown for `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// reviewdog's diagnostic format.
    Rdjson,
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
    /// Only run these rules (repeatable): a rule id, a family (folder of built-in rules,
    /// e.g. `python/injection`) or a CWE id (`CWE-89`). Overrides `select` in mamori.toml.
    #[arg(long = "rule", value_name = "SELECTOR")]
    pub rule: Vec<String>,
    /// Do not run these rules (repeatable; same selectors as --rule). Overrides `ignore` in
    /// mamori.toml.
    #[arg(long = "exclude-rule", value_name = "SELECTOR")]
    pub exclude_rule: Vec<String>,
    /// Rule profile [default: default].
    #[arg(long, value_enum)]
    pub profile: Option<ProfileArg>,
    /// Read project settings from this file (mamori.toml or pyproject.toml) instead of
    /// looking for one from the scanned folder up to the git root.
    #[arg(long, value_name = "FILE", conflicts_with = "no_project_config")]
    pub project_config: Option<PathBuf>,
    /// Do not read mamori.toml or [tool.mamori] in pyproject.toml.
    #[arg(long)]
    pub no_project_config: bool,
}

/// What a scan reads and which findings it keeps (shared by `scan` and `review`).
#[derive(Debug, Args)]
pub struct ScanInputs {
    /// Files or folders to scan.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleSelection,
    /// Exit 1 when a finding has at least this severity [default: info].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,
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
    /// Ignore Semgrep's `nosemgrep`, Bandit's `nosec` and Ruff's `noqa: Sxxx` comments
    /// (mamori's own `mamori: ignore[...]` comments still apply).
    #[arg(long)]
    pub no_legacy_suppressions: bool,
    /// Verify flagged and unknown package names against the real registries (PyPI, npm,
    /// crates.io); sends only package names. Without it the check is offline.
    #[arg(long)]
    pub online: bool,
    /// Do not look for secrets (API keys, tokens, passwords) in code and config files.
    #[arg(long)]
    pub no_secrets: bool,
    /// Do not check imported and declared packages (hallucinated / typosquatted names).
    #[arg(long)]
    pub no_supply_chain: bool,
    /// A suppression comment without a reason (`mamori: ignore[id] <reason>`, or
    /// `nosec -- <reason>`) does not suppress; a warning names it.
    #[arg(long)]
    pub require_suppression_reason: bool,
    /// Report `mamori: ignore` comments that suppress nothing as findings of the
    /// `unused-suppression` pseudo-rule (severity info).
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Only report findings on lines added or changed since the merge base of HEAD and
    /// this git reference (e.g. `origin/main`); only changed files are scanned.
    #[arg(long, value_name = "GIT-REF")]
    pub diff_base: Option<String>,
    /// Hide findings already present in this earlier mamori JSON or SARIF report (matched
    /// by fingerprint, so moved lines stay hidden).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub inputs: ScanInputs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    /// Also list suppressed findings in text, JSON, Markdown, GitHub and rdjson output
    /// (SARIF always carries them).
    #[arg(long)]
    pub show_suppressed: bool,
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
pub struct ReviewArgs {
    #[command(flatten)]
    pub inputs: ScanInputs,
    /// Review the findings of this mamori JSON report instead of scanning.
    #[arg(long, value_name = "REPORT.json")]
    pub input: Option<PathBuf>,
    /// Repository as owner/name [default: $GITHUB_REPOSITORY].
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: Option<String>,
    /// Pull-request number [default: from $GITHUB_EVENT_PATH].
    #[arg(long, value_name = "N")]
    pub pr: Option<u64>,
    /// GitHub API URL, e.g. https://github.example.com/api/v3 for GitHub Enterprise Server
    /// [default: $GITHUB_API_URL or https://api.github.com].
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// Environment variable holding the token.
    #[arg(long, value_name = "NAME", default_value = "GITHUB_TOKEN")]
    pub token_env: String,
    /// Head commit the review is for [default: from $GITHUB_EVENT_PATH].
    #[arg(long, value_name = "SHA")]
    pub commit: Option<String>,
    /// Print the review and summary payloads (JSON) instead of posting them; the pull
    /// request's files and comments are still read.
    #[arg(long)]
    pub dry_run: bool,
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
