//! `inherits` for files on disk: `<name>.md` in the child's folder, read and
//! parsed on first use and cached, so thousands of children of one parent
//! read it once. Siblings are never scanned.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use rolekit_core::analysis::{Parent, Resolver};
use rolekit_core::Document;

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
    pub cache: &'a ParentCache,
}

impl Resolver for DirResolver<'_> {
    fn parent(&self, name: &str) -> Option<Parent> {
        // A role name, not a path: never leave the folder.
        if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\', '\0']) {
            return None;
        }
        let path = self.dir.join(format!("{name}.md"));
        if let Some(hit) = self.cache.get(&path) {
            return hit;
        }
        let parent = load(&path);
        self.cache.put(path, parent.clone());
        parent
    }
}

fn load(path: &Path) -> Option<Parent> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let document = Document::new(text);
    let location = path.to_string_lossy();
    let location = location.strip_prefix("./").unwrap_or(&location).to_string();
    Some(Parent { document: Arc::new(document), location })
}
