//! The body against the frontmatter: `**Autonomy Level**: High` must agree
//! with `decision_making.autonomy_level`, and so on.

use serde_json::Value;

use super::body::BodySection;
use super::inherits::{merged_role, Resolution};
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleId;
use crate::schema;
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
    Statement { labels: &["format", "output format"], path: &["output_format", "format"], section: 11 },
    Statement { labels: &["include reasoning"], path: &["output_format", "include_reasoning"], section: 11 },
    Statement { labels: &["include alternatives"], path: &["output_format", "include_alternatives"], section: 11 },
];

/// A `**Label**: value` line of the body.
pub struct Stated {
    pub label: String,
    pub value: TextRange,
}

/// Every `**Label**: value` (or `**Label:** value`) line of `range`, outside code blocks.
pub fn statements(doc: &Document, range: TextRange) -> Vec<Stated> {
    let text = doc.text();
    let outline = doc.outline();
    let mut out = Vec::new();
    for line in lines(text, range.start()).take_while(|l| l.start < range.end()) {
        let s = &text[line.start..line.end];
        let Some(rest) = s.trim_start().strip_prefix("**") else {
            continue;
        };
        let Some(close) = rest.find("**") else {
            continue;
        };
        let mut label = &rest[..close];
        let mut after = &rest[close + 2..];
        if let Some(l) = label.strip_suffix(':') {
            label = l;
        } else if let Some(a) = after.strip_prefix(':') {
            after = a;
        } else {
            continue;
        }
        let value = after.trim();
        if value.is_empty() || outline.in_code(line.start) {
            continue;
        }
        let start = line.end - after.trim_start().len();
        out.push(Stated { label: label.trim().to_lowercase(), value: TextRange::new(start, start + value.len()) });
    }
    out
}

pub fn check(
    doc: &Document,
    sections: &[BodySection],
    json: &Value,
    resolution: &Resolution,
    out: &mut Vec<Diagnostic>,
) {
    let mut resolved: Option<Value> = None;
    let text = doc.text();
    for s in sections {
        let Some(number) = s.section.map(|sec| sec.number) else {
            continue;
        };
        if !STATEMENTS.iter().any(|st| st.section == number) {
            continue;
        }
        for st in statements(doc, s.content) {
            let Some(statement) =
                STATEMENTS.iter().find(|x| x.section == number && x.labels.contains(&st.label.as_str()))
            else {
                continue;
            };
            let resolved = resolved.get_or_insert_with(|| merged_role(json, resolution));
            check_statement(doc, text, resolved, statement, &st, out);
        }
    }
}

fn check_statement(
    doc: &Document,
    text: &str,
    resolved: &Value,
    statement: &Statement,
    st: &Stated,
    out: &mut Vec<Diagnostic>,
) {
    let mut actual = resolved;
    for key in statement.path {
        actual = &actual[*key];
    }
    let body_value = st.value.slice(text);
    let mismatch = match actual {
        Value::String(expected) => enum_mismatch(statement.path, expected, body_value),
        Value::Bool(expected) => stated_bool(body_value).is_some_and(|b| b != *expected),
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
    let mut d = Diagnostic::new(
        RuleId::InconsistentValue,
        st.value,
        format!(
            "the body says {} is `{}`, but `{key}` is `{shown}`",
            title_case(&st.label),
            body_value.trim_matches('*')
        ),
    );
    let path: Vec<PathSeg> = statement.path.iter().map(|k| PathSeg::Key(k.to_string())).collect();
    if let Some((here, n)) = doc.yaml().locate(&path) {
        if n == path.len() {
            d = d.with_related(Related {
                message: format!("`{key}` is set here"),
                location: None,
                range: here.value.range,
            });
        }
    }
    out.push(d);
}

/// The body names a different allowed value than the frontmatter's.
fn enum_mismatch(path: &[&str], expected: &str, body: &str) -> bool {
    let normalized: String = body
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '_'))
        .map(|c| if c.is_whitespace() { '-' } else { c.to_ascii_lowercase() })
        .collect();
    if normalized.starts_with(expected) {
        return false;
    }
    let Some(s) = schema::at_path(path.iter().copied()) else {
        return false;
    };
    let values = schema::enum_values(s);
    if !values.iter().any(|(v, _)| v == expected) {
        return false; // the frontmatter value is itself invalid: reported elsewhere
    }
    // Only a statement that names another allowed value is a contradiction.
    values.iter().any(|(v, _)| v != expected && normalized.starts_with(v.as_str()))
}

fn stated_bool(body: &str) -> Option<bool> {
    let lower = body.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let yes = lower.contains('✅') || words.iter().any(|w| matches!(*w, "yes" | "true"));
    let no = lower.contains('❌') || words.iter().any(|w| matches!(*w, "no" | "false"));
    match (yes, no) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

fn title_case(label: &str) -> String {
    label
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}
