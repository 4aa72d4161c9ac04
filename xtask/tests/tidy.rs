//! Every built-in rule follows the conventions `cargo xtask tidy` checks.

#[test]
fn built_in_rules_are_tidy() {
    let problems = xtask::tidy::check(&xtask::workspace_root());
    assert!(
        problems.is_empty(),
        "cargo xtask tidy found {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
