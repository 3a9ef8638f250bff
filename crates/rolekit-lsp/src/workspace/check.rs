//! The document job: parse an open document's current text, check it, and
//! store both if the document is still at that revision. Runs off the
//! message loop and outside the workspace lock (taken only to read what to
//! do and to store results), so a slow document delays no request on
//! another. One job per document at a time; edits made meanwhile are picked
//! up by the same job's next round.

use std::sync::{Arc, Mutex};

use rolekit_core::analysis;
use rolekit_core::policy::Scope;
use rolekit_core::Document;

use super::document::{Checked, Content};
use super::policy::Policy;
use super::resolver::Resolver;
use super::{lock, Workspace};
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
    let names = {
        let mut w = lock(workspace);
        // Before the index is complete a name may just not be read yet: no verdict.
        w.names_complete().then(|| w.names())
    };
    let path = policy.relative_path(uri);
    let project = analysis::Project {
        schemas: analysis::built_in_schemas(),
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
    Checked { revision, scope, diagnostics, parents: resolver.into_found() }
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
