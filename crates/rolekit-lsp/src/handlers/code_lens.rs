//! `textDocument/codeLens` on a role, at its `role:` value: "inherited by N"
//! and "≈T tokens" (the core's lenses; tokens by `tokens::Estimate`, four
//! characters a token, so the server loads no tokenizer: the exact counts
//! are `rolekit stats`'s).
//!
//! "inherited by N" runs the client command `rolekit.showReferences` with
//! the arguments of VS Code's `editor.action.showReferences` in LSP form:
//! `[uri, position, locations]` (the editor maps them; see docs/editors.md).
//! The tokens lens has no action (an empty command).

use ls_types as lsp;
use rolekit_core::ide::lens::{self, LensKind};
use rolekit_core::tokens::Estimate;
use serde_json::Value;

use crate::to_json;
use crate::workspace::Snapshot;

/// The command "inherited by N" runs.
pub const SHOW_REFERENCES: &str = "rolekit.showReferences";

pub fn code_lens(snap: &Snapshot) -> Option<Vec<lsp::CodeLens>> {
    let kind = snap.kind()?;
    let lenses = lens::code_lenses(&snap.doc, &snap.uri, kind, snap.entries(), &Estimate);
    let lines = snap.lines();
    let locator = snap.locator();
    let out = lenses
        .into_iter()
        .map(|l| {
            let range = lines.range(l.range);
            let title = l.title(true);
            let command = match &l.kind {
                LensKind::InheritedBy(refs) => {
                    let locations: Vec<lsp::Location> =
                        refs.iter().filter_map(|r| locator.location(&r.location, r.range)).collect();
                    lsp::Command {
                        title,
                        command: SHOW_REFERENCES.to_string(),
                        arguments: Some(vec![
                            Value::String(snap.uri.clone()),
                            to_json::value(&range.start),
                            to_json::value(&locations),
                        ]),
                    }
                }
                LensKind::Tokens(_) => lsp::Command { title, command: String::new(), arguments: None },
            };
            lsp::CodeLens { range, command: Some(command), data: None }
        })
        .collect();
    Some(out)
}
