//! The block pass: the container and leaf blocks of a body, with byte ranges.
//!
//! Written from the parsing strategy of the CommonMark 0.31 specification
//! (appendix A): each line first continues the open containers it can
//! (block quotes by their `>`, list items by their indentation), then opens
//! new blocks, and what remains is text for the open paragraph (lazily, when
//! not every container matched) or a new paragraph. Paragraphs and headings
//! keep the lines of their inline content for the inline pass; link
//! reference definitions are taken off the start of paragraphs as they close.
//!
//! Ranges follow pulldown-cmark's start events (the differential tests in
//! `spans` hold them to it): containers end where the line that closes them
//! starts, a list where that line's content starts, leaves after their last
//! line (its line ending included, except after a closing fence).

use std::ops::Range;

use super::html;
use super::links::{self, Definitions};
use super::spans::SpanKind;

/// One block of the body.
pub(super) struct Block {
    /// `None` for blocks without a span (thematic breaks, dropped paragraphs).
    pub kind: Option<SpanKind>,
    pub range: Range<usize>,
    /// The inline content of paragraphs and headings: one range per line
    /// (container markers and indentation removed).
    pub lines: Vec<Range<usize>>,
    /// The block this one is in (`usize::MAX` at the top level).
    pub parent: usize,
    /// A list with blank lines between its items or their blocks.
    pub loose: bool,
    /// For a paragraph, the list it closed (which ends where it starts),
    /// and where its lines start (before container markers).
    closed_list: Option<usize>,
    line_starts: Vec<usize>,
    /// An ATX heading whose line ends with a tab: emphasis that ends its
    /// content ends at the line end instead (as pulldown-cmark has it).
    pub tab_end: Option<(usize, usize)>,
}

/// The blocks in document order (each before its children) and the link
/// reference definitions.
pub(super) struct Parsed {
    pub blocks: Vec<Block>,
    pub definitions: Definitions,
}

/// An open container.
#[derive(Clone, Copy)]
struct Open {
    block: usize,
    kind: Container,
    /// A blank line was seen as the last thing in this container.
    blank: bool,
    /// The container has a child block.
    filled: bool,
    /// An empty item followed by a blank line: where that line started.
    gap: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    /// A list: its marker (`-`, `+`, `*`, or the delimiter `.`/`)` of an
    /// ordered list) and whether a blank line separates its items or blocks.
    List {
        marker: u8,
        loose: bool,
    },
    /// A list item: the columns of its content, and whether its first line was blank.
    Item {
        indent: usize,
        blank_start: bool,
    },
}

/// The open leaf block.
#[derive(Clone, Copy)]
enum Leaf {
    Paragraph,
    Fenced { marker: u8, len: usize, indent: usize },
    Indented,
    Html(html::BlockEnd),
}

/// A position in the current line: byte offset and column, with the columns
/// left of a tab partly consumed as indentation.
#[derive(Clone, Copy)]
struct Cursor {
    pos: usize,
    col: usize,
    partial: usize,
}

struct Parser<'a> {
    text: &'a str,
    blocks: Vec<Block>,
    open: Vec<Open>,
    leaf: Option<(usize, Leaf)>,
    definitions: Definitions,
    /// The list closed by the last block added.
    closed_list: Option<usize>,
    /// The current line: start, end of content, end with the line ending.
    start: usize,
    end: usize,
    next: usize,
}

/// Parses the blocks of `text`.
pub(super) fn parse(text: &str) -> Parsed {
    let mut p = Parser {
        text,
        blocks: Vec::new(),
        open: Vec::new(),
        leaf: None,
        definitions: Definitions::default(),
        closed_list: None,
        start: 0,
        end: 0,
        next: 0,
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < text.len() {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(text.len(), |i| start + i);
        let next = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        (p.start, p.end, p.next) = (start, end, next);
        p.line();
        start = p.next;
    }
    p.close_leaf();
    p.close_containers(0, text.len());
    Parsed { blocks: p.blocks, definitions: p.definitions }
}

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

impl<'a> Parser<'a> {
    fn byte(&self, pos: usize) -> u8 {
        if pos < self.end {
            self.text.as_bytes()[pos]
        } else {
            b'\n'
        }
    }

    /// The columns of indentation at `c`, and the position of the first other character.
    fn indent(&self, c: Cursor) -> (usize, usize) {
        let (mut pos, mut col) = (c.pos, c.col);
        if c.partial > 0 {
            pos += 1;
            col += c.partial;
        }
        while pos < self.end {
            match self.byte(pos) {
                b' ' => col += 1,
                b'\t' => col += 4 - col % 4,
                _ => break,
            }
            pos += 1;
        }
        (col - c.col, pos)
    }

    /// Moves `c` over `n` columns of indentation (fewer if there are not so many).
    fn skip_cols(&self, c: &mut Cursor, mut n: usize) {
        while n > 0 {
            if c.partial > 0 {
                let take = n.min(c.partial);
                c.partial -= take;
                c.col += take;
                n -= take;
                if c.partial == 0 {
                    c.pos += 1;
                }
                continue;
            }
            match self.byte(c.pos) {
                b' ' => {
                    c.pos += 1;
                    c.col += 1;
                    n -= 1;
                }
                b'\t' => {
                    let width = 4 - c.col % 4;
                    if n >= width {
                        c.pos += 1;
                        c.col += width;
                        n -= width;
                    } else {
                        c.partial = width - n;
                        c.col += n;
                        n = 0;
                    }
                }
                _ => break,
            }
        }
    }

    fn push(&mut self, kind: Option<SpanKind>, start: usize) -> usize {
        let parent = self.open.last().map_or(usize::MAX, |o| o.block);
        self.blocks.push(Block {
            kind,
            range: start..start,
            lines: Vec::new(),
            parent,
            loose: false,
            closed_list: None,
            line_starts: Vec::new(),
            tab_end: None,
        });
        self.blocks.len() - 1
    }

    /// Processes one line.
    fn line(&mut self) {
        let mut c = Cursor { pos: self.start, col: 0, partial: 0 };
        // 1. The open containers the line continues.
        let mut matched = 0;
        for i in 0..self.open.len() {
            let open = self.open[i];
            let (indent, first) = self.indent(c);
            let blank = first >= self.end;
            match open.kind {
                Container::Quote => {
                    if !self.quote_marker(c, first) {
                        break;
                    }
                    c = Cursor { pos: first + 1, col: c.col + indent + 1, partial: 0 };
                    if is_ws(self.byte(c.pos)) {
                        self.skip_cols(&mut c, 1);
                    }
                }
                Container::List { .. } => {}
                Container::Item { indent: width, blank_start } => {
                    if blank {
                        if blank_start && !open.filled && open.gap.is_none() {
                            self.open[i].gap = Some(self.start);
                        }
                        self.skip_cols(&mut c, indent.min(width));
                    } else if let Some(gap) = open.gap {
                        // An item can start with one blank line at most:
                        // it ends before the blank line.
                        self.blocks[open.block].range.end = gap;
                        self.open[i].kind = Container::Item { indent: width, blank_start: false };
                        self.open[i].gap = Some(usize::MAX);
                        break;
                    } else if indent >= width {
                        self.skip_cols(&mut c, width);
                    } else {
                        break;
                    }
                }
            }
            matched = i + 1;
        }
        let all_matched = matched == self.open.len();
        // 2. The open leaf of a kind that takes whole lines.
        if all_matched {
            if let Some((block, leaf)) = self.leaf {
                let (indent, first) = self.indent(c);
                match leaf {
                    Leaf::Fenced { marker, len, indent: fence_indent } => {
                        if indent <= 3 && closes_fence(&self.text[first..self.end], marker, len) {
                            self.blocks[block].range.end = self.end;
                            self.leaf = None;
                        } else {
                            self.skip_cols(&mut c, fence_indent);
                            self.extend_to_newline();
                            self.blocks[block].range.end = self.next;
                        }
                        return;
                    }
                    Leaf::Html(end) => {
                        if end == html::BlockEnd::Blank && first >= self.end {
                            // It ends after the container markers of the blank
                            // line when whitespace follows them (as pulldown-cmark).
                            self.blocks[block].range.end = if first > c.pos { c.pos } else { self.start };
                            self.close_leaf();
                        } else {
                            self.extend_to_newline();
                            self.blocks[block].range.end = self.next;
                            if end.is_met(&self.text[c.pos..self.end]) {
                                self.leaf = None;
                            }
                            return;
                        }
                    }
                    Leaf::Indented => {
                        // Blank lines stay in the block, but not in its range
                        // unless more code follows.
                        let blank = first >= self.end;
                        if indent >= 4 || blank {
                            self.extend_to_newline();
                            if !blank {
                                self.blocks[block].range.end = self.next;
                            }
                            // A blank line counts for looseness unless code follows.
                            if let Some(open) = self.open.last_mut() {
                                open.blank = blank;
                            }
                            return;
                        }
                        self.close_leaf();
                    }
                    Leaf::Paragraph => {}
                }
            }
        }
        // 3. New blocks.
        let mut paragraph = matches!(self.leaf, Some((_, Leaf::Paragraph)));
        let mut opened = false;
        loop {
            let (indent, first) = self.indent(c);
            if first >= self.end {
                break;
            }
            let rest = &self.text[first..self.end];
            if indent >= 4 {
                if paragraph && !opened {
                    break;
                }
                self.skip_cols(&mut c, 4);
                let start = if c.partial > 0 { c.pos + 1 } else { c.pos };
                self.extend_to_newline();
                let block = self.add_leaf(matched, self.start, Some(SpanKind::CodeBlock), start, Leaf::Indented);
                self.blocks[block].range.end = self.next;
                return;
            }
            let interrupting = paragraph && !opened;
            let b = rest.as_bytes()[0];
            if b == b'>' {
                self.add_container(matched, self.start, Container::Quote, first);
                matched = self.open.len();
                opened = true;
                c = Cursor { pos: first + 1, col: c.col + indent + 1, partial: 0 };
                if is_ws(self.byte(c.pos)) {
                    self.skip_cols(&mut c, 1);
                }
                continue;
            }
            if let Some(content) = atx_heading(rest) {
                let block = self.add_leaf(matched, self.start, Some(SpanKind::Heading), first, Leaf::Paragraph);
                self.blocks[block].range.end = self.next;
                if !content.is_empty() {
                    self.blocks[block].lines.push(first + content.start..first + content.end);
                    if rest.ends_with('\t') && rest.trim_end_matches([' ', '\t']).len() == content.end {
                        self.blocks[block].tab_end = Some((first + content.end, self.end));
                    }
                }
                self.leaf = None;
                return;
            }
            let to_newline = self.text[first..].find('\n').map_or(self.text.len(), |i| first + i);
            if let Some((marker, len)) = super::fence_marker(&self.text[first..to_newline]) {
                self.extend_to_newline();
                let leaf = Leaf::Fenced { marker, len, indent };
                let block = self.add_leaf(matched, self.start, Some(SpanKind::CodeBlock), first, leaf);
                self.blocks[block].range.end = self.next;
                return;
            }
            if let Some(end) = html::block_start(rest, interrupting) {
                self.extend_to_newline();
                let rest = &self.text[first..self.end];
                let block = self.add_leaf(matched, self.start, Some(SpanKind::HtmlBlock), first, Leaf::Html(end));
                self.blocks[block].range.end = self.next;
                if end.is_met(rest) {
                    self.leaf = None;
                }
                return;
            }
            if interrupting && all_matched && (b == b'=' || b == b'-') && setext_underline(rest) {
                if self.setext(first, is_thematic_break(rest)) {
                    return;
                }
                paragraph = false;
                continue;
            }
            if is_thematic_break(rest) {
                let block = self.add_leaf(matched, self.start, None, first, Leaf::Paragraph);
                self.blocks[block].range.end = self.next;
                self.leaf = None;
                return;
            }
            if let Some(item) = list_marker(rest) {
                let after = first + item.width;
                let (spaces, content) =
                    self.indent(Cursor { pos: after, col: c.col + indent + item.width, partial: 0 });
                let empty = content >= self.end;
                if interrupting && all_matched && (empty || item.start.is_some_and(|n| n != 1)) {
                    break;
                }
                let width = indent + if empty || spaces > 4 { item.width + 1 } else { item.width + spaces };
                // Inside a tab or before one,
                // an item starts a byte earlier for each column left of the
                // tab but one (as pulldown-cmark has it).
                let left_of_tab = if c.partial > 0 {
                    c.partial
                } else if self.byte(c.pos) == b'\t' {
                    4 - c.col % 4
                } else {
                    0
                };
                let mut item_start = c.pos.saturating_sub(left_of_tab.saturating_sub(1));
                while !self.text.is_char_boundary(item_start) {
                    item_start += 1;
                }
                self.add_item(matched, item_start, item.marker, item_start);
                self.open.push(Open {
                    block: self.blocks.len() - 1,
                    kind: Container::Item { indent: width, blank_start: empty },
                    blank: false,
                    filled: false,
                    gap: None,
                });
                matched = self.open.len();
                opened = true;
                c = Cursor { pos: after, col: c.col + indent + item.width, partial: 0 };
                if !empty {
                    let n = if spaces > 4 { 1 } else { spaces };
                    self.skip_cols(&mut c, n);
                }
                continue;
            }
            break;
        }
        // 4. Text.
        let (_, first) = self.indent(c);
        if first >= self.end {
            // A blank line.
            if paragraph && !opened {
                self.close_leaf();
            }
            self.close_containers(matched, self.start);
            if self.leaf.is_none() && !opened {
                if let Some(open) = self.open.last_mut() {
                    open.blank = true;
                }
            }
            return;
        }
        if paragraph && !opened {
            if let Some((block, _)) = self.leaf {
                self.blocks[block].lines.push(first..self.next);
                self.blocks[block].line_starts.push(self.start);
                self.blocks[block].range.end = self.next;
            }
            return;
        }
        let block = self.add_leaf(matched, first, Some(SpanKind::Paragraph), first, Leaf::Paragraph);
        // The list this paragraph closed ends where the paragraph starts.
        if let Some(open) = self.closed_list.take() {
            self.blocks[block].closed_list = Some(open);
        }

        self.blocks[block].lines.push(first..self.next);
        self.blocks[block].line_starts.push(self.start);
        self.blocks[block].range.end = self.next;
    }

    /// A block quote continues at `first`: its `>` after indentation
    /// taken while under three columns (so pulldown-cmark lets a tab
    /// reach four).
    fn quote_marker(&self, c: Cursor, first: usize) -> bool {
        let (mut pos, mut col) = (c.pos, 0);
        if c.partial > 0 {
            pos += 1;
            col += c.partial;
        }
        while pos < first && col < 3 {
            col += if self.byte(pos) == b'\t' { 4 - (c.col + col) % 4 } else { 1 };
            pos += 1;
        }
        pos == first && self.byte(first) == b'>'
    }

    /// Makes the line go on to the next `\n`: a lone `\r` does not end a
    /// line of an HTML block (as pulldown-cmark has it).
    fn extend_to_newline(&mut self) {
        if self.text.as_bytes().get(self.end) == Some(&b'\r') && self.next == self.end + 1 {
            let b = self.text.as_bytes();
            self.end = memchr::memchr(b'\n', &b[self.end..]).map_or(self.text.len(), |i| self.end + i);
            self.next = (self.end + 1).min(self.text.len());
            if self.end > 0 && b[self.end - 1] == b'\r' && self.end < self.text.len() {
                self.end -= 1;
            }
        }
    }

    /// Closes the open leaf (taking link reference definitions off a paragraph).
    fn close_leaf(&mut self) {
        if let Some((block, Leaf::Paragraph)) = self.leaf.take() {
            self.take_definitions(block);
        }
    }

    /// Takes the link reference definitions at the start of the paragraph `block`.
    fn take_definitions(&mut self, block: usize) {
        let b = &mut self.blocks[block];
        if b.kind != Some(SpanKind::Paragraph) || b.lines.is_empty() {
            return;
        }
        let (taken, last) = links::take_definitions(self.text, &b.lines, &mut self.definitions);
        // The list this paragraph closed ends where the text after the
        // definitions starts, or the last definition (as pulldown-cmark).
        let end = match b.lines.get(taken) {
            Some(line) => Some(line.start),
            None => b.line_starts.get(last).copied(),
        };
        if let (Some(list), Some(end), true) = (b.closed_list, end, taken > 0) {
            self.blocks[list].range.end = end;
        }
        let b = &mut self.blocks[block];
        if taken > 0 {
            b.lines.drain(..taken);
            match b.lines.first() {
                Some(first) => b.range.start = first.start,
                None => b.kind = None,
            }
        }
    }

    /// Closes the open containers from depth `depth` on, ending at `end`.
    fn close_containers(&mut self, depth: usize, end: usize) {
        if self.open.len() > depth {
            self.close_leaf();
        }
        while self.open.len() > depth {
            let Some(open) = self.open.pop() else { break };
            self.close(open, end);
        }
    }

    fn close(&mut self, open: Open, end: usize) {
        if open.gap != Some(usize::MAX) {
            self.blocks[open.block].range.end = end;
        }
        if let Container::List { loose, .. } = open.kind {
            self.blocks[open.block].loose = loose;
        }
        // A list or item that ends with a blank line: its parent does too.
        if open.blank && !matches!(open.kind, Container::Quote) {
            if let Some(parent) = self.open.last_mut() {
                parent.blank = true;
            }
        }
    }

    /// Closes what the line did not continue, and a list that cannot take
    /// a child of this kind, before adding a child to the deepest container.
    fn prepare_child(&mut self, matched: usize, first: usize, marker: Option<u8>) {
        self.closed_list = None;
        self.close_leaf();
        self.close_containers(matched, self.start);
        if let Some(open) = self.open.last() {
            let keep = matches!(open.kind, Container::List { marker: m, .. } if Some(m) == marker);
            if matches!(open.kind, Container::List { .. }) && !keep {
                if let Some(open) = self.open.pop() {
                    self.close(open, first);
                    self.closed_list = Some(open.block);
                }
            }
        }
        // A child after a blank line in an item makes its list loose.
        let n = self.open.len();
        if n > 0 {
            let open = self.open[n - 1];
            if open.blank && (open.filled || matches!(open.kind, Container::List { .. })) && n >= 1 {
                let list = match open.kind {
                    Container::List { .. } => Some(n - 1),
                    Container::Item { .. } if n >= 2 => Some(n - 2),
                    _ => None,
                };
                if let Some(l) = list {
                    if let Container::List { marker, .. } = self.open[l].kind {
                        self.open[l].kind = Container::List { marker, loose: true };
                    }
                }
            }
            self.open[n - 1].blank = false;
            self.open[n - 1].filled = true;
        }
    }

    fn add_leaf(&mut self, matched: usize, first: usize, kind: Option<SpanKind>, start: usize, leaf: Leaf) -> usize {
        self.prepare_child(matched, first, None);
        let block = self.push(kind, start);
        self.leaf = Some((block, leaf));
        block
    }

    fn add_container(&mut self, matched: usize, first: usize, kind: Container, start: usize) {
        self.prepare_child(matched, first, None);
        let block = self.push(Some(SpanKind::BlockQuote), start);
        self.open.push(Open { block, kind, blank: false, filled: false, gap: None });
    }

    /// Adds a list item (and its list, unless the open list takes it).
    fn add_item(&mut self, matched: usize, first: usize, marker: u8, start: usize) {
        self.prepare_child(matched, first, Some(marker));
        if !matches!(self.open.last(), Some(Open { kind: Container::List { .. }, .. })) {
            if let Some(parent) = self.open.last_mut() {
                parent.filled = true;
            }
            let block = self.push(Some(SpanKind::List), start);
            self.open.push(Open {
                block,
                kind: Container::List { marker, loose: false },
                blank: false,
                filled: true,
                gap: None,
            });
        }
        self.push(Some(SpanKind::Item), start);
    }

    /// Turns the open paragraph into a setext heading ending with this line;
    /// false without an open paragraph, or for a thematic break after definitions.
    fn setext(&mut self, first: usize, thematic_break: bool) -> bool {
        let Some((block, Leaf::Paragraph)) = self.leaf else { return false };
        self.take_definitions(block);
        self.leaf = None;
        let (start, next) = (self.start, self.next);
        let b = &mut self.blocks[block];
        b.range.end = next;
        if b.kind.is_some() {
            b.kind = Some(SpanKind::Heading);
            return true;
        }
        if thematic_break {
            return false;
        }
        // Definitions took the whole paragraph: the underline is the text
        // of a paragraph (as pulldown-cmark has it).
        b.kind = Some(SpanKind::Paragraph);
        b.range = first..next;
        b.lines = std::iter::once(first..next).collect();
        b.line_starts = vec![start];
        if let Some(list) = b.closed_list {
            self.blocks[list].range.end = first;
        }
        self.leaf = Some((block, Leaf::Paragraph));
        true
    }
}

/// An ATX heading's content range within `rest` (which starts at the `#`s).
fn atx_heading(rest: &str) -> Option<Range<usize>> {
    let bytes = rest.as_bytes();
    let level = bytes.iter().take_while(|&&b| b == b'#').count();
    if level == 0 || level > 6 || bytes.get(level).is_some_and(|&b| !is_ws(b)) {
        return None;
    }
    let mut end = rest.trim_end_matches([' ', '\t']).len();
    let hashes = rest[..end].trim_end_matches('#').len();
    if hashes <= level {
        end = level;
    } else if is_ws(bytes[hashes - 1]) {
        end = hashes;
    }
    let start =
        level + rest[level..end.max(level)].len() - rest[level..end.max(level)].trim_start_matches([' ', '\t']).len();
    let end = start + rest[start..end.max(start)].trim_end_matches([' ', '\t']).len();
    Some(start..end)
}

fn closes_fence(rest: &str, marker: u8, len: usize) -> bool {
    let n = rest.bytes().take_while(|&b| b == marker).count();
    n >= len && rest[n..].bytes().all(is_ws)
}

/// A setext heading underline (of `-` or `=`).
fn setext_underline(rest: &str) -> bool {
    let Some(&marker) = rest.as_bytes().first() else { return false };
    let n = rest.bytes().take_while(|&b| b == marker).count();
    rest[n..].bytes().all(is_ws)
}

fn is_thematic_break(rest: &str) -> bool {
    let Some(&marker) = rest.as_bytes().first() else { return false };
    if !matches!(marker, b'*' | b'-' | b'_') {
        return false;
    }
    let mut n = 0;
    for b in rest.bytes() {
        if b == marker {
            n += 1;
        } else if !is_ws(b) {
            return false;
        }
    }
    n >= 3
}

struct ListMarker {
    /// `-`, `+`, `*`, or the delimiter of an ordered list.
    marker: u8,
    width: usize,
    start: Option<u64>,
}

/// A list marker at the start of `rest`, followed by whitespace or the line end.
fn list_marker(rest: &str) -> Option<ListMarker> {
    let bytes = rest.as_bytes();
    let (marker, width, start) = match bytes.first()? {
        b @ (b'-' | b'+' | b'*') => (*b, 1, None),
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            let delimiter = *bytes.get(digits)?;
            if delimiter != b'.' && delimiter != b')' {
                return None;
            }
            (delimiter, digits + 1, rest[..digits].parse().ok())
        }
    };
    if bytes.get(width).is_some_and(|&b| !is_ws(b)) {
        return None;
    }
    Some(ListMarker { marker, width, start })
}
