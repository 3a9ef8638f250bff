//! Background indexing: the workspace folders are listed, then their
//! Markdown files read (only their start, see [`IndexEntry::read`]) in
//! slices, each a job of its own, so requests and document checks run
//! between them. Files beside open documents go first. Until it is complete
//! the index answers with what it knows; parents never wait for it (they
//! are read from disk on demand).

use std::collections::VecDeque;
use std::sync::Mutex;

use super::index::IndexEntry;
use super::{lock, Workspace};
use crate::fs::FileSystem;
use crate::uri;

/// How much one slice may do.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// Files read per slice at most.
    pub files: usize,
    /// Milliseconds per slice at most, when there is a clock.
    pub ms: f64,
}

impl Budget {
    /// On a thread of its own: large slices (the lock is taken once per slice).
    pub const THREAD: Budget = Budget { files: 256, ms: 100.0 };
    /// Taking turns with the message loop on one thread: short slices.
    pub const SHARED: Budget = Budget { files: 64, ms: 8.0 };
}

#[derive(Debug, Default)]
pub struct Indexing {
    /// Workspace folders still to list.
    roots: VecDeque<String>,
    /// Listed files not read yet.
    pending: VecDeque<String>,
    /// Folders whose files go first (those of open documents).
    first: Vec<String>,
    pub listed: usize,
    pub read: usize,
    pub running: bool,
    pub complete: bool,
}

impl Indexing {
    /// Starts over with `roots`.
    pub fn start(roots: &[String]) -> Self {
        Indexing { roots: roots.iter().cloned().collect(), running: true, ..Indexing::default() }
    }

    /// Reads the files of `folder` before the others.
    pub fn prioritize(&mut self, folder: &str) {
        if folder.is_empty() || self.complete || self.first.iter().any(|f| f == folder) {
            return;
        }
        self.first.push(folder.to_string());
        let (mut now, later): (VecDeque<String>, VecDeque<String>) =
            self.pending.drain(..).partition(|f| uri::folder(f) == folder);
        now.extend(later);
        self.pending = now;
    }

    /// Percentage done (listing counts as nothing).
    pub fn percentage(&self) -> u32 {
        if self.listed == 0 {
            return 0;
        }
        ((self.read * 100) / self.listed).min(100) as u32
    }

    fn add_listed(&mut self, files: Vec<String>) {
        self.listed += files.len();
        let (first, rest): (Vec<String>, Vec<String>) =
            files.into_iter().partition(|f| self.first.iter().any(|folder| uri::folder(f) == folder));
        for f in first.into_iter().rev() {
            self.pending.push_front(f);
        }
        self.pending.extend(rest);
    }
}

/// What a slice left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slice {
    More,
    /// The index is complete (this slice completed it).
    Complete,
    /// Nothing was running (a restart replaced this run, or it was complete).
    Idle,
}

/// Runs one slice: lists one workspace folder, or reads up to a budget of files.
pub fn slice(
    workspace: &Mutex<Workspace>,
    fs: &dyn FileSystem,
    budget: Budget,
    clock: &dyn Fn() -> Option<f64>,
) -> Slice {
    let (root, batch, encoding, run) = {
        let mut w = lock(workspace);
        let encoding = w.encoding;
        let run = w.index_run;
        let ix = &mut w.indexing;
        if !ix.running {
            return Slice::Idle;
        }
        match ix.roots.pop_front() {
            Some(root) => (Some(root), Vec::new(), encoding, run),
            None => {
                let n = budget.files.min(ix.pending.len());
                (None, ix.pending.drain(..n).collect::<Vec<_>>(), encoding, run)
            }
        }
    };
    if let Some(root) = root {
        let files = fs.list_markdown(&root);
        let mut w = lock(workspace);
        if w.index_run == run {
            w.indexing.add_listed(files);
        }
        return Slice::More;
    }
    let start = clock();
    let mut entries = Vec::with_capacity(batch.len());
    let mut read = 0;
    for file in &batch {
        entries.push(IndexEntry::read(fs, file, encoding));
        read += 1;
        if let (Some(t0), Some(now)) = (start, clock()) {
            if now - t0 >= budget.ms {
                break;
            }
        }
    }
    let mut w = lock(workspace);
    if w.index_run != run {
        return Slice::Idle;
    }
    for (file, entry) in batch.iter().zip(entries) {
        match entry {
            Some(e) => w.index.insert(e),
            None => w.index.remove(file),
        }
    }
    let ix = &mut w.indexing;
    // What the budget left unread goes back in front.
    for file in batch.into_iter().skip(read).rev() {
        ix.pending.push_front(file);
    }
    ix.read += read;
    if ix.roots.is_empty() && ix.pending.is_empty() {
        ix.running = false;
        ix.complete = true;
        Slice::Complete
    } else {
        Slice::More
    }
}
