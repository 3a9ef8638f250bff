//! `textDocument/foldingRange`: frontmatter, sections, lists, code, comments.

use ls_types as lsp;
use rolekit_core::ide;

use crate::convert;
use crate::workspace::Snapshot;

pub fn folding(snap: &Snapshot) -> Option<Vec<lsp::FoldingRange>> {
    if !snap.in_scope() {
        return None;
    }
    let lines = snap.lines();
    Some(ide::folding_ranges(&snap.doc).iter().filter_map(|f| convert::folding(f, lines)).collect())
}
