//! Code actions: the fixes the diagnostics carry, plus the document-level
//! actions of the document's kind: insert the missing required keys (any
//! kind with a schema); for roles, add the missing standard sections and
//! convert `constraints` between its object and list forms; for Claude Code
//! subagents, convert `tools` between a comma-separated string and a list.
//!
//! Every edit is exact: it changes only the bytes it names, in the
//! document's own line breaks.

use serde_json::Value;

use super::{ActionKind, CodeAction};
use crate::analysis::{Context, Project};
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::policy::{Dialect, Kind};
use crate::project::editor::Place;
use crate::schema::sections::{self, SECTIONS};
use crate::schema::{Info, Schema, SchemaDoc};
use crate::syntax::lines::{block, indent_unit, last_content, root_keys, LineKind, YLine};
use crate::text::{TextRange, BOM};

/// How many fixes one request proves, each a check of the whole fixed text:
/// a range over a huge document with thousands of fixes stays bounded (an
/// editor's menu shows a handful; "fix all" is `fix::all`, proven by rounds).
pub const MAX_PROVEN: usize = 32;

/// How the fixes offered are proven: the check that gave the diagnostics,
/// run again on each fixed text ([`crate::fix::verify_fix_in`]).
pub struct Proof<'a> {
    pub ctx: &'a Context<'a>,
    pub project: &'a Project<'a>,
}

/// The actions for `range` in `doc`, a document of `place`'s kind, whose
/// check gave `diagnostics`. With `proof`, a diagnostic's fix is offered
/// only when the fixed text checks with no new error and keeps every
/// comment, anchor and line ending (adapters always pass it; tests of the
/// actions themselves may not).
pub fn code_actions(
    doc: &Document,
    place: &Place,
    range: TextRange,
    diagnostics: &[Diagnostic],
    proof: Option<&Proof>,
) -> Vec<CodeAction> {
    let len = doc.text().len() as u32;
    let range = TextRange { start: range.start.min(len), end: range.end.min(len).max(range.start.min(len)) };
    let mut out = Vec::new();
    let mut proven = 0;
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if !(d.range.start <= range.end && range.start <= d.range.end) {
            continue;
        }
        if let Some(p) = proof {
            proven += 1;
            if proven > MAX_PROVEN || crate::fix::verify_fix_in(doc, diagnostics, fix, p.ctx, p.project).is_err() {
                continue;
            }
        }
        out.push(CodeAction {
            title: fix.description.clone(),
            kind: ActionKind::QuickFix,
            edits: fix.edits.clone(),
            diagnostic: Some(i),
            preferred: fix.safe,
        });
    }
    // The built-in role schema's own actions (sections, `constraints`).
    let role = place.kind == Kind::Role && place.schemas.role_is_built_in();
    if role {
        out.extend(add_missing_sections(doc));
    }
    let schema = place.schemas.for_kind(place.kind).filter(|_| !place.kind.is_template());
    if let (Some(schema), false) = (schema, matches!(place.kind, Kind::Registry(_))) {
        out.extend(insert_required_keys(doc, schema, role));
    }
    if role {
        out.extend(convert_constraints(doc, range));
    }
    if place.kind == Kind::Dialect(Dialect::ClaudeAgent) {
        out.extend(super::convert_tools::convert_tools(doc, range));
    }
    out
}

// ---------------------------------------------------------------------------
// Missing sections

/// Inserts every missing standard section where the standard order puts it,
/// numbering all `##` sections 1, 2, 3... in their new order.
pub(crate) fn add_missing_sections(doc: &Document) -> Option<CodeAction> {
    let text = doc.text();
    if doc.frontmatter().is_none() && !doc.outline().headings.iter().any(|h| h.level <= 2) {
        return None; // not a role file's body
    }
    let nl = doc.newline();
    let h2: Vec<_> = doc.outline().headings.iter().filter(|h| h.level == 2).collect();
    let present: Vec<u32> = h2.iter().filter_map(|h| sections::find(h.title.slice(text))).map(|s| s.number).collect();
    let mut missing = SECTIONS.iter().filter(|s| !present.contains(&s.number)).peekable();
    missing.peek()?;
    let mut edits = Vec::new();
    let mut number = 0u32;
    let section_text = |n: u32, s: &sections::Section| format!("## {n}. {}{nl}{nl}<!-- {} -->{nl}{nl}", s.title, s.doc);
    for h in &h2 {
        let here = sections::find(h.title.slice(text)).map(|s| s.number);
        let mut inserted = String::new();
        if let Some(n) = here {
            while let Some(s) = missing.next_if(|s| s.number < n) {
                number += 1;
                inserted.push_str(&section_text(number, s));
            }
        }
        if !inserted.is_empty() {
            edits.push(Edit::insert(h.range.start(), inserted));
        }
        number += 1;
        if let Some(n) = h.number.filter(|n| n.value != number) {
            edits.push(Edit::replace(n.range, number.to_string()));
        }
    }
    let mut tail = String::new();
    for s in missing {
        number += 1;
        tail.push_str(&section_text(number, s));
    }
    if !tail.is_empty() {
        let lead = if text.is_empty() || text.ends_with(&format!("{nl}{nl}")) {
            ""
        } else if text.ends_with('\n') || text.ends_with('\r') {
            nl
        } else {
            "\n\n"
        };
        let lead = if lead == "\n\n" { format!("{nl}{nl}") } else { lead.to_string() };
        let tail = tail.trim_end_matches(nl).to_string() + nl;
        edits.push(Edit::insert(text.len(), format!("{lead}{tail}")));
    }
    Some(CodeAction {
        title: "Add missing sections".into(),
        kind: ActionKind::Source,
        edits,
        diagnostic: None,
        preferred: false,
    })
}

// ---------------------------------------------------------------------------
// Missing required keys

/// Appends the required keys of `schema` absent from the frontmatter, before
/// its closing fence, with placeholder values valid for their type. A file
/// without frontmatter gets one. `role`: the built-in role schema, whose
/// identity keys get telling placeholders.
pub(crate) fn insert_required_keys(doc: &Document, schema: &Schema, role: bool) -> Option<CodeAction> {
    let text = doc.text();
    let nl = doc.newline();
    let (lines, present): (&[YLine], Vec<&str>) = match doc.frontmatter() {
        Some(_) => {
            let lines = doc.yaml_lines();
            let present = root_keys(text, lines).into_iter().map(|(k, _)| k).collect();
            (lines, present)
        }
        None => (&[], Vec::new()),
    };
    let missing: Vec<&str> = schema.required().filter(|k| !present.contains(k)).collect();
    if missing.is_empty() {
        return None;
    }
    let schema_doc = schema.doc();
    let unit = indent_unit(lines);
    let mut block_text = String::new();
    for key in &missing {
        let sub = schema_doc.at_path([*key]).unwrap_or(&Value::Null);
        block_text.push_str(&placeholder(&schema_doc, key, sub, unit, nl, role, 0));
    }
    let edit = match doc.frontmatter() {
        Some(split) => {
            let at = split.close.map_or(split.yaml.end(), |c| c.start());
            let before = text.get(..at).unwrap_or("");
            let lead = if before.ends_with('\n') || before.ends_with('\r') { "" } else { nl };
            Edit::insert(at, format!("{lead}{block_text}"))
        }
        None => {
            let at = if text.starts_with(BOM) { BOM.len_utf8() } else { 0 };
            Edit::insert(at, format!("---{nl}{block_text}---{nl}{nl}"))
        }
    };
    let title = if missing.len() == 1 {
        format!("Insert missing required key `{}`", missing[0])
    } else {
        "Insert missing required keys".into()
    };
    Some(CodeAction { title, kind: ActionKind::Source, edits: vec![edit], diagnostic: None, preferred: false })
}

/// `key: value` (with its line break) holding a placeholder valid for the
/// key's schema `sub`; nested mappings get their own properties, at most a
/// few levels deep.
fn placeholder(schema: &SchemaDoc, key: &str, sub: &Value, unit: usize, nl: &str, role: bool, depth: usize) -> String {
    let pad = " ".repeat(unit);
    if role && depth == 0 {
        match key {
            "role" => return format!("role: new-role{nl}"),
            "version" => return format!("version: 1.0.0{nl}"),
            "description" => return format!("description: TODO describe this role{nl}"),
            "specialization" => return format!("specialization: TODO the role's specific focus{nl}"),
            _ => {}
        }
    }
    let sub = schema.resolve(sub);
    let info: Info = schema.info(sub);
    match sub.get("type").and_then(Value::as_str) {
        Some("boolean") => format!("{key}: {}{nl}", sub.get("default").and_then(Value::as_bool).unwrap_or(false)),
        Some("array") => {
            format!("{key}:{nl}{pad}- {}{nl}", info.enum_values.first().map_or("TODO", |(v, _)| v.as_str()))
        }
        Some("object") if depth < 4 => {
            let mut out = format!("{key}:{nl}");
            for (name, prop) in schema.properties(sub) {
                for line in placeholder(schema, name, prop, unit, nl, role, depth + 1).split_inclusive('\n') {
                    out.push_str(&pad);
                    out.push_str(line);
                }
            }
            out
        }
        Some("object") => format!("{key}: {{}}{nl}"),
        Some("integer" | "number") => {
            let value = info.default.clone().or_else(|| sub.get("minimum").map(Value::to_string));
            format!("{key}: {}{nl}", value.unwrap_or_else(|| "0".into()))
        }
        _ => {
            let value = info
                .default
                .clone()
                .or_else(|| info.enum_values.first().map(|(v, _)| v.clone()))
                .unwrap_or_else(|| "TODO".into());
            format!("{key}: {value}{nl}")
        }
    }
}

// ---------------------------------------------------------------------------
// constraints: object form <-> list form

/// Converts `constraints` between its two forms, when `range` touches it.
pub(crate) fn convert_constraints(doc: &Document, range: TextRange) -> Option<CodeAction> {
    let text = doc.text();
    doc.frontmatter()?;
    let lines = doc.yaml_lines();
    let (_, ci) = root_keys(text, lines).into_iter().find(|(k, _)| *k == "constraints")?;
    let key_line = &lines[ci];
    if !key_line.opens_block() {
        return None; // a flow or scalar value
    }
    let inner = block(lines, Some(ci));
    let last = last_content(lines, inner.clone())?;
    let whole = TextRange::new(key_line.start, lines[last].end);
    if !(whole.start <= range.end && range.start <= whole.end) {
        return None;
    }
    let content: Vec<usize> = inner.clone().filter(|&i| lines[i].is_content()).collect();
    let first = &lines[*content.first()?];
    if first.dash.is_some() {
        to_object_form(text, lines, &content)
    } else {
        to_list_form(lines, &content, inner)
    }
}

fn leading_spaces(text: &str, l: &YLine) -> usize {
    text.get(l.start..l.end).unwrap_or("").bytes().take_while(|&b| b == b' ').count()
}

fn to_list_form(lines: &[YLine], content: &[usize], inner: std::ops::Range<usize>) -> Option<CodeAction> {
    let k = lines[content[0]].col;
    let mut edits = Vec::new();
    for i in inner {
        let l = &lines[i];
        match l.kind {
            LineKind::Blank => {}
            LineKind::Comment if l.col < k => {}
            LineKind::Key { .. } if l.col == k && l.dash.is_none() => edits.push(Edit::insert(l.start + k, "- ")),
            _ if l.node_col() < k => return None, // not a mapping at one column
            _ => edits.push(Edit::insert(l.start, "  ")),
        }
    }
    Some(CodeAction {
        title: "Convert `constraints` to list form".into(),
        kind: ActionKind::Refactor,
        edits,
        diagnostic: None,
        preferred: false,
    })
}

fn to_object_form(text: &str, lines: &[YLine], content: &[usize]) -> Option<CodeAction> {
    let d = content.iter().filter_map(|&i| lines[i].dash).min()?;
    let mut edits = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    // Width of the current item's `- ` marker: its continuation lines move left by as much.
    let mut width = 0;
    let first = content[0];
    let last = *content.last()?;
    for (i, l) in lines.iter().enumerate().take(last + 1).skip(first) {
        if l.kind == LineKind::Blank {
            continue;
        }
        if l.dash == Some(d) {
            let key = l.key()?; // every item must be `- key: ...`
            let name = key.slice(text);
            if keys.contains(&name) {
                return None; // the object form cannot hold the same key twice
            }
            keys.push(name);
            width = l.col - d;
            edits.push(Edit::delete(TextRange::new(l.start + d, l.start + l.col)));
            continue;
        }
        if i == first {
            return None;
        }
        let shift = width.min(leading_spaces(text, l).saturating_sub(d));
        if shift > 0 {
            edits.push(Edit::delete(TextRange::new(l.start, l.start + shift)));
        }
    }
    Some(CodeAction {
        title: "Convert `constraints` to object form".into(),
        kind: ActionKind::Refactor,
        edits,
        diagnostic: None,
        preferred: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use crate::fix::apply_edits;
    use crate::ide::testutil::{self, BROKEN, SEED};

    fn role_place() -> Place<'static> {
        static SCHEMAS: std::sync::OnceLock<crate::policy::Schemas> = std::sync::OnceLock::new();
        Place { kind: Kind::Role, schemas: SCHEMAS.get_or_init(crate::policy::Schemas::built_in), path: None }
    }

    fn check(doc: &Document) -> Vec<Diagnostic> {
        analysis::check(doc, &analysis::Context::default())
    }

    fn action<'a>(actions: &'a [CodeAction], title: &str) -> &'a CodeAction {
        actions.iter().find(|a| a.title.starts_with(title)).unwrap_or_else(|| panic!("no action {title:?}"))
    }

    fn apply(doc: &Document, a: &CodeAction) -> String {
        let (out, applied) = apply_edits(doc.text(), &a.edits);
        assert_eq!(applied.len(), a.edits.len(), "overlapping edits in {}", a.title);
        out
    }

    #[test]
    fn seed_actions_in_constraints() {
        let doc = Document::new(SEED.to_string());
        let diagnostics =
            analysis::check(&doc, &analysis::Context { file_stem: Some("platform-engineer"), ..Default::default() });
        let at = testutil::find(&doc, "    - commit", 6);
        let actions = code_actions(&doc, &role_place(), TextRange::empty(at), &diagnostics, None);
        insta::assert_snapshot!(testutil::actions(&doc, &actions));
    }

    #[test]
    fn quick_fixes_follow_their_diagnostics() {
        let doc = Document::new(SEED.to_string());
        let diagnostics = check(&doc);
        let emoji = testutil::find(&doc, "‚úÖ", 0);
        let actions = code_actions(&doc, &role_place(), TextRange::new(emoji, emoji + 3), &diagnostics, None);
        let fixes: Vec<&CodeAction> = actions.iter().filter(|a| a.kind == ActionKind::QuickFix).collect();
        assert_eq!(fixes.len(), 1);
        let d = &diagnostics[fixes[0].diagnostic.unwrap()];
        assert_eq!(d.rule, crate::RuleId::Mojibake);
        assert!(fixes[0].preferred);
        insta::assert_snapshot!(testutil::actions(&doc, &actions));
        // Away from any diagnostic: no quick fix.
        let far = testutil::find(&doc, "Bridge the gap", 0);
        assert!(code_actions(&doc, &role_place(), TextRange::empty(far), &diagnostics, None)
            .iter()
            .all(|a| a.kind != ActionKind::QuickFix));
    }

    #[test]
    fn constraints_round_trip_between_forms() {
        for list_form in [
            // Items at the key's column (the seed's style) and two columns further (the template's).
            "---\nrole: qa\nconstraints:\n  - requires_approval_for:\n    - commit\n    - deployment\n  - forbidden_paths:\n    - .env\ntone: assertive\n---\n",
            "---\nrole: qa\nconstraints:\n  - requires_approval_for:\n      - commit\n      - deployment\n  # paths\n  - forbidden_paths:\n      - .env\n\ntone: assertive\n---\n",
            "\u{feff}---\r\nrole: qa\r\nconstraints:\r\n  - requires_approval_for:\r\n    - commit\r\n  - forbidden_paths: [.env]\r\n---\r\n",
        ] {
            let doc = Document::new(list_form.to_string());
            let at = testutil::find(&doc, "commit", 0);
            let actions = code_actions(&doc, &role_place(), TextRange::empty(at), &[], None);
            let object_text = apply(&doc, action(&actions, "Convert `constraints` to object form"));
            let object = Document::new(object_text.clone());
            assert!(object.yaml().error.is_none(), "{object_text}");
            assert_eq!(object.yaml().to_json().unwrap()["constraints"]["requires_approval_for"][0], "commit", "{object_text}");
            assert_eq!(doc.yaml().to_json().unwrap()["tone"], object.yaml().to_json().unwrap()["tone"]);
            let actions = code_actions(&object, &role_place(), TextRange::empty(at), &[], None);
            let back = apply(&object, action(&actions, "Convert `constraints` to list form"));
            let back_doc = Document::new(back.clone());
            assert_eq!(back_doc.yaml().to_json(), doc.yaml().to_json(), "{back}");
        }
        let doc = Document::new("---\nrole: qa\nconstraints:\n  - requires_approval_for:\n    - commit\n  - forbidden_paths:\n    - .env\n---\n".into());
        let at = testutil::find(&doc, "commit", 0);
        let a = code_actions(&doc, &role_place(), TextRange::empty(at), &[], None);
        insta::assert_snapshot!(
            "to_object",
            format!("{}\n{}", testutil::actions(&doc, &a), apply(&doc, action(&a, "Convert")))
        );
    }

    #[test]
    fn no_conversion_outside_constraints_or_when_ambiguous() {
        let doc = Document::new(
            "---\nrole: qa\nconstraints:\n  - forbidden_paths: [a]\n  - forbidden_paths: [b]\n---\n".into(),
        );
        let at = testutil::find(&doc, "forbidden", 0);
        assert!(code_actions(&doc, &role_place(), TextRange::empty(at), &[], None)
            .iter()
            .all(|a| !a.title.starts_with("Convert")));
        let role = testutil::find(&doc, "role", 0);
        assert!(code_actions(&doc, &role_place(), TextRange::empty(role), &[], None)
            .iter()
            .all(|a| !a.title.starts_with("Convert")));
    }

    #[test]
    fn missing_sections_and_keys_on_broken() {
        let doc = Document::new(BROKEN.to_string());
        let actions = code_actions(&doc, &role_place(), TextRange::empty(0), &[], None);
        let sections = action(&actions, "Add missing sections");
        let keys = action(&actions, "Insert missing required keys");
        insta::assert_snapshot!(format!(
            "{}\n{}",
            testutil::actions(&doc, &[sections.clone(), keys.clone()]),
            apply(&doc, keys)
        ));
        let fixed = Document::new(apply(&doc, sections));
        assert!(
            !check(&fixed)
                .iter()
                .any(|d| d.rule == crate::RuleId::MissingSection || d.rule == crate::RuleId::SectionNumbering),
            "{}",
            fixed.text()
        );
    }

    #[test]
    fn missing_sections_go_in_their_place() {
        let text = "---\nrole: qa\n---\n\n# QA\n\n## 1. Mission Statement\n\nx\n\n## 2. Capabilities\n\nx\n\n## 3. Output Format\n\nx";
        let doc = Document::new(text.to_string());
        let actions = code_actions(&doc, &role_place(), TextRange::empty(0), &[], None);
        let fixed_text = apply(&doc, action(&actions, "Add missing sections"));
        let fixed = Document::new(fixed_text.clone());
        let titles: Vec<&str> =
            fixed.outline().headings.iter().filter(|h| h.level == 2).map(|h| h.text.slice(fixed.text())).collect();
        insta::assert_snapshot!(titles.join("\n"));
        assert!(
            !check(&fixed).iter().any(|d| matches!(
                d.rule,
                crate::RuleId::MissingSection | crate::RuleId::SectionNumbering | crate::RuleId::SectionOrder
            )),
            "{fixed_text}"
        );
    }

    #[test]
    fn required_keys_without_frontmatter_and_with_crlf() {
        let doc = Document::new("\u{feff}# QA\r\n".to_string());
        let actions = code_actions(&doc, &role_place(), TextRange::empty(0), &[], None);
        let fixed = Document::new(apply(&doc, action(&actions, "Insert missing required keys")));
        insta::assert_snapshot!(fixed.text());
        assert!(fixed.text().starts_with("\u{feff}---\r\nrole: new-role\r\n"), "{:?}", fixed.text());
        assert!(fixed.yaml().error.is_none());
        let diagnostics = check(&fixed);
        assert!(
            !diagnostics
                .iter()
                .any(|d| d.rule.as_str().starts_with("invalid-") || d.rule == crate::RuleId::MissingRequiredKey),
            "{diagnostics:#?}"
        );
        // One key missing.
        let doc = Document::new("---\nrole: qa\nversion: 1.0.0\ndescription: Quality engineer\nspecialization: Tests\nexpertise: [a]\nresponsibilities: [b]\ncapabilities: {}\n---\n".into());
        let actions = code_actions(&doc, &role_place(), TextRange::empty(0), &[], None);
        assert_eq!(
            testutil::actions(&doc, &[action(&actions, "Insert").clone()]),
            "Insert missing required key `tone` [Source]\n    8:0-8:0 \"\" -> \"tone: concise-technical\\n\"\n"
        );
        // Nothing missing on the seed.
        let seed = Document::new(SEED.to_string());
        assert!(code_actions(&seed, &role_place(), TextRange::empty(0), &[], None).is_empty());
    }

    #[test]
    fn a_fix_that_would_lose_a_comment_is_not_offered() {
        let text = "---\nrole: qa # the id\nversion: 1.0.0\n---\n# QA\n";
        let doc = Document::new(text.to_string());
        let at = text.find("role").unwrap_or_default();
        let key = TextRange::new(at, text.find(" # the").unwrap_or_default());
        let careless = Diagnostic::new(crate::rules::RuleId::UnknownKey, key, "made up".to_string()).with_fix(
            crate::diagnostic::Fix::safe(
                "Drop the comment",
                vec![Edit::replace(TextRange::new(at, at + 17), "role: qa")],
            ),
        );
        let careful = Diagnostic::new(crate::rules::RuleId::UnknownKey, key, "made up".to_string()).with_fix(
            crate::diagnostic::Fix::safe("Keep it", vec![Edit::replace(TextRange::new(at + 6, at + 8), "qa")]),
        );
        let ctx = Context { file_stem: Some("qa"), ..Context::default() };
        let project = Project::default();
        let mut diagnostics = crate::analysis::check_in(&doc, &ctx, &project);
        diagnostics.extend([careless, careful]);
        let titles = |proof: Option<&Proof>| -> Vec<String> {
            code_actions(&doc, &role_place(), TextRange::empty(at), &diagnostics, proof)
                .into_iter()
                .filter(|a| a.kind == ActionKind::QuickFix)
                .map(|a| a.title)
                .collect()
        };
        assert_eq!(titles(None), ["Drop the comment", "Keep it"]);
        assert_eq!(titles(Some(&Proof { ctx: &ctx, project: &project })), ["Keep it"]);
    }
}
