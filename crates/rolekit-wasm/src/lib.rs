//! rolekit for JavaScript: a [`Workspace`] of open role files (and, named
//! like a valora project, commands and prompts) answering the same
//! questions as the CLI and the language server (diagnostics, completion,
//! hover, symbols, code actions, definitions, references and links across
//! documents, the parsed and resolved role).
//!
//! Built into the npm package `rolekit` (`pkg/`) by `scripts/build-wasm.sh`.
//! Positions are `{ line, character }` with UTF-16 columns, as JavaScript
//! strings count them. Logic lives in [`workspace`] (plain Rust, tested
//! natively); this file only converts values at the JS boundary. The values
//! are `rolekit-wire`'s types, whose TypeScript declarations (tsify) land in
//! `rolekit.d.ts`; the `unchecked_*_type` names below refer to them, and the
//! playground's `tsc` run checks that every name resolves.

pub mod workspace;

use std::collections::BTreeMap;

use rolekit_wire as wire;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Plain objects for maps, `null` for `None`, numbers for integers.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("rolekit: cannot convert a result to JavaScript: {e}")))
}

fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("rolekit: invalid {what}: {e}")))
}

fn failed(e: workspace::Error) -> JsError {
    JsError::new(&format!("rolekit: {e}"))
}

/// Anything with edits (a `Fix`, a `CodeAction`): what `applyFix` takes.
#[derive(Deserialize)]
struct WithEdits {
    edits: Vec<wire::TextEdit>,
}

/// Open role files, by name (`platform-engineer.md`): `inherits: x` is
/// resolved against the open document `x.md`.
#[wasm_bindgen]
pub struct Workspace {
    inner: workspace::Workspace,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Workspace {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workspace {
        Workspace { inner: workspace::Workspace::new() }
    }

    /// Opens (or replaces) the document `name`.
    pub fn open(&mut self, name: &str, text: String) {
        self.inner.open(name, text);
    }

    /// Replaces the text of `name` (opening it if needed).
    pub fn update(&mut self, name: &str, text: String) {
        self.inner.update(name, text);
    }

    /// Closes `name`; returns whether it was open.
    pub fn close(&mut self, name: &str) -> bool {
        self.inner.close(name)
    }

    /// Renames the open document `from` to `to`, keeping its text: `role` is
    /// then checked against the new name, and `inherits` finds it there.
    /// Throws if `from` is not open or `to` already is.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), JsError> {
        self.inner.rename(from, to).map_err(failed)
    }

    /// The names of the open documents, sorted.
    pub fn names(&self) -> Vec<String> {
        self.inner.names()
    }

    /// The current text of `name`, or `undefined` when it is not open.
    pub fn text(&self, name: &str) -> Option<String> {
        self.inner.text(name).map(str::to_string)
    }

    /// Sets a rule's level as a config file would: `off`, `error`, `warning`, `info` or `hint`.
    #[wasm_bindgen(js_name = setRuleLevel)]
    pub fn set_rule_level(
        &mut self,
        rule: &str,
        #[wasm_bindgen(unchecked_param_type = "RuleLevel")] level: JsValue,
    ) -> Result<(), JsError> {
        let level: wire::RuleLevel = from_js(level, "rule level")?;
        self.inner.set_rule_level(rule, level).map_err(failed)
    }

    /// Replaces every rule level at once; rules not named get their default
    /// severity back. Throws (changing nothing) on an unknown rule.
    #[wasm_bindgen(js_name = setRuleLevels)]
    pub fn set_rule_levels(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, RuleLevel>")] levels: JsValue,
    ) -> Result<(), JsError> {
        let levels: BTreeMap<String, wire::RuleLevel> = from_js(levels, "rule levels")?;
        self.inner.set_rule_levels(levels).map_err(failed)
    }

    /// The levels set so far, by rule id.
    #[wasm_bindgen(js_name = ruleLevels, unchecked_return_type = "Record<string, RuleLevel>")]
    pub fn rule_levels(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.rule_levels())
    }

    /// Every diagnostic of `name`, sorted by position, each with its fix (so
    /// quick fixes need no further call). Throws if `name` is not open.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.diagnostics(name).map_err(failed)?)
    }

    /// Completion items at `position`, in no particular order: sort by `sortText`, then `label`.
    #[wasm_bindgen(unchecked_return_type = "CompletionItem[]")]
    pub fn complete(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] position: JsValue,
    ) -> Result<JsValue, JsError> {
        let at = from_js(position, "position")?;
        to_js(&self.inner.complete(name, at).map_err(failed)?)
    }

    /// Markdown documentation for what is at `position`, or `null`. Unless
    /// `withDiagnostics` is `false`, it ends with the rule documents of the
    /// diagnostics there.
    #[wasm_bindgen(unchecked_return_type = "Hover | null")]
    pub fn hover(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] position: JsValue,
        #[wasm_bindgen(js_name = withDiagnostics)] with_diagnostics: Option<bool>,
    ) -> Result<JsValue, JsError> {
        let at = from_js(position, "position")?;
        to_js(&self.inner.hover(name, at, with_diagnostics.unwrap_or(true)).map_err(failed)?)
    }

    /// The outline: frontmatter keys and Markdown headings, nested.
    #[wasm_bindgen(unchecked_return_type = "DocumentSymbol[]")]
    pub fn symbols(&self, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.symbols(name).map_err(failed)?)
    }

    /// Quick fixes and refactorings available in `range`.
    #[wasm_bindgen(js_name = codeActions, unchecked_return_type = "CodeAction[]")]
    pub fn code_actions(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "Range")] range: JsValue,
    ) -> Result<JsValue, JsError> {
        let range = from_js(range, "range")?;
        to_js(&self.inner.code_actions(name, range).map_err(failed)?)
    }

    /// Folding ranges (frontmatter, sections, lists, code blocks).
    #[wasm_bindgen(js_name = foldingRanges, unchecked_return_type = "FoldingRange[]")]
    pub fn folding_ranges(&self, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.folding_ranges(name).map_err(failed)?)
    }

    /// The open document the name at `position` names (`target`), or `null`:
    /// an `inherits` value, a command's `agent`, `fallback_agent` or pipeline
    /// `prompt`, a prompt's `agents` or `dependencies`.
    #[wasm_bindgen(unchecked_return_type = "DocumentLink | null")]
    pub fn definition(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] position: JsValue,
    ) -> Result<JsValue, JsError> {
        let at = from_js(position, "position")?;
        to_js(&self.inner.definition(name, at).map_err(failed)?)
    }

    /// Links to the documents this one names (`inherits`, agents, prompts).
    #[wasm_bindgen(unchecked_return_type = "DocumentLink[]")]
    pub fn links(&self, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.links(name).map_err(failed)?)
    }

    /// Every use, in the open documents, of the name at `position` (a name
    /// used here, or the one this document declares: `role`, a command's
    /// name, a prompt's `id`); with `includeDeclaration`, the declaring
    /// document first.
    #[wasm_bindgen(unchecked_return_type = "Location[]")]
    pub fn references(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] position: JsValue,
        #[wasm_bindgen(js_name = includeDeclaration)] include_declaration: bool,
    ) -> Result<JsValue, JsError> {
        let at = from_js(position, "position")?;
        to_js(&self.inner.references(name, at, include_declaration).map_err(failed)?)
    }

    /// The text of `name` with `edits` applied; the workspace is unchanged
    /// (call `update` with the result to keep it).
    #[wasm_bindgen(js_name = applyEdits)]
    pub fn apply_edits(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "TextEdit[]")] edits: JsValue,
    ) -> Result<String, JsError> {
        let edits: Vec<wire::TextEdit> = from_js(edits, "edits")?;
        self.inner.apply_edits(name, &edits).map_err(failed)
    }

    /// The text of `name` with a fix (a diagnostic's `fix` or a `CodeAction`) applied.
    #[wasm_bindgen(js_name = applyFix)]
    pub fn apply_fix(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "Fix | CodeAction")] fix: JsValue,
    ) -> Result<String, JsError> {
        let fix: WithEdits = from_js(fix, "fix")?;
        self.inner.apply_edits(name, &fix.edits).map_err(failed)
    }

    /// The text of `name` with every safe fix applied (`rolekit check --fix`).
    #[wasm_bindgen(js_name = fixAll)]
    pub fn fix_all(&self, name: &str) -> Result<String, JsError> {
        self.inner.fix_all(name).map_err(failed)
    }

    /// The text of `name` formatted as `rolekit fmt` formats it, or the
    /// reason it was left as it is; the workspace is unchanged.
    #[wasm_bindgen(unchecked_return_type = "Formatted")]
    pub fn format(&self, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.format(name).map_err(failed)?)
    }

    /// What `name` costs in tokens, estimated at 4 characters a token (the
    /// exact tokenizers of `rolekit stats` are too large for a page): per
    /// frontmatter, section, file and resolved role.
    #[wasm_bindgen(unchecked_return_type = "FileStats")]
    pub fn stats(&self, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.stats(name).map_err(failed)?)
    }

    /// The frontmatter as JSON; `null` without one.
    #[wasm_bindgen(unchecked_return_type = "JsonValue")]
    pub fn parsed(&self, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.parsed(name).map_err(failed)?)
    }

    /// The role after following `inherits` through the open documents, with
    /// the keys taken from each parent.
    #[wasm_bindgen(unchecked_return_type = "ResolvedRole")]
    pub fn resolved(&self, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.resolved(name).map_err(failed)?)
    }

    /// Every rule rolekit checks, with its documentation.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
    pub fn rules(&self) -> Result<JsValue, JsError> {
        rules()
    }
}

/// Every rule rolekit checks, with its documentation.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&workspace::rules())
}

/// The JSON Schema of a role's frontmatter, as text.
#[wasm_bindgen(js_name = roleSchema)]
pub fn role_schema() -> String {
    rolekit_core::schema::role_schema_text().to_string()
}

/// The version of rolekit compiled into this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
