//! Rule definitions as written: YAML → [`RuleDef`], with every value's span kept for error
//! messages. No pattern is compiled here (see `compile.rs`).

use std::collections::BTreeSet;

use mamori_diagnostics::{Confidence, RuleInfo, Severity};
use mamori_lang::Language;

use crate::error::{Origin, RuleError};
use crate::yaml::{Y, YVal};

/// A string with its byte range in the rule file.
#[derive(Debug, Clone)]
pub struct Spanned {
    pub text: String,
    pub span: (usize, usize),
    /// True when the YAML scalar is written verbatim in the file (plain or single-line
    /// quoted without escapes), so offsets inside it map 1:1.
    pub verbatim: bool,
}

/// A formula as written.
#[derive(Debug, Clone)]
pub enum FormulaDef {
    Pattern(Spanned),
    Regex(Spanned),
    Or(Vec<FormulaDef>, (usize, usize)),
    And(Vec<ConjDef>, (usize, usize)),
}

#[derive(Debug, Clone)]
pub enum ConjDef {
    Pos(FormulaDef),
    Inside(FormulaDef),
    Not(FormulaDef),
    NotInside(FormulaDef),
    NotRegex(Spanned),
    MetavarRegex {
        name: Spanned,
        regex: Spanned,
    },
    MetavarPattern {
        name: Spanned,
        formula: FormulaDef,
        language: Option<Spanned>,
    },
    MetavarComparison {
        comparison: Spanned,
    },
    /// `metavariable-formatted`: mamori's own operator (not Semgrep's).
    MetavarFormatted {
        name: Spanned,
        unless_all: FormulaDef,
    },
    Focus(Vec<Spanned>),
}

/// One item of `pattern-sources` / `-sinks` / `-sanitizers` / `-propagators`.
#[derive(Debug, Clone)]
pub struct TaintItemDef {
    pub formula: FormulaDef,
    pub label: Option<Spanned>,
    pub requires: Option<Spanned>,
    pub by_side_effect: bool,
    pub from: Option<Spanned>,
    pub to: Option<Spanned>,
}

/// The parts of a `mode: taint` rule.
#[derive(Debug, Clone, Default)]
pub struct TaintDef {
    pub sources: Vec<TaintItemDef>,
    pub sinks: Vec<TaintItemDef>,
    pub sanitizers: Vec<TaintItemDef>,
    pub propagators: Vec<TaintItemDef>,
}

/// What a rule runs.
#[derive(Debug, Clone)]
pub enum BodyDef {
    Search(FormulaDef),
    Taint(TaintDef),
}

/// A rule as written.
#[derive(Debug, Clone)]
pub struct RuleDef {
    pub id: Spanned,
    pub info: RuleInfo,
    pub languages: Vec<Language>,
    pub body: BodyDef,
    pub paths_include: Vec<String>,
    pub paths_exclude: Vec<String>,
    pub fix: Option<String>,
    pub origin: Origin,
    /// Where the rule starts in its file.
    pub span: (usize, usize),
}

pub struct Ctx<'a> {
    pub origin: &'a Origin,
    pub errors: Vec<RuleError>,
}

impl Ctx<'_> {
    fn err(&mut self, code: &'static str, at: &Y, msg: impl Into<String>) -> RuleError {
        RuleError::new(code, self.origin, Some(at.span), msg)
    }

    fn push(&mut self, e: RuleError) {
        self.errors.push(e);
    }

    fn string(&mut self, y: &Y, what: &str) -> Option<Spanned> {
        match y.as_str() {
            Some(text) => {
                let raw = self.origin.text.get(y.span.0..y.span.1).unwrap_or_default();
                let verbatim = raw == text;
                Some(Spanned {
                    text,
                    span: y.span,
                    verbatim,
                })
            }
            None => {
                let e = self
                    .err(
                        "rule::wrong-type",
                        y,
                        format!("`{what}` must be a string, found {}", y.kind()),
                    )
                    .with_label("expected a string");
                self.push(e);
                None
            }
        }
    }

    fn strings(&mut self, y: &Y, what: &str) -> Vec<String> {
        match &y.val {
            YVal::Seq(items) => items
                .iter()
                .filter_map(|i| self.string(i, what))
                .map(|s| s.text)
                .collect(),
            YVal::Null => Vec::new(),
            _ => self
                .string(y, what)
                .map(|s| vec![s.text])
                .unwrap_or_default(),
        }
    }

    fn map<'y>(&mut self, y: &'y Y, what: &str) -> Option<&'y [(Y, Y)]> {
        if let YVal::Map(m) = &y.val {
            Some(m)
        } else {
            let e = self
                .err(
                    "rule::wrong-type",
                    y,
                    format!("`{what}` must be a mapping, found {}", y.kind()),
                )
                .with_label("expected a mapping");
            self.push(e);
            None
        }
    }

    fn seq<'y>(&mut self, y: &'y Y, what: &str) -> Option<&'y [Y]> {
        if let YVal::Seq(s) = &y.val {
            Some(s)
        } else {
            let e = self
                .err(
                    "rule::wrong-type",
                    y,
                    format!("`{what}` must be a list, found {}", y.kind()),
                )
                .with_label("expected a list");
            self.push(e);
            None
        }
    }
}

const RULE_KEYS: &[&str] = &[
    "id",
    "message",
    "severity",
    "languages",
    "metadata",
    "pattern",
    "patterns",
    "pattern-either",
    "pattern-regex",
    "paths",
    "fix",
    "options",
    "mode",
    "min-version",
    "max-version",
    "match",
    "pattern-sources",
    "pattern-sinks",
    "pattern-sanitizers",
    "pattern-propagators",
];

fn parse_taint(y: &Y, map: &[(Y, Y)], cx: &mut Ctx<'_>) -> Option<TaintDef> {
    let mut t = TaintDef::default();
    let before = cx.errors.len();
    for (k, v) in map {
        let key = k.as_str().unwrap_or_default();
        let slot = match key.as_str() {
            "pattern-sources" => &mut t.sources,
            "pattern-sinks" => &mut t.sinks,
            "pattern-sanitizers" => &mut t.sanitizers,
            "pattern-propagators" => &mut t.propagators,
            _ => continue,
        };
        let Some(items) = cx.seq(v, &key) else {
            continue;
        };
        for it in items {
            parse_taint_item(it, &key, slot, cx);
        }
    }
    if t.sources.is_empty() && cx.errors.len() == before {
        let e = cx.err(
            "rule::missing-key",
            y,
            "a taint rule needs `pattern-sources`",
        );
        cx.push(e);
    }
    if t.sinks.is_empty() && cx.errors.len() == before {
        let e = cx.err("rule::missing-key", y, "a taint rule needs `pattern-sinks`");
        cx.push(e);
    }
    (cx.errors.len() == before).then_some(t)
}

pub(crate) fn parse_taint_item(it: &Y, what: &str, out: &mut Vec<TaintItemDef>, cx: &mut Ctx<'_>) {
    let Some(m) = cx.map(it, what) else { return };
    let mut formula = None;
    let mut item = TaintItemDef {
        formula: FormulaDef::Or(Vec::new(), it.span),
        label: None,
        requires: None,
        by_side_effect: false,
        from: None,
        to: None,
    };
    for (k, v) in m {
        match k.as_str().as_deref() {
            Some("pattern" | "patterns" | "pattern-either" | "pattern-regex") => {
                if formula.is_some() {
                    let e = cx.err(
                        "rule::conflicting-keys",
                        k,
                        format!("each item of `{what}` takes one pattern key"),
                    );
                    cx.push(e);
                }
                formula = parse_formula_entry(k, v, cx);
            }
            Some("catalog") => {
                let Some(name) = cx.string(v, "catalog") else {
                    continue;
                };
                // `pattern-not-inside` beside a catalogue reference narrows every entry
                // (an SSRF rule leaving out admin-only handlers, say).
                let mut not_inside = None;
                for (k2, v2) in m {
                    match k2.as_str().as_deref() {
                        Some("catalog") => {}
                        Some("pattern-not-inside") => {
                            not_inside = inner_formula(v2, cx, "pattern-not-inside");
                        }
                        _ => {
                            let e = cx
                                .err(
                                    "rule::unknown-key",
                                    k2,
                                    format!("unknown key beside `catalog` in `{what}` item"),
                                )
                                .with_help("a catalogue reference takes only `pattern-not-inside`");
                            cx.push(e);
                        }
                    }
                }
                match crate::catalog::entries(&name.text) {
                    Some(entries) => {
                        for mut e in entries {
                            if let Some(f) = &not_inside {
                                let span = it.span;
                                e.formula = FormulaDef::And(
                                    vec![ConjDef::Pos(e.formula), ConjDef::NotInside(f.clone())],
                                    span,
                                );
                            }
                            out.push(e);
                        }
                    }
                    None => {
                        let e = RuleError::new(
                            "rule::unknown-catalog",
                            cx.origin,
                            Some(name.span),
                            format!("no catalogue entry named `{}`", name.text),
                        )
                        .with_help(format!(
                            "known entries: {}",
                            crate::catalog::names().join(", ")
                        ));
                        cx.push(e);
                    }
                }
                return;
            }
            Some("label") => item.label = cx.string(v, "label"),
            Some("requires") => item.requires = cx.string(v, "requires"),
            Some("by-side-effect") => {
                item.by_side_effect =
                    matches!(v.val, YVal::Bool(true)) || v.as_str().as_deref() == Some("only");
            }
            Some("from") => item.from = cx.string(v, "from"),
            Some("to") => item.to = cx.string(v, "to"),
            Some("exact" | "control") => {}
            // Read with the catalogue reference it narrows (see above).
            Some("pattern-not-inside")
                if m.iter()
                    .any(|(k2, _)| k2.as_str().as_deref() == Some("catalog")) => {}
            _ => {
                let e = cx
                    .err("rule::unknown-key", k, format!("unknown key in `{what}` item"))
                    .with_help("taint items take a pattern key plus `label`, `requires`, `by-side-effect`, `from`/`to` (propagators) or `catalog`");
                cx.push(e);
            }
        }
    }
    let Some(f) = formula else {
        let e = cx.err(
            "rule::missing-key",
            it,
            format!("this `{what}` item has no pattern"),
        );
        cx.push(e);
        return;
    };
    if what == "pattern-propagators" && (item.from.is_none() || item.to.is_none()) {
        let e = cx.err(
            "rule::missing-key",
            it,
            "a propagator needs `from` and `to` metavariables",
        );
        cx.push(e);
        return;
    }
    item.formula = f;
    out.push(item);
}

/// Keys Semgrep has that mamori recognises but does not support yet.
const UNSUPPORTED_RULE_KEYS: &[(&str, &str)] = &[
    ("fix-regex", "`fix-regex` is not supported; use `fix`"),
    ("join", "join mode is not supported"),
    ("extract", "extract mode is not supported"),
    ("equivalences", "`equivalences` are not supported"),
    (
        "r2c-internal-project-depends-on",
        "project dependency conditions are not supported",
    ),
    ("product", "`product` is not supported"),
];

/// Parse the top level of a rule file: `rules: [...]`.
pub(crate) fn parse_file(root: &Y, cx: &mut Ctx<'_>) -> Vec<RuleDef> {
    let Some(map) = cx.map(root, "the rule file") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut saw_rules = false;
    for (k, v) in map {
        match k.as_str().as_deref() {
            Some("rules") => {
                saw_rules = true;
                if let Some(items) = cx.seq(v, "rules") {
                    for item in items {
                        if let Some(r) = parse_rule(item, cx) {
                            out.push(r);
                        }
                    }
                }
            }
            _ => {
                let e = cx
                    .err(
                        "rule::unknown-key",
                        k,
                        format!("unknown top-level key `{}`", k.as_str().unwrap_or_default()),
                    )
                    .with_label("not a rule-file key")
                    .with_help(
                        "a rule file has one top-level key, `rules:`, holding a list of rules",
                    );
                cx.push(e);
            }
        }
    }
    if !saw_rules {
        let e = cx
            .err(
                "rule::missing-key",
                root,
                "the rule file has no `rules:` list",
            )
            .with_help("write `rules:` followed by a list of rules, as in Semgrep");
        cx.push(e);
    }
    out
}

fn parse_rule(y: &Y, cx: &mut Ctx<'_>) -> Option<RuleDef> {
    let map = cx.map(y, "a rule")?;
    let before = cx.errors.len();
    for (k, _) in map {
        let key = k.as_str().unwrap_or_default();
        if let Some((_, why)) = UNSUPPORTED_RULE_KEYS.iter().find(|(n, _)| *n == key) {
            let e = cx
                .err(
                    "rule::unsupported",
                    k,
                    format!("`{key}` is not supported by mamori: {why}"),
                )
                .with_label("unsupported");
            cx.push(e);
        } else if !RULE_KEYS.contains(&key.as_str()) {
            let e = cx
                .err("rule::unknown-key", k, format!("unknown rule key `{key}`"))
                .with_label("unknown key")
                .with_help(format!("rule keys are: {}", RULE_KEYS.join(", ")));
            cx.push(e);
        }
    }
    let missing = |cx: &mut Ctx<'_>, key: &str| {
        let e = cx
            .err("rule::missing-key", y, format!("the rule has no `{key}`"))
            .with_label(format!("this rule needs `{key}`"));
        cx.push(e);
    };
    let id = match y.get("id") {
        Some(v) => cx.string(v, "id"),
        None => {
            missing(cx, "id");
            None
        }
    };
    if let Some(id) = &id
        && !is_valid_id(&id.text)
    {
        let e = RuleError::new(
            "rule::bad-id",
            cx.origin,
            Some(id.span),
            format!("rule id `{}` is not valid", id.text),
        )
        .with_help("ids are letters, digits, `-`, `_` and `.` (kebab-case is recommended)");
        cx.push(e);
    }
    let message = match y.get("message") {
        Some(v) => cx.string(v, "message").map(|s| s.text),
        None => {
            missing(cx, "message");
            None
        }
    };
    let severity = match y.get("severity") {
        Some(v) => cx
            .string(v, "severity")
            .and_then(|s| match s.text.parse::<Severity>() {
                Ok(sev) => Some(sev),
                Err(msg) => {
                    let e = RuleError::new("rule::bad-value", cx.origin, Some(s.span), msg);
                    cx.push(e);
                    None
                }
            }),
        None => {
            missing(cx, "severity");
            None
        }
    };
    let mut languages: Vec<Language> = Vec::new();
    let mut language_names = Vec::new();
    match y.get("languages") {
        Some(v) => {
            if let Some(items) = cx.seq(v, "languages") {
                for it in items {
                    let Some(s) = cx.string(it, "languages") else {
                        continue;
                    };
                    match Language::from_rule_name(&s.text) {
                        Some(ls) => {
                            language_names.push(s.text.to_ascii_lowercase());
                            for l in ls {
                                if !languages.contains(l) {
                                    languages.push(*l);
                                }
                            }
                        }
                        None => {
                            let e = RuleError::new(
                                "rule::unsupported-language",
                                cx.origin,
                                Some(s.span),
                                format!("language `{}` is not supported", s.text),
                            )
                            .with_help(
                                "supported: python, javascript (js), typescript (ts), tsx, rust",
                            );
                            cx.push(e);
                        }
                    }
                }
            }
        }
        None => missing(cx, "languages"),
    }
    let mut taint_mode = false;
    if let Some(mode) = y.get("mode")
        && let Some(m) = cx.string(mode, "mode")
    {
        match m.text.as_str() {
            "search" => {}
            "taint" => taint_mode = true,
            other => {
                let e = RuleError::new(
                    "rule::unsupported",
                    cx.origin,
                    Some(m.span),
                    format!("`mode: {other}` is not supported (only `search` and `taint`)"),
                );
                cx.push(e);
            }
        }
    }
    let taint_keys = [
        "pattern-sources",
        "pattern-sinks",
        "pattern-sanitizers",
        "pattern-propagators",
    ];
    if !taint_mode {
        for (k, _) in map {
            let key = k.as_str().unwrap_or_default();
            if taint_keys.contains(&key.as_str()) {
                let e = cx
                    .err(
                        "rule::wrong-mode",
                        k,
                        format!("`{key}` only applies to `mode: taint` rules"),
                    )
                    .with_help("add `mode: taint` to the rule");
                cx.push(e);
            }
        }
    }
    let body = if taint_mode {
        parse_taint(y, map, cx).map(BodyDef::Taint)
    } else {
        None
    };
    let formula_keys = [
        "pattern",
        "patterns",
        "pattern-either",
        "pattern-regex",
        "match",
    ];
    let present: Vec<&(Y, Y)> = map
        .iter()
        .filter(|(k, _)| formula_keys.contains(&k.as_str().as_deref().unwrap_or_default()))
        .collect();
    let formula = match present.as_slice() {
        _ if taint_mode => {
            if let Some((k, _)) = present.first() {
                let e = cx
                    .err("rule::conflicting-keys", k, "a taint rule takes `pattern-sources` and `pattern-sinks`, not a search pattern")
                    .with_help("move the pattern into `pattern-sources` or `pattern-sinks`");
                cx.push(e);
            }
            None
        }
        [] => {
            let e = cx
                .err("rule::missing-key", y, "the rule has no pattern")
                .with_help("add one of `pattern`, `patterns`, `pattern-either`, `pattern-regex` or `match`");
            cx.push(e);
            None
        }
        [(k, v)] => parse_formula_entry(k, v, cx),
        [_, (k2, _), ..] => {
            let e = cx
                .err(
                    "rule::conflicting-keys",
                    k2,
                    "a rule takes exactly one top-level pattern key",
                )
                .with_help("combine them under `patterns:` (and) or `pattern-either:` (or)");
            cx.push(e);
            None
        }
    };
    let mut include = Vec::new();
    let mut exclude = Vec::new();
    if let Some(paths) = y.get("paths")
        && let Some(m) = cx.map(paths, "paths")
    {
        for (k, v) in m {
            match k.as_str().as_deref() {
                Some("include") => include = cx.strings(v, "paths.include"),
                Some("exclude") => exclude = cx.strings(v, "paths.exclude"),
                _ => {
                    let e = cx
                        .err("rule::unknown-key", k, "unknown key under `paths`")
                        .with_help("`paths` takes `include` and `exclude` lists of globs");
                    cx.push(e);
                }
            }
        }
    }
    if let Some(opts) = y.get("options")
        && let Some(m) = cx.map(opts, "options")
    {
        for (k, _) in m {
            let key = k.as_str().unwrap_or_default();
            if !KNOWN_OPTIONS.contains(&key.as_str()) {
                let e = cx
                    .err(
                        "rule::unsupported",
                        k,
                        format!("option `{key}` is not supported by mamori"),
                    )
                    .with_label("unsupported option")
                    .with_help(format!("supported options: {}", KNOWN_OPTIONS.join(", ")));
                cx.push(e);
            }
        }
    }
    let fix = y
        .get("fix")
        .and_then(|f| cx.string(f, "fix"))
        .map(|s| s.text);
    let metadata = y.get("metadata");
    if cx.errors.len() > before {
        return None;
    }
    let body = match body {
        Some(b) => b,
        None => BodyDef::Search(formula?),
    };
    let (id, message, severity) = (id?, message?, severity?);
    let info = build_info(&id.text, &message, severity, metadata, &language_names, cx);
    Some(RuleDef {
        id,
        info,
        languages,
        body,
        paths_include: include,
        paths_exclude: exclude,
        fix,
        origin: cx.origin.clone(),
        span: y.span,
    })
}

/// Semgrep options that mamori's matcher already behaves like (accepted, no effect needed).
const KNOWN_OPTIONS: &[&str] = &[
    "ac_matching",
    "commutative_boolop",
    "constant_propagation",
    "symbolic_propagation",
    "vardef_assign",
    "attr_expr",
    "arrow_is_function",
    "let_is_var",
    "implicit_return",
    "generic_engine",
];

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn parse_formula_entry(k: &Y, v: &Y, cx: &mut Ctx<'_>) -> Option<FormulaDef> {
    match k.as_str().as_deref() {
        Some("pattern") => cx.string(v, "pattern").map(FormulaDef::Pattern),
        Some("pattern-regex") => cx.string(v, "pattern-regex").map(FormulaDef::Regex),
        Some("pattern-either") => {
            let items = cx.seq(v, "pattern-either")?;
            let mut out = Vec::new();
            for it in items {
                out.push(parse_either_item(it, cx)?);
            }
            Some(FormulaDef::Or(out, v.span))
        }
        Some("patterns") => {
            let items = cx.seq(v, "patterns")?;
            let mut out = Vec::new();
            for it in items {
                out.push(parse_conjunct(it, cx)?);
            }
            if !out
                .iter()
                .any(|c| matches!(c, ConjDef::Pos(_) | ConjDef::Inside(_)))
            {
                let e = cx
                    .err("rule::no-positive", v, "`patterns` needs at least one positive term")
                    .with_help("add a `pattern`, `pattern-either` or `pattern-inside`; negations alone match nothing");
                cx.push(e);
                return None;
            }
            Some(FormulaDef::And(out, v.span))
        }
        Some("match") => {
            let e = cx
                .err(
                    "rule::unsupported",
                    k,
                    "the `match:` syntax is not supported yet",
                )
                .with_help("write the rule with `patterns` / `pattern-either`");
            cx.push(e);
            None
        }
        Some(other) => {
            let e = cx.err(
                "rule::unknown-key",
                k,
                format!("`{other}` is not a pattern operator here"),
            );
            cx.push(e);
            None
        }
        None => None,
    }
}

fn single_key<'y>(y: &'y Y, cx: &mut Ctx<'_>, what: &str) -> Option<(&'y Y, &'y Y)> {
    let m = cx.map(y, what)?;
    if m.len() != 1 {
        let e = cx
            .err(
                "rule::bad-operator",
                y,
                format!("each item of `{what}` must have exactly one operator key"),
            )
            .with_help("write each operator as its own list item, `- pattern: ...`");
        cx.push(e);
        return None;
    }
    Some((&m[0].0, &m[0].1))
}

fn parse_either_item(y: &Y, cx: &mut Ctx<'_>) -> Option<FormulaDef> {
    let (k, v) = single_key(y, cx, "pattern-either")?;
    match k.as_str().as_deref() {
        Some("pattern" | "patterns" | "pattern-either" | "pattern-regex") => {
            parse_formula_entry(k, v, cx)
        }
        Some(other) => {
            let e = cx
                .err("rule::bad-operator", k, format!("`{other}` cannot appear directly in `pattern-either`"))
                .with_help("items of `pattern-either` are `pattern`, `patterns`, `pattern-either` or `pattern-regex` (or, inside `patterns`, only `pattern-inside`s); wrap filters in `patterns`");
            cx.push(e);
            None
        }
        None => None,
    }
}

fn parse_conjunct(y: &Y, cx: &mut Ctx<'_>) -> Option<ConjDef> {
    let (k, v) = single_key(y, cx, "patterns")?;
    let key = k.as_str().unwrap_or_default();
    Some(match key.as_str() {
        "pattern-either" if either_of_insides(v) => {
            // Semgrep allows `pattern-either` of `pattern-inside`s: inside any of them.
            let YVal::Seq(items) = &v.val else {
                return None;
            };
            let mut alts = Vec::new();
            for it in items {
                let (_, iv) = single_key(it, cx, "pattern-either")?;
                alts.push(inner_formula(iv, cx, "pattern-inside")?);
            }
            ConjDef::Inside(FormulaDef::Or(alts, v.span))
        }
        "pattern" | "patterns" | "pattern-either" | "pattern-regex" => {
            ConjDef::Pos(parse_formula_entry(k, v, cx)?)
        }
        "pattern-inside" => ConjDef::Inside(inner_formula(v, cx, "pattern-inside")?),
        "pattern-not" => ConjDef::Not(inner_formula(v, cx, "pattern-not")?),
        "pattern-not-inside" => ConjDef::NotInside(inner_formula(v, cx, "pattern-not-inside")?),
        "pattern-not-regex" => ConjDef::NotRegex(cx.string(v, "pattern-not-regex")?),
        "focus-metavariable" => ConjDef::Focus(match &v.val {
            YVal::Seq(items) => items
                .iter()
                .filter_map(|i| cx.string(i, "focus-metavariable"))
                .collect(),
            _ => vec![cx.string(v, "focus-metavariable")?],
        }),
        "metavariable-regex" => {
            let m = cx.map(v, "metavariable-regex")?;
            let mut name = None;
            let mut regex = None;
            for (mk, mv) in m {
                match mk.as_str().as_deref() {
                    Some("metavariable") => name = cx.string(mv, "metavariable"),
                    Some("regex") => regex = cx.string(mv, "regex"),
                    Some("constant-value-propagation") => {}
                    _ => {
                        let e = cx
                            .err(
                                "rule::unknown-key",
                                mk,
                                "unknown key in `metavariable-regex`",
                            )
                            .with_help("`metavariable-regex` takes `metavariable` and `regex`");
                        cx.push(e);
                    }
                }
            }
            let (Some(name), Some(regex)) = (name, regex) else {
                let e = cx.err(
                    "rule::missing-key",
                    v,
                    "`metavariable-regex` needs `metavariable` and `regex`",
                );
                cx.push(e);
                return None;
            };
            ConjDef::MetavarRegex { name, regex }
        }
        "metavariable-pattern" => {
            let m = cx.map(v, "metavariable-pattern")?;
            let mut name = None;
            let mut formula = None;
            let mut language = None;
            for (mk, mv) in m {
                match mk.as_str().as_deref() {
                    Some("metavariable") => name = cx.string(mv, "metavariable"),
                    Some("language") => language = cx.string(mv, "language"),
                    Some("pattern" | "patterns" | "pattern-either" | "pattern-regex") => {
                        formula = parse_formula_entry(mk, mv, cx);
                    }
                    _ => {
                        let e = cx.err("rule::unknown-key", mk, "unknown key in `metavariable-pattern`")
                            .with_help("`metavariable-pattern` takes `metavariable`, an optional `language`, and one of `pattern`, `patterns`, `pattern-either`, `pattern-regex`");
                        cx.push(e);
                    }
                }
            }
            let (Some(name), Some(formula)) = (name, formula) else {
                let e = cx.err(
                    "rule::missing-key",
                    v,
                    "`metavariable-pattern` needs `metavariable` and a pattern",
                );
                cx.push(e);
                return None;
            };
            ConjDef::MetavarPattern {
                name,
                formula,
                language,
            }
        }
        "metavariable-comparison" => {
            let m = cx.map(v, "metavariable-comparison")?;
            let mut comparison = None;
            for (mk, mv) in m {
                match mk.as_str().as_deref() {
                    Some("comparison") => comparison = cx.string(mv, "comparison"),
                    Some("metavariable" | "strip" | "base") => {}
                    _ => {
                        let e = cx.err(
                            "rule::unknown-key",
                            mk,
                            "unknown key in `metavariable-comparison`",
                        );
                        cx.push(e);
                    }
                }
            }
            let Some(comparison) = comparison else {
                let e = cx.err(
                    "rule::missing-key",
                    v,
                    "`metavariable-comparison` needs `comparison`",
                );
                cx.push(e);
                return None;
            };
            ConjDef::MetavarComparison { comparison }
        }
        "metavariable-formatted" => {
            let m = cx.map(v, "metavariable-formatted")?;
            let mut name = None;
            let mut unless_all = None;
            for (mk, mv) in m {
                match mk.as_str().as_deref() {
                    Some("metavariable") => name = cx.string(mv, "metavariable"),
                    Some("unless-all") => {
                        let Some(inner) = cx.map(mv, "unless-all") else {
                            continue;
                        };
                        for (ik, iv) in inner {
                            match ik.as_str().as_deref() {
                                Some(
                                    "pattern" | "patterns" | "pattern-either" | "pattern-regex",
                                ) => {
                                    unless_all = parse_formula_entry(ik, iv, cx);
                                }
                                _ => {
                                    let e = cx.err("rule::unknown-key", ik, "unknown key in `unless-all`")
                                        .with_help("`unless-all` takes one of `pattern`, `patterns`, `pattern-either`, `pattern-regex`");
                                    cx.push(e);
                                }
                            }
                        }
                    }
                    _ => {
                        let e = cx.err("rule::unknown-key", mk, "unknown key in `metavariable-formatted`")
                            .with_help("`metavariable-formatted` takes `metavariable` and `unless-all` (a pattern formula for the harmless values)");
                        cx.push(e);
                    }
                }
            }
            let (Some(name), Some(unless_all)) = (name, unless_all) else {
                let e = cx.err(
                    "rule::missing-key",
                    v,
                    "`metavariable-formatted` needs `metavariable` and `unless-all`",
                );
                cx.push(e);
                return None;
            };
            ConjDef::MetavarFormatted { name, unless_all }
        }
        "metavariable-analysis"
        | "metavariable-name"
        | "metavariable-type"
        | "pattern-where-python" => {
            let e = cx
                .err(
                    "rule::unsupported",
                    k,
                    format!("`{key}` is not supported by mamori"),
                )
                .with_label("unsupported operator");
            cx.push(e);
            return None;
        }
        other => {
            let e = cx
                .err("rule::unknown-key", k, format!("unknown operator `{other}` in `patterns`"))
                .with_label("unknown operator")
                .with_help("operators: pattern, patterns, pattern-either, pattern-regex, pattern-inside, pattern-not, pattern-not-inside, pattern-not-regex, metavariable-regex, metavariable-pattern, metavariable-comparison, metavariable-formatted, focus-metavariable");
            cx.push(e);
            return None;
        }
    })
}

/// True when every item of a `pattern-either` list is a `pattern-inside`.
fn either_of_insides(v: &Y) -> bool {
    let YVal::Seq(items) = &v.val else {
        return false;
    };
    !items.is_empty()
        && items.iter().all(|it| {
            matches!(&it.val, YVal::Map(m) if m.len() == 1 && m[0].0.as_str().as_deref() == Some("pattern-inside"))
        })
}

/// `pattern-inside` / `pattern-not` take a pattern string, or (newer Semgrep) a formula.
fn inner_formula(v: &Y, cx: &mut Ctx<'_>, what: &str) -> Option<FormulaDef> {
    match &v.val {
        YVal::Map(m) if m.len() == 1 => parse_formula_entry(&m[0].0, &m[0].1, cx),
        _ => cx.string(v, what).map(FormulaDef::Pattern),
    }
}

fn build_info(
    id: &str,
    message: &str,
    severity: Severity,
    metadata: Option<&Y>,
    languages: &[String],
    cx: &mut Ctx<'_>,
) -> RuleInfo {
    let md = |k: &str| metadata.and_then(|m| m.get(k));
    let text = |k: &str| md(k).and_then(Y::as_str);
    let list = |k: &str| -> Vec<String> {
        match md(k) {
            Some(Y {
                val: YVal::Seq(items),
                ..
            }) => items.iter().filter_map(Y::as_str).collect(),
            Some(y) => y.as_str().into_iter().collect(),
            None => Vec::new(),
        }
    };
    let confidence = match text("confidence") {
        Some(c) => c.parse::<Confidence>().unwrap_or_else(|msg| {
            if let Some(y) = md("confidence") {
                let e = RuleError::new("rule::bad-value", cx.origin, Some(y.span), msg);
                cx.push(e);
            }
            Confidence::Medium
        }),
        None => Confidence::Medium,
    };
    let security_severity = match md("security-severity") {
        Some(y) => match &y.val {
            YVal::Int(i) => *i as f32,
            YVal::Float(f) => *f as f32,
            YVal::Str(s) => s.trim().parse::<f32>().unwrap_or(f32::NAN),
            _ => f32::NAN,
        },
        None => severity.default_security_severity(),
    };
    let security_severity = if (0.0..=10.0).contains(&security_severity) {
        security_severity
    } else {
        if let Some(y) = md("security-severity") {
            let e = RuleError::new(
                "rule::bad-value",
                cx.origin,
                Some(y.span),
                "`security-severity` must be a number from 0.0 to 10.0",
            );
            cx.push(e);
        }
        severity.default_security_severity()
    };
    let plain_message = strip_metavars(message);
    let short = text("short-description").unwrap_or_else(|| first_sentence(&plain_message));
    let full = text("description").unwrap_or_else(|| plain_message.clone());
    let help = text("help").unwrap_or_else(|| full.clone());
    let references = list("references");
    let cwe = list("cwe");
    let owasp = list("owasp");
    let mut tags: BTreeSet<String> = BTreeSet::new();
    for k in ["subcategory", "technology", "tags"] {
        tags.extend(list(k));
    }
    let mut md_help = String::new();
    md_help.push_str(help.trim_end());
    md_help.push('\n');
    if !cwe.is_empty() || !owasp.is_empty() || !references.is_empty() {
        md_help.push_str("\n#### References\n\n");
        for c in &cwe {
            if let Some(n) = c.strip_prefix("CWE-").map(|r| {
                r.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            }) {
                md_help.push_str(&format!(
                    "- [{c}](https://cwe.mitre.org/data/definitions/{n}.html)\n"
                ));
            }
        }
        for o in &owasp {
            md_help.push_str(&format!("- OWASP {o}\n"));
        }
        for r in &references {
            md_help.push_str(&format!("- <{r}>\n"));
        }
    }
    RuleInfo {
        id: id.to_string(),
        message: message.to_string(),
        short_description: short,
        full_description: full,
        help: help.trim_end().to_string(),
        help_markdown: md_help,
        help_uri: text("help-uri").or_else(|| text("source")),
        severity,
        confidence,
        cwe,
        owasp,
        category: text("category"),
        likelihood: text("likelihood"),
        impact: text("impact"),
        security_severity,
        references,
        languages: languages.to_vec(),
        tags: tags.into_iter().collect(),
    }
}

/// The message with `$X` placeholders shown as `X`, for descriptions.
fn strip_metavars(m: &str) -> String {
    let mut out = String::with_capacity(m.len());
    let b = m.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' && b.get(i + 1).is_some_and(|c| c.is_ascii_uppercase()) {
            i += 1;
            continue;
        }
        let ch_len = m[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&m[i..i + ch_len]);
        i += ch_len;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_sentence(m: &str) -> String {
    let end = m
        .char_indices()
        .find(|(i, c)| {
            *c == '.' && m[i + 1..].starts_with(' ') || *c == ':' && m[i + 1..].starts_with(' ')
        })
        .map_or(m.len(), |(i, _)| i);
    let s = m[..end].trim().trim_end_matches('.');
    let mut s: String = s.chars().take(120).collect();
    if s.is_empty() {
        s = m.chars().take(120).collect();
    }
    s
}
