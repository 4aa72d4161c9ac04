//! Taint analysis: does data from a *source* reach a *sink* without passing a *sanitizer*?
//!
//! Sources, sinks, sanitizers and propagators are formulas like any rule's; their matches
//! come from the same single tree walk. The analysis then interprets each function body in
//! statement order over the tree-sitter tree (no separate IR), tracking which variables
//! hold tainted values:
//!
//! - assignments (incl. augmented, destructuring, tuple unpacking, `with ... as`, `for`
//!   targets, JS declarations, Rust `let`), attribute stores and container mutation
//!   (`append`, `push`, ...) taint the target; a clean reassignment clears it;
//! - expressions propagate the taint of their parts (f-strings, templates, `+`, `%`,
//!   `format`, calls of unknown functions); comparisons yield clean booleans;
//! - branches are analysed separately and joined, so a sanitizer on one branch does not
//!   clean the other; loops run twice; guards such as `if x not in ALLOWED: return` clean
//!   `x` after them;
//! - calls of functions defined in the same file (or given as external summaries) use
//!   summaries: which parameters reach the return value and which reach a sink inside;
//! - closures and lambdas see the enclosing variables.
//!
//! Every taint remembers where it came from and the assignments it went through, so a
//! finding carries the path source → steps → sink. Work is bounded by a step budget and a
//! nesting depth limit.

use std::collections::{HashMap, HashSet};

use mamori_lang::Language;
use mamori_text::Span;
use tree_sitter::Node;

use crate::formula::Formula;
use crate::matching::{Bindings, FlowKind, FlowPoint, Match};
use crate::spec::Spec;

/// The label of taint from sources that declare none.
pub const DEFAULT_LABEL: &str = "__default";
const PARAM_BASE: u16 = 1000;
const MAX_STEPS: usize = 12;
const MAX_DEPTH: usize = 200;
const DEFAULT_BUDGET: u64 = 3_000_000;
/// How often (in steps) the analysis looks at the clock.
const DEADLINE_CHECK_STEPS: u64 = 4096;
/// Longest `requires` expression accepted, in tokens.
const MAX_REQUIRES_TOKENS: usize = 256;
/// Deepest `requires` accepted: parentheses plus `not`s.
const MAX_REQUIRES_DEPTH: usize = 64;
/// Largest number of input matches (and of result matches and summaries) for which a taint
/// result is kept for reuse by the file's other rules.
const MAX_REUSED_INPUTS: usize = 512;

/// A taint rule's parts, compiled.
#[derive(Debug, Clone, Default)]
pub struct TaintSpec {
    pub sources: Vec<TaintSource>,
    pub sinks: Vec<TaintSink>,
    pub sanitizers: Vec<TaintSanitizer>,
    pub propagators: Vec<TaintPropagator>,
    /// Label names; index = label id. Index 0 is [`DEFAULT_LABEL`].
    pub labels: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct TaintSource {
    pub formula: Formula,
    pub label: u16,
    /// The matched variable becomes tainted after the statement (e.g. `read_into(buf)`).
    pub by_side_effect: bool,
}

#[derive(Debug, Clone)]
pub struct TaintSink {
    pub formula: Formula,
    pub requires: Option<LabelExpr>,
}

#[derive(Debug, Clone)]
pub struct TaintSanitizer {
    pub formula: Formula,
    /// The matched call cleans its argument variables for the statements after it.
    pub by_side_effect: bool,
}

#[derive(Debug, Clone)]
pub struct TaintPropagator {
    pub formula: Formula,
    /// Metavariable names (without `$`).
    pub from: String,
    pub to: String,
}

/// A boolean condition over labels (`requires:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelExpr {
    Label(u16),
    Not(Box<LabelExpr>),
    And(Box<LabelExpr>, Box<LabelExpr>),
    Or(Box<LabelExpr>, Box<LabelExpr>),
}

impl LabelExpr {
    /// Parse `A`, `not A`, `A and B`, `A or (B and not C)`; `label` maps names to ids.
    ///
    /// # Errors
    /// Unknown syntax.
    pub fn parse(text: &str, label: &mut dyn FnMut(&str) -> u16) -> Result<LabelExpr, String> {
        let toks: Vec<String> = text
            .replace('(', " ( ")
            .replace(')', " ) ")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        // The parser recurses on `not` and `(`, and evaluation and drop recurse over the
        // result: bound both so a hostile rule cannot overflow the stack.
        if toks.len() > MAX_REQUIRES_TOKENS {
            return Err(format!(
                "`requires` is too long ({} tokens; the limit is {MAX_REQUIRES_TOKENS})",
                toks.len()
            ));
        }
        let (mut open, mut deepest) = (0usize, 0usize);
        for t in &toks {
            match t.as_str() {
                "(" => open += 1,
                ")" => open = open.saturating_sub(1),
                _ => {}
            }
            deepest = deepest.max(open);
        }
        let nots = toks.iter().filter(|t| *t == "not").count();
        if deepest + nots > MAX_REQUIRES_DEPTH {
            return Err(format!(
                "`requires` is nested more than {MAX_REQUIRES_DEPTH} levels deep"
            ));
        }
        let mut pos = 0;
        let e = parse_or(&toks, &mut pos, label)?;
        if pos != toks.len() {
            return Err(format!("unexpected `{}` in `requires`", toks[pos]));
        }
        Ok(e)
    }

    fn holds(&self, labels: &[u16]) -> bool {
        match self {
            LabelExpr::Label(l) => labels.contains(l),
            LabelExpr::Not(e) => !e.holds(labels),
            LabelExpr::And(a, b) => a.holds(labels) && b.holds(labels),
            LabelExpr::Or(a, b) => a.holds(labels) || b.holds(labels),
        }
    }
}

fn parse_or(
    t: &[String],
    pos: &mut usize,
    l: &mut dyn FnMut(&str) -> u16,
) -> Result<LabelExpr, String> {
    let mut left = parse_and(t, pos, l)?;
    while t.get(*pos).is_some_and(|s| s == "or") {
        *pos += 1;
        let right = parse_and(t, pos, l)?;
        left = LabelExpr::Or(Box::new(left), Box::new(right));
    }
    Ok(left)
}

fn parse_and(
    t: &[String],
    pos: &mut usize,
    l: &mut dyn FnMut(&str) -> u16,
) -> Result<LabelExpr, String> {
    let mut left = parse_not(t, pos, l)?;
    while t.get(*pos).is_some_and(|s| s == "and") {
        *pos += 1;
        let right = parse_not(t, pos, l)?;
        left = LabelExpr::And(Box::new(left), Box::new(right));
    }
    Ok(left)
}

fn parse_not(
    t: &[String],
    pos: &mut usize,
    l: &mut dyn FnMut(&str) -> u16,
) -> Result<LabelExpr, String> {
    match t.get(*pos).map(String::as_str) {
        Some("not") => {
            *pos += 1;
            Ok(LabelExpr::Not(Box::new(parse_not(t, pos, l)?)))
        }
        Some("(") => {
            *pos += 1;
            let e = parse_or(t, pos, l)?;
            if t.get(*pos).map(String::as_str) != Some(")") {
                return Err("missing `)` in `requires`".into());
            }
            *pos += 1;
            Ok(e)
        }
        Some(name)
            if name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
        {
            *pos += 1;
            Ok(LabelExpr::Label(l(name)))
        }
        Some(other) => Err(format!("unexpected `{other}` in `requires`")),
        None => Err("`requires` ends too early".into()),
    }
}

/// The resolved matches of a taint rule's parts in one file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TaintInputs {
    pub sources: Vec<(Span, u16, bool)>,
    /// (span, requires, bindings of the sink match)
    pub sinks: Vec<(Span, Option<LabelExpr>, Bindings)>,
    pub sanitizers: Vec<(Span, bool)>,
    /// (span of the propagator match, from span, to span)
    pub propagators: Vec<(Span, Span, Span)>,
}

/// A parameter reaching a sink inside a function: (parameter index, sink span,
/// `requires`, path inside the function, bindings of the sink match).
pub type ParamSink = (usize, Span, Option<LabelExpr>, Vec<FlowPoint>, Bindings);

/// Sinks at one span: their `requires` and match bindings.
type SinksAt = Vec<(Option<LabelExpr>, Bindings)>;

/// What calling a function does with taint.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub params: Vec<String>,
    /// Parameter i reaches the return value.
    pub param_to_ret: Vec<bool>,
    /// Taint from sources reaching the function's return value: label, source span, the
    /// source's file when it is not the function's own (a source behind another file's
    /// summary), path.
    pub ret_sources: Vec<RetSource>,
    /// Parameter i reaches a sink inside: (param, sink span, requires, path inside).
    pub param_sinks: Vec<ParamSink>,
    /// Set for summaries of functions in another file: findings through them are placed
    /// on the call, and their inner path points carry this file.
    pub origin_file: Option<std::sync::Arc<str>>,
}

impl Summary {
    /// Mark this summary as coming from `file` (for use by other files).
    pub fn stamp(&mut self, file: &std::sync::Arc<str>) {
        self.origin_file = Some(file.clone());
        for (_, _, origin_file, steps) in &mut self.ret_sources {
            origin_file.get_or_insert_with(|| file.clone());
            for p in steps.iter_mut() {
                p.file.get_or_insert_with(|| file.clone());
            }
        }
        for (_, _, _, inner, _) in &mut self.param_sinks {
            for p in inner.iter_mut() {
                p.file.get_or_insert_with(|| file.clone());
            }
        }
    }
}

impl Summary {
    fn is_interesting(&self) -> bool {
        self.param_to_ret.iter().any(|b| *b)
            || !self.ret_sources.is_empty()
            || !self.param_sinks.is_empty()
    }
}

/// Whether a file has a rule's sources and its sinks, given its own (`sources`,
/// `sinks`) and the summaries of other files' functions it calls: a function returning
/// a source is one, a parameter reaching a sink inside is the other. Without both, the
/// analysis of the file reports nothing ([`analyze_file`]).
#[must_use]
pub fn halves_with(
    sources: bool,
    sinks: bool,
    external: &HashMap<String, Summary>,
) -> (bool, bool) {
    (
        sources || external.values().any(|s| !s.ret_sources.is_empty()),
        sinks || external.values().any(|s| !s.param_sinks.is_empty()),
    )
}

/// One entry of [`Summary::ret_sources`].
pub type RetSource = (u16, Span, Option<std::sync::Arc<str>>, Vec<FlowPoint>);

#[derive(Debug, Clone)]
struct Taint {
    label: u16,
    origin: Span,
    /// The file of `origin` when the source is in another file (reached through a
    /// cross-file summary); `None` for this file.
    origin_file: Option<std::sync::Arc<str>>,
    steps: Vec<FlowPoint>,
}

type TSet = Vec<Taint>;

fn union_into(a: &mut TSet, b: &[Taint]) {
    for t in b {
        if !a.iter().any(|x| x.label == t.label && x.origin == t.origin) {
            a.push(t.clone());
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Env {
    vars: crate::hash::FastMap<String, TSet>,
}

impl Env {
    fn join(&mut self, other: &Env) {
        for (k, v) in &other.vars {
            union_into(self.vars.entry(k.clone()).or_default(), v);
        }
    }
}

/// Result of analysing one file.
#[derive(Debug, Default, Clone)]
pub struct TaintResult {
    pub matches: Vec<Match>,
    /// Summaries of the file's named functions (for cross-file use).
    pub summaries: HashMap<String, Summary>,
    /// True when the step budget ran out (results partial).
    pub exhausted: bool,
    /// True when the deadline passed during the analysis (results partial).
    pub timed_out: bool,
}

/// Facts about one file that do not depend on the taint rule, computed on first use and
/// shared by every taint rule analysed on the file: its named functions, classes and
/// scopes ([`Definitions`]), the Python names bound to modules, and which class a variable
/// is clearly an instance of in a scope.
pub struct TaintFile<'t> {
    root: Node<'t>,
    src: &'t [u8],
    /// The tree's nodes listed in document order, when the caller has them: whole-file
    /// walks then read the list instead of moving a tree cursor.
    nodes: Option<&'t mamori_lang::NodeList<'t>>,
    defs: std::cell::OnceCell<Definitions<'t>>,
    /// Short names of the methods of this file's classes (functions keyed `Class.m`).
    local_methods: std::cell::OnceCell<HashSet<String>>,
    /// Python: local names bound to modules (`import os`, `import xml.etree.X as ET`,
    /// `from os import path`).
    modules: std::cell::OnceCell<HashSet<String>>,
    /// (scope node id, variable) → the class of the file the variable is clearly an
    /// instance of (`svc = Service()`), cached per scope.
    instances: std::cell::RefCell<HashMap<(usize, String), Option<String>>>,
    /// Results of the rules analysed so far without external summaries, by grammar spec,
    /// whether summaries were wanted, and inputs (see [`analyze_file`]).
    results: std::cell::RefCell<Vec<ReusedResult>>,
}

/// See [`TaintFile::results`].
type ReusedResult = (&'static Spec, WantSummaries, TaintInputs, TaintResult);

/// Which summaries of a file's functions the caller of [`analyze_file`] wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WantSummaries {
    /// None: only the findings.
    No,
    /// Those that can carry a flow into another file: a source returned, a parameter
    /// reaching a sink or the return value.
    Useful,
    /// Every function's, also those through which nothing flows (a helper returning
    /// `shlex.quote(s)`): for another file whose findings may pass through calls to
    /// them, where a function without a summary is assumed to pass its arguments on.
    All,
}

impl<'t> TaintFile<'t> {
    /// The facts of the file whose tree is `root` and whose text is `src`; nothing is
    /// computed until a taint rule needs it.
    #[must_use]
    pub fn new(root: Node<'t>, src: &'t [u8]) -> Self {
        Self {
            root,
            src,
            nodes: None,
            defs: std::cell::OnceCell::new(),
            local_methods: std::cell::OnceCell::new(),
            modules: std::cell::OnceCell::new(),
            instances: std::cell::RefCell::default(),
            results: std::cell::RefCell::default(),
        }
    }

    /// [`Self::new`] for a tree whose nodes the caller has listed.
    #[must_use]
    pub fn with_nodes(mut self, nodes: &'t mamori_lang::NodeList<'t>) -> Self {
        self.nodes = Some(nodes);
        self
    }

    fn defs(&self) -> &Definitions<'t> {
        self.defs
            .get_or_init(|| definitions(self.root, self.nodes, self.src))
    }

    fn local_methods(&self) -> &HashSet<String> {
        self.local_methods.get_or_init(|| {
            self.defs()
                .funcs
                .iter()
                .filter(|f| f.key.contains('.'))
                .map(|f| f.name.clone())
                .collect()
        })
    }

    fn modules(&self) -> &HashSet<String> {
        self.modules
            .get_or_init(|| crate::imports::python_module_names(self.root, self.src))
    }
}

/// Analyse a file's tree for one taint rule.
#[must_use]
pub fn analyze(
    root: Node<'_>,
    src: &[u8],
    spec: &'static Spec,
    inputs: &TaintInputs,
    external: &HashMap<String, Summary>,
) -> TaintResult {
    analyze_until(root, src, spec, inputs, external, None)
}

/// [`analyze`], stopping (with partial results and `timed_out` set) once `deadline` has
/// passed; the clock is read every [`DEADLINE_CHECK_STEPS`] steps.
#[must_use]
pub fn analyze_until(
    root: Node<'_>,
    src: &[u8],
    spec: &'static Spec,
    inputs: &TaintInputs,
    external: &HashMap<String, Summary>,
    deadline: Option<std::time::Instant>,
) -> TaintResult {
    analyze_file(
        &TaintFile::new(root, src),
        spec,
        inputs,
        external,
        deadline,
        WantSummaries::Useful,
    )
}

/// [`analyze_until`] on a file whose rule-independent facts ([`TaintFile`]) are shared
/// with the file's other taint rules. Without summaries wanted (nobody reads the file's
/// summaries), a rule that cannot report here (no source or no sink, here or behind an
/// external summary) is not analysed at all, and `summaries` may be left empty; with
/// [`WantSummaries::Useful`], only where the file has a source or a sink.
#[must_use]
pub fn analyze_file(
    file: &TaintFile<'_>,
    spec: &'static Spec,
    inputs: &TaintInputs,
    external: &HashMap<String, Summary>,
    deadline: Option<std::time::Instant>,
    want_summaries: WantSummaries,
) -> TaintResult {
    let (has_sources, has_sinks) = halves_with(
        !inputs.sources.is_empty(),
        !inputs.sinks.is_empty(),
        external,
    );
    let can_report = has_sources && has_sinks;
    let summaries_matter = match want_summaries {
        WantSummaries::No => false,
        WantSummaries::Useful => has_sources || has_sinks,
        WantSummaries::All => true,
    };
    if !can_report && !summaries_matter {
        return TaintResult::default();
    }
    // Rules whose parts match exactly the same in the file (several rules share catalogue
    // entries) and that use no other file's summaries get the same result: the analysis
    // depends on nothing else. Kept for small inputs only, to bound the memory.
    let reusable = external.is_empty()
        && inputs.sources.len()
            + inputs.sinks.len()
            + inputs.sanitizers.len()
            + inputs.propagators.len()
            <= MAX_REUSED_INPUTS;
    if reusable
        && let Some((.., r)) = file
            .results
            .borrow()
            .iter()
            .find(|(s, w, i, _)| std::ptr::eq(*s, spec) && *w == want_summaries && i == inputs)
    {
        return r.clone();
    }
    let all = want_summaries == WantSummaries::All;
    let r = analyze_rule(file, spec, inputs, external, deadline, can_report, all);
    if reusable && !r.timed_out && r.matches.len() + r.summaries.len() <= MAX_REUSED_INPUTS {
        file.results
            .borrow_mut()
            .push((spec, want_summaries, inputs.clone(), r.clone()));
    }
    r
}

/// [`analyze_file`] past its checks: the analysis itself.
fn analyze_rule(
    file: &TaintFile<'_>,
    spec: &'static Spec,
    inputs: &TaintInputs,
    external: &HashMap<String, Summary>,
    deadline: Option<std::time::Instant>,
    can_report: bool,
    all_summaries: bool,
) -> TaintResult {
    let (root, src) = (file.root, file.src);
    let mut a = Analyzer::new(file, spec, inputs);
    a.deadline = deadline;
    a.summaries.clone_from(external);
    // Summaries are keyed by where the function is defined (see `definitions`): `f` for a
    // module-level or nested function, `Class.m` for a method. Relevance is decided on the
    // text, by the short name (`m`), since that is what a call site spells.
    let defs = a.defs;
    let funcs = &defs.funcs;
    a.external_methods = external
        .keys()
        .filter_map(|k| k.rsplit_once('.').map(|(_, m)| m.to_string()))
        .collect();
    // Only functions that contain a source or sink, or call (by name) one that does, can
    // have a summary that matters; only they are summarised (bottom-up, two rounds for
    // calls between functions of the file) and walked in the report pass.
    let mut relevant: HashSet<String> = external.keys().cloned().collect();
    let mut names = Names::default();
    for k in external.keys() {
        names.insert(short_name(k));
    }
    for f in funcs {
        if all_summaries || a.contains_interesting(span_of(f.node)) {
            relevant.insert(f.key.clone());
            names.insert(&f.name);
        }
    }
    for _ in 0..3 {
        let mut grew = false;
        for f in funcs {
            if !relevant.contains(&f.key) && a.mentions_any(f.node, &names) {
                relevant.insert(f.key.clone());
                names.insert(&f.name);
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    // Callees of relevant code too: a helper that returns a constant or a sanitized value
    // must be summarised to stop taint, not treated as an unknown function.
    let top_level_interesting = a.interesting.iter().any(|sp| {
        !funcs
            .iter()
            .any(|f| f.node.start_byte() <= sp.start && sp.end <= f.node.end_byte())
    });
    let callers: Vec<Node<'_>> = funcs
        .iter()
        .filter(|f| relevant.contains(&f.key))
        .map(|f| f.node)
        .collect();
    for f in funcs {
        if relevant.contains(&f.key) || f.name.is_empty() {
            continue;
        }
        let finder = memchr::memmem::Finder::new(f.name.as_bytes());
        let called = if top_level_interesting {
            finder.find(src).is_some()
        } else {
            callers.iter().any(|c| {
                c.id() != f.node.id()
                    && finder
                        .find(src.get(c.byte_range()).unwrap_or_default())
                        .is_some()
            })
        };
        if called {
            relevant.insert(f.key.clone());
            names.insert(&f.name);
        }
    }
    a.relevant = names;
    summarize_relevant(&mut a, funcs, &relevant);
    // A finding needs both a source and a sink (here or behind a summary).
    if can_report {
        a.helpers = a.called_only_helpers(root, funcs);
        a.mode = Mode::Report;
        let mut env = Env::default();
        a.exec(root, &mut env, 0);
    }
    let mut matches: Vec<Match> = Vec::new();
    let mut seen = HashSet::new();
    for (span, flow, bindings) in a.findings {
        if seen.insert((span.start, span.end)) {
            matches.push(Match {
                span,
                bindings,
                flow,
            });
        }
    }
    matches.sort_by_key(|m| (m.span.start, m.span.end));
    let own: HashMap<String, Summary> = funcs
        .iter()
        .filter_map(|f| a.summaries.get(&f.key).map(|s| (f.key.clone(), s.clone())))
        .filter(|(_, s)| all_summaries || s.is_interesting())
        .collect();
    TaintResult {
        matches,
        summaries: own,
        exhausted: a.budget == 0,
        timed_out: a.timed_out,
    }
}

/// A set of function names with a substring searcher for each non-empty one, built once.
#[derive(Default)]
struct Names {
    set: HashSet<String>,
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Names {
    fn insert(&mut self, name: &str) {
        if !self.set.contains(name) {
            self.set.insert(name.to_string());
            if !name.is_empty() {
                self.finders
                    .push(memchr::memmem::Finder::new(name.as_bytes()).into_owned());
            }
        }
    }
}

/// Summarise the `relevant` functions of the file in two rounds (the second sees the
/// summaries of functions defined later, for calls between functions of the file).
///
/// The second round redoes only what can change: a summary is a deterministic function of
/// the tree, the rule's inputs and the summaries it reads, so a function none of whose
/// reads was written after its first-round summary began gets the same summary again. It
/// is reused, and the step budget is charged the steps the first round took (the same
/// path costs the same steps), so what the budget cuts short is unchanged too.
fn summarize_relevant(a: &mut Analyzer<'_, '_>, funcs: &[FnDef<'_>], relevant: &HashSet<String>) {
    /// A function's first-round summary: when it began (see `clock`), the keys it read,
    /// the steps it took.
    struct First {
        began: u64,
        reads: Vec<String>,
        steps: u64,
        summary: Summary,
    }
    // Writes to summary keys, numbered in order; the last write of each key.
    let mut clock: u64 = 0;
    let mut written: HashMap<String, u64> = HashMap::new();
    a.written_keys = funcs
        .iter()
        .filter(|f| relevant.contains(&f.key))
        .map(|f| f.key.clone())
        .collect();
    let mut first: Vec<Option<First>> = Vec::new();
    for f in funcs {
        if !relevant.contains(&f.key) {
            first.push(None);
            continue;
        }
        clock += 1;
        let began = clock;
        let budget = a.budget;
        a.reads = Some(std::cell::RefCell::default());
        let s = a.summarize(f.node);
        let reads = a
            .reads
            .take()
            .map(std::cell::RefCell::into_inner)
            .unwrap_or_default();
        first.push(Some(First {
            began,
            reads,
            steps: budget - a.budget,
            summary: s.clone(),
        }));
        if s.is_interesting() || !a.summaries.contains_key(&f.key) {
            a.summaries.insert(f.key.clone(), s);
            clock += 1;
            written.insert(f.key.clone(), clock);
        }
    }
    for (f, first) in funcs.iter().zip(first) {
        let Some(first) = first else { continue };
        let unchanged = first
            .reads
            .iter()
            .all(|k| written.get(k).is_none_or(|&t| t < first.began));
        let s = if unchanged && a.budget >= first.steps {
            a.budget -= first.steps;
            first.summary
        } else {
            a.summarize(f.node)
        };
        if s.is_interesting() || !a.summaries.contains_key(&f.key) {
            a.summaries.insert(f.key.clone(), s);
            clock += 1;
            written.insert(f.key.clone(), clock);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Summary,
    Report,
}

/// A call with its receiver and arguments evaluated, for [`Analyzer::apply_call`].
struct CallParts<'n, 'f> {
    callee: Option<Node<'n>>,
    /// Taint of the receiver of a method call.
    recv: TSet,
    method: Option<&'f str>,
    receiver_node: Option<Node<'n>>,
    positional: Vec<TSet>,
    keyword: Vec<(String, TSet)>,
    arg_spans: Vec<Span>,
    kw_spans: Vec<(String, Span)>,
}

struct Analyzer<'a, 'f> {
    src: &'f [u8],
    spec: &'static Spec,
    lang: Language,
    sources: HashMap<(usize, usize), Vec<u16>>,
    side_sources: HashMap<(usize, usize), Vec<u16>>,
    sinks: HashMap<(usize, usize), SinksAt>,
    sanitizers: HashSet<(usize, usize)>,
    side_sanitizers: HashSet<(usize, usize)>,
    propagators: HashMap<(usize, usize), Vec<(Span, Span)>>,
    summaries: HashMap<String, Summary>,
    /// Nesting of closures inside the function being analysed.
    closure_depth: usize,
    /// Short names of functions whose summaries can matter (see `analyze_file`).
    relevant: Names,
    /// Summary keys of the functions summarised in this file.
    written_keys: HashSet<String>,
    /// While recording the first round of summaries: the keys of `written_keys` read.
    reads: Option<std::cell::RefCell<Vec<String>>>,
    /// Functions whose parameters are not sources in the report pass (see
    /// [`Self::called_only_helpers`]), by span.
    helpers: HashSet<(usize, usize)>,
    /// The file's rule-independent facts.
    file: &'a TaintFile<'f>,
    /// The file's functions, classes (and Rust `impl` types and traits, JS named object
    /// literals, with their bases) and scopes.
    defs: &'a Definitions<'f>,
    /// Short names of methods of other files summarised under a `Class.m` key (those of
    /// this file are [`TaintFile::local_methods`]).
    external_methods: HashSet<String>,
    /// Spans of sources and sinks, sorted by start, for containment queries.
    interesting: Vec<Span>,
    findings: Vec<(Span, Vec<FlowPoint>, Bindings)>,
    mode: Mode,
    /// While summarising: what reaches the return value and sinks.
    cur: Option<Summary>,
    budget: u64,
    deadline: Option<std::time::Instant>,
    timed_out: bool,
}

fn key(n: Node<'_>) -> (usize, usize) {
    (n.start_byte(), n.end_byte())
}

fn span_of(n: Node<'_>) -> Span {
    Span::new(n.start_byte(), n.end_byte())
}

impl<'a, 'f> Analyzer<'a, 'f> {
    fn new(file: &'a TaintFile<'f>, spec: &'static Spec, inputs: &TaintInputs) -> Self {
        let mut sources: HashMap<(usize, usize), Vec<u16>> = HashMap::new();
        let mut side_sources: HashMap<(usize, usize), Vec<u16>> = HashMap::new();
        for (s, l, side) in &inputs.sources {
            let m = if *side {
                &mut side_sources
            } else {
                &mut sources
            };
            m.entry((s.start, s.end)).or_default().push(*l);
        }
        let mut sinks: HashMap<(usize, usize), SinksAt> = HashMap::new();
        for (s, r, b) in &inputs.sinks {
            sinks
                .entry((s.start, s.end))
                .or_default()
                .push((r.clone(), b.clone()));
        }
        let mut sanitizers = HashSet::new();
        let mut side_sanitizers = HashSet::new();
        for (s, side) in &inputs.sanitizers {
            if *side {
                side_sanitizers.insert((s.start, s.end));
            } else {
                sanitizers.insert((s.start, s.end));
            }
        }
        let mut propagators: HashMap<(usize, usize), Vec<(Span, Span)>> = HashMap::new();
        for (m, from, to) in &inputs.propagators {
            propagators
                .entry((m.start, m.end))
                .or_default()
                .push((*from, *to));
        }
        Self {
            src: file.src,
            file,
            defs: file.defs(),
            external_methods: HashSet::new(),
            spec,
            lang: spec.lang,
            sources,
            side_sources,
            sinks,
            sanitizers,
            side_sanitizers,
            propagators,
            summaries: HashMap::new(),
            relevant: Names::default(),
            written_keys: HashSet::new(),
            reads: None,
            helpers: HashSet::new(),
            closure_depth: 0,
            interesting: {
                let mut v: Vec<Span> = inputs
                    .sources
                    .iter()
                    .map(|(s, _, _)| *s)
                    .chain(inputs.sinks.iter().map(|(s, _, _)| *s))
                    .collect();
                v.sort_by_key(|s| (s.start, s.end));
                v
            },
            findings: Vec::new(),
            mode: Mode::Summary,
            cur: None,
            budget: DEFAULT_BUDGET,
            deadline: None,
            timed_out: false,
        }
    }

    fn text(&self, n: Node<'_>) -> &'f str {
        std::str::from_utf8(self.src.get(n.byte_range()).unwrap_or_default()).unwrap_or_default()
    }

    fn named_kids<'t>(&self, n: Node<'t>) -> Vec<Node<'t>> {
        let mut c = n.walk();
        n.named_children(&mut c)
            .filter(|k| !self.spec.is_comment(k.kind_id()))
            .collect()
    }

    fn tick(&mut self) -> bool {
        if self.budget == 0 {
            return false;
        }
        self.budget -= 1;
        if self.budget.is_multiple_of(DEADLINE_CHECK_STEPS)
            && self
                .deadline
                .is_some_and(|d| std::time::Instant::now() >= d)
        {
            self.timed_out = true;
            self.budget = 0;
            return false;
        }
        true
    }

    /// Summarise a function: parameters marked with their own labels.
    fn summarize(&mut self, f: Node<'_>) -> Summary {
        let params = param_nodes(f, self.spec);
        let mut env = Env::default();
        let mut names = Vec::new();
        for (i, p) in params.iter().enumerate() {
            let name = self.param_name(*p);
            let label = PARAM_BASE + u16::try_from(i).unwrap_or(0);
            env.vars.insert(
                name.clone(),
                vec![Taint {
                    label,
                    origin: span_of(*p),
                    origin_file: None,
                    steps: Vec::new(),
                }],
            );
            names.push(name);
        }
        let prev_mode = self.mode;
        self.mode = Mode::Summary;
        self.cur = Some(Summary {
            params: names.clone(),
            param_to_ret: vec![false; names.len()],
            ..Summary::default()
        });
        if let Some(body) = f.field("body") {
            if is_expression_body(body, self.spec) {
                let t = self.eval(body, &mut env, 0);
                self.record_return(&t);
            } else {
                self.exec(body, &mut env, 0);
            }
        }
        self.mode = prev_mode;
        self.cur.take().unwrap_or_default()
    }

    fn param_name(&self, p: Node<'_>) -> String {
        self.param_names(p).into_iter().next().unwrap_or_default()
    }

    /// Every name a parameter binds: `x`, `x: T`, `{a, b}`, `[a, b]`, `Query(q): Query<T>`,
    /// `Path((a, b))`, `mut x`, `self`.
    fn param_names(&self, p: Node<'_>) -> Vec<String> {
        let pattern = p.field("pattern").or_else(|| p.field("name")).unwrap_or(p);
        let mut out = Vec::new();
        let mut stack = vec![pattern];
        while let Some(x) = stack.pop() {
            let kind = x.kind();
            if matches!(
                kind,
                "type_annotation"
                    | "type"
                    | "type_identifier"
                    | "generic_type"
                    | "scoped_type_identifier"
                    | "default_value"
            ) {
                continue;
            }
            if self.spec.is_identifier(x.kind_id()) || kind == "self" {
                if kind != "property_identifier" {
                    out.push(self.text(x).to_string());
                }
                continue;
            }
            let mut c = x.walk();
            let mut kids: Vec<Node<'_>> = Vec::new();
            for (i, ch) in x.children(&mut c).enumerate() {
                // `Query(q)`: the struct path is not a binding; `x = 1`: the default is not.
                let field = x.field_name_for_child(u32::try_from(i).unwrap_or(u32::MAX));
                if matches!(field, Some("type" | "value" | "return_type")) || !ch.is_named() {
                    continue;
                }
                if kind == "tuple_struct_pattern" && i == 0 {
                    continue;
                }
                kids.push(ch);
            }
            stack.extend(kids.into_iter().rev());
        }
        out
    }

    fn record_return(&mut self, t: &TSet) {
        if self.closure_depth > 0 {
            return;
        }
        let Some(cur) = self.cur.as_mut() else { return };
        for taint in t {
            if taint.label >= PARAM_BASE {
                let i = usize::from(taint.label - PARAM_BASE);
                if let Some(slot) = cur.param_to_ret.get_mut(i) {
                    *slot = true;
                }
            } else if !cur
                .ret_sources
                .iter()
                .any(|(l, o, ..)| *l == taint.label && *o == taint.origin)
            {
                cur.ret_sources.push((
                    taint.label,
                    taint.origin,
                    taint.origin_file.clone(),
                    taint.steps.clone(),
                ));
            }
        }
    }

    /// Check `t` against the sinks at `n`.
    fn check_sink(&mut self, n: Node<'_>, t: &TSet) {
        if t.is_empty() {
            return;
        }
        let Some(sinks) = self.sinks.get(&key(n)).cloned() else {
            return;
        };
        for (requires, bindings) in sinks {
            // Real labels: report (in report mode); parameter labels: record in summary.
            let real: Vec<u16> = t
                .iter()
                .filter(|x| x.label < PARAM_BASE)
                .map(|x| x.label)
                .collect();
            let ok = |labels: &[u16]| requires.as_ref().is_none_or(|r| r.holds(labels));
            if self.mode == Mode::Report && !real.is_empty() && ok(&real) {
                let taint = t
                    .iter()
                    .find(|x| x.label < PARAM_BASE && ok(&[x.label]))
                    .or_else(|| t.iter().find(|x| x.label < PARAM_BASE));
                if let Some(taint) = taint {
                    let mut flow = vec![FlowPoint {
                        span: taint.origin,
                        what: FlowKind::Source,
                        file: taint.origin_file.clone(),
                    }];
                    flow.extend(taint.steps.iter().cloned());
                    flow.push(FlowPoint {
                        span: span_of(n),
                        what: FlowKind::Sink,
                        file: None,
                    });
                    self.findings.push((span_of(n), flow, bindings.clone()));
                }
            }
            if let Some(cur) = self.cur.as_mut() {
                for taint in t.iter().filter(|x| x.label >= PARAM_BASE) {
                    let i = usize::from(taint.label - PARAM_BASE);
                    let s = span_of(n);
                    if !cur
                        .param_sinks
                        .iter()
                        .any(|(pi, ss, ..)| *pi == i && *ss == s)
                    {
                        let mut inner = taint.steps.clone();
                        inner.push(FlowPoint {
                            span: s,
                            what: FlowKind::Sink,
                            file: None,
                        });
                        cur.param_sinks
                            .push((i, s, requires.clone(), inner, bindings.clone()));
                    }
                }
            }
        }
    }

    /// Execute a statement (or any node in statement position).
    fn exec(&mut self, n: Node<'_>, env: &mut Env, depth: usize) {
        if depth > MAX_DEPTH || !self.tick() {
            return;
        }
        let kind = n.kind();
        match kind {
            "module"
            | "program"
            | "source_file"
            | "block"
            | "statement_block"
            | "class_body"
            | "declaration_list"
            | "decorated_definition"
            | "class_definition"
            | "class_declaration"
            | "class"
            | "impl_item"
            | "mod_item"
            | "export_statement"
            | "else_clause"
            | "finally_clause"
            | "switch_body"
            | "switch_case"
            | "switch_default"
            | "expression_statement"
            | "lexical_declaration"
            | "variable_declaration"
            | "labeled_statement" => {
                for c in self.named_kids(n) {
                    self.exec(c, env, depth + 1);
                }
                if kind == "expression_statement" {
                    self.after_statement(n, env);
                }
            }
            "if_statement" | "if_expression" => self.exec_if(n, env, depth),
            "for_statement" | "for_in_statement" | "for_expression" | "while_statement"
            | "while_expression" | "do_statement" | "loop_expression" | "for_of_statement" => {
                self.exec_loop(n, env, depth);
            }
            "with_statement" => {
                for c in self.named_kids(n) {
                    if c.kind() == "with_clause" {
                        for item in self.named_kids(c) {
                            self.exec_with_item(item, env, depth);
                        }
                    } else {
                        self.exec(c, env, depth + 1);
                    }
                }
            }
            "try_statement" | "match_expression" | "switch_statement" | "match_block" => {
                // Each handler/arm may run after any part of the body: join all.
                let base = env.clone();
                let mut joined = env.clone();
                for c in self.named_kids(n) {
                    let mut e = base.clone();
                    e.join(env);
                    self.exec(c, &mut e, depth + 1);
                    joined.join(&e);
                    *env = e;
                }
                *env = joined;
            }
            "return_statement" | "return_expression" | "yield" | "yield_expression" => {
                let mut t = TSet::new();
                for c in self.named_kids(n) {
                    union_into(&mut t, &self.eval(c, env, depth + 1));
                }
                self.record_return(&t);
            }
            "function_definition"
            | "function_declaration"
            | "generator_function_declaration"
            | "method_definition"
            | "function_item" => {
                self.exec_function(n, env, depth);
            }
            "assignment"
            | "augmented_assignment"
            | "assignment_expression"
            | "augmented_assignment_expression"
            | "compound_assignment_expr"
            | "variable_declarator"
            | "let_declaration"
            | "named_expression" => {
                self.eval_assignment(n, env, depth);
            }
            _ => {
                let t = self.eval(n, env, depth + 1);
                // Rust: the tail expression of a function body is its return value.
                if self.lang == Language::Rust && is_tail_of_function(n) {
                    self.record_return(&t);
                }
            }
        }
    }

    /// By-side-effect sources and sanitizers apply to the variables passed to them.
    fn after_statement(&mut self, n: Node<'_>, env: &mut Env) {
        if self.side_sanitizers.is_empty() && self.side_sources.is_empty() {
            return;
        }
        let mut stack = vec![n];
        while let Some(x) = stack.pop() {
            let k = key(x);
            let san = self.side_sanitizers.contains(&k);
            let src = self.side_sources.get(&k).cloned();
            if san || src.is_some() {
                for id in identifiers_in_args(x, self.spec) {
                    let name = self.text(id).to_string();
                    if san {
                        env.vars.insert(name, TSet::new());
                    } else if let Some(labels) = &src {
                        let t: TSet = labels
                            .iter()
                            .map(|l| Taint {
                                label: *l,
                                origin: span_of(x),
                                origin_file: None,
                                steps: Vec::new(),
                            })
                            .collect();
                        env.vars.insert(name, t);
                    }
                }
            }
            let mut c = x.walk();
            stack.extend(x.named_children(&mut c));
        }
    }

    /// True when `span` contains a source, sink or sanitizer-by-side-effect match.
    fn contains_interesting(&self, span: Span) -> bool {
        let i = self.interesting.partition_point(|s| s.start < span.start);
        self.interesting[i..]
            .iter()
            .take_while(|s| s.start <= span.end)
            .any(|s| s.end <= span.end)
    }

    /// True when the text of `f` mentions one of `names` (a call to a relevant function).
    fn mentions_any(&self, f: Node<'_>, names: &Names) -> bool {
        let body = self.src.get(f.byte_range()).unwrap_or_default();
        names.finders.iter().any(|n| n.find(body).is_some())
    }

    fn exec_function(&mut self, f: Node<'_>, env: &mut Env, depth: usize) {
        // In the report pass, a function with no source or sink inside and no call to a
        // relevant function cannot produce a finding: skip its body.
        if self.mode == Mode::Report
            && !self.contains_interesting(span_of(f))
            && !self.mentions_any(f, &self.relevant)
        {
            return;
        }
        // Closures see the enclosing variables; parameters are clean unless a source
        // pattern matches them (framework handlers: route parameters, request objects).
        let mut inner = env.clone();
        let helper = self.helpers.contains(&key(f));
        for p in param_nodes(f, self.spec) {
            let names = self.param_names(p);
            if names.is_empty() {
                continue;
            }
            let t = if helper {
                TSet::new()
            } else {
                self.param_source(p)
            };
            for name in names {
                inner.vars.insert(name, t.clone());
            }
        }
        // While summarising, a nested function still reports sinks its captured
        // parameters reach (`new Promise(() => exec(cmd))`), but its `return` is its own.
        self.closure_depth += 1;
        let saved_mode = self.mode;
        if let Some(body) = f.field("body") {
            if is_expression_body(body, self.spec) {
                let _ = self.eval(body, &mut inner, depth + 1);
            } else {
                self.exec(body, &mut inner, depth + 1);
            }
        }
        self.closure_depth -= 1;
        self.mode = saved_mode;
    }

    /// The taint a source pattern gives parameter `p` (a route parameter, a request
    /// object of a handler).
    fn param_source(&self, p: Node<'_>) -> TSet {
        let mut t = TSet::new();
        for node in [Some(p), first_identifier(p, self.spec)]
            .into_iter()
            .flatten()
        {
            if let Some(labels) = self.sources.get(&key(node)) {
                for l in labels {
                    t.push(Taint {
                        label: *l,
                        origin: span_of(node),
                        origin_file: None,
                        steps: Vec::new(),
                    });
                }
            }
        }
        t
    }

    /// Functions of the file that are helpers, not entry points, although a source
    /// pattern matches their parameters (the heuristic "every parameter after `request`"
    /// of a Django-style view also matches `def render_page(request, page)`): a function
    /// or method with a summary, not exposed (route decorator, JS/TS method decorator,
    /// `export`, `pub`), called at least once from outside its body, and whose name is
    /// used nowhere else in the file but as the callee of calls resolved to it (a
    /// reference such as `path("p", render_page)`, `app.get("/", handler)` or
    /// `self.handler` keeps it an entry point; so does a call this pass cannot resolve).
    /// Methods are reached by `self.m(..)` / `cls.m(..)` / `super().m(..)` /
    /// `Class.m(..)`; a method a framework dispatches to by its name (`get`, `post`, ..,
    /// `dispatch`), a member of a JS object literal, and a method that overrides one the
    /// file calls (the call may dispatch to it) stay entry points. Dropping its parameter
    /// sources loses no finding from this file: each call site applies its summary, so a
    /// source passed in is reported at the same sink, and what every caller passes is what
    /// reaches it.
    fn called_only_helpers(
        &mut self,
        root: Node<'_>,
        funcs: &[FnDef<'_>],
    ) -> HashSet<(usize, usize)> {
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, f) in funcs.iter().enumerate() {
            let method = f.key != f.name;
            if f.exposed
                || f.name.is_empty()
                || !self.summaries.contains_key(&f.key)
                || (method
                    && (is_dispatched_by_name(&f.name)
                        || f.node.parent().is_some_and(|p| p.kind() == "object")))
                || param_nodes(f.node, self.spec)
                    .into_iter()
                    .all(|p| self.param_source(p).is_empty())
            {
                continue;
            }
            by_name.entry(f.name.as_str()).or_default().push(i);
        }
        if by_name.is_empty() {
            return HashSet::new();
        }
        // Where the file's definitions spell their names (another class's `m`).
        let def_names: HashSet<(usize, usize)> = funcs
            .iter()
            .map(|f| (f.name_span.start, f.name_span.end))
            .collect();
        // Per candidate: calls from outside its body, and whether the name escapes.
        let mut calls = vec![0usize; funcs.len()];
        let mut escapes = vec![false; funcs.len()];
        walk_with_ancestors(root, self.file.nodes, |n, ancestors| {
            if n.is_named()
                && n.child_count() == 0
                && let Some(ids) = by_name.get(self.text(n))
            {
                let at = span_of(n);
                if def_names.contains(&(at.start, at.end)) {
                    return;
                }
                let resolved = callee_of(n, ancestors).and_then(|(c, f)| self.resolve_call(c, f));
                for &i in ids {
                    let f = &funcs[i];
                    match &resolved {
                        Some((k, _)) if *k == f.key => {
                            if at.start < f.node.start_byte() || f.node.end_byte() < at.end {
                                calls[i] += 1;
                            }
                        }
                        // `A.m` called where `f` is an override `B.m` (B a subclass of
                        // A): at run time the call may reach `f`.
                        Some((k, _))
                            if f.key != f.name
                                && k.rsplit_once('.').is_some_and(|(class, m)| {
                                    m == f.name && self.inherits(class_of(&f.key), class, 0)
                                }) =>
                        {
                            escapes[i] = true;
                        }
                        // A call of another function of that name.
                        Some(_) => {}
                        None => escapes[i] = true,
                    }
                }
            }
        });
        funcs
            .iter()
            .enumerate()
            .filter(|(i, _)| calls[*i] > 0 && !escapes[*i])
            .map(|(_, f)| key(f.node))
            .collect()
    }

    /// Whether class `sub` of the file derives from `base` (directly or not).
    fn inherits(&self, sub: &str, base: &str, depth: usize) -> bool {
        depth < 8
            && self.defs.classes.get(sub).is_some_and(|bases| {
                bases
                    .iter()
                    .filter(|b| b.as_str() != sub)
                    .any(|b| b == base || self.inherits(b, base, depth + 1))
            })
    }

    fn exec_with_item(&mut self, item: Node<'_>, env: &mut Env, depth: usize) {
        // `with open(p) as f`: with_item > value: as_pattern(expr, as_pattern_target)
        let value = item.field("value").unwrap_or(item);
        if value.kind() == "as_pattern" {
            let kids = self.named_kids(value);
            if let (Some(expr), Some(target)) = (kids.first(), kids.last()) {
                let t = self.eval(*expr, env, depth + 1);
                self.assign_to(*target, &t, span_of(value), env);
                return;
            }
        }
        let _ = self.eval(value, env, depth + 1);
    }

    fn exec_if(&mut self, n: Node<'_>, env: &mut Env, depth: usize) {
        let cond = n.field("condition");
        if let Some(c) = cond {
            let _ = self.eval(c, env, depth + 1);
        }
        let guarded = cond.map(|c| self.guard(c)).unwrap_or_default();
        // Environments of the branches that fall through to the code after the `if`, and
        // of those that leave (used only when every branch leaves).
        let mut outs: Vec<Env> = Vec::new();
        let mut exited: Vec<Env> = Vec::new();
        let (then_env, falls) = self.exec_branch(
            n.field("consequence"),
            env.clone(),
            &guarded.positive,
            depth,
        );
        if falls { &mut outs } else { &mut exited }.push(then_env);
        // The path where the condition was false: what a negated check proves holds
        // (`if x not in ALLOWED: return` — `x` is in ALLOWED). `env` is replaced below.
        let mut rest = std::mem::take(env);
        for v in &guarded.negative {
            rest.vars.insert(v.clone(), TSet::new());
        }
        let mut c = n.walk();
        let alternatives: Vec<Node<'_>> = n.children_by_field_name("alternative", &mut c).collect();
        let mut has_else = false;
        // The last alternative is an `else` that falls through: `rest` goes to `outs`.
        let mut rest_falls = false;
        for (i, &alt) in alternatives.iter().enumerate() {
            if alt.kind() == "elif_clause" {
                let c2 = alt.field("condition");
                if let Some(c2) = c2 {
                    let _ = self.eval(c2, &mut rest, depth + 1);
                }
                let g2 = c2.map(|c2| self.guard(c2)).unwrap_or_default();
                let (e, falls) =
                    self.exec_branch(alt.field("consequence"), rest.clone(), &g2.positive, depth);
                if falls { &mut outs } else { &mut exited }.push(e);
                for v in &g2.negative {
                    rest.vars.insert(v.clone(), TSet::new());
                }
            } else {
                has_else = true;
                self.exec(alt, &mut rest, depth + 1);
                let body = alt
                    .field("body")
                    .or_else(|| self.named_kids(alt).last().copied());
                // `else if (..) return;` can still fall through.
                let exits = body.is_some_and(|b| {
                    !matches!(b.kind(), "if_statement" | "if_expression")
                        && ends_in_exit(b, self.src)
                });
                if !exits {
                    if i + 1 == alternatives.len() {
                        rest_falls = true;
                    } else {
                        outs.push(rest.clone());
                    }
                }
            }
        }
        // Every branch exits: nothing falls through; keep the join of all (safe).
        let joined = if !has_else || rest_falls {
            outs.push(rest);
            outs
        } else if outs.is_empty() {
            exited.push(rest);
            exited
        } else {
            outs
        };
        let mut it = joined.into_iter();
        if let Some(mut first) = it.next() {
            for e in it {
                first.join(&e);
            }
            *env = first;
        }
    }

    /// Run an `if`/`elif` body in `env` with the variables its condition proves checked
    /// made clean; also says whether the body can fall through.
    fn exec_branch(
        &mut self,
        body: Option<Node<'_>>,
        mut env: Env,
        clean: &[String],
        depth: usize,
    ) -> (Env, bool) {
        for v in clean {
            env.vars.insert(v.clone(), TSet::new());
        }
        if let Some(b) = body {
            self.exec(b, &mut env, depth + 1);
            if ends_in_exit(b, self.src) {
                return (env, false);
            }
        }
        (env, true)
    }

    fn exec_loop(&mut self, n: Node<'_>, env: &mut Env, depth: usize) {
        // Loop targets: `for x in e` / `for (const x of e)` / `for x in e` (Rust pattern).
        let target = n.field("left").or_else(|| n.field("pattern"));
        let iter = n.field("right").or_else(|| n.field("value"));
        let before = env.clone();
        for _ in 0..2 {
            if let (Some(t), Some(it)) = (target, iter) {
                let taint = self.eval(it, env, depth + 1);
                self.assign_to(t, &taint, span_of(t), env);
            }
            for c in self.named_kids(n) {
                if Some(c) == target || Some(c) == iter {
                    continue;
                }
                if c.kind() == "block"
                    || c.kind() == "statement_block"
                    || n.field("body") == Some(c)
                {
                    self.exec(c, env, depth + 1);
                } else {
                    let _ = self.eval(c, env, depth + 1);
                }
            }
        }
        env.join(&before);
    }

    /// Handle an assignment-like node; returns the assigned taint.
    fn eval_assignment(&mut self, n: Node<'_>, env: &mut Env, depth: usize) -> TSet {
        let (target, value) = assignment_parts(n);
        let Some(value) = value else {
            // Declaration without initialiser: the name is clean.
            if let Some(t) = target {
                self.assign_to(t, &TSet::new(), span_of(n), env);
            }
            return TSet::new();
        };
        // `a, b = x, y`: pair targets with values when both sides are lists of the same size.
        if let Some(target) = target
            && !matches!(
                n.kind(),
                "augmented_assignment"
                    | "augmented_assignment_expression"
                    | "compound_assignment_expr"
            )
            && matches!(
                target.kind(),
                "pattern_list" | "tuple_pattern" | "tuple" | "list_pattern" | "array_pattern"
            )
            && matches!(
                value.kind(),
                "expression_list" | "tuple" | "list" | "array" | "tuple_expression"
            )
        {
            let ts = self.named_kids(target);
            let vs = self.named_kids(value);
            if ts.len() == vs.len() && !ts.is_empty() {
                let mut all = TSet::new();
                let taints: Vec<TSet> = vs.iter().map(|v| self.eval(*v, env, depth + 1)).collect();
                for (t, taint) in ts.iter().zip(&taints) {
                    self.assign_to(*t, taint, span_of(n), env);
                    union_into(&mut all, taint);
                }
                return all;
            }
        }
        let t = self.eval(value, env, depth + 1);
        // Rust `let n: u64 = ...;` (and other numeric/bool types): the value is a number.
        let t = if n.kind() == "let_declaration"
            && n.field("type").is_some_and(|ty| {
                matches!(
                    self.text(ty),
                    "u8" | "u16"
                        | "u32"
                        | "u64"
                        | "u128"
                        | "usize"
                        | "i8"
                        | "i16"
                        | "i32"
                        | "i64"
                        | "i128"
                        | "isize"
                        | "f32"
                        | "f64"
                        | "bool"
                )
            }) {
            TSet::new()
        } else {
            t
        };
        let augmented = matches!(
            n.kind(),
            "augmented_assignment" | "augmented_assignment_expression" | "compound_assignment_expr"
        );
        if let Some(target) = target {
            if augmented {
                let mut cur = self.eval(target, env, depth + 1);
                union_into(&mut cur, &t);
                self.assign_to(target, &cur, span_of(n), env);
                return cur;
            }
            self.assign_to(target, &t, span_of(n), env);
        }
        t
    }

    /// Bind `t` to a target expression or pattern.
    fn assign_to(&mut self, target: Node<'_>, t: &TSet, at: Span, env: &mut Env) {
        let stepped: TSet = t
            .iter()
            .map(|x| {
                let mut y = x.clone();
                if y.steps.len() < MAX_STEPS && y.steps.last().is_none_or(|s| s.span != at) {
                    y.steps.push(FlowPoint {
                        span: at,
                        what: FlowKind::Step,
                        file: None,
                    });
                }
                y
            })
            .collect();
        let k = target.kind_id();
        if self.spec.is_identifier(k) {
            env.vars.insert(self.text(target).to_string(), stepped);
            return;
        }
        match target.kind() {
            "attribute" | "member_expression" | "field_expression" => {
                env.vars
                    .insert(self.text(target).to_string(), stepped.clone());
                // Storing into an object taints the object (containers), unless the value
                // is the attribute's own data written back (`request.POST =
                // request.POST.copy()`): that adds nothing the object did not hold.
                let target_text = self.text(target).as_bytes();
                let own = !t.is_empty()
                    && t.iter().all(|x| {
                        x.origin_file.is_none()
                            && self.src.get(x.origin.range()) == Some(target_text)
                    });
                if !own
                    && let Some(obj) = target.field("object").or_else(|| target.field("value"))
                    && let Some(base) = base_name(obj, self.spec, self.src)
                {
                    union_into(env.vars.entry(base).or_default(), &stepped);
                }
            }
            "subscript" | "subscript_expression" | "index_expression" => {
                if let Some(base) = target
                    .field("value")
                    .or_else(|| target.field("object"))
                    .or_else(|| self.named_kids(target).first().copied())
                    .and_then(|b| base_name(b, self.spec, self.src))
                {
                    union_into(env.vars.entry(base).or_default(), &stepped);
                }
            }
            _ => {
                // Destructuring / tuple unpacking / `mut x` patterns: every bound name.
                let mut stack = vec![target];
                while let Some(x) = stack.pop() {
                    if self.spec.is_identifier(x.kind_id()) {
                        // In `{a: b}` patterns the key is not bound, the value is.
                        if x.kind() == "property_identifier" {
                            continue;
                        }
                        env.vars.insert(self.text(x).to_string(), stepped.clone());
                        continue;
                    }
                    let mut c = x.walk();
                    stack.extend(x.named_children(&mut c));
                }
            }
        }
    }

    /// The taint of an expression's value.
    fn eval(&mut self, n: Node<'_>, env: &mut Env, depth: usize) -> TSet {
        if depth > MAX_DEPTH || !self.tick() {
            return TSet::new();
        }
        let k = key(n);
        if self.sanitizers.contains(&k) {
            // The value is clean, but sinks nested inside (`f(Markup(x))` where `Markup` is
            // itself a sink) are still checked.
            for c in self.named_kids(n) {
                let _ = self.eval(c, env, depth + 1);
            }
            return TSet::new();
        }
        let kind_id = n.kind_id();
        let mut out: TSet = if self.spec.is_identifier(kind_id) {
            env.vars.get(self.text(n)).cloned().unwrap_or_default()
        } else {
            match n.kind() {
                "attribute" | "member_expression" | "field_expression" => {
                    let full = self.text(n);
                    if let Some(t) = env.vars.get(full) {
                        let t = t.clone();
                        // Also evaluate the object for sinks/sources nested in it.
                        let obj = n.field("object").or_else(|| n.field("value"));
                        if let Some(o) = obj {
                            let _ = self.eval(o, env, depth + 1);
                        }
                        t
                    } else {
                        let obj = n.field("object").or_else(|| n.field("value"));
                        let t = obj
                            .map(|o| self.eval(o, env, depth + 1))
                            .unwrap_or_default();
                        // Python internals of an object (`obj._meta`, `f.__name__`,
                        // `x.__class__`) describe its class, not the data it was built from.
                        let internal = self.lang == Language::Python
                            && n.field("attribute")
                                .is_some_and(|a| self.text(a).starts_with('_'));
                        if internal { TSet::new() } else { t }
                    }
                }
                "call" | "call_expression" | "new_expression" | "macro_invocation" => {
                    self.eval_call(n, env, depth)
                }
                "subscript" | "subscript_expression" | "index_expression" => {
                    // `x[k]`, `x[a:b]`: the entry comes from the container, the key only
                    // selects it (`ALLOWED_COMMANDS[request.args["c"]]` is one of the
                    // server's own values). The key is still evaluated for nested sinks.
                    let container = n
                        .field("value")
                        .or_else(|| n.field("object"))
                        .or_else(|| self.named_kids(n).first().copied());
                    let mut t = TSet::new();
                    for c in self.named_kids(n) {
                        let ct = self.eval(c, env, depth + 1);
                        if container.is_some_and(|x| x.id() == c.id()) {
                            t = ct;
                        }
                    }
                    t
                }
                "conditional_expression" | "ternary_expression" => {
                    // `a if c else b`, `c ? a : b`: the value is one of the branches; the
                    // condition only chooses (`basename(f) if f else ""` is clean). The
                    // condition is still evaluated for nested sinks.
                    let kids = self.named_kids(n);
                    let cond = n.field("condition").or_else(|| {
                        (n.kind() == "conditional_expression")
                            .then(|| kids.get(1).copied())
                            .flatten()
                    });
                    let mut t = TSet::new();
                    for c in kids {
                        let ct = self.eval(c, env, depth + 1);
                        if cond.is_none_or(|x| x.id() != c.id()) {
                            union_into(&mut t, &ct);
                        }
                    }
                    t
                }
                "comparison_operator" | "boolean_operator" | "not_operator" => {
                    for c in self.named_kids(n) {
                        let _ = self.eval(c, env, depth + 1);
                    }
                    if n.kind() == "boolean_operator" {
                        // `a or b` yields one of its operands.
                        let mut t = TSet::new();
                        for c in self.named_kids(n) {
                            union_into(&mut t, &self.eval(c, env, depth + 1));
                        }
                        t
                    } else {
                        TSet::new()
                    }
                }
                "binary_expression" => {
                    let op = n
                        .field("operator")
                        .map(|o| self.text(o))
                        .unwrap_or_default();
                    let mut t = TSet::new();
                    for c in self.named_kids(n) {
                        union_into(&mut t, &self.eval(c, env, depth + 1));
                    }
                    if matches!(
                        op,
                        "==" | "!=" | "===" | "!==" | "<" | ">" | "<=" | ">=" | "instanceof" | "in"
                    ) {
                        TSet::new()
                    } else {
                        t
                    }
                }
                "lambda"
                | "arrow_function"
                | "function_expression"
                | "function"
                | "closure_expression"
                | "generator_function" => {
                    self.exec_function(n, env, depth);
                    TSet::new()
                }
                "assignment"
                | "assignment_expression"
                | "augmented_assignment_expression"
                | "augmented_assignment"
                | "named_expression"
                | "compound_assignment_expr" => self.eval_assignment(n, env, depth),
                "list_comprehension"
                | "set_comprehension"
                | "dictionary_comprehension"
                | "generator_expression" => self.eval_comprehension(n, env, depth),
                "string"
                | "template_string"
                | "concatenated_string"
                | "interpolation"
                | "template_substitution"
                | "string_literal"
                | "raw_string_literal" => {
                    let mut t = TSet::new();
                    for c in self.named_kids(n) {
                        union_into(&mut t, &self.eval(c, env, depth + 1));
                    }
                    t
                }
                "integer" | "float" | "number" | "true" | "false" | "none" | "null"
                | "undefined" | "integer_literal" | "float_literal" | "boolean_literal"
                | "char_literal" => TSet::new(),
                "block" | "statement_block" => {
                    // Rust block expressions: run the statements, value is the tail.
                    let kids = self.named_kids(n);
                    let mut t = TSet::new();
                    for (i, c) in kids.iter().enumerate() {
                        if i + 1 == kids.len()
                            && !c.kind().ends_with("statement")
                            && c.kind() != "let_declaration"
                        {
                            t = self.eval(*c, env, depth + 1);
                        } else {
                            self.exec(*c, env, depth + 1);
                        }
                    }
                    t
                }
                "if_expression" | "match_expression" => {
                    self.exec(n, env, depth + 1);
                    TSet::new()
                }
                _ => {
                    let mut t = TSet::new();
                    for c in self.named_kids(n) {
                        union_into(&mut t, &self.eval(c, env, depth + 1));
                    }
                    t
                }
            }
        };
        if let Some(labels) = self.sources.get(&k) {
            for l in labels.clone() {
                if !out.iter().any(|x| x.label == l && x.origin == span_of(n)) {
                    out.push(Taint {
                        label: l,
                        origin: span_of(n),
                        origin_file: None,
                        steps: Vec::new(),
                    });
                }
            }
        }
        if let Some(props) = self.propagators.get(&k).cloned() {
            for (from, to) in props {
                if let (Some(fnode), Some(tnode)) = (
                    n.descendant_for_byte_range(from.start, from.end),
                    n.descendant_for_byte_range(to.start, to.end),
                ) {
                    let t = self.eval(fnode, env, depth + 1);
                    if !t.is_empty()
                        && let Some(base) = base_name(tnode, self.spec, self.src)
                    {
                        union_into(env.vars.entry(base).or_default(), &t);
                    }
                }
            }
        }
        self.check_sink(n, &out);
        out
    }

    /// `format!(..)`, `vec![..]`, `println!(..)`: the arguments are token trees, where
    /// identifiers stand for variables; the result carries their taint.
    fn eval_macro(&mut self, n: Node<'_>, env: &mut Env, depth: usize) -> TSet {
        let mut out = TSet::new();
        let mut stack: Vec<Node<'_>> = self
            .named_kids(n)
            .into_iter()
            .filter(|k| k.kind() == "token_tree")
            .collect();
        let mut seen = 0usize;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > 10_000 || !self.tick() {
                break;
            }
            if self.spec.is_identifier(x.kind_id()) {
                union_into(&mut out, &self.eval(x, env, depth + 1));
                continue;
            }
            let mut c = x.walk();
            stack.extend(x.named_children(&mut c));
        }
        out
    }

    fn eval_comprehension(&mut self, n: Node<'_>, env: &mut Env, depth: usize) -> TSet {
        let mut inner = env.clone();
        let kids = self.named_kids(n);
        for c in &kids {
            if c.kind() == "for_in_clause"
                && let (Some(l), Some(r)) = (c.field("left"), c.field("right"))
            {
                let t = self.eval(r, &mut inner, depth + 1);
                self.assign_to(l, &t, span_of(*c), &mut inner);
            }
        }
        let mut out = TSet::new();
        for c in &kids {
            if c.kind() != "for_in_clause" {
                union_into(&mut out, &self.eval(*c, &mut inner, depth + 1));
            }
        }
        out
    }

    fn eval_call(&mut self, n: Node<'_>, env: &mut Env, depth: usize) -> TSet {
        if n.kind() == "macro_invocation" {
            return self.eval_macro(n, env, depth);
        }
        let callee = n
            .field("function")
            .or_else(|| n.field("constructor"))
            .or_else(|| n.field("macro"));
        let args_node = n.field("arguments");
        let mut parts = CallParts {
            callee,
            recv: TSet::new(),
            method: None,
            receiver_node: None,
            positional: Vec::new(),
            keyword: Vec::new(),
            arg_spans: Vec::new(),
            kw_spans: Vec::new(),
        };
        // Receiver of a method call.
        if let Some(c) = callee {
            match c.kind() {
                "attribute" | "member_expression" | "field_expression" => {
                    let obj = c.field("object").or_else(|| c.field("value"));
                    if let Some(o) = obj {
                        parts.recv = self.eval(o, env, depth + 1);
                        parts.receiver_node = Some(o);
                    }
                    parts.method = c
                        .field("attribute")
                        .or_else(|| c.field("property"))
                        .or_else(|| c.field("field"))
                        .map(|m| self.text(m));
                }
                _ => {
                    let _ = self.eval(c, env, depth + 1);
                }
            }
        }
        // Arguments (keyword arguments by name).
        if let Some(a) = args_node {
            for arg in self.named_kids(a) {
                if arg.kind() == "keyword_argument" {
                    let name = arg
                        .field("name")
                        .map(|x| self.text(x).to_string())
                        .unwrap_or_default();
                    let value = arg.field("value");
                    parts
                        .kw_spans
                        .push((name.clone(), span_of(value.unwrap_or(arg))));
                    let t = value
                        .map(|v| self.eval(v, env, depth + 1))
                        .unwrap_or_default();
                    parts.keyword.push((name, t));
                } else {
                    parts.arg_spans.push(span_of(arg));
                    parts.positional.push(self.eval(arg, env, depth + 1));
                }
            }
        }
        self.apply_call(n, parts, env)
    }

    /// What a call yields once its receiver and arguments are evaluated (see
    /// [`CallParts`]). Kept out of [`Self::eval_call`], which recurses through the
    /// arguments, so that each level of a deeply nested call holds a small frame (unoptimised
    /// builds give every local of a function its own stack slot).
    #[inline(never)]
    fn apply_call(&mut self, n: Node<'_>, parts: CallParts<'_, 'f>, env: &mut Env) -> TSet {
        let CallParts {
            callee,
            recv,
            method,
            receiver_node,
            positional,
            keyword,
            arg_spans,
            kw_spans,
        } = parts;
        let name = callee
            .map(|c| callee_name(c, self.src, self.spec))
            .unwrap_or_default();
        // Type conversions are sanitizers: `int(x)`, `Number(x)`, `x.parse::<i64>()`.
        if is_type_sanitizer(
            &name,
            callee.map(|c| self.text(c)).unwrap_or_default(),
            self.lang,
        ) || is_checking_function(&name)
            || is_keyed_lookup(&name)
        {
            return TSet::new();
        }
        let mut all_args = TSet::new();
        for t in &positional {
            union_into(&mut all_args, t);
        }
        for (_, t) in &keyword {
            union_into(&mut all_args, t);
        }
        // Container mutation: `items.append(x)`, `arr.push(x)`, `v.push_str(x)`.
        if let (Some(m), Some(r)) = (method, receiver_node)
            && is_mutator(m)
            && !all_args.is_empty()
            && let Some(base) = base_name(r, self.spec, self.src)
        {
            union_into(env.vars.entry(base).or_default(), &all_args);
        }
        let call_span = span_of(n);
        if let Some((key, through_type)) = callee.and_then(|c| self.resolve_call(n, c))
            && let Some(sum) = self.summaries.get(&key).cloned()
        {
            // The receiver is the first parameter of a method called on an instance
            // (`self.m(x)`, `svc.run(x)`) and of a classmethod called on its class
            // (`Cls.m(x)`); through the type (`Base.m(self, x)`, Rust `Type::m(&v, x)`)
            // every parameter is an argument.
            let first = sum.params.first().map(String::as_str);
            let offset = usize::from(if through_type {
                first == Some("cls")
            } else {
                matches!(first, Some("self" | "cls"))
            });
            let arg_taint = |i: usize| -> TSet {
                let pname = sum.params.get(i).cloned().unwrap_or_default();
                if let Some((_, t)) = keyword.iter().find(|(k, _)| *k == pname) {
                    return t.clone();
                }
                if i >= offset {
                    positional.get(i - offset).cloned().unwrap_or_default()
                } else {
                    recv.clone()
                }
            };
            let mut out = TSet::new();
            for (i, flows) in sum.param_to_ret.iter().enumerate() {
                if *flows {
                    union_into(&mut out, &through_call(&arg_taint(i), call_span));
                }
            }
            union_into(&mut out, &returned_sources(&sum, call_span));
            // Parameters reaching sinks inside the callee.
            for (i, sink, requires, inner, bindings) in &sum.param_sinks {
                let t = arg_taint(*i);
                for taint in &t {
                    if taint.label >= PARAM_BASE {
                        // Summarising a caller: its parameter reaches this sink too (within
                        // the file; flows through another file stop at one hop).
                        if sum.origin_file.is_none()
                            && let Some(cur) = self.cur.as_mut()
                        {
                            let pi = usize::from(taint.label - PARAM_BASE);
                            if !cur
                                .param_sinks
                                .iter()
                                .any(|(p, s, ..)| *p == pi && s == sink)
                            {
                                let mut path = taint.steps.clone();
                                path.push(FlowPoint {
                                    span: call_span,
                                    what: FlowKind::Call,
                                    file: None,
                                });
                                path.extend(inner.iter().cloned());
                                cur.param_sinks.push((
                                    pi,
                                    *sink,
                                    requires.clone(),
                                    path,
                                    bindings.clone(),
                                ));
                            }
                        }
                        continue;
                    }
                    if self.mode == Mode::Report
                        && requires.as_ref().is_none_or(|r| r.holds(&[taint.label]))
                        && sum.origin_file.is_some()
                    {
                        // The sink is in another file: report the call that hands the
                        // tainted value over, with the path continuing into that file.
                        let pname = sum.params.get(*i).cloned().unwrap_or_default();
                        let arg_span = kw_spans
                            .iter()
                            .find(|(k, _)| *k == pname)
                            .map(|(_, s)| *s)
                            .or_else(|| {
                                i.checked_sub(offset)
                                    .and_then(|j| arg_spans.get(j).copied())
                            })
                            .unwrap_or(call_span);
                        let mut flow = vec![FlowPoint {
                            span: taint.origin,
                            what: FlowKind::Source,
                            file: taint.origin_file.clone(),
                        }];
                        flow.extend(taint.steps.iter().cloned());
                        flow.push(FlowPoint {
                            span: call_span,
                            what: FlowKind::Call,
                            file: None,
                        });
                        flow.extend(inner.iter().cloned());
                        let b = Bindings(
                            bindings
                                .0
                                .iter()
                                .map(|(n, _)| (n.clone(), arg_span))
                                .collect(),
                        );
                        self.findings.push((call_span, flow, b));
                        break;
                    }
                    if self.mode == Mode::Report
                        && requires.as_ref().is_none_or(|r| r.holds(&[taint.label]))
                    {
                        let mut flow = vec![FlowPoint {
                            span: taint.origin,
                            what: FlowKind::Source,
                            file: taint.origin_file.clone(),
                        }];
                        flow.extend(taint.steps.iter().cloned());
                        flow.push(FlowPoint {
                            span: call_span,
                            what: FlowKind::Call,
                            file: None,
                        });
                        flow.extend(inner.iter().cloned());
                        self.findings.push((*sink, flow, bindings.clone()));
                        break;
                    }
                }
            }
            return out;
        }
        // Python mapping lookup `d.get(k)` / `d.get(k, default)`: like `d[k]`, the entry
        // comes from the container (and the default), the key only selects it. HTTP
        // clients (`requests.get(url)`, `client.get(url)`) answer with what the URL
        // serves, so their argument still flows.
        if self.lang == Language::Python
            && method == Some("get")
            && keyword.is_empty()
            && matches!(positional.len(), 1 | 2)
            && receiver_node.is_some_and(|r| !is_http_client(self.text(r)))
        {
            let mut out = recv;
            if let Some(default) = positional.get(1) {
                union_into(&mut out, default);
            }
            return out;
        }
        // Python method of an object the scanned code does not define (`Files.get_by_id(id)`,
        // `store().get_run(run_id)`, `parser.parse()`): a lookup or service call answers
        // with stored data, not with its arguments. Only known transformers of strings,
        // paths and collections (`sep.join(parts)`, `tpl.format(x)`, `base.joinpath(p)`),
        // functions of imported modules (`os.path.join(..)`, `json.loads(..)`) and methods
        // named like one of this file's (`Local().m(x)`, not resolved) unless every such
        // method's summary answers with neither argument nor source, pass their arguments
        // on. Otherwise only the receiver's own taint flows (`tainted.lookup(k)`): when
        // summarising `def token(request, sid): return request.app.mgr.get(sid)`,
        // `request` stands for whatever the caller passes, and `sid` must not ride along.
        if self.lang == Language::Python
            && let (Some(m), Some(r)) = (method, receiver_node)
            && !is_transformer(m)
            && !self.is_module(r)
        {
            if !self.file.local_methods().contains(m) {
                return recv;
            }
            if let Some(out) = self.local_method_result(m, &recv, &positional, &keyword, n) {
                return out;
            }
        }
        // Unknown function: its result carries the taint of its inputs.
        let mut out = all_args;
        union_into(&mut out, &recv);
        out
    }

    /// An unresolved call of method `m` that this file defines (maybe in several classes,
    /// `mgr.get_token(user, sid)`): what the summarised definitions named `m` answer with,
    /// each argument placed by position (the receiver stands for `self`/`cls`), plus the
    /// sources they return. `None` when no definition named `m` is summarised yet: then
    /// nothing is known and the arguments flow on.
    fn local_method_result(
        &self,
        m: &str,
        recv: &TSet,
        positional: &[TSet],
        keyword: &[(String, TSet)],
        call: Node<'_>,
    ) -> Option<TSet> {
        let named_m = |key: &str| key.rsplit_once('.').is_some_and(|(_, name)| name == m);
        // Every key named `m` this round may write is read here (see `summarize_relevant`).
        if let Some(reads) = &self.reads {
            for key in self.written_keys.iter().filter(|k| named_m(k)) {
                reads.borrow_mut().push(key.clone());
            }
        }
        let call_span = span_of(call);
        let mut any = false;
        let mut out = TSet::new();
        for (key, s) in &self.summaries {
            if !named_m(key) {
                continue;
            }
            any = true;
            let offset = usize::from(matches!(
                s.params.first().map(String::as_str),
                Some("self" | "cls")
            ));
            for (i, flows) in s.param_to_ret.iter().enumerate() {
                if !*flows {
                    continue;
                }
                let pname = s.params.get(i).map(String::as_str).unwrap_or_default();
                let t = if let Some((_, t)) = keyword.iter().find(|(k, _)| k == pname) {
                    t
                } else if i < offset {
                    recv
                } else if let Some(t) = positional.get(i - offset) {
                    t
                } else {
                    continue;
                };
                union_into(&mut out, &through_call(t, call_span));
            }
            union_into(&mut out, &returned_sources(s, call_span));
        }
        if !any {
            return None;
        }
        union_into(&mut out, recv);
        Some(out)
    }

    /// Whether `r` (`os`, `os.path`, `ET`) names an imported Python module.
    fn is_module(&mut self, r: Node<'_>) -> bool {
        let mut head = r;
        for _ in 0..64 {
            if head.kind() != "attribute" {
                break;
            }
            let Some(o) = head.field("object") else {
                return false;
            };
            head = o;
        }
        if !self.spec.is_identifier(head.kind_id()) {
            return false;
        }
        let name = self.text(head);
        self.file.modules().contains(name)
    }

    /// The summary a call may use, and whether it is called through its type (`Base.m(..)`,
    /// `Type::m(..)`) rather than on an instance. Calls are resolved by scope, never by
    /// the bare method name alone:
    ///
    /// - `f(x)`, Rust `module::f(x)`: the function `f` of the file (module level or
    ///   nested), or of a file it imports;
    /// - `self.m(x)` / `this.m(x)` / `cls.m(x)`, Rust `Self::m(x)`: method `m` of the
    ///   enclosing class (Rust: `impl` type), or of one of its bases defined in the file;
    ///   `super().m(x)` / `super.m(x)`: of one of its bases;
    /// - `Name.m(x)`, Rust `Type::m(x)`: method `m` of class `Name`;
    /// - `v.m(x)` where every assignment to `v` in the enclosing function is
    ///   `v = Name(..)` / `new Name(..)` / `Name::new(..)` / `Name { .. }` for one class
    ///   `Name` of the file: method `m` of `Name`;
    /// - any other receiver (`request.GET.get(x)`, `obj.run(x)`): no summary.
    fn resolve_call(&mut self, call: Node<'_>, callee: Node<'_>) -> Option<(String, bool)> {
        let callee = if callee.kind() == "generic_function" {
            callee.field("function")?
        } else {
            callee
        };
        if self.spec.is_identifier(callee.kind_id()) {
            let name = self.text(callee);
            return self.has_summary(name).then(|| (name.to_string(), false));
        }
        match callee.kind() {
            "attribute" | "member_expression" | "field_expression" => {
                let obj = callee.field("object").or_else(|| callee.field("value"))?;
                let m = callee
                    .field("attribute")
                    .or_else(|| callee.field("property"))
                    .or_else(|| callee.field("field"))
                    .map(|m| self.text(m))?;
                if !self.file.local_methods().contains(m) && !self.external_methods.contains(m) {
                    return None;
                }
                let obj_text = self.text(obj);
                let is_super = obj.kind() == "super"
                    || (obj.kind() == "call"
                        && obj
                            .field("function")
                            .is_some_and(|f| self.text(f) == "super"));
                if is_super {
                    let class = self.enclosing_class(call)?;
                    let bases = self.defs.classes.get(&class).cloned().unwrap_or_default();
                    return bases
                        .iter()
                        .find_map(|b| self.lookup_method(b, m, 0))
                        .map(|k| (k, false));
                }
                if matches!(obj_text, "self" | "this" | "cls") {
                    let class = self.enclosing_class(call)?;
                    return self.lookup_method(&class, m, 0).map(|k| (k, false));
                }
                if !self.spec.is_identifier(obj.kind_id()) {
                    return None;
                }
                if let Some(class) = self.instance_class(call, obj_text) {
                    return self.lookup_method(&class, m, 0).map(|k| (k, false));
                }
                self.lookup_method(obj_text, m, 0).map(|k| (k, true))
            }
            "scoped_identifier" => {
                let name = callee.field("name").map(|x| self.text(x))?;
                let Some(path) = callee.field("path") else {
                    // `::f(x)`
                    return self.has_summary(name).then(|| (name.to_string(), false));
                };
                let ty = type_base_name(path, self.src);
                if ty == "Self" {
                    let class = self.enclosing_class(call)?;
                    return self.lookup_method(&class, name, 0).map(|k| (k, true));
                }
                if let Some(k) = self.lookup_method(&ty, name, 0) {
                    return Some((k, true));
                }
                // `utils::f(x)`, `crate::db::f(x)`: a module path, not a type.
                (ty.starts_with(|c: char| c.is_ascii_lowercase()) && self.has_summary(name))
                    .then(|| (name.to_string(), false))
            }
            _ => None,
        }
    }

    /// Whether a summary is stored under `key`; while the first round of summaries is
    /// recorded, reads of keys that round writes are noted (see `summarize_relevant`).
    fn has_summary(&self, key: &str) -> bool {
        if let Some(reads) = &self.reads
            && self.written_keys.contains(key)
        {
            reads.borrow_mut().push(key.to_string());
        }
        self.summaries.contains_key(key)
    }

    /// The key of method `m` of `class` or of its bases (depth-limited).
    fn lookup_method(&self, class: &str, m: &str, depth: usize) -> Option<String> {
        let key = format!("{class}.{m}");
        if self.has_summary(&key) {
            return Some(key);
        }
        if depth >= 8 {
            return None;
        }
        self.defs
            .classes
            .get(class)?
            .iter()
            .filter(|b| b.as_str() != class)
            .find_map(|b| self.lookup_method(b, m, depth + 1))
    }

    /// The class of the file that `var` is clearly an instance of at `call`: every
    /// assignment to `var` in the enclosing function (or module) constructs that class.
    /// The class whose `self` / `this` / `Self` is seen at `n`.
    fn enclosing_class(&self, n: Node<'_>) -> Option<String> {
        innermost(&self.defs.self_scopes, span_of(n)).map(|(_, c)| c.clone())
    }

    fn instance_class(&mut self, call: Node<'_>, var: &str) -> Option<String> {
        // The enclosing function (or the module): the last function starting before the
        // call, then its enclosing ones, until one contains the call.
        let at = span_of(call);
        let fn_scopes = &self.defs.fn_scopes;
        let mut i = fn_scopes
            .partition_point(|(s, _)| s.start <= at.start)
            .checked_sub(1);
        let mut steps = 0;
        while let Some(k) = i {
            let (s, up) = fn_scopes[k];
            if s.start <= at.start && at.end <= s.end {
                break;
            }
            steps += 1;
            i = (up != usize::MAX && steps < 256).then_some(up);
        }
        let scope_span = i.map(|k| fn_scopes[k].0);
        let scope = match scope_span {
            Some(sp) => self.file.root.descendant_for_byte_range(sp.start, sp.end)?,
            None => self.file.root,
        };
        let cache_key = (scope.id(), var.to_string());
        if let Some(c) = self.file.instances.borrow().get(&cache_key) {
            return c.clone();
        }
        let mut class: Option<String> = None;
        let mut consistent = true;
        let mut stack = vec![scope];
        while let Some(n) = stack.pop() {
            if matches!(
                n.kind(),
                "assignment"
                    | "assignment_expression"
                    | "augmented_assignment"
                    | "variable_declarator"
                    | "let_declaration"
            ) && let (Some(t), value) = assignment_parts(n)
                && self.text(t).trim_start_matches("mut ").trim() == var
            {
                let made = value.and_then(|v| self.constructed_class(v));
                match (&class, made) {
                    (_, None) => consistent = false,
                    (None, Some(c)) => class = Some(c),
                    (Some(a), Some(c)) => consistent &= *a == c,
                }
                if !consistent {
                    break;
                }
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        let out = class.filter(|_| consistent);
        self.file
            .instances
            .borrow_mut()
            .insert(cache_key, out.clone());
        out
    }

    /// `Name(..)`, `new Name(..)`, `Name::new(..)`, `Name { .. }` for a class of the file.
    fn constructed_class(&self, v: Node<'_>) -> Option<String> {
        let v = if matches!(v.kind(), "await" | "await_expression" | "try_expression") {
            *self.named_kids(v).first()?
        } else {
            v
        };
        let name = match v.kind() {
            "call" => {
                let f = v.field("function")?;
                self.spec
                    .is_identifier(f.kind_id())
                    .then(|| self.text(f).to_string())?
            }
            "new_expression" => {
                let f = v.field("constructor")?;
                (f.kind() == "identifier").then(|| self.text(f).to_string())?
            }
            "call_expression" if self.lang == Language::Rust => {
                let f = v.field("function")?;
                let path = (f.kind() == "scoped_identifier").then(|| f.field("path"))??;
                type_base_name(path, self.src)
            }
            "struct_expression" => type_base_name(v.field("name")?, self.src),
            _ => return None,
        };
        self.defs.classes.contains_key(&name).then_some(name)
    }

    /// What an `if` condition proves about variables, on each branch.
    ///
    /// The rule, for a condition `c`: `T(c)` are the variables proven checked when `c` is
    /// true (clean in the `then` branch), `F(c)` those proven checked when `c` is false
    /// (clean in the `else` branch, and after the `if` when the `then` branch always
    /// exits). With `check(x)` an atom about `x` (below):
    ///
    /// - `T(check(x)) = {x}`, `F(check(x)) = {}`;
    /// - `T(not c) = F(c)`, `F(not c) = T(c)` (`not`, `!`);
    /// - `T(a and b) = T(a) ∪ T(b)`, `F(a and b) = F(a) ∩ F(b)` (`and`, `&&`);
    /// - `T(a or b) = T(a) ∩ T(b)`, `F(a or b) = F(a) ∪ F(b)` (`or`, `||`);
    /// - parentheses and `await` are transparent; anything else proves nothing.
    ///
    /// So `if not ok(x) or other: return` cleans `x` after the `if` (`F = {x} ∪ {}`), and
    /// `if other and not ok(x): return` does not (`F = {} ∩ {x}`: the `if` may be skipped
    /// because `other` is false while `x` is unchecked).
    ///
    /// Atoms: a validator call (`is_safe(x)`, `ALLOWED.includes(x)`, `re.fullmatch(p, x)`,
    /// [`is_validator`]) checks its variable arguments; `x in C`, `x == e`, `x is e`
    /// (Python) and `x == lit` / `x === lit` / `x in o` (JS, Rust) check `x`; `x not in C`,
    /// `x != e`, `x is not e` are the negations; `validator(..) is None` / `== null` /
    /// `=== false` is the negated call. A bare variable `x` used as a truth value is also
    /// an atom, with `T(x) = {}` and `F(x) = {x}`: a falsy value (`""`, `None`, `0`, empty
    /// container) carries no attacker-controlled content, so `if (x or y) and not ok(x):
    /// x = DEFAULT` leaves `x` clean afterwards.
    fn guard(&self, cond: Node<'_>) -> Guard {
        let (positive, negative) = self.facts(cond, 0);
        Guard { positive, negative }
    }

    /// `(T(c), F(c))` of [`Self::guard`].
    fn facts(&self, c: Node<'_>, depth: usize) -> (Vec<String>, Vec<String>) {
        let none = (Vec::new(), Vec::new());
        if depth > 64 {
            return none;
        }
        let kids = self.named_kids(c);
        let op = c
            .field("operator")
            .map(|o| self.text(o))
            .unwrap_or_default();
        match c.kind() {
            "parenthesized_expression" | "await" | "await_expression" if kids.len() == 1 => {
                self.facts(kids[0], depth + 1)
            }
            "not_operator" => {
                let (t, f) = c
                    .field("argument")
                    .map(|a| self.facts(a, depth + 1))
                    .unwrap_or_default();
                (f, t)
            }
            "unary_expression" if op == "!" || self.text(c).starts_with('!') => {
                let arg = c.field("argument").or_else(|| kids.last().copied());
                let (t, f) = arg.map(|a| self.facts(a, depth + 1)).unwrap_or_default();
                (f, t)
            }
            "boolean_operator" | "binary_expression"
                if matches!(op, "and" | "or" | "&&" | "||") =>
            {
                let (Some(l), Some(r)) = (c.field("left"), c.field("right")) else {
                    return none;
                };
                let (lt, lf) = self.facts(l, depth + 1);
                let (rt, rf) = self.facts(r, depth + 1);
                let union = |mut a: Vec<String>, b: Vec<String>| {
                    for x in b {
                        if !a.contains(&x) {
                            a.push(x);
                        }
                    }
                    a
                };
                let inter = |a: Vec<String>, b: &[String]| -> Vec<String> {
                    a.into_iter().filter(|x| b.contains(x)).collect()
                };
                if matches!(op, "and" | "&&") {
                    (union(lt, rt), inter(lf, &rf))
                } else {
                    (inter(lt, &rt), union(lf, rf))
                }
            }
            "comparison_operator" => {
                // Python: `x in C`, `x == e`, `x is e` and their negations (one operator).
                let mut cur = c.walk();
                let ops: Vec<String> = c
                    .children_by_field_name("operators", &mut cur)
                    .map(|o| {
                        self.text(o)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                let (Some(op), Some(first), Some(second)) =
                    (ops.first(), kids.first(), kids.get(1))
                else {
                    return none;
                };
                self.comparison_facts(op, *first, *second, depth)
            }
            "binary_expression" if matches!(op, "==" | "===" | "!=" | "!==" | "in") => {
                let (Some(l), Some(r)) = (c.field("left"), c.field("right")) else {
                    return none;
                };
                if op == "in" {
                    return self.comparison_facts("in", l, r, depth);
                }
                // Compared with a literal only: `x === "admin"`, `"admin" == x`.
                let (var, other) = if self.is_literal(r) { (l, r) } else { (r, l) };
                if !self.is_literal(other) {
                    return none;
                }
                let op = if op.starts_with('!') { "!=" } else { "==" };
                self.comparison_facts(op, var, other, depth)
            }
            "call" | "call_expression" => (self.checked_by_call(c), Vec::new()),
            _ if self.spec.is_identifier(c.kind_id()) => {
                (Vec::new(), vec![self.text(c).to_string()])
            }
            _ => none,
        }
    }

    /// Facts of `first <op> second` (`op` normalised: `in`, `not in`, `==`, `!=`, `is`,
    /// `is not`).
    fn comparison_facts(
        &self,
        op: &str,
        first: Node<'_>,
        second: Node<'_>,
        depth: usize,
    ) -> (Vec<String>, Vec<String>) {
        let positive = matches!(op, "in" | "==" | "is");
        let negative = matches!(op, "not in" | "!=" | "is not");
        if !positive && !negative {
            return (Vec::new(), Vec::new());
        }
        // `re.match(p, x) is None`, `isValid(x) === false`: the negated check.
        if op != "in"
            && op != "not in"
            && matches!(first.kind(), "call" | "call_expression")
            && matches!(
                self.text(second),
                "None" | "null" | "undefined" | "False" | "false"
            )
        {
            let (t, f) = self.facts(first, depth + 1);
            return if positive { (f, t) } else { (t, f) };
        }
        let checked: Vec<String> = base_name(first, self.spec, self.src).into_iter().collect();
        if positive {
            (checked, Vec::new())
        } else {
            (Vec::new(), checked)
        }
    }

    fn is_literal(&self, n: Node<'_>) -> bool {
        self.spec.is_string(n.kind_id())
            || matches!(
                n.kind(),
                "string"
                    | "string_literal"
                    | "raw_string_literal"
                    | "number"
                    | "integer_literal"
                    | "float_literal"
                    | "true"
                    | "false"
                    | "null"
                    | "undefined"
                    | "boolean_literal"
            )
    }

    /// The variables a validator call checks: its variable arguments, and for
    /// `x.isdigit()`-like calls its receiver.
    fn checked_by_call(&self, x: Node<'_>) -> Vec<String> {
        let mut checked = Vec::new();
        let name = x
            .field("function")
            .map(|f| callee_name(f, self.src, self.spec))
            .unwrap_or_default();
        if is_validator(&name) {
            for id in identifiers_in_args(x, self.spec) {
                checked.push(self.text(id).to_string());
            }
            if let Some(f) = x.field("function")
                && let Some(o) = f.field("object")
                && let Some(b) = base_name(o, self.spec, self.src)
                && matches!(
                    name.as_str(),
                    "isdigit" | "isnumeric" | "isdecimal" | "isalnum" | "isalpha" | "isidentifier"
                )
            {
                checked.push(b);
            }
        }
        checked
    }
}

#[derive(Default)]
struct Guard {
    /// Clean inside the `if` body.
    positive: Vec<String>,
    /// Clean after an `if` whose body exits.
    negative: Vec<String>,
}

fn is_validator(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "includes"
            | "has"
            | "contains"
            | "contains_key"
            | "test"
            | "fullmatch"
            | "match"
            | "isdigit"
            | "isnumeric"
            | "isdecimal"
            | "isalnum"
            | "isalpha"
            | "isidentifier"
            | "isinstance"
            | "is_match"
            | "issubset"
            | "url_has_allowed_host_and_scheme"
    ) || n.starts_with("is_valid")
        || n.starts_with("isvalid")
        || n.starts_with("validate")
        || n.starts_with("is_safe")
        || n.starts_with("issafe")
        || n.starts_with("is_allowed")
        || n.starts_with("isallowed")
        || n.starts_with("check_")
        || n.starts_with("verify_")
}

/// A function whose name says it checks or cleans its input (`validate_path`,
/// `sanitize_html`, `safe_join`, `get_safe_redirect`, `escapeHtml`, `secure_filename`):
/// its result is trusted, whether it is defined in the project or not. Code that names
/// a function this way means it as the check; a wrong check is a different finding.
fn is_checking_function(name: &str) -> bool {
    // Asked at every call: compared in place, without lower-casing a copy.
    if has_ci(name, "unsafe") || has_ci(name, "insecure") {
        return false;
    }
    [
        "validate", "sanitiz", "sanitis", "escape", "secure_", "clean_",
    ]
    .iter()
    .any(|p| name.len() >= p.len() && name.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
        || has_ci(name, "safe")
}

/// Taint passed through a call: each path gains the call as a step.
fn through_call(t: &[Taint], call_span: Span) -> TSet {
    t.iter()
        .cloned()
        .map(|mut x| {
            if x.steps.len() < MAX_STEPS {
                x.steps.push(FlowPoint {
                    span: call_span,
                    what: FlowKind::Call,
                    file: None,
                });
            }
            x
        })
        .collect()
}

/// The sources a summarised function returns, as taint of the call's value.
fn returned_sources(sum: &Summary, call_span: Span) -> TSet {
    let mut out = TSet::new();
    for (label, origin, origin_file, steps) in &sum.ret_sources {
        let mut s = steps.clone();
        s.push(FlowPoint {
            span: call_span,
            what: FlowKind::Call,
            file: None,
        });
        union_into(
            &mut out,
            &[Taint {
                label: *label,
                origin: *origin,
                origin_file: origin_file.clone(),
                steps: s,
            }],
        );
    }
    out
}

/// A lookup keyed by a value: it returns a stored record, not the key
/// (`Chats.get_chat_by_id(chat_id)`, `User.findById(req.params.id)`,
/// `get_object_or_404(Article, slug=slug)`). What the key selects is the application's
/// own data (stored injection is a flow from the database, not from this request); the
/// key itself is still checked where it is used.
fn is_keyed_lookup(name: &str) -> bool {
    let starts = |p: &str| {
        name.len() > p.len() && name.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    let verb = [
        "get", "find", "fetch", "load", "lookup", "retrieve", "select", "query", "read",
    ]
    .iter()
    .any(|v| starts(v));
    if !verb {
        return matches!(name, "get_object_or_404" | "get_list_or_404");
    }
    // `get_chat_by_id`, `find_by_email`
    name.contains("_by_")
        // `findById`, `getUserByEmail`, `findOneBy`, `findByPk`
        || name
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == b'B' && w[1] == b'y' && (w[2].is_ascii_uppercase()))
        || name.ends_with("OneBy")
        || matches!(name, "findOne" | "findUnique" | "findFirst" | "findUniqueOrThrow" | "findFirstOrThrow")
}

/// Whether `hay` contains `needle`, ignoring ASCII case.
fn has_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A receiver whose `.get(url)` fetches a URL rather than looking up a key: `requests`,
/// `httpx`, `self.session`, `http_client`, `api`.
fn is_http_client(receiver: &str) -> bool {
    let last = receiver
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    [
        "requests", "httpx", "client", "session", "http", "api", "urllib", "pool", "conn",
    ]
    .iter()
    .any(|w| last.contains(w))
}

/// Methods whose result is built from their arguments: string, path, URL, encoding and
/// collection transformers, and wrappers that run or defer a call on their arguments
/// (`loop.run_in_executor(None, f, x)`).
fn is_transformer(m: &str) -> bool {
    // `repo.get_local_path(p)`, `storage.to_url(key)`: a path or URL made from the input.
    if ["_path", "_url", "_uri", "_filename"].iter().any(|end| {
        m.len() >= end.len()
            && m.as_bytes()[m.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
    }) {
        return true;
    }
    matches!(
        m,
        "join"
            | "joinpath"
            | "format"
            | "format_map"
            | "replace"
            | "substitute"
            | "safe_substitute"
            | "render"
            | "sub"
            | "subn"
            | "urljoin"
            | "quote"
            | "unquote"
            | "unquote_plus"
            | "encode"
            | "decode"
            | "dumps"
            | "loads"
            | "b64encode"
            | "b64decode"
            | "urlsafe_b64decode"
            | "urlencode"
            | "fspath"
            | "abspath"
            | "realpath"
            | "normpath"
            | "expanduser"
            | "resolve"
            | "relpath"
            | "dirname"
            | "Path"
            | "PurePath"
            | "cast"
            | "copy"
            | "deepcopy"
            | "get"
            | "pop"
            | "strip"
            | "lstrip"
            | "rstrip"
            | "lower"
            | "upper"
            | "fromkeys"
            | "from_bytes"
            | "parse"
            | "parse_qs"
            | "parse_qsl"
            | "urlparse"
            | "urlsplit"
            | "urlunparse"
            | "urlunsplit"
            | "to_thread"
            | "run_in_executor"
            | "partial"
            | "create_task"
            | "gather"
            | "wait_for"
            | "ensure_future"
    )
}

fn is_mutator(m: &str) -> bool {
    matches!(
        m,
        "append"
            | "extend"
            | "insert"
            | "add"
            | "update"
            | "push"
            | "unshift"
            | "push_str"
            | "extend_from_slice"
            | "push_back"
            | "push_front"
            | "set"
            | "put"
            | "write"
            | "write_str"
            | "appendleft"
            | "setdefault"
            | "concat"
    )
}

fn is_type_sanitizer(name: &str, callee_text: &str, lang: Language) -> bool {
    match lang {
        Language::Python => matches!(
            name,
            "int"
                | "float"
                | "bool"
                | "len"
                | "ord"
                | "abs"
                | "round"
                | "UUID"
                | "isinstance"
                | "hash"
                | "id"
        ),
        Language::Rust => {
            name == "len"
                || (name == "parse"
                    && [
                        "::<i",
                        "::<u",
                        "::<f",
                        "::<bool",
                        "::<Uuid",
                        "::<IpAddr",
                        "::<SocketAddr",
                    ]
                    .iter()
                    .any(|t| callee_text.contains(t)))
        }
        _ => matches!(
            name,
            "parseInt" | "parseFloat" | "Number" | "Boolean" | "isNaN" | "isFinite" | "BigInt"
        ),
    }
}

/// The last name of a callee: `f`, `obj.method`, `module.f`, `Type::new`.
fn callee_name(c: Node<'_>, src: &[u8], spec: &Spec) -> String {
    let text = |n: Node<'_>| {
        String::from_utf8_lossy(src.get(n.byte_range()).unwrap_or_default()).into_owned()
    };
    if spec.is_identifier(c.kind_id()) {
        return text(c);
    }
    for f in ["attribute", "property", "field", "name"] {
        if let Some(x) = c.field(f) {
            return text(x);
        }
    }
    if c.kind() == "generic_function"
        && let Some(f) = c.field("function")
    {
        return callee_name(f, src, spec);
    }
    let t = text(c);
    t.rsplit(['.', ':']).next().unwrap_or_default().to_string()
}

/// The variable an expression is rooted at: `a` for `a`, `a.b[c].d`.
fn base_name(n: Node<'_>, spec: &Spec, src: &[u8]) -> Option<String> {
    let mut cur = n;
    for _ in 0..64 {
        if spec.is_identifier(cur.kind_id()) || matches!(cur.kind(), "self" | "this") {
            return Some(String::from_utf8_lossy(src.get(cur.byte_range())?).into_owned());
        }
        cur = cur
            .field("object")
            .or_else(|| cur.field("value"))
            .or_else(|| {
                let mut c = cur.walk();

                cur.named_children(&mut c).next()
            })?;
    }
    None
}

fn first_identifier<'t>(n: Node<'t>, spec: &Spec) -> Option<Node<'t>> {
    let mut stack = vec![n];
    while let Some(x) = stack.pop() {
        if spec.is_identifier(x.kind_id()) || x.kind() == "self" {
            return Some(x);
        }
        let mut c = x.walk();
        let kids: Vec<Node<'t>> = x.named_children(&mut c).collect();
        stack.extend(kids.into_iter().rev());
    }
    None
}

fn identifiers_in_args<'t>(call: Node<'t>, spec: &Spec) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    if let Some(args) = call.field("arguments") {
        let mut c = args.walk();
        for a in args.named_children(&mut c) {
            let a = if a.kind() == "keyword_argument" {
                a.field("value").unwrap_or(a)
            } else {
                a
            };
            if spec.is_identifier(a.kind_id()) {
                out.push(a);
            } else if matches!(
                a.kind(),
                "attribute" | "member_expression" | "field_expression" | "reference_expression"
            ) && let Some(id) = first_identifier(a, spec)
            {
                out.push(id);
            }
        }
    }
    out
}

fn param_nodes<'t>(f: Node<'t>, spec: &Spec) -> Vec<Node<'t>> {
    let params = f.field("parameters").or_else(|| f.field("parameter"));
    let Some(p) = params else { return Vec::new() };
    if spec.is_identifier(p.kind_id()) {
        // `x => ...`
        return vec![p];
    }
    let mut c = p.walk();
    p.named_children(&mut c)
        .filter(|x| !spec.is_comment(x.kind_id()))
        .collect()
}

fn is_expression_body(body: Node<'_>, spec: &Spec) -> bool {
    !(spec.is_block(body.kind_id()) || body.kind() == "block" || body.kind() == "statement_block")
}

/// True for the last expression of a Rust function body block (its value is returned).
fn is_tail_of_function(n: Node<'_>) -> bool {
    let Some(block) = n.parent() else {
        return false;
    };
    if block.kind() != "block" || block.parent().is_none_or(|f| f.kind() != "function_item") {
        return false;
    }
    let mut c = block.walk();
    let last = block
        .named_children(&mut c)
        .filter(|k| !k.kind().contains("comment"))
        .last();
    last == Some(n) && !n.kind().ends_with("statement") && n.kind() != "let_declaration"
}

/// True when a block ends by leaving the function or loop iteration.
fn ends_in_exit(block: Node<'_>, src: &[u8]) -> bool {
    let mut last = None;
    let mut c = block.walk();
    for ch in block.named_children(&mut c) {
        if !ch.kind().contains("comment") {
            last = Some(ch);
        }
    }
    if matches!(
        block.kind(),
        "return_statement" | "throw_statement" | "expression_statement"
    ) {
        // A consequence without braces: `if (!ok) return res.status(400).end();`
        last = Some(block);
    }
    let Some(l) = last else {
        return matches!(
            block.kind(),
            "return_statement" | "raise_statement" | "throw_statement"
        );
    };
    match l.kind() {
        "return_statement"
        | "raise_statement"
        | "throw_statement"
        | "continue_statement"
        | "break_statement"
        | "return_expression"
        | "continue_expression"
        | "break_expression" => true,
        "expression_statement" => {
            let t =
                String::from_utf8_lossy(src.get(l.byte_range()).unwrap_or_default()).into_owned();
            let t = t.trim_start();
            t.starts_with("return")
                || t.starts_with("abort(")
                || t.starts_with("flask.abort(")
                || t.starts_with("sys.exit(")
                || t.starts_with("process.exit(")
                || t.starts_with("panic!")
                || t.starts_with("bail!")
                || t.starts_with("anyhow::bail!")
                || t.starts_with("unreachable!")
                || t.starts_with("return Err(")
                || t.starts_with("raise ")
                || t.starts_with("throw ")
                || t.starts_with("res.status(") && t.contains("return")
        }
        _ => false,
    }
}

/// (target, value) of an assignment-like node: `x = e`, `x += e`, `const x = e`,
/// `let x = e`, `(x := e)`.
fn assignment_parts(n: Node<'_>) -> (Option<Node<'_>>, Option<Node<'_>>) {
    let (target, value) = match n.kind() {
        "variable_declarator" | "named_expression" => ("name", "value"),
        "let_declaration" => ("pattern", "value"),
        _ => ("left", "right"),
    };
    (n.field(target), n.field(value))
}

/// The field names the engine reads, resolved to ids once per grammar ([`Field::field`]).
const FIELD_NAMES: [&str; 24] = [
    "argument",
    "arguments",
    "attribute",
    "body",
    "condition",
    "consequence",
    "constructor",
    "field",
    "function",
    "left",
    "macro",
    "name",
    "object",
    "operator",
    "parameter",
    "parameters",
    "path",
    "pattern",
    "property",
    "right",
    "superclasses",
    "trait",
    "type",
    "value",
];

/// Where `name` is in [`FIELD_NAMES`] (a `match`, so a literal name folds to a constant).
#[inline(always)]
fn field_index(name: &str) -> Option<usize> {
    match name {
        "argument" => Some(0),
        "arguments" => Some(1),
        "attribute" => Some(2),
        "body" => Some(3),
        "condition" => Some(4),
        "consequence" => Some(5),
        "constructor" => Some(6),
        "field" => Some(7),
        "function" => Some(8),
        "left" => Some(9),
        "macro" => Some(10),
        "name" => Some(11),
        "object" => Some(12),
        "operator" => Some(13),
        "parameter" => Some(14),
        "parameters" => Some(15),
        "path" => Some(16),
        "pattern" => Some(17),
        "property" => Some(18),
        "right" => Some(19),
        "superclasses" => Some(20),
        "trait" => Some(21),
        "type" => Some(22),
        "value" => Some(23),
        _ => None,
    }
}

/// By grammar ([`Language::ALL`] order): the id of each of [`FIELD_NAMES`].
fn field_ids(slot: usize) -> &'static [Option<u16>; FIELD_NAMES.len()] {
    static TABLES: [std::sync::OnceLock<[Option<u16>; FIELD_NAMES.len()]>; 5] =
        [const { std::sync::OnceLock::new() }; 5];
    TABLES[slot].get_or_init(|| {
        let ts = Language::ALL[slot].ts_language();
        FIELD_NAMES.map(|n| ts.field_id_for_name(n).map(std::num::NonZeroU16::get))
    })
}

/// A node's child by field name without tree-sitter's name lookup (a `strncmp` over every
/// field name of the grammar at each call).
trait Field<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> Field<'t> for Node<'t> {
    #[inline]
    fn field(&self, name: &str) -> Option<Node<'t>> {
        let lang = self.language();
        let slot = Language::ALL.iter().position(|l| *l.ts_language() == *lang);
        match (field_index(name), slot) {
            (Some(i), Some(slot)) => self.child_by_field_id(field_ids(slot)[i]?),
            _ => self.child_by_field_name(name),
        }
    }
}

/// A named function of the file and the key its summary is stored under.
struct FnDef<'t> {
    /// `f` for a module-level or nested function, `Class.m` for a method.
    key: String,
    /// The name a call spells: `f`, `m`.
    name: String,
    /// Where the definition spells the name.
    name_span: Span,
    /// Visible to code outside the file by its form: a route decorator (Python), any
    /// decorator of a JS/TS method, exported (JS/TS), `pub` (Rust).
    exposed: bool,
    node: Node<'t>,
}

struct Definitions<'t> {
    funcs: Vec<FnDef<'t>>,
    /// Class-like scopes by name → base classes (Rust: implemented traits).
    classes: HashMap<String, Vec<String>>,
    /// Spans where `self` / `this` / `Self` is an instance of a class: class bodies, Rust
    /// `impl` blocks and traits, and the (non-arrow) member functions of a JS object
    /// literal assigned to a variable. Sorted by start.
    self_scopes: Vec<(Span, String)>,
    /// Every function-like node: its span and the index of the enclosing one
    /// (`usize::MAX` at top level). Sorted by start.
    fn_scopes: Vec<(Span, usize)>,
}

/// `m` for `Class.m`, `f` for `f`.
fn short_name(key: &str) -> &str {
    key.rsplit_once('.').map_or(key, |(_, m)| m)
}

fn node_text(n: Node<'_>, src: &[u8]) -> String {
    String::from_utf8_lossy(src.get(n.byte_range()).unwrap_or_default()).into_owned()
}

/// Nodes that start a new function scope.
fn is_function_like(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "function_declaration"
            | "generator_function_declaration"
            | "method_definition"
            | "function_item"
            | "arrow_function"
            | "function_expression"
            | "function"
            | "generator_function"
            | "lambda"
            | "closure_expression"
    )
}

/// The last segment of a (Rust) type or path: `Foo` for `crate::m::Foo<T>`, `&Foo`.
fn type_base_name(n: Node<'_>, src: &[u8]) -> String {
    let t = node_text(n, src);
    let t = t.split('<').next().unwrap_or_default();
    let t = t.rsplit("::").next().unwrap_or_default();
    let t = t.rsplit('.').next().unwrap_or_default();
    t.trim_start_matches(['&', '*'])
        .trim_start_matches("mut ")
        .trim()
        .to_string()
}

/// When `n` (whose parent is `parent`) is a class-like scope (a Python/JS/TS class, a Rust
/// `impl` block or trait, a JS object literal assigned to a variable), its name.
/// Anonymous classes are named `""`.
fn class_like_name(n: Node<'_>, parent: Option<Node<'_>>, src: &[u8]) -> Option<String> {
    if !n.is_named() {
        return None;
    }
    let declarator_name = || {
        parent
            .filter(|p| p.kind() == "variable_declarator")
            .and_then(|p| p.field("name"))
            .filter(|x| x.kind() == "identifier")
            .map(|x| node_text(x, src))
    };
    match n.kind() {
        "class_definition" | "trait_item" => n.field("name").map(|x| node_text(x, src)),
        "class_declaration" | "abstract_class_declaration" | "class" => Some(
            n.field("name")
                .map(|x| node_text(x, src))
                .or_else(declarator_name)
                .unwrap_or_default(),
        ),
        "impl_item" => n.field("type").map(|t| type_base_name(t, src)),
        "object" => declarator_name(),
        _ => None,
    }
}

/// The base classes a class-like node names (Rust: the trait of `impl Trait for T`).
fn class_bases(n: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |x: Node<'_>| {
        if matches!(
            x.kind(),
            "identifier"
                | "type_identifier"
                | "attribute"
                | "member_expression"
                | "nested_identifier"
        ) {
            out.push(type_base_name(x, src));
        }
    };
    match n.kind() {
        "class_definition" => {
            if let Some(args) = n.field("superclasses") {
                let mut c = args.walk();
                for a in args.named_children(&mut c) {
                    push(a);
                }
            }
        }
        "class_declaration" | "abstract_class_declaration" | "class" => {
            let mut c = n.walk();
            for h in n
                .named_children(&mut c)
                .filter(|k| k.kind() == "class_heritage")
            {
                let mut c2 = h.walk();
                for x in h.named_children(&mut c2) {
                    if x.kind() == "extends_clause" {
                        let mut c3 = x.walk();
                        for v in x.named_children(&mut c3) {
                            push(v);
                        }
                    } else {
                        push(x);
                    }
                }
            }
        }
        "impl_item" => {
            if let Some(t) = n.field("trait") {
                out.push(type_base_name(t, src));
            }
        }
        _ => {}
    }
    out
}

/// What a node opens, for the scope stack of [`definitions`].
#[derive(Clone)]
enum Frame {
    /// A function (its index in `fn_scopes`): functions defined inside are local.
    Function(usize),
    /// A class-like scope: functions defined directly inside are its methods.
    Class(String),
}

/// Visit every node under `root` (included) in document order with its ancestors,
/// outermost first. One cursor walk with an explicit ancestor stack: tree-sitter's
/// `parent()` and `TreeCursor::depth()` both cost the depth (the latter recounts the
/// visible entries of the cursor's stack), so calling either per node is quadratic on
/// deeply nested input.
fn walk_with_ancestors<'t>(
    root: Node<'t>,
    nodes: Option<&mamori_lang::NodeList<'t>>,
    mut visit: impl FnMut(Node<'t>, &[Node<'t>]),
) {
    let mut ancestors: Vec<Node<'t>> = Vec::new();
    // The list walks its entries, or a cursor with the depth counted when the tree is
    // not listed (large files).
    if let Some(list) = nodes {
        list.walk(root, |n, _, depth| {
            ancestors.truncate(depth);
            visit(n, &ancestors);
            ancestors.push(n);
            mamori_lang::Visit::Descend
        });
        return;
    }
    let mut cursor = root.walk();
    'outer: loop {
        let n = cursor.node();
        visit(n, &ancestors);
        if cursor.goto_first_child() {
            ancestors.push(n);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'outer;
            }
            if !cursor.goto_parent() {
                break 'outer;
            }
            ancestors.pop();
        }
    }
}

/// Named functions of a file with their summary keys, the file's classes and scopes, in
/// one [`walk_with_ancestors`].
fn definitions<'t>(
    root: Node<'t>,
    nodes: Option<&mamori_lang::NodeList<'t>>,
    src: &[u8],
) -> Definitions<'t> {
    let mut out = Definitions {
        funcs: Vec::new(),
        classes: HashMap::new(),
        self_scopes: Vec::new(),
        fn_scopes: Vec::new(),
    };
    // The scopes the ancestors of the current node open, with the depth of each.
    let mut frames: Vec<(usize, Frame)> = Vec::new();
    walk_with_ancestors(root, nodes, |n, ancestors| {
        let depth = ancestors.len();
        while frames.last().is_some_and(|(d, _)| *d >= depth) {
            frames.pop();
        }
        let parent = ancestors.last().copied();
        let kind = n.kind();
        // The named function this node defines (name node, function node).
        let named = if matches!(
            kind,
            "function_definition"
                | "function_declaration"
                | "method_definition"
                | "function_item"
                | "generator_function_declaration"
        ) {
            n.field("name").map(|name| (name, n))
        } else if matches!(kind, "arrow_function" | "function_expression" | "function")
            && let Some(p) = parent.filter(|p| p.kind() == "variable_declarator")
            && let Some(name) = p.field("name")
        {
            Some((name, n))
        } else {
            None
        };
        if let Some((name_node, f)) = named {
            let name = node_text(name_node, src);
            let key = match frames.last() {
                Some((_, Frame::Class(class))) => format!("{class}.{name}"),
                _ => name.clone(),
            };
            // `@app.route(..) def f`, `export function f`, `export const f = () => ..`.
            let wrapper = if parent.is_some_and(|p| p.kind() == "variable_declarator") {
                ancestors
                    .len()
                    .checked_sub(3)
                    .and_then(|i| ancestors.get(i))
            } else {
                parent.as_ref()
            };
            // A Python decorator counts only when it registers a route or endpoint
            // (`@csrf_protect`, `@login_required`, `@staticmethod` wrap a function the
            // file may still call as a helper); any decorator of a JS/TS method does
            // (NestJS `@Get()`, `@MessagePattern(..)`, GraphQL `@Query()`).
            let exposed = wrapper.is_some_and(|w| match w.kind() {
                "export_statement" => true,
                "decorated_definition" => {
                    let mut c = w.walk();
                    w.named_children(&mut c)
                        .any(|d| d.kind() == "decorator" && is_route_decorator(d, src))
                }
                _ => false,
            }) || {
                let mut c = f.walk();
                f.children(&mut c)
                    .any(|k| matches!(k.kind(), "visibility_modifier" | "decorator"))
            } || (kind == "method_definition" && {
                // TypeScript: `class_body` holds a method's decorators before it.
                let mut prev = f.prev_named_sibling();
                let mut seen = false;
                while let Some(p) = prev.filter(|p| matches!(p.kind(), "decorator" | "comment")) {
                    seen |= p.kind() == "decorator";
                    prev = p.prev_named_sibling();
                }
                seen
            });
            out.funcs.push(FnDef {
                key,
                name,
                name_span: span_of(name_node),
                exposed,
                node: f,
            });
        }
        if n.is_named() && is_function_like(kind) {
            let enclosing = frames
                .iter()
                .rev()
                .find_map(|(_, f)| match f {
                    Frame::Function(i) => Some(*i),
                    Frame::Class(_) => None,
                })
                .unwrap_or(usize::MAX);
            // A non-arrow member of a named object literal: `this` is that object.
            if kind != "arrow_function"
                && let Some((_, Frame::Class(class))) = frames.last()
                && parent.is_some_and(|p| matches!(p.kind(), "object" | "pair"))
            {
                out.self_scopes.push((span_of(n), class.clone()));
            }
            out.fn_scopes.push((span_of(n), enclosing));
            frames.push((depth, Frame::Function(out.fn_scopes.len() - 1)));
        } else if let Some(class) = class_like_name(n, parent, src) {
            let bases = class_bases(n, src);
            let slot = out.classes.entry(class.clone()).or_default();
            for b in bases {
                if !slot.contains(&b) {
                    slot.push(b);
                }
            }
            if kind != "object" {
                out.self_scopes.push((span_of(n), class.clone()));
            }
            frames.push((depth, Frame::Class(class)));
        }
    });
    out
}

/// The call whose callee spells leaf `n`, and that callee: `f(..)`, `self.m(..)`,
/// `this.m(..)`, `super().m(..)`, `Type::m(..)`.
fn callee_of<'t>(n: Node<'t>, ancestors: &[Node<'t>]) -> Option<(Node<'t>, Node<'t>)> {
    let is_call_of = |call: &Node<'t>, callee: Node<'t>| {
        matches!(call.kind(), "call" | "call_expression")
            && call
                .field("function")
                .is_some_and(|c| c.id() == callee.id())
    };
    let parent = *ancestors.last()?;
    if is_call_of(&parent, n) {
        return Some((parent, n));
    }
    let member = match parent.kind() {
        "attribute" => "attribute",
        "member_expression" => "property",
        "field_expression" => "field",
        "scoped_identifier" => "name",
        _ => return None,
    };
    let grand = *ancestors.get(ancestors.len().checked_sub(2)?)?;
    (parent.field(member).is_some_and(|m| m.id() == n.id()) && is_call_of(&grand, parent))
        .then_some((grand, parent))
}

/// `Class` for the key `Class.m`.
fn class_of(key: &str) -> &str {
    key.rsplit_once('.').map_or("", |(c, _)| c)
}

/// Methods that frameworks call by their name: the HTTP-method handlers of class-based
/// views (Django `View.dispatch`, Tornado, Flask `MethodView`).
fn is_dispatched_by_name(m: &str) -> bool {
    [
        "get", "post", "put", "patch", "delete", "head", "options", "trace", "dispatch",
    ]
    .iter()
    .any(|h| m.eq_ignore_ascii_case(h))
}

/// Whether Python decorator `d` registers its function as a route or endpoint:
/// `@<x>.route(..)`, `@<x>.get/post/put/patch/delete/api_route/websocket(..)`,
/// `@api_view(..)`, `@app.<anything>`.
fn is_route_decorator(d: Node<'_>, src: &[u8]) -> bool {
    let Some(mut e) = d.named_child(0) else {
        return false;
    };
    if e.kind() == "call"
        && let Some(f) = e.field("function")
    {
        e = f;
    }
    match e.kind() {
        "identifier" => node_text(e, src) == "api_view",
        "attribute" => {
            let field = |name: &str| e.field(name).map(|x| node_text(x, src)).unwrap_or_default();
            field("object") == "app"
                || matches!(
                    field("attribute").as_str(),
                    "route"
                        | "get"
                        | "post"
                        | "put"
                        | "patch"
                        | "delete"
                        | "api_route"
                        | "websocket"
                        | "api_view"
                )
        }
        _ => false,
    }
}

/// The innermost of `scopes` (sorted by start, properly nested) that contains `span`.
fn innermost<T>(scopes: &[(Span, T)], span: Span) -> Option<&(Span, T)> {
    let i = scopes.partition_point(|(s, _)| s.start <= span.start);
    scopes[..i]
        .iter()
        .rev()
        .take(4096)
        .find(|(s, _)| s.start <= span.start && span.end <= s.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines (1-based) of the findings of a rule whose sources are the calls `source()`
    /// and whose sinks are the calls `sink(..)`, plus the file's summaries.
    fn run(lang: Language, code: &str) -> (Vec<usize>, HashMap<String, Summary>) {
        let tree = mamori_lang::parse(lang, code.as_bytes(), None).expect("parses");
        let src = code.as_bytes();
        let mut inputs = TaintInputs::default();
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            if matches!(n.kind(), "call" | "call_expression")
                && let Some(f) = n.field("function")
            {
                match &code[f.byte_range()] {
                    "source" => inputs.sources.push((span_of(n), 0, false)),
                    "sink" => inputs.sinks.push((span_of(n), None, Bindings::default())),
                    _ => {}
                }
            }
            // Parameters named `p_*`: a heuristic parameter source (a handler's request
            // parameter).
            if n.kind() == "identifier"
                && code[n.byte_range()].starts_with("p_")
                && n.parent().is_some_and(|p| {
                    matches!(
                        p.kind(),
                        "parameters"
                            | "formal_parameters"
                            | "default_parameter"
                            | "required_parameter"
                    )
                })
            {
                inputs.sources.push((span_of(n), 0, false));
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        let r = analyze(
            tree.root_node(),
            src,
            crate::spec::spec(lang),
            &inputs,
            &HashMap::new(),
        );
        let lines = r
            .matches
            .iter()
            .map(|m| code[..m.span.start].matches('\n').count() + 1)
            .collect();
        (lines, r.summaries)
    }

    /// Lines of the `sink(` calls marked `# hit` / `// hit` must be exactly the findings.
    fn check(lang: Language, code: &str) {
        let expected: Vec<usize> = code
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("sink(") && (l.contains("# hit") || l.contains("// hit")))
            .map(|(i, _)| i + 1)
            .collect();
        let (got, _) = run(lang, code);
        assert_eq!(
            got, expected,
            "findings (left) vs `hit` marks (right) in:\n{code}"
        );
    }

    #[test]
    fn unresolved_python_methods_pass_arguments_only_when_transformers() {
        check(
            Language::Python,
            r#"
import os
import xml.etree.ElementTree as ET
from os import path
from app.models import Files
from app.storage import Storage

class Local:
    def echo(self, v):
        return v

def view():
    x = source()
    sink(Files.get_file_by_id(x))  # clean: a lookup answers with stored data
    sink(Storage.get_file(Files.get_file_by_id(x).path))
    sink(get_store().get_run(x))
    parser = Parser(x)
    sink(os.path.join("/srv", x))  # hit: a function of an imported module
    sink(path.join("/srv", x))  # hit: `from os import path` binds a module
    sink(ET.fromstring(x))  # hit: an aliased module
    sink(", ".join([x]))  # hit: a string transformer
    sink(base.joinpath(x))  # hit: a path transformer
    sink(x.strip())  # hit: the receiver is tainted
    sink(Local().echo(x))  # hit: named like a method of the file
    sink(make(x))  # hit: a plain unknown function keeps its inputs' taint
"#,
        );
    }

    #[test]
    fn parameter_sources_skip_helpers_only_called_in_the_file() {
        check(
            Language::Python,
            r#"
def clean_helper(request, p_page):
    sink(p_page)  # not reported: every use is a call, with a clean argument

def view_a(request):
    return clean_helper(request, "fixed")

def fed_helper(request, p_note):
    sink(p_note)  # hit: through the summary of the call below

def view_b(request):
    return fed_helper(request, source())

def view_c(request, p_slug):
    sink(p_slug)  # hit: never called here, an entry point

def routed(request, p_text):
    sink(p_text)  # hit: also referenced, not only called

def view_d(request):
    return routed(request, "x")

urlpatterns = [routed]

@app.get("/")
def decorated(p_q):
    sink(p_q)  # hit: decorated, an entry point

def view_e(request):
    return decorated("x")

def recursive(request, p_n):
    sink(p_n)  # hit: called only from its own body
    recursive(request, "x")
"#,
        );
        check(
            Language::JavaScript,
            r#"
function helper(req, p_a) {
  sink(p_a); // not reported: only called, with a clean argument
}
function view(req) {
  helper(req, "x");
}
export function exported(p_b) {
  sink(p_b); // hit: exported
}
exported("x");
function handler(req, p_c) {
  sink(p_c); // hit: passed as a callback
}
handler(req, "x");
app.get("/", handler);
"#,
        );
    }

    #[test]
    fn parameter_sources_skip_called_methods_and_non_route_decorated_helpers() {
        check(
            Language::Python,
            r#"
@csrf_protect
def render_item(request, p_item):
    sink(p_item)  # not reported: a plain decorator, and the file only calls it

def item_view(request):
    return render_item(request, Item.objects.get(pk=1))

@app.route("/a")
def routed_a(p_a):
    sink(p_a)  # hit: `@app.route`, an entry point

@bp.get("/b")
def routed_b(p_b):
    sink(p_b)  # hit: `@<x>.get(..)`, an entry point

@api_view(["GET"])
def routed_c(p_c):
    sink(p_c)  # hit: `@api_view`, an entry point

def caller(request):
    routed_a("x")
    routed_b("x")
    routed_c("x")

class Admin:
    def respond(self, request, p_obj, p_url=None):
        sink(p_url)  # not reported: only called through `self`, with a clean argument

    def change(self, request):
        return self.respond(request, obj)

    def fed(self, request, p_val):
        sink(p_val)  # hit: through the summary of `self.fed(request, source())`

    def change2(self, request):
        return self.fed(request, source())

    def passed(self, request, p_cb):
        sink(p_cb)  # hit: also referenced as `self.passed`, not only called

    def change3(self, request):
        self.passed(request, "x")
        return run(self.passed)

    def get(self, request, p_slug):
        sink(p_slug)  # hit: an HTTP handler, dispatched by name

class Child(Admin):
    def get(self, request, p_slug):
        return super().get(request, "x")

    def respond(self, request, p_obj, p_url=None):
        sink(p_url)  # hit: overrides a method the file calls, may be reached from it

    def change4(self, request):
        return self.respond(request, obj)
"#,
        );
        check(
            Language::TypeScript,
            r#"
class Controller {
  render(req, p_a) {
    sink(p_a); // not reported: only called through `this`
  }
  view(req) {
    return this.render(req, "x");
  }
  @Get()
  find(p_b) {
    sink(p_b); // hit: a decorated method
  }
  other(req) {
    return this.find("x");
  }
}
"#,
        );
    }

    #[test]
    fn python_methods_resolve_by_class_not_by_name() {
        check(
            Language::Python,
            r#"
class Store:
    def get(self, key):
        sink(key)  # hit: reached through `s.get(...)` below

class Cache:
    def get(self, key):
        sink(key)

class Next:
    def get(self, request):
        target = request.GET.get(source())
        return target

def view():
    d = {}
    d.get(source())
    s = Store()
    s.get(source())
"#,
        );
        // `self.m`, `cls.m`, `Name.m` and inherited methods resolve; `other.m` does not.
        check(
            Language::Python,
            r#"
class Base:
    def run(self, cmd):
        sink(cmd)  # hit: via self.run in Child (inherited)

    @classmethod
    def build(cls, cmd):
        sink(cmd)  # hit: via Base.build

class Child(Base):
    def handle(self):
        self.run(source())
        Base.build(source())

class Unrelated:
    def exec(self, cmd):
        sink(cmd)

def other(obj):
    obj.exec(source())
"#,
        );
    }

    #[test]
    fn python_summary_keys_are_qualified_for_methods() {
        let (_, sums) = run(
            Language::Python,
            r#"
def helper(x):
    sink(x)

class Svc:
    def run(self, x):
        sink(x)
"#,
        );
        let mut keys: Vec<&String> = sums.keys().collect();
        keys.sort();
        assert_eq!(keys, ["Svc.run", "helper"]);
    }

    #[test]
    fn js_methods_resolve_by_class_not_by_name() {
        check(
            Language::JavaScript,
            r#"
class Repo {
  find(q) {
    sink(q); // hit: via this.find
  }
  list(req) {
    this.find(source());
  }
}
class Other {
  get(k) {
    sink(k);
  }
}
const api = {
  run(c) {
    sink(c); // hit: via api.run
  },
};
function handler(req, res) {
  const m = new Map();
  m.get(source());
  api.run(source());
}
"#,
        );
    }

    #[test]
    fn rust_methods_resolve_by_impl_type() {
        check(
            Language::Rust,
            r#"
struct Db;
impl Db {
    fn query(&self, q: String) {
        sink(q); // hit: via self.query
    }
    fn raw(q: String) {
        sink(q); // hit: via Self::raw
    }
    fn handle(&self) {
        self.query(source());
        Self::raw(source());
    }
}
struct Other;
impl Other {
    fn get(&self, k: String) {
        sink(k);
    }
}
fn run(map: &std::collections::HashMap<String, String>) {
    map.get(&source());
}
"#,
        );
    }

    #[test]
    fn keys_and_indexes_select_entries_without_tainting_them() {
        check(
            Language::Python,
            r#"
COMMANDS = {"a": "uptime"}

def view():
    k = source()
    sink(COMMANDS[k])
    sink(COMMANDS.get(k))
    sink(COMMANDS.get(k, "uptime"))
    sink(config.URLS[k:])
    sink(COMMANDS[sink(k)])  # hit: the key's own sink
    data = source()
    sink(data[k])  # hit: the container is tainted
    sink(data.get("x"))  # hit
    sink(COMMANDS.get("a", k))  # hit: the default is returned
    stored = {}
    stored["x"] = k
    sink(stored["x"])  # hit: tainted values were stored into it
    sink(requests.get(k))  # hit: an HTTP client, not a lookup
"#,
        );
        check(
            Language::JavaScript,
            r#"
const COMMANDS = { a: "uptime" };
function view() {
  const k = source();
  sink(COMMANDS[k]);
  const data = source();
  sink(data[k]); // hit
}
"#,
        );
        check(
            Language::Rust,
            r#"
fn view(commands: &[String]) {
    let i = source();
    sink(&commands[i]);
    let data = source();
    sink(&data[0]); // hit
}
"#,
        );
    }

    #[test]
    fn compound_guards() {
        check(
            Language::Python,
            r#"
def a():
    x = source()
    if not is_safe(x) or other():
        return
    sink(x)

def b():
    x = source()
    if other() and not is_safe(x):
        return
    sink(x)  # hit: `other()` false skips the check

def c():
    x = source()
    if not (is_safe(x) and other()):
        return
    sink(x)

def d():
    x = source()
    if is_safe(x) or other():
        sink(x)  # hit: `other()` alone enters
    if is_safe(x) and other():
        sink(x)

def e():
    x = source()
    if x not in ALLOWED:
        sink(x)  # hit
    else:
        sink(x)

def f():
    x = source()
    if (x or other()) and not is_safe(x):
        x = "/"
    sink(x)

def g():
    x = source()
    if other() and not is_safe(x):
        x = "/"
    sink(x)  # hit

def h():
    x = source()
    if x is not None:
        sink(x)  # hit
    if re.fullmatch(PAT, x) is None:
        return
    sink(x)
"#,
        );
        check(
            Language::JavaScript,
            r#"
function a(req) {
  const x = source();
  if (!isSafe(x) || y) return;
  sink(x);
}
function b(req) {
  const x = source();
  if (y || !isSafe(x)) return;
  sink(x);
}
function c(req) {
  const x = source();
  if (y && !isSafe(x)) return;
  sink(x); // hit
}
function d(req) {
  const x = source();
  if (!y || isSafe(x)) return;
  sink(x); // hit
}
function e(req) {
  const x = source();
  if (x !== "status") {
    throw new Error("bad");
  }
  sink(x);
}
"#,
        );
        check(
            Language::Rust,
            r#"
fn a() {
    let x = source();
    if !is_valid(&x) || y {
        return;
    }
    sink(x);
}
fn b() {
    let x = source();
    if y && !is_valid(&x) {
        return;
    }
    sink(x); // hit
}
"#,
        );
    }
}
