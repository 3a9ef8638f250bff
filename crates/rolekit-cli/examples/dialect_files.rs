//! Generates a project of vendor agent files of any size from the real ones,
//! for `scripts/bench-dialects.sh`: N files, each a copy of a file of the
//! corpus's `dialects/` folder, taken in turn, written where its vendor
//! looks for it under a unique name:
//!
//! - Claude Code subagents: `.claude/agents/<name>.md` (`name:` rewritten);
//! - Agent Skills: `skills/<name>/SKILL.md` (`name:` rewritten to the folder);
//! - Cursor rules: `.cursor/rules/<name>.mdc`;
//! - GitHub Copilot agents: `.github/agents/<name>.agent.md` (legacy chat
//!   modes: `.github/chatmodes/<name>.chatmode.md`);
//! - Copilot prompts: `.github/prompts/<name>.prompt.md`;
//! - Copilot instructions: `.github/instructions/<name>.instructions.md`,
//!   made from each Cursor rule (the corpus has none of its own): its body,
//!   its `description`, and its `globs` as `applyTo`.
//!
//! ```text
//! cargo run --release -p rolekit-cli --example dialect_files -- DIALECTS N OUT_DIR
//! ```
//!
//! DIALECTS is the corpus's `dialects/` folder (one subfolder per format).
//! Check the result from inside OUT_DIR (`cd OUT_DIR && rolekit check .`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy)]
enum Format {
    ClaudeAgent,
    Skill,
    CursorRule,
    CopilotAgent,
    ChatMode,
    Prompt,
    Instructions,
}

/// A real file to copy: its format, a name to number and its text.
struct Source {
    format: Format,
    name: String,
    text: String,
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect()).unwrap_or_default();
    out.sort();
    out
}

/// A lowercase, hyphenated name from the corpus file name
/// (`owner__repo__.claude__agents__security-reviewer.md` → `security-reviewer`;
/// a skill is named after its folder).
fn slug(path: &Path, format: Format) -> String {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let parts: Vec<&str> = file.split("__").collect();
    let last = match format {
        Format::Skill if parts.len() > 1 => parts[parts.len() - 2],
        _ => parts.last().copied().unwrap_or("file"),
    };
    let base = last.split('.').next().unwrap_or(last);
    let mut out = String::new();
    for c in base.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "file".to_string()
    } else {
        out.chars().take(40).collect()
    }
}

/// The frontmatter (without its fences) and the body of `text`, when it has one.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest.find("\n---")?;
    let after = &rest[end + 4..];
    let body = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
    Some((&rest[..end + 1], body))
}

/// `text` with its top-level `name:` line set to `name` (added when missing).
fn renamed(text: &str, name: &str) -> String {
    let Some((front, body)) = split(text) else { return format!("---\nname: {name}\n---\n{text}") };
    let mut out = String::with_capacity(text.len() + 32);
    out.push_str("---\n");
    let mut done = false;
    for line in front.lines() {
        if !done && line.starts_with("name:") {
            out.push_str(&format!("name: {name}\n"));
            done = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !done {
        out.insert_str(4, &format!("name: {name}\n"));
    }
    out.push_str("---\n");
    out.push_str(body);
    out
}

/// The top-level one-line value of `key` in a frontmatter.
fn value<'a>(front: &'a str, key: &str) -> Option<&'a str> {
    front.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(':')).map(str::trim).filter(|v| !v.is_empty())
}

/// A Copilot instructions file made from a Cursor rule.
fn instructions(rule: &str) -> String {
    let (front, body) = split(rule).unwrap_or(("", rule));
    let mut out = String::from("---\n");
    if let Some(d) = value(front, "description") {
        out.push_str(&format!("description: {d}\n"));
    }
    let globs = value(front, "globs").map(|g| g.trim_matches(['"', '\'']).to_string()).unwrap_or_else(|| "**".into());
    out.push_str(&format!("applyTo: '{}'\n---\n", globs.replace('\'', "''")));
    out.push_str(body);
    out
}

fn sources(dialects: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    let mut add = |folder: &str, pick: &dyn Fn(&Path) -> Option<Format>| {
        for path in files(&dialects.join(folder)) {
            let Some(format) = pick(&path) else { continue };
            let Ok(text) = fs::read_to_string(&path) else { continue };
            if format_is(format, Format::CursorRule) {
                out.push(Source { format: Format::Instructions, name: slug(&path, format), text: instructions(&text) });
            }
            out.push(Source { format, name: slug(&path, format), text });
        }
    };
    let ends = |p: &Path, suffix: &str| p.to_string_lossy().ends_with(suffix);
    add("claude-code-agents", &|p| ends(p, ".md").then_some(Format::ClaudeAgent));
    add("agent-skills", &|p| ends(p, "SKILL.md").then_some(Format::Skill));
    add("cursor-rules", &|p| ends(p, ".mdc").then_some(Format::CursorRule));
    add("copilot-agents", &|p| {
        if ends(p, ".chatmode.md") {
            Some(Format::ChatMode)
        } else {
            ends(p, ".agent.md").then_some(Format::CopilotAgent)
        }
    });
    add("copilot-prompts", &|p| ends(p, ".prompt.md").then_some(Format::Prompt));
    out
}

fn format_is(a: Format, b: Format) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dialects, n, out] = args.as_slice() else {
        eprintln!("usage: dialect_files DIALECTS N OUT_DIR");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a number");
        return ExitCode::from(2);
    };
    let sources = sources(Path::new(dialects));
    if sources.is_empty() {
        eprintln!("no vendor agent files in {dialects}");
        return ExitCode::from(2);
    }
    let out = Path::new(out);
    let _ = fs::remove_dir_all(out);
    let folders = [
        ".claude/agents",
        ".cursor/rules",
        ".github/agents",
        ".github/chatmodes",
        ".github/prompts",
        ".github/instructions",
    ];
    for f in folders {
        let _ = fs::create_dir_all(out.join(f));
    }
    let mut bytes = 0;
    for i in 0..n {
        let src = &sources[i % sources.len()];
        let name = format!("{}-{i}", src.name);
        let (path, text) = match src.format {
            Format::ClaudeAgent => (out.join(".claude/agents").join(format!("{name}.md")), renamed(&src.text, &name)),
            Format::Skill => {
                let dir = out.join("skills").join(&name);
                let _ = fs::create_dir_all(&dir);
                (dir.join("SKILL.md"), renamed(&src.text, &name))
            }
            Format::CursorRule => (out.join(".cursor/rules").join(format!("{name}.mdc")), src.text.clone()),
            Format::CopilotAgent => (out.join(".github/agents").join(format!("{name}.agent.md")), src.text.clone()),
            Format::ChatMode => (out.join(".github/chatmodes").join(format!("{name}.chatmode.md")), src.text.clone()),
            Format::Prompt => (out.join(".github/prompts").join(format!("{name}.prompt.md")), src.text.clone()),
            Format::Instructions => {
                (out.join(".github/instructions").join(format!("{name}.instructions.md")), src.text.clone())
            }
        };
        bytes += text.len();
        if let Err(e) = fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!("{n} vendor agent files ({} sources, {} KB) in {}", sources.len(), bytes / 1024, out.display());
    ExitCode::SUCCESS
}
