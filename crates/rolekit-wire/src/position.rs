//! Positions, ranges and edits, and their conversion from byte ranges.

use rolekit_core::{Document, Edit, LineIndex, PositionEncoding, TextRange};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ts")]
use tsify::Tsify;
#[cfg(feature = "ts")]
use wasm_bindgen::prelude::wasm_bindgen;

/// A 0-based line and a UTF-16 column, as in JavaScript strings and LSP.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// A half-open range between two positions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Replace `range` (in the document's current text) with `newText`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TextEdit {
    pub range: Range,
    pub new_text: String,
}

/// Converts one document's byte offsets to wire positions and back (UTF-16
/// columns; a BOM is zero-width; `\r\n`, `\n` and a lone `\r` end lines).
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    text: &'a str,
    index: &'a LineIndex,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, index: &'a LineIndex) -> Self {
        Self { text, index }
    }

    pub fn of(doc: &'a Document) -> Self {
        Self::new(doc.text(), doc.line_index())
    }

    pub fn position(&self, offset: usize) -> Position {
        let p = self.index.position(self.text, offset, PositionEncoding::Utf16);
        Position { line: p.line, character: p.character }
    }

    pub fn range(&self, range: TextRange) -> Range {
        Range { start: self.position(range.start()), end: self.position(range.end()) }
    }

    /// The byte offset of `p`, clamped to the text (a line past the end is the end).
    pub fn offset(&self, p: Position) -> usize {
        let p = rolekit_core::Position { line: p.line, character: p.character };
        self.index.offset(self.text, p, PositionEncoding::Utf16)
    }

    /// The byte range of `r`; an inverted range is put in order.
    pub fn text_range(&self, r: Range) -> TextRange {
        let (a, b) = (self.offset(r.start), self.offset(r.end));
        TextRange::new(a.min(b), a.max(b))
    }

    pub fn edit(&self, e: &Edit) -> TextEdit {
        TextEdit { range: self.range(e.range), new_text: e.new_text.clone() }
    }

    /// The core edit for a wire edit.
    pub fn core_edit(&self, e: &TextEdit) -> Edit {
        Edit::replace(self.text_range(e.range), e.new_text.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_crlf_and_bom() {
        let doc = Document::new("\u{feff}a🎯b\r\nc\rd\n".to_string());
        let lines = Lines::of(&doc);
        let b = doc.text().find('b').unwrap_or(0);
        assert_eq!(lines.position(b), Position { line: 0, character: 3 });
        let c = doc.text().find('c').unwrap_or(0);
        assert_eq!(lines.position(c), Position { line: 1, character: 0 });
        let d = doc.text().find('d').unwrap_or(0);
        assert_eq!(lines.position(d), Position { line: 2, character: 0 });
        assert_eq!(lines.offset(Position { line: 0, character: 3 }), b);
        assert_eq!(lines.offset(Position { line: 99, character: 0 }), doc.text().len());
        let r = Range { start: Position { line: 1, character: 0 }, end: Position { line: 0, character: 3 } };
        assert_eq!(lines.text_range(r), TextRange::new(b, c));
    }
}
