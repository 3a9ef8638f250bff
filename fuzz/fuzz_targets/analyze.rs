//! Arbitrary bytes through everything a check does: the scope decision, the
//! parse, every rule as a role and as a template. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolekit_core::analysis::{self, Context};
use rolekit_core::{policy, Document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = policy::classify(&policy::Config::default(), Some("data/agents/x.md"), &policy::head_text(data));
    let _ = policy::Config::parse(&text);
    let doc = Document::new(text);
    for kind in [policy::Kind::Role, policy::Kind::RoleTemplate] {
        let ctx = Context { file_stem: Some("x"), kind, ..Default::default() };
        let diagnostics = analysis::check(&doc, &ctx);
        for d in &diagnostics {
            assert!(d.range.end() <= doc.text().len(), "{d:?}");
        }
    }
    let _ = doc.yaml().to_json();
});
