//! Analysis time of the seed role file (target: ≤ 100 µs on the reference machine).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rolekit_core::{analysis, Document};

const SEED: &str = include_str!("../tests/fixtures/platform-engineer.md");

fn bench(c: &mut Criterion) {
    c.bench_function("parse seed", |b| b.iter(|| Document::new(black_box(SEED).to_string())));
    c.bench_function("parse + check seed", |b| {
        b.iter(|| {
            let doc = Document::new(black_box(SEED).to_string());
            let ctx = analysis::Context { file_stem: Some("platform-engineer"), ..Default::default() };
            analysis::check(&doc, &ctx)
        })
    });
    let doc = Document::new(SEED.to_string());
    c.bench_function("check seed (parsed)", |b| {
        b.iter(|| {
            analysis::check(
                black_box(&doc),
                &analysis::Context { file_stem: Some("platform-engineer"), ..Default::default() },
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
