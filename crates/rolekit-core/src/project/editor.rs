//! Editor queries over the project's names, for the language server and the
//! playground: go to definition, find references, document links, hover and
//! completion for the names a command or prompt uses (`agent`,
//! `fallback_agent`, `prompts.pipeline[].prompt`, `agents`,
//! `dependencies.*`, and whatever a project's own schema marks with
//! `x-references`). Independent of [`crate::ide`]: these take a
//! [`Document`], byte offsets and the index, and return plain data with byte
//! ranges.

use serde::Serialize;

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
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
}
