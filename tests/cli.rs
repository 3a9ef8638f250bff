//! End-to-end tests of the `rolekit` binary: real processes, real files in
//! temporary folders, outputs snapshotted with insta.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod support;
use support::{copy_dir, json, rolekit, rolekit_env, BIN};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/cli");
const SEED: &str = rolekit_test_corpus::SEED;

/// A temporary copy of `tests/fixtures/cli/<name>`.
fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(FIXTURES).join(name), dir.path());
    dir
}

fn seed_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("platform-engineer.md");
    fs::copy(SEED, &path).unwrap();
    (dir, path)
}

fn paths(report: &Value) -> Vec<String> {
    report["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect()
}

fn rules_of(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap().to_string()))
        .collect()
}

/// Byte offset of a 0-based line and UTF-16 character (a leading BOM is zero-width).
fn offset(text: &str, line: u64, character: u64) -> usize {
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    for _ in 0..line {
        start += text[start..].find('\n').unwrap() + 1;
    }
    let mut units = 0;
    for (i, ch) in text[start..].char_indices() {
        if units >= character {
            return start + i;
        }
        units += ch.len_utf16() as u64;
    }
    text.len()
}

// ---------------------------------------------------------------- the seed

#[test]
fn seed_checks_with_no_errors_and_mojibake_warnings() {
    let (dir, _) = seed_copy();
    let run = rolekit(dir.path(), &["check", "--format", "json", "platform-engineer.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run);
    assert_eq!(report["summary"]["errors"], 0);
    let rules = rules_of(&report);
    let mojibake = rules.iter().filter(|r| *r == "mojibake").count();
    assert!(mojibake >= 20, "expected the seed's mojibake, got {rules:?}");
    for d in report["files"][0]["diagnostics"].as_array().unwrap() {
        assert_ne!(d["severity"], "error", "{d}");
        if d["rule"] == "mojibake" {
            assert_eq!(d["severity"], "warning");
            assert!(d["fix"]["edits"].as_array().is_some_and(|e| !e.is_empty()), "{d}");
        }
    }
}

#[test]
fn fix_restores_the_emoji_and_changes_only_the_mojibake() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = seed_copy();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let original = fs::read_to_string(&path).unwrap();

    // What the fixes are, from the JSON contract: applying them by hand gives the expected bytes.
    let before = json(&rolekit(dir.path(), &["check", "--format", "json", "platform-engineer.md"]));
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for d in before["files"][0]["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == "mojibake") {
        for e in d["fix"]["edits"].as_array().unwrap() {
            let r = &e["range"];
            let start =
                offset(&original, r["start"]["line"].as_u64().unwrap(), r["start"]["character"].as_u64().unwrap());
            let end = offset(&original, r["end"]["line"].as_u64().unwrap(), r["end"]["character"].as_u64().unwrap());
            edits.push((start, end, e["newText"].as_str().unwrap().to_string()));
        }
    }
    edits.sort();
    let mut expected = String::new();
    let mut pos = 0;
    for (start, end, new_text) in &edits {
        assert!(*start >= pos, "overlapping edits");
        expected.push_str(&original[pos..*start]);
        expected.push_str(new_text);
        pos = *end;
    }
    expected.push_str(&original[pos..]);

    let run = rolekit(dir.path(), &["check", "--fix", "platform-engineer.md"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Fixed "), "{}", run.stdout);
    let fixed = fs::read(&path).unwrap();
    assert_eq!(fixed, expected.as_bytes(), "only the mojibake spans may change");
    let fixed = String::from_utf8(fixed).unwrap();
    for emoji in ["✅", "❌", "🎯", "≥"] {
        assert!(fixed.contains(emoji), "{emoji} not restored");
    }
    assert!(!fixed.contains("‚úÖ") && !fixed.contains("üéØ"));
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640, "permissions kept");
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

    // A second check reports no mojibake; a second --fix changes nothing.
    let after = json(&rolekit(dir.path(), &["check", "--format", "json", "platform-engineer.md"]));
    assert!(!rules_of(&after).iter().any(|r| r == "mojibake"), "{after}");
    let again = rolekit(dir.path(), &["check", "--fix", "platform-engineer.md"]);
    assert!(!again.stdout.contains("Fixed "), "{}", again.stdout);
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
}

#[test]
fn fix_keeps_bom_and_crlf() {
    let dir = fixture("crlf");
    let path = dir.path().join("crlf.md");
    let original = fs::read(&path).unwrap();
    let run = rolekit(dir.path(), &["check", "--fix", "--format", "json", "crlf.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let fixed = fs::read(&path).unwrap();
    assert!(fixed.starts_with(b"\xef\xbb\xbf---\r\n"));
    let expected = String::from_utf8(original)
        .unwrap()
        .replace("experimental: \"true\"", "experimental: true")
        .replace("‚úÖ", "✅")
        // duplicate-item's safe fix drops the second copy.
        .replacen("  - Unit Testing\r\n", "", 1);
    assert_eq!(String::from_utf8(fixed).unwrap(), expected);
    let rules = rules_of(&json(&run));
    assert_eq!(rules, ["invalid-type", "invalid-enum", "loader-capabilities"], "what no safe fix can repair remains");
}

// ---------------------------------------------------------------- formats

#[test]
fn human_format() {
    let dir = fixture("project");
    let run = rolekit(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(!run.stdout.contains('\x1b'), "no colour with NO_COLOR or off a TTY");
    insta::assert_snapshot!("human", run.stdout);
}

#[test]
fn json_format() {
    let dir = fixture("project");
    let run = rolekit(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report = json(&run);
    assert_eq!(report["version"], 1);
    insta::assert_snapshot!("json", serde_json::to_string_pretty(&report).unwrap());
}

#[test]
fn github_format() {
    let dir = fixture("project");
    let run = rolekit(dir.path(), &["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
    }
    insta::assert_snapshot!("github", run.stdout);
}

#[test]
fn sarif_format_is_valid_for_code_scanning() {
    let dir = fixture("project");
    let run = rolekit(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1);
    let sarif = json(&run);
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "rolekit");
    let rules = driver["rules"].as_array().unwrap();
    let registry = json(&rolekit(dir.path(), &["rules", "--format", "json"]));
    assert_eq!(rules.len(), registry.as_array().unwrap().len(), "every rule of the registry");
    for rule in rules {
        assert!(rule["id"].is_string() && rule["shortDescription"]["text"].is_string(), "{rule}");
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"], "ruleIndex points at its rule");
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        assert!(r["message"]["text"].is_string());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/') && !uri.contains(':'), "relative uri: {uri}");
        let region = &loc["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "1-based {key}: {region}");
        }
        assert!(region["endLine"].as_u64() >= region["startLine"].as_u64());
    }
    insta::assert_snapshot!("sarif_results", serde_json::to_string_pretty(&runs[0]["results"]).unwrap());
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let dir = fixture("project");
    let coloured = rolekit_env(dir.path(), &["check", "--color", "always", "broken.md"], &[]);
    assert!(coloured.stdout.contains('\x1b'), "{}", coloured.stdout);
    let plain = rolekit_env(dir.path(), &["check", "--color", "always", "broken.md"], &[("NO_COLOR", "1")]);
    assert!(!plain.stdout.contains('\x1b'));
    let piped = rolekit_env(dir.path(), &["check", "broken.md"], &[]);
    assert!(!piped.stdout.contains('\x1b'), "stdout is not a terminal here");
}

#[test]
fn crlf_and_bom_positions_are_exact() {
    let dir = fixture("crlf");
    let report = json(&rolekit(dir.path(), &["check", "--format", "json"]));
    let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
    let find = |rule: &str| {
        diagnostics.iter().find(|d| d["rule"] == rule).unwrap_or_else(|| panic!("{rule}: {diagnostics:?}"))
    };
    // `version: 1.0` on line 2: the value starts at character 9 (the BOM is zero-width, CRLF shifts nothing).
    assert_eq!(find("invalid-type")["range"]["start"], serde_json::json!({"line": 2, "character": 9}));
    // `# Broken 🎯 漢字 ‚úÖ role` on line 16: 🎯 is two UTF-16 units, so the mojibake starts at 15.
    let moji = &find("mojibake")["range"];
    assert_eq!(moji["start"], serde_json::json!({"line": 16, "character": 15}));
    assert_eq!(moji["end"], serde_json::json!({"line": 16, "character": 18}));
    insta::assert_snapshot!("crlf_bom", serde_json::to_string_pretty(&report).unwrap());
}

// ---------------------------------------------------------------- discovery

#[test]
fn walks_only_role_files_respecting_gitignore() {
    let dir = fixture("project");
    let report = json(&rolekit(dir.path(), &["check", "--format", "json", "."]));
    // README.md and notes.md have no `role:`; ignored/ is in .gitignore.
    assert_eq!(paths(&report), ["broken.md", "drafts/draft.md", "qa.md"]);
    assert_eq!(report["summary"]["files"], 3);
}

#[test]
fn named_files_that_are_not_role_files_get_a_note_and_no_check() {
    let dir = fixture("project");
    let run = rolekit(dir.path(), &["check", "--format", "json", "README.md", "notes.md", "qa.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(paths(&json(&run)), ["qa.md"]);
    assert!(
        run.stderr
            .contains("note: README.md: not a role, command or prompt file (it has no `---` frontmatter); skipped"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("note: notes.md: not a role, command or prompt file"), "{}", run.stderr);
    // --roles-only (the pre-commit hook passes every Markdown file): no note either.
    let run = rolekit(dir.path(), &["check", "--roles-only", "--format", "json", "README.md", "notes.md", "qa.md"]);
    assert_eq!(run.code, 0);
    assert_eq!(paths(&json(&run)), ["qa.md"]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // A gitignored file named explicitly is still checked.
    let run = rolekit(dir.path(), &["check", "--format", "json", "ignored/hidden.md"]);
    assert_eq!(rules_of(&json(&run)), ["invalid-enum"]);
    // --fix never touches a file that is not a role file, even one with numberable headings.
    let before = fs::read(dir.path().join("notes.md")).unwrap();
    rolekit(dir.path(), &["check", "--fix", "notes.md", "README.md"]);
    assert_eq!(fs::read(dir.path().join("notes.md")).unwrap(), before);
}

#[test]
fn output_is_sorted_by_path() {
    let dir = fixture("project");
    let report = json(&rolekit(dir.path(), &["check", "--format", "json", "qa.md", "drafts", "broken.md", "qa.md"]));
    assert_eq!(paths(&report), ["broken.md", "drafts/draft.md", "qa.md"], "sorted and deduplicated");
}

// ---------------------------------------------------------------- exit codes and errors

#[test]
fn exit_codes() {
    let dir = fixture("project");
    assert_eq!(rolekit(dir.path(), &["check", "qa.md"]).code, 0);
    assert_eq!(rolekit(dir.path(), &["check", "broken.md"]).code, 1);
    assert_eq!(rolekit(dir.path(), &["check", "no-such.md"]).code, 2);
    assert_eq!(rolekit(dir.path(), &["check", "--format", "yaml"]).code, 2, "usage error");
    assert_eq!(rolekit(dir.path(), &["frobnicate"]).code, 2, "unknown subcommand");
}

#[test]
fn missing_path_is_named_and_the_rest_still_checked() {
    let dir = fixture("project");
    let run = rolekit(dir.path(), &["check", "--format", "json", "missing.md", "qa.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.md: no such file or directory"), "{}", run.stderr);
    assert_eq!(paths(&json(&run)), ["qa.md"]);
}

#[test]
fn invalid_utf8_is_a_clear_error_and_other_files_are_checked() {
    let dir = fixture("project");
    let mut bytes = fs::read(dir.path().join("qa.md")).unwrap();
    let at = bytes.windows(4).position(|w| w == b"Keep").unwrap();
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    bytes.splice(at..at, [0xff, 0xfe]);
    fs::write(dir.path().join("latin.md"), &bytes).unwrap();
    let run = rolekit(dir.path(), &["check", "--format", "json", "latin.md", "qa.md"]);
    assert_eq!(run.code, 2);
    let expected = format!("latin.md: invalid UTF-8 at line {line} (byte offset {at}); role files must be UTF-8");
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert_eq!(paths(&json(&run)), ["qa.md"]);
    // Walked, too: it looks like a role file.
    let run = rolekit(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("latin.md: invalid UTF-8"), "{}", run.stderr);
    // --fix never touches it.
    rolekit(dir.path(), &["check", "--fix", "latin.md"]);
    assert_eq!(fs::read(dir.path().join("latin.md")).unwrap(), bytes);
}

// ---------------------------------------------------------------- rolekit.toml

#[test]
fn config_include_exclude_and_rule_levels() {
    let dir = fixture("project");
    fs::write(
        dir.path().join("rolekit.toml"),
        "exclude = [\"drafts/**\"]\n\n[rules]\nmojibake = \"off\"\nduplicate-item = \"error\"\n",
    )
    .unwrap();
    let report = json(&rolekit(dir.path(), &["check", "--format", "json"]));
    assert_eq!(paths(&report), ["broken.md", "qa.md"]);
    let broken = &report["files"][0]["diagnostics"];
    assert!(!rules_of(&report).contains(&"mojibake".to_string()));
    let dup = broken.as_array().unwrap().iter().find(|d| d["rule"] == "duplicate-item").unwrap();
    assert_eq!(dup["severity"], "error");

    // Found from a subfolder too (the nearest ancestor), globs relative to its
    // folder. `include` widens: notes.md has no `role:` but is checked as a role.
    fs::write(dir.path().join("rolekit.toml"), "include = [\"notes.md\"]\nexclude = [\"drafts\"]\n").unwrap();
    let run = rolekit(&dir.path().join("drafts"), &["check", "--format", "json", "..", "draft.md"]);
    assert_eq!(paths(&json(&run)), ["../broken.md", "../notes.md", "../qa.md"], "{}", run.stderr);
    let run = rolekit(dir.path(), &["check", "--format", "json"]);
    let report = json(&run);
    assert_eq!(paths(&report), ["broken.md", "notes.md", "qa.md"]);
    assert!(rules_of(&report).contains(&"missing-required-key".to_string()));
}

#[test]
fn allow_keys_accepts_a_projects_extra_keys_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let agents = dir.path().join(".claude/agents");
    fs::create_dir_all(&agents).unwrap();
    fs::write(
        agents.join("reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews code\nx-team: platform\nx-tem: typo\n---\nReview the diff.\n",
    )
    .unwrap();
    let unknown = |report: &serde_json::Value| -> Vec<String> {
        report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "unknown-key")
            .map(|d| format!("{} {}", d["severity"].as_str().unwrap(), d["message"].as_str().unwrap()))
            .collect()
    };
    let before = unknown(&json(&rolekit(dir.path(), &["check", "--format", "json"])));
    assert_eq!(before.len(), 2, "{before:?}");
    assert!(before.iter().all(|m| m.starts_with("warning")), "vendor formats warn: {before:?}");

    fs::write(dir.path().join("rolekit.toml"), "[allow-keys]\nclaude-agent = [\"x-team\"]\n").unwrap();
    let run = rolekit(dir.path(), &["check", "--format", "json"]);
    let after = unknown(&json(&run));
    assert_eq!(after.len(), 1, "{after:?} {}", run.stderr);
    assert!(after[0].contains("`x-tem`") && after[0].contains("did you mean `x-team`?"), "{after:?}");

    // A misspelt kind is a configuration error with did-you-mean.
    fs::write(dir.path().join("rolekit.toml"), "[allow-keys]\nclaude-agnet = [\"x-team\"]\n").unwrap();
    let run = rolekit(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("rolekit.toml:2:1: [allow-keys] unknown kind `claude-agnet`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `claude-agent`?"), "{}", run.stderr);
}

#[test]
fn config_flag_overrides_discovery() {
    let dir = fixture("project");
    fs::write(dir.path().join("rolekit.toml"), "bogus = 1\n").unwrap();
    fs::write(dir.path().join("other.toml"), "[rules]\ninvalid-enum = \"off\"\n").unwrap();
    let run = rolekit(dir.path(), &["check", "--config", "other.toml", "--format", "json", "broken.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!rules_of(&json(&run)).contains(&"invalid-enum".to_string()));
}

#[test]
fn bad_config_is_an_error_naming_the_file_and_the_reason() {
    let cases = [
        ("colour = true\n", "rolekit.toml:1:1: unknown key `colour`"),
        ("[rules]\nmojibake = \"loud\"\n", "must be \"off\", \"error\", \"warning\", \"info\" or \"hint\""),
        ("[rules]\nmojibak = \"off\"\n", "rolekit.toml:2:1: [rules] unknown rule `mojibak`; did you mean `mojibake`?"),
        ("[rules]\nmojibake = 3\n", "rolekit.toml:2:12: [rules] `mojibake` must be"),
        ("exclude = [\"a/[\"]\n", "invalid glob `a/[`"),
        ("include = \n", "rolekit.toml:1:"),
    ];
    for (text, reason) in cases {
        let dir = fixture("project");
        fs::write(dir.path().join("rolekit.toml"), text).unwrap();
        let run = rolekit(dir.path(), &["check", "qa.md"]);
        assert_eq!(run.code, 2, "{text}: {}", run.stderr);
        assert!(run.stderr.contains("rolekit.toml"), "{text}: {}", run.stderr);
        assert!(run.stderr.contains(reason), "{text}: expected `{reason}` in {}", run.stderr);
    }
    let dir = fixture("project");
    let run = rolekit(dir.path(), &["check", "--config", "nope.toml", "qa.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nope.toml"), "{}", run.stderr);
}

// ---------------------------------------------------------------- inherits

#[test]
fn inherits_resolves_siblings_and_reports_unknown_parents_and_cycles() {
    let dir = fixture("inherits");
    let run = rolekit(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report = json(&run);
    let by_path = |p: &str| -> Vec<String> {
        report["files"].as_array().unwrap().iter().find(|f| f["path"] == p).unwrap_or_else(|| panic!("{p} not checked"))
            ["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    // The child's missing keys come from parent.md; valora's own loader,
    // which does not follow `inherits`, needs three of them in the child.
    assert_eq!(by_path("child.md"), ["loader-inherited-key", "loader-inherited-key", "loader-inherited-key"]);
    assert_eq!(by_path("parent.md"), Vec::<String>::new());
    assert_eq!(by_path("orphan.md"), ["inherits-unknown-parent"]);
    assert_eq!(by_path("cycle-a.md"), ["inherits-cycle"]);
    assert_eq!(by_path("cycle-b.md"), ["inherits-cycle"]);
    // Named alone, the child still finds its parent beside it.
    let run = rolekit(dir.path(), &["check", "--format", "json", "child.md"]);
    assert_eq!(rules_of(&json(&run)), ["loader-inherited-key", "loader-inherited-key", "loader-inherited-key"]);
    // Without the parent, the child's keys are missing... but the chain is broken, so it says so.
    fs::remove_file(dir.path().join("parent.md")).unwrap();
    let report = json(&rolekit(dir.path(), &["check", "--format", "json", "child.md"]));
    assert_eq!(rules_of(&report), ["inherits-unknown-parent"]);
}

// ---------------------------------------------------------------- rules and explain

#[test]
fn rules_lists_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let run = rolekit(dir.path(), &["rules"]);
    assert_eq!(run.code, 0);
    let header = run.stdout.lines().next().unwrap();
    assert!(
        header.starts_with("ID")
            && header.contains("SEVERITY")
            && header.contains("FIXABLE")
            && header.contains("SUMMARY")
    );
    assert!(run.stdout.contains("mojibake"));
    let rules = json(&rolekit(dir.path(), &["rules", "--format", "json"]));
    let rules = rules.as_array().unwrap();
    assert_eq!(run.stdout.lines().count(), rules.len() + 1);
    let moji = rules.iter().find(|r| r["id"] == "mojibake").unwrap();
    assert_eq!(moji["safe_fix"], true);
    insta::assert_snapshot!("rules", run.stdout);
}

#[test]
fn explain_prints_a_rule_and_suggests_on_typos() {
    let dir = tempfile::tempdir().unwrap();
    let run = rolekit(dir.path(), &["explain", "mojibake"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("**mojibake**"));
    assert!(run.stdout.contains("Bad:") && run.stdout.contains("Good:"));
    let run = rolekit(dir.path(), &["explain", "mojibak"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown rule `mojibak`; did you mean `mojibake`?"), "{}", run.stderr);
    let run = rolekit(dir.path(), &["explain", "zzzzzzzz"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown rule `zzzzzzzz`"));
}

// ---------------------------------------------------------------- hostile input and special files

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_at_once_never_read() {
    let dir = fixture("project");
    mkfifo(&dir.path().join("pipe.md"));
    // Named: a clear error, exit 2, the rest still checked.
    let run = rolekit(dir.path(), &["check", "--format", "json", "pipe.md", "qa.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("pipe.md: cannot read: not a regular file (a FIFO)"), "{}", run.stderr);
    assert_eq!(paths(&json(&run)), ["qa.md"]);
    // Walked: skipped (only regular files are walked).
    let run = rolekit(dir.path(), &["check", "--format", "json"]);
    assert_eq!(paths(&json(&run)), ["broken.md", "drafts/draft.md", "qa.md"], "{}", run.stderr);
    // As the configuration.
    mkfifo(&dir.path().join("cfg.toml"));
    let run = rolekit(dir.path(), &["check", "--config", "cfg.toml", "qa.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot read config") && run.stderr.contains("a FIFO"), "{}", run.stderr);
    // As a parent, and a parent symlinked to /dev/zero: not found, never read.
    let text =
        fs::read_to_string(dir.path().join("qa.md")).unwrap().replace("role: qa\n", "role: qa\ninherits: pipe\n");
    fs::write(dir.path().join("qa.md"), &text).unwrap();
    let run = rolekit(dir.path(), &["check", "--format", "json", "qa.md"]);
    assert_eq!(rules_of(&json(&run)), ["inherits-unknown-parent"]);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
    fs::write(dir.path().join("qa.md"), text.replace("inherits: pipe", "inherits: zero")).unwrap();
    let run = rolekit(dir.path(), &["check", "--format", "json", "qa.md"]);
    assert_eq!(rules_of(&json(&run)), ["inherits-unknown-parent"]);
}

#[cfg(unix)]
#[test]
fn parents_outside_the_project_are_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let dir = fixture("inherits");
    fs::write(dir.path().join(".git"), "").unwrap(); // the project root
    fs::rename(dir.path().join("parent.md"), outside.path().join("parent.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("parent.md"), dir.path().join("parent.md")).unwrap();
    let report = json(&rolekit(dir.path(), &["check", "--format", "json", "child.md"]));
    assert_eq!(rules_of(&report), ["inherits-unknown-parent"]);
}

#[cfg(unix)]
#[test]
fn parents_symlinked_inside_the_project_are_read() {
    let dir = fixture("inherits");
    fs::write(dir.path().join(".git"), "").unwrap(); // the project root
    fs::create_dir(dir.path().join("shared")).unwrap();
    fs::rename(dir.path().join("parent.md"), dir.path().join("shared/parent.md")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("shared/parent.md"), dir.path().join("parent.md")).unwrap();
    let report = json(&rolekit(dir.path(), &["check", "--format", "json", "child.md"]));
    // Found: the child's keys come from it (valora's loader still wants three in the child).
    assert_eq!(rules_of(&report), ["loader-inherited-key", "loader-inherited-key", "loader-inherited-key"]);
}

#[test]
fn a_huge_markdown_file_that_is_no_role_is_skipped_after_its_first_bytes() {
    let dir = fixture("project");
    // 1 GiB, sparse: reading it whole would take seconds and a gigabyte.
    let big = fs::File::create(dir.path().join("big.md")).unwrap();
    big.set_len(1 << 30).unwrap();
    let run = rolekit(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(paths(&json(&run)), ["broken.md", "drafts/draft.md", "qa.md"]);
    // A huge file that does look like a role file is refused with its size.
    let mut f = fs::OpenOptions::new().write(true).open(dir.path().join("big.md")).unwrap();
    std::io::Write::write_all(&mut f, b"---\nrole: big\nversion: 1.0.0\n---\n").unwrap();
    let run = rolekit(dir.path(), &["check", "--format", "json", "big.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("big.md: cannot read: 1024.0 MiB is larger than the 32.0 MiB limit"), "{}", run.stderr);
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = fixture("project");
    let run =
        rolekit(dir.path(), &["check", "--format", "json", "broken.md", "./broken.md", "drafts/../broken.md", "."]);
    let report = json(&run);
    assert_eq!(paths(&report), ["broken.md", "drafts/draft.md", "qa.md"]);
    assert_eq!(report["summary"]["files"], 3);
}

#[cfg(unix)]
#[test]
fn control_characters_in_file_names_are_escaped_for_terminals_and_ci() {
    let dir = fixture("project");
    let name = "evil\u{1b}[2J.md";
    fs::copy(dir.path().join("broken.md"), dir.path().join(name)).unwrap();
    for format in ["human", "github"] {
        let run = rolekit(dir.path(), &["check", "--format", format, name]);
        assert!(!run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'), "{format}: {}", run.stdout);
        assert!(run.stdout.contains("evil\\u{1b}[2J.md"), "{format}: {}", run.stdout);
    }
    // JSON keeps the real name (escaped by JSON itself).
    let report = json(&rolekit(dir.path(), &["check", "--format", "json", name]));
    assert_eq!(paths(&report), [name]);
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_does_not_hide_errors() {
    use std::process::Stdio;
    let dir = fixture("project");
    for i in 0..50 {
        fs::copy(dir.path().join("broken.md"), dir.path().join(format!("broken-{i:02}.md"))).unwrap();
    }
    // `rolekit check | head -c 1`: the reader goes away after one byte.
    let mut child = Command::new(BIN)
        .args(["check", "--format", "human", "."])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn fix_keeps_comments_anchors_and_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let text = "---\r\nrole: qa\r\nexperimental: \"true\" # keep me\r\ncapabilities:\r\n  can_write_code: &x \"false\"\r\n  can_run_tests: *x\r\n---\r\n# QA\r\n\r\n## Mission Statement\r\n\r\nSee the runbook.\r\n---\r\n";
    fs::write(dir.path().join("qa.md"), text).unwrap();
    let run = rolekit(dir.path(), &["check", "--fix", "qa.md"]);
    let fixed = fs::read_to_string(dir.path().join("qa.md")).unwrap();
    assert!(fixed.contains("experimental: true # keep me\r\n"), "{fixed:?}\n{}", run.stdout);
    assert!(fixed.contains("can_write_code: &x false\r\n"), "{fixed:?}");
    assert!(fixed.contains("## 1. Mission Statement\r\n"), "{fixed:?}");
    assert!(fixed.contains("\r\nSee the runbook.\r\n---\r\n"), "setext text is never renumbered: {fixed:?}");
    assert!(!fixed.replace("\r\n", "").contains('\n'), "no LF added: {fixed:?}");
}

// ---- rolekit fmt ----

/// A role file in need of formatting, and what `rolekit fmt` makes of it.
const UNFORMATTED: &str = "---\nrole: 'qa'\nversion: \"1.0.0\"   # pinned\nexpertise:\n- Testing   \n---\n# QA\n## Mission Statement\nShip.\n";
const FORMATTED: &str = "---\nrole: qa\nversion: \"1.0.0\" # pinned\nexpertise:\n  - Testing\n---\n\n# QA\n\n## 1. Mission Statement\n\nShip.\n";

#[test]
fn fmt_formats_in_place_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("qa.md"), UNFORMATTED).unwrap();
    fs::write(dir.path().join("README.md"), "# Not a role   \n").unwrap();
    let run = rolekit(dir.path(), &["fmt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "formatted qa.md\n");
    assert_eq!(fs::read_to_string(dir.path().join("qa.md")).unwrap(), FORMATTED);
    assert_eq!(
        fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "# Not a role   \n",
        "walked non-role files are left alone"
    );
    let again = rolekit(dir.path(), &["fmt"]);
    assert_eq!((again.code, again.stdout.as_str()), (0, ""), "{}", again.stderr);
    assert!(again.stderr.contains("0 files formatted, 1 already formatted"), "{}", again.stderr);
}

#[test]
fn fmt_check_lists_unformatted_files_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("qa.md"), UNFORMATTED).unwrap();
    fs::write(dir.path().join("lead.md"), FORMATTED.replace("role: qa", "role: lead")).unwrap();
    let run = rolekit(dir.path(), &["fmt", "--check"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, "qa.md\n"), "{}", run.stderr);
    assert!(run.stderr.contains("1 file of 2 not formatted"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(dir.path().join("qa.md")).unwrap(), UNFORMATTED, "--check writes nothing");
    fs::write(dir.path().join("qa.md"), FORMATTED).unwrap();
    let run = rolekit(dir.path(), &["fmt", "--check"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn fmt_diff_prints_a_unified_diff() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("qa.md"), UNFORMATTED).unwrap();
    let run = rolekit(dir.path(), &["fmt", "--diff", "qa.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("fmt_diff", run.stdout);
    assert_eq!(fs::read_to_string(dir.path().join("qa.md")).unwrap(), UNFORMATTED, "--diff writes nothing");
}

#[test]
fn fmt_stdin_to_stdout_named_by_stdin_filename() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let pipe = |name: &str, input: &str, extra: &[&str]| {
        let mut child = Command::new(BIN)
            .args(["fmt", "--stdin-filename", name])
            .args(extra)
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    assert_eq!(pipe("qa.md", UNFORMATTED, &[]), (0, FORMATTED.to_string(), String::new()));
    assert_eq!(pipe("qa.md", UNFORMATTED, &["--check"]).0, 1);
    assert_eq!(pipe("qa.md", FORMATTED, &["--check"]).0, 0);
    // The name decides: a template keeps its section numbers, a README is no role file.
    let (code, out, err) = pipe("docs/README.md", "# Readme   \n", &[]);
    assert_eq!((code, out.as_str()), (0, "# Readme   \n"));
    assert!(err.contains("not a role, command or prompt file"), "{err}");
    // The name decides the configuration too: excluded files are left alone.
    fs::write(dir.path().join("rolekit.toml"), "exclude = [\"drafts/**\"]\n").unwrap();
    let (code, out, err) = pipe("drafts/qa.md", UNFORMATTED, &[]);
    assert_eq!((code, out.as_str()), (0, UNFORMATTED));
    assert!(err.contains("excluded"), "{err}");
}

#[test]
fn fmt_follows_the_format_table_of_rolekit_toml() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("rolekit.toml"),
        "[format]\nkey-order = \"schema\"\nlist-indent = \"flush\"\nquote = \"single\"\n",
    )
    .unwrap();
    fs::write(dir.path().join("qa.md"), "---\nexpertise:\n  - Testing\nversion: \"1.0.0\"\nrole: qa\n---\n# QA\n")
        .unwrap();
    let run = rolekit(dir.path(), &["fmt", "qa.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("qa.md")).unwrap(),
        "---\nrole: qa\nversion: '1.0.0'\nexpertise:\n- Testing\n---\n\n# QA\n"
    );
    fs::write(dir.path().join("rolekit.toml"), "[format]\nquote = \"backtick\"\n").unwrap();
    let run = rolekit(dir.path(), &["fmt", "qa.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("rolekit.toml:2:9: [format] `quote` must be \"double\" or \"single\""),
        "{}",
        run.stderr
    );
}

#[test]
fn fmt_keeps_crlf_bom_comments_and_anchors() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}---\r\nrole:   qa   # keep me\r\ncapabilities:\r\n    can_write_code: &x false\r\n    can_run_tests: *x\r\n---\r\n# QA\r\n";
    fs::write(dir.path().join("qa.md"), text).unwrap();
    let run = rolekit(dir.path(), &["fmt", "qa.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = fs::read_to_string(dir.path().join("qa.md")).unwrap();
    assert_eq!(out, "\u{feff}---\r\nrole: qa # keep me\r\ncapabilities:\r\n  can_write_code: &x false\r\n  can_run_tests: *x\r\n---\r\n\r\n# QA\r\n");
}

#[test]
fn fmt_leaves_broken_and_non_role_files_alone_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "---\nrole: qa\nversion: [1.0\n---\n# QA   \n";
    fs::write(dir.path().join("qa.md"), broken).unwrap();
    fs::write(dir.path().join("notes.md"), "# Notes   \n").unwrap();
    let run = rolekit(dir.path(), &["fmt", "qa.md", "notes.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: qa.md: not formatted: the frontmatter has a YAML error at line 4"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("note: notes.md: not a role, command or prompt file"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(dir.path().join("qa.md")).unwrap(), broken);
    assert_eq!(fs::read_to_string(dir.path().join("notes.md")).unwrap(), "# Notes   \n");
}

#[cfg(unix)]
#[test]
fn fmt_keeps_hard_links_and_permissions() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("qa.md"), dir.path().join("linked.md"));
    fs::write(&a, UNFORMATTED).unwrap();
    fs::hard_link(&a, &b).unwrap();
    let inode = fs::metadata(&a).unwrap().ino();
    let run = rolekit(dir.path(), &["fmt", "qa.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&b).unwrap(), FORMATTED);
    assert_eq!(fs::metadata(&a).unwrap().ino(), inode);
    let c = dir.path().join("exec.md");
    fs::write(&c, UNFORMATTED).unwrap();
    fs::set_permissions(&c, fs::Permissions::from_mode(0o640)).unwrap();
    rolekit(dir.path(), &["fmt", "exec.md"]);
    assert_eq!(fs::metadata(&c).unwrap().permissions().mode() & 0o777, 0o640);
}
