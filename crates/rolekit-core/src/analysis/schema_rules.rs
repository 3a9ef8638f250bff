//! Schema validation (the built-in validator, `schema::validate`), each
//! error mapped back to the exact key or value it concerns.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules::RuleId;
use crate::schema::validate::{Bound, ErrorKind, Format, TypeSet, ValidationError};
use crate::schema::{Schema, SchemaDoc};
use crate::syntax::yaml::{parse_bool, Locator, Node, NodeValue, PathSeg};
use crate::text::TextRange;

/// Unknown keys of one mapping that get a did-you-mean.
const MAX_SUGGESTED: usize = 100;

/// Validates `json` (the frontmatter) against `schema`. `root_required`:
/// report keys the root requires (for roles they are checked on the role
/// resolved through `inherits` instead).
pub fn check(doc: &Document, json: &Value, schema: &Schema, root_required: bool, out: &mut Vec<Diagnostic>) {
    let Some(root) = &doc.yaml().root else {
        // An empty frontmatter: only the required keys are missing.
        if root_required {
            let missing: Vec<&str> = schema.required().collect();
            if !missing.is_empty() {
                out.push(missing_keys(doc, &missing));
            }
        }
        return;
    };
    if !matches!(root.value, NodeValue::Mapping(_)) {
        let range = if root.range.is_empty() { doc.fence() } else { root.range };
        out.push(Diagnostic::new(
            RuleId::InvalidType,
            range,
            format!("the frontmatter must be a mapping of keys to values, found a {}", root.kind_name()),
        ));
        return;
    }
    let sdoc = schema.doc();
    let mut finder = Locator::default();
    let mut root_missing: Vec<&str> = Vec::new();
    let errors = schema.validator().errors(json);
    report(doc, &sdoc, &errors, &mut finder, root_required, &mut root_missing, out);
    if !root_missing.is_empty() {
        out.push(missing_keys(doc, &root_missing));
    }
}

/// One diagnostic for the keys missing at the top level, at the opening `---`.
fn missing_keys(doc: &Document, missing: &[&str]) -> Diagnostic {
    let list = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let noun = if missing.len() == 1 { "key" } else { "keys" };
    Diagnostic::new(RuleId::MissingRequiredKey, doc.fence(), format!("missing required {noun} {list}"))
}

/// Maps validation errors to diagnostics.
fn report<'d, 's>(
    doc: &'d Document,
    sdoc: &SchemaDoc<'s>,
    errors: &[ValidationError<'s>],
    finder: &mut Locator<'d>,
    root_required: bool,
    root_missing: &mut Vec<&'s str>,
    out: &mut Vec<Diagnostic>,
) {
    for ValidationError { instance_path: path, kind } in errors {
        let Some((here, reached)) = finder.locate(doc.yaml(), path) else {
            continue;
        };
        if reached < path.len() {
            continue;
        }
        let node = here.value;
        let name = display_path(path);
        let keys: Vec<&str> = key_names(path);
        let node_schema = sdoc.at_instance_path(path);
        match kind {
            ErrorKind::Required { property } if path.is_empty() => {
                if root_required && !root_missing.contains(property) {
                    root_missing.push(property);
                }
            }
            ErrorKind::Required { property: key } => {
                let at = here.key.map_or(node.range, |k| k.range);
                out.push(Diagnostic::new(
                    RuleId::MissingRequiredKey,
                    at,
                    format!("`{name}` is missing the required key `{key}`"),
                ));
            }
            ErrorKind::Type { expected } => out.push(type_error(doc, sdoc, node, &name, *expected, node_schema)),
            ErrorKind::Enum { .. } | ErrorKind::Const { .. } if node.is_null() => {} // reported as a missing value
            ErrorKind::Enum { options } => out.push(enum_error(doc, node, &name, options)),
            ErrorKind::Const { expected } => out.push(enum_error(doc, node, &name, std::slice::from_ref(*expected))),
            ErrorKind::Pattern { .. } | ErrorKind::Format { .. } => {
                let what = match kind {
                    ErrorKind::Format { format } => format_description(*format),
                    _ => node_schema.and_then(|s| sdoc.pattern_description(s)).unwrap_or("the required pattern"),
                };
                let value = node.as_str().unwrap_or_default();
                let mut d = Diagnostic::new(
                    RuleId::InvalidPattern,
                    node.range,
                    format!("`{name}` must be {what}; found `{value}`"),
                );
                let kebab = to_kebab_case(value);
                if matches!(keys.as_slice(), ["role"] | ["inherits"]) && !kebab.is_empty() && kebab != value {
                    d = d.with_fix(Fix::suggestion(
                        format!("Change to `{kebab}`"),
                        vec![Edit::replace(node.range, kebab)],
                    ));
                }
                out.push(d);
            }
            ErrorKind::Number { bound, limit } => {
                let relation = match bound {
                    Bound::Minimum => "at least",
                    Bound::Maximum => "at most",
                    Bound::ExclusiveMinimum => "more than",
                    Bound::ExclusiveMaximum => "less than",
                };
                out.push(Diagnostic::new(
                    RuleId::OutOfRange,
                    node.range,
                    format!("`{name}` is {}; it must be {relation} {limit}", node.range.slice(doc.text())),
                ));
            }
            ErrorKind::MultipleOf { multiple_of } => out.push(Diagnostic::new(
                RuleId::OutOfRange,
                node.range,
                format!("`{name}` is {}; it must be a multiple of {multiple_of}", node.range.slice(doc.text())),
            )),
            ErrorKind::MinLength { limit } | ErrorKind::MaxLength { limit } => {
                let len = node.as_str().map_or(0, |s| s.chars().count());
                let bound = if matches!(kind, ErrorKind::MinLength { .. }) { "at least" } else { "at most" };
                out.push(Diagnostic::new(
                    RuleId::InvalidLength,
                    node.range,
                    format!("`{name}` is {len} characters long; it must be {bound} {limit}"),
                ));
            }
            ErrorKind::MinItems { limit } | ErrorKind::MaxItems { limit } => {
                let bound = if matches!(kind, ErrorKind::MinItems { .. }) { "at least" } else { "at most" };
                let noun = if *limit == 1 { "item" } else { "items" };
                out.push(Diagnostic::new(
                    RuleId::InvalidLength,
                    here.key.map_or(node.range, |k| k.range),
                    format!("`{name}` has {} items; it must have {bound} {limit} {noun}", node.items().len()),
                ));
            }
            ErrorKind::UniqueItems => duplicate_items(doc, node, &name, out),
            ErrorKind::AdditionalProperties { unexpected } => {
                let known: Vec<&str> =
                    node_schema.map(|s| sdoc.properties(s).into_iter().map(|(k, _)| k).collect()).unwrap_or_default();
                // One pass over the mapping (40,000 unknown keys stay linear);
                // the first entry of a duplicated key is the one reported.
                let mut unexpected: HashSet<&str> = unexpected.iter().map(String::as_str).collect();
                let mut suggested = 0;
                for entry in node.entries() {
                    let key = entry.key_text();
                    if unexpected.remove(key) {
                        // Did-you-mean for the first keys only: a mapping of
                        // thousands of unknown keys is not a typo.
                        let candidates: &[&str] = if suggested < MAX_SUGGESTED { &known } else { &[] };
                        suggested += 1;
                        out.push(unknown_key(&entry.key, key, &name, candidates));
                    }
                }
            }
            ErrorKind::MinProperties { .. } | ErrorKind::MaxProperties { .. } => {
                out.push(Diagnostic::new(
                    RuleId::InvalidType,
                    node.range,
                    format!("each item of `{}` must be a mapping with exactly one key, such as `- requires_approval_for: [...]`", parent_name(path)),
                ));
            }
            ErrorKind::Contains => out.push(Diagnostic::new(
                RuleId::InvalidType,
                here.key.map_or(node.range, |k| k.range),
                format!("`{name}` has no item of the required form"),
            )),
            ErrorKind::AnyOf { branches } | ErrorKind::OneOfNone { branches } => {
                // The branch that came closest explains the problem best.
                match branches.iter().filter(|b| !b.is_empty()).min_by_key(|b| b.len()) {
                    Some(best) => report(doc, sdoc, best, finder, root_required, root_missing, out),
                    None => out.push(Diagnostic::new(
                        RuleId::InvalidType,
                        node.range,
                        format!("`{name}` matches none of the allowed forms"),
                    )),
                }
            }
            ErrorKind::OneOfMany => out.push(Diagnostic::new(
                RuleId::InvalidType,
                node.range,
                format!("`{name}` matches more than one of the allowed forms; it must match exactly one"),
            )),
            ErrorKind::Not => out.push(Diagnostic::new(
                RuleId::InvalidType,
                node.range,
                format!("`{name}` has a form the schema forbids"),
            )),
            ErrorKind::PropertyName { name: key, kind } => {
                let at = node.entries().iter().find(|e| e.key_text() == key).map_or(node.range, |e| e.key.range);
                let why = match &**kind {
                    ErrorKind::Pattern { pattern } => format!("it must match `{pattern}`"),
                    ErrorKind::Enum { options } => format!(
                        "it must be one of {}",
                        options
                            .iter()
                            .filter_map(Value::as_str)
                            .map(|o| format!("`{o}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    ErrorKind::MaxLength { limit } => format!("it must be at most {limit} characters long"),
                    ErrorKind::MinLength { limit } => format!("it must be at least {limit} characters long"),
                    _ => "the schema restricts the names of these keys".to_string(),
                };
                let place = if name.is_empty() { "the frontmatter".to_string() } else { format!("`{name}`") };
                out.push(Diagnostic::new(
                    RuleId::InvalidPattern,
                    at,
                    format!("`{key}` is not an allowed key name in {place}: {why}"),
                ));
            }
            ErrorKind::FalseSchema => match (here.key, path.last()) {
                (Some(key), Some(PathSeg::Key(k))) => out.push(Diagnostic::new(
                    RuleId::UnknownKey,
                    key.range,
                    format!("`{k}` is not allowed in `{}`", display_path(&path[..path.len() - 1])),
                )),
                _ => {
                    out.push(Diagnostic::new(RuleId::InvalidType, node.range, format!("`{name}` is not allowed here")))
                }
            },
        }
    }
}

fn format_description(format: Format) -> &'static str {
    match format {
        Format::Date => "a date `YYYY-MM-DD` (RFC 3339), quoted",
        Format::DateTime => "a date and time such as `2025-11-05T12:00:00Z` (RFC 3339), quoted",
        Format::Time => "a time such as `12:00:00Z` (RFC 3339)",
    }
}

fn type_error<'s>(
    doc: &Document,
    sdoc: &SchemaDoc<'s>,
    node: &Node,
    name: &str,
    expected: TypeSet,
    node_schema: Option<&'s Value>,
) -> Diagnostic {
    let expected = match node_schema.map(|s| sdoc.type_name(s)) {
        Some(t) if t != "any" && t != "enum value" => t,
        _ => expected.to_string(),
    };
    if let Some(scalar) = node.as_scalar() {
        if expected == "boolean" && scalar.style.is_quoted() {
            if let Some(b) = parse_bool(scalar.text.trim()) {
                let value = if b { "true" } else { "false" };
                return Diagnostic::new(
                    RuleId::QuotedBoolean,
                    node.range,
                    format!(
                        "`{name}` is the string {}, not a boolean; remove the quotes",
                        node.range.slice(doc.text())
                    ),
                )
                .with_fix(Fix::safe(
                    format!("Write `{value}` without quotes"),
                    vec![Edit::replace(node.range, value)],
                ));
            }
        }
    }
    let found = node.kind_name();
    let mut message = format!("`{name}` must be a {expected}, found a {found}");
    if expected == "string" && found == "number" {
        message.push_str(&format!(" (`{}` is read as a number; quote it)", node.range.slice(doc.text())));
    }
    if found == "null" {
        message = format!("`{name}` has no value; it must be a {expected}");
    }
    // YAML 1.1 booleans (`yes`, `off`, ...) are plain strings in YAML 1.2.
    let yaml11_bool =
        node.as_scalar().filter(|s| !s.style.is_quoted()).and_then(|s| match s.text.to_ascii_lowercase().as_str() {
            "yes" | "y" | "on" => Some("true"),
            "no" | "n" | "off" => Some("false"),
            _ => None,
        });
    if let (true, Some(value)) = (expected == "boolean", yaml11_bool) {
        message.push_str(&format!(" (`{}` is a string in YAML 1.2; write `{value}`)", node.range.slice(doc.text())));
        return Diagnostic::new(RuleId::InvalidType, node.range, message)
            .with_fix(Fix::suggestion(format!("Write `{value}`"), vec![Edit::replace(node.range, value)]));
    }
    Diagnostic::new(RuleId::InvalidType, node.range, message)
}

fn enum_error(doc: &Document, node: &Node, name: &str, options: &[Value]) -> Diagnostic {
    let allowed: Vec<&str> = options.iter().filter_map(Value::as_str).collect();
    let value = node.as_str().map_or_else(|| node.range.slice(doc.text()).to_string(), str::to_string);
    let list = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
    let mut d = Diagnostic::new(
        RuleId::InvalidEnum,
        node.range,
        format!("`{value}` is not a valid `{name}`; expected one of {list}"),
    );
    if let Some(best) = closest(&value, allowed.iter().copied()) {
        d.message.push_str(&format!(" (did you mean `{best}`?)"));
        d = d.with_fix(Fix::suggestion(format!("Change to `{best}`"), vec![Edit::replace(node.range, best)]));
    }
    d
}

fn unknown_key(key_node: &Node, key: &str, parent: &str, known: &[&str]) -> Diagnostic {
    let place = if parent.is_empty() { "the frontmatter".to_string() } else { format!("`{parent}`") };
    let mut d = Diagnostic::new(RuleId::UnknownKey, key_node.range, format!("unknown key `{key}` in {place}"));
    if let Some(best) = closest(key, known.iter().copied()) {
        d.message.push_str(&format!(" (did you mean `{best}`?)"));
        d = d.with_fix(Fix::suggestion(format!("Rename to `{best}`"), vec![Edit::replace(key_node.range, best)]));
    }
    d
}

/// One diagnostic per repeated item, with a fix removing its line.
fn duplicate_items(doc: &Document, node: &Node, name: &str, out: &mut Vec<Diagnostic>) {
    let items = node.items();
    let text = doc.text();
    let mut first_of: HashMap<&str, &Node> = HashMap::new();
    for item in items {
        let Some(value) = item.as_str() else { continue };
        let first = *first_of.entry(value).or_insert(item);
        if std::ptr::eq(first, item) {
            continue;
        }
        let (line, _) = doc.line_index().line_col_human(text, first.range.start());
        let mut d = Diagnostic::new(
            RuleId::DuplicateItem,
            item.range,
            format!("`{}` is listed twice in `{name}` (first on line {line})", item.as_str().unwrap_or_default()),
        );
        if let Some(line_range) = block_item_line(doc, item) {
            d = d.with_fix(Fix::safe("Remove the repeated item", vec![Edit::delete(line_range)]));
        }
        out.push(d);
    }
}

/// The whole line of a block-sequence item (`  - value`), break included,
/// when the item is alone on its line.
fn block_item_line(doc: &Document, item: &Node) -> Option<TextRange> {
    let text = doc.text();
    let index = doc.line_index();
    let line = index.line_of(item.range.start());
    if index.line_of(item.range.end()) != line {
        return None;
    }
    let start = index.line_start(line);
    let end = index.line_end(text, line);
    let before = text[start..item.range.start()].trim();
    let after = text[item.range.end()..end].trim();
    // `- value` or `- &anchor value`: removing the line is verified like
    // every fix, so an anchor still in use is never removed with it.
    let properties_only =
        before.strip_prefix('-').is_some_and(|rest| rest.split_whitespace().all(|token| token.starts_with(['&', '!'])));
    if !properties_only || !after.is_empty() {
        return None;
    }
    let next = if line + 1 < index.line_count() { index.line_start(line + 1) } else { end };
    Some(TextRange::new(start, next))
}

/// The candidate closest to `input`, if it is close enough to be a typo.
pub fn closest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    super::suggest::closest(input, candidates)
}

pub fn display_path(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn parent_name(path: &[PathSeg]) -> String {
    display_path(&path[..path.len().saturating_sub(1)])
}

fn key_names(path: &[PathSeg]) -> Vec<&str> {
    path.iter()
        .filter_map(|s| match s {
            PathSeg::Key(k) => Some(k.as_str()),
            PathSeg::Index(_) => None,
        })
        .collect()
}

pub fn to_kebab_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_lower = false;
    for ch in s.chars() {
        if ch.is_ascii_uppercase() {
            if prev_lower {
                out.push('-');
            }
            out.push(ch.to_ascii_lowercase());
            prev_lower = false;
        } else if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
            out.push(ch);
            prev_lower = true;
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
            prev_lower = false;
        }
    }
    let trimmed = out.trim_matches('-').trim_start_matches(|c: char| c.is_ascii_digit());
    trimmed.trim_start_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        assert_eq!(to_kebab_case("Platform_Engineer"), "platform-engineer");
        assert_eq!(to_kebab_case("platformEngineer"), "platform-engineer");
        assert_eq!(to_kebab_case("QA team"), "qa-team");
    }

    #[test]
    fn closest_needs_a_near_match() {
        assert_eq!(closest("tonee", ["tone", "role"].into_iter()), Some("tone"));
        assert_eq!(closest("zzz", ["tone", "role"].into_iter()), None);
    }
}
