//! Editor features for a document that is part of a project: the names a
//! command or prompt uses (`agent`, `fallback_agent`,
//! `prompts.pipeline[].prompt`, a prompt's `agents` and `dependencies`, and
//! whatever a project's own schema marks with `x-references`) resolve
//! against a [`ProjectIndex`], and keys and values follow the schema of the
//! document's kind. The language server and the playground call these; they
//! only convert byte ranges and find the files.
//!
//! Each function combines the project's names with the single-document
//! feature of [`crate::ide`] (`inherits`, the role schema), so an adapter
//! makes one call per request:
//!
//! | request | function |
//! |---|---|
//! | go to definition | [`definition`] |
//! | find references | [`references`] over [`file_references`] stored per file |
//! | completion | [`completions`] |
//! | hover | [`hover`] |
//! | document links | [`document_links`] |
//!
//! Every function is linear in the document plus one index lookup per name.

use super::context::{cursor_context, CursorContext, Region, Slot};
use super::{CompletionItem, CompletionKind, Hover, Link, RoleSummary};
use crate::analysis::references::Reference;
use crate::analysis::{Lookup, ProjectIndex};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::policy::{Family, Kind};
use crate::project::editor::{self, ValueKind};
use crate::text::TextRange;

pub use crate::project::editor::Place;

/// Whether the document is checked against the role schema the
/// single-document features of [`crate::ide`] know.
fn is_role(place: &Place) -> bool {
    matches!(place.kind, Kind::Role | Kind::RoleTemplate) && place.schemas.role_is_built_in()
}

/// Go to definition: the document a name under `offset` names (a role, a
/// prompt, a command, a document of a kind of your own), else the parent an
/// `inherits` value names among `roles`.
pub fn definition(
    doc: &Document,
    place: &Place,
    offset: usize,
    index: &dyn ProjectIndex,
    roles: &[RoleSummary],
) -> Option<Link> {
    let offset = super::context::clamp(doc.text(), offset);
    if let Some(r) = editor::reference_at(doc, place, offset) {
        return match index.lookup(r.family, place.tree(), &r.name) {
            Lookup::Found(t) => Some(Link { range: r.range, target: t.location.clone() }),
            Lookup::Missing | Lookup::NotIndexed => None,
        };
    }
    super::definition(doc, offset, roles)
}

/// Document links: every name of `doc` that resolves, and its `inherits`
/// parent, in document order.
pub fn document_links(doc: &Document, place: &Place, index: &dyn ProjectIndex, roles: &[RoleSummary]) -> Vec<Link> {
    let mut out: Vec<Link> = editor::document_links(doc, place, index)
        .into_iter()
        .map(|l| Link { range: l.range, target: l.target })
        .collect();
    out.extend(super::document_links(doc, roles));
    crate::sort::sort_by_key(&mut out, |l| (l.range.start(), l.range.end()));
    out
}

/// The names `doc` uses, for the adapter to store per file (find references
/// then reads the stored lists, never the other files).
pub fn file_references(doc: &Document, place: &Place) -> Vec<Reference> {
    editor::references_in(doc, place)
}

/// A place in a file: where a reference or a declaration is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file, as the adapter names it.
    pub location: String,
    pub range: TextRange,
}

/// A file's stored references, for [`references`].
#[derive(Clone, Copy, Debug)]
pub struct FileReferences<'a> {
    pub location: &'a str,
    /// Its valora tree (`Place::tree`).
    pub tree: &'a str,
    pub references: &'a [Reference],
}

/// Find references: the name under `offset` (a name this document uses, or
/// the name it declares: `role:`, `name:`, `id:`) and every use of it in
/// `files` of the same tree; with `include_declaration`, the document that
/// declares it first (when the index knows it).
pub fn references<'a>(
    doc: &Document,
    place: &Place,
    offset: usize,
    index: &dyn ProjectIndex,
    files: impl IntoIterator<Item = FileReferences<'a>>,
    include_declaration: bool,
) -> Vec<Location> {
    let offset = super::context::clamp(doc.text(), offset);
    let (family, name) = match editor::reference_at(doc, place, offset) {
        Some(r) => (r.family, r.name),
        None => match editor::declared_name(doc, place) {
            Some((family, name, range)) if range.start() <= offset && offset <= range.end() => (family, name),
            _ => return Vec::new(),
        },
    };
    let tree = place.tree();
    let mut out = Vec::new();
    if include_declaration {
        if let Lookup::Found(t) = index.lookup(family, tree, &name) {
            out.push(Location { location: t.location.clone(), range: t.range.unwrap_or(TextRange::empty(0)) });
        }
    }
    let files: Vec<FileReferences<'a>> = files.into_iter().collect();
    let found = editor::references_to(family, tree, &name, files.iter().map(|f| (f.location, f.tree, f.references)));
    out.extend(found.into_iter().map(|(location, range)| Location { location: location.to_string(), range }));
    out
}

/// Hover: what a name names (or that it names nothing, with a did-you-mean),
/// else the documentation of the key or value from the schema of the
/// document's kind (for roles, everything [`crate::ide::hover()`] shows,
/// diagnostics included).
pub fn hover(
    doc: &Document,
    place: &Place,
    offset: usize,
    diagnostics: &[Diagnostic],
    index: &dyn ProjectIndex,
    roles: &[RoleSummary],
) -> Option<Hover> {
    let offset = super::context::clamp(doc.text(), offset);
    if let Some((range, markdown)) = editor::hover(doc, place, offset, index) {
        return Some(Hover { range, markdown });
    }
    if is_role(place) {
        // The built-in role schema's documentation; a key `[allow-keys]`
        // added to it is answered below, from the schema in force.
        if let Some(h) = super::hover(doc, offset, diagnostics, roles) {
            return Some(h);
        }
    }
    let ctx = cursor_context(doc, offset);
    if ctx.region != Region::Frontmatter {
        return None;
    }
    match ctx.slot {
        Slot::Key => {
            let range = ctx.key_range.filter(|r| r.start() <= offset && offset <= r.end())?;
            let keys = ctx.key_path();
            let info = editor::key_info(place, &keys)?;
            let mut md = format!("**{}** · {}", keys.join("."), info.type_name);
            if !info.description.is_empty() {
                md.push_str(&format!("\n\n{}", info.description));
            }
            Some(Hover { range, markdown: md })
        }
        Slot::Value | Slot::ListItem => {
            let keys = ctx.key_path();
            let word = ctx.value.filter(|r| !r.is_empty()).unwrap_or(ctx.word);
            let value = word.slice(doc.text()).trim().trim_matches(['"', '\'']);
            let candidate = editor::value_candidates(place, &keys, index)
                .into_iter()
                .find(|c| c.label == value && c.kind == ValueKind::Enum)?;
            let md = format!("**{value}** (`{}`)\n\n{}", keys.join("."), candidate.detail.unwrap_or_default());
            Some(Hover { range: word, markdown: md })
        }
        Slot::None => None,
    }
}

/// Completion: the project's names where the schema of the document's kind
/// expects one, its keys and values elsewhere in the frontmatter (for roles,
/// everything [`crate::ide::completions`] offers).
pub fn completions(
    doc: &Document,
    place: &Place,
    offset: usize,
    index: &dyn ProjectIndex,
    roles: &[RoleSummary],
) -> Vec<CompletionItem> {
    let ctx = cursor_context(doc, offset);
    if ctx.region == Region::Frontmatter && matches!(ctx.slot, Slot::Value | Slot::ListItem) {
        let keys = ctx.key_path();
        if let Some(family) = editor::referenced_family_at_keys(place, &keys) {
            return names(place, family, index, ctx.word, &ctx.list_items);
        }
    }
    if is_role(place) {
        let mut items = super::completions(doc, offset, roles, place.path.map(crate::policy::file_stem));
        if ctx.region == Region::Frontmatter && ctx.slot == Slot::Key && ctx.path.is_empty() {
            // Keys `[allow-keys]` added to the built-in role schema.
            let known: Vec<String> = items.iter().map(|i| i.label.clone()).collect();
            items.extend(key_items(doc, place, &ctx).into_iter().filter(|i| !known.contains(&i.label)));
        }
        return items;
    }
    if ctx.region != Region::Frontmatter {
        return Vec::new();
    }
    match ctx.slot {
        Slot::Key => key_items(doc, place, &ctx),
        Slot::Value | Slot::ListItem => {
            let keys = ctx.key_path();
            editor::value_candidates(place, &keys, index)
                .into_iter()
                .filter(|c| !ctx.list_items.contains(&c.label))
                .enumerate()
                .map(|(i, c)| CompletionItem {
                    insert_text: c.label.clone(),
                    label: c.label,
                    kind: if c.kind == ValueKind::Enum { CompletionKind::EnumMember } else { CompletionKind::Value },
                    detail: None,
                    documentation: c.detail,
                    is_snippet: false,
                    range: ctx.word,
                    sort_text: format!("{i:04}"),
                    preselect: false,
                })
                .collect()
        }
        Slot::None => Vec::new(),
    }
}

/// The keys the schema in force allows where the cursor is, as completion
/// items (keys already written left out, unless being retyped).
fn key_items(doc: &Document, place: &Place, ctx: &CursorContext) -> Vec<CompletionItem> {
    let path: Vec<&str> = ctx.path.iter().map(String::as_str).collect();
    let typed = ctx.colon_follows.then(|| ctx.word.slice(doc.text()));
    editor::key_candidates(place, &path)
        .into_iter()
        .filter(|k| !ctx.present_keys.contains(&k.key) || typed == Some(k.key.as_str()))
        .enumerate()
        .map(|(i, k)| {
            let insert = if ctx.colon_follows { k.key.clone() } else { format!("{}: ", k.key) };
            let detail = if k.required { format!("{} · required", k.info.type_name) } else { k.info.type_name };
            CompletionItem {
                label: k.key,
                kind: CompletionKind::Key,
                detail: Some(detail),
                documentation: (!k.info.description.is_empty()).then_some(k.info.description),
                insert_text: insert,
                is_snippet: false,
                range: ctx.word,
                sort_text: format!("{}{i:04}", if k.required { 0 } else { 1 }),
                preselect: false,
            }
        })
        .collect()
}

/// The documents of `family` in the document's tree, as completion items
/// replacing `word` (names already in the list left out).
fn names(
    place: &Place,
    family: Family,
    index: &dyn ProjectIndex,
    word: TextRange,
    taken: &[String],
) -> Vec<CompletionItem> {
    editor::completion_candidates(place, family, index)
        .into_iter()
        .filter(|c| !taken.contains(&c.label))
        .enumerate()
        .map(|(i, c)| CompletionItem {
            insert_text: c.label.clone(),
            label: c.label,
            kind: CompletionKind::Value,
            detail: Some(c.location),
            documentation: c.detail,
            is_snippet: false,
            range: word,
            sort_text: format!("{i:05}"),
            preselect: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::NoIndex;
    use crate::policy::{Config, Schemas};
    use crate::project::{summarize, NameIndex};

    const LEAD: &str = "---\nrole: lead\ndescription: Technical lead\nversion: 1.0.0\n---\n";
    const PROMPT: &str = "---\nid: context.load-task\ncategory: context\ndescription: Load the task\nagents:\n  - lead\ndependencies:\n  requires:\n    - context.load-plan\n---\n";
    const PLAN_PROMPT: &str = "---\nid: context.load-plan\ncategory: context\ndescription: Load the plan\n---\n";
    const COMMAND: &str = "---\nname: plan\nagent: lead\nfallback_agent: leed\nmodel: claude-sonnet-4.6\nprompts:\n  pipeline:\n    - stage: context\n      prompt: context.load-task\n    - stage: plan\n      prompt: \n---\n# Plan\n";

    fn index() -> NameIndex {
        let c = Config::default();
        NameIndex::from_summaries(
            [
                ("data/agents/lead.md", LEAD),
                ("data/prompts/02_context/load-task.md", PROMPT),
                ("data/prompts/02_context/load-plan.md", PLAN_PROMPT),
                ("data/commands/plan.md", COMMAND),
            ]
            .into_iter()
            .filter_map(|(p, t)| summarize(&c, p, p, t)),
        )
    }

    fn place<'a>(kind: Kind, schemas: &'a Schemas, path: &'a str) -> Place<'a> {
        Place { kind, schemas, path: Some(path) }
    }

    #[test]
    fn command_names_go_to_their_documents() {
        let schemas = Schemas::built_in();
        let p = place(Kind::Command, &schemas, "data/commands/plan.md");
        let doc = Document::new(COMMAND.to_string());
        let index = index();
        let at = COMMAND.find("agent: lead").unwrap() + "agent: l".len();
        let link = definition(&doc, &p, at, &index, &[]).unwrap();
        assert_eq!((link.range.slice(COMMAND), link.target.as_str()), ("lead", "data/agents/lead.md"));
        let at = COMMAND.find("context.load-task").unwrap() + 3;
        let link = definition(&doc, &p, at, &index, &[]).unwrap();
        assert_eq!(link.target, "data/prompts/02_context/load-task.md");
        // An unknown name goes nowhere, and hover says what it might be.
        let at = COMMAND.find("leed").unwrap() + 1;
        assert_eq!(definition(&doc, &p, at, &index, &[]), None);
        let h = hover(&doc, &p, at, &[], &index, &[]).unwrap();
        assert_eq!(h.range.slice(COMMAND), "leed");
        assert!(h.markdown.contains("No role `leed`") && h.markdown.contains("Did you mean `lead`"), "{}", h.markdown);
        let h = hover(&doc, &p, COMMAND.find("lead").unwrap(), &[], &index, &[]).unwrap();
        assert!(h.markdown.contains("**lead** (role)") && h.markdown.contains("Technical lead"), "{}", h.markdown);
        let links: Vec<(&str, String)> =
            document_links(&doc, &p, &index, &[]).into_iter().map(|l| (l.range.slice(COMMAND), l.target)).collect();
        assert_eq!(
            links,
            [
                ("lead", "data/agents/lead.md".to_string()),
                ("context.load-task", "data/prompts/02_context/load-task.md".into())
            ]
        );
        // Out of range offsets answer nothing, never panic.
        assert_eq!(definition(&doc, &p, usize::MAX, &index, &[]), None);
        assert!(hover(&doc, &p, usize::MAX, &[], &index, &[]).is_none());
    }

    #[test]
    fn prompt_agents_and_dependencies_resolve_and_complete() {
        let schemas = Schemas::built_in();
        let p = place(Kind::Prompt, &schemas, "data/prompts/02_context/load-task.md");
        let doc = Document::new(PROMPT.to_string());
        let index = index();
        let at = PROMPT.find("- lead").unwrap() + 3;
        assert_eq!(definition(&doc, &p, at, &index, &[]).map(|l| l.target), Some("data/agents/lead.md".into()));
        let at = PROMPT.find("context.load-plan").unwrap() + 2;
        assert_eq!(
            definition(&doc, &p, at, &index, &[]).map(|l| l.target),
            Some("data/prompts/02_context/load-plan.md".into())
        );
        // Completion of a dependency offers the prompts of the tree.
        let text = PROMPT.replace("    - context.load-plan\n", "    - context.load-plan\n    - \n");
        let doc = Document::new(text.clone());
        let at = text.find("    - \n").unwrap() + 6;
        let labels: Vec<String> = completions(&doc, &p, at, &index, &[]).into_iter().map(|c| c.label).collect();
        assert_eq!(labels, ["context.load-task"], "the listed one is left out");
    }

    #[test]
    fn completion_offers_names_keys_and_values_of_the_kind() {
        let schemas = Schemas::built_in();
        let p = place(Kind::Command, &schemas, "data/commands/plan.md");
        let doc = Document::new(COMMAND.to_string());
        let index = index();
        // The empty pipeline prompt: every prompt id of the tree.
        let at = COMMAND.find("prompt: \n").unwrap() + "prompt: ".len();
        let items = completions(&doc, &p, at, &index, &[]);
        let labels: Vec<&str> = items.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["context.load-plan", "context.load-task"]);
        assert_eq!(items[1].documentation.as_deref(), Some("Load the task"));
        // `agent:` offers roles.
        let text = COMMAND.replace("agent: lead\n", "agent: \n");
        let doc = Document::new(text.clone());
        let at = text.find("agent: \n").unwrap() + "agent: ".len();
        let labels: Vec<String> = completions(&doc, &p, at, &index, &[]).into_iter().map(|c| c.label).collect();
        assert_eq!(labels, ["lead"]);
        // Keys come from the command schema, not the role schema.
        let text = COMMAND.replace("model: claude-sonnet-4.6\n", "model: claude-sonnet-4.6\nal\n");
        let doc = Document::new(text.clone());
        let at = text.find("\nal\n").unwrap() + 3;
        let keys: Vec<String> = completions(&doc, &p, at, &index, &[]).into_iter().map(|c| c.label).collect();
        assert!(keys.contains(&"allowed-tools".to_string()), "{keys:?}");
        assert!(!keys.contains(&"role".to_string()) && !keys.contains(&"name".to_string()), "{keys:?}");
        // Values of an enum key, and its hover.
        let at = COMMAND.find("claude-sonnet-4.6").unwrap() + 2;
        let models: Vec<String> = completions(&doc, &p, at, &index, &[]).into_iter().map(|c| c.label).collect();
        assert!(models.contains(&"claude-sonnet-4.6".to_string()), "{models:?}");
        let doc = Document::new(COMMAND.to_string());
        let h = hover(&doc, &p, at, &[], &index, &[]).unwrap();
        assert!(h.markdown.starts_with("**claude-sonnet-4.6** (`model`)"), "{}", h.markdown);
        let h = hover(&doc, &p, COMMAND.find("model").unwrap() + 1, &[], &index, &[]).unwrap();
        assert!(h.markdown.starts_with("**model**"), "{}", h.markdown);
    }

    #[test]
    fn references_from_a_use_or_from_the_declaration() {
        let schemas = Schemas::built_in();
        let index = index();
        let command = place(Kind::Command, &schemas, "data/commands/plan.md");
        let prompt = place(Kind::Prompt, &schemas, "data/prompts/02_context/load-task.md");
        let role = place(Kind::Role, &schemas, "data/agents/lead.md");
        let (cdoc, pdoc, rdoc) =
            (Document::new(COMMAND.into()), Document::new(PROMPT.into()), Document::new(LEAD.into()));
        let stored = [
            ("data/commands/plan.md".to_string(), file_references(&cdoc, &command)),
            ("data/prompts/02_context/load-task.md".to_string(), file_references(&pdoc, &prompt)),
        ];
        let files = || stored.iter().map(|(l, r)| FileReferences { location: l, tree: "data", references: r });
        // From `role: lead` in the role itself: the command's `agent` and the prompt's `agents`.
        let at = LEAD.find("lead").unwrap() + 1;
        let found = references(&rdoc, &role, at, &index, files(), true);
        let shown: Vec<(&str, &str)> = found
            .iter()
            .map(|l| {
                let text = if l.location.contains("commands") {
                    COMMAND
                } else if l.location.contains("prompts") {
                    PROMPT
                } else {
                    LEAD
                };
                (l.location.as_str(), l.range.slice(text))
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("data/agents/lead.md", "lead"),
                ("data/commands/plan.md", "lead"),
                ("data/prompts/02_context/load-task.md", "lead")
            ]
        );
        // From a use: the prompt id in the pipeline.
        let at = COMMAND.find("context.load-task").unwrap();
        let found = references(&cdoc, &command, at, &index, files(), false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location, "data/commands/plan.md");
        // Elsewhere: nothing.
        assert!(references(&cdoc, &command, 0, &index, files(), true).is_empty());
    }

    #[test]
    fn keys_allowed_in_roles_are_completed_and_documented() {
        let config = Config::parse("[allow-keys]\nrole = [\"owner\"]\n").unwrap_or_else(|e| panic!("{e:?}"));
        let schemas =
            crate::policy::schemas::load(&config, &mut |_| Err("none".into())).unwrap_or_else(|e| panic!("{e:?}"));
        let p = place(Kind::Role, &schemas, "data/agents/qa.md");
        let blank = "---\nrole: qa\n\nown: x\n---\n";
        let blank_doc = Document::new(blank.to_string());
        let at = blank.find("\n\n").unwrap_or_default() + 1;
        let labels: Vec<String> = completions(&blank_doc, &p, at, &NoIndex, &[]).into_iter().map(|c| c.label).collect();
        assert!(labels.contains(&"owner".to_string()) && labels.contains(&"tone".to_string()), "{labels:?}");
        assert_eq!(labels.iter().filter(|l| *l == "tone").count(), 1, "no key twice");
        let text = "---\nrole: qa\nowner: platform-team\n---\n";
        let doc = Document::new(text.to_string());
        let h = hover(&doc, &p, text.find("owner").unwrap_or_default() + 1, &[], &NoIndex, &[]);
        let markdown = h.map(|h| h.markdown).unwrap_or_default();
        assert!(markdown.contains("**owner**") && markdown.contains("[allow-keys]"), "{markdown}");
        // Without the setting the built-in answers stand (no hover on an unknown key).
        let built_in = Schemas::built_in();
        let p = place(Kind::Role, &built_in, "data/agents/qa.md");
        let labels: Vec<String> = completions(&blank_doc, &p, at, &NoIndex, &[]).into_iter().map(|c| c.label).collect();
        assert!(labels.contains(&"tone".to_string()) && !labels.contains(&"owner".to_string()), "{labels:?}");
    }
}
