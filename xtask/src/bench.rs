//! `cargo xtask bench`: time the release `mamori` binary on the pinned corpus, next to its
//! parse-only floor and, when installed, Semgrep (same rule files) and Bandit (same Python
//! files), all in one run on one machine. Wall time is measured here; user+sys CPU time and
//! peak RSS come from `/usr/bin/time` (or Python's `resource` module when it is missing).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

use crate::corpus::{self, Layout};

/// Options of one `cargo xtask bench` invocation.
#[derive(Debug, Clone)]
pub struct Opts {
    /// `mid`, or `full` (which runs the mid tier too, for the linearity ratio).
    pub full: bool,
    pub threads: usize,
    /// Repetitions of each mamori measurement (the fastest is reported).
    pub runs: usize,
    pub compare: bool,
    pub out: PathBuf,
}

fn parse_opts(root: &Path, args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        full: false,
        threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        runs: 1,
        compare: true,
        out: root.join("target/bench/results.json"),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("bench: `{name}` needs a value"))
        };
        match a.as_str() {
            "--tier" => match value("--tier")?.as_str() {
                "mid" => o.full = false,
                "full" => o.full = true,
                t => return Err(format!("bench: unknown tier `{t}` (mid or full)")),
            },
            "--threads" | "-j" => {
                o.threads = value("--threads")?
                    .parse()
                    .map_err(|_| "bench: --threads takes a number".to_string())?;
            }
            "--runs" => {
                o.runs = value("--runs")?
                    .parse()
                    .map_err(|_| "bench: --runs takes a number".to_string())?;
            }
            "--no-compare" => o.compare = false,
            "--out" | "-o" => o.out = PathBuf::from(value("--out")?),
            other => return Err(format!("bench: unknown option `{other}`")),
        }
    }
    o.threads = o.threads.max(1);
    o.runs = o.runs.max(1);
    Ok(o)
}

pub(crate) fn cmd(root: &Path, args: &[String]) -> Result<bool, String> {
    let opts = parse_opts(root, args)?;
    let layout = Layout::from_env();
    corpus::build(root, &layout)?;
    let mamori = build_mamori(root)?;
    let results = run(root, &layout, &mamori, &opts)?;
    if let Some(dir) = opts.out.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
    std::fs::write(&opts.out, text + "\n")
        .map_err(|e| format!("cannot write {}: {e}", opts.out.display()))?;
    println!("\nresults written to {}", opts.out.display());
    Ok(true)
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn build_mamori(root: &Path) -> Result<PathBuf, String> {
    eprintln!("[bench] cargo build --release -p mamori_cli");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "mamori_cli"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo build --release -p mamori_cli failed ({status})"
        ));
    }
    let bin = target_dir(root).join("release/mamori");
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!("{} was not built", bin.display()))
    }
}

/// Resource use of one child process (and the children it waited for).
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub wall_s: f64,
    pub user_s: Option<f64>,
    pub sys_s: Option<f64>,
    /// Peak RSS of the largest single process, in KiB.
    pub max_rss_kib: Option<u64>,
    pub exit_code: Option<i32>,
    /// The end of the process's standard error (for error messages).
    pub stderr_tail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meter {
    Time,
    Python,
    WallOnly,
}

fn meter() -> Meter {
    if Path::new("/usr/bin/time").is_file() {
        Meter::Time
    } else if Command::new("python3")
        .args(["-c", "import resource"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        Meter::Python
    } else {
        Meter::WallOnly
    }
}

const PY_METER: &str = "import resource,subprocess,sys\nr=subprocess.call(sys.argv[2:])\nu=resource.getrusage(resource.RUSAGE_CHILDREN)\nopen(sys.argv[1],'w').write('%f %f %f %d\\n'%(0.0,u.ru_utime,u.ru_stime,u.ru_maxrss))\nsys.exit(r)";

/// Run `program args` in `cwd`, measuring it.
fn measure(
    meter: Meter,
    program: &Path,
    args: &[String],
    cwd: &Path,
    scratch: &Path,
    env: &[(&str, &str)],
) -> Result<Usage, String> {
    let stats = scratch.join("usage.txt");
    let _ = std::fs::remove_file(&stats);
    let mut cmd = match meter {
        Meter::Time => {
            let mut c = Command::new("/usr/bin/time");
            c.arg("-f")
                .arg("%e %U %S %M")
                .arg("-o")
                .arg(&stats)
                .arg(program);
            c
        }
        Meter::Python => {
            let mut c = Command::new("python3");
            c.arg("-c").arg(PY_METER).arg(&stats).arg(program);
            c
        }
        Meter::WallOnly => Command::new(program),
    };
    cmd.args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let t0 = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let wall_s = t0.elapsed().as_secs_f64();
    let mut u = Usage {
        wall_s,
        exit_code: out.status.code(),
        ..Usage::default()
    };
    if let Ok(text) = std::fs::read_to_string(&stats) {
        // `/usr/bin/time` writes "Command exited with non-zero status N" first on failure.
        if let Some(line) = text.lines().rev().find(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() == 4 {
                u.user_s = f[1].parse().ok();
                u.sys_s = f[2].parse().ok();
                u.max_rss_kib = f[3].parse().ok();
            }
        }
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let skip = stderr.chars().count().saturating_sub(1500);
    u.stderr_tail = stderr.chars().skip(skip).collect();
    if u.exit_code.is_none_or(|c| c > 2) {
        return Err(format!(
            "{} {} failed ({}):\n{}",
            program.display(),
            args.join(" "),
            out.status,
            stderr.chars().take(2000).collect::<String>()
        ));
    }
    Ok(u)
}

/// One measured configuration.
#[derive(Debug, Clone)]
struct Row {
    name: String,
    command: String,
    files: u64,
    bytes: u64,
    findings: Option<u64>,
    usage: Usage,
    walls: Vec<f64>,
    note: Option<String>,
}

impl Row {
    fn cpu_s(&self) -> Option<f64> {
        Some(self.usage.user_s? + self.usage.sys_s?)
    }
    fn mb(&self) -> f64 {
        self.bytes as f64 / 1e6
    }
    fn mb_per_s(&self) -> f64 {
        self.mb() / self.usage.wall_s.max(1e-9)
    }
    fn files_per_s(&self) -> f64 {
        self.files as f64 / self.usage.wall_s.max(1e-9)
    }
    fn json(&self) -> Value {
        json!({
            "name": self.name,
            "command": self.command,
            "files": self.files,
            "bytes": self.bytes,
            "findings": self.findings,
            "wall_s": round(self.usage.wall_s),
            "walls_s": self.walls.iter().map(|w| round(*w)).collect::<Vec<_>>(),
            "user_s": self.usage.user_s,
            "sys_s": self.usage.sys_s,
            "cpu_s": self.cpu_s().map(round),
            "max_rss_mib": self.usage.max_rss_kib.map(|k| round(k as f64 / 1024.0)),
            "mb_per_s": round(self.mb_per_s()),
            "files_per_s": round(self.files_per_s()),
            "exit_code": self.usage.exit_code,
            "note": self.note,
        })
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

struct Ctx<'a> {
    root: &'a Path,
    mamori: &'a Path,
    meter: Meter,
    scratch: PathBuf,
}

impl Ctx<'_> {
    /// Run mamori `opts.runs` times (fastest reported); returns the row and the parsed
    /// JSON report of the fastest run.
    fn mamori(
        &self,
        name: &str,
        target: &Path,
        extra: &[&str],
        runs: usize,
    ) -> Result<(Row, Value), String> {
        let out = self.scratch.join("mamori.json");
        let mut args: Vec<String> = vec!["scan".into(), target.display().to_string()];
        args.extend(
            [
                "--format",
                "json",
                "--include-vendored",
                "--no-ignore",
                "--max-file-size",
                "1000000000",
                "--timeout",
                "0",
                "--fail-on",
                "none",
            ]
            .iter()
            .map(|s| (*s).to_string()),
        );
        args.extend(extra.iter().map(|s| (*s).to_string()));
        args.push("-o".into());
        args.push(out.display().to_string());
        let mut best: Option<(Usage, Value)> = None;
        let mut walls = Vec::new();
        for _ in 0..runs {
            let u = measure(
                self.meter,
                self.mamori,
                &args,
                self.root,
                &self.scratch,
                &[],
            )?;
            walls.push(u.wall_s);
            if best.as_ref().is_none_or(|(b, _)| u.wall_s < b.wall_s) {
                let report = read_json(&out)?;
                best = Some((u, report));
            }
        }
        let (usage, report) = best.ok_or("no run")?;
        let stats = &report["stats"];
        let row = Row {
            name: name.into(),
            command: format!("mamori {}", shorten(&args.join(" "), self.root)),
            files: stats["files_scanned"].as_u64().unwrap_or(0),
            bytes: stats["bytes_scanned"].as_u64().unwrap_or(0),
            findings: stats["findings"].as_u64(),
            usage,
            walls,
            note: None,
        };
        eprintln!("[bench]   {:<28} {:>8.2} s", row.name, row.usage.wall_s);
        Ok((row, report))
    }

    /// The built-in rules Semgrep can run, copied to the scratch folder: files that use
    /// mamori's own operators (`catalog:` references to the taint catalogue,
    /// `metavariable-formatted`) are left out, and unquoted
    /// `security-severity` numbers are quoted (Semgrep 1.x crashes on a YAML float there).
    /// Returns the folder, the rule files kept and the ones left out.
    fn semgrep_rules(&self) -> Result<(PathBuf, Vec<String>, Vec<String>), String> {
        let dir = self.scratch.join("semgrep-rules");
        let _ = std::fs::remove_dir_all(&dir);
        let rules = self.root.join("rules");
        let (mut kept, mut skipped) = (Vec::new(), Vec::new());
        for f in mamori_rules::rule_files(&rules) {
            let rel = f.strip_prefix(&rules).unwrap_or(&f);
            let name = crate::slash(rel);
            let text = std::fs::read_to_string(&f)
                .map_err(|e| format!("cannot read {}: {e}", f.display()))?;
            let mamori_only = text.lines().any(|l| {
                let t = l.trim_start().trim_start_matches("- ");
                t.starts_with("catalog:") || t.starts_with("metavariable-formatted:")
            });
            if mamori_only {
                skipped.push(name);
                continue;
            }
            let to = dir.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            let fixed: Vec<String> = text.lines().map(quote_security_severity).collect();
            std::fs::write(&to, fixed.join("\n") + "\n")
                .map_err(|e| format!("cannot write {}: {e}", to.display()))?;
            kept.push(name);
        }
        Ok((dir, kept, skipped))
    }

    fn semgrep(&self, target: &Path, rules: &Path, threads: usize) -> Result<Row, String> {
        let exe = which("semgrep").ok_or("semgrep is not on PATH")?;
        // An empty .semgrepignore replaces Semgrep's default ignore list (tests/, vendor/,
        // *.min.js, ...), so Semgrep reads the same files mamori does.
        let ignore = target.join(".semgrepignore");
        std::fs::write(
            &ignore,
            "# mamori bench: scan everything, like mamori --include-vendored\n",
        )
        .map_err(|e| format!("cannot write {}: {e}", ignore.display()))?;
        let out = self.scratch.join("semgrep.json");
        let args: Vec<String> = [
            "scan",
            "--config",
            &rules.display().to_string(),
            "--no-git-ignore",
            "--max-target-bytes",
            "0",
            "--metrics",
            "off",
            "--disable-version-check",
            "--timeout",
            "0",
            "--json",
            "--quiet",
            "-j",
            &threads.to_string(),
            "-o",
            &out.display().to_string(),
            ".",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        // Without network the version check alone waits ~100 s for a timeout.
        let usage = measure(
            self.meter,
            &exe,
            &args,
            target,
            &self.scratch,
            &[
                ("SEMGREP_ENABLE_VERSION_CHECK", "0"),
                ("SEMGREP_SEND_METRICS", "off"),
            ],
        )?;
        let report = read_json(&out).map_err(|e| format!("{e}\n{}", usage.stderr_tail))?;
        let scanned: Vec<PathBuf> = report["paths"]["scanned"]
            .as_array()
            .map(|v| {
                v.iter()
                    .filter_map(Value::as_str)
                    .map(|p| target.join(p))
                    .collect()
            })
            .unwrap_or_default();
        let errors = report["errors"].as_array().map_or(0, Vec::len);
        let row = Row {
            name: format!("semgrep -j {threads}"),
            command: format!(
                "(cd {}) semgrep {}",
                shorten(&target.display().to_string(), self.root),
                shorten(&args.join(" "), self.root)
            ),
            files: scanned.len() as u64,
            bytes: total_bytes(&scanned),
            findings: report["results"].as_array().map(|v| v.len() as u64),
            walls: vec![usage.wall_s],
            usage,
            note: (errors > 0).then(|| format!("{errors} semgrep errors (see its JSON `errors`)")),
        };
        eprintln!("[bench]   {:<28} {:>8.2} s", row.name, row.usage.wall_s);
        Ok(row)
    }

    fn bandit(&self, python_root: &Path) -> Result<Row, String> {
        let exe = which("bandit").ok_or("bandit is not on PATH")?;
        let out = self.scratch.join("bandit.json");
        let mut args: Vec<String> = vec!["-r".into()];
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(python_root)
            .map_err(|e| format!("cannot list {}: {e}", python_root.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        args.extend(dirs.iter().map(|d| d.display().to_string()));
        args.extend(
            ["-q", "-f", "json", "-o", &out.display().to_string()]
                .iter()
                .map(|s| (*s).to_string()),
        );
        let usage = measure(self.meter, &exe, &args, self.root, &self.scratch, &[])?;
        let report = read_json(&out).map_err(|e| format!("{e}\n{}", usage.stderr_tail))?;
        let files: Vec<PathBuf> = report["metrics"]
            .as_object()
            .map(|m| {
                m.keys()
                    .filter(|k| *k != "_totals")
                    .map(PathBuf::from)
                    .collect()
            })
            .unwrap_or_default();
        let errors = report["errors"].as_array().map_or(0, Vec::len);
        let row = Row {
            name: "bandit".into(),
            command: format!(
                "bandit -r {}/* -q -f json",
                shorten(&python_root.display().to_string(), self.root)
            ),
            files: files.len() as u64,
            bytes: total_bytes(&files),
            findings: report["results"].as_array().map(|v| v.len() as u64),
            walls: vec![usage.wall_s],
            usage,
            note: (errors > 0).then(|| format!("{errors} files Bandit could not parse")),
        };
        eprintln!("[bench]   {:<28} {:>8.2} s", row.name, row.usage.wall_s);
        Ok(row)
    }
}

impl Ctx<'_> {
    /// ast-grep with the 30 one-pattern rules of `benches/ast-grep/` on `target`, every
    /// file read (no ignore files), `threads` threads.
    fn ast_grep(&self, exe: &Path, target: &Path, threads: usize) -> Result<Row, String> {
        let config = self.root.join("benches/ast-grep/sgconfig.yml");
        let mut args: Vec<String> = vec![
            "scan".into(),
            "-c".into(),
            config.display().to_string(),
            "-j".into(),
            threads.to_string(),
            "--json=compact".into(),
        ];
        for kind in ["hidden", "dot", "exclude", "global", "parent", "vcs"] {
            args.push("--no-ignore".into());
            args.push(kind.into());
        }
        args.push(target.display().to_string());
        let usage = measure(self.meter, exe, &args, self.root, &self.scratch, &[])?;
        if usage.exit_code.is_some_and(|c| c > 1) {
            return Err(format!("ast-grep failed: {}", usage.stderr_tail));
        }
        let files = source_files(target, AST_GREP_EXTENSIONS);
        let row = Row {
            name: format!("ast-grep -j {threads} (30 rules)"),
            command: format!("ast-grep {}", shorten(&args.join(" "), self.root)),
            files: files.len() as u64,
            bytes: total_bytes(&files),
            findings: None,
            walls: vec![usage.wall_s],
            usage,
            note: Some("files: the sources of the languages its rules cover".into()),
        };
        eprintln!("[bench]   {:<28} {:>8.2} s", row.name, row.usage.wall_s);
        Ok(row)
    }
}

/// The file extensions ast-grep's bench rules read (Python, JavaScript, TypeScript, Rust).
const AST_GREP_EXTENSIONS: &[&str] = &[
    "py", "js", "jsx", "mjs", "cjs", "ts", "mts", "cts", "tsx", "rs",
];

/// Every file under `dir` with one of `exts`, hidden and ignored files included.
fn source_files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(Result::ok) {
            let Ok(ft) = e.file_type() else { continue };
            let p = e.path();
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file()
                && p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| exts.contains(&x))
            {
                out.push(p);
            }
        }
    }
    out
}

/// `security-severity: 9.0` → `security-severity: "9.0"`; other lines unchanged.
fn quote_security_severity(line: &str) -> String {
    let t = line.trim_start();
    if let Some(v) = t.strip_prefix("security-severity:") {
        let v = v.trim();
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            let indent = &line[..line.len() - t.len()];
            return format!("{indent}security-severity: \"{v}\"");
        }
    }
    line.to_string()
}

fn shorten(s: &str, root: &Path) -> String {
    let mut s = s.replace(&format!("{}/", root.display()), "");
    if let Some(home) = std::env::var_os("HOME") {
        s = s.replace(&home.to_string_lossy().into_owned(), "~");
    }
    s
}

fn read_json(p: &Path) -> Result<Value, String> {
    let text =
        std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", p.display()))
}

fn total_bytes(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// Whether `sg` is ast-grep (Debian's `sg` is the shadow-utils group command).
fn is_ast_grep(exe: &Path) -> bool {
    tool_version(&exe.display().to_string(), "--version").is_some_and(|v| v.starts_with("ast-grep"))
}

fn tool_version(exe: &str, arg: &str) -> Option<String> {
    let out = Command::new(exe).arg(arg).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().map(|l| l.trim().to_string())
}

fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|c| {
        c.lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_string())
    });
    let mem_gib = std::fs::read_to_string("/proc/meminfo").ok().and_then(|m| {
        m.lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|k| k.parse::<f64>().ok())
            .map(|k| round(k / 1024.0 / 1024.0))
    });
    json!({
        "cores": std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        "cpu": cpu,
        "memory_gib": mem_gib,
        "os": std::fs::read_to_string("/proc/sys/kernel/osrelease").ok().map(|s| s.trim().to_string()),
    })
}

fn git_rev(root: &Path) -> Option<String> {
    let out = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let rev = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .current_dir(root)
        .output()
        .ok()
        .is_some_and(|o| !o.stdout.is_empty());
    Some(if dirty { format!("{rev}+dirty") } else { rev })
}

fn ratio(a: Option<&Row>, b: Option<&Row>) -> Option<f64> {
    Some(round(a?.usage.wall_s / b?.usage.wall_s.max(1e-9)))
}

fn cpu_ratio(a: Option<&Row>, b: Option<&Row>) -> Option<f64> {
    Some(round(a?.cpu_s()? / b?.cpu_s()?.max(1e-9)))
}

/// Measure every configuration on the selected tiers.
///
/// # Errors
/// A mamori run fails or its report cannot be read.
pub fn run(root: &Path, layout: &Layout, mamori: &Path, opts: &Opts) -> Result<Value, String> {
    let meter = meter();
    let scratch = target_dir(root).join("bench/scratch");
    std::fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let cx = Ctx {
        root,
        mamori,
        meter,
        scratch,
    };
    let mut notes: Vec<String> = Vec::new();
    match meter {
        Meter::Time => {}
        Meter::Python => notes.push("/usr/bin/time missing: CPU and RSS from python3 resource.getrusage (install the `time` package for the usual meter)".into()),
        Meter::WallOnly => notes.push("neither /usr/bin/time nor python3: wall time only".into()),
    }
    let semgrep = if opts.compare { which("semgrep") } else { None };
    let bandit = if opts.compare { which("bandit") } else { None };
    let ast_grep = if opts.compare {
        which("ast-grep").or_else(|| which("sg").filter(|p| is_ast_grep(p)))
    } else {
        None
    };
    if opts.compare {
        if ast_grep.is_none() {
            notes.push(
                "ast-grep not on PATH: ast-grep comparison skipped (`npm i -g @ast-grep/cli` or `cargo install ast-grep`)".into(),
            );
        }
        if semgrep.is_none() {
            notes.push(
                "semgrep not on PATH: Semgrep comparison skipped (`pip install semgrep`)".into(),
            );
        }
        if bandit.is_none() {
            notes.push(
                "bandit not on PATH: Bandit comparison skipped (`pip install bandit`)".into(),
            );
        }
    } else {
        notes.push("--no-compare: Semgrep, Bandit and ast-grep not run".into());
    }
    let sg_rules = match &semgrep {
        Some(_) => match cx.semgrep_rules() {
            Ok(x) => Some(x),
            Err(e) => {
                notes.push(format!("cannot prepare rules for Semgrep: {e}"));
                None
            }
        },
        None => None,
    };
    if let Some((_, kept, skipped)) = &sg_rules
        && !skipped.is_empty()
    {
        notes.push(format!(
            "the Semgrep comparison runs {} of {} rule files (on both tools); left out because \
             they use mamori's taint catalogue or its `metavariable-formatted` operator, which \
             Semgrep cannot read: {}",
            kept.len(),
            kept.len() + skipped.len(),
            skipped.join(", ")
        ));
    }
    let n = opts.threads;
    let tiers: Vec<(&str, &Path)> = if opts.full {
        vec![
            ("mid", layout.mid.as_path()),
            ("full", layout.full.as_path()),
        ]
    } else {
        vec![("mid", layout.mid.as_path())]
    };
    let mut tier_json = serde_json::Map::new();
    let mut per_mb: Vec<(String, f64)> = Vec::new();
    let mut tables = String::new();
    for (tier, dir) in &tiers {
        eprintln!("[bench] tier {tier}: {}", dir.display());
        let jn = format!("{n}");
        let mut rows: Vec<Row> = Vec::new();
        let (floor1, _) = cx.mamori(
            "floor (parse-only) -j 1",
            dir,
            &["--parse-only", "-j", "1"],
            opts.runs,
        )?;
        let (floor_n, _) = cx.mamori(
            &format!("floor (parse-only) -j {n}"),
            dir,
            &["--parse-only", "-j", &jn],
            opts.runs,
        )?;
        let (m1, _) = cx.mamori("mamori -j 1", dir, &["-j", "1"], opts.runs)?;
        let (mn, _) = cx.mamori(&format!("mamori -j {n}"), dir, &["-j", &jn], opts.runs)?;
        // What taint analysis costs: the same scan without the data-flow rules.
        let (no_taint, _) = cx.mamori(
            &format!("mamori --exclude-rule mode:taint -j {n}"),
            dir,
            &["--exclude-rule", "mode:taint", "-j", &jn],
            opts.runs,
        )?;
        let (audit, _) = cx.mamori(
            &format!("mamori --profile audit -j {n}"),
            dir,
            &["--profile", "audit", "-j", &jn],
            opts.runs,
        )?;
        let (_, timed) = cx.mamori(
            &format!("(timings) mamori -j {n}"),
            dir,
            &["--timings", "-j", &jn],
            1,
        )?;
        rows.extend([
            floor1.clone(),
            floor_n.clone(),
            m1.clone(),
            mn.clone(),
            no_taint.clone(),
            audit,
        ]);
        per_mb.push(((*tier).to_string(), mn.usage.wall_s / mn.mb().max(1e-9)));
        let (mut sg_mamori, mut sg_row) = (None, None);
        if let Some((rules_dir, ..)) = &sg_rules {
            let cfg = rules_dir.display().to_string();
            match cx.mamori(
                &format!("mamori -j {n} (semgrep's rules)"),
                dir,
                &[
                    "--config",
                    &cfg,
                    "--profile",
                    "audit",
                    "-j",
                    &jn,
                    // Semgrep does not read these TypeScript extensions.
                    "--exclude",
                    "*.cts",
                    "--exclude",
                    "*.mts",
                ],
                opts.runs,
            ) {
                Ok((r, _)) => sg_mamori = Some(r),
                Err(e) => notes.push(format!("{tier}: mamori with Semgrep's rules failed: {e}")),
            }
            match cx.semgrep(dir, rules_dir, n) {
                Ok(r) => sg_row = Some(r),
                Err(e) => notes.push(format!("{tier}: semgrep failed: {e}")),
            }
        }
        let mut py_rows = (None, None);
        if bandit.is_some() {
            let py = dir.join("python");
            match cx.mamori(
                "mamori -j 1 (*.py only)",
                &py,
                &["-j", "1", "--include", "*.py"],
                opts.runs,
            ) {
                Ok((r, _)) => py_rows.0 = Some(r),
                Err(e) => notes.push(format!("{tier}: mamori on python failed: {e}")),
            }
            match cx.bandit(&py) {
                Ok(r) => py_rows.1 = Some(r),
                Err(e) => notes.push(format!("{tier}: bandit failed: {e}")),
            }
        }
        let mut ag_row = None;
        if let Some(exe) = &ast_grep {
            match cx.ast_grep(exe, dir, n) {
                Ok(r) => ag_row = Some(r),
                Err(e) => notes.push(format!("{tier}: ast-grep failed: {e}")),
            }
        }
        rows.extend(ag_row.iter().cloned());
        rows.extend(sg_mamori.iter().cloned());
        rows.extend(sg_row.iter().cloned());
        rows.extend(py_rows.0.iter().cloned());
        rows.extend(py_rows.1.iter().cloned());
        let ratios = json!({
            "mamori_vs_floor_1_thread": ratio(Some(&m1), Some(&floor1)),
            "mamori_vs_floor_n_threads": ratio(Some(&mn), Some(&floor_n)),
            "speedup_n_threads_vs_1": ratio(Some(&m1), Some(&mn)),
            "with_taint_vs_pattern_only_n_threads": ratio(Some(&mn), Some(&no_taint)),
            "with_taint_vs_pattern_only_cpu": cpu_ratio(Some(&mn), Some(&no_taint)),
            "mamori_cpu_vs_floor_1_thread": cpu_ratio(Some(&m1), Some(&floor1)),
            "ast_grep_30_rules_wall_vs_mamori_n_threads": ratio(ag_row.as_ref(), Some(&mn)),
            "ast_grep_30_rules_cpu_vs_mamori_n_threads": cpu_ratio(ag_row.as_ref(), Some(&mn)),
            "semgrep_wall_vs_mamori_same_rules": ratio(sg_row.as_ref(), sg_mamori.as_ref()),
            "semgrep_cpu_vs_mamori_same_rules": cpu_ratio(sg_row.as_ref(), sg_mamori.as_ref()),
            "bandit_wall_vs_mamori_python_1_thread": ratio(py_rows.1.as_ref(), py_rows.0.as_ref()),
            "bandit_cpu_vs_mamori_python_1_thread": cpu_ratio(py_rows.1.as_ref(), py_rows.0.as_ref()),
        });
        let _ = writeln!(tables, "\n== tier {tier} ({}) ==", dir.display());
        tables.push_str(&table(&rows));
        let _ = writeln!(
            tables,
            "ratios: {}",
            serde_json::to_string(&ratios).unwrap_or_default()
        );
        tier_json.insert(
            (*tier).to_string(),
            json!({
                "dir": dir.display().to_string(),
                "results": rows.iter().map(Row::json).collect::<Vec<_>>(),
                "ratios": ratios,
                "timings": timings_summary(&timed),
            }),
        );
    }
    let linearity = match per_mb.as_slice() {
        [(_, mid), (_, full)] => Some(round(full / mid.max(1e-9))),
        _ => None,
    };
    print!("{tables}");
    if let Some(l) = linearity {
        println!("linearity (full s/MB ÷ mid s/MB, mamori -j {n}): {l}");
    }
    for note in &notes {
        println!("note: {note}");
    }
    Ok(json!({
        "schema": 1,
        "machine": machine(),
        "mamori": { "binary": shorten(&mamori.display().to_string(), root), "git": git_rev(root) },
        "tools": {
            "semgrep": semgrep.as_ref().and_then(|p| tool_version(&p.display().to_string(), "--version")),
            "bandit": bandit.as_ref().and_then(|p| tool_version(&p.display().to_string(), "--version")),
            "ast_grep": ast_grep.as_ref().and_then(|p| tool_version(&p.display().to_string(), "--version")),
            "meter": format!("{meter:?}"),
        },
        "threads": n,
        "runs": opts.runs,
        "tiers": tier_json,
        "linearity_full_vs_mid": linearity,
        "notes": notes,
    }))
}

/// Phase totals and the slowest rules of a `--timings` report.
fn timings_summary(report: &Value) -> Value {
    let t = &report["timings"];
    let mut rules: Vec<(String, f64)> = t["rules"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_f64().unwrap_or(0.0)))
                .collect()
        })
        .unwrap_or_default();
    rules.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rules.truncate(10);
    json!({
        "phases_ms": t["phases"],
        "slowest_rules_ms": rules.into_iter().map(|(k, v)| json!([k, round(v)])).collect::<Vec<_>>(),
        "slowest_files_ms": t["slowest_files"],
    })
}

fn fmt_opt(v: Option<f64>, prec: usize) -> String {
    v.map_or_else(|| "-".to_string(), |x| format!("{x:.prec$}"))
}

fn table(rows: &[Row]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<30} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9}",
        "config", "files", "MB", "wall s", "CPU s", "RSS MiB", "MB/s", "files/s", "findings"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{:<30} {:>7} {:>8.1} {:>8.2} {:>8} {:>8} {:>8.2} {:>9.0} {:>9}",
            r.name,
            r.files,
            r.mb(),
            r.usage.wall_s,
            fmt_opt(r.cpu_s(), 2),
            fmt_opt(r.usage.max_rss_kib.map(|k| k as f64 / 1024.0), 0),
            r.mb_per_s(),
            r.files_per_s(),
            r.findings.map_or_else(|| "-".into(), |f| f.to_string()),
        );
        if let Some(n) = &r.note {
            let _ = writeln!(s, "{:<30} note: {n}", "");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let root = Path::new("/r");
        let o = parse_opts(
            root,
            &[
                "--tier".into(),
                "full".into(),
                "-j".into(),
                "3".into(),
                "--no-compare".into(),
            ],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(o.full && !o.compare);
        assert_eq!(o.threads, 3);
        assert_eq!(o.out, Path::new("/r/target/bench/results.json"));
        assert!(parse_opts(root, &["--tier".into(), "huge".into()]).is_err());
        assert!(parse_opts(root, &["--threads".into()]).is_err());
    }

    #[test]
    fn severity_is_quoted_for_semgrep() {
        assert_eq!(
            quote_security_severity("      security-severity: 9.0"),
            "      security-severity: \"9.0\""
        );
        assert_eq!(
            quote_security_severity("  security-severity: \"9.0\""),
            "  security-severity: \"9.0\""
        );
        assert_eq!(quote_security_severity("x: 1"), "x: 1");
    }
}
