//! Fix all, as a property over the corpus and mutated copies of it: whatever
//! the input, the fixed text has no new error, keeps every anchor, alias,
//! line ending kind and the BOM and at least as many comments, and a second
//! run applies nothing.
//!
//! Mutations are the kinds of damage that made fixes lose data before: quoted
//! booleans next to comments and anchors, aliases, wrong and odd section
//! numbers, setext-looking paragraphs, mojibake, CRLF, a BOM, duplicated and
//! deleted lines.

use proptest::prelude::*;
use rolekit_core::analysis::{self, Context};
use rolekit_core::{fix, Document, Edit, TextRange};

fn corpus() -> &'static [String] {
    static FILES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        rolekit_test_corpus::files()
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter(|t| t.len() < 64 * 1024)
            .collect()
    })
}

/// Line-level damage, applied at a line chosen by the fuzzer.
#[derive(Clone, Debug)]
enum Mutation {
    QuoteABoolean,
    CommentAfterValue,
    AnchorAndAlias,
    MisnumberHeading(u32),
    OddNumberForm,
    SetextBreak,
    Mojibake,
    DuplicateLine,
    DeleteLine,
    HtmlComment,
}

fn mutation() -> impl Strategy<Value = (Mutation, usize)> {
    let m = prop_oneof![
        Just(Mutation::QuoteABoolean),
        Just(Mutation::CommentAfterValue),
        Just(Mutation::AnchorAndAlias),
        (0u32..20).prop_map(Mutation::MisnumberHeading),
        Just(Mutation::OddNumberForm),
        Just(Mutation::SetextBreak),
        Just(Mutation::Mojibake),
        Just(Mutation::DuplicateLine),
        Just(Mutation::DeleteLine),
        Just(Mutation::HtmlComment),
    ];
    (m, any::<usize>())
}

fn mutate(text: &str, mutations: &[(Mutation, usize)], crlf: bool, bom: bool) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (m, at) in mutations {
        if lines.is_empty() {
            break;
        }
        let i = at % lines.len();
        let line = lines[i].clone();
        match m {
            Mutation::QuoteABoolean => {
                lines[i] = line.replacen(": true", ": \"true\"", 1).replacen(": false", ": 'false'", 1)
            }
            Mutation::CommentAfterValue if line.contains(": ") => lines[i] = format!("{line} # keep me"),
            Mutation::AnchorAndAlias if line.contains(": ") && !line.trim_start().starts_with('-') => {
                lines[i] = line.replacen(": ", ": &anchor ", 1);
                lines.insert(
                    i + 1,
                    format!("{}alias_of_anchor: *anchor", " ".repeat(line.len() - line.trim_start().len())),
                );
            }
            Mutation::MisnumberHeading(n) if line.starts_with("## ") => {
                let title = line[3..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
                lines[i] = format!("## {n}. {title}");
            }
            Mutation::OddNumberForm if line.starts_with("## ") => lines[i] = line.replacen(". ", " ", 1),
            Mutation::SetextBreak => {
                lines.insert(i, "---".to_string());
                lines.insert(i, "See the runbook.".to_string());
            }
            Mutation::Mojibake => lines[i] = format!("{line} \u{201a}\u{00fa}\u{00d6}"),
            Mutation::DuplicateLine => lines.insert(i, line),
            Mutation::DeleteLine => {
                lines.remove(i);
            }
            Mutation::HtmlComment => lines.insert(i, "<!-- keep this comment -->".to_string()),
            _ => {}
        }
    }
    let newline = if crlf { "\r\n" } else { "\n" };
    let mut out = if bom { String::from('\u{feff}') } else { String::new() };
    for l in lines {
        out.push_str(&l);
        out.push_str(newline);
    }
    out
}

/// Checks one input; `Ok(true)` when fixes were applied.
fn check_fix_all(text: String) -> Result<bool, TestCaseError> {
    let before = Document::new(text);
    let ctx = Context { file_stem: Some("x"), ..Default::default() };
    let before_diagnostics = analysis::check(&before, &ctx);
    let out = fix::fix_all(before.clone(), &ctx);
    if out.applied == 0 {
        prop_assert_eq!(out.document.text(), before.text());
        return Ok(false);
    }
    let whole = Edit::replace(TextRange::new(0, before.text().len()), "");
    let verdict = fix::verify(&before, &before_diagnostics, &[whole], &out.document, &out.diagnostics);
    prop_assert!(verdict.is_ok(), "{:?}\n--- before\n{}\n--- after\n{}", verdict, before.text(), out.document.text());
    let again = fix::fix_all(out.document.clone(), &ctx);
    prop_assert_eq!(again.applied, 0, "not idempotent:\n{}", out.document.text());
    Ok(true)
}

#[test]
fn fix_all_on_the_corpus_as_it_is() {
    let mut fixed = 0;
    for text in corpus() {
        match check_fix_all(text.clone()) {
            Ok(applied) => fixed += usize::from(applied),
            Err(e) => panic!("{e}"),
        }
    }
    assert!(fixed > 0, "no corpus file got a fix: the property is not exercised");
}

#[test]
fn mutations_make_fixes_to_prove() {
    let seed = std::fs::read_to_string(rolekit_test_corpus::SEED).unwrap_or_default();
    let damage = [(Mutation::QuoteABoolean, 14), (Mutation::AnchorAndAlias, 14), (Mutation::OddNumberForm, 120)];
    let mut applied = 0;
    for (m, line) in damage {
        let text = mutate(&seed, &[(m, line)], true, true);
        applied += usize::from(check_fix_all(text).unwrap_or_else(|e| panic!("{e}")));
    }
    assert!(applied > 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fix_all_on_mutated_corpus_files(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let files = corpus();
        prop_assume!(!files.is_empty());
        let text = mutate(&files[file.index(files.len())], &mutations, crlf, bom);
        check_fix_all(text)?;
    }
}
