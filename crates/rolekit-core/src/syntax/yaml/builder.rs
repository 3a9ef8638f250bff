//! Builds the tree from parse events, bounding depth and size, and finds
//! duplicate keys.

use std::borrow::Cow;

use super::events::Ev;
use super::tree::{DuplicateKey, Entry, Node, NodeValue, Scalar, Style, Yaml, YamlError};
use super::{MAX_DEPTH, MAX_NODES};
use crate::text::TextRange;

enum Frame {
    Sequence { start: usize, anchor: usize, items: Vec<Node> },
    Mapping { start: usize, anchor: usize, entries: Vec<Entry>, key: Option<Node> },
}

pub(super) struct Builder<'a> {
    yaml: Yaml,
    stack: Vec<Frame>,
    src: &'a str,
    /// Where `src` starts in the document.
    base: usize,
}

impl<'a> Builder<'a> {
    pub(super) fn new(src: &'a str, base: usize) -> Self {
        Builder { yaml: Yaml::default(), stack: Vec::new(), src, base }
    }

    pub(super) fn src(&self) -> &'a str {
        self.src
    }

    pub(super) fn base(&self) -> usize {
        self.base
    }

    pub(super) fn set_error(&mut self, error: YamlError) {
        self.yaml.error = Some(error);
    }

    /// Handles one event; `false` stops the parse.
    pub(super) fn event(&mut self, ev: Ev<'_>) -> bool {
        if self.yaml.nodes >= MAX_NODES {
            let at = match &ev {
                Ev::Scalar { range, .. } | Ev::Alias { range, .. } => *range,
                Ev::SequenceStart { start, .. } | Ev::MappingStart { start, .. } => TextRange::empty(*start),
                Ev::End { .. } | Ev::Stop => TextRange::empty(self.base),
            };
            self.yaml.error = Some(YamlError::TooLarge { at });
            return false;
        }
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

    /// Keys written twice, in one pass (a hash of the keys for large mappings).
    fn check_duplicates(&mut self, entries: &[Entry]) {
        if entries.len() < 2 {
            return;
        }
        let mut report = |first: &Entry, e: &Entry, key: &str| {
            self.yaml.duplicates.push(DuplicateKey {
                key: key.to_string(),
                first: first.key.range,
                duplicate: e.key.range,
            });
        };
        if entries.len() <= 16 {
            for (i, e) in entries.iter().enumerate().skip(1) {
                let Some(key) = e.key.as_str() else { continue };
                if let Some(first) = entries[..i].iter().find(|f| f.key.as_str() == Some(key)) {
                    report(first, e, key);
                }
            }
            return;
        }
        let mut seen: std::collections::HashMap<&str, &Entry> = std::collections::HashMap::with_capacity(entries.len());
        for e in entries {
            let Some(key) = e.key.as_str() else { continue };
            match seen.get(key) {
                Some(first) => report(first, e, key),
                None => {
                    seen.insert(key, e);
                }
            }
        }
    }

    fn push(&mut self, node: Node, anchor: usize) {
        self.yaml.nodes += 1;
        if let NodeValue::Scalar(s) = &node.value {
            self.yaml.text_bytes += s.text.len();
        }
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
    pub(super) fn finish(mut self) -> Yaml {
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
