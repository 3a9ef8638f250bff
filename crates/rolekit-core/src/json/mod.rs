//! JSON text read into and written from `serde_json::Value`, without serde's
//! generic code: the language server reads every message and writes every
//! answer through here, and the WebAssembly server module has a size budget
//! that serde's reader and writer (compiled once per type) did not fit.
//! `serde_json` stays the value type and, in the tests, the oracle: [`parse`]
//! accepts and rejects what `serde_json::from_str::<Value>` does and gives the
//! same value; [`Writer`] writes what `serde_json::to_string` writes.

mod read;
mod write;

pub use read::{parse, Error};
pub use write::Writer;
