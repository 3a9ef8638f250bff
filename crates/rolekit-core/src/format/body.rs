//! The Markdown body: no trailing white space, one blank line around each
//! heading, section numbers fixed, one final line break. Prose is never
//! reflowed and nothing inside code, HTML or comments is touched.
//!
//! Trailing white space is kept where it means something: inside fenced or
//! indented code, HTML blocks, inline HTML and comments, and as a hard line
//! break (two spaces before a line break inside a paragraph). The outline
//! ([`crate::syntax::markdown`]) knows fences, HTML blocks and comments; when
//! a line has trailing white space outside them, `pulldown-cmark` decides
//! the rest (indented code, inline HTML, hard breaks), once per file.

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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
    // Lines whose trailing white space the outline cannot decide about.
    let trailing_ws = |l: &Line| text[l.start..l.end].ends_with([' ', '\t']);
    let undecided = lines.iter().any(|l| trailing_ws(l) && !inside(l.end) && !inside(l.start));
    let precise = if undecided { Precise::of(text, start) } else { Precise::default() };

    let outline = doc.outline();
    let mut headings = outline.headings.iter().filter(|h| !h.setext).map(|h| h.range.start()).peekable();
    let mut edits = renumber.iter().peekable();

    let mut pending = 0usize;
    // `None` before the first line written; else whether that line was a heading.
    let mut previous: Option<bool> = None;
    for line in &lines {
        let raw = &text[line.start..line.end];
        let heading = {
            while headings.peek().is_some_and(|&h| h < line.start) {
                headings.next();
            }
            headings.peek() == Some(&line.start) && !inside(line.start)
        };
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
        let keep_ws = inside(line.end) || inside(line.start) || precise.keeps(line.start, line.end, raw);
        let protected_line = inside(line.start);
        if !keep_ws {
            let trimmed = content.trim_end_matches([' ', '\t']).len();
            match &mut content {
                Cow::Borrowed(s) => *s = &s[..trimmed],
                Cow::Owned(s) => s.truncate(trimmed),
            }
        }
        let blank = !protected_line && content.trim_start_matches([' ', '\t']).is_empty();
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
    out.sort_by_key(|r| (r.start, r.end));
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

/// What only a full Markdown parse knows: indented code, inline HTML and hard breaks.
#[derive(Default)]
struct Precise {
    /// Code blocks and HTML (block and inline), sorted and merged.
    keep: Vec<TextRange>,
    /// Where hard line breaks start.
    breaks: Vec<usize>,
}

impl Precise {
    fn of(text: &str, start: usize) -> Self {
        let body = &text[start..];
        let mut keep = Vec::new();
        let mut breaks = Vec::new();
        let mut open: Option<usize> = None;
        let mut depth = 0usize;
        for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
            let r = TextRange::new(start + range.start, start + range.end);
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                    if depth == 0 {
                        open = Some(r.start());
                    }
                    depth += 1;
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        if let Some(s) = open.take() {
                            keep.push(TextRange::new(s, r.end().max(s)));
                        }
                    }
                }
                Event::InlineHtml(_) | Event::Html(_) => keep.push(r),
                Event::HardBreak => breaks.push(r.start()),
                _ => {}
            }
        }
        keep.sort_by_key(|r| (r.start, r.end));
        Precise { keep: merge(keep), breaks }
    }

    /// The trailing white space of the line `start..end` (`raw`) means something.
    fn keeps(&self, start: usize, end: usize, raw: &str) -> bool {
        if self.keep.is_empty() && self.breaks.is_empty() {
            return false;
        }
        let ws_start = start + raw.trim_end_matches([' ', '\t']).len();
        let i = self.breaks.partition_point(|&b| b < ws_start);
        if self.breaks.get(i).is_some_and(|&b| b <= end) {
            return true;
        }
        // A code or HTML range that overlaps the white space.
        let j = self.keep.partition_point(|r| r.end() <= ws_start);
        self.keep.get(j).is_some_and(|r| r.start() < end)
    }
}
