//! `--format human`: a code frame per diagnostic (annotate-snippets), then a
//! summary line. Colour only when asked for (a TTY without NO_COLOR).

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use rolekit_core::{Diagnostic, Document, Severity};

use super::{FileReport, Output, Summary};

/// Lines shown at most for a diagnostic that spans many.
const MAX_FRAME_LINES: usize = 4;
/// A frame longer than this shows only a window around the diagnostic.
const MAX_FRAME_BYTES: usize = 1024;
/// Bytes of context each side of the diagnostic in such a window.
const CONTEXT_BYTES: usize = 40;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

pub struct Human {
    renderer: Renderer,
}

impl Human {
    pub fn new(color: bool) -> Self {
        Self { renderer: if color { Renderer::styled() } else { Renderer::plain() } }
    }

    fn diagnostic(&self, path: &str, doc: &Document, d: &Diagnostic) -> String {
        let path = &*crate::discover::printable(path);
        let text = doc.text();
        let index = doc.line_index();
        let first = index.line_of(d.range.start());
        let last = index.line_of(d.range.end()).min(first + MAX_FRAME_LINES - 1);
        let mut from = index.line_start(first);
        let mut to = index.line_end(text, last).max(from);
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
            Severity::Hint => Level::HELP.with_name("hint"),
        };
        // A long line (a 300 KB flow mapping) is shown as a window around the
        // diagnostic, so thousands of them on one line stay linear; the
        // location line then gets the real column back (below).
        let line_start = from;
        let long = to - from > MAX_FRAME_BYTES;
        if long {
            from = floor_boundary(text, d.range.start().saturating_sub(CONTEXT_BYTES).max(from));
            to = ceil_boundary(text, (d.range.end().min(d.range.start() + MAX_FRAME_BYTES) + CONTEXT_BYTES).min(to));
        }
        let source = text.get(from..to).unwrap_or("");
        let start = d.range.start().clamp(from, to) - from;
        let end = d.range.end().clamp(from, to) - from;
        let mut group = level.primary_title(d.message.as_str()).id(d.rule.as_str()).element(
            Snippet::source(source)
                .line_start(first + 1)
                .path(path)
                .annotation(AnnotationKind::Primary.span(start..end)),
        );
        for r in &d.related {
            let at = match &r.location {
                Some(loc) => format!("{}: {loc}", r.message),
                None => {
                    let (line, col) = index.line_col_human(text, r.range.start());
                    format!("{} at {path}:{line}:{col}", r.message)
                }
            };
            group = group.element(Level::NOTE.message(at));
        }
        if let Some(fix) = &d.fix {
            let how = if fix.safe { " (rolekit check --fix applies it)" } else { " (suggestion)" };
            group = group.element(Level::HELP.message(format!("{}{how}", fix.description)));
        }
        let mut out = self.renderer.render(&[group]);
        if long && from > line_start {
            let (line, col) = index.line_col_human(text, d.range.start());
            let in_window = source[..start].chars().count() + 1;
            out = out.replacen(&format!("{path}:{line}:{in_window}"), &format!("{path}:{line}:{col}"), 1);
        }
        out.push_str("\n\n");
        out
    }
}

impl Output for Human {
    fn render(&self, file: &FileReport) -> String {
        file.diagnostics.iter().map(|d| self.diagnostic(file.path, file.doc, d)).collect()
    }

    fn end(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        writeln!(w, "{}", summary_line(s))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub fn summary_line(s: &Summary) -> String {
    let mut line = String::new();
    if s.fixed > 0 {
        line.push_str(&format!("Fixed {} in {}. ", plural(s.fixed, "problem"), plural(s.files_fixed, "file")));
    }
    let checked = plural(s.files, "file");
    if s.errors + s.warnings + s.infos + s.hints == 0 {
        line.push_str(&format!("No problems found ({checked} checked)."));
        return line;
    }
    let mut parts = vec![plural(s.errors, "error"), plural(s.warnings, "warning")];
    if s.infos > 0 {
        parts.push(plural(s.infos, "info"));
    }
    if s.hints > 0 {
        parts.push(plural(s.hints, "hint"));
    }
    line.push_str(&format!("Found {} ({checked} checked).", parts.join(", ")));
    line
}
