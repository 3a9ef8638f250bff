//! Prints the diagnostics of the files given on the command line (a debugging aid).
use rolekit_core::{analysis, Document};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc = Document::new(text);
        let stem = std::path::Path::new(&path).file_stem().and_then(|s| s.to_str()).map(str::to_string);
        let ctx = analysis::Context { file_stem: stem.as_deref(), ..Default::default() };
        for d in analysis::check(&doc, &ctx) {
            let (l, c) = doc.line_index().line_col_human(doc.text(), d.range.start());
            println!("{path}:{l}:{c}: {} [{}] {}", d.severity.as_str(), d.rule, d.message);
        }
    }
}
