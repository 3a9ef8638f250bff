//! Placeholder until folding lands.
use super::Fold;
use crate::Document;
pub fn folding_ranges(_doc: &Document) -> Vec<Fold> { Vec::new() }
