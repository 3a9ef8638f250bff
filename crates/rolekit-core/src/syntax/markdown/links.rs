//! Link syntax shared by the block and inline passes: labels, destinations,
//! titles (CommonMark 0.31, section 6.3) and link reference definitions
//! (section 4.7).

use std::collections::HashMap;
use std::ops::Range;

/// The link reference definitions of a body: normalized label to the
/// unescaped length of the destination and title (what resolving a
/// reference costs, see [`Definitions::resolve`]).
#[derive(Default)]
pub(super) struct Definitions {
    map: HashMap<String, usize>,
    /// What resolved references expanded to so far (destinations and
    /// titles): past the body's length (at least 100 KB), references stop
    /// resolving, so that many references to a long definition do not blow up.
    spent: usize,
}

impl Definitions {
    /// Whether a reference to `label` resolves (and meters it).
    pub(super) fn resolve(&mut self, label: &str, body_len: usize) -> bool {
        if self.map.is_empty() {
            return false;
        }
        let Some(&cost) = self.map.get(&normalize(label)) else { return false };
        if self.spent >= body_len.max(100_000) {
            return false;
        }
        self.spent += cost;
        true
    }
}

/// A label's matching form: case-folded, inner whitespace collapsed to one space.
///
/// Case is folded by [`crate::case`] (ASCII, Latin-1 and Extended-A, basic
/// Greek and Cyrillic), not by Unicode's full case folding, which would
/// link the standard library's case tables (16 KB gzipped) into the
/// WebAssembly modules: labels that differ only in the case of other
/// letters (`ẞ` and `ss`) do not match here.
fn normalize(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        crate::case::push_lowercase(&mut out, word);
    }
    out
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The end of whitespace from `i` with at most one line ending, and whether it had one.
pub(super) fn skip_spaces(b: &[u8], mut i: usize) -> (usize, bool) {
    let mut newline = false;
    while i < b.len() && is_space(b[i]) {
        if b[i] == b'\n' || b[i] == b'\r' {
            if newline {
                break;
            }
            newline = true;
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        }
        i += 1;
    }
    (i, newline)
}

/// A link label at `i` (a `[`): the end after its `]`, if it is one
/// (at most 999 characters, no unescaped brackets).
pub(super) fn label(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let mut j = i + 1;
    while j < b.len() && j - i <= 1000 {
        match b[j] {
            b'\\' if b.get(j + 1).is_some_and(u8::is_ascii_punctuation) => j += 2,
            b'[' => return None,
            b']' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// A link label's inside is usable: not blank, at most 999 characters, no unescaped brackets.
pub(super) fn is_label(s: &str) -> bool {
    if s.chars().count() > 999 || s.bytes().all(is_space) {
        return false;
    }
    let b = s.as_bytes();
    let mut j = 0;
    while j < b.len() {
        match b[j] {
            b'\\' if b.get(j + 1).is_some_and(u8::is_ascii_punctuation) => j += 2,
            b'[' | b']' => return false,
            _ => j += 1,
        }
    }
    true
}

/// The unescaped length of `b[range]`.
fn unescaped_len(b: &[u8], range: Range<usize>) -> usize {
    let escapes = b[range.clone()].windows(2).filter(|w| w[0] == b'\\' && w[1].is_ascii_punctuation()).count();
    range.len() - escapes
}

/// A link destination at `i`: its end and unescaped length.
pub(super) fn destination(b: &[u8], i: usize) -> Option<(usize, usize)> {
    if b.get(i) == Some(&b'<') {
        let mut j = i + 1;
        while j < b.len() {
            match b[j] {
                b'\\' if b.get(j + 1).is_some_and(u8::is_ascii_punctuation) => j += 2,
                b'\n' | b'\r' | b'<' => return None,
                b'>' => return Some((j + 1, unescaped_len(b, i + 1..j))),
                _ => j += 1,
            }
        }
        return None;
    }
    let mut depth = 0usize;
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'\\' if b.get(j + 1).is_some_and(u8::is_ascii_punctuation) => j += 2,
            b'(' => {
                depth += 1;
                if depth > 32 {
                    return None;
                }
                j += 1;
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                j += 1;
            }
            c if c <= b' ' || c == 0x7f => break,
            _ => j += 1,
        }
    }
    (j > i && depth == 0).then(|| (j, unescaped_len(b, i..j)))
}

/// A link title at `i`: its end and unescaped length.
pub(super) fn title(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let close = match b.get(i)? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' if b.get(j + 1).is_some_and(u8::is_ascii_punctuation) => j += 2,
            c if c == close => return Some((j + 1, unescaped_len(b, i + 1..j))),
            b'(' if close == b')' => return None,
            b'\n' | b'\r' => {
                // No blank line in a title (`skip_spaces` stops at a second
                // line ending; `\r\n` is one).
                let (k, _) = skip_spaces(b, j);
                if k < b.len() && (b[k] == b'\n' || b[k] == b'\r') {
                    return None;
                }
                j = k.max(j + 1);
            }
            _ => j += 1,
        }
    }
    None
}

/// Takes the link reference definitions off the start of the paragraph
/// whose inline lines are `lines` (ranges of `text`), adding them to
/// `definitions`; returns how many lines they took, and the line where the last starts.
pub(super) fn take_definitions(text: &str, lines: &[Range<usize>], definitions: &mut Definitions) -> (usize, usize) {
    if lines.first().and_then(|l| text.as_bytes().get(l.start)) != Some(&b'[') {
        return (0, 0);
    }
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(lines.len());
    for line in lines {
        starts.push(joined.len());
        joined.push_str(&text[line.clone()]);
    }
    let b = joined.as_bytes();
    let mut pos = 0;
    let mut last = 0;
    while let Some((end, label, cost)) = definition(b, pos) {
        last = pos;
        let key = normalize(&joined[label]);
        definitions.map.entry(key).or_insert(cost);
        pos = end;
        if pos >= b.len() {
            break;
        }
    }
    let lines_before = |pos: usize| starts.iter().take_while(|&&s| s < pos).count();
    (lines_before(pos), lines_before(last))
}

/// One definition at `i` (a line start): its end (a line start), the
/// label's range and the cost of resolving it.
fn definition(b: &[u8], i: usize) -> Option<(usize, Range<usize>, usize)> {
    let label_end = label(b, i)?;
    let inner = std::str::from_utf8(&b[i + 1..label_end - 1]).ok()?;
    if b.get(label_end) != Some(&b':') || !is_label(inner) {
        return None;
    }
    let (d, _) = skip_spaces(b, label_end + 1);
    let (dest_end, dest_len) = destination(b, d)?;
    if b.get(d) != Some(&b'<') && dest_end == d {
        return None;
    }
    let line_end = |j: usize| -> Option<usize> {
        let mut k = j;
        while k < b.len() && (b[k] == b' ' || b[k] == b'\t') {
            k += 1;
        }
        match b.get(k) {
            None => Some(k),
            Some(b'\n') => Some(k + 1),
            Some(b'\r') => Some(if b.get(k + 1) == Some(&b'\n') { k + 2 } else { k + 1 }),
            _ => None,
        }
    };
    let (t, _) = skip_spaces(b, dest_end);
    if t > dest_end {
        if let Some((title_end, title_len)) = title(b, t) {
            if let Some(end) = line_end(title_end) {
                return Some((end, i + 1..label_end - 1, dest_len + title_len));
            }
        }
    }
    let end = line_end(dest_end)?;
    Some((end, i + 1..label_end - 1, dest_len))
}
