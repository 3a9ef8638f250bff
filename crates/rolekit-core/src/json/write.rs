//! JSON text written piece by piece, as `serde_json::to_string` writes it
//! (compact, members in the order written, the same string escapes).

use std::fmt::Write as _;

use serde_json::{Number, Value};

/// Writes one JSON value: scalars, and objects and arrays opened and closed
/// around their members (commas are the writer's business).
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    /// Whether the next member or element needs a comma before it.
    comma: bool,
}

impl Writer {
    pub fn new() -> Self {
        Writer::default()
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }

    fn separate(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    pub fn null(&mut self) {
        self.separate();
        self.out.push_str("null");
    }

    pub fn bool(&mut self, value: bool) {
        self.separate();
        self.out.push_str(if value { "true" } else { "false" });
    }

    pub fn u64(&mut self, value: u64) {
        self.separate();
        let _ = write!(self.out, "{value}");
    }

    pub fn i64(&mut self, value: i64) {
        self.separate();
        let _ = write!(self.out, "{value}");
    }

    pub fn number(&mut self, value: &Number) {
        self.separate();
        let _ = write!(self.out, "{value}");
    }

    pub fn str(&mut self, value: &str) {
        self.separate();
        escape(&mut self.out, value);
    }

    /// Text that is already one JSON value, written as it is.
    pub fn raw(&mut self, json: &str) {
        self.separate();
        self.out.push_str(json);
    }

    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push('{');
        self.comma = false;
    }

    /// A member's key; its value is what is written next.
    pub fn key(&mut self, key: &str) {
        self.separate();
        escape(&mut self.out, key);
        self.out.push(':');
        self.comma = false;
    }

    pub fn end_object(&mut self) {
        self.out.push('}');
        self.comma = true;
    }

    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push('[');
        self.comma = false;
    }

    pub fn end_array(&mut self) {
        self.out.push(']');
        self.comma = true;
    }

    /// A whole `Value`.
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.null(),
            Value::Bool(b) => self.bool(*b),
            Value::Number(n) => self.number(n),
            Value::String(s) => self.str(s),
            Value::Array(items) => {
                self.begin_array();
                for item in items {
                    self.value(item);
                }
                self.end_array();
            }
            Value::Object(members) => {
                self.begin_object();
                for (key, item) in members {
                    self.key(key);
                    self.value(item);
                }
                self.end_object();
            }
        }
    }
}

/// `value` as a JSON string: `"` and `\` escaped, control characters as
/// `\b \f \n \r \t` or `\u00xx`, everything else as it is (serde_json's escapes).
fn escape(out: &mut String, value: &str) {
    out.push('"');
    let bytes = value.as_bytes();
    let mut start = 0;
    while let Some(i) = bytes.get(start..).and_then(|rest| rest.iter().position(|&b| ESCAPE[usize::from(b)] != 0)) {
        let at = start + i;
        out.push_str(value.get(start..at).unwrap_or_default());
        match ESCAPE[usize::from(bytes[at])] {
            b'u' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(bytes[at] >> 4)]));
                out.push(char::from(HEX[usize::from(bytes[at] & 0xf)]));
            }
            short => {
                out.push('\\');
                out.push(char::from(short));
            }
        }
        start = at + 1;
    }
    out.push_str(value.get(start..).unwrap_or_default());
    out.push('"');
}

/// For each byte, the letter of its escape (`u` for `\u00xx`), or 0 when it
/// is written as it is: one table lookup per byte in the scan.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn written(value: &Value) -> String {
        let mut w = Writer::new();
        w.value(value);
        w.finish()
    }

    #[test]
    fn values_as_serde_json_writes_them() {
        let values = [
            json!(null),
            json!(true),
            json!([]),
            json!({}),
            json!([1, -2, 3.5, 1e300, -0.0, u64::MAX, i64::MIN]),
            json!({ "a": [ { "b": null }, [], {} ], "c\"d": "e\\f", "": "" }),
            json!("\u{0}\u{1f}\u{7f}\u{8}\u{c}\n\r\t/ é 😀 \u{2028}"),
            json!({ "nested": { "deeper": [[[{ "x": [false] }]]] } }),
        ];
        for value in values {
            assert_eq!(written(&value), serde_json::to_string(&value).unwrap());
        }
    }

    #[test]
    fn every_control_character_is_escaped_as_serde_json_does() {
        let all: String = (0u8..=0x7f).map(char::from).collect();
        assert_eq!(written(&json!(all)), serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn members_and_elements_are_separated() {
        let mut w = Writer::new();
        w.begin_object();
        w.key("a");
        w.u64(1);
        w.key("b");
        w.begin_array();
        w.i64(-1);
        w.raw("{\"x\":1}");
        w.str("s");
        w.end_array();
        w.key("c");
        w.begin_object();
        w.end_object();
        w.end_object();
        assert_eq!(w.finish(), r#"{"a":1,"b":[-1,{"x":1},"s"],"c":{}}"#);
    }
}
