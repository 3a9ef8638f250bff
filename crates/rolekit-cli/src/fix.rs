//! `--fix`: apply safe fixes until none is left, then write the file atomically.

use std::fs;
use std::io::Write;
use std::path::Path;

use rolekit_core::analysis::{self, Context};
use rolekit_core::{Diagnostic, Document};

/// Rounds of fixing at most (a fix that overlaps another waits for the next round).
const MAX_ROUNDS: usize = 8;

/// Applies the safe fixes of `doc` repeatedly; returns the final document,
/// its diagnostics and how many fixes were applied.
pub fn fix_document(mut doc: Document, ctx: &Context) -> (Document, Vec<Diagnostic>, usize) {
    let mut fixed = 0;
    for _ in 0..MAX_ROUNDS {
        let diagnostics = analysis::check(&doc, ctx);
        let (text, applied) = rolekit_core::fix::apply_safe_fixes(doc.text(), &diagnostics);
        if applied.is_empty() || text == doc.text() {
            return (doc, diagnostics, fixed);
        }
        fixed += applied.len();
        doc = Document::new(text);
    }
    let diagnostics = analysis::check(&doc, ctx);
    (doc, diagnostics, fixed)
}

/// Replaces `path`'s content with `bytes`: a temporary file in the same
/// folder, the original permissions, then a rename (readers never see half a file).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Write through a symlink to its target instead of replacing the link.
    let target =
        if fs::symlink_metadata(path)?.file_type().is_symlink() { fs::canonicalize(path)? } else { path.to_path_buf() };
    let permissions = fs::metadata(&target)?.permissions();
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".rolekit-fix-").suffix(".tmp").tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
