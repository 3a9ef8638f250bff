//! Hover: what a key means (from the schema), what an enum value means, who
//! the `inherits` parent is, what belongs in a section, and the rule behind
//! any diagnostic under the cursor.

use super::context::{cursor_context, Region, Slot};
use super::docs::{key_markdown, role_markdown, value_markdown};
use super::{Hover, RoleSummary};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::schema::{self, sections};

pub fn hover(doc: &Document, offset: usize, diagnostics: &[Diagnostic], roles: &[RoleSummary]) -> Option<Hover> {
    let ctx = cursor_context(doc, offset);
    let offset = ctx.offset;
    let text = doc.text();
    let mut found: Option<Hover> = match ctx.region {
        Region::Frontmatter => match ctx.slot {
            Slot::Key => {
                let word = ctx.key_range.filter(|k| k.touches(offset)).unwrap_or(ctx.word);
                let key = word.slice(text);
                let path: Vec<&str> = ctx.path.iter().map(String::as_str).chain([key]).collect();
                (!key.is_empty())
                    .then_some(())
                    .and_then(|_| schema::at_path(path.iter().copied()))
                    .map(|sub| Hover { range: word, markdown: key_markdown(&path, sub, is_required(&path)) })
            }
            Slot::Value | Slot::ListItem => value_hover(doc, &ctx, roles),
            Slot::None => None,
        },
        Region::Body => heading_hover(doc, offset),
        Region::Empty | Region::Fence => None,
    };
    // Rule documents of the diagnostics under the cursor. Not their messages:
    // editors show those already, next to the hover.
    let mut seen = Vec::new();
    for d in diagnostics.iter().filter(|d| d.range.touches(offset)) {
        if seen.contains(&d.rule) {
            continue;
        }
        seen.push(d.rule);
        let section = d.rule.rule().markdown();
        match &mut found {
            Some(h) => {
                h.markdown.push_str("\n\n---\n\n");
                h.markdown.push_str(&section);
            }
            None => found = Some(Hover { range: d.range, markdown: section }),
        }
    }
    found
}

fn is_required(path: &[&str]) -> bool {
    match path {
        [key] => schema::required_keys().any(|k| k == *key),
        _ => false,
    }
}

fn value_hover(doc: &Document, ctx: &super::context::CursorContext, roles: &[RoleSummary]) -> Option<Hover> {
    let text = doc.text();
    let value_range = ctx.value.filter(|v| !v.is_empty() && v.touches(ctx.offset))?;
    let value = value_range.slice(text).trim_matches(['"', '\'']);
    let path = ctx.key_path();
    if path == ["inherits"] {
        let markdown = match roles.iter().find(|r| r.name == value) {
            Some(role) => role_markdown(role),
            None => format!("**{value}**\n\nNo role named `{value}` is known in this workspace (expected `{value}.md` beside this file)."),
        };
        return Some(Hover { range: value_range, markdown });
    }
    let sub = schema::at_path(path.iter().copied())?;
    let enum_schema = schema::enum_schema(sub)?;
    let markdown = match schema::enum_values(enum_schema).into_iter().find(|(v, _)| v == value) {
        Some((v, doc_text)) => value_markdown(&path, &v, &doc_text),
        // A value being typed, or not allowed: what is allowed.
        None => key_markdown(&path, sub, is_required(&path)),
    };
    Some(Hover { range: value_range, markdown })
}

fn heading_hover(doc: &Document, offset: usize) -> Option<Hover> {
    let text = doc.text();
    let h = doc.outline().headings.iter().find(|h| h.range.touches(offset))?;
    let section = sections::find(h.title.slice(text))?;
    let mut markdown = format!(
        "**{}. {}** (standard section {} of 12)\n\n{}",
        section.number, section.title, section.number, section.doc
    );
    if let Some(key) = section.key {
        markdown.push_str(&format!("\n\nExpands on the frontmatter key `{key}`."));
    }
    if h.level != 2 {
        markdown.push_str(&format!("\n\nStandard sections are `##` headings; this one is level {}.", h.level));
    }
    Some(Hover { range: h.text, markdown })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use crate::ide::testutil::{self, cursor, roles, BROKEN, SEED};

    fn hover_at(src: &str) -> String {
        let (doc, offset) = cursor(src);
        testutil::hover(&doc, hover(&doc, offset, &[], &roles()))
    }

    fn seed_hover(needle: &str, delta: usize) -> String {
        let doc = Document::new(SEED.to_string());
        let offset = testutil::find(&doc, needle, delta);
        testutil::hover(&doc, hover(&doc, offset, &[], &roles()))
    }

    #[test]
    fn keys_on_the_seed() {
        insta::assert_snapshot!("tone_key", seed_hover("tone:", 2));
        insta::assert_snapshot!("autonomy_key", seed_hover("autonomy_level", 3));
        insta::assert_snapshot!("capabilities_key", seed_hover("capabilities:", 0));
        insta::assert_snapshot!("constraints_key", seed_hover("constraints:", 4));
        insta::assert_snapshot!("approval_key_in_list_form", seed_hover("requires_approval_for", 5));
    }

    #[test]
    fn enum_values_on_the_seed() {
        insta::assert_snapshot!("tone_value", seed_hover("concise-technical", 3));
        insta::assert_snapshot!("approval_item", seed_hover("database_migrations", 0));
        insta::assert_snapshot!("format_value", seed_hover("code-only", 9));
        // A free-text value has nothing to say.
        assert_eq!(seed_hover("Senior Platform Engineer\n", 3), "(no hover)\n");
    }

    #[test]
    fn inherits_parent() {
        insta::assert_snapshot!(
            "inherits_known",
            hover_at("---\nrole: secops-engineer\ninherits: platform-‸engineer\n---\n")
        );
        insta::assert_snapshot!("inherits_unknown", hover_at("---\nrole: secops-engineer\ninherits: nob‸ody\n---\n"));
    }

    #[test]
    fn section_headings() {
        insta::assert_snapshot!("mission", seed_hover("## 1. Mission Statement", 8));
        insta::assert_snapshot!("tool_use", seed_hover("## 9. Tool Use Strategy", 3));
        assert_eq!(seed_hover("# Senior Platform Engineer", 3), "(no hover)\n");
    }

    #[test]
    fn rule_docs_on_diagnostics() {
        let doc = Document::new(BROKEN.to_string());
        let diagnostics = analysis::check(&doc, &analysis::Context::default());
        // The unknown `## 3. Capabilitys` section: its heading hover is absent, the rule doc is there.
        let offset = testutil::find(&doc, "Capabilitys", 3);
        insta::assert_snapshot!("unknown_section", testutil::hover(&doc, hover(&doc, offset, &diagnostics, &roles())));
        // A key hover with a diagnostic under it: both, key first.
        let text = "---\nrole: qa\ntone: loud\n---\n";
        let doc = Document::new(text.to_string());
        let diagnostics = analysis::check(&doc, &analysis::Context::default());
        let offset = text.find("loud").unwrap() + 1;
        let h = testutil::hover(&doc, hover(&doc, offset, &diagnostics, &roles()));
        // Editors show the diagnostic's message next to the hover already.
        assert!(diagnostics.iter().all(|d| !h.contains(&d.message)), "{h}");
        insta::assert_snapshot!("invalid_enum", h);
    }

    #[test]
    fn broken_and_half_typed() {
        insta::assert_snapshot!("broken_key", {
            let doc = Document::new(BROKEN.to_string());
            let offset = testutil::find(&doc, "autonomy_level", 2);
            testutil::hover(&doc, hover(&doc, offset, &[], &roles()))
        });
        assert_eq!(hover_at("---\nton‸\n---\n"), "(no hover)\n");
        // A half-typed enum value: the key's allowed values.
        let partial = hover_at("---\ntone: con‸\n---\n");
        assert!(partial.starts_with("range 1:6-1:9 \"con\"\n**tone** · string · required"), "{partial}");
        assert!(partial.contains("- `concise-technical`: "), "{partial}");
        insta::assert_snapshot!(
            "crlf_bom",
            hover_at("\u{feff}---\r\ndescription: é漢🎯\r\ntone: asser‸tive\r\n---\r\n")
        );
    }
}
