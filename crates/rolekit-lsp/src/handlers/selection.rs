//! `textDocument/selectionRange`: nested ranges around each position.

use ls_types as lsp;
use rolekit_core::ide;

use crate::convert;
use crate::workspace::Snapshot;

pub fn selection(snap: &Snapshot, positions: &[lsp::Position]) -> Option<Vec<lsp::SelectionRange>> {
    if !snap.in_scope() {
        return None;
    }
    let lines = snap.lines();
    Some(
        positions
            .iter()
            .map(|p| {
                let offset = lines.offset(*p);
                convert::selection(&ide::selection_ranges(&snap.doc, offset), offset, lines)
            })
            .collect(),
    )
}
