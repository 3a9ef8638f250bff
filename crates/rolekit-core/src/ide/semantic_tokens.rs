//! Semantic tokens: what the frontmatter's words *are*, as the schema of the
//! document's kind sees them, and the section numbers of the body.
//!
//! - every mapping key in the frontmatter: [`TokenKind::Key`];
//! - a scalar the schema lists in an `enum` at its place (a `tone`, a
//!   Claude agent's `permissionMode`): [`TokenKind::EnumMember`];
//! - a name that points at another document (`inherits`, a command's
//!   `agent`/`fallback_agent`, a pipeline's `prompt`, a prompt's `agents`,
//!   whatever the schema marks with `x-references`):
//!   [`TokenKind::Reference`]; the document's own name (`role:`, a prompt's
//!   `id:`) is one with `declaration` set;
//! - an alias (`*name`): [`TokenKind::Alias`];
//! - the number of a `##` heading (`2` in `## 2. Responsibilities`):
//!   [`TokenKind::SectionNumber`].
//!
//! One walk of the tree in document order, then one pass over the headings,
//! so the list comes out sorted and non-overlapping; linear in the document
//! (each mapping looks its schema's properties up once).

use serde_json::Value;

use crate::document::Document;
use crate::policy::Family;
use crate::project::editor::{declared_name, references_in, Place};
use crate::schema::SchemaDoc;
use crate::syntax::yaml::{Node, NodeValue};
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A frontmatter key.
    Key,
    /// A value the schema lists in an `enum`.
    EnumMember,
    /// A name of another document (or, with `declaration`, of this one).
    Reference,
    /// An alias to an anchor.
    Alias,
    /// The number of a `##` section heading.
    SectionNumber,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: TextRange,
    pub kind: TokenKind,
    /// The document's own name (`role:`, `id:`), not a use of another's.
    pub declaration: bool,
}

/// Nodes deeper than this are not walked (the tree allows 64; nothing real nests past a few).
const MAX_DEPTH: usize = 32;

/// The tokens of `doc` at `place`, sorted by start and non-overlapping.
pub fn semantic_tokens(doc: &Document, place: &Place) -> Vec<SemanticToken> {
    let mut out = Vec::new();
    if let Some(root) = doc.root() {
        let schema = place.schemas.for_kind(place.kind);
        let sdoc = schema.map(|s| s.doc());
        // Names are found by the same walk the references index uses: sorted by start, then merged in.
        let mut names: Vec<(TextRange, bool)> =
            references_in(doc, place).into_iter().map(|r| (r.range, false)).collect();
        if place.kind.family() == Family::Role {
            if let Some(i) = doc.inherits() {
                names.push((i.range, false));
            }
        }
        if let Some((_, _, range)) = declared_name(doc, place) {
            names.push((range, true));
        }
        crate::sort::sort_by_key(&mut names, |(r, _)| r.start());
        let mut walk = Walk { sdoc: sdoc.as_ref(), names: &names, next_name: 0, out: &mut out };
        walk.node(root, sdoc.as_ref().map(SchemaDoc::root), 0);
    }
    for h in &doc.outline().headings {
        if let (2, Some(number)) = (h.level, h.number) {
            out.push(SemanticToken { range: number.range, kind: TokenKind::SectionNumber, declaration: false });
        }
    }
    out
}

struct Walk<'a, 's> {
    sdoc: Option<&'a SchemaDoc<'s>>,
    /// The ranges of names (and whether each is the declaration), by start.
    names: &'a [(TextRange, bool)],
    next_name: usize,
    out: &'a mut Vec<SemanticToken>,
}

impl<'s> Walk<'_, 's> {
    fn push(&mut self, range: TextRange, kind: TokenKind, declaration: bool) {
        if range.is_empty() || self.out.last().is_some_and(|t| t.range.end() > range.start()) {
            return;
        }
        self.out.push(SemanticToken { range, kind, declaration });
    }

    /// Whether `range` is a name, advancing past the names before it (nodes come in document order).
    fn name(&mut self, range: TextRange) -> Option<bool> {
        while self.names.get(self.next_name).is_some_and(|(r, _)| r.start() < range.start()) {
            self.next_name += 1;
        }
        let (r, declaration) = self.names.get(self.next_name)?;
        (*r == range).then_some(*declaration)
    }

    fn node(&mut self, node: &Node, schema: Option<&'s Value>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &node.value {
            NodeValue::Mapping(entries) => {
                let props = match (self.sdoc, schema) {
                    (Some(sdoc), Some(s)) => sdoc.properties(s),
                    _ => Vec::new(),
                };
                for e in entries {
                    if e.key.as_scalar().is_some() {
                        self.push(e.key.range, TokenKind::Key, false);
                    }
                    let key = e.key_text();
                    let child = props.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
                    let child = match (self.sdoc, child) {
                        (Some(sdoc), Some(c)) => Some(sdoc.resolve(c)),
                        _ => None,
                    };
                    self.node(&e.value, child, depth + 1);
                }
            }
            NodeValue::Sequence(items) => {
                let child = match (self.sdoc, schema) {
                    (Some(sdoc), Some(s)) => items_of(sdoc, s),
                    _ => None,
                };
                for item in items {
                    self.node(item, child, depth + 1);
                }
            }
            NodeValue::Scalar(scalar) => {
                if let Some(declaration) = self.name(node.range) {
                    self.push(node.range, TokenKind::Reference, declaration);
                } else if let (Some(sdoc), Some(s)) = (self.sdoc, schema) {
                    if !node.is_null() && in_enum(sdoc, s, &scalar.text, 0) {
                        self.push(node.range, TokenKind::EnumMember, false);
                    }
                }
            }
            NodeValue::Alias(_) => self.push(node.range, TokenKind::Alias, false),
        }
    }
}

/// The schema of a list's items, also when the list is one branch of an
/// `anyOf`/`oneOf` (a comma string or a list of tools).
fn items_of<'s>(sdoc: &SchemaDoc<'s>, schema: &'s Value) -> Option<&'s Value> {
    if let Some(items) = sdoc.items(schema) {
        return Some(items);
    }
    let schema = sdoc.resolve(schema);
    ["anyOf", "oneOf"]
        .into_iter()
        .filter_map(|k| schema.get(k).and_then(Value::as_array))
        .flatten()
        .find_map(|b| sdoc.items(b))
}

/// Whether the schema at a value's place lists `text` in an `enum` (its
/// own, its `else` branch's, or a combined branch's, a few levels deep).
fn in_enum(sdoc: &SchemaDoc, schema: &Value, text: &str, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let schema = sdoc.resolve(schema);
    let listed = schema.get("enum").and_then(Value::as_array).is_some_and(|values| {
        values.iter().any(|v| match v {
            Value::String(s) => s == text,
            Value::Bool(b) => text == if *b { "true" } else { "false" },
            Value::Number(n) => {
                let written = crate::syntax::yaml::scalars::parse_number(text).and_then(|t| t.as_f64());
                written.zip(n.as_f64()).is_some_and(|(a, b)| a == b)
            }
            _ => false,
        })
    });
    listed
        || schema.get("else").is_some_and(|e| in_enum(sdoc, e, text, depth + 1))
        || ["anyOf", "oneOf"]
            .into_iter()
            .filter_map(|k| schema.get(k).and_then(Value::as_array))
            .flatten()
            .any(|b| in_enum(sdoc, b, text, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::testutil::{span, SEED};
    use crate::policy::{Dialect, Kind, Schemas};

    fn render(doc: &Document, kind: Kind, path: Option<&str>) -> String {
        let schemas = Schemas::built_in();
        let place = Place { kind, schemas: &schemas, path };
        let tokens = semantic_tokens(doc, &place);
        assert!(tokens.windows(2).all(|w| w[0].range.end() <= w[1].range.start()), "sorted and non-overlapping");
        tokens
            .iter()
            .map(|t| {
                let decl = if t.declaration { " declaration" } else { "" };
                format!("{:?}{decl} {}", t.kind, span(doc, t.range))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn seed() {
        let doc = Document::new(SEED.to_string());
        insta::assert_snapshot!(render(&doc, Kind::Role, Some("platform-engineer.md")));
    }

    #[test]
    fn crlf_bom_and_astral_characters() {
        let text = "\u{feff}---\r\nrole: qa\r\ninherits: base\r\ndescription: \"𝒬 tester 😀\"\r\ntone: concise-technical\r\nx: &a [\"😀\", 1]\r\ny: {\"𝒬\": 1, k: *a}\r\n---\r\n# 😀 qa\r\n\r\n## 1. 𝒬 Role\r\n";
        let doc = Document::new(text.to_string());
        insta::assert_snapshot!(render(&doc, Kind::Role, Some("qa.md")));
    }

    #[test]
    fn command_names_and_dialect_enums() {
        let command = "---\nname: deploy\nagent: platform-engineer\nfallback_agent: qa\n---\n# Deploy\n";
        let doc = Document::new(command.to_string());
        let got = render(&doc, Kind::Command, Some("data/commands/deploy.md"));
        let claude = "---\nname: reviewer\npermissionMode: plan\nmodel: sonnet\ntools:\n  - Read\n---\nBody\n";
        let doc = Document::new(claude.to_string());
        let got2 = render(&doc, Kind::Dialect(Dialect::ClaudeAgent), Some(".claude/agents/reviewer.md"));
        insta::assert_snapshot!(format!("{got}\n--- claude agent\n{got2}"));
    }

    #[test]
    fn broken_yaml_gives_what_it_can_and_no_schema_means_keys_only() {
        let doc = Document::new("---\nrole: qa\ntone: [\n---\n# QA\n\n## 3. Numbers\n".to_string());
        let got = render(&doc, Kind::Role, Some("qa.md"));
        assert!(got.contains("SectionNumber"), "{got}");
        let doc = Document::new("---\na: b\n---\n".to_string());
        assert_eq!(render(&doc, Kind::Custom { index: 0, template: false }, None), "Key 1:0-1:1 \"a\"");
    }
}
