//! Code lenses on a role, at its `role:` value: how many roles inherit it
//! (with their `inherits:` values, for the list a lens opens) and what the
//! file costs in tokens, counted by the counter the adapter passes (the
//! language server: [`crate::tokens::Estimate`]).

use super::workspace::{RefKind, Reference, RoleEntry};
use crate::document::Document;
use crate::policy::Kind;
use crate::text::TextRange;
use crate::tokens::TokenCounter;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LensKind {
    /// `inherited by N`: the `inherits:` values naming the role, by location.
    InheritedBy(Vec<Reference>),
    /// `T tokens`: the whole file.
    Tokens(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    /// The `role:` value (the first line without one).
    pub range: TextRange,
    pub kind: LensKind,
}

impl Lens {
    pub fn title(&self, estimate: bool) -> String {
        match &self.kind {
            LensKind::InheritedBy(refs) => format!("inherited by {}", refs.len()),
            LensKind::Tokens(n) if estimate => format!("≈{n} tokens"),
            LensKind::Tokens(n) => format!("{n} tokens"),
        }
    }
}

/// The lenses of `doc` (at `location`, classified `kind`) among `entries`;
/// none for a template (never inherited) other than its tokens.
pub fn code_lenses<'a>(
    doc: &Document,
    location: &str,
    kind: Kind,
    entries: impl IntoIterator<Item = &'a RoleEntry>,
    counter: &dyn TokenCounter,
) -> Vec<Lens> {
    let Some(own) = RoleEntry::from_document(location, super::workspace::location_stem(location), doc, kind) else {
        return Vec::new();
    };
    let range = own.role.unwrap_or_else(|| doc.fence());
    let mut out = Vec::new();
    if !own.template {
        let mut seen = std::collections::HashSet::new();
        seen.insert(location);
        let mut refs: Vec<Reference> = entries
            .into_iter()
            .filter(|e| seen.insert(e.location.as_str()))
            .flat_map(|e| {
                e.role_refs()
                    .filter(|r| r.kind == RefKind::Inherits && r.name == own.name)
                    .map(|r| Reference { location: e.location.clone(), range: r.range })
                    .collect::<Vec<_>>()
            })
            .collect();
        crate::sort::sort_by(&mut refs, |a, b| a.location.cmp(&b.location));
        out.push(Lens { range, kind: LensKind::InheritedBy(refs) });
    }
    out.push(Lens { range, kind: LensKind::Tokens(counter.count(doc.text())) });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::Estimate;

    #[test]
    fn inherited_by_and_tokens() {
        let base = "---\nrole: base\n---\n# Base\n";
        let child = |n: &str| format!("---\nrole: {n}\ninherits: base\n---\n");
        let entries: Vec<RoleEntry> = ["a", "b"]
            .iter()
            .map(|n| {
                RoleEntry::from_document(&format!("w/{n}.md"), None, &Document::new(child(n)), Kind::Role).unwrap()
            })
            .collect();
        let doc = Document::new(base.to_string());
        let lenses = code_lenses(&doc, "w/base.md", Kind::Role, &entries, &Estimate);
        assert_eq!(lenses.len(), 2);
        assert_eq!(lenses[0].range.slice(base), "base");
        assert_eq!(lenses[0].title(true), "inherited by 2");
        assert_eq!(lenses[1].title(true), format!("≈{} tokens", base.len().div_ceil(4)));
        let template = code_lenses(&doc, "w/_base.md", Kind::RoleTemplate, &entries, &Estimate);
        assert_eq!(template.len(), 1);
    }
}
