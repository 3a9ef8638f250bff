//! rolekit's language server: a thin [`tower_lsp_server`] adapter over
//! `rolekit-core`. Every feature is computed in the core on byte offsets; this
//! crate keeps the open documents, the workspace index and the configuration,
//! and converts positions and types at the edge.
//!
//! - Document changes are applied synchronously, before any `.await`, under a
//!   `std::sync::Mutex` that is never held across an await point (the guard is
//!   not `Send`, so the compiler enforces it): tower-lsp-server runs handlers
//!   concurrently, but their synchronous prefixes run in arrival order.
//! - IO goes through [`fs::FileSystem`] and background work through a
//!   [`Spawner`], so the same server runs natively (tokio, stdio, `std::fs`)
//!   and compiled to wasm32 inside an editor's extension host.
//! - No handler panics the process: the core's calls run under
//!   `catch_unwind`, and a failure becomes an LSP error plus `window/logMessage`.
//!   stdout carries only the protocol.

pub mod config;
pub mod convert;
pub mod frames;
pub mod fs;
pub mod index;
pub mod server;
pub mod state;
pub mod uri;

#[cfg(all(feature = "native", not(target_arch = "wasm32")))]
pub mod native;

#[cfg(target_arch = "wasm32")]
pub mod hosted;

pub use server::{Backend, BoxFuture, Options, Spawner};
