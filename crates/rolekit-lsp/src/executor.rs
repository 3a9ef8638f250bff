//! Where work runs. The message loop (tower-lsp-server's) only applies
//! changes and routes answers; parsing and checking documents, indexing the
//! workspace and (with threads) computing answers are *jobs*, run off it, so
//! one slow document never holds up a request on another.
//!
//! - Natively ([`crate::native`]) jobs run on worker threads.
//! - In wasm32 (`hosted.rs`) there is one thread: jobs run one per turn
//!   of the host's event loop, after the input already received, document
//!   jobs before index slices. A request waits for nothing but its own
//!   document.
//! - [`Inline`] runs a job at once, on the caller's thread (tests).

use std::future::Future;
use std::pin::Pin;

/// Work to run off the message loop.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Which job goes first when they must take turns (a single thread).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// Parsing and checking an open document.
    Document,
    /// A slice of the workspace index.
    Index,
}

pub trait Executor: Send + Sync {
    /// Runs `job` later, off the message loop. Never called with the
    /// workspace locked: an inline executor runs the job at once.
    fn run(&self, priority: Priority, job: Job);
    /// Runs a future on the message loop's executor (client requests the
    /// server sends, answers delivered from jobs).
    fn spawn(&self, future: BoxFuture);
    /// Jobs run in parallel with the message loop: requests compute their
    /// answers in a job too, so a slow one delays nothing else.
    fn threaded(&self) -> bool;
    /// Milliseconds on a monotonic clock, to slice long work; `None` without one.
    fn now_ms(&self) -> Option<f64>;
}

/// Runs jobs at once on the caller's thread; futures go to `spawn`. For
/// tests: everything a change causes has happened when its handler returns.
pub struct Inline {
    pub spawn: Box<dyn Fn(BoxFuture) + Send + Sync>,
}

impl Executor for Inline {
    fn run(&self, _: Priority, job: Job) {
        job();
    }

    fn spawn(&self, future: BoxFuture) {
        (self.spawn)(future);
    }

    fn threaded(&self) -> bool {
        false
    }

    fn now_ms(&self) -> Option<f64> {
        now_ms()
    }
}

/// A monotonic clock where the target has one (not wasm32-unknown-unknown).
pub fn now_ms() -> Option<f64> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        Some(START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3)
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}
