//! The workspace as the editor features see it: one [`RoleEntry`] per role
//! file (an open document or a file the adapter indexed), so `inherits`
//! completion, hover, links and find-references work alike in every adapter.
//!
//! Adapters decide which entries a document can see (the language server:
//! the role files in its folder; the playground: its tabs) and list them
//! with open documents first; the rules about them live here.

use super::RoleSummary;
use crate::document::Document;
use crate::policy::Kind;
use crate::text::TextRange;

/// One role file, reduced to what the editor features need. Ranges are byte
/// ranges into that file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleEntry {
    /// Where it lives: a path or URI, as the adapter spells it.
    pub location: String,
    /// The `role` value (the file stem while the file has none).
    pub name: String,
    pub description: Option<String>,
    /// A template (`_template.md`): placeholder values, never a parent.
    pub template: bool,
    /// The `role:` value.
    pub role: Option<TextRange>,
    /// The parent `inherits` names, and the value.
    pub inherits: Option<(String, TextRange)>,
}

/// A range in the document at `location` (a path or URI, as the adapter spells it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub location: String,
    pub range: TextRange,
}

/// How a file names a role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefKind {
    /// A role's `inherits:` value: the parent.
    Inherits,
}

/// A role named in a file (see [`RoleEntry::role_refs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleRef<'a> {
    pub name: &'a str,
    /// The value naming it, in that file's text.
    pub range: TextRange,
    pub kind: RefKind,
}

/// The file name of a location without its Markdown extension, as written
/// (URIs are not decoded: role names need no escaping).
pub fn location_stem(location: &str) -> Option<&str> {
    let name = location.rsplit(['/', '\\']).next()?;
    let stem = crate::policy::file_stem(name);
    (stem.len() < name.len() && !stem.is_empty()).then_some(stem)
}

impl RoleEntry {
    /// The entry of a file the policy classified as `kind`
    /// ([`crate::policy::classify`]: whether a file is a role file is not
    /// decided here). `stem` is the file name without `.md`, the name while
    /// `role:` is empty or missing; `None` when there is neither. The
    /// document may be just the start of the file, up to its closing `---`.
    pub fn from_document(location: &str, stem: Option<&str>, doc: &Document, kind: Kind) -> Option<Self> {
        let stem = stem.filter(|s| !s.is_empty());
        let name = doc.role().or(stem)?.to_string();
        let root = doc.root();
        let description = root.and_then(|r| r.get("description")).and_then(|n| n.as_str()).map(str::to_string);
        let role = root.and_then(|r| r.get("role")).map(|n| n.range);
        let inherits = doc.inherits().and_then(|n| Some((n.as_str()?.to_string(), n.range)));
        let template = kind.is_template();
        Some(RoleEntry { location: location.to_string(), name, description, template, role, inherits })
    }

    /// The roles this file names, with where and how: today its `inherits:`
    /// value. Cross-file features (references, rename, hierarchy, lenses)
    /// read references here only, so another way of naming a role (a
    /// command's `agent:`) is one more [`RefKind`] yielded here.
    pub fn role_refs(&self) -> impl Iterator<Item = RoleRef<'_>> + '_ {
        self.inherits.iter().map(|(name, range)| RoleRef { name, range: *range, kind: RefKind::Inherits })
    }

    pub fn summary(&self) -> RoleSummary {
        RoleSummary { name: self.name.clone(), description: self.description.clone(), location: self.location.clone() }
    }
}

/// The roles `inherits` may name from the document at `from`, among the
/// entries the adapter found beside it (open documents first: the first
/// entry of a name wins). Neither `from` itself nor templates; sorted by name.
pub fn parent_candidates<'a>(from: &str, entries: impl IntoIterator<Item = &'a RoleEntry>) -> Vec<RoleSummary> {
    let mut out: Vec<RoleSummary> = Vec::new();
    let mut names = std::collections::HashSet::new();
    for e in entries {
        if e.location == from || e.template || !names.insert(e.name.as_str()) {
            continue;
        }
        out.push(e.summary());
    }
    crate::sort::sort_by(&mut out, |a, b| a.name.cmp(&b.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As an adapter builds it: classified by the policy first.
    fn entry(location: &str, text: &str) -> Option<RoleEntry> {
        let stem = location.rsplit('/').next().and_then(|n| n.strip_suffix(".md"));
        let kind = crate::policy::classify(&crate::policy::Config::default(), Some(location), text).kind()?;
        RoleEntry::from_document(location, stem, &Document::new(text.to_string()), kind)
    }

    #[test]
    fn entries_of_role_files_only() {
        let text = "---\nrole: child\ninherits: base\ndescription: A child\n---\n# Child\n";
        let child = entry("w/child.md", text).unwrap();
        assert_eq!(child.name, "child");
        assert_eq!(child.description.as_deref(), Some("A child"));
        let (parent, range) = child.inherits.clone().unwrap();
        let at = text.find("base").unwrap();
        assert_eq!((parent.as_str(), range), ("base", TextRange::new(at, at + 4)));
        let at = text.find("child").unwrap();
        assert_eq!(child.role, Some(TextRange::new(at, at + 5)));
        assert!(!child.template);
        assert!(entry("w/README.md", "# Readme\n").is_none());
        assert!(entry("w/notes.md", "---\ntitle: x\n---\n").is_none());
        assert!(entry("docs/button.md", "---\ntitle: Buttons\nrole: button\nlayout: page\n---\n").is_none());
        // An empty `role:` names the file; a `_` file is a template.
        let half = entry("w/_template.md", "---\nrole:\nversion:\n---\n").unwrap();
        assert_eq!((half.name.as_str(), half.template), ("_template", true));
        // Just the frontmatter is enough (the index reads only the start of a file).
        let head = entry("w/x.md", "---\nrole: x\nversion: 1.0.0\n---\n").unwrap();
        assert_eq!(head.name, "x");
    }

    #[test]
    fn candidates_skip_self_templates_and_shadowed_names() {
        let open = entry("w/base.md", "---\nrole: base\ndescription: Open\n---\n").unwrap();
        let disk = entry("w/base.md", "---\nrole: base\ndescription: On disk\n---\n").unwrap();
        let other = entry("w/alpha.md", "---\nrole: alpha\nversion: 1.0.0\n---\n").unwrap();
        let me = entry("w/me.md", "---\nrole: me\nversion: 1.0.0\n---\n").unwrap();
        let template = entry("w/_template.md", "---\nrole: template\nversion: 1.0.0\n---\n").unwrap();
        let got = parent_candidates("w/me.md", [&open, &me, &template, &disk, &other]);
        let names: Vec<_> = got.iter().map(|r| (r.name.as_str(), r.description.as_deref())).collect();
        assert_eq!(names, [("alpha", None), ("base", Some("Open"))]);
    }
}
