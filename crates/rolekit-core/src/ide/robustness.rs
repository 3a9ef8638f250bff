//! Every feature at every offset of real and broken files: no panic, and
//! ranges that stay inside the text on char boundaries. Plus a timing
//! measurement of the per-keystroke features (run with `--ignored --nocapture`).

use super::testutil::{boundaries, roles, BROKEN, SEED};
use super::*;
use crate::analysis;
use crate::document::Document;
use crate::policy::{Dialect, Kind};
use crate::text::TextRange;

fn valid(text: &str, r: TextRange) -> bool {
    r.start <= r.end && r.end() <= text.len() && text.is_char_boundary(r.start()) && text.is_char_boundary(r.end())
}

fn every_offset(text: &str) {
    let doc = Document::new(text.to_string());
    let diagnostics = analysis::check(&doc, &analysis::Context::default());
    let roles = roles();
    let t = doc.text();
    for s in document_symbols(&doc) {
        assert!(valid(t, s.range) && valid(t, s.selection_range));
    }
    for f in folding_ranges(&doc) {
        assert!(valid(t, f.range));
    }
    for l in document_links(&doc, &roles) {
        assert!(valid(t, l.range));
    }
    let schemas = crate::policy::Schemas::built_in();
    let place = project::Place { kind: crate::policy::Kind::Role, schemas: &schemas, path: Some("r.md") };
    let claude = project::Place { kind: crate::policy::Kind::Dialect(crate::policy::Dialect::ClaudeAgent), ..place };
    let tokens = semantic_tokens::semantic_tokens(&doc, &place);
    assert!(tokens.iter().all(|s| valid(t, s.range)));
    assert!(tokens.windows(2).all(|w| w[0].range.end() <= w[1].range.start()), "sorted, non-overlapping");
    for offset in boundaries(t) {
        let _ = context::cursor_context(&doc, offset);
        for c in completions(&doc, offset, &roles, None) {
            assert!(valid(t, c.range), "completion {c:?} at {offset}");
        }
        if let Some(h) = hover(&doc, offset, &diagnostics, &roles) {
            assert!(valid(t, h.range), "hover at {offset}");
        }
        let ranges = selection_ranges(&doc, offset);
        for w in ranges.windows(2) {
            assert!(w[1].contains_range(w[0]) && w[0] != w[1], "selection at {offset}: {ranges:?}");
        }
        assert!(ranges.iter().all(|r| valid(t, *r)));
        let _ = definition(&doc, offset, &roles);
        let end = (offset + 7).min(t.len() + 3);
        for place in [&place, &claude] {
            for a in code_actions(&doc, place, TextRange::new(offset, end), &diagnostics, None) {
                assert!(a.edits.iter().all(|e| valid(t, e.range)), "{a:?}");
            }
        }
    }
}

#[test]
fn no_panic_on_the_seed() {
    every_offset(SEED);
}

#[test]
fn no_panic_on_broken_files() {
    every_offset(BROKEN);
    for text in [
        "",
        "---",
        "---\n",
        "---\n---",
        "\u{feff}",
        "\u{feff}---\r\nrole: é漢🎯\r\ntone: [\r\n  - : :\r\n---\r\n# 🎯\r\n## \r\n",
        "---\n- a\n- b\n---\n",
        "---\nkey: |\n  text\n    - x\n---\n",
        "---\n\"quoted key\": 'v''x' # c\n'a': \"b\\\" #\"\n---\n",
        "---\nconstraints:\n-\n  - :\n    -\n---\n",
        "---\na:\n\tb: 1\n---\n",
        "---\r\rrole: x\r---\r# T\r",
        "## 1. Mission\n- a\n  - b\n```\n## x",
    ] {
        every_offset(text);
    }
}

/// The corpus (`ROLEKIT_CORPUS` or the sample, see `rolekit-test-corpus`):
/// every feature at the start, middle and end of every line of every Markdown
/// file, as written and with CRLF.
#[test]
fn no_panic_on_the_corpus() {
    let mut files = 0;
    let roles = roles();
    let schemas = crate::policy::Schemas::built_in();
    for path in rolekit_test_corpus::files() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        files += 1;
        for text in [text.clone(), text.replace('\n', "\r\n")] {
            let doc = Document::new(text);
            let t = doc.text();
            let _ = (document_symbols(&doc), folding_ranges(&doc), document_links(&doc, &roles));
            let index = doc.line_index();
            for line in 0..index.line_count() {
                let (start, end) = (index.line_start(line), index.line_end(t, line));
                let mut mid = (start + end) / 2;
                while !t.is_char_boundary(mid) {
                    mid -= 1;
                }
                for offset in [start, mid, end] {
                    for c in completions(&doc, offset, &roles, None) {
                        assert!(valid(t, c.range), "{path:?} {offset}");
                    }
                    if let Some(h) = hover(&doc, offset, &[], &roles) {
                        assert!(valid(t, h.range), "{path:?} {offset}");
                    }
                }
                // Selection re-parses the body's Markdown: a sample of lines is enough.
                if line % 16 == 0 {
                    assert!(selection_ranges(&doc, mid).iter().all(|r| valid(t, *r)), "{path:?} {mid}");
                    for kind in [Kind::Role, Kind::Dialect(Dialect::ClaudeAgent), Kind::Dialect(Dialect::CopilotPrompt)]
                    {
                        let place = project::Place { kind, schemas: &schemas, path: None };
                        let _ = code_actions(&doc, &place, TextRange::new(start, end), &[], None);
                    }
                }
            }
        }
    }
    println!("{files} corpus files");
}

/// Per-keystroke cost on the seed (a measurement, not an assertion).
#[test]
#[ignore]
fn measure_completion_and_hover_on_the_seed() {
    use std::time::Instant;
    let doc = Document::new(SEED.to_string());
    let diagnostics = analysis::check(&doc, &analysis::Context::default());
    let roles = roles();
    let spots = [
        ("tone", SEED.find("tone: ").unwrap_or(0) + 8),
        ("approval item", SEED.find("    - commit").unwrap_or(0) + 8),
        ("autonomy", SEED.find("autonomy_level: ").unwrap_or(0) + 17),
        ("last key", SEED.find("include_alternatives").unwrap_or(0) + 3),
        ("body heading", SEED.find("## 5.").unwrap_or(0) + 2),
        ("body text", SEED.len() - 30),
    ];
    let n = 2000;
    for (name, offset) in spots {
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(completions(&doc, offset, &roles, None));
        }
        let completion = start.elapsed() / n;
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(hover(&doc, offset, &diagnostics, &roles));
        }
        let hover_time = start.elapsed() / n;
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(context::cursor_context(&doc, offset));
        }
        let ctx_time = start.elapsed() / n;
        println!("{name:>14}: completion {completion:?}, hover {hover_time:?} (cursor context {ctx_time:?})");
    }
}
