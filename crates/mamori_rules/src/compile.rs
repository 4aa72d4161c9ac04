//! [`RuleDef`]s → a [`RuleSet`]: patterns compiled once per grammar into a shared arena,
//! formulas built per language, semantic checks (undefined metavariables, bad regexes,
//! patterns that parse in none of the rule's languages), and per-language [`LangPlan`]s.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use globset::{Glob, GlobSet, GlobSetBuilder};
use mamori_diagnostics::{Confidence, RuleInfo};
use mamori_lang::Language;
use mamori_matcher::SharedRegex;
use mamori_matcher::{
    Comparison, Conjunct, Formula, LabelExpr, LangPlan, PatternArena, PatternError, Prefilters,
    Program, TaintPropagator, TaintSanitizer, TaintSink, TaintSource, TaintSpec,
};
use regex::Regex;

use crate::def::{BodyDef, ConjDef, FormulaDef, RuleDef, Spanned, TaintDef};
use crate::error::RuleError;

/// Regexes in rules run in the linear-time `regex` engine; this caps their compiled size.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub info: RuleInfo,
    /// The grammars the rule runs on (a subset of what it names, when a pattern cannot be
    /// written in one of them, e.g. JSX in plain TypeScript).
    pub languages: Vec<Language>,
    programs: [Option<Program>; 5],
    /// The `paths:` filter, shared by the rules that spell it alike.
    paths: Option<std::sync::Arc<PathFilter>>,
    pub fix: Option<String>,
    /// Rule file name (relative to `rules/` for built-ins).
    pub file: String,
}

impl Rule {
    #[must_use]
    pub fn program(&self, lang: Language) -> Option<&Program> {
        self.programs[lang.index()].as_ref()
    }

    /// True for `mode: taint` rules.
    #[must_use]
    pub fn is_taint(&self) -> bool {
        self.programs
            .iter()
            .flatten()
            .any(|p| matches!(p, Program::Taint(_)))
    }

    /// Whether the rule's `paths:` filter admits `path` (relative, `/`-separated). To
    /// check many rules against one path, see [`RuleSet::path_check`].
    #[must_use]
    pub fn applies_to_path(&self, path: &str) -> bool {
        self.paths
            .as_ref()
            .is_none_or(|f| f.admits(&globset::Candidate::new(path)))
    }

    #[must_use]
    pub fn has_path_filter(&self) -> bool {
        self.paths.is_some()
    }
}

/// A rule's `paths:` filter (`include`, `exclude` globs), compiled once for all the rules
/// that spell it alike (most built-in ones with a filter share one: test folders out).
#[derive(Debug)]
pub struct PathFilter {
    /// Index among the rule set's distinct filters.
    id: usize,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl PathFilter {
    fn admits(&self, path: &globset::Candidate<'_>) -> bool {
        self.include
            .as_ref()
            .is_none_or(|inc| inc.is_match_candidate(path))
            && !self
                .exclude
                .as_ref()
                .is_some_and(|exc| exc.is_match_candidate(path))
    }
}

/// Compiled path filters by their globs.
#[derive(Default)]
struct PathFilters(
    std::collections::HashMap<(Vec<String>, Vec<String>), std::sync::Arc<PathFilter>>,
);

/// The rules' path filters applied to one file, each distinct filter checked once.
pub struct PathCheck<'p> {
    path: globset::Candidate<'p>,
    seen: Vec<Option<bool>>,
}

impl PathCheck<'_> {
    /// Whether `rule`'s `paths:` filter admits the file.
    pub fn admits(&mut self, rule: &Rule) -> bool {
        let Some(f) = &rule.paths else {
            return true;
        };
        if let Some(Some(known)) = self.seen.get(f.id) {
            return *known;
        }
        let ok = f.admits(&self.path);
        if let Some(slot) = self.seen.get_mut(f.id) {
            *slot = Some(ok);
        }
        ok
    }
}

/// Which rules a scan runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Rules with `confidence: MEDIUM` or `HIGH`: precise enough to gate CI.
    #[default]
    Default,
    /// Every rule, including `confidence: LOW` ones.
    Audit,
}

/// Compiled rules with their per-language plans.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    arena: PatternArena,
    /// By [`Language::index`]: built when a file of the language is first scanned, so a
    /// scan pays only for its languages (and a rule selection made after compiling, as
    /// [`Self::retain`], builds nothing twice).
    plans: [OnceLock<LangPlan>; Language::ALL.len()],
    /// The word automata the plans built so far made (shared where equal).
    prefilters: Mutex<Prefilters>,
    /// How many distinct path filters the rules were compiled with.
    path_filters: usize,
}

impl RuleSet {
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    #[must_use]
    pub fn arena(&self) -> &PatternArena {
        &self.arena
    }

    /// Checks of the rules' `paths:` filters against `path` (relative, `/`-separated).
    #[must_use]
    pub fn path_check<'p>(&self, path: &'p str) -> PathCheck<'p> {
        PathCheck {
            path: globset::Candidate::new(path),
            seen: vec![None; self.path_filters],
        }
    }

    /// The plan of `lang`'s rules (built on first use).
    #[must_use]
    pub fn plan(&self, lang: Language) -> &LangPlan {
        self.plans[lang.index()].get_or_init(|| {
            let programs = self
                .rules
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.program(lang).map(|f| (i, f.clone())))
                .collect();
            // A panic elsewhere while the lock was held leaves the cache usable.
            let mut prefilters = self
                .prefilters
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            LangPlan::build_with(lang, &self.arena, programs, &mut prefilters)
        })
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Metadata of every rule, sorted by id.
    #[must_use]
    pub fn infos(&self) -> Vec<RuleInfo> {
        let mut v: Vec<RuleInfo> = self.rules.iter().map(|r| r.info.clone()).collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }

    /// Compile definitions into a rule set.
    ///
    /// # Errors
    /// Every semantic problem found (all rules are checked, not just the first).
    pub fn compile(defs: Vec<RuleDef>) -> Result<RuleSet, Vec<RuleError>> {
        let mut arena = PatternArena::default();
        let mut regexes = RegexCache::default();
        let mut filters = PathFilters::default();
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        let mut seen_ids: std::collections::HashMap<String, String> =
            std::collections::HashMap::new();
        for def in defs {
            if let Some(prev) = seen_ids.insert(def.id.text.clone(), def.origin.name.clone()) {
                errors.push(
                    RuleError::new(
                        "rule::duplicate-id",
                        &def.origin,
                        Some(def.id.span),
                        format!("rule id `{}` is already defined (in {prev})", def.id.text),
                    )
                    .with_help("rule ids must be unique across all loaded rule files"),
                );
                continue;
            }
            match compile_rule(&def, &mut arena, &mut regexes, &mut filters) {
                Ok(r) => rules.push(r),
                Err(mut es) => errors.append(&mut es),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self::from_parts(rules, arena, filters.0.len()))
    }

    fn from_parts(rules: Vec<Rule>, arena: PatternArena, path_filters: usize) -> RuleSet {
        RuleSet {
            rules,
            arena,
            plans: [const { OnceLock::new() }; Language::ALL.len()],
            prefilters: Mutex::default(),
            path_filters,
        }
    }

    /// Keep only the rules `keep` accepts (plans are made anew; patterns are shared).
    #[must_use]
    pub fn retain(self, keep: impl Fn(&Rule) -> bool) -> RuleSet {
        let RuleSet {
            rules,
            arena,
            path_filters,
            ..
        } = self;
        let rules = rules.into_iter().filter(|r| keep(r)).collect();
        Self::from_parts(rules, arena, path_filters)
    }

    /// Keep the rules of a profile.
    #[must_use]
    pub fn for_profile(self, profile: Profile) -> RuleSet {
        match profile {
            Profile::Audit => self,
            Profile::Default => self.retain(|r| r.info.confidence >= Confidence::Medium),
        }
    }
}

/// Compiled regexes by source text. A rule's regexes are compiled once per language and
/// many rules share the same ones; they share one `Arc` (see
/// [`mamori_matcher::SharedRegex`]), and compiled regexes are most of the memory of a
/// loaded rule set.
#[derive(Default)]
struct RegexCache(std::collections::HashMap<String, Result<SharedRegex, String>>);

fn compile_rule(
    def: &RuleDef,
    arena: &mut PatternArena,
    regexes: &mut RegexCache,
    filters: &mut PathFilters,
) -> Result<Rule, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut formulas: [Option<Program>; 5] = [None, None, None, None, None];
    let mut first_pattern_error: Option<RuleError> = None;
    let mut langs = Vec::new();
    for lang in &def.languages {
        let mut cx = LangCx {
            def,
            lang: *lang,
            arena: &mut *arena,
            regexes: &mut *regexes,
            pattern_error: None,
            errors: Vec::new(),
        };
        let f = match &def.body {
            BodyDef::Search(formula) => cx.formula(formula).map(Program::Search),
            BodyDef::Taint(t) => cx.taint(t).map(Program::Taint),
        };
        errors.append(&mut cx.errors);
        match (f, cx.pattern_error) {
            (Some(f), None) => {
                formulas[lang.index()] = Some(f);
                langs.push(*lang);
            }
            (_, Some(e)) => {
                first_pattern_error.get_or_insert(e);
            }
            (None, None) => {}
        }
    }
    if langs.is_empty()
        && let Some(e) = first_pattern_error
    {
        errors.push(e);
    }
    check_metavars(def, &mut errors);
    let paths = if def.paths_include.is_empty() && def.paths_exclude.is_empty() {
        None
    } else {
        let key = (def.paths_include.clone(), def.paths_exclude.clone());
        match filters.0.get(&key) {
            Some(f) => Some(f.clone()),
            None => {
                let include = globs(&def.paths_include, def, &mut errors);
                let exclude = globs(&def.paths_exclude, def, &mut errors);
                let f = std::sync::Arc::new(PathFilter {
                    id: filters.0.len(),
                    include,
                    exclude,
                });
                if errors.is_empty() {
                    filters.0.insert(key, f.clone());
                }
                Some(f)
            }
        }
    };
    if !errors.is_empty() {
        // One error per problem, not one per language.
        errors.dedup_by(|a, b| a.span == b.span && a.message == b.message);
        return Err(errors);
    }
    Ok(Rule {
        info: def.info.clone(),
        languages: langs,
        programs: formulas,
        paths,
        fix: def.fix.clone(),
        file: def.origin.name.clone(),
    })
}

fn globs(pats: &[String], def: &RuleDef, errors: &mut Vec<RuleError>) -> Option<GlobSet> {
    if pats.is_empty() {
        return None;
    }
    let mut b = GlobSetBuilder::new();
    for p in pats {
        let p = p.trim_start_matches("./");
        // Semgrep semantics: a pattern without `/` matches at any depth, and a directory
        // pattern matches everything below it.
        let anchored = p.starts_with('/');
        // `app/` names the folder, like `app`.
        let p = p.trim_start_matches('/').trim_end_matches('/');
        let mut variants = vec![p.to_string(), format!("{p}/**")];
        if !anchored {
            variants.push(format!("**/{p}"));
            variants.push(format!("**/{p}/**"));
        }
        for v in variants {
            match Glob::new(&v) {
                Ok(g) => {
                    b.add(g);
                }
                Err(e) => {
                    errors.push(RuleError::new(
                        "rule::bad-glob",
                        &def.origin,
                        Some(def.span),
                        format!("invalid path glob `{p}`: {e}"),
                    ));
                    return None;
                }
            }
        }
    }
    b.build().ok()
}

struct LangCx<'a> {
    def: &'a RuleDef,
    lang: Language,
    arena: &'a mut PatternArena,
    regexes: &'a mut RegexCache,
    pattern_error: Option<RuleError>,
    errors: Vec<RuleError>,
}

impl LangCx<'_> {
    fn pattern(&mut self, s: &Spanned) -> Option<Formula> {
        match self.arena.add(&s.text, self.lang) {
            Ok(id) => Some(Formula::Pattern(id)),
            Err(e) => {
                if self.pattern_error.is_none() {
                    self.pattern_error = Some(pattern_error(self.def, s, &e, self.lang));
                }
                None
            }
        }
    }

    fn regex(&mut self, s: &Spanned) -> Option<SharedRegex> {
        let compiled = self.regexes.0.entry(s.text.clone()).or_insert_with(|| {
            mamori_matcher::compile_regex(&s.text, REGEX_SIZE_LIMIT)
                .map(SharedRegex::new)
                .map_err(|e| e.to_string())
        });
        match compiled {
            Ok(r) => Some(SharedRegex::clone(r)),
            Err(e) => {
                self.errors.push(
                    RuleError::new("rule::bad-regex", &self.def.origin, Some(s.span), format!("invalid regex: {e}"))
                        .with_label("this regex")
                        .with_help("mamori uses Rust's `regex` syntax (linear time: no look-around or back-references)"),
                );
                None
            }
        }
    }

    fn taint(&mut self, t: &TaintDef) -> Option<TaintSpec> {
        let mut spec = TaintSpec {
            labels: vec![mamori_matcher::taint::DEFAULT_LABEL.to_string()],
            ..TaintSpec::default()
        };
        let label_id = |labels: &mut Vec<String>, name: &str| -> u16 {
            if let Some(i) = labels.iter().position(|l| l == name) {
                return u16::try_from(i).unwrap_or(0);
            }
            labels.push(name.to_string());
            u16::try_from(labels.len() - 1).unwrap_or(0)
        };
        for s in &t.sources {
            let formula = self.formula(&s.formula)?;
            let label = s
                .label
                .as_ref()
                .map_or(0, |l| label_id(&mut spec.labels, &l.text));
            spec.sources.push(TaintSource {
                formula,
                label,
                by_side_effect: s.by_side_effect,
            });
        }
        for s in &t.sinks {
            let formula = self.formula(&s.formula)?;
            let requires = match &s.requires {
                None => None,
                Some(r) => {
                    let mut labels = std::mem::take(&mut spec.labels);
                    let parsed = LabelExpr::parse(&r.text, &mut |n| label_id(&mut labels, n));
                    spec.labels = labels;
                    match parsed {
                        Ok(e) => Some(e),
                        Err(msg) => {
                            self.errors.push(RuleError::new(
                                "rule::bad-requires",
                                &self.def.origin,
                                Some(r.span),
                                msg,
                            ));
                            return None;
                        }
                    }
                }
            };
            spec.sinks.push(TaintSink { formula, requires });
        }
        for s in &t.sanitizers {
            let formula = self.formula(&s.formula)?;
            spec.sanitizers.push(TaintSanitizer {
                formula,
                by_side_effect: s.by_side_effect,
            });
        }
        for p in &t.propagators {
            let formula = self.formula(&p.formula)?;
            let (Some(from), Some(to)) = (&p.from, &p.to) else {
                return None;
            };
            spec.propagators.push(TaintPropagator {
                formula,
                from: mv_name(&from.text),
                to: mv_name(&to.text),
            });
        }
        Some(spec)
    }

    fn formula(&mut self, f: &FormulaDef) -> Option<Formula> {
        match f {
            FormulaDef::Pattern(s) => self.pattern(s),
            FormulaDef::Regex(s) => self.regex(s).map(Formula::Regex),
            FormulaDef::Or(items, _) => {
                let mut v = Vec::new();
                for it in items {
                    v.push(self.formula(it)?);
                }
                Some(Formula::Or(v))
            }
            FormulaDef::And(items, _) => {
                let mut v = Vec::new();
                for it in items {
                    v.push(self.conjunct(it)?);
                }
                Some(Formula::And(v))
            }
        }
    }

    fn conjunct(&mut self, c: &ConjDef) -> Option<Conjunct> {
        Some(match c {
            ConjDef::Pos(f) => Conjunct::Pos(self.formula(f)?),
            ConjDef::Inside(f) => Conjunct::Inside(self.formula(f)?),
            ConjDef::Not(f) => Conjunct::Not(self.formula(f)?),
            ConjDef::NotInside(f) => Conjunct::NotInside(self.formula(f)?),
            ConjDef::NotRegex(s) => Conjunct::NotRegex(self.regex(s)?),
            ConjDef::MetavarRegex { name, regex } => Conjunct::MetavarRegex {
                name: mv_name(&name.text),
                regex: self.regex(regex)?,
            },
            ConjDef::MetavarPattern {
                name,
                formula,
                language,
            } => {
                if let Some(l) = language {
                    let ok = Language::from_rule_name(&l.text)
                        .is_some_and(|ls| ls.contains(&self.lang))
                        || matches!(l.text.as_str(), "generic" | "regex");
                    if !ok || l.text == "generic" {
                        self.errors.push(
                            RuleError::new(
                                "rule::unsupported",
                                &self.def.origin,
                                Some(l.span),
                                format!("`metavariable-pattern` with `language: {}` is not supported (only the rule's own language)", l.text),
                            ),
                        );
                        return None;
                    }
                }
                Conjunct::MetavarPattern {
                    name: mv_name(&name.text),
                    formula: Box::new(self.formula(formula)?),
                }
            }
            ConjDef::MetavarFormatted { name, unless_all } => Conjunct::MetavarFormatted {
                name: mv_name(&name.text),
                unless_all: Box::new(self.formula(unless_all)?),
            },
            ConjDef::MetavarComparison { comparison } => {
                match Comparison::parse(&comparison.text) {
                    Ok(c) => Conjunct::MetavarComparison { comparison: c },
                    Err(msg) => {
                        self.errors.push(
                            RuleError::new(
                                "rule::bad-comparison",
                                &self.def.origin,
                                Some(comparison.span),
                                msg,
                            )
                            .with_label("this comparison"),
                        );
                        return None;
                    }
                }
            }
            ConjDef::Focus(names) => {
                Conjunct::Focus(names.iter().map(|n| mv_name(&n.text)).collect())
            }
        })
    }
}

fn mv_name(s: &str) -> String {
    s.trim().trim_start_matches('$').to_string()
}

fn pattern_error(def: &RuleDef, s: &Spanned, e: &PatternError, lang: Language) -> RuleError {
    let span = match e.offset {
        Some(off) => Some(map_offset(def, s, off)),
        None => Some(s.span),
    };
    RuleError::new(
        "rule::bad-pattern",
        &def.origin,
        span,
        format!("{} (pattern for {})", e.message, lang.name()),
    )
    .with_label("the parser stopped here")
    .with_help("a pattern is code in the target language; `$X`, `...` and `<... $X ...>` are the only extensions")
}

/// Map an offset inside a pattern's text to a byte offset in the YAML file.
fn map_offset(def: &RuleDef, s: &Spanned, off: usize) -> (usize, usize) {
    if s.verbatim {
        let at = s.span.0 + off.min(s.text.len());
        return (at, (at + 1).min(s.span.1.max(at + 1)));
    }
    // Block scalar: find the pattern's line inside the YAML text after the key.
    let before = &s.text[..off.min(s.text.len())];
    let line_no = before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, str::len);
    let line_text = s.text.lines().nth(line_no).unwrap_or_default();
    let yaml = def.origin.text.as_str();
    let region_start = s.span.0.min(yaml.len());
    let region = &yaml[region_start..s.span.1.min(yaml.len()).max(region_start)];
    let mut pos = 0;
    for (i, l) in region.split_inclusive('\n').enumerate() {
        if i >= 1
            && !line_text.is_empty()
            && let Some(p) = l.find(line_text)
        {
            let at = region_start + pos + p + col.min(line_text.len());
            return (at, at + 1);
        }
        pos += l.len();
    }
    s.span
}

/// Metavariables used by filters and `focus-metavariable` must be bound by a positive
/// pattern of the same or an enclosing `patterns`.
fn check_metavars(def: &RuleDef, errors: &mut Vec<RuleError>) {
    fn bound_by(f: &FormulaDef, out: &mut BTreeSet<String>) {
        match f {
            FormulaDef::Pattern(s) => {
                for mv in scan_metavars(&s.text) {
                    out.insert(mv);
                }
            }
            FormulaDef::Regex(s) => {
                if let Ok(re) = Regex::new(&s.text) {
                    out.extend(re.capture_names().flatten().map(str::to_string));
                }
            }
            FormulaDef::Or(items, _) => items.iter().for_each(|i| bound_by(i, out)),
            FormulaDef::And(items, _) => {
                for c in items {
                    match c {
                        ConjDef::Pos(f) | ConjDef::Inside(f) => bound_by(f, out),
                        ConjDef::MetavarPattern { formula, .. } => bound_by(formula, out),
                        _ => {}
                    }
                }
            }
        }
    }
    fn walk(f: &FormulaDef, outer: &BTreeSet<String>, def: &RuleDef, errors: &mut Vec<RuleError>) {
        match f {
            FormulaDef::Or(items, _) => items.iter().for_each(|i| walk(i, outer, def, errors)),
            FormulaDef::And(items, _) => {
                let mut bound = outer.clone();
                bound_by(f, &mut bound);
                let mut check = |s: &Spanned| {
                    let n = mv_name(&s.text);
                    if !bound.contains(&n) {
                        errors.push(
                            RuleError::new(
                                "rule::unbound-metavariable",
                                &def.origin,
                                Some(s.span),
                                format!("metavariable `${n}` is never bound by a pattern of this `patterns`"),
                            )
                            .with_label("not bound")
                            .with_help("bind it in a `pattern`, `pattern-either` or `pattern-inside` first"),
                        );
                    }
                };
                for c in items {
                    match c {
                        ConjDef::MetavarRegex { name, .. }
                        | ConjDef::MetavarPattern { name, .. }
                        | ConjDef::MetavarFormatted { name, .. } => check(name),
                        ConjDef::Focus(names) => names.iter().for_each(&mut check),
                        ConjDef::MetavarComparison { comparison } => {
                            if let Ok(cmp) = Comparison::parse(&comparison.text) {
                                let mut vars = Vec::new();
                                cmp.vars(&mut vars);
                                for v in vars {
                                    if !bound.contains(&v) {
                                        check(&Spanned {
                                            text: v,
                                            span: comparison.span,
                                            verbatim: false,
                                        });
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
                for c in items {
                    match c {
                        ConjDef::Pos(f) | ConjDef::Inside(f) => walk(f, &bound, def, errors),
                        ConjDef::MetavarPattern { formula, .. }
                        | ConjDef::MetavarFormatted {
                            unless_all: formula,
                            ..
                        } => walk(formula, &bound, def, errors),
                        _ => {}
                    }
                }
            }
            FormulaDef::Pattern(_) | FormulaDef::Regex(_) => {}
        }
    }
    match &def.body {
        BodyDef::Search(f) => walk(f, &BTreeSet::new(), def, errors),
        BodyDef::Taint(t) => {
            for item in t
                .sources
                .iter()
                .chain(&t.sinks)
                .chain(&t.sanitizers)
                .chain(&t.propagators)
            {
                walk(&item.formula, &BTreeSet::new(), def, errors);
                let mut bound = BTreeSet::new();
                bound_by(&item.formula, &mut bound);
                for s in [&item.from, &item.to].into_iter().flatten() {
                    let n = mv_name(&s.text);
                    if !bound.contains(&n) {
                        errors.push(
                            RuleError::new(
                                "rule::unbound-metavariable",
                                &def.origin,
                                Some(s.span),
                                format!(
                                    "metavariable `${n}` is not bound by the propagator's pattern"
                                ),
                            )
                            .with_label("not bound"),
                        );
                    }
                }
            }
        }
    }
}

/// `$X` / `$...X` names appearing in pattern text (outside nothing: a rough scan is fine,
/// it only decides whether a name is bound).
#[must_use]
pub fn scan_metavars(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            let mut j = i + 1;
            if b[j..].starts_with(b"...") {
                j += 3;
            }
            let s = j;
            while j < b.len()
                && (b[j].is_ascii_uppercase() || b[j].is_ascii_digit() || b[j] == b'_')
            {
                j += 1;
            }
            if j > s && (b[s].is_ascii_uppercase() || b[s] == b'_') {
                out.push(text[s..j].to_string());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod path_filter_tests {
    #![allow(clippy::unwrap_used)]
    use super::RuleSet;

    fn rule(id: &str, paths: &str) -> String {
        format!(
            "  - id: {id}\n    message: m\n    severity: WARNING\n    languages: [python]\n    pattern: eval(...)\n{paths}"
        )
    }

    #[test]
    fn rules_spelling_a_filter_alike_share_it_and_agree_with_one_check() {
        let tests_out = "    paths:\n      exclude:\n        - tests\n        - test_*.py\n";
        let app_only =
            "    paths:\n      include:\n        - app/\n      exclude:\n        - app/vendor\n";
        let text = format!(
            "rules:\n{}{}{}{}",
            rule("a", tests_out),
            rule("b", tests_out),
            rule("c", app_only),
            rule("d", "")
        );
        let set = RuleSet::compile(crate::load_str("t.yaml", &text).unwrap()).unwrap();
        assert_eq!(set.path_filters, 2, "a and b share one filter");
        let r = set.rules();
        for path in [
            "src/x.py",
            "tests/x.py",
            "src/tests/y.py",
            "pkg/test_x.py",
            "app/x.py",
            "app/vendor/x.py",
            "lib/app/x.py",
        ] {
            let mut check = set.path_check(path);
            let shared: Vec<bool> = r.iter().map(|x| check.admits(x)).collect();
            let each: Vec<bool> = r.iter().map(|x| x.applies_to_path(path)).collect();
            assert_eq!(shared, each, "{path}");
        }
        let admitted = |path: &str| -> Vec<bool> {
            let mut check = set.path_check(path);
            r.iter().map(|x| check.admits(x)).collect()
        };
        assert_eq!(admitted("src/x.py"), vec![true, true, false, true]);
        assert_eq!(admitted("src/tests/y.py"), vec![false, false, false, true]);
        assert_eq!(admitted("app/x.py"), vec![true, true, true, true]);
        assert_eq!(admitted("app/vendor/x.py"), vec![true, true, false, true]);
    }
}
