//! Where the cursor is, read from the frontmatter's *lines* by indentation.
//!
//! The parsed YAML tree is absent or partial while the user types (`ton|`,
//! `tone: |`, an unclosed `[` three lines up), so completion and hover work
//! from a line model instead: each line's indentation, list markers, key and
//! inline value. The parent mapping of a line is the nearest line above it
//! with a smaller key column that is a `key:` without an inline value, and a
//! `- ` item may sit at the same column as its key (both indentation styles
//! of the list form of `constraints`). The scan is linear in the frontmatter
//! and allocates only the line table.

use crate::document::Document;
use crate::schema;
use crate::syntax::markdown;
use crate::text::{TextRange, BOM};

/// Which part of the file the cursor is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// The document is empty or only whitespace.
    Empty,
    /// On a `---` fence line.
    Fence,
    /// Inside the YAML between the fences.
    Frontmatter,
    /// In the Markdown body (or anywhere in a file without frontmatter).
    Body,
}

/// What the cursor is on, inside the frontmatter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Nothing to offer: outside the frontmatter, in a comment, inside a
    /// multi-line scalar, in leading whitespace before text.
    None,
    /// A key of the mapping at [`CursorContext::path`] (typed, hovered or to be typed).
    Key,
    /// The inline value of [`CursorContext::key`] (after `key:`).
    Value,
    /// An item of the list [`CursorContext::key`] (after `- `, or inside `[...]`).
    ListItem,
}

/// The cursor's context. See [`cursor_context`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CursorContext {
    /// The offset, clamped to the text and to a char boundary.
    pub offset: usize,
    pub region: Region,
    pub slot: Slot,
    /// The keys leading to the mapping that holds the key (list levels are
    /// crossed implicitly, as [`schema::at_path`] does): `["decision_making"]`
    /// for `autonomy_level`, `["constraints"]` for `requires_approval_for` in
    /// either form, `[]` at the root.
    pub path: Vec<String>,
    /// `Key`: the key on this line, if the line has one. `Value`: the key
    /// whose value this is. `ListItem`: the key of the list.
    pub key: Option<String>,
    pub key_range: Option<TextRange>,
    /// The word under the cursor: what a completion replaces, what hover names.
    /// Empty at the cursor when nothing is typed yet.
    pub word: TextRange,
    /// `Value`/`ListItem`: the whole inline value or item text.
    pub value: Option<TextRange>,
    /// `Key`: the keys already present in the mapping (this line excluded).
    pub present_keys: Vec<String>,
    /// `ListItem`: the other items already in the list.
    pub list_items: Vec<String>,
    /// The cursor's line, without its line break.
    pub line: TextRange,
    /// `Key`: the column keys start at on this line (for indenting snippets).
    pub column: usize,
    /// `Key`: the line already has a `:` after the word (complete the name only).
    pub colon_follows: bool,
    /// The indentation step the frontmatter uses (2 when it has no nesting).
    pub indent_unit: usize,
    /// `Key`: spaces to insert before a key so that it lands at `column`
    /// (the cursor sits left of it, on a blank line under an empty mapping).
    pub pad: usize,
}

impl CursorContext {
    fn new(offset: usize, region: Region) -> Self {
        Self {
            offset,
            region,
            slot: Slot::None,
            path: Vec::new(),
            key: None,
            key_range: None,
            word: TextRange::empty(offset),
            value: None,
            present_keys: Vec::new(),
            list_items: Vec::new(),
            line: TextRange::empty(offset),
            column: 0,
            colon_follows: false,
            indent_unit: 2,
            pad: 0,
        }
    }

    /// The key path of the key or list this context is about (`path` + `key`).
    pub fn key_path(&self) -> Vec<&str> {
        self.path.iter().map(String::as_str).chain(self.key.as_deref()).collect()
    }
}

/// `offset` clamped to the text and moved back to a char boundary.
pub fn clamp(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The cursor context at byte `offset` (any value: it is clamped).
pub fn cursor_context(doc: &Document, offset: usize) -> CursorContext {
    let text = doc.text();
    let offset = clamp(text, offset);
    if is_blank_document(text) {
        let mut ctx = CursorContext::new(offset, Region::Empty);
        ctx.word = TextRange::new(0, text.len());
        return ctx;
    }
    let Some(split) = doc.frontmatter() else {
        return body_context(doc, offset);
    };
    let yaml = split.yaml;
    if offset < yaml.start() {
        return CursorContext::new(offset, Region::Fence);
    }
    let in_yaml = offset < yaml.end() || (split.close.is_none() && offset <= yaml.end());
    if !in_yaml {
        if offset < split.body_start {
            return CursorContext::new(offset, Region::Fence);
        }
        return body_context(doc, offset);
    }
    let lines = yaml_lines(text, yaml);
    frontmatter_context(text, &lines, offset)
}

pub(crate) fn is_blank_document(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == BOM)
}

fn body_context(doc: &Document, offset: usize) -> CursorContext {
    let text = doc.text();
    let mut ctx = CursorContext::new(offset, Region::Body);
    let index = doc.line_index();
    let line = index.line_of(offset);
    let start = index.line_start(line).min(offset);
    let end = index.line_end(text, line).max(offset);
    ctx.line = TextRange::new(start, end);
    ctx.word = word_around(text, ctx.line, offset);
    ctx
}

/// The run of word characters around `offset` within `line`.
fn word_around(text: &str, line: TextRange, offset: usize) -> TextRange {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/');
    let before = text.get(line.start()..offset).unwrap_or("");
    let after = text.get(offset..line.end()).unwrap_or("");
    let start = offset - before.chars().rev().take_while(|&c| is_word(c)).map(char::len_utf8).sum::<usize>();
    let end = offset + after.chars().take_while(|&c| is_word(c)).map(char::len_utf8).sum::<usize>();
    TextRange::new(start, end)
}

// ---------------------------------------------------------------------------
// The line model

/// What a frontmatter line holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    Blank,
    Comment,
    /// `key:` with its inline value (empty when the value is a block below or absent).
    Key {
        key: TextRange,
        colon: usize,
        value: TextRange,
    },
    /// Anything else: a list item's scalar, a flow continuation, a scalar's continuation.
    Scalar {
        text: TextRange,
    },
    /// A `-` marker with nothing after it.
    DashOnly,
}

/// One frontmatter line. Columns are bytes from the line start (indentation is ASCII).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct YLine {
    pub start: usize,
    /// End of the line's text, before its line break.
    pub end: usize,
    /// Start of the next line.
    pub next: usize,
    /// Column of the first `- ` marker, if the line starts with one.
    pub dash: Option<usize>,
    /// Column where the content starts (after indentation and markers).
    pub col: usize,
    pub kind: LineKind,
}

impl YLine {
    pub fn is_content(&self) -> bool {
        !matches!(self.kind, LineKind::Blank | LineKind::Comment)
    }

    /// The column of the line's node: its first marker, else its content.
    pub fn node_col(&self) -> usize {
        self.dash.unwrap_or(self.col)
    }

    pub fn key(&self) -> Option<TextRange> {
        match self.kind {
            LineKind::Key { key, .. } => Some(key),
            _ => None,
        }
    }

    /// A `key:` whose value is not on this line (a block mapping or list follows, or nothing).
    pub fn opens_block(&self) -> bool {
        matches!(self.kind, LineKind::Key { value, .. } if value.is_empty())
    }

    /// The line's scalar text or inline value.
    pub fn value(&self) -> Option<TextRange> {
        match self.kind {
            LineKind::Key { value, .. } => Some(value),
            LineKind::Scalar { text } => Some(text),
            _ => None,
        }
    }
}

/// The lines of the frontmatter `yaml` range.
pub(crate) fn yaml_lines(text: &str, yaml: TextRange) -> Vec<YLine> {
    let mut out = Vec::with_capacity(yaml.len() / 24 + 1);
    for l in markdown::lines(text, yaml.start()) {
        if l.start >= yaml.end() {
            break;
        }
        out.push(parse_line(text, l.start, l.end.min(yaml.end()), l.next));
    }
    out
}

fn parse_line(text: &str, start: usize, end: usize, next: usize) -> YLine {
    let s = text.get(start..end).unwrap_or("");
    let b = s.as_bytes();
    let mut i = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    let mut dash = None;
    while i < b.len() && b[i] == b'-' && (i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\t') {
        dash.get_or_insert(i);
        i += 1;
        i += b[i..].iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    }
    let mut line = YLine { start, end, next, dash, col: i, kind: LineKind::Blank };
    if i >= b.len() {
        line.kind = if dash.is_some() { LineKind::DashOnly } else { LineKind::Blank };
        return line;
    }
    if b[i] == b'#' {
        line.kind = if dash.is_some() { LineKind::DashOnly } else { LineKind::Comment };
        return line;
    }
    line.kind = match find_colon(b, i) {
        Some(colon) => {
            let key_end = trim_end(b, i, colon);
            let (key_start, key_end) = unquote(b, i, key_end);
            let value = value_range(b, colon + 1);
            LineKind::Key {
                key: TextRange::new(start + key_start, start + key_end),
                colon: start + colon,
                value: TextRange::new(start + value.0, start + value.1),
            }
        }
        None => {
            let (vs, ve) = value_range(b, i);
            LineKind::Scalar { text: TextRange::new(start + vs, start + ve) }
        }
    };
    line
}

/// The `:` that ends a key starting at `from` (followed by a space or the line's end).
fn find_colon(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    match b[from] {
        q @ (b'"' | b'\'') => {
            i = skip_quoted(b, from, q);
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            return (i < b.len() && b[i] == b':' && (i + 1 == b.len() || matches!(b[i + 1], b' ' | b'\t')))
                .then_some(i);
        }
        b'[' | b'{' | b'|' | b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' => return None,
        _ => {}
    }
    while i < b.len() {
        match b[i] {
            b':' if i + 1 == b.len() || matches!(b[i + 1], b' ' | b'\t') => return Some(i),
            b'#' if i > from && matches!(b[i - 1], b' ' | b'\t') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index after the closing quote of a quoted scalar opening at `from` (or the end).
fn skip_quoted(b: &[u8], from: usize, q: u8) -> usize {
    let mut i = from + 1;
    while i < b.len() {
        if b[i] == b'\\' && q == b'"' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

fn trim_end(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(b[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    end
}

/// A key's text without its quotes.
fn unquote(b: &[u8], start: usize, end: usize) -> (usize, usize) {
    if end >= start + 2 && matches!(b[start], b'"' | b'\'') && b[end - 1] == b[start] {
        (start + 1, end - 1)
    } else {
        (start, end)
    }
}

/// A value from `from`: leading spaces skipped, up to a comment or the end, trimmed.
fn value_range(b: &[u8], from: usize) -> (usize, usize) {
    let mut i = from.min(b.len());
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    let start = i;
    if i < b.len() && matches!(b[i], b'"' | b'\'') {
        i = skip_quoted(b, i, b[i]);
    }
    let mut end = b.len();
    while i < b.len() {
        if b[i] == b'#' && i > start && matches!(b[i - 1], b' ' | b'\t') {
            end = i;
            break;
        }
        i += 1;
    }
    if i == start && start < b.len() && b[start] == b'#' {
        end = start;
    }
    (start, trim_end(b, start, end).max(start))
}

/// The line holding `offset` (the last line starting at or before it).
pub(crate) fn line_at(lines: &[YLine], offset: usize) -> Option<usize> {
    let i = lines.partition_point(|l| l.start <= offset);
    i.checked_sub(1)
}

/// The parent of a node at column `col` on line `li`: the nearest line above
/// with a smaller key column holding `key:` without an inline value. A list
/// item (`is_dash`) may sit at its key's column. `Err` when the line is the
/// continuation of a scalar (a plain multi-line value, a block scalar, a
/// broken flow collection): no key or item can start there.
pub(crate) fn parent_of(lines: &[YLine], li: usize, col: usize, is_dash: bool) -> Result<Option<usize>, ()> {
    for j in (0..li.min(lines.len())).rev() {
        let l = &lines[j];
        if !l.is_content() {
            continue;
        }
        let k = l.col;
        let candidate = k < col || (is_dash && k == col && l.key().is_some());
        if !candidate {
            continue;
        }
        return if l.opens_block() { Ok(Some(j)) } else { Err(()) };
    }
    Ok(None)
}

/// The key path of the mapping holding line `li`'s key (or list item), outermost first.
pub(crate) fn path_of(
    text: &str,
    lines: &[YLine],
    li: usize,
    col: usize,
    is_dash: bool,
) -> Result<(Vec<String>, Option<usize>), ()> {
    let parent = parent_of(lines, li, col, is_dash)?;
    let mut path = Vec::new();
    let mut here = parent;
    let mut guard = 0;
    while let Some(j) = here {
        let l = &lines[j];
        if let Some(k) = l.key() {
            path.push(k.slice(text).to_string());
        }
        guard += 1;
        if guard > 64 {
            break;
        }
        here = parent_of(lines, j, l.node_col(), l.dash.is_some()).unwrap_or(None);
    }
    path.reverse();
    Ok((path, parent))
}

/// The lines of the block opened by line `parent` (or the whole frontmatter for `None`):
/// the following lines until one whose content starts at or left of the parent's key.
pub(crate) fn block(lines: &[YLine], parent: Option<usize>) -> std::ops::Range<usize> {
    let Some(p) = parent else {
        return 0..lines.len();
    };
    let key_col = lines[p].col;
    let end = lines[p + 1..].iter().position(|l| l.is_content() && l.col <= key_col).map_or(lines.len(), |i| p + 1 + i);
    p + 1..end
}

/// The last content line of a block (for folding and ranges), or `None` if the block is empty.
pub(crate) fn last_content(lines: &[YLine], range: std::ops::Range<usize>) -> Option<usize> {
    range.rev().find(|&i| lines[i].is_content())
}

fn frontmatter_context(text: &str, lines: &[YLine], offset: usize) -> CursorContext {
    let mut ctx = CursorContext::new(offset, Region::Frontmatter);
    let Some(li) = line_at(lines, offset) else {
        return ctx;
    };
    let line = lines[li];
    let offset = offset.min(line.end);
    ctx.offset = offset;
    ctx.line = TextRange::new(line.start, line.end);
    let col = offset - line.start;
    let line_text = text.get(line.start..line.end).unwrap_or("");
    // A comment before the cursor: nothing to offer.
    if let Some(hash) = comment_start(line_text) {
        if col > hash {
            return ctx;
        }
    }
    let blank_or_dash = matches!(line.kind, LineKind::Blank | LineKind::DashOnly);
    if blank_or_dash {
        // Only the cursor's column matters: where the user is about to type.
        let is_dash = line.dash.is_some_and(|d| d < col);
        if !is_dash && col < line.col && line.kind == LineKind::DashOnly {
            return ctx; // in the indentation before a `-`
        }
        // Right after a `-`, completion adds the space: keys land one column further.
        let key_col = match is_dash {
            true if line_text.as_bytes().get(col.wrapping_sub(1)) == Some(&b'-') => col + 1,
            true => line.col.min(col),
            false => col,
        };
        if !is_dash && line.kind == LineKind::Blank {
            if let Some(r) = under_empty_block(text, lines, li, col, &mut ctx) {
                return r;
            }
        }
        return key_or_item(text, lines, li, &mut ctx, is_dash, key_col, None);
    }
    if col < line.col {
        return ctx; // in the indentation before text: typing here would split the line
    }
    match line.kind {
        LineKind::Key { key, colon, value } if offset > colon => {
            let Ok((path, _)) = path_of(text, lines, li, line.col, line.dash.is_some()) else {
                return ctx;
            };
            ctx.path = path;
            ctx.key = Some(key.slice(text).to_string());
            ctx.key_range = Some(key);
            if value.slice(text).starts_with('[') {
                return flow_item(text, &mut ctx, value);
            }
            if value.slice(text).starts_with(['{', '"', '\'', '|', '>']) {
                return ctx;
            }
            ctx.slot = Slot::Value;
            ctx.value = Some(value);
            ctx.word = if value.touches(offset) && !value.is_empty() {
                TextRange::new(value.start(), value.end().max(offset))
            } else {
                TextRange::empty(offset)
            };
            ctx
        }
        LineKind::Key { key, .. } => {
            let is_dash = line.dash.is_some();
            let word = TextRange::new(line.start + line.col, key.end().max(offset).min(line.end));
            ctx.colon_follows = true;
            ctx.key_range = Some(key);
            key_or_item(text, lines, li, &mut ctx, is_dash, line.col, Some(word))
        }
        LineKind::Scalar { text: value } => {
            let is_dash = line.dash.is_some();
            let token_end =
                line.start + line.col + line_text[line.col..].find([' ', '\t']).unwrap_or(line_text.len() - line.col);
            let word = TextRange::new(line.start + line.col, token_end);
            if offset > word.end() {
                // After a space in a scalar: only a list item's value can continue here.
                if is_dash {
                    let mut item_ctx = ctx.clone();
                    let r = key_or_item(text, lines, li, &mut item_ctx, true, line.col, Some(value));
                    if r.slot == Slot::ListItem {
                        return r;
                    }
                }
                return ctx;
            }
            key_or_item(text, lines, li, &mut ctx, is_dash, line.col, Some(word))
        }
        _ => ctx,
    }
}

/// The start of a `#` comment on a frontmatter line, outside quotes.
pub(crate) fn comment_start(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t') => return Some(i),
            q @ (b'"' | b'\'') if i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'[' | b',' | b'{') => {
                i = skip_quoted(b, i, q)
            }
            _ => i += 1,
        }
    }
    None
}

/// A blank line right under a `key:` that opens a still empty mapping, with
/// the cursor at or left of that key (where editors leave it after Enter):
/// the mapping's keys, to be inserted with `pad` spaces of indentation.
fn under_empty_block(
    text: &str,
    lines: &[YLine],
    li: usize,
    col: usize,
    ctx: &mut CursorContext,
) -> Option<CursorContext> {
    let p = (0..li).rev().find(|&j| lines[j].is_content())?;
    let parent = &lines[p];
    if !parent.opens_block() || col > parent.col || block(lines, Some(p)).any(|j| lines[j].is_content()) {
        return None;
    }
    let (mut path, _) = path_of(text, lines, p, parent.node_col(), parent.dash.is_some()).ok()?;
    path.push(parent.key()?.slice(text).to_string());
    let here = schema::at_path(path.iter().map(String::as_str))?;
    if schema::properties(here).is_empty() {
        return None;
    }
    ctx.slot = Slot::Key;
    ctx.path = path;
    ctx.column = parent.col + ctx.indent_unit;
    ctx.pad = ctx.column - col;
    ctx.word = TextRange::empty(ctx.offset);
    Some(ctx.clone())
}

/// A key position or a list item position at `key_col` on line `li`
/// (`is_dash`: after a `- ` marker), decided by the schema of the parent.
fn key_or_item(
    text: &str,
    lines: &[YLine],
    li: usize,
    ctx: &mut CursorContext,
    is_dash: bool,
    key_col: usize,
    word: Option<TextRange>,
) -> CursorContext {
    let line = lines[li];
    let node_col = if is_dash { line.dash.unwrap_or(key_col) } else { key_col };
    let Ok((path, parent)) = path_of(text, lines, li, node_col, is_dash) else {
        return ctx.clone();
    };
    ctx.word = word.unwrap_or(TextRange::empty(ctx.offset));
    if let Some(k) = line.key() {
        ctx.key = Some(k.slice(text).to_string());
    }
    let items_are_mappings = is_dash && {
        let list = schema::at_path(path.iter().map(String::as_str));
        list.and_then(schema::items).is_some_and(|i| !schema::properties(i).is_empty())
    };
    if is_dash && !items_are_mappings {
        // An item of a list of scalars: `path` ends with the list's key.
        let mut path = path;
        ctx.key = path.pop();
        ctx.path = path;
        ctx.key_range = parent.and_then(|p| lines[p].key());
        ctx.slot = Slot::ListItem;
        ctx.value = line.value().or(Some(ctx.word));
        let dash = line.dash;
        let range = block(lines, parent);
        let start = range.start;
        for (i, l) in lines[range].iter().enumerate() {
            if start + i == li || l.dash != dash {
                continue;
            }
            if let Some(v) = l.value().filter(|v| !v.is_empty()) {
                ctx.list_items.push(v.slice(text).to_string());
            }
        }
        return ctx.clone();
    }
    ctx.path = path;
    ctx.slot = Slot::Key;
    ctx.column = key_col;
    let range = block(lines, parent);
    let start = range.start;
    for (i, l) in lines[range].iter().enumerate() {
        if start + i == li || l.col != key_col {
            continue;
        }
        if let Some(k) = l.key() {
            ctx.present_keys.push(k.slice(text).to_string());
        }
    }
    ctx.clone()
}

/// An item inside a flow list `[a, b|, c]` on one line.
fn flow_item(text: &str, ctx: &mut CursorContext, value: TextRange) -> CursorContext {
    let v = value.slice(text);
    let open = value.start() + 1;
    let close = v.rfind(']').map_or(value.end(), |i| value.start() + i);
    if ctx.offset < open || ctx.offset > close {
        return ctx.clone();
    }
    let inner = text.get(open..close).unwrap_or("");
    let mut seg_start = open;
    let mut segments = Vec::new();
    for (i, ch) in inner.char_indices() {
        if ch == ',' {
            segments.push(TextRange::new(seg_start, open + i));
            seg_start = open + i + 1;
        }
    }
    segments.push(TextRange::new(seg_start, close));
    let trim = |r: TextRange| {
        let s = r.slice(text);
        let lead = s.len() - s.trim_start().len();
        let t = s.trim();
        TextRange::new(r.start() + lead, r.start() + lead + t.len())
    };
    ctx.slot = Slot::ListItem;
    for seg in segments {
        let t = trim(seg);
        if seg.touches(ctx.offset) && ctx.slot == Slot::ListItem && ctx.value.is_none() {
            ctx.word = if t.touches(ctx.offset) && !t.is_empty() { t } else { TextRange::empty(ctx.offset) };
            ctx.value = Some(ctx.word);
        } else if !t.is_empty() {
            ctx.list_items.push(t.slice(text).to_string());
        }
    }
    ctx.clone()
}

/// The indentation step the frontmatter uses (2 when it has no nesting).
pub(crate) fn indent_unit(lines: &[YLine]) -> usize {
    lines.iter().filter(|l| l.is_content()).map(|l| l.node_col()).filter(|&c| c > 0 && c <= 8).min().unwrap_or(2)
}

/// The line break the document uses (`\r\n` if its first line ends with one).
pub(crate) fn eol(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The root-level `key:` lines of the frontmatter, by line scan (works on broken YAML).
pub(crate) fn root_keys<'t>(text: &'t str, lines: &[YLine]) -> Vec<(&'t str, usize)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.col == 0 && l.dash.is_none())
        .filter_map(|(i, l)| l.key().map(|k| (k.slice(text), i)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last `|` marks the cursor.
    fn at(src: &str) -> CursorContext {
        let offset = src.rfind('|').expect("cursor");
        let text = format!("{}{}", &src[..offset], &src[offset + 1..]);
        cursor_context(&Document::new(text), offset)
    }

    fn summary(c: &CursorContext) -> String {
        format!(
            "{:?} {:?} path={:?} key={:?} present={:?} items={:?}",
            c.region, c.slot, c.path, c.key, c.present_keys, c.list_items
        )
    }

    #[test]
    fn partial_key_at_root() {
        let c = at("---\nrole: x\nton|\n---\n");
        assert_eq!(summary(&c), r#"Frontmatter Key path=[] key=None present=["role"] items=[]"#);
        assert_eq!(c.word, TextRange::new(12, 15));
    }

    #[test]
    fn value_positions() {
        let c = at("---\ntone: |\n---\n");
        assert_eq!(summary(&c), r#"Frontmatter Value path=[] key=Some("tone") present=[] items=[]"#);
        assert!(c.word.is_empty());
        let c = at("---\ntone: con|\n---\n");
        assert_eq!(c.word.slice("---\ntone: con\n---\n"), "con");
        let c = at("---\ndecision_making:\n  autonomy_level: |\n---\n");
        assert_eq!(
            summary(&c),
            r#"Frontmatter Value path=["decision_making"] key=Some("autonomy_level") present=[] items=[]"#
        );
    }

    #[test]
    fn blank_line_under_a_mapping() {
        let c = at("---\ncapabilities:\n  can_write_code: true\n  |\ntone: x\n---\n");
        assert_eq!(
            summary(&c),
            r#"Frontmatter Key path=["capabilities"] key=None present=["can_write_code"] items=[]"#
        );
        let c = at("---\ncapabilities:\n  can_write_code: true\n|\n---\n");
        assert_eq!(summary(&c), r#"Frontmatter Key path=[] key=None present=["capabilities"] items=[]"#);
    }

    #[test]
    fn blank_line_left_of_an_empty_mapping() {
        let c = at("---\nrole: x\ncapabilities:\n|\n---\n");
        assert_eq!(summary(&c), r#"Frontmatter Key path=["capabilities"] key=None present=[] items=[]"#);
        assert_eq!((c.column, c.pad), (2, 2));
        // With children already there, column 0 is the root again.
        let c = at("---\ncapabilities:\n  can_run_tests: true\n|\n---\n");
        assert_eq!(c.path, Vec::<String>::new());
        // A scalar key above: the root.
        let c = at("---\ndescription:\n|\n---\n");
        assert_eq!(c.path, Vec::<String>::new());
    }

    #[test]
    fn approval_items_in_every_form() {
        for src in [
            "---\nconstraints:\n  requires_approval_for:\n    - commit\n    - |\n---\n",
            "---\nconstraints:\n  - requires_approval_for:\n    - commit\n    - |\n  - forbidden_paths:\n    - x/\n---\n",
            "---\nconstraints:\n  - requires_approval_for:\n      - commit\n      - |\n---\n",
            "---\nconstraints:\n  requires_approval_for:\n  - commit\n  - |\n---\n",
            "---\nconstraints:\n  requires_approval_for: [commit, |]\n---\n",
        ] {
            let c = at(src);
            assert_eq!(summary(&c), r#"Frontmatter ListItem path=["constraints"] key=Some("requires_approval_for") present=[] items=["commit"]"#, "{src}");
        }
    }

    #[test]
    fn list_form_constraint_keys() {
        let c = at("---\nconstraints:\n  - requires_approval_for:\n    - commit\n  - |\n---\n");
        assert_eq!(
            summary(&c),
            r#"Frontmatter Key path=["constraints"] key=None present=["requires_approval_for"] items=[]"#
        );
    }

    #[test]
    fn broken_yaml_elsewhere() {
        let c = at("---\nexpertise: [a, b\nrole: x\nton|\n---\n");
        assert_eq!(summary(&c), r#"Frontmatter Key path=[] key=None present=["expertise", "role"] items=[]"#);
        let c = at("---\nexpertise: [a,\n  b|\n---\n");
        assert_eq!(c.slot, Slot::None);
    }

    #[test]
    fn crlf_bom_and_multibyte() {
        let c = at("\u{feff}---\r\ndescription: é漢🎯\r\ntone: |\r\n---\r\n");
        assert_eq!(summary(&c), r#"Frontmatter Value path=[] key=Some("tone") present=[] items=[]"#);
        let c = at("\u{feff}---\r\ndescription: é漢🎯\r\nto|\r\n---\r\n");
        assert_eq!(summary(&c), r#"Frontmatter Key path=[] key=None present=["description"] items=[]"#);
    }

    #[test]
    fn regions() {
        assert_eq!(at("|").region, Region::Empty);
        assert_eq!(at("  \n|").region, Region::Empty);
        assert_eq!(at("--|-\nrole: x\n---\n").region, Region::Fence);
        assert_eq!(at("---\nrole: x\n---|\n").region, Region::Fence);
        assert_eq!(at("---\nrole: x\n---\n## |").region, Region::Body);
        assert_eq!(at("# T\n|").region, Region::Body);
        assert_eq!(at("---\nrole: x\n# comment |\n---\n").slot, Slot::None);
        assert_eq!(at("---\ndescription: |\n  text |\n---\n").slot, Slot::None);
    }

    #[test]
    fn clamps_offsets() {
        let doc = Document::new("---\nrole: é\n---\n".into());
        for offset in [0, 11, 12, 13, 999] {
            let _ = cursor_context(&doc, offset);
        }
        assert_eq!(clamp("é", 1), 0);
    }
}
