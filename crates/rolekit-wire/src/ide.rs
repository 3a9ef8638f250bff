//! Editor features: completion, hover, outline, code actions, folding, links.

use rolekit_core::ide;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ts")]
use tsify::Tsify;
#[cfg(feature = "ts")]
use wasm_bindgen::prelude::wasm_bindgen;

use crate::diagnostic::Diagnostic;
use crate::position::{Lines, Range, TextEdit};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum CompletionKind {
    /// A frontmatter key.
    Key,
    /// A scalar value (booleans, `inherits` targets).
    Value,
    /// A value from an enum.
    EnumMember,
    /// A `##` section heading.
    Section,
    /// A whole block (a role skeleton, a nested mapping).
    Snippet,
}

impl From<ide::CompletionKind> for CompletionKind {
    fn from(k: ide::CompletionKind) -> Self {
        match k {
            ide::CompletionKind::Key => CompletionKind::Key,
            ide::CompletionKind::Value => CompletionKind::Value,
            ide::CompletionKind::EnumMember => CompletionKind::EnumMember,
            ide::CompletionKind::Section => CompletionKind::Section,
            ide::CompletionKind::Snippet => CompletionKind::Snippet,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// One line shown next to the label (the type, "required", ...).
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// Replaces `range`; LSP snippet syntax (`$1`, `${1:x}`, `${1|a,b|}`) when `isSnippet`.
    pub insert_text: String,
    pub is_snippet: bool,
    pub range: Range,
    /// Orders items (required keys and missing sections first): sort by it, then by label.
    pub sort_text: String,
    /// Pre-selected in the list.
    pub preselect: bool,
}

impl CompletionItem {
    pub fn from_core(c: ide::CompletionItem, lines: &Lines) -> Self {
        CompletionItem {
            label: c.label,
            kind: c.kind.into(),
            detail: c.detail,
            documentation: c.documentation,
            insert_text: c.insert_text,
            is_snippet: c.is_snippet,
            range: lines.range(c.range),
            sort_text: c.sort_text,
            preselect: c.preselect,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct Hover {
    pub range: Range,
    /// Markdown.
    pub markdown: String,
}

impl Hover {
    pub fn from_core(h: ide::Hover, lines: &Lines) -> Self {
        Hover { range: lines.range(h.range), markdown: h.markdown }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum SymbolKind {
    /// The frontmatter as a whole.
    Frontmatter,
    /// A frontmatter key holding a scalar.
    Key,
    /// A frontmatter key holding a mapping.
    Object,
    /// A frontmatter key holding a list.
    Array,
    /// A Markdown heading.
    Heading,
}

impl From<ide::SymbolKind> for SymbolKind {
    fn from(k: ide::SymbolKind) -> Self {
        match k {
            ide::SymbolKind::Frontmatter => SymbolKind::Frontmatter,
            ide::SymbolKind::Key => SymbolKind::Key,
            ide::SymbolKind::Object => SymbolKind::Object,
            ide::SymbolKind::Array => SymbolKind::Array,
            ide::SymbolKind::Heading => SymbolKind::Heading,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole construct (key and value; heading and its section).
    pub range: Range,
    /// The part to select when the symbol is picked (the key; the heading text).
    pub selection_range: Range,
    pub children: Vec<DocumentSymbol>,
}

impl DocumentSymbol {
    pub fn from_core(s: ide::Symbol, lines: &Lines) -> Self {
        DocumentSymbol {
            name: s.name,
            detail: s.detail,
            kind: s.kind.into(),
            range: lines.range(s.range),
            selection_range: lines.range(s.selection_range),
            children: s.children.into_iter().map(|c| DocumentSymbol::from_core(c, lines)).collect(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum CodeActionKind {
    QuickFix,
    Refactor,
    Source,
}

impl From<ide::ActionKind> for CodeActionKind {
    fn from(k: ide::ActionKind) -> Self {
        match k {
            ide::ActionKind::QuickFix => CodeActionKind::QuickFix,
            ide::ActionKind::Refactor => CodeActionKind::Refactor,
            ide::ActionKind::Source => CodeActionKind::Source,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct CodeAction {
    pub title: String,
    pub kind: CodeActionKind,
    pub edits: Vec<TextEdit>,
    /// The diagnostic this action fixes, or null.
    pub diagnostic: Option<Diagnostic>,
    pub preferred: bool,
}

impl CodeAction {
    /// Converts `a`; its `diagnostic` index points into `diagnostics`, already converted.
    pub fn from_core(a: ide::CodeAction, lines: &Lines, diagnostics: &[Diagnostic]) -> Self {
        CodeAction {
            title: a.title,
            kind: a.kind.into(),
            edits: a.edits.iter().map(|e| lines.edit(e)).collect(),
            diagnostic: a.diagnostic.and_then(|i| diagnostics.get(i)).cloned(),
            preferred: a.preferred,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum FoldingKind {
    Frontmatter,
    Section,
    List,
    Code,
    Comment,
}

impl From<ide::FoldKind> for FoldingKind {
    fn from(k: ide::FoldKind) -> Self {
        match k {
            ide::FoldKind::Frontmatter => FoldingKind::Frontmatter,
            ide::FoldKind::Section => FoldingKind::Section,
            ide::FoldKind::List => FoldingKind::List,
            ide::FoldKind::Code => FoldingKind::Code,
            ide::FoldKind::Comment => FoldingKind::Comment,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct FoldingRange {
    pub range: Range,
    pub kind: FoldingKind,
}

impl FoldingRange {
    pub fn from_core(f: ide::Fold, lines: &Lines) -> Self {
        FoldingRange { range: lines.range(f.range), kind: f.kind.into() }
    }
}

/// A link to another document: an `inherits` value, or a name a command or
/// prompt uses (an agent, a prompt id); `target` is the document it names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct DocumentLink {
    pub range: Range,
    pub target: String,
}

impl DocumentLink {
    pub fn from_core(l: ide::Link, lines: &Lines) -> Self {
        DocumentLink { range: lines.range(l.range), target: l.target }
    }
}

/// A place in a document (find references): `document` is its name, `range`
/// is in that document's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct Location {
    pub document: String,
    pub range: Range,
}

/// A document formatted as `rolekit fmt` formats it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct Formatted {
    /// The formatted text; the original text when formatting was refused.
    pub text: String,
    /// `text` differs from the original.
    pub changed: bool,
    /// Why the document was left as it is (a YAML error, mixed line endings, ...), or null.
    pub refused: Option<String>,
    /// Parts left as they are, and why (the rest was formatted).
    pub notes: Vec<String>,
}

impl From<rolekit_core::format::Formatted> for Formatted {
    fn from(f: rolekit_core::format::Formatted) -> Self {
        Formatted { text: f.text, changed: f.changed, refused: f.refused.map(|r| r.to_string()), notes: f.notes }
    }
}
