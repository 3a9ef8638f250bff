//! `inherits` for files on disk: the file the core's policy names
//! ([`policy::parent_file_name`]: `<name>.md` in the child's folder), read
//! and parsed on first use and cached, so thousands of children of one
//! parent read it once. Siblings are never scanned. Only regular files of
//! bounded size inside the project root are read: a parent symlinked outside
//! the project, to a FIFO or to `/dev/zero` is simply not found.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use rolekit_core::analysis::{Parent, Resolver};
use rolekit_core::policy;
use rolekit_core::Document;

use crate::fsio;

/// Parents kept at most; past that the cache starts over (bounded memory).
/// Files are checked in path order, a folder at a time, so the parents in
/// use at once are those of one or two folders.
const MAX_CACHED: usize = 64;

#[derive(Default)]
pub struct ParentCache {
    parents: RwLock<HashMap<PathBuf, Option<Parent>>>,
}

impl ParentCache {
    pub fn new() -> Self {
        Self::default()
    }

    fn get(&self, path: &Path) -> Option<Option<Parent>> {
        self.parents.read().ok()?.get(path).cloned()
    }

    fn put(&self, path: PathBuf, parent: Option<Parent>) {
        if let Ok(mut map) = self.parents.write() {
            if map.len() >= MAX_CACHED {
                map.clear();
            }
            map.insert(path, parent);
        }
    }
}

/// Resolves parents of files in one folder.
pub struct DirResolver<'a> {
    pub dir: &'a Path,
    /// The project root with symlinks resolved: parents are read only below it.
    pub real_root: &'a Path,
    pub cache: &'a ParentCache,
}

impl Resolver for DirResolver<'_> {
    fn parent(&self, name: &str) -> Option<Parent> {
        let path = self.dir.join(policy::parent_file_name(name)?);
        if let Some(hit) = self.cache.get(&path) {
            return hit;
        }
        let parent = load(&path, self.real_root);
        self.cache.put(path, parent.clone());
        parent
    }
}

fn load(path: &Path, real_root: &Path) -> Option<Parent> {
    let real = std::fs::canonicalize(path).ok()?;
    if !real.starts_with(real_root) {
        return None;
    }
    let (bytes, _) = fsio::read_regular(&real, policy::MAX_FILE_BYTES).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let document = Document::new(text);
    let location = path.to_string_lossy();
    let location = location.strip_prefix("./").unwrap_or(&location).to_string();
    Some(Parent { document: Arc::new(document), location })
}
