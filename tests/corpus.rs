//! `rolekit check --format json` over copies of the corpus: every diagnostic
//! of the valora-format files is snapshotted; the other dialects must be
//! skipped without a panic.
//!
//! The corpus is the full one named by `ROLEKIT_CORPUS` (`../shared/corpus`
//! in CI), snapshotted as `corpus__<name>.snap`, or else the sample in
//! `tests/corpus-sample`, snapshotted as `corpus__sample_<name>.snap` (see
//! `rolekit-test-corpus`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use rolekit_test_corpus::Corpus;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_rolekit");

fn corpus(sub: &str) -> PathBuf {
    Corpus::get().dir(sub)
}

/// The snapshot's name for this corpus: `name` for the full corpus,
/// `sample_<name>` for the sample.
fn snapshot(name: &str) -> String {
    Corpus::get().pick(name.to_string(), format!("sample_{name}"))
}

struct Run {
    code: i32,
    report: Value,
    stderr: String,
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run rolekit");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}); stderr: {stderr}"));
    Run { code: out.status.code().unwrap_or(-1), report, stderr }
}

/// One line per diagnostic: `path:line:col-line:col severity rule: message [fix]`.
fn listing(report: &Value) -> String {
    let mut out = String::new();
    for file in report["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let diagnostics = file["diagnostics"].as_array().unwrap();
        if diagnostics.is_empty() {
            out.push_str(&format!("{path}: no diagnostics\n"));
        }
        for d in diagnostics {
            let r = &d["range"];
            let fix = match &d["fix"] {
                Value::Null => String::new(),
                f => format!(" [fix: {}]", f["description"].as_str().unwrap()),
            };
            out.push_str(&format!(
                "{path}:{}:{}-{}:{} {} {}: {}{fix}\n",
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            ));
        }
    }
    out.push_str(&format!("summary: {}\n", report["summary"]));
    out
}

fn copy_files(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        } else if entry.file_type().unwrap().is_dir() {
            copy_files(&entry.path(), &to.join(entry.file_name()));
        }
    }
}

#[test]
fn valora_agents() {
    let dir = tempfile::tempdir().unwrap();
    copy_files(&corpus("valora/agents"), &dir.path().join("agents"));
    let run = check(dir.path(), &["agents"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let files = run.report["files"].as_array().unwrap();
    // The full corpus: 11 roles and the template; the sample: 5 and the template.
    assert_eq!(files.len(), Corpus::get().pick(12, 6), "roles and the template");
    insta::assert_snapshot!(snapshot("valora_agents"), listing(&run.report));
}

/// As found in the corpus: flat, under names like
/// `windagency__valora.ai@<sha>__.ai__agents__<role>.md`.
#[test]
fn wild_as_is() {
    let dir = tempfile::tempdir().unwrap();
    copy_files(&corpus("wild"), &dir.path().join("wild"));
    let run = check(dir.path(), &["wild"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.report["files"].as_array().unwrap().len(), Corpus::get().pick(30, 5));
    insta::assert_snapshot!(snapshot("wild"), listing(&run.report));
}

/// The same files laid out as in their repository (`<sha>-<folder>/<role>.md`),
/// so `role` matches the file name and `inherits` finds the parent beside it.
#[test]
fn wild_as_in_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(corpus("wild")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some((head, role)) = name.rsplit_once("__agents__") else { continue };
        let folder = head.trim_start_matches("windagency__valora.ai@").replace("__.", "-").replace("__", "-");
        let target = dir.path().join(folder);
        fs::create_dir_all(&target).unwrap();
        fs::copy(corpus("wild").join(&name), target.join(role)).unwrap();
    }
    let run = check(dir.path(), &[]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let listing = listing(&run.report);
    assert!(!listing.contains("role-filename-mismatch"), "{listing}");
    // Only the distinct blobs are in the corpus: a commit folder may lack a
    // parent that did not change in that commit (reported as unknown).
    insta::assert_snapshot!(snapshot("wild_by_commit"), listing);
}

#[test]
fn dialects_are_checked_where_they_live() {
    // Laid out as in their repositories (`<owner>/<repo>/<path>`, from
    // tests/dialects/corpus.tsv), each file is its vendor's kind: no errors
    // but on the files the table says are invalid (or a known gap).
    let dir = tempfile::tempdir().unwrap();
    let table = rolekit_test_corpus::dialects::table();
    let mut expected_errors = Vec::new();
    let mut count = 0;
    for sub in fs::read_dir(corpus("dialects")).unwrap() {
        let sub = sub.unwrap().path();
        for f in fs::read_dir(&sub).unwrap() {
            let f = f.unwrap().path();
            let key =
                format!("{}/{}", sub.file_name().unwrap().to_string_lossy(), f.file_name().unwrap().to_string_lossy());
            let entry = table.get(&key).unwrap_or_else(|| panic!("{key} is not in tests/dialects/corpus.tsv"));
            let target = format!("{}/{}", entry.repository, entry.path);
            if entry.status != rolekit_test_corpus::dialects::Status::Valid {
                expected_errors.push(target.clone());
            }
            let target = dir.path().join(target);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(&f, &target).unwrap();
            count += 1;
        }
    }
    let run = check(dir.path(), &[]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.report["files"].as_array().unwrap().len(), count, "{}", run.report);
    for file in run.report["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let errors = file["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").count();
        let expected = expected_errors.iter().any(|p| path.ends_with(p.as_str()));
        assert!(errors == 0 || expected, "{path}: {errors} errors\n{}", listing(&run.report));
    }
    // `rolekit fmt` formats them, then leaves them alone; no section numbering.
    let fmt = |args: &[&str]| {
        Command::new(BIN).arg("fmt").args(args).current_dir(dir.path()).env("NO_COLOR", "1").output().unwrap()
    };
    let out = fmt(&[]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let again = fmt(&["--check"]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    // The known gap (a YAML error rolekit reports on a valid file) is not formatted.
    let refused: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert!(refused.iter().all(|l| l.contains("terraform.agent.md")), "{stderr}");
    let code = if refused.is_empty() { Some(0) } else { Some(2) };
    assert_eq!(again.status.code(), code, "{}{stderr}", String::from_utf8_lossy(&again.stdout));
    let after = check(dir.path(), &[]);
    assert!(!listing(&after.report).contains("section-numbering"));
}

#[test]
fn dialects_outside_their_places_are_skipped_without_panics() {
    let dir = tempfile::tempdir().unwrap();
    copy_files(&corpus("dialects"), &dir.path().join("dialects"));
    let mut named: Vec<String> = Vec::new();
    for sub in fs::read_dir(dir.path().join("dialects")).unwrap() {
        for f in fs::read_dir(sub.unwrap().path()).unwrap() {
            named.push(f.unwrap().path().strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned());
        }
    }
    // Flat copies: only the Copilot suffixes (`.agent.md`, `.chatmode.md`,
    // `.prompt.md`) still say what a file is; the rest are no one's kind.
    let run = check(dir.path(), &["dialects"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let by_suffix =
        named.iter().filter(|n| [".agent.md", ".chatmode.md", ".prompt.md"].iter().any(|s| n.ends_with(s))).count();
    assert_eq!(run.report["files"].as_array().unwrap().len(), by_suffix, "{}", run.report);

    // Forced in as role files by `include`: many errors, no panic, --fix proven safe.
    fs::write(dir.path().join("rolekit.toml"), "include = [\"dialects/**\"]\n").unwrap();
    let run = check(dir.path(), &["dialects"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Cursor's `.mdc` files are walked too.
    let markdown = named.iter().filter(|n| n.ends_with(".md") || n.ends_with(".mdc")).count();
    assert_eq!(run.report["files"].as_array().unwrap().len(), markdown);
}
