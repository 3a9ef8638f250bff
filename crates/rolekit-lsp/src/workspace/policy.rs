//! The language server's policy, in one place: configuration
//! (`rolekit.toml` at the workspace root, then the editor's settings
//! `rolekit.rules`, `rolekit.roleGlobs` over it) and the decisions made from
//! it: which documents are checked ([`Policy::in_scope`]) and as what
//! ([`Policy::kind`]). Nothing else in the server reads the configuration,
//! so moving to `rolekit_core::policy` is a change to this file.
//!
//! ```toml
//! include = ["roles/**/*.md"]      # also checked when they lack `role:`
//! exclude = ["drafts/**"]          # never checked
//! [rules]
//! mojibake = "off"                 # off | error | warning | info | hint
//! ```

use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rolekit_core::analysis::{RuleConfig, RuleLevel};
use rolekit_core::policy::Kind;
use rolekit_core::Document;
use serde_json::Value;

use crate::fs::FileSystem;
use crate::uri;

/// Everything the server decides from the configuration, for one
/// configuration: replaced whole when `rolekit.toml` or the settings change,
/// shared by the jobs that check documents.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Workspace folder URIs, each ending in `/`.
    pub roots: Arc<[String]>,
    pub file: FileConfig,
    pub config: Config,
}

impl Policy {
    /// Reads `rolekit.toml` from the first workspace folder and applies
    /// `settings` over it; the second value lists the problems found.
    pub fn load(fs: &dyn FileSystem, roots: Arc<[String]>, settings: &Settings) -> (Policy, Vec<String>) {
        let mut errors = Vec::new();
        let file = match roots.first().and_then(|r| fs.read(&format!("{r}rolekit.toml"))) {
            Some(text) => {
                let (file, problems) = FileConfig::parse(&text);
                errors.extend(problems);
                file
            }
            None => FileConfig::default(),
        };
        let (config, problems) = Config::build(&file, settings);
        errors.extend(problems);
        (Policy { roots, file, config }, errors)
    }

    /// The same `rolekit.toml` with other settings.
    pub fn with_settings(&self, settings: &Settings) -> (Policy, Vec<String>) {
        let (config, errors) = Config::build(&self.file, settings);
        (Policy { roots: self.roots.clone(), file: self.file.clone(), config }, errors)
    }

    /// A file's path below its workspace folder (what globs match).
    pub fn relative_path(&self, file: &str) -> String {
        self.roots
            .iter()
            .find_map(|r| uri::relative(file, r))
            .unwrap_or_else(|| uri::path(file).trim_start_matches('/').to_string())
    }

    /// Whether the document at `file` is checked: a role file, or Markdown
    /// an include glob names; never an excluded one.
    pub fn in_scope(&self, file: &str, doc: &Document) -> bool {
        let rel = self.relative_path(file);
        !self.config.excluded(&rel) && (doc.is_role_file() || self.config.included(&rel))
    }

    /// What a document in scope is checked as: `_name.md` is a template.
    pub fn kind(&self, file: &str) -> Kind {
        if uri::file_stem(file).is_some_and(|s| s.starts_with('_')) {
            Kind::RoleTemplate
        } else {
            Kind::Role
        }
    }

    /// `file` lies in a workspace folder (the index holds only those).
    pub fn in_root(&self, file: &str) -> bool {
        self.roots.iter().any(|r| file.starts_with(r.as_str()))
    }

    /// `rolekit.toml` at the top of a workspace folder.
    pub fn is_config_file(&self, file: &str) -> bool {
        uri::file_name(file) == "rolekit.toml"
    }
}

/// `rolekit.toml`, validated. Problems are reported, never silently dropped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileConfig {
    pub rules: Vec<(String, String)>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// The editor's `rolekit` settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub rules: Vec<(String, String)>,
    pub role_globs: Vec<String>,
}

/// What the server applies.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub rules: RuleConfig,
    include: GlobSet,
    exclude: GlobSet,
    has_include: bool,
}

impl FileConfig {
    /// Parses `rolekit.toml`; the second value lists problems (unknown keys,
    /// wrong types), each naming the key.
    pub fn parse(text: &str) -> (Self, Vec<String>) {
        let mut errors = Vec::new();
        let mut out = FileConfig::default();
        let table: toml::Table = match text.parse() {
            Ok(t) => t,
            Err(e) => {
                errors.push(format!("rolekit.toml: {}", e.message()));
                return (out, errors);
            }
        };
        for (key, value) in &table {
            match key.as_str() {
                "include" => out.include = string_list(value, "include", &mut errors),
                "exclude" => out.exclude = string_list(value, "exclude", &mut errors),
                "rules" => match value.as_table() {
                    Some(rules) => {
                        for (id, level) in rules {
                            match level.as_str() {
                                Some(l) => out.rules.push((id.clone(), l.to_string())),
                                None => errors.push(format!("rolekit.toml: `rules.{id}` must be a string (\"off\", \"error\", \"warning\", \"info\" or \"hint\")")),
                            }
                        }
                    }
                    None => errors.push("rolekit.toml: `rules` must be a table of rule ids".to_string()),
                },
                other => errors
                    .push(format!("rolekit.toml: unknown key `{other}` (expected `include`, `exclude` or `[rules]`)")),
            }
        }
        (out, errors)
    }
}

fn string_list(value: &toml::Value, key: &str, errors: &mut Vec<String>) -> Vec<String> {
    match value.as_array() {
        Some(items) => items
            .iter()
            .filter_map(|v| {
                let s = v.as_str().map(str::to_string);
                if s.is_none() {
                    errors.push(format!("rolekit.toml: `{key}` must list strings (globs)"));
                }
                s
            })
            .collect(),
        None => {
            errors.push(format!("rolekit.toml: `{key}` must be an array of globs"));
            Vec::new()
        }
    }
}

impl Settings {
    /// Reads `{"rules": {...}, "roleGlobs": [...]}` (the `rolekit` section),
    /// or a whole settings object holding a `rolekit` key.
    pub fn from_json(value: &Value) -> Option<Self> {
        let section = value.get("rolekit").unwrap_or(value);
        let obj = section.as_object()?;
        let rules = obj
            .get("rules")
            .and_then(Value::as_object)
            .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
            .unwrap_or_default();
        let role_globs = obj
            .get("roleGlobs")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        Some(Settings { rules, role_globs })
    }
}

impl Config {
    /// Combines the file and the settings (settings win); problems are returned.
    pub fn build(file: &FileConfig, settings: &Settings) -> (Self, Vec<String>) {
        let mut errors = Vec::new();
        let mut rules = RuleConfig::new();
        for (id, level) in file.rules.iter().chain(&settings.rules) {
            match RuleLevel::parse(level) {
                Some(l) => {
                    if let Err(e) = rules.set(id, l) {
                        errors.push(format!("rule setting: {e}"));
                    }
                }
                None => errors.push(format!(
                    "rule setting `{id} = \"{level}\"`: expected \"off\", \"error\", \"warning\", \"info\" or \"hint\""
                )),
            }
        }
        let includes: Vec<&String> = file.include.iter().chain(&settings.role_globs).collect();
        let include = glob_set(&includes, &mut errors);
        let exclude = glob_set(&file.exclude.iter().collect::<Vec<_>>(), &mut errors);
        (Config { rules, include, exclude, has_include: !includes.is_empty() }, errors)
    }

    /// `path` (relative to the workspace root) matches an include glob.
    pub fn included(&self, path: &str) -> bool {
        self.has_include && self.include.is_match(path)
    }

    pub fn excluded(&self, path: &str) -> bool {
        self.exclude.is_match(path)
    }
}

fn glob_set(globs: &[&String], errors: &mut Vec<String>) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        match GlobBuilder::new(g).literal_separator(true).build() {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => errors.push(format!("glob `{g}`: {e}")),
        }
    }
    builder.build().unwrap_or_else(|e| {
        errors.push(format!("globs: {e}"));
        GlobSet::empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolekit_core::{RuleId, Severity};

    #[test]
    fn toml_rules_and_globs() {
        let (file, errors) = FileConfig::parse("include = [\"roles/**/*.md\"]\nexclude = [\"drafts/**\"]\n[rules]\nmojibake = \"off\"\nunknown-key = \"error\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        let (config, errors) = Config::build(&file, &Settings::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.rules.level(RuleId::Mojibake), Some(RuleLevel::Off));
        assert_eq!(config.rules.level(RuleId::UnknownKey), Some(RuleLevel::On(Severity::Error)));
        assert!(config.included("roles/a/b.md"));
        assert!(!config.included("README.md"));
        assert!(config.excluded("drafts/x.md"));
    }

    #[test]
    fn problems_are_reported() {
        let (_, errors) = FileConfig::parse("colour = 1\n[rules]\nmojibake = 3\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
        let (_, errors) = FileConfig::parse("include = [");
        assert_eq!(errors.len(), 1);
        let file = FileConfig {
            rules: vec![("mojibak".into(), "off".into()), ("mojibake".into(), "loud".into())],
            ..Default::default()
        };
        let (_, errors) = Config::build(&file, &Settings::default());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("did you mean"), "{errors:?}");
    }

    #[test]
    fn settings_override_the_file() {
        let settings = Settings::from_json(
            &serde_json::json!({"rolekit": {"rules": {"mojibake": "error"}, "roleGlobs": ["**/*.role.md"]}}),
        )
        .unwrap();
        let file = FileConfig { rules: vec![("mojibake".into(), "off".into())], ..Default::default() };
        let (config, _) = Config::build(&file, &settings);
        assert_eq!(config.rules.level(RuleId::Mojibake), Some(RuleLevel::On(Severity::Error)));
        assert!(config.included("a/b.role.md"));
    }
}
