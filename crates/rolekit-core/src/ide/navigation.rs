//! Placeholder until navigation lands.
use super::{Link, RoleSummary};
use crate::Document;
pub fn definition(_doc: &Document, _offset: usize, _roles: &[RoleSummary]) -> Option<Link> { None }
pub fn document_links(_doc: &Document, _roles: &[RoleSummary]) -> Vec<Link> { Vec::new() }
