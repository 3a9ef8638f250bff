//! Renaming a role: from its `role:` value or from any value naming it (an
//! `inherits:`), one plan that rewrites its `role:`, every reference among
//! the entries the adapter lists, and renames its file when the file is
//! named after the role (`<old>.md` → `<new>.md`).
//!
//! References are read through [`RoleEntry::role_refs`] only, so a new way
//! of naming a role (a command's `agent:`) is renamed without changes here.
//! Refused, with a message for the user: a template, a name the schema's
//! `role` pattern rejects, a name another role (or file) already has.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::workspace::{location_stem, Reference, RoleEntry};
use crate::document::Document;
use crate::policy::Kind;
use crate::text::TextRange;

/// Why a rename is refused. `Display` is the message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is on neither a `role:` value nor a value naming a role.
    NotOnARole,
    /// The role is declared in a template (placeholder values, never a parent).
    Template,
    /// The new name breaks the schema's `role` pattern.
    InvalidName { name: String },
    /// Another role (or its file) already has the new name.
    Clash { name: String, location: String },
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NotOnARole => {
                f.write_str("rename a role from its `role:` value or from an `inherits:` naming it")
            }
            RenameError::Template => f.write_str("a template's `role:` is a placeholder: templates are not renamed"),
            RenameError::InvalidName { name } => write!(
                f,
                "`{name}` is not a valid role name: {}",
                crate::schema::pattern_description(role_schema())
                    .unwrap_or("it must match the schema's `role` pattern")
            ),
            RenameError::Clash { name, location } => {
                write!(f, "a role named `{name}` already exists ({location}): pick another name")
            }
        }
    }
}

impl std::error::Error for RenameError {}

/// What a rename starts from: the value under the cursor and the role it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameTarget {
    pub range: TextRange,
    pub name: String,
    /// The cursor is on the document's own `role:` (else on a reference).
    pub declaration: bool,
}

/// The edits of a rename: every range to replace with `new`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleRename {
    pub old: String,
    pub new: String,
    /// The `role:` value first, then every reference, ordered by location.
    pub edits: Vec<Reference>,
    /// The declaring file, when it is named after the role: rename it to
    /// `<new>.md` in its folder.
    pub file: Option<String>,
}

fn role_schema() -> &'static serde_json::Value {
    crate::schema::property(crate::schema::role_schema(), "role").unwrap_or(&serde_json::Value::Null)
}

/// The new name is a valid `role` (the schema's pattern, compiled once).
pub fn valid_role_name(name: &str) -> bool {
    static PATTERN: OnceLock<Option<crate::schema::regex::Regex>> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        let p = role_schema().get("pattern")?.as_str()?;
        crate::schema::regex::Regex::new(p).ok()
    });
    match pattern {
        Some(p) => p.is_match(name),
        None => crate::policy::parent_file_name(name).is_some(),
    }
}

/// The value at `offset` a rename would change: the `role:` value, or an
/// `inherits:` value. `kind` is what the policy made of the document.
pub fn prepare_rename(doc: &Document, kind: Kind, offset: usize) -> Result<RenameTarget, RenameError> {
    let root = doc.root().ok_or(RenameError::NotOnARole)?;
    if let Some(node) = doc.inherits().filter(|n| n.range.touches(offset)) {
        let name = node.as_str().ok_or(RenameError::NotOnARole)?;
        return Ok(RenameTarget { range: node.range, name: name.to_string(), declaration: false });
    }
    let node = root.get("role").filter(|n| n.range.touches(offset)).ok_or(RenameError::NotOnARole)?;
    let name = node.as_str().filter(|s| !s.is_empty()).ok_or(RenameError::NotOnARole)?;
    if kind.is_template() {
        return Err(RenameError::Template);
    }
    Ok(RenameTarget { range: node.range, name: name.to_string(), declaration: true })
}

/// Renames the role at `offset` in `doc` (at `location`, classified `kind`)
/// to `new`. `entries` are the role files it can see (open documents first;
/// an entry for `location` itself is ignored in favour of `doc`). One pass
/// over the entries.
pub fn rename<'a>(
    doc: &Document,
    location: &str,
    kind: Kind,
    offset: usize,
    new: &str,
    entries: impl IntoIterator<Item = &'a RoleEntry>,
) -> Result<RoleRename, RenameError> {
    let target = prepare_rename(doc, kind, offset)?;
    let own = RoleEntry::from_document(location, location_stem(location), doc, kind);
    let mut seen: HashSet<&str> = HashSet::new();
    seen.insert(location);
    let mut all: Vec<&RoleEntry> = own.iter().collect();
    for e in entries {
        if seen.insert(e.location.as_str()) {
            all.push(e);
        }
    }
    let old = target.name;
    let declaration: Option<&RoleEntry> = if target.declaration {
        own.as_ref()
    } else {
        all.iter().copied().find(|e| e.name == old && !e.template && e.location != location)
    };
    rename_role(&old, new, declaration, all)
}

/// The plan renaming `old` (declared by `declaration`, when known) to `new`
/// among `entries` (each location once): also what renaming a role's file
/// asks for.
pub fn rename_role<'a>(
    old: &str,
    new: &str,
    declaration: Option<&RoleEntry>,
    entries: impl IntoIterator<Item = &'a RoleEntry>,
) -> Result<RoleRename, RenameError> {
    if declaration.is_some_and(|d| d.template) {
        return Err(RenameError::Template);
    }
    if !valid_role_name(new) {
        return Err(RenameError::InvalidName { name: new.to_string() });
    }
    let declared_at = declaration.map(|d| d.location.as_str());
    let file = declaration.filter(|d| location_stem(&d.location) == Some(old)).map(|d| d.location.clone());
    let mut edits: Vec<Reference> = declaration
        .and_then(|d| Some(Reference { location: d.location.clone(), range: d.role? }))
        .into_iter()
        .collect();
    let mut references = Vec::new();
    for e in entries {
        let other = Some(e.location.as_str()) != declared_at;
        // A role of that name, or a file that renaming would overwrite.
        let clash = e.name == new || (file.is_some() && location_stem(&e.location) == Some(new));
        if other && clash && new != old {
            return Err(RenameError::Clash { name: new.to_string(), location: e.location.clone() });
        }
        for r in e.role_refs().filter(|r| r.name == old) {
            references.push(Reference { location: e.location.clone(), range: r.range });
        }
    }
    crate::sort::sort_by(&mut references, |a, b| {
        a.location.cmp(&b.location).then(a.range.start().cmp(&b.range.start()))
    });
    edits.extend(references);
    Ok(RoleRename { old: old.to_string(), new: new.to_string(), edits, file })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(location: &str, text: &str) -> RoleEntry {
        let stem = location_stem(location);
        let kind = if stem.is_some_and(|s| s.starts_with('_')) { Kind::RoleTemplate } else { Kind::Role };
        RoleEntry::from_document(location, stem, &Document::new(text.to_string()), kind).expect("a role file")
    }

    fn range_of(text: &str, needle: &str) -> TextRange {
        let at = text.find(needle).expect("needle");
        TextRange::new(at, at + needle.len())
    }

    const BASE: &str = "---\nrole: base\ndescription: Base\n---\n# Base\n";
    const CHILD: &str = "---\nrole: child\ninherits: base\n---\n";
    const OTHER: &str = "---\nrole: other\ninherits: base\n---\n";
    const ELSEWHERE: &str = "---\nrole: elsewhere\ninherits: child\n---\n";

    fn workspace() -> Vec<RoleEntry> {
        vec![
            entry("w/base.md", BASE),
            entry("w/child.md", CHILD),
            entry("w/other.md", OTHER),
            entry("w/elsewhere.md", ELSEWHERE),
        ]
    }

    #[test]
    fn from_the_role_value_every_reference_and_the_file() {
        let doc = Document::new(BASE.to_string());
        let at = BASE.find("base").unwrap() + 2;
        let target = prepare_rename(&doc, Kind::Role, at).unwrap();
        assert_eq!((target.range, target.name.as_str()), (range_of(BASE, "base"), "base"));
        let plan = rename(&doc, "w/base.md", Kind::Role, at, "core", &workspace()).unwrap();
        assert_eq!(plan.file.as_deref(), Some("w/base.md"));
        let got: Vec<_> = plan.edits.iter().map(|r| (r.location.as_str(), r.range)).collect();
        assert_eq!(
            got,
            [
                ("w/base.md", range_of(BASE, "base")),
                ("w/child.md", range_of(CHILD, "base")),
                ("w/other.md", range_of(OTHER, "base")),
            ]
        );
    }

    #[test]
    fn from_an_inherits_value_the_parent() {
        let doc = Document::new(CHILD.to_string());
        let at = CHILD.find("base").unwrap();
        let plan = rename(&doc, "w/child.md", Kind::Role, at, "core", &workspace()).unwrap();
        assert_eq!(plan.old, "base");
        assert_eq!(plan.file.as_deref(), Some("w/base.md"));
        assert_eq!(plan.edits.len(), 3);
        assert_eq!(plan.edits[0].location, "w/base.md");
        // A role whose file is named otherwise keeps its file.
        let entries = [entry("w/the-base.md", BASE), entry("w/child.md", CHILD)];
        let plan = rename(&doc, "w/child.md", Kind::Role, at, "core", &entries).unwrap();
        assert_eq!(plan.file, None);
        assert_eq!(plan.edits.len(), 2);
    }

    #[test]
    fn refusals() {
        let doc = Document::new(BASE.to_string());
        let at = BASE.find("base").unwrap();
        let clash = rename(&doc, "w/base.md", Kind::Role, at, "other", &workspace()).unwrap_err();
        assert_eq!(clash, RenameError::Clash { name: "other".into(), location: "w/other.md".into() });
        assert!(clash.to_string().contains("already exists"));
        let invalid = rename(&doc, "w/base.md", Kind::Role, at, "Not Valid", &workspace()).unwrap_err();
        assert_eq!(invalid, RenameError::InvalidName { name: "Not Valid".into() });
        assert!(invalid.to_string().contains("kebab-case"), "{invalid}");
        assert_eq!(prepare_rename(&doc, Kind::Role, BASE.find("Base").unwrap()), Err(RenameError::NotOnARole));
        assert_eq!(prepare_rename(&doc, Kind::RoleTemplate, at), Err(RenameError::Template));
        // A file named after the new name would be overwritten.
        let entries = [entry("w/core.md", "---\nrole: something\n---\n")];
        let clash = rename(&doc, "w/base.md", Kind::Role, at, "core", &entries).unwrap_err();
        assert!(matches!(clash, RenameError::Clash { .. }));
        // To the same name: nothing changes but the edits are harmless.
        assert!(rename(&doc, "w/base.md", Kind::Role, at, "base", &workspace()).is_ok());
    }
}
