//! Inline suppressions: `mamori: ignore[rule-id] reason` on the finding's lines, the line
//! before, or any line of the statement that holds the finding (so a formatter that wraps a
//! call over several lines and moves the trailing comment does not undo it); file-level
//! `mamori: ignore-file[rule-id]`; and (for migrating users) Semgrep's `nosemgrep` and
//! Bandit's `nosec` (a reason may follow ` -- `), and Ruff's flake8-bandit codes
//! (`# noqa: S608`: for the mamori rules of that family only, see [`RUFF_BANDIT_CODES`]).
//!
//! Directives remember whether they suppressed something, so unused mamori directives can
//! be reported as findings of the pseudo-rule [`UNUSED_RULE_ID`] (`--report-unused-suppressions`).

use std::cell::Cell;
use std::collections::HashMap;

use mamori_diagnostics::{
    Confidence, Finding, Position, RuleInfo, Severity, Snippet, Span, Suppression,
};
use mamori_rules::RuleSet;
use mamori_text::{ColumnUnit, LineIndex};

/// The pseudo-rule of unused suppression directives.
pub const UNUSED_RULE_ID: &str = "unused-suppression";
/// A statement longer than this many lines does not widen a suppression's reach (the
/// finding's own lines and the line before still count).
pub const MAX_STATEMENT_LINES: usize = 50;

/// One suppression comment found in a file.
#[derive(Debug, Clone)]
pub struct Directive {
    /// 1-based line.
    pub line: usize,
    pub kind: &'static str,
    /// Rule ids it names; empty (with no `families`) = all rules.
    pub rules: Vec<String>,
    /// For `noqa: Sxxx`: words of the rule ids it covers (`sql`, `pickle`).
    pub families: Vec<&'static str>,
    pub reason: Option<String>,
    pub file_level: bool,
    /// Set when the directive suppressed a finding.
    pub used: Cell<bool>,
}

/// Which markers are honoured, and whether unused directives are reported.
#[derive(Debug, Clone, Copy)]
pub struct SuppressOptions {
    pub nosemgrep: bool,
    pub nosec: bool,
    /// Report mamori directives that suppressed nothing as [`UNUSED_RULE_ID`] findings.
    pub report_unused: bool,
}

impl Default for SuppressOptions {
    fn default() -> Self {
        Self {
            nosemgrep: true,
            nosec: true,
            report_unused: false,
        }
    }
}

/// All directives in `src` (only inside comments: after `#`, `//` or `/*` on the line).
#[must_use]
pub fn scan(src: &[u8], opts: SuppressOptions) -> Vec<Directive> {
    let mut out = Vec::new();
    if memchr::memmem::find(src, b"mamori").is_none()
        && (!opts.nosemgrep || memchr::memmem::find(src, b"nosemgrep").is_none())
        && (!opts.nosec
            || (memchr::memmem::find(src, b"nosec").is_none()
                && memchr::memmem::find(src, b"noqa").is_none()))
    {
        return out;
    }
    for (i, line) in src.split(|b| *b == b'\n').enumerate() {
        let Some(comment) = comment_part(line) else {
            continue;
        };
        let text = String::from_utf8_lossy(comment);
        if let Some(d) = parse_directive(&text, i + 1, opts) {
            out.push(d);
        }
    }
    out
}

fn comment_part(line: &[u8]) -> Option<&[u8]> {
    let positions = [
        memchr::memmem::find(line, b"#"),
        memchr::memmem::find(line, b"//"),
        memchr::memmem::find(line, b"/*"),
        memchr::memmem::find(line, b"{/*"),
    ];
    let at = positions.iter().flatten().min()?;
    Some(&line[*at..])
}

fn parse_directive(text: &str, line: usize, opts: SuppressOptions) -> Option<Directive> {
    let lower = text.to_ascii_lowercase();
    if let Some(p) = lower.find("mamori:") {
        let rest = text[p + "mamori:".len()..].trim_start();
        let (file_level, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
            (true, r)
        } else if let Some(r) = rest.strip_prefix("ignore") {
            (false, r)
        } else {
            return None;
        };
        let (rules, rest) = bracket_list(rest);
        let reason = clean_reason(rest);
        return Some(Directive {
            line,
            kind: "mamori",
            rules,
            families: Vec::new(),
            reason,
            file_level,
            used: Cell::new(false),
        });
    }
    if opts.nosemgrep
        && let Some(p) = lower.find("nosemgrep")
    {
        let rest = &text[p + "nosemgrep".len()..];
        let (rest, reason) = legacy_reason(rest);
        let rules = rest
            .trim_start()
            .strip_prefix(':')
            .map(|r| {
                r.split(',')
                    .map(|s| {
                        s.split_whitespace()
                            .next()
                            .unwrap_or_default()
                            .trim_end_matches("*/")
                            .to_string()
                    })
                    .map(|s| s.rsplit('.').next().unwrap_or_default().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        return Some(Directive {
            line,
            kind: "nosemgrep",
            rules,
            families: Vec::new(),
            reason,
            file_level: false,
            used: Cell::new(false),
        });
    }
    if opts.nosec
        && let Some(p) = lower.find("nosec")
    {
        let after = &text[p + "nosec".len()..];
        if after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return None;
        }
        return Some(Directive {
            line,
            kind: "nosec",
            rules: Vec::new(),
            families: Vec::new(),
            reason: legacy_reason(after).1,
            file_level: false,
            used: Cell::new(false),
        });
    }
    // Ruff's flake8-bandit codes: `# noqa: S608` (a bare `# noqa` is about lint, not security).
    if opts.nosec
        && let Some(p) = lower.find("noqa:")
    {
        let mut families = Vec::new();
        for code in lower[p + "noqa:".len()..]
            .split([',', ' ', '\t'])
            .map(str::trim)
            .take_while(|c| c.is_empty() || c.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            if let Some((_, words)) = RUFF_BANDIT_CODES
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(code))
            {
                families.extend_from_slice(words);
            }
        }
        if families.is_empty() {
            return None;
        }
        return Some(Directive {
            line,
            kind: "noqa",
            rules: Vec::new(),
            families,
            reason: None,
            file_level: false,
            used: Cell::new(false),
        });
    }
    None
}

/// Ruff's flake8-bandit codes and words of the mamori rule ids of the same family: a
/// `# noqa: S608` left by a team that triaged Ruff's SQL warning suppresses mamori's SQL
/// rules on that line, not its other rules.
pub const RUFF_BANDIT_CODES: &[(&str, &[&str])] = &[
    ("S102", &["eval", "code-injection", "code-execution"]),
    ("S307", &["eval", "code-injection", "code-execution"]),
    ("S104", &["all-interfaces"]),
    ("S105", &["hardcoded", "secret-key", "signing-key"]),
    ("S106", &["hardcoded", "secret-key", "signing-key"]),
    ("S107", &["hardcoded", "secret-key", "signing-key"]),
    ("S201", &["debug"]),
    ("S301", &["pickle", "deserializ"]),
    ("S302", &["pickle", "deserializ"]),
    ("S403", &["pickle", "deserializ"]),
    ("S303", &["weak-hash", "hashlib"]),
    ("S324", &["weak-hash", "hashlib"]),
    ("S304", &["cipher", "ecb"]),
    ("S305", &["cipher", "ecb"]),
    ("S306", &["mktemp"]),
    ("S311", &["random"]),
    ("S313", &["xml"]),
    ("S320", &["xml"]),
    ("S323", &["tls"]),
    ("S501", &["tls"]),
    ("S502", &["tls"]),
    ("S503", &["tls"]),
    ("S504", &["tls"]),
    ("S505", &["rsa-key"]),
    ("S506", &["yaml"]),
    ("S602", &["shell", "command"]),
    ("S603", &["shell", "command"]),
    ("S604", &["shell", "command"]),
    ("S605", &["shell", "command"]),
    ("S606", &["shell", "command"]),
    ("S607", &["shell", "command"]),
    ("S608", &["sql"]),
    ("S610", &["sql"]),
    ("S611", &["sql"]),
    ("S701", &["autoescape", "template"]),
    ("S702", &["autoescape", "template"]),
    ("S704", &["marked-safe", "html"]),
];

/// `nosemgrep: id -- reason` / `nosec B602 -- reason`: the text after ` -- ` is the reason.
fn legacy_reason(rest: &str) -> (&str, Option<String>) {
    match rest.split_once(" -- ") {
        Some((head, reason)) => (head, clean_reason(reason)),
        None => (rest, None),
    }
}

fn bracket_list(rest: &str) -> (Vec<String>, &str) {
    let t = rest.trim_start();
    if let Some(inner) = t.strip_prefix('[')
        && let Some(end) = inner.find(']')
    {
        let ids = inner[..end]
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        return (ids, &inner[end + 1..]);
    }
    (Vec::new(), rest)
}

fn clean_reason(rest: &str) -> Option<String> {
    let r = rest
        .trim()
        .trim_start_matches([':', '-', '—', ' '])
        .trim_end_matches("*/")
        .trim_end_matches("*/}")
        .trim();
    (!r.is_empty()).then(|| r.to_string())
}

/// The suppression covering a finding of `rule` spanning `start_line..=end_line` (a
/// directive on one of those lines or the line before). Every directive that covers it is
/// marked used; one with a reason is preferred.
#[must_use]
pub fn find(
    directives: &[Directive],
    rule: &str,
    start_line: usize,
    end_line: usize,
) -> Option<Suppression> {
    let applies = |d: &Directive| {
        (d.rules.is_empty() && d.families.is_empty())
            || d.rules.iter().any(|r| r == rule)
            || d.families.iter().any(|w| rule.contains(w))
    };
    let mut best: Option<&Directive> = None;
    for d in directives.iter().filter(|d| {
        applies(d) && (d.file_level || (d.line + 1 >= start_line && d.line <= end_line))
    }) {
        d.used.set(true);
        if best.is_none_or(|b| b.reason.is_none() && d.reason.is_some()) {
            best = Some(d);
        }
    }
    best.map(|d| Suppression {
        kind: d.kind.to_string(),
        justification: d.reason.clone(),
        line: d.line,
    })
}

/// [`find`] over the lines of the finding widened to the statement that holds `span` (see
/// [`statement_lines`]).
#[must_use]
pub fn find_in_statement(
    directives: &[Directive],
    rule: &str,
    start_line: usize,
    end_line: usize,
    tree: &tree_sitter::Tree,
    span: Span,
) -> Option<Suppression> {
    if directives.is_empty() {
        return None;
    }
    let (lo, hi) = statement_lines(tree, span).unwrap_or((start_line, end_line));
    find(directives, rule, start_line.min(lo), end_line.max(hi))
}

/// The 1-based lines of the innermost statement (or declaration) around `span`: for a
/// compound statement (`if`, `for`, a function or class header) only its header, up to the
/// line where its body begins. `None` when there is none or it is longer than
/// [`MAX_STATEMENT_LINES`].
#[must_use]
pub fn statement_lines(tree: &tree_sitter::Tree, span: Span) -> Option<(usize, usize)> {
    let root = tree.root_node();
    let inner = root.descendant_for_byte_range(span.start, span.end)?;
    // One descent from the root, not `Node::parent` per step (O(depth) each).
    let chain = mamori_matcher::ancestors(root, inner);
    let node = *chain
        .iter()
        .take(1024)
        .find(|n| {
            let kind = n.kind();
            kind.ends_with("_statement") || kind.ends_with("_declaration")
        })
        .or_else(|| chain.get(1024))?;
    let lo = node.start_position().row + 1;
    let mut hi = node.end_position().row + 1;
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        let body = matches!(
            child.kind(),
            "block"
                | "statement_block"
                | "declaration_list"
                | "class_body"
                | "field_declaration_list"
                | "enum_variant_list"
                | "switch_body"
        );
        if body {
            let start = child.start_position().row + 1;
            // `{` opens the body on the header's line; a Python block starts at its first
            // statement, on the line after the header.
            let opens_with_brace = child.child(0).is_some_and(|c| c.kind() == "{");
            hi = if opens_with_brace {
                start
            } else {
                start.saturating_sub(1)
            }
            .max(lo);
            break;
        }
    }
    (hi - lo < MAX_STATEMENT_LINES).then_some((lo, hi))
}

/// The metadata of the [`UNUSED_RULE_ID`] pseudo-rule.
#[must_use]
pub fn unused_rule_info() -> RuleInfo {
    let help = "This `mamori: ignore` comment suppresses no finding: the code it excused was \
                fixed or moved, or the rule id is wrong. Remove the comment so it cannot hide \
                a future finding.";
    RuleInfo {
        id: UNUSED_RULE_ID.to_owned(),
        message: "suppression comment suppresses nothing".to_owned(),
        short_description: "A mamori suppression comment that suppresses nothing".to_owned(),
        full_description: help.to_owned(),
        help: help.to_owned(),
        help_markdown: help.to_owned(),
        help_uri: None,
        severity: Severity::Info,
        confidence: Confidence::High,
        cwe: Vec::new(),
        owasp: Vec::new(),
        category: Some("maintainability".to_owned()),
        likelihood: None,
        impact: None,
        security_severity: 1.0,
        references: Vec::new(),
        languages: Vec::new(),
        tags: Vec::new(),
    }
}

/// Adds [`unused_rule_info`] to a sorted rule list (kept sorted).
pub fn add_unused_rule_info(rules: &mut Vec<RuleInfo>) {
    if let Err(i) = rules.binary_search_by(|r| r.id.as_str().cmp(UNUSED_RULE_ID)) {
        rules.insert(i, unused_rule_info());
    }
}

/// Findings for the mamori directives that suppressed nothing. A directive naming a rule
/// that is not in `rules` is left alone (that rule did not run, so it may well be needed).
#[must_use]
pub fn unused(directives: &[Directive], path: &str, src: &[u8], rules: &RuleSet) -> Vec<Finding> {
    let known = |id: &str| rules.rules().iter().any(|r| r.info.id == id);
    let unused: Vec<&Directive> = directives
        .iter()
        .filter(|d| d.kind == "mamori" && !d.used.get())
        .filter(|d| d.rules.iter().all(|r| known(r)))
        .collect();
    if unused.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(src);
    let hashes = mamori_text::github::line_hashes(src);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let position = |offset: usize| {
        let cp = index.line_col(src, offset, ColumnUnit::CodePoint);
        let u16c = index.line_col(src, offset, ColumnUnit::Utf16);
        Position {
            line: cp.line,
            column: cp.column,
            utf16_column: u16c.column,
            offset,
        }
    };
    let line_text = |l: usize| {
        let sp = index.line_span(src, l - 1);
        String::from_utf8_lossy(src.get(sp.range()).unwrap_or_default()).into_owned()
    };
    let mut out = Vec::new();
    for d in unused {
        let line_span = index.line_span(src, d.line - 1);
        let text = src.get(line_span.range()).unwrap_or_default();
        let at = memchr::memmem::find(text, b"mamori")
            .or_else(|| memchr::memmem::find(&text.to_ascii_lowercase(), b"mamori"))
            .unwrap_or(0);
        let body = text.strip_suffix(b"\r").unwrap_or(text);
        let end_at = body.len()
            - body
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        let span = Span::new(line_span.start + at, line_span.start + end_at.max(at));
        let shown = String::from_utf8_lossy(src.get(span.range()).unwrap_or_default())
            .trim_end_matches("*/")
            .trim()
            .to_owned();
        let what = if d.file_level {
            "ignore-file"
        } else {
            "ignore"
        };
        let names = if d.rules.is_empty() {
            "any rule".to_owned()
        } else {
            d.rules.join(", ")
        };
        let message = format!("`mamori: {what}` for {names} suppresses nothing here; remove it");
        let key = format!("{UNUSED_RULE_ID}\u{0}{shown}");
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        let mut fingerprints = std::collections::BTreeMap::new();
        if let Some(h) = hashes.get(d.line - 1) {
            fingerprints.insert("primaryLocationLineHash".to_owned(), h.clone());
        }
        fingerprints.insert(
            "mamori/v1".to_owned(),
            format!("{:016x}:{n}", fnv1a(key.as_bytes())),
        );
        let first = d.line.saturating_sub(1).max(1);
        let last = (d.line + 1).min(index.line_count());
        let snippet = Snippet {
            first_line: first,
            text: (first..=last).map(line_text).collect::<Vec<_>>().join("\n"),
        };
        out.push(Finding {
            rule_id: UNUSED_RULE_ID.to_owned(),
            path: path.to_owned(),
            span,
            start: position(span.start),
            end: position(span.end),
            message,
            severity: Severity::Info,
            confidence: Confidence::High,
            snippet,
            fingerprints,
            bindings: std::collections::BTreeMap::new(),
            fix: None,
            flow: Vec::new(),
            suppression: None,
        });
    }
    out
}

/// FNV-1a 64 (stable across releases, unlike std's hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_forms() {
        let src = b"x = 1  # mamori: ignore[py-a, py-b] reviewed: constant input\n\
y = 2 # nosec\n\
// nosemgrep: javascript.lang.js-x\n\
# mamori: ignore-file\n\
z = 'mamori: ignore' # just a string\n";
        let ds = scan(src, SuppressOptions::default());
        assert_eq!(ds.len(), 4, "{ds:?}");
        assert_eq!(ds[0].rules, vec!["py-a", "py-b"]);
        assert_eq!(ds[0].reason.as_deref(), Some("reviewed: constant input"));
        assert_eq!(ds[1].kind, "nosec");
        assert_eq!(ds[2].rules, vec!["js-x"]);
        assert!(ds[3].file_level);
        assert!(find(&ds[..1], "py-a", 1, 1).is_some());
        assert!(find(&ds[..1], "py-a", 2, 2).is_some(), "line before");
        assert!(find(&ds[..1], "py-c", 1, 1).is_none());
        assert!(find(&ds[..1], "py-a", 3, 3).is_none());
    }

    #[test]
    fn legacy_reasons_and_preference() {
        let src = b"a()  # nosec -- fixture data\n# mamori: ignore-file[py-a]\nb()  # mamori: ignore[py-a] checked by hand\n";
        let ds = scan(src, SuppressOptions::default());
        assert_eq!(ds[0].reason.as_deref(), Some("fixture data"));
        assert_eq!(ds[1].reason, None);
        // The line directive (with a reason) is preferred over the file-level one; both are used.
        let s = find(&ds, "py-a", 3, 3).unwrap();
        assert_eq!(s.line, 3);
        assert!(ds[1].used.get() && ds[2].used.get());
        assert!(!ds[0].used.get());
    }

    #[test]
    fn ruff_bandit_codes_suppress_only_their_family() {
        let src = b"cur.execute(f\"SELECT {x}\")  # noqa: S608, E501\nos.system(cmd)  # noqa: E501\ny = 1  # noqa\n";
        let ds = scan(src, SuppressOptions::default());
        assert_eq!(
            ds.len(),
            1,
            "only the line with a security code is a directive"
        );
        assert_eq!(ds[0].kind, "noqa");
        assert!(find(&ds, "python-sql-built-from-string", 1, 1).is_some());
        assert!(find(&ds, "python-shell-true-with-variable", 1, 1).is_none());
        let off = SuppressOptions {
            nosec: false,
            ..SuppressOptions::default()
        };
        assert!(
            scan(src, off).is_empty(),
            "--no-legacy-suppressions turns them off"
        );
    }

    #[test]
    fn statement_lines_cover_wrapped_calls_but_only_compound_headers() {
        let src = b"result = wrapper(\n    dangerous(x),\n    other,\n)  # c\nif cond(\n    y):\n    z = 1\n    w = 2\n";
        let tree = mamori_lang::parse(mamori_lang::Language::Python, src, None).unwrap();
        let at = |needle: &str| {
            let s = memchr::memmem::find(src, needle.as_bytes()).unwrap();
            Span::new(s, s + needle.len())
        };
        assert_eq!(statement_lines(&tree, at("dangerous(x)")), Some((1, 4)));
        assert_eq!(statement_lines(&tree, at("y")), Some((5, 6)));
        assert_eq!(statement_lines(&tree, at("w = 2")), Some((8, 8)));
    }
}
