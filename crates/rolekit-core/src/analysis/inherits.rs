//! `inherits`: following the parent chain, merging it into the resolved role,
//! and the rules that depend on it (unknown parent, cycles, required keys).

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::{Context, Parent, Resolver};
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleId;
use crate::schema::Schema;

/// Longest parent chain followed.
pub const MAX_CHAIN: usize = 64;

/// The parents of a document, nearest first, and why the chain stopped.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    pub parents: Vec<Parent>,
    pub error: Option<ChainError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainError {
    /// No role named `name` (asked for by `by`, the child's own role or a parent).
    Unknown {
        name: String,
        by: Option<String>,
    },
    /// The chain returns to a role already on it; `chain` lists the roles in order.
    Cycle {
        chain: Vec<String>,
    },
    TooLong,
}

pub fn resolve(doc: &Document, resolver: &dyn Resolver) -> Resolution {
    let mut resolution = Resolution::default();
    let Some(first) = doc.inherits().and_then(|n| n.as_str()) else {
        return resolution;
    };
    let mut chain: Vec<String> = doc.role().map(str::to_string).into_iter().collect();
    let mut seen: HashSet<String> = chain.iter().cloned().collect();
    let mut next = first.to_string();
    let mut asked_by: Option<String> = None;
    loop {
        if !seen.insert(next.clone()) {
            chain.push(next);
            resolution.error = Some(ChainError::Cycle { chain });
            return resolution;
        }
        if resolution.parents.len() >= MAX_CHAIN {
            resolution.error = Some(ChainError::TooLong);
            return resolution;
        }
        let Some(parent) = resolver.parent(&next) else {
            resolution.error = Some(ChainError::Unknown { name: next, by: asked_by });
            return resolution;
        };
        let grand = parent.document.inherits().and_then(|n| n.as_str()).map(str::to_string);
        chain.push(next.clone());
        asked_by = Some(next);
        resolution.parents.push(parent);
        match grand {
            Some(g) => next = g,
            None => return resolution,
        }
    }
}

pub fn check(
    doc: &Document,
    ctx: &Context,
    resolution: &Resolution,
    schema: Option<&Schema>,
    out: &mut Vec<Diagnostic>,
) {
    if let (Some(stem), Some(role_node)) = (ctx.file_stem, doc.root().and_then(|r| r.get("role"))) {
        if let Some(role) = role_node.as_str().filter(|r| !r.is_empty() && *r != stem) {
            out.push(Diagnostic::new(
                RuleId::RoleFilenameMismatch,
                role_node.range,
                format!("`role` is `{role}` but the file is `{stem}.md`; loaders find a role by its file name"),
            ));
        }
    }
    if let (Some(node), Some(error)) = (doc.inherits(), &resolution.error) {
        let d = match error {
            ChainError::Unknown { name, by: None } => Diagnostic::new(
                RuleId::InheritsUnknownParent,
                node.range,
                format!("no role `{name}` found: expected `{name}.md` in the same folder"),
            ),
            ChainError::Unknown { name, by: Some(by) } => Diagnostic::new(
                RuleId::InheritsUnknownParent,
                node.range,
                format!("the parent chain is broken: `{by}` inherits `{name}`, which is not found"),
            ),
            ChainError::Cycle { chain } => {
                Diagnostic::new(RuleId::InheritsCycle, node.range, format!("inheritance cycle: {}", chain.join(" → ")))
            }
            ChainError::TooLong => Diagnostic::new(
                RuleId::InheritsTooDeep,
                node.range,
                format!("the parent chain is longer than {MAX_CHAIN} roles; rolekit stops following it"),
            ),
        };
        out.push(d);
    }
    let required: Vec<&str> = match schema {
        Some(s) => s.required().collect(),
        None => Vec::new(),
    };
    missing_required(doc, resolution, &required, out);
}

/// Required keys absent from the document and from every parent.
fn missing_required(doc: &Document, resolution: &Resolution, required: &[&str], out: &mut Vec<Diagnostic>) {
    // A frontmatter that is not a mapping has its own diagnostic; an empty one misses everything.
    if doc.yaml().root.as_ref().is_some_and(|r| !r.is_null()) && doc.root().is_none() {
        return;
    }
    let root = doc.root();
    // When the chain is broken, keys may live in the missing parent: say nothing.
    if resolution.error.is_some() {
        return;
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|k| root.is_none_or(|r| r.entry(k).is_none()))
        .filter(|k| !resolution.parents.iter().any(|p| p.document.root().is_some_and(|r| r.entry(k).is_some())))
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let (noun, verb) = if missing.len() == 1 { ("key", "is") } else { ("keys", "are") };
    let message = if resolution.parents.is_empty() {
        format!("missing required {noun} {list}")
    } else {
        let chain = resolution.parents.iter().filter_map(|p| p.document.role()).collect::<Vec<_>>().join(" → ");
        format!("missing required {noun} {list}: {verb} set neither here nor in the parent chain ({chain})")
    };
    let mut d = Diagnostic::new(RuleId::MissingRequiredKey, doc.fence(), message);
    for p in &resolution.parents {
        d = d.with_related(Related {
            message: "parent role".into(),
            location: Some(p.location.clone()),
            range: p.document.fence(),
        });
    }
    out.push(d);
}

/// The role as a loader that honours `inherits` sees it: the farthest parent
/// first, each nearer role's keys over it (mappings merged key by key).
pub fn resolved_role(doc: &Document, resolution: &Resolution) -> Value {
    merged_role(&doc.yaml().to_json().unwrap_or(Value::Null), resolution)
}

/// [`resolved_role`] from the document's frontmatter already converted to JSON.
pub fn merged_role(own: &Value, resolution: &Resolution) -> Value {
    if resolution.parents.is_empty() {
        return own.clone();
    }
    let mut merged = Map::new();
    for parent in resolution.parents.iter().rev() {
        overlay(&mut merged, &parent.document.yaml().to_json().unwrap_or(Value::Null));
    }
    overlay(&mut merged, own);
    Value::Object(merged)
}

fn overlay(base: &mut Map<String, Value>, top: &Value) {
    let Value::Object(top) = top else { return };
    for (key, value) in top {
        match (base.get_mut(key), value) {
            (Some(Value::Object(b)), Value::Object(t)) => {
                for (k, v) in t {
                    b.insert(k.clone(), v.clone());
                }
            }
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}
