//! Built-in analyses that are not pattern rules: secret detection ([`mamori_secrets`]) and
//! supply-chain checks ([`mamori_supply`]).
//!
//! An [`Analyzer`] sees every code file's tree (in the parallel per-file step, right after
//! the pattern rules) and the non-code files it asks for ([`Analyzer::wants_extra_file`]:
//! manifests, `.env*`, JSON/YAML/TOML configs, MCP configs), returns [`RawFinding`]s and
//! per-file facts, and gets all facts back once in a cross-file [`Analyzer::finish`] step.
//! The engine turns raw findings into full [`Finding`]s (positions, snippet, fingerprints,
//! suppression).
//!
//! Invariant: a secret found in a file never reaches a [`Finding`] of that file in full —
//! not in the snippet, message, bindings or fix of any finding (pattern rules' included):
//! [`redact`] masks it, keeping a short visible prefix.

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use mamori_diagnostics::{
    Confidence, FileError, FileErrorKind, Finding, Position, RuleInfo, Severity, Snippet,
};
use mamori_lang::Language;
use mamori_lang::NodeList;
use mamori_text::{ColumnUnit, LineIndex, Span};
use rayon::prelude::*;

use crate::discover::{self, DiscoverOptions, ExtraFile};
use crate::{Candidate, FileResult, ScanOptions, SuppressOptions, suppress};

/// Switches and settings of the built-in analyses (all on by default except `online`).
#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    /// Secret detection (`secret-*` rules). CLI: `--no-secrets` turns it off.
    pub secrets: bool,
    /// Supply-chain checks (`hallucinated-package`, `typosquat-package`,
    /// `recently-published-package`, `mcp-server-unpinned`). CLI: `--no-supply-chain`.
    pub supply_chain: bool,
    /// Ask the package registries about flagged and unknown names. CLI: `--online`.
    pub online: bool,
    /// Registry URLs, timeout, parallelism and cache folder for `online`; the CLI should
    /// set `registry.cache_dir` to [`mamori_supply::online::user_cache_dir`].
    pub registry: mamori_supply::OnlineOptions,
    /// Non-code files larger than this are not read (lock-file-sized JSON is data).
    pub max_extra_file_size: u64,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        Self {
            secrets: true,
            supply_chain: true,
            online: false,
            registry: mamori_supply::OnlineOptions::default(),
            max_extra_file_size: 1024 * 1024,
        }
    }
}

/// One file as an analyzer sees it: code files have a language and a tree, extra files
/// neither.
pub struct FileInput<'a> {
    /// Display path (as in findings).
    pub path: &'a str,
    /// Path relative to the scan root it was found under (`/`-separated).
    pub rel_path: &'a str,
    pub src: &'a [u8],
    pub lang: Option<Language>,
    /// The nodes of the file's tree (code files).
    pub nodes: Option<&'a NodeList<'a>>,
}

/// A finding before the engine adds positions, snippet, fingerprints and suppression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    pub rule_id: String,
    /// Display path of the file it is in (for the finish step; per-file findings may leave
    /// it empty).
    pub path: String,
    pub span: Span,
    pub message: String,
    /// `None`: the rule's default.
    pub severity: Option<Severity>,
    pub confidence: Option<Confidence>,
    /// A replacement for `span`, if the analyzer has one: (description, new text).
    pub fix: Option<(String, String)>,
    /// `span` is a secret's value: it is masked wherever this file is shown.
    pub secret: bool,
    /// Identity for the `mamori/v1` fingerprint (instead of the matched text, which for a
    /// secret must not be hashed as is).
    pub identity: String,
}

/// Per-file facts an analyzer keeps for its finish step.
pub type Facts = Box<dyn Any + Send + Sync>;

/// What an analyzer returns for one file.
#[derive(Default)]
pub struct FileOutput {
    pub findings: Vec<RawFinding>,
    pub facts: Option<Facts>,
}

/// A built-in analysis.
pub trait Analyzer: Send + Sync {
    /// Metadata of every rule it can report (added to the report's rules).
    fn rules(&self) -> Vec<RuleInfo>;
    /// Non-code files to read (path relative to the scan root, `/`-separated).
    fn wants_extra_file(&self, rel_path: &str) -> bool;
    /// Whether it needs the tree of code files in `lang` (forces parsing files no pattern
    /// rule would touch).
    fn wants_tree(&self, lang: Language) -> bool;
    /// Per file, in parallel.
    fn check_file(&self, file: &FileInput<'_>) -> FileOutput;
    /// Once, with the facts of every file that returned some (`(path, facts)`), and every
    /// discovered path.
    fn finish(
        &self,
        facts: &[(&str, &(dyn Any + Send + Sync))],
        paths: &[String],
    ) -> Vec<RawFinding>;
}

/// Secret detection.
pub struct SecretsAnalyzer;

impl Analyzer for SecretsAnalyzer {
    fn rules(&self) -> Vec<RuleInfo> {
        mamori_secrets::rules()
    }

    fn wants_extra_file(&self, rel_path: &str) -> bool {
        mamori_secrets::wants_extra_file(rel_path)
    }

    fn wants_tree(&self, _lang: Language) -> bool {
        true
    }

    fn check_file(&self, file: &FileInput<'_>) -> FileOutput {
        let found = match (file.lang, file.nodes) {
            (Some(_), Some(nodes)) => mamori_secrets::scan_code(file.rel_path, nodes, file.src),
            _ => mamori_secrets::scan_text(file.rel_path, &String::from_utf8_lossy(file.src)),
        };
        let findings = found
            .into_iter()
            .map(|s| RawFinding {
                rule_id: s.rule_id.to_string(),
                path: file.path.to_string(),
                span: s.span,
                identity: mamori_secrets::short_hash(&String::from_utf8_lossy(
                    file.src.get(s.span.range()).unwrap_or_default(),
                )),
                message: s.message,
                severity: Some(s.severity),
                confidence: Some(s.confidence),
                fix: None,
                secret: true,
            })
            .collect();
        FileOutput {
            findings,
            facts: None,
        }
    }

    fn finish(&self, _: &[(&str, &(dyn Any + Send + Sync))], _: &[String]) -> Vec<RawFinding> {
        Vec::new()
    }
}

/// Supply-chain checks.
pub struct SupplyAnalyzer {
    pub online: Option<mamori_supply::OnlineOptions>,
}

fn supply_raw(i: mamori_supply::Issue, src: Option<&[u8]>) -> RawFinding {
    let identity = src
        .and_then(|s| s.get(i.span.range()))
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    RawFinding {
        rule_id: i.rule_id.to_string(),
        path: i.path,
        span: i.span,
        message: i.message,
        severity: Some(i.severity),
        confidence: Some(i.confidence),
        fix: None,
        secret: false,
        identity,
    }
}

impl Analyzer for SupplyAnalyzer {
    fn rules(&self) -> Vec<RuleInfo> {
        mamori_supply::rules()
    }

    fn wants_extra_file(&self, rel_path: &str) -> bool {
        mamori_supply::wants_extra_file(rel_path)
    }

    fn wants_tree(&self, _lang: Language) -> bool {
        true
    }

    fn check_file(&self, file: &FileInput<'_>) -> FileOutput {
        match (file.lang, file.nodes) {
            (Some(_), Some(nodes)) => {
                let facts = mamori_supply::analyze_code(file.path, file.rel_path, nodes, file.src);
                FileOutput {
                    findings: Vec::new(),
                    facts: Some(Box::new(facts)),
                }
            }
            _ => {
                let text = String::from_utf8_lossy(file.src);
                let (facts, issues) = mamori_supply::analyze_extra(file.path, file.rel_path, &text);
                FileOutput {
                    findings: issues
                        .into_iter()
                        .map(|i| supply_raw(i, Some(file.src)))
                        .collect(),
                    facts: Some(Box::new(facts)),
                }
            }
        }
    }

    fn finish(
        &self,
        facts: &[(&str, &(dyn Any + Send + Sync))],
        paths: &[String],
    ) -> Vec<RawFinding> {
        let files: Vec<&mamori_supply::FileFacts> = facts
            .iter()
            .filter_map(|(_, f)| f.downcast_ref::<mamori_supply::FileFacts>())
            .filter(|f| !f.deps.is_empty() || !f.provides.is_empty())
            .collect();
        mamori_supply::check(&files, paths, self.online.as_ref())
            .into_iter()
            .map(|i| {
                let mut r = supply_raw(i, None);
                r.identity = r.message.split('`').nth(1).unwrap_or_default().to_string();
                r
            })
            .collect()
    }
}

pub use mamori_supply::online::user_cache_dir;

/// Metadata of every rule the built-in analyses can report (for `mamori rules` and docs).
#[must_use]
pub fn all_rules() -> Vec<RuleInfo> {
    let mut v = mamori_secrets::rules();
    v.extend(mamori_supply::rules());
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// The analyzers `opts` turns on.
#[must_use]
pub fn analyzers(opts: &ScanOptions) -> Vec<Box<dyn Analyzer>> {
    let mut v: Vec<Box<dyn Analyzer>> = Vec::new();
    if opts.parse_only {
        return v;
    }
    let a = &opts.analysis;
    if a.secrets {
        v.push(Box::new(SecretsAnalyzer));
    }
    if a.supply_chain {
        v.push(Box::new(SupplyAnalyzer {
            online: a.online.then(|| a.registry.clone()),
        }));
    }
    v
}

/// What the analyzers learned about one file, carried in its [`FileResult`].
#[derive(Default)]
pub struct FileAnalysis {
    /// (analyzer index, facts).
    facts: Vec<(usize, Facts)>,
    /// The secrets of this file (value, same-length mask), to redact later findings.
    secrets: Vec<(String, String)>,
}

impl std::fmt::Debug for FileAnalysis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never prints the secrets themselves.
        f.debug_struct("FileAnalysis")
            .field("facts", &self.facts.len())
            .field("secrets", &self.secrets.len())
            .finish()
    }
}

/// True when some analyzer needs the tree of `lang` files (so files no pattern rule would
/// touch are still parsed).
#[must_use]
pub fn wants_tree(opts: &ScanOptions, lang: Language) -> bool {
    !opts.parse_only
        && ((opts.analysis.secrets || opts.analysis.supply_chain)
            && analyzers(opts).iter().any(|a| a.wants_tree(lang)))
}

/// Runs the analyzers on a parsed code file and attaches their findings to `out`, then
/// masks the file's secrets in every finding of `out` (pattern findings included). Called
/// by the pipeline once the pattern findings of the file are built.
pub fn on_code_file(
    opts: &ScanOptions,
    path: &str,
    lang: Language,
    src: &[u8],
    nodes: &NodeList<'_>,
    out: &mut FileResult,
) {
    let list = analyzers(opts);
    if list.is_empty() {
        return;
    }
    let rel = rel_path(path, &opts.paths);
    let input = FileInput {
        path,
        rel_path: &rel,
        src,
        lang: Some(lang),
        nodes: Some(nodes),
    };
    let raw = run_file(&list, &input, &mut out.analysis);
    if !raw.is_empty() {
        let defaults = list_rule_defaults(&list);
        let mut b = RawBuilder::new(path, src, opts.suppress);
        for r in &raw {
            out.findings.push(b.build(r, &defaults));
        }
    }
    redact(&mut out.findings, &out.analysis.secrets);
}

fn run_file(
    list: &[Box<dyn Analyzer>],
    input: &FileInput<'_>,
    fa: &mut FileAnalysis,
) -> Vec<RawFinding> {
    let mut raw = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let o = a.check_file(input);
        if let Some(f) = o.facts {
            fa.facts.push((i, f));
        }
        raw.extend(o.findings);
    }
    for r in &raw {
        if r.secret
            && let Some(bytes) = input.src.get(r.span.range())
        {
            let value = String::from_utf8_lossy(bytes).into_owned();
            let mask = mamori_secrets::mask_in_place(&r.rule_id, &value);
            if !fa.secrets.iter().any(|(v, _)| *v == value) {
                fa.secrets.push((value, mask));
            }
        }
    }
    // Longest first, so a secret containing another is masked whole.
    fa.secrets
        .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    raw
}

fn list_rule_defaults(list: &[Box<dyn Analyzer>]) -> HashMap<String, (Severity, Confidence)> {
    let mut m = HashMap::new();
    for a in list {
        for r in a.rules() {
            m.insert(r.id.clone(), (r.severity, r.confidence));
        }
    }
    m
}

/// Masks every secret of `secrets` (value → same-length mask) in the findings' snippet,
/// message, bindings, fix replacements and flow messages. A snippet line cut short in the
/// middle of a secret is masked too.
pub fn redact(findings: &mut [Finding], secrets: &[(String, String)]) {
    if secrets.is_empty() {
        return;
    }
    let scrub = |s: &mut String| {
        for (value, mask) in secrets {
            if value.len() >= 4 && s.contains(value.as_str()) {
                *s = s.replace(value.as_str(), mask);
            }
        }
    };
    for f in findings {
        scrub(&mut f.snippet.text);
        // A line cut at the snippet width may end inside a secret: mask that tail too.
        if f.snippet.text.contains('…') {
            let lines: Vec<String> = f
                .snippet
                .text
                .split('\n')
                .map(|line| mask_cut_tail(line, secrets))
                .collect();
            f.snippet.text = lines.join("\n");
        }
        scrub(&mut f.message);
        for v in f.bindings.values_mut() {
            scrub(v);
            if v.ends_with('…') {
                *v = mask_cut_tail(v, secrets);
            }
        }
        if let Some(fix) = &mut f.fix {
            for e in &mut fix.edits {
                scrub(&mut e.replacement);
            }
        }
        for step in &mut f.flow {
            scrub(&mut step.message);
        }
    }
}

fn mask_cut_tail(line: &str, secrets: &[(String, String)]) -> String {
    let Some(body) = line.strip_suffix('…') else {
        return line.to_string();
    };
    for (value, mask) in secrets {
        let max = value.len().min(body.len());
        for k in (4..=max).rev() {
            if value.is_char_boundary(k) && body.ends_with(&value[..k]) {
                let keep = &body[..body.len() - k];
                return format!("{keep}{}…", &mask[..k.min(mask.len())]);
            }
        }
    }
    line.to_string()
}

/// Builds [`Finding`]s from [`RawFinding`]s for one file.
struct RawBuilder<'a> {
    path: &'a str,
    src: &'a [u8],
    lines: LineIndex,
    hashes: Option<Vec<String>>,
    directives: Vec<suppress::Directive>,
    seen: HashMap<String, usize>,
}

impl<'a> RawBuilder<'a> {
    fn new(path: &'a str, src: &'a [u8], sopts: SuppressOptions) -> Self {
        Self {
            path,
            src,
            lines: LineIndex::new(src),
            hashes: None,
            directives: suppress::scan(src, sopts),
            seen: HashMap::new(),
        }
    }

    fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.src.len());
        let cp = self.lines.line_col(self.src, offset, ColumnUnit::CodePoint);
        let u16c = self.lines.line_col(self.src, offset, ColumnUnit::Utf16);
        Position {
            line: cp.line,
            column: cp.column,
            utf16_column: u16c.column,
            offset,
        }
    }

    fn snippet(&self, start_line: usize, end_line: usize) -> Snippet {
        let first = start_line.saturating_sub(1).max(1);
        let last = (end_line + 1).min(self.lines.line_count()).min(first + 9);
        let mut text = String::new();
        for l in first..=last {
            let span = self.lines.line_span(self.src, l - 1);
            let line = String::from_utf8_lossy(self.src.get(span.range()).unwrap_or_default());
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&crate::cut(&line, crate::MAX_SNIPPET_LINE_CHARS));
        }
        Snippet {
            first_line: first,
            text,
        }
    }

    fn build(
        &mut self,
        r: &RawFinding,
        defaults: &HashMap<String, (Severity, Confidence)>,
    ) -> Finding {
        let (dsev, dconf) = defaults
            .get(&r.rule_id)
            .copied()
            .unwrap_or((Severity::Medium, Confidence::Medium));
        let start = self.position(r.span.start);
        let end = self.position(r.span.end);
        let snippet = self.snippet(start.line, end.line);
        let mut fingerprints = BTreeMap::new();
        let hashes = self
            .hashes
            .get_or_insert_with(|| mamori_text::github::line_hashes(self.src));
        if let Some(h) = start.line.checked_sub(1).and_then(|i| hashes.get(i)) {
            fingerprints.insert("primaryLocationLineHash".to_string(), h.clone());
        }
        let key = format!("{}\u{0}{}", r.rule_id, r.identity);
        let n = self.seen.entry(key.clone()).or_insert(0);
        *n += 1;
        fingerprints.insert(
            "mamori/v1".to_string(),
            format!("{:016x}:{}", crate::fnv1a(key.as_bytes()), n),
        );
        let fix = r
            .fix
            .as_ref()
            .map(|(description, replacement)| mamori_diagnostics::Fix {
                description: description.clone(),
                edits: vec![mamori_diagnostics::Edit {
                    span: r.span,
                    start,
                    end,
                    replacement: replacement.clone(),
                }],
            });
        let suppression = suppress::find(&self.directives, &r.rule_id, start.line, end.line);
        Finding {
            rule_id: r.rule_id.clone(),
            path: self.path.to_string(),
            span: r.span,
            start,
            end,
            message: r.message.clone(),
            severity: r.severity.unwrap_or(dsev),
            confidence: r.confidence.unwrap_or(dconf),
            snippet,
            fingerprints,
            bindings: BTreeMap::new(),
            fix,
            flow: Vec::new(),
            suppression,
        }
    }
}

/// The scan-level part: discovery of extra files, their per-file step, the cross-file
/// finish step, and the rules to add to the report.
pub struct Analysis {
    list: Vec<Box<dyn Analyzer>>,
}

/// One extra file's outcome: display path, analysis, findings, errors, bytes read.
type ExtraResult = (String, FileAnalysis, Vec<Finding>, Vec<FileError>, u64);

/// What [`Analysis::finish`] adds to the report.
#[derive(Debug, Default)]
pub struct AnalysisOutput {
    pub findings: Vec<Finding>,
    pub errors: Vec<FileError>,
    pub rules: Vec<RuleInfo>,
    pub files_scanned: usize,
    pub bytes_scanned: u64,
}

impl Analysis {
    #[must_use]
    pub fn new(opts: &ScanOptions) -> Self {
        Self {
            list: analyzers(opts),
        }
    }

    /// Discovery with the extra files the analyzers want.
    ///
    /// # Errors
    /// An invalid include/exclude glob.
    #[allow(clippy::type_complexity)]
    pub fn discover(
        &self,
        roots: &[PathBuf],
        opts: &DiscoverOptions,
    ) -> Result<(Vec<Candidate>, Vec<ExtraFile>, Vec<FileError>), String> {
        if self.list.is_empty() {
            return discover::discover_with_extra(roots, opts, None);
        }
        let want = |p: &str| self.list.iter().any(|a| a.wants_extra_file(p));
        discover::discover_with_extra(roots, opts, Some(&want))
    }

    /// Runs the extra files and the finish step. `results` are the code files' results,
    /// in `candidates` order.
    #[must_use]
    pub fn finish(
        &self,
        opts: &ScanOptions,
        candidates: &[Candidate],
        results: &[FileResult],
        extras: &[ExtraFile],
        pool: &rayon::ThreadPool,
        cancel: Option<&AtomicBool>,
    ) -> AnalysisOutput {
        let mut out = AnalysisOutput::default();
        if self.list.is_empty() {
            return out;
        }
        let defaults = list_rule_defaults(&self.list);
        let extra_results: Vec<ExtraResult> = pool.install(|| {
            extras
                .par_iter()
                .filter(|_| !cancel.is_some_and(|f| f.load(Ordering::Relaxed)))
                .map(|e| self.extra_file(e, opts, &defaults))
                .collect()
        });
        let code_paths: Vec<String> = candidates
            .iter()
            .map(|c| discover::display(&c.path))
            .collect();
        let mut secrets_by_path: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut facts: Vec<Vec<(&str, &(dyn Any + Send + Sync))>> =
            (0..self.list.len()).map(|_| Vec::new()).collect();
        for (r, p) in results.iter().zip(&code_paths) {
            for (i, f) in &r.analysis.facts {
                if let Some(slot) = facts.get_mut(*i) {
                    slot.push((p.as_str(), f.as_ref()));
                }
            }
            if !r.analysis.secrets.is_empty() {
                secrets_by_path.insert(p.clone(), r.analysis.secrets.clone());
            }
        }
        for (path, fa, findings, errors, bytes) in &extra_results {
            out.findings.extend(findings.iter().cloned());
            out.errors.extend(errors.iter().cloned());
            if *bytes > 0 {
                out.files_scanned += 1;
                out.bytes_scanned += bytes;
            }
            for (i, f) in &fa.facts {
                if let Some(slot) = facts.get_mut(*i) {
                    slot.push((path.as_str(), f.as_ref()));
                }
            }
            if !fa.secrets.is_empty() {
                secrets_by_path.insert(path.clone(), fa.secrets.clone());
            }
        }
        let mut paths = code_paths.clone();
        paths.extend(extras.iter().map(|e| discover::display(&e.path)));
        paths.sort();
        let mut raw: Vec<RawFinding> = Vec::new();
        for (i, a) in self.list.iter().enumerate() {
            raw.extend(a.finish(&facts[i], &paths));
        }
        // Build findings file by file (re-reading each file once).
        let fs_paths: HashMap<String, PathBuf> = candidates
            .iter()
            .map(|c| (discover::display(&c.path), c.path.clone()))
            .chain(
                extras
                    .iter()
                    .map(|e| (discover::display(&e.path), e.path.clone())),
            )
            .collect();
        let mut by_file: BTreeMap<String, Vec<RawFinding>> = BTreeMap::new();
        for r in raw {
            by_file.entry(r.path.clone()).or_default().push(r);
        }
        for (path, list) in by_file {
            let Some(src) = fs_paths.get(&path).and_then(|p| read_text(p)) else {
                continue;
            };
            let mut b = RawBuilder::new(&path, &src, opts.suppress);
            let mut built: Vec<Finding> = list.iter().map(|r| b.build(r, &defaults)).collect();
            if let Some(s) = secrets_by_path.get(&path) {
                redact(&mut built, s);
            }
            out.findings.extend(built);
        }
        for a in &self.list {
            out.rules.extend(a.rules());
        }
        out
    }

    fn extra_file(
        &self,
        e: &ExtraFile,
        opts: &ScanOptions,
        defaults: &HashMap<String, (Severity, Confidence)>,
    ) -> ExtraResult {
        let path = discover::display(&e.path);
        let mut fa = FileAnalysis::default();
        let limit = opts.analysis.max_extra_file_size.min(opts.max_file_size);
        if e.size > limit {
            return (path, fa, Vec::new(), Vec::new(), 0);
        }
        let Some(src) = read_text(&e.path) else {
            return (
                path.clone(),
                fa,
                Vec::new(),
                vec![FileError {
                    path,
                    kind: FileErrorKind::Read,
                    message: "cannot read".into(),
                    line: None,
                }],
                0,
            );
        };
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let rel = rel_path(&path, &opts.paths);
            let input = FileInput {
                path: &path,
                rel_path: &rel,
                src: &src,
                lang: None,
                nodes: None,
            };
            let mut fa = FileAnalysis::default();
            let raw = run_file(&self.list, &input, &mut fa);
            let mut b = RawBuilder::new(&path, &src, opts.suppress);
            let mut findings: Vec<Finding> = raw.iter().map(|r| b.build(r, defaults)).collect();
            redact(&mut findings, &fa.secrets);
            (fa, findings)
        }));
        match run {
            Ok((f, findings)) => {
                fa = f;
                let bytes = src.len() as u64;
                (path, fa, findings, Vec::new(), bytes)
            }
            Err(_) => (
                path.clone(),
                fa,
                Vec::new(),
                vec![FileError {
                    path,
                    kind: FileErrorKind::Internal,
                    message:
                        "internal error in a built-in analysis of this file (please report it)"
                            .into(),
                    line: None,
                }],
                0,
            ),
        }
    }
}

/// `path` (a display path) relative to the scan root it lies under (the longest matching
/// one); the file name for a file given directly.
#[must_use]
pub fn rel_path(path: &str, roots: &[PathBuf]) -> String {
    let mut best: Option<&str> = None;
    for root in roots {
        let r = discover::display(root);
        let r = r.trim_end_matches('/');
        let rest = if r.is_empty() || r == "." {
            Some(path)
        } else if path == r {
            path.rsplit('/').next()
        } else {
            path.strip_prefix(r).and_then(|x| x.strip_prefix('/'))
        };
        if let Some(rest) = rest
            && best.is_none_or(|b| rest.len() < b.len())
        {
            best = Some(rest);
        }
    }
    best.unwrap_or(path).to_string()
}

/// A file's bytes with a UTF-8 BOM blanked; `None` when unreadable or binary.
fn read_text(path: &Path) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).ok()?;
    crate::decode(bytes).ok().map(|(b, _)| b)
}

/// Merges analyzer rules into the report's sorted, de-duplicated rule list.
pub fn merge_rules(rules: &mut Vec<RuleInfo>, extra: Vec<RuleInfo>) {
    for r in extra {
        if !rules.iter().any(|x| x.id == r.id) {
            rules.push(r);
        }
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_diagnostics::ScanReport;
    use mamori_rules::RuleSet;

    fn project(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/projects")
            .join(name)
    }

    fn scan_with(paths: Vec<PathBuf>, f: impl FnOnce(&mut ScanOptions)) -> ScanReport {
        let rules = RuleSet::compile(Vec::new()).expect("empty rule set");
        let mut opts = ScanOptions {
            paths,
            threads: 2,
            ..ScanOptions::default()
        };
        f(&mut opts);
        crate::scan(&rules, &opts, None).expect("scan")
    }

    /// (rule id, path suffix after the project folder, line, first backquoted name).
    fn summary(report: &ScanReport, project: &str) -> Vec<(String, String, usize, String)> {
        report
            .findings
            .iter()
            .map(|f| {
                let p = f
                    .path
                    .split_once(&format!("{project}/"))
                    .map_or(f.path.clone(), |(_, r)| r.to_string());
                let name = f.message.split('`').nth(1).unwrap_or("").to_string();
                (f.rule_id.clone(), p, f.start.line, name)
            })
            .collect()
    }

    #[test]
    fn invented_names_are_all_caught() {
        let report = scan_with(vec![project("supply-invented")], |_| {});
        let got = summary(&report, "supply-invented");
        let want = [
            (
                "hallucinated-package",
                "app/main.py",
                12,
                "fastapi_jwt_guardian",
            ),
            (
                "hallucinated-package",
                "app/main.py",
                13,
                "langchain_memory_optimizer",
            ),
            (
                "hallucinated-package",
                "app/main.py",
                14,
                "openai_vision_utils_pro",
            ),
            (
                "hallucinated-package",
                "app/main.py",
                23,
                "secure_config_loader_ai",
            ),
            (
                "hallucinated-package",
                "requirements.txt",
                5,
                "fastapi-jwt-guardian",
            ),
            (
                "hallucinated-package",
                "requirements.txt",
                6,
                "langchain-memory-optimizer",
            ),
            ("hallucinated-package", "requirements.txt", 7, "reqeusts"),
            (
                "hallucinated-package",
                "web/package.json",
                7,
                "express-secure-session-guard",
            ),
            ("typosquat-package", "web/package.json", 8, "expresss"),
            (
                "hallucinated-package",
                "web/src/server.ts",
                4,
                "express-secure-session-guard",
            ),
            (
                "hallucinated-package",
                "web/src/server.ts",
                6,
                "react-ai-response-formatter",
            ),
            (
                "hallucinated-package",
                "web/src/server.ts",
                9,
                "config-loader-ultra-pro",
            ),
        ];
        let want: Vec<(String, String, usize, String)> = want
            .iter()
            .map(|(r, p, l, n)| ((*r).to_string(), (*p).to_string(), *l, (*n).to_string()))
            .collect();
        assert_eq!(got, want, "{got:#?}");
        assert!(report.rule("hallucinated-package").is_some());
        assert!(report.rule("secret-openai-api-key").is_some());
        // Switched off: nothing, and no rules listed.
        let off = scan_with(vec![project("supply-invented")], |o| {
            o.analysis.supply_chain = false;
            o.analysis.secrets = false;
        });
        assert!(off.findings.is_empty());
        assert!(off.rules.is_empty());
    }

    #[test]
    fn genuine_dependencies_are_quiet() {
        let report = scan_with(vec![project("supply-genuine")], |_| {});
        let got = summary(&report, "supply-genuine");
        assert!(got.is_empty(), "{got:#?}");
        assert!(report.stats.files_scanned >= 15, "{:?}", report.stats);
    }

    #[test]
    fn mcp_configs() {
        let report = scan_with(vec![project("supply-mcp")], |_| {});
        let got = summary(&report, "supply-mcp");
        let rules_at: Vec<(&str, &str, usize)> = got
            .iter()
            .map(|(r, p, l, _)| (r.as_str(), p.as_str(), *l))
            .collect();
        assert_eq!(
            rules_at,
            [
                ("hallucinated-package", ".cursor/mcp.json", 5),
                ("mcp-server-unpinned", ".cursor/mcp.json", 5),
                ("mcp-server-unpinned", ".mcp.json", 5),
                ("mcp-server-unpinned", ".mcp.json", 13),
                ("mcp-server-unpinned", ".vscode/mcp.json", 6),
            ],
            "{got:#?}"
        );
    }

    #[test]
    fn placeholders_are_quiet() {
        let report = scan_with(vec![project("secrets-placeholders")], |_| {});
        let got = summary(&report, "secrets-placeholders");
        assert!(got.is_empty(), "{got:#?}");
    }

    /// Deterministic fake key material (a tiny LCG; never a real key).
    fn fake(alphabet: &str, n: usize, seed: u64) -> String {
        let a: Vec<char> = alphabet.chars().collect();
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                a[usize::try_from((x >> 33) % a.len() as u64).unwrap_or(0)]
            })
            .collect()
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read_dir") {
            let e = e.expect("entry");
            let target = to.join(e.file_name());
            if e.file_type().expect("type").is_dir() {
                copy_dir(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), &target).expect("copy");
            }
        }
    }

    #[test]
    fn generated_keys_are_caught_and_never_printed() {
        const AN: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let dir = std::env::temp_dir().join(format!("mamori-secrets-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&project("secrets-placeholders"), &dir);
        let openai = format!("sk-proj-{}", fake(AN, 64, 1));
        let anthropic = format!("sk-ant-api03-{}AA", fake(AN, 93, 2));
        let github = format!("ghp_{}", fake(AN, 36, 3));
        let aws_id = format!("AKIA{}", fake("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 4));
        let aws_secret = fake(&format!("{AN}/+"), 40, 5);
        let password = format!("Pg-{}!", fake(AN, 12, 6));
        let db_pass = fake(AN, 18, 7);
        let stripe = format!("sk_live_{}", fake(AN, 24, 8));
        let keys = [
            &openai,
            &anthropic,
            &github,
            &aws_id,
            &aws_secret,
            &password,
            &db_pass,
            &stripe,
        ];
        // A long line so the snippet is cut in the middle of the key.
        let padding = format!("{} ", "x".repeat(380));
        std::fs::write(
            dir.join("app/leaky.py"),
            format!(
                "import os\nclient = OpenAI(api_key=\"{openai}\")\nANTHROPIC = \"{anthropic}\"\npassword = \"{password}\"\nDB = \"postgresql://app:{db_pass}@db.internal:5432/prod\"\nLONG = \"{padding}{stripe}\"\n"
            ),
        )
        .expect("write");
        std::fs::write(
            dir.join(".env"),
            format!("AWS_ACCESS_KEY_ID={aws_id}\nAWS_SECRET_ACCESS_KEY={aws_secret}\n"),
        )
        .expect("write");
        std::fs::create_dir_all(dir.join(".cursor")).expect("mkdir");
        std::fs::write(
            dir.join(".cursor/mcp.json"),
            format!(
                "{{\"mcpServers\": {{\"gh\": {{\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github@2025.4.8\"], \"env\": {{\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"{github}\"}}}}}}}}\n"
            ),
        )
        .expect("write");
        let report = scan_with(vec![dir.clone()], |_| {});
        let mut rules: Vec<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
        rules.sort_unstable();
        assert_eq!(
            rules,
            [
                "secret-anthropic-api-key",
                "secret-aws-access-key",
                "secret-aws-secret-key",
                "secret-credential-url",
                "secret-generic-assignment",
                "secret-github-token",
                "secret-openai-api-key",
                "secret-stripe-api-key",
            ],
            "{:#?}",
            report
                .findings
                .iter()
                .map(|f| (&f.rule_id, &f.path, f.start.line))
                .collect::<Vec<_>>()
        );
        // Nothing but masks anywhere in any format.
        for format in mamori_report::Format::ALL {
            let mut out = Vec::new();
            mamori_report::render(
                &report,
                format,
                &mamori_report::RenderOptions::default(),
                &mut out,
            )
            .expect("render");
            let text = String::from_utf8(out).expect("utf-8");
            for k in keys {
                // No run of 8 hidden characters of any key (the visible prefix aside).
                let hidden = &k[k.len() / 4..];
                for w in hidden.as_bytes().windows(8) {
                    let w = std::str::from_utf8(w).expect("ascii");
                    assert!(!text.contains(w), "{format}: part of a secret leaked: {w}");
                }
            }
        }
        // Struct fields too (Debug of the whole report).
        let debug = format!("{report:?}");
        for k in keys {
            assert!(!debug.contains(k.as_str()));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// `MAMORI_CORPUS=~/.cache/mamori-bench/mid cargo test --release -p mamori_engine --
    /// --ignored --nocapture analyzer_cost`: wall time with and without the analyzers
    /// (empty rule set, so the difference is parsing every file plus the analyses).
    #[test]
    #[ignore = "timing over a local corpus"]
    #[allow(clippy::print_stderr)]
    fn analyzer_cost() {
        let Some(corpus) = std::env::var_os("MAMORI_CORPUS") else {
            return;
        };
        for threads in [1] {
            for (secrets, supply) in [(false, false), (true, false), (false, true), (true, true)] {
                let t = std::time::Instant::now();
                let r = scan_with(vec![PathBuf::from(&corpus)], |o| {
                    o.threads = threads;
                    o.analysis.secrets = secrets;
                    o.analysis.supply_chain = supply;
                });
                eprintln!(
                    "threads={threads} secrets={secrets} supply={supply}: {:?}, {} files, {} findings",
                    t.elapsed(),
                    r.stats.files_scanned,
                    r.findings.len()
                );
            }
        }
    }
}
