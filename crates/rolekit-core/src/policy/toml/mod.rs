//! A TOML 1.0.0 reader with byte ranges, for `rolekit.toml`: every key and
//! every value keeps where it is written, so a configuration error points
//! at it. Written from the specification (<https://toml.io/en/v1.0.0>)
//! instead of depending on a TOML library, which cost the WebAssembly
//! language server about 18 KB gzipped.
//!
//! - [`parse`] reads a document into its root [`Table`], or returns the first
//!   syntax or semantic error (a duplicate key, a table defined twice...)
//!   with its place.
//! - Floats and date-times are checked against the grammar and kept as the
//!   text written: rolekit reads neither, and a float parser would add its
//!   tables to the WebAssembly modules.
//! - Bounded: arrays, inline tables and tables nest at most [`MAX_DEPTH`]
//!   levels; each table indexes its keys, so the reader is linear in the
//!   length of the text.
//!
//! Files: `parse.rs` (the document: lines, headers, keys, tables, arrays),
//! `scalars.rs` (integers, floats, date-times), `strings.rs` (the four kinds
//! of strings).

mod parse;
mod scalars;
mod strings;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_oracle;

use std::collections::HashMap;

use crate::text::TextRange;

pub use parse::parse;

/// Deepest nesting of tables, arrays and inline tables (the root is level 0).
pub const MAX_DEPTH: usize = 128;

/// A syntax or semantic error: what is wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    /// Byte range in the text (never empty unless at the end of the text).
    pub range: TextRange,
}

/// A value and the bytes it is written in (a string with its quotes, an
/// array from `[` to `]`; a table defined by a `[header]`, the header; a
/// table created by a dotted key or a header's path, that key).
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: Kind,
    pub range: TextRange,
}

/// What a value is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Escapes decoded.
    String(String),
    Integer(i64),
    /// The text as written (`1e3`, `-inf`, `3_000.5`): checked, not converted.
    Float(String),
    Boolean(bool),
    /// An offset or local date-time, a local date or a local time, as
    /// written (checked: `1979-05-27 07:32:00Z`).
    Datetime(String),
    Array(Array),
    Table(Table),
}

/// An array: a value `[1, 2]`, or the tables of `[[name]]` headers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Array {
    items: Vec<Value>,
    /// Made of `[[name]]` headers (which may add to it), not a value.
    of_tables: bool,
}

impl Array {
    pub fn items(&self) -> &[Value] {
        &self.items
    }

    /// Whether it was written as `[[name]]` tables.
    pub fn is_array_of_tables(&self) -> bool {
        self.of_tables
    }
}

/// One `key = value` of a table (or a sub-table or array of tables).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key, decoded (`"a b"` is `a b`).
    pub key: String,
    /// Where the key is written (with its quotes), where it was first written.
    pub key_range: TextRange,
    pub value: Value,
}

/// How a table came to be, which decides what may add to it later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// The root, or a `[header]`: defined; no other header may define it.
    Header,
    /// A header's path passed through it (`a` of `[a.b]`): a later `[a]` may define it.
    Implicit,
    /// A dotted key created it (`a` of `a.b = 1`): more dotted keys may add to it.
    Dotted,
    /// `{ ... }`: complete as written.
    Inline,
}

/// A table: its entries in the order written, indexed by key.
#[derive(Clone, Debug)]
pub struct Table {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
    origin: Origin,
}

impl PartialEq for Table {
    /// Same entries in the same order (how each table came to be aside).
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Table {
    fn new(origin: Origin) -> Table {
        Table { entries: Vec::new(), index: HashMap::new(), origin }
    }

    /// The entries, in the order their keys were first written.
    pub fn iter(&self) -> std::slice::Iter<'_, Entry> {
        self.entries.iter()
    }

    /// The entry of `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.index.get(key).and_then(|&i| self.entries.get(i))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    fn push(&mut self, key: String, key_range: TextRange, value: Value) -> usize {
        let at = self.entries.len();
        self.index.insert(key.clone(), at);
        self.entries.push(Entry { key, key_range, value });
        at
    }
}

impl<'t> IntoIterator for &'t Table {
    type Item = &'t Entry;
    type IntoIter = std::slice::Iter<'t, Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
