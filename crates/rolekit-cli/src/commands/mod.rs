//! One module per subcommand.

pub mod check;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod lsp;
pub mod mcp;
pub mod rules;
pub mod stats;

use std::io;

pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Why a command stopped early.
#[derive(Debug)]
pub enum Failure {
    /// A usage or I/O error: printed as `error: ...`, exit 2.
    Message(String),
    /// The reader of stdout went away (`rolekit check | head`): stop quietly.
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Message(format!("cannot write output: {e}"))
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Message(message)
    }
}
