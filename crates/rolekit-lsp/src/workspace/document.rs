//! One open document: its text, its parse and its last check, each tagged
//! with the revision it belongs to, and the requests waiting for them.
//!
//! An edit only replaces the text (the message loop never parses); a job
//! parses and checks it ([`super::check`]) and stores the results if the
//! document is still at that revision. Requests wait for the parse of the
//! current revision, never for another document.

use std::sync::Arc;

use futures::channel::oneshot;
use ls_types as lsp;
use rolekit_core::ide::RoleEntry;
use rolekit_core::policy::Scope;
use rolekit_core::{Document, LineIndex, PositionEncoding};

use crate::convert::Lines;

/// The text of one revision: raw until a job has parsed it.
#[derive(Clone)]
pub enum Content {
    Text(Arc<String>),
    Parsed(Arc<Document>),
}

impl Content {
    pub fn text(&self) -> &str {
        match self {
            Content::Text(t) => t,
            Content::Parsed(d) => d.text(),
        }
    }
}

/// What a check of one revision found.
pub struct Checked {
    pub revision: u64,
    /// What the policy made of it (checked only when in scope).
    pub scope: Scope,
    pub diagnostics: Vec<rolekit_core::Diagnostic>,
    /// The parents the check read, by location (for related information).
    pub parents: Vec<(String, Arc<Document>)>,
    /// Places in files the check did not parse (a registry's files, from the
    /// index), already in LSP positions, by location and byte range.
    pub elsewhere: Elsewhere,
}

impl Checked {
    pub fn out_of_scope(revision: u64, scope: Scope) -> Self {
        Checked { revision, scope, diagnostics: Vec::new(), parents: Vec::new(), elsewhere: Elsewhere::new() }
    }
}

/// Ranges in other files, in LSP positions (see [`Checked::elsewhere`]).
pub type Elsewhere = std::collections::HashMap<(String, rolekit_core::TextRange), lsp::Range>;

/// The stages a request may wait for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Parsed,
    Checked,
}

pub struct OpenDocument {
    pub version: i32,
    /// Unique across the session: a reopened document never matches a job
    /// started for its previous life.
    pub revision: u64,
    pub content: Content,
    /// What the policy made of the parsed text (`None` until parsed).
    pub scope: Option<Scope>,
    /// The role file entry of the parsed text (its name, parent, ranges).
    pub entry: Option<Arc<RoleEntry>>,
    /// The last check: of this revision, or of an earlier one while a job runs.
    pub checked: Option<Arc<Checked>>,
    /// A check of the current text is wanted (an edit, a parent changed).
    pub stale: bool,
    /// A job for this document is queued or running (at most one is).
    pub job: bool,
    /// The pending check was asked for by another document or the configuration.
    pub external: bool,
    /// The revision whose job failed (panicked): requests stop waiting for it.
    pub failed: Option<u64>,
    waiters: Vec<(Stage, oneshot::Sender<()>)>,
}

impl OpenDocument {
    pub fn new(version: i32, revision: u64, text: String) -> Self {
        OpenDocument {
            version,
            revision,
            content: Content::Text(Arc::new(text)),
            scope: None,
            entry: None,
            checked: None,
            stale: true,
            job: false,
            external: false,
            failed: None,
            waiters: Vec::new(),
        }
    }

    /// The parse of the current revision, if done.
    pub fn parsed(&self) -> Option<&Arc<Document>> {
        match &self.content {
            Content::Parsed(d) => Some(d),
            Content::Text(_) => None,
        }
    }

    /// The check of the current revision, if done.
    pub fn checked_now(&self) -> Option<&Arc<Checked>> {
        self.checked.as_ref().filter(|c| c.revision == self.revision)
    }

    pub fn ready(&self, stage: Stage) -> bool {
        match stage {
            Stage::Parsed => self.parsed().is_some(),
            Stage::Checked => self.parsed().is_some() && self.checked_now().is_some() && !self.stale,
        }
    }

    /// A receiver that fires once `stage` is reached (or the document closes).
    pub fn wait(&mut self, stage: Stage) -> oneshot::Receiver<()> {
        let (tx, rx) = oneshot::channel();
        self.waiters.push((stage, tx));
        rx
    }

    /// The job for the current revision failed: waiting requests get what there is.
    pub fn fail(&mut self) {
        self.failed = Some(self.revision);
        self.job = false;
        self.stale = false;
        for (_, tx) in self.waiters.drain(..) {
            let _ = tx.send(());
        }
    }

    /// The document is closed: the requests waiting for it look again (and
    /// find it closed).
    pub fn close(&mut self) {
        self.waiters.clear();
    }

    /// Wakes the requests whose stage is reached.
    pub fn wake(&mut self) {
        let mut i = 0;
        while i < self.waiters.len() {
            if self.ready(self.waiters[i].0) {
                let (_, tx) = self.waiters.swap_remove(i);
                let _ = tx.send(());
            } else {
                i += 1;
            }
        }
    }

    /// Stores the parse of the current revision, with what the policy
    /// made of it, and wakes who waited for it.
    pub fn set_parsed(&mut self, doc: Arc<Document>, uri: &str, scope: Scope) {
        self.content = Content::Parsed(doc);
        self.set_scope(uri, scope);
        self.wake();
    }

    /// The policy's answer for the parsed text (again when the policy changed).
    pub fn set_scope(&mut self, uri: &str, scope: Scope) {
        let Some(doc) = self.parsed() else { return };
        let stem = crate::uri::file_stem(uri);
        self.entry =
            scope.kind().and_then(|kind| RoleEntry::from_document(uri, stem.as_deref(), doc, kind)).map(Arc::new);
        self.scope = Some(scope);
    }

    /// Replaces the text (a new revision); the parse and check are stale.
    /// Returns the old text: the caller drops it outside the lock (a large
    /// parse takes a while to free).
    #[must_use]
    pub fn set_text(&mut self, version: i32, revision: u64, text: String) -> Content {
        self.version = version;
        self.revision = revision;
        self.stale = true;
        // Requests waiting for the old revision wait for the new one.
        std::mem::replace(&mut self.content, Content::Text(Arc::new(text)))
    }

    /// Applies LSP content changes in order to the current text. Ranges are
    /// in `encoding`; a change without a range replaces the whole text.
    pub fn apply_changes(
        &self,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        encoding: PositionEncoding,
    ) -> Result<String, String> {
        let mut text: Option<String> = None;
        for change in changes {
            match change.range {
                None => text = Some(change.text),
                Some(range) => {
                    let current: &str = text.as_deref().unwrap_or_else(|| self.content.text());
                    // The parse's line index serves the first change; later ones need their own.
                    let fresh;
                    let index = match (&text, &self.content) {
                        (None, Content::Parsed(d)) => d.line_index(),
                        _ => {
                            fresh = LineIndex::new(current);
                            &fresh
                        }
                    };
                    let r = Lines { text: current, index, encoding }.text_range(range);
                    let (start, end) = (r.start(), r.end());
                    if end > current.len() || !current.is_char_boundary(start) || !current.is_char_boundary(end) {
                        return Err(format!("range {range:?} does not fit the document"));
                    }
                    let mut next = String::with_capacity(current.len() - (end - start) + change.text.len());
                    next.push_str(&current[..start]);
                    next.push_str(&change.text);
                    next.push_str(&current[end..]);
                    text = Some(next);
                }
            }
        }
        Ok(text.unwrap_or_else(|| self.content.text().to_string()))
    }
}
