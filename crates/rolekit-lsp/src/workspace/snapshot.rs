//! What a request handler works on: one document at one revision (parsed,
//! maybe checked), the role files beside it, the session. Taken under the
//! workspace lock (cheap: `Arc`s), used without it.

use std::sync::Arc;

use rolekit_core::ide::{self, RoleEntry, RoleSummary};
use rolekit_core::policy::{Kind, Scope};
use rolekit_core::{Document, TextRange};
use tower_lsp_server::ls_types as lsp;

use super::document::Checked;
use super::index::IndexEntry;
use super::policy::Policy;
use crate::convert::Lines;
use crate::session::Session;

/// A role file a document can see.
#[derive(Clone)]
pub enum Seen {
    /// An open document (its parse).
    Open { entry: Arc<RoleEntry>, doc: Arc<Document> },
    /// A file on disk, from the index.
    Indexed(Arc<IndexEntry>),
}

impl Seen {
    pub fn entry(&self) -> &RoleEntry {
        match self {
            Seen::Open { entry, .. } => entry,
            Seen::Indexed(e) => &e.role,
        }
    }

    /// One of its ranges (its `role:` or `inherits:` value) in LSP positions.
    pub fn range(&self, range: TextRange, session: &Session) -> Option<lsp::Range> {
        match self {
            Seen::Open { doc, .. } => Some(Lines::of(doc, session.encoding).range(range)),
            Seen::Indexed(e) => e.range(range),
        }
    }
}

pub struct Snapshot {
    pub uri: String,
    pub version: i32,
    pub doc: Arc<Document>,
    /// The check of this revision, when done.
    pub checked: Option<Arc<Checked>>,
    /// What the policy made of it.
    pub scope: Scope,
    pub session: Arc<Session>,
    /// The configuration in force.
    pub policy: Arc<Policy>,
    /// The role files beside it, when the request asked for them.
    pub seen: Vec<Seen>,
}

impl Snapshot {
    /// A role file or template (what the policy says rolekit checks).
    pub fn in_scope(&self) -> bool {
        self.kind().is_some()
    }

    pub fn kind(&self) -> Option<Kind> {
        self.scope.kind()
    }

    pub fn lines(&self) -> Lines<'_> {
        Lines::of(&self.doc, self.session.encoding)
    }

    pub fn entries(&self) -> impl Iterator<Item = &RoleEntry> + '_ {
        self.seen.iter().map(Seen::entry)
    }

    /// The roles `inherits` may name here.
    pub fn roles(&self) -> Vec<RoleSummary> {
        ide::parent_candidates(&self.uri, self.entries())
    }

    /// The diagnostics of this revision's check (none before it is done).
    pub fn diagnostics(&self) -> &[rolekit_core::Diagnostic] {
        self.checked.as_deref().map_or(&[], |c| &c.diagnostics)
    }

    /// A lookup of ranges in this document and the role files it sees, by
    /// location: built once (a hash map), so answers about thousands of
    /// files stay linear.
    pub fn locator(&self) -> Locator<'_> {
        let by_location = self.seen.iter().rev().map(|s| (s.entry().location.as_str(), s)).collect();
        Locator { snap: self, by_location }
    }

    /// `range` in the document at `location` (this one, or a role file it sees).
    pub fn range_in(&self, location: &str, range: TextRange) -> Option<lsp::Range> {
        if location == self.uri {
            return Some(self.lines().range(range));
        }
        self.seen.iter().find(|s| s.entry().location == location)?.range(range, &self.session)
    }
}

/// Ranges by location (see [`Snapshot::locator`]); the first role file seen
/// for a location wins, as in [`Snapshot::range_in`].
pub struct Locator<'a> {
    snap: &'a Snapshot,
    by_location: std::collections::HashMap<&'a str, &'a Seen>,
}

impl Locator<'_> {
    pub fn range(&self, location: &str, range: TextRange) -> Option<lsp::Range> {
        if location == self.snap.uri {
            return Some(self.snap.lines().range(range));
        }
        self.by_location.get(location)?.range(range, &self.snap.session)
    }

    /// A location: its URI and the range.
    pub fn location(&self, location: &str, range: TextRange) -> Option<lsp::Location> {
        Some(lsp::Location { uri: location.parse().ok()?, range: self.range(location, range)? })
    }
}
