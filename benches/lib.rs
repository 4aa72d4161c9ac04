//! Shared helpers for mamori's Criterion benches: the pinned sample corpus under
//! `benches/corpus/` (see its README for sources and licences).

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::Criterion;
use mamori_lang::Language;

/// One sample file, read into memory.
pub struct Sample {
    pub name: String,
    pub lang: Language,
    pub src: Vec<u8>,
}

/// `benches/corpus`.
#[must_use]
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every source file of the sample corpus, sorted by path.
///
/// # Panics
/// If the corpus folder cannot be read (the benches cannot run without it).
#[must_use]
pub fn samples() -> Vec<Sample> {
    let mut paths = Vec::new();
    let mut stack = vec![corpus_dir()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for e in entries.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if Language::from_path(&p).is_some() {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let lang = Language::from_path(&p)?;
            let src =
                std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            let name = p
                .strip_prefix(corpus_dir())
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            Some(Sample { name, lang, src })
        })
        .collect()
}

/// The samples grouped by language, in `Language::ALL` order, skipping empty groups.
#[must_use]
pub fn by_language(samples: &[Sample]) -> Vec<(Language, Vec<&Sample>)> {
    Language::ALL
        .iter()
        .map(|l| {
            (
                *l,
                samples.iter().filter(|s| s.lang == *l).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// Total bytes of some samples.
#[must_use]
pub fn bytes(samples: &[&Sample]) -> u64 {
    samples.iter().map(|s| s.src.len() as u64).sum()
}

/// Short Criterion settings so every bench binary finishes well under a minute.
#[must_use]
pub fn quick() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}
