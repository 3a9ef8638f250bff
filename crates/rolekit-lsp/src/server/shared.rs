//! The state every handler and job shares, and the steps they share:
//! sending notifications (from any thread), waiting for a document's
//! snapshot, computing an answer off the message loop, asking the client for
//! its settings.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use futures::channel::oneshot;
use ls_types as lsp;
use ls_types::notification::Notification;

use super::indexing::Progress;
use crate::executor::{Executor, Priority};
use crate::fs::FileSystem;
use crate::handlers::configuration;
use crate::rpc::serve::Reply;
use crate::rpc::{code, Client, Error, Json, Result};
use crate::session::Session;
use crate::to_json::{self, ToJson};
use crate::workspace::document::Stage;
use crate::workspace::{lock, Lookup, Snapshot, Workspace};
use rolekit_core::policy::Settings;

/// A request's answer, its type erased (see [`Shared::request`]).
type AnyAnswer = Box<dyn std::any::Any + Send>;

/// What computes a request's answer from its document, the answer's type erased.
type AnyCompute = Box<dyn FnOnce(&Snapshot) -> Option<AnyAnswer> + Send>;

/// Requests on documents up to this size are answered on the message loop.
pub(crate) const INLINE_BYTES: usize = 64 * 1024;

/// What every handler and job shares: the client, the session, the
/// workspace, the file system, the executor and the output.
#[derive(Clone)]
pub(crate) struct Shared {
    pub(crate) client: Client,
    pub(crate) session: Arc<RwLock<Arc<Session>>>,
    pub(crate) workspace: Arc<Mutex<Workspace>>,
    pub(crate) fs: Arc<dyn FileSystem>,
    pub(crate) executor: Arc<dyn Executor>,
    pub(crate) shutdown_requested: Arc<AtomicBool>,
    pub(crate) progress: Arc<Mutex<Progress>>,
    pub(crate) refresh_pending: Arc<AtomicBool>,
    /// Diagnostics on `rolekit.toml` were published (to be cleared when fixed).
    pub(crate) config_problems_shown: Arc<AtomicBool>,
    /// What `workspace/diagnostic` reported of each file, and what its check read.
    pub(crate) workspace_reports: Arc<Mutex<crate::handlers::workspace_diagnostics::Reports>>,
}

pub(crate) fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

pub(crate) fn guard<T>(what: &str, f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|p| failed(what, p))
}

/// What `guard` says of a panic (not generic: compiled once for every `guard`).
fn failed(what: &str, panic: Box<dyn std::any::Any + Send>) -> String {
    format!("rolekit: {what} failed: {}", panic_message(&*panic))
}

pub(crate) fn internal(message: String) -> Error {
    Error::internal(message)
}

/// A request the server refuses, with the message the user sees (LSP's `RequestFailed`).
/// An answer already computed (no waiting), as a request's reply.
pub(crate) fn answered<'a>(answer: Result<Json>) -> Reply<'a> {
    Box::pin(std::future::ready(answer))
}

pub(crate) fn refused(message: String) -> Error {
    Error::new(code::REQUEST_FAILED, message)
}

impl Shared {
    pub(crate) fn session(&self) -> Arc<Session> {
        self.session.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Workspace> {
        lock(&self.workspace)
    }

    // ----- output ----------------------------------------------------------------------------

    /// Sends a notification from anywhere (a job's thread included).
    pub(crate) fn notify<N: Notification>(&self, params: N::Params)
    where
        N::Params: ToJson,
    {
        self.client.notify::<N>(&params);
    }

    pub(crate) fn log(&self, kind: lsp::MessageType, message: String) {
        self.notify::<lsp::notification::LogMessage>(lsp::LogMessageParams { typ: kind, message });
    }

    // ----- requests --------------------------------------------------------------------------

    /// The document at `uri` once it reached `stage` (waiting for it alone).
    pub(crate) async fn snapshot(&self, uri: &str, stage: Stage, seen: bool) -> Option<Box<Snapshot>> {
        let session = self.session();
        loop {
            let lookup = self.lock().lookup(uri, stage, seen, &session);
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
    pub(crate) async fn compute<T: Send + 'static>(
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
    /// A small document's answer is computed at once (microseconds, no
    /// thread hand-off); a large one's off the message loop. The steps are
    /// compiled once for every request ([`Shared::request_any`]): only the
    /// answer's type is per request.
    pub(crate) async fn request<T: Send + 'static>(
        &self,
        what: &'static str,
        uri: &lsp::Uri,
        stage: Stage,
        seen: bool,
        f: impl FnOnce(&Snapshot) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let f: AnyCompute = Box::new(move |s: &Snapshot| f(s).map(|answer| Box::new(answer) as AnyAnswer));
        let answer = self.request_any(what, uri, stage, seen, f).await?;
        Ok(answer.and_then(|answer| answer.downcast::<T>().ok()).map(|answer| *answer))
    }

    /// Answers a request about one document as JSON text, for handlers
    /// that only pass the answer on (`null` when the document is not open).
    /// The answer is written as JSON where it is computed, so every such request
    /// runs the same compiled future ([`Shared::answer_any`]): only its
    /// closure is its own, not an `async` wrapper per request.
    pub(crate) fn answer<T: ToJson + 'static>(
        &self,
        what: &'static str,
        uri: &lsp::Uri,
        stage: Stage,
        seen: bool,
        f: impl FnOnce(&Snapshot) -> Option<T> + Send + 'static,
    ) -> Reply<'_> {
        self.answer_or_refuse(what, uri, stage, seen, move |s| Ok(f(s)))
    }

    /// [`Shared::answer`] for a computation that may refuse (an error answer).
    pub(crate) fn answer_or_refuse<T: ToJson + 'static>(
        &self,
        what: &'static str,
        uri: &lsp::Uri,
        stage: Stage,
        seen: bool,
        f: impl FnOnce(&Snapshot) -> Result<Option<T>> + Send + 'static,
    ) -> Reply<'_> {
        let f: AnyCompute = Box::new(move |s: &Snapshot| {
            let answer: Result<Json> = f(s).map(|answer| Json::of(&answer));
            Some(Box::new(answer) as AnyAnswer)
        });
        Box::pin(self.answer_any(what, uri.clone(), stage, seen, f))
    }

    async fn answer_any(
        &self,
        what: &'static str,
        uri: lsp::Uri,
        stage: Stage,
        seen: bool,
        f: AnyCompute,
    ) -> Result<Json> {
        match self.request_any(what, &uri, stage, seen, f).await? {
            Some(answer) => match answer.downcast::<Result<Json>>() {
                Ok(raw) => *raw,
                Err(_) => Err(internal(format!("rolekit: {what} gave no answer"))),
            },
            None => Ok(Json::null()),
        }
    }

    async fn request_any(
        &self,
        what: &'static str,
        uri: &lsp::Uri,
        stage: Stage,
        seen: bool,
        f: AnyCompute,
    ) -> Result<Option<AnyAnswer>> {
        let Some(snapshot) = self.snapshot(uri.as_str(), stage, seen).await else { return Ok(None) };
        if snapshot.doc.text().len() <= INLINE_BYTES {
            return guard(what, move || f(&snapshot)).map_err(|message| {
                self.log(lsp::MessageType::ERROR, message.clone());
                internal(message)
            });
        }
        self.compute(what, move || f(&snapshot)).await
    }

    // ----- configuration ---------------------------------------------------------------------

    /// Asks the client for the `rolekit` settings, in the background.
    pub(crate) fn fetch_configuration(&self) {
        let this = self.clone();
        self.executor.spawn(Box::pin(async move {
            let item = lsp::ConfigurationItem { scope_uri: None, section: Some("rolekit".to_string()) };
            let params = lsp::ConfigurationParams { items: vec![item] };
            let Ok(values) = this.client.request::<lsp::request::WorkspaceConfiguration>(params).await else { return };
            let Some(value) = values.get(0).filter(|v| !v.is_null()) else { return };
            let (settings, errors) = Settings::from_json(value);
            this.apply_settings("configuration", settings, errors);
        }));
    }

    /// Applies the editor's settings; `errors` (what was wrong with them) are logged.
    pub(crate) fn apply_settings(&self, what: &str, settings: Settings, errors: Vec<String>) {
        self.change(what, || {
            let mut fx = configuration::apply_settings(&self.session, &self.workspace, settings).unwrap_or_default();
            fx.log.extend(errors);
            Ok(fx)
        });
    }

    /// Registers a capability with the client, in the background.
    pub(crate) fn register(&self, registration: lsp::Registration) {
        let this = self.clone();
        self.executor.spawn(Box::pin(async move {
            let what = registration.method.clone();
            if let Err(e) = this.register_now(registration).await {
                this.log(lsp::MessageType::WARNING, format!("rolekit: could not register {what}: {e}"));
            }
        }));
    }

    async fn register_now(&self, registration: lsp::Registration) -> Result<()> {
        let params = lsp::RegistrationParams { registrations: vec![registration] };
        self.client.request::<lsp::request::RegisterCapability>(params).await.map(drop)
    }

    pub(crate) fn register_watchers(&self) {
        let this = self.clone();
        self.executor.spawn(Box::pin(async move {
            let watchers = ["**/*.md", "**/*.mdc", "**/rolekit.toml", "**/*.json"]
                .into_iter()
                .map(|g| lsp::FileSystemWatcher { glob_pattern: lsp::GlobPattern::String(g.to_string()), kind: None })
                .collect();
            let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = lsp::Registration {
                id: "rolekit-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: Some(to_json::value(&options)),
            };
            if let Err(e) = this.register_now(registration).await {
                this.log(lsp::MessageType::WARNING, format!("rolekit: could not watch files: {e}"));
            }
        }));
    }
}
