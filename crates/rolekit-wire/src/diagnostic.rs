//! Diagnostics as editors and the playground receive them.

use rolekit_core::TextRange;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ts")]
use tsify::Tsify;
#[cfg(feature = "ts")]
use wasm_bindgen::prelude::wasm_bindgen;

use crate::position::{Lines, Range, TextEdit};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl From<rolekit_core::Severity> for Severity {
    fn from(s: rolekit_core::Severity) -> Self {
        match s {
            rolekit_core::Severity::Error => Severity::Error,
            rolekit_core::Severity::Warning => Severity::Warning,
            rolekit_core::Severity::Info => Severity::Info,
            rolekit_core::Severity::Hint => Severity::Hint,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct Fix {
    pub description: String,
    pub edits: Vec<TextEdit>,
    /// Safe fixes keep the author's intent and may be applied unasked (`fixAll`).
    pub safe: bool,
}

/// Another place that explains a diagnostic: in this document (`location` null) or in another open one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct RelatedInformation {
    pub message: String,
    /// The other document's name, or null for this one.
    pub location: Option<String>,
    /// null when `location` names a document that is not open.
    pub range: Option<Range>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct Diagnostic {
    /// The rule's stable id; see `rules()`.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub range: Range,
    pub fix: Option<Fix>,
    pub related: Vec<RelatedInformation>,
}

impl Fix {
    pub fn from_core(f: &rolekit_core::Fix, lines: &Lines) -> Self {
        Fix { description: f.description.clone(), edits: f.edits.iter().map(|e| lines.edit(e)).collect(), safe: f.safe }
    }
}

impl Diagnostic {
    /// Converts `d`, found in the document `lines` describes. A related
    /// location in another document goes through `elsewhere(location, range)`
    /// (`None` when that document is not at hand).
    pub fn from_core(
        d: &rolekit_core::Diagnostic,
        lines: &Lines,
        elsewhere: impl Fn(&str, TextRange) -> Option<Range>,
    ) -> Self {
        Diagnostic {
            rule: d.rule.as_str().to_string(),
            severity: d.severity.into(),
            message: d.message.clone(),
            range: lines.range(d.range),
            fix: d.fix.as_ref().map(|f| Fix::from_core(f, lines)),
            related: d
                .related
                .iter()
                .map(|r| RelatedInformation {
                    message: r.message.clone(),
                    location: r.location.clone(),
                    range: match &r.location {
                        None => Some(lines.range(r.range)),
                        Some(loc) => elsewhere(loc, r.range),
                    },
                })
                .collect(),
        }
    }
}
