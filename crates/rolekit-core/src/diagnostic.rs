//! Diagnostics and the fixes they carry.

use crate::rules::{RuleId, Severity};
use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The rule's stable id (see [`crate::rules::RULES`]).
    pub rule: RuleId,
    pub severity: Severity,
    pub range: TextRange,
    pub message: String,
    pub fix: Option<Fix>,
    /// Other places that explain this one (the first of two duplicate keys, a parent file).
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity.
    pub fn new(rule: RuleId, range: TextRange, message: impl Into<String>) -> Self {
        let severity = rule.rule().severity;
        Self { rule, severity, range, message: message.into(), fix: None, related: Vec::new() }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_fix_opt(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }
}

/// A text change that resolves a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
    /// Safe fixes keep the author's intent and may be applied unasked
    /// (`rolekit check --fix`); others are offered in editors only.
    pub safe: bool,
}

impl Fix {
    pub fn safe(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self { description: description.into(), edits, safe: true }
    }

    pub fn suggestion(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self { description: description.into(), edits, safe: false }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

impl Edit {
    pub fn replace(range: TextRange, new_text: impl Into<String>) -> Self {
        Self { range, new_text: new_text.into() }
    }

    pub fn insert(at: usize, new_text: impl Into<String>) -> Self {
        Self { range: TextRange::empty(at), new_text: new_text.into() }
    }

    pub fn delete(range: TextRange) -> Self {
        Self { range, new_text: String::new() }
    }
}

/// A secondary location: in this document, or in another one (by location, e.g. a path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub message: String,
    /// `None` for this document.
    pub location: Option<String>,
    pub range: TextRange,
}
