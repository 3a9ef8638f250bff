//! Code actions: the fixes the diagnostics carry, plus three document-level
//! actions: add the missing standard sections, insert the missing required
//! keys, and convert `constraints` between its object and list forms.
//!
//! Every edit is exact: it changes only the bytes it names, in the
//! document's own line breaks.

use serde_json::Value;

use super::context::{
    block, eol, indent_unit, last_content, root_keys, yaml_lines, LineKind, YLine,
};
use super::{ActionKind, CodeAction};
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::schema::sections::{self, SECTIONS};
use crate::schema::{self, Info};
use crate::text::{TextRange, BOM};

pub fn code_actions(
    doc: &Document,
    range: TextRange,
    diagnostics: &[Diagnostic],
) -> Vec<CodeAction> {
    let len = doc.text().len() as u32;
    let range = TextRange {
        start: range.start.min(len),
        end: range.end.min(len).max(range.start.min(len)),
    };
    let mut out = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if !(d.range.start <= range.end && range.start <= d.range.end) {
            continue;
        }
        out.push(CodeAction {
            title: fix.description.clone(),
            kind: ActionKind::QuickFix,
            edits: fix.edits.clone(),
            diagnostic: Some(i),
            preferred: fix.safe,
        });
    }
    out.extend(add_missing_sections(doc));
    out.extend(insert_required_keys(doc));
    out.extend(convert_constraints(doc, range));
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
    let nl = eol(text);
    let h2: Vec<_> = doc
        .outline()
        .headings
        .iter()
        .filter(|h| h.level == 2)
        .collect();
    let present: Vec<u32> = h2
        .iter()
        .filter_map(|h| sections::find(h.title.slice(text)))
        .map(|s| s.number)
        .collect();
    let mut missing = SECTIONS
        .iter()
        .filter(|s| !present.contains(&s.number))
        .peekable();
    missing.peek()?;
    let mut edits = Vec::new();
    let mut number = 0u32;
    let section_text = |n: u32, s: &sections::Section| {
        format!("## {n}. {}{nl}{nl}<!-- {} -->{nl}{nl}", s.title, s.doc)
    };
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
        let lead = if lead == "\n\n" {
            format!("{nl}{nl}")
        } else {
            lead.to_string()
        };
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

/// Appends the required keys absent from the frontmatter, before its closing
/// fence, with placeholder values valid for their type. A file without
/// frontmatter gets one.
pub(crate) fn insert_required_keys(doc: &Document) -> Option<CodeAction> {
    let text = doc.text();
    let nl = eol(text);
    let (lines, present): (Vec<YLine>, Vec<&str>) = match doc.frontmatter() {
        Some(split) => {
            let lines = yaml_lines(text, split.yaml);
            let present = root_keys(text, &lines)
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            (lines, present)
        }
        None => (Vec::new(), Vec::new()),
    };
    let missing: Vec<&str> = schema::required_keys()
        .filter(|k| !present.contains(k))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let unit = indent_unit(&lines);
    let mut block_text = String::new();
    for key in &missing {
        let sub = schema::at_path([*key])?;
        block_text.push_str(&placeholder(key, sub, &schema::info(sub), unit, nl));
    }
    let edit = match doc.frontmatter() {
        Some(split) => {
            let at = split.close.map_or(split.yaml.end(), |c| c.start());
            let before = text.get(..at).unwrap_or("");
            let lead = if before.ends_with('\n') || before.ends_with('\r') {
                ""
            } else {
                nl
            };
            Edit::insert(at, format!("{lead}{block_text}"))
        }
        None => {
            let at = if text.starts_with(BOM) {
                BOM.len_utf8()
            } else {
                0
            };
            Edit::insert(at, format!("---{nl}{block_text}---{nl}{nl}"))
        }
    };
    let title = if missing.len() == 1 {
        format!("Insert missing required key `{}`", missing[0])
    } else {
        "Insert missing required keys".into()
    };
    Some(CodeAction {
        title,
        kind: ActionKind::Source,
        edits: vec![edit],
        diagnostic: None,
        preferred: false,
    })
}

/// `key: value` (with its line break) holding a placeholder valid for the key's schema.
fn placeholder(key: &str, sub: &'static Value, info: &Info, unit: usize, nl: &str) -> String {
    let pad = " ".repeat(unit);
    match key {
        "role" => return format!("role: new-role{nl}"),
        "version" => return format!("version: 1.0.0{nl}"),
        "description" => return format!("description: TODO describe this role{nl}"),
        "specialization" => return format!("specialization: TODO the role's specific focus{nl}"),
        _ => {}
    }
    match sub.get("type").and_then(Value::as_str) {
        Some("boolean") => format!(
            "{key}: {}{nl}",
            sub.get("default").and_then(Value::as_bool).unwrap_or(false)
        ),
        Some("array") => format!(
            "{key}:{nl}{pad}- {}{nl}",
            info.enum_values.first().map_or("TODO", |(v, _)| v.as_str())
        ),
        Some("object") => {
            let mut out = format!("{key}:{nl}");
            for (name, prop) in schema::properties(sub) {
                let prop = schema::resolve(prop);
                for line in
                    placeholder(name, prop, &schema::info(prop), unit, nl).split_inclusive('\n')
                {
                    out.push_str(&pad);
                    out.push_str(line);
                }
            }
            out
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
    let split = doc.frontmatter()?;
    let lines = yaml_lines(text, split.yaml);
    let (_, ci) = root_keys(text, &lines)
        .into_iter()
        .find(|(k, _)| *k == "constraints")?;
    let key_line = &lines[ci];
    if !key_line.opens_block() {
        return None; // a flow or scalar value
    }
    let inner = block(&lines, Some(ci));
    let last = last_content(&lines, inner.clone())?;
    let whole = TextRange::new(key_line.start, lines[last].end);
    if !(whole.start <= range.end && range.start <= whole.end) {
        return None;
    }
    let content: Vec<usize> = inner.clone().filter(|&i| lines[i].is_content()).collect();
    let first = &lines[*content.first()?];
    if first.dash.is_some() {
        to_object_form(text, &lines, &content)
    } else {
        to_list_form(&lines, &content, inner)
    }
}

fn leading_spaces(text: &str, l: &YLine) -> usize {
    text.get(l.start..l.end)
        .unwrap_or("")
        .bytes()
        .take_while(|&b| b == b' ')
        .count()
}

fn to_list_form(
    lines: &[YLine],
    content: &[usize],
    inner: std::ops::Range<usize>,
) -> Option<CodeAction> {
    let k = lines[content[0]].col;
    let mut edits = Vec::new();
    for i in inner {
        let l = &lines[i];
        match l.kind {
            LineKind::Blank => {}
            LineKind::Comment if l.col < k => {}
            LineKind::Key { .. } if l.col == k && l.dash.is_none() => {
                edits.push(Edit::insert(l.start + k, "- "))
            }
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
