//! `initialize`: what the server offers, given the negotiated session. The
//! answer comes at once: nothing is read but `rolekit.toml` (indexing starts
//! in the background after `initialized`).
//!
//! The answer is written as JSON text: `ls-types`' `ServerCapabilities`
//! has some forty optional members, and its serializer (each member's
//! code, every one of them `Option`al) cost the WebAssembly server 4 KB
//! gzipped for one message. The typed value it replaces is kept as the
//! test's reference: `tests::the_text_is_the_typed_capabilities`
//! requires the same JSON for every session shape.

use ls_types as lsp;

use crate::rpc::Json;
use crate::session::Session;
use crate::to_json::to_json;

/// The type hierarchy is offered by registration after `initialized`
/// (`ls-types`' `ServerCapabilities` has no `typeHierarchyProvider` field):
/// to clients that register dynamically. The requests are answered either way.
pub fn type_hierarchy_registration() -> lsp::Registration {
    lsp::Registration {
        id: "rolekit-type-hierarchy".to_string(),
        method: "textDocument/prepareTypeHierarchy".to_string(),
        register_options: Some(serde_json::json!({ "documentSelector": null })),
    }
}

/// The `initialize` result (see the module docs).
pub fn result(session: &Session) -> Json {
    let encoding = session.encoding_kind();
    let legend = to_json(&super::semantic_tokens::legend());
    let will_rename = to_json(&super::will_rename::options());
    let diagnostics = if session.push {
        ""
    } else {
        r#","diagnosticProvider":{"identifier":"rolekit","interFileDependencies":true,"workspaceDiagnostics":true}"#
    };
    let text = [
        r#"{"capabilities":{"positionEncoding":""#,
        encoding.as_str(),
        r#"","textDocumentSync":{"openClose":true,"change":2,"save":{"includeText":false}},"#,
        r#""selectionRangeProvider":true,"hoverProvider":true,"#,
        r##""completionProvider":{"resolveProvider":false,"triggerCharacters":[":"," ","-","#"]},"##,
        r#""definitionProvider":true,"referencesProvider":{"workDoneProgress":true},"#,
        r#""documentHighlightProvider":true,"documentSymbolProvider":true,"workspaceSymbolProvider":true,"#,
        r#""codeActionProvider":{"codeActionKinds":["quickfix","refactor.rewrite","source"],"resolveProvider":false},"#,
        r#""codeLensProvider":{"resolveProvider":false},"documentFormattingProvider":true,"#,
        r#""documentRangeFormattingProvider":true,"renameProvider":{"prepareProvider":true},"#,
        r#""documentLinkProvider":{"resolveProvider":false},"foldingRangeProvider":true,"#,
        r#""workspace":{"fileOperations":{"willRename":"#,
        &will_rename,
        r#"}},"semanticTokensProvider":{"legend":"#,
        &legend,
        r#","range":true,"full":true},"inlayHintProvider":true"#,
        diagnostics,
        r#"},"serverInfo":{"name":"rolekit","version":""#,
        env!("CARGO_PKG_VERSION"),
        r#""}}"#,
    ]
    .concat();
    Json::from_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolekit_core::PositionEncoding;

    /// The typed answer the text replaces.
    fn typed(session: &Session) -> lsp::InitializeResult {
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(session.encoding_kind()),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(lsp::SaveOptions {
                    include_text: Some(false),
                })),
            })),
            completion_provider: Some(lsp::CompletionOptions {
                trigger_characters: Some([":", " ", "-", "#"].map(str::to_string).to_vec()),
                resolve_provider: Some(false),
                ..Default::default()
            }),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::REFACTOR_REWRITE,
                    lsp::CodeActionKind::SOURCE,
                ]),
                resolve_provider: Some(false),
                ..Default::default()
            })),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            document_formatting_provider: Some(lsp::OneOf::Left(true)),
            document_range_formatting_provider: Some(lsp::OneOf::Left(true)),
            folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
            selection_range_provider: Some(lsp::SelectionRangeProviderCapability::Simple(true)),
            definition_provider: Some(lsp::OneOf::Left(true)),
            references_provider: Some(lsp::OneOf::Right(lsp::ReferenceOptions {
                work_done_progress_options: lsp::WorkDoneProgressOptions { work_done_progress: Some(true) },
            })),
            document_link_provider: Some(lsp::DocumentLinkOptions {
                resolve_provider: Some(false),
                work_done_progress_options: Default::default(),
            }),
            rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
            inlay_hint_provider: Some(lsp::OneOf::Left(true)),
            code_lens_provider: Some(lsp::CodeLensOptions { resolve_provider: Some(false) }),
            document_highlight_provider: Some(lsp::OneOf::Left(true)),
            workspace: Some(lsp::WorkspaceServerCapabilities {
                workspace_folders: None,
                file_operations: Some(lsp::WorkspaceFileOperationsServerCapabilities {
                    will_rename: Some(crate::handlers::will_rename::options()),
                    ..Default::default()
                }),
            }),
            semantic_tokens_provider: Some(lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
                lsp::SemanticTokensOptions {
                    legend: crate::handlers::semantic_tokens::legend(),
                    range: Some(true),
                    full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                    work_done_progress_options: Default::default(),
                },
            )),
            diagnostic_provider: (!session.push).then(|| {
                lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                    identifier: Some("rolekit".to_string()),
                    inter_file_dependencies: true,
                    workspace_diagnostics: true,
                    work_done_progress_options: Default::default(),
                })
            }),
            ..Default::default()
        };
        lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "rolekit".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        }
    }

    #[test]
    fn the_text_is_the_typed_capabilities() {
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8, PositionEncoding::Utf32] {
            for push in [false, true] {
                let session = Session { encoding, push, ..Session::default() };
                let text: serde_json::Value = serde_json::from_str(result(&session).as_str()).unwrap();
                assert_eq!(text, serde_json::to_value(typed(&session)).unwrap(), "{encoding:?} push {push}");
            }
        }
    }
}
