//! LSP 3.17 type hierarchy over `inherits`: `prepareTypeHierarchy` (the
//! role at the cursor, or the parent an `inherits:` names),
//! `typeHierarchy/supertypes` (the parent: clients walk the chain) and
//! `typeHierarchy/subtypes` (the roles inheriting it), among the role files
//! in the item's folder (open documents and the index). The core decides.

use ls_types as lsp;
use rolekit_core::ide::hierarchy::{self, HierarchyItem};

use crate::session::Session;
use crate::workspace::{Seen, Snapshot};

pub fn prepare(snap: &Snapshot, position: lsp::Position) -> Option<Vec<lsp::TypeHierarchyItem>> {
    let kind = snap.kind()?;
    let offset = snap.lines().offset(position);
    let item = hierarchy::prepare(&snap.doc, &snap.uri, kind, offset, snap.entries())?;
    let locator = snap.locator();
    let range = item.range.and_then(|r| locator.range(&item.location, r)).unwrap_or_default();
    Some(vec![convert(item, range)?])
}

/// `seen`: the role files in the folder of `item` (itself included).
pub fn supertypes(item: &lsp::TypeHierarchyItem, seen: &[Seen], session: &Session) -> Vec<lsp::TypeHierarchyItem> {
    items(hierarchy::supertypes(item.uri.as_str(), seen.iter().map(Seen::entry)), seen, session)
}

pub fn subtypes(item: &lsp::TypeHierarchyItem, seen: &[Seen], session: &Session) -> Vec<lsp::TypeHierarchyItem> {
    items(hierarchy::subtypes(&item.name, seen.iter().map(Seen::entry)), seen, session)
}

fn items(found: Vec<HierarchyItem>, seen: &[Seen], session: &Session) -> Vec<lsp::TypeHierarchyItem> {
    let by_location: std::collections::HashMap<&str, &Seen> =
        seen.iter().rev().map(|s| (s.entry().location.as_str(), s)).collect();
    found
        .into_iter()
        .filter_map(|item| {
            let range = match (item.range, by_location.get(item.location.as_str())) {
                (Some(r), Some(s)) => s.range(r, session).unwrap_or_default(),
                _ => lsp::Range::default(),
            };
            convert(item, range)
        })
        .collect()
}

fn convert(item: HierarchyItem, range: lsp::Range) -> Option<lsp::TypeHierarchyItem> {
    Some(lsp::TypeHierarchyItem {
        name: item.name,
        kind: lsp::SymbolKind::CLASS,
        tags: None,
        detail: item.description,
        uri: item.location.parse().ok()?,
        range,
        selection_range: range,
        data: None,
    })
}
