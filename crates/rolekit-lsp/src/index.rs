//! The workspace index: every role file under the workspace folders, by URI,
//! with what completion, hover and find-references need.

use std::collections::BTreeMap;

use rolekit_core::{Document, TextRange};

use crate::uri;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleEntry {
    pub uri: String,
    /// The `role` value (the file stem when the file has none yet).
    pub name: String,
    pub description: Option<String>,
    /// The parent named by `inherits`, with the value's byte range.
    pub inherits: Option<(String, TextRange)>,
    /// The `inherits` value's range in LSP positions (computed once, in the
    /// session's encoding: find-references answers without reading the file).
    pub inherits_range: Option<tower_lsp_server::ls_types::Range>,
}

impl RoleEntry {
    /// An entry for a role file; `None` for other Markdown.
    pub fn from_document(uri: &str, doc: &Document, encoding: rolekit_core::PositionEncoding) -> Option<Self> {
        if !doc.is_role_file() {
            return None;
        }
        let name = doc.role().map(str::to_string).or_else(|| uri::file_stem(uri))?;
        let description = doc.root().and_then(|r| r.get("description")).and_then(|n| n.as_str()).map(str::to_string);
        let inherits = doc.inherits().and_then(|n| Some((n.as_str()?.to_string(), n.range)));
        let lines = crate::convert::Lines::of(doc, encoding);
        let inherits_range = inherits.as_ref().map(|(_, r)| lines.range(*r));
        Some(RoleEntry { uri: uri.to_string(), name, description, inherits, inherits_range })
    }

    pub fn folder(&self) -> &str {
        uri::folder(&self.uri)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Index {
    entries: BTreeMap<String, RoleEntry>,
}

impl Index {
    pub fn insert(&mut self, entry: RoleEntry) {
        self.entries.insert(entry.uri.clone(), entry);
    }

    pub fn remove(&mut self, uri: &str) {
        self.entries.remove(uri);
    }

    pub fn get(&self, uri: &str) -> Option<&RoleEntry> {
        self.entries.get(uri)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> impl Iterator<Item = &RoleEntry> {
        self.entries.values()
    }

    /// Role files in the folder `folder` (a URI ending in `/`).
    pub fn in_folder<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a RoleEntry> + 'a {
        self.entries
            .range(folder.to_string()..)
            .take_while(move |(k, _)| k.starts_with(folder))
            .map(|(_, e)| e)
            .filter(move |e| e.folder() == folder)
    }

    /// The first role named `name`, anywhere (for documents without a folder).
    pub fn by_name(&self, name: &str) -> Option<&RoleEntry> {
        self.entries.values().find(|e| e.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolekit_core::PositionEncoding;

    #[test]
    fn entries_by_folder() {
        let mut index = Index::default();
        for (uri, text) in [
            ("file:///w/base.md", "---\nrole: base\ndescription: Base\n---\n"),
            ("file:///w/child.md", "---\nrole: child\ninherits: base\n---\n"),
            ("file:///w/sub/other.md", "---\nrole: other\n---\n"),
            ("file:///w/README.md", "# Readme\n"),
        ] {
            if let Some(e) = RoleEntry::from_document(uri, &Document::new(text.to_string()), PositionEncoding::Utf16) {
                index.insert(e);
            }
        }
        assert_eq!(index.len(), 3);
        let names: Vec<_> = index.in_folder("file:///w/").map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["base", "child"]);
        let child = index.get("file:///w/child.md").unwrap();
        assert_eq!(child.inherits.as_ref().map(|(n, _)| n.as_str()), Some("base"));
        assert_eq!(
            child.inherits_range.unwrap().start,
            tower_lsp_server::ls_types::Position { line: 2, character: 10 }
        );
        assert_eq!(index.by_name("other").map(|e| e.uri.as_str()), Some("file:///w/sub/other.md"));
    }
}
