//! HTML in Markdown: the start and end conditions of HTML blocks, raw HTML
//! and autolinks in inline content (CommonMark 0.31, sections 4.6, 6.5, 6.6).

/// How an HTML block ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum BlockEnd {
    /// A line containing this closing tag (lowercase; matched case-insensitively).
    Tag(&'static str),
    /// A line containing this text.
    Text(&'static str),
    /// A blank line (not part of the block).
    Blank,
}

impl BlockEnd {
    /// The condition holds on `line`.
    pub(super) fn is_met(self, line: &str) -> bool {
        match self {
            BlockEnd::Tag(tag) => line.to_ascii_lowercase().contains(tag),
            BlockEnd::Text(text) => line.contains(text),
            BlockEnd::Blank => false,
        }
    }
}

/// The HTML block starting at `rest` (after the indentation), if any;
/// `in_paragraph`: condition 7 cannot interrupt a paragraph.
pub(super) fn block_start(rest: &str, in_paragraph: bool) -> Option<BlockEnd> {
    let bytes = rest.as_bytes();
    if bytes.first() != Some(&b'<') {
        return None;
    }
    let after = &rest[1..];
    for (tag, end) in [("script", "</script>"), ("pre", "</pre>"), ("style", "</style>"), ("textarea", "</textarea>")] {
        if starts_with_ignore_case(after, tag)
            && after.as_bytes().get(tag.len()).is_none_or(|&b| matches!(b, b' ' | b'\t' | b'>'))
        {
            return Some(BlockEnd::Tag(end));
        }
    }
    if after.starts_with("!--") {
        return Some(BlockEnd::Text("-->"));
    }
    if after.starts_with('?') {
        return Some(BlockEnd::Text("?>"));
    }
    if after.starts_with("![CDATA[") {
        return Some(BlockEnd::Text("]]>"));
    }
    if after.starts_with('!') && after.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
        return Some(BlockEnd::Text(">"));
    }
    let name_start = usize::from(after.starts_with('/'));
    let name_len = after[name_start..].bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &after[name_start..name_start + name_len];
    if super::BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        let tail = &after[name_start + name_len..];
        if tail.is_empty() || tail.starts_with([' ', '\t', '>']) || tail.starts_with("/>") {
            return Some(BlockEnd::Blank);
        }
    }
    if !in_paragraph {
        let len = if name_start == 1 { closing_tag(rest) } else { open_tag(rest) };
        if len.is_some_and(|n| rest[n..].bytes().all(|b| b == b' ' || b == b'\t')) {
            return Some(BlockEnd::Blank);
        }
    }
    None
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The length of whitespace (at most one line ending) at the start of `s`.
fn spaces(s: &[u8]) -> usize {
    let mut i = 0;
    let mut newlines = 0;
    while i < s.len() && is_space(s[i]) {
        if s[i] == b'\n' || (s[i] == b'\r' && s.get(i + 1) != Some(&b'\n')) {
            newlines += 1;
            if newlines > 1 {
                break;
            }
        }
        i += 1;
    }
    i
}

/// The length of a tag name at the start of `s`.
fn tag_name(s: &[u8]) -> usize {
    if !s.first().is_some_and(u8::is_ascii_alphabetic) {
        return 0;
    }
    s.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count()
}

/// The length of an open tag at the start of `s` (`<name attr="v" ...>`).
pub(super) fn open_tag(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 1 + tag_name(b.get(1..)?);
    if i == 1 {
        return None;
    }
    loop {
        let ws = spaces(&b[i..]);
        let j = i + ws;
        match b.get(j)? {
            b'>' => return Some(j + 1),
            b'/' => return (b.get(j + 1) == Some(&b'>')).then_some(j + 2),
            _ if ws == 0 => return None,
            _ => {}
        }
        // An attribute: a name, then maybe a value.
        let first = b[j];
        if !(first.is_ascii_alphabetic() || first == b'_' || first == b':') {
            return None;
        }
        let mut k = j + b[j..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b':' | b'-'))
            .count();
        let before_eq = k + spaces(&b[k..]);
        if b.get(before_eq) == Some(&b'=') {
            let v = before_eq + 1 + spaces(&b[before_eq + 1..]);
            match b.get(v)? {
                q @ (b'"' | b'\'') => {
                    let close = b[v + 1..].iter().position(|c| c == q)?;
                    k = v + 1 + close + 1;
                }
                _ => {
                    let n = b[v..]
                        .iter()
                        .take_while(|c| !is_space(**c) && !matches!(c, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'))
                        .count();
                    if n == 0 {
                        return None;
                    }
                    k = v + n;
                }
            }
        }
        i = k;
    }
}

/// The length of a closing tag at the start of `s` (`</name >`).
pub(super) fn closing_tag(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.get(1) != Some(&b'/') {
        return None;
    }
    let n = tag_name(b.get(2..)?);
    if n == 0 {
        return None;
    }
    let j = 2 + n + spaces(&b[2 + n..]);
    (b.get(j) == Some(&b'>')).then_some(j + 1)
}

/// Where a search for a terminator last looked: searches from later
/// positions reuse it, so that repeated openers stay linear.
#[derive(Default, Clone, Copy)]
struct Search {
    from: usize,
    found: Option<usize>,
    done: bool,
}

impl Search {
    fn find(&mut self, text: &str, from: usize, needle: &str) -> Option<usize> {
        if self.done && self.from <= from && self.found.is_none_or(|f| f >= from) {
            return self.found;
        }
        let found = text.get(from..).and_then(|t| t.find(needle)).map(|i| from + i);
        *self = Search { from, found, done: true };
        found
    }
}

/// Raw HTML and autolinks in one paragraph's inline text.
#[derive(Default)]
pub(super) struct Inline {
    comment: Search,
    processing: Search,
    declaration: Search,
    cdata: Search,
}

impl Inline {
    /// The end of raw HTML starting with the `<` at `pos`.
    pub(super) fn raw_html(&mut self, text: &str, pos: usize) -> Option<usize> {
        let s = &text[pos..];
        let after = &s[1..];
        if let Some(body) = after.strip_prefix("!--") {
            if body.starts_with('>') {
                return Some(pos + 5);
            }
            if body.starts_with("->") {
                return Some(pos + 6);
            }
            return self.comment.find(text, pos + 4, "-->").map(|i| i + 3);
        }
        if after.starts_with('?') {
            return self.processing.find(text, pos + 2, "?>").map(|i| i + 2);
        }
        if after.starts_with("![CDATA[") {
            return self.cdata.find(text, pos + 9, "]]>").map(|i| i + 3);
        }
        if after.starts_with('!') && after.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
            return self.declaration.find(text, pos + 2, ">").map(|i| i + 1);
        }
        let len = if after.starts_with('/') { closing_tag(s) } else { open_tag(s) };
        len.map(|n| pos + n)
    }
}

/// The length of an autolink (`<scheme:...>` or `<user@host>`) at the start of `s`.
pub(super) fn autolink(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    // A URI.
    let scheme = b[1..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')).count();
    if (2..=32).contains(&scheme) && b[1].is_ascii_alphabetic() && b.get(1 + scheme) == Some(&b':') {
        let rest = &b[2 + scheme..];
        let n = rest.iter().take_while(|&&c| c > b' ' && c != b'<' && c != b'>').count();
        return (rest.get(n) == Some(&b'>')).then_some(2 + scheme + n + 1);
    }
    // An email address.
    let user = b[1..].iter().take_while(|c| c.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(c)).count();
    if user == 0 || b.get(1 + user) != Some(&b'@') {
        return None;
    }
    let mut i = 2 + user;
    loop {
        let label = b[i..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        if label == 0 || label > 63 || b[i] == b'-' || b[i + label - 1] == b'-' {
            return None;
        }
        i += label;
        match b.get(i)? {
            b'.' => i += 1,
            b'>' => return Some(i + 1),
            _ => return None,
        }
    }
}
