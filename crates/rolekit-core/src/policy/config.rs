//! `rolekit.toml` and the editor's `rolekit` settings, with one meaning for
//! every key in every adapter.
//!
//! ```toml
//! include = ["roles/**/*.md"]   # role files even when they do not look like one
//! exclude = ["drafts/**"]       # never checked (a folder pattern covers its files)
//!
//! [rules]
//! mojibake = "off"              # off | error | warning | info | hint
//!
//! [schemas]                     # your own schema for a kind of document
//! role = "data/agents/_meta/schema.json"
//!
//! [[kinds]]                     # a kind of your own
//! name = "playbook"
//! include = ["playbooks/**/*.md"]
//! schema = "schemas/playbook.schema.json"
//!
//! [allow-keys]                  # keys a kind's schema does not list, accepted here
//! claude-agent = ["x-team"]
//!
//! [token-budget]                # the `token-budget` rule (see `crate::tokens::budget`)
//! section = 800
//!
//! [format]                      # `rolekit fmt` (see `crate::format`)
//! key-order = "schema"          # as-written (default) | schema
//! list-indent = "indented"      # indented (default) | flush
//! quote = "double"              # double (default) | single
//! ```
//!
//! Schema files are named here and read by the adapter, which hands their
//! text to [`super::schemas::load`]: the core stays free of IO.
//!
//! Parsing is strict: an unknown key, a wrong type, an unknown rule id or a
//! bad glob is an error that names the key and points at it (a byte range in
//! the file), never a silently ignored line.

use super::glob::GlobList;
use super::toml::{Entry, Kind, Value as TomlValue};
use crate::analysis::{RuleConfig, RuleLevel};
use crate::format::{FormatOptions, KeyOrder, ListIndent, Quote};
use crate::text::TextRange;
use serde_json::Value;

/// The configuration in force: the defaults, `rolekit.toml`, then the editor's settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// Markdown files that are role files even when their text does not say
    /// so (a new file without `role:` yet). Widens the scope; never narrows it.
    pub include: GlobList,
    /// Files and folders rolekit never checks, whatever they contain.
    pub exclude: GlobList,
    /// Per-rule levels.
    pub rules: RuleConfig,
    /// Limits of the `token-budget` rule (`[token-budget]`).
    pub token_budget: crate::tokens::TokenBudget,
    /// How `rolekit fmt` writes role files (`[format]`).
    pub format: FormatOptions,
    /// `[schemas]`: a schema file replacing a kind's built-in schema.
    pub schemas: Vec<SchemaSetting>,
    /// `[[kinds]]`: kinds of documents of the project's own.
    pub kinds: Vec<CustomKind>,
    /// `[allow-keys]`: extra top-level keys per kind.
    pub allow_keys: Vec<AllowKeys>,
}

/// `<kind> = ["key", ...]` in `[allow-keys]`: frontmatter keys the kind's
/// schema does not list that this project uses (vendors add fields faster
/// than schemas follow; teams add their own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowKeys {
    /// The kind's name, as in `[schemas]`.
    pub kind: String,
    pub keys: Vec<String>,
    /// Where the kind's name is written in `rolekit.toml`.
    pub range: TextRange,
}

/// `<kind> = "<path>"` in `[schemas]`, or a `[[kinds]]` table's `schema`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaSetting {
    /// The kind's name (`role`, `command`, `prompt`, or a `[[kinds]]` name).
    pub kind: String,
    /// The schema file, relative to the project root with `/` separators.
    pub path: String,
    /// Where the path is written in `rolekit.toml`.
    pub range: TextRange,
}

/// A `[[kinds]]` table: documents of the project's own kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomKind {
    pub name: String,
    /// The Markdown files of this kind.
    pub include: GlobList,
    /// Its schema, if it has one (else only syntax and encoding rules apply).
    pub schema: Option<SchemaSetting>,
    /// Where the table's `name` is written.
    pub range: TextRange,
}

impl Config {
    /// The schema file configured for the family named `kind`, if any.
    pub fn schema_for(&self, kind: &str) -> Option<&SchemaSetting> {
        self.schemas
            .iter()
            .find(|s| s.kind == kind)
            .or_else(|| self.kinds.iter().find(|k| k.name == kind).and_then(|k| k.schema.as_ref()))
    }
}

/// A problem in a configuration: what is wrong, and where in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    /// Byte range in the configuration text (empty at 0 when it has no place).
    pub range: TextRange,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

const TOP_LEVEL_KEYS: &str =
    "`include`, `exclude`, `[rules]`, `[format]`, `[token-budget]`, `[schemas]`, `[[kinds]]` or `[allow-keys]`";

impl Config {
    /// Parses `rolekit.toml`. Every problem is returned, each with its place.
    pub fn parse(text: &str) -> Result<Config, Vec<ConfigError>> {
        let table = match super::toml::parse(text) {
            Ok(t) => t,
            Err(e) => return Err(vec![ConfigError { message: e.message, range: e.range }]),
        };
        let mut config = Config::default();
        let mut errors = Vec::new();
        let mut schemas_table = None;
        let mut allow_table = None;
        for Entry { key, key_range, value } in &table {
            let key_range = *key_range;
            match key.as_str() {
                "include" => read_globs(value, "include", &mut config.include, &mut errors),
                "exclude" => read_globs(value, "exclude", &mut config.exclude, &mut errors),
                "rules" => read_rules(value, &mut config.rules, &mut errors),
                "schemas" => schemas_table = Some(value),
                "kinds" => read_kinds(value, &mut config.kinds, &mut errors),
                "allow-keys" => allow_table = Some(value),
                "token-budget" => crate::tokens::budget::read(value, &mut config.token_budget, &mut errors),
                "format" => read_format(value, &mut config.format, &mut errors),
                other => {
                    let known =
                        ["include", "exclude", "rules", "format", "token-budget", "schemas", "kinds", "allow-keys"];
                    let hint = crate::analysis::closest(other, known.into_iter())
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_default();
                    errors.push(ConfigError {
                        message: format!("unknown key `{other}` (expected {TOP_LEVEL_KEYS}){hint}"),
                        range: key_range,
                    })
                }
            }
        }
        // After `[[kinds]]`, wherever it is written: `[schemas]` and
        // `[allow-keys]` may name them.
        if let Some(value) = schemas_table {
            read_schemas(value, &config.kinds, &mut config.schemas, &mut errors);
        }
        if let Some(value) = allow_table {
            read_allow_keys(value, &config.kinds, &mut config.allow_keys, &mut errors);
        }
        crate::sort::sort_by_key(&mut errors, |e| (e.range.start, e.range.end));
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// This configuration with the editor's settings over it: their rule
    /// levels win, their `roleGlobs` add to `include`.
    pub fn with_settings(&self, settings: &Settings) -> Config {
        let mut out = self.clone();
        for (id, level) in &settings.rules {
            out.rules.set_id(*id, *level);
        }
        out.include.extend(&settings.role_globs);
        out
    }
}

/// The edit that adds `glob` to `exclude` in the `rolekit.toml` text `text`
/// (empty when the file does not exist yet), keeping everything else as it
/// is: into the existing array, or a new `exclude = [...]` line before the
/// first table (`[rules]`), where top-level keys must be. `Err` when the file
/// does not parse or `exclude` is not an array (editing it would guess).
pub fn exclude_edit(text: &str, glob: &str) -> Result<crate::Edit, String> {
    let quoted = serde_json::Value::String(glob.to_string()).to_string();
    let table = super::toml::parse(text).map_err(|e| format!("rolekit.toml does not parse: {}", e.message))?;
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut first_table: Option<usize> = None;
    for Entry { key, key_range, value } in &table {
        let key_start = key_range.start();
        if key == "exclude" {
            let Kind::Array(items) = &value.kind else {
                return Err("`exclude` in rolekit.toml is not an array".to_string());
            };
            let close = value.range.end().saturating_sub(1);
            if text.as_bytes().get(close) != Some(&b']') {
                return Err("`exclude` in rolekit.toml is not a plain array".to_string());
            }
            if items.items().iter().any(|i| matches!(&i.kind, Kind::String(s) if s == glob)) {
                return Err(format!("`{glob}` is already excluded"));
            }
            // After the last item (a trailing comma and comments stay where they are).
            let (at, insert) = match items.items().last() {
                Some(last) => (last.range.end(), format!(", {quoted}")),
                None => (close, quoted),
            };
            return Ok(crate::Edit::insert(at, insert));
        }
        // A `[table]` header: its key sits after a `[` that starts its line.
        let line_start = text[..key_start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        if matches!(value.kind, Kind::Table(_)) && text[line_start..key_start].trim_start().starts_with('[') {
            first_table = Some(first_table.map_or(line_start, |f: usize| f.min(line_start)));
        }
    }
    let line = format!("exclude = [{quoted}]{nl}");
    Ok(match first_table {
        Some(at) => crate::Edit::insert(at, format!("{line}{nl}")),
        None if text.is_empty() || text.ends_with(['\n', '\r']) => crate::Edit::insert(text.len(), line),
        None => crate::Edit::insert(text.len(), format!("{nl}{line}")),
    })
}

fn read_globs(value: &TomlValue, key: &str, into: &mut GlobList, errors: &mut Vec<ConfigError>) {
    let Kind::Array(items) = &value.kind else {
        errors.push(ConfigError { message: format!("`{key}` must be an array of globs"), range: value.range });
        return;
    };
    for item in items.items() {
        match &item.kind {
            Kind::String(glob) => {
                if let Err(e) = into.push(glob) {
                    errors.push(ConfigError { message: format!("`{key}`: {e}"), range: item.range });
                }
            }
            _ => errors.push(ConfigError { message: format!("`{key}` must list strings (globs)"), range: item.range }),
        }
    }
}

fn read_rules(value: &TomlValue, into: &mut RuleConfig, errors: &mut Vec<ConfigError>) {
    let Kind::Table(rules) = &value.kind else {
        errors.push(ConfigError { message: "`rules` must be a table of rule ids".to_string(), range: value.range });
        return;
    };
    for Entry { key: id, key_range: id_range, value: level } in rules {
        let level_text = match &level.kind {
            Kind::String(s) => s.as_str(),
            _ => {
                errors.push(ConfigError { message: level_expected(id), range: level.range });
                continue;
            }
        };
        let Some(parsed) = RuleLevel::parse(level_text) else {
            errors.push(ConfigError { message: level_expected(id), range: level.range });
            continue;
        };
        if let Err(e) = into.set(id, parsed) {
            errors.push(ConfigError { message: format!("[rules] {e}"), range: *id_range });
        }
    }
}

/// A schema path: relative to the project root, `/`-separated, inside it.
fn schema_path(value: &TomlValue, what: &str, errors: &mut Vec<ConfigError>) -> Option<String> {
    let Kind::String(path) = &value.kind else {
        errors.push(ConfigError { message: format!("{what} must be a path (a string)"), range: value.range });
        return None;
    };
    let path = path.replace('\\', "/");
    let inside =
        !path.is_empty() && !path.starts_with('/') && !path.contains(':') && !path.split('/').any(|seg| seg == "..");
    if !inside {
        errors.push(ConfigError {
            message: format!("{what}: `{path}` must be a path relative to the project root, inside it"),
            range: value.range,
        });
        return None;
    }
    Some(path.trim_start_matches("./").to_string())
}

fn read_schemas(value: &TomlValue, kinds: &[CustomKind], into: &mut Vec<SchemaSetting>, errors: &mut Vec<ConfigError>) {
    for Entry { key: name, key_range, value: path } in kind_table(value, "schemas", "schema files", kinds, errors) {
        if kinds.iter().any(|k| k.name == *name && k.schema.is_some()) {
            errors.push(ConfigError {
                message: format!("[schemas] `{name}` already has a `schema` in its `[[kinds]]` table"),
                range: *key_range,
            });
            continue;
        }
        if let Some(p) = schema_path(path, &format!("[schemas] `{name}`"), errors) {
            into.push(SchemaSetting { kind: name.to_string(), path: p, range: path.range });
        }
    }
}

/// Checks that `name` names a kind: a built-in one (`role`, `command`,
/// `prompt`, a vendor format) or a `[[kinds]]` name; else an error at
/// `range` in `[table]`, with did-you-mean.
fn known_kind(name: &str, kinds: &[CustomKind], table: &str, range: TextRange) -> Result<(), ConfigError> {
    if super::scope::Family::built_in(name).is_some() || kinds.iter().any(|k| k.name == name) {
        return Ok(());
    }
    let mut known: Vec<&str> = kinds.iter().map(|k| k.name.as_str()).collect();
    known.extend(["role", "command", "prompt"]);
    known.extend(super::Dialect::ALL.iter().map(|d| -> &str { d.name() }));
    let hint =
        crate::analysis::closest(name, known.into_iter()).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default();
    Err(ConfigError {
        message: format!(
            "[{table}] unknown kind `{name}` (expected `role`, `command`, `prompt`, a vendor format such as `claude-agent`, or a `[[kinds]]` name){hint}"
        ),
        range,
    })
}

/// The entries of `[table]`, a table of kind names to `what`, whose key
/// names a kind; every other problem goes to `errors`.
fn kind_table<'t>(
    value: &'t TomlValue,
    table: &str,
    what: &str,
    kinds: &[CustomKind],
    errors: &mut Vec<ConfigError>,
) -> Vec<&'t Entry> {
    let Kind::Table(entries) = &value.kind else {
        errors.push(ConfigError {
            message: format!("`{table}` must be a table of kind names to {what}"),
            range: value.range,
        });
        return Vec::new();
    };
    entries
        .iter()
        .filter(|e| match known_kind(&e.key, kinds, table, e.key_range) {
            Ok(()) => true,
            Err(e) => {
                errors.push(e);
                false
            }
        })
        .collect()
}

fn read_allow_keys(value: &TomlValue, kinds: &[CustomKind], into: &mut Vec<AllowKeys>, errors: &mut Vec<ConfigError>) {
    for Entry { key: name, key_range, value: list } in kind_table(value, "allow-keys", "lists of keys", kinds, errors) {
        let Kind::Array(items) = &list.kind else {
            errors.push(ConfigError {
                message: format!("[allow-keys] `{name}` must be an array of key names"),
                range: list.range,
            });
            continue;
        };
        let mut keys = Vec::with_capacity(items.items().len());
        for item in items.items() {
            match &item.kind {
                Kind::String(key) if !key.trim().is_empty() => keys.push(key.to_string()),
                _ => errors.push(ConfigError {
                    message: format!("[allow-keys] `{name}` must list key names (non-empty strings)"),
                    range: item.range,
                }),
            }
        }
        into.push(AllowKeys { kind: name.to_string(), keys, range: *key_range });
    }
}

const FORMAT_KEYS: &str = "`key-order`, `list-indent` or `quote`";

fn read_format(value: &TomlValue, into: &mut FormatOptions, errors: &mut Vec<ConfigError>) {
    let Kind::Table(table) = &value.kind else {
        errors.push(ConfigError { message: "`format` must be a table".to_string(), range: value.range });
        return;
    };
    for Entry { key, key_range, value } in table {
        match key.as_str() {
            "key-order" => read_choice(value, "key-order", KeyOrder::VALUES, &mut into.key_order, errors),
            "list-indent" => read_choice(value, "list-indent", ListIndent::VALUES, &mut into.list_indent, errors),
            "quote" => read_choice(value, "quote", Quote::VALUES, &mut into.quote, errors),
            other => errors.push(ConfigError {
                message: format!("[format] unknown key `{other}` (expected {FORMAT_KEYS})"),
                range: *key_range,
            }),
        }
    }
}

/// One of `choices`, named by a string.
fn read_choice<T: Copy>(
    value: &TomlValue,
    key: &str,
    choices: &[(&str, T)],
    into: &mut T,
    errors: &mut Vec<ConfigError>,
) {
    let found = match &value.kind {
        Kind::String(s) => choices.iter().find(|(name, _)| name == s),
        _ => None,
    };
    match found {
        Some((_, choice)) => *into = *choice,
        None => {
            let names: Vec<String> = choices.iter().map(|(name, _)| format!("\"{name}\"")).collect();
            errors.push(ConfigError {
                message: format!("[format] `{key}` must be {}", names.join(" or ")),
                range: value.range,
            });
        }
    }
}

fn read_kinds(value: &TomlValue, into: &mut Vec<CustomKind>, errors: &mut Vec<ConfigError>) {
    let Kind::Array(tables) = &value.kind else {
        errors.push(ConfigError {
            message: "`kinds` must be an array of tables (`[[kinds]]`)".to_string(),
            range: value.range,
        });
        return;
    };
    for table in tables.items() {
        let Kind::Table(fields) = &table.kind else {
            errors.push(ConfigError {
                message: "each `[[kinds]]` entry must be a table".to_string(),
                range: table.range,
            });
            continue;
        };
        let mut name: Option<(String, TextRange)> = None;
        let mut include = GlobList::default();
        let mut has_include = false;
        let mut schema = None;
        for Entry { key, key_range, value: v } in fields {
            match key.as_str() {
                "name" => match &v.kind {
                    Kind::String(n) => {
                        let n = n.to_string();
                        let valid = !n.is_empty()
                            && n.bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
                            && n.as_bytes()[0].is_ascii_lowercase();
                        if !valid {
                            errors.push(ConfigError {
                                message: format!("[[kinds]] `name` `{n}` must be lowercase letters, digits, `-` and `_`, starting with a letter"),
                                range: v.range,
                            });
                        } else if super::scope::Family::built_in(&n).is_some() || n == "registry" {
                            errors.push(ConfigError {
                                message: format!("[[kinds]] `{n}` is a built-in kind; use `[schemas] {n} = \"...\"` to replace its schema"),
                                range: v.range,
                            });
                        } else if into.iter().any(|k| k.name == n) {
                            errors.push(ConfigError {
                                message: format!("[[kinds]] `{n}` is declared twice"),
                                range: v.range,
                            });
                        } else {
                            name = Some((n, v.range));
                        }
                    }
                    _ => errors
                        .push(ConfigError { message: "[[kinds]] `name` must be a string".to_string(), range: v.range }),
                },
                "include" => {
                    has_include = true;
                    read_globs(v, "[[kinds]] include", &mut include, errors);
                }
                "schema" => schema = Some(v),
                other => {
                    let hint = crate::analysis::closest(other, ["name", "include", "schema"].into_iter())
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_default();
                    errors.push(ConfigError {
                        message: format!(
                            "[[kinds]] unknown key `{other}` (expected `name`, `include` or `schema`){hint}"
                        ),
                        range: *key_range,
                    });
                }
            }
        }
        let Some((name, range)) = name else {
            if fields.get("name").is_none() {
                errors.push(ConfigError { message: "[[kinds]] needs a `name`".to_string(), range: table.range });
            }
            continue;
        };
        if !has_include || include.is_empty() {
            errors.push(ConfigError {
                message: format!("[[kinds]] `{name}` needs `include`, the globs of its files"),
                range,
            });
            continue;
        }
        let schema = schema.and_then(|v| {
            let path = schema_path(v, &format!("[[kinds]] `{name}` schema"), errors)?;
            Some(SchemaSetting { kind: name.clone(), path, range: v.range })
        });
        into.push(CustomKind { name, include, schema, range });
    }
}

fn level_expected(id: &str) -> String {
    format!("[rules] `{id}` must be \"off\", \"error\", \"warning\", \"info\" or \"hint\"")
}

/// The editor's `rolekit` settings (`rolekit.rules`, `rolekit.roleGlobs`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub rules: Vec<(crate::rules::RuleId, RuleLevel)>,
    pub role_globs: GlobList,
}

/// Keys of the `rolekit` settings section that belong to the editor's client
/// (the VS Code extension), not to the server: accepted and left alone.
const CLIENT_SETTINGS: &[&str] = &["server", "trace"];

impl Settings {
    /// Reads `{"rules": {...}, "roleGlobs": [...]}` (the `rolekit` section, or a
    /// whole settings object holding a `rolekit` key). Problems are returned
    /// as messages naming the setting; valid parts are kept.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut settings = Settings::default();
        let mut errors = Vec::new();
        let section = value.get("rolekit").unwrap_or(value);
        let Some(obj) = section.as_object() else {
            if !section.is_null() {
                errors.push("rolekit settings: expected an object".to_string());
            }
            return (settings, errors);
        };
        for (key, value) in obj {
            match key.as_str() {
                "rules" => match value.as_object() {
                    Some(rules) => {
                        for (id, level) in rules {
                            let Some(level) = level.as_str().and_then(RuleLevel::parse) else {
                                errors.push(format!("rolekit.rules: {}", level_expected(id)));
                                continue;
                            };
                            match crate::rules::RuleId::parse(id) {
                                Some(rule) => settings.rules.push((rule, level)),
                                None => {
                                    let mut probe = RuleConfig::new();
                                    if let Err(e) = probe.set(id, level) {
                                        errors.push(format!("rolekit.rules: {e}"));
                                    }
                                }
                            }
                        }
                    }
                    None if value.is_null() => {}
                    None => errors.push("rolekit.rules: expected an object of rule ids".to_string()),
                },
                "roleGlobs" => match value.as_array() {
                    Some(globs) => {
                        for glob in globs {
                            match glob.as_str() {
                                Some(g) => {
                                    if let Err(e) = settings.role_globs.push(g) {
                                        errors.push(format!("rolekit.roleGlobs: {e}"));
                                    }
                                }
                                None => errors.push("rolekit.roleGlobs: expected strings (globs)".to_string()),
                            }
                        }
                    }
                    None if value.is_null() => {}
                    None => errors.push("rolekit.roleGlobs: expected an array of globs".to_string()),
                },
                other if CLIENT_SETTINGS.contains(&other) => {}
                other => errors.push(format!(
                    "rolekit settings: unknown setting `rolekit.{other}` (expected `rules` or `roleGlobs`)"
                )),
            }
        }
        (settings, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleId, Severity};

    #[test]
    fn a_full_config() {
        let text = "include = [\"roles/**/*.md\"]\nexclude = [\"drafts/**\"]\n[rules]\nmojibake = \"off\"\nunknown-key = \"error\"\n";
        let config = Config::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(config.rules.level(RuleId::Mojibake), Some(RuleLevel::Off));
        assert_eq!(config.rules.level(RuleId::UnknownKey), Some(RuleLevel::On(Severity::Error)));
        assert!(config.include.matches_file("roles/a/b.md"));
        assert!(config.exclude.matches_path_or_parent("drafts/x.md"));
    }

    #[test]
    fn every_problem_is_reported_at_its_key() {
        let text = "colour = 1\ninclude = \"x\"\n[rules]\nmojibak = \"off\"\nmojibake = 3\nempty-section = \"loud\"\n";
        let errors = Config::parse(text).err().unwrap_or_default();
        let at: Vec<(&str, &str)> =
            errors.iter().map(|e| (e.range.slice(text), e.message.split(' ').next().unwrap_or(""))).collect();
        assert_eq!(at.len(), 5, "{errors:?}");
        assert_eq!(at[0].0, "colour");
        assert_eq!(at[1].0, "\"x\"");
        assert_eq!(at[2].0, "mojibak");
        assert!(errors[2].message.contains("did you mean `mojibake`"), "{errors:?}");
        assert_eq!(at[3].0, "3");
        assert_eq!(at[4].0, "\"loud\"");
    }

    #[test]
    fn the_format_table() {
        let config = Config::parse("[format]\nkey-order = \"schema\"\nlist-indent = \"flush\"\nquote = \"single\"\n")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            config.format,
            FormatOptions { key_order: KeyOrder::Schema, list_indent: ListIndent::Flush, quote: Quote::Single }
        );
        assert_eq!(Config::parse("").map(|c| c.format), Ok(FormatOptions::default()));
        let text = "[format]\nkey-order = \"alpha\"\nindent = 2\nquote = 1\n";
        let errors = Config::parse(text).err().unwrap_or_default();
        let at: Vec<&str> = errors.iter().map(|e| e.range.slice(text)).collect();
        assert_eq!(at, ["\"alpha\"", "indent", "1"], "{errors:?}");
        assert!(errors[0].message.contains("\"as-written\" or \"schema\""), "{errors:?}");
        let errors = Config::parse("format = 1\n").err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let errors = Config::parse("include = [").err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].range.start > 0 || !errors[0].range.is_empty(), "{errors:?}");
    }

    #[test]
    fn bad_globs_are_errors() {
        let errors = Config::parse("exclude = [\"a/{b\"]\n").err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn exclude_edits_keep_the_rest_of_the_file() {
        let apply = |text: &str, glob: &str| {
            let edit = exclude_edit(text, glob).unwrap_or_else(|e| panic!("{e}"));
            let (out, _) = crate::fix::apply_edits(text, &[edit]);
            let config = Config::parse(&out).unwrap_or_else(|e| panic!("{out}\n{e:?}"));
            assert!(config.exclude.matches_path_or_parent(glob), "{out}");
            out
        };
        assert_eq!(apply("", "drafts/x.md"), "exclude = [\"drafts/x.md\"]\n");
        assert_eq!(
            apply("# project\ninclude = [\"a/*.md\"]\n\n[rules]\nmojibake = \"off\"\n", "b"),
            "# project\ninclude = [\"a/*.md\"]\n\nexclude = [\"b\"]\n\n[rules]\nmojibake = \"off\"\n"
        );
        assert_eq!(
            apply("exclude = [\"a\", # keep\n  \"b\",\n]\r\n", "c d"),
            "exclude = [\"a\", # keep\n  \"b\", \"c d\",\n]\r\n"
        );
        assert_eq!(apply("exclude = []", "x"), "exclude = [\"x\"]");
        assert!(exclude_edit("exclude = \"x\"\n", "y").is_err());
        assert!(exclude_edit("exclude = [\"y\"]\n", "y").is_err());
        assert!(exclude_edit("exclude = [", "y").is_err());
    }

    #[test]
    fn settings_override_and_widen() {
        let config = Config::parse("[rules]\nmojibake = \"off\"\n").unwrap_or_default();
        let (settings, errors) = Settings::from_json(&serde_json::json!({
            "rolekit": {"rules": {"mojibake": "error"}, "roleGlobs": ["**/*.role.md"], "server": {"path": ""}, "trace": {"server": "off"}}
        }));
        assert!(errors.is_empty(), "{errors:?}");
        let merged = config.with_settings(&settings);
        assert_eq!(merged.rules.level(RuleId::Mojibake), Some(RuleLevel::On(Severity::Error)));
        assert!(merged.include.matches_file("a/b.role.md"));
    }

    #[test]
    fn settings_problems_name_the_setting() {
        let (settings, errors) = Settings::from_json(&serde_json::json!({
            "rules": {"invalid-lenght": "off", "mojibake": "loud", "empty-section": "off"},
            "roleGlobs": [3],
            "colour": true
        }));
        assert_eq!(settings.rules, vec![(RuleId::EmptySection, RuleLevel::Off)]);
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("did you mean `invalid-length`")), "{errors:?}");
    }
}
