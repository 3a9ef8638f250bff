//! The documents a JavaScript host has open, and every question about them,
//! answered with the wire types of `rolekit-wire` (UTF-16 positions). The
//! `#[wasm_bindgen]` layer in `lib.rs` only converts these values to and from
//! JS, so this file is tested natively too.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::Arc;

use rolekit_core::analysis::{self, registry, Context, Parent, Resolver, RuleConfig};
use rolekit_core::ide::project::{FileReferences, Place};
use rolekit_core::ide::{self, RoleSummary};
use rolekit_core::policy::{Config, Kind, Scope};
use rolekit_core::project::{summarize, NameIndex};
use rolekit_core::{fix, format, policy, tokens, Document, Edit};
use rolekit_wire as wire;
use rolekit_wire::Lines;
use serde_json::Value;

/// Open documents by name (`platform-engineer.md`); `inherits: x` finds `x.md`.
/// Names are paths, so documents named like a valora project
/// (`data/agents/lead.md`, `data/commands/plan.md`,
/// `data/prompts/02_context/load-task.md`) are a project: the policy decides
/// each one's kind from its name and text, and the names a command or prompt
/// uses resolve among the open documents.
#[derive(Default)]
pub struct Workspace {
    docs: BTreeMap<String, Arc<Document>>,
    config: RuleConfig,
    /// The open documents' names (roles, commands, prompts), built on first
    /// use and dropped on any change.
    index: RefCell<Option<Rc<NameIndex>>>,
    levels: BTreeMap<String, wire::RuleLevel>,
    /// Each document's last analysis, dropped on any change to the workspace
    /// (a parent's edit changes its children's diagnostics). Hover, code
    /// actions and fix-all after `diagnostics` reuse it instead of checking again.
    checked: RefCell<HashMap<String, Rc<Vec<rolekit_core::Diagnostic>>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    NotOpen(String),
    AlreadyOpen(String),
    BadName(String),
    UnknownRule(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotOpen(name) => write!(f, "no document named `{name}` is open"),
            Error::AlreadyOpen(name) => write!(f, "a document named `{name}` is already open"),
            Error::BadName(name) => write!(f, "`{name}` is not a document name (empty, or only a folder)"),
            Error::UnknownRule(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// The name without a trailing `.md` (and without any folder part).
pub fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_suffix(".md").unwrap_or(base)
}

struct OpenDocs<'a>(&'a BTreeMap<String, Arc<Document>>);

impl OpenDocs<'_> {
    /// The open document whose file stem is `role`, preferring `role.md`.
    fn find(&self, role: &str) -> Option<(&String, &Arc<Document>)> {
        let exact = format!("{role}.md");
        self.0.get_key_value(&exact).or_else(|| self.0.iter().find(|(name, _)| file_stem(name) == role))
    }
}

impl Resolver for OpenDocs<'_> {
    fn parent(&self, name: &str) -> Option<Parent> {
        self.find(name)
            .map(|(location, document)| Parent { document: Arc::clone(document), location: location.clone() })
    }
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    fn changed(&mut self) {
        self.checked.get_mut().clear();
        *self.index.get_mut() = None;
    }

    /// The index of the open documents' names, from the cache when nothing changed.
    fn index(&self) -> Rc<NameIndex> {
        if let Some(hit) = self.index.borrow().as_ref() {
            return Rc::clone(hit);
        }
        let config = Config::default();
        let index = Rc::new(NameIndex::from_summaries(
            self.docs.iter().filter_map(|(name, doc)| summarize(&config, name, name, doc.text())),
        ));
        *self.index.borrow_mut() = Some(Rc::clone(&index));
        index
    }

    /// What `name` is, as the policy decides from its name and text (a
    /// command, a prompt, a registry, ...); anything else open is a role
    /// (a template when its name starts with `_`), as a playground tab is.
    fn kind(&self, name: &str, doc: &Document) -> Kind {
        match policy::classify(&Config::default(), Some(name), doc.text()) {
            Scope::In(kind) => kind,
            Scope::Out(_) if file_stem(name).starts_with('_') => Kind::RoleTemplate,
            Scope::Out(_) => Kind::Role,
        }
    }

    fn place<'a>(&self, name: &'a str, doc: &Document) -> Place<'a> {
        Place { kind: self.kind(name, doc), schemas: analysis::built_in_schemas(), path: Some(name) }
    }

    /// Opens `name` with `text`, replacing any document of that name.
    pub fn open(&mut self, name: &str, text: String) {
        self.docs.insert(name.to_string(), Arc::new(Document::new(text)));
        self.changed();
    }

    /// Same as [`Workspace::open`]: the whole text is re-parsed (a role file parses in microseconds).
    pub fn update(&mut self, name: &str, text: String) {
        self.open(name, text);
    }

    /// Closes `name`; returns whether it was open.
    pub fn close(&mut self, name: &str) -> bool {
        self.changed();
        self.docs.remove(name).is_some()
    }

    /// Renames the open document `from` to `to` (its text unchanged): its
    /// `role` is then checked against the new file name, and `inherits` in
    /// other documents finds it under the new name.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        if file_stem(to).is_empty() {
            return Err(Error::BadName(to.to_string()));
        }
        if from == to {
            return self.doc(from).map(|_| ());
        }
        if self.docs.contains_key(to) {
            return Err(Error::AlreadyOpen(to.to_string()));
        }
        let doc = self.docs.remove(from).ok_or_else(|| Error::NotOpen(from.to_string()))?;
        self.docs.insert(to.to_string(), doc);
        self.changed();
        Ok(())
    }

    pub fn names(&self) -> Vec<String> {
        self.docs.keys().cloned().collect()
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.docs.get(name).map(|d| d.text())
    }

    /// Sets a rule's level (`off`, `error`, `warning`, `info`, `hint`), as a config file would.
    pub fn set_rule_level(&mut self, rule: &str, level: wire::RuleLevel) -> Result<()> {
        self.config.set(rule, level.into()).map_err(Error::UnknownRule)?;
        self.levels.insert(rule.to_string(), level);
        self.changed();
        Ok(())
    }

    /// Replaces every rule level at once (rules not named get their default
    /// severity back). On an unknown rule nothing changes.
    pub fn set_rule_levels(&mut self, levels: BTreeMap<String, wire::RuleLevel>) -> Result<()> {
        let mut config = RuleConfig::new();
        for (rule, level) in &levels {
            config.set(rule, (*level).into()).map_err(Error::UnknownRule)?;
        }
        self.config = config;
        self.levels = levels;
        self.changed();
        Ok(())
    }

    /// The levels set with [`Workspace::set_rule_level`] or [`Workspace::set_rule_levels`].
    pub fn rule_levels(&self) -> BTreeMap<String, wire::RuleLevel> {
        self.levels.clone()
    }

    fn doc(&self, name: &str) -> Result<&Arc<Document>> {
        self.docs.get(name).ok_or_else(|| Error::NotOpen(name.to_string()))
    }

    /// How `name` is checked: its kind (see [`Workspace::kind`]).
    fn context<'a>(&'a self, name: &'a str, doc: &Document, resolver: &'a OpenDocs<'a>) -> Context<'a> {
        Context {
            file_stem: Some(file_stem(name)),
            kind: self.kind(name, doc),
            resolver,
            config: &self.config,
            token_budget: None,
        }
    }

    /// The core's diagnostics for `name`, from the cache when nothing changed since.
    fn checked(&self, name: &str, doc: &Document) -> Rc<Vec<rolekit_core::Diagnostic>> {
        if let Some(hit) = self.checked.borrow().get(name) {
            return Rc::clone(hit);
        }
        let resolver = OpenDocs(&self.docs);
        let ctx = self.context(name, doc, &resolver);
        let index = self.index();
        let diagnostics = Rc::new(match ctx.kind {
            // A registry against the open documents beside it (entries and
            // files; the values are compared by `rolekit check`).
            Kind::Registry(family) => {
                let json = Document::json(doc.text().to_string());
                let tree = policy::layout(name).map_or("", |l| l.tree);
                let mut out = registry::check(&json, family, tree, &*index, &HashMap::new());
                self.config.apply(&mut out);
                out
            }
            _ => {
                let project =
                    analysis::Project { schemas: analysis::built_in_schemas(), index: &*index, path: Some(name) };
                analysis::check_in(doc, &ctx, &project)
            }
        });
        self.checked.borrow_mut().insert(name.to_string(), Rc::clone(&diagnostics));
        diagnostics
    }

    /// The roles open in the workspace, for `inherits:` completion, hover and links.
    pub fn roles(&self) -> Vec<RoleSummary> {
        self.docs
            .iter()
            .filter(|(_, d)| d.is_role_file())
            .map(|(name, d)| RoleSummary {
                name: file_stem(name).to_string(),
                description: d.root().and_then(|r| r.get("description")).and_then(|n| n.as_str()).map(str::to_string),
                location: name.clone(),
            })
            .collect()
    }

    fn convert_one(&self, lines: &Lines, d: &rolekit_core::Diagnostic) -> wire::Diagnostic {
        let elsewhere = |location: &str, range| self.docs.get(location).map(|other| Lines::of(other).range(range));
        wire::Diagnostic::from_core(d, lines, elsewhere)
    }

    /// Every diagnostic of `name`, sorted by position, each with its fix.
    pub fn diagnostics(&self, name: &str) -> Result<Vec<wire::Diagnostic>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        Ok(self.checked(name, doc).iter().map(|d| self.convert_one(&lines, d)).collect())
    }

    pub fn complete(&self, name: &str, at: wire::Position) -> Result<Vec<wire::CompletionItem>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        let index = self.index();
        let items = ide::project::completions(doc, &self.place(name, doc), lines.offset(at), &*index, &self.roles());
        Ok(items.into_iter().map(|c| wire::CompletionItem::from_core(c, &lines)).collect())
    }

    /// Documentation for what is at `at`; with `with_diagnostics`, also the
    /// rule documents of the diagnostics there (editors without a separate
    /// diagnostic tooltip want them; the playground shows its own).
    pub fn hover(&self, name: &str, at: wire::Position, with_diagnostics: bool) -> Result<Option<wire::Hover>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        let diagnostics = if with_diagnostics { self.checked(name, doc) } else { Rc::default() };
        let index = self.index();
        let place = self.place(name, doc);
        let hover = ide::project::hover(doc, &place, lines.offset(at), &diagnostics, &*index, &self.roles());
        Ok(hover.map(|h| wire::Hover::from_core(h, &lines)))
    }

    pub fn symbols(&self, name: &str) -> Result<Vec<wire::DocumentSymbol>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        Ok(ide::document_symbols(doc).into_iter().map(|s| wire::DocumentSymbol::from_core(s, &lines)).collect())
    }

    pub fn code_actions(&self, name: &str, range: wire::Range) -> Result<Vec<wire::CodeAction>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        let diagnostics = self.checked(name, doc);
        let place = self.place(name, doc);
        let resolver = OpenDocs(&self.docs);
        let ctx = self.context(name, doc, &resolver);
        let index = self.index();
        let project = analysis::Project { schemas: place.schemas, index: &*index, path: Some(name) };
        let proof = ide::Proof { ctx: &ctx, project: &project };
        let actions = ide::code_actions(doc, &place, lines.text_range(range), &diagnostics, Some(&proof));
        Ok(actions
            .into_iter()
            .map(|a| {
                // Only the diagnostics an action points at are converted.
                let diagnostic = a.diagnostic.and_then(|i| diagnostics.get(i)).map(|d| self.convert_one(&lines, d));
                wire::CodeAction { diagnostic, ..wire::CodeAction::from_core(a, &lines, &[]) }
            })
            .collect())
    }

    pub fn folding_ranges(&self, name: &str) -> Result<Vec<wire::FoldingRange>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        Ok(ide::folding_ranges(doc).into_iter().map(|f| wire::FoldingRange::from_core(f, &lines)).collect())
    }

    /// The open document a name at `at` names: an `inherits` value, a
    /// command's agent or pipeline prompt, a prompt's agent or dependency.
    pub fn definition(&self, name: &str, at: wire::Position) -> Result<Option<wire::DocumentLink>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        let index = self.index();
        let link = ide::project::definition(doc, &self.place(name, doc), lines.offset(at), &*index, &self.roles());
        Ok(link.map(|l| wire::DocumentLink::from_core(l, &lines)))
    }

    pub fn links(&self, name: &str) -> Result<Vec<wire::DocumentLink>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        let index = self.index();
        Ok(ide::project::document_links(doc, &self.place(name, doc), &*index, &self.roles())
            .into_iter()
            .map(|l| wire::DocumentLink::from_core(l, &lines))
            .collect())
    }

    /// Every use of the name at `at` (a name used here, or the one this
    /// document declares) in the open documents; with `include_declaration`,
    /// the declaring document first.
    pub fn references(&self, name: &str, at: wire::Position, include_declaration: bool) -> Result<Vec<wire::Location>> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        let index = self.index();
        let place = self.place(name, doc);
        let stored: Vec<(&str, &str, Vec<_>)> = self
            .docs
            .iter()
            .map(|(other, d)| {
                let tree = policy::layout(other).map_or("", |l| l.tree);
                (other.as_str(), tree, ide::project::file_references(d, &self.place(other, d)))
            })
            .collect();
        let files = stored.iter().map(|(location, tree, references)| FileReferences { location, tree, references });
        let found = ide::project::references(doc, &place, lines.offset(at), &*index, files, include_declaration);
        Ok(found
            .into_iter()
            .filter_map(|l| {
                let target = self.docs.get(&l.location)?;
                Some(wire::Location { range: Lines::of(target).range(l.range), document: l.location })
            })
            .collect())
    }

    /// The text of `name` with `edits` applied (positions in the current text).
    /// Overlapping edits after the first are skipped. The workspace is not changed.
    pub fn apply_edits(&self, name: &str, edits: &[wire::TextEdit]) -> Result<String> {
        let doc = self.doc(name)?;
        let lines = Lines::of(doc);
        let edits: Vec<Edit> = edits.iter().map(|e| lines.core_edit(e)).collect();
        Ok(fix::apply_edits(doc.text(), &edits).0)
    }

    /// The text of `name` with every safe fix applied, each proven first, as
    /// `rolekit check --fix` does (the core's fix-all loop).
    pub fn fix_all(&self, name: &str) -> Result<String> {
        let doc = self.doc(name)?;
        let resolver = OpenDocs(&self.docs);
        let index = self.index();
        let project = analysis::Project { schemas: analysis::built_in_schemas(), index: &*index, path: Some(name) };
        let ctx = self.context(name, doc, &resolver);
        if !ctx.kind.is_markdown() {
            return Ok(doc.text().to_string());
        }
        let outcome = fix::fix_all_in(Document::new(doc.text().to_string()), &ctx, &project);
        Ok(outcome.document.text().to_string())
    }

    /// `name` formatted as `rolekit fmt` formats it (default `[format]`
    /// options), proven to mean what it meant; the workspace is unchanged.
    pub fn format(&self, name: &str) -> Result<wire::Formatted> {
        let doc = self.doc(name)?;
        let kind = self.kind(name, doc);
        Ok(format::format(doc, kind, &policy::Config::default()).into())
    }

    /// What `name` costs in tokens, estimated (4 characters a token: the
    /// exact tokenizers are too large for a page), per frontmatter, section,
    /// file and resolved role, as `rolekit stats` reports them.
    pub fn stats(&self, name: &str) -> Result<wire::stats::FileStats> {
        let doc = self.doc(name)?;
        let counts = tokens::file_tokens(doc, &tokens::Estimate);
        let template = self.kind(name, doc).is_template();
        let resolved = (!template).then(|| {
            let resolution = analysis::resolve(doc, &OpenDocs(&self.docs));
            tokens::resolved_tokens(counts.file, &resolution, &tokens::Estimate)
        });
        Ok(wire::stats::FileStats::from_core(name, template, doc, &counts, resolved.as_ref()))
    }

    /// The frontmatter as JSON (`null` without a frontmatter or when it does not parse to a value).
    pub fn parsed(&self, name: &str) -> Result<Value> {
        let doc = self.doc(name)?;
        Ok(doc.yaml().to_json().unwrap_or(Value::Null))
    }

    /// The role after `inherits`: parents first, this document's keys over them.
    pub fn resolved(&self, name: &str) -> Result<wire::ResolvedRole> {
        let doc = self.doc(name)?;
        let resolver = OpenDocs(&self.docs);
        let resolution = analysis::resolve(doc, &resolver);
        let error = resolution.error.as_ref().map(|e| match e {
            analysis::inherits::ChainError::Unknown { name, .. } => format!("no role `{name}` is open"),
            analysis::inherits::ChainError::Cycle { chain } => format!("inheritance cycle: {}", chain.join(" → ")),
            analysis::inherits::ChainError::TooLong => "the parent chain is too long".to_string(),
        });
        let own = doc.yaml().to_json().unwrap_or(Value::Null);
        let role = analysis::inherits::merged_role(&own, &resolution);
        // Where each key this document does not set came from: the nearest parent setting it.
        let parents: Vec<(&str, Value)> = resolution
            .parents
            .iter()
            .map(|p| (p.location.as_str(), p.document.yaml().to_json().unwrap_or(Value::Null)))
            .collect();
        let mut inherited = BTreeMap::new();
        if let Value::Object(keys) = &role {
            for key in keys.keys().filter(|k| own.get(k.as_str()).is_none()) {
                if let Some((location, _)) = parents.iter().find(|(_, json)| json.get(key.as_str()).is_some()) {
                    inherited.insert(key.clone(), location.to_string());
                }
            }
        }
        Ok(wire::ResolvedRole {
            role,
            chain: resolution.parents.iter().map(|p| p.location.clone()).collect(),
            error,
            inherited,
        })
    }
}

pub fn rules() -> Vec<wire::RuleInfo> {
    rolekit_core::rules::RULES.iter().map(wire::RuleInfo::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{Position, Range, TextEdit};

    const PARENT: &str = "---\nrole: base\ndescription: The base role\ntone: concise-technical\n---\n# Base\n";
    const CHILD: &str = "---\nrole: child\ninherits: base\n---\n# Child\n";

    /// A valora project of open documents: names resolve among them, with
    /// definition, references, links, completion, hover and diagnostics.
    #[test]
    fn valora_names_across_open_documents() {
        let lead = "---\nrole: lead\nversion: 1.0.0\ndescription: Technical lead\nspecialization: Leading\ntone: concise-technical\n---\n";
        let prompt = "---\nid: context.load-task\nversion: 1.0.0\ncategory: context\nname: Load Task\ndescription: Load the task to work on\nagents:\n  - lead\n---\n# Load Task\n";
        let command = "---\nname: plan\ndescription: Plan the work in small steps\nmodel: claude-sonnet-4.6\nagent: leed\nallowed-tools:\n  - read_file\nprompts:\n  pipeline:\n    - stage: context\n      prompt: context.load-task\n---\n# Plan\n";
        let mut ws = Workspace::new();
        ws.open("data/agents/lead.md", lead.into());
        ws.open("data/prompts/02_context/load-task.md", prompt.into());
        ws.open("data/commands/plan.md", command.into());
        let cmd = "data/commands/plan.md";
        // `agent: leed` names no open role: an error with did-you-mean.
        let unknown: Vec<String> =
            ws.diagnostics(cmd).unwrap().into_iter().filter(|d| d.rule == "unknown-agent").map(|d| d.message).collect();
        assert_eq!(unknown.len(), 1, "{unknown:?}");
        assert!(unknown[0].contains("did you mean `lead`"), "{unknown:?}");
        // The pipeline's prompt goes to the prompt's tab, and links say so.
        let at = Position { line: 10, character: 16 };
        let link = ws.definition(cmd, at).unwrap().unwrap();
        assert_eq!(link.target, "data/prompts/02_context/load-task.md");
        assert_eq!(ws.links(cmd).unwrap().len(), 1);
        let hover = ws.hover(cmd, Position { line: 4, character: 8 }, false).unwrap().unwrap();
        assert!(hover.markdown.contains("Did you mean `lead`"), "{}", hover.markdown);
        // Completion of `agent:` offers the open roles.
        ws.update(cmd, command.replace("agent: leed", "agent: "));
        let labels: Vec<String> =
            ws.complete(cmd, Position { line: 4, character: 7 }).unwrap().into_iter().map(|c| c.label).collect();
        assert_eq!(labels, ["lead"]);
        // References of the role, from its own `role:`: the prompt's `agents`.
        let found = ws.references("data/agents/lead.md", Position { line: 1, character: 7 }, true).unwrap();
        let docs: Vec<&str> = found.iter().map(|l| l.document.as_str()).collect();
        assert_eq!(docs, ["data/agents/lead.md", "data/prompts/02_context/load-task.md"]);
        assert_eq!(found[1].range.start, Position { line: 7, character: 4 });
        // Closing the role makes the prompt's agent unknown (once roles are
        // open at all: with none, names of roles are not checked).
        ws.open("data/agents/qa.md", lead.replace("role: lead", "role: qa"));
        ws.close("data/agents/lead.md");
        assert!(ws
            .diagnostics("data/prompts/02_context/load-task.md")
            .unwrap()
            .iter()
            .any(|d| d.rule == "unknown-agent"));
    }

    #[test]
    fn stems_drop_folders_and_md() {
        assert_eq!(file_stem("platform-engineer.md"), "platform-engineer");
        assert_eq!(file_stem("a/b/x.md"), "x");
        assert_eq!(file_stem("notes"), "notes");
    }

    #[test]
    fn inherits_finds_open_documents() {
        let mut ws = Workspace::new();
        ws.open("child.md", CHILD.into());
        let unknown = ws.diagnostics("child.md").unwrap_or_default();
        assert!(unknown.iter().any(|d| d.rule == "inherits-unknown-parent"));
        ws.open("base.md", PARENT.into());
        let known = ws.diagnostics("child.md").unwrap_or_default();
        assert!(!known.iter().any(|d| d.rule == "inherits-unknown-parent"), "{known:?}");
        let resolved = ws.resolved("child.md").ok();
        let role = resolved.as_ref().map(|r| &r.role);
        assert_eq!(role.and_then(|r| r.get("tone")).and_then(Value::as_str), Some("concise-technical"));
        assert_eq!(role.and_then(|r| r.get("role")).and_then(Value::as_str), Some("child"));
        let inherited = resolved.map(|r| r.inherited).unwrap_or_default();
        assert_eq!(inherited.get("tone").map(String::as_str), Some("base.md"));
        assert_eq!(inherited.get("description").map(String::as_str), Some("base.md"));
        assert_eq!(inherited.get("role"), None, "the child sets `role` itself");
        assert!(ws.close("base.md"));
        assert!(!ws.close("base.md"));
        // Closing the parent is seen at once: no stale analysis.
        let again = ws.diagnostics("child.md").unwrap_or_default();
        assert!(again.iter().any(|d| d.rule == "inherits-unknown-parent"));
    }

    #[test]
    fn rename_rechecks_the_file_name_and_children() {
        let mut ws = Workspace::new();
        ws.open("untitled-1.md", PARENT.into());
        ws.open("child.md", CHILD.into());
        let mismatch = |ws: &Workspace, name: &str| {
            ws.diagnostics(name).unwrap_or_default().iter().any(|d| d.rule == "role-filename-mismatch")
        };
        assert!(mismatch(&ws, "untitled-1.md"));
        assert!(ws.diagnostics("child.md").unwrap_or_default().iter().any(|d| d.rule == "inherits-unknown-parent"));
        assert_eq!(ws.rename("untitled-1.md", "base.md"), Ok(()));
        assert!(!mismatch(&ws, "base.md"));
        assert!(!ws.diagnostics("child.md").unwrap_or_default().iter().any(|d| d.rule == "inherits-unknown-parent"));
        assert_eq!(ws.rename("base.md", "child.md"), Err(Error::AlreadyOpen("child.md".into())));
        assert_eq!(ws.rename("nope.md", "x.md"), Err(Error::NotOpen("nope.md".into())));
        assert_eq!(ws.rename("base.md", "dir/"), Err(Error::BadName("dir/".into())));
        assert_eq!(ws.names(), ["base.md", "child.md"]);
    }

    #[test]
    fn rule_levels_replace_and_reset() {
        let mut ws = Workspace::new();
        ws.open("x.md", "---\nrole: x\ntone: loud\n---\n# X\n".into());
        let rules_of = |ws: &Workspace| ws.diagnostics("x.md").unwrap_or_default();
        assert!(rules_of(&ws).iter().any(|d| d.rule == "invalid-enum"));
        let levels = BTreeMap::from([("invalid-enum".to_string(), wire::RuleLevel::Off)]);
        assert_eq!(ws.set_rule_levels(levels.clone()), Ok(()));
        assert!(!rules_of(&ws).iter().any(|d| d.rule == "invalid-enum"));
        assert_eq!(ws.rule_levels(), levels);
        let bad = BTreeMap::from([("invalid-enun".to_string(), wire::RuleLevel::Off)]);
        assert!(matches!(ws.set_rule_levels(bad), Err(Error::UnknownRule(m)) if m.contains("invalid-enum")));
        assert_eq!(ws.rule_levels(), levels, "unchanged after an error");
        assert_eq!(ws.set_rule_levels(BTreeMap::new()), Ok(()));
        assert!(rules_of(&ws).iter().any(|d| d.rule == "invalid-enum"));
        assert_eq!(ws.set_rule_level("invalid-enum", wire::RuleLevel::Hint), Ok(()));
        let hinted = rules_of(&ws);
        assert!(hinted.iter().any(|d| d.rule == "invalid-enum" && d.severity == wire::Severity::Hint));
    }

    #[test]
    fn format_is_rolekit_fmt_and_leaves_the_workspace_alone() {
        let mut ws = Workspace::new();
        let messy = "---\r\nrole: 'qa'   # pinned\r\nexpertise:\r\n- Testing   \r\n---\r\n# QA\r\n## Mission Statement\r\nShip.\r\n";
        ws.open("qa.md", messy.into());
        let formatted = ws.format("qa.md").ok();
        let expected = "---\r\nrole: qa # pinned\r\nexpertise:\r\n  - Testing\r\n---\r\n\r\n# QA\r\n\r\n## 1. Mission Statement\r\n\r\nShip.\r\n";
        assert_eq!(formatted.as_ref().map(|f| f.text.as_str()), Some(expected));
        assert_eq!(formatted.as_ref().map(|f| (f.changed, f.refused.is_none())), Some((true, true)));
        assert_eq!(ws.text("qa.md"), Some(messy), "format() does not change the workspace");
        // Formatting the result changes nothing more.
        ws.update("qa.md", expected.into());
        assert_eq!(ws.format("qa.md").ok().map(|f| f.changed), Some(false));
        // A YAML error: left as it is, with the reason.
        ws.open("broken.md", "---\nrole: [x\n---\n# X\n".into());
        let refused = ws.format("broken.md").ok();
        assert_eq!(refused.as_ref().map(|f| f.text.as_str()), Some("---\nrole: [x\n---\n# X\n"));
        assert!(refused.and_then(|f| f.refused).is_some_and(|why| why.contains("YAML error")));
        assert_eq!(ws.format("nope.md").err(), Some(Error::NotOpen("nope.md".into())));
    }

    #[test]
    fn stats_estimate_tokens_per_section_and_with_parents() {
        let mut ws = Workspace::new();
        ws.open("base.md", PARENT.into());
        ws.open("child.md", format!("{CHILD}\n## 1. Mission Statement\n\nShip it.\n"));
        let stats = ws.stats("child.md").ok();
        let file = stats.as_ref().map_or(0, |s| s.tokens);
        assert!(file > 0);
        let sections: Vec<_> =
            stats.iter().flat_map(|s| &s.sections).map(|s| (s.title.as_str(), s.range.start.line)).collect();
        assert_eq!(sections, [("1. Mission Statement", 6)]);
        let parts = stats
            .as_ref()
            .map_or(0, |s| s.frontmatter.unwrap_or(0) + s.other + s.sections.iter().map(|x| x.tokens).sum::<usize>());
        assert_eq!(parts, file, "the parts add up to the file");
        let resolved = stats.and_then(|s| s.resolved);
        let parent = ws.stats("base.md").map_or(0, |s| s.tokens);
        assert_eq!(resolved.as_ref().map(|r| (r.tokens, r.complete)), Some((file + parent, true)));
        assert_eq!(
            resolved.map(|r| r.inherits.into_iter().map(|i| i.path).collect::<Vec<_>>()),
            Some(vec!["base.md".to_string()])
        );
    }

    #[test]
    fn unknown_names_are_errors_not_panics() {
        let ws = Workspace::new();
        assert_eq!(ws.diagnostics("nope.md").err(), Some(Error::NotOpen("nope.md".into())));
        assert!(ws.hover("nope.md", Position { line: 0, character: 0 }, true).is_err());
    }

    #[test]
    fn positions_are_utf16_and_clamp() {
        let mut ws = Workspace::new();
        ws.open("x.md", "---\nrole: x\ndescription: 🎯 é\ntone: nope\n---\n".into());
        let ds = ws.diagnostics("x.md").unwrap_or_default();
        let tone = ds.iter().find(|d| d.rule == "invalid-enum");
        assert_eq!(tone.map(|d| d.range.start), Some(Position { line: 3, character: 6 }));
        // Out-of-range positions clamp rather than panic.
        let far = Position { line: 99, character: 99 };
        assert!(ws.complete("x.md", far).is_ok());
        assert!(ws.hover("x.md", far, true).is_ok());
        let edits = [TextEdit { range: Range { start: far, end: far }, new_text: "!".into() }];
        assert!(ws.apply_edits("x.md", &edits).is_ok_and(|t| t.ends_with("---\n!")));
    }

    #[test]
    fn hover_with_or_without_rule_documents() {
        let mut ws = Workspace::new();
        ws.open("x.md", "---\nrole: x\ntone: loud\n---\n# X\n".into());
        let at = Position { line: 2, character: 7 };
        let with = ws.hover("x.md", at, true).ok().flatten().map(|h| h.markdown).unwrap_or_default();
        let without = ws.hover("x.md", at, false).ok().flatten().map(|h| h.markdown).unwrap_or_default();
        assert!(with.contains("invalid-enum") && with.contains("tone"), "{with}");
        assert!(!without.contains("invalid-enum") && without.contains("tone"), "{without}");
    }

    #[test]
    fn code_actions_carry_their_diagnostic() {
        let mut ws = Workspace::new();
        ws.open("x.md", "---\nrole: x\ntone: concise-technicl\n---\n# X\n".into());
        let at = Position { line: 2, character: 8 };
        let actions = ws.code_actions("x.md", Range { start: at, end: at }).unwrap_or_default();
        let fix = actions.iter().find(|a| a.kind == wire::CodeActionKind::QuickFix);
        assert_eq!(fix.and_then(|a| a.diagnostic.as_ref()).map(|d| d.rule.as_str()), Some("invalid-enum"));
        let diagnostics = ws.diagnostics("x.md").unwrap_or_default();
        let d = diagnostics.iter().find(|d| d.rule == "invalid-enum");
        assert_eq!(fix.and_then(|a| a.diagnostic.as_ref()), d);
    }

    #[test]
    fn edits_round_trip_through_utf16_positions() {
        let mut ws = Workspace::new();
        ws.open("x.md", "---\nrole: x\ndescription: 🎯 ab\n---\n".into());
        let start = Position { line: 2, character: 16 };
        let end = Position { line: 2, character: 18 };
        let edits = [TextEdit { range: Range { start, end }, new_text: "cd".into() }];
        assert_eq!(ws.apply_edits("x.md", &edits).ok().as_deref(), Some("---\nrole: x\ndescription: 🎯 cd\n---\n"));
    }

    #[test]
    fn rules_are_all_listed() {
        assert_eq!(rules().len(), rolekit_core::rules::RULES.len());
    }
}
