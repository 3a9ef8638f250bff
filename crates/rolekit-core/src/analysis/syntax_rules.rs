//! Frontmatter and YAML structure: missing or unterminated frontmatter, YAML
//! errors, duplicate keys, nesting and alias limits.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Edit, Fix, Related};
use crate::document::Document;
use crate::policy::Family;
use crate::rules::RuleId;
use crate::syntax::yaml::lenient::LenientFlow;
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
            Family::Dialect(d) if !d.frontmatter_required() => return SyntaxOk { frontmatter: false, json: None },
            Family::Dialect(d) => d.describe(),
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
            out.push(syntax_error(doc, split.yaml.start(), *at, message));
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
    for flow in &yaml.lenient_flows {
        out.push(flow_indent(doc, flow));
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

/// A YAML error, pointed at the construct that caused it: the bracket or
/// quote left open, the key without its `:`, the value holding a `: `.
/// Where the parser stopped is kept as a related location.
fn syntax_error(doc: &Document, yaml_start: usize, at: TextRange, message: &str) -> Diagnostic {
    let text = doc.text();
    let stopped = widen(doc, at);
    let (line, _) = doc.line_index().line_col_human(text, at.start());
    let here = |range: TextRange, what: String| {
        Diagnostic::new(RuleId::YamlSyntax, range, format!("{what} (YAML stopped at line {line}: {message})"))
            .with_related(Related { message: "the parser stopped here".into(), location: None, range: stopped })
    };
    if let Some(open) = unclosed_bracket(text, yaml_start, at.start()) {
        return here(open, format!("the `{}` opened here is never closed", open.slice(text)));
    }
    let index = doc.line_index();
    let line_of = |offset: usize| index.line_of(offset);
    let content = |l: usize| {
        let (start, end) = (index.line_start(l), index.line_end(text, l));
        let s = &text[start..end];
        let lead = s.len() - s.trim_start().len();
        // A blank line's content is empty at its end (its trimmed end would come before its lead).
        TextRange::new(start + lead, start + s.trim_end().len().max(lead))
    };
    if message.contains("simple key") || message.contains("could not find expected ':'") {
        // A key without `:` joins the next line into one (invalid) key: it starts on an earlier line.
        let mut l = line_of(at.start());
        while l > 0 {
            l -= 1;
            let c = content(l);
            if c.start() < yaml_start {
                break;
            }
            let s = c.slice(text);
            if s.is_empty() || s.starts_with('#') {
                continue;
            }
            if !s.contains(": ") && !s.ends_with(':') && !s.starts_with("- ") {
                return here(c, format!("`{s}` has no `:` after it: a key is written `key: value`"));
            }
            break;
        }
    }
    if message.contains("mapping values are not allowed") {
        let c = content(line_of(at.start()));
        let s = c.slice(text);
        if let Some(colon) = s.find(": ") {
            let value_start = c.start() + colon + 2;
            if value_start < at.start() && at.start() <= c.end() {
                let value = TextRange::new(value_start, c.end());
                let d = here(
                    value,
                    "this value contains `: `, which YAML reads as the start of another key; put the value in quotes"
                        .to_string(),
                );
                return match quote_value(doc, c, value) {
                    Some(fix) => d.with_fix(fix),
                    None => d,
                };
            }
        }
    }
    if message.contains("quoted scalar") && matches!(stopped.slice(text), "\"" | "'") {
        return Diagnostic::new(
            RuleId::YamlSyntax,
            stopped,
            format!(
                "the quoted value opened here is never closed, or a line inside it is not indented (YAML: {message})"
            ),
        );
    }
    Diagnostic::new(RuleId::YamlSyntax, stopped, format!("YAML syntax error: {message}"))
}

/// The fix that quotes a one-line plain value holding `: ` (`description:
/// Use when: ...`), when the value is all on its line `line`: it does not
/// open anything else (a quote, a flow collection, a block scalar, an
/// anchor, a tag, an alias) and the next content line is not indented past
/// the key (a continuation). A comment after the value stays after it.
fn quote_value(doc: &Document, line: TextRange, value: TextRange) -> Option<Fix> {
    let text = doc.text();
    let raw = value.slice(text);
    let end = raw.find(" #").map_or(raw.len(), |i| raw[..i].trim_end().len());
    let written = &raw[..end];
    if written.is_empty() || written.starts_with(['"', '\'', '[', '{', '|', '>', '&', '!', '*', '#']) {
        return None;
    }
    let index = doc.line_index();
    let key_indent = line.start() - index.line_start(index.line_of(line.start()));
    let mut next = index.line_of(line.start()) + 1;
    while next < index.line_count() {
        let (start, stop) = (index.line_start(next), index.line_end(text, next));
        let content = &text[start..stop];
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            next += 1;
            continue;
        }
        if content.len() - trimmed.len() > key_indent && !trimmed.starts_with("---") {
            return None; // the value continues on this line
        }
        break;
    }
    let quoted = crate::format::scalar::quoted(written, crate::format::options::Quote::default());
    let at = TextRange::new(value.start(), value.start() + end);
    Some(Fix::safe("Put the value in quotes", vec![Edit::replace(at, quoted)]))
}

/// A flow collection indented too little, read as valora's reader reads it:
/// a warning with the fix that indents its lines.
fn flow_indent(doc: &Document, flow: &LenientFlow) -> Diagnostic {
    let text = doc.text();
    let open = flow.range.start();
    let bracket = &text[open..open + 1];
    let close = flow
        .shallow_lines
        .iter()
        .rev()
        .find(|(start, has, _)| matches!(text.as_bytes().get(start + has), Some(b']' | b'}')));
    let at = match close.or(flow.shallow_lines.first()) {
        Some((start, has, _)) => {
            let line = doc.line_index().line_of(*start);
            TextRange::new(start + has, doc.line_index().line_end(text, line))
        }
        None => TextRange::new(open, open + 1),
    };
    let edits =
        flow.shallow_lines.iter().map(|(start, has, needs)| Edit::insert(*start, " ".repeat(needs - has))).collect();
    Diagnostic::new(
        RuleId::YamlFlowIndent,
        at,
        format!(
            "the lines of this `{bracket}` collection are not indented past its key (column {}): valora's reader \
             accepts that, YAML 1.2 and strict parsers reject it",
            flow.key_column + 1
        ),
    )
    .with_related(Related { message: "opened here".into(), location: None, range: TextRange::new(open, open + 1) })
    .with_fix(Fix::safe("Indent the collection's lines past its key", edits))
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
