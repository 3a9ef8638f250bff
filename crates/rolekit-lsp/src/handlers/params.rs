//! The params of most requests and notifications, read through one type.
//!
//! `ls-types` gives each request its params struct, most of them with
//! `#[serde(flatten)]` members (the position, the progress tokens), and a
//! derived `Deserialize` per struct: two dozen copies of serde's code, each
//! buffering the whole object for its flattened members. The requests about
//! one document all send a `textDocument` and a few of the same members, the
//! workspace's, the type hierarchy's and the notifications a few more, so the
//! method table reads them into [`RequestParams`] (the params object, parsed
//! once) and builds the `ls-types` struct the handler takes from the members
//! it reads (`members.rs`: a few lines per type instead of a serde
//! reader per struct). A member a request requires and the client left out
//! is `-32602` "missing field `x`", as serde's own message said; a member of
//! the wrong type is `-32602` naming its place; members a request does not
//! read are ignored, as `ls-types`' readers ignore unknown ones.

use ls_types as lsp;
use serde_json::Value;

use super::members::{optional, required, Bad, Member, Members};
use crate::rpc::{Error, Result};

/// `textDocument` as any of them sends it: the document's URI, with its
/// version, language and text where the message has them.
struct Document {
    uri: lsp::Uri,
    version: Option<i32>,
    language_id: Option<String>,
    text: Option<String>,
}

impl Member for Document {
    fn read(value: Value) -> std::result::Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(Document {
            uri: required(&mut m, "uri")?,
            version: optional(&mut m, "version")?,
            language_id: optional(&mut m, "languageId")?,
            text: optional(&mut m, "text")?,
        })
    }
}

/// Every member these messages send (the union of their params), taken out
/// as the request's builder reads them.
pub struct RequestParams(Members);

/// `textDocument/codeAction`'s `context`, without the client's copies of
/// the diagnostics: the actions come from the stored check, so they were
/// never used, and reading them would compile in a reader for `Diagnostic`
/// with its related information, code description and locations.
struct ActionContext {
    only: Option<Vec<lsp::CodeActionKind>>,
    trigger_kind: Option<lsp::CodeActionTriggerKind>,
}

impl Member for ActionContext {
    fn read(value: Value) -> std::result::Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(ActionContext { only: optional(&mut m, "only")?, trigger_kind: optional(&mut m, "triggerKind")? })
    }
}

/// The item `typeHierarchy/supertypes` and `subtypes` send back: the
/// handlers look up its role by URI and name alone, so the rest (ranges,
/// kind, detail, data) is not read.
struct HierarchyItem {
    name: String,
    uri: lsp::Uri,
}

impl Member for HierarchyItem {
    fn read(value: Value) -> std::result::Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(HierarchyItem { name: required(&mut m, "name")?, uri: required(&mut m, "uri")? })
    }
}

/// The formatting requests' `options`, without the free-form `properties`:
/// rolekit's style does not take the client's options; the protocol's
/// members are still read and checked.
impl Member for lsp::FormattingOptions {
    fn read(value: Value) -> std::result::Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(lsp::FormattingOptions {
            tab_size: required(&mut m, "tabSize")?,
            insert_spaces: required(&mut m, "insertSpaces")?,
            properties: Default::default(),
            trim_trailing_whitespace: optional(&mut m, "trimTrailingWhitespace")?,
            insert_final_newline: optional(&mut m, "insertFinalNewline")?,
            trim_final_newlines: optional(&mut m, "trimFinalNewlines")?,
        })
    }
}

fn missing(field: &'static str) -> Error {
    Bad::missing(field).into()
}

impl RequestParams {
    /// A method's params: a JSON object (absent params read as `null`, an
    /// error).
    pub fn read(params: Option<Value>) -> Result<RequestParams> {
        Ok(RequestParams(Members::read(params.unwrap_or(Value::Null))?))
    }

    fn required<T: Member>(&mut self, key: &'static str) -> Result<T> {
        Ok(required(&mut self.0, key)?)
    }

    fn optional<T: Member>(&mut self, key: &'static str) -> Result<Option<T>> {
        Ok(optional(&mut self.0, key)?)
    }

    /// The progress token; a bad one is an error even where a builder does
    /// not pass it on, as it was for the derived reader.
    fn work_done(&mut self) -> Result<lsp::WorkDoneProgressParams> {
        Ok(lsp::WorkDoneProgressParams { work_done_token: self.optional("workDoneToken")? })
    }

    fn partial(&mut self) -> Result<lsp::PartialResultParams> {
        Ok(lsp::PartialResultParams { partial_result_token: self.optional("partialResultToken")? })
    }

    fn text_document(&mut self) -> Result<Document> {
        self.required("textDocument")
    }

    fn document(&mut self) -> Result<lsp::TextDocumentIdentifier> {
        Ok(lsp::TextDocumentIdentifier { uri: self.text_document()?.uri })
    }

    fn at(&mut self) -> Result<lsp::TextDocumentPositionParams> {
        let text_document = self.document()?;
        let position = self.required("position")?;
        Ok(lsp::TextDocumentPositionParams { text_document, position })
    }

    fn range(&mut self) -> Result<lsp::Range> {
        self.required("range")
    }

    /// The options without their `properties` (see `FormattingOptions`' reader).
    fn options(&mut self) -> Result<lsp::FormattingOptions> {
        self.required("options")
    }

    fn context<T: Member>(&mut self) -> Result<T> {
        self.required("context")
    }

    pub fn hover(mut self) -> Result<lsp::HoverParams> {
        Ok(lsp::HoverParams { text_document_position_params: self.at()?, work_done_progress_params: self.work_done()? })
    }

    pub fn completion(mut self) -> Result<lsp::CompletionParams> {
        let context = self.optional("context")?;
        Ok(lsp::CompletionParams {
            text_document_position: self.at()?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            context,
        })
    }

    pub fn definition(mut self) -> Result<lsp::GotoDefinitionParams> {
        Ok(lsp::GotoDefinitionParams {
            text_document_position_params: self.at()?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
        })
    }

    pub fn references(mut self) -> Result<lsp::ReferenceParams> {
        Ok(lsp::ReferenceParams {
            context: self.context()?,
            text_document_position: self.at()?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
        })
    }

    pub fn highlight(mut self) -> Result<lsp::DocumentHighlightParams> {
        Ok(lsp::DocumentHighlightParams {
            text_document_position_params: self.at()?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
        })
    }

    pub fn position(mut self) -> Result<lsp::TextDocumentPositionParams> {
        self.at()
    }

    pub fn rename(mut self) -> Result<lsp::RenameParams> {
        Ok(lsp::RenameParams {
            text_document_position: self.at()?,
            new_name: self.required("newName")?,
            work_done_progress_params: self.work_done()?,
        })
    }

    pub fn type_hierarchy(mut self) -> Result<lsp::TypeHierarchyPrepareParams> {
        Ok(lsp::TypeHierarchyPrepareParams {
            text_document_position_params: self.at()?,
            work_done_progress_params: self.work_done()?,
        })
    }

    pub fn diagnostic(mut self) -> Result<lsp::DocumentDiagnosticParams> {
        Ok(lsp::DocumentDiagnosticParams {
            identifier: self.optional("identifier")?,
            previous_result_id: self.optional("previousResultId")?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }

    pub fn symbols(mut self) -> Result<lsp::DocumentSymbolParams> {
        Ok(lsp::DocumentSymbolParams {
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }

    pub fn formatting(mut self) -> Result<lsp::DocumentFormattingParams> {
        Ok(lsp::DocumentFormattingParams {
            options: self.options()?,
            work_done_progress_params: self.work_done()?,
            text_document: self.document()?,
        })
    }

    pub fn range_formatting(mut self) -> Result<lsp::DocumentRangeFormattingParams> {
        Ok(lsp::DocumentRangeFormattingParams {
            range: self.range()?,
            options: self.options()?,
            work_done_progress_params: self.work_done()?,
            text_document: self.document()?,
        })
    }

    pub fn folding(mut self) -> Result<lsp::FoldingRangeParams> {
        Ok(lsp::FoldingRangeParams {
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }

    pub fn selection(mut self) -> Result<lsp::SelectionRangeParams> {
        Ok(lsp::SelectionRangeParams {
            positions: self.required("positions")?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }

    pub fn links(mut self) -> Result<lsp::DocumentLinkParams> {
        Ok(lsp::DocumentLinkParams {
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }

    pub fn inlay_hints(mut self) -> Result<lsp::InlayHintParams> {
        Ok(lsp::InlayHintParams {
            range: self.range()?,
            work_done_progress_params: self.work_done()?,
            text_document: self.document()?,
        })
    }

    pub fn code_lens(mut self) -> Result<lsp::CodeLensParams> {
        Ok(lsp::CodeLensParams {
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }

    /// The params with an empty `context.diagnostics` (see `ActionContext`).
    pub fn code_action(mut self) -> Result<lsp::CodeActionParams> {
        let ActionContext { only, trigger_kind } = self.context()?;
        Ok(lsp::CodeActionParams {
            range: self.range()?,
            context: lsp::CodeActionContext { diagnostics: Vec::new(), only, trigger_kind },
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }

    pub fn workspace_symbols(mut self) -> Result<lsp::WorkspaceSymbolParams> {
        Ok(lsp::WorkspaceSymbolParams {
            query: self.required("query")?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
        })
    }

    pub fn workspace_diagnostic(mut self) -> Result<lsp::WorkspaceDiagnosticParams> {
        Ok(lsp::WorkspaceDiagnosticParams {
            identifier: self.optional("identifier")?,
            previous_result_ids: self.required("previousResultIds")?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
        })
    }

    /// The item with its name and URI (see [`HierarchyItem`]).
    fn item(&mut self) -> Result<lsp::TypeHierarchyItem> {
        let HierarchyItem { name, uri } = self.required("item")?;
        Ok(lsp::TypeHierarchyItem {
            name,
            kind: lsp::SymbolKind::CLASS,
            tags: None,
            detail: None,
            uri,
            range: lsp::Range::default(),
            selection_range: lsp::Range::default(),
            data: None,
        })
    }

    pub fn supertypes(mut self) -> Result<lsp::TypeHierarchySupertypesParams> {
        Ok(lsp::TypeHierarchySupertypesParams {
            item: self.item()?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
        })
    }

    pub fn subtypes(mut self) -> Result<lsp::TypeHierarchySubtypesParams> {
        Ok(lsp::TypeHierarchySubtypesParams {
            item: self.item()?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
        })
    }

    pub fn did_open(mut self) -> Result<lsp::DidOpenTextDocumentParams> {
        let d = self.text_document()?;
        let item = lsp::TextDocumentItem {
            uri: d.uri,
            language_id: d.language_id.ok_or_else(|| missing("languageId"))?,
            version: d.version.ok_or_else(|| missing("version"))?,
            text: d.text.ok_or_else(|| missing("text"))?,
        };
        Ok(lsp::DidOpenTextDocumentParams { text_document: item })
    }

    pub fn did_change(mut self) -> Result<lsp::DidChangeTextDocumentParams> {
        let d = self.text_document()?;
        let version = d.version.ok_or_else(|| missing("version"))?;
        Ok(lsp::DidChangeTextDocumentParams {
            text_document: lsp::VersionedTextDocumentIdentifier { uri: d.uri, version },
            content_changes: self.required("contentChanges")?,
        })
    }

    pub fn did_save(mut self) -> Result<lsp::DidSaveTextDocumentParams> {
        Ok(lsp::DidSaveTextDocumentParams { text_document: self.document()?, text: self.optional("text")? })
    }

    pub fn did_close(mut self) -> Result<lsp::DidCloseTextDocumentParams> {
        Ok(lsp::DidCloseTextDocumentParams { text_document: self.document()? })
    }

    pub fn did_change_watched_files(mut self) -> Result<lsp::DidChangeWatchedFilesParams> {
        Ok(lsp::DidChangeWatchedFilesParams { changes: self.required("changes")? })
    }

    /// `settings` absent is read as `null` (the client is then asked), as `null` is.
    pub fn did_change_configuration(mut self) -> Result<lsp::DidChangeConfigurationParams> {
        Ok(lsp::DidChangeConfigurationParams { settings: self.optional("settings")?.unwrap_or(Value::Null) })
    }

    pub fn semantic_tokens(mut self) -> Result<lsp::SemanticTokensParams> {
        Ok(lsp::SemanticTokensParams {
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }

    /// `initialize`'s params, the capabilities kept as JSON (see [`crate::session::InitializeParams`]).
    pub fn initialize(self) -> Result<crate::session::InitializeParams> {
        Ok(Member::read(Value::Object(self.0))?)
    }

    pub fn will_rename_files(mut self) -> Result<lsp::RenameFilesParams> {
        Ok(lsp::RenameFilesParams { files: self.required("files")? })
    }

    pub fn semantic_tokens_range(mut self) -> Result<lsp::SemanticTokensRangeParams> {
        Ok(lsp::SemanticTokensRangeParams {
            range: self.range()?,
            work_done_progress_params: self.work_done()?,
            partial_result_params: self.partial()?,
            text_document: self.document()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::{json, Value};

    /// `params` read as the method table reads them and as `ls-types`'
    /// derived reader does, both written back as JSON (or each error).
    fn both<T: Serialize + serde::de::DeserializeOwned>(
        params: &Value,
        read: fn(RequestParams) -> Result<T>,
    ) -> (std::result::Result<Value, String>, std::result::Result<Value, String>) {
        let text = params.to_string();
        let ours = RequestParams::read(Some(params.clone()))
            .and_then(read)
            .map(|p| serde_json::to_value(p).unwrap_or_default())
            .map_err(|e| e.message);
        let theirs = serde_json::from_str::<T>(&text)
            .map(|p| serde_json::to_value(p).unwrap_or_default())
            .map_err(|e| e.to_string());
        (ours, theirs)
    }

    /// Each request's params, as full as clients send them, read the same
    /// way as `ls-types` reads them.
    #[test]
    fn the_same_params_as_ls_types() {
        let doc = json!({ "uri": "file:///w/a.md" });
        let pos = json!({ "line": 3, "character": 7 });
        let range = json!({ "start": { "line": 1, "character": 0 }, "end": { "line": 2, "character": 4 } });
        let options = json!({ "tabSize": 2, "insertSpaces": true, "trimFinalNewlines": true });
        let tokens = json!({ "workDoneToken": "w1", "partialResultToken": 7 });
        let with = |extra: Value| {
            let mut p = json!({ "textDocument": doc });
            for source in [&tokens, &extra] {
                if let (Some(p), Some(extra)) = (p.as_object_mut(), source.as_object()) {
                    p.extend(extra.clone());
                }
            }
            p
        };
        let at = |extra: Value| {
            let mut p = with(extra);
            p["position"] = pos.clone();
            p
        };
        let diagnostic = json!({
            "range": range, "severity": 1, "code": "yaml-syntax", "source": "rolekit", "message": "m",
            "data": { "any": [1, 2] }
        });
        macro_rules! same {
            ($params:expr, $read:expr, $ty:ty) => {{
                let (ours, theirs) = both::<$ty>(&$params, $read);
                assert!(theirs.is_ok(), "{} {:?}", stringify!($ty), theirs);
                assert_eq!(ours, theirs, "{}", stringify!($ty));
            }};
        }
        same!(at(json!({})), RequestParams::hover, lsp::HoverParams);
        same!(
            at(json!({ "context": { "triggerKind": 2, "triggerCharacter": ":" } })),
            RequestParams::completion,
            lsp::CompletionParams
        );
        same!(at(json!({})), RequestParams::completion, lsp::CompletionParams);
        same!(at(json!({})), RequestParams::definition, lsp::GotoDefinitionParams);
        same!(
            at(json!({ "context": { "includeDeclaration": true } })),
            RequestParams::references,
            lsp::ReferenceParams
        );
        same!(at(json!({})), RequestParams::highlight, lsp::DocumentHighlightParams);
        same!(at(json!({})), RequestParams::position, lsp::TextDocumentPositionParams);
        same!(at(json!({ "newName": "reviewer" })), RequestParams::rename, lsp::RenameParams);
        same!(at(json!({})), RequestParams::type_hierarchy, lsp::TypeHierarchyPrepareParams);
        same!(
            with(json!({ "identifier": "rolekit", "previousResultId": "r1" })),
            RequestParams::diagnostic,
            lsp::DocumentDiagnosticParams
        );
        same!(with(json!({})), RequestParams::diagnostic, lsp::DocumentDiagnosticParams);
        same!(with(json!({})), RequestParams::symbols, lsp::DocumentSymbolParams);
        same!(with(json!({ "options": options })), RequestParams::formatting, lsp::DocumentFormattingParams);
        same!(
            with(json!({ "options": options, "range": range })),
            RequestParams::range_formatting,
            lsp::DocumentRangeFormattingParams
        );
        // A client's own formatting properties are skipped.
        let custom = with(json!({ "options": { "tabSize": 2, "insertSpaces": true, "x-custom": "v", "x-n": 1 } }));
        let (ours, _) = both::<lsp::DocumentFormattingParams>(&custom, RequestParams::formatting);
        assert_eq!(ours.map(|p| p["options"].clone()), Ok(json!({ "tabSize": 2, "insertSpaces": true })));
        same!(with(json!({})), RequestParams::folding, lsp::FoldingRangeParams);
        same!(with(json!({ "positions": [pos, pos] })), RequestParams::selection, lsp::SelectionRangeParams);
        same!(with(json!({})), RequestParams::links, lsp::DocumentLinkParams);
        same!(with(json!({ "range": range })), RequestParams::inlay_hints, lsp::InlayHintParams);
        same!(with(json!({})), RequestParams::code_lens, lsp::CodeLensParams);
        same!(
            with(json!({ "range": range, "context": { "diagnostics": [], "only": ["quickfix"], "triggerKind": 1 } })),
            RequestParams::code_action,
            lsp::CodeActionParams
        );
        // The client's diagnostics are skipped, whatever they hold.
        for diagnostics in [json!([diagnostic]), json!([{ "range": 1 }]), json!("none")] {
            let params =
                with(json!({ "range": range, "context": { "diagnostics": diagnostics, "only": ["quickfix"] } }));
            let (ours, _) = both::<lsp::CodeActionParams>(&params, RequestParams::code_action);
            let context = ours.map(|p| p["context"].clone());
            assert_eq!(context, Ok(json!({ "diagnostics": [], "only": ["quickfix"] })));
        }
        same!(with(json!({})), RequestParams::semantic_tokens, lsp::SemanticTokensParams);
        same!(with(json!({ "range": range })), RequestParams::semantic_tokens_range, lsp::SemanticTokensRangeParams);
        let item = json!({
            "name": "reviewer", "kind": 5, "detail": "roles/reviewer.md", "uri": "file:///w/roles/reviewer.md",
            "range": range, "selectionRange": range, "data": { "any": true }
        });
        let no_document = |extra: Value| {
            let mut p = with(extra);
            if let Some(p) = p.as_object_mut() {
                p.remove("textDocument");
            }
            p
        };
        let bare = json!({ "name": "reviewer", "kind": 5, "uri": "file:///w/roles/reviewer.md", "range": {
            "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "selectionRange": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } } });
        same!(no_document(json!({ "item": bare })), RequestParams::supertypes, lsp::TypeHierarchySupertypesParams);
        same!(no_document(json!({ "item": bare })), RequestParams::subtypes, lsp::TypeHierarchySubtypesParams);
        // Of a full item, the name and URI are read.
        let (ours, _) = both::<lsp::TypeHierarchySupertypesParams>(
            &no_document(json!({ "item": item })),
            RequestParams::supertypes,
        );
        assert_eq!(ours.map(|p| p["item"].clone()), Ok(bare));
        same!(no_document(json!({ "query": "rev" })), RequestParams::workspace_symbols, lsp::WorkspaceSymbolParams);
        let open = json!({ "textDocument": { "uri": "file:///w/a.md", "languageId": "markdown", "version": 3, "text": "---\n" } });
        same!(open, RequestParams::did_open, lsp::DidOpenTextDocumentParams);
        let change = json!({
            "textDocument": { "uri": "file:///w/a.md", "version": 4 },
            "contentChanges": [{ "range": range, "text": "x" }, { "range": range, "rangeLength": 3, "text": "" }, { "text": "all" }]
        });
        same!(change, RequestParams::did_change, lsp::DidChangeTextDocumentParams);
        same!(json!({ "textDocument": doc, "text": "saved" }), RequestParams::did_save, lsp::DidSaveTextDocumentParams);
        same!(json!({ "textDocument": doc }), RequestParams::did_save, lsp::DidSaveTextDocumentParams);
        same!(json!({ "textDocument": doc }), RequestParams::did_close, lsp::DidCloseTextDocumentParams);
        let changes =
            json!({ "changes": [{ "uri": "file:///w/a.md", "type": 2 }, { "uri": "file:///w/b.md", "type": 3 }] });
        same!(changes, RequestParams::did_change_watched_files, lsp::DidChangeWatchedFilesParams);
        let settings = json!({ "settings": { "rolekit": { "rules": { "mojibake": "off" } } } });
        same!(settings, RequestParams::did_change_configuration, lsp::DidChangeConfigurationParams);
        same!(json!({ "settings": null }), RequestParams::did_change_configuration, lsp::DidChangeConfigurationParams);
        let renames = json!({ "files": [{ "oldUri": "file:///w/a.md", "newUri": "file:///w/b.md" }] });
        same!(renames, RequestParams::will_rename_files, lsp::RenameFilesParams);
        same!(
            no_document(
                json!({ "identifier": "rolekit", "previousResultIds": [{ "uri": "file:///w/a.md", "value": "r1" }] })
            ),
            RequestParams::workspace_diagnostic,
            lsp::WorkspaceDiagnosticParams
        );
    }

    /// A member the request requires, absent or of the wrong type, is an
    /// error as it is for `ls-types`' reader, with the same message when absent.
    #[test]
    fn missing_or_bad_members_are_errors() {
        let doc = json!({ "uri": "file:///w/a.md" });
        let missing = [
            (json!({ "textDocument": doc }), "missing field `position`"),
            (json!({ "position": { "line": 0, "character": 0 } }), "missing field `textDocument`"),
        ];
        for (params, message) in &missing {
            let (ours, theirs) = both::<lsp::HoverParams>(params, RequestParams::hover);
            assert!(ours.as_ref().is_err_and(|e| e.starts_with(message)), "{ours:?}");
            assert!(theirs.as_ref().is_err_and(|e| e.starts_with(message)), "{theirs:?}");
        }
        let at = json!({ "textDocument": doc, "position": { "line": 0, "character": 0 } });
        let (ours, theirs) = both::<lsp::ReferenceParams>(&at, RequestParams::references);
        assert_eq!(ours, Err("missing field `context`".to_string()));
        assert!(theirs.is_err());
        let (ours, theirs) = both::<lsp::RenameParams>(&at, RequestParams::rename);
        assert_eq!(ours, Err("missing field `newName`".to_string()));
        assert!(theirs.is_err());
        let no_version = json!({ "textDocument": doc, "contentChanges": [] });
        let (ours, theirs) = both::<lsp::DidChangeTextDocumentParams>(&no_version, RequestParams::did_change);
        assert_eq!(ours, Err("missing field `version`".to_string()));
        assert!(theirs.is_err());
        let no_text = json!({ "textDocument": { "uri": "file:///w/a.md", "languageId": "markdown", "version": 1 } });
        let (ours, theirs) = both::<lsp::DidOpenTextDocumentParams>(&no_text, RequestParams::did_open);
        assert_eq!(ours, Err("missing field `text`".to_string()));
        assert!(theirs.is_err());
        let (ours, theirs) = both::<lsp::WorkspaceSymbolParams>(&json!({}), RequestParams::workspace_symbols);
        assert_eq!(ours, Err("missing field `query`".to_string()));
        assert!(theirs.is_err());
        let (ours, theirs) =
            both::<lsp::TypeHierarchySupertypesParams>(&json!({ "item": 1 }), RequestParams::supertypes);
        assert!(ours.is_err() && theirs.is_err(), "{ours:?} {theirs:?}");
        let bad = json!({ "textDocument": doc, "range": { "start": 1 }, "context": { "diagnostics": [] } });
        let (ours, theirs) = both::<lsp::CodeActionParams>(&bad, RequestParams::code_action);
        assert!(ours.is_err() && theirs.is_err(), "{ours:?} {theirs:?}");
        for token in [json!(true), json!(1.5), json!(4294967296_i64), json!({ "a": 1 })] {
            let bad = json!({ "textDocument": doc, "workDoneToken": token });
            let (ours, theirs) = both::<lsp::DocumentSymbolParams>(&bad, RequestParams::symbols);
            assert!(ours.is_err() && theirs.is_err(), "{token}: {ours:?} {theirs:?}");
        }
        let bad = json!({ "textDocument": doc, "options": { "tabSize": "two" } });
        let (ours, theirs) = both::<lsp::DocumentFormattingParams>(&bad, RequestParams::formatting);
        assert!(ours.is_err() && theirs.is_err(), "{ours:?} {theirs:?}");
    }
}
