//! The body against the frontmatter: `**Autonomy Level**: High` must agree
//! with `decision_making.autonomy_level`, `**can_write_code**: \`true\`` with
//! `capabilities.can_write_code`, the paths under `**Forbidden Paths**:` with
//! `constraints.forbidden_paths`, and so on. Values come from the role as
//! resolved through `inherits`; a value set only in a parent is named with
//! the parent that sets it.
//!
//! Statements are read in the phrasings real role files use:
//! - `**Label**: value` and `**Label:** value` (also inside list items);
//! - a heading `### Autonomy Level: **High**`;
//! - a list item marked ✅ or ❌: `- ✅ **Include Alternatives**: Present options`
//!   states `true` (❌ `false`) when its text does not say yes or no;
//! - a key's own name: `- **can_write_code**: \`true\` — ...`.

use serde_json::Value;

use super::body::BodySection;
use super::inherits::{merged_role, Resolution};
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleId;
use crate::schema::Schema;
use crate::syntax::markdown::lines;
use crate::syntax::yaml::PathSeg;
use crate::text::TextRange;

/// A body label and the frontmatter key it restates.
struct Statement {
    labels: &'static [&'static str],
    path: &'static [&'static str],
    /// The standard section the statement belongs in.
    section: u32,
}

const STATEMENTS: &[Statement] = &[
    Statement { labels: &["autonomy level"], path: &["decision_making", "autonomy_level"], section: 6 },
    Statement { labels: &["tone"], path: &["tone"], section: 10 },
    Statement {
        labels: &["format", "output format", "primary format"],
        path: &["output_format", "format"],
        section: 11,
    },
    Statement {
        labels: &["include reasoning", "include_reasoning"],
        path: &["output_format", "include_reasoning"],
        section: 11,
    },
    Statement {
        labels: &["include alternatives", "include_alternatives"],
        path: &["output_format", "include_alternatives"],
        section: 11,
    },
    Statement { labels: &["can_write_knowledge"], path: &["capabilities", "can_write_knowledge"], section: 4 },
    Statement { labels: &["can_write_code"], path: &["capabilities", "can_write_code"], section: 4 },
    Statement { labels: &["can_review_code"], path: &["capabilities", "can_review_code"], section: 4 },
    Statement { labels: &["can_run_tests"], path: &["capabilities", "can_run_tests"], section: 4 },
    Statement {
        labels: &["requires_knowledge_gathering"],
        path: &["context_requirements", "requires_knowledge_gathering"],
        section: 7,
    },
    Statement {
        labels: &["requires_codebase_analysis"],
        path: &["context_requirements", "requires_codebase_analysis"],
        section: 7,
    },
    Statement {
        labels: &["requires_project_history"],
        path: &["context_requirements", "requires_project_history"],
        section: 7,
    },
    Statement {
        labels: &["requires_dependencies_list"],
        path: &["context_requirements", "requires_dependencies_list"],
        section: 7,
    },
    Statement {
        labels: &["requires_test_results"],
        path: &["context_requirements", "requires_test_results"],
        section: 7,
    },
];

/// The label that introduces the body's list of forbidden paths (section 5).
const FORBIDDEN_PATHS: &str = "forbidden paths";

/// A `**Label**: value` statement of the body.
pub struct Stated {
    /// Lowercase, spaces collapsed.
    pub label: String,
    /// The stated value (may be empty when a ✅/❌ mark states it).
    pub value: TextRange,
    /// A ✅ (`true`) or ❌ (`false`) before the label.
    pub mark: Option<bool>,
    /// The whole line.
    pub line: TextRange,
}

/// Every statement of `range`, outside code blocks.
pub fn statements(doc: &Document, range: TextRange) -> Vec<Stated> {
    let text = doc.text();
    let outline = doc.outline();
    let mut out = Vec::new();
    for line in lines(text, range.start()).take_while(|l| l.start < range.end()) {
        if outline.in_code(line.start) {
            continue;
        }
        if let Some(st) = statement(text, line.start, line.end) {
            out.push(st);
        }
    }
    out
}

/// Reads one line as a statement, if it is one.
fn statement(text: &str, start: usize, end: usize) -> Option<Stated> {
    let line = &text[start..end];
    let mut s = line.trim_start();
    // A heading: `### Autonomy Level: **High**`.
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with(' ') {
        let rest = s[hashes..].trim_start();
        let (label, after) = rest.split_once(':')?;
        let label = label.trim().trim_matches('*').trim();
        let value = after.trim();
        if label.is_empty() || value.is_empty() || label.contains('`') {
            return None;
        }
        let value_start = end - after.trim_start().len();
        return Some(Stated {
            label: normalize_label(label),
            value: TextRange::new(value_start, value_start + value.len()),
            mark: None,
            line: TextRange::new(start, end),
        });
    }
    // A list item, possibly marked ✅ / ❌.
    if let Some(rest) = s.strip_prefix("- ").or_else(|| s.strip_prefix("* ")).or_else(|| s.strip_prefix("+ ")) {
        s = rest.trim_start();
    }
    let mut mark = None;
    for (emoji, value) in [("✅", true), ("❌", false)] {
        if let Some(rest) = s.strip_prefix(emoji) {
            mark = Some(value);
            s = rest.trim_start_matches('\u{fe0f}').trim_start();
        }
    }
    let rest = s.strip_prefix("**")?;
    let close = rest.find("**")?;
    let mut label = &rest[..close];
    let mut after = &rest[close + 2..];
    if let Some(l) = label.strip_suffix(':') {
        label = l;
    } else if let Some(a) = after.strip_prefix(':') {
        after = a;
    } else {
        return None;
    }
    let label = label.trim().trim_matches('`').trim();
    let value = after.trim();
    if label.is_empty() || (value.is_empty() && mark.is_none() && normalize_label(label) != FORBIDDEN_PATHS) {
        return None;
    }
    let value_start = end - after.trim_start().len();
    Some(Stated {
        label: normalize_label(label),
        value: TextRange::new(value_start, value_start + value.len()),
        mark,
        line: TextRange::new(start, end),
    })
}

/// `label` in lowercase, its words joined by one space (one pass, one allocation).
fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        crate::case::push_lowercase(&mut out, word);
    }
    out
}

pub fn check(
    doc: &Document,
    sections: &[BodySection],
    json: &Value,
    resolution: &Resolution,
    schema: Option<&Schema>,
    out: &mut Vec<Diagnostic>,
) {
    let mut resolved: Option<Value> = None;
    for s in sections {
        let Some(number) = s.section.map(|sec| sec.number) else {
            continue;
        };
        let wanted = STATEMENTS.iter().any(|st| st.section == number) || number == 5;
        if !wanted {
            continue;
        }
        let stated = statements(doc, s.content);
        for (i, st) in stated.iter().enumerate() {
            if number == 5 && st.label == FORBIDDEN_PATHS {
                let end = stated.get(i + 1).map_or(s.content.end(), |next| next.line.start());
                let resolved = resolved.get_or_insert_with(|| merged_role(json, resolution));
                forbidden_paths(doc, st, TextRange::new(st.line.end(), end), json, resolved, resolution, out);
                continue;
            }
            let Some(statement) =
                STATEMENTS.iter().find(|x| x.section == number && x.labels.contains(&st.label.as_str()))
            else {
                continue;
            };
            let resolved = resolved.get_or_insert_with(|| merged_role(json, resolution));
            check_statement(doc, resolved, json, resolution, schema, statement, st, out);
        }
    }
}

/// Where the value at `path` comes from: this document, or the nearest
/// parent that sets it (its name, location and the value's range there).
fn source(json: &Value, resolution: &Resolution, path: &[PathSeg]) -> Option<(String, String, TextRange)> {
    let mut own = json;
    let mut here = true;
    for seg in path {
        match seg {
            PathSeg::Key(k) => match own.get(k) {
                Some(v) => own = v,
                None => {
                    here = false;
                    break;
                }
            },
            PathSeg::Index(_) => return None,
        }
    }
    if here {
        return None;
    }
    resolution.parents.iter().find_map(|p| {
        let (located, n) = p.document.yaml().locate(path)?;
        (n == path.len())
            .then(|| (p.document.role().unwrap_or("the parent").to_string(), p.location.clone(), located.value.range))
    })
}

#[allow(clippy::too_many_arguments)]
fn check_statement(
    doc: &Document,
    resolved: &Value,
    json: &Value,
    resolution: &Resolution,
    schema: Option<&Schema>,
    statement: &Statement,
    st: &Stated,
    out: &mut Vec<Diagnostic>,
) {
    let text = doc.text();
    let mut actual = resolved;
    for key in statement.path {
        actual = &actual[*key];
    }
    let body_value = st.value.slice(text);
    let literal_key = st.label.contains('_');
    let mismatch = match actual {
        Value::String(expected) => enum_mismatch(schema, statement.path, expected, body_value),
        Value::Bool(expected) => {
            let stated = if literal_key { first_token_bool(body_value) } else { stated_bool(body_value) };
            stated.or(st.mark).is_some_and(|b| b != *expected)
        }
        _ => false,
    };
    if !mismatch {
        return;
    }
    let key = statement.path.join(".");
    let shown = match actual {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let range = if st.value.is_empty() { st.line } else { st.value };
    let said = if body_value.is_empty() {
        if st.mark == Some(true) {
            "✅".to_string()
        } else {
            "❌".to_string()
        }
    } else {
        body_value.trim_matches('*').to_string()
    };
    let label = if literal_key { format!("`{}`", st.label) } else { title_case(&st.label) };
    let path: Vec<PathSeg> = statement.path.iter().map(|k| PathSeg::Key(k.to_string())).collect();
    let mut d = match source(json, resolution, &path) {
        Some((parent, location, at)) => Diagnostic::new(
            RuleId::InconsistentValue,
            range,
            format!(
                "the body says {label} is `{said}`, but `{key}` is `{shown}`, inherited from `{parent}` ({location})"
            ),
        )
        .with_related(Related {
            message: format!("`{key}` is set here, in `{parent}`"),
            location: Some(location),
            range: at,
        }),
        None => {
            let d = Diagnostic::new(
                RuleId::InconsistentValue,
                range,
                format!("the body says {label} is `{said}`, but `{key}` is `{shown}`"),
            );
            match doc.yaml().locate(&path) {
                Some((here, n)) if n == path.len() => d.with_related(Related {
                    message: format!("`{key}` is set here"),
                    location: None,
                    range: here.value.range,
                }),
                _ => d,
            }
        }
    };
    d.message = d.message.replace("``", "`");
    out.push(d);
}

/// The body's list of forbidden paths (the list items after the label, up
/// to the next statement) against `constraints.forbidden_paths`. A folder is
/// the same path with or without its trailing `/`.
fn forbidden_paths(
    doc: &Document,
    label: &Stated,
    list: TextRange,
    json: &Value,
    resolved: &Value,
    resolution: &Resolution,
    out: &mut Vec<Diagnostic>,
) {
    let text = doc.text();
    let listed = frontmatter_paths(resolved);
    let Some(listed) = listed else { return };
    let mut stated: Vec<(String, TextRange)> = Vec::new();
    let mut in_list = false;
    for line in lines(text, list.start()).take_while(|l| l.start < list.end()) {
        let s = text[line.start..line.end].trim_start();
        if s.starts_with('#') {
            break;
        }
        let item = s.strip_prefix("- ").or_else(|| s.strip_prefix("* "));
        match item {
            Some(_) => in_list = true,
            None if s.is_empty() => continue,
            None if in_list => break,
            None => continue,
        }
        let indent = line.end - line.start - s.len();
        let mut pos = line.start + indent;
        let l = &text[pos..line.end];
        let mut rest = l;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            let path = &after[..close];
            let start = pos + open + 1;
            if !path.is_empty() && !path.contains(' ') {
                stated.push((path.to_string(), TextRange::new(start, start + path.len())));
            }
            let consumed = open + 1 + close + 1;
            pos += consumed;
            rest = &rest[consumed..];
        }
    }
    if stated.is_empty() {
        return;
    }
    let norm = |p: &str| p.trim_end_matches('/').to_string();
    let listed_norm: Vec<String> = listed.iter().map(|p| norm(p)).collect();
    let stated_norm: Vec<String> = stated.iter().map(|(p, _)| norm(p)).collect();
    let key_path = forbidden_paths_path(json);
    let inherited = source(json, resolution, &[PathSeg::Key("constraints".into())]);
    let from = inherited.as_ref().map(|(p, l, _)| format!(", inherited from `{p}` ({l})")).unwrap_or_default();
    for ((path, range), n) in stated.iter().zip(&stated_norm) {
        if !listed_norm.contains(n) {
            out.push(Diagnostic::new(
                RuleId::InconsistentValue,
                *range,
                format!("the body forbids `{path}`, but `constraints.forbidden_paths` does not list it{from}"),
            ));
        }
    }
    for (path, n) in listed.iter().zip(&listed_norm) {
        if !stated_norm.contains(n) {
            let mut d = Diagnostic::new(
                RuleId::InconsistentValue,
                label.line,
                format!("`constraints.forbidden_paths` lists `{path}`{from}, but the body's forbidden paths do not"),
            );
            if let Some(range) = key_path.as_ref().and_then(|p| locate_item(doc, p, path)) {
                d = d.with_related(Related { message: format!("`{path}` is listed here"), location: None, range });
            }
            out.push(d);
        }
    }
}

/// `constraints.forbidden_paths` of a role, in either form of `constraints`.
fn frontmatter_paths(role: &Value) -> Option<Vec<String>> {
    let constraints = role.get("constraints")?;
    let lists: Vec<&Value> = match constraints {
        Value::Array(items) => items.iter().filter_map(|i| i.get("forbidden_paths")).collect(),
        other => other.get("forbidden_paths").into_iter().collect(),
    };
    if lists.is_empty() {
        return None;
    }
    Some(
        lists
            .into_iter()
            .flat_map(|l| l.as_array().into_iter().flatten())
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
    )
}

/// The instance path of `forbidden_paths` in this document's own frontmatter.
fn forbidden_paths_path(json: &Value) -> Option<Vec<PathSeg>> {
    match json.get("constraints")? {
        Value::Array(items) => {
            let i = items.iter().position(|i| i.get("forbidden_paths").is_some())?;
            Some(vec![PathSeg::Key("constraints".into()), PathSeg::Index(i), PathSeg::Key("forbidden_paths".into())])
        }
        other => other
            .get("forbidden_paths")
            .map(|_| vec![PathSeg::Key("constraints".into()), PathSeg::Key("forbidden_paths".into())]),
    }
}

fn locate_item(doc: &Document, list: &[PathSeg], item: &str) -> Option<TextRange> {
    let (located, n) = doc.yaml().locate(list)?;
    (n == list.len()).then_some(())?;
    located.value.items().iter().find(|i| i.as_str() == Some(item)).map(|i| i.range)
}

/// The body names a different allowed value than the frontmatter's.
fn enum_mismatch(schema: Option<&Schema>, path: &[&str], expected: &str, body: &str) -> bool {
    let normalized: String = body
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '_'))
        .map(|c| if c.is_whitespace() { '-' } else { c.to_ascii_lowercase() })
        .collect();
    if normalized.starts_with(expected) {
        return false;
    }
    let Some(schema) = schema else { return false };
    let sdoc = schema.doc();
    let Some(s) = sdoc.at_path(path.iter().copied()) else {
        return false;
    };
    let values = sdoc.enum_values(s);
    if !values.iter().any(|(v, _)| v == expected) {
        return false; // the frontmatter value is itself invalid: reported elsewhere
    }
    // Only a statement that names another allowed value is a contradiction.
    values.iter().any(|(v, _)| v != expected && normalized.starts_with(v.as_str()))
}

/// Yes or no, from a whole statement: `✅ Yes`, `No`, `true`.
fn stated_bool(body: &str) -> Option<bool> {
    let lower = crate::case::lowercase(body);
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let yes = lower.contains('✅') || words.iter().any(|w| matches!(*w, "yes" | "true"));
    let no = lower.contains('❌') || words.iter().any(|w| matches!(*w, "no" | "false"));
    match (yes, no) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// Yes or no, from the first word only (`\`true\` — Full authority...`).
fn first_token_bool(body: &str) -> Option<bool> {
    let first = body.split_whitespace().next()?.trim_matches(|c: char| matches!(c, '`' | '*' | ',' | '.' | ';' | ':'));
    match crate::case::lowercase(first).as_str() {
        "true" | "yes" | "✅" => Some(true),
        "false" | "no" | "❌" => Some(false),
        _ => None,
    }
}

fn title_case(label: &str) -> String {
    label
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or_else(String::new, |f| std::iter::once(crate::case::upper(f)).chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Option<(String, String, Option<bool>)> {
        statement(line, 0, line.len()).map(|s| (s.label, s.value.slice(line).to_string(), s.mark))
    }

    #[test]
    fn phrasings_real_files_use() {
        assert_eq!(one("**Autonomy Level**: High"), Some(("autonomy level".into(), "High".into(), None)));
        assert_eq!(one("**Tone:** Concise"), Some(("tone".into(), "Concise".into(), None)));
        assert_eq!(one("### Autonomy Level: **High**"), Some(("autonomy level".into(), "**High**".into(), None)));
        assert_eq!(
            one("- ✅ **Include Alternatives**: Present options considered"),
            Some(("include alternatives".into(), "Present options considered".into(), Some(true)))
        );
        assert_eq!(
            one("- **can_write_code**: `true` — Full contributor"),
            Some(("can_write_code".into(), "`true` — Full contributor".into(), None))
        );
        assert_eq!(one("## 6. Decision-Making Model"), None);
        assert_eq!(one("Plain text: with a colon"), None);
        assert_eq!(first_token_bool("`false` — **Cannot write** no"), Some(false));
        assert_eq!(stated_bool("Explain _why_ decisions were made"), None);
    }
}
