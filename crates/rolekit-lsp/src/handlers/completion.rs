//! `textDocument/completion`: keys, values, `inherits` targets, the
//! project's names (roles, prompts) where a command or prompt names one, sections,
//! and a role skeleton in an empty file (which may become a role file).

use ls_types as lsp;
use rolekit_core::ide;

use crate::convert;
use crate::workspace::Snapshot;

pub fn completion(snap: &Snapshot, position: lsp::Position) -> Option<lsp::CompletionResponse> {
    if !snap.in_scope() && !snap.doc.text().trim().is_empty() {
        return None;
    }
    let lines = snap.lines();
    let offset = lines.offset(position);
    let path = snap.relative_path();
    let items = match snap.place(path.as_deref()) {
        Some(place) => ide::project::completions(&snap.doc, &place, offset, &*snap.names, &snap.roles()),
        // An empty file out of scope: a role skeleton.
        None => ide::completions(&snap.doc, offset, &snap.roles(), crate::uri::file_stem(&snap.uri).as_deref()),
    };
    let snippets = snap.session.caps.snippets;
    Some(lsp::CompletionResponse::Array(items.iter().map(|i| convert::completion(i, lines, snippets)).collect()))
}
