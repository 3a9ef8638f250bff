//! `textDocument/references`: which roles inherit the role at the cursor,
//! and which files use the name at the cursor (a role's, a prompt's id, a
//! name a command or prompt uses; the core decides; this converts). While the index fills, the answer is
//! what is known so far (the server reports work-done progress meanwhile).

use ls_types as lsp;
use rolekit_core::ide::{self, Reference};

use crate::workspace::Snapshot;

pub fn references(snap: &Snapshot, position: lsp::Position, include_declaration: bool) -> Option<Vec<lsp::Location>> {
    if !snap.in_scope() {
        return None;
    }
    let offset = snap.lines().offset(position);
    let mut out: Vec<lsp::Location> = Vec::new();
    if let Some(found) = ide::references(&snap.doc, &snap.uri, offset, snap.entries()) {
        let locator = snap.locator();
        let location = |r: &Reference| locator.location(&r.location, r.range);
        let declaration = found.declaration.as_ref().filter(|_| include_declaration);
        out.extend(declaration.into_iter().chain(&found.inheritors).filter_map(location));
    }
    let path = snap.relative_path();
    let place = snap.place(path.as_deref())?;
    let refs = snap.project_references();
    let key = |l: &lsp::Location| (l.uri.as_str().to_string(), l.range.start, l.range.end);
    let mut known: std::collections::HashSet<_> = out.iter().map(key).collect();
    let found = ide::project::references(&snap.doc, &place, offset, &*snap.names, refs.files(), include_declaration);
    for l in found {
        let Some(range) = refs.range(&l.location, l.range) else { continue };
        let Ok(uri) = l.location.parse::<lsp::Uri>() else { continue };
        let location = lsp::Location { uri, range };
        if known.insert(key(&location)) {
            out.push(location);
        }
    }
    Some(out)
}
