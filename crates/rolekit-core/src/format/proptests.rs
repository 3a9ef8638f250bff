//! Property tests: over generated role files (every YAML and Markdown piece
//! the formatter treats specially, in random order, indentation, line
//! endings, with or without a BOM) and over mutated corpus files, formatting
//! never panics, is idempotent, and either proves its result or returns the
//! original untouched.

use proptest::prelude::*;

use super::*;

/// Frontmatter lines: keys, values in every quoting style, lists in both
/// indentations, comments, anchors and aliases, block and flow scalars.
const YAML_LINES: &[&str] = &[
    "role: qa",
    "role:   \"qa\"   ",
    "'version': '1.0.0'",
    "version: 1.0",
    "description: 'it''s \"fine\"'",
    "description: \"say \\\"hi\\\" \\t now\"",
    "tone: concise-technical # trailing",
    "# an own-line comment",
    "  # an indented comment",
    "",
    "   ",
    "expertise:",
    "- Go",
    "  - Rust",
    "    - 'deep item'",
    "  -   \"x: y\"",
    "- &anchor shared",
    "- *anchor",
    "tags: [a, 'b', \"c\"]",
    "tags: [a, # c\n  b]",
    "map: {a: 1, b: [x, y]}",
    "empty: []",
    "none:",
    "capabilities:",
    "  can_write_code: true",
    "    nested: yes",
    "  key: &m",
    "    x: 1",
    "  other: *m",
    "notes: |",
    "  literal line",
    "     more indented   ",
    "folded: >-",
    "  folded text",
    "multi: a plain",
    "  scalar over lines",
    "quoted: \"a quoted",
    "  scalar\"",
    "key: !!str 1.0",
    "constraints:",
    "  - requires_approval_for:",
    "    - deployment",
    "  - forbidden_paths:",
    "      - .git/",
    "? complex",
    "bad: [unclosed",
    "\tTab: x",
];

/// Body lines: headings (numbered, unnumbered, setext), prose with trailing
/// white space and hard breaks, code, HTML, comments.
const BODY_LINES: &[&str] = &[
    "# Title",
    "## Mission Statement",
    "## 3. Expertise Scope",
    "## 2) Responsibilities",
    "##    Capabilities   ",
    "### Detail",
    "Setext",
    "------",
    "Prose line.",
    "Prose with a hard break  ",
    "Prose with a tab\t",
    "",
    "   ",
    "```",
    "code   ",
    "~~~yaml",
    "    indented code   ",
    "<!-- comment   ",
    "-->",
    "<div>",
    "</div>",
    "- list item  ",
    "> quote ",
];

/// Whole top-level entries, each valid on its own: a file made of them is
/// valid YAML unless a key repeats, so the formatter's paths get exercised.
const ENTRIES: &[&str] = &[
    "role:    'qa'   # the role",
    "version: \"1.0.0\"",
    "version: 1.0",
    "experimental: !!bool \"true\"",
    "description: 'it''s \"quoted\"'",
    "specialization: \"tab\\there\"",
    "tone: >-\n    folded\n    text",
    "notes: |+\n  keep\n\n",
    "notes2: |2\n    two more\n  base",
    "expertise:\n- a\n-   'b'\n  # between\n- \"c: d\"",
    "expertise2:\n    - deep\n    -\n      nested: map\n      other: 1",
    "responsibilities: [x, 'y', \"z\"]",
    "flow_map: {a: 1, b: [c, d]}",
    "flow_commented: [a, # c\n  b]",
    "capabilities:\n  can_write_code: true   # yes\n  can_review_code: false\n      # deeper end comment",
    "constraints:\n  - requires_approval_for:\n    - deployment\n  - forbidden_paths: [.git/]",
    "anchored: &a\n  x: 1\naliased: *a",
    "seq_anchor: &s\n  - one\nseq_alias: *s",
    "empty:",
    "empty_list: []",
    "empty_map: {}",
    "key: # comment on key\n  value on next line",
    "plain: a plain scalar\n  that goes on",
    "dq: \"a quoted scalar\n  that goes on\"",
    "odd_key: &k value",
    "\"quoted key\": v",
    "tagged: !custom x",
    "nulls: ~",
    "item_comment:\n  - # on the dash\n    k: v",
];

fn entries_document() -> impl Strategy<Value = String> {
    let entries = proptest::collection::vec((proptest::sample::select(ENTRIES), 0u8..4, any::<bool>()), 0..14);
    let body = proptest::collection::vec(proptest::sample::select(BODY_LINES), 0..12);
    (entries, body, any::<bool>(), any::<bool>()).prop_map(|(entries, body, crlf, bom)| {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut out = String::new();
        if bom {
            out.push('\u{feff}');
        }
        out.push_str("---");
        out.push_str(nl);
        let mut seen = std::collections::HashSet::new();
        for (i, (entry, extra, wide)) in entries.into_iter().enumerate() {
            // Repeated keys get a suffix, so the file stays free of duplicates.
            let entry = if seen.insert(entry) { entry.to_string() } else { entry.replacen(':', &format!("_{i}:"), 1) };
            let entry = if wide { entry.replace("\n  ", "\n    ") } else { entry };
            match extra {
                1 => out.push_str(nl),
                2 => {
                    out.push_str("# comment");
                    out.push_str(nl);
                }
                _ => {}
            }
            out.push_str(&entry.replace('\n', nl));
            out.push_str(nl);
        }
        out.push_str("---");
        out.push_str(nl);
        out.push_str(&body.join(nl));
        out
    })
}

fn document() -> impl Strategy<Value = String> {
    let yaml = proptest::collection::vec(proptest::sample::select(YAML_LINES), 0..24);
    let body = proptest::collection::vec(proptest::sample::select(BODY_LINES), 0..24);
    (yaml, body, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(yaml, body, crlf, bom, frontmatter, final_newline)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut out = String::new();
            if bom {
                out.push('\u{feff}');
            }
            if frontmatter {
                out.push_str("---");
                out.push_str(nl);
                for line in yaml {
                    out.push_str(&line.replace('\n', nl));
                    out.push_str(nl);
                }
                out.push_str("---");
                out.push_str(nl);
            }
            out.push_str(&body.join(nl));
            if final_newline {
                out.push_str(nl);
            }
            out
        },
    )
}

/// Formats `text` twice and checks the properties.
fn holds(text: &str, options: FormatOptions) -> Result<(), TestCaseError> {
    let config = Config { format: options, ..Config::default() };
    let doc = Document::new(text.to_string());
    let once = format(&doc, Kind::Role, &config);
    if once.refused.is_some() || !once.changed {
        prop_assert_eq!(&once.text, text);
        if once.refused.is_some() {
            return Ok(());
        }
    }
    let after = Document::new(once.text.clone());
    let renumber = analysis::body::renumbering(&doc);
    prop_assert_eq!(verify::prove(&doc, &after, &renumber, options.key_order == KeyOrder::Schema), Ok(()));
    let twice = format(&after, Kind::Role, &config);
    prop_assert!(twice.refused.is_none(), "second pass refused: {:?}", twice.refused);
    prop_assert!(!twice.changed, "not idempotent:\n{}\n---- then ----\n{}", once.text, twice.text);
    Ok(())
}

fn options() -> impl Strategy<Value = FormatOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(schema, flush, single)| FormatOptions {
        key_order: if schema { KeyOrder::Schema } else { KeyOrder::AsWritten },
        list_indent: if flush { ListIndent::Flush } else { ListIndent::Indented },
        quote: if single { Quote::Single } else { Quote::Double },
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_role_files(text in document(), options in options()) {
        holds(&text, options)?;
    }

    #[test]
    fn generated_valid_frontmatters(text in entries_document(), options in options()) {
        holds(&text, options)?;
    }
}

/// The corpus's role files, each cut, spliced and re-indented at random.
#[test]
fn mutated_corpus_files() {
    let files: Vec<String> = super::tests::corpus_files()
        .iter()
        .filter(|p| p.to_string_lossy().contains("agents"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .take(16)
        .collect();
    assert!(!files.is_empty());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let strategy = (
        0..files.len(),
        proptest::collection::vec((any::<prop::sample::Index>(), 0usize..6, any::<u8>()), 1..6),
        options(),
    );
    let result = runner.run(&strategy, |(file, mutations, options)| {
        let mut text = files[file].clone();
        for (at, what, byte) in mutations {
            let mut i = at.index(text.len().max(1));
            while i > 0 && !text.is_char_boundary(i) {
                i -= 1;
            }
            let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
            match what {
                0 => text.insert(line_start, ' '),
                1 => text.insert_str(line_start, "  "),
                2 => {
                    let end = text[i..].find('\n').map_or(text.len(), |p| i + p);
                    text.replace_range(i..end, "");
                }
                3 => text.insert_str(i, " # note"),
                4 => text.insert(i, char::from(b' ' + byte % 95)),
                _ => text.insert(line_start, '\n'),
            }
        }
        holds(&text, options)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

fn write_for_test(text: &str) -> String {
    let doc = Document::new(text.to_string());
    let plan = Plan::new(Kind::Role, &Config::default(), analysis::built_in_schemas());
    let renumber = analysis::body::renumbering(&doc);
    write(&doc, &plan, &renumber, &mut Vec::new())
}

/// Most generated files must reach the formatter (not be refused for YAML
/// errors), or the property says little.
#[test]
fn generated_files_mostly_format() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut formatted, mut changed, mut refused, mut notes, mut unproven) = (0, 0, 0, 0, 0);
    for i in 0..2000 {
        let text = if i % 2 == 0 {
            document().new_tree(&mut runner).map(|t| proptest::strategy::ValueTree::current(&t))
        } else {
            entries_document().new_tree(&mut runner).map(|t| proptest::strategy::ValueTree::current(&t))
        };
        let Ok(text) = text else { continue };
        let out = format(&Document::new(text.clone()), Kind::Role, &Config::default());
        match &out.refused {
            Some(Refusal::Unproven(why)) => {
                // Safe (the original comes back), but a sign of a formatter bug unless rare.
                unproven += 1;
                println!("unproven ({why}):\n{text}\n---- formatted ----\n{}", write_for_test(&text));
            }
            Some(_) => refused += 1,
            None => formatted += 1,
        }
        if i % 2 == 1 {
            for n in &out.notes {
                println!("note: {n}");
            }
        }
        changed += usize::from(out.changed);
        notes += usize::from(!out.notes.is_empty());
    }
    println!("generated: {formatted} formatted ({changed} changed, {notes} with notes), {refused} refused ({unproven} unproven)");
    assert!(unproven * 100 < formatted, "{unproven} results unproven");
    assert!(
        formatted > 1200 && changed > 1000 && notes < 200,
        "{formatted} formatted, {changed} changed, {refused} refused"
    );
}
