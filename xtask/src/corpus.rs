//! The pinned real-world benchmark corpus. Built by the shared `make_corpus.sh` when it is
//! present beside the checkout (`../shared/tools/make_corpus.sh`), otherwise by the port
//! below, which downloads the same pins the same way (pip download, npm pack,
//! cargo vendor) into the same layout:
//!
//! ```text
//! $MAMORI_BENCH_DIR/full/{python,js,rust}/<pkg>-<ver>/   the full tier
//! $MAMORI_BENCH_DIR/mid/{python,js,rust}/<pkg>-<ver>/    mid tier (hard links into full)
//! $MAMORI_BENCH_DIR/dl/{pypi,npm,crates}/                downloaded archives (cache)
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

/// PyPI sdists (`name`, `version`).
pub const PY_PKGS: &[(&str, &str)] = &[
    ("django", "6.1.3"),
    ("sqlalchemy", "2.1.9"),
    ("ansible-core", "2.21.5"),
    ("fastapi", "0.163.2"),
    ("langchain-core", "1.8.1"),
    ("flask", "3.1.3"),
    ("requests", "2.34.2"),
];

/// npm tarballs (`name`, `version`).
pub const JS_PKGS: &[(&str, &str)] = &[
    ("effect", "4.1.0"),
    ("typeorm", "1.1.1"),
    ("react-dom", "19.3.1"),
    ("zod", "4.6.7"),
    ("eslint", "10.15.0"),
    ("vue", "3.5.45"),
    ("rxjs", "7.8.2"),
    ("lodash", "4.17.21"),
    ("axios", "1.21.1"),
    ("express", "5.3.0"),
];

/// crates.io crates (`name`, `version`), vendored with `cargo vendor`.
pub const RS_CRATES: &[(&str, &str)] = &[
    ("tokio", "1.54.1"),
    ("libc", "0.2.191"),
    ("cranelift-codegen", "0.135.8"),
    ("sqlparser", "0.64.0"),
    ("regex-automata", "0.4.19"),
    ("object", "0.40.0"),
    ("syn", "3.0.10"),
    ("rustix", "1.1.6"),
    ("gimli", "0.34.0"),
    ("rustls", "0.23.46"),
    ("regex-syntax", "0.8.12"),
    ("nix", "0.31.3"),
    ("wasmparser", "0.263.0"),
    ("chrono", "0.4.45"),
    ("tracing-subscriber", "0.3.23"),
    ("clap_builder", "4.6.7"),
    ("futures-util", "0.3.34"),
    ("h2", "0.4.20"),
    ("aho-corasick", "1.1.5"),
    ("hyper", "1.12.0"),
    ("serde_json", "1.0.154"),
    ("reqwest", "0.13.5"),
    ("toml_edit", "0.25.18"),
    ("memchr", "2.8.3"),
    ("mio", "1.2.5"),
    ("bytes", "1.12.2"),
    ("rayon-core", "1.13.0"),
    ("regex", "1.13.2"),
    ("serde", "1.0.229"),
    ("tree-sitter", "0.27.1"),
];

/// Mid tier (~20 MB of source): folder names under `full/<lang>/`.
pub const MID_PY: &[&str] = &["flask-3.1.3", "requests-2.34.2", "fastapi-0.163.2"];
pub const MID_JS: &[&str] = &[
    "express-5.3.0",
    "lodash-4.17.21",
    "axios-1.21.1",
    "zod-4.6.7",
];
pub const MID_RS: &[&str] = &[
    "tokio-1.54.1",
    "serde-1.0.229",
    "serde_json-1.0.154",
    "regex-1.13.2",
    "hyper-1.12.0",
];

/// Where the corpus tiers and the download cache live.
#[derive(Debug, Clone)]
pub struct Layout {
    pub full: PathBuf,
    pub mid: PathBuf,
    pub dl: PathBuf,
}

impl Layout {
    /// `$MAMORI_BENCH_DIR`, else `$HOME/.cache/mamori-bench`.
    #[must_use]
    pub fn from_env() -> Self {
        let base = std::env::var_os("MAMORI_BENCH_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/mamori-bench"))
            })
            .unwrap_or_else(|| std::env::temp_dir().join("mamori-bench"));
        Self::at(&base)
    }

    #[must_use]
    pub fn at(base: &Path) -> Self {
        Self {
            full: base.join("full"),
            mid: base.join("mid"),
            dl: base.join("dl"),
        }
    }
}

/// The shared corpus script, when this checkout sits beside `shared/`.
#[must_use]
pub fn shared_script(root: &Path) -> Option<PathBuf> {
    let p = root.join("../shared/tools/make_corpus.sh");
    p.is_file().then_some(p)
}

/// Build (or top up) both tiers.
///
/// # Errors
/// A download or extraction fails.
pub fn build(root: &Path, layout: &Layout) -> Result<(), String> {
    if let Some(script) = shared_script(root) {
        eprintln!("[bench] building the corpus with {}", script.display());
        let status = Command::new("bash")
            .arg(&script)
            .env("CORPUS", &layout.full)
            .env("MID", &layout.mid)
            .env("DL", &layout.dl)
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
        return if status.success() {
            Ok(())
        } else {
            Err(format!("{} failed ({status})", script.display()))
        };
    }
    eprintln!("[bench] ../shared/tools/make_corpus.sh not found; using xtask's port of it");
    port(layout)
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let what = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn mkdirs(dirs: &[PathBuf]) -> Result<(), String> {
    for d in dirs {
        std::fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    Ok(())
}

fn untar(archive: &Path, dest: &Path) -> Result<(), String> {
    if dest.is_dir() {
        return Ok(());
    }
    mkdirs(&[dest.to_path_buf()])?;
    run(Command::new("tar")
        .arg("xzf")
        .arg(archive)
        .arg("-C")
        .arg(dest)
        .arg("--strip-components=1"))
}

fn find_file(dir: &Path, pred: impl Fn(&str) -> bool) -> Option<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| pred(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    v.sort();
    v.into_iter().next()
}

/// The port of `make_corpus.sh` (same pins, same tools, same layout; no size report).
///
/// # Errors
/// A download, vendor or extraction step fails.
pub fn port(layout: &Layout) -> Result<(), String> {
    let Layout { full, mid, dl } = layout;
    mkdirs(&[
        full.join("python"),
        full.join("js"),
        full.join("rust"),
        dl.join("pypi"),
        dl.join("npm"),
        dl.join("crates"),
        mid.join("python"),
        mid.join("js"),
        mid.join("rust"),
    ])?;
    // Python sdists.
    for (name, ver) in PY_PKGS {
        let norm = name.replace('-', "_");
        let matches = |f: &str| {
            let f = f.to_ascii_lowercase();
            f == format!("{name}-{ver}.tar.gz") || f == format!("{norm}-{ver}.tar.gz")
        };
        let pypi = dl.join("pypi");
        let arch = match find_file(&pypi, matches) {
            Some(a) => a,
            None => {
                eprintln!("[bench] pip download {name}=={ver}");
                run(Command::new("pip")
                    .args(["download", "-q", "--no-deps", "--no-binary", ":all:"])
                    .args(["--python-version", "3.13", "-d"])
                    .arg(&pypi)
                    .arg(format!("{name}=={ver}")))?;
                find_file(&pypi, matches)
                    .ok_or_else(|| format!("pip download {name}=={ver} left no sdist"))?
            }
        };
        untar(&arch, &full.join("python").join(format!("{name}-{ver}")))?;
    }
    // npm tarballs.
    for (name, ver) in JS_PKGS {
        let flat = name.trim_start_matches('@').replace('/', "-");
        let file = dl.join("npm").join(format!("{flat}-{ver}.tgz"));
        if !file.is_file() {
            eprintln!("[bench] npm pack {name}@{ver}");
            run(Command::new("npm")
                .args(["pack", "--silent", &format!("{name}@{ver}")])
                .current_dir(dl.join("npm"))
                .stdout(std::process::Stdio::null()))?;
        }
        untar(&file, &full.join("js").join(format!("{flat}-{ver}")))?;
    }
    // Rust crates.
    if RS_CRATES
        .iter()
        .any(|(n, v)| !full.join("rust").join(format!("{n}-{v}")).is_dir())
    {
        vendor_crates(layout)?;
    }
    remove_checksums(&full.join("rust"));
    // Mid tier: hard links into the full tier.
    for (lang, dirs) in [("python", MID_PY), ("js", MID_JS), ("rust", MID_RS)] {
        for d in dirs {
            let to = mid.join(lang).join(d);
            if !to.is_dir() {
                run(Command::new("cp")
                    .arg("-al")
                    .arg(full.join(lang).join(d))
                    .arg(&to))?;
            }
        }
    }
    write_manifest(layout)
}

fn vendor_crates(layout: &Layout) -> Result<(), String> {
    let tmp = std::env::temp_dir().join(format!("mamori-corpus-vendor-{}", std::process::id()));
    mkdirs(&[tmp.join("src")])?;
    eprintln!("[bench] cargo vendor (temp project {})", tmp.display());
    let mut manifest = String::from(
        "[package]\nname = \"corpus-vendor\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n",
    );
    for (n, v) in RS_CRATES {
        manifest.push_str(&format!("{n} = \"={v}\"\n"));
    }
    let write = |p: PathBuf, s: &str| {
        std::fs::write(&p, s).map_err(|e| format!("cannot write {}: {e}", p.display()))
    };
    write(tmp.join("Cargo.toml"), &manifest)?;
    write(tmp.join("src/main.rs"), "fn main() {}\n")?;
    let result = (|| {
        run(Command::new("cargo")
            .args(["vendor", "-q", "--versioned-dirs", "vendor"])
            .env("CARGO_TARGET_DIR", tmp.join("target"))
            .current_dir(&tmp)
            .stdout(std::process::Stdio::null()))?;
        for (n, v) in RS_CRATES {
            let name = format!("{n}-{v}");
            let src = find_file(&tmp.join("vendor"), |f| {
                f == name || f.starts_with(&format!("{name}+"))
            })
            .ok_or_else(|| format!("missing vendored crate {n} {v}"))?;
            let dest = layout.full.join("rust").join(&name);
            let _ = std::fs::remove_dir_all(&dest);
            run(Command::new("cp").arg("-r").arg(&src).arg(&dest))?;
        }
        // Keep the .crate files for the manifest.
        if let Some(home) = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        {
            let cache = home.join("registry/cache");
            for reg in std::fs::read_dir(&cache)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
            {
                for (n, v) in RS_CRATES {
                    let f = reg.path().join(format!("{n}-{v}.crate"));
                    if f.is_file() {
                        let _ = std::fs::copy(
                            &f,
                            layout.dl.join("crates").join(format!("{n}-{v}.crate")),
                        );
                    }
                }
            }
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

/// `cargo vendor` leaves `.cargo-checksum.json` in each crate; it is not source.
fn remove_checksums(rust_dir: &Path) {
    for e in std::fs::read_dir(rust_dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
    {
        let _ = std::fs::remove_file(e.path().join(".cargo-checksum.json"));
    }
}

fn write_manifest(layout: &Layout) -> Result<(), String> {
    let mut files = Vec::new();
    for sub in ["crates", "npm", "pypi"] {
        for e in std::fs::read_dir(layout.dl.join(sub))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
        {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tar.gz") || name.ends_with(".tgz") || name.ends_with(".crate") {
                files.push(format!("./{sub}/{name}"));
            }
        }
    }
    files.sort();
    let out = Command::new("sha256sum")
        .args(&files)
        .current_dir(&layout.dl)
        .output()
        .map_err(|e| format!("cannot run sha256sum: {e}"))?;
    let path = layout.full.join("MANIFEST.sha256");
    std::fs::write(&path, out.stdout).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The pins of `make_corpus.sh` (bash arrays `PY_PKGS`, `JS_PKGS`, `RS_CRATES`, `MID_*`),
/// parsed from its text; used to keep the port in sync with the script.
#[must_use]
pub fn script_array(script: &str, name: &str) -> Vec<String> {
    let Some(start) = script.find(&format!("{name}=(")) else {
        return Vec::new();
    };
    let rest = &script[start + name.len() + 2..];
    let end = rest.find(')').unwrap_or(rest.len());
    rest[..end].split_whitespace().map(str::to_string).collect()
}
