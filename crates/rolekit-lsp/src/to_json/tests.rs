//! Every impl against serde's derive (the oracle): a fully populated value
//! (every `Option` set, every enum variant across the cases) and a minimal
//! one, byte for byte.

use std::collections::HashMap;

use ls_types as lsp;
use serde::Serialize;
use serde_json::json;

use super::{to_json, ToJson};

/// Text that needs escapes.
const TRICKY: &str = "a \"quoted\" \\ back\nslash\t\u{1}\u{1f} é 😀";

#[track_caller]
fn same<T: ToJson + Serialize + ?Sized>(value: &T) {
    let expected = serde_json::to_string(value).unwrap();
    assert!(!expected.is_empty());
    assert_eq!(to_json(value), expected);
}

/// Each value written as serde writes it; the cases counted so an empty list fails.
macro_rules! same {
    ($($value:expr),+ $(,)?) => {{
        let mut cases = 0;
        $(same(&$value); cases += 1;)+
        assert!(cases > 0);
    }};
}

fn s(text: &str) -> String {
    text.to_string()
}

fn uri(path: &str) -> lsp::Uri {
    format!("file:///work/{path}").parse().unwrap()
}

fn pos(line: u32, character: u32) -> lsp::Position {
    lsp::Position { line, character }
}

fn range(a: u32, b: u32) -> lsp::Range {
    lsp::Range { start: pos(a, 0), end: pos(b, u32::MAX) }
}

fn loc(path: &str) -> lsp::Location {
    lsp::Location { uri: uri(path), range: range(1, 2) }
}

fn edit(text: &str) -> lsp::TextEdit {
    lsp::TextEdit { range: range(0, 1), new_text: s(text) }
}

fn command() -> lsp::Command {
    lsp::Command { title: s(TRICKY), command: s("rolekit.do"), arguments: Some(vec![json!(1), json!({"a": [null]})]) }
}

fn markup(kind: lsp::MarkupKind) -> lsp::MarkupContent {
    lsp::MarkupContent { kind, value: s(TRICKY) }
}

/// A number-valued enum outside its named constants.
fn unknown<T: serde::de::DeserializeOwned>() -> T {
    serde_json::from_value(json!(42)).unwrap()
}

#[test]
fn scalars_and_containers() {
    same!(true, false, 0u8, u32::MAX, i32::MIN, u64::MAX, i64::MIN, *TRICKY, s(TRICKY), String::new());
    same!(json!(null), json!({"a": [1, -2.5, "x"], "b": {}}), None::<u32>, Some(3u32), Vec::<u32>::new());
    same!(vec![Some(1i32), None], [s("a"), s(TRICKY)][..], Box::new(pos(1, 2)), &pos(3, 4), ());
    let mut map = HashMap::new();
    map.insert(uri("a.md"), vec![edit("x")]);
    map.insert(uri("b%22c%22.md"), vec![]);
    map.insert(uri("c.md"), vec![edit(TRICKY), edit("")]);
    same!(map, HashMap::<lsp::Uri, Vec<lsp::TextEdit>>::new());
    let strings: HashMap<String, u32> = [(s(TRICKY), 1), (s("b"), 2)].into_iter().collect();
    same!(strings);
}

#[test]
fn basic() {
    same!(uri("x%20y%25z.md"), pos(0, 0), range(0, 9), loc("a.md"));
    same!(
        lsp::LocationLink {
            origin_selection_range: Some(range(1, 1)),
            target_uri: uri("t.md"),
            target_range: range(2, 3),
            target_selection_range: range(4, 5),
        },
        lsp::LocationLink {
            origin_selection_range: None,
            target_uri: uri("t.md"),
            target_range: range(2, 3),
            target_selection_range: range(4, 5),
        },
    );
    same!(edit(TRICKY), lsp::AnnotatedTextEdit { text_edit: edit("x"), annotation_id: s(TRICKY) });
    same!(command(), lsp::Command { title: s("t"), command: s("c"), arguments: None });
    same!(markup(lsp::MarkupKind::Markdown), markup(lsp::MarkupKind::PlainText));
    same!(lsp::NumberOrString::Number(-7), lsp::NumberOrString::String(s(TRICKY)));
    same!(lsp::OneOf::<bool, lsp::Position>::Left(true), lsp::OneOf::<bool, lsp::Position>::Right(pos(1, 1)));
}

#[test]
fn number_and_string_enums() {
    same!(
        lsp::DiagnosticSeverity::ERROR,
        lsp::DiagnosticSeverity::WARNING,
        lsp::DiagnosticSeverity::INFORMATION,
        lsp::DiagnosticSeverity::HINT,
        unknown::<lsp::DiagnosticSeverity>(),
    );
    same!(lsp::DiagnosticTag::UNNECESSARY, lsp::DiagnosticTag::DEPRECATED, unknown::<lsp::DiagnosticTag>());
    same!(lsp::SymbolTag::DEPRECATED, unknown::<lsp::SymbolTag>());
    same!(lsp::CompletionItemTag::DEPRECATED, unknown::<lsp::CompletionItemTag>());
    same!(lsp::InsertTextFormat::PLAIN_TEXT, lsp::InsertTextFormat::SNIPPET, unknown::<lsp::InsertTextFormat>());
    same!(lsp::InsertTextMode::AS_IS, lsp::InsertTextMode::ADJUST_INDENTATION, unknown::<lsp::InsertTextMode>());
    same!(
        lsp::DocumentHighlightKind::TEXT,
        lsp::DocumentHighlightKind::READ,
        lsp::DocumentHighlightKind::WRITE,
        unknown::<lsp::DocumentHighlightKind>(),
    );
    same!(lsp::InlayHintKind::TYPE, lsp::InlayHintKind::PARAMETER, unknown::<lsp::InlayHintKind>());
    same!(
        lsp::MessageType::ERROR,
        lsp::MessageType::WARNING,
        lsp::MessageType::INFO,
        lsp::MessageType::LOG,
        unknown::<lsp::MessageType>(),
    );
    // Every number from 0 to 30: the named ones and the others.
    for n in 0..=30 {
        same::<lsp::SymbolKind>(&serde_json::from_value(json!(n)).unwrap());
        same::<lsp::CompletionItemKind>(&serde_json::from_value(json!(n)).unwrap());
    }
    same::<lsp::SymbolKind>(&serde_json::from_value(json!(i32::MIN)).unwrap());
    same!(lsp::SymbolKind::TYPE_PARAMETER, lsp::CompletionItemKind::TYPE_PARAMETER);
    same!(lsp::CodeActionKind::QUICKFIX, lsp::CodeActionKind::from(s(TRICKY)));
    same!(lsp::SemanticTokenType::KEYWORD, lsp::SemanticTokenModifier::DEPRECATED);
    same!(lsp::FoldingRangeKind::Comment, lsp::FoldingRangeKind::Imports, lsp::FoldingRangeKind::Region);
    same!(lsp::FileOperationPatternKind::File, lsp::FileOperationPatternKind::Folder);
    same!(lsp::WatchKind::Create | lsp::WatchKind::Delete, lsp::WatchKind::empty(), lsp::WatchKind::all());
}

fn diagnostic() -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: range(1, 2),
        severity: Some(lsp::DiagnosticSeverity::WARNING),
        code: Some(lsp::NumberOrString::String(s("E1"))),
        code_description: Some(lsp::CodeDescription { href: uri("docs.md") }),
        source: Some(s("rolekit")),
        message: s(TRICKY),
        related_information: Some(vec![lsp::DiagnosticRelatedInformation { location: loc("r.md"), message: s("m") }]),
        tags: Some(vec![lsp::DiagnosticTag::UNNECESSARY, lsp::DiagnosticTag::DEPRECATED]),
        data: Some(json!({"fix": [1, 2]})),
    }
}

fn minimal_diagnostic() -> lsp::Diagnostic {
    lsp::Diagnostic { range: range(0, 0), message: s(""), ..Default::default() }
}

fn full(items: Vec<lsp::Diagnostic>, result_id: Option<String>) -> lsp::FullDocumentDiagnosticReport {
    lsp::FullDocumentDiagnosticReport { result_id, items }
}

fn unchanged() -> lsp::UnchangedDocumentDiagnosticReport {
    lsp::UnchangedDocumentDiagnosticReport { result_id: s(TRICKY) }
}

fn related() -> HashMap<lsp::Uri, lsp::DocumentDiagnosticReportKind> {
    let mut map = HashMap::new();
    map.insert(uri("a.md"), lsp::DocumentDiagnosticReportKind::Full(full(vec![diagnostic()], Some(s("1")))));
    map.insert(uri("b.md"), lsp::DocumentDiagnosticReportKind::Unchanged(unchanged()));
    map
}

#[test]
fn diagnostics() {
    same!(diagnostic(), minimal_diagnostic(), lsp::CodeDescription { href: uri("h.md") });
    same!(lsp::DiagnosticRelatedInformation { location: loc("a.md"), message: s(TRICKY) });
    same!(
        lsp::Diagnostic { code: Some(lsp::NumberOrString::Number(3)), ..minimal_diagnostic() },
        lsp::PublishDiagnosticsParams { uri: uri("a.md"), diagnostics: vec![diagnostic()], version: Some(7) },
        lsp::PublishDiagnosticsParams { uri: uri("a.md"), diagnostics: vec![], version: None },
    );
    same!(full(vec![diagnostic(), minimal_diagnostic()], Some(s("r"))), full(vec![], None), unchanged());
    same!(
        lsp::DocumentDiagnosticReportKind::Full(full(vec![], None)),
        lsp::DocumentDiagnosticReportKind::Unchanged(unchanged()),
        related(),
    );
    let related_full = lsp::RelatedFullDocumentDiagnosticReport {
        related_documents: Some(related()),
        full_document_diagnostic_report: full(vec![diagnostic()], Some(s("r"))),
    };
    let related_unchanged = lsp::RelatedUnchangedDocumentDiagnosticReport {
        related_documents: Some(related()),
        unchanged_document_diagnostic_report: unchanged(),
    };
    let minimal_full = lsp::RelatedFullDocumentDiagnosticReport::default();
    let minimal_unchanged = lsp::RelatedUnchangedDocumentDiagnosticReport {
        related_documents: None,
        unchanged_document_diagnostic_report: unchanged(),
    };
    same!(related_full, related_unchanged, minimal_full, minimal_unchanged);
    let partial = lsp::DocumentDiagnosticReportPartialResult { related_documents: Some(related()) };
    same!(partial, lsp::DocumentDiagnosticReportPartialResult::default());
    for report in [
        lsp::DocumentDiagnosticReport::Full(related_full.clone()),
        lsp::DocumentDiagnosticReport::Full(minimal_full.clone()),
        lsp::DocumentDiagnosticReport::Unchanged(related_unchanged.clone()),
        lsp::DocumentDiagnosticReport::Unchanged(minimal_unchanged.clone()),
    ] {
        same!(report.clone(), lsp::DocumentDiagnosticReportResult::Report(report));
    }
    same!(lsp::DocumentDiagnosticReportResult::Partial(lsp::DocumentDiagnosticReportPartialResult {
        related_documents: Some(related())
    }));
}

#[test]
fn workspace_diagnostics() {
    let full_report = lsp::WorkspaceFullDocumentDiagnosticReport {
        uri: uri("a.md"),
        version: Some(3),
        full_document_diagnostic_report: full(vec![diagnostic()], Some(s("r"))),
    };
    let minimal_full = lsp::WorkspaceFullDocumentDiagnosticReport {
        uri: uri("a.md"),
        version: None,
        full_document_diagnostic_report: full(vec![], None),
    };
    let unchanged_report = lsp::WorkspaceUnchangedDocumentDiagnosticReport {
        uri: uri("b.md"),
        version: Some(-1),
        unchanged_document_diagnostic_report: unchanged(),
    };
    let minimal_unchanged =
        lsp::WorkspaceUnchangedDocumentDiagnosticReport { version: None, ..unchanged_report.clone() };
    same!(full_report, minimal_full, unchanged_report, minimal_unchanged);
    let items = vec![
        lsp::WorkspaceDocumentDiagnosticReport::Full(full_report),
        lsp::WorkspaceDocumentDiagnosticReport::Full(minimal_full),
        lsp::WorkspaceDocumentDiagnosticReport::Unchanged(unchanged_report),
        lsp::WorkspaceDocumentDiagnosticReport::Unchanged(minimal_unchanged),
    ];
    same!(items, lsp::WorkspaceDiagnosticReport::default(), lsp::WorkspaceDiagnosticReportPartialResult::default());
    same!(
        lsp::WorkspaceDiagnosticReportResult::Report(lsp::WorkspaceDiagnosticReport { items: items.clone() }),
        lsp::WorkspaceDiagnosticReportResult::Partial(lsp::WorkspaceDiagnosticReportPartialResult { items }),
    );
}

fn workspace_edit() -> lsp::WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri("a.md"), vec![edit(TRICKY)]);
    changes.insert(uri("b.md"), vec![edit("b"), edit("c")]);
    let mut annotations = HashMap::new();
    annotations.insert(
        s("x"),
        lsp::ChangeAnnotation { label: s(TRICKY), needs_confirmation: Some(true), description: Some(s("d")) },
    );
    annotations.insert(s("y"), lsp::ChangeAnnotation { label: s("l"), needs_confirmation: None, description: None });
    lsp::WorkspaceEdit {
        changes: Some(changes),
        document_changes: Some(lsp::DocumentChanges::Operations(operations())),
        change_annotations: Some(annotations),
    }
}

fn document_edit() -> lsp::TextDocumentEdit {
    lsp::TextDocumentEdit {
        text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri: uri("a.md"), version: Some(4) },
        edits: vec![
            lsp::OneOf::Left(edit("x")),
            lsp::OneOf::Right(lsp::AnnotatedTextEdit { text_edit: edit("y"), annotation_id: s("x") }),
        ],
    }
}

fn operations() -> Vec<lsp::DocumentChangeOperation> {
    let create = lsp::CreateFile {
        uri: uri("new.md"),
        options: Some(lsp::CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
        annotation_id: Some(s("x")),
    };
    let rename = lsp::RenameFile {
        old_uri: uri("old.md"),
        new_uri: uri("new.md"),
        options: Some(lsp::RenameFileOptions { overwrite: Some(true), ignore_if_exists: Some(false) }),
        annotation_id: Some(s("y")),
    };
    let delete = lsp::DeleteFile {
        uri: uri("gone.md"),
        options: Some(lsp::DeleteFileOptions { recursive: Some(true), ignore_if_not_exists: Some(true) }),
        annotation_id: Some(s(TRICKY)),
    };
    vec![
        lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(create)),
        lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(rename)),
        lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Delete(delete)),
        lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
            uri: uri("n.md"),
            options: None,
            annotation_id: None,
        })),
        lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(lsp::RenameFile {
            old_uri: uri("o.md"),
            new_uri: uri("n.md"),
            options: None,
            annotation_id: None,
        })),
        lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Delete(lsp::DeleteFile {
            uri: uri("g.md"),
            options: None,
            annotation_id: None,
        })),
        lsp::DocumentChangeOperation::Edit(document_edit()),
    ]
}

#[test]
fn edits() {
    same!(workspace_edit(), lsp::WorkspaceEdit::default(), document_edit());
    same!(lsp::WorkspaceEdit {
        document_changes: Some(lsp::DocumentChanges::Edits(vec![document_edit()])),
        ..Default::default()
    });
    same!(
        lsp::OptionalVersionedTextDocumentIdentifier { uri: uri("a.md"), version: None },
        lsp::TextDocumentEdit {
            text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri: uri("a.md"), version: None },
            edits: vec![],
        },
    );
    for op in operations() {
        same!(op.clone());
        match op {
            lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(op)) => same!(op),
            lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(op)) => same!(op),
            lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Delete(op)) => same!(op),
            lsp::DocumentChangeOperation::Edit(edit) => same!(edit),
        }
    }
    same!(
        lsp::CreateFileOptions { overwrite: None, ignore_if_exists: None },
        lsp::RenameFileOptions { overwrite: None, ignore_if_exists: None },
        lsp::DeleteFileOptions { recursive: None, ignore_if_not_exists: None },
        lsp::ChangeAnnotation { label: s(""), needs_confirmation: None, description: None },
    );
}

fn completion_item() -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: s(TRICKY),
        label_details: Some(lsp::CompletionItemLabelDetails { detail: Some(s("d")), description: Some(s("e")) }),
        kind: Some(lsp::CompletionItemKind::PROPERTY),
        detail: Some(s("detail")),
        documentation: Some(lsp::Documentation::MarkupContent(markup(lsp::MarkupKind::Markdown))),
        deprecated: Some(false),
        preselect: Some(true),
        sort_text: Some(s("a")),
        filter_text: Some(s("b")),
        insert_text: Some(s("c")),
        insert_text_format: Some(lsp::InsertTextFormat::SNIPPET),
        insert_text_mode: Some(lsp::InsertTextMode::AS_IS),
        text_edit: Some(lsp::CompletionTextEdit::InsertAndReplace(lsp::InsertReplaceEdit {
            new_text: s(TRICKY),
            insert: range(1, 1),
            replace: range(1, 2),
        })),
        additional_text_edits: Some(vec![edit("x")]),
        command: Some(command()),
        commit_characters: Some(vec![s(":"), s(" ")]),
        data: Some(json!({"id": 1})),
        tags: Some(vec![lsp::CompletionItemTag::DEPRECATED]),
    }
}

#[test]
fn completion() {
    let minimal = lsp::CompletionItem { label: s("x"), ..Default::default() };
    let with_edit = lsp::CompletionItem {
        documentation: Some(lsp::Documentation::String(s(TRICKY))),
        text_edit: Some(lsp::CompletionTextEdit::Edit(edit("e"))),
        ..minimal.clone()
    };
    same!(completion_item(), minimal.clone(), with_edit.clone(), lsp::CompletionItemLabelDetails::default());
    same!(lsp::InsertReplaceEdit::default(), lsp::CompletionTextEdit::Edit(edit("e")));
    same!(lsp::Documentation::String(s("s")), lsp::Documentation::MarkupContent(markup(lsp::MarkupKind::PlainText)));
    let list = lsp::CompletionList { is_incomplete: true, items: vec![completion_item(), with_edit] };
    same!(list.clone(), lsp::CompletionList::default());
    same!(
        lsp::CompletionResponse::Array(vec![completion_item(), minimal]),
        lsp::CompletionResponse::Array(vec![]),
        lsp::CompletionResponse::List(list),
    );
}

#[test]
fn hover() {
    let language = lsp::LanguageString { language: s("md"), value: s(TRICKY) };
    same!(language.clone(), lsp::MarkedString::String(s(TRICKY)), lsp::MarkedString::LanguageString(language.clone()));
    same!(
        lsp::HoverContents::Scalar(lsp::MarkedString::String(s("x"))),
        lsp::HoverContents::Array(vec![lsp::MarkedString::String(s("x")), lsp::MarkedString::LanguageString(language)]),
        lsp::HoverContents::Markup(markup(lsp::MarkupKind::Markdown)),
    );
    same!(
        lsp::Hover {
            contents: lsp::HoverContents::Markup(markup(lsp::MarkupKind::Markdown)),
            range: Some(range(1, 2))
        },
        lsp::Hover { contents: lsp::HoverContents::Array(vec![]), range: None },
    );
}

#[test]
fn code_actions_and_lenses() {
    let action = lsp::CodeAction {
        title: s(TRICKY),
        kind: Some(lsp::CodeActionKind::REFACTOR_REWRITE),
        diagnostics: Some(vec![diagnostic()]),
        edit: Some(workspace_edit()),
        command: Some(command()),
        is_preferred: Some(true),
        disabled: Some(lsp::CodeActionDisabled { reason: s(TRICKY) }),
        data: Some(json!([1])),
    };
    let minimal = lsp::CodeAction { title: s("t"), ..Default::default() };
    same!(action.clone(), minimal.clone(), lsp::CodeActionDisabled::default());
    let response: lsp::CodeActionResponse = vec![
        lsp::CodeActionOrCommand::Command(command()),
        lsp::CodeActionOrCommand::CodeAction(action),
        lsp::CodeActionOrCommand::CodeAction(minimal),
    ];
    same!(response);
    same!(
        lsp::CodeLens { range: range(1, 2), command: Some(command()), data: Some(json!("d")) },
        lsp::CodeLens { range: range(1, 2), command: None, data: None },
    );
}

#[test]
fn inlay_hints() {
    let part = lsp::InlayHintLabelPart {
        value: s(TRICKY),
        tooltip: Some(lsp::InlayHintLabelPartTooltip::MarkupContent(markup(lsp::MarkupKind::Markdown))),
        location: Some(loc("a.md")),
        command: Some(command()),
    };
    let plain_part = lsp::InlayHintLabelPart {
        tooltip: Some(lsp::InlayHintLabelPartTooltip::String(s("t"))),
        ..lsp::InlayHintLabelPart::default()
    };
    same!(part.clone(), plain_part.clone(), lsp::InlayHintLabelPart::default());
    same!(
        lsp::InlayHintLabelPartTooltip::String(s(TRICKY)),
        lsp::InlayHintLabelPartTooltip::MarkupContent(markup(lsp::MarkupKind::PlainText)),
        lsp::InlayHintTooltip::String(s(TRICKY)),
        lsp::InlayHintTooltip::MarkupContent(markup(lsp::MarkupKind::PlainText)),
        lsp::InlayHintLabel::String(s(TRICKY)),
        lsp::InlayHintLabel::LabelParts(vec![part.clone(), plain_part]),
    );
    let hint = lsp::InlayHint {
        position: pos(1, 2),
        label: lsp::InlayHintLabel::LabelParts(vec![part]),
        kind: Some(lsp::InlayHintKind::TYPE),
        text_edits: Some(vec![edit("x")]),
        tooltip: Some(lsp::InlayHintTooltip::MarkupContent(markup(lsp::MarkupKind::Markdown))),
        padding_left: Some(true),
        padding_right: Some(false),
        data: Some(json!(null)),
    };
    let minimal = lsp::InlayHint {
        position: pos(0, 0),
        label: lsp::InlayHintLabel::String(s("")),
        kind: None,
        text_edits: None,
        tooltip: None,
        padding_left: None,
        padding_right: None,
        data: None,
    };
    let other = lsp::InlayHint {
        kind: Some(lsp::InlayHintKind::PARAMETER),
        tooltip: Some(lsp::InlayHintTooltip::String(s("t"))),
        ..minimal.clone()
    };
    same!(hint, minimal, other);
}

#[allow(deprecated)]
fn document_symbol(children: Option<Vec<lsp::DocumentSymbol>>) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: s(TRICKY),
        detail: Some(s("d")),
        kind: lsp::SymbolKind::FIELD,
        tags: Some(vec![lsp::SymbolTag::DEPRECATED]),
        deprecated: Some(true),
        range: range(1, 5),
        selection_range: range(1, 1),
        children,
    }
}

#[allow(deprecated)]
fn symbol_information(full: bool) -> lsp::SymbolInformation {
    lsp::SymbolInformation {
        name: s(TRICKY),
        kind: lsp::SymbolKind::KEY,
        tags: full.then(|| vec![lsp::SymbolTag::DEPRECATED]),
        deprecated: full.then_some(false),
        location: loc("a.md"),
        container_name: full.then(|| s("c")),
    }
}

#[test]
#[allow(deprecated)]
fn symbols() {
    let minimal = lsp::DocumentSymbol {
        name: s("x"),
        detail: None,
        kind: lsp::SymbolKind::FILE,
        tags: None,
        deprecated: None,
        range: range(0, 0),
        selection_range: range(0, 0),
        children: None,
    };
    let nested = document_symbol(Some(vec![document_symbol(Some(vec![minimal.clone()])), minimal.clone()]));
    same!(nested.clone(), minimal, symbol_information(true), symbol_information(false));
    same!(
        lsp::DocumentSymbolResponse::Nested(vec![nested]),
        lsp::DocumentSymbolResponse::Flat(vec![symbol_information(true), symbol_information(false)]),
        lsp::DocumentSymbolResponse::Nested(vec![]),
    );
    let symbol = lsp::WorkspaceSymbol {
        name: s(TRICKY),
        kind: lsp::SymbolKind::STRING,
        tags: Some(vec![lsp::SymbolTag::DEPRECATED]),
        container_name: Some(s("c")),
        location: lsp::OneOf::Left(loc("a.md")),
        data: Some(json!({"k": 1})),
    };
    let minimal_symbol = lsp::WorkspaceSymbol {
        name: s("m"),
        kind: lsp::SymbolKind::FILE,
        tags: None,
        container_name: None,
        location: lsp::OneOf::Right(lsp::WorkspaceLocation { uri: uri("w.md") }),
        data: None,
    };
    same!(symbol.clone(), minimal_symbol.clone(), lsp::WorkspaceLocation { uri: uri("x.md") });
    same!(
        lsp::WorkspaceSymbolResponse::Nested(vec![symbol, minimal_symbol]),
        lsp::WorkspaceSymbolResponse::Flat(vec![symbol_information(true)]),
        lsp::WorkspaceSymbolResponse::Nested(vec![]),
    );
}

#[test]
fn semantic_tokens() {
    let token = |n: u32| lsp::SemanticToken {
        delta_line: n,
        delta_start: n + 1,
        length: n + 2,
        token_type: n + 3,
        token_modifiers_bitset: u32::MAX,
    };
    let tokens = lsp::SemanticTokens { result_id: Some(s("r")), data: vec![token(0), token(7)] };
    let partial = lsp::SemanticTokensPartialResult { data: vec![token(1)] };
    same!(tokens.clone(), lsp::SemanticTokens::default(), partial.clone(), lsp::SemanticTokensPartialResult::default());
    same!(
        lsp::SemanticTokensResult::Tokens(tokens.clone()),
        lsp::SemanticTokensResult::Partial(partial.clone()),
        lsp::SemanticTokensRangeResult::Tokens(tokens),
        lsp::SemanticTokensRangeResult::Partial(partial),
    );
    same!(
        lsp::SemanticTokensLegend {
            token_types: vec![lsp::SemanticTokenType::PROPERTY, lsp::SemanticTokenType::new("x\"y")],
            token_modifiers: vec![lsp::SemanticTokenModifier::DECLARATION],
        },
        lsp::SemanticTokensLegend::default(),
    );
}

#[test]
fn folding_selection_highlights_links() {
    same!(
        lsp::FoldingRange {
            start_line: 1,
            start_character: Some(2),
            end_line: 3,
            end_character: Some(4),
            kind: Some(lsp::FoldingRangeKind::Region),
            collapsed_text: Some(s(TRICKY)),
        },
        lsp::FoldingRange::default(),
    );
    let leaf = lsp::SelectionRange { range: range(0, 9), parent: None };
    let inner = lsp::SelectionRange { range: range(1, 2), parent: Some(Box::new(leaf.clone())) };
    same!(leaf, lsp::SelectionRange { range: range(1, 1), parent: Some(Box::new(inner)) });
    same!(
        lsp::DocumentHighlight { range: range(1, 2), kind: Some(lsp::DocumentHighlightKind::WRITE) },
        lsp::DocumentHighlight { range: range(1, 2), kind: None },
    );
    same!(
        lsp::DocumentLink {
            range: range(1, 2),
            target: Some(uri("t.md")),
            tooltip: Some(s(TRICKY)),
            data: Some(json!({"d": true})),
        },
        lsp::DocumentLink { range: range(1, 2), target: None, tooltip: None, data: None },
    );
}

#[test]
fn rename_definition_type_hierarchy() {
    same!(
        lsp::PrepareRenameResponse::Range(range(1, 2)),
        lsp::PrepareRenameResponse::RangeWithPlaceholder { range: range(1, 2), placeholder: s(TRICKY) },
        lsp::PrepareRenameResponse::DefaultBehavior { default_behavior: true },
    );
    let link = lsp::LocationLink {
        origin_selection_range: Some(range(0, 1)),
        target_uri: uri("t.md"),
        target_range: range(2, 3),
        target_selection_range: range(2, 2),
    };
    same!(
        lsp::GotoDefinitionResponse::Scalar(loc("a.md")),
        lsp::GotoDefinitionResponse::Array(vec![loc("a.md"), loc("b.md")]),
        lsp::GotoDefinitionResponse::Link(vec![link]),
        lsp::GotoDefinitionResponse::Array(vec![]),
    );
    let item = lsp::TypeHierarchyItem {
        name: s(TRICKY),
        kind: lsp::SymbolKind::CLASS,
        tags: Some(lsp::SymbolTag::DEPRECATED),
        detail: Some(s("d")),
        uri: uri("a.md"),
        range: range(1, 9),
        selection_range: range(1, 1),
        data: Some(json!({"uri": "x"})),
    };
    let minimal = lsp::TypeHierarchyItem { tags: None, detail: None, data: None, ..item.clone() };
    same!(item.clone(), minimal.clone(), vec![item, minimal], None::<Vec<lsp::TypeHierarchyItem>>);
}

#[test]
fn window() {
    for typ in [lsp::MessageType::ERROR, lsp::MessageType::WARNING, lsp::MessageType::INFO, lsp::MessageType::LOG] {
        same!(lsp::LogMessageParams { typ, message: s(TRICKY) }, lsp::ShowMessageParams { typ, message: s("") },);
    }
    let token = lsp::NumberOrString::String(s("rolekit/indexing"));
    same!(
        lsp::WorkDoneProgressCreateParams { token: token.clone() },
        lsp::WorkDoneProgressCreateParams { token: lsp::NumberOrString::Number(4) },
    );
    let begin = lsp::WorkDoneProgressBegin {
        title: s(TRICKY),
        cancellable: Some(false),
        message: Some(s("m")),
        percentage: Some(50),
    };
    let report = lsp::WorkDoneProgressReport { cancellable: Some(true), message: Some(s(TRICKY)), percentage: Some(1) };
    let end = lsp::WorkDoneProgressEnd { message: Some(s(TRICKY)) };
    same!(begin.clone(), lsp::WorkDoneProgressBegin::default(), report.clone(), lsp::WorkDoneProgressReport::default());
    same!(end.clone(), lsp::WorkDoneProgressEnd::default());
    for value in [
        lsp::WorkDoneProgress::Begin(begin),
        lsp::WorkDoneProgress::Begin(lsp::WorkDoneProgressBegin::default()),
        lsp::WorkDoneProgress::Report(report),
        lsp::WorkDoneProgress::Report(lsp::WorkDoneProgressReport::default()),
        lsp::WorkDoneProgress::End(end),
        lsp::WorkDoneProgress::End(lsp::WorkDoneProgressEnd::default()),
    ] {
        let value = lsp::ProgressParamsValue::WorkDone(value);
        same!(value.clone(), lsp::ProgressParams { token: token.clone(), value });
    }
}

#[test]
fn workspace() {
    let registration = lsp::Registration {
        id: s(TRICKY),
        method: s("workspace/didChangeWatchedFiles"),
        register_options: Some(json!({"watchers": []})),
    };
    let minimal = lsp::Registration { id: s("i"), method: s("m"), register_options: None };
    same!(registration.clone(), minimal.clone(), lsp::Unregistration { id: s("i"), method: s(TRICKY) });
    same!(
        lsp::RegistrationParams { registrations: vec![registration, minimal] },
        lsp::RegistrationParams { registrations: vec![] },
    );
    let folder = lsp::WorkspaceFolder { uri: uri("root"), name: s(TRICKY) };
    let relative = lsp::RelativePattern { base_uri: lsp::OneOf::Left(folder.clone()), pattern: s("**/*.md") };
    let relative_uri = lsp::RelativePattern { base_uri: lsp::OneOf::Right(uri("root")), pattern: s(TRICKY) };
    same!(folder, relative.clone(), relative_uri.clone());
    let watchers = vec![
        lsp::FileSystemWatcher { glob_pattern: lsp::GlobPattern::String(s("**/*.md")), kind: None },
        lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::Relative(relative),
            kind: Some(lsp::WatchKind::Create | lsp::WatchKind::Change),
        },
        lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::Relative(relative_uri),
            kind: Some(lsp::WatchKind::all()),
        },
    ];
    same!(watchers.clone(), lsp::GlobPattern::String(s(TRICKY)));
    same!(
        lsp::DidChangeWatchedFilesRegistrationOptions { watchers },
        lsp::DidChangeWatchedFilesRegistrationOptions { watchers: vec![] },
    );
    let filter = lsp::FileOperationFilter {
        scheme: Some(s("file")),
        pattern: lsp::FileOperationPattern {
            glob: s("**/*.md"),
            matches: Some(lsp::FileOperationPatternKind::Folder),
            options: Some(lsp::FileOperationPatternOptions { ignore_case: Some(true) }),
        },
    };
    same!(
        filter.clone(),
        lsp::FileOperationFilter::default(),
        lsp::FileOperationPattern::default(),
        lsp::FileOperationPatternOptions::default(),
    );
    same!(
        lsp::FileOperationRegistrationOptions { filters: vec![filter, lsp::FileOperationFilter::default()] },
        lsp::FileOperationRegistrationOptions::default(),
    );
    let item = lsp::ConfigurationItem { scope_uri: Some(uri("a.md")), section: Some(s("rolekit")) };
    let minimal_item = lsp::ConfigurationItem { scope_uri: None, section: None };
    same!(item.clone(), minimal_item.clone(), lsp::ConfigurationParams { items: vec![item, minimal_item] });
    same!(lsp::ConfigurationParams { items: vec![] });
}
