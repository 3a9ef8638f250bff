//! The cheap read of the start of a file that decides what it is: its
//! frontmatter's top-level keys with their one-line values (and where those
//! values are), and how many of its values are unfilled placeholders. Line
//! by line, no YAML parse: this runs on every Markdown file of a tree, and
//! on half-typed or broken YAML too.

use crate::text::{TextRange, BOM};

/// A top-level `key: value` line of the frontmatter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopKey<'a> {
    pub key: &'a str,
    /// The value written on the key's line, unquoted, and its byte range in
    /// the text (quotes excluded); `None` for an empty value, a block that
    /// follows on the next lines, or a flow collection.
    pub value: Option<(&'a str, TextRange)>,
}

/// What the start of a file says about its frontmatter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head<'a> {
    /// Top-level keys in order, each once (at most 256).
    pub keys: Vec<TopKey<'a>>,
    /// Values (scalars and list items, at any depth) counted.
    pub leaves: usize,
    /// Of those, unfilled: empty (`key:` with nothing under it, a bare `-`)
    /// or a placeholder such as `<...>` or `<name>`.
    pub placeholders: usize,
    /// The closing `---` was seen.
    pub closed: bool,
}

impl<'a> Head<'a> {
    /// The one-line value of the top-level `key`.
    pub fn value(&self, key: &str) -> Option<&'a str> {
        self.keys.iter().find(|k| k.key == key).and_then(|k| k.value.map(|(v, _)| v))
    }

    /// The value of `key` with its range.
    pub fn value_at(&self, key: &str) -> Option<(&'a str, TextRange)> {
        self.keys.iter().find(|k| k.key == key).and_then(|k| k.value)
    }

    pub fn has(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k.key == key)
    }

    /// Mostly unfilled: a template (valora's `_template.md`, or a copy of one
    /// under another name), whose placeholders are not errors.
    pub fn is_template(&self) -> bool {
        self.placeholders >= 3 && self.placeholders * 2 >= self.leaves
    }
}

/// Reads the frontmatter at the start of `text` (its first
/// [`HEAD_BYTES`](super::HEAD_BYTES) or all of it). `None` when the text does
/// not open with a `---` fence.
pub fn read(text: &str) -> Option<Head<'_>> {
    let offset = if text.starts_with(BOM) { BOM.len_utf8() } else { 0 };
    let body = &text[offset..];
    if !body.contains('\n') {
        return None;
    }
    let mut lines = Lines { text, pos: offset };
    let (_, first) = lines.next()?;
    if !is_fence(first) {
        return None;
    }
    let mut head = Head::default();
    // (indentation, line) of the previous non-blank, non-comment line, when it was `key:` with nothing after it.
    let mut pending_empty: Option<usize> = None;
    for (start, line) in lines.by_ref() {
        if is_fence(line) {
            head.closed = true;
            break;
        }
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(key_indent) = pending_empty.take() {
            // `key:` followed by something deeper (or a list at the same
            // indentation) has a block value; otherwise it was empty.
            let opens_block = indent > key_indent || (indent == key_indent && is_dash(trimmed));
            if !opens_block {
                head.leaves += 1;
                head.placeholders += 1;
            }
        }
        // Walk `- - key: value` prefixes: each dash opens an item.
        let mut rest = trimmed;
        let mut col = indent;
        while is_dash(rest) {
            let after = rest[1..].trim_start_matches([' ', '\t']);
            col += rest.len() - after.len();
            rest = after;
        }
        if rest.is_empty() {
            // A bare `-`: an empty list item.
            head.leaves += 1;
            head.placeholders += 1;
            continue;
        }
        match key_and_value(rest) {
            Some((key, value)) => {
                let value_start = start + (line.len() - rest.len()) + (rest.len() - value.len());
                if indent == 0 && rest.len() == line.len() && head.keys.len() < 256 && !head.has(key) {
                    head.keys.push(TopKey { key, value: scalar(value, value_start) });
                }
                let v = value.trim_end();
                if v.is_empty() || v.starts_with('#') {
                    pending_empty = Some(col);
                } else if !matches!(v.as_bytes()[0], b'|' | b'>') {
                    head.leaves += 1;
                    if is_placeholder(v) {
                        head.placeholders += 1;
                    }
                }
            }
            None => {
                head.leaves += 1;
                if is_placeholder(rest.trim_end()) {
                    head.placeholders += 1;
                }
            }
        }
    }
    if pending_empty.is_some() {
        head.leaves += 1;
        head.placeholders += 1;
    }
    Some(head)
}

/// Lines of `text` from `pos`, with their start offsets, `\r` stripped.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], start + i + 1),
            None => (rest, self.text.len()),
        };
        self.pos = next;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

fn is_fence(line: &str) -> bool {
    line.strip_prefix("---").is_some_and(|rest| rest.bytes().all(|b| b == b' ' || b == b'\t'))
}

fn is_dash(s: &str) -> bool {
    s == "-" || s.starts_with("- ") || s.starts_with("-\t")
}

/// `key` and what follows its `:` on a `key: value` line (quoted keys too).
fn key_and_value(line: &str) -> Option<(&str, &str)> {
    let first = *line.as_bytes().first()?;
    let (key, rest) = match first {
        b'"' | b'\'' => {
            let close = line[1..].find(first as char)? + 1;
            (&line[1..close], &line[close + 1..])
        }
        b'#' | b'[' | b'{' | b'?' | b':' | b'&' | b'*' | b'!' | b'|' | b'>' => return None,
        _ => {
            let colon = find_key_colon(line)?;
            (line[..colon].trim_end(), &line[colon..])
        }
    };
    let after = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((key, after.trim_start_matches([' ', '\t'])))
}

/// The `:` that ends a plain key: the first one followed by a space or the
/// line's end (`http://x` inside a value is not it).
fn find_key_colon(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')))
}

/// A one-line scalar value, unquoted, with its range; `None` for an empty
/// value, a block scalar, a flow collection, an alias or an anchor.
fn scalar(value: &str, start: usize) -> Option<(&str, TextRange)> {
    let v = strip_comment(value).trim_end_matches([' ', '\t']);
    let first = *v.as_bytes().first()?;
    match first {
        b'"' | b'\'' => {
            let inner = v[1..].strip_suffix(first as char)?;
            (!inner.contains(first as char) || first == b'\'')
                .then_some((inner, TextRange::new(start + 1, start + 1 + inner.len())))
        }
        b'|' | b'>' | b'[' | b'{' | b'&' | b'*' | b'!' => None,
        _ => Some((v, TextRange::new(start, start + v.len()))),
    }
}

/// `value` without a trailing ` # comment`.
fn strip_comment(value: &str) -> &str {
    if value.starts_with(['"', '\'']) {
        return value;
    }
    let bytes = value.as_bytes();
    match (1..bytes.len()).find(|&i| bytes[i] == b'#' && matches!(bytes[i - 1], b' ' | b'\t')) {
        Some(i) => &value[..i],
        None => value,
    }
}

/// A value nobody filled in: `<...>`, `<name>`, `[TODO]`, `TODO`, `TBD`.
fn is_placeholder(v: &str) -> bool {
    let v = v.trim_matches(['"', '\'']);
    let angle = v.contains('<') && v.contains('>') && v.find('<') < v.rfind('>');
    angle && !v.contains(' ') || matches!(v, "TODO" | "TBD" | "[TODO]" | "..." | "// TO COMPLETE")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_values_and_ranges() {
        let text = "\u{feff}---\r\nrole: qa # the role\r\n\"version\": '1.0.0'\r\nlist:\r\n  - a\r\nurl: http://x:1\r\n---\r\n";
        let head = read(text).unwrap();
        assert!(head.closed);
        let keys: Vec<&str> = head.keys.iter().map(|k| k.key).collect();
        assert_eq!(keys, ["role", "version", "list", "url"]);
        let (role, at) = head.value_at("role").unwrap();
        assert_eq!((role, at.slice(text)), ("qa", "qa"));
        let (v, at) = head.value_at("version").unwrap();
        assert_eq!((v, at.slice(text)), ("1.0.0", "1.0.0"));
        assert_eq!(head.value("list"), None);
        assert_eq!(head.value("url"), Some("http://x:1"));
        assert!(!head.is_template());
    }

    #[test]
    fn templates_are_mostly_unfilled() {
        let role = "---\nrole:\nversion:\ndescription:\nexpertise:\n  -\ncapabilities:\n  can_write_code:\n---\n";
        assert!(read(role).unwrap().is_template());
        let prompt = "---\nid: generator.<...>\nversion: 1.0.0\ncategory: generator\nname:\ndescription:\ntags:\n  - \ninputs:\n  - name:\n    type\n---\n";
        assert!(read(prompt).unwrap().is_template());
        let half = "---\nrole: qa\nversion: 1.0.0\ndescription: QA engineer\ntone:\nexpertise:\n  - Testing\n  - Automation\n---\n";
        assert!(!read(half).unwrap().is_template(), "one empty value in a filled role");
        let nested = "---\nconstraints:\n  - requires_approval_for:\n      - commit\nx:\n- a\n---\n";
        let h = read(nested).unwrap();
        assert_eq!(h.placeholders, 0, "{h:?}");
    }

    #[test]
    fn no_frontmatter() {
        assert!(read("# Title\nrole: x\n").is_none());
        assert!(read("---").is_none());
        assert!(read("").is_none());
    }
}
