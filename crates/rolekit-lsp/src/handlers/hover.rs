//! `textDocument/hover`: what a key, a value, a parent, a name a command or
//! prompt uses (or its did-you-mean) or a section means,
//! and the rule behind a diagnostic under the cursor (the check of this
//! revision, when done: a hover never waits for a check).

use ls_types as lsp;
use rolekit_core::ide;

use crate::convert;
use crate::workspace::Snapshot;

pub fn hover(snap: &Snapshot, position: lsp::Position) -> Option<lsp::Hover> {
    if !snap.in_scope() {
        return None;
    }
    let lines = snap.lines();
    let offset = lines.offset(position);
    let path = snap.relative_path();
    let place = snap.place(path.as_deref())?;
    ide::project::hover(&snap.doc, &place, offset, snap.diagnostics(), &*snap.names, &snap.roles())
        .map(|h| convert::hover(&h, lines))
}
