//! The values that cross to JavaScript, and their TypeScript declarations.
//!
//! Every struct here is serialised with `serde-wasm-bindgen` (plain objects,
//! `null` for `None`); the `TYPES` section below is the contract the
//! generated `.d.ts` publishes and must stay in step with these fields.

use rolekit_core::ide::{ActionKind, CompletionKind, FoldKind, SymbolKind};
use rolekit_core::rules::Category;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A 0-based line and a UTF-16 column, as in JavaScript strings and LSP. */
export interface Position { line: number; character: number }
/** A half-open range between two positions. */
export interface Range { start: Position; end: Position }
export type Severity = "error" | "warning" | "info" | "hint";
export type RuleCategory = "syntax" | "schema" | "inheritance" | "body" | "encoding";
/** Replace `range` (in the document's current text) with `newText`. */
export interface TextEdit { range: Range; newText: string }
export interface Fix {
  description: string;
  edits: TextEdit[];
  /** Safe fixes keep the author's intent and may be applied unasked (`fixAll`). */
  safe: boolean;
}
/** Another place that explains a diagnostic: in this document (`location` null) or in another open one. */
export interface RelatedInformation {
  message: string;
  /** The other document's name, or null for this one. */
  location: string | null;
  /** null when `location` names a document that is not open. */
  range: Range | null;
}
export interface Diagnostic {
  /** The rule's stable id; see `rules()`. */
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fix: Fix | null;
  related: RelatedInformation[];
}
export type CompletionKind = "key" | "value" | "enum-member" | "section" | "snippet";
export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail: string | null;
  /** Markdown. */
  documentation: string | null;
  /** Replaces `range`; LSP snippet syntax (`$1`, `${1:x}`) when `isSnippet`. */
  insertText: string;
  isSnippet: boolean;
  range: Range;
  sortText: string;
  preselect: boolean;
}
export interface Hover { range: Range; markdown: string }
export type SymbolKind = "frontmatter" | "key" | "object" | "array" | "heading";
export interface DocumentSymbol {
  name: string;
  detail: string | null;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: DocumentSymbol[];
}
export type CodeActionKind = "quick-fix" | "refactor" | "source";
export interface CodeAction {
  title: string;
  kind: CodeActionKind;
  edits: TextEdit[];
  /** The diagnostic this action fixes, if any. */
  diagnostic: Diagnostic | null;
  preferred: boolean;
}
export type FoldingKind = "frontmatter" | "section" | "list" | "code" | "comment";
export interface FoldingRange { range: Range; kind: FoldingKind }
/** A link to another role (an `inherits` value); `target` is the role name. */
export interface DocumentLink { range: Range; target: string }
export interface RuleInfo {
  id: string;
  category: RuleCategory;
  severity: Severity;
  summary: string;
  /** Markdown. */
  why: string;
  bad: string;
  good: string;
  /** `fixAll` (and `rolekit check --fix`) may apply this rule's fix unasked. */
  safeFix: boolean;
  /** The whole rule document in Markdown (what `rolekit explain` prints). */
  markdown: string;
}
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export interface ResolvedRole {
  /** The role as a loader honouring `inherits` sees it. */
  role: { [key: string]: JsonValue };
  /** The parents' document names, nearest first. */
  chain: string[];
  /** Why the chain stopped early (unknown parent, cycle), or null. */
  error: string | null;
}
export type RuleLevel = "off" | "error" | "warning" | "info" | "hint";
"#;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextEdit {
    pub range: Range,
    pub new_text: String,
}

/// Anything with edits (a `Fix`, a `CodeAction`): what `applyFix` takes.
#[derive(Clone, Debug, Deserialize)]
pub struct WithEdits {
    pub edits: Vec<TextEdit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<TextEdit>,
    pub safe: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub message: String,
    pub location: Option<String>,
    pub range: Option<Range>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: &'static str,
    pub message: String,
    pub range: Range,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    pub insert_text: String,
    pub is_snippet: bool,
    pub range: Range,
    pub sort_text: String,
    pub preselect: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hover {
    pub range: Range,
    pub markdown: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    pub range: Range,
    pub selection_range: Range,
    pub children: Vec<Symbol>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<TextEdit>,
    pub diagnostic: Option<Diagnostic>,
    pub preferred: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fold {
    pub range: Range,
    pub kind: FoldKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub range: Range,
    pub target: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub id: &'static str,
    pub category: Category,
    pub severity: &'static str,
    pub summary: &'static str,
    pub why: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
    pub safe_fix: bool,
    pub markdown: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Resolved {
    pub role: serde_json::Value,
    pub chain: Vec<String>,
    pub error: Option<String>,
}
