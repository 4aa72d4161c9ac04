//! tree-sitter parse time per language on the pinned sample (`benches/corpus`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mamori_benchmark::{by_language, bytes, quick, samples};

fn parse(c: &mut Criterion) {
    let all = samples();
    let mut group = c.benchmark_group("parse");
    for (lang, files) in by_language(&all) {
        group.throughput(Throughput::Bytes(bytes(&files)));
        group.bench_function(lang.name(), |b| {
            b.iter(|| {
                for f in &files {
                    let tree = mamori_lang::parse(lang, &f.src, None)
                        .unwrap_or_else(|e| panic!("{}: {e:?}", f.name));
                    black_box(tree.root_node().child_count());
                }
            });
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = quick(); targets = parse }
criterion_main!(benches);
