//! `cargo xtask new-rule` scaffolds load, compile and pass their own fixture, and tidy
//! flags the placeholders left in them.

use std::path::Path;

fn scaffold_passes(lang: &str, id: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let files =
        xtask::new_rule::scaffold(root, lang, "injection", id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(files.len(), 2);
    let outcomes = mamori_engine::fixtures::run_rule_file(&files[0]).unwrap_or_else(|e| {
        panic!(
            "scaffold does not load: {:?}",
            e.iter().map(|x| &x.message).collect::<Vec<_>>()
        )
    });
    assert_eq!(outcomes.len(), 1);
    let o = &outcomes[0];
    assert!(o.passed(), "{o:?}");
    assert_eq!((o.expected_count, o.ok_count), (1, 1));
    // Placeholders make tidy fail until they are filled in.
    let problems = xtask::tidy::check(root);
    assert!(
        problems
            .iter()
            .any(|p| p.contains(xtask::tidy::SCAFFOLD_MARKER)),
        "{problems:?}"
    );
    // Refuses to overwrite.
    assert!(xtask::new_rule::scaffold(root, lang, "injection", id).is_err());
}

#[test]
fn python_scaffold() {
    scaffold_passes("python", "python-example-hazard");
}

#[test]
fn javascript_scaffold() {
    scaffold_passes("js", "js-example-hazard");
}

#[test]
fn rust_scaffold() {
    scaffold_passes("rust", "rust-example-hazard");
}

#[test]
fn bad_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root: &Path = dir.path();
    assert!(xtask::new_rule::scaffold(root, "python", "injection", "js-x").is_err());
    assert!(xtask::new_rule::scaffold(root, "python", "injection", "python-no-eval").is_err());
    assert!(xtask::new_rule::scaffold(root, "cobol", "injection", "cobol-x").is_err());
    assert!(xtask::new_rule::scaffold(root, "python", "Bad Family", "python-x").is_err());
}
