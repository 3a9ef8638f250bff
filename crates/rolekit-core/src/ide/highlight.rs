//! Document highlights for a role name: on the `role:` or `inherits:` value,
//! every place the file names that role: the value itself (a write for
//! `role:`, a read for `inherits:`) and its whole-word mentions in the body
//! (text). One pass over the body.

use crate::document::Document;
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightKind {
    Text,
    Read,
    Write,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub range: TextRange,
    pub kind: HighlightKind,
}

pub fn highlights(doc: &Document, offset: usize) -> Vec<Highlight> {
    let Some(root) = doc.root() else { return Vec::new() };
    let role = root.get("role").filter(|n| n.as_str().is_some_and(|s| !s.is_empty()));
    let inherits = doc.inherits();
    let name = match (role, inherits) {
        (Some(r), _) if r.range.touches(offset) => r.as_str(),
        (_, Some(i)) if i.range.touches(offset) => i.as_str(),
        _ => None,
    };
    let Some(name) = name else { return Vec::new() };
    let mut out = Vec::new();
    for (node, kind) in [(role, HighlightKind::Write), (inherits, HighlightKind::Read)] {
        if let Some(n) = node.filter(|n| n.as_str() == Some(name)) {
            out.push(Highlight { range: n.range, kind });
        }
    }
    let text = doc.text();
    let start = doc.body_start().min(text.len());
    let body = &text[start..];
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    for (at, _) in body.match_indices(name) {
        let before = body[..at].chars().next_back();
        let after = body[at + name.len()..].chars().next();
        if !before.is_some_and(word) && !after.is_some_and(word) {
            out.push(Highlight {
                range: TextRange::new(start + at, start + at + name.len()),
                kind: HighlightKind::Text,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_in_the_file() {
        let text = "---\nrole: qa\ninherits: base\n---\n# qa\nThe qa-lead and qa; base.\n";
        let doc = Document::new(text.to_string());
        let got: Vec<_> =
            highlights(&doc, text.find("qa").unwrap()).iter().map(|h| (h.range.slice(text), h.kind)).collect();
        assert_eq!(got, [("qa", HighlightKind::Write), ("qa", HighlightKind::Text), ("qa", HighlightKind::Text)]);
        let got = highlights(&doc, text.find("base").unwrap());
        assert_eq!(got.iter().map(|h| h.kind).collect::<Vec<_>>(), [HighlightKind::Read, HighlightKind::Text]);
        assert!(highlights(&doc, text.find("# qa").unwrap()).is_empty());
    }
}
