//! Times each analysis phase on a file (a profiling aid): `cargo run --release --example phases -- FILE`.
use std::time::Instant;

use rolekit_core::{analysis, schema, syntax, Document, LineIndex};

fn time<T>(name: &str, n: u32, mut f: impl FnMut() -> T) {
    if std::env::var("PHASE").is_ok_and(|p| p != name) {
        return;
    }
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f());
    }
    println!("{name:<16} {:>9.1?}", t.elapsed() / n);
}

fn main() {
    let path =
        std::env::args().nth(1).unwrap_or_else(|| "crates/rolekit-core/tests/fixtures/platform-engineer.md".into());
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let n: u32 = std::env::var("N").ok().and_then(|s| s.parse().ok()).unwrap_or(2000);
    let doc = Document::new(text.clone());
    let split = syntax::frontmatter::split(&text);
    time("line index", n, || LineIndex::new(&text));
    time("split", n, || syntax::frontmatter::split(&text));
    if let Some(s) = &split {
        time("yaml", n, || syntax::yaml::parse(&text, s.yaml));
        time("outline", n, || {
            syntax::markdown::outline(&text, s.body_start, &|t| rolekit_core::schema::sections::find(t).is_some())
        });
    }
    time("to_json", n, || doc.yaml().to_json());
    let json = doc.yaml().to_json().unwrap_or_default();
    if let Some(v) = schema::validator() {
        time("validate", n, || v.errors(&json).len());
    }
    time("mojibake", n, || analysis::find_mojibake(&text));
    time("check", n, || analysis::check(&doc, &analysis::Context::default()));
    time("document", n, || Document::new(text.clone()));
}
