//! Incremental edits == the whole text: LSP content changes (ranged, in
//! UTF-16, UTF-8 or UTF-32 positions, several per notification, over parsed
//! and unparsed documents, CRLF, lone CR and BOM texts, multi-byte and
//! astral characters) applied by the server give exactly the text the same
//! edits give applied to a string, and the analysis of that text is the
//! fresh analysis of it.

use std::sync::Arc;

use ls_types as lsp;
use proptest::prelude::*;
use rolekit_core::{analysis, Document, LineIndex, PositionEncoding};
use rolekit_lsp::workspace::document::{Content, OpenDocument};

const SEED: &str = include_str!("../../../examples/roles/platform-engineer.md");

/// Pieces edits insert: line breaks of every kind, multi-byte and astral
/// characters, YAML and Markdown syntax.
const PIECES: &[&str] = &[
    "",
    "a",
    " ",
    "\n",
    "\r\n",
    "\r",
    "é",
    "✅",
    "😀",
    "𝔘",
    "---\n",
    "role: x\n",
    "## 2. Expertise Scope\n",
    "- item\n",
    "  nested: true\n",
    "\"quoted\"",
    "# c\n",
    "\u{feff}",
];

/// An edit as byte fractions of the current text, resolved to char boundaries when applied.
#[derive(Clone, Debug)]
struct Edit {
    start: f64,
    len: f64,
    insert: Vec<usize>,
}

fn edit() -> impl Strategy<Value = Edit> {
    (0.0..=1.0f64, 0.0..=0.2f64, prop::collection::vec(0..PIECES.len(), 0..4)).prop_map(|(start, len, insert)| Edit {
        start,
        len,
        insert,
    })
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn base() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(SEED.to_string()),
        Just(SEED.replace('\n', "\r\n")),
        Just(format!("\u{feff}{}", SEED.replace('\n', "\r"))),
        Just(String::new()),
        Just("---\nrole: é😀\n---\n# 𝔘\n".to_string()),
    ]
}

fn encoding() -> impl Strategy<Value = PositionEncoding> {
    prop_oneof![Just(PositionEncoding::Utf16), Just(PositionEncoding::Utf8), Just(PositionEncoding::Utf32)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn incremental_edits_equal_the_whole_text(
        text in base(),
        notifications in prop::collection::vec(prop::collection::vec(edit(), 1..4), 1..5),
        encoding in encoding(),
        parsed in any::<bool>(),
    ) {
        let mut expected = text.clone();
        let mut doc = OpenDocument::new(1, 1, text);
        for (n, edits) in notifications.iter().enumerate() {
            if parsed {
                doc.content = Content::Parsed(Arc::new(Document::new(expected.clone())));
            }
            let mut changes = Vec::new();
            for e in edits {
                // Positions are in the text as the previous changes of this notification left it.
                let start = boundary(&expected, (e.start * expected.len() as f64) as usize);
                let end = boundary(&expected, start + (e.len * expected.len() as f64) as usize).max(start);
                let insert: String = e.insert.iter().map(|&i| PIECES[i]).collect();
                let index = LineIndex::new(&expected);
                let to_lsp = |offset| {
                    let p = index.position(&expected, offset, encoding);
                    lsp::Position { line: p.line, character: p.character }
                };
                let range = lsp::Range { start: to_lsp(start), end: to_lsp(end) };
                // A change that would split a `\r\n` moves the edit: the same bytes on both sides.
                let (start, end) = {
                    let back = |p: lsp::Position| {
                        index.offset(&expected, rolekit_core::Position { line: p.line, character: p.character }, encoding)
                    };
                    (back(range.start), back(range.end))
                };
                changes.push(lsp::TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: insert.clone() });
                expected.replace_range(start..end, &insert);
            }
            let next = doc.apply_changes(changes, encoding);
            prop_assert_eq!(next.as_deref(), Ok(expected.as_str()), "notification {}", n);
            let _ = doc.set_text(n as i32 + 2, n as u64 + 2, expected.clone());
        }
        // The analysis of the edited text is the fresh analysis of that text.
        let ctx = analysis::Context::default();
        let edited = Document::new(doc.content.text().to_string());
        let fresh = Document::new(expected.clone());
        prop_assert_eq!(analysis::check(&edited, &ctx), analysis::check(&fresh, &ctx));
    }
}
