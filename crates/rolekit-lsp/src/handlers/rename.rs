//! `textDocument/prepareRename` and `textDocument/rename`: a role renamed
//! from its `role:` value or an `inherits:` naming it (the core plans it,
//! over the role files beside the document: open documents and the index).
//!
//! The answer is one workspace edit: with `documentChanges` when the client
//! takes them (the open document versioned, other files not), ending with a
//! `RenameFile` of `<old>.md` to `<new>.md` when the client can rename
//! files; otherwise the text edits only, and a note for the user saying
//! the file keeps its name.

use std::collections::HashMap;

use ls_types as lsp;
use rolekit_core::ide::rename::{self, RenameError};

use crate::uri;
use crate::workspace::Snapshot;

/// A refusal, as the message the user sees.
pub type Refusal = String;

pub fn prepare(snap: &Snapshot, position: lsp::Position) -> Result<lsp::PrepareRenameResponse, Refusal> {
    let kind = snap.kind().ok_or_else(|| RenameError::NotOnARole.to_string())?;
    let lines = snap.lines();
    let target = rename::prepare_rename(&snap.doc, kind, lines.offset(position)).map_err(|e| e.to_string())?;
    Ok(lsp::PrepareRenameResponse::RangeWithPlaceholder { range: lines.range(target.range), placeholder: target.name })
}

/// The edit, and a note for the user when the client cannot rename the file.
pub fn rename(
    snap: &Snapshot,
    position: lsp::Position,
    new_name: &str,
) -> Result<(lsp::WorkspaceEdit, Option<String>), Refusal> {
    let kind = snap.kind().ok_or_else(|| RenameError::NotOnARole.to_string())?;
    let offset = snap.lines().offset(position);
    let plan = rename::rename(&snap.doc, &snap.uri, kind, offset, new_name.trim(), snap.entries())
        .map_err(|e| e.to_string())?;
    let locator = snap.locator();
    // Edits grouped by file, in the plan's order.
    let mut files: Vec<(String, Vec<lsp::TextEdit>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for r in &plan.edits {
        let Some(range) = locator.range(&r.location, r.range) else { continue };
        let i = *at.entry(r.location.as_str()).or_insert_with(|| {
            files.push((r.location.clone(), Vec::new()));
            files.len() - 1
        });
        files[i].1.push(lsp::TextEdit { range, new_text: plan.new.clone() });
    }
    let caps = &snap.session.caps;
    let rename_file = plan.file.as_deref().filter(|_| plan.new != plan.old).and_then(|old| {
        let new = uri::sibling(old, &plan.new)?;
        Some((old.parse::<lsp::Uri>().ok()?, new.parse::<lsp::Uri>().ok()?))
    });
    let note = match (&rename_file, caps.rename_files) {
        (Some((old, _)), false) => Some(format!(
            "rolekit: renamed `{}` to `{}`, but this editor cannot rename files in a rename: rename {} to {}.md yourself",
            plan.old,
            plan.new,
            uri::file_name(old.as_str()),
            plan.new
        )),
        _ => None,
    };
    if !caps.document_changes {
        let changes =
            files.into_iter().filter_map(|(loc, edits)| Some((loc.parse::<lsp::Uri>().ok()?, edits))).collect();
        return Ok((
            lsp::WorkspaceEdit { changes: Some(changes), document_changes: None, change_annotations: None },
            note,
        ));
    }
    let mut ops: Vec<lsp::DocumentChangeOperation> = files
        .into_iter()
        .filter_map(|(loc, edits)| {
            let version = (loc == snap.uri).then_some(snap.version);
            Some(lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri: loc.parse().ok()?, version },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }))
        })
        .collect();
    if let (Some((old_uri, new_uri)), true) = (rename_file, caps.rename_files) {
        ops.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(lsp::RenameFile {
            old_uri,
            new_uri,
            options: Some(lsp::RenameFileOptions { overwrite: Some(false), ignore_if_exists: Some(false) }),
            annotation_id: None,
        })));
    }
    let edit = lsp::WorkspaceEdit {
        changes: None,
        document_changes: Some(lsp::DocumentChanges::Operations(ops)),
        change_annotations: None,
    };
    Ok((edit, note))
}
