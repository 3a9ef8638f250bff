//! The schema compiled for validation: every schema object becomes a [`Node`]
//! holding its assertion keywords, already parsed (limits, type sets,
//! regexes, resolved `$ref`s) and sorted in the order they are evaluated.
//! Compiled schemas own their data, so a schema read from a project file at
//! run time lives as long as the configuration that names it.
//!
//! Compilation is where unsupported input fails loudly: a keyword rolekit
//! does not implement, a malformed keyword value, a `$ref` that does not
//! resolve locally, a pattern [`super::regex`] rejects, an unknown `format` or a
//! cycle of in-place subschemas is a [`SchemaError`], never a silently
//! skipped check. A member that is no JSON Schema keyword at all (valora's
//! schemas carry a top-level `"version": "1.0.0"`) is an annotation, as the
//! specification says, unless it is a near miss of a keyword (`requried`),
//! which is an error with a suggestion.
//!
//! Supported (draft-07, and 2020-12 where the two agree): `type` (a name or a
//! list of names), `const`, `enum`, `minimum`, `maximum`,
//! `exclusiveMinimum`, `exclusiveMaximum` (numbers, as in draft-06 and
//! later), `multipleOf`, `pattern`, `format` (`date`, `date-time`, `time`:
//! RFC 3339, asserted as draft-07 does by default), `minLength`,
//! `maxLength`, `minItems`, `maxItems`, `uniqueItems`, `contains`,
//! `minProperties`, `maxProperties`, `required`, `properties`,
//! `patternProperties`, `additionalProperties` (a schema, or `false` beside
//! `properties` or `patternProperties`), `propertyNames`, `items` (one
//! schema), `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, local
//! `$ref` (draft-07: siblings are ignored by the specification, so only
//! annotations may sit beside it; 2020-12: siblings apply too), `definitions`
//! and `$defs`; `true` and `false` as subschemas below the root.
//! Annotations (`$schema`, `$id`, `$comment`, `title`, `description`,
//! `default`, `examples`, `readOnly`, `writeOnly`, `deprecated`, `x-*`) are
//! accepted and ignored.
//!
//! Patterns run on rolekit's own engine ([`super::regex`]: `regex-lite`'s
//! language, no Unicode tables), unanchored as JSON
//! Schema requires. It agrees with ECMA-262 on everything the built-in
//! schemas' patterns use (`\d` is ASCII in both); constructs where the two
//! differ (`\s` and Unicode spaces, `.` and `\u{2028}`) are not translated,
//! so a new pattern needs a case in the differential test.
//!
//! The evaluation order is `jsonschema`'s (0.61), which the differential
//! tests pin: keywords by its priority table (cheap assertions first,
//! applicators last), including the two places where it fuses keywords and so
//! moves their errors (see [`order`]).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Number, Value};

use super::pattern::Pattern;
use super::types::{JsonType, TypeSet};

/// Index of a node in [`Compiled::nodes`].
pub(super) type NodeId = usize;

/// A compiled schema: its nodes, the root first.
#[derive(Debug)]
pub(super) struct Compiled {
    pub nodes: Vec<Node>,
}

/// One schema object: its assertion keywords in evaluation order.
#[derive(Debug, Default)]
pub(super) struct Node {
    pub keywords: Vec<Keyword>,
}

/// A `format` the validator asserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Date,
    DateTime,
    Time,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::DateTime => "date-time",
            Format::Time => "time",
        }
    }

    fn parse(name: &str) -> Option<Format> {
        match name {
            "date" => Some(Format::Date),
            "date-time" => Some(Format::DateTime),
            "time" => Some(Format::Time),
            _ => None,
        }
    }
}

/// Which bound a numeric keyword sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
}

/// One compiled keyword.
#[derive(Debug)]
pub(super) enum Keyword {
    Type(TypeSet),
    Const(Value),
    Enum(Vec<Value>),
    Number(Bound, Number),
    MultipleOf(Number),
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
        names: Vec<String>,
        declared_only: Option<Vec<String>>,
    },
    Pattern {
        source: String,
        regex: Pattern,
    },
    Format(Format),
    UniqueItems,
    /// `properties`, `patternProperties` and `additionalProperties` together:
    /// members are checked in instance order and undeclared ones go to
    /// `additional`.
    Properties {
        declared: Vec<(String, NodeId)>,
        patterns: Vec<(Pattern, NodeId)>,
        additional: Additional,
    },
    PropertyNames(NodeId),
    Items(NodeId),
    Contains(NodeId),
    AllOf(Vec<NodeId>),
    AnyOf(Vec<NodeId>),
    OneOf(Vec<NodeId>),
    Not(NodeId),
    If {
        condition: NodeId,
        then: Option<NodeId>,
        otherwise: Option<NodeId>,
    },
    Ref(NodeId),
    /// `false` as a subschema: nothing is valid.
    False,
}

/// A size keyword: its name, its priority and how to build it from its limit.
type SizeKeyword = (&'static str, u8, fn(u64) -> Keyword);

/// What `additionalProperties` says about undeclared members.
#[derive(Clone, Copy, Debug)]
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

/// The JSON Schema dialect a schema declares with `$schema`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Draft07,
    Draft2020,
}

/// Keywords that carry no assertion.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    "$anchor",
];

/// Every keyword this compiler understands (annotations aside).
const KEYWORDS: &[&str] = &[
    "type",
    "const",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "pattern",
    "format",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minProperties",
    "maxProperties",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "items",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "$ref",
    "definitions",
    "$defs",
];

/// JSON Schema keywords (of any draft) that rolekit does not implement:
/// a schema using one is refused rather than half-checked.
const UNSUPPORTED: &[&str] = &[
    "additionalItems",
    "prefixItems",
    "unevaluatedItems",
    "unevaluatedProperties",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "minContains",
    "maxContains",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "$vocabulary",
];

fn is_annotation(key: &str) -> bool {
    ANNOTATIONS.contains(&key) || key.starts_with("x-")
}

/// Compiles `root` (the whole schema document).
pub(super) fn compile(root: &Value) -> Result<Compiled, SchemaError> {
    let dialect = dialect(root)?;
    if matches!(root, Value::Bool(false)) {
        return Err(error("", "a schema of `false` rejects every document"));
    }
    let mut compiler =
        Compiler { root, dialect, nodes: Vec::new(), by_pointer: HashMap::new(), regexes: HashMap::new() };
    compiler.node(root, String::new())?;
    let compiled = Compiled { nodes: compiler.nodes };
    check_in_place_cycles(&compiled)?;
    Ok(compiled)
}

/// The dialect `$schema` names (draft-07 when it names none).
pub(super) fn dialect(root: &Value) -> Result<Dialect, SchemaError> {
    match root.get("$schema") {
        None => Ok(Dialect::Draft07),
        Some(Value::String(uri)) => {
            let uri = uri.trim_end_matches('#').trim_end_matches('/');
            let uri = uri.strip_prefix("https://").or_else(|| uri.strip_prefix("http://")).unwrap_or(uri);
            match uri {
                "json-schema.org/draft-07/schema" => Ok(Dialect::Draft07),
                "json-schema.org/draft/2020-12/schema" => Ok(Dialect::Draft2020),
                _ => Err(error(
                    "/$schema",
                    format!("`$schema` is `{}`; rolekit validates draft-07 and 2020-12 schemas only", root["$schema"]),
                )),
            }
        }
        Some(_) => Err(error("/$schema", "`$schema` must be a string")),
    }
}

struct Compiler<'s> {
    root: &'s Value,
    dialect: Dialect,
    nodes: Vec<Node>,
    /// Nodes compiled for `$ref` targets and definitions, by JSON pointer.
    by_pointer: HashMap<String, NodeId>,
    /// One compiled regex per distinct pattern.
    regexes: HashMap<&'s str, Pattern>,
}

fn error(location: &str, message: impl Into<String>) -> SchemaError {
    SchemaError { location: location.to_string(), message: message.into() }
}

/// `pointer` extended by one (escaped) reference token.
pub(super) fn join(pointer: &str, token: &str) -> String {
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
            Value::Bool(false) => vec![Keyword::False],
            Value::Object(map) => self.keywords(map, &pointer)?,
            _ => return Err(error(&pointer, "a subschema must be an object or a boolean")),
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

    fn list(&mut self, value: &'s Value, at: &str, name: &str) -> Result<Vec<NodeId>, SchemaError> {
        let items = value
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| error(at, format!("`{name}` must be a non-empty array of schemas")))?;
        let base = join(at, name);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(self.node(item, join(&base, &i.to_string()))?);
        }
        Ok(out)
    }

    fn keywords(&mut self, map: &'s Map<String, Value>, at: &str) -> Result<Vec<Keyword>, SchemaError> {
        for key in map.keys() {
            if KEYWORDS.contains(&key.as_str()) || is_annotation(key) {
                continue;
            }
            if UNSUPPORTED.contains(&key.as_str()) {
                return Err(error(at, format!("unsupported keyword `{key}`")));
            }
            let known = KEYWORDS.iter().chain(ANNOTATIONS).chain(UNSUPPORTED).copied();
            if let Some(near) = crate::analysis::closest(key, known) {
                return Err(error(at, format!("unknown keyword `{key}` (did you mean `{near}`?)")));
            }
            // Anything else is an annotation the specification tells validators to ignore.
        }
        for defs in ["definitions", "$defs"] {
            match map.get(defs) {
                Some(Value::Object(definitions)) => {
                    let base = join(at, defs);
                    for name in definitions.keys() {
                        self.node_at(&join(&base, name))?;
                    }
                }
                Some(_) => return Err(error(at, format!("`{defs}` must be an object"))),
                None => {}
            }
        }
        let reference = match map.get("$ref") {
            Some(reference) => {
                let pointer = reference
                    .as_str()
                    .and_then(|r| r.strip_prefix('#'))
                    .ok_or_else(|| error(at, "only local references (`#/...`) are supported"))?;
                Some(self.node_at(pointer)?)
            }
            None => None,
        };
        if let (Some(target), Dialect::Draft07) = (reference, self.dialect) {
            // Draft 07: `$ref` replaces its siblings, so any but annotations would be ignored.
            if let Some(key) =
                map.keys().find(|k| !is_annotation(k) && *k != "$ref" && *k != "definitions" && *k != "$defs")
            {
                return Err(error(at, format!("`{key}` beside `$ref` would be ignored")));
            }
            return Ok(vec![Keyword::Ref(target)]);
        }

        let mut keywords: Vec<(u8, Keyword)> = Vec::new();
        let fused = order::array_shape(map);
        if let Some(t) = map.get("type") {
            let priority = if fused { order::ITEMS } else { order::TYPE };
            keywords.push((priority, Keyword::Type(type_set(t, at)?)));
        }
        if let Some(c) = map.get("const") {
            keywords.push((order::CONST, Keyword::Const(c.clone())));
        }
        if let Some(e) = map.get("enum") {
            let options = e.as_array().ok_or_else(|| error(at, "`enum` must be an array"))?;
            keywords.push((order::ENUM, Keyword::Enum(options.clone())));
        }
        let bounds = [
            ("minimum", order::MINIMUM, Bound::Minimum),
            ("maximum", order::MAXIMUM, Bound::Maximum),
            ("exclusiveMinimum", order::EXCLUSIVE_MINIMUM, Bound::ExclusiveMinimum),
            ("exclusiveMaximum", order::EXCLUSIVE_MAXIMUM, Bound::ExclusiveMaximum),
        ];
        for (name, priority, bound) in bounds {
            match map.get(name) {
                Some(Value::Number(n)) => keywords.push((priority, Keyword::Number(bound, n.clone()))),
                Some(_) => return Err(error(at, format!("`{name}` must be a number"))),
                None => {}
            }
        }
        match map.get("multipleOf") {
            Some(Value::Number(n)) if n.as_f64().is_some_and(|f| f > 0.0) => {
                keywords.push((order::MULTIPLE_OF, Keyword::MultipleOf(n.clone())))
            }
            Some(_) => return Err(error(at, "`multipleOf` must be a number above 0")),
            None => {}
        }
        let sizes: [SizeKeyword; 6] = [
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
                .and_then(|r| r.iter().map(|v| v.as_str().map(str::to_string)).collect::<Option<Vec<_>>>())
                .ok_or_else(|| error(at, "`required` must be an array of strings"))?;
            match &lone_required {
                None => keywords.push((order::REQUIRED, Keyword::Required { names, declared_only: None })),
                Some(_) => deferred_required = Some(names),
            }
        }
        if let Some(p) = map.get("pattern") {
            let source = p.as_str().ok_or_else(|| error(at, "`pattern` must be a string"))?;
            keywords.push((
                order::PATTERN,
                Keyword::Pattern { source: source.to_string(), regex: self.regex(source, at)? },
            ));
        }
        match map.get("format") {
            Some(Value::String(name)) => match Format::parse(name) {
                Some(format) => keywords.push((order::FORMAT, Keyword::Format(format))),
                None => {
                    return Err(error(
                        at,
                        format!("`format: {name}` is not supported (rolekit checks `date`, `date-time` and `time`)"),
                    ))
                }
            },
            Some(_) => return Err(error(at, "`format` must be a string")),
            None => {}
        }
        match map.get("uniqueItems") {
            Some(Value::Bool(true)) => keywords.push((order::UNIQUE_ITEMS, Keyword::UniqueItems)),
            Some(Value::Bool(false)) | None => {}
            Some(_) => return Err(error(at, "`uniqueItems` must be a boolean")),
        }
        self.push_properties(map, at, &mut keywords)?;
        if let Some(names) = deferred_required {
            // Same priority as the closed object's walk, pushed after it.
            let declared_only = lone_required.map(|d| d.into_iter().map(str::to_string).collect());
            keywords.push((order::ADDITIONAL_PROPERTIES, Keyword::Required { names, declared_only }));
        }
        if let Some(names) = map.get("propertyNames") {
            keywords
                .push((order::PROPERTY_NAMES, Keyword::PropertyNames(self.node(names, join(at, "propertyNames"))?)));
        }
        if let Some(items) = map.get("items") {
            if !matches!(items, Value::Object(_) | Value::Bool(_)) {
                return Err(error(at, "`items` must be one schema (the array form is not supported)"));
            }
            keywords.push((order::ITEMS, Keyword::Items(self.node(items, join(at, "items"))?)));
        }
        if let Some(contains) = map.get("contains") {
            keywords.push((order::CONTAINS, Keyword::Contains(self.node(contains, join(at, "contains"))?)));
        }
        if let Some(all) = map.get("allOf") {
            keywords.push((order::ALL_OF, Keyword::AllOf(self.list(all, at, "allOf")?)));
        }
        if let Some(any) = map.get("anyOf") {
            keywords.push((order::ANY_OF, Keyword::AnyOf(self.list(any, at, "anyOf")?)));
        }
        if let Some(one) = map.get("oneOf") {
            keywords.push((order::ONE_OF, Keyword::OneOf(self.list(one, at, "oneOf")?)));
        }
        if let Some(not) = map.get("not") {
            keywords.push((order::NOT, Keyword::Not(self.node(not, join(at, "not"))?)));
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
        if let Some(target) = reference {
            keywords.push((order::REF, Keyword::Ref(target)));
        }
        // Stable: keywords of equal priority keep the order pushed above.
        crate::sort::sort_by_key(&mut keywords, |(priority, _)| *priority);
        Ok(keywords.into_iter().map(|(_, k)| k).collect())
    }

    /// `properties`, `patternProperties` and `additionalProperties`, as one keyword.
    fn push_properties(
        &mut self,
        map: &'s Map<String, Value>,
        at: &str,
        keywords: &mut Vec<(u8, Keyword)>,
    ) -> Result<(), SchemaError> {
        let declares = map.contains_key("properties") || map.contains_key("patternProperties");
        let additional = match map.get("additionalProperties") {
            None | Some(Value::Bool(true)) => Additional::Allowed,
            // Alone, `jsonschema` reports it as a false schema at the first member: not modelled.
            Some(Value::Bool(false)) if !declares => {
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
                    declared.push((name.clone(), self.node(schema, join(&base, name))?));
                }
                crate::sort::sort_by(&mut declared, |a, b| a.0.cmp(&b.0));
                declared
            }
            Some(_) => return Err(error(at, "`properties` must be an object")),
        };
        let patterns = match map.get("patternProperties") {
            None => Vec::new(),
            Some(Value::Object(props)) => {
                let base = join(at, "patternProperties");
                let mut patterns = Vec::with_capacity(props.len());
                for (source, schema) in props {
                    let regex = self.regex(source, &base)?;
                    patterns.push((regex, self.node(schema, join(&base, source))?));
                }
                patterns
            }
            Some(_) => return Err(error(at, "`patternProperties` must be an object")),
        };
        if declared.is_empty() && patterns.is_empty() && matches!(additional, Additional::Allowed) {
            return Ok(());
        }
        let priority = if matches!(additional, Additional::Allowed) {
            if map.contains_key("properties") {
                order::PROPERTIES
            } else {
                order::PATTERN_PROPERTIES
            }
        } else {
            order::ADDITIONAL_PROPERTIES
        };
        keywords.push((priority, Keyword::Properties { declared, patterns, additional }));
        Ok(())
    }

    fn regex(&mut self, source: &'s str, at: &str) -> Result<Pattern, SchemaError> {
        if let Some(regex) = self.regexes.get(source) {
            return Ok(regex.clone());
        }
        let regex = Pattern::new(source).map_err(|e| error(at, format!("invalid pattern `{source}`: {e}")))?;
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

/// Rejects schemas whose in-place subschemas (`$ref`, `allOf`, `anyOf`,
/// `oneOf`, `not`, `if`/`then`/`else`) lead back to themselves: evaluating
/// them would never end.
fn check_in_place_cycles(compiled: &Compiled) -> Result<(), SchemaError> {
    fn in_place(node: &Node) -> Vec<NodeId> {
        let mut out = Vec::new();
        for keyword in &node.keywords {
            match keyword {
                Keyword::Ref(target) | Keyword::Not(target) => out.push(*target),
                Keyword::AllOf(list) | Keyword::AnyOf(list) | Keyword::OneOf(list) => out.extend(list),
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
    pub const CONST: u8 = 5;
    pub const ENUM: u8 = 6;
    pub const MINIMUM: u8 = 10;
    pub const MAXIMUM: u8 = 11;
    pub const EXCLUSIVE_MINIMUM: u8 = 12;
    pub const EXCLUSIVE_MAXIMUM: u8 = 13;
    pub const MULTIPLE_OF: u8 = 14;
    pub const MIN_LENGTH: u8 = 20;
    pub const MAX_LENGTH: u8 = 21;
    pub const MIN_ITEMS: u8 = 22;
    pub const MAX_ITEMS: u8 = 23;
    pub const MIN_PROPERTIES: u8 = 24;
    pub const MAX_PROPERTIES: u8 = 25;
    pub const REQUIRED: u8 = 26;
    pub const PATTERN: u8 = 30;
    pub const FORMAT: u8 = 31;
    pub const UNIQUE_ITEMS: u8 = 35;
    pub const PROPERTIES: u8 = 40;
    pub const PATTERN_PROPERTIES: u8 = 41;
    pub const ADDITIONAL_PROPERTIES: u8 = 42;
    pub const PROPERTY_NAMES: u8 = 43;
    pub const ITEMS: u8 = 44;
    pub const CONTAINS: u8 = 47;
    pub const ALL_OF: u8 = 50;
    pub const ANY_OF: u8 = 51;
    pub const ONE_OF: u8 = 52;
    pub const NOT: u8 = 53;
    pub const IF: u8 = 54;
    pub const REF: u8 = 70;

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
            Some(Value::Object(props)) if one && closed && !map.contains_key("patternProperties") => {
                Some(props.keys().map(String::as_str).collect())
            }
            _ => None,
        }
    }
}
