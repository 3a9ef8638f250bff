use std::time::Instant;
use rolekit_core::{format, policy::{Config, Kind}, Document, analysis};
fn main() {
    let seed = std::fs::read_to_string("tests/fixtures/platform-engineer.md").unwrap();
    let config = Config::default();
    let doc = Document::new(seed.clone());
    let n = 2000;
    let t = |name: &str, f: &mut dyn FnMut()| { for _ in 0..200 { f() } let s = Instant::now(); for _ in 0..n { f() } println!("{name:30} {:8.1} µs", s.elapsed().as_secs_f64() * 1e6 / n as f64); };
    let out = format::format(&doc, Kind::Role, &config);
    let after = Document::new(out.text.clone());
    t("format", &mut || { std::hint::black_box(format::format(&doc, Kind::Role, &config)); });
    t("format (formatted input)", &mut || { std::hint::black_box(format::format(&after, Kind::Role, &config)); });
    t("Document::new", &mut || { std::hint::black_box(Document::new(seed.clone())); });
    t("to_json", &mut || { std::hint::black_box(doc.yaml().to_json()); });
    t("renumbering", &mut || { std::hint::black_box(analysis::body::renumbering(&doc)); });
    let nows = Document::new(seed.lines().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n") + "\n");
    let nows_out = Document::new(format::format(&nows, Kind::Role, &config).text);
    t("format (formatted, no trailing ws)", &mut || { std::hint::black_box(format::format(&nows_out, Kind::Role, &config)); });
    let fm_only = Document::new(seed[..seed.find("\n---\n").unwrap() + 5].to_string());
    let fm_out = Document::new(format::format(&fm_only, Kind::Role, &config).text);
    t("format frontmatter only (formatted)", &mut || { std::hint::black_box(format::format(&fm_out, Kind::Role, &config)); });
    t("prove", &mut || { std::hint::black_box(format::verify::prove(&doc, &after, &[], false)); });
}
