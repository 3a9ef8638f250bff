// Generated from crates/rolekit-wire by `cargo test -p rolekit-wire --features ts`
// (UPDATE_WIRE_DTS=1 rewrites it). Do not edit: change the Rust types.

/**
 * A 0-based line and a UTF-16 column, as in JavaScript strings and LSP.
 */
export interface Position {
    line: number;
    character: number;
}

/**
 * A half-open range between two positions.
 */
export interface Range {
    start: Position;
    end: Position;
}

/**
 * Replace `range` (in the document's current text) with `newText`.
 */
export interface TextEdit {
    range: Range;
    newText: string;
}

export type Severity = "error" | "warning" | "info" | "hint";

export interface Fix {
    description: string;
    edits: TextEdit[];
    /**
     * Safe fixes keep the author's intent and may be applied unasked (`fixAll`).
     */
    safe: boolean;
}

/**
 * Another place that explains a diagnostic: in this document (`location` null) or in another open one.
 */
export interface RelatedInformation {
    message: string;
    /**
     * The other document's name, or null for this one.
     */
    location: string | null;
    /**
     * null when `location` names a document that is not open.
     */
    range: Range | null;
}

export interface Diagnostic {
    /**
     * The rule's stable id; see `rules()`.
     */
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
    /**
     * One line shown next to the label (the type, "required", ...).
     */
    detail: string | null;
    /**
     * Markdown.
     */
    documentation: string | null;
    /**
     * Replaces `range`; LSP snippet syntax (`$1`, `${1:x}`, `${1|a,b|}`) when `isSnippet`.
     */
    insertText: string;
    isSnippet: boolean;
    range: Range;
    /**
     * Orders items (required keys and missing sections first): sort by it, then by label.
     */
    sortText: string;
    /**
     * Pre-selected in the list.
     */
    preselect: boolean;
}

export interface Hover {
    range: Range;
    /**
     * Markdown.
     */
    markdown: string;
}

export type SymbolKind = "frontmatter" | "key" | "object" | "array" | "heading";

export interface DocumentSymbol {
    name: string;
    detail: string | null;
    kind: SymbolKind;
    /**
     * The whole construct (key and value; heading and its section).
     */
    range: Range;
    /**
     * The part to select when the symbol is picked (the key; the heading text).
     */
    selectionRange: Range;
    children: DocumentSymbol[];
}

export type CodeActionKind = "quick-fix" | "refactor" | "source";

export interface CodeAction {
    title: string;
    kind: CodeActionKind;
    edits: TextEdit[];
    /**
     * The diagnostic this action fixes, or null.
     */
    diagnostic: Diagnostic | null;
    preferred: boolean;
}

export type FoldingKind = "frontmatter" | "section" | "list" | "code" | "comment";

export interface FoldingRange {
    range: Range;
    kind: FoldingKind;
}

/**
 * A link to another document: an `inherits` value, or a name a command or
 * prompt uses (an agent, a prompt id); `target` is the document it names.
 */
export interface DocumentLink {
    range: Range;
    target: string;
}

/**
 * A place in a document (find references): `document` is its name, `range`
 * is in that document's text.
 */
export interface Location {
    document: string;
    range: Range;
}

/**
 * A document formatted as `rolekit fmt` formats it.
 */
export interface Formatted {
    /**
     * The formatted text; the original text when formatting was refused.
     */
    text: string;
    /**
     * `text` differs from the original.
     */
    changed: boolean;
    /**
     * Why the document was left as it is (a YAML error, mixed line endings, ...), or null.
     */
    refused: string | null;
    /**
     * Parts left as they are, and why (the rest was formatted).
     */
    notes: string[];
}

/**
 * Which part of a document, or of the project, a rule looks at.
 */
export type RuleCategory = "syntax" | "schema" | "inheritance" | "body" | "encoding" | "project" | "loader" | "size";

/**
 * A rule with its documentation, as the WASM package lists it.
 */
export interface RuleInfo {
    id: string;
    category: RuleCategory;
    /**
     * The default severity (before `setRuleLevel`).
     */
    severity: Severity;
    summary: string;
    /**
     * Markdown.
     */
    why: string;
    bad: string;
    good: string;
    /**
     * `fixAll` (and `rolekit check --fix`) may apply this rule's fix unasked.
     */
    safeFix: boolean;
    /**
     * The whole rule document in Markdown (what `rolekit explain` prints).
     */
    markdown: string;
}

/**
 * A rule's level, as a config file sets it.
 */
export type RuleLevel = "off" | "error" | "warning" | "info" | "hint";

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ResolvedRole {
    /**
     * The role as a loader honouring `inherits` sees it.
     */
    role: { [key: string]: JsonValue };
    /**
     * The parents' document names, nearest first.
     */
    chain: string[];
    /**
     * Why the chain stopped early (unknown parent, cycle), or null.
     */
    error: string | null;
    /**
     * The top-level keys this document does not set, each with the parent
     * document it was taken from (the nearest that sets it).
     */
    inherited: Record<string, string>;
}

export interface SectionStats {
    /**
     * The heading's text without `##`.
     */
    title: string;
    /**
     * The heading line (0-based lines, UTF-16 characters).
     */
    range: Range;
    tokens: number;
}

export interface Inherited {
    /**
     * The parent's `role:` (`null` if it has none).
     */
    role: string | null;
    /**
     * Where it was read.
     */
    path: string;
    tokens: number;
}

export interface Resolved {
    /**
     * This file plus every parent file found.
     */
    tokens: number;
    /**
     * The parents, nearest first, each as a whole file.
     */
    inherits: Inherited[];
    /**
     * `false` when the chain is broken (an unknown parent, a cycle, a chain
     * over 64 roles): `tokens` then counts what was found.
     */
    complete: boolean;
}

export interface FileStats {
    /**
     * As given on the command line or found under a directory, `/`-separated.
     */
    path: string;
    /**
     * A role template (`_*.md`): counted, but its `inherits` is a placeholder.
     */
    template: boolean;
    /**
     * The whole file.
     */
    tokens: number;
    /**
     * The `---` frontmatter with its fences; `null` without one.
     */
    frontmatter: number | null;
    /**
     * Body text outside every `##` section (the `#` title, an introduction).
     */
    other: number;
    /**
     * Each `##` section, heading to the next `#`/`##` heading, in order.
     */
    sections: SectionStats[];
    /**
     * The role with every file it inherits; `null` for a template.
     */
    resolved: Resolved | null;
}
