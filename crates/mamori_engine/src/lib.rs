//! The scan pipeline: discover files, then for each file (in parallel, largest first)
//! read → decode → prefilter → parse → one-walk match → findings, each file isolated by
//! `catch_unwind`; results are sorted so output is identical whatever the thread count.
//!
//! Invariant: the engine never prints and never decides exit codes; it returns a
//! [`ScanReport`].

pub mod analyzers;
pub mod crossfile;
pub mod discover;
pub mod fixtures;
pub mod suppress;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use mamori_diagnostics::{
    Edit, FileError, FileErrorKind, Finding, Fix, FlowStep, Position, ScanReport, ScanStats,
    Snippet, Timings,
};
use mamori_lang::Language;
use mamori_matcher::Match;
use mamori_rules::RuleSet;
use mamori_text::{ColumnUnit, LineIndex, Span};
use rayon::prelude::*;

pub use discover::{Candidate, DiscoverOptions, discover};
pub use suppress::SuppressOptions;

/// Files larger than this are scanned one at a time (see [`scan`]).
const BIG_FILE_BYTES: u64 = 256 * 1024;

/// Default largest file scanned (bigger ones are reported as skipped).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 * 1024 * 1024;
/// Default per-file time budget (parse + match).
pub const DEFAULT_FILE_TIMEOUT: Duration = Duration::from_secs(30);

/// Everything a scan needs besides the rules.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    pub discover: DiscoverOptions,
    /// 0 = all cores.
    pub threads: usize,
    pub max_file_size: u64,
    pub file_timeout: Option<Duration>,
    pub timings: bool,
    /// Parse and walk every file but run no rules (the benchmark floor).
    pub parse_only: bool,
    pub suppress: SuppressOptions,
    /// Built-in secret and supply-chain analyses (on by default; `online` off).
    pub analysis: analyzers::AnalysisOptions,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            paths: vec![PathBuf::from(".")],
            discover: DiscoverOptions::default(),
            threads: 0,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            file_timeout: Some(DEFAULT_FILE_TIMEOUT),
            timings: false,
            parse_only: false,
            suppress: SuppressOptions::default(),
            analysis: analyzers::AnalysisOptions::default(),
        }
    }
}

/// What one file produced.
#[derive(Debug, Default)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    pub errors: Vec<FileError>,
    pub bytes: u64,
    pub scanned: bool,
    /// Seconds in read, parse, match (patterns and formulas) and taint.
    pub phases: [f64; 4],
    pub rule_times: Vec<(usize, f64)>,
    pub elapsed: f64,
    /// Taint summaries of this file's functions, per taint rule (cross-file taint).
    pub summaries: Vec<(usize, HashMap<String, mamori_matcher::Summary>)>,
    /// Imports of this file, when a taint rule was analysed on it.
    pub imports: Vec<crossfile::ImportSpec>,
    /// Taint rules analysed on this file.
    pub taint_rules: Vec<usize>,
    /// (taint rule index, has its sources, has its sinks) for the taint rules with
    /// either here. Where the file has only one half of a rule's flows, the first pass
    /// skips the rule and computes no summaries (see `summary_pass`).
    pub taint_halves: Vec<(usize, bool, bool)>,
    /// Facts and secrets the built-in analyzers found in this file.
    pub analysis: analyzers::FileAnalysis,
}

/// Several rules can describe one flaw (a pattern rule and a taint rule for the same SQL
/// injection): on one line, findings sharing a CWE are reported once, keeping the one with
/// a data-flow path, then the most severe and confident, then the first rule id.
fn dedupe_same_flaw(findings: &mut Vec<Finding>, rules: &RuleSet) {
    let cwes: HashMap<&str, Vec<String>> = rules
        .rules()
        .iter()
        .map(|r| (r.info.id.as_str(), r.info.cwe_ids()))
        .collect();
    let rank = |f: &Finding| (!f.flow.is_empty(), f.severity, f.confidence);
    let mut drop = vec![false; findings.len()];
    let mut i = 0;
    while i < findings.len() {
        let mut j = i;
        while j < findings.len()
            && findings[j].path == findings[i].path
            && findings[j].start.line == findings[i].start.line
        {
            j += 1;
        }
        for a in i..j {
            for b in i..j {
                if a == b || drop[a] || drop[b] || findings[a].rule_id == findings[b].rule_id {
                    continue;
                }
                let ca = cwes.get(findings[a].rule_id.as_str());
                let cb = cwes.get(findings[b].rule_id.as_str());
                let shared =
                    matches!((ca, cb), (Some(x), Some(y)) if x.iter().any(|c| y.contains(c)));
                if !shared {
                    continue;
                }
                let (ra, rb) = (rank(&findings[a]), rank(&findings[b]));
                let better_a = ra > rb || (ra == rb && findings[a].rule_id < findings[b].rule_id);
                drop[if better_a { b } else { a }] = true;
            }
        }
        i = j;
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Summaries of other files' functions, per taint rule index.
pub type ExternalSummaries = HashMap<usize, HashMap<String, mamori_matcher::Summary>>;

/// Which pass of the scan a file is scanned in.
#[derive(Clone, Copy)]
enum Pass<'a> {
    /// Every rule; taint rules report, and summarise the file's functions only where the
    /// file holds both halves of a flow (a source and a sink) of the rule.
    First,
    /// Only these taint rules, for the summaries of the file's functions (no findings):
    /// the first list's where the file has their sources or sinks, every function's
    /// summary for the second's (see [`mamori_matcher::WantSummaries`]).
    Summaries(&'a [usize], &'a [usize]),
    /// Only the taint rules other files inform, with their summaries at call sites; only
    /// findings.
    CrossFile(&'a ExternalSummaries),
}

impl<'a> Pass<'a> {
    fn external(self) -> Option<&'a ExternalSummaries> {
        match self {
            Pass::CrossFile(ext) => Some(ext),
            _ => None,
        }
    }
}

/// For each file, the other scanned files it imports (index and display path), for the
/// files that had a taint rule analysed.
fn imported_files(
    candidates: &[Candidate],
    results: &[FileResult],
    pool: &rayon::ThreadPool,
) -> Vec<Vec<(usize, PathBuf)>> {
    if results.iter().all(|r| r.imports.is_empty()) {
        return vec![Vec::new(); results.len()];
    }
    let files = crossfile::ScannedFiles::new(
        candidates
            .iter()
            .map(|c| PathBuf::from(discover::display(&c.path))),
    );
    let index: HashMap<PathBuf, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (PathBuf::from(discover::display(&c.path)), i))
        .collect();
    // Resolving is path arithmetic and hash lookups per import (~0.2 s on the full tier):
    // on the pool, not the main thread alone.
    pool.install(|| {
        results
            .par_iter()
            .enumerate()
            .map(|(i, r)| {
                if r.imports.is_empty() || r.taint_rules.is_empty() {
                    return Vec::new();
                }
                let from = PathBuf::from(discover::display(&candidates[i].path));
                let mut out: Vec<(usize, PathBuf)> = r
                    .imports
                    .iter()
                    .filter_map(|spec| crossfile::resolve(&from, spec, &files))
                    .filter_map(|target| index.get(&target).map(|&j| (j, target)))
                    .filter(|(j, _)| *j != i)
                    .collect();
                out.sort();
                out.dedup();
                out
            })
            .collect()
    })
}

/// Summaries the first pass left out, where another file can use them. The first pass
/// summarises a file's functions for a taint rule only when the file has both a source
/// and a sink of it; a file with one half (a helper that runs a query it is given, a
/// function returning request data) is summarised here, once some file importing it
/// can supply the other half: its own, or another import's. Computing every one-half
/// summary in the first pass cost about a sixth of the scan (mid tier) for summaries
/// that, in a library, no importer can use.
///
/// A file with findings of a taint rule also gets every function summarised, for that
/// rule, in each scanned file it imports whose names the findings' flows call (see
/// [`through_calls`]): without a summary, a call to another file's function is assumed
/// to pass its arguments on, so a helper that sanitises (`return shlex.quote(s)`) would
/// leave a false positive in its caller. The cross-file pass then re-analyses the
/// caller with the summaries.
fn summary_pass(
    rules: &RuleSet,
    candidates: &[Candidate],
    results: &mut [FileResult],
    imported: &[Vec<(usize, PathBuf)>],
    opts: &ScanOptions,
    pool: &rayon::ThreadPool,
) {
    let halves = |k: usize, rule: usize| -> (bool, bool) {
        results[k]
            .taint_halves
            .iter()
            .find(|(r, ..)| *r == rule)
            .map_or((false, false), |&(_, src, snk)| (src, snk))
    };
    let mut need: Vec<Vec<usize>> = vec![Vec::new(); results.len()];
    // (importer, imported file, rule) where the importer has findings of the rule.
    let mut with_findings: Vec<(usize, usize, usize)> = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let imports = &imported[i];
        if imports.is_empty() {
            continue;
        }
        for &rule in &r.taint_rules {
            let id = rules.rules().get(rule).map(|x| x.info.id.as_str());
            if r.findings.iter().any(|f| Some(f.rule_id.as_str()) == id) {
                for &(j, _) in imports {
                    with_findings.push((i, j, rule));
                }
            }
            let own = halves(i, rule);
            for &(j, _) in imports {
                let (j_src, j_snk) = halves(j, rule);
                if j_src == j_snk {
                    // Neither half (no summary matters), or both (already summarised).
                    continue;
                }
                let others = imports
                    .iter()
                    .filter(|(k, _)| *k != j)
                    .map(|(k, _)| halves(*k, rule));
                let (o_src, o_snk) = others.fold(own, |(a, b), (c, d)| (a || c, b || d));
                if (j_snk && o_src) || (j_src && o_snk) {
                    need[j].push(rule);
                }
            }
        }
    }
    let need_all = through_calls(rules, candidates, results, &with_findings, pool);
    let tidy = |mut v: Vec<usize>| {
        v.sort_unstable();
        v.dedup();
        v
    };
    let work: Vec<(usize, Vec<usize>, Vec<usize>)> = need
        .into_iter()
        .zip(need_all)
        .enumerate()
        .filter(|(_, (some, all))| !some.is_empty() || !all.is_empty())
        .map(|(j, (some, all))| {
            let all = tidy(all);
            let some = tidy(some)
                .into_iter()
                .filter(|r| !all.contains(r))
                .collect();
            (j, some, all)
        })
        .collect();
    if work.is_empty() {
        return;
    }
    let done: Vec<(usize, FileResult)> = pool.install(|| {
        work.par_iter()
            .with_max_len(1)
            .map(|(j, some, all)| {
                (
                    *j,
                    scan_candidate_ext(rules, &candidates[*j], opts, Pass::Summaries(some, all)),
                )
            })
            .collect()
    });
    for (j, r) in done {
        let first = &mut results[j];
        add_time(first, &r);
        first.summaries.extend(r.summaries);
    }
}

/// Which imported files get every function summarised for which rule (see
/// [`summary_pass`]): of `pairs` (importer, imported file, rule, where the importer has
/// findings of the rule), those where the code of one of those findings (the sink and
/// the steps of its flow) calls a name written in the imported file. Only a call on the
/// flow can change the finding; a summary is used where the importer calls the
/// function by its name (see [`keep_called`]), and a function's name is written in the
/// file that defines it.
fn through_calls(
    rules: &RuleSet,
    candidates: &[Candidate],
    results: &[FileResult],
    pairs: &[(usize, usize, usize)],
    pool: &rayon::ThreadPool,
) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); results.len()];
    if pairs.is_empty() {
        return out;
    }
    let mut importer = vec![false; results.len()];
    let mut imported = vec![false; results.len()];
    for &(i, j, _) in pairs {
        importer[i] = true;
        imported[j] = true;
    }
    let texts: Vec<Option<Vec<u8>>> = pool.install(|| {
        (0..results.len())
            .into_par_iter()
            .map(|k| {
                (importer[k] || imported[k])
                    .then(|| read_decoded(&candidates[k].path))
                    .flatten()
            })
            .collect()
    });
    let words_of: Vec<Option<HashSet<&[u8]>>> = texts
        .iter()
        .zip(&imported)
        .map(|(t, want)| t.as_deref().filter(|_| *want).map(words))
        .collect();
    // The names the code of importer i's findings of a rule calls, read once per pair.
    let mut flow_calls: HashMap<(usize, usize), HashSet<&[u8]>> = HashMap::new();
    for &(i, j, rule) in pairs {
        let (Some(src), Some(Some(callee))) = (texts[i].as_deref(), words_of.get(j)) else {
            // Unreadable now: the re-scan reports it.
            out[j].push(rule);
            continue;
        };
        let calls = flow_calls.entry((i, rule)).or_insert_with(|| {
            let id = rules.rules().get(rule).map(|x| x.info.id.as_str());
            results[i]
                .findings
                .iter()
                .filter(|f| Some(f.rule_id.as_str()) == id)
                .flat_map(|f| {
                    let steps = f
                        .flow
                        .iter()
                        .filter(|st| st.path == f.path)
                        .map(|st| (st.start.offset, st.end.offset));
                    std::iter::once((f.span.start, f.span.end)).chain(steps)
                })
                .filter_map(|(a, b)| src.get(a..b))
                .flat_map(called_names)
                .collect()
        });
        if calls.iter().any(|n| callee.contains(n)) {
            out[j].push(rule);
        }
    }
    out
}

/// Count a later pass's time on a file into the file's.
fn add_time(first: &mut FileResult, later: &FileResult) {
    first.elapsed += later.elapsed;
    for (a, b) in first.phases.iter_mut().zip(later.phases) {
        *a += b;
    }
}

/// Cross-file taint: re-analyse the files that import functions of other scanned files
/// whose summaries matter (a parameter reaching a sink, or a source returned), with those
/// summaries available at call sites. One hop: summaries do not themselves include flows
/// through a third file.
fn cross_file_pass(
    rules: &RuleSet,
    candidates: &[Candidate],
    mut results: Vec<FileResult>,
    opts: &ScanOptions,
    pool: &rayon::ThreadPool,
) -> Vec<FileResult> {
    // The scanned files whose functions each file imports (index and display path).
    let imported_all = imported_files(candidates, &results, pool);
    summary_pass(rules, candidates, &mut results, &imported_all, opts, pool);
    if results.iter().all(|r| r.summaries.is_empty()) {
        return results;
    }
    // Which files have other files' summaries to use for one of their taint rules (which
    // rules, and which summaries, each task works out: `external_for`, `keep_called`), so
    // only the files in flight hold a copy.
    let work: Vec<usize> = results
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            imported_all[*i].iter().any(|(j, _)| {
                results[*j]
                    .summaries
                    .iter()
                    .any(|(rule, _)| r.taint_rules.contains(rule))
            })
        })
        .map(|(i, _)| i)
        .collect();
    if work.is_empty() {
        return results;
    }
    // Only the summaries of files that some re-scanned file imports are read from here on;
    // free the others (and the imports of files not re-scanned) before the re-scans.
    let mut needed = vec![false; results.len()];
    let mut rescanned = vec![false; results.len()];
    for &i in &work {
        rescanned[i] = true;
        for (j, _) in &imported_all[i] {
            needed[*j] = true;
        }
    }
    for (k, r) in results.iter_mut().enumerate() {
        if !needed[k] {
            r.summaries = Vec::new();
        }
        if !rescanned[k] {
            r.imports = Vec::new();
        }
    }
    let external_for = |i: usize| -> ExternalSummaries {
        let r = &results[i];
        let mut ext: ExternalSummaries = HashMap::new();
        for (j, target) in &imported_all[i] {
            let file: std::sync::Arc<str> =
                std::sync::Arc::from(discover::display(target).as_str());
            for (rule, sums) in &results[*j].summaries {
                if !r.taint_rules.contains(rule) {
                    continue;
                }
                let slot = ext.entry(*rule).or_default();
                for (name, s) in sums {
                    let mut s = s.clone();
                    s.stamp(&file);
                    slot.entry(name.clone()).or_insert(s);
                }
            }
        }
        ext
    };
    let redone: Vec<(usize, FileResult, Vec<usize>)> = pool.install(|| {
        work.par_iter()
            .with_max_len(1)
            .filter_map(|&i| {
                let mut ext = external_for(i);
                keep_useful(&mut ext, &results[i].taint_halves);
                if ext.is_empty() {
                    return None;
                }
                keep_called(&mut ext, &candidates[i].path);
                keep_useful(&mut ext, &results[i].taint_halves);
                if ext.is_empty() {
                    return None;
                }
                let mut redo_rules: Vec<usize> = ext.keys().copied().collect();
                redo_rules.sort_unstable();
                let mut r = scan_candidate_ext(rules, &candidates[i], opts, Pass::CrossFile(&ext));
                // Only its findings, errors and time are kept.
                r.summaries = Vec::new();
                r.imports = Vec::new();
                r.analysis = analyzers::FileAnalysis::default();
                Some((i, r, redo_rules))
            })
            .collect()
    });
    for (i, r, redo_rules) in redone {
        // The second pass re-ran only the taint rules other files inform: its findings
        // replace the first pass's for those rules; everything else stays.
        let redo: std::collections::HashSet<&str> = redo_rules
            .iter()
            .filter_map(|k| rules.rules().get(*k))
            .map(|rule| rule.info.id.as_str())
            .collect();
        let first = &mut results[i];
        add_time(first, &r);
        first
            .findings
            .retain(|f| !redo.contains(f.rule_id.as_str()));
        first.findings.extend(r.findings);
        for e in r.errors {
            if e.kind == FileErrorKind::Timeout && !first.errors.iter().any(|x| x.kind == e.kind) {
                first.errors.push(e);
            }
        }
    }
    results
}

/// Keep only the rules for which a re-scan with these summaries can report, given which
/// halves of a flow the file itself holds (`halves`: rule, has sources, has sinks; see
/// [`FileResult::taint_halves`]): sources (the file's, or returned by a summary) and
/// sinks (the file's, or a summary's parameter sinks): the condition under which the
/// taint analysis reports at all (`mamori_matcher::taint::halves_with`). Without it the
/// re-scan would parse the file and match the rule's sources and sinks only to report
/// nothing, as the first pass did.
fn keep_useful(ext: &mut ExternalSummaries, halves: &[(usize, bool, bool)]) {
    ext.retain(|rule, sums| {
        let (src, snk) = halves
            .iter()
            .find(|(r, ..)| r == rule)
            .map_or((false, false), |&(_, src, snk)| (src, snk));
        let (sources, sinks) = mamori_matcher::taint::halves_with(src, snk, sums);
        sources && sinks
    });
}

/// Keep, per rule, only the summaries of functions the file's text calls, and only the
/// rules left with some. A summary is used at a call whose callee's last name is the
/// function's short name (`m` of `Class.m`), so a summary the file never calls cannot
/// change its results: re-scanning for it would parse and analyse the file again for
/// the same findings. "Calls" is read on the text, generously: the name as a whole word
/// followed by `(`, a turbofish `::<` or a template literal. A file that cannot be read
/// keeps everything (the re-scan reports the error).
fn keep_called(ext: &mut ExternalSummaries, path: &Path) {
    let Some(src) = read_decoded(path) else {
        return;
    };
    let called = called_names(&src);
    for sums in ext.values_mut() {
        sums.retain(|name, _| {
            let short = name.rsplit_once('.').map_or(name.as_str(), |(_, m)| m);
            short.is_empty() || called.contains(short.as_bytes())
        });
    }
    ext.retain(|_, sums| !sums.is_empty());
}

/// The text of a file as mamori parses it (see [`decode`]); `None` when it cannot be read.
fn read_decoded(path: &Path) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).ok()?;
    decode(bytes).ok().map(|(src, _)| src)
}

/// Whether `b` belongs to a name, as [`words`] splits text.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// The words of `src`: its longest runs of name bytes (letters, digits, `_`, `$`, and
/// every non-ASCII byte), each with what follows it.
fn word_spans(src: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + src.get(at..)?.iter().position(|b| is_word_byte(*b))?;
        let len = src
            .get(start..)?
            .iter()
            .position(|b| !is_word_byte(*b))
            .unwrap_or(src.len() - start);
        at = start + len;
        Some((src.get(start..at)?, src.get(at..)?))
    })
}

/// Every word of `src` (see [`word_spans`]).
fn words(src: &[u8]) -> HashSet<&[u8]> {
    word_spans(src).map(|(w, _)| w).collect()
}

/// The names `src` calls, read on the text, generously: each word followed (after any
/// whitespace) by `(`, a turbofish `::<` or a template literal.
fn called_names(src: &[u8]) -> HashSet<&[u8]> {
    word_spans(src)
        .filter(|(_, rest)| {
            let rest = &rest[rest
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(rest.len())..];
            rest.starts_with(b"(") || rest.starts_with(b"::<") || rest.starts_with(b"`")
        })
        .map(|(w, _)| w)
        .collect()
}

/// Scan the configured paths with `rules`. `cancel`, when set, stops the scan early:
/// files not yet started are skipped and the report is marked incomplete.
///
/// # Errors
/// Only setup problems (an invalid glob, a thread pool that cannot start).
pub fn scan(
    rules: &RuleSet,
    opts: &ScanOptions,
    cancel: Option<&AtomicBool>,
) -> Result<ScanReport, String> {
    let started = Instant::now();
    let analysis = analyzers::Analysis::new(opts);
    let (mut candidates, extras, mut errors) = analysis.discover(&opts.paths, &opts.discover)?;
    // Largest first keeps both threads busy to the end.
    candidates.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.path.cmp(&b.path)));
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        opts.threads
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let interrupted = AtomicBool::new(false);
    let run = |c: &Candidate| {
        if cancel.is_some_and(|f| f.load(Ordering::Relaxed)) {
            interrupted.store(true, Ordering::Relaxed);
            return FileResult::default();
        }
        scan_candidate(rules, c, opts)
    };
    // Files over `BIG_FILE_BYTES` (bundled JS, generated parsers) go one at a time in a lane
    // of their own while the other threads take the rest: two multi-MB trees in flight
    // together were most of the peak memory (full tier, every file, -j 2).
    let big = candidates.partition_point(|c| c.size > BIG_FILE_BYTES);
    let (big_files, small_files) = candidates.split_at(big);
    let results: Vec<FileResult> = pool.install(|| {
        let (mut out, small) = rayon::join(
            || big_files.iter().map(run).collect::<Vec<_>>(),
            || {
                small_files
                    .par_iter()
                    // One task per file: rayon splits a slice further only when a thread
                    // steals, so without this a thread could be left with a long run of
                    // files to itself while the others sat idle (mid tier: -j 2 was 1.2x
                    // faster than -j 1).
                    .with_max_len(1)
                    .map(run)
                    .collect::<Vec<_>>()
            },
        );
        out.extend(small);
        out
    });
    let mut results = if opts.parse_only {
        results
    } else {
        cross_file_pass(rules, &candidates, results, opts, &pool)
    };
    // Taint summaries and imports served the cross-file pass only.
    for r in &mut results {
        r.summaries = Vec::new();
        r.imports = Vec::new();
    }
    let analysed = analysis.finish(opts, &candidates, &results, &extras, &pool, cancel);
    let mut report = ScanReport {
        incomplete: interrupted.load(Ordering::Relaxed),
        ..ScanReport::default()
    };
    let mut stats = ScanStats {
        threads,
        rules_run: if opts.parse_only { 0 } else { rules.len() },
        ..ScanStats::default()
    };
    let mut phase = [0.0f64; 4];
    let mut rule_ms: HashMap<usize, f64> = HashMap::new();
    let mut slow: Vec<(String, f64)> = Vec::new();
    for (c, r) in candidates.iter().zip(results) {
        if r.scanned {
            stats.files_scanned += 1;
            stats.bytes_scanned += r.bytes;
        } else {
            stats.files_skipped += 1;
        }
        for (i, p) in r.phases.iter().enumerate() {
            phase[i] += p;
        }
        for (rule, t) in r.rule_times {
            *rule_ms.entry(rule).or_default() += t * 1000.0;
        }
        if opts.timings {
            slow.push((discover::display(&c.path), r.elapsed * 1000.0));
        }
        report.findings.extend(r.findings);
        errors.extend(r.errors);
    }
    stats.files_scanned += analysed.files_scanned;
    stats.bytes_scanned += analysed.bytes_scanned;
    report.findings.extend(analysed.findings);
    errors.extend(analysed.errors);
    report
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    dedupe_same_flaw(&mut report.findings, rules);
    errors.sort_by(|a, b| (&a.path, a.line, a.kind).cmp(&(&b.path, b.line, b.kind)));
    report.errors = errors;
    report.rules = if opts.parse_only {
        Vec::new()
    } else {
        rules.infos()
    };
    if opts.suppress.report_unused && !opts.parse_only {
        suppress::add_unused_rule_info(&mut report.rules);
    }
    analyzers::merge_rules(&mut report.rules, analysed.rules);
    stats.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    report.stats = stats;
    if opts.timings {
        slow.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        slow.truncate(10);
        let mut phases = BTreeMap::new();
        for (name, v) in ["read", "parse", "match", "taint"].iter().zip(phase) {
            phases.insert((*name).to_string(), v * 1000.0);
        }
        let rules_t = rule_ms
            .into_iter()
            .map(|(i, t)| (rules.rules()[i].info.id.clone(), t))
            .collect();
        report.timings = Some(Timings {
            phases,
            rules: rules_t,
            slowest_files: slow,
        });
    }
    Ok(report)
}

fn scan_candidate(rules: &RuleSet, c: &Candidate, opts: &ScanOptions) -> FileResult {
    scan_candidate_ext(rules, c, opts, Pass::First)
}

fn scan_candidate_ext(
    rules: &RuleSet,
    c: &Candidate,
    opts: &ScanOptions,
    pass: Pass<'_>,
) -> FileResult {
    let path = discover::display(&c.path);
    let t0 = Instant::now();
    let mut r = match catch_unwind(AssertUnwindSafe(|| {
        scan_file(rules, &c.path, &path, c, opts, pass)
    })) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            FileResult {
                errors: vec![FileError {
                    path,
                    kind: FileErrorKind::Internal,
                    message: format!(
                        "internal error while scanning this file (please report it): {msg}"
                    ),
                    line: None,
                }],
                ..FileResult::default()
            }
        }
    };
    r.elapsed = t0.elapsed().as_secs_f64();
    r
}

fn file_error(path: &str, kind: FileErrorKind, message: impl Into<String>) -> FileError {
    FileError {
        path: path.to_string(),
        kind,
        message: message.into(),
        line: None,
    }
}

/// Turn raw bytes into the text mamori parses: UTF-16 with a BOM is decoded, a UTF-8 BOM
/// is blanked (offsets kept). Returns `None` for binary content.
fn decode(bytes: Vec<u8>) -> Result<(Vec<u8>, Option<&'static str>), &'static str> {
    let utf16 = |le: bool, body: &[u8]| -> Vec<u8> {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units).into_bytes()
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok((
            utf16(true, &bytes[2..]),
            Some("UTF-16LE file decoded; positions refer to the decoded text"),
        ));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok((
            utf16(false, &bytes[2..]),
            Some("UTF-16BE file decoded; positions refer to the decoded text"),
        ));
    }
    let mut bytes = bytes;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes[..3].copy_from_slice(b"   ");
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err("binary file (NUL bytes); skipped");
    }
    let note = std::str::from_utf8(&bytes)
        .is_err()
        .then_some("not valid UTF-8; invalid bytes were scanned as-is");
    Ok((bytes, note))
}

/// Scan one file (already discovered). Never panics on bad input by design; panics from
/// bugs are caught by the caller.
fn scan_file(
    rules: &RuleSet,
    fs_path: &Path,
    path: &str,
    c: &Candidate,
    opts: &ScanOptions,
    pass: Pass<'_>,
) -> FileResult {
    let mut out = FileResult::default();
    let t_read = Instant::now();
    if c.size > opts.max_file_size {
        out.errors.push(file_error(
            path,
            FileErrorKind::TooLarge,
            format!(
                "{} bytes is over the {} byte limit (--max-file-size); skipped",
                c.size, opts.max_file_size
            ),
        ));
        return out;
    }
    let bytes = match std::fs::read(fs_path) {
        Ok(b) => b,
        Err(e) => {
            out.errors.push(file_error(
                path,
                FileErrorKind::Read,
                format!("cannot read: {e}"),
            ));
            return out;
        }
    };
    if bytes.len() as u64 > opts.max_file_size {
        out.errors.push(file_error(
            path,
            FileErrorKind::TooLarge,
            "grew past the size limit while scanning; skipped",
        ));
        return out;
    }
    let (src, note) = match decode(bytes) {
        Ok(x) => x,
        Err(why) => {
            out.errors
                .push(file_error(path, FileErrorKind::Binary, why));
            return out;
        }
    };
    if let Some(n) = note {
        out.errors
            .push(file_error(path, FileErrorKind::Encoding, n));
    }
    if !opts.discover.include_vendored
        && !c.explicit
        && let Some(why) = discover::looks_generated(&src, c.lang)
    {
        // Skipped quietly like vendored folders: counted, not reported as a problem.
        let _ = why;
        return out;
    }
    out.phases[0] = t_read.elapsed().as_secs_f64();
    let deadline = opts.file_timeout.map(|d| Instant::now() + d);
    let mut res = scan_source_ext(rules, path, c.lang, &src, deadline, opts, pass);
    res.phases[0] = out.phases[0];
    res.errors.splice(0..0, out.errors);
    res
}

/// Scan source text already in memory as `lang` (used by the pipeline and `mamori test`).
#[must_use]
pub fn scan_source(
    rules: &RuleSet,
    path: &str,
    lang: Language,
    src: &[u8],
    deadline: Option<Instant>,
    opts: &ScanOptions,
) -> FileResult {
    scan_source_ext(rules, path, lang, src, deadline, opts, Pass::First)
}

/// [`scan_source`] in one of the scan's passes.
fn scan_source_ext(
    rules: &RuleSet,
    path: &str,
    lang: Language,
    src: &[u8],
    deadline: Option<Instant>,
    opts: &ScanOptions,
    pass: Pass<'_>,
) -> FileResult {
    let external = pass.external();
    let mut out = FileResult {
        bytes: src.len() as u64,
        scanned: true,
        ..FileResult::default()
    };
    let plan = rules.plan(lang);
    // One pass of the literal prefilter: which rules can match, and where their words are.
    let words = if opts.parse_only {
        mamori_matcher::WordScan::default()
    } else {
        plan.scan_words(src)
    };
    let active = if opts.parse_only {
        Vec::new()
    } else {
        let mut a = plan.active_in(&words);
        let mut paths = rules.path_check(path);
        for (on, prog) in a.iter_mut().zip(plan.programs()) {
            if *on && !paths.admits(&rules.rules()[prog.rule]) {
                *on = false;
            }
            // The later passes re-run only the taint rules they are for.
            match pass {
                Pass::First => {}
                Pass::Summaries(wanted, all) => {
                    *on = (*on && wanted.contains(&prog.rule))
                        || all.contains(&prog.rule) && paths.admits(&rules.rules()[prog.rule]);
                }
                Pass::CrossFile(ext) => *on &= ext.contains_key(&prog.rule),
            }
        }
        a
    };
    let first = matches!(pass, Pass::First);
    // The analyzers run in the first pass only.
    let analyzers_want_tree = first && analyzers::wants_tree(opts, lang);
    if !opts.parse_only && !active.iter().any(|b| *b) && !analyzers_want_tree {
        if opts.suppress.report_unused {
            let directives = suppress::scan(src, opts.suppress);
            out.findings = suppress::unused(&directives, path, src, rules);
        }
        return out;
    }
    let t_parse = Instant::now();
    let tree = match mamori_lang::parse(lang, src, deadline) {
        Ok(t) => t,
        Err(mamori_lang::ParseFailure::Cancelled) => {
            out.errors.push(file_error(
                path,
                FileErrorKind::Timeout,
                "parsing ran past the per-file time budget (--timeout); skipped",
            ));
            out.scanned = false;
            return out;
        }
        Err(mamori_lang::ParseFailure::Grammar) => {
            out.errors.push(file_error(
                path,
                FileErrorKind::Internal,
                "the grammar could not be loaded",
            ));
            out.scanned = false;
            return out;
        }
    };
    out.phases[1] = t_parse.elapsed().as_secs_f64();
    if let Some(first) = mamori_lang::syntax_errors(&tree, 1).first() {
        out.errors.push(FileError {
            path: path.to_string(),
            kind: FileErrorKind::Parse,
            message: "syntax error; the parser recovered, results near it may be incomplete".into(),
            line: Some(first.row + 1),
        });
    }
    let t_match = Instant::now();
    if opts.parse_only {
        let mut cursor = tree.walk();
        let mut count = 0u64;
        'outer: loop {
            count += u64::from(cursor.node().is_named());
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
        std::hint::black_box(count);
        out.phases[2] = t_match.elapsed().as_secs_f64();
        return out;
    }
    let nodes = mamori_lang::NodeList::new(lang, &tree, src.len());
    let run_opts = mamori_matcher::RunOptions {
        deadline,
        timings: opts.timings,
        external,
        nodes: Some(&nodes),
        // Summaries only where the file has both halves of a flow, except in the pass
        // that asks for them (see `summary_pass`).
        findings_only: !matches!(pass, Pass::Summaries(..)),
        all_summaries: match pass {
            Pass::Summaries(_, all) => all,
            _ => &[],
        },
        words: Some(&words),
    };
    let (matches, timed_out) = plan.run(rules.arena(), &tree, src, &active, &run_opts);
    if timed_out {
        out.errors.push(file_error(
            path,
            FileErrorKind::Timeout,
            "matching ran past the per-file time budget (--timeout); results for this file are partial",
        ));
    }
    out.rule_times = matches.rule_times;
    out.phases[3] = matches.taint_seconds;
    for (p, on) in plan.programs().iter().zip(&active) {
        if *on && matches!(p.program, mamori_matcher::Program::Taint(_)) {
            out.taint_rules.push(p.rule);
        }
    }
    out.summaries = matches.summaries;
    if let Pass::Summaries(..) = pass {
        out.phases[2] = (t_match.elapsed().as_secs_f64() - out.phases[3]).max(0.0);
        return out;
    }
    if !out.taint_rules.is_empty() {
        out.imports = crossfile::collect(&nodes, src);
        out.taint_halves = matches.halves;
    }
    let mut builder = FindingBuilder::new(path, src, &tree, lang, opts.suppress);
    for (rule_idx, ms) in matches.rules {
        let rule = &rules.rules()[rule_idx];
        for m in ms {
            out.findings.push(builder.build(rule, &m));
        }
    }
    if !first {
        // Cross-file pass: the first pass did the rest for this file.
        out.phases[2] = (t_match.elapsed().as_secs_f64() - out.phases[3]).max(0.0);
        return out;
    }
    if opts.suppress.report_unused {
        let unused = suppress::unused(&builder.directives, path, src, rules);
        out.findings.extend(unused);
    }
    analyzers::on_code_file(opts, path, lang, src, &nodes, &mut out);
    out.phases[2] = (t_match.elapsed().as_secs_f64() - out.phases[3]).max(0.0);
    out
}

/// Builds [`Finding`]s for one file, caching the line index, GitHub line hashes and
/// suppression comments.
struct FindingBuilder<'a> {
    path: &'a str,
    src: &'a [u8],
    tree: &'a tree_sitter::Tree,
    lines: LineIndex,
    line_hashes: Option<Vec<String>>,
    directives: Vec<suppress::Directive>,
    seen: HashMap<String, usize>,
    lang: Language,
    /// Other files' text and line index, for cross-file path points.
    others: HashMap<String, (Vec<u8>, LineIndex)>,
}

const MAX_BINDING_CHARS: usize = 200;
const MAX_MESSAGE_VALUE_CHARS: usize = 80;
const MAX_SNIPPET_LINE_CHARS: usize = 400;

impl<'a> FindingBuilder<'a> {
    fn new(
        path: &'a str,
        src: &'a [u8],
        tree: &'a tree_sitter::Tree,
        lang: Language,
        sopts: SuppressOptions,
    ) -> Self {
        Self {
            path,
            src,
            tree,
            lines: LineIndex::new(src),
            line_hashes: None,
            directives: suppress::scan(src, sopts),
            seen: HashMap::new(),
            lang,
            others: HashMap::new(),
        }
    }

    fn position(&self, offset: usize) -> Position {
        let cp = self.lines.line_col(self.src, offset, ColumnUnit::CodePoint);
        let u16c = self.lines.line_col(self.src, offset, ColumnUnit::Utf16);
        Position {
            line: cp.line,
            column: cp.column,
            utf16_column: u16c.column,
            offset,
        }
    }

    fn text(&self, s: Span) -> String {
        String::from_utf8_lossy(self.src.get(s.range()).unwrap_or_default()).into_owned()
    }

    fn build(&mut self, rule: &mamori_rules::Rule, m: &Match) -> Finding {
        let start = self.position(m.span.start);
        let end = self.position(m.span.end);
        let mut bindings = BTreeMap::new();
        for (name, span) in &m.bindings.0 {
            bindings.insert(name.to_string(), cut(&self.text(*span), MAX_BINDING_CHARS));
        }
        let message = interpolate(&rule.info.message, |name| {
            m.bindings.get(name).map(|s| {
                let one_line = self
                    .text(s)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                cut(&one_line, MAX_MESSAGE_VALUE_CHARS)
            })
        });
        let snippet = self.snippet(start.line, end.line);
        let hash = self.line_hash(start.line);
        let scope = self.enclosing_scope(m.span);
        let normalized: String = self.text(m.span).split_whitespace().collect();
        let key = format!("{}\u{0}{}\u{0}{}", rule.info.id, normalized, scope);
        let n = self.seen.entry(key.clone()).or_insert(0);
        *n += 1;
        let mut fingerprints = BTreeMap::new();
        if let Some(h) = hash {
            fingerprints.insert("primaryLocationLineHash".to_string(), h);
        }
        fingerprints.insert(
            "mamori/v1".to_string(),
            format!("{:016x}:{}", fnv1a(key.as_bytes()), n),
        );
        let fix = rule.fix.as_ref().map(|template| {
            let replacement =
                interpolate(template, |name| m.bindings.get(name).map(|s| self.text(s)));
            Fix {
                description: format!("Apply the fix suggested by {}", rule.info.id),
                edits: vec![Edit {
                    span: m.span,
                    start,
                    end,
                    replacement,
                }],
            }
        });
        let suppression = suppress::find_in_statement(
            &self.directives,
            &rule.info.id,
            start.line,
            end.line,
            self.tree,
            m.span,
        );
        let flow = m.flow.iter().map(|p| self.flow_step(p)).collect();
        Finding {
            rule_id: rule.info.id.clone(),
            path: self.path.to_string(),
            span: m.span,
            start,
            end,
            message,
            severity: rule.info.severity,
            confidence: rule.info.confidence,
            snippet,
            fingerprints,
            bindings,
            fix,
            flow,
            suppression,
        }
    }

    /// A taint path point as a [`FlowStep`]; points in other files are positioned by
    /// reading those files (cached).
    fn flow_step(&mut self, p: &mamori_matcher::FlowPoint) -> FlowStep {
        let what = match p.what {
            mamori_matcher::FlowKind::Source => "source",
            mamori_matcher::FlowKind::Step => "step",
            mamori_matcher::FlowKind::Call => "call",
            mamori_matcher::FlowKind::Sink => "sink",
        };
        let one_line = |b: &[u8]| {
            let t = String::from_utf8_lossy(b);
            cut(&t.split_whitespace().collect::<Vec<_>>().join(" "), 80)
        };
        if let Some(file) = p.file.as_deref().filter(|f| *f != self.path) {
            let entry = self.others.entry(file.to_string()).or_insert_with(|| {
                let text = std::fs::read(file).unwrap_or_default();
                let idx = LineIndex::new(&text);
                (text, idx)
            });
            let (text, idx) = (&entry.0, &entry.1);
            let pos = |o: usize| {
                let cp = idx.line_col(text, o, ColumnUnit::CodePoint);
                let u = idx.line_col(text, o, ColumnUnit::Utf16);
                Position {
                    line: cp.line,
                    column: cp.column,
                    utf16_column: u.column,
                    offset: o,
                }
            };
            return FlowStep {
                path: file.to_string(),
                start: pos(p.span.start),
                end: pos(p.span.end),
                message: format!(
                    "{what}: {}",
                    one_line(text.get(p.span.range()).unwrap_or_default())
                ),
            };
        }
        FlowStep {
            path: self.path.to_string(),
            start: self.position(p.span.start),
            end: self.position(p.span.end),
            message: format!(
                "{what}: {}",
                one_line(self.src.get(p.span.range()).unwrap_or_default())
            ),
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
            text.push_str(&cut(&line, MAX_SNIPPET_LINE_CHARS));
        }
        Snippet {
            first_line: first,
            text,
        }
    }

    fn line_hash(&mut self, line: usize) -> Option<String> {
        let hashes = self
            .line_hashes
            .get_or_insert_with(|| mamori_text::github::line_hashes(self.src));
        hashes.get(line.checked_sub(1)?).cloned()
    }

    /// Name of the innermost named function or class around `span` (for fingerprints).
    fn enclosing_scope(&self, span: Span) -> String {
        let root = self.tree.root_node();
        let Some(node) = root.descendant_for_byte_range(span.start, span.end) else {
            return String::new();
        };
        let kinds: &[&str] = match self.lang {
            Language::Python => &["function_definition", "class_definition"],
            Language::Rust => &["function_item", "impl_item", "trait_item", "mod_item"],
            _ => &[
                "function_declaration",
                "method_definition",
                "class_declaration",
                "function_expression",
                "generator_function_declaration",
            ],
        };
        let mut parts = Vec::new();
        // One descent from the root, not `Node::parent` per step (O(depth) each).
        for node in mamori_matcher::ancestors(root, node).into_iter().take(512) {
            if kinds.contains(&node.kind())
                && let Some(name) = node
                    .child_by_field_name("name")
                    .or_else(|| node.child_by_field_name("type"))
            {
                parts.push(self.text(Span::new(name.start_byte(), name.end_byte())));
            }
        }
        parts.reverse();
        parts.join(".")
    }
}

/// Replace `$NAME` placeholders (longest names first, so `$XY` is not read as `$X`).
fn interpolate(template: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let b = template.as_bytes();
    let mut out = String::with_capacity(template.len());
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
            if j > s
                && let Some(v) = value(&template[s..j])
            {
                out.push_str(&v);
                i = j;
                continue;
            }
        }
        let ch_len = template[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&template[i..i + ch_len]);
        i += ch_len;
    }
    out
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max).collect();
    t.push('…');
    t
}

/// FNV-1a 64: a tiny, stable hash (std's hasher is not stable across releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_and_decoding() {
        let s = interpolate("run $CMD with $C and $MISSING", |n| match n {
            "CMD" => Some("ls".into()),
            "C" => Some("x".into()),
            _ => None,
        });
        assert_eq!(s, "run ls with x and $MISSING");
        let (t, note) = decode(vec![0xFF, 0xFE, b'a', 0, b'b', 0]).unwrap();
        assert_eq!(t, b"ab");
        assert!(note.is_some());
        assert!(decode(b"ab\0cd".to_vec()).is_err());
        let (t, _) = decode(b"\xEF\xBB\xBFx=1".to_vec()).unwrap();
        assert_eq!(t, b"   x=1");
    }

    /// Which rules' summaries can change a file's findings, by the halves of a flow the
    /// file holds and what the summaries carry.
    #[test]
    fn summaries_are_used_only_where_they_can_complete_a_flow() {
        use mamori_matcher::Summary;
        let returns = Summary {
            ret_sources: vec![(0, mamori_text::Span::new(0, 1), None, Vec::new())],
            ..Summary::default()
        };
        let sinks = Summary {
            param_sinks: vec![(
                0,
                mamori_text::Span::new(0, 1),
                None,
                Vec::new(),
                mamori_matcher::Bindings::default(),
            )],
            ..Summary::default()
        };
        let kept = |halves: (bool, bool), sums: &[&Summary]| {
            let mut ext: ExternalSummaries = HashMap::new();
            let slot = ext.entry(7).or_default();
            for (i, s) in sums.iter().enumerate() {
                slot.insert(format!("f{i}"), (*s).clone());
            }
            keep_useful(&mut ext, &[(7, halves.0, halves.1)]);
            !ext.is_empty()
        };
        let none = (false, false);
        let src = (true, false);
        let snk = (false, true);
        let both = (true, true);
        // A returned source needs a sink: the file's or another summary's.
        assert!(kept(snk, &[&returns]));
        assert!(!kept(src, &[&returns]));
        assert!(!kept(none, &[&returns]));
        // A parameter reaching a sink needs a source.
        assert!(kept(src, &[&sinks]));
        assert!(!kept(snk, &[&sinks]));
        assert!(!kept(none, &[&sinks]));
        // Both summaries complete the flow between them.
        assert!(kept(none, &[&returns, &sinks]));
        // A file with both halves keeps whatever it imports.
        assert!(kept(both, &[&Summary::default()]));
        assert!(!kept(src, &[&Summary::default()]));
        // Halves of another rule do not count.
        let mut ext: ExternalSummaries = HashMap::new();
        ext.entry(7)
            .or_default()
            .insert("f".into(), returns.clone());
        keep_useful(&mut ext, &[(8, true, true)]);
        assert!(ext.is_empty());
    }
}
