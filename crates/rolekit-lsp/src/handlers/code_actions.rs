//! `textDocument/codeAction`: every action comes from one call into the
//! core, over the stored check of the current revision: the quick fixes of
//! the diagnostics in range and the document-level actions (missing
//! sections, required keys, the `constraints` form). Diagnostics carry no
//! fix in `data`, so there is one path and nothing to de-duplicate.
//!
//! Where a diagnostic is in range, two more quick fixes take the document
//! (or its folder) out of rolekit's scope: the edit of `rolekit.toml` at the
//! project root that the core's `exclude_edit` makes (into `exclude`, or a
//! new file when the client can create one).

use ls_types as lsp;
use rolekit_core::policy::config::exclude_edit;
use rolekit_core::{analysis, ide, LineIndex};

use super::diagnostics::Converter;
use crate::convert::{self, Lines};
use crate::uri;
use crate::workspace::check::Found;
use crate::workspace::Snapshot;

pub fn code_actions(snap: &Snapshot, params: &lsp::CodeActionParams) -> Option<lsp::CodeActionResponse> {
    if !snap.in_scope() {
        return None;
    }
    let uri = &params.text_document.uri;
    let wanted = |kind: &lsp::CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str())))
        })
    };
    let lines = snap.lines();
    let range = lines.text_range(params.range);
    let diagnostics = snap.diagnostics();
    let converter = snap.checked.as_ref().map(|c| Converter::new(uri.clone(), &snap.doc, c, &snap.session));
    let path = snap.relative_path();
    let Some(place) = snap.place(path.as_deref()) else { return Some(Vec::new()) };
    // Each fix is proven with what the stored check read (its parents; no
    // project names, so no cross-file verdict can count as a new error).
    let found = Found(snap.checked.as_ref().map_or(&[][..], |c| &c.parents));
    let stem = uri::file_stem(&snap.uri);
    let ctx = analysis::Context {
        file_stem: stem.as_deref(),
        kind: place.kind,
        resolver: &found,
        config: &snap.policy.config.rules,
        token_budget: None,
    };
    let project = analysis::Project { schemas: place.schemas, index: &analysis::NoIndex, path: path.as_deref() };
    let proof = ide::Proof { ctx: &ctx, project: &project };
    let mut out: lsp::CodeActionResponse = Vec::new();
    for action in ide::code_actions(&snap.doc, &place, range, diagnostics, Some(&proof)) {
        let kind = convert::action_kind(action.kind);
        if !wanted(&kind) {
            continue;
        }
        let fixes = action.diagnostic.and_then(|i| Some(converter.as_ref()?.convert(diagnostics.get(i)?)));
        out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: action.title,
            kind: Some(kind),
            diagnostics: fixes.map(|d| vec![d]),
            edit: Some(convert::workspace_edit(uri, convert::edits(&action.edits, lines))),
            is_preferred: action.preferred.then_some(true),
            ..Default::default()
        }));
    }
    let quickfix = lsp::CodeActionKind::QUICKFIX;
    if wanted(&quickfix) && diagnostics.iter().any(|d| d.range.start() <= range.end() && range.start() <= d.range.end())
    {
        out.extend(exclude_actions(snap));
    }
    Some(out)
}

/// "Exclude `path` from rolekit" for the document and for its folder: the
/// globs are its path and its folder's below the project root, offered only
/// when they hold no glob syntax (they would match other files).
fn exclude_actions(snap: &Snapshot) -> Vec<lsp::CodeActionOrCommand> {
    let policy = &snap.policy;
    let (Some(root), Some(config)) = (policy.project_root(), policy.config_uri()) else { return Vec::new() };
    let Some(path) = uri::relative(&snap.uri, root) else { return Vec::new() };
    let Ok(config_uri) = config.parse::<lsp::Uri>() else { return Vec::new() };
    let plain = |p: &str| !p.is_empty() && !p.contains(['*', '?', '[', ']', '{', '}', '\\', '!']);
    let mut targets = vec![(format!("Exclude `{path}` from rolekit (rolekit.toml)"), path.clone())];
    if let Some((folder, _)) = path.rsplit_once('/') {
        targets.push((format!("Exclude the folder `{folder}/` from rolekit (rolekit.toml)"), folder.to_string()));
    }
    let text = policy.config_text.as_deref();
    if text.is_none() && !snap.session.caps.create_files {
        return Vec::new();
    }
    targets
        .into_iter()
        .filter(|(_, glob)| plain(glob))
        .filter_map(|(title, glob)| {
            let edit = exclude_edit(text.unwrap_or(""), &glob).ok()?;
            let workspace_edit = match text {
                Some(text) => {
                    let index = LineIndex::new(text);
                    let lines = Lines { text, index: &index, encoding: snap.session.encoding };
                    convert::workspace_edit(&config_uri, convert::edits(&[edit], lines))
                }
                None => create_with(&config_uri, edit.new_text),
            };
            Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                edit: Some(workspace_edit),
                ..Default::default()
            }))
        })
        .collect()
}

/// Creates the file at `uri` holding `text` (it does not exist yet).
fn create_with(uri: &lsp::Uri, text: String) -> lsp::WorkspaceEdit {
    let start = lsp::Position { line: 0, character: 0 };
    let create = lsp::CreateFile {
        uri: uri.clone(),
        options: Some(lsp::CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
        annotation_id: None,
    };
    let insert = lsp::TextDocumentEdit {
        text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: None },
        edits: vec![lsp::OneOf::Left(lsp::TextEdit { range: lsp::Range { start, end: start }, new_text: text })],
    };
    lsp::WorkspaceEdit {
        changes: None,
        document_changes: Some(lsp::DocumentChanges::Operations(vec![
            lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(create)),
            lsp::DocumentChangeOperation::Edit(insert),
        ])),
        change_annotations: None,
    }
}
