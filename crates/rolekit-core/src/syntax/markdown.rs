//! The block outline of the Markdown body: headings (ATX and setext), fenced
//! code blocks, HTML comments and other HTML blocks, with byte ranges.
//!
//! This is the hot path of every check, so it is a single line scan that
//! follows CommonMark's rules for the constructs that decide where sections
//! are. `pulldown-cmark` stays the reference (a dev-dependency): a
//! differential test runs both over the whole corpus and requires the same
//! headings.
//!
//! The IDE features that need full Markdown (lists for folding, every block
//! and inline span for expand selection) use [`spans`]: rolekit's own
//! CommonMark parser, written from the specification (0.31): a block pass
//! (`blocks`) and an inline pass (`inline`) that keep only the ranges of the
//! spans (the WebAssembly modules carry no Markdown crate), held to
//! pulldown-cmark by differential tests.

use crate::text::{LineIndex, TextRange};

mod blocks;
mod html;
mod inline;
mod links;
mod punctuation;
pub mod spans;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The whole heading line (for setext: the text line and its underline).
    pub range: TextRange,
    /// The heading's text, without markers and surrounding spaces.
    pub text: TextRange,
    /// A leading section number (`2.`, `2)`, `2\\.`, `2.Title`, `2 Title`), if any.
    pub number: Option<SectionNumber>,
    /// The text after the number (equal to `text` when there is none).
    pub title: TextRange,
    /// A setext heading (a text line underlined with `===` or `---`): often a
    /// paragraph followed by a thematic break, so never renumbered.
    pub setext: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionNumber {
    /// The number (saturating: `99999999999` is `u32::MAX`).
    pub value: u32,
    /// The digits only.
    pub range: TextRange,
    /// The digits, their separator and the spaces after it: what renumbering replaces.
    pub prefix: TextRange,
    /// Written `N. ` or `N) `, the forms a renumbering writes.
    pub canonical: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    /// Fenced code blocks, fences included (unclosed ones run to the end).
    pub code_blocks: Vec<TextRange>,
    /// HTML comments that start a line.
    pub comments: Vec<TextRange>,
    /// Other HTML blocks (`<div>`, `<details>`, a line that is one tag, ...):
    /// no heading inside them.
    pub html: Vec<TextRange>,
}

impl Outline {
    /// `offset` is inside a fenced code block (a binary search: blocks are sorted).
    pub fn in_code(&self, offset: usize) -> bool {
        let i = self.code_blocks.partition_point(|r| r.end() <= offset);
        self.code_blocks.get(i).is_some_and(|r| r.start() <= offset && offset < r.end())
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

/// The outline of the body starting at `body_start`. `is_title` tells a
/// known section title: `## 2 Expertise Scope` (a number followed by spaces
/// only) is numbered when the rest is a title, and `## 2024 Roadmap` is not.
pub fn outline(text: &str, body_start: usize, is_title: &dyn Fn(&str) -> bool) -> Outline {
    outline_of_lines(text, body_start, lines(text, body_start), is_title)
}

/// [`outline`] over the lines a [`LineIndex`] of `text` already found (no
/// second scan for line breaks).
pub fn outline_indexed(text: &str, index: &LineIndex, body_start: usize, is_title: &dyn Fn(&str) -> bool) -> Outline {
    outline_of_lines(text, body_start, indexed_lines(text, index, body_start), is_title)
}

/// The lines of `text` from `from` (as [`lines`] finds them), read off `index`.
pub fn indexed_lines<'a>(text: &'a str, index: &'a LineIndex, from: usize) -> impl Iterator<Item = Line> + 'a {
    index.lines_from(text, from).map(|(start, end, next)| Line { start, end, next })
}

fn outline_of_lines(
    text: &str,
    body_start: usize,
    lines: impl Iterator<Item = Line>,
    is_title: &dyn Fn(&str) -> bool,
) -> Outline {
    let mut out = Outline::default();
    let mut fence: Option<Fence> = None;
    let mut comment_start: Option<usize> = None;
    // An open HTML block: where it started and what ends it.
    let mut html: Option<(usize, HtmlEnd)> = None;
    // Start of the paragraph the previous line belongs to, for setext headings.
    let mut paragraph: Option<usize> = None;
    let mut last_end = body_start;
    for line in lines {
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
        if let Some((start, end)) = html {
            if end.ends_at(s) {
                let last = if end == HtmlEnd::BlankLine { last_line_end(text, line.start, start) } else { line.end };
                out.html.push(TextRange::new(start, last));
                html = None;
            }
            if end != HtmlEnd::BlankLine || !rest.is_empty() {
                continue;
            }
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
        if let Some(end) = html_block_start(rest, paragraph.is_some()) {
            paragraph = None;
            if end.ends_at(rest) && end != HtmlEnd::BlankLine {
                out.html.push(TextRange::new(line.start + skip, line.end));
            } else {
                html = Some((line.start + skip, end));
            }
            continue;
        }
        if let Some(h) = atx_heading(text, line, skip, is_title) {
            out.headings.push(h);
            paragraph = None;
            continue;
        }
        if let (Some(p), Some(level)) = (paragraph, setext_level(rest)) {
            let content_end = trim_end_offset(text, p, previous_line_end(text, line.start));
            let mut h = heading(text, level, TextRange::new(p, line.end), p, content_end, is_title);
            h.setext = true;
            out.headings.push(h);
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
    if let Some((start, _)) = html {
        out.html.push(TextRange::new(start, last_end.max(start)));
    }
    out
}

/// The end of the last non-blank line before `line_start` (not before `floor`).
fn last_line_end(text: &str, line_start: usize, floor: usize) -> usize {
    floor.max(trim_end_offset(text, floor, line_start.max(floor)))
}

/// What ends an HTML block (CommonMark's seven kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HtmlEnd {
    /// Kind 1: `</script>`, `</pre>`, `</style>` or `</textarea>` on a line.
    RawClose,
    /// Kind 2: `-->`.
    Comment,
    /// Kind 3: `?>`.
    Processing,
    /// Kind 4: `>`.
    Declaration,
    /// Kind 5: `]]>`.
    Cdata,
    /// Kinds 6 and 7: a blank line.
    BlankLine,
}

impl HtmlEnd {
    fn ends_at(self, line: &str) -> bool {
        match self {
            HtmlEnd::RawClose => {
                let lower = line.to_ascii_lowercase();
                ["</script>", "</pre>", "</style>", "</textarea>"].iter().any(|t| lower.contains(t))
            }
            HtmlEnd::Comment => line.contains("-->"),
            HtmlEnd::Processing => line.contains("?>"),
            HtmlEnd::Declaration => line.contains('>'),
            HtmlEnd::Cdata => line.contains("]]>"),
            HtmlEnd::BlankLine => line.trim().is_empty(),
        }
    }
}

/// Tag names that open an HTML block of kind 6 (CommonMark 0.31); the outline
/// and the block pass of `markdown/` both read it.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// The HTML block `rest` (a line without its indentation) opens, if any.
/// Comments (`<!--`) are handled by the caller. Kind 7 cannot interrupt a paragraph.
fn html_block_start(rest: &str, in_paragraph: bool) -> Option<HtmlEnd> {
    let b = rest.as_bytes();
    if b.first() != Some(&b'<') {
        return None;
    }
    let lower_starts =
        |prefix: &str| b.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()));
    let ends_name = |at: usize| matches!(b.get(at), None | Some(b' ' | b'\t' | b'>'));
    for raw in ["<script", "<pre", "<style", "<textarea"] {
        if lower_starts(raw) && ends_name(raw.len()) {
            return Some(HtmlEnd::RawClose);
        }
    }
    if rest.starts_with("<!--") {
        return Some(HtmlEnd::Comment);
    }
    if rest.starts_with("<?") {
        return Some(HtmlEnd::Processing);
    }
    if rest.starts_with("<![CDATA[") {
        return Some(HtmlEnd::Cdata);
    }
    if b.get(1).is_some_and(|c| *c == b'!') && b.get(2).is_some_and(u8::is_ascii_alphabetic) {
        return Some(HtmlEnd::Declaration);
    }
    let name_start = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    let name_len = b[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
    if name_len > 0 {
        let name = &rest[name_start..name_start + name_len];
        let after = name_start + name_len;
        let closes = matches!(b.get(after), None | Some(b' ' | b'\t' | b'>')) || rest[after..].starts_with("/>");
        if closes && BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            return Some(HtmlEnd::BlankLine);
        }
    }
    if !in_paragraph && is_complete_tag_line(rest) {
        return Some(HtmlEnd::BlankLine);
    }
    None
}

/// A whole line that is one open tag (`<Detailed timeline of execution>`)
/// or one closing tag (`</x>`), followed only by spaces: HTML block kind 7.
fn is_complete_tag_line(rest: &str) -> bool {
    let b = rest.as_bytes();
    let mut i = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        i = 2;
    }
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-') {
        i += 1;
    }
    let name = &rest[if closing { 2 } else { 1 }..i];
    if ["script", "style", "pre", "textarea"].iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return false;
    }
    let spaces = |i: &mut usize| {
        let start = *i;
        while matches!(b.get(*i), Some(b' ' | b'\t')) {
            *i += 1;
        }
        *i > start
    };
    if !closing {
        loop {
            let mut j = i;
            if !spaces(&mut j) {
                break;
            }
            // An attribute name, then an optional value.
            if !b.get(j).is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'_' | b':')) {
                break;
            }
            while b.get(j).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b':' | b'-')) {
                j += 1;
            }
            i = j;
            let mut k = i;
            spaces(&mut k);
            if b.get(k) == Some(&b'=') {
                k += 1;
                spaces(&mut k);
                match b.get(k) {
                    Some(q @ (b'"' | b'\'')) => {
                        let Some(close) = rest[k + 1..].find(*q as char) else { return false };
                        k += close + 2;
                    }
                    Some(_) => {
                        let len = b[k..]
                            .iter()
                            .take_while(|c| !matches!(c, b' ' | b'\t' | b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'))
                            .count();
                        if len == 0 {
                            return false;
                        }
                        k += len;
                    }
                    None => return false,
                }
                i = k;
            }
        }
    }
    spaces(&mut i);
    if !closing && b.get(i) == Some(&b'/') {
        i += 1;
    }
    if b.get(i) != Some(&b'>') {
        return false;
    }
    rest[i + 1..].trim().is_empty()
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
    let (ch, len) = fence_marker(rest)?;
    Some(Fence { ch, len, start: line_start })
}

/// The marker and length of the code fence `rest` (a line without its
/// indentation) opens, if any; the block pass of `markdown/` reads it too.
fn fence_marker(rest: &str) -> Option<(u8, usize)> {
    let marker = *rest.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == marker).count();
    if len < 3 || (marker == b'`' && rest[len..].contains('`')) {
        return None;
    }
    Some((marker, len))
}

fn is_closing_fence(rest: &str, fence: &Fence) -> bool {
    let len = rest.bytes().take_while(|&b| b == fence.ch).count();
    len >= fence.len && rest[len..].trim().is_empty()
}

fn atx_heading(text: &str, line: Line, skip: usize, is_title: &dyn Fn(&str) -> bool) -> Option<Heading> {
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
    Some(heading(text, level as u8, TextRange::new(line.start, line.end), start, end, is_title))
}

fn heading(
    text: &str,
    level: u8,
    range: TextRange,
    start: usize,
    end: usize,
    is_title: &dyn Fn(&str) -> bool,
) -> Heading {
    let number = section_number(&text[start..end], start, is_title);
    let title_start = number.map_or(start, |n| n.prefix.end());
    Heading {
        level,
        range,
        text: TextRange::new(start, end),
        number,
        title: TextRange::new(title_start.min(end), end),
        setext: false,
    }
}

/// A section number at the start of heading `content` (which starts at
/// `start`): digits, then `.`/`)` (canonical when a space or the end
/// follows), `\\.`, `.` glued to the title, or `:`/`-` between spaces;
/// digits followed by spaces only count when the rest is a known title.
/// `2.5 Rollout` (a decimal) is not a section number.
fn section_number(content: &str, start: usize, is_title: &dyn Fn(&str) -> bool) -> Option<SectionNumber> {
    let b = content.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let value = content[..digits].bytes().fold(0u32, |v, d| v.saturating_mul(10).saturating_add(u32::from(d - b'0')));
    let spaces_from = |i: usize| i + b[i..].iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
    let (separator_end, canonical) = match (b.get(digits), b.get(digits + 1)) {
        (Some(b'.' | b')'), None | Some(b' ' | b'\t')) => (digits + 1, true),
        (Some(b'.'), Some(c)) if c.is_ascii_digit() => return None,
        (Some(b'.'), Some(_)) => (digits + 1, false),
        (Some(b'\\'), Some(b'.')) => (digits + 2, false),
        (Some(b' ' | b'\t'), _) => {
            let after = spaces_from(digits);
            match b.get(after) {
                Some(b':' | b'-' | b'.' | b')') if matches!(b.get(after + 1), None | Some(b' ' | b'\t')) => {
                    (after + 1, false)
                }
                _ if after < b.len() && is_title(&content[after..]) => (digits, false),
                _ => return None,
            }
        }
        (Some(b':'), None | Some(b' ' | b'\t')) => (digits + 1, false),
        (None, _) => (digits, false),
        _ => return None,
    };
    let prefix_end = spaces_from(separator_end);
    Some(SectionNumber {
        value,
        range: TextRange::new(start, start + digits),
        prefix: TextRange::new(start, start + prefix_end),
        canonical: canonical && prefix_end == separator_end + usize::from(separator_end < b.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_off_the_line_index_are_the_lines_scanned() {
        let texts = ["", "a", "a\n", "a\r\nb\rc\n\n", "\r\r\n\n\r", "\u{feff}# é\r\n## x", "x\n\r\ny"];
        for text in texts {
            let index = LineIndex::new(text);
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let scanned: Vec<(usize, usize, usize)> = lines(text, from).map(|l| (l.start, l.end, l.next)).collect();
                let indexed: Vec<(usize, usize, usize)> =
                    indexed_lines(text, &index, from).map(|l| (l.start, l.end, l.next)).collect();
                assert_eq!(indexed, scanned, "{text:?} from {from}");
            }
        }
    }

    fn titles(text: &str) -> Vec<(u8, String)> {
        outline(text, 0, &|t| t == "Expertise Scope")
            .headings
            .iter()
            .map(|h| (h.level, h.text.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn atx_headings_and_numbers() {
        let text = "# Title\n\n## 1. Mission Statement ##\n   ### Sub\n    ## code\n#nope\n";
        assert_eq!(titles(text), vec![(1, "Title".into()), (2, "1. Mission Statement".into()), (3, "Sub".into())]);
        let h = &outline(text, 0, &|t| t == "Expertise Scope").headings[1];
        assert_eq!(h.number.unwrap().value, 1);
        assert_eq!(h.title.slice(text), "Mission Statement");
    }

    #[test]
    fn fences_hide_headings() {
        let text = "```md\n## not\n```\n~~~~\n## not\n~~~\n## still not\n~~~~\n## yes\n```\n## unclosed";
        assert_eq!(titles(text), vec![(2, "yes".into())]);
        assert_eq!(outline(text, 0, &|t| t == "Expertise Scope").code_blocks.len(), 3);
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
        assert_eq!(outline(text, 0, &|t| t == "Expertise Scope").comments.len(), 2);
    }

    #[test]
    fn section_numbers_in_every_form() {
        type Expected<'a> = Option<(u32, &'a str, bool)>;
        let cases: [(&str, Expected); 12] = [
            ("## 2. Expertise Scope", Some((2, "Expertise Scope", true))),
            ("## 2) Expertise Scope", Some((2, "Expertise Scope", true))),
            ("## 2 Expertise Scope", Some((2, "Expertise Scope", false))),
            ("## 2.Expertise Scope", Some((2, "Expertise Scope", false))),
            ("## 2\\. Expertise Scope", Some((2, "Expertise Scope", false))),
            ("## 2.  Expertise Scope", Some((2, "Expertise Scope", false))),
            ("## 2 - Expertise Scope", Some((2, "Expertise Scope", false))),
            ("## 99999. Expertise Scope", Some((99999, "Expertise Scope", true))),
            ("## 99999999999. X", Some((u32::MAX, "X", true))),
            ("## 2024 Roadmap", None),
            ("## 2.5 Rollout", None),
            ("## Expertise Scope", None),
        ];
        for (line, want) in cases {
            let text = format!("{line}\n");
            let o = outline(&text, 0, &|t| t == "Expertise Scope");
            let h = &o.headings[0];
            let got = h.number.map(|n| (n.value, h.title.slice(&text), n.canonical));
            assert_eq!(got, want, "{line}");
            if let Some(n) = h.number {
                assert!(n.prefix.end() == h.title.start(), "{line}");
            }
        }
    }

    #[test]
    fn html_blocks_hide_headings() {
        let text = "<div>\n\n## inside a div block? no: a blank line ends it\n\n<details>\n## hidden\n</details>\n\n<Detailed timeline of execution>\n```\n\n## shown\n\n<script>\n## hidden\n\n</script>\ntext\n<span>\n## inline tags do not interrupt a paragraph\n";
        let titles: Vec<String> =
            outline(text, 0, &|_| false).headings.iter().map(|h| h.text.slice(text).to_string()).collect();
        assert_eq!(
            titles,
            ["inside a div block? no: a blank line ends it", "shown", "inline tags do not interrupt a paragraph"]
        );
    }

    #[test]
    fn setext_headings_are_marked() {
        let text = "See the runbook.\n---\n## 1. Mission\n";
        let o = outline(text, 0, &|_| false);
        assert!(o.headings[0].setext && !o.headings[1].setext);
    }

    #[test]
    fn crlf_lines() {
        let text = "# T\r\n\r\n## 2) Two\r\n";
        let o = outline(text, 0, &|t| t == "Expertise Scope");
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

    /// Tricky constructs, each held to pulldown-cmark.
    #[test]
    fn outline_matches_pulldown_cmark_on_edge_cases() {
        let cases = [
            "<div>\n\n## after a div\n",
            "<details>\n## hidden\n</details>\n\n## shown\n",
            "<Detailed timeline of execution>\n```\n\n## after a tag line\n\n```\n## in code\n",
            "text\n<span>\n## no interrupt\n",
            "<script>\n## hidden\n\n</script>\n## shown\n",
            "<!-- a\n## hidden\n-->\n## shown\n",
            "<?php\n## hidden\n?>\n## shown\n",
            "<!DOCTYPE html>\n## shown\n",
            "<![CDATA[\n## hidden\n]]>\n## shown\n",
            "<a href=\"x\" title='y' data-x=z disabled>\n## in block\n\n## out\n",
            "</section>\n## in block\n\n## out\n",
            "<not a tag\n## shown\n",
            "See the runbook.\n---\n## 1. Mission\n",
            "  <div>\n## in\n\n## out\n",
            "    <div>\n## indented code is not html\n",
            "<<<<\u{fffd}\u{fffd}\n## after a broken tag\n",
            "<scrip\u{e9}>\n## shown\n",
        ];
        for text in cases {
            let ours: Vec<(u8, usize)> =
                super::outline(text, 0, &|_| false).headings.iter().map(|h| (h.level, h.range.start())).collect();
            assert_eq!(ours, reference(text, 0), "{text:?}");
        }
    }

    #[test]
    fn outline_matches_pulldown_cmark_on_the_corpus() {
        let files = rolekit_test_corpus::files();
        let mut headings = 0;
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let body_start = crate::syntax::frontmatter::split(&text).map_or(0, |s| s.body_start);
            let ours: Vec<(u8, usize)> = super::outline(&text, body_start, &|_| false)
                .headings
                .iter()
                .map(|h| (h.level, h.range.start()))
                .collect();
            let theirs = reference(&text, body_start);
            assert_eq!(ours, theirs, "{}", path.display());
            headings += ours.len();
        }
        // The full corpus has thousands of headings, the sample ~350.
        let min = rolekit_test_corpus::Corpus::get().pick(1000, 300);
        assert!(headings > min, "only {headings} headings compared");
    }
}
