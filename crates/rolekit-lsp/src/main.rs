//! `rolekit-lsp`: the language server on stdio, exactly as `rolekit lsp`
//! runs it (the stdio tests start this binary).

fn main() {
    #[cfg(all(feature = "native", not(target_arch = "wasm32")))]
    std::process::exit(rolekit_lsp::native::run_stdio());
}
