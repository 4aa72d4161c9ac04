//! The cross-file step: resolve every dependency mention against the standard libraries,
//! the scanned tree itself and the declared dependencies, then check what is left against
//! the offline index (and, with `--online`, the live registries).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use mamori_diagnostics::{Confidence, Severity};

use crate::index::{Ecosystem, Index, Known, index};
use crate::model::{Dependency, FileFacts, Issue, Origin, Provided};
use crate::names::{
    is_python_stdlib, is_python_system_module, is_test_or_sample_path, pep503,
    plausible_python_name, python_distributions,
};
use crate::online::{self, OnlineOptions, Status};
use crate::rules::{HALLUCINATED, RECENT, TYPOSQUAT};
use crate::typo::near_miss;

/// Packages first published less than this many days ago are reported (online only).
pub const RECENT_DAYS: u64 = 30;

/// What the scanned tree defines and declares, gathered from every file's facts.
#[derive(Debug, Default)]
struct World {
    py_modules: HashSet<String>,
    /// Public PyPI distributions declared in manifests.
    py_declared: HashSet<String>,
    /// This tree's own distributions and path/git/private-index ones.
    py_local: HashSet<String>,
    npm_names: HashSet<String>,
    /// Names declared in `package.json` files that are checked against the registry
    /// (`npm:` aliases map to the real name).
    npm_declared: HashSet<String>,
    npm_aliases: Vec<(String, bool)>,
    npm_base_tops: HashSet<String>,
    crate_dirs: Vec<String>,
    crates: HashSet<String>,
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

impl World {
    fn build(files: &[&FileFacts], paths: &[String]) -> Self {
        let mut w = World::default();
        let mut base_dirs = Vec::new();
        for f in files {
            for p in &f.provides {
                match p {
                    Provided::PythonModule(m) => {
                        w.py_modules.insert(m.clone());
                    }
                    Provided::PythonDist(d) => {
                        w.py_local.insert(d.clone());
                    }
                    Provided::NpmPackage(n) => {
                        w.npm_names.insert(n.clone());
                    }
                    Provided::NpmAlias { pattern, prefix } => {
                        w.npm_aliases.push((pattern.clone(), *prefix));
                    }
                    Provided::NpmBaseUrl(d) => base_dirs.push(d.clone()),
                    Provided::Crate(c) => {
                        w.crates.insert(c.clone());
                    }
                }
            }
            for d in &f.deps {
                match d.eco {
                    Ecosystem::PyPI if d.origin == Origin::Manifest => {
                        if d.local {
                            w.py_local.insert(pep503(&d.name));
                        } else {
                            w.py_declared.insert(pep503(&d.name));
                        }
                    }
                    Ecosystem::Npm if d.origin == Origin::Manifest => {
                        if d.local {
                            w.npm_names.insert(d.module.clone());
                            w.npm_names.insert(d.name.clone());
                        } else if d.alias.is_some() {
                            // Imported by its alias; the real name is checked at the entry.
                            w.npm_names.insert(d.module.clone());
                        } else {
                            w.npm_declared.insert(d.name.clone());
                        }
                    }
                    Ecosystem::Crates if d.origin == Origin::Manifest => {
                        w.crates.insert(d.name.replace('-', "_"));
                        w.crates.insert(d.module.replace('-', "_"));
                        if let Some(a) = &d.alias {
                            w.crates.insert(a.replace('-', "_"));
                        }
                    }
                    _ => {}
                }
            }
            if f.path.rsplit('/').next() == Some("Cargo.toml") {
                w.crate_dirs.push(dir_of(&f.path).to_string());
            }
        }
        for p in paths {
            let (dir, file) = p.rsplit_once('/').unwrap_or(("", p));
            let stem = file.split('.').next().unwrap_or(file);
            let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
            if matches!(ext, "py" | "pyi" | "pyx" | "pxd" | "so" | "pyd") {
                w.py_modules.insert(stem.to_string());
                for seg in dir.split('/') {
                    if !seg.is_empty() {
                        w.py_modules.insert(seg.to_string());
                    }
                }
            }
            if ext == "rs" {
                w.crates.insert(stem.to_string());
            }
            for b in &base_dirs {
                let rest = if b.is_empty() {
                    Some(p.as_str())
                } else {
                    p.strip_prefix(b.as_str()).and_then(|r| r.strip_prefix('/'))
                };
                if let Some(rest) = rest {
                    let top = rest.split('/').next().unwrap_or(rest);
                    let top = top.split('.').next().unwrap_or(top);
                    w.npm_base_tops.insert(top.to_string());
                }
            }
        }
        w
    }

    /// How the Python import `top` resolves: `Some(None)` — the tree defines it;
    /// `Some(Some(dist))` — the declared distribution `dist` provides it; `None` — neither.
    fn python_resolves(&self, top: &str, candidates: &[String]) -> Option<Option<String>> {
        if self.py_modules.contains(top) {
            return Some(None);
        }
        let norm = pep503(top);
        // `django-environ` provides `environ`, `python-dotenv` provides `dotenv`,
        // `apache-superset-core` provides `superset_core`: a declared distribution with the
        // module's words as a run of its `-`-separated words, or spelled the same without
        // separators (`python-json-logger` provides `pythonjsonlogger`).
        let module_words: Vec<&str> = norm.split('-').collect();
        let provides = |d: &String| {
            let words: Vec<&str> = d.split('-').collect();
            candidates.contains(d)
                || words
                    .windows(module_words.len())
                    .any(|run| run == module_words.as_slice())
                || d.replace('-', "") == norm.replace('-', "")
        };
        if self.py_local.iter().any(provides) {
            return Some(None);
        }
        if let Some(c) = candidates.iter().find(|c| self.py_declared.contains(*c)) {
            return Some(Some(c.clone()));
        }
        let mut hits: Vec<&String> = self.py_declared.iter().filter(|d| provides(d)).collect();
        hits.sort();
        hits.first().map(|d| Some((*d).clone()))
    }

    /// How an npm import resolves: `Some(true)` — declared in a manifest (check that
    /// entry); `Some(false)` — defined by the tree (package name, alias, `baseUrl`);
    /// `None` — neither.
    fn npm_resolves(&self, dep: &Dependency) -> Option<bool> {
        if self.npm_declared.contains(&dep.name) {
            return Some(true);
        }
        if self.npm_names.contains(&dep.name) || self.npm_base_tops.contains(&dep.name) {
            return Some(false);
        }
        self.npm_aliases
            .iter()
            .any(|(p, prefix)| {
                if *prefix {
                    dep.module.starts_with(p.as_str())
                } else {
                    dep.module == *p
                }
            })
            .then_some(false)
    }

    fn in_crate(&self, path: &str) -> bool {
        self.crate_dirs
            .iter()
            .any(|d| d.is_empty() || path.starts_with(&format!("{d}/")))
    }
}

/// A name to check, with every mention that led to it.
#[derive(Debug)]
struct Subject<'a> {
    /// Registry names that would satisfy the mention (any existing one is enough).
    candidates: Vec<String>,
    mentions: Vec<(&'a FileFacts, &'a Dependency)>,
    via_table: bool,
}

/// Finds supply-chain issues across all files. `paths` lists every discovered file
/// (display paths), for first-party module detection.
#[must_use]
pub fn check(files: &[&FileFacts], paths: &[String], online: Option<&OnlineOptions>) -> Vec<Issue> {
    let world = World::build(files, paths);
    let ix = index();
    // Group mentions by (ecosystem, primary name) so each name is judged once.
    let mut subjects: BTreeMap<(Ecosystem, String), Subject<'_>> = BTreeMap::new();
    for f in files {
        for d in &f.deps {
            if d.local || d.origin == Origin::Import && is_test_or_sample_path(&f.rel) {
                continue;
            }
            let (key, candidates, via_table) = match (d.eco, d.origin) {
                (Ecosystem::PyPI, Origin::Import) => {
                    let top = d.name.as_str();
                    if is_python_stdlib(top)
                        || is_python_system_module(top)
                        || top.starts_with('_') && python_distributions(top).is_empty()
                        || !plausible_python_name(top)
                    {
                        continue;
                    }
                    let mut c: Vec<String> = python_distributions(top).to_vec();
                    let via_table = !c.is_empty();
                    // `google.cloud.storage` → google-cloud-storage, google-cloud, google.
                    let parts: Vec<&str> = d.module.split('.').collect();
                    for n in (1..=parts.len().min(4)).rev() {
                        let cand = pep503(&parts[..n].join("-"));
                        if !c.contains(&cand) {
                            c.push(cand);
                        }
                    }
                    match world.python_resolves(top, &c) {
                        Some(None) => continue,
                        // Judged with the manifest entry that declares it.
                        Some(Some(dist)) => (dist.clone(), vec![dist], false),
                        None => {
                            let primary = if via_table { c[0].clone() } else { pep503(top) };
                            (primary, c, via_table)
                        }
                    }
                }
                (Ecosystem::PyPI, _) => {
                    let n = pep503(&d.name);
                    (n.clone(), vec![n], false)
                }
                (Ecosystem::Npm, Origin::Import) => match world.npm_resolves(d) {
                    Some(false) => continue,
                    Some(true) => (d.name.clone(), vec![d.name.clone()], false),
                    None => {
                        // Types may come from DefinitelyTyped: `estree` via `@types/estree`.
                        let types = types_package(&d.name);
                        if world.npm_declared.contains(&types) || world.npm_names.contains(&types) {
                            continue;
                        }
                        (d.name.clone(), vec![d.name.clone(), types], false)
                    }
                },
                (Ecosystem::Npm, _) => (d.name.clone(), vec![d.name.clone()], false),
                (Ecosystem::Crates, Origin::Import) => {
                    // Inside a Cargo package the compiler resolves `use` paths; only
                    // stand-alone files are checked, and only online.
                    if world.in_crate(&f.path) || world.crates.contains(&d.name) {
                        continue;
                    }
                    (d.name.clone(), vec![d.name.clone()], false)
                }
                (Ecosystem::Crates, _) => (d.name.clone(), vec![d.name.clone()], false),
            };
            let s = subjects.entry((d.eco, key)).or_insert_with(|| Subject {
                candidates,
                mentions: Vec::new(),
                via_table,
            });
            s.mentions.push((f, d));
        }
    }

    // Offline verdicts.
    let mut verdicts: Vec<(Ecosystem, String, Verdict)> = Vec::new();
    for ((eco, name), s) in &subjects {
        verdicts.push((*eco, name.clone(), offline_verdict(ix, *eco, name, s)));
    }

    // Online: names flagged or unknown offline, crates, and little-known names (recency).
    let statuses = match online {
        Some(o) => {
            let ask: Vec<(Ecosystem, String)> = verdicts
                .iter()
                .filter(|(_, _, v)| v.worth_asking())
                .map(|(e, n, _)| (*e, n.clone()))
                .collect();
            online::check(&ask, o)
        }
        None => BTreeMap::new(),
    };

    let mut issues = Vec::new();
    for (eco, name, verdict) in verdicts {
        let Some(s) = subjects.get(&(eco, name.clone())) else {
            continue;
        };
        let status = statuses.get(&(eco, name.clone()));
        let now = online.map_or(0, OnlineOptions::now_secs);
        report(&mut issues, eco, &name, s, &verdict, status, now);
    }
    issues.sort_by(|a, b| {
        (&a.path, a.span.start, a.rule_id).cmp(&(&b.path, b.span.start, b.rule_id))
    });
    issues.dedup_by(|a, b| a.path == b.path && a.span == b.span && a.rule_id == b.rule_id);
    issues
}

/// The DefinitelyTyped package for `name`: `x` → `@types/x`, `@s/x` → `@types/s__x`.
fn types_package(name: &str) -> String {
    match name.strip_prefix('@').and_then(|r| r.split_once('/')) {
        Some((scope, n)) => format!("@types/{scope}__{n}"),
        None => format!("@types/{name}"),
    }
}

#[derive(Debug, Clone)]
enum Verdict {
    /// Known and not suspicious. `obscure`: little known, worth a recency check online.
    Fine { obscure: bool },
    /// No candidate is in the index.
    Missing { suggestion: Option<&'static str> },
    /// Near miss of a popular package.
    Typo {
        popular: &'static str,
        reason: &'static str,
    },
    /// No offline data (crates.io).
    Unknown,
}

impl Verdict {
    fn worth_asking(&self) -> bool {
        !matches!(self, Verdict::Fine { obscure: false })
    }
}

fn offline_verdict(ix: &Index, eco: Ecosystem, name: &str, s: &Subject<'_>) -> Verdict {
    let mut best: Option<Known> = None;
    for c in &s.candidates {
        match ix.lookup(eco, c) {
            k @ Known::Yes { .. } => {
                best = Some(k);
                break;
            }
            Known::NoData => return Verdict::Unknown,
            Known::No => {}
        }
    }
    match best {
        Some(k) => {
            // A module resolved through the import-name table is judged by its distribution;
            // a module name that merely happens to be a registry name is not checked for
            // typos (module and distribution names differ too often).
            let is_import_only = s.mentions.iter().all(|(_, d)| d.origin == Origin::Import);
            if !(s.via_table || eco == Ecosystem::PyPI && is_import_only)
                && let Some(nm) = near_miss(ix, eco, name, k)
            {
                return Verdict::Typo {
                    popular: nm.popular,
                    reason: nm.reason,
                };
            }
            let obscure = match k {
                Known::Yes { rank, downloads } => match eco {
                    Ecosystem::PyPI => rank.is_none(),
                    _ => downloads.is_none_or(|d| d < 10_000),
                },
                _ => true,
            };
            Verdict::Fine { obscure }
        }
        None => Verdict::Missing {
            suggestion: near_miss(ix, eco, name, Known::No).map(|n| n.popular),
        },
    }
}

/// Every manifest mention, and the first import of each file: (path, span, origin,
/// optional, name as written there).
fn mention_list(
    mentions: &[(&FileFacts, &Dependency)],
) -> Vec<(String, mamori_text::Span, Origin, bool, String)> {
    let mut seen_files: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for (f, d) in mentions {
        if d.origin == Origin::Import && !seen_files.insert(f.path.as_str()) {
            continue;
        }
        let written = if d.eco == Ecosystem::PyPI {
            d.module.clone()
        } else {
            d.name.clone()
        };
        out.push((f.path.clone(), d.span, d.origin, d.optional, written));
    }
    out
}

/// Placeholders in message templates, filled per mention: the name as written there, and
/// a note when that differs from the distribution checked.
const W: &str = "\u{1}W";
const HOW: &str = "\u{1}H";

#[allow(clippy::too_many_lines)]
fn report(
    issues: &mut Vec<Issue>,
    eco: Ecosystem,
    name: &str,
    s: &Subject<'_>,
    verdict: &Verdict,
    status: Option<&Status>,
    now: u64,
) {
    let snapshot = Index::snapshot(eco).unwrap_or("?");
    let written = W;
    let recent =
        |first: Option<u64>| first.is_some_and(|t| now.saturating_sub(t) < RECENT_DAYS * 86_400);
    let mut push = |rule: &'static str, msg: &str, severity: Severity, base: Confidence| {
        for (path, span, origin, optional, as_written) in mention_list(&s.mentions) {
            let how = if eco == Ecosystem::PyPI
                && origin == Origin::Import
                && pep503(&as_written) != name
            {
                let top = as_written.split('.').next().unwrap_or(&as_written);
                format!(" (`{top}` is installed by the distribution `{name}`)")
            } else {
                String::new()
            };
            let message = msg.replace(HOW, &how).replace(W, &as_written);
            let confidence = match (origin, optional) {
                (Origin::Import, true) => Confidence::Low,
                (Origin::Import, false) => base.min(Confidence::Medium),
                _ => base,
            };
            issues.push(Issue {
                rule_id: rule,
                path,
                span,
                message,
                severity,
                confidence,
            });
        }
    };
    let how = HOW;
    match (verdict, status) {
        (Verdict::Missing { suggestion }, st) => {
            let hint = suggestion
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_default();
            match (eco, st) {
                (_, Some(Status::Exists { first_published }))
                    if eco != Ecosystem::PyPI && recent(*first_published) =>
                {
                    push(
                        RECENT,
                        &format!(
                            "`{name}` was first published on {} less than {RECENT_DAYS} days ago{}; review it before depending on it",
                            eco.as_str(),
                            online::days_ago(*first_published, now)
                        ),
                        Severity::Low,
                        Confidence::High,
                    );
                }
                // It exists and is not new: the offline doubt is lifted.
                (_, Some(Status::Exists { .. })) if eco != Ecosystem::PyPI => {}
                (Ecosystem::PyPI, st) => {
                    let later = match st {
                        Some(Status::Exists { first_published }) => format!(
                            "; it has been registered since{}{} — check who published it",
                            online::days_ago(*first_published, now),
                            if recent(*first_published) {
                                " (very recently)"
                            } else {
                                ""
                            }
                        ),
                        Some(Status::Missing) => " and PyPI confirms it does not exist".into(),
                        _ => String::new(),
                    };
                    push(
                        HALLUCINATED,
                        &format!(
                            "`{written}` is not a PyPI package: no project of that name existed on PyPI at the {snapshot} snapshot{later}{how}. The name may be hallucinated, and anyone can register it with malicious code{hint}"
                        ),
                        Severity::High,
                        Confidence::High,
                    );
                }
                (_, Some(Status::Missing)) => push(
                    HALLUCINATED,
                    &format!(
                        "`{name}` does not exist on {} (checked online). The name may be hallucinated, and anyone can register it with malicious code{hint}",
                        eco.as_str()
                    ),
                    Severity::High,
                    Confidence::High,
                ),
                (Ecosystem::Npm, _) => push(
                    HALLUCINATED,
                    &format!(
                        "`{name}` is not an established npm package (not among the packages with about 480+ downloads a month at the {snapshot} snapshot): it may be hallucinated or a squatted name{hint}. Verify it on the registry (`--online` checks it)"
                    ),
                    Severity::Medium,
                    Confidence::Medium,
                ),
                _ => {}
            }
        }
        (Verdict::Typo { popular, reason }, st) => {
            if matches!(st, Some(Status::Missing)) {
                push(
                    HALLUCINATED,
                    &format!(
                        "`{name}` does not exist on {} (checked online); did you mean `{popular}`?",
                        eco.as_str()
                    ),
                    Severity::High,
                    Confidence::High,
                );
                return;
            }
            push(
                TYPOSQUAT,
                &format!(
                    "`{name}` looks like a typo of the much more popular {} package `{popular}` ({reason}); typosquatted names are a common way to ship malware",
                    eco.as_str()
                ),
                Severity::High,
                Confidence::Medium,
            );
        }
        (Verdict::Unknown, Some(Status::Missing)) => push(
            HALLUCINATED,
            &format!(
                "`{name}` does not exist on {} (checked online). The name may be hallucinated, and anyone can register it with malicious code",
                eco.as_str()
            ),
            Severity::High,
            Confidence::High,
        ),
        (Verdict::Unknown | Verdict::Fine { .. }, Some(Status::Exists { first_published }))
            if recent(*first_published) =>
        {
            push(
                RECENT,
                &format!(
                    "`{name}` was first published on {} less than {RECENT_DAYS} days ago{}; review it before depending on it",
                    eco.as_str(),
                    online::days_ago(*first_published, now)
                ),
                Severity::Low,
                Confidence::High,
            );
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileFacts;
    use mamori_text::Span;

    fn facts(path: &str, deps: &[(Ecosystem, &str, &str, Origin)]) -> FileFacts {
        let mut f = FileFacts::new(path);
        for (i, (eco, name, module, origin)) in deps.iter().enumerate() {
            f.dep(
                *eco,
                name,
                module,
                *origin,
                Span::new(i, i + 1),
                false,
                false,
            );
        }
        f
    }

    fn ids(issues: &[Issue]) -> Vec<(&str, String)> {
        issues
            .iter()
            .map(|i| {
                (
                    i.rule_id,
                    i.message.split('`').nth(1).unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn python_resolution() {
        use Ecosystem::PyPI;
        use Origin::{Import, Manifest};
        let app = facts(
            "app/main.py",
            &[
                (PyPI, "os", "os", Import),
                (PyPI, "yaml", "yaml", Import),
                (PyPI, "cv2", "cv2", Import),
                (PyPI, "mylocal", "mylocal.sub", Import),
                (PyPI, "google", "google.cloud.storage", Import),
                (PyPI, "environ", "environ", Import),
                (PyPI, "fastapi_magic_auth", "fastapi_magic_auth", Import),
                (PyPI, "_speedups", "_speedups", Import),
                // A run of the declared distribution's words (`apache-superset-core`).
                (PyPI, "superset_core", "superset_core.tasks", Import),
                (PyPI, "ranged_fileresponse", "ranged_fileresponse", Import),
                // Its words out of order are not provided by it.
                (
                    PyPI,
                    "django_fileresponse_ranged",
                    "django_fileresponse_ranged",
                    Import,
                ),
            ],
        );
        let req = facts(
            "requirements.txt",
            &[
                (PyPI, "django-environ", "django-environ", Manifest),
                (
                    PyPI,
                    "apache-superset-core",
                    "apache-superset-core",
                    Manifest,
                ),
                (
                    PyPI,
                    "django-ranged-fileresponse",
                    "django-ranged-fileresponse",
                    Manifest,
                ),
                (PyPI, "reqeusts", "reqeusts", Manifest),
                (
                    PyPI,
                    "flask-supercharged-jwt-helper",
                    "flask-supercharged-jwt-helper",
                    Manifest,
                ),
            ],
        );
        let paths = vec!["app/main.py".to_string(), "mylocal/sub.py".to_string()];
        let issues = check(&[&app, &req], &paths, None);
        let got = ids(&issues);
        assert!(
            got.contains(&(HALLUCINATED, "fastapi_magic_auth".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&(HALLUCINATED, "flask-supercharged-jwt-helper".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&(HALLUCINATED, "django_fileresponse_ranged".into())),
            "{got:?}"
        );
        assert!(
            got.iter().any(|(r, n)| *r == TYPOSQUAT && n == "reqeusts")
                || got
                    .iter()
                    .any(|(r, n)| *r == HALLUCINATED && n == "reqeusts"),
            "{got:?}"
        );
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn npm_resolution() {
        use Ecosystem::Npm;
        use Origin::{Import, Manifest};
        let mut tsconfig = FileFacts::new("tsconfig.json");
        tsconfig.provides.push(Provided::NpmAlias {
            pattern: "@app/".into(),
            prefix: true,
        });
        let mut pkg = facts("package.json", &[(Npm, "express", "express", Manifest)]);
        pkg.provides
            .push(Provided::NpmPackage("my-monorepo-pkg".into()));
        let code = facts(
            "src/index.ts",
            &[
                (Npm, "express", "express", Import),
                (Npm, "my-monorepo-pkg", "my-monorepo-pkg/x", Import),
                (Npm, "@app/util", "@app/util", Import),
                (
                    Npm,
                    "react-super-hooks-pro-ai",
                    "react-super-hooks-pro-ai",
                    Import,
                ),
                (Npm, "lodash", "lodash", Import),
            ],
        );
        let issues = check(&[&tsconfig, &pkg, &code], &[], None);
        let got = ids(&issues);
        assert_eq!(
            got,
            [(HALLUCINATED, "react-super-hooks-pro-ai".to_string())]
        );
        assert_eq!(issues[0].severity, Severity::Medium);
    }

    #[test]
    fn online_verdicts_with_a_stub_registry() {
        use crate::online::{OnlineOptions, parse_time, stub};
        use Ecosystem::{Crates, Npm, PyPI};
        use Origin::Manifest;
        let now = parse_time("2026-11-24T00:00:00Z").expect("t");
        let mut routes = std::collections::HashMap::new();
        // Old and real: the offline doubt is lifted.
        routes.insert(
            "/react-obscure-but-real-xq".to_string(),
            (
                200,
                r#"{"time":{"created":"2019-01-01T00:00:00Z"}}"#.to_string(),
            ),
        );
        // Registered last week.
        routes.insert(
            "/brand-new-helper-xq".to_string(),
            (
                200,
                r#"{"time":{"created":"2026-11-20T00:00:00Z"}}"#.to_string(),
            ),
        );
        routes.insert(
            "/se/rd/serde".to_string(),
            (
                200,
                "{\"name\":\"serde\",\"vers\":\"1.0.0\",\"pubtime\":\"2017-04-20T00:00:00Z\"}\n"
                    .to_string(),
            ),
        );
        let server = stub::serve(routes);
        let o = OnlineOptions {
            pypi_url: server.base.clone(),
            npm_url: server.base.clone(),
            crates_url: server.base.clone(),
            timeout: std::time::Duration::from_secs(5),
            now: Some(now),
            ..OnlineOptions::default()
        };
        let pkg = facts(
            "package.json",
            &[
                (
                    Npm,
                    "react-obscure-but-real-xq",
                    "react-obscure-but-real-xq",
                    Manifest,
                ),
                (Npm, "brand-new-helper-xq", "brand-new-helper-xq", Manifest),
                (
                    Npm,
                    "totally-missing-helper-xq",
                    "totally-missing-helper-xq",
                    Manifest,
                ),
            ],
        );
        let cargo = facts(
            "Cargo.toml",
            &[
                (Crates, "serde", "serde", Manifest),
                (
                    Crates,
                    "serde-ultra-fast-json-xq",
                    "serde-ultra-fast-json-xq",
                    Manifest,
                ),
            ],
        );
        let req = facts(
            "requirements.txt",
            &[(PyPI, "requests", "requests", Manifest)],
        );
        let issues = check(&[&pkg, &cargo, &req], &[], Some(&o));
        let got: Vec<(&str, String, Severity)> = issues
            .iter()
            .map(|i| {
                (
                    i.rule_id,
                    i.message.split('`').nth(1).unwrap_or("").to_string(),
                    i.severity,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    HALLUCINATED,
                    "serde-ultra-fast-json-xq".to_string(),
                    Severity::High
                ),
                (RECENT, "brand-new-helper-xq".to_string(), Severity::Low),
                (
                    HALLUCINATED,
                    "totally-missing-helper-xq".to_string(),
                    Severity::High
                ),
            ],
            "{issues:#?}"
        );
        // Popular names are never sent.
        let hits = server.hits.lock().expect("lock").clone();
        assert!(!hits.iter().any(|h| h.contains("requests")), "{hits:?}");
    }
}
