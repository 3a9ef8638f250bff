//! The shared corpus (`../shared`, read-only, beside the repository as in CI)
//! for regression tests: every Markdown file in it.

use std::path::PathBuf;

pub(crate) fn files() -> Vec<PathBuf> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
    let mut files = Vec::new();
    let mut dirs = vec![PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md" || e == "mdc") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 100, "corpus not found under {root}");
    files.sort();
    files
}
