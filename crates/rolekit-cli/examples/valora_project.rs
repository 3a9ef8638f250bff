//! Generates a valora project of any size from the real one, for
//! `scripts/bench-valora.sh`: N roles, N commands and N prompts, each a copy
//! of a real file of valora.ai v2.4.0 with its names made unique and its
//! references rewritten to point at generated documents (so they resolve as
//! the real ones do, and the real ones that do not resolve still do not),
//! plus the three registries listing every generated file.
//!
//! ```text
//! cargo run --release -p rolekit-cli --example valora_project -- SOURCE_DATA N OUT_DIR
//! ```
//!
//! SOURCE_DATA is a valora `data/` folder (the corpus's
//! `valora-project/data`); OUT_DIR receives `data/...`. Check it from inside
//! OUT_DIR (`cd OUT_DIR && rolekit check .`): the project root is found from
//! the current folder, and files outside it are not resolved against it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "md")).collect())
        .unwrap_or_default();
    out.retain(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('_')));
    out.sort();
    out
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A real document to copy: its text and name.
struct Source {
    name: String,
    text: String,
    /// For prompts: the category folder.
    folder: String,
}

/// The frontmatter and the body of `text`.
fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else { return ("", text) };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end + 1], &rest[end + 5..]),
        None => ("", text),
    }
}

/// `value` (a role name) as generated group `k` names it.
fn role_ref(value: &str, k: usize, groups: usize) -> String {
    format!("{value}-{}", k % groups)
}

/// `value` (a prompt id `category.name`) as generated group `k` names it.
fn prompt_ref(value: &str, k: usize, groups: usize) -> String {
    format!("{value}-{}", k % groups)
}

/// Rewrites one frontmatter line by line: `key: value` at the top level is
/// handed to `top`, list items under a key path to `item`.
fn rewrite(
    front: &str,
    top: &dyn Fn(&str, &str) -> Option<String>,
    item: &dyn Fn(&str, &str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(front.len() + 256);
    // The key path of the current line, by indentation.
    let mut path: Vec<(usize, String)> = Vec::new();
    for line in front.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let content = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let dash = content.len() != trimmed.len();
        let is_key = content.split_once(':').is_some_and(|(k, _)| !k.contains(' '));
        // The column of this line's key (or, for a list item of scalars, of its dash).
        let col = if is_key { indent + usize::from(dash) * 2 } else { indent };
        while path.last().is_some_and(|(c, _)| *c >= col) {
            path.pop();
        }
        let keys: Vec<&str> = path.iter().map(|(_, k)| k.as_str()).collect();
        let joined = keys.join(".");
        if let Some((key, value)) = content.split_once(':').filter(|(k, _)| !k.contains(' ')) {
            let value = value.trim();
            let replaced = if indent == 0 { top(key, value) } else { item(&format!("{joined}.{key}"), value) };
            match replaced {
                Some(v) => {
                    let _ = writeln!(out, "{}{key}: {v}", &line[..line.len() - content.len()]);
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            if value.is_empty() {
                path.push((col, key.to_string()));
            }
        } else if dash {
            match item(&joined, content.trim()) {
                Some(v) => {
                    let _ = writeln!(out, "{}{v}", &line[..line.len() - content.len()]);
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, n, out] = &args[..] else {
        eprintln!("usage: valora_project SOURCE_DATA N OUT_DIR");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a number");
        return ExitCode::from(2);
    };
    let source = Path::new(source);
    let read = |p: &Path| fs::read_to_string(p).unwrap_or_default();
    let roles: Vec<Source> = md_files(&source.join("agents"))
        .iter()
        .map(|p| Source { name: stem(p), text: read(p), folder: String::new() })
        .collect();
    let commands: Vec<Source> = md_files(&source.join("commands"))
        .iter()
        .map(|p| Source { name: stem(p), text: read(p), folder: String::new() })
        .collect();
    let mut prompts: Vec<Source> = Vec::new();
    let mut folders: Vec<PathBuf> = fs::read_dir(source.join("prompts"))
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    folders.sort();
    for folder in folders {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for p in md_files(&folder) {
            prompts.push(Source { name: stem(&p), text: read(&p), folder: name.clone() });
        }
    }
    if roles.is_empty() || commands.is_empty() || prompts.is_empty() {
        eprintln!("{} is not a valora data folder", source.display());
        return ExitCode::from(2);
    }
    // References point into complete groups only (a partial last group
    // would turn resolving names of the real tree into unknown ones).
    let role_groups = (n / roles.len()).max(1);
    let prompt_groups = (n / prompts.len()).max(1);
    let out = Path::new(out).join("data");
    let _ = fs::remove_dir_all(&out);
    for dir in ["agents", "commands", "prompts"] {
        let _ = fs::create_dir_all(out.join(dir));
    }
    let mut agents_registry = BTreeMap::new();
    let mut commands_registry = BTreeMap::new();
    let mut prompts_registry = BTreeMap::new();

    for i in 0..n {
        let src = &roles[i % roles.len()];
        let k = i / roles.len();
        let name = format!("{}-{k}", src.name);
        let (front, body) = split(&src.text);
        let front = rewrite(
            front,
            &|key, value| match key {
                "role" => Some(name.clone()),
                "inherits" if !value.is_empty() => Some(format!("{value}-{k}")),
                _ => None,
            },
            &|_, _| None,
        );
        let _ = fs::write(out.join("agents").join(format!("{name}.md")), format!("---\n{front}---\n{body}"));
        agents_registry
            .insert(name, serde_json::json!({"domains": [], "expertise": [], "selectionCriteria": [], "priority": 50}));
    }
    for i in 0..n {
        let src = &commands[i % commands.len()];
        let k = i / commands.len();
        let name = format!("{}-{k}", src.name);
        let (front, body) = split(&src.text);
        let front = rewrite(
            front,
            &|key, value| match key {
                "name" => Some(name.clone()),
                "agent" | "fallback_agent" if !value.is_empty() => Some(role_ref(value, k, role_groups)),
                _ => None,
            },
            &|path, value| {
                (path.ends_with("pipeline.prompt") && value.contains('.')).then(|| prompt_ref(value, k, prompt_groups))
            },
        );
        let _ = fs::write(out.join("commands").join(format!("{name}.md")), format!("---\n{front}---\n{body}"));
        commands_registry.insert(name.clone(), serde_json::json!({"name": name}));
    }
    for i in 0..n {
        let src = &prompts[i % prompts.len()];
        let k = i / prompts.len();
        let name = format!("{}-{k}", src.name);
        let (front, body) = split(&src.text);
        let front = rewrite(
            front,
            &|key, value| match key {
                "id" if value.contains('.') => Some(format!("{value}-{k}")),
                _ => None,
            },
            &|path, value| match path {
                "agents" if !value.is_empty() => Some(role_ref(value, k, role_groups)),
                p if p.starts_with("dependencies.") && value.contains('.') => Some(prompt_ref(value, k, prompt_groups)),
                _ => None,
            },
        );
        let dir = out.join("prompts").join(&src.folder);
        let _ = fs::create_dir_all(&dir);
        let _ = fs::write(dir.join(format!("{name}.md")), format!("---\n{front}---\n{body}"));
        prompts_registry.insert(format!("{}.{name}", src.folder), serde_json::json!({"name_of_file": name}));
    }
    let write = |path: PathBuf, value: serde_json::Value| {
        let _ = fs::write(path, serde_json::to_string_pretty(&value).unwrap_or_default());
    };
    write(out.join("agents/registry.json"), serde_json::json!({"capabilities": agents_registry}));
    write(out.join("commands/registry.json"), serde_json::json!({"commands": commands_registry}));
    write(out.join("prompts/registry.json"), serde_json::json!({"prompts": prompts_registry}));
    println!("{} roles, {n} commands, {n} prompts in {}", n, out.display());
    ExitCode::SUCCESS
}
