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
#[derive(Debug, Default)]
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
    /// Taint from sources inside the function reaching its return value.
    pub ret_sources: Vec<(u16, Span, Vec<FlowPoint>)>,
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
        for (_, _, steps) in &mut self.ret_sources {
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

#[derive(Debug, Clone)]
struct Taint {
    label: u16,
    origin: Span,
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
    vars: HashMap<String, TSet>,
}

impl Env {
    fn join(&mut self, other: &Env) {
        for (k, v) in &other.vars {
            union_into(self.vars.entry(k.clone()).or_default(), v);
        }
    }
}

/// Result of analysing one file.
#[derive(Debug, Default)]
pub struct TaintResult {
    pub matches: Vec<Match>,
    /// Summaries of the file's named functions (for cross-file use).
    pub summaries: HashMap<String, Summary>,
    /// True when the step budget ran out (results partial).
    pub exhausted: bool,
    /// True when the deadline passed during the analysis (results partial).
    pub timed_out: bool,
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
    let has_sources =
        !inputs.sources.is_empty() || external.values().any(|s| !s.ret_sources.is_empty());
    let has_sinks =
        !inputs.sinks.is_empty() || external.values().any(|s| !s.param_sinks.is_empty());
    if !has_sources && !has_sinks {
        return TaintResult::default();
    }
    let mut a = Analyzer::new(src, spec, inputs);
    a.deadline = deadline;
    a.summaries.clone_from(external);
    // Only functions that contain a source or sink, or call (by name) one that does, can
    // have a summary that matters; only they are summarised (bottom-up, two rounds for
    // calls between functions of the file) and walked in the report pass.
    let funcs = named_functions(root, src, spec);
    let mut relevant: HashSet<String> = external.keys().cloned().collect();
    for (name, f) in &funcs {
        if a.contains_interesting(span_of(*f)) {
            relevant.insert(name.clone());
        }
    }
    for _ in 0..3 {
        let mut grew = false;
        for (name, f) in &funcs {
            if !relevant.contains(name) && a.mentions_any(*f, &relevant) {
                relevant.insert(name.clone());
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
            .any(|(_, f)| f.start_byte() <= sp.start && sp.end <= f.end_byte())
    });
    let callers: Vec<Node<'_>> = funcs
        .iter()
        .filter(|(n, _)| relevant.contains(n))
        .map(|(_, f)| *f)
        .collect();
    for (name, f) in &funcs {
        if relevant.contains(name) || name.is_empty() {
            continue;
        }
        let called = if top_level_interesting {
            memchr::memmem::find(src, name.as_bytes()).is_some()
        } else {
            callers.iter().any(|c| {
                c.id() != f.id()
                    && memchr::memmem::find(
                        src.get(c.byte_range()).unwrap_or_default(),
                        name.as_bytes(),
                    )
                    .is_some()
            })
        };
        if called {
            relevant.insert(name.clone());
        }
    }
    a.relevant = relevant;
    for _ in 0..2 {
        for (name, f) in &funcs {
            if !a.relevant.contains(name) {
                continue;
            }
            let s = a.summarize(*f);
            if s.is_interesting() || !a.summaries.contains_key(name) {
                a.summaries.insert(name.clone(), s);
            }
        }
    }
    // A finding needs both a source and a sink (here or behind a summary).
    if has_sources && has_sinks {
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
        .filter_map(|(n, _)| a.summaries.get(n).map(|s| (n.clone(), s.clone())))
        .filter(|(_, s)| s.is_interesting())
        .collect();
    TaintResult {
        matches,
        summaries: own,
        exhausted: a.budget == 0,
        timed_out: a.timed_out,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Summary,
    Report,
}

struct Analyzer<'a> {
    src: &'a [u8],
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
    /// Names of functions whose summaries can matter (see `analyze_until`).
    relevant: HashSet<String>,
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

impl<'a> Analyzer<'a> {
    fn new(src: &'a [u8], spec: &'static Spec, inputs: &TaintInputs) -> Self {
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
            src,
            spec,
            lang: spec.lang,
            sources,
            side_sources,
            sinks,
            sanitizers,
            side_sanitizers,
            propagators,
            summaries: HashMap::new(),
            relevant: HashSet::new(),
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

    fn text(&self, n: Node<'_>) -> &'a str {
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
        if let Some(body) = f.child_by_field_name("body") {
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
        let pattern = p
            .child_by_field_name("pattern")
            .or_else(|| p.child_by_field_name("name"))
            .unwrap_or(p);
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
                .any(|(l, o, _)| *l == taint.label && *o == taint.origin)
            {
                cur.ret_sources
                    .push((taint.label, taint.origin, taint.steps.clone()));
            }
        }
    }

    /// Check `t` against the sinks at `n`.
    fn check_sink(&mut self, n: Node<'_>, t: &TSet) {
        let Some(sinks) = self.sinks.get(&key(n)).cloned() else {
            return;
        };
        if t.is_empty() {
            return;
        }
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
                        file: None,
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
    fn mentions_any(&self, f: Node<'_>, names: &HashSet<String>) -> bool {
        let body = self.src.get(f.byte_range()).unwrap_or_default();
        names
            .iter()
            .any(|n| !n.is_empty() && memchr::memmem::find(body, n.as_bytes()).is_some())
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
        for p in param_nodes(f, self.spec) {
            let names = self.param_names(p);
            if names.is_empty() {
                continue;
            }
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
                            steps: Vec::new(),
                        });
                    }
                }
            }
            for name in names {
                inner.vars.insert(name, t.clone());
            }
        }
        // While summarising, a nested function still reports sinks its captured
        // parameters reach (`new Promise(() => exec(cmd))`), but its `return` is its own.
        self.closure_depth += 1;
        let saved_mode = self.mode;
        if let Some(body) = f.child_by_field_name("body") {
            if is_expression_body(body, self.spec) {
                let _ = self.eval(body, &mut inner, depth + 1);
            } else {
                self.exec(body, &mut inner, depth + 1);
            }
        }
        self.closure_depth -= 1;
        self.mode = saved_mode;
    }

    fn exec_with_item(&mut self, item: Node<'_>, env: &mut Env, depth: usize) {
        // `with open(p) as f`: with_item > value: as_pattern(expr, as_pattern_target)
        let value = item.child_by_field_name("value").unwrap_or(item);
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
        let cond = n.child_by_field_name("condition");
        if let Some(c) = cond {
            let _ = self.eval(c, env, depth + 1);
        }
        let guarded = cond.map(|c| self.guard(c)).unwrap_or_default();
        let mut then_env = env.clone();
        if !guarded.positive.is_empty() {
            for v in &guarded.positive {
                then_env.vars.insert(v.clone(), TSet::new());
            }
        }
        let consequence = n.child_by_field_name("consequence");
        let mut then_exits = false;
        if let Some(c) = consequence {
            self.exec(c, &mut then_env, depth + 1);
            then_exits = ends_in_exit(c, self.src);
        }
        let mut else_env = env.clone();
        let mut c = n.walk();
        let alternatives: Vec<Node<'_>> = n.children_by_field_name("alternative", &mut c).collect();
        for alt in alternatives {
            match alt.kind() {
                "elif_clause" => {
                    if let Some(c2) = alt.child_by_field_name("condition") {
                        let _ = self.eval(c2, &mut else_env, depth + 1);
                    }
                    let mut e = else_env.clone();
                    if let Some(b) = alt.child_by_field_name("consequence") {
                        self.exec(b, &mut e, depth + 1);
                    }
                    else_env.join(&e);
                }
                _ => self.exec(alt, &mut else_env, depth + 1),
            }
        }
        // The path where a negated check failed (`x` is in ALLOWED) has `x` clean.
        for v in &guarded.negative {
            else_env.vars.insert(v.clone(), TSet::new());
        }
        if then_exits {
            // `if x not in ALLOWED: return` — after the if, only the else path continues.
            *env = else_env;
        } else {
            then_env.join(&else_env);
            *env = then_env;
        }
    }

    fn exec_loop(&mut self, n: Node<'_>, env: &mut Env, depth: usize) {
        // Loop targets: `for x in e` / `for (const x of e)` / `for x in e` (Rust pattern).
        let target = n
            .child_by_field_name("left")
            .or_else(|| n.child_by_field_name("pattern"));
        let iter = n
            .child_by_field_name("right")
            .or_else(|| n.child_by_field_name("value"));
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
                    || n.child_by_field_name("body") == Some(c)
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
        let (target, value) = match n.kind() {
            "variable_declarator" => (
                n.child_by_field_name("name"),
                n.child_by_field_name("value"),
            ),
            "let_declaration" => (
                n.child_by_field_name("pattern"),
                n.child_by_field_name("value"),
            ),
            "named_expression" => (
                n.child_by_field_name("name"),
                n.child_by_field_name("value"),
            ),
            _ => (
                n.child_by_field_name("left"),
                n.child_by_field_name("right"),
            ),
        };
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
            && n.child_by_field_name("type").is_some_and(|ty| {
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
                // Storing into an object taints the object (containers).
                if let Some(obj) = target
                    .child_by_field_name("object")
                    .or_else(|| target.child_by_field_name("value"))
                    && let Some(base) = base_name(obj, self.spec, self.src)
                {
                    union_into(env.vars.entry(base).or_default(), &stepped);
                }
            }
            "subscript" | "subscript_expression" | "index_expression" => {
                if let Some(base) = target
                    .child_by_field_name("value")
                    .or_else(|| target.child_by_field_name("object"))
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
                        let obj = n
                            .child_by_field_name("object")
                            .or_else(|| n.child_by_field_name("value"));
                        if let Some(o) = obj {
                            let _ = self.eval(o, env, depth + 1);
                        }
                        t
                    } else {
                        let obj = n
                            .child_by_field_name("object")
                            .or_else(|| n.child_by_field_name("value"));
                        obj.map(|o| self.eval(o, env, depth + 1))
                            .unwrap_or_default()
                    }
                }
                "call" | "call_expression" | "new_expression" | "macro_invocation" => {
                    self.eval_call(n, env, depth)
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
                        .child_by_field_name("operator")
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
                && let (Some(l), Some(r)) = (
                    c.child_by_field_name("left"),
                    c.child_by_field_name("right"),
                )
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
            .child_by_field_name("function")
            .or_else(|| n.child_by_field_name("constructor"))
            .or_else(|| n.child_by_field_name("macro"));
        let args_node = n.child_by_field_name("arguments");
        // Receiver of a method call.
        let mut recv = TSet::new();
        let mut method: Option<&str> = None;
        let mut receiver_node = None;
        if let Some(c) = callee {
            match c.kind() {
                "attribute" | "member_expression" | "field_expression" => {
                    let obj = c
                        .child_by_field_name("object")
                        .or_else(|| c.child_by_field_name("value"));
                    if let Some(o) = obj {
                        recv = self.eval(o, env, depth + 1);
                        receiver_node = Some(o);
                    }
                    method = c
                        .child_by_field_name("attribute")
                        .or_else(|| c.child_by_field_name("property"))
                        .or_else(|| c.child_by_field_name("field"))
                        .map(|m| self.text(m));
                }
                _ => {
                    let _ = self.eval(c, env, depth + 1);
                }
            }
        }
        // Arguments (keyword arguments by name).
        let mut positional: Vec<TSet> = Vec::new();
        let mut keyword: Vec<(String, TSet)> = Vec::new();
        let mut arg_spans: Vec<Span> = Vec::new();
        let mut kw_spans: Vec<(String, Span)> = Vec::new();
        if let Some(a) = args_node {
            for arg in self.named_kids(a) {
                if arg.kind() == "keyword_argument" {
                    let name = arg
                        .child_by_field_name("name")
                        .map(|x| self.text(x).to_string())
                        .unwrap_or_default();
                    kw_spans.push((
                        name,
                        span_of(arg.child_by_field_name("value").unwrap_or(arg)),
                    ));
                } else {
                    arg_spans.push(span_of(arg));
                }
                match arg.kind() {
                    "keyword_argument" => {
                        let name = arg
                            .child_by_field_name("name")
                            .map(|x| self.text(x).to_string())
                            .unwrap_or_default();
                        let t = arg
                            .child_by_field_name("value")
                            .map(|v| self.eval(v, env, depth + 1))
                            .unwrap_or_default();
                        keyword.push((name, t));
                    }
                    _ => positional.push(self.eval(arg, env, depth + 1)),
                }
            }
        }
        let name = callee
            .map(|c| callee_name(c, self.src, self.spec))
            .unwrap_or_default();
        // Type conversions are sanitizers: `int(x)`, `Number(x)`, `x.parse::<i64>()`.
        if is_type_sanitizer(
            &name,
            callee.map(|c| self.text(c)).unwrap_or_default(),
            self.lang,
        ) {
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
        if let Some(sum) = self.summaries.get(&name).cloned()
            && (method.is_none()
                || receiver_is_self_like(receiver_node, self.src)
                || sum.params.first().is_some_and(|p| p == "self"))
        {
            let offset = usize::from(
                sum.params
                    .first()
                    .is_some_and(|p| p == "self" || p == "cls"),
            );
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
                    let t: TSet = arg_taint(i)
                        .into_iter()
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
                        .collect();
                    union_into(&mut out, &t);
                }
            }
            for (label, origin, steps) in &sum.ret_sources {
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
                        steps: s,
                    }],
                );
            }
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
                            file: None,
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
                            file: None,
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
        // Unknown function: its result carries the taint of its inputs.
        let mut out = all_args;
        union_into(&mut out, &recv);
        out
    }

    fn guard(&self, cond: Node<'_>) -> Guard {
        let mut g = Guard::default();
        let text = self
            .text(cond)
            .trim_start()
            .trim_start_matches('(')
            .trim_start();
        let negated =
            text.starts_with("not ") || text.starts_with('!') || text.contains(" not in ");
        // Variables checked: left of `in`, arguments/receivers of validator-like calls,
        // compared against a literal.
        let mut stack = vec![cond];
        let mut checked = Vec::new();
        while let Some(x) = stack.pop() {
            match x.kind() {
                "comparison_operator" => {
                    let t = self.text(x);
                    if (t.contains(" in ") || t.contains("==") || t.contains(" is "))
                        && let Some(first) = self.named_kids(x).first()
                        && let Some(b) = base_name(*first, self.spec, self.src)
                    {
                        checked.push(b);
                    }
                }
                "call" | "call_expression" => {
                    let name = x
                        .child_by_field_name("function")
                        .map(|f| callee_name(f, self.src, self.spec))
                        .unwrap_or_default();
                    if is_validator(&name) {
                        for id in identifiers_in_args(x, self.spec) {
                            checked.push(self.text(id).to_string());
                        }
                        if let Some(f) = x.child_by_field_name("function")
                            && let Some(o) = f.child_by_field_name("object")
                            && let Some(b) = base_name(o, self.spec, self.src)
                            && matches!(
                                name.as_str(),
                                "isdigit"
                                    | "isnumeric"
                                    | "isdecimal"
                                    | "isalnum"
                                    | "isalpha"
                                    | "isidentifier"
                            )
                        {
                            checked.push(b);
                        }
                    }
                }
                _ => {}
            }
            let mut c = x.walk();
            stack.extend(x.named_children(&mut c));
        }
        if negated {
            g.negative = checked;
        } else {
            g.positive = checked;
        }
        g
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
    ) || n.starts_with("is_valid")
        || n.starts_with("isvalid")
        || n.starts_with("validate")
        || n.starts_with("is_safe")
        || n.starts_with("issafe")
        || n.starts_with("is_allowed")
        || n.starts_with("isallowed")
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
        if let Some(x) = c.child_by_field_name(f) {
            return text(x);
        }
    }
    if c.kind() == "generic_function"
        && let Some(f) = c.child_by_field_name("function")
    {
        return callee_name(f, src, spec);
    }
    let t = text(c);
    t.rsplit(['.', ':']).next().unwrap_or_default().to_string()
}

fn receiver_is_self_like(r: Option<Node<'_>>, src: &[u8]) -> bool {
    r.is_some_and(|r| matches!(src.get(r.byte_range()), Some(b"self" | b"this" | b"cls")))
}

/// The variable an expression is rooted at: `a` for `a`, `a.b[c].d`.
fn base_name(n: Node<'_>, spec: &Spec, src: &[u8]) -> Option<String> {
    let mut cur = n;
    for _ in 0..64 {
        if spec.is_identifier(cur.kind_id()) || matches!(cur.kind(), "self" | "this") {
            return Some(String::from_utf8_lossy(src.get(cur.byte_range())?).into_owned());
        }
        cur = cur
            .child_by_field_name("object")
            .or_else(|| cur.child_by_field_name("value"))
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
    if let Some(args) = call.child_by_field_name("arguments") {
        let mut c = args.walk();
        for a in args.named_children(&mut c) {
            let a = if a.kind() == "keyword_argument" {
                a.child_by_field_name("value").unwrap_or(a)
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
    let params = f
        .child_by_field_name("parameters")
        .or_else(|| f.child_by_field_name("parameter"));
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

/// Named functions of a file (name → node), for summaries.
fn named_functions<'t>(root: Node<'t>, src: &[u8], spec: &Spec) -> Vec<(String, Node<'t>)> {
    let mut out = Vec::new();
    let mut cursor = root.walk();
    'outer: loop {
        let n = cursor.node();
        let kind = n.kind();
        let is_fn = matches!(
            kind,
            "function_definition"
                | "function_declaration"
                | "method_definition"
                | "function_item"
                | "generator_function_declaration"
        );
        if is_fn {
            if let Some(name) = n.child_by_field_name("name") {
                out.push((
                    String::from_utf8_lossy(src.get(name.byte_range()).unwrap_or_default())
                        .into_owned(),
                    n,
                ));
            }
        } else if kind == "variable_declarator"
            && let (Some(name), Some(v)) = (
                n.child_by_field_name("name"),
                n.child_by_field_name("value"),
            )
            && matches!(
                v.kind(),
                "arrow_function" | "function_expression" | "function"
            )
        {
            out.push((
                String::from_utf8_lossy(src.get(name.byte_range()).unwrap_or_default())
                    .into_owned(),
                v,
            ));
        }
        let _ = spec;
        if cursor.goto_first_child() {
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
