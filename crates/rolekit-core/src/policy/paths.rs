//! File names and folders as rolekit sees them: a document's stem, where a
//! parent role lives, and the project root. Paths here are strings with `/`
//! separators (file paths or URI paths), so every adapter agrees.

/// The file name without its folder and its `.md`/`.mdc` extension:
/// `roles/qa.md` → `qa`. `role:` must match it; a leading `_` marks a template.
pub fn file_stem(path: &str) -> &str {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let lower = base.to_ascii_lowercase();
    for ext in [".md", ".mdc", ".markdown"] {
        if lower.ends_with(ext) && base.len() > ext.len() {
            return &base[..base.len() - ext.len()];
        }
    }
    base
}

/// The extensions (lower case) of the files a walk lists and asks
/// [`classify`](super::classify) about: Markdown, and Cursor's `.mdc` rules.
pub const DOCUMENT_EXTENSIONS: [&str; 2] = [".md", ".mdc"];

/// Whether a file name has one of the [`DOCUMENT_EXTENSIONS`] (any case).
pub fn is_document_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    DOCUMENT_EXTENSIONS
        .iter()
        .any(|ext| bytes.len() > ext.len() && bytes[bytes.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes()))
}

/// The file holding the parent role `name` that `inherits: name` asks for:
/// `<name>.md` in the child's own folder. `None` when `name` is not a plain
/// role name (a path, a hidden file, empty, or absurdly long): `inherits`
/// never reaches outside the child's folder.
pub fn parent_file_name(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0', ':'])
        && !name.chars().any(char::is_control)
        && name.trim() == name;
    ok.then(|| format!("{name}.md"))
}

/// Whether a walk of the project enters the folder `name`. Hidden folders
/// are entered (valora's older `.ai/agents`, `.claude/agents`,
/// `.github/agents` hold agent files); version-control internals and
/// dependency or build output never are. `.gitignore` applies on top where
/// the adapter can read it.
pub fn descend(name: &str) -> bool {
    !matches!(name, ".git" | ".hg" | ".svn" | ".jj" | "node_modules" | "target" | ".venv" | "__pycache__")
}

/// What a folder holds that decides the project root.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FolderMarkers {
    /// A `rolekit.toml`.
    pub config: bool,
    /// A `.git` (the top of a repository).
    pub repository: bool,
}

/// Where the project starts, as an index into the folders passed to [`project_root`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProjectRoot {
    /// The root folder.
    pub folder: usize,
    /// It holds the configuration file.
    pub has_config: bool,
}

/// The project root among `folders`: the start folder and its ancestors,
/// nearest first. The nearest folder with a `rolekit.toml` wins, looking no
/// higher than the top of the repository; else the top of the repository;
/// else the start folder. Parents are only read inside the root.
pub fn project_root(folders: impl IntoIterator<Item = FolderMarkers>) -> ProjectRoot {
    for (i, markers) in folders.into_iter().enumerate() {
        if markers.config {
            return ProjectRoot { folder: i, has_config: true };
        }
        if markers.repository {
            return ProjectRoot { folder: i, has_config: false };
        }
    }
    ProjectRoot { folder: 0, has_config: false }
}

/// `path` relative to `root` (both `/`-separated, `root` a folder), or `None`
/// when it lies outside.
pub fn relative_to<'a>(path: &'a str, root: &str) -> Option<&'a str> {
    let root = root.trim_end_matches('/');
    if root.is_empty() {
        return Some(path.trim_start_matches('/'));
    }
    let rest = path.strip_prefix(root)?;
    rest.strip_prefix('/').or_else(|| rest.is_empty().then_some(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(file_stem("roles/qa.md"), "qa");
        assert_eq!(file_stem("C:\\roles\\_template.MD"), "_template");
        assert_eq!(file_stem("rule.mdc"), "rule");
        assert!(is_document_name("a/QA.MD") && is_document_name("x.mdc") && is_document_name("x.agent.md"));
        assert!(!is_document_name("notes.txt") && !is_document_name(".md") && !is_document_name("x.markdown"));
        assert_eq!(file_stem("file:///w/a.b.md"), "a.b");
        assert_eq!(file_stem("README"), "README");
        assert_eq!(file_stem(".md"), ".md");
    }

    #[test]
    fn parents_are_plain_names_beside_the_child() {
        assert_eq!(parent_file_name("platform-engineer").as_deref(), Some("platform-engineer.md"));
        for bad in ["", "../etc/passwd", "a/b", "a\\b", ".hidden", "a\0b", " padded", "c:x", "a\nb"] {
            assert_eq!(parent_file_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_root_is_the_config_folder_else_the_repository() {
        let none = FolderMarkers::default();
        let config = FolderMarkers { config: true, repository: false };
        let repo = FolderMarkers { config: false, repository: true };
        assert_eq!(project_root([none, config, repo]), ProjectRoot { folder: 1, has_config: true });
        assert_eq!(project_root([none, repo, config]), ProjectRoot { folder: 1, has_config: false });
        assert_eq!(project_root([none, none]), ProjectRoot { folder: 0, has_config: false });
        let both = FolderMarkers { config: true, repository: true };
        assert_eq!(project_root([both]), ProjectRoot { folder: 0, has_config: true });
    }

    #[test]
    fn walks_enter_hidden_agent_folders_but_not_repositories_or_dependencies() {
        for yes in [".ai", ".claude", ".github", "agents", "data"] {
            assert!(descend(yes), "{yes}");
        }
        for no in [".git", "node_modules", "target"] {
            assert!(!descend(no), "{no}");
        }
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_to("/w/a/b.md", "/w"), Some("a/b.md"));
        assert_eq!(relative_to("/w/a/b.md", "/w/"), Some("a/b.md"));
        assert_eq!(relative_to("/wx/a.md", "/w"), None);
        assert_eq!(relative_to("/other/a.md", "/w"), None);
    }
}
