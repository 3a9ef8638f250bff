//! Reading files the way a checker run on untrusted trees must: only regular
//! files are ever opened for reading (a FIFO, a socket or `/dev/zero` named
//! as a role, a parent or a config never blocks or grows memory), and never
//! more than a bound.
//!
//! Files are opened non-blocking and checked *after* opening (`fstat` on the
//! open handle), so swapping a file for a FIFO between a check and the open
//! cannot make rolekit hang.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use rolekit_core::policy;

/// What [`OpenFile::read_deciding_head`] reads first.
const FIRST_HEAD_READ: usize = 8 * 1024;

/// Why a file was not read, worded for `error: <path>: <why>`.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// Not a regular file: what it is instead.
    NotRegular(&'static str),
    /// Larger than the limit (its size, the limit), in bytes.
    TooLarge(u64, u64),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&describe(e)),
            ReadError::NotRegular(what) => write!(f, "not a regular file ({what}); rolekit reads only regular files"),
            ReadError::TooLarge(size, limit) => {
                write!(f, "{} is larger than the {} limit for a role file", human_size(*size), human_size(*limit))
            }
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

pub fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => e.to_string(),
    }
}

fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// An open regular file and its metadata (taken from the open handle).
pub struct OpenFile {
    file: File,
    pub metadata: Metadata,
}

/// Opens `path` for reading if it is a regular file (symlinks followed).
pub fn open_regular(path: &Path) -> Result<OpenFile, ReadError> {
    let file = open_nonblocking(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind_name(&metadata)));
    }
    Ok(OpenFile { file, metadata })
}

/// [`open_regular`] for a path that must not be a symlink itself:
/// `Ok(None)` when it is one (the caller resolves it), so a file known to
/// sit in a folder inside the project needs no `canonicalize`.
#[cfg(unix)]
pub fn open_regular_no_symlink(path: &Path) -> Result<Option<OpenFile>, ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    let opened = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW).open(path);
    let file = match opened {
        Ok(file) => file,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind_name(&metadata)));
    }
    Ok(Some(OpenFile { file, metadata }))
}

/// Without `O_NOFOLLOW`, every path is resolved by the caller.
#[cfg(not(unix))]
pub fn open_regular_no_symlink(_path: &Path) -> Result<Option<OpenFile>, ReadError> {
    Ok(None)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of
    // waiting for one; on a regular file it changes nothing.
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn kind_name(m: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind_name(m: &Metadata) -> &'static str {
    if m.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

impl OpenFile {
    /// Reads at most `limit` bytes from the start.
    pub fn read_head(&mut self, limit: usize) -> io::Result<Vec<u8>> {
        let mut head = Vec::with_capacity(limit.min(self.metadata.len() as usize));
        self.read_to(&mut head, limit as u64)?;
        Ok(head)
    }

    /// The start of the file that decides what it is (see
    /// [`policy::head_decides`]): a first read of a few kilobytes, enough
    /// for the frontmatter of nearly every real document, and on to
    /// [`policy::HEAD_BYTES`] only when its frontmatter goes on.
    pub fn read_deciding_head(&mut self) -> io::Result<Vec<u8>> {
        let mut head = self.read_head(FIRST_HEAD_READ)?;
        if !policy::head_decides(&policy::head_text(&head), head.len() < FIRST_HEAD_READ) {
            self.extend_head(&mut head, policy::HEAD_BYTES)?;
        }
        Ok(head)
    }

    /// Reads on after `head` (what [`read_head`](Self::read_head) returned)
    /// until it holds `limit` bytes or the file ends.
    pub fn extend_head(&mut self, head: &mut Vec<u8>, limit: usize) -> io::Result<()> {
        self.read_to(head, limit as u64)
    }

    /// Reads the rest of the file after `head` (what [`read_head`](Self::read_head)
    /// returned), refusing files over `limit` bytes, even ones that grow while read.
    pub fn read_rest(mut self, mut head: Vec<u8>, limit: u64) -> Result<Vec<u8>, ReadError> {
        let size = self.metadata.len();
        if size > limit {
            return Err(ReadError::TooLarge(size, limit));
        }
        head.reserve((size as usize).saturating_sub(head.len()));
        self.read_to(&mut head, limit + 1)?;
        if head.len() as u64 > limit {
            return Err(ReadError::TooLarge(head.len() as u64, limit));
        }
        Ok(head)
    }

    /// Appends to `buf` until it holds `limit` bytes or the file ends. The
    /// file is taken to end at the size it had when opened (no read past it
    /// to find the end: one system call fewer per file); a file whose size
    /// says nothing (0, as some virtual files report) is read to its end.
    fn read_to(&mut self, buf: &mut Vec<u8>, limit: u64) -> io::Result<()> {
        let size = self.metadata.len();
        let until = if size > 0 { limit.min(size) } else { limit };
        let more = until.saturating_sub(buf.len() as u64);
        (&mut self.file).take(more).read_to_end(buf)?;
        Ok(())
    }
}

/// Reads a whole regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<(Vec<u8>, Metadata), ReadError> {
    let file = open_regular(path)?;
    let metadata = file.metadata.clone();
    let bytes = file.read_rest(Vec::new(), limit)?;
    Ok((bytes, metadata))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let fifo = dir.path().join("p.md");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap_or_default();
        // SAFETY: a valid NUL-terminated path; mkfifo has no other preconditions.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = open_regular(&fifo).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("not a regular file (a FIFO); rolekit reads only regular files"));
    }

    #[test]
    fn devices_and_large_files_are_refused() {
        let err = read_regular(Path::new("/dev/zero"), 1024).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("character device")));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let big = dir.path().join("big.md");
        std::fs::write(&big, vec![b'x'; 4096]).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(read_regular(&big, 1000), Err(ReadError::TooLarge(4096, 1000))));
        assert_eq!(read_regular(&big, 4096).map(|(b, _)| b.len()).ok(), Some(4096));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_whose_size_says_nothing_is_read_to_its_end() {
        // `/proc` files are regular and report a size of 0.
        let (bytes, meta) = read_regular(Path::new("/proc/self/status"), 1024 * 1024).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(meta.len(), 0);
        assert!(String::from_utf8_lossy(&bytes).contains("Name:"));
        assert!(matches!(read_regular(Path::new("/proc/self/status"), 10), Err(ReadError::TooLarge(11, 10))));
    }

    #[test]
    fn a_symlink_is_left_to_the_caller() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("base.md");
        std::fs::write(&file, b"---\nrole: base\n---\n").unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&file, &link).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(open_regular_no_symlink(&file), Ok(Some(_))));
        assert!(matches!(open_regular_no_symlink(&link), Ok(None)));
        assert!(matches!(open_regular_no_symlink(&dir.path().join("none.md")), Err(ReadError::Io(_))));
        assert!(matches!(open_regular_no_symlink(dir.path()), Err(ReadError::NotRegular("a directory"))));
    }

    #[test]
    fn the_head_then_the_rest() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let f = dir.path().join("a.md");
        std::fs::write(&f, b"0123456789").unwrap_or_else(|e| panic!("{e}"));
        let mut open = open_regular(&f).unwrap_or_else(|e| panic!("{e}"));
        let mut head = open.read_head(2).unwrap_or_default();
        assert_eq!(head, b"01");
        assert!(open.extend_head(&mut head, 4).is_ok());
        assert_eq!(head, b"0123");
        assert_eq!(open.read_rest(head, 100).ok().as_deref(), Some(&b"0123456789"[..]));
    }
}
