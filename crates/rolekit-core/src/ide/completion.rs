//! Completion: frontmatter keys and values from the schema, `inherits`
//! targets from the workspace, section headings in the body, and a whole
//! role skeleton in an empty file.
//!
//! Multi-line snippets carry the absolute indentation of the line they are
//! inserted on, so adapters must insert them as they are (LSP
//! `insertTextMode: asIs`).

use serde_json::Value;

use super::context::{cursor_context, CursorContext, Region, Slot};
use super::docs::{key_markdown, role_markdown, value_markdown};
use super::{CompletionItem, CompletionKind, RoleSummary};
use crate::document::Document;
use crate::schema::sections::SECTIONS;
use crate::schema::{self, Info};
use crate::text::TextRange;

/// The completions at `offset`. `file_stem` is the document's file name
/// without `.md`, when it has one: an empty file's skeleton names the role
/// after it.
pub fn completions(
    doc: &Document,
    offset: usize,
    roles: &[RoleSummary],
    file_stem: Option<&str>,
) -> Vec<CompletionItem> {
    let ctx = cursor_context(doc, offset);
    match ctx.region {
        Region::Empty => vec![skeleton(&ctx, file_stem)],
        Region::Fence => Vec::new(),
        Region::Body => sections(doc, &ctx),
        Region::Frontmatter => match ctx.slot {
            Slot::None => Vec::new(),
            Slot::Key => keys(doc, &ctx),
            Slot::Value => values(doc, &ctx, roles),
            Slot::ListItem => list_items(doc, &ctx),
        },
    }
}

fn item(
    label: impl Into<String>,
    kind: CompletionKind,
    range: TextRange,
    insert_text: impl Into<String>,
) -> CompletionItem {
    CompletionItem {
        label: label.into(),
        kind,
        detail: None,
        documentation: None,
        insert_text: insert_text.into(),
        is_snippet: false,
        range,
        sort_text: String::new(),
        preselect: false,
    }
}

// ---------------------------------------------------------------------------
// Keys

fn keys(doc: &Document, ctx: &CursorContext) -> Vec<CompletionItem> {
    let Some(mut here) = schema::at_path(ctx.path.iter().map(String::as_str)) else {
        return Vec::new();
    };
    if schema::properties(here).is_empty() {
        match schema::items(here) {
            Some(items) => here = items,
            None => return Vec::new(),
        }
    }
    let required: Vec<&str> = if ctx.path.is_empty() {
        schema::required_keys().collect()
    } else {
        here.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect()
    };
    let unit = ctx.indent_unit;
    let eol = "\n";
    let typed_key = ctx.colon_follows.then(|| ctx.word.slice(doc.text()));
    let lead = format!("{}{}", lead_space(doc.text(), ctx.word), " ".repeat(ctx.pad));
    let mut out = Vec::new();
    for (i, (key, sub)) in schema::properties_in_order(here).into_iter().enumerate() {
        // A key already present elsewhere in the mapping is not offered again
        // (the one being typed on this line is).
        if ctx.present_keys.iter().any(|p| p == key) && typed_key != Some(key) {
            continue;
        }
        let sub = schema::resolve(sub);
        let info = schema::info(sub);
        let is_required = required.contains(&key);
        let mut it = item(key, CompletionKind::Key, ctx.word, format!("{lead}{key}"));
        if !ctx.colon_follows {
            let (text, snippet) = key_snippet(key, sub, &info, ctx.column, unit, eol);
            it.insert_text = format!("{lead}{text}");
            it.is_snippet = snippet;
        }
        it.detail = Some(if is_required { format!("{} (required)", info.type_name) } else { info.type_name.clone() });
        let path: Vec<&str> = ctx.path.iter().map(String::as_str).chain([key]).collect();
        it.documentation = Some(key_markdown(&path, sub, is_required));
        it.sort_text = format!("{}{i:02}", if is_required { 0 } else { 1 });
        out.push(it);
    }
    if let Some(first) = out.iter_mut().min_by(|a, b| a.sort_text.cmp(&b.sort_text)) {
        first.preselect = true;
    }
    out
}

/// The text inserted for `key` at `column`: `key: $1`, a choice for enums
/// and booleans, a `- $1` list, or a nested mapping with every property.
fn key_snippet(key: &str, sub: &'static Value, info: &Info, column: usize, unit: usize, eol: &str) -> (String, bool) {
    let inner = " ".repeat(column + unit);
    let mut tab = 0;
    let mut next = || {
        tab += 1;
        tab
    };
    if let Some(value) = scalar_placeholder(sub, info, &mut next) {
        return (format!("{key}: {value}"), true);
    }
    if key == "constraints" {
        // The list form, as the template and most real files write it.
        let approvals = schema::at_path(["constraints", "requires_approval_for"]).map(schema::info).unwrap_or_default();
        let choice = choice(&approvals.enum_values.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>(), next());
        let deeper = " ".repeat(column + unit + 2);
        let paths = next();
        return (
            format!("{key}:{eol}{inner}- requires_approval_for:{eol}{deeper}- {choice}{eol}{inner}- forbidden_paths:{eol}{deeper}- ${paths}"),
            true,
        );
    }
    match sub.get("type").and_then(Value::as_str) {
        Some("array") => {
            let value = match schema::enum_schema(sub).filter(|_| !info.enum_values.is_empty()) {
                Some(_) => choice(&info.enum_values.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>(), next()),
                None => format!("${}", next()),
            };
            (format!("{key}:{eol}{inner}- {value}"), true)
        }
        Some("object") => {
            let mut text = format!("{key}:");
            for (name, prop) in schema::properties_in_order(sub) {
                let prop = schema::resolve(prop);
                let prop_info = schema::info(prop);
                let value = match scalar_placeholder(prop, &prop_info, &mut next) {
                    Some(v) => format!(" {v}"),
                    None => format!("{eol}{inner}{}- ${}", " ".repeat(unit), next()),
                };
                text.push_str(&format!("{eol}{inner}{name}:{value}"));
            }
            (text, true)
        }
        _ => (format!("{key}: ${}", next()), true),
    }
}

/// A snippet placeholder for a scalar: a choice for enums and booleans
/// (default first), `$N` for strings; `None` for lists and mappings.
fn scalar_placeholder(sub: &'static Value, info: &Info, next: &mut impl FnMut() -> usize) -> Option<String> {
    match sub.get("type").and_then(Value::as_str) {
        Some("boolean") => {
            let default = sub.get("default").and_then(Value::as_bool).unwrap_or(false);
            Some(choice(if default { &["true", "false"] } else { &["false", "true"] }, next()))
        }
        Some("string") if !info.enum_values.is_empty() => {
            let mut values: Vec<&str> = info.enum_values.iter().map(|(v, _)| v.as_str()).collect();
            if let Some(d) = info.default.as_deref() {
                crate::sort::sort_by_key(&mut values, |v| *v != d);
            }
            Some(choice(&values, next()))
        }
        Some("string") | Some("number") | Some("integer") | None if sub.get("if").is_none() => {
            Some(format!("${}", next()))
        }
        _ => None,
    }
}

fn choice(values: &[&str], tab: usize) -> String {
    format!("${{{tab}|{}|}}", values.join(","))
}

// ---------------------------------------------------------------------------
// Values

fn values(doc: &Document, ctx: &CursorContext, roles: &[RoleSummary]) -> Vec<CompletionItem> {
    let text = doc.text();
    let path = ctx.key_path();
    let Some(sub) = schema::at_path(path.iter().copied()) else {
        return Vec::new();
    };
    let lead = lead_space(text, ctx.word);
    let info = schema::info(sub);
    let mut out = Vec::new();
    if path == ["inherits"] {
        let own = doc.role_name();
        for (i, role) in roles.iter().enumerate() {
            if Some(role.name.as_str()) == own.as_deref() {
                continue;
            }
            let mut it = item(&role.name, CompletionKind::Value, ctx.word, format!("{lead}{}", role.name));
            it.detail = role.description.clone();
            it.documentation = Some(role_markdown(role));
            it.sort_text = format!("{i:04}");
            out.push(it);
        }
        return out;
    }
    match sub.get("type").and_then(Value::as_str) {
        Some("string") if !info.enum_values.is_empty() => {
            for (i, (value, doc_text)) in info.enum_values.iter().enumerate() {
                let mut it = item(value, CompletionKind::EnumMember, ctx.word, format!("{lead}{value}"));
                it.detail = Some(if info.default.as_deref() == Some(value) {
                    "default".into()
                } else {
                    info.type_name.clone()
                });
                it.documentation = Some(value_markdown(&path, value, doc_text));
                it.sort_text = format!("{i:02}");
                it.preselect = info.default.as_deref() == Some(value);
                out.push(it);
            }
        }
        Some("boolean") => {
            let default = sub.get("default").and_then(Value::as_bool);
            for (i, value) in ["true", "false"].into_iter().enumerate() {
                let mut it = item(value, CompletionKind::Value, ctx.word, format!("{lead}{value}"));
                let is_default = default.map(|d| d.to_string()) == Some(value.to_string());
                it.detail = Some(if is_default { "boolean (default)".into() } else { "boolean".into() });
                it.sort_text = format!("{i}");
                it.preselect = is_default;
                out.push(it);
            }
        }
        _ => {}
    }
    out
}

/// `key:|` and `-|` need a space before what is inserted.
fn lead_space(text: &str, word: TextRange) -> &'static str {
    match word.start().checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        Some(b':' | b'-') => " ",
        _ => "",
    }
}

fn list_items(doc: &Document, ctx: &CursorContext) -> Vec<CompletionItem> {
    let lead = lead_space(doc.text(), ctx.word);
    let path = ctx.key_path();
    let Some(sub) = schema::at_path(path.iter().copied()) else {
        return Vec::new();
    };
    let Some(items) = schema::enum_schema(sub) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, (value, doc_text)) in schema::enum_values(items).into_iter().enumerate() {
        if ctx.list_items.contains(&value) {
            continue;
        }
        let mut it = item(&value, CompletionKind::EnumMember, ctx.word, format!("{lead}{value}"));
        it.detail = Some(format!("{} item", path.last().copied().unwrap_or("list")));
        it.documentation = Some(value_markdown(&path, &value, &doc_text));
        it.sort_text = format!("{i:02}");
        out.push(it);
    }
    out
}

// ---------------------------------------------------------------------------
// Body

/// `## N. Title` for the standard sections, after `#` or `##` at a line's start.
fn sections(doc: &Document, ctx: &CursorContext) -> Vec<CompletionItem> {
    let text = doc.text();
    if doc.outline().in_code(ctx.offset) {
        return Vec::new();
    }
    let before = text.get(ctx.line.start()..ctx.offset).unwrap_or("");
    let indent = before.len() - before.trim_start_matches(' ').len();
    let rest = &before[indent..];
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if indent > 3 || !(1..=2).contains(&hashes) {
        return Vec::new();
    }
    // After the hashes: a space and the start of a title, nothing more structured.
    let after = &rest[hashes..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return Vec::new();
    }
    let range = TextRange::new(ctx.line.start() + indent, ctx.line.end());
    let headings = &doc.outline().headings;
    // Each `##` heading: whether it is above the cursor, and the standard section it names.
    let h2: Vec<(bool, Option<u32>)> = headings
        .iter()
        .filter(|h| h.level == 2)
        .map(|h| {
            (h.range.end() < ctx.line.start(), crate::schema::sections::find(h.title.slice(text)).map(|s| s.number))
        })
        .collect();
    let present: Vec<u32> = h2.iter().filter_map(|(_, n)| *n).collect();
    // Sections are numbered in order of appearance: the new one is one more
    // than the `##` headings before the cursor.
    let number = h2.iter().filter(|(above, _)| *above).count() + 1;
    // The section the file's order expects here: after the last standard one above the cursor.
    let last_above = h2.iter().filter(|(above, _)| *above).filter_map(|(_, n)| *n).max().unwrap_or(0);
    let expected = SECTIONS.iter().find(|s| s.number > last_above && !present.contains(&s.number)).map(|s| s.number);
    let mut out = Vec::new();
    for s in SECTIONS {
        let missing = !present.contains(&s.number);
        let label = format!("## {number}. {}", s.title);
        let mut it = item(&label, CompletionKind::Section, range, &label);
        it.detail = Some(if missing {
            format!("missing standard section {} of 12", s.number)
        } else {
            format!("standard section {} (already present)", s.number)
        });
        it.documentation = Some(format!("**{}. {}**\n\n{}", s.number, s.title, s.doc));
        it.sort_text = format!("{}{:02}", if missing { 0 } else { 1 }, s.number);
        it.preselect = Some(s.number) == expected;
        out.push(it);
    }
    out
}

/// A whole role file: frontmatter with every required key and the twelve
/// sections, clean as inserted: the role is named after the file when the
/// file's name is a valid role name, and the first section has text.
fn skeleton(ctx: &CursorContext, file_stem: Option<&str>) -> CompletionItem {
    let role = file_stem.filter(|s| schema::is_role_name(s)).unwrap_or("new-role");
    let mut text = format!(
        "---\nrole: ${{1:{role}}}\nversion: ${{2:1.0.0}}\nexperimental: true\ndescription: ${{3:A brief description of the role}}\n\
specialization: ${{4:The role's specific focus}}\ntone: ${{5|concise-technical,assertive,collaborative,conversational,detailed-explanatory,pedagogical|}}\n\
expertise:\n  - ${{6:First area of expertise}}\nresponsibilities:\n  - ${{7:First responsibility}}\ncapabilities:\n  can_write_knowledge: ${{8|true,false|}}\n  \
can_write_code: ${{9|false,true|}}\n  can_review_code: ${{10|false,true|}}\n  can_run_tests: ${{11|false,true|}}\n---\n\n# ${{12:Role Title}}\n",
    );
    for s in SECTIONS {
        let body = if s.number == 1 {
            "${13:Why the role exists and what it delivers, in one or two sentences.}$0".to_string()
        } else {
            format!("<!-- {} -->", s.doc.replace('$', "\\$").replace('}', "\\}"))
        };
        text.push_str(&format!("\n## {}. {}\n\n{}\n", s.number, s.title, body));
    }
    let mut it = item("role skeleton", CompletionKind::Snippet, ctx.word, text);
    it.is_snippet = true;
    it.detail = Some("frontmatter with the required keys and the 12 standard sections".into());
    it.documentation = Some("A complete role file: `---` frontmatter with every required key, a `#` title and the twelve numbered `##` sections.".into());
    it.sort_text = "0".into();
    it.preselect = true;
    it
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::testutil::{self, cursor, roles, BROKEN, SEED};

    fn complete(src: &str) -> String {
        let (doc, offset) = cursor(src);
        testutil::completions(&doc, &completions(&doc, offset, &roles(), None), false)
    }

    fn complete_with_docs(src: &str) -> String {
        let (doc, offset) = cursor(src);
        testutil::completions(&doc, &completions(&doc, offset, &roles(), None), true)
    }

    fn labels(src: &str) -> Vec<String> {
        let (doc, offset) = cursor(src);
        completions(&doc, offset, &roles(), None).into_iter().map(|i| i.label).collect()
    }

    #[test]
    fn partial_key() {
        insta::assert_snapshot!(complete("---\nrole: qa\nversion: 1.0.0\nton‸\n---\n"));
    }

    #[test]
    fn enum_value_after_colon_and_partial() {
        insta::assert_snapshot!("tone_empty", complete_with_docs("---\nrole: qa\ntone: ‸\n---\n"));
        insta::assert_snapshot!("tone_partial", complete("---\nrole: qa\ntone: con‸\n---\n"));
        // No space after the colon yet: the value brings its own.
        assert_eq!(cursor("---\ntone:‸\n---\n").0.text(), "---\ntone:\n---\n");
        let (doc, offset) = cursor("---\ntone:‸\n---\n");
        assert!(completions(&doc, offset, &[], None).iter().all(|i| i.insert_text.starts_with(' ')));
    }

    #[test]
    fn blank_line_under_capabilities() {
        insta::assert_snapshot!(complete(
            "---\nrole: qa\ncapabilities:\n  can_write_code: true\n  ‸\ntone: assertive\n---\n"
        ));
    }

    #[test]
    fn right_after_enter_under_an_empty_mapping() {
        insta::assert_snapshot!(complete("---\nrole: qa\ndecision_making:\n‸\n---\n"));
    }

    #[test]
    fn right_after_a_dash() {
        let (doc, offset) = cursor("---\nconstraints:\n  - requires_approval_for:\n    -‸\n---\n");
        let items = completions(&doc, offset, &[], None);
        assert_eq!(items.len(), 6);
        assert!(items.iter().all(|i| i.insert_text.starts_with(' ') && i.range.is_empty()));
        let (doc, offset) = cursor("---\nconstraints:\n  -‸\n---\n");
        let items = completions(&doc, offset, &[], None);
        assert_eq!(
            items.iter().map(|i| i.insert_text.as_str()).collect::<Vec<_>>(),
            [" requires_approval_for:\n      - ${1|delete_files,database_migrations,commit,deployment,infrastructure_changes,security_changes|}", " forbidden_paths:\n      - $1"]
        );
    }

    #[test]
    fn nested_enum_and_booleans() {
        insta::assert_snapshot!("autonomy", complete("---\ndecision_making:\n  autonomy_level: ‸\n---\n"));
        insta::assert_snapshot!("boolean", complete("---\ncapabilities:\n  can_run_tests: t‸\n---\n"));
        insta::assert_snapshot!("format", complete("---\noutput_format:\n  format: ‸\n---\n"));
    }

    #[test]
    fn approval_items_exclude_listed_ones() {
        let same_column =
            "---\nconstraints:\n  - requires_approval_for:\n    - commit\n    - deployment\n    - ‸\n---\n";
        insta::assert_snapshot!(complete(same_column));
        for src in [
            "---\nconstraints:\n  - requires_approval_for:\n      - commit\n      - deployment\n      - ‸\n---\n",
            "---\nconstraints:\n  requires_approval_for:\n    - commit\n    - deployment\n    - ‸\n---\n",
            "---\nconstraints:\n  requires_approval_for: [commit, deployment, ‸]\n---\n",
        ] {
            assert_eq!(labels(src), labels(same_column), "{src}");
        }
    }

    #[test]
    fn constraint_keys_in_list_form() {
        insta::assert_snapshot!(complete("---\nconstraints:\n  - requires_approval_for:\n    - commit\n  - ‸\n---\n"));
    }

    #[test]
    fn inherits_values_exclude_own_role() {
        insta::assert_snapshot!(complete_with_docs("---\nrole: secops-engineer\ninherits: ‸\n---\n"));
    }

    #[test]
    fn keys_with_an_unclosed_bracket_elsewhere() {
        let src = "---\nrole: qa\nexpertise: [testing, automation\n‸\ndescription: x\n---\n";
        let (doc, _) = cursor(src);
        assert!(doc.yaml().error.is_some());
        insta::assert_snapshot!(complete(src));
    }

    #[test]
    fn nested_objects_and_lists_are_snippets() {
        let out = complete("---\nrole: qa\n‸\n---\n");
        insta::assert_snapshot!(out);
    }

    #[test]
    fn seed_offers_only_absent_keys() {
        let at = SEED.find("output_format:").unwrap();
        let src = format!("{}‸\n{}", &SEED[..at], &SEED[at..]);
        insta::assert_snapshot!(complete(&src));
        // Keys present in the seed are all gone.
        assert_eq!(labels(&src), ["deprecated", "inherits"]);
    }

    #[test]
    fn broken_fixture_positions() {
        let mut out = String::new();
        for (needle, delta, what) in [
            ("tone: con", 9, "tone: con|"),
            ("  can_write_code: true\n  ", 25, "blank line under capabilities"),
            ("      - \n", 8, "empty approval item"),
            ("autonomy_level: ", 16, "autonomy_level: |"),
            ("ton", 2, "to|ne (key)"),
        ] {
            let doc = Document::new(BROKEN.to_string());
            let offset = testutil::find(&doc, needle, delta);
            let labels: Vec<String> = completions(&doc, offset, &roles(), None).into_iter().map(|i| i.label).collect();
            out.push_str(&format!("{what}: {}\n", labels.join(", ")));
        }
        insta::assert_snapshot!(out);
    }

    #[test]
    fn crlf_and_bom() {
        insta::assert_snapshot!(complete(
            "\u{feff}---\r\nrole: qa\r\ndescription: é漢🎯 multibyte\r\ntone: ‸\r\n---\r\n"
        ));
        insta::assert_snapshot!(
            "crlf_key",
            complete("\u{feff}---\r\nrole: qa\r\ndescription: é漢🎯\r\ncap‸\r\n---\r\n")
        );
    }

    #[test]
    fn section_headings() {
        let src = "---\nrole: qa\n---\n\n# QA\n\n## 1. Mission Statement\n\nx\n\n## 2. Expertise Scope\n\nx\n\n##‸\n\n## 4. Capabilities\n\nx\n";
        insta::assert_snapshot!(complete(src));
        assert!(labels("---\nrole: qa\n---\n\n# QA\n\nsome ‸text\n").is_empty());
        assert!(labels("---\nrole: qa\n---\n\n```\n##‸\n```\n").is_empty());
        assert_eq!(labels("---\nrole: qa\n---\n\n#‸").len(), 12);
    }

    #[test]
    fn skeleton_names_the_role_after_the_file_and_checks_clean() {
        let doc = Document::new(String::new());
        let role = |stem| {
            let items = completions(&doc, 0, &[], stem);
            let text = items.first().map(|i| i.insert_text.clone()).unwrap_or_default();
            text.lines().nth(1).unwrap_or_default().to_string()
        };
        assert_eq!(role(Some("ops-engineer")), "role: ${1:ops-engineer}");
        assert_eq!(role(Some("My Role_v2")), "role: ${1:new-role}", "not a role name: the placeholder");
        assert_eq!(role(None), "role: ${1:new-role}");
        // Inserted as a client expands it (placeholders' defaults, choices' first), the file checks clean.
        let snippet = completions(&doc, 0, &[], Some("ops-engineer")).remove(0).insert_text;
        let mut text = String::new();
        let mut rest = snippet.as_str();
        while let Some(i) = rest.find("${") {
            text.push_str(&rest[..i]);
            let end = rest[i..].find('}').map_or(rest.len(), |e| i + e);
            let inner = &rest[i + 2..end];
            let value = match inner.split_once(':') {
                Some((_, default)) => default.to_string(),
                None => inner.split('|').nth(1).and_then(|c| c.split(',').next()).unwrap_or("").to_string(),
            };
            text.push_str(&value);
            rest = &rest[(end + 1).min(rest.len())..];
        }
        text.push_str(rest);
        let text = text.replace("$0", "").replace("\\$", "$").replace("\\}", "}");
        let ctx = crate::analysis::Context { file_stem: Some("ops-engineer"), ..Default::default() };
        let found: Vec<_> = crate::analysis::check(&Document::new(text.clone()), &ctx).iter().map(|d| d.rule).collect();
        assert!(found.is_empty(), "{found:?}\n{text}");
    }

    #[test]
    fn empty_document_skeleton() {
        insta::assert_snapshot!(complete_with_docs("‸"));
        assert_eq!(labels("  \n\n‸ "), ["role skeleton"]);
    }

    #[test]
    fn nothing_on_fences_or_in_comments() {
        assert!(labels("---‸\nrole: qa\n---\n").is_empty());
        assert!(labels("---\nrole: qa # a comment‸\n---\n").is_empty());
        assert!(labels("---\ndescription: >\n  folded ‸\n---\n").is_empty());
    }
}
