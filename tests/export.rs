//! End-to-end tests of `rolekit export`: the seed written to every target on
//! stdout, to `-o` and under `--out-dir`, where `rolekit check` finds each
//! file as its target's kind with no error; the notes on stderr and in
//! `--format json`; the refusals.

use std::fs;
use std::path::Path;

use rolekit_wire::export::Export;

mod support;
use support::{json, rolekit};

const SEED: &str = rolekit_test_corpus::SEED;
const TARGETS: [(&str, &str, &str); 4] = [
    ("claude", ".claude/agents/platform-engineer.md", "claude-agent"),
    ("copilot", ".github/agents/platform-engineer.agent.md", "copilot-agent"),
    ("cursor", ".cursor/rules/platform-engineer.mdc", "cursor-rule"),
    ("skill", "platform-engineer/SKILL.md", "skill"),
];

/// A folder with the seed in a valora tree (`data/agents/`) and a child of it.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let agents = dir.path().join("data/agents");
    fs::create_dir_all(&agents).unwrap();
    fs::copy(SEED, agents.join("platform-engineer.md")).unwrap();
    fs::write(
        agents.join("sre.md"),
        "---\nrole: sre\ninherits: platform-engineer\nversion: 1.0.0\ndescription: \"Site reliability: on call, SLOs\"\nspecialization: Keeps production up\n---\n\n# SRE\n",
    )
    .unwrap();
    dir
}

#[test]
fn every_target_on_stdout_checks_clean_where_it_lives() {
    let dir = project();
    let out = tempfile::tempdir().unwrap();
    let seed_body = fs::read_to_string(SEED).unwrap();
    let body = &seed_body[seed_body[4..].find("\n---\n").unwrap() + 9..];
    for (target, path, _) in TARGETS {
        let run = rolekit(dir.path(), &["export", "data/agents/platform-engineer.md", "--to", target]);
        assert_eq!(run.code, 0, "{target}: {}", run.stderr);
        assert!(run.stdout.starts_with("---\n"), "{target}: {}", run.stdout);
        assert!(run.stdout.ends_with(body), "{target}: the body is kept");
        assert!(run.stderr.contains("note: tone: `concise-technical`"), "{target}: {}", run.stderr);
        let file = out.path().join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, &run.stdout).unwrap();
    }
    let check = rolekit(out.path(), &["check", ".", "--format", "json"]);
    let report = json(&check);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(report["summary"]["files"], 4, "{}", check.stdout);
    assert_eq!(report["summary"]["errors"], 0, "{}", check.stdout);
}

#[test]
fn out_dir_and_output_write_files_and_json_carries_the_notes() {
    let dir = project();
    for (target, path, kind) in TARGETS {
        let run = rolekit(
            dir.path(),
            &["export", "platform-engineer", "--to", target, "--out-dir", "out", "--format", "json"],
        );
        assert_eq!(run.code, 0, "{target}: {}", run.stderr);
        let report: Export = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
        assert_eq!((report.target.as_str(), report.path.as_str(), report.kind.as_str()), (target, path, kind));
        assert_eq!(report.source, "data/agents/platform-engineer.md");
        let written = dir.path().join("out").join(path);
        assert_eq!(report.written.as_deref(), Some(format!("out/{path}").as_str()));
        assert_eq!(fs::read_to_string(&written).unwrap(), report.text);
        assert!(report.notes.iter().any(|n| n.key == "constraints"), "{:?}", report.notes);
    }
    let run = rolekit(dir.path(), &["export", "data/agents/sre.md", "--to", "claude", "-o", "agents/sre.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("wrote agents/sre.md (a Claude Code subagent)"), "{}", run.stderr);
    assert!(run.stderr.contains("note: inherits: resolved: the values of `platform-engineer`"), "{}", run.stderr);
    let text = fs::read_to_string(dir.path().join("agents/sre.md")).unwrap();
    // Inherited capabilities became tools; the child's quoted description stays quoted.
    assert!(text.starts_with("---\nname: sre\ndescription: \"Site reliability: on call, SLOs. Keeps production up\"\ntools: Read, Grep, Glob, Edit, Write, Bash\n---\n\n# SRE\n"), "{text}");
    let check = rolekit(dir.path(), &["check", "out", "--format", "json"]);
    assert_eq!(json(&check)["summary"]["errors"], 0, "{}", check.stdout);
}

#[test]
fn a_missing_parent_is_a_note() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("qa.md"), "---\nrole: qa\ninherits: tester\ndescription: Checks the work\n---\n# QA\n")
        .unwrap();
    let run = rolekit(dir.path(), &["export", "qa.md", "--to", "copilot"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("note: inherits: no role `tester` beside the file"), "{}", run.stderr);
    assert!(run.stderr.contains("note: capabilities: the role has none"), "{}", run.stderr);
}

#[test]
fn what_is_not_a_role_is_refused() {
    let dir = project();
    fs::write(dir.path().join("data/agents/_template.md"), "---\nrole: null\n---\n").unwrap();
    fs::write(dir.path().join("notes.md"), "# Notes\n").unwrap();
    for (args, says) in [
        (&["export", "data/agents/_template.md", "--to", "skill"][..], "a role template"),
        (&["export", "notes.md", "--to", "skill"][..], "not a role file"),
        (&["export", "missing", "--to", "skill"][..], "cannot read"),
        (&["export", "platform-engineer", "--to", "skill", "-o", "a.md", "--out-dir", "b"][..], "cannot be used with"),
        (&["export", "platform-engineer", "--to", "windsurf"][..], "invalid value"),
    ] {
        let run = rolekit(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(!Path::new(&dir.path().join("a.md")).exists());
    }
}
