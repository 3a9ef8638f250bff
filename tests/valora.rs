//! The whole valora project, end to end: the `rolekit` binary on copies of
//! valora.ai v2.4.0's `data/` tree (the corpus's `valora-project/`, vendored
//! in `tests/corpus-sample/`), unmodified and with seeded mistakes of every
//! kind the project-level rules catch.
//!
//! The unmodified project's diagnostics are the judged list of
//! `docs/valora-project.md`: the test reads the list's table and requires
//! the same diagnostics, and the precision it states.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

mod support;
use support::{copy_dir, json, rolekit};

const JUDGED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/valora-project.md");

/// A temporary copy of the valora project (`<tmp>/data/...`).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&rolekit_test_corpus::Corpus::get().dir("valora-project"), dir.path());
    dir
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// One diagnostic as the tests compare it: path, 1-based line and column, rule, message.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    path: String,
    line: u64,
    col: u64,
    rule: String,
    message: String,
}

fn diagnostics(report: &Value) -> Vec<Found> {
    let mut out = Vec::new();
    for f in report["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            out.push(Found {
                path: f["path"].as_str().unwrap().to_string(),
                line: d["range"]["start"]["line"].as_u64().unwrap() + 1,
                col: d["range"]["start"]["character"].as_u64().unwrap() + 1,
                rule: d["rule"].as_str().unwrap().to_string(),
                message: d["message"].as_str().unwrap().to_string(),
            });
        }
    }
    out
}

fn check(dir: &Path, args: &[&str]) -> Vec<Found> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    if args.is_empty() {
        all.push(".");
    }
    diagnostics(&json(&rolekit(dir, &all)))
}

/// The diagnostics the seeding added (those of the unmodified project aside).
fn added(before: &[Found], after: &[Found]) -> Vec<Found> {
    let key = |f: &Found| (f.path.clone(), f.rule.clone(), f.message.clone());
    let old: BTreeSet<_> = before.iter().map(key).collect();
    after.iter().filter(|f| !old.contains(&key(f))).cloned().collect()
}

fn baseline() -> Vec<Found> {
    let dir = project();
    check(dir.path(), &[])
}

// ------------------------------------------------------------ unmodified

/// A row of the judged list: `file:line:col`, rule, verdict.
fn judged() -> Vec<(String, String, String)> {
    let text = fs::read_to_string(JUDGED).unwrap_or_else(|e| panic!("{JUDGED}: {e}"));
    text.lines()
        .filter(|l| l.starts_with("| `data/"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            (cells[0].trim_matches('`').to_string(), cells[1].trim_matches('`').to_string(), cells[3].to_string())
        })
        .collect()
}

#[test]
fn the_unmodified_project_gives_exactly_the_judged_diagnostics() {
    let found = baseline();
    let actual: BTreeSet<(String, String)> =
        found.iter().map(|f| (format!("{}:{}:{}", f.path, f.line, f.col), f.rule.clone())).collect();
    let rows = judged();
    let listed: BTreeSet<(String, String)> = rows.iter().map(|(at, rule, _)| (at.clone(), rule.clone())).collect();
    let missing: Vec<_> = actual.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&actual).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/valora-project.md is out of date.\nnot in the list: {missing:#?}\nlisted but not reported: {stale:#?}"
    );
    assert_eq!(found.len(), rows.len(), "one row per diagnostic");
    let true_positives = rows.iter().filter(|(_, _, v)| v.starts_with("TP")).count();
    assert!(rows.iter().all(|(_, _, v)| v.starts_with("TP") || v.starts_with("FP")), "every row is judged");
    let precision = true_positives as f64 / rows.len() as f64;
    println!("valora project: {} diagnostics, {true_positives} true positives, precision {precision:.3}", rows.len());
    assert!(precision >= 0.95, "precision {precision:.3} < 0.95");
}

#[test]
fn every_document_of_the_project_is_recognised_without_configuration() {
    let dir = project();
    let report = json(&rolekit(dir.path(), &["check", "--format", "json", "."]));
    // 12 roles, 26 commands, 113 prompts: templates included; 3 registries.
    assert_eq!(report["summary"]["files"], 153, "{}", report["summary"]);
    // The schemas and the expertise template registry are not documents.
    let paths: Vec<&str> = report["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"data/commands/registry.json") && paths.contains(&"data/prompts/02_context/load-task.md"));
    assert!(!paths.iter().any(|p| p.contains("_meta") || p.contains("expertises")));
}

// ------------------------------------------------------------ seeded mistakes

#[test]
fn command_agents_and_pipeline_prompts_must_exist() {
    let before = baseline();
    let dir = project();
    edit(dir.path(), "data/commands/plan.md", "agent: lead", "agent: leed");
    edit(
        dir.path(),
        "data/commands/implement.md",
        "fallback_agent: software-engineer-typescript",
        "fallback_agent: software-engineer-rust",
    );
    edit(dir.path(), "data/commands/test.md", "prompt: test.execute-tests", "prompt: test.execute-test");
    let found = added(&before, &check(dir.path(), &[]));
    let get = |path: &str, rule: &str| {
        found
            .iter()
            .find(|f| f.path == path && f.rule == rule)
            .unwrap_or_else(|| panic!("no {rule} in {path}: {found:#?}"))
    };
    let agent = get("data/commands/plan.md", "unknown-agent");
    assert!(agent.message.contains("no role `leed`") && agent.message.contains("did you mean `lead`?"), "{agent:?}");
    // At the value, 1-based.
    assert_eq!((agent.line, agent.col), (line_of(dir.path(), "data/commands/plan.md", "agent: leed"), 8));
    let fallback = get("data/commands/implement.md", "unknown-agent");
    assert!(!fallback.message.contains("did you mean"), "not a typo of any role: {fallback:?}");
    let prompt = get("data/commands/test.md", "unknown-prompt");
    assert!(prompt.message.contains("did you mean `test.execute-tests`?"), "{prompt:?}");
}

/// The 1-based line of the first line containing `needle`.
fn line_of(dir: &Path, file: &str, needle: &str) -> u64 {
    let text = fs::read_to_string(dir.join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle} not in {file}")) as u64 + 1
}

#[test]
fn prompt_agents_dependencies_and_ids_must_agree() {
    let before = baseline();
    let dir = project();
    let file = "data/prompts/02_context/load-task.md";
    edit(dir.path(), file, "agents:\n  - product-manager", "agents:\n  - product-manager\n  - produt-manager");
    edit(
        dir.path(),
        file,
        "    - context.use-modern-cli-tools",
        "    - context.use-modern-cli-tools\n    - context.no-such-prompt",
    );
    edit(dir.path(), file, "id: context.load-task", "id: context.load-tasks");
    edit(dir.path(), file, "category: context", "category: plan");
    let found = added(&before, &check(dir.path(), &[]));
    let rules: Vec<&str> = found.iter().filter(|f| f.path == file).map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["prompt-id-mismatch", "prompt-id-mismatch", "unknown-agent", "unknown-prompt"], "{found:#?}");
    let agent = found.iter().find(|f| f.rule == "unknown-agent").unwrap();
    assert!(agent.message.contains("did you mean `product-manager`?"), "{agent:?}");
    let id = found.iter().find(|f| f.message.starts_with("`id`")).unwrap();
    assert!(id.message.contains("`context.load-task`"), "{id:?}");
    // Commands still find the prompt by its folder and file name: no new unknown-prompt elsewhere.
    assert!(found.iter().all(|f| f.path == file || f.path.ends_with("registry.json")), "{found:#?}");
}

#[test]
fn registries_must_agree_with_the_files_beside_them() {
    let before = baseline();
    let dir = project();
    // An entry without a file, a file without an entry, a value that contradicts the file.
    fs::remove_file(dir.path().join("data/commands/commit.md")).unwrap();
    fs::write(dir.path().join("data/commands/deploy.md"), "---\nname: deploy\ndescription: Deploy the application to production\nmodel: claude-sonnet-4.6\nagent: platform-engineer\nallowed-tools:\n  - run_terminal_cmd\nprompts:\n  pipeline:\n    - stage: context\n      prompt: context.load-task\n---\n\n# Deploy\n\n## Role\n\nUse the [agent] profile\n\n## Goal\n\nDeploy.\n").unwrap();
    edit(dir.path(), "data/commands/registry.json", "\"agent\": \"qa\"", "\"agent\": \"lead\"");
    edit(dir.path(), "data/agents/registry.json", "\"ui-ux-designer\": {", "\"ui-ux-desginer\": {");
    let found = added(&before, &check(dir.path(), &[]));
    let of = |path: &str| -> Vec<(&str, &str)> {
        found.iter().filter(|f| f.path == path).map(|f| (f.rule.as_str(), f.message.as_str())).collect()
    };
    let commands = of("data/commands/registry.json");
    assert!(commands.iter().any(|(r, m)| *r == "registry-missing-file" && m.contains("`commit`")), "{commands:#?}");
    assert!(commands.iter().any(|(r, m)| *r == "registry-missing-entry" && m.contains("deploy.md")), "{commands:#?}");
    assert!(
        commands
            .iter()
            .any(|(r, m)| *r == "registry-mismatch" && m.contains("`agent` of `pre-check` is `lead` here, but `qa`")),
        "{commands:#?}"
    );
    let agents = of("data/agents/registry.json");
    assert!(
        agents.iter().any(|(r, m)| *r == "registry-missing-file" && m.contains("did you mean `ui-ux-designer`?")),
        "{agents:#?}"
    );
    assert!(
        agents.iter().any(|(r, m)| *r == "registry-missing-entry" && m.contains("ui-ux-designer.md")),
        "{agents:#?}"
    );
}

#[test]
fn valora_loader_requirements_are_reported() {
    let before = baseline();
    let dir = project();
    edit(dir.path(), "data/agents/qa.md", "  can_run_tests: true\n", "");
    let found = added(&before, &check(dir.path(), &[]));
    let caps = found.iter().find(|f| f.rule == "loader-capabilities").unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(caps.path, "data/agents/qa.md");
    assert!(caps.message.contains("`can_run_tests`"), "{caps:?}");
    // secops-engineer gets `capabilities` only from platform-engineer: the unmodified project reports it, naming the parent.
    let inherited = before.iter().find(|f| f.rule == "loader-inherited-key").unwrap();
    assert_eq!(inherited.path, "data/agents/secops-engineer.md");
    assert!(inherited.message.contains("`capabilities` comes only from `platform-engineer`"), "{inherited:?}");
}

#[test]
fn stages_names_and_templates() {
    let before = baseline();
    let dir = project();
    edit(dir.path(), "data/commands/implement.md", "rollback_on_failure: code", "rollback_on_failure: cod");
    edit(dir.path(), "data/commands/plan.md", "name: plan", "name: planning");
    // An unfilled template under a real name is still a template: no placeholder is an error.
    fs::copy(dir.path().join("data/agents/_template.md"), dir.path().join("data/agents/new-role.md")).unwrap();
    fs::copy(dir.path().join("data/commands/_template.md"), dir.path().join("data/commands/new-command.md")).unwrap();
    let found = added(&before, &check(dir.path(), &[]));
    let stage = found.iter().find(|f| f.rule == "unknown-stage").unwrap_or_else(|| panic!("{found:#?}"));
    assert!(stage.message.contains("did you mean `code`?"), "{stage:?}");
    assert!(found.iter().any(|f| f.rule == "command-filename-mismatch" && f.path == "data/commands/plan.md"));
    let templates: Vec<&Found> = found.iter().filter(|f| f.path.contains("new-")).collect();
    // Only the registries notice the new files (as they should); the templates themselves are clean.
    assert!(templates.is_empty(), "{templates:#?}");
}

#[test]
fn a_flow_collection_closed_at_its_parents_indentation_is_a_warning_with_a_fix() {
    let dir = project();
    let file = "data/prompts/02_context/load-task.md";
    edit(dir.path(), file, "  recommended:\n    - claude-haiku-4.5\n", "  recommended: [\n    claude-haiku-4.5\n]\n");
    let found: Vec<Found> = check(dir.path(), &[file]).into_iter().filter(|f| f.path == file).collect();
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["yaml-flow-indent"], "read as valora reads it, nothing else: {found:#?}");
    let run = rolekit(dir.path(), &["check", "--fix", "--format", "json", file]);
    assert!(diagnostics(&json(&run)).iter().all(|f| f.rule != "yaml-flow-indent"), "{}", run.stdout);
    let fixed = fs::read_to_string(dir.path().join(file)).unwrap();
    assert!(fixed.contains("  recommended: [\n    claude-haiku-4.5\n  ]\n"), "{fixed}");
}

#[test]
fn yaml_errors_point_at_what_opened_them() {
    let found = baseline();
    let template =
        found.iter().find(|f| f.path == "data/prompts/00_generator/_template.md" && f.rule == "yaml-syntax").unwrap();
    assert_eq!((template.line, template.col), (19, 5), "at `type`, the key without `:`: {template:?}");
    let value = found
        .iter()
        .find(|f| f.path == "data/prompts/07_documentation/review-and-persist-parallel.md" && f.rule == "yaml-syntax")
        .unwrap();
    assert_eq!((value.line, value.col), (51, 18), "at the value holding `: `: {value:?}");
}

#[test]
fn the_old_ai_layout_is_recognised_too() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join(".ai");
    copy_dir(&rolekit_test_corpus::Corpus::get().dir("valora-project").join("data/agents"), &tree.join("agents"));
    fs::create_dir_all(tree.join("commands")).unwrap();
    fs::write(
        tree.join("commands/review.md"),
        "---\nname: review\ndescription: Review the code changes\nmodel: claude-sonnet-4.6\nagent: leadd\nallowed-tools:\n  - read_file\nprompts:\n  pipeline:\n    - stage: review\n      prompt: review.x\n---\n\n# Review\n\n## Role\n\nx\n\n## Goal\n\ny\n",
    )
    .unwrap();
    let found = check(dir.path(), &[]);
    assert!(
        found.iter().any(|f| f.path == ".ai/commands/review.md"
            && f.rule == "unknown-agent"
            && f.message.contains("did you mean `lead`")),
        "{found:#?}"
    );
    // No prompts folder in this tree: prompt names are not judged.
    assert!(!found.iter().any(|f| f.rule == "unknown-prompt"), "{found:#?}");
}

// ------------------------------------------------------------ your own schemas

#[test]
fn the_projects_own_schemas_replace_the_built_in_ones() {
    let dir = project();
    let file = "data/prompts/02_context/load-task.md";
    let built_in = check(dir.path(), &[file]);
    assert!(built_in.is_empty(), "{built_in:#?}");
    // valora's own prompt schema requires `status`, which no prompt has.
    fs::write(dir.path().join("rolekit.toml"), "[schemas]\nprompt = \"data/prompts/_meta/schema.json\"\n").unwrap();
    let own = check(dir.path(), &[file]);
    assert!(own.iter().any(|f| f.rule == "missing-required-key" && f.message.contains("`status`")), "{own:#?}");
    // Changing the project's own schema changes what rolekit says.
    edit(
        dir.path(),
        "data/prompts/_meta/schema.json",
        "\"required\": [\"id\", \"version\", \"category\", \"status\"]",
        "\"required\": [\"id\", \"version\", \"category\"]",
    );
    let edited = check(dir.path(), &[file]);
    assert!(!edited.iter().any(|f| f.rule == "missing-required-key"), "{edited:#?}");
    // The role schema too: valora's own takes `constraints` as an object only.
    fs::write(dir.path().join("rolekit.toml"), "[schemas]\nrole = \"data/agents/_meta/schema.json\"\n").unwrap();
    let roles = check(dir.path(), &["data/agents/lead.md"]);
    assert!(roles.iter().any(|f| f.rule == "invalid-type" && f.message.contains("`constraints`")), "{roles:#?}");
}

#[test]
fn a_kind_of_your_own() {
    let dir = project();
    fs::create_dir_all(dir.path().join("playbooks")).unwrap();
    fs::create_dir_all(dir.path().join("schemas")).unwrap();
    fs::write(
        dir.path().join("schemas/playbook.schema.json"),
        r#"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["title", "command"], "additionalProperties": false,
            "properties": {"title": {"type": "string", "description": "Title"}, "command": {"type": "string", "x-references": "command", "description": "The command it runs"},
                           "steps": {"type": "integer", "minimum": 1, "description": "How many steps"}}}"#,
    )
    .unwrap();
    fs::write(dir.path().join("rolekit.toml"), "[[kinds]]\nname = \"playbook\"\ninclude = [\"playbooks/**/*.md\"]\nschema = \"schemas/playbook.schema.json\"\n").unwrap();
    fs::write(
        dir.path().join("playbooks/release.md"),
        "---\ntitle: Release\ncommand: create-pr\nsteps: 0\n---\n# Release\n",
    )
    .unwrap();
    fs::write(dir.path().join("playbooks/typo.md"), "---\ntitel: Release\ncommand: creat-pr\n---\n# Typo\n").unwrap();
    let found = check(dir.path(), &["playbooks"]);
    let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.path.as_str(), f.rule.as_str())).collect();
    assert_eq!(
        rules,
        [
            ("playbooks/release.md", "out-of-range"),
            ("playbooks/typo.md", "missing-required-key"),
            ("playbooks/typo.md", "unknown-key"),
            ("playbooks/typo.md", "unknown-reference"),
        ],
        "{found:#?}"
    );
    assert!(found[2].message.contains("did you mean `title`?"), "{found:#?}");
    assert!(found[3].message.contains("did you mean `create-pr`?"), "{found:#?}");
}

#[test]
fn a_schema_rolekit_cannot_honour_is_a_configuration_error() {
    let dir = project();
    fs::write(
        dir.path().join("bad.schema.json"),
        "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": {\"format\": \"email\"}\n  }\n}\n",
    )
    .unwrap();
    fs::write(dir.path().join("rolekit.toml"), "[schemas]\ncommand = \"bad.schema.json\"\n").unwrap();
    let run = rolekit(dir.path(), &["check", "data/commands/plan.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("rolekit.toml:2:11"), "{}", run.stderr);
    assert!(run.stderr.contains("bad.schema.json:4:5"), "{}", run.stderr);
    assert!(run.stderr.contains("`format: email` is not supported"), "{}", run.stderr);
}

// ------------------------------------------------------------ precision

/// The precision items of the project's issue, seeded: far names get no
/// did-you-mean, inherited values name their parent's file, body statements
/// in the phrasings real files use are read, and forbidden paths compare
/// with and without a trailing `/`.
#[test]
fn precision_on_real_phrasings() {
    let before = baseline();
    let dir = project();
    // A far enum value: no did-you-mean that would change the meaning.
    edit(dir.path(), "data/agents/qa.md", "      - deployment\n", "      - security_control_disablement\n");
    // `### Autonomy Level: **High**` (lead.md's phrasing) disagreeing with the frontmatter.
    edit(dir.path(), "data/agents/lead.md", "  autonomy_level: high", "  autonomy_level: low");
    // A forbidden path written without its trailing `/`: the body's `data/` still agrees.
    edit(dir.path(), "data/agents/qa.md", "      - data/\n", "      - data\n");
    let found = added(&before, &check(dir.path(), &[]));
    let far = found
        .iter()
        .find(|f| f.rule == "invalid-enum" && f.message.contains("security_control_disablement"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(!far.message.contains("did you mean"), "{far:?}");
    let autonomy = found
        .iter()
        .find(|f| f.path == "data/agents/lead.md" && f.rule == "inconsistent-value")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(autonomy.message.contains("Autonomy Level"), "{autonomy:?}");
    assert!(
        !found.iter().any(|f| f.path == "data/agents/qa.md" && f.rule == "inconsistent-value"),
        "a trailing `/` is no difference: {found:#?}"
    );
    // The inherited value of the unmodified project names the parent's file.
    let inherited = before
        .iter()
        .find(|f| f.rule == "inconsistent-value" && f.message.contains("inherited from"))
        .unwrap_or_else(|| panic!("{before:#?}"));
    assert!(inherited.message.contains("platform-engineer.md"), "{inherited:?}");
}

/// `rolekit fmt` formats commands and prompts too: keys in the order of the
/// kind's own schema with `key-order = "schema"`, no section numbering
/// outside roles, registries (JSON) left alone.
#[test]
fn fmt_orders_commands_and_prompts_by_their_own_schema() {
    let dir = project();
    fs::create_dir_all(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("rolekit.toml"), "[format]\nkey-order = \"schema\"\n").unwrap();
    let command = "data/commands/commit.md";
    let before = fs::read_to_string(dir.path().join(command)).unwrap();
    let registry = fs::read_to_string(dir.path().join("data/commands/registry.json")).unwrap();
    let run = rolekit(dir.path(), &["fmt", "data/commands", "data/prompts/02_context"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let after = fs::read_to_string(dir.path().join(command)).unwrap();
    assert_ne!(before, after);
    // `parallel` follows `outputs` in a pipeline stage, as the command schema orders them.
    let stage = &after[after.find("prompt: review.generate-commit-insights").unwrap()..];
    let stage = &stage[..stage.find("    - stage:").unwrap_or(stage.len())];
    assert!(stage.find("outputs:").unwrap() < stage.find("parallel: true").unwrap(), "{stage}");
    // The body's headings are not numbered as a role's sections would be.
    let headings = |t: &str| t.lines().filter(|l| l.starts_with("## ")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(headings(&before), headings(&after));
    assert_eq!(fs::read_to_string(dir.path().join("data/commands/registry.json")).unwrap(), registry);
    // Formatting is idempotent and checks clean.
    let again = rolekit(dir.path(), &["fmt", "--check", "data/commands", "data/prompts/02_context"]);
    assert_eq!(again.code, 0, "{}{}", again.stdout, again.stderr);
}
