//! Names that point at other documents: a command's `agent` and
//! `fallback_agent`, its pipeline's `prompt`s, a prompt's `agents` and
//! `dependencies`. Which values are names is data: the schema marks them with
//! `"x-references": "role"` (or `prompt`, `command`, a custom kind's name),
//! so a project's own schema declares its references the same way.
//!
//! Every name is looked up in the project index ([`super::ProjectIndex`]):
//! one hash lookup per reference, never a scan of other files.

use serde_json::Value;

use super::{Lookup, Project};
use crate::diagnostic::{Diagnostic, Edit, Fix, Related};
use crate::document::Document;
use crate::policy::Family;
use crate::rules::RuleId;
use crate::schema::{Schema, SchemaDoc};
use crate::syntax::yaml::{Node, NodeValue, PathSeg};
use crate::text::TextRange;

/// A name in a document that refers to another document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub family: Family,
    pub name: String,
    /// The value's range (quotes included when it is quoted).
    pub range: TextRange,
    /// Where in the frontmatter: keys and indices.
    pub path: Vec<PathSeg>,
}

use crate::schema::reference_paths::{ReferencePaths, MAX_DEPTH};

/// Every reference of `doc`, found where `schema` marks values with
/// `x-references` (along the schema's [`ReferencePaths`], or by walking the
/// schema when it has none). `family_named` turns a name (`role`, `prompt`, a custom
/// kind) into its family.
pub fn references(doc: &Document, schema: &Schema, family_named: &dyn Fn(&str) -> Option<Family>) -> Vec<Reference> {
    let mut out = Vec::new();
    if let Some(root) = doc.root() {
        let mut path = Vec::new();
        match schema.reference_paths() {
            Some(paths) => follow(root, paths, family_named, &mut path, &mut out),
            None => {
                let sdoc = schema.doc();
                walk(root, sdoc.root(), &sdoc, family_named, &mut path, &mut out);
            }
        }
    }
    out
}

/// The reference at `node` if `marked` names a family: `Some(())` when the
/// node is a marked value (searched no deeper), whether or not it held a name.
fn marked_value(
    node: &Node,
    marked: Option<&str>,
    family_named: &dyn Fn(&str) -> Option<Family>,
    path: &[PathSeg],
    out: &mut Vec<Reference>,
) -> Option<()> {
    let family = marked.and_then(family_named)?;
    if let Some(name) = node.as_scalar().map(|s| s.text.as_str()).filter(|s| !s.is_empty()) {
        if !node.is_null() {
            out.push(Reference { family, name: name.to_string(), range: node.range, path: path.to_vec() });
        }
    }
    Some(())
}

/// [`walk`] over the schema's [`ReferencePaths`]: only keys that lead to a mark.
fn follow(
    node: &Node,
    paths: &ReferencePaths,
    family_named: &dyn Fn(&str) -> Option<Family>,
    path: &mut Vec<PathSeg>,
    out: &mut Vec<Reference>,
) {
    if path.len() > MAX_DEPTH || marked_value(node, paths.marked.as_deref(), family_named, path, out).is_some() {
        return;
    }
    match &node.value {
        NodeValue::Mapping(entries) if !paths.properties.is_empty() => {
            for e in entries {
                let key = e.key_text();
                if let Some(child) = paths.properties.get(key) {
                    path.push(PathSeg::Key(key.to_string()));
                    follow(&e.value, child, family_named, path, out);
                    path.pop();
                }
            }
        }
        NodeValue::Sequence(items) => {
            if let Some(child) = &paths.items {
                for (i, item) in items.iter().enumerate() {
                    path.push(PathSeg::Index(i));
                    follow(item, child, family_named, path, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

fn walk<'s>(
    node: &Node,
    schema: &'s Value,
    sdoc: &SchemaDoc<'s>,
    family_named: &dyn Fn(&str) -> Option<Family>,
    path: &mut Vec<PathSeg>,
    out: &mut Vec<Reference>,
) {
    if path.len() > MAX_DEPTH {
        return;
    }
    let marked = schema.get("x-references").or_else(|| sdoc.resolve(schema).get("x-references"));
    if marked_value(node, marked.and_then(Value::as_str), family_named, path, out).is_some() {
        return;
    }
    match &node.value {
        NodeValue::Mapping(entries) => {
            for e in entries {
                let key = e.key_text();
                if let Some(child) = sdoc.property(schema, key) {
                    path.push(PathSeg::Key(key.to_string()));
                    walk(&e.value, child, sdoc, family_named, path, out);
                    path.pop();
                }
            }
        }
        NodeValue::Sequence(items) => {
            if let Some(child) = sdoc.items(schema) {
                for (i, item) in items.iter().enumerate() {
                    path.push(PathSeg::Index(i));
                    walk(item, child, sdoc, family_named, path, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// The family a schema's `x-references` value names.
pub fn family_named(name: &str, custom_kinds: &[String]) -> Option<Family> {
    Family::built_in(name)
        .or_else(|| custom_kinds.iter().position(|k| k == name).and_then(|i| u16::try_from(i).ok()).map(Family::Custom))
}

/// Checks that every reference of `doc` names an existing document.
pub fn check(doc: &Document, _json: &Value, schema: Option<&Schema>, project: &Project, out: &mut Vec<Diagnostic>) {
    let Some(schema) = schema else { return };
    let tree = project.tree();
    let refs = references(doc, schema, &|name| family_named(name, project.schemas.custom_kinds()));
    let mut suggested = 0;
    for r in refs {
        match project.index.lookup(r.family, tree, &r.name) {
            Lookup::Found(_) | Lookup::NotIndexed => {}
            Lookup::Missing => {
                // Did-you-mean for the first names only: a generated file of
                // thousands of unknown names is not a typo.
                let suggestion = if suggested < 100 { project.index.suggest(r.family, tree, &r.name) } else { None };
                suggested += 1;
                out.push(unknown(doc, &r, tree, suggestion));
            }
        }
    }
}

fn unknown(doc: &Document, r: &Reference, tree: &str, suggestion: Option<String>) -> Diagnostic {
    let key = super::schema_rules::display_path(&r.path);
    let folder = |f: &str| if tree.is_empty() { format!("{f}/") } else { format!("{tree}/{f}/") };
    let hint =
        |f: &str, name: &str| if tree.is_empty() { String::new() } else { format!(" (no `{}{name}.md`)", folder(f)) };
    let (rule, what) = match r.family {
        Family::Role => {
            (RuleId::UnknownAgent, format!("no role `{}` in the project{}", r.name, hint("agents", &r.name)))
        }
        Family::Prompt => {
            let hint = match r.name.split_once('.') {
                Some(_) if tree.is_empty() => String::new(),
                Some((category, name)) => format!(" (no `{}NN_{category}/{name}.md` with this id)", folder("prompts")),
                None => " (a prompt id is `<category>.<name>`)".to_string(),
            };
            (RuleId::UnknownPrompt, format!("no prompt `{}` in the project{hint}", r.name))
        }
        Family::Command => {
            (RuleId::UnknownReference, format!("no command `{}` in the project{}", r.name, hint("commands", &r.name)))
        }
        Family::Custom(_) | Family::Dialect(_) => {
            (RuleId::UnknownReference, format!("no document named `{}` of the kind `{key}` refers to", r.name))
        }
    };
    let mut d = Diagnostic::new(rule, r.range, format!("`{key}` names {what}"));
    if let Some(s) = suggestion {
        d.message.push_str(&format!("; did you mean `{s}`?"));
        let range = unquoted(doc, r.range);
        d = d.with_fix(Fix::suggestion(format!("Change to `{s}`"), vec![Edit::replace(range, s)]));
    }
    d
}

/// The range inside quotes, for a quoted value.
fn unquoted(doc: &Document, range: TextRange) -> TextRange {
    let text = range.slice(doc.text());
    let quoted = text.len() >= 2
        && (text.starts_with('"') && text.ends_with('"') || text.starts_with('\'') && text.ends_with('\''));
    if quoted {
        TextRange::new(range.start() + 1, range.end() - 1)
    } else {
        range
    }
}

/// A related location for a reference's target, for messages that point at it.
pub fn target_related(message: &str, target: &super::Target) -> Related {
    Related {
        message: message.to_string(),
        location: Some(target.location.clone()),
        range: target.range.unwrap_or(TextRange::empty(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{builtin, BuiltIn};

    /// Every reference through the schema itself (what [`ReferencePaths`] stands for).
    fn walked(doc: &Document, schema: &Schema) -> Vec<Reference> {
        let mut out = Vec::new();
        if let Some(root) = doc.root() {
            let sdoc = schema.doc();
            walk(root, sdoc.root(), &sdoc, &Family::built_in, &mut Vec::new(), &mut out);
        }
        out
    }

    #[test]
    fn paths_find_what_walking_the_schema_finds() {
        let data = rolekit_test_corpus::Corpus::get().dir("valora-project/data");
        let files = rolekit_test_corpus::Corpus::get().markdown_files();
        let files: Vec<_> = files.iter().filter(|p| p.starts_with(&data)).collect();
        assert!(files.len() > 40, "{} files", files.len());
        let mut found = 0;
        for built_in in [BuiltIn::Role, BuiltIn::Command, BuiltIn::Prompt] {
            let schema = builtin(built_in);
            assert!(schema.reference_paths().is_some(), "{built_in:?}");
            for path in &files {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let doc = Document::new(text);
                let refs = references(&doc, schema, &Family::built_in);
                assert_eq!(refs, walked(&doc, schema), "{}", path.display());
                found += refs.len();
            }
        }
        assert!(found > 100, "{found} references");
    }
}
