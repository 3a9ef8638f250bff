//! A spanned YAML tree for the frontmatter, built from `saphyr-parser` events.
//!
//! Every key and value keeps its byte range in the document. Aliases stay
//! unexpanded in the tree (an alias bomb costs nothing here); expansion happens
//! only when converting to JSON, under a node budget. Nesting is bounded too,
//! so hostile input ends in a clear error, never in a blown stack or a hang.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Number, Value};

use crate::text::TextRange;

/// Deepest nesting of collections accepted in a frontmatter.
pub const MAX_DEPTH: usize = 64;
/// Most nodes an alias expansion may produce when converting to JSON.
pub const MAX_EXPANDED_NODES: usize = 100_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub range: TextRange,
    pub value: NodeValue,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    Scalar(Scalar),
    Sequence(Vec<Node>),
    Mapping(Vec<Entry>),
    /// An alias to the anchor with this id (see [`Yaml::anchor`]).
    Alias(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub style: Style,
    /// An explicit tag (`!!str true` is a string), if any.
    pub tag: Option<Tag>,
}

/// A scalar's explicit tag, as far as it decides the scalar's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Str,
    Int,
    Float,
    Bool,
    Null,
    /// Any other tag (local `!foo`, or a core tag that is not a scalar type).
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

impl Style {
    pub fn is_quoted(self) -> bool {
        matches!(self, Style::SingleQuoted | Style::DoubleQuoted)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

impl Entry {
    pub fn key_text(&self) -> &str {
        self.key.as_str().unwrap_or("")
    }
}

/// Why the tree is incomplete.
#[derive(Clone, Debug, PartialEq)]
pub enum YamlError {
    /// A syntax error at `at`.
    Syntax { at: TextRange, message: String },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep { at: TextRange },
}

/// A key written twice in one mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateKey {
    pub key: String,
    pub first: TextRange,
    pub duplicate: TextRange,
}

/// The parsed frontmatter: a root node (possibly partial) plus what went wrong.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Yaml {
    pub root: Option<Node>,
    pub error: Option<YamlError>,
    pub duplicates: Vec<DuplicateKey>,
    anchors: Vec<(usize, Node)>,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar(s) => Some(&s.text),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            NodeValue::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            NodeValue::Mapping(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            NodeValue::Sequence(items) => items,
            _ => &[],
        }
    }

    /// The first entry with this key.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().find(|e| e.key_text() == key)
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, NodeValue::Scalar(s) if s.style == Style::Plain && is_null(&s.text))
    }

    /// A short name for the kind of value, as used in messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            NodeValue::Scalar(s) => match plain_scalar_value(s) {
                Value::Null => "null",
                Value::Bool(_) => "boolean",
                Value::Number(_) => "number",
                _ => "string",
            },
            NodeValue::Sequence(_) => "list",
            NodeValue::Mapping(_) => "mapping",
            NodeValue::Alias(_) => "alias",
        }
    }
}

/// One step of a path into the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// What a path points at: the entry's key (if reached through a key) and the value.
#[derive(Clone, Copy, Debug)]
pub struct Located<'a> {
    pub key: Option<&'a Node>,
    pub value: &'a Node,
}

impl Yaml {
    /// The node of the anchor `id`, once the anchored node is complete.
    pub fn anchor(&self, id: usize) -> Option<&Node> {
        self.anchors.iter().rev().find(|(a, _)| *a == id).map(|(_, n)| n)
    }

    /// Follows `path` from the root; stops at the deepest node reached.
    pub fn locate<'a>(&'a self, path: &[PathSeg]) -> Option<(Located<'a>, usize)> {
        let mut here = Located { key: None, value: self.root.as_ref()? };
        for (depth, seg) in path.iter().enumerate() {
            let next = match (seg, &here.value.value) {
                (PathSeg::Key(k), NodeValue::Mapping(entries)) => {
                    entries.iter().find(|e| e.key_text() == k).map(|e| Located { key: Some(&e.key), value: &e.value })
                }
                (PathSeg::Index(i), NodeValue::Sequence(items)) => {
                    items.get(*i).map(|n| Located { key: None, value: n })
                }
                _ => None,
            };
            match next {
                Some(n) => here = n,
                None => return Some((here, depth)),
            }
        }
        Some((here, path.len()))
    }

    /// Converts the tree to JSON, expanding aliases. `Err` carries the range of
    /// the alias where the expansion budget ran out.
    pub fn to_json(&self) -> Result<Value, TextRange> {
        let Some(root) = &self.root else {
            return Ok(Value::Null);
        };
        let mut budget = MAX_EXPANDED_NODES;
        self.node_to_json(root, &mut budget, 0)
    }

    pub fn node_to_json(&self, node: &Node, budget: &mut usize, depth: usize) -> Result<Value, TextRange> {
        if *budget == 0 || depth > MAX_DEPTH {
            return Err(node.range);
        }
        *budget -= 1;
        Ok(match &node.value {
            NodeValue::Scalar(s) => plain_scalar_value(s),
            NodeValue::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.node_to_json(item, budget, depth + 1)?);
                }
                Value::Array(out)
            }
            NodeValue::Mapping(entries) => {
                let mut out = Map::with_capacity(entries.len());
                for e in entries {
                    let key = match &e.key.value {
                        NodeValue::Scalar(s) => s.text.clone(),
                        _ => self.node_to_json(&e.key, budget, depth + 1)?.to_string(),
                    };
                    let value = self.node_to_json(&e.value, budget, depth + 1)?;
                    out.entry(key).or_insert(value);
                }
                Value::Object(out)
            }
            NodeValue::Alias(id) => match self.anchor(*id) {
                Some(target) => self.node_to_json(target, budget, depth + 1).map_err(|_| node.range)?,
                None => Value::Null,
            },
        })
    }
}

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

/// Parses `text[range]` as the frontmatter YAML.
///
/// Plain block YAML (what role files are made of) takes a fast path
/// (`syntax::yaml_fast`); anything else, and every error, goes through
/// `saphyr-parser`. Both produce the same tree (a differential test holds
/// them to it).
pub fn parse(text: &str, range: TextRange) -> Yaml {
    let src = range.slice(text);
    let mut builder = Builder { yaml: Yaml::default(), stack: Vec::new(), src, base: range.start() };
    if let Some(events) = super::yaml_fast::events(src, range.start()) {
        for ev in events {
            builder.event(ev);
        }
        return builder.finish();
    }
    parse_with_saphyr(builder)
}

/// Parses with `saphyr-parser` only (the reference for the fast path).
pub fn parse_slow(text: &str, range: TextRange) -> Yaml {
    let builder = Builder { yaml: Yaml::default(), stack: Vec::new(), src: range.slice(text), base: range.start() };
    parse_with_saphyr(builder)
}

fn parse_with_saphyr(mut builder: Builder<'_>) -> Yaml {
    let src = builder.src;
    let offsets = CharOffsets::new(src, builder.base);
    let mut parser = Parser::new_from_str(src);
    loop {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => {
                let Some(ev) = convert(event, span, &offsets, src) else { continue };
                if !builder.event(ev) {
                    break;
                }
            }
            Some(Err(err)) => {
                let at = TextRange::empty(offsets.byte(err.marker().index()));
                let message = err.info().to_string();
                builder.yaml.error = Some(if message.contains("recursion limit") {
                    YamlError::TooDeep { at }
                } else {
                    YamlError::Syntax { at, message }
                });
                break;
            }
        }
    }
    builder.finish()
}

/// A parse event with byte ranges, from either parser.
#[derive(Debug, PartialEq)]
pub(crate) enum Ev<'a> {
    Scalar { text: Cow<'a, str>, style: Style, range: TextRange, anchor: usize, tag: Option<Tag> },
    Alias { id: usize, range: TextRange },
    SequenceStart { start: usize, anchor: usize },
    MappingStart { start: usize, anchor: usize },
    End { end: usize },
    Stop,
}

fn convert<'a>(event: Event<'a>, span: Span, offsets: &CharOffsets, src: &str) -> Option<Ev<'a>> {
    Some(match event {
        Event::Scalar(text, style, anchor, tag) => {
            let tag = tag.map(|t| match (t.is_yaml_core_schema(), t.suffix.as_str()) {
                (true, "str") => Tag::Str,
                (true, "int") => Tag::Int,
                (true, "float") => Tag::Float,
                (true, "bool") => Tag::Bool,
                (true, "null") => Tag::Null,
                _ => Tag::Other,
            });
            let mut range = offsets.range(span);
            // The span of a scalar with an anchor or a tag starts at `&`/`!`:
            // the node itself starts after them.
            let local = skip_properties(src, range.start() - offsets.base);
            range = TextRange::new((offsets.base + local).min(range.end()), range.end());
            let style = match style {
                ScalarStyle::Plain => Style::Plain,
                ScalarStyle::SingleQuoted => Style::SingleQuoted,
                ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                ScalarStyle::Literal => Style::Literal,
                ScalarStyle::Folded => Style::Folded,
            };
            if style.is_quoted() {
                // The parser's span of a quoted scalar runs on to the end of
                // its line (over a trailing comment): end at the closing quote.
                let local = range.start() - offsets.base;
                if let Some(end) = quoted_end(src, local) {
                    range = TextRange::new(range.start(), offsets.base + end);
                }
            }
            if text.is_empty() && style == Style::Plain {
                // An empty value sits on the `:` that introduced it; point just after it.
                if src.as_bytes().get(range.start() - offsets.base) == Some(&b':') {
                    range = TextRange::empty(range.start() + 1);
                }
            }
            Ev::Scalar { text, style, range, anchor, tag }
        }
        Event::Alias(id) => Ev::Alias { id, range: offsets.range(span) },
        Event::SequenceStart(anchor, _) => Ev::SequenceStart { start: node_start(span, offsets, src), anchor },
        Event::MappingStart(anchor, _) => Ev::MappingStart { start: node_start(span, offsets, src), anchor },
        Event::SequenceEnd | Event::MappingEnd => Ev::End { end: offsets.byte(span.end.index()) },
        Event::DocumentEnd => Ev::Stop,
        Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => return None,
    })
}

/// Where a collection starts: after its anchor and tag, if any.
fn node_start(span: Span, offsets: &CharOffsets, src: &str) -> usize {
    let start = offsets.byte(span.start.index());
    offsets.base + skip_properties(src, start - offsets.base)
}

/// Skips the node properties (`&anchor`, `!tag`, in any order, each followed
/// by spaces or a line break) that open the node at `local` in `src`.
fn skip_properties(src: &str, local: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = local;
    while matches!(bytes.get(i), Some(b'&' | b'!')) {
        let token = bytes[i..].iter().take_while(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count();
        let mut j = i + token;
        while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            j += 1;
        }
        if j >= bytes.len() || !src.is_char_boundary(j) {
            return local;
        }
        i = j;
    }
    i
}

/// The end (after the closing quote) of the quoted scalar opening at `start` in `src`.
fn quoted_end(src: &str, start: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let quote = *bytes.get(start)?;
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Converts the parser's character indices to byte offsets in the document.
struct CharOffsets {
    base: usize,
    /// Byte offset of each char, when the source is not ASCII.
    table: Option<Vec<u32>>,
    len: usize,
}

impl CharOffsets {
    fn new(src: &str, base: usize) -> Self {
        let table = (!src.is_ascii()).then(|| src.char_indices().map(|(i, _)| i as u32).collect());
        Self { base, table, len: src.len() }
    }

    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).map_or(self.len, |&b| b as usize),
        };
        self.base + local
    }

    fn range(&self, span: Span) -> TextRange {
        TextRange::new(self.byte(span.start.index()), self.byte(span.end.index().max(span.start.index())))
    }
}

enum Frame {
    Sequence { start: usize, anchor: usize, items: Vec<Node> },
    Mapping { start: usize, anchor: usize, entries: Vec<Entry>, key: Option<Node> },
}

struct Builder<'a> {
    yaml: Yaml,
    stack: Vec<Frame>,
    src: &'a str,
    /// Where `src` starts in the document.
    base: usize,
}

impl Builder<'_> {
    /// Handles one event; `false` stops the parse.
    fn event(&mut self, ev: Ev<'_>) -> bool {
        match ev {
            Ev::Scalar { text, style, range, anchor, tag } => {
                let node = Node { range, value: NodeValue::Scalar(Scalar { text: Cow::into_owned(text), style, tag }) };
                self.push(node, anchor);
            }
            Ev::Alias { id, range } => self.push(Node { range, value: NodeValue::Alias(id) }, 0),
            Ev::SequenceStart { start, anchor } | Ev::MappingStart { start, anchor } => {
                if self.stack.len() >= MAX_DEPTH {
                    self.yaml.error = Some(YamlError::TooDeep { at: TextRange::empty(start) });
                    return false;
                }
                self.stack.push(if matches!(ev, Ev::SequenceStart { .. }) {
                    Frame::Sequence { start, anchor, items: Vec::new() }
                } else {
                    Frame::Mapping { start, anchor, entries: Vec::new(), key: None }
                });
            }
            Ev::End { end } => {
                if let Some(frame) = self.stack.pop() {
                    let (node, anchor) = self.close(frame, end);
                    self.push(node, anchor);
                }
            }
            Ev::Stop => return false,
        }
        true
    }

    /// Builds the node of a finished collection. A flow collection ends at its
    /// closing bracket; a block collection ends with its last child.
    fn close(&mut self, frame: Frame, end: usize) -> (Node, usize) {
        match frame {
            Frame::Sequence { start, anchor, items } => {
                let flow = self.src_byte(start) == Some(b'[');
                // A block sequence starts at its first dash (parsers differ for
                // sequences indented like their key).
                let start = match items.first() {
                    Some(first) if !flow => self.dash_before(first.range.start()).unwrap_or(start),
                    _ => start,
                };
                let end = if flow && end > start { end } else { items.last().map_or(start, |n| n.range.end()) };
                (Node { range: TextRange::new(start, end.max(start)), value: NodeValue::Sequence(items) }, anchor)
            }
            Frame::Mapping { start, anchor, mut entries, key } => {
                if let Some(key) = key {
                    // A key without a value (only after an error): keep it with a null value.
                    let at = key.range.end();
                    entries.push(Entry { key, value: empty_node(at) });
                }
                self.check_duplicates(&entries);
                let flow = self.src_byte(start) == Some(b'{');
                let last = entries.last().map_or(start, |e| e.value.range.end().max(e.key.range.end()));
                let end = if flow && end > start { end } else { last };
                (Node { range: TextRange::new(start, end.max(start)), value: NodeValue::Mapping(entries) }, anchor)
            }
        }
    }

    /// The `-` that introduces a block-sequence item starting at `item`.
    fn dash_before(&self, item: usize) -> Option<usize> {
        let local = item.checked_sub(self.base)?;
        let before = self.src.get(..local)?;
        let trimmed = before.trim_end_matches(' ');
        trimmed.ends_with('-').then(|| self.base + trimmed.len() - 1)
    }

    fn src_byte(&self, doc_offset: usize) -> Option<u8> {
        doc_offset.checked_sub(self.base).and_then(|i| self.src.as_bytes().get(i).copied())
    }

    fn check_duplicates(&mut self, entries: &[Entry]) {
        if entries.len() < 2 {
            return;
        }
        for (i, e) in entries.iter().enumerate().skip(1) {
            let Some(key) = e.key.as_str() else { continue };
            if let Some(first) = entries[..i].iter().find(|f| f.key.as_str() == Some(key)) {
                self.yaml.duplicates.push(DuplicateKey {
                    key: key.to_string(),
                    first: first.key.range,
                    duplicate: e.key.range,
                });
            }
        }
    }

    fn push(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.yaml.anchors.push((anchor, node.clone()));
        }
        match self.stack.last_mut() {
            None => {
                if self.yaml.root.is_none() {
                    self.yaml.root = Some(node);
                }
            }
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push(Entry { key: k, value: node }),
            },
        }
    }

    /// Closes every open collection (after an error) and returns the tree.
    fn finish(mut self) -> Yaml {
        while let Some(frame) = self.stack.pop() {
            let (node, anchor) = self.close(frame, 0);
            self.push(node, anchor);
        }
        self.yaml
    }
}

fn empty_node(at: usize) -> Node {
    Node {
        range: TextRange::empty(at),
        value: NodeValue::Scalar(Scalar { text: String::new(), style: Style::Plain, tag: None }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(src: &str) -> Yaml {
        parse(src, TextRange::new(0, src.len()))
    }

    #[test]
    fn keys_and_values_keep_their_ranges() {
        let src = "role: a-b\nlist:\n  - x\n  - \"y\"\nempty:\n";
        let y = parse_all(src);
        assert!(y.error.is_none());
        let root = y.root.as_ref().unwrap();
        let role = root.entry("role").unwrap();
        assert_eq!(role.key.range.slice(src), "role");
        assert_eq!(role.value.range.slice(src), "a-b");
        let items = root.get("list").unwrap().items();
        assert_eq!(items[1].range.slice(src), "\"y\"");
        let empty = root.get("empty").unwrap();
        assert!(empty.is_null());
        assert_eq!(empty.range.start(), src.find("empty:").unwrap() + 6);
    }

    #[test]
    fn multibyte_text_maps_to_byte_offsets() {
        let src = "a: é漢🎯\nb: x\n";
        let y = parse_all(src);
        let root = y.root.unwrap();
        assert_eq!(root.get("a").unwrap().range.slice(src), "é漢🎯");
        assert_eq!(root.get("b").unwrap().range.slice(src), "x");
    }

    #[test]
    fn syntax_error_keeps_the_partial_tree() {
        let src = "a: 1\nb: [1, 2\n";
        let y = parse_all(src);
        assert!(matches!(y.error, Some(YamlError::Syntax { .. })));
        assert!(y.root.unwrap().get("a").is_some());
    }

    #[test]
    fn duplicates_are_reported() {
        let y = parse_all("a: 1\nb: 2\na: 3\n");
        assert_eq!(y.duplicates.len(), 1);
        assert_eq!(y.duplicates[0].duplicate.start(), 10);
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let y = parse_all(&src);
        assert!(y.error.is_none());
        assert!(y.to_json().is_err());
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let src = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let y = parse_all(&src);
        assert!(matches!(y.error, Some(YamlError::TooDeep { .. })));
    }

    #[test]
    fn tags_and_every_core_number_form() {
        let y = parse_all("a: !!str true\nb: !!int \"12\"\nc: .inf\nd: -.Inf\ne: 1e400\nf: .nan\ng: 0x1F\nh: 0o17\ni: 1.\nj: .5\nk: 1e3\nl: 1-2\nm: 99999999999999999999\nn: !custom 3\n");
        let json = y.to_json().unwrap_or_default();
        assert_eq!(json["a"], "true");
        assert_eq!(json["b"], 12);
        for key in ["c", "e", "f"] {
            assert_eq!(json[key].as_f64(), Some(f64::MAX), "{key}");
        }
        assert_eq!(json["d"].as_f64(), Some(f64::MIN));
        assert_eq!(json["g"], 31);
        assert_eq!(json["h"], 15);
        assert_eq!(json["i"].as_f64(), Some(1.0));
        assert_eq!(json["j"].as_f64(), Some(0.5));
        assert_eq!(json["k"].as_f64(), Some(1000.0));
        assert_eq!(json["l"], "1-2");
        assert!(json["m"].is_number());
        assert_eq!(json["n"], 3);
    }

    #[test]
    fn anchors_and_tags_are_not_part_of_the_node() {
        let src = "a: &x \"q\" # c\nb: !!str &y [1]\n";
        let y = parse_all(src);
        let root = y.root.as_ref().unwrap();
        assert_eq!(root.get("a").unwrap().range.slice(src), "\"q\"");
        assert_eq!(root.get("b").unwrap().range.slice(src), "[1]");
    }

    #[test]
    fn core_schema_scalars() {
        let y = parse_all("a: true\nb: \"true\"\nc: 1.0.0\nd: 1.5\ne: ~\nf: 12\n");
        let json = y.to_json().unwrap();
        assert_eq!(json, serde_json::json!({"a": true, "b": "true", "c": "1.0.0", "d": 1.5, "e": null, "f": 12}));
    }
}
