//! A JSON Schema (draft-07 subset) validator over the role schema.
//!
//! The schema stays data: [`Validator::new`] compiles whatever schema it is
//! given (see `compile.rs` for the supported keywords, which it enforces),
//! and [`Validator::errors`] walks an instance against it. Errors come in the
//! order and with the instance paths of `jsonschema`'s `iter_errors`, which a
//! differential test over the corpus and thousands of mutations pins
//! (`jsonschema` is a dev-dependency only: with its regex engines it was
//! about 70% of the WASM module).

use serde_json::Value;

pub use super::compile::SchemaError;
use super::compile::{self, Additional, Compiled, Keyword, NodeId};
use super::types::{all_unique, equal};
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
    /// The value is none of `options`.
    Enum {
        options: &'s [Value],
    },
    /// The string does not match `pattern`.
    Pattern {
        pattern: &'s str,
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
}

/// A compiled schema, ready to validate instances.
pub struct Validator<'s> {
    compiled: Compiled<'s>,
}

impl std::fmt::Debug for Validator<'_> {
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

impl<'s> Validator<'s> {
    /// Compiles `schema`; fails on anything outside the supported subset.
    pub fn new(schema: &'s Value) -> Result<Self, SchemaError> {
        Ok(Validator { compiled: compile::compile(schema)? })
    }

    /// Every error of `instance`, in `jsonschema`'s order.
    pub fn errors(&self, instance: &Value) -> Vec<ValidationError<'s>> {
        let mut errors = Vec::new();
        self.eval(0, instance, &mut Vec::new(), &mut Some(&mut errors));
        errors
    }

    /// Whether `instance` is valid; stops at the first failure.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.eval(0, instance, &mut Vec::new(), &mut None)
    }

    /// Evaluates node `id` at `path`; returns whether the value is valid.
    fn eval<'i>(&self, id: NodeId, value: &'i Value, path: &mut Vec<Step<'i>>, sink: &mut Sink<'_, 's>) -> bool {
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

    fn keyword<'i>(
        &self,
        keyword: &Keyword<'s>,
        value: &'i Value,
        path: &mut Vec<Step<'i>>,
        sink: &mut Sink<'_, 's>,
    ) -> bool {
        match keyword {
            Keyword::Type(expected) if !expected.matches(value) => {
                fail(sink, path, ErrorKind::Type { expected: *expected })
            }
            Keyword::Enum(options) if !options.iter().any(|o| equal(o, value)) => {
                fail(sink, path, ErrorKind::Enum { options })
            }
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
                    let present = object.contains_key(*name)
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
            Keyword::UniqueItems => match value {
                Value::Array(items) if !all_unique(items) => fail(sink, path, ErrorKind::UniqueItems),
                _ => true,
            },
            Keyword::Properties { declared, additional } => {
                let Some(object) = value.as_object() else { return true };
                let mut valid = true;
                let mut unexpected = Vec::new();
                let mut lookup = Lookup { declared, next: 0 };
                for (key, member) in object {
                    let schema = match lookup.find(key) {
                        Some(id) => Some(id),
                        None => match additional {
                            Additional::Allowed => None,
                            Additional::Schema(id) => Some(*id),
                            Additional::Forbidden => {
                                if sink.is_none() {
                                    return false;
                                }
                                unexpected.push(key.clone());
                                None
                            }
                        },
                    };
                    if let Some(id) = schema {
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
            Keyword::If { condition, then, otherwise } => {
                let branch = if self.eval(*condition, value, path, &mut None) { then } else { otherwise };
                branch.is_none_or(|id| self.eval(id, value, path, sink))
            }
            Keyword::Ref(id) => self.eval(*id, value, path, sink),
            _ => true,
        }
    }
}

/// Finds members' schemas among the declared properties (sorted by name).
/// Members usually come sorted too (`serde_json`'s map is ordered unless
/// `preserve_order` is on), so each lookup resumes where the last stopped;
/// a member out of order falls back to a binary search.
struct Lookup<'d, 's> {
    declared: &'d [(&'s str, NodeId)],
    next: usize,
}

impl Lookup<'_, '_> {
    fn find(&mut self, key: &str) -> Option<NodeId> {
        match self.declared.get(self.next..) {
            // In order: every name before `next` is below `rest[0]`, so below `key`.
            Some(rest @ [(first, _), ..]) if *first <= key => {
                self.next += rest.iter().take_while(|(name, _)| *name < key).count();
                match self.declared.get(self.next) {
                    Some((name, id)) if *name == key => {
                        self.next += 1;
                        Some(*id)
                    }
                    _ => None,
                }
            }
            _ => self.declared.binary_search_by(|(name, _)| (*name).cmp(key)).ok().map(|i| self.declared[i].1),
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

    fn kinds<'s>(v: &Validator<'s>, instance: Value) -> Vec<(String, ErrorKind<'s>)> {
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
            Validator::new(&json!({"properties": {"a": {"multipleOf": 2}}})).unwrap_err().to_string(),
            "/properties/a: unsupported keyword `multipleOf`"
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
