//! One file, from disk (or from text standing for a file) to its
//! diagnostics: read safely, let the core's policy decide what it is, check
//! it with its parents from disk, and optionally apply the proven fixes.
//! `rolekit check` runs this over a tree; `rolekit mcp` over what an agent asks.

use std::path::Path;

use rolekit_core::analysis::{self, Context};
use rolekit_core::policy::{self, Kind, NotInScope, Scope};
use rolekit_core::{fix, Diagnostic, Document};

use crate::config::Project;
use crate::discover::printable;
use crate::fix::write_fixed;
use crate::fsio;
use crate::resolver::{DirResolver, ParentCache};

/// What checking one file came to.
pub enum FileResult {
    /// Not rolekit's business, and why.
    NotInScope(NotInScope),
    Checked {
        doc: Box<Document>,
        diagnostics: Vec<Diagnostic>,
        /// Fixes applied (and written, for a file on disk).
        fixed: usize,
    },
    /// An I/O or encoding error, already worded with the path.
    Failed(String),
}

/// Checks files of one project, sharing the parsed parents between them.
pub struct Checker<'a> {
    pub project: &'a Project,
    pub parents: &'a ParentCache,
}

impl Checker<'_> {
    /// Checks the file at `path` (shown as `display`); with `fix`, applies the
    /// safe fixes and writes the file when any applied.
    pub fn check_path(&self, path: &Path, display: &str, fix: bool) -> FileResult {
        let shown = printable(display);
        let mut file = match fsio::open_regular(path) {
            Ok(f) => f,
            Err(e) => return FileResult::Failed(format!("{shown}: cannot read: {e}")),
        };
        let head = match file.read_head(policy::HEAD_BYTES) {
            Ok(h) => h,
            Err(e) => return FileResult::Failed(format!("{shown}: cannot read: {}", fsio::describe(&e))),
        };
        let kind = match self.classify(path, display, &policy::head_text(&head)) {
            Scope::In(kind) => kind,
            Scope::Out(why) => return FileResult::NotInScope(why),
        };
        let bytes = match file.read_rest(head, policy::MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(e) => return FileResult::Failed(format!("{shown}: cannot check: {e}")),
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => return FileResult::Failed(invalid_utf8(&shown, e.as_bytes())),
        };
        let original = fix.then(|| text.as_bytes().to_vec());
        let result = self.analyze(Document::new(text), path, display, kind, fix);
        if let (FileResult::Checked { doc, fixed, .. }, Some(original)) = (&result, original) {
            if *fixed > 0 {
                if let Err(e) = write_fixed(path, &original, doc.text().as_bytes()) {
                    return FileResult::Failed(format!("{shown}: {e}"));
                }
            }
        }
        result
    }

    /// Checks `text` as if it were the file at `path` (its kind, its name and
    /// its parents beside it); with `fix`, returns the fixed text, writing nothing.
    pub fn check_text(&self, text: String, path: &Path, fix: bool) -> FileResult {
        let display = path.to_string_lossy().into_owned();
        match self.classify(path, &display, &text) {
            Scope::In(kind) => self.analyze(Document::new(text), path, &display, kind, fix),
            Scope::Out(why) => FileResult::NotInScope(why),
        }
    }

    fn classify(&self, path: &Path, display: &str, head: &str) -> Scope {
        let name = self.project.relative(path).unwrap_or_else(|| display.to_string());
        policy::classify(&self.project.config, Some(&name), head)
    }

    /// Parents of the file at `path`: beside it, inside the project.
    pub fn resolver<'p>(&'p self, path: &'p Path) -> DirResolver<'p> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        DirResolver { dir, real_root: &self.project.real_root, cache: self.parents }
    }

    fn analyze(&self, doc: Document, path: &Path, display: &str, kind: Kind, fix: bool) -> FileResult {
        let resolver = self.resolver(path);
        let ctx = Context {
            file_stem: Some(policy::file_stem(display)),
            kind,
            resolver: &resolver,
            config: &self.project.config.rules,
        };
        if fix {
            let out = fix::fix_all(doc, &ctx);
            FileResult::Checked { doc: Box::new(out.document), diagnostics: out.diagnostics, fixed: out.applied }
        } else {
            let diagnostics = analysis::check(&doc, &ctx);
            FileResult::Checked { doc: Box::new(doc), diagnostics, fixed: 0 }
        }
    }
}

fn invalid_utf8(shown: &str, bytes: &[u8]) -> String {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    format!("{shown}: invalid UTF-8 at line {line} (byte offset {valid}); role files must be UTF-8")
}
