//! Project configuration (mamori.toml, [tool.mamori]) and the suppression flags.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

fn mamori(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn write(dir: &Path, rel: &str, body: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

fn rule_ids(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    let mut ids: Vec<String> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule_id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

const APP: &str = "import subprocess\nimport yaml\n\ndef f(cmd, doc):\n    subprocess.run(cmd, shell=True)\n    return yaml.load(doc)\n";

/// A git repository (a `.git` folder marks the root) with Python flaws.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("repo/.git")).unwrap();
    write(d, "repo/src/app.py", APP);
    write(d, "repo/gen/app_copy.py", APP);
    dir
}

#[test]
fn mamori_toml_selects_families_ignores_cwes_and_sets_fail_on() {
    let p = project();
    let repo = p.path().join("repo");
    let o = mamori(&["scan", "-f", "json", "."], &repo);
    assert_eq!(
        rule_ids(&o),
        vec![
            "python-shell-true-with-variable",
            "python-shell-true-with-variable",
            "python-yaml-unsafe-load",
            "python-yaml-unsafe-load"
        ]
    );
    write(
        &repo,
        "mamori.toml",
        "select = [\"python/injection\", \"python/deserialization\"]\nignore = [\"CWE-502\"]\nfail-on = \"critical\"\n\n[paths]\nexclude = [\"gen\"]\n",
    );
    let o = mamori(&["scan", "-f", "json", "."], &repo);
    assert_eq!(rule_ids(&o), vec!["python-shell-true-with-variable"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "fail-on critical: a high finding passes"
    );
    // Discovered from a subfolder too (upward to the git root).
    let o = mamori(&["scan", "-f", "json", "."], &repo.join("src"));
    assert_eq!(rule_ids(&o), vec!["python-shell-true-with-variable"]);
    // Flags override the file.
    let o = mamori(
        &[
            "scan",
            "-f",
            "json",
            "--fail-on",
            "high",
            "--exclude-rule",
            "CWE-89",
            ".",
        ],
        &repo,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        rule_ids(&o),
        vec!["python-shell-true-with-variable", "python-yaml-unsafe-load"]
    );
    let o = mamori(&["scan", "-f", "json", "--no-project-config", "src"], &repo);
    assert_eq!(rule_ids(&o).len(), 2);
    // A mamori.toml above the git root is not used.
    write(p.path(), "mamori.toml", "select = [\"CWE-502\"]\n");
    std::fs::remove_file(repo.join("mamori.toml")).unwrap();
    let o = mamori(&["scan", "-f", "json", "src"], &repo);
    assert_eq!(rule_ids(&o).len(), 2);
}

#[test]
fn pyproject_tool_mamori_and_errors() {
    let p = project();
    let repo = p.path().join("repo");
    write(
        &repo,
        "pyproject.toml",
        "[project]\nname = \"demo\"\n\n[tool.mamori]\nselect = [\"CWE-502\"]\n",
    );
    let o = mamori(&["scan", "-f", "json", "src"], &repo);
    assert_eq!(rule_ids(&o), vec!["python-yaml-unsafe-load"]);
    write(&repo, "mamori.toml", "slect = [\"CWE-95\"]\n");
    let o = mamori(&["scan", "src"], &repo);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("mamori.toml") && err.contains("slect"),
        "{err}"
    );
    write(&repo, "mamori.toml", "select = [\"no-such-family\"]\n");
    let o = mamori(&["scan", "src"], &repo);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no rule matches `no-such-family`"));
    write(&repo, "mamori.toml", "profile = \"loud\"\n");
    let o = mamori(&["scan", "src"], &repo);
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("`profile` is `loud`; expected one of: default, audit")
    );
    // An explicit file wins over discovery.
    write(
        &repo,
        "ci/strict.toml",
        "select = [\"python-shell-true-with-variable\"]\n",
    );
    let o = mamori(
        &[
            "scan",
            "-f",
            "json",
            "--project-config",
            "ci/strict.toml",
            "src",
        ],
        &repo,
    );
    assert_eq!(rule_ids(&o), vec!["python-shell-true-with-variable"]);
}

#[test]
fn config_rules_and_baseline_are_relative_to_the_config_file() {
    let p = project();
    let repo = p.path().join("repo");
    write(
        &repo,
        "tools/rules/r.yaml",
        "rules:\n  - id: local-load\n    message: load\n    severity: ERROR\n    languages: [python]\n    pattern: yaml.load($X)\n",
    );
    write(
        &repo,
        "tools/mamori.toml",
        "rules = [\"rules\"]\nbaseline = \"base.json\"\n",
    );
    let o = mamori(
        &[
            "scan",
            "-f",
            "json",
            "-o",
            "tools/base.json",
            "--project-config",
            "tools/mamori.toml",
            "--no-project-config",
            "src",
        ],
        &repo,
    );
    assert_eq!(o.status.code(), Some(2), "the two flags conflict");
    // Write the baseline without the config's baseline (not there yet).
    write(&repo, "tools/mamori.toml", "rules = [\"rules\"]\n");
    let o = mamori(
        &[
            "scan",
            "-f",
            "json",
            "-o",
            "tools/base.json",
            "--project-config",
            "tools/mamori.toml",
            "src",
        ],
        &repo,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    write(
        &repo,
        "tools/mamori.toml",
        "rules = [\"rules\"]\nbaseline = \"base.json\"\n",
    );
    write(
        &repo,
        "src/app.py",
        &format!("{APP}\ndef g(y):\n    return yaml.load(y)\n"),
    );
    let o = mamori(
        &[
            "scan",
            "-f",
            "json",
            "--project-config",
            "tools/mamori.toml",
            "src",
        ],
        &repo,
    );
    assert_eq!(rule_ids(&o), vec!["local-load"], "only the new load");
}

const DANGER: &str = "rules:\n  - id: test-danger\n    message: dangerous($X)\n    severity: ERROR\n    languages: [python]\n    pattern: dangerous($X)\n  - id: test-other\n    message: other\n    severity: ERROR\n    languages: [python]\n    pattern: never_called_anywhere()\n";

#[test]
fn suppressions_survive_reformatting_and_flags_check_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "rules/r.yaml", DANGER);
    // Black moved the trailing comment to the closing parenthesis: the statement still
    // carries it.
    write(
        d,
        "s/wrapped.py",
        "result = wrapper(\n    dangerous(x),\n    other,\n)  # mamori: ignore[test-danger] input is a constant\n",
    );
    write(
        d,
        "s/noreason.py",
        "dangerous(a)  # mamori: ignore[test-danger]\ndangerous(b)  # nosec -- fixture data\n",
    );
    write(
        d,
        "s/unused.py",
        "x = 1  # mamori: ignore[test-danger] stale\ny = 2  # mamori: ignore[unknown-rule] not ours\nz = 3  # mamori: ignore[test-other]\n",
    );
    let o = mamori(&["scan", "--config", "rules", "-f", "json", "s"], d);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(rule_ids(&o).is_empty());

    let o = mamori(
        &[
            "scan",
            "--config",
            "rules",
            "-f",
            "json",
            "--require-suppression-reason",
            "s",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        rule_ids(&o),
        vec!["test-danger"],
        "only the one without a reason"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: s/noreason.py:1: suppression comment without a reason is ignored"),
        "{err}"
    );

    let o = mamori(
        &[
            "scan",
            "--config",
            "rules",
            "-f",
            "json",
            "--report-unused-suppressions",
            "s",
        ],
        d,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let unused: Vec<(String, u64)> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["rule_id"] == "unused-suppression")
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_owned(),
                r["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // Line 2 names a rule that did not run, so it is left alone.
    assert_eq!(
        unused,
        vec![("s/unused.py".to_owned(), 1), ("s/unused.py".to_owned(), 3)]
    );
    assert_eq!(v["results"][0]["severity"], "info");
    let o = mamori(
        &[
            "scan",
            "--config",
            "rules",
            "-f",
            "sarif",
            "--report-unused-suppressions",
            "s",
        ],
        d,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "unused-suppression"));
}

#[test]
fn mode_selectors_pick_taint_or_pattern_rules() {
    let p = project();
    let repo = p.path().join("repo");
    // APP's flaws are found by pattern rules only: no request or model data flows in it.
    let o = mamori(
        &["scan", "-f", "json", "--exclude-rule", "mode:taint", "src"],
        &repo,
    );
    assert_eq!(
        rule_ids(&o),
        vec!["python-shell-true-with-variable", "python-yaml-unsafe-load"]
    );
    let o = mamori(
        &["scan", "-f", "json", "--rule", "mode:taint", "src"],
        &repo,
    );
    assert_eq!(rule_ids(&o), Vec::<String>::new());
    assert_eq!(o.status.code(), Some(0));
    let o = mamori(&["scan", "--rule", "mode:nonsense", "src"], &repo);
    assert_eq!(o.status.code(), Some(2), "an unknown mode matches no rule");
}
