//! Formatting time (target: the seed in ≤ 100 µs on the reference machine).
//!
//! - `format seed (parsed)`: `format::format` on the parsed seed, whose
//!   constraint lists are re-indented, so the result is proven (parsed
//!   again, compared as JSON, words, comments, anchors);
//! - `format formatted seed (parsed)`: the same on its output, which needs
//!   no change (the common case of `fmt --check` on a formatted tree);
//! - `format seed, list style changed (parsed)`: the seed with every list
//!   flush under its key, so every list is re-indented;
//! - `parse + format seed`: both, from text;
//! - `format 1 MB frontmatter`: 40,000 quoted list items with comments, all
//!   re-indented and unquoted, then proven (linear: well under a second).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rolekit_core::format;
use rolekit_core::policy::{Config, Kind};
use rolekit_core::Document;

const SEED: &str = include_str!("../tests/fixtures/platform-engineer.md");

fn bench(c: &mut Criterion) {
    let config = Config::default();
    let doc = Document::new(SEED.to_string());
    c.bench_function("format seed (parsed)", |b| b.iter(|| format::format(black_box(&doc), Kind::Role, &config)));
    let formatted = Document::new(format::format(&doc, Kind::Role, &config).text);
    c.bench_function("format formatted seed (parsed)", |b| {
        b.iter(|| format::format(black_box(&formatted), Kind::Role, &config))
    });
    let flush: String = SEED.replace("\n  - ", "\n- ");
    let messy = Document::new(flush);
    assert!(format::format(&messy, Kind::Role, &config).changed);
    c.bench_function("format seed, list style changed (parsed)", |b| {
        b.iter(|| format::format(black_box(&messy), Kind::Role, &config))
    });
    c.bench_function("parse + format seed", |b| {
        b.iter(|| format::format(&Document::new(black_box(SEED).to_string()), Kind::Role, &config))
    });
    let mut big = String::from("---\nrole: big\nversion: 1.0.0\nexpertise:\n");
    let mut i = 0;
    while big.len() < 1_000_000 {
        big.push_str(&format!("- 'item number {i}'   # note {i}\n"));
        i += 1;
    }
    big.push_str("---\n# Big\n");
    let big = Document::new(big);
    assert!(format::format(&big, Kind::Role, &config).changed);
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("format 1 MB frontmatter (parsed)", |b| {
        b.iter(|| format::format(black_box(&big), Kind::Role, &config))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
