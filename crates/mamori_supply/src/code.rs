//! Imports in code, read from the tree-sitter trees: Python `import`/`from`/`__import__`/
//! `importlib.import_module`, JavaScript and TypeScript `import`/`export ... from`/
//! `require`/dynamic `import()`/`import x = require()`, Rust `use` and `extern crate`; and
//! the names code defines (Rust `mod`, TypeScript `declare module "x"`).

use mamori_lang::{Kinds, Language, NodeList, Visit};
use mamori_text::Span;
use tree_sitter::Node;

use crate::index::Ecosystem;
use crate::model::{FileFacts, Origin, Provided};
use crate::names::npm_package_of;

fn text<'a>(n: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(src.get(n.byte_range()).unwrap_or_default()).unwrap_or_default()
}

fn span(n: Node<'_>) -> Span {
    Span::new(n.start_byte(), n.end_byte())
}

/// Visits the nodes of the kinds in `kinds` in document order, with their kind names.
fn walk<'t>(nodes: &NodeList<'t>, kinds: &Kinds, mut f: impl FnMut(Node<'t>, &'static str)) {
    let set = kinds.of(nodes.lang());
    nodes.scan(|n, kind| {
        if set.contains(kind) {
            f(n, nodes.kind_name(kind));
        }
        Visit::Descend
    });
}

/// The kinds [`python`] looks at.
static PYTHON_KINDS: Kinds = Kinds::new(&[
    "string_content",
    "import_statement",
    "import_from_statement",
    "call",
]);
/// The kinds [`js`] looks at.
static JS_KINDS: Kinds = Kinds::new(&[
    "import_statement",
    "export_statement",
    "call_expression",
    "module",
    "internal_module",
]);
/// The kinds [`rust`] looks at.
static RUST_KINDS: Kinds = Kinds::new(&["use_declaration", "extern_crate_declaration", "mod_item"]);

/// True when `n` sits inside a `try` block (an optional import).
fn inside_try(n: Node<'_>) -> bool {
    let mut cur = n.parent();
    for _ in 0..256 {
        let Some(p) = cur else { return false };
        if p.kind() == "try_statement" {
            return true;
        }
        if matches!(
            p.kind(),
            "function_definition" | "class_definition" | "module" | "program"
        ) {
            return false;
        }
        cur = p.parent();
    }
    false
}

/// The value of a plain string literal (no interpolation), with the span of its content.
fn string_value(n: Node<'_>, src: &[u8]) -> Option<(String, Span)> {
    match n.kind() {
        // Python: string_start, string_content*, string_end; JS: string_fragment*.
        "string" => {
            let mut out = String::new();
            let mut first: Option<usize> = None;
            let mut last = 0;
            let mut c = n.walk();
            for ch in n.children(&mut c) {
                match ch.kind() {
                    "string_content" | "string_fragment" => {
                        out.push_str(text(ch, src));
                        first.get_or_insert(ch.start_byte());
                        last = ch.end_byte();
                    }
                    "interpolation" | "escape_sequence" => return None,
                    _ => {}
                }
            }
            let start = first?;
            Some((out, Span::new(start, last)))
        }
        "string_literal" | "raw_string_literal" => {
            let mut c = n.walk();
            let content = n
                .children(&mut c)
                .find(|ch| ch.kind() == "string_content")?;
            Some((text(content, src).to_string(), span(content)))
        }
        _ => None,
    }
}

/// Extracts the imports of a code file into `facts`.
pub fn extract(nodes: &NodeList<'_>, src: &[u8], facts: &mut FileFacts) {
    match nodes.lang() {
        Language::Python => python(nodes, src, facts),
        Language::Rust => rust(nodes, src, facts),
        Language::JavaScript | Language::TypeScript | Language::Tsx => js(nodes, src, facts),
    }
}

fn python_module(facts: &mut FileFacts, module: &str, sp: Span, optional: bool) {
    let module = module.trim();
    if module.is_empty() || module.starts_with('.') {
        return;
    }
    let top = module.split('.').next().unwrap_or(module);
    facts.dep(
        Ecosystem::PyPI,
        top,
        module,
        Origin::Import,
        sp,
        optional,
        false,
    );
}

fn python(nodes: &NodeList<'_>, src: &[u8], facts: &mut FileFacts) {
    let first = facts.deps.len();
    // Short string literals of the file: a module whose name the file also spells as a
    // string (`"plugin_mod.py"`, `purge_module("plugin_mod")`, `tmp / "plugin_mod"`) is
    // created or managed at run time, not installed from a registry.
    let mut found: Vec<(usize, &str)> = Vec::new();
    // Calls import modules only through these two names: without them in the file, its
    // calls need no look.
    let dynamic = memchr::memmem::find(src, b"__import__").is_some()
        || memchr::memmem::find(src, b"import_module").is_some();
    walk(nodes, &PYTHON_KINDS, |n, kind| {
        if kind == "string_content" && n.byte_range().len() <= 120 {
            found.push((n.start_byte(), text(n, src)));
        }
        if dynamic || kind != "call" {
            python_import(n, kind, src, facts);
        }
    });
    // The strings of `__import__("x")` / `import_module("x")` themselves do not count.
    let import_at: std::collections::HashSet<usize> =
        facts.deps[first..].iter().map(|d| d.span.start).collect();
    let strings: std::collections::HashSet<&str> = found
        .into_iter()
        .filter(|(at, _)| !import_at.contains(at))
        .map(|(_, s)| s)
        .collect();
    if strings.is_empty() {
        return;
    }
    for d in &mut facts.deps[first..] {
        let top = d.name.as_str();
        // `s` is `top.py`, ends in `/top` or `/top.py`, or starts with `top/`.
        let in_path = |s: &str| {
            let stem = s.strip_suffix(".py").unwrap_or(s);
            stem == top
                || stem
                    .strip_suffix(top)
                    .is_some_and(|head| head.ends_with('/'))
                || s.strip_prefix(top)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        let made_here = strings.iter().any(|s| *s == top || in_path(s));
        if made_here && d.origin == Origin::Import {
            d.local = true;
        }
    }
}

/// Records the import `n` (of kind `kind`) makes, if any.
fn python_import(n: Node<'_>, kind: &str, src: &[u8], facts: &mut FileFacts) {
    match kind {
        "import_statement" => {
            let optional = inside_try(n);
            let mut c = n.walk();
            for name in n.children_by_field_name("name", &mut c) {
                let dotted = if name.kind() == "aliased_import" {
                    name.child_by_field_name("name")
                } else {
                    Some(name)
                };
                if let Some(d) = dotted {
                    python_module(facts, text(d, src), span(d), optional);
                }
            }
        }
        "import_from_statement" => {
            if let Some(m) = n.child_by_field_name("module_name")
                && m.kind() == "dotted_name"
            {
                python_module(facts, text(m, src), span(m), inside_try(n));
            }
        }
        "call" => {
            // The callee (field `function`) is the first child.
            let Some(f) = n.child(0) else {
                return;
            };
            let is_import = match f.kind() {
                "identifier" => matches!(text(f, src), "__import__" | "import_module"),
                "attribute" => f
                    .child_by_field_name("attribute")
                    .is_some_and(|a| text(a, src) == "import_module"),
                _ => false,
            };
            if !is_import {
                return;
            }
            let Some(args) = n.child_by_field_name("arguments") else {
                return;
            };
            let Some(first) = args.named_child(0) else {
                return;
            };
            if let Some((v, sp)) = string_value(first, src) {
                python_module(facts, &v, sp, inside_try(n));
            }
        }
        _ => {}
    }
}

fn js_spec(facts: &mut FileFacts, spec: &str, sp: Span, optional: bool) {
    let spec = spec.trim();
    let spec = spec.strip_prefix("npm:").unwrap_or(spec);
    // `npm:pkg@1.2` (Deno) carries a version after the name.
    let Some(pkg) = npm_package_of(spec) else {
        return;
    };
    let pkg = match pkg.rfind('@') {
        Some(i) if i > 0 => &pkg[..i],
        _ => pkg,
    };
    if crate::names::is_node_builtin(spec) {
        return;
    }
    facts.dep(
        Ecosystem::Npm,
        pkg,
        spec,
        Origin::Import,
        sp,
        optional,
        false,
    );
}

fn js(nodes: &NodeList<'_>, src: &[u8], facts: &mut FileFacts) {
    walk(nodes, &JS_KINDS, |n, kind| match kind {
        "import_statement" | "export_statement" => {
            let source = n.child_by_field_name("source").or_else(|| {
                // TypeScript `import x = require("y")`.
                let mut c = n.walk();
                n.named_children(&mut c)
                    .find(|ch| ch.kind() == "import_require_clause")
                    .and_then(|r| r.child_by_field_name("source"))
            });
            if let Some(s) = source
                && let Some((v, sp)) = string_value(s, src)
            {
                js_spec(facts, &v, sp, false);
            }
        }
        "call_expression" => {
            // The callee (field `function`) is the first child.
            let Some(f) = n.child(0) else {
                return;
            };
            let is_import =
                f.kind() == "import" || (f.kind() == "identifier" && text(f, src) == "require");
            if !is_import {
                return;
            }
            let Some(args) = n.child_by_field_name("arguments") else {
                return;
            };
            if let Some(first) = args.named_child(0)
                && let Some((v, sp)) = string_value(first, src)
            {
                js_spec(facts, &v, sp, inside_try(n));
            }
        }
        "module" | "internal_module" => {
            // `declare module "x" { ... }` defines the module `x` for the type checker.
            if let Some(name) = n.child_by_field_name("name")
                && let Some((v, _)) = string_value(name, src)
                && let Some(pkg) = npm_package_of(&v)
            {
                facts.provides.push(Provided::NpmPackage(pkg.to_string()));
            }
        }
        _ => {}
    });
}

/// The first segment of a `use` tree.
fn use_root(n: Node<'_>) -> Option<Node<'_>> {
    let mut cur = n;
    for _ in 0..256 {
        match cur.kind() {
            "identifier" | "crate" | "self" | "super" | "metavariable" => return Some(cur),
            "scoped_identifier" | "scoped_use_list" => match cur.child_by_field_name("path") {
                Some(p) => cur = p,
                // `::{a, b}` or `::x`: a crate-rooted path; its name is the next segment.
                None => return cur.child_by_field_name("name"),
            },
            "use_as_clause" => cur = cur.child_by_field_name("path")?,
            "use_wildcard" => cur = cur.named_child(0)?,
            "use_list" => return None,
            _ => return None,
        }
    }
    None
}

fn rust(nodes: &NodeList<'_>, src: &[u8], facts: &mut FileFacts) {
    walk(nodes, &RUST_KINDS, |n, kind| match kind {
        "use_declaration" => {
            let Some(arg) = n.child_by_field_name("argument") else {
                return;
            };
            if arg.kind() == "use_list" {
                // `use {a::b, c};` (2018: each item is its own root).
                let mut c = arg.walk();
                for item in arg.named_children(&mut c) {
                    if let Some(r) = use_root(item) {
                        rust_name(facts, text(r, src), span(r));
                    }
                }
            } else if let Some(r) = use_root(arg) {
                rust_name(facts, text(r, src), span(r));
            }
        }
        "extern_crate_declaration" => {
            if let Some(name) = n.child_by_field_name("name") {
                rust_name(facts, text(name, src), span(name));
            }
        }
        "mod_item" => {
            if let Some(name) = n.child_by_field_name("name") {
                facts
                    .provides
                    .push(Provided::Crate(text(name, src).to_string()));
            }
        }
        _ => {}
    });
}

fn rust_name(facts: &mut FileFacts, name: &str, sp: Span) {
    if crate::names::is_rust_builtin(name) || name.is_empty() || name.starts_with('$') {
        return;
    }
    facts.dep(
        Ecosystem::Crates,
        name,
        name,
        Origin::Import,
        sp,
        false,
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps(lang: Language, src: &str) -> Vec<(String, String, bool)> {
        let tree = mamori_lang::parse(lang, src.as_bytes(), None).expect("parses");
        let mut f = FileFacts::new("x");
        let nodes = mamori_lang::NodeList::new(lang, &tree, src.len());
        extract(&nodes, src.as_bytes(), &mut f);
        f.deps
            .iter()
            .map(|d| {
                assert_eq!(&src[d.span.range()], d.module.trim_start_matches("npm:"));
                (d.name.clone(), d.module.clone(), d.optional)
            })
            .collect()
    }

    #[test]
    fn python_modules_the_file_names_as_paths_are_local() {
        let local = |strings: &str| {
            let src = format!("import plugin_mod\nimport other\n{strings}\n");
            let tree = mamori_lang::parse(Language::Python, src.as_bytes(), None).expect("parses");
            let mut f = FileFacts::new("x");
            let nodes = mamori_lang::NodeList::new(Language::Python, &tree, src.len());
            extract(&nodes, src.as_bytes(), &mut f);
            f.deps.iter().map(|d| d.local).collect::<Vec<bool>>()
        };
        for spelled in [
            "x = 'plugin_mod'",
            "x = 'plugin_mod.py'",
            "x = tmp / 'a/plugin_mod'",
            "x = 'a/b/plugin_mod.py'",
            "x = 'plugin_mod/data.txt'",
        ] {
            assert_eq!(local(spelled), vec![true, false], "{spelled}");
        }
        for not_it in [
            "x = 'plugin_modx'",
            "x = 'aplugin_mod'",
            "x = 'a/xplugin_mod.py'",
            "x = 'plugin_mod.pyc'",
            "x = 'plugin_modules/'",
        ] {
            assert_eq!(local(not_it), vec![false, false], "{not_it}");
        }
    }

    #[test]
    fn python_imports() {
        let src = "import os, yaml as y\nimport google.cloud.storage\nfrom requests.adapters import X\nfrom . import sib\nfrom .mod import z\ntry:\n    import ujson\nexcept ImportError:\n    pass\ndef f():\n    import numpy\n    m = __import__('pandas')\n    importlib.import_module(\"scipy.stats\")\n    importlib.import_module(name)\n";
        let got = deps(Language::Python, src);
        let names: Vec<&str> = got.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "os", "yaml", "google", "requests", "ujson", "numpy", "pandas", "scipy"
            ]
        );
        assert!(got[4].2, "ujson is optional (in try)");
        assert!(!got[5].2);
        assert_eq!(got[2].1, "google.cloud.storage");
    }

    #[test]
    fn js_imports() {
        let src = "import a from 'left-pad';\nimport type { T } from \"@types/x\";\nexport { y } from '@scope/pkg/sub';\nexport * from './local';\nconst fs = require('node:fs');\nconst b = require('lodash/fp');\nconst c = await import('chalk');\nrequire(variable);\nimport 'side-effect';\n";
        let got = deps(Language::TypeScript, src);
        let names: Vec<&str> = got.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "left-pad",
                "@types/x",
                "@scope/pkg",
                "lodash",
                "chalk",
                "side-effect"
            ]
        );
        let ts = "import fs = require('fs-extra');\ndeclare module 'virtual-thing' { }\n";
        let tree = mamori_lang::parse(Language::TypeScript, ts.as_bytes(), None).expect("parses");
        let mut f = FileFacts::new("x");
        extract(
            &mamori_lang::NodeList::new(Language::TypeScript, &tree, ts.len()),
            ts.as_bytes(),
            &mut f,
        );
        assert_eq!(f.deps[0].name, "fs-extra");
        assert_eq!(f.provides, [Provided::NpmPackage("virtual-thing".into())]);
    }

    #[test]
    fn rust_uses() {
        let src = "use std::io;\nuse serde::{Deserialize, Serialize};\nuse crate::x;\nuse self::y::*;\nuse ::tokio::sync;\nuse rand as r;\nextern crate libc;\nuse {regex::Regex, std::fmt};\nmod local;\n";
        let got = deps(Language::Rust, src);
        let names: Vec<&str> = got.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(names, ["serde", "tokio", "rand", "libc", "regex"]);
    }
}
