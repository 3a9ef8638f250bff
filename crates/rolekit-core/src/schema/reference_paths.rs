//! Where a schema marks values with `"x-references"`: the paths from its
//! root that lead to a mark, as a tree pruned to them, built once per
//! schema. Finding a document's references then follows only those paths
//! (one hash probe per key), instead of asking the schema for each key's
//! properties again (a role schema has no mark at all, so a role's
//! frontmatter is not walked).

use std::collections::HashMap;

use serde_json::Value;

use super::SchemaDoc;

/// Deeper than this, nodes are not searched for references (as deep as the
/// schema is followed).
pub const MAX_DEPTH: usize = 32;

/// Schema nodes visited while building at most: past it (a schema whose
/// `$ref`s recurse into several branches), there is no tree and callers
/// walk the schema itself.
const BUDGET: usize = 10_000;

/// One schema node on a path to a mark.
#[derive(Debug, Default)]
pub struct ReferencePaths {
    /// Its `x-references` value, when it is a string.
    pub marked: Option<String>,
    /// The properties (by key) that lead to a mark.
    pub properties: HashMap<String, ReferencePaths>,
    /// The items of a list, when they lead to a mark.
    pub items: Option<Box<ReferencePaths>>,
}

impl ReferencePaths {
    /// The tree of `doc`'s schema; `None` when it would not fit the budget.
    /// An empty tree (no mark anywhere) has no `marked`, properties or items.
    pub fn build(doc: &SchemaDoc<'_>) -> Option<ReferencePaths> {
        let mut visited = 0;
        Some(build(doc, doc.root(), 0, &mut visited)?.unwrap_or_default())
    }

    pub fn is_empty(&self) -> bool {
        self.marked.is_none() && self.properties.is_empty() && self.items.is_none()
    }
}

/// `Ok(None)` (as `Some(None)`): nothing under `schema` leads to a mark;
/// `None`: over budget.
fn build<'a>(
    doc: &SchemaDoc<'a>,
    schema: &'a Value,
    depth: usize,
    visited: &mut usize,
) -> Option<Option<ReferencePaths>> {
    if depth > MAX_DEPTH {
        return Some(None);
    }
    *visited += 1;
    if *visited > BUDGET {
        return None;
    }
    let marked = schema.get("x-references").or_else(|| doc.resolve(schema).get("x-references"));
    let mut node =
        ReferencePaths { marked: marked.and_then(Value::as_str).map(str::to_string), ..ReferencePaths::default() };
    for (key, child) in doc.properties(schema) {
        if let Some(paths) = build(doc, doc.resolve(child), depth + 1, visited)? {
            node.properties.entry(key.to_string()).or_insert(paths);
        }
    }
    if let Some(items) = doc.items(schema) {
        node.items = build(doc, items, depth + 1, visited)?.map(Box::new);
    }
    Some((!node.is_empty()).then_some(node))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_paths_to_marks_are_kept() {
        let schema = json!({
            "definitions": { "agent": { "type": "string", "x-references": "role" } },
            "properties": {
                "agent": { "$ref": "#/definitions/agent" },
                "title": { "type": "string" },
                "prompts": { "properties": { "pipeline": { "items": {
                    "properties": { "prompt": { "x-references": "prompt" }, "stage": {} }
                } } } }
            }
        });
        let paths = ReferencePaths::build(&SchemaDoc::new(&schema)).unwrap_or_default();
        let mut keys: Vec<&String> = paths.properties.keys().collect();
        keys.sort();
        assert_eq!(keys, ["agent", "prompts"]);
        assert_eq!(paths.properties["agent"].marked.as_deref(), Some("role"));
        let step = paths.properties["prompts"].properties["pipeline"].items.as_deref();
        let step_keys: Vec<&String> = step.map(|s| s.properties.keys().collect()).unwrap_or_default();
        assert_eq!(step_keys, ["prompt"]);
        let none = json!({ "properties": { "role": { "type": "string" } } });
        assert!(ReferencePaths::build(&SchemaDoc::new(&none)).is_some_and(|p| p.is_empty()));
    }

    #[test]
    fn a_schema_recursing_into_several_branches_has_no_tree() {
        let schema = json!({
            "definitions": { "node": { "properties": {
                "left": { "$ref": "#/definitions/node" },
                "right": { "$ref": "#/definitions/node" },
                "agent": { "x-references": "role" }
            } } },
            "$ref": "#/definitions/node"
        });
        assert!(ReferencePaths::build(&SchemaDoc::new(&schema)).is_none());
    }
}
