//! What a scalar means under the YAML 1.2 core schema.

use serde_json::{Number, Value};

use super::tree::{Scalar, Style, Tag};

pub fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

pub fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// The JSON value of a scalar under the YAML 1.2 core schema: an explicit
/// core tag decides the type (`!!str true` is a string); otherwise quoted and
/// block scalars are strings and plain ones resolve to null, booleans,
/// numbers or strings.
pub fn plain_scalar_value(s: &Scalar) -> Value {
    let t = s.text.as_str();
    let as_string = || Value::String(s.text.clone());
    match s.tag {
        Some(Tag::Str) => return as_string(),
        Some(Tag::Null) => return Value::Null,
        Some(Tag::Bool) => return parse_bool(t).map_or_else(as_string, Value::Bool),
        Some(Tag::Int | Tag::Float) => return parse_number(t).map_or_else(as_string, Value::Number),
        Some(Tag::Other) | None => {}
    }
    if s.style != Style::Plain {
        return as_string();
    }
    if is_null(t) {
        return Value::Null;
    }
    if let Some(b) = parse_bool(t) {
        return Value::Bool(b);
    }
    if let Some(n) = parse_number(t) {
        return Value::Number(n);
    }
    as_string()
}

/// A number under the YAML 1.2 core schema (`12`, `-3`, `0x1F`, `0o17`,
/// `1.5`, `.5`, `1e3`, `.inf`, `.nan`). JSON has no infinity or NaN: they,
/// and floats too large for `f64`, become the largest finite number of their
/// sign, so their type stays "number".
fn parse_number(t: &str) -> Option<Number> {
    let (negative, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if let Some(hex) = t.strip_prefix("0x") {
        return (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u64::from_str_radix(hex, 16).ok().map(Number::from).unwrap_or_else(|| finite(f64::INFINITY)));
    }
    if let Some(oct) = t.strip_prefix("0o") {
        return (!oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b)))
            .then(|| u64::from_str_radix(oct, 8).ok().map(Number::from).unwrap_or_else(|| finite(f64::INFINITY)));
    }
    if matches!(digits, ".inf" | ".Inf" | ".INF") {
        return Some(finite(if negative { f64::NEG_INFINITY } else { f64::INFINITY }));
    }
    if matches!(t, ".nan" | ".NaN" | ".NAN") {
        return Some(finite(f64::NAN));
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(match t.parse::<i64>() {
            Ok(i) => Number::from(i),
            Err(_) => t.parse::<u64>().map(Number::from).unwrap_or_else(|_| finite(t.parse().unwrap_or(f64::NAN))),
        });
    }
    is_core_float(digits).then(|| finite(t.parse::<f64>().unwrap_or(f64::NAN)))
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_core_float(s: &str) -> bool {
    let b = s.as_bytes();
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac;
    }
    if int == 0 && frac == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

fn finite(f: f64) -> Number {
    let f = if f.is_nan() || f == f64::INFINITY {
        f64::MAX
    } else if f == f64::NEG_INFINITY {
        f64::MIN
    } else {
        f
    };
    Number::from_f64(f).unwrap_or_else(|| Number::from(0))
}
