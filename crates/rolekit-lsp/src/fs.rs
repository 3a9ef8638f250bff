//! The server's only window on files: the parent roles that `inherits`
//! names, the workspace's role files and `rolekit.toml`. Natively this is
//! `std::fs`; inside an editor's extension host the host provides it.

use std::collections::BTreeMap;
use std::sync::RwLock;

/// Files by URI. Implementations never panic: an unreadable file is `None`.
pub trait FileSystem: Send + Sync {
    /// The text of the file at `uri` (invalid UTF-8 replaced), or `None`.
    fn read(&self, uri: &str) -> Option<String>;
    /// At most the first `max` bytes of the file (a character cut at the
    /// end is replaced): the index reads no more to find a frontmatter.
    fn read_head(&self, uri: &str, max: usize) -> Option<String> {
        let mut text = self.read(uri)?;
        truncate(&mut text, max);
        Some(text)
    }
    /// The URIs of the `*.md` and `*.mdc` files under the folder `folder` (a URI),
    /// recursively, entering the folders `policy::descend` enters.
    fn list_markdown(&self, folder: &str) -> Vec<String>;
    /// The `*.md` and `*.mdc` files and the folders directly in `folder`, so the index
    /// walks a tree a little at a time; `None` when only whole trees can be
    /// listed ([`list_markdown`](Self::list_markdown) is used then).
    fn list_folder(&self, folder: &str) -> Option<Listing> {
        let _ = folder;
        None
    }
}

/// One folder's entries (URIs), sorted by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// Its `*.md` and `*.mdc` files.
    pub files: Vec<String>,
    /// Its folders, each URI ending in `/` (all of them: the walk decides
    /// which it enters).
    pub folders: Vec<String>,
}

/// A file the index lists: the policy says which extensions it reads
/// (Markdown and Cursor's `.mdc` rules); what each file is, it decides later.
fn is_markdown(name: &str) -> bool {
    rolekit_core::policy::is_document_name(name)
}

/// Cuts `text` to at most `max` bytes, at a character boundary.
pub fn truncate(text: &mut String, max: usize) {
    if text.len() > max {
        let mut at = max;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
    }
}

/// Files larger than this are not read for the index or as parents.
pub const MAX_FILE_BYTES: u64 = rolekit_core::policy::MAX_FILE_BYTES;
/// At most this many Markdown files are listed per workspace folder.
pub const MAX_LISTED: usize = 20_000;

/// An in-memory file system: tests, and hosts that push files to the server.
#[derive(Default)]
pub struct MemoryFs {
    files: RwLock<BTreeMap<String, String>>,
}

impl MemoryFs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&self, uri: impl Into<String>, text: impl Into<String>) {
        self.files.write().unwrap_or_else(|e| e.into_inner()).insert(uri.into(), text.into());
    }

    pub fn remove(&self, uri: &str) {
        self.files.write().unwrap_or_else(|e| e.into_inner()).remove(uri);
    }
}

impl FileSystem for MemoryFs {
    fn read(&self, uri: &str) -> Option<String> {
        self.files.read().unwrap_or_else(|e| e.into_inner()).get(uri).cloned()
    }

    fn list_markdown(&self, folder: &str) -> Vec<String> {
        let prefix = if folder.ends_with('/') { folder.to_string() } else { format!("{folder}/") };
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        files
            .keys()
            .filter(|u| u.starts_with(&prefix) && is_markdown(u))
            .filter(|u| {
                let rest = &u[prefix.len()..];
                let folders = rest.rsplit_once('/').map_or("", |(f, _)| f);
                folders.split('/').all(|f| f.is_empty() || rolekit_core::policy::descend(f))
            })
            .take(MAX_LISTED)
            .cloned()
            .collect()
    }

    fn list_folder(&self, folder: &str) -> Option<Listing> {
        let prefix = if folder.ends_with('/') { folder.to_string() } else { format!("{folder}/") };
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        let mut out = Listing::default();
        for u in files.keys().filter(|u| u.starts_with(&prefix)) {
            match u[prefix.len()..].split_once('/') {
                None if is_markdown(u) => out.files.push(u.clone()),
                None => {}
                Some((sub, _)) => {
                    let sub = format!("{prefix}{sub}/");
                    if out.folders.last() != Some(&sub) {
                        out.folders.push(sub);
                    }
                }
            }
        }
        Some(out)
    }
}

/// `std::fs`, for `file:` URIs.
#[cfg(all(feature = "native", not(target_arch = "wasm32")))]
pub struct NativeFs;

#[cfg(all(feature = "native", not(target_arch = "wasm32")))]
impl NativeFs {
    fn to_path(uri: &str) -> Option<std::path::PathBuf> {
        if !uri.starts_with("file:") {
            return None;
        }
        let parsed: ls_types::Uri = uri.parse().ok()?;
        parsed.to_file_path().map(|p| p.into_owned())
    }

    fn to_uri(path: &std::path::Path) -> Option<String> {
        ls_types::Uri::from_file_path(path).map(|u| u.as_str().to_string())
    }

    fn walk(dir: &std::path::Path, depth: usize, out: &mut Vec<String>) {
        if depth > 32 || out.len() >= MAX_LISTED {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if rolekit_core::policy::descend(&name) {
                    Self::walk(&entry.path(), depth + 1, out);
                }
            } else if kind.is_file() && is_markdown(&name) {
                if let Some(uri) = Self::to_uri(&entry.path()) {
                    out.push(uri);
                    if out.len() >= MAX_LISTED {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(all(feature = "native", not(target_arch = "wasm32")))]
impl FileSystem for NativeFs {
    fn read(&self, uri: &str) -> Option<String> {
        let path = Self::to_path(uri)?;
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        Some(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    fn read_head(&self, uri: &str, max: usize) -> Option<String> {
        use std::io::Read;
        let path = Self::to_path(uri)?;
        // Checked before opening: opening a FIFO would wait for a writer.
        if !std::fs::metadata(&path).ok()?.is_file() {
            return None;
        }
        let file = std::fs::File::open(&path).ok()?;
        let mut bytes = Vec::with_capacity(max.min(64 * 1024));
        file.take(max as u64).read_to_end(&mut bytes).ok()?;
        Some(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    fn list_markdown(&self, folder: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(dir) = Self::to_path(folder) {
            Self::walk(&dir, 0, &mut out);
        }
        out
    }

    fn list_folder(&self, folder: &str) -> Option<Listing> {
        let mut out = Listing::default();
        let Some(dir) = Self::to_path(folder) else { return Some(out) };
        let Ok(entries) = std::fs::read_dir(dir) else { return Some(out) };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if let Some(uri) = Self::to_uri(&entry.path()) {
                    out.folders.push(format!("{uri}/"));
                }
            } else if kind.is_file() && is_markdown(&entry.file_name().to_string_lossy()) {
                out.files.extend(Self::to_uri(&entry.path()));
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_fs_lists_markdown_below_a_folder() {
        let fs = MemoryFs::new();
        fs.insert("file:///w/a.md", "a");
        fs.insert("file:///w/sub/b.md", "b");
        fs.insert("file:///w/.git/c.md", "c");
        fs.insert("file:///w/x.txt", "x");
        fs.insert("file:///other/d.md", "d");
        fs.insert("file:///w/.ai/agents/e.md", "e");
        assert_eq!(
            fs.list_markdown("file:///w"),
            vec!["file:///w/.ai/agents/e.md", "file:///w/a.md", "file:///w/sub/b.md"]
        );
        let listing = fs.list_folder("file:///w/").unwrap();
        assert_eq!(listing.files, ["file:///w/a.md"]);
        assert_eq!(listing.folders, ["file:///w/.ai/", "file:///w/.git/", "file:///w/sub/"]);
        assert_eq!(fs.read("file:///w/a.md").as_deref(), Some("a"));
        assert_eq!(fs.read("file:///w/none.md"), None);
    }
}
