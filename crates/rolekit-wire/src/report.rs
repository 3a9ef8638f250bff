//! `rolekit check --format json`, version 1: the documented contract
//! (`docs/json-format.md`). Fields are never renamed or removed within a
//! version; a test in the CLI reads its output back into [`Report`].

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::position::{Lines, Range, TextEdit};

pub const VERSION: u32 = 1;

/// The whole document. The CLI streams it (one line per file); readers can
/// deserialize it whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub version: u32,
    pub files: Vec<File>,
    pub summary: Summary,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// As given on the command line or found under a directory, `/`-separated.
    pub path: String,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub range: Range,
    pub fix: Option<Fix>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<TextEdit>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Diagnostic {
    pub fn from_core(d: &rolekit_core::Diagnostic, lines: &Lines) -> Self {
        Diagnostic {
            rule: d.rule.as_str().to_string(),
            severity: d.severity.into(),
            message: d.message.clone(),
            range: lines.range(d.range),
            fix: d.fix.as_ref().map(|f| Fix {
                description: f.description.clone(),
                edits: f.edits.iter().map(|e| lines.edit(e)).collect(),
            }),
        }
    }
}

impl File {
    pub fn from_core(path: &str, diagnostics: &[rolekit_core::Diagnostic], lines: &Lines) -> Self {
        File {
            path: path.to_string(),
            diagnostics: diagnostics.iter().map(|d| Diagnostic::from_core(d, lines)).collect(),
        }
    }
}
