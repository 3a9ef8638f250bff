//! The rule registry and per-rule levels.

use rolekit_core::rules::{Category, Rule};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ts")]
use tsify::Tsify;
#[cfg(feature = "ts")]
use wasm_bindgen::prelude::wasm_bindgen;

use crate::diagnostic::Severity;

/// Which part of a document, or of the project, a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum RuleCategory {
    Syntax,
    Schema,
    Inheritance,
    Body,
    Encoding,
    /// Names that point at other files: agents, prompts, registries.
    Project,
    /// What valora's own loader requires beyond the schema.
    Loader,
    Size,
}

impl From<Category> for RuleCategory {
    fn from(c: Category) -> Self {
        match c {
            Category::Syntax => RuleCategory::Syntax,
            Category::Schema => RuleCategory::Schema,
            Category::Inheritance => RuleCategory::Inheritance,
            Category::Body => RuleCategory::Body,
            Category::Encoding => RuleCategory::Encoding,
            Category::Project => RuleCategory::Project,
            Category::Loader => RuleCategory::Loader,
            Category::Size => RuleCategory::Size,
        }
    }
}

/// A rule with its documentation, as the WASM package lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub id: String,
    pub category: RuleCategory,
    /// The default severity (before `setRuleLevel`).
    pub severity: Severity,
    pub summary: String,
    /// Markdown.
    pub why: String,
    pub bad: String,
    pub good: String,
    /// `fixAll` (and `rolekit check --fix`) may apply this rule's fix unasked.
    pub safe_fix: bool,
    /// The whole rule document in Markdown (what `rolekit explain` prints).
    pub markdown: String,
}

impl From<&Rule> for RuleInfo {
    fn from(r: &Rule) -> Self {
        RuleInfo {
            id: r.id.as_str().to_string(),
            category: r.category.into(),
            severity: r.severity.into(),
            summary: r.summary.to_string(),
            why: r.why.to_string(),
            bad: r.bad.to_string(),
            good: r.good.to_string(),
            safe_fix: r.safe_fix,
            markdown: r.markdown(),
        }
    }
}

/// A rule as `rolekit rules --format json` prints it (its historic
/// snake_case shape, kept for the scripts that read it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleRecord {
    pub id: &'static str,
    pub category: RuleCategory,
    pub severity: Severity,
    pub summary: &'static str,
    pub why: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
    pub safe_fix: bool,
}

impl From<&Rule> for RuleRecord {
    fn from(r: &Rule) -> Self {
        RuleRecord {
            id: r.id.as_str(),
            category: r.category.into(),
            severity: r.severity.into(),
            summary: r.summary,
            why: r.why,
            bad: r.bad,
            good: r.good,
            safe_fix: r.safe_fix,
        }
    }
}

/// A rule's level, as a config file sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Error,
    Warning,
    Info,
    Hint,
}

impl From<RuleLevel> for rolekit_core::analysis::RuleLevel {
    fn from(l: RuleLevel) -> Self {
        use rolekit_core::analysis::RuleLevel as Core;
        use rolekit_core::Severity as S;
        match l {
            RuleLevel::Off => Core::Off,
            RuleLevel::Error => Core::On(S::Error),
            RuleLevel::Warning => Core::On(S::Warning),
            RuleLevel::Info => Core::On(S::Info),
            RuleLevel::Hint => Core::On(S::Hint),
        }
    }
}

impl From<rolekit_core::analysis::RuleLevel> for RuleLevel {
    fn from(l: rolekit_core::analysis::RuleLevel) -> Self {
        use rolekit_core::analysis::RuleLevel as Core;
        use rolekit_core::Severity as S;
        match l {
            Core::Off => RuleLevel::Off,
            Core::On(S::Error) => RuleLevel::Error,
            Core::On(S::Warning) => RuleLevel::Warning,
            Core::On(S::Info) => RuleLevel::Info,
            Core::On(S::Hint) => RuleLevel::Hint,
        }
    }
}
