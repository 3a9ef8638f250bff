//! rolekit's core: parse, validate and answer editor questions about role
//! files. Pure: no file system, no threads, no async; it builds for
//! `wasm32-unknown-unknown`. Adapters (CLI, language server, WASM) convert
//! its byte ranges and plain data at the edge.
//!
//! ```
//! use rolekit_core::{analysis, Document, RuleId};
//! let doc = Document::new("---\nrole: qa\n---\n# QA\n".to_string());
//! let diagnostics = analysis::check(&doc, &analysis::Context::default());
//! assert!(diagnostics.iter().any(|d| d.rule == RuleId::MissingRequiredKey));
//! ```

pub mod analysis;
pub mod case;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod fix;
pub mod format;
pub mod ide;
pub mod json;
pub mod policy;
pub mod project;
pub mod rules;
pub mod schema;
pub mod sort;
pub mod syntax;
pub mod text;
pub mod tokens;

pub use diagnostic::{Diagnostic, Edit, Fix, Related};
pub use document::Document;
pub use rules::{RuleId, Severity};
pub use text::{LineIndex, Position, PositionEncoding, TextRange};
