//! `rolekit-lsp`: the language server on stdio (the same as `rolekit lsp`).

fn main() {
    if std::env::args().skip(1).any(|a| a == "--version" || a == "-V") {
        println!("rolekit-lsp {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    std::process::exit(rolekit_lsp::native::run_stdio());
}
