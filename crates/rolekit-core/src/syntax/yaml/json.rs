//! JSON files (`registry.json`, a schema) as the same spanned tree the
//! frontmatter gets, so diagnostics in them point at exact keys and values
//! and every tree query works on them. JSON is parsed strictly (RFC 8259: no
//! comments, no trailing commas); strings are double-quoted scalars, numbers,
//! `true`, `false` and `null` plain ones, so `to_json` gives back the values.

use std::borrow::Cow;

use super::builder::Builder;
use super::events::Ev;
use super::tree::{Style, Yaml, YamlError};
use crate::text::TextRange;

/// Parses `text` (a whole JSON document, a leading BOM allowed).
pub fn parse_json(text: &str) -> Yaml {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut parser = Parser { text, bytes: text.as_bytes(), pos: start, builder: Builder::new(text, 0) };
    let result = parser.document();
    let mut yaml = parser.builder.finish();
    if let Err((at, message)) = result {
        if yaml.error.is_none() {
            yaml.error = Some(YamlError::Syntax { at, message });
        }
    }
    yaml
}

type Fail = (TextRange, String);

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    builder: Builder<'a>,
}

impl<'a> Parser<'a> {
    fn document(&mut self) -> Result<(), Fail> {
        self.skip_space();
        if self.pos >= self.bytes.len() {
            return Err((TextRange::empty(self.pos), "the file is empty; expected a JSON value".into()));
        }
        self.value()?;
        self.skip_space();
        if self.pos < self.bytes.len() {
            return Err(self.unexpected("the end of the file"));
        }
        Ok(())
    }

    fn skip_space(&mut self) {
        while self.bytes.get(self.pos).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The character at the current position, for an error there.
    fn here(&self) -> TextRange {
        match self.text[self.pos..].chars().next() {
            Some(c) => TextRange::new(self.pos, self.pos + c.len_utf8()),
            None => TextRange::empty(self.pos),
        }
    }

    fn unexpected(&self, expected: &str) -> Fail {
        match self.text[self.pos..].chars().next() {
            Some(c) => (self.here(), format!("unexpected `{}`; expected {expected}", c.escape_debug())),
            None => (self.here(), format!("the file ends here; expected {expected}")),
        }
    }

    fn emit(&mut self, ev: Ev<'a>) -> Result<(), Fail> {
        if self.builder.event(ev) {
            Ok(())
        } else {
            // The builder stopped (too deep or too large) and recorded why.
            Err((TextRange::empty(self.pos), String::new()))
        }
    }

    fn value(&mut self) -> Result<(), Fail> {
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let (range, text) = self.string()?;
                self.emit(Ev::Scalar { text, style: Style::DoubleQuoted, range, anchor: 0, tag: None })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't' | b'f' | b'n') => {
                let start = self.pos;
                let word = ["true", "false", "null"].into_iter().find(|w| self.text[start..].starts_with(w));
                let Some(word) = word else {
                    return Err(self.unexpected("a value"));
                };
                self.pos += word.len();
                let range = TextRange::new(start, self.pos);
                self.emit(Ev::Scalar { text: Cow::Borrowed(word), style: Style::Plain, range, anchor: 0, tag: None })
            }
            _ => Err(self.unexpected("a value")),
        }
    }

    fn object(&mut self) -> Result<(), Fail> {
        let open = self.pos;
        self.emit(Ev::MappingStart { start: open, anchor: 0 })?;
        self.pos += 1;
        self.skip_space();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return self.emit(Ev::End { end: self.pos });
        }
        loop {
            self.skip_space();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.unclosed(open, "a key in double quotes"));
            }
            let (range, text) = self.string()?;
            self.emit(Ev::Scalar { text, style: Style::DoubleQuoted, range, anchor: 0, tag: None })?;
            self.skip_space();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.unexpected("`:` after the key"));
            }
            self.pos += 1;
            self.skip_space();
            self.value()?;
            self.skip_space();
            if self.separator(open, b'}')? {
                return Ok(());
            }
        }
    }

    /// After a member or an item: `,` (a trailing one is an error) or
    /// `close`, which ends the collection opened at `open`. Returns whether
    /// it ended.
    fn separator(&mut self, open: usize, close: u8) -> Result<bool, Fail> {
        match self.bytes.get(self.pos) {
            Some(b',') => {
                self.pos += 1;
                self.skip_space();
                if self.bytes.get(self.pos) == Some(&close) {
                    return Err((
                        TextRange::new(self.pos - 1, self.pos),
                        "a trailing comma is not allowed in JSON".into(),
                    ));
                }
                Ok(false)
            }
            Some(&c) if c == close => {
                self.pos += 1;
                self.emit(Ev::End { end: self.pos })?;
                Ok(true)
            }
            _ => Err(self.unclosed(open, if close == b'}' { "`,` or `}`" } else { "`,` or `]`" })),
        }
    }

    fn array(&mut self) -> Result<(), Fail> {
        let open = self.pos;
        self.emit(Ev::SequenceStart { start: open, anchor: 0 })?;
        self.pos += 1;
        self.skip_space();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return self.emit(Ev::End { end: self.pos });
        }
        loop {
            self.skip_space();
            self.value()?;
            self.skip_space();
            if self.separator(open, b']')? {
                return Ok(());
            }
        }
    }

    /// An error inside the collection opened at `open`: at the file's end it
    /// points at the bracket left open, elsewhere at the unexpected character.
    fn unclosed(&self, open: usize, expected: &str) -> Fail {
        if self.pos >= self.bytes.len() {
            let bracket = self.bytes[open] as char;
            return (TextRange::new(open, open + 1), format!("the `{bracket}` opened here is never closed"));
        }
        self.unexpected(expected)
    }

    /// A string at the current position: its range (quotes included) and value.
    fn string(&mut self) -> Result<(TextRange, Cow<'a, str>), Fail> {
        let start = self.pos;
        self.pos += 1;
        let mut owned: Option<String> = None;
        let mut chunk = self.pos;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err((TextRange::new(start, start + 1), "the string opened here is never closed".into()));
            };
            match b {
                b'"' => {
                    let tail = &self.text[chunk..self.pos];
                    self.pos += 1;
                    let value = match owned {
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                        None => Cow::Borrowed(tail),
                    };
                    return Ok((TextRange::new(start, self.pos), value));
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[chunk..self.pos]);
                    let escape_at = self.pos;
                    self.pos += 1;
                    let bad = || {
                        (TextRange::new(escape_at, (escape_at + 2).min(self.bytes.len())), "invalid escape".to_string())
                    };
                    match self.bytes.get(self.pos) {
                        Some(b'"') => s.push('"'),
                        Some(b'\\') => s.push('\\'),
                        Some(b'/') => s.push('/'),
                        Some(b'b') => s.push('\u{8}'),
                        Some(b'f') => s.push('\u{c}'),
                        Some(b'n') => s.push('\n'),
                        Some(b'r') => s.push('\r'),
                        Some(b't') => s.push('\t'),
                        Some(b'u') => {
                            let unit =
                                |at: usize| self.text.get(at..at + 4).and_then(|h| u16::from_str_radix(h, 16).ok());
                            let first = unit(self.pos + 1).ok_or_else(bad)?;
                            self.pos += 4;
                            let c = if (0xD800..0xDC00).contains(&first) && self.text[self.pos + 1..].starts_with("\\u")
                            {
                                match unit(self.pos + 3) {
                                    Some(second) if (0xDC00..0xE000).contains(&second) => {
                                        self.pos += 6;
                                        let code = 0x10000
                                            + ((u32::from(first) - 0xD800) << 10)
                                            + (u32::from(second) - 0xDC00);
                                        char::from_u32(code).unwrap_or('\u{fffd}')
                                    }
                                    _ => '\u{fffd}',
                                }
                            } else {
                                char::from_u32(u32::from(first)).unwrap_or('\u{fffd}')
                            };
                            s.push(c);
                        }
                        _ => return Err(bad()),
                    }
                    self.pos += 1;
                    chunk = self.pos;
                }
                0..=0x1f => {
                    return Err((self.here(), "a control character must be escaped inside a JSON string".into()));
                }
                _ => self.pos += 1,
            }
        }
    }

    fn number(&mut self) -> Result<(), Fail> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while p.bytes.get(p.pos).is_some_and(u8::is_ascii_digit) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        if self.bytes.get(self.pos) == Some(&b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return Err(self.unexpected("a digit"));
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.unexpected("a digit after `.`"));
            }
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.unexpected("a digit in the exponent"));
            }
        }
        let range = TextRange::new(start, self.pos);
        let text = Cow::Borrowed(&self.text[start..self.pos]);
        self.emit(Ev::Scalar { text, style: Style::Plain, range, anchor: 0, tag: None })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn values_and_ranges() {
        let text = "{\n\t\"a\": [1, -2.5e3, true, null],\n\t\"b\": {\"c\": \"x\\\"\\u00e9\\ud83d\\ude00\"}\n}\n";
        let yaml = parse_json(text);
        assert!(yaml.error.is_none(), "{:?}", yaml.error);
        assert_eq!(yaml.to_json().ok(), Some(json!({"a": [1, -2500.0, true, null], "b": {"c": "x\"é😀"}})));
        let root = yaml.root.as_ref().unwrap();
        let a = root.entry("a").unwrap();
        assert_eq!(a.key.range.slice(text), "\"a\"");
        assert_eq!(a.value.range.slice(text), "[1, -2.5e3, true, null]");
        let c = root.get("b").unwrap().entry("c").unwrap();
        assert_eq!(c.value.range.slice(text), "\"x\\\"\\u00e9\\ud83d\\ude00\"");
    }

    #[test]
    fn errors_point_at_their_cause() {
        for (text, at, what) in [
            ("{\"a\": [1, 2}", "}", "unexpected"),
            ("{\"a\": [1, 2", "[", "never closed"),
            ("{\"a\": \"x", "\"", "never closed"),
            ("{\"a\": 1,}", ",", "trailing comma"),
            ("{a: 1}", "a", "unexpected"),
            ("", "", "empty"),
            ("[1] 2", "2", "end of the file"),
        ] {
            let yaml = parse_json(text);
            let Some(YamlError::Syntax { at: range, message }) = &yaml.error else {
                panic!("{text}: no error");
            };
            assert_eq!(range.slice(text), at, "{text}: {message}");
            assert!(message.contains(what), "{text}: {message}");
        }
    }

    #[test]
    fn duplicates_and_depth_are_bounded() {
        let yaml = parse_json("{\"a\": 1, \"a\": 2}");
        assert_eq!(yaml.duplicates.len(), 1);
        let deep = "[".repeat(10_000);
        let yaml = parse_json(&deep);
        assert!(matches!(yaml.error, Some(YamlError::TooDeep { .. })));
    }
}
