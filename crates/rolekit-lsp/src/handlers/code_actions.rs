//! `textDocument/codeAction`: every action comes from one call into the
//! core, over the stored check of the current revision: the quick fixes of
//! the diagnostics in range and the document-level actions (missing
//! sections, required keys, the `constraints` form). Diagnostics carry no
//! fix in `data`, so there is one path and nothing to de-duplicate.

use rolekit_core::ide;
use tower_lsp_server::ls_types as lsp;

use super::diagnostics::Converter;
use crate::convert;
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
    let mut out: lsp::CodeActionResponse = Vec::new();
    for action in ide::code_actions(&snap.doc, range, diagnostics) {
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
    Some(out)
}
