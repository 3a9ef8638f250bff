//! `textDocument/documentSymbol`: the outline, nested for clients that take
//! it, flat otherwise. Linear in the number of symbols, and never deeper
//! than [`MAX_DEPTH`]: deeper symbols are listed flat under their ancestor
//! at that depth (a 5,000-deep frontmatter stays answerable, and parsable by
//! clients whose JSON readers stop at 128 levels).

use ls_types as lsp;
use rolekit_core::ide::{self, Symbol, SymbolKind as CoreSymbolKind};

use crate::convert::Lines;
use crate::workspace::Snapshot;

/// The deepest level of a nested outline.
pub const MAX_DEPTH: usize = 32;

pub fn symbols(snap: &Snapshot) -> Option<lsp::DocumentSymbolResponse> {
    if !snap.in_scope() {
        return None;
    }
    let lines = snap.lines();
    let symbols = ide::document_symbols(&snap.doc);
    if snap.session.caps.hierarchical_symbols {
        Some(lsp::DocumentSymbolResponse::Nested(symbols.iter().map(|s| nested(s, lines, 1)).collect()))
    } else {
        let uri: lsp::Uri = snap.uri.parse().ok()?;
        Some(lsp::DocumentSymbolResponse::Flat(flat(&symbols, lines, &uri)))
    }
}

fn kind(k: CoreSymbolKind) -> lsp::SymbolKind {
    match k {
        CoreSymbolKind::Frontmatter => lsp::SymbolKind::NAMESPACE,
        CoreSymbolKind::Key => lsp::SymbolKind::KEY,
        CoreSymbolKind::Object => lsp::SymbolKind::OBJECT,
        CoreSymbolKind::Array => lsp::SymbolKind::ARRAY,
        CoreSymbolKind::Heading => lsp::SymbolKind::STRING,
    }
}

fn name(s: &Symbol) -> String {
    if s.name.is_empty() {
        " ".to_string()
    } else {
        s.name.clone()
    }
}

/// One symbol without its children; the selection lies inside the range.
#[allow(deprecated)]
fn one(s: &Symbol, lines: Lines) -> lsp::DocumentSymbol {
    let range = lines.range(s.range);
    let mut selection_range = lines.range(s.selection_range);
    if selection_range.start < range.start || selection_range.end > range.end {
        selection_range = range;
    }
    lsp::DocumentSymbol {
        name: name(s),
        detail: s.detail.clone(),
        kind: kind(s.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: None,
    }
}

fn nested(s: &Symbol, lines: Lines, depth: usize) -> lsp::DocumentSymbol {
    let mut out = one(s, lines);
    if s.children.is_empty() {
        return out;
    }
    out.children = Some(if depth < MAX_DEPTH {
        s.children.iter().map(|c| nested(c, lines, depth + 1)).collect()
    } else {
        // Every descendant, in document order, without nesting.
        let mut flat = Vec::new();
        let mut stack: Vec<&Symbol> = s.children.iter().rev().collect();
        while let Some(c) = stack.pop() {
            flat.push(one(c, lines));
            stack.extend(c.children.iter().rev());
        }
        flat
    });
    out
}

/// Flat symbols with their container's name, in document order.
#[allow(deprecated)]
fn flat(symbols: &[Symbol], lines: Lines, uri: &lsp::Uri) -> Vec<lsp::SymbolInformation> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Symbol, Option<&str>)> = symbols.iter().rev().map(|s| (s, None)).collect();
    while let Some((s, container)) = stack.pop() {
        let d = one(s, lines);
        out.push(lsp::SymbolInformation {
            name: d.name,
            kind: d.kind,
            tags: None,
            deprecated: None,
            location: lsp::Location { uri: uri.clone(), range: d.range },
            container_name: container.map(str::to_string),
        });
        stack.extend(s.children.iter().rev().map(|c| (c, Some(s.name.as_str()))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolekit_core::{Document, PositionEncoding, TextRange};

    fn chain(depth: usize) -> Symbol {
        let mut s = Symbol {
            name: format!("k{depth}"),
            detail: None,
            kind: CoreSymbolKind::Key,
            range: TextRange::new(depth, 10_000 - depth),
            selection_range: TextRange::new(depth, depth + 1),
            children: Vec::new(),
        };
        for d in (0..depth).rev() {
            s = Symbol {
                name: format!("k{d}"),
                range: TextRange::new(d, 10_000 - d),
                selection_range: TextRange::new(d, d + 1),
                detail: None,
                kind: CoreSymbolKind::Key,
                children: vec![s],
            };
        }
        s
    }

    fn depth(s: &lsp::DocumentSymbol) -> usize {
        1 + s.children.iter().flatten().map(depth).max().unwrap_or(0)
    }

    fn count(s: &lsp::DocumentSymbol) -> usize {
        1 + s.children.iter().flatten().map(count).sum::<usize>()
    }

    #[test]
    fn deep_outlines_stop_nesting_at_max_depth() {
        let doc = Document::new("x".repeat(10_000));
        let lines = Lines::of(&doc, PositionEncoding::Utf16);
        let deep = chain(5_000);
        let converted = nested(&deep, lines, 1);
        assert_eq!(depth(&converted), MAX_DEPTH + 1);
        assert_eq!(count(&converted), 5_001, "every symbol is kept");
        let uri: lsp::Uri = "file:///w/deep.md".parse().unwrap();
        let flat = flat(std::slice::from_ref(&deep), lines, &uri);
        assert_eq!(flat.len(), 5_001);
        assert_eq!(flat[1].container_name.as_deref(), Some("k0"));
        assert_eq!(flat[5_000].name, "k5000");
    }
}
