//! `textDocument/definition`: from an `inherits` value to the parent's
//! `role:` value, from a name a command or prompt uses (`agent`,
//! `fallback_agent`, a pipeline's `prompt`, a prompt's `agents` and
//! `dependencies`) to the document it names (a link when the client takes them).

use ls_types as lsp;
use rolekit_core::ide;

use crate::workspace::Snapshot;

pub fn definition(snap: &Snapshot, position: lsp::Position) -> Option<lsp::GotoDefinitionResponse> {
    if !snap.in_scope() {
        return None;
    }
    let lines = snap.lines();
    let path = snap.relative_path();
    let place = snap.place(path.as_deref())?;
    let link = ide::project::definition(&snap.doc, &place, lines.offset(position), &*snap.names, &snap.roles())?;
    let target_uri: lsp::Uri = link.target.parse().ok()?;
    // A parent is one of the role files seen; any other name, a project file.
    let target_range = snap
        .seen
        .iter()
        .find(|s| s.entry().location == link.target)
        .and_then(|s| s.range(s.entry().role?, &snap.session))
        .or_else(|| snap.declared_range(&link.target))
        .unwrap_or_default();
    if snap.session.caps.definition_links {
        Some(lsp::GotoDefinitionResponse::Link(vec![lsp::LocationLink {
            origin_selection_range: Some(lines.range(link.range)),
            target_uri,
            target_range,
            target_selection_range: target_range,
        }]))
    } else {
        Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location { uri: target_uri, range: target_range }))
    }
}
