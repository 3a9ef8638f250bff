//! One handler per request or notification group. Request handlers are
//! plain functions of a [`Snapshot`](crate::workspace::Snapshot) (one
//! document at one revision) returning LSP types; the core computes, they
//! convert. Notification handlers apply a change to the
//! [`Workspace`](crate::workspace::Workspace) and return its effects.
//! [`crate::server`] routes messages here.

pub mod code_actions;
pub mod completion;
pub mod configuration;
pub mod definition;
pub mod diagnostics;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod initialize;
pub mod links;
pub mod references;
pub mod resolved_role;
pub mod selection;
pub mod symbols;
pub mod sync;
