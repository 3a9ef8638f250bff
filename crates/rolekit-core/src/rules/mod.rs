//! The rule registry: every diagnostic rolekit reports, as data.
//!
//! Each rule has a stable id (never renamed; CI configs and suppressions
//! refer to it), a default severity, a one-line summary and a document with a
//! bad and a good example. `rolekit rules`, `rolekit explain`, hover on a
//! diagnostic and the playground all read this table.

mod catalog;

pub use catalog::RULES;

/// Declares [`RuleId`]: one variant per rule, with its stable string id.
/// A misspelled rule is a compile error wherever a diagnostic is made.
macro_rules! rule_ids {
    ($($variant:ident = $id:literal,)*) => {
        /// A rule's stable id. Its string form (`as_str`) never changes: CI
        /// configs, suppressions and editor settings refer to it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, in catalog order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            /// The rule named `id`, as written in configs and suppressions.
            pub fn parse(id: &str) -> Option<RuleId> {
                match id {
                    $($id => Some(RuleId::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

rule_ids! {
    FrontmatterMissing = "frontmatter-missing",
    FrontmatterUnterminated = "frontmatter-unterminated",
    YamlSyntax = "yaml-syntax",
    YamlDuplicateKey = "yaml-duplicate-key",
    YamlTooComplex = "yaml-too-complex",
    MissingRequiredKey = "missing-required-key",
    InvalidType = "invalid-type",
    InvalidEnum = "invalid-enum",
    InvalidPattern = "invalid-pattern",
    InvalidLength = "invalid-length",
    DuplicateItem = "duplicate-item",
    UnknownKey = "unknown-key",
    QuotedBoolean = "quoted-boolean",
    RoleFilenameMismatch = "role-filename-mismatch",
    InheritsUnknownParent = "inherits-unknown-parent",
    InheritsCycle = "inherits-cycle",
    InheritsTooDeep = "inherits-too-deep",
    MissingTitle = "missing-title",
    MissingSection = "missing-section",
    SectionOrder = "section-order",
    DuplicateSection = "duplicate-section",
    SectionNumbering = "section-numbering",
    EmptySection = "empty-section",
    UnknownSection = "unknown-section",
    InconsistentValue = "inconsistent-value",
    Mojibake = "mojibake",
    OutOfRange = "out-of-range",
    JsonSyntax = "json-syntax",
    YamlFlowIndent = "yaml-flow-indent",
    CommandFilenameMismatch = "command-filename-mismatch",
    PromptIdMismatch = "prompt-id-mismatch",
    UnknownAgent = "unknown-agent",
    UnknownPrompt = "unknown-prompt",
    UnknownReference = "unknown-reference",
    UnknownStage = "unknown-stage",
    LoaderInheritedKey = "loader-inherited-key",
    LoaderCapabilities = "loader-capabilities",
    RegistryMissingFile = "registry-missing-file",
    RegistryMissingEntry = "registry-missing-entry",
    RegistryMismatch = "registry-mismatch",
    TokenBudget = "token-budget",
    SkillNameMismatch = "skill-name-mismatch",
    LegacyKey = "legacy-key",
}

impl RuleId {
    /// The rule's record in [`RULES`].
    pub fn rule(self) -> &'static Rule {
        // `RULES` lists the rules in `ALL` order (a test holds it to that).
        &RULES[self as usize]
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// Which part of a document, or of the project, a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Syntax,
    Schema,
    Inheritance,
    Body,
    Encoding,
    /// Names that point at other files: agents, prompts, registries.
    Project,
    /// What valora's own loader requires beyond the schema.
    Loader,
    /// How much of a model's context a file takes.
    Size,
}

#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
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

/// The rule with the string id `id`.
pub fn find(id: &str) -> Option<&'static Rule> {
    RuleId::parse(id).map(RuleId::rule)
}

impl Rule {
    /// The rule's document in Markdown, as `explain` and hover show it.
    pub fn markdown(&self) -> String {
        format!(
            "**{id}** ({severity}, {category:?}{fix})\n\n{summary}\n\n{why}\n\nBad:\n\n```markdown\n{bad}\n```\n\nGood:\n\n```markdown\n{good}\n```\n",
            id = self.id.as_str(),
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
        assert_eq!(RULES.len(), RuleId::ALL.len());
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.id, RuleId::ALL[i], "RULES must list the rules in RuleId order");
            assert_eq!(r.id.rule().id, r.id);
            assert_eq!(RuleId::parse(r.id.as_str()), Some(r.id));
            let id = r.id.as_str();
            assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{id}");
            assert!(RULES[..i].iter().all(|o| o.id.as_str() != id), "duplicate {id}");
            assert!(!r.summary.is_empty() && !r.why.is_empty() && !r.bad.is_empty() && !r.good.is_empty(), "{}", r.id);
            assert_ne!(r.bad, r.good, "{}", r.id);
        }
    }
}
