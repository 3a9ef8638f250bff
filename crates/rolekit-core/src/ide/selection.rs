//! Selection ranges (expand selection), innermost first, each containing the
//! previous. Frontmatter: word or scalar → entry → parent mapping and its
//! entry, up to the root → frontmatter → document. Body: word → line →
//! paragraph, list item, list... → section(s) → body → document.

use super::context::{self, Region};
use crate::document::Document;
use crate::syntax::lines::{block, last_content, line_at, parent_of, YLine};
use crate::syntax::markdown::spans;
use crate::text::TextRange;

pub fn selection_ranges(doc: &Document, offset: usize) -> Vec<TextRange> {
    let text = doc.text();
    let ctx = context::cursor_context(doc, offset);
    let offset = ctx.offset;
    let mut out = vec![TextRange::empty(offset)];
    match (ctx.region, doc.frontmatter()) {
        (Region::Frontmatter, Some(_)) => {
            let lines = doc.yaml_lines();
            if let Some(li) = line_at(lines, offset) {
                frontmatter_ranges(text, lines, li, &ctx, &mut out);
            }
        }
        (Region::Body, _) => body_ranges(doc, &ctx, &mut out),
        _ => {
            let index = doc.line_index();
            let line = index.line_of(offset);
            out.push(TextRange::new(index.line_start(line).min(offset), index.line_end(text, line).max(offset)));
        }
    }
    if let Some(split) = doc.frontmatter() {
        if offset < split.body_start || split.close.is_none() {
            let start = split.yaml.start();
            let yaml_end = start + split.yaml.slice(text).trim_end().len();
            out.push(TextRange::new(start, yaml_end.max(start)));
            let end = split.close.map_or(split.yaml.end(), |c| c.end());
            out.push(TextRange::new(split.open.start(), end));
        }
    }
    out.push(TextRange::new(0, text.len()));
    chain(out)
}

/// Drops empty, repeated and non-nesting ranges, keeping each range a strict
/// superset of the one before.
fn chain(ranges: Vec<TextRange>) -> Vec<TextRange> {
    let mut out: Vec<TextRange> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last() {
            None if !r.is_empty() => out.push(r),
            None => {}
            Some(prev) if r.contains_range(*prev) && r != *prev => out.push(r),
            _ => {}
        }
    }
    out
}

fn frontmatter_ranges(text: &str, lines: &[YLine], li: usize, ctx: &context::CursorContext, out: &mut Vec<TextRange>) {
    let l = &lines[li];
    out.push(ctx.word);
    if let Some(v) = ctx.value.filter(|v| v.touches(ctx.offset)) {
        out.push(v);
    }
    if let Some(k) = l.key().filter(|k| k.touches(ctx.offset)) {
        out.push(k);
    }
    // The entry on this line, then each enclosing entry.
    let mut here = Some(li);
    let mut guard = 0;
    while let Some(j) = here {
        let line = &lines[j];
        if !line.is_content() {
            out.push(TextRange::new(line.start, line.end));
            here = parent_of(lines, j, ctx.offset - line.start, false).ok().flatten();
            continue;
        }
        let inner = block(lines, Some(j));
        let end = last_content(lines, inner.clone()).map_or(line.end, |k| lines[k].end);
        if let Some(first) = inner.clone().find(|&k| lines[k].is_content()) {
            out.push(TextRange::new(lines[first].start + lines[first].node_col(), end));
        }
        let col = if line.dash.is_some() && line.key().is_some() { line.col } else { line.node_col() };
        out.push(TextRange::new(line.start + col, end));
        out.push(TextRange::new(line.start + line.node_col(), end));
        here = parent_of(lines, j, line.node_col(), line.dash.is_some()).ok().flatten();
        guard += 1;
        if guard > 64 {
            break;
        }
    }
    let _ = text;
}

fn body_ranges(doc: &Document, ctx: &context::CursorContext, out: &mut Vec<TextRange>) {
    let text = doc.text();
    let offset = ctx.offset;
    out.push(ctx.word);
    let line_text = ctx.line.slice(text);
    let lead = line_text.len() - line_text.trim_start().len();
    let content = TextRange::new(ctx.line.start() + lead, ctx.line.start() + line_text.trim_end().len().max(lead));
    if content.touches(offset) {
        out.push(content);
    }
    out.push(ctx.line);
    // Markdown blocks around the cursor, innermost first.
    let base = doc.body_start();
    let body = text.get(base..).unwrap_or("");
    let mut blocks: Vec<TextRange> = Vec::new();
    for (_, range) in spans::starts(body) {
        let start = base + range.start;
        let end = start + text.get(start..base + range.end).unwrap_or("").trim_end().len();
        let r = TextRange::new(start, end.max(start));
        if r.touches(offset) {
            blocks.push(r);
        }
    }
    crate::sort::sort_by_key(&mut blocks, |r| r.len());
    out.extend(blocks);
    // Sections, innermost first.
    let headings = &doc.outline().headings;
    let mut sections: Vec<TextRange> = (0..headings.len())
        .map(|i| TextRange::new(headings[i].range.start(), doc.section_end(i)))
        .filter(|r| r.touches(offset))
        .collect();
    crate::sort::sort_by_key(&mut sections, |r| r.len());
    out.extend(sections);
    let body_end = base + body.trim_end().len();
    out.push(TextRange::new(base.min(body_end), body_end));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::testutil::{self, BROKEN, SEED};

    fn chain_at(text: &str, needle: &str, delta: usize) -> String {
        let doc = Document::new(text.to_string());
        let offset = testutil::find(&doc, needle, delta);
        let ranges = selection_ranges(&doc, offset);
        for w in ranges.windows(2) {
            assert!(w[1].contains_range(w[0]) && w[1] != w[0], "{ranges:?}");
        }
        ranges.iter().map(|r| testutil::span(&doc, *r) + "\n").collect()
    }

    #[test]
    fn seed_frontmatter_chains() {
        insta::assert_snapshot!("autonomy_value", chain_at(SEED, "autonomy_level: medium", 18));
        insta::assert_snapshot!("approval_item", chain_at(SEED, "    - commit", 7));
        insta::assert_snapshot!("tone_key", chain_at(SEED, "tone:", 1));
    }

    #[test]
    fn seed_body_chains() {
        insta::assert_snapshot!("list_item", chain_at(SEED, "Establish infrastructure patterns", 10));
        insta::assert_snapshot!("paragraph", chain_at(SEED, "Bridge the gap", 3));
    }

    #[test]
    fn broken_chains() {
        insta::assert_snapshot!("broken_item", chain_at(BROKEN, "      - commit", 9));
        insta::assert_snapshot!("broken_bracket", chain_at(BROKEN, "automation", 2));
    }
}
