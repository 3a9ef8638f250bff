//! Fix all on arbitrary text: never a new error, never a lost comment,
//! anchor, alias, line ending or BOM (the fix engine's own proof, checked
//! again from the outside), and a second run applies nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolekit_core::analysis::{self, Context};
use rolekit_core::{fix, Document};

fuzz_target!(|data: &[u8]| {
    if data.len() > 16 * 1024 {
        return;
    }
    let before = Document::new(String::from_utf8_lossy(data).into_owned());
    let ctx = Context { file_stem: Some("x"), ..Default::default() };
    let before_diagnostics = analysis::check(&before, &ctx);
    let out = fix::fix_all(before.clone(), &ctx);
    if out.applied == 0 {
        assert_eq!(out.document.text(), before.text());
        return;
    }
    // As one edit over the whole text: comments may be edited (a mojibake fix
    // inside one), never lost; anchors, line endings and errors are exact.
    let whole = rolekit_core::Edit::replace(rolekit_core::TextRange::new(0, before.text().len()), "");
    fix::verify(&before, &before_diagnostics, &[whole], &out.document, &out.diagnostics)
        .unwrap_or_else(|r| panic!("fix-all lost something: {r}\n--- before\n{}\n--- after\n{}", before.text(), out.document.text()));
    let again = fix::fix_all(out.document.clone(), &ctx);
    assert_eq!(again.applied, 0, "not idempotent:\n{}\n---\n{}", out.document.text(), again.document.text());
});
