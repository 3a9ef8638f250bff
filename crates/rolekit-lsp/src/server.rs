//! The async layer: tower-lsp-server's `LanguageServer`, routing each
//! message to its handler ([`crate::handlers`]).
//!
//! - A notification applies its change to the workspace synchronously
//!   (lock, change, unlock) before any `.await`, so changes apply in arrival
//!   order even though tower-lsp-server polls handlers concurrently; then it
//!   starts the jobs the change calls for ([`crate::executor`]).
//! - A request takes a snapshot of its document once the document has
//!   reached the stage it needs (parsed; checked for code actions and pulled
//!   diagnostics), waiting for that document only, and computes its answer
//!   outside the lock (in a job, where there are threads).
//! - Client requests the server sends (configuration, watcher registration,
//!   progress tokens, diagnostic refresh) are spawned, never awaited inside
//!   a notification handler.
//! - Nothing panics out: jobs and handlers run under `catch_unwind`; a
//!   failure becomes an LSP error and a `window/logMessage`.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use futures::channel::oneshot;
use serde::Serialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService};

use crate::executor::{Executor, Priority};
use crate::fs::FileSystem;
use crate::handlers::{self, configuration, diagnostics, sync};
use crate::session::Session;
use crate::workspace::check::{self, Done};
use crate::workspace::document::Stage;
use crate::workspace::indexer::{self, Budget, Slice};
use crate::workspace::policy::{Policy, Settings};
use crate::workspace::{lock, Effects, Lookup, Snapshot, Workspace};

pub use crate::executor::BoxFuture;

/// Takes the JSON body of a notification and writes it to the client, framed.
pub type RawSink = Arc<dyn Fn(Vec<u8>) + Send + Sync>;

/// What the server needs from its host.
#[derive(Clone)]
pub struct Options {
    pub fs: Arc<dyn FileSystem>,
    pub executor: Arc<dyn Executor>,
    /// When the host owns the output stream: notifications sent from jobs
    /// (diagnostics, progress, logs) are serialized once, straight from
    /// typed values, and written in order, instead of going through
    /// tower-lsp-server's `serde_json::Value` round trip.
    pub raw_sink: Option<RawSink>,
    /// Set when the client sent `shutdown` (the process exits 0 on `exit` then, 1 otherwise).
    pub shutdown_requested: Arc<AtomicBool>,
}

impl Options {
    pub fn new(fs: Arc<dyn FileSystem>, executor: Arc<dyn Executor>) -> Self {
        Options { fs, executor, raw_sink: None, shutdown_requested: Arc::new(AtomicBool::new(false)) }
    }
}

/// The indexing progress reported to the client (`window/workDoneProgress`).
#[derive(Default)]
struct Progress {
    /// The client accepted the token.
    ready: bool,
    begun: bool,
    ended: bool,
    reported: u32,
}

const INDEX_TOKEN: &str = "rolekit/indexing";

#[derive(Clone)]
struct Shared {
    client: Client,
    session: Arc<RwLock<Arc<Session>>>,
    workspace: Arc<Mutex<Workspace>>,
    fs: Arc<dyn FileSystem>,
    executor: Arc<dyn Executor>,
    raw_sink: Option<RawSink>,
    shutdown_requested: Arc<AtomicBool>,
    progress: Arc<Mutex<Progress>>,
    refresh_pending: Arc<AtomicBool>,
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

fn guard<T>(what: &str, f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|p| format!("rolekit: {what} failed: {}", panic_message(&*p)))
}

fn internal(message: String) -> Error {
    Error { code: ErrorCode::InternalError, message: message.into(), data: None }
}

#[derive(Serialize)]
struct RawNotification<'a, P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a P,
}

impl Shared {
    fn session(&self) -> Arc<Session> {
        self.session.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn lock(&self) -> MutexGuard<'_, Workspace> {
        lock(&self.workspace)
    }

    // ----- output ----------------------------------------------------------------------------

    /// Sends a notification from anywhere (a job's thread included).
    fn notify<N>(&self, params: N::Params)
    where
        N: Notification,
        N::Params: Serialize + Send + 'static,
    {
        match &self.raw_sink {
            Some(sink) => {
                let message = RawNotification { jsonrpc: "2.0", method: N::METHOD, params: &params };
                if let Ok(body) = serde_json::to_vec(&message) {
                    sink(body);
                }
            }
            None => {
                let client = self.client.clone();
                self.executor.spawn(Box::pin(async move { client.send_notification::<N>(params).await }));
            }
        }
    }

    fn log(&self, kind: lsp::MessageType, message: String) {
        self.notify::<lsp::notification::LogMessage>(lsp::LogMessageParams { typ: kind, message });
    }

    /// Starts the jobs a change calls for, clears closed documents'
    /// diagnostics and logs problems. Called without the lock.
    fn apply(&self, fx: Effects) {
        for uri in fx.check {
            self.submit(uri);
        }
        if self.session().push {
            for uri in fx.clear {
                // Under the lock: a job's late publish for the document cannot follow it.
                let w = self.lock();
                self.send_publish(&uri, None, w, None);
            }
        }
        for message in fx.log {
            self.log(lsp::MessageType::WARNING, message);
        }
        if !fx.garbage.is_empty() {
            let garbage = fx.garbage;
            self.executor.run(Priority::Index, Box::new(move || drop(garbage)));
        }
    }

    /// Applies a notification's change (synchronously, under `catch_unwind`) and its effects.
    fn change(&self, what: &str, f: impl FnOnce() -> std::result::Result<Effects, String>) {
        match guard(what, f) {
            Ok(Ok(fx)) => self.apply(fx),
            Ok(Err(message)) => self.log(lsp::MessageType::ERROR, format!("rolekit: {message}")),
            Err(message) => self.log(lsp::MessageType::ERROR, message),
        }
    }

    // ----- document jobs ---------------------------------------------------------------------

    /// Starts the job that parses and checks `uri` (none runs for it).
    fn submit(&self, uri: String) {
        let this = self.clone();
        self.executor.run(
            Priority::Document,
            Box::new(move || {
                let mut done = |d: Done| this.checked(d);
                if let Err(message) =
                    guard("checking a document", || check::run(&this.workspace, &*this.fs, &uri, &mut done))
                {
                    this.lock().job_failed(&uri);
                    this.log(lsp::MessageType::ERROR, format!("{message} ({uri})"));
                }
            }),
        );
    }

    /// A check was stored: publish it (push), or ask a pull client to pull again.
    fn checked(&self, done: Done) {
        let session = self.session();
        if !session.push {
            if done.external {
                self.refresh();
            }
            return;
        }
        match &self.raw_sink {
            Some(_) => {
                let body = diagnostics::publish_body(&done.uri, done.version, &done.doc, &done.checked, &session);
                let w = self.lock();
                self.send_publish(&done.uri, Some(done.revision), w, body);
            }
            None => {
                let Ok(uri) = done.uri.parse::<lsp::Uri>() else { return };
                let converter = diagnostics::Converter::new(uri.clone(), &done.doc, &done.checked, &session);
                let items: Vec<lsp::Diagnostic> =
                    done.checked.diagnostics.iter().map(|d| converter.convert(d)).collect();
                let client = self.client.clone();
                let version = done.version;
                self.executor
                    .spawn(Box::pin(async move { client.publish_diagnostics(uri, items, Some(version)).await }));
            }
        }
    }

    /// Writes a publish while holding the workspace lock: only if the
    /// document is still at `revision` (`None`: a clearing publish, sent for
    /// closed documents).
    fn send_publish(&self, uri: &str, revision: Option<u64>, w: MutexGuard<'_, Workspace>, body: Option<Vec<u8>>) {
        match revision {
            Some(r) if w.docs.get(uri).map(|d| d.revision) != Some(r) => {}
            Some(_) => {
                if let (Some(sink), Some(body)) = (&self.raw_sink, body) {
                    sink(body);
                }
            }
            None => {
                if w.docs.contains_key(uri) {
                    return; // reopened meanwhile
                }
                match (&self.raw_sink, diagnostics::clear_body(uri)) {
                    (Some(sink), Some(body)) => sink(body),
                    _ => {
                        drop(w);
                        let Ok(uri) = uri.parse::<lsp::Uri>() else { return };
                        let client = self.client.clone();
                        self.executor
                            .spawn(Box::pin(async move { client.publish_diagnostics(uri, Vec::new(), None).await }));
                    }
                }
            }
        }
    }

    /// Pull mode: asks the client to pull again (once for a burst of checks).
    fn refresh(&self) {
        if !self.session().caps.diagnostic_refresh || self.refresh_pending.swap(true, Ordering::SeqCst) {
            return;
        }
        let client = self.client.clone();
        let pending = self.refresh_pending.clone();
        self.executor.spawn(Box::pin(async move {
            pending.store(false, Ordering::SeqCst);
            let _ = client.workspace_diagnostic_refresh().await;
        }));
    }

    // ----- requests --------------------------------------------------------------------------

    /// The document at `uri` once it reached `stage` (waiting for it alone).
    async fn snapshot(&self, uri: &str, stage: Stage, seen: bool) -> Option<Box<Snapshot>> {
        let session = self.session();
        loop {
            let lookup = self.lock().lookup(uri, stage, seen, &session, &self.fs);
            match lookup {
                Lookup::Closed => return None,
                Lookup::Ready(snapshot) => return Some(snapshot),
                // A closed document drops the sender: look again (and find it closed).
                Lookup::Wait(ready) => {
                    let _ = ready.await;
                }
            }
        }
    }

    /// Computes an answer outside the lock: in a job where there are
    /// threads, here otherwise. A panic becomes an internal error.
    async fn compute<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T> {
        let result = if self.executor.threaded() {
            let (tx, rx) = oneshot::channel();
            self.executor.run(
                Priority::Document,
                Box::new(move || {
                    let _ = tx.send(guard(what, f));
                }),
            );
            rx.await.unwrap_or_else(|_| Err(format!("rolekit: {what} was dropped")))
        } else {
            guard(what, f)
        };
        result.map_err(|message| {
            self.log(lsp::MessageType::ERROR, message.clone());
            internal(message)
        })
    }

    /// Answers a request about one document: `None` when it is not open.
    async fn request<T: Send + 'static>(
        &self,
        what: &'static str,
        uri: &lsp::Uri,
        stage: Stage,
        seen: bool,
        f: impl FnOnce(&Snapshot) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let Some(snapshot) = self.snapshot(uri.as_str(), stage, seen).await else { return Ok(None) };
        self.compute(what, move || f(&snapshot)).await
    }

    // ----- configuration ---------------------------------------------------------------------

    /// Asks the client for the `rolekit` settings, in the background.
    fn fetch_configuration(&self) {
        let this = self.clone();
        self.executor.spawn(Box::pin(async move {
            let item = lsp::ConfigurationItem { scope_uri: None, section: Some("rolekit".to_string()) };
            let Ok(values) = this.client.configuration(vec![item]).await else { return };
            let Some(settings) = values.first().filter(|v| !v.is_null()).and_then(Settings::from_json) else { return };
            this.apply_settings("configuration", settings);
        }));
    }

    fn apply_settings(&self, what: &str, settings: Settings) {
        self.change(what, || {
            Ok(configuration::apply_settings(&self.session, &self.workspace, settings).unwrap_or_default())
        });
    }

    fn register_watchers(&self) {
        let client = self.client.clone();
        self.executor.spawn(Box::pin(async move {
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

    // ----- indexing --------------------------------------------------------------------------

    /// Indexes the workspace folders in the background, reporting progress
    /// when the client takes it.
    fn start_indexing(&self) {
        self.lock().start_indexing();
        if self.session().caps.work_done_progress {
            let this = self.clone();
            self.executor.spawn(Box::pin(async move {
                let token = lsp::ProgressToken::String(INDEX_TOKEN.to_string());
                let created = this
                    .client
                    .send_request::<lsp::request::WorkDoneProgressCreate>(lsp::WorkDoneProgressCreateParams { token })
                    .await;
                if created.is_ok() {
                    this.progress.lock().unwrap_or_else(|e| e.into_inner()).ready = true;
                    let complete = this.lock().indexing.complete;
                    this.index_progress(complete);
                }
            }));
        }
        self.index_slice();
    }

    fn index_slice(&self) {
        let this = self.clone();
        self.executor.run(
            Priority::Index,
            Box::new(move || {
                let budget = if this.executor.threaded() { Budget::THREAD } else { Budget::SHARED };
                let clock = || this.executor.now_ms();
                match guard("indexing", || indexer::slice(&this.workspace, &*this.fs, budget, &clock)) {
                    Ok(Slice::More) => {
                        this.index_progress(false);
                        this.index_slice();
                    }
                    Ok(Slice::Complete) => this.index_progress(true),
                    Ok(Slice::Idle) => {}
                    Err(message) => this.log(lsp::MessageType::ERROR, message),
                }
            }),
        );
    }

    /// Reports indexing progress (begin, every 10%, end).
    fn index_progress(&self, complete: bool) {
        let (read, listed, pct) = {
            let w = self.lock();
            (w.indexing.read, w.indexing.listed, w.indexing.percentage())
        };
        let mut p = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        if !p.ready || p.ended {
            return;
        }
        let token = lsp::ProgressToken::String(INDEX_TOKEN.to_string());
        let message = Some(format!("{read} of {listed} files"));
        if !p.begun {
            p.begun = true;
            let begin = lsp::WorkDoneProgressBegin {
                title: "rolekit: indexing role files".to_string(),
                cancellable: Some(false),
                message: message.clone(),
                percentage: Some(pct),
            };
            self.notify::<lsp::notification::Progress>(progress(&token, lsp::WorkDoneProgress::Begin(begin)));
        }
        if complete {
            p.ended = true;
            let roles = self.lock().index.len();
            let end = lsp::WorkDoneProgressEnd { message: Some(format!("{roles} role files")) };
            self.notify::<lsp::notification::Progress>(progress(&token, lsp::WorkDoneProgress::End(end)));
        } else if pct >= p.reported + 10 {
            p.reported = pct;
            let report = lsp::WorkDoneProgressReport { cancellable: Some(false), message, percentage: Some(pct) };
            self.notify::<lsp::notification::Progress>(progress(&token, lsp::WorkDoneProgress::Report(report)));
        }
    }
}

fn progress(token: &lsp::ProgressToken, value: lsp::WorkDoneProgress) -> lsp::ProgressParams {
    lsp::ProgressParams { token: token.clone(), value: lsp::ProgressParamsValue::WorkDone(value) }
}

impl Backend {
    pub fn new(client: Client, options: Options) -> Self {
        Backend {
            shared: Shared {
                client,
                session: Arc::new(RwLock::new(Arc::new(Session::default()))),
                workspace: Arc::new(Mutex::new(Workspace::default())),
                fs: options.fs,
                executor: options.executor,
                raw_sink: options.raw_sink,
                shutdown_requested: options.shutdown_requested,
                progress: Arc::default(),
                refresh_pending: Arc::default(),
            },
        }
    }

    /// The tower service and the client socket to serve over any transport.
    pub fn service(options: Options) -> (LspService<Backend>, ClientSocket) {
        LspService::build(move |client| Backend::new(client, options.clone()))
            .custom_method("rolekit/resolvedRole", Backend::resolved_role)
            .finish()
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

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let init = Session::initialize(&params);
        let mut session = init.session;
        session.settings = init.settings.unwrap_or_default();
        let shared = &self.shared;
        let errors = guard("initialize", || {
            let (policy, errors) = Policy::load(&*shared.fs, init.roots.into(), &session.settings);
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

    async fn initialized(&self, _: lsp::InitializedParams) {
        let caps = self.shared.session().caps.clone();
        if caps.watch_files_dynamic {
            self.shared.register_watchers();
        }
        if caps.configuration {
            self.shared.fetch_configuration();
        }
        self.shared.start_indexing();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, p: lsp::DidOpenTextDocumentParams) {
        self.shared.change("didOpen", || Ok(sync::did_open(&self.shared.workspace, p)));
    }

    async fn did_change(&self, p: lsp::DidChangeTextDocumentParams) {
        self.shared.change("didChange", || sync::did_change(&self.shared.workspace, p));
    }

    async fn did_save(&self, p: lsp::DidSaveTextDocumentParams) {
        self.shared.change("didSave", || Ok(sync::did_save(&self.shared.workspace, &*self.shared.fs, p)));
    }

    async fn did_close(&self, p: lsp::DidCloseTextDocumentParams) {
        self.shared.change("didClose", || Ok(sync::did_close(&self.shared.workspace, p)));
    }

    async fn did_change_watched_files(&self, p: lsp::DidChangeWatchedFilesParams) {
        let settings = self.shared.session().settings.clone();
        let shared = &self.shared;
        shared.change("didChangeWatchedFiles", || {
            Ok(sync::did_change_watched_files(&shared.workspace, &*shared.fs, &settings, p))
        });
    }

    async fn did_change_configuration(&self, p: lsp::DidChangeConfigurationParams) {
        let settings = if p.settings.is_null() { None } else { Settings::from_json(&p.settings) };
        match settings {
            Some(settings) => self.shared.apply_settings("didChangeConfiguration", settings),
            None if self.shared.session().caps.configuration => self.shared.fetch_configuration(),
            None => {}
        }
    }

    async fn diagnostic(&self, p: lsp::DocumentDiagnosticParams) -> Result<lsp::DocumentDiagnosticReportResult> {
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

    async fn completion(&self, p: lsp::CompletionParams) -> Result<Option<lsp::CompletionResponse>> {
        let at = p.text_document_position;
        let position = at.position;
        self.shared
            .request("completion", &at.text_document.uri, Stage::Parsed, true, move |s| {
                handlers::completion::completion(s, position)
            })
            .await
    }

    async fn hover(&self, p: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let at = p.text_document_position_params;
        let position = at.position;
        self.shared
            .request("hover", &at.text_document.uri, Stage::Parsed, true, move |s| handlers::hover::hover(s, position))
            .await
    }

    async fn document_symbol(&self, p: lsp::DocumentSymbolParams) -> Result<Option<lsp::DocumentSymbolResponse>> {
        self.shared
            .request("documentSymbol", &p.text_document.uri, Stage::Parsed, false, handlers::symbols::symbols)
            .await
    }

    async fn folding_range(&self, p: lsp::FoldingRangeParams) -> Result<Option<Vec<lsp::FoldingRange>>> {
        self.shared
            .request("foldingRange", &p.text_document.uri, Stage::Parsed, false, handlers::folding::folding)
            .await
    }

    async fn selection_range(&self, p: lsp::SelectionRangeParams) -> Result<Option<Vec<lsp::SelectionRange>>> {
        let positions = p.positions;
        self.shared
            .request("selectionRange", &p.text_document.uri, Stage::Parsed, false, move |s| {
                handlers::selection::selection(s, &positions)
            })
            .await
    }

    async fn goto_definition(&self, p: lsp::GotoDefinitionParams) -> Result<Option<lsp::GotoDefinitionResponse>> {
        let at = p.text_document_position_params;
        let position = at.position;
        self.shared
            .request("definition", &at.text_document.uri, Stage::Parsed, true, move |s| {
                handlers::definition::definition(s, position)
            })
            .await
    }

    async fn document_link(&self, p: lsp::DocumentLinkParams) -> Result<Option<Vec<lsp::DocumentLink>>> {
        self.shared.request("documentLink", &p.text_document.uri, Stage::Parsed, true, handlers::links::links).await
    }

    async fn references(&self, p: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
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

    async fn code_action(&self, p: lsp::CodeActionParams) -> Result<Option<lsp::CodeActionResponse>> {
        let uri = p.text_document.uri.clone();
        self.shared
            .request("codeAction", &uri, Stage::Checked, false, move |s| handlers::code_actions::code_actions(s, &p))
            .await
    }
}

#[cfg(test)]
#[path = "server.tests.rs"]
mod tests;
