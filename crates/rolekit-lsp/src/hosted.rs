//! The hosted runtime: the same server inside an editor's extension host,
//! compiled to wasm32.
//!
//! The host feeds the client's bytes to [`Session::write`] (through the
//! [frame guard](crate::frames), as natively) and receives the server's bytes,
//! whole frames at a time, through the `output` callback. The future returned
//! by [`start`] is the session: the host drives it on its executor
//! (`wasm_bindgen_futures::spawn_local` in `rolekit-lsp-wasm`); it ends on
//! `exit` or when the host calls [`Session::close`].
//!
//! There is one thread: jobs ([`HostExecutor`]) run one per turn of the
//! host's event loop, after the input already received (so requests are
//! answered between them), document checks before index slices.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, Weak};

use futures::channel::mpsc;

use crate::executor::{BoxFuture, Executor, Job, Priority};
use crate::frames::{frame, Event, FrameDecoder};
use crate::fs::FileSystem;
use crate::server::{Backend, Options};

/// Runs a callback on a later turn of the host's event loop (after pending
/// input): `setImmediate` in Node, `setTimeout(0)` elsewhere.
pub type NextTurn = Arc<dyn Fn(Job) + Send + Sync>;

#[derive(Default)]
struct Queues {
    documents: VecDeque<Job>,
    index: VecDeque<Job>,
    /// A turn is scheduled to run the next job.
    scheduled: bool,
}

/// Jobs take turns with the host's event loop: one job per turn.
pub struct HostExecutor {
    queues: Mutex<Queues>,
    next_turn: NextTurn,
    spawn: Arc<dyn Fn(BoxFuture) + Send + Sync>,
    clock: Option<Arc<dyn Fn() -> f64 + Send + Sync>>,
    this: Weak<HostExecutor>,
}

impl HostExecutor {
    pub fn new(
        next_turn: NextTurn,
        spawn: Arc<dyn Fn(BoxFuture) + Send + Sync>,
        clock: Option<Arc<dyn Fn() -> f64 + Send + Sync>>,
    ) -> Arc<Self> {
        Arc::new_cyclic(|this| HostExecutor { queues: Mutex::default(), next_turn, spawn, clock, this: this.clone() })
    }

    fn queues(&self) -> std::sync::MutexGuard<'_, Queues> {
        self.queues.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn schedule(&self) {
        let Some(this) = self.this.upgrade() else { return };
        (self.next_turn)(Box::new(move || this.turn()));
    }

    /// One turn: the next job (documents first), then another turn if more wait.
    fn turn(&self) {
        let job = {
            let mut q = self.queues();
            let job = q.documents.pop_front().or_else(|| q.index.pop_front());
            if job.is_none() {
                q.scheduled = false;
            }
            job
        };
        let Some(job) = job else { return };
        job();
        let more = {
            let mut q = self.queues();
            let more = !q.documents.is_empty() || !q.index.is_empty();
            q.scheduled = more;
            more
        };
        if more {
            self.schedule();
        }
    }
}

impl Executor for HostExecutor {
    fn run(&self, priority: Priority, job: Job) {
        let start = {
            let mut q = self.queues();
            match priority {
                Priority::Document => q.documents.push_back(job),
                Priority::Index => q.index.push_back(job),
            }
            !std::mem::replace(&mut q.scheduled, true)
        };
        if start {
            self.schedule();
        }
    }

    fn spawn(&self, future: BoxFuture) {
        (self.spawn)(future);
    }

    fn threaded(&self) -> bool {
        false
    }

    fn now_ms(&self) -> Option<f64> {
        self.clock.as_ref().map(|c| c())
    }
}

/// Receives the server's output, one or more whole frames per call.
pub type Output = Arc<dyn Fn(&[u8]) + Send + Sync>;

/// The host's handle on a running session.
pub struct Session {
    guard: FrameDecoder,
    input: Option<mpsc::UnboundedSender<serde_json::Value>>,
    output: Output,
    events: Vec<Event>,
}

/// Starts a session. Returns the handle and the future that serves it; the
/// future resolves to the exit code (0 after `shutdown` + `exit`, 1 otherwise).
pub fn start(
    fs: Arc<dyn FileSystem>,
    executor: Arc<dyn Executor>,
    output: Output,
) -> (Session, impl Future<Output = i32>) {
    let (input, incoming) = mpsc::unbounded::<serde_json::Value>();
    // Every message is one whole frame, handed to the host as it is made.
    let raw = output.clone();
    let options = Options::new(fs, executor, Arc::new(move |body: Vec<u8>| raw(&frame(&body))));
    let shutdown = options.shutdown_requested.clone();
    let backend = Backend::new(options);
    let serve = async move {
        backend.serve(incoming).await;
        if shutdown.load(Ordering::SeqCst) {
            0
        } else {
            1
        }
    };
    (Session { guard: FrameDecoder::new(), input: Some(input), output, events: Vec::new() }, serve)
}

impl Session {
    /// Takes the next bytes from the client (any chunking). Malformed frames
    /// are answered at once; well-formed ones are queued for the server.
    pub fn write(&mut self, bytes: &[u8]) {
        self.guard.push(bytes, &mut self.events);
        for event in self.events.drain(..) {
            match event {
                Event::Message(message) => {
                    // After `close` or `exit` the input is gone: nothing listens.
                    if let Some(input) = &self.input {
                        let _ = input.unbounded_send(message);
                    }
                }
                Event::Reject(answer) => (self.output)(&answer),
            }
        }
    }

    /// Ends the client's input: the session ends once the server has
    /// answered what it already received.
    pub fn close(&mut self) {
        self.input = None;
    }
}
