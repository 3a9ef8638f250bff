//! `rolekit export`: a resolved valora role written as another tool's agent
//! file (a Claude Code subagent, a GitHub Copilot custom agent, a Cursor
//! rule or an Agent Skill), with a note for everything the target cannot
//! express.
//!
//! Pure: the input is the role resolved through `inherits`
//! ([`crate::analysis::resolved_role`]) and the role's Markdown body; the
//! output is the file's text, where it lives in a repository, and the notes.
//! Every top-level key of the role is either mapped or named in a note
//! (`docs/export.md` has the table). The body is kept byte for byte; the
//! frontmatter uses the body's line ending.

mod emit;
mod map;
mod names;

use serde_json::Value;

use crate::analysis::{self, Context, Project};
use crate::policy::{self, Config, Dialect, Kind, Scope};
use crate::{Diagnostic, Document};

pub use names::{slug, MAX_SKILL_DESCRIPTION, MAX_SKILL_NAME};

/// A format a role can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A Claude Code subagent: `.claude/agents/<name>.md`.
    Claude,
    /// A GitHub Copilot custom agent: `.github/agents/<name>.agent.md`.
    Copilot,
    /// A Cursor project rule: `.cursor/rules/<name>.mdc`.
    Cursor,
    /// An Agent Skill: `<name>/SKILL.md`.
    Skill,
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Claude, Target::Copilot, Target::Cursor, Target::Skill];

    /// The name `--to` takes.
    pub fn name(self) -> &'static str {
        match self {
            Target::Claude => "claude",
            Target::Copilot => "copilot",
            Target::Cursor => "cursor",
            Target::Skill => "skill",
        }
    }

    pub fn by_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The kind of document the exported file is.
    pub fn dialect(self) -> Dialect {
        match self {
            Target::Claude => Dialect::ClaudeAgent,
            Target::Copilot => Dialect::CopilotAgent,
            Target::Cursor => Dialect::CursorRule,
            Target::Skill => Dialect::Skill,
        }
    }

    /// Where a file named `name` lives in a repository, `/`-separated.
    pub fn path(self, name: &str) -> String {
        match self {
            Target::Claude => format!(".claude/agents/{name}.md"),
            Target::Copilot => format!(".github/agents/{name}.agent.md"),
            Target::Cursor => format!(".cursor/rules/{name}.mdc"),
            Target::Skill => format!("{name}/SKILL.md"),
        }
    }
}

/// Something of the role the exported file does not carry as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The role's key (`tone`, `constraints`, ...).
    pub key: String,
    pub message: String,
}

/// An exported file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub target: Target,
    /// The name in the target's rules (the file's name, a skill's folder).
    pub name: String,
    /// Where it lives in a repository ([`Target::path`]).
    pub path: String,
    pub text: String,
    /// In the role's key order.
    pub notes: Vec<Note>,
}

impl Exported {
    /// The file checked where it lives ([`Exported::path`]) as the agent-file
    /// kind the policy gives that path: the diagnostics of every rule, or why
    /// the path is not an agent file of any kind.
    pub fn check_at_target(&self) -> Result<Vec<Diagnostic>, String> {
        let kind = match policy::classify(&Config::default(), Some(&self.path), &self.text) {
            Scope::In(kind @ Kind::Dialect(_)) => kind,
            Scope::In(kind) => return Err(format!("{} lives where a {kind:?} does", self.path)),
            Scope::Out(why) => return Err(format!("{} is not in scope: {why:?}", self.path)),
        };
        let doc = Document::new(self.text.clone());
        let ctx = Context { kind, file_stem: Some(policy::file_stem(&self.path)), ..Context::default() };
        let project = Project { path: Some(&self.path), ..Project::default() };
        Ok(analysis::check_in(&doc, &ctx, &project))
    }

    /// The errors of [`Exported::check_at_target`], each `rule: message`, or
    /// why the file could not be checked there: empty when the export is
    /// sound where it lives.
    pub fn errors_at_target(&self) -> Vec<String> {
        match self.check_at_target() {
            Ok(diagnostics) => diagnostics
                .into_iter()
                .filter(|d| d.severity == crate::rules::Severity::Error)
                .map(|d| format!("{}: {}", d.rule, d.message))
                .collect(),
            Err(why) => vec![why],
        }
    }
}

/// Writes `role` (a resolved role as JSON) with its Markdown `body` (the text
/// after the frontmatter, kept as it is) as a `target` file.
pub fn export(role: &Value, body: &str, target: Target) -> Exported {
    let empty = serde_json::Map::new();
    let role = role.as_object().unwrap_or(&empty);
    let mapped = map::map(role, target);
    let newline = newline_of(body);
    let mut text = emit::frontmatter(&mapped.fields, newline);
    text.push_str(body);
    Exported { target, path: target.path(&mapped.name), name: mapped.name, text, notes: mapped.notes }
}

/// The body's first line break (`\n` when it has none).
fn newline_of(body: &str) -> &'static str {
    match body.find(['\n', '\r']) {
        Some(i) if body[i..].starts_with("\r\n") => "\r\n",
        Some(i) if body[i..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests;
