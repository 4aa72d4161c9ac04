//! Names: PEP 503 normalization, standard-library and built-in module lists, the Python
//! import-name → distribution table, and npm specifier parsing.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// PEP 503 normalization: lower case, runs of `-`, `_` and `.` become one `-`.
#[must_use]
pub fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
            continue;
        }
        if sep && !out.is_empty() {
            out.push('-');
        }
        sep = false;
        out.extend(c.to_lowercase());
    }
    out
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static PY_STDLIB: &str = include_str!("../data/python-stdlib.txt");
static NODE_BUILTINS: &str = include_str!("../data/node-builtins.txt");
static PY_IMPORT_NAMES: &str = include_str!("../data/python-import-names.tsv");

/// True for a top-level module of the Python standard library (3.x and 2.7).
#[must_use]
pub fn is_python_stdlib(top: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lines(PY_STDLIB).collect()).contains(top)
}

/// True for a Node.js built-in (`fs`, `node:fs`, `fs/promises`, `node:test`, ...).
#[must_use]
pub fn is_node_builtin(spec: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| lines(NODE_BUILTINS).collect());
    if let Some(rest) = spec.strip_prefix("node:") {
        return set.contains(rest) || set.contains(rest.split('/').next().unwrap_or(rest));
    }
    set.contains(spec) || set.contains(spec.split('/').next().unwrap_or(spec))
}

/// True for crates that come with the Rust toolchain.
#[must_use]
pub fn is_rust_builtin(name: &str) -> bool {
    matches!(
        name,
        "std" | "core" | "alloc" | "proc_macro" | "test" | "crate" | "self" | "super" | "Self"
    )
}

/// The PyPI distributions known to provide the Python module `top` (from
/// `data/python-import-names.tsv`), normalized; empty when the table has no entry, `["-"]`
/// for modules that come from the operating system or a special interpreter.
#[must_use]
pub fn python_distributions(top: &str) -> &'static [String] {
    static MAP: OnceLock<HashMap<&'static str, Vec<String>>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<String>> = HashMap::new();
        for l in lines(PY_IMPORT_NAMES) {
            if let Some((module, dist)) = l.split_once('\t') {
                let v = m.entry(module.trim()).or_default();
                let d = if dist.trim() == "-" {
                    "-".to_string()
                } else {
                    pep503(dist)
                };
                if !v.contains(&d) {
                    v.push(d);
                }
            }
        }
        m
    });
    map.get(top).map_or(&[], Vec::as_slice)
}

/// The npm package named by an import specifier: `@scope/name/sub` → `@scope/name`,
/// `lodash/fp` → `lodash`. `None` for relative, absolute, URL, built-in-scheme and
/// otherwise non-package specifiers.
#[must_use]
pub fn npm_package_of(spec: &str) -> Option<&str> {
    let s = spec.trim();
    if s.is_empty()
        || s.starts_with('.')
        || s.starts_with('/')
        || s.starts_with('#')
        || s.starts_with('~')
        || s.contains(':')
        || s.contains('\\')
        || s.contains('!')
        || s.contains('?')
        || s.contains('$')
        || s.contains('{')
        || s.contains('*')
        || s.contains(' ')
    {
        return None;
    }
    let end = if s.starts_with('@') {
        let slash = s.find('/')?;
        if slash == 1 {
            return None;
        }
        s[slash + 1..].find('/').map_or(s.len(), |i| slash + 1 + i)
    } else {
        s.find('/').unwrap_or(s.len())
    };
    let name = &s[..end];
    if name.ends_with('/') || name.len() > 214 {
        return None;
    }
    // A conservative check of npm's naming rules: the parts we compare against the index.
    let valid = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '/' | '~'));
    valid.then_some(name)
}

/// True for modules the table marks as provided outside PyPI (`apt_pkg`, `bpy`, ...).
#[must_use]
pub fn is_python_system_module(top: &str) -> bool {
    python_distributions(top).first().is_some_and(|d| d == "-")
}

/// True for tests, fixtures and docs (`tests/`, `test_x.py`, `conftest.py`, `__tests__/`,
/// `*.test.ts`, `fixtures/`, `docs/`, `examples/`): code there imports modules created at
/// run time or deliberately missing ones, so imports there are not checked (manifests
/// always are).
#[must_use]
pub fn is_test_or_sample_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let dir_hit = lower.split('/').rev().skip(1).any(|d| {
        matches!(
            d,
            "test"
                | "tests"
                | "testing"
                | "__tests__"
                | "spec"
                | "specs"
                | "fixtures"
                | "__fixtures__"
                | "fixture"
                | "testdata"
                | "test_data"
                | "e2e"
                | "docs"
                | "doc"
                | "examples"
                | "example"
                | "samples"
                | "sample"
                | "__mocks__"
                | "mocks"
                | "benchmarks"
                | "benches"
        ) || d.starts_with("test_")
            || d.ends_with("_tests")
            || d.ends_with("-tests")
            || d.starts_with("docs_")
    });
    dir_hit
        || name.starts_with("test_")
        || name == "conftest.py"
        || name.ends_with("_test.py")
        || name.contains(".test.")
        || name.contains(".spec.")
}

/// True when `name` looks like a package name that a registry could hold (ASCII letters,
/// digits and `-_.`, starting with a letter or digit).
#[must_use]
pub fn plausible_python_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization() {
        assert_eq!(pep503("Foo.Bar__baz"), "foo-bar-baz");
        assert_eq!(pep503("ruamel.yaml"), "ruamel-yaml");
        assert_eq!(pep503(" PyYAML "), "pyyaml");
        assert_eq!(pep503("_private"), "private");
    }

    #[test]
    fn stdlib_and_builtins() {
        for m in [
            "os",
            "sys",
            "asyncio",
            "tomllib",
            "urllib2",
            "_thread",
            "winreg",
            "distutils",
        ] {
            assert!(is_python_stdlib(m), "{m}");
        }
        assert!(!is_python_stdlib("requests"));
        for m in [
            "fs",
            "node:fs",
            "fs/promises",
            "node:test",
            "path/posix",
            "node:sqlite",
        ] {
            assert!(is_node_builtin(m), "{m}");
        }
        assert!(!is_node_builtin("express"));
        assert!(!is_node_builtin("node:nonsense"));
    }

    #[test]
    fn import_name_table() {
        assert_eq!(python_distributions("yaml"), ["pyyaml"]);
        assert!(python_distributions("cv2").contains(&"opencv-python".to_string()));
        assert_eq!(python_distributions("PIL"), ["pillow"]);
        assert_eq!(python_distributions("sklearn"), ["scikit-learn"]);
        assert!(python_distributions("nothing_here").is_empty());
    }

    #[test]
    fn npm_specifiers() {
        assert_eq!(npm_package_of("lodash/fp"), Some("lodash"));
        assert_eq!(npm_package_of("@babel/core/lib/x"), Some("@babel/core"));
        assert_eq!(npm_package_of("@types/node"), Some("@types/node"));
        assert_eq!(npm_package_of("./x"), None);
        assert_eq!(npm_package_of("node:fs"), None);
        assert_eq!(npm_package_of("https://x.y/z.js"), None);
        assert_eq!(npm_package_of("@/components/x"), None);
        assert_eq!(npm_package_of("#internal"), None);
        assert_eq!(npm_package_of("virtual:pwa"), None);
    }
}
