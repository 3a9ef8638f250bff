//! Find references on a role: which roles inherit it.
//!
//! On an `inherits` value the role asked about is the parent it names;
//! anywhere else in a role file it is the file's own role. The answer is its
//! declaration (the `role:` value) and every `inherits:` naming it among the
//! entries the adapter lists (the role files the document can see).

pub use super::workspace::Reference;
use super::workspace::RoleEntry;
use crate::document::Document;
use crate::policy::Kind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct References {
    /// The role asked about.
    pub name: String,
    /// Its `role:` value, when the role is known.
    pub declaration: Option<Reference>,
    /// Every `inherits:` value naming it, ordered by location.
    pub inheritors: Vec<Reference>,
}

/// The references of the role at `offset` in `doc` (which lives at
/// `location`). `entries` are the other role files it can see; an entry for
/// `location` itself is ignored in favour of `doc`, and of two entries for
/// one location the first counts (open documents first). `None` outside a
/// role, or on an `inherits` value that is not a plain string.
pub fn references<'a>(
    doc: &Document,
    location: &str,
    offset: usize,
    entries: impl IntoIterator<Item = &'a RoleEntry>,
) -> Option<References> {
    let own = RoleEntry::from_document(location, None, doc, Kind::Role);
    let on_inherits = doc.inherits().filter(|n| n.range.touches(offset));
    let name = match on_inherits {
        Some(node) => node.as_str()?.to_string(),
        None => doc.role()?.to_string(),
    };
    let mut seen = std::collections::HashSet::new();
    seen.insert(location);
    let others: Vec<&RoleEntry> = entries.into_iter().filter(|e| seen.insert(e.location.as_str())).collect();
    let declaration = if on_inherits.is_some() {
        others
            .iter()
            .find(|e| e.name == name && !e.template)
            .and_then(|e| Some(Reference { location: e.location.clone(), range: e.role? }))
    } else {
        own.as_ref().and_then(|e| Some(Reference { location: location.to_string(), range: e.role? }))
    };
    let mut inheritors: Vec<Reference> = own
        .iter()
        .chain(others.iter().copied())
        .filter_map(|e| {
            let (parent, range) = e.inherits.as_ref()?;
            (*parent == name).then(|| Reference { location: e.location.clone(), range: *range })
        })
        .collect();
    crate::sort::sort_by(&mut inheritors, |a, b| a.location.cmp(&b.location));
    Some(References { name, declaration, inheritors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextRange;

    fn entry(location: &str, text: &str) -> RoleEntry {
        let stem = location.rsplit('/').next().and_then(|n| n.strip_suffix(".md"));
        let kind = if stem.is_some_and(|s| s.starts_with('_')) { Kind::RoleTemplate } else { Kind::Role };
        RoleEntry::from_document(location, stem, &Document::new(text.to_string()), kind).expect("a role file")
    }

    fn range_of(text: &str, needle: &str) -> TextRange {
        let at = text.find(needle).expect("needle");
        TextRange::new(at, at + needle.len())
    }

    const BASE: &str = "---\nrole: base\n---\n";
    const CHILD: &str = "---\nrole: child\ninherits: base\n---\n";
    const OTHER: &str = "---\nrole: other\ninherits: base\n---\n";

    #[test]
    fn on_the_inherits_value_the_parent_and_its_inheritors() {
        let entries = [entry("w/base.md", BASE), entry("w/other.md", OTHER), entry("w/child.md", CHILD)];
        let doc = Document::new(CHILD.to_string());
        let at = CHILD.find("base").unwrap() + 1;
        let refs = references(&doc, "w/child.md", at, &entries).unwrap();
        assert_eq!(refs.name, "base");
        assert_eq!(refs.declaration, Some(Reference { location: "w/base.md".into(), range: range_of(BASE, "base") }));
        let locations: Vec<_> = refs.inheritors.iter().map(|r| r.location.as_str()).collect();
        assert_eq!(locations, ["w/child.md", "w/other.md"]);
        assert_eq!(refs.inheritors[0].range, range_of(CHILD, "base"));
    }

    #[test]
    fn elsewhere_the_document_s_own_role() {
        let edited = "---\nrole: base\ndescription: edited\n---\n";
        // The open document's text wins over a stale entry for the same file.
        let entries = [entry("w/base.md", BASE), entry("w/child.md", CHILD), entry("w/child.md", BASE)];
        let doc = Document::new(edited.to_string());
        let refs = references(&doc, "w/base.md", 0, &entries).unwrap();
        assert_eq!(refs.declaration, Some(Reference { location: "w/base.md".into(), range: range_of(edited, "base") }));
        assert_eq!(refs.inheritors, [Reference { location: "w/child.md".into(), range: range_of(CHILD, "base") }]);
        // Not a role file: nothing to find.
        assert_eq!(references(&Document::new("# Notes\n".into()), "w/n.md", 0, &entries), None);
    }

    #[test]
    fn a_template_is_not_the_declaration() {
        let template = entry("w/_base.md", "---\nrole: base\n---\n");
        let doc = Document::new(CHILD.to_string());
        let at = CHILD.find("base").unwrap();
        let refs = references(&doc, "w/child.md", at, [&template]).unwrap();
        assert_eq!(refs.declaration, None);
        assert_eq!(refs.inheritors.len(), 1);
    }
}
