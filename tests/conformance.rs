//! The pattern-language conformance suite: one small rule and annotated fixture per
//! feature and language under `tests/conformance/<lang>/`, checked exactly like the
//! built-in rules; and rule-error snapshots under `tests/conformance/errors/`, where each
//! `<case>.yaml` must fail to load with the miette rendering in `<case>.stderr`
//! (regenerate with `MAMORI_BLESS=1 cargo test -p mamori_tests --test conformance`).

use std::path::Path;

use libtest_mimic::{Arguments, Failed, Trial};
use mamori_tests::{describe, repo_root};

fn main() {
    let args = Arguments::from_args();
    let dir = repo_root().join("tests/conformance");
    let mut trials = Vec::new();
    for file in mamori_rules::rule_files(&dir) {
        let rel = file
            .strip_prefix(&dir)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if rel.starts_with("errors/") {
            trials.push(error_case(&file, rel));
            continue;
        }
        trials.push(Trial::test(
            rel.trim_end_matches(".yaml").replace('/', "::"),
            move || {
                let outcomes = mamori_engine::fixtures::run_rule_file(&file).map_err(|errs| {
                    Failed::from(
                        errs.iter()
                            .map(|e| e.message.clone())
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
            },
        ));
    }
    libtest_mimic::run(&args, trials).exit();
}

fn error_case(file: &Path, rel: String) -> Trial {
    let file = file.to_path_buf();
    Trial::test(
        rel.trim_end_matches(".yaml").replace('/', "::"),
        move || {
            let root = repo_root();
            let shown = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            let text = std::fs::read_to_string(&file).map_err(|e| Failed::from(e.to_string()))?;
            let errors = match mamori_rules::load_str(&shown, &text) {
                Err(e) => e,
                Ok(defs) => match mamori_rules::RuleSet::compile(defs) {
                    Err(e) => e,
                    Ok(_) => return Err("the rule loaded, but this case expects an error".into()),
                },
            };
            let rendered = render(errors);
            let expected_path = file.with_extension("stderr");
            if std::env::var_os("MAMORI_BLESS").is_some() {
                std::fs::write(&expected_path, &rendered)
                    .map_err(|e| Failed::from(e.to_string()))?;
                return Ok(());
            }
            let expected = std::fs::read_to_string(&expected_path).map_err(|_| {
                Failed::from(format!(
                    "missing {}; run with MAMORI_BLESS=1\n--- actual ---\n{rendered}",
                    expected_path.display()
                ))
            })?;
            if expected == rendered {
                Ok(())
            } else {
                Err(format!("error rendering changed\n--- expected ---\n{expected}\n--- actual ---\n{rendered}").into())
            }
        },
    )
}

/// miette's graphical rendering without colour, as `mamori` prints it off a terminal.
fn render(errors: Vec<mamori_rules::RuleError>) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    let mut s = String::new();
    for e in errors {
        let wrapped = mamori_rules::RuleErrors(vec![e]);
        if handler.render_report(&mut s, &wrapped).is_err() {
            s.push_str(&wrapped.to_string());
        }
        s.push('\n');
    }
    s
}
