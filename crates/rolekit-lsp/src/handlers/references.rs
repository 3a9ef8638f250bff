//! `textDocument/references`: which roles inherit the role at the cursor
//! (the core decides; this converts). While the index fills, the answer is
//! what is known so far (the server reports work-done progress meanwhile).

use rolekit_core::ide::{self, Reference};
use tower_lsp_server::ls_types as lsp;

use crate::workspace::Snapshot;

pub fn references(snap: &Snapshot, position: lsp::Position, include_declaration: bool) -> Option<Vec<lsp::Location>> {
    if !snap.in_scope() {
        return None;
    }
    let offset = snap.lines().offset(position);
    let found = ide::references(&snap.doc, &snap.uri, offset, snap.entries())?;
    let locator = snap.locator();
    let location = |r: &Reference| locator.location(&r.location, r.range);
    let declaration = found.declaration.as_ref().filter(|_| include_declaration);
    Some(declaration.into_iter().chain(&found.inheritors).filter_map(location).collect())
}
