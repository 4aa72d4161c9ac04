//! Where to look: string literals of code trees, and configuration files as text.

use std::sync::OnceLock;

use mamori_diagnostics::{Confidence, Severity};
use mamori_lang::{Kinds, NodeList, Visit};
use mamori_text::Span;
use regex::Regex;
use tree_sitter::Node;

use crate::detect::{
    generic_value_is_secret, generic_value_plausible, is_placeholder, is_secret_name, jwt_is_real,
    patterns,
};
use crate::{Secret, describe};

/// Non-code files scanned for secrets: `.env*`, JSON, YAML, TOML, INI-style configs,
/// `.npmrc`/`.pypirc`, and MCP configurations. Lock files are skipped (their hashes look
/// random).
#[must_use]
pub fn wants_extra_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "package-lock.json"
            | "npm-shrinkwrap.json"
            | "yarn.lock"
            | "pnpm-lock.yaml"
            | "cargo.lock"
            | "poetry.lock"
            | "pipfile.lock"
            | "composer.lock"
            | "uv.lock"
            | "pdm.lock"
            | "bun.lock"
            | "tsconfig.json"
            | "jsconfig.json"
    ) {
        return false;
    }
    lower == ".env"
        || lower.starts_with(".env.")
        || lower.ends_with(".env")
        || lower == ".npmrc"
        || lower == ".pypirc"
        || lower == ".netrc"
        || lower == "pipfile"
        || [
            ".json",
            ".jsonc",
            ".yaml",
            ".yml",
            ".toml",
            ".ini",
            ".cfg",
            ".conf",
            ".properties",
            ".tfvars",
        ]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Tests, fixtures, examples and docs: values there are samples, so the generic detector
/// stays quiet (provider-format keys are still reported: a real key in a test is a leak).
fn is_sample_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let dirs = [
        "spec",
        "specs",
        "fixtures",
        "__fixtures__",
        "fixture",
        "mocks",
        "__mocks__",
        "e2e",
        "__tests__",
        "doc",
        "docs",
        "documentation",
    ];
    let prefixes = [
        "test",
        "docs_",
        "docs-",
        "example",
        "sample",
        "demo",
        "tutorial",
        "benchmark",
    ];
    lower
        .split('/')
        .rev()
        .skip(1)
        .any(|d| dirs.contains(&d) || prefixes.iter().any(|p| d.starts_with(p)))
        || name.starts_with("test_")
        || name.starts_with("test-")
        || name == "conftest.py"
        || name.contains("_test.")
        || name.contains(".test.")
        || name.contains(".spec.")
        || name.contains("example")
        || name.contains("sample")
        || name.contains("template")
        || name.ends_with(".dist")
        || name.contains("mock")
        || name.contains("fixture")
}

fn make(
    rule_id: &'static str,
    what: &str,
    secret: &str,
    at: usize,
    generic_name: Option<&str>,
) -> Secret {
    let (severity, confidence) = match rule_id {
        "secret-generic-assignment" => (Severity::Medium, Confidence::Medium),
        "secret-jwt" | "secret-slack-webhook" => (Severity::Medium, Confidence::High),
        "secret-aws-secret-key" | "secret-twilio-auth-token" => {
            (Severity::High, Confidence::Medium)
        }
        "secret-private-key" => (Severity::Critical, Confidence::High),
        _ => (Severity::High, Confidence::High),
    };
    let d = describe(rule_id, secret);
    let message = match generic_name {
        Some(name) => format!(
            "Hardcoded secret {d} assigned to `{}`: secrets in source end up in version control, logs and AI context windows; load it from the environment or a secret manager",
            cut_name(name)
        ),
        None => format!(
            "Hardcoded {what} {d}: anyone who can read this file can use it; revoke it and load it from the environment or a secret manager"
        ),
    };
    Secret {
        rule_id,
        span: Span::new(at, at + secret.len()),
        message,
        severity,
        confidence,
    }
}

fn cut_name(name: &str) -> String {
    let one: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 {
        let mut s: String = one.chars().take(60).collect();
        s.push('…');
        s
    } else {
        one
    }
}

/// True when `text` holds a fixed part of some provider pattern (most string literals do
/// not, and then no regular expression runs).
fn maybe_provider(text: &str) -> bool {
    static AC: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    if text.len() < 12 {
        return false;
    }
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::new([
            "sk-",
            "AIza",
            "hf_",
            "AKIA",
            "ASIA",
            "ABIA",
            "ACCA",
            "ghp_",
            "gho_",
            "ghu_",
            "ghs_",
            "ghr_",
            "github_pat_",
            "glpat-",
            "xox",
            "hooks.slack.com",
            "_live_",
            "SK",
            "SG.",
            "PRIVATE KEY",
            "eyJ",
            "://",
        ])
        .ok()
    });
    ac.as_ref().is_none_or(|ac| ac.is_match(text))
}

/// Provider patterns over `text` (which starts at byte `base` of the file).
fn providers(text: &str, base: usize, sample: bool, out: &mut Vec<Secret>) {
    if !maybe_provider(text) {
        return;
    }
    for p in patterns() {
        for caps in p.re.captures_iter(text) {
            let Some(m) = caps.get(p.group) else { continue };
            let v = m.as_str();
            if is_placeholder(v) && p.rule_id != "secret-private-key" {
                continue;
            }
            // Tokens, test keys and connection strings in tests, fixtures and docs are
            // fixtures; vendor API keys are reported everywhere.
            if sample
                && matches!(
                    p.rule_id,
                    "secret-jwt" | "secret-private-key" | "secret-credential-url"
                )
            {
                continue;
            }
            if p.rule_id == "secret-jwt" && !jwt_is_real(v) {
                continue;
            }
            if p.rule_id == "secret-credential-url" && credential_url_placeholder(&caps[0], v) {
                continue;
            }
            if p.rule_id == "secret-openai-api-key" && v.starts_with("sk-ant-") {
                continue;
            }
            if p.rule_id == "secret-private-key" && private_key_placeholder(v) {
                continue;
            }
            out.push(make(p.rule_id, p.what, v, base + m.start(), None));
        }
    }
}

fn private_key_placeholder(block: &str) -> bool {
    let body: String = block
        .lines()
        .filter(|l| !l.contains("-----"))
        .collect::<Vec<_>>()
        .join("")
        .replace("\\n", "");
    let body = body.trim();
    body.len() < 64 || is_placeholder(body) || crate::detect::entropy(body) < 4.0
}

fn credential_url_placeholder(url: &str, password: &str) -> bool {
    let user = url
        .split("://")
        .nth(1)
        .and_then(|r| r.split(':').next())
        .unwrap_or("");
    // `postgresql://user:password@your-db/name` in docs and messages: the password is the
    // word itself, or the rest of the URL says it is an example.
    let word = password.to_ascii_lowercase();
    password == user
        || is_placeholder(password)
        || password.len() < 6
        || matches!(
            word.as_str(),
            "password" | "passwd" | "secret" | "mypassword" | "pass1234" | "password123"
        )
        || is_placeholder(url)
}

fn aws_secret_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?:$|[^A-Za-z0-9/+])")
            .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable()))
    })
}

fn hex32_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[^A-Za-z0-9])([0-9a-f]{32})(?:$|[^A-Za-z0-9])")
            .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable()))
    })
}

fn twilio_sid_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\bAC[0-9a-f]{32}\b")
            .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable()))
    })
}

#[allow(clippy::panic)]
fn unreachable() -> Regex {
    panic!("the empty regex always compiles")
}

/// Pairs: an AWS secret access key near an access key id, a Twilio auth token near an
/// account SID. `pieces` are (offset, text) of the places values can live (string literals
/// in code, the whole text in config files).
fn pairs(pieces: &[(usize, &str)], found: &mut Vec<Secret>) {
    const NEAR: usize = 400;
    let anchors: Vec<(usize, &'static str)> = found
        .iter()
        .filter(|s| s.rule_id == "secret-aws-access-key")
        .map(|s| (s.span.start, "aws"))
        .chain(pieces.iter().flat_map(|(off, t)| {
            twilio_sid_re()
                .find_iter(t)
                .map(move |m| (off + m.start(), "twilio"))
        }))
        .collect();
    if anchors.is_empty() {
        return;
    }
    let mut extra = Vec::new();
    for (off, text) in pieces {
        for (anchor, kind) in &anchors {
            let re = if *kind == "aws" {
                aws_secret_re()
            } else {
                hex32_re()
            };
            for c in re.captures_iter(text) {
                let Some(m) = c.get(1) else { continue };
                let at = off + m.start();
                if at.abs_diff(*anchor) > NEAR || is_placeholder(m.as_str()) {
                    continue;
                }
                let v = m.as_str();
                if *kind == "aws"
                    && (crate::detect::entropy(v) < 4.0 || !v.chars().any(|c| c.is_ascii_digit()))
                {
                    continue;
                }
                if *kind == "twilio"
                    && text.get(m.start().saturating_sub(2)..m.start()) == Some("AC")
                {
                    continue;
                }
                let (rule, what) = if *kind == "aws" {
                    ("secret-aws-secret-key", "AWS secret access key")
                } else {
                    ("secret-twilio-auth-token", "Twilio auth token")
                };
                if !found
                    .iter()
                    .chain(extra.iter())
                    .any(|s: &Secret| s.span.start == at)
                {
                    extra.push(make(rule, what, v, at, None));
                }
            }
        }
    }
    found.extend(extra);
}

fn text_of<'a>(n: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(src.get(n.byte_range()).unwrap_or_default()).unwrap_or_default()
}

/// The literal pieces of a string node: (offset, text). `whole` is false when the literal
/// has interpolations or escapes (its value is then not one plain piece).
fn string_pieces<'a>(
    n: Node<'_>,
    nodes: &NodeList<'_>,
    src: &'a [u8],
) -> (Vec<(usize, &'a str)>, bool) {
    let content = PIECE_KINDS.of(nodes.lang());
    let breaks = BREAK_KINDS.of(nodes.lang());
    let mut out = Vec::new();
    let mut whole = true;
    let mut c = n.walk();
    for ch in n.children(&mut c) {
        let k = ch.kind_id();
        if content.contains(k) {
            out.push((ch.start_byte(), text_of(ch, src)));
        } else if breaks.contains(k) {
            whole = false;
        }
    }
    (out, whole)
}

/// The children of a string literal that hold its text.
static PIECE_KINDS: Kinds = Kinds::new(&["string_content", "string_fragment"]);
/// The children that make a literal's value more than its pieces.
static BREAK_KINDS: Kinds =
    Kinds::new(&["interpolation", "template_substitution", "escape_sequence"]);

/// String literals, in every language.
static STRING_KINDS: Kinds = Kinds::new(&[
    "string",
    "template_string",
    "string_literal",
    "raw_string_literal",
]);

/// The name a string literal is assigned or compared to, if any.
fn assigned_name<'t>(n: Node<'t>, nodes: &NodeList<'t>, src: &[u8]) -> Option<String> {
    let parent = nodes.parent_of(n)?;
    let is_string = |x: Node<'_>| STRING_KINDS.of(nodes.lang()).contains(x.kind_id());
    let is = |field: &str| parent.child_by_field_name(field) == Some(n);
    let t = |x: Option<Node<'_>>| x.map(|x| text_of(x, src).to_string());
    match parent.kind() {
        // Python
        "assignment" if is("right") => t(parent.child_by_field_name("left")),
        "keyword_argument" if is("value") => t(parent.child_by_field_name("name")),
        "default_parameter" | "typed_default_parameter" if is("value") => {
            t(parent.child_by_field_name("name"))
        }
        "pair" if is("value") => {
            let k = parent.child_by_field_name("key")?;
            if is_string(k) {
                let (pieces, _) = string_pieces(k, nodes, src);
                Some(pieces.iter().map(|(_, s)| *s).collect())
            } else {
                t(Some(k))
            }
        }
        "comparison_operator" | "binary_expression" => {
            // `password == "..."`, `process.env.TOKEN || "..."`
            let mut c = parent.walk();
            let other = parent
                .named_children(&mut c)
                .find(|x| *x != n && !is_string(*x))?;
            Some(text_of(other, src).to_string())
        }
        // `os.getenv("API_KEY", "...")`, `os.environ.get("TOKEN", "...")`
        "argument_list" | "arguments" => {
            let call = nodes.parent_of(parent)?;
            let f = call.child_by_field_name("function")?;
            let ft = text_of(f, src);
            if !(ft.ends_with("getenv") || ft.contains("environ") || ft.ends_with("env.get")) {
                return None;
            }
            let first = parent.named_child(0)?;
            if first == n || !is_string(first) {
                return None;
            }
            let (pieces, _) = string_pieces(first, nodes, src);
            Some(pieces.iter().map(|(_, s)| *s).collect())
        }
        // JavaScript / TypeScript
        "variable_declarator" if is("value") => t(parent.child_by_field_name("name")),
        "assignment_expression" if is("right") => t(parent.child_by_field_name("left")),
        "assignment_pattern" if is("right") => t(parent.child_by_field_name("left")),
        "public_field_definition" | "field_definition" if is("value") => t(parent
            .child_by_field_name("name")
            .or_else(|| parent.child_by_field_name("property"))),
        // Rust
        "let_declaration" if is("value") => t(parent.child_by_field_name("pattern")),
        "const_item" | "static_item" if is("value") => t(parent.child_by_field_name("name")),
        "field_initializer" if is("value") => t(parent.child_by_field_name("field")),
        // `x: "..."` type-annotated and other wrappers: look one level up.
        "expression_statement"
        | "parenthesized_expression"
        | "type_cast_expression"
        | "as_expression"
        | "reference_expression" => assigned_name(parent, nodes, src),
        "call_expression" => {
            // Rust `"...".to_string()` / `String::from("...")` as a value.
            let grand = nodes.parent_of(parent)?;
            if matches!(
                grand.kind(),
                "let_declaration" | "field_initializer" | "assignment_expression"
            ) {
                assigned_name(parent, nodes, src)
            } else {
                None
            }
        }
        "field_expression" => assigned_name(nodes.parent_of(parent)?, nodes, src),
        _ => None,
    }
}

/// Secrets in the string literals of a code file.
#[must_use]
///
/// `path` is relative to the scan root: tests, fixtures and docs are recognised by it.
pub fn scan_code(path: &str, nodes: &NodeList<'_>, src: &[u8]) -> Vec<Secret> {
    let mut out = Vec::new();
    let mut all_pieces: Vec<(usize, &str)> = Vec::new();
    let sample = is_sample_path(path);
    let strings = STRING_KINDS.of(nodes.lang());
    nodes.scan(|n, kind| {
        let mut descend = true;
        if strings.contains(kind) {
            descend = nodes.kind_name(kind) == "template_string";
            let (pieces, whole) = string_pieces(n, nodes, src);
            let before = out.len();
            for (off, text) in &pieces {
                providers(text, *off, sample, &mut out);
            }
            all_pieces.extend(pieces.iter().copied());
            if out.len() == before
                && whole
                && !sample
                && let [(off, value)] = pieces.as_slice()
                // Before the name: finding it costs a `Node::parent` (a descent from the
                // root), and most strings are short or prose.
                && generic_value_plausible(value)
                && let Some(name) = assigned_name(n, nodes, src)
                && is_secret_name(&name)
                && generic_value_is_secret(&name, value)
            {
                out.push(make(
                    "secret-generic-assignment",
                    "secret",
                    value,
                    *off,
                    Some(&name),
                ));
            }
        }
        if descend { Visit::Descend } else { Visit::Skip }
    });
    pairs(&all_pieces, &mut out);
    finish(out)
}

fn line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"^[ \t]*(?:-[ \t]+)?(?:export[ \t]+)?["']?([A-Za-z_][A-Za-z0-9_.\-]*)["']?[ \t]*[:=][ \t]*(.*?)[ \t]*,?[ \t]*\r?$"#,
        )
        .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable()))
    })
}

/// Secrets in a configuration file read as text.
#[must_use]
///
/// `path` is relative to the scan root (see [`scan_code`]).
pub fn scan_text(path: &str, src: &str) -> Vec<Secret> {
    let mut out = Vec::new();
    let sample = is_sample_path(path);
    providers(src, 0, sample, &mut out);
    pairs(&[(0, src)], &mut out);
    let is_json = path.ends_with(".json") || path.ends_with(".jsonc");
    if !sample && is_json {
        json_pairs(src, &mut out);
    }
    if !sample && !is_json {
        let mut offset = 0;
        for line in src.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let l = line.trim_end_matches('\n');
            let Some(c) = line_re().captures(l) else {
                continue;
            };
            let (Some(key), Some(val)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let raw = val.as_str();
            let (value, vstart) = unquote(raw, val.start());
            if value.is_empty() || !is_secret_name(key.as_str()) {
                continue;
            }
            let at = start + vstart;
            if out
                .iter()
                .any(|s| s.span.start < at + value.len() && at < s.span.end)
            {
                continue;
            }
            if generic_value_is_secret(key.as_str(), value) {
                out.push(make(
                    "secret-generic-assignment",
                    "secret",
                    value,
                    at,
                    Some(key.as_str()),
                ));
            }
        }
    }
    finish(out)
}

/// Key/value pairs of a JSON document (any depth), located in the source by searching for
/// the encoded key and then the encoded value.
fn json_pairs(src: &str, out: &mut Vec<Secret>) {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(src) else {
        return;
    };
    let mut stack = vec![&doc];
    let mut found: Vec<(String, String)> = Vec::new();
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match v {
                        serde_json::Value::String(s) => found.push((k.clone(), s.clone())),
                        other => stack.push(other),
                    }
                }
            }
            serde_json::Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    for (key, value) in found {
        if !is_secret_name(&key) || !generic_value_is_secret(&key, &value) {
            continue;
        }
        let (Ok(k), Ok(v)) = (serde_json::to_string(&key), serde_json::to_string(&value)) else {
            continue;
        };
        let mut from = 0;
        while let Some(i) = src.get(from..).and_then(|r| r.find(&k)) {
            let after = from + i + k.len();
            let rest = src.get(after..).unwrap_or_default();
            let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n', ':']);
            if trimmed.starts_with(&v) {
                let at = after + (rest.len() - trimmed.len()) + 1;
                // The raw text must equal the value (no escapes) to mask it exactly.
                if src.get(at..at + value.len()) == Some(value.as_str())
                    && !out
                        .iter()
                        .any(|s| s.span.start < at + value.len() && at < s.span.end)
                {
                    out.push(make(
                        "secret-generic-assignment",
                        "secret",
                        &value,
                        at,
                        Some(&key),
                    ));
                }
            }
            from = after;
        }
    }
}

/// Strips matching quotes, or a trailing ` # comment` from an unquoted value. Returns the
/// value and its offset in the line.
fn unquote(raw: &str, at: usize) -> (&str, usize) {
    for q in ['"', '\''] {
        if let Some(inner) = raw.strip_prefix(q)
            && let Some(end) = inner.find(q)
        {
            return (&inner[..end], at + 1);
        }
    }
    if raw.starts_with(['{', '[', '"', '\'']) {
        return ("", at);
    }
    let v = raw.split(" #").next().unwrap_or(raw).trim_end();
    (v, at)
}

fn finish(mut out: Vec<Secret>) -> Vec<Secret> {
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule_id).cmp(&(b.span.start, b.span.end, b.rule_id))
    });
    // One finding per secret: overlapping matches keep the first (longest-start) detector.
    let mut kept: Vec<Secret> = Vec::new();
    for s in out {
        if kept.last().is_some_and(|k| s.span.start < k.span.end) {
            continue;
        }
        kept.push(s);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_lang::Language;

    /// Deterministic fake key material (never a real key): a tiny LCG over an alphabet.
    pub(crate) fn fake(alphabet: &str, n: usize, seed: u64) -> String {
        let a: Vec<char> = alphabet.chars().collect();
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                a[((x >> 33) % a.len() as u64) as usize]
            })
            .collect()
    }

    const AN: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const HEX: &str = "0123456789abcdef";

    fn keys() -> Vec<(&'static str, String)> {
        let b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        vec![
            (
                "secret-openai-api-key",
                format!("sk-proj-{}", fake(AN, 64, 1)),
            ),
            (
                "secret-openai-api-key",
                format!("sk-{}T3BlbkFJ{}", fake(AN, 20, 2), fake(AN, 20, 3)),
            ),
            (
                "secret-anthropic-api-key",
                format!("sk-ant-api03-{}AA", fake(AN, 93, 4)),
            ),
            ("secret-google-api-key", format!("AIza{}", fake(AN, 35, 5))),
            (
                "secret-huggingface-token",
                format!(
                    "hf_{}",
                    fake(
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        34,
                        6
                    )
                ),
            ),
            (
                "secret-aws-access-key",
                format!("AKIA{}", fake("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 7)),
            ),
            ("secret-github-token", format!("ghp_{}", fake(AN, 36, 8))),
            (
                "secret-github-token",
                format!("github_pat_{}_{}", fake(AN, 22, 9), fake(AN, 59, 10)),
            ),
            ("secret-gitlab-token", format!("glpat-{}", fake(AN, 20, 11))),
            (
                "secret-slack-token",
                format!(
                    "xoxb-{}-{}-{}",
                    fake("0123456789", 12, 12),
                    fake("0123456789", 13, 13),
                    fake(AN, 24, 14)
                ),
            ),
            (
                "secret-slack-webhook",
                format!(
                    "https://hooks.slack.com/services/T{}/B{}/{}",
                    fake("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8, 15),
                    fake("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10, 16),
                    fake(AN, 24, 17)
                ),
            ),
            (
                "secret-stripe-api-key",
                format!("sk_live_{}", fake(AN, 24, 18)),
            ),
            ("secret-twilio-api-key", format!("SK{}", fake(HEX, 32, 19))),
            (
                "secret-sendgrid-api-key",
                format!("SG.{}.{}", fake(AN, 22, 20), fake(AN, 43, 21)),
            ),
            (
                "secret-credential-url",
                format!("postgres://app:{}@db.internal:5432/prod", fake(AN, 16, 22)),
            ),
            (
                "secret-private-key",
                format!(
                    "-----BEGIN RSA PRIVATE KEY-----\n{}\n{}\n-----END RSA PRIVATE KEY-----",
                    fake(b64, 64, 23),
                    fake(b64, 64, 24)
                ),
            ),
        ]
    }

    fn jwt() -> String {
        use base64::Engine as _;
        let e = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!(
            "{}.{}.{}",
            e(r#"{"alg":"HS256","typ":"JWT"}"#),
            e(r#"{"sub":"user-8812","role":"admin","exp":1893456000}"#),
            fake(AN, 43, 30)
        )
    }

    fn secret_value(s: &Secret, src: &str) -> String {
        src[s.span.range()].to_string()
    }

    #[test]
    fn provider_keys_in_python_strings_not_comments() {
        for (rule, key) in keys() {
            let src = format!("# {key}\nclient = make(key=\"\"\"{key}\"\"\")\n");
            let src = if rule == "secret-private-key" {
                src
            } else {
                format!("# {key}\nclient = make(key=\"{key}\")\n")
            };
            let tree = mamori_lang::parse(Language::Python, src.as_bytes(), None).expect("parses");
            let got = scan_code(
                "app.py",
                &NodeList::new(Language::Python, &tree, src.len()),
                src.as_bytes(),
            );
            assert_eq!(got.len(), 1, "{rule}: {got:?}");
            assert_eq!(got[0].rule_id, rule);
            let want = if rule == "secret-credential-url" {
                key.split(':')
                    .nth(2)
                    .and_then(|r| r.split('@').next())
                    .unwrap_or_default()
                    .to_string()
            } else {
                key.clone()
            };
            assert_eq!(secret_value(&got[0], &src), want, "{rule}");
            assert!(
                !got[0].message.contains(&key[key.len() / 2..]),
                "{rule} message leaks: {}",
                got[0].message
            );
        }
    }

    #[test]
    fn credential_url_examples() {
        assert!(credential_url_placeholder(
            "postgresql://user:password@your-postgres-db/database",
            "password"
        ));
        assert!(credential_url_placeholder(
            "postgres://app:s3cr3tPw9@db.example.com/app",
            "s3cr3tPw9"
        ));
        assert!(!credential_url_placeholder(
            "postgres://app:s3cr3tPw9@db.internal/app",
            "s3cr3tPw9"
        ));
    }

    #[test]
    fn js_and_rust_and_jwt() {
        let token = jwt();
        let src = format!(
            "const t = `Bearer {token}`;\nconst k = 'AIza{}';\n",
            fake(AN, 35, 40)
        );
        let tree = mamori_lang::parse(Language::JavaScript, src.as_bytes(), None).expect("parses");
        let got = scan_code(
            "a.js",
            &NodeList::new(Language::JavaScript, &tree, src.len()),
            src.as_bytes(),
        );
        let rules: Vec<&str> = got.iter().map(|s| s.rule_id).collect();
        assert_eq!(rules, ["secret-jwt", "secret-google-api-key"]);
        let src = format!(
            "const KEY: &str = \"ghp_{}\";\nlet password = \"Zq8!mK2#vL9x\";\n",
            fake(AN, 36, 41)
        );
        let tree = mamori_lang::parse(Language::Rust, src.as_bytes(), None).expect("parses");
        let got = scan_code(
            "src/main.rs",
            &NodeList::new(Language::Rust, &tree, src.len()),
            src.as_bytes(),
        );
        let rules: Vec<&str> = got.iter().map(|s| s.rule_id).collect();
        assert_eq!(rules, ["secret-github-token", "secret-generic-assignment"]);
        // The jwt.io sample is documentation, not a secret.
        let sample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        assert!(!jwt_is_real(sample));
    }

    #[test]
    fn generic_assignments_and_placeholders() {
        let src = "password = \"Zq8!mK2#vL9x\"\napi_key = os.environ[\"API_KEY\"]\ntoken = \"changeme\"\nsecret = \"<your-secret>\"\nSECRET_KEY = \"${SECRET_KEY}\"\nconfig = {\"client_secret\": \"d8Fh2Kq9Lm4Np7Rs1Tv6\"}\nconnect(password=\"hunter2hunter2\")\nkey = os.getenv(\"OPENAI_KEY\", \"x9Yb2Nc4Vd6Mf8Lg0Kh2\")\nmsg = \"Enter your password\"\npassword_field = \"pw-input-3\"\n";
        let tree = mamori_lang::parse(Language::Python, src.as_bytes(), None).expect("parses");
        let got = scan_code(
            "app/settings.py",
            &NodeList::new(Language::Python, &tree, src.len()),
            src.as_bytes(),
        );
        let lines: Vec<usize> = got
            .iter()
            .map(|s| src[..s.span.start].matches('\n').count() + 1)
            .collect();
        assert_eq!(lines, [1, 6, 7, 8], "{got:?}");
        // In a test file the generic detector is quiet.
        let got = scan_code(
            "tests/test_settings.py",
            &NodeList::new(Language::Python, &tree, src.len()),
            src.as_bytes(),
        );
        assert!(got.is_empty());
    }

    #[test]
    fn config_files() {
        let aws_id = format!("AKIA{}", fake("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 50));
        let aws_secret = fake(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+",
            40,
            51,
        );
        let env = format!(
            "# creds\nAWS_ACCESS_KEY_ID={aws_id}\nAWS_SECRET_ACCESS_KEY={aws_secret}\nDB_PASSWORD=\"Pg-7hX!q2Lr9\"\nAPI_TOKEN=changeme\nDEBUG=true\n"
        );
        let got = scan_text(".env", &env);
        let rules: Vec<&str> = got.iter().map(|s| s.rule_id).collect();
        assert_eq!(
            rules,
            [
                "secret-aws-access-key",
                "secret-aws-secret-key",
                "secret-generic-assignment"
            ]
        );
        assert_eq!(&env[got[1].span.range()], aws_secret);
        let example = scan_text(
            ".env.example",
            "DB_PASSWORD=Pg-7hX!q2Lr9\nOPENAI_API_KEY=sk-your-key-here\n",
        );
        assert!(example.is_empty(), "{example:?}");
        let sid = format!("AC{}", fake(HEX, 32, 60));
        let tok = fake(HEX, 32, 61);
        let yaml = format!("twilio:\n  account_sid: {sid}\n  auth_token: {tok}\n");
        let got = scan_text("config.yaml", &yaml);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].rule_id, "secret-twilio-auth-token");
        let mcp = format!(
            "{{\"mcpServers\": {{\"gh\": {{\"command\": \"npx\", \"env\": {{\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"ghp_{}\", \"OTHER_API_KEY\": \"Lk3-Mn8_Pq1-Rs6_Tv2\"}}}}}}}}",
            fake(AN, 36, 70)
        );
        let got = scan_text(".cursor/mcp.json", &mcp);
        let rules: Vec<&str> = got.iter().map(|s| s.rule_id).collect();
        assert_eq!(rules, ["secret-github-token", "secret-generic-assignment"]);
        assert!(wants_extra_file(".env.local"));
        assert!(wants_extra_file("config/settings.yaml"));
        assert!(!wants_extra_file("package-lock.json"));
    }

    #[test]
    fn placeholders_are_not_secrets() {
        let src = "OPENAI_API_KEY = \"sk-...\"\nopenai.api_key = \"sk-your-key-here\"\nAWS = \"AKIAIOSFODNN7EXAMPLE\"\nDATABASE_URL = \"postgres://user:password@localhost/db\"\nREDIS = \"redis://:${REDIS_PASSWORD}@cache:6379\"\nKEY = \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\"\n";
        let tree = mamori_lang::parse(Language::Python, src.as_bytes(), None).expect("parses");
        let got = scan_code(
            "app.py",
            &NodeList::new(Language::Python, &tree, src.len()),
            src.as_bytes(),
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
