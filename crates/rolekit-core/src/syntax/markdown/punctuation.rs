//! The character classes of emphasis flanking (CommonMark 0.31, section 2.1):
//! Unicode whitespace (`Zs` and the ASCII spaces) and Unicode punctuation
//! (general categories `P` and `S`).
//!
//! Punctuation is an approximation, to keep the WebAssembly modules free of
//! Unicode tables: all of ASCII, and the blocks of non-ASCII punctuation and
//! symbols that text actually uses (Latin-1 signs, general punctuation,
//! currency, arrows, mathematical and technical symbols, box drawing,
//! dingbats, CJK and fullwidth punctuation, emoji). Letters and digits of
//! those blocks are rare enough next to `*` and `_` not to matter; the
//! differential tests run the corpus through both.

/// Unicode whitespace.
pub(super) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\x0c' | '\r' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Unicode punctuation or symbol (approximate outside ASCII, see the module docs).
pub(super) fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(c,
        '\u{a1}'..='\u{a9}' | '\u{ab}' | '\u{ac}' | '\u{ae}'..='\u{b1}' | '\u{b4}' | '\u{b6}'..='\u{b8}' | '\u{bb}' | '\u{bf}'
        | '\u{d7}' | '\u{f7}'
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}'
        | '\u{20a0}'..='\u{20c0}'
        | '\u{2190}'..='\u{23ff}'
        | '\u{2500}'..='\u{2775}' | '\u{2794}'..='\u{2bff}'
        | '\u{2e00}'..='\u{2e7f}'
        | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301f}'
        | '\u{fe10}'..='\u{fe19}' | '\u{fe30}'..='\u{fe6b}'
        | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}' | '\u{ff5b}'..='\u{ff65}'
        | '\u{1f000}'..='\u{1f0ff}' | '\u{1f10d}'..='\u{1f1ff}' | '\u{1f300}'..='\u{1faff}'
    )
}
