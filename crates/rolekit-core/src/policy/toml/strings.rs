//! The four kinds of strings: basic `"..."`, multi-line basic `"""..."""`,
//! literal `'...'` and multi-line literal `'''...'''`.

use super::parse::Parser;
use super::Error;

/// A character the specification forbids in strings and comments: the
/// control characters but tab (line feeds are handled apart).
pub(super) fn is_control(c: char) -> bool {
    (c < ' ' && c != '\t') || c == '\u{7f}'
}

impl Parser<'_> {
    /// The string at `self.pos`, decoded; a multi-line one when
    /// `multi_line` allows it (not for keys).
    pub(super) fn string(&mut self, multi_line: bool) -> Result<String, Error> {
        let rest = &self.bytes()[self.pos..];
        match rest.first() {
            Some(b'"') if multi_line && rest.starts_with(b"\"\"\"") => self.multi_line_string(b'"'),
            Some(b'\'') if multi_line && rest.starts_with(b"'''") => self.multi_line_string(b'\''),
            Some(b'"') => self.single_line_string(b'"'),
            _ => self.single_line_string(b'\''),
        }
    }

    fn single_line_string(&mut self, quote: u8) -> Result<String, Error> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let at = self.pos;
            let Some(c) = self.next_char() else {
                return Err(self.error("unterminated string", start, start + 1));
            };
            match c {
                '"' | '\'' if c as u32 == u32::from(quote) => return Ok(out),
                '\\' if quote == b'"' => self.escape(at, &mut out)?,
                '\n' | '\r' => {
                    let what = if quote == b'"' { "\"...\"" } else { "'...'" };
                    return Err(self.error(
                        &format!(
                            "unterminated string (a {what} string ends on its line; `\"\"\"` starts a multi-line one)"
                        ),
                        start,
                        at,
                    ));
                }
                c if is_control(c) => return Err(self.control_error(c, at)),
                c => out.push(c),
            }
        }
    }

    fn multi_line_string(&mut self, quote: u8) -> Result<String, Error> {
        let start = self.pos;
        self.pos += 3;
        // A line break right after the opening quotes is not part of the string.
        self.newline();
        let mut out = String::new();
        loop {
            let at = self.pos;
            let quotes = self.bytes()[at..].iter().take(5).take_while(|&&b| b == quote).count();
            if quotes >= 3 {
                // Up to two quotes just before the closing three belong to the string.
                for _ in 3..quotes {
                    out.push(char::from(quote));
                }
                self.pos += quotes;
                return Ok(out);
            }
            let Some(c) = self.next_char() else {
                return Err(self.error("unterminated multi-line string", start, start + 3));
            };
            match c {
                '\\' if quote == b'"' => {
                    if self.line_ending_backslash() {
                        self.skip_blank_and_newlines();
                    } else {
                        self.escape(at, &mut out)?;
                    }
                }
                '\n' => out.push('\n'),
                '\r' if self.bytes().get(self.pos) == Some(&b'\n') => {
                    self.pos += 1;
                    out.push_str(MULTI_LINE_CRLF);
                }
                c if is_control(c) => return Err(self.control_error(c, at)),
                c => out.push(c),
            }
        }
    }

    /// After a `\` in a multi-line basic string: only blanks up to the end of the line.
    fn line_ending_backslash(&self) -> bool {
        let rest = &self.bytes()[self.pos..];
        let blanks = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        matches!(rest.get(blanks), Some(b'\n')) || rest[blanks..].starts_with(b"\r\n")
    }

    fn skip_blank_and_newlines(&mut self) {
        loop {
            match self.bytes().get(self.pos) {
                Some(b' ' | b'\t' | b'\n') => self.pos += 1,
                Some(b'\r') if self.bytes().get(self.pos + 1) == Some(&b'\n') => self.pos += 2,
                _ => return,
            }
        }
    }

    /// The escape whose `\` is at `at` (already read), decoded into `out`.
    fn escape(&mut self, at: usize, out: &mut String) -> Result<(), Error> {
        let Some(c) = self.next_char() else {
            return Err(self.error("unterminated string", at, at + 1));
        };
        let decoded = match c {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{c}',
            'r' => '\r',
            '"' => '"',
            '\\' => '\\',
            'u' | 'U' => {
                let digits = if c == 'u' { 4 } else { 8 };
                let hex = &self.bytes()[self.pos..];
                let len = hex.iter().take(digits).take_while(|b| b.is_ascii_hexdigit()).count();
                self.pos += len;
                if len < digits {
                    return Err(self.error(&format!("`\\{c}` needs {digits} hexadecimal digits"), at, self.pos));
                }
                let code = hex[..digits].iter().fold(0u32, |n, &b| n * 16 + hex_value(b));
                match char::from_u32(code) {
                    Some(decoded) => decoded,
                    None => {
                        return Err(self.error(
                            &format!("`{}` is not a Unicode scalar value", &self.text()[at..self.pos]),
                            at,
                            self.pos,
                        ))
                    }
                }
            }
            c if c.is_whitespace() || is_control(c) => {
                return Err(self.error(
                    "invalid escape `\\` (a `\\` at the end of a line continues it only in a multi-line \"\"\"...\"\"\" string)",
                    at,
                    at + 1,
                ))
            }
            c => {
                return Err(self.error(
                    &format!("invalid escape `\\{c}` (expected \\b, \\t, \\n, \\f, \\r, \\\", \\\\, \\uXXXX or \\UXXXXXXXX)"),
                    at,
                    self.pos,
                ))
            }
        };
        out.push(decoded);
        Ok(())
    }

    pub(super) fn control_error(&self, c: char, at: usize) -> Error {
        let message = if c == '\r' {
            "a carriage return must be followed by a line feed".to_string()
        } else {
            format!(
                "control character U+{:04X} is not allowed here (write it as an escape in a \"...\" string)",
                c as u32
            )
        };
        self.error(&message, at, at + c.len_utf8())
    }
}

/// What `\r\n` inside a multi-line string reads as: kept as written (the
/// specification lets readers normalize it; the `toml` crate keeps it too).
const MULTI_LINE_CRLF: &str = "\r\n";

fn hex_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'f' => u32::from(b - b'a') + 10,
        _ => u32::from(b.wrapping_sub(b'A')) + 10,
    }
}
