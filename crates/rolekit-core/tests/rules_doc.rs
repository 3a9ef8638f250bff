//! `docs/rules.md` is generated from the rule registry; this test keeps it
//! current (`UPDATE_DOCS=1 cargo test -p rolekit-core --test rules_doc` rewrites it).

use rolekit_core::rules::RULES;

fn render() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from `crates/rolekit-core/src/rules/catalog.rs` (`UPDATE_DOCS=1 cargo test -p rolekit-core --test rules_doc`). \
         `rolekit rules` lists them, `rolekit explain <id>` prints one. Set a rule's level in `rolekit.toml` (`[rules] <id> = \"off\"`) \
         or silence one line with `# rolekit-disable-next-line <id>` (frontmatter) or `<!-- rolekit-disable-next-line <id> -->` (body).\n\n\
         | id | category | severity | safe fix | summary |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {cat:?} | {sev} | {fix} | {summary} |\n",
            id = r.id,
            cat = r.category,
            sev = r.severity.as_str(),
            fix = if r.safe_fix { "yes" } else { "" },
            summary = r.summary.replace('|', "\\|")
        ));
    }
    for r in RULES {
        out.push_str(&format!("\n## {}\n\n{}", r.id, r.markdown()));
    }
    out
}

#[test]
fn rules_doc_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let expected = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap_or_else(|e| panic!("writing {path}: {e}"));
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test -p rolekit-core --test rules_doc"
    );
}
