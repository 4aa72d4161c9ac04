//! Process-level tests of the `mamori` binary: exit codes, formats, bad input, rule errors.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mamori(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run mamori")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, rel: &str, body: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, body).expect("write");
    p
}

const RULE: &str = r#"rules:
  - id: test-os-system
    message: os.system runs `$CMD` through a shell
    severity: ERROR
    languages: [python]
    metadata:
      cwe: ["CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')"]
      confidence: HIGH
    patterns:
      - pattern: os.system($CMD)
      - pattern-not: os.system("...")
  - id: test-eval
    message: eval of `$X`
    severity: WARNING
    languages: [javascript, typescript]
    metadata:
      confidence: HIGH
    patterns:
      - pattern: eval($X)
      - pattern-not: eval("...")
"#;

/// A small project with one finding per language and some hostile files.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "rules/test.yaml", RULE);
    write(
        d,
        "src/app.py",
        "import os\n\ndef run(cmd):\n    os.system(cmd)\n    os.system(\"ls\")\n",
    );
    write(d, "src/web.js", "function f(x) {\n  return eval(x);\n}\n");
    write(d, "src/broken.py", "def (:\n  os.system(cmd)\n");
    write(d, "src/binary.py", b"\x00\x01\x02os.system(x)\n".as_slice());
    write(
        d,
        "src/latin1.py",
        b"import os\n# caf\xe9\nos.system(c)\n".as_slice(),
    );
    write(d, "node_modules/dep/index.js", "eval(x)\n");
    write(d, "ignored/skip.py", "import os\nos.system(x)\n");
    write(d, ".gitignore", "ignored/\n");
    dir
}

#[test]
fn scan_reports_findings_and_exits_1() {
    let p = project();
    let o = mamori(&["scan", "--config", "rules", "src"], p.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("test-os-system"), "{out}");
    assert!(out.contains("src/app.py:4:5"), "{out}");
    assert!(
        out.contains("os.system runs `cmd` through a shell"),
        "{out}"
    );
    assert!(out.contains("src/web.js:2:10"), "{out}");
    // The non-UTF-8 file is still scanned; the binary one is reported and skipped.
    assert!(out.contains("src/latin1.py:3:1"), "{out}");
    assert!(out.contains("binary"), "{out}");
    assert!(!out.contains("src/binary.py:1"), "{out}");
}

#[test]
fn ignore_files_and_vendored_folders_are_respected() {
    let p = project();
    let o = mamori(
        &["scan", "--config", "rules", "--format", "json", "."],
        p.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let paths: Vec<String> = v["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["path"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        paths
            .iter()
            .all(|p| !p.contains("node_modules") && !p.contains("ignored/")),
        "{paths:?}"
    );
    let o = mamori(
        &[
            "scan",
            "--config",
            "rules",
            "--format",
            "json",
            "--include-vendored",
            "--no-ignore",
            ".",
        ],
        p.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let n = v["results"].as_array().map_or(0, Vec::len);
    assert!(n >= 5, "{v}");
}

#[test]
fn clean_scan_exits_0_and_fail_on_threshold() {
    let p = project();
    let o = mamori(
        &[
            "scan",
            "--config",
            "rules",
            "src/web.js",
            "--fail-on",
            "high",
        ],
        p.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "medium finding below a high threshold: {}",
        stdout(&o)
    );
    write(p.path(), "clean/ok.py", "print('hi')\n");
    let o = mamori(&["scan", "--config", "rules", "clean"], p.path());
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn sarif_and_json_are_valid_and_thread_count_does_not_change_output() {
    let p = project();
    let one = mamori(
        &["scan", "--config", "rules", "-f", "sarif", "-j", "1", "src"],
        p.path(),
    );
    let many = mamori(
        &["scan", "--config", "rules", "-f", "sarif", "-j", "4", "src"],
        p.path(),
    );
    assert_eq!(
        one.stdout, many.stdout,
        "SARIF differs between -j 1 and -j 4"
    );
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).expect("sarif json");
    mamori_report::testing::validate_sarif(&v).expect("valid SARIF");
    assert_eq!(v["version"], "2.1.0");
    let notes = v["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(notes >= 1, "the binary file is reported: {v}");
    let j = mamori(
        &["scan", "--config", "rules", "-f", "json", "src"],
        p.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).expect("json");
    assert_eq!(v["version"], "1.0");
    assert!(v["errors"].as_array().is_some_and(|e| !e.is_empty()));
}

#[test]
fn output_file_is_written() {
    let p = project();
    let o = mamori(
        &[
            "scan",
            "--config",
            "rules",
            "-f",
            "json",
            "-o",
            "out/report.json",
            "src",
        ],
        p.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "missing output folder is an error: {}",
        stderr(&o)
    );
    std::fs::create_dir_all(p.path().join("out")).expect("mkdir");
    let o = mamori(
        &[
            "scan",
            "--config",
            "rules",
            "-f",
            "json",
            "-o",
            "out/report.json",
            "src",
        ],
        p.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let body = std::fs::read(p.path().join("out/report.json")).expect("report written");
    let _: serde_json::Value = serde_json::from_slice(&body).expect("json file");
}

#[test]
fn broken_rule_is_reported_with_location_and_exit_2() {
    let p = project();
    write(
        p.path(),
        "bad/rule.yaml",
        "rules:\n  - id: x\n    message: m\n    severity: ERROR\n    languages: [python]\n    pattenr: foo(...)\n",
    );
    let o = mamori(&["scan", "--config", "bad", "src"], p.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unknown rule key `pattenr`"), "{err}");
    assert!(err.contains("bad/rule.yaml:6"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing is scanned");
    write(
        p.path(),
        "bad2/rule.yaml",
        "rules:\n  - id: y\n    message: m\n    severity: ERROR\n    languages: [python]\n    pattern: foo(\n",
    );
    let o = mamori(&["scan", "--config", "bad2", "src"], p.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not parse"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    let p = project();
    assert_eq!(
        mamori(&["scan", "--bogus"], p.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        mamori(&["scan", "does-not-exist"], p.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        mamori(&["scan", "--rule", "no-such-rule", "src"], p.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(mamori(&["--version"], p.path()).status.code(), Some(0));
}

#[test]
fn suppressions_hide_findings_but_sarif_keeps_them() {
    let p = project();
    write(
        p.path(),
        "s/a.py",
        "import os\nos.system(c)  # mamori: ignore[test-os-system] vetted input\n# nosemgrep\nos.system(d)\n",
    );
    let o = mamori(&["scan", "--config", "rules", "s"], p.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = mamori(
        &["scan", "--config", "rules", "--no-legacy-suppressions", "s"],
        p.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let o = mamori(&["scan", "--config", "rules", "-f", "sarif", "s"], p.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("sarif");
    let results = v["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 2);
    assert!(
        results
            .iter()
            .all(|r| r["suppressions"].as_array().is_some_and(|s| !s.is_empty()))
    );
}

#[test]
fn mamori_test_reports_missed_and_unexpected_lines() {
    let p = project();
    write(
        p.path(),
        "t/test-os-system.yaml",
        RULE.split("  - id: test-eval").next().unwrap_or_default(),
    );
    write(
        p.path(),
        "t/test-os-system.py",
        "import os\n# ruleid: test-os-system\nos.system(a)\n# ok: test-os-system\nos.system('ls')\n# ruleid: test-os-system\nprint(1)\nos.system(b)\n",
    );
    let o = mamori(&["test", "t"], p.path());
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("missed     t/test-os-system.py:7"), "{out}");
    assert!(out.contains("unexpected t/test-os-system.py:8"), "{out}");
    assert!(out.contains("0 passed, 1 failed"), "{out}");
}

#[test]
fn rules_lists_builtin_rules() {
    let p = project();
    let o = mamori(&["rules"], p.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("python-"), "{}", stdout(&o));
}

#[test]
fn autofix_dry_run_and_apply() {
    let p = project();
    write(
        p.path(),
        "fix/rule.yaml",
        "rules:\n  - id: yaml-load\n    message: unsafe yaml.load\n    severity: ERROR\n    languages: [python]\n    pattern: yaml.load($X)\n    fix: yaml.safe_load($X)\n",
    );
    write(
        p.path(),
        "fx/a.py",
        "import yaml\ndata = yaml.load(stream)\n",
    );
    let o = mamori(
        &["scan", "--config", "fix", "--autofix", "--dry-run", "fx"],
        p.path(),
    );
    let out = stdout(&o);
    assert!(
        out.contains("-data = yaml.load(stream)\n+data = yaml.safe_load(stream)"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("fx/a.py")).unwrap(),
        "import yaml\ndata = yaml.load(stream)\n"
    );
    let o = mamori(&["scan", "--config", "fix", "--autofix", "fx"], p.path());
    assert!(
        stderr(&o).contains("applied 1 edit(s) in 1 file(s)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("fx/a.py")).unwrap(),
        "import yaml\ndata = yaml.safe_load(stream)\n"
    );
    let o = mamori(&["scan", "--config", "fix", "-f", "sarif", "fx"], p.path());
    assert_eq!(o.status.code(), Some(0), "fixed: nothing left");
}
