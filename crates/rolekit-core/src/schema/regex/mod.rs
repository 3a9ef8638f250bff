//! rolekit's own regular expressions, for schema `pattern`s: the language
//! of `regex-lite` (ASCII Perl classes and word boundaries, ASCII case
//! folding under `(?i)`), compiled to a Thompson NFA and run by a Pike VM,
//! so matching is linear in the text. Only `is_match` (search anywhere).
//!
//! [`parse`] reads the pattern into a tree, [`compile`] makes the program,
//! [`vm`] runs it.

mod compile;
mod parse;
mod vm;

#[cfg(test)]
mod tests;

use std::fmt;

/// Why a pattern is not valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    fn new(message: impl Into<String>) -> Error {
        Error { message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    program: compile::Program,
}

impl Regex {
    /// `pattern` compiled, or why it is not valid.
    pub fn new(pattern: &str) -> Result<Regex, Error> {
        let node = parse::parse(pattern)?;
        Ok(Regex { program: compile::compile(&node)? })
    }

    /// Whether `text` has a match anywhere.
    pub fn is_match(&self, text: &str) -> bool {
        vm::is_match(&self.program, text)
    }
}
