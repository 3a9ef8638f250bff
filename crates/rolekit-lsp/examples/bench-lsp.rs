//! Latency benchmark of the language server over real stdio (run by
//! `scripts/bench-lsp.sh`): didChange → publishDiagnostics, completion and
//! hover, initialize → first diagnostics, and the server's RSS.
//!
//! Usage: `bench-lsp SEED.md -- SERVER [ARGS...]`

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use rolekit_core::schema::sections::SECTIONS;
use rolekit_core::{LineIndex, PositionEncoding};
use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    id: i64,
}

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
    // Diagnostics are not looked into: skip them (the client's parse cost is not the server's latency).
    #[derive(serde::Deserialize)]
    struct Light {
        method: Option<String>,
        id: Option<Value>,
        params: Option<LightParams>,
        result: Option<serde::de::IgnoredAny>,
        error: Option<Value>,
    }
    #[derive(serde::Deserialize)]
    struct LightParams {
        uri: Option<String>,
        version: Option<i64>,
    }
    let Ok(light) = serde_json::from_slice::<Light>(&body) else {
        return serde_json::from_slice(&body).ok();
    };
    Some(json!({
        "method": light.method, "id": light.id, "error": light.error,
        "result": light.result.map(|_| true),
        "params": light.params.map(|p| json!({ "uri": p.uri, "version": p.version })),
    }))
}

impl Client {
    fn start(server: &[String]) -> Client {
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
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, rx, id: 0 }
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.id += 1;
        let id = self.id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == id && m["method"].is_null())
    }

    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.rx.recv_timeout(Duration::from_secs(60)).expect("server answered within 60 s");
            if !m["method"].is_null() && !m["id"].is_null() {
                let id = m["id"].clone();
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));
                continue;
            }
            if pred(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn init(server: &[String], root: &str) -> (Client, Duration) {
    let mut c = Client::start(server);
    let t = Instant::now();
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": root, "workspaceFolders": [{ "uri": root, "name": "bench" }],
                "capabilities": { "general": { "positionEncodings": ["utf-16"] } } }),
    );
    c.notify("initialized", json!({}));
    (c, t.elapsed())
}

fn pos(text: &str, offset: usize) -> Value {
    let p = LineIndex::new(text).position(text, offset, PositionEncoding::Utf16);
    json!({ "line": p.line, "character": p.character })
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i.min(samples.len() - 1)]
}

fn report(name: &str, samples: &mut [Duration], target_ms: f64) {
    let p50 = percentile(samples, 0.50).as_secs_f64() * 1e3;
    let p99 = percentile(samples, 0.99).as_secs_f64() * 1e3;
    let verdict = if p99 <= target_ms { "ok" } else { "OVER" };
    println!(
        "{name:<56} n={:<5} p50={p50:>8.3} ms  p99={p99:>8.3} ms  (target p99 <= {target_ms} ms: {verdict})",
        samples.len()
    );
}

/// didChange (type a character / delete it, alternately) → publishDiagnostics.
fn bench_changes(c: &mut Client, uri: &str, text: &str, anchor: usize, n: usize, base: i64) -> Vec<Duration> {
    let at = pos(text, anchor);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let version = base + i as i64;
        let (range, new_text) = if i % 2 == 0 {
            (json!({ "start": at, "end": at }), "x")
        } else {
            let end = json!({ "line": at["line"], "character": at["character"].as_u64().unwrap_or(0) + 1 });
            (json!({ "start": at, "end": end }), "")
        };
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": range, "text": new_text }] }),
        );
        c.diagnostics(uri, version);
        out.push(t.elapsed());
    }
    out
}

fn bench_request(c: &mut Client, method: &str, params: Value, n: usize) -> Vec<Duration> {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            let r = c.request(method, params.clone());
            assert!(r["error"].is_null(), "{method}: {r}");
            t.elapsed()
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(sep) = args.iter().position(|a| a == "--") else {
        eprintln!("usage: bench-lsp SEED.md -- SERVER [ARGS...]");
        std::process::exit(2);
    };
    let (seed_path, server) = (&args[0], &args[sep + 1..]);
    let seed = std::fs::read_to_string(seed_path).expect("read the seed");
    let dir = std::env::temp_dir().join(format!("rolekit-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let root = format!("file://{}", dir.display());
    let seed_uri = format!("{root}/platform-engineer.md");
    let anchor = seed.find("## 1. Mission Statement").map_or(0, |i| i + 3);

    // Start-up: initialize → first diagnostics (median of 20 fresh processes).
    let mut startup = Vec::new();
    let mut init_only = Vec::new();
    for _ in 0..20 {
        let (mut c, init_time) = init(server, &root);
        let t = Instant::now();
        c.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": seed_uri, "languageId": "markdown", "version": 1, "text": seed } }),
        );
        c.diagnostics(&seed_uri, 1);
        startup.push(init_time + t.elapsed());
        init_only.push(init_time);
    }
    println!("rolekit language server latency ({} bytes seed; server: {})", seed.len(), server.join(" "));
    report("initialize -> first diagnostics (seed)", &mut startup, 50.0);

    let (mut c, _) = init(server, &root);
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": seed_uri, "languageId": "markdown", "version": 1, "text": seed } }),
    );
    c.diagnostics(&seed_uri, 1);
    let rss_open = c.rss_kib();
    // Warm-up, then measure.
    bench_changes(&mut c, &seed_uri, &seed, anchor, 50, 2);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": seed_uri, "version": 1000 }, "contentChanges": [{ "text": seed }] }),
    );
    c.diagnostics(&seed_uri, 1000);
    let mut changes = bench_changes(&mut c, &seed_uri, &seed, anchor, 1000, 1001);
    report("didChange -> publishDiagnostics (seed)", &mut changes, 1.0);
    let tone = seed.find("tone: ").map_or(0, |i| i + 6);
    let mut completion = bench_request(
        &mut c,
        "textDocument/completion",
        json!({ "textDocument": { "uri": seed_uri }, "position": pos(&seed, tone) }),
        1000,
    );
    report("completion (seed, `tone:` value)", &mut completion, 1.0);
    let key = seed.find("specialization").map_or(0, |i| i + 3);
    let mut hover = bench_request(
        &mut c,
        "textDocument/hover",
        json!({ "textDocument": { "uri": seed_uri }, "position": pos(&seed, key) }),
        1000,
    );
    report("hover (seed, key)", &mut hover, 1.0);
    let rss_after = c.rss_kib();
    drop(c);

    // ~1 MB role files: (a) the seed's frontmatter and its body repeated (every
    // section duplicated, the mojibake 60 times over: ~3,000 diagnostics);
    // (b) the seed's frontmatter and the twelve standard sections, each long.
    let split = seed.find("\n---\n").map_or(0, |i| i + 5);
    let (front, body) = seed.split_at(split);
    let mut repeated = front.to_string();
    while repeated.len() < 1_000_000 {
        repeated.push_str(body);
    }
    let names: Vec<&str> = SECTIONS.iter().map(|s| s.title).collect();
    let mut long = format!("{front}\n# Senior Platform Engineer\n\n");
    for (i, name) in names.iter().enumerate() {
        long.push_str(&format!("## {}. {name}\n\n", i + 1));
        let mut k = 0;
        while long.len() < (i + 1) * 1_000_000 / names.len() {
            long.push_str(&format!(
                "- Item {i}.{k}: keep the platform observable, reproducible and secure; document every decision.\n"
            ));
            k += 1;
        }
        long.push('\n');
    }
    let mut rss_big = None;
    for (label, big) in [("1 MB, body repeated", &repeated), ("1 MB, long sections", &long)] {
        let big_uri = format!("{root}/platform-engineer.md");
        let (mut c, _) = init(server, &root);
        c.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": big_uri, "languageId": "markdown", "version": 1, "text": big } }),
        );
        c.diagnostics(&big_uri, 1);
        let big_anchor = big.rfind("## 1. Mission Statement").map_or(0, |i| i + 3);
        bench_changes(&mut c, &big_uri, big, big_anchor, 10, 2);
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": big_uri, "version": 1000 }, "contentChanges": [{ "text": big }] }),
        );
        c.diagnostics(&big_uri, 1000);
        let mut changes = bench_changes(&mut c, &big_uri, big, big_anchor, 200, 1001);
        report(&format!("didChange -> publishDiagnostics ({label})"), &mut changes, 20.0);
        rss_big = rss_big.or(c.rss_kib());
        drop(c);
    }

    let mb = |k: Option<u64>| k.map_or("n/a".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0));
    println!("{:<56} {} (target <= 30 MB)", "RSS, seed open", mb(rss_open));
    println!("{:<56} {}", "RSS, seed open after 3,000 requests", mb(rss_after));
    println!("{:<56} {}", "RSS, 1 MB file open (body repeated)", mb(rss_big));
    let _ = std::fs::remove_dir_all(&dir);
}
