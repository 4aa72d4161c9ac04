//! Compiling a Semgrep-style code pattern into a [`Pattern`] tree.
//!
//! A pattern is code in the target language with three extensions: metavariables (`$X`,
//! `$_`, `$...ARGS`), the ellipsis `...`, and the deep expression `<... P ...>`. None of these
//! parse in every grammar, so [`preprocess`] first rewrites them into plain identifiers
//! (`mamori_mv_X`, `mamori_ellipsis`, `mamori_deep(P)`), keeping a map back to the original
//! offsets for error messages. The text is then parsed with the language's own tree-sitter
//! grammar and converted into [`PNode`]s, which own everything they need (no tree is kept).

use std::sync::Arc;

use mamori_lang::Language;
use regex::Regex;
use tree_sitter::Node;

use crate::spec::{Spec, spec};

const MV: &str = "mamori_mv_";
const MVS: &str = "mamori_mvs_";
const ELL: &str = "mamori_ellipsis";
const DEEP: &str = "mamori_deep";
const WRAP_FN: &str = "mamori_wrap";

/// One node of a compiled pattern.
#[derive(Debug, Clone)]
pub enum PNode {
    /// `$X` (named) or `$_` (anonymous): any one named node.
    Metavar(Option<Arc<str>>),
    /// `$...X`: any run of sibling nodes, bound as one span.
    MetavarSeq(Option<Arc<str>>),
    /// `...`: any run of siblings in a sequence; any node elsewhere.
    Ellipsis,
    /// `<... P ...>`: a node containing a match of `P` (itself included).
    Deep(Box<PNode>),
    /// `"..."`: any string literal without interpolation.
    AnyString,
    /// `f"..."` (Python) or `` `...` `` (JS): any f-string / template literal, with or
    /// without interpolation.
    AnyTemplate,
    /// `"=~/re/"`: a literal string whose content matches `re`.
    StringRegex(Regex),
    /// A literal string: matched on its content, whatever the quote style.
    StringLit(Box<[u8]>),
    /// An identifier (matches every identifier-like kind with this text).
    Ident(Box<[u8]>),
    /// Any other leaf token: kind and (for named leaves) text must agree.
    Token {
        kind: u16,
        named: bool,
        text: Box<[u8]>,
    },
    /// A dotted name like `subprocess.run`: matches the same text, or a target whose head
    /// resolves through the file's imports to these parts. `node` is the structural form.
    Dotted {
        parts: Vec<Box<[u8]>>,
        node: Box<PNode>,
    },
    /// An inner node: kind must agree, children are matched as a sequence.
    Node {
        kind: u16,
        children: Vec<PNode>,
        /// True when some children are keyed (keyword arguments, object pairs): those match
        /// in any order.
        keyed: bool,
    },
}

impl PNode {
    /// True for nodes that match a run of siblings.
    #[must_use]
    pub fn is_sequence_wildcard(&self) -> bool {
        matches!(self, PNode::Ellipsis | PNode::MetavarSeq(_))
    }
}

/// The shape of a whole pattern.
#[derive(Debug, Clone)]
pub enum PRoot {
    /// One node (expression, statement, declaration).
    Node(PNode),
    /// Several statements: matched as a contiguous run of a block's children, `...`
    /// standing for any statements in between. With `to_end` (the pattern ends in `...`)
    /// the match extends to the end of the block, so `pattern-inside: X\n...` covers
    /// everything after `X`.
    Seq { items: Vec<PNode>, to_end: bool },
}

/// A compiled pattern for one language.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub lang: Language,
    pub source: String,
    pub root: PRoot,
    /// Node kinds a match can start at; `None` means any kind.
    pub root_kinds: Option<Vec<u16>>,
    /// Metavariable names (without `$`) the pattern binds.
    pub metavars: Vec<String>,
    /// Words (identifiers, dotted-name tails, plain string contents) any file matching the
    /// pattern must contain; used by the literal prefilter.
    pub words: Vec<String>,
    /// The identifier a match's root must end in: the last name of a call's callee
    /// (`run` in `subprocess.run(...)`, `execute` in `$C.execute(...)`) or of a name or
    /// member chain (`environ` in `os.environ`). A target matches only when its own last
    /// name, or what that name resolves to through the file's imports, is this one, so the
    /// one-walk plan offers each call or name only to the patterns anchored on its name.
    pub anchor: Option<Box<[u8]>>,
    /// When the anchor position holds a metavariable instead (`$M` in `$DB.$M(...)`, or
    /// `$F` in `$F(...)`): its name. A `metavariable-regex` that admits only a few exact
    /// names then anchors the pattern for that rule (see `LangPlan::build`).
    pub anchor_var: Option<Arc<str>>,
    /// For a pattern whose root is one node with a concrete first child (`import(...)`,
    /// `$O[$K] = $V`): the kinds a target's first child may have for the pattern to match
    /// there (sorted; see [`first_child_kinds`]). The walk offers every node of the root's
    /// kind; this check turns most of them away before the matcher starts.
    pub first_child_kinds: Option<Box<[u16]>>,
}

impl Pattern {
    /// True for a pattern that is only a metavariable (`$X`, `$_`): it matches every node.
    #[must_use]
    pub fn is_bare_metavar(&self) -> bool {
        matches!(self.root, PRoot::Node(PNode::Metavar(_)))
    }
}

/// A pattern that could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    /// Byte offset into the original pattern text, when the error has a place.
    pub offset: Option<usize>,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Pattern text rewritten for the parser, with a map back to original offsets.
#[derive(Debug)]
pub struct Preprocessed {
    pub text: String,
    /// `orig[i]` = offset in the original text of processed byte `i` (len = text.len()+1).
    pub orig: Vec<usize>,
}

impl Preprocessed {
    fn push(&mut self, s: &str, orig_at: usize) {
        for _ in 0..s.len() {
            self.orig.push(orig_at);
        }
        self.text.push_str(s);
    }
}

fn is_mv_start(b: u8) -> bool {
    b.is_ascii_uppercase() || b == b'_'
}
fn is_mv_char(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'
}
fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Rewrite metavariables, ellipses and deep expressions into parseable identifiers.
#[must_use]
pub fn preprocess(src: &str, lang: Language) -> Preprocessed {
    let b = src.as_bytes();
    let mut out = Preprocessed {
        text: String::with_capacity(src.len() + 16),
        orig: Vec::with_capacity(src.len() + 17),
    };
    // Stack of contexts: code (with brace depth, for returning into a string) or string.
    #[derive(Clone, Copy)]
    enum Ctx {
        Code {
            brace: usize,
        },
        Str {
            quote: u8,
            triple: bool,
            interp: Interp,
        },
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Interp {
        None,
        Dollar, // JS template `${`
        Brace,  // Python f-string `{`
    }
    let mut stack: Vec<Ctx> = vec![Ctx::Code { brace: 0 }];
    // Open brackets in code, to know when `...` stands inside a Python dict.
    let mut brackets: Vec<u8> = Vec::new();
    let mut deep_depth = 0usize;
    let mut i = 0;
    let n = b.len();
    let copy_char = |out: &mut Preprocessed, i: usize| -> usize {
        let ch_len = src[i..].chars().next().map_or(1, char::len_utf8);
        out.push(&src[i..i + ch_len], i);
        ch_len
    };
    while i < n {
        let top = *stack.last().unwrap_or(&Ctx::Code { brace: 0 });
        match top {
            Ctx::Code { brace } => {
                let c = b[i];
                if c == b'$' && b[i..].starts_with(b"$...") && i + 4 < n && is_mv_start(b[i + 4]) {
                    let mut j = i + 4;
                    while j < n && is_mv_char(b[j]) {
                        j += 1;
                    }
                    out.push(MVS, i);
                    out.push(&src[i + 4..j], i + 4);
                    i = j;
                } else if c == b'$'
                    && i + 1 < n
                    && is_mv_start(b[i + 1])
                    && (i == 0 || !is_ident_char(b[i - 1]))
                {
                    let mut j = i + 1;
                    while j < n && is_mv_char(b[j]) {
                        j += 1;
                    }
                    if j < n && is_ident_char(b[j]) {
                        // `$Foo` / `$x1`: a plain JS identifier, not a metavariable.
                        i += copy_char(&mut out, i);
                        continue;
                    }
                    out.push(MV, i);
                    out.push(&src[i + 1..j], i + 1);
                    i = j;
                } else if b[i..].starts_with(b"<...") {
                    out.push(DEEP, i);
                    out.push("(", i);
                    deep_depth += 1;
                    i += 4;
                } else if deep_depth > 0 && b[i..].starts_with(b"...>") {
                    out.push(")", i);
                    deep_depth -= 1;
                    i += 4;
                } else if b[i..].starts_with(b"...") {
                    let next = b.get(i + 3).copied();
                    if next.is_some_and(|x| x.is_ascii_alphabetic() || x == b'_' || x == b'$')
                        && lang.is_js_family()
                    {
                        // JS spread `...args`: keep.
                        out.push("...", i);
                    } else if lang == Language::Python
                        && brackets.last() == Some(&b'{')
                        && is_python_dict(b, i)
                    {
                        // `{..., "k": v}`: a dict needs key-value items.
                        out.push(ELL, i);
                        out.push(": ", i);
                        out.push(ELL, i);
                    } else {
                        out.push(ELL, i);
                    }
                    i += 3;
                } else if c == b'"' || c == b'`' || (c == b'\'' && !is_rust_lifetime(b, i, lang)) {
                    let triple = lang == Language::Python
                        && (b[i..].starts_with(b"\"\"\"") || b[i..].starts_with(b"'''"));
                    let interp = if c == b'`' && lang.is_js_family() {
                        Interp::Dollar
                    } else if lang == Language::Python && is_fstring_prefix(b, i) {
                        Interp::Brace
                    } else {
                        Interp::None
                    };
                    let qlen = if triple { 3 } else { 1 };
                    out.push(&src[i..i + qlen], i);
                    i += qlen;
                    stack.push(Ctx::Str {
                        quote: c,
                        triple,
                        interp,
                    });
                } else if c == b'{' {
                    if let Some(Ctx::Code { brace }) = stack.last_mut() {
                        *brace += 1;
                    }
                    brackets.push(b'{');
                    out.push("{", i);
                    i += 1;
                } else if c == b'(' || c == b'[' {
                    brackets.push(c);
                    i += copy_char(&mut out, i);
                } else if c == b')' || c == b']' {
                    brackets.pop();
                    i += copy_char(&mut out, i);
                } else if c == b'}' {
                    brackets.pop();
                    if brace == 0 && stack.len() > 1 {
                        // End of an interpolation: back into the string.
                        stack.pop();
                    } else if let Some(Ctx::Code { brace }) = stack.last_mut() {
                        *brace = brace.saturating_sub(1);
                    }
                    out.push("}", i);
                    i += 1;
                } else {
                    i += copy_char(&mut out, i);
                }
            }
            Ctx::Str {
                quote,
                triple,
                interp,
            } => {
                let c = b[i];
                if c == b'\\' && i + 1 < n {
                    out.push(&src[i..=i], i);
                    i += 1;
                    i += copy_char(&mut out, i);
                } else if c == quote
                    && (!triple || (b[i..].len() >= 3 && b[i + 1] == quote && b[i + 2] == quote))
                {
                    let qlen = if triple { 3 } else { 1 };
                    out.push(&src[i..i + qlen], i);
                    i += qlen;
                    stack.pop();
                } else if interp == Interp::Dollar && b[i..].starts_with(b"${") {
                    out.push("${", i);
                    i += 2;
                    stack.push(Ctx::Code { brace: 0 });
                } else if interp == Interp::Brace && c == b'{' {
                    if b.get(i + 1) == Some(&b'{') {
                        out.push("{{", i);
                        i += 2;
                    } else {
                        out.push("{", i);
                        i += 1;
                        stack.push(Ctx::Code { brace: 0 });
                    }
                } else {
                    i += copy_char(&mut out, i);
                }
            }
        }
    }
    out.orig.push(n);
    out
}

/// Whether the `{` enclosing offset `i` opens a dict (a `:` at its top level).
fn is_python_dict(b: &[u8], i: usize) -> bool {
    // Find the enclosing `{` going back, then scan forward at depth 1 for `:`.
    let mut depth = 0i32;
    let mut open = None;
    for j in (0..i).rev() {
        match b[j] {
            b'}' | b')' | b']' => depth += 1,
            b'{' | b'(' | b'[' => {
                if depth == 0 {
                    open = Some(j);
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    let Some(open) = open else { return false };
    let mut depth = 0i32;
    for &c in &b[open + 1..] {
        match c {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => {
                if depth == 0 {
                    return false;
                }
                depth -= 1;
            }
            b':' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

fn is_rust_lifetime(b: &[u8], i: usize, lang: Language) -> bool {
    if lang != Language::Rust {
        return false;
    }
    // A char literal is `'x'` or `'\..'`; anything else starting with `'` is a lifetime.
    !matches!(
        (b.get(i + 1), b.get(i + 2)),
        (Some(b'\\'), _) | (Some(_), Some(b'\''))
    )
}

fn is_fstring_prefix(b: &[u8], quote_at: usize) -> bool {
    let mut j = quote_at;
    while j > 0 && b[j - 1].is_ascii_alphabetic() {
        j -= 1;
        if b[j] == b'f' || b[j] == b'F' {
            return true;
        }
    }
    false
}

/// Compile `src` as a pattern for `lang`.
///
/// # Errors
/// When the pattern does not parse in the language, or uses an extension wrongly.
pub fn compile(src: &str, lang: Language) -> Result<Pattern, PatternError> {
    let trimmed = src.trim();
    if trimmed.is_empty() {
        return Err(PatternError {
            message: "the pattern is empty".into(),
            offset: None,
        });
    }
    let pre = preprocess(src, lang);
    let attempts = candidate_wrappings(&pre.text, lang);
    let mut first_error: Option<PatternError> = None;
    for (text, prefix_len, wrapped) in attempts {
        let tree = match mamori_lang::parse(lang, text.as_bytes(), None) {
            Ok(t) => t,
            Err(_) => continue,
        };
        let root = tree.root_node();
        if root.has_error() {
            if first_error.is_none() {
                let errs = mamori_lang::syntax_errors(&tree, 1);
                let off = errs.first().map(|e| e.offset.saturating_sub(prefix_len));
                first_error = Some(PatternError {
                    message: format!("the pattern does not parse as {}", lang.name()),
                    offset: off.map(|o| pre.orig.get(o).copied().unwrap_or(src.len())),
                });
            }
            continue;
        }
        let sp = spec(lang);
        let conv = Converter {
            src: text.as_bytes(),
            spec: sp,
            steps: std::cell::Cell::new(0),
        };
        let nodes = unwrap_root(root, wrapped, sp);
        let root = if nodes.len() == 1 {
            PRoot::Node(conv.convert(nodes[0])?)
        } else {
            let mut items = Vec::new();
            for n in nodes {
                items.push(conv.convert(n)?);
            }
            // A leading `...` adds nothing to a sequence search; a trailing one extends
            // the match to the end of the block.
            while items.first().is_some_and(|p| matches!(p, PNode::Ellipsis)) {
                items.remove(0);
            }
            let mut to_end = false;
            while items.last().is_some_and(|p| matches!(p, PNode::Ellipsis)) {
                items.pop();
                to_end = true;
            }
            if items.len() == 1 && !to_end {
                PRoot::Node(items.remove(0))
            } else if items.is_empty() {
                return Err(PatternError {
                    message: "a pattern cannot be only `...`".into(),
                    offset: None,
                });
            } else {
                PRoot::Seq { items, to_end }
            }
        };
        if let PRoot::Node(PNode::Ellipsis | PNode::MetavarSeq(_)) = root {
            return Err(PatternError {
                message: "a pattern cannot be only `...`".into(),
                offset: None,
            });
        }
        // Matching recurses once per pattern node (continuation-passing), so the size of a
        // pattern bounds the stack a match attempt needs.
        let size = match &root {
            PRoot::Node(p) => node_count(p),
            PRoot::Seq { items, .. } => items.iter().map(node_count).sum(),
        };
        if size > MAX_PATTERN_NODES {
            return Err(PatternError {
                message: format!(
                    "the pattern is too large ({size} syntax nodes; the limit is {MAX_PATTERN_NODES})"
                ),
                offset: None,
            });
        }
        let mut metavars = Vec::new();
        let mut words = Vec::new();
        match &root {
            PRoot::Node(p) => collect_info(p, &mut metavars, &mut words),
            PRoot::Seq { items, .. } => items
                .iter()
                .for_each(|p| collect_info(p, &mut metavars, &mut words)),
        }
        metavars.sort();
        metavars.dedup();
        words.sort();
        words.dedup();
        let root_kinds = root_kinds(&root, sp);
        let anchor = root_anchor(&root, sp);
        let anchor_var = root_anchor_var(&root, sp);
        let first_child_kinds = match &root {
            PRoot::Node(p) => first_child_kinds(p, sp),
            PRoot::Seq { .. } => None,
        };
        return Ok(Pattern {
            lang,
            source: src.to_string(),
            root,
            root_kinds,
            metavars,
            words,
            anchor,
            anchor_var,
            first_child_kinds,
        });
    }
    Err(first_error.unwrap_or(PatternError {
        message: format!("the pattern does not parse as {}", lang.name()),
        offset: None,
    }))
}

/// Texts to try parsing, with the length of any prefix added and whether the pattern was
/// wrapped in a function body.
fn candidate_wrappings(text: &str, lang: Language) -> Vec<(String, usize, bool)> {
    let mut v = vec![(text.to_string(), 0, false)];
    match lang {
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            if text.trim_start().starts_with('{') {
                v.insert(0, (format!("({text})"), 1, false));
            }
            let pre = "class MamoriWrap {\n";
            v.push((format!("{pre}{text}\n}}"), pre.len(), true));
        }
        Language::Rust => {
            let pre = format!("fn {WRAP_FN}() {{\n");
            v.push((format!("{pre}{text}\n}}"), pre.len(), true));
            v.push((format!("{pre}{text};\n}}"), pre.len(), true));
        }
        Language::Python => {
            let pre = "class MamoriWrap:\n";
            let indented: String = text.lines().map(|l| format!("    {l}\n")).collect();
            v.push((format!("{pre}{indented}"), pre.len(), true));
        }
    }
    v
}

/// The pattern's top-level nodes, with the wrapper (module, function, class) peeled off.
fn unwrap_root<'t>(root: Node<'t>, wrapped: bool, sp: &Spec) -> Vec<Node<'t>> {
    let mut nodes = named_children(root, sp);
    if wrapped {
        // module > function_item|class > body > items
        if let Some(first) = nodes.first().copied() {
            let body = first
                .child_by_field_name("body")
                .or_else(|| named_children(first, sp).last().copied());
            if let Some(body) = body {
                nodes = named_children(body, sp);
            }
        }
    }
    if nodes.len() == 1 {
        let mut n = nodes[0];
        loop {
            let kids = named_children(n, sp);
            let k = n.kind();
            let peel = (k == "expression_statement" && kids.len() == 1)
                || (sp.is_paren(n.kind_id()) && kids.len() == 1 && n.start_byte() == 0);
            if peel {
                n = kids[0];
            } else {
                break;
            }
        }
        nodes[0] = n;
    }
    nodes
}

fn named_children<'t>(n: Node<'t>, sp: &Spec) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut c = n.walk();
    for ch in n.named_children(&mut c) {
        if !sp.is_comment(ch.kind_id()) && !sp.is_skipped(ch.kind_id()) {
            out.push(ch);
        }
    }
    out
}

struct Converter<'a> {
    src: &'a [u8],
    spec: &'static Spec,
    /// Syntax nodes converted so far: a bound on the work, whatever the input (each node
    /// is converted once, so a pattern within [`MAX_PATTERN_NODES`] stays far below it).
    steps: std::cell::Cell<usize>,
}

/// See `Converter::steps`.
const MAX_CONVERT_STEPS: usize = 8 * MAX_PATTERN_NODES;

impl Converter<'_> {
    fn text(&self, n: Node<'_>) -> &[u8] {
        self.src.get(n.byte_range()).unwrap_or_default()
    }

    fn convert(&self, n: Node<'_>) -> Result<PNode, PatternError> {
        self.convert_depth(n, 0)
    }

    fn convert_depth(&self, n: Node<'_>, depth: usize) -> Result<PNode, PatternError> {
        if depth > 256 {
            return Err(PatternError {
                message: "the pattern is nested too deeply".into(),
                offset: None,
            });
        }
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > MAX_CONVERT_STEPS {
            return Err(PatternError {
                message: format!(
                    "the pattern is too large (more than {MAX_CONVERT_STEPS} syntax nodes to convert)"
                ),
                offset: None,
            });
        }
        let kind = n.kind_id();
        let text = self.text(n);
        if n.child_count() == 0 || self.spec.is_identifier(kind) {
            if let Some(name) = text.strip_prefix(MVS.as_bytes()) {
                return Ok(PNode::MetavarSeq(mv_name(name)));
            }
            if let Some(name) = text.strip_prefix(MV.as_bytes()) {
                return Ok(PNode::Metavar(mv_name(name)));
            }
            if text == ELL.as_bytes() {
                return Ok(PNode::Ellipsis);
            }
            if n.kind() == "ellipsis" {
                return Ok(PNode::Ellipsis);
            }
            if self.spec.is_identifier(kind) {
                return Ok(PNode::Ident(text.into()));
            }
            return Ok(PNode::Token {
                kind,
                named: n.is_named(),
                text: text.into(),
            });
        }
        if self.spec.is_string(kind)
            && let Some(content) = literal_string_content(n, self.src, self.spec)
        {
            if content == b"..." {
                return Ok(if is_template_string(n, self.src, self.spec) {
                    PNode::AnyTemplate
                } else {
                    PNode::AnyString
                });
            }
            if let Some(body) = content.strip_prefix(b"=~/")
                && let Some(end) = body.iter().rposition(|b| *b == b'/')
                && body[end + 1..]
                    .iter()
                    .all(|b| matches!(b, b'i' | b'm' | b's' | b'x'))
            {
                // `"=~/re/flags"`: Perl-style flags become an inline group.
                let flags = String::from_utf8_lossy(&body[end + 1..]).into_owned();
                let pat = String::from_utf8_lossy(&body[..end]);
                let re = if flags.is_empty() {
                    pat.into_owned()
                } else {
                    format!("(?{flags}){pat}")
                };
                return crate::rx::compile_regex_default(&re)
                    .map(PNode::StringRegex)
                    .map_err(|e| PatternError {
                        message: format!("invalid regex in string pattern: {e}"),
                        offset: None,
                    });
            }
            return Ok(PNode::StringLit(content.into()));
        }
        // Statement wrappers around a lone wildcard (`...` or `$X` on its own line). The
        // child converted to find out is kept for the loop below: converting it twice
        // per level would make nested wrappers (`{{{{...}}}}`) exponential.
        let kids = named_children(n, self.spec);
        let mut lone: Option<(Node<'_>, PNode)> = None;
        if n.kind() == "expression_statement" && kids.len() == 1 {
            let inner = self.convert_depth(kids[0], depth + 1)?;
            // `<... X ...>;` as a statement: any statement containing X.
            if matches!(
                inner,
                PNode::Ellipsis | PNode::MetavarSeq(_) | PNode::Metavar(_) | PNode::Deep(_)
            ) {
                return Ok(inner);
            }
            lone = Some((kids[0], inner));
        }
        // TS parameters wrap their name: `function f(...)` / `f($X)` parse as
        // `required_parameter(...)`; keep the wildcard itself so it matches any parameter.
        if matches!(n.kind(), "required_parameter" | "optional_parameter") && kids.len() == 1 {
            let inner = self.convert_depth(kids[0], depth + 1)?;
            if matches!(
                inner,
                PNode::Ellipsis | PNode::MetavarSeq(_) | PNode::Metavar(_)
            ) {
                return Ok(inner);
            }
            lone = Some((kids[0], inner));
        }
        // `mamori_ellipsis: mamori_ellipsis` in a dict stands for `...`.
        if self.spec.is_keyed(kind)
            && kids.len() == 2
            && kids.iter().all(|k| self.text(*k) == ELL.as_bytes())
        {
            return Ok(PNode::Ellipsis);
        }
        // <... P ...>
        if is_call_named(n, DEEP.as_bytes(), self.src) {
            let args = n
                .child_by_field_name("arguments")
                .map(|a| named_children(a, self.spec))
                .unwrap_or_default();
            if args.len() == 1 {
                return Ok(PNode::Deep(Box::new(
                    self.convert_depth(args[0], depth + 1)?,
                )));
            }
        }
        let mut children = Vec::new();
        let mut keyed = false;
        let dotted_kind = self.spec.is_dotted(kind);
        let mut c = n.walk();
        for ch in n.children(&mut c) {
            let k = ch.kind_id();
            if self.spec.is_comment(k) || self.spec.is_skipped(k) {
                continue;
            }
            if self.spec.is_string(kind) && self.spec.is_string_part(k) && self.text(ch) == b"..." {
                children.push(PNode::Ellipsis);
                continue;
            }
            if self.spec.is_keyed(k) {
                keyed = true;
            }
            let mut converted = match lone.take() {
                Some((done, inner)) if done == ch => inner,
                other => {
                    lone = other;
                    self.convert_depth(ch, depth + 1)?
                }
            };
            // The object of `x.attr` may be an import alias in the target: let a plain
            // identifier there resolve through imports too.
            if dotted_kind
                && children.is_empty()
                && let PNode::Ident(t) = &converted
            {
                converted = PNode::Dotted {
                    parts: vec![t.clone()],
                    node: Box::new(converted),
                };
            }
            children.push(converted);
        }
        let node = PNode::Node {
            kind,
            children,
            keyed,
        };
        if self.spec.is_dotted(kind)
            && let Some(parts) = dotted_parts(n, self.src, self.spec)
            && parts.len() >= 2
            && parts.iter().all(|p| {
                !p.starts_with(MV.as_bytes())
                    && !p.starts_with(MVS.as_bytes())
                    && *p != ELL.as_bytes()
            })
        {
            return Ok(PNode::Dotted {
                parts: parts.into_iter().map(Into::into).collect(),
                node: Box::new(node),
            });
        }
        Ok(node)
    }
}

fn mv_name(name: &[u8]) -> Option<Arc<str>> {
    if name == b"_" {
        None
    } else {
        Some(Arc::from(String::from_utf8_lossy(name).as_ref()))
    }
}

fn is_call_named(n: Node<'_>, name: &[u8], src: &[u8]) -> bool {
    n.child_by_field_name("function")
        .is_some_and(|f| src.get(f.byte_range()) == Some(name))
        && n.child_by_field_name("arguments").is_some()
}

/// True for Python f-strings (`f"..."`, `rf'...'`) and JS template literals.
#[must_use]
pub fn is_template_string(n: Node<'_>, src: &[u8], sp: &Spec) -> bool {
    if n.kind() == "template_string" {
        return true;
    }
    if sp.lang != Language::Python || n.kind() != "string" {
        return false;
    }
    let text = src.get(n.byte_range()).unwrap_or_default();
    text.iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .any(|b| *b == b'f' || *b == b'F')
}

/// The content of a string literal without interpolation (between the quotes), or `None`
/// when the node is interpolated (f-string with `{}`, template with `${}`).
#[must_use]
pub fn literal_string_content<'s>(n: Node<'_>, src: &'s [u8], sp: &Spec) -> Option<&'s [u8]> {
    let mut c = n.walk();
    let mut first_part: Option<usize> = None;
    let mut last_part: Option<usize> = None;
    let mut delims = Vec::new();
    for ch in n.children(&mut c) {
        let k = ch.kind_id();
        if sp.is_interpolation(k) {
            return None;
        }
        if sp.is_string(k) {
            // Python implicit concatenation: handled by the caller via text.
            return None;
        }
        if sp.is_string_delim(k) {
            delims.push(ch.byte_range());
        } else if !sp.is_comment(k) {
            first_part.get_or_insert(ch.start_byte());
            last_part = Some(ch.end_byte());
        }
    }
    if delims.len() >= 2 {
        let start = delims[0].end;
        let end = delims[delims.len() - 1].start;
        return src.get(start..end.max(start));
    }
    // Grammars without delimiter children (Rust raw strings): strip quotes from the text.
    let text = src.get(n.byte_range())?;
    let inner = match (first_part, last_part) {
        (Some(s), Some(e)) if e >= s => src.get(s..e)?,
        _ => {
            let t = text
                .iter()
                .position(|b| *b == b'"' || *b == b'\'' || *b == b'`')?;
            let q = text[t];
            let end = text.iter().rposition(|b| *b == q)?;
            if end <= t {
                return Some(&[]);
            }
            &text[t + 1..end]
        }
    };
    Some(inner)
}

/// `a.b.c` as parts when `n` is an identifier or a chain of member accesses on identifiers.
#[must_use]
pub fn dotted_parts<'s>(n: Node<'_>, src: &'s [u8], sp: &Spec) -> Option<Vec<&'s [u8]>> {
    let mut parts = Vec::new();
    let mut cur = n;
    for _ in 0..64 {
        let k = cur.kind_id();
        if sp.is_identifier(k) {
            parts.push(src.get(cur.byte_range())?);
            parts.reverse();
            return Some(parts);
        }
        if !sp.is_dotted(k) {
            return None;
        }
        let kids = named_children(cur, sp);
        if kids.len() != 2 || !sp.is_identifier(kids[1].kind_id()) {
            return None;
        }
        parts.push(src.get(kids[1].byte_range())?);
        cur = kids[0];
    }
    None
}

/// Largest pattern accepted, in [`PNode`]s (tokens included). Matching needs stack in
/// proportion to it: ~2.6 KiB per node in debug builds, far less in release.
pub const MAX_PATTERN_NODES: usize = 500;

/// How many [`PNode`]s `p` holds (recursion bounded by the 256-level conversion limit).
fn node_count(p: &PNode) -> usize {
    1 + match p {
        PNode::Deep(inner) => node_count(inner),
        PNode::Dotted { node, .. } => node_count(node),
        PNode::Node { children, .. } => children.iter().map(node_count).sum(),
        PNode::Metavar(_)
        | PNode::MetavarSeq(_)
        | PNode::Ellipsis
        | PNode::AnyString
        | PNode::AnyTemplate
        | PNode::StringRegex(_)
        | PNode::StringLit(_)
        | PNode::Ident(_)
        | PNode::Token { .. } => 0,
    }
}

fn collect_info(p: &PNode, metavars: &mut Vec<String>, words: &mut Vec<String>) {
    match p {
        PNode::Metavar(Some(n)) | PNode::MetavarSeq(Some(n)) => metavars.push(n.to_string()),
        PNode::Deep(inner) => collect_info(inner, metavars, words),
        PNode::Ident(t) => {
            if t.len() >= 3 {
                words.push(String::from_utf8_lossy(t).into_owned());
            }
        }
        PNode::StringLit(c) => {
            if c.len() >= 3 && c.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_') {
                words.push(String::from_utf8_lossy(c).into_owned());
            }
        }
        PNode::Dotted { parts, node } => {
            // Only the last part is certain to appear (`import x as y; y.run`, or `from x
            // import run`); metavariables inside the structural form still count.
            if let Some(last) = parts.last()
                && last.len() >= 3
            {
                words.push(String::from_utf8_lossy(last).into_owned());
            }
            let mut ignored = Vec::new();
            collect_info(node, metavars, &mut ignored);
        }
        PNode::Node { children, .. } => {
            for c in children {
                collect_info(c, metavars, words);
            }
        }
        PNode::Metavar(None)
        | PNode::MetavarSeq(None)
        | PNode::Ellipsis
        | PNode::AnyString
        | PNode::AnyTemplate
        | PNode::StringRegex(_)
        | PNode::Token { .. } => {}
    }
}

fn is_js_assignment_kind(kind: u16, sp: &Spec) -> bool {
    matches!(
        sp.lang.ts_language().node_kind_for_id(kind),
        Some("assignment_expression" | "expression_statement")
    )
}

/// See [`Pattern::anchor`].
fn root_anchor(root: &PRoot, sp: &Spec) -> Option<Box<[u8]>> {
    let PRoot::Node(p) = root else { return None };
    match p {
        PNode::Node { kind, children, .. } if sp.is_call(*kind) => {
            // The callee: matched against the target call's first named child.
            let callee = children
                .iter()
                .find(|c| !matches!(c, PNode::Token { named: false, .. }))?;
            tail_anchor(callee, sp)
        }
        _ => tail_anchor(p, sp),
    }
}

/// See [`Pattern::anchor_var`].
fn root_anchor_var(root: &PRoot, sp: &Spec) -> Option<Arc<str>> {
    let PRoot::Node(p) = root else { return None };
    let tail = match p {
        PNode::Node { kind, children, .. } if sp.is_call(*kind) => children
            .iter()
            .find(|c| !matches!(c, PNode::Token { named: false, .. }))?,
        _ => p,
    };
    match tail {
        // A bare callee binds the whole callee text: an exact name admits only a plain
        // identifier callee with that text.
        PNode::Metavar(Some(name)) if !std::ptr::eq(tail, p) => Some(name.clone()),
        PNode::Node { kind, children, .. } if sp.is_dotted(*kind) => match children
            .iter()
            .rev()
            .find(|c| !matches!(c, PNode::Token { named: false, .. }))?
        {
            PNode::Metavar(Some(name)) => Some(name.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The last identifier every match of `p` (a name or a member chain) ends in.
fn tail_anchor(p: &PNode, sp: &Spec) -> Option<Box<[u8]>> {
    match p {
        PNode::Ident(t) => Some(t.clone()),
        PNode::Dotted { parts, .. } => parts.last().cloned(),
        PNode::Node { kind, children, .. } if sp.is_dotted(*kind) => {
            match children
                .iter()
                .rev()
                .find(|c| !matches!(c, PNode::Token { named: false, .. }))?
            {
                PNode::Ident(t) => Some(t.clone()),
                _ => None,
            }
        }
        _ => None,
    }
}

fn root_kinds(root: &PRoot, sp: &Spec) -> Option<Vec<u16>> {
    match root {
        PRoot::Seq { .. } => {
            let mut v: Vec<u16> = sp.block_kinds().collect();
            v.sort_unstable();
            v.dedup();
            Some(v)
        }
        PRoot::Node(p) => node_kinds(p, sp),
    }
}

/// The kinds the first matched child (comments aside) of a target of `p`'s own kind can
/// have when `p` matches it, or `None` when that cannot be told (see [`start_kinds`];
/// children that match in any order, an import list). The optional parts a pattern may
/// leave out (`pub`, `-> T`, an unnamed `async`) are let through by the matcher itself.
#[must_use]
pub fn first_child_kinds(p: &PNode, sp: &Spec) -> Option<Box<[u16]>> {
    let PNode::Node {
        kind,
        children,
        keyed: false,
    } = p
    else {
        return None;
    };
    if sp.is_import_list(*kind) {
        return None;
    }
    start_kinds(children.first()?, sp).map(Vec::into_boxed_slice)
}

/// The kinds of target node the matcher can match `p` at, parentheses it looks through
/// included (sorted), or `None` when `p` is a wildcard, a dotted name or of any kind (an
/// import may make a plain name match a dotted one).
#[must_use]
pub fn start_kinds(p: &PNode, sp: &Spec) -> Option<Vec<u16>> {
    if matches!(p, PNode::Dotted { .. }) {
        return None;
    }
    let mut v = node_kinds(p, sp)?;
    if v.iter().any(|k| sp.is_dotted(*k)) {
        return None;
    }
    v.extend(sp.paren.iter().copied());
    v.sort_unstable();
    v.dedup();
    Some(v)
}

/// The node kinds `p` can match (sorted), or `None` for any kind. Parenthesised targets
/// are not included: the matcher looks through parentheses.
#[must_use]
pub fn node_kinds(p: &PNode, sp: &Spec) -> Option<Vec<u16>> {
    let mut v: Vec<u16> = match p {
        PNode::Metavar(_) | PNode::MetavarSeq(_) | PNode::Ellipsis | PNode::Deep(_) => {
            return None;
        }
        PNode::AnyString | PNode::AnyTemplate | PNode::StringRegex(_) | PNode::StringLit(_) => {
            sp.string_kinds().collect()
        }
        PNode::Ident(_) => sp.identifier_kinds().collect(),
        PNode::Dotted { .. } => sp.dotted_kinds().chain(sp.identifier_kinds()).collect(),
        PNode::Node { kind, .. } if sp.lang.is_js_family() && is_js_assignment_kind(*kind, sp) => {
            // `$V = E` also matches `const V = E`, which starts at a declaration.
            let ts = sp.lang.ts_language();
            let mut v = vec![*kind];
            for name in ["lexical_declaration", "variable_declaration"] {
                v.push(ts.id_for_node_kind(name, true));
            }
            v
        }
        PNode::Token { kind, .. } | PNode::Node { kind, .. } => vec![*kind],
    };
    v.sort_unstable();
    v.dedup();
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preprocess_rewrites_outside_strings() {
        let p = preprocess(
            r#"foo($X, ..., "...", $...REST, <... $Y ...>)"#,
            Language::Python,
        );
        assert_eq!(
            p.text,
            r#"foo(mamori_mv_X, mamori_ellipsis, "...", mamori_mvs_REST, mamori_deep( mamori_mv_Y ))"#
        );
        assert_eq!(p.orig.len(), p.text.len() + 1);
        let p = preprocess("exec(`ls ${...}`)", Language::JavaScript);
        assert_eq!(p.text, "exec(`ls ${mamori_ellipsis}`)");
        let p = preprocess(r#"f"select {$X}""#, Language::Python);
        assert_eq!(p.text, r#"f"select {mamori_mv_X}""#);
        let p = preprocess("foo(...args, $jq)", Language::JavaScript);
        assert_eq!(p.text, "foo(...args, $jq)");
    }

    #[test]
    fn nested_statement_wrappers_convert_each_node_once() {
        // Each level is an expression statement holding a block: converting its lone
        // child twice (once to look for a wildcard, once as a child) took 2^depth steps,
        // which the conversion budget turns into an error. A fuzz input found it.
        for lang in [Language::Rust, Language::JavaScript] {
            let depth = 60;
            let src = format!("{}x{}", "{".repeat(depth), "}".repeat(depth));
            let p = compile(&src, lang);
            assert!(p.is_ok(), "{lang:?}: {:?}", p.err().map(|e| e.message));
        }
    }

    #[test]
    fn compiles_in_every_language() {
        for (lang, src) in [
            (
                Language::Python,
                "subprocess.run($CMD, ..., shell=True, ...)",
            ),
            (Language::Python, "$X = $Y\n...\neval($X)"),
            (Language::Python, "def $F(...):\n    ...\n"),
            (Language::JavaScript, "$EL.innerHTML = $V"),
            (
                Language::JavaScript,
                "{..., rejectUnauthorized: false, ...}",
            ),
            (Language::TypeScript, "exec(`...${$X}...`)"),
            (Language::Tsx, "<div dangerouslySetInnerHTML={$X} />"),
            (
                Language::Rust,
                r#"Command::new("sh").arg("-c").arg(format!(...))"#,
            ),
            (Language::Rust, "$C.danger_accept_invalid_certs(true)"),
        ] {
            let p = compile(src, lang);
            assert!(p.is_ok(), "{lang}: {src}: {:?}", p.err());
        }
    }

    #[test]
    fn reports_parse_errors_with_offsets() {
        let e = compile("foo(", Language::Python).unwrap_err();
        assert!(e.message.contains("does not parse"));
        let e = compile("   ", Language::Python).unwrap_err();
        assert!(e.message.contains("empty"));
    }
}
