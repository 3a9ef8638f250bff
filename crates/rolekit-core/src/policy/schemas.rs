//! Which schema applies to each kind of document: the built-in ones, or the
//! files `rolekit.toml` names (`[schemas]`, `[[kinds]] schema`), with the
//! keys `[allow-keys]` adds.
//!
//! The core does no IO: [`load`] asks the adapter for each file's text
//! through a callback, compiles it, and turns every problem into a
//! [`ConfigError`] at the path's place in `rolekit.toml`, with the line and
//! column inside the schema file. A schema the validator cannot honour fully
//! is an error, never a partial check.

use std::sync::Arc;

use serde_json::Value;

use super::config::{AllowKeys, Config, ConfigError};
use super::scope::{Family, Kind};
use super::Dialect;
use crate::schema::{self, BuiltIn, Origin, Schema};

/// The schema of each kind of document, shared by every check.
#[derive(Clone, Debug)]
pub struct Schemas {
    role: Arc<Schema>,
    command: Arc<Schema>,
    prompt: Arc<Schema>,
    /// A vendor format's schema when the configuration changes it (by
    /// `Dialect::ALL` index); `None` is the built-in one.
    dialect: [Option<Arc<Schema>>; Dialect::ALL.len()],
    /// By `[[kinds]]` index; `None` for a kind without a schema.
    custom: Vec<Option<Arc<Schema>>>,
    /// The `[[kinds]]` names, by index (what `x-references` may name).
    names: Vec<String>,
}

impl Default for Schemas {
    fn default() -> Self {
        Schemas::built_in()
    }
}

impl Schemas {
    /// The built-in schemas only.
    pub fn built_in() -> Schemas {
        Schemas {
            role: schema::builtin(BuiltIn::Role).clone(),
            command: schema::builtin(BuiltIn::Command).clone(),
            prompt: schema::builtin(BuiltIn::Prompt).clone(),
            dialect: Default::default(),
            custom: Vec::new(),
            names: Vec::new(),
        }
    }

    /// The `[[kinds]]` names, by index.
    pub fn custom_kinds(&self) -> &[String] {
        &self.names
    }

    /// The schema documents of `family` are validated against.
    pub fn for_family(&self, family: Family) -> Option<&Arc<Schema>> {
        match family {
            Family::Role => Some(&self.role),
            Family::Command => Some(&self.command),
            Family::Prompt => Some(&self.prompt),
            Family::Custom(i) => self.custom.get(i as usize).and_then(Option::as_ref),
            Family::Dialect(d) => {
                Some(self.dialect[d as usize].as_ref().unwrap_or(schema::builtin(BuiltIn::Dialect(d))))
            }
        }
    }

    /// The schema slot of `family`, for replacing it.
    fn slot(&mut self, family: Family) -> Option<&mut Option<Arc<Schema>>> {
        match family {
            Family::Custom(i) => self.custom.get_mut(i as usize),
            Family::Dialect(d) => self.dialect.get_mut(d as usize),
            Family::Role | Family::Command | Family::Prompt => None,
        }
    }

    fn set(&mut self, family: Family, schema: Arc<Schema>) {
        match family {
            Family::Role => self.role = schema,
            Family::Command => self.command = schema,
            Family::Prompt => self.prompt = schema,
            other => {
                if let Some(slot) = self.slot(other) {
                    *slot = Some(schema);
                }
            }
        }
    }

    /// The schema of a document of `kind` (templates use their family's).
    pub fn for_kind(&self, kind: Kind) -> Option<&Arc<Schema>> {
        self.for_family(kind.family())
    }

    /// Whether the role schema is the built-in one (rules written for it,
    /// such as the body statements, then know its keys).
    pub fn role_is_built_in(&self) -> bool {
        matches!(self.role.origin(), Origin::BuiltIn(_))
    }
}

/// Reads the schemas `config` names: `read(path)` gives a file's text
/// (`path` relative to the project root, `/`-separated) or why it cannot.
pub fn load(
    config: &Config,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Result<Schemas, Vec<ConfigError>> {
    let mut schemas = Schemas::built_in();
    schemas.custom = vec![None; config.kinds.len()];
    schemas.names = config.kinds.iter().map(|k| k.name.clone()).collect();
    let mut errors = Vec::new();
    let settings = config.schemas.iter().chain(config.kinds.iter().filter_map(|k| k.schema.as_ref()));
    for setting in settings {
        let text = match read(&setting.path) {
            Ok(t) => t,
            Err(why) => {
                errors.push(ConfigError {
                    message: format!("cannot read the {} schema `{}`: {why}", setting.kind, setting.path),
                    range: setting.range,
                });
                continue;
            }
        };
        let schema = match Schema::from_text(&text, Origin::File(setting.path.clone())) {
            Ok(s) => Arc::new(s),
            Err(e) => {
                let at = e.line_col.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
                errors.push(ConfigError {
                    message: format!("the {} schema {}{at}: {}", setting.kind, setting.path, e.message),
                    range: setting.range,
                });
                continue;
            }
        };
        if let Some(family) = family_named(config, &setting.kind) {
            schemas.set(family, schema);
        }
    }
    for allow in &config.allow_keys {
        let Some(family) = family_named(config, &allow.kind) else { continue };
        let Some(current) = schemas.for_family(family) else {
            errors.push(ConfigError {
                message: format!(
                    "[allow-keys] `{}` has no schema, so no key of it is unknown; give it a `schema` or remove this line",
                    allow.kind
                ),
                range: allow.range,
            });
            continue;
        };
        match with_keys(current, allow) {
            Ok(extended) => schemas.set(family, Arc::new(extended)),
            Err(message) => errors.push(ConfigError { message, range: allow.range }),
        }
    }
    crate::sort::sort_by_key(&mut errors, |e| (e.range.start, e.range.end));
    if errors.is_empty() {
        Ok(schemas)
    } else {
        Err(errors)
    }
}

/// The family `rolekit.toml` names `name` (checked when it was parsed).
fn family_named(config: &Config, name: &str) -> Option<Family> {
    Family::built_in(name).or_else(|| {
        let i = config.kinds.iter().position(|k| k.name == name)?;
        u16::try_from(i).ok().map(Family::Custom)
    })
}

/// `schema` with `allow.keys` added to the properties of its root mapping
/// (through a local `$ref`, where the keys of a document are listed), each
/// accepting any value.
fn with_keys(schema: &Schema, allow: &AllowKeys) -> Result<Schema, String> {
    let mut json = schema.json().clone();
    let pointer = root_pointer(&json);
    let cannot = || {
        format!(
            "[allow-keys] `{}`: {} does not describe a mapping at its root, so keys cannot be added",
            allow.kind,
            schema.origin().describe()
        )
    };
    let root = json.pointer_mut(&pointer).and_then(Value::as_object_mut).ok_or_else(cannot)?;
    let properties = root.entry("properties").or_insert_with(|| Value::Object(Default::default()));
    let properties = properties.as_object_mut().ok_or_else(cannot)?;
    for key in &allow.keys {
        properties.entry(key.clone()).or_insert_with(|| {
            serde_json::json!({
                "description": format!("A key this project allows in `{}` documents (`[allow-keys]` in rolekit.toml); any value.", allow.kind)
            })
        });
    }
    Schema::new(json, schema.origin().clone()).map_err(|e| format!("[allow-keys] `{}`: {}", allow.kind, e.message))
}

/// The JSON pointer of the schema that describes a document's root mapping:
/// the root, or what its local `$ref` chain points at.
fn root_pointer(json: &Value) -> String {
    let mut pointer = String::new();
    for _ in 0..16 {
        let here = json.pointer(&pointer);
        match here.and_then(|h| h.get("$ref")).and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(next) if next != pointer && json.pointer(next).is_some() => pointer = next.to_string(),
            _ => break,
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> Config {
        Config::parse(toml).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn files_replace_built_in_schemas_and_give_custom_kinds_theirs() {
        let c = config(
            "[schemas]\nrole = \"s/role.json\"\n[[kinds]]\nname = \"playbook\"\ninclude = [\"playbooks/*.md\"]\nschema = \"s/playbook.json\"\n",
        );
        let mut asked = Vec::new();
        let schemas = load(&c, &mut |p| {
            asked.push(p.to_string());
            Ok("{\"type\": \"object\", \"required\": [\"title\"]}".to_string())
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(asked, ["s/role.json", "s/playbook.json"]);
        assert!(!schemas.role_is_built_in());
        let playbook = schemas.for_family(Family::Custom(0)).unwrap();
        assert_eq!(playbook.required().collect::<Vec<_>>(), ["title"]);
        assert!(schemas.for_family(Family::Command).is_some());
    }

    #[test]
    fn problems_are_configuration_errors_at_the_path() {
        let toml = "[schemas]\nrole = \"s/role.json\"\ncommand = \"missing.json\"\n";
        let c = config(toml);
        let errors = load(&c, &mut |p| {
            if p == "missing.json" {
                Err("no such file".into())
            } else {
                Ok("{\n  \"properties\": {\"a\": {\"anyOf\": [{\"format\": \"email\"}]}}\n}".into())
            }
        })
        .unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].range.slice(toml), "\"s/role.json\"");
        assert!(errors[0].message.contains("s/role.json:2:"), "{}", errors[0].message);
        assert!(errors[0].message.contains("`format: email` is not supported"), "{}", errors[0].message);
        assert!(errors[1].message.contains("cannot read"), "{}", errors[1].message);
    }

    #[test]
    fn bad_tables_are_errors() {
        for (toml, what) in [
            ("[schemas]\nrol = \"x.json\"\n", "did you mean `role`"),
            ("[schemas]\nrole = \"../x.json\"\n", "inside it"),
            ("[schemas]\nrole = 3\n", "must be a path"),
            ("[[kinds]]\nname = \"role\"\ninclude = [\"a/*.md\"]\n", "built-in kind"),
            ("[[kinds]]\nname = \"x\"\n", "needs `include`"),
            ("[[kinds]]\ninclude = [\"a/*.md\"]\n", "needs a `name`"),
            ("[[kinds]]\nname = \"x\"\ninclude = [\"a/*.md\"]\nshema = \"s.json\"\n", "did you mean `schema`"),
            (
                "[[kinds]]\nname = \"x\"\ninclude = [\"a/*.md\"]\n[[kinds]]\nname = \"x\"\ninclude = [\"b/*.md\"]\n",
                "twice",
            ),
        ] {
            let errors = Config::parse(toml).err().unwrap_or_default();
            assert!(errors.iter().any(|e| e.message.contains(what)), "{toml}: {errors:?}");
        }
    }

    #[test]
    fn allowed_keys_join_the_kinds_schema() {
        let c = config(
            "[[kinds]]\nname = \"playbook\"\ninclude = [\"p/*.md\"]\nschema = \"p.json\"\n[allow-keys]\nclaude-agent = [\"x-team\", \"name\"]\nrole = [\"owner\"]\nplaybook = [\"extra\"]\n",
        );
        let schemas = load(&c, &mut |_| {
            Ok(r##"{"$ref": "#/definitions/doc", "definitions": {"doc": {"type": "object", "additionalProperties": false, "properties": {"title": {}}}}}"##.into())
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        let claude = schemas.for_family(Family::Dialect(Dialect::ClaudeAgent)).unwrap();
        let doc = claude.doc();
        let keys: Vec<&str> = doc.properties(doc.root()).into_iter().map(|(k, _)| k).collect();
        assert!(keys.contains(&"x-team") && keys.contains(&"name") && keys.contains(&"tools"), "{keys:?}");
        // A key the schema already has keeps its own documentation.
        assert!(doc.info(doc.property(doc.root(), "name").unwrap()).description.contains("name"));
        assert!(schemas.role_is_built_in(), "the built-in role schema with one more key is still the built-in one");
        let playbook = schemas.for_family(Family::Custom(0)).unwrap();
        let doc = playbook.doc();
        let root = doc.resolve(doc.root());
        let keys: Vec<&str> = doc.properties(root).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["title", "extra"]);
        // Other formats keep the built-in schema.
        let skill = schemas.for_family(Family::Dialect(Dialect::Skill)).unwrap();
        assert!(Arc::ptr_eq(skill, schema::builtin(BuiltIn::Dialect(Dialect::Skill))));
    }

    #[test]
    fn allowed_keys_problems_are_configuration_errors() {
        for (toml, what) in [
            ("[allow-keys]\nclaude-agnet = [\"x\"]\n", "did you mean `claude-agent`"),
            ("[allow-keys]\nskill = \"x\"\n", "must be an array"),
            ("[allow-keys]\nskill = [\"\", 3]\n", "non-empty strings"),
            ("allow-key = 1\n", "did you mean `allow-keys`"),
        ] {
            let errors = Config::parse(toml).err().unwrap_or_default();
            assert!(errors.iter().any(|e| e.message.contains(what)), "{toml}: {errors:?}");
        }
        let toml = "[[kinds]]\nname = \"notes\"\ninclude = [\"n/*.md\"]\n[allow-keys]\nnotes = [\"x\"]\n";
        let errors = load(&config(toml), &mut |_| Err("unused".into())).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("has no schema"), "{}", errors[0].message);
        assert_eq!(errors[0].range.slice(toml), "notes");
        let toml = "[schemas]\nskill = \"s.json\"\n[allow-keys]\nskill = [\"x\"]\n";
        let errors = load(&config(toml), &mut |_| Ok("{\"type\": \"array\", \"properties\": 3}".into())).unwrap_err();
        assert!(!errors.is_empty());
    }

    #[test]
    fn vendor_formats_take_a_schema_file() {
        let c = config("[schemas]\nskill = \"s/skill.json\"\n");
        let schemas = load(&c, &mut |_| Ok("{\"type\": \"object\", \"required\": [\"owner\"]}".into()))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let skill = schemas.for_family(Family::Dialect(Dialect::Skill)).unwrap();
        assert_eq!(skill.required().collect::<Vec<_>>(), ["owner"]);
    }
}
