//! Manifests: `requirements*.txt` (options, extras, markers, URLs, `-r` includes),
//! `pyproject.toml` (PEP 621, PEP 735 groups, Poetry, PDM, uv), `setup.cfg`, `setup.py`
//! literals, `Pipfile`, `package.json` (every dependency kind, `npm:` aliases, workspaces),
//! `tsconfig.json`/`jsconfig.json` (`paths`, `baseUrl`) and `Cargo.toml` (workspace
//! dependencies, renames, path/git dependencies).

use mamori_text::Span;
use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::index::Ecosystem;
use crate::model::{Dependency, FileFacts, Origin, Provided};
use crate::names::{npm_package_of, pep503, plausible_python_name};

/// Which manifest a file is, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Requirements,
    Pyproject,
    SetupCfg,
    Pipfile,
    PackageJson,
    TsConfig,
    CargoToml,
    /// Core metadata of a built or installed distribution: `*.dist-info/METADATA` and
    /// `PKG-INFO` (`Requires-Dist:` headers).
    CoreMetadata,
    /// `*.egg-info/requires.txt`: requirement lines under `[extra]` sections.
    EggRequires,
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The manifest kind of a path, if it is one.
#[must_use]
pub fn kind(path: &str) -> Option<Kind> {
    let name = file_name(path);
    let lower = name.to_ascii_lowercase();
    let parent = path.rsplit('/').nth(1);
    let in_req_dir = parent.is_some_and(|d| d.eq_ignore_ascii_case("requirements"));
    let in_meta_dir = |suffix: &str| parent.is_some_and(|d| d.ends_with(suffix));
    Some(match lower.as_str() {
        "metadata" if name == "METADATA" && in_meta_dir(".dist-info") => Kind::CoreMetadata,
        "pkg-info" if name == "PKG-INFO" => Kind::CoreMetadata,
        "requires.txt" if in_meta_dir(".egg-info") => Kind::EggRequires,
        "pyproject.toml" => Kind::Pyproject,
        "setup.cfg" => Kind::SetupCfg,
        "pipfile" => Kind::Pipfile,
        "package.json" => Kind::PackageJson,
        "cargo.toml" => Kind::CargoToml,
        _ if (lower.starts_with("tsconfig") || lower.starts_with("jsconfig"))
            && lower.ends_with(".json") =>
        {
            Kind::TsConfig
        }
        _ if (lower.ends_with(".txt") || lower.ends_with(".in"))
            && (lower.contains("requirements") || lower.contains("constraints") || in_req_dir) =>
        {
            Kind::Requirements
        }
        _ => return None,
    })
}

/// Parses a manifest into `facts`. Malformed files yield what could be read.
pub fn parse(kind: Kind, src: &str, facts: &mut FileFacts) {
    match kind {
        Kind::Requirements => requirements(src, facts),
        Kind::Pyproject => pyproject(src, facts),
        Kind::SetupCfg => setup_cfg(src, facts),
        Kind::Pipfile => pipfile(src, facts),
        Kind::PackageJson => package_json(src, facts),
        Kind::TsConfig => tsconfig(src, facts),
        Kind::CargoToml => cargo_toml(src, facts),
        Kind::CoreMetadata => core_metadata(src, facts),
        Kind::EggRequires => egg_requires(src, facts),
    }
    facts.deps.sort_by_key(|d| (d.span.start, d.span.end));
}

/// A PEP 508 requirement: its name and the name's offset within `req`, and whether it is a
/// direct reference (`name @ url`).
fn pep508_name(req: &str) -> Option<(&str, usize, bool)> {
    let start = req.len() - req.trim_start().len();
    let body = &req[start..];
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(body.len());
    let name = &body[..end];
    if !plausible_python_name(name) {
        return None;
    }
    let rest = body[end..].trim_start();
    // After the name: extras, a version, a marker, `@ url`, or nothing.
    let rest_no_extras = if rest.starts_with('[') {
        rest.find(']').map_or("", |i| rest[i + 1..].trim_start())
    } else {
        rest
    };
    if !(rest_no_extras.is_empty()
        || rest_no_extras.starts_with(['<', '>', '=', '!', '~', ';', '@', '(', ','])
        || rest_no_extras.starts_with("==="))
    {
        return None;
    }
    let direct = rest_no_extras.starts_with('@');
    Some((name, start, direct))
}

fn push_python(facts: &mut FileFacts, req: &str, offset: usize, origin: Origin, optional: bool) {
    let Some((name, at, direct)) = pep508_name(req) else {
        return;
    };
    let local = direct || facts.private_index;
    facts.deps.push(Dependency {
        eco: Ecosystem::PyPI,
        name: name.to_string(),
        module: name.to_string(),
        alias: None,
        origin,
        span: Span::new(offset + at, offset + at + name.len()),
        optional,
        local,
    });
}

fn requirements(src: &str, facts: &mut FileFacts) {
    let before = facts.deps.len();
    let candidates = requirements_lines(src, facts);
    // A `constraints.txt` of prose (documentation named like a requirements file): when
    // most candidate lines are not requirements, the file is not one.
    let parsed = facts.deps.len() - before;
    if candidates > 0 && parsed * 10 < candidates * 8 {
        facts.deps.truncate(before);
    }
}

/// Parses the requirement lines; returns how many lines looked like candidates.
fn requirements_lines(src: &str, facts: &mut FileFacts) -> usize {
    let mut attempted = 0;
    // Options that switch to another index make every name in the file private.
    for line in src.lines() {
        let l = line.trim_start();
        if (l.starts_with("--index-url") || l.starts_with("-i ") || l.starts_with("-i"))
            && !l.contains("pypi.org/simple")
            && !l.contains("pypi.python.org")
        {
            facts.private_index = true;
        }
    }
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let content = match content.find(" #").or_else(|| content.find("\t#")) {
            Some(i) => &content[..i],
            None if content.trim_start().starts_with('#') => "",
            None => content,
        };
        let content = content.trim_end_matches('\\');
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('-') {
            // Options: `-r`/`-c` includes are separate files (scanned when discovered),
            // `-e path-or-vcs` and index options are not registry names.
            continue;
        }
        let lower = trimmed.to_ascii_lowercase();
        if lower.contains("://")
            && !lower.contains(" @ ")
            && !lower.contains("@ ")
            && !lower.contains(" @")
        {
            continue; // a bare URL (wheel, sdist, VCS)
        }
        if trimmed.starts_with('.')
            || trimmed.starts_with('/')
            || (!lower.contains('@') && lower.ends_with(".whl"))
            || lower.ends_with(".tar.gz")
            || lower.ends_with(".zip")
        {
            continue; // a local path or archive
        }
        let lead = content.len() - trimmed.len();
        attempted += 1;
        push_python(facts, trimmed, start + lead, Origin::Manifest, false);
    }
    attempted
}

/// `Requires-Dist:` headers of core metadata (the headers end at the first blank line;
/// the long description follows). A requirement with an `extra ==` marker is optional.
fn core_metadata(src: &str, facts: &mut FileFacts) {
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.is_empty() {
            break;
        }
        let Some(value) = content.strip_prefix("Requires-Dist:") else {
            continue;
        };
        let lead = content.len() - value.trim_start().len();
        let optional = value.contains("extra ==") || value.contains("extra==");
        push_python(
            facts,
            value.trim_start(),
            start + lead,
            Origin::Manifest,
            optional,
        );
    }
}

/// setuptools' `requires.txt`: plain requirement lines; those under an `[extra]` or
/// `[extra:marker]` section are optional (`[:marker]` sections are not extras).
fn egg_requires(src: &str, facts: &mut FileFacts) {
    let mut optional = false;
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if let Some(section) = trimmed.strip_prefix('[') {
            optional = !section.starts_with(':');
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = content.len() - trimmed.len();
        push_python(facts, trimmed, start + lead, Origin::Manifest, optional);
    }
}

type Tbl<'a> = DeTable<'a>;

fn get<'a, 'i>(t: &'a Tbl<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    t.iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

fn table<'a, 'i>(t: &'a Tbl<'i>, key: &str) -> Option<&'a Tbl<'i>> {
    match get(t, key)?.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

fn str_of<'a>(v: &'a DeValue<'_>) -> Option<&'a str> {
    match v {
        DeValue::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

/// The byte offset where a string value's text starts (after the quote), so that
/// `span.start + i` addresses its characters; `None` for multi-line or escaped strings
/// whose raw text differs from the value.
fn string_start(src: &str, sp: &std::ops::Range<usize>, value: &str) -> Option<usize> {
    let raw = src.get(sp.clone())?;
    let q = raw.find(['"', '\''])?;
    let inner = raw.get(q + 1..)?;
    inner.starts_with(value).then_some(sp.start + q + 1)
}

/// PEP 508 strings of a TOML array.
fn toml_reqs(src: &str, v: &Spanned<DeValue<'_>>, facts: &mut FileFacts, optional: bool) {
    let DeValue::Array(items) = v.get_ref() else {
        return;
    };
    for item in items {
        if let Some(s) = str_of(item.get_ref()) {
            let sp = item.span();
            let at = string_start(src, &sp, s).unwrap_or(sp.start);
            push_python(facts, s, at, Origin::Manifest, optional);
        }
    }
}

/// Poetry/Pipfile-style tables: keys are names; values are versions or tables that may
/// point elsewhere (`path`, `git`, `url`, `file`) or to another index.
fn toml_name_table(
    t: &Tbl<'_>,
    facts: &mut FileFacts,
    eco: Ecosystem,
    optional: bool,
    skip: &[&str],
) {
    for (k, v) in t {
        let key = k.get_ref().as_ref();
        if skip.contains(&key) {
            continue;
        }
        let mut local = facts.private_index;
        let mut name = key.to_string();
        let mut alias = None;
        let mut opt = optional;
        if let DeValue::Table(spec) = v.get_ref() {
            for kk in [
                "path",
                "git",
                "url",
                "file",
                "editable",
                "workspace",
                "registry",
                "index",
                "registry-index",
                "develop",
            ] {
                if get(spec, kk).is_some() {
                    local = true;
                }
            }
            if let Some(real) = get(spec, "package").and_then(|p| str_of(p.get_ref())) {
                alias = Some(key.to_string());
                name = real.to_string();
            }
            if get(spec, "optional").is_some_and(|o| matches!(o.get_ref(), DeValue::Boolean(true)))
            {
                opt = true;
            }
        }
        let sp = k.span();
        facts.deps.push(Dependency {
            eco,
            name,
            module: key.to_string(),
            alias,
            origin: Origin::Manifest,
            span: Span::new(sp.start, sp.end),
            optional: opt,
            local,
        });
    }
}

fn parse_toml(src: &str) -> Option<Spanned<Tbl<'_>>> {
    let (doc, _errors) = DeTable::parse_recoverable(src);
    Some(doc)
}

fn pyproject(src: &str, facts: &mut FileFacts) {
    let Some(doc) = parse_toml(src) else { return };
    let doc = doc.get_ref();
    if let Some(project) = table(doc, "project") {
        if let Some(n) = get(project, "name").and_then(|v| str_of(v.get_ref())) {
            facts.provides.push(Provided::PythonDist(pep503(n)));
        }
        if let Some(v) = get(project, "dependencies") {
            toml_reqs(src, v, facts, false);
        }
        if let Some(opt) = table(project, "optional-dependencies") {
            for (_, v) in opt {
                toml_reqs(src, v, facts, true);
            }
        }
    }
    if let Some(groups) = table(doc, "dependency-groups") {
        for (_, v) in groups {
            toml_reqs(src, v, facts, true);
        }
    }
    if let Some(bs) = table(doc, "build-system")
        && let Some(v) = get(bs, "requires")
    {
        toml_reqs(src, v, facts, false);
    }
    let Some(tool) = table(doc, "tool") else {
        return;
    };
    if let Some(poetry) = table(tool, "poetry") {
        if let Some(n) = get(poetry, "name").and_then(|v| str_of(v.get_ref())) {
            facts.provides.push(Provided::PythonDist(pep503(n)));
        }
        if poetry_private_source(poetry) {
            facts.private_index = true;
        }
        for key in ["dependencies", "dev-dependencies"] {
            if let Some(t) = table(poetry, key) {
                toml_name_table(
                    t,
                    facts,
                    Ecosystem::PyPI,
                    key != "dependencies",
                    &["python"],
                );
            }
        }
        if let Some(groups) = table(poetry, "group") {
            for (_, g) in groups {
                if let DeValue::Table(g) = g.get_ref()
                    && let Some(t) = table(g, "dependencies")
                {
                    toml_name_table(t, facts, Ecosystem::PyPI, true, &["python"]);
                }
            }
        }
    }
    if let Some(pdm) = table(tool, "pdm")
        && let Some(dev) = table(pdm, "dev-dependencies")
    {
        for (_, v) in dev {
            toml_reqs(src, v, facts, true);
        }
    }
    if let Some(uv) = table(tool, "uv") {
        if let Some(v) = get(uv, "dev-dependencies") {
            toml_reqs(src, v, facts, true);
        }
        // `[tool.uv.sources]` names resolve to paths, git or the workspace.
        if let Some(sources) = table(uv, "sources") {
            let local: Vec<String> = sources.iter().map(|(k, _)| pep503(k.get_ref())).collect();
            for d in &mut facts.deps {
                if local.contains(&pep503(&d.name)) {
                    d.local = true;
                }
            }
        }
        if let Some(index) = get(uv, "index")
            && let DeValue::Array(items) = index.get_ref()
            && items.iter().any(|i| {
                matches!(i.get_ref(), DeValue::Table(t) if get(t, "default").is_some_and(|d| matches!(d.get_ref(), DeValue::Boolean(true))))
            })
        {
            facts.private_index = true;
        }
    }
    if facts.private_index {
        for d in &mut facts.deps {
            d.local = true;
        }
    }
}

fn poetry_private_source(poetry: &Tbl<'_>) -> bool {
    let Some(src) = get(poetry, "source") else {
        return false;
    };
    let DeValue::Array(items) = src.get_ref() else {
        return false;
    };
    items.iter().any(|i| match i.get_ref() {
        DeValue::Table(t) => {
            let prio = get(t, "priority").and_then(|p| str_of(p.get_ref()));
            let default =
                get(t, "default").is_some_and(|d| matches!(d.get_ref(), DeValue::Boolean(true)));
            default || matches!(prio, Some("default" | "primary"))
        }
        _ => false,
    })
}

fn pipfile(src: &str, facts: &mut FileFacts) {
    let Some(doc) = parse_toml(src) else { return };
    let doc = doc.get_ref();
    if let Some(DeValue::Array(sources)) = get(doc, "source").map(Spanned::get_ref) {
        let private = sources.iter().any(|s| match s.get_ref() {
            DeValue::Table(t) => get(t, "url")
                .and_then(|u| str_of(u.get_ref()))
                .is_some_and(|u| !u.contains("pypi.org") && !u.contains("pypi.python.org")),
            _ => false,
        });
        // Several sources: names may come from either; only a lone private source makes
        // every name private.
        if private && sources.len() == 1 {
            facts.private_index = true;
        }
    }
    for (key, optional) in [("packages", false), ("dev-packages", true)] {
        if let Some(t) = table(doc, key) {
            toml_name_table(t, facts, Ecosystem::PyPI, optional, &[]);
        }
    }
}

fn setup_cfg(src: &str, facts: &mut FileFacts) {
    // A small INI reader: `[section]`, `key = value` with indented continuation lines.
    let mut section = String::new();
    let mut key = String::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with(';') {
            continue;
        }
        if t.starts_with('[') && t.ends_with(']') {
            section = t[1..t.len() - 1].trim().to_ascii_lowercase();
            key.clear();
            continue;
        }
        let indented = l.starts_with([' ', '\t']);
        let value_part = if indented && !key.is_empty() {
            Some((t, start + (l.len() - l.trim_start().len())))
        } else if let Some(eq) = l.find(['=', ':']) {
            key = l[..eq].trim().to_ascii_lowercase();
            let v = &l[eq + 1..];
            let lead = v.len() - v.trim_start().len();
            Some((v.trim(), start + eq + 1 + lead))
        } else {
            None
        };
        let Some((value, at)) = value_part else {
            continue;
        };
        let wanted = (section == "options"
            && matches!(
                key.as_str(),
                "install_requires" | "setup_requires" | "tests_require"
            ))
            || section == "options.extras_require";
        if section == "metadata" && key == "name" && !value.is_empty() {
            facts.provides.push(Provided::PythonDist(pep503(value)));
        }
        if !wanted || value.is_empty() {
            continue;
        }
        if value.starts_with('#') {
            continue;
        }
        let optional = section == "options.extras_require" || key != "install_requires";
        push_python(facts, value, at, Origin::Manifest, optional);
    }
}

/// `setup(name=..., install_requires=[...], extras_require={...})` in a `setup.py` tree.
pub fn setup_py(tree: &tree_sitter::Tree, src: &[u8], facts: &mut FileFacts) {
    let text = |n: tree_sitter::Node<'_>| {
        std::str::from_utf8(src.get(n.byte_range()).unwrap_or_default()).unwrap_or_default()
    };
    // Module-level `NAME = [...]` lists, for `install_requires=NAME`.
    let root = tree.root_node();
    let mut lists: Vec<(String, tree_sitter::Node<'_>)> = Vec::new();
    let mut c = root.walk();
    for stmt in root.named_children(&mut c) {
        if stmt.kind() == "expression_statement"
            && let Some(a) = stmt.named_child(0)
            && a.kind() == "assignment"
            && let (Some(l), Some(r)) = (
                a.child_by_field_name("left"),
                a.child_by_field_name("right"),
            )
            && l.kind() == "identifier"
        {
            lists.push((text(l).to_string(), r));
        }
    }
    let strings_in = |n: tree_sitter::Node<'_>, optional: bool, facts: &mut FileFacts| {
        let mut cur = n.walk();
        let mut stack = vec![n];
        let mut guard = 0;
        while let Some(x) = stack.pop() {
            guard += 1;
            if guard > 10_000 {
                break;
            }
            if x.kind() == "string" {
                let mut cc = x.walk();
                for ch in x.children(&mut cc) {
                    if ch.kind() == "string_content" {
                        push_python(facts, text(ch), ch.start_byte(), Origin::Manifest, optional);
                    }
                }
                continue;
            }
            if matches!(
                x.kind(),
                "list" | "tuple" | "dictionary" | "pair" | "parenthesized_expression"
            ) {
                let kids: Vec<_> = x.named_children(&mut cur).collect();
                for k in kids.into_iter().rev() {
                    // In dicts only values hold requirements.
                    if x.kind() == "pair" && Some(k) == x.child_by_field_name("key") {
                        continue;
                    }
                    stack.push(k);
                }
            }
        }
    };
    let mut cursor = tree.walk();
    'outer: loop {
        let n = cursor.node();
        if n.kind() == "call"
            && let Some(f) = n.child_by_field_name("function")
            && matches!(
                text(f),
                "setup" | "setuptools.setup" | "distutils.core.setup"
            )
            && let Some(args) = n.child_by_field_name("arguments")
        {
            let mut c = args.walk();
            for kw in args.named_children(&mut c) {
                if kw.kind() != "keyword_argument" {
                    continue;
                }
                let (Some(k), Some(v)) = (
                    kw.child_by_field_name("name"),
                    kw.child_by_field_name("value"),
                ) else {
                    continue;
                };
                let key = text(k);
                let optional = key != "install_requires";
                if key == "name" && v.kind() == "string" {
                    let name: String = text(v).trim_matches(['"', '\'']).to_string();
                    facts.provides.push(Provided::PythonDist(pep503(&name)));
                }
                if !matches!(
                    key,
                    "install_requires" | "extras_require" | "setup_requires" | "tests_require"
                ) {
                    continue;
                }
                let target = if v.kind() == "identifier" {
                    lists.iter().find(|(n, _)| n == text(v)).map(|(_, r)| *r)
                } else {
                    Some(v)
                };
                if let Some(t) = target {
                    strings_in(t, optional, facts);
                }
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'outer;
            }
            if !cursor.goto_parent() {
                break 'outer;
            }
        }
    }
}

/// Replaces `//` and `/* */` comments and trailing commas with spaces (JSONC → JSON),
/// keeping every byte offset.
#[must_use]
pub fn strip_jsonc(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == b'"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => in_str = true,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = src[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                for o in &mut out[i..end] {
                    if *o != b'\n' {
                        *o = b' ';
                    }
                }
                i = end;
                continue;
            }
            b',' => {
                let next = b[i + 1..].iter().position(|x| !x.is_ascii_whitespace());
                let mut j = next.map(|p| i + 1 + p);
                // Skip comments between the comma and the closing bracket.
                while let Some(k) = j {
                    if b.get(k) == Some(&b'/') && matches!(b.get(k + 1), Some(b'/' | b'*')) {
                        let end = if b[k + 1] == b'/' {
                            src[k..].find('\n').map_or(b.len(), |e| k + e)
                        } else {
                            src[k + 2..].find("*/").map_or(b.len(), |e| k + 2 + e + 2)
                        };
                        j = b[end..]
                            .iter()
                            .position(|x| !x.is_ascii_whitespace())
                            .map(|p| end + p);
                    } else {
                        break;
                    }
                }
                if j.is_some_and(|k| matches!(b[k], b'}' | b']')) {
                    out[i] = b' ';
                }
            }
            _ => {}
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| src.to_string())
}

/// Finds the span of `"key"` at or after `from` in `src` (JSON keys have no spans in
/// `serde_json`).
fn json_key_span(src: &str, key: &str, from: usize) -> Option<Span> {
    let needle = format!("\"{key}\"");
    let at = src.get(from..)?.find(&needle)? + from;
    Some(Span::new(at + 1, at + 1 + key.len()))
}

fn package_json(src: &str, facts: &mut FileFacts) {
    let clean = strip_jsonc(src);
    let Ok(v) = serde_json::from_str::<Value>(&clean) else {
        return;
    };
    if let Some(n) = v.get("name").and_then(Value::as_str) {
        facts.provides.push(Provided::NpmPackage(n.to_string()));
    }
    for (section, optional) in [
        ("dependencies", false),
        ("devDependencies", true),
        ("peerDependencies", true),
        ("optionalDependencies", true),
    ] {
        let Some(obj) = v.get(section).and_then(Value::as_object) else {
            continue;
        };
        let base = json_key_span(src, section, 0).map_or(0, |s| s.end);
        for (key, spec) in obj {
            let spec = spec.as_str().unwrap_or_default().trim();
            let (name, alias) = match spec.strip_prefix("npm:") {
                Some(real) => {
                    let real = match real.rfind('@') {
                        Some(i) if i > 0 => &real[..i],
                        _ => real,
                    };
                    (real.to_string(), Some(key.clone()))
                }
                None => (key.clone(), None),
            };
            let local = [
                "file:",
                "link:",
                "workspace:",
                "portal:",
                "patch:",
                "git",
                "github:",
                "gitlab:",
                "bitbucket:",
                "http:",
                "https:",
            ]
            .iter()
            .any(|p| spec.starts_with(p))
                || (spec.contains('/') && !spec.starts_with("npm:") && !spec.starts_with('@'))
                || spec.starts_with('.')
                || spec.starts_with('/');
            let Some(sp) = json_key_span(src, key, base) else {
                continue;
            };
            if npm_package_of(&name).is_none() {
                continue;
            }
            facts.deps.push(Dependency {
                eco: Ecosystem::Npm,
                name,
                module: key.clone(),
                alias,
                origin: Origin::Manifest,
                span: sp,
                optional,
                local,
            });
        }
    }
    for section in ["bundledDependencies", "bundleDependencies"] {
        if let Some(arr) = v.get(section).and_then(Value::as_array) {
            let base = json_key_span(src, section, 0).map_or(0, |s| s.end);
            for name in arr.iter().filter_map(Value::as_str) {
                if let Some(sp) = json_key_span(src, name, base)
                    && npm_package_of(name).is_some()
                {
                    facts.dep(
                        Ecosystem::Npm,
                        name,
                        name,
                        Origin::Manifest,
                        sp,
                        true,
                        false,
                    );
                }
            }
        }
    }
}

fn tsconfig(src: &str, facts: &mut FileFacts) {
    let clean = strip_jsonc(src);
    let Ok(v) = serde_json::from_str::<Value>(&clean) else {
        return;
    };
    let Some(co) = v.get("compilerOptions") else {
        return;
    };
    if let Some(paths) = co.get("paths").and_then(Value::as_object) {
        for key in paths.keys() {
            match key.strip_suffix('*') {
                Some(prefix) => facts.provides.push(Provided::NpmAlias {
                    pattern: prefix.to_string(),
                    prefix: true,
                }),
                None => facts.provides.push(Provided::NpmAlias {
                    pattern: key.clone(),
                    prefix: false,
                }),
            }
        }
    }
    if let Some(base) = co.get("baseUrl").and_then(Value::as_str) {
        let dir = facts
            .path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string());
        let joined = normalize_path(&format!("{dir}/{base}"));
        facts.provides.push(Provided::NpmBaseUrl(joined));
    }
}

/// `a/./b/../c` → `a/c` (no file system access).
#[must_use]
pub fn normalize_path(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn cargo_toml(src: &str, facts: &mut FileFacts) {
    let Some(doc) = parse_toml(src) else { return };
    let doc = doc.get_ref();
    for key in ["package", "lib"] {
        if let Some(t) = table(doc, key)
            && let Some(n) = get(t, "name").and_then(|v| str_of(v.get_ref()))
        {
            facts.provides.push(Provided::Crate(n.replace('-', "_")));
        }
    }
    let mut sections: Vec<(&Tbl<'_>, bool)> = Vec::new();
    for (key, optional) in [
        ("dependencies", false),
        ("dev-dependencies", true),
        ("build-dependencies", false),
        ("dev_dependencies", true),
        ("build_dependencies", false),
    ] {
        if let Some(t) = table(doc, key) {
            sections.push((t, optional));
        }
    }
    if let Some(ws) = table(doc, "workspace")
        && let Some(t) = table(ws, "dependencies")
    {
        sections.push((t, false));
    }
    if let Some(targets) = table(doc, "target") {
        for (_, t) in targets {
            if let DeValue::Table(t) = t.get_ref() {
                for (key, optional) in [
                    ("dependencies", false),
                    ("dev-dependencies", true),
                    ("build-dependencies", false),
                ] {
                    if let Some(d) = table(t, key) {
                        sections.push((d, optional));
                    }
                }
            }
        }
    }
    for (t, optional) in sections {
        toml_name_table(t, facts, Ecosystem::Crates, optional, &[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(kind: Kind, path: &str, src: &str) -> (Vec<(String, bool, bool)>, FileFacts) {
        let mut f = FileFacts::new(path);
        parse(kind, src, &mut f);
        let v = f
            .deps
            .iter()
            .map(|d| {
                let written = &src[d.span.range()];
                assert!(
                    d.alias.as_deref() == Some(written)
                        || pep503(written) == pep503(&d.name)
                        || written == d.module,
                    "span of {} is {written:?}",
                    d.name
                );
                (d.name.clone(), d.optional, d.local)
            })
            .collect();
        (v, f)
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("a/requirements-dev.txt"), Some(Kind::Requirements));
        assert_eq!(kind("requirements/base.txt"), Some(Kind::Requirements));
        assert_eq!(kind("req/constraints.in"), Some(Kind::Requirements));
        assert_eq!(kind("x/pyproject.toml"), Some(Kind::Pyproject));
        assert_eq!(kind("tsconfig.base.json"), Some(Kind::TsConfig));
        assert_eq!(kind("notes.txt"), None);
    }

    #[test]
    fn core_metadata_and_egg_info() {
        assert_eq!(
            kind("site/apache_superset-6.1.0.dist-info/METADATA"),
            Some(Kind::CoreMetadata)
        );
        assert_eq!(kind("pkg-1.0/PKG-INFO"), Some(Kind::CoreMetadata));
        assert_eq!(kind("docs/METADATA"), None);
        assert_eq!(kind("pkg.egg-info/requires.txt"), Some(Kind::EggRequires));
        let meta = "Metadata-Version: 2.4\nName: app\nRequires-Dist: apache-superset-core>=0.1\nRequires-Dist: drf-flex-fields; extra == \"api\"\n\nRequires-Dist: not-a-header\n";
        let (v, _) = names(Kind::CoreMetadata, "app.dist-info/METADATA", meta);
        assert_eq!(
            v,
            [
                ("apache-superset-core".to_string(), false, false),
                ("drf-flex-fields".to_string(), true, false)
            ]
        );
        let req = "requests>=2\n\n[socks]\nPySocks\n\n[:python_version < \"3.11\"]\ntomli\n";
        let (v, _) = names(Kind::EggRequires, "app.egg-info/requires.txt", req);
        assert_eq!(
            v,
            [
                ("requests".to_string(), false, false),
                ("PySocks".to_string(), true, false),
                ("tomli".to_string(), false, false)
            ]
        );
    }

    #[test]
    fn requirements_txt() {
        let src = "# comment\nrequests[socks]>=2.31 ; python_version > '3.8'  # why\n-r base.txt\n-e ./local\n--extra-index-url https://example.org/simple\nDjango==5.0 \\\n    --hash=sha256:abc\nmypkg @ https://example.org/mypkg.whl\nhttps://example.org/x.whl\n./wheels/y.whl\nflask\nruamel.yaml~=0.18\n";
        let (v, _) = names(Kind::Requirements, "requirements.txt", src);
        let n: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, ["requests", "Django", "mypkg", "flask", "ruamel.yaml"]);
        // Prose that happens to be called constraints.txt is not a requirements file.
        let prose =
            "Check constraints\n=================\n\nA constraint is\nchecked on save.\nname\n";
        let (none, _) = names(Kind::Requirements, "docs/constraints.txt", prose);
        assert!(none.is_empty(), "{none:?}");
        assert!(v[2].2, "direct references are local");
        let (v, f) = names(
            Kind::Requirements,
            "r.txt",
            "--index-url https://corp/simple\ninternal-lib\n",
        );
        assert!(f.private_index && v[0].2);
    }

    #[test]
    fn pyproject_all_flavours() {
        let src = r#"
[build-system]
requires = ["hatchling>=1.0"]
[project]
name = "My_App"
dependencies = ["httpx>=0.27", 'pydantic[email]']
[project.optional-dependencies]
dev = ["pytest"]
[dependency-groups]
lint = ["ruff", {include-group = "x"}]
[tool.poetry.dependencies]
python = "^3.11"
fastapi = "^0.110"
mylib = { path = "../mylib" }
[tool.poetry.group.test.dependencies]
hypothesis = "*"
[tool.pdm.dev-dependencies]
doc = ["mkdocs"]
[tool.uv]
dev-dependencies = ["mypy"]
[tool.uv.sources]
httpx = { git = "https://github.com/encode/httpx" }
"#;
        let (v, f) = names(Kind::Pyproject, "pyproject.toml", src);
        let n: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        for want in [
            "httpx",
            "pydantic",
            "pytest",
            "ruff",
            "hatchling",
            "fastapi",
            "mylib",
            "hypothesis",
            "mkdocs",
            "mypy",
        ] {
            assert!(n.contains(&want), "{want} in {n:?}");
        }
        assert!(!n.contains(&"python"));
        assert!(v.iter().find(|x| x.0 == "mylib").is_some_and(|x| x.2));
        assert!(
            v.iter().find(|x| x.0 == "httpx").is_some_and(|x| x.2),
            "uv source"
        );
        assert!(f.provides.contains(&Provided::PythonDist("my-app".into())));
    }

    #[test]
    fn setup_cfg_and_pipfile() {
        let src = "[metadata]\nname = thing\n[options]\ninstall_requires =\n    click>=8\n    attrs\n[options.extras_require]\nyaml = PyYAML\n";
        let (v, _) = names(Kind::SetupCfg, "setup.cfg", src);
        let n: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, ["click", "attrs", "PyYAML"]);
        let src = "[[source]]\nurl = \"https://pypi.org/simple\"\n[packages]\nrequests = \"*\"\nlocal = {path = \".\"}\n[dev-packages]\npytest = \"*\"\n";
        let (v, _) = names(Kind::Pipfile, "Pipfile", src);
        let n: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, ["requests", "local", "pytest"]);
        assert!(v[1].2);
    }

    #[test]
    fn setup_py_literals() {
        let src = "from setuptools import setup\nREQS = ['numpy>=1', \"scipy\"]\nsetup(name='pkg', install_requires=REQS, extras_require={'x': ['tqdm']})\n";
        let tree = mamori_lang::parse(mamori_lang::Language::Python, src.as_bytes(), None)
            .expect("parses");
        let mut f = FileFacts::new("setup.py");
        setup_py(&tree, src.as_bytes(), &mut f);
        let n: Vec<&str> = f.deps.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(n, ["numpy", "scipy", "tqdm"]);
        assert_eq!(&src[f.deps[1].span.range()], "scipy");
        assert!(f.provides.contains(&Provided::PythonDist("pkg".into())));
    }

    #[test]
    fn package_json_kinds() {
        let src = r#"{
  "name": "@me/app",
  "workspaces": ["packages/*"],
  "dependencies": {"express": "^4", "lodash": "npm:lodash-es@4", "mine": "file:../mine", "gh": "user/repo"},
  "devDependencies": {"typescript": "5.4", "@types/node": "*"},
  "peerDependencies": {"react": ">=18"},
  "optionalDependencies": {"fsevents": "2"},
  "bundledDependencies": ["express"]
}"#;
        let (v, f) = names(Kind::PackageJson, "package.json", src);
        let n: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        for want in [
            "express",
            "lodash-es",
            "mine",
            "gh",
            "typescript",
            "@types/node",
            "react",
            "fsevents",
        ] {
            assert!(n.contains(&want), "{want} in {n:?}");
        }
        assert!(v.iter().find(|x| x.0 == "mine").is_some_and(|x| x.2));
        assert!(v.iter().find(|x| x.0 == "gh").is_some_and(|x| x.2));
        assert!(f.provides.contains(&Provided::NpmPackage("@me/app".into())));
    }

    #[test]
    fn tsconfig_paths() {
        let src = "{\n // comment\n \"compilerOptions\": {\n  \"baseUrl\": \"./src\",\n  \"paths\": {\"@app/*\": [\"src/app/*\"], \"config\": [\"src/config.ts\"],},\n },\n}\n";
        let mut f = FileFacts::new("web/tsconfig.json");
        parse(Kind::TsConfig, src, &mut f);
        assert!(f.provides.contains(&Provided::NpmAlias {
            pattern: "@app/".into(),
            prefix: true
        }));
        assert!(f.provides.contains(&Provided::NpmAlias {
            pattern: "config".into(),
            prefix: false
        }));
        assert!(f.provides.contains(&Provided::NpmBaseUrl("web/src".into())));
    }

    #[test]
    fn cargo_manifest() {
        let src = r#"
[package]
name = "my-crate"
[dependencies]
serde = { version = "1", features = ["derive"] }
rand_core = "0.6"
json = { package = "serde_json", version = "1" }
local = { path = "../local" }
shared = { workspace = true }
[target.'cfg(unix)'.dependencies]
libc = "0.2"
[workspace.dependencies]
tokio = "1"
"#;
        let (v, f) = names(Kind::CargoToml, "Cargo.toml", src);
        let n: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        for want in [
            "serde",
            "rand_core",
            "serde_json",
            "local",
            "shared",
            "libc",
            "tokio",
        ] {
            assert!(n.contains(&want), "{want} in {n:?}");
        }
        assert!(v.iter().find(|x| x.0 == "local").is_some_and(|x| x.2));
        assert!(v.iter().find(|x| x.0 == "shared").is_some_and(|x| x.2));
        assert!(f.provides.contains(&Provided::Crate("my_crate".into())));
        assert!(f.deps.iter().any(|d| d.alias.as_deref() == Some("json")));
    }
}
