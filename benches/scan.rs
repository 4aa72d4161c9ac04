//! End-to-end `mamori_engine::scan` of the pinned sample (`benches/corpus`): discovery,
//! read, prefilter, parse, match and findings, with the built-in rules (default profile).

use std::hint::black_box;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use mamori_benchmark::{corpus_dir, quick, samples};
use mamori_engine::ScanOptions;
use mamori_rules::Profile;

fn scan(c: &mut Criterion) {
    let rules = mamori_rules::builtin()
        .unwrap_or_else(|e| {
            panic!(
                "built-in rules do not compile: {:?}",
                e.iter().map(|x| &x.message).collect::<Vec<_>>()
            )
        })
        .for_profile(Profile::Default);
    let total: u64 = samples().iter().map(|s| s.src.len() as u64).sum();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut group = c.benchmark_group("scan");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(total));
    let mut threads = vec![1];
    if cores > 1 {
        threads.push(cores);
    }
    for t in threads {
        let opts = ScanOptions {
            paths: vec![corpus_dir()],
            threads: t,
            ..ScanOptions::default()
        };
        group.bench_function(format!("threads-{t}"), |b| {
            b.iter(|| {
                let report =
                    mamori_engine::scan(&rules, &opts, None).unwrap_or_else(|e| panic!("{e}"));
                black_box(report.stats.files_scanned);
            });
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = quick(); targets = scan }
criterion_main!(benches);
