//! The documentation editor features show, rendered as Markdown once for
//! every feature that shows it (hover, completion).

use serde_json::Value;

use super::RoleSummary;
use crate::schema;

/// A key's documentation: path, type, description, allowed values, default, examples.
pub(crate) fn key_markdown(path: &[&str], sub: &'static Value, required: bool) -> String {
    let info = schema::info(sub);
    let mut md = format!("**{}** · {}", path.join("."), info.type_name);
    if required {
        md.push_str(" · required");
    }
    if !info.description.is_empty() {
        md.push_str("\n\n");
        md.push_str(&info.description);
    }
    if let Some(p) = schema::pattern_description(sub) {
        md.push_str(&format!("\n\nFormat: {p}."));
    }
    if !info.enum_values.is_empty() {
        md.push_str("\n\nAllowed values:\n");
        for (v, d) in &info.enum_values {
            md.push_str(&format!("\n- `{v}`: {d}"));
        }
    }
    let props = schema::properties(sub);
    if !props.is_empty() {
        md.push_str("\n\nKeys: ");
        md.push_str(&props.iter().map(|(k, _)| format!("`{k}`")).collect::<Vec<_>>().join(", "));
    }
    if let Some(d) = &info.default {
        md.push_str(&format!("\n\nDefault: `{d}`"));
    }
    if let Some(e) = info.examples.first() {
        md.push_str(&format!("\n\nExample: `{e}`"));
    }
    md
}

/// An enum value's meaning.
pub(crate) fn value_markdown(path: &[&str], value: &str, doc: &str) -> String {
    format!("**{value}** (`{}`)\n\n{doc}", path.join("."))
}

/// A workspace role, for `inherits`.
pub(crate) fn role_markdown(role: &RoleSummary) -> String {
    let mut md = format!("**{}** (parent role)", role.name);
    if let Some(d) = &role.description {
        md.push_str(&format!("\n\n{d}"));
    }
    md.push_str(&format!("\n\nDefined in `{}`", role.location));
    md
}
