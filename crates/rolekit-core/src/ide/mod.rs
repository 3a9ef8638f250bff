//! Editor features computed in the core: completion, hover, symbols, folding,
//! selection ranges, links, definitions, references and code actions. Everything here
//! takes a [`Document`](crate::document::Document) and byte offsets and returns plain data with byte
//! ranges; the language server and the WASM playground only convert.
//!
//! Every feature must keep working on half-typed or broken YAML: use
//! [`context::cursor_context`] and the document's line model
//! (`Document::yaml_lines`, an indentation-based reading of the frontmatter
//! lines) rather than the parsed tree alone. Feature modules do not import
//! each other: documentation they share is rendered in `docs.rs`, what they
//! read of a document is on `Document` or in `syntax`.

use crate::diagnostic::Edit;
use crate::text::TextRange;

pub mod actions;
pub mod completion;
pub mod context;
mod convert_tools;
mod docs;
pub mod folding;
pub mod hierarchy;
pub mod highlight;
pub mod hover;
pub mod inlay;
pub mod lens;
pub mod navigation;
pub mod project;
pub mod references;
pub mod rename;
pub mod selection;
pub mod semantic_tokens;
pub mod symbols;
pub mod workspace;
pub mod workspace_symbols;

pub use actions::{code_actions, Proof};
pub use completion::completions;
pub use folding::folding_ranges;
pub use hover::hover;
pub use navigation::{definition, document_links};
pub use references::{references, Reference, References};
pub use selection::selection_ranges;
pub use symbols::document_symbols;
pub use workspace::{parent_candidates, RefKind, RoleEntry, RoleRef};

/// A role known to the workspace, offered for `inherits:` and shown on hover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleSummary {
    /// The `role` name (the file name without `.md`).
    pub name: String,
    pub description: Option<String>,
    /// Where it lives: a path or URI, as the adapter spells it.
    pub location: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// One line shown next to the label (the type, "required", ...).
    pub detail: Option<String>,
    /// Markdown documentation.
    pub documentation: Option<String>,
    /// The text that replaces `range`; LSP snippet syntax (`$1`, `${1:x}`) when `is_snippet`.
    pub insert_text: String,
    pub is_snippet: bool,
    /// What the item replaces (the word typed so far; empty at the cursor otherwise).
    pub range: TextRange,
    /// Orders items: required keys and missing sections first.
    pub sort_text: String,
    /// Pre-selected in the list.
    pub preselect: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    /// The word or node hovered.
    pub range: TextRange,
    pub markdown: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole construct (key and value; heading and its section).
    pub range: TextRange,
    /// The part to select when the symbol is picked (the key; the heading text).
    pub selection_range: TextRange,
    pub children: Vec<Symbol>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Frontmatter,
    Section,
    List,
    Code,
    Comment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    /// From the start of the first folded line to the end of the last one.
    pub range: TextRange,
    pub kind: FoldKind,
}

/// A link from this document to another (an `inherits` value to its parent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub range: TextRange,
    pub target: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Refactor,
    Source,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<Edit>,
    /// Index into the diagnostics passed to [`code_actions`] that this action fixes.
    pub diagnostic: Option<usize>,
    pub preferred: bool,
}

#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
mod robustness;
