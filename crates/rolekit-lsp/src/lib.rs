//! rolekit's language server: a thin adapter over `rolekit-core`, with its
//! own small JSON-RPC layer ([`rpc`]). Every feature is computed in the core on byte offsets;
//! this crate keeps the session and the workspace, and converts positions
//! and types at the edge.
//!
//! - [`session`]: what was negotiated with the client (capabilities,
//!   position encoding, push or pull diagnostics) and its settings.
//! - [`workspace`]: open documents, the index of role files on disk, parents
//!   read on demand, the policy (configuration, scope), behind one `Mutex`
//!   held only for short synchronous steps.
//! - [`handlers`]: one file per request or notification group.
//! - [`server`]: the async layer routing messages to handlers. Changes apply
//!   synchronously, in arrival order, before any `.await`; parsing, checking
//!   and indexing run as jobs off the message loop ([`executor`]): worker
//!   threads natively, turns of the host's event loop in wasm32. A request
//!   waits for its own document only.
//! - IO goes through [`fs::FileSystem`], so the same server runs natively
//!   (tokio, stdio, `std::fs`) and compiled to wasm32 inside an editor's
//!   extension host.
//! - No handler panics the process: work runs under `catch_unwind`, and a
//!   failure becomes an LSP error plus `window/logMessage`. stdout carries
//!   only the protocol.

pub mod convert;
pub mod executor;
pub mod frames;
pub mod fs;
pub mod handlers;
pub mod rpc;
pub mod server;
pub mod session;
pub(crate) mod to_json;
pub mod uri;
pub mod workspace;

#[cfg(all(feature = "native", not(target_arch = "wasm32")))]
pub mod native;

#[cfg(target_arch = "wasm32")]
pub mod hosted;

pub use executor::{BoxFuture, Executor, Job, Priority};
pub use server::{Backend, Options};
