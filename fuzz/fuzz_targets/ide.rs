//! Every editor feature on arbitrary text: the whole-document ones (symbols,
//! folding) and, at offsets the input chooses, the cursor ones (completion,
//! hover, selection, definition, code actions). Across a run every offset of
//! every shape of text is reached; one execution stays fast. Nothing may
//! panic; every range stays in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolekit_core::analysis::{self, Context};
use rolekit_core::policy::{Kind, Schemas};
use rolekit_core::project::editor::Place;
use rolekit_core::{ide, Document, TextRange};

fuzz_target!(|data: &[u8]| {
    let Some((picks, text)) = data.split_at_checked(4) else { return };
    if text.len() > 2048 {
        return;
    }
    let doc = Document::new(String::from_utf8_lossy(text).into_owned());
    let len = doc.text().len();
    let diagnostics = analysis::check(&doc, &Context::default());
    let schemas = Schemas::built_in();
    let place = Place { kind: Kind::Role, schemas: &schemas, path: Some("data/agents/fuzz.md") };
    let in_text = |r: TextRange| r.start() <= r.end() && r.end() <= len;
    for s in ide::document_symbols(&doc) {
        assert!(in_text(s.range) && in_text(s.selection_range));
    }
    for f in ide::folding_ranges(&doc) {
        assert!(in_text(f.range));
    }
    // The chosen offsets, the two ends, and past the end.
    let chosen = picks.iter().map(|&b| usize::from(b) * (len + 2) / 256);
    for offset in chosen.chain([0, len, len + 1]) {
        for item in ide::completions(&doc, offset, &[], Some("fuzz")) {
            assert!(in_text(item.range));
        }
        if let Some(h) = ide::hover(&doc, offset, &diagnostics, &[]) {
            assert!(in_text(h.range));
        }
        for r in ide::selection_ranges(&doc, offset) {
            assert!(in_text(r));
        }
        let _ = ide::definition(&doc, offset, &[]);
        for a in ide::code_actions(&doc, &place, TextRange::empty(offset.min(len)), &diagnostics, None) {
            for e in &a.edits {
                assert!(in_text(e.range));
            }
        }
    }
});
