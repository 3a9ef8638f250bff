//! Semantic tokens, workspace pull diagnostics and renaming a role with its
//! file (`workspace/willRenameFiles`), over real stdio JSON-RPC.

mod harness;

use harness::{capabilities, file_uri, fixtures, Server};
use rolekit_core::{LineIndex, Position, PositionEncoding};
use serde_json::{json, Value};

/// A fresh folder holding `files` (paths may have folders).
fn temp_workspace(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rolekit-lsp-wf-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (file, text) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("temp dir");
        std::fs::write(path, text).expect("write");
    }
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A server on `root` whose index is complete.
fn indexed(mut caps: Value, root: &std::path::Path) -> (Server, Value) {
    caps["window"] = json!({ "workDoneProgress": true });
    let (mut s, init) = Server::initialized(caps, Some(root), Value::Null);
    s.wait_notification("$/progress", |p| p["token"] == "rolekit/indexing" && p["value"]["kind"] == "end");
    (s, init)
}

// ----- semantic tokens ------------------------------------------------------------------------

/// The tokens of a `semanticTokens` answer, absolute, one line each: position,
/// type and modifiers from the legend, and the text they cover.
fn decode(result: &Value, legend: &Value, text: &str, encoding: PositionEncoding) -> Vec<String> {
    let data: Vec<u32> =
        result["data"].as_array().expect("data").iter().map(|v| v.as_u64().unwrap_or(0) as u32).collect();
    assert_eq!(data.len() % 5, 0, "five integers a token");
    let index = LineIndex::new(text);
    let (mut line, mut character) = (0u32, 0u32);
    let mut out = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            line += t[0];
            character = t[1];
        } else {
            character += t[1];
        }
        let start = index.offset(text, Position { line, character }, encoding);
        let end = index.offset(text, Position { line, character: character + t[2] }, encoding);
        let kind = legend["tokenTypes"][t[3] as usize].as_str().unwrap_or("?");
        let modifiers = if t[4] & 1 == 1 { " declaration" } else { "" };
        out.push(format!("{line}:{character} {kind}{modifiers} {:?}", &text[start..end]));
    }
    out
}

#[test]
fn semantic_tokens_on_the_seed_in_both_encodings_and_by_range() {
    let root = fixtures().join("workspace");
    let text = std::fs::read_to_string(root.join("platform-engineer.md")).expect("seed");
    let uri = format!("{}/platform-engineer.md", file_uri(&root));
    let mut decoded = Vec::new();
    for (utf8, encoding) in [(false, PositionEncoding::Utf16), (true, PositionEncoding::Utf8)] {
        let (mut s, init) = Server::initialized(capabilities(utf8, false), Some(&root), Value::Null);
        let provider = &init["capabilities"]["semanticTokensProvider"];
        assert_eq!(provider["full"], true);
        assert_eq!(provider["range"], true);
        s.open(&uri, &text);
        let full = s.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": uri } }));
        decoded.push(decode(&full, &provider["legend"], &text, encoding));
        // A range: the tokens of its lines only.
        let range = json!({ "start": { "line": 1, "character": 0 }, "end": { "line": 3, "character": 0 } });
        let part =
            s.request("textDocument/semanticTokens/range", json!({ "textDocument": { "uri": uri }, "range": range }));
        let part = decode(&part, &provider["legend"], &text, encoding);
        assert!(!part.is_empty() && part.len() < decoded[0].len(), "{part:?}");
        assert!(part.iter().all(|t| t.starts_with("1:") || t.starts_with("2:")), "{part:?}");
        assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    }
    assert_eq!(decoded[0], decoded[1], "the same tokens in UTF-16 and UTF-8");
    insta::assert_snapshot!("semantic_tokens_seed", decoded[0].join("\n"));
}

#[test]
fn semantic_tokens_with_crlf_bom_and_astral_characters() {
    let root = temp_workspace("tokens", &[]);
    let text = "\u{feff}---\r\nrole: qa\r\ninherits: base\r\ndescription: \"𝒬 😀\"\r\ntone: pedagogical\r\nm: {\"😀\": 1, k: 2}\r\n---\r\n# 😀\r\n\r\n## 1. 𝒬 Role\r\n";
    let uri = format!("{}/qa.md", file_uri(&root));
    let (mut s, init) = Server::initialized(capabilities(false, false), Some(&root), Value::Null);
    let legend = init["capabilities"]["semanticTokensProvider"]["legend"].clone();
    s.open(&uri, text);
    let full = s.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": uri } }));
    let got = decode(&full, &legend, text, PositionEncoding::Utf16);
    assert_eq!(
        got,
        [
            "1:0 property \"role\"",
            "1:6 type declaration \"qa\"",
            "2:0 property \"inherits\"",
            "2:10 type \"base\"",
            "3:0 property \"description\"",
            "4:0 property \"tone\"",
            "4:6 enumMember \"pedagogical\"",
            "5:0 property \"m\"",
            "5:4 property \"\\\"😀\\\"\"",
            "5:13 property \"k\"",
            "9:3 number \"1\"",
        ]
    );
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&root);
}

// ----- workspace pull diagnostics ---------------------------------------------------------------

#[test]
fn workspace_diagnostics_report_files_not_open_and_then_unchanged() {
    let on_disk = "---\nrole: on-disk\nversion: 1.0.0\n---\n# On disk\n";
    let open = "---\nrole: open\nversion: 1.0.0\n---\n# Open\n";
    let rule = "---\ndescription: Style\nalwaysApply: maybe\n---\nUse tabs.\n";
    let root = temp_workspace(
        "wsdiag",
        &[("on-disk.md", on_disk), ("open.md", open), ("notes.md", "# Notes\n"), (".cursor/rules/style.mdc", rule)],
    );
    // `kid` takes its description from `base`, both on disk.
    std::fs::create_dir_all(root.join("team")).expect("dir");
    let base = "---\nrole: base\nversion: 1.0.0\ndescription: Base\n---\n# Base\n";
    std::fs::write(root.join("team/base.md"), base).expect("write");
    std::fs::write(root.join("team/kid.md"), "---\nrole: kid\ninherits: base\nversion: 1.0.0\n---\n# Kid\n")
        .expect("write");
    let (mut s, init) = indexed(capabilities(false, true), &root);
    assert_eq!(init["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"], true);
    let root_uri = file_uri(&root);
    let open_uri = format!("{root_uri}/open.md");
    let disk_uri = format!("{root_uri}/on-disk.md");
    s.open(&open_uri, open);
    let report = s.request("workspace/diagnostic", json!({ "previousResultIds": [] }));
    let items = report["items"].as_array().cloned().unwrap_or_default();
    let uris: Vec<&str> = items.iter().filter_map(|i| i["uri"].as_str()).collect();
    let rule_uri = format!("{root_uri}/.cursor/rules/style.mdc");
    let (base_uri, kid_uri) = (format!("{root_uri}/team/base.md"), format!("{root_uri}/team/kid.md"));
    assert_eq!(
        uris,
        [rule_uri.as_str(), disk_uri.as_str(), base_uri.as_str(), kid_uri.as_str()],
        "the open document and the notes are left out"
    );
    let kid = |report: &Value| report["items"][3].clone();
    let kid_id = kid(&report)["resultId"].clone();
    let rule_diagnostics = items[0]["items"].as_array().cloned().unwrap_or_default();
    assert!(!rule_diagnostics.is_empty(), "a Cursor rule (.mdc) is indexed and checked");
    let item = &items[1];
    assert_eq!(item["kind"], "full");
    assert!(item["version"].is_null());
    let diagnostics = item["items"].as_array().cloned().unwrap_or_default();
    assert!(diagnostics.iter().any(|d| d["severity"] == 1), "missing required keys: {diagnostics:?}");
    let id = item["resultId"].as_str().expect("a result id").to_string();
    // Asked again with that id: unchanged.
    let again = s.request("workspace/diagnostic", json!({ "previousResultIds": [{ "uri": disk_uri, "value": id }] }));
    assert_eq!(again["items"][1]["kind"], "unchanged");
    assert_eq!(again["items"][1]["resultId"], json!(id));
    assert_eq!(again["items"][0]["kind"], "full", "no id sent for the rule");
    // The file changes on disk (the editor's watcher says so): a full report with a new id.
    std::fs::write(root.join("on-disk.md"), "---\nrole: on-disk\nversion: 1.0.0\ntone: nope\n---\n# On disk\n")
        .expect("write");
    s.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": disk_uri, "type": 2 }] }));
    let changed = s.request("workspace/diagnostic", json!({ "previousResultIds": [{ "uri": disk_uri, "value": id }] }));
    assert_eq!(changed["items"][1]["kind"], "full");
    assert_ne!(changed["items"][1]["resultId"], json!(id));
    // The parent changes (the editor's watcher says so): the child's report changes with it.
    let held = json!([{ "uri": disk_uri, "value": id }, { "uri": kid_uri, "value": kid_id }]);
    let same = s.request("workspace/diagnostic", json!({ "previousResultIds": held }));
    assert_eq!(kid(&same)["kind"], "unchanged");
    std::fs::write(root.join("team/base.md"), base.replace("description: Base\n", "")).expect("write");
    s.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": base_uri, "type": 2 }] }));
    let after = s.request("workspace/diagnostic", json!({ "previousResultIds": held }));
    assert_eq!(kid(&after)["kind"], "full", "{}", kid(&after));
    assert_ne!(kid(&after)["resultId"], kid_id);
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&root);
}

// ----- renaming a role's file -------------------------------------------------------------------

#[test]
fn renaming_a_role_file_renames_the_role_and_its_references() {
    let base = "---\nrole: base\nversion: 1.0.0\ndescription: Base\n---\n# Base\n";
    let child = "---\nrole: child\ninherits: base\n---\n# Child\n";
    let other = "---\nrole: other\ninherits: base\n---\n# Other\n";
    let root = temp_workspace("willrename", &[("base.md", base), ("child.md", child), ("other.md", other)]);
    let (mut s, init) = indexed(capabilities(false, false), &root);
    let filters = &init["capabilities"]["workspace"]["fileOperations"]["willRename"]["filters"];
    assert_eq!(filters[0]["pattern"]["glob"], "**/*.md");
    let root_uri = file_uri(&root);
    let uri = |name: &str| format!("{root_uri}/{name}.md");
    // The child is open: its edit is in its open text's positions.
    s.open(&uri("child"), child);
    let rename = |from: &str, to: &str| json!({ "files": [{ "oldUri": uri(from), "newUri": uri(to) }] });
    let edit = s.request("workspace/willRenameFiles", rename("base", "core"));
    let changes = edit["changes"].as_object().cloned().unwrap_or_default();
    let mut files: Vec<&String> = changes.keys().collect();
    files.sort();
    assert_eq!(files, [&uri("base"), &uri("child"), &uri("other")]);
    for (file, needle) in [("base", "role: base"), ("child", "inherits: base"), ("other", "inherits: base")] {
        let edits = &changes[&uri(file)];
        assert_eq!(edits.as_array().map(Vec::len), Some(1), "{file}: {edits}");
        assert_eq!(edits[0]["newText"], "core");
        let line = [base, child, other][["base", "child", "other"].iter().position(|f| *f == file).unwrap_or(0)]
            .lines()
            .position(|l| l == needle)
            .expect("line");
        assert_eq!(edits[0]["range"]["start"]["line"], line, "{file}");
    }
    // A clash: no edit, and a message.
    let refused = s.request("workspace/willRenameFiles", rename("base", "other"));
    assert!(refused.is_null(), "{refused}");
    let message = s.wait_notification("window/showMessage", |_| true);
    assert!(message["message"].as_str().unwrap_or("").contains("already exists"), "{message}");
    // Not named after its file, or not a role: nothing to do.
    assert!(s.request("workspace/willRenameFiles", rename("nothing", "else")).is_null());
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&root);
}
