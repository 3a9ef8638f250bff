//! The tree: nodes with byte ranges, paths into it, and JSON conversion
//! under an expansion budget.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::scalars::{is_null, plain_scalar_value};
use super::{MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_EXPANDED_NODES};
use crate::text::TextRange;

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
    /// More than [`MAX_NODES`](super::MAX_NODES) nodes.
    TooLarge { at: TextRange },
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
    pub(super) anchors: Vec<(usize, Node)>,
    /// Nodes in the tree, and bytes of scalar text: the base the expansion
    /// budget of [`Yaml::to_json`] grows from.
    pub(super) nodes: usize,
    pub(super) text_bytes: usize,
    /// Flow collections whose lines are indented too little for YAML but
    /// that valora's reader accepts: the tree reads them as it does.
    pub lenient_flows: Vec<super::lenient::LenientFlow>,
}

/// Follows paths through a tree. A mapping with many entries is hashed the
/// first time a path crosses it, so thousands of paths into one mapping (one
/// per validation error) stay linear.
#[derive(Default)]
pub struct Locator<'a> {
    maps: HashMap<*const Node, HashMap<&'a str, &'a Entry>>,
}

impl<'a> Locator<'a> {
    /// Follows `path` from the root of `yaml`; stops at the deepest node reached.
    pub fn locate(&mut self, yaml: &'a Yaml, path: &[PathSeg]) -> Option<(Located<'a>, usize)> {
        let mut here = Located { key: None, value: yaml.root.as_ref()? };
        for (depth, seg) in path.iter().enumerate() {
            let next = match (seg, &here.value.value) {
                (PathSeg::Key(k), NodeValue::Mapping(entries)) if entries.len() > 16 => {
                    let map = self.maps.entry(here.value as *const Node).or_insert_with(|| {
                        let mut map = HashMap::with_capacity(entries.len());
                        for e in entries {
                            map.entry(e.key_text()).or_insert(e);
                        }
                        map
                    });
                    map.get(k.as_str()).map(|e| Located { key: Some(&e.key), value: &e.value })
                }
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
}

/// What converting to JSON may still spend (see [`Yaml::to_json`]).
pub struct Budget {
    nodes: usize,
    bytes: usize,
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

    /// Follows `path` from the root; stops at the deepest node reached. (To
    /// follow many paths, keep one [`Locator`].)
    pub fn locate<'a>(&'a self, path: &[PathSeg]) -> Option<(Located<'a>, usize)> {
        Locator::default().locate(self, path)
    }

    /// Converts the tree to JSON, expanding aliases. Expansion may add at most
    /// [`MAX_EXPANDED_NODES`] nodes and [`MAX_EXPANDED_BYTES`] of text to what
    /// the tree holds, so the JSON is never much larger than the frontmatter.
    /// `Err` carries the range of the alias where the budget ran out.
    pub fn to_json(&self) -> Result<Value, TextRange> {
        let Some(root) = &self.root else {
            return Ok(Value::Null);
        };
        let mut budget = self.budget();
        self.node_to_json(root, &mut budget, 0)
    }

    /// One node of the tree as JSON (aliases expanded under a fresh budget).
    pub fn to_json_node(&self, node: &Node) -> Result<Value, TextRange> {
        let mut budget = self.budget();
        self.node_to_json(node, &mut budget, 0)
    }

    /// A fresh expansion budget for this tree.
    pub fn budget(&self) -> Budget {
        Budget { nodes: self.nodes + MAX_EXPANDED_NODES, bytes: self.text_bytes + MAX_EXPANDED_BYTES }
    }

    pub fn node_to_json(&self, node: &Node, budget: &mut Budget, depth: usize) -> Result<Value, TextRange> {
        let cost = match &node.value {
            NodeValue::Scalar(s) => s.text.len(),
            _ => 0,
        };
        if budget.nodes == 0 || budget.bytes < cost || depth > MAX_DEPTH {
            return Err(node.range);
        }
        budget.nodes -= 1;
        budget.bytes -= cost;
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
                        // A collection as a key becomes its JSON text: charged
                        // to the budget, since keys of keys escape their quotes
                        // again at every level (twice as long each time).
                        _ => {
                            let key = self.node_to_json(&e.key, budget, depth + 1)?.to_string();
                            budget.bytes = budget.bytes.checked_sub(key.len()).ok_or(e.key.range)?;
                            key
                        }
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
