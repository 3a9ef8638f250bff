use rolekit_core::{format, policy::{Config, Kind}, Document};
fn main() {
    let seed = std::fs::read_to_string("tests/fixtures/platform-engineer.md").unwrap();
    let config = Config::default();
    let nows = Document::new(seed.lines().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n") + "\n");
    let out = Document::new(format::format(&nows, Kind::Role, &config).text);
    for _ in 0..20000 { std::hint::black_box(format::format(&out, Kind::Role, &config)); }
}
