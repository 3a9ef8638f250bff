//! Which files rolekit checks, and as what.
//!
//! A Markdown file is left alone when `exclude` matches it or a folder above
//! it. Otherwise, in this order:
//! - a `[[kinds]]` table of `rolekit.toml` whose `include` matches it makes it
//!   a document of that kind;
//! - `include` (top level) makes it a role file, whatever it contains;
//! - where a valora project keeps its documents, a file with a frontmatter is
//!   one of them, with no configuration: roles in `<root>/agents/*.md`,
//!   commands in `<root>/commands/*.md`, prompts in `<root>/prompts/*.md`
//!   and `<root>/prompts/<NN_category>/*.md`, where `<root>` is `data`
//!   (valora 2), `.ai` (valora 1) or `.valora` (a project's overrides);
//! - elsewhere its frontmatter decides: a role has a top-level `role:` **and**
//!   another role key (`version`, `description`, ...), so a docs page with
//!   `role: button` is not one; a command has `prompts`, `model` and an agent
//!   (`agent`, `fallback_agent` or `dynamic_agent_selection`); a prompt has
//!   `id`, `category` and another prompt key.
//!
//! A document is a *template* when its name starts with `_` (valora skips
//! those) or when its frontmatter is mostly unfilled placeholders (a
//! `_template.md` copied under a new name): templates get only syntax and
//! encoding rules. `registry.json` beside a valora project's documents is a
//! registry, checked against the files it lists.
//!
//! Everything here looks at the path and at most
//! [`HEAD_BYTES`](super::HEAD_BYTES) of text, so walking past a 1 GB
//! Markdown file costs one small read.

use std::sync::OnceLock;

use super::config::Config;
use super::dialects::Dialect;
use super::head::{self, Head};
use super::paths::file_stem;

/// A family of documents: what a document is, template or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Role,
    Command,
    Prompt,
    /// A kind declared in `rolekit.toml` (`[[kinds]]`), by its index there.
    Custom(u16),
    /// A vendor's agent-file format (Claude Code, Agent Skills, Cursor, Copilot).
    Dialect(Dialect),
}

impl Family {
    /// The built-in families.
    pub const BUILT_IN: [Family; 3] = [Family::Role, Family::Command, Family::Prompt];

    /// The family's name as `rolekit.toml` spells it (`role`, `command`,
    /// `prompt`, or a custom kind's `name`).
    pub fn name(self, config: &Config) -> &str {
        match self {
            Family::Role => "role",
            Family::Command => "command",
            Family::Prompt => "prompt",
            Family::Custom(i) => config.kinds.get(i as usize).map_or("custom", |k| k.name.as_str()),
            Family::Dialect(d) => d.name(),
        }
    }

    /// The built-in family named `name`.
    pub fn built_in(name: &str) -> Option<Family> {
        match name {
            "role" => Some(Family::Role),
            "command" => Some(Family::Command),
            "prompt" => Some(Family::Prompt),
            _ => Dialect::by_name(name).map(Family::Dialect),
        }
    }

    /// The folder of a valora project that holds this family (`agents`, ...).
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Family::Role => Some("agents"),
            Family::Command => Some("commands"),
            Family::Prompt => Some("prompts"),
            Family::Custom(_) | Family::Dialect(_) => None,
        }
    }
}

/// What a file in scope is checked as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A role file: every role rule applies.
    Role,
    /// A role template (`_template.md`): placeholder values, so only syntax and encoding rules.
    RoleTemplate,
    /// A command (`data/commands/<name>.md`).
    Command,
    CommandTemplate,
    /// A prompt (`data/prompts/NN_<category>/<name>.md`).
    Prompt,
    PromptTemplate,
    /// A document of a kind declared in `rolekit.toml`.
    Custom {
        index: u16,
        template: bool,
    },
    /// A document of a vendor's agent-file format, recognised by its place.
    Dialect(Dialect),
    /// A valora `registry.json` listing the documents of a family.
    Registry(Family),
}

impl Kind {
    pub fn is_template(self) -> bool {
        matches!(
            self,
            Kind::RoleTemplate | Kind::CommandTemplate | Kind::PromptTemplate | Kind::Custom { template: true, .. }
        )
    }

    /// The family of a document (for a registry, the family it lists).
    pub fn family(self) -> Family {
        match self {
            Kind::Role | Kind::RoleTemplate => Family::Role,
            Kind::Command | Kind::CommandTemplate => Family::Command,
            Kind::Prompt | Kind::PromptTemplate => Family::Prompt,
            Kind::Custom { index, .. } => Family::Custom(index),
            Kind::Dialect(d) => Family::Dialect(d),
            Kind::Registry(family) => family,
        }
    }

    /// The document kind of `family`, template or not.
    pub fn of(family: Family, template: bool) -> Kind {
        match (family, template) {
            (Family::Role, false) => Kind::Role,
            (Family::Role, true) => Kind::RoleTemplate,
            (Family::Command, false) => Kind::Command,
            (Family::Command, true) => Kind::CommandTemplate,
            (Family::Prompt, false) => Kind::Prompt,
            (Family::Prompt, true) => Kind::PromptTemplate,
            (Family::Custom(index), template) => Kind::Custom { index, template },
            (Family::Dialect(d), _) => Kind::Dialect(d),
        }
    }

    /// A Markdown document (everything but a registry).
    pub fn is_markdown(self) -> bool {
        !matches!(self, Kind::Registry(_))
    }

    /// How messages name it: "role", "command template", "playbook".
    pub fn describe(self, config: &Config) -> String {
        match self {
            Kind::Registry(f) => format!("{} registry", f.name(config)),
            k if k.is_template() => format!("{} template", k.family().name(config)),
            k => k.family().name(config).to_string(),
        }
    }
}

/// Why a file is left alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotInScope {
    /// `exclude` matches it or a folder above it.
    Excluded,
    /// It does not start with a `---` frontmatter.
    NoFrontmatter,
    /// Its frontmatter does not define a role, a command or a prompt.
    NotARole,
    /// Not a Markdown file rolekit reads (or a JSON file that is no registry).
    NotMarkdown,
}

impl NotInScope {
    /// Why, in words, for a note to the user ("x.md: not a role file: ...").
    pub fn describe(self) -> &'static str {
        match self {
            NotInScope::Excluded => "excluded by `exclude` in rolekit.toml",
            NotInScope::NoFrontmatter => "it has no `---` frontmatter",
            NotInScope::NotARole => {
                "its frontmatter defines no role (`role:` next to other role keys), command or prompt"
            }
            NotInScope::NotMarkdown => "rolekit reads Markdown files and valora's `registry.json` only",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    In(Kind),
    Out(NotInScope),
}

impl Scope {
    pub fn kind(self) -> Option<Kind> {
        match self {
            Scope::In(kind) => Some(kind),
            Scope::Out(_) => None,
        }
    }
}

/// Folders that hold a valora project's documents, by the name of the
/// folder above `agents`, `commands` and `prompts`.
pub const VALORA_ROOTS: &[&str] = &["data", ".ai", ".valora"];

/// Where a path sits in a valora project's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout<'p> {
    pub family: Family,
    /// The path up to and including the valora root folder (`x/data`):
    /// names resolve among documents of the same tree.
    pub tree: &'p str,
    /// For a prompt in `prompts/<NN_category>/`, that folder's name.
    pub category_folder: Option<&'p str>,
}

/// The valora layout `path` (relative, `/`-separated) belongs to, if any:
/// `<tree>/agents/x.md`, `<tree>/commands/x.md`, `<tree>/prompts/x.md`,
/// `<tree>/prompts/<folder>/x.md`, and the `registry.json` beside them.
pub fn layout(path: &str) -> Option<Layout<'_>> {
    let (folder, _) = path.rsplit_once('/')?;
    let parts: Vec<&str> = folder.rsplit('/').take(3).collect();
    let family_of = |name: &str| match name {
        "agents" => Some(Family::Role),
        "commands" => Some(Family::Command),
        "prompts" => Some(Family::Prompt),
        _ => None,
    };
    // `<root>/<family>/file`
    if let (Some(&family_folder), Some(&root)) = (parts.first(), parts.get(1)) {
        if let (Some(family), true) = (family_of(family_folder), VALORA_ROOTS.contains(&root)) {
            let tree_len = folder.len() - family_folder.len() - 1;
            return Some(Layout { family, tree: &folder[..tree_len], category_folder: None });
        }
    }
    // `<root>/prompts/<category>/file`
    if let (Some(&category), Some(&"prompts"), Some(&root)) = (parts.first(), parts.get(1), parts.get(2)) {
        if VALORA_ROOTS.contains(&root) && !category.starts_with(['_', '.']) {
            let tree_len = folder.len() - category.len() - "prompts".len() - 2;
            return Some(Layout { family: Family::Prompt, tree: &folder[..tree_len], category_folder: Some(category) });
        }
    }
    None
}

/// The category a prompt folder stands for: `02_context` → `context`
/// (valora numbers its category folders `NN_`).
pub fn folder_category(folder: &str) -> &str {
    match folder.split_once('_') {
        Some((number, rest)) if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => folder,
    }
}

/// Classifies a file from its path and the start of its text.
///
/// `path` is relative to the project root with `/` separators, or just a
/// file name (playground tabs, untitled buffers), or `None`. `head` is the
/// file's text or at least its first [`HEAD_BYTES`](super::HEAD_BYTES).
pub fn classify(config: &Config, path: Option<&str>, head: &str) -> Scope {
    classify_read(config, path, head).0
}

/// [`classify`], with the frontmatter it read ([`head::read`]) for callers
/// that need it too, so a file's head is read once: `None` when it has none
/// or was not read (excluded files, JSON).
pub fn classify_read<'h>(config: &Config, path: Option<&str>, head: &'h str) -> (Scope, Option<Head<'h>>) {
    if let Some(p) = path {
        if config.exclude.matches_path_or_parent(p) {
            return (Scope::Out(NotInScope::Excluded), None);
        }
        if file_name(p) == "registry.json" {
            let scope = match layout(p) {
                Some(l) if l.category_folder.is_none() => Scope::In(Kind::Registry(l.family)),
                _ => Scope::Out(NotInScope::NotMarkdown),
            };
            return (scope, None);
        }
        if file_name(p).to_ascii_lowercase().ends_with(".json") {
            return (Scope::Out(NotInScope::NotMarkdown), None);
        }
    }
    let read = head::read(head);
    let scope = classify_markdown(config, path, &read);
    (scope, read)
}

fn classify_markdown(config: &Config, path: Option<&str>, read: &Option<Head>) -> Scope {
    let underscore = path.is_some_and(|p| file_stem(p).starts_with('_'));
    let template = |h: &Option<Head>| underscore || h.as_ref().is_some_and(Head::is_template);
    if let Some(p) = path {
        if let Some(index) = config.kinds.iter().position(|k| k.include.matches_file(p)) {
            let index = u16::try_from(index).unwrap_or(u16::MAX);
            return Scope::In(Kind::Custom { index, template: template(read) });
        }
        if config.include.matches_file(p) {
            return Scope::In(Kind::of(Family::Role, template(read)));
        }
        if let Some(dialect) = Dialect::of_path(p) {
            return Scope::In(Kind::Dialect(dialect));
        }
    }
    let Some(h) = read else {
        return Scope::Out(NotInScope::NoFrontmatter);
    };
    if let Some(l) = path.and_then(layout) {
        return Scope::In(Kind::of(l.family, template(read)));
    }
    match family_by_content(h) {
        Some(family) => Scope::In(Kind::of(family, template(read))),
        None => Scope::Out(NotInScope::NotARole),
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The family a frontmatter's keys give away, outside valora's folders.
fn family_by_content(h: &Head) -> Option<Family> {
    let has = |k: &str| h.has(k);
    if has("role") && h.keys.iter().any(|k| k.key != "role" && role_keys().contains(&k.key)) {
        return Some(Family::Role);
    }
    if has("prompts") && has("model") && (has("agent") || has("fallback_agent") || has("dynamic_agent_selection")) {
        return Some(Family::Command);
    }
    let prompt_keys = ["version", "agents", "model_requirements", "dependencies", "inputs", "outputs", "tokens"];
    if has("id") && has("category") && prompt_keys.iter().any(|k| has(k)) {
        return Some(Family::Prompt);
    }
    None
}

/// The keys a role file may have at the top level (from the role schema).
fn role_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| crate::schema::properties(crate::schema::role_schema()).into_iter().map(|(k, _)| k).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> Config {
        Config::parse(toml).unwrap_or_else(|e| panic!("{e:?}"))
    }

    const ROLE: &str = "---\nrole: qa\nversion: 1.0.0\n---\n# QA\n";

    #[test]
    fn role_files_need_role_and_another_role_key() {
        let c = Config::default();
        assert_eq!(classify(&c, Some("qa.md"), ROLE), Scope::In(Kind::Role));
        assert_eq!(
            classify(&c, Some("qa.md"), "\u{feff}---\r\n\"role\": qa\r\ntone: x\r\n---\r\n"),
            Scope::In(Kind::Role)
        );
        assert_eq!(
            classify(&c, None, "---\nrole: qa\ncapabilities:\n  x: true\n"),
            Scope::In(Kind::Role),
            "unterminated"
        );
        assert_eq!(classify(&c, Some("_template.md"), "---\nrole:\nversion:\n---\n"), Scope::In(Kind::RoleTemplate));
    }

    #[test]
    fn docs_pages_and_other_markdown_are_not() {
        let c = Config::default();
        let docs = "---\ntitle: Buttons\nrole: button\nlayout: page\n---\n";
        assert_eq!(classify(&c, Some("docs/button.md"), docs), Scope::Out(NotInScope::NotARole));
        assert_eq!(classify(&c, Some("README.md"), "# Readme\nrole: x\n"), Scope::Out(NotInScope::NoFrontmatter));
        assert_eq!(
            classify(&c, Some("a.md"), "---\nmeta:\n  role: x\n  version: 1\n---\n"),
            Scope::Out(NotInScope::NotARole)
        );
        assert_eq!(
            classify(&c, Some("a.md"), "---\nname: agent\n---\nrole: qa\nversion: 1\n"),
            Scope::Out(NotInScope::NotARole)
        );
        assert_eq!(classify(&c, Some("a.md"), "----\nrole: qa\nversion: 1\n"), Scope::Out(NotInScope::NoFrontmatter));
        assert_eq!(classify(&c, Some("a.md"), "---"), Scope::Out(NotInScope::NoFrontmatter));
        assert_eq!(classify(&c, Some("a.md"), ""), Scope::Out(NotInScope::NoFrontmatter));
        // Claude Code agents and Copilot prompts are not valora commands or
        // prompts: they are their vendors' kinds, by where they live.
        let claude = "---\nname: reviewer\ndescription: Reviews code\nmodel: sonnet\ntools: Read, Grep\n---\n";
        assert_eq!(
            classify(&c, Some(".claude/agents/reviewer.md"), claude),
            Scope::In(Kind::Dialect(Dialect::ClaudeAgent))
        );
        assert_eq!(classify(&c, Some("docs/reviewer.md"), claude), Scope::Out(NotInScope::NotARole));
        let copilot = "---\nmode: agent\nmodel: gpt-4\ntools: ['codebase']\ndescription: x\n---\n";
        assert_eq!(classify(&c, Some("p.prompt.md"), copilot), Scope::In(Kind::Dialect(Dialect::CopilotPrompt)));
    }

    #[test]
    fn valora_folders_need_only_a_frontmatter() {
        let c = Config::default();
        let half = "---\nrole: new-role\n---\n";
        assert_eq!(classify(&c, Some("data/agents/new-role.md"), half), Scope::In(Kind::Role));
        assert_eq!(classify(&c, Some("x/.ai/agents/_template.md"), half), Scope::In(Kind::RoleTemplate));
        assert_eq!(classify(&c, Some("data/agents/README.md"), "# Agents\n"), Scope::Out(NotInScope::NoFrontmatter));
        assert_eq!(classify(&c, Some("data/agents/expertises/x.md"), half), Scope::Out(NotInScope::NotARole));
        let command = "---\nname: plan\n---\n";
        assert_eq!(classify(&c, Some("data/commands/plan.md"), command), Scope::In(Kind::Command));
        assert_eq!(classify(&c, Some("a/.valora/commands/plan.md"), command), Scope::In(Kind::Command));
        let prompt = "---\nid: context.load-task\n---\n";
        assert_eq!(classify(&c, Some("data/prompts/02_context/load-task.md"), prompt), Scope::In(Kind::Prompt));
        assert_eq!(classify(&c, Some("data/prompts/_template.md"), prompt), Scope::In(Kind::PromptTemplate));
        assert_eq!(classify(&c, Some("data/prompts/02_context/sub/x.md"), prompt), Scope::Out(NotInScope::NotARole));
        assert_eq!(classify(&c, Some("data/commands/registry.json"), "{}"), Scope::In(Kind::Registry(Family::Command)));
        assert_eq!(
            classify(&c, Some("data/prompts/02_context/registry.json"), "{}"),
            Scope::Out(NotInScope::NotMarkdown)
        );
        assert_eq!(classify(&c, Some("package.json"), "{}"), Scope::Out(NotInScope::NotMarkdown));
    }

    #[test]
    fn commands_and_prompts_by_content_elsewhere() {
        let c = Config::default();
        let command = "---\nname: plan\nmodel: claude-sonnet-4.6\nagent: lead\nprompts:\n  pipeline: []\n---\n";
        assert_eq!(classify(&c, Some("plan.md"), command), Scope::In(Kind::Command));
        let prompt = "---\nid: context.load-task\nversion: 1.0.0\ncategory: context\n---\n";
        assert_eq!(classify(&c, None, prompt), Scope::In(Kind::Prompt));
    }

    #[test]
    fn templates_by_placeholders() {
        let c = Config::default();
        let template = "---\nrole:\nversion:\ndescription:\nspecialization:\ntone:\nexpertise:\n  -\n---\n";
        assert_eq!(classify(&c, Some("data/agents/new-role.md"), template), Scope::In(Kind::RoleTemplate));
        let copy = template.replace("role:\n", "role:\ninherits: x\n");
        assert_eq!(classify(&c, Some("roles/copy.md"), &copy), Scope::In(Kind::RoleTemplate));
    }

    #[test]
    fn layouts() {
        let l = layout("repo/data/prompts/02_context/load-task.md").unwrap();
        assert_eq!((l.family, l.tree, l.category_folder), (Family::Prompt, "repo/data", Some("02_context")));
        let l = layout("data/agents/qa.md").unwrap();
        assert_eq!((l.family, l.tree), (Family::Role, "data"));
        assert!(layout("agents/qa.md").is_none());
        assert!(layout("qa.md").is_none());
        assert_eq!(folder_category("02_context"), "context");
        assert_eq!(folder_category("context"), "context");
    }

    #[test]
    fn include_widens_and_exclude_wins() {
        let c = config("include = [\"roles/**/*.md\"]\nexclude = [\"roles/drafts\"]\n");
        assert_eq!(classify(&c, Some("roles/new.md"), ""), Scope::In(Kind::Role));
        assert_eq!(classify(&c, Some("roles/drafts/x.md"), ROLE), Scope::Out(NotInScope::Excluded));
        assert_eq!(classify(&c, Some("other/qa.md"), ROLE), Scope::In(Kind::Role));
    }

    #[test]
    fn custom_kinds_come_first() {
        let c = config("[[kinds]]\nname = \"playbook\"\ninclude = [\"playbooks/**/*.md\"]\n");
        assert_eq!(classify(&c, Some("playbooks/a/b.md"), ROLE), Scope::In(Kind::Custom { index: 0, template: false }));
        assert_eq!(classify(&c, Some("playbooks/_t.md"), ""), Scope::In(Kind::Custom { index: 0, template: true }));
    }

    #[test]
    fn only_the_head_is_read() {
        // The keys of a long frontmatter are found in the first lines: a 64 KiB head of it decides.
        let mut text = String::from("---\nrole: qa\nversion: 1.0.0\n");
        text.push_str(&"note: x\n".repeat(100_000));
        let head = &text[..super::super::HEAD_BYTES];
        assert_eq!(classify(&Config::default(), Some("qa.md"), head), Scope::In(Kind::Role));
    }
}
