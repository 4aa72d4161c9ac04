//! Structural matching of a [`PNode`] against a tree-sitter node, with metavariable
//! bindings. Backtracking is bounded by a step budget so no pattern can take unbounded time.

use std::cell::OnceCell;
use std::sync::Arc;
use std::time::Instant;

use mamori_lang::{NodeList, Visit};
use mamori_text::Span;
use tree_sitter::{Node, Tree};

use crate::imports::ImportMap;
use crate::pattern::{
    PNode, PRoot, Pattern, dotted_parts, is_template_string, literal_string_content, node_kinds,
};
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
    /// Data-flow path for taint findings (source first, sink last); empty otherwise.
    pub flow: Vec<FlowPoint>,
}

/// One step of a taint path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowPoint {
    pub span: Span,
    pub what: FlowKind,
    /// The file of `span` when it is not the file being analysed (cross-file flows).
    pub file: Option<Arc<str>>,
}

/// What happens at a [`FlowPoint`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    Source,
    Step,
    Call,
    Sink,
}

/// A node of the file being matched, with what matching reads at nearly every step (kind,
/// whether it is named, byte range) copied out of tree-sitter once (each `Node` accessor is
/// a call into the C library), and its place in the file's [`NodeList`], so that its
/// children come from a table instead of a tree cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item<'t> {
    pub node: Node<'t>,
    start: u32,
    end: u32,
    kind: u16,
    named: bool,
    /// Index in the file's [`NodeList`], or [`UNLISTED`].
    index: u32,
}

/// [`Item::index`] of a node of a tree that is not listed.
const UNLISTED: u32 = u32::MAX;

impl<'t> Item<'t> {
    fn listed(index: usize, e: &mamori_lang::Entry<'t>) -> Self {
        Self {
            node: e.node,
            start: e.start_byte,
            end: e.end_byte,
            kind: e.kind,
            named: e.named,
            index: u32::try_from(index).unwrap_or(UNLISTED),
        }
    }

    fn unlisted(node: Node<'t>, kind: u16) -> Self {
        Self {
            node,
            start: u32::try_from(node.start_byte()).unwrap_or(u32::MAX),
            end: u32::try_from(node.end_byte()).unwrap_or(u32::MAX),
            kind,
            named: node.is_named(),
            index: UNLISTED,
        }
    }

    /// The node's kind id.
    #[must_use]
    pub fn kind(&self) -> u16 {
        self.kind
    }

    /// The node's first byte.
    #[must_use]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// One past the node's last byte.
    #[must_use]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    fn span(&self) -> Span {
        Span::new(self.start(), self.end())
    }
}

/// The children of every listed node (see [`FileCtx::children`]), side by side: those of
/// node `i` are `items[offsets[i]..offsets[i + 1]]`.
struct KidTable<'t> {
    offsets: Vec<u32>,
    items: Vec<Item<'t>>,
}

/// Children of a node: a slice of the file's [`KidTable`], or (trees too large to list)
/// collected with a cursor and cached by node.
enum Kids<'a, 't> {
    Table(&'a [Item<'t>]),
    Cached(std::rc::Rc<[Item<'t>]>),
}

impl<'t> std::ops::Deref for Kids<'_, 't> {
    type Target = [Item<'t>];
    fn deref(&self) -> &[Item<'t>] {
        match self {
            Kids::Table(s) => s,
            Kids::Cached(r) => r,
        }
    }
}

/// Per-file matching context: source, language tables, lazily built import aliases, and the
/// backtracking budget.
pub struct FileCtx<'t> {
    pub src: &'t [u8],
    pub tree: &'t Tree,
    /// The tree's nodes in document order: every walk below goes through it.
    nodes: &'t NodeList<'t>,
    pub spec: &'static Spec,
    imports: OnceCell<ImportMap>,
    /// Children of every listed node, without comments or separators, built on first use.
    table: OnceCell<KidTable<'t>>,
    /// Children of nodes already looked at (by node id) in a tree that is not listed.
    kids: std::cell::RefCell<IdMap<std::rc::Rc<[Item<'t>]>>>,
    /// Statements (named nodes whose parent is a block) by kind, built on first use.
    stmts: OnceCell<StmtIndex<'t>>,
    /// Kinds each statement pattern item can match (by the item's address; the patterns
    /// outlive the file).
    item_kinds: std::cell::RefCell<IdMap<Option<std::rc::Rc<[u16]>>>>,
    /// Kinds the first item of a statement-sequence pattern can match (by the pattern's
    /// address; `None`: any kind), so starts of other kinds are skipped untried.
    first_kinds: std::cell::RefCell<IdMap<Option<std::rc::Rc<[u16]>>>>,
    /// The grammar's `name` and `value` field ids (looking a field up by name compares it
    /// with every field name of the grammar).
    field_name: Option<std::num::NonZeroU16>,
    field_value: Option<std::num::NonZeroU16>,
    /// A bindings vector kept between attempts, so that binding does not allocate.
    scratch: std::cell::RefCell<Vec<(Arc<str>, Span)>>,
    steps: std::cell::Cell<u64>,
    step_limit: u64,
    /// The file's time budget, checked every [`DEADLINE_CHECK_STEPS`] steps of an attempt.
    deadline: Option<Instant>,
    timed_out: std::cell::Cell<bool>,
}

/// Where one word a pattern needs occurs in the file: sorted start offsets. A match of
/// the pattern spans an occurrence of each of its words (the words that import aliases
/// could stand in for are left out), so nodes without one are not tried.
#[derive(Clone, Copy, Debug)]
pub struct WordHits<'a> {
    pub starts: &'a [u32],
    pub len: u32,
}

impl WordHits<'_> {
    /// Start of the last occurrence lying wholly inside `lo..hi`.
    #[must_use]
    pub fn last_in(&self, lo: usize, hi: usize) -> Option<usize> {
        let end = self
            .starts
            .partition_point(|s| (*s as usize) + (self.len as usize) <= hi);
        let last = *self.starts.get(end.checked_sub(1)?)? as usize;
        (last >= lo).then_some(last)
    }
}

/// `node` and its ancestors up to `root`, innermost first: the nodes a loop over
/// `Node::parent` visits, found in one descent from `root`.
///
/// `Node::parent` walks down from the root on every call (tree-sitter keeps no parent
/// links), so following it `d` times costs O(d × depth): for each of thousands of matches
/// in a deeply nested file that is minutes (the fuzz input
/// `fuzz/artifacts/pattern_match/slow-nested-brackets-2026-11-24`). This costs one descent,
/// O(depth × branching). A `node` not below `root` gives just `[node]`.
#[must_use]
pub fn ancestors<'t>(root: Node<'t>, node: Node<'t>) -> Vec<Node<'t>> {
    let mut chain = vec![root];
    let mut cur = root;
    while cur.id() != node.id() {
        match cur.child_with_descendant(node) {
            Some(next) => {
                chain.push(next);
                cur = next;
            }
            None => return vec![node],
        }
    }
    chain.reverse();
    chain
}

/// A map keyed by node ids or addresses: a multiplicative hash is enough (and much
/// cheaper than SipHash, which showed in profiles).
type IdMap<V> = std::collections::HashMap<usize, V, std::hash::BuildHasherDefault<IdHasher>>;

#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Every statement of a file (a named node whose parent is a block), in document order,
/// with per-kind position lists: deep statement matching looks up the statements of the
/// kinds a pattern item can match inside a range instead of walking the subtree.
struct StmtIndex<'t> {
    nodes: Vec<Item<'t>>,
    by_kind: IdMap<Vec<u32>>,
}

/// How often (in steps) a match attempt looks at the clock.
const DEADLINE_CHECK_STEPS: u64 = 4096;

/// Default backtracking budget per (pattern, node) attempt.
pub const DEFAULT_STEP_LIMIT: u64 = 200_000;

impl<'t> FileCtx<'t> {
    #[must_use]
    pub fn new(src: &'t [u8], nodes: &'t NodeList<'t>) -> Self {
        Self {
            src,
            tree: nodes.tree(),
            nodes,
            spec: spec(nodes.lang()),
            field_name: nodes.lang().ts_language().field_id_for_name("name"),
            field_value: nodes.lang().ts_language().field_id_for_name("value"),
            imports: OnceCell::new(),
            table: OnceCell::new(),
            kids: std::cell::RefCell::new(IdMap::default()),
            stmts: OnceCell::new(),
            item_kinds: std::cell::RefCell::new(IdMap::default()),
            first_kinds: std::cell::RefCell::new(IdMap::default()),
            scratch: std::cell::RefCell::new(Vec::new()),
            steps: std::cell::Cell::new(0),
            step_limit: DEFAULT_STEP_LIMIT,
            deadline: None,
            timed_out: std::cell::Cell::new(false),
        }
    }

    /// Stop every match attempt (they fail) once `deadline` has passed.
    #[must_use]
    pub fn with_deadline(mut self, deadline: Option<Instant>) -> Self {
        self.deadline = deadline;
        self
    }

    /// True once the deadline passed during an attempt (results are partial).
    #[must_use]
    pub fn timed_out(&self) -> bool {
        self.timed_out.get()
    }

    /// Path parts that an import alias stands for under another name (`subprocess` and
    /// `run` after `from subprocess import run as r`): a match may lack their text.
    pub fn aliased_parts(&self) -> Vec<&[u8]> {
        self.imports().aliased_parts()
    }

    fn imports(&self) -> &ImportMap {
        self.imports
            .get_or_init(|| ImportMap::build(self.nodes, self.src, self.spec))
    }

    fn text(&self, n: Item<'t>) -> &'t [u8] {
        self.src.get(n.start()..n.end()).unwrap_or_default()
    }

    /// `n` as an [`Item`] (found in the list when the tree is listed).
    fn item(&self, n: Node<'t>) -> Item<'t> {
        match self.nodes.index_of(n) {
            Some(i) => Item::listed(i, &self.nodes.entries()[i]),
            None => Item::unlisted(n, n.kind_id()),
        }
    }

    /// Visit `top` and every node below it in document order (see [`NodeList::walk`]);
    /// `visit` gets the node and its depth below `top`.
    fn walk_items(&self, top: Item<'t>, mut visit: impl FnMut(Item<'t>, usize) -> Visit) {
        if top.index == UNLISTED {
            self.nodes.walk(top.node, |n, kind, depth| {
                visit(Item::unlisted(n, kind), depth)
            });
        } else {
            self.nodes.walk_from(top.index as usize, |i, e, depth| {
                visit(Item::listed(i, e), depth)
            });
        }
    }

    /// Every node of the file in document order, until `visit` says [`Visit::Stop`].
    pub fn walk_all(&self, mut visit: impl FnMut(Item<'t>) -> Visit) {
        self.walk_items(self.item(self.tree.root_node()), |n, _| visit(n));
    }

    fn tick(&self) -> bool {
        let s = self.steps.get() + 1;
        self.steps.set(s);
        if s.is_multiple_of(DEADLINE_CHECK_STEPS)
            && self.deadline.is_some_and(|d| Instant::now() >= d)
        {
            self.timed_out.set(true);
        }
        s <= self.step_limit && !self.timed_out.get()
    }

    /// Children that take part in matching: no comments, no separators.
    fn children(&self, n: Item<'t>) -> Kids<'_, 't> {
        if n.index != UNLISTED {
            let table = self.table.get_or_init(|| self.kid_table());
            let i = n.index as usize;
            if let (Some(from), Some(to)) = (table.offsets.get(i), table.offsets.get(i + 1)) {
                return Kids::Table(table.items.get(*from as usize..*to as usize).unwrap_or(&[]));
            }
        }
        // Many patterns try the same node; collect its children once per file.
        if let Some(k) = self.kids.borrow().get(&n.node.id()) {
            return Kids::Cached(k.clone());
        }
        let mut out = Vec::with_capacity(n.node.child_count() as usize);
        let mut c = n.node.walk();
        for ch in n.node.children(&mut c) {
            let k = ch.kind_id();
            if !self.spec.is_comment(k) && !self.spec.is_skipped(k) {
                out.push(Item::unlisted(ch, k));
            }
        }
        let rc: std::rc::Rc<[Item<'t>]> = out.into();
        self.kids.borrow_mut().insert(n.node.id(), rc.clone());
        Kids::Cached(rc)
    }

    /// The children of every listed node (see [`KidTable`]): in the list, the children of
    /// node `i` are `i + 1` and then each one past the subtree of the previous one.
    fn kid_table(&self) -> KidTable<'t> {
        let entries = self.nodes.entries();
        let mut offsets = Vec::with_capacity(entries.len() + 1);
        let mut items = Vec::with_capacity(entries.len());
        let at = |items: &Vec<Item<'t>>| u32::try_from(items.len()).unwrap_or(u32::MAX);
        for (i, e) in entries.iter().enumerate() {
            offsets.push(at(&items));
            let stop = (e.end as usize).min(entries.len());
            let mut j = i + 1;
            while j < stop {
                let c = &entries[j];
                if !self.spec.is_comment(c.kind) && !self.spec.is_skipped(c.kind) {
                    items.push(Item::listed(j, c));
                }
                j = (c.end as usize).max(j + 1);
            }
        }
        offsets.push(at(&items));
        KidTable { offsets, items }
    }

    /// The names a pattern anchored on a name (see [`Pattern::anchor`]) may match at
    /// `node`: the last identifier of the callee (`call`) or of `node` itself, and for a
    /// plain identifier also the last part of what it resolves to through the imports.
    /// `None` when the shape is unusual (a computed callee, say): then every anchored
    /// pattern must be tried.
    pub fn anchor_names(&self, node: Item<'t>, call: bool) -> Option<(&'t [u8], Option<Vec<u8>>)> {
        let mut t = node;
        if call {
            t = *self.children(node).iter().find(|c| c.named)?;
        }
        let t = self.strip_parens(t);
        let k = t.kind;
        if self.spec.is_identifier(k) {
            let raw = self.text(t);
            let imports = self.imports();
            let resolved = if imports.is_empty() {
                None
            } else {
                imports.resolve(&[raw]).and_then(|mut full| full.pop())
            };
            return Some((raw, resolved));
        }
        if self.spec.is_dotted(k) {
            // Resolving a chain through the imports replaces only its head: the last
            // name stays.
            let kids = self.children(t);
            let last = *kids.iter().rev().find(|c| c.named)?;
            return self
                .spec
                .is_identifier(last.kind)
                .then(|| (self.text(last), None));
        }
        None
    }

    /// The nodes whose code contains `span`, outermost (the root) first: the root, then
    /// each child on the way down to the smallest node spanning it.
    #[must_use]
    pub fn chain(&self, span: Span) -> Vec<Item<'t>> {
        let root = self.tree.root_node();
        let mut out = Vec::new();
        let Some(target) = root.descendant_for_byte_range(span.start, span.end) else {
            return out;
        };
        let mut n = root;
        loop {
            out.push(self.item(n));
            if n == target {
                break;
            }
            match n.child_with_descendant(target) {
                Some(c) if c != n => n = c,
                _ => break,
            }
        }
        out
    }

    /// Every match of `pattern` whose span lies inside `within`: what filtering the matches
    /// of a whole-file walk to `within` would give, found by walking only that code (and
    /// skipping nodes without all of `words`, as the walk does).
    pub fn match_within(
        &self,
        pattern: &Pattern,
        within: Span,
        words: &[WordHits<'_>],
    ) -> Vec<Match> {
        let mut out = Vec::new();
        let root = self.tree.root_node();
        let Some(top) = root.descendant_for_byte_range(within.start, within.end) else {
            return out;
        };
        // Ancestors covering exactly the same code match there too.
        let top = self.item(self.nodes.outermost_same_range(top));
        let kinds = pattern.root_kinds.as_deref();
        self.walk_items(top, |n, _| {
            if n.start() >= within.start
                && n.end() <= within.end
                && kinds.is_none_or(|k| k.binary_search(&n.kind).is_ok())
            {
                self.match_at_with_words(pattern, n, words, &mut out);
                if self.timed_out() {
                    return Visit::Stop;
                }
            }
            Visit::Descend
        });
        out
    }

    /// Try `pattern` with `node` as the root of the match. Every distinct way the pattern
    /// matches (different bindings) is recorded, up to [`MAX_ALTERNATIVES`], so filters
    /// such as `metavariable-regex` can pick the binding that satisfies them.
    pub fn match_at(&self, pattern: &Pattern, node: Item<'t>, out: &mut Vec<Match>) {
        self.match_at_limited(pattern, node, usize::MAX, out);
    }

    /// [`Self::match_at`], skipping what cannot contain all of `words` (see [`WordHits`]).
    pub fn match_at_with_words(
        &self,
        pattern: &Pattern,
        node: Item<'t>,
        words: &[WordHits<'_>],
        out: &mut Vec<Match>,
    ) {
        let (lo, hi) = (node.start(), node.end());
        let mut limit = usize::MAX;
        for w in words {
            match w.last_in(lo, hi) {
                Some(last) => limit = limit.min(last),
                None => return,
            }
        }
        if matches!(pattern.root, PRoot::Node(_)) {
            self.match_at_limited(pattern, node, usize::MAX, out);
        } else {
            // A statement sequence starting after `limit` cannot contain every word.
            self.match_at_limited(pattern, node, limit, out);
        }
    }

    /// `limit`: statement sequences may start only at or before this byte.
    fn match_at_limited(
        &self,
        pattern: &Pattern,
        node: Item<'t>,
        limit: usize,
        out: &mut Vec<Match>,
    ) {
        self.steps.set(0);
        let mut env = Bindings(std::mem::take(&mut *self.scratch.borrow_mut()));
        env.0.clear();
        match &pattern.root {
            PRoot::Node(p) => {
                if !self.first_child_fits(pattern, p, node) {
                    *self.scratch.borrow_mut() = env.0;
                    return;
                }
                let span = node.span();
                let mut found: Vec<Bindings> = Vec::new();
                self.node(p, node, &mut env, &mut |e| {
                    if !found.contains(e) {
                        found.push(e.clone());
                    }
                    found.len() >= MAX_ALTERNATIVES
                });
                out.extend(found.into_iter().map(|bindings| Match {
                    span,
                    bindings,
                    flow: Vec::new(),
                }));
            }
            PRoot::Seq { items, to_end } => {
                let kids = self.children(node);
                let block_end = kids.iter().rev().find(|k| k.named).map(Item::end);
                let first_kinds = self.first_kinds(pattern, items);
                for start in 0..kids.len() {
                    if kids[start].start() > limit {
                        break;
                    }
                    if !kids[start].named
                        || first_kinds
                            .as_ref()
                            .is_some_and(|k| !k.contains(&kids[start].kind))
                    {
                        continue;
                    }
                    env.0.clear();
                    let mut found: Option<(Bindings, usize)> = None;
                    self.seq_open(items, &kids[start..], true, &mut env, &mut |e, used| {
                        if used > 0 {
                            found = Some((e.clone(), used));
                            true
                        } else {
                            false
                        }
                    });
                    if let Some((bindings, used)) = found {
                        let last = kids[start + used - 1];
                        let end = if *to_end {
                            block_end.unwrap_or(last.end())
                        } else {
                            last.end()
                        };
                        out.push(Match {
                            span: Span::new(kids[start].start(), end.max(last.end())),
                            bindings,
                            flow: Vec::new(),
                        });
                    }
                }
            }
        }
        *self.scratch.borrow_mut() = env.0;
    }

    /// False when `node` is of the pattern root's kind (parentheses aside) but its first
    /// child cannot start a match (see [`Pattern::first_child_kinds`]): what
    /// [`Self::node`] would find out, without setting up the attempt.
    fn first_child_fits(&self, pattern: &Pattern, p: &PNode, node: Item<'t>) -> bool {
        let (Some(kinds), PNode::Node { kind, .. }) = (pattern.first_child_kinds.as_deref(), p)
        else {
            return true;
        };
        let t = if self.spec.is_paren(*kind) {
            node
        } else {
            self.strip_parens(node)
        };
        if t.kind != *kind {
            // Matched another way (`const V = E` for `$V = E`, a name through the imports).
            return true;
        }
        let kids = self.children(t);
        let Some(t0) = kids.first() else {
            return false;
        };
        kinds.binary_search(&t0.kind).is_ok()
            || self.optional_skip(&kids) > 0
            || (!t0.named && self.is_optional_modifier(*t0))
    }

    /// See `first_kinds` in [`FileCtx`]: the kinds [`Self::node`] can match the first item
    /// at (its own, and parentheses it looks through), or `None` when the first item is a
    /// wildcard, a dotted name (an import may make a plain name match it) or of any kind.
    fn first_kinds(&self, pattern: &Pattern, items: &[PNode]) -> Option<std::rc::Rc<[u16]>> {
        let key = std::ptr::from_ref(pattern) as usize;
        if let Some(k) = self.first_kinds.borrow().get(&key) {
            return k.clone();
        }
        let kinds = items
            .first()
            .and_then(|first| crate::pattern::start_kinds(first, self.spec))
            .map(std::rc::Rc::from);
        self.first_kinds.borrow_mut().insert(key, kinds.clone());
        kinds
    }

    fn bind(&self, name: &Arc<str>, span: Span, env: &mut Bindings, k: &mut Cont<'_>) -> bool {
        if let Some(prev) = env.get(name) {
            return same_text(self.src, prev, span) && k(env);
        }
        env.0.push((name.clone(), span));
        let r = k(env);
        env.0.pop();
        r
    }

    fn strip_parens(&self, mut t: Item<'t>) -> Item<'t> {
        for _ in 0..64 {
            if !self.spec.is_paren(t.kind) {
                break;
            }
            let only = {
                let kids = self.children(t);
                let mut named = kids.iter().filter(|k| k.named).copied();
                match (named.next(), named.next()) {
                    (Some(one), None) => one,
                    _ => break,
                }
            };
            t = only;
        }
        t
    }

    /// Match one pattern node against one target node; on success call `k` with the
    /// bindings (its answer decides whether to stop searching).
    fn node(&self, p: &PNode, t: Item<'t>, env: &mut Bindings, k: &mut Cont<'_>) -> bool {
        if !self.tick() {
            return false;
        }
        let t = match p {
            PNode::Node { kind, .. } if self.spec.is_paren(*kind) => t,
            PNode::Metavar(_) | PNode::Ellipsis => t,
            _ => self.strip_parens(t),
        };
        match p {
            PNode::Metavar(None) => t.named && k(env),
            PNode::Metavar(Some(name)) | PNode::MetavarSeq(Some(name)) => {
                // A parameter binds its name (`req` in `req: Request`, `x` in `x=1`), so
                // the same metavariable matches its uses in the body.
                let t = if self.spec.is_param(t.kind) {
                    param_name_node(t.node).map_or(t, |n| self.item(n))
                } else {
                    t
                };
                t.named && self.bind(name, t.span(), env, k)
            }
            PNode::MetavarSeq(None) | PNode::Ellipsis => k(env),
            PNode::Deep(inner) => self.deep(inner, t, env, k),
            PNode::AnyString => self.literal_string(t).is_some() && !self.is_fstring(t) && k(env),
            PNode::AnyTemplate => {
                self.spec.is_string(t.kind)
                    && is_template_string(t.node, self.src, self.spec)
                    && k(env)
            }
            PNode::StringRegex(re) => {
                self.literal_string(t)
                    .is_some_and(|c| re.is_match(&String::from_utf8_lossy(c)))
                    && k(env)
            }
            PNode::StringLit(content) => {
                self.literal_string(t).is_some_and(|c| c == &**content) && k(env)
            }
            PNode::Ident(text) => {
                self.spec.is_identifier(t.kind) && self.text(t) == &**text && k(env)
            }
            PNode::Token { kind, named, text } => {
                t.kind == *kind && (!named || self.text(t) == &**text) && k(env)
            }
            PNode::Dotted { parts, node } => {
                if self.dotted(parts, t) {
                    return k(env);
                }
                self.node(node, t, env, k)
            }
            PNode::Node {
                kind,
                children,
                keyed,
            } => {
                if t.kind != *kind {
                    // `$V = E` also matches `const V = E` / `let` / `var` (JS).
                    if self.spec.is_js_declaration(t.kind)
                        && let Some((pl, pr)) = self.pattern_assignment(p)
                        && let Some((tl, tr)) = self.js_single_declaration(t)
                    {
                        return self.node(pl, tl, env, &mut |e| self.node(pr, tr, e, k));
                    }
                    // `subprocess.$F(...)` against `run(...)` after `from subprocess import run`.
                    if self.spec.is_dotted(*kind) && self.spec.is_identifier(t.kind) {
                        return self.dotted_via_import(p, t, env, k);
                    }
                    return false;
                }
                let kids = self.children(t);
                let stmts = self.spec.is_block(*kind);
                if self.spec.is_import_list(*kind) {
                    return self.import_list(children, &kids, env, k);
                }
                if *keyed {
                    // JSX attributes and Python decorators: a pattern matches targets with
                    // more of them, in any order.
                    let open = self.spec.is_open_keyed(t.kind);
                    self.keyed_children(children, &kids, open, env, k)
                } else {
                    self.seq_exact(children, &kids, stmts, env, k)
                }
            }
        }
    }

    /// `(left, right)` of a pattern `L = R` (an assignment, or a statement holding one).
    fn pattern_assignment<'p>(&self, p: &'p PNode) -> Option<(&'p PNode, &'p PNode)> {
        if !self.spec.lang.is_js_family() {
            return None;
        }
        let PNode::Node { kind, children, .. } = p else {
            return None;
        };
        match children.as_slice() {
            [inner] if self.spec.is_expression_statement(*kind) => self.pattern_assignment(inner),
            [
                l,
                PNode::Token {
                    named: false, text, ..
                },
                r,
            ] if self.spec.is_js_assignment(*kind) && &**text == b"=" => Some((l, r)),
            _ => None,
        }
    }

    /// `(name, value)` of a JS declaration with exactly one initialised declarator.
    fn js_single_declaration(&self, t: Item<'t>) -> Option<(Item<'t>, Item<'t>)> {
        if !self.spec.is_js_declaration(t.kind) {
            return None;
        }
        let d = {
            let kids = self.children(t);
            let mut decls = kids.iter().filter(|c| self.spec.is_js_declarator(c.kind));
            match (decls.next(), decls.next()) {
                (Some(d), None) => d.node,
                _ => return None,
            }
        };
        Some((
            self.item(d.child_by_field_id(self.field_name?.get())?),
            self.item(d.child_by_field_id(self.field_value?.get())?),
        ))
    }

    /// Python f-strings never match plain string patterns, even without `{}`.
    fn is_fstring(&self, t: Item<'t>) -> bool {
        self.spec.lang == mamori_lang::Language::Python
            && is_template_string(t.node, self.src, self.spec)
    }

    fn literal_string(&self, t: Item<'t>) -> Option<&'t [u8]> {
        if !self.spec.is_string(t.kind) {
            return None;
        }
        literal_string_content(t.node, self.src, self.spec)
    }

    fn dotted(&self, parts: &[Box<[u8]>], t: Item<'t>) -> bool {
        let Some(tp) = dotted_parts(t.node, self.src, self.spec) else {
            return false;
        };
        let same = tp.len() == parts.len() && tp.iter().zip(parts).all(|(a, b)| *a == &**b);
        let hit = same || {
            let imports = self.imports();
            !imports.is_empty()
                && imports.resolve(&tp).is_some_and(|full| {
                    full.len() == parts.len()
                        && full.iter().zip(parts).all(|(a, b)| a.as_slice() == &**b)
                })
        };
        // The names on an import line are declarations, not uses. Checked last:
        // `Node::parent` costs O(depth), too much to pay at every node of a deep tree.
        hit && !in_import(t.node)
    }

    fn dotted_via_import(
        &self,
        p: &PNode,
        t: Item<'t>,
        env: &mut Bindings,
        k: &mut Cont<'_>,
    ) -> bool {
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
        let ok = self.match_parts(p, &parts, t.span(), env);
        let r = ok && k(env);
        env.0.truncate(save);
        r
    }

    /// Match a pattern for a dotted name against resolved path parts (bindings get the
    /// span of the identifier that stands for them). Leaves bindings in `env`.
    fn match_parts(&self, p: &PNode, parts: &[&[u8]], span: Span, env: &mut Bindings) -> bool {
        match p {
            PNode::Ident(x) => parts.len() == 1 && parts[0] == &**x,
            PNode::Dotted { parts: pp, .. } => {
                pp.len() == parts.len() && pp.iter().zip(parts).all(|(a, b)| &**a == *b)
            }
            PNode::Metavar(None) => !parts.is_empty(),
            PNode::Metavar(Some(name)) => {
                if parts.is_empty() {
                    return false;
                }
                if let Some(prev) = env.get(name) {
                    return same_text(self.src, prev, span);
                }
                env.0.push((name.clone(), span));
                true
            }
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

    /// `<... P ...>`: `t` or any descendant matches `P`.
    fn deep(&self, inner: &PNode, t: Item<'t>, env: &mut Bindings, k: &mut Cont<'_>) -> bool {
        let mut found = false;
        self.walk_items(t, |n, _| {
            if n.named && self.node(inner, n, env, k) {
                found = true;
                return Visit::Stop;
            }
            if self.tick() {
                Visit::Descend
            } else {
                Visit::Stop
            }
        });
        found
    }

    /// The whole of `t` must be consumed by `p`. In statement lists (`stmts`), the item
    /// after a `...` may also match a statement nested inside a later sibling (Semgrep's
    /// deep statement matching) when it is the last item of the pattern.
    fn seq_exact<P: std::borrow::Borrow<PNode>>(
        &self,
        p: &[P],
        t: &[Item<'t>],
        stmts: bool,
        env: &mut Bindings,
        k: &mut Cont<'_>,
    ) -> bool {
        if !self.tick() {
            return false;
        }
        let Some((first, rest)) = p.split_first() else {
            // Trailing parts a pattern may leave out (return types, type annotations).
            return (t.is_empty() || self.optional_run(t) == t.len()) && k(env);
        };
        let first: &PNode = first.borrow();
        match first {
            PNode::Ellipsis | PNode::MetavarSeq(None) => {
                if rest.is_empty() {
                    return k(env);
                }
                for i in 0..=t.len() {
                    if self.seq_exact(rest, &t[i..], stmts, env, k) {
                        return true;
                    }
                }
                if stmts && rest.len() == 1 {
                    // `... ; P` with P nested in a later statement, nothing after it.
                    for sib in t {
                        if self.deep_stmt(rest[0].borrow(), *sib, env, k) {
                            return true;
                        }
                    }
                }
                false
            }
            PNode::MetavarSeq(Some(name)) => {
                for i in 0..=t.len() {
                    let span = seq_span(&t[..i], t.first());
                    let rest_t = &t[i..];
                    if self.bind(name, span, env, &mut |e| {
                        self.seq_exact(rest, rest_t, stmts, e, k)
                    }) {
                        return true;
                    }
                }
                false
            }
            _ => {
                let Some((t0, trest)) = t.split_first() else {
                    return false;
                };
                // `async` and similar modifiers the pattern leaves out are optional.
                if !t0.named
                    && self.is_optional_modifier(*t0)
                    && !matches!(first, PNode::Token { text, .. } if **text == *self.text(*t0))
                {
                    return self.seq_exact(p, trest, stmts, env, k);
                }
                if self.node(first, *t0, env, &mut |e| {
                    self.seq_exact(rest, trest, stmts, e, k)
                }) {
                    return true;
                }
                // `pub`, `-> T`, `: T` the pattern does not mention.
                let skip = self.optional_skip(t);
                skip > 0 && self.seq_exact(p, &t[skip..], stmts, env, k)
            }
        }
    }

    fn is_optional_modifier(&self, t: Item<'t>) -> bool {
        matches!(self.text(t), b"async")
    }

    /// How many leading nodes of `t` form one optional part a pattern may omit: Rust
    /// `pub(...)`, a `-> T` return type (Python, Rust), a TS type annotation.
    fn optional_skip(&self, t: &[Item<'t>]) -> usize {
        let Some(t0) = t.first() else { return 0 };
        let k = t0.kind;
        if self.spec.is_optional_part(k) {
            1
        } else if self.spec.is_arrow(k) && t.len() >= 2 {
            2
        } else {
            0
        }
    }

    /// Length of a prefix of `t` made only of optional parts.
    fn optional_run(&self, t: &[Item<'t>]) -> usize {
        let mut i = 0;
        while i < t.len() {
            let n = self.optional_skip(&t[i..]);
            if n == 0 {
                break;
            }
            i += n;
        }
        i
    }

    /// A statement pattern matched against `t` or any statement nested in it.
    fn deep_stmt(&self, p: &PNode, t: Item<'t>, env: &mut Bindings, k: &mut Cont<'_>) -> bool {
        let kinds = {
            let key = std::ptr::from_ref(p) as usize;
            let cached = self.item_kinds.borrow().get(&key).cloned();
            match cached {
                Some(k) => k,
                None => {
                    let k = node_kinds(p, self.spec).map(|mut v| {
                        // The matcher looks through parentheses.
                        v.extend(self.spec.paren.iter().copied());
                        std::rc::Rc::from(v)
                    });
                    self.item_kinds.borrow_mut().insert(key, k.clone());
                    k
                }
            }
        };
        let index = self.stmts.get_or_init(|| self.build_stmt_index());
        let (lo, hi) = (t.start(), t.end());
        let mut found: Vec<u32> = Vec::new();
        let Some(kinds) = kinds else {
            // An item of any kind: every statement inside `t`.
            let from = index.nodes.partition_point(|n| n.start() < lo);
            for (i, n) in index.nodes.iter().enumerate().skip(from) {
                if n.start() > hi {
                    break;
                }
                if n.end() <= hi && n.node.id() != t.node.id() {
                    found.push(u32::try_from(i).unwrap_or(u32::MAX));
                }
            }
            return self.try_stmts(p, index, &found, env, k);
        };
        for kind in kinds.iter() {
            let Some(list) = index.by_kind.get(&usize::from(*kind)) else {
                continue;
            };
            let from = list.partition_point(|pos| index.nodes[*pos as usize].start() < lo);
            for pos in &list[from..] {
                let n = index.nodes[*pos as usize];
                if n.start() > hi {
                    break;
                }
                if n.end() <= hi && n.node.id() != t.node.id() {
                    found.push(*pos);
                }
            }
        }
        // Document order, as a walk would visit them.
        found.sort_unstable();
        self.try_stmts(p, index, &found, env, k)
    }

    fn try_stmts(
        &self,
        p: &PNode,
        index: &StmtIndex<'t>,
        positions: &[u32],
        env: &mut Bindings,
        k: &mut Cont<'_>,
    ) -> bool {
        for pos in positions {
            if !self.tick() {
                return false;
            }
            if self.node(p, index.nodes[*pos as usize], env, k) {
                return true;
            }
        }
        false
    }

    fn build_stmt_index(&self) -> StmtIndex<'t> {
        let mut index = StmtIndex {
            nodes: Vec::new(),
            by_kind: IdMap::default(),
        };
        // Whether each ancestor of the visited node is a block, innermost last.
        let mut parent_is_block: Vec<bool> = Vec::new();
        self.walk_items(self.item(self.tree.root_node()), |n, depth| {
            parent_is_block.truncate(depth);
            if n.named && parent_is_block.last().copied().unwrap_or(false) {
                let pos = u32::try_from(index.nodes.len()).unwrap_or(u32::MAX);
                index.nodes.push(n);
                index
                    .by_kind
                    .entry(usize::from(n.kind))
                    .or_default()
                    .push(pos);
            }
            parent_is_block.push(self.spec.is_block(n.kind));
            Visit::Descend
        });
        index
    }

    /// Like [`Self::seq_exact`] but `t` may have leftovers; `k` receives how many were used.
    fn seq_open(
        &self,
        p: &[PNode],
        t: &[Item<'t>],
        stmts: bool,
        env: &mut Bindings,
        k: &mut dyn FnMut(&mut Bindings, usize) -> bool,
    ) -> bool {
        if !self.tick() {
            return false;
        }
        let Some((first, rest)) = p.split_first() else {
            return k(env, 0);
        };
        match first {
            PNode::Ellipsis | PNode::MetavarSeq(_) => {
                for i in 0..=t.len() {
                    let rest_t = &t[i..];
                    let mut cont = |e: &mut Bindings| {
                        self.seq_open(rest, rest_t, stmts, e, &mut |e2, used| k(e2, i + used))
                    };
                    let hit = if let PNode::MetavarSeq(Some(name)) = first {
                        self.bind(name, seq_span(&t[..i], t.first()), env, &mut cont)
                    } else {
                        cont(env)
                    };
                    if hit {
                        return true;
                    }
                }
                if stmts && rest.len() == 1 && !matches!(first, PNode::MetavarSeq(_)) {
                    for (i, sib) in t.iter().enumerate() {
                        if self.deep_stmt(&rest[0], *sib, env, &mut |e| k(e, i + 1)) {
                            return true;
                        }
                    }
                }
                false
            }
            _ => {
                let Some((t0, trest)) = t.split_first() else {
                    return false;
                };
                self.node(first, *t0, env, &mut |e| {
                    self.seq_open(rest, trest, stmts, e, &mut |e2, used| k(e2, 1 + used))
                })
            }
        }
    }

    /// Children where keyed items (keyword arguments, object pairs) match in any order:
    /// the rest match as a sequence; each keyed pattern item needs its own keyed target
    /// item; extra keyed target items are allowed only when the pattern has a `...`.
    fn keyed_children(
        &self,
        p: &[PNode],
        t: &[Item<'t>],
        always_open: bool,
        env: &mut Bindings,
        k: &mut Cont<'_>,
    ) -> bool {
        let is_keyed_p =
            |n: &PNode| matches!(n, PNode::Node { kind, .. } if self.spec.is_keyed(*kind));
        let p_rest: Vec<&PNode> = p.iter().filter(|n| !is_keyed_p(n)).collect();
        let open = always_open || p_rest.iter().any(|n| n.is_sequence_wildcard());
        if !open {
            let t_count = t.iter().filter(|n| self.spec.is_keyed(n.kind)).count();
            if t_count != p.len() - p_rest.len() {
                return false;
            }
        }
        let p_keyed: Vec<&PNode> = p.iter().filter(|n| is_keyed_p(n)).collect();
        let t_rest: Vec<Item<'t>> = t
            .iter()
            .copied()
            .filter(|n| !self.spec.is_keyed(n.kind))
            .collect();
        let t_keyed: Vec<Item<'t>> = t
            .iter()
            .copied()
            .filter(|n| self.spec.is_keyed(n.kind))
            .collect();
        let mut used = vec![false; t_keyed.len()];
        self.seq_exact(&p_rest, &t_rest, false, env, &mut |e| {
            self.assign_keyed(&p_keyed, &t_keyed, &mut used, e, k)
        })
    }

    /// `from m import $A` against `from m import (x, y as z)`: the head (`from m import`)
    /// matches in order; each imported name of the pattern needs its own imported name in
    /// the target, in any order, and the target may import more (as Semgrep does).
    fn import_list(
        &self,
        p: &[PNode],
        t: &[Item<'t>],
        env: &mut Bindings,
        k: &mut Cont<'_>,
    ) -> bool {
        const HEAD: usize = 3; // `from`, the module, `import`
        if p.len() <= HEAD || t.len() <= HEAD {
            return self.seq_exact(p, t, false, env, k);
        }
        let (p_head, p_names) = p.split_at(HEAD);
        let (t_head, t_names) = t.split_at(HEAD);
        let t_names: Vec<Item<'t>> = t_names.iter().copied().filter(|n| n.named).collect();
        let p_names: Vec<&PNode> = p_names.iter().collect();
        let mut used = vec![false; t_names.len()];
        self.seq_exact(p_head, t_head, false, env, &mut |e| {
            self.assign_keyed(&p_names, &t_names, &mut used, e, k)
        })
    }

    fn assign_keyed(
        &self,
        p: &[&PNode],
        t: &[Item<'t>],
        used: &mut Vec<bool>,
        env: &mut Bindings,
        k: &mut Cont<'_>,
    ) -> bool {
        let Some((first, rest)) = p.split_first() else {
            return k(env);
        };
        for (i, tn) in t.iter().enumerate() {
            if used[i] {
                continue;
            }
            if !self.tick() {
                return false;
            }
            let hit = self.node(first, *tn, env, &mut |e| {
                used[i] = true;
                let r = self.assign_keyed(rest, t, used, e, k);
                used[i] = false;
                r
            });
            if hit {
                return true;
            }
        }
        false
    }
}

/// A continuation: called with the bindings of a successful match; returns true to stop
/// the search, false to look for further alternatives.
pub type Cont<'a> = dyn FnMut(&mut Bindings) -> bool + 'a;

/// How many differently-bound matches one pattern may report at one node.
pub const MAX_ALTERNATIVES: usize = 16;

/// True when `t` is part of an import or `use` declaration.
fn in_import(t: Node<'_>) -> bool {
    let mut cur = Some(t);
    for _ in 0..6 {
        let Some(n) = cur else { return false };
        if matches!(
            n.kind(),
            "import_statement"
                | "import_from_statement"
                | "future_import_statement"
                | "use_declaration"
        ) {
            return true;
        }
        cur = n.parent();
    }
    false
}

/// The name node of a typed or defaulted parameter.
fn param_name_node(t: Node<'_>) -> Option<Node<'_>> {
    match t.kind() {
        "required_parameter" | "optional_parameter" => t.child_by_field_name("pattern"),
        "typed_parameter" | "typed_default_parameter" | "default_parameter" => {
            t.child_by_field_name("name").or_else(|| t.named_child(0))
        }
        _ => None,
    }
    .filter(|n| n.kind() == "identifier")
}

fn seq_span(nodes: &[Item<'_>], anchor: Option<&Item<'_>>) -> Span {
    match (nodes.first(), nodes.last()) {
        (Some(a), Some(b)) => Span::new(a.start(), b.end()),
        _ => {
            let at = anchor.map_or(0, Item::start);
            Span::new(at, at)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Formula;
    use crate::plan::{LangPlan, PatternArena, Program, RunOptions};
    use mamori_lang::Language;

    /// The fuzz input that ran for minutes: `($WX)` (its first byte, `p`, picks TypeScript)
    /// against 2,700+ nested brackets. Every named node matches; what made it slow was
    /// following `Node::parent` from each match (O(depth) per call) to find its scope.
    #[test]
    fn bare_metavariable_on_deeply_nested_brackets() {
        let data =
            include_bytes!("../../../fuzz/artifacts/pattern_match/slow-nested-brackets-2026-11-24");
        let lang = Language::ALL[usize::from(data[0]) % Language::ALL.len()];
        assert_eq!(lang, Language::TypeScript);
        let rest = &data[1..];
        let sep = b"\n----\n";
        let at = rest.windows(sep.len()).position(|w| w == sep).unwrap();
        let (pat, src) = (&rest[..at], &rest[at + sep.len()..]);
        assert_eq!(pat, b"($WX)");

        let mut arena = PatternArena::default();
        let id = arena.add("($WX)", lang).unwrap();
        assert!(arena.get(id).is_bare_metavar());
        let plan = LangPlan::build(
            lang,
            &arena,
            vec![(0, Program::Search(Formula::Pattern(id)))],
        );
        let tree = mamori_lang::parse(lang, src, None).unwrap();
        let (res, timed_out) = plan.run(&arena, &tree, src, &[true], &RunOptions::default());
        assert!(!timed_out);

        // One match per distinct span of a named node.
        let root = tree.root_node();
        let mut spans = Vec::new();
        let mut max_depth = 0usize;
        let mut depth_of = IdMap::default();
        let mut cursor = root.walk();
        'walk: loop {
            let (n, d) = (cursor.node(), cursor.depth() as usize);
            depth_of.insert(n.id(), d);
            max_depth = max_depth.max(d);
            if n.is_named() {
                spans.push((n.start_byte(), n.end_byte()));
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        spans.sort_unstable();
        spans.dedup();
        let matches = &res.rules[0].1;
        assert_eq!(matches.len(), spans.len());
        assert!(max_depth > 2_700, "depth {max_depth}");

        // The ancestors of every match, in one descent each: at most depth + 1 nodes per
        // match, the same nodes `Node::parent` gives.
        let mut total = 0usize;
        for (i, m) in matches.iter().enumerate() {
            let node = root
                .descendant_for_byte_range(m.span.start, m.span.end)
                .unwrap();
            let chain = ancestors(root, node);
            assert_eq!(chain.len(), depth_of[&node.id()] + 1);
            assert_eq!(chain.last().map(Node::id), Some(root.id()));
            if i % 1500 == 0 {
                let mut by_parent = vec![node];
                while let Some(p) = by_parent.last().and_then(Node::parent) {
                    by_parent.push(p);
                }
                assert_eq!(chain, by_parent);
            }
            total += chain.len();
        }
        assert!(total <= matches.len() * (max_depth + 1));
    }

    fn facts<'t>(v: &[Item<'t>]) -> Vec<(Node<'t>, Span, u16, bool)> {
        v.iter()
            .map(|i| (i.node, i.span(), i.kind, i.named))
            .collect()
    }

    /// Children from the listed tree's table equal those a cursor collects (the unlisted
    /// form), with the same cached facts, for every node.
    #[test]
    fn listed_children_equal_cursor_children() {
        let cases: [(Language, &[u8]); 3] = [
            (
                Language::Python,
                b"import os # c\ndef f(a, b=1):\n    # x\n    if a:\n        return os.path.join(a, 'x')\n    return [b, (a)]\n",
            ),
            (
                Language::JavaScript,
                b"const x = require('y'); /* c */ f(a, {k: 1, ...o}, `t${x}`);\n",
            ),
            (Language::Rust, b"pub fn f(a: u8) -> u8 { // c\n    g(a, 1)\n}\n"),
        ];
        for (lang, src) in cases {
            let tree = mamori_lang::parse(lang, src, None).unwrap();
            let listed = NodeList::new(lang, &tree, src.len());
            let unlisted = NodeList::unlisted(lang, &tree);
            let (a, b) = (FileCtx::new(src, &listed), FileCtx::new(src, &unlisted));
            let mut all = Vec::new();
            b.walk_all(|n| {
                all.push(n);
                Visit::Descend
            });
            assert!(all.len() > 10);
            for n in all {
                let (la, lb) = (a.item(n.node), b.item(n.node));
                assert_ne!(la.index, UNLISTED);
                assert_eq!(lb.index, UNLISTED);
                assert_eq!(
                    (la.node, la.span(), la.kind, la.named),
                    (lb.node, lb.span(), lb.kind, lb.named)
                );

                assert_eq!(facts(&a.children(la)), facts(&b.children(lb)));
            }
        }
    }

    #[test]
    fn ancestors_of_the_root_and_of_a_leaf() {
        let a = mamori_lang::parse(Language::Python, b"f(x)\n", None).unwrap();
        let root = a.root_node();
        assert_eq!(ancestors(root, root), vec![root]);
        let x = root.descendant_for_byte_range(2, 3).unwrap();
        let chain = ancestors(root, x);
        assert_eq!(chain.first(), Some(&x));
        assert_eq!(chain.last(), Some(&root));
        assert!(chain.windows(2).all(|w| w[0].parent() == Some(w[1])));
    }
}
