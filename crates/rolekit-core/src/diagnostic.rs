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

/// At most `max` of `diagnostics` for an editor to show, the most severe
/// first (every error before any warning, ...), each severity's in document
/// order; returned in their original order, with the number left out. An
/// editor cannot show 65,000 problems usefully, and serializing them all
/// costs more memory than the document; `rolekit check` reports every one.
/// Linear in the number of diagnostics.
pub fn most_severe(diagnostics: &[Diagnostic], max: usize) -> (Vec<&Diagnostic>, usize) {
    if diagnostics.len() <= max {
        return (diagnostics.iter().collect(), 0);
    }
    let rank = |s: Severity| match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
        Severity::Hint => 3,
    };
    let mut per_rank = [0usize; 4];
    for d in diagnostics {
        per_rank[rank(d.severity)] += 1;
    }
    // Every diagnostic of a rank below `cut` is kept, and `room` of rank `cut`.
    let (mut cut, mut room) = (4, 0);
    let mut left = max;
    for (r, &n) in per_rank.iter().enumerate() {
        if n > left {
            (cut, room) = (r, left);
            break;
        }
        left -= n;
    }
    let kept: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            let r = rank(d.severity);
            r < cut
                || (r == cut && room > 0 && {
                    room -= 1;
                    true
                })
        })
        .collect();
    let hidden = diagnostics.len() - kept.len();
    (kept, hidden)
}

#[cfg(test)]
mod most_severe_tests {
    use super::*;

    #[test]
    fn keeps_the_most_severe_in_order() {
        let at = |i: usize, severity| Diagnostic {
            severity,
            ..Diagnostic::new(RuleId::Mojibake, TextRange::new(i, i + 1), format!("{i}"))
        };
        let ds = vec![
            at(0, Severity::Hint),
            at(1, Severity::Warning),
            at(2, Severity::Error),
            at(3, Severity::Warning),
            at(4, Severity::Error),
            at(5, Severity::Warning),
        ];
        let starts = |(kept, hidden): (Vec<&Diagnostic>, usize)| {
            (kept.iter().map(|d| d.range.start()).collect::<Vec<_>>(), hidden)
        };
        assert_eq!(starts(most_severe(&ds, 10)), (vec![0, 1, 2, 3, 4, 5], 0));
        assert_eq!(starts(most_severe(&ds, 3)), (vec![1, 2, 4], 3));
        assert_eq!(starts(most_severe(&ds, 1)), (vec![2], 5));
        assert_eq!(starts(most_severe(&ds, 5)), (vec![1, 2, 3, 4, 5], 1));
        assert_eq!(starts(most_severe(&ds, 0)), (vec![], 6));
    }
}
