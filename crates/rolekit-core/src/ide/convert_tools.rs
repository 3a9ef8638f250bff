//! A Claude Code subagent's `tools` and `disallowedTools` take a
//! comma-separated string (`Read, Grep`) or a list; this refactoring writes
//! the one the cursor is on in the other form.
//!
//! Only what can be written back exactly is offered: a one-line string, or
//! a list of one-line strings with nothing else in it (a comment, an anchor
//! or a tag between the items would be lost, so the action is not offered).

use super::{ActionKind, CodeAction};
use crate::analysis::dialects::top_level_node;
use crate::diagnostic::Edit;
use crate::document::Document;
use crate::format::tool_lists;
use crate::syntax::lines::indent_unit;
use crate::syntax::yaml::{Node, NodeValue};
use crate::text::TextRange;

const KEYS: [&str; 2] = ["tools", "disallowedTools"];

pub(crate) fn convert_tools(doc: &Document, range: TextRange) -> Vec<CodeAction> {
    doc.frontmatter().into_iter().flat_map(|_| KEYS).filter_map(|key| convert(doc, key, range)).collect()
}

fn convert(doc: &Document, key: &str, range: TextRange) -> Option<CodeAction> {
    let (key_node, value) = top_level_node(doc, key)?;
    let whole = TextRange::new(key_node.range.start(), value.range.end().max(key_node.range.end()));
    if !(whole.start() <= range.end() && range.start() <= whole.end()) {
        return None;
    }
    // From just after the key (its `:` included) to the end of the value.
    let after_key = TextRange::new(key_node.range.end(), value.range.end());
    if let Some(text) = tool_lists::one_line_string(value) {
        let items = tool_lists::split(text);
        if items.is_empty() {
            return None;
        }
        let pad = " ".repeat(indent_unit(doc.yaml_lines()));
        let list = tool_lists::block(&items, doc.newline(), &pad);
        return Some(action(format!("Convert `{key}` to a list"), Edit::replace(after_key, format!(":{list}"))));
    }
    let items = tool_lists::items(value)?;
    if !only_items(doc.text(), after_key, value) {
        return None;
    }
    let string = tool_lists::comma_string(&items)?;
    Some(action(
        format!("Convert `{key}` to a comma-separated string"),
        Edit::replace(after_key, format!(": {string}")),
    ))
}

/// Whether `range` holds the list's items and its punctuation only (no
/// comment, anchor, tag or other text that replacing it would drop).
fn only_items(text: &str, range: TextRange, list: &Node) -> bool {
    let NodeValue::Sequence(items) = &list.value else { return false };
    let mut at = range.start();
    for item in items {
        if !punctuation(text.get(at..item.range.start()).unwrap_or("#")) {
            return false;
        }
        at = item.range.end();
    }
    punctuation(text.get(at..range.end()).unwrap_or("#"))
}

fn punctuation(between: &str) -> bool {
    between.chars().all(|c| c.is_whitespace() || matches!(c, ':' | '-' | '[' | ']' | ','))
}

fn action(title: String, edit: Edit) -> CodeAction {
    CodeAction { title, kind: ActionKind::Refactor, edits: vec![edit], diagnostic: None, preferred: false }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply_edits;
    use crate::policy::{Dialect, Kind, Schemas};
    use crate::project::editor::Place;

    const PATH: &str = ".claude/agents/reviewer.md";

    fn actions(text: &str, at: &str) -> Vec<(String, String)> {
        let doc = Document::new(text.to_string());
        let schemas = Schemas::built_in();
        let place = Place { kind: Kind::Dialect(Dialect::ClaudeAgent), schemas: &schemas, path: Some(PATH) };
        let offset = text.find(at).unwrap_or_else(|| panic!("{at}"));
        super::super::code_actions(&doc, &place, TextRange::empty(offset), &[], None)
            .into_iter()
            .filter(|a| a.title.starts_with("Convert"))
            .map(|a| (a.title.clone(), apply_edits(text, &a.edits).0))
            .collect()
    }

    #[test]
    fn a_comma_string_becomes_a_list_and_back() {
        let text =
            "---\r\nname: r\r\ndescription: d\r\ntools: Read, Grep,  Bash(git:*)  # review only\r\n---\r\nBody\r\n";
        let out = actions(text, "Grep");
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].0, "Convert `tools` to a list");
        let list = &out[0].1;
        assert_eq!(
            list,
            "---\r\nname: r\r\ndescription: d\r\ntools:\r\n  - Read\r\n  - Grep\r\n  - Bash(git:*)  # review only\r\n---\r\nBody\r\n"
        );
        let back = actions(list, "Grep");
        assert_eq!(back.len(), 1, "{back:?}");
        assert_eq!(back[0].0, "Convert `tools` to a comma-separated string");
        assert_eq!(
            back[0].1,
            "---\r\nname: r\r\ndescription: d\r\ntools: Read, Grep, Bash(git:*)  # review only\r\n---\r\nBody\r\n"
        );
    }

    #[test]
    fn flow_lists_and_disallowed_tools() {
        let text = "---\nname: r\ndescription: d\ndisallowedTools: [Write, 'Edit']\n---\n";
        let out = actions(text, "Write");
        assert_eq!(
            out,
            [(
                "Convert `disallowedTools` to a comma-separated string".to_string(),
                "---\nname: r\ndescription: d\ndisallowedTools: Write, Edit\n---\n".to_string()
            )]
        );
    }

    #[test]
    fn nothing_is_offered_that_would_lose_text() {
        for (text, at) in [
            ("---\nname: r\ntools:\n  # read only\n  - Read\n  - Grep\n---\n", "Grep"),
            ("---\nname: r\ntools: &t\n  - Read\n---\n", "Read"),
            ("---\nname: r\ntools: [Read, 'a,b']\n---\n", "Read"),
            ("---\nname: r\ntools: 3\n---\n", "3"),
            ("---\nname: r\ntools: ''\n---\n", "''"),
        ] {
            assert_eq!(actions(text, at), [], "{text}");
        }
        // Away from the key: nothing.
        assert_eq!(actions("---\nname: r\ntools: Read\n---\nBody\n", "Body"), []);
    }
}
