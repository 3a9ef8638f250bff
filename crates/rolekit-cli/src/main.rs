//! `rolekit`: the command-line adapter over `rolekit-core`.
//!
//! Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.

mod checker;
mod cli;
mod commands;
mod config;
mod discover;
mod fix;
mod fsio;
mod output;
mod resolver;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Stats(args) => commands::stats::run(args),
        Command::Fmt(args) => commands::fmt::run(args),
        Command::Rules(args) => commands::rules::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Lsp(_) => commands::lsp::run(),
        Command::Mcp => commands::mcp::run(),
    };
    match result {
        Ok(code) => code,
        Err(commands::Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(commands::Failure::Message(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(commands::EXIT_USAGE)
        }
    }
}
