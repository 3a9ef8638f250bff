//! Background indexing: the workspace folders are walked one folder at a
//! time and their Markdown files read (only their start, see
//! [`FileEntry::read`](super::index::FileEntry::read)), in slices, each a job of its own, so requests and
//! document checks run between them. The folders of open documents go first.
//! Until it is complete the index answers with what it knows; parents never
//! wait for it (they are read from disk on demand).
//!
//! A file system that lists only whole trees ([`FileSystem::list_folder`]
//! returns `None`) is listed one workspace folder per step instead.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

use super::index::FileEntry;
use super::policy::Policy;
use super::{lock, Workspace};
use crate::fs::{FileSystem, MAX_LISTED};
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
    /// On a thread of its own: large slices.
    pub const THREAD: Budget = Budget { files: 256, ms: 100.0 };
    /// Taking turns with the message loop on one thread: short slices.
    pub const SHARED: Budget = Budget { files: 64, ms: 8.0 };
}

/// Folders deeper than this below a workspace folder are not walked.
pub const MAX_DEPTH: usize = 32;

#[derive(Debug, Default)]
pub struct Indexing {
    /// Folders to list, with their depth below their workspace folder.
    folders: VecDeque<(String, usize)>,
    /// Folders listed or queued, and files listed (each once, however spelled twice).
    known: HashSet<String>,
    /// Listed files not read yet.
    pending: VecDeque<String>,
    /// Folders whose files go first (those of open documents).
    first: Vec<String>,
    /// Workspace folders, to tell whether a folder lies in one.
    roots: Vec<String>,
    pub listed: usize,
    pub read: usize,
    pub running: bool,
    pub complete: bool,
}

impl Indexing {
    /// Starts over with `roots`.
    pub fn start(roots: &[String]) -> Self {
        let mut ix = Indexing { roots: roots.to_vec(), running: true, ..Indexing::default() };
        for r in roots {
            if ix.known.insert(r.clone()) {
                ix.folders.push_back((r.clone(), 0));
            }
        }
        ix
    }

    /// Reads the files of `folder` before the others (and lists it first).
    pub fn prioritize(&mut self, folder: &str) {
        if folder.is_empty() || !self.running || self.first.iter().any(|f| f == folder) {
            return;
        }
        self.first.push(folder.to_string());
        let (mut now, later): (VecDeque<String>, VecDeque<String>) =
            self.pending.drain(..).partition(|f| uri::folder(f) == folder);
        now.extend(later);
        self.pending = now;
        let depth =
            self.roots.iter().find_map(|r| folder.strip_prefix(r.as_str())).map(|rest| rest.matches('/').count());
        if let Some(depth) = depth.filter(|&d| d <= MAX_DEPTH) {
            if self.known.insert(folder.to_string()) {
                self.folders.push_front((folder.to_string(), depth));
            } else if let Some(i) = self.folders.iter().position(|(f, _)| f == folder) {
                if let Some(entry) = self.folders.remove(i) {
                    self.folders.push_front(entry);
                }
            }
        }
    }

    /// Percentage of the files listed so far that are read.
    pub fn percentage(&self) -> u32 {
        if self.listed == 0 {
            return 0;
        }
        ((self.read * 100) / self.listed).min(100) as u32
    }

    fn add_files(&mut self, files: Vec<String>) {
        let room = MAX_LISTED.saturating_sub(self.listed);
        let files: Vec<String> = files.into_iter().filter(|f| self.known.insert(f.clone())).take(room).collect();
        self.listed += files.len();
        let (first, rest): (Vec<String>, Vec<String>) =
            files.into_iter().partition(|f| self.first.iter().any(|folder| uri::folder(f) == folder));
        for f in first.into_iter().rev() {
            self.pending.push_front(f);
        }
        self.pending.extend(rest);
    }

    /// Queues the folders the policy enters (`descend`, not excluded).
    fn add_folders(&mut self, folders: Vec<String>, depth: usize, policy: &Policy) {
        if depth > MAX_DEPTH {
            return;
        }
        for f in folders {
            let f = if f.ends_with('/') { f } else { format!("{f}/") };
            if policy.descend(&f) && self.known.insert(f.clone()) {
                self.folders.push_back((f, depth));
            }
        }
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

enum Work {
    File(String),
    Folder(String, usize),
}

/// Runs one slice: reads listed files and lists folders, up to `budget`.
/// The lock is taken per step; files are read and folders listed without it.
pub fn slice(
    workspace: &Mutex<Workspace>,
    fs: &dyn FileSystem,
    budget: Budget,
    clock: &dyn Fn() -> Option<f64>,
) -> Slice {
    let start = clock();
    let mut read = 0;
    loop {
        let (work, encoding, run, policy) = {
            let mut w = lock(workspace);
            let (encoding, run, policy) = (w.encoding, w.index_run, w.policy.clone());
            let ix = &mut w.indexing;
            if !ix.running {
                return Slice::Idle;
            }
            let work = match ix.pending.pop_front() {
                Some(file) => Some(Work::File(file)),
                None => ix.folders.pop_front().map(|(f, depth)| Work::Folder(f, depth)),
            };
            let Some(work) = work else {
                ix.running = false;
                ix.complete = true;
                ix.known = HashSet::new();
                return Slice::Complete;
            };
            (work, encoding, run, policy)
        };
        match work {
            Work::File(file) => {
                let entry = FileEntry::read(fs, &file, encoding, &policy);
                let mut w = lock(workspace);
                if w.index_run != run {
                    return Slice::Idle;
                }
                if w.index.insert_file(&file, entry) && !w.docs.contains_key(&file) {
                    // Documents are checked against the names once indexing completes.
                    w.drop_names();
                }
                w.indexing.read += 1;
                read += 1;
            }
            Work::Folder(folder, depth) => match fs.list_folder(&folder) {
                Some(listing) => {
                    let mut w = lock(workspace);
                    if w.index_run != run {
                        return Slice::Idle;
                    }
                    w.indexing.add_files(listing.files);
                    w.indexing.add_folders(listing.folders, depth + 1, &policy);
                }
                None => {
                    // Only workspace folders are listed whole (the others lie in them).
                    if !lock(workspace).indexing.roots.contains(&folder) {
                        continue;
                    }
                    let files = fs.list_markdown(&folder);
                    let mut w = lock(workspace);
                    if w.index_run != run {
                        return Slice::Idle;
                    }
                    w.indexing.add_files(files);
                    // The whole tree is listed: its subfolders were in it.
                    return Slice::More;
                }
            },
        }
        let late = matches!((start, clock()), (Some(t0), Some(now)) if now - t0 >= budget.ms);
        if read >= budget.files || late {
            return Slice::More;
        }
    }
}
