//! The schema compiled for validation: every schema object becomes a [`Node`]
//! holding its assertion keywords, already parsed (limits, type sets,
//! regexes, resolved `$ref`s) and sorted in the order they are evaluated.
//!
//! Compilation is where unsupported input fails loudly: a keyword outside
//! the draft-07 subset below, a malformed keyword value, a `$ref` that does
//! not resolve locally, a pattern `regex-lite` rejects or a cycle of in-place
//! subschemas is a [`SchemaError`], never a silently skipped check.
//!
//! Supported: `type` (a name or a list of names), `enum`, `pattern`,
//! `minLength`, `maxLength`, `minItems`, `maxItems`, `uniqueItems`,
//! `minProperties`, `maxProperties`, `required`, `properties`,
//! `additionalProperties` (a schema, or `false` beside `properties`),
//! `items` (one schema),
//! `if`/`then`/`else`, local `$ref` (draft 07: siblings are ignored, so only
//! annotations may sit beside it) and `definitions`; `true` as a subschema.
//! Annotations (`$schema`, `$id`, `$comment`, `title`, `description`,
//! `default`, `examples`, `x-*`) are accepted and ignored.
//!
//! Patterns run on `regex-lite` (no Unicode tables), unanchored as JSON
//! Schema requires. It agrees with ECMA-262 on everything the role schema's
//! patterns use (`\d` is ASCII in both); constructs where the two differ
//! (`\s` and Unicode spaces, `.` and `\u{2028}`) are not translated, so a new
//! pattern needs a case in the differential test.
//!
//! The evaluation order is `jsonschema`'s (0.61), which the differential
//! tests pin: keywords by its priority table (cheap assertions first,
//! applicators last), including the two places where it fuses keywords and so
//! moves their errors (see [`order`]).

use std::collections::HashMap;
use std::fmt;

use regex_lite::Regex;
use serde_json::{Map, Value};

use super::types::{JsonType, TypeSet};

/// Index of a node in [`Compiled::nodes`].
pub(super) type NodeId = usize;

/// A compiled schema: its nodes, the root first.
pub(super) struct Compiled<'s> {
    pub nodes: Vec<Node<'s>>,
}

/// One schema object: its assertion keywords in evaluation order.
#[derive(Default)]
pub(super) struct Node<'s> {
    pub keywords: Vec<Keyword<'s>>,
}

/// One compiled keyword.
pub(super) enum Keyword<'s> {
    Type(TypeSet),
    Enum(&'s [Value]),
    MinLength(u64),
    MaxLength(u64),
    MinItems(u64),
    MaxItems(u64),
    MinProperties(u64),
    MaxProperties(u64),
    /// `declared_only`: a name counts as present only if `properties`
    /// declares it (how `jsonschema` checks a lone required name of a closed
    /// object, during its walk of the members).
    Required {
        names: Vec<&'s str>,
        declared_only: Option<Vec<&'s str>>,
    },
    Pattern {
        source: &'s str,
        regex: Regex,
    },
    UniqueItems,
    /// `properties` and `additionalProperties` together: members are checked
    /// in instance order and undeclared ones go to `additional`.
    Properties {
        declared: Vec<(&'s str, NodeId)>,
        additional: Additional,
    },
    Items(NodeId),
    If {
        condition: NodeId,
        then: Option<NodeId>,
        otherwise: Option<NodeId>,
    },
    Ref(NodeId),
}

/// A size keyword: its name, its priority and how to build it from its limit.
type SizeKeyword<'s> = (&'static str, u8, fn(u64) -> Keyword<'s>);

/// What `additionalProperties` says about undeclared members.
#[derive(Clone, Copy)]
pub(super) enum Additional {
    Allowed,
    Forbidden,
    Schema(NodeId),
}

/// Why a schema cannot be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    /// JSON pointer of the offending schema location.
    pub location: String,
    pub message: String,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", if self.location.is_empty() { "#" } else { &self.location }, self.message)
    }
}

impl std::error::Error for SchemaError {}

/// Keywords that carry no assertion.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$comment", "title", "description", "default", "examples"];

/// Every keyword this compiler understands (annotations aside).
const KEYWORDS: &[&str] = &[
    "type",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "if",
    "then",
    "else",
    "$ref",
    "definitions",
];

fn is_annotation(key: &str) -> bool {
    ANNOTATIONS.contains(&key) || key.starts_with("x-")
}

/// Compiles `root` (the whole schema document).
pub(super) fn compile(root: &Value) -> Result<Compiled<'_>, SchemaError> {
    let mut compiler = Compiler { root, nodes: Vec::new(), by_pointer: HashMap::new(), regexes: HashMap::new() };
    compiler.node(root, String::new())?;
    let compiled = Compiled { nodes: compiler.nodes };
    check_in_place_cycles(&compiled)?;
    Ok(compiled)
}

struct Compiler<'s> {
    root: &'s Value,
    nodes: Vec<Node<'s>>,
    /// Nodes compiled for `$ref` targets and definitions, by JSON pointer.
    by_pointer: HashMap<String, NodeId>,
    /// One compiled regex per distinct pattern.
    regexes: HashMap<&'s str, Regex>,
}

fn error(location: &str, message: impl Into<String>) -> SchemaError {
    SchemaError { location: location.to_string(), message: message.into() }
}

/// `pointer` extended by one (escaped) reference token.
fn join(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}

impl<'s> Compiler<'s> {
    /// Compiles the schema at `pointer` into a new node.
    fn node(&mut self, schema: &'s Value, pointer: String) -> Result<NodeId, SchemaError> {
        let id = self.nodes.len();
        self.nodes.push(Node::default());
        self.by_pointer.entry(pointer.clone()).or_insert(id);
        let keywords = match schema {
            Value::Bool(true) => Vec::new(),
            Value::Object(map) => self.keywords(map, &pointer)?,
            _ => return Err(error(&pointer, "a subschema must be an object or `true`")),
        };
        self.nodes[id].keywords = keywords;
        Ok(id)
    }

    /// The node at `pointer`, compiled once.
    fn node_at(&mut self, pointer: &str) -> Result<NodeId, SchemaError> {
        if let Some(&id) = self.by_pointer.get(pointer) {
            return Ok(id);
        }
        let target = self.root.pointer(pointer).ok_or_else(|| error(pointer, "the reference does not resolve"))?;
        self.node(target, pointer.to_string())
    }

    fn keywords(&mut self, map: &'s Map<String, Value>, at: &str) -> Result<Vec<Keyword<'s>>, SchemaError> {
        for key in map.keys() {
            if !KEYWORDS.contains(&key.as_str()) && !is_annotation(key) {
                return Err(error(at, format!("unsupported keyword `{key}`")));
            }
        }
        if let Some(Value::Object(definitions)) = map.get("definitions") {
            let base = join(at, "definitions");
            for name in definitions.keys() {
                self.node_at(&join(&base, name))?;
            }
        } else if map.contains_key("definitions") {
            return Err(error(at, "`definitions` must be an object"));
        }
        if let Some(reference) = map.get("$ref") {
            // Draft 07: `$ref` replaces its siblings, so any but annotations would be ignored.
            if let Some(key) = map.keys().find(|k| !is_annotation(k) && *k != "$ref" && *k != "definitions") {
                return Err(error(at, format!("`{key}` beside `$ref` would be ignored")));
            }
            let pointer = reference
                .as_str()
                .and_then(|r| r.strip_prefix('#'))
                .ok_or_else(|| error(at, "only local references (`#/...`) are supported"))?;
            return Ok(vec![Keyword::Ref(self.node_at(pointer)?)]);
        }

        let mut keywords: Vec<(u8, Keyword<'s>)> = Vec::new();
        let fused = order::array_shape(map);
        if let Some(t) = map.get("type") {
            let priority = if fused { order::ITEMS } else { order::TYPE };
            keywords.push((priority, Keyword::Type(type_set(t, at)?)));
        }
        if let Some(e) = map.get("enum") {
            let options = e.as_array().ok_or_else(|| error(at, "`enum` must be an array"))?;
            keywords.push((order::ENUM, Keyword::Enum(options)));
        }
        let sizes: [SizeKeyword<'s>; 6] = [
            ("minLength", order::MIN_LENGTH, Keyword::MinLength),
            ("maxLength", order::MAX_LENGTH, Keyword::MaxLength),
            ("minItems", order::MIN_ITEMS, Keyword::MinItems),
            ("maxItems", order::MAX_ITEMS, Keyword::MaxItems),
            ("minProperties", order::MIN_PROPERTIES, Keyword::MinProperties),
            ("maxProperties", order::MAX_PROPERTIES, Keyword::MaxProperties),
        ];
        for (name, priority, make) in sizes {
            if let Some(limit) = map.get(name) {
                let limit =
                    limit.as_u64().ok_or_else(|| error(at, format!("`{name}` must be a non-negative integer")))?;
                let priority = if fused && name.ends_with("Items") { order::ITEMS } else { priority };
                keywords.push((priority, make(limit)));
            }
        }
        let lone_required = order::lone_required_of_closed_object(map);
        let mut deferred_required = None;
        if let Some(required) = map.get("required") {
            let names = required
                .as_array()
                .and_then(|r| r.iter().map(Value::as_str).collect::<Option<Vec<_>>>())
                .ok_or_else(|| error(at, "`required` must be an array of strings"))?;
            match lone_required {
                None => keywords.push((order::REQUIRED, Keyword::Required { names, declared_only: None })),
                Some(_) => deferred_required = Some(names),
            }
        }
        if let Some(p) = map.get("pattern") {
            let source = p.as_str().ok_or_else(|| error(at, "`pattern` must be a string"))?;
            keywords.push((order::PATTERN, Keyword::Pattern { source, regex: self.regex(source, at)? }));
        }
        match map.get("uniqueItems") {
            Some(Value::Bool(true)) => keywords.push((order::UNIQUE_ITEMS, Keyword::UniqueItems)),
            Some(Value::Bool(false)) | None => {}
            Some(_) => return Err(error(at, "`uniqueItems` must be a boolean")),
        }
        self.push_properties(map, at, &mut keywords)?;
        if let Some(names) = deferred_required {
            // Same priority as the closed object's walk, pushed after it.
            keywords.push((order::ADDITIONAL_PROPERTIES, Keyword::Required { names, declared_only: lone_required }));
        }
        if let Some(items) = map.get("items") {
            if !matches!(items, Value::Object(_) | Value::Bool(true)) {
                return Err(error(at, "`items` must be one schema (the array form is not supported)"));
            }
            keywords.push((order::ITEMS, Keyword::Items(self.node(items, join(at, "items"))?)));
        }
        match (map.get("if"), map.get("then"), map.get("else")) {
            (Some(condition), then, otherwise) => {
                let condition = self.node(condition, join(at, "if"))?;
                let then = then.map(|t| self.node(t, join(at, "then"))).transpose()?;
                let otherwise = otherwise.map(|e| self.node(e, join(at, "else"))).transpose()?;
                if then.is_some() || otherwise.is_some() {
                    keywords.push((order::IF, Keyword::If { condition, then, otherwise }));
                }
            }
            (None, None, None) => {}
            (None, ..) => return Err(error(at, "`then`/`else` without `if` would be ignored")),
        }
        // Stable: keywords of equal priority keep the order pushed above.
        keywords.sort_by_key(|(priority, _)| *priority);
        Ok(keywords.into_iter().map(|(_, k)| k).collect())
    }

    /// `properties` and `additionalProperties`, as one keyword.
    fn push_properties(
        &mut self,
        map: &'s Map<String, Value>,
        at: &str,
        keywords: &mut Vec<(u8, Keyword<'s>)>,
    ) -> Result<(), SchemaError> {
        let additional = match map.get("additionalProperties") {
            None | Some(Value::Bool(true)) => Additional::Allowed,
            // Alone, `jsonschema` reports it as a false schema at the first member: not modelled.
            Some(Value::Bool(false)) if !map.contains_key("properties") => {
                return Err(error(at, "`additionalProperties: false` without `properties` is not supported"));
            }
            Some(Value::Bool(false)) => Additional::Forbidden,
            Some(schema @ Value::Object(_)) => Additional::Schema(self.node(schema, join(at, "additionalProperties"))?),
            Some(_) => return Err(error(at, "`additionalProperties` must be a boolean or a schema")),
        };
        let declared = match map.get("properties") {
            None => Vec::new(),
            Some(Value::Object(props)) => {
                let base = join(at, "properties");
                let mut declared = Vec::with_capacity(props.len());
                for (name, schema) in props {
                    declared.push((name.as_str(), self.node(schema, join(&base, name))?));
                }
                declared.sort_by(|a, b| a.0.cmp(b.0));
                declared
            }
            Some(_) => return Err(error(at, "`properties` must be an object")),
        };
        if declared.is_empty() && matches!(additional, Additional::Allowed) {
            return Ok(());
        }
        let priority = if map.contains_key("properties") && matches!(additional, Additional::Allowed) {
            order::PROPERTIES
        } else {
            order::ADDITIONAL_PROPERTIES
        };
        keywords.push((priority, Keyword::Properties { declared, additional }));
        Ok(())
    }

    fn regex(&mut self, source: &'s str, at: &str) -> Result<Regex, SchemaError> {
        if let Some(regex) = self.regexes.get(source) {
            return Ok(regex.clone());
        }
        let regex = Regex::new(source).map_err(|e| error(at, format!("invalid pattern `{source}`: {e}")))?;
        self.regexes.insert(source, regex.clone());
        Ok(regex)
    }
}

fn type_set(value: &Value, at: &str) -> Result<TypeSet, SchemaError> {
    let parse = |v: &Value| {
        v.as_str().and_then(JsonType::from_name).ok_or_else(|| error(at, format!("`{v}` is not a JSON type name")))
    };
    match value {
        Value::Array(names) if !names.is_empty() => {
            names.iter().try_fold(TypeSet::EMPTY, |set, v| Ok(set.with(parse(v)?)))
        }
        Value::String(_) => Ok(TypeSet::EMPTY.with(parse(value)?)),
        _ => Err(error(at, "`type` must be a type name or a non-empty list of them")),
    }
}

/// Rejects schemas whose in-place subschemas (`$ref`, `if`/`then`/`else`)
/// lead back to themselves: evaluating them would never end.
fn check_in_place_cycles(compiled: &Compiled) -> Result<(), SchemaError> {
    fn in_place(node: &Node) -> Vec<NodeId> {
        let mut out = Vec::new();
        for keyword in &node.keywords {
            match keyword {
                Keyword::Ref(target) => out.push(*target),
                Keyword::If { condition, then, otherwise } => {
                    out.push(*condition);
                    out.extend(then.iter().chain(otherwise));
                }
                _ => {}
            }
        }
        out
    }
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; compiled.nodes.len()];
    for start in 0..compiled.nodes.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, in_place(&compiled.nodes[start]))];
        state[start] = 1;
        while let Some((id, next)) = stack.last_mut() {
            match next.pop() {
                Some(child) if state[child] == 1 => {
                    return Err(error("", "a `$ref` or `if`/`then`/`else` cycle never reaches an assertion"));
                }
                Some(child) if state[child] == 0 => {
                    state[child] = 1;
                    let children = in_place(&compiled.nodes[child]);
                    stack.push((child, children));
                }
                Some(_) => {}
                None => {
                    state[*id] = 2;
                    stack.pop();
                }
            }
        }
    }
    Ok(())
}

/// `jsonschema`'s evaluation order.
pub(super) mod order {
    use serde_json::{Map, Value};

    pub const TYPE: u8 = 1;
    pub const ENUM: u8 = 6;
    pub const MIN_LENGTH: u8 = 20;
    pub const MAX_LENGTH: u8 = 21;
    pub const MIN_ITEMS: u8 = 22;
    pub const MAX_ITEMS: u8 = 23;
    pub const MIN_PROPERTIES: u8 = 24;
    pub const MAX_PROPERTIES: u8 = 25;
    pub const REQUIRED: u8 = 26;
    pub const PATTERN: u8 = 30;
    pub const UNIQUE_ITEMS: u8 = 35;
    pub const PROPERTIES: u8 = 40;
    pub const ADDITIONAL_PROPERTIES: u8 = 42;
    pub const ITEMS: u8 = 44;
    pub const IF: u8 = 54;

    /// `{type: "array", items: {...}}` with at most `minItems`/`maxItems`
    /// beside: `jsonschema` checks the type and the bounds together with the
    /// items, so their errors come at the items' place.
    pub fn array_shape(map: &Map<String, Value>) -> bool {
        matches!(map.get("items"), Some(Value::Object(_)))
            && map.get("type").and_then(Value::as_str) == Some("array")
            && !map.contains_key("uniqueItems")
    }

    /// `required: [one name]` beside `properties` and
    /// `additionalProperties: false`: `jsonschema` checks the name while it
    /// walks the members, after them (and then only declared members count).
    /// Returns the declared names.
    pub fn lone_required_of_closed_object(map: &Map<String, Value>) -> Option<Vec<&str>> {
        let one = matches!(map.get("required"), Some(Value::Array(r)) if r.len() == 1 && r[0].is_string());
        let closed = map.get("additionalProperties") == Some(&Value::Bool(false));
        match map.get("properties") {
            Some(Value::Object(props)) if one && closed => Some(props.keys().map(String::as_str).collect()),
            _ => None,
        }
    }
}
