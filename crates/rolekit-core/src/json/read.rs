//! JSON text to `serde_json::Value` (RFC 8259), as `serde_json::from_str` reads it.
//!
//! Written by hand because serde_json's generic reader did not fit the
//! WebAssembly size budget. It accepts and rejects the same texts as
//! `serde_json::from_str::<Value>`, builds the same values, and reports errors
//! with serde_json's messages and positions (the tests hold it to that).
//! Numbers are scanned here and converted by `Number::from_str`, serde_json's
//! own number routine, so floats come out bit-identical (and the standard
//! library's float parser stays out of the module).

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Number, Value};

/// Why a text is not JSON, and where (1-based line and column, as serde_json
/// reports them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for Error {}

/// Parses `text`, one JSON value with optional white space around it.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut reader = Reader { text, bytes: text.as_bytes(), pos: 0, depth: 0 };
    reader.document().map_err(|fail| fail.locate(text))
}

/// How many arrays and objects may be open at once: serde_json's limit, so
/// both refuse the same texts; it also bounds the recursion here.
const MAX_DEPTH: usize = 127;

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EXPECTED_VALUE: &str = "expected value";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA: &str = "expected `,` or `}`";
const KEY_MUST_BE_STRING: &str = "key must be a string";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const INVALID_ESCAPE: &str = "invalid escape";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const LONE_LEADING_SURROGATE: &str = "lone leading surrogate in hex escape";
const END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
const INVALID_CODE_POINT: &str = "invalid unicode code point";
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// An error before its line and column are known: the message and the byte
/// offset it is reported at (the line and column are counted once, when the
/// error is returned, so reading stays linear).
struct Fail {
    message: &'static str,
    at: usize,
}

impl Fail {
    /// serde_json's position of byte offset `at`: the line is 1 + the line
    /// feeds before it, the column the bytes between the last of them and `at`.
    fn locate(self, text: &str) -> Error {
        let before = text.as_bytes().get(..self.at).unwrap_or(text.as_bytes());
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = 1 + memchr::memchr_iter(b'\n', before).count();
        Error { message: self.message.to_string(), line, column: before.len() - line_start }
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The offset of the next byte to read.
    pos: usize,
    /// How many arrays and objects are open.
    depth: usize,
}

impl Reader<'_> {
    /// An error at the current offset (the bytes read so far).
    fn fail(&self, message: &'static str) -> Fail {
        Fail { message, at: self.pos }
    }

    /// An error on the next byte, counted as read (serde_json's "peek" errors).
    fn fail_next(&self, message: &'static str) -> Fail {
        Fail { message, at: (self.pos + 1).min(self.bytes.len()) }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips JSON's four white space bytes, then peeks.
    fn skip_space(&mut self) -> Option<u8> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                _ => return Some(b),
            }
        }
        None
    }

    fn document(&mut self) -> Result<Value, Fail> {
        let value = self.value()?;
        match self.skip_space() {
            None => Ok(value),
            Some(_) => Err(self.fail_next(TRAILING_CHARACTERS)),
        }
    }

    fn value(&mut self) -> Result<Value, Fail> {
        match self.skip_space() {
            None => Err(self.fail(EOF_VALUE)),
            Some(b'n') => self.word(b"null").map(|()| Value::Null),
            Some(b't') => self.word(b"true").map(|()| Value::Bool(true)),
            Some(b'f') => self.word(b"false").map(|()| Value::Bool(false)),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'"') => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            Some(b'[') => self.array(),
            Some(b'{') => self.object(),
            Some(_) => Err(self.fail_next(EXPECTED_VALUE)),
        }
    }

    /// `null`, `true` or `false`, whose first byte is the next one.
    fn word(&mut self, word: &[u8]) -> Result<(), Fail> {
        self.pos += 1;
        for &want in word.iter().skip(1) {
            let Some(b) = self.peek() else {
                return Err(self.fail(EOF_VALUE));
            };
            self.pos += 1;
            if b != want {
                return Err(self.fail(EXPECTED_IDENT));
            }
        }
        Ok(())
    }

    /// Opens an array or object (the next byte), refusing one too many.
    fn enter(&mut self) -> Result<(), Fail> {
        if self.depth == MAX_DEPTH {
            return Err(self.fail_next(RECURSION_LIMIT));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self) -> Result<Value, Fail> {
        self.enter()?;
        let mut items = Vec::new();
        match self.skip_space() {
            None => return Err(self.fail(EOF_LIST)),
            Some(b']') => {}
            Some(_) => loop {
                items.push(self.value()?);
                match self.skip_space() {
                    None => return Err(self.fail(EOF_LIST)),
                    Some(b']') => break,
                    Some(b',') => {
                        self.pos += 1;
                        if self.skip_space() == Some(b']') {
                            return Err(self.fail_next(TRAILING_COMMA));
                        }
                    }
                    Some(_) => return Err(self.fail_next(EXPECTED_LIST_COMMA)),
                }
            },
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    /// An object; a repeated key keeps its first place and takes its last
    /// value (`Map::insert`, as serde_json builds it).
    fn object(&mut self) -> Result<Value, Fail> {
        self.enter()?;
        let mut members = Map::new();
        match self.skip_space() {
            None => return Err(self.fail(EOF_OBJECT)),
            Some(b'}') => {}
            Some(_) => loop {
                let key = self.key()?;
                match self.skip_space() {
                    None => return Err(self.fail(EOF_OBJECT)),
                    Some(b':') => self.pos += 1,
                    Some(_) => return Err(self.fail_next(EXPECTED_COLON)),
                }
                let value = self.value()?;
                members.insert(key, value);
                match self.skip_space() {
                    None => return Err(self.fail(EOF_OBJECT)),
                    Some(b'}') => break,
                    Some(b',') => {
                        self.pos += 1;
                        if self.skip_space() == Some(b'}') {
                            return Err(self.fail_next(TRAILING_COMMA));
                        }
                    }
                    Some(_) => return Err(self.fail_next(EXPECTED_OBJECT_COMMA)),
                }
            },
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(Value::Object(members))
    }

    /// A member's key, after white space.
    fn key(&mut self) -> Result<String, Fail> {
        match self.skip_space() {
            None => Err(self.fail(EOF_VALUE)),
            Some(b'"') => {
                self.pos += 1;
                self.string()
            }
            Some(_) => Err(self.fail_next(KEY_MUST_BE_STRING)),
        }
    }

    /// A number, scanned per RFC 8259's grammar (serde_json's errors where it
    /// does not match), then converted by serde_json's number routine: u64,
    /// i64 or f64 as serde_json chooses, "number out of range" where it says so.
    fn number(&mut self) -> Result<Number, Fail> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.fail_next(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => {
                self.pos += 1;
                return Err(self.fail(INVALID_NUMBER));
            }
            None => return Err(self.fail(EOF_VALUE)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            match self.peek() {
                Some(b'0'..=b'9') => self.digits(),
                Some(_) => return Err(self.fail_next(INVALID_NUMBER)),
                None => return Err(self.fail(EOF_VALUE)),
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            match self.peek() {
                Some(b'0'..=b'9') => self.digits(),
                Some(_) => {
                    self.pos += 1;
                    return Err(self.fail(INVALID_NUMBER));
                }
                None => return Err(self.fail(EOF_VALUE)),
            }
        }
        let slice = self.text.get(start..self.pos).unwrap_or_default();
        Number::from_str(slice).map_err(|_| self.out_of_range(start, slice))
    }

    /// "number out of range" where serde_json reports it: at the exponent
    /// digit that overflows, or after the number. `Number::from_str` reports
    /// one byte further (it counts the next byte as read, or stops at the end
    /// of its text), so it reads the number with one byte more and the
    /// position is taken one back; this runs only on the error.
    fn out_of_range(&self, start: usize, slice: &str) -> Fail {
        let padded = format!("{slice},");
        let column = Number::from_str(&padded).err().map_or(slice.len(), |e| e.column().saturating_sub(1));
        Fail { message: OUT_OF_RANGE, at: start + column }
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// A string's contents and closing quote (the opening one is read):
    /// unescaped runs copied as slices, escapes decoded.
    fn string(&mut self) -> Result<String, Fail> {
        let mut out = String::new();
        loop {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            // The next quote or backslash (memchr's fast search), then a check
            // that no control character comes before it: two tight loops
            // instead of one with three tests per byte.
            let end = memchr::memchr2(b'"', b'\\', rest);
            let scanned = rest.get(..end.unwrap_or(rest.len())).unwrap_or_default();
            let run = match (scanned.iter().position(|&b| b < 0x20), end) {
                (Some(control), _) => control,
                (None, Some(end)) => end,
                (None, None) => {
                    self.pos = self.bytes.len();
                    return Err(self.fail(EOF_STRING));
                }
            };
            out.push_str(self.text.get(self.pos..self.pos + run).unwrap_or_default());
            self.pos += run + 1;
            match rest.get(run) {
                Some(b'"') => return Ok(out),
                Some(b'\\') => self.escape(&mut out)?,
                _ => return Err(self.fail(CONTROL_CHARACTER)),
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Fail> {
        let Some(b) = self.peek() else {
            return Err(self.fail(EOF_STRING));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode()?,
            _ => return Err(self.fail(INVALID_ESCAPE)),
        };
        out.push(c);
        Ok(())
    }

    /// The character of a `\u` escape (after the `u`): four hex digits, and
    /// for a leading surrogate the `\u` escape of its trailing one.
    fn unicode(&mut self) -> Result<char, Fail> {
        let first = self.hex()?;
        let code = match first {
            0xD800..=0xDBFF => {
                self.expect_in_pair(b'\\')?;
                self.expect_in_pair(b'u')?;
                let second = self.hex()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fail(LONE_LEADING_SURROGATE));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            // A trailing surrogate first (serde_json's message, its name notwithstanding).
            0xDC00..=0xDFFF => return Err(self.fail(LONE_LEADING_SURROGATE)),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.fail(INVALID_CODE_POINT))
    }

    /// `want`, the next byte of a surrogate pair's `\\u`.
    fn expect_in_pair(&mut self, want: u8) -> Result<(), Fail> {
        match self.peek() {
            Some(b) if b == want => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(self.fail_next(END_OF_HEX_ESCAPE)),
            None => Err(self.fail(EOF_STRING)),
        }
    }

    /// Four hex digits. As in serde_json, fewer than four bytes left is the
    /// end of the string, and a bad digit is reported after all four.
    fn hex(&mut self) -> Result<u32, Fail> {
        let Some(four) = self.bytes.get(self.pos..self.pos + 4) else {
            self.pos = self.bytes.len();
            return Err(self.fail(EOF_STRING));
        };
        self.pos += 4;
        let mut code = 0;
        for &b in four {
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.fail(INVALID_ESCAPE)),
            };
            code = code * 16 + u32::from(digit);
        }
        Ok(code)
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
