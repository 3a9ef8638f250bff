//! Writes a decorated frontmatter ([`super::attach`]) in the one style:
//! two-space indentation, block collections (lists indented under their key
//! unless `list-indent = "flush"`), `key: value` with one space, quotes only
//! where YAML needs them, one blank line at most between children (none
//! before the first), comments where they were. Scalars keep their text;
//! block scalars and multi-line scalars keep their lines, re-indented.

use serde_json::Value;

use super::attach::{Comment, Decorated, Entry, Item, Shape, Tree};
use super::options::{FormatOptions, KeyOrder, ListIndent};
use super::scalar;
use crate::schema::SchemaDoc;
use crate::syntax::yaml::{NodeValue, Style};
use crate::text::TextRange;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Parent {
    Mapping,
    Sequence,
}

pub struct Printer<'s, 'v> {
    src: &'s str,
    options: FormatOptions,
    nl: &'static str,
    /// The schema whose key order is followed (`$ref`s resolve within it).
    sdoc: SchemaDoc<'v>,
    out: String,
}

/// The frontmatter's lines (each ending with `nl`). `schema` orders keys
/// when `key-order = "schema"`.
pub fn print(src: &str, tree: &Tree<'_>, options: FormatOptions, schema: Option<&Value>, nl: &'static str) -> String {
    let sdoc = SchemaDoc::new(schema.unwrap_or(&Value::Null));
    let mut p = Printer { src, options, nl, sdoc, out: String::with_capacity(src.len() / 2) };
    match &tree.root {
        Some(root) => {
            let schema = schema.filter(|_| options.key_order == KeyOrder::Schema);
            if let Shape::Mapping { entries, end, .. } = &root.shape {
                p.mapping(entries, end, 0, false, schema);
            }
        }
        None => p.comments(&tree.comments, 0, true),
    }
    p.out
}

impl<'s, 'v> Printer<'s, 'v> {
    fn slice(&self, r: TextRange) -> &'s str {
        r.slice(self.src)
    }

    fn indent(&mut self, n: usize) {
        for _ in 0..n {
            self.out.push(' ');
        }
    }

    fn end_line(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        self.out.push_str(self.nl);
    }

    fn blank_line(&mut self) {
        self.out.push_str(self.nl);
    }

    fn comment(&mut self, r: TextRange) {
        let text = r.slice(self.src).trim_end();
        self.out.push_str(text);
    }

    /// Own-line comments at `indent`; the first one's blank line is dropped when `first`.
    fn comments(&mut self, comments: &[Comment], indent: usize, first: bool) {
        for (i, c) in comments.iter().enumerate() {
            if c.blank_before && !(first && i == 0) {
                self.blank_line();
            }
            self.indent(indent);
            self.comment(c.range);
            self.end_line();
        }
    }

    fn mapping(
        &mut self,
        entries: &[Entry<'_>],
        end: &[Comment],
        indent: usize,
        compact: bool,
        schema: Option<&'v Value>,
    ) {
        let order = order(entries, schema, &self.sdoc);
        let reordered = order.iter().enumerate().any(|(i, &j)| i != j);
        // With keys reordered, the comments above the first key stay on top.
        let mut header = false;
        if reordered {
            if let Some(first) = entries.first() {
                self.comments(&first.leading, indent, true);
                header = !first.leading.is_empty();
            }
        }
        for (n, &i) in order.iter().enumerate() {
            let e = &entries[i];
            let first = n == 0;
            let leading: &[Comment] = if reordered && i == 0 { &[] } else { &e.leading };
            let at_top = first && !header;
            self.comments(leading, indent, at_top);
            if e.blank_before && (!leading.is_empty() || !at_top) {
                self.blank_line();
            }
            if !(compact && first) {
                self.indent(indent);
            }
            self.key(&e.key);
            self.out.push(':');
            let child = schema.and_then(|s| e.key.node.as_str().and_then(|k| self.sdoc.property(s, k)));
            self.value(&e.value, indent, Parent::Mapping, child);
        }
        self.comments(end, indent, false);
    }

    fn sequence(
        &mut self,
        items: &[Item<'_>],
        end: &[Comment],
        indent: usize,
        compact: bool,
        schema: Option<&'v Value>,
    ) {
        let child = schema.and_then(|s| self.sdoc.items(s));
        for (n, item) in items.iter().enumerate() {
            let first = n == 0;
            self.comments(&item.leading, indent, first);
            if item.blank_before && !(first && item.leading.is_empty()) {
                self.blank_line();
            }
            if !(compact && first) {
                self.indent(indent);
            }
            self.out.push('-');
            self.value(&item.value, indent, Parent::Sequence, child);
        }
        self.comments(end, indent, false);
    }

    fn props(&mut self, d: &Decorated<'_>) {
        for p in &d.props {
            self.out.push(' ');
            let text = self.slice(*p);
            self.out.push_str(text);
        }
    }

    fn key(&mut self, key: &Decorated<'_>) {
        for p in &key.props {
            let text = self.slice(*p);
            self.out.push_str(text);
            self.out.push(' ');
        }
        self.flow_text(key, 0);
    }

    /// The node after `key:` or `-` (already written), whose key or dash is at `indent`.
    fn value(&mut self, d: &Decorated<'_>, indent: usize, parent: Parent, schema: Option<&'v Value>) {
        let plain_header = d.props.is_empty() && d.intro.is_none();
        match &d.shape {
            Shape::Mapping { entries, end, .. } if !entries.is_empty() => {
                let first_leading = entries.first().is_some_and(|e| !e.leading.is_empty());
                if parent == Parent::Sequence && plain_header && !first_leading {
                    self.out.push(' ');
                    self.mapping(entries, end, indent + 2, true, schema);
                } else {
                    self.header(d);
                    self.mapping(entries, end, indent + 2, false, schema);
                }
            }
            Shape::Sequence { items, end, .. } if !items.is_empty() => {
                let first_leading = items.first().is_some_and(|i| !i.leading.is_empty());
                if parent == Parent::Sequence && plain_header && !first_leading {
                    self.out.push(' ');
                    self.sequence(items, end, indent + 2, true, schema);
                } else {
                    let child_indent = match (parent, self.options.list_indent) {
                        (Parent::Mapping, ListIndent::Flush) => indent,
                        _ => indent + 2,
                    };
                    self.header(d);
                    self.sequence(items, end, child_indent, false, schema);
                }
            }
            Shape::Block { header, comment, content, end } => {
                self.props(d);
                self.out.push(' ');
                let h = self.slice(*header);
                self.out.push_str(h);
                if let Some(c) = comment {
                    self.out.push(' ');
                    self.comment(*c);
                }
                self.end_line();
                self.block_lines(d, h, *content, *end, indent);
            }
            _ => {
                let empty =
                    matches!(&d.node.value, NodeValue::Scalar(s) if s.text.is_empty() && s.style == Style::Plain);
                if empty {
                    self.props(d);
                } else if d.intro.is_some() || !d.intro_leading.is_empty() {
                    if let Some(c) = d.intro {
                        self.out.push(' ');
                        self.comment(c);
                    }
                    self.end_line();
                    self.comments(&d.intro_leading, indent + 2, true);
                    self.indent(indent + 2);
                    self.inline_props(d);
                    self.flow_text(d, indent + 2);
                } else {
                    self.out.push(' ');
                    self.inline_props(d);
                    self.flow_text(d, indent + 2);
                }
                if let Some(c) = d.trailing {
                    self.out.push(' ');
                    self.comment(c);
                }
                self.end_line();
            }
        }
    }

    /// Properties and the intro comment on the indicator's line, then the line ends.
    fn header(&mut self, d: &Decorated<'_>) {
        self.props(d);
        if let Some(c) = d.intro {
            self.out.push(' ');
            self.comment(c);
        }
        self.end_line();
    }

    fn inline_props(&mut self, d: &Decorated<'_>) {
        for p in &d.props {
            let text = self.slice(*p);
            self.out.push_str(text);
            self.out.push(' ');
        }
    }

    /// A scalar, an alias or a verbatim flow collection; lines after the
    /// first go to `cont` (the value's indentation).
    fn flow_text(&mut self, d: &Decorated<'_>, cont: usize) {
        let range = d.node.range;
        let raw = self.slice(range);
        let multi_line = memchr::memchr2(b'\n', b'\r', raw.as_bytes()).is_some();
        match (&d.node.value, &d.shape) {
            (NodeValue::Scalar(s), Shape::Flow) if !multi_line => match scalar::rewrite(s, raw, self.options.quote) {
                Some(text) => self.out.push_str(&text),
                None => self.out.push_str(raw),
            },
            (NodeValue::Scalar(s), Shape::Flow) => {
                let double = s.style == Style::DoubleQuoted;
                for (i, line) in split_lines(raw).enumerate() {
                    if i == 0 {
                        self.out.push_str(trim_line_end(line, double));
                        continue;
                    }
                    self.out.push_str(self.nl);
                    let text = trim_line_end(line.trim_start_matches([' ', '\t']), double);
                    if !text.is_empty() {
                        self.indent(cont);
                        self.out.push_str(text);
                    }
                }
            }
            (NodeValue::Mapping(_) | NodeValue::Sequence(_), Shape::Mapping { entries, .. }) if entries.is_empty() => {
                self.out.push_str("{}");
            }
            (NodeValue::Mapping(_) | NodeValue::Sequence(_), Shape::Sequence { items, .. }) if items.is_empty() => {
                self.out.push_str("[]");
            }
            _ => {
                // An alias or a verbatim flow collection: its lines as written,
                // moved right when its parent moved right.
                let shift = cont.saturating_sub(2).saturating_sub(d.intro_col);
                for (i, line) in split_lines(raw).enumerate() {
                    if i > 0 {
                        self.out.push_str(self.nl);
                        if !line.is_empty() {
                            self.indent(shift);
                        }
                    }
                    self.out.push_str(line);
                }
            }
        }
    }

    /// The content lines of a block scalar whose key or dash is at `indent`.
    fn block_lines(&mut self, d: &Decorated<'_>, header: &str, content: usize, end: usize, indent: usize) {
        let text = self.src.get(content..end.max(content)).unwrap_or("");
        let lines: Vec<&str> = split_lines(text).collect();
        let Some(old) = lines.iter().find(|l| !l.trim_start_matches(' ').is_empty()).map(|l| leading_spaces(l)) else {
            // No content line: only empty lines (kept with `+`).
            for _ in lines.iter().filter(|_| header.contains('+')) {
                self.blank_line();
            }
            return;
        };
        let explicit = header.bytes().any(|b| b.is_ascii_digit());
        let new = if explicit { (old + indent).saturating_sub(d.intro_col) } else { indent + 2 };
        for line in lines {
            let spaces = leading_spaces(line);
            if spaces == line.len() && spaces <= old {
                self.blank_line();
                continue;
            }
            if spaces < old {
                // Not a content line of this scalar: as written (the proof decides).
                self.out.push_str(line);
            } else {
                self.indent(new);
                self.out.push_str(&line[old..]);
            }
            self.out.push_str(self.nl);
        }
    }
}

fn leading_spaces(line: &str) -> usize {
    line.bytes().take_while(|&b| b == b' ').count()
}

/// A line of a flow scalar without the white space that folding drops (kept
/// after a `\` in a double-quoted scalar, where it may be escaped).
fn trim_line_end(line: &str, double: bool) -> &str {
    let trimmed = line.trim_end_matches([' ', '\t']);
    if double && trimmed.len() < line.len() && trimmed.ends_with('\\') {
        line
    } else {
        trimmed
    }
}

/// Lines split at `\r\n`, `\n` or `\r`, without their breaks; a final break
/// does not start another line.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = start + memchr::memchr2(b'\n', b'\r', &bytes[start..]).unwrap_or(bytes.len() - start);
        pos = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
        Some(&text[start..end])
    })
}

/// The order to write `entries` in: as written, or by the position of each
/// key in `schema` (unknown keys after the known ones, in their order).
fn order<'v>(entries: &[Entry<'_>], schema: Option<&'v Value>, sdoc: &SchemaDoc<'v>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    let Some(schema) = schema else { return order };
    let known = sdoc.properties(schema);
    if known.is_empty() {
        return order;
    }
    let rank = |i: &usize| {
        let key = entries[*i].key.node.as_str().unwrap_or("");
        known.iter().position(|(k, _)| *k == key).unwrap_or(usize::MAX)
    };
    crate::sort::sort_by_key(&mut order, rank);
    order
}
