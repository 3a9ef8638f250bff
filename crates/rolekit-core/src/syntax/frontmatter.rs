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
    let (open_end, yaml_start) = line_at(text, start)?;
    if !is_fence(&text[start..open_end]) {
        return None;
    }
    let open = TextRange::new(start, open_end);
    // Only a line that starts with `---` can close it: those are found with
    // a vectorised search, not line by line (a frontmatter is most of what
    // the index pass reads).
    let bytes = text.as_bytes();
    let mut from = yaml_start;
    while let Some(hit) = text.get(from..).and_then(|rest| crate::text::find(rest, "---")) {
        let line_start = from + hit;
        from = line_start + 3;
        let at_line_start = line_start == yaml_start || matches!(bytes[line_start - 1], b'\n' | b'\r');
        if !at_line_start {
            continue;
        }
        let Some((line_end, next)) = line_at(text, line_start) else { break };
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

/// The line starting at `start`: where it ends (before its break: `\n`,
/// `\r\n` or a lone `\r`) and where the next one starts; `None` at the end
/// of the text.
fn line_at(text: &str, start: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if start >= bytes.len() {
        return None;
    }
    let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
    let next = match bytes.get(end) {
        None => end,
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
    };
    Some((end, next))
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
    fn only_a_whole_fence_line_closes() {
        let text = "---\na: x---\nb: |\n  ---\n----\n--- x\r--- \r\nbody";
        let s = split(text).unwrap();
        assert_eq!(s.yaml.slice(text), "a: x---\nb: |\n  ---\n----\n--- x\r");
        assert_eq!(s.close.map(|c| c.slice(text)), Some("--- "));
        assert_eq!(&text[s.body_start..], "body");
        // A lone `\r` ends a line too, and the text may end on the fence.
        let s = split("---\ra: 1\r---").unwrap();
        assert_eq!((s.close.map(|c| c.start()), s.body_start), (Some(9), 12));
    }

    #[test]
    fn empty_frontmatter_and_trailing_spaces_on_fences() {
        let text = "--- \n---\t\n# T";
        let s = split(text).unwrap();
        assert!(s.yaml.is_empty());
        assert_eq!(&text[s.body_start..], "# T");
    }
}
