//! The `mamori` command line: parse arguments once, run the engine, render, and turn the
//! outcome into an exit code (0 clean, 1 findings at or above `--fail-on`, 2 usage, rule
//! or tool error). Everything is written to the `out`/`err` writers given to [`run`], so
//! most CLI behaviour is testable in-process.

pub mod args;
pub mod autofix;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use args::{
    Cli, ColorArg, Command, FormatArg, ProfileArg, RuleSelection, RulesArgs, ScanArgs, SeverityArg,
    TestArgs,
};
use mamori_diagnostics::{FileErrorKind, ScanReport, Severity};
use mamori_engine::{DiscoverOptions, ScanOptions, SuppressOptions};
use mamori_report::{Format, RenderOptions};
use mamori_rules::{Profile, RuleError, RuleErrors, RuleSet};

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

enum Failure {
    /// Output was cut off (closed pipe): stop quietly.
    Quiet,
    Message(String),
    Rules(Vec<RuleError>),
}

fn io_failure(e: &std::io::Error, what: &str) -> Failure {
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

/// Load the rules a selection names, compile them and apply the filters.
fn load_rules(sel: &RuleSelection) -> Result<RuleSet, Failure> {
    let mut defs = Vec::new();
    let mut errors = Vec::new();
    let configs: Vec<String> = if sel.config.is_empty() {
        vec!["builtin".into()]
    } else {
        sel.config.clone()
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
    for id in sel.rule.iter().chain(&sel.exclude_rule) {
        if !set.rules().iter().any(|r| &r.info.id == id) {
            return Err(Failure::Message(format!(
                "no rule has the id `{id}` (see `mamori rules`)"
            )));
        }
    }
    let profile = match sel.profile {
        ProfileArg::Default => Profile::Default,
        ProfileArg::Audit => Profile::Audit,
    };
    let set = if sel.rule.is_empty() {
        set.for_profile(profile)
    } else {
        set
    };
    let set = set.retain(|r| {
        (sel.rule.is_empty() || sel.rule.contains(&r.info.id))
            && !sel.exclude_rule.contains(&r.info.id)
    });
    Ok(set)
}

fn scan(a: &ScanArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Status, Failure> {
    let rules = if a.parse_only {
        RuleSet::compile(Vec::new()).map_err(Failure::Rules)?
    } else {
        load_rules(&a.rules)?
    };
    for p in &a.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Failure::Message(format!(
                "{}: no such file or folder",
                p.display()
            )));
        }
    }
    let opts = ScanOptions {
        paths: a.paths.clone(),
        discover: DiscoverOptions {
            include: a.include.clone(),
            exclude: a.exclude.clone(),
            include_vendored: a.include_vendored,
            no_ignore: a.no_ignore,
            follow_symlinks: false,
        },
        threads: a.threads,
        max_file_size: a.max_file_size,
        file_timeout: (a.timeout > 0).then(|| Duration::from_secs(a.timeout)),
        timings: a.timings,
        parse_only: a.parse_only,
        suppress: SuppressOptions {
            nosemgrep: !a.no_legacy_suppressions,
            nosec: !a.no_legacy_suppressions,
        },
    };
    let cancel = interrupt_flag();
    let report = mamori_engine::scan(&rules, &opts, Some(cancel)).map_err(Failure::Message)?;
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
    Ok(exit_status(&report, a.fail_on))
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

fn exit_status(report: &ScanReport, fail_on: SeverityArg) -> Status {
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

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written report.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
    let set = load_rules(&a.rules)?;
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
