//! The async layer: tower-lsp-server's `LanguageServer` over [`State`].
//!
//! Every handler runs its state change synchronously first (lock, call one
//! [`State`] method, unlock) and only then awaits the client. Document edits
//! therefore apply in arrival order even though tower-lsp-server polls
//! handlers concurrently, and a client request the server sends (configuration,
//! watcher registration, diagnostic refresh) is always spawned, never awaited
//! inside a notification handler.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rolekit_core::PositionEncoding;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService};

use crate::config::Settings;
use crate::fs::FileSystem;
use crate::state::{ClientCaps, Outcome, State};

pub type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Runs background work (client requests sent from notification handlers):
/// `tokio::spawn` natively, the host's executor in WebAssembly.
pub type Spawner = Arc<dyn Fn(BoxFuture) + Send + Sync>;

/// Takes the JSON body of a notification and writes it to the client, framed.
pub type RawSink = Arc<dyn Fn(Vec<u8>) + Send + Sync>;

/// What the server needs from its host.
#[derive(Clone)]
pub struct Options {
    pub fs: Arc<dyn FileSystem>,
    pub spawn: Spawner,
    /// When the host owns the output stream: diagnostics are serialized once,
    /// straight from typed values, instead of through tower-lsp-server's
    /// `serde_json::Value` round trip (five times faster on big documents).
    pub raw_sink: Option<RawSink>,
    /// Set when the client sent `shutdown` (the process exits 0 on `exit` then, 1 otherwise).
    pub shutdown_requested: Arc<AtomicBool>,
}

impl Options {
    pub fn new(fs: Arc<dyn FileSystem>, spawn: Spawner) -> Self {
        Options { fs, spawn, raw_sink: None, shutdown_requested: Arc::new(AtomicBool::new(false)) }
    }
}

#[derive(Clone)]
struct Shared {
    client: Client,
    state: Arc<Mutex<State>>,
    fs: Arc<dyn FileSystem>,
    spawn: Spawner,
    raw_sink: Option<RawSink>,
    shutdown_requested: Arc<AtomicBool>,
}

/// `PublishDiagnosticsParams` borrowing the stored diagnostics.
#[derive(serde::Serialize)]
struct RawPublish<'a> {
    uri: &'a lsp::Uri,
    diagnostics: &'a [lsp::Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

#[derive(serde::Serialize)]
struct RawNotification<'a, P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a P,
}

pub struct Backend {
    shared: Shared,
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

fn uri_key(uri: &lsp::Uri) -> String {
    uri.as_str().to_string()
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the state, synchronously, catching panics.
    fn run<T>(&self, what: &str, f: impl FnOnce(&mut State, &dyn FileSystem) -> T) -> std::result::Result<T, String> {
        let mut guard = self.lock();
        let fs: &dyn FileSystem = &*self.fs;
        std::panic::catch_unwind(AssertUnwindSafe(|| f(&mut guard, fs)))
            .map_err(|p| format!("rolekit: {what} failed: {}", panic_message(p.as_ref())))
    }

    /// Sends what a state change produced: diagnostics, log lines, a refresh.
    async fn deliver(&self, outcome: std::result::Result<Outcome, String>) {
        let outcome = match outcome {
            Ok(o) => o,
            Err(message) => {
                self.client.log_message(lsp::MessageType::ERROR, message).await;
                return;
            }
        };
        for message in outcome.log {
            self.client.log_message(lsp::MessageType::WARNING, message).await;
        }
        for p in outcome.publish {
            // A newer change has published (or will publish) fresher diagnostics.
            let current = self.lock().docs.get(p.uri.as_str()).map(|d| d.version);
            if p.version.is_some() && current != p.version {
                continue;
            }
            match &self.raw_sink {
                Some(sink) => {
                    let params = RawPublish { uri: &p.uri, diagnostics: &p.diagnostics, version: p.version };
                    let message =
                        RawNotification { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: &params };
                    if let Ok(body) = serde_json::to_vec(&message) {
                        sink(body);
                    }
                }
                None => {
                    let diagnostics = Arc::try_unwrap(p.diagnostics).unwrap_or_else(|shared| shared.as_ref().clone());
                    self.client.publish_diagnostics(p.uri, diagnostics, p.version).await
                }
            }
        }
        if outcome.refresh && self.lock().caps.diagnostic_refresh {
            let client = self.client.clone();
            (self.spawn)(Box::pin(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            }));
        }
    }

    /// Answers a request from the state; a panic becomes an internal error and a log line.
    async fn answer<T>(&self, what: &str, f: impl FnOnce(&mut State, &dyn FileSystem) -> T) -> Result<T> {
        match self.run(what, f) {
            Ok(v) => Ok(v),
            Err(message) => {
                self.client.log_message(lsp::MessageType::ERROR, &message).await;
                Err(Error { code: ErrorCode::InternalError, message: message.into(), data: None })
            }
        }
    }

    /// Asks the client for the `rolekit` settings, in the background.
    fn fetch_configuration(&self) {
        let this = self.clone();
        (self.spawn)(Box::pin(async move {
            let item = lsp::ConfigurationItem { scope_uri: None, section: Some("rolekit".to_string()) };
            let Ok(values) = this.client.configuration(vec![item]).await else { return };
            let Some(settings) = values.first().filter(|v| !v.is_null()).and_then(Settings::from_json) else { return };
            this.apply_settings("configuration", settings).await;
        }));
    }

    /// Applies the client's settings; when they changed, rechecks every
    /// document and delivers the new diagnostics.
    async fn apply_settings(&self, what: &str, settings: Settings) {
        let outcome = self.run(what, |s, fs| {
            let errors = s.set_settings(settings)?;
            let mut out = s.recheck_all(fs);
            out.log.extend(errors);
            Some(out)
        });
        match outcome {
            Ok(None) => {}
            Ok(Some(out)) => self.deliver(Ok(out)).await,
            Err(e) => self.deliver(Err(e)).await,
        }
    }

    fn register_watchers(&self) {
        let client = self.client.clone();
        (self.spawn)(Box::pin(async move {
            let watchers = ["**/*.md", "**/rolekit.toml"]
                .into_iter()
                .map(|g| lsp::FileSystemWatcher { glob_pattern: lsp::GlobPattern::String(g.to_string()), kind: None })
                .collect();
            let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = lsp::Registration {
                id: "rolekit-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = client.register_capability(vec![registration]).await {
                client.log_message(lsp::MessageType::WARNING, format!("rolekit: could not watch files: {e}")).await;
            }
        }));
    }
}

impl Backend {
    pub fn new(client: Client, options: Options) -> Self {
        Backend {
            shared: Shared {
                client,
                state: Arc::new(Mutex::new(State::default())),
                fs: options.fs,
                spawn: options.spawn,
                raw_sink: options.raw_sink,
                shutdown_requested: options.shutdown_requested,
            },
        }
    }

    /// The tower service and the client socket to serve over any transport.
    pub fn service(options: Options) -> (LspService<Backend>, ClientSocket) {
        LspService::build(move |client| Backend::new(client, options.clone()))
            .custom_method("rolekit/resolvedRole", Backend::resolved_role)
            .finish()
    }

    /// `rolekit/resolvedRole` `{ "uri": ... }`: the role as a loader that
    /// honours `inherits` sees it (JSON), for "Show Resolved Role".
    pub async fn resolved_role(&self, params: Value) -> Result<Value> {
        let uri = params.get("uri").and_then(Value::as_str).unwrap_or_default().to_string();
        self.shared
            .answer("rolekit/resolvedRole", |s, fs| s.resolved_role(fs, &uri))
            .await
            .map(|v| v.unwrap_or(Value::Null))
    }
}

/// Reads the client's capabilities.
fn client_caps(c: &lsp::ClientCapabilities) -> ClientCaps {
    let td = c.text_document.as_ref();
    let ws = c.workspace.as_ref();
    ClientCaps {
        snippets: td
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.snippet_support)
            .unwrap_or(false),
        related_information: td
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false),
        hierarchical_symbols: td
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false),
        definition_links: td.and_then(|t| t.definition.as_ref()).and_then(|d| d.link_support).unwrap_or(false),
        pull_diagnostics: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
        diagnostic_refresh: ws.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false),
        watch_files_dynamic: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
    }
}

fn negotiate_encoding(c: &lsp::ClientCapabilities) -> PositionEncoding {
    let offered = c.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|encs| encs.contains(&lsp::PositionEncodingKind::UTF8)) {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    }
}

#[allow(deprecated)]
fn workspace_roots(p: &lsp::InitializeParams) -> Vec<String> {
    match &p.workspace_folders {
        Some(folders) if !folders.is_empty() => folders.iter().map(|f| uri_key(&f.uri)).collect(),
        _ => p.root_uri.iter().map(uri_key).collect(),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let encoding = negotiate_encoding(&params.capabilities);
        let caps = client_caps(&params.capabilities);
        let options = params.initialization_options.clone().unwrap_or(Value::Null);
        let mode = options.get("diagnosticMode").and_then(Value::as_str).unwrap_or("auto");
        // Pull when the client can and was not told otherwise; push otherwise (never both:
        // a client doing both would show every diagnostic twice).
        let pull = caps.pull_diagnostics && mode != "push";
        let settings = options.get("settings").or_else(|| options.get("rolekit")).and_then(Settings::from_json);
        let roots = workspace_roots(&params);
        let errors = self
            .shared
            .answer("initialize", |s, fs| {
                *s = State::new(encoding, caps, roots, !pull);
                let mut errors = s.load_config(fs);
                if let Some(settings) = settings {
                    errors.extend(s.set_settings(settings).unwrap_or_default());
                }
                errors
            })
            .await?;
        for e in errors {
            self.shared.client.log_message(lsp::MessageType::WARNING, e).await;
        }
        let encoding_kind = match encoding {
            PositionEncoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            _ => lsp::PositionEncodingKind::UTF16,
        };
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(encoding_kind),
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
            folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
            selection_range_provider: Some(lsp::SelectionRangeProviderCapability::Simple(true)),
            definition_provider: Some(lsp::OneOf::Left(true)),
            references_provider: Some(lsp::OneOf::Left(true)),
            document_link_provider: Some(lsp::DocumentLinkOptions {
                resolve_provider: Some(false),
                work_done_progress_options: Default::default(),
            }),
            diagnostic_provider: pull.then(|| {
                lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                    identifier: Some("rolekit".to_string()),
                    inter_file_dependencies: true,
                    workspace_diagnostics: false,
                    work_done_progress_options: Default::default(),
                })
            }),
            ..Default::default()
        };
        Ok(lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "rolekit".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        let caps = self.shared.run("index", |s, fs| {
            s.index_workspace(fs);
            s.caps.clone()
        });
        match caps {
            Ok(caps) => {
                if caps.watch_files_dynamic {
                    self.shared.register_watchers();
                }
                if caps.configuration {
                    self.shared.fetch_configuration();
                }
            }
            Err(message) => self.shared.client.log_message(lsp::MessageType::ERROR, message).await,
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        if let Ok(mut s) = self.shared.state.lock() {
            s.shutdown_requested = true;
        }
        Ok(())
    }

    async fn did_open(&self, p: lsp::DidOpenTextDocumentParams) {
        let d = p.text_document;
        let outcome = self.shared.run("didOpen", |s, fs| s.open(fs, d.uri.as_str(), d.version, d.text));
        self.shared.deliver(outcome).await;
    }

    async fn did_change(&self, p: lsp::DidChangeTextDocumentParams) {
        let d = p.text_document;
        let outcome = self
            .shared
            .run("didChange", |s, fs| s.change(fs, d.uri.as_str(), d.version, p.content_changes))
            .and_then(|r| r);
        self.shared.deliver(outcome).await;
    }

    async fn did_save(&self, p: lsp::DidSaveTextDocumentParams) {
        let outcome = self.shared.run("didSave", |s, fs| s.save(fs, p.text_document.uri.as_str(), p.text));
        self.shared.deliver(outcome).await;
    }

    async fn did_close(&self, p: lsp::DidCloseTextDocumentParams) {
        let outcome = self.shared.run("didClose", |s, fs| s.close(fs, p.text_document.uri.as_str()));
        self.shared.deliver(outcome).await;
    }

    async fn did_change_watched_files(&self, p: lsp::DidChangeWatchedFilesParams) {
        let changes: Vec<(String, bool)> =
            p.changes.iter().map(|c| (uri_key(&c.uri), c.typ == lsp::FileChangeType::DELETED)).collect();
        let outcome = self.shared.run("didChangeWatchedFiles", |s, fs| s.watched(fs, &changes));
        self.shared.deliver(outcome).await;
    }

    async fn did_change_configuration(&self, p: lsp::DidChangeConfigurationParams) {
        let settings = if p.settings.is_null() { None } else { Settings::from_json(&p.settings) };
        match settings {
            Some(settings) => self.shared.apply_settings("didChangeConfiguration", settings).await,
            None => {
                let can_ask = self.shared.lock().caps.configuration;
                if can_ask {
                    self.shared.fetch_configuration();
                }
            }
        }
    }

    async fn diagnostic(&self, p: lsp::DocumentDiagnosticParams) -> Result<lsp::DocumentDiagnosticReportResult> {
        let items = self
            .shared
            .answer("textDocument/diagnostic", |s, _| s.diagnostics(p.text_document.uri.as_str()))
            .await?
            .map(|(_, items)| items)
            .unwrap_or_default();
        Ok(lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
            lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport { result_id: None, items },
            },
        )))
    }

    async fn completion(&self, p: lsp::CompletionParams) -> Result<Option<lsp::CompletionResponse>> {
        let at = p.text_document_position;
        self.shared.answer("completion", |s, _| s.completion(at.text_document.uri.as_str(), at.position)).await
    }

    async fn hover(&self, p: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let at = p.text_document_position_params;
        self.shared.answer("hover", |s, _| s.hover(at.text_document.uri.as_str(), at.position)).await
    }

    async fn document_symbol(&self, p: lsp::DocumentSymbolParams) -> Result<Option<lsp::DocumentSymbolResponse>> {
        self.shared.answer("documentSymbol", |s, _| s.symbols(p.text_document.uri.as_str())).await
    }

    async fn folding_range(&self, p: lsp::FoldingRangeParams) -> Result<Option<Vec<lsp::FoldingRange>>> {
        self.shared.answer("foldingRange", |s, _| s.folding(p.text_document.uri.as_str())).await
    }

    async fn selection_range(&self, p: lsp::SelectionRangeParams) -> Result<Option<Vec<lsp::SelectionRange>>> {
        self.shared.answer("selectionRange", |s, _| s.selection(p.text_document.uri.as_str(), &p.positions)).await
    }

    async fn goto_definition(&self, p: lsp::GotoDefinitionParams) -> Result<Option<lsp::GotoDefinitionResponse>> {
        let at = p.text_document_position_params;
        self.shared.answer("definition", |s, fs| s.definition(fs, at.text_document.uri.as_str(), at.position)).await
    }

    async fn document_link(&self, p: lsp::DocumentLinkParams) -> Result<Option<Vec<lsp::DocumentLink>>> {
        self.shared.answer("documentLink", |s, _| s.links(p.text_document.uri.as_str())).await
    }

    async fn references(&self, p: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        let at = p.text_document_position;
        let include = p.context.include_declaration;
        self.shared.answer("references", |s, _| s.references(at.text_document.uri.as_str(), at.position, include)).await
    }

    async fn code_action(&self, p: lsp::CodeActionParams) -> Result<Option<lsp::CodeActionResponse>> {
        self.shared.answer("codeAction", |s, _| s.code_actions(p.text_document.uri.as_str(), &p)).await
    }
}
