//! The one generic rule test: every rule under `rules/` is checked against the annotated
//! fixture beside it (`ruleid:` lines must report, `ok:` lines must stay silent), one trial
//! per rule so failures name the rule. Also: the embedded built-in set compiles, and every
//! rule file on disk is embedded.

use libtest_mimic::{Arguments, Failed, Trial};
use mamori_tests::{describe, rules_dir};

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    let dir = rules_dir();
    for file in mamori_rules::rule_files(&dir) {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = file
            .strip_prefix(&dir)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let lang = rel.split('/').next().unwrap_or("rules").to_string();
        trials.push(Trial::test(format!("{lang}::{stem}"), move || {
            let outcomes = mamori_engine::fixtures::run_rule_file(&file).map_err(|errs| {
                Failed::from(
                    errs.iter()
                        .map(|e| {
                            format!("{}:{}: {}", e.origin.name, e.line().unwrap_or(0), e.message)
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            })?;
            let failures: Vec<String> = outcomes
                .iter()
                .filter(|o| !o.passed())
                .map(describe)
                .collect();
            if failures.is_empty() {
                Ok(())
            } else {
                Err(failures.join("\n").into())
            }
        }));
    }
    trials.push(Trial::test("builtin::compiles", || {
        let set = mamori_rules::builtin().map_err(|e| {
            Failed::from(format!("{} rule errors, first: {}", e.len(), e[0].message))
        })?;
        if set.is_empty() {
            return Err("no built-in rules".into());
        }
        Ok(())
    }));
    trials.push(Trial::test("builtin::embeds_every_rule_file", || {
        let dir = rules_dir();
        let embedded: Vec<String> = mamori_rules::builtin_files()
            .iter()
            .map(|(p, _)| (*p).to_string())
            .collect();
        let on_disk: Vec<String> = mamori_rules::rule_files(&dir)
            .iter()
            .filter_map(|f| f.strip_prefix(&dir).ok().map(|p| p.display().to_string()))
            .collect();
        let missing: Vec<&String> = on_disk.iter().filter(|p| !embedded.contains(p)).collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!("rule files not embedded (rebuild mamori_rules): {missing:?}").into())
        }
    }));
    trials.push(Trial::test("examples::ai_app_expected_findings", || {
        let root = mamori_tests::repo_root();
        let app = root.join("examples/ai-app");
        let expected_file = app.join("expected-findings.txt");
        let text = std::fs::read_to_string(&expected_file).map_err(|e| Failed::from(e.to_string()))?;
        let mut expected: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        expected.sort();
        let rules = mamori_rules::builtin()
            .map_err(|e| Failed::from(format!("{} rule errors", e.len())))?
            .for_profile(mamori_rules::Profile::Default);
        let opts = mamori_engine::ScanOptions {
            paths: vec![app.clone()],
            ..mamori_engine::ScanOptions::default()
        };
        let report = mamori_engine::scan(&rules, &opts, None).map_err(Failed::from)?;
        let prefix = format!("{}/", mamori_text::display_path(&app));
        let mut got: Vec<String> = report
            .active_findings()
            .map(|f| format!("{}:{} {}", f.path.strip_prefix(&prefix).unwrap_or(&f.path), f.start.line, f.rule_id))
            .collect();
        got.sort();
        if got == expected {
            return Ok(());
        }
        let missing: Vec<&String> = expected.iter().filter(|e| !got.contains(e)).collect();
        let extra: Vec<&String> = got.iter().filter(|g| !expected.contains(g)).collect();
        Err(format!(
            "the sample app's findings changed (update examples/ai-app/expected-findings.txt and its README table if intended)\nmissing: {missing:#?}\nextra: {extra:#?}"
        )
        .into())
    }));
    libtest_mimic::run(&args, trials).exit();
}
