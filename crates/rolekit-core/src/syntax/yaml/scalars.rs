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
pub fn parse_number(t: &str) -> Option<Number> {
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
            Err(_) => t.parse::<u64>().map(Number::from).unwrap_or_else(|_| finite(read_float(negative, digits))),
        });
    }
    is_core_float(digits).then(|| finite(read_float(negative, digits)))
}

/// The value of `digits`, a core-schema float without its sign, as written
/// in JSON (`.5` → `0.5`, `1.` → `1`, `007` → `7`) and read by serde_json's
/// number reader (`Number::from_str`), the one [`crate::json::parse`] reads
/// the schemas' numbers (`minimum`, `enum`) with, so both
/// sides of a comparison are rounded alike, and no second float parser (with
/// its 11 KB table) is compiled into the WebAssembly modules. Out of range →
/// infinity of the sign.
fn read_float(negative: bool, digits: &str) -> f64 {
    let (mantissa, exponent) = digits.split_once(['e', 'E']).unwrap_or((digits, ""));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(digits.len() + 3);
    if negative {
        json.push('-');
    }
    json.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    if !exponent.is_empty() {
        json.push('e');
        json.push_str(exponent);
    }
    let infinity = if negative { f64::NEG_INFINITY } else { f64::INFINITY };
    json.parse::<Number>().ok().and_then(|n| n.as_f64()).unwrap_or(infinity)
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

#[cfg(test)]
mod tests {
    use super::parse_number;

    fn float(t: &str) -> Option<f64> {
        parse_number(t).and_then(|n| n.as_f64())
    }

    #[test]
    fn floats_read_as_json_reads_them() {
        for (yaml, want) in [
            (".5", 0.5),
            ("-.5", -0.5),
            ("+1.5e3", 1500.0),
            ("1.", 1.0),
            ("007.25", 7.25),
            ("0.1", 0.1),
            ("0.7", 0.7),
            ("2.71", 2.71),
            ("2.5E-3", 0.0025),
            ("1e-400", 0.0),
            ("-0.0", 0.0),
            ("18446744073709551616", 18446744073709551616.0),
        ] {
            assert_eq!(float(yaml), Some(want), "{yaml}");
        }
        assert_eq!(float("1e400"), Some(f64::MAX));
        assert_eq!(float("-1e400"), Some(f64::MIN));
        assert_eq!(float("-99999999999999999999"), Some(-99999999999999999999.0));
    }

    #[test]
    fn short_decimals_agree_with_the_standard_library() {
        // Up to 15 significant digits, serde_json's reader is exact; the
        // corpus's numbers are all this short.
        for int in [0u32, 1, 7, 42, 999, 123_456] {
            for frac in ["", "0", "05", "1", "25", "333", "999999", "142857"] {
                for exp in ["", "e0", "e5", "e-7", "E+12", "e-22"] {
                    let text = if frac.is_empty() { format!("{int}.{exp}") } else { format!("{int}.{frac}{exp}") };
                    let std: f64 = text.trim_end_matches('.').replace(".e", "e").replace(".E", "E").parse().unwrap();
                    assert_eq!(float(&text), Some(std), "{text}");
                }
            }
        }
    }

    #[test]
    fn a_long_run_of_digits_is_read_in_one_pass() {
        let text = format!("1.{}", "3".repeat(200_000));
        assert!(float(&text).is_some_and(|f| (f - 4.0 / 3.0).abs() < 1e-15));
    }
}
