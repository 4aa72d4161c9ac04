//! Structural matching of a [`PNode`] against a tree-sitter node, with metavariable
//! bindings. Backtracking is bounded by a step budget so no pattern can take unbounded time.

use std::cell::OnceCell;
use std::sync::Arc;

use mamori_text::Span;
use tree_sitter::{Node, Tree};

use crate::imports::ImportMap;
use crate::pattern::{PNode, PRoot, Pattern, dotted_parts, literal_string_content};
use crate::spec::{Spec, spec};

/// Metavariable bindings: name → matched span. Few per match, so a small vector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bindings(pub Vec<(Arc<str>, Span)>);

impl Bindings {
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Span> {
        self.0.iter().find(|(n, _)| &**n == name).map(|(_, s)| *s)
    }

    /// True when every name bound in both binds text-equal code.
    #[must_use]
    pub fn compatible(&self, other: &Bindings, src: &[u8]) -> bool {
        self.0.iter().all(|(n, s)| match other.get(n) {
            Some(o) => same_text(src, *s, o),
            None => true,
        })
    }

    /// Add `other`'s bindings that `self` lacks.
    pub fn merge(&mut self, other: &Bindings) {
        for (n, s) in &other.0 {
            if self.get(n).is_none() {
                self.0.push((n.clone(), *s));
            }
        }
    }
}

fn same_text(src: &[u8], a: Span, b: Span) -> bool {
    if a == b {
        return true;
    }
    let ta = src.get(a.range()).unwrap_or_default();
    let tb = src.get(b.range()).unwrap_or_default();
    if ta == tb {
        return true;
    }
    // Ignore whitespace differences (line breaks inside a call, say).
    let norm = |t: &[u8]| -> Vec<u8> {
        t.iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect()
    };
    norm(ta) == norm(tb)
}

/// One match: the span it covers and its bindings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub span: Span,
    pub bindings: Bindings,
}

/// Per-file matching context: source, language tables, lazily built import aliases, and the
/// backtracking budget.
pub struct FileCtx<'t> {
    pub src: &'t [u8],
    pub tree: &'t Tree,
    pub spec: &'static Spec,
    imports: OnceCell<ImportMap>,
    steps: std::cell::Cell<u64>,
    step_limit: u64,
}

/// Default backtracking budget per (pattern, node) attempt.
pub const DEFAULT_STEP_LIMIT: u64 = 200_000;

impl<'t> FileCtx<'t> {
    #[must_use]
    pub fn new(lang: mamori_lang::Language, src: &'t [u8], tree: &'t Tree) -> Self {
        Self {
            src,
            tree,
            spec: spec(lang),
            imports: OnceCell::new(),
            steps: std::cell::Cell::new(0),
            step_limit: DEFAULT_STEP_LIMIT,
        }
    }

    fn imports(&self) -> &ImportMap {
        self.imports
            .get_or_init(|| ImportMap::build(self.tree.root_node(), self.src, self.spec))
    }

    fn text(&self, n: Node<'_>) -> &'t [u8] {
        self.src.get(n.byte_range()).unwrap_or_default()
    }

    fn tick(&self) -> bool {
        let s = self.steps.get() + 1;
        self.steps.set(s);
        s <= self.step_limit
    }

    /// Children that take part in matching: no comments, no separators.
    fn children<'n>(&self, n: Node<'n>) -> Vec<Node<'n>> {
        let mut out = Vec::with_capacity(n.child_count() as usize);
        let mut c = n.walk();
        for ch in n.children(&mut c) {
            let k = ch.kind_id();
            if !self.spec.is_comment(k) && !self.spec.is_skipped(k) {
                out.push(ch);
            }
        }
        out
    }

    /// Try `pattern` with `node` as the root of the match.
    pub fn match_at(&self, pattern: &Pattern, node: Node<'_>, out: &mut Vec<Match>) {
        self.steps.set(0);
        match &pattern.root {
            PRoot::Node(p) => {
                let mut env = Bindings::default();
                if self.node(p, node, &mut env) {
                    out.push(Match {
                        span: Span::new(node.start_byte(), node.end_byte()),
                        bindings: env,
                    });
                }
            }
            PRoot::Seq(items) => {
                let kids = self.children(node);
                // Skip the block's own delimiters (`{`, `}`) as starting points.
                for start in 0..kids.len() {
                    if !kids[start].is_named() {
                        continue;
                    }
                    let mut env = Bindings::default();
                    if let Some(used) = self.seq_open(items, &kids[start..], &mut env)
                        && used > 0
                    {
                        let last = kids[start + used - 1];
                        out.push(Match {
                            span: Span::new(kids[start].start_byte(), last.end_byte()),
                            bindings: env,
                        });
                    }
                }
            }
        }
    }

    fn bind(&self, name: &Arc<str>, span: Span, env: &mut Bindings) -> bool {
        if let Some(prev) = env.get(name) {
            return same_text(self.src, prev, span);
        }
        env.0.push((name.clone(), span));
        true
    }

    fn strip_parens<'n>(&self, mut t: Node<'n>) -> Node<'n> {
        for _ in 0..64 {
            if !self.spec.is_paren(t.kind_id()) {
                break;
            }
            let kids: Vec<Node<'n>> = self
                .children(t)
                .into_iter()
                .filter(Node::is_named)
                .collect();
            if kids.len() != 1 {
                break;
            }
            t = kids[0];
        }
        t
    }

    /// Match one pattern node against one target node.
    pub fn node(&self, p: &PNode, t: Node<'_>, env: &mut Bindings) -> bool {
        if !self.tick() {
            return false;
        }
        let t = match p {
            PNode::Node { kind, .. } if self.spec.is_paren(*kind) => t,
            PNode::Metavar(_) | PNode::Ellipsis => t,
            _ => self.strip_parens(t),
        };
        match p {
            PNode::Metavar(None) => t.is_named(),
            PNode::Metavar(Some(name)) | PNode::MetavarSeq(Some(name)) => {
                t.is_named() && self.bind(name, Span::new(t.start_byte(), t.end_byte()), env)
            }
            PNode::MetavarSeq(None) | PNode::Ellipsis => true,
            PNode::Deep(inner) => self.deep(inner, t, env),
            PNode::AnyString => self.literal_string(t).is_some(),
            PNode::StringRegex(re) => self
                .literal_string(t)
                .is_some_and(|c| re.is_match(&String::from_utf8_lossy(c))),
            PNode::StringLit(content) => self.literal_string(t).is_some_and(|c| c == &**content),
            PNode::Ident(text) => self.spec.is_identifier(t.kind_id()) && self.text(t) == &**text,
            PNode::Token { kind, named, text } => {
                t.kind_id() == *kind && (!named || self.text(t) == &**text)
            }
            PNode::Dotted { parts, node } => self.dotted(parts, t) || self.node(node, t, env),
            PNode::Node {
                kind,
                children,
                keyed,
            } => {
                if t.kind_id() != *kind {
                    // `subprocess.$F(...)` against `run(...)` after `from subprocess import run`.
                    if self.spec.is_dotted(*kind) && self.spec.is_identifier(t.kind_id()) {
                        return self.dotted_via_import(p, t, env);
                    }
                    return false;
                }
                let kids = self.children(t);
                if *keyed {
                    self.keyed_children(children, &kids, env)
                } else {
                    self.seq_exact(children, &kids, env)
                }
            }
        }
    }

    fn literal_string(&self, t: Node<'_>) -> Option<&'t [u8]> {
        if !self.spec.is_string(t.kind_id()) {
            return None;
        }
        literal_string_content(t, self.src, self.spec)
    }

    fn dotted(&self, parts: &[Box<[u8]>], t: Node<'_>) -> bool {
        let Some(tp) = dotted_parts(t, self.src, self.spec) else {
            return false;
        };
        if tp.len() == parts.len() && tp.iter().zip(parts).all(|(a, b)| *a == &**b) {
            return true;
        }
        // Only consult imports when the target's head could be an alias of the pattern's.
        let imports = self.imports();
        if imports.is_empty() {
            return false;
        }
        imports.resolve(&tp).is_some_and(|full| {
            full.len() == parts.len() && full.iter().zip(parts).all(|(a, b)| a.as_slice() == &**b)
        })
    }

    fn dotted_via_import(&self, p: &PNode, t: Node<'_>, env: &mut Bindings) -> bool {
        let imports = self.imports();
        if imports.is_empty() {
            return false;
        }
        let name = self.text(t);
        let Some(full) = imports.resolve(&[name]) else {
            return false;
        };
        let parts: Vec<&[u8]> = full.iter().map(Vec::as_slice).collect();
        let save = env.0.len();
        if self.match_parts(p, &parts, Span::new(t.start_byte(), t.end_byte()), env) {
            return true;
        }
        env.0.truncate(save);
        false
    }

    /// Match a pattern for a dotted name against resolved path parts (bindings get the
    /// span of the identifier that stands for them).
    fn match_parts(&self, p: &PNode, parts: &[&[u8]], span: Span, env: &mut Bindings) -> bool {
        match p {
            PNode::Ident(x) => parts.len() == 1 && parts[0] == &**x,
            PNode::Dotted { parts: pp, .. } => {
                pp.len() == parts.len() && pp.iter().zip(parts).all(|(a, b)| &**a == *b)
            }
            PNode::Metavar(None) => !parts.is_empty(),
            PNode::Metavar(Some(name)) => !parts.is_empty() && self.bind(name, span, env),
            PNode::Node { kind, children, .. } if self.spec.is_dotted(*kind) => {
                let named: Vec<&PNode> = children
                    .iter()
                    .filter(|c| !matches!(c, PNode::Token { named: false, .. }))
                    .collect();
                let (Some((last, init)), [obj, prop]) = (parts.split_last(), named.as_slice())
                else {
                    return false;
                };
                !init.is_empty()
                    && self.match_parts(obj, init, span, env)
                    && self.match_parts(prop, &[last], span, env)
            }
            _ => false,
        }
    }

    /// `<... P ...>`: `t` or any descendant matches `P` (iterative, depth-bounded by the
    /// tree, not the call stack).
    fn deep(&self, inner: &PNode, t: Node<'_>, env: &mut Bindings) -> bool {
        let mut cursor = t.walk();
        let start_depth = cursor.depth();
        'outer: loop {
            let n = cursor.node();
            if n.is_named() {
                let save = env.0.len();
                if self.node(inner, n, env) {
                    return true;
                }
                env.0.truncate(save);
            }
            if !self.tick() {
                return false;
            }
            if cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.depth() == start_depth {
                    break 'outer;
                }
                if cursor.goto_next_sibling() {
                    continue 'outer;
                }
                if !cursor.goto_parent() {
                    break 'outer;
                }
            }
        }
        false
    }

    /// The whole of `t` must be consumed by `p`.
    fn seq_exact(&self, p: &[PNode], t: &[Node<'_>], env: &mut Bindings) -> bool {
        if !self.tick() {
            return false;
        }
        let Some((first, rest)) = p.split_first() else {
            return t.is_empty();
        };
        match first {
            PNode::Ellipsis | PNode::MetavarSeq(None) => {
                if rest.is_empty() {
                    return true;
                }
                for k in 0..=t.len() {
                    let save = env.0.len();
                    if self.seq_exact(rest, &t[k..], env) {
                        return true;
                    }
                    env.0.truncate(save);
                }
                false
            }
            PNode::MetavarSeq(Some(name)) => {
                for k in 0..=t.len() {
                    let save = env.0.len();
                    let span = seq_span(&t[..k], t.first());
                    if self.bind(name, span, env) && self.seq_exact(rest, &t[k..], env) {
                        return true;
                    }
                    env.0.truncate(save);
                }
                false
            }
            _ => {
                let Some((t0, trest)) = t.split_first() else {
                    return false;
                };
                let save = env.0.len();
                if self.node(first, *t0, env) && self.seq_exact(rest, trest, env) {
                    return true;
                }
                env.0.truncate(save);
                false
            }
        }
    }

    /// Like [`Self::seq_exact`] but `t` may have leftovers; returns how many were used.
    fn seq_open(&self, p: &[PNode], t: &[Node<'_>], env: &mut Bindings) -> Option<usize> {
        if !self.tick() {
            return None;
        }
        let Some((first, rest)) = p.split_first() else {
            return Some(0);
        };
        match first {
            PNode::Ellipsis | PNode::MetavarSeq(_) => {
                for k in 0..=t.len() {
                    let save = env.0.len();
                    if let PNode::MetavarSeq(Some(name)) = first
                        && !self.bind(name, seq_span(&t[..k], t.first()), env)
                    {
                        env.0.truncate(save);
                        continue;
                    }
                    if let Some(used) = self.seq_open(rest, &t[k..], env) {
                        return Some(k + used);
                    }
                    env.0.truncate(save);
                }
                None
            }
            _ => {
                let (t0, trest) = t.split_first()?;
                let save = env.0.len();
                if self.node(first, *t0, env)
                    && let Some(used) = self.seq_open(rest, trest, env)
                {
                    return Some(1 + used);
                }
                env.0.truncate(save);
                None
            }
        }
    }

    /// Children where keyed items (keyword arguments, object pairs) match in any order:
    /// the rest match as a sequence; each keyed pattern item needs its own keyed target
    /// item; extra keyed target items are allowed only when the pattern has a `...`.
    fn keyed_children(&self, p: &[PNode], t: &[Node<'_>], env: &mut Bindings) -> bool {
        let is_keyed_p =
            |n: &PNode| matches!(n, PNode::Node { kind, .. } if self.spec.is_keyed(*kind));
        let p_rest: Vec<PNode> = p.iter().filter(|n| !is_keyed_p(n)).cloned().collect();
        let p_keyed: Vec<&PNode> = p.iter().filter(|n| is_keyed_p(n)).collect();
        let t_rest: Vec<Node<'_>> = t
            .iter()
            .copied()
            .filter(|n| !self.spec.is_keyed(n.kind_id()))
            .collect();
        let t_keyed: Vec<Node<'_>> = t
            .iter()
            .copied()
            .filter(|n| self.spec.is_keyed(n.kind_id()))
            .collect();
        let open = p_rest.iter().any(PNode::is_sequence_wildcard);
        let save = env.0.len();
        // Extra keyed targets are fine only with an ellipsis; otherwise counts must agree.
        if !open && t_keyed.len() != p_keyed.len() {
            return false;
        }
        if !self.seq_exact(&p_rest, &t_rest, env) {
            env.0.truncate(save);
            return false;
        }
        let mut used = vec![false; t_keyed.len()];
        if self.assign_keyed(&p_keyed, &t_keyed, &mut used, env) {
            return true;
        }
        env.0.truncate(save);
        false
    }

    fn assign_keyed(
        &self,
        p: &[&PNode],
        t: &[Node<'_>],
        used: &mut [bool],
        env: &mut Bindings,
    ) -> bool {
        let Some((first, rest)) = p.split_first() else {
            return true;
        };
        for (i, tn) in t.iter().enumerate() {
            if used[i] {
                continue;
            }
            let save = env.0.len();
            if self.node(first, *tn, env) {
                used[i] = true;
                if self.assign_keyed(rest, t, used, env) {
                    return true;
                }
                used[i] = false;
            }
            env.0.truncate(save);
            if !self.tick() {
                return false;
            }
        }
        false
    }
}

fn seq_span(nodes: &[Node<'_>], anchor: Option<&Node<'_>>) -> Span {
    match (nodes.first(), nodes.last()) {
        (Some(a), Some(b)) => Span::new(a.start_byte(), b.end_byte()),
        _ => {
            let at = anchor.map_or(0, Node::start_byte);
            Span::new(at, at)
        }
    }
}
