//! `workspace/symbol`: roles of the whole workspace (open documents and the
//! index) and the `##` sections of open documents (the index reads only
//! each file's frontmatter), fuzzy-matched by the core.

use std::sync::Arc;

use ls_types as lsp;
use rolekit_core::ide::workspace_symbols::{self, WorkspaceSymbolKind};
use rolekit_core::Document;

use crate::session::Session;
use crate::workspace::Seen;

pub fn symbols(query: &str, seen: &[Seen], session: &Session) -> Vec<lsp::WorkspaceSymbol> {
    let open: Vec<(&str, &Arc<Document>)> = seen
        .iter()
        .filter_map(|s| match s {
            Seen::Open { entry, doc } => Some((entry.location.as_str(), doc)),
            Seen::Indexed(_) => None,
        })
        .collect();
    let found = workspace_symbols::workspace_symbols(
        query,
        seen.iter().map(Seen::entry),
        open.iter().map(|(l, d)| (*l, &***d)),
    );
    // The role files of the symbols found (at most a few hundred): the first seen wins.
    let mut by_location: std::collections::HashMap<&str, &Seen> = std::collections::HashMap::new();
    let wanted: std::collections::HashSet<&str> = found.iter().map(|s| s.location.as_str()).collect();
    for s in seen {
        let location = s.entry().location.as_str();
        if wanted.contains(location) {
            by_location.entry(location).or_insert(s);
        }
    }
    found
        .into_iter()
        .filter_map(|s| {
            let uri: lsp::Uri = s.location.parse().ok()?;
            let range = match (s.range, by_location.get(s.location.as_str())) {
                (Some(r), Some(seen)) => seen.range(r, session)?,
                _ => lsp::Range::default(),
            };
            Some(lsp::WorkspaceSymbol {
                name: s.name,
                kind: match s.kind {
                    WorkspaceSymbolKind::Role => lsp::SymbolKind::CLASS,
                    WorkspaceSymbolKind::Section => lsp::SymbolKind::STRING,
                },
                tags: None,
                container_name: s.container,
                location: lsp::OneOf::Left(lsp::Location { uri, range }),
                data: None,
            })
        })
        .collect()
}
