//! Inlay hints in a child role: each top-level value it inherits and from
//! which parent (`tone: concise-technical ← platform-engineer`), where the
//! key would be written: after the child's own key that precedes it in the
//! schema's order (the order `rolekit fmt` writes with `key-order =
//! "schema"`), at the end of that key's last line; after the opening `---`
//! when none precedes it; at the end of the frontmatter for a key the schema
//! does not know.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::Parent;
use crate::document::Document;
use crate::syntax::yaml::{Node, NodeValue};
use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where it shows: the end of a line of the frontmatter.
    pub offset: usize,
    /// `key: value ← parent`.
    pub label: String,
    pub key: String,
    /// The parent's role name (its file stem when it has no `role:`) and location.
    pub parent: String,
    pub parent_location: String,
    /// The value in the parent's text.
    pub parent_range: TextRange,
}

/// Longest value shown (in characters) before it is cut with `…`.
const MAX_VALUE: usize = 40;

fn schema_order() -> &'static HashMap<&'static str, usize> {
    static ORDER: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let schema = crate::schema::role_schema();
        crate::schema::properties(schema).into_iter().enumerate().map(|(i, (k, _))| (k, i)).collect()
    })
}

/// The hints of `doc` given its `parents`, nearest first (a check's
/// resolution). Keys the child writes itself, `role` and `inherits` are not
/// inherited. Linear in the keys of the child and its parents.
pub fn inherited_values(doc: &Document, parents: &[Parent]) -> Vec<InlayHint> {
    let Some(root) = doc.root() else { return Vec::new() };
    let Some(split) = doc.frontmatter() else { return Vec::new() };
    if parents.is_empty() {
        return Vec::new();
    }
    let text = doc.text();
    let order = schema_order();
    let own: std::collections::HashSet<&str> = root.entries().iter().map(|e| e.key_text()).collect();
    // The child's keys in the schema's order, with the end of their last line.
    let mut anchors: Vec<(usize, usize)> = root
        .entries()
        .iter()
        .filter_map(|e| Some((*order.get(e.key_text())?, line_end(text, e.value.range.end().max(e.key.range.end())))))
        .collect();
    crate::sort::sort(&mut anchors);
    let last_line = root.entries().iter().map(|e| line_end(text, e.value.range.end().max(e.key.range.end()))).max();
    let end_of_frontmatter = last_line.unwrap_or(split.open.end());
    let mut taken: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut out: Vec<(usize, usize, InlayHint)> = Vec::new();
    for parent in parents {
        let Some(proot) = parent.document.root() else { continue };
        let pname = parent
            .document
            .role()
            .or_else(|| super::workspace::location_stem(&parent.location))
            .unwrap_or(parent.location.as_str());
        for e in proot.entries() {
            let key = e.key_text();
            if matches!(key, "role" | "inherits") || own.contains(key) || !taken.insert(key) {
                continue;
            }
            let rank = order.get(key).copied();
            let offset = match rank {
                Some(rank) => {
                    let i = anchors.partition_point(|(r, _)| *r < rank);
                    match i.checked_sub(1) {
                        Some(i) => anchors[i].1,
                        None => split.open.end(),
                    }
                }
                None => end_of_frontmatter,
            };
            let label = format!("{key}: {} ← {pname}", summary(&e.value, parent.document.text()));
            let hint = InlayHint {
                offset,
                label,
                key: key.to_string(),
                parent: pname.to_string(),
                parent_location: parent.location.clone(),
                parent_range: e.value.range,
            };
            out.push((offset, rank.unwrap_or(usize::MAX), hint));
        }
    }
    crate::sort::sort_by_key(&mut out, |(offset, rank, _)| (*offset, *rank));
    out.into_iter().map(|(_, _, h)| h).collect()
}

/// The end of the line holding `offset` (before its line break).
fn line_end(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let rest = text.get(offset..).unwrap_or("");
    offset + memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len())
}

/// A value on one line: a scalar as written (cut), `[N items]`, `{N keys}`.
fn summary(node: &Node, text: &str) -> String {
    match &node.value {
        NodeValue::Sequence(items) => format!("[{} item{}]", items.len(), if items.len() == 1 { "" } else { "s" }),
        NodeValue::Mapping(entries) => {
            format!("{{{} key{}}}", entries.len(), if entries.len() == 1 { "" } else { "s" })
        }
        _ => {
            let written = node.range.slice(text);
            let first = written.lines().next().unwrap_or("").trim();
            if first.chars().count() > MAX_VALUE || written.contains('\n') {
                let cut: String = first.chars().take(MAX_VALUE).collect();
                format!("{cut}…")
            } else {
                first.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn parent(location: &str, text: &str) -> Parent {
        Parent { document: Arc::new(Document::new(text.to_string())), location: location.to_string() }
    }

    #[test]
    fn inherited_keys_where_they_would_be_written() {
        let base = "---\nrole: base\nversion: 1.0.0\ntone: assertive\nexpertise:\n  - a\n  - b\ncustom: x\n---\n";
        let mid = "---\nrole: platform-engineer\ninherits: base\ndescription: Platform\ntone: concise-technical\n---\n";
        let child = "---\nrole: child\ninherits: platform-engineer\nversion: 2.0.0\n---\n# Child\n";
        let doc = Document::new(child.to_string());
        let hints = inherited_values(&doc, &[parent("w/platform-engineer.md", mid), parent("w/base.md", base)]);
        let got: Vec<_> = hints.iter().map(|h| (h.offset, h.label.as_str())).collect();
        // The schema orders role, version, ..., description, inherits, ..., tone, expertise.
        let after_inherits = child.find("platform-engineer").unwrap() + "platform-engineer".len();
        let after_version = child.find("2.0.0").unwrap() + 5;
        assert_eq!(
            got,
            [
                (after_inherits, "tone: concise-technical ← platform-engineer"),
                (after_inherits, "expertise: [2 items] ← base"),
                (after_version, "description: Platform ← platform-engineer"),
                (after_version, "custom: x ← base"),
            ]
        );
        assert_eq!(hints[0].parent_range.slice(mid), "concise-technical");
        // No parents, no hints.
        assert!(inherited_values(&doc, &[]).is_empty());
    }

    #[test]
    fn before_the_first_key_after_the_fence() {
        let base = "---\nrole: base\nversion: 1.0.0\n---\n";
        let child = "---\nrole: child\ninherits: base\n---\n";
        let doc = Document::new(child.to_string());
        let hints = inherited_values(&doc, &[parent("w/base.md", base)]);
        // `version` comes after `role` in the schema: after the `role:` line.
        assert_eq!(hints[0].offset, child.find("child").unwrap() + 5);
        assert_eq!(hints[0].label, "version: 1.0.0 ← base");
    }
}
