//! Import aliases of one file: which local names stand for which module paths, so that a
//! pattern written as `subprocess.run(...)` also matches `sp.run(...)` after
//! `import subprocess as sp`, or `run(...)` after `from subprocess import run`.

use std::collections::HashSet;

use mamori_lang::{NodeList, Visit};
use tree_sitter::Node;

use crate::spec::{ImportForm, Spec};

/// Local name → the dotted path it stands for.
#[derive(Debug, Default)]
pub struct ImportMap {
    map: crate::hash::FastMap<Vec<u8>, Vec<Vec<u8>>>,
}

impl ImportMap {
    /// Scan a whole tree (iteratively) for import forms of `lang`.
    #[must_use]
    pub fn build(nodes: &NodeList<'_>, src: &[u8], sp: &Spec) -> Self {
        let mut m = ImportMap::default();
        let entries = nodes.entries();
        if entries.is_empty() {
            nodes.walk_all(|node, kind, _| m.step(node, kind, src, sp));
            return m;
        }
        // The listed nodes in order, jumping over the subtrees not to look into.
        let mut i = 0;
        while let Some(e) = entries.get(i) {
            i = match m.step(e.node, e.kind, src, sp) {
                Visit::Descend => i + 1,
                Visit::Skip | Visit::Stop => (e.end as usize).max(i + 1),
            };
        }
        m
    }

    /// Record what `node` imports; say whether to look inside it.
    fn step(&mut self, node: Node<'_>, kind: u16, src: &[u8], sp: &Spec) -> Visit {
        let form = sp.import_form(kind);
        let inside = if form == ImportForm::None {
            true
        } else {
            self.visit(node, form, src)
        };
        if inside && sp.may_hold_imports(kind) {
            Visit::Descend
        } else {
            Visit::Skip
        }
    }

    /// The full path for `parts` when its head is an imported alias.
    #[must_use]
    pub fn resolve(&self, parts: &[&[u8]]) -> Option<Vec<Vec<u8>>> {
        let (head, rest) = parts.split_first()?;
        let base = self.map.get(*head)?;
        let mut out = base.clone();
        out.extend(rest.iter().map(|p| p.to_vec()));
        Some(out)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every part of an imported path that its local name does not spell.
    #[must_use]
    pub fn aliased_parts(&self) -> Vec<&[u8]> {
        let mut out: Vec<&[u8]> = Vec::new();
        for (local, path) in &self.map {
            for part in path {
                if part != local {
                    out.push(part);
                }
            }
        }
        out
    }

    fn insert(&mut self, local: &[u8], path: Vec<Vec<u8>>) {
        let trivial = path.len() == 1 && path[0] == local;
        if !local.is_empty() && !path.is_empty() && !trivial {
            self.map.insert(local.to_vec(), path);
        }
    }

    /// Record what `node` (an import form) imports; returns whether to look inside it.
    fn visit(&mut self, node: Node<'_>, form: ImportForm, src: &[u8]) -> bool {
        let text = |n: Node<'_>| src.get(n.byte_range()).unwrap_or_default();
        match form {
            ImportForm::PyImport => {
                for (path, alias) in python_import_names(node) {
                    if let Some(alias) = alias {
                        self.insert(text(alias), split_dots(text(path)));
                    }
                }
                false
            }
            ImportForm::PyFrom => {
                let Some(module) = node.child_by_field_name("module_name") else {
                    return false;
                };
                if module.kind() == "relative_import" {
                    return false;
                }
                let base = split_dots(text(module));
                for (orig, alias) in python_import_names(node) {
                    let mut path = base.clone();
                    path.extend(split_dots(text(orig)));
                    self.insert(text(alias.unwrap_or(orig)), path);
                }
                false
            }
            ImportForm::JsImport => {
                let Some(source) = node.child_by_field_name("source") else {
                    return false;
                };
                let module = js_module_name(text(source));
                let mut c = node.walk();
                for ch in node.named_children(&mut c) {
                    if ch.kind() == "import_clause" {
                        self.js_import_clause(ch, &module, src);
                    }
                }
                false
            }
            ImportForm::JsDeclarator => {
                if let (Some(name), Some(value)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("value"),
                ) && let Some(path) = js_require_path(value, src)
                {
                    match name.kind() {
                        "identifier" => self.insert(text(name), path),
                        "object_pattern" => {
                            let mut c = name.walk();
                            for p in name.named_children(&mut c) {
                                match p.kind() {
                                    "shorthand_property_identifier_pattern" => {
                                        let mut full = path.clone();
                                        full.push(text(p).to_vec());
                                        self.insert(text(p), full);
                                    }
                                    "pair_pattern" => {
                                        if let (Some(k), Some(v)) = (
                                            p.child_by_field_name("key"),
                                            p.child_by_field_name("value"),
                                        ) && v.kind() == "identifier"
                                        {
                                            let mut full = path.clone();
                                            full.push(text(k).to_vec());
                                            self.insert(text(v), full);
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                true
            }
            ImportForm::RustUse => {
                if let Some(arg) = node.child_by_field_name("argument") {
                    self.rust_use(arg, &[], src);
                }
                false
            }
            ImportForm::None => true,
        }
    }

    fn js_import_clause(&mut self, clause: Node<'_>, module: &[u8], src: &[u8]) {
        let text = |n: Node<'_>| src.get(n.byte_range()).unwrap_or_default();
        let mut c = clause.walk();
        for ch in clause.named_children(&mut c) {
            match ch.kind() {
                "identifier" => self.insert(text(ch), vec![module.to_vec()]),
                "namespace_import" => {
                    let mut c2 = ch.walk();
                    if let Some(id) = ch
                        .named_children(&mut c2)
                        .find(|n| n.kind() == "identifier")
                    {
                        self.insert(text(id), vec![module.to_vec()]);
                    }
                }
                "named_imports" => {
                    let mut c2 = ch.walk();
                    for spec in ch.named_children(&mut c2) {
                        if spec.kind() != "import_specifier" {
                            continue;
                        }
                        let Some(name) = spec.child_by_field_name("name") else {
                            continue;
                        };
                        let local = spec.child_by_field_name("alias").unwrap_or(name);
                        self.insert(
                            text(local),
                            vec![module.to_vec(), strip_quotes(text(name)).to_vec()],
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// `use` trees, walked with an explicit stack; lists nested deeper than
    /// [`MAX_USE_DEPTH`] are ignored (each level copies its path prefix).
    fn rust_use(&mut self, n: Node<'_>, prefix: &[Vec<u8>], src: &[u8]) {
        let text = |n: Node<'_>| src.get(n.byte_range()).unwrap_or_default();
        let mut stack = vec![(n, prefix.to_vec())];
        while let Some((n, prefix)) = stack.pop() {
            if prefix.len() > MAX_USE_DEPTH {
                continue;
            }
            match n.kind() {
                "identifier" => {
                    let mut p = prefix;
                    p.push(text(n).to_vec());
                    self.insert(text(n), p);
                }
                "scoped_identifier" => {
                    let mut p = prefix;
                    p.extend(split_path(text(n)));
                    if let Some(last) = p.last().cloned() {
                        self.insert(&last, p);
                    }
                }
                "use_as_clause" => {
                    if let (Some(path), Some(alias)) = (
                        n.child_by_field_name("path"),
                        n.child_by_field_name("alias"),
                    ) {
                        let mut p = prefix;
                        p.extend(split_path(text(path)));
                        self.insert(text(alias), p);
                    }
                }
                "scoped_use_list" => {
                    let mut p = prefix;
                    if let Some(path) = n.child_by_field_name("path") {
                        p.extend(split_path(text(path)));
                    }
                    if let Some(list) = n.child_by_field_name("list") {
                        stack.push((list, p));
                    }
                }
                "use_list" => {
                    let mut c = n.walk();
                    let kids: Vec<Node<'_>> = n.named_children(&mut c).collect();
                    // Reversed, so items are inserted in source order (first wins).
                    for ch in kids.into_iter().rev() {
                        stack.push((ch, prefix.clone()));
                    }
                }
                _ => {}
            }
        }
    }
}

/// Deepest `use` path considered (`use a::{b::{c::{...}}}`).
const MAX_USE_DEPTH: usize = 64;

/// The names one Python `import` / `from … import` statement binds: `(imported, alias)`
/// for each, `alias` set for `x as y` (an `x as` missing its alias is skipped).
fn python_import_names(node: Node<'_>) -> Vec<(Node<'_>, Option<Node<'_>>)> {
    let mut c = node.walk();
    node.children_by_field_name("name", &mut c)
        .filter_map(|name| {
            if name.kind() == "aliased_import" {
                Some((
                    name.child_by_field_name("name")?,
                    Some(name.child_by_field_name("alias")?),
                ))
            } else {
                Some((name, None))
            }
        })
        .collect()
}

/// Standard library modules commonly imported from their package (`from os import path`,
/// `from urllib import parse`): these `from` imports bind modules, the others objects.
fn is_stdlib_submodule(name: &[u8]) -> bool {
    matches!(
        name,
        b"path"
            | b"parse"
            | b"request"
            | b"error"
            | b"client"
            | b"futures"
            | b"ElementTree"
            | b"cElementTree"
            | b"minidom"
            | b"etree"
    )
}

/// Local names a Python file binds to modules, wherever the import is: `import os`,
/// `import os.path` (`os`), `import xml.etree.ElementTree as ET`, `from os import path`.
pub(crate) fn python_module_names(root: Node<'_>, src: &[u8]) -> HashSet<String> {
    let text = |n: Node<'_>| src.get(n.byte_range()).unwrap_or_default();
    let mut out = HashSet::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "import_statement" => {
                for (path, alias) in python_import_names(n) {
                    let local = match alias {
                        Some(a) => text(a),
                        None => text(path).split(|&b| b == b'.').next().unwrap_or_default(),
                    };
                    out.insert(String::from_utf8_lossy(local).trim().to_string());
                }
            }
            "import_from_statement" => {
                for (orig, alias) in python_import_names(n) {
                    if is_stdlib_submodule(text(orig)) {
                        out.insert(
                            String::from_utf8_lossy(text(alias.unwrap_or(orig))).into_owned(),
                        );
                    }
                }
            }
            _ => {
                let mut c = n.walk();
                stack.extend(n.named_children(&mut c));
            }
        }
    }
    out
}

fn split_dots(t: &[u8]) -> Vec<Vec<u8>> {
    t.split(|b| *b == b'.')
        .map(|s| {
            s.iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect()
        })
        .collect()
}

fn split_path(t: &[u8]) -> Vec<Vec<u8>> {
    let s = String::from_utf8_lossy(t);
    s.split("::")
        .map(|p| p.trim().as_bytes().to_vec())
        .filter(|p| !p.is_empty())
        .collect()
}

fn strip_quotes(t: &[u8]) -> &[u8] {
    let t = t
        .strip_prefix(b"\"")
        .or_else(|| t.strip_prefix(b"'"))
        .unwrap_or(t);
    t.strip_suffix(b"\"")
        .or_else(|| t.strip_suffix(b"'"))
        .unwrap_or(t)
}

fn js_module_name(lit: &[u8]) -> Vec<u8> {
    let m = strip_quotes(lit);
    m.strip_prefix(b"node:").unwrap_or(m).to_vec()
}

/// `require('m')` → [m]; `require('m').a.b` → [m, a, b].
fn js_require_path(n: Node<'_>, src: &[u8]) -> Option<Vec<Vec<u8>>> {
    let text = |n: Node<'_>| src.get(n.byte_range()).unwrap_or_default();
    match n.kind() {
        "call_expression" => {
            let f = n.child_by_field_name("function")?;
            if text(f) != b"require" {
                return None;
            }
            let args = n.child_by_field_name("arguments")?;
            let mut c = args.walk();
            let first = args.named_children(&mut c).next()?;
            if first.kind() != "string" {
                return None;
            }
            Some(vec![js_module_name(text(first))])
        }
        "member_expression" => {
            let obj = n.child_by_field_name("object")?;
            let prop = n.child_by_field_name("property")?;
            let mut p = js_require_path(obj, src)?;
            p.push(text(prop).to_vec());
            Some(p)
        }
        "await_expression" | "parenthesized_expression" => {
            let mut c = n.walk();
            let inner = n.named_children(&mut c).next()?;
            js_require_path(inner, src)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::ImportMap;
    use mamori_lang::{Language, NodeList};

    /// What each name resolves to in `code`, listed and (padded past the listing limit)
    /// walked with a cursor: both must agree.
    fn resolved(lang: Language, code: &str, names: &[&str]) -> Vec<String> {
        let comment = if lang == Language::Python { "#" } else { "//" };
        let padded = format!(
            "{code}\n{comment} {}\n",
            "x".repeat(mamori_lang::nodes::MAX_LISTED_BYTES)
        );
        let mut out = Vec::new();
        for src in [code.to_string(), padded] {
            let tree = mamori_lang::parse(lang, src.as_bytes(), None).unwrap();
            let nodes = NodeList::new(lang, &tree, src.len());
            let map = ImportMap::build(&nodes, src.as_bytes(), crate::spec::spec(lang));
            let got: Vec<String> = names
                .iter()
                .map(|n| {
                    map.resolve(&[n.as_bytes()]).map_or("-".into(), |p| {
                        p.iter()
                            .map(|s| String::from_utf8_lossy(s).into_owned())
                            .collect::<Vec<_>>()
                            .join(".")
                    })
                })
                .collect();
            if !out.is_empty() {
                assert_eq!(out, got, "listed and cursor walks differ");
            }
            out = got;
        }
        out
    }

    #[test]
    fn python_imports_in_nested_statements() {
        let code = "
import subprocess as sp
if TYPE_CHECKING:
    from os import path as p1
try:
    import yaml as y
except ImportError:
    from json import loads as l1
class C:
    from pickle import loads as l2
    @staticmethod
    def f():
        with open(x) as fh:
            for i in r:
                while t:
                    import shlex as sh
        match v:
            case 1:
                from marshal import loads as l3
x = [__import__('os') for _ in y]
";
        assert_eq!(
            resolved(
                Language::Python,
                code,
                &["sp", "p1", "y", "l1", "l2", "sh", "l3", "x"]
            ),
            vec![
                "subprocess",
                "os.path",
                "yaml",
                "json.loads",
                "pickle.loads",
                "shlex",
                "marshal.loads",
                "-"
            ]
        );
    }

    #[test]
    fn javascript_and_rust_imports_anywhere() {
        let js = "
import cp from 'child_process';
function f() {
  if (x) { const { exec: run } = require('child_process'); }
  return () => { const fs2 = require('fs'); };
}
";
        assert_eq!(
            resolved(Language::JavaScript, js, &["cp", "run", "fs2"]),
            vec!["child_process", "child_process.exec", "fs"]
        );
        let rs = "
use std::process::Command as Cmd;
fn f() {
    let g = || { use std::fs::read as rd; rd(\"x\") };
}
";
        assert_eq!(
            resolved(Language::Rust, rs, &["Cmd", "rd"]),
            vec!["std.process.Command", "std.fs.read"]
        );
    }
}
