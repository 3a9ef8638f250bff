//! The document outline: a `Frontmatter` symbol with its keys (nested keys as
//! children, lists summarised), then the body's headings nested by level.
//!
//! The frontmatter part is read from its lines by indentation, like the
//! cursor context, so a broken or half-typed YAML still has an outline.

use super::{Symbol, SymbolKind};
use crate::document::Document;
use crate::schema::sections;
use crate::syntax::lines::{block, last_content, LineKind, YLine};
use crate::text::TextRange;

pub fn document_symbols(doc: &Document) -> Vec<Symbol> {
    let text = doc.text();
    let mut out = Vec::new();
    if let Some(split) = doc.frontmatter() {
        let lines = doc.yaml_lines();
        let end = split.close.map_or_else(|| trim_end(text, split.open.start(), split.yaml.end()), |c| c.end());
        let role = doc.role_name();
        out.push(Symbol {
            name: "Frontmatter".into(),
            detail: role,
            kind: SymbolKind::Frontmatter,
            range: TextRange::new(split.open.start(), end.max(split.open.end())),
            selection_range: split.open,
            children: entries(text, lines, 0..lines.len()),
        });
    }
    out.extend(headings(doc));
    out
}

/// The key entries among `lines[range]`, at the block's key column.
pub(crate) fn entries(text: &str, lines: &[YLine], range: std::ops::Range<usize>) -> Vec<Symbol> {
    let Some(col) = lines[range.clone()].iter().filter(|l| l.key().is_some()).map(|l| l.col).min() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in range {
        let l = &lines[i];
        let (LineKind::Key { key, value, .. }, true) = (l.kind, l.col == col) else {
            continue;
        };
        let inner = block(lines, Some(i));
        let last = last_content(lines, inner.clone()).map_or(l.end, |j| lines[j].end);
        let end = if value.is_empty() { last } else { value.end().max(last) };
        let start = l.start + l.col;
        let name = key.slice(text).to_string();
        let v = value.slice(text);
        let (kind, detail, children) = if !value.is_empty() {
            if v.starts_with('[') {
                let items: Vec<&str> = v
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                (SymbolKind::Array, Some(summarise(&items)), Vec::new())
            } else if v.starts_with('{') {
                (SymbolKind::Object, Some(truncate(v, 60)), Vec::new())
            } else if v.starts_with(['|', '>']) {
                let body: Vec<&str> = lines[inner.clone()]
                    .iter()
                    .filter(|l| l.is_content())
                    .map(|l| text.get(l.start..l.end).unwrap_or("").trim())
                    .collect();
                (SymbolKind::Key, Some(truncate(&body.join(" "), 60)), Vec::new())
            } else {
                (SymbolKind::Key, Some(truncate(v, 60)), Vec::new())
            }
        } else {
            // A list when the block's outermost lines are `- ` items.
            let level = lines[inner.clone()].iter().filter(|l| l.is_content()).map(|l| l.node_col()).min();
            let first = lines[inner.clone()].iter().find(|l| l.is_content());
            let dash_col = level.filter(|&c| first.is_some_and(|l| l.dash == Some(c)));
            let children = entries(text, lines, inner.clone());
            match dash_col {
                Some(d) => {
                    let items: Vec<&str> = lines[inner.clone()]
                        .iter()
                        .filter(|l| l.dash == Some(d))
                        .map(|l| l.value().map_or("", |v| v.slice(text)))
                        .collect();
                    let scalars: Vec<&str> = lines[inner.clone()]
                        .iter()
                        .filter(|l| l.dash == Some(d) && matches!(l.kind, LineKind::Scalar { .. }))
                        .filter_map(|l| l.value().map(|v| v.slice(text)))
                        .collect();
                    let detail = if scalars.len() == items.len() { summarise(&items) } else { count(items.len()) };
                    (SymbolKind::Array, Some(detail), children)
                }
                None if !children.is_empty() => (SymbolKind::Object, None, children),
                None => (SymbolKind::Key, None, Vec::new()),
            }
        };
        out.push(Symbol {
            name,
            detail,
            kind,
            range: TextRange::new(start, end.max(key.end())),
            selection_range: key,
            children,
        });
    }
    out
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 item".into()
    } else {
        format!("{n} items")
    }
}

/// `N items: a, b, …` within about 60 characters.
fn summarise(items: &[&str]) -> String {
    let mut out = count(items.len());
    let mut sep = ": ";
    for (i, item) in items.iter().enumerate() {
        if out.chars().count() + item.chars().count() > 60 {
            if i == 0 {
                out.push_str(sep);
                out.push_str(&truncate(item, 40));
                if items.len() > 1 {
                    out.push_str(", …");
                }
            } else {
                out.push_str(", …");
            }
            break;
        }
        out.push_str(sep);
        out.push_str(item);
        sep = ", ";
    }
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text.get(start..end).unwrap_or("").trim_end().len()
}

fn headings(doc: &Document) -> Vec<Symbol> {
    let text = doc.text();
    let headings = &doc.outline().headings;
    // (level, symbol) stack of open headings.
    let mut stack: Vec<(u8, Symbol)> = Vec::new();
    let mut out = Vec::new();
    fn close(stack: &mut Vec<(u8, Symbol)>, out: &mut Vec<Symbol>) {
        if let Some((_, s)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(s),
                None => out.push(s),
            }
        }
    }
    for (i, h) in headings.iter().enumerate() {
        while stack.last().is_some_and(|(level, _)| *level >= h.level) {
            close(&mut stack, &mut out);
        }
        let detail = if h.level == 2 {
            sections::find(h.title.slice(text)).map(|s| format!("standard section {}", s.number))
        } else {
            None
        };
        let name = match h.text.slice(text) {
            "" => "(empty heading)".to_string(),
            t => t.to_string(),
        };
        let symbol = Symbol {
            name,
            detail,
            kind: SymbolKind::Heading,
            range: TextRange::new(h.range.start(), doc.section_end(i)),
            selection_range: if h.text.is_empty() { h.range } else { h.text },
            children: Vec::new(),
        };
        stack.push((h.level, symbol));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::testutil::{self, BROKEN, SEED};

    fn outline(text: &str) -> String {
        let doc = Document::new(text.to_string());
        testutil::symbols(&doc, &document_symbols(&doc))
    }

    #[test]
    fn seed_outline() {
        insta::assert_snapshot!(outline(SEED));
    }

    #[test]
    fn broken_outline() {
        insta::assert_snapshot!(outline(BROKEN));
    }

    #[test]
    fn object_form_constraints_and_crlf_bom() {
        let text = "\u{feff}---\r\nrole: é-漢\r\nconstraints:\r\n  requires_approval_for:\r\n  - commit\r\n  forbidden_paths: [.env, .git/]\r\n---\r\n# T\r\n## 1. Mission Statement\r\n### Sub\r\n## Extra\r\n";
        insta::assert_snapshot!(outline(text));
    }

    #[test]
    fn no_frontmatter() {
        assert_eq!(outline("# Title\n\n## 1. Mission Statement\n"), "Title [Heading] 0:0-2:23 sel=0:2-0:7\n  1. Mission Statement [Heading] (standard section 1) 2:0-2:23 sel=2:3-2:23\n");
        assert_eq!(outline(""), "");
    }
}
