//! Benchmark of the language server over real stdio (run by
//! `scripts/bench-lsp.sh`). Prints figures next to their targets; never fails
//! on them.
//!
//! Usage: `bench-lsp SEED.md [SECTION...] -- SERVER [ARGS...]`, sections:
//! - `latency`: didChange → publishDiagnostics, completion and hover on the
//!   seed and on ~1 MB role files, initialize → first diagnostics, RSS;
//! - `workspace`: a generated workspace of 10,000 role files and 5,000 notes:
//!   initialize → the opened file's diagnostics, → a hover answered while the
//!   index fills, → the index complete, and the server's RSS;
//! - `slow`: a hover on a small document while a pathological one is
//!   re-checked (~1 MB: a flow mapping of 40,000 unknown keys, block
//!   mappings nested 1,400 deep; and 12.5 MB nested 5,000 deep, one space
//!   of indentation per level), and documentSymbol on the deepest;
//! - `big`: peak RSS of a 20 MB didOpen.
//! - `xfile`: features across files: inlay hints, code lens and highlights
//!   on the seed, workspace symbols and a rename on 10,000 roles.
//! - `generate` (alone): writes the `workspace` section's files and prints
//!   their folder and the file to open, for the WASM benchmark
//!   (`vscode-extension/tests/bench-index.mjs`).
//!
//! Every section starts fresh server processes.

mod client;
mod gen;
mod xfile;

use std::time::{Duration, Instant};

use client::{capabilities, init, Client};
use rolekit_core::{LineIndex, PositionEncoding};
use serde_json::{json, Value};

fn pos(text: &str, offset: usize) -> Value {
    let p = LineIndex::new(text).position(text, offset, PositionEncoding::Utf16);
    json!({ "line": p.line, "character": p.character })
}

fn at(uri: &str, text: &str, offset: usize) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": pos(text, offset) })
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i.min(samples.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "OVER"
    }
}

fn report(name: &str, samples: &mut [Duration], target_ms: f64) {
    let p50 = ms(percentile(samples, 0.50));
    let p99 = ms(percentile(samples, 0.99));
    println!(
        "{name:<60} n={:<5} p50={p50:>9.3} ms  p99={p99:>9.3} ms  (target p99 <= {target_ms} ms: {})",
        samples.len(),
        verdict(p99 <= target_ms)
    );
}

fn mb(k: Option<u64>) -> String {
    k.map_or("n/a".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0))
}

fn report_mb(name: &str, kib: Option<u64>, target_mb: f64) {
    let ok = kib.is_some_and(|k| k as f64 / 1024.0 <= target_mb);
    println!("{name:<60} {:>12}  (target <= {target_mb} MB: {})", mb(kib), verdict(ok));
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

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rolekit-bench-{name}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

fn plain_capabilities() -> Value {
    json!({ "general": { "positionEncodings": ["utf-16"] } })
}

// ----- latency ---------------------------------------------------------------------------------

fn latency(server: &[String], seed: &str) {
    let dir = scratch("latency");
    let root = file_uri(&dir);
    let seed_uri = format!("{root}/platform-engineer.md");
    let anchor = seed.find("## 1. Mission Statement").map_or(0, |i| i + 3);
    println!("== latency ({} bytes seed)", seed.len());

    // Start-up: initialize → first diagnostics (20 fresh processes).
    let mut startup = Vec::new();
    for _ in 0..20 {
        let (mut c, t0, _) = init(server, &root, plain_capabilities());
        c.open(&seed_uri, seed);
        let (at, _) = c.diagnostics(&seed_uri, 1);
        startup.push(at - t0);
    }
    report("initialize -> first diagnostics (seed, empty folder)", &mut startup, 50.0);

    let (mut c, _, _) = init(server, &root, plain_capabilities());
    c.open(&seed_uri, seed);
    c.diagnostics(&seed_uri, 1);
    let rss_open = c.rss_kib();
    // Warm-up, then measure.
    bench_changes(&mut c, &seed_uri, seed, anchor, 50, 2);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": seed_uri, "version": 1000 }, "contentChanges": [{ "text": seed }] }),
    );
    c.diagnostics(&seed_uri, 1000);
    let mut changes = bench_changes(&mut c, &seed_uri, seed, anchor, 1000, 1001);
    report("didChange -> publishDiagnostics (seed)", &mut changes, 1.0);
    let tone = seed.find("tone: ").map_or(0, |i| i + 6);
    let mut completion = bench_request(&mut c, "textDocument/completion", at(&seed_uri, seed, tone), 1000);
    report("completion (seed, `tone:` value)", &mut completion, 1.0);
    let key = seed.find("specialization").map_or(0, |i| i + 3);
    let mut hover = bench_request(&mut c, "textDocument/hover", at(&seed_uri, seed, key), 1000);
    report("hover (seed, key)", &mut hover, 1.0);
    let rss_after = c.rss_kib();
    drop(c);

    // ~1 MB role files: (a) the seed's body repeated (every section
    // duplicated, the mojibake 60 times over: ~3,000 diagnostics); (b) the
    // twelve standard sections, each long.
    let repeated = gen::big(seed, 1_000_000);
    let long = gen::long_sections(seed, 1_000_000);
    let mut rss_big = None;
    for (label, big) in [("1 MB, body repeated", &repeated), ("1 MB, long sections", &long)] {
        let (mut c, _, _) = init(server, &root, plain_capabilities());
        c.open(&seed_uri, big);
        c.diagnostics(&seed_uri, 1);
        let big_anchor = big.rfind("## 1. Mission Statement").map_or(0, |i| i + 3);
        bench_changes(&mut c, &seed_uri, big, big_anchor, 10, 2);
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": seed_uri, "version": 1000 }, "contentChanges": [{ "text": big }] }),
        );
        c.diagnostics(&seed_uri, 1000);
        let mut changes = bench_changes(&mut c, &seed_uri, big, big_anchor, 200, 1001);
        report(&format!("didChange -> publishDiagnostics ({label})"), &mut changes, 20.0);
        rss_big = rss_big.or(c.rss_kib());
    }
    report_mb("RSS, seed open", rss_open, 30.0);
    println!("{:<60} {:>12}", "RSS, seed open after 3,000 requests", mb(rss_after));
    println!("{:<60} {:>12}", "RSS, 1 MB file open (body repeated)", mb(rss_big));
    let _ = std::fs::remove_dir_all(&dir);
}

// ----- workspace -------------------------------------------------------------------------------

/// The generated workspace (written once, reused).
fn generated() -> Option<(std::path::PathBuf, gen::Workspace)> {
    let dir = std::env::temp_dir().join("rolekit-bench-workspace-100x100-5000");
    match gen::workspace(&dir, 100, 100, 5000) {
        Ok(ws) => Some((dir, ws)),
        Err(e) => {
            println!("workspace: cannot generate {}: {e}", dir.display());
            None
        }
    }
}

fn workspace(server: &[String], runs: usize) {
    let t = Instant::now();
    let Some((dir, ws)) = generated() else { return };
    println!(
        "== workspace: {} role files + {} notes in {} (generated or found in {:.1} s)",
        ws.roles,
        ws.notes,
        dir.display(),
        t.elapsed().as_secs_f64()
    );
    let root = file_uri(&dir);
    let uri = file_uri(&ws.opened);
    let text = &ws.opened_text;
    let key = text.find("specialization").map_or(0, |i| i + 3);
    let inherits = text.find("inherits: ").map_or(0, |i| i + 12);
    let (mut init_answer, mut first_diags, mut hover_at, mut index_done, mut refs_done) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut rss, mut hwm) = (None, None);
    let mut during = 0;
    let mut lost = 0;
    for _ in 0..runs {
        let (mut c, t0, answered) = init(server, &root, capabilities());
        init_answer.push(answered);
        c.open(&uri, text);
        let hover_id = c.send_request("textDocument/hover", at(&uri, text, key));
        let (diag_time, _) = c.diagnostics(&uri, 1);
        first_diags.push(diag_time - t0);
        // A server that drops requests received while it indexes never answers.
        let hover =
            c.wait_until(Instant::now() + Duration::from_secs(10), |m| m["id"] == hover_id && m["method"].is_null());
        let hover_time = match hover {
            Some((at, r)) if r["error"].is_null() => {
                hover_at.push(at - t0);
                Some(at)
            }
            Some((_, r)) => {
                println!("  hover failed: {}", r["error"]);
                None
            }
            None => {
                lost += 1;
                None
            }
        };
        // The index is complete when the server ends its progress (if it
        // reports any), and at the latest when find-references on the
        // `inherits` value lists every role of the folder.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let id = c.send_request(
                "textDocument/references",
                json!({ "textDocument": { "uri": uri }, "position": pos(text, inherits), "context": { "includeDeclaration": false } }),
            );
            let (_, r) = c.response(id);
            if r["result"].as_i64().unwrap_or(0) >= ws.inheritors_per_base as i64 {
                refs_done.push(Instant::now() - t0);
                break;
            }
            if Instant::now() > deadline {
                println!("workspace: references never listed the whole folder ({})", r["result"]);
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // Progress: the server's own `end` (waits a little for it when the references were first).
        let end = |c: &Client| {
            c.progress.iter().find(|(_, p)| p["value"]["kind"] == "end" && p["token"] != Value::Null).map(|(at, _)| *at)
        };
        let begun = c.progress.iter().any(|(_, p)| p["value"]["kind"] == "begin");
        if end(&c).is_none() && begun {
            let _ = c.wait_until(Instant::now() + Duration::from_secs(30), |m| {
                m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
            });
        }
        if let Some(at) = end(&c) {
            index_done.push(at - t0);
            if hover_time.is_some_and(|h| h < at) {
                during += 1;
            }
        }
        rss = c.rss_kib();
        hwm = c.hwm_kib();
    }
    report("initialize answered", &mut init_answer, 50.0);
    report("initialize -> opened file's diagnostics", &mut first_diags, 50.0);
    if hover_at.is_empty() {
        println!("{:<60} {:>12}", "initialize -> hover answered (sent right after didOpen)", "never");
    } else {
        report("initialize -> hover answered (sent right after didOpen)", &mut hover_at, 50.0);
    }
    if lost > 0 {
        println!("{:<60} {lost} of {runs} runs", "  hover never answered (10 s)");
    }
    println!("{:<60} {during} of {runs} runs", "  hover answered before the index was complete");
    if index_done.is_empty() {
        println!("{:<60} {:>12}", "initialize -> index complete ($/progress end)", "no progress");
    } else {
        report("initialize -> index complete ($/progress end)", &mut index_done, 1000.0);
    }
    report("initialize -> references list the whole folder", &mut refs_done, 1000.0);
    report_mb("RSS after indexing", rss, 60.0);
    println!("{:<60} {:>12}", "peak RSS", mb(hwm));
}

// ----- slow ------------------------------------------------------------------------------------

fn slow(server: &[String], seed: &str) {
    let dir = scratch("slow");
    let root = file_uri(&dir);
    let small_uri = format!("{root}/platform-engineer.md");
    let key = seed.find("specialization").map_or(0, |i| i + 3);
    println!("== slow documents (hover on the {} byte seed while another document is re-checked)", seed.len());
    for (label, text, rounds) in [
        ("flow mapping of 40,000 unknown keys", gen::flow_keys(40_000), 10),
        ("block mappings nested 1,400 deep", gen::deep_nesting(1_400), 10),
        ("block mappings nested 5,000 deep", gen::deep_nesting(5_000), 5),
    ] {
        let slow_uri = format!("{root}/slow.md");
        let (mut c, _, _) = init(server, &root, capabilities());
        c.open(&small_uri, seed);
        c.diagnostics(&small_uri, 1);
        let t = Instant::now();
        c.open(&slow_uri, &text);
        let (done, _) = c.diagnostics(&slow_uri, 1);
        let first_check = done - t;
        let mut hovers = Vec::new();
        let mut later = Vec::new();
        let mut checks = Vec::new();
        for round in 0..rounds {
            let version = 2 + round as i64;
            // A different text each time (a space at the end), re-sent whole.
            let changed = format!("{text}{}", " ".repeat(round % 2));
            let sent = Instant::now();
            c.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": slow_uri, "version": version }, "contentChanges": [{ "text": changed }] }),
            );
            let t = Instant::now();
            let id = c.send_request("textDocument/hover", at(&small_uri, seed, key));
            let (answered, r) = c.response(id);
            assert!(r["error"].is_null(), "hover: {r}");
            hovers.push(answered - t);
            // Again once the didChange itself is surely read: the check alone.
            std::thread::sleep(Duration::from_millis(60));
            let t = Instant::now();
            let id = c.send_request("textDocument/hover", at(&small_uri, seed, key));
            let (answered, _) = c.response(id);
            let checking = c
                .backlog_has(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version);
            if !checking {
                later.push(answered - t);
            }
            let (checked, _) = c.diagnostics(&slow_uri, version);
            checks.push(checked - sent);
        }
        println!(
            "  {label}: {:.2} MB, first check {:.0} ms, re-check p50 {:.0} ms",
            text.len() as f64 / 1e6,
            ms(first_check),
            ms(percentile(&mut checks, 0.5))
        );
        report("  hover on another document, sent right after the didChange", &mut hovers, 50.0);
        if later.is_empty() {
            println!("  (the re-check ended within 60 ms: no hover during it alone)");
        } else {
            report("  hover on another document, 60 ms into the re-check", &mut later, 50.0);
        }
        if label.contains("5,000") {
            let before = c.hwm_kib();
            let t = Instant::now();
            let id = c.send_request("textDocument/documentSymbol", json!({ "textDocument": { "uri": slow_uri } }));
            let (answered, r) = c.response(id);
            println!(
                "  documentSymbol on it: {:.0} ms, {} bytes answered; peak RSS {} before, {} after",
                ms(answered - t),
                r["bytes"],
                mb(before),
                mb(c.hwm_kib())
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ----- big -------------------------------------------------------------------------------------

fn big(server: &[String], seed: &str) {
    let dir = scratch("big");
    let root = file_uri(&dir);
    let uri = format!("{root}/platform-engineer.md");
    let text = gen::big(seed, 20 * 1024 * 1024);
    println!("== big: didOpen of {:.1} MB (the seed's body repeated)", text.len() as f64 / 1e6);
    let (mut c, _, _) = init(server, &root, capabilities());
    let before = c.hwm_kib();
    let t = Instant::now();
    c.open(&uri, &text);
    let (done, _) = c.diagnostics(&uri, 1);
    println!("{:<60} {:>9.0} ms", "didOpen -> publishDiagnostics", ms(done - t));
    println!("{:<60} {:>12}", "peak RSS before didOpen", mb(before));
    report_mb("peak RSS after didOpen (20 MB)", c.hwm_kib(), 200.0);
    println!("{:<60} {:>12}", "RSS after didOpen", mb(c.rss_kib()));
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(sep) = args.iter().position(|a| a == "--") else {
        eprintln!("usage: bench-lsp SEED.md [latency|workspace|slow|big|xfile ...] -- SERVER [ARGS...]");
        std::process::exit(2);
    };
    let (seed_path, sections, server) = (&args[0], &args[1..sep], &args[sep + 1..]);
    let seed = std::fs::read_to_string(seed_path).expect("read the seed");
    let all = sections.is_empty();
    let wants = |s: &str| all || sections.iter().any(|x| x == s);
    if sections.iter().any(|s| s == "generate") {
        // For the WASM benchmark (vscode-extension/tests/bench-index.mjs): the folder and the file to open.
        if let Some((dir, ws)) = generated() {
            println!("{}\n{}", dir.display(), ws.opened.display());
        }
        return;
    }
    println!("rolekit language server benchmark (server: {})", server.join(" "));
    if wants("latency") {
        latency(server, &seed);
    }
    if wants("workspace") {
        let runs = std::env::var("ROLEKIT_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
        workspace(server, runs);
    }
    if wants("slow") {
        slow(server, &seed);
    }
    if wants("big") {
        big(server, &seed);
    }
    if wants("xfile") {
        xfile::xfile(server, &seed);
    }
}
