//! A JSON Schema (draft-07 subset) validator over the role schema.
//!
//! The schema stays data: [`Validator::new`] compiles whatever schema it is
//! given (see `compile.rs` for the supported keywords, which it enforces),
//! and [`Validator::errors`] walks an instance against it. Errors come in the
//! order and with the instance paths of `jsonschema`'s `iter_errors`, which a
//! differential test over the corpus and thousands of mutations pins
//! (`jsonschema` is a dev-dependency only: with its regex engines it was
//! about 70% of the WASM module).

use std::cmp::Ordering;

use serde_json::{Number, Value};

use super::compile::{self, Additional, Compiled, Keyword, NodeId};
pub use super::compile::{Bound, Format, SchemaError};
use super::types::{all_unique, compare, equal};
pub use super::types::{JsonType, TypeSet};
use crate::syntax::yaml::PathSeg;

/// One failed assertion.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError<'s> {
    /// Where in the instance: keys and list indices from the root.
    pub instance_path: Vec<PathSeg>,
    pub kind: ErrorKind<'s>,
}

/// Which assertion failed, with its schema parameters.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind<'s> {
    /// The value is not of the allowed types.
    Type {
        expected: TypeSet,
    },
    /// The value is not `expected`.
    Const {
        expected: &'s Value,
    },
    /// The value is none of `options`.
    Enum {
        options: &'s [Value],
    },
    /// The number is beyond `limit` (which `bound` says how).
    Number {
        bound: Bound,
        limit: &'s Number,
    },
    /// The number is not a multiple of `multiple_of`.
    MultipleOf {
        multiple_of: &'s Number,
    },
    /// The string does not match `pattern`.
    Pattern {
        pattern: &'s str,
    },
    /// The string is not a valid `format`.
    Format {
        format: Format,
    },
    /// The string has fewer than `limit` characters (Unicode code points).
    MinLength {
        limit: u64,
    },
    /// The string has more than `limit` characters (Unicode code points).
    MaxLength {
        limit: u64,
    },
    MinItems {
        limit: u64,
    },
    MaxItems {
        limit: u64,
    },
    /// Two items of the list are equal.
    UniqueItems,
    /// No item of the list is valid against `contains`.
    Contains,
    MinProperties {
        limit: u64,
    },
    MaxProperties {
        limit: u64,
    },
    /// The mapping lacks `property`.
    Required {
        property: &'s str,
    },
    /// Members `additionalProperties: false` forbids, in instance order.
    AdditionalProperties {
        unexpected: Vec<String>,
    },
    /// The value matches none of the `anyOf` schemas; each branch's errors.
    AnyOf {
        branches: Vec<Vec<ValidationError<'s>>>,
    },
    /// The value matches none of the `oneOf` schemas; each branch's errors.
    OneOfNone {
        branches: Vec<Vec<ValidationError<'s>>>,
    },
    /// The value matches more than one of the `oneOf` schemas.
    OneOfMany,
    /// The value matches the `not` schema.
    Not,
    /// The schema is `false`: no value is allowed here.
    FalseSchema,
    /// A key of the mapping fails `propertyNames` (`kind` says how).
    PropertyName {
        name: String,
        kind: Box<ErrorKind<'s>>,
    },
}

/// A compiled schema, ready to validate instances. It owns its data: errors
/// borrow their parameters from it.
pub struct Validator {
    compiled: Compiled,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator").field("nodes", &self.compiled.nodes.len()).finish()
    }
}

/// One step of the path being walked, borrowed from the instance.
#[derive(Clone, Copy)]
enum Step<'i> {
    Key(&'i str),
    Index(usize),
}

/// Where failures go: collected, or nowhere (for `if` and `is_valid`,
/// which stop at the first failure).
type Sink<'a, 's> = Option<&'a mut Vec<ValidationError<'s>>>;

impl Validator {
    /// Compiles `schema`; fails on anything outside the supported subset.
    pub fn new(schema: &Value) -> Result<Self, SchemaError> {
        Ok(Validator { compiled: compile::compile(schema)? })
    }

    /// A validator that accepts everything (the empty schema).
    pub fn accept_all() -> Self {
        Validator { compiled: Compiled { nodes: vec![compile::Node::default()] } }
    }

    /// Every error of `instance`, in `jsonschema`'s order.
    pub fn errors(&self, instance: &Value) -> Vec<ValidationError<'_>> {
        let mut errors = Vec::new();
        self.eval(0, instance, &mut Vec::new(), &mut Some(&mut errors));
        errors
    }

    /// Whether `instance` is valid; stops at the first failure.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.eval(0, instance, &mut Vec::new(), &mut None)
    }

    /// Evaluates node `id` at `path`; returns whether the value is valid.
    fn eval<'s, 'i>(&'s self, id: NodeId, value: &'i Value, path: &mut Vec<Step<'i>>, sink: &mut Sink<'_, 's>) -> bool {
        let mut valid = true;
        for keyword in &self.compiled.nodes[id].keywords {
            if !self.keyword(keyword, value, path, sink) {
                valid = false;
                if sink.is_none() {
                    return false;
                }
            }
        }
        valid
    }

    /// The errors of node `id` at `path`, collected apart (for a branch of `anyOf`/`oneOf`).
    fn branch<'s, 'i>(&'s self, id: NodeId, value: &'i Value, path: &mut Vec<Step<'i>>) -> Vec<ValidationError<'s>> {
        let mut errors = Vec::new();
        self.eval(id, value, path, &mut Some(&mut errors));
        errors
    }

    fn keyword<'s, 'i>(
        &'s self,
        keyword: &'s Keyword,
        value: &'i Value,
        path: &mut Vec<Step<'i>>,
        sink: &mut Sink<'_, 's>,
    ) -> bool {
        match keyword {
            Keyword::Type(expected) if !expected.matches(value) => {
                fail(sink, path, ErrorKind::Type { expected: *expected })
            }
            Keyword::Const(expected) if !equal(expected, value) => fail(sink, path, ErrorKind::Const { expected }),
            Keyword::Enum(options) if !options.iter().any(|o| equal(o, value)) => {
                fail(sink, path, ErrorKind::Enum { options })
            }
            Keyword::Number(bound, limit) => match value {
                Value::Number(n) if !within(n, *bound, limit) => {
                    fail(sink, path, ErrorKind::Number { bound: *bound, limit })
                }
                _ => true,
            },
            Keyword::MultipleOf(multiple_of) => match value {
                Value::Number(n) if !is_multiple(n, multiple_of) => {
                    fail(sink, path, ErrorKind::MultipleOf { multiple_of })
                }
                _ => true,
            },
            Keyword::MinLength(limit) if string_len(value).is_some_and(|n| n < *limit) => {
                fail(sink, path, ErrorKind::MinLength { limit: *limit })
            }
            Keyword::MaxLength(limit) if string_len(value).is_some_and(|n| n > *limit) => {
                fail(sink, path, ErrorKind::MaxLength { limit: *limit })
            }
            Keyword::MinItems(limit) if count(value.as_array().map(Vec::len)).is_some_and(|n| n < *limit) => {
                fail(sink, path, ErrorKind::MinItems { limit: *limit })
            }
            Keyword::MaxItems(limit) if count(value.as_array().map(Vec::len)).is_some_and(|n| n > *limit) => {
                fail(sink, path, ErrorKind::MaxItems { limit: *limit })
            }
            Keyword::MinProperties(limit) if count(value.as_object().map(|o| o.len())).is_some_and(|n| n < *limit) => {
                fail(sink, path, ErrorKind::MinProperties { limit: *limit })
            }
            Keyword::MaxProperties(limit) if count(value.as_object().map(|o| o.len())).is_some_and(|n| n > *limit) => {
                fail(sink, path, ErrorKind::MaxProperties { limit: *limit })
            }
            Keyword::Required { names, declared_only } => {
                let Some(object) = value.as_object() else { return true };
                let mut valid = true;
                for name in names {
                    let present = object.contains_key(name)
                        && declared_only.as_ref().is_none_or(|declared| declared.contains(name));
                    if !present {
                        valid = fail(sink, path, ErrorKind::Required { property: name });
                        if sink.is_none() {
                            break;
                        }
                    }
                }
                valid
            }
            Keyword::Pattern { source, regex } => match value {
                Value::String(s) if !regex.is_match(s) => fail(sink, path, ErrorKind::Pattern { pattern: source }),
                _ => true,
            },
            Keyword::Format(format) => match value {
                Value::String(s) if !super::formats::is_valid(*format, s) => {
                    fail(sink, path, ErrorKind::Format { format: *format })
                }
                _ => true,
            },
            Keyword::UniqueItems => match value {
                Value::Array(items) if !all_unique(items) => fail(sink, path, ErrorKind::UniqueItems),
                _ => true,
            },
            Keyword::Properties { declared, patterns, additional } => {
                let Some(object) = value.as_object() else { return true };
                let mut valid = true;
                let mut unexpected = Vec::new();
                let mut lookup = Lookup { declared, next: 0 };
                for (key, member) in object {
                    let mut schemas: Vec<NodeId> = Vec::new();
                    if let Some(id) = lookup.find(key) {
                        schemas.push(id);
                    }
                    for (regex, id) in patterns {
                        if regex.is_match(key) {
                            schemas.push(*id);
                        }
                    }
                    if schemas.is_empty() {
                        match additional {
                            Additional::Allowed => {}
                            Additional::Schema(id) => schemas.push(*id),
                            Additional::Forbidden => {
                                if sink.is_none() {
                                    return false;
                                }
                                unexpected.push(key.clone());
                            }
                        }
                    }
                    for id in schemas {
                        path.push(Step::Key(key));
                        let ok = self.eval(id, member, path, sink);
                        path.pop();
                        if !ok {
                            valid = false;
                            if sink.is_none() {
                                return false;
                            }
                        }
                    }
                }
                if !unexpected.is_empty() {
                    valid = fail(sink, path, ErrorKind::AdditionalProperties { unexpected });
                }
                valid
            }
            Keyword::PropertyNames(id) => {
                let Some(object) = value.as_object() else { return true };
                let mut valid = true;
                for key in object.keys() {
                    let name = Value::String(key.clone());
                    // Errors about a name are reported at the mapping.
                    let mut errors = Vec::new();
                    self.eval(*id, &name, &mut Vec::new(), &mut Some(&mut errors));
                    if !errors.is_empty() {
                        valid = false;
                        match sink {
                            Some(out) => {
                                for e in errors {
                                    let kind = ErrorKind::PropertyName { name: key.clone(), kind: Box::new(e.kind) };
                                    out.push(ValidationError { instance_path: owned(path), kind });
                                }
                            }
                            None => return false,
                        }
                    }
                }
                valid
            }
            Keyword::Items(id) => {
                let Some(items) = value.as_array() else { return true };
                let mut valid = true;
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    let ok = self.eval(*id, item, path, sink);
                    path.pop();
                    if !ok {
                        valid = false;
                        if sink.is_none() {
                            return false;
                        }
                    }
                }
                valid
            }
            Keyword::Contains(id) => match value.as_array() {
                Some(items) if !items.iter().any(|item| self.eval(*id, item, &mut Vec::new(), &mut None)) => {
                    fail(sink, path, ErrorKind::Contains)
                }
                _ => true,
            },
            Keyword::AllOf(list) => {
                let mut valid = true;
                for id in list {
                    if !self.eval(*id, value, path, sink) {
                        valid = false;
                        if sink.is_none() {
                            return false;
                        }
                    }
                }
                valid
            }
            Keyword::AnyOf(list) => {
                if list.iter().any(|id| self.eval(*id, value, path, &mut None)) {
                    return true;
                }
                if sink.is_none() {
                    return false;
                }
                let branches = list.iter().map(|id| self.branch(*id, value, path)).collect();
                fail(sink, path, ErrorKind::AnyOf { branches })
            }
            Keyword::OneOf(list) => {
                let matched = list.iter().filter(|id| self.eval(**id, value, path, &mut None)).count();
                match matched {
                    1 => true,
                    0 if sink.is_none() => false,
                    0 => {
                        let branches = list.iter().map(|id| self.branch(*id, value, path)).collect();
                        fail(sink, path, ErrorKind::OneOfNone { branches })
                    }
                    _ => fail(sink, path, ErrorKind::OneOfMany),
                }
            }
            Keyword::Not(id) if self.eval(*id, value, path, &mut None) => fail(sink, path, ErrorKind::Not),
            Keyword::Not(_) => true,
            Keyword::If { condition, then, otherwise } => {
                let branch = if self.eval(*condition, value, path, &mut None) { then } else { otherwise };
                branch.is_none_or(|id| self.eval(id, value, path, sink))
            }
            Keyword::Ref(id) => self.eval(*id, value, path, sink),
            Keyword::False => fail(sink, path, ErrorKind::FalseSchema),
            _ => true,
        }
    }
}

/// Whether `n` satisfies `bound` against `limit`, compared exactly.
fn within(n: &Number, bound: Bound, limit: &Number) -> bool {
    let ordering = compare(n, limit);
    match bound {
        Bound::Minimum => ordering != Some(Ordering::Less),
        Bound::Maximum => ordering != Some(Ordering::Greater),
        Bound::ExclusiveMinimum => ordering == Some(Ordering::Greater),
        Bound::ExclusiveMaximum => ordering == Some(Ordering::Less),
    }
}

/// Whether `n` is an integral multiple of `m` (exact for integers).
fn is_multiple(n: &Number, m: &Number) -> bool {
    if let (Some(a), Some(b)) = (n.as_i64(), m.as_i64()) {
        return b != 0 && a % b == 0;
    }
    if let (Some(a), Some(b)) = (n.as_u64(), m.as_u64()) {
        return b != 0 && a % b == 0;
    }
    match (n.as_f64(), m.as_f64()) {
        (Some(a), Some(b)) if b != 0.0 => {
            let q = a / b;
            q.is_finite() && q.fract() == 0.0
        }
        _ => true,
    }
}

/// Finds members' schemas among the declared properties (sorted by name).
/// Members usually come sorted too (`serde_json`'s map is ordered unless
/// `preserve_order` is on), so each lookup resumes where the last stopped;
/// a member out of order falls back to a binary search.
struct Lookup<'d> {
    declared: &'d [(String, NodeId)],
    next: usize,
}

impl Lookup<'_> {
    fn find(&mut self, key: &str) -> Option<NodeId> {
        match self.declared.get(self.next..) {
            // In order: every name before `next` is below `rest[0]`, so below `key`.
            Some(rest @ [(first, _), ..]) if first.as_str() <= key => {
                self.next += rest.iter().take_while(|(name, _)| name.as_str() < key).count();
                match self.declared.get(self.next) {
                    Some((name, id)) if name == key => {
                        self.next += 1;
                        Some(*id)
                    }
                    _ => None,
                }
            }
            _ => self.declared.binary_search_by(|(name, _)| name.as_str().cmp(key)).ok().map(|i| self.declared[i].1),
        }
    }
}

/// Records a failure (when collecting); always `false`, the keyword's verdict.
fn fail<'s>(sink: &mut Sink<'_, 's>, path: &[Step], kind: ErrorKind<'s>) -> bool {
    if let Some(errors) = sink {
        errors.push(ValidationError { instance_path: owned(path), kind });
    }
    false
}

/// The length of a string in Unicode code points, as JSON Schema counts.
fn string_len(value: &Value) -> Option<u64> {
    count(value.as_str().map(|s| s.chars().count()))
}

fn count(n: Option<usize>) -> Option<u64> {
    n.map(|n| n as u64)
}

fn owned(path: &[Step]) -> Vec<PathSeg> {
    path.iter()
        .map(|step| match step {
            Step::Key(k) => PathSeg::Key((*k).to_string()),
            Step::Index(i) => PathSeg::Index(*i),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn kinds(v: &Validator, instance: Value) -> Vec<(String, ErrorKind<'_>)> {
        v.errors(&instance).into_iter().map(|e| (path_text(&e.instance_path), e.kind)).collect()
    }

    fn path_text(path: &[PathSeg]) -> String {
        path.iter()
            .map(|s| match s {
                PathSeg::Key(k) => format!("/{k}"),
                PathSeg::Index(i) => format!("/{i}"),
            })
            .collect()
    }

    #[test]
    fn the_role_schema_uses_only_supported_keywords() {
        if let Err(e) = Validator::new(crate::schema::role_schema()) {
            panic!("the role schema does not compile: {e}");
        }
    }

    #[test]
    fn unsupported_input_fails_loudly() {
        let bad = [
            json!({"oneOf": []}),
            json!({"properties": {"a": {"format": "email"}}}),
            json!({"items": [{"type": "string"}]}),
            json!({"$ref": "#/definitions/missing"}),
            json!({"$ref": "#/definitions/a", "type": "string", "definitions": {"a": {}}}),
            json!({"$ref": "https://example.com/s.json"}),
            json!({"pattern": "(unclosed"}),
            json!({"type": "text"}),
            json!({"minLength": -1}),
            json!({"then": {}}),
            json!({"additionalProperties": false}),
            json!({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}}),
            json!({"if": {"$ref": "#"}, "then": {}}),
            json!(false),
        ];
        for schema in &bad {
            assert!(Validator::new(schema).is_err(), "{schema} compiled");
        }
        assert_eq!(
            Validator::new(&json!({"properties": {"a": {"dependencies": {}}}})).unwrap_err().to_string(),
            "/properties/a: unsupported keyword `dependencies`"
        );
    }

    #[test]
    fn errors_carry_paths_and_parameters() {
        let schema = json!({
            "type": "object",
            "required": ["a", "b"],
            "additionalProperties": false,
            "properties": {
                "a": {"type": "string", "minLength": 3, "pattern": "^x"},
                "b": {"type": "array", "items": {"enum": ["p", "q"]}, "uniqueItems": true}
            }
        });
        let v = Validator::new(&schema).unwrap();
        assert!(v.is_valid(&json!({"a": "xyz", "b": ["p"]})));
        let errors = kinds(&v, json!({"a": "é", "b": ["p", "r", "p"], "z": 1, "y": 2}));
        assert_eq!(
            errors,
            vec![
                ("/a".into(), ErrorKind::MinLength { limit: 3 }),
                ("/a".into(), ErrorKind::Pattern { pattern: "^x" }),
                ("/b".into(), ErrorKind::UniqueItems),
                (
                    "/b/1".into(),
                    ErrorKind::Enum { options: schema["properties"]["b"]["items"]["enum"].as_array().unwrap() }
                ),
                ("".into(), ErrorKind::AdditionalProperties { unexpected: vec!["z".into(), "y".into()] }),
            ]
        );
        assert_eq!(kinds(&v, json!({"b": []})), vec![("".into(), ErrorKind::Required { property: "a" })]);
        assert!(!v.is_valid(&json!({"a": "xyz", "b": [], "c": 1})));
    }

    #[test]
    fn if_then_else_applies_at_the_instance() {
        let schema = json!({
            "if": {"type": "array"},
            "then": {"items": {"type": "object", "maxProperties": 1}},
            "else": {"type": "object"}
        });
        let v = Validator::new(&schema).unwrap();
        assert_eq!(
            kinds(&v, json!([{}, {"a": 1, "b": 2}])),
            vec![("/1".into(), ErrorKind::MaxProperties { limit: 1 })]
        );
        assert_eq!(
            kinds(&v, json!("s")),
            vec![("".into(), ErrorKind::Type { expected: TypeSet::EMPTY.with(JsonType::Object) })]
        );
    }
}
