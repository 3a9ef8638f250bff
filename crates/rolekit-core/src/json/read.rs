//! JSON text to `serde_json::Value` (RFC 8259), as `serde_json::from_str` reads it.

use std::fmt;

use serde_json::Value;

/// Why a text is not JSON, and where (1-based line and column, as serde_json
/// reports them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for Error {}

/// Parses `text`, one JSON value with optional white space around it.
pub fn parse(text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| Error { message: e.to_string(), line: e.line(), column: e.column() })
}
