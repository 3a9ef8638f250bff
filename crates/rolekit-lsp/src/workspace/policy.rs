//! The server's side of the policy: where `rolekit.toml` is read, the
//! editor's settings over it, and which path the core is asked about. What
//! the configuration means, which files are role files (and templates) and
//! which folders a walk enters are [`rolekit_core::policy`]'s decisions,
//! made there for every adapter; this file only reads and spells paths.
//!
//! The project root is the first workspace folder: its `rolekit.toml` is
//! the configuration, and `include`/`exclude` globs match paths below it
//! (below their own workspace folder for the others). The schema files it
//! names (`[schemas]`, `[[kinds]] schema`) are read below the root with it,
//! through the [`FileSystem`], and compiled once by the core
//! ([`policy::schemas::load`]).

use std::sync::Arc;

use rolekit_core::policy::{self, Config, ConfigError, Schemas, Scope, Settings};
use rolekit_core::LineIndex;

use crate::fs::FileSystem;
use crate::uri;

/// Everything the server decides from the configuration, for one
/// configuration: replaced whole when `rolekit.toml` or the settings change,
/// shared by the jobs that check documents and index files.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Workspace folder URIs, each ending in `/`.
    pub roots: Arc<[String]>,
    /// `rolekit.toml` alone (the settings go over it).
    file: Config,
    /// What applies: `rolekit.toml`, then the editor's settings.
    pub config: Config,
    /// The text of `rolekit.toml` at the project root, when it exists (what
    /// the "exclude" action edits).
    pub config_text: Option<Arc<str>>,
    /// The schema of each kind: built-in, or the files `rolekit.toml` names
    /// (every check, completion, hover and formatting uses these).
    pub schemas: Arc<Schemas>,
    /// The URIs of the schema files `rolekit.toml` names, read or not (a
    /// change to one reloads the policy).
    pub schema_uris: Arc<[String]>,
    /// What is wrong with `rolekit.toml` or the schemas it names, at their
    /// place in `config_text` (published as its diagnostics).
    pub problems: Arc<[ConfigError]>,
}

impl Policy {
    /// Reads `rolekit.toml` at the project root and applies `settings` over
    /// it; the second value lists the problems found, each with its place
    /// (`rolekit.toml:3:1: unknown key ...`). A file with problems counts as
    /// absent, as the CLI refuses it. A schema file that cannot be read or
    /// compiled is a problem at its path in `rolekit.toml` (with the line and
    /// column inside the schema); the rest of the file stays in force, with
    /// the built-in schemas, never a schema honoured halfway.
    pub fn load(fs: &dyn FileSystem, roots: Arc<[String]>, settings: &Settings) -> (Policy, Vec<String>) {
        let mut problems = Vec::new();
        let text = config_uri(&roots).and_then(|u| fs.read(&u));
        let file = match text.as_deref().map(Config::parse) {
            Some(Ok(config)) => config,
            Some(Err(found)) => {
                problems.extend(found);
                Config::default()
            }
            None => Config::default(),
        };
        let root = roots.first().map(String::as_str).unwrap_or_default();
        let schema_uris: Arc<[String]> = schema_paths(&file).map(|p| schema_uri(root, p)).collect();
        // Without schema files this reads nothing (`[allow-keys]` still applies).
        let mut read = |rel: &str| read_schema(fs, root, rel);
        let schemas = match policy::schemas::load(&file, &mut read) {
            Ok(schemas) => schemas,
            Err(found) => {
                problems.extend(found);
                Schemas::built_in()
            }
        };
        let errors = describe(text.as_deref().unwrap_or_default(), &problems);
        let config = file.with_settings(settings);
        let policy = Policy {
            roots,
            file,
            config,
            config_text: text.map(Arc::from),
            schemas: Arc::new(schemas),
            schema_uris,
            problems: problems.into(),
        };
        (policy, errors)
    }

    /// The same `rolekit.toml` with other settings.
    pub fn with_settings(&self, settings: &Settings) -> Policy {
        Policy { config: self.file.with_settings(settings), ..self.clone() }
    }

    /// The project root (the first workspace folder), a URI ending in `/`.
    pub fn project_root(&self) -> Option<&str> {
        self.roots.first().map(String::as_str)
    }

    /// `rolekit.toml` at the project root (it may not exist).
    pub fn config_uri(&self) -> Option<String> {
        config_uri(&self.roots)
    }

    /// `file`'s path below the workspace folder holding it, `/`-separated
    /// and decoded (what globs match); `None` outside every folder.
    pub fn relative_path(&self, file: &str) -> Option<String> {
        self.roots.iter().find_map(|r| uri::relative(file, r))
    }

    /// What the core's policy makes of `file`, given its text (or at least
    /// its start). Outside the workspace folders only the file name counts
    /// (`_name.md` is a template; no glob applies).
    pub fn scope(&self, file: &str, text: &str) -> Scope {
        let path = self.relative_path(file).unwrap_or_else(|| uri::file_name(file));
        let path = Some(path.as_str()).filter(|p| !p.is_empty());
        policy::classify(&self.config, path, head(text))
    }

    /// The index walks the folder `folder` (a URI): the core's `descend`
    /// on its name, and no `exclude` pattern covers it.
    pub fn descend(&self, folder: &str) -> bool {
        let trimmed = folder.trim_end_matches('/');
        policy::descend(&uri::file_name(trimmed))
            && !self.relative_path(trimmed).is_some_and(|rel| self.config.exclude.matches_path_or_parent(&rel))
    }

    /// `file` lies in a workspace folder (the index holds only those).
    pub fn in_root(&self, file: &str) -> bool {
        self.roots.iter().any(|r| file.starts_with(r.as_str()))
    }

    /// `rolekit.toml` at the top of a workspace folder, or a schema file it
    /// names: what the policy is read from.
    pub fn is_config_file(&self, file: &str) -> bool {
        (uri::file_name(file) == policy::CONFIG_FILE && self.roots.iter().any(|r| uri::folder(file) == r))
            || self.schema_uris.iter().any(|u| u == file)
    }
}

fn config_uri(roots: &[String]) -> Option<String> {
    roots.first().map(|r| format!("{r}{}", policy::CONFIG_FILE))
}

/// Every schema path `config` names.
fn schema_paths(config: &Config) -> impl Iterator<Item = &str> {
    config.schemas.iter().chain(config.kinds.iter().filter_map(|k| k.schema.as_ref())).map(|s| s.path.as_str())
}

/// The URI of `rel` (`/`-separated, below the root: the core refuses `..`)
/// under the folder URI `root`, each segment percent-encoded.
fn schema_uri(root: &str, rel: &str) -> String {
    let path: Vec<String> = rel.split('/').filter(|s| !s.is_empty() && *s != ".").map(uri::encode).collect();
    format!("{root}{}", path.join("/"))
}

/// Largest schema file read (as the CLI).
const MAX_SCHEMA_BYTES: usize = 8 * 1024 * 1024;

/// A schema file's text, or why it cannot be had.
fn read_schema(fs: &dyn FileSystem, root: &str, rel: &str) -> Result<String, String> {
    if root.is_empty() {
        return Err("there is no workspace folder".to_string());
    }
    let text =
        fs.read_head(&schema_uri(root, rel), MAX_SCHEMA_BYTES + 1).ok_or("no such file, or it cannot be read")?;
    if text.len() > MAX_SCHEMA_BYTES {
        return Err(format!("it is larger than {} MiB", MAX_SCHEMA_BYTES / (1024 * 1024)));
    }
    Ok(text)
}

/// At most [`policy::HEAD_BYTES`] of `text`, cut at a character boundary:
/// all `classify` ever needs.
fn head(text: &str) -> &str {
    let mut end = text.len().min(policy::HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `rolekit.toml:LINE:COL: message`, one per problem.
fn describe(text: &str, problems: &[ConfigError]) -> Vec<String> {
    let index = LineIndex::new(text);
    problems
        .iter()
        .map(|e| {
            let (line, col) = index.line_col_human(text, e.range.start());
            format!("{}:{line}:{col}: {}", policy::CONFIG_FILE, e.message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemoryFs;
    use rolekit_core::policy::{Kind, NotInScope};
    use rolekit_core::RuleId;

    const ROLE: &str = "---\nrole: qa\nversion: 1.0.0\n---\n";

    fn load(toml: Option<&str>, settings: serde_json::Value) -> (Policy, Vec<String>) {
        let fs = MemoryFs::new();
        if let Some(t) = toml {
            fs.insert("file:///w/rolekit.toml", t);
        }
        let (settings, problems) = Settings::from_json(&settings);
        assert!(problems.is_empty(), "{problems:?}");
        Policy::load(&fs, vec!["file:///w/".to_string()].into(), &settings)
    }

    #[test]
    fn the_core_decides_scope_and_kind() {
        let (p, errors) = load(Some("include = [\"roles/**/*.md\"]\nexclude = [\"drafts\"]\n"), serde_json::json!({}));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.scope("file:///w/a/qa.md", ROLE), Scope::In(Kind::Role));
        assert_eq!(p.scope("file:///w/a/_template.md", ROLE), Scope::In(Kind::RoleTemplate));
        assert_eq!(p.scope("file:///w/roles/new.md", ""), Scope::In(Kind::Role));
        assert_eq!(p.scope("file:///w/drafts/x/qa.md", ROLE), Scope::Out(NotInScope::Excluded));
        let docs = "---\ntitle: Buttons\nrole: button\nlayout: page\n---\n";
        assert_eq!(p.scope("file:///w/docs/button.md", docs), Scope::Out(NotInScope::NotARole));
        assert_eq!(p.scope("untitled:Untitled-1", ROLE), Scope::In(Kind::Role));
        assert!(!p.descend("file:///w/drafts/"));
        assert!(!p.descend("file:///w/a/node_modules/"));
        assert!(!p.descend("file:///w/.git/"));
        assert!(p.descend("file:///w/.ai/"));
        assert!(p.is_config_file("file:///w/rolekit.toml"));
        assert!(!p.is_config_file("file:///w/sub/rolekit.toml"));
    }

    #[test]
    fn schema_files_are_read_below_the_root_and_watched() {
        let fs = MemoryFs::new();
        let toml = "[schemas]\nrole = \"my schemas/role.json\"\n[[kinds]]\nname = \"playbook\"\ninclude = [\"playbooks/*.md\"]\nschema = \"s/playbook.json\"\n";
        fs.insert("file:///w/rolekit.toml", toml);
        fs.insert("file:///w/my%20schemas/role.json", "{\"type\": \"object\"}");
        fs.insert("file:///w/s/playbook.json", "{\"type\": \"object\", \"required\": [\"title\"]}");
        let roots: Arc<[String]> = vec!["file:///w/".to_string()].into();
        let (p, errors) = Policy::load(&fs, roots.clone(), &Settings::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert!(!p.schemas.role_is_built_in());
        let playbook = p.schemas.for_family(rolekit_core::policy::Family::Custom(0)).map(|s| s.required().count());
        assert_eq!(playbook, Some(1));
        assert!(p.is_config_file("file:///w/my%20schemas/role.json") && p.is_config_file("file:///w/s/playbook.json"));
        assert!(!p.is_config_file("file:///w/s/other.json"));
        // A schema that is gone: a problem at its path, the rest of the file in force.
        fs.remove("file:///w/s/playbook.json");
        let (p, errors) = Policy::load(&fs, roots, &Settings::default());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("rolekit.toml:6:10: cannot read the playbook schema `s/playbook.json`"),
            "{errors:?}"
        );
        assert!(p.schemas.role_is_built_in());
        assert_eq!(p.config.kinds.len(), 1);
        assert!(p.is_config_file("file:///w/s/playbook.json"), "watched, to be read when it appears");
    }

    #[test]
    fn allowed_keys_apply_without_schema_files() {
        let (p, errors) = load(Some("[allow-keys]\nrole = [\"owner\"]\n"), serde_json::json!({}));
        assert!(errors.is_empty(), "{errors:?}");
        let role = p.schemas.for_family(rolekit_core::policy::Family::Role).map(|s| s.json().clone());
        assert!(role.is_some_and(|r| r["properties"].get("owner").is_some()), "`owner` is a known role key");
    }

    #[test]
    fn problems_name_their_place_and_settings_go_over_the_file() {
        let (p, errors) = load(Some("[rules]\nmojibak = \"off\"\n"), serde_json::json!({}));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("rolekit.toml:2:1: "), "{errors:?}");
        assert!(errors[0].contains("did you mean"), "{errors:?}");
        assert_eq!(p.config, Config::default());
        let settings = serde_json::json!({"rolekit": {"rules": {"mojibake": "error"}, "roleGlobs": ["**/*.role.md"]}});
        let (p, errors) = load(Some("[rules]\nmojibake = \"off\"\n"), settings);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(p.config.rules.level(RuleId::Mojibake).is_some_and(|l| l != rolekit_core::analysis::RuleLevel::Off));
        assert_eq!(p.scope("file:///w/x/a.role.md", ""), Scope::In(Kind::Role));
        let (settings, _) = Settings::from_json(&serde_json::json!({}));
        assert_eq!(
            p.with_settings(&settings).config.rules.level(RuleId::Mojibake),
            Some(rolekit_core::analysis::RuleLevel::Off)
        );
    }
}
