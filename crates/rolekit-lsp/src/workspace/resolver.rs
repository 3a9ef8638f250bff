//! Parents for `inherits`, found while a document is checked (outside the
//! workspace lock): open documents first, then `<name>.md` beside the child
//! read from disk on demand, as the CLI does, parsed once and cached. A
//! document without a folder (untitled) looks among open documents, then in
//! the index.
//!
//! The lock is taken for each lookup only; files are read and parsed
//! without it.

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

use rolekit_core::analysis::{self, Parent};
use rolekit_core::Document;

use super::document::Content;
use super::{lock, Workspace};
use crate::fs::FileSystem;
use crate::uri;

pub struct Resolver<'a> {
    workspace: &'a Mutex<Workspace>,
    fs: &'a dyn FileSystem,
    child: &'a str,
    /// The parents read, by location (for related information in other files).
    pub found: RefCell<Vec<(String, Arc<Document>)>>,
}

enum Source {
    Doc(Arc<Document>),
    Text(Arc<String>),
    Cached(Option<Arc<Document>>),
    Disk,
}

impl<'a> Resolver<'a> {
    pub fn new(workspace: &'a Mutex<Workspace>, fs: &'a dyn FileSystem, child: &'a str) -> Self {
        Resolver { workspace, fs, child, found: RefCell::new(Vec::new()) }
    }

    pub fn into_found(self) -> Vec<(String, Arc<Document>)> {
        self.found.into_inner()
    }
}

impl Workspace {
    /// The location of the parent `name` of the document at `child`.
    pub fn parent_target(&self, child: &str, name: &str) -> Option<String> {
        if let Some(s) = uri::sibling(child, name) {
            return Some(s);
        }
        if !uri::folder(child).is_empty() {
            return None;
        }
        self.docs
            .iter()
            .filter(|(u, d)| {
                u.as_str() != child && d.entry.as_ref().is_some_and(|e| e.role.is_some() && e.name == name)
            })
            .map(|(u, _)| u.clone())
            .min()
            .or_else(|| self.index.by_name(name).map(|e| e.role.location.clone()))
    }

    /// A parsed file from disk (a parent, a definition's target), through the cache.
    pub fn cached_disk(&self, file: &str) -> Option<Option<Arc<Document>>> {
        self.disk.get(file).cloned()
    }
}

impl analysis::Resolver for Resolver<'_> {
    fn parent(&self, name: &str) -> Option<Parent> {
        let (target, source) = {
            let w = lock(self.workspace);
            let target = w.parent_target(self.child, name)?;
            let source = match w.docs.get(&target) {
                Some(d) => match &d.content {
                    Content::Parsed(doc) => Source::Doc(doc.clone()),
                    Content::Text(text) => Source::Text(text.clone()),
                },
                None => w.cached_disk(&target).map_or(Source::Disk, Source::Cached),
            };
            (target, source)
        };
        let document = match source {
            Source::Doc(doc) => doc,
            // An open parent not parsed yet: its current text, parsed here.
            Source::Text(text) => Arc::new(Document::new(String::clone(&text))),
            Source::Cached(doc) => doc?,
            Source::Disk => {
                let doc = self.fs.read(&target).map(|t| Arc::new(Document::new(t)));
                lock(self.workspace).disk.insert(target.clone(), doc.clone());
                doc?
            }
        };
        self.found.borrow_mut().push((target.clone(), document.clone()));
        Some(Parent { document, location: target })
    }
}
