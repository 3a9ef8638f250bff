//! The vendor formats (`policy::Dialect`): every valid real file of the
//! dialect corpus checks without errors, and each schema rule has a failing
//! and a passing fixture.
//!
//! Where each corpus file lives in its repository, and whether it is valid
//! in its format, is written once in `tests/dialects/corpus.tsv` (read here
//! and by the comparison with agnix, `tests/agnix/compare.py`).

use rolekit_core::analysis::{self, Context, Project};
use rolekit_core::policy::{self, Config, Dialect, Kind, Schemas, Scope};
use rolekit_core::rules::{RuleId, Severity};
use rolekit_core::{Diagnostic, Document};
use rolekit_test_corpus::dialects::{self as table, Status};
use rolekit_test_corpus::Corpus;

fn check(path: &str, text: &str) -> (Kind, Vec<Diagnostic>) {
    let config = Config::default();
    let kind = match policy::classify(&config, Some(path), text) {
        Scope::In(kind) => kind,
        Scope::Out(why) => panic!("{path}: not in scope: {why:?}"),
    };
    let doc = Document::new(text.to_string());
    let ctx = Context { kind, file_stem: Some(policy::file_stem(path)), ..Context::default() };
    let schemas = Schemas::built_in();
    let project = Project { schemas: &schemas, path: Some(path), ..Project::default() };
    (kind, analysis::check_in(&doc, &ctx, &project))
}

#[test]
fn valid_corpus_files_have_no_errors() {
    let corpus = Corpus::get();
    let table = table::table();
    let folders = [
        ("agent-skills", Dialect::Skill),
        ("claude-code-agents", Dialect::ClaudeAgent),
        ("copilot-agents", Dialect::CopilotAgent),
        ("copilot-prompts", Dialect::CopilotPrompt),
        ("cursor-rules", Dialect::CursorRule),
    ];
    let mut report = String::new();
    let (mut files, mut errors_on_valid, mut warnings) = (0, 0, 0);
    for (folder, dialect) in folders {
        let dir = corpus.dir(&format!("dialects/{folder}"));
        let mut entries: Vec<_> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for file in entries {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
            let Some(entry) = table.get(&format!("{folder}/{name}")) else {
                panic!("{folder}/{name} is not in tests/dialects/corpus.tsv: add it (its path in its repository, valid or not)")
            };
            let (path, status) = (entry.path.as_str(), entry.status);
            let (kind, diagnostics) = check(path, &text);
            assert_eq!(kind, Kind::Dialect(dialect), "{path}");
            files += 1;
            let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
            warnings += diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
            if status == Status::Gap {
                report.push_str("(known gap) ");
            } else if status == Status::Invalid {
                assert!(!errors.is_empty(), "{name} is listed as invalid but has no error");
            } else {
                errors_on_valid += errors.len();
            }
            for d in &diagnostics {
                report.push_str(&format!("{path}: {:?} {}: {}\n", d.severity, d.rule.as_str(), d.message));
            }
        }
    }
    println!("{files} dialect files, {errors_on_valid} errors on valid files, {warnings} warnings\n{report}");
    assert_eq!(errors_on_valid, 0, "errors on valid files:\n{report}");
    assert!(files >= corpus.pick(80, 10), "{files} files");
    insta::assert_snapshot!(corpus.pick("dialect_corpus_full", "dialect_corpus_sample"), report);
}

/// (path, failing text, passing text, the rule the failing one fires).
const FIXTURES: &[(&str, &str, &str, &str)] = &[
    // Claude Code subagents
    (
        ".claude/agents/r.md",
        "---\ndescription: Reviews code.\n---\n",
        "---\nname: r\ndescription: Reviews code.\n---\n",
        "missing-required-key",
    ),
    (
        ".claude/agents/r.md",
        "---\nname: r\n---\n",
        "---\nname: r\ndescription: Reviews code.\n---\n",
        "missing-required-key",
    ),
    (
        ".claude/agents/r.md",
        "# Reviewer\n",
        "---\nname: r\ndescription: Reviews code.\n---\n# Reviewer\n",
        "frontmatter-missing",
    ),
    (
        ".claude/agents/r.md",
        "---\nname: r\ndescription: x\ntools: 3\n---\n",
        "---\nname: r\ndescription: x\ntools: Read, Grep\n---\n",
        "invalid-type",
    ),
    (
        ".claude/agents/r.md",
        "---\nname: r\ndescription: x\ntools:\n  - 3\n---\n",
        "---\nname: r\ndescription: x\ntools:\n  - Read\n---\n",
        "invalid-type",
    ),
    (
        ".claude/agents/r.md",
        "---\nname: r\ndescription: x\npermissionMode: yolo\n---\n",
        "---\nname: r\ndescription: x\npermissionMode: plan\n---\n",
        "invalid-enum",
    ),
    (
        ".claude/agents/r.md",
        "---\nname: r\ndescription: x\nmaxTurns: 0\n---\n",
        "---\nname: r\ndescription: x\nmaxTurns: 15\neffort: max\nisolation: worktree\n---\n",
        "out-of-range",
    ),
    (
        ".claude/agents/r.md",
        "---\nname: r\ndescription: x\nmodle: opus\n---\n",
        "---\nname: r\ndescription: x\nmodel: opus\n---\n",
        "unknown-key",
    ),
    // Agent Skills
    (
        "skills/pdf/SKILL.md",
        "---\nname: pdf\n---\n",
        "---\nname: pdf\ndescription: Fill PDF forms.\n---\n",
        "missing-required-key",
    ),
    (
        "skills/pdf-x/SKILL.md",
        "---\nname: Pdf_x\ndescription: x\n---\n",
        "---\nname: pdf-x\ndescription: x\n---\n",
        "invalid-pattern",
    ),
    (
        "skills/pdf/SKILL.md",
        "---\nname: pdf-tools\ndescription: x\n---\n",
        "---\nname: pdf\ndescription: x\n---\n",
        "skill-name-mismatch",
    ),
    (
        "skills/pdf/SKILL.md",
        "---\nname: pdf\ndescription: x\nlicence: MIT\n---\n",
        "---\nname: pdf\ndescription: x\nlicense: MIT\n---\n",
        "unknown-key",
    ),
    (
        "skills/pdf/SKILL.md",
        "---\nname: pdf\ndescription: x\nuser-invocable: maybe\n---\n",
        "---\nname: pdf\ndescription: x\nuser-invocable: false\n---\n",
        "invalid-type",
    ),
    // Cursor rules
    (".cursor/rules/a.mdc", "---\nalwaysApply: sometimes\n---\n", "---\nalwaysApply: true\n---\n", "invalid-type"),
    (
        ".cursor/rules/a.mdc",
        "---\ndescription:\nglobs: 3\n---\n",
        "---\ndescription:\nglobs: src/**, test/**\n---\n",
        "invalid-type",
    ),
    (".cursor/rules/a.mdc", "---\nglob: '**/*.ts'\n---\n", "---\nglobs: '**/*.ts'\n---\n", "unknown-key"),
    // Copilot custom agents
    (
        ".github/agents/p.agent.md",
        "---\ndescription: Plans.\ntools: search\n---\n",
        "---\ndescription: Plans.\ntools: ['search']\n---\n",
        "invalid-type",
    ),
    (
        ".github/agents/p.agent.md",
        "---\ndescription: Plans.\ntarget: jetbrains\n---\n",
        "---\ndescription: Plans.\ntarget: vscode\n---\n",
        "invalid-enum",
    ),
    (
        ".github/agents/p.agent.md",
        "---\nhandoffs:\n  - label: Go\n---\n",
        "---\ndescription: Plans.\nhandoffs:\n  - label: Go\n    agent: agent\n    send: false\n---\n",
        "missing-required-key",
    ),
    (".github/agents/p.agent.md", "---\ndescripton: Plans.\n---\n", "---\ndescription: Plans.\n---\n", "unknown-key"),
    (
        ".github/agents/p.agent.md",
        "---\nname: p\n---\n",
        "---\nname: p\ndescription: Plans.\n---\n",
        "missing-required-key",
    ),
    // Copilot prompt files
    (".github/prompts/r.prompt.md", "---\nmode: agent\n---\n", "---\nagent: agent\n---\n", "legacy-key"),
    (".github/prompts/r.prompt.md", "---\nmode: build\n---\n", "---\nagent: build\n---\n", "invalid-enum"),
    (".github/prompts/r.prompt.md", "---\ntools: search\n---\n", "---\ntools: [search]\n---\n", "invalid-type"),
    // Copilot instructions
    (
        ".github/instructions/ts.instructions.md",
        "---\napplyto: '**/*.ts'\n---\n",
        "---\napplyTo: '**/*.ts'\n---\n",
        "unknown-key",
    ),
    (
        ".github/instructions/ts.instructions.md",
        "---\nexcludeAgent: chat\n---\n",
        "---\nexcludeAgent: code-review\n---\n",
        "invalid-enum",
    ),
];

#[test]
fn each_schema_rule_has_a_failing_and_a_passing_fixture() {
    let mut report = String::new();
    for (path, bad, good, rule) in FIXTURES {
        let (_, diagnostics) = check(path, bad);
        assert!(
            diagnostics.iter().any(|d| d.rule.as_str() == *rule),
            "{path}: {bad:?} should fire {rule}: {diagnostics:#?}"
        );
        for d in &diagnostics {
            report.push_str(&format!("{path} {:?}: {:?} {}: {}\n", bad, d.severity, d.rule.as_str(), d.message));
        }
        let (_, diagnostics) = check(path, good);
        assert!(diagnostics.is_empty(), "{path}: {good:?} should be clean: {diagnostics:#?}");
    }
    insta::assert_snapshot!(report);
}

#[test]
fn unknown_keys_are_warnings_with_did_you_mean() {
    let (_, d) = check(".claude/agents/r.md", "---\nname: r\ndescription: x\nmodle: opus\n---\n");
    let unknown: Vec<_> = d.iter().filter(|d| d.rule == RuleId::UnknownKey).collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].severity, Severity::Warning);
    assert!(unknown[0].message.contains("did you mean `model`"), "{}", unknown[0].message);
}

#[test]
fn a_copilot_agent_without_description_is_a_warning() {
    // GitHub.com requires `description`; VS Code does not.
    for text in ["---\nname: p\n---\n", "---\n---\n"] {
        let (_, d) = check(".github/agents/p.agent.md", text);
        let missing: Vec<_> = d.iter().filter(|d| d.rule == RuleId::MissingRequiredKey).collect();
        assert_eq!(missing.len(), 1, "{text:?}: {d:#?}");
        assert_eq!(missing[0].severity, Severity::Warning);
        assert!(missing[0].message.contains("`description`"), "{}", missing[0].message);
    }
    // Legacy chat modes are VS Code's only.
    assert!(check(".github/chatmodes/p.chatmode.md", "---\ntools: []\n---\n").1.is_empty());
}

#[test]
fn optional_frontmatter_formats_accept_plain_markdown() {
    for path in [".github/prompts/r.prompt.md", ".github/instructions/a.instructions.md", ".cursor/rules/a.mdc"] {
        assert!(check(path, "# Just Markdown\n").1.is_empty(), "{path}");
    }
}

#[test]
fn legacy_mode_fix_renames_the_key() {
    let text = "---\nmode: 'agent'\ndescription: x\n---\n";
    let (kind, d) = check(".github/prompts/r.prompt.md", text);
    let legacy = d.iter().find(|d| d.rule == RuleId::LegacyKey).expect("legacy-key");
    let fix = legacy.fix.as_ref().expect("a fix");
    assert!(fix.safe, "renaming is safe");
    let (fixed, _) = rolekit_core::fix::apply_edits(text, &fix.edits);
    assert_eq!(fixed, "---\nagent: 'agent'\ndescription: x\n---\n");
    assert_eq!(kind, Kind::Dialect(Dialect::CopilotPrompt));
}

#[test]
fn copilot_tools_written_as_a_string_get_the_list_fix() {
    for (path, text, fixed) in [
        (
            ".github/agents/planner.agent.md",
            "---\r\ndescription: Plans\r\ntools: \"search, fetch,github/*\" # what it may use\r\n---\r\nPlan.\r\n",
            "---\r\ndescription: Plans\r\ntools: [search, fetch, github/*] # what it may use\r\n---\r\nPlan.\r\n",
        ),
        (".github/prompts/r.prompt.md", "---\ntools: search\n---\n", "---\ntools: [search]\n---\n"),
    ] {
        let (kind, d) = check(path, text);
        let wrong = d.iter().find(|d| d.rule == RuleId::InvalidType).unwrap_or_else(|| panic!("{path}: {d:#?}"));
        assert!(wrong.message.contains("only as a list"), "{}", wrong.message);
        let fix = wrong.fix.as_ref().expect("a fix");
        assert!(fix.safe);
        // The whole fix-all path: the fix is verified (comments and line endings kept, no new error).
        let ctx = Context { kind, file_stem: Some(policy::file_stem(path)), ..Context::default() };
        let schemas = Schemas::built_in();
        let project = Project { schemas: &schemas, path: Some(path), ..Project::default() };
        let out = rolekit_core::fix::all::fix_all_in(Document::new(text.to_string()), &ctx, &project);
        assert_eq!(out.document.text(), fixed, "{path}");
        assert_eq!(out.applied, 1);
        assert!(out.diagnostics.is_empty(), "{path}: {:#?}", out.diagnostics);
    }
    // Claude Code takes the string: no error, nothing to fix.
    let (_, d) = check(".claude/agents/r.md", "---\nname: r\ndescription: x\ntools: Read, Grep\n---\n");
    assert!(d.is_empty(), "{d:#?}");
}
