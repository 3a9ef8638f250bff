//! Placeholder until completion lands (keeps the crate building).
use super::{CompletionItem, RoleSummary};
use crate::Document;
pub fn completions(_doc: &Document, _offset: usize, _roles: &[RoleSummary]) -> Vec<CompletionItem> { Vec::new() }
