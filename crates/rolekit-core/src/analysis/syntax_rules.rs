//! Frontmatter and YAML structure: missing or unterminated frontmatter, YAML
//! errors, duplicate keys, nesting and alias limits.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::policy::Family;
use crate::rules::RuleId;
use crate::syntax::yaml::YamlError;
use crate::text::TextRange;

pub struct SyntaxOk {
    /// There is a terminated frontmatter: body rules can run.
    pub frontmatter: bool,
    /// Its YAML is complete, as JSON: schema rules can run.
    pub json: Option<Value>,
}

pub fn check(doc: &Document, family: Family, out: &mut Vec<Diagnostic>) -> SyntaxOk {
    let Some(split) = doc.frontmatter() else {
        let what = match family {
            Family::Role => "a role file",
            Family::Command => "a command file",
            Family::Prompt => "a prompt file",
            Family::Custom(_) => "this kind of document",
        };
        out.push(Diagnostic::new(
            RuleId::FrontmatterMissing,
            doc.first_line(),
            format!("no frontmatter: {what} starts with a `---` line, its YAML definition, and a closing `---`"),
        ));
        return SyntaxOk { frontmatter: false, json: None };
    };
    if split.close.is_none() {
        out.push(Diagnostic::new(
            RuleId::FrontmatterUnterminated,
            split.open,
            "the frontmatter is never closed: add a `---` line after the last YAML key",
        ));
        return SyntaxOk { frontmatter: false, json: None };
    }
    let yaml = doc.yaml();
    let mut yaml_ok = true;
    match &yaml.error {
        Some(YamlError::Syntax { at, message }) => {
            let mut d = Diagnostic::new(RuleId::YamlSyntax, widen(doc, *at), format!("YAML syntax error: {message}"));
            if let Some(open) = unclosed_bracket(doc.text(), split.yaml.start(), at.start()) {
                d.message.push_str(&format!(" (the `{}` opened here is never closed)", open.slice(doc.text())));
                d = d.with_related(Related { message: "opened here".into(), location: None, range: open });
            }
            out.push(d);
            yaml_ok = false;
        }
        Some(YamlError::TooDeep { at }) => {
            out.push(Diagnostic::new(
                RuleId::YamlTooComplex,
                *at,
                format!(
                    "the frontmatter nests deeper than {} levels; rolekit stops here",
                    crate::syntax::yaml::MAX_DEPTH
                ),
            ));
            yaml_ok = false;
        }
        Some(YamlError::TooLarge { at }) => {
            out.push(Diagnostic::new(
                RuleId::YamlTooComplex,
                *at,
                format!(
                    "the frontmatter holds more than {} values; rolekit stops here",
                    crate::syntax::yaml::MAX_NODES
                ),
            ));
            yaml_ok = false;
        }
        None => {}
    }
    for dup in &yaml.duplicates {
        let (line, _) = doc.line_index().line_col_human(doc.text(), dup.first.start());
        out.push(
            Diagnostic::new(
                RuleId::YamlDuplicateKey,
                dup.duplicate,
                format!("duplicate key `{}` (first defined on line {line})", dup.key),
            )
            .with_related(Related {
                message: "first defined here".into(),
                location: None,
                range: dup.first,
            }),
        );
    }
    let mut json = None;
    if yaml_ok {
        match yaml.to_json() {
            Ok(value) => json = Some(value),
            Err(alias) => out.push(Diagnostic::new(
                RuleId::YamlTooComplex,
                alias,
                format!(
                    "expanding this alias goes past {} nodes or {} MiB (an alias bomb?); the frontmatter is not validated",
                    crate::syntax::yaml::MAX_EXPANDED_NODES,
                    crate::syntax::yaml::MAX_EXPANDED_BYTES / (1024 * 1024)
                ),
            )),
        }
    }
    SyntaxOk { frontmatter: true, json }
}

/// The last `[` or `{` in `text[from..to]` left open (outside quotes and
/// comments): where a flow-collection error really starts.
fn unclosed_bracket(text: &str, from: usize, to: usize) -> Option<TextRange> {
    let mut open: Vec<usize> = Vec::new();
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let bytes = text.as_bytes();
    for i in from..to.min(bytes.len()) {
        let b = bytes[i];
        if comment {
            comment = b != b'\n';
            continue;
        }
        match (quote, b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if i == from || matches!(bytes[i - 1], b' ' | b'[' | b'{' | b',' | b':') => {
                quote = Some(b)
            }
            (None, b'#') if i == from || matches!(bytes[i - 1], b' ' | b'\n') => comment = true,
            (None, b'[' | b'{') => open.push(i),
            (None, b']' | b'}') => {
                open.pop();
            }
            _ => {}
        }
    }
    open.last().map(|&i| TextRange::new(i, i + 1))
}

/// An empty error position becomes the character there (or the line's end),
/// so editors underline something.
fn widen(doc: &Document, at: TextRange) -> TextRange {
    if !at.is_empty() {
        return at;
    }
    let text = doc.text();
    let start = at.start().min(text.len());
    match text[start..].chars().next() {
        Some(c) if c != '\n' && c != '\r' => TextRange::new(start, start + c.len_utf8()),
        _ => TextRange::empty(start),
    }
}
