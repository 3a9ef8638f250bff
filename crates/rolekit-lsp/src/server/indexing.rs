//! Background indexing as the server runs it: slices submitted one after
//! another (see [`crate::workspace::indexer`]), and `window/workDoneProgress`
//! reported when the client takes it.

use ls_types as lsp;

use super::shared::{guard, Shared};
use crate::executor::Priority;
use crate::workspace::indexer::{self, Budget, Slice};

/// The indexing progress reported to the client (`window/workDoneProgress`).
#[derive(Default)]
pub(crate) struct Progress {
    /// This run's token: `rolekit/indexing`, then `rolekit/indexing/N` for
    /// the N-th run (the configuration's scope changed).
    token: String,
    /// The client accepted the token.
    ready: bool,
    begun: bool,
    ended: bool,
    reported: u32,
}

const INDEX_TOKEN: &str = "rolekit/indexing";

impl Shared {
    // ----- indexing --------------------------------------------------------------------------

    /// Indexes the workspace folders in the background (again, when the
    /// scope changed), reporting progress when the client takes it.
    pub(crate) fn start_indexing(&self) {
        let run = {
            let mut w = self.lock();
            w.start_indexing();
            w.index_run
        };
        let token = if run <= 1 { INDEX_TOKEN.to_string() } else { format!("{INDEX_TOKEN}/{run}") };
        let previous = std::mem::replace(
            &mut *self.progress.lock().unwrap_or_else(|e| e.into_inner()),
            Progress { token: token.clone(), ..Progress::default() },
        );
        if previous.begun && !previous.ended {
            let end = lsp::WorkDoneProgressEnd { message: Some("restarted".to_string()) };
            let old = lsp::ProgressToken::String(previous.token);
            self.notify::<lsp::notification::Progress>(progress(&old, lsp::WorkDoneProgress::End(end)));
        }
        if self.session().caps.work_done_progress {
            let this = self.clone();
            self.executor.spawn(Box::pin(async move {
                let token = lsp::ProgressToken::String(token);
                let created = this
                    .client
                    .request::<lsp::request::WorkDoneProgressCreate>(lsp::WorkDoneProgressCreateParams { token })
                    .await;
                let run_now = this.lock().index_run;
                if created.is_ok() && run_now == run {
                    this.progress.lock().unwrap_or_else(|e| e.into_inner()).ready = true;
                    let complete = this.lock().indexing.complete;
                    this.index_progress(complete);
                }
            }));
        }
        self.index_slice();
    }

    pub(crate) fn index_slice(&self) {
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
                    Ok(Slice::Complete) => {
                        let fx = this.lock().indexed();
                        this.apply(fx);
                        this.index_progress(true);
                    }
                    Ok(Slice::Idle) => {}
                    Err(message) => this.log(lsp::MessageType::ERROR, message),
                }
            }),
        );
    }

    /// Reports indexing progress (begin, every 10%, end).
    pub(crate) fn index_progress(&self, complete: bool) {
        let (read, listed, pct) = {
            let w = self.lock();
            (w.indexing.read, w.indexing.listed, w.indexing.percentage())
        };
        let mut p = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        if !p.ready || p.ended {
            return;
        }
        let token = lsp::ProgressToken::String(p.token.clone());
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

pub(crate) fn progress(token: &lsp::ProgressToken, value: lsp::WorkDoneProgress) -> lsp::ProgressParams {
    lsp::ProgressParams { token: token.clone(), value: lsp::ProgressParamsValue::WorkDone(value) }
}
