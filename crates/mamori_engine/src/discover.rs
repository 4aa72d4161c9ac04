//! Which files a scan reads: `ignore`'s walker (respecting `.gitignore`, `.ignore` and
//! `.mamoriignore`), `--include`/`--exclude` globs, and default skips for vendored,
//! generated and minified code.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;
use mamori_diagnostics::{FileError, FileErrorKind};
use mamori_lang::Language;

/// Folder names skipped by default (vendored dependencies, build output, environments).
pub const VENDORED_DIRS: &[&str] = &[
    "node_modules",
    "bower_components",
    "jspm_packages",
    "vendor",
    "third_party",
    "third-party",
    "site-packages",
    "dist-packages",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".next",
    ".nuxt",
    ".svelte-kit",
    ".turbo",
    ".yarn",
    "target",
    // Build output: bundles repeat the sources they were built from.
    "dist",
    "build",
    "out",
    ".output",
    "coverage",
];

/// A file to scan, with its language and size.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub lang: Language,
    pub size: u64,
    /// Named explicitly on the command line (never skipped by the default skips).
    pub explicit: bool,
}

/// Settings for discovery.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Also scan vendored, generated and minified files.
    pub include_vendored: bool,
    /// Ignore `.gitignore` and friends.
    pub no_ignore: bool,
    pub follow_symlinks: bool,
    /// Threads walking the folders (0: `ignore` picks, from the machine's cores).
    pub threads: usize,
}

fn glob_set(pats: &[String]) -> Result<Option<GlobSet>, String> {
    if pats.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in pats {
        let p = p.trim_start_matches("./");
        for v in [
            p.to_string(),
            format!("**/{p}"),
            format!("{p}/**"),
            format!("**/{p}/**"),
        ] {
            b.add(Glob::new(&v).map_err(|e| format!("invalid glob `{p}`: {e}"))?);
        }
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// Compiled include/exclude filters.
#[derive(Debug, Clone, Default)]
pub struct PathFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl PathFilter {
    /// # Errors
    /// An invalid glob.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        Ok(Self {
            include: glob_set(include)?,
            exclude: glob_set(exclude)?,
        })
    }

    #[must_use]
    pub fn admits(&self, rel: &str) -> bool {
        if let Some(i) = &self.include
            && !i.is_match(rel)
        {
            return false;
        }
        if let Some(e) = &self.exclude
            && e.is_match(rel)
        {
            return false;
        }
        true
    }
}

/// Relative, `/`-separated display form of a walked path.
#[must_use]
pub fn display(path: &Path) -> String {
    let s = mamori_text::display_path(path);
    s.strip_prefix("./").map_or(s.clone(), str::to_string)
}

/// Find the files under `roots`. Files named directly are always candidates when their
/// language is known; folder contents pass the ignore files, filters and default skips.
///
/// # Errors
/// An invalid include/exclude glob.
pub fn discover(
    roots: &[PathBuf],
    opts: &DiscoverOptions,
) -> Result<(Vec<Candidate>, Vec<FileError>), String> {
    discover_with_extra(roots, opts, None).map(|(c, _, e)| (c, e))
}

/// A non-code file an analyzer asked for (manifest, `.env`, config, MCP config).
#[derive(Debug, Clone)]
pub struct ExtraFile {
    pub path: PathBuf,
    pub size: u64,
}

/// Hidden files and folders walked when analyzers want extra files (other hidden entries
/// stay skipped, and code inside these folders is not scanned as code).
pub const HIDDEN_ALLOWED: &[&str] = &[
    ".env",
    ".mcp.json",
    ".cursor",
    ".vscode",
    ".github",
    ".devcontainer",
    ".claude",
    ".gemini",
    ".roo",
    ".kiro",
    ".windsurf",
    ".npmrc",
    ".pypirc",
];

fn hidden_allowed(name: &str) -> bool {
    HIDDEN_ALLOWED.contains(&name) || name.starts_with(".env.")
}

/// [`discover`], also collecting the non-code files `want` accepts (called with the path
/// relative to its root, `/`-separated).
///
/// # Errors
/// An invalid include/exclude glob.
#[allow(clippy::type_complexity)]
pub fn discover_with_extra(
    roots: &[PathBuf],
    opts: &DiscoverOptions,
    want: Option<&(dyn Fn(&str) -> bool + Sync)>,
) -> Result<(Vec<Candidate>, Vec<ExtraFile>, Vec<FileError>), String> {
    let filter = PathFilter::new(&opts.include, &opts.exclude)?;
    let mut out = Vec::new();
    let mut extra = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push(FileError {
                    path: display(root),
                    kind: FileErrorKind::Read,
                    message: format!("cannot read: {e}"),
                    line: None,
                });
                continue;
            }
        };
        if meta.is_file() {
            let lang = Language::from_path(root).or_else(|| {
                let head = read_head(root);
                mamori_lang::detect(root, &head)
            });
            match lang {
                Some(lang) => out.push(Candidate {
                    path: root.clone(),
                    lang,
                    size: meta.len(),
                    explicit: true,
                }),
                None if want.is_some_and(|w| w(&display(root))) => extra.push(ExtraFile {
                    path: root.clone(),
                    size: meta.len(),
                }),
                None => errors.push(FileError {
                    path: display(root),
                    kind: FileErrorKind::Read,
                    message: "not a language mamori scans (by extension or shebang)".into(),
                    line: None,
                }),
            }
            continue;
        }
        let mut wb = WalkBuilder::new(root);
        wb.hidden(want.is_none())
            .parents(!opts.no_ignore)
            .ignore(!opts.no_ignore)
            .git_ignore(!opts.no_ignore)
            .git_global(!opts.no_ignore)
            .git_exclude(!opts.no_ignore)
            .require_git(false)
            .follow_links(opts.follow_symlinks)
            .add_custom_ignore_filename(".mamoriignore");
        let include_vendored = opts.include_vendored;
        let walk_hidden = want.is_some();
        wb.filter_entry(move |e| {
            if walk_hidden
                && e.depth() > 0
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.') && !hidden_allowed(n))
            {
                return false;
            }
            if include_vendored || e.depth() == 0 {
                return true;
            }
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| VENDORED_DIRS.contains(&n)))
        });
        // The walk runs on several threads (reading folders and file metadata is most
        // of it: ~0.25 s for the full benchmark tier on one); what they find is sorted
        // below, so the result does not depend on timing.
        wb.threads(opts.threads);
        let found = std::sync::Mutex::new(Vec::<Found>::new());
        wb.build_parallel().run(|| {
            let (found, filter) = (&found, &filter);
            Box::new(move |entry| {
                if let Some(f) = classify(entry, root, filter, want, opts) {
                    found
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(f);
                }
                ignore::WalkState::Continue
            })
        });
        for f in found
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
        {
            match f {
                Found::Code(c) => out.push(c),
                Found::Extra(x) => extra.push(x),
                Found::Error(e) => errors.push(e),
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    extra.sort_by(|a, b| a.path.cmp(&b.path));
    extra.dedup_by(|a, b| a.path == b.path);
    errors.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    Ok((out, extra, errors))
}

/// What one walked entry is to the scan.
enum Found {
    Code(Candidate),
    Extra(ExtraFile),
    Error(FileError),
}

/// Sorts one walked entry under `root`: a code file to scan, an extra file an analyzer
/// wants, a walk error, or nothing.
fn classify(
    entry: Result<ignore::DirEntry, ignore::Error>,
    root: &Path,
    filter: &PathFilter,
    want: Option<&(dyn Fn(&str) -> bool + Sync)>,
    opts: &DiscoverOptions,
) -> Option<Found> {
    let entry = match entry {
        Ok(e) => e,
        Err(e) => return Some(Found::Error(walk_error(&e))),
    };
    if !entry.file_type()?.is_file() {
        return None;
    }
    let path = entry.path();
    let rel = display(path.strip_prefix(root).unwrap_or(path));
    if !filter.admits(&rel) && !filter.admits(&display(path)) {
        return None;
    }
    let in_hidden = rel.split('/').any(|seg| seg.starts_with('.'));
    if let Some(w) = want
        && (in_hidden || Language::from_path(path).is_none())
        && w(&rel)
    {
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        return Some(Found::Extra(ExtraFile {
            path: path.to_path_buf(),
            size,
        }));
    }
    if in_hidden {
        return None;
    }
    let lang = match Language::from_path(path) {
        Some(l) => l,
        None => {
            if path.extension().is_some() {
                return None;
            }
            let head = read_head(path);
            mamori_lang::detect(path, &head)?
        }
    };
    if !opts.include_vendored && is_minified_name(path) {
        return None;
    }
    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
    Some(Found::Code(Candidate {
        path: path.to_path_buf(),
        lang,
        size,
        explicit: false,
    }))
}

fn walk_error(e: &ignore::Error) -> FileError {
    let mut path = String::new();
    let mut cur = e;
    loop {
        match cur {
            ignore::Error::WithPath { path: p, err } => {
                path = display(p);
                cur = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                cur = err
            }
            _ => break,
        }
    }
    let kind = FileErrorKind::Read;
    let message = if matches!(cur, ignore::Error::Loop { .. }) {
        "symbolic link loop; not followed".to_string()
    } else {
        format!("cannot read: {cur}")
    };
    FileError {
        path,
        kind,
        message,
        line: None,
    }
}

fn read_head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut buf = vec![0u8; 256];
    match std::fs::File::open(path).and_then(|mut f| f.read(&mut buf)) {
        Ok(n) => {
            buf.truncate(n);
            buf
        }
        Err(_) => Vec::new(),
    }
}

/// `*.min.js`, `*-min.js`, `*.bundle.js` and similar build outputs.
#[must_use]
pub fn is_minified_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if [
        ".min.js",
        "-min.js",
        ".min.mjs",
        ".min.cjs",
        ".bundle.js",
        "-bundle.js",
        ".chunk.js",
        ".packed.js",
    ]
    .iter()
    .any(|s| name.ends_with(s))
    {
        return true;
    }
    // Static-file pipelines insert a content hash before the extension
    // (`jquery.min.4f2a9c1e.js`, Django's `prettify-min.709bfcc456c6.js`).
    let stem = name
        .strip_suffix(".js")
        .or_else(|| name.strip_suffix(".mjs"))
        .or_else(|| name.strip_suffix(".cjs"));
    stem.and_then(|s| s.rsplit_once('.'))
        .is_some_and(|(base, hash)| {
            (base.ends_with(".min") || base.ends_with("-min"))
                && hash.len() >= 8
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

/// Content checks for generated or minified files: a generated-code marker near the top;
/// for JS, a source-map link at the end (build output whose source lives elsewhere), a
/// bundler runtime, or lines so long that most of the file is on them (bundled/minified).
#[must_use]
pub fn looks_generated(src: &[u8], lang: Language) -> Option<&'static str> {
    let head = &src[..src.len().min(1024)];
    let markers: [&[u8]; 4] = [
        b"@generated",
        b"DO NOT EDIT",
        b"Code generated by",
        b"autogenerated by",
    ];
    if markers
        .iter()
        .any(|m| memchr::memmem::find(head, m).is_some())
    {
        return Some("generated code (marker in the file header)");
    }
    if !lang.is_js_family() {
        return None;
    }
    let tail = &src[src.len().saturating_sub(512)..];
    if [
        &b"//# sourceMappingURL="[..],
        b"//@ sourceMappingURL=",
        b"/*# sourceMappingURL=",
    ]
    .iter()
    .any(|m| memchr::memmem::find(tail, m).is_some())
    {
        return Some("build output (links a source map)");
    }
    if src.len() > 4096 {
        if memchr::memmem::find(src, b"__webpack_require__").is_some() {
            return Some("bundled code (webpack runtime)");
        }
        let mut lines = 0usize;
        let mut long_bytes = 0usize;
        let mut start = 0usize;
        for end in memchr::memchr_iter(b'\n', src).chain(std::iter::once(src.len())) {
            lines += 1;
            let len = end - start;
            if len > LONG_LINE {
                long_bytes += len;
            }
            start = end + 1;
        }
        if src.len() / lines > 500 || long_bytes * 10 > src.len() * 3 {
            return Some("minified code (very long lines)");
        }
    }
    None
}

/// A line this long is not written by hand; when such lines hold more than 30 % of a JS
/// file, it is a bundle or minified output even if the rest of it is formatted.
const LONG_LINE: usize = 2000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minified_and_hashed_names() {
        for n in [
            "a.min.js",
            "swagger-ui-bundle.js",
            "prettify-min.709bfcc456c6.js",
            "jquery.min.4f2a9c1e.mjs",
        ] {
            assert!(is_minified_name(Path::new(n)), "{n}");
        }
        for n in [
            "app.js",
            "admin.js",
            "minimal.js",
            "min.js",
            "prettify-min.notahash.js",
        ] {
            assert!(!is_minified_name(Path::new(n)), "{n}");
        }
    }

    #[test]
    fn build_output_is_recognized_by_content() {
        let js = Language::JavaScript;
        let handwritten = "function f(a) {\n  return a + 1;\n}\n".repeat(400);
        assert_eq!(looks_generated(handwritten.as_bytes(), js), None);
        // A long string literal in hand-written code is not enough.
        let one_long = format!("{handwritten}const s = '{}';\n", "x".repeat(3000));
        assert_eq!(looks_generated(one_long.as_bytes(), js), None);

        let mapped = format!("{handwritten}//# sourceMappingURL=app.js.map\n");
        assert!(looks_generated(mapped.as_bytes(), js).is_some());
        let webpack = format!("{handwritten}__webpack_require__(12);\n");
        assert!(looks_generated(webpack.as_bytes(), js).is_some());
        // Formatted prelude, then a bundle on a few very long lines.
        let bundle = format!("{}\n{}", "x".repeat(6000), &handwritten[..8000]);
        assert!(looks_generated(bundle.as_bytes(), js).is_some());
        // Python keeps its own rules: only explicit markers.
        assert_eq!(looks_generated(mapped.as_bytes(), Language::Python), None);
    }
}
