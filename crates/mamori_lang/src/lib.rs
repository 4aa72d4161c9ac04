//! Languages mamori understands, how files are routed to them, and parsing.
//!
//! - [`Language`]: the closed set of grammars (Python, JavaScript incl. JSX, TypeScript, TSX,
//!   Rust) and the names rules use for them.
//! - [`Language::from_path`] / [`detect`]: extension first, then a shebang line.
//! - [`parse`]: a thread-local parser per grammar; never fails on bad input (tree-sitter
//!   recovers with `ERROR`/`MISSING` nodes, which [`syntax_errors`] lists) and honours a
//!   cancellation deadline.
//!
//! Invariant: knows nothing about rules, patterns, files on disk or output.

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use tree_sitter::{Node, ParseOptions, Parser, Tree};

mod alloc;
pub mod nodes;
pub use nodes::{Entry, KindSet, Kinds, NodeList, Visit};

/// A grammar mamori can parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Python,
    /// JavaScript including JSX.
    JavaScript,
    TypeScript,
    /// TypeScript with JSX.
    Tsx,
    Rust,
}

impl Language {
    pub const ALL: [Language; 5] = [
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Rust,
    ];

    /// Canonical lower-case name (used in output and docs).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Rust => "rust",
        }
    }

    /// The languages a rule's `languages:` entry selects. Semgrep's names are accepted:
    /// `python`/`py`/`python3`, `javascript`/`js`/`jsx`, `typescript`/`ts`, `tsx`,
    /// `rust`/`rs`. `typescript` also covers `.tsx` files and `javascript` covers JSX.
    #[must_use]
    pub fn from_rule_name(name: &str) -> Option<&'static [Language]> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" | "python2" => &[Language::Python],
            "javascript" | "js" | "jsx" | "node" => &[Language::JavaScript],
            "typescript" | "ts" => &[Language::TypeScript, Language::Tsx],
            "tsx" => &[Language::Tsx],
            "rust" | "rs" => &[Language::Rust],
            _ => return None,
        })
    }

    /// The language for a file extension (without the dot).
    #[must_use]
    pub fn from_extension(ext: &str) -> Option<Language> {
        Some(match ext {
            "py" | "pyi" | "pyw" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "rs" => Language::Rust,
            _ => return None,
        })
    }

    /// The language of a path by its extension only.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Language> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Language::from_extension)
    }

    /// The language named by a `#!` line (`python3`, `node`, `deno`, `ts-node`, `tsx`, `bun`).
    #[must_use]
    pub fn from_shebang(first_line: &[u8]) -> Option<Language> {
        let line = first_line.strip_prefix(b"#!")?;
        let line = std::str::from_utf8(line).ok()?.trim();
        let mut words = line.split_whitespace();
        let mut prog = words.next()?.rsplit('/').next()?;
        if prog == "env" {
            // `#!/usr/bin/env -S node --flags`: skip env's own options.
            prog = words.find(|w| !w.starts_with('-'))?;
        }
        let prog = prog.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        match prog {
            "python" | "pypy" => Some(Language::Python),
            "node" | "nodejs" | "bun" => Some(Language::JavaScript),
            "deno" | "ts-node" | "tsx" => Some(Language::TypeScript),
            "rust-script" => Some(Language::Rust),
            _ => None,
        }
    }

    /// True for the JavaScript family (JS, TS, TSX), which shares most node kinds.
    #[must_use]
    pub const fn is_js_family(self) -> bool {
        matches!(
            self,
            Language::JavaScript | Language::TypeScript | Language::Tsx
        )
    }

    /// The tree-sitter grammar.
    #[must_use]
    pub fn ts_language(self) -> &'static tree_sitter::Language {
        static GRAMMARS: OnceLock<[tree_sitter::Language; 5]> = OnceLock::new();
        let all = GRAMMARS.get_or_init(|| {
            [
                tree_sitter_python::LANGUAGE.into(),
                tree_sitter_javascript::LANGUAGE.into(),
                tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
                tree_sitter_typescript::LANGUAGE_TSX.into(),
                tree_sitter_rust::LANGUAGE.into(),
            ]
        });
        &all[self.index()]
    }

    /// A dense index 0..5, for per-language tables.
    #[must_use]
    pub const fn index(self) -> usize {
        match self {
            Language::Python => 0,
            Language::JavaScript => 1,
            Language::TypeScript => 2,
            Language::Tsx => 3,
            Language::Rust => 4,
        }
    }

    /// The line-comment prefix used in fixtures and suppression comments.
    #[must_use]
    pub const fn line_comment(self) -> &'static str {
        match self {
            Language::Python => "#",
            _ => "//",
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The language of a file: by extension, else by a shebang in its first bytes.
#[must_use]
pub fn detect(path: &Path, head: &[u8]) -> Option<Language> {
    if let Some(lang) = Language::from_path(path) {
        return Some(lang);
    }
    if path.extension().is_some() {
        // Files with some other extension (`.sh`, `.md`, …) are not ours even with a shebang.
        return None;
    }
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    Language::from_shebang(first_line)
}

/// Why a parse produced no tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseFailure {
    /// The deadline passed; the file should be reported as timed out.
    Cancelled,
    /// The grammar could not be loaded (a build problem, never input-dependent).
    Grammar,
}

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; 5]> = const { RefCell::new([None, None, None, None, None]) };
}

/// Parse `text` as `lang` with this thread's cached parser.
///
/// `deadline`, when set, cancels the parse once passed. Syntax errors never fail the parse.
///
/// # Errors
/// [`ParseFailure::Cancelled`] when the deadline passed.
pub fn parse(lang: Language, text: &[u8], deadline: Option<Instant>) -> Result<Tree, ParseFailure> {
    // Before the first parser exists: every tree-sitter object is made here.
    alloc::install();
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let slot = &mut parsers[lang.index()];
        if slot.is_none() {
            let mut p = Parser::new();
            p.set_language(lang.ts_language())
                .map_err(|_| ParseFailure::Grammar)?;
            *slot = Some(p);
        }
        let Some(parser) = slot.as_mut() else {
            return Err(ParseFailure::Grammar);
        };
        parser.reset();
        let len = text.len();
        let mut input = |i: usize, _| if i < len { &text[i..] } else { &[][..] };
        let tree = if let Some(deadline) = deadline {
            let mut check = |_: &tree_sitter::ParseState| {
                if Instant::now() >= deadline {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            };
            let options = ParseOptions::new().progress_callback(&mut check);
            parser.parse_with_options(&mut input, None, Some(options))
        } else {
            parser.parse_with_options(&mut input, None, None)
        };
        match tree {
            Some(t) => Ok(t),
            None => {
                parser.reset();
                Err(ParseFailure::Cancelled)
            }
        }
    })
}

/// A syntax error the parser recovered from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the error.
    pub offset: usize,
    /// 0-based row.
    pub row: usize,
    /// True for a `MISSING` node (the parser inserted a token), false for an `ERROR` node.
    pub missing: bool,
}

/// Up to `limit` syntax errors in document order, found without recursion.
#[must_use]
pub fn syntax_errors(tree: &Tree, limit: usize) -> Vec<SyntaxError> {
    let mut out = Vec::new();
    if !tree.root_node().has_error() {
        return out;
    }
    let mut cursor = tree.walk();
    'outer: loop {
        let node = cursor.node();
        let descend = if node.is_error() || node.is_missing() {
            out.push(SyntaxError {
                offset: node.start_byte(),
                row: node.start_position().row,
                missing: node.is_missing(),
            });
            if out.len() >= limit {
                break;
            }
            false
        } else {
            node.has_error()
        };
        if descend && cursor.goto_first_child() {
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
    out
}

/// The text of a node as UTF-8 (lossy for invalid bytes).
#[must_use]
pub fn node_text<'a>(node: Node<'_>, source: &'a [u8]) -> std::borrow::Cow<'a, str> {
    let r = node.byte_range();
    String::from_utf8_lossy(source.get(r).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(
            Language::from_path(Path::new("a/b.tsx")),
            Some(Language::Tsx)
        );
        assert_eq!(
            Language::from_path(Path::new("x.pyi")),
            Some(Language::Python)
        );
        assert_eq!(Language::from_path(Path::new("x.go")), None);
        assert_eq!(
            detect(Path::new("bin/tool"), b"#!/usr/bin/env python3\nprint(1)"),
            Some(Language::Python)
        );
        assert_eq!(
            detect(Path::new("run"), b"#!/usr/bin/env -S node --x\n"),
            Some(Language::JavaScript)
        );
        assert_eq!(
            detect(Path::new("run.sh"), b"#!/usr/bin/env python3\n"),
            None
        );
        assert_eq!(detect(Path::new("run"), b"#!/bin/sh\n"), None);
    }

    #[test]
    fn parses_every_language_and_reports_errors() {
        for (lang, ok, bad) in [
            (Language::Python, "x = 1\n", "def (:\n"),
            (Language::JavaScript, "const a = <div/>;", "const = ;"),
            (Language::TypeScript, "let a: number = 1;", "let a: = ;"),
            (Language::Tsx, "const a = <A b={1} />;", "const a = <A ;"),
            (Language::Rust, "fn main() {}", "fn main( {"),
        ] {
            let t = parse(lang, ok.as_bytes(), None).unwrap();
            assert!(!t.root_node().has_error(), "{lang}: {ok}");
            let t = parse(lang, bad.as_bytes(), None).unwrap();
            assert!(!syntax_errors(&t, 10).is_empty(), "{lang}: {bad}");
        }
    }

    #[test]
    fn deadline_in_the_past_cancels_large_parse() {
        let text = "x = 1\n".repeat(200_000);
        let r = parse(Language::Python, text.as_bytes(), Some(Instant::now()));
        assert_eq!(r.err(), Some(ParseFailure::Cancelled));
        // The parser is still usable afterwards.
        assert!(parse(Language::Python, b"y = 2\n", None).is_ok());
    }
}
