//! Everything the fast path declines, and every error: `saphyr-parser`'s
//! events, converted to byte ranges.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::builder::Builder;
use super::events::Ev;
use super::tree::{Style, Tag, Yaml, YamlError};
use crate::text::TextRange;

pub(super) fn parse(mut builder: Builder<'_>) -> Yaml {
    let src = builder.src();
    let offsets = CharOffsets::new(src, builder.base());
    let mut parser = Parser::new_from_str(src);
    loop {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => {
                let Some(ev) = convert(event, span, &offsets, src) else { continue };
                if !builder.event(ev) {
                    break;
                }
            }
            Some(Err(err)) => {
                let at = TextRange::empty(offsets.byte(err.marker().index()));
                let message = err.info().to_string();
                builder.set_error(if message.contains("recursion limit") {
                    YamlError::TooDeep { at }
                } else {
                    YamlError::Syntax { at, message }
                });
                break;
            }
        }
    }
    builder.finish()
}

fn convert<'a>(event: Event<'a>, span: Span, offsets: &CharOffsets, src: &str) -> Option<Ev<'a>> {
    Some(match event {
        Event::Scalar(text, style, anchor, tag) => {
            let tag = tag.map(|t| match (t.is_yaml_core_schema(), t.suffix.as_str()) {
                (true, "str") => Tag::Str,
                (true, "int") => Tag::Int,
                (true, "float") => Tag::Float,
                (true, "bool") => Tag::Bool,
                (true, "null") => Tag::Null,
                _ => Tag::Other,
            });
            let mut range = offsets.range(span);
            // The span of a scalar with an anchor or a tag starts at `&`/`!`:
            // the node itself starts after them.
            let local = skip_properties(src, range.start() - offsets.base);
            range = TextRange::new((offsets.base + local).min(range.end()), range.end());
            let style = match style {
                ScalarStyle::Plain => Style::Plain,
                ScalarStyle::SingleQuoted => Style::SingleQuoted,
                ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                ScalarStyle::Literal => Style::Literal,
                ScalarStyle::Folded => Style::Folded,
            };
            if style.is_quoted() {
                // The parser's span of a quoted scalar runs on to the end of
                // its line (over a trailing comment): end at the closing quote.
                let local = range.start() - offsets.base;
                if let Some(end) = quoted_end(src, local) {
                    range = TextRange::new(range.start(), offsets.base + end);
                }
            }
            if text.is_empty() && style == Style::Plain {
                // An empty value sits on the `:` that introduced it; point just after it.
                if src.as_bytes().get(range.start() - offsets.base) == Some(&b':') {
                    range = TextRange::empty(range.start() + 1);
                }
            }
            Ev::Scalar { text, style, range, anchor, tag }
        }
        Event::Alias(id) => Ev::Alias { id, range: offsets.range(span) },
        Event::SequenceStart(anchor, _) => Ev::SequenceStart { start: node_start(span, offsets, src), anchor },
        Event::MappingStart(anchor, _) => Ev::MappingStart { start: node_start(span, offsets, src), anchor },
        Event::SequenceEnd | Event::MappingEnd => {
            // The span of a flow collection's end runs over the spaces after
            // its bracket: the collection ends at the bracket.
            let end = offsets.byte(span.end.index());
            let local = end - offsets.base;
            let trimmed = src[..local.min(src.len())].trim_end_matches([' ', '\t']).len();
            Ev::End { end: offsets.base + trimmed }
        }
        Event::DocumentEnd => Ev::Stop,
        Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => return None,
    })
}

/// Where a collection starts: after its anchor and tag, if any.
fn node_start(span: Span, offsets: &CharOffsets, src: &str) -> usize {
    let start = offsets.byte(span.start.index());
    offsets.base + skip_properties(src, start - offsets.base)
}

/// Skips the node properties (`&anchor`, `!tag`, in any order, each followed
/// by spaces or a line break) that open the node at `local` in `src`.
fn skip_properties(src: &str, local: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = local;
    while matches!(bytes.get(i), Some(b'&' | b'!')) {
        let token = bytes[i..].iter().take_while(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count();
        let mut j = i + token;
        while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            j += 1;
        }
        if j >= bytes.len() || !src.is_char_boundary(j) {
            return local;
        }
        i = j;
    }
    i
}

/// The end (after the closing quote) of the quoted scalar opening at `start` in `src`.
fn quoted_end(src: &str, start: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let quote = *bytes.get(start)?;
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Converts the parser's character indices to byte offsets in the document.
struct CharOffsets {
    base: usize,
    /// Byte offset of each char, when the source is not ASCII.
    table: Option<Vec<u32>>,
    len: usize,
}

impl CharOffsets {
    fn new(src: &str, base: usize) -> Self {
        let table = (!src.is_ascii()).then(|| src.char_indices().map(|(i, _)| i as u32).collect());
        Self { base, table, len: src.len() }
    }

    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).map_or(self.len, |&b| b as usize),
        };
        self.base + local
    }

    fn range(&self, span: Span) -> TextRange {
        TextRange::new(self.byte(span.start.index()), self.byte(span.end.index().max(span.start.index())))
    }
}
