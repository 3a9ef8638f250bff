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

const SEED: &str = include_str!("../../tests/fixtures/platform-engineer.md");
const MESSY: &str = include_str!("../../tests/fixtures/format/comments-anchors.md");

/// A unified diff of what formatting changed (the snapshot of a large file).
fn diff(before: &str, after: &str) -> String {
    let diff = similar::TextDiff::from_lines(before, after);
    diff.unified_diff().context_radius(1).header("before", "after").to_string()
}

/// Line endings and the BOM made visible, for snapshots.
fn visible(text: &str) -> String {
    text.replace('\u{feff}', "<BOM>").replace("\r\n", "␍\n")
}

fn corpus_file(sub: &str, name: &str) -> String {
    let path = rolekit_test_corpus::Corpus::get().dir(sub).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn snapshot_seed() {
    let out = fmt(SEED);
    insta::assert_snapshot!("seed", diff(SEED, &out));
}

#[test]
fn snapshot_corpus_files() {
    for (sub, name, snapshot) in [
        ("wild", "windagency__valora.ai@0a467b4__.ai__agents__platform-engineer.md", "corpus_ai_era_platform_engineer"),
        ("wild", "windagency__valora.ai@0a467b4__.ai__agents__secops-engineer.md", "corpus_ai_era_secops_engineer"),
        ("valora/agents", "asserter.md", "corpus_asserter"),
        ("valora/agents", "_template.md", "corpus_template"),
    ] {
        let text = corpus_file(sub, name);
        let kind = if name.starts_with('_') { Kind::RoleTemplate } else { Kind::Role };
        let out = format(&Document::new(text.clone()), kind, &Config::default());
        assert!(out.refused.is_none(), "{name}: {:?}", out.refused);
        insta::assert_snapshot!(snapshot, diff(&text, &out.text));
    }
}

#[test]
fn snapshot_comments_and_anchors() {
    let out = fmt(MESSY);
    insta::assert_snapshot!("comments_and_anchors", out);
}

#[test]
fn snapshot_crlf_and_bom() {
    let text = format!("\u{feff}{}", MESSY.replace('\n', "\r\n"));
    let out = fmt(&text);
    assert!(out.starts_with('\u{feff}') && !out.replace("\r\n", "").contains('\n'), "line endings or BOM changed");
    assert_eq!(out, format!("\u{feff}{}", fmt(MESSY).replace('\n', "\r\n")), "CRLF+BOM formats like LF");
    insta::assert_snapshot!("crlf_and_bom", visible(&out));
}

#[test]
fn snapshot_options() {
    let config = Config::parse("[format]\nkey-order = \"schema\"\nlist-indent = \"flush\"\nquote = \"single\"\n")
        .unwrap_or_else(|e| panic!("{e:?}"));
    let out = fmt_with(MESSY, &config);
    assert!(out.refused.is_none(), "{:?}", out.refused);
    assert_eq!(out.notes, ["keys left in their order: the frontmatter has aliases, which must follow their anchors"]);
    let no_alias = MESSY.replace("escalation_criteria: *skills", "escalation_criteria: [x]");
    let out = fmt_with(&no_alias, &config);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    insta::assert_snapshot!("options_schema_flush_single", out.text);
}
