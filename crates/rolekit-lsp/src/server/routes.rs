//! The method table: every request and notification the server takes, one
//! line each, method name → [`Backend`] method. The message loop
//! ([`crate::rpc::serve`]) looks methods up here; a method missing here is
//! answered `-32601` (requests) or dropped (notifications). Params are read
//! into the type the handler takes, and only for the methods listed, so no
//! other method's types are compiled in; the requests about one document read
//! theirs through one type ([`DocumentParams`]).
//!
//! To add a method: an `async fn` on `Backend` taking its params type, and a
//! line below (`requests` or `notifications`); the capability goes in
//! `handlers/initialize.rs`.

use std::future::Future;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;

use super::Backend;
use crate::handlers::params::DocumentParams;
use crate::rpc::serve::{Handled, Reply, Router};
use crate::rpc::{self, Client, Result};

impl Router for Backend {
    fn request<'a>(&'a self, method: &str, p: Option<&RawValue>) -> Option<Reply<'a>> {
        Some(match method {
            "initialize" => reply(p, |p| self.initialize(p)),
            "shutdown" => reply(p, |()| self.shutdown()),
            "textDocument/diagnostic" => document(p, DocumentParams::diagnostic, |p| self.diagnostic(p)),
            "textDocument/completion" => document(p, DocumentParams::completion, |p| self.completion(p)),
            "textDocument/hover" => document(p, DocumentParams::hover, |p| self.hover(p)),
            "textDocument/documentSymbol" => document(p, DocumentParams::symbols, |p| self.document_symbol(p)),
            "textDocument/formatting" => document(p, DocumentParams::formatting, |p| self.formatting(p)),
            "textDocument/rangeFormatting" => {
                document(p, DocumentParams::range_formatting, |p| self.range_formatting(p))
            }
            "textDocument/foldingRange" => document(p, DocumentParams::folding, |p| self.folding_range(p)),
            "textDocument/selectionRange" => document(p, DocumentParams::selection, |p| self.selection_range(p)),
            "textDocument/definition" => document(p, DocumentParams::definition, |p| self.goto_definition(p)),
            "textDocument/documentLink" => document(p, DocumentParams::links, |p| self.document_link(p)),
            "textDocument/references" => document(p, DocumentParams::references, |p| self.references(p)),
            "textDocument/prepareRename" => document(p, DocumentParams::position, |p| self.prepare_rename(p)),
            "textDocument/rename" => document(p, DocumentParams::rename, |p| self.rename(p)),
            "textDocument/inlayHint" => document(p, DocumentParams::inlay_hints, |p| self.inlay_hint(p)),
            "textDocument/prepareTypeHierarchy" => {
                document(p, DocumentParams::type_hierarchy, |p| self.prepare_type_hierarchy(p))
            }
            "typeHierarchy/supertypes" => reply(p, |p| self.supertypes(p)),
            "typeHierarchy/subtypes" => reply(p, |p| self.subtypes(p)),
            "textDocument/codeLens" => document(p, DocumentParams::code_lens, |p| self.code_lens(p)),
            "textDocument/documentHighlight" => document(p, DocumentParams::highlight, |p| self.document_highlight(p)),
            "textDocument/codeAction" => document(p, DocumentParams::code_action, |p| self.code_action(p)),
            "workspace/symbol" => reply(p, |p| self.symbol(p)),
            "workspace/diagnostic" => reply(p, |p| self.workspace_diagnostic(p)),
            "workspace/willRenameFiles" => reply(p, |p| self.will_rename_files(p)),
            "textDocument/semanticTokens/full" => {
                document(p, DocumentParams::semantic_tokens, |p| self.semantic_tokens_full(p))
            }
            "textDocument/semanticTokens/range" => {
                document(p, DocumentParams::semantic_tokens_range, |p| self.semantic_tokens_range(p))
            }
            "rolekit/resolvedRole" => reply(p, |p| self.resolved_role(p)),
            _ => return None,
        })
    }

    fn notification<'a>(&'a self, method: &str, p: Option<&RawValue>) -> Option<Result<Handled<'a>>> {
        Some(match method {
            "initialized" => handle(p, |p| self.initialized(p)),
            "textDocument/didOpen" => handle(p, |p| self.did_open(p)),
            "textDocument/didChange" => handle(p, |p| self.did_change(p)),
            "textDocument/didSave" => handle(p, |p| self.did_save(p)),
            "textDocument/didClose" => handle(p, |p| self.did_close(p)),
            "workspace/didChangeWatchedFiles" => handle(p, |p| self.did_change_watched_files(p)),
            "workspace/didChangeConfiguration" => handle(p, |p| self.did_change_configuration(p)),
            _ => return None,
        })
    }

    fn client(&self) -> &Client {
        &self.shared.client
    }
}

/// A request: its params read, its handler started, its result as text.
fn reply<'a, P, T, F>(params: Option<&RawValue>, handler: impl FnOnce(P) -> F) -> Reply<'a>
where
    P: DeserializeOwned,
    T: Serialize,
    F: Future<Output = Result<T>> + 'a,
{
    match rpc::params::<P>(params) {
        Ok(params) => {
            let answer = handler(params);
            Box::pin(async move { rpc::to_raw(&answer.await?) })
        }
        Err(e) => Box::pin(async move { Err(e) }),
    }
}

/// A request about one document: its params read through [`DocumentParams`]
/// (one reader for all of them), then made into the type its handler takes.
fn document<'a, P, T, F>(
    params: Option<&RawValue>,
    read: fn(DocumentParams) -> Result<P>,
    handler: impl FnOnce(P) -> F,
) -> Reply<'a>
where
    T: Serialize,
    F: Future<Output = Result<T>> + 'a,
{
    match rpc::params::<DocumentParams>(params).and_then(read) {
        Ok(params) => {
            let answer = handler(params);
            Box::pin(async move { rpc::to_raw(&answer.await?) })
        }
        Err(e) => Box::pin(async move { Err(e) }),
    }
}

/// A notification: its params read, its handler started.
fn handle<'a, P, F>(params: Option<&RawValue>, handler: impl FnOnce(P) -> F) -> Result<Handled<'a>>
where
    P: DeserializeOwned,
    F: Future<Output = ()> + 'a,
{
    Ok(Box::pin(handler(rpc::params::<P>(params)?)))
}
