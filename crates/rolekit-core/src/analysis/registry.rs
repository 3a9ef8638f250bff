//! valora's `registry.json` files against the documents beside them:
//! entries without a file, files without an entry, and values that
//! contradict the file.
//!
//! - `data/agents/registry.json`: `capabilities.<role>` (selection data for
//!   valora's dynamic agent selection: domains, criteria, priority, not
//!   copies of the files, so only entries and files are matched);
//! - `data/commands/registry.json`: `commands.<name>`, copies of each
//!   command's frontmatter;
//! - `data/prompts/registry.json`: `prompts.<NN_category>.<name>` (keys
//!   spell the folder, so `02_context.load-task` is prompt
//!   `context.load-task`), copies of each prompt's frontmatter.
//!
//! Values are compared as data, not text: strings without surrounding spaces
//! and one pair of surrounding quotes (valora's registry scripts write
//! `" 1.0.0"` and `"'<scope>'"`), an empty registry value (`""`, `[]`, `{}`)
//! agreeing with a key the file leaves out. When one field disagrees in many
//! entries (the registry's generator does not read it, or the registry is
//! stale), that is said once, at the first entry, with the others related.
//!
//! The adapter gives each listed file's values through [`RegistryFiles`]
//! (collected while it checks the files themselves, see [`projection`]).

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::{Lookup, ProjectIndex};
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::policy::{folder_category, Family};
use crate::rules::RuleId;
use crate::syntax::yaml::{Entry, Node, NodeValue, YamlError};
use crate::text::TextRange;

/// A file a registry lists: where it is, and the values a registry copies
/// (see [`projection`]) with their key ranges in the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegisteredFile {
    pub location: String,
    pub values: Map<String, Value>,
    pub ranges: Vec<(String, TextRange)>,
}

/// The files of a registry's family, by the name the index knows them by.
pub trait RegistryFiles {
    fn file(&self, name: &str) -> Option<&RegisteredFile>;
}

impl RegistryFiles for std::collections::HashMap<String, RegisteredFile> {
    fn file(&self, name: &str) -> Option<&RegisteredFile> {
        self.get(name)
    }
}

/// The object of a registry that holds its entries.
pub fn entries_key(family: Family) -> Option<&'static str> {
    match family {
        Family::Role => Some("capabilities"),
        Family::Command => Some("commands"),
        Family::Prompt => Some("prompts"),
        Family::Custom(_) | Family::Dialect(_) => None,
    }
}

/// The frontmatter keys a registry entry copies and that are compared.
pub fn compared_fields(family: Family) -> &'static [&'static str] {
    match family {
        Family::Command => &[
            "name",
            "description",
            "experimental",
            "deprecated",
            "argument-hint",
            "allowed-tools",
            "model",
            "agent",
            "dynamic_agent_selection",
            "fallback_agent",
            "agent_selection_criteria",
            "knowledge_files",
        ],
        Family::Prompt => &[
            "version",
            "category",
            "experimental",
            "deprecated",
            "name",
            "description",
            "tags",
            "agents",
            "outputs",
            "model_requirements",
            "dependencies",
            "inputs",
        ],
        Family::Role | Family::Custom(_) | Family::Dialect(_) => &[],
    }
}

/// What to keep of a document's frontmatter for the registry beside it.
pub fn projection(family: Family, doc: &Document, location: String) -> Option<RegisteredFile> {
    let fields = compared_fields(family);
    if fields.is_empty() {
        return Some(RegisteredFile { location, ..Default::default() });
    }
    let root = doc.root()?;
    let yaml = doc.yaml();
    let mut out = RegisteredFile { location, ..Default::default() };
    for field in fields {
        if let Some(entry) = root.entry(field) {
            let mut budget = yaml.budget();
            if let Ok(value) = yaml.node_to_json(&entry.value, &mut budget, 0) {
                out.values.insert((*field).to_string(), value);
                out.ranges.push(((*field).to_string(), entry.key.range));
            }
        }
    }
    Some(out)
}

/// The name the index knows an entry by.
pub fn entry_name(family: Family, key: &str) -> String {
    match (family, key.split_once('.')) {
        (Family::Prompt, Some((folder, name))) => format!("{}.{name}", folder_category(folder)),
        _ => key.to_string(),
    }
}

/// The JSON itself: syntax, duplicate keys, the shape.
pub fn check_syntax(doc: &Document, family: Family, out: &mut Vec<Diagnostic>) {
    let yaml = doc.yaml();
    match &yaml.error {
        Some(YamlError::Syntax { at, message }) => {
            out.push(Diagnostic::new(RuleId::JsonSyntax, *at, format!("JSON syntax error: {message}")));
            return;
        }
        Some(YamlError::TooDeep { at } | YamlError::TooLarge { at }) => {
            out.push(Diagnostic::new(
                RuleId::JsonSyntax,
                *at,
                "the registry nests too deeply or holds too many values",
            ));
            return;
        }
        None => {}
    }
    for dup in &yaml.duplicates {
        let (line, _) = doc.line_index().line_col_human(doc.text(), dup.first.start());
        out.push(
            Diagnostic::new(
                RuleId::YamlDuplicateKey,
                dup.duplicate,
                format!("duplicate key `{}` (first defined on line {line}); `JSON.parse` keeps the last one", dup.key),
            )
            .with_related(Related {
                message: "first defined here".into(),
                location: None,
                range: dup.first,
            }),
        );
    }
    let _ = container(doc, family, out);
}

/// The entries object, or a diagnostic saying why there is none.
fn container<'d>(doc: &'d Document, family: Family, out: &mut Vec<Diagnostic>) -> Option<&'d Entry> {
    let key = entries_key(family)?;
    let Some(root) = doc.root() else {
        if doc.yaml().root.is_some() {
            out.push(Diagnostic::new(RuleId::InvalidType, doc.first_line(), "a registry must be a JSON object"));
        }
        return None;
    };
    let Some(entry) = root.entry(key) else {
        out.push(Diagnostic::new(
            RuleId::MissingRequiredKey,
            TextRange::new(root.range.start(), root.range.start() + 1),
            format!("the registry has no `{key}` object listing its entries"),
        ));
        return None;
    };
    if !matches!(entry.value.value, NodeValue::Mapping(_)) {
        out.push(Diagnostic::new(
            RuleId::InvalidType,
            entry.value.range,
            format!("`{key}` must be an object of names to entries, found a {}", entry.value.kind_name()),
        ));
        return None;
    }
    Some(entry)
}

/// One disagreement: the registry's value node, the file, the file's value
/// and the entry's key.
type Mismatch<'a> = (&'a Node, &'a RegisteredFile, Option<&'a Value>, String);

/// Fields that disagree in at least this many entries are reported once.
const SUMMARIZE_FROM: usize = 5;
/// Related locations listed with a summarized mismatch.
const MAX_RELATED: usize = 20;

/// Checks a registry of `family` in valora tree `tree` against the index and
/// the listed files' values. Diagnostics come sorted by position.
pub fn check(
    doc: &Document,
    family: Family,
    tree: &str,
    index: &dyn ProjectIndex,
    files: &dyn RegistryFiles,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_syntax(doc, family, &mut out);
    if doc.yaml().error.is_some() {
        return out;
    }
    let mut scratch = Vec::new();
    let Some(container) = container(doc, family, &mut scratch) else { return out };
    let key = entries_key(family).unwrap_or_default();
    let mut listed: HashSet<String> = HashSet::new();
    // Per field: (registry value node, file, file value) of each disagreement, in entry order.
    let fields = compared_fields(family);
    let mut mismatches: Vec<Vec<Mismatch>> = vec![Vec::new(); fields.len()];
    let mut entry_count = 0;
    for entry in container.value.entries() {
        let raw = entry.key_text();
        let name = entry_name(family, raw);
        listed.insert(name.clone());
        entry_count += 1;
        match index.lookup(family, tree, &name) {
            Lookup::NotIndexed => return out,
            Lookup::Missing => {
                let folder = family.folder().unwrap_or("");
                let suggestion =
                    index.suggest(family, tree, &name).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
                out.push(Diagnostic::new(
                    RuleId::RegistryMissingFile,
                    entry.key.range,
                    format!("the registry lists `{raw}`, but no such file is in `{folder}/`{suggestion}"),
                ));
            }
            Lookup::Found(_) => {
                let Some(file) = files.file(&name) else { continue };
                for (i, field) in fields.iter().enumerate() {
                    let Some(registered) = entry.value.entry(field) else { continue };
                    let Ok(reg_value) = doc.yaml().to_json_node(&registered.value) else { continue };
                    let file_value = file.values.get(*field);
                    if !agree(&reg_value, file_value) {
                        mismatches[i].push((&registered.value, file, file_value, raw.to_string()));
                    }
                }
            }
        }
    }
    for (field, found) in fields.iter().zip(&mismatches) {
        let one = |(node, file, value, entry): &(&Node, &RegisteredFile, Option<&Value>, String)| {
            let ours = doc.yaml().to_json_node(node).unwrap_or(Value::Null);
            (
                format!("`{field}` of `{entry}` {}", difference(&ours, *value, &file.location)),
                Related {
                    message: format!("`{field}` in `{}`", file.location),
                    location: Some(file.location.clone()),
                    range: file.ranges.iter().find(|(k, _)| k == field).map_or(TextRange::empty(0), |(_, r)| *r),
                },
            )
        };
        if found.len() >= SUMMARIZE_FROM {
            let (first, related) = one(&found[0]);
            let mut d = Diagnostic::new(
                RuleId::RegistryMismatch,
                found[0].0.range,
                format!(
                    "{first}; `{field}` disagrees with the file in {} of {entry_count} entries of `{key}`: the registry is stale, \
                     or was generated without reading `{field}`; regenerate it",
                    found.len()
                ),
            )
            .with_related(related);
            for m in found.iter().skip(1).take(MAX_RELATED) {
                d = d.with_related(Related {
                    message: format!("`{field}` of `{}` disagrees too", m.3),
                    location: None,
                    range: m.0.range,
                });
            }
            out.push(d);
        } else {
            for m in found {
                let (message, related) = one(m);
                out.push(Diagnostic::new(RuleId::RegistryMismatch, m.0.range, message).with_related(related));
            }
        }
    }
    for target in index.targets(family, tree) {
        if listed.contains(&target.name) {
            continue;
        }
        let shown = match family {
            Family::Prompt => {
                target.location.rsplit('/').take(2).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("/")
            }
            _ => target.location.rsplit('/').next().unwrap_or(&target.location).to_string(),
        };
        out.push(
            Diagnostic::new(
                RuleId::RegistryMissingEntry,
                container.key.range,
                format!("`{shown}` (`{}`) has no entry in `{key}`", target.name),
            )
            .with_related(Related {
                message: format!("`{}`", target.name),
                location: Some(target.location.clone()),
                range: target.range.unwrap_or(TextRange::empty(0)),
            }),
        );
    }
    crate::sort::sort_by_key(&mut out, |d| (d.range.start, d.range.end, d.rule));
    out
}

/// How a registry value differs from the file's, in words.
fn difference(registered: &Value, file: Option<&Value>, location: &str) -> String {
    match file {
        None => format!("is `{}` here, but `{location}` does not set it", short(registered)),
        Some(f) if registered.is_array() || registered.is_object() => {
            format!("differs from `{location}`: {}", diff(registered, f))
        }
        Some(f) => format!("is `{}` here, but `{}` in `{location}`", short(registered), short(f)),
    }
}

/// What differs between a registry value and the file's, without naming the file.
fn diff(registered: &Value, file: &Value) -> String {
    match (registered, file) {
        (Value::Array(r), Value::Array(f)) => {
            let only_file: Vec<String> = f.iter().filter(|x| !r.iter().any(|y| same(x, y))).map(short).collect();
            let only_here: Vec<String> = r.iter().filter(|x| !f.iter().any(|y| same(x, y))).map(short).collect();
            let mut parts = Vec::new();
            if !only_file.is_empty() {
                parts.push(format!("the file also has {}", list(&only_file)));
            }
            if !only_here.is_empty() {
                parts.push(format!("this registry also has {}", list(&only_here)));
            }
            if parts.is_empty() {
                parts.push("the items are in another order".to_string());
            }
            parts.join("; ")
        }
        (Value::Object(r), Value::Object(f)) => {
            let mut seen = HashSet::new();
            let keys: Vec<&String> = r.keys().chain(f.keys()).filter(|k| seen.insert(*k)).collect();
            keys.into_iter()
                .filter(|k| !agree(r.get(*k).unwrap_or(&Value::Null), f.get(*k)))
                .map(|k| match (r.get(k), f.get(k)) {
                    (Some(a), Some(b)) => format!("in `{k}`, {}", diff(a, b)),
                    (Some(a), None) => format!("`{k}` is `{}` here but not set in the file", short(a)),
                    (None, Some(b)) => format!("`{k}` is `{}` in the file but missing here", short(b)),
                    (None, None) => String::new(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
        (r, f) => format!("`{}` here, `{}` in the file", short(r), short(f)),
    }
}

fn list(items: &[String]) -> String {
    let shown: Vec<String> = items.iter().take(4).map(|i| format!("`{i}`")).collect();
    match items.len() {
        n if n > 4 => format!("{} and {} more", shown.join(", "), n - 4),
        _ => shown.join(", "),
    }
}

/// A value shown in a message, shortened (an object with a `name` by its name).
fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Object(o) if o.get("name").is_some_and(Value::is_string) => {
            format!("{{name: {}, …}}", o["name"].as_str().unwrap_or_default())
        }
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s
    }
}

fn empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A registry string as its generator meant it: without surrounding spaces
/// and one pair of surrounding quotes.
fn unwrap_string(s: &str) -> &str {
    let t = s.trim();
    let quoted = t.len() >= 2 && (t.starts_with('\'') && t.ends_with('\'') || t.starts_with('"') && t.ends_with('"'));
    if quoted {
        t[1..t.len() - 1].trim()
    } else {
        t
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => unwrap_string(a) == unwrap_string(b),
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b)),
        (Value::Object(a), Value::Object(b)) => {
            let keys: HashSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().all(|k| match (a.get(k), b.get(k)) {
                (Some(x), Some(y)) => same(x, y),
                (Some(x), None) | (None, Some(x)) => empty(x),
                (None, None) => true,
            })
        }
        (a, b) => a == b,
    }
}

/// A registry value agrees with the file's value for the same key.
fn agree(registered: &Value, file: Option<&Value>) -> bool {
    match file {
        None => empty(registered),
        Some(f) => same(registered, f) || (empty(registered) && empty(f)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn generator_artifacts_are_not_disagreements() {
        assert!(agree(&json!(" 1.0.0"), Some(&json!("1.0.0"))));
        assert!(agree(&json!("'[<scope>] [--x]'"), Some(&json!("[<scope>] [--x]"))));
        assert!(agree(&json!(""), None));
        assert!(agree(&json!({}), Some(&json!({}))));
        assert!(agree(&json!({"requires": ["a"], "optional": []}), Some(&json!({"requires": ["a"]}))));
        assert!(!agree(&json!("claude-haiku-4.5"), Some(&json!("claude-opus-4.6"))));
        assert!(!agree(&json!(false), Some(&json!(true))));
        assert!(!agree(&json!([]), Some(&json!([{"name": "x"}]))));
        assert!(!agree(&json!("x"), None));
    }

    #[test]
    fn prompt_keys_spell_the_folder() {
        assert_eq!(entry_name(Family::Prompt, "02_context.load-task"), "context.load-task");
        assert_eq!(entry_name(Family::Command, "plan"), "plan");
    }
}
