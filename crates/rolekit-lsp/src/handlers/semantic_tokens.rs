//! `textDocument/semanticTokens/full` and `/range`: the core's tokens
//! (`ide::semantic_tokens`, sorted byte ranges) in LSP's relative form,
//! five integers a token, in the negotiated position encoding.
//!
//! A token that spans lines (a multi-line plain scalar naming an enum value
//! is rare, but possible) is sent as one token per line: the specification
//! leaves the length of a multi-line token to each client, while per-line
//! tokens mean the same to every client, whether it declares
//! `multilineTokenSupport` or not.

use ls_types as lsp;
use rolekit_core::ide::semantic_tokens::{self, SemanticToken, TokenKind};
use rolekit_core::TextRange;

use crate::convert::Lines;
use crate::workspace::Snapshot;

/// The token types, in legend order (a token's type is its index here).
const TYPES: [lsp::SemanticTokenType; 5] = [
    lsp::SemanticTokenType::PROPERTY,
    lsp::SemanticTokenType::ENUM_MEMBER,
    lsp::SemanticTokenType::TYPE,
    lsp::SemanticTokenType::VARIABLE,
    lsp::SemanticTokenType::NUMBER,
];

/// The modifiers, in legend order (bit `i` is modifier `i`).
const MODIFIERS: [lsp::SemanticTokenModifier; 1] = [lsp::SemanticTokenModifier::DECLARATION];

/// The legend `initialize` announces.
pub fn legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend { token_types: TYPES.to_vec(), token_modifiers: MODIFIERS.to_vec() }
}

fn type_index(kind: TokenKind) -> u32 {
    match kind {
        TokenKind::Key => 0,
        TokenKind::EnumMember => 1,
        TokenKind::Reference => 2,
        TokenKind::Alias => 3,
        TokenKind::SectionNumber => 4,
    }
}

/// `semanticTokens/full`.
pub fn full(snap: &Snapshot) -> Option<lsp::SemanticTokensResult> {
    let data = encode(snap, None)?;
    Some(lsp::SemanticTokensResult::Tokens(lsp::SemanticTokens { result_id: None, data }))
}

/// `semanticTokens/range`: the tokens that overlap `range`.
pub fn range(snap: &Snapshot, range: lsp::Range) -> Option<lsp::SemanticTokensRangeResult> {
    let within = snap.lines().text_range(range);
    let data = encode(snap, Some(within))?;
    Some(lsp::SemanticTokensRangeResult::Tokens(lsp::SemanticTokens { result_id: None, data }))
}

fn encode(snap: &Snapshot, within: Option<TextRange>) -> Option<Vec<lsp::SemanticToken>> {
    let path = snap.relative_path();
    let place = snap.place(path.as_deref())?;
    let tokens = semantic_tokens::semantic_tokens(&snap.doc, &place);
    let lines = snap.lines();
    let mut out = Vec::with_capacity(tokens.len());
    let mut last = lsp::Position { line: 0, character: 0 };
    for t in tokens {
        if within.is_some_and(|w| t.range.end() <= w.start() || t.range.start() >= w.end()) {
            continue;
        }
        for piece in per_line(t.range, lines) {
            push(&mut out, &mut last, piece, t, lines);
        }
    }
    Some(out)
}

/// `range` cut at line breaks (each piece without its break; empty pieces dropped).
fn per_line(range: TextRange, lines: Lines<'_>) -> impl Iterator<Item = TextRange> + '_ {
    let first = lines.index.line_of(range.start());
    let last = lines.index.line_of(range.end());
    (first..=last).filter_map(move |line| {
        let start = range.start().max(lines.index.line_start(line));
        let end = range.end().min(lines.index.line_end(lines.text, line));
        (start < end).then(|| TextRange::new(start, end))
    })
}

fn push(
    out: &mut Vec<lsp::SemanticToken>,
    last: &mut lsp::Position,
    piece: TextRange,
    t: SemanticToken,
    lines: Lines<'_>,
) {
    let start = lines.position(piece.start());
    let end = lines.position(piece.end());
    let length = end.character.saturating_sub(start.character);
    if length == 0 {
        return;
    }
    let delta_line = start.line.saturating_sub(last.line);
    let delta_start = if delta_line == 0 { start.character.saturating_sub(last.character) } else { start.character };
    out.push(lsp::SemanticToken {
        delta_line,
        delta_start,
        length,
        token_type: type_index(t.kind),
        token_modifiers_bitset: u32::from(t.declaration),
    });
    *last = start;
}
