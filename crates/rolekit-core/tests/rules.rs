//! One snapshot per rule: a minimal bad input and the exact diagnostics it
//! produces, positions in `line:character` (0-based, UTF-16) as editors see them.

use std::sync::Arc;

use rolekit_core::analysis::{self, Context, Parent, Resolver};
use rolekit_core::{policy, Document, PositionEncoding};

const SEED: &str = include_str!("fixtures/platform-engineer.md");

/// A complete, valid role to start from.
const VALID: &str = "---
role: qa
version: 1.0.0
description: Quality assurance engineer
specialization: Test automation
tone: concise-technical
expertise:
  - Testing
responsibilities:
  - Write tests
capabilities:
  can_write_knowledge: true
  can_write_code: false
  can_review_code: false
  can_run_tests: true
---

# QA

## 1. Mission Statement
Find bugs.
## 2. Expertise Scope
Testing.
## 3. Responsibilities
Tests.
## 4. Capabilities
Runs tests.
## 5. Constraints
None.
## 6. Decision-Making Model
**Autonomy Level**: Medium
## 7. Context and Information Requirements
Code.
## 8. Operating Principles
Care.
## 9. Tool Use Strategy
Tools.
## 10. Communication Pattern
**Tone**: Concise-Technical
## 11. Output Format
Markdown.
## 12. Related Templates
None.
";

struct Siblings(Vec<(&'static str, &'static str)>);

impl Resolver for Siblings {
    fn parent(&self, name: &str) -> Option<Parent> {
        let (file, text) = self.0.iter().find(|(f, _)| f.strip_suffix(".md") == Some(name))?;
        Some(Parent { document: Arc::new(Document::new(text.to_string())), location: file.to_string() })
    }
}

/// Renders diagnostics as `line:char-line:char severity rule: message` plus their fixes.
fn render(text: &str, stem: &str, siblings: &Siblings) -> String {
    let doc = Document::new(text.to_string());
    let file = format!("{stem}.md");
    let kind = policy::classify(&policy::Config::default(), Some(&file), text).kind().unwrap_or(policy::Kind::Role);
    let ctx = Context { file_stem: Some(stem), kind, resolver: siblings, ..Default::default() };
    let index = doc.line_index();
    let pos = |o: usize| {
        let p = index.position(doc.text(), o, PositionEncoding::Utf16);
        format!("{}:{}", p.line, p.character)
    };
    let mut out = String::new();
    for d in analysis::check(&doc, &ctx) {
        out.push_str(&format!(
            "{}-{} {} {}: {}\n",
            pos(d.range.start()),
            pos(d.range.end()),
            d.severity.as_str(),
            d.rule,
            d.message
        ));
        if let Some(fix) = &d.fix {
            let fixed = rolekit_core::fix::apply_edits(doc.text(), &fix.edits).0;
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| format!("{}-{} {:?}", pos(e.range.start()), pos(e.range.end()), e.new_text))
                .collect();
            out.push_str(&format!(
                "  fix ({}): {} [{}] -> {} bytes\n",
                if fix.safe { "safe" } else { "suggestion" },
                fix.description,
                edits.join(", "),
                fixed.len()
            ));
        }
    }
    out
}

fn check(text: &str) -> String {
    render(text, "qa", &Siblings(Vec::new()))
}

fn with(find: &str, replace: &str) -> String {
    assert!(VALID.contains(find), "{find}");
    VALID.replacen(find, replace, 1)
}

#[test]
fn valid_role_is_clean() {
    assert_eq!(check(VALID), "");
}

#[test]
fn seed_has_no_errors_and_its_mojibake_is_fixable() {
    let out = render(SEED, "platform-engineer", &Siblings(Vec::new()));
    assert!(!out.contains(" error "), "{out}");
    insta::assert_snapshot!(out);
    let doc = Document::new(SEED.to_string());
    let ctx = Context { file_stem: Some("platform-engineer"), ..Default::default() };
    let diagnostics = analysis::check(&doc, &ctx);
    let (fixed, applied) = rolekit_core::fix::apply_safe_fixes(SEED, &diagnostics);
    assert_eq!(applied.len(), diagnostics.iter().filter(|d| d.rule == rolekit_core::RuleId::Mojibake).count());
    assert!(
        fixed.contains("- ✅ **Can write code**")
            && fixed.contains("Must be ≥70%")
            && fixed.contains("### 🎯 Reliability")
    );
    let again = analysis::check(&Document::new(fixed.clone()), &ctx);
    assert!(again.iter().all(|d| d.rule != rolekit_core::RuleId::Mojibake), "{again:?}");
    // Bytes outside the fixes are untouched: splice the garbled runs back in.
    // Everything before each run is already restored, so SEED offsets apply.
    let mut restored = fixed.clone();
    for m in rolekit_core::analysis::find_mojibake(SEED) {
        let start = m.range.start();
        restored.replace_range(start..start + m.original.len(), m.range.slice(SEED));
    }
    assert_eq!(restored, SEED);
}

#[test]
fn frontmatter_missing() {
    insta::assert_snapshot!(check("# QA\n\n## 1. Mission Statement\n"));
}

#[test]
fn frontmatter_unterminated() {
    insta::assert_snapshot!(check("---\nrole: qa\n\n# QA\n"));
}

#[test]
fn yaml_syntax_error_keeps_body_rules() {
    insta::assert_snapshot!(check(
        &with("expertise:\n  - Testing", "expertise: [Testing\n").replace("## 2. Expertise Scope\nTesting.\n", "")
    ));
}

#[test]
fn a_value_holding_colon_space_gets_the_quoting_fix() {
    use rolekit_core::fix::all::fix_all;
    let ctx = Context { file_stem: Some("qa"), ..Default::default() };
    let find = "description: Quality assurance engineer";
    for (replace, fixed) in [
        ("description: Use when: the build breaks # why", "description: \"Use when: the build breaks\" # why"),
        ("description: Say \"hi\": twice", "description: 'Say \"hi\": twice'"),
    ] {
        let text = with(find, replace);
        let out = fix_all(Document::new(text.clone()), &ctx);
        assert_eq!(out.applied, 1, "{text}: {:#?}", out.rejected);
        assert_eq!(out.document.text(), with(find, fixed));
    }
    // A value continued on the next line is not quoted by a one-line fix.
    let text = with(find, "description: Use when: the\n  build breaks");
    let diagnostics = analysis::check(&Document::new(text), &ctx);
    let syntax = diagnostics.iter().find(|d| d.rule == rolekit_core::RuleId::YamlSyntax).expect("yaml-syntax");
    assert!(syntax.fix.is_none(), "{syntax:?}");
}

#[test]
fn yaml_duplicate_key() {
    insta::assert_snapshot!(check(&with("tone: concise-technical", "tone: concise-technical\ntone: assertive")));
}

#[test]
fn yaml_alias_bomb_and_deep_nesting() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    insta::assert_snapshot!("alias_bomb", check(&with("role: qa\n", &format!("role: qa\n{bomb}"))));
    let deep = format!("x: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    insta::assert_snapshot!("deep_nesting", check(&with("role: qa\n", &format!("role: qa\n{deep}"))));
}

#[test]
fn missing_required_key_points_at_the_fence() {
    insta::assert_snapshot!(check(&with("tone: concise-technical\n", "")));
}

#[test]
fn invalid_type_points_at_the_value() {
    insta::assert_snapshot!(check(
        &with("expertise:\n  - Testing", "expertise: Testing")
            .replace("version: 1.0.0", "version: 1.0")
            .replace("can_run_tests: true", "can_run_tests: yes")
    ));
}

#[test]
fn invalid_enum_suggests_the_closest_value() {
    insta::assert_snapshot!(check(&with("tone: concise-technical", "tone: concise-technicl")));
}

#[test]
fn invalid_enum_in_constraint_lists_both_forms() {
    let list = "constraints:\n  - requires_approval_for:\n      - delete_file\n  - forbidden_paths:\n      - .git/\n";
    insta::assert_snapshot!("constraints_list_form", check(&with("capabilities:", &format!("{list}capabilities:"))));
    let object = "constraints:\n  requires_approval_for:\n    - comit\n  forbidden_paths: .git/\n";
    insta::assert_snapshot!(
        "constraints_object_form",
        check(&with("capabilities:", &format!("{object}capabilities:")))
    );
}

#[test]
fn invalid_pattern() {
    insta::assert_snapshot!(render(
        &with("role: qa", "role: QA_Team").replace("version: 1.0.0", "version: v1"),
        "QA_Team",
        &Siblings(Vec::new())
    ));
}

#[test]
fn invalid_length() {
    insta::assert_snapshot!(check(
        &with("description: Quality assurance engineer", "description: QA")
            .replace("responsibilities:\n  - Write tests", "responsibilities: []")
    ));
}

#[test]
fn duplicate_item_with_safe_fix() {
    insta::assert_snapshot!(check(&with("  - Testing\n", "  - Testing\n  - Automation\n  - Testing\n")));
}

#[test]
fn unknown_key_suggests_the_closest_key() {
    insta::assert_snapshot!(check(&with("  can_run_tests: true\n", "  can_run_test: true\ntonee: x\n")));
}

#[test]
fn quoted_boolean_with_safe_fix() {
    insta::assert_snapshot!(check(&with("can_run_tests: true", "can_run_tests: \"true\"")));
}

#[test]
fn role_filename_mismatch() {
    insta::assert_snapshot!(render(VALID, "quality", &Siblings(Vec::new())));
}

#[test]
fn inheritance_resolves_required_keys_from_the_parent() {
    let child = "---\nrole: child\ninherits: base\nversion: 1.0.0\ndescription: A child role here\n---\n# Child\n";
    let base = VALID.replacen("role: qa", "role: base", 1);
    let siblings = Siblings(vec![("base.md", Box::leak(base.into_boxed_str()))]);
    let out = render(child, "child", &siblings);
    assert!(!out.contains("missing-required-key"), "{out}");
    insta::assert_snapshot!("inherits_ok", out);
    insta::assert_snapshot!("inherits_unknown", render(child, "child", &Siblings(Vec::new())));
    let cycle_a = "---\nrole: a\ninherits: b\n---\n";
    let siblings = Siblings(vec![("b.md", "---\nrole: b\ninherits: a\n---\n"), ("a.md", cycle_a)]);
    insta::assert_snapshot!("inherits_cycle", render(cycle_a, "a", &siblings));
    let still_missing = "---\nrole: c\ninherits: d\n---\n# C\n";
    let siblings = Siblings(vec![("d.md", "---\nrole: d\nversion: 1.0.0\n---\n")]);
    insta::assert_snapshot!("inherits_still_missing", render(still_missing, "c", &siblings));
}

#[test]
fn body_structure() {
    let body = "# QA\n\n## 1. Mission Statement\nFind bugs.\n## 3. Responsibilities\n\n## 3. Expertise Scope\nx\n## 4. Specialization\nx\n## 5. Responsibilities\nagain\n## Capabilities\nx\n```md\n## 9. Not a section\n```\n";
    let text = format!("{}{}", &VALID[..VALID.find("# QA").unwrap_or(0)], body);
    insta::assert_snapshot!(check(&text));
}

#[test]
fn missing_title() {
    insta::assert_snapshot!(check(&with("# QA\n\n", "")));
}

#[test]
fn inconsistent_value() {
    insta::assert_snapshot!(check(&with("**Autonomy Level**: Medium", "**Autonomy Level**: High").replacen(
        "capabilities:",
        "decision_making:\n  autonomy_level: medium\ncapabilities:",
        1
    )));
}

#[test]
fn mojibake_in_both_encodings() {
    insta::assert_snapshot!(check(&with("Find bugs.", "‚úÖ Find bugs, donâ€™t guess. Café ✅ 漢字")));
}

#[test]
fn suppressions() {
    let text = with("tone: concise-technical", "# rolekit-disable-next-line invalid-enum\ntone: concise-technicl")
        .replacen("Find bugs.", "<!-- rolekit-disable-next-line mojibake -->\n‚úÖ Find bugs.", 1);
    assert_eq!(check(&text), "");
}

#[test]
fn templates_are_not_broken_roles() {
    let template = "---\nrole:\nversion:\ntone:\nexpertise:\n  -\n---\n\n# Title\n";
    assert_eq!(render(template, "_template", &Siblings(Vec::new())), "");
}

#[test]
fn crlf_and_bom_do_not_shift_positions() {
    let lf = check(&with("tone: concise-technical", "tone: concise-technicl"));
    let crlf =
        check(&format!("\u{feff}{}", with("tone: concise-technical", "tone: concise-technicl").replace('\n', "\r\n")));
    let strip_bytes = |s: &str| s.lines().map(|l| l.split(" -> ").next().unwrap_or("").to_string()).collect::<Vec<_>>();
    assert_eq!(strip_bytes(&lf), strip_bytes(&crlf));
}

#[test]
fn multibyte_text_uses_utf16_columns() {
    insta::assert_snapshot!(check(&with(
        "description: Quality assurance engineer",
        "description: \"🎯 漢字 é\"\ntonee: 🎯"
    )));
}

#[test]
fn every_rule_has_a_test_here() {
    let source = include_str!("rules.rs");
    let snapshots = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots"))
        .map(|d| d.flatten().filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect::<Vec<_>>().join("\n"))
        .unwrap_or_default();
    for rule in rolekit_core::rules::RULES {
        let needle = format!(" {}: ", rule.id);
        assert!(
            snapshots.contains(&needle) || source.contains(&format!("\"{}\"", rule.id)),
            "no snapshot shows rule {}",
            rule.id
        );
    }
}

#[test]
fn a_long_chain_is_not_a_cycle() {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let chain = |n: usize| {
        Siblings(
            (1..=n)
                .map(|i| {
                    let inherits = if i < n { format!("inherits: level-{}\n", i + 1) } else { String::new() };
                    (leak(format!("level-{i}.md")), leak(format!("---\nrole: level-{i}\n{inherits}---\n")))
                })
                .collect(),
        )
    };
    let child = with("role: qa\n", "role: qa\ninherits: level-1\n");
    let deep = render(&child, "qa", &chain(100));
    assert!(deep.lines().any(|l| l.contains("inherits-too-deep") && l.contains("longer than 64 roles")), "{deep}");
    assert!(!deep.contains("inherits-cycle"), "{deep}");
    assert!(!render(&child, "qa", &chain(60)).contains("inherits-"), "60 parents are followed");
}

/// The project-level rules, in one small valora tree: each document with
/// its mistakes, rendered like the rules above (positions in its own text).
#[test]
fn project_rules_in_a_valora_tree() {
    use rolekit_core::analysis::registry;
    use rolekit_core::analysis::Project;
    use rolekit_core::policy::{Config, Family, Kind};
    use rolekit_core::project::{summarize, NameIndex};

    let config =
        Config::parse("[[kinds]]\nname = \"playbook\"\ninclude = [\"playbooks/*.md\"]\nschema = \"p.json\"\n").unwrap();
    let schemas = rolekit_core::policy::schemas::load(&config, &mut |_| {
        Ok(r#"{"type": "object", "properties": {"command": {"type": "string", "x-references": "command", "description": "A command."}}}"#.into())
    })
    .unwrap();
    let lead = VALID.replace("role: qa", "role: lead");
    let command = "---\nname: planning\ndescription: Plan the work in small steps\nmodel: claude-sonnet-4.6\nagent: leed\nallowed-tools:\n  - read_file\nprompts:\n  pipeline:\n    - stage: context\n      prompt: context.load-tsk\n      timeout_ms: 500\n  rollback_on_failure: contxt\n---\n\n# Plan\n\n## Role\n\nx\n\n## Goal\n\ny\n";
    let prompt = "---\nid: context.load-tasks\nversion: 1.0.0\ncategory: context\nname: Load Task\ndescription: Load the task to work on\nagents:\n  - qa\nmodel_requirements:\n  min_context: 128000\n  recommended: [\n    claude-haiku-4.5\n]\n---\n# Load Task\n";
    let child = "---\nrole: child\nversion: 1.0.0\ndescription: A role that inherits\nspecialization: Testing\ntone: concise-technical\ninherits: lead\ncapabilities_note: x\n---\n";
    let playbook = "---\ncommand: plann\n---\n";
    let docs = [
        ("data/agents/lead.md", lead.as_str()),
        ("data/agents/child.md", child),
        ("data/commands/plan.md", command),
        ("data/prompts/02_context/load-task.md", prompt),
        ("playbooks/release.md", playbook),
    ];
    let index = NameIndex::from_summaries(docs.iter().filter_map(|(p, t)| summarize(&config, p, p, t)));
    let parents = Siblings(vec![("lead.md", Box::leak(lead.clone().into_boxed_str()))]);
    let mut out = String::new();
    for (path, text) in docs {
        let doc = Document::new(text.to_string());
        let kind = policy::classify(&config, Some(path), text).kind().unwrap_or(Kind::Role);
        let ctx = Context { file_stem: Some(policy::file_stem(path)), kind, resolver: &parents, ..Default::default() };
        let project = Project { schemas: &schemas, index: &index, path: Some(path) };
        out.push_str(&format!("# {path}\n"));
        for d in analysis::check_in(&doc, &ctx, &project) {
            let p = doc.line_index().position(doc.text(), d.range.start(), PositionEncoding::Utf16);
            out.push_str(&format!("{}:{} {} {}: {}\n", p.line, p.character, d.severity.as_str(), d.rule, d.message));
        }
    }
    let registry_text = "{\"commands\": {\"plan\": {\"name\": \"plan\", \"model\": \"claude-opus-4.6\"}, \"gone\": {\"name\": \"gone\"}},}";
    let broken = Document::json(registry_text.to_string());
    let fixed = Document::json(registry_text.replace("}},}", "}}}"));
    let mut files = std::collections::HashMap::new();
    if let Some(f) =
        registry::projection(Family::Command, &Document::new(command.to_string()), "data/commands/plan.md".into())
    {
        files.insert("plan".to_string(), f);
    }
    for doc in [&broken, &fixed] {
        out.push_str("# data/commands/registry.json\n");
        for d in registry::check(doc, Family::Command, "data", &index, &files) {
            let p = doc.line_index().position(doc.text(), d.range.start(), PositionEncoding::Utf16);
            out.push_str(&format!("{}:{} {} {}: {}\n", p.line, p.character, d.severity.as_str(), d.rule, d.message));
        }
    }
    // A registry of roles lists `lead` only: `child` has no entry.
    let roles = Document::json("{\"capabilities\": {\"lead\": {}}}".to_string());
    out.push_str("# data/agents/registry.json\n");
    for d in registry::check(&roles, Family::Role, "data", &index, &std::collections::HashMap::new()) {
        out.push_str(&format!("{} {}: {}\n", d.severity.as_str(), d.rule, d.message));
    }
    for rule in
        ["registry-missing-entry", "json-syntax", "loader-inherited-key", "unknown-reference", "yaml-flow-indent"]
    {
        assert!(out.contains(&format!(" {rule}: ")), "{rule} missing:\n{out}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn token_budget_points_at_the_file_each_section_and_the_inherits() {
    use rolekit_core::tokens::{Encoding, Estimate, TokenBudget};
    let child = with("role: qa\n", "role: qa\ninherits: base\n").replace(
        "Find bugs.",
        "Find bugs early, in every layer of the product, before the users do; keep the suite fast.",
    );
    let base = "---\nrole: base\n---\n# Base\n\nEverything the base role says, at some length, for the children.\n";
    let doc = Document::new(child.clone());
    let budget = TokenBudget { encoding: Encoding::O200kBase, file: Some(100), section: Some(20), resolved: Some(150) };
    let siblings = Siblings(vec![("base.md", base)]);
    let ctx = Context {
        file_stem: Some("qa"),
        resolver: &siblings,
        token_budget: Some(analysis::BudgetCheck { budget: &budget, counter: &Estimate }),
        ..Default::default()
    };
    let index = doc.line_index();
    let pos = |o: usize| {
        let p = index.position(doc.text(), o, PositionEncoding::Utf16);
        format!("{}:{}", p.line, p.character)
    };
    let out: String = analysis::check(&doc, &ctx)
        .iter()
        .filter(|d| d.rule == rolekit_core::RuleId::TokenBudget)
        .map(|d| {
            let related: String =
                d.related.iter().map(|r| format!("\n  related: {:?} {}", r.location, r.message)).collect();
            format!(
                "{}-{} {} {}: {}{related}\n",
                pos(d.range.start()),
                pos(d.range.end()),
                d.severity.as_str(),
                d.rule,
                d.message
            )
        })
        .collect();
    insta::assert_snapshot!(out);
}

/// A line of spaces between a key without `:` and the next key (found by
/// the language server's incremental property test): the search for the
/// key skips it instead of building an inverted range (a panic when sliced).
#[test]
fn a_line_of_spaces_after_a_key_without_colon() {
    for blank in ["   ", "\t", "  \t  "] {
        let text = format!("---\nrole: qa\ndescription Quality\n{blank}\nname: x\n---\n# QA\n");
        let diagnostics = analysis::check(&Document::new(text.clone()), &Context::default());
        let syntax = diagnostics.iter().find(|d| d.rule == rolekit_core::RuleId::YamlSyntax).expect("yaml-syntax");
        assert!(syntax.range.start() <= syntax.range.end(), "{syntax:?}");
        assert_eq!(syntax.range.slice(&text), "description Quality", "{syntax:?}");
    }
}
