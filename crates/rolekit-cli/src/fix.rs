//! `--fix`: the core's fix-all loop ([`rolekit_core::fix::fix_all`]), then a
//! careful write: never over a file that changed since it was read, never
//! breaking a hard link, never leaving half a file.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::fsio::{self, describe};

/// Why the fixed text was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file on disk is no longer what was read and fixed.
    Changed,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => {
                f.write_str("the file changed on disk while it was being checked; not overwritten (run again)")
            }
            WriteError::Io(e) => write!(f, "cannot write the fixes: {}", describe(e)),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replaces `path`'s content (`original`, as read) with `fixed`.
///
/// The file is read again first and left alone if it differs from `original`.
/// A file with several hard links is rewritten in place, so every link keeps
/// seeing it; otherwise a temporary file in the same folder, with the
/// original permissions, replaces it by rename (readers never see half a
/// file). A symlink is written through to its target.
pub fn write_fixed(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    let target =
        if fs::symlink_metadata(path)?.file_type().is_symlink() { fs::canonicalize(path)? } else { path.to_path_buf() };
    let limit = original.len() as u64;
    let (current, metadata) = match fsio::read_regular(&target, limit) {
        Ok(read) => read,
        Err(fsio::ReadError::Io(e)) => return Err(WriteError::Io(e)),
        Err(_) => return Err(WriteError::Changed),
    };
    if current != original {
        return Err(WriteError::Changed);
    }
    if links(&metadata) > 1 {
        let mut file = fs::OpenOptions::new().write(true).truncate(true).open(&target)?;
        file.write_all(fixed)?;
        file.sync_all()?;
        return Ok(());
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".rolekit-fix-").suffix(".tmp").tempfile_in(&dir)?;
    tmp.write_all(fixed)?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), metadata.permissions())?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn links(metadata: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink()
}

#[cfg(not(unix))]
fn links(_metadata: &fs::Metadata) -> u64 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let f = dir.path().join("a.md");
        fs::write(&f, "old\nappended meanwhile\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(write_fixed(&f, b"old\n", b"new\n"), Err(WriteError::Changed)));
        assert_eq!(fs::read_to_string(&f).unwrap_or_default(), "old\nappended meanwhile\n");
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_keep_their_identity() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        fs::write(&a, "old\n").unwrap_or_else(|e| panic!("{e}"));
        fs::hard_link(&a, &b).unwrap_or_else(|e| panic!("{e}"));
        let inode = fs::metadata(&a).map(|m| m.ino()).unwrap_or_default();
        write_fixed(&a, b"old\n", b"new\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read_to_string(&b).unwrap_or_default(), "new\n");
        assert_eq!(fs::metadata(&a).map(|m| m.ino()).unwrap_or_default(), inode);
    }

    #[test]
    fn a_plain_file_is_replaced_whole_with_its_permissions() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let f = dir.path().join("a.md");
        fs::write(&f, "old\n").unwrap_or_else(|e| panic!("{e}"));
        write_fixed(&f, b"old\n", b"new\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read_to_string(&f).unwrap_or_default(), "new\n");
    }
}
