//! What a request handler works on: one document at one revision (parsed,
//! maybe checked), the role files beside it, the session. Taken under the
//! workspace lock (cheap: `Arc`s), used without it.

use std::sync::Arc;

use ls_types as lsp;
use rolekit_core::analysis::references::Reference;
use rolekit_core::ide::project::{FileReferences, Place};
use rolekit_core::ide::{self, RoleEntry, RoleSummary};
use rolekit_core::policy::{Kind, Scope};
use rolekit_core::project::NameIndex;
use rolekit_core::{Document, TextRange};

use super::document::Checked;
use super::index::{IndexEntry, ProjectEntry};
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

/// A file of the project (a role, command or prompt), for the features
/// that follow names across folders.
#[derive(Clone)]
pub enum ProjectFile {
    /// An open document (its parse, and what the policy made of it).
    Open { uri: String, doc: Arc<Document>, kind: Kind },
    /// A file on disk, from the index.
    Indexed { uri: String, entry: Arc<ProjectEntry> },
}

impl ProjectFile {
    pub fn uri(&self) -> &str {
        match self {
            ProjectFile::Open { uri, .. } | ProjectFile::Indexed { uri, .. } => uri,
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
    /// The project's names (empty unless the request asked for the files seen).
    pub names: Arc<NameIndex>,
    /// The project's files, when the request asked for the files seen.
    pub project: Vec<ProjectFile>,
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

    /// Its path below its workspace folder.
    pub fn relative_path(&self) -> Option<String> {
        self.policy.relative_path(&self.uri)
    }

    /// Where the document sits in the project (`None` out of scope); `path`
    /// is [`Self::relative_path`].
    pub fn place<'a>(&'a self, path: Option<&'a str>) -> Option<Place<'a>> {
        Some(Place { kind: self.kind()?, schemas: &self.policy.schemas, path })
    }

    /// The names each project file uses (open documents read now, files on
    /// disk as indexed), with a way back to their ranges.
    pub fn project_references(&self) -> ProjectReferences<'_> {
        let mut open = Vec::new();
        for f in &self.project {
            if let ProjectFile::Open { uri, doc, kind } = f {
                let path = self.policy.relative_path(uri);
                let place = Place { kind: *kind, schemas: &self.policy.schemas, path: path.as_deref() };
                let tree = place.tree().to_string();
                open.push((uri.as_str(), tree, ide::project::file_references(doc, &place), doc.clone()));
            }
        }
        let by_uri = self.project.iter().map(|f| (f.uri(), f)).collect();
        ProjectReferences { snap: self, open, by_uri }
    }

    /// The range of the name `location` declares (`role:`, `name:`, `id:`),
    /// when it is a project file.
    pub fn declared_range(&self, location: &str) -> Option<lsp::Range> {
        let file = self.project.iter().find(|f| f.uri() == location)?;
        match file {
            ProjectFile::Indexed { entry, .. } => entry.declared,
            ProjectFile::Open { uri, doc, .. } => {
                let path = self.policy.relative_path(uri)?;
                let summary = rolekit_core::project::summarize(&self.policy.config, &path, uri, doc.text())?;
                Some(Lines::of(doc, self.session.encoding).range(summary.target.range?))
            }
        }
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

/// The stored references of every project file (see [`Snapshot::project_references`]).
pub struct ProjectReferences<'a> {
    snap: &'a Snapshot,
    open: Vec<(&'a str, String, Vec<Reference>, Arc<Document>)>,
    by_uri: std::collections::HashMap<&'a str, &'a ProjectFile>,
}

impl ProjectReferences<'_> {
    /// Every file's references, for `ide::project::references`.
    pub fn files(&self) -> Vec<FileReferences<'_>> {
        let mut out: Vec<FileReferences<'_>> = self
            .open
            .iter()
            .map(|(uri, tree, refs, _)| FileReferences { location: uri, tree, references: refs })
            .collect();
        for f in &self.snap.project {
            if let ProjectFile::Indexed { uri, entry } = f {
                out.push(FileReferences { location: uri, tree: &entry.summary.tree, references: &entry.references });
            }
        }
        out
    }

    /// A range in one of the project's files (a reference or a declared name).
    pub fn range(&self, location: &str, range: TextRange) -> Option<lsp::Range> {
        if location == self.snap.uri {
            return Some(self.snap.lines().range(range));
        }
        match self.by_uri.get(location)? {
            ProjectFile::Open { doc, .. } => Some(Lines::of(doc, self.snap.session.encoding).range(range)),
            ProjectFile::Indexed { entry, .. } => entry.range(range),
        }
    }
}
