//! A time-bounded mutation fuzzer for the targets of `mamori_fuzz`, on stable Rust.
//!
//! ```text
//! fuzz_smoke [--seconds N] [--seed S] [--target NAME]... [--corpus DIR] [--artifacts DIR]
//! fuzz_smoke --run TARGET FILE...        # replay inputs (crash triage, regressions)
//! ```
//!
//! Each target first runs every seed of `corpus/<target>/`, then mutated inputs until its
//! share of `--seconds` (default 60) is used. A panic or an input slower than 10 s is a
//! failure: the input is saved under `artifacts/<target>/` and the exit status is 1. Before
//! each input runs it is written to `artifacts/<target>/current`, so a crash that kills the
//! process (a stack overflow) leaves its reproducer behind.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mamori_fuzz::{Rng, TARGETS, Target, fnv1a, load_corpus, mutate};

/// An input slower than this is reported (the scan targets have a 2 s budget).
const SLOW: Duration = Duration::from_secs(10);

struct Args {
    seconds: f64,
    seed: u64,
    targets: Vec<String>,
    corpus: PathBuf,
    artifacts: PathBuf,
    run: Option<(String, Vec<PathBuf>)>,
}

fn parse_args() -> Result<Args, String> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut a = Args {
        seconds: 60.0,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        targets: Vec::new(),
        corpus: here.join("corpus"),
        artifacts: here.join("artifacts"),
        run: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--seconds" => {
                a.seconds = value("--seconds")?
                    .parse()
                    .map_err(|e| format!("--seconds: {e}"))?;
            }
            "--seed" => {
                a.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?;
            }
            "--target" => a.targets.push(value("--target")?),
            "--corpus" => a.corpus = PathBuf::from(value("--corpus")?),
            "--artifacts" => a.artifacts = PathBuf::from(value("--artifacts")?),
            "--run" => {
                let target = value("--run")?;
                let files = it.by_ref().map(PathBuf::from).collect();
                a.run = Some((target, files));
            }
            "-h" | "--help" => {
                return Err(
                    "usage: fuzz_smoke [--seconds N] [--seed S] [--target NAME]... [--corpus DIR] [--artifacts DIR]\n       fuzz_smoke --run TARGET FILE..."
                        .into(),
                );
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    for t in &a.targets {
        if !TARGETS.iter().any(|(n, _)| n == t) {
            return Err(format!("unknown target `{t}`"));
        }
    }
    Ok(a)
}

/// Outcome of one input.
enum Outcome {
    Ok(Duration),
    Panic(String),
}

fn run_one(f: Target, input: &[u8]) -> Outcome {
    let t = Instant::now();
    match catch_unwind(AssertUnwindSafe(|| f(input))) {
        Ok(()) => Outcome::Ok(t.elapsed()),
        Err(p) => Outcome::Panic(
            p.downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic".into()),
        ),
    }
}

fn save(dir: &Path, kind: &str, input: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let p = dir.join(format!("{kind}-{:016x}", fnv1a(input)));
    let _ = std::fs::write(&p, input);
    p
}

#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // Panics are expected to be caught and reported here, not printed by the hook.
    std::panic::set_hook(Box::new(|_| {}));

    if let Some((target, files)) = &args.run {
        let Some((_, f)) = TARGETS.iter().find(|(n, _)| n == target) else {
            eprintln!("unknown target `{target}`");
            return ExitCode::from(2);
        };
        let mut failed = 0;
        for file in files {
            let Ok(input) = std::fs::read(file) else {
                eprintln!("cannot read {}", file.display());
                failed += 1;
                continue;
            };
            match run_one(*f, &input) {
                Outcome::Ok(d) => println!("{}: ok in {d:.2?}", file.display()),
                Outcome::Panic(m) => {
                    println!("{}: PANIC {m}", file.display());
                    failed += 1;
                }
            }
        }
        println!("replay: {} passed, {failed} failed", files.len() - failed);
        return if failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }

    let chosen: Vec<&(&str, Target)> = TARGETS
        .iter()
        .filter(|(n, _)| args.targets.is_empty() || args.targets.iter().any(|t| t == n))
        .collect();
    println!(
        "fuzz smoke: {} target(s), {:.0} s, seed {}",
        chosen.len(),
        args.seconds,
        args.seed
    );
    let share = Duration::from_secs_f64(args.seconds.max(0.0) / chosen.len().max(1) as f64);
    let mut rng = Rng::new(args.seed);
    let (mut passed, mut failed) = (0usize, 0usize);
    for (name, f) in chosen {
        let corpus = load_corpus(&args.corpus.join(name));
        let artifacts = args.artifacts.join(name);
        let _ = std::fs::create_dir_all(&artifacts);
        let current = artifacts.join("current");
        let started = Instant::now();
        let mut execs = 0u64;
        let mut slowest = Duration::ZERO;
        let mut problems: Vec<String> = Vec::new();
        let mut check = |input: &[u8], problems: &mut Vec<String>| {
            let _ = std::fs::write(&current, input);
            execs += 1;
            match run_one(*f, input) {
                Outcome::Ok(d) => {
                    slowest = slowest.max(d);
                    if d > SLOW {
                        let p = save(&artifacts, "slow", input);
                        problems.push(format!("slow ({d:.1?}): {}", p.display()));
                    }
                }
                Outcome::Panic(m) => {
                    let p = save(&artifacts, "crash", input);
                    problems.push(format!("panic `{m}`: {}", p.display()));
                }
            }
        };
        for (_, seed) in &corpus {
            check(seed, &mut problems);
        }
        let seeds: Vec<&[u8]> = corpus.iter().map(|(_, b)| b.as_slice()).collect();
        let empty: &[u8] = b"";
        let mut last: Vec<u8> = Vec::new();
        while started.elapsed() < share && problems.len() < 10 {
            let base = if !last.is_empty() && rng.below(3) == 0 {
                last.clone()
            } else if seeds.is_empty() {
                Vec::new()
            } else {
                seeds[rng.below(seeds.len())].to_vec()
            };
            let other = if seeds.is_empty() {
                empty
            } else {
                seeds[rng.below(seeds.len())]
            };
            let input = mutate(&base, other, &mut rng);
            check(&input, &mut problems);
            last = input;
        }
        let _ = std::fs::remove_file(&current);
        println!(
            "{name}: {} seeds, {execs} inputs in {:.1?}, slowest {slowest:.2?}, {} problem(s)",
            corpus.len(),
            started.elapsed(),
            problems.len()
        );
        for p in &problems {
            println!("  {p}");
        }
        if problems.is_empty() {
            passed += 1;
        } else {
            failed += 1;
        }
    }
    println!("fuzz smoke: {passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
