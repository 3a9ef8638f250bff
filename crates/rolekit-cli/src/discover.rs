//! Which files `check` looks at: named files as they are, directories walked
//! with the `ignore` crate (respecting `.gitignore`, entering hidden folders
//! such as `.ai/` but never `.git/`) for Markdown files. Whether a file is a
//! role file is decided later, per file, by the core's policy from the start
//! of its text.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use rolekit_core::policy::{self, NotInScope};

use crate::config::Project;
use crate::fsio::describe;

/// A file to look at.
#[derive(Debug)]
pub struct Target {
    pub path: PathBuf,
    /// The path as shown in output (as given, without a leading `./`).
    pub display: String,
    /// Named on the command line (a non-role file gets a note instead of silence).
    pub explicit: bool,
    /// Device and inode (or the canonical path off Unix): one file named
    /// twice, or named and walked, is checked once.
    identity: Option<(u64, u64)>,
}

impl Target {
    /// What a file that is none of rolekit's business comes to: silence when
    /// it was walked past (or with `--roles-only`), one note when it was
    /// named, saying `what` rolekit looked for, why this is not one, and
    /// what was done (`verdict`).
    pub fn out_of_scope(&self, why: NotInScope, roles_only: bool, what: &str, verdict: &str) -> Option<String> {
        (self.explicit && !roles_only)
            .then(|| format!("{}: not a {what} ({}); {verdict}", printable(&self.display), why.describe()))
    }
}

/// The files under `paths`, sorted by display path, each once. Problems
/// (missing paths, unreadable directories) go to `errors`; the rest is still collected.
pub fn collect(paths: &[PathBuf], project: &Project, errors: &mut Vec<String>) -> Vec<Target> {
    let mut targets = Vec::new();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{}: {}", printable(&display(root)), describe(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            // One folder walked alone yields each file once: no identity
            // (a system call per file) is needed to tell files apart.
            walk(root, project, paths.len() > 1, &mut targets, errors);
        } else if !project.relative(root).is_some_and(|rel| project.config.exclude.matches_path_or_parent(&rel)) {
            targets.push(Target {
                display: display(root),
                path: root.clone(),
                explicit: true,
                identity: identity(&meta),
            });
        }
    }
    targets.sort_by(|a, b| a.display.cmp(&b.display).then(b.explicit.cmp(&a.explicit)));
    let mut seen = std::collections::HashSet::new();
    targets.retain(|t| match t.identity {
        Some(id) => seen.insert(id),
        None => true,
    });
    targets
}

fn walk(root: &Path, project: &Project, identify: bool, targets: &mut Vec<Target>, errors: &mut Vec<String>) {
    let exclude = project.config.exclude.clone();
    let relative = {
        let root = project.root.clone();
        let cwd = project.cwd.clone();
        move |p: &Path| {
            let abs = crate::config::absolute(&cwd, p);
            abs.strip_prefix(&root).ok().map(|r| r.to_string_lossy().replace('\\', "/"))
        }
    };
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if !is_dir || entry.depth() == 0 {
                return true;
            }
            if !entry.file_name().to_str().is_none_or(policy::descend) {
                return false;
            }
            !relative(entry.path()).is_some_and(|rel| exclude.matches_path_or_parent(&rel))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        // Regular files only: symlinks to devices or FIFOs are never opened.
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        // `.mdc`: Cursor rules (the policy takes them under `.cursor/rules/` only).
        let is_md = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("mdc"));
        // A valora registry is looked at too; the policy decides whether it is one.
        let is_registry = path.file_name().is_some_and(|n| n == "registry.json");
        if !(is_md || is_registry)
            || project.relative(path).is_some_and(|rel| project.config.exclude.matches_path_or_parent(&rel))
        {
            continue;
        }
        let identity = if identify { entry.metadata().ok().and_then(|m| identity(&m)) } else { None };
        targets.push(Target { display: display(path), path: entry.into_path(), explicit: false, identity });
    }
}

/// The Markdown files of a valora tree (the folder holding `agents/`,
/// `commands/` and `prompts/`): `agents/*.md`, `commands/*.md`,
/// `prompts/*.md` and `prompts/<category>/*.md`, as `/`-separated paths
/// relative to `tree`, sorted. For the project index: one `read_dir` per
/// folder, no deeper walk, no system call per file.
pub fn valora_tree_files(tree: &Path) -> Vec<String> {
    let mut out = Vec::new();
    // The Markdown files of `tree/folder` into `out`; its subfolders (not
    // hidden, not `_meta`-like) into `subdirs` when given.
    let md_in = |folder: &str, out: &mut Vec<String>, mut subdirs: Option<&mut Vec<String>>| {
        let Ok(entries) = std::fs::read_dir(tree.join(folder)) else { return };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if kind.is_file() && Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
                out.push(format!("{folder}/{name}"));
            } else if kind.is_dir() && !name.starts_with(['.', '_']) {
                if let Some(dirs) = subdirs.as_deref_mut() {
                    dirs.push(format!("{folder}/{name}"));
                }
            }
        }
    };
    md_in("agents", &mut out, None);
    md_in("commands", &mut out, None);
    let mut categories = Vec::new();
    md_in("prompts", &mut out, Some(&mut categories));
    for folder in &categories {
        md_in(folder, &mut out, None);
    }
    out.sort();
    out
}

/// How a path found by the index is shown: relative to `cwd` when below it.
pub fn display_from(cwd: &Path, path: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(rel) => display(rel),
        Err(_) => display(path),
    }
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut s: &str = &s;
    while let Some(rest) = s.strip_prefix("./") {
        s = rest.trim_start_matches('/');
    }
    if s.is_empty() {
        ".".to_string()
    } else {
        s.to_string()
    }
}

/// A path as text safe to print to a terminal or a CI log: control
/// characters (an escape sequence in a file name) are written as `\u{1b}`.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("roles/qa.md"), "roles/qa.md");
        assert_eq!(printable("a\u{1b}[31mred.md"), "a\\u{1b}[31mred.md");
        assert_eq!(printable("new\nline.md"), "new\\u{a}line.md");
    }
}
