//! Every editor feature at every offset of arbitrary text (inputs are kept
//! short so each run stays fast). Nothing may panic; ranges stay in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolekit_core::analysis::{self, Context};
use rolekit_core::{ide, Document, TextRange};

fuzz_target!(|data: &[u8]| {
    if data.len() > 4096 {
        return;
    }
    let doc = Document::new(String::from_utf8_lossy(data).into_owned());
    let len = doc.text().len();
    let diagnostics = analysis::check(&doc, &Context::default());
    let in_text = |r: TextRange| r.start() <= r.end() && r.end() <= len;
    for s in ide::document_symbols(&doc) {
        assert!(in_text(s.range) && in_text(s.selection_range));
    }
    for f in ide::folding_ranges(&doc) {
        assert!(in_text(f.range));
    }
    for offset in 0..=len + 1 {
        for item in ide::completions(&doc, offset, &[]) {
            assert!(in_text(item.range));
        }
        if let Some(h) = ide::hover(&doc, offset, &diagnostics, &[]) {
            assert!(in_text(h.range));
        }
        for r in ide::selection_ranges(&doc, offset) {
            assert!(in_text(r));
        }
        let _ = ide::definition(&doc, offset, &[]);
        for a in ide::code_actions(&doc, TextRange::empty(offset.min(len)), &diagnostics) {
            for e in &a.edits {
                assert!(in_text(e.range));
            }
        }
    }
});
