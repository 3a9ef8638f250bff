//! A small LSP client over a child process's stdio, for the benchmark: it
//! reads frames on a thread, keeps only what the benchmark looks at, answers
//! the server's requests, and records `$/progress` notifications.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<(Instant, Value)>,
    id: i64,
    /// `$/progress` notifications seen so far, with their arrival time.
    pub progress: Vec<(Instant, Value)>,
    /// Messages received while waiting for another.
    backlog: std::collections::VecDeque<(Instant, Value)>,
}

/// How long any wait may take before the benchmark gives up.
pub const WAIT: Duration = Duration::from_secs(120);

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    // Results and diagnostics are not looked into: skip them (the client's
    // parse cost is not the server's latency).
    #[derive(serde::Deserialize)]
    struct Light {
        method: Option<String>,
        id: Option<Value>,
        params: Option<LightParams>,
        result: Option<Shape>,
        error: Option<Value>,
    }
    #[derive(serde::Deserialize)]
    struct LightParams {
        uri: Option<String>,
        version: Option<i64>,
        token: Option<Value>,
        value: Option<Value>,
        diagnostics: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_slice::<Light>(&body) {
        Ok(light) => {
            let count = |_: &serde::de::IgnoredAny| true;
            Some(json!({
                "method": light.method, "id": light.id, "error": light.error,
                "result": light.result.as_ref().map(|s| s.0),
                "params": light.params.map(|p| json!({
                    "uri": p.uri, "version": p.version, "token": p.token, "value": p.value,
                    "diagnostics": p.diagnostics.as_ref().map(count),
                })),
                "bytes": body.len(),
            }))
        }
        // Deeper than serde_json's recursion limit (a 5,000-deep outline):
        // the response's id is its last member.
        Err(_) => {
            let text = String::from_utf8_lossy(&body);
            let id = text.rfind("\"id\":").and_then(|i| {
                let rest = &text[i + 5..];
                let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
                rest[..end].parse::<i64>().ok()
            });
            Some(json!({ "id": id, "result": true, "unparsed": true, "bytes": body.len() }))
        }
    }
}

/// What a result is, without keeping it: the length of an array, `-1` for
/// null, `0` for anything else.
struct Shape(i64);

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
                let mut n = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Shape(n))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(Shape(0))
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape(-1))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape(0))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape(0))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape(0))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape(0))
            }
            fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape(0))
            }
        }
        d.deserialize_any(V)
    }
}

impl Client {
    pub fn start(server: &[String]) -> Client {
        let mut child = Command::new(&server[0])
            .args(&server[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {server:?}: {e}"));
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take().expect("stdin");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::with_capacity(1 << 20, stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send((Instant::now(), m)).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, rx, id: 0, progress: Vec::new(), backlog: Default::default() }
    }

    pub fn send(&mut self, v: Value) {
        let body = v.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.id += 1;
        let id = self.id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id).1
    }

    /// The response to request `id`, with its arrival time.
    pub fn response(&mut self, id: i64) -> (Instant, Value) {
        self.wait(|m| m["id"] == id && m["method"].is_null())
    }

    /// The next message matching `pred` (answering server requests and
    /// recording progress on the way), with its arrival time.
    pub fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> (Instant, Value) {
        self.wait_until(Instant::now() + WAIT, pred).unwrap_or_else(|| panic!("the server answered within {WAIT:?}"))
    }

    pub fn wait_until(&mut self, deadline: Instant, pred: impl Fn(&Value) -> bool) -> Option<(Instant, Value)> {
        if let Some(i) = self.backlog.iter().position(|(_, m)| pred(m)) {
            return self.backlog.remove(i);
        }
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let (at, m) = self.rx.recv_timeout(left).ok()?;
            if !m["method"].is_null() && !m["id"].is_null() {
                let id = m["id"].clone();
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));
            }
            if m["method"] == "$/progress" {
                self.progress.push((at, m["params"].clone()));
            }
            if pred(&m) {
                return Some((at, m));
            }
            // Kept for a later wait (a response may overtake the notification waited for).
            self.backlog.push_back((at, m));
            if self.backlog.len() > 64 {
                self.backlog.pop_front();
            }
        }
    }

    /// A message matching `pred` arrived and waits in the backlog.
    pub fn backlog_has(&self, pred: impl Fn(&Value) -> bool) -> bool {
        self.backlog.iter().any(|(_, m)| pred(m))
    }

    pub fn diagnostics(&mut self, uri: &str, version: i64) -> (Instant, Value) {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// A field of `/proc/<pid>/status` in KiB (`VmRSS`, `VmHWM`).
    pub fn status_kib(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    pub fn rss_kib(&self) -> Option<u64> {
        self.status_kib("VmRSS")
    }

    /// Peak resident set size.
    pub fn hwm_kib(&self) -> Option<u64> {
        self.status_kib("VmHWM")
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `server` and initializes it with `root` as its workspace folder;
/// returns the client and the time `initialize` was sent.
pub fn init(server: &[String], root: &str, capabilities: Value) -> (Client, Instant, Duration) {
    let mut c = Client::start(server);
    let t = Instant::now();
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": root, "workspaceFolders": [{ "uri": root, "name": "bench" }],
                "capabilities": capabilities }),
    );
    let answered = t.elapsed();
    c.notify("initialized", json!({}));
    (c, t, answered)
}

/// A client like VS Code's, as far as the benchmark cares.
pub fn capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "window": { "workDoneProgress": true },
        "textDocument": { "documentSymbol": { "hierarchicalDocumentSymbolSupport": true } }
    })
}
