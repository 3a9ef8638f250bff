//! Formatter tests: the style on small inputs, the proof, and the corpus.

use super::*;

fn fmt_with(text: &str, config: &Config) -> Formatted {
    format(&Document::new(text.to_string()), Kind::Role, config)
}

fn fmt(text: &str) -> String {
    let out = fmt_with(text, &Config::default());
    assert!(out.refused.is_none(), "refused: {:?}\n{text}", out.refused);
    out.text
}

#[test]
fn small_frontmatter() {
    let text = "---\n\nrole: \"qa\"   # trailing\n'version': '1.0.0'\nlist:\n- a\n-   b\n- \"c\"\nnested:\n    x: 1\n    y:   'it''s'\n---\n# T\n";
    assert_eq!(
        fmt(text),
        "---\nrole: qa # trailing\nversion: \"1.0.0\"\nlist:\n  - a\n  - b\n  - c\nnested:\n  x: 1\n  y: it's\n---\n\n# T\n"
    );
}

/// The corpus (`ROLEKIT_CORPUS`, or the sample in `tests/corpus-sample`) and the seed.
pub(crate) fn corpus_files() -> Vec<std::path::PathBuf> {
    rolekit_test_corpus::files()
}

/// Each corpus file as written, with CRLF line endings, and with CRLF and a BOM.
fn corpus_variants() -> Vec<(String, Kind, String)> {
    let mut out = Vec::new();
    for path in corpus_files() {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let name = path.display().to_string();
        let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x.md").to_string();
        let kind = crate::policy::classify(&Config::default(), Some(&file_name), &text).kind().unwrap_or(Kind::Role);
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        out.push((format!("{name} (CRLF+BOM)"), kind, format!("\u{feff}{crlf}")));
        out.push((format!("{name} (CRLF)"), kind, crlf));
        out.push((name, kind, text));
    }
    out
}

#[test]
fn corpus_is_formatted_idempotently_and_provably() {
    let (mut changed, mut refused, mut notes) = (0, Vec::new(), Vec::new());
    let variants = corpus_variants();
    for (name, kind, text) in &variants {
        let doc = Document::new(text.clone());
        let once = format(&doc, *kind, &Config::default());
        if let Some(why) = &once.refused {
            refused.push(format!("{name}: {why}"));
            continue;
        }
        notes.extend(once.notes.iter().map(|n| format!("{name}: {n}")));
        changed += usize::from(once.changed);
        let twice = format(&Document::new(once.text.clone()), *kind, &Config::default());
        assert!(twice.refused.is_none(), "{name}: second pass refused: {:?}", twice.refused);
        if twice.changed {
            let first_diff = once.text.lines().zip(twice.text.lines()).position(|(a, b)| a != b);
            panic!("{name}: not idempotent at line {first_diff:?}\n{}", twice.text);
        }
    }
    println!("{} inputs, {changed} changed, {} refused, {} notes", variants.len(), refused.len(), notes.len());
    for r in refused.iter().chain(&notes) {
        println!("  {r}");
    }
    // Only the prompt template with a YAML error is refused.
    assert!(refused.iter().all(|r| r.contains("YAML error")), "{refused:#?}");
    assert!(notes.is_empty(), "{notes:#?}");
}


#[test]
fn an_empty_heading_stays_a_heading_when_numbered() {
    let text = "---\nrole: qa\nversion: 1.0.0\n---\n# QA\n\n## 1. Mission Statement\n\nx\n\n##\n\ny\n\n## 9. Responsibilities\n";
    let out = fmt(text);
    assert!(out.contains("\n## 2.\n") && out.contains("\n## 3. Responsibilities\n"), "{out}");
    assert_eq!(fmt(&out), out);
}
