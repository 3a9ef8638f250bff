//! `rolekit fmt`: role, command and prompt files in one style, proven to
//! mean the same.
//!
//! The style:
//! - **Frontmatter**: two-space indentation; block lists, indented under
//!   their key (or flush with it, `list-indent = "flush"`); `key: value`
//!   with one space; quotes only where YAML needs them, and then Prettier's
//!   choice of quote; a scalar's type never changes (`version: 1.0` stays a
//!   number: quoting it is a fix `check` offers, not formatting); one blank
//!   line at most between keys or items, none at the start or end; keys in
//!   the schema's order only with `key-order = "schema"`.
//! - **Body**: no trailing white space (except where it means something),
//!   one blank line around each `#` heading and after the frontmatter,
//!   section numbers fixed as `check --fix` fixes them, one final line break.
//!
//! Never: a change of meaning, a comment dropped or moved to another node,
//! an anchor or alias broken, a line ending changed (CRLF stays CRLF), a BOM
//! removed, prose reflowed. A file whose frontmatter has YAML errors is left
//! alone with the reason. The YAML normalisation knows nothing about roles;
//! what depends on the kind of file (the key order of its kind's schema, the
//! numbered sections of roles) comes from [`Kind`].
//!
//! Every result is checked before it is returned ([`verify::prove`]): the
//! frontmatter's JSON, the body's words, every comment, anchor and alias,
//! the line endings and the BOM. When the check fails, the original text
//! comes back with the reason; a changed byte never loses anything.
//!
//! ```
//! use rolekit_core::{format, policy::{Config, Kind}, Document};
//! let doc = Document::new("---\nrole: 'qa'\nexpertise:\n- Testing   \n---\n# QA\n## 1. Mission Statement\n".into());
//! let out = format::format(&doc, Kind::Role, &Config::default());
//! assert_eq!(out.text, "---\nrole: qa\nexpertise:\n  - Testing\n---\n\n# QA\n\n## 1. Mission Statement\n");
//! ```
//!
//! Adapters: the CLI's `rolekit fmt` writes [`Formatted::text`]; an editor's
//! `textDocument/formatting` sends [`edits`]; the playground shows
//! [`Formatted::text`].

mod attach;
mod body;
mod emit;
pub mod options;
pub(crate) mod scalar;
pub(crate) mod tool_lists;
pub mod verify;

pub use options::{FormatOptions, KeyOrder, ListIndent, Quote};
/// Writing a new string value: plain where YAML reads it back as the same string, else quoted.
pub use scalar::{quoted, write_string};

use crate::analysis::{self, RuleLevel};
use crate::diagnostic::Edit;
use crate::document::Document;
use crate::policy::{Config, Kind, Schemas};
use crate::rules::RuleId;
use crate::syntax::yaml::{NodeValue, YamlError};
use crate::text::TextRange;

/// The result of formatting one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    /// The formatted text; the original when it was refused.
    pub text: String,
    /// `text` differs from the original.
    pub changed: bool,
    /// Why the document was left as it is, if it was.
    pub refused: Option<Refusal>,
    /// Parts left as they are, and why (the rest was formatted).
    pub notes: Vec<String>,
}

/// Why a document was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The frontmatter has a YAML error at this 1-based line.
    YamlError { line: usize, message: String },
    /// The frontmatter has no closing `---`.
    Unterminated,
    /// The file mixes kinds of line ending; formatting would have to pick one.
    MixedLineEndings,
    /// Aliases expand to more data than the proof can compare.
    TooLarge,
    /// The formatted text failed the proof.
    Unproven(verify::Failure),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::YamlError { line, message } => {
                write!(f, "the frontmatter has a YAML error at line {line} ({message}); fix it first")
            }
            Refusal::Unterminated => f.write_str("the frontmatter has no closing `---`"),
            Refusal::MixedLineEndings => {
                f.write_str("it mixes line endings (CRLF, LF, CR), which formatting would have to change")
            }
            Refusal::TooLarge => f.write_str("its aliases expand to too much data to prove the result"),
            Refusal::Unproven(why) => write!(f, "formatting could not be proven safe: {why}"),
        }
    }
}

/// What formatting depends on besides the `[format]` options: the kind of file.
struct Plan<'a> {
    options: FormatOptions,
    /// The schema whose key order `key-order = "schema"` follows.
    schema: Option<&'a serde_json::Value>,
    /// Number the body's sections (role files, unless `section-numbering` is off).
    sections: bool,
}

impl<'a> Plan<'a> {
    /// Keys follow the schema of the document's kind (the built-in one, a
    /// `[schemas]` replacement or a `[[kinds]]` schema; templates use their
    /// family's); only roles have numbered sections.
    fn new(kind: Kind, config: &Config, schemas: &'a Schemas) -> Plan<'a> {
        let sections =
            matches!(kind, Kind::Role) && config.rules.level(RuleId::SectionNumbering) != Some(RuleLevel::Off);
        let schema = if kind.is_markdown() { schemas.for_kind(kind).map(|s| s.json()) } else { None };
        Plan { options: config.format, schema, sections }
    }
}

/// Formats `doc`, a file of `kind`, with `config`'s `[format]` options and
/// the built-in schemas (see the module docs). Never panics; the text is the
/// original when refused.
pub fn format(doc: &Document, kind: Kind, config: &Config) -> Formatted {
    format_in(doc, kind, config, analysis::built_in_schemas())
}

/// [`format()`] with the schemas in force in the project (`[schemas]`,
/// `[[kinds]]`), whose key order `key-order = "schema"` follows. A registry
/// (JSON) is left as it is.
pub fn format_in(doc: &Document, kind: Kind, config: &Config, schemas: &Schemas) -> Formatted {
    let plan = Plan::new(kind, config, schemas);
    let original = doc.text();
    if !kind.is_markdown() {
        return Formatted { text: original.to_string(), changed: false, refused: None, notes: Vec::new() };
    }
    let refuse =
        |why: Refusal| Formatted { text: original.to_string(), changed: false, refused: Some(why), notes: Vec::new() };
    if let Some(why) = precondition(doc) {
        return refuse(why);
    }
    let mut notes = Vec::new();
    let renumber = if plan.sections { analysis::body::renumbering(doc) } else { Vec::new() };
    let text = write(doc, &plan, &renumber, &mut notes);
    if text == original {
        return Formatted { text, changed: false, refused: None, notes };
    }
    let after = Document::new(text);
    if let Err(why) = verify::prove(doc, &after, &renumber, plan.options.key_order == KeyOrder::Schema) {
        return refuse(Refusal::Unproven(why));
    }
    Formatted { text: after.into_text(), changed: true, refused: None, notes }
}

/// The edits that turn `doc` into its formatted text: none when it is
/// formatted already or was refused, else one edit over the lines that
/// change (what an editor's `textDocument/formatting` sends).
pub fn edits(doc: &Document, kind: Kind, config: &Config) -> Vec<Edit> {
    edits_in(doc, kind, config, analysis::built_in_schemas())
}

/// [`edits`] with the schemas in force in the project.
pub fn edits_in(doc: &Document, kind: Kind, config: &Config, schemas: &Schemas) -> Vec<Edit> {
    let out = format_in(doc, kind, config, schemas);
    if !out.changed {
        return Vec::new();
    }
    vec![line_diff(doc.text(), &out.text)]
}

/// The edits for an editor's range formatting: the whole frontmatter's
/// formatting when `range` touches the frontmatter, the whole body's when it
/// touches the body (at most one edit each). A part is never formatted
/// halfway: the style is a property of the whole frontmatter (indentation,
/// blank lines, key order) and of the whole body (section numbers), and each
/// part's edit alone keeps what the proof of the whole keeps, since
/// formatting never moves anything across the closing `---`.
pub fn range_edits(doc: &Document, kind: Kind, config: &Config, range: TextRange) -> Vec<Edit> {
    range_edits_in(doc, kind, config, analysis::built_in_schemas(), range)
}

/// [`range_edits`] with the schemas in force in the project.
pub fn range_edits_in(doc: &Document, kind: Kind, config: &Config, schemas: &Schemas, range: TextRange) -> Vec<Edit> {
    let out = format_in(doc, kind, config, schemas);
    if !out.changed {
        return Vec::new();
    }
    let (before, after) = (doc.text(), out.text.as_str());
    let (b_split, a_split) = (doc.body_start(), body_start(after));
    // The frontmatter is touched before the first body line, the body from it on.
    let frontmatter = (range.start() < b_split).then_some((0, b_split, 0, a_split));
    let body = (range.end() >= b_split).then_some((b_split, before.len(), a_split, after.len()));
    [frontmatter, body]
        .into_iter()
        .flatten()
        .filter(|&(bs, be, as_, ae)| before[bs..be] != after[as_..ae])
        .map(|(bs, be, as_, ae)| {
            let e = line_diff(&before[bs..be], &after[as_..ae]);
            Edit::replace(TextRange::new(e.range.start() + bs, e.range.end() + bs), e.new_text)
        })
        .collect()
}

/// Where the body of `text` starts (after the frontmatter's closing fence line).
fn body_start(text: &str) -> usize {
    let bom = if text.starts_with(crate::text::BOM) { crate::text::BOM.len_utf8() } else { 0 };
    crate::syntax::frontmatter::split(text).map_or(bom, |s| s.body_start)
}

/// One edit replacing the lines between the common first and last lines.
fn line_diff(before: &str, after: &str) -> Edit {
    let (b, a) = (before.as_bytes(), after.as_bytes());
    let mut prefix = b.iter().zip(a).take_while(|(x, y)| x == y).count();
    // Back to a line start (after a `\n`, or a `\r` not followed by `\n`).
    while prefix > 0 && !(b[prefix - 1] == b'\n' || (b[prefix - 1] == b'\r' && b.get(prefix) != Some(&b'\n'))) {
        prefix -= 1;
    }
    let max_suffix = b.len().min(a.len()) - prefix;
    let mut suffix = b.iter().rev().zip(a.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
    // Forward to a line start.
    while suffix > 0 {
        let at = b.len() - suffix;
        if at == 0 || b[at - 1] == b'\n' || (b[at - 1] == b'\r' && b.get(at) != Some(&b'\n')) {
            break;
        }
        suffix -= 1;
    }
    Edit::replace(TextRange::new(prefix, b.len() - suffix), &after[prefix..a.len() - suffix])
}

fn precondition(doc: &Document) -> Option<Refusal> {
    let kinds = crate::syntax::marks::line_endings(doc.text());
    if kinds.iter().filter(|&&n| n > 0).count() > 1 {
        return Some(Refusal::MixedLineEndings);
    }
    let split = doc.frontmatter()?;
    if let Some(error) = &doc.yaml().error {
        let (at, message) = match error {
            YamlError::Syntax { at, message } => (*at, message.clone()),
            YamlError::TooDeep { at } => (*at, "nested too deeply".to_string()),
            YamlError::TooLarge { at } => (*at, "too many values".to_string()),
        };
        let line = doc.line_index().line_of(at.start()) + 1;
        return Some(Refusal::YamlError { line, message });
    }
    if split.close.is_none() {
        return Some(Refusal::Unterminated);
    }
    if doc.yaml().to_json().is_err() {
        return Some(Refusal::TooLarge);
    }
    None
}

/// The formatted text (unproven).
fn write(doc: &Document, plan: &Plan, renumber: &[Edit], notes: &mut Vec<String>) -> String {
    let text = doc.text();
    let nl = doc.newline();
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    let Some(split) = doc.frontmatter() else {
        out.push_str(&text[..doc.body_start()]);
        body::format_body(doc, renumber, nl, false, &mut out);
        return out;
    };
    out.push_str(&text[..split.open.start()]);
    out.push_str("---");
    out.push_str(nl);
    let root = doc.yaml().root.as_ref();
    let schema = plan.schema.filter(|_| {
        let ordered = plan.options.key_order == KeyOrder::Schema;
        if ordered && root.is_some_and(has_alias) {
            notes.push("keys left in their order: the frontmatter has aliases, which must follow their anchors".into());
            return false;
        }
        ordered
    });
    match attach::attach(text, split.yaml, root) {
        Ok(tree) => out.push_str(&emit::print(text, &tree, plan.options, schema, nl)),
        Err(unsupported) => {
            let line = doc.line_index().line_of(unsupported.at) + 1;
            notes.push(format!("frontmatter left as it is: {} at line {line}", unsupported.what));
            out.push_str(split.yaml.slice(text));
        }
    }
    out.push_str("---");
    out.push_str(nl);
    body::format_body(doc, renumber, nl, true, &mut out);
    out
}

fn has_alias(node: &crate::syntax::yaml::Node) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.value {
            NodeValue::Alias(_) => return true,
            NodeValue::Scalar(_) => {}
            NodeValue::Sequence(items) => stack.extend(items),
            NodeValue::Mapping(entries) => stack.extend(entries.iter().flat_map(|e| [&e.key, &e.value])),
        }
    }
    false
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
