//! Counts pinned to OpenAI's `tiktoken` 0.14.0: the strings and numbers
//! below are what `tests/tokens/tiktoken_reference.py strings` prints (the
//! script gives tiktoken the vocabularies compiled in here, after checking
//! their SHA-256 against the hashes tiktoken pins). `scripts/test.d/65-tokens.sh`
//! compares whole corpus files the same way.

use rolekit_core::tokens::{self, Encoding, TokenCounter};
use rolekit_core::Document;

use super::Tokenizer;

/// (name, text, o200k_base, cl100k_base)
const REFERENCES: &[(&str, &str, usize, usize)] = &[
    ("empty", "", 0, 0),
    ("hello", "Hello, world!", 4, 4),
    (
        "ascii",
        "You are a senior platform engineer. Design resilient, observable infrastructure; review Terraform and Kubernetes changes.\n",
        19,
        20,
    ),
    ("code", "```yaml\ncapabilities:\n  can_write_code: true\n  can_review_code: false\n```\n", 22, 21),
    ("spaces", "a  b   c\n\n\n   \t x  \r\n  y   ", 12, 12),
    ("numbers", "Version 1.0.0, 12345 files, 3.14159 ratio, 2024-05-01.", 28, 28),
    ("contractions", "It's what they'll say: we've, I'm, you'd, THEY'RE, don't.", 17, 22),
    ("emoji", "- ✅ **Can write code** 🚀🔥 — ≥70% coverage 👩‍💻", 20, 25),
    ("mojibake", "- ‚úÖ **Can write knowledge documentation** ‚â•70%", 15, 17),
    (
        "cjk",
        "你是一名资深平台工程师。负责设计可靠的基础设施。日本語のテキストも数えます。한국어 문장도 있습니다.",
        34,
        52,
    ),
    ("mixed", "Ünïcödé façade naïve café — Zürich, Ελληνικά, Русский текст, עברית, العربية.", 24, 46),
];

/// The seed (`../shared/seed/platform-engineer.md`, byte-exact), whole.
const SEED_O200K: usize = 4113;
const SEED_CL100K: usize = 4181;

fn seed() -> String {
    std::fs::read_to_string(rolekit_test_corpus::SEED).unwrap_or_else(|e| panic!("{}: {e}", rolekit_test_corpus::SEED))
}

#[test]
fn reference_strings() {
    let o200k = Tokenizer::get(Encoding::O200kBase);
    let cl100k = Tokenizer::get(Encoding::Cl100kBase);
    let mut wrong = Vec::new();
    for &(name, text, want_o200k, want_cl100k) in REFERENCES {
        let got = (o200k.count(text), cl100k.count(text));
        if got != (want_o200k, want_cl100k) {
            wrong.push(format!("{name}: got {got:?}, tiktoken says {:?}", (want_o200k, want_cl100k)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_seed() {
    let text = seed();
    assert_eq!(Tokenizer::get(Encoding::O200kBase).count(&text), SEED_O200K);
    assert_eq!(Tokenizer::get(Encoding::Cl100kBase).count(&text), SEED_CL100K);
}

#[test]
fn the_seed_part_by_part() {
    let doc = Document::new(seed());
    for (encoding, whole) in [(Encoding::O200kBase, SEED_O200K), (Encoding::Cl100kBase, SEED_CL100K)] {
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
    assert_eq!(spans.iter().sum::<usize>(), SEED_O200K);
    assert_eq!(tok.count_spans("", &[]), vec![0]);
    assert_eq!(tok.count_spans("abc", &[0, 3, 3]), vec![0, 1, 0, 0]);
}

#[test]
fn pieces_start_in_order_on_character_boundaries() {
    let tok = Tokenizer::get(Encoding::Cl100kBase);
    for &(_, text, ..) in REFERENCES {
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
