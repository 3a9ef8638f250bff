//! The built-in role schema (JSON Schema draft-07) and queries over it.
//!
//! One schema serves validation (compiled once by the built-in validator in
//! `validate.rs`) and the editor features: hover and completion read
//! descriptions, enums (with `x-enum-descriptions`) and defaults from the
//! same document.

mod compile;
#[cfg(test)]
mod differential;
pub mod sections;
mod types;
pub mod validate;

use std::sync::OnceLock;

use serde_json::Value;

const ROLE_SCHEMA: &str = include_str!("role.schema.json");

/// The role schema as JSON.
pub fn role_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(ROLE_SCHEMA).unwrap_or(Value::Null))
}

/// The role schema's source text, for `rolekit schema` and the playground.
pub fn role_schema_text() -> &'static str {
    ROLE_SCHEMA
}

/// The compiled validator, built on first use and then shared. `None` only
/// if the built-in schema used an unsupported keyword, which a test rules out.
pub fn validator() -> Option<&'static validate::Validator<'static>> {
    static VALIDATOR: OnceLock<Option<validate::Validator<'static>>> = OnceLock::new();
    VALIDATOR.get_or_init(|| validate::Validator::new(role_schema()).ok()).as_ref()
}

/// Keys the role must have once `inherits` is resolved.
pub fn required_keys() -> impl Iterator<Item = &'static str> {
    role_schema()["required"].as_array().into_iter().flatten().filter_map(Value::as_str)
}

/// A valid `role` value (the schema's pattern `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`,
/// kebab-case): what a file must be named for its role to match it.
pub fn is_role_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Follows a local `$ref`.
pub fn resolve(schema: &'static Value) -> &'static Value {
    match schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/")) {
        Some(pointer) => role_schema().pointer(&format!("/{pointer}")).unwrap_or(schema),
        None => schema,
    }
}

/// The properties a mapping at `schema` may hold, in schema order. For
/// `constraints` this is the union of both written forms.
pub fn properties(schema: &'static Value) -> Vec<(&'static str, &'static Value)> {
    let schema = resolve(schema);
    let mut out = Vec::new();
    let mut add = |s: &'static Value| {
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                if !out.iter().any(|(name, _)| name == k) {
                    out.push((k.as_str(), v));
                }
            }
        }
    };
    add(schema);
    if let Some(e) = schema.get("else") {
        add(resolve(e));
    }
    if let Some(items) = schema.get("then").and_then(|t| t.get("items")) {
        add(resolve(items));
    }
    out
}

/// The properties of a mapping in the order the schema file writes them (the
/// order of the template and real files: `can_write_knowledge` first), where
/// [`schema::properties`] sorts them by name.
pub(crate) fn properties_in_order(schema: &'static Value) -> Vec<(&'static str, &'static Value)> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static ORDER: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let order = ORDER.get_or_init(|| {
        let text = role_schema_text();
        let mut order = HashMap::new();
        let mut from = 0;
        while let Some(i) = text[from..].find("\": ") {
            let end = from + i;
            if let Some(start) = text[..end].rfind('"') {
                order.entry(&text[start + 1..end]).or_insert(end);
            }
            from = end + 3;
        }
        order
    });
    let mut props = properties(schema);
    props.sort_by_key(|(k, _)| order.get(k).copied().unwrap_or(usize::MAX));
    props
}

/// The schema of the property `key` of a mapping at `schema`.
pub fn property(schema: &'static Value, key: &str) -> Option<&'static Value> {
    properties(schema).into_iter().find(|(k, _)| *k == key).map(|(_, v)| resolve(v))
}

/// The schema of the items of a list at `schema`.
pub fn items(schema: &'static Value) -> Option<&'static Value> {
    let schema = resolve(schema);
    schema.get("items").or_else(|| schema.get("then").and_then(|t| t.get("items"))).map(resolve)
}

/// The schema at a path of keys from the root; list levels are crossed
/// implicitly (a key after a list looks into its items).
pub fn at_path<'p>(path: impl IntoIterator<Item = &'p str>) -> Option<&'static Value> {
    let mut here = role_schema();
    for key in path {
        here = match property(here, key) {
            Some(s) => s,
            None => property(items(here)?, key)?,
        };
    }
    Some(here)
}

/// What hover and completion show about a schema node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Info {
    pub description: String,
    pub type_name: String,
    pub enum_values: Vec<(String, String)>,
    pub default: Option<String>,
    pub examples: Vec<String>,
}

pub fn info(schema: &'static Value) -> Info {
    let schema = resolve(schema);
    let description = schema.get("description").and_then(Value::as_str).unwrap_or_default().to_string();
    let enum_schema = enum_schema(schema);
    let enum_values = enum_schema.map(enum_values).unwrap_or_default();
    let type_name = type_name(schema);
    let default = schema.get("default").map(|d| d.to_string().trim_matches('"').to_string());
    let examples = schema
        .get("examples")
        .and_then(Value::as_array)
        .map(|ex| ex.iter().map(|e| e.to_string().trim_matches('"').to_string()).collect())
        .unwrap_or_default();
    Info { description, type_name, enum_values, default, examples }
}

/// The schema holding the `enum` for a node: itself, or its items for a list of enums.
pub fn enum_schema(schema: &'static Value) -> Option<&'static Value> {
    let schema = resolve(schema);
    if schema.get("enum").is_some() {
        return Some(schema);
    }
    items(schema).filter(|i| i.get("enum").is_some())
}

/// Enum values with their descriptions.
pub fn enum_values(schema: &'static Value) -> Vec<(String, String)> {
    let docs = schema.get("x-enum-descriptions");
    schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|v| {
            let doc = docs.and_then(|d| d.get(v)).and_then(Value::as_str).unwrap_or_default();
            (v.to_string(), doc.to_string())
        })
        .collect()
}

pub fn type_name(schema: &'static Value) -> String {
    let schema = resolve(schema);
    if schema.get("if").is_some() {
        return "mapping or list of single-key mappings".into();
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => match items(schema).and_then(|i| i.get("type")).and_then(Value::as_str) {
            Some("string") if enum_schema(schema).is_some() => "list of enum values".into(),
            Some(t) => format!("list of {}", plural(t)),
            None => "list".into(),
        },
        Some("object") => "mapping".into(),
        Some(t) => t.to_string(),
        None => "any".into(),
    }
}

fn plural(t: &str) -> String {
    match t {
        "object" => "mappings".into(),
        other => format!("{other}s"),
    }
}

/// A human description of a `pattern` constraint, if the schema gives one.
pub fn pattern_description(schema: &'static Value) -> Option<&'static str> {
    resolve(schema).get("x-pattern-description").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_compiles() {
        assert!(validator().is_some());
        assert_eq!(required_keys().count(), 8);
    }

    #[test]
    fn paths_cross_both_constraint_forms() {
        let s = at_path(["constraints", "requires_approval_for"]).unwrap();
        assert_eq!(info(s).type_name, "list of enum values");
        assert_eq!(info(s).enum_values.len(), 6);
        assert_eq!(info(at_path(["decision_making", "autonomy_level"]).unwrap()).default.as_deref(), Some("medium"));
        assert!(at_path(["nope"]).is_none());
    }

    #[test]
    fn every_key_and_enum_value_is_documented() {
        fn walk(schema: &'static Value, path: &str) {
            for (key, child) in properties(schema) {
                let child = resolve(child);
                let i = info(child);
                assert!(!i.description.is_empty(), "{path}.{key} has no description");
                for (value, doc) in &i.enum_values {
                    assert!(!doc.is_empty(), "{path}.{key}: enum value {value} has no description");
                }
                walk(child, &format!("{path}.{key}"));
                if let Some(items) = items(child) {
                    walk(items, &format!("{path}.{key}[]"));
                }
            }
        }
        walk(role_schema(), "");
    }
}
