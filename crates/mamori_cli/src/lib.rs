//! The `mamori` command line: parse arguments once, run the engine, render, and turn the
//! outcome into an exit code (0 clean, 1 findings at or above `--fail-on`, 2 usage, rule
//! or tool error). Everything is written to the `out`/`err` writers given to [`run`], so
//! most CLI behaviour is testable in-process.

pub mod args;
pub mod autofix;
pub mod baseline;
pub mod config;
pub mod diffscan;
pub mod review;
mod write;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use args::{
    Cli, ColorArg, Command, FormatArg, ProfileArg, RuleSelection, RulesArgs, ScanArgs, ScanInputs,
    SeverityArg, TestArgs,
};
use clap::ValueEnum;
use diffscan::Restriction;
use mamori_diagnostics::{Confidence, FileErrorKind, ScanReport, ScanStats, Severity};
use mamori_engine::{DiscoverOptions, ScanOptions, SuppressOptions};
use mamori_report::{Format, RenderOptions};
use mamori_rules::{Rule, RuleError, RuleErrors, RuleSet};
use write::write_atomically;

/// Exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean = 0,
    Findings = 1,
    Error = 2,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> Self {
        ExitCode::from(s as u8)
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    let result = match cli.command {
        Command::Scan(a) => scan(&a, out, err),
        Command::Test(a) => test(&a, out, err),
        Command::Rules(a) => rules(&a, out, err),
        Command::Review(a) => review::review(&a, out, err),
    };
    match result {
        Ok(s) => s,
        Err(Failure::Quiet) => Status::Clean,
        Err(Failure::Message(m)) => {
            let _ = writeln!(err, "error: {m}");
            Status::Error
        }
        Err(Failure::Rules(errors)) => {
            let _ = write!(err, "{}", render_rule_errors(errors));
            Status::Error
        }
    }
}

pub(crate) enum Failure {
    /// Output was cut off (closed pipe): stop quietly.
    Quiet,
    Message(String),
    Rules(Vec<RuleError>),
}

pub(crate) fn io_failure(e: &std::io::Error, what: &str) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::Quiet
    } else {
        Failure::Message(format!("{what}: {e}"))
    }
}

/// Render rule errors with miette's graphical handler (colour only on a terminal).
#[must_use]
pub fn render_rule_errors(errors: Vec<RuleError>) -> String {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut s = String::new();
    let total = errors.len();
    for e in errors {
        let wrapped = RuleErrors(vec![e]);
        if handler.render_report(&mut s, &wrapped).is_err() {
            s.push_str(&wrapped.to_string());
        }
        s.push('\n');
    }
    if total > 1 {
        s.push_str(&format!(
            "error: {total} problems in rule files; nothing was scanned\n"
        ));
    } else {
        s.push_str("error: the rule file has a problem; nothing was scanned\n");
    }
    s
}

/// The project file that applies: `--project-config`, else one found from the first scanned
/// path (then the current folder) upward to the git root, unless `--no-project-config`.
fn project_config(sel: &RuleSelection, paths: &[PathBuf]) -> Result<config::Loaded, Failure> {
    if sel.no_project_config {
        return Ok(config::Loaded::default());
    }
    if let Some(f) = &sel.project_config {
        return config::load_file(f).map_err(Failure::Message);
    }
    let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    if let Some(l) = config::discover(&start).map_err(Failure::Message)? {
        return Ok(l);
    }
    let cwd = diffscan::cwd().map_err(Failure::Message)?;
    if std::fs::canonicalize(&start).ok().as_deref() != Some(cwd.as_path())
        && let Some(l) = config::discover(&cwd).map_err(Failure::Message)?
    {
        return Ok(l);
    }
    Ok(config::Loaded::default())
}

/// How a selector picked a rule: by its exact id, or as part of a group (family, CWE).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hit {
    Exact,
    Group,
}

/// Whether `selector` (a rule id, a family such as `python/injection`, or `CWE-89`) names
/// `rule`.
fn selects(selector: &str, rule: &Rule) -> Option<Hit> {
    if selector == rule.info.id {
        return Some(Hit::Exact);
    }
    // The analysis kind: `mode:taint` (data-flow rules), `mode:search` (pattern rules).
    if let Some(mode) = selector.strip_prefix("mode:") {
        let taint = rule.is_taint();
        return match mode {
            "taint" => taint.then_some(Hit::Group),
            "search" => (!taint).then_some(Hit::Group),
            _ => None,
        };
    }
    let upper = selector.to_ascii_uppercase();
    if upper.starts_with("CWE-") {
        return rule.info.cwe_ids().contains(&upper).then_some(Hit::Group);
    }
    // A family is a run of folder names in the rule file's path (`rules/python/injection/x.yaml`).
    let want: Vec<&str> = selector
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let have: Vec<&str> = Path::new(&rule.file)
        .parent()
        .map(|p| {
            p.components()
                .filter_map(|c| c.as_os_str().to_str())
                .collect()
        })
        .unwrap_or_default();
    (!want.is_empty() && have.windows(want.len()).any(|w| w == want.as_slice()))
        .then_some(Hit::Group)
}

fn parse_enum<T: ValueEnum>(value: &str, what: &str, file: Option<&Path>) -> Result<T, Failure> {
    T::from_str(value, true).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
            .collect();
        Failure::Message(format!(
            "{}`{what}` is `{value}`; expected one of: {}",
            file.map(|f| format!("{}: ", f.display()))
                .unwrap_or_default(),
            names.join(", ")
        ))
    })
}

/// Load the rules a selection (and the project file) names, compile them and apply the
/// filters. Rules picked by exact id run whatever the profile; families and CWE ids pick the
/// profile's rules.
fn load_rules(sel: &RuleSelection, cfg: &config::Loaded) -> Result<RuleSet, Failure> {
    let mut defs = Vec::new();
    let mut errors = Vec::new();
    let configs: Vec<String> = if !sel.config.is_empty() {
        sel.config.clone()
    } else if let Some(list) = &cfg.config.rules {
        list.iter()
            .map(|c| {
                if c == "builtin" {
                    c.clone()
                } else {
                    cfg.resolve(Path::new(c)).display().to_string()
                }
            })
            .collect()
    } else {
        vec!["builtin".into()]
    };
    let mut builtin_loaded = false;
    for c in &configs {
        if c == "builtin" {
            if builtin_loaded {
                continue;
            }
            builtin_loaded = true;
            match mamori_rules::builtin_defs() {
                Ok(mut d) => defs.append(&mut d),
                Err(mut e) => errors.append(&mut e),
            }
        } else {
            match mamori_rules::load_path(Path::new(c)) {
                Ok(mut d) => defs.append(&mut d),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Rules(errors));
    }
    let set = RuleSet::compile(defs).map_err(Failure::Rules)?;
    let cfg_file = cfg.file.as_deref();
    let select: Vec<String> = if sel.rule.is_empty() {
        cfg.config.select.clone().unwrap_or_default()
    } else {
        sel.rule.clone()
    };
    let ignore: Vec<String> = if sel.exclude_rule.is_empty() {
        cfg.config.ignore.clone().unwrap_or_default()
    } else {
        sel.exclude_rule.clone()
    };
    for s in select.iter().chain(&ignore) {
        if !set.rules().iter().any(|r| selects(s, r).is_some()) {
            return Err(Failure::Message(format!(
                "{}no rule matches `{s}` (give a rule id, a family such as `python/injection`, \
                 a CWE id such as `CWE-89`, or `mode:taint` / `mode:search`; see `mamori rules`)",
                if sel.rule.contains(s) || sel.exclude_rule.contains(s) {
                    String::new()
                } else {
                    cfg_file
                        .map(|f| format!("{}: ", f.display()))
                        .unwrap_or_default()
                }
            )));
        }
    }
    let profile = match (sel.profile, &cfg.config.profile) {
        (Some(p), _) => p,
        (None, Some(p)) => parse_enum::<ProfileArg>(p, "profile", cfg_file)?,
        (None, None) => ProfileArg::Default,
    };
    let in_profile =
        |r: &Rule| profile == ProfileArg::Audit || r.info.confidence >= Confidence::Medium;
    Ok(set.retain(|r| {
        if ignore.iter().any(|s| selects(s, r).is_some()) {
            return false;
        }
        if select.is_empty() {
            return in_profile(r);
        }
        let hits: Vec<Hit> = select.iter().filter_map(|s| selects(s, r)).collect();
        hits.contains(&Hit::Exact) || (!hits.is_empty() && in_profile(r))
    }))
}

/// Everything a scan needs, settled once from flags and the project file.
pub(crate) struct Settings {
    pub rules: RuleSet,
    pub opts: ScanOptions,
    pub fail_on: SeverityArg,
    pub baseline: Option<PathBuf>,
    pub require_reason: bool,
    pub diff_base: Option<String>,
}

pub(crate) fn settings(
    a: &ScanInputs,
    parse_only: bool,
    timings: bool,
) -> Result<Settings, Failure> {
    let cfg = project_config(&a.rules, &a.paths)?;
    let c = &cfg.config;
    let rules = if parse_only {
        RuleSet::compile(Vec::new()).map_err(Failure::Rules)?
    } else {
        load_rules(&a.rules, &cfg)?
    };
    for p in &a.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Failure::Message(format!(
                "{}: no such file or folder",
                p.display()
            )));
        }
    }
    let fail_on = match (a.fail_on, &c.fail_on) {
        (Some(f), _) => f,
        (None, Some(f)) => parse_enum::<SeverityArg>(f, "fail-on", cfg.file.as_deref())?,
        (None, None) => SeverityArg::Info,
    };
    let paths_cfg = c.paths.clone().unwrap_or_default();
    let include = if a.include.is_empty() {
        paths_cfg.include
    } else {
        a.include.clone()
    };
    let exclude = if a.exclude.is_empty() {
        paths_cfg.exclude
    } else {
        a.exclude.clone()
    };
    let legacy_off = a.no_legacy_suppressions || c.no_legacy_suppressions == Some(true);
    let opts = ScanOptions {
        paths: a.paths.clone(),
        discover: DiscoverOptions {
            include,
            exclude,
            include_vendored: a.include_vendored,
            no_ignore: a.no_ignore,
            follow_symlinks: false,
            threads: a.threads,
        },
        threads: a.threads,
        max_file_size: a.max_file_size,
        file_timeout: (a.timeout > 0).then(|| Duration::from_secs(a.timeout)),
        timings,
        parse_only,
        suppress: SuppressOptions {
            nosemgrep: !legacy_off,
            nosec: !legacy_off,
            report_unused: !parse_only
                && (a.report_unused_suppressions || c.report_unused_suppressions == Some(true)),
        },
        analysis: {
            let mut registry = mamori_engine::analyzers::AnalysisOptions::default().registry;
            if a.online {
                registry.cache_dir = mamori_engine::analyzers::user_cache_dir();
            }
            mamori_engine::analyzers::AnalysisOptions {
                secrets: !a.no_secrets && !parse_only,
                supply_chain: !a.no_supply_chain && !parse_only,
                online: a.online,
                registry,
                ..Default::default()
            }
        },
    };
    Ok(Settings {
        rules,
        opts,
        fail_on,
        baseline: a
            .baseline
            .clone()
            .or_else(|| c.baseline.as_ref().map(|b| cfg.resolve(b))),
        require_reason: a.require_suppression_reason || c.require_suppression_reason == Some(true),
        diff_base: a.diff_base.clone(),
    })
}

/// Runs the scan (restricted to `restrict` and `--diff-base` when given), or takes `input`,
/// then applies the baseline and `--require-suppression-reason`.
pub(crate) fn collect(
    s: &Settings,
    restrict: Option<Restriction>,
    input: Option<ScanReport>,
    err: &mut dyn Write,
) -> Result<ScanReport, Failure> {
    let cwd = diffscan::cwd().map_err(Failure::Message)?;
    let mut restriction = restrict;
    if let Some(reference) = &s.diff_base {
        let from_git = Restriction::from_git(reference, &cwd).map_err(Failure::Message)?;
        restriction = Some(match restriction {
            None => from_git,
            Some(given) => Restriction {
                files: given
                    .files
                    .into_keys()
                    .filter_map(|k| from_git.files.get(&k).cloned().map(|c| (k, c)))
                    .collect(),
                lines_only: true,
            },
        });
    }
    let mut report = match input {
        Some(r) => r,
        None => {
            let mut opts = s.opts.clone();
            let cancel = interrupt_flag();
            match &restriction {
                None => {
                    mamori_engine::scan(&s.rules, &opts, Some(cancel)).map_err(Failure::Message)?
                }
                Some(r) => {
                    let filter = mamori_engine::discover::PathFilter::new(
                        &opts.discover.include,
                        &opts.discover.exclude,
                    )
                    .map_err(Failure::Message)?;
                    let list = r.scan_list(&cwd, &opts.paths, &filter);
                    if list.is_empty() {
                        empty_report(s)
                    } else {
                        opts.discover.include = diffscan::exact_globs(&list);
                        mamori_engine::scan(&s.rules, &opts, Some(cancel))
                            .map_err(Failure::Message)?
                    }
                }
            }
        }
    };
    if let Some(r) = &restriction {
        r.apply(&cwd, &mut report);
    }
    if let Some(path) = &s.baseline {
        let b = baseline::Baseline::load(path).map_err(Failure::Message)?;
        let hidden = b.apply(&mut report);
        if hidden > 0 {
            let _ = writeln!(
                err,
                "note: {hidden} finding(s) already in the baseline {} are not reported",
                path.display()
            );
        }
    }
    if s.require_reason {
        let mut warned = std::collections::BTreeSet::new();
        for f in &mut report.findings {
            if f.suppression.as_ref().is_some_and(|x| {
                x.justification
                    .as_deref()
                    .is_none_or(|j| j.trim().is_empty())
            }) {
                let line = f.suppression.as_ref().map_or(0, |x| x.line);
                if warned.insert((f.path.clone(), line)) {
                    let _ = writeln!(
                        err,
                        "warning: {}:{line}: suppression comment without a reason is ignored \
                         (--require-suppression-reason); write `mamori: ignore[{}] <reason>`",
                        f.path, f.rule_id
                    );
                }
                f.suppression = None;
            }
        }
    }
    Ok(report)
}

/// The report of a scan that had nothing to read (no changed files).
fn empty_report(s: &Settings) -> ScanReport {
    let mut rules = s.rules.infos();
    if s.opts.suppress.report_unused {
        mamori_engine::suppress::add_unused_rule_info(&mut rules);
    }
    ScanReport {
        rules,
        stats: ScanStats {
            rules_run: s.rules.len(),
            threads: s.opts.threads.max(1),
            ..ScanStats::default()
        },
        ..ScanReport::default()
    }
}

fn scan(a: &ScanArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Status, Failure> {
    let s = settings(&a.inputs, a.parse_only, a.timings)?;
    let report = collect(&s, None, None, err)?;
    if report.incomplete {
        let _ = writeln!(
            err,
            "warning: interrupted; the report covers only the files finished so far"
        );
    }
    let format = match a.format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Rdjson => Format::Rdjson,
    };
    let color = match a.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            a.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let ropts = RenderOptions {
        color,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        sarif_category: a.sarif_category.clone(),
        show_suppressed: a.show_suppressed,
        root_uri: None,
    };
    // Text output hides recovered syntax errors unless asked: they are common in real
    // code and rarely actionable. JSON and SARIF keep every file problem.
    let shown;
    let to_render = if format == Format::Text && !a.verbose {
        let mut r = report.clone();
        r.errors.retain(|e| e.kind != FileErrorKind::Parse);
        shown = r;
        &shown
    } else {
        &report
    };
    let mut buf = Vec::new();
    mamori_report::render(to_render, format, &ropts, &mut buf)
        .map_err(|e| Failure::Message(format!("rendering the report: {e}")))?;
    match &a.output {
        Some(path) => write_atomically(path, &buf)
            .map_err(|e| Failure::Message(format!("cannot write {}: {e}", path.display())))?,
        None => {
            out.write_all(&buf)
                .map_err(|e| io_failure(&e, "writing the report"))?;
            out.flush()
                .map_err(|e| io_failure(&e, "writing the report"))?;
        }
    }
    if a.timings {
        print_timings(&report, err);
    }
    if a.autofix {
        let applied = autofix::apply(&report, a.dry_run, &|p, b| write_atomically(p, b));
        if a.dry_run {
            out.write_all(applied.diff.as_bytes())
                .map_err(|e| io_failure(&e, "writing the diff"))?;
        }
        let verb = if a.dry_run { "would apply" } else { "applied" };
        let _ = writeln!(
            err,
            "autofix: {verb} {} edit(s) in {} file(s){}",
            applied.edits,
            applied.files,
            if applied.skipped_overlapping > 0 {
                format!(
                    ", skipped {} overlapping edit(s)",
                    applied.skipped_overlapping
                )
            } else {
                String::new()
            }
        );
        for e in &applied.errors {
            let _ = writeln!(err, "error: {e}");
        }
        if !applied.errors.is_empty() {
            return Ok(Status::Error);
        }
    }
    if report.incomplete {
        return Ok(Status::Error);
    }
    if a.output.is_some() && format != Format::Text {
        let _ = writeln!(err, "{}", mamori_report::text::summary(&report));
    }
    Ok(exit_status(&report, s.fail_on))
}

/// A flag set by Ctrl-C / SIGTERM: the engine stops starting new files and the report is
/// written for what finished, marked incomplete. A second Ctrl-C exits at once.
fn interrupt_flag() -> &'static std::sync::atomic::AtomicBool {
    use std::sync::atomic::{AtomicBool, Ordering};
    static FLAG: AtomicBool = AtomicBool::new(false);
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if FLAG.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    });
    &FLAG
}

pub(crate) fn exit_status(report: &ScanReport, fail_on: SeverityArg) -> Status {
    if report.has_tool_errors() {
        return Status::Error;
    }
    let threshold = match fail_on {
        SeverityArg::Info => Some(Severity::Info),
        SeverityArg::Low => Some(Severity::Low),
        SeverityArg::Medium => Some(Severity::Medium),
        SeverityArg::High => Some(Severity::High),
        SeverityArg::Critical => Some(Severity::Critical),
        SeverityArg::None => None,
    };
    match threshold {
        Some(t) if report.active_findings().any(|f| f.severity >= t) => Status::Findings,
        _ => Status::Clean,
    }
}

fn print_timings(report: &ScanReport, err: &mut dyn Write) {
    let Some(t) = &report.timings else { return };
    let _ = writeln!(err, "\ntimings (summed over threads):");
    for (phase, ms) in &t.phases {
        let _ = writeln!(err, "  {phase:<8} {ms:>10.1} ms");
    }
    let mut rules: Vec<(&String, &f64)> = t.rules.iter().collect();
    rules.sort_by(|a, b| b.1.total_cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let _ = writeln!(err, "slowest rules (formula evaluation):");
    for (id, ms) in rules.iter().take(10) {
        let _ = writeln!(err, "  {ms:>10.2} ms  {id}");
    }
    let _ = writeln!(err, "slowest files:");
    for (path, ms) in &t.slowest_files {
        let _ = writeln!(err, "  {ms:>10.1} ms  {path}");
    }
}

fn test(a: &TestArgs, out: &mut dyn Write, _err: &mut dyn Write) -> Result<Status, Failure> {
    let mut outcomes = Vec::new();
    let mut errors = Vec::new();
    for p in &a.paths {
        if !p.exists() {
            return Err(Failure::Message(format!(
                "{}: no such file or folder",
                p.display()
            )));
        }
        match mamori_engine::fixtures::run(p) {
            Ok(mut o) => outcomes.append(&mut o),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Rules(errors));
    }
    let w = |out: &mut dyn Write, s: String| {
        out.write_all(s.as_bytes())
            .map_err(|e| io_failure(&e, "writing"))
    };
    let mut failed = 0;
    for o in &outcomes {
        if o.passed() {
            if !a.quiet {
                w(
                    out,
                    format!(
                        "PASS {} ({} ruleid, {} ok)\n",
                        o.rule_id, o.expected_count, o.ok_count
                    ),
                )?;
            }
            continue;
        }
        failed += 1;
        w(
            out,
            format!("FAIL {} ({})\n", o.rule_id, o.rule_file.display()),
        )?;
        for p in &o.problems {
            w(out, format!("  problem: {p}\n"))?;
        }
        for (f, l) in &o.missing {
            w(
                out,
                format!(
                    "  - missed     {}:{l} (expected a finding: `ruleid:` line)\n",
                    f.display()
                ),
            )?;
        }
        for (f, l) in &o.unexpected {
            w(
                out,
                format!(
                    "  + unexpected {}:{l} (finding not annotated with `ruleid:`)\n",
                    f.display()
                ),
            )?;
        }
    }
    w(
        out,
        format!(
            "\nrule tests: {} passed, {failed} failed\n",
            outcomes.len() - failed
        ),
    )?;
    Ok(if failed > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn rules(a: &RulesArgs, out: &mut dyn Write, _err: &mut dyn Write) -> Result<Status, Failure> {
    let cfg = project_config(&a.rules, &[PathBuf::from(".")])?;
    let set = load_rules(&a.rules, &cfg)?;
    let infos = set.infos();
    let text = if a.json {
        let mut s = serde_json_string(&infos);
        s.push('\n');
        s
    } else {
        let mut s = String::new();
        for i in &infos {
            let langs = i.languages.join(",");
            s.push_str(&format!(
                "{:<48} {:<8} {:<6} {:<22} {}\n",
                i.id, i.severity, i.confidence, langs, i.short_description
            ));
        }
        s.push_str(&format!("{} rules\n", infos.len()));
        s
    };
    out.write_all(text.as_bytes())
        .map_err(|e| io_failure(&e, "writing"))?;
    Ok(Status::Clean)
}

fn serde_json_string(infos: &[mamori_diagnostics::RuleInfo]) -> String {
    serde_json::to_string_pretty(infos).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
