//! The method table: every request and notification the server takes, one
//! line each, method name → [`Backend`] method. The message loop
//! ([`crate::rpc::serve`]) looks methods up here; a method missing here is
//! answered `-32601` (requests) or dropped (notifications). Params are read
//! into the type the handler takes, and only for the methods listed, so no
//! other method's types are compiled in; most requests read theirs through one
//! type ([`RequestParams`]).
//!
//! To add a method: a method on `Backend` taking its params type — for a
//! request about one document that passes its answer on, a plain `fn`
//! returning `Shared::answer`'s reply (routed by `direct`); otherwise an
//! `async fn` (routed by `read` or `reply`); a notification, a plain `fn`
//! (`notice`) — and a line below; the capability goes in
//! `handlers/initialize.rs`.

use std::future::Future;

use serde_json::Value;

use super::Backend;
use crate::handlers::params::RequestParams;
use crate::rpc::serve::{Handled, Reply, Router};
use crate::rpc::{self, Client, Json, Result};
use crate::to_json::ToJson;

impl Router for Backend {
    fn request<'a>(&'a self, method: &str, p: Option<Value>) -> Option<Reply<'a>> {
        Some(match method {
            "initialize" => read(p, RequestParams::initialize, |p| self.initialize(p)),
            "shutdown" => reply(p, |_| self.shutdown()),
            "textDocument/diagnostic" => read(p, RequestParams::diagnostic, |p| self.diagnostic(p)),
            "textDocument/completion" => direct(p, RequestParams::completion, |p| self.completion(p)),
            "textDocument/hover" => direct(p, RequestParams::hover, |p| self.hover(p)),
            "textDocument/documentSymbol" => direct(p, RequestParams::symbols, |p| self.document_symbol(p)),
            "textDocument/formatting" => direct(p, RequestParams::formatting, |p| self.formatting(p)),
            "textDocument/rangeFormatting" => direct(p, RequestParams::range_formatting, |p| self.range_formatting(p)),
            "textDocument/foldingRange" => direct(p, RequestParams::folding, |p| self.folding_range(p)),
            "textDocument/selectionRange" => direct(p, RequestParams::selection, |p| self.selection_range(p)),
            "textDocument/definition" => direct(p, RequestParams::definition, |p| self.goto_definition(p)),
            "textDocument/documentLink" => direct(p, RequestParams::links, |p| self.document_link(p)),
            "textDocument/references" => read(p, RequestParams::references, |p| self.references(p)),
            "textDocument/prepareRename" => direct(p, RequestParams::position, |p| self.prepare_rename(p)),
            "textDocument/rename" => direct(p, RequestParams::rename, |p| self.rename(p)),
            "textDocument/inlayHint" => direct(p, RequestParams::inlay_hints, |p| self.inlay_hint(p)),
            "textDocument/prepareTypeHierarchy" => {
                direct(p, RequestParams::type_hierarchy, |p| self.prepare_type_hierarchy(p))
            }
            "typeHierarchy/supertypes" => direct(p, RequestParams::supertypes, |p| self.supertypes(p)),
            "typeHierarchy/subtypes" => direct(p, RequestParams::subtypes, |p| self.subtypes(p)),
            "textDocument/codeLens" => direct(p, RequestParams::code_lens, |p| self.code_lens(p)),
            "textDocument/documentHighlight" => direct(p, RequestParams::highlight, |p| self.document_highlight(p)),
            "textDocument/codeAction" => direct(p, RequestParams::code_action, |p| self.code_action(p)),
            "workspace/symbol" => direct(p, RequestParams::workspace_symbols, |p| self.symbol(p)),
            "workspace/diagnostic" => read(p, RequestParams::workspace_diagnostic, |p| self.workspace_diagnostic(p)),
            "workspace/willRenameFiles" => direct(p, RequestParams::will_rename_files, |p| self.will_rename_files(p)),
            "textDocument/semanticTokens/full" => {
                direct(p, RequestParams::semantic_tokens, |p| self.semantic_tokens_full(p))
            }
            "textDocument/semanticTokens/range" => {
                direct(p, RequestParams::semantic_tokens_range, |p| self.semantic_tokens_range(p))
            }
            "rolekit/resolvedRole" => reply(p, |p| self.resolved_role(p)),
            _ => return None,
        })
    }

    fn notification<'a>(&'a self, method: &str, p: Option<Value>) -> Option<Result<Handled<'a>>> {
        Some(match method {
            "initialized" => handle(|| self.initialized()),
            "textDocument/didOpen" => notice(p, RequestParams::did_open, |p| self.did_open(p)),
            "textDocument/didChange" => notice(p, RequestParams::did_change, |p| self.did_change(p)),
            "textDocument/didSave" => notice(p, RequestParams::did_save, |p| self.did_save(p)),
            "textDocument/didClose" => notice(p, RequestParams::did_close, |p| self.did_close(p)),
            "workspace/didChangeWatchedFiles" => {
                notice(p, RequestParams::did_change_watched_files, |p| self.did_change_watched_files(p))
            }
            "workspace/didChangeConfiguration" => {
                notice(p, RequestParams::did_change_configuration, |p| self.did_change_configuration(p))
            }
            _ => return None,
        })
    }

    fn client(&self) -> &Client {
        &self.shared.client
    }
}

/// A request that takes its params as they came (absent ones as `null`):
/// its handler started, its result as text.
fn reply<'a, T, F>(params: Option<Value>, handler: impl FnOnce(Value) -> F) -> Reply<'a>
where
    T: ToJson,
    F: Future<Output = Result<T>> + 'a,
{
    let answer = handler(params.unwrap_or(Value::Null));
    Box::pin(async move { Ok(Json::of(&answer.await?)) })
}

/// A request whose params are read through [`RequestParams`] (one reader
/// for most requests), then made into the type its handler takes.
fn read<'a, P, T, F>(
    params: Option<Value>,
    read: fn(RequestParams) -> Result<P>,
    handler: impl FnOnce(P) -> F,
) -> Reply<'a>
where
    T: ToJson,
    F: Future<Output = Result<T>> + 'a,
{
    direct(params, read, |params| {
        let answer = handler(params);
        Box::pin(async move { Ok(Json::of(&answer.await?)) })
    })
}

/// A request whose params are read through [`RequestParams`] and whose
/// handler answers as JSON text itself ([`Shared::answer`](super::shared::Shared::answer)):
/// no `async` wrapper of its own.
fn direct<'a, P>(
    params: Option<Value>,
    read: fn(RequestParams) -> Result<P>,
    handler: impl FnOnce(P) -> Reply<'a>,
) -> Reply<'a> {
    match RequestParams::read(params).and_then(read) {
        Ok(params) => handler(params),
        Err(e) => refused(e),
    }
}

/// The answer to a request whose params could not be read.
fn refused<'a>(e: rpc::Error) -> Reply<'a> {
    Box::pin(async move { Err(e) })
}

/// A notification whose params are read through [`RequestParams`]: its
/// handler runs at once (notifications change state synchronously).
fn notice<'a, P>(
    params: Option<Value>,
    read: fn(RequestParams) -> Result<P>,
    handler: impl FnOnce(P),
) -> Result<Handled<'a>> {
    handler(RequestParams::read(params).and_then(read)?);
    Ok(done())
}

/// A notification whose params are not read (`initialized`): its handler
/// runs at once.
fn handle<'a>(handler: impl FnOnce()) -> Result<Handled<'a>> {
    handler();
    Ok(done())
}

/// A notification handled.
fn done<'a>() -> Handled<'a> {
    Box::pin(std::future::ready(()))
}
