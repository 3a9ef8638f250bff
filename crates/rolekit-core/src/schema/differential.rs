//! Differential tests: the built-in validator against `jsonschema` (draft 7),
//! the reference implementation. Both must report the same errors (instance
//! path, kind and parameters) in the same order, for every corpus
//! frontmatter as written, for thousands of mutations of them (wrong types,
//! bad enum values and patterns, lengths, duplicates, unknown and missing
//! keys, both `constraints` forms, several at once), and for small schemas
//! exercising each supported keyword beyond what the role schema uses.

use std::collections::HashSet;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use serde_json::{json, Map, Value};

use super::validate::{Bound, ErrorKind, Validator};
use crate::syntax::yaml::PathSeg;
use crate::Document;

/// An error reduced to what both validators must agree on.
type Canon = (Vec<PathSeg>, String);

fn ours(validator: &Validator, instance: &Value) -> Vec<Canon> {
    let errors = validator.errors(instance);
    assert_eq!(validator.is_valid(instance), errors.is_empty(), "is_valid disagrees with errors for {instance}");
    errors
        .into_iter()
        .map(|e| {
            let kind = our_kind(&e.kind);
            (e.instance_path, kind)
        })
        .collect()
}

fn our_kind(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Type { expected } => {
            let mut names: Vec<&str> = expected.iter().map(|t| t.name()).collect();
            names.sort_unstable();
            format!("type {}", names.join(","))
        }
        ErrorKind::Enum { options } => format!("enum {}", Value::Array(options.to_vec())),
        ErrorKind::Pattern { pattern } => format!("pattern {pattern}"),
        ErrorKind::MinLength { limit } => format!("minLength {limit}"),
        ErrorKind::MaxLength { limit } => format!("maxLength {limit}"),
        ErrorKind::MinItems { limit } => format!("minItems {limit}"),
        ErrorKind::MaxItems { limit } => format!("maxItems {limit}"),
        ErrorKind::UniqueItems => "uniqueItems".to_string(),
        ErrorKind::MinProperties { limit } => format!("minProperties {limit}"),
        ErrorKind::MaxProperties { limit } => format!("maxProperties {limit}"),
        ErrorKind::Required { property } => format!("required {property}"),
        ErrorKind::AdditionalProperties { unexpected } => format!("additionalProperties {unexpected:?}"),
        ErrorKind::Const { expected } => format!("const {expected}"),
        ErrorKind::Number { bound, limit } => format!("{} {limit}", bound_name(*bound)),
        ErrorKind::MultipleOf { multiple_of } => format!("multipleOf {multiple_of}"),
        ErrorKind::Format { format } => format!("format {}", format.name()),
        ErrorKind::Contains => "contains".to_string(),
        ErrorKind::AnyOf { .. } => "anyOf".to_string(),
        ErrorKind::OneOfNone { .. } => "oneOfNotValid".to_string(),
        ErrorKind::OneOfMany => "oneOfMultipleValid".to_string(),
        ErrorKind::Not => "not".to_string(),
        ErrorKind::FalseSchema => "falseSchema".to_string(),
        ErrorKind::PropertyName { name, kind } => format!("propertyNames {name} {}", our_kind(kind)),
    }
}

fn bound_name(bound: Bound) -> &'static str {
    match bound {
        Bound::Minimum => "minimum",
        Bound::Maximum => "maximum",
        Bound::ExclusiveMinimum => "exclusiveMinimum",
        Bound::ExclusiveMaximum => "exclusiveMaximum",
    }
}

fn oracle_kind(kind: &ValidationErrorKind) -> String {
    match kind {
        ValidationErrorKind::Type { kind: TypeKind::Single(t) } => format!("type {t}"),
        ValidationErrorKind::Type { kind: TypeKind::Multiple(ts) } => {
            let mut names: Vec<String> = ts.into_iter().map(|t| t.to_string()).collect();
            names.sort_unstable();
            format!("type {}", names.join(","))
        }
        ValidationErrorKind::Enum { options } => format!("enum {options}"),
        ValidationErrorKind::Pattern { pattern } => format!("pattern {pattern}"),
        ValidationErrorKind::MinLength { limit } => format!("minLength {limit}"),
        ValidationErrorKind::MaxLength { limit } => format!("maxLength {limit}"),
        ValidationErrorKind::MinItems { limit } => format!("minItems {limit}"),
        ValidationErrorKind::MaxItems { limit } => format!("maxItems {limit}"),
        ValidationErrorKind::UniqueItems => "uniqueItems".to_string(),
        ValidationErrorKind::MinProperties { limit } => format!("minProperties {limit}"),
        ValidationErrorKind::MaxProperties { limit } => format!("maxProperties {limit}"),
        ValidationErrorKind::Required { property } => format!("required {}", property.as_str().unwrap_or("?")),
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            format!("additionalProperties {unexpected:?}")
        }
        ValidationErrorKind::Constant { expected_value } => format!("const {expected_value}"),
        ValidationErrorKind::Minimum { limit } => format!("minimum {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("maximum {limit}"),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("exclusiveMinimum {limit}"),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("exclusiveMaximum {limit}"),
        ValidationErrorKind::MultipleOf { multiple_of } => format!("multipleOf {multiple_of}"),
        ValidationErrorKind::Format { format } => format!("format {format}"),
        ValidationErrorKind::Contains => "contains".to_string(),
        ValidationErrorKind::AnyOf { .. } => "anyOf".to_string(),
        ValidationErrorKind::OneOfNotValid { .. } => "oneOfNotValid".to_string(),
        ValidationErrorKind::OneOfMultipleValid { .. } => "oneOfMultipleValid".to_string(),
        ValidationErrorKind::Not { .. } => "not".to_string(),
        ValidationErrorKind::FalseSchema => "falseSchema".to_string(),
        ValidationErrorKind::PropertyNames { error } => {
            let name = error.instance().as_str().unwrap_or("?").to_string();
            format!("propertyNames {name} {}", oracle_kind(error.kind()))
        }
        other => format!("unsupported by the built-in validator: {other:?}"),
    }
}

fn oracle(validator: &jsonschema::Validator, instance: &Value) -> Vec<Canon> {
    validator
        .iter_errors(instance)
        .map(|e| {
            let path = e
                .instance_path()
                .segments()
                .map(|s| match s {
                    LocationSegment::Property(p) => PathSeg::Key(p.into_owned()),
                    LocationSegment::Index(i) => PathSeg::Index(i),
                })
                .collect();
            let kind = oracle_kind(e.kind());
            (path, kind)
        })
        .collect()
}

/// Both validators over `schema`, and a way to compare them on an instance.
struct Pair {
    ours: Validator,
    oracle: jsonschema::Validator,
}

impl Pair {
    fn new(schema: &Value) -> Self {
        let ours = Validator::new(schema).unwrap_or_else(|e| panic!("{schema}: {e}"));
        let oracle = jsonschema::draft7::new(schema).unwrap_or_else(|e| panic!("{schema}: {e}"));
        Pair { ours, oracle }
    }

    /// Panics with both error lists if they differ; returns the errors.
    fn check(&self, instance: &Value, what: &dyn Fn() -> String) -> Vec<Canon> {
        let expected = oracle(&self.oracle, instance);
        let actual = ours(&self.ours, instance);
        if actual != expected {
            panic!("{}\ninstance: {instance}\njsonschema: {expected:#?}\nbuilt-in:   {actual:#?}", what());
        }
        expected
    }
}

/// One change to an instance.
#[derive(Clone, Debug)]
enum Mutation {
    Replace(Vec<PathSeg>, Value),
    Delete(Vec<PathSeg>),
    Insert(Vec<PathSeg>, String, Value),
    Push(Vec<PathSeg>, Value),
    SwapConstraintsForm,
}

fn get_mut<'v>(value: &'v mut Value, path: &[PathSeg]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, seg| match (seg, v) {
        (PathSeg::Key(k), Value::Object(map)) => map.get_mut(k),
        (PathSeg::Index(i), Value::Array(items)) => items.get_mut(*i),
        _ => None,
    })
}

impl Mutation {
    /// Applies the mutation; `false` if its target is gone.
    fn apply(&self, value: &mut Value) -> bool {
        match self {
            Mutation::Replace(path, new) => get_mut(value, path).map(|v| *v = new.clone()).is_some(),
            Mutation::Delete(path) => {
                let Some((last, parent)) = path.split_last() else { return false };
                match (get_mut(value, parent), last) {
                    (Some(Value::Object(map)), PathSeg::Key(k)) => map.remove(k).is_some(),
                    (Some(Value::Array(items)), PathSeg::Index(i)) if *i < items.len() => {
                        items.remove(*i);
                        true
                    }
                    _ => false,
                }
            }
            Mutation::Insert(path, key, new) => match get_mut(value, path) {
                Some(Value::Object(map)) => {
                    map.insert(key.clone(), new.clone());
                    true
                }
                _ => false,
            },
            Mutation::Push(path, new) => match get_mut(value, path) {
                Some(Value::Array(items)) => {
                    items.push(new.clone());
                    true
                }
                _ => false,
            },
            Mutation::SwapConstraintsForm => {
                let Some(constraints) = value.get_mut("constraints") else { return false };
                let swapped = match constraints {
                    Value::Object(map) => Value::Array(map.iter().map(|(k, v)| json!({ k: v })).collect()),
                    Value::Array(items) => {
                        let mut merged = Map::new();
                        for item in items.iter() {
                            if let Value::Object(entry) = item {
                                merged.extend(entry.clone());
                            }
                        }
                        Value::Object(merged)
                    }
                    _ => return false,
                };
                *constraints = swapped;
                true
            }
        }
    }

    /// What the mutation does, with list indices erased: two mutations with
    /// the same key exercise the same schema location the same way.
    fn key(&self, before: &Value) -> String {
        let shape = |path: &[PathSeg]| {
            let mut s = String::new();
            for seg in path {
                match seg {
                    PathSeg::Key(k) => s.push_str(&format!(".{k}")),
                    PathSeg::Index(_) => s.push_str("[]"),
                }
            }
            let target = path.iter().try_fold(before, |v, seg| match seg {
                PathSeg::Key(k) => v.get(k),
                PathSeg::Index(i) => v.get(i),
            });
            let kind = match target {
                Some(Value::Null) => "null",
                Some(Value::Bool(_)) => "bool",
                Some(Value::Number(_)) => "number",
                Some(Value::String(_)) => "string",
                Some(Value::Array(_)) => "array",
                Some(Value::Object(_)) => "object",
                None => "-",
            };
            format!("{s}:{kind}")
        };
        match self {
            Mutation::Replace(path, v) => format!("replace {} {v}", shape(path)),
            Mutation::Delete(path) => format!("delete {}", shape(path)),
            Mutation::Insert(path, k, v) => format!("insert {} {k} {v}", shape(path)),
            Mutation::Push(path, v) => format!("push {} {v}", shape(path)),
            Mutation::SwapConstraintsForm => "swap constraints".to_string(),
        }
    }
}

/// Every path into `value`, the root first.
fn paths(value: &Value, here: &mut Vec<PathSeg>, out: &mut Vec<(Vec<PathSeg>, Value)>) {
    out.push((here.clone(), value.clone()));
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                here.push(PathSeg::Key(k.clone()));
                paths(v, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                here.push(PathSeg::Index(i));
                paths(v, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

/// Values of every JSON type, for type errors.
fn wrong_types() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(7),
        json!(2.5),
        json!("x"),
        json!([]),
        json!(["x"]),
        json!({}),
        json!({"k": 1}),
    ]
}

/// Strings that break the role schema's enums, patterns and lengths.
fn bad_strings() -> Vec<Value> {
    [
        "",
        "bogus-value",
        "Bad_Value",
        "Platform Engineer",
        "platformEngineer",
        "-lead",
        "a--b",
        "a1-b2",
        "platform-engineer",
        "1.0",
        "v1.0.0",
        "1.0.0-rc.1",
        "1.0.0-gamma.1",
        "1.0.0-RC.1",
        "1.0.0\n",
        "\u{661}.\u{660}.\u{660}",
        "1.0.\u{660}",
        "concise-technical",
        "Concise-Technical",
        "medium",
        "commit",
        "short",
        "exactly10!",
    ]
    .into_iter()
    .map(Value::from)
    .chain([
        Value::from("a".repeat(500)),
        Value::from("a".repeat(501)),
        Value::from("é".repeat(9)),
        Value::from("é".repeat(10)),
        Value::from("😀".repeat(120)),
        Value::from("😀".repeat(121)),
        Value::from("é".repeat(200)),
    ])
    .collect()
}

/// Every mutation of `base` considered.
fn mutations(base: &Value) -> Vec<Mutation> {
    let mut all = Vec::new();
    let mut located = Vec::new();
    paths(base, &mut Vec::new(), &mut located);
    for (path, value) in located {
        for v in wrong_types() {
            all.push(Mutation::Replace(path.clone(), v));
        }
        match &value {
            Value::String(_) => all.extend(bad_strings().into_iter().map(|v| Mutation::Replace(path.clone(), v))),
            Value::Array(items) => {
                if let Some(first) = items.first() {
                    all.push(Mutation::Push(path.clone(), first.clone()));
                    all.push(Mutation::Delete([path.clone(), vec![PathSeg::Index(0)]].concat()));
                }
                all.push(Mutation::Replace(path.clone(), Value::Array(items.iter().rev().cloned().collect())));
                for v in
                    [json!("bogus"), json!(1), json!(null), json!({}), json!({"requires_approval_for": ["commit"]})]
                {
                    all.push(Mutation::Push(path.clone(), v));
                }
            }
            Value::Object(map) => {
                for key in map.keys() {
                    all.push(Mutation::Delete([path.clone(), vec![PathSeg::Key(key.clone())]].concat()));
                }
                all.push(Mutation::Insert(path.clone(), "unknown_key".into(), json!("x")));
                all.push(Mutation::Insert(path.clone(), "aa_extra".into(), json!(1)));
                all.push(Mutation::Insert(path.clone(), "forbidden_paths".into(), json!([".git/"])));
                all.push(Mutation::Insert(path.clone(), "requires_approval_for".into(), json!(["commit", "commit"])));
            }
            _ => {}
        }
    }
    for (key, v) in [
        ("constraints", json!({"requires_approval_for": ["commit"], "forbidden_paths": [".env"]})),
        ("constraints", json!([{"requires_approval_for": ["commit"], "forbidden_paths": [".env"]}, {}])),
        ("constraints", json!([{"requires_approval_for": ["bogus", "commit"]}, {"forbidden_paths": [1]}])),
        ("capabilites", json!({})),
        ("tone", json!("concise_technical")),
    ] {
        all.push(Mutation::Insert(Vec::new(), key.into(), v));
    }
    all.push(Mutation::SwapConstraintsForm);
    all
}

/// Every corpus frontmatter (the seed included) as JSON; the corpus is
/// `ROLEKIT_CORPUS` or the sample (see `rolekit-test-corpus`).
fn corpus() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for path in rolekit_test_corpus::files() {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        if let Ok(json) = Document::new(text).yaml().to_json() {
            out.push((path.display().to_string(), json));
        }
    }
    assert!(out.iter().any(|(p, _)| p == rolekit_test_corpus::SEED), "the seed is missing");
    out
}

/// A small deterministic generator (xorshift), for the combined mutations.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn built_in_validator_matches_jsonschema_on_the_corpus_and_mutations() {
    let pair = Pair::new(super::role_schema());
    let corpus = corpus();
    let (mut cases, mut errors) = (0usize, 0usize);
    let mut kinds_seen = HashSet::new();
    let mut tally = |found: Vec<Canon>| {
        errors += found.len();
        for (_, kind) in found {
            kinds_seen.insert(kind.split(' ').next().unwrap_or_default().to_string());
        }
    };
    let mut seen = HashSet::new();
    let mut pools = Vec::new();
    for (file, base) in &corpus {
        tally(pair.check(base, &|| format!("{file} as written")));
        cases += 1;
        let pool = mutations(base);
        for m in &pool {
            // A mutation already tried at the same place (indices aside) adds nothing.
            if !seen.insert(m.key(base)) {
                continue;
            }
            let mut instance = base.clone();
            if m.apply(&mut instance) {
                tally(pair.check(&instance, &|| format!("{file}, {m:?}")));
                cases += 1;
            }
        }
        pools.push(pool);
    }
    // Several mutations at once, so errors from different places interleave.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..6000 {
        let which = rng.below(corpus.len());
        let (file, base) = &corpus[which];
        let pool = &pools[which];
        let mut instance = base.clone();
        let mut applied = Vec::new();
        for _ in 0..2 + rng.below(3) {
            let m = &pool[rng.below(pool.len())];
            if m.apply(&mut instance) {
                applied.push(m);
            }
        }
        tally(pair.check(&instance, &|| format!("{file}, {applied:?}")));
        cases += 1;
    }
    // Every kind of error the role schema can produce was compared.
    let mut kinds: Vec<String> = kinds_seen.into_iter().collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "additionalProperties",
            "enum",
            "maxLength",
            "maxProperties",
            "minItems",
            "minLength",
            "minProperties",
            "pattern",
            "required",
            "type",
            "uniqueItems"
        ]
    );
    // Printed with --nocapture: the size of the comparison.
    println!("differential: {} files, {cases} instances, {errors} errors compared", corpus.len());
    // The full corpus gives ~21,000 instances, the sample ~9,700.
    let min_cases = rolekit_test_corpus::Corpus::get().pick(10_000, 8_000);
    assert!(cases > min_cases && errors > 10_000, "too few cases: {cases} instances, {errors} errors");
}

#[test]
fn built_in_validator_matches_jsonschema_on_every_keyword() {
    let schemas = [
        json!({"type": ["string", "null"], "minLength": 2, "maxLength": 3}),
        json!({"type": "integer", "enum": [1, 2.0, "a", [1], {"a": 1}]}),
        json!({"type": "number", "minProperties": 1}),
        json!({"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "number"}, "minProperties": 2}),
        json!({"additionalProperties": {"type": "string", "pattern": "^[a-z]+$"}}),
        json!({"properties": {"a": {"type": "string"}, "b": {"minLength": 3}}}),
        json!({"properties": {"a": {}, "b": {"type": "boolean"}}, "additionalProperties": false, "required": ["a"]}),
        json!({"properties": {"a": {}, "b": {"type": "boolean"}}, "additionalProperties": false, "required": ["z"]}),
        json!({"properties": {"a": {}, "b": {"type": "boolean"}}, "additionalProperties": false, "required": ["a", "b"]}),
        json!({"properties": {"a": {}}, "additionalProperties": false, "required": ["a", "z"], "maxProperties": 1}),
        json!({"properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "required": ["a", "b"]}),
        json!({"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 3, "minLength": 1, "pattern": "^a", "required": ["x"]}),
        json!({"type": "array", "items": {"enum": ["a", "b"]}, "uniqueItems": true, "maxLength": 1}),
        json!({"type": "array", "minItems": 1, "maxLength": 1}),
        json!({"type": ["array"], "items": {"type": "string"}, "minItems": 2, "minLength": 1}),
        json!({"enum": ["a"]}),
        json!({"items": true, "minItems": 1, "maxItems": 1}),
        json!({"uniqueItems": true}),
        json!({"if": {"properties": {"k": {"enum": ["x"]}}}, "then": {"required": ["t"]}, "else": {"required": ["e"], "maxProperties": 1}}),
        json!({"if": {"type": "string"}, "then": {"minLength": 2}}),
        json!({"if": {"type": "string"}, "else": {"type": "array", "items": {"type": "integer"}}}),
        json!({
            "definitions": {"s": {"type": "string", "maxLength": 3}, "list": {"type": "array", "items": {"$ref": "#/definitions/s"}}},
            "properties": {"a": {"$ref": "#/definitions/s"}, "b": {"$ref": "#/definitions/list"}, "c": {"$ref": "#/properties/a"}}
        }),
        json!({"definitions": {"tree": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/definitions/tree"}}, "name": {"type": "string"}}, "additionalProperties": false}}, "$ref": "#/definitions/tree"}),
        json!({"type": "object", "maxProperties": 1, "minProperties": 1, "required": ["a", "b", "c"], "title": "t", "x-note": 1}),
        json!({"properties": {"a": true, "v": {"pattern": "^\\d+\\.\\d+$"}}, "additionalProperties": false}),
        json!({"type": "string", "enum": ["a", "b"], "pattern": "^b", "minLength": 2}),
        json!({"const": "a"}),
        json!({"properties": {"a": {"const": 1}, "b": {"const": {"x": [1]}}}}),
        json!({"minimum": 1, "maximum": 2}),
        json!({"exclusiveMinimum": 1, "exclusiveMaximum": 2, "type": "number"}),
        json!({"type": "integer", "minimum": 1.5, "maximum": 100}),
        json!({"multipleOf": 2}),
        json!({"format": "date"}),
        json!({"format": "date-time"}),
        json!({"format": "time", "minLength": 9}),
        json!({"allOf": [{"type": "string"}, {"minLength": 2}, {"pattern": "^a"}]}),
        json!({"anyOf": [{"type": "string", "minLength": 2}, {"type": "integer"}]}),
        json!({"oneOf": [{"type": "string"}, {"minLength": 2}]}),
        json!({"not": {"type": "string"}}),
        json!({"patternProperties": {"^a": {"type": "string"}, "^b": {"type": "boolean"}}, "additionalProperties": false}),
        json!({"properties": {"a": {"type": "string"}}, "patternProperties": {"^a|^z": {"minLength": 2}}, "additionalProperties": {"type": "number"}}),
        json!({"propertyNames": {"pattern": "^[a-z]$"}}),
        json!({"propertyNames": {"maxLength": 1}, "properties": {"aa": {"type": "string"}}}),
        json!({"contains": {"type": "string"}}),
        json!({"type": "array", "contains": {"const": 1}, "minItems": 2}),
        json!({"properties": {"a": false, "b": true}}),
        json!({"items": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "integer"}}]}}),
        json!({"if": {"properties": {"k": {"const": true}}, "required": ["k"]}, "then": {"required": ["t"]}, "else": {"required": ["e"]}}),
    ];
    let instances = [
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(1.0),
        json!(2),
        json!(1.5),
        json!(-1),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!("a"),
        json!("b"),
        json!("ab"),
        json!("abcd"),
        json!("é"),
        json!("😀😀"),
        json!("1.5"),
        json!("\u{661}.\u{662}"),
        json!([]),
        json!(["a"]),
        json!(["a", "a"]),
        json!(["a", "b", "c", "d"]),
        json!([1, 1.0]),
        json!([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1.0]),
        json!([{"a": 1}, {"a": 1.0}]),
        json!([[1, "x"], [1.0, "x"]]),
        json!({}),
        json!({"a": "x"}),
        json!({"a": 1, "b": 2}),
        json!({"a": "x", "b": true, "c": null}),
        json!({"a": "abcd", "b": ["abcd", 5, "ok"], "c": "long!"}),
        json!({"k": "x"}),
        json!({"k": "x", "t": 1}),
        json!({"k": "y", "e": 1}),
        json!({"z": 1}),
        json!({"b": "no", "a": 3, "zz": "Q", "aa": "ok"}),
        json!({"v": "1.5", "a": []}),
        json!({"v": "1.5x"}),
        json!({"name": "root", "children": [{"name": 1}, {"children": [{"x": 1}]}]}),
        json!("2025-11-06"),
        json!("2025-02-29"),
        json!("2025-11-05T12:00:00Z"),
        json!("2025-11-05t12:00:00.5+01:00"),
        json!("12:00:00Z"),
        json!("23:59:60Z"),
        json!(1.25),
        json!(4),
        json!(100.5),
        json!({"aa": 1, "b": "x"}),
        json!({"a": "xy", "z": 1, "q": "no"}),
        json!({"k": true, "t": 1}),
        json!({"k": true}),
        json!({"k": false}),
        json!(["ab", [1, 2], [1, "x"]]),
        json!([1, 1, "a"]),
    ];
    let mut cases = 0;
    for schema in &schemas {
        let pair = Pair::new(schema);
        for instance in &instances {
            pair.check(instance, &|| format!("schema {schema}"));
            cases += 1;
        }
    }
    assert_eq!(cases, schemas.len() * instances.len());
}

/// The built-in command and prompt schemas, and valora's own `_meta/schema.json`
/// files (with `format`, `minimum`, `maximum`), against `jsonschema` on every
/// command and prompt of the corpus's valora project, as written and mutated.
#[test]
fn built_in_validator_matches_jsonschema_on_valora_commands_and_prompts() {
    let corpus = rolekit_test_corpus::Corpus::get();
    let project = corpus.dir("valora-project").join("data");
    if !project.is_dir() {
        panic!("the corpus has no valora-project/data ({})", project.display());
    }
    let mut cases = 0;
    for (family, builtin) in [("commands", super::BuiltIn::Command), ("prompts", super::BuiltIn::Prompt)] {
        let own: Value = std::fs::read_to_string(project.join(family).join("_meta/schema.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| panic!("{family}/_meta/schema.json"));
        let builtin: Value = serde_json::from_str(builtin.text()).unwrap_or(Value::Null);
        let pairs = [Pair::new(&builtin), Pair::new(&own)];
        let mut files = Vec::new();
        let mut stack = vec![project.join(family)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    files.push(path);
                }
            }
        }
        files.sort();
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file) else { continue };
            let Ok(json) = Document::new(text).yaml().to_json() else { continue };
            for pair in &pairs {
                pair.check(&json, &|| format!("{} as written", file.display()));
                cases += 1;
                for m in mutations(&json).iter().take(60) {
                    let mut instance = json.clone();
                    if m.apply(&mut instance) {
                        pair.check(&instance, &|| format!("{}, {m:?}", file.display()));
                        cases += 1;
                    }
                }
            }
        }
    }
    println!("differential (valora commands and prompts): {cases} instances");
    assert!(cases > 1000, "too few cases: {cases}");
}
