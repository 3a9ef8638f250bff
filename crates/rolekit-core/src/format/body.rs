//! The Markdown body: no trailing white space, one blank line around each
//! heading, section numbers fixed, one final line break. Prose is never
//! reflowed and nothing inside code, HTML or comments is touched.
//!
//! Trailing white space is kept where it may mean something: inside fenced
//! code, HTML blocks and comments (the outline's ranges,
//! [`crate::syntax::markdown`]), on lines indented four columns or more
//! (indented code; a white-space-only line only between two such lines), and
//! two or more spaces before a line that goes on (a hard line break). That is
//! one line scan, no Markdown parse; the cost of the rule is that a few
//! meaningless trailing spaces stay where a hard break or code could be.

use std::borrow::Cow;

use crate::diagnostic::Edit;
use crate::document::Document;
use crate::syntax::markdown::{self, Line};
use crate::syntax::marks;
use crate::text::TextRange;

/// Writes the formatted body of `doc` to `out`. `renumber` are the section
/// renumbering edits (inside heading lines); `after_frontmatter` puts one
/// blank line between the closing `---` and the first line.
pub fn format_body(doc: &Document, renumber: &[Edit], nl: &str, after_frontmatter: bool, out: &mut String) {
    let text = doc.text();
    let start = doc.body_start();
    let lines: Vec<Line> = markdown::lines(text, start).collect();
    if lines.is_empty() {
        return;
    }
    let protected = protected_ranges(doc);
    let inside = |offset: usize| {
        let i = protected.partition_point(|r| r.end() < offset);
        protected.get(i).is_some_and(|r| r.start() <= offset && offset <= r.end())
    };
    let blank_raw: Vec<bool> =
        lines.iter().map(|l| text[l.start..l.end].trim_start_matches([' ', '\t']).is_empty()).collect();
    // For white-space-only lines with trailing white space (rare), computed
    // when first needed: is each line indented four columns or more, and
    // were the nearest non-blank lines before and after it?
    let mut depth: Option<Depth> = None;
    let outline = doc.outline();
    // ATX headings (setext ones keep their lines as they are), by line.
    let mut heading_starts = outline.headings.iter().filter(|h| !h.setext).map(|h| h.range.start()).peekable();
    let is_heading: Vec<bool> = lines
        .iter()
        .map(|l| {
            while heading_starts.peek().is_some_and(|&h| h < l.start) {
                heading_starts.next();
            }
            heading_starts.peek() == Some(&l.start) && !inside(l.start)
        })
        .collect();
    let mut edits = renumber.iter().peekable();

    let mut pending = 0usize;
    // `None` before the first line written; else whether that line was a heading.
    let mut previous: Option<bool> = None;
    for (i, line) in lines.iter().enumerate() {
        let raw = &text[line.start..line.end];
        let heading = is_heading[i];
        let mut content: Cow<str> = Cow::Borrowed(raw);
        // Renumbering edits inside this line.
        let mut applied = String::new();
        let mut pos = line.start;
        while let Some(e) = edits.peek().filter(|e| e.range.start() <= line.end) {
            if e.range.start() >= line.start && e.range.end() <= line.end && e.range.start() >= pos {
                applied.push_str(&text[pos..e.range.start()]);
                applied.push_str(&e.new_text);
                pos = e.range.end();
            }
            edits.next();
        }
        if pos > line.start {
            applied.push_str(&text[pos..line.end]);
            content = Cow::Owned(applied);
        }
        let trailing = raw.len() - raw.trim_end_matches([' ', '\t']).len();
        let protected_line = (trailing > 0 || blank_raw[i]) && inside(line.start);
        let keep_ws = trailing > 0
            && (protected_line
                || inside(line.end)
                || if blank_raw[i] {
                    depth.get_or_insert_with(|| Depth::of(text, &lines, &blank_raw)).between_deep_lines(i)
                } else {
                    indent_cols(raw) >= 4
                        || (!heading
                            && raw.ends_with("  ")
                            && i + 1 < lines.len()
                            && !blank_raw[i + 1]
                            && !is_heading[i + 1])
                });
        if !keep_ws {
            let trimmed = content.trim_end_matches([' ', '\t']).len();
            match &mut content {
                Cow::Borrowed(s) => *s = &s[..trimmed],
                Cow::Owned(s) => s.truncate(trimmed),
            }
        }
        // A kept white-space-only line is code, not a blank line.
        let blank = !protected_line && !keep_ws && content.trim_start_matches([' ', '\t']).is_empty();
        if blank {
            pending += 1;
            continue;
        }
        let blanks = match previous {
            None if after_frontmatter => 1,
            None => 0,
            Some(prev_heading) if prev_heading || heading => 1,
            Some(_) => pending,
        };
        for _ in 0..blanks {
            out.push_str(nl);
        }
        out.push_str(&content);
        out.push_str(nl);
        pending = 0;
        previous = Some(heading);
    }
}

/// Fenced code, HTML blocks and comments (the outline's), and every
/// `<!-- -->` in the body, sorted: their lines are never touched.
fn protected_ranges(doc: &Document) -> Vec<TextRange> {
    let outline = doc.outline();
    let mut out: Vec<TextRange> = Vec::new();
    out.extend(&outline.code_blocks);
    out.extend(&outline.html);
    out.extend(&outline.comments);
    let mut comments = Vec::new();
    marks::html_comments(doc.text(), doc.body_start(), &outline.code_blocks, &mut comments);
    out.extend(comments.iter().filter(|(r, c)| c.contains(['\n', '\r']) || r.is_empty()).map(|(r, _)| *r));
    crate::sort::sort_by_key(&mut out, |r| (r.start, r.end));
    merge(out)
}

/// Sorted ranges with overlaps merged, so a binary search finds the one
/// range around an offset.
fn merge(sorted: Vec<TextRange>) -> Vec<TextRange> {
    let mut merged: Vec<TextRange> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => *last = last.cover(r),
            _ => merged.push(r),
        }
    }
    merged
}

/// Which lines are indented four columns or more, and whether the nearest
/// non-blank lines before and after each line are.
struct Depth {
    deep: Vec<bool>,
    before: Vec<bool>,
    after: Vec<bool>,
}

impl Depth {
    fn of(text: &str, lines: &[Line], blank: &[bool]) -> Depth {
        let deep: Vec<bool> = lines.iter().map(|l| indent_cols(&text[l.start..l.end]) >= 4).collect();
        let (mut before, mut after) = (vec![false; lines.len()], vec![false; lines.len()]);
        let mut last = false;
        for i in 0..lines.len() {
            before[i] = last;
            if !blank[i] {
                last = deep[i];
            }
        }
        last = false;
        for i in (0..lines.len()).rev() {
            after[i] = last;
            if !blank[i] {
                last = deep[i];
            }
        }
        Depth { deep, before, after }
    }

    /// A white-space-only line that may be inside indented code.
    fn between_deep_lines(&self, i: usize) -> bool {
        self.deep[i] && self.before[i] && self.after[i]
    }
}

/// Leading columns (a tab reaches the next multiple of four).
fn indent_cols(line: &str) -> usize {
    let mut cols = 0;
    for b in line.bytes() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols += 4 - cols % 4,
            _ => break,
        }
    }
    cols
}
