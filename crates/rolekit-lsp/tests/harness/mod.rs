//! A minimal LSP client for the integration tests: starts the real server
//! binary, speaks JSON-RPC over its stdio, and never waits without a timeout.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any single wait may take before the test fails (debug builds on a busy machine).
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The server under test: the real server binary on stdio (`rolekit-lsp`,
/// the same `native::run_stdio` as `rolekit lsp`).
pub fn server_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rolekit-lsp"))
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").canonicalize().expect("fixtures")
}

pub fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub enum Incoming {
    Message(Value),
    /// Something on stdout that is not a framed LSP message.
    Garbage(String),
}

pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Incoming>,
    next_id: i64,
    /// Notifications (and server requests) received while waiting for something else.
    pub backlog: VecDeque<Value>,
    /// What `workspace/configuration` answers with.
    pub settings: Value,
    pub garbage: Vec<String>,
    /// Log messages the server sent.
    pub logs: Vec<String>,
}

fn read_message(reader: &mut impl BufRead) -> Option<Incoming> {
    let mut length: Option<usize> = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            break;
        }
        if let Some(v) = trimmed.strip_prefix("Content-Length:") {
            length = v.trim().parse().ok();
        } else if !trimmed.starts_with("Content-Type:") {
            return Some(Incoming::Garbage(trimmed.to_string()));
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(match serde_json::from_slice(&body) {
        Ok(v) => Incoming::Message(v),
        Err(_) => Incoming::Garbage(String::from_utf8_lossy(&body).into_owned()),
    })
}

impl Server {
    pub fn start() -> Server {
        let mut child = server_command()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the language server");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(m) = read_message(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: VecDeque::new(),
            settings: Value::Null,
            garbage: Vec::new(),
            logs: Vec::new(),
        }
    }

    /// Starts a server and initializes it with `capabilities` and `root`.
    pub fn initialized(capabilities: Value, root: Option<&Path>, options: Value) -> (Server, Value) {
        let mut s = Server::start();
        let folders = root.map(|r| json!([{ "uri": file_uri(r), "name": "w" }])).unwrap_or(Value::Null);
        let result = s.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root.map(file_uri),
                "capabilities": capabilities,
                "workspaceFolders": folders,
                "initializationOptions": options,
            }),
        );
        s.notify("initialized", json!({}));
        (s, result)
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = stdin.write_all(bytes);
            let _ = stdin.flush();
        }
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(frame.as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_response(&json!(id))
    }

    /// Sends a request and returns its `result`, failing the test on an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params.clone());
        assert!(response.get("error").is_none(), "{method} {params} failed: {response}");
        response.get("result").cloned().unwrap_or(Value::Null)
    }

    /// The next message from the server, answering its requests on the way.
    fn next(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.checked_duration_since(Instant::now()).unwrap_or_default();
            match self.rx.recv_timeout(left) {
                Ok(Incoming::Garbage(g)) => self.garbage.push(g),
                Ok(Incoming::Message(m)) => {
                    if m.get("method").is_some() && m.get("id").is_some() {
                        self.answer_server_request(&m);
                    }
                    if m.get("method") == Some(&json!("window/logMessage")) {
                        self.logs.push(m["params"]["message"].as_str().unwrap_or_default().to_string());
                    }
                    return Some(m);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    fn answer_server_request(&mut self, m: &Value) {
        let result = match m["method"].as_str() {
            Some("workspace/configuration") => {
                let n = m["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![self.settings.clone(); n])
            }
            _ => Value::Null,
        };
        self.send(&json!({ "jsonrpc": "2.0", "id": m["id"], "result": result }));
    }

    pub fn wait_response(&mut self, id: &Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let Some(m) = self.next(deadline) else { panic!("no response to request {id} within {TIMEOUT:?}") };
            if m.get("id") == Some(id) && m.get("method").is_none() {
                return m;
            }
            self.backlog.push_back(m);
        }
    }

    /// The first notification `method` (from the backlog, then the wire) matching `pred`.
    pub fn wait_notification(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(|m| m["method"] == method && pred(&m["params"])) {
            let m = self.backlog.remove(i).unwrap_or_default();
            return m["params"].clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let Some(m) = self.next(deadline) else { panic!("no {method} within {TIMEOUT:?}") };
            if m["method"] == method && pred(&m["params"]) {
                return m["params"].clone();
            }
            self.backlog.push_back(m);
        }
    }

    /// Diagnostics published for `uri` (at `version`, when given).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let params = self.wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && version.is_none_or(|v| p["version"] == v)
        });
        params["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// Polite shutdown; returns the exit status.
    pub fn shutdown(mut self) -> Option<ExitStatus> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits (bounded) for the process to end.
    pub fn wait_exit(&mut self) -> Option<ExitStatus> {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }

    /// A message already received (and not consumed) matches `pred`.
    pub fn received(&self, pred: impl Fn(&Value) -> bool) -> bool {
        self.backlog.iter().any(pred)
    }

    /// Drains what is already queued, without waiting long.
    pub fn drain(&mut self, wait: Duration) {
        let deadline = Instant::now() + wait;
        while let Some(m) = self.next(deadline) {
            self.backlog.push_back(m);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Client capabilities of a typical editor; `utf8` offers UTF-8 positions,
/// `pull` announces pull diagnostics.
pub fn capabilities(utf8: bool, pull: bool) -> Value {
    let mut caps = json!({
        "general": { "positionEncodings": if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) } },
        "textDocument": {
            "synchronization": { "didSave": true },
            "completion": { "completionItem": { "snippetSupport": true } },
            "publishDiagnostics": { "relatedInformation": true },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "definition": { "linkSupport": true }
        },
        "workspace": {
            "configuration": true,
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "diagnostics": { "refreshSupport": true }
        }
    });
    if pull {
        caps["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    }
    caps
}

/// Replaces `root` (a folder URI) by `file:///W` so snapshots are portable.
pub fn redact(value: &Value, root: &str) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.replace(root, "file:///W")
}
