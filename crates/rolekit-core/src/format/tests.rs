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

/// `fmt` on a frontmatter alone: the formatted lines between the fences.
fn yaml(frontmatter: &str) -> String {
    let out = fmt(&format!("---\n{frontmatter}---\n"));
    out.strip_prefix("---\n").and_then(|s| s.strip_suffix("---\n")).unwrap_or(&out).to_string()
}

#[test]
fn block_scalars_are_reindented_and_keep_their_content() {
    assert_eq!(
        yaml("a: |\n      deep\n        deeper   \n\n      end\nb: 1\n"),
        "a: |\n  deep\n    deeper   \n\n  end\nb: 1\n"
    );
    assert_eq!(yaml("keep: |+\n    x\n\n\nnext: 1\n"), "keep: |+\n  x\n\n\nnext: 1\n");
    assert_eq!(yaml("strip: >-\n    x\n\n\nnext: 1\n"), "strip: >-\n  x\n\nnext: 1\n");
    assert_eq!(yaml("list:\n- |\n  in a list\n- after\n"), "list:\n  - |\n    in a list\n  - after\n");
    assert_eq!(yaml("c: |  # header comment\n  x\n"), "c: | # header comment\n  x\n");
}

#[test]
fn flow_collections_become_block_ones_unless_empty_or_commented() {
    assert_eq!(yaml("t: [a, 'b', {k: v}]\n"), "t:\n  - a\n  - b\n  - k: v\n");
    assert_eq!(yaml("m: {a: [1, 2]}\n"), "m:\n  a:\n    - 1\n    - 2\n");
    assert_eq!(yaml("e: []\nf: {}\n"), "e: []\nf: {}\n");
    assert_eq!(yaml("c: [a, # why\n  b]\n"), "c: [a, # why\n  b]\n");
    assert_eq!(yaml("x: &a [1]\ny: *a\n"), "x: &a\n  - 1\ny: *a\n");
}

#[test]
fn comments_stay_where_they_are() {
    assert_eq!(yaml("k:   # on the key\n  - x\n"), "k: # on the key\n  - x\n");
    assert_eq!(yaml("l:\n  - # on the dash\n    k: v\n"), "l:\n  - # on the dash\n    k: v\n");
    assert_eq!(
        yaml("m:\n  a: 1\n        # deeper, after the last\nn: 2\n"),
        "m:\n  a: 1\n  # deeper, after the last\nn: 2\n"
    );
    assert_eq!(yaml("m:\n  a: 1\n# before n\nn: 2\n"), "m:\n  a: 1\n# before n\nn: 2\n");
    assert_eq!(yaml("k:\n  # before the value\n  value\n"), "k:\n  # before the value\n  value\n");
    assert_eq!(yaml("k: # after the key\n  value\n"), "k: # after the key\n  value\n");
    assert_eq!(yaml("# only\n# comments\n"), "# only\n# comments\n");
}

#[test]
fn blank_lines_are_one_at_most_and_never_first_or_last() {
    assert_eq!(yaml("\n\na: 1\n\n\n\nb:\n\n  - x\n\n  - y\n\n"), "a: 1\n\nb:\n  - x\n\n  - y\n");
    assert_eq!(yaml("a: 1\n\n# c\n\nb: 2\n"), "a: 1\n\n# c\n\nb: 2\n");
}

#[test]
fn types_never_change() {
    assert_eq!(
        yaml("a: 1.0\nb: \"1.0\"\nc: 'true'\nd: \"yes\"\ne: \"2025-01-01\"\nf: \"null\"\ng: ''\nh: !!str 1\ni: \"~\"\nj: \"x\"\n"),
        "a: 1.0\nb: \"1.0\"\nc: \"true\"\nd: \"yes\"\ne: \"2025-01-01\"\nf: \"null\"\ng: \"\"\nh: !!str 1\ni: \"~\"\nj: x\n"
    );
}

#[test]
fn anchors_tags_and_empty_values() {
    assert_eq!(
        yaml("a: &x\n    k: v\nb: *x\nc: !!map\n  k: v\nd:\ne: &n\nf: ~\n"),
        "a: &x\n  k: v\nb: *x\nc: !!map\n  k: v\nd:\ne: &n\nf: ~\n"
    );
    assert_eq!(yaml("l:\n-   &i one\n- *i\n-\n"), "l:\n  - &i one\n  - *i\n  -\n");
}

#[test]
fn multi_line_scalars_keep_their_lines() {
    assert_eq!(yaml("p: one\n      two   \n      three\n"), "p: one\n  two\n  three\n");
    assert_eq!(yaml("q: \"one\n   two\"\n"), "q: \"one\n  two\"\n");
}

#[test]
fn unsupported_yaml_is_left_as_written_and_the_body_still_formatted() {
    let text = "---\n? complex\n: key\n---\n# T\n## Mission Statement\n";
    let out = fmt_with(text, &Config::default());
    assert_eq!(out.text, "---\n? complex\n: key\n---\n\n# T\n\n## 1. Mission Statement\n");
    assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
    assert!(out.notes[0].starts_with("frontmatter left as it is: a complex key"), "{:?}", out.notes);
}

#[test]
fn refusals_leave_the_text_as_it_is() {
    for (text, why) in [
        ("---\nrole: [x\n---\n# T  \n", "YAML error at line"),
        ("---\nrole: x\n# T  \n", "no closing `---`"),
        ("---\r\nrole: x\n---\n# T  \n", "mixes line endings"),
    ] {
        let out = fmt_with(text, &Config::default());
        assert_eq!(out.text, text);
        assert!(!out.changed);
        let reason = out.refused.map(|r| r.to_string()).unwrap_or_default();
        assert!(reason.contains(why), "{reason}");
    }
}

#[test]
fn the_body_keeps_what_white_space_means() {
    let text = "---\nrole: x\n---\n# T\nline with a hard break  \nnext line\ntrailing tab\t\n\n```\ncode   \n```\n\n    indented code   \n\n<div>  \n</div>\n\n<!-- a comment   \n-->\nSetext\n------\ntext\n## Last";
    let out = fmt(text);
    assert_eq!(
        out,
        "---\nrole: x\n---\n\n# T\n\nline with a hard break  \nnext line\ntrailing tab\n\n```\ncode   \n```\n\n    indented code   \n\n<div>  \n</div>\n\n<!-- a comment   \n-->\nSetext\n------\ntext\n\n## 1. Last\n"
    );
}

#[test]
fn templates_are_not_renumbered_and_keys_follow_the_schema_for_roles_only() {
    let text = "---\nversion: x\nrole: y\n---\n# T\n\n## Mission Statement\n";
    let config = Config::parse("[format]\nkey-order = \"schema\"\n").unwrap_or_default();
    let template = format(&Document::new(text.to_string()), Kind::RoleTemplate, &config).text;
    assert_eq!(template, "---\nrole: y\nversion: x\n---\n\n# T\n\n## Mission Statement\n");
    let config =
        Config::parse("[format]\nkey-order = \"schema\"\n[rules]\nsection-numbering = \"off\"\n").unwrap_or_default();
    let role = format(&Document::new(text.to_string()), Kind::Role, &config).text;
    assert_eq!(role, template, "section-numbering = \"off\" keeps the numbers as written");
}

#[test]
fn edits_cover_only_the_lines_that_change() {
    let text = "---\nrole: 'qa'\nversion: 1.0.0\n---\n\n# QA\n";
    let doc = Document::new(text.to_string());
    let edits = edits(&doc, Kind::Role, &Config::default());
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].range.slice(text), "role: 'qa'\n");
    assert_eq!(edits[0].new_text, "role: qa\n");
    let formatted = Document::new(fmt(text));
    assert!(super::edits(&formatted, Kind::Role, &Config::default()).is_empty());
}

#[test]
fn range_edits_format_the_parts_the_range_touches() {
    let text = "---\nrole: 'qa'\nversion: 1.0.0\nexpertise:\n- Testing   \n---\n# QA\n## 1. Mission Statement   \n";
    let doc = Document::new(text.to_string());
    let config = Config::default();
    let apply = |edits: Vec<crate::Edit>| crate::fix::apply_edits(text, &edits).0;
    let at = |needle: &str| TextRange::empty(text.find(needle).unwrap());
    let whole = super::format(&doc, Kind::Role, &config).text;
    // In the frontmatter: only the frontmatter is formatted.
    let front = apply(range_edits(&doc, Kind::Role, &config, at("version")));
    assert!(front.starts_with("---\nrole: qa\nversion: 1.0.0\nexpertise:\n  - Testing\n---\n# QA\n"), "{front}");
    assert!(front.ends_with("Statement   \n"), "{front}");
    // In the body: only the body.
    let body = apply(range_edits(&doc, Kind::Role, &config, at("Mission")));
    assert!(body.starts_with("---\nrole: 'qa'\n"), "{body}");
    assert!(body.ends_with("---\n\n# QA\n\n## 1. Mission Statement\n"), "{body}");
    // Both: the same as formatting the document.
    let both = TextRange::new(text.find("role").unwrap(), text.find("Mission").unwrap());
    assert_eq!(apply(range_edits(&doc, Kind::Role, &config, both)), whole);
    let formatted = Document::new(whole);
    assert!(range_edits(&formatted, Kind::Role, &config, both).is_empty());
}
