//! Cross-file taint: which files of the scanned tree a file imports, so the function
//! summaries computed for those files can be used at call sites in this one.
//!
//! Python: `from .helpers import f`, `from pkg.mod import f`, `import pkg.mod`;
//! JavaScript/TypeScript: relative `import ... from './x'`, `export ... from './x'`,
//! `require('./x')`, `import('./x')`. Package imports (not files of the tree) are ignored.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use mamori_lang::{Kinds, Language, NodeList, Visit};

/// An import as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportSpec {
    /// Python: leading dots (0 = absolute) and the dotted module path.
    Python { level: usize, module: String },
    /// JS/TS: the module specifier string.
    Js(String),
}

/// Imports of a file, found with one walk over its nodes.
#[must_use]
pub fn collect(nodes: &NodeList<'_>, src: &[u8]) -> Vec<ImportSpec> {
    let lang = nodes.lang();
    let bytes = |n: tree_sitter::Node<'_>| src.get(n.byte_range()).unwrap_or_default();
    let text = |n: tree_sitter::Node<'_>| String::from_utf8_lossy(bytes(n)).into_owned();
    let kinds = IMPORT_KINDS.of(lang);
    let mut out = Vec::new();
    nodes.scan(|n, kind| {
        if !kinds.contains(kind) {
            return Visit::Descend;
        }
        match (lang, nodes.kind_name(kind)) {
            (Language::Python, "import_from_statement") => {
                if let Some(m) = n.child_by_field_name("module_name") {
                    let t = text(m);
                    let level = t.chars().take_while(|c| *c == '.').count();
                    let module = t[level..].trim().to_string();
                    // `from . import helpers` imports modules by name.
                    if module.is_empty() {
                        let mut c = n.walk();
                        for name in n.children_by_field_name("name", &mut c) {
                            let nm = name.child_by_field_name("name").unwrap_or(name);
                            out.push(ImportSpec::Python {
                                level,
                                module: text(nm),
                            });
                        }
                    } else {
                        out.push(ImportSpec::Python { level, module });
                    }
                }
            }
            (Language::Python, "import_statement") => {
                let mut c = n.walk();
                for name in n.children_by_field_name("name", &mut c) {
                    let nm = name.child_by_field_name("name").unwrap_or(name);
                    out.push(ImportSpec::Python {
                        level: 0,
                        module: text(nm),
                    });
                }
            }
            (l, "import_statement" | "export_statement") if l.is_js_family() => {
                if let Some(s) = n.child_by_field_name("source") {
                    out.push(ImportSpec::Js(unquote(&text(s))));
                }
            }
            (l, "call_expression") if l.is_js_family() => {
                if let Some(f) = n.child_by_field_name("function")
                    && matches!(bytes(f), b"require" | b"import")
                    && let Some(args) = n.child_by_field_name("arguments")
                {
                    let mut c = args.walk();
                    if let Some(first) = args.named_children(&mut c).next()
                        && first.kind() == "string"
                    {
                        out.push(ImportSpec::Js(unquote(&text(first))));
                    }
                }
            }
            _ => {}
        }
        Visit::Descend
    });
    out.dedup();
    out
}

/// The kinds of node [`collect`] reads, in any language.
static IMPORT_KINDS: Kinds = Kinds::new(&[
    "import_from_statement",
    "import_statement",
    "export_statement",
    "call_expression",
]);

fn unquote(s: &str) -> String {
    s.trim_matches(|c| c == '"' || c == '\'' || c == '`')
        .to_string()
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The scanned files, indexed for import resolution: absolute Python imports look up
/// files by name instead of testing every path of the tree against the module path.
#[derive(Debug, Default)]
pub struct ScannedFiles {
    all: HashSet<PathBuf>,
    /// `name.py` → files with that name.
    by_name: HashMap<OsString, Vec<PathBuf>>,
    /// `pkg` → the `pkg/__init__.py` files.
    init_by_dir: HashMap<OsString, Vec<PathBuf>>,
}

impl ScannedFiles {
    #[must_use]
    pub fn new(files: impl IntoIterator<Item = PathBuf>) -> Self {
        let mut s = Self::default();
        for f in files {
            if let Some(name) = f.file_name() {
                if name == "__init__.py" {
                    if let Some(dir) = f.parent().and_then(Path::file_name) {
                        s.init_by_dir
                            .entry(dir.to_os_string())
                            .or_default()
                            .push(f.clone());
                    }
                } else {
                    s.by_name
                        .entry(name.to_os_string())
                        .or_default()
                        .push(f.clone());
                }
            }
            s.all.insert(f);
        }
        s
    }

    #[must_use]
    pub fn contains(&self, p: &Path) -> bool {
        self.all.contains(p)
    }
}

/// The scanned file an import refers to, if any.
#[must_use]
pub fn resolve(from: &Path, spec: &ImportSpec, files: &ScannedFiles) -> Option<PathBuf> {
    let dir = from.parent().unwrap_or(Path::new(""));
    match spec {
        ImportSpec::Js(s) => {
            if !(s.starts_with("./") || s.starts_with("../")) {
                return None;
            }
            let base = normalize(&dir.join(s));
            let mut candidates = vec![base.clone()];
            for ext in ["js", "ts", "mjs", "cjs", "jsx", "tsx", "mts", "cts"] {
                let mut with = base.clone().into_os_string();
                with.push(format!(".{ext}"));
                candidates.push(PathBuf::from(with));
                candidates.push(base.join(format!("index.{ext}")));
            }
            // `./x.js` written for a `x.ts` source (TypeScript ESM style).
            if let Some(stem) = base.file_stem() {
                for ext in ["ts", "tsx", "mts"] {
                    candidates
                        .push(base.with_file_name(format!("{}.{ext}", stem.to_string_lossy())));
                }
            }
            candidates.into_iter().find(|c| files.contains(c))
        }
        ImportSpec::Python { level, module } => {
            let rel: PathBuf = module.split('.').filter(|p| !p.is_empty()).collect();
            if *level > 0 {
                let mut base = dir.to_path_buf();
                for _ in 1..*level {
                    base.pop();
                }
                let b = normalize(&base.join(&rel));
                for c in [b.with_extension("py"), b.join("__init__.py")] {
                    if files.contains(&c) {
                        return Some(c);
                    }
                }
                return None;
            }
            // Absolute: a file of the tree whose path ends with the module path; prefer
            // the one closest to the importing file.
            let suffixes = [rel.with_extension("py"), rel.join("__init__.py")];
            let last = rel.file_name()?;
            let mut module_file = last.to_os_string();
            module_file.push(".py");
            let candidates = files
                .by_name
                .get(&module_file)
                .into_iter()
                .chain(files.init_by_dir.get(last))
                .flatten();
            let mut best: Option<&PathBuf> = None;
            for f in candidates {
                if suffixes.iter().any(|s| f.ends_with(s)) {
                    let better = match best {
                        None => true,
                        Some(b) => {
                            common_prefix(f, from) > common_prefix(b, from)
                                || (common_prefix(f, from) == common_prefix(b, from) && f < b)
                        }
                    };
                    if better {
                        best = Some(f);
                    }
                }
            }
            best.cloned()
        }
    }
}

fn common_prefix(a: &Path, b: &Path) -> usize {
    a.components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_absolute() {
        let files = ScannedFiles::new(
            [
                "app/main.py",
                "app/helpers.py",
                "app/db/__init__.py",
                "web/server.js",
                "web/lib/run.ts",
            ]
            .iter()
            .map(PathBuf::from),
        );
        let from = Path::new("app/main.py");
        assert_eq!(
            resolve(
                from,
                &ImportSpec::Python {
                    level: 1,
                    module: "helpers".into()
                },
                &files
            ),
            Some(PathBuf::from("app/helpers.py"))
        );
        assert_eq!(
            resolve(
                from,
                &ImportSpec::Python {
                    level: 0,
                    module: "app.db".into()
                },
                &files
            ),
            Some(PathBuf::from("app/db/__init__.py"))
        );
        assert_eq!(
            resolve(
                from,
                &ImportSpec::Python {
                    level: 0,
                    module: "os".into()
                },
                &files
            ),
            None
        );
        let js = Path::new("web/server.js");
        assert_eq!(
            resolve(js, &ImportSpec::Js("./lib/run".into()), &files),
            Some(PathBuf::from("web/lib/run.ts"))
        );
        assert_eq!(
            resolve(js, &ImportSpec::Js("./lib/run.js".into()), &files),
            Some(PathBuf::from("web/lib/run.ts"))
        );
        assert_eq!(resolve(js, &ImportSpec::Js("express".into()), &files), None);
    }
}
