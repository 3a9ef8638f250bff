//! `workspace/diagnostic`: the diagnostics of the project's files on disk
//! that are not open (the indexed roles, commands and prompts), for the
//! editor's problems list. Open documents are answered by
//! `textDocument/diagnostic`, at their current revision.
//!
//! Each file is read (skipped over [`MAX_FILE_BYTES`]), classified by the
//! policy (out of scope or excluded: skipped) and checked as an open document
//! is (`workspace::check::check`), outside the lock. Each report carries a
//! `resultId`, a hash of what it says: a file whose report equals the one the
//! client holds (its `previousResultIds`) is answered `unchanged`.
//! The server runs this off the message loop.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rolekit_core::Document;
use tower_lsp_server::ls_types as lsp;

use super::diagnostics;
use crate::fs::{FileSystem, MAX_FILE_BYTES};
use crate::session::Session;
use crate::workspace::{check, lock, Workspace};

/// The project's indexed files that are not open, by URI.
fn unopened(workspace: &Mutex<Workspace>) -> Vec<String> {
    let w = lock(workspace);
    let mut files: Vec<String> =
        w.index.projects().map(|(uri, _)| uri).filter(|uri| !w.docs.contains_key(*uri)).cloned().collect();
    files.sort_unstable();
    files
}

/// A stable name for a report: a hash of its diagnostics.
fn result_id(items: &[lsp::Diagnostic]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_vec(items).unwrap_or_default().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

pub fn workspace_diagnostics(
    workspace: &Mutex<Workspace>,
    fs: &dyn FileSystem,
    session: &Session,
    previous: &[lsp::PreviousResultId],
) -> lsp::WorkspaceDiagnosticReport {
    let previous: HashMap<&str, &str> = previous.iter().map(|p| (p.uri.as_str(), p.value.as_str())).collect();
    let policy = lock(workspace).policy.clone();
    let mut items = Vec::new();
    for file in unopened(workspace) {
        let Some(text) = fs.read(&file).filter(|t| t.len() as u64 <= MAX_FILE_BYTES) else { continue };
        let Ok(uri) = file.parse::<lsp::Uri>() else { continue };
        let scope = policy.scope(&file, &text);
        if scope.kind().is_none() {
            continue;
        }
        let doc = Arc::new(Document::new(text));
        let checked = check::check(workspace, fs, &file, 0, &doc, scope, &policy);
        let found = diagnostics::items(uri.clone(), &doc, &checked, session);
        let id = result_id(&found);
        let report = if previous.get(file.as_str()) == Some(&id.as_str()) {
            lsp::WorkspaceDocumentDiagnosticReport::Unchanged(lsp::WorkspaceUnchangedDocumentDiagnosticReport {
                uri,
                version: None,
                unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport { result_id: id },
            })
        } else {
            lsp::WorkspaceDocumentDiagnosticReport::Full(lsp::WorkspaceFullDocumentDiagnosticReport {
                uri,
                version: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id: Some(id),
                    items: found,
                },
            })
        };
        items.push(report);
    }
    lsp::WorkspaceDiagnosticReport { items }
}
