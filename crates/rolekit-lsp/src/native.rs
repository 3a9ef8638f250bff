//! The native runtime: tokio (current thread), stdio, `std::fs`.
//!
//! tower-lsp-server's reader stops at the first undecodable message (the
//! framed stream ends after an error), which would end the session on one bad
//! frame. A small guard in front of it reads the frames itself: well-formed
//! JSON-RPC messages go on to the server, anything else is answered here
//! (`-32700` parse error, `-32600` invalid request) and the session goes on.
//! The server's output and these answers share one writer, frame by frame.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::Server;

use crate::fs::NativeFs;
use crate::server::{Backend, BoxFuture, Options, Spawner};

/// Messages larger than this are refused (and skipped) rather than buffered.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// Serves the protocol on stdin/stdout until `exit` or end of input. Returns
/// the process exit code: 0 after `shutdown` + `exit`, 1 otherwise (as the
/// specification asks), 2 if the runtime could not start.
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("rolekit lsp: cannot start the runtime: {e}");
            return 2;
        }
    };
    let spawn: Spawner = Arc::new(|fut: BoxFuture| {
        tokio::spawn(fut);
    });
    let options = Options::new(Arc::new(NativeFs), spawn);
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
        Server::new(server_in, server_out, socket).serve(service).await;
    };
    let write = write_frames(frames_rx, errors_rx, output);
    // The server ends on `exit` or end of input; its output pipe closes, the
    // forwarder drains it, and the writer ends with the forwarder (the guard
    // may still be blocked on stdin: it is not waited for).
    let ((), (), ()) = tokio::join!(serve, forward, write);
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({ "jsonrpc": "2.0", "error": { "code": code, "message": message }, "id": id });
    frame(body.to_string().as_bytes())
}

/// What a message body is, as tower-lsp-server will read it.
fn check_body(body: &[u8]) -> Result<(), Vec<u8>> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Err(error_frame(Value::Null, -32700, &format!("Parse error: {e}"))),
    };
    if Request::deserialize_ok(&value) || Response::deserialize_ok(&value) {
        return Ok(());
    }
    let id = value.get("id").filter(|id| id.is_i64() || id.is_string()).cloned().unwrap_or(Value::Null);
    Err(error_frame(id, -32600, "Invalid request: not a JSON-RPC 2.0 request, notification or response"))
}

trait DeserializeOk {
    fn deserialize_ok(value: &Value) -> bool;
}

impl<T: serde::de::DeserializeOwned> DeserializeOk for T {
    fn deserialize_ok(value: &Value) -> bool {
        value.is_object() && T::deserialize(value).is_ok()
    }
}

/// Reads `Content-Length` frames from `input`; passes valid ones to `server`,
/// answers the others through `errors`.
async fn guard_input<I, W>(input: I, mut server: W, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    let mut carry: Vec<u8> = Vec::new();
    loop {
        // Headers, up to an empty line.
        let mut length: Option<Result<usize, String>> = None;
        let mut saw_header = false;
        loop {
            let mut line = std::mem::take(&mut carry);
            if line.is_empty() {
                match reader.read_until(b'\n', &mut line).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
            // Garbage before a header (e.g. the tail of a frame whose length lied): resync.
            if let Some(at) = find(&line, b"Content-Length") {
                if at > 0 {
                    line.drain(..at);
                }
            }
            let text = String::from_utf8_lossy(&line);
            let trimmed = text.trim_end_matches(['\r', '\n']);
            if trimmed.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = trimmed.split_once(':') {
                if name.trim().eq_ignore_ascii_case("Content-Length") {
                    length = Some(
                        value.trim().parse::<usize>().map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                    );
                }
            }
        }
        let length = match length {
            Some(Ok(n)) if n <= MAX_MESSAGE_BYTES => n,
            Some(Ok(n)) => {
                let _ = errors.send(error_frame(
                    Value::Null,
                    -32700,
                    &format!("Parse error: message of {n} bytes is too large"),
                ));
                // Skip the body.
                let mut sink = tokio::io::sink();
                let mut limited = (&mut reader).take(n as u64);
                if tokio::io::copy(&mut limited, &mut sink).await.is_err() {
                    return;
                }
                continue;
            }
            Some(Err(message)) => {
                // The body length is unknown: skip to the next header.
                let _ = errors.send(error_frame(Value::Null, -32700, &format!("Parse error: {message}")));
                carry = skip_to_header(&mut reader).await;
                if carry.is_empty() {
                    return;
                }
                continue;
            }
            None => {
                let _ = errors.send(error_frame(Value::Null, -32700, "Parse error: missing Content-Length header"));
                continue;
            }
        };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return; // Truncated at end of input.
        }
        match check_body(&body) {
            Ok(()) => {
                if server.write_all(&frame(&body)).await.is_err() {
                    return; // The server has exited.
                }
            }
            Err(answer) => {
                let _ = errors.send(answer);
            }
        }
    }
}

/// Reads lines until one holds `Content-Length`; returns it from there (empty at end of input).
async fn skip_to_header<R: AsyncBufReadExt + Unpin>(reader: &mut R) -> Vec<u8> {
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Vec::new(),
            Ok(_) => {}
        }
        if let Some(at) = find(&line, b"Content-Length") {
            return line.split_off(at);
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
