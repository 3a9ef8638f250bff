//! One handler per request or notification group. Request handlers are
//! plain functions of a [`Snapshot`](crate::workspace::Snapshot) (one
//! document at one revision) returning LSP types; the core computes, they
//! convert. Notification handlers apply a change to the
//! [`Workspace`](crate::workspace::Workspace) and return its effects.
//! [`crate::server`] routes messages here.

pub mod code_actions;
pub mod code_lens;
pub mod completion;
pub mod config_diagnostics;
pub mod configuration;
pub mod definition;
pub mod diagnostics;
pub mod folding;
pub mod formatting;
pub mod highlights;
pub mod hover;
pub mod initialize;
pub mod inlay_hints;
pub mod links;
pub(crate) mod members;
pub mod params;
pub mod references;
pub mod rename;
pub mod resolved_role;
pub mod selection;
pub mod semantic_tokens;
pub mod symbols;
pub mod sync;
pub mod type_hierarchy;
pub mod will_rename;
pub mod workspace_diagnostics;
pub mod workspace_symbols;
