//! The language server over real stdio JSON-RPC: the binary the editors run.

mod harness;

use std::time::Duration;

use harness::{capabilities, file_uri, fixtures, redact, Server};
use rolekit_core::schema::sections::SECTIONS;
use rolekit_core::{analysis, Document, LineIndex, PositionEncoding};
use serde_json::{json, Value};

fn workspace() -> std::path::PathBuf {
    fixtures().join("workspace")
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).expect("fixture")
}

/// (line, character) of `needle` (+`delta` bytes) in `text`, in `encoding` units.
fn pos(text: &str, needle: &str, delta: usize, encoding: PositionEncoding) -> Value {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text")) + delta;
    let p = LineIndex::new(text).position(text, offset, encoding);
    json!({ "line": p.line, "character": p.character })
}

fn utf16(text: &str, needle: &str, delta: usize) -> Value {
    pos(text, needle, delta, PositionEncoding::Utf16)
}

fn at(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

/// One line per diagnostic: `line:col-line:col severity code: message`.
fn render_diagnostics(diags: &[Value]) -> String {
    diags
        .iter()
        .map(|d| {
            let r = &d["range"];
            format!(
                "{}:{}-{}:{} {} {}: {}",
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
                match d["severity"].as_i64() {
                    Some(1) => "error",
                    Some(2) => "warning",
                    Some(3) => "info",
                    _ => "hint",
                },
                d["code"].as_str().unwrap_or("?"),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line per item: the protocol's shape of it (kind, text format, the
/// range it replaces, insert mode, preselection). The texts themselves
/// (details, documentation, inserted text) are pinned by the core's snapshots.
fn render_completions(result: &Value) -> String {
    let items = result.as_array().cloned().or_else(|| result["items"].as_array().cloned()).unwrap_or_default();
    items
        .iter()
        .map(|i| {
            let r = &i["textEdit"]["range"];
            format!(
                "{} | kind {} | format {} | {}:{}-{}:{} | mode {} | preselect {} | sort {}",
                i["label"].as_str().unwrap_or(""),
                i["kind"],
                i["insertTextFormat"],
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
                i["insertTextMode"],
                i["preselect"],
                i["sortText"].as_str().unwrap_or("-"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn labels(result: &Value) -> Vec<String> {
    let items = result.as_array().cloned().or_else(|| result["items"].as_array().cloned()).unwrap_or_default();
    items.iter().filter_map(|i| i["label"].as_str().map(str::to_string)).collect()
}

/// A server on the fixture workspace, once its index is complete (it fills
/// in the background; features answer with what is known until then).
fn start(utf8: bool) -> (Server, Value, String) {
    let root = workspace();
    let mut caps = capabilities(utf8, false);
    caps["window"] = json!({ "workDoneProgress": true });
    let (mut server, init) = Server::initialized(caps, Some(&root), Value::Null);
    server.wait_notification("$/progress", |p| p["token"] == "rolekit/indexing" && p["value"]["kind"] == "end");
    let root_uri = file_uri(&root);
    (server, init, root_uri)
}

// ----- initialize and encodings -------------------------------------------------------------

#[test]
fn initialize_negotiates_utf16_by_default_and_utf8_when_offered() {
    let text = "---\nrole: x\ntone: \u{1F3AF}bad\n---\n";
    let mut ends = Vec::new();
    for utf8 in [false, true] {
        let (mut s, init, root) = start(utf8);
        let caps = &init["capabilities"];
        assert_eq!(caps["positionEncoding"], if utf8 { "utf-8" } else { "utf-16" });
        assert_eq!(caps["completionProvider"]["triggerCharacters"], json!([":", " ", "-", "#"]));
        assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
        assert_eq!(init["serverInfo"]["name"], "rolekit");
        for key in [
            "hoverProvider",
            "codeActionProvider",
            "documentSymbolProvider",
            "foldingRangeProvider",
            "selectionRangeProvider",
            "definitionProvider",
            "referencesProvider",
            "documentLinkProvider",
        ] {
            assert!(!caps[key].is_null(), "{key} advertised");
        }
        assert!(caps["diagnosticProvider"].is_null(), "push client: no pull provider");
        let uri = format!("{root}/x.md");
        s.open(&uri, text);
        let diags = s.diagnostics(&uri, Some(1));
        let tone = diags.iter().find(|d| d["code"] == "invalid-enum").expect("invalid tone");
        assert_eq!(tone["range"]["start"], json!({ "line": 2, "character": 6 }));
        ends.push(tone["range"]["end"]["character"].clone());
        assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    }
    // `🎯bad`: 2 + 3 UTF-16 units, 4 + 3 bytes.
    assert_eq!(ends, [json!(11), json!(13)]);
}

// ----- diagnostics ----------------------------------------------------------------------------

#[test]
fn the_seed_has_no_errors_and_mojibake_warnings() {
    let (mut s, _, root) = start(false);
    let uri = format!("{root}/platform-engineer.md");
    s.open(&uri, &read(&workspace().join("platform-engineer.md")));
    let diags = s.diagnostics(&uri, Some(1));
    assert!(diags.iter().all(|d| d["severity"] != 1), "no errors: {}", render_diagnostics(&diags));
    let mojibake: Vec<_> = diags.iter().filter(|d| d["code"] == "mojibake").collect();
    assert!(!mojibake.is_empty());
    for d in &diags {
        assert_eq!(d["source"], "rolekit");
        let href = d["codeDescription"]["href"].as_str().unwrap_or_default();
        assert!(href.ends_with(&format!("#{}", d["code"].as_str().unwrap_or_default())), "{href}");
    }
    assert!(mojibake.iter().all(|d| d["severity"] == 2));
    insta::assert_snapshot!("lsp_seed_diagnostics", render_diagnostics(&diags));
    // Fixes reach the client one way, as code actions: `data` carries none.
    assert!(diags.iter().all(|d| d.get("data").is_none()), "no data: {}", diags[0]);
    assert!(s.garbage.is_empty(), "stdout is only the protocol: {:?}", s.garbage);
}

#[test]
fn broken_files_get_precise_diagnostics() {
    let (mut s, _, root) = start(false);
    let cases = [
        ("typo", "---\nrole: typo\nversion: 1.0.0\ndescription: D\nspecialization: S\ntone: concise-technicl\nexpertise: [a]\nresponsibilities: [b]\ncapabilities:\n  can_write_code: true\n  colour: red\n---\n# Typo\n"),
        ("unterminated", "---\nrole: unterminated\ntone: friendly\n"),
        ("bad-yaml", "---\nrole: bad-yaml\nexpertise: [a, b\ntone: x\n---\n# Bad\n"),
        ("wrong-types", "---\nrole: wrong-types\nversion: 1\nexpertise: just one\ncapabilities: yes\n---\n"),
        ("crlf-bom", "\u{feff}---\r\nrole: crlf-bom\r\ntone: 🎯\r\n---\r\n"),
    ];
    let mut out = String::new();
    for (name, text) in cases {
        let uri = format!("{root}/{name}.md");
        s.open(&uri, text);
        let diags = s.diagnostics(&uri, Some(1));
        assert!(diags.iter().any(|d| d["severity"] == 1), "{name}: an error");
        out.push_str(&format!("== {name}\n{}\n", render_diagnostics(&diags)));
    }
    insta::assert_snapshot!("lsp_broken_diagnostics", out);
}

#[test]
fn crlf_and_bom_shift_nothing() {
    let (mut s, _, root) = start(false);
    let lf = "---\nrole: same\ntone: nope\n---\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let a = format!("{root}/lf/same.md");
    let b = format!("{root}/crlf/same.md");
    s.open(&a, lf);
    s.open(&b, &crlf);
    let da = s.diagnostics(&a, Some(1));
    let db = s.diagnostics(&b, Some(1));
    assert!(!da.is_empty());
    assert_eq!(render_diagnostics(&da), render_diagnostics(&db));
}

#[test]
fn a_readme_stays_quiet() {
    let (mut s, _, root) = start(false);
    let uri = format!("{root}/README.md");
    let text = read(&workspace().join("README.md"));
    s.open(&uri, &text);
    assert!(s.diagnostics(&uri, Some(1)).is_empty());
    assert_eq!(s.request("textDocument/hover", at(&uri, utf16(&text, "tone", 1))), Value::Null);
    assert_eq!(s.request("textDocument/completion", at(&uri, utf16(&text, "tone:", 5))), Value::Null);
    assert_eq!(s.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })), Value::Null);
    // A docs page with a `role:` key is no role file (the core's policy: `role:` needs another role key).
    let page = format!("{root}/docs/button.md");
    s.open(&page, "---\ntitle: Buttons\nrole: button\nlayout: page\n---\n# Buttons\n");
    assert!(s.diagnostics(&page, Some(1)).is_empty());
}

#[test]
fn pull_diagnostics_when_the_client_supports_them() {
    let root = workspace();
    let (mut s, init) = Server::initialized(capabilities(false, true), Some(&root), Value::Null);
    assert_eq!(init["capabilities"]["diagnosticProvider"]["interFileDependencies"], true);
    let uri = format!("{}/platform-engineer.md", file_uri(&root));
    s.open(&uri, &read(&root.join("platform-engineer.md")));
    let report = s.request("textDocument/diagnostic", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().cloned().unwrap_or_default();
    assert!(items.iter().any(|d| d["code"] == "mojibake"));
    assert!(items.iter().all(|d| d["severity"] != 1));
    assert!(
        !s.backlog.iter().any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "a pull client gets no pushed duplicates"
    );
}

// ----- sync -----------------------------------------------------------------------------------

/// A tiny deterministic generator (no dependency needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn two_hundred_rapid_incremental_edits_apply_in_order() {
    let (mut s, _, root) = start(false);
    let uri = format!("{root}/platform-engineer.md");
    let mut text = read(&workspace().join("platform-engineer.md"));
    s.open(&uri, &text);
    let inserts = ["x", "é", "🎯", "\n", "tone: friendly\n", "  - item\n", "\r\n", "## New\n", ":", " "];
    let mut rng = Lcg(7);
    for version in 2..=201 {
        // Pick a random range on char boundaries, replace it.
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let a = boundaries[rng.next(boundaries.len())];
        let b = if rng.next(3) == 0 {
            boundaries[(boundaries.partition_point(|&x| x < a) + rng.next(20)).min(boundaries.len() - 1)]
        } else {
            a
        };
        let new_text = if rng.next(4) == 0 && b > a { "" } else { inserts[rng.next(inserts.len())] };
        // Never split a CRLF pair: LSP positions cannot address its middle.
        if text.as_bytes().get(a.wrapping_sub(1)) == Some(&b'\r') && text.as_bytes().get(a) == Some(&b'\n') {
            continue;
        }
        if b > 0 && text.as_bytes().get(b - 1) == Some(&b'\r') && text.as_bytes().get(b) == Some(&b'\n') {
            continue;
        }
        let index = LineIndex::new(&text);
        let start = index.position(&text, a, PositionEncoding::Utf16);
        let end = index.position(&text, b, PositionEncoding::Utf16);
        s.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{
                    "range": { "start": { "line": start.line, "character": start.character }, "end": { "line": end.line, "character": end.character } },
                    "text": new_text
                }]
            }),
        );
        text.replace_range(a..b, new_text);
    }
    // The last version the test sent.
    let last = 201;
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": last + 1 }, "contentChanges": [] }),
    );
    let got = s.diagnostics(&uri, Some(last + 1));
    let doc = Document::new(text.clone());
    let ctx = analysis::Context { file_stem: Some("platform-engineer"), ..analysis::Context::default() };
    assert!(doc.is_role_file(), "the edits keep a role file (else the server rightly says nothing)");
    let expected = analysis::check(&doc, &ctx);
    let index = doc.line_index();
    let expected: Vec<Value> = expected
        .iter()
        .map(|d| {
            let a = index.position(&text, d.range.start(), PositionEncoding::Utf16);
            let b = index.position(&text, d.range.end(), PositionEncoding::Utf16);
            json!({
                "range": { "start": { "line": a.line, "character": a.character }, "end": { "line": b.line, "character": b.character } },
                "severity": match d.severity { rolekit_core::Severity::Error => 1, rolekit_core::Severity::Warning => 2, rolekit_core::Severity::Info => 3, rolekit_core::Severity::Hint => 4 },
                "code": d.rule.as_str(),
                "message": d.message,
            })
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(render_diagnostics(&got), render_diagnostics(&expected));
    // The server's text is the test's text: a full-document symbol request agrees on the line count.
    let hover = s.request_raw("textDocument/hover", at(&uri, json!({ "line": 0, "character": 0 })));
    assert!(hover.get("error").is_none());
}

// ----- features -------------------------------------------------------------------------------

const QA: &str =
    "---\nrole: qa-engineer\ninherits: \ntone: \nversion: 1.0.0\n\ncapabilities:\n  \n---\n\n# QA Engineer\n\n## \n";

#[test]
fn completion_keys_values_parents_and_sections() {
    let (mut s, _, root) = start(false);
    let uri = format!("{root}/qa-engineer.md");
    s.open(&uri, QA);
    let _ = s.diagnostics(&uri, Some(1));
    let parents = s.request("textDocument/completion", at(&uri, utf16(QA, "inherits: ", 10)));
    let names = labels(&parents);
    for role in ["backend-engineer", "base-engineer", "platform-engineer"] {
        assert!(names.contains(&role.to_string()), "{role} offered for inherits: {names:?}");
    }
    let tone = s.request("textDocument/completion", at(&uri, utf16(QA, "tone: ", 6)));
    assert!(labels(&tone).contains(&"concise-technical".to_string()), "{:?}", labels(&tone));
    let keys = s.request("textDocument/completion", at(&uri, utf16(QA, "version: 1.0.0\n", 15)));
    let key_labels = labels(&keys);
    assert!(key_labels.contains(&"description".to_string()), "{key_labels:?}");
    assert!(!key_labels.contains(&"role".to_string()), "present keys are not offered again");
    let nested = s.request("textDocument/completion", at(&uri, utf16(QA, "capabilities:\n  ", 16)));
    let sections = s.request("textDocument/completion", at(&uri, utf16(QA, "\n## ", 4)));
    assert!(!labels(&sections).is_empty());
    insta::assert_snapshot!(
        "lsp_completions",
        format!(
            "== inherits\n{}\n== tone\n{}\n== keys\n{}\n== capabilities\n{}\n== sections\n{}\n",
            render_completions(&parents),
            render_completions(&tone),
            render_completions(&keys),
            render_completions(&nested),
            render_completions(&sections)
        )
    );
    // An empty Markdown file gets a role skeleton.
    let empty = format!("{root}/new-role.md");
    s.open(&empty, "");
    let skeleton = s.request("textDocument/completion", at(&empty, json!({ "line": 0, "character": 0 })));
    assert!(!labels(&skeleton).is_empty(), "a skeleton in an empty file");
}

#[test]
fn hover_keys_values_parents_and_rules() {
    let (mut s, _, root) = start(false);
    let uri = format!("{root}/backend-engineer.md");
    let text = read(&workspace().join("backend-engineer.md"));
    s.open(&uri, &text);
    let _ = s.diagnostics(&uri, Some(1));
    // The protocol's shape of each hover (the range it covers, the markup
    // kind, how many parts); the texts are pinned by the core's snapshots.
    let shape = |what: &str, h: &Value| {
        let md = h["contents"]["value"].as_str().unwrap_or("");
        format!("== {what} {} {} parts {}\n", h["range"], h["contents"]["kind"], md.split("\n\n---\n\n").count())
    };
    let mut out = String::new();
    for (what, needle, delta) in
        [("key", "specialization", 2), ("inherits value", "base-engineer", 3), ("heading", "## 1. Mission", 5)]
    {
        let h = s.request("textDocument/hover", at(&uri, utf16(&text, needle, delta)));
        assert_eq!(h["contents"]["kind"], "markdown", "{what}: {h}");
        out.push_str(&shape(what, &h));
    }
    let parent = s.request("textDocument/hover", at(&uri, utf16(&text, "base-engineer", 3)));
    let md = parent["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains(&format!("{root}/base-engineer.md")), "the parent's location: {md}");
    let seed_uri = format!("{root}/platform-engineer.md");
    let seed = read(&workspace().join("platform-engineer.md"));
    s.open(&seed_uri, &seed);
    let diags = s.diagnostics(&seed_uri, Some(1));
    let moji = diags.iter().find(|d| d["code"] == "mojibake").expect("mojibake");
    let h = s.request("textDocument/hover", at(&seed_uri, moji["range"]["start"].clone()));
    let md = h["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("**mojibake**"), "the rule's document on a diagnostic: {md}");
    let message = moji["message"].as_str().unwrap_or("");
    assert!(!md.contains(message), "the editor shows the message already; the hover does not repeat it: {md}");
    out.push_str(&shape("diagnostic", &h));
    insta::assert_snapshot!("lsp_hovers", out.replace(&root, "file:///W"));
}

#[test]
fn symbols_folding_selection_links_definition_references() {
    let (mut s, _, root) = start(false);
    let child_uri = format!("{root}/backend-engineer.md");
    let child = read(&workspace().join("backend-engineer.md"));
    s.open(&child_uri, &child);
    let _ = s.diagnostics(&child_uri, Some(1));
    let doc = json!({ "textDocument": { "uri": child_uri } });

    let symbols = s.request("textDocument/documentSymbol", doc.clone());
    let names: Vec<_> = symbols.as_array().into_iter().flatten().filter_map(|s| s["name"].as_str()).collect();
    assert!(names.len() >= 2, "frontmatter and body in one outline: {names:?}");
    insta::assert_snapshot!("lsp_symbols", redact(&symbols, &root));

    let folds = s.request("textDocument/foldingRange", doc.clone());
    assert!(folds.as_array().is_some_and(|f| f.iter().any(|f| f["startLine"] == 0)), "the frontmatter folds: {folds}");
    insta::assert_snapshot!("lsp_folding", redact(&folds, &root));

    let sel = s.request(
        "textDocument/selectionRange",
        json!({ "textDocument": { "uri": child_uri }, "positions": [utf16(&child, "HTTP APIs", 2)] }),
    );
    assert!(sel[0]["parent"].is_object(), "nested selection ranges: {sel}");
    insta::assert_snapshot!("lsp_selection", redact(&sel, &root));

    let links = s.request("textDocument/documentLink", doc.clone());
    assert_eq!(links[0]["target"], format!("{root}/base-engineer.md"), "{links}");
    assert_eq!(links[0]["range"]["start"], utf16(&child, "base-engineer", 0));

    let def = s.request("textDocument/definition", at(&child_uri, utf16(&child, "base-engineer", 4)));
    assert_eq!(def[0]["targetUri"], format!("{root}/base-engineer.md"), "{def}");
    assert_eq!(
        def[0]["targetSelectionRange"]["start"],
        json!({ "line": 1, "character": 6 }),
        "the parent's role value"
    );

    // Which roles inherit base-engineer: from the index (the parent is not open)...
    let refs = s.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": child_uri }, "position": utf16(&child, "base-engineer", 1), "context": { "includeDeclaration": false } }),
    );
    assert_eq!(
        refs,
        json!([{ "uri": child_uri, "range": { "start": utf16(&child, "base-engineer", 0), "end": utf16(&child, "base-engineer", 13) } }])
    );
    // ...and from the parent itself.
    let parent_uri = format!("{root}/base-engineer.md");
    let parent = read(&workspace().join("base-engineer.md"));
    s.open(&parent_uri, &parent);
    let refs = s.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": parent_uri }, "position": utf16(&parent, "base-engineer", 2), "context": { "includeDeclaration": true } }),
    );
    let uris: Vec<_> =
        refs.as_array().into_iter().flatten().map(|l| l["uri"].as_str().unwrap_or("").replace(&root, "")).collect();
    assert_eq!(uris, ["/base-engineer.md", "/backend-engineer.md"]);
}

/// The core's fix of the diagnostic `lsp` (its rule, where it starts), as
/// LSP edits (UTF-16): what the code action must carry.
fn core_fix(text: &str, stem: &str, lsp: &Value) -> Value {
    let doc = Document::new(text.to_string());
    let ctx = analysis::Context { file_stem: Some(stem), ..analysis::Context::default() };
    let start = &lsp["range"]["start"];
    let position = rolekit_core::Position {
        line: start["line"].as_u64().unwrap_or(0) as u32,
        character: start["character"].as_u64().unwrap_or(0) as u32,
    };
    let at = doc.line_index().offset(text, position, PositionEncoding::Utf16);
    let d = analysis::check(&doc, &ctx)
        .into_iter()
        .find(|d| d.rule.as_str() == lsp["code"] && d.range.start() == at)
        .unwrap_or_else(|| panic!("no such diagnostic: {lsp}"));
    let fix = d.fix.expect("a fix");
    let index = doc.line_index();
    let p = |o: usize| {
        let p = index.position(text, o, PositionEncoding::Utf16);
        json!({ "line": p.line, "character": p.character })
    };
    fix.edits
        .iter()
        .map(|e| json!({ "range": { "start": p(e.range.start()), "end": p(e.range.end()) }, "newText": e.new_text }))
        .collect()
}

#[test]
fn code_actions_come_from_the_core_in_one_path() {
    let (mut s, _, root) = start(false);
    let uri = format!("{root}/platform-engineer.md");
    let seed = read(&workspace().join("platform-engineer.md"));
    s.open(&uri, &seed);
    let diags = s.diagnostics(&uri, Some(1));
    let moji = diags.iter().find(|d| d["code"] == "mojibake").expect("a fixable diagnostic").clone();
    let actions = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": moji["range"], "context": { "diagnostics": [moji] } }),
    );
    let list = actions.as_array().cloned().unwrap_or_default();
    let quick: Vec<&Value> = list.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert_eq!(quick.len(), 1, "one quick fix per diagnostic, offered once: {actions}");
    assert_eq!(quick[0]["diagnostics"][0]["code"], moji["code"]);
    assert_eq!(quick[0]["diagnostics"][0]["range"], moji["range"]);
    assert_eq!(quick[0]["isPreferred"], true, "a safe fix is preferred");
    assert_eq!(quick[0]["edit"]["changes"][&uri], core_fix(&seed, "platform-engineer", &moji));
    // The client's context does not matter: the stored check of this version does.
    let without = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": moji["range"], "context": { "diagnostics": [] } }),
    );
    assert_eq!(without, actions);
    let only = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": moji["range"], "context": { "diagnostics": [], "only": ["source"] } }),
    );
    assert!(only.as_array().is_some_and(|a| a.iter().all(|a| a["kind"] == "source")), "{only}");

    // The core's other actions: add missing sections / required keys on a sparse role.
    let sparse_uri = format!("{root}/sparse.md");
    let sparse = "---\nrole: sparse\nconstraints:\n  - requires_approval_for:\n    - commit\n---\n# Sparse\n";
    s.open(&sparse_uri, sparse);
    let diags = s.diagnostics(&sparse_uri, Some(1));
    let actions = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": sparse_uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 6, "character": 0 } }, "context": { "diagnostics": diags } }),
    );
    let titles: Vec<String> = actions
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| format!("{} [{}]", a["title"].as_str().unwrap_or(""), a["kind"].as_str().unwrap_or("")))
        .collect();
    assert!(titles.len() >= 2, "{titles:?}");
    insta::assert_snapshot!("lsp_code_actions", titles.join("\n"));
}

#[test]
fn large_fixes_arrive_whole_in_their_code_action() {
    let (mut s, _, root) = start(false);
    let seed = read(&workspace().join("platform-engineer.md"));
    let front = &seed[..seed.find("\n---\n").map_or(0, |i| i + 5)];
    let titles: Vec<&str> = SECTIONS.iter().map(|s| s.title).collect();
    let body: String = titles.iter().chain(titles.iter()).map(|n| format!("## 1. {n}\n\nText.\n\n")).collect();
    let text = format!("{front}\n# Many\n\n{body}");
    let uri = format!("{root}/platform-engineer.md");
    s.open(&uri, &text);
    let diags = s.diagnostics(&uri, Some(1));
    let numbering = diags.iter().find(|d| d["code"] == "section-numbering").expect("misnumbered sections").clone();
    assert!(numbering.get("data").is_none(), "no fix travels with the diagnostic: {numbering}");
    let actions = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": numbering["range"], "context": { "diagnostics": [numbering] } }),
    );
    let quick = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == "section-numbering")
        .expect("the quick fix");
    let edits = quick["edit"]["changes"][&uri].as_array().cloned().unwrap_or_default();
    assert!(edits.len() > 16, "every edit of the renumbering: {}", edits.len());
    assert_eq!(Value::Array(edits), core_fix(&text, "platform-engineer", &numbering));
}

// ----- workspace ------------------------------------------------------------------------------

#[test]
fn a_parent_change_rechecks_open_children() {
    let (mut s, _, root) = start(false);
    let child_uri = format!("{root}/qa-lead.md");
    let child = "---\nrole: qa-lead\ninherits: ghost-role\n---\n# QA Lead\n";
    s.open(&child_uri, child);
    let diags = s.diagnostics(&child_uri, Some(1));
    assert!(diags.iter().any(|d| d["code"] == "inherits-unknown-parent"), "{}", render_diagnostics(&diags));
    // Open documents count before the disk: the parent appears unsaved.
    let parent_uri = format!("{root}/ghost-role.md");
    let parent = read(&workspace().join("base-engineer.md")).replace("base-engineer", "ghost-role");
    s.open(&parent_uri, &parent);
    let diags = s.diagnostics(&child_uri, Some(1));
    assert!(
        !diags.iter().any(|d| d["code"] == "inherits-unknown-parent"),
        "re-checked: {}",
        render_diagnostics(&diags)
    );
    assert!(!diags.iter().any(|d| d["code"] == "missing-required-key"), "required keys come from the parent");
    // Removing a required key from the parent shows in the child.
    let parent_line = utf16(&parent, "tone: concise-technical\n", 0);
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": parent_uri, "version": 2 }, "contentChanges": [{
            "range": { "start": parent_line, "end": { "line": parent_line["line"].as_u64().unwrap_or(0) + 1, "character": 0 } }, "text": "" }] }),
    );
    let diags = s.diagnostics(&child_uri, Some(1));
    let missing = diags.iter().find(|d| d["code"] == "missing-required-key").expect("missing tone");
    assert!(missing["message"].as_str().unwrap_or("").contains("tone"));
    assert_eq!(missing["relatedInformation"][0]["location"]["uri"], parent_uri);
}

#[test]
fn indexing_reports_progress_and_the_index_serves_references() {
    let root = workspace();
    let mut caps = capabilities(false, false);
    caps["window"] = json!({ "workDoneProgress": true });
    let (mut s, _) = Server::initialized(caps, Some(&root), Value::Null);
    let root_uri = file_uri(&root);
    // The server creates its token (the harness accepts), then begins and ends.
    let create = s.wait_notification("window/workDoneProgress/create", |_| true);
    assert_eq!(create["token"], "rolekit/indexing");
    let begin = s.wait_notification("$/progress", |p| p["value"]["kind"] == "begin");
    assert_eq!(begin["token"], "rolekit/indexing");
    let end = s.wait_notification("$/progress", |p| p["value"]["kind"] == "end");
    assert_eq!(end["token"], "rolekit/indexing");
    assert_eq!(end["value"]["message"], "3 role files", "base, backend and platform engineer; not the README");
    // Which roles inherit base-engineer: backend-engineer, from the index (it is not open).
    let uri = format!("{root_uri}/base-engineer.md");
    let text = read(&root.join("base-engineer.md"));
    s.open(&uri, &text);
    let refs = s.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": utf16(&text, "base-engineer", 2), "context": { "includeDeclaration": false }, "workDoneToken": "refs-1" }),
    );
    let uris: Vec<_> =
        refs.as_array().into_iter().flatten().map(|l| l["uri"].as_str().unwrap_or("").replace(&root_uri, "")).collect();
    assert_eq!(uris, ["/backend-engineer.md"]);
}

#[test]
fn watched_files_keep_the_index_current() {
    let dir = std::env::temp_dir().join(format!("rolekit-lsp-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (mut s, _) = Server::initialized(capabilities(false, false), Some(&dir), Value::Null);
    // The server registers its watchers dynamically.
    let reg = s.wait_notification("client/registerCapability", |_| true);
    let globs: Vec<_> = reg["registrations"][0]["registerOptions"]["watchers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| w["globPattern"].clone())
        .collect();
    assert_eq!(globs, [json!("**/*.md"), json!("**/*.mdc"), json!("**/rolekit.toml"), json!("**/*.json")]);
    let root = file_uri(&dir);
    let child_uri = format!("{root}/child.md");
    let child = "---\nrole: child\ninherits: later\n---\n";
    s.open(&child_uri, child);
    assert!(s.diagnostics(&child_uri, Some(1)).iter().any(|d| d["code"] == "inherits-unknown-parent"));
    std::fs::write(dir.join("later.md"), read(&workspace().join("base-engineer.md")).replace("base-engineer", "later"))
        .expect("write");
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("{root}/later.md"), "type": 1 }] }),
    );
    let diags = s.diagnostics(&child_uri, Some(1));
    assert!(!diags.iter().any(|d| d["code"] == "inherits-unknown-parent"), "{}", render_diagnostics(&diags));
    let done = s.request("textDocument/completion", at(&child_uri, json!({ "line": 2, "character": 10 })));
    assert!(labels(&done).contains(&"later".to_string()), "the index knows the new role: {:?}", labels(&done));
    // rolekit.toml appears: its rules apply at once.
    std::fs::write(dir.join("rolekit.toml"), "[rules]\nmissing-title = \"off\"\nmissing-section = \"off\"\n")
        .expect("write");
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("{root}/rolekit.toml"), "type": 1 }] }),
    );
    let diags = s.diagnostics(&child_uri, Some(1));
    assert!(
        !diags.iter().any(|d| d["code"] == "missing-title" || d["code"] == "missing-section"),
        "{}",
        render_diagnostics(&diags)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rolekit_toml_and_settings_configure_rules_and_scope() {
    let root = fixtures().join("configured");
    let (mut s, _) = Server::initialized(capabilities(false, false), Some(&root), Value::Null);
    let root_uri = file_uri(&root);
    let seed_uri = format!("{root_uri}/platform-engineer.md");
    s.open(&seed_uri, &read(&root.join("platform-engineer.md")));
    let diags = s.diagnostics(&seed_uri, Some(1));
    assert!(!diags.iter().any(|d| d["code"] == "mojibake"), "`mojibake = \"off\"` in rolekit.toml");
    // `include = ["notes/*.md"]` brings a note without `role:` into scope.
    let note_uri = format!("{root_uri}/notes/todo.md");
    s.open(&note_uri, &read(&root.join("notes/todo.md")));
    let diags = s.diagnostics(&note_uri, Some(1));
    assert!(diags.iter().any(|d| d["code"] == "frontmatter-missing"), "{}", render_diagnostics(&diags));
    // Editor settings override the file.
    s.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "rolekit": { "rules": { "mojibake": "error" } } } }),
    );
    let diags = s.diagnostics(&seed_uri, Some(1));
    assert!(diags.iter().any(|d| d["code"] == "mojibake" && d["severity"] == 1), "{}", render_diagnostics(&diags));
    // Without settings in the notification the server asks (in the background).
    s.settings = json!({ "rules": { "mojibake": "hint" } });
    s.notify("workspace/didChangeConfiguration", json!({ "settings": null }));
    let diags = s.diagnostics(&seed_uri, Some(1));
    assert!(diags.iter().any(|d| d["code"] == "mojibake" && d["severity"] == 4), "{}", render_diagnostics(&diags));
}

// ----- formatting and scope ------------------------------------------------------------------

/// `text` with LSP edits applied (ASCII text: characters are bytes).
fn apply_edits(text: &str, edits: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + p["character"].as_u64().unwrap_or(0) as usize
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap_or("").to_string())
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

#[test]
fn formatting_and_range_formatting_come_from_the_core() {
    let (mut s, init, root) = start(false);
    assert_eq!(init["capabilities"]["documentFormattingProvider"], true);
    assert_eq!(init["capabilities"]["documentRangeFormattingProvider"], true);
    let uri = format!("{root}/drafty.md");
    let text =
        "---\nrole: 'drafty'\nversion: 1.0.0\nexpertise:\n- Testing   \n---\n# Drafty\n## 1. Mission Statement   \n";
    s.open(&uri, text);
    // The client's options do not matter: the style is rolekit's.
    let options = json!({ "tabSize": 8, "insertSpaces": false });
    let edits = s.request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": options }));
    let expected = rolekit_core::format::format(
        &Document::new(text.to_string()),
        rolekit_core::policy::Kind::Role,
        &rolekit_core::policy::Config::default(),
    )
    .text;
    let formatted = apply_edits(text, &edits);
    assert_eq!(formatted, expected);
    // A range in the frontmatter formats the frontmatter only; one in the body, the body only.
    let range =
        |line: u32| json!({ "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 3 } });
    let params = |line| json!({ "textDocument": { "uri": uri }, "range": range(line), "options": options });
    let front = apply_edits(text, &s.request("textDocument/rangeFormatting", params(2)));
    assert!(
        front.starts_with("---\nrole: drafty\nversion: 1.0.0\nexpertise:\n  - Testing\n---\n# Drafty\n"),
        "{front}"
    );
    assert!(front.ends_with("Statement   \n"), "{front}");
    let body = apply_edits(text, &s.request("textDocument/rangeFormatting", params(7)));
    assert!(body.starts_with("---\nrole: 'drafty'\n"), "{body}");
    assert!(body.ends_with("---\n\n# Drafty\n\n## 1. Mission Statement\n"), "{body}");
    // Formatted already: nothing to do.
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": formatted }] }),
    );
    let edits = s.request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": options }));
    assert_eq!(edits, json!([]));
    // Not a role file: not rolekit's to format.
    let readme = format!("{root}/README.md");
    s.open(&readme, "# Readme   \n");
    let edits = s.request("textDocument/formatting", json!({ "textDocument": { "uri": readme }, "options": options }));
    assert_eq!(edits, Value::Null);
}

#[test]
fn exclude_actions_write_rolekit_toml() {
    let dir = std::env::temp_dir().join(format!("rolekit-lsp-exclude-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("drafts")).expect("temp dir");
    let mut caps = capabilities(false, false);
    caps["workspace"]["workspaceEdit"] = json!({ "documentChanges": true, "resourceOperations": ["create"] });
    let (mut s, _) = Server::initialized(caps, Some(&dir), Value::Null);
    let root = file_uri(&dir);
    let toml_uri = format!("{root}/rolekit.toml");
    let draft_uri = format!("{root}/drafts/x.md");
    let draft = "---\nrole: x\nversion: 1.0.0\n---\n# X\n";
    s.open(&draft_uri, draft);
    let diags = s.diagnostics(&draft_uri, Some(1));
    assert!(!diags.is_empty(), "a sparse role has problems");
    let actions = |s: &mut Server, uri: &str, diag: &Value| {
        let list = s.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": diag["range"], "context": { "diagnostics": [] } }),
        );
        list.as_array().cloned().unwrap_or_default()
    };
    let list = actions(&mut s, &draft_uri, &diags[0]);
    let titles: Vec<&str> =
        list.iter().filter_map(|a| a["title"].as_str()).filter(|t| t.starts_with("Exclude")).collect();
    assert_eq!(
        titles,
        [
            "Exclude `drafts/x.md` from rolekit (rolekit.toml)",
            "Exclude the folder `drafts/` from rolekit (rolekit.toml)"
        ]
    );
    // No rolekit.toml yet: the edit creates it.
    let folder = list.iter().find(|a| a["title"] == titles[1]).expect("the folder action");
    let ops = &folder["edit"]["documentChanges"];
    assert_eq!(
        ops[0],
        json!({ "kind": "create", "uri": toml_uri, "options": { "overwrite": false, "ignoreIfExists": true } })
    );
    assert_eq!(ops[1]["textDocument"]["uri"], toml_uri);
    let created = ops[1]["edits"][0]["newText"].as_str().unwrap_or_default().to_string();
    assert_eq!(created, "exclude = [\"drafts\"]\n");
    // The client applies it and the file watcher reports it: the draft is out of scope.
    std::fs::write(dir.join("rolekit.toml"), &created).expect("write");
    s.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": toml_uri, "type": 1 }] }));
    assert_eq!(s.diagnostics(&draft_uri, Some(1)), Vec::<Value>::new());
    // With rolekit.toml there: the edit goes into its `exclude`.
    let other_uri = format!("{root}/other.md");
    s.open(&other_uri, draft);
    let diags = s.diagnostics(&other_uri, Some(1));
    let list = actions(&mut s, &other_uri, &diags[0]);
    let file =
        list.iter().find(|a| a["title"] == "Exclude `other.md` from rolekit (rolekit.toml)").expect("file action");
    let edited = apply_edits(&created, &file["edit"]["changes"][&toml_uri]);
    assert_eq!(edited, "exclude = [\"drafts\", \"other.md\"]\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_huge_document_holds_up_no_request_on_another() {
    let (mut s, _, root) = start(false);
    let seed = read(&workspace().join("platform-engineer.md"));
    let small = format!("{root}/platform-engineer.md");
    s.open(&small, &seed);
    s.diagnostics(&small, Some(1));
    // 20 MB: the seed's body repeated.
    let split = seed.find("\n---\n").map_or(0, |i| i + 5);
    let mut huge = seed.clone();
    while huge.len() < 20 * 1024 * 1024 {
        huge.push_str(&seed[split..]);
    }
    let huge_uri = format!("{root}/huge.md");
    s.open(&huge_uri, &huge);
    let hover = s.request("textDocument/hover", at(&small, utf16(&seed, "specialization", 3)));
    assert!(hover["contents"]["value"].as_str().is_some_and(|v| !v.is_empty()), "{hover}");
    let huge_checked =
        |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == huge_uri.as_str();
    assert!(!s.received(huge_checked), "the hover waited for the huge document's check");
    // The huge document is checked all the same.
    s.diagnostics(&huge_uri, Some(1));
}

// ----- protocol robustness --------------------------------------------------------------------

#[test]
fn requests_before_initialize_are_refused() {
    let mut s = Server::start();
    let r = s.request_raw("textDocument/hover", at("file:///x.md", json!({ "line": 0, "character": 0 })));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    let (mut s, _, _) = start(false);
    let again = s.request_raw("initialize", json!({ "capabilities": {} }));
    assert!(again.get("error").is_some(), "a second initialize is an error: {again}");
}

#[test]
fn unknown_methods_and_malformed_messages_get_errors_not_crashes() {
    let (mut s, _, root) = start(false);
    let r = s.request_raw("rolekit/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    s.notify("$/noSuchNotification", json!({}));
    // Invalid JSON in a well-framed message: a parse error with a null id.
    s.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let err = s.wait_notification_or_response_with_null_id();
    assert_eq!(err["error"]["code"], -32700, "{err}");
    // A valid frame whose JSON is not a request.
    s.send_raw(b"Content-Length: 2\r\n\r\n[]");
    let err = s.wait_notification_or_response_with_null_id();
    assert!(err["error"]["code"] == -32600 || err["error"]["code"] == -32700, "{err}");
    // Nonsense positions and unknown documents are answered, not crashed on.
    let uri = format!("{root}/platform-engineer.md");
    s.open(&uri, &read(&workspace().join("platform-engineer.md")));
    let far = s.request_raw("textDocument/hover", at(&uri, json!({ "line": 99999, "character": 99999 })));
    assert!(far.get("error").is_none(), "{far}");
    let unknown =
        s.request_raw("textDocument/completion", at("file:///nowhere.md", json!({ "line": 0, "character": 0 })));
    assert_eq!(unknown["result"], Value::Null);
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///nowhere.md", "version": 2 }, "contentChanges": [{ "text": "x" }] }),
    );
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": { "start": { "line": 5000, "character": 0 }, "end": { "line": 1, "character": 0 } }, "text": "z" }] }),
    );
    // Still alive and well.
    let ok = s.request_raw("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    assert!(ok.get("result").is_some(), "{ok}");
    // A bad Content-Length header: the server recovers or ends cleanly, never hangs.
    s.send_raw(b"Content-Length: banana\r\n\r\n{}");
    let id = s.send_request("shutdown", Value::Null);
    let _ = s.wait_response(&json!(id));
    s.notify("exit", Value::Null);
    assert!(s.wait_exit().is_some(), "exits");
    assert!(s.garbage.is_empty(), "{:?}", s.garbage);
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let (mut s, _, _) = start(false);
    s.notify("exit", Value::Null);
    let status = s.wait_exit().expect("exits promptly");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn end_of_input_and_truncated_messages_end_the_server() {
    let (mut s, _, _) = start(false);
    s.send_raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\":");
    s.close_stdin();
    assert!(s.wait_exit().is_some(), "no hang on a truncated message");
    let mut s = Server::start();
    s.close_stdin();
    assert!(s.wait_exit().is_some(), "no hang on end of input");
}

#[test]
fn shutdown_then_exit_ends_with_code_0() {
    let (s, _, _) = start(true);
    let status = s.shutdown().expect("exits");
    assert_eq!(status.code(), Some(0));
}

trait NullId {
    fn wait_notification_or_response_with_null_id(&mut self) -> Value;
}

impl NullId for Server {
    fn wait_notification_or_response_with_null_id(&mut self) -> Value {
        let r = self.wait_response(&Value::Null);
        self.drain(Duration::from_millis(0));
        r
    }
}

// ----- across files: rename, workspace symbols, inlay hints, hierarchy, lenses, highlights ----

/// A fresh folder holding `files`, for tests that rename.
fn temp_workspace(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rolekit-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("write");
    }
    dir
}

#[test]
fn rename_across_three_files_renames_the_file() {
    let base = "---\nrole: base\nversion: 1.0.0\ndescription: Base\n---\n# Base\n";
    let child = "---\nrole: child\ninherits: base\nversion: 1.0.0\n---\n# Child\n";
    let other = "---\nrole: other\ninherits: base\nversion: 1.0.0\n---\n# Other\n";
    let dir = temp_workspace("rename", &[("base.md", base), ("child.md", child), ("other.md", other)]);
    let mut caps = capabilities(false, false);
    caps["window"] = json!({ "workDoneProgress": true });
    caps["workspace"]["workspaceEdit"] =
        json!({ "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] });
    let (mut s, init) = Server::initialized(caps, Some(&dir), Value::Null);
    assert_eq!(init["capabilities"]["renameProvider"], json!({ "prepareProvider": true }));
    s.wait_notification("$/progress", |p| p["token"] == "rolekit/indexing" && p["value"]["kind"] == "end");
    let root = file_uri(&dir);
    let uri = format!("{root}/child.md");
    s.open(&uri, child);
    let position = utf16(child, "base", 1);
    let prepared = s.request("textDocument/prepareRename", at(&uri, position.clone()));
    assert_eq!(prepared["placeholder"], "base");
    assert_eq!(prepared["range"]["start"], utf16(child, "base", 0));
    let mut params = at(&uri, position.clone());
    params["newName"] = json!("core");
    let edit = s.request("textDocument/rename", params);
    let rendered = redact(&edit, &root);
    insta::assert_snapshot!("rename_three_files", rendered);
    let changes = edit["documentChanges"].as_array().expect("documentChanges");
    assert_eq!(changes.len(), 4, "three files edited, one renamed");
    assert_eq!(changes[3]["kind"], "rename");
    // A clash is refused with a message.
    let mut params = at(&uri, position);
    params["newName"] = json!("other");
    let response = s.request_raw("textDocument/rename", params);
    assert_eq!(response["error"]["code"], -32803);
    assert!(response["error"]["message"].as_str().unwrap_or("").contains("already exists"), "{response}");
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn workspace_symbols_hints_hierarchy_lenses_and_highlights() {
    let root = workspace();
    let mut caps = capabilities(false, false);
    caps["window"] = json!({ "workDoneProgress": true });
    caps["textDocument"]["typeHierarchy"] = json!({ "dynamicRegistration": true });
    let (mut s, init) = Server::initialized(caps, Some(&root), Value::Null);
    let caps = &init["capabilities"];
    for key in ["workspaceSymbolProvider", "inlayHintProvider", "codeLensProvider", "documentHighlightProvider"] {
        assert!(!caps[key].is_null(), "{key} advertised");
    }
    s.wait_notification("client/registerCapability", |p| {
        p["registrations"][0]["method"] == "textDocument/prepareTypeHierarchy"
    });
    s.wait_notification("$/progress", |p| p["token"] == "rolekit/indexing" && p["value"]["kind"] == "end");
    let root_uri = file_uri(&root);
    // Workspace symbols, fuzzy.
    let found = s.request("workspace/symbol", json!({ "query": "bckend" }));
    let names: Vec<_> = found.as_array().into_iter().flatten().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["backend-engineer"]);
    // Inlay hints in the child: what it inherits from base-engineer.
    let uri = format!("{root_uri}/backend-engineer.md");
    let text = read(&root.join("backend-engineer.md"));
    s.open(&uri, &text);
    let hints = s.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 40, "character": 0 } } }),
    );
    let labels: Vec<String> = hints
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| h["label"].as_array().into_iter().flatten().filter_map(|p| p["value"].as_str()).collect())
        .collect();
    assert!(labels.contains(&"tone: concise-technical ← base-engineer".to_string()), "{labels:?}");
    // Type hierarchy: up to base-engineer, and down again.
    let items = s.request("textDocument/prepareTypeHierarchy", at(&uri, utf16(&text, "backend-engineer", 1)));
    assert_eq!(items[0]["name"], "backend-engineer");
    let up = s.request("typeHierarchy/supertypes", json!({ "item": items[0] }));
    assert_eq!(up[0]["name"], "base-engineer");
    let down = s.request("typeHierarchy/subtypes", json!({ "item": up[0] }));
    assert_eq!(down.as_array().map(Vec::len), Some(1));
    assert_eq!(down[0]["name"], "backend-engineer");
    // Code lens on the parent.
    let parent_uri = format!("{root_uri}/base-engineer.md");
    let parent = read(&root.join("base-engineer.md"));
    s.open(&parent_uri, &parent);
    let lenses = s.request("textDocument/codeLens", json!({ "textDocument": { "uri": parent_uri } }));
    assert_eq!(lenses[0]["command"]["title"], "inherited by 1");
    assert_eq!(lenses[0]["command"]["command"], "rolekit.showReferences");
    assert_eq!(lenses[0]["command"]["arguments"][2][0]["uri"], uri);
    assert!(lenses[1]["command"]["title"].as_str().unwrap_or("").ends_with(" tokens"));
    // Highlights of the parent's name in the child.
    let found = s.request("textDocument/documentHighlight", at(&uri, utf16(&text, "base-engineer", 1)));
    assert_eq!(found[0]["kind"], 2, "read: the inherits value");
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
}

// ----- a valora project: names across folders ------------------------------------------------

/// Copies `from` into `to`, recursively.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn a_valora_project_resolves_agents_and_prompts_across_folders() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus-sample/valora-project");
    let dir = std::env::temp_dir().join(format!("rolekit-lsp-valora-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&sample, &dir);
    let mut caps = capabilities(false, false);
    caps["window"] = json!({ "workDoneProgress": true });
    let (mut s, _) = Server::initialized(caps, Some(&dir), Value::Null);
    s.wait_notification("$/progress", |p| p["token"] == "rolekit/indexing" && p["value"]["kind"] == "end");
    let root = file_uri(&dir);

    // A command with a misspelt agent: the diagnostic, with did-you-mean.
    let uri = format!("{root}/data/commands/plan-architecture.md");
    let text = read(&dir.join("data/commands/plan-architecture.md")).replace("\nagent: lead\n", "\nagent: leed\n");
    s.open(&uri, &text);
    let diags = s.diagnostics(&uri, Some(1));
    let unknown: Vec<&Value> = diags.iter().filter(|d| d["code"] == "unknown-agent").collect();
    assert_eq!(unknown.len(), 1, "{}", render_diagnostics(&diags));
    assert_eq!(unknown[0]["range"]["start"], utf16(&text, "agent: leed", 7));
    assert!(unknown[0]["message"].as_str().unwrap_or("").contains("did you mean `lead`"), "{}", unknown[0]);

    // Fixed; then definition from `agent:` lands in the role file.
    let fixed = text.replace("\nagent: leed\n", "\nagent: lead\n");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let diags = s.diagnostics(&uri, Some(2));
    assert!(!diags.iter().any(|d| d["code"] == "unknown-agent"), "{}", render_diagnostics(&diags));
    let found = s.request("textDocument/definition", at(&uri, utf16(&fixed, "agent: lead", 8)));
    let target = found.get(0).cloned().unwrap_or(found.clone());
    let target_uri = target["targetUri"].as_str().or(target["uri"].as_str()).unwrap_or("").replace(&root, "");
    assert_eq!(target_uri, "/data/agents/lead.md", "{found}");

    // Completion after `agent: ` offers the roles.
    let blank = fixed.replace("\nagent: lead\n", "\nagent: \n");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": blank }] }),
    );
    let done = s.request("textDocument/completion", at(&uri, utf16(&blank, "\nagent: ", 8)));
    let names = labels(&done);
    for role in ["lead", "qa", "platform-engineer", "secops-engineer"] {
        assert!(names.contains(&role.to_string()), "{role} in {names:?}");
    }
    assert!(!names.iter().any(|n| n == "_template"), "no templates: {names:?}");

    // References from a prompt's id: the commands using it (from the index).
    let prompt_uri = format!("{root}/data/prompts/02_context/load-task.md");
    let prompt = read(&dir.join("data/prompts/02_context/load-task.md"));
    s.open(&prompt_uri, &prompt);
    let refs = s.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": prompt_uri }, "position": utf16(&prompt, "context.load-task", 3), "context": { "includeDeclaration": false } }),
    );
    let mut files: Vec<String> =
        refs.as_array().into_iter().flatten().map(|l| l["uri"].as_str().unwrap_or("").replace(&root, "")).collect();
    files.sort();
    files.dedup();
    let commands: Vec<&String> = files.iter().filter(|f| f.starts_with("/data/commands/")).collect();
    assert_eq!(
        commands,
        ["/data/commands/plan-architecture.md", "/data/commands/plan.md", "/data/commands/refine-task.md"],
        "{refs}"
    );
    // And the prompts that depend on it.
    assert!(files.contains(&"/data/prompts/01_onboard/analyze-clarity.md".to_string()), "{files:?}");
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&dir);
}
