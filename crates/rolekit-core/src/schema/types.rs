//! JSON value kinds and equality as JSON Schema (draft 07) sees them.

use std::collections::HashMap;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::{Number, Value};

/// A JSON Schema type name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    Array,
    Boolean,
    Integer,
    Null,
    Number,
    Object,
    String,
}

impl JsonType {
    const ALL: [JsonType; 7] = [
        JsonType::Array,
        JsonType::Boolean,
        JsonType::Integer,
        JsonType::Null,
        JsonType::Number,
        JsonType::Object,
        JsonType::String,
    ];

    /// The type a `type` keyword names (`"string"`, ...).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The name as JSON Schema spells it.
    pub fn name(self) -> &'static str {
        match self {
            JsonType::Array => "array",
            JsonType::Boolean => "boolean",
            JsonType::Integer => "integer",
            JsonType::Null => "null",
            JsonType::Number => "number",
            JsonType::Object => "object",
            JsonType::String => "string",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The types a `type` keyword allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeSet(u8);

impl TypeSet {
    pub const EMPTY: TypeSet = TypeSet(0);

    /// The set with `t` added.
    #[must_use]
    pub fn with(self, t: JsonType) -> Self {
        TypeSet(self.0 | t.bit())
    }

    /// Whether `t` is in the set.
    pub fn contains(self, t: JsonType) -> bool {
        self.0 & t.bit() != 0
    }

    /// The types in the set, in name order.
    pub fn iter(self) -> impl Iterator<Item = JsonType> {
        JsonType::ALL.into_iter().filter(move |t| self.contains(*t))
    }

    /// Whether `value` is of one of the types. As in draft 07, `number`
    /// includes integers and `integer` accepts any number without a
    /// fractional part (`1.0`).
    pub fn matches(self, value: &Value) -> bool {
        match value {
            Value::Null => self.contains(JsonType::Null),
            Value::Bool(_) => self.contains(JsonType::Boolean),
            Value::String(_) => self.contains(JsonType::String),
            Value::Array(_) => self.contains(JsonType::Array),
            Value::Object(_) => self.contains(JsonType::Object),
            Value::Number(n) => self.contains(JsonType::Number) || (self.contains(JsonType::Integer) && is_integer(n)),
        }
    }
}

impl fmt::Display for TypeSet {
    /// `string`, or `string or null` for several types.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(" or ")?;
            }
            f.write_str(t.name())?;
        }
        Ok(())
    }
}

// Out of line: inlined, LLVM evaluates the float test for every value checked.
#[inline(never)]
fn is_integer(n: &Number) -> bool {
    n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
}

/// Equality as JSON Schema defines it for `enum` and `uniqueItems`: numbers
/// compare by value (`1` equals `1.0`), objects regardless of key order.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::String(a), Value::String(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => numbers_equal(a, b),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| equal(a, b)),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(key, value)| b.get(key).is_some_and(|other| equal(value, other)))
        }
        _ => false,
    }
}

/// A number as an exact integer when it is one (`i128` holds every `u64`
/// and `i64`), else as a float.
enum Exact {
    Int(i128),
    Float(f64),
}

fn exact(n: &Number) -> Exact {
    match (n.as_u64(), n.as_i64(), n.as_f64()) {
        (Some(u), _, _) => Exact::Int(i128::from(u)),
        (_, Some(i), _) => Exact::Int(i128::from(i)),
        (_, _, f) => Exact::Float(f.unwrap_or(f64::NAN)),
    }
}

fn numbers_equal(a: &Number, b: &Number) -> bool {
    match (exact(a), exact(b)) {
        (Exact::Int(a), Exact::Int(b)) => a == b,
        (Exact::Float(a), Exact::Float(b)) => a == b,
        (Exact::Int(i), Exact::Float(f)) | (Exact::Float(f), Exact::Int(i)) => float_equals_int(f, i),
    }
}

/// The order of two numbers, compared exactly (integers as integers);
/// `None` only for NaN, which JSON cannot hold.
pub fn compare(a: &Number, b: &Number) -> Option<std::cmp::Ordering> {
    match (exact(a), exact(b)) {
        (Exact::Int(a), Exact::Int(b)) => Some(a.cmp(&b)),
        (Exact::Float(a), Exact::Float(b)) => a.partial_cmp(&b),
        (Exact::Int(i), Exact::Float(f)) => compare_int_float(i, f),
        (Exact::Float(f), Exact::Int(i)) => compare_int_float(i, f).map(std::cmp::Ordering::reverse),
    }
}

/// `i` against `f`, exactly: within ±2^64 an integral float converts to
/// `i128` without loss, and a fractional part decides ties.
fn compare_int_float(i: i128, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f > INT_RANGE {
        return Some(Ordering::Less);
    }
    if f < -INT_RANGE {
        return Some(Ordering::Greater);
    }
    let floor = f.floor();
    match i.cmp(&(floor as i128)) {
        Ordering::Equal if f.fract() != 0.0 => Some(Ordering::Less),
        other => Some(other),
    }
}

/// 2^64: every `u64` and `i64` lies within ±`INT_RANGE`, where an integral
/// `f64` converts to `i128` exactly.
const INT_RANGE: f64 = 18_446_744_073_709_551_616.0;

/// Exact comparison: `f` has no fractional part and the same value as `i`.
fn float_equals_int(f: f64, i: i128) -> bool {
    f.fract() == 0.0 && f.abs() <= INT_RANGE && f as i128 == i
}

/// Whether all items differ under [`equal`]. Items are bucketed by a hash
/// consistent with [`equal`], so long lists stay linear.
pub fn all_unique(items: &[Value]) -> bool {
    if items.len() < 2 {
        return true;
    }
    if items.len() <= 8 {
        return items.iter().enumerate().all(|(i, a)| items[..i].iter().all(|b| !equal(a, b)));
    }
    // Lists of strings (every real one): sorted by length and first bytes,
    // which settles most comparisons without reading the strings, duplicates
    // end up next to each other.
    let keyed: Option<Vec<(usize, u64, &str)>> = items
        .iter()
        .map(|item| {
            let s = item.as_str()?;
            let mut head = [0u8; 8];
            let n = s.len().min(8);
            head[..n].copy_from_slice(&s.as_bytes()[..n]);
            Some((s.len(), u64::from_le_bytes(head), s))
        })
        .collect();
    if let Some(mut keyed) = keyed {
        crate::sort::sort(&mut keyed);
        return keyed.windows(2).all(|w| w[0] != w[1]);
    }
    let mut buckets: HashMap<u64, Vec<&Value>> = HashMap::with_capacity(items.len());
    for item in items {
        let mut hasher = DefaultHasher::new();
        hash(item, &mut hasher);
        let bucket = buckets.entry(hasher.finish()).or_default();
        if bucket.iter().any(|other| equal(item, other)) {
            return false;
        }
        bucket.push(item);
    }
    true
}

/// A hash agreeing with [`equal`]: equal numbers hash alike whatever their
/// representation, and object members are combined order-independently.
fn hash(value: &Value, state: &mut DefaultHasher) {
    match value {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => (1u8, b).hash(state),
        Value::String(s) => (2u8, s).hash(state),
        Value::Number(n) => {
            3u8.hash(state);
            match exact(n) {
                Exact::Int(i) => i.hash(state),
                // An integral float hashes like the integer it may equal.
                Exact::Float(f) if f.fract() == 0.0 && f.abs() <= INT_RANGE => (f as i128).hash(state),
                Exact::Float(f) => f.to_bits().hash(state),
            }
        }
        Value::Array(items) => {
            (4u8, items.len()).hash(state);
            for item in items {
                hash(item, state);
            }
        }
        Value::Object(map) => {
            (5u8, map.len()).hash(state);
            let mut combined = 0u64;
            for (key, member) in map {
                let mut h = DefaultHasher::new();
                key.hash(&mut h);
                hash(member, &mut h);
                combined = combined.wrapping_add(h.finish());
            }
            combined.hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_compare_by_value() {
        assert!(equal(&json!(1), &json!(1.0)));
        assert!(equal(&json!(-3), &json!(-3.0)));
        assert!(!equal(&json!(1), &json!(1.5)));
        assert!(equal(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!equal(&json!(u64::MAX), &json!(i64::MAX)));
        assert!(equal(&json!({"a": [1, "x"]}), &json!({"a": [1.0, "x"]})));
        assert!(!equal(&json!("1"), &json!(1)));
    }

    #[test]
    fn uniqueness_short_and_long() {
        assert!(all_unique(&[json!(1), json!("1"), json!(true)]));
        assert!(!all_unique(&[json!(1), json!(1.0)]));
        let long: Vec<Value> = (0..100).map(|i| json!(i)).collect();
        assert!(all_unique(&long));
        let mut dup = long.clone();
        dup.push(json!(42.0));
        assert!(!all_unique(&dup));
        let objects: Vec<Value> =
            (0..20).map(|i| json!({"a": i, "b": [i]})).chain([json!({"b": [3.0], "a": 3})]).collect();
        assert!(!all_unique(&objects));
    }

    #[test]
    fn integer_includes_integral_floats() {
        let integer = TypeSet::EMPTY.with(JsonType::Integer);
        assert!(integer.matches(&json!(2)));
        assert!(integer.matches(&json!(2.0)));
        assert!(!integer.matches(&json!(2.5)));
        assert!(TypeSet::EMPTY.with(JsonType::Number).matches(&json!(2)));
        assert_eq!(TypeSet::EMPTY.with(JsonType::String).with(JsonType::Null).to_string(), "null or string");
    }
}
