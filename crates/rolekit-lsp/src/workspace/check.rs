//! The document job: parse an open document's current text, check it, and
//! store both if the document is still at that revision. Runs off the
//! message loop and outside the workspace lock (taken only to read what to
//! do and to store results), so a slow document delays no request on
//! another. One job per document at a time; edits made meanwhile are picked
//! up by the same job's next round.

use std::sync::{Arc, Mutex};

use std::collections::hash_map::{Entry, HashMap};

use rolekit_core::analysis;
use rolekit_core::analysis::registry::{self, RegisteredFile};
use rolekit_core::policy::{self, Family, Kind, Scope};
use rolekit_core::Document;

use super::document::{Checked, Content, Elsewhere};
use super::policy::Policy;
use super::resolver::Resolver;
use super::{lock, Registered, Workspace};
use crate::fs::FileSystem;
use crate::uri;

/// A check stored for the current revision: what the server may publish.
pub struct Done {
    pub uri: String,
    pub version: i32,
    pub revision: u64,
    pub doc: Arc<Document>,
    pub checked: Arc<Checked>,
    /// The check was asked for by another document or the configuration
    /// (a pull client is asked to pull again).
    pub external: bool,
}

/// Runs the job for `uri` until its stored check is current; `done` gets
/// each check stored (called without the lock).
pub fn run(workspace: &Mutex<Workspace>, fs: &dyn FileSystem, uri: &str, done: &mut dyn FnMut(Done)) {
    loop {
        let (revision, version, content, policy) = {
            let mut w = lock(workspace);
            let policy = w.policy.clone();
            let Some(d) = w.docs.get_mut(uri) else { return };
            if !d.stale {
                d.job = false;
                return;
            }
            d.stale = false;
            (d.revision, d.version, d.content.clone(), policy)
        };
        let (doc, scope) = match content {
            Content::Parsed(doc) => {
                let scope = policy.scope(uri, doc.text());
                (doc, scope)
            }
            Content::Text(text) => {
                // The document shares the buffer's text: a 20 MB file is held once.
                let doc = Arc::new(Document::from_shared(text));
                let scope = policy.scope(uri, doc.text());
                let mut w = lock(workspace);
                if let Some(d) = w.docs.get_mut(uri).filter(|d| d.revision == revision) {
                    d.set_parsed(doc.clone(), uri, scope);
                }
                (doc, scope)
            }
        };
        let checked = Arc::new(check(workspace, fs, uri, revision, &doc, scope, &policy));
        let (external, old) = {
            let mut w = lock(workspace);
            let Some(d) = w.docs.get_mut(uri).filter(|d| d.revision == revision) else { continue };
            let old = d.checked.replace(checked.clone());
            d.wake();
            (std::mem::take(&mut d.external), old)
        };
        // Freed without the lock.
        drop(old);
        done(Done { uri: uri.to_string(), version, revision, doc, checked, external });
    }
}

/// Checks one revision of a document, which the policy classified as `scope`.
pub fn check(
    workspace: &Mutex<Workspace>,
    fs: &dyn FileSystem,
    uri: &str,
    revision: u64,
    doc: &Document,
    scope: Scope,
    policy: &Policy,
) -> Checked {
    let Some(kind) = scope.kind() else { return Checked::out_of_scope(revision, scope) };
    if let Kind::Registry(family) = kind {
        return registry(workspace, uri, revision, doc, scope, family, policy);
    }
    let names = {
        let mut w = lock(workspace);
        // Before the index is complete a name may just not be read yet: no verdict.
        w.names_complete().then(|| w.names())
    };
    let path = policy.relative_path(uri);
    let project = analysis::Project {
        schemas: &policy.schemas,
        index: match &names {
            Some(n) => &**n,
            None => &analysis::NoIndex,
        },
        path: path.as_deref(),
    };
    let resolver = Resolver::new(workspace, fs, uri);
    let stem = uri::file_stem(uri);
    let ctx = analysis::Context {
        file_stem: stem.as_deref(),
        kind,
        resolver: &resolver,
        config: &policy.config.rules,
        token_budget: None,
    };
    let diagnostics = analysis::check_in(doc, &ctx, &project);
    Checked { revision, scope, diagnostics, parents: resolver.into_found(), elsewhere: Elsewhere::new() }
}

/// Checks a valora `registry.json` against the files beside it, as the
/// server knows them: the project's names (open documents over the index)
/// and the values each file's entry keeps ([`super::index::ProjectEntry::registered`]);
/// no file is read. Before the index is complete, only its JSON is checked.
fn registry(
    workspace: &Mutex<Workspace>,
    uri: &str,
    revision: u64,
    doc: &Document,
    scope: Scope,
    family: Family,
    policy: &Policy,
) -> Checked {
    let path = policy.relative_path(uri);
    let tree = path.as_deref().and_then(policy::layout).map_or("", |l| l.tree);
    let (names, sources) = {
        let mut w = lock(workspace);
        match w.names_complete() {
            true => (Some(w.names()), w.registered(family, tree)),
            false => (None, Vec::new()),
        }
    };
    // The open documents' values are read from their parse now; the others'
    // from the index, with the ranges related information points at.
    let mut files: HashMap<String, RegisteredFile> = HashMap::with_capacity(sources.len());
    let mut parents = Vec::new();
    let mut elsewhere = Elsewhere::new();
    for (name, source) in sources {
        let Entry::Vacant(slot) = files.entry(name) else { continue };
        match source {
            Registered::Open(location, content) => {
                let file = match content {
                    Content::Parsed(doc) => doc,
                    // Not parsed yet: its frontmatter is all a registry reads.
                    Content::Text(text) => Arc::new(Document::from_shared(text)),
                };
                if let Some(r) = registry::projection(family, &file, location.clone()) {
                    slot.insert(r);
                }
                parents.push((location, file));
            }
            Registered::Indexed(entry) => {
                let location = &entry.summary.target.location;
                if let (Some(b), Some(l)) = (entry.summary.target.range, entry.declared) {
                    elsewhere.insert((location.clone(), b), l);
                }
                if let Some(r) = &entry.registered {
                    for ((_, b), l) in r.ranges.iter().zip(&entry.registered_ranges) {
                        elsewhere.insert((location.clone(), *b), *l);
                    }
                    slot.insert(r.clone());
                }
            }
        }
    }
    // The JSON as JSON (the open document was read as Markdown).
    let json = Document::json(doc.text().to_string());
    let index: &dyn analysis::ProjectIndex = match &names {
        Some(n) => &**n,
        None => &analysis::NoIndex,
    };
    let mut diagnostics = registry::check(&json, family, tree, index, &files);
    policy.config.rules.apply(&mut diagnostics);
    Checked { revision, scope, diagnostics, parents, elsewhere }
}

/// The parents a stored check read, as a resolver: proving a fix checks the
/// fixed text again with exactly what the check saw, with no IO.
pub struct Found<'a>(pub &'a [(String, Arc<Document>)]);

impl analysis::Resolver for Found<'_> {
    fn parent(&self, name: &str) -> Option<analysis::Parent> {
        self.0
            .iter()
            .find(|(location, _)| uri::file_stem(location).as_deref() == Some(name))
            .map(|(location, document)| analysis::Parent { document: document.clone(), location: location.clone() })
    }
}
