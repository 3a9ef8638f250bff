//! Every rule's documented examples run: the bad one must fire the rule, the
//! good one must not (as biome runs the examples of its rule docs).
//!
//! Examples are fragments of a role file, completed into a whole one so that
//! the rule under test is reachable:
//! - a first line `# file: NAME.md` names the file (default `qa.md`);
//! - an example starting with `---` or a `# Title` is the whole file, where a
//!   line `...` inside the frontmatter stands for the rest of a valid one;
//! - otherwise its YAML lines (up to a line `...`) replace the same
//!   top-level keys of a valid role, and its Markdown lines (after `...`, or
//!   from the start when it opens with `## `, `- ` or `**`) replace the
//!   standard sections they name (a `...` among them stands for some text);
//!   lines without a section go into the first section.
//!
//! Parents named by `inherits` exist when they are `platform-engineer`,
//! `base` or `level-N` (which inherits `level-N+1`, up to `level-200`).

use std::sync::Arc;

use rolekit_core::analysis::{self, Context, Parent, Resolver};
use rolekit_core::policy;
use rolekit_core::rules::RULES;
use rolekit_core::schema::sections::SECTIONS;
use rolekit_core::{Diagnostic, Document};

const FRONTMATTER: &str = "role: qa\nversion: 1.0.0\ndescription: Quality assurance engineer\nspecialization: Test automation\ntone: concise-technical\nexpertise:\n  - Testing\nresponsibilities:\n  - Write tests\ncapabilities:\n  can_write_code: true\n";

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

/// Top-level keys of YAML lines.
fn keys(yaml: &str) -> Vec<&str> {
    yaml.lines()
        .filter(|l| !l.starts_with([' ', '-', '#']) && !l.is_empty())
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
        .collect()
}

/// The base frontmatter without the blocks of `drop` keys.
fn base_without(drop: &[&str]) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in FRONTMATTER.lines() {
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
    if example.starts_with("---") || (example.starts_with("# ") && !example.starts_with("# file:")) {
        let mut out = String::new();
        let mut in_frontmatter = false;
        for (i, line) in example.lines().enumerate() {
            if line == "---" {
                in_frontmatter = i == 0;
            }
            if line == "..." && in_frontmatter {
                out.push_str(FRONTMATTER);
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        return (file, out);
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
    let frontmatter = format!("{}{yaml}\n", base_without(&keys(yaml)));
    (file, format!("---\n{frontmatter}---\n\n{}", body(markdown)))
}

fn check(file: &str, text: &str) -> Vec<Diagnostic> {
    let doc = Document::new(text.to_string());
    let kind = policy::classify(&policy::Config::default(), Some(file), text).kind().unwrap_or(policy::Kind::Role);
    let ctx = Context { file_stem: Some(policy::file_stem(file)), kind, resolver: &World, ..Default::default() };
    analysis::check(&doc, &ctx)
}

#[test]
fn the_completed_base_role_is_clean() {
    let (file, text) = complete("tone: concise-technical");
    let diagnostics = check(&file, &text);
    assert!(diagnostics.is_empty(), "{text}\n{diagnostics:#?}");
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let mut failures = Vec::new();
    for rule in RULES {
        let (file, bad) = complete(rule.bad);
        if !check(&file, &bad).iter().any(|d| d.rule == rule.id) {
            failures.push(format!("{}: the bad example does not fire:\n{bad}", rule.id));
        }
        let (file, good) = complete(rule.good);
        let fired: Vec<String> =
            check(&file, &good).iter().filter(|d| d.rule == rule.id).map(|d| d.message.clone()).collect();
        if !fired.is_empty() {
            failures.push(format!("{}: the good example fires {fired:?}:\n{good}", rule.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
