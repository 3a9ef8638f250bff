//! `json::parse` and `json::Writer` against serde_json on what the language
//! server reads and writes most: a `didOpen` carrying the seed (20 KB of
//! escaped text) and the built-in role schema.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rolekit_core::json::{parse, Writer};
use serde_json::{json, Value};

const SEED: &str = include_str!("../tests/fixtures/platform-engineer.md");
const SCHEMA: &str = include_str!("../src/schema/role.schema.json");

fn bench(c: &mut Criterion) {
    let did_open = json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
        "uri": "file:///w/platform-engineer.md", "languageId": "markdown", "version": 1, "text": SEED } } })
    .to_string();
    for (name, text) in [("didOpen", did_open.as_str()), ("role schema", SCHEMA)] {
        c.bench_function(&format!("json::parse {name}"), |b| b.iter(|| parse(black_box(text))));
        c.bench_function(&format!("serde_json::from_str {name}"), |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(text)))
        });
        let value: Value = serde_json::from_str(text).unwrap_or_default();
        c.bench_function(&format!("json::Writer {name}"), |b| {
            b.iter(|| {
                let mut w = Writer::new();
                w.value(black_box(&value));
                w.finish()
            })
        });
        c.bench_function(&format!("serde_json::to_string {name}"), |b| {
            b.iter(|| serde_json::to_string(black_box(&value)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
