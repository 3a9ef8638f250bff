//! rolekit's wire formats, defined once.
//!
//! The core speaks byte ranges and plain Rust data; whatever leaves a process
//! — the CLI's `--format json` report, the values the WASM package hands to
//! JavaScript — is one of the serde types below, with 0-based lines and UTF-16
//! characters (the LSP default). [`Lines`] converts a document's byte ranges
//! once, at the edge; `From` impls map the core's enums exhaustively, so a new
//! core variant fails to compile here until it has a wire name.
//!
//! With the `ts` feature (rolekit-wasm's build) every type also derives
//! [`tsify::Tsify`]: its TypeScript declaration is emitted into the
//! wasm-bindgen output, so `pkg/rolekit.d.ts` is generated from these very
//! types. `wire.d.ts` beside this crate is the same declarations, checked by a
//! test (`cargo test -p rolekit-wire --features ts`), for reading and review.
//!
//! The CLI's report ([`report`]) is version 1 of a documented contract
//! (`docs/json-format.md`): its fields never change within a version; so is
//! `rolekit stats --format json` ([`stats`], `docs/stats-format.md`).

pub mod diagnostic;
pub mod export;
pub mod ide;
pub mod position;
pub mod report;
pub mod role;
pub mod rules;
pub mod stats;

pub use diagnostic::{Diagnostic, Fix, RelatedInformation, Severity};
pub use ide::{
    CodeAction, CodeActionKind, CompletionItem, CompletionKind, DocumentLink, DocumentSymbol, FoldingKind,
    FoldingRange, Formatted, Hover, Location, SymbolKind,
};
pub use position::{Lines, Position, Range, TextEdit};
pub use role::{JsonValue, ResolvedRole};
pub use rules::{RuleCategory, RuleInfo, RuleLevel, RuleRecord};

#[cfg(feature = "ts")]
mod ts;
#[cfg(feature = "ts")]
pub use ts::declarations;
