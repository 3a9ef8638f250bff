//! Tool lists, which some formats take as a comma-separated string
//! (`tools: Read, Grep`) and as a list: reading either form and writing the
//! other, for the fix and the refactoring that convert between them.
//!
//! Items are written plain when YAML reads the plain text back as the same
//! string (in a flow list, also without `,`, `[`, `]`, `{`, `}`), else
//! quoted as `rolekit fmt` quotes.

use crate::syntax::yaml::{Node, NodeValue, Style, Tag};

use super::options::Quote;
use super::scalar;

/// The text of `node` when it is a one-line string scalar (plain, single- or
/// double-quoted, no tag other than `!!str`).
pub(crate) fn one_line_string(node: &Node) -> Option<&str> {
    let NodeValue::Scalar(s) = &node.value else { return None };
    let string = match s.style {
        Style::Plain => s.tag == Some(Tag::Str) || (s.tag.is_none() && scalar::plain_reads_as_string(&s.text)),
        Style::SingleQuoted | Style::DoubleQuoted => matches!(s.tag, None | Some(Tag::Str)),
        Style::Literal | Style::Folded => false,
    };
    (string && !s.text.contains(['\n', '\r'])).then_some(s.text.as_str())
}

/// The items of a comma-separated string (`Read, Grep` → `Read`, `Grep`),
/// empty ones dropped.
pub(crate) fn split(text: &str) -> Vec<&str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// The items of a list of one-line strings; `None` for anything else.
pub(crate) fn items(node: &Node) -> Option<Vec<&str>> {
    let NodeValue::Sequence(list) = &node.value else { return None };
    list.iter().map(one_line_string).collect()
}

fn item(text: &str, flow: bool) -> String {
    let plain = scalar::plain_reads_as_string(text) && !(flow && text.contains([',', '[', ']', '{', '}']));
    if plain {
        text.to_string()
    } else {
        scalar::quoted(text, Quote::default())
    }
}

/// `[a, b]`.
pub(crate) fn flow(items: &[&str]) -> String {
    let written: Vec<String> = items.iter().map(|t| item(t, true)).collect();
    format!("[{}]", written.join(", "))
}

/// `- a` lines, each after `nl` and `pad`: the text after a key's `:`.
pub(crate) fn block(items: &[&str], nl: &str, pad: &str) -> String {
    items.iter().map(|t| format!("{nl}{pad}- {}", item(t, false))).collect()
}

/// `a, b` as one value; `None` when an item holds a comma (it would split).
pub(crate) fn comma_string(items: &[&str]) -> Option<String> {
    if items.is_empty() || items.iter().any(|t| t.contains(',') || t.trim() != *t || t.is_empty()) {
        return None;
    }
    Some(item(&items.join(", "), false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse;
    use crate::text::TextRange;

    fn value(yaml: &str) -> Node {
        let tree = parse(yaml, TextRange::new(0, yaml.len()));
        let root = tree.root.unwrap_or_else(|| panic!("{yaml}"));
        let NodeValue::Mapping(entries) = root.value else { panic!("{yaml}") };
        entries.into_iter().next().map(|e| e.value).unwrap_or_else(|| panic!("{yaml}"))
    }

    #[test]
    fn strings_split_and_lists_join() {
        let v = value("tools: Read, Grep ,, Glob\n");
        assert_eq!(one_line_string(&v).map(split), Some(vec!["Read", "Grep", "Glob"]));
        assert_eq!(one_line_string(&value("tools: 'a, b'\n")), Some("a, b"));
        assert_eq!(one_line_string(&value("tools: 3\n")), None, "a number is not a string");
        assert_eq!(one_line_string(&value("tools: !!str 3\n")), Some("3"));
        assert_eq!(one_line_string(&value("tools: |\n  a\n")), None);
        assert_eq!(items(&value("tools: [Read, 'Bash(git:*)']\n")), Some(vec!["Read", "Bash(git:*)"]));
        assert_eq!(items(&value("tools:\n  - Read\n  - [x]\n")), None);
    }

    #[test]
    fn writing_quotes_only_what_needs_it() {
        assert_eq!(flow(&["search", "edit", "github/*", "a, b", "[x]"]), "[search, edit, github/*, \"a, b\", \"[x]\"]");
        assert_eq!(flow(&["yes", "1"]), "[\"yes\", \"1\"]");
        assert_eq!(block(&["Read", "Bash(git: *)"], "\r\n", "  "), "\r\n  - Read\r\n  - \"Bash(git: *)\"");
        assert_eq!(comma_string(&["Read", "Grep"]), Some("Read, Grep".into()));
        assert_eq!(comma_string(&["a,b"]), None);
        assert_eq!(comma_string(&[]), None);
        assert_eq!(comma_string(&["#x", "y"]), Some("\"#x, y\"".into()));
    }
}
