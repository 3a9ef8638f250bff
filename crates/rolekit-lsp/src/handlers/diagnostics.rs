//! Diagnostics, pushed (`textDocument/publishDiagnostics`, after each check
//! a job stores) or pulled (`textDocument/diagnostic`, answered once the
//! current revision is checked). Never both in one session.
//!
//! A push is written straight from the core's diagnostics, one at a
//! time: no `Vec<lsp::Diagnostic>` is built or copied, whatever their number.
//! At most [`MAX_SHOWN`] are sent, the most severe first
//! (`rolekit_core::diagnostic::most_severe`), with one information line at
//! the top of the file saying how many more `rolekit check` lists.

use std::sync::Arc;

use ls_types as lsp;
use rolekit_core::{Document, TextRange};

use crate::convert::{self, Cursor, Lines};
use crate::session::Session;
use crate::to_json::{field, opt, ToJson, Writer};
use crate::workspace::document::{Checked, Elsewhere};
use crate::workspace::Snapshot;

/// The most diagnostics sent for one document.
pub const MAX_SHOWN: usize = 10_000;

/// The diagnostics of `checked` an editor is sent, and the note on the rest.
fn shown(checked: &Checked) -> (Vec<&rolekit_core::Diagnostic>, Option<lsp::Diagnostic>) {
    let (kept, hidden) = rolekit_core::diagnostic::most_severe(&checked.diagnostics, MAX_SHOWN);
    let note = (hidden > 0).then(|| lsp::Diagnostic {
        severity: Some(lsp::DiagnosticSeverity::INFORMATION),
        source: Some("rolekit".into()),
        message: format!(
            "{hidden} more problems are not shown: the editor gets the {MAX_SHOWN} most severe of {}; `rolekit check` lists them all",
            checked.diagnostics.len()
        ),
        ..lsp::Diagnostic::default()
    });
    (kept, note)
}

/// Converts the diagnostics of `checked` (of `doc`, at `uri`) one by one.
pub struct Converter<'a> {
    cursor: Cursor<'a>,
    uri: lsp::Uri,
    parents: &'a [(String, Arc<Document>)],
    elsewhere: &'a Elsewhere,
    session: &'a Session,
}

impl<'a> Converter<'a> {
    pub fn new(uri: lsp::Uri, doc: &'a Document, checked: &'a Checked, session: &'a Session) -> Self {
        Converter {
            cursor: Lines::of(doc, session.encoding).cursor(),
            uri,
            parents: &checked.parents,
            elsewhere: &checked.elsewhere,
            session,
        }
    }

    pub fn convert(&self, d: &rolekit_core::Diagnostic) -> lsp::Diagnostic {
        let encoding = self.session.encoding;
        let other = |location: &str, range: TextRange| -> Option<lsp::Location> {
            let range = match self.parents.iter().find(|(l, _)| l == location) {
                Some((_, parent)) => Lines::of(parent, encoding).range(range),
                None => *self.elsewhere.get(&(location.to_string(), range))?,
            };
            Some(lsp::Location { uri: location.parse().ok()?, range })
        };
        convert::diagnostic(d, &self.cursor, &self.uri, &other, self.session.caps.related_information)
    }
}

/// `textDocument/diagnostic`: the check of the current revision.
pub fn pull(snap: &Snapshot) -> Vec<lsp::Diagnostic> {
    let (Some(checked), Ok(uri)) = (&snap.checked, snap.uri.parse::<lsp::Uri>()) else {
        return Vec::new();
    };
    items(uri, &snap.doc, checked, &snap.session)
}

/// The diagnostics of `checked` (of `doc`, at `uri`) an editor is sent, converted.
pub fn items(uri: lsp::Uri, doc: &Document, checked: &Checked, session: &Session) -> Vec<lsp::Diagnostic> {
    let converter = Converter::new(uri, doc, checked, session);
    let (kept, note) = shown(checked);
    note.into_iter().chain(kept.into_iter().map(|d| converter.convert(d))).collect()
}

/// The JSON body of a `textDocument/publishDiagnostics` notification for
/// `checked`; `None` when the URI is not one.
pub fn publish_body(uri: &str, version: i32, doc: &Document, checked: &Checked, session: &Session) -> Option<Vec<u8>> {
    let uri: lsp::Uri = uri.parse().ok()?;
    let converter = Converter::new(uri.clone(), doc, checked, session);
    Some(body(&uri, &Streamed { converter: &converter, checked }, Some(version)))
}

/// The body clearing a document's diagnostics (it was closed).
pub fn clear_body(uri: &str) -> Option<Vec<u8>> {
    let uri: lsp::Uri = uri.parse().ok()?;
    Some(body(&uri, &Vec::<lsp::Diagnostic>::new(), None))
}

/// The notification's body, its diagnostics written as they come.
fn body(uri: &lsp::Uri, diagnostics: &dyn ToJson, version: Option<i32>) -> Vec<u8> {
    crate::rpc::client::message(None, "textDocument/publishDiagnostics", &Params { uri, diagnostics, version })
}

/// `PublishDiagnosticsParams` with any list of diagnostics (`version` left
/// out when there is none).
struct Params<'a> {
    uri: &'a lsp::Uri,
    diagnostics: &'a dyn ToJson,
    version: Option<i32>,
}

impl ToJson for Params<'_> {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "uri", self.uri);
        field(w, "diagnostics", self.diagnostics);
        opt(w, "version", &self.version);
        w.end_object();
    }
}

/// The diagnostics, written as they are converted.
struct Streamed<'a> {
    converter: &'a Converter<'a>,
    checked: &'a Checked,
}

impl ToJson for Streamed<'_> {
    fn write(&self, w: &mut Writer) {
        let (kept, note) = shown(self.checked);
        w.begin_array();
        if let Some(note) = &note {
            note.write(w);
        }
        for d in kept {
            self.converter.convert(d).write(w);
        }
        w.end_array();
    }
}

#[cfg(test)]
mod tests {
    use rolekit_core::policy::{Kind, Scope};
    use rolekit_core::{Diagnostic, RuleId, Severity};

    use super::*;

    #[test]
    fn a_document_with_more_problems_than_shown_gets_the_most_severe_and_a_note() {
        let mut diagnostics: Vec<Diagnostic> =
            (0..MAX_SHOWN + 5).map(|i| Diagnostic::new(RuleId::Mojibake, TextRange::new(i, i + 1), "m")).collect();
        diagnostics[MAX_SHOWN + 2].severity = Severity::Error;
        let checked = Checked {
            revision: 1,
            scope: Scope::In(Kind::Role),
            diagnostics,
            parents: Vec::new(),
            elsewhere: Elsewhere::new(),
        };
        let (kept, note) = shown(&checked);
        assert_eq!(kept.len(), MAX_SHOWN);
        assert!(kept.iter().any(|d| d.severity == Severity::Error), "the error is kept");
        assert!(kept.windows(2).all(|w| w[0].range.start() < w[1].range.start()), "in document order");
        let note = note.map(|n| n.message).unwrap_or_default();
        assert!(note.starts_with("5 more problems are not shown"), "{note}");
        let few = Checked { diagnostics: checked.diagnostics[..3].to_vec(), ..checked };
        assert_eq!(shown(&few).0.len(), 3);
        assert!(shown(&few).1.is_none());
    }
}
