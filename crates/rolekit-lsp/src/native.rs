//! The native runtime: tokio (the message loop on the current thread, jobs
//! on its blocking pool), stdio, `std::fs`.
//!
//! The [frame guard](crate::frames) reads stdin in front of tower-lsp-server;
//! the server's output and the guard's answers share one writer, frame by frame.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::Server;

use crate::executor::{self, BoxFuture, Executor, Job, Priority};
use crate::frames::{frame, Event, FrameDecoder};
use crate::fs::NativeFs;
use crate::server::{Backend, Options};

/// Stack of a job's thread: more than the main thread's 8 MiB (the core recurses on deep nesting).
pub const JOB_STACK_BYTES: usize = 16 << 20;

/// tower-lsp-server polls at most this many handlers at once; requests
/// waiting for a slow document must not hold up the others.
pub const CONCURRENCY: usize = 64;

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
    let options = Options::new(Arc::new(NativeFs), executor);
    let shutdown = options.shutdown_requested.clone();
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), options));
    // stdin is read on a blocking thread that may never return: do not wait for it.
    runtime.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// Serves one session over any byte streams (stdio, a socket, a test pipe).
pub async fn serve<I, O>(input: I, output: O, mut options: Options)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin,
{
    let (server_in, guard_out) = tokio::io::duplex(1 << 16);
    let (server_out, server_out_reader) = tokio::io::duplex(1 << 16);
    let (frames_tx, frames_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (errors_tx, errors_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    // Diagnostics skip tower-lsp-server's Value round trip. They go with the
    // guard's answers (in order among themselves); that queue never keeps the
    // writer alive once the server has ended.
    let raw_tx = errors_tx.clone();
    options.raw_sink = Some(Arc::new(move |body: Vec<u8>| {
        let _ = raw_tx.send(frame(&body));
    }));
    let (service, socket) = Backend::service(options);

    // Input guard: runs until stdin ends; dropping its pipe ends the server's input.
    tokio::spawn(guard_input(input, guard_out, errors_tx));
    // The server's frames, forwarded whole to the writer.
    let forward = forward_frames(server_out_reader, frames_tx);
    let serve = async move {
        Server::new(server_in, server_out, socket).concurrency_level(CONCURRENCY).serve(service).await;
    };
    let write = write_frames(frames_rx, errors_rx, output);
    // The server ends on `exit` or end of input; its output pipe closes, the
    // forwarder drains it, and the writer ends with the forwarder (the guard
    // may still be blocked on stdin: it is not waited for).
    let ((), (), ()) = tokio::join!(serve, forward, write);
}

/// Reads the input in chunks through the [`FrameDecoder`]: checked messages
/// go to `server`, the guard's answers to `errors`.
async fn guard_input<I, W>(mut input: I, mut server: W, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
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
                    if server.write_all(&message).await.is_err() {
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

/// Splits the server's output into whole frames.
async fn forward_frames<R: AsyncRead + Unpin>(output: R, frames: mpsc::UnboundedSender<Vec<u8>>) {
    let mut reader = BufReader::new(output);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                break;
            }
            if let Some(v) = trimmed.strip_prefix("Content-Length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else { continue };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        if frames.send(frame(&body)).is_err() {
            return;
        }
    }
}

/// Writes the server's frames and the guard's answers, whole, until the server's output ends.
async fn write_frames<O: AsyncWrite + Unpin>(
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
    mut errors: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: O,
) {
    let mut errors_open = true;
    loop {
        let next = tokio::select! {
            f = frames.recv() => match f {
                Some(f) => f,
                None => break,
            },
            e = errors.recv(), if errors_open => match e {
                Some(e) => e,
                None => {
                    errors_open = false;
                    continue;
                }
            },
        };
        if output.write_all(&next).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
    while let Ok(e) = errors.try_recv() {
        if output.write_all(&e).await.is_err() {
            break;
        }
    }
    let _ = output.flush().await;
}
