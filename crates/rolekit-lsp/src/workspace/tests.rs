//! The workspace's synchronous steps, without a server: edits, what they
//! ask to check, jobs storing results, lookups, the index.

use std::sync::{Arc, Mutex};

use ls_types as lsp;
use rolekit_core::PositionEncoding;
use serde_json::json;

use super::check::{self, Done};
use super::document::Stage;
use super::indexer::{self, Budget, Slice};
use super::policy::Policy;
use super::*;
use crate::fs::MemoryFs;
use crate::session::Session;
use rolekit_core::policy::Settings;

const ROOT: &str = "file:///w/";

fn workspace(fs: &MemoryFs) -> Mutex<Workspace> {
    let (policy, errors) = Policy::load(fs, vec![ROOT.to_string()].into(), &Settings::default());
    assert!(errors.is_empty(), "{errors:?}");
    Mutex::new(Workspace::new(PositionEncoding::Utf16, policy))
}

fn run_job(w: &Mutex<Workspace>, fs: &MemoryFs, uri: &str) -> Vec<Done> {
    let mut done = Vec::new();
    check::run(w, fs, uri, &mut |d| done.push(d));
    done
}

fn change(range: Option<((u32, u32), (u32, u32))>, text: &str) -> lsp::TextDocumentContentChangeEvent {
    lsp::TextDocumentContentChangeEvent {
        range: range.map(|((a, b), (c, d))| lsp::Range {
            start: lsp::Position { line: a, character: b },
            end: lsp::Position { line: c, character: d },
        }),
        range_length: None,
        text: text.to_string(),
    }
}

#[test]
fn edits_apply_in_order_and_ask_for_one_job() {
    let fs = MemoryFs::new();
    let w = workspace(&fs);
    let uri = format!("{ROOT}qa.md");
    let fx = lock(&w).open(&uri, 1, "---\nrole: qa\nversion: 1.0.0\n---\n".to_string());
    assert_eq!(fx.check, vec![uri.clone()]);
    // Before any job ran: the edit applies to the raw text (UTF-16 columns).
    let fx = lock(&w)
        .change(
            &uri,
            2,
            vec![
                change(Some(((1, 6), (1, 8))), "🎯é"),
                change(Some(((1, 9), (1, 9))), "x"),
                change(None, "---\nrole: a\n---\n"),
            ],
        )
        .unwrap();
    assert!(fx.check.is_empty(), "a job is already pending");
    let fx = lock(&w)
        .change(&uri, 3, vec![change(Some(((1, 6), (1, 7))), "🎯é"), change(Some(((1, 9), (1, 9))), "x")])
        .unwrap();
    assert!(fx.check.is_empty());
    assert_eq!(lock(&w).docs[&uri].content.text(), "---\nrole: 🎯éx\n---\n");
    let done = run_job(&w, &fs, &uri);
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].version, 3);
    // After the parse, the next edit uses its line index.
    lock(&w).change(&uri, 4, vec![change(Some(((1, 9), (1, 9))), "!")]).unwrap();
    assert_eq!(lock(&w).docs[&uri].content.text(), "---\nrole: 🎯é!x\n---\n");
    // An inverted range is read in order; one past the end clamps to it.
    lock(&w)
        .change(&uri, 5, vec![change(Some(((0, 2), (0, 1))), "z"), change(Some(((99, 0), (99, 5))), "end")])
        .unwrap();
    assert_eq!(lock(&w).docs[&uri].content.text(), "-z-\nrole: 🎯é!x\n---\nend");
    // A change to a document that is not open is a warning, and nothing else happens.
    let fx = lock(&w).change("file:///w/none.md", 1, vec![change(None, "x")]).unwrap_or_default();
    assert!(fx.check.is_empty() && fx.log.len() == 1, "{:?}", fx.log);
    assert!(!lock(&w).docs.contains_key("file:///w/none.md"));
}

#[test]
fn a_parent_change_asks_to_check_its_children_only() {
    let fs = MemoryFs::new();
    let w = workspace(&fs);
    let child = format!("{ROOT}child.md");
    let other = format!("{ROOT}other.md");
    let far = format!("{ROOT}sub/far.md");
    for (uri, text) in [
        (&child, "---\nrole: child\ninherits: base\n---\n"),
        (&other, "---\nrole: other\nversion: 1.0.0\n---\n"),
        (&far, "---\nrole: far\ninherits: base\n---\n"),
    ] {
        let fx = lock(&w).open(uri, 1, text.to_string());
        for file in fx.check {
            run_job(&w, &fs, &file);
        }
    }
    let base = format!("{ROOT}base.md");
    let fx = lock(&w).open(&base, 1, "---\nrole: base\nversion: 1.0.0\n---\n".to_string());
    assert_eq!(fx.check, [base.clone(), child.clone()], "the child in its folder; not a role without a parent");
    let done = run_job(&w, &fs, &child);
    assert!(done[0].external, "checked again for another document");
    assert!(done[0].checked.parents.iter().any(|(l, _)| *l == base), "the open parent");
}

#[test]
fn lookups_wait_for_their_stage() {
    let fs = MemoryFs::new();
    let w = workspace(&fs);
    let uri = format!("{ROOT}qa.md");
    lock(&w).open(&uri, 1, "---\nrole: qa\ntone: loud\n---\n".to_string());
    let session = Arc::new(Session::default());
    let mut wait = match lock(&w).lookup(&uri, Stage::Parsed, false, &session) {
        Lookup::Wait(rx) => rx,
        _ => panic!("not parsed yet"),
    };
    assert!(matches!(lock(&w).lookup("file:///w/none.md", Stage::Parsed, false, &session), Lookup::Closed));
    run_job(&w, &fs, &uri);
    assert_eq!(wait.try_recv(), Ok(Some(())));
    let Lookup::Ready(snap) = lock(&w).lookup(&uri, Stage::Checked, true, &session) else { panic!("checked") };
    assert_eq!(snap.version, 1);
    assert!(snap.in_scope());
    assert!(snap.diagnostics().iter().any(|d| d.rule.as_str() == "invalid-enum"));
    // A new revision: the check is stale again, the parse too.
    lock(&w).change(&uri, 2, vec![change(None, "---\nrole: qa\nversion: 1.0.0\n---\n")]).unwrap();
    assert!(matches!(lock(&w).lookup(&uri, Stage::Checked, false, &session), Lookup::Wait(_)));
    // A failed job: requests get what there is instead of waiting forever.
    lock(&w).job_failed(&uri);
    assert!(matches!(lock(&w).lookup(&uri, Stage::Parsed, false, &session), Lookup::Closed));
}

#[test]
fn indexing_reads_heads_in_slices_and_open_folders_first() {
    let fs = MemoryFs::new();
    for i in 0..10 {
        fs.insert(format!("{ROOT}a/r{i}.md"), format!("---\nrole: r{i}\nversion: 1.0.0\n---\n# Body\n"));
        fs.insert(format!("{ROOT}b/r{i}.md"), format!("---\nrole: b{i}\ninherits: b0\n---\n"));
    }
    fs.insert(format!("{ROOT}b/zz-notes.md"), "# notes\n");
    let w = workspace(&fs);
    lock(&w).open(&format!("{ROOT}b/new.md"), 1, String::new());
    lock(&w).start_indexing();
    let budget = Budget { files: 4, ms: 1e9 };
    // The open document's folder is listed and read first.
    assert_eq!(indexer::slice(&w, &fs, budget, &|| None), Slice::More);
    {
        let w = lock(&w);
        let b = format!("{ROOT}b/");
        let folders: Vec<&str> = w.index.in_folder(&b).map(|e| e.role.name.as_str()).collect();
        assert_eq!(folders, ["b0", "b1", "b2", "b3"], "the open document's folder first, in order");
        assert_eq!((w.indexing.read, w.indexing.listed), (4, 11), "the rest is not listed yet");
    }
    let mut slices = 1;
    loop {
        slices += 1;
        match indexer::slice(&w, &fs, budget, &|| None) {
            Slice::More => assert!(slices < 10, "4 files a slice"),
            Slice::Complete => break,
            Slice::Idle => panic!("idle while running"),
        }
    }
    assert_eq!(slices, 6, "21 files, 4 a slice");
    assert_eq!(indexer::slice(&w, &fs, budget, &|| None), Slice::Idle);
    let w = lock(&w);
    assert!(w.indexing.complete && !w.indexing.running);
    assert_eq!(w.index.len(), 20);
    assert_eq!((w.indexing.read, w.indexing.listed), (21, 21), "each file once");
    assert_eq!(w.indexing.percentage(), 100);
    let seen = w.seen(&format!("{ROOT}b/new.md"));
    assert_eq!(seen.len(), 10);
    let b1 = w.index.get(&format!("{ROOT}b/r1.md")).unwrap();
    assert_eq!(serde_json::to_value(b1.inherits_range).unwrap()["start"], json!({ "line": 2, "character": 10 }));
}
