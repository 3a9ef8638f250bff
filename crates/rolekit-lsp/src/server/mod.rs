//! The async layer: the [`Backend`], one method per request or notification
//! (the table in `routes.rs` routes messages to them), each calling its
//! handler ([`crate::handlers`]).
//!
//! - A notification applies its change to the workspace synchronously
//!   (lock, change, unlock) before any `.await`, so changes apply in arrival
//!   order even though the message loop ([`crate::rpc::serve`]) runs handlers
//!   concurrently; then it starts the jobs the change calls for
//!   ([`crate::executor`]).
//! - A request takes a snapshot of its document once the document has
//!   reached the stage it needs (parsed; checked for code actions and pulled
//!   diagnostics), waiting for that document only, and computes its answer
//!   outside the lock (in a job, where there are threads).
//! - Client requests the server sends (configuration, watcher registration,
//!   progress tokens, diagnostic refresh) are spawned, never awaited inside
//!   a notification handler.
//! - Nothing panics out: jobs and handlers run under `catch_unwind`; a
//!   failure becomes an LSP error and a `window/logMessage`.

mod indexing;
mod jobs;
mod routes;
mod shared;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use ls_types as lsp;
use serde_json::Value;

use crate::executor::Executor;
use crate::fs::FileSystem;
use crate::handlers::{self, diagnostics, sync};
use crate::rpc::serve::Reply;
use crate::rpc::{self, Client, Result, Sink};
use crate::session::Session;
use crate::workspace::document::Stage;
use crate::workspace::policy::Policy;
use crate::workspace::Workspace;
use indexing::progress;
use rolekit_core::policy::Settings;
use shared::{answered, guard, internal, refused, Shared};

pub use crate::executor::BoxFuture;

/// What the server needs from its host.
#[derive(Clone)]
pub struct Options {
    pub fs: Arc<dyn FileSystem>,
    pub executor: Arc<dyn Executor>,
    /// Takes the JSON body of each message for the client (answers,
    /// notifications sent from jobs, the server's requests), written once
    /// straight from typed values (`to_json`); the transport frames and writes them in order.
    pub output: Sink,
    /// Set when the client sent `shutdown` (the process exits 0 on `exit` then, 1 otherwise).
    pub shutdown_requested: Arc<AtomicBool>,
}

impl Options {
    pub fn new(fs: Arc<dyn FileSystem>, executor: Arc<dyn Executor>, output: Sink) -> Self {
        Options { fs, executor, output, shutdown_requested: Arc::new(AtomicBool::new(false)) }
    }
}

pub struct Backend {
    shared: Shared,
}

impl Backend {
    pub fn new(options: Options) -> Self {
        Backend {
            shared: Shared {
                client: Client::new(options.output),
                session: Arc::new(RwLock::new(Arc::new(Session::default()))),
                workspace: Arc::new(Mutex::new(Workspace::default())),
                fs: options.fs,
                executor: options.executor,
                shutdown_requested: options.shutdown_requested,
                progress: Arc::default(),
                refresh_pending: Arc::default(),
                config_problems_shown: Arc::default(),
                workspace_reports: Arc::default(),
            },
        }
    }

    /// Serves messages (bodies the frame guard let through) until `exit` or
    /// the end of `input`.
    pub async fn serve<S: futures::Stream<Item = Value> + Unpin>(&self, input: S) {
        crate::rpc::serve::serve(self, input).await;
    }

    /// `rolekit/resolvedRole` `{ "uri": ... }`: the role with its parent
    /// chain merged in (the open document, else the file).
    pub async fn resolved_role(&self, params: Value) -> Result<Value> {
        let uri = params.get("uri").and_then(Value::as_str).unwrap_or_default().to_string();
        let shared = self.shared.clone();
        let doc = shared.snapshot(&uri, Stage::Parsed, false).await.map(|s| s.doc.clone());
        let (workspace, fs) = (shared.workspace.clone(), shared.fs.clone());
        shared
            .compute("rolekit/resolvedRole", move || {
                handlers::resolved_role::resolved_role(&workspace, &*fs, &uri, doc)
            })
            .await
    }
}

impl Backend {
    pub async fn initialize(&self, params: crate::session::InitializeParams) -> Result<rpc::Json> {
        let init = Session::initialize(&params);
        let mut session = init.session;
        session.settings = init.settings.unwrap_or_default();
        let shared = &self.shared;
        let settings_errors = init.settings_errors;
        let errors = guard("initialize", || {
            let (policy, mut errors) = Policy::load(&*shared.fs, init.roots.into(), &session.settings);
            errors.extend(settings_errors);
            *shared.lock() = Workspace::new(session.encoding, policy);
            *shared.session.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(session.clone());
            errors
        })
        .map_err(internal)?;
        for e in errors {
            shared.log(lsp::MessageType::WARNING, e);
        }
        Ok(handlers::initialize::result(&session))
    }

    pub fn initialized(&self) {
        self.shared.publish_config_problems();
        let caps = self.shared.session().caps.clone();
        if caps.watch_files_dynamic {
            self.shared.register_watchers();
        }
        if caps.type_hierarchy_dynamic {
            self.shared.register(handlers::initialize::type_hierarchy_registration());
        }
        if caps.configuration {
            self.shared.fetch_configuration();
        }
        self.shared.start_indexing();
    }

    pub async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    pub fn did_open(&self, p: lsp::DidOpenTextDocumentParams) {
        self.shared.change("didOpen", || Ok(sync::did_open(&self.shared.workspace, p)));
    }

    pub fn did_change(&self, p: lsp::DidChangeTextDocumentParams) {
        self.shared.change("didChange", || sync::did_change(&self.shared.workspace, p));
    }

    pub fn did_save(&self, p: lsp::DidSaveTextDocumentParams) {
        self.shared.change("didSave", || Ok(sync::did_save(&self.shared.workspace, &*self.shared.fs, p)));
    }

    pub fn did_close(&self, p: lsp::DidCloseTextDocumentParams) {
        self.shared.change("didClose", || Ok(sync::did_close(&self.shared.workspace, p)));
    }

    pub fn did_change_watched_files(&self, p: lsp::DidChangeWatchedFilesParams) {
        let settings = self.shared.session().settings.clone();
        let shared = &self.shared;
        shared.change("didChangeWatchedFiles", || {
            Ok(sync::did_change_watched_files(&shared.workspace, &*shared.fs, &settings, p))
        });
    }

    pub fn did_change_configuration(&self, p: lsp::DidChangeConfigurationParams) {
        let settings = if p.settings.is_null() { None } else { Some(Settings::from_json(&p.settings)) };
        match settings {
            Some((settings, errors)) => self.shared.apply_settings("didChangeConfiguration", settings, errors),
            None if self.shared.session().caps.configuration => self.shared.fetch_configuration(),
            None => {}
        }
    }

    pub async fn diagnostic(&self, p: lsp::DocumentDiagnosticParams) -> Result<lsp::DocumentDiagnosticReportResult> {
        let items = self
            .shared
            .request("textDocument/diagnostic", &p.text_document.uri, Stage::Checked, false, |s| {
                Some(diagnostics::pull(s))
            })
            .await?
            .unwrap_or_default();
        Ok(lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
            lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport { result_id: None, items },
            },
        )))
    }

    async fn workspace_diagnostic(
        &self,
        p: lsp::WorkspaceDiagnosticParams,
    ) -> Result<lsp::WorkspaceDiagnosticReportResult> {
        let shared = self.shared.clone();
        let session = shared.session();
        let (workspace, fs, reports) = (shared.workspace.clone(), shared.fs.clone(), shared.workspace_reports.clone());
        let previous = p.previous_result_ids;
        let report = shared
            .compute("workspace/diagnostic", move || {
                handlers::workspace_diagnostics::workspace_diagnostics(&workspace, &*fs, &session, &reports, &previous)
            })
            .await?;
        Ok(lsp::WorkspaceDiagnosticReportResult::Report(report))
    }

    pub fn completion(&self, p: lsp::CompletionParams) -> Reply<'_> {
        let at = p.text_document_position;
        let position = at.position;
        self.shared.answer("completion", &at.text_document.uri, Stage::Parsed, true, move |s| {
            handlers::completion::completion(s, position)
        })
    }

    pub fn hover(&self, p: lsp::HoverParams) -> Reply<'_> {
        let at = p.text_document_position_params;
        let position = at.position;
        self.shared
            .answer("hover", &at.text_document.uri, Stage::Parsed, true, move |s| handlers::hover::hover(s, position))
    }

    pub fn document_symbol(&self, p: lsp::DocumentSymbolParams) -> Reply<'_> {
        self.shared.answer("documentSymbol", &p.text_document.uri, Stage::Parsed, false, handlers::symbols::symbols)
    }

    pub fn formatting(&self, p: lsp::DocumentFormattingParams) -> Reply<'_> {
        self.shared.answer("formatting", &p.text_document.uri, Stage::Parsed, false, handlers::formatting::formatting)
    }

    pub fn range_formatting(&self, p: lsp::DocumentRangeFormattingParams) -> Reply<'_> {
        let range = p.range;
        self.shared.answer("rangeFormatting", &p.text_document.uri, Stage::Parsed, false, move |s| {
            handlers::formatting::range_formatting(s, range)
        })
    }

    pub fn folding_range(&self, p: lsp::FoldingRangeParams) -> Reply<'_> {
        self.shared.answer("foldingRange", &p.text_document.uri, Stage::Parsed, false, handlers::folding::folding)
    }

    pub fn selection_range(&self, p: lsp::SelectionRangeParams) -> Reply<'_> {
        let positions = p.positions;
        self.shared.answer("selectionRange", &p.text_document.uri, Stage::Parsed, false, move |s| {
            handlers::selection::selection(s, &positions)
        })
    }

    pub fn goto_definition(&self, p: lsp::GotoDefinitionParams) -> Reply<'_> {
        let at = p.text_document_position_params;
        let position = at.position;
        self.shared.answer("definition", &at.text_document.uri, Stage::Parsed, true, move |s| {
            handlers::definition::definition(s, position)
        })
    }

    pub fn document_link(&self, p: lsp::DocumentLinkParams) -> Reply<'_> {
        self.shared.answer("documentLink", &p.text_document.uri, Stage::Parsed, true, handlers::links::links)
    }

    pub async fn references(&self, p: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        let at = p.text_document_position;
        let (position, include) = (at.position, p.context.include_declaration);
        // While the index fills, the answer holds what is known: say so on the client's token.
        let token = p.work_done_progress_params.work_done_token;
        let indexing = {
            let w = self.shared.lock();
            w.indexing.running.then_some((w.indexing.read, w.indexing.listed))
        };
        let reported = match (&token, indexing) {
            (Some(token), Some((read, listed))) => {
                let begin = lsp::WorkDoneProgressBegin {
                    title: "rolekit: finding references".to_string(),
                    cancellable: Some(false),
                    message: Some(format!("indexing: {read} of {listed} files read, results may be incomplete")),
                    percentage: None,
                };
                self.shared.notify::<lsp::notification::Progress>(progress(token, lsp::WorkDoneProgress::Begin(begin)));
                Some(token)
            }
            _ => None,
        };
        let answer = self
            .shared
            .request("references", &at.text_document.uri, Stage::Parsed, true, move |s| {
                handlers::references::references(s, position, include)
            })
            .await;
        if let Some(token) = reported {
            let end = lsp::WorkDoneProgressEnd { message: None };
            self.shared.notify::<lsp::notification::Progress>(progress(token, lsp::WorkDoneProgress::End(end)));
        }
        answer
    }

    pub fn prepare_rename(&self, p: lsp::TextDocumentPositionParams) -> Reply<'_> {
        let position = p.position;
        self.shared.answer_or_refuse("prepareRename", &p.text_document.uri, Stage::Parsed, false, move |s| {
            handlers::rename::prepare(s, position).map(Some).map_err(refused)
        })
    }

    /// The edits, or a refusal; a note on what the edits leave out is shown
    /// to the user (`window/showMessage`).
    pub fn rename(&self, p: lsp::RenameParams) -> Reply<'_> {
        let at = p.text_document_position;
        let (position, new_name) = (at.position, p.new_name);
        let shared = self.shared.clone();
        self.shared.answer_or_refuse("rename", &at.text_document.uri, Stage::Parsed, true, move |s| {
            let (edit, note) = handlers::rename::rename(s, position, &new_name).map_err(refused)?;
            if let Some(message) = note {
                let params = lsp::ShowMessageParams { typ: lsp::MessageType::WARNING, message };
                shared.notify::<lsp::notification::ShowMessage>(params);
            }
            Ok(Some(edit))
        })
    }

    pub fn symbol(&self, p: lsp::WorkspaceSymbolParams) -> Reply<'_> {
        let session = self.shared.session();
        let seen = self.shared.lock().all_seen();
        let query = p.query;
        answered(
            guard("workspace/symbol", move || handlers::workspace_symbols::symbols(&query, &seen, &session))
                .map_err(internal)
                .map(|symbols| rpc::Json::of(&lsp::WorkspaceSymbolResponse::Nested(symbols))),
        )
    }

    pub fn inlay_hint(&self, p: lsp::InlayHintParams) -> Reply<'_> {
        let range = p.range;
        self.shared.answer("inlayHint", &p.text_document.uri, Stage::Checked, false, move |s| {
            handlers::inlay_hints::inlay_hints(s, range)
        })
    }

    pub fn prepare_type_hierarchy(&self, p: lsp::TypeHierarchyPrepareParams) -> Reply<'_> {
        let at = p.text_document_position_params;
        let position = at.position;
        self.shared.answer("prepareTypeHierarchy", &at.text_document.uri, Stage::Parsed, true, move |s| {
            handlers::type_hierarchy::prepare(s, position)
        })
    }

    pub fn supertypes(&self, p: lsp::TypeHierarchySupertypesParams) -> Reply<'_> {
        let session = self.shared.session();
        let seen = self.shared.lock().seen(p.item.uri.as_str());
        answered(
            guard("typeHierarchy/supertypes", || handlers::type_hierarchy::supertypes(&p.item, &seen, &session))
                .map_err(internal)
                .map(|items| rpc::Json::of(&items)),
        )
    }

    pub fn subtypes(&self, p: lsp::TypeHierarchySubtypesParams) -> Reply<'_> {
        let session = self.shared.session();
        let seen = self.shared.lock().seen(p.item.uri.as_str());
        answered(
            guard("typeHierarchy/subtypes", || handlers::type_hierarchy::subtypes(&p.item, &seen, &session))
                .map_err(internal)
                .map(|items| rpc::Json::of(&items)),
        )
    }

    pub fn code_lens(&self, p: lsp::CodeLensParams) -> Reply<'_> {
        self.shared.answer("codeLens", &p.text_document.uri, Stage::Parsed, true, handlers::code_lens::code_lens)
    }

    pub fn document_highlight(&self, p: lsp::DocumentHighlightParams) -> Reply<'_> {
        let at = p.text_document_position_params;
        let position = at.position;
        self.shared.answer("documentHighlight", &at.text_document.uri, Stage::Parsed, false, move |s| {
            handlers::highlights::highlights(s, position)
        })
    }

    fn semantic_tokens_full(&self, p: lsp::SemanticTokensParams) -> Reply<'_> {
        self.shared.answer(
            "semanticTokens/full",
            &p.text_document.uri,
            Stage::Parsed,
            false,
            handlers::semantic_tokens::full,
        )
    }

    fn semantic_tokens_range(&self, p: lsp::SemanticTokensRangeParams) -> Reply<'_> {
        let range = p.range;
        self.shared.answer("semanticTokens/range", &p.text_document.uri, Stage::Parsed, false, move |s| {
            handlers::semantic_tokens::range(s, range)
        })
    }

    fn will_rename_files(&self, p: lsp::RenameFilesParams) -> Reply<'_> {
        answered(self.will_rename(p).map(|edit| rpc::Json::of(&edit)))
    }

    fn will_rename(&self, p: lsp::RenameFilesParams) -> Result<Option<lsp::WorkspaceEdit>> {
        let session = self.shared.session();
        let mut changes = std::collections::HashMap::new();
        for file in &p.files {
            let seen = self.shared.lock().seen(&file.old_uri);
            let answer =
                guard("workspace/willRenameFiles", || handlers::will_rename::will_rename(file, &seen, &session))
                    .map_err(internal)?;
            match answer {
                Ok(found) => changes.extend(found.into_iter().flatten()),
                Err(message) => {
                    let params = lsp::ShowMessageParams { typ: lsp::MessageType::WARNING, message };
                    self.shared.notify::<lsp::notification::ShowMessage>(params);
                    return Ok(None);
                }
            }
        }
        Ok((!changes.is_empty()).then(|| lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() }))
    }

    pub fn code_action(&self, p: lsp::CodeActionParams) -> Reply<'_> {
        let uri = p.text_document.uri.clone();
        self.shared
            .answer("codeAction", &uri, Stage::Checked, false, move |s| handlers::code_actions::code_actions(s, &p))
    }
}

#[cfg(test)]
mod tests;
