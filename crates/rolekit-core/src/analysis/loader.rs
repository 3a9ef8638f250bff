//! What valora's own agent loader (`src/executor/agent-loader.ts`, v2.4.0)
//! requires beyond the schema. It reads one file, never resolves `inherits`,
//! and rejects the role unless the file itself has `role`, `version`,
//! `description`, `specialization`, `tone` and `capabilities`, and
//! `capabilities` sets all four flags. rolekit resolves `inherits` (the
//! resolved role is what `missing-required-key` checks), so a role can be
//! complete for rolekit and still fail to load in valora: these rules say so.

use super::inherits::Resolution;
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleId;

/// Keys the loader requires in the file itself.
pub const LOADER_KEYS: &[&str] = &["role", "version", "description", "specialization", "tone", "capabilities"];

/// Flags the loader requires in `capabilities`.
pub const CAPABILITY_FLAGS: &[&str] = &["can_write_knowledge", "can_write_code", "can_review_code", "can_run_tests"];

pub fn check(doc: &Document, resolution: &Resolution, out: &mut Vec<Diagnostic>) {
    let Some(root) = doc.root() else { return };
    if let Some(inherits) = doc.inherits() {
        for key in LOADER_KEYS {
            if root.entry(key).is_some() {
                continue;
            }
            // Only keys a parent supplies: a key missing everywhere is `missing-required-key`.
            let Some(parent) =
                resolution.parents.iter().find(|p| p.document.root().is_some_and(|r| r.entry(key).is_some()))
            else {
                continue;
            };
            let name = parent.document.role().unwrap_or("the parent");
            let range =
                parent.document.root().and_then(|r| r.entry(key)).map_or(parent.document.fence(), |e| e.key.range);
            out.push(
                Diagnostic::new(
                    RuleId::LoaderInheritedKey,
                    inherits.range,
                    format!(
                        "valora's loader requires `{key}` in this file and does not follow `inherits`: `{key}` comes only from \
                         `{name}` ({}), so valora cannot load this role; copy `{key}` here",
                        parent.location
                    ),
                )
                .with_related(Related {
                    message: format!("`{key}` is set in `{name}`"),
                    location: Some(parent.location.clone()),
                    range,
                }),
            );
        }
    }
    let Some(entry) = root.entry("capabilities") else { return };
    if !matches!(entry.value.value, crate::syntax::yaml::NodeValue::Mapping(_)) {
        return; // not a mapping: `invalid-type`
    }
    let missing: Vec<&str> = CAPABILITY_FLAGS.iter().copied().filter(|f| entry.value.entry(f).is_none()).collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let noun = if missing.len() == 1 { "flag" } else { "flags" };
    out.push(Diagnostic::new(
        RuleId::LoaderCapabilities,
        entry.key.range,
        format!(
            "`capabilities` lacks the {noun} {list}: valora's loader rejects a role unless its own `capabilities` sets \
             all four (`can_write_knowledge`, `can_write_code`, `can_review_code`, `can_run_tests`)"
        ),
    ));
}
