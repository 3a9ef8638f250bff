//! Diagnostics, pushed (`textDocument/publishDiagnostics`, after each check
//! a job stores) or pulled (`textDocument/diagnostic`, answered once the
//! current revision is checked). Never both in one session.
//!
//! A push is serialized straight from the core's diagnostics, one at a
//! time: no `Vec<lsp::Diagnostic>` is built or copied, whatever their number.

use std::sync::Arc;

use rolekit_core::{Document, TextRange};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use tower_lsp_server::ls_types as lsp;

use crate::convert::{self, Cursor, Lines};
use crate::session::Session;
use crate::workspace::document::Checked;
use crate::workspace::Snapshot;

/// Converts the diagnostics of `checked` (of `doc`, at `uri`) one by one.
pub struct Converter<'a> {
    cursor: Cursor<'a>,
    uri: lsp::Uri,
    parents: &'a [(String, Arc<Document>)],
    session: &'a Session,
}

impl<'a> Converter<'a> {
    pub fn new(uri: lsp::Uri, doc: &'a Document, checked: &'a Checked, session: &'a Session) -> Self {
        Converter { cursor: Lines::of(doc, session.encoding).cursor(), uri, parents: &checked.parents, session }
    }

    pub fn convert(&self, d: &rolekit_core::Diagnostic) -> lsp::Diagnostic {
        let encoding = self.session.encoding;
        let other = |location: &str, range: TextRange| -> Option<lsp::Location> {
            let (_, parent) = self.parents.iter().find(|(l, _)| l == location)?;
            Some(lsp::Location { uri: location.parse().ok()?, range: Lines::of(parent, encoding).range(range) })
        };
        convert::diagnostic(d, &self.cursor, &self.uri, &other, self.session.caps.related_information)
    }
}

/// `textDocument/diagnostic`: the check of the current revision.
pub fn pull(snap: &Snapshot) -> Vec<lsp::Diagnostic> {
    let (Some(checked), Ok(uri)) = (&snap.checked, snap.uri.parse::<lsp::Uri>()) else {
        return Vec::new();
    };
    let converter = Converter::new(uri, &snap.doc, checked, &snap.session);
    checked.diagnostics.iter().map(|d| converter.convert(d)).collect()
}

/// The JSON body of a `textDocument/publishDiagnostics` notification for
/// `checked`; `None` when the URI is not one.
pub fn publish_body(uri: &str, version: i32, doc: &Document, checked: &Checked, session: &Session) -> Option<Vec<u8>> {
    let uri: lsp::Uri = uri.parse().ok()?;
    let converter = Converter::new(uri.clone(), doc, checked, session);
    let params = Params { uri: &uri, diagnostics: Streamed { converter: &converter, checked }, version: Some(version) };
    let message = Notification { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: &params };
    serde_json::to_vec(&message).ok()
}

/// The body clearing a document's diagnostics (it was closed).
pub fn clear_body(uri: &str) -> Option<Vec<u8>> {
    let uri: lsp::Uri = uri.parse().ok()?;
    let params = Params::<[(); 0]> { uri: &uri, diagnostics: [], version: None };
    let message = Notification { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: &params };
    serde_json::to_vec(&message).ok()
}

#[derive(Serialize)]
struct Notification<'a, P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a P,
}

/// `PublishDiagnosticsParams` with its diagnostics serialized as they are converted.
#[derive(Serialize)]
struct Params<'a, D: Serialize> {
    uri: &'a lsp::Uri,
    diagnostics: D,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

struct Streamed<'a> {
    converter: &'a Converter<'a>,
    checked: &'a Checked,
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.checked.diagnostics.len()))?;
        for d in &self.checked.diagnostics {
            seq.serialize_element(&self.converter.convert(d))?;
        }
        seq.end()
    }
}
