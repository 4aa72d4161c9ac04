//! Supply-chain checks: which packages a project depends on (imports in code and manifest
//! entries), which of those names are not real or are near-misses of popular packages
//! (an offline index of PyPI and npm names shipped with mamori), and, on request, what the
//! live registries say about them.
//!
//! Two steps, so the engine can run the first in parallel per file:
//!
//! 1. [`analyze_code`] / [`analyze_extra`]: per file, the dependencies it mentions and the
//!    names it defines ([`FileFacts`]), plus per-file issues (unpinned MCP servers).
//! 2. [`check`]: across all files, resolve every mention (standard library, first-party
//!    modules, declared dependencies) and judge the rest against the index.
//!
//! Invariant: never reads files or the environment (except [`online::user_cache_dir`],
//! meant for the CLI) and never prints; network access happens only in [`online`], only
//! when asked, and sends nothing but package names.

pub mod check;
pub mod code;
pub mod index;
pub mod manifest;
pub mod mcp;
pub mod model;
pub mod names;
pub mod online;
pub mod rules;
pub mod typo;

use mamori_lang::Language;

pub use check::check;
pub use model::{Dependency, FileFacts, Issue, Origin, Provided};
pub use online::OnlineOptions;
pub use rules::rules;

/// True for the non-code files the analysis reads: manifests, `tsconfig.json`, MCP
/// configurations, and Cython sources (for first-party module names).
#[must_use]
pub fn wants_extra_file(path: &str) -> bool {
    manifest::kind(path).is_some()
        || mcp::is_mcp_config(path)
        || path.ends_with(".pyx")
        || path.ends_with(".pxd")
}

/// Per-file step for a code file. `path` is the display path, `rel` the path relative to
/// the scan root (tests and docs are recognised by it).
#[must_use]
pub fn analyze_code(
    path: &str,
    rel: &str,
    nodes: &mamori_lang::NodeList<'_>,
    src: &[u8],
) -> FileFacts {
    let mut facts = FileFacts::new(path);
    facts.rel = rel.to_string();
    code::extract(nodes, src, &mut facts);
    if nodes.lang() == Language::Python && path.rsplit('/').next() == Some("setup.py") {
        manifest::setup_py(nodes.tree(), src, &mut facts);
    }
    // Facts are kept for every file until the end of the scan: leave out the imports
    // `check` never looks at (in tests and samples, of the standard library or the OS).
    let in_tests = names::is_test_or_sample_path(rel);
    facts.deps.retain(|d| {
        d.origin != Origin::Import
            || !(in_tests
                || d.eco == model::Ecosystem::PyPI
                    && (names::is_python_stdlib(&d.name)
                        || names::is_python_system_module(&d.name)))
    });
    facts.deps.shrink_to_fit();
    facts
}

/// Per-file step for a file [`wants_extra_file`] accepted (`rel` as for
/// [`analyze_code`]).
#[must_use]
pub fn analyze_extra(path: &str, rel: &str, src: &str) -> (FileFacts, Vec<Issue>) {
    let mut facts = FileFacts::new(path);
    facts.rel = rel.to_string();
    let mut issues = Vec::new();
    if let Some(kind) = manifest::kind(path) {
        manifest::parse(kind, src, &mut facts);
    }
    if mcp::is_mcp_config(path) {
        mcp::analyze(src, &mut facts, &mut issues);
    }
    (facts, issues)
}
