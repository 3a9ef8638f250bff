//! What an edit of a document must keep, read off the document: every
//! comment (YAML `# ...` in the frontmatter, `<!-- ... -->` in the body),
//! every anchor and alias token, the kinds of line ending and the BOM.
//!
//! Shared by the proof of a fix ([`crate::fix::verify`](mod@crate::fix::verify)) and of a
//! formatting ([`crate::format`]): both compare these before and after.

use std::collections::HashMap;

use crate::document::Document;
use crate::syntax::yaml::{Node, NodeValue};
use crate::text::{TextRange, BOM};

/// How many times each item occurs (a multiset, for comparisons that hold
/// however the edits shifted text).
pub(crate) fn counts<'a>(items: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut map = HashMap::new();
    for item in items {
        *map.entry(item).or_insert(0) += 1;
    }
    map
}

/// What a fix must keep, read off one document.
pub(crate) struct Marks<'a> {
    pub bom: bool,
    /// CRLF, LF, CR.
    pub line_endings: [usize; 3],
    pub comments: Vec<(TextRange, &'a str)>,
    /// Anchor and alias tokens (`&name`, `*name`).
    pub anchors: Vec<&'a str>,
}

impl<'a> Marks<'a> {
    pub fn of(doc: &'a Document) -> Self {
        let text = doc.text();
        let mut marks = Marks {
            bom: text.starts_with(BOM),
            line_endings: line_endings(text),
            comments: Vec::new(),
            anchors: Vec::new(),
        };
        if let Some(split) = doc.frontmatter() {
            let mut scalars = Vec::new();
            if let Some(root) = &doc.yaml().root {
                collect_scalars(root, &mut scalars);
            }
            crate::sort::sort_by_key(&mut scalars, |r| r.start);
            yaml_marks(text, split.yaml, &scalars, &mut marks);
        }
        html_comments(text, doc.body_start(), &doc.outline().code_blocks, &mut marks.comments);
        marks
    }
}

pub(crate) fn line_endings(text: &str) -> [usize; 3] {
    let bytes = text.as_bytes();
    let mut out = [0; 3];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => out[0] += 1,
            b'\r' => out[2] += 1,
            _ if i > 0 && bytes[i - 1] == b'\r' => {}
            _ => out[1] += 1,
        }
    }
    out
}

/// Ranges of every scalar (keys included): `#`, `&` and `*` inside them are text.
fn collect_scalars(node: &Node, out: &mut Vec<TextRange>) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.value {
            NodeValue::Scalar(_) => out.push(n.range),
            NodeValue::Alias(_) => {}
            NodeValue::Sequence(items) => stack.extend(items.iter()),
            NodeValue::Mapping(entries) => {
                for e in entries {
                    stack.push(&e.key);
                    stack.push(&e.value);
                }
            }
        }
    }
}

/// Comments, anchors and aliases in the frontmatter: tokens outside every
/// scalar, `#` after whitespace (or at a line's start) up to the line's end.
fn yaml_marks<'a>(text: &'a str, yaml: TextRange, scalars: &[TextRange], marks: &mut Marks<'a>) {
    let bytes = text.as_bytes();
    let mut next_scalar = 0;
    let mut i = yaml.start();
    let end = yaml.end().min(bytes.len());
    while i < end {
        while next_scalar < scalars.len() && scalars[next_scalar].end() <= i {
            next_scalar += 1;
        }
        if let Some(s) = scalars.get(next_scalar) {
            if s.start() <= i && i < s.end() {
                i = s.end();
                continue;
            }
        }
        let b = bytes[i];
        let after_space = i == yaml.start() || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r');
        match b {
            b'#' if after_space => {
                let stop = i + memchr::memchr2(b'\n', b'\r', &bytes[i..end]).unwrap_or(end - i);
                marks.comments.push((TextRange::new(i, stop), text[i..stop].trim_end()));
                i = stop;
                continue;
            }
            b'&' | b'*' if after_space || matches!(bytes[i - 1], b'[' | b'{' | b',') => {
                let len = bytes[i + 1..end]
                    .iter()
                    .take_while(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}'))
                    .count();
                if len > 0 && text.is_char_boundary(i + 1 + len) {
                    marks.anchors.push(&text[i..i + 1 + len]);
                }
                i += 1 + len;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// `<!-- ... -->` comments in the body (an unclosed one runs to the end,
/// its text without the white space there), outside fenced code blocks
/// (`code`, sorted).
pub(crate) fn html_comments<'a>(text: &'a str, from: usize, code: &[TextRange], out: &mut Vec<(TextRange, &'a str)>) {
    let mut pos = from;
    while let Some(found) = text.get(pos..).and_then(|rest| crate::text::find(rest, "<!--")) {
        let start = pos + found;
        let i = code.partition_point(|r| r.end() <= start);
        if let Some(block) = code.get(i).filter(|r| r.start() <= start) {
            pos = block.end().max(start + 4);
            continue;
        }
        let (end, comment) = match crate::text::find(&text[start + 4..], "-->") {
            Some(e) => (start + 4 + e + 3, &text[start..start + 4 + e + 3]),
            // Unclosed, it runs to the end; line breaks at the end are not part of it.
            None => (text.len(), text[start..].trim_end()),
        };
        out.push((TextRange::new(start, end), comment));
        pos = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> (Vec<String>, Vec<String>) {
        let doc = Document::new(text.to_string());
        let m = Marks::of(&doc);
        (m.comments.iter().map(|(_, c)| c.to_string()).collect(), m.anchors.iter().map(|a| a.to_string()).collect())
    }

    #[test]
    fn comments_anchors_and_aliases_are_found_outside_scalars() {
        let text = "---\n# top\nrole: qa # trailing\ntone: \"a # not\" # yes\nx: &a 1\ny: *a\nz: [*a, 'b#c']\nurl: http://x#frag\n---\n<!-- body -->\ntext <!-- inline -->\n";
        let (comments, anchors) = marks(text);
        assert_eq!(comments, ["# top", "# trailing", "# yes", "<!-- body -->", "<!-- inline -->"]);
        assert_eq!(anchors, ["&a", "*a", "*a"]);
        let (comments, _) = marks("# T\n```\n<!-- in code\n```\n<!-- c -->\n");
        assert_eq!(comments, ["<!-- c -->"]);
    }

    #[test]
    fn line_endings_are_counted_by_kind() {
        assert_eq!(line_endings("a\r\nb\nc\rd\r\n"), [2, 1, 1]);
        assert_eq!(line_endings(""), [0, 0, 0]);
    }
}
