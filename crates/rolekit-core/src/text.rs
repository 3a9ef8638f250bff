//! Byte ranges and the line index that converts them to editor positions.
//!
//! Inside the core every location is a byte range into the original text (BOM
//! included), so fixes apply to the file's bytes as they are. Adapters convert
//! to `(line, character)` with a [`LineIndex`] in the encoding their client
//! negotiated. A leading UTF-8 BOM is zero-width for columns, and `\r\n`, `\n`
//! and a lone `\r` all end a line, as in the LSP specification.

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "inverted range {start}..{end}");
        Self { start: start as u32, end: end as u32 }
    }

    pub fn empty(at: usize) -> Self {
        Self::new(at, at)
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        self.end() - self.start()
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// `offset` lies inside the range, its end included (a cursor touching a word).
    pub fn touches(self, offset: usize) -> bool {
        self.start() <= offset && offset <= self.end()
    }

    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn shift(self, by: usize) -> Self {
        Self::new(self.start() + by, self.end() + by)
    }

    pub fn cover(self, other: TextRange) -> Self {
        Self { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// The text this range covers, or `""` if it does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start()..self.end()).unwrap_or("")
    }
}

/// How columns are counted, as negotiated with an LSP client.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

/// A 0-based line and a column in [`PositionEncoding`] units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Maps byte offsets to positions and back.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the first character of each line.
    line_starts: Vec<u32>,
    /// Bytes of a leading BOM (0 or 3); columns on line 0 start after it.
    bom: u32,
    len: u32,
    /// The whole text is ASCII: every encoding counts bytes.
    ascii: bool,
    /// Column counts along long non-ASCII lines, built on first use, so a
    /// position on a 1 MB line costs a search and a short scan, not a scan
    /// from the line's start (thousands of diagnostics on one line stay linear).
    checkpoints: std::sync::OnceLock<Vec<Checkpoint>>,
}

/// Units from the start of its line to `byte` (a char boundary).
#[derive(Clone, Copy, Debug)]
struct Checkpoint {
    byte: u32,
    utf16: u32,
    chars: u32,
}

/// Bytes between checkpoints; lines shorter than this get none.
const CHECKPOINT_EVERY: usize = 256;

pub const BOM: char = '\u{feff}';

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 40 + 1);
        line_starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one break: it is recorded at the `\n`.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            line_starts.push(i as u32 + 1);
        }
        let bom = if text.starts_with(BOM) { BOM.len_utf8() as u32 } else { 0 };
        Self {
            line_starts,
            bom,
            len: bytes.len() as u32,
            ascii: text.is_ascii(),
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    fn checkpoints(&self, text: &str) -> &[Checkpoint] {
        self.checkpoints.get_or_init(|| {
            let mut out = Vec::new();
            for line in 0..self.line_count() {
                let (start, end) = (self.line_start(line), self.line_end(text, line));
                if end - start < CHECKPOINT_EVERY {
                    continue;
                }
                let (mut utf16, mut chars, mut next) = (0u32, 0u32, start + CHECKPOINT_EVERY);
                for (i, ch) in text.get(start..end).unwrap_or("").char_indices() {
                    if start + i >= next {
                        out.push(Checkpoint { byte: (start + i) as u32, utf16, chars });
                        next = start + i + CHECKPOINT_EVERY;
                    }
                    utf16 += ch.len_utf16() as u32;
                    chars += 1;
                }
            }
            out
        })
    }

    /// The last checkpoint in `start..=offset` (on the line starting at `start`).
    fn checkpoint_before(&self, text: &str, start: usize, offset: usize) -> Option<Checkpoint> {
        let points = self.checkpoints(text);
        let i = points.partition_point(|c| c.byte as usize <= offset);
        points[..i].last().filter(|c| c.byte as usize >= start).copied()
    }

    /// Units of `encoding` in `text[from..to]` (one line).
    fn units(text: &str, from: usize, to: usize, encoding: PositionEncoding) -> usize {
        let s = text.get(from..to).unwrap_or("");
        match encoding {
            PositionEncoding::Utf8 => s.len(),
            PositionEncoding::Utf16 => s.chars().map(char::len_utf16).sum(),
            PositionEncoding::Utf32 => s.chars().count(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where `line` starts (after the BOM on line 0), clamped to the text.
    pub fn line_start(&self, line: usize) -> usize {
        match self.line_starts.get(line) {
            Some(&0) => self.bom as usize,
            Some(&start) => start as usize,
            None => self.len as usize,
        }
    }

    /// Byte offset of the end of `line`, before its line break.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let next = self.line_starts.get(line + 1).map_or(self.len as usize, |&s| s as usize);
        let bytes = text.as_bytes();
        let mut end = next.min(bytes.len());
        if end > self.line_start(line) && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > self.line_start(line) && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end
    }

    /// The lines of `text` (which this indexes) from `from` on, as
    /// `(start, end, next)`: the first starts at `from`, `end` is before the
    /// line break (`\n`, `\r\n` or a lone `\r`), `next` is where the next
    /// line starts. An empty last line (after a final break) is not one.
    pub fn lines_from<'a>(&'a self, text: &'a str, from: usize) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let bytes = text.as_bytes();
        let len = bytes.len();
        let first = self.line_of(from);
        (first..self.line_count())
            .map(move |line| {
                let start = if line == first { from } else { self.line_starts[line] as usize };
                let next = self.line_starts.get(line + 1).map_or(len, |&s| (s as usize).min(len));
                let mut end = next;
                if end > start && bytes[end - 1] == b'\n' {
                    end -= 1;
                    if end > start && bytes[end - 1] == b'\r' {
                        end -= 1;
                    }
                } else if end > start && bytes[end - 1] == b'\r' {
                    end -= 1;
                }
                (start, end, next)
            })
            .take_while(move |&(start, _, _)| start < len)
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start as usize <= offset).saturating_sub(1)
    }

    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = offset.min(self.len as usize);
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let character = if self.ascii || encoding == PositionEncoding::Utf8 {
            offset - start
        } else {
            match self.checkpoint_before(text, start, offset) {
                Some(c) => {
                    let base = if encoding == PositionEncoding::Utf16 { c.utf16 } else { c.chars } as usize;
                    base + Self::units(text, c.byte as usize, offset, encoding)
                }
                None => Self::units(text, start, offset, encoding),
            }
        };
        Position { line: line as u32, character: character as u32 }
    }

    /// Byte offset of `position`; a column past the line's end clamps to it and
    /// a line past the end clamps to the end of the text.
    pub fn offset(&self, text: &str, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_count() {
            return self.len as usize;
        }
        let start = self.line_start(line);
        let end = self.line_end(text, line);
        let line_text = text.get(start..end).unwrap_or("");
        let wanted = position.character as usize;
        if self.ascii || encoding == PositionEncoding::Utf8 {
            let mut at = wanted.min(line_text.len());
            while !line_text.is_char_boundary(at) {
                at -= 1;
            }
            return start + at;
        }
        // Start from the last checkpoint of the line at or before the column.
        let (mut from, mut units) = (start, 0);
        if end - start >= CHECKPOINT_EVERY {
            let points = self.checkpoints(text);
            let first = points.partition_point(|c| (c.byte as usize) < start);
            let line_points = &points[first..points.partition_point(|c| (c.byte as usize) < end)];
            let unit = |c: &Checkpoint| if encoding == PositionEncoding::Utf16 { c.utf16 } else { c.chars } as usize;
            let k = line_points.partition_point(|c| unit(c) <= wanted);
            if let Some(c) = line_points[..k].last() {
                (from, units) = (c.byte as usize, unit(c));
            }
        }
        let line_text = text.get(from..end).unwrap_or("");
        for (i, ch) in line_text.char_indices() {
            if units >= wanted {
                return from + i;
            }
            units += match encoding {
                PositionEncoding::Utf16 => ch.len_utf16(),
                _ => 1,
            };
        }
        end
    }

    /// 1-based line and 1-based UTF-8 character column, for human output.
    pub fn line_col_human(&self, text: &str, offset: usize) -> (usize, usize) {
        let p = self.position(text, offset, PositionEncoding::Utf32);
        (p.line as usize + 1, p.character as usize + 1)
    }
}

/// The first `needle` in `hay`, a byte offset. Natively memchr's
/// vectorised search (frontmatter fences and comments are on the hot path of
/// `rolekit check`); in the WebAssembly builds the standard library's, which
/// they link anyway: memchr's searcher has no SIMD there and added 2 KB
/// gzipped.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
    }
    #[cfg(target_arch = "wasm32")]
    {
        hay.find(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "a: 🎯x\nb";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x, PositionEncoding::Utf16), Position { line: 0, character: 5 });
        assert_eq!(index.position(text, x, PositionEncoding::Utf8), Position { line: 0, character: 7 });
        assert_eq!(index.position(text, x, PositionEncoding::Utf32), Position { line: 0, character: 4 });
        assert_eq!(index.offset(text, Position { line: 0, character: 5 }, PositionEncoding::Utf16), x);
    }

    #[test]
    fn crlf_and_bom_do_not_shift_columns() {
        let text = "\u{feff}---\r\nrole: x\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 3, PositionEncoding::Utf16), Position { line: 0, character: 0 });
        let r = text.find("role").unwrap();
        assert_eq!(index.position(text, r, PositionEncoding::Utf16), Position { line: 1, character: 0 });
        assert_eq!(index.offset(text, Position { line: 0, character: 0 }, PositionEncoding::Utf16), 3);
        assert_eq!(index.line_end(text, 1), r + "role: x".len());
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let text = "a\rb\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.position(text, 2, PositionEncoding::Utf16), Position { line: 1, character: 0 });
    }

    #[test]
    fn positions_round_trip_through_every_encoding() {
        let text = "é漢🎯\r\nx\n";
        let index = LineIndex::new(text);
        for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
            for (offset, _) in text.char_indices().filter(|(_, c)| *c != '\r' && *c != '\n') {
                let p = index.position(text, offset, enc);
                assert_eq!(index.offset(text, p, enc), offset, "{enc:?} {offset}");
            }
        }
    }

    #[test]
    fn long_lines_convert_through_checkpoints_and_agree_with_a_scan() {
        let line: String = (0..5_000).map(|i| ["a", "é", "漢", "🎯"][i % 4]).collect();
        let text = format!("x\n{line}\r\n{line}");
        let index = LineIndex::new(&text);
        for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
            for (offset, _) in text.char_indices().step_by(37) {
                let p = index.position(&text, offset, enc);
                let start = index.line_start(p.line as usize);
                assert_eq!(p.character as usize, LineIndex::units(&text, start, offset, enc), "{enc:?} {offset}");
                assert_eq!(index.offset(&text, p, enc), offset, "{enc:?} {offset}");
            }
        }
    }

    #[test]
    fn offsets_clamp_instead_of_panicking() {
        let text = "ab\n";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position { line: 0, character: 99 }, PositionEncoding::Utf16), 2);
        assert_eq!(index.offset(text, Position { line: 9, character: 0 }, PositionEncoding::Utf16), 3);
        assert_eq!(index.position(text, 99, PositionEncoding::Utf16), Position { line: 1, character: 0 });
    }

    #[test]
    fn find_answers_as_the_standard_library_does() {
        for (hay, needle) in [("a---b", "---"), ("", "---"), ("--", "---"), ("é<!--x-->", "<!--"), ("x-->", "-->")] {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
        }
    }
}
