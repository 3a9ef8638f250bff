//! `inherits` for files on disk: the file the core's policy names
//! ([`policy::parent_file_name`]: `<name>.md` in the child's folder), read
//! and parsed on first use and cached, so thousands of children of one
//! parent read it once. Siblings are never scanned. Only regular files of
//! bounded size inside the project root are read: a parent symlinked outside
//! the project, to a FIFO or to `/dev/zero` is simply not found.
//!
//! A check without a token budget needs a parent's frontmatter only (its
//! values, its `role`, its own `inherits`): then a parent is read up to the
//! end of its frontmatter, and its body is neither read nor parsed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use rolekit_core::analysis::{Parent, Resolver};
use rolekit_core::policy;
use rolekit_core::syntax::frontmatter;
use rolekit_core::Document;

use crate::fsio::{self, OpenFile};

/// Parents kept at most; past that the cache starts over (bounded memory).
/// Files are checked in path order, a folder at a time, so the parents in
/// use at once are those of one or two folders.
const MAX_CACHED: usize = 64;

#[derive(Default)]
pub struct ParentCache {
    /// Each parent, and whether it was read whole.
    parents: RwLock<HashMap<PathBuf, (bool, Option<Parent>)>>,
    /// Folders, and whether they lie inside the project root once symlinks
    /// are resolved (one `canonicalize` per folder, not per parent).
    folders: RwLock<HashMap<PathBuf, bool>>,
}

impl ParentCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The parent at `path`, when cached read as `whole` needs.
    fn get(&self, path: &Path, whole: bool) -> Option<Option<Parent>> {
        let map = self.parents.read().ok()?;
        let (read_whole, parent) = map.get(path)?;
        (*read_whole || !whole).then(|| parent.clone())
    }

    fn put(&self, path: PathBuf, whole: bool, parent: Option<Parent>) {
        if let Ok(mut map) = self.parents.write() {
            if map.len() >= MAX_CACHED {
                map.clear();
            }
            map.insert(path, (whole, parent));
        }
    }

    /// Whether `dir` lies inside `real_root` once symlinks are resolved.
    fn inside(&self, dir: &Path, real_root: &Path) -> bool {
        if let Some(&inside) = self.folders.read().ok().as_ref().and_then(|m| m.get(dir)) {
            return inside;
        }
        let inside = std::fs::canonicalize(dir).is_ok_and(|real| real.starts_with(real_root));
        if let Ok(mut map) = self.folders.write() {
            if map.len() >= MAX_CACHED {
                map.clear();
            }
            map.insert(dir.to_path_buf(), inside);
        }
        inside
    }
}

/// Resolves parents of files in one folder.
pub struct DirResolver<'a> {
    pub dir: &'a Path,
    /// The project root with symlinks resolved: parents are read only below it.
    pub real_root: &'a Path,
    pub cache: &'a ParentCache,
    /// Whether parents are read whole (their token counts need the body);
    /// else up to the end of their frontmatter.
    pub whole: bool,
}

impl Resolver for DirResolver<'_> {
    fn parent(&self, name: &str) -> Option<Parent> {
        let path = self.dir.join(policy::parent_file_name(name)?);
        if let Some(hit) = self.cache.get(&path, self.whole) {
            return hit;
        }
        let parent = self.load(&path);
        self.cache.put(path, self.whole, parent.clone());
        parent
    }
}

impl DirResolver<'_> {
    fn load(&self, path: &Path) -> Option<Parent> {
        let file = self.open_inside(path)?;
        let bytes =
            if self.whole { file.read_rest(Vec::new(), policy::MAX_FILE_BYTES).ok()? } else { frontmatter_of(file)? };
        let text = String::from_utf8(bytes).ok()?;
        let document = Document::new(text);
        let location = path.to_string_lossy();
        let location = location.strip_prefix("./").unwrap_or(&location).to_string();
        Some(Parent { document: Arc::new(document), location })
    }

    /// Opens the regular file at `path` when it lies inside the project
    /// root: a file that is no symlink, in a folder inside the root, is
    /// opened at once; a symlink is followed and its target checked.
    fn open_inside(&self, path: &Path) -> Option<OpenFile> {
        if self.cache.inside(self.dir, self.real_root) {
            match fsio::open_regular_no_symlink(path) {
                Ok(Some(file)) => return Some(file),
                Ok(None) => {}
                Err(_) => return None,
            }
        }
        let real = std::fs::canonicalize(path).ok()?;
        if !real.starts_with(self.real_root) {
            return None;
        }
        fsio::open_regular(&real).ok()
    }
}

/// The start of `file` up to the end of its frontmatter (the whole file
/// when that is not closed within [`policy::HEAD_BYTES`], or it has none).
fn frontmatter_of(mut file: OpenFile) -> Option<Vec<u8>> {
    let mut head = file.read_deciding_head().ok()?;
    // A character cut at the end of the read is left out; invalid UTF-8
    // before it finds no closed frontmatter, so the file is read whole.
    let text = match std::str::from_utf8(&head) {
        Ok(text) => text,
        // The valid prefix is valid: never the empty default.
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    let end = frontmatter::split(text).and_then(|split| split.close.is_some().then_some(split.body_start));
    match end {
        Some(end) => {
            head.truncate(end);
            Some(head)
        }
        None => file.read_rest(head, policy::MAX_FILE_BYTES).ok(),
    }
}
