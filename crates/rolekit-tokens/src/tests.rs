//! Counts pinned to OpenAI's `tiktoken`: `references.json` beside this file
//! holds the strings (ASCII, code, white space, numbers, contractions,
//! emoji, mojibake, CJK, mixed scripts) and the seed, each with its count in
//! both encodings, as `tests/tokens/tiktoken_reference.py references` checks
//! (and `--write` rewrites) them with tiktoken itself, given the
//! vocabularies compiled in here after checking their SHA-256 against the
//! hashes tiktoken pins. `scripts/test.d/65-tokens.sh` runs that check and
//! compares `rolekit stats` with tiktoken on every corpus file.

use rolekit_core::tokens::{self, Encoding, TokenCounter};
use rolekit_core::Document;
use serde_json::Value;

use super::Tokenizer;

fn references() -> Value {
    serde_json::from_str(include_str!("references.json")).unwrap_or_else(|e| panic!("references.json: {e}"))
}

fn pinned(item: &Value, encoding: Encoding) -> usize {
    item[encoding.as_str()].as_u64().unwrap_or_else(|| panic!("no {encoding} count in {item}")) as usize
}

fn seed() -> String {
    std::fs::read_to_string(rolekit_test_corpus::SEED).unwrap_or_else(|e| panic!("{}: {e}", rolekit_test_corpus::SEED))
}

fn seed_count(encoding: Encoding) -> usize {
    pinned(&references()["seed"], encoding)
}

#[test]
fn reference_strings() {
    let refs = references();
    let strings = refs["strings"].as_array().cloned().unwrap_or_default();
    assert!(strings.len() >= 10);
    let mut wrong = Vec::new();
    for item in &strings {
        let text = item["text"].as_str().unwrap_or_default();
        for encoding in Encoding::ALL.iter().copied() {
            let got = Tokenizer::get(encoding).count(text);
            if got != pinned(item, encoding) {
                wrong.push(format!("{} {encoding}: got {got}, tiktoken says {}", item["name"], pinned(item, encoding)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_seed() {
    let text = seed();
    assert_eq!(Tokenizer::get(Encoding::O200kBase).count(&text), seed_count(Encoding::O200kBase));
    assert_eq!(Tokenizer::get(Encoding::Cl100kBase).count(&text), seed_count(Encoding::Cl100kBase));
    assert_eq!((seed_count(Encoding::O200kBase), seed_count(Encoding::Cl100kBase)), (4113, 4181));
}

#[test]
fn the_seed_part_by_part() {
    let doc = Document::new(seed());
    for encoding in Encoding::ALL.iter().copied() {
        let whole = seed_count(encoding);
        let t = tokens::file_tokens(&doc, Tokenizer::get(encoding));
        assert_eq!(t.file, whole, "{encoding}");
        assert_eq!(t.parts_total(), whole, "{encoding}: the parts add up to the file");
        assert_eq!(t.sections.len(), 12, "{encoding}");
        assert!(t.sections.iter().all(|s| s.tokens > 0), "{encoding}");
        // Each part alone is within a few tokens of its share: pieces that
        // straddle a cut (a fence's line break) are the only difference.
        let text = doc.text();
        let tok = Tokenizer::get(encoding);
        for s in &t.sections {
            let alone = tok.count(s.range.slice(text));
            assert!(alone.abs_diff(s.tokens) <= 2, "{encoding} {}: {alone} alone, {}", s.title.slice(text), s.tokens);
        }
    }
}

#[test]
fn spans_add_up_whatever_the_cuts() {
    let text = seed();
    let tok = Tokenizer::get(Encoding::O200kBase);
    let boundaries: Vec<usize> = (0..text.len()).step_by(997).filter(|i| text.is_char_boundary(*i)).collect();
    let spans = tok.count_spans(&text, &boundaries);
    assert_eq!(spans.len(), boundaries.len() + 1);
    assert_eq!(spans.iter().sum::<usize>(), seed_count(Encoding::O200kBase));
    assert_eq!(tok.count_spans("", &[]), vec![0]);
    assert_eq!(tok.count_spans("abc", &[0, 3, 3]), vec![0, 1, 0, 0]);
}

#[test]
fn pieces_start_in_order_on_character_boundaries() {
    let tok = Tokenizer::get(Encoding::Cl100kBase);
    for item in references()["strings"].as_array().cloned().unwrap_or_default() {
        let text = item["text"].as_str().unwrap_or_default();
        let mut starts = Vec::new();
        tok.for_each_piece(text, |start, n| {
            assert!(n > 0, "{text:?}");
            starts.push(start);
        });
        assert_eq!(starts.first().copied(), (!text.is_empty()).then_some(0), "{text:?}");
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{text:?}");
        assert!(starts.iter().all(|s| text.is_char_boundary(*s)), "{text:?}");
    }
}

#[test]
fn parents_are_remembered_by_their_text() {
    use std::sync::Arc;
    let tok = Tokenizer::get(Encoding::O200kBase);
    let parent = |text: &str| rolekit_core::analysis::Parent {
        document: Arc::new(Document::new(text.to_string())),
        location: "base.md".to_string(),
    };
    assert_eq!(tok.count_parent(&parent("Hello, world!")), 4);
    assert_eq!(tok.count_parent(&parent("Hello, world!")), 4);
    assert_eq!(tok.count_parent(&parent("Hello, world! Again.")), 6);
}

#[test]
fn loaded_on_first_use() {
    let _ = Tokenizer::get(Encoding::Cl100kBase);
    assert!(Tokenizer::is_loaded(Encoding::Cl100kBase));
    assert_eq!(Tokenizer::get(Encoding::Cl100kBase).encoding(), Encoding::Cl100kBase);
}
