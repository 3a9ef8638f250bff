//! `rolekit export --format json` and the MCP server's `export` tool: a role
//! written as another tool's agent file, with what that format cannot say.

use serde::{Deserialize, Serialize};

pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    pub version: u32,
    /// The role file exported, as given.
    pub source: String,
    /// `claude`, `copilot`, `cursor` or `skill`.
    pub target: String,
    /// The kind the exported file is checked as (`claude-agent`, `copilot-agent`, `cursor-rule`, `skill`).
    pub kind: String,
    /// Where the file lives in a repository (`.claude/agents/<name>.md`, ...).
    pub path: String,
    /// Where it was written, if it was (`-o`, `--out-dir`).
    pub written: Option<String>,
    /// The exported file.
    pub text: String,
    /// What the target cannot express, in the role's key order.
    pub notes: Vec<ExportNote>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportNote {
    /// The role's key (`tone`, `constraints`, ...).
    pub key: String,
    pub message: String,
}

impl Export {
    pub fn from_core(out: &rolekit_core::export::Exported, source: &str, written: Option<String>) -> Export {
        Export {
            version: VERSION,
            source: source.to_string(),
            target: out.target.name().to_string(),
            kind: out.target.dialect().name().to_string(),
            path: out.path.clone(),
            written,
            text: out.text.clone(),
            notes: out.notes.iter().map(|n| ExportNote { key: n.key.clone(), message: n.message.clone() }).collect(),
        }
    }
}
