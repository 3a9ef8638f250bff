//! Go to definition and document links: the `inherits` value points at the
//! parent role's file.

use super::{Link, RoleSummary};
use crate::document::Document;
use crate::syntax::lines::root_value;
use crate::text::TextRange;

pub fn definition(doc: &Document, offset: usize, roles: &[RoleSummary]) -> Option<Link> {
    let offset = super::context::clamp(doc.text(), offset);
    document_links(doc, roles).into_iter().find(|l| l.range.touches(offset))
}

pub fn document_links(doc: &Document, roles: &[RoleSummary]) -> Vec<Link> {
    let Some((range, name)) = inherits_value(doc) else {
        return Vec::new();
    };
    roles.iter().find(|r| r.name == name).map(|r| Link { range, target: r.location.clone() }).into_iter().collect()
}

/// The `inherits` value and its range: from the tree, or from its line when the YAML is broken.
pub(crate) fn inherits_value(doc: &Document) -> Option<(TextRange, String)> {
    if let Some(node) = doc.inherits() {
        return Some((node.range, node.as_str()?.to_string()));
    }
    // A valid tree without `inherits` has none; only a broken one needs the line scan.
    doc.yaml().error.as_ref()?;
    let text = doc.text();
    let mut range = root_value(text, doc.yaml_lines(), "inherits")?;
    let raw = range.slice(text);
    if raw.len() >= 2 && (raw.starts_with('"') && raw.ends_with('"') || raw.starts_with('\'') && raw.ends_with('\'')) {
        range = TextRange::new(range.start() + 1, range.end() - 1);
    }
    let name = range.slice(text).to_string();
    (!name.is_empty()).then_some((range, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::testutil::roles;

    #[test]
    fn inherits_links_to_the_parent() {
        let text = "---\nrole: secops-engineer\ninherits: platform-engineer\n---\n";
        let doc = Document::new(text.to_string());
        let at = text.find("platform-engineer").unwrap();
        let link = Link {
            range: TextRange::new(at, at + "platform-engineer".len()),
            target: "roles/platform-engineer.md".into(),
        };
        assert_eq!(document_links(&doc, &roles()), vec![link.clone()]);
        assert_eq!(definition(&doc, at + 3, &roles()), Some(link.clone()));
        assert_eq!(definition(&doc, at - 3, &roles()), None);
        assert_eq!(definition(&doc, usize::MAX, &roles()), None);
        assert!(document_links(&doc, &[]).is_empty());
        // Still found when the YAML breaks elsewhere.
        let broken = "---\nrole: secops-engineer\ninherits: platform-engineer\nexpertise: [a\n---\n";
        let doc = Document::new(broken.to_string());
        assert!(doc.yaml().error.is_some());
        assert_eq!(document_links(&doc, &roles()), vec![link]);
    }
}
