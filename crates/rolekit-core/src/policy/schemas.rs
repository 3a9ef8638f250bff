//! Which schema applies to each kind of document: the built-in ones, or the
//! files `rolekit.toml` names (`[schemas]`, `[[kinds]] schema`).
//!
//! The core does no IO: [`load`] asks the adapter for each file's text
//! through a callback, compiles it, and turns every problem into a
//! [`ConfigError`] at the path's place in `rolekit.toml`, with the line and
//! column inside the schema file. A schema the validator cannot honour fully
//! is an error, never a partial check.

use std::sync::Arc;

use super::config::{Config, ConfigError};
use super::scope::{Family, Kind};
use crate::schema::{self, BuiltIn, Origin, Schema};

/// The schema of each kind of document, shared by every check.
#[derive(Clone, Debug)]
pub struct Schemas {
    role: Arc<Schema>,
    command: Arc<Schema>,
    prompt: Arc<Schema>,
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
            Family::Dialect(d) => Some(schema::builtin(BuiltIn::Dialect(d))),
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
        match Family::built_in(&setting.kind) {
            Some(Family::Role) => schemas.role = schema,
            Some(Family::Command) => schemas.command = schema,
            Some(Family::Prompt) => schemas.prompt = schema,
            _ => {
                if let Some(i) = config.kinds.iter().position(|k| k.name == setting.kind) {
                    schemas.custom[i] = Some(schema);
                }
            }
        }
    }
    crate::sort::sort_by_key(&mut errors, |e| (e.range.start, e.range.end));
    if errors.is_empty() {
        Ok(schemas)
    } else {
        Err(errors)
    }
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
}
