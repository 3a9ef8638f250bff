//! Inputs the fuzzers (`scripts/fuzz.sh`) found, kept as regression tests:
//! each goes through what the `analyze` fuzz target does. Add a file to
//! `tests/fixtures/fuzz/` for every finding.
//!
//! - `keys-of-keys.bin`: mappings nested as keys (`{{{{...: ...}}}}`); their
//!   JSON text doubled at every level until memory ran out.
//! - `html-block-boundary.bin`: an HTML-block test sliced inside a
//!   multi-byte character.

use rolekit_core::analysis::{self, Context};
use rolekit_core::{policy, Document};

#[test]
fn every_fuzz_finding_is_handled() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")).flatten() {
        let data = std::fs::read(entry.path()).unwrap_or_default();
        let text = String::from_utf8_lossy(&data).into_owned();
        let _ = policy::classify(&policy::Config::default(), Some("data/agents/x.md"), &policy::head_text(&data));
        let _ = policy::Config::parse(&text);
        let doc = Document::new(text);
        for kind in [policy::Kind::Role, policy::Kind::RoleTemplate] {
            let ctx = Context { file_stem: Some("x"), kind, ..Default::default() };
            for d in analysis::check(&doc, &ctx) {
                assert!(d.range.end() <= doc.text().len(), "{}: {d:?}", entry.path().display());
            }
        }
        let _ = doc.yaml().to_json();
        seen += 1;
    }
    assert!(seen >= 2);
}
