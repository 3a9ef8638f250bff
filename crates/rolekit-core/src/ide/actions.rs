//! Placeholder until the code-actions feature lands (keeps the crate building).
use super::CodeAction;
use crate::{Diagnostic, Document, TextRange};
pub fn code_actions(_doc: &Document, _range: TextRange, _diagnostics: &[Diagnostic]) -> Vec<CodeAction> { Vec::new() }
