//! Flow collections whose lines are not indented past their key, which
//! valora's YAML reader (js-yaml) accepts and YAML 1.2 does not:
//!
//! ```yaml
//! model_requirements:
//!   recommended: [
//!     claude-sonnet-4.6
//!   ]                  # at the indentation of `recommended`
//! ```
//!
//! When the strict parse fails, each multi-line flow collection is read as
//! if written on one line: its line breaks become spaces in a copy of the
//! frontmatter of the same length, so every range still points at the
//! original text. Inside a flow collection a line break is only a separator
//! (plain scalars fold it to a space too), so the values are the same; a
//! collection holding a comment or a quoted scalar broken across lines,
//! where a line break means something else, is left alone. The parse is
//! accepted only when it then succeeds, and the collections whose
//! indentation was the problem are reported (`yaml-flow-indent`, a warning
//! with a fix that indents them).

use crate::text::TextRange;

/// A flow collection read leniently: its whole range (bracket to bracket),
/// the column of the key that holds it, and the continuation lines indented
/// too little (their start offsets, each with the indentation it needs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LenientFlow {
    pub range: TextRange,
    /// The column of the key: content lines need more, a line that starts
    /// with the closing bracket at least this (as YAML parsers accept).
    pub key_column: usize,
    /// (line start, indentation it has, indentation it needs).
    pub shallow_lines: Vec<(usize, usize, usize)>,
}

/// `src` (the frontmatter, at `base` in the document) with the line breaks
/// of its multi-line flow collections replaced by spaces, and the
/// collections whose continuation lines are not indented past their key.
/// `None` when there is no multi-line collection or one cannot be joined
/// safely.
///
/// A collection whose lines are all deep enough is joined too, unreported:
/// `saphyr` rejects some closing brackets at their key's column (after a
/// quoted item, in a nested mapping) that js-yaml, PyYAML and `saphyr`
/// itself elsewhere accept, and joining reads them as those readers do.
pub fn join_flows(src: &str, base: usize) -> Option<(String, Vec<LenientFlow>)> {
    let bytes = src.as_bytes();
    let mut out = bytes.to_vec();
    let mut flows = Vec::new();
    let mut joined = false;
    let mut i = 0;
    // Indentation of the current line and the column where its value part starts.
    let mut line_start = 0;
    // A block scalar (`|`, `>`) running while lines are indented more than this.
    let mut block_scalar: Option<usize> = None;
    while i < bytes.len() {
        // At the start of a line: skip block-scalar content.
        if i == line_start {
            let indent = bytes[i..].iter().take_while(|&&b| b == b' ').count();
            let blank = matches!(bytes.get(i + indent), None | Some(b'\n' | b'\r'));
            if let Some(key_indent) = block_scalar {
                if blank || indent > key_indent {
                    i = next_line(bytes, i);
                    line_start = i;
                    continue;
                }
                block_scalar = None;
            }
        }
        match bytes[i] {
            b'\n' => {
                i += 1;
                line_start = i;
            }
            b'#' if i == line_start || matches!(bytes[i - 1], b' ' | b'\t') => {
                i = next_line(bytes, i);
                line_start = i;
            }
            b'"' | b'\'' if starts_token(bytes, i, line_start) => {
                i = skip_quoted(bytes, i)?;
            }
            b'|' | b'>' if starts_token(bytes, i, line_start) && rest_is_block_header(bytes, i) => {
                block_scalar = Some(key_column(bytes, line_start));
                i = next_line(bytes, i);
                line_start = i;
            }
            b'[' | b'{' if starts_token(bytes, i, line_start) => {
                let key = key_column(bytes, line_start);
                let (end, shallow, multiline) = scan_flow(bytes, i, key, &mut out)?;
                joined |= multiline;
                if multiline && !shallow.is_empty() {
                    flows.push(LenientFlow {
                        range: TextRange::new(base + i, base + end),
                        key_column: key,
                        shallow_lines: shallow.into_iter().map(|(s, has, needs)| (base + s, has, needs)).collect(),
                    });
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    if !joined {
        return None;
    }
    String::from_utf8(out).ok().map(|s| (s, flows))
}

fn next_line(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |n| from + n + 1)
}

/// `bytes[i]` begins a token: at the line's first non-space, or after `: `,
/// `- `, `[`, `{`, `,` and spaces.
fn starts_token(bytes: &[u8], i: usize, line_start: usize) -> bool {
    let before = &bytes[line_start..i];
    let trimmed: Vec<u8> = before.iter().rev().skip_while(|&&b| b == b' ' || b == b'\t').copied().collect();
    match trimmed.first() {
        None => true,
        Some(b':' | b'-' | b'[' | b'{' | b',') => before.last().is_some_and(|&b| b == b' ' || b == b'\t'),
        _ => false,
    }
}

/// `|` or `>` with only indicators and a comment after it: a block scalar header.
fn rest_is_block_header(bytes: &[u8], i: usize) -> bool {
    let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
    let rest = &bytes[i + 1..end];
    let rest = rest.strip_suffix(b"\r").unwrap_or(rest);
    let body: Vec<u8> = rest.iter().copied().take_while(|&b| b != b'#').collect();
    body.iter().all(|&b| matches!(b, b'+' | b'-' | b'1'..=b'9' | b' ' | b'\t'))
}

/// The column of the key the line's value belongs to: its indentation plus
/// any `- ` item markers.
fn key_column(bytes: &[u8], line_start: usize) -> usize {
    let mut col = 0;
    let line = &bytes[line_start..];
    loop {
        match line.get(col) {
            Some(b' ') => col += 1,
            Some(b'-') if matches!(line.get(col + 1), Some(b' ')) => col += 2,
            _ => return col,
        }
    }
}

/// Skips a quoted scalar at depth 0; `None` if it never closes.
fn skip_quoted(bytes: &[u8], open: usize) -> Option<usize> {
    let q = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if q == b'"' => i += 2,
            b'\'' if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == q => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A continuation line that is indented too little: (start, has, needs).
type Shallow = (usize, usize, usize);

/// Scans the flow collection opening at `open`, replacing its line breaks in
/// `out` with spaces. Returns its end (after the closing bracket), the
/// continuation lines indented too little for a key at `key` (content lines
/// need more than `key`, a closing-bracket line at least `key`), and whether
/// it spans lines. `None` when joining would change its meaning (a comment
/// inside, a quoted scalar broken across lines) or it never closes.
fn scan_flow(bytes: &[u8], open: usize, key: usize, out: &mut [u8]) -> Option<(usize, Vec<Shallow>, bool)> {
    let mut depth = 0usize;
    let mut i = open;
    let mut shallow = Vec::new();
    let mut multiline = false;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some((i, shallow, multiline));
                }
            }
            b'\r' | b'\n' => {
                multiline = true;
                out[i] = b' ';
                if bytes[i] == b'\n' {
                    let indent = bytes[i + 1..].iter().take_while(|&&b| b == b' ').count();
                    let first = bytes.get(i + 1 + indent);
                    let closing = matches!(first, Some(b']' | b'}'));
                    // A closing bracket may sit at its key's column; at
                    // column 0 saphyr rejects some of them (GitHub Copilot
                    // agents close `tools: [` and `agents: [` there), so
                    // once the strict parse failed, such a flow is joined too.
                    let needs = if closing { key.max(1) } else { key + 1 };
                    if !matches!(first, None | Some(b'\n' | b'\r')) && indent < needs {
                        shallow.push((i + 1, indent, if closing { key.max(2) } else { key + 2 }));
                    }
                }
                i += 1;
            }
            b'#' if matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => return None,
            b'"' | b'\'' if matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b'{' | b',' | b':' | b'\n') => {
                let end = skip_quoted(bytes, i)?;
                if bytes[i..end].iter().any(|&b| b == b'\n' || b == b'\r') {
                    return None;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn closing_bracket_at_column_zero_is_shallow() {
        let src = "tools: [\n  'a',\n  'b'\n]\nname: x\n";
        let (_, flows) = super::join_flows(src, 0).expect("joined");
        assert_eq!(flows[0].key_column, 0);
        let (start, has, needs) = flows[0].shallow_lines[0];
        assert_eq!((&src[start..start + 1], has, needs), ("]", 0, 2));
    }

    use super::*;

    #[test]
    fn joins_shallow_flows_only() {
        let src = "mr:\n  recommended: [\n    a,\n    b\n]\nok: [\n  x\n]\nfine:\n  k: [\n    x\n  ]\n";
        let (joined, flows) = join_flows(src, 0).unwrap();
        assert_eq!(joined.len(), src.len());
        // `ok: [` closes at column 0: joined as well (see `scan_flow`).
        assert_eq!(flows.len(), 2, "{flows:?}");
        assert_eq!(flows[1].key_column, 0);
        assert_eq!(flows[0].range.slice(src), "[\n    a,\n    b\n]");
        assert_eq!(flows[0].key_column, 2);
        let (start, has, needs) = flows[0].shallow_lines[0];
        assert_eq!((&src[start..start + 1], has, needs), ("]", 0, 2));
        assert!(joined.contains("recommended: [     a,     b ]"));
    }

    #[test]
    fn deep_enough_flows_are_joined_unreported() {
        // GitHub's terraform agent: saphyr stops at the `]`, js-yaml reads it.
        let src = "mcp:\n  tf:\n    args: [\n      'run',\n      '-e', 'X=${Y}'\n    ]\n    tools: [\"*\"]\n";
        let (joined, flows) = join_flows(src, 0).expect("joined");
        assert!(flows.is_empty(), "{flows:?}");
        assert!(joined.contains("args: [       'run',       '-e', 'X=${Y}'     ]"), "{joined}");
        let yaml = crate::syntax::yaml::parse(src, TextRange::new(0, src.len()));
        assert!(yaml.error.is_none(), "{:?}", yaml.error);
        assert!(yaml.lenient_flows.is_empty());
        let args = yaml.root.as_ref().and_then(|r| r.get("mcp")).and_then(|m| m.get("tf")).and_then(|t| t.get("args"));
        let items: Vec<&str> = args.map(|a| a.items().iter().filter_map(|i| i.as_str()).collect()).unwrap_or_default();
        assert_eq!(items, ["run", "-e", "X=${Y}"]);
        assert!(join_flows("a: [x, y]\nb: 1\n", 0).is_none(), "nothing to join");
    }

    #[test]
    fn leaves_comments_multiline_quotes_and_block_scalars() {
        assert!(join_flows("k:\n  a: [\n    x, # c\n  ]\n", 0).is_none());
        assert!(join_flows("k:\n  a: [\"x\n  y\"\n  ]\n", 0).is_none());
        assert!(join_flows("d: |\n  text [ with\n  bracket\nk: 1\n", 0).is_none());
        let nested = "c:\n  - x: {\n    k: v\n  }\n";
        let (_, flows) = join_flows(nested, 0).unwrap();
        assert_eq!(flows[0].key_column, 4);
        assert_eq!(flows[0].shallow_lines, [(12, 4, 6), (21, 2, 4)]);
    }
}
