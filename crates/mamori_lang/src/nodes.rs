//! [`NodeList`]: every node of a parsed tree in document order, listed once per file so
//! that the per-file walks (pattern dispatch, import aliases, the statement index, the
//! analyzers) iterate an array instead of each moving a tree cursor over the whole tree.
//!
//! Moving a tree-sitter cursor is the expensive part of a walk (each step looks through
//! hidden nodes and sums lengths); reading a `Vec` is not. Trees of very large files are
//! not listed (the list costs ~48 bytes a node, which would raise the peak memory of a
//! scan): their walks use a cursor, in the same order.

use std::sync::OnceLock;

use tree_sitter::{Node, Tree};

use crate::Language;

/// Sources larger than this are walked with a cursor instead of being listed. Files over
/// 256 KiB are scanned one at a time (the engine's big-file lane), so a list of at most
/// this size coincides with no other large one; on the full benchmark tier, listing up
/// to 1 MiB left the peak RSS where it was (~176–181 MB, `-j 2`, every file) and cut
/// ~5 % of the CPU time, while 2 MiB raised the peak to ~203 MB.
pub const MAX_LISTED_BYTES: usize = 1024 * 1024;

/// One listed node, with the facts the walks ask for most (each `Node` accessor is a call
/// into tree-sitter, and `end_byte`/`is_named` look through the subtree and the grammar).
#[derive(Clone, Copy, Debug)]
pub struct Entry<'t> {
    pub node: Node<'t>,
    /// Index one past the last node of this node's subtree.
    pub end: u32,
    /// `node`'s byte range.
    pub start_byte: u32,
    pub end_byte: u32,
    /// `node`'s kind id.
    pub kind: u16,
    pub named: bool,
}

/// What a walk does after visiting a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visit {
    /// Go on into the node's children.
    Descend,
    /// Go on, but not into the node's children.
    Skip,
    /// End the walk.
    Stop,
}

/// Every node (named and anonymous) of one tree, in pre-order: see the module docs.
pub struct NodeList<'t> {
    tree: &'t Tree,
    lang: Language,
    /// Empty when the tree was not listed (too large): walks then use a cursor.
    entries: Vec<Entry<'t>>,
}

impl std::fmt::Debug for NodeList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeList")
            .field("lang", &self.lang)
            .field("listed", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl<'t> NodeList<'t> {
    /// Lists `tree` (parsed from `src_len` bytes) unless the source is larger than
    /// [`MAX_LISTED_BYTES`].
    #[must_use]
    pub fn new(lang: Language, tree: &'t Tree, src_len: usize) -> Self {
        let mut list = Self::unlisted(lang, tree);
        if src_len > MAX_LISTED_BYTES {
            return list;
        }
        // Open subtrees (indices into `entries`), innermost last.
        let mut open: Vec<usize> = Vec::new();
        let entries = &mut list.entries;
        // The root's visible descendants (stored in the tree: no walk) are what the cursor
        // visits.
        entries.reserve_exact(tree.root_node().descendant_count());
        walk_cursor(tree.root_node(), |node, depth| {
            while open.len() > depth {
                if let Some(i) = open.pop() {
                    entries[i].end = u32::try_from(entries.len()).unwrap_or(u32::MAX);
                }
            }
            open.push(entries.len());
            entries.push(Entry {
                node,
                end: 0,
                start_byte: u32::try_from(node.start_byte()).unwrap_or(u32::MAX),
                end_byte: u32::try_from(node.end_byte()).unwrap_or(u32::MAX),
                kind: node.kind_id(),
                named: node.is_named(),
            });
            Visit::Descend
        });
        let len = u32::try_from(entries.len()).unwrap_or(u32::MAX);
        for i in open {
            entries[i].end = len;
        }
        list
    }

    /// A list that walks `tree` with a cursor (nothing listed).
    #[must_use]
    pub fn unlisted(lang: Language, tree: &'t Tree) -> Self {
        Self {
            tree,
            lang,
            entries: Vec::new(),
        }
    }

    #[must_use]
    pub fn tree(&self) -> &'t Tree {
        self.tree
    }

    #[must_use]
    pub fn lang(&self) -> Language {
        self.lang
    }

    /// The grammar's name of kind id `kind` (what `Node::kind` returns, without its
    /// `strlen` and UTF-8 check).
    #[must_use]
    pub fn kind_name(&self, kind: u16) -> &'static str {
        kind_name(self.lang, kind)
    }

    /// The listed nodes in document order (empty when the tree is not listed).
    #[must_use]
    pub fn entries(&self) -> &[Entry<'t>] {
        &self.entries
    }

    /// Where `node` is in the list (`None` when the tree is not listed).
    #[must_use]
    pub fn index_of(&self, node: Node<'t>) -> Option<usize> {
        if self.entries.is_empty() {
            return None;
        }
        let start = u32::try_from(node.start_byte()).unwrap_or(u32::MAX);
        let from = self.entries.partition_point(|e| e.start_byte < start);
        self.entries[from..]
            .iter()
            .take_while(|e| e.start_byte == start)
            .position(|e| e.node == node)
            .map(|i| from + i)
    }

    /// `node`'s parent (as `Node::parent`, which descends from the root every time):
    /// for a listed node, the nearest entry before it whose subtree holds it, looked for
    /// among the 256 entries before it (the parent's earlier children and their
    /// subtrees); beyond that, and for unlisted trees, `Node::parent`.
    #[must_use]
    pub fn parent_of(&self, node: Node<'t>) -> Option<Node<'t>> {
        const NEAR: usize = 256;
        if let Some(i) = self.index_of(node) {
            for j in (i.saturating_sub(NEAR)..i).rev() {
                if self.entries[j].end as usize > i {
                    return Some(self.entries[j].node);
                }
            }
            if i <= NEAR {
                // Every entry before it was looked at: only the root has no parent.
                return None;
            }
        }
        node.parent()
    }

    /// The outermost of `node` and its ancestors that cover exactly the same bytes (what
    /// following `Node::parent` while the range stays the same gives, without its descent
    /// from the root per step).
    #[must_use]
    pub fn outermost_same_range(&self, node: Node<'t>) -> Node<'t> {
        let Some(i) = self.index_of(node) else {
            let (start, end) = (node.start_byte(), node.end_byte());
            let mut top = node;
            while let Some(p) = top.parent() {
                if p.start_byte() != start || p.end_byte() != end {
                    break;
                }
                top = p;
            }
            return top;
        };
        // Ancestors with the same start come right before `node` in the list, among
        // zero-width nodes at that start (which do not contain it).
        let (start, end) = (self.entries[i].start_byte, self.entries[i].end_byte);
        let mut top = node;
        for j in (0..i).rev() {
            let e = self.entries[j];
            if e.start_byte != start {
                break;
            }
            if (e.end as usize) <= i {
                continue;
            }
            if e.end_byte != end {
                break;
            }
            top = e.node;
        }
        top
    }

    /// Visit `top` and every node below it in document order: `visit` gets the node, its
    /// kind id and its depth below `top` (0 for `top`).
    pub fn walk(&self, top: Node<'t>, mut visit: impl FnMut(Node<'t>, u16, usize) -> Visit) {
        self.walk_indexed(top, |_, n, kind, depth| visit(n, kind, depth));
    }

    /// [`Self::walk`], also passing each node's index in [`Self::entries`] (`None` when the
    /// tree is not listed).
    pub fn walk_indexed(
        &self,
        top: Node<'t>,
        mut visit: impl FnMut(Option<usize>, Node<'t>, u16, usize) -> Visit,
    ) {
        let Some(first) = self.index_of(top) else {
            walk_cursor(top, |n, depth| visit(None, n, n.kind_id(), depth));
            return;
        };
        self.walk_from(first, |i, e, depth| visit(Some(i), e.node, e.kind, depth));
    }

    /// [`Self::walk`] from the listed node at `first` (see [`Self::entries`]): `visit` gets
    /// each node's index, entry and depth below `first`.
    pub fn walk_from(
        &self,
        first: usize,
        mut visit: impl FnMut(usize, &Entry<'t>, usize) -> Visit,
    ) {
        let Some(top) = self.entries.get(first) else {
            return;
        };
        let stop = (top.end as usize).min(self.entries.len());
        // Ends of the open subtrees, innermost last: their count is the depth.
        let mut open: Vec<u32> = Vec::new();
        let mut i = first;
        while i < stop {
            let e = &self.entries[i];
            while open.last().is_some_and(|end| *end as usize <= i) {
                open.pop();
            }
            match visit(i, e, open.len()) {
                Visit::Descend => {
                    open.push(e.end);
                    i += 1;
                }
                Visit::Skip => i = (e.end as usize).max(i + 1),
                Visit::Stop => return,
            }
        }
    }

    /// [`Self::walk`] over the whole tree.
    pub fn walk_all(&self, visit: impl FnMut(Node<'t>, u16, usize) -> Visit) {
        self.walk(self.tree.root_node(), visit);
    }

    /// Every node of the tree in document order, like [`Self::walk_all`] but without the
    /// depth (a listed tree is then one pass over an array): for walks that look for a few
    /// kinds of node anywhere, such as the analyzers' (see [`Kinds`]).
    pub fn scan(&self, mut visit: impl FnMut(Node<'t>, u16) -> Visit) {
        if self.entries.is_empty() {
            walk_cursor(self.tree.root_node(), |n, _| visit(n, n.kind_id()));
            return;
        }
        let mut i = 0;
        while let Some(e) = self.entries.get(i) {
            match visit(e.node, e.kind) {
                Visit::Descend => i += 1,
                Visit::Skip => i = (e.end as usize).max(i + 1),
                Visit::Stop => return,
            }
        }
    }
}

/// The kind ids of one language's grammar whose names are in a list (a grammar may give
/// several ids one name, through aliases): so a walk tests a node's kind with one load
/// instead of string comparisons.
#[derive(Debug, Clone)]
pub struct KindSet {
    member: Box<[bool]>,
}

impl KindSet {
    #[must_use]
    pub fn new(lang: Language, names: &[&str]) -> Self {
        let count = lang.ts_language().node_kind_count();
        let member = (0..=count)
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .is_some_and(|id| names.contains(&kind_name(lang, id)))
            })
            .collect();
        Self { member }
    }

    #[must_use]
    pub fn contains(&self, kind: u16) -> bool {
        self.member.get(usize::from(kind)).copied().unwrap_or(false)
    }
}

/// A list of kind names, with its [`KindSet`] for each language built on first use: meant
/// for a `static` beside the walk that uses it.
#[derive(Debug)]
pub struct Kinds {
    names: &'static [&'static str],
    sets: [OnceLock<KindSet>; 5],
}

impl Kinds {
    #[must_use]
    pub const fn new(names: &'static [&'static str]) -> Self {
        Self {
            names,
            sets: [const { OnceLock::new() }; 5],
        }
    }

    /// The set for `lang`.
    #[must_use]
    pub fn of(&self, lang: Language) -> &KindSet {
        let slot = Language::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.sets[slot].get_or_init(|| KindSet::new(lang, self.names))
    }
}

/// The cursor walk [`NodeList::walk`] stands for (and falls back to): pre-order, no
/// recursion, depth counted here (`TreeCursor::depth` and `Node::parent` are not O(1)).
fn walk_cursor<'t>(top: Node<'t>, mut visit: impl FnMut(Node<'t>, usize) -> Visit) {
    let mut cursor = top.walk();
    let mut depth = 0usize;
    'outer: loop {
        let descend = match visit(cursor.node(), depth) {
            Visit::Descend => true,
            Visit::Skip => false,
            Visit::Stop => return,
        };
        if descend && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if depth == 0 {
                break 'outer;
            }
            if cursor.goto_next_sibling() {
                continue 'outer;
            }
            if !cursor.goto_parent() {
                break 'outer;
            }
            depth -= 1;
        }
    }
}

/// The grammar's name of kind id `kind` in `lang`, from a table built once per language.
#[must_use]
pub fn kind_name(lang: Language, kind: u16) -> &'static str {
    static TABLES: [OnceLock<Vec<&'static str>>; 5] = [const { OnceLock::new() }; 5];
    let slot = Language::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    let names = TABLES[slot].get_or_init(|| {
        let ts = lang.ts_language();
        (0..=u16::try_from(ts.node_kind_count()).unwrap_or(u16::MAX))
            .map(|id| ts.node_kind_for_id(id).unwrap_or(""))
            .collect()
    });
    names.get(usize::from(kind)).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor_order<'t>(top: Node<'t>) -> Vec<(Node<'t>, usize)> {
        let mut v = Vec::new();
        walk_cursor(top, |n, d| {
            v.push((n, d));
            Visit::Descend
        });
        v
    }

    #[test]
    fn scans_visit_what_walks_visit_and_kind_sets_hold_every_alias() {
        let src = b"def f(a):\n    s = 'x' + f'{a}y'\n    return [s, \"z\"]\nclass C:\n    t = \"\"\"w\"\"\"\n";
        let tree = crate::parse(Language::Python, src, None).expect("parses");
        let strings = Kinds::new(&["string", "identifier"]);
        let set = strings.of(Language::Python);
        for list in [
            NodeList::new(Language::Python, &tree, src.len()),
            NodeList::unlisted(Language::Python, &tree),
        ] {
            // Skipping the inside of strings, in both forms.
            let mut walked = Vec::new();
            list.walk_all(|n, k, _| {
                walked.push((n, k));
                if k == n.kind_id() && n.kind() == "string" {
                    Visit::Skip
                } else {
                    Visit::Descend
                }
            });
            let mut scanned = Vec::new();
            list.scan(|n, k| {
                scanned.push((n, k));
                if set.contains(k) && n.kind() == "string" {
                    Visit::Skip
                } else {
                    Visit::Descend
                }
            });
            assert_eq!(scanned, walked);
            let named: Vec<_> = scanned
                .iter()
                .filter(|(_, k)| set.contains(*k))
                .map(|(n, _)| n.kind())
                .collect();
            let expected: Vec<_> = walked
                .iter()
                .map(|(n, _)| n.kind())
                .filter(|k| matches!(*k, "string" | "identifier"))
                .collect();
            assert_eq!(named, expected);
            assert!(named.contains(&"string") && named.contains(&"identifier"));
            // Stopping ends the scan.
            let mut seen = 0;
            list.scan(|_, _| {
                seen += 1;
                if seen == 3 {
                    Visit::Stop
                } else {
                    Visit::Descend
                }
            });
            assert_eq!(seen, 3);
        }
        // Every id the grammar names `identifier` or `string` is in the set, and no other.
        let ts = Language::Python.ts_language();
        for id in 0..=u16::try_from(ts.node_kind_count()).expect("fits") {
            let name = ts.node_kind_for_id(id).unwrap_or("");
            assert_eq!(set.contains(id), matches!(name, "string" | "identifier"));
        }
    }

    #[test]
    fn parents_from_the_list_are_the_tree_parents() {
        // A list long enough that some parents lie beyond the near search.
        let mut src = String::from("x = [\n");
        for i in 0..300 {
            src.push_str(&format!("    'item{i}', f(a, b={i}),\n"));
        }
        src.push_str("]\ndef g():\n    return {'k': [1, (2, 3)]}\n");
        let tree = crate::parse(Language::Python, src.as_bytes(), None).expect("parses");
        for list in [
            NodeList::new(Language::Python, &tree, src.len()),
            NodeList::unlisted(Language::Python, &tree),
        ] {
            let mut all = Vec::new();
            walk_cursor(tree.root_node(), |n, _| {
                all.push(n);
                Visit::Descend
            });
            assert!(all.len() > 2000);
            for n in all {
                assert_eq!(list.parent_of(n), n.parent(), "{n:?}");
            }
        }
    }

    #[test]
    fn listed_walks_equal_cursor_walks() {
        let src = b"import os\n# c\ndef f(a, b=1):\n    if a:\n        return os.path.join(a, 'x')\n    return [b, (a)]\n";
        let tree = crate::parse(Language::Python, src, None).expect("parses");
        let list = NodeList::new(Language::Python, &tree, src.len());
        assert!(!list.entries.is_empty());
        // The list is sized up front from the tree's own count of visible nodes.
        assert_eq!(list.entries.len(), tree.root_node().descendant_count());
        let mut tops = Vec::new();
        walk_cursor(tree.root_node(), |n, _| {
            tops.push(n);
            Visit::Descend
        });
        for top in tops {
            let mut got = Vec::new();
            list.walk(top, |n, k, d| {
                assert_eq!(k, n.kind_id());
                assert_eq!(list.kind_name(k), n.kind());
                got.push((n, d));
                Visit::Descend
            });
            assert_eq!(got, cursor_order(top));
        }
    }

    /// `check` with the listed and the unlisted (cursor) form of `src`'s Python tree.
    fn with_both_forms(src: &[u8], check: impl Fn(&NodeList<'_>, &Tree)) {
        let tree = crate::parse(Language::Python, src, None).expect("parses");
        check(&NodeList::new(Language::Python, &tree, src.len()), &tree);
        check(&NodeList::unlisted(Language::Python, &tree), &tree);
    }

    #[test]
    fn outermost_same_range_follows_parents() {
        with_both_forms(b"x = ((a))\nf(g(1))\n", |list, tree| {
            walk_cursor(tree.root_node(), |n, _| {
                let mut want = n;
                while let Some(p) = want.parent() {
                    if p.byte_range() != n.byte_range() {
                        break;
                    }
                    want = p;
                }
                assert_eq!(list.outermost_same_range(n), want);
                Visit::Descend
            });
        });
    }

    #[test]
    fn skip_and_stop() {
        with_both_forms(b"def f():\n    g(1)\nh(2)\n", |list, _| {
            let mut kinds = Vec::new();
            list.walk_all(|n, _, _| {
                kinds.push(n.kind());
                if n.kind() == "function_definition" {
                    Visit::Skip
                } else if n.kind() == "argument_list" {
                    Visit::Stop
                } else {
                    Visit::Descend
                }
            });
            assert_eq!(
                kinds,
                [
                    "module",
                    "function_definition",
                    "expression_statement",
                    "call",
                    "identifier",
                    "argument_list"
                ]
            );
        });
    }
}
