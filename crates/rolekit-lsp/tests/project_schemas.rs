//! The project's own schemas and kinds (`rolekit.toml`'s `[schemas]` and
//! `[[kinds]]`) and an open valora `registry.json`, over real stdio
//! JSON-RPC: checks, completion and hover follow the schema that applies,
//! a schema that cannot be read is a configuration problem with its place,
//! and a registry is checked against the files the server has indexed.

mod harness;

use harness::{capabilities, file_uri, Server};
use serde_json::{json, Value};

/// A fresh folder holding `files` (paths may have folders).
fn temp_workspace(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rolekit-lsp-ps-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (file, text) in files {
        write(&dir, file, text);
    }
    dir
}

fn write(dir: &std::path::Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("temp dir");
    std::fs::write(path, text).expect("write");
}

/// A server on `root` whose index is complete.
fn indexed(root: &std::path::Path) -> Server {
    let mut caps = capabilities(false, false);
    caps["window"] = json!({ "workDoneProgress": true });
    let (mut s, _) = Server::initialized(caps, Some(root), Value::Null);
    s.wait_notification("$/progress", |p| p["token"] == "rolekit/indexing" && p["value"]["kind"] == "end");
    s
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

fn labels(completion: &Value) -> Vec<String> {
    let items = completion.as_array().cloned().or_else(|| completion["items"].as_array().cloned());
    items.unwrap_or_default().iter().filter_map(|i| i["label"].as_str().map(str::to_string)).collect()
}

/// `line:character code message`, one per diagnostic.
fn render(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            let end = &d["range"]["end"];
            format!(
                "{}:{}-{}:{} {} {}",
                start["line"],
                start["character"],
                end["line"],
                end["character"],
                d["code"].as_str().unwrap_or("-"),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The built-in role schema with `extra` added to `tone`'s values.
fn role_schema_with_tone(extra: Option<&str>) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rolekit-core/src/schema/role.schema.json");
    let mut schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("role schema")).expect("JSON");
    if let (Some(extra), Some(values)) = (extra, schema["properties"]["tone"]["enum"].as_array_mut()) {
        values.push(json!(extra));
        schema["properties"]["tone"]["x-enum-descriptions"][extra] = json!("Light-hearted, with jokes.");
    }
    serde_json::to_string_pretty(&schema).expect("JSON")
}

const ROLE: &str = "---\nrole: qa\nversion: 1.0.0\ndescription: QA\nspecialization: testing\ntone: playful\nexpertise: [testing]\nresponsibilities: [test]\ncapabilities: [run]\n---\n";
/// The line of `tone:` in [`ROLE`].
const TONE_LINE: u64 = 5;

fn on_tone_line(diagnostics: &[Value]) -> Vec<String> {
    let on: Vec<Value> =
        diagnostics.iter().filter(|d| d["range"]["start"]["line"] == TONE_LINE).cloned().collect::<Vec<_>>();
    render(&on)
}

#[test]
fn a_replaced_role_schema_admits_its_enum_value_and_completion_offers_it() {
    let dir = temp_workspace(
        "role",
        &[
            ("rolekit.toml", "[schemas]\nrole = \"schemas/role.json\"\n"),
            ("schemas/role.json", &role_schema_with_tone(Some("playful"))),
        ],
    );
    let root = file_uri(&dir);
    let uri = format!("{root}/roles/qa.md");
    let (mut s, _) = Server::initialized(capabilities(false, false), Some(&dir), Value::Null);
    s.open(&uri, ROLE);
    let diags = s.diagnostics(&uri, Some(1));
    assert_eq!(on_tone_line(&diags), Vec::<String>::new(), "`playful` is one of the project's tones");
    let completion = s.request("textDocument/completion", at(&uri, 5, 6));
    let offered = labels(&completion);
    assert!(offered.contains(&"playful".to_string()), "{offered:?}");
    assert!(offered.contains(&"assertive".to_string()), "the built-in values stay: {offered:?}");
    let hover = s.request("textDocument/hover", at(&uri, 5, 8));
    let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(markdown.contains("Light-hearted"), "{markdown}");

    // The schema file changes on disk: the open role is checked again against it.
    write(&dir, "schemas/role.json", &role_schema_with_tone(None));
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("{root}/schemas/role.json"), "type": 2 }] }),
    );
    let diags = s.diagnostics(&uri, Some(1));
    let tone = on_tone_line(&diags);
    assert!(tone.iter().any(|d| d.contains("invalid-enum") && d.contains("playful")), "{tone:?}");
    assert!(s.logs.iter().all(|l| !l.contains("schema")), "no configuration problem: {:?}", s.logs);
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&dir);
}

const PLAYBOOK_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {
    "title": { "type": "string", "description": "What the playbook is for." },
    "owner": {
      "type": "string",
      "description": "The team that runs it.",
      "enum": ["ops", "dev"],
      "x-enum-descriptions": { "ops": "The operations team.", "dev": "The developers." }
    },
    "steps": { "type": "array", "items": { "type": "string" }, "description": "What to do, in order." }
  },
  "required": ["title"],
  "additionalProperties": false
}
"#;

const PLAYBOOK_TOML: &str =
    "[[kinds]]\nname = \"playbook\"\ninclude = [\"playbooks/**/*.md\"]\nschema = \"schemas/playbook.schema.json\"\n";

#[test]
fn a_kind_of_your_own_gets_its_schemas_diagnostics_completion_and_hover() {
    let dir =
        temp_workspace("kinds", &[("rolekit.toml", PLAYBOOK_TOML), ("schemas/playbook.schema.json", PLAYBOOK_SCHEMA)]);
    let root = file_uri(&dir);
    let uri = format!("{root}/playbooks/release/deploy.md");
    let text = "---\nowner: qa\nsteps: [build, ship]\nrole: x\n\n---\n# Deploy\n";
    let (mut s, _) = Server::initialized(capabilities(false, false), Some(&dir), Value::Null);
    s.open(&uri, text);
    let diags = render(&s.diagnostics(&uri, Some(1)));
    insta::assert_snapshot!("playbook_diagnostics", diags.join("\n"));
    // Keys: the playbook's, not a role's; `title` first, as required.
    let completion = s.request("textDocument/completion", at(&uri, 4, 0));
    let keys = labels(&completion);
    assert!(keys.contains(&"title".to_string()), "{keys:?}");
    assert!(!keys.contains(&"expertise".to_string()), "not the role schema: {keys:?}");
    let values = labels(&s.request("textDocument/completion", at(&uri, 1, 7)));
    assert_eq!(values, ["ops", "dev"]);
    let hover = s.request("textDocument/hover", at(&uri, 2, 1));
    let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(markdown.contains("steps") && markdown.contains("What to do, in order."), "{markdown}");
    // The required keys an action inserts are the playbook's; no role section.
    let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 6, "character": 0 } });
    let actions = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
    );
    let titles: Vec<&str> =
        actions.as_array().into_iter().flatten().filter_map(|a| a["title"].as_str()).collect::<Vec<_>>();
    assert!(titles.contains(&"Insert missing required key `title`"), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("section")), "{titles:?}");
    // Outside `include`: not a playbook, not rolekit's business.
    let other = format!("{root}/notes/deploy.md");
    s.open(&other, text);
    assert_eq!(s.diagnostics(&other, Some(1)), Vec::<Value>::new());
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_schema_that_cannot_be_read_is_a_configuration_problem_at_its_path() {
    let toml = "[schemas]\nrole = \"schemas/missing.json\"\n[[kinds]]\nname = \"playbook\"\ninclude = [\"playbooks/*.md\"]\nschema = \"schemas/bad.json\"\n";
    let dir = temp_workspace(
        "broken",
        &[("rolekit.toml", toml), ("schemas/bad.json", "{\n  \"type\": \"object\",\n  \"properties\": {\n")],
    );
    let (mut s, _) = Server::initialized(capabilities(false, false), Some(&dir), Value::Null);
    let missing = s.wait_notification("window/logMessage", |p| {
        p["message"].as_str().is_some_and(|m| m.contains("schemas/missing.json"))
    });
    let bad =
        s.wait_notification("window/logMessage", |p| p["message"].as_str().is_some_and(|m| m.contains("bad.json")));
    let messages = [missing["message"].as_str().unwrap_or(""), bad["message"].as_str().unwrap_or("")];
    insta::assert_snapshot!("broken_schema_messages", messages.join("\n"));
    assert_eq!(missing["type"], 2, "a warning");
    // They are diagnostics of rolekit.toml too, at the paths it names.
    let config = format!("{}/rolekit.toml", file_uri(&dir));
    let published = s.wait_notification("textDocument/publishDiagnostics", |p| p["uri"] == config.as_str());
    let on_config = render(published["diagnostics"].as_array().map(Vec::as_slice).unwrap_or_default());
    assert_eq!(on_config.len(), 2, "{on_config:?}");
    assert!(
        on_config[0].starts_with("1:7-1:29 ") && on_config[0].contains("cannot read the role schema"),
        "{on_config:?}"
    );
    assert!(on_config[1].starts_with("5:9-5:27 ") && on_config[1].contains("bad.json"), "{on_config:?}");
    // The rest of rolekit.toml holds; the built-in role schema checks roles.
    let uri = format!("{}/roles/qa.md", file_uri(&dir));
    s.open(&uri, ROLE);
    let tone = on_tone_line(&s.diagnostics(&uri, Some(1)));
    assert!(tone.iter().any(|d| d.contains("invalid-enum")), "{tone:?}");
    // Fixed on disk: rolekit.toml's diagnostics are cleared.
    write(&dir, "rolekit.toml", "[rules]\nmojibake = \"off\"\n");
    s.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": config, "type": 2 }] }));
    let cleared = s.wait_notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == config.as_str() && p["diagnostics"].as_array().is_some_and(Vec::is_empty)
    });
    assert_eq!(cleared["uri"], config.as_str());
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&dir);
}

const COMMAND: &str = "---\nname: plan\ndescription: Plan the work\nmodel: claude-sonnet-4.6\nallowed-tools: [Read]\nprompts:\n  pipeline: []\n---\n# Plan\n";

#[test]
fn an_open_registry_is_checked_against_the_indexed_files_beside_it() {
    let registry = r#"{
  "commands": {
    "plan": {
      "name": "plan",
      "description": "Plan the job"
    },
    "ghost": {
      "name": "ghost"
    }
  }
}
"#;
    let dir = temp_workspace(
        "registry",
        &[
            ("data/commands/plan.md", COMMAND),
            ("data/commands/review.md", &COMMAND.replace("name: plan", "name: review")),
            ("data/commands/registry.json", registry),
        ],
    );
    let root = file_uri(&dir);
    let mut s = indexed(&dir);
    let uri = format!("{root}/data/commands/registry.json");
    s.open(&uri, registry);
    let diags = s.diagnostics(&uri, Some(1));
    let rendered = render(&diags).join("\n").replace(&root, "file://ROOT");
    insta::assert_snapshot!("registry_diagnostics", rendered);
    // The mismatch points at the file's own key, read from the index.
    let mismatch = diags.iter().find(|d| d["code"] == "registry-mismatch").expect("a mismatch");
    let related = &mismatch["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], format!("{root}/data/commands/plan.md"));
    assert_eq!(related["range"]["start"], json!({ "line": 2, "character": 0 }));
    // A file without an entry: related to its declared name.
    let missing = diags.iter().find(|d| d["code"] == "registry-missing-entry").expect("a file without entry");
    let related = &missing["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], format!("{root}/data/commands/review.md"));
    assert_eq!(related["range"]["start"], json!({ "line": 1, "character": 6 }));
    // The file is opened and fixed: the registry is checked again at once.
    let plan = format!("{root}/data/commands/plan.md");
    s.open(&plan, &COMMAND.replace("Plan the work", "Plan the job"));
    let after = s.diagnostics(&uri, Some(1));
    assert!(!after.iter().any(|d| d["code"] == "registry-mismatch"), "{:?}", render(&after));
    assert!(after.iter().any(|d| d["code"] == "registry-missing-file"), "{:?}", render(&after));
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&dir);
}
