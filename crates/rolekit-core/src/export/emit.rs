//! Writing the exported frontmatter: a few keys with strings, booleans,
//! lists and one level of string mappings, quoted as `rolekit fmt` quotes
//! (plain where YAML reads the text back as the same string).

use crate::format::{quoted, write_string, Quote};

/// A frontmatter value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Str(String),
    Bool(bool),
    /// A flow list of quoted strings (`['read', 'edit']`), as Copilot's files write `tools`.
    FlowList(Vec<String>),
    /// A mapping of strings to strings, one level deep (a skill's `metadata`).
    Map(Vec<(String, String)>),
}

/// `---`, one `key: value` line per field (a mapping's entries indented by
/// two spaces), `---`, each line ended with `newline`.
pub fn frontmatter(fields: &[(&str, Field)], newline: &str) -> String {
    let mut out = format!("---{newline}");
    for (key, value) in fields {
        out.push_str(key);
        out.push(':');
        match value {
            Field::Str(s) => {
                out.push(' ');
                out.push_str(&write_string(s, Quote::Double));
            }
            Field::Bool(b) => out.push_str(if *b { " true" } else { " false" }),
            Field::FlowList(items) => {
                let items: Vec<String> = items.iter().map(|i| quoted(i, Quote::Single)).collect();
                out.push_str(&format!(" [{}]", items.join(", ")));
            }
            Field::Map(entries) => {
                for (k, v) in entries {
                    out.push_str(&format!(
                        "{newline}  {}: {}",
                        write_string(k, Quote::Double),
                        write_string(v, Quote::Double)
                    ));
                }
                if entries.is_empty() {
                    out.push_str(" {}");
                }
            }
        }
        out.push_str(newline);
    }
    out.push_str("---");
    out.push_str(newline);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_value_reads_back() {
        let fields = [
            ("name", Field::Str("qa".into())),
            ("description", Field::Str("Tests: all of them".into())),
            ("tools", Field::FlowList(vec!["read".into(), "it's".into()])),
            ("alwaysApply", Field::Bool(false)),
            ("metadata", Field::Map(vec![("version".into(), "1.0.0".into())])),
        ];
        let text = frontmatter(&fields, "\r\n");
        assert_eq!(
            text,
            "---\r\nname: qa\r\ndescription: \"Tests: all of them\"\r\ntools: ['read', \"it's\"]\r\nalwaysApply: false\r\nmetadata:\r\n  version: \"1.0.0\"\r\n---\r\n"
        );
        let doc = crate::Document::new(text);
        let json = doc.yaml().to_json().unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({"name": "qa", "description": "Tests: all of them", "tools": ["read", "it's"],
                "alwaysApply": false, "metadata": {"version": "1.0.0"}})
        );
    }
}
