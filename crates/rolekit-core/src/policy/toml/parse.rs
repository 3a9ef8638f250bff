//! The document: lines of `key = value`, `[table]` and `[[array]]`
//! headers, comments; keys; arrays and inline tables; and the rules that
//! say which tables a key or a header may add to.

use super::strings::is_control;
use super::{scalars, Array, Error, Kind, Origin, Table, Value, MAX_DEPTH};
use crate::text::TextRange;

/// Parses a TOML 1.0 document into its root table, or the first error.
pub fn parse(text: &str) -> Result<Table, Error> {
    let mut p = Parser { text, pos: 0 };
    if text.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    let mut root = Table::new(Origin::Header);
    // The table the `key = value` lines go to: entry indices from the root
    // (an array of tables stands for its last table), and its depth.
    let mut section: Vec<usize> = Vec::new();
    let mut depth = 0;
    loop {
        p.blank();
        match p.peek() {
            None => break,
            Some(b'#' | b'\n' | b'\r') => {}
            Some(b'[') => (section, depth) = p.header(&mut root)?,
            Some(_) => {
                let keys = p.key()?;
                check_depth(&keys, depth)?;
                p.key_value_sep()?;
                let value = p.value(depth + keys.len())?;
                let Some(table) = table_at(&mut root, &section) else {
                    return Err(p.error("internal error: the current table is missing", 0, 0));
                };
                insert(table, keys, value)?;
            }
        }
        p.end_of_line()?;
    }
    Ok(root)
}

/// One part of a key, decoded, and where it is written.
type KeyPart = (String, TextRange);

pub(super) struct Parser<'a> {
    text: &'a str,
    pub(super) pos: usize,
}

/// Characters of bare keys.
fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl<'a> Parser<'a> {
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    pub(super) fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    pub(super) fn next_char(&mut self) -> Option<char> {
        let c = self.text.get(self.pos..)?.chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    pub(super) fn error(&self, message: &str, start: usize, end: usize) -> Error {
        Error { message: message.to_string(), range: TextRange::new(start, end.max(start)) }
    }

    /// An error at the character at `self.pos` (empty at the end of the text).
    fn error_here(&self, message: &str) -> Error {
        let len = self.text.get(self.pos..).and_then(|r| r.chars().next()).map_or(0, char::len_utf8);
        self.error(message, self.pos, self.pos + len)
    }

    /// Spaces and tabs.
    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// A line break (`\n` or `\r\n`), if one is here.
    pub(super) fn newline(&mut self) -> bool {
        match self.peek() {
            Some(b'\n') => self.pos += 1,
            Some(b'\r') if self.bytes().get(self.pos + 1) == Some(&b'\n') => self.pos += 2,
            _ => return false,
        }
        true
    }

    /// A comment, if one is here, up to (not including) its line break.
    fn comment(&mut self) -> Result<(), Error> {
        if self.peek() != Some(b'#') {
            return Ok(());
        }
        self.pos += 1;
        let rest = &self.text[self.pos..];
        let len = rest.find('\n').unwrap_or(rest.len());
        let line = rest[..len].strip_suffix('\r').unwrap_or(&rest[..len]);
        if let Some((i, c)) = line.char_indices().find(|(_, c)| is_control(*c)) {
            return Err(self.control_error(c, self.pos + i));
        }
        self.pos += line.len();
        Ok(())
    }

    /// Blanks, an optional comment, then a line break or the end of the text.
    fn end_of_line(&mut self) -> Result<(), Error> {
        self.blank();
        self.comment()?;
        if self.newline() || self.peek().is_none() {
            return Ok(());
        }
        if self.peek() == Some(b'\r') {
            return Err(self.control_error('\r', self.pos));
        }
        Err(self.error_here("expected the end of the line (one `key = value` or `[table]` per line)"))
    }

    /// Blanks, comments and line breaks (inside arrays).
    fn blank_lines(&mut self) -> Result<(), Error> {
        loop {
            self.blank();
            self.comment()?;
            if !self.newline() {
                return Ok(());
            }
        }
    }

    /// A key: simple keys (bare or quoted) joined by dots.
    fn key(&mut self) -> Result<Vec<KeyPart>, Error> {
        let mut parts = Vec::new();
        loop {
            let start = self.pos;
            let key = match self.peek() {
                Some(b'"' | b'\'') => self.string(false)?,
                Some(b) if is_bare(b) => {
                    let len = self.bytes()[start..].iter().take_while(|&&b| is_bare(b)).count();
                    self.pos += len;
                    self.text[start..self.pos].to_string()
                }
                _ => {
                    let message = if parts.is_empty() {
                        "expected a key (letters, digits, `_`, `-`, or a quoted string)"
                    } else {
                        "expected a key after `.`"
                    };
                    return Err(self.error_here(message));
                }
            };
            parts.push((key, TextRange::new(start, self.pos)));
            if parts.len() > MAX_DEPTH {
                return Err(self.error(&format!("a key of more than {MAX_DEPTH} parts"), start, self.pos));
            }
            self.blank();
            if self.peek() != Some(b'.') {
                return Ok(parts);
            }
            self.pos += 1;
            self.blank();
        }
    }

    fn key_value_sep(&mut self) -> Result<(), Error> {
        self.blank();
        if self.peek() != Some(b'=') {
            return Err(self.error_here("expected `=` after a key"));
        }
        self.pos += 1;
        self.blank();
        Ok(())
    }

    /// A `[table]` or `[[array]]` header: the new section and its depth.
    fn header(&mut self, root: &mut Table) -> Result<(Vec<usize>, usize), Error> {
        let start = self.pos;
        let array = self.bytes()[start..].starts_with(b"[[");
        self.pos += if array { 2 } else { 1 };
        self.blank();
        let keys = self.key()?;
        let close: &[u8] = if array { b"]]" } else { b"]" };
        if !self.bytes()[self.pos..].starts_with(close) {
            let what = if array {
                "expected `]]` to close the `[[array]]` header"
            } else {
                "expected `]` after the table's name"
            };
            return Err(self.error_here(what));
        }
        self.pos += close.len();
        let range = TextRange::new(start, self.pos);
        let mut table = root;
        let mut section = Vec::with_capacity(keys.len());
        let mut depth = 0;
        let count = keys.len();
        for (i, (key, key_range)) in keys.into_iter().enumerate() {
            let last = i + 1 == count;
            let named = self.text[start..key_range.end()].trim_start_matches('[').trim_start();
            let at = match table.position(&key) {
                None => {
                    let value = match (last, array) {
                        (false, _) => Value { kind: Kind::Table(Table::new(Origin::Implicit)), range: key_range },
                        (true, false) => Value { kind: Kind::Table(Table::new(Origin::Header)), range },
                        (true, true) => {
                            let first = Value { kind: Kind::Table(Table::new(Origin::Header)), range };
                            Value { kind: Kind::Array(Array { items: vec![first], of_tables: true }), range }
                        }
                    };
                    table.push(key, key_range, value)
                }
                Some(at) => at,
            };
            let Some(entry) = table.entries.get_mut(at) else {
                return Err(self.error("internal error: a missing entry", start, start));
            };
            let fresh = entry.key_range == key_range;
            let problem = match (&mut entry.value.kind, last, array) {
                (Kind::Table(t), _, _) if t.origin == Origin::Inline => {
                    Some(format!("cannot add to `{}`: an inline table is complete as written", named))
                }
                (Kind::Table(t), true, false) if !fresh => match t.origin {
                    Origin::Implicit => {
                        t.origin = Origin::Header;
                        entry.value.range = range;
                        None
                    }
                    Origin::Dotted => Some(format!("table `{}` is already defined by dotted keys", named)),
                    _ => Some(format!("table `{}` is defined twice", named)),
                },
                (Kind::Table(_), true, true) => Some(format!("`{}` is a table, not an array of tables", named)),
                (Kind::Array(a), true, true) if a.of_tables && !fresh => {
                    a.items.push(Value { kind: Kind::Table(Table::new(Origin::Header)), range });
                    None
                }
                (Kind::Array(a), true, false) if a.of_tables => {
                    Some(format!("`{}` is an array of tables (`[[{}]]`), not a table", named, named))
                }
                (Kind::Table(_), _, _) | (Kind::Array(Array { of_tables: true, .. }), _, _) => None,
                (Kind::Array(_), _, _) => Some(format!("`{named}` is an array value; headers cannot add to it")),
                _ => Some(format!("`{named}` is already a value, not a table")),
            };
            if let Some(message) = problem {
                return Err(self.error(&message, key_range.start(), key_range.end()));
            }
            depth += if matches!(entry.value.kind, Kind::Array(_)) { 2 } else { 1 };
            if depth > MAX_DEPTH {
                return Err(self.error(&format!("tables nested more than {MAX_DEPTH} levels deep"), start, self.pos));
            }
            section.push(at);
            table = match descend(&mut entry.value.kind) {
                Some(t) => t,
                None => return Err(self.error("internal error: not a table", start, start)),
            };
        }
        Ok((section, depth))
    }

    /// A value; `depth` is its level (arrays and inline tables count).
    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(b'"' | b'\'') => Kind::String(self.string(true)?),
            Some(b'[' | b'{') if depth > MAX_DEPTH => {
                return Err(self.error_here(&format!("arrays and tables nested more than {MAX_DEPTH} levels deep")));
            }
            Some(b'[') => Kind::Array(self.array(depth)?),
            Some(b'{') => Kind::Table(self.inline_table(depth)?),
            Some(b't') if self.bytes()[start..].starts_with(b"true") => {
                self.pos += 4;
                Kind::Boolean(true)
            }
            Some(b'f') if self.bytes()[start..].starts_with(b"false") => {
                self.pos += 5;
                Kind::Boolean(false)
            }
            Some(b'0'..=b'9' | b'+' | b'-' | b'i' | b'n') => {
                let token = |from: usize| {
                    self.bytes()[from..]
                        .iter()
                        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'.' | b':'))
                        .count()
                };
                let mut end = start + token(start);
                // `1979-05-27 07:32:00`: a space between a date and a time.
                let b = self.bytes();
                if end == start + 10
                    && b.get(end) == Some(&b' ')
                    && b.get(end + 1..end + 3).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && b.get(end + 3) == Some(&b':')
                {
                    end += 1 + token(end + 1);
                }
                let text = &self.text[start..end];
                match scalars::number_or_datetime(text) {
                    Ok(kind) => {
                        self.pos = end;
                        kind
                    }
                    Err(message) => return Err(self.error(&message, start, end)),
                }
            }
            Some(b'\n' | b'\r' | b'#') | None => return Err(self.error_here("expected a value after `=`")),
            Some(_) => {
                let len = self.bytes()[start..].iter().take_while(|&&b| is_bare(b)).count().max(1);
                let shown = self.text.get(start..start + len).unwrap_or("");
                let message = if shown.is_empty() {
                    "expected a value (a string, number, boolean, date-time, array or inline table)".to_string()
                } else {
                    format!("expected a value, found `{shown}` (strings are quoted: \"{shown}\")")
                };
                return Err(self.error_here(&message).with_end(start + len));
            }
        };
        Ok(Value { kind, range: TextRange::new(start, self.pos) })
    }

    fn array(&mut self, depth: usize) -> Result<Array, Error> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.blank_lines()?;
            match self.peek() {
                Some(b']') => break,
                None => return Err(self.error("unterminated array (expected `]`)", start, start + 1)),
                _ => {}
            }
            items.push(self.value(depth + 1)?);
            self.blank_lines()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                None => return Err(self.error("unterminated array (expected `]`)", start, start + 1)),
                _ => return Err(self.error_here("expected `,` or `]` after an array item")),
            }
        }
        self.pos += 1;
        Ok(Array { items, of_tables: false })
    }

    fn inline_table(&mut self, depth: usize) -> Result<Table, Error> {
        let start = self.pos;
        self.pos += 1;
        let mut table = Table::new(Origin::Inline);
        self.blank();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(table);
        }
        loop {
            if matches!(self.peek(), Some(b'\n' | b'\r') | None) {
                return Err(self.error("unterminated inline table (it must close on its line)", start, start + 1));
            }
            if self.peek() == Some(b'}') {
                return Err(self.error_here("expected a key after `,` (an inline table takes no trailing comma)"));
            }
            let keys = self.key()?;
            check_depth(&keys, depth)?;
            self.key_value_sep()?;
            let value = self.value(depth + keys.len())?;
            insert(&mut table, keys, value)?;
            self.blank();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.blank();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(table);
                }
                Some(b'\n' | b'\r') | None => {
                    return Err(self.error("unterminated inline table (it must close on its line)", start, start + 1))
                }
                _ => return Err(self.error_here("expected `,` or `}` in an inline table")),
            }
        }
    }
}

impl Error {
    fn with_end(mut self, end: usize) -> Error {
        self.range.end = self.range.end.max(end as u32);
        self
    }
}

/// Tables that `keys` would create below `depth` stay within [`MAX_DEPTH`].
fn check_depth(keys: &[KeyPart], depth: usize) -> Result<(), Error> {
    match keys.get(MAX_DEPTH.saturating_sub(depth)) {
        Some((_, range)) if depth + keys.len() > MAX_DEPTH => {
            Err(Error { message: format!("tables nested more than {MAX_DEPTH} levels deep"), range: *range })
        }
        _ => Ok(()),
    }
}

/// The table a value holds, or the last table of an array of tables.
fn descend(kind: &mut Kind) -> Option<&mut Table> {
    match kind {
        Kind::Table(t) => Some(t),
        Kind::Array(a) if a.of_tables => match a.items.last_mut().map(|v| &mut v.kind) {
            Some(Kind::Table(t)) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// The table at `path` (entry indices) from `root`.
fn table_at<'t>(root: &'t mut Table, path: &[usize]) -> Option<&'t mut Table> {
    let mut table = root;
    for &at in path {
        table = descend(&mut table.entries.get_mut(at)?.value.kind)?;
    }
    Some(table)
}

/// `keys = value` into `table`: dotted keys create tables (or add to the
/// ones earlier dotted keys created), the last key must be new.
fn insert(table: &mut Table, keys: Vec<KeyPart>, value: Value) -> Result<(), Error> {
    let count = keys.len();
    let mut table = table;
    for (i, (key, range)) in keys.into_iter().enumerate() {
        let error = |message: String| Err(Error { message, range });
        if i + 1 == count {
            if table.position(&key).is_some() {
                return error(format!("duplicate key `{key}`"));
            }
            table.push(key, range, value);
            return Ok(());
        }
        let at = match table.position(&key) {
            Some(at) => at,
            None => table.push(key.clone(), range, Value { kind: Kind::Table(Table::new(Origin::Dotted)), range }),
        };
        let Some(entry) = table.entries.get_mut(at) else {
            return error("internal error: a missing entry".to_string());
        };
        let problem = match &entry.value.kind {
            Kind::Table(t) if t.origin == Origin::Dotted => None,
            Kind::Table(t) if t.origin == Origin::Inline => {
                Some(format!("cannot add to `{key}`: an inline table is complete as written"))
            }
            Kind::Table(_) => Some(format!("cannot add to table `{key}` with a dotted key: it has a `[header]`")),
            Kind::Array(a) if a.of_tables => {
                Some(format!("cannot add keys to `{key}` with a dotted key: it is an array of tables"))
            }
            Kind::Array(_) => Some(format!("cannot add keys to `{key}`: it is an array")),
            _ => Some(format!("cannot add keys to `{key}`: it is already a value")),
        };
        table = match (problem, &mut entry.value.kind) {
            (None, Kind::Table(t)) => t,
            (Some(message), _) => return error(message),
            (None, _) => return error("internal error: not a table".to_string()),
        };
    }
    Ok(())
}
