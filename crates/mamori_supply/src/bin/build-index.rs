//! Builds the offline registry index shipped in `crates/mamori_supply/data/index/` from the
//! package-name snapshots (`pypi-names-YYYY-MM.tsv.gz`, `npm-names-YYYY-MM.tsv.gz`).
//!
//! ```text
//! cargo run -p mamori_supply --bin build-index -- \
//!     --pypi ../shared/data/pypi-names-2026-11.tsv.gz \
//!     --npm  ../shared/data/npm-names-2026-11.tsv.gz \
//!     --out  crates/mamori_supply/data/index
//! ```
//!
//! The output is a pure function of the input files (sorted keys, no timestamps), so running
//! it twice gives byte-identical files. `.gz` inputs are read through `gzip -dc`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use mamori_supply::index::{NameSet, downloads_bucket};
use mamori_supply::names::pep503;

/// How many of the most downloaded npm names go to the typosquat reference list (all
/// ranked PyPI names, 15,000, are kept).
const TOP: usize = 5000;

fn open(path: &Path) -> Result<Box<dyn Read>, String> {
    if path.extension().is_some_and(|e| e == "gz") {
        let child = Command::new("gzip")
            .arg("-dc")
            .arg(path)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run gzip for {}: {e}", path.display()))?;
        let out = child.stdout.ok_or("gzip gave no output")?;
        Ok(Box::new(out))
    } else {
        let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Box::new(f))
    }
}

/// Reads `name<TAB>number` lines after a header; an empty number is 0.
fn read_tsv(path: &Path, normalize: bool) -> Result<BTreeMap<String, u64>, String> {
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    let reader = BufReader::new(open(path)?);
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
        if i == 0 || line.is_empty() {
            continue;
        }
        let (name, num) = line.split_once('\t').unwrap_or((line.as_str(), ""));
        let name = if normalize {
            pep503(name)
        } else {
            name.trim().to_string()
        };
        if name.is_empty() {
            continue;
        }
        let num: u64 = num.trim().parse().unwrap_or(0);
        let slot = out.entry(name).or_insert(num);
        // Keep the better value for names that normalize together (rank: lowest non-zero).
        if normalize {
            if num != 0 && (*slot == 0 || num < *slot) {
                *slot = num;
            }
        } else if num > *slot {
            *slot = num;
        }
    }
    Ok(out)
}

fn write_names(
    path: &Path,
    map: &BTreeMap<String, u64>,
    value: Option<fn(u64) -> u8>,
) -> Result<u64, String> {
    let pairs: Vec<(String, u8)> = map
        .iter()
        .map(|(k, v)| (k.clone(), value.map_or(0, |f| f(*v))))
        .collect();
    let bytes = NameSet::encode(&pairs, value.is_some());
    std::fs::write(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes.len() as u64)
}

fn run() -> Result<(), String> {
    let mut pypi = None;
    let mut npm = None;
    let mut out = PathBuf::from("crates/mamori_supply/data/index");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--pypi" => pypi = Some(PathBuf::from(val()?)),
            "--npm" => npm = Some(PathBuf::from(val()?)),
            "--out" => out = PathBuf::from(val()?),
            _ => return Err(format!("unknown argument `{a}`")),
        }
    }
    let pypi = pypi.ok_or("--pypi <pypi-names-YYYY-MM.tsv.gz> is required")?;
    let npm = npm.ok_or("--npm <npm-names-YYYY-MM.tsv.gz> is required")?;
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;

    let py = read_tsv(&pypi, true)?;
    let js = read_tsv(&npm, false)?;
    let py_size = write_names(&out.join("pypi.names"), &py, None)?;
    let js_size = write_names(&out.join("npm.names"), &js, Some(downloads_bucket))?;

    let mut top_py: Vec<(&String, u64)> = py
        .iter()
        .filter(|(_, r)| **r > 0)
        .map(|(n, r)| (n, *r))
        .collect();
    top_py.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    let mut top_js: Vec<(&String, u64)> = js.iter().map(|(n, d)| (n, *d)).collect();
    top_js.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    top_js.truncate(TOP);
    let fmt = |v: &[(&String, u64)]| {
        let mut s = String::new();
        for (n, x) in v {
            s.push_str(n);
            s.push('\t');
            s.push_str(&x.to_string());
            s.push('\n');
        }
        s
    };
    std::fs::write(out.join("pypi-ranked.tsv"), fmt(&top_py)).map_err(|e| e.to_string())?;
    std::fs::write(out.join("npm-top.tsv"), fmt(&top_js)).map_err(|e| e.to_string())?;

    let stem = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .map(|n| {
                n.trim_end_matches(".gz")
                    .trim_end_matches(".tsv")
                    .to_string()
            })
            .unwrap_or_default()
    };
    let snapshot = |p: &Path| {
        let s = stem(p);
        // `pypi-names-2026-11` → `2026-11`
        s.rsplitn(3, '-')
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("-")
    };
    let meta = format!(
        "pypi\t{}\t{}\t{}\nnpm\t{}\t{}\t{}\n",
        snapshot(&pypi),
        stem(&pypi),
        py.len(),
        snapshot(&npm),
        stem(&npm),
        js.len()
    );
    std::fs::write(out.join("SNAPSHOT"), &meta).map_err(|e| e.to_string())?;
    println!(
        "pypi: {} names, {py_size} bytes; npm: {} names, {js_size} bytes → {}",
        py.len(),
        js.len(),
        out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build-index: {e}");
            ExitCode::FAILURE
        }
    }
}
