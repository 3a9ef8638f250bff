//! Which files `check` looks at: named files as they are, directories walked
//! with the `ignore` crate (respecting .gitignore) for `*.md` files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::config::Filter;

/// A file to check.
#[derive(Debug)]
pub struct Target {
    pub path: PathBuf,
    /// The path as shown in output (as given, without a leading `./`).
    pub display: String,
    /// Named on the command line: checked even when it is not a role file.
    pub explicit: bool,
}

/// The files under `paths`, sorted by display path. Problems (missing paths,
/// unreadable directories) go to `errors`; the rest is still collected.
pub fn collect(paths: &[PathBuf], filter: &Filter, errors: &mut Vec<String>) -> Vec<Target> {
    let mut targets = Vec::new();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{}: {}", root.display(), describe(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            walk(root, filter, &mut targets, errors);
        } else if !filter.is_excluded(root) {
            targets.push(Target { display: display(root), path: root.clone(), explicit: true });
        }
    }
    targets.sort_by(|a, b| a.display.cmp(&b.display).then(b.explicit.cmp(&a.explicit)));
    let mut seen = HashSet::new();
    targets.retain(|t| seen.insert(t.display.clone()));
    targets
}

fn walk(root: &Path, filter: &Filter, targets: &mut Vec<Target>, errors: &mut Vec<String>) {
    let dirs = filter.clone();
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && (entry.file_name() == ".git" || (entry.depth() > 0 && dirs.is_excluded(entry.path()))))
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
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let is_md = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if is_md && filter.accepts_walked(path) {
            targets.push(Target { display: display(path), path: entry.into_path(), explicit: false });
        }
    }
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

pub fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
