//! `textDocument/formatting` and `textDocument/rangeFormatting`: the core's
//! formatter (`rolekit fmt`) over the document, for role files and
//! templates only, with the `[format]` options of `rolekit.toml`. The
//! client's `tabSize`/`insertSpaces` are not used: the style is rolekit's.
//!
//! Range formatting formats whole parts: the frontmatter when the range
//! touches it, the body when the range touches it
//! ([`format::range_edits`]), never half a frontmatter (its indentation,
//! blank lines and key order belong to the whole) or half the sections
//! (their numbers run through the body). A document the formatter refuses
//! (a YAML error, mixed line endings) gets no edits.

use ls_types as lsp;
use rolekit_core::{format, TextRange};

use crate::convert;
use crate::workspace::Snapshot;

pub fn formatting(snap: &Snapshot) -> Option<Vec<lsp::TextEdit>> {
    let kind = snap.kind()?;
    let edits = format::edits_in(&snap.doc, kind, &snap.policy.config, &snap.policy.schemas);
    Some(convert::edits(&edits, snap.lines()))
}

pub fn range_formatting(snap: &Snapshot, range: lsp::Range) -> Option<Vec<lsp::TextEdit>> {
    let kind = snap.kind()?;
    let lines = snap.lines();
    let range: TextRange = lines.text_range(range);
    let edits = format::range_edits_in(&snap.doc, kind, &snap.policy.config, &snap.policy.schemas, range);
    Some(convert::edits(&edits, lines))
}
