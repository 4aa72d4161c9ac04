//! How rule regexes are compiled.
//!
//! Rule regexes test code: identifiers, keywords, string contents. In them `\w`, `\d`,
//! `\s` and `\b` mean the ASCII classes, as they do in Semgrep's PCRE. Rust's `regex`
//! makes them Unicode-aware, which multiplies each automaton: `\w` alone is some 700
//! ranges, and a Unicode word boundary stops the fast lazy DFA at the first non-ASCII
//! byte. Rewriting these four to their ASCII forms cut the built-in rules' regex memory
//! from about 24 MB to under 7 MB. Anything else stays Unicode-aware: `(?i)`, `.`,
//! `\p{..}` classes, and `\B` (whose ASCII form could split a UTF-8 character).

use regex::{Regex, RegexBuilder};
use regex_syntax::ast::{self, Ast, ClassPerlKind, ClassSetItem};

/// Compile `pattern` with ASCII `\w`, `\d`, `\s`, `\b` (see the module docs). Errors are
/// those of the pattern as written.
///
/// # Errors
/// The pattern does not parse, or its automaton exceeds `size_limit` bytes.
pub fn compile_regex(pattern: &str, size_limit: usize) -> Result<Regex, regex::Error> {
    let build = |p: &str| {
        RegexBuilder::new(p)
            .size_limit(size_limit)
            .dfa_size_limit(size_limit)
            .build()
    };
    match ascii_classes(pattern) {
        Some(rewritten) => build(&rewritten).or_else(|_| build(pattern)),
        None => build(pattern),
    }
}

/// [`compile_regex`] with the `regex` crate's default size limit.
///
/// # Errors
/// As [`compile_regex`].
pub fn compile_regex_default(pattern: &str) -> Result<Regex, regex::Error> {
    compile_regex(pattern, 10 * (1 << 20))
}

/// `pattern` with its Perl classes and word boundaries in ASCII form; `None` when it does
/// not parse or has none.
#[must_use]
pub fn ascii_classes(pattern: &str) -> Option<String> {
    let parsed = ast::parse::Parser::new().parse(pattern).ok()?;
    let mut edits = Vec::new();
    collect(&parsed, &mut edits);
    if edits.is_empty() {
        return None;
    }
    edits.sort_unstable_by_key(|e| e.0);
    let mut out = String::with_capacity(pattern.len() + 8 * edits.len());
    let mut at = 0;
    for (start, end, text) in edits {
        out.push_str(pattern.get(at..start)?);
        out.push_str(text);
        at = end;
    }
    out.push_str(pattern.get(at..)?);
    Some(out)
}

type Edit = (usize, usize, &'static str);

fn collect(a: &Ast, out: &mut Vec<Edit>) {
    match a {
        Ast::ClassPerl(c) => out.push((
            c.span.start.offset,
            c.span.end.offset,
            perl_class(&c.kind, c.negated, false),
        )),
        Ast::Assertion(x) if x.kind == ast::AssertionKind::WordBoundary => {
            out.push((x.span.start.offset, x.span.end.offset, r"(?-u:\b)"));
        }
        Ast::ClassBracketed(b) => class_set(&b.kind, out),
        Ast::Repetition(r) => collect(&r.ast, out),
        Ast::Group(g) => collect(&g.ast, out),
        Ast::Alternation(x) => x.asts.iter().for_each(|a| collect(a, out)),
        Ast::Concat(x) => x.asts.iter().for_each(|a| collect(a, out)),
        _ => {}
    }
}

fn class_set(s: &ast::ClassSet, out: &mut Vec<Edit>) {
    match s {
        ast::ClassSet::Item(i) => class_item(i, out),
        ast::ClassSet::BinaryOp(op) => {
            class_set(&op.lhs, out);
            class_set(&op.rhs, out);
        }
    }
}

fn class_item(i: &ClassSetItem, out: &mut Vec<Edit>) {
    match i {
        ClassSetItem::Perl(c) => out.push((
            c.span.start.offset,
            c.span.end.offset,
            perl_class(&c.kind, c.negated, true),
        )),
        ClassSetItem::Bracketed(b) => class_set(&b.kind, out),
        ClassSetItem::Union(u) => u.items.iter().for_each(|i| class_item(i, out)),
        _ => {}
    }
}

/// The ASCII form of `\w`/`\d`/`\s` (negated: `\W`/`\D`/`\S`), as a bracket class of
/// its own or, `inside` one, as a POSIX class item.
fn perl_class(kind: &ClassPerlKind, negated: bool, inside: bool) -> &'static str {
    match (kind, negated, inside) {
        (ClassPerlKind::Word, false, false) => "[[:word:]]",
        (ClassPerlKind::Word, true, false) => "[^[:word:]]",
        (ClassPerlKind::Digit, false, false) => "[0-9]",
        (ClassPerlKind::Digit, true, false) => "[^0-9]",
        (ClassPerlKind::Space, false, false) => "[[:space:]]",
        (ClassPerlKind::Space, true, false) => "[^[:space:]]",
        (ClassPerlKind::Word, false, true) => "[:word:]",
        (ClassPerlKind::Word, true, true) => "[:^word:]",
        (ClassPerlKind::Digit, false, true) => "[:digit:]",
        (ClassPerlKind::Digit, true, true) => "[:^digit:]",
        (ClassPerlKind::Space, false, true) => "[:space:]",
        (ClassPerlKind::Space, true, true) => "[:^space:]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(p: &str) -> Regex {
        compile_regex_default(p).unwrap()
    }

    #[test]
    fn perl_classes_and_boundaries_become_ascii() {
        assert_eq!(
            ascii_classes(r"^[\w$]+\b\d\S").as_deref(),
            Some(r"^[[:word:]$]+(?-u:\b)[0-9][^[:space:]]")
        );
        assert_eq!(
            ascii_classes(r"[^\W\d]").as_deref(),
            Some(r"[^[:^word:][:digit:]]")
        );
        // Escaped backslashes and literal text are left alone.
        assert_eq!(ascii_classes(r"a\\w[\\]"), None);
        assert_eq!(ascii_classes(r"\p{L}+"), None);
        // What does not parse is compiled (and reported) as written.
        assert_eq!(ascii_classes(r"(\w"), None);
        assert!(compile_regex_default(r"(\w").is_err());
    }

    #[test]
    fn same_answers_on_ascii_code() {
        let cases = [
            (r"^(find\w*|get\w*)$", "get_user_by_id", true),
            (r"^(find\w*|get\w*)$", "get-user", false),
            (
                r"(?i)\b(from|join)\s*\(\s*(%s|\{\w*\})\s*\)",
                "SELECT * FROM (%s)",
                true,
            ),
            (r"(?i)\b(from|join)\s*\(", "xfrom(", false),
            (
                r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$",
                "req.body.name",
                true,
            ),
            (r"^\S+\s\d{2}$", "abc 12", true),
            (r"^\S+\s\d{2}$", "abc  12", false),
        ];
        for (p, text, want) in cases {
            assert_eq!(re(p).is_match(text), want, "{p} on {text}");
        }
    }

    #[test]
    fn word_classes_do_not_match_non_ascii_letters() {
        assert!(!re(r"^\w+$").is_match("größe"));
        assert!(re(r"^\p{L}+$").is_match("größe"));
        // `.` and `(?i)` stay Unicode-aware.
        assert!(re(r"^.{5}$").is_match("größe"));
        assert!(re(r"(?i)^GRÖSSE$").is_match("grösse"));
    }
}
