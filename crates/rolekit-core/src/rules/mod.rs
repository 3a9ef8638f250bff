//! The rule registry: every diagnostic rolekit reports, as data.
//!
//! Each rule has a stable id (never renamed; CI configs and suppressions
//! refer to it), a default severity, a one-line summary and a document with a
//! bad and a good example. `rolekit rules`, `rolekit explain`, hover on a
//! diagnostic and the playground all read this table.

mod catalog;

use serde::Serialize;

pub use catalog::RULES;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Which part of a role file a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Syntax,
    Schema,
    Inheritance,
    Body,
    Encoding,
}

#[derive(Debug, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub summary: &'static str,
    /// Why the rule exists, in Markdown.
    pub why: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
    /// The rule offers a fix that `rolekit check --fix` may apply unasked.
    pub safe_fix: bool,
}

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

impl Rule {
    /// The rule's document in Markdown, as `explain` and hover show it.
    pub fn markdown(&self) -> String {
        format!(
            "**{id}** ({severity}, {category:?}{fix})\n\n{summary}\n\n{why}\n\nBad:\n\n```markdown\n{bad}\n```\n\nGood:\n\n```markdown\n{good}\n```\n",
            id = self.id,
            severity = self.severity.as_str(),
            category = self.category,
            fix = if self.safe_fix { ", safe fix" } else { "" },
            summary = self.summary,
            why = self.why,
            bad = self.bad.trim_end(),
            good = self.good.trim_end(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(r.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", r.id);
            assert!(RULES[..i].iter().all(|o| o.id != r.id), "duplicate {}", r.id);
            assert!(!r.summary.is_empty() && !r.why.is_empty() && !r.bad.is_empty() && !r.good.is_empty(), "{}", r.id);
            assert_ne!(r.bad, r.good, "{}", r.id);
        }
    }
}
