//! The block outline of the Markdown body: headings (ATX and setext), fenced
//! code blocks and HTML comments, with byte ranges.
//!
//! This is the hot path of every check, so it is a single line scan that
//! follows CommonMark's rules for the constructs that decide where sections
//! are. `pulldown-cmark` stays the reference: a differential test runs both
//! over the whole corpus and requires the same headings, and the IDE features
//! that need full Markdown (lists for folding) use it directly.

use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The whole heading line (for setext: the text line and its underline).
    pub range: TextRange,
    /// The heading's text, without markers and surrounding spaces.
    pub text: TextRange,
    /// A leading `N.` or `N)`, if any.
    pub number: Option<SectionNumber>,
    /// The text after the number (equal to `text` when there is none).
    pub title: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionNumber {
    pub value: u32,
    /// The digits only.
    pub range: TextRange,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    /// Fenced code blocks, fences included (unclosed ones run to the end).
    pub code_blocks: Vec<TextRange>,
    /// HTML comments that start a line.
    pub comments: Vec<TextRange>,
}

impl Outline {
    pub fn in_code(&self, offset: usize) -> bool {
        self.code_blocks.iter().any(|r| r.start() <= offset && offset < r.end())
    }
}

/// A line of the body: `start..end` without the break, `next` after it.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

pub fn lines(text: &str, from: usize) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = start + memchr_newline(&bytes[start..]);
        let mut next = end;
        if next < bytes.len() {
            next += if bytes[next] == b'\r' && bytes.get(next + 1) == Some(&b'\n') { 2 } else { 1 };
        }
        pos = next;
        Some(Line { start, end, next })
    })
}

fn memchr_newline(bytes: &[u8]) -> usize {
    memchr::memchr2(b'\n', b'\r', bytes).unwrap_or(bytes.len())
}

/// Leading spaces (tabs count as reaching the next multiple of 4).
fn indent(line: &str) -> (usize, usize) {
    let mut cols = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols += 4 - cols % 4,
            _ => return (cols, i),
        }
    }
    (cols, line.len())
}

struct Fence {
    ch: u8,
    len: usize,
    start: usize,
}

pub fn outline(text: &str, body_start: usize) -> Outline {
    let mut out = Outline::default();
    let mut fence: Option<Fence> = None;
    let mut comment_start: Option<usize> = None;
    // Start of the paragraph the previous line belongs to, for setext headings.
    let mut paragraph: Option<usize> = None;
    let mut last_end = body_start;
    for line in lines(text, body_start) {
        let s = &text[line.start..line.end];
        last_end = line.end;
        let (cols, skip) = indent(s);
        let rest = &s[skip..];
        if let Some(f) = &fence {
            if cols < 4 && is_closing_fence(rest, f) {
                out.code_blocks.push(TextRange::new(f.start, line.end));
                fence = None;
            }
            continue;
        }
        if let Some(start) = comment_start {
            if s.contains("-->") {
                out.comments.push(TextRange::new(start, line.end));
                comment_start = None;
            }
            continue;
        }
        if rest.is_empty() {
            paragraph = None;
            continue;
        }
        if cols >= 4 {
            // Indented code, or continuation of a paragraph or list item: never a heading.
            continue;
        }
        if let Some(f) = opening_fence(rest, line.start) {
            fence = Some(f);
            paragraph = None;
            continue;
        }
        if rest.starts_with("<!--") {
            if rest.contains("-->") {
                out.comments.push(TextRange::new(line.start + skip, line.end));
            } else {
                comment_start = Some(line.start + skip);
            }
            paragraph = None;
            continue;
        }
        if let Some(h) = atx_heading(text, line, skip) {
            out.headings.push(h);
            paragraph = None;
            continue;
        }
        if let (Some(p), Some(level)) = (paragraph, setext_level(rest)) {
            let content_end = trim_end_offset(text, p, previous_line_end(text, line.start));
            out.headings.push(heading(text, level, TextRange::new(p, line.end), p, content_end));
            paragraph = None;
            continue;
        }
        paragraph = if starts_other_block(rest) { None } else { paragraph.or(Some(line.start + skip)) };
    }
    if let Some(f) = fence {
        out.code_blocks.push(TextRange::new(f.start, last_end.max(f.start)));
    }
    if let Some(start) = comment_start {
        out.comments.push(TextRange::new(start, last_end.max(start)));
    }
    out
}

fn previous_line_end(text: &str, line_start: usize) -> usize {
    let b = text.as_bytes();
    let mut end = line_start;
    if end > 0 && b[end - 1] == b'\n' {
        end -= 1;
    }
    if end > 0 && b[end - 1] == b'\r' {
        end -= 1;
    }
    end
}

fn trim_end_offset(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Lines that open a block a setext underline cannot turn into a heading.
fn starts_other_block(rest: &str) -> bool {
    let b = rest.as_bytes();
    match b[0] {
        b'>' | b'|' => true,
        b'-' | b'*' | b'+' => b.get(1).is_none_or(|c| *c == b' ' || *c == b'\t') || is_thematic_break(rest),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            digits <= 9 && matches!(b.get(digits), Some(b'.' | b')')) && b.get(digits + 1).is_none_or(|c| *c == b' ')
        }
        b'_' => is_thematic_break(rest),
        _ => false,
    }
}

fn is_thematic_break(rest: &str) -> bool {
    let mut ch = None;
    let mut count = 0;
    for b in rest.bytes() {
        match b {
            b' ' | b'\t' => {}
            b'-' | b'*' | b'_' if ch.is_none() || ch == Some(b) => {
                ch = Some(b);
                count += 1;
            }
            _ => return false,
        }
    }
    count >= 3
}

fn setext_level(rest: &str) -> Option<u8> {
    let trimmed = rest.trim_end();
    let ch = trimmed.bytes().next()?;
    if !(ch == b'=' || ch == b'-') || !trimmed.bytes().all(|b| b == ch) {
        return None;
    }
    Some(if ch == b'=' { 1 } else { 2 })
}

fn opening_fence(rest: &str, line_start: usize) -> Option<Fence> {
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    if len < 3 || (ch == b'`' && rest[len..].contains('`')) {
        return None;
    }
    Some(Fence { ch, len, start: line_start })
}

fn is_closing_fence(rest: &str, fence: &Fence) -> bool {
    let len = rest.bytes().take_while(|&b| b == fence.ch).count();
    len >= fence.len && rest[len..].trim().is_empty()
}

fn atx_heading(text: &str, line: Line, skip: usize) -> Option<Heading> {
    let rest = &text[line.start + skip..line.end];
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with(' ') || after.starts_with('\t')) {
        return None;
    }
    let content_start = line.start + skip + level;
    let mut content = text[content_start..line.end].trim_end();
    // An optional closing sequence of `#`s, preceded by a space.
    let without_hashes = content.trim_end_matches('#');
    if without_hashes.len() != content.len() && (without_hashes.is_empty() || without_hashes.ends_with([' ', '\t'])) {
        content = without_hashes.trim_end();
    }
    let lead = content.len() - content.trim_start().len();
    let start = content_start + lead;
    let end = (content_start + content.len()).max(start);
    Some(heading(text, level as u8, TextRange::new(line.start, line.end), start, end))
}

fn heading(text: &str, level: u8, range: TextRange, start: usize, end: usize) -> Heading {
    let content = &text[start..end];
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    let number = if digits > 0 && digits <= 4 && matches!(content.as_bytes().get(digits), Some(b'.' | b')')) {
        let after = &content[digits + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            content[..digits]
                .parse()
                .ok()
                .map(|value| SectionNumber { value, range: TextRange::new(start, start + digits) })
        } else {
            None
        }
    } else {
        None
    };
    let title_start = match number {
        Some(_) => {
            let after = &content[digits + 1..];
            start + digits + 1 + (after.len() - after.trim_start().len())
        }
        None => start,
    };
    Heading { level, range, text: TextRange::new(start, end), number, title: TextRange::new(title_start.min(end), end) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<(u8, String)> {
        outline(text, 0).headings.iter().map(|h| (h.level, h.text.slice(text).to_string())).collect()
    }

    #[test]
    fn atx_headings_and_numbers() {
        let text = "# Title\n\n## 1. Mission Statement ##\n   ### Sub\n    ## code\n#nope\n";
        assert_eq!(titles(text), vec![(1, "Title".into()), (2, "1. Mission Statement".into()), (3, "Sub".into())]);
        let h = &outline(text, 0).headings[1];
        assert_eq!(h.number.unwrap().value, 1);
        assert_eq!(h.title.slice(text), "Mission Statement");
    }

    #[test]
    fn fences_hide_headings() {
        let text = "```md\n## not\n```\n~~~~\n## not\n~~~\n## still not\n~~~~\n## yes\n```\n## unclosed";
        assert_eq!(titles(text), vec![(2, "yes".into())]);
        assert_eq!(outline(text, 0).code_blocks.len(), 3);
    }

    #[test]
    fn setext_and_thematic_breaks() {
        let text = "Title\n=====\n\ntext\n---\n\n---\n- item\n---\n";
        assert_eq!(titles(text), vec![(1, "Title".into()), (2, "text".into())]);
    }

    #[test]
    fn comments_hide_headings() {
        let text = "<!--\n## hidden\n-->\n<!-- rolekit-disable-next-line x -->\n## shown\n";
        assert_eq!(titles(text), vec![(2, "shown".into())]);
        assert_eq!(outline(text, 0).comments.len(), 2);
    }

    #[test]
    fn crlf_lines() {
        let text = "# T\r\n\r\n## 2) Two\r\n";
        let o = outline(text, 0);
        assert_eq!(o.headings[1].number.unwrap().value, 2);
        assert_eq!(o.headings[1].title.slice(text), "Two");
    }
}

/// The outline scanner against `pulldown-cmark`: over the whole corpus, both
/// must find the same top-level headings (level and line), so the fast
/// scanner never invents or misses a section.
#[cfg(test)]
mod differential {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

    /// `(level, line start)` of headings outside lists and block quotes.
    fn reference(text: &str, body_start: usize) -> Vec<(u8, usize)> {
        let body = &text[body_start..];
        let mut depth = 0usize;
        let mut out = Vec::new();
        for (event, range) in Parser::new(body).into_offset_iter() {
            match event {
                Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_)) => depth += 1,
                Event::End(
                    pulldown_cmark::TagEnd::List(_)
                    | pulldown_cmark::TagEnd::Item
                    | pulldown_cmark::TagEnd::BlockQuote(_),
                ) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                    let level = match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        HeadingLevel::H4 => 4,
                        HeadingLevel::H5 => 5,
                        HeadingLevel::H6 => 6,
                    };
                    let line_start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
                    out.push((level, body_start + line_start));
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn outline_matches_pulldown_cmark_on_the_corpus() {
        let files = crate::test_corpus::files();
        let mut headings = 0;
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let body_start = crate::syntax::frontmatter::split(&text).map_or(0, |s| s.body_start);
            let ours: Vec<(u8, usize)> =
                super::outline(&text, body_start).headings.iter().map(|h| (h.level, h.range.start())).collect();
            let theirs = reference(&text, body_start);
            assert_eq!(ours, theirs, "{}", path.display());
            headings += ours.len();
        }
        assert!(headings > 1000, "only {headings} headings compared");
    }
}
