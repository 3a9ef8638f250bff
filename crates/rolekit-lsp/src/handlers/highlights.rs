//! `textDocument/documentHighlight`: on a `role:` or `inherits:` value, the
//! places the file names that role (the core finds them).

use ls_types as lsp;
use rolekit_core::ide::highlight::{self, HighlightKind};

use crate::workspace::Snapshot;

pub fn highlights(snap: &Snapshot, position: lsp::Position) -> Option<Vec<lsp::DocumentHighlight>> {
    if !snap.in_scope() {
        return None;
    }
    let lines = snap.lines();
    let found = highlight::highlights(&snap.doc, lines.offset(position));
    if found.is_empty() {
        return None;
    }
    let kind = |k| match k {
        HighlightKind::Text => lsp::DocumentHighlightKind::TEXT,
        HighlightKind::Read => lsp::DocumentHighlightKind::READ,
        HighlightKind::Write => lsp::DocumentHighlightKind::WRITE,
    };
    Some(
        found
            .into_iter()
            .map(|h| lsp::DocumentHighlight { range: lines.range(h.range), kind: Some(kind(h.kind)) })
            .collect(),
    )
}
