//! The `xfile` section: features across files. Inlay hints (in a child of
//! the seed) and code lens (on the seed) ≤ 1 ms p99; workspace symbols on
//! 10,000 roles ≤ 10 ms p99 and a rename across 10,000 roles (one base role
//! and 9,999 roles inheriting it, in one folder: `inherits` names a role
//! beside the file) ≤ 200 ms.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::client::{capabilities, init, Client};
use super::{at, bench_request, file_uri, report, scratch};

/// Waits for the end of indexing (`$/progress` end on the server's token).
fn wait_indexed(c: &mut Client) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if c.progress.iter().any(|(_, p)| p["value"]["kind"] == "end" && p["token"] == "rolekit/indexing") {
            return true;
        }
        let got = c.wait_until(deadline, |m| {
            m["method"] == "$/progress"
                && m["params"]["value"]["kind"] == "end"
                && m["params"]["token"] == "rolekit/indexing"
        });
        if got.is_some() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
    }
}

fn child_of_seed() -> String {
    "---\nrole: seed-child\ninherits: platform-engineer\nversion: 1.0.0\ndescription: A child of the seed\n---\n\n# Seed child\n".to_string()
}

pub fn xfile(server: &[String], seed: &str) {
    println!("== xfile: inlay hints and code lens on the seed, symbols and rename on 10,000 roles");
    // On the seed.
    let dir = scratch("xfile-seed");
    let child = child_of_seed();
    std::fs::write(dir.join("platform-engineer.md"), seed).expect("write the seed");
    std::fs::write(dir.join("seed-child.md"), &child).expect("write the child");
    let root = file_uri(&dir);
    let (mut c, _, _) = init(server, &root, capabilities());
    wait_indexed(&mut c);
    let seed_uri = format!("{root}/platform-engineer.md");
    let child_uri = format!("{root}/seed-child.md");
    c.open(&seed_uri, seed);
    c.open(&child_uri, &child);
    c.diagnostics(&child_uri, 1);
    let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 200, "character": 0 } });
    let hints = c.request("textDocument/inlayHint", json!({ "textDocument": { "uri": child_uri }, "range": range }));
    let n = hints["result"].as_i64().unwrap_or(0);
    let mut samples = bench_request(
        &mut c,
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": child_uri }, "range": range }),
        1000,
    );
    report(&format!("inlayHint in a child of the seed ({n} hints)"), &mut samples, 1.0);
    let mut samples =
        bench_request(&mut c, "textDocument/codeLens", json!({ "textDocument": { "uri": seed_uri } }), 1000);
    report("codeLens on the seed", &mut samples, 1.0);
    let mut samples = bench_request(
        &mut c,
        "textDocument/documentHighlight",
        at(&child_uri, &child, child.find("platform-engineer").unwrap_or(0) + 1),
        1000,
    );
    report("documentHighlight in a child of the seed", &mut samples, 1.0);
    drop(c);

    // 10,000 roles in one folder.
    let dir = std::env::temp_dir().join("rolekit-bench-flat-10000");
    if let Err(e) = flat(&dir, 10_000) {
        println!("xfile: cannot generate {}: {e}", dir.display());
        return;
    }
    let root = file_uri(&dir);
    let (mut c, t0, _) = init(server, &root, capabilities());
    if !wait_indexed(&mut c) {
        println!("xfile: the index did not complete");
        return;
    }
    println!("{:<60} {:.0} ms", "initialize -> 10,000 roles indexed", t0.elapsed().as_secs_f64() * 1000.0);
    let base_uri = format!("{root}/base.md");
    let base = std::fs::read_to_string(dir.join("base.md")).unwrap_or_default();
    c.open(&base_uri, &base);
    c.diagnostics(&base_uri, 1);
    for query in ["", "r5", "role-04217", "bse"] {
        let found = c.request("workspace/symbol", json!({ "query": query }));
        let n = found["result"].as_i64().unwrap_or(0);
        let mut samples = bench_request(&mut c, "workspace/symbol", json!({ "query": query }), 200);
        report(&format!("workspace/symbol {query:?} on 10,000 roles ({n} shown)"), &mut samples, 10.0);
    }
    let mut params = at(&base_uri, &base, base.find("base").unwrap_or(0) + 1);
    params["newName"] = json!("core");
    let edit = c.request("textDocument/rename", params.clone());
    let kib = edit["bytes"].as_u64().unwrap_or(0) / 1024;
    let mut samples: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let r: Value = c.request("textDocument/rename", params.clone());
            assert!(r["error"].is_null(), "rename: {r}");
            t.elapsed()
        })
        .collect();
    report(&format!("rename across 10,000 roles (a {kib} KiB workspace edit)"), &mut samples, 200.0);
}

/// `n` roles in one folder: `base` and `n - 1` roles inheriting it.
fn flat(dir: &std::path::Path, n: usize) -> std::io::Result<()> {
    let done = dir.join(".generated");
    if done.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let role = |name: &str, inherits: Option<&str>| {
        let inherits = inherits.map(|p| format!("inherits: {p}\n")).unwrap_or_default();
        format!(
            "---\nrole: {name}\n{inherits}version: 1.0.0\ndescription: The {name} role\nspecialization: Benchmarks\ntone: concise-technical\nexpertise:\n  - Benchmarks\nresponsibilities:\n  - Stay fast\ncapabilities:\n  can_write_code: true\n---\n\n# {name}\n\n## 1. Role Identity\n\nA generated role.\n"
        )
    };
    std::fs::write(dir.join("base.md"), role("base", None))?;
    for i in 1..n {
        let name = format!("role-{i:05}");
        std::fs::write(dir.join(format!("{name}.md")), role(&name, Some("base")))?;
    }
    std::fs::write(done, "")
}
