//! After a change: the jobs it calls for (one per document to check), the
//! publishes their checks make (only for the revision still current), the
//! diagnostics of closed documents cleared, and what the change replaced
//! freed off the message loop.

use std::sync::atomic::Ordering;
use std::sync::MutexGuard;

use ls_types as lsp;

use super::shared::{guard, Shared};
use crate::executor::Priority;
use crate::handlers::diagnostics;
use crate::workspace::check::{self, Done};
use crate::workspace::{Effects, Workspace};

impl Shared {
    /// Starts the jobs a change calls for, clears closed documents'
    /// diagnostics and logs problems. Called without the lock.
    pub(crate) fn apply(&self, fx: Effects) {
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
        if fx.config_read {
            self.publish_config_problems();
        }
        if fx.reindex {
            self.start_indexing();
        }
        if !fx.garbage.is_empty() {
            let garbage = fx.garbage;
            self.executor.run(Priority::Index, Box::new(move || drop(garbage)));
        }
    }

    /// Publishes the problems of `rolekit.toml` as its diagnostics (or clears
    /// the ones published before).
    pub(crate) fn publish_config_problems(&self) {
        let encoding = self.session().encoding;
        let shown = self.config_problems_shown.load(Ordering::Relaxed);
        let params = {
            let w = self.lock();
            crate::handlers::config_diagnostics::publish(&w.policy, encoding, shown)
        };
        if let Some(params) = params {
            self.config_problems_shown.store(!params.diagnostics.is_empty(), Ordering::Relaxed);
            self.notify::<lsp::notification::PublishDiagnostics>(params);
        }
    }

    /// Applies a notification's change (synchronously, under `catch_unwind`) and its effects.
    pub(crate) fn change(&self, what: &str, f: impl FnOnce() -> std::result::Result<Effects, String>) {
        match guard(what, f) {
            Ok(Ok(fx)) => self.apply(fx),
            Ok(Err(message)) => self.log(lsp::MessageType::ERROR, format!("rolekit: {message}")),
            Err(message) => self.log(lsp::MessageType::ERROR, message),
        }
    }

    // ----- document jobs ---------------------------------------------------------------------

    /// Starts the job that parses and checks `uri` (none runs for it).
    pub(crate) fn submit(&self, uri: String) {
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
    pub(crate) fn checked(&self, done: Done) {
        let session = self.session();
        if !session.push {
            if done.external {
                self.refresh();
            }
            return;
        }
        let body = diagnostics::publish_body(&done.uri, done.version, &done.doc, &done.checked, &session);
        let w = self.lock();
        self.send_publish(&done.uri, Some(done.revision), w, body);
    }

    /// Writes a publish while holding the workspace lock: only if the
    /// document is still at `revision` (`None`: a clearing publish, sent for
    /// closed documents).
    pub(crate) fn send_publish(
        &self,
        uri: &str,
        revision: Option<u64>,
        w: MutexGuard<'_, Workspace>,
        body: Option<Vec<u8>>,
    ) {
        match revision {
            Some(r) if w.docs.get(uri).map(|d| d.revision) != Some(r) => {}
            Some(_) => {
                if let Some(body) = body {
                    self.client.send_raw(body);
                }
            }
            None => {
                if w.docs.contains_key(uri) {
                    return; // reopened meanwhile
                }
                if let Some(body) = diagnostics::clear_body(uri) {
                    self.client.send_raw(body);
                }
            }
        }
    }

    /// Pull mode: asks the client to pull again (once for a burst of checks).
    pub(crate) fn refresh(&self) {
        if !self.session().caps.diagnostic_refresh || self.refresh_pending.swap(true, Ordering::SeqCst) {
            return;
        }
        let client = self.client.clone();
        let pending = self.refresh_pending.clone();
        self.executor.spawn(Box::pin(async move {
            pending.store(false, Ordering::SeqCst);
            let _ = client.request::<lsp::request::WorkspaceDiagnosticRefresh>(()).await;
        }));
    }
}
