//! The server in process, over the in-memory file system: the handlers
//! called as the message loop calls them, jobs run when the test says so,
//! everything the server sends captured as JSON. (The stdio tests in
//! `tests/lsp.rs` run the real binary over real pipes.)

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use ls_types as lsp;
use serde_json::{json, Value};

use super::{Backend, Options};
use crate::executor::{BoxFuture, Executor, Job, Priority};
use crate::fs::MemoryFs;
use crate::handlers::params::RequestParams;

/// Jobs wait in a queue until the test runs them (or run at once when not held).
#[derive(Default)]
struct Manual {
    jobs: Mutex<VecDeque<(Priority, Job)>>,
    hold: AtomicBool,
}

impl Manual {
    /// Runs queued jobs (and those they queue) until none is left.
    fn run_all(&self) -> usize {
        let mut n = 0;
        loop {
            let job = self.jobs.lock().unwrap().pop_front();
            match job {
                Some((_, job)) => {
                    job();
                    n += 1;
                }
                None => return n,
            }
        }
    }

    fn queued(&self) -> Vec<Priority> {
        self.jobs.lock().unwrap().iter().map(|(p, _)| *p).collect()
    }
}

impl Executor for Manual {
    fn run(&self, priority: Priority, job: Job) {
        if self.hold.load(Ordering::SeqCst) {
            self.jobs.lock().unwrap().push_back((priority, job));
        } else {
            job();
        }
    }

    fn spawn(&self, future: BoxFuture) {
        // Client requests the server sends: nobody answers them here.
        drop(tokio::spawn(future));
    }

    fn threaded(&self) -> bool {
        false
    }

    fn now_ms(&self) -> Option<f64> {
        None
    }
}

struct Harness {
    backend: Backend,
    out: Arc<Mutex<Vec<Value>>>,
    jobs: Arc<Manual>,
    fs: Arc<MemoryFs>,
}

const ROOT: &str = "file:///w/";

fn role(name: &str, inherits: Option<&str>) -> String {
    let inherits = inherits.map(|p| format!("inherits: {p}\n")).unwrap_or_default();
    format!(
        "---\nrole: {name}\n{inherits}version: 1.0.0\ndescription: The {name} role of the tests\nspecialization: Tests\ntone: concise-technical\nexpertise: [a]\nresponsibilities: [b]\ncapabilities:\n  can_write_code: true\n---\n\n# {name}\n"
    )
}

impl Harness {
    async fn start(files: &[(&str, String)], capabilities: Value) -> Harness {
        Self::start_held(files, capabilities, false).await
    }

    /// With `hold`, no job runs (indexing included) until the test runs them.
    async fn start_held(files: &[(&str, String)], capabilities: Value, hold: bool) -> Harness {
        let fs = Arc::new(MemoryFs::new());
        for (path, text) in files {
            fs.insert(format!("{ROOT}{path}"), text.clone());
        }
        let jobs = Arc::new(Manual::default());
        jobs.hold.store(hold, Ordering::SeqCst);
        let out: Arc<Mutex<Vec<Value>>> = Arc::default();
        let sink = out.clone();
        // What the server sends, but its own requests (nobody answers them here).
        let options = Options::new(
            fs.clone(),
            jobs.clone(),
            Arc::new(move |body: Vec<u8>| {
                let message: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                if message.get("id").is_none() {
                    sink.lock().unwrap().push(message);
                }
            }),
        );
        let h = Harness { backend: Backend::new(options), out, jobs, fs };
        let params = json!({ "processId": null, "rootUri": ROOT, "capabilities": capabilities,
                             "workspaceFolders": [{ "uri": ROOT, "name": "w" }] });
        let params = RequestParams::read(Some(params)).and_then(RequestParams::initialize).unwrap();
        h.server().initialize(params).await.unwrap();
        h.server().initialized();
        h
    }

    fn server(&self) -> &Backend {
        &self.backend
    }

    fn hold(&self) {
        self.jobs.hold.store(true, Ordering::SeqCst);
    }

    /// Notifications sent so far (and forgets them).
    fn take(&self) -> Vec<Value> {
        std::mem::take(&mut *self.out.lock().unwrap())
    }

    /// The publishes sent for `uri` so far: (version, diagnostics).
    fn published(&self, uri: &str) -> Vec<(Value, Vec<Value>)> {
        self.take()
            .into_iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            .map(|m| {
                (m["params"]["version"].clone(), m["params"]["diagnostics"].as_array().cloned().unwrap_or_default())
            })
            .collect()
    }

    async fn open(&self, path: &str, text: &str) -> String {
        let uri = format!("{ROOT}{path}");
        let params = json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } });
        self.server().did_open(serde_json::from_value(params).unwrap());
        uri
    }

    async fn change(&self, uri: &str, version: i32, text: &str) {
        let params =
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] });
        self.server().did_change(serde_json::from_value(params).unwrap());
    }

    fn at(uri: &str, line: u32, character: u32) -> Value {
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
    }

    async fn hover(&self, uri: &str, line: u32, character: u32) -> Option<lsp::Hover> {
        let params = serde_json::from_value(Self::at(uri, line, character)).unwrap();
        typed(self.server().hover(params).await)
    }

    async fn completion_labels(&self, uri: &str, line: u32, character: u32) -> Vec<String> {
        let params = serde_json::from_value(Self::at(uri, line, character)).unwrap();
        match typed::<Option<lsp::CompletionResponse>>(self.server().completion(params).await) {
            Some(lsp::CompletionResponse::Array(items)) => items.into_iter().map(|i| i.label).collect(),
            _ => Vec::new(),
        }
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().filter_map(|d| d["code"].as_str().map(str::to_string)).collect()
}

/// Polls `future` once: `Some` if it is already done.
fn now<F: std::future::Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let waker = futures::task::noop_waker();
    match future.as_mut().poll(&mut std::task::Context::from_waker(&waker)) {
        std::task::Poll::Ready(v) => Some(v),
        std::task::Poll::Pending => None,
    }
}

/// A handler's answer (JSON text) read back into its type.
fn typed<T: serde::de::DeserializeOwned>(answer: crate::rpc::Result<crate::rpc::Json>) -> T {
    serde_json::from_str(answer.expect("answered").as_str()).expect("the answer's type")
}

#[tokio::test(flavor = "current_thread")]
async fn open_publishes_the_check_without_fixes_in_data() {
    let h = Harness::start(&[], json!({})).await;
    let uri = h.open("qa.md", "---\nrole: qa\ntone: loud\n---\n").await;
    let published = h.published(&uri);
    assert_eq!(published.len(), 1);
    let (version, diagnostics) = &published[0];
    assert_eq!(version, &json!(1));
    assert!(codes(diagnostics).contains(&"invalid-enum".to_string()), "{diagnostics:?}");
    assert!(diagnostics.iter().all(|d| d.get("data").is_none()), "no fix travels in data");
}

#[tokio::test(flavor = "current_thread")]
async fn a_slow_document_holds_up_no_request_on_another() {
    let h = Harness::start(&[], json!({})).await;
    let small = h.open("small.md", &role("small", None)).await;
    h.take();
    // The other document's job is queued, not run (as if it took minutes).
    h.hold();
    let slow = h.open("slow.md", &role("slow", None)).await;
    assert_eq!(h.jobs.queued(), [Priority::Document]);
    let hover = now(h.hover(&small, 1, 2)).expect("answered without waiting for slow.md");
    assert!(hover.is_some_and(|h| matches!(h.contents, lsp::HoverContents::Markup(_))));
    // A request on the slow document waits for its parse.
    let server = h.server();
    let params = serde_json::from_value(Harness::at(&slow, 1, 2)).unwrap();
    let mut waiting = server.hover(params);
    assert!(now(waiting.as_mut()).is_none(), "waits for slow.md's parse");
    h.jobs.run_all();
    let answer: Option<lsp::Hover> = typed(now(waiting.as_mut()).expect("answered once parsed"));
    assert!(answer.is_some());
    assert_eq!(h.published(&slow).len(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn only_the_newest_revision_is_checked_and_published() {
    let h = Harness::start(&[], json!({})).await;
    h.hold();
    let uri = h.open("qa.md", "---\nrole: qa\ntone: loud\n---\n").await;
    h.change(&uri, 2, "---\nrole: qa\ntone: louder\n---\n").await;
    h.change(&uri, 3, &role("qa", None)).await;
    let documents = h.jobs.queued().into_iter().filter(|p| *p == Priority::Document).count();
    assert_eq!(documents, 1, "one job per document (the others free replaced texts)");
    h.jobs.run_all();
    let published = h.published(&uri);
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0].0, json!(3));
    assert!(!codes(&published[0].1).contains(&"invalid-enum".to_string()));
}

#[tokio::test(flavor = "current_thread")]
async fn a_closed_document_is_cleared_and_its_late_check_dropped() {
    let h = Harness::start(&[], json!({})).await;
    h.hold();
    let uri = h.open("qa.md", "---\nrole: qa\ntone: loud\n---\n").await;
    let server = h.server();
    let params = serde_json::from_value(Harness::at(&uri, 1, 2)).unwrap();
    let mut waiting = server.hover(params);
    assert!(now(waiting.as_mut()).is_none());
    let close = json!({ "textDocument": { "uri": uri } });
    server.did_close(serde_json::from_value(close).unwrap());
    assert_eq!(typed::<Option<lsp::Hover>>(now(waiting.as_mut()).expect("no longer waits")), None);
    h.jobs.run_all();
    let published = h.published(&uri);
    assert_eq!(published, [(Value::Null, Vec::new())], "only the clearing publish");
}

#[tokio::test(flavor = "current_thread")]
async fn parents_come_from_open_documents_then_disk() {
    let h = Harness::start(&[("base.md", role("base", None))], json!({})).await;
    // The child has no keys of its own: they come from the parent.
    let child = h.open("child.md", "---\nrole: child\ninherits: base\n---\n\n# child\n").await;
    let first = codes(&h.published(&child)[0].1);
    assert!(
        !first.iter().any(|c| c == "inherits-unknown-parent" || c == "missing-required-key"),
        "read from disk: {first:?}"
    );
    // An open parent wins over the file: break it, the child is checked again.
    let base = h.open("base.md", "---\nrole: base\nversion: 1.0.0\n---\n").await;
    let published = h.published(&child);
    assert_eq!(published.len(), 1, "the child is checked again");
    assert!(codes(&published[0].1).contains(&"missing-required-key".to_string()), "{:?}", published[0].1);
    // Closed again: the file on disk counts.
    h.server().did_close(serde_json::from_value(json!({ "textDocument": { "uri": base } })).unwrap());
    assert!(!codes(&h.published(&child)[0].1).contains(&"missing-required-key".to_string()));
    // A parent that appears on disk later (watched files).
    let orphan = h.open("orphan.md", &role("orphan", Some("later"))).await;
    assert!(codes(&h.published(&orphan)[0].1).contains(&"inherits-unknown-parent".to_string()));
    h.fs.insert(format!("{ROOT}later.md"), role("later", None));
    let changes = json!({ "changes": [{ "uri": format!("{ROOT}later.md"), "type": 1 }] });
    h.server().did_change_watched_files(serde_json::from_value(changes).unwrap());
    assert!(!codes(&h.published(&orphan)[0].1).contains(&"inherits-unknown-parent".to_string()));
}

#[tokio::test(flavor = "current_thread")]
async fn the_index_fills_in_slices_and_templates_are_no_parents() {
    let mut files = vec![("_template.md", role("template", None)), ("base.md", role("base", None))];
    for i in 0..200 {
        files.push((Box::leak(format!("team/r{i:03}.md").into_boxed_str()), role(&format!("r{i:03}"), Some("base"))));
    }
    files.push(("notes/readme.md", "# Not a role\n".to_string()));
    let h = Harness::start_held(&files, json!({}), true).await;
    assert_eq!(h.jobs.queued(), [Priority::Index], "initialize answered; indexing waits its turn");
    // A document opened meanwhile is checked before the index (its parent from disk).
    let text = "---\nrole: new\ninherits: \n---\n";
    let uri = h.open("new.md", text).await;
    // Run the document's job alone: it was queued after the first index slice.
    let first = h.jobs.jobs.lock().unwrap().pop_front();
    let doc_job = h.jobs.jobs.lock().unwrap().pop_front();
    if let Some((Priority::Document, job)) = doc_job {
        job();
    } else {
        panic!("the document's job is queued");
    }
    assert_eq!(h.published(&uri).len(), 1);
    // What the index knows so far: nothing yet, and the answer does not wait.
    assert!(now(h.completion_labels(&uri, 2, 10)).expect("no wait").is_empty());
    if let Some((_, job)) = first {
        job();
    }
    let slices = h.jobs.run_all();
    assert!(slices >= 2, "the index is read in slices: {slices}");
    let labels = h.completion_labels(&uri, 2, 10).await;
    assert_eq!(labels, ["base"], "the roles beside it, not the template");
    // The index serves find-references for files that are not open.
    let base = h.open("base.md", &role("base", None)).await;
    h.jobs.run_all();
    let params = json!({ "textDocument": { "uri": base }, "position": { "line": 1, "character": 7 }, "context": { "includeDeclaration": true } });
    let refs = h.server().references(serde_json::from_value(params).unwrap()).await.unwrap().unwrap();
    assert_eq!(refs.len(), 1, "the declaration; the team's roles live in another folder");
    let team = h.open("team/r000.md", &role("r000", Some("base"))).await;
    h.jobs.run_all();
    let params = json!({ "textDocument": { "uri": team }, "position": { "line": 2, "character": 12 }, "context": { "includeDeclaration": false } });
    let refs = h.server().references(serde_json::from_value(params).unwrap()).await.unwrap().unwrap();
    assert_eq!(refs.len(), 200, "every role of the folder inheriting `base`, from the index");
    assert_eq!(refs[0].uri.as_str(), team, "the open document first (sorted by URI)");
}

#[tokio::test(flavor = "current_thread")]
async fn code_actions_come_once_from_the_stored_check() {
    let h = Harness::start(&[], json!({})).await;
    let text = "---\nrole: qa\ntone: concise-technicl\n---\n";
    let uri = h.open("qa.md", text).await;
    let params = json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 2, "character": 7 }, "end": { "line": 2, "character": 7 } },
                         "context": { "diagnostics": [] } });
    let actions: lsp::CodeActionResponse = typed(h.server().code_action(serde_json::from_value(params).unwrap()).await);
    let titles: Vec<String> = actions
        .iter()
        .filter_map(|a| match a {
            lsp::CodeActionOrCommand::CodeAction(a) if a.kind == Some(lsp::CodeActionKind::QUICKFIX) => {
                Some(a.title.clone())
            }
            _ => None,
        })
        .collect();
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(titles[0].contains("concise-technical"), "{titles:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn settings_replace_the_policy_and_recheck() {
    let h = Harness::start(&[("rolekit.toml", "[rules]\nmojibake = \"off\"\n".to_string())], json!({})).await;
    let text = format!("{}- \u{201a}\u{fa}\u{d6} done\n", role("qa", None));
    let uri = h.open("qa.md", &text).await;
    assert!(!codes(&h.published(&uri)[0].1).contains(&"mojibake".to_string()), "off in rolekit.toml");
    let settings = json!({ "settings": { "rolekit": { "rules": { "mojibake": "error" } } } });
    h.server().did_change_configuration(serde_json::from_value(settings.clone()).unwrap());
    let published = h.published(&uri);
    let moji = published[0].1.iter().find(|d| d["code"] == "mojibake").expect("settings win");
    assert_eq!(moji["severity"], 1);
    // The same settings again: nothing to check again.
    h.server().did_change_configuration(serde_json::from_value(settings).unwrap());
    assert!(h.published(&uri).is_empty());
}

/// A workspace of `base` (on disk), `child` and `other` inheriting it, all indexed.
async fn family(capabilities: Value) -> (Harness, String) {
    let files = [
        ("base.md", role("base", None)),
        ("child.md", role("child", Some("base"))),
        ("other.md", role("other", Some("base"))),
        ("grand.md", role("grand", Some("child"))),
    ];
    let h = Harness::start(&files, capabilities).await;
    h.jobs.run_all();
    let base = h.open("base.md", &role("base", None)).await;
    (h, base)
}

fn rename_caps() -> Value {
    json!({ "workspace": { "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] } } })
}

#[tokio::test(flavor = "current_thread")]
async fn rename_a_role_across_files_with_its_file() {
    let (h, base) = family(rename_caps()).await;
    let prepared: Value =
        typed(h.server().prepare_rename(serde_json::from_value(Harness::at(&base, 1, 7)).unwrap()).await);
    assert_eq!(prepared["placeholder"], "base");
    assert_eq!(
        prepared["range"],
        json!({ "start": { "line": 1, "character": 6 }, "end": { "line": 1, "character": 10 } })
    );
    let mut params = Harness::at(&base, 1, 7);
    params["newName"] = json!("core");
    let edit: lsp::WorkspaceEdit = typed(h.server().rename(serde_json::from_value(params.clone()).unwrap()).await);
    let edit = serde_json::to_value(edit).unwrap();
    let changes = edit["documentChanges"].as_array().unwrap();
    let uris: Vec<&str> = changes.iter().filter_map(|c| c["textDocument"]["uri"].as_str()).collect();
    assert_eq!(uris, [base.as_str(), &format!("{ROOT}child.md"), &format!("{ROOT}other.md")]);
    assert_eq!(changes[0]["textDocument"]["version"], 1, "the open document is versioned");
    assert_eq!(changes[1]["textDocument"]["version"], Value::Null);
    assert_eq!(changes[1]["edits"][0]["newText"], "core");
    assert_eq!(changes[1]["edits"][0]["range"]["start"], json!({ "line": 2, "character": 10 }));
    let last = changes.last().unwrap();
    assert_eq!((last["kind"].as_str(), last["oldUri"].as_str()), (Some("rename"), Some(base.as_str())));
    assert_eq!(last["newUri"], format!("{ROOT}core.md"));
    // Refusals carry a message.
    params["newName"] = json!("other");
    let err = h.server().rename(serde_json::from_value(params.clone()).unwrap()).await.unwrap_err();
    assert!(err.message.contains("already exists"), "{}", err.message);
    params["newName"] = json!("Bad Name");
    let err = h.server().rename(serde_json::from_value(params).unwrap()).await.unwrap_err();
    assert!(err.message.contains("not a valid role name"), "{}", err.message);
    let template = h.open("_template.md", &role("template", None)).await;
    let err =
        h.server().prepare_rename(serde_json::from_value(Harness::at(&template, 1, 7)).unwrap()).await.unwrap_err();
    assert!(err.message.contains("template"), "{}", err.message);
}

#[tokio::test(flavor = "current_thread")]
async fn rename_without_file_operations_says_so() {
    let (h, _) = family(json!({})).await;
    let child = h.open("child.md", &role("child", Some("base"))).await;
    h.take();
    // From the `inherits:` value: the parent is renamed.
    let mut params = Harness::at(&child, 2, 12);
    params["newName"] = json!("core");
    let edit: lsp::WorkspaceEdit = typed(h.server().rename(serde_json::from_value(params).unwrap()).await);
    let changes = edit.changes.unwrap();
    assert_eq!(changes.len(), 3);
    let notes: Vec<Value> = h.take().into_iter().filter(|m| m["method"] == "window/showMessage").collect();
    assert_eq!(notes.len(), 1);
    let message = notes[0]["params"]["message"].as_str().unwrap();
    assert!(message.contains("rename base.md to core.md yourself"), "{message}");
}

#[tokio::test(flavor = "current_thread")]
async fn workspace_symbols_are_fuzzy() {
    let (h, _) = family(json!({})).await;
    let params = serde_json::from_value(json!({ "query": "chd" })).unwrap();
    let found: Value = typed(h.server().symbol(params).await);
    let names: Vec<&str> = found.as_array().unwrap().iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["child"]);
    assert_eq!(found[0]["location"]["uri"], format!("{ROOT}child.md"));
    assert_eq!(found[0]["location"]["range"]["start"], json!({ "line": 1, "character": 6 }));
    // The sections of open documents.
    let params = serde_json::from_value(json!({ "query": "" })).unwrap();
    let all: Value = typed(h.server().symbol(params).await);
    let all: Vec<(&str, &str)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["containerName"].as_str().unwrap_or("")))
        .collect();
    assert!(all.contains(&("grand", "")) && all.len() == 4, "{all:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn inlay_hints_show_inherited_values() {
    let h = Harness::start(&[("base.md", role("base", None))], json!({})).await;
    let text = "---\nrole: child\ninherits: base\nversion: 2.0.0\n---\n";
    let uri = h.open("child.md", text).await;
    let params = json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 5, "character": 0 } } });
    let hints: Vec<lsp::InlayHint> = typed(h.server().inlay_hint(serde_json::from_value(params).unwrap()).await);
    let labels: Vec<(u32, u32, String)> = hints
        .iter()
        .map(|h| {
            let label = match &h.label {
                lsp::InlayHintLabel::String(s) => s.clone(),
                lsp::InlayHintLabel::LabelParts(parts) => parts.iter().map(|p| p.value.as_str()).collect(),
            };
            (h.position.line, h.position.character, label)
        })
        .collect();
    assert!(labels.contains(&(2, 14, "tone: concise-technical ← base".to_string())), "{labels:?}");
    assert!(labels.contains(&(3, 14, "description: The base role of the tests ← base".to_string())), "{labels:?}");
    let lsp::InlayHintLabel::LabelParts(parts) = &hints[0].label else { panic!("parts") };
    assert_eq!(parts[1].location.as_ref().map(|l| l.uri.as_str().to_string()), Some(format!("{ROOT}base.md")));
}

#[tokio::test(flavor = "current_thread")]
async fn type_hierarchy_up_and_down() {
    let (h, _) = family(json!({})).await;
    let child = h.open("child.md", &role("child", Some("base"))).await;
    let params = serde_json::from_value(Harness::at(&child, 1, 7)).unwrap();
    let items: Vec<lsp::TypeHierarchyItem> = typed(h.server().prepare_type_hierarchy(params).await);
    assert_eq!(items[0].name, "child");
    let item = serde_json::to_value(&items[0]).unwrap();
    let up: Vec<lsp::TypeHierarchyItem> =
        typed(h.server().supertypes(serde_json::from_value(json!({ "item": item })).unwrap()).await);
    assert_eq!(up.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["base"]);
    let down: Vec<lsp::TypeHierarchyItem> =
        typed(h.server().subtypes(serde_json::from_value(json!({ "item": item })).unwrap()).await);
    assert_eq!(down.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["grand"]);
    let base = serde_json::to_value(&up[0]).unwrap();
    let down: Vec<lsp::TypeHierarchyItem> =
        typed(h.server().subtypes(serde_json::from_value(json!({ "item": base })).unwrap()).await);
    assert_eq!(down.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["child", "other"]);
}

#[tokio::test(flavor = "current_thread")]
async fn code_lens_counts_inheritors_and_tokens() {
    let (h, base) = family(json!({})).await;
    let params = serde_json::from_value(json!({ "textDocument": { "uri": base } })).unwrap();
    let lenses: Vec<lsp::CodeLens> = typed(h.server().code_lens(params).await);
    let titles: Vec<&str> = lenses.iter().filter_map(|l| l.command.as_ref()).map(|c| c.title.as_str()).collect();
    let tokens = role("base", None).chars().count().div_ceil(4);
    assert_eq!(titles, ["inherited by 2".to_string(), format!("≈{tokens} tokens")]);
    let show = lenses[0].command.as_ref().unwrap();
    assert_eq!(show.command, "rolekit.showReferences");
    let args = show.arguments.as_ref().unwrap();
    assert_eq!(args[2].as_array().unwrap().len(), 2);
    assert_eq!(lenses[0].range.start, lsp::Position { line: 1, character: 6 });
}

#[tokio::test(flavor = "current_thread")]
async fn document_highlights_of_a_role_name() {
    let h = Harness::start(&[], json!({})).await;
    let text = "---\nrole: qa\ninherits: base\n---\n# qa\nAsk qa first.\n";
    let uri = h.open("qa.md", text).await;
    let params = serde_json::from_value(Harness::at(&uri, 1, 6)).unwrap();
    let found: Vec<lsp::DocumentHighlight> = typed(h.server().document_highlight(params).await);
    let got: Vec<(u32, u32, Option<lsp::DocumentHighlightKind>)> =
        found.iter().map(|h| (h.range.start.line, h.range.start.character, h.kind)).collect();
    assert_eq!(
        got,
        [
            (1, 6, Some(lsp::DocumentHighlightKind::WRITE)),
            (4, 2, Some(lsp::DocumentHighlightKind::TEXT)),
            (5, 4, Some(lsp::DocumentHighlightKind::TEXT)),
        ]
    );
}

// ----- a valora project: names across folders ---------------------------------------------

const PROMPT: &str = "---\nid: context.load-task\nversion: 1.0.0\ncategory: context\nexperimental: false\nname: Load Task\ndescription: Load the task\ntags: [a]\nmodel_requirements:\n  min_context: 4000\n  recommended: [claude-sonnet-4.6]\nagents:\n  - lead\ndependencies:\n  requires: []\n  optional: []\ninputs: []\noutputs: []\ntokens:\n  avg: 100\n  max: 200\n  min: 50\n---\n\n# Load task\n";

fn command(agent: &str) -> String {
    format!(
        "---\nname: plan\ndescription: Plan the work\nmodel: claude-sonnet-4.6\nagent: {agent}\nprompts:\n  pipeline:\n    - stage: load\n      prompt: context.load-task\n      required: true\n---\n\n# Plan\n"
    )
}

async fn project() -> Harness {
    Harness::start(
        &[
            ("data/agents/lead.md", role("lead", None)),
            ("data/agents/qa.md", role("qa", None)),
            ("data/prompts/02_context/load-task.md", PROMPT.to_string()),
            ("data/commands/review.md", command("qa")),
        ],
        json!({ "textDocument": { "definition": { "linkSupport": false } } }),
    )
    .await
}

fn locations(answer: Option<lsp::GotoDefinitionResponse>) -> Vec<(String, u32)> {
    match answer {
        Some(lsp::GotoDefinitionResponse::Scalar(l)) => vec![(l.uri.as_str().to_string(), l.range.start.line)],
        Some(lsp::GotoDefinitionResponse::Array(ls)) => {
            ls.into_iter().map(|l| (l.uri.as_str().to_string(), l.range.start.line)).collect()
        }
        Some(lsp::GotoDefinitionResponse::Link(ls)) => {
            ls.into_iter().map(|l| (l.target_uri.as_str().to_string(), l.target_range.start.line)).collect()
        }
        None => Vec::new(),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_command_names_an_agent_of_the_project() {
    let h = project().await;
    let uri = h.open("data/commands/plan.md", &command("leed")).await;
    let published = h.published(&uri);
    let diagnostics = &published.last().expect("published").1;
    let unknown: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == "unknown-agent").collect();
    assert_eq!(unknown.len(), 1, "{diagnostics:?}");
    assert!(unknown[0]["message"].as_str().unwrap_or("").contains("did you mean `lead`"), "{unknown:?}");
    assert_eq!(unknown[0]["range"]["start"], json!({ "line": 4, "character": 7 }));
    // Fixed: the diagnostic goes.
    h.change(&uri, 2, &command("lead")).await;
    let published = h.published(&uri);
    assert!(!codes(&published.last().expect("published").1).contains(&"unknown-agent".to_string()));
    // Hover names the role.
    let hover = h.hover(&uri, 4, 8).await.expect("hover");
    let lsp::HoverContents::Markup(m) = hover.contents else { panic!("markup") };
    assert!(m.value.contains("lead"), "{}", m.value);
    // Definition lands on the role file's `role:` value.
    let params = serde_json::from_value(Harness::at(&uri, 4, 8)).unwrap();
    let found = locations(typed(h.server().goto_definition(params).await));
    assert_eq!(found, [(format!("{ROOT}data/agents/lead.md"), 1)]);
    // And from the pipeline's prompt to the prompt file.
    let params = serde_json::from_value(Harness::at(&uri, 8, 16)).unwrap();
    let found = locations(typed(h.server().goto_definition(params).await));
    assert_eq!(found, [(format!("{ROOT}data/prompts/02_context/load-task.md"), 1)]);
    // Document links for both names.
    let params = json!({ "textDocument": { "uri": uri } });
    let links: Vec<lsp::DocumentLink> =
        typed::<Option<_>>(h.server().document_link(serde_json::from_value(params).unwrap()).await).unwrap_or_default();
    let targets: Vec<String> = links.iter().filter_map(|l| Some(l.target.as_ref()?.as_str().to_string())).collect();
    assert_eq!(targets, [format!("{ROOT}data/agents/lead.md"), format!("{ROOT}data/prompts/02_context/load-task.md")]);
}

#[tokio::test(flavor = "current_thread")]
async fn completion_after_agent_offers_the_roles() {
    let h = project().await;
    let text = command("lead").replace("agent: lead", "agent: ");
    let uri = h.open("data/commands/plan.md", &text).await;
    let labels = h.completion_labels(&uri, 4, 7).await;
    assert!(labels.contains(&"lead".to_string()) && labels.contains(&"qa".to_string()), "{labels:?}");
    assert!(!labels.iter().any(|l| l == "context.load-task"), "{labels:?}");
    // A role's own features are unchanged.
    let role_uri = h.open("data/agents/child.md", "---\nrole: child\ninherits: \n---\n").await;
    let labels = h.completion_labels(&role_uri, 2, 10).await;
    assert!(labels.contains(&"lead".to_string()), "{labels:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn references_of_a_prompt_id_list_the_commands_using_it() {
    let h = project().await;
    let open = h.open("data/commands/plan.md", &command("lead")).await;
    let prompt = h.open("data/prompts/02_context/load-task.md", PROMPT).await;
    let mut params = Harness::at(&prompt, 1, 8);
    params["context"] = json!({ "includeDeclaration": false });
    let found = h.server().references(serde_json::from_value(params).unwrap()).await.unwrap().unwrap_or_default();
    let mut found: Vec<(String, u32)> =
        found.into_iter().map(|l| (l.uri.as_str().to_string(), l.range.start.line)).collect();
    found.sort();
    assert_eq!(found, [(open.clone(), 8), (format!("{ROOT}data/commands/review.md"), 8)]);
    // A role's references: the commands and prompts naming it.
    let lead = h.open("data/agents/lead.md", &role("lead", None)).await;
    let mut params = Harness::at(&lead, 1, 7);
    params["context"] = json!({ "includeDeclaration": false });
    let found = h.server().references(serde_json::from_value(params).unwrap()).await.unwrap().unwrap_or_default();
    let mut found: Vec<String> = found.into_iter().map(|l| l.uri.as_str().to_string()).collect();
    found.sort();
    assert_eq!(found, [open, prompt]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_new_role_on_disk_rechecks_the_commands_naming_it() {
    let h = project().await;
    let uri = h.open("data/commands/plan.md", &command("architect")).await;
    assert!(codes(&h.published(&uri).last().expect("published").1).contains(&"unknown-agent".to_string()));
    h.fs.insert(format!("{ROOT}data/agents/architect.md"), role("architect", None));
    let params = json!({ "changes": [{ "uri": format!("{ROOT}data/agents/architect.md"), "type": 1 }] });
    h.server().did_change_watched_files(serde_json::from_value(params).unwrap());
    let published = h.published(&uri);
    assert!(!codes(&published.last().expect("rechecked").1).contains(&"unknown-agent".to_string()), "{published:?}");
    // An open role: its edits count before it is saved.
    let other = h.open("data/agents/other.md", &role("other", None)).await;
    h.change(&uri, 2, &command("other")).await;
    assert!(!codes(&h.published(&uri).last().expect("published").1).contains(&"unknown-agent".to_string()));
    // Closed without being saved: the name is gone, the command is checked again.
    let close = json!({ "textDocument": { "uri": other } });
    h.server().did_close(serde_json::from_value(close).unwrap());
    let published = h.published(&uri);
    assert!(codes(&published.last().expect("rechecked").1).contains(&"unknown-agent".to_string()), "{published:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_prompt_names_agents_and_prompts_of_the_project() {
    let h = project().await;
    let text = PROMPT.replace("  - lead\n", "  - qaa\n").replace("requires: []", "requires: [context.load-tsk]");
    let uri = h.open("data/prompts/02_context/load-task.md", &text).await;
    let published = h.published(&uri);
    let diagnostics = &published.last().expect("published").1;
    let messages: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["code"] == "unknown-agent" || d["code"] == "unknown-prompt")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{diagnostics:?}");
    assert!(messages.iter().any(|m| m.contains("did you mean `qa`")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("did you mean `context.load-task`")), "{messages:?}");
    // Roles keep their own features: the command's agent is no parent.
    let role_uri = h.open("data/agents/qa.md", &role("qa", None)).await;
    let published = h.published(&role_uri);
    let diagnostics = &published.last().expect("published").1;
    assert!(!codes(diagnostics).iter().any(|c| c.starts_with("unknown-")), "{diagnostics:?}");
}
