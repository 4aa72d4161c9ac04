//! Running many rules over one file with one tree walk.
//!
//! All atomic patterns of all rules for a language live in a [`PatternArena`]. A
//! [`LangPlan`] indexes them by the node kind they can start at, so the single cursor walk
//! over a file offers each node only to the patterns interested in its kind. Before parsing,
//! a literal prefilter (one Aho-Corasick pass) decides which rules can match at all; a file
//! no rule can match is never parsed.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use aho_corasick::AhoCorasick;
use mamori_lang::Language;
use mamori_text::Span;
use tree_sitter::Tree;

use crate::formula::{
    Conjunct, EvalInput, Formula, PatternId, Requirement, driver_term, eval, filter_shaped,
};
use crate::matching::{FileCtx, Item, Match, WordHits};
use crate::pattern::{PRoot, Pattern, PatternError, compile};
use crate::regex_words::{exact_names, required_words};
use crate::taint::{Summary, TaintInputs, TaintSpec};

/// Every compiled pattern, shared by all rules; identical (text, language) pairs are
/// compiled once.
#[derive(Debug, Default)]
pub struct PatternArena {
    patterns: Vec<Pattern>,
    dedup: HashMap<(Language, String), PatternId>,
}

impl PatternArena {
    /// Compile `src` for `lang` (or reuse an earlier compile).
    ///
    /// # Errors
    /// The pattern's compile error.
    pub fn add(&mut self, src: &str, lang: Language) -> Result<PatternId, PatternError> {
        if let Some(id) = self.dedup.get(&(lang, src.to_string())) {
            return Ok(*id);
        }
        let p = compile(src, lang)?;
        let id = PatternId::try_from(self.patterns.len()).map_err(|_| PatternError {
            message: "too many patterns".into(),
            offset: None,
        })?;
        self.patterns.push(p);
        self.dedup.insert((lang, src.to_string()), id);
        Ok(id)
    }

    #[must_use]
    pub fn get(&self, id: PatternId) -> &Pattern {
        &self.patterns[id as usize]
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// What a rule computes: a search formula, or taint flows.
#[derive(Debug, Clone)]
pub enum Program {
    Search(Formula),
    Taint(TaintSpec),
}

impl Program {
    fn formulas(&self) -> Vec<&Formula> {
        match self {
            Program::Search(f) => vec![f],
            Program::Taint(t) => t
                .sources
                .iter()
                .map(|s| &s.formula)
                .chain(t.sinks.iter().map(|s| &s.formula))
                .chain(t.sanitizers.iter().map(|s| &s.formula))
                .chain(t.propagators.iter().map(|s| &s.formula))
                .collect(),
        }
    }
}

/// One rule's program for one language.
#[derive(Debug, Clone)]
pub struct RuleProgram {
    /// The caller's index of the rule.
    pub rule: usize,
    pub program: Program,
    requirement: Requirement,
    patterns: Vec<PatternId>,
    /// Content keys of a taint program's formulas (sources, sinks, sanitizers,
    /// propagators in order), for the per-file evaluation cache.
    keys: Vec<u64>,
}

/// The rules of one language, indexed for one-walk matching.
#[derive(Debug)]
pub struct LangPlan {
    pub lang: Language,
    programs: Vec<RuleProgram>,
    words: Vec<String>,
    prefilter: Option<Arc<AhoCorasick>>,
    /// Patterns by the node kind they start at, without an anchor name.
    by_kind: Vec<Vec<PatternId>>,
    /// Patterns by start kind and anchor name ([`crate::pattern::Pattern::anchor`]).
    anchored: Vec<crate::hash::FastMap<Box<[u8]>, Vec<PatternId>>>,
    wildcard: Vec<PatternId>,
    /// By pattern id: the ids (in `words`) of the words every match spans.
    pattern_words: Vec<Vec<u32>>,
    /// By pattern id: the word groups a match must span (see [`constrain_words`]).
    gates: Vec<Option<Gate>>,
    /// Word text → id in `words`.
    word_ids: HashMap<String, u32>,
    /// By pattern id: matched on demand inside `metavariable-pattern` bindings instead of
    /// by the walk (see [`formula_patterns`]).
    lazy: Vec<bool>,
    /// By pattern id: used only to filter what another term of a conjunction found
    /// (see [`mark_drivers`]), so matched on demand at the ancestors of those results
    /// instead of by the walk. Its names for the anchor check the walk would make.
    deferred: Vec<Option<Vec<Box<[u8]>>>>,
    arena_len: usize,
    /// By pattern id: its place among the patterns this language's rules use (`NO_SLOT`
    /// for the others), so what a file keeps per pattern is sized by the language, not by
    /// every rule's patterns.
    slot_of: Vec<u32>,
    /// By slot: the pattern id.
    slot_ids: Vec<PatternId>,
}

/// [`LangPlan::slot_of`] of a pattern no rule of the language uses.
const NO_SLOT: u32 = u32::MAX;

/// Prefilter automata by word list, shared by the plans of one rule set (see
/// [`LangPlan::build_with`]).
#[derive(Debug, Default)]
pub struct Prefilters {
    built: Vec<(Vec<String>, Arc<AhoCorasick>)>,
}

impl Prefilters {
    /// The automaton finding `words` (none for no words).
    ///
    /// A DFA: the scan visits every byte of every file and matches densely (words such as
    /// `get` or `key`), and on the benchmark's Python and JavaScript files a DFA finds the
    /// same matches in half the time of the default contiguous NFA, for ~1.3-1.8 MB per
    /// word list instead of ~0.1 MB.
    fn get(&mut self, words: &[String]) -> Option<Arc<AhoCorasick>> {
        if words.is_empty() {
            return None;
        }
        if let Some((_, ac)) = self.built.iter().find(|(w, _)| w.as_slice() == words) {
            return Some(Arc::clone(ac));
        }
        let ac = AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(words)
            .or_else(|_| AhoCorasick::new(words))
            .ok()?;
        let ac = Arc::new(ac);
        self.built.push((words.to_vec(), Arc::clone(&ac)));
        Some(ac)
    }
}

/// The nodes containing a span, outermost first (see [`FileCtx::chain`]).
type Chain<'t> = std::rc::Rc<[Item<'t>]>;

/// How long past the file's deadline rule evaluation (formula filters, taint) may run, so
/// a walk cut short by the deadline still yields the findings of what it matched.
pub const EVAL_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// Settings of one [`LangPlan::run`].
#[derive(Debug, Default, Clone, Copy)]
pub struct RunOptions<'a> {
    /// Stop the walk when passed (partial results).
    pub deadline: Option<Instant>,
    /// Measure per-rule evaluation time.
    pub timings: bool,
    /// Summaries of functions in other files, per taint rule index (cross-file taint).
    pub external: Option<&'a HashMap<usize, HashMap<String, Summary>>>,
    /// The tree's nodes, listed by the caller (who walks them too); `None`: listed here.
    pub nodes: Option<&'a mamori_lang::NodeList<'a>>,
    /// Only the findings are wanted, not the summaries of this file's functions: taint
    /// rules that cannot report here (the file has their sources or their sinks, not
    /// both) are skipped. [`FileMatches::halves`] says which halves the file has, so the
    /// caller can ask for the summaries later where another file needs them.
    pub findings_only: bool,
    /// Taint rules (indices) for which every function of the file is summarised, also
    /// those through which nothing flows ([`crate::taint::WantSummaries::All`]); they run
    /// whether or not the file holds their sources or sinks.
    pub all_summaries: &'a [usize],
    /// The file's prefilter words, scanned by the caller ([`LangPlan::scan_words`]) for
    /// [`LangPlan::active_in`]; `None`: scanned here.
    pub words: Option<&'a WordScan>,
}

/// Where the prefilter's words occur in one file: one Aho–Corasick pass serves both the
/// choice of rules ([`LangPlan::active_in`]) and the walk's word checks ([`WordHits`]).
#[derive(Debug, Default)]
pub struct WordScan {
    /// By word id: whether it occurs.
    present: Vec<bool>,
    /// By word id: sorted start offsets.
    occ: Vec<Vec<u32>>,
}

/// What running a plan on a file produced, per rule, plus timings.
#[derive(Debug, Default)]
pub struct FileMatches {
    /// (rule index, matches), for rules with at least one match.
    pub rules: Vec<(usize, Vec<Match>)>,
    /// (rule index, seconds spent on it: matching its patterns (shared patterns are
    /// split between their rules) plus evaluating its formula or taint analysis).
    pub rule_times: Vec<(usize, f64)>,
    /// Seconds spent in taint analysis (all taint rules).
    pub taint_seconds: f64,
    /// (taint rule index, summaries of this file's functions), for cross-file taint.
    pub summaries: Vec<(usize, HashMap<String, Summary>)>,
    /// (taint rule index, whether the file has the rule's sources, whether it has its
    /// sinks), for the taint rules with either: which halves of a flow the file holds.
    pub halves: Vec<(usize, bool, bool)>,
}

/// Resolve a taint rule's parts to spans in this file.
/// A stable key for a formula's content: rules that share catalogue entries carry equal
/// formulas, which are then evaluated once per file.
fn formula_key(f: &Formula) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{f:?}").hash(&mut h);
    h.finish()
}

/// Formula results of one file, shared by the taint rules that use the same entries.
type EvalCache = HashMap<u64, Vec<Match>>;

fn cached_eval<'c>(
    f: &Formula,
    key: u64,
    input: &EvalInput<'_>,
    cache: &'c mut EvalCache,
) -> &'c [Match] {
    cache.entry(key).or_insert_with(|| eval(f, input))
}

/// Resolve a taint rule's parts to spans in this file.
fn taint_inputs(
    spec: &TaintSpec,
    keys: &[u64],
    input: &EvalInput<'_>,
    cache: &mut EvalCache,
) -> TaintInputs {
    let mut t = TaintInputs::default();
    let mut k = keys.iter().copied();
    for s in &spec.sources {
        let key = k.next().unwrap_or_else(|| formula_key(&s.formula));
        for m in cached_eval(&s.formula, key, input, cache) {
            t.sources.push((m.span, s.label, s.by_side_effect));
        }
    }
    for s in &spec.sinks {
        let key = k.next().unwrap_or_else(|| formula_key(&s.formula));
        for m in cached_eval(&s.formula, key, input, cache) {
            t.sinks
                .push((m.span, s.requires.clone(), m.bindings.clone()));
        }
    }
    for s in &spec.sanitizers {
        let key = k.next().unwrap_or_else(|| formula_key(&s.formula));
        for m in cached_eval(&s.formula, key, input, cache) {
            t.sanitizers.push((m.span, s.by_side_effect));
        }
    }
    for p in &spec.propagators {
        let key = k.next().unwrap_or_else(|| formula_key(&p.formula));
        for m in cached_eval(&p.formula, key, input, cache) {
            if let (Some(from), Some(to)) = (m.bindings.get(&p.from), m.bindings.get(&p.to)) {
                t.propagators.push((m.span, from, to));
            }
        }
    }
    t
}

/// Whether patterns starting at `kind` can be indexed by their anchor name: calls (by the
/// callee's last name), names and member chains (by their last name).
fn anchorable(sp: &crate::spec::Spec, kind: usize) -> bool {
    u16::try_from(kind).is_ok_and(|k| sp.is_call(k) || sp.is_identifier(k) || sp.is_dotted(k))
}

/// How the uses of a pattern whose anchor is a metavariable constrain that metavariable.
#[derive(Debug, Clone)]
enum AnchorUse {
    Unused,
    /// Every use so far admits only these exact names (sorted, deduplicated).
    Only(Vec<Box<[u8]>>),
    /// Some use admits any name.
    Any,
}

impl AnchorUse {
    fn add(&mut self, names: Option<Vec<Box<[u8]>>>) {
        *self = match (std::mem::replace(self, AnchorUse::Any), names) {
            (AnchorUse::Any, _) | (_, None) => AnchorUse::Any,
            (AnchorUse::Unused, Some(n)) => AnchorUse::Only(n),
            (AnchorUse::Only(mut a), Some(n)) => {
                a.extend(n);
                a.sort_unstable();
                a.dedup();
                AnchorUse::Only(a)
            }
        };
    }
}

/// Record, for each pattern of `f` anchored on a metavariable, which names its uses admit.
/// A use is constrained when the pattern is a positive item of a `patterns` conjunction
/// that also has a `metavariable-regex` on that metavariable admitting only a few exact
/// identifiers (`^(query|execute)$`); the conjunction's matches then all have one of those
/// names at the anchor, so the walk needs to try the pattern only at calls or names that
/// end in one of them. Such a `metavariable-regex` also constrains the patterns of the
/// conjunction's positive items further down (`patterns: [pattern-either: [patterns:
/// [pattern: $DB.$M(...)]], metavariable-regex: $M]`): every match those items yield is
/// filtered by it (`inherited`, a regex of the conjunction itself taking precedence), when
/// the item is the conjunction's only positive one.
/// Every other use admits any name.
fn constrain_anchors(
    f: &Formula,
    arena: &PatternArena,
    inherited: &[(&str, Vec<Box<[u8]>>)],
    uses: &mut [AnchorUse],
) {
    fn note(
        uses: &mut [AnchorUse],
        arena: &PatternArena,
        id: PatternId,
        names: Option<Vec<Box<[u8]>>>,
    ) {
        if let Some(u) = uses.get_mut(id as usize)
            && arena.get(id).anchor_var.is_some()
        {
            u.add(names);
        }
    }
    let names_for = |regexes: &[(&str, Vec<Box<[u8]>>)], id: PatternId| {
        let var = arena.get(id).anchor_var.clone();
        var.and_then(|v| {
            regexes
                .iter()
                .find(|(n, _)| **n == *v)
                .map(|(_, s)| s.clone())
        })
    };
    match f {
        Formula::Pattern(id) => note(uses, arena, *id, names_for(inherited, *id)),
        Formula::Regex(_) => {}
        Formula::Or(fs) => fs
            .iter()
            .for_each(|f| constrain_anchors(f, arena, inherited, uses)),
        Formula::And(cs) => {
            let mut regexes: Vec<(&str, Vec<Box<[u8]>>)> = cs
                .iter()
                .filter_map(|c| match c {
                    Conjunct::MetavarRegex { name, regex } => {
                        exact_names(regex.as_str()).map(|set| (name.as_str(), set))
                    }
                    _ => None,
                })
                .collect();
            // Only the matches of a lone positive item are the conjunction's own (with
            // several, later ones only filter the first and lend it bindings).
            let lone = cs.iter().filter(|c| matches!(c, Conjunct::Pos(_))).count() == 1;
            if lone {
                regexes.extend(inherited.iter().cloned());
            }
            let is_bare = |id: PatternId| arena.get(id).is_bare_metavar();
            let first = driver_term(cs, &is_bare).map(std::ptr::from_ref);
            for c in cs {
                match c {
                    Conjunct::Pos(f) => {
                        let mut direct = Vec::new();
                        if direct_patterns(f, &mut direct) {
                            for id in direct {
                                note(uses, arena, id, names_for(&regexes, id));
                            }
                        } else if lone || first == Some(std::ptr::from_ref(f)) {
                            // The first term's matches are the conjunction's candidates,
                            // each filtered by the conjunction's own regexes at the end.
                            constrain_anchors(f, arena, &regexes, uses);
                        } else {
                            constrain_anchors(f, arena, &[], uses);
                        }
                    }
                    Conjunct::Inside(f) | Conjunct::Not(f) | Conjunct::NotInside(f) => {
                        constrain_anchors(f, arena, &[], uses);
                    }
                    Conjunct::MetavarPattern { formula, .. }
                    | Conjunct::MetavarFormatted {
                        unless_all: formula,
                        ..
                    } => {
                        constrain_anchors(formula, arena, &[], uses);
                    }
                    Conjunct::NotRegex(_)
                    | Conjunct::MetavarRegex { .. }
                    | Conjunct::MetavarComparison { .. }
                    | Conjunct::Focus(_) => {}
                }
            }
        }
    }
}

/// Word groups a match of a pattern must span: for one of its uses (the outer list), a
/// word of each group (ids in the plan's words).
type Gate = Vec<Vec<Vec<u32>>>;

/// What the uses of a pattern seen so far require of the code it matches.
#[derive(Debug, Clone)]
enum GateUse {
    Unused,
    /// Each use needs a word of each of its groups.
    Only(Gate),
    /// Some use needs nothing.
    Any,
}

impl GateUse {
    fn add(&mut self, groups: Vec<Vec<u32>>) {
        *self = match std::mem::replace(self, GateUse::Any) {
            GateUse::Any => GateUse::Any,
            _ if groups.is_empty() => GateUse::Any,
            GateUse::Unused => GateUse::Only(vec![groups]),
            GateUse::Only(mut uses) => {
                if !uses.contains(&groups) {
                    uses.push(groups);
                }
                GateUse::Only(uses)
            }
        };
    }

    fn finish(self) -> Option<Gate> {
        match self {
            GateUse::Only(uses) => Some(uses),
            GateUse::Unused | GateUse::Any => None,
        }
    }
}

/// Record, for each pattern of `f`, the words its matches must span. A conjunction keeps
/// only the results whose metavariable `$X` of a `metavariable-regex` is bound to code the
/// regex admits, which holds one word of each of the regex's [`required_words`] groups.
/// A pattern in a positive term (`pattern`, `pattern-inside`, alternatives and nested
/// conjunctions of such) that binds `$X` lends a result that binding, from inside its own
/// match: so where no word of a group lies in a node, the pattern need not be tried
/// there. Patterns under `pattern-not`, `pattern-not-inside` and `metavariable-pattern`
/// only get what their own conjunctions require (`inherited` holds the outer ones).
fn constrain_words(
    f: &Formula,
    arena: &PatternArena,
    inherited: &[(Arc<str>, Vec<Vec<u32>>)],
    table: &mut WordTable,
    uses: &mut [GateUse],
) {
    match f {
        Formula::Pattern(id) => {
            let p = arena.get(*id);
            let groups: Vec<Vec<u32>> = inherited
                .iter()
                .filter(|(name, _)| p.metavars.iter().any(|m| **m == **name))
                .flat_map(|(_, g)| g.iter().cloned())
                .collect();
            if let Some(u) = uses.get_mut(*id as usize) {
                u.add(groups);
            }
        }
        Formula::Regex(_) => {}
        Formula::Or(fs) => {
            for f in fs {
                constrain_words(f, arena, inherited, table, uses);
            }
        }
        Formula::And(cs) => {
            let mut here = inherited.to_vec();
            for c in cs {
                if let Conjunct::MetavarRegex { name, regex } = c {
                    let groups = table.regex_groups(regex.as_str());
                    if !groups.is_empty() {
                        here.push((Arc::from(name.as_str()), groups));
                    }
                }
            }
            for c in cs {
                match c {
                    Conjunct::Pos(f) | Conjunct::Inside(f) => {
                        constrain_words(f, arena, &here, table, uses);
                    }
                    Conjunct::Not(f) | Conjunct::NotInside(f) => {
                        constrain_words(f, arena, &[], table, uses);
                    }
                    Conjunct::MetavarPattern { formula, .. }
                    | Conjunct::MetavarFormatted {
                        unless_all: formula,
                        ..
                    } => constrain_words(formula, arena, &[], table, uses),
                    Conjunct::NotRegex(_)
                    | Conjunct::MetavarRegex { .. }
                    | Conjunct::MetavarComparison { .. }
                    | Conjunct::Focus(_) => {}
                }
            }
        }
    }
}

/// The patterns of `f` when it is only patterns and alternatives of patterns.
fn direct_patterns(f: &Formula, out: &mut Vec<PatternId>) -> bool {
    match f {
        Formula::Pattern(id) => {
            out.push(*id);
            true
        }
        Formula::Or(fs) => fs.iter().all(|f| direct_patterns(f, out)),
        Formula::Regex(_) | Formula::And(_) => false,
    }
}

/// Mark in `driver` the patterns whose matches over the whole file some formula needs:
/// those of the term each conjunction starts from, and of every term that is not a
/// plain pattern (or alternatives of patterns). The other terms of a conjunction
/// (`pattern-inside`, `pattern-not`, `pattern-not-inside`, further `pattern`s) only keep
/// or drop what the first found, and do so by matching at that result's ancestors, so
/// their patterns need no walk. Patterns under `metavariable-pattern` are matched inside
/// the bound code anyway (see [`formula_patterns`]) and are left alone.
fn mark_drivers(f: &Formula, filter: bool, bare: &dyn Fn(PatternId) -> bool, driver: &mut [bool]) {
    match f {
        Formula::Pattern(id) => {
            if !filter && let Some(d) = driver.get_mut(*id as usize) {
                *d = true;
            }
        }
        Formula::Regex(_) => {}
        Formula::Or(fs) => {
            let filter = filter && filter_shaped(f, bare);
            fs.iter()
                .for_each(|f| mark_drivers(f, filter, bare, driver));
        }
        Formula::And(cs) => {
            // A conjunction that is itself a filter starts from its first term's matches
            // around each result too: that term is a filter as well.
            let filter = filter && filter_shaped(f, bare);
            let first = driver_term(cs, bare).map(std::ptr::from_ref);
            for c in cs {
                match c {
                    Conjunct::Pos(g) | Conjunct::Inside(g) => {
                        let starts = first == Some(std::ptr::from_ref(g));
                        let as_filter = if starts {
                            filter
                        } else {
                            filter_shaped(g, bare)
                        };
                        mark_drivers(g, as_filter, bare, driver);
                    }
                    Conjunct::Not(g) | Conjunct::NotInside(g) => {
                        mark_drivers(g, filter_shaped(g, bare), bare, driver);
                    }
                    Conjunct::MetavarPattern { .. }
                    | Conjunct::MetavarFormatted { .. }
                    | Conjunct::NotRegex(_)
                    | Conjunct::MetavarRegex { .. }
                    | Conjunct::MetavarComparison { .. }
                    | Conjunct::Focus(_) => {}
                }
            }
        }
    }
}

/// The patterns of `f`. `through_metavariable_pattern: false` leaves out those reached
/// only through `metavariable-pattern`: the ones the walk must match over the whole file
/// (the others are matched on demand inside the bound code).
fn formula_patterns(f: &Formula, through_metavariable_pattern: bool, out: &mut Vec<PatternId>) {
    let deep = through_metavariable_pattern;
    match f {
        Formula::Pattern(id) => out.push(*id),
        Formula::Regex(_) => {}
        Formula::Or(fs) => fs.iter().for_each(|f| formula_patterns(f, deep, out)),
        Formula::And(cs) => {
            for c in cs {
                match c {
                    Conjunct::Pos(f)
                    | Conjunct::Inside(f)
                    | Conjunct::Not(f)
                    | Conjunct::NotInside(f) => formula_patterns(f, deep, out),
                    Conjunct::MetavarPattern { formula, .. }
                    | Conjunct::MetavarFormatted {
                        unless_all: formula,
                        ..
                    } if deep => {
                        formula_patterns(formula, deep, out);
                    }
                    Conjunct::MetavarPattern { .. }
                    | Conjunct::MetavarFormatted { .. }
                    | Conjunct::NotRegex(_)
                    | Conjunct::MetavarRegex { .. }
                    | Conjunct::MetavarComparison { .. }
                    | Conjunct::Focus(_) => {}
                }
            }
        }
    }
}

/// The prefilter's words (Aho–Corasick patterns), each with an id, and the word groups
/// of each `metavariable-regex` seen (see [`required_words`]).
#[derive(Default)]
struct WordTable {
    words: Vec<String>,
    index: HashMap<String, u32>,
    regex_groups: HashMap<String, Vec<Vec<u32>>>,
}

impl WordTable {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(id) = self.index.get(w) {
            return *id;
        }
        let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.words.push(w.to_string());
        self.index.insert(w.to_string(), id);
        id
    }

    /// Word ids of each group some word of which any text `re` admits contains.
    fn regex_groups(&mut self, re: &str) -> Vec<Vec<u32>> {
        if let Some(g) = self.regex_groups.get(re) {
            return g.clone();
        }
        let groups: Vec<Vec<u32>> = required_words(re)
            .iter()
            .map(|g| g.iter().map(|w| self.id(w)).collect())
            .collect();
        self.regex_groups.insert(re.to_string(), groups.clone());
        groups
    }
}

/// Which words a file must hold for `f` to match. A `metavariable-regex` adds the words
/// its regex needs (the bound code is in the file); a `metavariable-pattern` adds what its
/// formula needs (it matches inside the bound code).
fn requirement(f: &Formula, arena: &PatternArena, table: &mut WordTable) -> Requirement {
    match f {
        Formula::Pattern(id) => {
            let p = arena.get(*id);
            if p.words.is_empty() {
                Requirement::Always
            } else {
                Requirement::All(
                    p.words
                        .iter()
                        .map(|w| Requirement::Word(table.id(w)))
                        .collect(),
                )
            }
        }
        Formula::Regex(_) => Requirement::Always,
        Formula::Or(fs) => {
            let v: Vec<Requirement> = fs.iter().map(|f| requirement(f, arena, table)).collect();
            if v.is_empty() || v.contains(&Requirement::Always) {
                Requirement::Always
            } else {
                Requirement::Any(v)
            }
        }
        Formula::And(cs) => {
            let mut v: Vec<Requirement> = Vec::new();
            for c in cs {
                match c {
                    Conjunct::Pos(f) | Conjunct::Inside(f) => v.push(requirement(f, arena, table)),
                    Conjunct::MetavarPattern { formula, .. } => {
                        v.push(requirement(formula, arena, table));
                    }
                    Conjunct::MetavarRegex { regex, .. } => {
                        for g in table.regex_groups(regex.as_str()) {
                            v.push(Requirement::Any(
                                g.into_iter().map(Requirement::Word).collect(),
                            ));
                        }
                    }
                    Conjunct::Not(_)
                    | Conjunct::NotInside(_)
                    | Conjunct::NotRegex(_)
                    | Conjunct::MetavarComparison { .. }
                    | Conjunct::MetavarFormatted { .. }
                    | Conjunct::Focus(_) => {}
                }
            }
            v.retain(|r| *r != Requirement::Always);
            if v.is_empty() {
                Requirement::Always
            } else {
                Requirement::All(v)
            }
        }
    }
}

impl LangPlan {
    /// Index `programs` (rule index, formula) for `lang`.
    #[must_use]
    pub fn build(lang: Language, arena: &PatternArena, programs: Vec<(usize, Program)>) -> Self {
        Self::build_with(lang, arena, programs, &mut Prefilters::default())
    }

    /// [`Self::build`], sharing the prefilter automaton with the plans built before with
    /// the same `prefilters` when the words are the same (JavaScript, TypeScript and TSX
    /// rules are mostly one set).
    #[must_use]
    pub fn build_with(
        lang: Language,
        arena: &PatternArena,
        programs: Vec<(usize, Program)>,
        prefilters: &mut Prefilters,
    ) -> Self {
        let sp = crate::spec::spec(lang);
        let mut table = WordTable::default();
        let mut by_kind: Vec<Vec<PatternId>> = vec![Vec::new(); sp.kind_count()];
        let mut anchored: Vec<crate::hash::FastMap<Box<[u8]>, Vec<PatternId>>> =
            vec![crate::hash::FastMap::default(); sp.kind_count()];
        let mut wildcard = Vec::new();
        // Patterns some formula needs over the whole file; the others appear only under
        // `metavariable-pattern` and are matched on demand inside the bound code.
        let mut walked = vec![false; arena.len()];
        let mut progs = Vec::new();
        for (rule, program) in programs {
            let req = match &program {
                Program::Search(f) => requirement(f, arena, &mut table),
                Program::Taint(t) => {
                    let any = |fs: Vec<&Formula>, table: &mut WordTable| {
                        let v: Vec<Requirement> = fs
                            .into_iter()
                            .map(|f| requirement(f, arena, table))
                            .collect();
                        if v.is_empty() || v.contains(&Requirement::Always) {
                            Requirement::Always
                        } else {
                            Requirement::Any(v)
                        }
                    };
                    let src = any(t.sources.iter().map(|s| &s.formula).collect(), &mut table);
                    let snk = any(t.sinks.iter().map(|s| &s.formula).collect(), &mut table);
                    // A file with only sources may call another file's sink helper, and one with
                    // only sinks provides that helper's summary: either is enough to analyse.
                    Requirement::Any(vec![src, snk])
                }
            };
            let mut pats = Vec::new();
            for f in program.formulas() {
                formula_patterns(f, true, &mut pats);
                let mut on_walk = Vec::new();
                formula_patterns(f, false, &mut on_walk);
                for id in on_walk {
                    if let Some(w) = walked.get_mut(id as usize) {
                        *w = true;
                    }
                }
            }
            pats.sort_unstable();
            pats.dedup();
            let keys = match &program {
                Program::Search(_) => Vec::new(),
                Program::Taint(_) => program.formulas().into_iter().map(formula_key).collect(),
            };
            progs.push(RuleProgram {
                rule,
                keys,
                program,
                requirement: req,
                patterns: pats,
            });
        }
        // Names a pattern anchored on a metavariable can match, from `metavariable-regex`
        // (see `constrain_anchors`): `Some` only when every use of it is constrained.
        let mut var_anchors: Vec<AnchorUse> = vec![AnchorUse::Unused; arena.len()];
        for p in &progs {
            for f in p.program.formulas() {
                constrain_anchors(f, arena, &[], &mut var_anchors);
            }
        }
        // Words a pattern's match must span, from the `metavariable-regex`es of the
        // conjunctions using it (see `constrain_words`).
        let mut gate_uses: Vec<GateUse> = vec![GateUse::Unused; arena.len()];
        for p in &progs {
            for f in p.program.formulas() {
                constrain_words(f, arena, &[], &mut table, &mut gate_uses);
            }
        }
        let gates: Vec<Option<Gate>> = gate_uses.into_iter().map(GateUse::finish).collect();
        let mut driver = vec![false; arena.len()];
        let is_bare = |id: PatternId| arena.get(id).is_bare_metavar();
        for p in &progs {
            for f in p.program.formulas() {
                mark_drivers(f, false, &is_bare, &mut driver);
            }
        }
        let mut deferred: Vec<Option<Vec<Box<[u8]>>>> = vec![None; arena.len()];
        let mut pattern_words: Vec<Vec<u32>> = vec![Vec::new(); arena.len()];
        let mut lazy = vec![false; arena.len()];
        let mut used = vec![false; arena.len()];
        for p in &progs {
            for id in &p.patterns {
                used[*id as usize] = true;
            }
        }
        for (i, on) in used.iter().enumerate() {
            let Ok(id) = PatternId::try_from(i) else {
                continue;
            };
            let pattern = arena.get(id);
            if !on || pattern.is_bare_metavar() {
                // Bare metavariables are expanded during evaluation, never walked.
                continue;
            }
            for w in &pattern.words {
                pattern_words[i].push(table.id(w));
            }
            if !walked[i] && matches!(pattern.root, PRoot::Node(_)) {
                lazy[i] = true;
                continue;
            }
            if walked[i] && !driver[i] {
                // The names the walk would check a node's anchor against (see below).
                let names = match (&pattern.anchor, &var_anchors[i]) {
                    (Some(name), _) => vec![name.clone()],
                    (None, AnchorUse::Only(set)) => set.clone(),
                    _ => Vec::new(),
                };
                deferred[i] = Some(names);
                continue;
            }
            match &pattern.root_kinds {
                None => wildcard.push(id),
                Some(kinds) => {
                    for k in kinds {
                        let k = *k as usize;
                        let names: &[Box<[u8]>] = match (&pattern.anchor, &var_anchors[i]) {
                            (Some(name), _) => std::slice::from_ref(name),
                            (None, AnchorUse::Only(set)) => set,
                            _ => &[],
                        };
                        match names {
                            [_, ..] if anchorable(sp, k) => {
                                if let Some(slot) = anchored.get_mut(k) {
                                    for name in names {
                                        slot.entry(name.clone()).or_default().push(id);
                                    }
                                }
                            }
                            _ => {
                                if let Some(slot) = by_kind.get_mut(k) {
                                    slot.push(id);
                                }
                            }
                        }
                    }
                }
            }
        }
        let mut slot_ids: Vec<PatternId> = progs
            .iter()
            .flat_map(|p| p.patterns.iter().copied())
            .collect();
        slot_ids.sort_unstable();
        slot_ids.dedup();
        let mut slot_of = vec![NO_SLOT; arena.len()];
        for (slot, id) in slot_ids.iter().enumerate() {
            if let Some(s) = slot_of.get_mut(*id as usize) {
                *s = u32::try_from(slot).unwrap_or(NO_SLOT);
            }
        }
        let WordTable { words, index, .. } = table;
        let prefilter = prefilters.get(&words);
        Self {
            lang,
            programs: progs,
            words,
            prefilter,
            by_kind,
            anchored,
            wildcard,
            pattern_words,
            gates,
            word_ids: index,
            lazy,
            deferred,
            arena_len: arena.len(),
            slot_of,
            slot_ids,
        }
    }

    /// Pattern `id`'s slot (see [`Self::slot_of`]).
    fn slot(&self, id: PatternId) -> Option<usize> {
        match self.slot_of.get(id as usize) {
            Some(s) if *s != NO_SLOT => Some(*s as usize),
            _ => None,
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.programs.is_empty()
    }

    /// Whether the walk leaves pattern `id` to the filters that use it (see
    /// [`mark_drivers`]).
    #[must_use]
    pub fn is_deferred(&self, id: PatternId) -> bool {
        self.deferred.get(id as usize).is_some_and(Option::is_some)
    }

    /// The words a match of pattern `id` must span (see [`constrain_words`]): for one of
    /// its uses, a word of each group. `None` when some use of it needs none.
    #[must_use]
    pub fn gate_words(&self, id: PatternId) -> Option<Vec<Vec<Vec<&str>>>> {
        let uses = self.gates.get(id as usize)?.as_ref()?;
        let word = |w: &u32| self.words.get(*w as usize).map_or("", String::as_str);
        Some(
            uses.iter()
                .map(|groups| {
                    groups
                        .iter()
                        .map(|g| g.iter().map(word).collect())
                        .collect()
                })
                .collect(),
        )
    }

    #[must_use]
    pub fn programs(&self) -> &[RuleProgram] {
        &self.programs
    }

    /// Which programs can match `src` (by the literal prefilter).
    #[must_use]
    pub fn active(&self, src: &[u8]) -> Vec<bool> {
        let mut present = vec![false; self.words.len()];
        if let Some(ac) = &self.prefilter {
            let mut left = self.words.len();
            for m in ac.find_overlapping_iter(src) {
                let i = m.pattern().as_usize();
                if !present[i] {
                    present[i] = true;
                    left -= 1;
                    if left == 0 {
                        break;
                    }
                }
            }
        }
        self.programs
            .iter()
            .map(|p| p.requirement.satisfied(&present))
            .collect()
    }

    /// Every occurrence of every word in `src` (one pass).
    #[must_use]
    pub fn scan_words(&self, src: &[u8]) -> WordScan {
        let mut scan = WordScan {
            present: vec![false; self.words.len()],
            occ: vec![Vec::new(); self.words.len()],
        };
        if let Some(ac) = &self.prefilter {
            for m in ac.find_overlapping_iter(src) {
                let i = m.pattern().as_usize();
                if let Some(p) = scan.present.get_mut(i) {
                    *p = true;
                }
                if let (Some(v), Ok(start)) = (scan.occ.get_mut(i), u32::try_from(m.start())) {
                    v.push(start);
                }
            }
        }
        scan
    }

    /// [`Self::active`] from a [`Self::scan_words`] of the source.
    #[must_use]
    pub fn active_in(&self, words: &WordScan) -> Vec<bool> {
        self.programs
            .iter()
            .map(|p| p.requirement.satisfied(&words.present))
            .collect()
    }

    /// Whether the code from `lo` to `hi` holds a word of each group of some use of
    /// pattern `id` (see [`constrain_words`]); true for patterns without such groups.
    fn gate_open(&self, id: usize, occ: &[Vec<u32>], lo: usize, hi: usize) -> bool {
        let Some(Some(uses)) = self.gates.get(id) else {
            return true;
        };
        uses.iter().any(|groups| {
            groups.iter().all(|group| {
                group.iter().any(|w| {
                    let (Some(starts), Some(word)) =
                        (occ.get(*w as usize), self.words.get(*w as usize))
                    else {
                        // Not scanned: cannot tell.
                        return true;
                    };
                    let hits = WordHits {
                        starts,
                        len: u32::try_from(word.len()).unwrap_or(u32::MAX),
                    };
                    hits.last_in(lo, hi).is_some()
                })
            })
        })
    }

    /// Per pattern id, where its words occur (see [`WordHits`]), leaving out words an
    /// import alias may stand in for. A wanted pattern with a word that never occurs
    /// cannot match: it is dropped from `want`.
    fn word_hits<'o>(
        &self,
        occ: &'o [Vec<u32>],
        aliased: &[&[u8]],
        want: &mut [bool],
    ) -> Vec<Vec<WordHits<'o>>> {
        let mut unreliable = vec![false; self.words.len()];
        for part in aliased {
            if let Some(id) = std::str::from_utf8(part)
                .ok()
                .and_then(|w| self.word_ids.get(w))
                && let Some(u) = unreliable.get_mut(*id as usize)
            {
                *u = true;
            }
        }
        let mut out = vec![Vec::new(); self.slot_ids.len()];
        for (i, pattern) in self.slot_ids.iter().enumerate() {
            if !want.get(i).copied().unwrap_or(false) {
                continue;
            }
            let ids = self
                .pattern_words
                .get(*pattern as usize)
                .map_or(&[][..], Vec::as_slice);
            if ids.is_empty() {
                continue;
            }
            let mut v = Vec::with_capacity(ids.len());
            for id in ids {
                let id = *id as usize;
                if unreliable.get(id).copied().unwrap_or(true) {
                    continue;
                }
                let starts = occ.get(id).map_or(&[][..], Vec::as_slice);
                if starts.is_empty() {
                    want[i] = false;
                    break;
                }
                let len = self.words.get(id).map_or(0, String::len);
                v.push(WordHits {
                    starts,
                    len: u32::try_from(len).unwrap_or(u32::MAX),
                });
            }
            out[i] = v;
        }
        out
    }

    /// Walk `tree` once, matching the patterns of the `active` programs, then evaluate each
    /// active program's formula. `deadline` stops the walk early (partial results).
    #[must_use]
    pub fn run(
        &self,
        arena: &PatternArena,
        tree: &Tree,
        src: &[u8],
        active: &[bool],
        opts: &RunOptions<'_>,
    ) -> (FileMatches, bool) {
        // By slot (see `slot_of`).
        let mut want = vec![false; self.slot_ids.len()];
        for (p, on) in self.programs.iter().zip(active) {
            if *on {
                // Lazy patterns too (for their word positions): the walk never offers them.
                for id in &p.patterns {
                    if let Some(s) = self.slot(*id) {
                        want[s] = true;
                    }
                }
            }
        }
        let mut results: Vec<Vec<Match>> = vec![Vec::new(); self.slot_ids.len()];
        let mut pattern_time: Option<Vec<f64>> = opts.timings.then(|| vec![0.0; self.arena_len]);
        let mut users = vec![0u32; if opts.timings { self.arena_len } else { 0 }];
        if opts.timings {
            for (p, on) in self.programs.iter().zip(active) {
                if *on {
                    for id in &p.patterns {
                        users[*id as usize] += 1;
                    }
                }
            }
        }
        let own_nodes;
        let nodes = match opts.nodes {
            Some(n) => n,
            None => {
                own_nodes = mamori_lang::NodeList::new(self.lang, tree, src.len());
                &own_nodes
            }
        };
        let ctx = FileCtx::new(src, nodes).with_deadline(opts.deadline);
        let own_words;
        let words = match opts.words {
            Some(w) => w,
            None => {
                own_words = self.scan_words(src);
                &own_words
            }
        };
        let aliased = ctx.aliased_parts();
        let hits = self.word_hits(&words.occ, &aliased, &mut want);
        for (on, id) in want.iter_mut().zip(&self.slot_ids) {
            if *on && !self.gate_open(*id as usize, &words.occ, 0, usize::MAX) {
                *on = false;
            }
        }
        let wanted = |id: PatternId| self.slot(id).and_then(|s| want.get(s)).copied() == Some(true);
        let no_words: Vec<WordHits<'_>> = Vec::new();
        let words_of = |id: PatternId| self.slot(id).and_then(|s| hits.get(s)).unwrap_or(&no_words);
        let mut timed_out = false;
        let mut visited: u32 = 0;
        let spec = crate::spec::spec(self.lang);
        let no_anchored: crate::hash::FastMap<Box<[u8]>, Vec<PatternId>> =
            crate::hash::FastMap::default();
        let mut candidates: Vec<PatternId> = Vec::new();
        ctx.walk_all(|node| {
            let kind_id = node.kind();
            let kind = usize::from(kind_id);
            let specific = self.by_kind.get(kind).map_or(&[][..], Vec::as_slice);
            let by_name = self.anchored.get(kind).unwrap_or(&no_anchored);
            candidates.clear();
            if !by_name.is_empty() {
                let call = spec.is_call(kind_id);
                match ctx.anchor_names(node, call) {
                    Some((raw, resolved)) => {
                        if let Some(ids) = by_name.get(raw) {
                            candidates.extend_from_slice(ids);
                        }
                        if let Some(r) = resolved
                            && r.as_slice() != raw
                            && let Some(ids) = by_name.get(r.as_slice())
                        {
                            candidates.extend_from_slice(ids);
                        }
                    }
                    None => candidates.extend(by_name.values().flatten().copied()),
                }
            }
            for id in specific.iter().chain(&candidates).chain(&self.wildcard) {
                let Some(slot) = self.slot(*id) else {
                    continue;
                };
                if want[slot] && self.gate_open(*id as usize, &words.occ, node.start(), node.end())
                {
                    let t = pattern_time.is_some().then(Instant::now);
                    ctx.match_at_with_words(
                        arena.get(*id),
                        node,
                        words_of(*id),
                        &mut results[slot],
                    );
                    if let (Some(times), Some(t)) = (pattern_time.as_mut(), t) {
                        times[*id as usize] += t.elapsed().as_secs_f64();
                    }
                }
            }
            visited = visited.wrapping_add(1);
            if ctx.timed_out()
                || (visited.is_multiple_of(4096)
                    && opts.deadline.is_some_and(|d| Instant::now() >= d))
            {
                timed_out = true;
                return mamori_lang::Visit::Stop;
            }
            mamori_lang::Visit::Descend
        });
        let lookup = |id: PatternId| -> &[Match] {
            self.slot(id)
                .and_then(|s| results.get(s))
                .map_or(&[][..], Vec::as_slice)
        };
        // Rules are evaluated on what the walk matched even when it stopped at the deadline
        // (partial results): formula filters and taint get a short grace period for that.
        let eval_deadline = opts.deadline.map(|d| d + EVAL_GRACE);
        let bare = |id: PatternId| -> Option<Option<std::sync::Arc<str>>> {
            match &arena.get(id).root {
                crate::pattern::PRoot::Node(crate::pattern::PNode::Metavar(name)) => {
                    Some(name.clone())
                }
                _ => None,
            }
        };
        let lazy_cache: std::cell::RefCell<HashMap<(PatternId, usize, usize), Vec<Match>>> =
            std::cell::RefCell::default();
        // Deferred patterns (see `mark_drivers`): matched at the ancestors of the results
        // they filter, each (pattern, node) once per file.
        let around_cache: std::cell::RefCell<HashMap<(PatternId, usize), Vec<Match>>> =
            std::cell::RefCell::default();
        let chains: std::cell::RefCell<HashMap<(usize, usize), Chain<'_>>> =
            std::cell::RefCell::default();
        let is_deferred =
            |id: PatternId| self.deferred.get(id as usize).is_some_and(Option::is_some);
        let around = |id: PatternId, span: Span| -> Option<Vec<Match>> {
            let names = self.deferred.get(id as usize)?.as_ref()?;
            if !wanted(id) {
                // Not wanted: a word of it is missing from the file (as on the walk).
                return Some(Vec::new());
            }
            let pattern = arena.get(id);
            let chain: Chain<'_> = chains
                .borrow_mut()
                .entry((span.start, span.end))
                .or_insert_with(|| ctx.chain(span).into())
                .clone();
            let kinds = pattern.root_kinds.as_deref();
            let mut out = Vec::new();
            for item in chain.iter() {
                let kind = item.kind();
                if kinds.is_some_and(|k| k.binary_search(&kind).is_err()) {
                    continue;
                }
                // The walk offers a pattern with anchor names only at the nodes whose
                // anchor is one of them (or cannot be told).
                if !names.is_empty()
                    && anchorable(spec, usize::from(kind))
                    && let Some((raw, resolved)) = ctx.anchor_names(*item, spec.is_call(kind))
                    && !names
                        .iter()
                        .any(|n| **n == *raw || resolved.as_deref().is_some_and(|r| **n == *r))
                {
                    continue;
                }
                let mut cache = around_cache.borrow_mut();
                let found = cache.entry((id, item.node.id())).or_insert_with(|| {
                    let mut found = Vec::new();
                    ctx.match_at_with_words(pattern, *item, words_of(id), &mut found);
                    found
                });
                out.extend(found.iter().filter(|m| m.span.contains(span)).cloned());
            }
            Some(out)
        };
        let lazy = |id: PatternId, within: Span| -> Option<Vec<Match>> {
            if is_deferred(id) {
                // Needed over a region after all (a formula shape `around` does not
                // serve): the whole file's matches, once, kept to the region.
                let whole = Span::new(0, src.len());
                let mut cache = lazy_cache.borrow_mut();
                let all = cache
                    .entry((id, whole.start, whole.end))
                    .or_insert_with(|| {
                        if wanted(id) {
                            ctx.match_within(arena.get(id), whole, words_of(id))
                        } else {
                            Vec::new()
                        }
                    });
                return Some(
                    all.iter()
                        .filter(|m| within.contains(m.span))
                        .cloned()
                        .collect(),
                );
            }
            if !self.lazy.get(id as usize).copied().unwrap_or(false) {
                return None;
            }
            // As on the walk: a match spans an occurrence of each of the pattern's words,
            // so code without one of them (or a file without it: `want` off) holds none.
            let words = words_of(id);
            if !wanted(id)
                || words
                    .iter()
                    .any(|w| w.last_in(within.start, within.end).is_none())
            {
                return Some(Vec::new());
            }
            let key = (id, within.start, within.end);
            if let Some(v) = lazy_cache.borrow().get(&key) {
                return Some(v.clone());
            }
            let v = ctx.match_within(arena.get(id), within, words);
            lazy_cache.borrow_mut().insert(key, v.clone());
            Some(v)
        };
        let input = EvalInput {
            src,
            root: Some(tree.root_node()),
            nodes: Some(nodes),
            bare: &bare,
            lazy: &lazy,
            around: &around,
            deferred: &is_deferred,
            matches: &lookup,
            deadline: eval_deadline,
            cut_short: std::cell::Cell::new(false),
        };
        let mut out = FileMatches::default();
        let mut eval_cache = EvalCache::new();
        let taint_file = crate::taint::TaintFile::new(tree.root_node(), src).with_nodes(nodes);
        // Search rules first, then taint rules (slower): when time runs short, the cheap
        // rules have already reported.
        let order = self
            .programs
            .iter()
            .zip(active)
            .filter(|(p, _)| matches!(p.program, Program::Search(_)))
            .chain(
                self.programs
                    .iter()
                    .zip(active)
                    .filter(|(p, _)| matches!(p.program, Program::Taint(_))),
            );
        for (p, on) in order {
            if !*on {
                continue;
            }
            if matches!(p.program, Program::Taint(_)) && input.out_of_time() {
                // Past the grace period: the remaining taint rules are skipped (partial).
                timed_out = true;
                continue;
            }
            let t0 = (opts.timings || matches!(p.program, Program::Taint(_))).then(Instant::now);
            let ms = match &p.program {
                Program::Search(f) => eval(f, &input),
                Program::Taint(spec) => {
                    let inputs = taint_inputs(spec, &p.keys, &input, &mut eval_cache);
                    let (sources, sinks) = (!inputs.sources.is_empty(), !inputs.sinks.is_empty());
                    if sources || sinks {
                        out.halves.push((p.rule, sources, sinks));
                    }
                    let no_external = HashMap::new();
                    let ext = opts
                        .external
                        .and_then(|e| e.get(&p.rule))
                        .unwrap_or(&no_external);
                    let r = crate::taint::analyze_file(
                        &taint_file,
                        crate::spec::spec(self.lang),
                        &inputs,
                        ext,
                        eval_deadline,
                        if opts.all_summaries.contains(&p.rule) {
                            crate::taint::WantSummaries::All
                        } else if opts.findings_only {
                            crate::taint::WantSummaries::No
                        } else {
                            crate::taint::WantSummaries::Useful
                        },
                    );
                    timed_out |= r.timed_out;
                    if !r.summaries.is_empty() {
                        out.summaries.push((p.rule, r.summaries));
                    }
                    r.matches
                }
            };
            if let Some(t0) = t0 {
                let spent = t0.elapsed().as_secs_f64();
                if matches!(p.program, Program::Taint(_)) {
                    out.taint_seconds += spent;
                }
                if let Some(times) = &pattern_time {
                    let matching: f64 = p
                        .patterns
                        .iter()
                        .map(|id| times[*id as usize] / f64::from(users[*id as usize].max(1)))
                        .sum();
                    out.rule_times.push((p.rule, spent + matching));
                }
            }
            if !ms.is_empty() {
                out.rules.push((p.rule, ms));
            }
        }
        timed_out |= input.cut_short.get();
        (out, timed_out)
    }
}
