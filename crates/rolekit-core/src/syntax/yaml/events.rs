//! The parse events both parsers produce, with byte ranges in the document.

use std::borrow::Cow;

use super::tree::{Style, Tag};
use crate::text::TextRange;

/// A parse event with byte ranges, from either parser.
#[derive(Debug, PartialEq)]
pub(crate) enum Ev<'a> {
    Scalar { text: Cow<'a, str>, style: Style, range: TextRange, anchor: usize, tag: Option<Tag> },
    Alias { id: usize, range: TextRange },
    SequenceStart { start: usize, anchor: usize },
    MappingStart { start: usize, anchor: usize },
    End { end: usize },
    Stop,
}
