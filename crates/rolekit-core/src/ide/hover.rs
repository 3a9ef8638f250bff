//! Placeholder until hover lands.
use super::{Hover, RoleSummary};
use crate::{Diagnostic, Document};
pub fn hover(_doc: &Document, _offset: usize, _diagnostics: &[Diagnostic], _roles: &[RoleSummary]) -> Option<Hover> { None }
