//! Output formats, one file each. Workers render each file's report in
//! parallel ([`Output::render`]); the main thread writes the rendered pieces
//! in path order, so output streams and never holds every file at once.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod stats;

use std::io::{self, Write};
use std::path::Path;

use rolekit_core::{Diagnostic, Document, Position, PositionEncoding, Severity};

use crate::cli::Format;

/// A file with more diagnostics than this is written by the main thread
/// slice by slice ([`Output::write_large`]) instead of rendered whole by a worker.
pub const LARGE: usize = 2048;
/// Diagnostics rendered at once when writing a large file.
const LARGE_CHUNK: usize = 512;

/// One checked file, as the formats see it.
#[derive(Clone, Copy)]
pub struct FileReport<'a> {
    /// The path as shown (relative when given relative, `/`-separated).
    pub path: &'a str,
    pub doc: &'a Document,
    pub diagnostics: &'a [Diagnostic],
}

/// Totals over every checked file.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Fixes applied by `--fix`, and in how many files.
    pub fixed: usize,
    pub files_fixed: usize,
}

/// Diagnostics of one file by severity.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
                Severity::Hint => c.hints += 1,
            }
        }
        c
    }
}

impl Summary {
    pub fn add(&mut self, counts: Counts, fixed: usize) {
        self.files += 1;
        self.errors += counts.errors;
        self.warnings += counts.warnings;
        self.infos += counts.infos;
        self.hints += counts.hints;
        self.fixed += fixed;
        self.files_fixed += usize::from(fixed > 0);
    }
}

pub trait Output: Sync {
    fn begin(&mut self, _w: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Renders one file (called from worker threads).
    fn render(&self, file: &FileReport) -> String;

    /// Writes one rendered file, in path order.
    fn write_file(&mut self, w: &mut dyn Write, rendered: &str) -> io::Result<()> {
        w.write_all(rendered.as_bytes())
    }

    /// Writes a file with many diagnostics straight to `w`, a slice of
    /// diagnostics at a time, so its report is never held whole in memory.
    /// Formats whose per-file output cannot be split override this.
    fn write_large(&mut self, w: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        for chunk in file.diagnostics.chunks(LARGE_CHUNK) {
            let part = self.render(&FileReport { diagnostics: chunk, ..*file });
            self.write_file(w, &part)?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

pub fn new(format: Format, color: bool, cwd: &Path) -> Box<dyn Output> {
    match format {
        Format::Human => Box::new(human::Human::new(color)),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::new(cwd)),
        Format::Github => Box::new(github::Github),
    }
}

/// 0-based line and UTF-16 character of a byte offset (the LSP convention).
pub fn position(doc: &Document, offset: usize) -> Position {
    doc.line_index().position(doc.text(), offset, PositionEncoding::Utf16)
}
