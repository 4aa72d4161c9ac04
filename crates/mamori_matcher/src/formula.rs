//! Rule formulas: how atomic patterns combine (Semgrep's `patterns`, `pattern-either`,
//! `pattern-not`, `pattern-inside`, `pattern-not-inside`, `pattern-regex`,
//! `metavariable-regex`, `metavariable-pattern`, `metavariable-comparison`,
//! `focus-metavariable`), and their evaluation over the matches one tree walk collected.

use std::cell::Cell;
use std::time::Instant;

use mamori_text::Span;
use regex::Regex;

use crate::matching::{Bindings, Match};

/// Index of an atomic pattern in a [`crate::PatternArena`].
pub type PatternId = u32;

/// A compiled rule regex, shared by every rule and grammar that uses the same text. A
/// `Regex` clone would share the program but get a cache pool of its own (and, per
/// thread that runs it, a lazy-DFA cache): thousands of clones cost megabytes.
pub type SharedRegex = std::sync::Arc<Regex>;

/// A formula producing ranges.
#[derive(Debug, Clone)]
pub enum Formula {
    /// Matches of one compiled pattern.
    Pattern(PatternId),
    /// Matches of a regex over the file text (`pattern-regex`); named groups bind
    /// metavariables of the same name.
    Regex(SharedRegex),
    /// Union (`pattern-either`).
    Or(Vec<Formula>),
    /// Conjunction (`patterns`).
    And(Vec<Conjunct>),
}

/// One item of a conjunction.
#[derive(Debug, Clone)]
pub enum Conjunct {
    /// A positive term: results must lie within one of its matches.
    Pos(Formula),
    /// `pattern-inside`.
    Inside(Formula),
    /// `pattern-not`: drop results equal to one of its matches.
    Not(Formula),
    /// `pattern-not-inside`: drop results inside one of its matches.
    NotInside(Formula),
    /// `pattern-not-regex`: drop results overlapping a match of the regex.
    NotRegex(SharedRegex),
    /// `metavariable-regex`.
    MetavarRegex { name: String, regex: SharedRegex },
    /// `metavariable-pattern`: the bound code must match the formula.
    MetavarPattern { name: String, formula: Box<Formula> },
    /// `metavariable-comparison`.
    MetavarComparison { comparison: Comparison },
    /// `metavariable-formatted`: drop the match when every value formatted into the bound
    /// string is a literal or matches `unless_all` (see [`crate::formatted`]).
    MetavarFormatted {
        name: String,
        unless_all: Box<Formula>,
    },
    /// `focus-metavariable`: report the bound code instead of the whole match.
    Focus(Vec<String>),
}

/// A `metavariable-comparison` expression over bound values.
#[derive(Debug, Clone)]
pub enum Comparison {
    Int(i128),
    Str(String),
    Bool(bool),
    /// `[a, b, c]` (right-hand side of `in`).
    List(Vec<Comparison>),
    /// `$X` (the bound code, as a number when it parses as one, else as a string).
    Var(String),
    /// `int($X)` / `str($X)`.
    IntOf(Box<Comparison>),
    StrOf(Box<Comparison>),
    /// `re.match(pattern, $X)`.
    ReMatch(Regex, Box<Comparison>),
    Not(Box<Comparison>),
    Bin(Box<Comparison>, CmpOp, Box<Comparison>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    In,
    NotIn,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(i128),
    Str(String),
    Bool(bool),
    List(Vec<Value>),
}

impl Value {
    fn truthy(&self) -> bool {
        match self {
            Value::Int(i) => *i != 0,
            Value::Str(s) => !s.is_empty(),
            Value::Bool(b) => *b,
            Value::List(l) => !l.is_empty(),
        }
    }
}

fn parse_int_literal(s: &str) -> Option<i128> {
    let t: String = s.trim().chars().filter(|c| *c != '_').collect();
    let (neg, t) = t
        .strip_prefix('-')
        .map_or((false, t.as_str()), |r| (true, r));
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i128::from_str_radix(h, 16).ok()?
    } else if let Some(o) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
        i128::from_str_radix(o, 8).ok()?
    } else if let Some(b) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        i128::from_str_radix(b, 2).ok()?
    } else {
        // Allow Rust-style suffixes (`10u32`) and trailing `L`.
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return None;
        }
        digits.parse().ok()?
    };
    Some(if neg { -v } else { v })
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ["\"\"\"", "'''", "\"", "'", "`"] {
        if t.len() >= 2 * q.len() && t.starts_with(q) && t.ends_with(q) {
            return t[q.len()..t.len() - q.len()].to_string();
        }
    }
    t.to_string()
}

impl Comparison {
    fn eval(&self, b: &Bindings, src: &[u8]) -> Option<Value> {
        Some(match self {
            Comparison::Int(i) => Value::Int(*i),
            Comparison::Str(s) => Value::Str(s.clone()),
            Comparison::Bool(x) => Value::Bool(*x),
            Comparison::List(items) => Value::List(
                items
                    .iter()
                    .map(|i| i.eval(b, src))
                    .collect::<Option<Vec<_>>>()?,
            ),
            Comparison::Var(name) => {
                let span = b.get(name)?;
                let text = String::from_utf8_lossy(src.get(span.range())?).into_owned();
                match parse_int_literal(&text) {
                    Some(i) => Value::Int(i),
                    None => Value::Str(unquote(&text)),
                }
            }
            Comparison::IntOf(inner) => match inner.eval(b, src)? {
                Value::Int(i) => Value::Int(i),
                Value::Str(s) => Value::Int(parse_int_literal(&unquote(&s))?),
                Value::Bool(x) => Value::Int(i128::from(x)),
                Value::List(_) => return None,
            },
            Comparison::StrOf(inner) => match inner.eval(b, src)? {
                Value::Int(i) => Value::Str(i.to_string()),
                Value::Str(s) => Value::Str(s),
                Value::Bool(x) => Value::Str(if x { "True".into() } else { "False".into() }),
                Value::List(_) => return None,
            },
            Comparison::ReMatch(re, inner) => {
                let s = match inner.eval(b, src)? {
                    Value::Str(s) => s,
                    Value::Int(i) => i.to_string(),
                    _ => return None,
                };
                // Python's re.match anchors at the start only.
                Value::Bool(re.find(&s).is_some_and(|m| m.start() == 0))
            }
            Comparison::Not(inner) => Value::Bool(!inner.eval(b, src)?.truthy()),
            Comparison::Bin(l, op, r) => {
                let lv = l.eval(b, src)?;
                if *op == CmpOp::And {
                    return Some(Value::Bool(lv.truthy() && r.eval(b, src)?.truthy()));
                }
                if *op == CmpOp::Or {
                    return Some(Value::Bool(lv.truthy() || r.eval(b, src)?.truthy()));
                }
                let rv = r.eval(b, src)?;
                binop(&lv, *op, &rv)?
            }
        })
    }
}

fn binop(l: &Value, op: CmpOp, r: &Value) -> Option<Value> {
    use CmpOp::*;
    Some(match (l, r) {
        (Value::Int(a), Value::Int(b)) => match op {
            Lt => Value::Bool(a < b),
            Le => Value::Bool(a <= b),
            Gt => Value::Bool(a > b),
            Ge => Value::Bool(a >= b),
            Eq => Value::Bool(a == b),
            Ne => Value::Bool(a != b),
            Add => Value::Int(a.checked_add(*b)?),
            Sub => Value::Int(a.checked_sub(*b)?),
            Mul => Value::Int(a.checked_mul(*b)?),
            Div => Value::Int(a.checked_div(*b)?),
            Mod => Value::Int(a.checked_rem(*b)?),
            _ => return None,
        },
        (Value::Str(a), Value::Str(b)) => match op {
            Eq => Value::Bool(a == b),
            Ne => Value::Bool(a != b),
            Lt => Value::Bool(a < b),
            Gt => Value::Bool(a > b),
            Le => Value::Bool(a <= b),
            Ge => Value::Bool(a >= b),
            In => Value::Bool(b.contains(a.as_str())),
            NotIn => Value::Bool(!b.contains(a.as_str())),
            Add => Value::Str(format!("{a}{b}")),
            _ => return None,
        },
        (x, Value::List(items)) => match op {
            In => Value::Bool(items.contains(x)),
            NotIn => Value::Bool(!items.contains(x)),
            _ => return None,
        },
        (Value::Bool(a), Value::Bool(b)) => match op {
            Eq => Value::Bool(a == b),
            Ne => Value::Bool(a != b),
            _ => return None,
        },
        _ => match op {
            Eq => Value::Bool(false),
            Ne => Value::Bool(true),
            _ => return None,
        },
    })
}

impl Comparison {
    /// True when the comparison holds for these bindings (unknown or ill-typed: false).
    #[must_use]
    pub fn holds(&self, b: &Bindings, src: &[u8]) -> bool {
        self.eval(b, src).is_some_and(|v| v.truthy())
    }

    /// Parse the common subset of Semgrep's comparison language: integers, strings,
    /// `True`/`False`, `$X`, `int()`, `str()`, `re.match()`, `not`, `and`/`or`,
    /// comparisons, `+ - * / %`, `in`/`not in` with list literals, parentheses.
    ///
    /// # Errors
    /// A message naming what could not be parsed.
    pub fn parse(text: &str) -> Result<Comparison, String> {
        let toks = tokenize(text)?;
        if toks.len() > MAX_CMP_TOKENS {
            return Err(format!(
                "the comparison is too long ({} tokens; the limit is {MAX_CMP_TOKENS})",
                toks.len()
            ));
        }
        let mut p = CmpParser {
            toks,
            pos: 0,
            depth: 0,
        };
        let e = p.or()?;
        if p.pos != p.toks.len() {
            return Err(format!("unexpected `{}` in comparison", p.toks[p.pos]));
        }
        Ok(e)
    }

    /// Names of metavariables used.
    pub fn vars(&self, out: &mut Vec<String>) {
        match self {
            Comparison::Var(v) => out.push(v.clone()),
            Comparison::IntOf(i)
            | Comparison::StrOf(i)
            | Comparison::Not(i)
            | Comparison::ReMatch(_, i) => {
                i.vars(out);
            }
            Comparison::Bin(l, _, r) => {
                l.vars(out);
                r.vars(out);
            }
            Comparison::List(items) => items.iter().for_each(|i| i.vars(out)),
            Comparison::Int(_) | Comparison::Str(_) | Comparison::Bool(_) => {}
        }
    }
}

fn tokenize(s: &str) -> Result<Vec<String>, String> {
    let mut toks = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '\'' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != c {
                if chars[j] == '\\' {
                    j += 1;
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err("unterminated string in comparison".into());
            }
            toks.push(chars[i..=j].iter().collect());
            i = j + 1;
        } else if c.is_alphanumeric() || c == '_' || c == '$' || c == '.' {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_alphanumeric()
                    || chars[j] == '_'
                    || chars[j] == '$'
                    || chars[j] == '.')
            {
                j += 1;
            }
            toks.push(chars[i..j].iter().collect());
            i = j;
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if ["<=", ">=", "==", "!="].contains(&two.as_str()) {
                toks.push(two);
                i += 2;
            } else if "<>()+-*/%,[]".contains(c) {
                toks.push(c.to_string());
                i += 1;
            } else {
                return Err(format!("unexpected character `{c}` in comparison"));
            }
        }
    }
    Ok(toks)
}

/// Longest `metavariable-comparison` accepted, in tokens: bounds the depth of the parsed
/// expression, so evaluating and dropping it cannot overflow the stack.
const MAX_CMP_TOKENS: usize = 1024;
/// Deepest nesting (parentheses, `not`, unary minus, calls) accepted in a comparison.
const MAX_CMP_DEPTH: usize = 64;

struct CmpParser {
    toks: Vec<String>,
    pos: usize,
    /// Current nesting of `not` / `atom` (bounded by [`MAX_CMP_DEPTH`]).
    depth: usize,
}

impl CmpParser {
    /// Run `f` one nesting level deeper, failing past [`MAX_CMP_DEPTH`].
    fn nested(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<Comparison, String>,
    ) -> Result<Comparison, String> {
        if self.depth >= MAX_CMP_DEPTH {
            return Err(format!(
                "the comparison is nested more than {MAX_CMP_DEPTH} levels deep"
            ));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }
    fn eat(&mut self, t: &str) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, t: &str) -> Result<(), String> {
        if self.eat(t) {
            Ok(())
        } else {
            Err(format!("expected `{t}` in comparison"))
        }
    }
    fn or(&mut self) -> Result<Comparison, String> {
        let mut l = self.and()?;
        while self.eat("or") {
            let r = self.and()?;
            l = Comparison::Bin(Box::new(l), CmpOp::Or, Box::new(r));
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<Comparison, String> {
        let mut l = self.not()?;
        while self.eat("and") {
            let r = self.not()?;
            l = Comparison::Bin(Box::new(l), CmpOp::And, Box::new(r));
        }
        Ok(l)
    }
    fn not(&mut self) -> Result<Comparison, String> {
        if self.eat("not") {
            return Ok(Comparison::Not(Box::new(self.nested(Self::not)?)));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Result<Comparison, String> {
        let l = self.sum()?;
        let op = match self.peek() {
            Some("<") => CmpOp::Lt,
            Some("<=") => CmpOp::Le,
            Some(">") => CmpOp::Gt,
            Some(">=") => CmpOp::Ge,
            Some("==") => CmpOp::Eq,
            Some("!=") => CmpOp::Ne,
            Some("in") => CmpOp::In,
            Some("not") if self.toks.get(self.pos + 1).map(String::as_str) == Some("in") => {
                self.pos += 1;
                CmpOp::NotIn
            }
            _ => return Ok(l),
        };
        self.pos += 1;
        let r = self.sum()?;
        Ok(Comparison::Bin(Box::new(l), op, Box::new(r)))
    }
    fn sum(&mut self) -> Result<Comparison, String> {
        let mut l = self.term()?;
        loop {
            let op = match self.peek() {
                Some("+") => CmpOp::Add,
                Some("-") => CmpOp::Sub,
                _ => return Ok(l),
            };
            self.pos += 1;
            let r = self.term()?;
            l = Comparison::Bin(Box::new(l), op, Box::new(r));
        }
    }
    fn term(&mut self) -> Result<Comparison, String> {
        let mut l = self.atom()?;
        loop {
            let op = match self.peek() {
                Some("*") => CmpOp::Mul,
                Some("/") => CmpOp::Div,
                Some("%") => CmpOp::Mod,
                _ => return Ok(l),
            };
            self.pos += 1;
            let r = self.atom()?;
            l = Comparison::Bin(Box::new(l), op, Box::new(r));
        }
    }
    fn atom(&mut self) -> Result<Comparison, String> {
        self.nested(Self::atom_inner)
    }
    fn atom_inner(&mut self) -> Result<Comparison, String> {
        let Some(t) = self.peek().map(str::to_string) else {
            return Err("comparison ends too early".into());
        };
        self.pos += 1;
        if t == "(" {
            let e = self.or()?;
            self.expect(")")?;
            return Ok(e);
        }
        if t == "-" {
            let e = self.atom()?;
            return Ok(Comparison::Bin(
                Box::new(Comparison::Int(0)),
                CmpOp::Sub,
                Box::new(e),
            ));
        }
        if t == "[" {
            // A list literal, only valid on the right of `in`; encode as nested Or of Eq is
            // wrong for `in`, so keep a list of constants.
            let mut items = Vec::new();
            if !self.eat("]") {
                loop {
                    items.push(self.atom()?);
                    if self.eat("]") {
                        break;
                    }
                    self.expect(",")?;
                }
            }
            return Ok(Comparison::List(items));
        }
        if t == "int" || t == "str" {
            self.expect("(")?;
            let e = self.or()?;
            self.expect(")")?;
            return Ok(if t == "int" {
                Comparison::IntOf(Box::new(e))
            } else {
                Comparison::StrOf(Box::new(e))
            });
        }
        if t == "re.match" {
            self.expect("(")?;
            let Some(pat) = self.peek().map(str::to_string) else {
                return Err("re.match needs a pattern".into());
            };
            self.pos += 1;
            let re = crate::rx::compile_regex_default(&unquote(&pat))
                .map_err(|e| format!("invalid regex in re.match: {e}"))?;
            self.expect(",")?;
            let e = self.or()?;
            self.expect(")")?;
            return Ok(Comparison::ReMatch(re, Box::new(e)));
        }
        if t == "True" || t == "true" {
            return Ok(Comparison::Bool(true));
        }
        if t == "False" || t == "false" {
            return Ok(Comparison::Bool(false));
        }
        if let Some(v) = t.strip_prefix('$') {
            return Ok(Comparison::Var(v.to_string()));
        }
        if t.starts_with('"') || t.starts_with('\'') {
            return Ok(Comparison::Str(unquote(&t)));
        }
        if let Some(i) = parse_int_literal(&t) {
            return Ok(Comparison::Int(i));
        }
        Err(format!(
            "unsupported `{t}` in comparison (supported: numbers, strings, $X, int(), str(), re.match(), not/and/or, comparisons, arithmetic, in)"
        ))
    }
}

/// Everything formula evaluation reads: per-pattern matches and the file text.
pub struct EvalInput<'a> {
    pub src: &'a [u8],
    /// Matches of every pattern id (indexed by id; ids of other languages are empty).
    pub matches: &'a dyn Fn(PatternId) -> &'a [Match],
    /// The file's time budget: once passed, candidates not yet checked by a filter are
    /// dropped (filters can be quadratic on hostile files) and `cut_short` is set.
    pub deadline: Option<Instant>,
    /// Set when the deadline cut an evaluation short (results partial).
    pub cut_short: Cell<bool>,
    /// The file's syntax tree, for patterns evaluated lazily (bare metavariables).
    pub root: Option<tree_sitter::Node<'a>>,
    /// The same tree's nodes in document order (walked by lazily evaluated patterns).
    pub nodes: Option<&'a mamori_lang::NodeList<'a>>,
    /// For a pattern that is a bare metavariable (`pattern: $X`): its name (`None` for
    /// `$_`). Such patterns match every node, so they are not collected by the tree walk
    /// but expanded on demand inside the regions the rest of the formula allows.
    pub bare: &'a dyn Fn(PatternId) -> Option<Option<std::sync::Arc<str>>>,
    /// For a pattern matched on demand rather than by the walk: its matches inside the
    /// span (`None` for walked patterns, whose matches come from `matches`).
    pub lazy: &'a dyn Fn(PatternId, Span) -> Option<Vec<Match>>,
    /// For a pattern the walk leaves to the filters that use it (deferred): its matches
    /// whose span contains the given one, in the order a whole-file match would list them
    /// (`None` for other patterns).
    pub around: &'a dyn Fn(PatternId, Span) -> Option<Vec<Match>>,
    /// Whether a pattern is deferred (see `around`).
    pub deferred: &'a dyn Fn(PatternId) -> bool,
}

/// Most nodes a bare-metavariable pattern expands to in one evaluation.
const MAX_BARE_EXPANSION: usize = 200_000;

/// Named nodes inside `region` as matches of a bare metavariable `name`; when `base` binds
/// the name already, only nodes with the same code.
fn expand_bare(
    input: &EvalInput<'_>,
    region: Span,
    name: Option<&std::sync::Arc<str>>,
    base: &Bindings,
    out: &mut Vec<Match>,
) {
    let (Some(root), Some(nodes)) = (input.root, input.nodes) else {
        return;
    };
    let Some(top) = root.descendant_for_byte_range(region.start, region.end) else {
        return;
    };
    let want = name
        .and_then(|n| base.get(n))
        .map(|sp| norm_text(input.src, sp));
    let mut visited = 0usize;
    let entries = nodes.entries();
    nodes.walk_indexed(top, |i, n, _, _| {
        visited += 1;
        if visited.is_multiple_of(1024) && input.out_of_time() {
            return mamori_lang::Visit::Stop;
        }
        let (span, named) = match i.and_then(|i| entries.get(i)) {
            Some(e) => (
                Span::new(e.start_byte as usize, e.end_byte as usize),
                e.named,
            ),
            None => (Span::new(n.start_byte(), n.end_byte()), n.is_named()),
        };
        if named && region.contains(span) {
            let ok = want
                .as_ref()
                .is_none_or(|w| norm_text_eq(input.src, span, w));
            if ok {
                let mut b = Bindings(Vec::with_capacity(base.0.len() + 1));
                b.0.extend_from_slice(&base.0);
                if let Some(nm) = name
                    && b.get(nm).is_none()
                {
                    b.0.push((nm.clone(), span));
                }
                out.push(Match {
                    span,
                    bindings: b,
                    flow: Vec::new(),
                });
                if out.len() >= MAX_BARE_EXPANSION {
                    return mamori_lang::Visit::Stop;
                }
            }
        }
        mamori_lang::Visit::Descend
    });
}

/// `norm_text(src, s) == want`, stopping at the first difference (O(`want.len()`) plus
/// whitespace, not O(span length): nested nodes can each span most of the file).
fn norm_text_eq(src: &[u8], s: Span, want: &[u8]) -> bool {
    let mut w = want.iter();
    for b in src.get(s.range()).unwrap_or_default() {
        if b.is_ascii_whitespace() {
            continue;
        }
        if w.next() != Some(b) {
            return false;
        }
    }
    w.next().is_none()
}

impl EvalInput<'_> {
    /// True (and remembered in `cut_short`) once the deadline has passed.
    pub fn out_of_time(&self) -> bool {
        if self.cut_short.get() {
            return true;
        }
        let late = self.deadline.is_some_and(|d| Instant::now() >= d);
        self.cut_short.set(late);
        late
    }
}

/// Evaluate a formula to its final matches, sorted by span and de-duplicated.
#[must_use]
pub fn eval(f: &Formula, input: &EvalInput<'_>) -> Vec<Match> {
    let mut v = eval_inner(f, input, None);
    v.sort_by_key(|m| (m.span.start, m.span.end));
    v.dedup_by(|a, b| a.span == b.span);
    v
}

/// `within`: only matches inside this span count (for `metavariable-pattern`).
fn eval_inner(f: &Formula, input: &EvalInput<'_>, within: Option<Span>) -> Vec<Match> {
    let keep = |s: Span| within.is_none_or(|w| w.contains(s));
    match f {
        Formula::Pattern(id) => {
            if let Some(name) = (input.bare)(*id) {
                let mut out = Vec::new();
                let region = within.unwrap_or(Span::new(0, input.src.len()));
                expand_bare(input, region, name.as_ref(), &Bindings::default(), &mut out);
                return out;
            }
            let region = within.unwrap_or(Span::new(0, input.src.len()));
            if let Some(v) = (input.lazy)(*id, region) {
                return v;
            }
            (input.matches)(*id)
                .iter()
                .filter(|m| keep(m.span))
                .cloned()
                .collect()
        }
        Formula::Regex(re) => regex_matches(re, input.src)
            .into_iter()
            .filter(|m| keep(m.span))
            .collect(),
        Formula::Or(fs) => fs
            .iter()
            .flat_map(|f| eval_inner(f, input, within))
            .collect(),
        Formula::And(cs) => eval_and(cs, input, within),
    }
}

fn regex_matches(re: &Regex, src: &[u8]) -> Vec<Match> {
    // Regexes run on text; invalid UTF-8 is replaced so offsets can shift only inside
    // invalid sequences, which are each one replacement char of 3 bytes: keep it simple
    // and only run on valid UTF-8 prefixes.
    let text = match std::str::from_utf8(src) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&src[..e.valid_up_to()]).unwrap_or_default(),
    };
    let names: Vec<&str> = re.capture_names().flatten().collect();
    let mut out = Vec::new();
    for caps in re.captures_iter(text) {
        let Some(m0) = caps.get(0) else { continue };
        if m0.start() == m0.end() {
            continue;
        }
        let mut b = Bindings::default();
        for n in &names {
            if let Some(g) = caps.name(n) {
                b.0.push((std::sync::Arc::from(*n), Span::new(g.start(), g.end())));
            }
        }
        out.push(Match {
            span: Span::new(m0.start(), m0.end()),
            bindings: b,
            flow: Vec::new(),
        });
        if out.len() >= 100_000 {
            break;
        }
    }
    out
}

/// Matches of one formula, indexed so that "is there a compatible match containing (or
/// equal to) this one?" does not scan them all: when every match binds a metavariable that
/// the probes also bind, only the matches binding the same code are candidates.
struct MatchIndex<'a> {
    items: &'a [Match],
    key: Option<std::sync::Arc<str>>,
    groups: std::collections::HashMap<Vec<u8>, Vec<usize>>,
    by_span: std::collections::HashMap<(usize, usize), Vec<usize>>,
}

fn norm_text(src: &[u8], s: Span) -> Vec<u8> {
    src.get(s.range())
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect()
}

impl<'a> MatchIndex<'a> {
    fn new(items: &'a [Match], probes: &[Match], input: &EvalInput<'_>) -> Self {
        let src = input.src;
        let mut key = None;
        if let (Some(first), Some(probe)) = (items.first(), probes.first()) {
            key = first.bindings.0.iter().map(|(n, _)| n.clone()).find(|n| {
                probe.bindings.get(n).is_some() && items.iter().all(|m| m.bindings.get(n).is_some())
            });
        }
        let mut groups: std::collections::HashMap<Vec<u8>, Vec<usize>> =
            std::collections::HashMap::new();
        if let Some(k) = &key {
            for (i, m) in items.iter().enumerate() {
                // Normalising each bound text is O(its length): quadratic when thousands
                // of nested matches bind nested code.
                if input.out_of_time() {
                    break;
                }
                if let Some(sp) = m.bindings.get(k) {
                    groups.entry(norm_text(src, sp)).or_default().push(i);
                }
            }
        }
        let mut by_span: std::collections::HashMap<(usize, usize), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, m) in items.iter().enumerate() {
            by_span
                .entry((m.span.start, m.span.end))
                .or_default()
                .push(i);
        }
        Self {
            items,
            key,
            groups,
            by_span,
        }
    }

    /// The first match satisfying `pred` among those that could be compatible with `m`.
    fn find(&self, m: &Match, src: &[u8], pred: impl Fn(&Match) -> bool) -> Option<&'a Match> {
        if let Some(k) = &self.key
            && let Some(sp) = m.bindings.get(k)
        {
            return self
                .groups
                .get(&norm_text(src, sp))?
                .iter()
                .map(|i| &self.items[*i])
                .find(|o| pred(o));
        }
        self.items.iter().find(|o| pred(o))
    }

    /// A match with exactly `m`'s span satisfying `pred`.
    fn find_equal(&self, m: &Match, pred: impl Fn(&Match) -> bool) -> Option<&'a Match> {
        self.by_span
            .get(&(m.span.start, m.span.end))?
            .iter()
            .map(|i| &self.items[*i])
            .find(|o| pred(o))
    }
}

/// Whether `metavariable-regex`'s `regex` admits the code at `s` (matching at its start).
fn admits(regex: &Regex, src: &[u8], s: Span) -> bool {
    let t = String::from_utf8_lossy(src.get(s.range()).unwrap_or_default());
    regex.find(&t).is_some_and(|f| f.start() == 0)
}

/// True when `b` binds the metavariable of one of the conjunction's `metavariable-regex`
/// filters to code it does not admit. A binding, once made, never changes while the
/// conjunction is evaluated (intersections and `metavariable-pattern` only add missing
/// names), so a match for which this holds is dropped by that filter at the end: dropping
/// it (or not expanding it) first spares the work in between.
fn misses_bound_regex(cs: &[Conjunct], src: &[u8], b: &Bindings) -> bool {
    cs.iter().any(|c| match c {
        Conjunct::MetavarRegex { name, regex } => {
            b.get(name).is_some_and(|s| !admits(regex, src, s))
        }
        _ => false,
    })
}

/// Drop the matches [`misses_bound_regex`] rules out. Past the deadline the rest are kept
/// (the steps after this one cut them short, as without this one; the regex can be
/// linear in the bound code, which on hostile input spans most of the file each time).
fn drop_regex_misses(cs: &[Conjunct], input: &EvalInput<'_>, cur: &mut Vec<Match>) {
    if cs
        .iter()
        .any(|c| matches!(c, Conjunct::MetavarRegex { .. }))
    {
        cur.retain(|m| input.out_of_time() || !misses_bound_regex(cs, input.src, &m.bindings));
    }
}

/// Which term of a conjunction [`eval`] starts from (the others only filter its results);
/// mirrors the choice made in `eval_and`. `bare` tells bare-metavariable patterns.
pub(crate) fn driver_term<'a>(
    cs: &'a [Conjunct],
    bare: &dyn Fn(PatternId) -> bool,
) -> Option<&'a Formula> {
    let is_bare = |f: &Formula| matches!(f, Formula::Pattern(id) if bare(*id));
    let (positives, insides) = positive_terms(cs);
    let bare_pos = positives.iter().position(|f| is_bare(f));
    if lone_bare_either(&positives, &insides, bare) {
        return insides.first().copied();
    }
    if let Some(bi) = bare_pos
        && (positives.len() > 1 || !insides.is_empty())
    {
        return positives
            .iter()
            .enumerate()
            .find(|(i, _)| *i != bi)
            .map(|(_, f)| *f)
            .or_else(|| insides.first().copied());
    }
    positives.first().or(insides.first()).copied()
}

/// A lone positive term that is only alternatives of bare metavariables, next to
/// `pattern-inside`s (the lone bare pattern itself is handled apart).
fn lone_bare_either(
    positives: &[&Formula],
    insides: &[&Formula],
    bare: &dyn Fn(PatternId) -> bool,
) -> bool {
    let name = |f: &Formula| match f {
        Formula::Pattern(id) if bare(*id) => Some(None),
        _ => None,
    };
    let lone_pattern_bare = matches!(positives, [Formula::Pattern(id)] if bare(*id));
    positives.len() == 1
        && !insides.is_empty()
        && !lone_pattern_bare
        && bare_names(positives[0], &name, &mut Vec::new())
}

/// Whether the matches of `f` containing a given span can be found without evaluating
/// it over the whole file (see [`around`]): a pattern; alternatives of such; or a
/// conjunction that starts from such a term (not from a bare metavariable) and keeps its
/// results' spans (no `focus-metavariable`).
pub(crate) fn filter_shaped(f: &Formula, bare: &dyn Fn(PatternId) -> bool) -> bool {
    match f {
        Formula::Pattern(id) => !bare(*id),
        Formula::Or(fs) => fs.iter().all(|f| filter_shaped(f, bare)),
        Formula::Regex(_) => false,
        Formula::And(cs) => {
            let (positives, insides) = positive_terms(cs);
            !cs.iter().any(|c| matches!(c, Conjunct::Focus(_)))
                && !positives
                    .iter()
                    .any(|f| matches!(f, Formula::Pattern(id) if bare(*id)))
                && !lone_bare_either(&positives, &insides, bare)
                && driver_term(cs, bare).is_some_and(|d| filter_shaped(d, bare))
        }
    }
}

/// A conjunction's `pattern` terms and its `pattern-inside` terms, in order.
pub(crate) fn positive_terms(cs: &[Conjunct]) -> (Vec<&Formula>, Vec<&Formula>) {
    let mut positives = Vec::new();
    let mut insides = Vec::new();
    for c in cs {
        match c {
            Conjunct::Pos(f) => positives.push(f),
            Conjunct::Inside(f) => insides.push(f),
            _ => {}
        }
    }
    (positives, insides)
}

fn eval_and(cs: &[Conjunct], input: &EvalInput<'_>, within: Option<Span>) -> Vec<Match> {
    eval_and_around(cs, input, within, None)
}

/// `eval_and`; with `containing`, only the results whose span contains it (for a
/// [`filter_shaped`] conjunction: its first term is then matched around that span).
fn eval_and_around(
    cs: &[Conjunct],
    input: &EvalInput<'_>,
    within: Option<Span>,
    containing: Option<Span>,
) -> Vec<Match> {
    let src = input.src;
    let (positives, insides) = positive_terms(cs);
    // A bare `$X` positive next to other terms is expanded only inside them, instead of
    // starting from every node of the file.
    let bare_name = |f: &Formula| match f {
        Formula::Pattern(id) => (input.bare)(*id),
        _ => None,
    };
    let bare_pos = positives.iter().position(|f| bare_name(f).is_some());
    // A lone positive that is only alternatives of bare metavariables
    // (`pattern-either: [$A, $B]`) next to `pattern-inside`s: each alternative is expanded
    // inside the first one's matches, as a lone `$X` is.
    let mut bare_alternatives = Vec::new();
    let lone_bare_either = lone_bare_either(&positives, &insides, &|id| (input.bare)(id).is_some())
        && bare_names(positives[0], &bare_name, &mut bare_alternatives);
    // The first term's matches: over the file, or (a filter) only those around `containing`.
    let start = |first: &Formula| match containing {
        Some(span) => around(first, input, span, within),
        None => eval_inner(first, input, within),
    };
    let lazy_rest_pos: Vec<&Formula>;
    let (mut cur, rest_pos, rest_inside): (Vec<Match>, &[&Formula], &[&Formula]) =
        if lone_bare_either {
            let mut cur = Vec::new();
            let mut regions = eval_inner(insides[0], input, within);
            // Regions already binding a metavariable to a name its regex rejects would only
            // expand into matches that are dropped at the end.
            drop_regex_misses(cs, input, &mut regions);
            for name in &bare_alternatives {
                for a in &regions {
                    expand_bare(input, a.span, name.as_ref(), &a.bindings, &mut cur);
                }
            }
            drop_regex_misses(cs, input, &mut cur);
            (cur, &[], &insides[1..])
        } else if let Some(bi) = bare_pos
            && (positives.len() > 1 || !insides.is_empty())
        {
            let name = bare_name(positives[bi]).unwrap_or_default();
            lazy_rest_pos = positives
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != bi)
                .map(|(_, f)| *f)
                .collect();
            if let Some((anchor, _)) = lazy_rest_pos.split_first() {
                // `$X` and P: P's matches, with `$X` bound to them.
                let mut cur = eval_inner(anchor, input, within);
                if let Some(nm) = &name {
                    for m in &mut cur {
                        if m.bindings.get(nm).is_none() {
                            m.bindings.0.push((nm.clone(), m.span));
                        }
                    }
                }
                drop_regex_misses(cs, input, &mut cur);
                (cur, &lazy_rest_pos[1..], &insides[..])
            } else {
                let mut cur = Vec::new();
                for a in eval_inner(insides[0], input, within) {
                    if input.out_of_time() || !misses_bound_regex(cs, src, &a.bindings) {
                        expand_bare(input, a.span, name.as_ref(), &a.bindings, &mut cur);
                    }
                }
                (cur, &[], &insides[1..])
            }
        } else if let Some((first, rest)) = positives.split_first() {
            let mut cur = start(first);
            drop_regex_misses(cs, input, &mut cur);
            (cur, rest, &insides[..])
        } else if let Some((first, rest)) = insides.split_first() {
            let mut cur = start(first);
            drop_regex_misses(cs, input, &mut cur);
            (cur, &[], rest)
        } else {
            return Vec::new();
        };
    for f in rest_pos.iter().chain(rest_inside) {
        if cur.is_empty() {
            return cur;
        }
        if deferred(f, input) {
            // Only the matches containing each result matter: found at its ancestors.
            cur = cur
                .into_iter()
                .filter_map(|mut m| {
                    if input.out_of_time() {
                        return None;
                    }
                    let hits = around(f, input, m.span, within);
                    let hit = hits
                        .iter()
                        .find(|o| m.bindings.compatible(&o.bindings, src))?;
                    m.bindings.merge(&hit.bindings);
                    Some(m)
                })
                .collect();
            continue;
        }
        let other = eval_inner(f, input, within);
        let index = MatchIndex::new(&other, &cur, input);
        cur = cur
            .into_iter()
            .filter_map(|mut m| {
                if input.out_of_time() {
                    return None;
                }
                let hit = index.find(&m, src, |o| {
                    o.span.contains(m.span) && m.bindings.compatible(&o.bindings, src)
                })?;
                m.bindings.merge(&hit.bindings);
                Some(m)
            })
            .collect();
    }
    let mut focus: Option<&Vec<String>> = None;
    for c in cs {
        if cur.is_empty() {
            return cur;
        }
        match c {
            Conjunct::Pos(_) | Conjunct::Inside(_) => {}
            Conjunct::Not(f) if deferred(f, input) => {
                cur.retain(|m| {
                    !input.out_of_time()
                        && !around(f, input, m.span, within)
                            .iter()
                            .any(|o| o.span == m.span && m.bindings.compatible(&o.bindings, src))
                });
            }
            Conjunct::NotInside(f) if deferred(f, input) => {
                cur.retain(|m| {
                    !input.out_of_time()
                        && !around(f, input, m.span, None)
                            .iter()
                            .any(|o| m.bindings.compatible(&o.bindings, src))
                });
            }
            Conjunct::Not(f) => {
                let other = eval_inner(f, input, within);
                let index = MatchIndex::new(&other, &cur, input);
                cur.retain(|m| {
                    !input.out_of_time()
                        && index
                            .find_equal(m, |o| m.bindings.compatible(&o.bindings, src))
                            .is_none()
                });
            }
            Conjunct::NotInside(f) => {
                let other = eval_inner(f, input, None);
                let index = MatchIndex::new(&other, &cur, input);
                cur.retain(|m| {
                    !input.out_of_time()
                        && index
                            .find(m, src, |o| {
                                o.span.contains(m.span) && m.bindings.compatible(&o.bindings, src)
                            })
                            .is_none()
                });
            }
            Conjunct::NotRegex(re) => {
                let other = regex_matches(re, src);
                cur.retain(|m| {
                    !other
                        .iter()
                        .any(|o| o.span.start < m.span.end && m.span.start < o.span.end)
                });
            }
            Conjunct::MetavarRegex { name, regex } => {
                cur.retain(|m| m.bindings.get(name).is_some_and(|s| admits(regex, src, s)));
            }
            Conjunct::MetavarPattern { name, formula } => {
                cur = cur
                    .into_iter()
                    .filter_map(|mut m| {
                        if input.out_of_time() {
                            return None;
                        }
                        let span = m.bindings.get(name)?;
                        let inner = eval_inner(formula, input, Some(span));
                        let hit = inner
                            .iter()
                            .find(|i| m.bindings.compatible(&i.bindings, src))?;
                        m.bindings.merge(&hit.bindings);
                        Some(m)
                    })
                    .collect();
            }
            Conjunct::MetavarComparison { comparison } => {
                cur.retain(|m| comparison.holds(&m.bindings, src));
            }
            Conjunct::MetavarFormatted { name, unless_all } => {
                let Some(root) = input.root else { continue };
                cur.retain(|m| {
                    let Some(n) = m
                        .bindings
                        .get(name)
                        .and_then(|s| crate::formatted::node_at(root, s))
                    else {
                        return true;
                    };
                    let mut safe = |v: Span| {
                        eval_inner(unless_all, input, Some(v))
                            .iter()
                            .any(|o| o.span == v)
                    };
                    !crate::formatted::all_values_safe(n, src, &mut safe)
                });
            }
            Conjunct::Focus(names) => focus = Some(names),
        }
    }
    if let Some(names) = focus {
        let mut out = Vec::new();
        for m in cur {
            for n in names {
                if let Some(s) = m.bindings.get(n) {
                    out.push(Match {
                        span: s,
                        bindings: m.bindings.clone(),
                        flow: Vec::new(),
                    });
                }
            }
        }
        return out;
    }
    cur
}

/// Whether `f` is left to [`around`] by the walk: a deferred pattern, alternatives of
/// such, or a [`filter_shaped`] conjunction whose first term is such.
fn deferred(f: &Formula, input: &EvalInput<'_>) -> bool {
    let bare = |id: PatternId| (input.bare)(id).is_some();
    match f {
        Formula::Pattern(id) => (input.deferred)(*id),
        Formula::Or(fs) => fs.iter().all(|f| deferred(f, input)),
        Formula::Regex(_) => false,
        Formula::And(cs) => {
            filter_shaped(f, &bare) && driver_term(cs, &bare).is_some_and(|d| deferred(d, input))
        }
    }
}

/// The matches of a [`deferred`] formula whose span contains `span` (and lies in
/// `within`), in the order evaluating it over the whole file would list them.
fn around(f: &Formula, input: &EvalInput<'_>, span: Span, within: Option<Span>) -> Vec<Match> {
    match f {
        Formula::Pattern(id) => {
            let mut v = (input.around)(*id, span).unwrap_or_default();
            if let Some(w) = within {
                v.retain(|o| w.contains(o.span));
            }
            v
        }
        Formula::Or(fs) => fs
            .iter()
            .flat_map(|f| around(f, input, span, within))
            .collect(),
        Formula::Regex(_) => Vec::new(),
        Formula::And(cs) => eval_and_around(cs, input, within, Some(span)),
    }
}

/// The metavariable names of `f` when it is a bare metavariable or alternatives of only
/// bare metavariables (`pattern-either: [pattern: $A, pattern: $B]`), in order.
fn bare_names(
    f: &Formula,
    bare_name: &dyn Fn(&Formula) -> Option<Option<std::sync::Arc<str>>>,
    out: &mut Vec<Option<std::sync::Arc<str>>>,
) -> bool {
    match f {
        Formula::Pattern(_) => bare_name(f).map(|n| out.push(n)).is_some(),
        Formula::Or(fs) => !fs.is_empty() && fs.iter().all(|f| bare_names(f, bare_name, out)),
        Formula::Regex(_) | Formula::And(_) => false,
    }
}

/// Which words a file must contain for a formula to possibly match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    Always,
    Word(u32),
    All(Vec<Requirement>),
    Any(Vec<Requirement>),
}

impl Requirement {
    /// Evaluate against the set of words present in a file.
    #[must_use]
    pub fn satisfied(&self, present: &[bool]) -> bool {
        match self {
            Requirement::Always => true,
            Requirement::Word(w) => present.get(*w as usize).copied().unwrap_or(true),
            Requirement::All(v) => v.iter().all(|r| r.satisfied(present)),
            Requirement::Any(v) => v.iter().any(|r| r.satisfied(present)),
        }
    }
}
