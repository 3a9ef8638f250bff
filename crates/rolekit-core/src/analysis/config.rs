//! Per-rule severity overrides (from `rolekit.toml`, editor settings, ...).

use crate::diagnostic::Diagnostic;
use crate::rules::Severity;

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
    overrides: Vec<(String, RuleLevel)>,
}

impl RuleConfig {
    pub const fn new() -> Self {
        Self { overrides: Vec::new() }
    }

    /// Sets the level of `rule`. `Err` names an unknown rule id.
    pub fn set(&mut self, rule: &str, level: RuleLevel) -> Result<(), String> {
        if crate::rules::find(rule).is_none() {
            let hint = crate::analysis::schema_rules::closest(rule, crate::rules::RULES.iter().map(|r| r.id))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            return Err(format!("unknown rule `{rule}`{hint}"));
        }
        self.overrides.retain(|(r, _)| r != rule);
        self.overrides.push((rule.to_string(), level));
        Ok(())
    }

    pub fn level(&self, rule: &str) -> Option<RuleLevel> {
        self.overrides.iter().find(|(r, _)| r == rule).map(|(_, l)| *l)
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
