//! `metavariable-formatted`: the values formatted into a string, and whether each of them
//! is harmless.
//!
//! A rule like "HTML built by formatting is marked safe" is right about
//! `Markup(f"<b>{name}</b>")` and wrong about `Markup(f"<b>{escape(name)}</b>")` or
//! `SafeString(f'<input aria-label="{label}">')` after `label = _("Select all")`. The
//! condition lists the values pasted into the string bound to a metavariable (f-string and
//! template-literal substitutions, `%` operands, `.format()` arguments, the non-literal
//! operands of `+`) and drops the match when every one of them is a literal, matches the
//! rule's `unless-all` formula (an escaping call, an id), or is a local variable whose
//! every assignment in the same function is such a value.

use mamori_text::Span;
use tree_sitter::Node;

/// How deep variable resolution and nested formatting are followed.
const MAX_DEPTH: usize = 4;
/// Most values looked at in one string (a huge concatenation is not worth resolving).
const MAX_VALUES: usize = 64;

/// The node whose span is exactly `span` (the outermost such node), if any.
#[must_use]
pub fn node_at<'t>(root: Node<'t>, span: Span) -> Option<Node<'t>> {
    let mut n = root.descendant_for_byte_range(span.start, span.end)?;
    if n.start_byte() != span.start || n.end_byte() != span.end {
        return None;
    }
    while let Some(p) = n.parent() {
        if p.start_byte() == span.start && p.end_byte() == span.end {
            n = p;
        } else {
            break;
        }
    }
    Some(n)
}

/// True when every value formatted into `n` is harmless: a literal, a value `is_safe`
/// accepts, a nested formatted string of harmless values, or a local variable assigned
/// only such values. False when `n` is not a formatted string or anything is unknown.
pub fn all_values_safe(n: Node<'_>, src: &[u8], is_safe: &mut dyn FnMut(Span) -> bool) -> bool {
    formatted_safe(n, src, is_safe, MAX_DEPTH) == Some(true)
}

/// Whether every value formatted into `n` is harmless (values resolved `depth` deep), or
/// `None` when `n` is not a formatted string.
fn formatted_safe(
    n: Node<'_>,
    src: &[u8],
    is_safe: &mut dyn FnMut(Span) -> bool,
    depth: usize,
) -> Option<bool> {
    let mut values = Vec::new();
    if !formatted_values(n, src, &mut values) {
        return None;
    }
    Some(
        values.len() <= MAX_VALUES
            && values
                .into_iter()
                .all(|v| value_safe(v, src, is_safe, depth)),
    )
}

fn text<'s>(n: Node<'_>, src: &'s [u8]) -> &'s [u8] {
    src.get(n.byte_range()).unwrap_or_default()
}

fn named_children<'t>(n: Node<'t>) -> Vec<Node<'t>> {
    let mut c = n.walk();
    n.named_children(&mut c).collect()
}

fn unparen(mut n: Node<'_>) -> Node<'_> {
    while n.kind() == "parenthesized_expression" {
        match named_children(n).as_slice() {
            [inner] => n = *inner,
            _ => break,
        }
    }
    n
}

/// A string literal with no substitution in it.
fn is_plain_string(n: Node<'_>) -> bool {
    match n.kind() {
        "string" => !named_children(n)
            .iter()
            .any(|c| c.kind() == "interpolation"),
        "concatenated_string" => named_children(n).into_iter().all(is_plain_string),
        "template_string" => !named_children(n)
            .iter()
            .any(|c| c.kind() == "template_substitution"),
        _ => false,
    }
}

fn is_literal(n: Node<'_>) -> bool {
    is_plain_string(n)
        || matches!(
            n.kind(),
            "integer" | "float" | "number" | "true" | "false" | "none" | "null" | "undefined"
        )
}

/// The values formatted into `n`, or false when `n` is not a formatted string.
fn formatted_values<'t>(n: Node<'t>, src: &[u8], out: &mut Vec<Node<'t>>) -> bool {
    let n = unparen(n);
    match n.kind() {
        // Python f-strings (and implicit concatenations of them)
        "string" => {
            for c in named_children(n) {
                if c.kind() == "interpolation"
                    && let Some(e) = named_children(c)
                        .into_iter()
                        .find(|e| !matches!(e.kind(), "type_conversion" | "format_specifier"))
                {
                    out.push(e);
                }
            }
            true
        }
        "concatenated_string" => named_children(n)
            .into_iter()
            .all(|c| formatted_values(c, src, out)),
        // JS template literals
        "template_string" => {
            for c in named_children(n) {
                if c.kind() == "template_substitution"
                    && let Some(e) = named_children(c).into_iter().next()
                {
                    out.push(e);
                }
            }
            true
        }
        "binary_operator" | "binary_expression" => {
            let op = n.child_by_field_name("operator").map(|o| text(o, src));
            let (Some(l), Some(r)) = (
                n.child_by_field_name("left"),
                n.child_by_field_name("right"),
            ) else {
                return false;
            };
            match op {
                // `"..." % value`, `"..." % (a, b)`, `"..." % {"k": v}`
                Some(b"%") if is_plain_string(unparen(l)) => {
                    let r = unparen(r);
                    match r.kind() {
                        "tuple" => out.extend(named_children(r)),
                        "dictionary" => {
                            for p in named_children(r) {
                                match p.child_by_field_name("value") {
                                    Some(v) if p.kind() == "pair" => out.push(v),
                                    _ => out.push(p),
                                }
                            }
                        }
                        _ => out.push(r),
                    }
                    true
                }
                // `"<b>" + name + "</b>"`: every operand of the chain
                Some(b"+") => {
                    for side in [l, r] {
                        let side = unparen(side);
                        let chained =
                            matches!(side.kind(), "binary_operator" | "binary_expression")
                                && side
                                    .child_by_field_name("operator")
                                    .is_some_and(|o| text(o, src) == b"+");
                        if chained || matches!(side.kind(), "string" | "template_string") {
                            if !formatted_values(side, src, out) {
                                return false;
                            }
                        } else {
                            out.push(side);
                        }
                    }
                    true
                }
                _ => false,
            }
        }
        // `"...".format(a, b=c)`
        "call" => {
            let Some(f) = n.child_by_field_name("function") else {
                return false;
            };
            let is_format = f.kind() == "attribute"
                && f.child_by_field_name("attribute")
                    .is_some_and(|a| text(a, src) == b"format")
                && f.child_by_field_name("object")
                    .is_some_and(|o| is_plain_string(unparen(o)));
            if !is_format {
                return false;
            }
            let Some(args) = n.child_by_field_name("arguments") else {
                return false;
            };
            for a in named_children(args) {
                match a.kind() {
                    "keyword_argument" => match a.child_by_field_name("value") {
                        Some(v) => out.push(v),
                        None => return false,
                    },
                    // `*args`, `**kwargs`: unknown values
                    "list_splat" | "dictionary_splat" => return false,
                    _ => out.push(a),
                }
            }
            true
        }
        _ => false,
    }
}

fn value_safe(
    v: Node<'_>,
    src: &[u8],
    is_safe: &mut dyn FnMut(Span) -> bool,
    depth: usize,
) -> bool {
    let v = unparen(v);
    if is_literal(v) || is_safe(Span::new(v.start_byte(), v.end_byte())) {
        return true;
    }
    if depth == 0 {
        return false;
    }
    // A nested formatted string of harmless values (`f"{a}" + "..."`).
    if let Some(ok) = formatted_safe(v, src, is_safe, depth - 1) {
        return ok;
    }
    if v.kind() == "identifier" {
        return match assigned_values(v, src) {
            Some(rhs) if !rhs.is_empty() => rhs
                .into_iter()
                .all(|r| value_safe(r, src, is_safe, depth - 1)),
            _ => false,
        };
    }
    false
}

fn is_scope(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "lambda"
            | "module"
            | "function_declaration"
            | "function_expression"
            | "function"
            | "arrow_function"
            | "method_definition"
            | "generator_function_declaration"
            | "generator_function"
            | "program"
    )
}

/// The values assigned to the variable `use_` names in its function before the use, or
/// `None` when the name is also bound another way there (a parameter, a loop variable,
/// `+=`, a walrus): then its value is not known.
fn assigned_values<'t>(use_: Node<'t>, src: &[u8]) -> Option<Vec<Node<'t>>> {
    let name = text(use_, src);
    let mut scope = use_.parent()?;
    while !is_scope(scope.kind()) {
        scope = scope.parent()?;
    }
    let mut out = Vec::new();
    let mut stack = vec![scope];
    let mut first = true;
    while let Some(n) = stack.pop() {
        // Nested functions and classes have their own variables.
        if !first && (is_scope(n.kind()) || n.kind() == "class_definition") {
            continue;
        }
        first = false;
        let before = n.start_byte() < use_.start_byte();
        let field = |f: &str| n.child_by_field_name(f);
        let names = |x: Option<Node<'_>>| x.is_some_and(|x| text(x, src) == name);
        let binds = |x: Option<Node<'_>>| x.is_some_and(|t| contains_name(t, name, src, use_));
        let rebound = match n.kind() {
            "assignment" | "assignment_expression" => {
                if before && names(field("left")) {
                    out.push(field("right")?);
                }
                false
            }
            "variable_declarator" => {
                if before && names(field("name")) {
                    out.push(field("value")?);
                }
                false
            }
            // Other bindings of the name: only their target part (a loop's body may
            // assign the name too, which is not a loop variable).
            "augmented_assignment"
            | "augmented_assignment_expression"
            | "for_statement"
            | "for_in_statement"
            | "for_in_clause" => binds(field("left")),
            "named_expression" | "as_pattern" => binds(field("name").or_else(|| field("alias"))),
            "update_expression" => binds(field("argument")),
            "except_clause" => {
                let mut c = n.walk();
                n.named_children(&mut c)
                    .any(|t| t.kind() == "identifier" && text(t, src) == name)
            }
            "parameters" | "formal_parameters" | "lambda_parameters" => binds(Some(n)),
            _ => false,
        };
        if rebound {
            return None;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    Some(out)
}

/// Whether a binding construct `n` names `name` as a target (any identifier of that name
/// inside it other than the use itself: conservative, it only makes values unknown).
fn contains_name(n: Node<'_>, name: &[u8], src: &[u8], use_: Node<'_>) -> bool {
    let mut stack = vec![n];
    while let Some(x) = stack.pop() {
        if x.kind() == "identifier" && x.id() != use_.id() && text(x, src) == name {
            return true;
        }
        let mut c = x.walk();
        stack.extend(x.named_children(&mut c));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_lang::Language;

    fn check(lang: Language, src: &str, needle: &str, safe_texts: &[&str]) -> bool {
        let tree = mamori_lang::parse(lang, src.as_bytes(), None).expect("parses");
        let start = src.find(needle).expect("needle in source");
        let span = Span::new(start, start + needle.len());
        let n = node_at(tree.root_node(), span).expect("a node at the needle");
        let b = src.as_bytes();
        all_values_safe(n, b, &mut |s| {
            let t = &src[s.start..s.end];
            safe_texts.iter().any(|x| t.starts_with(x))
        })
    }

    #[test]
    fn python_fstring_values() {
        let src = "def f(name):\n    x = Markup(f\"<b>{name}</b>\")\n";
        assert!(!check(Language::Python, src, "f\"<b>{name}</b>\"", &[]));
        assert!(check(
            Language::Python,
            src,
            "f\"<b>{name}</b>\"",
            &["name"]
        ));
        let src = "def f(n):\n    x = Markup(f\"<b>{escape(n)}</b>{3}\")\n";
        assert!(check(
            Language::Python,
            src,
            "f\"<b>{escape(n)}</b>{3}\"",
            &["escape("]
        ));
    }

    #[test]
    fn python_local_variables() {
        let src =
            "def f(n):\n    label = _(\"Select\")\n    return SafeString(f'<i a=\"{label}\">')\n";
        assert!(check(
            Language::Python,
            src,
            "f'<i a=\"{label}\">'",
            &["_("]
        ));
        // a parameter of the same name is not known
        let src = "def f(label):\n    if x:\n        label = _(\"Select\")\n    return SafeString(f'<i a=\"{label}\">')\n";
        assert!(!check(
            Language::Python,
            src,
            "f'<i a=\"{label}\">'",
            &["_("]
        ));
        // assigned once safely and once not
        let src = "def f(n):\n    label = _(\"S\")\n    if n:\n        label = n.title\n    return SafeString(f'<i a=\"{label}\">')\n";
        assert!(!check(
            Language::Python,
            src,
            "f'<i a=\"{label}\">'",
            &["_("]
        ));
        // a loop variable
        let src = "def f(ns):\n    label = \"\"\n    for label in ns:\n        pass\n    return SafeString(f'<i a=\"{label}\">')\n";
        assert!(!check(
            Language::Python,
            src,
            "f'<i a=\"{label}\">'",
            &["_("]
        ));
        // assigned inside a loop body: not a loop variable
        let src = "def f(ns):\n    for n in ns:\n        label = _(\"S\")\n        yield SafeString(f'<i a=\"{label}\">')\n";
        assert!(check(
            Language::Python,
            src,
            "f'<i a=\"{label}\">'",
            &["_("]
        ));
    }

    #[test]
    fn python_percent_format_and_concat() {
        let src = "def f(a, b):\n    x = \"<b>%s %s</b>\" % (escape(a), b)\n";
        assert!(!check(
            Language::Python,
            src,
            "\"<b>%s %s</b>\" % (escape(a), b)",
            &["escape("]
        ));
        assert!(check(
            Language::Python,
            src,
            "\"<b>%s %s</b>\" % (escape(a), b)",
            &["escape(", "b"]
        ));
        let src = "def f(a):\n    x = \"<b>{}</b>\".format(a)\n";
        assert!(!check(
            Language::Python,
            src,
            "\"<b>{}</b>\".format(a)",
            &[]
        ));
        let src = "def f(a):\n    x = \"<b>{}</b>\".format(*a)\n";
        assert!(!check(
            Language::Python,
            src,
            "\"<b>{}</b>\".format(*a)",
            &["*a", "a"]
        ));
        let src = "def f(a):\n    x = \"<b>\" + escape(a) + \"</b>\"\n";
        assert!(check(
            Language::Python,
            src,
            "\"<b>\" + escape(a) + \"</b>\"",
            &["escape("]
        ));
        assert!(!check(
            Language::Python,
            src,
            "\"<b>\" + escape(a) + \"</b>\"",
            &[]
        ));
    }

    #[test]
    fn javascript_templates() {
        let src = "function f(n) { const t = esc(n); el.innerHTML = `<b>${t}</b>`; }";
        assert!(check(Language::JavaScript, src, "`<b>${t}</b>`", &["esc("]));
        assert!(!check(Language::JavaScript, src, "`<b>${t}</b>`", &[]));
        let src = "function f(n) { let t = esc(n); t += n; el.innerHTML = `<b>${t}</b>`; }";
        assert!(!check(
            Language::JavaScript,
            src,
            "`<b>${t}</b>`",
            &["esc("]
        ));
    }

    #[test]
    fn not_a_formatted_string() {
        let src = "def f(a):\n    x = g(a)\n";
        assert!(!check(Language::Python, src, "g(a)", &["a", "g("]));
    }
}
