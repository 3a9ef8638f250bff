//! Per-rule severity overrides (from `rolekit.toml`, editor settings, ...).

use crate::diagnostic::Diagnostic;
use crate::rules::{RuleId, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

impl RuleLevel {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "off" => Some(RuleLevel::Off),
            other => Severity::parse(other).map(RuleLevel::On),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleConfig {
    overrides: Vec<(RuleId, RuleLevel)>,
}

impl RuleConfig {
    pub const fn new() -> Self {
        Self { overrides: Vec::new() }
    }

    /// Sets the level of the rule named `rule`. `Err` names an unknown rule id.
    pub fn set(&mut self, rule: &str, level: RuleLevel) -> Result<(), String> {
        let Some(id) = RuleId::parse(rule) else {
            let hint = crate::analysis::schema_rules::closest(rule, RuleId::ALL.iter().map(|r| r.as_str()))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            return Err(format!("unknown rule `{rule}`{hint}"));
        };
        self.set_id(id, level);
        Ok(())
    }

    pub fn set_id(&mut self, rule: RuleId, level: RuleLevel) {
        self.overrides.retain(|(r, _)| *r != rule);
        self.overrides.push((rule, level));
    }

    pub fn level(&self, rule: RuleId) -> Option<RuleLevel> {
        self.overrides.iter().find(|(r, _)| *r == rule).map(|(_, l)| *l)
    }

    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.overrides.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| match self.level(d.rule) {
            Some(RuleLevel::Off) => false,
            Some(RuleLevel::On(s)) => {
                d.severity = s;
                true
            }
            None => true,
        });
    }
}
