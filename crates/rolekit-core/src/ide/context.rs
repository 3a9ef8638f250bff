//! Where the cursor is: the region (fence, frontmatter, body), the key path,
//! the slot (key, value, list item) and the word under it.
//!
//! Read from the frontmatter's line model (`syntax::lines`, cached on
//! the `Document`), not the parsed tree alone, because the tree is absent or
//! partial while the user types (`ton|`, `tone: |`, an unclosed `[` three
//! lines up). One position costs a binary search for its line and a walk up
//! to its parents.

use crate::document::Document;
use crate::schema;
use crate::syntax::lines::{block, comment_start, line_at, path_of, LineKind, YLine};
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
    frontmatter_context(text, doc.yaml_lines(), offset)
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
