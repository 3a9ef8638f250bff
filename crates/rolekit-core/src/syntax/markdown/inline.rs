//! The inline pass: emphasis, strong emphasis, links and images (with
//! autolinks) in the inline content of one paragraph or heading.
//!
//! Written from CommonMark 0.31, sections 6 and appendix A ("Phase 2"): one
//! scan from left to right takes escapes, code spans, autolinks and raw HTML
//! whole (nothing inside them is syntax), pushes `*`/`_` runs on a
//! delimiter stack and `[`/`![` on a bracket stack; a `]` closes the last
//! bracket into a link when an inline destination or a known reference
//! follows, and "process emphasis" pairs the delimiters (inside a link's
//! text when it closes, over the rest at the end).

use std::collections::HashMap;
use std::ops::Range;

use super::html;
use super::links::{self, Definitions};
use super::punctuation::{is_punctuation, is_whitespace};
use super::spans::SpanKind;

/// A run of `*` or `_` on the delimiter stack.
struct Delimiter {
    marker: u8,
    /// The run's length as written (for the rule of three).
    len: usize,
    /// The characters not yet used: `start..start + count`.
    start: usize,
    count: usize,
    can_open: bool,
    can_close: bool,
    /// The previous delimiter still on the stack.
    prev: Option<usize>,
    removed: bool,
}

/// A `[` or `![` on the bracket stack.
struct Bracket {
    pos: usize,
    image: bool,
    /// The delimiter stack's height when it was pushed.
    delimiters: usize,
}

struct Inline<'a> {
    text: &'a str,
    spans: Vec<(SpanKind, Range<usize>)>,
    delimiters: Vec<Delimiter>,
    brackets: Vec<Bracket>,
    /// Brackets below this height (links, not images) can no longer make a
    /// link: a link formed after them (links do not nest).
    link_floor: usize,
    html: html::Inline,
    /// Backtick runs by length: their starts, and how many are behind the scan.
    ticks: HashMap<usize, (Vec<usize>, usize)>,
}

/// The spans in the inline content made of `lines` (ranges of `body`), in
/// the order of their starts, with ranges in `body`.
pub(super) fn spans(
    body: &str,
    lines: &[Range<usize>],
    definitions: &mut Definitions,
) -> Vec<(SpanKind, Range<usize>)> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(lines.len());
    for line in lines {
        starts.push((text.len(), line.start));
        text.push_str(&body[line.clone()]);
    }
    let mut inline = Inline {
        text: &text,
        spans: Vec::new(),
        delimiters: Vec::new(),
        brackets: Vec::new(),
        link_floor: 0,
        html: html::Inline::default(),
        ticks: HashMap::new(),
    };
    inline.scan(definitions, body.len());
    let to_body = |pos: usize| {
        let i = starts.partition_point(|&(s, _)| s <= pos).saturating_sub(1);
        let (s, b) = starts.get(i).copied().unwrap_or((0, 0));
        b + (pos - s)
    };
    let mut out: Vec<(SpanKind, Range<usize>)> = inline
        .spans
        .into_iter()
        .map(|(kind, r)| (kind, to_body(r.start)..to_body(r.end.saturating_sub(1)) + 1))
        .collect();
    crate::sort::sort_by_key(&mut out, |(_, r)| (r.start, std::cmp::Reverse(r.end)));
    out
}

impl Inline<'_> {
    fn scan(&mut self, definitions: &mut Definitions, body_len: usize) {
        let b = self.text.as_bytes();
        for (i, run) in runs(b, b'`') {
            self.ticks.entry(run).or_default().0.push(i);
        }
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => i += if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) { 2 } else { 1 },
                b'`' => {
                    let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                    i = self.code_span_end(i + n, n).unwrap_or(i + n);
                }
                b'<' => {
                    if let Some(n) = html::autolink(&self.text[i..]) {
                        self.spans.push((SpanKind::Link, i..i + n));
                        i += n;
                    } else if let Some(end) = self.html.raw_html(self.text, i) {
                        i = end;
                    } else {
                        i += 1;
                    }
                }
                c @ (b'*' | b'_') => {
                    let n = b[i..].iter().take_while(|&&x| x == c).count();
                    self.push_delimiter(i, n, c);
                    i += n;
                }
                b'[' => {
                    self.brackets.push(Bracket { pos: i, image: false, delimiters: self.delimiters.len() });
                    i += 1;
                }
                b'!' if b.get(i + 1) == Some(&b'[') => {
                    self.brackets.push(Bracket { pos: i, image: true, delimiters: self.delimiters.len() });
                    i += 2;
                }
                b']' => i = self.close_bracket(i, definitions, body_len),
                _ => i += 1,
            }
        }
        self.process_emphasis(0);
    }

    /// The end of the code span whose opening run of `n` backticks ends at `from`.
    fn code_span_end(&mut self, from: usize, n: usize) -> Option<usize> {
        let (starts, behind) = self.ticks.get_mut(&n)?;
        while *behind < starts.len() && starts[*behind] < from {
            *behind += 1;
        }
        starts.get(*behind).map(|s| s + n)
    }

    fn push_delimiter(&mut self, i: usize, n: usize, marker: u8) {
        let before = self.text[..i].chars().next_back().unwrap_or(' ');
        let after = self.text[i + n..].chars().next().unwrap_or(' ');
        let left = !is_whitespace(after) && (!is_punctuation(after) || is_whitespace(before) || is_punctuation(before));
        let right =
            !is_whitespace(before) && (!is_punctuation(before) || is_whitespace(after) || is_punctuation(after));
        let (can_open, can_close) = if marker == b'*' {
            (left, right)
        } else {
            (left && (!right || is_punctuation(before)), right && (!left || is_punctuation(after)))
        };
        let prev = self.delimiters.len().checked_sub(1);
        self.delimiters.push(Delimiter {
            marker,
            len: n,
            start: i,
            count: n,
            can_open,
            can_close,
            prev,
            removed: false,
        });
    }

    /// A `]` at `i`: a link or image with the last bracket, or text. Returns where to go on.
    fn close_bracket(&mut self, i: usize, definitions: &mut Definitions, body_len: usize) -> usize {
        let Some(open) = self.brackets.pop() else { return i + 1 };
        let inactive = !open.image && self.brackets.len() < self.link_floor;
        self.link_floor = self.link_floor.min(self.brackets.len());
        if inactive {
            return i + 1;
        }
        let b = self.text.as_bytes();
        let text_start = open.pos + if open.image { 2 } else { 1 };
        let end = self.inline_destination(i + 1).map(|end| (end, end)).or_else(|| {
            let inner = &self.text[text_start..i];
            // pulldown-cmark also takes a label after a backslash: `[x]\[a]`.
            let at = if b.get(i + 1) == Some(&b'\\') && b.get(i + 2) == Some(&b'[') { i + 2 } else { i + 1 };
            match links::label(b, at) {
                Some(label_end)
                    if label_end > at + 2 || !b[at + 1..label_end - 1].iter().all(u8::is_ascii_whitespace) =>
                {
                    let label = &self.text[at + 1..label_end - 1];
                    if links::is_label(label) {
                        definitions.resolve(label, body_len).then_some((label_end, label_end))
                    } else {
                        // Not a link label (blank): what follows is no label, so a shortcut reference.
                        (links::is_label(inner) && definitions.resolve(inner, body_len)).then_some((i + 1, i + 1))
                    }
                }
                // Collapsed: the span ends before the `[]` (as pulldown-cmark has it).
                Some(label_end) => {
                    (links::is_label(inner) && definitions.resolve(inner, body_len)).then_some((i + 1, label_end))
                }
                None => (links::is_label(inner) && definitions.resolve(inner, body_len)).then_some((i + 1, i + 1)),
            }
        });
        let Some((end, resume)) = end else { return i + 1 };
        let kind = if open.image { SpanKind::Image } else { SpanKind::Link };
        self.spans.push((kind, open.pos..end));
        self.process_emphasis(open.delimiters);
        if !open.image {
            self.link_floor = self.brackets.len();
        }
        resume
    }

    /// An inline link's `(destination "title")` at `i`: its end.
    fn inline_destination(&self, i: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        if b.get(i) != Some(&b'(') {
            return None;
        }
        let (mut j, _) = links::skip_spaces(b, i + 1);
        if b.get(j) != Some(&b')') {
            let pointy = b.get(j) == Some(&b'<');
            let (dest_end, _) = links::destination(b, j)?;
            let (k, _) = links::skip_spaces(b, dest_end);
            j = k;
            // A title follows white space, or directly a `<...>` destination
            // (as pulldown-cmark reads `[a](<b>"t")`).
            if k > dest_end || pointy {
                if let Some((title_end, _)) = links::title(b, k) {
                    j = links::skip_spaces(b, title_end).0;
                }
            }
        }
        (b.get(j) == Some(&b')')).then_some(j + 1)
    }

    /// The previous delimiter of `i` still on the stack (shortening the
    /// links over removed ones, so that walks stay short).
    fn prev(&mut self, i: usize) -> Option<usize> {
        let mut k = self.delimiters[i].prev;
        while let Some(j) = k {
            if !self.delimiters[j].removed {
                break;
            }
            k = self.delimiters[j].prev;
        }
        let mut m = self.delimiters[i].prev;
        while let Some(j) = m {
            if Some(j) == k {
                break;
            }
            m = self.delimiters[j].prev;
            self.delimiters[j].prev = k;
        }
        self.delimiters[i].prev = k;
        k
    }

    /// Pairs the delimiters from `bottom` up into emphasis, then drops them.
    fn process_emphasis(&mut self, bottom: usize) {
        // Per marker, closer run length mod 3 and whether the closer can
        // open: the lowest delimiter worth looking at as an opener.
        let mut floor = [bottom; 12];
        let mut i = bottom;
        while i < self.delimiters.len() {
            let closer = &self.delimiters[i];
            if closer.removed || !closer.can_close || closer.count == 0 {
                i += 1;
                continue;
            }
            let key = usize::from(closer.marker == b'_') * 6 + usize::from(closer.can_open) * 3 + closer.len % 3;
            let mut k = self.prev(i);
            let mut found = None;
            while let Some(j) = k {
                if j < bottom || j < floor[key] {
                    break;
                }
                let (o, c) = (&self.delimiters[j], &self.delimiters[i]);
                let odd =
                    (o.can_close || c.can_open) && (o.len + c.len) % 3 == 0 && !(o.len % 3 == 0 && c.len % 3 == 0);
                if o.marker == c.marker && o.can_open && o.count > 0 && !odd {
                    found = Some(j);
                    break;
                }
                k = self.prev(j);
            }
            let Some(j) = found else {
                floor[key] = i;
                if !self.delimiters[i].can_open {
                    self.delimiters[i].removed = true;
                }
                i += 1;
                continue;
            };
            let n = if self.delimiters[j].count >= 2 && self.delimiters[i].count >= 2 { 2 } else { 1 };
            let opener = &mut self.delimiters[j];
            opener.count -= n;
            let start = opener.start + opener.count;
            if opener.count == 0 {
                opener.removed = true;
            }
            let closer = &mut self.delimiters[i];
            let end = closer.start + n;
            closer.start += n;
            closer.count -= n;
            closer.prev = Some(j);
            let kind = if n == 2 { SpanKind::Strong } else { SpanKind::Emphasis };
            self.spans.push((kind, start..end));
            if closer.count == 0 {
                closer.removed = true;
                i += 1;
            }
        }
        self.delimiters.truncate(bottom);
    }
}

/// The maximal runs of `marker` in `b`: start and length.
fn runs(b: &[u8], marker: u8) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + memchr::memchr(marker, b.get(i..)?)?;
        let n = b[start..].iter().take_while(|&&c| c == marker).count();
        i = start + n;
        Some((start, n))
    })
}
