//! The native runtime: tokio (the message loop on the current thread, jobs
//! on its blocking pool), stdio, `std::fs`.
//!
//! The [frame guard](crate::frames) reads stdin in front of the message
//! loop; the server's messages and the guard's answers share one writer,
//! frame by frame.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};

use crate::executor::{self, BoxFuture, Executor, Job, Priority};
use crate::frames::{frame, Event, FrameDecoder};
use crate::fs::NativeFs;
use crate::server::{Backend, Options};

/// Stack of a job's thread: more than the main thread's 8 MiB (the core recurses on deep nesting).
pub const JOB_STACK_BYTES: usize = 16 << 20;

/// Jobs on tokio's blocking pool (threads are reused and grow on demand, so
/// a long check never queues another document's job behind it).
pub struct Threads {
    pub handle: tokio::runtime::Handle,
}

impl Executor for Threads {
    fn run(&self, _: Priority, job: Job) {
        drop(self.handle.spawn_blocking(job));
    }

    fn spawn(&self, future: BoxFuture) {
        drop(self.handle.spawn(future));
    }

    fn threaded(&self) -> bool {
        true
    }

    fn now_ms(&self) -> Option<f64> {
        executor::now_ms()
    }
}

/// Serves the protocol on stdin/stdout until `exit` or end of input. Returns
/// the process exit code: 0 after `shutdown` + `exit`, 1 otherwise (as the
/// specification asks), 2 if the runtime could not start.
pub fn run_stdio() -> i32 {
    // The message loop on this thread; jobs on the blocking pool, whose
    // threads get a stack deep enough for the core's recursive passes.
    let runtime = match tokio::runtime::Builder::new_current_thread().thread_stack_size(JOB_STACK_BYTES).build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("rolekit lsp: cannot start the runtime: {e}");
            return 2;
        }
    };
    let executor = Arc::new(Threads { handle: runtime.handle().clone() });
    let shutdown = Arc::default();
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), Arc::new(NativeFs), executor, &shutdown));
    // stdin is read on a blocking thread that may never return: do not wait for it.
    runtime.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// Serves one session over any byte streams (stdio, a socket, a test pipe);
/// `shutdown` is set when the client sent `shutdown`.
pub async fn serve<I, O>(
    input: I,
    output: O,
    fs: Arc<dyn crate::fs::FileSystem>,
    executor: Arc<dyn Executor>,
    shutdown: &Arc<std::sync::atomic::AtomicBool>,
) where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin,
{
    // Every frame for the client (answers, notifications from jobs, the
    // guard's answers) goes through one queue, in order.
    let (frames_tx, frames_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (messages_tx, mut messages_rx) = mpsc::unbounded_channel::<serde_json::Value>();
    let out = frames_tx.clone();
    let mut options = Options::new(fs, executor, Arc::new(move |body: Vec<u8>| drop(out.send(frame(&body)))));
    options.shutdown_requested = shutdown.clone();
    let backend = Backend::new(options);

    // Input guard: runs until stdin ends; dropping its sender ends the server's input.
    tokio::spawn(guard_input(input, messages_tx, frames_tx));
    let (done_tx, done_rx) = oneshot::channel();
    let serve = async move {
        let messages = futures::stream::poll_fn(move |cx| messages_rx.poll_recv(cx));
        backend.serve(messages).await;
        let _ = done_tx.send(());
    };
    // The server ends on `exit` or end of input; the writer then writes what
    // is queued and ends (the guard may still be blocked on stdin, and jobs
    // may hold the queue: neither is waited for).
    let write = write_frames(frames_rx, done_rx, output);
    let ((), ()) = tokio::join!(serve, write);
}

/// Reads the input in chunks through the [`FrameDecoder`]: checked messages
/// go to `server`, the guard's answers to `errors`.
async fn guard_input<I>(
    mut input: I,
    server: mpsc::UnboundedSender<serde_json::Value>,
    errors: mpsc::UnboundedSender<Vec<u8>>,
) where
    I: AsyncRead + Unpin,
{
    let mut decoder = FrameDecoder::new();
    let mut chunk = vec![0; 64 * 1024];
    let mut events = Vec::new();
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return, // End of input (a truncated frame is dropped).
            Ok(n) => n,
        };
        decoder.push(&chunk[..n], &mut events);
        for event in events.drain(..) {
            match event {
                Event::Message(message) => {
                    if server.send(message).is_err() {
                        return; // The server has exited.
                    }
                }
                Event::Reject(answer) => {
                    let _ = errors.send(answer);
                }
            }
        }
    }
}

/// Writes frames, whole, until the server has ended (then what is queued).
async fn write_frames<O: AsyncWrite + Unpin>(
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
    mut done: oneshot::Receiver<()>,
    mut output: O,
) {
    loop {
        let next = tokio::select! {
            f = frames.recv() => match f {
                Some(f) => f,
                None => break,
            },
            _ = &mut done => break,
        };
        if output.write_all(&next).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
    while let Ok(f) = frames.try_recv() {
        if output.write_all(&f).await.is_err() {
            break;
        }
    }
    let _ = output.flush().await;
}
