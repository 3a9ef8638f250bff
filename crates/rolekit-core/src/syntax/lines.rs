//! The frontmatter's *lines*, read by indentation: a tolerant line model of
//! YAML that works where no parser produces a tree.
//!
//! While the user types (`ton|`, `tone: |`, an unclosed `[` three lines up)
//! the parsed YAML tree is absent or partial, so editor features read each
//! line's indentation, list markers, key and inline value instead. The parent
//! mapping of a line is the nearest line above it with a smaller key column
//! that is a `key:` without an inline value, and a `- ` item may sit at the
//! same column as its key (both indentation styles of the list form of
//! `constraints`). Built once per document, on first use
//! ([`Document::yaml_lines`](crate::Document::yaml_lines)), in one linear
//! scan of the frontmatter.

use crate::syntax::markdown;
use crate::text::TextRange;

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

/// The indentation step the frontmatter uses (2 when it has no nesting).
pub(crate) fn indent_unit(lines: &[YLine]) -> usize {
    lines.iter().filter(|l| l.is_content()).map(|l| l.node_col()).filter(|&c| c > 0 && c <= 8).min().unwrap_or(2)
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

/// The inline value of the root-level `key:` line, by line scan (works on broken YAML).
pub(crate) fn root_value(text: &str, lines: &[YLine], key: &str) -> Option<TextRange> {
    let (_, i) = root_keys(text, lines).into_iter().find(|(k, _)| *k == key)?;
    lines[i].value()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;

    fn kinds(src: &str) -> Vec<String> {
        let doc = Document::new(src.to_string());
        doc.yaml_lines()
            .iter()
            .map(|l| match l.kind {
                LineKind::Blank => "blank".to_string(),
                LineKind::Comment => "comment".to_string(),
                LineKind::Key { key, value, .. } => format!("key {}={:?}", key.slice(src), value.slice(src)),
                LineKind::Scalar { text } => format!("scalar {:?}", text.slice(src)),
                LineKind::DashOnly => "dash".to_string(),
            })
            .collect()
    }

    #[test]
    fn lines_of_half_typed_yaml() {
        let src = "---\r\nrole: 'qa' # note\r\n\r\n# c\r\nexpertise:\r\n  - [a, \r\n  -\r\nton\r\n---\r\n# Body\r\n";
        assert_eq!(
            kinds(src),
            ["key role=\"'qa'\"", "blank", "comment", "key expertise=\"\"", "scalar \"[a,\"", "dash", "scalar \"ton\"",]
        );
    }

    #[test]
    fn root_values_and_blocks() {
        let src = "---\nrole: \"qa\"\ncapabilities:\n  can_write_code: true\n\n  can_review: false\ntone: x\n---\n";
        let doc = Document::new(src.to_string());
        let lines = doc.yaml_lines();
        assert_eq!(root_value(src, lines, "role").map(|r| r.slice(src)), Some("\"qa\""));
        assert_eq!(root_value(src, lines, "missing"), None);
        let (_, cap) = root_keys(src, lines).into_iter().find(|(k, _)| *k == "capabilities").unwrap_or_default();
        let inner = block(lines, Some(cap));
        assert_eq!(last_content(lines, inner).map(|i| lines[i].key().map(|k| k.slice(src))), Some(Some("can_review")));
        assert_eq!(indent_unit(lines), 2);
        assert!(Document::new("# no frontmatter\n".into()).yaml_lines().is_empty());
    }
}
