//! Positions, ranges, locations, edits, commands, markup, and the
//! protocol's number- and string-valued enums.

use ls_types as lsp;

use super::{enum_number, field, opt, ToJson, Writer};

impl ToJson for lsp::Uri {
    fn write(&self, w: &mut Writer) {
        w.str(self.as_str());
    }
}

impl ToJson for lsp::Position {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "line", &self.line);
        field(w, "character", &self.character);
        w.end_object();
    }
}

impl ToJson for lsp::Range {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "start", &self.start);
        field(w, "end", &self.end);
        w.end_object();
    }
}

impl ToJson for lsp::Location {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "uri", &self.uri);
        field(w, "range", &self.range);
        w.end_object();
    }
}

impl ToJson for lsp::LocationLink {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "originSelectionRange", &self.origin_selection_range);
        field(w, "targetUri", &self.target_uri);
        field(w, "targetRange", &self.target_range);
        field(w, "targetSelectionRange", &self.target_selection_range);
        w.end_object();
    }
}

/// A `TextEdit`'s members, also written inline (flattened) by `AnnotatedTextEdit`.
fn text_edit_members(w: &mut Writer, edit: &lsp::TextEdit) {
    field(w, "range", &edit.range);
    field(w, "newText", &edit.new_text);
}

impl ToJson for lsp::TextEdit {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        text_edit_members(w, self);
        w.end_object();
    }
}

impl ToJson for lsp::AnnotatedTextEdit {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        text_edit_members(w, &self.text_edit);
        field(w, "annotationId", &self.annotation_id);
        w.end_object();
    }
}

impl ToJson for lsp::Command {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "title", &self.title);
        field(w, "command", &self.command);
        opt(w, "arguments", &self.arguments);
        w.end_object();
    }
}

impl ToJson for lsp::MarkupKind {
    fn write(&self, w: &mut Writer) {
        w.str(match self {
            lsp::MarkupKind::PlainText => "plaintext",
            lsp::MarkupKind::Markdown => "markdown",
        });
    }
}

impl ToJson for lsp::MarkupContent {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "kind", &self.kind);
        field(w, "value", &self.value);
        w.end_object();
    }
}

impl ToJson for lsp::NumberOrString {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::NumberOrString::Number(n) => n.write(w),
            lsp::NumberOrString::String(s) => s.write(w),
        }
    }
}

impl<A: ToJson, B: ToJson> ToJson for lsp::OneOf<A, B> {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::OneOf::Left(a) => a.write(w),
            lsp::OneOf::Right(b) => b.write(w),
        }
    }
}

/// The number-valued enums: each named constant's number, any other value
/// read back from its `Debug` text (see [`enum_number`]).
macro_rules! numbered {
    ($($ty:ident { $($name:ident = $n:literal),* $(,)? })*) => {$(
        impl ToJson for lsp::$ty {
            fn write(&self, w: &mut Writer) {
                let known = match *self {
                    $(lsp::$ty::$name => Some($n),)*
                    _ => None,
                };
                enum_number(w, known, self);
            }
        }
    )*};
}

numbered! {
    DiagnosticSeverity { ERROR = 1, WARNING = 2, INFORMATION = 3, HINT = 4 }
    DiagnosticTag { UNNECESSARY = 1, DEPRECATED = 2 }
    SymbolKind {
        FILE = 1, MODULE = 2, NAMESPACE = 3, PACKAGE = 4, CLASS = 5, METHOD = 6, PROPERTY = 7, FIELD = 8,
        CONSTRUCTOR = 9, ENUM = 10, INTERFACE = 11, FUNCTION = 12, VARIABLE = 13, CONSTANT = 14, STRING = 15,
        NUMBER = 16, BOOLEAN = 17, ARRAY = 18, OBJECT = 19, KEY = 20, NULL = 21, ENUM_MEMBER = 22, STRUCT = 23,
        EVENT = 24, OPERATOR = 25, TYPE_PARAMETER = 26,
    }
    SymbolTag { DEPRECATED = 1 }
    CompletionItemKind {
        TEXT = 1, METHOD = 2, FUNCTION = 3, CONSTRUCTOR = 4, FIELD = 5, VARIABLE = 6, CLASS = 7, INTERFACE = 8,
        MODULE = 9, PROPERTY = 10, UNIT = 11, VALUE = 12, ENUM = 13, KEYWORD = 14, SNIPPET = 15, COLOR = 16,
        FILE = 17, REFERENCE = 18, FOLDER = 19, ENUM_MEMBER = 20, CONSTANT = 21, STRUCT = 22, EVENT = 23,
        OPERATOR = 24, TYPE_PARAMETER = 25,
    }
    CompletionItemTag { DEPRECATED = 1 }
    InsertTextFormat { PLAIN_TEXT = 1, SNIPPET = 2 }
    InsertTextMode { AS_IS = 1, ADJUST_INDENTATION = 2 }
    DocumentHighlightKind { TEXT = 1, READ = 2, WRITE = 3 }
    InlayHintKind { TYPE = 1, PARAMETER = 2 }
    MessageType { ERROR = 1, WARNING = 2, INFO = 3, LOG = 4 }
}

/// The string-valued newtypes (`Cow<'static, str>` inside).
macro_rules! named {
    ($($ty:ident)*) => {$(
        impl ToJson for lsp::$ty {
            fn write(&self, w: &mut Writer) {
                w.str(self.as_str());
            }
        }
    )*};
}

named! { CodeActionKind SemanticTokenType SemanticTokenModifier }
