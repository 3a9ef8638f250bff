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
    found
        .into_iter()
        .filter_map(|s| {
            let uri: lsp::Uri = s.location.parse().ok()?;
            // The entry the symbol comes from: its file's ranges (an open document's or the index's).
            let range = match (s.range, seen.get(s.entry)) {
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
