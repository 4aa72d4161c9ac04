//! Matching the whole built-in rule set (every profile) on trees parsed beforehand:
//! `prefilter/<lang>` is the literal prefilter (`LangPlan::active`), `match/<lang>` is the
//! one-walk matcher plus formula and taint evaluation (`LangPlan::run`) for the rules the
//! prefilter let through (computed once, outside the timed loop), as in a real scan.

use std::hint::black_box;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use mamori_benchmark::{by_language, bytes, quick, samples};
use mamori_matcher::RunOptions;

fn matching(c: &mut Criterion) {
    let rules = mamori_rules::builtin().unwrap_or_else(|e| {
        panic!(
            "built-in rules do not compile: {:?}",
            e.iter().map(|x| &x.message).collect::<Vec<_>>()
        )
    });
    let all = samples();
    let langs = by_language(&all);
    let mut group = c.benchmark_group("prefilter");
    for (lang, files) in &langs {
        let plan = rules.plan(*lang);
        group.throughput(Throughput::Bytes(bytes(files)));
        group.bench_function(lang.name(), |b| {
            b.iter(|| {
                for f in files {
                    black_box(plan.active(&f.src));
                }
            });
        });
    }
    group.finish();
    let mut group = c.benchmark_group("match");
    group.sampling_mode(SamplingMode::Flat);
    for (lang, files) in &langs {
        let plan = rules.plan(*lang);
        let trees: Vec<_> = files
            .iter()
            .map(|f| {
                mamori_lang::parse(*lang, &f.src, None)
                    .unwrap_or_else(|e| panic!("{}: {e:?}", f.name))
            })
            .collect();
        let active: Vec<Vec<bool>> = files.iter().map(|f| plan.active(&f.src)).collect();
        let run_opts = RunOptions::default();
        group.throughput(Throughput::Bytes(bytes(files)));
        group.bench_function(lang.name(), |b| {
            b.iter(|| {
                for ((f, tree), active) in files.iter().zip(&trees).zip(&active) {
                    let (m, _timed_out) = plan.run(rules.arena(), tree, &f.src, active, &run_opts);
                    black_box(m.rules.len());
                }
            });
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = quick(); targets = matching }
criterion_main!(benches);
