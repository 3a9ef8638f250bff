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
    if matches!(cli.command, Command::Check(_) | Command::Stats(_) | Command::Fmt(_)) {
        use_two_threads_per_core();
    }
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

/// The file commands open, read and check thousands of files: a worker
/// waits in the kernel now and then (opening, reading, faulting pages in),
/// and with one worker per core that core idles meanwhile. Two per core keep
/// them busy (30,000 files on 2 cores: 1.23 s → 1.17 s, best of 4 each).
/// `RAYON_NUM_THREADS`, when set, decides instead.
fn use_two_threads_per_core() {
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // Only fails when a pool exists already: then that one is used.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(2 * cores).build_global();
}
