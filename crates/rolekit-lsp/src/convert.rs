//! Core types (byte ranges) to LSP types (line/character in the negotiated
//! encoding) and back.

use rolekit_core::ide::{self, ActionKind, CompletionKind, FoldKind};
use rolekit_core::rules::RuleId;
use rolekit_core::{Document, LineIndex, Position as CorePosition, PositionEncoding, Severity, TextRange};
use std::cell::Cell;

use ls_types as lsp;

/// Where rule documents live; `#<rule-id>` anchors each rule.
pub const RULES_DOC_URL: &str = "https://github.com/rolekit/rolekit/blob/main/docs/rules.md";

/// A text with its line index, in one encoding.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl<'a> Lines<'a> {
    pub fn of(doc: &'a Document, encoding: PositionEncoding) -> Self {
        Lines { text: doc.text(), index: doc.line_index(), encoding }
    }

    pub fn position(&self, offset: usize) -> lsp::Position {
        let p = self.index.position(self.text, offset, self.encoding);
        lsp::Position { line: p.line, character: p.character }
    }

    /// Positions of increasing offsets, each counted on from the last on its
    /// line: thousands of diagnostics on one long non-ASCII line cost one
    /// pass over it, not one per diagnostic.
    pub fn cursor(self) -> Cursor<'a> {
        Cursor { lines: self, last: Cell::new(None) }
    }

    pub fn range(&self, range: TextRange) -> lsp::Range {
        lsp::Range { start: self.position(range.start()), end: self.position(range.end()) }
    }

    pub fn offset(&self, position: lsp::Position) -> usize {
        self.index.offset(self.text, CorePosition { line: position.line, character: position.character }, self.encoding)
    }

    /// A byte range for an LSP range, ordered even if the client's is not.
    pub fn text_range(&self, range: lsp::Range) -> TextRange {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        TextRange::new(a.min(b), a.max(b))
    }
}

/// See [`Lines::cursor`].
pub struct Cursor<'a> {
    pub lines: Lines<'a>,
    /// The last offset converted and its position.
    last: Cell<Option<(usize, lsp::Position)>>,
}

impl Cursor<'_> {
    pub fn position(&self, offset: usize) -> lsp::Position {
        let lines = self.lines;
        let offset = offset.min(lines.text.len());
        let position = match self.last.get() {
            Some((from, at))
                if from <= offset
                    && lines.encoding != PositionEncoding::Utf8
                    && lines.index.line_of(offset) == at.line as usize
                    && lines.text.is_char_boundary(offset)
                    && lines.text.is_char_boundary(from) =>
            {
                let units: usize = match lines.encoding {
                    PositionEncoding::Utf16 => lines.text[from..offset].chars().map(char::len_utf16).sum(),
                    _ => lines.text[from..offset].chars().count(),
                };
                lsp::Position { line: at.line, character: at.character + units as u32 }
            }
            _ => lines.position(offset),
        };
        self.last.set(Some((offset, position)));
        position
    }

    pub fn range(&self, range: TextRange) -> lsp::Range {
        lsp::Range { start: self.position(range.start()), end: self.position(range.end()) }
    }
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// Converts a core fix's edits.
pub fn edits(edits: &[rolekit_core::Edit], lines: Lines) -> Vec<lsp::TextEdit> {
    edits.iter().map(|e| lsp::TextEdit { range: lines.range(e.range), new_text: e.new_text.clone() }).collect()
}

/// The rule's document URL (parsed once per rule).
pub fn rule_url(rule: RuleId) -> Option<lsp::Uri> {
    static URLS: std::sync::OnceLock<Vec<Option<lsp::Uri>>> = std::sync::OnceLock::new();
    let urls = URLS
        .get_or_init(|| RuleId::ALL.iter().map(|r| format!("{RULES_DOC_URL}#{}", r.as_str()).parse().ok()).collect());
    urls.get(rule as usize).cloned().flatten()
}

/// Converts a core diagnostic; `other` converts a related location in another
/// document (a parent role), given by its location string and byte range.
/// `data` carries nothing: code actions are computed from the stored check.
pub fn diagnostic(
    d: &rolekit_core::Diagnostic,
    lines: &Cursor,
    uri: &lsp::Uri,
    other: &dyn Fn(&str, TextRange) -> Option<lsp::Location>,
    related_info: bool,
) -> lsp::Diagnostic {
    let range = lines.range(d.range);
    let related: Vec<lsp::DiagnosticRelatedInformation> = if related_info {
        d.related
            .iter()
            .filter_map(|r| {
                let location = match &r.location {
                    None => lsp::Location { uri: uri.clone(), range: lines.range(r.range) },
                    Some(loc) => other(loc, r.range)?,
                };
                Some(lsp::DiagnosticRelatedInformation { location, message: r.message.clone() })
            })
            .collect()
    } else {
        Vec::new()
    };
    lsp::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        code_description: rule_url(d.rule).map(|href| lsp::CodeDescription { href }),
        source: Some("rolekit".to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Plain text for a snippet, for clients without snippet support.
pub fn strip_snippet(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && matches!(chars[i + 1], '$' | '}' | '\\') {
            out.push(chars[i + 1]);
            i += 2;
        } else if c == '$' && i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
        } else if c == '$' && i + 1 < chars.len() && chars[i + 1] == '{' {
            // ${1:default} or ${1|a,b|}: keep the default / first choice.
            i += 2;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i < chars.len() && chars[i] == ':' {
                i += 1;
            } else if i < chars.len() && chars[i] == '|' {
                i += 1;
                let mut first = String::new();
                while i < chars.len() && chars[i] != '|' && chars[i] != ',' {
                    first.push(chars[i]);
                    i += 1;
                }
                out.push_str(&first);
                while i < chars.len() && chars[i] != '}' {
                    i += 1;
                }
                i += 1;
                continue;
            }
            // Copy the default, handling nested placeholders by depth.
            let mut depth = 1;
            let mut inner = String::new();
            while i < chars.len() {
                match chars[i] {
                    '\\' if i + 1 < chars.len() => {
                        inner.push('\\');
                        inner.push(chars[i + 1]);
                        i += 2;
                        continue;
                    }
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    _ => {}
                }
                inner.push(chars[i]);
                i += 1;
            }
            out.push_str(&strip_snippet(&inner));
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

pub fn completion(item: &ide::CompletionItem, lines: Lines, snippets: bool) -> lsp::CompletionItem {
    let kind = match item.kind {
        CompletionKind::Key => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::Value => lsp::CompletionItemKind::VALUE,
        CompletionKind::EnumMember => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Section => lsp::CompletionItemKind::MODULE,
        CompletionKind::Snippet => lsp::CompletionItemKind::SNIPPET,
    };
    let (new_text, format) = if item.is_snippet && snippets {
        (item.insert_text.clone(), lsp::InsertTextFormat::SNIPPET)
    } else if item.is_snippet {
        (strip_snippet(&item.insert_text), lsp::InsertTextFormat::PLAIN_TEXT)
    } else {
        (item.insert_text.clone(), lsp::InsertTextFormat::PLAIN_TEXT)
    };
    lsp::CompletionItem {
        label: item.label.clone(),
        kind: Some(kind),
        detail: item.detail.clone(),
        documentation: item.documentation.as_ref().map(|d| {
            lsp::Documentation::MarkupContent(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: d.clone() })
        }),
        preselect: item.preselect.then_some(true),
        sort_text: Some(item.sort_text.clone()),
        insert_text_format: Some(format),
        // Multi-line items already carry their indentation: editors must not add theirs.
        insert_text_mode: new_text.contains('\n').then_some(lsp::InsertTextMode::AS_IS),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit { range: lines.range(item.range), new_text })),
        ..Default::default()
    }
}

pub fn hover(h: &ide::Hover, lines: Lines) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: h.markdown.clone(),
        }),
        range: Some(lines.range(h.range)),
    }
}

pub fn folding(f: &ide::Fold, lines: Lines) -> Option<lsp::FoldingRange> {
    let start = lines.index.line_of(f.range.start());
    // A range ending at the start of a line folds up to the line before.
    let mut end_offset = f.range.end();
    if end_offset > f.range.start() && lines.index.line_start(lines.index.line_of(end_offset)) == end_offset {
        end_offset -= 1;
    }
    let end = lines.index.line_of(end_offset);
    if end <= start {
        return None;
    }
    let kind = match f.kind {
        FoldKind::Comment => Some(lsp::FoldingRangeKind::Comment),
        FoldKind::Frontmatter | FoldKind::Section | FoldKind::List | FoldKind::Code => {
            Some(lsp::FoldingRangeKind::Region)
        }
    };
    Some(lsp::FoldingRange {
        start_line: start as u32,
        start_character: None,
        end_line: end as u32,
        end_character: None,
        kind,
        collapsed_text: None,
    })
}

/// Nested selection ranges from the core's list (innermost first).
pub fn selection(ranges: &[TextRange], at: usize, lines: Lines) -> lsp::SelectionRange {
    let mut sorted: Vec<TextRange> = ranges.to_vec();
    rolekit_core::sort::sort_by_key(&mut sorted, |r| std::cmp::Reverse(r.len()));
    sorted.dedup();
    let mut current: Option<lsp::SelectionRange> = None;
    for r in sorted {
        current = Some(lsp::SelectionRange { range: lines.range(r), parent: current.map(Box::new) });
    }
    current.unwrap_or_else(|| lsp::SelectionRange { range: lines.range(TextRange::empty(at)), parent: None })
}

pub fn action_kind(k: ActionKind) -> lsp::CodeActionKind {
    match k {
        ActionKind::QuickFix => lsp::CodeActionKind::QUICKFIX,
        ActionKind::Refactor => lsp::CodeActionKind::REFACTOR_REWRITE,
        ActionKind::Source => lsp::CodeActionKind::SOURCE,
    }
}

pub fn workspace_edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    let mut changes = std::collections::HashMap::new();
    changes.insert(uri.clone(), edits);
    lsp::WorkspaceEdit { changes: Some(changes), document_changes: None, change_annotations: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_become_plain_text() {
        assert_eq!(strip_snippet("tone: ${1|concise-technical,friendly|}$0"), "tone: concise-technical");
        assert_eq!(strip_snippet("role: ${1:name}\n$0"), "role: name\n");
        assert_eq!(strip_snippet("a ${1:b ${2:c}} \\$x"), "a b c $x");
        assert_eq!(strip_snippet("${1"), "");
    }

    #[test]
    fn utf16_and_utf8_positions() {
        let doc = Document::new("---\nrole: \u{1F3AF}x\n---\n".to_string());
        let x = doc.text().find('x').unwrap();
        let u16 = Lines::of(&doc, PositionEncoding::Utf16);
        let u8 = Lines::of(&doc, PositionEncoding::Utf8);
        assert_eq!(u16.position(x), lsp::Position { line: 1, character: 8 });
        assert_eq!(u8.position(x), lsp::Position { line: 1, character: 10 });
        assert_eq!(u16.offset(lsp::Position { line: 1, character: 8 }), x);
    }
}
