//! `textDocument/documentLink`: the `inherits` value links to the parent's
//! file, each name a command or prompt uses to the document it names.

use ls_types as lsp;
use rolekit_core::ide;

use crate::workspace::Snapshot;

pub fn links(snap: &Snapshot) -> Option<Vec<lsp::DocumentLink>> {
    if !snap.in_scope() {
        return None;
    }
    let lines = snap.lines();
    let path = snap.relative_path();
    let place = snap.place(path.as_deref())?;
    Some(
        ide::project::document_links(&snap.doc, &place, &*snap.names, &snap.roles())
            .iter()
            .filter_map(|l| {
                Some(lsp::DocumentLink {
                    range: lines.range(l.range),
                    target: Some(l.target.parse().ok()?),
                    tooltip: None,
                    data: None,
                })
            })
            .collect(),
    )
}
