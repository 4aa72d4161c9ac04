//! The committed `docs/rules` pages match what `cargo xtask codegen` generates.

#[test]
fn rule_docs_are_up_to_date() {
    let root = xtask::workspace_root();
    let stale = xtask::codegen::check(&root).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stale.is_empty(),
        "{}\n(run `cargo xtask codegen`)",
        xtask::codegen::stale_message(&stale)
    );
}

#[test]
fn generation_is_deterministic() {
    let root = xtask::workspace_root();
    let a = xtask::codegen::generate(&root).unwrap_or_else(|e| panic!("{e}"));
    let b = xtask::codegen::generate(&root).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, b);
    assert!(a.contains_key("docs/rules/README.md"));
}
