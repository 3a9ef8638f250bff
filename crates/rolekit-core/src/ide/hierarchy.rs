//! Type hierarchy over `inherits`: a role's supertype is the parent it
//! names (clients walk the chain one level at a time), its subtypes the
//! roles naming it. Read through [`RoleEntry::role_refs`] (`Inherits` only:
//! a command naming a role does not inherit from it).

use super::workspace::{RefKind, RoleEntry};
use crate::document::Document;
use crate::policy::Kind;
use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HierarchyItem {
    pub name: String,
    pub description: Option<String>,
    pub location: String,
    /// Its `role:` value (`None`: named after its file).
    pub range: Option<TextRange>,
}

impl HierarchyItem {
    pub fn of(e: &RoleEntry) -> Self {
        HierarchyItem {
            name: e.name.clone(),
            description: e.description.clone(),
            location: e.location.clone(),
            range: e.role,
        }
    }
}

/// The item at `offset` in `doc`: on an `inherits:` value the parent (when
/// known among `entries`), elsewhere the document's own role.
pub fn prepare<'a>(
    doc: &Document,
    location: &str,
    kind: Kind,
    offset: usize,
    entries: impl IntoIterator<Item = &'a RoleEntry>,
) -> Option<HierarchyItem> {
    if let Some(node) = doc.inherits().filter(|n| n.range.touches(offset)) {
        let name = node.as_str()?;
        return entries
            .into_iter()
            .find(|e| e.name == name && !e.template && e.location != location)
            .map(HierarchyItem::of);
    }
    let own = RoleEntry::from_document(location, super::workspace::location_stem(location), doc, kind)?;
    Some(HierarchyItem::of(&own))
}

/// The parent of the role at `location` among `entries` (which include it).
pub fn supertypes<'a>(location: &str, entries: impl IntoIterator<Item = &'a RoleEntry> + Clone) -> Vec<HierarchyItem> {
    let Some(me) = entries.clone().into_iter().find(|e| e.location == location) else { return Vec::new() };
    let parents: Vec<&str> = me.role_refs().filter(|r| r.kind == RefKind::Inherits).map(|r| r.name).collect();
    let mut out: Vec<HierarchyItem> = Vec::new();
    for e in entries {
        if !e.template
            && e.location != location
            && parents.contains(&e.name.as_str())
            && !out.iter().any(|o| o.name == e.name)
        {
            out.push(HierarchyItem::of(e));
        }
    }
    out
}

/// The roles inheriting `name` among `entries`, by location.
pub fn subtypes<'a>(name: &str, entries: impl IntoIterator<Item = &'a RoleEntry>) -> Vec<HierarchyItem> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<HierarchyItem> = entries
        .into_iter()
        .filter(|e| seen.insert(e.location.as_str()))
        .filter(|e| e.role_refs().any(|r| r.kind == RefKind::Inherits && r.name == name))
        .map(HierarchyItem::of)
        .collect();
    crate::sort::sort_by(&mut out, |a, b| a.location.cmp(&b.location));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(location: &str, text: &str) -> RoleEntry {
        RoleEntry::from_document(location, None, &Document::new(text.to_string()), Kind::Role).expect("a role file")
    }

    #[test]
    fn up_and_down_the_chain() {
        let base = "---\nrole: base\n---\n";
        let mid = "---\nrole: mid\ninherits: base\n---\n";
        let leaf = "---\nrole: leaf\ninherits: mid\n---\n";
        let twin = "---\nrole: twin\ninherits: mid\n---\n";
        let entries =
            [entry("w/base.md", base), entry("w/mid.md", mid), entry("w/leaf.md", leaf), entry("w/twin.md", twin)];
        let doc = Document::new(leaf.to_string());
        let me = prepare(&doc, "w/leaf.md", Kind::Role, 0, &entries).unwrap();
        assert_eq!(me.name, "leaf");
        let on_parent = prepare(&doc, "w/leaf.md", Kind::Role, leaf.find("mid").unwrap(), &entries).unwrap();
        assert_eq!(on_parent.location, "w/mid.md");
        let up: Vec<_> = supertypes("w/mid.md", &entries).into_iter().map(|i| i.name).collect();
        assert_eq!(up, ["base"]);
        assert!(supertypes("w/base.md", &entries).is_empty());
        let down: Vec<_> = subtypes("mid", &entries).into_iter().map(|i| i.name).collect();
        assert_eq!(down, ["leaf", "twin"]);
    }
}
