use serde_json::json;

use super::*;
use crate::Document;

const SEED: &str = include_str!("../../tests/fixtures/platform-engineer.md");

fn seed() -> (Value, String) {
    let doc = Document::new(SEED.to_string());
    let role = doc.yaml().to_json().unwrap_or_default();
    (role, SEED[doc.body_start()..].to_string())
}

fn render(out: &Exported) -> String {
    let notes: Vec<String> = out.notes.iter().map(|n| format!("{}: {}", n.key, n.message)).collect();
    // The body is the role's own, byte for byte (asserted apart): only its size is shown.
    let body_start = out.text.match_indices("---").nth(1).map_or(0, |(i, _)| i + 4);
    let (front, body) = out.text.split_at(body_start.min(out.text.len()));
    format!("path: {}\n{front}[body: {} bytes]\n=== notes ===\n{}\n", out.path, body.len(), notes.join("\n"))
}

#[test]
fn the_seed_in_every_format() {
    let (role, body) = seed();
    for target in Target::ALL {
        let out = export(&role, &body, target);
        assert!(out.text.ends_with(&body), "{}: the body is kept", target.name());
        assert_eq!(out.errors_at_target(), Vec::<String>::new(), "{}", out.text);
        insta::assert_snapshot!(format!("seed_{}", target.name()), render(&out));
    }
}

#[test]
fn every_key_is_mapped_or_noted() {
    let (role, body) = seed();
    let keys: Vec<&String> = role.as_object().map(|m| m.keys().collect()).unwrap_or_default();
    let mapped_everywhere = ["role", "description", "specialization"];
    for target in Target::ALL {
        let out = export(&role, &body, target);
        for key in keys.iter().filter(|k| !mapped_everywhere.contains(&k.as_str())) {
            let front = out.text.split("\n---\n").next().unwrap_or_default();
            let noted = out.notes.iter().any(|n| &n.key == *key);
            let mapped = match key.as_str() {
                "capabilities" => front.contains("tools:"),
                "version" => front.contains("version:"),
                "experimental" => false,
                _ => false,
            };
            assert!(noted || mapped, "{}: `{key}` is neither mapped nor noted", target.name());
        }
    }
}

#[test]
fn names_descriptions_and_tools_follow_the_target() {
    let long = "word ".repeat(300);
    let role = json!({
        "role": "QA_Lead",
        "description": long,
        "capabilities": {"can_write_knowledge": true, "can_write_code": false, "can_review_code": true, "can_run_tests": false},
        "model": "sonnet",
        "x-team": "core",
    });
    let skill = export(&role, "\r\n# QA\r\n", Target::Skill);
    assert_eq!(skill.path, "qa-lead/SKILL.md");
    assert!(skill.text.starts_with("---\r\nname: qa-lead\r\n"), "{}", skill.text);
    assert!(
        skill.notes.iter().any(|n| n.key == "description" && n.message.contains("cut to 1024")),
        "{:?}",
        skill.notes
    );
    assert!(skill.notes.iter().any(|n| n.key == "role"), "{:?}", skill.notes);
    assert!(skill.notes.iter().any(|n| n.key == "x-team"), "{:?}", skill.notes);
    assert_eq!(skill.errors_at_target(), Vec::<String>::new());

    let claude = export(&role, "", Target::Claude);
    assert!(claude.text.contains("\ntools: Read, Grep, Glob, Edit, Write\nmodel: sonnet\n"), "{}", claude.text);
    assert!(claude.notes.iter().any(|n| n.message.contains("reach code too")), "{:?}", claude.notes);
    let copilot = export(&role, "", Target::Copilot);
    assert!(copilot.text.contains("\ntools: ['read', 'search', 'edit']\n"), "{}", copilot.text);
    let cursor = export(&role, "", Target::Cursor);
    assert!(cursor.notes.iter().any(|n| n.key == "model"), "{:?}", cursor.notes);
    for out in [claude, copilot, cursor] {
        assert_eq!(out.errors_at_target(), Vec::<String>::new(), "{}", out.text);
    }
}

#[test]
fn an_empty_role_still_exports_a_valid_file() {
    for target in Target::ALL {
        let out = export(&json!(null), "", target);
        assert_eq!(out.errors_at_target(), Vec::<String>::new(), "{}", out.text);
        assert!(out.notes.iter().any(|n| n.key == "description"), "{:?}", out.notes);
    }
}

#[test]
fn descriptions_that_need_quotes_are_quoted() {
    let role = json!({"role": "a", "description": "Reviews: PRs, \"risky\" ones # first", "specialization": "yes"});
    let out = export(&role, "", Target::Claude);
    let doc = Document::new(out.text.clone());
    let json = doc.yaml().to_json().unwrap_or_default();
    assert_eq!(json["description"], "Reviews: PRs, \"risky\" ones # first. yes", "{}", out.text);
    assert_eq!(Target::by_name("cursor"), Some(Target::Cursor));
}
