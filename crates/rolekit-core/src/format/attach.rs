//! Everything between the nodes of the YAML tree, attached to them: comments,
//! anchors and tags, block-scalar headers and blank lines.
//!
//! The spanned tree ([`crate::syntax::yaml`]) holds keys, values and their
//! ranges; the bytes between them are read here, once, left to right, by a
//! small lexer that knows every token that may appear there (indicators,
//! properties, comments, block-scalar headers). Anything else — a complex
//! key (`?`), a directive, a document marker, a comment where no printer
//! could keep it — ends the pass with [`Unsupported`], and the frontmatter is
//! left as it is. So every byte of the frontmatter is either inside a node
//! or accounted for here: the printer can only lose what this pass missed,
//! and the proof ([`super::verify`]) would catch that.
//!
//! Comments go where Prettier puts them: an own-line comment before a key or
//! an item leads it; one after the last child of a block, at least as deep
//! as the block, ends that block; a comment after `key:` or `-` stays on
//! that line; one after a value stays after it.

use crate::syntax::yaml::{Node, NodeValue, Style};
use crate::text::TextRange;

/// Why the frontmatter is left as it is: what, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    pub at: usize,
    pub what: &'static str,
}

/// An own-line comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    pub range: TextRange,
    /// A blank line separates it from what came before.
    pub blank_before: bool,
}

#[derive(Debug)]
pub enum Shape<'a> {
    /// A scalar on one or more lines (plain or quoted), or an alias.
    Flow,
    /// A literal or folded block scalar: its header (`|-`, `>+2`, ...), an
    /// optional comment after it, and where its content lines start.
    Block { header: TextRange, comment: Option<TextRange>, content: usize, end: usize },
    /// A block mapping, or a flow mapping without comments (written as a block).
    Mapping { entries: Vec<Entry<'a>>, end: Vec<Comment> },
    /// A block sequence, or a flow sequence without comments (written as a block).
    Sequence { items: Vec<Item<'a>>, end: Vec<Comment> },
    /// An empty flow collection (`[]`, `{}`), or one with comments inside:
    /// written as it is.
    Verbatim,
}

#[derive(Debug)]
pub struct Decorated<'a> {
    pub node: &'a Node,
    /// Anchors and tags, in source order.
    pub props: Vec<TextRange>,
    /// A comment on the line of the `key:` or `-` that introduces the node, before it.
    pub intro: Option<TextRange>,
    /// Own-line comments between the `key:`/`-` and a scalar on a later line.
    pub intro_leading: Vec<Comment>,
    pub shape: Shape<'a>,
    /// A comment after the node, on its last line.
    pub trailing: Option<TextRange>,
    /// The column of the key or `-` that introduces the node (block scalars
    /// with an indentation indicator keep their indentation relative to it).
    pub intro_col: usize,
}

#[derive(Debug)]
pub struct Entry<'a> {
    pub leading: Vec<Comment>,
    pub blank_before: bool,
    pub key: Decorated<'a>,
    pub value: Decorated<'a>,
}

#[derive(Debug)]
pub struct Item<'a> {
    pub leading: Vec<Comment>,
    pub blank_before: bool,
    pub value: Decorated<'a>,
}

/// The decorated root mapping and the comments of a frontmatter that has no
/// mapping (only comments).
pub struct Tree<'a> {
    pub root: Option<Decorated<'a>>,
    /// Own-line comments when there is no root.
    pub comments: Vec<Comment>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// `#` to the end of the line; `own_line` when nothing precedes it on its line.
    Comment { own_line: bool },
    /// `&anchor` or `!tag`.
    Prop,
    /// `|` or `>` with its indicators.
    BlockHeader,
    /// One of `- : ? , [ ] { }`.
    Indicator(u8),
}

/// Attaches everything between the nodes of `root` (a frontmatter's YAML,
/// `yaml` in `src`) to them.
pub fn attach<'a>(src: &'a str, yaml: TextRange, root: Option<&'a Node>) -> Result<Tree<'a>, Unsupported> {
    let mut a = Attach { src, pos: yaml.start(), end: yaml.end(), blank: false };
    let Some(root) = root else {
        let comments = a.end_comments(yaml.end(), 0);
        a.finish()?;
        return Ok(Tree { root: None, comments });
    };
    if !matches!(root.value, NodeValue::Mapping(_)) || root.range.start() < yaml.start() {
        return Err(Unsupported { at: root.range.start(), what: "a frontmatter that is not a mapping of keys" });
    }
    let entries = a.mapping_entries(root, yaml.end())?;
    let end = a.end_comments(yaml.end(), 0);
    a.finish()?;
    let shape = Shape::Mapping { entries, end };
    let root = Decorated {
        node: root,
        props: Vec::new(),
        intro: None,
        intro_leading: Vec::new(),
        shape,
        trailing: None,
        intro_col: 0,
    };
    Ok(Tree { root: Some(root), comments: Vec::new() })
}

struct Attach<'a> {
    src: &'a str,
    /// Everything before `pos` is attached.
    pos: usize,
    end: usize,
    /// A blank line was skipped since the last token.
    blank: bool,
}

impl<'a> Attach<'a> {
    /// Bytes from the start of `offset`'s line (after a BOM) to `offset`.
    fn col(&self, offset: usize) -> usize {
        let bytes = self.src.as_bytes();
        let start = memchr::memrchr2(b'\n', b'\r', &bytes[..offset]).map_or(0, |i| i + 1);
        let bom = if start == 0 && self.src.starts_with(crate::text::BOM) { crate::text::BOM.len_utf8() } else { 0 };
        offset - start - bom.min(offset - start)
    }

    /// Only spaces and tabs between the start of `offset`'s line and `offset`
    /// (scanning back over them only, so it costs nothing on long lines).
    fn only_space_before(&self, offset: usize) -> bool {
        let bytes = self.src.as_bytes();
        let mut i = offset.min(bytes.len());
        while i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            i -= 1;
        }
        i == 0 || matches!(bytes[i - 1], b'\n' | b'\r') || self.src[..i].ends_with(crate::text::BOM)
    }

    /// Where `offset`'s line ends (before its line break).
    fn line_end(&self, offset: usize) -> usize {
        let bytes = self.src.as_bytes();
        offset + memchr::memchr2(b'\n', b'\r', &bytes[offset..]).unwrap_or(bytes.len() - offset)
    }

    fn same_line(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        memchr::memchr2(b'\n', b'\r', &self.src.as_bytes()[a..b]).is_none()
    }

    /// Skips spaces and line breaks up to `limit`, noting blank lines.
    fn skip_space(&mut self, limit: usize) {
        let bytes = self.src.as_bytes();
        let limit = limit.min(self.end);
        // Is the line of `pos` empty so far? (Asked at the first line break only.)
        let first = self.pos;
        let mut empty_line = None;
        while self.pos < limit {
            match bytes[self.pos] {
                b' ' | b'\t' => self.pos += 1,
                b'\r' | b'\n' => {
                    if *empty_line.get_or_insert_with(|| self.only_space_before(first)) {
                        self.blank = true;
                    }
                    let crlf = bytes[self.pos] == b'\r' && bytes.get(self.pos + 1) == Some(&b'\n');
                    self.pos += if crlf { 2 } else { 1 };
                    empty_line = Some(true);
                }
                _ => break,
            }
        }
    }

    /// The token at `pos` (after [`skip_space`](Self::skip_space)), if it starts before `limit`.
    fn peek(&self, limit: usize) -> Option<(Tok, usize, usize)> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        if start >= limit.min(self.end) {
            return None;
        }
        let stop = |from: usize, flow_ends: bool| {
            let mut i = from;
            while i < self.end
                && !matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n')
                && !(flow_ends && matches!(bytes[i], b',' | b'[' | b']' | b'{' | b'}'))
            {
                i += 1;
            }
            i
        };
        let tok = match bytes[start] {
            b'#' => {
                let own_line = self.only_space_before(start);
                return Some((Tok::Comment { own_line }, start, self.line_end(start)));
            }
            b'&' | b'!' => return Some((Tok::Prop, start, stop(start + 1, true))),
            b'|' | b'>' => return Some((Tok::BlockHeader, start, stop(start + 1, false))),
            c @ (b'-' | b':' | b'?' | b',' | b'[' | b']' | b'{' | b'}') => Tok::Indicator(c),
            _ => return Some((Tok::Indicator(0), start, start + 1)),
        };
        Some((tok, start, start + 1))
    }

    fn unsupported<T>(&self, at: usize, what: &'static str) -> Result<T, Unsupported> {
        Err(Unsupported { at, what })
    }

    /// Own-line comments up to `limit` (and the blank lines around them),
    /// stopping at the first other token.
    fn leading(&mut self, limit: usize) -> (Vec<Comment>, bool) {
        let mut out = Vec::new();
        self.blank = false;
        self.skip_space(limit);
        let blank_first = self.blank;
        while let Some((Tok::Comment { own_line: true }, start, end)) = self.peek(limit) {
            let blank_before = self.blank;
            out.push(Comment { range: TextRange::new(start, end), blank_before });
            self.pos = end;
            self.blank = false;
            self.skip_space(limit);
        }
        let blank_after = self.blank;
        let blank_before_node = if out.is_empty() { blank_first } else { blank_after };
        (out, blank_before_node)
    }

    /// The comments that end a block whose children are at `col`: own-line
    /// comments at least that deep, before `limit`. Leaves `pos` after the
    /// last one taken (so blank lines after it still count for what follows).
    fn end_comments(&mut self, limit: usize, col: usize) -> Vec<Comment> {
        let mut out = Vec::new();
        loop {
            let saved = self.pos;
            self.blank = false;
            self.skip_space(limit);
            match self.peek(limit) {
                Some((Tok::Comment { own_line: true }, start, end)) if self.col(start) >= col => {
                    out.push(Comment { range: TextRange::new(start, end), blank_before: self.blank });
                    self.pos = end;
                }
                _ => {
                    self.pos = saved;
                    return out;
                }
            }
        }
    }

    /// Only spaces, line breaks and blank lines are left.
    fn finish(&mut self) -> Result<(), Unsupported> {
        self.skip_space(self.end);
        match self.peek(self.end) {
            None => Ok(()),
            Some((_, at, _)) => self.unsupported(at, "text after the last value"),
        }
    }

    fn mapping_entries(&mut self, node: &'a Node, limit: usize) -> Result<Vec<Entry<'a>>, Unsupported> {
        let entries = node.entries();
        let mut out = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let key_start = e.key.range.start();
            let (leading, blank_before) = self.leading(key_start);
            // Properties of the key, on its line.
            let mut key_props = Vec::new();
            while let Some((Tok::Prop, start, end)) = self.peek(key_start) {
                key_props.push(TextRange::new(start, end));
                self.pos = end;
                self.skip_space(key_start);
            }
            if let Some((_, at, _)) = self.peek(key_start) {
                return self.unsupported(at, "a complex key (`?`) or text before a key");
            }
            let key_scalar = match &e.key.value {
                NodeValue::Scalar(s) => s,
                _ => return self.unsupported(key_start, "a key that is not a plain or quoted scalar"),
            };
            if !key_scalar.style.is_quoted() && key_scalar.style != Style::Plain
                || !self.same_line(key_start, e.key.range.end())
            {
                return self.unsupported(key_start, "a key on several lines");
            }
            let intro_col = self.col(key_start);
            self.pos = e.key.range.end();
            let key = Decorated {
                node: &e.key,
                props: key_props,
                intro: None,
                intro_leading: Vec::new(),
                shape: Shape::Flow,
                trailing: None,
                intro_col,
            };
            // The `:` on the key's line.
            self.skip_space(self.line_end(self.pos));
            match self.peek(self.line_end(self.pos) + 1) {
                Some((Tok::Indicator(b':'), _, end)) => self.pos = end,
                _ => return self.unsupported(self.pos, "a key without `:` on its line"),
            }
            let next = entries.get(i + 1).map_or(limit, |n| n.key.range.start());
            let value = self.value(&e.value, next, intro_col)?;
            out.push(Entry { leading, blank_before, key, value });
        }
        Ok(out)
    }

    fn sequence_items(&mut self, node: &'a Node, limit: usize) -> Result<Vec<Item<'a>>, Unsupported> {
        let items = node.items();
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let next = items.get(i + 1).map_or(limit, |n| n.range.start());
            let (leading, blank_before) = self.leading(next);
            let dash = match self.peek(next) {
                Some((Tok::Indicator(b'-'), start, end)) => {
                    self.pos = end;
                    start
                }
                Some((_, at, _)) => return self.unsupported(at, "text before a list item"),
                None => return self.unsupported(self.pos, "a list item without `-`"),
            };
            let value = self.value(item, next, self.col(dash))?;
            out.push(Item { leading, blank_before, value });
        }
        Ok(out)
    }

    /// The node after a `key:` or `-` (ending at `pos`), whose parent's next
    /// child starts at `limit`; `intro_col` is the key's or dash's column.
    fn value(&mut self, node: &'a Node, limit: usize, intro_col: usize) -> Result<Decorated<'a>, Unsupported> {
        let mut d = Decorated {
            node,
            props: Vec::new(),
            intro: None,
            intro_leading: Vec::new(),
            shape: Shape::Flow,
            trailing: None,
            intro_col,
        };
        let start = node.range.start();
        let empty = matches!(&node.value, NodeValue::Scalar(s) if s.text.is_empty() && s.style == Style::Plain);
        let line_end = self.line_end(self.pos);
        let block = matches!(&node.value, NodeValue::Mapping(_) | NodeValue::Sequence(_)) && !self.is_flow(node);
        if empty {
            // `key:` or `-` with nothing (or only properties) after it on the line.
            self.props_and_comment(line_end, &mut d.props, &mut d.trailing)?;
            return Ok(d);
        }
        if block && !self.same_line(self.pos, start) {
            // Properties and a comment on the indicator's line; the children follow.
            self.props_and_comment(line_end, &mut d.props, &mut d.intro)?;
        } else if block {
            // A compact collection (`- key: value`, `- - item`): properties on
            // the line belong to its first child.
            self.skip_space(start);
        } else {
            self.scalar_prefix(node, &mut d)?;
        }
        d.shape = match &node.value {
            NodeValue::Mapping(_) if block => {
                let entries = self.mapping_entries(node, limit)?;
                let col = entries.first().map_or(0, |e| e.key.intro_col);
                Shape::Mapping { end: self.end_comments(limit, col), entries }
            }
            NodeValue::Sequence(_) if block => {
                let col = self.col(start);
                let items = self.sequence_items(node, limit)?;
                Shape::Sequence { end: self.end_comments(limit, col), items }
            }
            NodeValue::Mapping(_) | NodeValue::Sequence(_) => self.flow_collection(node)?,
            NodeValue::Scalar(s) if matches!(s.style, Style::Literal | Style::Folded) => {
                let shape = std::mem::replace(&mut d.shape, Shape::Flow);
                let Shape::Block { header, comment, content, .. } = shape else {
                    return self.unsupported(start, "a block scalar without its header");
                };
                let end = block_content_end(self.src, content, node.range.end(), header.slice(self.src));
                self.pos = end;
                Shape::Block { header, comment, content, end }
            }
            NodeValue::Scalar(_) | NodeValue::Alias(_) => {
                self.pos = node.range.end();
                Shape::Flow
            }
        };
        if matches!(d.shape, Shape::Flow | Shape::Verbatim) {
            let line_end = self.line_end(self.pos);
            let mut none = Vec::new();
            self.props_and_comment(line_end, &mut none, &mut d.trailing)?;
            if !none.is_empty() {
                return self.unsupported(none[0].start(), "an anchor or tag after a value");
            }
        }
        Ok(d)
    }

    /// Properties and at most one comment from `pos` to `line_end`.
    fn props_and_comment(
        &mut self,
        line_end: usize,
        props: &mut Vec<TextRange>,
        comment: &mut Option<TextRange>,
    ) -> Result<(), Unsupported> {
        loop {
            self.skip_space(line_end);
            match self.peek(line_end) {
                None => return Ok(()),
                Some((Tok::Prop, start, end)) if comment.is_none() => {
                    props.push(TextRange::new(start, end));
                    self.pos = end;
                }
                Some((Tok::Comment { .. }, start, end)) if comment.is_none() => {
                    *comment = Some(TextRange::new(start, end));
                    self.pos = end;
                }
                Some((_, at, _)) => return self.unsupported(at, "unexpected text after a value"),
            }
        }
    }

    /// What lies between the indicator and a scalar or alias: properties, a
    /// comment on the indicator's line, own-line comments, a block header.
    fn scalar_prefix(&mut self, node: &'a Node, d: &mut Decorated<'a>) -> Result<(), Unsupported> {
        let start = node.range.start();
        let line_end = self.line_end(self.pos);
        let is_block = matches!(&node.value, NodeValue::Scalar(s) if matches!(s.style, Style::Literal | Style::Folded));
        let mut header = None;
        loop {
            self.skip_space(start);
            let Some((tok, s, e)) = self.peek(start) else { break };
            match tok {
                Tok::Prop if header.is_none() => d.props.push(TextRange::new(s, e)),
                Tok::BlockHeader if is_block && header.is_none() => header = Some(TextRange::new(s, e)),
                Tok::Comment { .. } if is_block && header.is_some() => {
                    if d.intro.is_some() || !self.same_line(s, header.map_or(s, |h| h.start())) {
                        return self.unsupported(s, "a comment inside a block scalar's indentation");
                    }
                    d.intro = Some(TextRange::new(s, e));
                }
                Tok::Comment { own_line: false } if s < line_end && d.intro.is_none() && !is_block => {
                    d.intro = Some(TextRange::new(s, e));
                }
                Tok::Comment { own_line: true } if !is_block => {
                    d.intro_leading.push(Comment { range: TextRange::new(s, e), blank_before: false });
                }
                _ => return self.unsupported(s, "unexpected text before a value"),
            }
            self.pos = e;
        }
        if is_block {
            let Some(header) = header else {
                return self.unsupported(start, "a block scalar without its header");
            };
            let comment = d.intro.take();
            let header_end = self.line_end(header.start());
            let bytes = self.src.as_bytes();
            let content = match bytes.get(header_end) {
                Some(b'\r') if bytes.get(header_end + 1) == Some(&b'\n') => header_end + 2,
                Some(_) => header_end + 1,
                None => header_end,
            };
            d.shape = Shape::Block { header, comment, content, end: content };
        }
        Ok(())
    }

    fn is_flow(&self, node: &Node) -> bool {
        matches!(self.src.as_bytes().get(node.range.start()), Some(b'[' | b'{'))
    }

    /// A flow collection: written as a block when it holds only one-line
    /// scalars, aliases and flow collections like it, with no comment, no
    /// empty value and no line break inside a scalar; else as it is.
    fn flow_collection(&mut self, node: &'a Node) -> Result<Shape<'a>, Unsupported> {
        let range = node.range;
        let body = range.slice(self.src);
        let empty = body.len() >= 2 && body[1..body.len() - 1].trim().is_empty();
        let convertible = !empty && self.flow_is_simple(node, 0) && !self.flow_has_comment(range);
        if !convertible {
            self.pos = range.end();
            return Ok(Shape::Verbatim);
        }
        let mut f = Attach { src: self.src, pos: range.start() + 1, end: range.end(), blank: false };
        let shape = f.flow_children(node)?;
        self.pos = range.end();
        Ok(shape)
    }

    fn flow_has_comment(&self, range: TextRange) -> bool {
        // A `#` after a space or a line start, outside quoted scalars, is a comment.
        let bytes = self.src.as_bytes();
        let mut quote = None;
        let mut i = range.start();
        while i < range.end() {
            let b = bytes[i];
            match quote {
                Some(q) => {
                    if b == b'\\' && q == b'"' {
                        i += 1;
                    } else if b == q {
                        quote = None;
                    }
                }
                None => match b {
                    b'"' | b'\''
                        if i == 0
                            || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':') =>
                    {
                        quote = Some(b)
                    }
                    b'#' if matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => return true,
                    _ => {}
                },
            }
            i += 1;
        }
        false
    }

    fn flow_is_simple(&self, node: &Node, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        match &node.value {
            NodeValue::Scalar(s) => {
                !(s.text.is_empty() && s.style == Style::Plain)
                    && self.same_line(node.range.start(), node.range.end())
                    && !matches!(s.style, Style::Literal | Style::Folded)
            }
            NodeValue::Alias(_) => true,
            NodeValue::Sequence(items) => self.is_flow(node) && items.iter().all(|n| self.flow_is_simple(n, depth + 1)),
            NodeValue::Mapping(entries) => {
                self.is_flow(node)
                    && entries.iter().all(|e| {
                        matches!(&e.key.value, NodeValue::Scalar(_))
                            && self.flow_is_simple(&e.key, depth + 1)
                            && self.flow_is_simple(&e.value, depth + 1)
                    })
            }
        }
    }

    /// The children of a simple flow collection whose `[`/`{` is behind `pos`.
    fn flow_children(&mut self, node: &'a Node) -> Result<Shape<'a>, Unsupported> {
        match &node.value {
            NodeValue::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let value = self.flow_value(item)?;
                    out.push(Item { leading: Vec::new(), blank_before: false, value });
                }
                Ok(Shape::Sequence { items: out, end: Vec::new() })
            }
            NodeValue::Mapping(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for e in entries {
                    let key = self.flow_value(&e.key)?;
                    let value = self.flow_value(&e.value)?;
                    out.push(Entry { leading: Vec::new(), blank_before: false, key, value });
                }
                Ok(Shape::Mapping { entries: out, end: Vec::new() })
            }
            _ => self.unsupported(node.range.start(), "a flow collection"),
        }
    }

    /// A node inside a simple flow collection: properties before it, then the
    /// node; separators (`,` `:` `?`) are skipped.
    fn flow_value(&mut self, node: &'a Node) -> Result<Decorated<'a>, Unsupported> {
        let start = node.range.start();
        let mut d = Decorated {
            node,
            props: Vec::new(),
            intro: None,
            intro_leading: Vec::new(),
            shape: Shape::Flow,
            trailing: None,
            intro_col: 0,
        };
        loop {
            self.skip_space(start);
            match self.peek(start) {
                None => break,
                Some((Tok::Prop, s, e)) => {
                    d.props.push(TextRange::new(s, e));
                    self.pos = e;
                }
                Some((Tok::Indicator(b',' | b':'), _, e)) if d.props.is_empty() => self.pos = e,
                Some((_, at, _)) => return self.unsupported(at, "unexpected text in a flow collection"),
            }
        }
        match &node.value {
            NodeValue::Scalar(_) | NodeValue::Alias(_) => self.pos = node.range.end(),
            _ => {
                let mut inner = Attach { src: self.src, pos: start + 1, end: node.range.end(), blank: false };
                d.shape = inner.flow_children(node)?;
                self.pos = node.range.end();
            }
        }
        Ok(d)
    }
}

/// Where a block scalar's content ends: after the line break of its last
/// content line (trailing empty lines are content only with `+`), before a
/// less indented line.
pub fn block_content_end(src: &str, content: usize, range_end: usize, header: &str) -> usize {
    let keep = header.contains('+');
    let mut indent = None;
    let mut last = content;
    let mut pos = content;
    let bytes = src.as_bytes();
    while pos < range_end.min(src.len()) {
        let end = pos + memchr::memchr2(b'\n', b'\r', &bytes[pos..]).unwrap_or(src.len() - pos);
        let next = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
        let line = &src[pos..end];
        let spaces = line.bytes().take_while(|&b| b == b' ').count();
        if spaces < line.len() {
            let want = *indent.get_or_insert(spaces);
            if spaces < want {
                break;
            }
            last = next;
        } else if keep || indent.is_some_and(|w| spaces > w) {
            last = next;
        }
        pos = next.min(src.len());
    }
    last.min(src.len())
}
