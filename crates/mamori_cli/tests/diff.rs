//! Diff-aware scans over a scripted git history, and baselines.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

const RULES: &str = r#"rules:
  - id: test-os-system
    message: os.system runs `$CMD` through a shell
    severity: ERROR
    languages: [python]
    metadata:
      confidence: HIGH
    patterns:
      - pattern: os.system($CMD)
      - pattern-not: os.system("...")
"#;

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn mamori(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", cwd)
        .output()
        .unwrap()
}

fn write(dir: &Path, rel: &str, body: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

/// `(path, line)` of every finding in a JSON report.
fn findings(o: &Output) -> Vec<(String, u64)> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_owned(),
                r["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// main: `src/app.py` and `old/legacy.py`, each with one flaw. Branch `feature`: one more
/// flaw in app.py (below two inserted lines, so the old one moves), legacy.py renamed
/// unchanged, a new file with a flaw, and an uncommitted edit adding one more.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(d, ".mamori/rules.yaml", RULES);
    write(
        d,
        "src/app.py",
        "import os\n\ndef run(cmd):\n    os.system(cmd)\n",
    );
    write(
        d,
        "old/legacy.py",
        "import os\n\ndef legacy(x):\n    os.system(x)\n    return 1\n",
    );
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "base"]);
    git(d, &["checkout", "-q", "-b", "feature"]);
    write(
        d,
        "src/app.py",
        "import os\n# a comment\n# another\n\ndef run(cmd):\n    os.system(cmd)\n\ndef more(arg):\n    os.system(arg)\n",
    );
    std::fs::create_dir_all(d.join("moved")).unwrap();
    git(d, &["mv", "old/legacy.py", "moved/legacy_renamed.py"]);
    write(d, "src/new.py", "import os\nos.system(n)\n");
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "feature"]);
    dir
}

#[test]
fn diff_base_reports_only_new_findings() {
    let r = repo();
    let d = r.path();
    let all = mamori(&["scan", "--config", ".mamori", "-f", "json", "."], d);
    assert_eq!(findings(&all).len(), 4, "{:?}", findings(&all));

    let o = mamori(
        &[
            "scan",
            "--config",
            ".mamori",
            "-f",
            "json",
            "--diff-base",
            "main",
            ".",
        ],
        d,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        findings(&o),
        vec![("src/app.py".to_owned(), 9), ("src/new.py".to_owned(), 2)]
    );

    // Uncommitted and untracked work counts as changed too.
    write(
        d,
        "src/app.py",
        &(std::fs::read_to_string(d.join("src/app.py")).unwrap() + "os.system(late)\n"),
    );
    write(d, "scratch.py", "import os\nos.system(s)\n");
    let o = mamori(
        &[
            "scan",
            "--config",
            ".mamori",
            "-f",
            "json",
            "--diff-base",
            "main",
            ".",
        ],
        d,
    );
    assert_eq!(
        findings(&o),
        vec![
            ("scratch.py".to_owned(), 2),
            ("src/app.py".to_owned(), 9),
            ("src/app.py".to_owned(), 10),
            ("src/new.py".to_owned(), 2)
        ]
    );

    // From a subfolder, paths stay relative to where mamori runs.
    let o = mamori(
        &[
            "scan",
            "--config",
            "../.mamori",
            "-f",
            "json",
            "--diff-base",
            "main",
            ".",
        ],
        &d.join("src"),
    );
    assert_eq!(
        findings(&o),
        vec![
            ("app.py".to_owned(), 9),
            ("app.py".to_owned(), 10),
            ("new.py".to_owned(), 2)
        ]
    );
}

#[test]
fn diff_base_with_nothing_changed_is_clean() {
    let r = repo();
    let d = r.path();
    let o = mamori(
        &["scan", "--config", ".mamori", "--diff-base", "HEAD", "."],
        d,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = mamori(
        &[
            "scan",
            "--config",
            ".mamori",
            "--diff-base",
            "no-such-branch",
            ".",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("`no-such-branch` is not a commit"));
    let o = mamori(
        &["scan", "--config", ".mamori", "--diff-base", "--all", "."],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn baseline_hides_known_findings_even_when_lines_move() {
    let r = repo();
    let d = r.path();
    git(d, &["checkout", "-q", "main"]);
    for (format, file) in [("json", "base.json"), ("sarif", "base.sarif")] {
        let o = mamori(
            &[
                "scan", "--config", ".mamori", "-f", format, "-o", file, "src", "old",
            ],
            d,
        );
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    git(d, &["checkout", "-q", "feature"]);
    for file in ["base.json", "base.sarif"] {
        let o = mamori(
            &[
                "scan",
                "--config",
                ".mamori",
                "-f",
                "json",
                "--baseline",
                file,
                "src",
                "moved",
            ],
            d,
        );
        // The old flaw in app.py moved from line 4 to 6 and legacy.py was renamed: both
        // stay hidden; the two new flaws are reported.
        assert_eq!(
            findings(&o),
            vec![("src/app.py".to_owned(), 9), ("src/new.py".to_owned(), 2)],
            "{file}"
        );
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("2 finding(s) already in the baseline")
        );
    }
    let o = mamori(
        &[
            "scan",
            "--config",
            ".mamori",
            "--baseline",
            "nope.json",
            "src",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
}
