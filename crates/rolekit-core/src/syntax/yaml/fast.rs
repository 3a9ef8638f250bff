//! A fast path for the YAML that role files are made of: block mappings and
//! sequences of plain or simply quoted one-line scalars.
//!
//! It reads the frontmatter line by line and gives up (returns `None`) on
//! anything outside that subset — flow collections, anchors, tags, block or
//! multi-line scalars, escapes, comments after flow collections, tabs, odd
//! indentation — and on anything that could be an error. (A comment after a
//! one-line scalar, `- grep # why`, is common in real files and taken.) `saphyr-parser` then parses the
//! text from scratch, so the fast path never decides what valid YAML means:
//! it only skips the general parser when the answer is obvious. A
//! differential test over the corpus holds both to the same tree.

use std::borrow::Cow;

use super::events::Ev;
use super::tree::Style;
use crate::text::TextRange;

/// A significant line: `start..end` in the source (no line break), its
/// indentation in spaces.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
    indent: usize,
}

/// Deepest nesting the fast path handles (deeper input takes the slow path).
const MAX_FAST_DEPTH: usize = 24;

/// The events of `src` (which starts at `base` in the document), if it is in the subset.
pub(crate) fn events(src: &str, base: usize) -> Option<Vec<Ev<'_>>> {
    let lines = significant_lines(src)?;
    let mut p = FastParser { src, base, lines, pos: 0, out: Vec::with_capacity(src.len() / 16) };
    if p.lines.is_empty() {
        return Some(Vec::new());
    }
    let first = p.lines[0];
    if first.indent != 0 {
        return None;
    }
    if matches!(src.as_bytes().get(first.start), Some(b'[' | b'{')) {
        // A whole frontmatter written as one flow collection.
        if p.lines.len() != 1 {
            return None;
        }
        p.value(first.start, first.end, 0)?;
        return Some(p.out);
    }
    p.block(0, 0)?;
    (p.pos == p.lines.len()).then_some(p.out)
}

fn significant_lines(src: &str) -> Option<Vec<Line>> {
    let bytes = src.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 32);
    let mut start = 0;
    while start < bytes.len() {
        let mut end = start + memchr::memchr2(b'\n', b'\r', &bytes[start..]).unwrap_or(bytes.len() - start);
        let next = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
        let line = &src[start..end];
        let indent = line.bytes().take_while(|&b| b == b' ').count();
        let rest = &line[indent..];
        if rest.starts_with('\t') || line.contains('\t') {
            return None;
        }
        let trimmed_len = line.trim_end_matches(' ').len();
        end = start + trimmed_len;
        if !(rest.trim().is_empty() || rest.starts_with('#')) {
            if rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%') {
                return None;
            }
            out.push(Line { start, end, indent });
        }
        start = next;
    }
    Some(out)
}

struct FastParser<'s> {
    src: &'s str,
    base: usize,
    lines: Vec<Line>,
    pos: usize,
    out: Vec<Ev<'s>>,
}

impl<'s> FastParser<'s> {
    fn line(&self) -> Option<Line> {
        self.lines.get(self.pos).copied()
    }

    fn text(&self, start: usize, end: usize) -> &'s str {
        &self.src[start..end]
    }

    fn at(&self, local: usize) -> usize {
        self.base + local
    }

    /// A block node whose first line is the current one, indented `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<()> {
        if depth > MAX_FAST_DEPTH {
            return None;
        }
        let line = self.line()?;
        let content = self.text(line.start + line.indent, line.end);
        if is_dash(content) {
            self.sequence(indent, depth)
        } else {
            self.mapping(line.start + indent, indent, depth)
        }
    }

    /// A block sequence whose items start with `-` at column `indent`.
    fn sequence(&mut self, indent: usize, depth: usize) -> Option<()> {
        let first = self.line()?;
        self.out.push(Ev::SequenceStart { start: self.at(first.start + indent), anchor: 0 });
        while let Some(line) = self.line() {
            if line.indent < indent {
                break;
            }
            let content = self.text(line.start + line.indent, line.end);
            if line.indent > indent {
                return None;
            }
            if !is_dash(content) {
                break; // the parent mapping's next key
            }
            let item_local = line.start + indent + 1;
            let after = &self.src[item_local..line.end];
            let spaces = after.bytes().take_while(|&b| b == b' ').count();
            if spaces == 0 {
                // `-` alone: the item is on the next lines (or empty: leave that to saphyr).
                self.pos += 1;
                match self.line() {
                    Some(next) if next.indent > indent => self.block(next.indent, depth + 1)?,
                    _ => return None,
                }
                continue;
            }
            let item_start = item_local + spaces;
            let item = &self.src[item_start..line.end];
            if is_dash(item) {
                return None; // a nested sequence on the same line
            }
            if key_len(item).is_some() {
                // A mapping whose first key sits on the dash line.
                let column = indent + 1 + spaces;
                self.mapping(item_start, column, depth + 1)?;
            } else {
                self.value(item_start, line.end, depth + 1)?;
                self.pos += 1;
                self.no_continuation(indent)?;
            }
        }
        self.out.push(Ev::End { end: 0 });
        Some(())
    }

    /// A block mapping whose keys sit at column `indent`; the first key starts
    /// at `first_key` (which may follow a `- ` on the current line).
    fn mapping(&mut self, first_key: usize, indent: usize, depth: usize) -> Option<()> {
        self.out.push(Ev::MappingStart { start: self.at(first_key), anchor: 0 });
        let mut key_start = first_key;
        loop {
            let line = self.line()?;
            let entry = &self.src[key_start..line.end];
            let klen = key_len(entry)?;
            self.out.push(Ev::Scalar {
                text: Cow::Borrowed(&entry[..klen]),
                style: Style::Plain,
                range: TextRange::new(self.at(key_start), self.at(key_start + klen)),
                anchor: 0,
                tag: None,
            });
            let colon = key_start + klen;
            let after = &self.src[colon + 1..line.end];
            let value_start = colon + 1 + after.bytes().take_while(|&b| b == b' ').count();
            self.pos += 1;
            if value_start < line.end {
                self.value(value_start, line.end, depth + 1)?;
                self.no_continuation(indent)?;
            } else {
                match self.line() {
                    Some(next) if next.indent > indent => self.block(next.indent, depth + 1)?,
                    Some(next) if next.indent == indent && is_dash(self.text(next.start + next.indent, next.end)) => {
                        self.sequence(indent, depth + 1)?
                    }
                    _ => self.out.push(Ev::Scalar {
                        text: Cow::Borrowed(""),
                        style: Style::Plain,
                        range: TextRange::empty(self.at(colon + 1)),
                        anchor: 0,
                        tag: None,
                    }),
                }
            }
            match self.line() {
                Some(next) if next.indent == indent && !is_dash(self.text(next.start + next.indent, next.end)) => {
                    key_start = next.start + indent;
                }
                Some(next) if next.indent > indent => return None,
                _ => break,
            }
        }
        self.out.push(Ev::End { end: 0 });
        Some(())
    }

    /// After a scalar, the next line must not be more indented than its
    /// parent (that would be a multi-line scalar).
    fn no_continuation(&self, indent: usize) -> Option<()> {
        match self.line() {
            Some(next) if next.indent > indent => None,
            _ => Some(()),
        }
    }

    /// The inline value at `start..end`: a one-line flow collection or a scalar.
    fn value(&mut self, start: usize, end: usize, depth: usize) -> Option<()> {
        match self.src.as_bytes().get(start) {
            Some(b'[' | b'{') => {
                let mut p = start;
                self.flow_node(&mut p, end, depth)?;
                (p == end).then_some(())
            }
            // A comment after a block scalar (`- grep # why`) ends it; the
            // scalar's range stops before the spaces in front of it, as
            // saphyr's (corrected) does. A ` #` inside quotes cuts the
            // closing quote off, so that scalar is declined.
            _ => match comment_at(&self.src[start..end]) {
                Some(at) => self.scalar(start, start + self.src[start..start + at].trim_end_matches(' ').len()),
                None => self.scalar(start, end),
            },
        }
    }

    fn skip_spaces(&self, p: &mut usize, end: usize) {
        while *p < end && self.src.as_bytes()[*p] == b' ' {
            *p += 1;
        }
    }

    /// A flow collection or scalar at `*p` on one line (up to `end`): `[a, "b", [c]]`,
    /// `{k: v, "q": [x]}`. Declines trailing commas, keys without values,
    /// `:` inside plain scalars, comments and anything else unusual.
    fn flow_node(&mut self, p: &mut usize, end: usize, depth: usize) -> Option<()> {
        if depth > MAX_FAST_DEPTH {
            return None;
        }
        let bytes = self.src.as_bytes();
        let open = *bytes.get(*p).filter(|_| *p < end)?;
        let (close, mapping) = match open {
            b'[' => (b']', false),
            b'{' => (b'}', true),
            _ => return self.flow_scalar(p, end, false),
        };
        let start = self.at(*p);
        self.out.push(if mapping {
            Ev::MappingStart { start, anchor: 0 }
        } else {
            Ev::SequenceStart { start, anchor: 0 }
        });
        *p += 1;
        self.skip_spaces(p, end);
        if bytes.get(*p) == Some(&close) && *p < end {
            *p += 1;
            self.out.push(Ev::End { end: self.at(*p) });
            return Some(());
        }
        loop {
            if mapping {
                self.flow_scalar(p, end, true)?;
                // `key: value`: the colon right after the key, then a space.
                if bytes.get(*p) != Some(&b':') || bytes.get(*p + 1) != Some(&b' ') {
                    return None;
                }
                *p += 1;
                self.skip_spaces(p, end);
            }
            self.flow_node(p, end, depth + 1)?;
            self.skip_spaces(p, end);
            match bytes.get(*p).filter(|_| *p < end) {
                Some(b',') => {
                    *p += 1;
                    self.skip_spaces(p, end);
                    if matches!(bytes.get(*p), Some(b']' | b'}' | b',')) || *p >= end {
                        return None;
                    }
                }
                Some(&c) if c == close => {
                    *p += 1;
                    self.out.push(Ev::End { end: self.at(*p) });
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A scalar inside a flow collection, ending before `,`, `]`, `}` (or
    /// `:` after a key); quoted ones as in block context.
    fn flow_scalar(&mut self, p: &mut usize, end: usize, key: bool) -> Option<()> {
        let bytes = self.src.as_bytes();
        let start = *p;
        let first = *bytes.get(start).filter(|_| start < end)?;
        if first == b'"' || first == b'\'' {
            let close = self.src[start + 1..end].find(first as char)? + start + 1;
            *p = close + 1;
            return self.scalar(start, close + 1);
        }
        let stop = self.src[start..end].find([',', ']', '}', ':', '[', '{', '#', '"', '\'']).map_or(end, |i| start + i);
        if stop == end || !matches!(bytes[stop], b',' | b']' | b'}' | b':') || (bytes[stop] == b':') != key {
            return None;
        }
        let trimmed = start + self.src[start..stop].trim_end_matches(' ').len();
        if trimmed == start {
            return None;
        }
        *p = stop;
        self.scalar(start, trimmed)
    }

    /// A one-line scalar at `start..end` (end already free of trailing spaces).
    fn scalar(&mut self, start: usize, end: usize) -> Option<()> {
        let s = &self.src[start..end];
        let first = *s.as_bytes().first()?;
        let range = TextRange::new(self.at(start), self.at(end));
        let (text, style) = match first {
            b'"' => {
                let inner = s.strip_prefix('"')?.strip_suffix('"')?;
                if inner.contains(['"', '\\']) {
                    return None;
                }
                (inner, Style::DoubleQuoted)
            }
            b'\'' => {
                let inner = s.strip_prefix('\'')?.strip_suffix('\'')?;
                if inner.contains('\'') {
                    return None;
                }
                (inner, Style::SingleQuoted)
            }
            b'[' | b']' | b'{' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' => {
                return None
            }
            b'-' | b'?' | b':' if s.len() == 1 || s.as_bytes().get(1) == Some(&b' ') => return None,
            _ => {
                if breaks_plain(s) || s.ends_with(':') {
                    return None;
                }
                (s, Style::Plain)
            }
        };
        self.out.push(Ev::Scalar { text: Cow::Borrowed(text), style, range, anchor: 0, tag: None });
        Some(())
    }
}

/// Where ` #` (a comment after a value) starts in `s`: the space's offset.
fn comment_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'#', b).find(|&i| i > 0 && b[i - 1] == b' ').map(|i| i - 1)
}

/// Whether the plain scalar `s` holds `: ` or ` #`, which YAML reads as a
/// key or a comment (one scan for both; most scalars hold neither byte).
fn breaks_plain(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(b':', b'#', b).any(|i| match b[i] {
        b':' => b.get(i + 1) == Some(&b' '),
        _ => i > 0 && b[i - 1] == b' ',
    })
}

fn is_dash(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// The length of a simple key followed by `:` and a space or the line's end.
fn key_len(entry: &str) -> Option<usize> {
    let len = entry.bytes().take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')).count();
    if len == 0 || entry.as_bytes()[0] == b'-' {
        return None;
    }
    match entry.as_bytes().get(len) {
        Some(b':') if matches!(entry.as_bytes().get(len + 1), None | Some(b' ')) => Some(len),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, parse_slow};
    use crate::text::TextRange;

    /// The fast path either declines or builds exactly saphyr's tree. (A
    /// frontmatter saphyr rejects and the lenient reading of too-shallow flow
    /// collections accepts differs from saphyr by design, after the fast path
    /// declined it.)
    pub(crate) fn assert_same(src: &str) -> bool {
        let range = TextRange::new(0, src.len());
        let took_fast = super::events(src, 0).is_some();
        let tree = parse(src, range);
        let slow = parse_slow(src, range);
        // The lenient reading applies only where saphyr failed, and succeeds.
        let lenient = slow.error.is_some() && tree.error.is_none();
        if took_fast || !lenient {
            assert_eq!(tree, slow, "fast path differs on:\n{src}");
        }
        took_fast
    }

    #[test]
    fn simple_block_yaml_takes_the_fast_path() {
        for src in [
            "role: qa\nversion: 1.0.0\n",
            "a:\n  b: 1\n  c:\n    - x\n    - y\nd: \"q\"\ne: 'z'\nf:\n",
            "constraints:\n  - requires_approval_for:\n    - delete_files\n  - forbidden_paths:\n      - .ai/\n",
            "list:\n- a\n- b\nnext: 1\n",
            "a: 1\r\nb:\r\n  - x\r\n",
            "k: Don't \"quote\" `me`\n# comment\n\nz: é漢🎯\n",
            "a: 1\na: 2\n",
            "- a\n- b\n",
            "",
            "a: [1, 2]\n",
            "a: []\nb: {}\nc: [x, [y, z], {k: v}]\n",
            "tools: ['read', \"write\", edit]\n",
            "- [a, b]\n- {k: v, q: \"w\"}\n",
            "{role: qa, version: 1.0.0, extra: v}\n",
            "a: x # comment\n",
            "tools:\n  - grep # why\n  - run   #  it: runs\nb: 'q' # c\nc: \"d\" #\n",
            "a: x # c\r\nb: y\r\n",
        ] {
            assert!(assert_same(src), "expected the fast path for:\n{src}");
        }
    }

    #[test]
    fn everything_else_falls_back_and_agrees() {
        for src in [
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "a: multi\n  line\n",
            "a: b: c\n",
            "a: \"x #y\" # c\n",
            "a: x # c\n  more\n",
            "a: b: c # d\n",
            "a: \"esc\\n\"\n",
            "\ta: 1\n",
            "a:\n  - b\n c: 1\n",
            "a: 1\n  b: 2\n",
            "? a\n: b\n",
            "a:\n-\n",
            "a: [1, 2\n",
            "\"quoted key\": 1\n",
            "a: 'it''s'\n",
            "a: [1, 2,]\n",
            "a: [1,\n  2]\n",
            "a: {k}\n",
            "a: {k: }\n",
            "a: [http://x]\n",
            "a: [x] # c\n",
            "a: [x, y]z\n",
            "a: [\"x\\\"y\"]\n",
            "a: {k:v}\n",
        ] {
            assert!(!assert_same(src), "expected the slow path for:\n{src}");
        }
    }

    /// Random one-line flow collections (nested, quoted, spaced, some
    /// broken): the fast path takes the well-formed ones and agrees with saphyr.
    #[test]
    fn random_flow_collections_agree_with_saphyr() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        fn node(next: &mut dyn FnMut(u64) -> u64, depth: u32, out: &mut String) {
            let scalars = ["a", "b c", "'q'", "\"d q\"", "12", "true", "x-y", "é漢", "~", "''", "k.v"];
            let pieces = [", ", ",", " , ", "  ,  "];
            match next(if depth > 3 { 1 } else { 4 }) {
                0 => out.push_str(scalars[next(scalars.len() as u64) as usize]),
                1 | 2 => {
                    out.push('[');
                    for i in 0..next(4) {
                        if i > 0 {
                            out.push_str(pieces[next(4) as usize]);
                        }
                        node(next, depth + 1, out);
                    }
                    out.push(']');
                }
                _ => {
                    out.push('{');
                    for i in 0..next(4) {
                        if i > 0 {
                            out.push_str(pieces[next(4) as usize]);
                        }
                        out.push_str(["k", "\"q k\"", "x"][next(3) as usize]);
                        out.push_str(": ");
                        node(next, depth + 1, out);
                    }
                    out.push('}');
                }
            }
        }
        let breakers = ["", "", "", ",", "]", " # c", ":", "{"];
        let mut fast = 0;
        for _ in 0..3000 {
            let mut src = String::from("a: ");
            node(&mut next, 0, &mut src);
            src.push_str(breakers[next(breakers.len() as u64) as usize]);
            src.push('\n');
            fast += usize::from(assert_same(&src));
        }
        assert!(fast > 1000, "only {fast} took the fast path");
    }

    /// Every frontmatter of the corpus, as written, with CRLF line breaks, and
    /// with each line cut in half (the half-typed text an editor sees).
    #[test]
    fn corpus_frontmatters_agree_with_saphyr() {
        let files = rolekit_test_corpus::files();
        let (mut fast, mut total) = (0, 0);
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let Some(split) = crate::syntax::frontmatter::split(&text) else { continue };
            let src = split.yaml.slice(&text).to_string();
            total += 1;
            fast += usize::from(assert_same(&src));
            assert_same(&src.replace('\n', "\r\n"));
            // Half-typed variants of the current role files (the rest are older copies).
            if !path.to_string_lossy().contains("valora/agents") {
                continue;
            }
            let lines: Vec<&str> = src.split_inclusive('\n').collect();
            for i in 0..lines.len() {
                let mut cut = String::new();
                for (j, l) in lines.iter().enumerate() {
                    if i == j {
                        let mut half = l.len() / 2;
                        while !l.is_char_boundary(half) {
                            half -= 1;
                        }
                        cut.push_str(&l[..half]);
                        cut.push('\n');
                    } else {
                        cut.push_str(l);
                    }
                }
                assert_same(&cut);
            }
        }
        eprintln!("{fast} of {total} frontmatters took the fast path");
        // Real role files are plain block YAML: nearly all take the fast path.
        assert!(fast * 10 >= total * 7, "only {fast} of {total} frontmatters took the fast path");
    }
}

#[cfg(test)]
mod seed {
    #[test]
    fn the_seed_takes_the_fast_path() {
        let text = include_str!("../../../tests/fixtures/platform-engineer.md");
        let split = crate::syntax::frontmatter::split(text).unwrap_or_else(|| panic!("seed has frontmatter"));
        assert!(super::events(split.yaml.slice(text), split.yaml.start()).is_some());
    }
}
