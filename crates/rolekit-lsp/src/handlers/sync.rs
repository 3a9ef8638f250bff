//! Document sync and files on disk: `didOpen`, `didChange`, `didSave`,
//! `didClose`, `workspace/didChangeWatchedFiles`. Each applies its change
//! to the workspace synchronously (in arrival order) and returns what to do
//! next; nothing here parses or checks a document.

use std::sync::Mutex;

use ls_types as lsp;

use super::configuration;
use crate::fs::FileSystem;
use crate::workspace::index::FileEntry;
use crate::workspace::{lock, Effects, Workspace};
use rolekit_core::policy::Settings;

pub fn did_open(workspace: &Mutex<Workspace>, p: lsp::DidOpenTextDocumentParams) -> Effects {
    let d = p.text_document;
    lock(workspace).open(d.uri.as_str(), d.version, d.text)
}

pub fn did_change(workspace: &Mutex<Workspace>, p: lsp::DidChangeTextDocumentParams) -> Result<Effects, String> {
    let d = p.text_document;
    lock(workspace).change(d.uri.as_str(), d.version, p.content_changes)
}

pub fn did_save(workspace: &Mutex<Workspace>, fs: &dyn FileSystem, p: lsp::DidSaveTextDocumentParams) -> Effects {
    lock(workspace).save(fs, p.text_document.uri.as_str(), p.text)
}

pub fn did_close(workspace: &Mutex<Workspace>, p: lsp::DidCloseTextDocumentParams) -> Effects {
    lock(workspace).close(p.text_document.uri.as_str())
}

/// Keeps the index, the parent cache and the configuration current, and
/// checks again the open documents affected. Files are read outside the lock.
pub fn did_change_watched_files(
    workspace: &Mutex<Workspace>,
    fs: &dyn FileSystem,
    settings: &Settings,
    p: lsp::DidChangeWatchedFilesParams,
) -> Effects {
    let (encoding, policy) = {
        let w = lock(workspace);
        (w.encoding, w.policy.clone())
    };
    let changes = p
        .changes
        .into_iter()
        .map(|c| {
            let file = c.uri.as_str().to_string();
            let read = c.typ != lsp::FileChangeType::DELETED
                && !policy.is_config_file(&file)
                && policy.in_root(&file)
                && rolekit_core::policy::is_document_name(&crate::uri::file_name(&file));
            let entry = if read { FileEntry::read(fs, &file, encoding, &policy) } else { FileEntry::default() };
            (file, entry)
        })
        .collect();
    let (mut fx, config_changed) = lock(workspace).files_changed(changes);
    if config_changed {
        fx.merge(configuration::reload(workspace, fs, settings));
    }
    fx
}
