//! The workspace index: every role file under the workspace folders, by URI,
//! as the core's [`RoleEntry`] plus its ranges in LSP positions (so
//! find-references answers without reading the file again).
//!
//! An entry is read from the start of its file only: up to the closing `---`
//! of the frontmatter, within [`HEAD_BYTES`]; whether the file is a role file
//! (or a template) is the core policy's answer for that head. A file that
//! does not start with `---` costs one small read.

use std::collections::BTreeMap;
use std::sync::Arc;

use ls_types as lsp;
use rolekit_core::analysis::references::Reference;
use rolekit_core::analysis::registry::{self, RegisteredFile};
use rolekit_core::ide::project::{self as ide_project, Place};
use rolekit_core::ide::RoleEntry;
use rolekit_core::policy::Kind;
use rolekit_core::project::{summarize, Summary};
use rolekit_core::syntax::frontmatter;
use rolekit_core::{Document, PositionEncoding, TextRange};

use super::policy::Policy;
use crate::convert::Lines;
use crate::fs::FileSystem;
use crate::uri;

/// The first read of a file: enough for the frontmatter of nearly every role file.
pub const FIRST_READ: usize = 8 * 1024;
/// The most of a file read to find its frontmatter (as `rolekit_core::policy::HEAD_BYTES`):
/// a role file's frontmatter ends before.
pub const HEAD_BYTES: usize = rolekit_core::policy::HEAD_BYTES;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    pub role: RoleEntry,
    /// `role.role` and `role.inherits`'s range in the session's encoding.
    pub role_range: Option<lsp::Range>,
    pub inherits_range: Option<lsp::Range>,
}

impl IndexEntry {
    /// The entry of a file the policy classified as `kind` (the whole file,
    /// or its frontmatter).
    pub fn from_document(file: &str, doc: &Document, encoding: PositionEncoding, kind: Kind) -> Option<Self> {
        let role = RoleEntry::from_document(file, uri::file_stem(file).as_deref(), doc, kind)?;
        let lines = Lines::of(doc, encoding);
        let role_range = role.role.map(|r| lines.range(r));
        let inherits_range = role.inherits.as_ref().map(|(_, r)| lines.range(*r));
        Some(IndexEntry { role, role_range, inherits_range })
    }

    /// Reads the entry of `file` from the start of the file; `None` when the
    /// policy says it is not a role file, or it cannot be read.
    pub fn read(fs: &dyn FileSystem, file: &str, encoding: PositionEncoding, policy: &Policy) -> Option<Self> {
        FileEntry::read(fs, file, encoding, policy).role
    }
}

/// A file's project summary (its name, for the project's name index) and the
/// names it uses, with their ranges in LSP positions (so find-references and
/// go-to-definition answer without reading the file again).
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectEntry {
    pub summary: Summary,
    /// The declared name's range (`summary.target.range`) in LSP positions.
    pub declared: Option<lsp::Range>,
    pub references: Vec<Reference>,
    /// `references[i].range` in LSP positions.
    pub reference_ranges: Vec<lsp::Range>,
    /// What a valora `registry.json` copies of this file (commands and
    /// prompts: `registry::compared_fields`), so an open registry is checked
    /// without reading its files again.
    pub registered: Option<RegisteredFile>,
    /// `registered.ranges[i]` in LSP positions.
    pub registered_ranges: Vec<lsp::Range>,
}

impl ProjectEntry {
    /// The entry of `file` (a document the policy classified as `kind`).
    pub fn from_document(
        file: &str,
        doc: &Document,
        encoding: PositionEncoding,
        kind: Kind,
        policy: &Policy,
    ) -> Option<Self> {
        let rel = policy.relative_path(file);
        let summary = summarize(&policy.config, rel.as_deref().unwrap_or(""), file, doc.text())?;
        let place = Place { kind, schemas: &policy.schemas, path: rel.as_deref() };
        let references = ide_project::file_references(doc, &place);
        let lines = Lines::of(doc, encoding);
        let declared = summary.target.range.map(|r| lines.range(r));
        let reference_ranges = references.iter().map(|r| lines.range(r.range)).collect();
        let family = kind.family();
        let registered = (!registry::compared_fields(family).is_empty())
            .then(|| registry::projection(family, doc, file.to_string()))
            .flatten();
        let registered_ranges =
            registered.iter().flat_map(|r| r.ranges.iter().map(|(_, range)| lines.range(*range))).collect();
        Some(ProjectEntry { summary, declared, references, reference_ranges, registered, registered_ranges })
    }

    /// One of this entry's ranges (its declared name, a reference, a
    /// registered value's key) in LSP positions.
    pub fn range(&self, range: TextRange) -> Option<lsp::Range> {
        if self.summary.target.range == Some(range) {
            return self.declared;
        }
        if let Some(i) = self.references.iter().position(|r| r.range == range) {
            return self.reference_ranges.get(i).copied();
        }
        let i = self.registered.as_ref()?.ranges.iter().position(|(_, r)| *r == range)?;
        self.registered_ranges.get(i).copied()
    }
}

/// What the index keeps of one file: its role entry and its project entry.
#[derive(Clone, Debug, Default)]
pub struct FileEntry {
    pub role: Option<IndexEntry>,
    pub project: Option<ProjectEntry>,
}

impl FileEntry {
    /// Both entries of a document the policy classified as `kind`.
    pub fn from_document(file: &str, doc: &Document, encoding: PositionEncoding, kind: Kind, policy: &Policy) -> Self {
        FileEntry {
            role: IndexEntry::from_document(file, doc, encoding, kind),
            project: ProjectEntry::from_document(file, doc, encoding, kind, policy),
        }
    }

    /// Reads the entries of `file` from the start of the file (empty when
    /// the policy says it is none of rolekit's business, or it cannot be read).
    pub fn read(fs: &dyn FileSystem, file: &str, encoding: PositionEncoding, policy: &Policy) -> Self {
        Self::read_head(fs, file, encoding, policy).unwrap_or_default()
    }

    fn read_head(fs: &dyn FileSystem, file: &str, encoding: PositionEncoding, policy: &Policy) -> Option<Self> {
        let entry = |head: String| {
            let kind = policy.scope(file, &head).kind()?;
            Some(Self::from_document(file, &Document::new(head), encoding, kind, policy))
        };
        let mut limit = FIRST_READ;
        loop {
            let head = fs.read_head(file, limit)?;
            let whole = head.len() < limit;
            let split = frontmatter::split(&head)?;
            // The closing fence, whole: with its line break, or at the end of the file.
            let end = split.close.filter(|c| whole || split.body_start > c.end()).map(|_| split.body_start);
            match end {
                Some(end) => {
                    let mut head = head;
                    head.truncate(end);
                    return entry(head);
                }
                None if whole || limit >= HEAD_BYTES => return whole.then(|| entry(head)).flatten(),
                None => limit = HEAD_BYTES,
            }
        }
    }
}

impl IndexEntry {
    /// One of this entry's ranges in LSP positions.
    pub fn range(&self, range: TextRange) -> Option<lsp::Range> {
        if self.role.role == Some(range) {
            return self.role_range;
        }
        match &self.role.inherits {
            Some((_, r)) if *r == range => self.inherits_range,
            _ => None,
        }
    }

    pub fn folder(&self) -> &str {
        uri::folder(&self.role.location)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Index {
    entries: BTreeMap<String, Arc<IndexEntry>>,
    projects: BTreeMap<String, Arc<ProjectEntry>>,
}

impl Index {
    pub fn insert(&mut self, entry: IndexEntry) {
        self.entries.insert(entry.role.location.clone(), Arc::new(entry));
    }

    /// Stores both entries of `uri` (replacing, or removing, what was there);
    /// returns whether the project's names changed.
    pub fn insert_file(&mut self, uri: &str, entry: FileEntry) -> bool {
        match entry.role {
            Some(e) => self.insert(e),
            None => {
                self.entries.remove(uri);
            }
        }
        let old = match entry.project {
            Some(p) => {
                let summary = p.summary.clone();
                self.projects.insert(uri.to_string(), Arc::new(p)).map(|o| o.summary != summary)
            }
            None => self.projects.remove(uri).map(|_| true),
        };
        old.unwrap_or(true)
    }

    /// Removes both entries of `uri`; returns whether it had a project entry.
    pub fn remove(&mut self, uri: &str) -> bool {
        self.entries.remove(uri);
        self.projects.remove(uri).is_some()
    }

    /// Keeps the entries whose location `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.entries.retain(|k, _| keep(k));
        self.projects.retain(|k, _| keep(k));
    }

    /// Every project entry, by URI.
    pub fn projects(&self) -> impl Iterator<Item = (&String, &Arc<ProjectEntry>)> + '_ {
        self.projects.iter()
    }

    pub fn project(&self, uri: &str) -> Option<&Arc<ProjectEntry>> {
        self.projects.get(uri)
    }

    pub fn get(&self, uri: &str) -> Option<&Arc<IndexEntry>> {
        self.entries.get(uri)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Role files in the folder `folder` (a URI ending in `/`).
    pub fn in_folder<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a Arc<IndexEntry>> + 'a {
        self.entries
            .range(folder.to_string()..)
            .take_while(move |(k, _)| k.starts_with(folder))
            .map(|(_, e)| e)
            .filter(move |e| e.folder() == folder)
    }

    /// Every entry, by URI.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<IndexEntry>> + '_ {
        self.entries.values()
    }

    /// The first role named `name`, anywhere (for documents without a folder).
    pub fn by_name(&self, name: &str) -> Option<&Arc<IndexEntry>> {
        self.entries.values().find(|e| e.role.name == name && !e.role.template)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemoryFs;

    #[test]
    fn entries_by_folder() {
        let fs = MemoryFs::new();
        for (uri, text) in [
            ("file:///w/base.md", "---\nrole: base\ndescription: Base\n---\n"),
            ("file:///w/child.md", "---\nrole: child\ninherits: base\n---\n# Child\n"),
            ("file:///w/sub/other.md", "---\nrole: other\nversion: 1.0.0\n---\n"),
            ("file:///w/README.md", "# Readme\n"),
        ] {
            fs.insert(uri, text);
        }
        let mut index = Index::default();
        for uri in fs.list_markdown("file:///w/") {
            if let Some(e) = IndexEntry::read(&fs, &uri, PositionEncoding::Utf16, &Policy::default()) {
                index.insert(e);
            }
        }
        assert_eq!(index.len(), 3);
        let names: Vec<_> = index.in_folder("file:///w/").map(|e| e.role.name.as_str()).collect();
        assert_eq!(names, ["base", "child"]);
        let child = index.get("file:///w/child.md").unwrap();
        assert_eq!(child.role.inherits.as_ref().map(|(n, _)| n.as_str()), Some("base"));
        assert_eq!(child.inherits_range.unwrap().start, lsp::Position { line: 2, character: 10 });
        let (_, range) = child.role.inherits.clone().unwrap();
        assert_eq!(child.range(range), child.inherits_range);
        assert_eq!(index.by_name("other").map(|e| e.role.location.as_str()), Some("file:///w/sub/other.md"));
    }

    /// Counts reads and their sizes.
    struct Counting {
        inner: MemoryFs,
        reads: std::sync::Mutex<Vec<usize>>,
    }

    impl FileSystem for Counting {
        fn read(&self, uri: &str) -> Option<String> {
            let text = self.inner.read(uri)?;
            self.reads.lock().unwrap().push(text.len());
            Some(text)
        }

        fn read_head(&self, uri: &str, max: usize) -> Option<String> {
            let text = self.inner.read_head(uri, max)?;
            self.reads.lock().unwrap().push(text.len());
            Some(text)
        }

        fn list_markdown(&self, folder: &str) -> Vec<String> {
            self.inner.list_markdown(folder)
        }
    }

    #[test]
    fn only_the_start_of_a_file_is_read() {
        let fs = Counting { inner: MemoryFs::new(), reads: Default::default() };
        let body = "Lorem ipsum dolor sit amet.\n".repeat(100_000);
        fs.inner.insert("file:///w/big.md", format!("---\nrole: big\ninherits: base\n---\n{body}"));
        fs.inner.insert("file:///w/notes.md", format!("# Notes\n{body}"));
        // A frontmatter longer than the first read.
        let long = format!("---\nrole: long\ndescription: {}\n---\n{body}", "x".repeat(FIRST_READ));
        fs.inner.insert("file:///w/long.md", long);
        // Never closed within HEAD_BYTES: not indexed, and no more than HEAD_BYTES read.
        fs.inner.insert("file:///w/open.md", format!("---\nrole: open\n{}", "key: value\n".repeat(HEAD_BYTES)));
        let big = IndexEntry::read(&fs, "file:///w/big.md", PositionEncoding::Utf16, &Policy::default()).unwrap();
        assert_eq!(big.role.inherits.map(|(n, _)| n), Some("base".to_string()));
        assert!(IndexEntry::read(&fs, "file:///w/notes.md", PositionEncoding::Utf16, &Policy::default()).is_none());
        let long = IndexEntry::read(&fs, "file:///w/long.md", PositionEncoding::Utf16, &Policy::default()).unwrap();
        assert_eq!(long.role.name, "long");
        assert!(IndexEntry::read(&fs, "file:///w/open.md", PositionEncoding::Utf16, &Policy::default()).is_none());
        let reads = fs.reads.lock().unwrap().clone();
        assert_eq!(reads, [FIRST_READ, FIRST_READ, FIRST_READ, HEAD_BYTES, FIRST_READ, HEAD_BYTES]);
        // A short file is read whole.
        fs.inner.insert("file:///w/short.md", "---\nrole: short\nversion: 1.0.0\n---");
        assert_eq!(
            IndexEntry::read(&fs, "file:///w/short.md", PositionEncoding::Utf16, &Policy::default()).unwrap().role.name,
            "short"
        );
    }
}
