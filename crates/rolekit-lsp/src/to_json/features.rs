//! Answers to the language features: completion, hover, code actions and
//! lenses, inlay hints, symbols, semantic tokens, folding, selection,
//! highlights, links, rename, definition, type hierarchy.

use ls_types as lsp;

use super::{field, opt, ToJson, Writer};

// ----- completion ------------------------------------------------------------------------------

impl ToJson for lsp::CompletionItem {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "label", &self.label);
        opt(w, "labelDetails", &self.label_details);
        opt(w, "kind", &self.kind);
        opt(w, "detail", &self.detail);
        opt(w, "documentation", &self.documentation);
        opt(w, "deprecated", &self.deprecated);
        opt(w, "preselect", &self.preselect);
        opt(w, "sortText", &self.sort_text);
        opt(w, "filterText", &self.filter_text);
        opt(w, "insertText", &self.insert_text);
        opt(w, "insertTextFormat", &self.insert_text_format);
        opt(w, "insertTextMode", &self.insert_text_mode);
        opt(w, "textEdit", &self.text_edit);
        opt(w, "additionalTextEdits", &self.additional_text_edits);
        opt(w, "command", &self.command);
        opt(w, "commitCharacters", &self.commit_characters);
        opt(w, "data", &self.data);
        opt(w, "tags", &self.tags);
        w.end_object();
    }
}

impl ToJson for lsp::CompletionItemLabelDetails {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "detail", &self.detail);
        opt(w, "description", &self.description);
        w.end_object();
    }
}

impl ToJson for lsp::InsertReplaceEdit {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "newText", &self.new_text);
        field(w, "insert", &self.insert);
        field(w, "replace", &self.replace);
        w.end_object();
    }
}

impl ToJson for lsp::CompletionTextEdit {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::CompletionTextEdit::Edit(edit) => edit.write(w),
            lsp::CompletionTextEdit::InsertAndReplace(edit) => edit.write(w),
        }
    }
}

impl ToJson for lsp::Documentation {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::Documentation::String(s) => s.write(w),
            lsp::Documentation::MarkupContent(markup) => markup.write(w),
        }
    }
}

impl ToJson for lsp::CompletionList {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "isIncomplete", &self.is_incomplete);
        field(w, "items", &self.items);
        w.end_object();
    }
}

impl ToJson for lsp::CompletionResponse {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::CompletionResponse::Array(items) => items.write(w),
            lsp::CompletionResponse::List(list) => list.write(w),
        }
    }
}

// ----- hover -----------------------------------------------------------------------------------

impl ToJson for lsp::Hover {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "contents", &self.contents);
        opt(w, "range", &self.range);
        w.end_object();
    }
}

impl ToJson for lsp::HoverContents {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::HoverContents::Scalar(marked) => marked.write(w),
            lsp::HoverContents::Array(marked) => marked.write(w),
            lsp::HoverContents::Markup(markup) => markup.write(w),
        }
    }
}

impl ToJson for lsp::MarkedString {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::MarkedString::String(s) => s.write(w),
            lsp::MarkedString::LanguageString(s) => s.write(w),
        }
    }
}

impl ToJson for lsp::LanguageString {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "language", &self.language);
        field(w, "value", &self.value);
        w.end_object();
    }
}

// ----- code actions and lenses -----------------------------------------------------------------

impl ToJson for lsp::CodeAction {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "title", &self.title);
        opt(w, "kind", &self.kind);
        opt(w, "diagnostics", &self.diagnostics);
        opt(w, "edit", &self.edit);
        opt(w, "command", &self.command);
        opt(w, "isPreferred", &self.is_preferred);
        opt(w, "disabled", &self.disabled);
        opt(w, "data", &self.data);
        w.end_object();
    }
}

impl ToJson for lsp::CodeActionDisabled {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "reason", &self.reason);
        w.end_object();
    }
}

impl ToJson for lsp::CodeActionOrCommand {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::CodeActionOrCommand::Command(command) => command.write(w),
            lsp::CodeActionOrCommand::CodeAction(action) => action.write(w),
        }
    }
}

impl ToJson for lsp::CodeLens {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "range", &self.range);
        opt(w, "command", &self.command);
        opt(w, "data", &self.data);
        w.end_object();
    }
}

// ----- inlay hints -----------------------------------------------------------------------------

impl ToJson for lsp::InlayHint {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "position", &self.position);
        field(w, "label", &self.label);
        opt(w, "kind", &self.kind);
        opt(w, "textEdits", &self.text_edits);
        opt(w, "tooltip", &self.tooltip);
        opt(w, "paddingLeft", &self.padding_left);
        opt(w, "paddingRight", &self.padding_right);
        opt(w, "data", &self.data);
        w.end_object();
    }
}

impl ToJson for lsp::InlayHintLabel {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::InlayHintLabel::String(s) => s.write(w),
            lsp::InlayHintLabel::LabelParts(parts) => parts.write(w),
        }
    }
}

impl ToJson for lsp::InlayHintLabelPart {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "value", &self.value);
        opt(w, "tooltip", &self.tooltip);
        opt(w, "location", &self.location);
        opt(w, "command", &self.command);
        w.end_object();
    }
}

impl ToJson for lsp::InlayHintLabelPartTooltip {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::InlayHintLabelPartTooltip::String(s) => s.write(w),
            lsp::InlayHintLabelPartTooltip::MarkupContent(markup) => markup.write(w),
        }
    }
}

impl ToJson for lsp::InlayHintTooltip {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::InlayHintTooltip::String(s) => s.write(w),
            lsp::InlayHintTooltip::MarkupContent(markup) => markup.write(w),
        }
    }
}

// ----- symbols ---------------------------------------------------------------------------------

impl ToJson for lsp::DocumentSymbol {
    #[allow(deprecated)]
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "name", &self.name);
        opt(w, "detail", &self.detail);
        field(w, "kind", &self.kind);
        opt(w, "tags", &self.tags);
        opt(w, "deprecated", &self.deprecated);
        field(w, "range", &self.range);
        field(w, "selectionRange", &self.selection_range);
        opt(w, "children", &self.children);
        w.end_object();
    }
}

impl ToJson for lsp::SymbolInformation {
    #[allow(deprecated)]
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "name", &self.name);
        field(w, "kind", &self.kind);
        opt(w, "tags", &self.tags);
        opt(w, "deprecated", &self.deprecated);
        field(w, "location", &self.location);
        opt(w, "containerName", &self.container_name);
        w.end_object();
    }
}

impl ToJson for lsp::DocumentSymbolResponse {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::DocumentSymbolResponse::Flat(symbols) => symbols.write(w),
            lsp::DocumentSymbolResponse::Nested(symbols) => symbols.write(w),
        }
    }
}

impl ToJson for lsp::WorkspaceSymbol {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "name", &self.name);
        field(w, "kind", &self.kind);
        opt(w, "tags", &self.tags);
        opt(w, "containerName", &self.container_name);
        field(w, "location", &self.location);
        opt(w, "data", &self.data);
        w.end_object();
    }
}

impl ToJson for lsp::WorkspaceLocation {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "uri", &self.uri);
        w.end_object();
    }
}

impl ToJson for lsp::WorkspaceSymbolResponse {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::WorkspaceSymbolResponse::Flat(symbols) => symbols.write(w),
            lsp::WorkspaceSymbolResponse::Nested(symbols) => symbols.write(w),
        }
    }
}

// ----- semantic tokens -------------------------------------------------------------------------

/// The tokens as one flat array of numbers, five per token (`ls-types`' `serialize_tokens`).
fn tokens(w: &mut Writer, data: &[lsp::SemanticToken]) {
    w.key("data");
    w.begin_array();
    for t in data {
        for n in [t.delta_line, t.delta_start, t.length, t.token_type, t.token_modifiers_bitset] {
            w.u64(u64::from(n));
        }
    }
    w.end_array();
}

impl ToJson for lsp::SemanticTokens {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "resultId", &self.result_id);
        tokens(w, &self.data);
        w.end_object();
    }
}

impl ToJson for lsp::SemanticTokensPartialResult {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        tokens(w, &self.data);
        w.end_object();
    }
}

impl ToJson for lsp::SemanticTokensResult {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::SemanticTokensResult::Tokens(tokens) => tokens.write(w),
            lsp::SemanticTokensResult::Partial(partial) => partial.write(w),
        }
    }
}

impl ToJson for lsp::SemanticTokensRangeResult {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::SemanticTokensRangeResult::Tokens(tokens) => tokens.write(w),
            lsp::SemanticTokensRangeResult::Partial(partial) => partial.write(w),
        }
    }
}

impl ToJson for lsp::SemanticTokensLegend {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "tokenTypes", &self.token_types);
        field(w, "tokenModifiers", &self.token_modifiers);
        w.end_object();
    }
}

// ----- folding, selection, highlights, links ---------------------------------------------------

impl ToJson for lsp::FoldingRange {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "startLine", &self.start_line);
        opt(w, "startCharacter", &self.start_character);
        field(w, "endLine", &self.end_line);
        opt(w, "endCharacter", &self.end_character);
        opt(w, "kind", &self.kind);
        opt(w, "collapsedText", &self.collapsed_text);
        w.end_object();
    }
}

impl ToJson for lsp::FoldingRangeKind {
    fn write(&self, w: &mut Writer) {
        w.str(match self {
            lsp::FoldingRangeKind::Comment => "comment",
            lsp::FoldingRangeKind::Imports => "imports",
            lsp::FoldingRangeKind::Region => "region",
        });
    }
}

impl ToJson for lsp::SelectionRange {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "range", &self.range);
        opt(w, "parent", &self.parent);
        w.end_object();
    }
}

impl ToJson for lsp::DocumentHighlight {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "range", &self.range);
        opt(w, "kind", &self.kind);
        w.end_object();
    }
}

impl ToJson for lsp::DocumentLink {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "range", &self.range);
        opt(w, "target", &self.target);
        opt(w, "tooltip", &self.tooltip);
        opt(w, "data", &self.data);
        w.end_object();
    }
}

// ----- rename, definition, type hierarchy ------------------------------------------------------

impl ToJson for lsp::PrepareRenameResponse {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::PrepareRenameResponse::Range(range) => range.write(w),
            lsp::PrepareRenameResponse::RangeWithPlaceholder { range, placeholder } => {
                w.begin_object();
                field(w, "range", range);
                field(w, "placeholder", placeholder);
                w.end_object();
            }
            lsp::PrepareRenameResponse::DefaultBehavior { default_behavior } => {
                w.begin_object();
                field(w, "defaultBehavior", default_behavior);
                w.end_object();
            }
        }
    }
}

impl ToJson for lsp::GotoDefinitionResponse {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::GotoDefinitionResponse::Scalar(location) => location.write(w),
            lsp::GotoDefinitionResponse::Array(locations) => locations.write(w),
            lsp::GotoDefinitionResponse::Link(links) => links.write(w),
        }
    }
}

impl ToJson for lsp::TypeHierarchyItem {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "name", &self.name);
        field(w, "kind", &self.kind);
        opt(w, "tags", &self.tags);
        opt(w, "detail", &self.detail);
        field(w, "uri", &self.uri);
        field(w, "range", &self.range);
        field(w, "selectionRange", &self.selection_range);
        opt(w, "data", &self.data);
        w.end_object();
    }
}
