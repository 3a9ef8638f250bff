//! The mapping table: each key of a resolved role, mapped to the target's
//! fields or named in a note (`docs/export.md` shows the same table).

use serde_json::{Map, Value};

use super::emit::Field;
use super::names::{one_line, slug, truncate, MAX_SKILL_DESCRIPTION};
use super::{Note, Target};

/// What [`map`] decided.
pub struct Mapped {
    pub name: String,
    pub fields: Vec<(&'static str, Field)>,
    pub notes: Vec<Note>,
}

/// Maps every top-level key of `role`.
pub fn map(role: &Map<String, Value>, target: Target) -> Mapped {
    let what = target.dialect().describe();
    let mut notes = Vec::new();
    let mut note = |key: &str, message: String| notes.push(Note { key: key.to_string(), message });

    let own = role.get("role").and_then(Value::as_str).unwrap_or_default();
    let name = slug(own);
    if own.is_empty() {
        note("role", format!("the role has no `role`: exported as `{name}`"));
    } else if name != own {
        note("role", format!("`{own}` is written `{name}` (lowercase letters, digits and hyphens)"));
    }

    let mut fields: Vec<(&'static str, Field)> = Vec::new();
    if target != Target::Cursor {
        fields.push(("name", Field::Str(name.clone())));
    }
    let description = description(role, &name, target, &mut note);
    fields.push(("description", Field::Str(description)));
    let capabilities = role.get("capabilities").and_then(Value::as_object);
    if let Some(tools) = tools(capabilities, target, &mut note) {
        fields.push(("tools", tools));
    }
    let model = role.get("model").and_then(Value::as_str).filter(|m| !m.trim().is_empty());
    if let (Some(model), true) = (model, target != Target::Cursor) {
        fields.push(("model", Field::Str(model.to_string())));
    }
    match target {
        Target::Cursor => fields.push(("alwaysApply", Field::Bool(false))),
        Target::Skill => {
            if let Some(version) = role.get("version").and_then(scalar_text) {
                fields.push(("metadata", Field::Map(vec![("version".to_string(), version)])));
            }
        }
        Target::Claude | Target::Copilot => {}
    }

    for (key, value) in role {
        let message = match key.as_str() {
            "role" | "description" | "specialization" => None,
            "version" if target == Target::Skill => None,
            "version" => Some(format!("`{}`: {what} has no version", scalar_text(value).unwrap_or_default())),
            "experimental" | "deprecated" => {
                (value == &Value::Bool(true)).then(|| format!("`true`: {what} has no such flag"))
            }
            "inherits" => Some(format!(
                "resolved: the values of `{}` and its parents are merged in; the body is this role's own, theirs is not included",
                value.as_str().unwrap_or_default()
            )),
            "tone" => Some(format!(
                "`{}`: {what} has no field for it; say it in the body if it matters",
                scalar_text(value).unwrap_or_default()
            )),
            "expertise" | "responsibilities" => Some(format!(
                "{}: {what} has no field for it; the body's sections are exported as they are",
                items(value)
            )),
            "capabilities" => None, // noted by `tools`
            "constraints" => Some(format!(
                "{}: {what} has no per-agent field for them; use the tool's permission settings or state them in the body",
                constraints(value)
            )),
            "decision_making" if target == Target::Claude => Some(format!(
                "{}: {what} has no field for it (`permissionMode` is a permission switch, not a policy, and is not set)",
                decision(value)
            )),
            "decision_making" => Some(format!("{}: {what} has no field for it", decision(value))),
            "context_requirements" | "output_format" => {
                Some(format!("{}: {what} has no field for it; state it in the body", set_keys(value)))
            }
            "model" if target == Target::Cursor => Some(format!("{what} has no model field")),
            "model" => None,
            _ => Some(format!("not a key of the role schema; {what} has no field for it")),
        };
        if let Some(message) = message {
            note(key, message);
        }
    }
    // In the role's key order (`tools` noted `capabilities` first).
    let order = |key: &str| role.keys().position(|k| k == key).unwrap_or(usize::MAX);
    crate::sort::sort_by_key(&mut notes, |n| order(&n.key));
    Mapped { name, fields, notes }
}

/// `description`, with `specialization` after it, on one line; cut to the
/// skill limit.
fn description(role: &Map<String, Value>, name: &str, target: Target, note: &mut impl FnMut(&str, String)) -> String {
    let own = role.get("description").and_then(Value::as_str).map(one_line).unwrap_or_default();
    let focus = role.get("specialization").and_then(Value::as_str).map(one_line).unwrap_or_default();
    let mut text = match (own.is_empty(), focus.is_empty()) {
        (false, false) if own.ends_with(['.', '!', '?']) => format!("{own} {focus}"),
        (false, false) => format!("{own}. {focus}"),
        (false, true) => own,
        (true, false) => focus,
        (true, true) => {
            note("description", format!("the role has no description: written as \"The {name} role.\""));
            format!("The {name} role.")
        }
    };
    if target == Target::Skill {
        if let Some(cut) = truncate(&text, MAX_SKILL_DESCRIPTION) {
            note(
                "description",
                format!(
                    "cut to {MAX_SKILL_DESCRIPTION} characters, the Agent Skills limit (with `specialization`, it had {})",
                    text.chars().count()
                ),
            );
            text = cut;
        }
    }
    text
}

/// The tools a role's capabilities allow, in the target's names.
fn tools(
    capabilities: Option<&Map<String, Value>>,
    target: Target,
    note: &mut impl FnMut(&str, String),
) -> Option<Field> {
    let what = target.dialect().describe();
    let Some(caps) = capabilities else {
        if matches!(target, Target::Claude | Target::Copilot) {
            note("capabilities", format!("the role has none: `tools` is not set, so {what} gets every tool"));
        }
        return None;
    };
    let on = |key: &str| caps.get(key) == Some(&Value::Bool(true));
    let (read, write, run): (&[&str], &[&str], &[&str]) = match target {
        Target::Claude => (&["Read", "Grep", "Glob"], &["Edit", "Write"], &["Bash"]),
        Target::Copilot => (&["read", "search"], &["edit"], &["execute"]),
        Target::Cursor | Target::Skill => {
            let set: Vec<&str> =
                caps.iter().filter(|(_, v)| **v == Value::Bool(true)).map(|(k, _)| k.as_str()).collect();
            let list = if set.is_empty() { "none".to_string() } else { set.join(", ") };
            let why = if target == Target::Skill {
                "`allowed-tools` pre-approves tools, it does not restrict them"
            } else {
                "a rule has no tools"
            };
            note("capabilities", format!("{list}: {what} cannot restrict tools ({why}); not exported"));
            return None;
        }
    };
    let mut names: Vec<&str> = read.to_vec();
    let writes = on("can_write_code") || on("can_write_knowledge");
    if writes {
        names.extend_from_slice(write);
    }
    if on("can_run_tests") {
        names.extend_from_slice(run);
        note(
            "capabilities",
            format!("`can_run_tests` is `{}`, which runs any command, not only tests", run.join(", ")),
        );
    }
    if on("can_write_knowledge") && !on("can_write_code") {
        note(
            "capabilities",
            format!("`can_write_knowledge` without `can_write_code`: `{}` reach code too", write.join(", ")),
        );
    }
    let known = ["can_write_code", "can_write_knowledge", "can_review_code", "can_run_tests"];
    for (key, _) in caps.iter().filter(|(k, _)| !known.contains(&k.as_str())) {
        note("capabilities", format!("`{key}` is not a capability of the role schema; no tool for it"));
    }
    Some(match target {
        Target::Claude => Field::Str(names.join(", ")),
        _ => Field::FlowList(names.into_iter().map(str::to_string).collect()),
    })
}

/// A scalar as text (`1.0.0`, `true`, `3`); `None` for collections and null.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(_) | Value::Number(_) => Some(value.to_string()),
        _ => None,
    }
}

fn items(value: &Value) -> String {
    match value.as_array().map(Vec::len) {
        Some(1) => "1 item".to_string(),
        Some(n) => format!("{n} items"),
        None => "set".to_string(),
    }
}

/// What a mapping of settings asks: the keys set to `true`, `key: value` for the others but `false`.
fn set_keys(value: &Value) -> String {
    let Some(map) = value.as_object() else { return "set".to_string() };
    let set: Vec<String> = map
        .iter()
        .filter_map(|(k, v)| match v {
            Value::Bool(true) => Some(format!("`{k}`")),
            Value::Bool(false) | Value::Null => None,
            other => Some(format!("`{k}: {}`", scalar_text(other).unwrap_or_else(|| other.to_string()))),
        })
        .collect();
    if set.is_empty() {
        "nothing set".to_string()
    } else {
        set.join(", ")
    }
}

/// "6 actions needing approval and 4 forbidden paths", from either form of
/// `constraints` (an object, or a list of one-key mappings).
fn constraints(value: &Value) -> String {
    let mut approvals = 0;
    let mut paths = 0;
    let mut other = 0;
    let mut count = |key: &str, v: &Value| {
        let n = v.as_array().map_or(1, Vec::len);
        match key {
            "requires_approval_for" => approvals += n,
            "forbidden_paths" => paths += n,
            _ => other += 1,
        }
    };
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| count(k, v)),
        Value::Array(list) => {
            list.iter().filter_map(Value::as_object).flat_map(|m| m.iter()).for_each(|(k, v)| count(k, v))
        }
        _ => {}
    }
    let mut parts = vec![
        format!("{approvals} action{} needing approval", if approvals == 1 { "" } else { "s" }),
        format!("{paths} forbidden path{}", if paths == 1 { "" } else { "s" }),
    ];
    if other > 0 {
        parts.push(format!("{other} other constraint{}", if other == 1 { "" } else { "s" }));
    }
    parts.join(", ")
}

fn decision(value: &Value) -> String {
    let autonomy = value.get("autonomy_level").and_then(Value::as_str);
    let escalation = value.get("escalation_criteria").and_then(Value::as_array).map_or(0, Vec::len);
    match autonomy {
        Some(level) => format!("autonomy `{level}`, {escalation} escalation criteria"),
        None => format!("{escalation} escalation criteria"),
    }
}
