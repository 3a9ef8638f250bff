//! Folding ranges: the frontmatter, its multi-line mappings and lists, each
//! section, fenced code blocks, HTML comments and Markdown lists.

use super::{Fold, FoldKind};
use crate::document::Document;
use crate::syntax::lines::{block, last_content};
use crate::syntax::markdown::spans;
use crate::text::TextRange;

pub fn folding_ranges(doc: &Document) -> Vec<Fold> {
    let text = doc.text();
    let index = doc.line_index();
    let mut out = Vec::new();
    // Only ranges that span more than one line fold.
    let mut push = |start: usize, end: usize, kind: FoldKind| {
        if end > start && index.line_of(start) < index.line_of(end) {
            let line_end = index.line_end(text, index.line_of(end));
            out.push(Fold { range: TextRange::new(start, line_end.max(start)), kind });
        }
    };
    if let Some(split) = doc.frontmatter() {
        let end = split.close.map_or(split.yaml.end(), |c| c.end());
        push(split.open.start(), trim_end(text, split.open.start(), end), FoldKind::Frontmatter);
        let lines = doc.yaml_lines();
        for (i, l) in lines.iter().enumerate() {
            if !l.opens_block() {
                continue;
            }
            if let Some(last) = last_content(lines, block(lines, Some(i))) {
                push(l.start, lines[last].end, FoldKind::List);
            }
        }
    }
    for i in 0..doc.outline().headings.len() {
        let h = &doc.outline().headings[i];
        push(h.range.start(), doc.section_end(i), FoldKind::Section);
    }
    for r in &doc.outline().code_blocks {
        push(r.start(), trim_end(text, r.start(), r.end()), FoldKind::Code);
    }
    for r in &doc.outline().comments {
        push(r.start(), r.end(), FoldKind::Comment);
    }
    for r in markdown_lists(doc) {
        push(r.start(), r.end(), FoldKind::List);
    }
    crate::sort::sort_by_key(&mut out, |f| (f.range.start, std::cmp::Reverse(f.range.end)));
    out.dedup_by(|a, b| a.range == b.range);
    out
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text.get(start..end).unwrap_or("").trim_end().len()
}

/// Every Markdown list of the body (nested ones included), trailing blank lines excluded.
pub(crate) fn markdown_lists(doc: &Document) -> Vec<TextRange> {
    let text = doc.text();
    let base = doc.body_start();
    let body = text.get(base..).unwrap_or("");
    spans::lists(body)
        .into_iter()
        .map(|range| {
            let end = trim_end(text, base + range.start, base + range.end);
            TextRange::new(base + range.start, end.max(base + range.start))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::testutil::{self, BROKEN, SEED};

    fn folds(text: &str) -> String {
        let doc = Document::new(text.to_string());
        testutil::folds(&doc, &folding_ranges(&doc))
    }

    #[test]
    fn seed_folds() {
        insta::assert_snapshot!(folds(SEED));
    }

    #[test]
    fn broken_folds() {
        insta::assert_snapshot!(folds(BROKEN));
    }

    #[test]
    fn comments_code_and_crlf() {
        let text = "\u{feff}---\r\nexpertise:\r\n  - a\r\n  - b\r\n---\r\n# T\r\n<!--\r\nnote\r\n-->\r\n```\r\ncode\r\n```\r\n- x\r\n- y\r\n";
        insta::assert_snapshot!(folds(text));
    }
}
