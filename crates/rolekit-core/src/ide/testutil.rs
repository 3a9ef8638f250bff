//! Helpers for the IDE tests: cursor markers, fixtures and readable renderings
//! for snapshots (positions as `line:column`, 0-based, UTF-16 columns).

use super::{CodeAction, CompletionItem, Fold, Hover, RoleSummary, Symbol};
use crate::diagnostic::Edit;
use crate::document::Document;
use crate::text::{PositionEncoding, TextRange};

pub const SEED: &str = include_str!("../../tests/fixtures/platform-engineer.md");
pub const BROKEN: &str = include_str!("../../tests/fixtures/broken.md");

/// The text with its `‸` cursor marker removed, and the marker's offset.
pub fn cursor(src: &str) -> (Document, usize) {
    let offset = src.find('‸').expect("a ‸ cursor marker");
    let text = format!("{}{}", &src[..offset], &src[offset + '‸'.len_utf8()..]);
    (Document::new(text), offset)
}

/// The offset of the `n`th occurrence (0-based) of `needle` in the document, plus `delta`.
pub fn find(doc: &Document, needle: &str, delta: usize) -> usize {
    doc.text().find(needle).unwrap_or_else(|| panic!("{needle:?} not found")) + delta
}

pub fn roles() -> Vec<RoleSummary> {
    vec![
        RoleSummary {
            name: "platform-engineer".into(),
            description: Some("Senior Platform Engineer".into()),
            location: "roles/platform-engineer.md".into(),
        },
        RoleSummary {
            name: "secops-engineer".into(),
            description: Some("Security operations engineer".into()),
            location: "roles/secops-engineer.md".into(),
        },
        RoleSummary { name: "qa".into(), description: None, location: "roles/qa.md".into() },
    ]
}

pub fn pos(doc: &Document, offset: usize) -> String {
    let p = doc.line_index().position(doc.text(), offset, PositionEncoding::Utf16);
    format!("{}:{}", p.line, p.character)
}

pub fn range(doc: &Document, r: TextRange) -> String {
    format!("{}-{}", pos(doc, r.start()), pos(doc, r.end()))
}

/// A range and the text it covers (long texts shortened).
pub fn span(doc: &Document, r: TextRange) -> String {
    format!("{} {:?}", range(doc, r), short(r.slice(doc.text()), 50))
}

pub fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max / 2).collect();
    let tail: String = s.chars().rev().take(max / 2).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{head}…{tail}")
}

pub fn completions(doc: &Document, items: &[CompletionItem], docs: bool) -> String {
    let mut out = String::new();
    for it in items {
        out.push_str(&format!(
            "{}{} [{:?}] sort={} detail={:?} replaces {}\n    insert{}: {:?}\n",
            if it.preselect { "* " } else { "" },
            it.label,
            it.kind,
            it.sort_text,
            it.detail.as_deref().unwrap_or(""),
            span(doc, it.range),
            if it.is_snippet { " (snippet)" } else { "" },
            it.insert_text,
        ));
        if docs {
            if let Some(d) = &it.documentation {
                for line in d.lines() {
                    out.push_str(&format!("    | {line}\n"));
                }
            }
        }
    }
    if out.is_empty() {
        out.push_str("(no completions)\n");
    }
    out
}

pub fn hover(doc: &Document, h: Option<Hover>) -> String {
    match h {
        None => "(no hover)\n".into(),
        Some(h) => format!("range {}\n{}\n", span(doc, h.range), h.markdown),
    }
}

pub fn symbols(doc: &Document, symbols: &[Symbol]) -> String {
    fn walk(doc: &Document, s: &Symbol, depth: usize, out: &mut String) {
        out.push_str(&format!(
            "{}{} [{:?}]{} {} sel={}\n",
            "  ".repeat(depth),
            s.name,
            s.kind,
            s.detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default(),
            range(doc, s.range),
            range(doc, s.selection_range),
        ));
        for c in &s.children {
            walk(doc, c, depth + 1, out);
        }
    }
    let mut out = String::new();
    for s in symbols {
        walk(doc, s, 0, &mut out);
    }
    out
}

pub fn folds(doc: &Document, folds: &[Fold]) -> String {
    let mut out = String::new();
    for f in folds {
        let first = doc.text()[f.range.start()..f.range.end()].lines().next().unwrap_or("");
        out.push_str(&format!("{:?} {} {:?}\n", f.kind, range(doc, f.range), short(first, 40)));
    }
    out
}

pub fn edits(doc: &Document, edits: &[Edit]) -> String {
    edits
        .iter()
        .map(|e| {
            format!("    {} {:?} -> {:?}\n", range(doc, e.range), short(e.range.slice(doc.text()), 30), e.new_text)
        })
        .collect()
}

pub fn actions(doc: &Document, actions: &[CodeAction]) -> String {
    let mut out = String::new();
    for a in actions {
        out.push_str(&format!(
            "{} [{:?}]{}{}\n{}",
            a.title,
            a.kind,
            if a.preferred { " preferred" } else { "" },
            a.diagnostic.map(|d| format!(" diagnostic #{d}")).unwrap_or_default(),
            edits(doc, &a.edits)
        ));
    }
    if out.is_empty() {
        out.push_str("(no actions)\n");
    }
    out
}

/// Every char boundary of `text`, plus one past the end.
pub fn boundaries(text: &str) -> impl Iterator<Item = usize> + '_ {
    (0..=text.len() + 1).filter(move |&i| i > text.len() || text.is_char_boundary(i))
}
