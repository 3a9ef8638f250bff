//! The role after `inherits`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "ts")]
use tsify::Tsify;
#[cfg(feature = "ts")]
use wasm_bindgen::prelude::wasm_bindgen;

/// Any JSON value (the frontmatter as JSON). Declared in TypeScript as the
/// recursive `JsonValue` type.
pub type JsonValue = serde_json::Value;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
pub struct ResolvedRole {
    /// The role as a loader honouring `inherits` sees it.
    #[cfg_attr(feature = "ts", tsify(type = "{ [key: string]: JsonValue }"))]
    pub role: JsonValue,
    /// The parents' document names, nearest first.
    pub chain: Vec<String>,
    /// Why the chain stopped early (unknown parent, cycle), or null.
    pub error: Option<String>,
    /// The top-level keys this document does not set, each with the parent
    /// document it was taken from (the nearest that sets it).
    pub inherited: BTreeMap<String, String>,
}
