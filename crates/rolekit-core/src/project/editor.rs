//! Editor queries over the project's names, for the language server and the
//! playground: go to definition, find references, document links, hover and
//! completion for the names a command or prompt uses (`agent`,
//! `fallback_agent`, `prompts.pipeline[].prompt`, `agents`,
//! `dependencies.*`, and whatever a project's own schema marks with
//! `x-references`). Independent of [`crate::ide`]: these take a
//! [`Document`], byte offsets and the index, and return plain data with byte
//! ranges.

use crate::analysis::references::{self, family_named, Reference};
use crate::analysis::{Lookup, ProjectIndex, Target};
use crate::document::Document;
use crate::policy::{layout, Family, Kind, Schemas};
use crate::schema::Schema;
use crate::syntax::yaml::PathSeg;
use crate::text::TextRange;

/// Where a document is, for the queries: its kind, the schemas in force,
/// and its path relative to the project root (for its valora tree).
#[derive(Clone, Copy)]
pub struct Place<'a> {
    pub kind: Kind,
    pub schemas: &'a Schemas,
    pub path: Option<&'a str>,
}

impl Place<'_> {
    fn schema(&self) -> Option<&Schema> {
        self.schemas.for_kind(self.kind).map(|s| &**s)
    }

    /// The valora tree names resolve in.
    pub fn tree(&self) -> &str {
        self.path.and_then(layout).map_or("", |l| l.tree)
    }
}

/// Every name `doc` uses to point at another document (for the adapter's
/// references index: store them per file, answer "find references" from them).
pub fn references_in(doc: &Document, place: &Place) -> Vec<Reference> {
    let Some(schema) = place.schema() else { return Vec::new() };
    references::references(doc, schema, &|name| family_named(name, place.schemas.custom_kinds()))
}

/// The reference under `offset`, if any.
pub fn reference_at(doc: &Document, place: &Place, offset: usize) -> Option<Reference> {
    references_in(doc, place).into_iter().find(|r| r.range.start() <= offset && offset <= r.range.end())
}

/// Go to definition: the document a name under `offset` points at.
pub fn definition<'i>(doc: &Document, place: &Place, offset: usize, index: &'i dyn ProjectIndex) -> Option<&'i Target> {
    let r = reference_at(doc, place, offset)?;
    match index.lookup(r.family, place.tree(), &r.name) {
        Lookup::Found(t) => Some(t),
        _ => None,
    }
}

/// A link from a name to the document it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameLink {
    pub range: TextRange,
    /// The target's location (path or URI, as the adapter spelled it).
    pub target: String,
    /// The target's declared name in that file, when known.
    pub target_range: Option<TextRange>,
}

/// Document links: every name of `doc` that resolves, to its document.
pub fn document_links(doc: &Document, place: &Place, index: &dyn ProjectIndex) -> Vec<NameLink> {
    let tree = place.tree();
    references_in(doc, place)
        .into_iter()
        .filter_map(|r| match index.lookup(r.family, tree, &r.name) {
            Lookup::Found(t) => Some(NameLink { range: r.range, target: t.location.clone(), target_range: t.range }),
            _ => None,
        })
        .collect()
}

/// Hover on a name: what it names (Markdown), or that it names nothing.
pub fn hover(doc: &Document, place: &Place, offset: usize, index: &dyn ProjectIndex) -> Option<(TextRange, String)> {
    let r = reference_at(doc, place, offset)?;
    let noun = family_noun(r.family, place.schemas);
    let text = match index.lookup(r.family, place.tree(), &r.name) {
        Lookup::Found(t) => {
            let mut s = format!("**{}** ({noun})", t.name);
            if let Some(d) = &t.description {
                s.push_str(&format!("\n\n{d}"));
            }
            s.push_str(&format!("\n\n`{}`", t.location));
            s
        }
        Lookup::Missing => {
            let mut s = format!("No {noun} `{}` in the project.", r.name);
            if let Some(best) = index.suggest(r.family, place.tree(), &r.name) {
                s.push_str(&format!(" Did you mean `{best}`?"));
            }
            s
        }
        Lookup::NotIndexed => format!("A {noun} name (`{}`).", r.name),
    };
    Some((r.range, text))
}

fn family_noun(family: Family, schemas: &Schemas) -> String {
    match family {
        Family::Role => "role".into(),
        Family::Command => "command".into(),
        Family::Prompt => "prompt".into(),
        Family::Custom(i) => schemas.custom_kinds().get(i as usize).cloned().unwrap_or_else(|| "document".into()),
        Family::Dialect(d) => d.name().into(),
    }
}

/// Which family the value at `path` (keys and indices from the root) names,
/// if the schema marks it as a reference: what completion should offer there.
pub fn referenced_family(place: &Place, path: &[PathSeg]) -> Option<Family> {
    let schema = place.schema()?;
    let sdoc = schema.doc();
    let node = sdoc.at_instance_path(path)?;
    let marked = node.get("x-references").or_else(|| sdoc.resolve(node).get("x-references"))?;
    family_named(marked.as_str()?, place.schemas.custom_kinds())
}

/// The family a key path names, with list levels crossed implicitly
/// (`["prompts", "pipeline", "prompt"]`), for completion from the cursor's
/// context in half-typed YAML.
pub fn referenced_family_at_keys(place: &Place, keys: &[&str]) -> Option<Family> {
    let schema = place.schema()?;
    let sdoc = schema.doc();
    let mut node = sdoc.at_path(keys.iter().copied())?;
    // A list of names: its items carry the mark.
    if node.get("x-references").is_none() {
        if let Some(items) = sdoc.items(node) {
            node = items;
        }
    }
    let marked = node.get("x-references").or_else(|| sdoc.resolve(node).get("x-references"))?;
    family_named(marked.as_str()?, place.schemas.custom_kinds())
}

/// A completion candidate for a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameCandidate {
    pub label: String,
    pub detail: Option<String>,
    pub location: String,
}

/// Every name of `family` in the document's tree, for completion.
pub fn completion_candidates(place: &Place, family: Family, index: &dyn ProjectIndex) -> Vec<NameCandidate> {
    let mut out: Vec<NameCandidate> = index
        .targets(family, place.tree())
        .into_iter()
        .map(|t| NameCandidate { label: t.name.clone(), detail: t.description.clone(), location: t.location.clone() })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| a.label.cmp(&b.label));
    out
}

/// A key a mapping may hold, with its documentation (from the schema of the
/// document's kind: built-in or the project's own).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyCandidate {
    pub key: String,
    pub info: crate::schema::Info,
    /// The key is required in that mapping.
    pub required: bool,
}

/// The keys the mapping at `keys` (a path of keys from the root, list levels
/// crossed implicitly; `[]` for the top level) may hold, in schema order.
pub fn key_candidates(place: &Place, keys: &[&str]) -> Vec<KeyCandidate> {
    let Some(schema) = place.schema() else { return Vec::new() };
    let sdoc = schema.doc();
    let Some(mut node) = sdoc.at_path(keys.iter().copied()) else { return Vec::new() };
    if sdoc.properties(node).is_empty() {
        if let Some(items) = sdoc.items(node) {
            node = items;
        }
    }
    let required: Vec<&str> = sdoc
        .resolve(node)
        .get("required")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .collect();
    sdoc.properties(node)
        .into_iter()
        .map(|(key, child)| KeyCandidate {
            key: key.to_string(),
            info: sdoc.info(child),
            required: required.contains(&key),
        })
        .collect()
}

/// Hover documentation for the key at `keys`.
pub fn key_info(place: &Place, keys: &[&str]) -> Option<crate::schema::Info> {
    let schema = place.schema()?;
    let sdoc = schema.doc();
    let parent = sdoc.at_path(keys[..keys.len().saturating_sub(1)].iter().copied())?;
    let key = keys.last()?;
    let props = sdoc.properties(parent);
    let own = props.iter().find(|(k, _)| k == key).map(|(_, v)| *v).or_else(|| {
        let items = sdoc.items(parent)?;
        sdoc.properties(items).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
    })?;
    Some(sdoc.info(own))
}

/// What a value candidate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// One of the schema's `enum` values.
    Enum,
    /// `true` or `false`.
    Boolean,
    /// A document of the project (a role, a prompt, ...).
    Name,
    /// One of the schema's `examples`.
    Example,
}

/// A value completion candidate, with its documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueCandidate {
    pub label: String,
    pub detail: Option<String>,
    pub kind: ValueKind,
}

/// The values the key at `keys` (or, for a list, its items) takes: enum
/// values with their `x-enum-descriptions`, booleans, the project's names
/// when the schema marks the key as a reference, else its examples.
pub fn value_candidates(place: &Place, keys: &[&str], index: &dyn ProjectIndex) -> Vec<ValueCandidate> {
    if let Some(family) = referenced_family_at_keys(place, keys) {
        return completion_candidates(place, family, index)
            .into_iter()
            .map(|c| ValueCandidate { label: c.label, detail: c.detail, kind: ValueKind::Name })
            .collect();
    }
    let Some(schema) = place.schema() else { return Vec::new() };
    let sdoc = schema.doc();
    let Some(node) = sdoc.at_path(keys.iter().copied()) else { return Vec::new() };
    if let Some(e) = sdoc.enum_schema(node) {
        return sdoc
            .enum_values(e)
            .into_iter()
            .map(|(v, d)| ValueCandidate { label: v, detail: (!d.is_empty()).then_some(d), kind: ValueKind::Enum })
            .collect();
    }
    let info = sdoc.info(node);
    if info.type_name == "boolean" {
        return ["true", "false"]
            .into_iter()
            .map(|b| ValueCandidate { label: b.to_string(), detail: None, kind: ValueKind::Boolean })
            .collect();
    }
    info.examples
        .into_iter()
        .filter(|e| !e.starts_with(['[', '{']))
        .map(|e| ValueCandidate { label: e, detail: None, kind: ValueKind::Example })
        .collect()
}

/// The name a document declares for itself (`role:`, a command's file name,
/// a prompt's id) with the range to highlight, for "find references" started
/// on a definition.
pub fn declared_name(doc: &Document, place: &Place) -> Option<(Family, String, TextRange)> {
    let family = place.kind.family();
    let root = doc.root()?;
    let (key, name) = match family {
        Family::Role => ("role", place.path.map(crate::policy::file_stem).map(str::to_string)),
        Family::Command => ("name", place.path.map(crate::policy::file_stem).map(str::to_string)),
        Family::Prompt => {
            let from_path = place.path.and_then(|p| {
                let folder = layout(p)?.category_folder?;
                Some(format!("{}.{}", crate::policy::folder_category(folder), crate::policy::file_stem(p)))
            });
            ("id", from_path)
        }
        Family::Custom(_) => ("name", place.path.map(crate::policy::file_stem).map(str::to_string)),
        // Vendor formats take no part in a valora project's names.
        Family::Dialect(_) => return None,
    };
    let node = root.get(key)?;
    let name = name.or_else(|| node.as_str().map(str::to_string))?;
    Some((family, name, node.range))
}

/// The references to (`family`, `name`) in `tree`, among each file's
/// references (as [`references_in`] found them, stored by the adapter).
pub fn references_to<'a>(
    family: Family,
    tree: &str,
    name: &str,
    files: impl IntoIterator<Item = (&'a str, &'a str, &'a [Reference])>,
) -> Vec<(&'a str, TextRange)> {
    let mut out = Vec::new();
    for (location, file_tree, refs) in files {
        if file_tree != tree {
            continue;
        }
        for r in refs {
            if r.family == family && r.name == name {
                out.push((location, r.range));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Config;
    use crate::project::{summarize, NameIndex};

    fn index() -> NameIndex {
        let c = Config::default();
        NameIndex::from_summaries(
            [
                ("data/agents/lead.md", "---\nrole: lead\ndescription: Technical lead\n---\n"),
                ("data/prompts/02_context/load-task.md", "---\nid: context.load-task\n---\n"),
            ]
            .into_iter()
            .filter_map(|(p, t)| summarize(&c, p, p, t)),
        )
    }

    #[test]
    fn names_in_a_command_link_hover_and_complete() {
        let text = "---\nname: plan\nagent: lead\nfallback_agent: leed\nprompts:\n  pipeline:\n    - stage: context\n      prompt: context.load-task\n---\n";
        let doc = Document::new(text.to_string());
        let schemas = Schemas::built_in();
        let place = Place { kind: Kind::Command, schemas: &schemas, path: Some("data/commands/plan.md") };
        let index = index();
        let refs = references_in(&doc, &place);
        let names: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["lead", "leed", "context.load-task"]);
        let at = text.find("lead").unwrap() + 1;
        assert_eq!(definition(&doc, &place, at, &index).map(|t| t.location.as_str()), Some("data/agents/lead.md"));
        let links = document_links(&doc, &place, &index);
        assert_eq!(links.len(), 2);
        let (range, hover_text) = hover(&doc, &place, text.find("leed").unwrap(), &index).unwrap();
        assert_eq!(range.slice(text), "leed");
        assert!(hover_text.contains("Did you mean `lead`"), "{hover_text}");
        assert_eq!(referenced_family_at_keys(&place, &["prompts", "pipeline", "prompt"]), Some(Family::Prompt));
        assert_eq!(referenced_family_at_keys(&place, &["agent"]), Some(Family::Role));
        assert_eq!(referenced_family_at_keys(&place, &["model"]), None);
        let roles = completion_candidates(&place, Family::Role, &index);
        assert_eq!(roles[0].label, "lead");
        assert_eq!(roles[0].detail.as_deref(), Some("Technical lead"));
        let found = references_to(Family::Role, "data", "lead", [("plan.md", "data", refs.as_slice())]);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn keys_and_values_follow_the_schema_of_the_kind() {
        let schemas = Schemas::built_in();
        let place = Place { kind: Kind::Command, schemas: &schemas, path: Some("data/commands/plan.md") };
        let keys = key_candidates(&place, &[]);
        assert!(keys.iter().any(|k| k.key == "agent" && !k.info.description.is_empty()));
        assert!(keys.iter().any(|k| k.key == "model" && k.required));
        let stage_keys = key_candidates(&place, &["prompts", "pipeline"]);
        assert!(stage_keys.iter().any(|k| k.key == "failure_policy"), "{stage_keys:?}");
        let models = value_candidates(&place, &["model"], &index());
        assert!(models.iter().any(|m| m.label == "claude-sonnet-4.6" && m.detail.is_some()));
        let agents = value_candidates(&place, &["agent"], &index());
        assert_eq!(agents.iter().map(|a| a.label.as_str()).collect::<Vec<_>>(), ["lead"]);
        assert!(key_info(&place, &["prompts", "pipeline", "prompt"])
            .is_some_and(|i| i.description.contains("<category>.<name>")));
        let prompt = Place { kind: Kind::Prompt, schemas: &schemas, path: Some("data/prompts/02_context/x.md") };
        let categories = value_candidates(&prompt, &["category"], &index());
        assert!(categories.iter().all(|c| c.kind == ValueKind::Enum && c.detail.is_some()));
    }
}
