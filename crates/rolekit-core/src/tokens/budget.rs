//! `[token-budget]` in `rolekit.toml`: the limits of the `token-budget` rule.
//!
//! ```toml
//! [token-budget]
//! file = 4000            # tokens per file
//! section = 800          # tokens per `##` section
//! resolved = 6000        # tokens per role with every file it inherits
//! encoding = "o200k_base"  # or "cl100k_base"
//! ```
//!
//! Without a limit the rule does nothing (it is off by default).

use super::Encoding;
use crate::policy::toml::{Entry, Kind, Value};
use crate::policy::ConfigError;

/// The limits, in tokens of [`encoding`](Self::encoding); `None` is no limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenBudget {
    pub encoding: Encoding,
    pub file: Option<u64>,
    pub section: Option<u64>,
    pub resolved: Option<u64>,
}

impl TokenBudget {
    /// Some limit is set: the rule has something to check.
    pub fn is_set(&self) -> bool {
        self.file.is_some() || self.section.is_some() || self.resolved.is_some()
    }
}

const KEYS: &str = "`file`, `section`, `resolved` or `encoding`";

/// Reads the `[token-budget]` table into `into`; problems go to `errors`,
/// each at its key or value.
pub(crate) fn read(value: &Value, into: &mut TokenBudget, errors: &mut Vec<ConfigError>) {
    let Kind::Table(table) = &value.kind else {
        errors.push(ConfigError { message: "`token-budget` must be a table".to_string(), range: value.range });
        return;
    };
    for Entry { key, key_range, value } in table {
        let limit = match key.as_str() {
            "file" => &mut into.file,
            "section" => &mut into.section,
            "resolved" => &mut into.resolved,
            "encoding" => {
                let parsed = match &value.kind {
                    Kind::String(s) => Encoding::parse(s),
                    _ => None,
                };
                match parsed {
                    Some(e) => into.encoding = e,
                    None => {
                        let names: Vec<String> = Encoding::ALL.iter().map(|e| format!("\"{e}\"")).collect();
                        errors.push(ConfigError {
                            message: format!("[token-budget] `encoding` must be {}", names.join(" or ")),
                            range: value.range,
                        });
                    }
                }
                continue;
            }
            other => {
                errors.push(ConfigError {
                    message: format!("[token-budget] unknown key `{other}` (expected {KEYS})"),
                    range: *key_range,
                });
                continue;
            }
        };
        let n = match value.kind {
            Kind::Integer(i) => u64::try_from(i).ok().filter(|n| *n > 0),
            _ => None,
        };
        match n {
            Some(n) => *limit = Some(n),
            None => errors.push(ConfigError {
                message: format!("[token-budget] `{key}` must be a positive whole number of tokens"),
                range: value.range,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Config;

    #[test]
    fn limits_and_encoding() {
        let text = "[token-budget]\nfile = 4_000\nsection = 800\nresolved = 6000\nencoding = \"cl100k_base\"\n";
        let config = Config::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        let b = config.token_budget;
        assert_eq!(
            b,
            TokenBudget { encoding: Encoding::Cl100kBase, file: Some(4000), section: Some(800), resolved: Some(6000) }
        );
        assert!(b.is_set());
        let none = Config::parse("[token-budget]\nencoding = \"o200k_base\"\n").unwrap_or_default().token_budget;
        assert!(!none.is_set());
        assert!(!Config::default().token_budget.is_set());
        let dotted = Config::parse("token-budget.section = 40\n").unwrap_or_default().token_budget;
        assert_eq!(dotted.section, Some(40));
    }

    #[test]
    fn every_problem_at_its_key_or_value() {
        let text = "[token-budget]\nfile = 0\nsection = \"800\"\nresolved = -5\nencoding = \"gpt2\"\npage = 1\nsection2 = 1.5\n";
        let errors = Config::parse(text).err().unwrap_or_default();
        let at: Vec<&str> = errors.iter().map(|e| e.range.slice(text)).collect();
        assert_eq!(at, ["0", "\"800\"", "-5", "\"gpt2\"", "page", "section2"], "{errors:?}");
        assert!(errors[0].message.contains("positive whole number"), "{errors:?}");
        assert!(errors[3].message.contains("\"o200k_base\" or \"cl100k_base\""), "{errors:?}");
        assert!(errors[4].message.contains("unknown key `page`"), "{errors:?}");
        let errors = Config::parse("token-budget = 4000\n").err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].range.slice("token-budget = 4000\n"), "4000");
        let huge = "[token-budget]\nfile = 99999999999999999999\n";
        assert!(Config::parse(huge).is_err());
    }
}
