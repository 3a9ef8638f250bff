//! Schemas (JSON Schema draft-07, 2020-12 where it agrees) and queries over
//! them.
//!
//! A [`Schema`] is one schema document with its compiled validator: the
//! built-in ones for roles (`role.schema.json`), commands
//! (`command.schema.json`) and prompts (`prompt.schema.json`), or one a
//! project names in `rolekit.toml` (the adapter reads the file and hands its
//! text to [`Schema::from_text`]). The same document serves validation
//! (compiled once by the built-in validator in `validate.rs`) and the editor
//! features: [`SchemaDoc`] answers hover and completion from descriptions,
//! enums (with `x-enum-descriptions`), defaults and examples.
//!
//! The free functions at the bottom answer for the built-in role schema, as
//! the editor features have always asked.

mod compile;
#[cfg(test)]
mod differential;
pub(crate) mod formats;
mod pattern;
pub mod reference_paths;
pub(crate) mod regex;
pub mod sections;
mod types;
pub mod validate;

use std::sync::{Arc, OnceLock};

use serde_json::Value;

use crate::policy;
pub use compile::{Dialect, SchemaError};
use reference_paths::ReferencePaths;
use validate::Validator;

const ROLE_SCHEMA: &str = include_str!("role.schema.json");
const COMMAND_SCHEMA: &str = include_str!("command.schema.json");
const PROMPT_SCHEMA: &str = include_str!("prompt.schema.json");

/// The built-in schema text of a vendor format.
fn dialect_schema(d: policy::Dialect) -> &'static str {
    match d {
        policy::Dialect::ClaudeAgent => include_str!("dialects/claude-agent.schema.json"),
        policy::Dialect::Skill => include_str!("dialects/skill.schema.json"),
        policy::Dialect::CursorRule => include_str!("dialects/cursor-rule.schema.json"),
        policy::Dialect::CopilotAgent => include_str!("dialects/copilot-agent.schema.json"),
        policy::Dialect::CopilotPrompt => include_str!("dialects/copilot-prompt.schema.json"),
        policy::Dialect::CopilotInstructions => include_str!("dialects/copilot-instructions.schema.json"),
    }
}

/// Where a schema comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Built into rolekit (`role`, `command`, `prompt`).
    BuiltIn(&'static str),
    /// A file the configuration names (its path as the configuration wrote it).
    File(String),
}

impl Origin {
    /// How messages name it: "the built-in command schema", "schemas/x.json".
    pub fn describe(&self) -> String {
        match self {
            Origin::BuiltIn(name) => format!("the built-in {name} schema"),
            Origin::File(path) => format!("`{path}`"),
        }
    }
}

/// One schema document and its compiled validator.
#[derive(Debug)]
pub struct Schema {
    json: Value,
    validator: Validator,
    origin: Origin,
    /// Where it marks references, built on first use.
    reference_paths: OnceLock<Option<ReferencePaths>>,
}

/// A schema file that cannot be used, with the place of the problem in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaFileError {
    pub message: String,
    /// 1-based line and column in the schema's text, when known.
    pub line_col: Option<(usize, usize)>,
}

impl std::fmt::Display for SchemaFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_col {
            Some((line, col)) => write!(f, "{line}:{col}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl Schema {
    /// Compiles `json`; fails on anything the validator cannot honour.
    pub fn new(json: Value, origin: Origin) -> Result<Schema, SchemaError> {
        if !json.is_object() {
            return Err(SchemaError {
                location: String::new(),
                message: "a schema file must hold a JSON object".into(),
            });
        }
        let validator = Validator::new(&json)?;
        Ok(Schema { json, validator, origin, reference_paths: OnceLock::new() })
    }

    /// Parses and compiles a schema file's text. Errors carry the line and
    /// column of the offending JSON or keyword.
    pub fn from_text(text: &str, origin: Origin) -> Result<Schema, SchemaFileError> {
        let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
        let json = crate::json::parse(text_no_bom).map_err(|e| SchemaFileError {
            message: format!("not valid JSON: {}", e.message),
            line_col: Some((e.line, e.column)),
        })?;
        Schema::new(json, origin).map_err(|e| SchemaFileError {
            line_col: locate_pointer(text, &e.location),
            message: if e.location.is_empty() { e.message } else { format!("{} (at `{}`)", e.message, e.location) },
        })
    }

    pub fn json(&self) -> &Value {
        &self.json
    }

    pub fn validator(&self) -> &Validator {
        &self.validator
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The paths to the values it marks with `x-references` (built once);
    /// `None` for a schema too recursive to lay them out.
    pub fn reference_paths(&self) -> Option<&ReferencePaths> {
        self.reference_paths.get_or_init(|| ReferencePaths::build(&self.doc())).as_ref()
    }

    /// Whether it marks any value with `x-references` (true when the marks
    /// cannot be laid out: then they may be anywhere).
    pub fn has_references(&self) -> bool {
        self.reference_paths().is_none_or(|paths| !paths.is_empty())
    }

    /// Queries for hover and completion.
    pub fn doc(&self) -> SchemaDoc<'_> {
        SchemaDoc { root: &self.json }
    }

    /// The keys the root requires.
    pub fn required(&self) -> impl Iterator<Item = &str> {
        self.json.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
    }
}

/// The 1-based line and column of the member a JSON pointer names, in the
/// schema's text.
fn locate_pointer(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let yaml = crate::syntax::yaml::parse_json(text);
    let mut node = yaml.root.as_ref()?;
    let mut at = node.range;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let next = match &node.value {
            crate::syntax::yaml::NodeValue::Mapping(_) => {
                let entry = node.entry(&token)?;
                at = entry.key.range;
                &entry.value
            }
            crate::syntax::yaml::NodeValue::Sequence(items) => {
                let item = items.get(token.parse::<usize>().ok()?)?;
                at = item.range;
                item
            }
            _ => break,
        };
        node = next;
    }
    let index = crate::text::LineIndex::new(text);
    Some(index.line_col_human(text, at.start()))
}

/// The built-in schema of a valora document family.
pub fn builtin(name: BuiltIn) -> &'static Arc<Schema> {
    static ROLE: OnceLock<Arc<Schema>> = OnceLock::new();
    static COMMAND: OnceLock<Arc<Schema>> = OnceLock::new();
    static PROMPT: OnceLock<Arc<Schema>> = OnceLock::new();
    static DIALECTS: [OnceLock<Arc<Schema>>; policy::Dialect::ALL.len()] =
        [const { OnceLock::new() }; policy::Dialect::ALL.len()];
    let (cell, text, label) = match name {
        BuiltIn::Role => (&ROLE, ROLE_SCHEMA, "role"),
        BuiltIn::Command => (&COMMAND, COMMAND_SCHEMA, "command"),
        BuiltIn::Prompt => (&PROMPT, PROMPT_SCHEMA, "prompt"),
        BuiltIn::Dialect(d) => (&DIALECTS[d as usize], dialect_schema(d), d.name()),
    };
    cell.get_or_init(|| {
        // A test requires every built-in schema to compile; if one ever did
        // not, validation would find nothing rather than panic.
        let json = crate::json::parse(text).unwrap_or(Value::Null);
        let schema = Schema::new(json.clone(), Origin::BuiltIn(label)).unwrap_or_else(|_| Schema {
            validator: Validator::accept_all(),
            json,
            origin: Origin::BuiltIn(label),
            reference_paths: OnceLock::new(),
        });
        Arc::new(schema)
    })
}

/// The built-in schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuiltIn {
    Role,
    Command,
    Prompt,
    /// A vendor's agent-file format.
    Dialect(policy::Dialect),
}

impl BuiltIn {
    /// The schema's source text, for `rolekit schema` and the playground.
    pub fn text(self) -> &'static str {
        match self {
            BuiltIn::Role => ROLE_SCHEMA,
            BuiltIn::Command => COMMAND_SCHEMA,
            BuiltIn::Prompt => PROMPT_SCHEMA,
            BuiltIn::Dialect(d) => dialect_schema(d),
        }
    }
}

/// Queries over one schema document: `$ref`s resolve within it.
#[derive(Clone, Copy, Debug)]
pub struct SchemaDoc<'a> {
    root: &'a Value,
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

impl<'a> SchemaDoc<'a> {
    pub fn new(root: &'a Value) -> Self {
        SchemaDoc { root }
    }

    pub fn root(&self) -> &'a Value {
        self.root
    }

    /// Follows a local `$ref`.
    pub fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut here = schema;
        // A chain of references, bounded (a cycle is a compile error anyway).
        for _ in 0..16 {
            match here.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
                Some(pointer) => match self.root.pointer(pointer) {
                    Some(target) if !std::ptr::eq(target, here) => here = target,
                    _ => break,
                },
                None => break,
            }
        }
        here
    }

    /// The properties a mapping at `schema` may hold, in schema order: its
    /// own and those of its conditional and combined branches (for a role's
    /// `constraints`, the union of both written forms).
    pub fn properties(&self, schema: &'a Value) -> Vec<(&'a str, &'a Value)> {
        let mut out: Vec<(&'a str, &'a Value)> = Vec::new();
        let mut seen = 0;
        self.collect_properties(self.resolve(schema), &mut out, &mut seen);
        out
    }

    fn collect_properties(&self, schema: &'a Value, out: &mut Vec<(&'a str, &'a Value)>, budget: &mut usize) {
        *budget += 1;
        if *budget > 64 {
            return;
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                if !out.iter().any(|(name, _)| name == k) {
                    out.push((k.as_str(), v));
                }
            }
        }
        for branch in ["then", "else"] {
            if let Some(b) = schema.get(branch) {
                let b = self.resolve(b);
                // `if: {type: array}, then: {items: ...}`: a list of mappings written like one.
                match b.get("items") {
                    Some(items) if schema.get("if").and_then(|c| c.get("type")) == Some(&Value::from("array")) => {
                        self.collect_properties(self.resolve(items), out, budget)
                    }
                    _ => self.collect_properties(b, out, budget),
                }
            }
        }
        for list in ["allOf", "anyOf", "oneOf"] {
            for b in schema.get(list).and_then(Value::as_array).into_iter().flatten() {
                self.collect_properties(self.resolve(b), out, budget);
            }
        }
    }

    /// The schema of the property `key` of a mapping at `schema`.
    pub fn property(&self, schema: &'a Value, key: &str) -> Option<&'a Value> {
        self.properties(schema).into_iter().find(|(k, _)| *k == key).map(|(_, v)| self.resolve(v))
    }

    /// The schema of the items of a list at `schema`.
    pub fn items(&self, schema: &'a Value) -> Option<&'a Value> {
        let schema = self.resolve(schema);
        schema
            .get("items")
            .or_else(|| schema.get("then").and_then(|t| self.resolve(t).get("items")))
            .filter(|i| i.is_object())
            .map(|i| self.resolve(i))
    }

    /// The schema at a path of keys from the root; list levels are crossed
    /// implicitly (a key after a list looks into its items).
    pub fn at_path<'p>(&self, path: impl IntoIterator<Item = &'p str>) -> Option<&'a Value> {
        let mut here = self.root;
        for key in path {
            here = match self.property(here, key) {
                Some(s) => s,
                None => self.property(self.items(here)?, key)?,
            };
        }
        Some(here)
    }

    /// The schema at an instance path (keys and list indices).
    pub fn at_instance_path(&self, path: &[crate::syntax::yaml::PathSeg]) -> Option<&'a Value> {
        use crate::syntax::yaml::PathSeg;
        let mut here = self.root;
        for seg in path {
            here = match seg {
                PathSeg::Key(k) => self.property(here, k)?,
                PathSeg::Index(_) => self.items(here)?,
            };
        }
        Some(here)
    }

    /// A description written beside a `$ref` wins over the target's.
    pub fn info(&self, schema: &'a Value) -> Info {
        let own = schema.get("description").and_then(Value::as_str);
        let schema = self.resolve(schema);
        let description =
            own.or_else(|| schema.get("description").and_then(Value::as_str)).unwrap_or_default().to_string();
        let enum_values = self.enum_schema(schema).map(|s| self.enum_values(s)).unwrap_or_default();
        let type_name = self.type_name(schema);
        let default = schema.get("default").map(|d| d.to_string().trim_matches('"').to_string());
        let examples = schema
            .get("examples")
            .and_then(Value::as_array)
            .map(|ex| ex.iter().map(|e| e.to_string().trim_matches('"').to_string()).collect())
            .unwrap_or_default();
        Info { description, type_name, enum_values, default, examples }
    }

    /// The schema holding the `enum` for a node: itself, or its items for a list of enums.
    pub fn enum_schema(&self, schema: &'a Value) -> Option<&'a Value> {
        let schema = self.resolve(schema);
        if schema.get("enum").is_some() {
            return Some(schema);
        }
        if let Some(e) = schema.get("else").map(|e| self.resolve(e)).filter(|e| e.get("enum").is_some()) {
            return Some(e);
        }
        self.items(schema).and_then(|i| self.enum_schema(i))
    }

    /// Enum values with their descriptions.
    pub fn enum_values(&self, schema: &'a Value) -> Vec<(String, String)> {
        let schema = self.resolve(schema);
        let docs = schema.get("x-enum-descriptions");
        schema
            .get("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Bool(_) | Value::Number(_) => Some(v.to_string()),
                _ => None,
            })
            .map(|v| {
                let doc = docs.and_then(|d| d.get(&v)).and_then(Value::as_str).unwrap_or_default();
                (v, doc.to_string())
            })
            .collect()
    }

    pub fn type_name(&self, schema: &'a Value) -> String {
        let schema = self.resolve(schema);
        if schema.get("if").and_then(|c| c.get("type")) == Some(&Value::from("array")) {
            return "mapping or list of single-key mappings".into();
        }
        let t = match schema.get("type") {
            Some(Value::String(t)) => Some(t.as_str()),
            Some(Value::Array(ts)) => {
                let names: Vec<&str> = ts.iter().filter_map(Value::as_str).collect();
                return names.join(" or ");
            }
            _ => None,
        };
        match t {
            Some("array") => match self.items(schema).and_then(|i| i.get("type")).and_then(Value::as_str) {
                Some("string") if self.enum_schema(schema).is_some() => "list of enum values".into(),
                Some(t) => format!("list of {}", plural(t)),
                None => "list".into(),
            },
            Some("object") => "mapping".into(),
            Some(t) => t.to_string(),
            None if schema.get("enum").is_some() => "enum value".into(),
            None => "any".into(),
        }
    }

    /// A human description of a `pattern` constraint, if the schema gives one.
    pub fn pattern_description(&self, schema: &'a Value) -> Option<&'a str> {
        self.resolve(schema).get("x-pattern-description").and_then(Value::as_str)
    }
}

fn plural(t: &str) -> String {
    match t {
        "object" => "mappings".into(),
        other => format!("{other}s"),
    }
}

// The built-in role schema, as the editor features ask for it.

fn role_doc() -> SchemaDoc<'static> {
    builtin(BuiltIn::Role).doc()
}

/// The role schema as JSON.
pub fn role_schema() -> &'static Value {
    builtin(BuiltIn::Role).json()
}

/// The role schema's source text, for `rolekit schema` and the playground.
pub fn role_schema_text() -> &'static str {
    ROLE_SCHEMA
}

/// The role schema's compiled validator, built on first use and then shared.
pub fn validator() -> Option<&'static Validator> {
    Some(builtin(BuiltIn::Role).validator())
}

/// Keys the role must have once `inherits` is resolved.
pub fn required_keys() -> impl Iterator<Item = &'static str> {
    builtin(BuiltIn::Role).required()
}

/// A valid `role` value (the schema's pattern `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`,
/// kebab-case): what a file must be named for its role to match it.
pub fn is_role_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The properties of a mapping in the order the role schema file writes them
/// (the order of the template and real files: `can_write_knowledge` first),
/// where [`properties`] sorts them by name.
pub(crate) fn properties_in_order(schema: &'static Value) -> Vec<(&'static str, &'static Value)> {
    use std::collections::HashMap;
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
    crate::sort::sort_by_key(&mut props, |(k, _)| order.get(k).copied().unwrap_or(usize::MAX));
    props
}

/// Follows a local `$ref` in the role schema.
pub fn resolve(schema: &'static Value) -> &'static Value {
    role_doc().resolve(schema)
}

/// See [`SchemaDoc::properties`] (role schema).
pub fn properties(schema: &'static Value) -> Vec<(&'static str, &'static Value)> {
    role_doc().properties(schema)
}

/// See [`SchemaDoc::property`] (role schema).
pub fn property(schema: &'static Value, key: &str) -> Option<&'static Value> {
    role_doc().property(schema, key)
}

/// See [`SchemaDoc::items`] (role schema).
pub fn items(schema: &'static Value) -> Option<&'static Value> {
    role_doc().items(schema)
}

/// See [`SchemaDoc::at_path`] (role schema).
pub fn at_path<'p>(path: impl IntoIterator<Item = &'p str>) -> Option<&'static Value> {
    role_doc().at_path(path)
}

/// See [`SchemaDoc::info`] (role schema).
pub fn info(schema: &'static Value) -> Info {
    role_doc().info(schema)
}

/// See [`SchemaDoc::enum_schema`] (role schema).
pub fn enum_schema(schema: &'static Value) -> Option<&'static Value> {
    role_doc().enum_schema(schema)
}

/// See [`SchemaDoc::enum_values`] (role schema).
pub fn enum_values(schema: &'static Value) -> Vec<(String, String)> {
    role_doc().enum_values(schema)
}

/// See [`SchemaDoc::type_name`] (role schema).
pub fn type_name(schema: &'static Value) -> String {
    role_doc().type_name(schema)
}

/// See [`SchemaDoc::pattern_description`] (role schema).
pub fn pattern_description(schema: &'static Value) -> Option<&'static str> {
    role_doc().pattern_description(schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schemas_compile() {
        let dialects = policy::Dialect::ALL.into_iter().map(BuiltIn::Dialect);
        for b in [BuiltIn::Role, BuiltIn::Command, BuiltIn::Prompt].into_iter().chain(dialects) {
            let json: Value = serde_json::from_str(b.text()).unwrap_or_else(|e| panic!("{b:?}: {e}"));
            if let Err(e) = Schema::new(json, Origin::BuiltIn("x")) {
                panic!("{b:?}: {e}");
            }
        }
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

    /// Every key and every enum value of every built-in schema has a
    /// description, for hover and completion.
    #[test]
    fn every_key_and_enum_value_is_documented() {
        fn walk(doc: SchemaDoc<'static>, schema: &'static Value, path: &str, depth: usize) {
            if depth > 12 {
                return;
            }
            for (key, child) in doc.properties(schema) {
                let i = doc.info(child);
                let child = doc.resolve(child);
                assert!(!i.description.is_empty(), "{path}.{key} has no description");
                for (value, text) in &i.enum_values {
                    assert!(!text.is_empty(), "{path}.{key}: enum value {value} has no description");
                }
                walk(doc, child, &format!("{path}.{key}"), depth + 1);
                if let Some(items) = doc.items(child) {
                    walk(doc, items, &format!("{path}.{key}[]"), depth + 1);
                }
            }
        }
        for b in [BuiltIn::Role, BuiltIn::Command, BuiltIn::Prompt] {
            let schema = builtin(b);
            walk(schema.doc(), schema.json(), &format!("{b:?}"), 0);
        }
    }

    #[test]
    fn schema_files_report_where_they_fail() {
        let text = "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": {\"oneOf\": []}\n  }\n}\n";
        let e = Schema::from_text(text, Origin::File("s.json".into())).unwrap_err();
        assert_eq!(e.line_col, Some((4, 5)), "{e}");
        let e = Schema::from_text("{\n  \"type\": \"object\",\n}", Origin::File("s.json".into())).unwrap_err();
        assert_eq!(e.line_col.map(|(l, _)| l), Some(3), "{e}");
        let e = Schema::from_text("{\"requried\": [\"a\"]}", Origin::File("s.json".into())).unwrap_err();
        assert!(e.message.contains("did you mean `required`"), "{e}");
        // valora's own schemas carry a top-level `version`: an annotation.
        assert!(Schema::from_text("{\"version\": \"1.0.0\", \"type\": \"object\"}", Origin::File("s".into())).is_ok());
    }
}
