//! `rolekit lsp`: the language server on stdio (`rolekit-lsp`); see docs/editors.md.
//! stdout carries only the protocol. Exit code 0 after `shutdown` + `exit`, 1 otherwise.

use std::process::ExitCode;

use super::Failure;

pub fn run() -> Result<ExitCode, Failure> {
    let code = rolekit_lsp::native::run_stdio();
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(2)))
}
