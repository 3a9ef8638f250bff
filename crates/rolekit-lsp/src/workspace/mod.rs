//! The workspace: open documents, the index of role files on disk, parents
//! read from disk (cached), and the policy (configuration and scope). It is
//! shared behind one `Mutex` that is held only for short, synchronous steps:
//! applying an edit, storing a job's result, taking a [`Snapshot`]. Parsing,
//! checking and indexing happen in jobs outside it ([`check`], [`indexer`]).
//!
//! Every change returns [`Effects`]: what the server layer does once the
//! lock is released (start a job per document to check, clear diagnostics,
//! ask a pull client to pull again, log problems).

pub mod check;
pub mod document;
pub mod index;
pub mod indexer;
pub mod policy;
pub mod resolver;
pub mod snapshot;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ls_types as lsp;
use rolekit_core::policy::Kind;
use rolekit_core::project::{summarize, NameIndex, Summary};
use rolekit_core::{Document, PositionEncoding};

use crate::fs::FileSystem;
use crate::session::Session;
use crate::uri;
use document::{OpenDocument, Stage};
use index::{FileEntry, Index};
use indexer::Indexing;
use policy::Policy;
pub use snapshot::{Locator, ProjectFile, Seen, Snapshot};

/// Locks the workspace; a panic in another holder does not poison it (every
/// step leaves it consistent).
pub fn lock(workspace: &Mutex<Workspace>) -> MutexGuard<'_, Workspace> {
    workspace.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What a change asks of the server layer once the lock is released.
#[derive(Debug, Default)]
pub struct Effects {
    /// Documents to check: start a job for each (none runs for them yet).
    pub check: Vec<String>,
    /// Closed documents: clear their diagnostics (push mode).
    pub clear: Vec<String>,
    /// Messages for `window/logMessage` (configuration problems).
    pub log: Vec<String>,
    /// What the change replaced: freed off the message loop (a big
    /// document's parse takes milliseconds to free).
    pub garbage: Vec<Garbage>,
    /// The scope changed: index the workspace again.
    pub reindex: bool,
    /// `rolekit.toml` was read again: publish its problems.
    pub config_read: bool,
}

/// Something to free later, elsewhere.
pub enum Garbage {
    Content(document::Content),
    Document(Box<OpenDocument>),
}

impl std::fmt::Debug for Garbage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Garbage")
    }
}

impl Effects {
    pub fn merge(&mut self, other: Effects) {
        self.check.extend(other.check);
        self.clear.extend(other.clear);
        self.log.extend(other.log);
        self.garbage.extend(other.garbage);
        self.reindex |= other.reindex;
        self.config_read |= other.config_read;
    }
}

/// A request's view of one document.
pub enum Lookup {
    /// Not open.
    Closed,
    /// Not at the stage asked for yet: wait, then look again.
    Wait(futures::channel::oneshot::Receiver<()>),
    Ready(Box<Snapshot>),
}

pub struct Workspace {
    pub encoding: PositionEncoding,
    pub docs: HashMap<String, OpenDocument>,
    pub index: Index,
    pub indexing: Indexing,
    /// Bumped when indexing restarts: slices of an older run stop.
    pub index_run: u64,
    /// Files read from disk as parents, parsed (`None`: missing).
    pub disk: HashMap<String, Option<Arc<Document>>>,
    pub policy: Arc<Policy>,
    /// The project summary of each open document (its current text).
    pub summaries: HashMap<String, Summary>,
    /// The project's names (open documents over the index), built on first
    /// use after a change of names.
    names: Option<Arc<NameIndex>>,
    next_revision: u64,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new(PositionEncoding::Utf16, Policy::default())
    }
}

impl Workspace {
    pub fn new(encoding: PositionEncoding, policy: Policy) -> Self {
        Workspace {
            encoding,
            docs: HashMap::new(),
            index: Index::default(),
            indexing: Indexing::default(),
            index_run: 0,
            disk: HashMap::new(),
            policy: Arc::new(policy),
            summaries: HashMap::new(),
            names: None,
            next_revision: 1,
        }
    }

    pub fn roots(&self) -> &[String] {
        &self.policy.roots
    }

    fn revision(&mut self) -> u64 {
        self.next_revision += 1;
        self.next_revision
    }

    /// Starts (or restarts) indexing the workspace folders.
    pub fn start_indexing(&mut self) {
        self.index_run += 1;
        self.indexing = Indexing::start(&self.policy.roots);
        let mut folders: Vec<String> = self.docs.keys().map(|u| uri::folder(u).to_string()).collect();
        rolekit_core::sort::sort(&mut folders);
        folders.dedup();
        for f in folders {
            self.indexing.prioritize(&f);
        }
    }

    // ----- document sync ---------------------------------------------------------------------

    pub fn open(&mut self, file: &str, version: i32, text: String) -> Effects {
        self.forget_missing();
        let revision = self.revision();
        let mut fx = Effects::default();
        match self.docs.get_mut(file) {
            Some(d) => fx.garbage.push(Garbage::Content(d.set_text(version, revision, text))),
            None => {
                self.docs.insert(file.to_string(), OpenDocument::new(version, revision, text));
            }
        }
        self.indexing.prioritize(uri::folder(file));
        self.request_check(file, false, &mut fx);
        self.request_dependents(file, &mut fx);
        self.update_summary(file, &mut fx);
        self.request_registries(file, &mut fx);
        fx
    }

    /// Applies `changes` in order (ranges in the session's encoding).
    pub fn change(
        &mut self,
        file: &str,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
    ) -> Result<Effects, String> {
        let encoding = self.encoding;
        let revision = self.revision();
        let Some(d) = self.docs.get_mut(file) else {
            // A client slip, not a failure (Neovim sends didChange under a
            // file's new name after a rename, before didOpen): nothing to
            // apply the changes to; the document is checked when opened.
            let mut fx = Effects::default();
            fx.log.push(format!("rolekit: didChange for a document that is not open (ignored): {file}"));
            return Ok(fx);
        };
        let text = d.apply_changes(changes, encoding).map_err(|e| format!("didChange on {file}: {e}"))?;
        let mut fx = Effects::default();
        fx.garbage.push(Garbage::Content(d.set_text(version, revision, text)));
        self.request_check(file, false, &mut fx);
        self.request_dependents(file, &mut fx);
        self.update_summary(file, &mut fx);
        self.request_registries(file, &mut fx);
        Ok(fx)
    }

    /// The file on disk now holds the document (`text`, when the client sent it).
    pub fn save(&mut self, fs: &dyn FileSystem, file: &str, text: Option<String>) -> Effects {
        self.forget_missing();
        self.disk.remove(file);
        let revision = self.revision();
        let encoding = self.encoding;
        let in_root = self.policy.in_root(file);
        let policy = self.policy.clone();
        let mut fx = Effects::default();
        if let Some(d) = self.docs.get_mut(file) {
            if let Some(text) = text {
                fx.garbage.push(Garbage::Content(d.set_text(d.version, revision, text)));
            }
            let entry = match d.parsed() {
                Some(doc) => match policy.scope(file, doc.text()).kind() {
                    Some(kind) => FileEntry::from_document(file, doc, encoding, kind, &policy),
                    None => FileEntry::default(),
                },
                None => FileEntry::read(fs, file, encoding, &policy),
            };
            let changed = if in_root { self.index.insert_file(file, entry) } else { self.index.remove(file) };
            if changed {
                self.names_changed(Some(file), &mut fx);
            }
        }
        self.request_check(file, false, &mut fx);
        self.request_dependents(file, &mut fx);
        self.update_summary(file, &mut fx);
        self.request_registries(file, &mut fx);
        fx
    }

    pub fn close(&mut self, file: &str) -> Effects {
        let mut fx = Effects::default();
        let Some(mut closed) = self.docs.remove(file) else { return fx };
        closed.close();
        fx.garbage.push(Garbage::Document(Box::new(closed)));
        fx.clear.push(file.to_string());
        self.request_dependents(file, &mut fx);
        self.request_registries(file, &mut fx);
        if self.summaries.remove(file).is_some() {
            self.names_changed(None, &mut fx);
        }
        fx
    }

    /// Files changed on disk (`workspace/didChangeWatchedFiles`): `entries`
    /// are their index entries, read outside the lock (`None`: not a role
    /// file, or deleted). Returns whether `rolekit.toml` or a schema file it
    /// names changed (the caller reloads the policy then).
    pub fn files_changed(&mut self, changes: Vec<(String, FileEntry)>) -> (Effects, bool) {
        let mut fx = Effects::default();
        let mut config_changed = false;
        let mut names_changed = false;
        let mut folders: Vec<String> = Vec::new();
        for (file, entry) in changes {
            self.disk.remove(&file);
            if self.policy.is_config_file(&file) {
                config_changed = true;
                continue;
            }
            // Only Markdown files are indexed (other JSON files are watched
            // for the schemas `rolekit.toml` names).
            if !rolekit_core::policy::is_document_name(&uri::file_name(&file)) {
                continue;
            }
            names_changed |= if self.policy.in_root(&file) {
                self.index.insert_file(&file, entry)
            } else {
                self.index.remove(&file)
            };
            folders.push(uri::folder(&file).to_string());
        }
        if names_changed {
            self.names_changed(None, &mut fx);
        }
        if !folders.is_empty() {
            self.request_registries("", &mut fx);
        }
        self.forget_missing();
        if config_changed {
            return (fx, true);
        }
        rolekit_core::sort::sort(&mut folders);
        folders.dedup();
        let affected: Vec<String> = self
            .docs
            .iter()
            .filter(|(u, d)| folders.iter().any(|f| uri::folder(u) == f) && d.may_inherit())
            .map(|(u, _)| u.clone())
            .collect();
        for file in affected {
            self.request_check(&file, true, &mut fx);
        }
        (fx, false)
    }

    /// A new policy (configuration or settings changed): every document is
    /// classified and checked again; when the scope changed (`include`,
    /// `exclude`, `roleGlobs`), the index drops what is excluded now and is
    /// filled again.
    pub fn set_policy(&mut self, policy: Policy) -> Effects {
        let old = std::mem::replace(&mut self.policy, Arc::new(policy));
        let policy = self.policy.clone();
        let mut fx = Effects::default();
        self.names = None;
        let open: Vec<String> = self.docs.keys().cloned().collect();
        for file in open {
            self.update_summary(&file, &mut fx);
        }
        for (file, d) in &mut self.docs {
            if let Some(doc) = d.parsed().cloned() {
                d.set_scope(file, policy.scope(file, doc.text()));
            }
        }
        let mut files: Vec<String> = self.docs.keys().cloned().collect();
        rolekit_core::sort::sort(&mut files);
        for file in files {
            self.request_check(&file, true, &mut fx);
        }
        let scope_changed = old.config.include != policy.config.include
            || old.config.exclude != policy.config.exclude
            || old.config.kinds != policy.config.kinds;
        // The index keeps each file's names as the schemas read them (`x-references`).
        let custom = !old.schema_uris.is_empty() || !policy.schema_uris.is_empty();
        let schemas_changed = custom && !Arc::ptr_eq(&old.schemas, &policy.schemas);
        if schemas_changed && !scope_changed && self.index_run > 0 {
            fx.reindex = true;
        }
        if scope_changed && self.index_run > 0 {
            self.index.retain(|location| {
                !policy.relative_path(location).is_some_and(|rel| policy.config.exclude.matches_path_or_parent(&rel))
            });
            fx.reindex = true;
        }
        fx
    }

    /// The project's names: the open documents' summaries, then the index's
    /// files that are not open (of two documents with one name, the first wins).
    pub fn names(&mut self) -> Arc<NameIndex> {
        if let Some(names) = &self.names {
            return names.clone();
        }
        let mut open: Vec<(&String, &Summary)> = self.summaries.iter().collect();
        rolekit_core::sort::sort_by(&mut open, |a, b| a.0.cmp(b.0));
        let mut names = NameIndex::from_summaries(open.into_iter().map(|(_, s)| s.clone()));
        for (file, e) in self.index.projects() {
            if !self.docs.contains_key(file) {
                names.insert(e.summary.clone());
            }
        }
        let names = Arc::new(names);
        self.names = Some(names.clone());
        names
    }

    /// The names are built again on next use.
    pub fn drop_names(&mut self) {
        self.names = None;
    }

    /// The project's names are known (the index is complete): cross-file
    /// rules may say a name is missing.
    pub fn names_complete(&self) -> bool {
        self.indexing.complete || self.index_run == 0
    }

    /// Reads the summary of the open document `file` from its current text;
    /// when it changed, the names changed.
    fn update_summary(&mut self, file: &str, fx: &mut Effects) {
        let summary = self.docs.get(file).and_then(|d| {
            let rel = self.policy.relative_path(file)?;
            summarize(&self.policy.config, &rel, file, d.content.text())
        });
        let changed = match summary {
            Some(s) => self.summaries.insert(file.to_string(), s.clone()).is_none_or(|old| old != s),
            None => self.summaries.remove(file).is_some(),
        };
        if changed {
            self.names_changed(Some(file), fx);
        }
    }

    /// A name appeared, went or changed: the index is built again on next
    /// use, and the open documents that use names (commands, prompts,
    /// registries, kinds of your own) are checked again.
    pub fn names_changed(&mut self, except: Option<&str>, fx: &mut Effects) {
        self.names = None;
        let mut users: Vec<String> = self
            .docs
            .iter()
            .filter(|(u, d)| Some(u.as_str()) != except && d.uses_names())
            .map(|(u, _)| u.clone())
            .collect();
        rolekit_core::sort::sort(&mut users);
        for u in users {
            self.request_check(&u, true, fx);
        }
    }

    /// Indexing finished: the documents that use names are checked against
    /// the whole project.
    pub fn indexed(&mut self) -> Effects {
        let mut fx = Effects::default();
        self.names_changed(None, &mut fx);
        fx
    }

    /// Drops cached "file missing" answers (a file may have appeared).
    fn forget_missing(&mut self) {
        self.disk.retain(|_, d| d.is_some());
    }

    /// Marks `file` for a check; a job is started unless one runs for it.
    pub fn request_check(&mut self, file: &str, external: bool, fx: &mut Effects) {
        let Some(d) = self.docs.get_mut(file) else { return };
        d.stale = true;
        d.external |= external;
        if !d.job {
            d.job = true;
            fx.check.push(file.to_string());
        }
    }

    /// The other open documents in the folder of `file` that inherit (their
    /// chain may run through `file`) are checked again.
    fn request_dependents(&mut self, file: &str, fx: &mut Effects) {
        let folder = uri::folder(file);
        let mut dependents: Vec<String> = self
            .docs
            .iter()
            .filter(|(u, d)| u.as_str() != file && d.may_inherit() && (folder.is_empty() || uri::folder(u) == folder))
            .map(|(u, _)| u.clone())
            .collect();
        rolekit_core::sort::sort(&mut dependents);
        for d in dependents {
            self.request_check(&d, true, fx);
        }
    }

    /// The open registries other than `file` are checked again: a file they
    /// list may have changed a value they copy (a cheap check: no file is
    /// read, see [`check`]).
    fn request_registries(&mut self, file: &str, fx: &mut Effects) {
        let mut registries: Vec<String> = self
            .docs
            .iter()
            .filter(|(u, d)| u.as_str() != file && matches!(d.scope.and_then(|s| s.kind()), Some(Kind::Registry(_))))
            .map(|(u, _)| u.clone())
            .collect();
        rolekit_core::sort::sort(&mut registries);
        for r in registries {
            self.request_check(&r, true, fx);
        }
    }

    /// A job for `file` ended without finishing (it panicked): the next
    /// change starts a new one.
    pub fn job_failed(&mut self, file: &str) {
        if let Some(d) = self.docs.get_mut(file) {
            d.fail();
        }
    }

    // ----- requests --------------------------------------------------------------------------

    /// The document at `file` once it reaches `stage`, with the role files
    /// beside it when `seen` (for features about `inherits`).
    pub fn lookup(&mut self, file: &str, stage: Stage, seen: bool, session: &Arc<Session>) -> Lookup {
        let Some(d) = self.docs.get_mut(file) else { return Lookup::Closed };
        // After a failed job, what there is (a parse, maybe) rather than a wait that never ends.
        if !d.ready(stage) && d.failed != Some(d.revision) {
            return Lookup::Wait(d.wait(stage));
        }
        let Some(doc) = d.parsed().cloned() else { return Lookup::Closed };
        let checked = d.checked_now().cloned();
        let version = d.version;
        let scope = match d.scope {
            Some(scope) => scope,
            None => self.policy.scope(file, doc.text()),
        };
        let (names, project) = if seen { (self.names(), self.project_files()) } else { Default::default() };
        let seen = if seen { self.seen(file) } else { Vec::new() };
        Lookup::Ready(Box::new(Snapshot {
            names,
            project,
            uri: file.to_string(),
            version,
            doc,
            checked,
            scope,
            session: session.clone(),
            policy: self.policy.clone(),
            seen,
        }))
    }

    /// The role files in the folder of `file`: open documents first (by
    /// URI), then indexed files that are not open (or not parsed yet).
    pub fn seen(&self, file: &str) -> Vec<Seen> {
        let folder = uri::folder(file);
        if folder.is_empty() {
            return Vec::new();
        }
        let mut open: Vec<(&String, &OpenDocument)> =
            self.docs.iter().filter(|(u, d)| uri::folder(u) == folder && d.entry.is_some()).collect();
        rolekit_core::sort::sort_by(&mut open, |a, b| a.0.cmp(b.0));
        let mut out: Vec<Seen> = open
            .into_iter()
            .filter_map(|(_, d)| {
                let doc = d.parsed()?.clone();
                Some(Seen::Open { entry: d.entry.clone()?, doc })
            })
            .collect();
        for e in self.index.in_folder(folder) {
            let parsed = self.docs.get(&e.role.location).is_some_and(|d| d.parsed().is_some() && d.entry.is_some());
            if !parsed {
                out.push(Seen::Indexed(e.clone()));
            }
        }
        out
    }
}

/// A file a registry lists, as [`Workspace::registered`] finds it.
pub enum Registered {
    /// An open document (its URI and current text, parsed or not).
    Open(String, document::Content),
    /// A file on disk, from the index.
    Indexed(Arc<index::ProjectEntry>),
}

impl Workspace {
    /// The documents of `family` in the valora tree `tree` by the name the
    /// project knows them by, for the registry beside them: open documents
    /// first (by name), then indexed files that are not open.
    /// An open document counts with its current text, as in [`Workspace::names`].
    pub fn registered(&self, family: rolekit_core::policy::Family, tree: &str) -> Vec<(String, Registered)> {
        let of = |s: &Summary| s.kind.family() == family && s.tree == tree;
        let mut open: Vec<(String, Registered)> = self
            .summaries
            .iter()
            .filter(|(_, s)| of(s))
            .filter_map(|(u, s)| {
                let content = self.docs.get(u)?.content.clone();
                Some((s.target.name.clone(), Registered::Open(u.clone(), content)))
            })
            .collect();
        rolekit_core::sort::sort_by(&mut open, |a, b| a.0.cmp(&b.0));
        for (uri, entry) in self.index.projects() {
            if of(&entry.summary) && !self.docs.contains_key(uri) {
                open.push((entry.summary.target.name.clone(), Registered::Indexed(entry.clone())));
            }
        }
        open
    }

    /// Every project file: open documents (parsed, in scope) by URI, then
    /// indexed files not open (or not parsed yet).
    pub fn project_files(&self) -> Vec<ProjectFile> {
        let mut open: Vec<ProjectFile> = self
            .docs
            .iter()
            .filter_map(|(u, d)| {
                let kind = d.scope?.kind()?;
                Some(ProjectFile::Open { uri: u.clone(), doc: d.parsed()?.clone(), kind })
            })
            .collect();
        rolekit_core::sort::sort_by(&mut open, |a, b| a.uri().cmp(b.uri()));
        for (uri, entry) in self.index.projects() {
            let parsed = self.docs.get(uri).is_some_and(|d| d.parsed().is_some() && d.scope.is_some());
            if !parsed {
                open.push(ProjectFile::Indexed { uri: uri.clone(), entry: entry.clone() });
            }
        }
        open
    }

    /// Every role file: open documents (parsed) by URI, then indexed files
    /// not open; for requests about the whole workspace (workspace symbols).
    pub fn all_seen(&self) -> Vec<Seen> {
        let mut open: Vec<(&String, &OpenDocument)> = self.docs.iter().filter(|(_, d)| d.entry.is_some()).collect();
        rolekit_core::sort::sort_by(&mut open, |a, b| a.0.cmp(b.0));
        let mut out: Vec<Seen> = open
            .into_iter()
            .filter_map(|(_, d)| Some(Seen::Open { entry: d.entry.clone()?, doc: d.parsed()?.clone() }))
            .collect();
        out.reserve(self.index.len());
        for e in self.index.iter() {
            let parsed = self.docs.get(&e.role.location).is_some_and(|d| d.parsed().is_some() && d.entry.is_some());
            if !parsed {
                out.push(Seen::Indexed(e.clone()));
            }
        }
        out
    }
}

impl OpenDocument {
    /// It may name documents of the project (anything but a role). One not
    /// classified yet is not parsed yet: its job reads the names after its
    /// parse, so it sees the change without a second check.
    fn uses_names(&self) -> bool {
        self.scope.is_some_and(|scope| !matches!(scope.kind(), Some(Kind::Role | Kind::RoleTemplate) | None))
    }

    /// It names a parent, or is not parsed yet (it might).
    fn may_inherit(&self) -> bool {
        match (self.parsed(), &self.entry) {
            (Some(_), Some(e)) => e.inherits.is_some(),
            (Some(_), None) => false,
            (None, _) => true,
        }
    }
}

#[cfg(test)]
mod tests;
