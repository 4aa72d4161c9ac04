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
        let rel = file.strip_prefix(&dir).map(|p| p.display().to_string()).unwrap_or_default();
        let lang = rel.split('/').next().unwrap_or("rules").to_string();
        trials.push(Trial::test(format!("{lang}::{stem}"), move || {
            let outcomes = mamori_engine::fixtures::run_rule_file(&file).map_err(|errs| {
                Failed::from(
                    errs.iter()
                        .map(|e| format!("{}:{}: {}", e.origin.name, e.line().unwrap_or(0), e.message))
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            })?;
            let failures: Vec<String> = outcomes.iter().filter(|o| !o.passed()).map(describe).collect();
            if failures.is_empty() { Ok(()) } else { Err(failures.join("\n").into()) }
        }));
    }
    trials.push(Trial::test("builtin::compiles", || {
        let set = mamori_rules::builtin().map_err(|e| Failed::from(format!("{} rule errors, first: {}", e.len(), e[0].message)))?;
        if set.is_empty() {
            return Err("no built-in rules".into());
        }
        Ok(())
    }));
    trials.push(Trial::test("builtin::embeds_every_rule_file", || {
        let dir = rules_dir();
        let embedded: Vec<String> = mamori_rules::builtin_files().iter().map(|(p, _)| (*p).to_string()).collect();
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
    libtest_mimic::run(&args, trials).exit();
}
