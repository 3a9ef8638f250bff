//! Every rule's documented examples run: the bad one must fire the rule, the
//! good one must not (as biome runs the examples of its rule docs).
//!
//! Examples are fragments of a document, completed into a whole one so that
//! the rule under test is reachable:
//! - a first line `# file: PATH` names the file (default `qa.md`, a role).
//!   The path decides the kind, as [`policy::classify`] does:
//!   `data/commands/NAME.md` is a command, `data/prompts/NN_CATEGORY/NAME.md`
//!   a prompt, `data/<agents|commands|prompts>/registry.json` a registry,
//!   `playbooks/NAME.md` a document of the test kind `playbook` (its schema,
//!   [`PLAYBOOK_SCHEMA`], requires `title` and makes `command` name a
//!   command), anything else a role;
//! - a first line `# rolekit.toml: KEY = VALUE` adds to the project's
//!   configuration (dotted TOML keys: `token-budget.section = 40`); token
//!   counts come from the 4-characters-per-token estimate, so the examples'
//!   limits leave room for every real encoding;
//! - an example starting with `---` or a `# Title` is the whole file, where a
//!   line `...` inside the frontmatter stands for the rest of a valid one;
//! - otherwise its YAML lines (up to a line `...`) replace the same
//!   top-level keys of a valid document of its kind, and for a role its
//!   Markdown lines (after `...`, or from the start when it opens with `## `,
//!   `- ` or `**`) replace the standard sections they name (a `...` among
//!   them stands for some text); lines without a section go into the first
//!   section. Commands get a valid command body, prompts and playbooks a title;
//! - a registry example is the JSON itself.
//!
//! The example world is one valora tree, `data/`: roles `qa`, `lead`,
//! `platform-engineer` and `base` in `data/agents/` (also the parents named
//! by `inherits`, with `level-N`, which inherits `level-N+1`, up to
//! `level-200`), the command `plan` (agent `lead`, one stage running
//! `context.load-task`) and the prompts `context.load-task` and
//! `plan.assess-complexity`. Registry examples are checked against it.

use std::collections::HashMap;
use std::sync::Arc;

use rolekit_core::analysis::registry::{self, RegisteredFile};
use rolekit_core::analysis::{self, BudgetCheck, Context, Parent, Project, Resolver};
use rolekit_core::policy::{self, Config, Kind, Schemas, Scope};
use rolekit_core::project::{summarize, NameIndex};
use rolekit_core::rules::RULES;
use rolekit_core::schema::sections::SECTIONS;
use rolekit_core::tokens::Estimate;
use rolekit_core::{Diagnostic, Document};

const FRONTMATTER: &str = "role: qa\nversion: 1.0.0\ndescription: Quality assurance engineer\nspecialization: Test automation\ntone: concise-technical\nexpertise:\n  - Testing\nresponsibilities:\n  - Write tests\ncapabilities:\n  can_write_knowledge: true\n  can_write_code: true\n  can_review_code: true\n  can_run_tests: true\n";

const COMMAND: &str = "name: plan\ndescription: Analyze the task and plan the work\nmodel: claude-sonnet-4.6\nagent: lead\nallowed-tools:\n  - read_file\nprompts:\n  pipeline:\n    - stage: context\n      prompt: context.load-task\n      required: true\n  merge_strategy: sequential\n";

const COMMAND_BODY: &str = "# Planning Command\n\n## Role\n\nUse the [agent] profile\n\n## Goal\n\nPlan the work.\n";

const PROMPT: &str = "id: context.load-task\nversion: 1.0.0\ncategory: context\nname: Load Task\ndescription: Load the task details for refinement\nagents:\n  - lead\n";

const PLAYBOOK: &str = "title: Release\ncommand: plan\n";

/// The schema of the test kind `playbook`.
const PLAYBOOK_SCHEMA: &str = r#"{
  "type": "object",
  "required": ["title"],
  "additionalProperties": false,
  "properties": {
    "title": {"type": "string", "description": "The playbook's title."},
    "command": {"type": "string", "x-references": "command", "description": "The command it runs."}
  }
}"#;

fn section(number: u32) -> String {
    let s = &SECTIONS[number as usize - 1];
    format!("## {number}. {}\n\nWhat this section says.\n\n", s.title)
}

/// The example world's parents.
struct World;

impl Resolver for World {
    fn parent(&self, name: &str) -> Option<Parent> {
        let role = |name: &str, inherits: Option<String>| {
            let inherits = inherits.map(|p| format!("inherits: {p}\n")).unwrap_or_default();
            let text = format!("---\n{}{inherits}---\n", FRONTMATTER.replace("role: qa", &format!("role: {name}")));
            Some(Parent { document: Arc::new(Document::new(text)), location: format!("{name}.md") })
        };
        match name {
            "platform-engineer" | "base" => role(name, None),
            _ => {
                let n: u32 = name.strip_prefix("level-")?.parse().ok()?;
                (1..=200).contains(&n).then(|| role(name, (n < 200).then(|| format!("level-{}", n + 1))))?
            }
        }
    }
}

/// The example world: its configuration, schemas, index and registered files.
struct Setting {
    config: Config,
    schemas: Schemas,
    index: NameIndex,
    files: HashMap<String, RegisteredFile>,
}

/// The example world's kind of its own.
const KINDS: &str =
    "[[kinds]]\nname = \"playbook\"\ninclude = [\"playbooks/*.md\"]\nschema = \"playbook.schema.json\"\n";

fn setting() -> Setting {
    let config = Config::parse(KINDS).unwrap_or_else(|e| panic!("{e:?}"));
    let schemas =
        policy::schemas::load(&config, &mut |_| Ok(PLAYBOOK_SCHEMA.to_string())).unwrap_or_else(|e| panic!("{e:?}"));
    let role = |name: &str| format!("---\n{}---\n", FRONTMATTER.replace("role: qa", &format!("role: {name}")));
    let docs: Vec<(String, String)> = vec![
        ("data/agents/qa.md".into(), role("qa")),
        ("data/agents/lead.md".into(), role("lead")),
        ("data/agents/platform-engineer.md".into(), role("platform-engineer")),
        ("data/agents/base.md".into(), role("base")),
        ("data/commands/plan.md".into(), format!("---\n{COMMAND}---\n{COMMAND_BODY}")),
        ("data/prompts/02_context/load-task.md".into(), format!("---\n{PROMPT}---\n# Load Task\n")),
        (
            "data/prompts/03_plan/assess-complexity.md".into(),
            format!(
                "---\n{}---\n# Assess Complexity\n",
                PROMPT
                    .replace("context.load-task", "plan.assess-complexity")
                    .replace("category: context", "category: plan")
            ),
        ),
    ];
    let index = NameIndex::from_summaries(docs.iter().filter_map(|(p, t)| summarize(&config, p, p, t)));
    let mut files = HashMap::new();
    let plan = Document::new(docs[4].1.clone());
    if let Some(f) = registry::projection(policy::Family::Command, &plan, "data/commands/plan.md".into()) {
        files.insert("plan".to_string(), f);
    }
    Setting { config, schemas, index, files }
}

/// Top-level keys of YAML lines.
fn keys(yaml: &str) -> Vec<&str> {
    yaml.lines()
        .filter(|l| !l.starts_with([' ', '-', '#']) && !l.is_empty())
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
        .collect()
}

/// `base` without the blocks of `drop` keys.
fn base_without(base: &str, drop: &[&str]) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in base.lines() {
        if !line.starts_with(' ') {
            skipping = keys(line).iter().any(|k| drop.contains(k));
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The body: the example's sections in place of the standard ones they span.
fn body(fragment: &str) -> String {
    let fragment = fragment.replace("\n...\n", "\nSome text.\n");
    let numbers: Vec<u32> = fragment
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter_map(|h| {
            let title = h.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
            rolekit_core::schema::sections::find(title)
                .map(|s| s.number)
                .or_else(|| h.split('.').next().and_then(|n| n.parse().ok()))
        })
        .collect();
    let mut out = String::from("# QA Engineer\n\n");
    match (numbers.iter().min(), numbers.iter().max()) {
        (Some(&lo), Some(&hi)) => {
            for n in 1..lo {
                out.push_str(&section(n));
            }
            out.push_str(&fragment);
            out.push_str("\n\n");
            for n in hi + 1..=12 {
                out.push_str(&section(n));
            }
        }
        _ if fragment.trim().is_empty() => {
            for n in 1..=12 {
                out.push_str(&section(n));
            }
        }
        _ => {
            out.push_str(&section(1).replace("What this section says.", &fragment));
            for n in 2..=12 {
                out.push_str(&section(n));
            }
        }
    }
    out
}

/// The whole file an example stands for, and its name.
fn complete(example: &str) -> (String, String) {
    let (file, example) = match example.strip_prefix("# file: ") {
        Some(rest) => {
            let (name, rest) = rest.split_once('\n').unwrap_or((rest, ""));
            (name.trim().to_string(), rest)
        }
        None => ("qa.md".to_string(), example),
    };
    if file.ends_with(".json") {
        return (file, example.to_string());
    }
    let (base, tail) = if file.starts_with("data/commands/") {
        (COMMAND, Some(COMMAND_BODY.to_string()))
    } else if file.starts_with("data/prompts/") {
        (PROMPT, Some("# Prompt\n".to_string()))
    } else if file.starts_with("playbooks/") {
        (PLAYBOOK, Some("# Playbook\n".to_string()))
    } else {
        (FRONTMATTER, None)
    };
    if example.starts_with("---") || (example.starts_with("# ") && !example.starts_with("# file:")) {
        let mut out = String::new();
        let mut in_frontmatter = false;
        for (i, line) in example.lines().enumerate() {
            if line == "---" {
                in_frontmatter = i == 0;
            }
            if line == "..." && in_frontmatter {
                out.push_str(base);
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        return (file, out);
    }
    if let Some(tail) = tail {
        let frontmatter = format!("{}{example}\n", base_without(base, &keys(example)));
        return (file, format!("---\n{frontmatter}---\n\n{tail}"));
    }
    let first = example.lines().next().unwrap_or("");
    let markdown_first = first.starts_with("## ") || first.starts_with("- ") || first.starts_with("**");
    let (yaml, markdown) = if markdown_first {
        ("", example)
    } else {
        match example.split_once("\n...\n") {
            Some((yaml, md)) => (yaml, md),
            None => (example, ""),
        }
    };
    let frontmatter = format!("{}{yaml}\n", base_without(base, &keys(yaml)));
    (file, format!("---\n{frontmatter}---\n\n{}", body(markdown)))
}

/// The example without its `# rolekit.toml:` lines, and the configuration
/// they make (over the example world's `[[kinds]]`).
fn split_config(example: &str) -> (&str, Config) {
    let mut toml = String::new();
    let mut rest = example;
    while let Some(line) = rest.strip_prefix("# rolekit.toml: ") {
        let (line, after) = line.split_once('\n').unwrap_or((line, ""));
        toml.push_str(line);
        toml.push('\n');
        rest = after;
    }
    toml.push_str(KINDS);
    let config = Config::parse(&toml).unwrap_or_else(|e| panic!("{toml}: {e:?}"));
    (rest, config)
}

fn check(world: &Setting, file: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    let kind = match policy::classify(config, Some(file), text) {
        Scope::In(kind) => kind,
        Scope::Out(_) => Kind::Role,
    };
    if let Kind::Registry(family) = kind {
        let doc = Document::json(text.to_string());
        return registry::check(&doc, family, "data", &world.index, &world.files);
    }
    let doc = Document::new(text.to_string());
    let ctx = Context {
        file_stem: Some(policy::file_stem(file)),
        kind,
        resolver: &World,
        config: &config.rules,
        token_budget: Some(BudgetCheck { budget: &config.token_budget, counter: &Estimate }),
    };
    let project = Project { schemas: &world.schemas, index: &world.index, path: Some(file) };
    analysis::check_in(&doc, &ctx, &project)
}

#[test]
fn the_completed_base_documents_are_clean() {
    let world = setting();
    for example in [
        "tone: concise-technical",
        "# file: data/commands/plan.md\nmodel: claude-sonnet-4.6",
        "# file: data/prompts/02_context/load-task.md\nversion: 1.0.0",
        "# file: playbooks/release.md\ntitle: Release",
    ] {
        let (file, text) = complete(example);
        let diagnostics = check(&world, &file, &text, &world.config);
        assert!(diagnostics.is_empty(), "{file}:\n{text}\n{diagnostics:#?}");
    }
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let world = setting();
    let mut failures = Vec::new();
    for rule in RULES {
        let (bad, config) = split_config(rule.bad);
        let (file, bad) = complete(bad);
        if !check(&world, &file, &bad, &config).iter().any(|d| d.rule == rule.id) {
            failures.push(format!("{}: the bad example does not fire:\n{bad}", rule.id));
        }
        let (good, config) = split_config(rule.good);
        let (file, good) = complete(good);
        let fired: Vec<String> = check(&world, &file, &good, &config)
            .iter()
            .filter(|d| d.rule == rule.id)
            .map(|d| d.message.clone())
            .collect();
        if !fired.is_empty() {
            failures.push(format!("{}: the good example fires {fired:?}:\n{good}", rule.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
