//! Rules of the vendor formats (`policy::Dialect`): the schema with unknown
//! keys as warnings (vendors add fields faster than tools follow), a skill's
//! name against its folder, legacy keys renamed, keys one host of a format
//! requires and another does not (warnings).

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::format::tool_lists;
use crate::policy::Dialect;
use crate::rules::RuleId;
use crate::rules::Severity;
use crate::schema::Schema;
use crate::syntax::yaml::{Node, NodeValue};

use super::schema_rules;

/// Legacy keys per format: (old, new).
const LEGACY_KEYS: &[(Dialect, &str, &str)] = &[(Dialect::CopilotPrompt, "mode", "agent")];

/// Keys one host of a format requires and another does not, so the schema
/// cannot require them: (format, file names it applies to (suffixes), key,
/// who requires it). A missing one is a `missing-required-key` warning.
const HOST_REQUIRED_KEYS: &[(Dialect, &str, &str, &str)] = &[(
    Dialect::CopilotAgent,
    // Legacy chat modes are VS Code's only.
    ".agent.md",
    "description",
    "GitHub.com's Copilot cloud agent requires it (VS Code loads the agent without one)",
)];

pub fn check(
    doc: &Document,
    json: &Value,
    schema: &Schema,
    dialect: Dialect,
    path: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let start = out.len();
    schema_rules::check(doc, json, schema, true, out);
    for d in &mut out[start..] {
        if d.rule == RuleId::UnknownKey {
            d.severity = Severity::Warning;
        }
    }
    if dialect == Dialect::Skill {
        skill_name(doc, json, path, out);
    }
    legacy_keys(doc, dialect, out);
    host_required_keys(doc, json, dialect, path, out);
    if matches!(dialect, Dialect::CopilotAgent | Dialect::CopilotPrompt) {
        tools_as_list(doc, &mut out[start..]);
    }
}

/// Copilot takes `tools` only as a list: a comma-separated string there (as
/// Claude Code writes it) gets the fix that writes it as one.
fn tools_as_list(doc: &Document, diagnostics: &mut [Diagnostic]) {
    let Some((_, value)) = top_level_node(doc, "tools") else { return };
    let Some(text) = tool_lists::one_line_string(value) else { return };
    let Some(d) = diagnostics.iter_mut().find(|d| d.rule == RuleId::InvalidType && d.range == value.range) else {
        return;
    };
    let items = tool_lists::split(text);
    let list = tool_lists::flow(&items);
    d.message.push_str(" (Copilot takes `tools` only as a list)");
    d.fix = Some(Fix::safe(format!("Write `tools` as a list: `{list}`"), vec![Edit::replace(value.range, list)]));
}

fn host_required_keys(doc: &Document, json: &Value, dialect: Dialect, path: Option<&str>, out: &mut Vec<Diagnostic>) {
    if !(json.is_object() || json.is_null()) {
        return; // not a mapping: the schema reports its type
    }
    let named = |suffix: &str| path.is_none_or(|p| p.to_ascii_lowercase().ends_with(suffix));
    for &(_, _, key, who) in HOST_REQUIRED_KEYS.iter().filter(|(d, suffix, ..)| *d == dialect && named(suffix)) {
        if json.get(key).is_none() {
            let mut d = Diagnostic::new(RuleId::MissingRequiredKey, doc.fence(), format!("missing key `{key}`: {who}"));
            d.severity = Severity::Warning;
            out.push(d);
        }
    }
}

/// `name` must equal the folder holding `SKILL.md`.
fn skill_name(doc: &Document, json: &Value, path: Option<&str>, out: &mut Vec<Diagnostic>) {
    let (Some(folder), Some(name)) = (path.and_then(Dialect::skill_folder), json.get("name").and_then(Value::as_str))
    else {
        return;
    };
    if name == folder {
        return;
    }
    let Some(node) = top_level(doc, "name").map(|(_, v)| v) else { return };
    let mut d = Diagnostic::new(
        RuleId::SkillNameMismatch,
        node,
        format!("the skill's `name` is `{name}` but its folder is `{folder}`: the Agent Skills specification requires them to be equal"),
    );
    if schema_name_ok(folder) {
        d = d.with_fix(Fix::suggestion(format!("Rename to `{folder}`"), vec![Edit::replace(node, folder)]));
    }
    out.push(d);
}

/// Whether `name` is a valid skill name (so a fix may write it).
fn schema_name_ok(name: &str) -> bool {
    name.len() <= 64
        && !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn legacy_keys(doc: &Document, dialect: Dialect, out: &mut Vec<Diagnostic>) {
    for &(_, old, new) in LEGACY_KEYS.iter().filter(|(d, ..)| *d == dialect) {
        let Some((key, _)) = top_level(doc, old) else { continue };
        let mut d =
            Diagnostic::new(RuleId::LegacyKey, key, format!("`{old}` is the legacy name of `{new}`: write `{new}:`"));
        if top_level(doc, new).is_none() {
            d = d.with_fix(Fix::safe(format!("Rename `{old}` to `{new}`"), vec![Edit::replace(key, new)]));
        } else {
            d.message.push_str(&format!(" (this file has both: remove `{old}`)"));
        }
        out.push(d);
    }
}

/// The key and value ranges of a top-level key.
fn top_level(doc: &Document, key: &str) -> Option<(crate::text::TextRange, crate::text::TextRange)> {
    top_level_node(doc, key).map(|(k, v)| (k.range, v.range))
}

/// The key and value nodes of a top-level key.
pub(crate) fn top_level_node<'d>(doc: &'d Document, key: &str) -> Option<(&'d Node, &'d Node)> {
    let root = doc.yaml().root.as_ref()?;
    let NodeValue::Mapping(entries) = &root.value else { return None };
    entries.iter().find(|e| e.key_text() == key).map(|e| (&e.key, &e.value))
}
