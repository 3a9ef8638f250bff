//! Splits a role file into its `---`-fenced YAML frontmatter and Markdown body.

use crate::text::{TextRange, BOM};

/// Where the frontmatter and the body lie in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// The opening `---` (the line's text, without its line break).
    pub open: TextRange,
    /// The YAML between the fences (up to the end of the text when unterminated).
    pub yaml: TextRange,
    /// The closing `---`, if any.
    pub close: Option<TextRange>,
    /// Where the Markdown body starts (the end of the text when unterminated).
    pub body_start: usize,
}

/// Finds the frontmatter. `None` when the text does not start with a `---` line
/// (after an optional BOM).
pub fn split(text: &str) -> Option<Split> {
    let start = if text.starts_with(BOM) { BOM.len_utf8() } else { 0 };
    let mut lines = Lines { text, pos: start };
    let (open_start, open_end, _) = lines.next()?;
    if !is_fence(&text[open_start..open_end]) {
        return None;
    }
    let open = TextRange::new(open_start, open_end);
    let yaml_start = lines.pos;
    for (line_start, line_end, next) in lines.by_ref() {
        if is_fence(&text[line_start..line_end]) {
            return Some(Split {
                open,
                yaml: TextRange::new(yaml_start, line_start),
                close: Some(TextRange::new(line_start, line_end)),
                body_start: next,
            });
        }
    }
    Some(Split { open, yaml: TextRange::new(yaml_start, text.len()), close: None, body_start: text.len() })
}

fn is_fence(line: &str) -> bool {
    line.strip_prefix("---").is_some_and(|rest| rest.bytes().all(|b| b == b' ' || b == b'\t'))
}

/// Iterates lines as `(start, end_without_break, start_of_next_line)`.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = (usize, usize, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        let end = i;
        if i < bytes.len() {
            i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        }
        self.pos = i;
        Some((start, end, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_crlf_and_bom() {
        for text in ["---\nrole: a\n---\nbody", "\u{feff}---\r\nrole: a\r\n---\r\nbody"] {
            let s = split(text).unwrap();
            assert_eq!(s.yaml.slice(text).trim_end(), "role: a");
            assert_eq!(&text[s.body_start..], "body");
            assert_eq!(s.open.slice(text), "---");
        }
    }

    #[test]
    fn unterminated_runs_to_the_end() {
        let text = "---\nrole: a\n";
        let s = split(text).unwrap();
        assert!(s.close.is_none());
        assert_eq!(s.yaml.slice(text), "role: a\n");
        assert_eq!(s.body_start, text.len());
    }

    #[test]
    fn no_frontmatter() {
        assert!(split("# Title\n---\n").is_none());
        assert!(split("").is_none());
        assert!(split("----\n").is_none());
    }

    #[test]
    fn empty_frontmatter_and_trailing_spaces_on_fences() {
        let text = "--- \n---\t\n# T";
        let s = split(text).unwrap();
        assert!(s.yaml.is_empty());
        assert_eq!(&text[s.body_start..], "# T");
    }
}
