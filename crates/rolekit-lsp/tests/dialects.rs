//! Every vendor agent-file format where it lives, over real stdio JSON-RPC:
//! completion of keys in the frontmatter and hover on a key come from the
//! format's own schema (Claude Code agents, Agent Skills, Cursor rules,
//! GitHub Copilot agents, prompts and instructions).

mod harness;

use harness::{capabilities, file_uri, Server};
use serde_json::{json, Value};

/// (path below the workspace, text with a blank frontmatter line 2, the key on line 1).
const CASES: [(&str, &str, &str); 6] = [
    (".claude/agents/reviewer.md", "---\nname: reviewer\n\n---\nReview code.\n", "name"),
    ("skills/pdf-tools/SKILL.md", "---\nname: pdf-tools\n\n---\nWork with PDFs.\n", "name"),
    (".cursor/rules/style.mdc", "---\ndescription: Style\n\n---\nUse tabs.\n", "description"),
    (".github/agents/helper.agent.md", "---\ndescription: Helper\n\n---\nHelp.\n", "description"),
    (".github/prompts/fix.prompt.md", "---\ndescription: Fix\n\n---\nFix it.\n", "description"),
    (".github/instructions/rust.instructions.md", "---\napplyTo: \"**/*.rs\"\n\n---\nRust.\n", "applyTo"),
];

#[test]
fn completion_and_hover_follow_each_formats_schema() {
    let root = std::env::temp_dir().join(format!("rolekit-lsp-dialects-{}", std::process::id()));
    std::fs::create_dir_all(&root).expect("temp dir");
    let root_uri = file_uri(&root);
    let (mut s, _) = Server::initialized(capabilities(false, false), Some(&root), Value::Null);
    let mut out = Vec::new();
    for (path, text, key) in CASES {
        let uri = format!("{root_uri}/{path}");
        s.open(&uri, text);
        let position = json!({ "line": 2, "character": 0 });
        let completion =
            s.request("textDocument/completion", json!({ "textDocument": { "uri": uri }, "position": position }));
        let items = completion.as_array().cloned().or_else(|| completion["items"].as_array().cloned());
        let mut labels: Vec<String> =
            items.unwrap_or_default().iter().filter_map(|i| i["label"].as_str().map(str::to_string)).collect();
        labels.sort();
        assert!(!labels.is_empty(), "{path}: keys offered");
        assert!(!labels.contains(&"role".to_string()), "{path}: not the role schema's keys: {labels:?}");
        let hover = s.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 1 } }),
        );
        let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(!markdown.is_empty(), "{path}: hover on `{key}`");
        let link = markdown.lines().find(|l| l.contains("](http")).unwrap_or("(no link)");
        out.push(format!("{path}\n  keys: {}\n  hover `{key}`: {}\n  {link}", labels.join(", "), first_line(markdown)));
    }
    insta::assert_snapshot!("dialect_completion_and_hover", out.join("\n"));
    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&root);
}

fn first_line(markdown: &str) -> &str {
    markdown.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// Code actions follow the document's kind: a Claude Code agent gets the
/// `tools` refactoring and no role actions (sections, role keys); a Copilot
/// agent's comma-separated `tools` gets the quick fix that writes a list.
#[test]
fn code_actions_follow_each_formats_kind() {
    let root = std::env::temp_dir().join(format!("rolekit-lsp-dialect-actions-{}", std::process::id()));
    std::fs::create_dir_all(&root).expect("temp dir");
    let root_uri = file_uri(&root);
    let (mut s, _) = Server::initialized(capabilities(false, false), Some(&root), Value::Null);
    let actions = |s: &mut Server, uri: &str, line: u32| -> Vec<(String, String)> {
        let at = json!({ "line": line, "character": 8 });
        let params = json!({
            "textDocument": { "uri": uri },
            "range": { "start": at, "end": at },
            "context": { "diagnostics": [] }
        });
        let result = s.request("textDocument/codeAction", params);
        result
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|a| {
                let edits = &a["edit"]["changes"][uri];
                let first = edits[0]["newText"].as_str().unwrap_or_default().to_string();
                (a["title"].as_str().unwrap_or_default().to_string(), first)
            })
            .collect()
    };

    let claude = format!("{root_uri}/.claude/agents/reviewer.md");
    s.open(&claude, "---\nname: reviewer\ndescription: Reviews\ntools: Read, Grep\n---\nReview.\n");
    let _ = s.diagnostics(&claude, None);
    let got = actions(&mut s, &claude, 3);
    assert_eq!(got, [("Convert `tools` to a list".to_string(), ":\n  - Read\n  - Grep".to_string())], "{got:?}");

    let copilot = format!("{root_uri}/.github/agents/planner.agent.md");
    s.open(&copilot, "---\ndescription: Plans\ntools: 'search, fetch'\n---\nPlan.\n");
    let diagnostics = s.diagnostics(&copilot, None);
    assert!(diagnostics.iter().any(|d| d["code"] == "invalid-type"), "{diagnostics:?}");
    let got = actions(&mut s, &copilot, 2);
    let fix = got.iter().find(|(t, _)| t.starts_with("Write `tools` as a list")).unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!(fix.1, "[search, fetch]");
    assert!(got.iter().all(|(t, _)| !t.contains("section") && !t.contains("required key")), "{got:?}");

    assert_eq!(s.shutdown().map(|st| st.code()), Some(Some(0)));
    let _ = std::fs::remove_dir_all(&root);
}
